"""The protocol's two documents written as text: quicker than a template for fifty
thousand entries. Addresses are escaped; dates come from ``dates.UTCText``."""

from xml.sax.saxutils import escape

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _document(root, element, site, entries):
    site = escape(site)
    parts = [DECLARATION, f'<{root} xmlns="{NAMESPACE}">\n']
    for path, lastmod in entries:
        dated = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        parts.append(f"<{element}><loc>{site}{escape(path)}</loc>{dated}</{element}>\n")
    parts.append(f"</{root}>\n")
    return "".join(parts)


def urlset(site, entries):
    """A sitemap: ``entries`` are (path, lastmod) pairs on the site at ``site``."""
    return _document("urlset", "url", site, entries)


def sitemap_index(site, entries):
    """A sitemap index: ``entries`` are (path of a sitemap, lastmod) pairs."""
    return _document("sitemapindex", "sitemap", site, entries)
