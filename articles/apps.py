from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save

# Whatever a reader page shows of these, however it is changed (admin, shell,
# scripts), moves the content generation; see articles.generations.
SHOWN_ON_PAGES = [
    "articles.Article",
    "articles.Author",
    "articles.Category",
    "articles.Image",
    "articles.StoryTag",
    "articles.PinnedRelation",
    "articles.Page",
    "taggit.Tag",
]


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Magazine"

    def ready(self):
        from doggydiary.healthz import register_stored_file_sample

        from . import generations, stored
        from .models import Image

        register_stored_file_sample(
            lambda: Image.objects.order_by("-pk").values_list("file", flat=True).first()
        )

        for label in SHOWN_ON_PAGES:
            model = self.apps.get_model(label)
            for signal in (post_save, post_delete):
                signal.connect(generations.content_changed, sender=model, dispatch_uid=label)
        # A story's stored HTML goes when anything it shows changes (articles.stored).
        for model in stored.SHOWN:
            for signal in (post_save, post_delete):
                signal.connect(stored.forget, sender=model, dispatch_uid=f"stored:{model}")
