"""A story's page as stored HTML: what is the same for every reader is made once.

Most of a story's page shows the story alone: its headline, byline, picture, body,
tags, share links and author box, its social and JSON-LD metadata, and its card
under other stories. That HTML is made from the templates
(``articles/_story_parts.html``) when the story is first read after a change and
stored in ``StoryHTML``, so a page from scratch reads it with the story's row
instead of building the story, its author, section, pictures and tags as models and
running their templates (``make bench``: the 40-comment story from scratch went
from 0.040× to 0.114× the framework floor).

What it depends on deletes it when it changes (``forget``, on every save and delete
of a story, author, section, picture, tag or tagging, whoever makes it). A row is
used only by the release and site address that made it (``stamp``): a deploy or a
request for another address makes it again. The comment count in the byline is a
slot filled at each render, so comments never touch it.
"""

import logging
import re

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Q
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import mark_safe
from taggit.models import Tag

from doggydiary.dberrors import cannot_write
from doggydiary.fragments import release
from doggydiary.rows import Rows
from doggydiary.site import site_url

from .models import Article, Author, Category, Image, StoryHTML, StoryTag

logger = logging.getLogger(__name__)

_PART_MARK = re.compile(r"<!--part:(\w+)-->")
# Everything a story page's other parts read of the story (never the body: it is in
# the stored HTML).
HEAVY = {"body", "body_html", "body_text"}
STORY_FIELDS = [f.attname for f in Article._meta.concrete_fields if f.attname not in HEAVY]

_STORY = Rows(
    lambda slug, now: (
        Article.objects.published(at=now)
        .filter(slug=slug)
        .values_list(
            *STORY_FIELDS,
            "category__name",
            "category__slug",
            "stored_html__stamp",
            "stored_html__parts",
            "stored_html__threads_stamp",
            "stored_html__threads_version",
            "stored_html__threads_html",
        )
    )
)


def stamp(request):
    return f"{release()}|{site_url(request)}"


def story(request, slug):
    """(the published story at ``slug``, its stored parts) or None: one query. The
    story has its own fields only (not its body: ``parts`` holds it) and the stored
    first page of its discussion (``stored_threads``); its author, section and
    pictures are read if asked for."""
    rows = _STORY(slug=slug, now=timezone.now())
    if not rows:
        return None
    row = rows[0]
    *values, section_name, section_slug, made_by, parts = row[:-3]
    article = Article.from_db("default", STORY_FIELDS, values)
    article.category = Category(pk=article.category_id, name=section_name, slug=section_slug)
    # The first page of its discussion as stored for the comments app: (stamp,
    # version, HTML); a row made now has none yet, at version 0.
    article.stored_threads = row[-3:] if made_by is not None else ("", 0, "")
    if made_by != stamp(request) or not parts:
        parts = make(request, article.pk)
    return article, parts


def parts_of(request, article):
    """The stored parts of a saved story (made now if missing or stale)."""
    row = StoryHTML.objects.filter(article_id=article.pk).values_list("stamp", "parts").first()
    if row is not None and row[0] == stamp(request):
        return row[1]
    return make(request, article.pk)


def make(request, pk):
    """Make the story's parts from the templates and store them; the parts, or None
    if the story is gone. A database that cannot write still gets the page."""
    return _make(request, pk)[0]


def _make(request, pk):
    """(parts, card) of the story ``pk``, made and stored; (None, "") if it is gone."""
    article = Article.objects.for_detail().prefetch_related(None).filter(pk=pk).first()
    if article is None:
        return None, ""
    parts, card = render(request, article, list(article.tags.all()))
    try:
        with transaction.atomic():
            StoryHTML.objects.update_or_create(
                article_id=pk, defaults={"stamp": stamp(request), "card": card, "parts": parts}
            )
    except IntegrityError:  # another reader stored it first, or the story was deleted
        pass
    except DatabaseError as error:
        if not cannot_write(error):
            raise
        logger.info("Story %s: its HTML was made but not stored (read-only database).", pk)
    return parts, card


def render(request, article, tags):
    """({part name: HTML}, card HTML) for ``article`` with ``tags``."""
    template = get_template("articles/_story_stored.html")
    html = template.render({"story": article, "tags": tags}, request)
    pieces = _PART_MARK.split(html)[1:]
    found = dict(zip(pieces[::2], pieces[1::2], strict=True))
    card = found.pop("card")
    return found, card


def card(request, pk):
    """The card of the story ``pk``, made now (it was missing or stale)."""
    return _make(request, pk)[1]


def safe(parts):
    """The parts as markup for the template (our templates' own output)."""
    return {name: mark_safe(html) for name, html in parts.items()}  # noqa: S308


# -- What a story's stored HTML shows, and so what deletes it -----------------------


def _showing(model, instance):
    """The filter on StoryHTML for the stories whose page shows ``instance``."""
    pk = instance.pk
    if model is Article:
        return Q(article_id=pk)
    if model is Author:
        return Q(article__author_id=pk)
    if model is Category:
        return Q(article__category_id=pk)
    if model is Image:
        return (
            Q(article__hero_image_id=pk)
            | Q(article__social_image_id=pk)
            | Q(article__author__photo_id=pk)
        )
    if model is StoryTag:
        return Q(article_id=instance.content_object_id)
    if model is Tag:
        return Q(article__tagged_items__tag_id=pk)
    return None


SHOWN = (Article, Author, Category, Image, StoryTag, Tag)


def forget(sender, instance, **kwargs):
    """Signal receiver: delete the stored HTML of the stories that show ``instance``."""
    showing = _showing(sender, instance)
    if showing is None or instance.pk is None:
        return
    StoryHTML.objects.filter(showing).delete()


def forget_stories(pks):
    """After stories' shown fields were written without a save (a queryset update)."""
    StoryHTML.objects.filter(article_id__in=list(pks)).delete()


def forget_pictures(image_pks):
    """After a picture's renditions are made (a queryset update, no signal)."""
    for pk in image_pks:
        forget(Image, Image(pk=pk))
