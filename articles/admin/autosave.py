"""Nothing lost while writing: the story form's autosave, "X is editing this story",
and the change form's restore offer and edit-conflict report."""

import json
import time
from datetime import UTC, datetime

from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..models import Autosave
from .conflicts import BASE_FIELD, loaded_at

PRESENCE_SECONDS = 90
MAX_AUTOSAVE_FIELDS = 400
SKIPPED_FIELDS = ("csrfmiddlewaretoken", "_")  # the token and the buttons


def _person(user):
    return user.get_full_name() or user.get_username()


def _clock(moment):
    return timezone.localtime(moment).strftime("%H:%M")


# Who has a story open: one cache entry per story, a heartbeat every ~30 s -------------


def _presence_key(article_pk):
    return f"story-editing:{article_pk}"


def _current(entries, now):
    return {uid: e for uid, e in entries.items() if e["seen"] > now - PRESENCE_SECONDS}


def mark_editing(article_pk, user, now=None):
    """Record that ``user`` has the story open; return the others who have it open.
    ``now`` (seconds since the epoch) is the clock, the present unless given."""
    now = time.time() if now is None else now
    key = _presence_key(article_pk)
    entries = _current(cache.get(key) or {}, now)
    mine = entries.get(str(user.pk))
    entries[str(user.pk)] = {
        "name": _person(user),
        "since": mine["since"] if mine else now,
        "seen": now,
    }
    cache.set(key, entries, PRESENCE_SECONDS)
    return others_editing(entries, user)


def stop_editing(article_pk, user):
    key = _presence_key(article_pk)
    entries = _current(cache.get(key) or {}, time.time())
    if entries.pop(str(user.pk), None) is not None:
        cache.set(key, entries, PRESENCE_SECONDS)


def others_editing(entries, user):
    return [
        {"name": e["name"], "since": _clock(datetime.fromtimestamp(e["since"], tz=UTC))}
        for uid, e in sorted(entries.items(), key=lambda item: item[1]["since"])
        if uid != str(user.pk)
    ]


# Autosaves -----------------------------------------------------------------------------


def _autosaves(user, article):
    found = Autosave.objects.filter(user=user)
    return found.filter(article=article) if article else found.filter(article__isnull=True)


def store_autosave(user, article, posted):
    """Keep the posted form (a QueryDict) as ``user``'s autosave of ``article`` (None
    for a story not saved yet); select boxes' shown labels come in ``_labels``."""
    fields = {
        name: values[:50]
        for name, values in list(posted.lists())[:MAX_AUTOSAVE_FIELDS]
        if not name.startswith(SKIPPED_FIELDS) or name == BASE_FIELD
    }
    try:
        labels = json.loads(posted.get("_labels") or "{}")
    except ValueError:
        labels = {}
    if not isinstance(labels, dict):
        labels = {}
    data = {"fields": fields, "labels": {str(k): v for k, v in labels.items() if k in fields}}
    base = loaded_at(posted.get(BASE_FIELD))
    earlier = list(_autosaves(user, article).order_by("-saved_at", "-pk"))
    autosave = earlier[0] if earlier else Autosave(user=user, article=article)
    Autosave.objects.filter(pk__in=[a.pk for a in earlier[1:]]).delete()
    autosave.data, autosave.base_updated_at = data, base
    autosave.save()
    return autosave


def restore_offer(user, article):
    """``user``'s autosave of the story if it is newer than the saved story."""
    autosave = _autosaves(user, article).order_by("-saved_at", "-pk").first()
    if autosave is None or (article is not None and autosave.saved_at <= article.updated_at):
        return None
    return autosave


class AutosaveMixin:
    """The endpoints and change-form context, for a ModelAdmin of Article."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "autosave/",
                wrap(require_POST(self.autosave_view)),
                name="articles_article_autosave_new",
            ),
            path(
                "<int:pk>/autosave/",
                wrap(require_POST(self.autosave_view)),
                name="articles_article_autosave",
            ),
            path(
                "<int:pk>/editing/",
                wrap(require_POST(self.editing_view)),
                name="articles_article_editing",
            ),
            *super().get_urls(),
        ]

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/admin-autosave.js", "js/admin-picker.js"],
            css={"all": ["css/admin-picker.css"]},
        )

    def _story_being_edited(self, request, pk):
        if pk is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        if not self.has_change_permission(request):
            raise PermissionDenied
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def autosave_view(self, request, pk=None):
        """Store the form as it stands (or, with ``_discard``, forget it); answers with
        the time and who else has the story open."""
        article = self._story_being_edited(request, pk)
        if request.POST.get("_discard"):
            _autosaves(request.user, article).delete()
            return JsonResponse({"discarded": True})
        autosave = store_autosave(request.user, article, request.POST)
        others = mark_editing(article.pk, request.user) if article else []
        return JsonResponse({"saved_at": _clock(autosave.saved_at), "editing": others})

    def editing_view(self, request, pk):
        """The heartbeat of an open story form; ``leaving`` says it was closed."""
        article = self._story_being_edited(request, pk)
        if request.POST.get("leaving"):
            stop_editing(article.pk, request.user)
            return JsonResponse({"editing": []})
        return JsonResponse({"editing": mark_editing(article.pk, request.user)})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        article = obj if obj is not None and obj.pk else None
        conflict = getattr(form, "conflict", None)
        if conflict is not None:
            # Yours is kept twice: in the form shown again, and as an autosave.
            store_autosave(request.user, article, form.data)
        offer = None
        if request.method == "GET":
            offer = restore_offer(request.user, article)
        context.update(
            {
                "conflict": conflict,
                "editing_now": mark_editing(article.pk, request.user) if article else [],
                "autosave_offer": offer and {"saved_at": _clock(offer.saved_at), **offer.data},
                "autosave_url": reverse("admin:articles_article_autosave", args=[article.pk])
                if article
                else reverse("admin:articles_article_autosave_new"),
                "editing_url": article
                and reverse("admin:articles_article_editing", args=[article.pk]),
                "picker_url": reverse("admin:articles_article_pictures"),
                "picture_upload_url": reverse("admin:articles_article_picture_upload")
                if request.user.has_perm("articles.add_image")
                else "",
            }
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _autosaves(request.user, obj if change else None).delete()
