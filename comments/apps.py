from django.apps import AppConfig
from django.db.models.signals import post_save


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self):
        from articles import story_parts

        from .changes import settings_saved
        from .models import DiscussionSettings
        from .threads import discussion_context

        story_parts.register(discussion_context)
        post_save.connect(settings_saved, sender=DiscussionSettings, dispatch_uid="rules-saved")
        # Readers' mail: notices when comments go public, the digest in the mail worker.
        from doggydiary.outbox import jobs

        from .mail.digest import send_due_digest
        from .notices import on_comment_posted, on_comments_moderated
        from .signals import comment_posted, comments_moderated

        comment_posted.connect(on_comment_posted, dispatch_uid="mail-comment-posted")
        comments_moderated.connect(on_comments_moderated, dispatch_uid="mail-comments-moderated")
        jobs.register(send_due_digest)
