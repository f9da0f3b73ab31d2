"""The story admin's extra pages: preview, revisions, compare, restore, tag suggestions."""

import difflib

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from taggit.models import Tag

from .. import editorial
from ..models import Article, Revision
from ..views import related_context


class StoryPagesMixin:
    """The extra pages, for a ModelAdmin of Article; each keeps the admin's permissions."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("preview/", wrap(self.preview_view), name="articles_article_preview_new"),
            path("<int:pk>/preview/", wrap(self.preview_view), name="articles_article_preview"),
            path(
                "<int:pk>/revisions/", wrap(self.revisions_view), name="articles_article_revisions"
            ),
            path(
                "<int:pk>/revisions/compare/",
                wrap(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "revisions/<int:revision_pk>/restore/",
                wrap(require_POST(self.restore_view)),
                name="articles_article_restore",
            ),
            path(
                "tag-suggestions/",
                wrap(self.tag_suggestions_view),
                name="articles_article_tag_suggestions",
            ),
            *super().get_urls(),
        ]

    def _editable(self, request, pk):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def preview_view(self, request, pk=None):
        """The story as readers would see it, from the saved version (GET) or from the
        form as it stands, unsaved (POST from the edit page's Preview button)."""
        if pk is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            article = Article(created_by=request.user)
        else:
            article = self._editable(request, pk)
        tags = list(article.tags.all()) if article.pk else []
        if request.method == "POST":
            article, tags = self._unsaved_edits(request, article, tags)
        response = TemplateResponse(request, "articles/story.html", _preview_context(article, tags))
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def _unsaved_edits(self, request, article, tags):
        """The story and its tags as the posted form has them, without saving."""
        form_class = self.get_form(request, article if article.pk else None)
        form = form_class(request.POST, request.FILES, instance=article)
        form.is_valid()  # fills the instance with every field that is valid
        names = form.cleaned_data.get("tags")
        if names is not None:
            tags = [Tag(name=name, slug=slugify(name)) for name in names]
        return form.instance, tags

    def revisions_view(self, request, pk):
        article = self._editable(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revisions": article.revisions.select_related("user"),
            "can_restore": self.has_change_permission(request, article),
            "title": f"Revisions of “{article.title}”",
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, pk):
        article = self._editable(request, pk)
        try:
            older = article.revisions.get(pk=int(request.GET.get("a", "")))
            newer = article.revisions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Revision.DoesNotExist):
            raise Http404("Choose two revisions of this story.") from None
        if older.created_at > newer.created_at:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "older": older,
            "newer": newer,
            "changes": _changes(older, newer),
            "title": f"Changes to “{article.title}”",
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, revision_pk):
        revision = get_object_or_404(Revision.objects.select_related("article"), pk=revision_pk)
        article = self._editable(request, revision.article_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        editorial.restore_revision(revision, request.user)
        self.message_user(request, "Restored. The story's publishing state is unchanged.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def tag_suggestions_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()[:50]
        names = []
        if term:
            names = list(
                Tag.objects.filter(name__istartswith=term)
                .order_by("name")
                .values_list("name", flat=True)[:10]
            )
        return JsonResponse({"tags": names})


def _preview_context(article, tags):
    article.slug = article.slug or "preview"
    article.update_derived_fields()
    if article.publish_at is None:
        article.publish_at = timezone.now()
    article.comment_count = 0
    return {
        "story": article,
        "tags": tags,
        **related_context(article),
        "preview": f"{article.display_status}, as it would look to readers.",
        "noindex": True,
    }


def _changes(older, newer):
    """(field label, HTML diff table) for each field that differs between two revisions."""
    changes = []
    for field in [*editorial.SNAPSHOT_FIELDS, "tags"]:
        before, after = older.data.get(field), newer.data.get(field)
        if before != after:
            table = difflib.HtmlDiff(wrapcolumn=70).make_table(
                _lines(before), _lines(after), "before", "after", context=True, numlines=2
            )
            changes.append((field.removesuffix("_id").replace("_", " "), table))
    return changes


def _lines(value):
    if value is None:
        return [""]
    if isinstance(value, list):
        return [", ".join(value)]
    text = str(value)
    return text.replace("><", ">\n<").splitlines() or [""]
