from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from articles.views import media_file
from doggydiary.views import favicon, robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("articles.sitemaps.urls")),
    path("", include("articles.urls")),
    path("", include("comments.urls")),
]

if settings.SERVE_MEDIA:
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.+)$", media_file, name="media"))
