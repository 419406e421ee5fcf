"""Abstract pictures for the demo site, drawn locally with Pillow.

The demo must run without a network and must not ship photographs whose
rights we do not hold, so every hero and body image is painted from a seed:
a diagonal gradient, a few soft blurred shapes and a couple of crisp accents.
The same seed always gives the same bytes, so a re-run of the demo loader can
compare files instead of storing duplicates.
"""

from __future__ import annotations

import colorsys
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = ["make_image"]

JPEG_QUALITY = 82

# Blurring at full size is the slow part; painting the soft layer at a quarter
# of the size and scaling it up looks the same and is ~16 times cheaper.
_SOFT_SCALE = 4


def _palette(rng: random.Random) -> list[tuple[int, int, int]]:
    """Five related colours: an analogous trio plus a complementary accent."""
    base = rng.random()
    spread = rng.uniform(0.05, 0.14)
    hues = [base, base + spread, base - spread, base + 0.5, base + 0.5 + spread / 2]
    colours = []
    for index, hue in enumerate(hues):
        lightness = rng.uniform(0.35, 0.6) if index < 3 else rng.uniform(0.55, 0.75)
        saturation = rng.uniform(0.45, 0.8)
        r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
        colours.append((round(r * 255), round(g * 255), round(b * 255)))
    return colours


def _gradient(size: tuple[int, int], start: tuple[int, ...], end: tuple[int, ...], angle: float):
    width, height = size
    diagonal = int((width**2 + height**2) ** 0.5) + 2
    mask = Image.linear_gradient("L").resize((diagonal, diagonal)).rotate(angle)
    left = (diagonal - width) // 2
    top = (diagonal - height) // 2
    mask = mask.crop((left, top, left + width, top + height))
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def _soft_layer(rng: random.Random, size: tuple[int, int], colours) -> Image.Image:
    width, height = size
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(rng.randint(5, 9)):
        radius = rng.uniform(0.12, 0.45) * height
        cx = rng.uniform(-0.1, 1.1) * width
        cy = rng.uniform(-0.1, 1.1) * height
        colour = rng.choice(colours)
        alpha = rng.randint(90, 190)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(*colour, alpha))
    return layer.filter(ImageFilter.GaussianBlur(radius=max(2, height // 12)))


def _accents(rng: random.Random, image: Image.Image, colours) -> None:
    width, height = image.size
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(1, 3)):
        radius = rng.uniform(0.04, 0.12) * height
        cx = rng.uniform(0.1, 0.9) * width
        cy = rng.uniform(0.1, 0.9) * height
        colour = rng.choice(colours[3:])
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            outline=(*colour, 200),
            width=max(2, height // 150),
        )
    if rng.random() < 0.6:
        y = rng.uniform(0.55, 0.85) * height
        amplitude = rng.uniform(0.03, 0.08) * height
        waves = rng.uniform(1.0, 2.5)
        phase = rng.uniform(0, math.tau)
        steps = 96
        points = [
            (
                width * i / steps,
                y + amplitude * math.sin(phase + math.tau * waves * i / steps),
            )
            for i in range(steps + 1)
        ]
        draw.line(points, fill=(255, 255, 255, 110), width=max(2, height // 200), joint="curve")
    image.alpha_composite(overlay)


def _label(image: Image.Image, text: str) -> None:
    width, height = image.size
    size = max(12, height // 18)
    # Nothing is downloaded: DejaVu Sans (Kazakh and Russian Cyrillic) when the system has
    # it, otherwise Pillow's built-in font, which covers Latin only.
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        font = ImageFont.load_default(size=size)
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = max(6, height // 40)
    x = pad * 2
    y = height - (bottom - top) - pad * 4
    draw.rectangle(
        (x - pad, y - pad + top, x + right - left + pad, y + bottom + pad), fill=(0, 0, 0, 120)
    )
    draw.text((x - left, y), text, font=font, fill=(255, 255, 255, 235))
    image.alpha_composite(overlay)


def make_image(seed: int, *, width: int = 1200, height: int = 675, label: str = "") -> bytes:
    """Return a JPEG of an abstract picture; the same arguments give the same bytes."""
    rng = random.Random(seed)
    colours = _palette(rng)
    image = _gradient((width, height), colours[0], colours[1], rng.uniform(0, 360)).convert("RGBA")
    small = (max(1, width // _SOFT_SCALE), max(1, height // _SOFT_SCALE))
    soft = _soft_layer(rng, small, colours).resize((width, height), Image.Resampling.BICUBIC)
    image.alpha_composite(soft)
    _accents(rng, image, colours)
    if label:
        _label(image, label)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()
