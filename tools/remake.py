"""Every stored story body and comment made again by today's sanitizer and comment
renderer: what `manage.py remake_html` runs after the allowlist or the renderer
changes. (Migration ``articles/0009`` did this once, when nh3 replaced bleach; a
migration must not import today's code, so the work lives here.)"""

import math

from articles import stored
from articles.generations import COMMENTS, CONTENT, bump_on_commit, story_comments
from articles.models import Article, Image, described_posts
from articles.models.stories import WORDS_PER_MINUTE
from articles.sanitize import html_to_text, picture_paths, sanitize_body
from articles.search import index as search_index
from comments.changes import threads_changed
from comments.models import Comment
from comments.rendering import render_body, render_card

BATCH = 500


def batches(rows):
    """The rows, a batch at a time by primary key: no cursor stays open on a table while
    it is written (SQLite gives no isolation between the two)."""
    last = 0
    while batch := list(rows.filter(pk__gt=last).order_by("pk")[:BATCH]):
        yield batch
        last = batch[-1].pk


def _library(body):
    pictures = {}
    images = Image.objects.filter(file__in=picture_paths(body)).order_by("-uploaded_at", "-pk")
    for image in images:
        pictures.setdefault(image.file.name, image)
    return pictures


def remake_stories():
    """The number of stories whose stored body changed."""
    fields = ["body_html", "body_text", "reading_time"]
    total = 0
    for batch in batches(Article.objects.only("pk", "body", *fields)):
        changed = []
        for article in batch:
            body_html = sanitize_body(
                article.body, pictures=_library(article.body), posts=described_posts(article.body)
            )
            body_text = html_to_text(body_html)
            if body_html == article.body_html and body_text == article.body_text:
                continue
            article.body_html, article.body_text = body_html, body_text
            words = len(article.body_text.split())
            article.reading_time = max(1, math.ceil(words / WORDS_PER_MINUTE))
            changed.append(article)
        Article.objects.bulk_update(changed, fields)
        stored.forget_stories(article.pk for article in changed)
        search_index.update([article.pk for article in changed])
        if changed:
            bump_on_commit(CONTENT)  # cached pages showed the old bodies
        total += len(changed)
    return total


def remake_comments():
    """The number of comments whose stored text or card changed."""
    fields = ["body", "body_html", "card_html", "name", "website", "is_staff_reply"]
    total = 0
    for batch in batches(Comment.objects.only("pk", "created_at", "article_id", *fields)):
        changed = []
        for comment in batch:
            body_html = render_body(comment.body)
            before = (comment.body_html, comment.card_html)
            comment.body_html = body_html
            comment.card_html = render_card(comment)  # the card shows the body
            if (comment.body_html, comment.card_html) != before:
                changed.append(comment)
        Comment.objects.bulk_update(changed, ["body_html", "card_html"])
        stories = {story_comments(comment.article_id) for comment in changed}
        threads_changed(Article.objects.filter(pk__in={c.article_id for c in changed}))
        if stories:
            bump_on_commit(COMMENTS, *stories)
        total += len(changed)
    return total
