from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self):
        from articles import story_parts

        from .changes import comment_saved, settings_saved
        from .models import Comment, DiscussionSettings
        from .threads import discussion_context

        story_parts.register(discussion_context)
        post_save.connect(comment_saved, sender=Comment, dispatch_uid="comment-saved")
        post_delete.connect(comment_saved, sender=Comment, dispatch_uid="comment-deleted")
        post_save.connect(settings_saved, sender=DiscussionSettings, dispatch_uid="rules-saved")
