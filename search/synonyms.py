"""Query expansion with the therapist's synonyms, from a cached copy of the table."""

from django.core.cache import cache

CACHE_KEY = "search:synonyms:v1"
CACHE_SECONDS = 60 * 60 * 24
MAX_ALTERNATIVE_QUERIES = 6


def synonym_table():
    """{("shoulder", "blades"): [["upper", "back"]], ...} from the cache, or one query."""
    table = cache.get(CACHE_KEY)
    if table is None:
        from .models import Synonym
        from .text import query_terms

        table = {}
        for synonym in Synonym.objects.all():
            key = tuple(synonym.term.split())
            if not key:
                continue
            for alternative in synonym.alternative_list:
                terms = query_terms(alternative)
                if terms:
                    table.setdefault(key, []).append(terms)
        cache.set(CACHE_KEY, table, CACHE_SECONDS)
    return table


def invalidate_synonyms(**kwargs):
    cache.delete(CACHE_KEY)


def expand(terms):
    """The visitor's terms, then each variant with a known phrase swapped for an alternative.

    ["pain", "shoulder", "blades"] with shoulder blades -> upper back gives
    [["pain", "shoulder", "blades"], ["pain", "upper", "back"]].
    """
    variants = [list(terms)]
    table = synonym_table()
    if not table:
        return variants
    for phrase, alternatives in table.items():
        size = len(phrase)
        for start in range(len(terms) - size + 1):
            if tuple(terms[start : start + size]) != phrase:
                continue
            for alternative in alternatives:
                variant = [*terms[:start], *alternative, *terms[start + size :]]
                if variant not in variants:
                    variants.append(variant)
    return variants[:MAX_ALTERNATIVE_QUERIES]
