""""Did you mean" on SQLite too: the words of published stories, under a trigram
full-text index, as PostgreSQL has had since 0007 (whose pg_trgm is now enabled by
Django's own operation, a no-op on SQLite). The statements are a frozen copy of
articles.search.index, so later changes there never change what this migration does.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SQLITE = [
    "CREATE TABLE articles_search_word (word text PRIMARY KEY)",
    """CREATE VIRTUAL TABLE articles_search_trigram USING fts5(
        word, content = 'articles_search_word', tokenize = 'trigram'
    )""",
    """CREATE TRIGGER articles_search_word_added AFTER INSERT ON articles_search_word
    BEGIN INSERT INTO articles_search_trigram (rowid, word) VALUES (new.rowid, new.word); END""",
    # The published stories' words, tokenized by SQLite in one pass.
    """CREATE VIRTUAL TABLE temp.search_text USING fts5(
        text, tokenize = 'unicode61 remove_diacritics 0', detail = 'none'
    )""",
    """INSERT INTO temp.search_text (text)
    SELECT a.title || ' ' || a.dek || ' ' || a.body_text || ' ' || coalesce((
        SELECT group_concat(tag.name, ' ') FROM articles_storytag st
        JOIN taggit_tag tag ON tag.id = st.tag_id WHERE st.content_object_id = a.id
    ), '') FROM articles_article a WHERE a.status = 'published'""",
    "CREATE VIRTUAL TABLE temp.search_terms USING fts5vocab(search_text, 'row')",
    """INSERT OR IGNORE INTO articles_search_word (word) SELECT term FROM temp.search_terms
    WHERE length(term) BETWEEN 3 AND 30 AND term NOT GLOB '*[0-9_]*'""",
    "DROP TABLE temp.search_terms",
    "DROP TABLE temp.search_text",
]
SQLITE_REVERSE = ["DROP TABLE articles_search_trigram", "DROP TABLE articles_search_word"]


class TrigramExtensionKept(TrigramExtension):
    """Left in place when unapplied: 0007's trigram index still needs it."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_page"),
    ]

    operations = [
        TrigramExtensionKept(),
        migrations.RunPython(run(SQLITE), run(SQLITE_REVERSE)),
    ]
