"""Editors' actions on a story: publishing, old addresses, revisions.

The admin calls these; each is a plain function so the rules are the same
whichever button or action an editor uses.
"""

from django.db import transaction
from django.utils import timezone

from .models import Article, Revision, SlugRedirect

# Every field an editor writes, as stored in a revision.
SNAPSHOT_FIELDS = [
    "title", "slug", "dek", "body", "hero_image_id", "author_id", "category_id", "status",
    "publish_at", "featured", "comments_open", "seo_title", "seo_description", "social_image_id",
]  # fmt: skip
# What "restore" brings back: the writing, not the publishing state, so restoring
# an old revision never publishes or unpublishes a story by surprise.
RESTORED_FIELDS = [
    field for field in SNAPSHOT_FIELDS if field not in {"status", "publish_at", "featured"}
]


def snapshot(article):
    data = {field: getattr(article, field) for field in SNAPSHOT_FIELDS}
    if data["publish_at"]:
        data["publish_at"] = data["publish_at"].isoformat()
    data["tags"] = sorted(tag.name for tag in article.tags.all())
    return data


def record_revision(article, user, note=""):
    return Revision.objects.create(article=article, user=user, note=note, data=snapshot(article))


def keep_old_address(article, old_slug, was_public):
    """After a slug change, the story's old address answers with a 301 to the new one.

    Only addresses readers may have seen (the story was public) are kept; an
    address given back to its story is no longer a redirect.
    """
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    if was_public and old_slug and old_slug != article.slug:
        SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": article})


def state_before_save(article):
    """(old slug, was public) of the stored story, for keep_old_address."""
    if article.pk is None:
        return None, False
    stored = Article.objects.filter(pk=article.pk).only("slug", "status", "publish_at").first()
    return (stored.slug, stored.is_public) if stored else (None, False)


def publish_now(article, user):
    article.status = Article.Status.PUBLISHED
    article.publish_at = timezone.now()
    article.save()
    record_revision(article, user, "Published")


def unpublish(article, user):
    article.status = Article.Status.DRAFT
    article.save()
    record_revision(article, user, "Unpublished")


@transaction.atomic
def restore_revision(revision, user):
    article = revision.article
    old_slug, was_public = state_before_save(article)
    for field in RESTORED_FIELDS:
        if field in revision.data:
            setattr(article, field, revision.data[field])
    if Article.objects.filter(slug=article.slug).exclude(pk=article.pk).exists():
        article.slug = old_slug  # another story took that address since
    article.save()
    article.tags.set(revision.data.get("tags", []))
    keep_old_address(article, old_slug, was_public)
    when = timezone.localtime(revision.created_at)
    return record_revision(article, user, f"Restored the version of {when:%d %b %Y %H:%M}")
