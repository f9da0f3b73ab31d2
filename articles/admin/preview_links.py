"""Shareable preview links on the story admin: make one, list them, revoke one.

Only someone who may change the story may do any of it.
"""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from .. import preview
from ..models import PreviewLink


class PreviewLinksMixin:
    """For the ModelAdmin of Article, next to StoryPagesMixin (whose ``_editable``
    it uses)."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/preview-links/",
                wrap(require_POST(self.preview_link_create_view)),
                name="articles_article_preview_link_create",
            ),
            path(
                "preview-links/<int:link_pk>/revoke/",
                wrap(require_POST(self.preview_link_revoke_view)),
                name="articles_article_preview_link_revoke",
            ),
            *super().get_urls(),
        ]

    def _changeable(self, request, pk):
        article = self._editable(request, pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def preview_link_create_view(self, request, pk):
        article = self._changeable(request, pk)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        try:
            days = int(request.POST.get("days", preview.DEFAULT_DAYS))
        except ValueError:
            days = None
        if days not in preview.LIFETIMES:
            self.message_user(request, "Choose how long the link works: 1, 7 or 30 days.",
                              messages.ERROR)  # fmt: skip
            return HttpResponseRedirect(change_url)
        note = request.POST.get("note", "").strip()[:200]
        link = preview.create_link(article, request.user, timedelta(days=days), note)
        self.message_user(
            request,
            f"Preview link made, working for {preview.LIFETIMES[days]}: "
            f"{request.build_absolute_uri(preview.link_path(link))}",
        )
        return HttpResponseRedirect(change_url + "#preview-links")

    def preview_link_revoke_view(self, request, link_pk):
        link = get_object_or_404(PreviewLink, pk=link_pk)
        article = self._changeable(request, link.article_id)
        preview.revoke_link(link)
        self.message_user(request, "Preview link withdrawn: it no longer opens the story.")
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(change_url + "#preview-links")

    def preview_links_context(self, request, article):
        links = list(article.preview_links.select_related("created_by")[:20])
        for link in links:
            link.active = preview.is_active(link)
            link.url = request.build_absolute_uri(preview.link_path(link)) if link.active else ""
        return {
            "preview_links": links,
            "preview_lifetimes": preview.LIFETIMES.items(),
            "preview_default_days": preview.DEFAULT_DAYS,
        }
