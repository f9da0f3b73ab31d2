from django.conf import settings

from articles.models import Category


def site(request):
    """Site name and the navigation's categories (one small query, only when a
    template asks for it)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": Category.objects.for_navigation,
    }
