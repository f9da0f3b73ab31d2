"""Every side effect of ``Article.save`` / ``Page.save`` the importer reproduces for the
rows it writes in bulk, in one place (so that a change to how stories keep their derived
data, such as an explicit after-save step, is adapted here only):

- ``derive``: sanitized body, plain text, reading time (``update_derived_fields``), with
  the import's pictures handed over instead of a query per story;
- ``finish``: the search index, comment counts and related rankings of the imported
  stories, in bulk (the generator's paths), and the cache generations.
"""

import math

from django.db import connection

from articles import editorial, generations
from articles.models import WORDS_PER_MINUTE, Article
from articles.sanitize import html_to_text, sanitize_body
from articles.search import index as search_index
from comments.changes import store_counts
from tools.generator import ranking
from tools.generator.build import LOADERS

CHUNK = 2_000


def derive(obj, pictures):
    """Fill ``obj``'s derived body fields as its ``save()`` would."""
    obj.body_html = sanitize_body(obj.body, pictures=pictures)
    obj.body_text = html_to_text(obj.body_html)
    if isinstance(obj, Article):
        words = len(obj.body_text.split())
        obj.reading_time = max(1, math.ceil(words / WORDS_PER_MINUTE))


def saved_one_by_one(article):
    """An updated story is saved as the admin saves one: ``save()``, then the one
    after-save step (tag rows, old address, search index)."""
    old_slug = editorial.public_slug(article)
    article.save()
    editorial.story_saved(article, old_slug=old_slug)


def finish(story_ids, progress=None):
    """After the stories ``story_ids`` were written in bulk (and their comments)."""
    ids = sorted(story_ids)
    if not ids:
        generations.bump_on_commit(generations.CONTENT, generations.COMMENTS)
        return
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        search_index.update(chunk)
        store_counts(Article.objects.filter(pk__in=chunk))
    stories = Article.objects.filter(pk__in=ids) if len(ids) < CHUNK else _range(ids)
    ranking.rank_all(LOADERS[connection.vendor](), stories, progress or (lambda done: None))
    generations.bump_on_commit(generations.CONTENT, generations.COMMENTS)


def _range(ids):
    """Many stories: every imported one, read through a subquery rather than a list
    of ids longer than a database takes in one statement."""
    from .models import WordPressItem

    imported = WordPressItem.objects.filter(kind=WordPressItem.Kind.POST).values("object_id")
    return Article.objects.filter(pk__in=imported)
