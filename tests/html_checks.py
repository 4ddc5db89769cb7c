"""Checks on rendered HTML shared by the security, sanitisation and hostile-input tests."""

from html.parser import HTMLParser

FRAME_HOSTS = ("https://www.youtube-nocookie.com/", "https://player.vimeo.com/")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name == "style":
                self.problems.append(f"<{tag} style=...> inline style (blocked by CSP)")
            if name in URL_ATTRIBUTES:
                compact = "".join(value.split()).lower()
                if compact.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"<{tag} {name}={value!r}> script URL")
        if tag == "script":
            script_type = (attributes.get("type") or "").lower()
            if not attributes.get("src") and script_type not in DATA_SCRIPT_TYPES:
                self.problems.append("inline <script> (blocked by CSP)")
            elif attributes.get("src") and not attributes["src"].startswith("/static/"):
                self.problems.append(f"<script src={attributes['src']!r}> from elsewhere")
        if tag == "style":
            self.problems.append("inline <style> (blocked by CSP)")
        if tag in {"iframe", "frame"}:
            src = attributes.get("src") or ""
            if not src.startswith(FRAME_HOSTS):
                self.problems.append(f"<{tag} src={src!r}>")
        if tag in {"object", "embed", "applet", "base"}:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def script_problems(html):
    """Everything in html that could run script or that the site's CSP would block."""
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.problems


def assert_no_script(html, context=""):
    problems = script_problems(html)
    assert not problems, f"{context}: {problems}"
