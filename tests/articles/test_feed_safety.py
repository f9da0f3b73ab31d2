"""Feeds say what their text is: plain text escaped, comment HTML sanitized, so no
feed reader can be handed live markup; and the magazine-wide comments feed."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Article
from comments import decisions
from comments.models import Comment, DiscussionSettings

from ..factories import make_article, make_author, make_category, make_comment

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<svg onload="alert(1)">',
    "<svg><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    "<body onload=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<embed src=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
    '<object data="javascript:alert(1)">',
    "<style>@import 'javascript:alert(1)';</style>",
    '"><img src=x onerror=alert(1)>',
    "&lt;img src=x onerror=alert(1)&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!--<img src=x onerror=alert(1)>-->",
    "]]><script>alert(1)</script>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "control \x0b\x0c\x1b characters and \ufffe",
    "https://example.com/?q=<script>alert(1)</script>",
]
DANGEROUS_TAGS = {"script", "img", "svg", "iframe", "embed", "object", "style", "math",
                  "input", "details", "body", "noscript", "div"}  # fmt: skip


class MarkupFinder(HTMLParser):
    """What a feed reader would build from a summary: the elements and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.problems.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag}[{name}]")
            if name in {"href", "src", "data"} and "script:" in (value or "").lower():
                self.problems.append(f"{tag}[{name}={value}]")


def live_markup(html):
    finder = MarkupFinder()
    finder.feed(html or "")
    finder.close()
    return finder.problems


def summaries(client, url):
    """(title, HTML summary) of every entry of the RSS or Atom feed at ``url``."""
    response = client.get(url)
    assert response.status_code == 200, url
    root = ET.fromstring(response.content)  # well-formed, whatever was typed
    if root.tag == "rss":
        return [(i.findtext("title"), i.findtext("description")) for i in root.iter("item")]
    assert root.tag == f"{ATOM}feed"
    found = []
    for entry in root.iter(f"{ATOM}entry"):
        summary = entry.find(f"{ATOM}summary")
        assert summary.get("type") == "html"
        found.append((entry.findtext(f"{ATOM}title"), summary.text))
    return found


@pytest.fixture
def hostile_magazine():
    """Every payload as a story's standfirst and title, an author's and a section's
    name, and an approved comment's body and name."""
    DiscussionSettings.load()
    section = make_category(name="<img src=x onerror=alert('section')>", slug="hostile")
    author = make_author(name="<script>alert('author')</script>", slug="hostile-author")
    story = make_article(title="Plain title", slug="plain", category=section, author=author)
    for number, payload in enumerate(PAYLOADS):
        make_article(title=payload, dek=payload, slug=f"payload-{number}", category=section,
                     author=author)  # fmt: skip
        make_comment(story, name=payload[:80], body=payload, email=f"c{number}@example.com")
    return story


def feed_urls(story):
    urls = []
    for rss, atom, args in [
        ("articles:feed", "articles:atom_feed", []),
        ("articles:section_feed", "articles:section_atom_feed", ["hostile"]),
        ("articles:author_feed", "articles:author_atom_feed", ["hostile-author"]),
        ("comments:feed", "comments:atom_feed", [story.slug]),
        ("comments:site_feed", "comments:site_atom_feed", []),
    ]:
        urls += [reverse(rss, args=args), reverse(atom, args=args)]
    return urls


def test_no_payload_becomes_live_markup_in_any_feed(client, hostile_magazine):
    checked = 0
    for url in feed_urls(hostile_magazine):
        entries = summaries(client, url)
        assert entries, url
        for _title, html in entries:
            assert live_markup(html) == [], (url, html)
            checked += 1
    assert checked >= 4 * len(PAYLOADS)


def test_plain_text_reads_as_typed(client, hostile_magazine):
    """Escaped once for the HTML, once for XML: the reader shows the characters."""
    entries = dict(summaries(client, reverse("articles:feed")))
    payload = "<img src=x onerror=alert(1)>"
    assert entries[payload] == "&lt;img src=x onerror=alert(1)&gt;"
    rss = client.get(reverse("articles:feed")).content.decode()
    assert "<dc:creator>&lt;script&gt;alert('author')&lt;/script&gt;</dc:creator>" in rss


