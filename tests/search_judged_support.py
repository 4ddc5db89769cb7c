"""The judged query set: what patients type, and the demo page that must be in the top 3.

Shared by tests/test_search_judged.py (every query, on SQLite and PostgreSQL) and
benchmarks/search_judged.py (the share found first and in the top 3). Each target is a demo
article or exercise slug from home/demo/; the demo content comes from ``load_demo_content``.
"""

TOP = 3

# (what a patient types, the slug of the page they need)
JUDGED_QUERIES = [
    # Lay words and the therapist's synonyms
    ("stiff neck", "help-for-upper-back-and-neck-pain"),
    ("crick", "help-for-upper-back-and-neck-pain"),
    ("crick in my neck", "help-for-upper-back-and-neck-pain"),
    ("pain between shoulder blades", "help-for-upper-back-and-neck-pain"),
    ("slouching", "head-forward-posture"),
    ("posture", "head-forward-posture"),
    ("headaches", "head-forward-posture"),
    ("tmj", "jaw-tension-and-neck-pain"),
    ("jaw clenching", "jaw-release"),
    ("grinding teeth", "jaw-release"),
    ("weak upper back", "strengthen-your-upper-back"),
    ("hunched over computer", "desk-break-for-tight-shoulders"),
    ("chest stretch", "doorway-pec-stretch"),
    ("tight hips from sitting", "kneeling-hip-flexor-stretch"),
    ("barefoot massage", "what-to-expect-from-ashiatsu"),
    ("chin tuck", "chin-tucks"),
    ("cat cow stretch", "cat-cow"),
    ("lower back pain", "morning-lower-back-stiffness"),
    # Questions
    ("why does my neck hurt when I look down", "head-forward-posture"),
    ("what is ashiatsu", "what-to-expect-from-ashiatsu"),
    ("back stiff when I wake up", "morning-lower-back-stiffness"),
    ("sore lower back in the morning", "morning-lower-back-stiffness"),
    ("can not turn my head", "free-your-neck"),
    # Misspellings, each one letter off
    ("sholder blades", "strengthen-your-upper-back"),
    ("tight sholders", "desk-break-for-tight-shoulders"),
    ("neck strech", "magic-neck-stretch"),
    ("neck pian", "help-for-upper-back-and-neck-pain"),
    ("ashiatzu", "what-to-expect-from-ashiatsu"),
    ("wall angles", "wall-angels"),
]


def ranked_slugs(client, query):
    """The slugs of the results /search/ shows for ``query``, in order (first page)."""
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [hit.obj.slug for hit in response.context["hits"]]


def position(client, query, slug):
    """1 for the first result, ...; None when ``slug`` is not on the first page."""
    slugs = ranked_slugs(client, query)
    return slugs.index(slug) + 1 if slug in slugs else None
