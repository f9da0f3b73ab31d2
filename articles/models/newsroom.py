"""The newsroom's working state around a story: autosaved edits and preview links
for outside reviewers."""

import secrets

from django.conf import settings
from django.db import models

from .stories import Article


class Autosave(models.Model):
    """The latest unsaved state of the story form, kept per person and story, so an
    edit survives a closed tab or a crash. ``article`` is empty for a story that has
    never been saved. ``base_updated_at`` is the story's ``updated_at`` the edit
    started from: a save from an older copy is an edit conflict."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves"
    )
    data = models.JSONField(default=dict)
    base_updated_at = models.DateTimeField(null=True, blank=True)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="autosave_one_per_story"),
        ]

    def __str__(self):
        return f"Autosave of {self.article or 'a new story'} by {self.user}"


def new_preview_key():
    return secrets.token_urlsafe(32)


class PreviewLink(models.Model):
    """A link that lets someone without an account read the latest saved version of
    a story until it expires or is revoked."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField("for", max_length=200, blank=True, help_text="Who the link is for.")
    # The link's address: random, so it says nothing of how many links were made.
    key = models.CharField(max_length=43, unique=True, default=new_preview_key, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview of {self.article} until {self.expires_at:%Y-%m-%d %H:%M}"
