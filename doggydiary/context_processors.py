from django.conf import settings

from articles import generations
from articles.models import Category, Page

from .fragments import kept


def _navigation():
    return kept(
        "nav-sections",
        generations.current(generations.CONTENT),
        lambda: list(Category.objects.for_navigation()),
    )


def _footer_pages():
    return kept(
        "footer-pages",
        generations.current(generations.CONTENT),
        lambda: list(Page.objects.in_footer()),
    )


def site(request):
    """Site name, the navigation's categories and the footer's pages (read only when a
    template asks for them, and kept until the magazine's content changes)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": _navigation,
        "footer_pages": _footer_pages,
    }
