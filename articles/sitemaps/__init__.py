"""The sitemaps (protocol 0.9): an index at /sitemap.xml pointing at files of at most
``entries.URLS_PER_FILE`` addresses each.

- ``stories-YYYY-MM.xml``: the public stories first published in that month (UTC),
  read live by one range scan of the published index; a month over the limit goes
  on in ``stories-YYYY-MM-2.xml`` and so on.
- ``sections.xml`` (the front page and every section), ``authors.xml``,
  ``tags.xml``: only those with a public story, dated by their newest one.

Which months and archives exist, and their dates, take a pass over every public
story, so that list (``catalogue``) is cached for the current content generation.
"""
