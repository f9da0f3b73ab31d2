from django.urls import path

from . import feeds, views

app_name = "comments"

urlpatterns = [
    path("story/<slug:slug>/comments/", views.comment_create, name="create"),
    path("story/<slug:slug>/comments/feed/", feeds.StoryCommentsFeed(), name="feed"),
    path("story/<slug:slug>/comments/feed/atom/", feeds.StoryCommentsAtomFeed(), name="atom_feed"),
    path("comments/<int:pk>/", views.permalink, name="permalink"),
]
