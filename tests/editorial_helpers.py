"""Users in each newsroom role, and the story form as the admin posts it."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article


def make_user(username, group=None, **fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "a-long-test-password", is_staff=True, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def story_form(article=None, **overrides):
    """The fields the story change form posts, filled from ``article`` or defaults."""
    data = {
        "title": "A new story",
        "slug": "a-new-story",
        "dek": "A standfirst.",
        "body": "<p>Body text.</p>",
        "hero_image": "",
        "author": "",
        "category": "",
        "tags": "dogs",
        "status": "draft",
        "publish_at_0": "",
        "publish_at_1": "",
        "comments_open": "on",
        "seo_title": "",
        "seo_description": "",
        "social_image": "",
        "pinned_relations-TOTAL_FORMS": "0",
        "pinned_relations-INITIAL_FORMS": "0",
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            dek=article.dek,
            body=article.body,
            hero_image=article.hero_image_id or "",
            author=article.author_id,
            category=article.category_id,
            tags=", ".join(tag.name for tag in article.tags.all()),
            status=article.status,
            comments_open="on" if article.comments_open else "",
        )
        if article.publish_at:
            data["publish_at_0"] = article.publish_at.strftime("%d/%m/%Y")
            data["publish_at_1"] = article.publish_at.strftime("%H:%M:%S")
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def status_of(article):
    return Article.objects.get(pk=article.pk).status
