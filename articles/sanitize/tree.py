"""A small element tree for the sanitizer's structural rewrites.

Its input has already been through nh3 (the allowlist's first pass), so it is
well formed: every element that is not void is closed, nothing is misnested.
The standard library's tokenizer is enough to read it back into a tree.
"""

from html import escape
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class Element:
    __slots__ = ("name", "attrs", "children")

    def __init__(self, name, attrs=None, children=None):
        self.name = name
        self.attrs = dict(attrs or {})
        self.children = list(children or [])

    def get(self, name):
        return self.attrs.get(name) or ""

    def elements(self, name=None):
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                if name is None or child.name == name:
                    yield child
                yield from child.elements(name)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("")
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].name == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        children = self.open[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def parse(html):
    """The children of a fragment, under a nameless root element."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def serialize(node, quote_text=False):
    """Markup for a node; ``quote_text`` also escapes quotes in text, as Django's
    ``escape`` does."""
    if isinstance(node, str):
        return escape(node, quote=quote_text)
    inner = "".join(serialize(child, quote_text) for child in node.children)
    if not node.name:
        return inner
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in node.attrs.items())
    if node.name in VOID:
        return f"<{node.name}{attrs}>"
    return f"<{node.name}{attrs}>{inner}</{node.name}>"


def text_of(nodes):
    """The text of a run of nodes, or None if it holds any element."""
    if any(isinstance(node, Element) for node in nodes):
        return None
    return "".join(nodes)


def is_blank(node):
    return isinstance(node, str) and not node.strip()


def strip_blank(nodes):
    """The nodes without blank text at either end."""
    nodes = list(nodes)
    while nodes and is_blank(nodes[0]):
        nodes.pop(0)
    while nodes and is_blank(nodes[-1]):
        nodes.pop()
    return nodes
