"""Review on the story admin: editors hear of a submitted story, and an editor can
send it back to its writer with a note."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from .. import editorial
from ..models import Article


class ReviewMixin:
    """For the ModelAdmin of Article, next to StoryPagesMixin (whose ``_editable``
    it uses)."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/send-back/", wrap(self.send_back_view), name="articles_article_send_back"
            ),
            *super().get_urls(),
        ]

    def _change_link(self, request, article):
        return request.build_absolute_uri(
            reverse("admin:articles_article_change", args=[article.pk])
        )

    def notify_review(self, request, form):
        """After a save: tell the editors when it put the story in review, by the
        Submit button or by the status field."""
        article = form.instance
        in_review = article.status == Article.Status.REVIEW
        if in_review and form.initial.get("status") != Article.Status.REVIEW:
            editorial.notify_submitted(article, request.user, self._change_link(request, article))

    def send_back_view(self, request, pk):
        article = self._editable(request, pk)
        if not (self.can_publish(request) and self.has_change_permission(request, article)):
            raise PermissionDenied
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if article.status != Article.Status.REVIEW:
            self.message_user(request, "Only a story in review can be sent back.", messages.WARNING)
            return HttpResponseRedirect(change_url)
        note = request.POST.get("note", "").strip() if request.method == "POST" else ""
        error = ""
        if request.method == "POST":
            if not note:
                error = "Write a note saying what to change: the writer will receive it."
            elif len(note) > editorial.REVIEW_NOTE_MAX:
                error = (
                    f"Keep the note under {editorial.REVIEW_NOTE_MAX} characters "
                    f"(it has {len(note)})."
                )
            else:
                link = self._change_link(request, article)
                editorial.send_back(article, request.user, note, link)
                self.message_user(request, "Sent back to the writer as a draft, with your note.")
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "note": note,
            "error": error,
            "note_max": editorial.REVIEW_NOTE_MAX,
            "title": f"Send “{article.title}” back",
        }
        return TemplateResponse(request, "admin/articles/article/send_back.html", context)

    def review_context(self, request, article):
        """What the change form shows about review: the last note a story was sent
        back with, and whether this user may send it back."""
        return {
            "sent_back": editorial.latest_send_back(article),
            "can_send_back": article.status == Article.Status.REVIEW and self.can_publish(request),
            "review_note_max": editorial.REVIEW_NOTE_MAX,
        }
