from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"

    def ready(self):
        from articles import story_parts

        from .threads import discussion_context

        story_parts.register(discussion_context)
