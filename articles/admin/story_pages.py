"""The story admin's extra pages: preview, revisions, compare, restore, tag suggestions."""

import difflib
import re

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from taggit.models import Tag

from .. import editorial
from ..models import Article, Revision
from ..preview import preview_context, private_preview
from ..sanitize import html_to_text


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
        banner = f"{article.display_status}, as it would look to readers."
        context = preview_context(request, article, tags, banner)
        return private_preview(TemplateResponse(request, "articles/story_preview.html", context))

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
        as_html = request.GET.get("view") == "html"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "older": older,
            "newer": newer,
            "as_html": as_html,
            "changes": _changes(older, newer, as_html),
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
            tags = Tag.objects.filter(name__istartswith=term)
            if not self.can_publish(request):
                # Writers see the tags of published stories and of their own only.
                stories = Article.objects.public_or_written_by(request.user).values("pk")
                tags = tags.filter(articles_storytag_items__content_object__in=stories)
            names = list(tags.distinct().order_by("name").values_list("name", flat=True)[:10])
        return JsonResponse({"tags": names})


def _changes(older, newer, as_html=False):
    """For each field that differs between two revisions: its label and either the
    words inserted and deleted (the text of the body, not its HTML), or with
    ``as_html`` the stored values side by side, line by line."""
    changes = []
    for field in [*editorial.SNAPSHOT_FIELDS, "tags"]:
        before, after = older.data.get(field), newer.data.get(field)
        if before == after:
            continue
        if as_html:
            shown = difflib.HtmlDiff(wrapcolumn=70).make_table(
                _lines(before), _lines(after), "before", "after", context=True, numlines=2
            )
            shown = mark_safe(shown)  # HtmlDiff escapes the values it shows
        else:
            shown = word_diff(_text(field, before), _text(field, after))
        changes.append((field.removesuffix("_id").replace("_", " "), shown))
    return changes


def word_diff(before, after):
    """``after`` compared with ``before`` word by word, as escaped HTML with the
    deleted words in <del> and the inserted ones in <ins>; line breaks are kept."""
    old, new = _words(before), _words(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_joined(old[i1:i2]))
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", _joined(old[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", _joined(new[j1:j2])))
    return mark_safe(" ".join(parts))


def _words(text):
    return re.findall(r"\n|[^\s]+", text)


def _joined(words):
    return mark_safe(" ".join("<br>" if word == "\n" else escape(word) for word in words))


def _text(field, value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    return html_to_text(value) if field == "body" else str(value)


def _lines(value):
    if value is None:
        return [""]
    if isinstance(value, list):
        return [", ".join(value)]
    text = str(value)
    return text.replace("><", ">\n<").splitlines() or [""]
