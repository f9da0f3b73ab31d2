"""What one WordPress post or page becomes, as field values (no database writes but
the filing's, which creates an author, section or tag the first time it is named)."""

import hashlib
import json
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import unescape

from django.utils import timezone

from articles.models import Article, Page

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
    "private": Article.Status.DRAFT,
}
SKIPPED = {
    "trash": "in the trash",
    "auto-draft": "an auto-draft WordPress made and never saved",
    "inherit": "a revision",
}
_TAG = re.compile(r"<[^>]+>")
_YOAST_VAR = re.compile(r"%%(\w+)%%")


def plain(value, length=None):
    text = " ".join(unescape(_TAG.sub(" ", value or "")).split())
    if length and len(text) > length:
        text = text[: length - 1].rsplit(" ", 1)[0] + "…"
    return text


def wp_time(item_or_comment, gmt_name, local_name, fallback=""):
    """An aware time: the GMT field, else the local one read in the site's time zone,
    else an RFC 822 ``fallback`` (``pubDate``); None when none is a time."""
    value = (item_or_comment.get(gmt_name) or "").strip()
    if value and not value.startswith("0000"):
        try:
            return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError:
            pass
    value = (item_or_comment.get(local_name) or "").strip()
    if value and not value.startswith("0000"):
        try:
            return timezone.make_aware(datetime.strptime(value, "%Y-%m-%d %H:%M:%S"))
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(fallback.strip()) if fallback.strip() else None
    except (TypeError, ValueError):
        return None


def digest(values):
    raw = json.dumps(values, sort_keys=True, default=str)
    return hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def _yoast(value, title, site):
    def variable(match):
        return {"title": title, "sitename": site, "sep": "–"}.get(match[1], "")

    return plain(_YOAST_VAR.sub(variable, value))


def title_of(item, body_text):
    title = plain(item.get("title"), 200)
    if title:
        return title
    words = body_text.split()[:8]
    return plain(" ".join(words), 200) or f"Untitled ({item.wp_id or 'no id'})"


def status_of(item):
    """(status, why it is not public or None) or (None, why it is skipped)."""
    wp_status = item.get("wp:status", "publish").strip() or "publish"
    if wp_status in SKIPPED:
        return None, SKIPPED[wp_status]
    status = STATUSES.get(wp_status)
    if status is None:
        return None, f"status '{wp_status}' has no equivalent"
    if item.get("wp:post_password").strip() and status == Article.Status.PUBLISHED:
        return Article.Status.DRAFT, "password-protected: kept as a draft"
    if wp_status == "private":
        return status, "private: kept as a draft"
    return status, None


def story_fields(item, ctx, body):
    """Field values of the story an item becomes (``tags`` is a list of tag ids)."""
    status, _ = status_of(item)
    categories = ctx.survey.categories_of(item)
    section = categories[0] if categories else "uncategorized"
    tags = [ctx.filing.tag(nicename, name) for domain, nicename, name in item.categories
            if domain == "post_tag"]  # fmt: skip
    for nicename in [*categories[1:], *ctx.filing.ancestors(section)]:
        name = ctx.survey.categories.get(nicename, {}).get("wp:cat_name") or nicename
        tags.append(ctx.filing.tag(nicename, name))
    published = wp_time(item, "wp:post_date_gmt", "wp:post_date", item.get("pubDate"))
    text = plain(body)
    title = title_of(item, text)
    hero = ctx.library.picture(item.first_meta("_thumbnail_id"))
    return {
        "title": title,
        "dek": plain(item.get("excerpt:encoded"), 300),
        "body": body,
        "status": status,
        "publish_at": published if status == Article.Status.PUBLISHED else None,
        "featured": item.get("wp:is_sticky").strip() == "1",
        "comments_open": item.get("wp:comment_status", "open").strip() != "closed",
        "seo_title": _yoast(item.first_meta("_yoast_wpseo_title"), title, ctx.site_name)[:70],
        "seo_description": plain(item.first_meta("_yoast_wpseo_metadesc"), 160),
        "author_id": ctx.filing.author(item.get("dc:creator")),
        "category_id": ctx.filing.section(section),
        "hero_image_id": hero.pk if hero else None,
        "tags": sorted(set(tags)),
    }


def page_fields(item, ctx, body):
    status, _ = status_of(item)
    title = title_of(item, plain(body))
    return {
        "title": title,
        "body": body,
        "status": Page.Status.PUBLISHED
        if status == Article.Status.PUBLISHED and item.get("wp:status").strip() != "future"
        else Page.Status.DRAFT,
        "seo_title": _yoast(item.first_meta("_yoast_wpseo_title"), title, ctx.site_name)[:70],
        "seo_description": plain(item.first_meta("_yoast_wpseo_metadesc"), 160),
        "footer_order": min(max(int(item.get("wp:menu_order", "0").strip() or 0), 0), 32767),
    }
