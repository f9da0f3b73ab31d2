"""The search index, kept fresh by the write path and never built while a reader waits.

Each story is indexed from its stored rows: the title, the standfirst, its tags'
names (through StoryTag), its author's name and the plain text of its body.

- PostgreSQL: ``articles_article.search_vector``, a tsvector weighted title A,
  standfirst and tags B, author C, body D, under a GIN index; and
  ``articles_search_word``, the words of published stories under a trigram index,
  from which "Did you mean" draws. Neither is a model field: the migration adds them
  on PostgreSQL only.
- SQLite: ``articles_search``, an FTS5 table (porter stemming) whose rowid is the
  story's id, with the same five fields as columns; and ``articles_search_word``, the
  same list of words, copied by a trigger into the trigram table
  ``articles_search_trigram`` (migration 0013).

This module reads no model, so anything may call it (``editorial.story_saved`` does).
"""

import json
import re

from django.db import OperationalError, connection, transaction

# Private-use characters that mark matches in snippets; removed from the text a
# snippet is cut from, so a story cannot forge a mark.
MARK_START, MARK_END = "\ue000", "\ue001"

# The statements are put together from these fragments of our own; every value
# arrives as a parameter.
_TAGS = """coalesce((
    SELECT string_agg(tag.name, ' ') FROM articles_storytag st
    JOIN taggit_tag tag ON tag.id = st.tag_id WHERE st.content_object_id = a.id
), '')"""
_VECTOR = f"""
    setweight(to_tsvector('english', a.title), 'A')
    || setweight(to_tsvector('english', a.dek), 'B')
    || setweight(to_tsvector('english', {_TAGS}), 'B')
    || setweight(to_tsvector('english', (
        SELECT author.name FROM articles_author author WHERE author.id = a.author_id
    )), 'C')
    || setweight(to_tsvector('english', a.body_text), 'D')
"""  # noqa: S608
# The words "Did you mean" may offer, from the stories ``s`` (the 'simple'
# configuration lowercases and does not stem).
_WORDS = """
SELECT DISTINCT word FROM s, unnest(tsvector_to_array(to_tsvector(
    'simple', concat_ws(' ', s.title, s.dek, s.tags, s.body_text)
))) AS word
WHERE s.status = 'published' AND length(word) BETWEEN 3 AND 30 AND word ~ '^[[:alpha:]]+$'
"""
# One statement: the stories' vectors, and their words added to the list.
_POSTGRES_UPDATE = f"""
WITH s AS (
    UPDATE articles_article a SET search_vector = {_VECTOR} WHERE a.id = ANY(%s)
    RETURNING a.status, a.title, a.dek, a.body_text, {_TAGS} AS tags
)
INSERT INTO articles_search_word (word) {_WORDS} ON CONFLICT DO NOTHING
"""  # noqa: S608
_POSTGRES_REBUILD = [
    f"UPDATE articles_article a SET search_vector = {_VECTOR}",  # noqa: S608
    "DELETE FROM articles_search_word",
    f"""
    WITH s AS (
        SELECT a.status, a.title, a.dek, a.body_text, {_TAGS} AS tags
        FROM articles_article a WHERE a.status = 'published'
    )
    INSERT INTO articles_search_word (word) {_WORDS}
    """,  # noqa: S608
]

