"""No commenter's email address appears on any public page, feed or JSON-LD."""

import pytest
from django.urls import reverse

from comments.tokens import pending_token

from ..factories import make_article, make_comment, make_image

pytestmark = pytest.mark.django_db

SECRET = "secret-mailbox"


def test_crawl_every_public_surface_for_emails(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    stories = [make_article(tags=["dogs"], hero_image=make_image(600, 400)) for _ in range(3)]
    comments = []
    for i, story in enumerate(stories):
        for status in ["approved", "pending", "spam", "trash"]:
            comments.append(
                make_comment(
                    story,
                    status=status,
                    email=f"{SECRET}{i}{status}@example.com",
                    website="https://reader.example",
                    body=f"{status} words",
                )  # fmt: skip
            )
        root = comments[-4]
        make_comment(story, parent=root, email=f"{SECRET}-reply{i}@example.com")
    pending = [c for c in comments if c.status == "pending"][0]
    story = stories[0]

    seen = set()
    queue = [
        reverse("articles:home"),
        reverse("articles:feed"),
        reverse("articles:atom_feed"),
        "/sitemap.xml",
        "/robots.txt",
        reverse("articles:search") + "?q=words",
        f"{story.get_absolute_url()}?pending={pending_token(pending)}",
        f"{story.get_absolute_url()}?replytocom={comments[0].pk}",
    ]
    for s in stories:
        queue += [
            reverse("comments:feed", args=[s.slug]),
            reverse("comments:atom_feed", args=[s.slug]),
        ]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body, url
        assert "@example.com" not in body, url
        # Follow every link on our own site.
        for href in _local_links(body):
            if href not in seen and not href.startswith(("/media/", "/static/", "/admin/")):
                queue.append(href)
    assert len(seen) > 20
    assert any("/comments/feed/" in url for url in seen)


def _local_links(html):
    import re
    from html import unescape

    for href in re.findall(r'href="([^"#]+)', html):
        href = unescape(href)
        if href.startswith("http://testserver"):
            href = href.removeprefix("http://testserver")
        if href.startswith("/"):
            yield href
