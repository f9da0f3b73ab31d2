from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import ngettext

from articles.demo import read_catalogue
from articles.models import Article
from comments import decisions
from comments.models import Comment


class Command(BaseCommand):
    help = (
        "Load the demo readers' comments from articles/demo/catalogue.json onto stories "
        "that have none yet (run after load_demo). Idempotent."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        stories = Article.objects.in_bulk(
            [item["slug"] for item in read_catalogue()["stories"]], field_name="slug"
        )
        seeded = []
        for item in read_catalogue()["stories"]:
            story = stories.get(item["slug"])
            if story is None or not item.get("comments") or story.comments.exists():
                continue
            self.thread(story, item["comments"])
            seeded.append(story.pk)
        added = Comment.objects.filter(article_id__in=seeded).only("article_id", "status")
        decisions.posted(*added)
        stories = ngettext("%d story", "%d stories", len(seeded)) % len(seeded)
        self.stdout.write(f"Demo comments: added to {stories}.")

    def thread(self, story, items):
        """Approved reader comments; ``reply_to`` indexes an earlier one on the same story."""
        thread = []
        for item in items:
            reply_to = item["reply_to"]
            thread.append(
                Comment.objects.create(
                    article=story,
                    parent=None if reply_to is None else thread[reply_to],
                    name=item["name"],
                    email=item["email"],
                    website=item["website"],
                    body=item["body"],
                    status=Comment.Status.APPROVED,
                )
            )
