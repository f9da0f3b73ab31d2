"""Similarity of words as PostgreSQL's pg_trgm measures it: the share of trigrams two
words have in common, each word padded with two spaces before and one after. Both
databases find the candidates (pg_trgm's index, SQLite's trigram table) and this
module chooses among them, so both respell a misspelt word alike."""

# pg_trgm.similarity_threshold's default: the ``%`` operator's bar.
THRESHOLD = 0.3


def trigrams(word):
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(one, other):
    ours, theirs = trigrams(one), trigrams(other)
    return len(ours & theirs) / len(ours | theirs)


def edits(one, other):
    """How many letters to add, remove, change or swap with a neighbour to make one
    word the other (the optimal string alignment distance)."""
    previous, current = None, list(range(len(other) + 1))
    for i, a in enumerate(one, 1):
        before, previous, current = previous, current, [i]
        for j, b in enumerate(other, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if before and i > 1 and j > 1 and a == other[j - 2] and one[i - 2] == b:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
    return current[-1]


def closest(word, candidates):
    """The candidate most similar to ``word`` above the threshold, or None. On equal
    similarity, the one fewest edits away ("tulkvuli" is "tulvkuli" with two letters
    swapped), then the alphabetically first."""
    scored = {candidate: similarity(word, candidate) for candidate in candidates}
    best = max(scored.values(), default=0)
    if best <= THRESHOLD:
        return None
    tied = [candidate for candidate, score in scored.items() if score == best]
    return min(tied, key=lambda candidate: (edits(word, candidate), candidate))
