"""Every story's plain text made again: a line break within a paragraph's source is now
a space, and only the end of a block starts a new line, so search snippets put a full
stop between blocks and nowhere else (issue 23)."""

from django.db import migrations

from articles.generations import CONTENT, bump_on_commit
from articles.sanitize import html_to_text
from articles.search import index as search_index

BATCH = 500


def retext_stories(apps, schema_editor):
    alias = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    stories = Article.objects.using(alias).only("pk", "body_html", "body_text")
    last = 0
    while batch := list(stories.filter(pk__gt=last).order_by("pk")[:BATCH]):
        last = batch[-1].pk
        changed = []
        for article in batch:
            text = html_to_text(article.body_html)
            if text != article.body_text:
                article.body_text = text
                changed.append(article)
        Article.objects.using(alias).bulk_update(changed, ["body_text"])
        search_index.update([article.pk for article in changed])
        if changed:
            bump_on_commit(CONTENT)  # cached search pages showed the old snippets


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_i23_social_posts"),
    ]

    operations = [migrations.RunPython(retext_stories, migrations.RunPython.noop)]
