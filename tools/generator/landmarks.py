"""The pages worth measuring in a generated magazine (scripts/bench_scale.py): one of
each kind a reader sees, picked the same way at every size."""

import json
import math

from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from articles.models import Article, StoryTag
from comments.models import Comment, DiscussionSettings

from .text import COMMON_WORD, rare_word

DEEP_PAGE = 500


def misspelt_word():
    """``rare_word(0)`` with its fourth and fifth letters swapped: "Did you mean"
    respells it, and the page shows the one story in every cycle that has it."""
    word = rare_word(0)
    return word[:3] + word[4] + word[3] + word[5:]


def _typical_story(published):
    """The middle one of the stories with a picture and a few comments."""
    slugs = list(
        published.filter(comment_count__range=(3, 30), hero_image__isnull=False)
        .order_by("pk")
        .values_list("slug", flat=True)
    ) or list(published.order_by("pk").values_list("slug", flat=True))
    return published.get(slug=slugs[len(slugs) // 2])


def landmarks():
    """{"pages": {kind: address}, "notes": {kind: what it holds}}."""
    published = Article.objects.published()
    listed = published.count() - 1  # the home page's lead story is not in its list
    busiest = (
        StoryTag.objects.filter(content_object__in=published)
        .values("tag__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]
    )
    typical = _typical_story(published)
    busy = published.order_by("-comment_count", "pk").first()
    threads = Comment.objects.approved().filter(article=busy, parent__isnull=True).count()
    last_cpage = max(1, math.ceil(threads / DiscussionSettings.load().comments_per_page))
    home, search = reverse("articles:home"), reverse("articles:search")
    deep = min(DEEP_PAGE, max(1, math.ceil(listed / settings.ARTICLES_PER_PAGE)))
    pages = {
        "home": home,
        "home, deep page": f"{home}?page={deep}",
        "busiest tag archive": reverse("articles:tag", args=[busiest["tag__slug"]]),
        "a typical story": typical.get_absolute_url(),
        "most comments, first page": f"{busy.get_absolute_url()}?cpage=1",
        "most comments, last page": f"{busy.get_absolute_url()}?cpage={last_cpage}",
        "search, common word": f"{search}?q={COMMON_WORD}",
        "search, rare word": f"{search}?q={rare_word(0)}",
        "search, misspelt word": f"{search}?q={misspelt_word()}",
        "sitemap.xml": "/sitemap.xml",
        "RSS feed": reverse("articles:feed"),
    }
    notes = {
        "busiest tag archive": f"{busiest['n']:,} stories",
        "a typical story": f"{typical.comment_count} comments",
        "most comments, first page": f"{busy.comment_count:,} comments, {last_cpage} pages",
    }
    return {"pages": pages, "notes": notes}


def print_landmarks():
    print(json.dumps(landmarks()))
