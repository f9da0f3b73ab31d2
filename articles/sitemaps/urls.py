from django.urls import path

from doggydiary.pagecache import reader_page

from ..generations import CONTENT
from . import views

app_name = "sitemaps"

# Sitemaps show stories, sections, authors and tags, never comments.
sitemap = reader_page(CONTENT)

urlpatterns = [
    path("sitemap.xml", sitemap(views.sitemap_index), name="index"),
    path("sitemaps/<str:name>.xml", sitemap(views.sitemap_file), name="file"),
]
