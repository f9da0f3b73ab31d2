from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("story/<slug:slug>/", views.story_detail, name="story"),
    path("category/<slug:slug>/", views.section_detail, name="section"),
    path("category/<slug:slug>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("category/<slug:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section_atom_feed"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag"),
    path("tag/<slug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tag/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_atom_feed"),
    path("author/<slug:slug>/", views.author_detail, name="author"),
    path("author/<slug:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("author/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_atom_feed"),
    path("search/", views.search, name="search"),
    path("feed/", feeds.LatestStoriesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestStoriesAtomFeed(), name="atom_feed"),
]
