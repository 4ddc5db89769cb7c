"""The ceiling for benchmarks/load.py: the smallest WSGI app, in the same gunicorn set-up."""

BODY = b"Hello, world!\n"


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))])
    return [BODY]
