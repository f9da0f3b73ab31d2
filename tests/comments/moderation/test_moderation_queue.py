"""The admin comment queue: who may open it, its order, rows, search, filters and query count."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment

from ...factories import make_article, make_comment
from ...helpers import CHANGELIST, MODERATE, parse_html

pytestmark = pytest.mark.django_db


def created(comment, ago):
    """Backdate a comment; created_at is set on insert, so update it afterwards."""
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - ago)
    comment.refresh_from_db()
    return comment


def result_pks(response):
    return [comment.pk for comment in response.context["cl"].result_list]


def test_moderators_group_has_exactly_the_four_comment_permissions():
    group = Group.objects.get(name="Moderators")
    granted = {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }
    assert granted == {
        "comments.view_comment",
        "comments.change_comment",
        "comments.view_discussionsettings",
        "comments.change_discussionsettings",
    }


def test_moderator_opens_comments_and_settings_but_not_stories(moderator_client, story):
    comment = make_comment(story)

    assert moderator_client.get(reverse(CHANGELIST)).status_code == 200
    change = reverse("admin:comments_comment_change", args=[comment.pk])
    assert moderator_client.get(change).status_code == 200
    settings_page = moderator_client.get(
        reverse("admin:comments_discussionsettings_changelist"), follow=True
    )
    assert settings_page.status_code == 200
    assert moderator_client.get(reverse("admin:articles_article_changelist")).status_code == 403
    article_change = reverse("admin:articles_article_change", args=[story.pk])
    assert moderator_client.get(article_change).status_code == 403


def test_nobody_adds_comments_through_the_admin(moderator_client, admin_client):
    add = reverse("admin:comments_comment_add")
    assert moderator_client.get(add).status_code == 403
    assert admin_client.get(add).status_code == 403
    assert b'href="' + add.encode() not in admin_client.get(reverse(CHANGELIST)).content


def test_pending_comments_come_first_then_newest(moderator_client, story):
    old_pending = created(make_comment(story, status="pending"), timedelta(days=3))
    new_approved = created(make_comment(story, status="approved"), timedelta(hours=1))
    new_pending = created(make_comment(story, status="pending"), timedelta(days=1))
    old_spam = created(make_comment(story, status="spam"), timedelta(days=5))

    response = moderator_client.get(reverse(CHANGELIST))

    assert result_pks(response) == [new_pending.pk, old_pending.pk, new_approved.pk, old_spam.pk]


def test_each_row_has_the_buttons_for_the_other_statuses(moderator_client, story):
    comment = make_comment(story, status="approved", reasons=["contains 2 links"])

    response = moderator_client.get(reverse(CHANGELIST))

    tree = parse_html(response.content)
    forms = {form.get("id"): form for form in tree.iter("form")}
    moderate_form = forms["moderate-form"]
    assert moderate_form.get("action") == reverse(MODERATE)
    assert moderate_form.find(".//input[@name='csrfmiddlewaretoken']") is not None
    changelist_form = forms["changelist-form"]
    assert moderate_form not in changelist_form.iter("form")
    buttons = [b for b in changelist_form.iter("button") if b.get("form") == "moderate-form"]
    assert {(b.get("name"), b.get("value")) for b in buttons} == {
        ("spam", str(comment.pk)),
        ("trash", str(comment.pk)),
    }
    assert all(b.get("type") == "submit" for b in buttons)
    assert b"contains 2 links" in response.content
    assert story.get_absolute_url().encode() in response.content


def test_view_on_site_only_for_approved_comments(moderator_client, story):
    approved = make_comment(story, status="approved")
    pending = make_comment(story, status="pending")

    def has_view_on_site(comment):
        page = moderator_client.get(reverse("admin:comments_comment_change", args=[comment.pk]))
        return b'class="viewsitelink"' in page.content

    assert has_view_on_site(approved)
    assert not has_view_on_site(pending)


def test_pending_count_is_in_the_header_of_every_admin_page(moderator_client, story):
    first = make_comment(story, status="pending")
    make_comment(story, status="pending")
    make_comment(story, status="approved")
    link = reverse("admin:comments_comment_moderation")  # the keyboard screen

    index = moderator_client.get(reverse("admin:index")).content.decode()
    assert f'href="{link}"' in index
    assert "Comments awaiting moderation: 2" in index
    assert "Doggy Diary admin" in index

    moderator_client.post(reverse(MODERATE), {"approve": first.pk})
    settings_page = moderator_client.get(
        reverse("admin:comments_discussionsettings_changelist"), follow=True
    )
    assert "Comments awaiting moderation: 1" in settings_page.content.decode()


def test_pending_count_is_not_shown_to_staff_who_cannot_see_comments(client, django_user_model):
    make_comment(status="pending")
    writer = django_user_model.objects.create_user("writer", password="pw", is_staff=True)
    writer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(writer)

    page = client.get(reverse("admin:index")).content.decode()

    assert "awaiting moderation" not in page
    assert "Doggy Diary admin" in page


@pytest.mark.parametrize("query", ["Walker@Example.org", "198.51.100.23"])
def test_search_finds_a_comment_by_email_or_ip(moderator_client, story, query):
    wanted = make_comment(story, email="walker@example.org", ip_address="198.51.100.23")
    make_comment(story, email="someone@example.org", ip_address="203.0.113.9")

    response = moderator_client.get(reverse(CHANGELIST), {"q": query})

    assert result_pks(response) == [wanted.pk]


def test_filters_by_status(moderator_client, story):
    pending = make_comment(story, status="pending")
    make_comment(story, status="approved")

    response = moderator_client.get(reverse(CHANGELIST), {"status__exact": "pending"})

    assert result_pks(response) == [pending.pk]


def count_changelist_queries(client, comments, story):
    Comment.objects.bulk_create(
        Comment(
            article=make_article() if n % 2 else story,
            name=f"Reader {n}",
            email=f"r{n}@example.org",
            body="Good dog.",
            body_html="<p>Good dog.</p>",
            status=["pending", "approved"][n % 2],
        )
        for n in range(comments)
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == comments
    return len(queries)


def test_changelist_queries_do_not_grow_with_the_comments(moderator_client, story):
    """Each row shows its story: without list_select_related that is one query a row.

    The seven: session, user, the user's and the group's permissions, the (filtered)
    count, the page of comments with their stories, the pending count in the header.
    (No count of every comment beside the filtered one, no story filter or date
    hierarchy: at a million comments each read every row.)"""
    few = count_changelist_queries(moderator_client, 3, story)
    Comment.objects.all().delete()
    many = count_changelist_queries(moderator_client, 30, story)

    assert few == many == 7
