"""Pictures for the demo, drawn with Pillow so nothing is downloaded.

Each exercise gets a line figure in the exercise's own position (seated and turning, on hands
and knees, face down with arms in a Y...), each article a scene of its subject over a soft
landscape, and the home page a picture of the treatment room. Every one is different, so a
listing never shows the same picture twice.
"""

import hashlib
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

# Warm, calm palettes (top colour, bottom colour, accent) in keeping with the clinic's name.
PALETTES = [
    ((246, 214, 170), (196, 112, 74), (255, 244, 222)),
    ((236, 226, 208), (142, 160, 132), (250, 240, 214)),
    ((250, 222, 196), (170, 96, 110), (255, 236, 210)),
    ((222, 232, 236), (96, 128, 150), (248, 236, 206)),
    ((244, 232, 200), (184, 140, 72), (255, 250, 236)),
    ((238, 218, 206), (122, 96, 132), (252, 232, 208)),
    ((228, 236, 222), (88, 120, 104), (250, 244, 224)),
    ((246, 226, 214), (150, 84, 64), (255, 240, 226)),
    ((232, 228, 240), (92, 96, 138), (246, 238, 220)),
    ((242, 236, 220), (128, 116, 86), (252, 246, 230)),
]
FIGURE = (62, 44, 38)
PROP = (120, 92, 72)
ACCENT_LINE = (178, 74, 30)

# Stick figures, in a 100 x 100 box (y grows downwards): joint name -> (x, y). Limbs join
# the joints below; a pose may leave out joints it does not need.
LIMBS = [
    ("neck", "hip"),
    ("neck", "elbow_l"),
    ("elbow_l", "hand_l"),
    ("neck", "elbow_r"),
    ("elbow_r", "hand_r"),
    ("hip", "knee_l"),
    ("knee_l", "foot_l"),
    ("hip", "knee_r"),
    ("knee_r", "foot_r"),
]

