import json
from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.images import picture_data
from doggydiary.site import site_url

register = template.Library()

# The same characters django.utils.html.json_script escapes, so nothing in the
# data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """A full URL for ``path`` on this site (canonical links, share links, Open Graph)."""
    return site_url(context["request"]) + path


@register.simple_tag
def picture(image, spec, sizes, eager=False, css_class=""):
    """A <picture> with WebP and JPEG srcsets, width, height and alt.

    The one image on a page that is likely the largest paint loads eagerly and
    with high priority; every other one loads lazily.
    """
    if image is None:
        return ""
    data = picture_data(image, spec)
    loading = mark_safe('loading="eager" fetchpriority="high"' if eager else 'loading="lazy"')
    return format_html(
        '<picture{}><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" {} '
        'decoding="async"></picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        data["webp_srcset"],
        sizes,
        data["src"],
        data["jpg_srcset"],
        sizes,
        data["width"],
        data["height"],
        data["alt"],
        loading,
    )


@register.simple_tag(takes_context=True)
def picture_url(context, image, spec="hero", width=1200):
    """An absolute JPEG rendition URL, for social cards and structured data."""
    if image is None:
        return ""
    data = picture_data(image, spec)
    chosen = data["src"]
    for candidate in data["jpg_srcset"].split(", "):
        url, size = candidate.rsplit(" ", 1)
        if int(size[:-1]) <= width:
            chosen = url
    return site_url(context["request"]) + chosen


@register.simple_tag(takes_context=True)
def story_json_ld(context, story):
    """NewsArticle structured data for one story."""
    request = context["request"]
    base = site_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.dek,
        "mainEntityOfPage": base + story.get_absolute_url(),
        "datePublished": story.publish_at.isoformat(),
        "dateModified": story.updated_at.isoformat(),
        "articleSection": story.category.name,
        "keywords": [tag.name for tag in story.tags.all()],
        "wordCount": len(story.body_text.split()),
        "author": {
            "@type": "Person",
            "name": story.author.name,
            "url": base + story.author.get_absolute_url(),
        },
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "logo": {"@type": "ImageObject", "url": base + static("img/logo.png")},
        },
    }
    if story.hero_image:
        data["image"] = [
            picture_url(context, story.hero_image, "hero", width) for width in (1600, 1200, 800)
        ]
        data["image"] = list(dict.fromkeys(data["image"]))
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.inclusion_tag("articles/_share.html", takes_context=True)
def share_links(context, story):
    """Plain share links: nothing loads from those sites until a reader clicks."""
    url = absolute_url(context, story.get_absolute_url())
    links = [
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": story.title})),
    ]
    pin = {"url": url, "description": story.title}
    if story.hero_image:
        pin["media"] = picture_url(context, story.hero_image, "hero", 1200)
    links.append(("Pinterest", "https://www.pinterest.com/pin/create/button/?" + urlencode(pin)))
    email = "mailto:?" + urlencode({"subject": story.title, "body": url}, quote_via=quote)
    links.append(("Email", email))
    return {"links": links, "url": url, "title": story.title}