def test_the_check_catches_an_unescaped_summary():
    """The finder is the test's eyes: it must see what a careless feed would ship."""
    assert live_markup("<img src=x onerror=alert(1)>") == ["img", "img[onerror]"]
    assert live_markup("&lt;img src=x onerror=alert(1)&gt;") == []


class TestCommentsFeedForTheWholeMagazine:
    def test_approved_comments_on_published_stories_only(self, client):
        story = make_article(title="Walkies")
        draft = make_article(title="Secret", status=Article.Status.DRAFT)
        shown = make_comment(story, name="Robin", body="Lovely walk.")
        make_comment(story, name="Pending Pat", status=Comment.Status.PENDING)
        make_comment(story, name="Spammy", status=Comment.Status.SPAM)
        make_comment(draft, name="Early bird")
        for name in ["comments:site_feed", "comments:site_atom_feed"]:
            response = client.get(reverse(name))
            text = response.content.decode()
            assert "Robin on “Walkies”" in text
            assert f"/comments/{shown.pk}/" in text
            for absent in ["Pending Pat", "Spammy", "Early bird", "sam@example.com"]:
                assert absent not in text
        assert client.get(reverse("comments:site_feed"))["Content-Type"].startswith(
            "application/rss+xml"
        )
        assert client.get(reverse("comments:site_atom_feed"))["Content-Type"].startswith(
            "application/atom+xml"
        )

    def test_newest_first_and_bounded(self, client):
        story = make_article()
        for number in range(35):
            make_comment(story, name=f"Reader {number}", body=f"Comment number {number}.")
        entries = summaries(client, reverse("comments:site_feed"))
        assert len(entries) == 30
        assert entries[0][0].startswith("Reader 34 ")

    def test_one_query(self, client, django_assert_num_queries, settings):
        settings.PAGE_CACHE = False
        story = make_article()
        make_comment(story)
        client.get(reverse("comments:site_feed"))  # reads when the next story is due, once
        with django_assert_num_queries(1):
            client.get(reverse("comments:site_feed"))

    def test_a_cached_feed_shows_a_comment_the_moment_it_is_approved(self, client, settings):
        settings.PAGE_CACHE = True
        DiscussionSettings.load()
        story = make_article()
        pending = make_comment(story, name="Patient Pip", status=Comment.Status.PENDING)
        url = reverse("comments:site_feed")
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
        assert "Patient Pip" not in client.get(url).content.decode()
        decisions.approve(Comment.objects.filter(pk=pending.pk), None)
        assert "Patient Pip" in client.get(url).content.decode()


def test_a_tag_or_author_only_drafts_have_has_no_feed(client):
    writer = make_author(slug="new-writer")
    make_article(status=Article.Status.DRAFT, author=writer, tags=["secret-tag"])
    for name, slug in [("tag", "secret-tag"), ("author", "new-writer")]:
        for kind in ("feed", "atom_feed"):
            assert client.get(reverse(f"articles:{name}_{kind}", args=[slug])).status_code == 404
    make_article(author=writer, tags=["secret-tag"])
    for name, slug in [("tag", "secret-tag"), ("author", "new-writer")]:
        assert client.get(reverse(f"articles:{name}_feed", args=[slug])).status_code == 200


def test_no_channel_description_becomes_live_markup(client, hostile_magazine):
    """RSS readers show a channel's description as HTML, as they do an item's: plain
    text there is escaped for HTML and then for XML. Atom says its subtitle is text."""
    for url in feed_urls(hostile_magazine):
        root = ET.fromstring(client.get(url).content)
        if root.tag == "rss":
            assert live_markup(root.find("channel").findtext("description")) == [], url
        else:
            subtitle = root.find(f"{ATOM}subtitle")
            assert subtitle.get("type", "text") == "text", url
    author_rss = client.get(reverse("articles:author_feed", args=["hostile-author"]))
    described = ET.fromstring(author_rss.content).find("channel").findtext("description")
    assert described == "Stories by &lt;script&gt;alert(&#x27;author&#x27;)&lt;/script&gt;."
    author_atom = client.get(reverse("articles:author_atom_feed", args=["hostile-author"]))
    subtitle = ET.fromstring(author_atom.content).findtext(f"{ATOM}subtitle")
    assert subtitle == "Stories by <script>alert('author')</script>."