# What each exercise looks like; props are drawn behind the figure, in the same box.
POSES = {
    # Seated on a chair, chest turning: arrow round the shoulders.
    "free-your-neck": {
        "joints": {
            "head": (50, 22),
            "neck": (50, 33),
            "hip": (50, 60),
            "elbow_l": (40, 47),
            "hand_l": (44, 60),
            "elbow_r": (60, 47),
            "hand_r": (57, 60),
            "knee_l": (64, 61),
            "foot_l": (64, 84),
            "knee_r": (66, 62),
            "foot_r": (68, 84),
        },
        "props": [("chair", (44, 62))],
        "arrows": [("arc", (50, 34, 16, 200, 340))],
    },
    # Standing tall, hugging across to the opposite shoulder blade, head tipped to one side.
    "magic-neck-stretch": {
        "joints": {
            "head": (57, 19),
            "neck": (50, 30),
            "hip": (50, 60),
            "elbow_l": (62, 40),
            "hand_l": (40, 34),
            "elbow_r": (38, 42),
            "hand_r": (60, 34),
            "knee_l": (46, 76),
            "foot_l": (44, 92),
            "knee_r": (54, 76),
            "foot_r": (56, 92),
        },
        "props": [],
        "arrows": [("arc", (55, 20, 14, 280, 350))],
    },
    # Lying on the floor, rolling to one side, arms overhead.
    "baby-rolling": {
        "joints": {
            "head": (22, 70),
            "neck": (31, 72),
            "hip": (60, 74),
            "elbow_l": (20, 62),
            "hand_l": (10, 58),
            "elbow_r": (22, 78),
            "hand_r": (12, 80),
            "knee_l": (74, 70),
            "foot_l": (90, 76),
            "knee_r": (74, 78),
            "foot_r": (90, 80),
        },
        "props": [("mat", (6, 84, 94))],
        "arrows": [("arc", (46, 60, 18, 200, 330))],
    },
    # Standing against a wall, chin gliding back: arrow behind the face.
    "chin-tucks": {
        "joints": {
            "head": (47, 18),
            "neck": (45, 29),
            "hip": (45, 58),
            "elbow_l": (43, 44),
            "hand_l": (46, 57),
            "elbow_r": (47, 44),
            "hand_r": (50, 57),
            "knee_l": (45, 73),
            "foot_l": (45, 90),
            "knee_r": (48, 73),
            "foot_r": (49, 90),
        },
        "props": [("wall", (38,))],
        "arrows": [("line", (64, 18, 55, 18))],
    },
    # In a doorway, forearms on the frame, leaning through.
    "doorway-pec-stretch": {
        "joints": {
            "head": (54, 20),
            "neck": (52, 31),
            "hip": (48, 58),
            "elbow_l": (34, 31),
            "hand_l": (34, 18),
            "elbow_r": (70, 31),
            "hand_r": (70, 18),
            "knee_l": (56, 72),
            "foot_l": (60, 90),
            "knee_r": (44, 74),
            "foot_r": (40, 90),
        },
        "props": [("door", (30, 74))],
        "arrows": [("line", (40, 48, 60, 48))],
    },
    # Back to the wall, arms up in a goalpost.
    "wall-angels": {
        "joints": {
            "head": (50, 20),
            "neck": (50, 31),
            "hip": (50, 60),
            "elbow_l": (36, 31),
            "hand_l": (36, 16),
            "elbow_r": (64, 31),
            "hand_r": (64, 16),
            "knee_l": (46, 75),
            "foot_l": (45, 91),
            "knee_r": (54, 75),
            "foot_r": (55, 91),
        },
        "props": [("backdrop", (26, 74))],
        "arrows": [("line", (24, 30, 24, 12)), ("line", (76, 30, 76, 12))],
    },
    # Face down on a towel, arms reaching forward in a Y.
    "prone-y-raise": {
        "joints": {
            "head": (28, 68),
            "neck": (36, 72),
            "hip": (64, 76),
            "elbow_l": (24, 62),
            "hand_l": (10, 56),
            "elbow_r": (26, 66),
            "hand_r": (12, 64),
            "knee_l": (78, 78),
            "foot_l": (92, 78),
            "knee_r": (78, 80),
            "foot_r": (92, 81),
        },
        "props": [("mat", (6, 84, 94))],
        "arrows": [("line", (12, 50, 12, 40))],
    },
    # On hands and knees, back rounded up.
    "cat-cow": {
        "joints": {
            "head": (24, 52),
            "neck": (30, 46),
            "hip": (66, 48),
            "elbow_l": (30, 62),
            "hand_l": (30, 80),
            "elbow_r": (33, 62),
            "hand_r": (33, 80),
            "knee_l": (66, 80),
            "foot_l": (86, 80),
            "knee_r": (69, 80),
            "foot_r": (89, 80),
        },
        "props": [("mat", (14, 83, 94))],
        "spine": (30, 46, 48, 32, 66, 48),
        "arrows": [("arc", (48, 36, 14, 220, 320))],
    },
    # Close-up: a face in profile, two fingers circling the jaw.
    "jaw-release": {
        "portrait": True,
        "arrows": [("arc", (58, 62, 9, 0, 300))],
    },
    # Kneeling lunge: one knee down, the other foot forward.
    "kneeling-hip-flexor-stretch": {
        "joints": {
            "head": (48, 22),
            "neck": (48, 33),
            "hip": (48, 60),
            "elbow_l": (50, 47),
            "hand_l": (56, 58),
            "elbow_r": (46, 47),
            "hand_r": (52, 58),
            "knee_l": (68, 62),
            "foot_l": (70, 86),
            "knee_r": (40, 86),
            "foot_r": (22, 86),
        },
        "props": [("cushion", (40, 87))],
        "arrows": [("line", (36, 66, 50, 66))],
    },
}


def _gradient(size, top, bottom):
    """A vertical gradient, built from Pillow's native ramp (fast, no per-pixel Python)."""
    mask = PILImage.linear_gradient("L").resize(size)
    return PILImage.composite(
        PILImage.new("RGB", size, bottom), PILImage.new("RGB", size, top), mask
    )


def _landscape(size, variant, blur=True):
    """A soft landscape: gradient sky, a low moon, rolling hills. Drawn small and scaled up."""
    top, bottom, accent = PALETTES[variant % len(PALETTES)]
    small = (size[0] // 4, size[1] // 4)
    canvas = _gradient(small, top, bottom)
    draw = ImageDraw.Draw(canvas)
    width, height = small
    moon_x = width * (0.12 + 0.11 * (variant % 8))
    moon_r = height * 0.14
    draw.ellipse(
        [moon_x - moon_r, height * 0.26 - moon_r, moon_x + moon_r, height * 0.26 + moon_r],
        fill=accent,
    )
    for layer in range(3):
        shade = tuple(max(0, int(c * (0.75 - 0.12 * layer))) for c in bottom)
        base = height * (0.64 + 0.11 * layer)
        offset = (variant * 37 + layer * 53) % width
        draw.ellipse(
            [offset - width * 0.7, base, offset + width * 0.7, base + height * 0.9], fill=shade
        )
        draw.ellipse(
            [offset + width * 0.1, base + 8, offset + width * 1.5, base + height], fill=shade
        )
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(2))
    return canvas.resize(size, PILImage.Resampling.BICUBIC)


