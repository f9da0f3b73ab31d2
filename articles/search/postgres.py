"""Reading the index on PostgreSQL: the stored tsvector, ``ts_rank``, ``ts_headline``
and, for a query that finds nothing, a respelling from the trigram-indexed words."""

from django.db import connection
from django.db.models import BooleanField, Expression, F, FloatField, Func, TextField, Value
from django.db.models.expressions import Col

from ..models import Article
from .index import MARK_END, MARK_START
from .spelling import closest as spelling_closest

# Weights of D (body), C (author), B (standfirst, tags) and A (title): the same
# proportions as SQLite's (sqlite.COLUMNS).
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)

_LESS_THAN = "\ue002"
_vector_column = TextField()
_vector_column.set_attributes_from_name("search_vector")


class StoryVector(Expression):
    """The story's stored tsvector. The column is not a model field (it exists on
    PostgreSQL only), so it is named here, on whichever alias the story has."""

    def resolve_expression(self, query=None, *args, **kwargs):
        return Col(query.get_initial_alias(), _vector_column)


def _tsquery(query):
    return Func(
        Value(query.websearch()),
        template="websearch_to_tsquery('english', %(expressions)s)",
        output_field=TextField(),
    )


def matching(query):
    return Func(
        StoryVector(),
        _tsquery(query),
        template="%(expressions)s",
        arg_joiner=" @@ ",
        output_field=BooleanField(),
    )


# Ranked within the window; the window is read newest first from the primary key,
# its loosened query answered by the GIN index without reading word positions.
_RANKED = """
SELECT newest.story_id FROM ({newest}) AS newest {found}
ORDER BY newest.rank DESC, newest.published_at DESC, newest.story_id DESC
LIMIT %s OFFSET %s
"""


def ranked_ids(query, *, window, offset, limit):
    """Ids of ``limit`` stories from ``offset`` on, in the order of results.py."""
    rank = Func(
        StoryVector(),
        _tsquery(query),
        template=f"ts_rank('{WEIGHTS}', %(expressions)s)",
        output_field=FloatField(),
    )
    columns = {"story_id": F("pk"), "published_at": F("publish_at"), "rank": rank}
    if query.has_phrases:
        columns["found"] = matching(query)
    newest = (
        Article.objects.published()
        .filter(matching(query.loosened()))
        .order_by("-pk")
        .values(**columns)[:window]
    )
    sql, params = newest.query.sql_with_params()
    found = "WHERE newest.found" if query.has_phrases else ""
    with connection.cursor() as cursor:
        cursor.execute(_RANKED.format(newest=sql, found=found), [*params, limit, offset])
        return [pk for (pk,) in cursor.fetchall()]


def with_snippets(stories, query):
    """``stories`` (a page's worth) with ``snippet``: the body around the matches,
    each match between the two marks."""
    # ts_headline drops anything that looks like an HTML tag, and a story's plain text
    # may well say "<script>": each "<" stands aside as a private-use character while
    # the headline is cut, and comes back after.
    body = Func(
        F("body_text"),
        Value("<" + _LESS_THAN + MARK_START + MARK_END),
        Value(_LESS_THAN),
        function="translate",
        output_field=TextField(),
    )
    headline = Func(
        body,
        _tsquery(query),
        Value(HEADLINE),
        template="ts_headline('english', %(expressions)s)",
        output_field=TextField(),
    )
    restored = Func(
        headline, Value(_LESS_THAN), Value("<"), function="replace", output_field=TextField()
    )
    return stories.annotate(snippet=restored)


# For each word no published story has, the known words most like it, for
# spelling.py to choose from.
_SPELLING = """
SELECT typed.word, known.word
FROM unnest(%s::text[]) AS typed(word)
CROSS JOIN LATERAL (
    SELECT known.word FROM articles_search_word known WHERE known.word %% typed.word
    ORDER BY similarity(known.word, typed.word) DESC, known.word LIMIT 50
) AS known
WHERE NOT EXISTS (SELECT FROM articles_search_word known WHERE known.word = typed.word)
"""


def closest(words):
    """{typed: known} for each of ``words`` no published story has, with the most
    similar word one has (pg_trgm's similarity above its threshold, spelling.py)."""
    candidates = {}
    with connection.cursor() as cursor:
        cursor.execute(_SPELLING, [list(words)])
        for typed, known in cursor.fetchall():
            candidates.setdefault(typed, []).append(known)
    spelling = {typed: spelling_closest(typed, found) for typed, found in candidates.items()}
    return {typed: known for typed, known in spelling.items() if known}


_TITLED = """
SELECT newest.story_id FROM ({newest}) AS newest
ORDER BY newest.rank DESC, newest.story_id DESC LIMIT %s
"""


def titled_ids(words, *, window, limit):
    """Ids of up to ``limit`` published stories whose titles have any of ``words``,
    those with most of them first, among the ``window`` newest such stories."""
    # Only letters and digits reach here (query.py), so the words are safe operands.
    tsquery = Func(
        Value(" | ".join(f"{word}:A" for word in words)),
        template="to_tsquery('english', %(expressions)s)",
        output_field=TextField(),
    )
    found = Func(
        StoryVector(),
        tsquery,
        template="%(expressions)s",
        arg_joiner=" @@ ",
        output_field=BooleanField(),
    )
    rank = Func(
        StoryVector(),
        tsquery,
        template="ts_rank('{0, 0, 0, 1.0}', %(expressions)s)",
        output_field=FloatField(),
    )
    newest = (
        Article.objects.published()
        .filter(found)
        .order_by("-pk")
        .values(story_id=F("pk"), rank=rank)[:window]
    )
    sql, params = newest.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_TITLED.format(newest=sql), [*params, limit])
        return [pk for (pk,) in cursor.fetchall()]
