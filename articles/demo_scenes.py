"""Pictures for the demo news, drawn with Pillow (no downloads, no text in the
picture): a sky, hills and the scene's own things (flowers, tents, boats,
a stage...), so a new site looks as it will with real photos."""

import io
import random
from functools import cache

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1200, 800)
HORIZON = 470


def _gradient(draw, box, top, bottom):
    left, y0, right, y1 = box
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(left, y), (right, y)], fill=colour)


def _hills(draw, rng, base, height, colour, bumps=5):
    width = SIZE[0]
    points = [(0, SIZE[1])]
    for n in range(bumps * 4 + 1):
        x = width * n / (bumps * 4)
        points.append((x, base - rng.uniform(0.3, 1) * height))
    points.append((width, SIZE[1]))
    draw.polygon(points, fill=colour)


def _person(draw, x, y, scale, colour):
    head = 9 * scale
    draw.ellipse([x - head, y - 5 * head, x + head, y - 3 * head], fill=(70, 50, 40))
    draw.rounded_rectangle(
        [x - 1.6 * head, y - 3 * head, x + 1.6 * head, y], radius=head, fill=colour
    )


def _crowd(draw, rng, y, count, scale=1.0, spread=(60, 1140)):
    palette = [
        (200, 60, 60),
        (40, 90, 160),
        (240, 190, 50),
        (90, 140, 80),
        (250, 250, 250),
    ]
    for _ in range(count):
        x = rng.uniform(*spread)
        _person(
            draw,
            x,
            y + rng.uniform(-8, 8),
            scale * rng.uniform(0.85, 1.15),
            rng.choice(palette),
        )


def _outdoor(draw, rng, sky=((90, 160, 230), (200, 230, 250)), hills=(70, 130, 90)):
    _gradient(draw, (0, 0, SIZE[0], HORIZON), *sky)
    draw.ellipse([930, 70, 1030, 170], fill=(255, 236, 170))
    _hills(draw, rng, HORIZON - 20, 120, tuple(c + 40 for c in hills))
    _hills(draw, rng, HORIZON + 10, 90, hills)


def flowers(draw, rng):
    _outdoor(draw, rng)
    _gradient(draw, (0, HORIZON, SIZE[0], SIZE[1]), (110, 170, 80), (60, 120, 50))
    colours = [
        (230, 60, 90),
        (250, 200, 60),
        (250, 130, 40),
        (200, 90, 200),
        (255, 255, 255),
    ]
    for _ in range(900):
        y = rng.uniform(HORIZON, SIZE[1])
        r = 3 + (y - HORIZON) / 40
        x = rng.uniform(0, SIZE[0])
        draw.ellipse([x - r, y - r, x + r, y + r], fill=rng.choice(colours))
    _crowd(draw, rng, 700, 6, 1.6)


def market(draw, rng):
    _outdoor(draw, rng)
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=(190, 170, 140))
    for n, x in enumerate(range(40, 1160, 230)):
        roof = [(230, 70, 60), (250, 250, 250), (60, 120, 200)][n % 3]
        draw.rectangle([x, 420, x + 200, 600], fill=(235, 225, 205))
        draw.polygon([(x - 15, 430), (x + 100, 350), (x + 215, 430)], fill=roof)
        for k in range(6):
            fruit = rng.choice([(210, 160, 60), (120, 170, 60), (220, 90, 60)])
            draw.ellipse([x + 15 + k * 30, 560, x + 40 + k * 30, 585], fill=fruit)
    _crowd(draw, rng, 760, 12, 1.8)


def ceremony(draw, rng):
    _gradient(draw, (0, 0, SIZE[0], SIZE[1]), (120, 40, 50), (70, 20, 30))
    draw.rectangle([80, 90, 1120, 220], fill=(240, 200, 80))
    for x in range(100, 1100, 60):
        draw.rectangle([x, 110, x + 30, 200], fill=(200, 150, 40))
    draw.rectangle([0, 520, SIZE[0], 560], fill=(150, 110, 70))
    for x in range(300, 960, 110):
        _person(draw, x, 520, 2.2, (245, 245, 245))
    draw.rectangle([540, 430, 660, 440], fill=(220, 30, 60))  # the ribbon
    for x in range(40, 1200, 95):
        r = 48
        draw.ellipse([x - r, 700, x + r, 800 + r], fill=(30, 25, 30))


def lake(draw, rng):
    _outdoor(draw, rng, hills=(60, 110, 90))
    _gradient(draw, (0, HORIZON, SIZE[0], SIZE[1]), (80, 150, 200), (30, 80, 140))
    for _ in range(120):
        x, y = rng.uniform(0, SIZE[0]), rng.uniform(HORIZON + 20, SIZE[1])
        draw.line([(x, y), (x + rng.uniform(20, 70), y)], fill=(170, 210, 235), width=2)
    for x in (250, 700):
        draw.polygon(
            [(x, 600), (x + 220, 600), (x + 190, 640), (x + 30, 640)],
            fill=(110, 70, 40),
        )
        _person(draw, x + 80, 600, 1.4, (240, 120, 40))
        _person(draw, x + 140, 600, 1.4, (250, 250, 250))


