"""Every stored story body and comment body made again by the nh3 sanitizer and
comment renderer, which replaced bleach: text bleach cut off after an unclosed <svg>
or a void <embed> comes back, and nothing stored predates the new allowlist."""

import math

from django.db import migrations

from articles.generations import COMMENTS, CONTENT, bump_on_commit, story_comments
from articles.sanitize import html_to_text, picture_paths, sanitize_body
from articles.search import index as search_index
from comments.rendering import render_body, render_card

BATCH = 500
WORDS_PER_MINUTE = 220  # as articles.models.stories


def batches(rows):
    """The rows, a batch at a time by primary key: no cursor stays open on a table while
    it is written (SQLite gives no isolation between the two)."""
    last = 0
    while batch := list(rows.filter(pk__gt=last).order_by("pk")[:BATCH]):
        yield batch
        last = batch[-1].pk


def resanitize_stories(apps, schema_editor):
    alias = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("articles", "Image")
    fields = ["body_html", "body_text", "reading_time"]
    for batch in batches(Article.objects.using(alias).only("pk", "body", *fields)):
        changed = []
        for article in batch:
            paths = picture_paths(article.body)
            pictures = {}
            for image in (
                Image.objects.using(alias).filter(file__in=paths).order_by("-uploaded_at", "-pk")
            ):
                pictures.setdefault(image.file.name, image)
            body_html = sanitize_body(article.body, pictures=pictures)
            if body_html == article.body_html:
                continue
            article.body_html = body_html
            article.body_text = html_to_text(body_html)
            words = len(article.body_text.split())
            article.reading_time = max(1, math.ceil(words / WORDS_PER_MINUTE))
            changed.append(article)
        Article.objects.using(alias).bulk_update(changed, fields)
        search_index.update([article.pk for article in changed])
        if changed:
            bump_on_commit(CONTENT)  # cached pages showed the old bodies


def rerender_comments(apps, schema_editor):
    alias = schema_editor.connection.alias
    Comment = apps.get_model("comments", "Comment")
    fields = ["body", "body_html", "card_html", "name", "website", "is_staff_reply", "created_at"]
    fields.append("article_id")
    for batch in batches(Comment.objects.using(alias).only("pk", *fields)):
        changed = []
        for comment in batch:
            body_html = render_body(comment.body)
            if body_html != comment.body_html:
                comment.body_html = body_html
                comment.card_html = render_card(comment)  # the card shows the body
                changed.append(comment)
        Comment.objects.using(alias).bulk_update(changed, ["body_html", "card_html"])
        stories = {story_comments(comment.article_id) for comment in changed}
        if stories:
            bump_on_commit(COMMENTS, *stories)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_sitemap_index"),
        ("comments", "0003_card_html"),
    ]
    operations = [
        migrations.RunPython(resanitize_stories, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(rerender_comments, migrations.RunPython.noop, elidable=True),
    ]
