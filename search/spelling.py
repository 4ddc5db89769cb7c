"""Misspellings one letter away from a word the site knows: "sholder" also searches "shoulder".

The words the site knows (its vocabulary) are read once per content generation (core.cache),
never per search: the titles, summaries, body areas and synonyms (a handful of narrow columns)
and the search index's own word list (modelsearch_internals.index_words()). A search then only
looks its own few words up in that vocabulary, and for an unknown word, the known words one
edit away (a letter dropped, added, changed, or two letters swapped), and searches the likeliest
as well: a word of the titles before any other, the most used among equals.
"""

import contextlib
import re
import uuid
from collections import Counter

from django.core.cache import cache

from core.cache import request_generation

from .modelsearch_internals import index_words
from .text import STOPWORDS, WORD_RE

CACHE_SECONDS = 24 * 60 * 60
LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Shorter words have too many neighbours ("arm": art, aim, ark) to guess which was meant.
MIN_LENGTH = 4
ONLY_LETTERS = re.compile(r"[a-z]+")
# What the english stemmer takes off ("postures" -> "postur"), to tell whether a word typed
# on PostgreSQL is in the index's list of stems.
STEM_SUFFIXES = (
    "ations",
    "ation",
    "ness",
    "ment",
    "ings",
    "ing",
    "ies",
    "es",
    "ed",
    "ly",
    "s",
    "e",
)

# Corrections a process remembers per vocabulary, before it starts again.
MAX_REMEMBERED = 5000

_memo = {}


class Vocabulary:
    """``titles``: {word: count} of words in titles, exercise names, body areas and synonyms,
    the words a correction prefers; ``words``: {word: count} of every other word a correction
    may give (summaries, and on SQLite every indexed word); ``known``: words never corrected."""

    def __init__(self, titles, words, known):
        self.titles = titles
        self.words = words
        self.known = known
        self._corrections = {}

    def __getstate__(self):  # the corrections worked out so far stay with this process
        return {**self.__dict__, "_corrections": {}}

    def is_known(self, word):
        if word in self.titles or word in self.words or word in self.known:
            return True
        return any(stem in self.known for stem in _stems(word))

    def correction(self, word):
        """The likeliest known word one edit away from ``word``, or None when ``word`` is known
        (or too short, or not made of letters, to guess). Remembered: visitors repeat
        themselves, and a search asks for its words' corrections more than once."""
        if word not in self._corrections:
            if len(self._corrections) >= MAX_REMEMBERED:
                self._corrections.clear()
            self._corrections[word] = self._find_correction(word)
        return self._corrections[word]

    def may_need_correction(self, word):
        """Whether ``word`` is one to correct: long enough, letters only, and not known."""
        if len(word) < MIN_LENGTH or not ONLY_LETTERS.fullmatch(word) or word in STOPWORDS:
            return False
        return not self.is_known(word)

    def _find_correction(self, word):
        if not self.may_need_correction(word):
            return None
        slips = edits(word)
        # Any other letter in place of one ("neak" -> "neck") only gives a word of the titles:
        # from every indexed word it would turn real words the site lacks into ones it has
        # ("base" -> "ease").
        replaced = {
            left + letter + right[1:]
            for left, right in _splits(word)
            if right
            for letter in LETTERS
            if letter != right[0]
        } - slips
        for candidates, source in (
            (slips, self.titles),
            (replaced, self.titles),
            (slips, self.words),
        ):
            found = [candidate for candidate in candidates if candidate in source]
            if found:
                # The most used word; alphabetical among equals, so the choice is stable.
                return min(found, key=lambda candidate: (-source[candidate], candidate))
        return None


def _stems(word):
    for suffix in STEM_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            yield stem
            if suffix in ("ies", "es", "s") and stem.endswith("i"):
                yield stem[:-1] + "y"
    if word.endswith("y"):
        yield word[:-1] + "i"


def _keyboard_neighbours():
    rows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
    position = {
        key: (row, column) for row, keys in enumerate(rows) for column, key in enumerate(keys)
    }
    return {
        key: "".join(
            other
            for other, (other_row, other_column) in position.items()
            if other != key and abs(other_row - row) <= 1 and abs(other_column - column) <= 1
        )
        for key, (row, column) in position.items()
    }


# The likeliest letter typed in place of another: a neighbouring key ("nrck" for "neck").
KEYBOARD_NEIGHBOURS = _keyboard_neighbours()


def _splits(word):
    return [(word[:i], word[i:]) for i in range(len(word) + 1)]