class _Sketch:
    """Draws in a 100 x 100 box centred on a larger canvas, at 2x then scaled down (smooth)."""

    SCALE = 2

    def __init__(self, background, box_fraction=0.9):
        self.final_size = background.size
        size = (background.size[0] * self.SCALE, background.size[1] * self.SCALE)
        self.image = background.resize(size, PILImage.Resampling.BICUBIC)
        self.draw = ImageDraw.Draw(self.image)
        self.unit = min(size) * box_fraction / 100
        self.origin = ((size[0] - 100 * self.unit) / 2, (size[1] - 100 * self.unit) / 2)

    def xy(self, x, y):
        return (self.origin[0] + x * self.unit, self.origin[1] + y * self.unit)

    def line(self, points, width, fill=FIGURE):
        pixels = [self.xy(*point) for point in points]
        w = max(1, int(width * self.unit))
        self.draw.line(pixels, fill=fill, width=w, joint="curve")
        radius = w / 2
        for px, py in (pixels[0], pixels[-1]):
            self.draw.ellipse([px - radius, py - radius, px + radius, py + radius], fill=fill)

    def circle(self, x, y, r, fill=FIGURE, outline=None, width=0):
        cx, cy = self.xy(x, y)
        radius = r * self.unit
        self.draw.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius],
            fill=fill,
            outline=outline,
            width=int(width * self.unit),
        )

    def rect(self, x0, y0, x1, y1, fill=PROP, radius=1):
        self.draw.rounded_rectangle(
            [*self.xy(x0, y0), *self.xy(x1, y1)], radius=radius * self.unit, fill=fill
        )

    def arc(self, x, y, r, start, end, fill=ACCENT_LINE, width=2.2):
        cx, cy = self.xy(x, y)
        radius = r * self.unit
        self.draw.arc(
            [cx - radius, cy - radius, cx + radius, cy + radius],
            start=start,
            end=end,
            fill=fill,
            width=int(width * self.unit),
        )

    def finish(self):
        return self.image.resize(self.final_size, PILImage.Resampling.LANCZOS)


def _props(sketch, props):
    for kind, args in props:
        if kind == "chair":
            x, y = args
            sketch.rect(x - 8, y, x + 22, y + 4)  # seat
            sketch.rect(x - 8, y - 30, x - 4, y + 4)  # back
            sketch.rect(x - 7, y + 4, x - 4, y + 24)
            sketch.rect(x + 18, y + 4, x + 21, y + 24)
        elif kind == "mat":
            x0, y, x1 = args
            sketch.rect(x0, y, x1, 92, fill=(150, 110, 84), radius=1.5)
        elif kind == "wall":
            (x,) = args
            sketch.rect(x - 6, 4, x, 92, fill=(210, 196, 176), radius=0)
        elif kind == "door":
            x0, x1 = args
            sketch.rect(x0 - 4, 8, x0, 92, fill=PROP, radius=0)
            sketch.rect(x1, 8, x1 + 4, 92, fill=PROP, radius=0)
            sketch.rect(x0 - 4, 6, x1 + 4, 10, fill=PROP, radius=0)
        elif kind == "backdrop":
            x0, x1 = args
            sketch.rect(x0, 4, x1, 92, fill=(226, 214, 196), radius=2)
        elif kind == "cushion":
            x, y = args
            sketch.rect(x - 8, y - 1, x + 8, y + 4, fill=(176, 120, 96), radius=2)


def _arrows(sketch, arrows):
    for kind, args in arrows:
        if kind == "arc":
            sketch.arc(*args)
        elif kind == "line":
            x0, y0, x1, y1 = args
            sketch.line([(x0, y0), (x1, y1)], 2.2, fill=ACCENT_LINE)
            # Arrow head at the end.
            dx, dy = x1 - x0, y1 - y0
            length = max((dx * dx + dy * dy) ** 0.5, 0.01)
            ux, uy = dx / length, dy / length
            for side in (1, -1):
                hx = x1 - 3.5 * ux + side * 2.5 * uy
                hy = y1 - 3.5 * uy - side * 2.5 * ux
                sketch.line([(x1, y1), (hx, hy)], 2.2, fill=ACCENT_LINE)


