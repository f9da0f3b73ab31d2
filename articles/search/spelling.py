"""Similarity of words as PostgreSQL's pg_trgm measures it, so that SQLite respells a
misspelt word as PostgreSQL does: the share of trigrams two words have in common,
each word padded with two spaces before and one after."""

# pg_trgm.similarity_threshold's default: the ``%`` operator's bar.
THRESHOLD = 0.3


def trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(one, other):
    ours, theirs = trigrams(one), trigrams(other)
    return len(ours & theirs) / len(ours | theirs)


def closest(word, candidates):
    """The candidate most similar to ``word`` (alphabetically first on a tie) above
    the threshold, or None."""
    scored = [(-similarity(word, candidate), candidate) for candidate in candidates]
    best = min(scored, default=None)
    return best[1] if best and -best[0] > THRESHOLD else None
