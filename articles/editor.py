"""The story editor: django-prose-editor set up to write only what the sanitizer keeps.

Each construct below has a place in ``articles.sanitize``: what the editor writes
its own way (a call-out is a quote with the "callout" class, a quote's attribution
a paragraph with the "attribution" class) is turned into the site's markup there,
and ``tests/articles/test_editor.py`` checks that the two agree. The editor's scripts,
styles and icon font are served from our own static files.
"""

from django import forms
from django_prose_editor.widgets import AdminProseEditorWidget

from .sanitize import editable_body

BODY_EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "BulletList": True,
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    # A picture from the library with an optional caption: the picture picker
    # (static/js/admin-picker.js) inserts one, or paste its /media/ address.
    "Figure": True,
    "Caption": True,
    "Image": True,
    "NodeClass": {
        "cssClasses": {
            "blockquote": {
                "title": "Quote",
                "cssClasses": [{"className": "callout", "title": "Call-out box"}],
            },
            "paragraph": {
                "title": "Paragraph",
                "cssClasses": [{"className": "attribution", "title": "Quote attribution"}],
            },
        }
    },
}


class BodyEditorWidget(AdminProseEditorWidget):
    """The rich-text editor for ``Article.body`` in the admin.

    Use it in the admin's model form::

        class ArticleAdminForm(forms.ModelForm):
            class Meta:
                model = Article
                fields = [...]
                widgets = {"body": BodyEditorWidget()}

    It writes subheadings (h2, h3), bold, italic, links (http, https, mailto),
    lists, quotes with an attribution, call-out boxes, rules, line breaks and
    library pictures with captions. A paragraph holding only a link to a TikTok,
    Instagram, YouTube or X post becomes a click-to-load card when the story is
    saved; the link's text, unless it is the address, becomes the card's caption.
    The "Social post" tool (static/js/admin-embed.js) inserts one and links to the
    post's description (``SocialPost``: poster, author, first line).
    A stored body is shown in the editor's own terms (``editable_body``), so
    opening and saving an older story keeps its call-outs, attributions and cards.
    """

    def __init__(self, attrs=None):
        super().__init__(
            attrs=attrs,
            config={"extensions": BODY_EDITOR_EXTENSIONS},
            preset="configurable",
        )

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["css/body-editor.css"]}, js=["js/admin-embed.js"]
        )

    def format_value(self, value):
        value = super().format_value(value)
        return editable_body(value) if value else value
