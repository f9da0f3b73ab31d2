"""The demo magazine as data, read by ``manage.py load_demo``.

``catalogue.json`` holds the sections, authors, pictures and each story's metadata;
``stories/<slug>.html`` holds each story's body. A picture is a drawing: a ``scene``
(``scenes.draw_scene``) or a ``portrait`` (``portraits.draw_portrait``), named by its key
in ``pictures``. A body refers to one as ``<img src="demo:KEY">``.
A story's ``publish_days_ago`` is negative when it is scheduled and null for a draft.
``pages.json`` lists the pages editors write (About, Contact); ``pages/<slug>.html``
holds each one's body.
"""

import json
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent


def read_catalogue():
    """The catalogue as plain data: sections, authors, pictures (by key) and stories."""
    return json.loads((DEMO_DIR / "catalogue.json").read_text(encoding="utf-8"))


def story_body(slug):
    """The HTML body of the demo story ``slug``, before sanitizing."""
    return (DEMO_DIR / "stories" / f"{slug}.html").read_text(encoding="utf-8")


def read_pages():
    """The demo's pages, each with its ``body``."""
    pages = json.loads((DEMO_DIR / "pages.json").read_text(encoding="utf-8"))
    for page in pages:
        page["body"] = (DEMO_DIR / "pages" / f"{page['slug']}.html").read_text(encoding="utf-8")
    return pages
