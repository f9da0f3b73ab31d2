from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from articles import pages
from articles.admin.view_on_site import view_on_site
from articles.generations import CONTENT
from articles.images import RENDITION_DIR
from articles.views import media_file
from doggydiary.healthz import healthz
from doggydiary.pagecache import reader_page
from doggydiary.throttle import ThrottledLoginForm
from doggydiary.views import favicon, robots_txt

# Not found: the stories whose titles have the missing address's words.
handler404 = "articles.search.views.not_found"

# Failed sign-ins are counted and locked out (doggydiary/throttle.py).
admin.site.login_form = ThrottledLoginForm

urlpatterns = [
    # Before the admin's own: no "View on site" for a story readers cannot see.
    path("admin/r/<int:content_type_id>/<path:object_id>/", admin.site.admin_view(view_on_site)),
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("", include("articles.sitemaps.urls")),
    path("", include("articles.urls")),
    path("", include("comments.urls")),
]

prefix = settings.MEDIA_URL.lstrip("/")
if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.+)$", media_file, name="media"))
else:
    # A proxy serves the media folder itself (SERVE_MEDIA=false); a rendition it does
    # not have yet is its fallback to the site, which asks the task worker for it.
    urlpatterns.append(
        re_path(rf"^{prefix}(?P<path>{RENDITION_DIR}/.+)$", media_file, name="media")
    )

# Last: pages editors write answer only what no other route does (articles/pages.py);
# a slug no longer than a page's may be.
urlpatterns.append(
    re_path(
        r"^(?P<slug>[-a-zA-Z0-9_]{1,200})/$",
        reader_page(CONTENT)(pages.page_detail),
        name="page",
    )
)