def edits(word):
    """Every string one typing slip from ``word``: a letter left out or typed twice or extra,
    two neighbouring letters swapped, or a letter typed with a neighbouring key."""
    splits = _splits(word)
    deletes = {left + right[1:] for left, right in splits if right}
    swaps = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    replaces = {
        left + letter + right[1:]
        for left, right in splits
        if right
        for letter in KEYBOARD_NEIGHBOURS.get(right[0], "")
    }
    inserts = {left + letter + right for left, right in splits for letter in LETTERS}
    return (deletes | swaps | replaces | inserts) - {word}


def _count_words(texts, counts):
    """Add to ``counts`` how many of ``texts`` hold each word (letters only, no stopwords)."""
    found = Counter()
    for text in texts:
        if text:
            found.update(set(WORD_RE.findall(text.lower())))
    for word, count in found.items():
        if word not in STOPWORDS and ONLY_LETTERS.fullmatch(word):
            counts[word] = counts.get(word, 0) + count
    return counts


def build_vocabulary():
    """The vocabulary from the database: one narrow column per query (every title, name and
    synonym; on PostgreSQL every summary too) and the index's word list. Its cost grows with
    the site, which is why it runs once per content generation, not per search."""
    from wagtail.models import Page

    from articles.models import ArticlePage
    from core.models import BodyArea
    from exercises.models import Exercise

    from .models import Synonym

    exercises = Exercise.objects.live()
    titles = _count_words(Page.objects.live().public().values_list("title", flat=True), {})
    _count_words(exercises.values_list("name", flat=True), titles)
    areas = list(BodyArea.objects.values_list("name", "description"))
    _count_words([name for name, _ in areas], titles)
    for term, alternatives in Synonym.objects.values_list("term", "alternatives"):
        _count_words([term, alternatives], titles)
    words = _count_words([description for _, description in areas], {})
    indexed, stemmed = index_words()
    indexed = {word: count for word, count in indexed.items() if ONLY_LETTERS.fullmatch(word)}
    if stemmed:
        # Stems are not words to offer ("postur"), only to recognise; the summaries give the
        # words as written.
        summaries = ArticlePage.objects.live().public().values_list("summary", flat=True)
        _count_words(summaries, words)
        _count_words(exercises.values_list("summary", flat=True), words)
        return Vocabulary(titles, words, frozenset(indexed))
    # SQLite's index holds every word as written, summaries and bodies included.
    for word, count in indexed.items():
        if word not in STOPWORDS:
            words[word] = max(words.get(word, 0), count)
    return Vocabulary(titles, words, frozenset())


def vocabulary():
    """The vocabulary of the current content generation: from this process's memory, the
    shared cache, or the database, in that order.

    The cache names the generation's vocabulary by a random id, and this process remembers
    vocabularies by that id: a generation number alone may come again after the cache is
    emptied, with other content, but an id never does."""
    generation = request_generation()
    id_key = f"search:vocabulary-id:{generation}"
    vocabulary_id = found = None
    with contextlib.suppress(Exception):  # a cache outage must not break search
        vocabulary_id = cache.get(id_key)
        if vocabulary_id in _memo:
            return _memo[vocabulary_id]
        if vocabulary_id is not None:
            found = cache.get(f"search:vocabulary:{vocabulary_id}")
    if found is None:
        found = build_vocabulary()
        vocabulary_id = uuid.uuid4().hex
        with contextlib.suppress(Exception):
            cache.set(f"search:vocabulary:{vocabulary_id}", found, CACHE_SECONDS)
            cache.set(id_key, vocabulary_id, CACHE_SECONDS)
    _memo.clear()  # one generation at a time is all a process needs
    _memo[vocabulary_id] = found
    return found


def last_vocabulary():
    """The vocabulary this process used last, of whatever generation; the current one if none."""
    return next(iter(_memo.values()), None) or vocabulary()


def corrected_variants(terms):
    """[terms with each unknown word replaced by its correction], or [] when every word is
    known or has none.

    Words are first looked up in the last vocabulary this process used, however old: a word
    known then ("neck") needs no correction now, so most searches after a content change never
    wait for the vocabulary to be read again. Only a word unknown there (a misspelling, or a
    word just published) asks for the current one."""
    if not terms or not any(last_vocabulary().may_need_correction(term) for term in terms):
        return []
    words = vocabulary()
    corrected = [words.correction(term) or term for term in terms]
    return [corrected] if corrected != list(terms) else []
