"""What the importer remembers: each WordPress thing it made something of (so a second
import updates instead of duplicating), the old addresses that answer with a 301, and
each import started from the admin with its progress and report."""

from django.conf import settings
from django.db import models


class WordPressItem(models.Model):
    """One WordPress author, term, post, page, attachment or comment and what it became."""

    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        SECTION = "section", "Category as section"
        TAG = "tag", "Tag"
        POST = "post", "Post"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Attachment"
        COMMENT = "comment", "Comment"
        SITE = "site", "Site imported from"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    # WordPress's id; for authors their login, for terms their slug (nicename), which
    # is how posts refer to them.
    key = models.CharField(max_length=200)
    object_id = models.BigIntegerField()
    # Of what the item was mapped to: the same digest means nothing to write.
    digest = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = "WordPress item"
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="wordpress_item_unique"),
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="wordpress_item_object_idx")]

    def __str__(self):
        return f"WordPress {self.kind} {self.key}"


class OldAddress(models.Model):
    """A path the WordPress site answered at (a dated permalink, an old slug, an
    archive); it redirects to whatever its item is now."""

    path = models.CharField(max_length=500)
    item = models.ForeignKey(WordPressItem, on_delete=models.CASCADE, related_name="addresses")

    class Meta:
        verbose_name_plural = "old addresses"
        constraints = [models.UniqueConstraint(fields=["path"], name="old_address_unique")]

    def __str__(self):
        return self.path


class ImportRun(models.Model):
    """An import started from the admin: the export file, how far the worker is and the
    report once it is done."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Refused or failed"

    file_name = models.CharField(max_length=255)
    path = models.CharField(max_length=500, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(max_length=100, blank=True)
    bytes_total = models.BigIntegerField(default=0)
    bytes_done = models.BigIntegerField(default=0)
    items_done = models.PositiveIntegerField(default=0)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "WordPress import"
        permissions = [("import_wordpress", "Can import a WordPress export")]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self):
        """Reading the file is the first 30%, importing it the next 65%."""
        if self.status == self.Status.DONE:
            return 100
        share = self.bytes_done / self.bytes_total if self.bytes_total else 0
        if self.phase == "reading":
            return int(30 * share)
        if self.phase == "importing":
            return 30 + int(65 * share)
        return 95 if self.phase else 0

    @property
    def finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}