def _figure(sketch, joints, spine=None, colour=FIGURE, thickness=4.2):
    for a, b in LIMBS:
        if a in joints and b in joints:
            if (a, b) == ("neck", "hip") and spine:
                continue
            sketch.line([joints[a], joints[b]], thickness, fill=colour)
    if spine:
        x0, y0, xm, ym, x1, y1 = spine
        # A rounded back: a short polyline through the top of the curve.
        points = [(x0, y0)]
        for step in range(1, 8):
            t = step / 8
            x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * xm + t * t * x1
            y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * ym + t * t * y1
            points.append((x, y))
        points.append((x1, y1))
        sketch.line(points, thickness, fill=colour)
    hx, hy = joints["head"]
    sketch.circle(hx, hy, 6.5, fill=colour)


def _profile_face(sketch):
    """A head in profile, the jaw hinge marked, a hand with two fingers on it."""
    sketch.circle(50, 44, 24, fill=FIGURE)
    sketch.rect(38, 60, 60, 92, fill=FIGURE, radius=6)  # neck and shoulders
    sketch.rect(24, 80, 76, 96, fill=FIGURE, radius=8)
    sketch.circle(70, 46, 5, fill=FIGURE)  # nose and chin bumps
    sketch.circle(64, 62, 7, fill=FIGURE)
    sketch.circle(58, 62, 2.2, fill=(246, 214, 170))  # the jaw muscle
    sketch.line([(84, 92), (70, 74), (60, 64)], 4.2, fill=(150, 96, 74))  # forearm and fingers
    sketch.line([(70, 74), (62, 68)], 3.2, fill=(150, 96, 74))


def exercise_jpeg(slug: str, variant: int, size=(1200, 800)) -> bytes:
    """A line figure in the exercise's position on a soft background of its own colours."""
    top, bottom, _accent = PALETTES[variant % len(PALETTES)]
    background = _gradient(size, top, tuple(min(255, int(c * 1.15)) for c in bottom))
    sketch = _Sketch(background)
    pose = POSES.get(slug)
    if pose is None:
        pose = POSES["free-your-neck"]
    if pose.get("portrait"):
        _profile_face(sketch)
    else:
        sketch.rect(0, 92, 100, 95, fill=(110, 86, 70), radius=0)  # the floor
        _props(sketch, pose.get("props", []))
        _figure(sketch, pose["joints"], spine=pose.get("spine"))
    _arrows(sketch, pose.get("arrows", []))
    return _jpeg(sketch.finish())


# Article heroes: a landscape of its own colours, and a figure or object for its subject.
ARTICLE_SCENES = {
    "what-to-expect-from-ashiatsu": "ashiatsu",
    "head-forward-posture": "head-forward",
    "strengthen-your-upper-back": "prone-y-raise",
    "help-for-upper-back-and-neck-pain": "sore-neck",
    "desk-break-for-tight-shoulders": "desk",
    "morning-lower-back-stiffness": "cat-cow",
    "jaw-tension-and-neck-pain": "jaw-release",
}


def _treatment_room(sketch):
    """The Ashiatsu set-up: a massage table under two ceiling bars, the therapist holding on."""
    sketch.rect(6, 8, 94, 11, fill=PROP, radius=0)  # ceiling beam
    for x in (30, 70):
        sketch.rect(x - 1, 11, x + 1, 22, fill=PROP, radius=0)
    sketch.rect(18, 21, 82, 23.5, fill=(150, 112, 80), radius=1)  # the bar she holds
    sketch.rect(14, 68, 86, 74, fill=(236, 226, 210), radius=2)  # table top
    sketch.rect(18, 74, 21, 92, fill=PROP, radius=0)
    sketch.rect(79, 74, 82, 92, fill=PROP, radius=0)
    # The client lying face down on the table.
    sketch.line([(24, 64), (70, 65)], 5.5, fill=(120, 80, 64))
    sketch.circle(19, 63, 5, fill=(120, 80, 64))
    # The therapist standing on the table, holding the bar, one foot on the client's back.
    joints = {
        "head": (50, 28),
        "neck": (50, 37),
        "hip": (52, 52),
        "elbow_l": (44, 30),
        "hand_l": (40, 23),
        "elbow_r": (58, 30),
        "hand_r": (62, 23),
        "knee_l": (46, 58),
        "foot_l": (44, 61),
        "knee_r": (58, 60),
        "foot_r": (62, 67),
    }
    _figure(sketch, joints, thickness=3.6)


