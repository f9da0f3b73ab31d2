"""A story's HTML that is the same for every reader, stored (``articles.stored``)."""

from django.db import models

from .stories import Article


class StoryHTML(models.Model):
    """What a story's page shows of the story itself, and its card under other
    stories, as HTML: made from the templates when the story is saved (or first read
    after a change), deleted when anything it shows changes (the story, its author,
    section, pictures or tags), and used only by the release and site address that
    made it (``stamp``)."""

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="stored_html"
    )
    stamp = models.CharField(max_length=200)
    card = models.TextField()
    # The page's parts by name (description, social, feeds, json_ld, main).
    parts = models.JSONField()
    made_at = models.DateTimeField(auto_now=True)
    # The first page of the story's discussion, kept by the comments app
    # (comments.threads, as comment_count is on the story): made by the first reader
    # after its comments change, for the release and discussion settings in
    # threads_stamp. Every change to the story's comments moves threads_version, and
    # a page made from comments read before that is not stored.
    threads_html = models.TextField(blank=True, default="")
    threads_stamp = models.CharField(max_length=250, blank=True, default="")
    threads_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "stored story HTML"
        verbose_name_plural = "stored story HTML"

    def __str__(self):
        return f"Stored HTML of story {self.article_id}"
