"""Reading the index on SQLite: the FTS5 table ``articles_search`` and ``snippet``;
and for "Did you mean", the trigram table of known words."""

import json

from django.db import connection
from django.db.models import F, Func, TextField, Value

from ..models import Article
from .index import MARK_END, MARK_START
from .query import fts5_phrase
from .spelling import closest as spelling_closest

# Column weights for title, standfirst, tags, author and body: PostgreSQL's A, B, B,
# C and D.
COLUMNS = (("title", 10), ("standfirst", 4), ("tags", 4), ("author", 2), ("body", 1))

# The full-text table drives each query: it yields its matches newest (highest id)
# first, so reading the window stops after ``window`` public ones. A story ranks by
# the fields each word is in, weighted. Not bm25: it counts every story that has a
# word to weigh it, so a common word cost more as the magazine grew (5 ms at 100,000
# stories); here each field's matches are read back only as far as the window goes.
_RANKED = """
WITH newest AS (
    SELECT articles_search.rowid AS story_id, public.published_at
    FROM articles_search JOIN ({public}) AS public ON public.story_id = articles_search.rowid
    WHERE articles_search MATCH %s {within}
    ORDER BY articles_search.rowid DESC LIMIT %s
)
SELECT newest.story_id FROM newest
ORDER BY {score} DESC, newest.published_at DESC, newest.story_id DESC
LIMIT %s OFFSET %s
"""
# Whether the story has a word in one field (a column filter), among the window.
_IN_FIELD = """{weight} * (newest.story_id IN (
    SELECT rowid FROM articles_search WHERE articles_search MATCH %s
    AND rowid >= (SELECT min(story_id) FROM newest)
))"""
# With phrases: only among the window of the loosened query (see results.py). The
# "+" keeps the id list from being handed to the full-text table one id at a time.
_WITHIN = """AND +articles_search.rowid IN (
    SELECT articles_search.rowid FROM articles_search
    JOIN ({public}) AS public ON public.story_id = articles_search.rowid
    WHERE articles_search MATCH %s ORDER BY articles_search.rowid DESC LIMIT %s
)"""
# The body (column 4) around the matches, in up to 32 words.
_SNIPPET = """(
SELECT snippet(articles_search, 4, %s, %s, '…', 32) FROM articles_search
WHERE articles_search MATCH {match} AND articles_search.rowid = {story}
)"""


def _score(words, columns=COLUMNS):
    """SQL of the weighted sum of the fields each word is in, and its parameters."""
    parts, params = [], []
    for word in words:
        for column, weight in columns:
            parts.append(_IN_FIELD.format(weight=weight))
            params.append(f"{{{column}}} : {fts5_phrase((word,))}")
    return " + ".join(parts), params


def ranked_ids(query, *, window, offset, limit):
    """Ids of ``limit`` stories from ``offset`` on, in the order of results.py."""
    public = Article.objects.published().values(story_id=F("pk"), published_at=F("publish_at"))
    public_sql, public_params = public.query.sql_with_params()
    within, within_params = "", []
    if query.has_phrases:
        within = _WITHIN.format(public=public_sql)
        within_params = [*public_params, query.loosened().fts5(), window]
    score, score_params = _score(query.words())
    sql = _RANKED.format(public=public_sql, within=within, score=score)
    params = [*public_params, query.fts5(), *within_params, window, *score_params, limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for (pk,) in cursor.fetchall()]


class Snippet(Func):
    """The story's body around the matches, each match between the two marks."""

    output_field = TextField()

    def __init__(self, query):
        super().__init__(F("pk"), Value(query.fts5()))

    def as_sql(self, compiler, connection, **extra):
        (story, story_params), (match, match_params) = map(
            compiler.compile, self.get_source_expressions()
        )
        sql = _SNIPPET.format(match=match, story=story)
        return sql, (MARK_START, MARK_END, *match_params, *story_params)


def with_snippets(stories, query):
    """``stories`` (a page's worth) with ``snippet``."""
    return stories.annotate(snippet=Snippet(query))


_KNOWN = "SELECT word FROM articles_search_word WHERE word IN (SELECT value FROM json_each(%s))"
# The known words sharing most trigrams with the typed one, the closest judged after.
_CANDIDATES = """
SELECT word FROM articles_search_trigram WHERE articles_search_trigram MATCH %s
ORDER BY rank LIMIT 200
"""


def closest(words):
    """{typed: known} for each of ``words`` no published story has, with the most
    similar word one has, judged as PostgreSQL's pg_trgm judges (spelling.py)."""
    with connection.cursor() as cursor:
        cursor.execute(_KNOWN, [json.dumps(list(words))])
        known = {word for (word,) in cursor.fetchall()}
        spelling = {}
        for word in words:
            parts = [word[i : i + 3] for i in range(len(word) - 2)]
            if word in known or not parts:
                continue
            cursor.execute(_CANDIDATES, [" OR ".join(f'"{part}"' for part in parts)])
            best = spelling_closest(word, [candidate for (candidate,) in cursor.fetchall()])
            if best:
                spelling[word] = best
        return spelling


def titled_ids(words, *, window, limit):
    """Ids of up to ``limit`` published stories whose titles have any of ``words``,
    those with most of them first, among the ``window`` newest such stories."""
    public = Article.objects.published().values(story_id=F("pk"), published_at=F("publish_at"))
    public_sql, public_params = public.query.sql_with_params()
    match = "{title} : (" + " OR ".join(f'"{word}"' for word in words) + ")"
    score, score_params = _score(words, columns=[("title", 1)])
    sql = _RANKED.format(public=public_sql, within="", score=score)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*public_params, match, window, *score_params, limit, 0])
        return [pk for (pk,) in cursor.fetchall()]
