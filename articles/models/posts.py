"""Social posts embedded in stories: what a reader sees of one before anything loads
from its provider (a poster picture, the author's name, the post's first line)."""

from django.core.exceptions import ValidationError
from django.db import models

from ..sanitize import embed_for_url, post_keys
from .pictures import Image


class SocialPost(models.Model):
    """One post, by its address; every story that embeds it shows these details."""

    address = models.URLField(
        max_length=300,
        help_text="The post's address, as you would paste it into a story "
        "(TikTok, Instagram, YouTube or X).",
    )
    provider = models.CharField(max_length=20, editable=False)
    post_id = models.CharField(max_length=40, editable=False)
    poster = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A picture of the post from the library: a still of the video, or the "
        "photo the post shows. Readers see it before they choose to load the player.",
    )
    author_name = models.CharField(
        "author's name", max_length=100, blank=True, help_text="As the post shows it: @name."
    )
    first_line = models.CharField(
        max_length=280, blank=True, help_text="The post's first line, in its own words."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "embedded post"
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "post_id"], name="social_post_unique"),
        ]

    def __str__(self):
        return self.author_name or self.address

    def save(self, *args, **kwargs):
        self.provider, self.post_id = embed_for_url(self.address) or (self.provider, self.post_id)
        super().save(*args, **kwargs)

    def clean(self):
        found = embed_for_url(self.address or "")
        if not found:
            raise ValidationError(
                {"address": "That is not the address of a TikTok, Instagram, YouTube or X post."}
            )
        self.provider, self.post_id = found
        duplicate = SocialPost.objects.filter(provider=self.provider, post_id=self.post_id)
        if duplicate.exclude(pk=self.pk).exists():
            raise ValidationError({"address": "That post is already described."})


def described_posts(html):
    """The posts a story body embeds, by (provider, post id), fetched in one query."""
    keys = post_keys(html)
    if not keys:
        return {}
    found = SocialPost.objects.filter(post_id__in=[post_id for _, post_id in keys])
    return {
        (post.provider, post.post_id): post
        for post in found.select_related("poster")
        if (post.provider, post.post_id) in keys
    }