def boats(draw, rng):
    _outdoor(draw, rng)
    _gradient(draw, (0, HORIZON, SIZE[0], SIZE[1]), (90, 120, 110), (50, 80, 70))
    for n, y in enumerate((560, 690)):
        hull = [(200, 40, 40), (40, 70, 160)][n]
        draw.polygon([(30, y), (1170, y - 30), (1100, y + 25), (90, y + 30)], fill=hull)
        for x in range(140, 1080, 48):
            _person(draw, x, y - (x / 1140) * 30, 1.1, (250, 220, 60))


def fog(draw, rng):
    _gradient(draw, (0, 0, SIZE[0], SIZE[1]), (250, 190, 150), (160, 180, 210))
    for n, base in enumerate((380, 470, 560, 680, 800)):
        shade = 60 + n * 25
        _hills(draw, rng, base, 140, (shade, shade + 20, shade + 50), bumps=3)


def haze(draw, rng):
    _gradient(draw, (0, 0, SIZE[0], SIZE[1]), (200, 170, 140), (150, 140, 130))
    draw.ellipse([540, 140, 640, 240], fill=(240, 170, 110))
    for x in range(0, 1200, 70):
        height = rng.uniform(80, 260)
        draw.rectangle([x, 620 - height, x + 55, 800], fill=(120, 110, 105))
    _crowd(draw, rng, 790, 5, 2.0)


def forest(draw, rng):
    _outdoor(draw, rng, hills=(50, 110, 60))
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=(120, 90, 60))
    for _ in range(40):
        x, y = rng.uniform(0, SIZE[0]), rng.uniform(HORIZON + 30, 760)
        size = 20 + (y - HORIZON) / 6
        draw.rectangle([x - 3, y - size / 2, x + 3, y], fill=(90, 60, 30))
        draw.ellipse(
            [x - size / 2, y - size * 1.4, x + size / 2, y - size / 2],
            fill=(60, 150, 60),
        )
    _crowd(draw, rng, 770, 6, 1.8)


def building(draw, rng):
    _outdoor(draw, rng)
    draw.rectangle([0, HORIZON, SIZE[0], SIZE[1]], fill=(170, 170, 165))
    draw.rectangle([250, 300, 950, 560], fill=(245, 240, 225))
    draw.polygon([(230, 305), (600, 170), (970, 305)], fill=(170, 60, 40))
    for x in range(290, 930, 80):
        draw.rectangle([x, 330, x + 24, 560], fill=(220, 210, 190))
    draw.rectangle([1040, 180, 1048, 560], fill=(90, 90, 90))
    for n, colour in enumerate(((200, 30, 50), (250, 250, 250), (30, 40, 120))):
        draw.rectangle([1048, 180 + n * 18, 1140, 198 + n * 18], fill=colour)
    _crowd(draw, rng, 740, 9, 1.7)


def classroom(draw, rng):
    _gradient(draw, (0, 0, SIZE[0], SIZE[1]), (235, 230, 215), (200, 195, 180))
    draw.rectangle([330, 80, 870, 380], fill=(40, 60, 90))
    draw.rectangle([360, 110, 840, 350], fill=(90, 150, 210))
    for y, scale in ((540, 1.5), (650, 1.9), (780, 2.4)):
        draw.rectangle([40, y - 10, 1160, y + 20], fill=(150, 110, 70))
        _crowd(draw, rng, y, 7, scale)


def flood(draw, rng):
    _outdoor(draw, rng, sky=((120, 130, 150), (190, 195, 205)))
    for x in range(60, 1150, 260):
        draw.rectangle([x, 420, x + 170, 560], fill=(200, 180, 150))
        draw.polygon([(x - 15, 425), (x + 85, 350), (x + 185, 425)], fill=(120, 60, 40))
    _gradient(draw, (0, 520, SIZE[0], SIZE[1]), (150, 120, 80), (110, 90, 60))
    draw.polygon([(380, 650), (820, 650), (780, 700), (420, 700)], fill=(240, 120, 30))
    for x in range(460, 780, 70):
        _person(draw, x, 650, 1.5, (250, 140, 30))


SCENES = {
    fn.__name__: fn
    for fn in (flowers, market, ceremony, lake, boats, fog, haze, forest)
    + (building, classroom, flood)
}


@cache
def scene_jpeg(name, seed=0):
    """A drawn scene as camera-like JPEG bytes (the same bytes for the same
    name and seed, so a seeded site looks the same each time)."""
    rng = random.Random(f"{name}:{seed}")
    image = Image.new("RGB", SIZE)
    SCENES[name](ImageDraw.Draw(image), rng)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
