"""Prose for a generated magazine, made from the built-in vocabulary
(``vocabulary.json``): headlines, standfirsts, story bodies of about 800 words with
subheadings, and comments.

Words are drawn in a Zipf-like spread (the first words of each list, such as
"dog", are common; the last ones scarce), so searching "dog" finds most stories.
Each story also carries one invented word from ``rare_words()``: story ``i`` gets
``rare_word(i)``, so a search for ``rare_word(0)`` finds one story in every
``RARE_WORD_CYCLE``.
"""

import json
import math
import random
import re
from functools import cache
from itertools import accumulate
from pathlib import Path

from articles.models.stories import WORDS_PER_MINUTE
from comments.rendering import render_body

VOCABULARY = Path(__file__).with_name("vocabulary.json")
COMMON_WORD = "dog"
RARE_WORD_CYCLE = 25_000
# Sentences, headings and comments are drawn once per build from pools this large:
# a story is assembled from them rather than composed word by word.
SENTENCE_POOL = 20_000
HEADING_POOL = 500
COMMENT_POOL = 3_000
SPAM_POOL = 200
SLOT = re.compile(r"\{(\w+)\}")


@cache
def vocabulary():
    return json.loads(VOCABULARY.read_text())


@cache
def rare_words():
    """Invented words of eight letters, each with a consonant pair no English word
    has, so none is part of a real word or of another invented one."""
    letters = vocabulary()["rare_letters"]
    consonants, vowels, middles = letters["consonants"], letters["vowels"], letters["middles"]
    rng = random.Random("rare words")  # noqa: S311 (the same list for every seed)
    words, seen = [], set()
    while len(words) < RARE_WORD_CYCLE:
        word = "".join(
            rng.choice(part)
            for part in (consonants, vowels, consonants, middles, vowels, consonants, vowels)
        )
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def rare_word(index):
    return rare_words()[index % RARE_WORD_CYCLE]


def zipf_weights(count, offset=2):
    """Cumulative weights ``1 / (rank + offset)``: the first items are the common ones."""
    return list(accumulate(1 / (rank + offset) for rank in range(count)))


class Filler:
    """Fills a pattern's ``{slot}``s, each with its own draw from its word list."""

    def __init__(self):
        words = vocabulary()
        self.lists = {
            "noun": [pair[0] for pair in words["nouns"]],
            "nouns": [pair[1] for pair in words["nouns"]],
            "adj": words["adjectives"],
            "verb_past": words["verbs_past"],
            "verb": words["verbs_present"],
            "adverb": words["adverbs"],
            "place": words["places"],
            "time": words["times"],
            "number": words["numbers"],
            "name": words["first_names"],
        }
        self.weights = {key: zipf_weights(len(items)) for key, items in self.lists.items()}

    def word(self, rng, slot):
        return rng.choices(self.lists[slot], cum_weights=self.weights[slot])[0]

    def fill(self, rng, pattern, **fixed):
        text = SLOT.sub(lambda match: fixed.get(match[1]) or self.word(rng, match[1]), pattern)
        return text[0].upper() + text[1:]

    def pool(self, rng, patterns, size):
        return [self.fill(rng, rng.choice(patterns)) for _ in range(size)]


class Writer:
    """Writes every text of one build; ``seed`` decides all of it."""

    def __init__(self, seed):
        self.words = words = vocabulary()
        self.filler = filler = Filler()
        rng = random.Random(f"{seed}:prose")  # noqa: S311 (not a secret)
        self.sentences = filler.pool(rng, words["sentences"], SENTENCE_POOL)
        self.headings = filler.pool(rng, words["headings"], HEADING_POOL)
        comments = [self._comment(rng) for _ in range(COMMENT_POOL)]
        self.comments = [(text, render_body(text)) for text in comments]
        spam = filler.pool(rng, words["spam"], SPAM_POOL)
        self.spam = [(text, render_body(text)) for text in spam]

    def _comment(self, rng):
        patterns = self.words["comments"]
        paragraphs = [
            " ".join(self.filler.fill(rng, rng.choice(patterns)) for _ in range(rng.randint(1, 3)))
            for _ in range(2 if rng.random() < 0.15 else 1)
        ]
        return "\n\n".join(paragraphs)

    def title(self, rng):
        return self.filler.fill(rng, rng.choice(self.words["titles"]))

    def standfirst(self, rng):
        return self.filler.fill(rng, rng.choice(self.words["standfirsts"]))

    def caption(self, rng):
        return self.filler.fill(rng, rng.choice(self.words["captions"]))

    def story(self, rng, rare, figure=None):
        """``(body, body_html, body_text, reading_time)`` of one story: paragraphs, two
        subheadings, the invented word ``rare`` in one sentence, and ``figure`` (a
        ``Figure`` of a library picture) after the second paragraph when given. The
        body is written as the sanitizer would return it, so it is stored as is."""
        count = rng.randint(11, 17)
        paragraphs = [rng.choices(self.sentences, k=rng.randint(4, 6)) for _ in range(count)]
        rare_pattern = rng.choice(self.words["rare_sentences"])
        paragraphs[rng.randrange(count)].append(self.filler.fill(rng, rare_pattern, rare=rare))
        blocks = [("p", " ".join(sentences)) for sentences in paragraphs]
        blocks.insert(2 * count // 3, ("h2", rng.choice(self.headings)))
        blocks.insert(count // 3, ("h2", rng.choice(self.headings)))
        raw = [f"<{tag}>{text}</{tag}>" for tag, text in blocks]
        clean = list(raw)
        texts = [text for _, text in blocks]
        if figure is not None:
            caption = self.caption(rng)
            raw.insert(2, figure.raw(caption))
            clean.insert(2, figure.clean(caption))
            texts.insert(2, caption)
        body_text = "\n".join(texts)
        reading_time = max(1, math.ceil(len(body_text.split()) / WORDS_PER_MINUTE))
        return "\n".join(raw), "\n".join(clean), body_text, reading_time
