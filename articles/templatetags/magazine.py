"""What the one page still on Django templates (the search page, until it moves to
templates/site/) needs from the magazine's helpers; the reader templates use
``articles.rendering`` through ``doggydiary.jinja2``. Goes when the search page moves."""

from django import template

from doggydiary.site import site_url

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """A full URL for ``path`` on this site (canonical links, share links, Open Graph)."""
    return site_url(context["request"]) + path
