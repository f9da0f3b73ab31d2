from django.urls import path

from articles.generations import COMMENTS, CONTENT
from doggydiary.pagecache import reader_page

from . import feeds, views

app_name = "comments"

comment_feed = reader_page(CONTENT, COMMENTS)

urlpatterns = [
    path("story/<slug:slug>/comments/", views.comment_create, name="create"),
    path("story/<slug:slug>/comments/feed/", comment_feed(feeds.StoryCommentsFeed()), name="feed"),
    path(
        "story/<slug:slug>/comments/feed/atom/",
        comment_feed(feeds.StoryCommentsAtomFeed()),
        name="atom_feed",
    ),
    path("comments/<int:pk>/", views.permalink, name="permalink"),
]
