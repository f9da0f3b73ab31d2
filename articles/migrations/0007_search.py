"""Full-text search: on PostgreSQL a weighted tsvector column on the story with a GIN
index, and a table of words under a trigram index for "Did you mean"; on SQLite an
FTS5 table. Neither is a model field, so each database gets only its own. Stories
already stored are indexed here; the statements are a frozen copy of
articles.search.index, so later changes there never change what this migration does.
"""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE articles_article ADD COLUMN search_vector tsvector",
    "CREATE TABLE articles_search_word (word text PRIMARY KEY)",
    """
    UPDATE articles_article a SET search_vector =
        setweight(to_tsvector('english', a.title), 'A')
        || setweight(to_tsvector('english', a.dek), 'B')
        || setweight(to_tsvector('english', coalesce((
            SELECT string_agg(tag.name, ' ') FROM articles_storytag st
            JOIN taggit_tag tag ON tag.id = st.tag_id WHERE st.content_object_id = a.id
        ), '')), 'B')
        || setweight(to_tsvector('english', (
            SELECT author.name FROM articles_author author WHERE author.id = a.author_id
        )), 'C')
        || setweight(to_tsvector('english', a.body_text), 'D')
    """,
    """
    WITH s AS (
        SELECT a.title, a.dek, a.body_text, coalesce((
            SELECT string_agg(tag.name, ' ') FROM articles_storytag st
            JOIN taggit_tag tag ON tag.id = st.tag_id WHERE st.content_object_id = a.id
        ), '') AS tags
        FROM articles_article a WHERE a.status = 'published'
    )
    INSERT INTO articles_search_word (word)
    SELECT DISTINCT word FROM s, unnest(tsvector_to_array(to_tsvector(
        'simple', concat_ws(' ', s.title, s.dek, s.tags, s.body_text)
    ))) AS word
    WHERE length(word) BETWEEN 3 AND 30 AND word ~ '^[[:alpha:]]+$'
    """,
    # Built after the rows are in: one pass instead of an insertion per row.
    "CREATE INDEX article_search_idx ON articles_article USING gin (search_vector)",
    "CREATE INDEX search_word_trigram_idx ON articles_search_word USING gin (word gin_trgm_ops)",
    "ANALYZE articles_article",
]
POSTGRES_REVERSE = [
    "DROP TABLE articles_search_word",
    "ALTER TABLE articles_article DROP COLUMN search_vector",
]

SQLITE = [
    """CREATE VIRTUAL TABLE articles_search USING fts5(
        title, standfirst, tags, author, body, tokenize = 'porter unicode61'
    )""",
    """
    INSERT INTO articles_search (rowid, title, standfirst, tags, author, body)
    SELECT a.id, a.title, a.dek,
        coalesce((
            SELECT group_concat(tag.name, ' ') FROM articles_storytag st
            JOIN taggit_tag tag ON tag.id = st.tag_id WHERE st.content_object_id = a.id
        ), ''),
        author.name, replace(replace(a.body_text, char(57344), ''), char(57345), '')
    FROM articles_article a JOIN articles_author author ON author.id = a.author_id
    """,
    "INSERT INTO articles_search (articles_search) VALUES ('optimize')",
    # Whether a matching story is public, read from this small index: on SQLite the
    # status and publish time sit after the long body columns in a story's row.
    "CREATE INDEX article_search_gate_idx ON articles_article (id, status, publish_at)",
    "ANALYZE articles_article",
]
SQLITE_REVERSE = ["DROP INDEX article_search_gate_idx", "DROP TABLE articles_search"]


def run(statements):
    def operation(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_scale"),
    ]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
