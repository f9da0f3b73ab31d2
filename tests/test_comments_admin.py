"""The moderation queue in the admin: what a Moderators-group member can do and see."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment, DiscussionSettings

from .browser_helpers import log_in
from .factories import make_article
from .pages import parse_html

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"
MODERATE = "admin:comments_comment_moderate"


def make_comment(article=None, **fields):
    fields.setdefault("name", "Reader")
    fields.setdefault("email", "reader@example.org")
    fields.setdefault("body", "What a good dog.")
    return Comment.objects.create(article=article or make_article(), **fields)


def created(comment, ago):
    """Backdate a comment; created_at is set on insert, so update it afterwards."""
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - ago)
    comment.refresh_from_db()
    return comment


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def story():
    return make_article(title="The dog who learned to surf")


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


@pytest.mark.parametrize(
    ("button", "status"), [("approve", "approved"), ("spam", "spam"), ("trash", "trash")]
)
def test_row_button_moderates_one_comment(moderator_client, moderator, story, button, status):
    comment = make_comment(story, status="pending")
    other = make_comment(story, status="pending")
    back = reverse(CHANGELIST) + "?status__exact=pending&q=dog"

    response = moderator_client.post(reverse(MODERATE), {button: comment.pk, "next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by == moderator
    assert timezone.now() - comment.moderated_at < timedelta(minutes=1)
    other.refresh_from_db()
    assert (other.status, other.moderated_by) == ("pending", None)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        {"approve": "Approved", "spam": "Marked as spam", "trash": "Moved to trash"}[button]
        + ": the comment by Reader."
    ]


def test_row_button_posts_the_csrf_token_from_the_page(moderator, story):
    comment = make_comment(story, status="pending")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)

    page = browser.get(reverse(CHANGELIST)).content.decode()
    moderate_form = re.search(r'<form id="moderate-form".*?</form>', page, re.DOTALL).group()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', moderate_form).group(1)

    refused = browser.post(reverse(MODERATE), {"approve": comment.pk})
    assert refused.status_code == 403
    response = browser.post(
        reverse(MODERATE), {"approve": comment.pk, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"


def test_moderate_url_accepts_only_post(moderator_client, story):
    comment = make_comment(story, status="pending")

    response = moderator_client.get(reverse(MODERATE), {"approve": comment.pk})

    assert response.status_code == 405
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_moderate_refuses_a_user_who_may_only_view(client, django_user_model, story):
    viewer = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    comment = make_comment(story, status="pending")

    assert client.get(reverse(CHANGELIST)).status_code == 200
    assert client.post(reverse(MODERATE), {"approve": comment.pk}).status_code == 403
    response = client.post(
        reverse(CHANGELIST), {"action": "approve_comments", "_selected_action": [comment.pk]}
    )
    assert response.status_code == 200  # the changelist again: no such action for viewers
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_moderate_goes_back_to_the_queue_not_elsewhere(moderator_client, story):
    comment = make_comment(story, status="pending")

    response = moderator_client.post(
        reverse(MODERATE),
        {"spam": comment.pk, "next": "https://elsewhere.example/"},
        HTTP_REFERER="https://elsewhere.example/",
    )

    assert response["Location"] == reverse(CHANGELIST)


@pytest.mark.parametrize(
    "data",
    [{}, {"approve": "not-a-number"}, {"approve": "999999"}, {"approve": "1", "spam": "1"}],
    ids=["no-decision", "bad-id", "missing", "two-decisions"],
)
def test_moderate_rejects_malformed_requests(moderator_client, data):
    assert moderator_client.post(reverse(MODERATE), data).status_code == 400


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve_comments", "approved", "Approved: 2 comments."),
        ("mark_comments_as_spam", "spam", "Marked as spam: 2 comments."),
        ("trash_comments", "trash", "Moved to trash: 2 comments."),
    ],
)
def test_bulk_actions_report_how_many_changed(
    moderator_client, moderator, story, action, status, message
):
    already = make_comment(story, status=status)
    chosen = [make_comment(story, status="pending") for _ in range(2)]
    untouched = make_comment(story, status="pending")

    response = moderator_client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [c.pk for c in [already, *chosen]]},
        follow=True,
    )

    assert message in [str(m) for m in response.context["messages"]]
    for comment in chosen:
        comment.refresh_from_db()
        assert (comment.status, comment.moderated_by) == (status, moderator)
    already.refresh_from_db()
    assert already.moderated_by is None
    untouched.refresh_from_db()
    assert untouched.status == "pending"


def test_changing_status_in_the_form_is_recorded_as_moderation(moderator_client, moderator, story):
    comment = make_comment(story, status="pending", ip_address="192.0.2.7")
    change = reverse("admin:comments_comment_change", args=[comment.pk])

    response = moderator_client.post(
        change,
        {
            "name": comment.name,
            "email": comment.email,
            "website": "",
            "body": "What a good dog, edited.",
            "status": "approved",
            "ip_address": "203.0.113.1",
        },
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "approved"
    assert comment.moderated_by == moderator
    assert comment.body_html == "<p>What a good dog, edited.</p>"
    assert comment.ip_address == "192.0.2.7"  # read-only


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
    link = reverse(CHANGELIST) + "?status__exact=pending"

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


def test_discussion_settings_are_a_singleton(moderator_client, admin_client):
    DiscussionSettings.objects.all().delete()
    changelist = reverse("admin:comments_discussionsettings_changelist")
    change = reverse("admin:comments_discussionsettings_change", args=[1])

    response = moderator_client.get(changelist)

    assert response.status_code == 302
    assert response["Location"] == change
    assert DiscussionSettings.objects.count() == 1
    add = reverse("admin:comments_discussionsettings_add")
    assert admin_client.get(add).status_code == 403
    delete = reverse("admin:comments_discussionsettings_delete", args=[1])
    assert admin_client.get(delete).status_code == 403
    assert b"deletelink" not in admin_client.get(change).content


def test_moderator_changes_the_discussion_settings(moderator_client):
    change = reverse(
        "admin:comments_discussionsettings_change", args=[DiscussionSettings.load().pk]
    )
    page = moderator_client.get(change).content.decode()
    for heading in ["Approval", "Holding and blocking", "Closing and display", "Notifications"]:
        assert f">{heading}<" in page

    response = moderator_client.post(
        change,
        {
            "hold_link_count": "3",
            "moderation_words": "squirrel",
            "blocklist": "",
            "close_after_days": "",
            "comments_per_page": "20",
            "thread_depth": "2",
        },
    )

    assert response.status_code == 302
    rules = DiscussionSettings.load()
    assert (rules.manual_approval, rules.hold_link_count, rules.thread_depth) == (False, 3, 2)
    assert rules.moderation_list == ["squirrel"]


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

    The eleven: session, user, the user's and the group's permissions, the stories
    for the filter, the filtered and total counts, the page of comments with their
    stories, the pending count in the header, the date hierarchy's range and days."""
    few = count_changelist_queries(moderator_client, 3, story)
    Comment.objects.all().delete()
    many = count_changelist_queries(moderator_client, 30, story)

    assert few == many == 11


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_moderator_clicks_approve_in_a_browser(live_server, browser_page, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password")
    comment = make_comment(name="Pat", status="pending")
    page = browser_page
    log_in(page, live_server.url, "chief", "a-long-password")

    page.goto(live_server.url + reverse(CHANGELIST) + "?status__exact=pending")
    with page.expect_navigation():
        page.click(f"button[name=approve][value='{comment.pk}']")

    assert page.url.endswith("?status__exact=pending")
    assert "Approved: the comment by Pat." in page.locator(".messagelist").inner_text()
    assert page.locator("#pending-comments").text_content() == "Comments awaiting moderation: 0"
    comment.refresh_from_db()
    assert comment.status == "approved"
