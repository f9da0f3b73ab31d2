"""Full-text search over the published stories, the same on PostgreSQL and SQLite.

query.py reads what a reader typed; index.py keeps the index fresh on the write path;
postgres.py and sqlite.py read each database's index; results.py makes a page of
results from either; views.py is the page.
"""
