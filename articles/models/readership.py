"""How many times each story was read, per day: a number and nothing else.

No reader, address, browser or time of day is kept: ``articles.readership`` adds
up the views each worker counted and writes them here in batches.
"""

from django.db import models

from .stories import Article


class StoryViews(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "story's views on a day"
        verbose_name_plural = "stories' views by day"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="story_views_day_unique"),
        ]
        # The week's most read: the days in range, each story's views, without its rows.
        indexes = [models.Index(fields=["day", "article", "views"], name="story_views_week_idx")]

    def __str__(self):
        return f"{self.article_id} on {self.day}: {self.views}"
