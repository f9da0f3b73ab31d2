import json

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from doggydiary.admin_lists import PageByIds, SearchMatchesFirst

from . import decisions, moderation_screen, privacy
from .models import Comment, DiscussionSettings, PendingFirst

# (button name, label, status it sets, decision function, message verb)
DECISIONS = [
    ("approve", "Approve", Comment.Status.APPROVED, decisions.approve, "Approved"),
    ("spam", "Spam", Comment.Status.SPAM, decisions.mark_spam, "Marked as spam"),
    ("trash", "Trash", Comment.Status.TRASH, decisions.trash, "Moved to trash"),
]


def _comments(count):
    return ngettext("%d comment", "%d comments", count) % count


def _emails(queryset):
    """The distinct commenters among ``queryset``: one lower-cased address each."""
    emails = queryset.order_by().values_list("email", flat=True).distinct()
    return sorted({email.lower() for email in emails if email})


@admin.register(Comment)
class CommentAdmin(SearchMatchesFirst, admin.ModelAdmin):
    list_display = [
        "status",
        "name",
        "excerpt",
        "story",
        "created_at",
        "reason_list",
        "ip_address",
        "moderate_buttons",
    ]
    list_display_links = ["name", "excerpt"]
    # No story filter or date hierarchy here: at a million comments each reads every
    # row (the moderation screen filters by story from its index).
    list_filter = ["status", "created_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "ip_address", "body"]
    # At a million comments: each page is read from an index in the list's order, and
    # counted once (with the filters), not a second time over every comment.
    paginator = PageByIds
    show_full_result_count = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = [
        "approve_comments",
        "mark_comments_as_spam",
        "trash_comments",
        "export_personal_data",
        "erase_personal_data",
    ]
    fieldsets = [
        (None, {"fields": ["story", "in_reply_to", "name", "email", "website", "body", "status"]}),
        (
            "Moderation",
            {"fields": ["reason_list", "moderated_by", "moderated_at", "audit_trail"]},
        ),
        ("Sender", {"fields": ["created_at", "ip_address", "user_agent", "user"]}),
    ]
    readonly_fields = [
        "story",
        "in_reply_to",
        "reason_list",
        "moderated_by",
        "moderated_at",
        "audit_trail",
        "created_at",
        "ip_address",
        "user_agent",
        "user",
    ]

    def get_ordering(self, request):
        if "status__exact" in request.GET:
            return ["-created_at", "-pk"]  # one status: comment_status_newest_idx's order
        # Pending first, newest first: comment_pending_first_idx's order.
        return [PendingFirst().asc(), "-created_at", "-pk"]

    def has_add_permission(self, request):
        return False  # comments come from readers, through the site

    def has_delete_permission(self, request, obj=None):
        # Deleting would take every reply with it; Trash keeps them, and the
        # privacy eraser removes a person's comments without losing others'.
        return False

    def view_on_site(self, obj):
        # Only approved comments have a public page to go to.
        if obj.status != Comment.Status.APPROVED:
            return None
        content_type = ContentType.objects.get_for_model(obj)
        return reverse("admin:view_on_site", args=[content_type.pk, obj.pk])

    @admin.display(description="comment")
    def excerpt(self, obj):
        return Truncator(obj.body).chars(80)

    @admin.display(description="story", ordering="article__title")
    def story(self, obj):
        return format_html('<a href="{}">{}</a>', obj.article.get_absolute_url(), obj.article.title)

    @admin.display(description="in reply to")
    def in_reply_to(self, obj):
        if not obj.parent_id:
            return "-"
        url = reverse("admin:comments_comment_change", args=[obj.parent_id])
        return format_html('<a href="{}">{}</a>', url, obj.parent.name)

    @admin.display(description="reasons")
    def reason_list(self, obj):
        return "; ".join(obj.reasons)

    @admin.display(description="moderate")
    def moderate_buttons(self, obj):
        return format_html_join(
            " ",
            '<button type="submit" form="moderate-form" name="{}" value="{}" class="button">'
            "{}</button>",
            (
                (name, obj.pk, label)
                for name, label, status, _, _ in DECISIONS
                if obj.status != status
            ),
        )

    @admin.display(description="history")
    def audit_trail(self, obj):
        actions = obj.actions.select_related("user")
        if not actions:
            return "No moderator has acted on this comment yet."
        return format_html(
            '<ol class="moderation-trail">{}</ol>',
            format_html_join(
                "",
                "<li>{}: {} by {}, {} → {}{}</li>",
                (
                    (
                        timezone.localtime(action.created_at).strftime("%Y-%m-%d %H:%M"),
                        action.get_kind_display(),
                        action.actor,
                        action.get_from_status_display(),
                        action.get_to_status_display(),
                        f" ({action.note})" if action.note else "",
                    )
                    for action in actions
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        new_status = obj.status
        if "status" in form.changed_data:
            obj.status = form.initial["status"]
        super().save_model(request, obj, form, change)
        if change and set(form.changed_data) - {"status"}:
            was_public = obj.status == Comment.Status.APPROVED
            decisions.edited_by_staff(obj, request.user, was_public)
        if new_status != obj.status:
            # Through decisions.moderate, which records who made the decision and when.
            decisions.moderate(Comment.objects.filter(pk=obj.pk), new_status, request.user)
            obj.status = new_status

    def get_urls(self):
        moderate = self.admin_site.admin_view(require_POST(self.moderate_view))
        return [
            path("moderate/", moderate, name="comments_comment_moderate"),
            *moderation_screen.urls(self),
            *super().get_urls(),
        ]

    def moderate_view(self, request):
        """One row's Approve, Spam or Trash button: the button's name is the decision
        and its value the comment's id."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        chosen = [decision for decision in DECISIONS if decision[0] in request.POST]
        if len(chosen) != 1:
            return HttpResponseBadRequest("Choose one of approve, spam or trash.")
        name, _, status, decide, verb = chosen[0]
        comment = self.get_object(request, request.POST[name])
        if comment is None:
            return HttpResponseBadRequest("No such comment.")
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        if decide(Comment.objects.filter(pk=comment.pk), request.user):
            messages.success(request, f"{verb}: the comment by {comment.name}.")
        else:
            messages.info(
                request, f"The comment by {comment.name} was already {status.label.lower()}."
            )
        return HttpResponseRedirect(self._back_to_list(request))

    def _back_to_list(self, request):
        for url in [request.POST.get("next"), request.META.get("HTTP_REFERER")]:
            if url and url_has_allowed_host_and_scheme(
                url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                return url
        return reverse("admin:comments_comment_changelist")

    def _decide_selected(self, request, queryset, decide, verb):
        changed = decide(queryset, request.user)
        self.message_user(request, f"{verb}: {_comments(changed)}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve_comments(self, request, queryset):
        self._decide_selected(request, queryset, decisions.approve, "Approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_comments_as_spam(self, request, queryset):
        self._decide_selected(request, queryset, decisions.mark_spam, "Marked as spam")

    @admin.action(description="Move selected comments to trash", permissions=["change"])
    def trash_comments(self, request, queryset):
        self._decide_selected(request, queryset, decisions.trash, "Moved to trash")

    @admin.action(
        description="Export personal data of the selected commenters", permissions=["change"]
    )
    def export_personal_data(self, request, queryset):
        data = {
            "exported_at": timezone.now().isoformat(),
            "commenters": [privacy.export_personal_data(email) for email in _emails(queryset)],
        }
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        filename = f"doggydiary-personal-data-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(
        description="Erase all comments and personal data of the selected commenters",
        permissions=["change"],
    )
    def erase_personal_data(self, request, queryset):
        emails = _emails(queryset)
        if request.POST.get("post") == "yes":
            erased = sum(privacy.erase_personal_data(email) for email in emails)
            who = "1 commenter" if len(emails) == 1 else f"{len(emails)} commenters"
            self.message_user(request, f"Erased {_comments(erased)} by {who}.", messages.SUCCESS)
            return None
        commenters = [(email, privacy.comments_by(email).count()) for email in emails]
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": "Erase personal data?",
            "opts": self.opts,
            "media": self.media,
            "commenters": commenters,
            "total": sum(count for _, count in commenters),
            "tombstone_name": privacy.TOMBSTONE_NAME,
            "queryset": queryset,
            "action": "erase_personal_data",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/comments/comment/erase_confirmation.html", context)


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    fieldsets = [
        ("Approval", {"fields": ["manual_approval", "approve_returning"]}),
        ("Holding and blocking", {"fields": ["hold_link_count", "moderation_words", "blocklist"]}),
        (
            "Closing and display",
            {"fields": ["close_after_days", "comments_per_page", "thread_depth"]},
        ),
        ("Notifications", {"fields": ["notify_moderators"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not DiscussionSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # There is only ever one set of rules: go straight to it.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings = DiscussionSettings.load()
        return HttpResponseRedirect(
            reverse("admin:comments_discussionsettings_change", args=[settings.pk])
        )
