"""The HTML and data the reader templates ask for that is easier written in Python:
responsive pictures, social-card picture addresses, a story's structured data and
its share links. Each takes the site's public address (``base``) where it needs one;
the template environment (``doggydiary/jinja2.py``) supplies it from the request."""

import json
from urllib.parse import quote, urlencode, urljoin

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from doggydiary.routes import route_url

from .images import picture_data

# The same characters django.utils.html.json_script escapes, so nothing in the
# data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
_EAGER = mark_safe('loading="eager" fetchpriority="high"')
_LAZY = mark_safe('loading="lazy"')


def picture(image, spec, sizes, eager=False, css_class=""):
    """A <picture> with AVIF and WebP sources and a JPEG srcset, width, height and alt;
    until the renditions are made, the original in a box of their shape.

    The one image on a page that is likely the largest paint loads eagerly and
    with high priority; every other one loads lazily.
    """
    if image is None:
        return ""
    data = picture_data(image, spec)
    classes = [css_class] if css_class else []
    if data["pending"]:
        classes += ["picture-pending", f"picture-pending--{spec}"]
    sources = format_html_join(
        "",
        '<source type="{}" srcset="{}" sizes="{}">',
        ((kind, srcset, sizes) for kind, srcset in data["srcsets"].items()),
    )
    srcset = format_html(' srcset="{}" sizes="{}"', data["jpg_srcset"], sizes)
    return format_html(
        '<picture{}>{}<img src="{}"{} width="{}" height="{}" alt="{}" {} '
        'decoding="async"></picture>',
        format_html(' class="{}"', " ".join(classes)) if classes else "",
        sources,
        data["src"],
        srcset if data["jpg_srcset"] else "",
        data["width"],
        data["height"],
        data["alt"],
        _EAGER if eager else _LAZY,
    )


def _jpeg_url(data, width):
    """The widest JPEG rendition in ``data`` no wider than ``width`` (else the fallback)."""
    chosen = data["src"]
    for candidate in filter(None, data["jpg_srcset"].split(", ")):
        url, size = candidate.rsplit(" ", 1)
        if int(size[:-1]) <= width:
            chosen = url
    return chosen


def picture_url(base, image, spec="hero", width=1200):
    """An absolute JPEG rendition URL no wider than ``width``, for social cards and
    structured data."""
    if image is None:
        return ""
    return urljoin(base + "/", _jpeg_url(picture_data(image, spec), width))


def story_json_ld(base, story, tags):
    """NewsArticle structured data for one story, as a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.dek,
        "mainEntityOfPage": base + route_url("articles:story", story.slug),
        "datePublished": story.publish_at.isoformat(),
        "dateModified": story.updated_at.isoformat(),
        "articleSection": story.category.name,
        "keywords": [tag.name for tag in tags],
        "wordCount": len(story.body_text.split()),
        "author": {
            "@type": "Person",
            "name": story.author.name,
            "url": base + route_url("articles:author", story.author.slug),
        },
        "publisher": organization(base),
    }
    if story.hero_image:
        hero = picture_data(story.hero_image, "hero")
        urls = [urljoin(base + "/", _jpeg_url(hero, width)) for width in (1600, 1200, 800)]
        data["image"] = list(dict.fromkeys(urls))
    return json_ld_script(data)


def json_ld_script(data):
    """``data`` as a JSON-LD <script> element, safe inside HTML."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def organization(base):
    return {
        "@type": "Organization",
        "name": settings.SITE_NAME,
        "url": base + route_url("articles:home"),
        "logo": {"@type": "ImageObject", "url": base + static("img/logo.png")},
    }


def site_json_ld(base):
    """WebSite (with its search) and Organization structured data for the home page."""
    home = base + route_url("articles:home")
    search = base + route_url("articles:search") + "?q={search_term_string}"
    website = {
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": home,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": search},
            "query-input": "required name=search_term_string",
        },
    }
    return json_ld_script(
        {"@context": "https://schema.org", "@graph": [website, organization(base)]}
    )


def breadcrumbs_json_ld(base, trail):
    """BreadcrumbList structured data for Home and ``trail``: [(name, path), ...]."""
    trail = [("Home", route_url("articles:home")), *trail]
    items = [
        {"@type": "ListItem", "position": place, "name": name, "item": base + path}
        for place, (name, path) in enumerate(trail, start=1)
    ]
    return json_ld_script(
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    )


def share_links(base, story):
    """Plain share links: nothing loads from those sites until a reader clicks.
    Returns the story's address and ``(site name, link)`` pairs."""
    url = base + route_url("articles:story", story.slug)
    links = [
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": story.title})),
    ]
    pin = {"url": url, "description": story.title}
    if story.hero_image:
        pin["media"] = picture_url(base, story.hero_image, "hero", 1200)
    links.append(("Pinterest", "https://www.pinterest.com/pin/create/button/?" + urlencode(pin)))
    email = "mailto:?" + urlencode({"subject": story.title, "body": url}, quote_via=quote)
    links.append(("Email", email))
    return {"url": url, "links": links}
