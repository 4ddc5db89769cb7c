"""Load benchmark: the real site under gunicorn, cached and uncached, next to a WSGI hello world.

    .venv/bin/python benchmarks/load.py [--duration 5] [--connections 8] [--articles 200]

Builds a corpus in a temporary folder (demo content plus generated articles, SQLite in WAL mode,
collected static files), starts gunicorn with two workers on 127.0.0.1 with the production
settings (DEBUG off) three times: page cache on, page cache off, and a minimal WSGI app as the
ceiling. Loads each URL with `wrk` when installed (apt-get install wrk), else with a small
threaded Python client, and prints requests/s and p50/p99 latency. Loopback only; every run is
bounded by --duration. The load generator shares the machine's cores with gunicorn, so the
ceiling is what this machine can do, not what a server could.

Targets: cached article >= 50% of the hello-world ceiling; uncached article p50 under
30 ms (measured with a single visitor, so it is the page's own time, not queueing).
"""

import argparse
import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))

GENERATE_ARTICLES = """
import sys, django
django.setup()
from articles.models import ArticleIndexPage, ArticlePage
count = int(sys.argv[1])
index = ArticleIndexPage.objects.get()
template = ArticlePage.objects.live().order_by("pk").first()
for n in range(count):
    page = ArticlePage(
        title=f"Generated article {n}",
        slug=f"generated-{n}",
        summary=template.summary,
        body=template.body.raw_data,
        author=template.author,
        hero_image=template.hero_image,
        hero_image_alt=template.hero_image_alt,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
print(template.url)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=REPO, env=env, check=True, **kwargs)


def build_corpus(workdir, articles):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "CACHE_DIR": str(workdir / "cache"),
        "SECURE_SSL_REDIRECT": "false",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "LOG_LEVEL": "ERROR",
    }
    quiet = {"stdout": subprocess.DEVNULL}
    print("Building the corpus (migrate, demo content, generated articles, static files)...")
    run([PYTHON, "manage.py", "migrate", "-v0"], env)
    run([PYTHON, "manage.py", "load_demo_content", "--no-users"], env, **quiet)
    article_url = (
        run([PYTHON, "-c", GENERATE_ARTICLES, str(articles)], env, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    run([PYTHON, "manage.py", "update_index", "-v0"], env, **quiet)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    return env, article_url


class Server:
    def __init__(self, env, app, extra_env=None):
        self.port = free_port()
        self.env = {**env, **(extra_env or {})}
        self.args = [
            GUNICORN,
            "--config",
            str(REPO / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
            app,
        ]

    def __enter__(self):
        self.process = subprocess.Popen(
            self.args, cwd=REPO, env=self.env, stdout=subprocess.DEVNULL, stderr=sys.stderr
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                return self
            except OSError:
                time.sleep(0.3)
        self.process.kill()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"


def warm(server, path, times=3):
    for _ in range(times):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")


def wrk_measure(url, duration, connections):
    threads = min(2, connections)
    output = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout

    def latency_ms(label):
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, latency_ms("50%"), latency_ms("99%"), int(errors.group(1)) if errors else 0


def python_measure(url, duration, connections):
    """Fallback without wrk: keep-alive connections in threads, bounded by duration."""
    host_port, path = url[len("http://") :].split("/", 1)
    host, port = host_port.split(":")
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def client():
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        mine = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection.request("GET", "/" + path)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                errors[0] += 1
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / duration, statistics.median(latencies), p99, errors[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5, help="Seconds per measurement.")
    parser.add_argument("--connections", type=int, default=8, help="Concurrent connections.")
    parser.add_argument("--articles", type=int, default=200, help="Generated extra articles.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    options = parser.parse_args()

    use_wrk = shutil.which("wrk") is not None
    measure = wrk_measure if use_wrk else python_measure
    workdir = Path(tempfile.mkdtemp(prefix="clinic-load-"))
    rows = []
    try:
        env, article = build_corpus(workdir, options.articles)
        paths = {
            "home": "/",
            "article": article,
            "exercise library": "/exercises/",
            "search": "/search/?q=neck",
        }

        def record(name, server, path, connections=options.connections):
            warm(server, path)
            rps, p50, p99, errors = measure(server.url(path), options.duration, connections)
            rows.append((name, rps, p50, p99, errors))
            print(f"  {name:<38} {rps:>9.0f} req/s  p50 {p50:7.2f} ms  p99 {p99:7.2f} ms")

        print(
            f"Load: {'wrk' if use_wrk else 'python client'}, {options.connections} connections,"
            f" {options.duration:g}s each, gunicorn 2 workers on 127.0.0.1"
        )
        with Server(env, "benchmarks.hello_wsgi:application") as hello:
            record("hello world (ceiling)", hello, "/")
        with Server(env, "clinic.wsgi:application", {"PAGE_CACHE_SECONDS": "600"}) as cached:
            for name, path in paths.items():
                record(f"{name}, cached", cached, path)
        with Server(env, "clinic.wsgi:application", {"PAGE_CACHE_SECONDS": "0"}) as uncached:
            for name, path in paths.items():
                record(f"{name}, uncached", uncached, path)
            record("article, uncached, single visitor", uncached, article, connections=1)
    finally:
        if options.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    by_name = {name: (rps, p50, p99, errors) for name, rps, p50, p99, errors in rows}
    ceiling = by_name["hello world (ceiling)"][0]
    print()
    print(f"{'URL':<40}{'req/s':>10}{'% ceiling':>11}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}")
    for name, rps, p50, p99, errors in rows:
        print(f"{name:<40}{rps:>10.0f}{rps / ceiling:>10.0%}{p50:>10.2f}{p99:>10.2f}{errors:>8}")
    cached_share = by_name["article, cached"][0] / ceiling
    single_p50 = by_name["article, uncached, single visitor"][1]
    print()
    print(
        f"Target: cached article >= 50% of ceiling: {cached_share:.0%} "
        f"{'PASS' if cached_share >= 0.5 else 'MISS'}"
    )
    print(
        f"Target: uncached article p50 < 30 ms (single visitor): {single_p50:.1f} ms "
        f"{'PASS' if single_p50 < 30 else 'MISS'}"
    )
    if any(errors for *_, errors in rows):
        print("Some requests failed: see the errors column.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
