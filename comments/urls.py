from django.urls import path

from articles.generations import COMMENTS, CONTENT
from doggydiary.pagecache import reader_page

from . import edit_views, feeds, privacy_page, views
from .mail import views as mail_views

app_name = "comments"

comment_feed = reader_page(CONTENT, COMMENTS)
moved = views.follow_moved_story  # after a slug change, the old address 301s

urlpatterns = [
    path("story/<slug:slug>/comments/", views.comment_create, name="create"),
    path("comments/shown/", views.form_shown, name="form_shown"),
    path(
        "story/<slug:slug>/comments/feed/",
        moved(comment_feed(feeds.StoryComments()), "comments:feed"),
        name="feed",
    ),
    path(
        "story/<slug:slug>/comments/feed/atom/",
        moved(comment_feed(feeds.StoryComments(atom=True)), "comments:atom_feed"),
        name="atom_feed",
    ),
    path("comments/<int:pk>/", views.permalink, name="permalink"),
    path("comments/<int:pk>/edit/", edit_views.comment_edit, name="edit"),
    path("story/<slug:slug>/follow/", mail_views.follow, name="follow"),
    path("newsletter/", mail_views.newsletter, name="newsletter"),
    path("mail/confirm/<str:token>/", mail_views.confirm_address, name="mail_confirm"),
    path("mail/unsubscribe/<str:token>/", mail_views.unsubscribe_link, name="mail_unsubscribe"),
    path("mail/subscriber/<str:token>/", mail_views.manage, name="mail_manage"),
    path("privacy/", privacy_page.privacy, name="privacy"),
    path("comments/feed/", comment_feed(feeds.LatestComments()), name="site_feed"),
    path(
        "comments/feed/atom/", comment_feed(feeds.LatestComments(atom=True)), name="site_atom_feed"
    ),
]
