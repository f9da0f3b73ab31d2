"""The sitemaps (protocol 0.9): an index at /sitemap.xml pointing at files of at most
``catalogue.URLS_PER_FILE`` (500) addresses each, so every file costs the same
however large the magazine.

- ``stories-1.xml``, ``stories-2.xml``...: the public stories in publication order,
  the oldest first; each file is read live from where the catalogue says it starts,
  by one short range scan of the published index.
- ``sections.xml`` (the front page and every section), ``authors.xml``,
  ``tags.xml``: only those with a public story, dated by their newest one; a list
  over the limit goes on in ``tags-2.xml`` and so on.

Which files exist, where each story file starts, and the archives' dates take a pass
over every public story, so that list (``catalogue``) is cached for the current
content generation.
"""
