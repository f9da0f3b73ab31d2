"""Small readers of html5lib token streams, shared by the sanitizer's filters."""

from html import unescape


def attr(token, name):
    return token["data"].get((None, name), "")


def until_end(tokens, name):
    """The tokens up to and including the end of the element just opened."""
    depth = 1
    for token in tokens:
        yield token
        if token.get("name") == name:
            depth += {"StartTag": 1, "EndTag": -1}.get(token["type"], 0)
            if depth == 0:
                return


def text_of(tokens):
    """The text of a run of tokens, or None if it holds any element."""
    text = []
    for token in tokens:
        if token["type"] in {"Characters", "SpaceCharacters"}:
            text.append(token["data"])
        elif token["type"] == "Entity":
            text.append(unescape(f"&{token['name']};"))
        else:
            return None
    return "".join(text)


def is_blank(token):
    text = text_of([token])
    return text is not None and not text.strip()
