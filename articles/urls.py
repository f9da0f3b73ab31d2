from django.urls import path

from doggydiary.pagecache import reader_page

from . import feeds, front, preview, readership, views
from .generations import COMMENTS, CONTENT
from .search import views as search_views

app_name = "articles"

# Every reader page is served from the page cache until what it is made of changes:
# pages that show comment counts or comments depend on the comments too.
listing = reader_page(CONTENT, COMMENTS)
feed = reader_page(CONTENT)

urlpatterns = [
    path("", listing(front.home), name="home"),
    path("story/<slug:slug>/", listing(views.story_detail), name="story"),
    path("category/<slug:slug>/", listing(views.section_detail), name="section"),
    path("category/<slug:slug>/feed/", feed(feeds.SectionStories()), name="section_feed"),
    path(
        "category/<slug:slug>/feed/atom/",
        feed(feeds.SectionStories(atom=True)),
        name="section_atom_feed",
    ),
    path("tag/<slug:slug>/", listing(views.tag_detail), name="tag"),
    path("tag/<slug:slug>/feed/", feed(feeds.TagStories()), name="tag_feed"),
    path("tag/<slug:slug>/feed/atom/", feed(feeds.TagStories(atom=True)), name="tag_atom_feed"),
    path("author/<slug:slug>/", listing(views.author_detail), name="author"),
    path("author/<slug:slug>/feed/", feed(feeds.AuthorStories()), name="author_feed"),
    path(
        "author/<slug:slug>/feed/atom/",
        feed(feeds.AuthorStories(atom=True)),
        name="author_atom_feed",
    ),
    path("search/", listing(search_views.search), name="search"),
    path("feed/", feed(feeds.LatestStories()), name="feed"),
    path("feed/atom/", feed(feeds.LatestStories(atom=True)), name="atom_feed"),
    # A story page's beacon (a POST): counted, never cached.
    path("read/<int:pk>/", readership.read, name="read"),
    # Never a reader page: a preview is private to whoever holds the link.
    path("preview/<str:token>/", preview.preview_link, name="preview_link"),
]
