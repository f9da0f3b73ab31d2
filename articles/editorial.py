"""Editors' actions on a story: the publishing rules, the actions, old addresses, revisions.

The admin's form, buttons and bulk actions all ask these plain functions, so the
rules are the same whichever one an editor uses.
"""

from enum import Enum

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from doggydiary.roles import EDITORS

from . import related
from .models import Article, Revision, SlugRedirect, StoryTag
from .search import index as search_index

# The name of the story form's editorial buttons; the value is an Action's button.
ACTION_FIELD = "_editorial_action"
ONLY_EDITORS = "Only editors can publish; submit it for review."
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


class Action(Enum):
    """What an editor asks to do to a story, with what each does and records."""

    # button value, revision note, status the story takes (None: as the form says),
    # whether it needs the publish permission
    SAVE = ("save", "Saved", None, False)
    PUBLISH = ("publish", "Published", Article.Status.PUBLISHED, True)
    SCHEDULE = ("schedule", "Scheduled", Article.Status.PUBLISHED, True)
    UNPUBLISH = ("unpublish", "Unpublished", Article.Status.DRAFT, True)
    REVIEW = ("review", "Submitted for review", Article.Status.REVIEW, False)

    def __init__(self, button, note, status, editors_only):
        self.button = button
        self.note = note
        self.status = status
        self.editors_only = editors_only

    @classmethod
    def posted(cls, button):
        """The action a form's button asked for; a plain save for anything else."""
        return next((action for action in cls if action.button == button), cls.SAVE)

    def allowed(self, can_publish):
        """This action, or a plain save when the user may not take it."""
        return self if can_publish or not self.editors_only else Action.SAVE


def publish_problems(*, dek, hero_image):
    """(field, message) for each reason a story with these values cannot be public."""
    problems = []
    if not dek:
        problems.append(("dek", "A published story needs a standfirst."))
    if not hero_image:
        problems.append(("hero_image", "A published story needs a hero picture."))
    return problems


def schedule_problems(publish_at):
    """(field, message) for each reason a story cannot be scheduled for ``publish_at``."""
    if publish_at is None:
        return [("publish_at", "Choose the date and time to publish at.")]
    if publish_at <= timezone.now():
        message = "That time has passed. Choose a time in the future, or use Publish now."
        return [("publish_at", message)]
    return []


def action_problems(action, fields, can_publish):
    """(field, message) for each reason ``action`` cannot be taken on a story whose
    form holds ``fields`` (cleaned data); empty when it can. A field of None is the
    form as a whole."""
    published = Article.Status.PUBLISHED
    goes_public = action.status == published or fields.get("status") == published
    if goes_public and not can_publish:
        return [(None, ONLY_EDITORS)]
    problems = []
    if goes_public:
        problems += publish_problems(dek=fields.get("dek"), hero_image=fields.get("hero_image"))
    if action is Action.SCHEDULE:
        problems += schedule_problems(fields.get("publish_at"))
    return problems


def take(article, action):
    """Give ``article`` the status (and, publishing now, the time) ``action`` sets; unsaved."""
    if action.status:
        article.status = action.status
    if action is Action.PUBLISH:
        article.publish_at = timezone.now()


def act(article, action, user):
    """Take ``action`` on a stored story and record it in the story's revisions."""
    take(article, action)
    article.save()
    story_saved(article)
    record_revision(article, user, action.note)


def snapshot(article):
    data = {field: getattr(article, field) for field in SNAPSHOT_FIELDS}
    if data["publish_at"]:
        data["publish_at"] = data["publish_at"].isoformat()
    data["tags"] = sorted(tag.name for tag in article.tags.all())
    return data


def record_revision(article, user, note=""):
    """Every path that saves an editor's work ends here: keep a revision, and bring
    the story's derived data (its related stories, and theirs) up to date."""
    revision = Revision.objects.create(
        article=article, user=user, note=note, data=snapshot(article)
    )
    related.refresh_around(article)
    search_index.update([article.pk])  # its tags are saved by now
    return revision


