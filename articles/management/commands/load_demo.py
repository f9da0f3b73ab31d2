import io
import re
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import demo_art, demo_content, images
from articles.models import Article, Author, Category, Image, PinnedRelation

DEMO_SRC = re.compile(r'src="demo:([a-z_]+)"')


class Command(BaseCommand):
    help = (
        "Load the demo magazine: authors, sections, stories and drawn pictures. "
        "Idempotent: anything that already exists (by slug) is left as it is."
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
        with transaction.atomic():
            categories = {
                item["slug"]: Category.objects.get_or_create(
                    slug=item["slug"],
                    defaults={"name": item["name"], "description": item["description"]},
                )[0]
                for item in demo_content.CATEGORIES
            }
            authors = {item["slug"]: self.author(item) for item in demo_content.AUTHORS}
            created = [
                self.story(item, authors, categories)
                for item in demo_content.STORIES
                if not Article.objects.filter(slug=item["slug"]).exists()
            ]
            self.pin_related()
            self.comments(created)
        for image in self.created_images:
            images.make_renditions(image, image._demo_specs)
        self.stdout.write(
            f"Demo content: {len(created)} new stories, {len(self.created_images)} new pictures "
            f"({Article.objects.count()} stories in all)."
        )

    def image(self, title, picture, alt, caption="", credit="", specs=("hero", "card")):
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=90)
        image = Image.objects.create(
            title=title,
            alt=alt,
            caption=caption,
            credit=credit,
            file=ContentFile(out.getvalue(), name="demo.jpg"),
        )
        image._demo_specs = specs
        self.created_images.append(image)
        return image

    def size(self, width, height):
        return max(64, round(width * self.scale)), max(40, round(height * self.scale))

    def author(self, item):
        author = Author.objects.filter(slug=item["slug"]).first()
        if author:
            return author
        initials = "".join(part[0] for part in item["name"].split()[:2]).upper()
        photo = self.image(
            f"Demo portrait: {item['name']}",
            demo_art.draw_portrait(initials, item["palette"], size=self.size(512, 512)[0]),
            alt=f"Illustrated portrait of {item['name']}",
            specs=("avatar",),
        )
        return Author.objects.create(
            slug=item["slug"],
            name=item["name"],
            website=item["website"],
            bio=item["bio"],
            photo=photo,
        )

    def body(self, html):
        def swap(match):
            motif = match[1]
            figure = self.image(
                f"Demo figure: {motif}",
                demo_art.draw_hero(
                    motif, ("#cfe8f5", "#9cc27a", "#8a5a3b"), self.size(1200, 800), 7
                ),
                alt=f"A drawing of a {motif.replace('_', ' and ')}",
                specs=("body",),
            )
            return f'src="{figure.file.url}"'

        return DEMO_SRC.sub(swap, html)

    def story(self, item, authors, categories):
        hero = item["hero"]
        picture = self.image(
            f"Demo hero: {item['slug']}",
            demo_art.draw_hero(
                hero["motif"], tuple(hero["palette"]), self.size(1600, 1000), len(item["slug"])
            ),
            alt=hero["alt"],
            caption=hero.get("caption", ""),
            credit=hero.get("credit", ""),
        )
        status = item.get("status", Article.Status.PUBLISHED)
        article = Article.objects.create(
            slug=item["slug"],
            title=item["title"],
            dek=item["dek"],
            body=self.body(item["body"]),
            hero_image=picture,
            author=authors[item["author"]],
            category=categories[item["category"]],
            status=status,
            publish_at=None
            if status == Article.Status.DRAFT
            else timezone.now() - timedelta(days=item["days_ago"], hours=2),
            featured=item.get("featured", False),
            comments_open=item.get("comments_open", True),
        )
        article.tags.set(item["tags"])
        # A demo story was last edited when it was published, not when it was loaded.
        if article.publish_at:
            Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at)
        return article

    def comments(self, new_stories):
        """A few approved reader comments, added only with their story."""
        from comments.models import Comment

        new_slugs = {story.slug: story for story in new_stories}
        posted = {}
        for slug, name, website, body, reply_to in demo_content.COMMENTS:
            story = new_slugs.get(slug)
            if story is None:
                continue
            thread = posted.setdefault(slug, [])
            comment = Comment.objects.create(
                article=story,
                parent=thread[reply_to] if reply_to is not None else None,
                name=name,
                email=f"{name.split()[0].lower()}@readers.invalid",
                website=website,
                body=body,
                status=Comment.Status.APPROVED,
            )
            thread.append(comment)

    def pin_related(self):
        """Pins an editor's choice of related stories, as an editor would."""
        for from_slug, to_slugs in demo_content.PINNED.items():
            source = Article.objects.filter(slug=from_slug).first()
            for position, slug in enumerate(to_slugs):
                target = Article.objects.filter(slug=slug).first()
                if source and target:
                    PinnedRelation.objects.get_or_create(
                        from_article=source, to_article=target, defaults={"position": position}
                    )
