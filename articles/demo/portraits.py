"""Placeholder portraits for the demo authors: a head and shoulders with initials."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from .shapes import SUPERSAMPLE, ellipse, lighten, mix, rgb


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, AttributeError):
        return ImageFont.load_default()


def draw_portrait(initials: str, palette: tuple[str, str], size=512):
    """Return a square head-and-shoulders placeholder with optional initials."""
    bg, fg = rgb(palette[0]), rgb(palette[1])
    s = size * SUPERSAMPLE
    image = Image.new("RGB", (s, s), bg)
    draw = ImageDraw.Draw(image)
    top = lighten(bg, 0.25)
    for y in range(s):
        draw.line([(0, y), (s, y)], fill=mix(top, bg, y / s))
    ellipse(draw, s * 0.5, s * 1.02, s * 0.38, s * 0.34, fg)
    draw.rounded_rectangle((s * 0.43, s * 0.5, s * 0.57, s * 0.72), s * 0.05, fill=fg)
    ellipse(draw, s * 0.5, s * 0.4, s * 0.17, s * 0.19, fg)
    text = "".join(ch for ch in (initials or "") if not ch.isspace())[:3].upper()
    if text:
        font = _font(int(s * 0.12))
        box = draw.textbbox((0, 0), text, font=font)
        x = (s - (box[2] - box[0])) / 2 - box[0]
        y = s * 0.85 - (box[3] - box[1]) / 2 - box[1]
        draw.text((x, y), text, font=font, fill=bg)
    return image.resize((size, size), Image.Resampling.LANCZOS)
