"""The front page (its view is ``home``): what it shows, and what it is made from.

- The lead and the row beneath it: the stories editors pinned (``Article.home_pin``,
  lowest first), the places left filled by the newest stories; with no story pinned
  as lead, the newest featured story leads, or else the newest.
- "Latest": the newest stories not at the top.
- A band per section in the editors' order (``Category.home_order``), its newest
  stories; a section with no public story has none.
- "Most discussed": the stories of the last month with the most comments, among the
  ``RECENT`` newest (a month of a magazine publishing fewer than 13 a day).
- "Most read": the week's most read (``articles.readership``).

Every read is a short walk of one index (no sort of every published story), and
each part is kept (``doggydiary.fragments``) until what it shows changes.
What the page and each part are made from is written in the one table,
``doggydiary.caching`` (``articles:home``, ``home-stories``, ``home-most-read``).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from doggydiary.fragments import kept
from doggydiary.site import page_number

from . import readership
from .models import HOME_PLACES, Article, Category
from .pagination import paginate

LATEST = 8
# The newest stories read at once; a section with too few among them is asked alone,
# and "Most discussed" is chosen from them.
RECENT = 400
BAND = 4
DISCUSSED = 5
DISCUSSED_DAYS = 30


def _newest_ids(queryset, limit):
    return list(queryset.values_list("pk", flat=True)[:limit])


def top_ids(stories, newest):
    """The ids of the lead and the row beneath it, in order; ``newest``: the ids of
    the newest stories, which fill the places editors left."""
    # The pinned few are found from their own index, then put through the gate: asked
    # together, a planner may walk every published story looking for pins (0.7 s at
    # 100,000 stories on SQLite, against 0.4 ms).
    pins = Article.objects.filter(home_pin__isnull=False).values("pk")
    pinned = list(
        stories.filter(pk__in=pins)
        .order_by("home_pin", "-publish_at", "-pk")
        .values_list("pk", "home_pin")[:HOME_PLACES]
    )
    top = [pk for pk, _ in pinned]
    if not (pinned and pinned[0][1] == 1):
        featured = stories.filter(featured=True).exclude(pk__in=top)
        lead = featured.values_list("pk", flat=True).first()
        lead = lead or next((pk for pk in newest if pk not in top), None)
        top = ([lead] if lead else []) + top[: HOME_PLACES - 1]
    return top + [pk for pk in newest if pk not in top][: HOME_PLACES - len(top)]


def band_ids(public, recent, top):
    """[(section, ids of its newest stories not at the top)] in the editors' order.
    ``recent``: (id, section id) of the newest stories, which give most sections'
    newest; a section with too few among them is read from its own index."""
    wanted = BAND + HOME_PLACES
    by_section = {}
    for pk, section_id in recent:
        by_section.setdefault(section_id, [])
        if len(by_section[section_id]) < wanted:
            by_section[section_id].append(pk)
    every_story_seen = len(recent) < max(RECENT, wanted)
    bands = []
    for section in Category.objects.for_navigation():
        ids = by_section.get(section.pk, [])
        if len(ids) < wanted and not every_story_seen:
            ids = _newest_ids(public.filter(category=section), wanted)
        ids = [pk for pk in ids if pk not in top][:BAND]
        if ids:
            bands.append((section, ids))
    return bands


def stories():
    """Everything but "Most read", as {"lead", "second", "latest", "bands", "discussed"}."""
    public = Article.objects.published()
    # One walk of the newest-first index: the top, Latest, whether /?page=2 has
    # stories, (with their sections) most sections' bands, and (with their counts)
    # the most discussed: a sort of a month's stories grew with the magazine.
    needed = max(2 * HOME_PLACES + LATEST, settings.ARTICLES_PER_PAGE + 1)
    since = timezone.now() - timedelta(days=DISCUSSED_DAYS)
    this_month = ExpressionWrapper(Q(publish_at__gte=since), output_field=BooleanField())
    recent = list(
        public.values_list("pk", "category_id", "comment_count", this_month)[: max(RECENT, needed)]
    )
    newest = [row[0] for row in recent[:needed]]
    top = top_ids(public, newest)
    latest = [pk for pk in newest if pk not in top][:LATEST]
    bands = band_ids(public, [row[:2] for row in recent], top)
    # Newest first already, so equal counts stay newest first.
    discussed = [
        pk for pk, _, count, fresh in sorted(recent, key=lambda row: -row[2]) if fresh and count
    ][:DISCUSSED]
    wanted = {*top, *latest, *discussed, *(pk for _, ids in bands for pk in ids)}
    found = public.for_listing().in_bulk(wanted)

    def rows(ids):
        return [found[pk] for pk in ids if pk in found]

    top = rows(top)
    return {
        "lead": top[0] if top else None,
        "second": top[1:],
        "latest": rows(latest),
        "bands": [(section, rows(ids)) for section, ids in bands],
        "discussed": rows(discussed),
        "more": len(newest) > settings.ARTICLES_PER_PAGE,
    }


def most_read():
    return readership.most_read()


@require_safe
def home(request):
    number = page_number(request.GET.get("page"))
    if number > 1:
        return _latest_page(request, number)
    context = {
        "front_html": kept("home-stories", lambda: _front(request)),
        "most_read_html": kept(
            "home-most-read",
            lambda: _front_part(request, "articles/_most_read.html", most_read=most_read()),
        ),
        "current_nav": "home",
    }
    return render(request, "articles/home.html", context)


def _front_part(request, template, **context):
    return mark_safe(render_to_string(template, context, request))  # noqa: S308 (our template's own output)


def _front(request):
    """The front page's stories as HTML (the same for every reader), and the lead's
    picture for social cards."""
    parts = stories()
    lead = parts["lead"]
    return {
        "top": _front_part(request, "articles/_front_top.html", **parts),
        "lists": _front_part(request, "articles/_front_lists.html", **parts),
        "bands": _front_part(request, "articles/_front_bands.html", **parts),
        "lead_image": lead.hero_image if lead else None,
    }


def _latest_page(request, number):
    """``/?page=2`` on: every story, newest first, a page at a time."""

    def make():
        page = paginate(
            request,
            Article.objects.published(),
            fetch=Article.objects.published().for_listing(),
            count_key="home",
            per_page=settings.ARTICLES_PER_PAGE,
        )
        return _front_part(request, "articles/_archive_listing.html", page=page)

    context = {
        "listing_html": kept("home", make, page=number),
        "page_number": number,
        "current_nav": "home",
    }
    return render(request, "articles/latest.html", context)
