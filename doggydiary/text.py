"""Text cut to a length at a whole word, for excerpts and descriptions."""

import re

ELLIPSIS = "…"
# What a cut text should not end on before its ellipsis.
_DANGLING = " \t\n,;:-–—/(\"'“‘"


def whole_words(text, length):
    """``text`` if it has at most ``length`` characters; otherwise its longest start
    of whole words that fits with an ellipsis after it. A single word longer than
    the whole length is cut, as nothing shorter would say anything."""
    text = "" if text is None else str(text)
    if len(text) <= length:
        return text
    if length < 1:
        return ""
    room = text[: length - len(ELLIPSIS) + 1]  # one more: is the cut at a word's end?
    cut = room[:-1]
    if not re.match(r"\s", room[-1]):
        start = re.search(r"\S*$", cut).start()
        cut = cut[:start] if start else cut
    return cut.rstrip(_DANGLING) + ELLIPSIS