def _scene(sketch, scene):
    if scene == "ashiatsu":
        _treatment_room(sketch)
    elif scene == "head-forward":
        # At a laptop, head drifting forward; a dashed ghost of where it should be.
        sketch.rect(58, 58, 92, 61, fill=PROP, radius=0)  # desk
        sketch.rect(62, 44, 84, 58, fill=(70, 76, 96), radius=1)  # screen
        joints = {
            "head": (48, 30),
            "neck": (40, 38),
            "hip": (34, 66),
            "elbow_l": (44, 54),
            "hand_l": (60, 56),
            "elbow_r": (46, 55),
            "hand_r": (62, 57),
            "knee_l": (52, 68),
            "foot_l": (52, 90),
            "knee_r": (54, 69),
            "foot_r": (55, 90),
        }
        _props(sketch, [("chair", (28, 68))])
        _figure(sketch, joints)
        sketch.circle(38, 26, 6.5, fill=None, outline=ACCENT_LINE, width=1.4)
    elif scene == "sore-neck":
        # Standing, a hand on the back of the neck, the sore spot glowing.
        joints = {
            "head": (50, 20),
            "neck": (50, 31),
            "hip": (50, 60),
            "elbow_l": (36, 22),
            "hand_l": (46, 28),
            "elbow_r": (60, 46),
            "hand_r": (60, 60),
            "knee_l": (47, 76),
            "foot_l": (46, 92),
            "knee_r": (53, 76),
            "foot_r": (54, 92),
        }
        sketch.circle(50, 34, 9, fill=(240, 170, 110))
        _figure(sketch, joints)
    elif scene == "desk":
        # Standing up from the desk and reaching up high.
        sketch.rect(56, 58, 94, 61, fill=PROP, radius=0)
        sketch.rect(60, 61, 63, 92, fill=PROP, radius=0)
        sketch.rect(88, 61, 91, 92, fill=PROP, radius=0)
        sketch.rect(64, 46, 84, 58, fill=(70, 76, 96), radius=1)
        joints = {
            "head": (36, 22),
            "neck": (36, 33),
            "hip": (36, 62),
            "elbow_l": (28, 20),
            "hand_l": (26, 8),
            "elbow_r": (44, 20),
            "hand_r": (46, 8),
            "knee_l": (33, 77),
            "foot_l": (32, 92),
            "knee_r": (39, 77),
            "foot_r": (40, 92),
        }
        _figure(sketch, joints)
    elif scene in POSES:
        pose = POSES[scene]
        if pose.get("portrait"):
            _profile_face(sketch)
        else:
            _props(sketch, pose.get("props", []))
            _figure(sketch, pose["joints"], spine=pose.get("spine"))


def hero_jpeg(variant: int, size=(1600, 900), scene: str = "") -> bytes:
    """An article's picture: a soft landscape, with the article's scene in front when given."""
    canvas = _landscape(size, variant)
    if not scene:
        return _jpeg(canvas)
    sketch = _Sketch(canvas, box_fraction=0.82)
    _scene(sketch, scene)
    return _jpeg(sketch.finish())


def studio_jpeg(size=(1200, 900)) -> bytes:
    """The treatment room for the home page: warm walls, a round window with the moon."""
    canvas = _gradient(size, (248, 234, 214), (214, 178, 140))
    sketch = _Sketch(canvas, box_fraction=0.94)
    sketch.circle(84, 40, 9, fill=(38, 43, 61))  # window at night
    sketch.circle(86, 38, 3.2, fill=(247, 236, 217))
    sketch.rect(2, 92, 98, 100, fill=(150, 110, 84), radius=0)  # floor
    _treatment_room(sketch)
    return _jpeg(sketch.finish())


def portrait_jpeg(initials: str, size=(800, 800)) -> bytes:
    """A warm square with the practitioner's initials, until she uploads a real photo."""
    top, bottom, accent = PALETTES[0]
    canvas = _gradient(size, top, bottom)
    draw = ImageDraw.Draw(canvas)
    margin = size[0] * 0.14
    draw.ellipse([margin, margin, size[0] - margin, size[1] - margin], fill=(120, 62, 40))
    font = ImageFont.load_default(size=size[0] // 4)
    draw.text((size[0] / 2, size[1] / 2), initials, fill=accent, font=font, anchor="mm")
    return _jpeg(canvas)


def _jpeg(image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def get_or_create_image(title: str, filename: str, make_bytes):
    """The image with this title, creating it from make_bytes() the first time.

    make_bytes is only called when the image is missing, so re-runs draw nothing.
    """
    Image = get_image_model()
    existing = Image.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing, False
    data = make_bytes()
    image = Image(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ImageFile(BytesIO(data), name=filename),
        file_size=len(data),
        # Wagtail's duplicate detection compares SHA-1 hashes of the file contents.
        file_hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
    )
    image.save()
    return image, True
