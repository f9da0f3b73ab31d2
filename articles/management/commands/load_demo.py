import io
import re
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from articles import editorial, images, related, tasks
from articles.demo import read_catalogue, read_pages, story_body
from articles.demo.portraits import draw_portrait
from articles.demo.scenes import draw_scene
from articles.models import (
    Article,
    Author,
    Category,
    Image,
    Page,
    PageRevision,
    PinnedRelation,
    SocialPost,
)
from articles.sanitize import embed_for_url

DEMO_SRC = re.compile(r'src="demo:([a-z0-9_-]+)"')
# Stories go out two hours before the load, so one "published today" is already public.
PUBLISHED_BEFORE_LOAD = timedelta(hours=2)


class Command(BaseCommand):
    help = (
        "Load the demo magazine from articles/demo/: authors, sections, stories and drawn "
        "pictures. Idempotent: anything that already exists (by slug) is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Scale of the drawn pictures (tests use a small one for speed).",
        )

    def handle(self, *args, scale=1.0, **options):
        self.scale = scale
        self.created_images = []
        catalogue = read_catalogue()
        self.pictures = catalogue["pictures"]
        with transaction.atomic():
            sections = {item["slug"]: self.section(item) for item in catalogue["sections"]}
            authors = {item["slug"]: self.author(item) for item in catalogue["authors"]}
            for item in catalogue.get("posts", []):
                self.post(item)
            created = [
                self.story(item, authors, sections)
                for item in catalogue["stories"]
                if not Article.objects.filter(slug=item["slug"]).exists()
            ]
            for item in catalogue["stories"]:
                self.pin_related(item)
            for item in read_pages():
                self.page(item)
            if created:
                related.refresh_all()
        for image in self.created_images:
            # The sizes the demo pages show now, so a new site has them at once; the
            # task worker makes the others (the admin's, the other formats' of them).
            key = images.rendition_key(image)
            images.make_renditions(image, image._demo_specs)
            tasks.mark_ready(image, key)
            tasks.make_renditions.enqueue(image.pk, key)
        pictures, total = len(self.created_images), Article.objects.count()
        self.stdout.write(
            "Demo content: "
            + ngettext("%d new story", "%d new stories", len(created)) % len(created)
            + ", "
            + ngettext("%d new picture", "%d new pictures", pictures) % pictures
            + " ("
            + ngettext("%d story", "%d stories", total) % total
            + " in all)."
        )

    def picture(self, key):
        """The library picture drawn from the catalogue's ``pictures[key]``, made once."""
        item = self.pictures[key]
        existing = Image.objects.filter(title=item["title"]).first()
        if existing:
            return existing
        width, height = self.size(*item["size"])
        if item["drawing"] == "portrait":
            drawing = draw_portrait(
                item["initials"], item["palette"], size=width, look=item.get("look")
            )
        else:
            drawing = draw_scene(
                item["motif"],
                tuple(item["palette"]),
                (width, height),
                item["seed"],
                setting=item.get("setting"),
                light=item.get("light"),
                framing=item.get("framing"),
            )
        focal_x, focal_y = drawing.info.get("focal", (0.5, 0.5))
        out = io.BytesIO()
        drawing.save(out, "JPEG", quality=90)
        image = Image.objects.create(
            title=item["title"],
            alt=item["alt"],
            caption=item.get("caption", ""),
            credit=item.get("credit", ""),
            focal_x=focal_x,
            focal_y=focal_y,
            file=ContentFile(out.getvalue(), name="demo.jpg"),
        )
        image._demo_specs = item["renditions"]
        self.created_images.append(image)
        return image

    def size(self, width, height):
        return max(64, round(width * self.scale)), max(40, round(height * self.scale))

    def section(self, item):
        return Category.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "description": item["description"]},
        )[0]

    def author(self, item):
        author = Author.objects.filter(slug=item["slug"]).first()
        if author:
            return author
        return Author.objects.create(
            slug=item["slug"],
            name=item["name"],
            website=item["website"],
            bio=item["bio"],
            photo=self.picture(item["portrait"]),
        )

    def post(self, item):
        """An embedded post's poster, author and first line, described once, before the
        stories that show it are saved."""
        provider, post_id = embed_for_url(item["address"])
        if not SocialPost.objects.filter(provider=provider, post_id=post_id).exists():
            SocialPost.objects.create(
                address=item["address"],
                author_name=item["author_name"],
                first_line=item["first_line"],
                poster=self.picture(item["poster"]),
            )

    def body(self, slug):
        """The story's HTML with each ``demo:KEY`` picture swapped for its file's URL."""
        return DEMO_SRC.sub(
            lambda match: f'src="{self.picture(match[1]).file.url}"', story_body(slug)
        )

    def story(self, item, authors, sections):
        hero = self.picture(item["hero"])
        days_ago = item["publish_days_ago"]
        article = Article.objects.create(
            slug=item["slug"],
            title=item["title"],
            dek=item["standfirst"],
            body=self.body(item["slug"]),
            hero_image=hero,
            author=authors[item["author"]],
            category=sections[item["section"]],
            status=item["status"],
            publish_at=None
            if days_ago is None
            else timezone.now() - timedelta(days=days_ago) - PUBLISHED_BEFORE_LOAD,
            featured=item["featured"],
            comments_open=item["comments_open"],
        )
        article.tags.set(item["tags"])
        editorial.story_saved(article)
        # A demo story was last edited when it was published, not when it was loaded.
        if article.publish_at:
            Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at)
        return article

    def page(self, item):
        """A published page linked from the footer, with its first revision."""
        if Page.objects.filter(slug=item["slug"]).exists():
            return
        page = Page.objects.create(status=Page.Status.PUBLISHED, in_footer=True, **item)
        PageRevision.record(page, None)

    def pin_related(self, item):
        """Pins an editor's choice of related stories, as an editor would."""
        targets = item.get("pinned_related", [])
        source = Article.objects.filter(slug=item["slug"]).first() if targets else None
        for position, slug in enumerate(targets):
            target = Article.objects.filter(slug=slug).first()
            if source and target:
                PinnedRelation.objects.get_or_create(
                    from_article=source, to_article=target, defaults={"position": position}
                )
