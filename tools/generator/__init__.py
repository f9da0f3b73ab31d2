"""A generated magazine of any size, for measuring the site at scale (issue 8).

``build.generate`` writes sections, authors, tags and pictures with the ORM, the
stories and comments in bulk (COPY on PostgreSQL, executemany on SQLite), then
fills the derived data with the project's own code. The shape is in ``shape.py``,
the prose in ``text.py`` and its word lists in ``vocabulary.json``.
"""
