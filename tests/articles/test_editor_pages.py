"""Pages editors write (About, Contact): served at /<slug>/ when published, never in
place of another address, sanitized like stories, revised, in the footer and the
sitemap, and in the demo."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from articles.models import Page, PageRevision

from ..factories import make_article, make_category
from ..helpers import json_ld, parse_html

pytestmark = pytest.mark.django_db


def make_page(**fields):
    fields.setdefault("title", "About us")
    fields.setdefault("slug", "about")
    fields.setdefault("body", "<p>We write about dogs.</p>")
    fields.setdefault("status", Page.Status.PUBLISHED)
    return Page.objects.create(**fields)


@pytest.fixture
def editor(client):
    user = User.objects.create_superuser("editor", "editor@example.com", "a long passphrase")
    client.force_login(user)
    return user


def test_a_published_page_is_served_at_its_slug(client):
    make_page(body='<p>We write <a href="https://example.org" onclick="x()">about</a> dogs.</p>'
              "<script>alert(1)</script>")  # fmt: skip
    response = client.get("/about/")
    assert response.status_code == 200
    tree = parse_html(response.content)
    assert "".join(tree.find(".//h1").itertext()) == "About us"
    html = response.content.decode()
    assert "onclick" not in html
    assert "alert(1)" not in html
    assert "We write" in html
    [crumbs] = json_ld(html)
    assert [item["name"] for item in crumbs["itemListElement"]] == ["Home", "About us"]


def test_a_draft_page_or_a_made_up_slug_is_a_404(client):
    make_page(status=Page.Status.DRAFT)
    assert client.get("/about/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


def test_a_page_never_hides_a_section_story_or_other_address(client):
    """Even a page stored with a clashing slug (say, made before the route existed)
    answers nothing: the other routes come first."""
    make_category(name="Dogs", slug="dogs")
    story = make_article(slug="a-story")
    make_page(title="Privacy as a page", slug="privacy")
    make_page(title="Search as a page", slug="search")
    assert "Privacy as a page" not in client.get("/privacy/").content.decode()
    assert "Search as a page" not in client.get("/search/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 200


def test_the_admin_refuses_a_slug_that_belongs_to_another_route(client, editor):
    for slug in ("story", "category", "admin", "newsletter", "privacy", "feed", "read"):
        response = client.post(
            reverse("admin:articles_page_add"),
            {
                "title": "Clash",
                "slug": slug,
                "body": "<p>x</p>",
                "status": "published",
                "footer_order": "0",
            },  # fmt: skip
        )
        assert response.status_code == 200, slug
        assert f"The address /{slug}/ belongs to another part of the site" in (
            response.content.decode()
        )
    assert not Page.objects.exists()


def test_editors_write_a_page_with_the_story_editor_and_each_save_is_a_revision(client, editor):
    add = client.get(reverse("admin:articles_page_add")).content.decode()
    assert "prose-editor" in add  # the same body editor as stories
    data = {"title": "Masthead", "slug": "masthead", "body": "<p>Editor: Ada.</p>",
            "status": "published", "in_footer": "on", "footer_order": "3",
            "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"}  # fmt: skip
    response = client.post(reverse("admin:articles_page_add"), data)
    assert response.status_code == 302
    page = Page.objects.get(slug="masthead")
    client.post(
        reverse("admin:articles_page_change", args=[page.pk]),
        {
            **data,
            "body": "<p>Editor: Bea.</p>",
            "revisions-INITIAL_FORMS": "1",
            "revisions-TOTAL_FORMS": "1",
            "revisions-0-id": str(page.revisions.get().pk),
            "revisions-0-page": str(page.pk),
        },  # fmt: skip
    )
    assert "Bea" in client.get("/masthead/").content.decode()
    change = client.get(reverse("admin:articles_page_change", args=[page.pk])).content.decode()
    assert 'href="/masthead/"' in change  # "View on site"
    first, second = PageRevision.objects.filter(page=page).order_by("pk")
    assert "Ada" in first.data["body"]
    assert "Bea" in second.data["body"]
    # Restoring asks first (a GET changes nothing), then saves it as a new revision.
    restore = reverse("admin:articles_page_restore", args=[page.pk, first.pk])
    assert "Restore this version" in client.get(restore).content.decode()
    assert "Bea" in client.get("/masthead/").content.decode()
    assert client.post(restore).status_code == 302
    assert "Ada" in client.get("/masthead/").content.decode()
    assert PageRevision.objects.filter(page=page).count() == 3


def test_the_footer_links_published_pages_in_the_editors_order(client):
    make_category()
    make_page(title="Contact", slug="contact", in_footer=True, footer_order=2)
    make_page(title="About", slug="about", in_footer=True, footer_order=1)
    make_page(title="Hidden", slug="hidden", in_footer=False)
    make_page(title="Draft", slug="draft", in_footer=True, status=Page.Status.DRAFT)
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    assert footer.index('href="/about/"') < footer.index('href="/contact/"')
    assert "/hidden/" not in footer
    assert "/draft/" not in footer
    page = Page.objects.get(slug="contact")
    page.footer_order = 0
    page.save()  # the footer changes at once
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert footer.index('href="/contact/"') < footer.index('href="/about/"')


def test_published_pages_are_in_the_sitemap(client):
    make_article()
    make_page(slug="about")
    make_page(title="Draft", slug="draft", status=Page.Status.DRAFT)
    sections = client.get("/sitemaps/sections.xml").content.decode()
    assert "http://testserver/about/" in sections
    assert "/draft/" not in sections


def test_the_demo_has_an_about_and_a_contact_page(client, settings, tmp_path):
    call_command("load_demo", scale=0.05, stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    for slug in ("about", "contact"):
        response = client.get(f"/{slug}/")
        assert response.status_code == 200
        assert f'href="/{slug}/"' in response.content.decode().split("site-footer")[1]
    assert PageRevision.objects.count() == 2
    call_command("load_demo", scale=0.05, stdout=open(tmp_path / "out", "w"))  # noqa: SIM115
    assert Page.objects.count() == 2


@pytest.mark.parametrize(("group", "allowed"), [("Editors", True), ("Contributors", False)])
def test_editors_write_pages_and_contributors_do_not(client, group, allowed):
    """The groups the migrations make: an editor (no superuser) adds a page in the admin."""
    from django.contrib.auth.models import Group

    user = User.objects.create_user("writer", "w@example.com", "a long passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    response = client.post(
        reverse("admin:articles_page_add"),
        {"title": "Masthead", "slug": "masthead", "body": "<p>Who we are.</p>",
         "status": "published", "footer_order": 0,
         "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert (response.status_code == 302) is allowed
    assert Page.objects.filter(slug="masthead").exists() is allowed
    if allowed:
        assert client.get("/masthead/").status_code == 200