_SQLITE_DELETE = "DELETE FROM articles_search WHERE {where}"
# char(57344) and char(57345) are the two marks.
_SQLITE_INSERT = """
INSERT INTO articles_search (rowid, title, standfirst, tags, author, body)
SELECT a.id, a.title, a.dek,
    coalesce((
        SELECT group_concat(tag.name, ' ') FROM articles_storytag st
        JOIN taggit_tag tag ON tag.id = st.tag_id WHERE st.content_object_id = a.id
    ), ''),
    author.name, replace(replace(a.body_text, char(57344), ''), char(57345), '')
FROM articles_article a JOIN articles_author author ON author.id = a.author_id
WHERE {where}
"""
# The published stories' words, as SQLite's own tokenizer splits them, in one pass.
_SQLITE_TEXTS = """SELECT a.title || ' ' || a.dek || ' ' || a.body_text || ' ' || coalesce((
    SELECT group_concat(tag.name, ' ') FROM articles_storytag st
    JOIN taggit_tag tag ON tag.id = st.tag_id WHERE st.content_object_id = a.id
), '') FROM articles_article a WHERE a.status = 'published' AND {where}"""
_SQLITE_WORDS_REBUILD = [
    "INSERT INTO articles_search_trigram (articles_search_trigram) VALUES ('delete-all')",
    "DELETE FROM articles_search_word",
    """CREATE VIRTUAL TABLE temp.search_text USING fts5(
        text, tokenize = 'unicode61 remove_diacritics 0', detail = 'none'
    )""",
    "INSERT INTO temp.search_text (text) " + _SQLITE_TEXTS.format(where="TRUE"),
    "CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(search_text, 'row')",
    """INSERT OR IGNORE INTO articles_search_word (word) SELECT term FROM temp.search_terms
    WHERE length(term) BETWEEN 3 AND 30 AND term NOT GLOB '*[0-9_]*'""",
    "DROP TABLE temp.search_terms",
    "DROP TABLE temp.search_text",
    "INSERT INTO articles_search_trigram (articles_search_trigram) VALUES ('optimize')",
]
_SQLITE_WORD_ADD = "INSERT OR IGNORE INTO articles_search_word (word) VALUES (%s)"
# Split as SQLite's unicode61 tokenizer splits: letters and digits are word characters.
_TOKEN = re.compile(r"[^\W_]+")


def words_of(texts):
    """The words "Did you mean" may offer from ``texts``: lowercased, letters only,
    3 to 30 of them, as on PostgreSQL."""
    found = set()
    for text in texts:
        found.update(_TOKEN.findall(text.lower()))
    return sorted(word for word in found if 3 <= len(word) <= 30 and word.isalpha())


def _sqlite_update(cursor, ids):
    chosen = "(SELECT value FROM json_each(%s))"
    cursor.execute(_SQLITE_DELETE.format(where=f"rowid IN {chosen}"), [json.dumps(ids)])
    cursor.execute(_SQLITE_INSERT.format(where=f"a.id IN {chosen}"), [json.dumps(ids)])
    cursor.execute(_SQLITE_TEXTS.format(where=f"a.id IN {chosen}"), [json.dumps(ids)])
    words = words_of(text for (text,) in cursor.fetchall())
    try:
        cursor.executemany(_SQLITE_WORD_ADD, [(word,) for word in words])
    except OperationalError as error:
        # An earlier migration reindexing stories (0009) runs before 0013 makes the
        # list, which 0013 then fills from every published story.
        if "no such table" not in str(error):
            raise


def update(article_ids):
    """Index the stories ``article_ids`` name as they are stored now (after a save,
    a change of tags or an author's new name); ids of deleted stories are dropped."""
    ids = sorted({int(pk) for pk in article_ids})
    if not ids:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRES_UPDATE, [ids])
        else:
            _sqlite_update(cursor, ids)


@transaction.atomic
def rebuild():
    """Index every story afresh, in a few set-based statements."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in _POSTGRES_REBUILD:
                cursor.execute(sql)
        else:
            cursor.execute(_SQLITE_DELETE.format(where="TRUE"))
            cursor.execute(_SQLITE_INSERT.format(where="TRUE"))
            # Merge the index into one segment: fewer pages to read per query.
            cursor.execute("INSERT INTO articles_search (articles_search) VALUES ('optimize')")
            for sql in _SQLITE_WORDS_REBUILD:
                cursor.execute(sql)
        # Fresh statistics: PostgreSQL's of the words in the vectors, SQLite's that
        # make it read a story's status from the small index made for search.
        cursor.execute("ANALYZE articles_article")
