"""The search box's language, read once into a small neutral form that each database
renders in its own syntax, so both find the same stories.

    kitten rescue      stories with both words (stemmed: "kittens" finds "kitten")
    "guide dog"        the words side by side
    -cat  -"a phrase"  stories without it
    puppy or kitten    either side: each ``or`` starts an alternative with its own words
                       and exclusions, as PostgreSQL's ``websearch_to_tsquery`` reads it

Only letters and digits survive as words, so nothing a stranger types reaches either
database as an operator. Common words ("the", "and") are dropped as PostgreSQL drops
them; an alternative left with nothing to look for is dropped too.
"""

import re
from dataclasses import dataclass

MAX_LENGTH = 100
MAX_TERMS = 8
# PostgreSQL's English stop words, dropped from queries on every database alike.
STOPWORDS = frozenset([
    "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
    "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "what", "which",
    "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was", "were", "be",
    "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an",
    "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for",
    "with", "about", "against", "between", "into", "through", "during", "before", "after",
    "above", "below", "to", "from", "up", "down", "in", "out", "on", "off", "over", "under",
    "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all",
    "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
    "only", "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don",
    "should", "now"
])  # fmt: skip

# An optional minus, then a quoted phrase (its closing quote may be missing) or a word.
_CHUNK = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')
_TOKEN = re.compile(r"[^\W_]+")

Term = tuple[str, ...]  # one word, or the words of a phrase


def _term(text):
    """The words of ``text``, lowercased, without the stop words at either end (the
    database ignores those); None when nothing is left."""
    tokens = [token.lower() for token in _TOKEN.findall(text)]
    while tokens and tokens[0] in STOPWORDS:
        tokens.pop(0)
    while tokens and tokens[-1] in STOPWORDS:
        tokens.pop()
    return tuple(tokens) or None


def _websearch(term):
    return term[0] if len(term) == 1 else '"' + " ".join(term) + '"'


def fts5_phrase(term):
    # Quoted, every word is only a word: FTS5's operators and column names are inert.
    return '"' + " ".join(term).replace('"', '""') + '"'


@dataclass(frozen=True)
class Alternative:
    include: tuple[Term, ...]
    exclude: tuple[Term, ...] = ()

    def loosened(self):
        words = dict.fromkeys(word for term in self.include for word in term)
        return Alternative(
            tuple((word,) for word in words if word not in STOPWORDS),
            tuple(term for term in self.exclude if len(term) == 1),
        )

    def websearch(self):
        return " ".join(
            [*map(_websearch, self.include), *("-" + _websearch(t) for t in self.exclude)]
        )

    def fts5(self):
        found = " AND ".join(map(fts5_phrase, self.include))
        if not self.exclude:
            return f"({found})"
        return f"(({found}) NOT ({' OR '.join(map(fts5_phrase, self.exclude))}))"


@dataclass(frozen=True)
class Query:
    text: str  # what the reader typed, tidied, for the search box and headings
    alternatives: tuple[Alternative, ...] = ()

    def __bool__(self):
        return bool(self.alternatives)

    def websearch(self):
        """The query for PostgreSQL's ``websearch_to_tsquery``."""
        return " or ".join(alternative.websearch() for alternative in self.alternatives)

    def fts5(self):
        """The query as an SQLite FTS5 expression."""
        return " OR ".join(alternative.fts5() for alternative in self.alternatives)

    @property
    def has_phrases(self):
        return any(
            len(term) > 1
            for alternative in self.alternatives
            for term in alternative.include + alternative.exclude
        )

    def loosened(self):
        """This query with each phrase's words looked for anywhere in a story, and
        excluded phrases left out: every story it finds contains what the query
        finds, and no database needs to read word positions to find them."""
        return Query(self.text, tuple(alternative.loosened() for alternative in self.alternatives))

    def words(self):
        """Each word the stories should contain, once, in the order typed."""
        seen = {}
        for alternative in self.alternatives:
            for term in alternative.include:
                seen.update(dict.fromkeys(term))
        return list(seen)

    def replaced(self, spelling):
        """This query with words swapped by ``spelling`` ({typed: instead})."""

        def swap(terms):
            return tuple(tuple(spelling.get(word, word) for word in term) for term in terms)

        alternatives = tuple(
            Alternative(swap(alternative.include), alternative.exclude)
            for alternative in self.alternatives
        )
        return Query(Query("", alternatives).websearch(), alternatives)


def parse(raw):
    """The neutral form of whatever a reader typed (any length, any characters)."""
    text = " ".join(raw.replace("\x00", " ").split())[:MAX_LENGTH]
    alternatives, include, exclude, budget = [], [], [], MAX_TERMS
    for match in _CHUNK.finditer(text):
        negated, phrase, word = match.groups()
        if phrase is None and not negated and word.lower() == "or":
            alternatives.append(Alternative(tuple(include), tuple(exclude)))
            include, exclude = [], []
            continue
        term = _term(word if phrase is None else phrase)
        if term and budget:
            (exclude if negated else include).append(term)
            budget -= 1
    alternatives.append(Alternative(tuple(include), tuple(exclude)))
    return Query(text, tuple(alternative for alternative in alternatives if alternative.include))
