"""Draws the site's favicon and app icons (a harvest moon over a hill, in the site's colours)
into static/icons/. The files are committed; run this again only after changing the drawing:

    .venv/bin/python -m home.demo.app_icons

Drawn with Pillow from the same shapes as icon.svg, so nothing is downloaded.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS_DIR = Path(__file__).resolve().parents[2] / "static" / "icons"
NIGHT = "#262b3d"
MOON = "#f2b95e"
MOON_LIGHT = "#f7ecd9"
HILL = "#9a3f12"
SIZE = 512
MOON_CENTRE, MOON_RADIUS = (300, 205), 118


def hill_points(size=SIZE, steps=64):
    """The hill's top edge: two quadratic curves, as in icon.svg's path."""

    def quad(p0, p1, p2):
        return [
            (
                (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * p1[0] + t**2 * p2[0],
                (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * p1[1] + t**2 * p2[1],
            )
            for t in (i / steps for i in range(steps + 1))
        ]

    edge = quad((0, 395), (130, 315), (256, 375)) + quad((256, 375), (382, 435), (512, 355))
    return [(x * size / SIZE, y * size / SIZE) for x, y in edge] + [(size, size), (0, size)]


def draw(size, rounded=True, scale=4):
    """The icon at size px. rounded=False fills the square (for maskable icons, whose safe
    zone is the middle 80%: the moon and hill sit inside it)."""
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    k = big / SIZE
    if rounded:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=96 * k, fill=NIGHT)
    else:
        pen.rectangle((0, 0, big, big), fill=NIGHT)
    (cx, cy), r = MOON_CENTRE, MOON_RADIUS
    pen.ellipse(((cx - r) * k, (cy - r) * k, (cx + r) * k, (cy + r) * k), fill=MOON)
    r2 = r * 0.72
    pen.ellipse(((cx - r2) * k, (cy - r2) * k, (cx + r2) * k, (cy + r2) * k), fill=MOON_LIGHT)
    hill = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    ImageDraw.Draw(hill).polygon(hill_points(big), fill=HILL)
    if rounded:
        mask = Image.new("L", (big, big), 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, big - 1, big - 1), radius=96 * k, fill=255)
        hill.putalpha(Image.composite(hill.getchannel("A"), mask, mask))
    image.alpha_composite(hill)
    return image.resize((size, size), Image.LANCZOS)


SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<title>Harvest Moon Massage Therapy</title>
<rect width="512" height="512" rx="96" fill="{NIGHT}"/>
<circle cx="{MOON_CENTRE[0]}" cy="{MOON_CENTRE[1]}" r="{MOON_RADIUS}" fill="{MOON}"/>
<circle cx="{MOON_CENTRE[0]}" cy="{MOON_CENTRE[1]}" r="{MOON_RADIUS * 0.72:g}" fill="{MOON_LIGHT}"/>
<path d="M0 395Q130 315 256 375T512 355V416A96 96 0 0 1 416 512H96A96 96 0 0 1 0 416Z" fill="{HILL}"/>
</svg>
"""


def main():
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    (ICONS_DIR / "icon.svg").write_text(SVG)
    for name, size in (("icon-192.png", 192), ("icon-512.png", 512)):
        draw(size).save(ICONS_DIR / name, optimize=True)
    # iOS rounds the corners itself and shows transparency as black: a full square.
    draw(180, rounded=False).convert("RGB").save(ICONS_DIR / "apple-touch-icon.png", optimize=True)
    draw(512, rounded=False).save(ICONS_DIR / "icon-maskable-512.png", optimize=True)
    draw(256).save(ICONS_DIR / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"Icons written to {ICONS_DIR}")


if __name__ == "__main__":
    main()
