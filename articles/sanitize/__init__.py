"""The story body's allowlist, applied once on save.

What an editor may put in a story: subheadings, paragraphs, emphasis, links,
lists, quotes, figures with captions, a call-out box and a social-post
placeholder. Everything else is dropped. Images must come from our own library:
they are rewritten with width, height and a srcset, and any other image is
removed so that no story can make a reader's browser call another host.

The modules, by job: ``clean`` (the allowlist and the entry points), ``editor_markup``
(the editor's own terms and the site's canonical markup), ``embeds`` (social posts and
their placeholder cards), ``pictures`` (library pictures), ``text`` (plain text) and
``tree`` (the small element tree the rewrites work on). nh3 is the safety boundary.
Nothing here touches the database: a caller finds the pictures a body needs with
``picture_paths`` (and the posts it embeds with ``post_keys``) and hands them to
``sanitize_body``.
"""

from .clean import (
    ALLOWED_CLASSES,
    ALLOWED_PROTOCOLS,
    ALLOWED_TAGS,
    editable_body,
    picture_paths,
    post_keys,
    sanitize_body,
)
from .embeds import EMBED_IDS, EMBED_LINK_TEXT, EMBED_PROVIDERS, embed_for_url
from .pictures import BODY_IMAGE_SIZES
from .text import html_to_text

__all__ = [
    "ALLOWED_CLASSES",
    "ALLOWED_PROTOCOLS",
    "ALLOWED_TAGS",
    "BODY_IMAGE_SIZES",
    "EMBED_IDS",
    "EMBED_LINK_TEXT",
    "EMBED_PROVIDERS",
    "editable_body",
    "embed_for_url",
    "html_to_text",
    "picture_paths",
    "post_keys",
    "sanitize_body",
]
