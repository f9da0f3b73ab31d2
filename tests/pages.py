"""Helpers for reading rendered pages in tests."""

import json
import re

import html5lib
from html5lib.html5parser import ParseError


def parse_html(content):
    """Parse a page strictly with html5lib; any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        return parser.parse(content)
    except ParseError as error:
        line, col = parser.errors[-1][0] if parser.errors else (0, 0)
        lines = (
            content.decode().splitlines() if isinstance(content, bytes) else content.splitlines()
        )
        context = lines[line - 1] if 0 < line <= len(lines) else ""
        raise AssertionError(f"Invalid HTML at {line}:{col}: {error}\n{context}") from None


def json_ld(content):
    text = content.decode() if isinstance(content, bytes) else content
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
    return [json.loads(block) for block in blocks]


def images(tree):
    return tree.findall(".//img")
