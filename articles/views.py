import mimetypes
from contextlib import suppress

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from taggit.models import Tag

from doggydiary.caching import CACHE_ERRORS, is_personal, set_reader_cache_headers
from doggydiary.fragments import kept
from doggydiary.rows import Row, Rows
from doggydiary.site import page_number

from . import images, related, stored, story_parts, tasks
from .models import Article, Author, Category, Image, SlugRedirect
from .pagination import paginate


def _related_rows(ids, now):
    return (
        Article.objects.published(at=now)
        .filter(pk__in=ids)
        .values_list(
            "pk", "slug", "title", "dek", "hero_image_id", "stored_html__stamp", "stored_html__card"
        )
    )


def _newer_rows(section, when, pk, now):
    # One range of the section's index (category, status, publish time, id) from the
    # story's time to now, the tie on the time broken by id: an OR across the two would
    # make SQLite sort every newer story in the section (25 ms at 100,000 stories).
    return (
        Article.objects.published(at=now)
        .filter(Q(publish_at__gt=when) | Q(pk__gt=pk), category_id=section, publish_at__gte=when)
        .exclude(pk=pk)
        .order_by("publish_at", "pk")
        .values_list("slug", "title", "category_id")[:1]
    )


def _older_rows(section, when, until, pk):
    # The same range down from the story's time (``until``: the earlier of it and now,
    # so a scheduled story's preview shows no story that is not public yet); with now
    # as its upper end, it would start at the section's newest.
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, category_id=section)
        .filter(Q(publish_at__lt=when) | Q(pk__lt=pk), publish_at__lte=until)
        .exclude(pk=pk)
        .order_by("-publish_at", "-pk")
        .values_list("slug", "title", "category_id")[:1]
    )


_RELATED = Rows(_related_rows, named=True)
_NEWER, _OLDER = Rows(_newer_rows, named=True), Rows(_older_rows, named=True)
_NEWEST_IN_SECTION = Rows(
    lambda section, pk, now: (
        Article.objects.published(at=now)
        .filter(category_id=section)
        .exclude(pk=pk)
        .order_by("-publish_at", "-pk")
        .values_list("slug", "title", "category_id")[:1]
    ),
    named=True,
)
_NEWEST = Rows(
    lambda pk, now: (
        Article.objects.published(at=now)
        .exclude(pk=pk)
        .order_by("-publish_at", "-pk")
        .values_list("slug", "title", "category_id")[:1]
    ),
    named=True,
)


def _first(rows):
    return rows[0] if rows else None


def section_neighbours(article):
    """(next, previous) in the story's section as its archive lists it, newest first:
    the next is the older story; after the section's oldest, its newest (or the
    magazine's newest), so every story ends with one to read next. Plain rows
    (slug, title, category_id)."""
    now, section, pk = timezone.now(), article.category_id, article.pk or 0
    when = article.publish_at or now
    following = _first(_OLDER(section=section, when=when, until=min(when, now), pk=pk))
    previous = _first(_NEWER(section=section, when=when, pk=pk, now=now))
    if following is None:
        if previous is not None:
            following = _first(_NEWEST_IN_SECTION(section=section, pk=pk, now=now))
        else:
            following = _first(_NEWEST(pk=pk, now=now))
    return following, previous


def related_stories(request, article, limit=9):
    """Up to ``limit`` published stories related to ``article``, best first, as plain
    rows with their stored cards (made now for one that has none)."""
    ids = [pk for pk in related.related_ids(article) if isinstance(pk, int)][: related.STORED]
    if not ids:
        return []
    found = {row.pk: row for row in _RELATED(ids=ids, now=timezone.now())}
    current, stories = stored.stamp(request), []
    for pk in ids:
        if pk in found:
            row = found[pk]
            card = row.stored_html_card if row.stored_html_stamp == current else None
            card = mark_safe(card or stored.card(request, pk))  # noqa: S308 (our templates')
            stories.append(Row(row, stored_html_card=card))
    return stories[:limit]


def related_context(request, article):
    """What ``articles/_related.html`` shows under a story: its next and previous in
    its section, "More like this" (three with pictures, as their stored cards) and
    "Related posts" (six more), from plain rows at each render."""
    following, previous, stories = None, None, []
    if article.pk:  # (a preview of a story never saved has none)
        following, previous = section_neighbours(article)
        stories = related_stories(request, article)
    more_like_this = [story for story in stories if story.hero_image_id][:3]
    return {
        "section": article.category if article.category_id else None,
        "next_story": following,
        "previous_story": previous,
        "more_like_this": more_like_this,
        "related_posts": [story for story in stories if story not in more_like_this][:6],
    }


