from django.conf import settings

from articles.models import Category

from .fragments import kept


def _navigation():
    return kept("nav", lambda: list(Category.objects.for_navigation()))


def site(request):
    """Site name and the navigation's categories (read only when a template asks for
    them, and kept until the magazine's content changes)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": _navigation,
    }
