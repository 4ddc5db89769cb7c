"""Helpers for the phone-layout, safety and print-sheet tests: reading a QR code back."""

import re

from PIL import Image

SVG_PATHS = re.compile(r"<path\b[^>]*>")
PATH_DATA = re.compile(r'\bd="([^"]+)"')
PATH_COMMAND = re.compile(r"([MmHh])([-\d.\s]+)")


def rasterise_segno_svg(svg, pixels_per_module=8):
    """The black-and-white picture of a QR code segno drew as SVG: its dark modules are
    horizontal strokes one module high ("M4 4.5h7m4 0h2..."). Returns a Pillow image."""
    view_box = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg, re.IGNORECASE)
    assert view_box, "the QR code has no viewBox"
    width, height = int(view_box.group(1)), int(view_box.group(2))
    dark = [tag for tag in SVG_PATHS.findall(svg) if 'stroke="#000"' in tag]
    assert dark, "the QR code has no dark modules"
    match = PATH_DATA.search(dark[0])
    image = Image.new("L", (width, height), 255)
    x = y = 0.0
    for command, numbers in PATH_COMMAND.findall(match.group(1)):
        values = [float(n) for n in numbers.split()]
        if command in "Mm":
            dx, dy = values
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
        else:
            end = values[0] if command == "H" else x + values[0]
            row = int(y)
            for column in range(int(round(x)), int(round(end))):
                image.putpixel((column, row), 0)
            x = end
    return image.resize((width * pixels_per_module, height * pixels_per_module), Image.NEAREST)


def decode_qr(image):
    """The text of the one QR code in a Pillow image (zxing-cpp), or None."""
    import zxingcpp

    results = zxingcpp.read_barcodes(image.convert("L"))
    return results[0].text if results else None


SEED_SLUG = "help-for-upper-back-and-neck-pain"


def build_seed_article(site, hero_image=None):
    """The demo's seed article (home/demo/article_data.py), its exercises (exercise_data.py) and
    its areas' "When to get help", built with the test factories: no pictures drawn, so it is
    quick. Returns the published ArticlePage."""
    import datetime

    from django.utils import timezone

    from home.demo import article_data, exercise_data

    from .factories import ArticlePageFactory, ExerciseFactory, step_block, video_block

    for slug, area in site.areas.items():
        area.when_to_get_help = "\n".join(exercise_data.WHEN_TO_GET_HELP.get(slug, []))
        area.save()
    specs = {spec["slug"]: spec for spec in exercise_data.EXERCISES}
    spec = next(s for s in article_data.ARTICLES if s["slug"] == SEED_SLUG)
    exercises, articles = {}, {}

    def exercise(slug):
        if slug not in exercises:
            data = specs[slug]
            url, title = data["video"]
            exercises[slug] = ExerciseFactory(
                name=data["name"],
                slug=slug,
                summary=data["summary"],
                video=[video_block(url=url, title=title, caption=data["summary"])],
                steps=[step_block(text) for text in data["steps"]],
                difficulty=data["difficulty"],
                equipment=data["equipment"],
                cautions=data["cautions"],
                progress_test=data["progress_test"],
                hold_seconds=data["dose"].get("hold_seconds"),
                repetitions=data["dose"].get("repetitions"),
                sets=data["dose"].get("sets"),
                frequency=data["dose"].get("frequency", ""),
                body_areas=[site.areas[a] for a in data["areas"] if a in site.areas],
            )
        return exercises[slug]

    def article(slug):
        if slug not in articles:
            other = next(s for s in article_data.ARTICLES if s["slug"] == slug)
            articles[slug] = ArticlePageFactory(
                parent=site.articles, slug=slug, title=other["title"], summary=other["summary"]
            )
        return articles[slug]

    published = timezone.now() - datetime.timedelta(days=spec["days_ago"])
    return ArticlePageFactory(
        parent=site.articles,
        slug=SEED_SLUG,
        title=spec["title"],
        summary=spec["summary"],
        author=site.practitioner,
        hero_image=hero_image,
        hero_image_alt="A moon over hills",
        last_reviewed=(published + datetime.timedelta(days=10)).date(),
        body=spec["body"](exercise, article, published),
        body_areas=[site.areas[a] for a in spec["areas"] if a in site.areas],
    )
