"""Posts into stories and pages into the magazine's pages, a batch at a time. A new
story is written in bulk (its derived fields made here, the rest in ``aftersave``);
one that changed since the last import is saved as any edit is; one that did not is
left alone."""

from django.db import transaction
from taggit.models import Tag

from articles.models import Article, Page, StoryTag

from . import aftersave
from .mapping import digest, page_fields, status_of, story_fields
from .models import WordPressItem
from .slugs import make_slug, unique_slugs

# A page's address is /slug/: these are the site's own.
RESERVED = {
    "admin", "story", "category", "tag", "author", "search", "feed", "media", "static",
    "preview", "comments", "healthz", "robots-txt", "favicon-ico", "sitemap-xml", "privacy",
}  # fmt: skip


def item_key(item):
    return item.wp_id or "guid:" + digest([item.get("guid"), item.get("link"), item.get("title")])


class Writer:
    """Collects post and page items and writes them a batch at a time, each batch in
    its own transaction (the file was proved whole before the first)."""

    BATCH = 200

    def __init__(self, ctx):
        self.ctx = ctx
        self.report = ctx.report
        self.batch = []
        self.seen = set()
        self.story_ids = set()

    def add(self, item):
        kind = item.post_type
        if kind not in {"post", "page"}:
            if kind != "attachment":
                self.report.skip("other items", f"'{kind}' has no equivalent here")
            return
        label = f"{kind}s"
        status, why = status_of(item)
        key = item_key(item)
        if status is None:
            self.report.skip(label, why, (item.get("title") or key).strip())
        elif (kind, key) in self.seen:
            self.report.skip(label, "the same id appears twice in the file", key)
        else:
            if why:
                self.report.count(label, why)
            self.seen.add((kind, key))
            self.batch.append(item)
        if len(self.batch) >= self.BATCH:
            self.flush()

    def flush(self):
        if not self.batch:
            return
        with transaction.atomic():
            stories = self._stories([i for i in self.batch if i.post_type == "post"])
            self._pages([i for i in self.batch if i.post_type == "page"])
            threads = [
                (stories[item_key(i)], i.comments) for i in self.batch if item_key(i) in stories
            ]
            self.ctx.discussion.write(threads)
        self.batch = []

    def _stories(self, items):
        existing = _existing(WordPressItem.Kind.POST, [item_key(i) for i in items], Article)
        fresh, ids = [], {}
        for item in items:
            key = item_key(item)
            body = self.ctx.bodies.make(item.get("content:encoded"), item.wp_id)
            fields = story_fields(item, self.ctx, body)
            fields["slug"] = make_slug(
                item.get("wp:post_name"), fields["title"], fallback=f"story-{key}"
            )
            if fields["publish_at"] is None and fields["status"] == Article.Status.PUBLISHED:
                fields["publish_at"] = self.ctx.now
            check = digest(fields)
            if key in existing:
                ids[key] = self._update(key, existing[key], fields, check)
            else:
                fresh.append((key, item, fields, check))
        ids.update(self._create(fresh))
        self.story_ids.update(ids.values())
        for item in items:
            if item_key(item) in ids:
                self.ctx.addresses.add(item, WordPressItem.Kind.POST, item_key(item))
        return ids

    def _create(self, fresh):
        if not fresh:
            return {}
        slugs = unique_slugs(Article, {key: fields["slug"] for key, _, fields, _ in fresh})
        articles = []
        for key, _, fields, _ in fresh:
            values = {k: v for k, v in fields.items() if k != "tags"}
            article = Article(**{**values, "slug": slugs[key]})
            aftersave.derive(article, self.ctx.pictures)
            articles.append(article)
        Article.objects.bulk_create(articles, batch_size=500)
        StoryTag.objects.bulk_create(
            [StoryTag(content_object_id=a.pk, tag_id=tag, publish_at=a.publish_at)
             for a, (_, _, fields, _) in zip(articles, fresh, strict=True)
             for tag in fields["tags"]],
            batch_size=1000,
        )  # fmt: skip
        WordPressItem.objects.bulk_create(
            [WordPressItem(kind="post", key=key, object_id=a.pk, digest=check)
             for a, (key, _, _, check) in zip(articles, fresh, strict=True)],
            batch_size=1000,
        )  # fmt: skip
        self.report.count("posts", "created", len(articles))
        return {key: a.pk for a, (key, _, _, _) in zip(articles, fresh, strict=True)}

    def _update(self, key, known, fields, check):
        pk, old = known
        if old == check:
            self.report.count("posts", "unchanged")
            return pk
        article = Article.objects.get(pk=pk)
        for name, value in fields.items():
            if name not in {"tags", "slug"}:
                setattr(article, name, value)
        if article.slug != fields["slug"] and not article.slug.startswith(fields["slug"] + "-"):
            article.slug = unique_slugs(Article, {0: fields["slug"]})[0]
        aftersave.saved_one_by_one(article)
        article.tags.set(list(Tag.objects.filter(pk__in=fields["tags"])))
        WordPressItem.objects.filter(kind="post", key=key).update(digest=check)
        self.report.count("posts", "updated")
        return pk

    def _pages(self, items):
        existing = _existing(WordPressItem.Kind.PAGE, [item_key(i) for i in items], Page)
        for item in items:
            key = item_key(item)
            body = self.ctx.bodies.make(item.get("content:encoded"), item.wp_id)
            fields = page_fields(item, self.ctx, body)
            slug = make_slug(item.get("wp:post_name"), fields["title"], fallback=f"page-{key}")
            fields["slug"] = f"{slug}-page" if slug in RESERVED else slug
            check = digest(fields)
            if key in existing and existing[key][1] == check:
                self.report.count("pages", "unchanged")
            else:
                self._save_page(key, existing.get(key), fields, check)
            if item.comments:
                self.report.skip("comments", "on a page (pages here have no comments)")
            self.ctx.addresses.add(item, WordPressItem.Kind.PAGE, key)

    def _save_page(self, key, known, fields, check):
        page = Page.objects.get(pk=known[0]) if known else Page()
        for name, value in fields.items():
            if name != "slug":
                setattr(page, name, value)
        if page.slug != fields["slug"] and not page.slug.startswith(fields["slug"] + "-"):
            page.slug = unique_slugs(Page, {0: fields["slug"]})[0]
        page.save()
        WordPressItem.objects.update_or_create(
            kind="page", key=key, defaults={"object_id": page.pk, "digest": check}
        )
        self.report.count("pages", "updated" if known else "created")


def _existing(kind, keys, model):
    """{key: (object id, digest)} of the items imported before whose object is still here."""
    known = {
        key: (pk, check)
        for key, pk, check in WordPressItem.objects.filter(kind=kind, key__in=keys).values_list(
            "key", "object_id", "digest"
        )
    }
    alive = set(
        model.objects.filter(pk__in=[pk for pk, _ in known.values()]).values_list("pk", flat=True)
    )
    stale = [key for key, (pk, _) in known.items() if pk not in alive]
    WordPressItem.objects.filter(kind=kind, key__in=stale).delete()
    return {key: value for key, value in known.items() if value[0] in alive}
