"""Authors, sections and tags. Few rows, so the ORM writes them one by one; each is
keyed on WordPress's login or slug, and a section that exists by slug is used as it is.

- authors: the display name is the byline; a creator the export does not declare
  still gets an author; no one gets a login account;
- categories: a post's section is its Yoast (or Rank Math) primary category, else
  its first; its other categories, and the parents of a child category, become tags.
  Only categories that are some post's section become sections (the rest are tags),
  so the navigation does not fill with empty ones.
"""

from html import unescape

from taggit.models import Tag

from articles.models import Author, Category

from .models import WordPressItem
from .slugs import make_slug, unique_slugs

UNKNOWN_AUTHOR = "The editors"


def _text(value, length):
    return " ".join(unescape(value or "").split())[:length]


class Filing:
    """Authors, sections and tags of one import, created as they are first needed."""

    def __init__(self, survey, report):
        self.survey = survey
        self.report = report
        self.known = {
            (kind, key): pk
            for kind, key, pk in WordPressItem.objects.filter(
                kind__in=["author", "section", "tag"]
            ).values_list("kind", "key", "object_id")
        }
        self.authors = {}
        self.sections = {}
        self.tags = {}

    def _remember(self, kind, key, pk, outcome):
        if (kind, key) not in self.known:
            WordPressItem.objects.create(kind=kind, key=key, object_id=pk)
            self.known[kind, key] = pk
        self.report.count(
            {"author": "authors", "section": "sections", "tag": "tags"}[kind], outcome
        )

    def author(self, login):
        login = (login or "").strip()
        if login in self.authors:
            return self.authors[login]
        pk = self.known.get(("author", login))
        if pk is None or not Author.objects.filter(pk=pk).exists():
            pk = self._new_author(login)
            self._remember("author", login, pk, "created")
        else:
            self.report.count("authors", "unchanged")
        self.authors[login] = pk
        return pk

    def _new_author(self, login):
        declared = self.survey.authors.get(login, {})
        name = _text(declared.get("wp:author_display_name"), 120)
        if not name:
            first = _text(declared.get("wp:author_first_name"), 60)
            last = _text(declared.get("wp:author_last_name"), 60)
            name = f"{first} {last}".strip() or login or UNKNOWN_AUTHOR
        same = Author.objects.filter(name__iexact=name, user__isnull=True).first()
        if same is not None:
            return same.pk
        slug = make_slug(login, name, fallback="author", max_length=120)
        slug = unique_slugs(Author, {0: slug}, max_length=120)[0]
        return Author.objects.create(name=name[:120], slug=slug).pk

    def section(self, nicename):
        if nicename in self.sections:
            return self.sections[nicename]
        pk = self.known.get(("section", nicename))
        if pk is None or not Category.objects.filter(pk=pk).exists():
            pk = self._new_section(nicename)
            self._remember("section", nicename, pk, "created")
        else:
            self.report.count("sections", "unchanged")
        self.sections[nicename] = pk
        return pk

    def _new_section(self, nicename):
        declared = self.survey.categories.get(nicename, {})
        name = _text(declared.get("wp:cat_name"), 80) or _text(nicename.replace("-", " "), 80)
        name = name if declared else name.capitalize() or "Uncategorized"
        slug = make_slug(
            nicename, name, fallback=f"section-{declared.get('wp:term_id', '')}", max_length=80
        )
        existing = (
            Category.objects.filter(slug=slug).first() or Category.objects.filter(name=name).first()
        )
        if existing is not None:
            return existing.pk
        parent = self.survey.categories.get(declared.get("wp:category_parent", ""), {})
        if Category.objects.filter(name=name).exists() and parent:
            name = f"{name} ({_text(parent.get('wp:cat_name'), 30)})"[:80]
        return Category.objects.create(
            name=name,
            slug=slug,
            description=_text(declared.get("wp:category_description"), 300),
        ).pk

    def tag(self, nicename, name):
        """The taggit tag for a WordPress tag or category (by its slug and name)."""
        key = nicename or name
        if key in self.tags:
            return self.tags[key]
        name = _text(name, 100) or _text(nicename, 100)
        tag = Tag.objects.filter(name=name).first()
        if tag is None:
            slug = make_slug(nicename, name, fallback="tag", max_length=100)
            tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            slug = unique_slugs(Tag, {0: slug}, max_length=100)[0]
            tag = Tag.objects.create(name=name, slug=slug)
            self._remember("tag", key, tag.pk, "created")
        elif ("tag", key) not in self.known:
            self._remember("tag", key, tag.pk, "unchanged")
        self.tags[key] = tag.pk
        return tag.pk

    def declared_tags(self):
        """The export's declared tags, made in bulk (a magazine may have thousands)."""
        wanted = {}
        for slug, name in self.survey.tags.items():
            name = _text(name, 100) or _text(slug, 100)
            if slug and name and name not in wanted.values():
                wanted[slug] = name
        by_name = dict(Tag.objects.filter(name__in=wanted.values()).values_list("name", "pk"))
        missing = {slug: name for slug, name in wanted.items() if name not in by_name}
        slugs = unique_slugs(
            Tag,
            {slug: make_slug(slug, name, fallback="tag", max_length=100)
             for slug, name in missing.items()},
            max_length=100,
        )  # fmt: skip
        Tag.objects.bulk_create(Tag(name=name, slug=slugs[slug]) for slug, name in missing.items())
        by_name = dict(Tag.objects.filter(name__in=wanted.values()).values_list("name", "pk"))
        new = [slug for slug in wanted if ("tag", slug) not in self.known]
        WordPressItem.objects.bulk_create(
            WordPressItem(kind="tag", key=slug, object_id=by_name[wanted[slug]]) for slug in new
        )
        for slug, name in wanted.items():
            self.known["tag", slug] = self.tags[slug] = by_name[name]
        self.report.count("tags", "created", len(missing))
        self.report.count("tags", "unchanged", len(wanted) - len(missing))

    def ancestors(self, nicename):
        """The parents of a category, nearest first (a cycle stops the walk)."""
        found, seen = [], {nicename}
        parent = self.survey.categories.get(nicename, {}).get("wp:category_parent", "")
        while parent and parent not in seen:
            seen.add(parent)
            found.append(parent)
            parent = self.survey.categories.get(parent, {}).get("wp:category_parent", "")
        return found
