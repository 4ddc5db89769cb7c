"""Plain text for the search index and result excerpts, and the visitor's query cleaned up.

Pure functions: nothing here touches the database, so building an excerpt for a results page
never costs a query per result.
"""

import re

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_TERM_LENGTH = 40
EXCERPT_WORDS = 30

# Words so common that requiring them ("help for a stiff neck") only hides good results.
# PostgreSQL's english config drops them anyway; SQLite FTS5 does not.
STOPWORD_TEXT = (
    "a an and are as at be but by can do does for from how i in into is it my of on or "
    "so that the their this to what when where which why with you your"
)
STOPWORDS = frozenset(STOPWORD_TEXT.split())

WORD_RE = re.compile(r"\w+")


def clean_query(raw):
    """The query as typed, made safe to show and store: no NUL bytes, one space, capped length."""
    text = (raw or "").replace("\x00", " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_terms(query):
    """Words only, lowercased: quotes, `*`, `-`, brackets and other FTS syntax never reach the
    backend. Stopwords are dropped unless they are all the visitor typed."""
    words = [w.lower()[:MAX_TERM_LENGTH] for w in WORD_RE.findall(query)]
    unique = list(dict.fromkeys(words))
    meaningful = [w for w in unique if w not in STOPWORDS]
    return (meaningful or unique)[:MAX_TERMS]


def _term_pattern(terms):
    """Words starting with a query term (or its stem), like the backends' stemming roughly does."""
    stems = []
    for term in terms:
        stem = term
        for suffix in ("ing", "es", "s", "ed"):
            if len(stem) > len(suffix) + 3 and stem.endswith(suffix):
                stem = stem[: -len(suffix)]
                break
        stems.append(re.escape(stem))
    if not stems:
        return None
    stems.sort(key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE)


def highlight(text, terms):
    """Escape ``text`` and wrap each query word in <mark>. Escaping happens segment by segment
    on the raw text, so a match can never land inside an HTML entity."""
    pattern = _term_pattern(terms)
    if pattern is None:
        return conditional_escape(text)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(conditional_escape(text[position : match.start()]))
        pieces.append(
            mark_safe("<mark>") + conditional_escape(match.group(0)) + mark_safe("</mark>")
        )  # noqa: S308
        position = match.end()
    pieces.append(conditional_escape(text[position:]))
    return mark_safe("".join(str(piece) for piece in pieces))  # noqa: S308


def excerpt(texts, terms, words=EXCERPT_WORDS):
    """A short, highlighted passage around the first query word found in ``texts`` (tried in
    order); the start of the first non-empty text when no word is found. A text may be given
    as a function, called only if no text before it has a query word: an article's body and
    exercises cost more to turn into text than its summary costs to search."""
    pattern = _term_pattern(terms)
    first = chosen = None
    start_word = 0
    for given in texts:
        text = " ".join(str((given() if callable(given) else given) or "").split())
        if not text:
            continue
        first = first or text
        if pattern is None:
            break
        match = pattern.search(text)
        if match:
            chosen = text
            start_word = max(len(text[: match.start()].split()) - words // 3, 0)
            break
    chosen = chosen or first
    if chosen is None:
        return ""
    all_words = chosen.split()
    passage = " ".join(all_words[start_word : start_word + words])
    prefix = "… " if start_word > 0 else ""
    suffix = " …" if start_word + words < len(all_words) else ""
    return highlight(prefix + passage + suffix, terms)
