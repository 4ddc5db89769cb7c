"""Hostile input over every public URL: never a 500, never reflected markup, never a traceback.

Each test walks one URL through path traversal, overlong paths and query strings, malformed
page numbers and filters, script payloads in every parameter, invalid UTF-8 and NUL bytes, and
collects every failure so one run shows them all.
"""

import pytest
from django.core.management import call_command
from django.test import Client

from articles.models import ArticlePage
from exercises.models import Exercise

from .conftest import build_once_per_module
from .factories import ArticlePageFactory, ExerciseFactory, exercise_block
from .html_checks import script_problems

SCRIPT = '"><script>alert(1)</script>'
IMG = "'><img src=x onerror=alert(1)>"
PAYLOADS = [
    SCRIPT,
    IMG,
    "javascript:alert(1)",
    "%ff%fe",
    "%c0%af",
    "%00",
    "a%00b",
    "../../etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "-1",
    "0",
    "1e9",
    "99999999999999999999999999",
    "1.5",
    "NaN",
    "' OR 1=1 --",
    "x" * 5000,
]
PARAMETERS = ["q", "page", "area", "type", "kind", "next", "sort", "format", "utm_source"]
REFLECTION_MARKERS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
TRACE_MARKERS = ["Traceback", 'File "/', "django/core/handlers", "Exception Value"]


def build_content(site):
    exercise = ExerciseFactory(name="Magic Neck Stretch", slug="magic-neck-stretch")
    exercise.body_areas.add(site.areas["neck"])
    article = ArticlePageFactory(
        parent=site.articles,
        title="Help for a sore neck",
        slug="sore-neck",
        body_areas=[site.areas["neck"]],
        body=[exercise_block(exercise)],
    )
    call_command("update_index", verbosity=0)
    return {"article": article, "exercise": exercise}


@pytest.fixture(scope="module")
def _module_content(request, module_transaction, _module_site):
    """Built once for the module's tests, which only read it (see module_transaction)."""
    return build_once_per_module(request, module_transaction, build_content, _module_site)


@pytest.fixture
def content(site, _module_content):
    if _module_content is None:
        return build_content(site)
    return {
        "article": ArticlePage.objects.get(pk=_module_content["article"].pk),
        "exercise": Exercise.objects.get(pk=_module_content["exercise"].pk),
    }


def visitor():
    # Report server errors as responses (what a visitor would get) instead of raising them.
    return Client(raise_request_exception=False)


def problems_in(response, request_description):
    found = []
    if response.status_code >= 500:
        found.append(f"{request_description}: status {response.status_code}")
    content_type = response.get("Content-Type", "")
    if response.streaming or not content_type.startswith(("text/", "application/")):
        return found
    body = response.content.decode("utf-8", "replace")
    # JSON (the search suggestions) may carry the visitor's own text inside a string: it is not
    # markup as long as browsers are told not to sniff it as HTML.
    is_json = content_type.startswith("application/json")
    if is_json and response.get("X-Content-Type-Options") != "nosniff":
        found.append(f"{request_description}: JSON without X-Content-Type-Options: nosniff")
    for marker in REFLECTION_MARKERS:
        if marker in body and not is_json:
            found.append(f"{request_description}: reflects {marker!r}")
    for marker in TRACE_MARKERS:
        if marker in body:
            found.append(f"{request_description}: shows a stack trace ({marker!r})")
    if content_type.startswith("text/html"):
        for problem in script_problems(body):
            found.append(f"{request_description}: {problem}")
    return found


PATH_PAYLOADS = [SCRIPT, "%ff%fe", "%00", "..%2f..%2fetc%2fpasswd", "x" * 5000]
PER_PARAMETER_PAYLOADS = [SCRIPT, "%ff%fe", "99999999999999999999999999"]


def attack(path):
    """Every hostile variation of one URL; returns the list of failures."""
    client = visitor()
    failures = []
    base = path.rstrip("/")
    requests = [path]
    # Each payload in every parameter at once...
    for payload in PAYLOADS:
        requests.append(f"{path}?" + "&".join(f"{name}={payload}" for name in PARAMETERS))
    # ...and alone in each parameter, since a bad filter can end a view before it reads the rest.
    for payload in PER_PARAMETER_PAYLOADS:
        requests += [f"{path}?{name}={payload}" for name in PARAMETERS]
    for payload in PATH_PAYLOADS:
        requests += [f"{base}/{payload}/", f"{path}{payload}"]
    requests.append(f"{path}?page=1&page=2&page=%ff&area=neck&area=%00")
    requests.append(f"{path}?page[]=1&area[]=neck&q[]=x")
    requests.append(f"{path}?" + "a" * 8000)
    requests.append(f"{base}/" + "a" * 8000 + "/")
    requests.append(f"{path}?" + "&".join(f"p{i}=v" for i in range(2000)))
    for request_path in requests:
        response = client.get(request_path)
        failures += problems_in(response, f"GET {request_path[:120]}")
    head = client.head(f"{path}?q={SCRIPT}&page=%ff")
    failures += problems_in(head, f"HEAD {path}")
    return failures


PUBLIC_PATHS = [
    "/",
    "/articles/",
    "/articles/sore-neck/",
    "/exercises/",
    "/exercises/magic-neck-stretch/",
    "/search/",
    "/search/suggest/",
    "/healthz",
    "/areas/neck/",
    "/articles/feed/",
    "/articles/feed/rss/",
    "/sitemap.xml",
    "/robots.txt",
    "/routine/",
    "/share/site.png",
    "/no-such-page/",
    "/articles/no-such-article/",
    "/exercises/no-such-exercise/",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_hostile_requests_to_public_urls(content, path):
    failures = attack(path)
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/clinic/settings/base.py",
        "/media/../clinic/settings/base.py",
        "/documents/../../etc/passwd",
        "/documents/1/..%2f..%2fetc%2fpasswd",
        "/articles/..%2f..%2fetc%2fpasswd/",
        "/%ff%fe/",
        "/articles/%c0%ae%c0%ae/",
        "/articles/%00/",
        "/share/article/99999999999999999999999999.png",
        "/documents/99999999999999999999999999/x.pdf",
        "/share/exercise/-1.png",
        "/share/%3Cscript%3E/1.png",
        "/share/article/1.png?" + "x" * 4000,
        "/areas/%3Cscript%3E/",
        "/areas/" + "a" * 500 + "/",
        "//evil.example/",
        "/\\evil.example/",
    ],
)
def test_path_traversal_and_odd_paths(content, path):
    client = visitor()
    response = client.get(path)
    failures = problems_in(response, f"GET {path[:120]}")
    assert not failures, failures
    body = response.content.decode("utf-8", "replace")
    assert "root:x:0:0" not in body
    assert "SECRET_KEY" not in body
    if response.status_code in {301, 302}:
        assert not response["Location"].startswith(("//", "http")), response["Location"]


def test_malformed_host_header_is_refused_without_a_trace(content):
    response = visitor().get("/", headers={"host": "evil.example<script>"})
    assert response.status_code == 400
    assert b"<script>" not in response.content
    assert b"Traceback" not in response.content


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_unusual_methods_on_public_pages_never_error(content, method):
    client = visitor()
    for path in ["/", "/articles/sore-neck/", "/exercises/", "/search/?q=neck", "/healthz"]:
        response = getattr(client, method)(
            path, data="<script>alert(1)</script>", content_type="text/plain"
        )
        assert response.status_code < 500, (method, path, response.status_code)
        assert b"<script>alert(1)</script>" not in response.content
