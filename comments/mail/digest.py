"""The daily digest of new stories, run by the mail worker (no cron): once a day
after DIGEST_HOUR (site time), one mail per confirmed subscriber with the stories
published since the last digest in their sections; nothing on a day without news.
A worker that was down sends the day it missed once, covering everything since."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article

from .compose import send
from .links import CONFIRM_MAX_AGE, site_address
from .models import DigestRun, Subscriber, Subscription

FIRST_WINDOW = timedelta(days=1)


def due_day(now):
    """The latest day whose digest hour has passed."""
    local = timezone.localtime(now)
    return local.date() if local.hour >= settings.DIGEST_HOUR else local.date() - timedelta(1)


def send_due_digest(now=None):
    """The worker's job: send the digest if today's (or a missed day's) is due.
    Returns the DigestRun made, or None when nothing was due."""
    now = now or timezone.now()
    day = due_day(now)
    if DigestRun.objects.filter(day=day).exists():
        return None
    last = DigestRun.objects.order_by("-until").first()
    since = last.until if last else now - FIRST_WINDOW
    with transaction.atomic():
        try:
            with transaction.atomic():
                run = DigestRun.objects.create(day=day, since=since, until=now)
        except IntegrityError:  # another worker took this day
            return None
        run.sent = _send_all(run)
        run.save(update_fields=["sent"])
        forget_unconfirmed(now)
    return run


def forget_unconfirmed(now):
    """Addresses that never opened their confirmation link are deleted a week after
    it expired (done with the daily digest)."""
    cutoff = now - 2 * CONFIRM_MAX_AGE
    stale = Subscriber.objects.filter(confirmed_at__isnull=True, confirmation_sent_at__lt=cutoff)
    return stale.delete()[0]


def _send_all(run):
    stories = list(
        Article.objects.published()
        .filter(publish_at__gt=run.since, publish_at__lte=run.until)
        .select_related("category")
        .order_by("-publish_at", "-pk")
    )
    if not stories:
        return 0
    subscriptions = (
        Subscription.objects.filter(
            kind=Subscription.Kind.DIGEST,
            confirmed_at__isnull=False,
            subscriber__confirmed_at__isnull=False,
        )
        .select_related("subscriber")
        .prefetch_related("sections")
    )
    sent = 0
    for sub in subscriptions:
        wanted = {section.pk for section in sub.sections.all()}
        theirs = [story for story in stories if not wanted or story.category_id in wanted]
        if not theirs:
            continue
        items = [(story, site_address() + story.get_absolute_url()) for story in theirs]
        count = len(theirs)
        sent += send(
            sub.subscriber, "digest", f"{count} new stor{'y' if count == 1 else 'ies'}",
            {"items": items, "day": run.day}, topic=sub.topic,
            dedupe_key=f"digest:{run.day.isoformat()}:{sub.subscriber_id}", subscription=sub,
        )  # fmt: skip
    return sent