def story_context(request, article, parts=None, **options):
    """Everything the story page shows: the story's stored parts (``parts``, read now
    if not given), the related stories, and the parts other apps add (the
    discussion), from ``story_parts``, which may take ``options`` such as a bound
    comment form."""
    if parts is None:
        parts = stored.parts_of(request, article)
    return {
        "story": article,
        "stored": stored.safe(parts),
        # A reader's own view of the page (their pending comment, a reply form) is
        # not for search engines.
        "noindex": is_personal(request) or "replytocom" in request.GET,
        "related": related_context(request, article),
        **story_parts.context_for(request, article, **options),
    }


def moved_story(slug):
    """The published story whose old address used ``slug``, or None."""
    moved = SlugRedirect.objects.filter(
        old_slug=slug, article__in=Article.objects.published()
    ).select_related("article")
    return moved[0].article if moved else None


@require_safe
def story_detail(request, slug):
    found = stored.story(request, slug)
    if found is None or found[1] is None:
        moved = moved_story(slug)
        if moved is not None:
            return redirect(moved, permanent=True)
        raise Http404("No such story.")
    article, parts = found
    response = render(request, "articles/story.html", story_context(request, article, parts))
    return set_reader_cache_headers(request, response)


def _archive(
    request, *, heading, description, stories, feed_url, kind, subject, current_nav=None,
    only_if_published=False,
):  # fmt: skip
    def make():
        page = paginate(
            request,
            stories,
            fetch=Article.objects.published().for_listing(),
            count_key=f"{kind}:{subject.pk}",
            per_page=settings.ARTICLES_PER_PAGE,
        )
        if only_if_published and not page.object_list:
            # A tag or an author only drafts have is nobody's business yet.
            raise Http404("No published story yet.")
        html = render_to_string("articles/_archive_listing.html", {"page": page}, request)
        pictured = next((story for story in page.object_list if story.hero_image_id), None)
        return {
            "html": mark_safe(html),  # noqa: S308 (our template's own output)
            "image": pictured.hero_image if pictured else None,
        }

    number = page_number(request.GET.get("page"))
    return render(
        request,
        "articles/archive.html",
        {
            "heading": heading,
            "description": description,
            "listing": kept("archive", make, kind=kind, slug=subject.slug, page=number),
            "page_number": number,
            "feed_url": feed_url,
            "kind": kind,
            "subject": subject,
            "current_nav": current_nav,
        },
    )


@require_safe
def section_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    return _archive(
        request,
        heading=category.name,
        description=category.description,
        stories=Article.objects.published().filter(category=category),
        feed_url=reverse("articles:section_feed", kwargs={"slug": category.slug}),
        kind="section",
        subject=category,
        current_nav=category.slug,
    )


@require_safe
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    return _archive(
        request,
        heading=f"Stories tagged “{tag.name}”",
        description=f"Every Doggy Diary story about {tag.name}.",
        stories=Article.objects.published().tagged(tag),
        feed_url=reverse("articles:tag_feed", kwargs={"slug": tag.slug}),
        kind="tag",
        subject=tag,
        only_if_published=True,
    )


@require_safe
def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    return _archive(
        request,
        heading=author.name,
        description=author.bio,
        stories=Article.objects.published().filter(author=author),
        feed_url=reverse("articles:author_feed", kwargs={"slug": author.slug}),
        kind="author",
        subject=author,
        only_if_published=True,
    )


@require_safe
def media_file(request, path):
    """Serve media from storage in embedded mode (and renditions behind a proxy that
    serves a shared folder, as its fallback).

    Renditions are named by content, so they may be cached forever; only sizes that
    the site itself would ask for are answered. One not made yet is asked of the task
    worker (once) and answered, for now, by a redirect to the original.
    """
    parsed = images.parse_rendition_path(path)
    if parsed:
        pk, key, spec, width, ext = parsed
        image = Image.objects.filter(pk=pk).first()
        if (
            image is None
            or images.rendition_key(image) != key
            or width not in images.widths_for(image, spec)
        ):
            raise Http404("No such picture.")
        if not _stored(path):
            return _original_meanwhile(image)
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if not content_type.startswith("image/") or content_type == "image/svg+xml":
        raise Http404("No such file.")
    if not _stored(path):
        raise Http404("No such file.")
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    if parsed:
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _stored(path):
    try:
        return default_storage.exists(path)
    except Exception:  # SuspiciousFileOperation and friends: the path leaves the storage.
        return False


def _original_meanwhile(image):
    """Queue the renditions (once a minute at most, however many readers ask) and send
    the reader to the original. Never a 500: not with a read-only database, nor with
    the cache down."""
    key = images.rendition_key(image)
    lock = f"renditions-queued:{image.pk}:{key}"
    try:
        queue = cache.add(lock, 1, 60)
    except CACHE_ERRORS:
        queue = True  # a task too many does no harm: what exists is not made again
    if queue:
        try:
            tasks.make_renditions.enqueue(image.pk, key)
        except DatabaseError:
            with suppress(*CACHE_ERRORS):
                cache.delete(lock)  # the next reader asks again
    response = redirect(image.file.url)
    add_never_cache_headers(response)
    return response
