"""The site's own pictures, drawn with Pillow: the emblem as PNG (for structured
data, which wants a raster logo) and the share picture for articles without a
photo (1200x630, the office's name on the band colour)."""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BAND = (11, 61, 107)
GOLD = (201, 162, 39)
WHITE = (255, 255, 255)
SHARE_SIZE = (1200, 630)
EMBLEM_SIZE = 512
# Debian's fonts-thai-tlwg; without them Pillow's own font draws (no Thai).
THAI_FONTS = [
    "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf",
    "/usr/share/fonts/opentype/tlwg/Garuda-Bold.otf",
]


def thai_font(size):
    for path in THAI_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def emblem_image(size=EMBLEM_SIZE):
    """The emblem of static/img/emblem.svg, drawn at `size` pixels."""
    scale = size / 64
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def box(r):
        return [(32 - r) * scale, (32 - r) * scale, (32 + r) * scale, (32 + r) * scale]

    def points(*xy):
        return [(x * scale, y * scale) for x, y in xy]

    draw.ellipse(box(31), fill=GOLD)
    draw.ellipse(box(27), fill=BAND)
    draw.ellipse(box(25), outline=WHITE, width=max(1, round(scale)))
    draw.polygon(points((9, 42), (22, 24), (29, 33), (37, 20), (55, 42)), fill=WHITE)
    draw.polygon(
        points((37, 20), (41, 25.5), (38.5, 24.5), (36, 27), (33.5, 25.5)), fill=GOLD
    )
    draw.line(points((12, 46), (52, 46)), fill=GOLD, width=round(2.5 * scale))
    font = thai_font(round(8 * scale))
    draw.text((32 * scale, 51.5 * scale), "3", font=font, fill=WHITE, anchor="mm")
    return image


def share_image(name, tagline):
    """1200x630: the emblem, the office's name and a tagline."""
    image = Image.new("RGB", SHARE_SIZE, BAND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, SHARE_SIZE[1] - 24, SHARE_SIZE[0], SHARE_SIZE[1]], fill=GOLD)
    emblem = emblem_image(260)
    image.paste(emblem, (80, 170), emblem)
    draw.text((380, 250), name, font=thai_font(64), fill=WHITE, anchor="lm")
    light = (220, 230, 240)
    draw.text((380, 345), tagline, font=thai_font(36), fill=light, anchor="lm")
    return image


def identity_images_write(*, directory, name, tagline):
    """Write emblem.png and share-default.png into `directory`; their paths."""
    directory = Path(directory)
    emblem_path = directory / "emblem.png"
    share_path = directory / "share-default.png"
    emblem_image().save(emblem_path, optimize=True)
    share_image(name, tagline).save(share_path, optimize=True)
    return [emblem_path, share_path]
