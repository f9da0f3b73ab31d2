"""The first pass over the file: it proves the file well-formed before anything is
written, and keeps what the second pass needs to know in advance (authors, terms, the
attachments a post may show before they appear in the file)."""

from dataclasses import dataclass, field

from .media import Library, attachment_from
from .parse import MalformedExport, Reader

PRIMARY_META = ("_yoast_wpseo_primary_category", "rank_math_primary_category")


@dataclass
class Survey:
    channel: dict = field(default_factory=dict)
    authors: dict = field(default_factory=dict)  # login -> fields
    categories: dict = field(default_factory=dict)  # nicename -> fields
    term_ids: dict = field(default_factory=dict)  # category term id -> nicename
    tags: dict = field(default_factory=dict)  # tag slug -> name
    library: Library = field(default_factory=Library)
    items: int = 0
    size: int = 0

    @property
    def staff_ids(self):
        return {fields.get("wp:author_id", "").strip() for fields in self.authors.values()} - {""}

    def site_hosts(self):
        from urllib.parse import urlsplit

        hosts = set()
        for name in ("wp:base_site_url", "wp:base_blog_url", "link"):
            try:
                host = urlsplit(self.channel.get(name, "")).hostname or ""
                hosts.add(host.encode("idna").decode("ascii").lower())
            except (ValueError, UnicodeError):
                continue
        return hosts - {""}

    def site_address(self):
        """The WordPress site the export is of (its address, as the export names it),
        or "" when it names none."""
        for name in ("wp:base_site_url", "wp:base_blog_url", "link"):
            address = self.channel.get(name, "").strip().rstrip("/").lower()
            if address:
                return address.split("://", 1)[-1]
        return ""

    def categories_of(self, item):
        """The item's categories' slugs in order, its primary one first."""
        names = [nicename for domain, nicename, _ in item.categories if domain == "category"]
        for key in PRIMARY_META:
            primary = self.term_ids.get(item.first_meta(key).strip())
            if primary in names:
                names.remove(primary)
                return [primary, *names]
        return names


def survey(path, progress=None):
    found, reader = Survey(), Reader(path)
    found.size = reader.size
    for event in reader:
        kind = event[0]
        if kind == "channel":
            found.channel.setdefault(event[1], event[2])
        elif kind == "authors":
            found.authors[event[1].get("wp:author_login", "").strip()] = event[1]
        elif kind == "categories":
            nicename = event[1].get("wp:category_nicename", "").strip()
            found.categories[nicename] = event[1]
            found.term_ids[event[1].get("wp:term_id", "").strip()] = nicename
        elif kind == "tags":
            found.tags[event[1].get("wp:tag_slug", "").strip()] = event[1].get("wp:tag_name", "")
        elif kind == "item":
            found.items += 1
            if event[1].post_type == "attachment":
                found.library.add(attachment_from(event[1]))
        if progress:
            progress(reader.position, reader.size, found.items)
    if "wp:wxr_version" not in found.channel:
        raise MalformedExport(
            "This is not a WordPress export (it has no wp:wxr_version). In WordPress, use "
            "Tools → Export → All content. Nothing was imported."
        )
    return found