def public_slug(article):
    """The stored story's address readers may have seen: its slug while it is public,
    else None. Read it before saving and hand it to ``story_saved``."""
    if article.pk is None:
        return None
    stored = Article.objects.filter(pk=article.pk).only("slug", "status", "publish_at").first()
    return stored.slug if stored is not None and stored.is_public else None


def story_saved(article, old_slug=None):
    """The one step after a story is saved, whoever saved it (the admin, the editorial
    actions, the demo loader, an importer): its tag rows take its publish time (tag
    archives read it there), an old address readers may have seen (``old_slug``, from
    ``public_slug`` before the save) answers with a 301 to the new one, and the search
    index is brought up to date. ``Article.save()`` itself keeps only the story's own
    derived fields."""
    article.tagged_items.exclude(publish_at=article.publish_at).update(
        publish_at=article.publish_at
    )
    # An address given back to its story, or taken by it, is no longer a redirect.
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    if old_slug and old_slug != article.slug:
        SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": article})
    search_index.update([article.pk])


def stories_saved(stories):
    """``story_saved`` for many new stories at once (the magazine generator): their tag
    rows' publish times in one statement, and the search index built afresh."""
    StoryTag.objects.filter(content_object__in=stories).exclude(
        publish_at=F("content_object__publish_at")
    ).update(
        publish_at=Subquery(
            Article.objects.filter(pk=OuterRef("content_object")).values("publish_at")
        )
    )
    search_index.rebuild()


@transaction.atomic
def restore_revision(revision, user):
    article = revision.article
    stored_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
    old_slug = public_slug(article)
    for field in RESTORED_FIELDS:
        if field in revision.data:
            setattr(article, field, revision.data[field])
    if Article.objects.filter(slug=article.slug).exclude(pk=article.pk).exists():
        article.slug = stored_slug  # another story took that address since
    article.save()
    article.tags.set(revision.data.get("tags", []))
    story_saved(article, old_slug=old_slug)
    when = timezone.localtime(revision.created_at)
    return record_revision(article, user, f"Restored the version of {when:%d %b %Y %H:%M}")


# Review: a contributor asks the editors to read a story; an editor may send it back.

SENT_BACK = "Sent back"
REVIEW_NOTE_MAX = 2000


def editors_to_notify():
    """Everyone who can publish and has an address: the Editors group and superusers."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=EDITORS) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def notify_submitted(article, submitter, link):
    """Tell the editors that ``submitter`` asked for ``article`` to be reviewed;
    ``link`` is the address of its edit page."""
    recipients = [user.email for user in editors_to_notify()]
    if not recipients:
        return 0
    who = submitter.get_full_name() or submitter.get_username()
    body = (
        f"{who} submitted a story for review:\n\n{article.title}\n\n"
        f"Read it, publish it or send it back with a note:\n{link}\n"
    )
    return send_mail(f"For review: {article.title}", body, None, recipients)


@transaction.atomic
def send_back(article, editor, note, link):
    """Return a story in review to its writer as a draft, keeping the editor's
    ``note`` in the story's revisions and emailing it to whoever created the story."""
    article.status = Article.Status.DRAFT
    article.save()
    story_saved(article)
    summary = f"{SENT_BACK}: {note}"
    revision = record_revision(article, editor, summary[:200])
    revision.data["review_note"] = note
    revision.save(update_fields=["data"])
    writer = article.created_by
    if writer is not None and writer.email:
        who = editor.get_full_name() or editor.get_username()
        body = (
            f"{who} sent your story back with a note:\n\n{note}\n\n"
            f"It is a draft again; change it and submit it for review when ready:\n{link}\n"
        )
        send_mail(f"Sent back: {article.title}", body, None, [writer.email])
    return revision


def latest_send_back(article):
    """The revision that sent ``article`` back, while it has not been resubmitted or
    published since; None otherwise."""
    if article.status != Article.Status.DRAFT:
        return None
    latest = (
        article.revisions.filter(
            Q(data__has_key="review_note") | Q(note__in=[Action.REVIEW.note, Action.PUBLISH.note])
        )
        .select_related("user")
        .first()
    )
    return latest if latest is not None and "review_note" in latest.data else None
