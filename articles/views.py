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
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from taggit.models import Tag

from doggydiary.caching import CACHE_ERRORS, is_personal, set_reader_cache_headers
from doggydiary.fragments import kept
from doggydiary.site import page_number

from . import images, story_parts, tasks
from .models import Article, Author, Category, Image, SlugRedirect
from .pagination import paginate
from .related import related_to


def related_context(article):
    """ "More like this" (three with pictures) and "Related posts" (six more)."""
    related = related_to(article, limit=9) if article.pk else []
    more_like_this = [story for story in related if story.hero_image_id][:3]
    return {
        "more_like_this": more_like_this,
        "related_posts": [story for story in related if story not in more_like_this][:6],
    }


def section_neighbours(article):
    """(next, previous) in the story's section as its archive lists it, newest first:
    the next is the older story; after the section's oldest, its newest (or the
    magazine's newest), so every story ends with one to read next."""
    public = Article.objects.published().only("title", "slug", "publish_at", "category")
    section = public.filter(category_id=article.category_id).exclude(pk=article.pk)
    when, pk = article.publish_at, article.pk
    older = Q(publish_at__lt=when) | Q(publish_at=when, pk__lt=pk)
    newer = Q(publish_at__gt=when) | Q(publish_at=when, pk__gt=pk)
    following = section.filter(older).first()
    previous = section.filter(newer).order_by("publish_at", "pk").first()
    if following is None:
        following = (section if previous else public.exclude(pk=pk)).first()
    return following, previous


def related_html(request, article):
    """The story's next and previous in its section and its related stories, as HTML
    made again only when the magazine's content or its comments change."""

    def make():
        following, previous = section_neighbours(article) if article.pk else (None, None)
        context = {**related_context(article), "story": article, "next_story": following,
                   "previous_story": previous}  # fmt: skip
        html = render_to_string("articles/_related.html", context, request)
        return mark_safe(html)  # noqa: S308 (our template's own output)

    return kept("related", make, pk=article.pk)


def story_context(request, article, **options):
    """Everything the story page shows; the parts other apps add (the discussion)
    come from ``story_parts`` and may take ``options`` such as a bound comment form."""
    return {
        "story": article,
        # Kept with the story by published_story; read now for one from elsewhere.
        "tags": article.page_tags if hasattr(article, "page_tags") else list(article.tags.all()),
        # A reader's own view of the page (their pending comment, a reply form) is
        # not for search engines.
        "noindex": is_personal(request) or "replytocom" in request.GET,
        "related_html": related_html(request, article),
        **story_parts.context_for(request, article, **options),
    }


def published_story(slug):
    """The published story at ``slug`` with all its page shows of it (author, section,
    pictures, tags), kept until the content or its comments change."""
    return kept("story", lambda: _story_with_tags(slug), slug=slug)


def _story_with_tags(slug):
    # get() on the unique slug (no ORDER BY to build) and the tags read as a list,
    # not prefetched: the same two queries, with half the ORM work of making them.
    try:
        story = Article.objects.published().for_detail().prefetch_related(None).get(slug=slug)
    except Article.DoesNotExist:
        return None
    story.page_tags = list(story.tags.all())
    return story


def moved_story(slug):
    """The published story whose old address used ``slug``, or None."""
    moved = SlugRedirect.objects.filter(
        old_slug=slug, article__in=Article.objects.published()
    ).select_related("article")
    return moved[0].article if moved else None


@require_safe
def story_detail(request, slug):
    article = published_story(slug)
    if article is None:
        moved = moved_story(slug)
        if moved is not None:
            return redirect(moved, permanent=True)
        raise Http404("No such story.")
    response = render(request, "articles/story.html", story_context(request, article))
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
