from django.conf import settings

from articles.models import Category, Page

from .fragments import kept
from .rows import Rows

# Plain rows (doggydiary.rows): what the header and footer print of them.
_SECTIONS = Rows(lambda: Category.objects.for_navigation().values_list("slug", "name"), named=True)
_PAGES = Rows(lambda: Page.objects.in_footer().values_list("slug", "title"), named=True)


def _furniture():
    """What every page's header and footer list: the sections and the footer's pages,
    kept together (one lookup a render) until the magazine's content changes."""
    return kept(
        "site-furniture",
        lambda: {
            "sections": _SECTIONS(),
            "pages": _PAGES(),
        },
    )


def site(request):
    """Site name, the navigation's categories and the footer's pages (read only when a
    template asks for them)."""
    furniture = {}

    def part(name):
        def read():
            if not furniture:
                furniture.update(_furniture())
            return furniture[name]

        return read

    return {
        "SITE_NAME": settings.SITE_NAME,
        "nav_sections": part("sections"),
        "footer_pages": part("pages"),
    }
