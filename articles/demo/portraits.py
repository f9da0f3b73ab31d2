"""Illustrated portraits of the demo authors: head and shoulders of a person with a
face, hair, clothes and, for some, glasses, in flat colours. Drawn locally and
deterministically from the catalogue's ``look`` (or, without one, from the initials)."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

from .shapes import INK, PINK, SUPERSAMPLE, WHITE, darken, ellipse, lighten, mix, rgb

SKINS = ["#f3d3bd", "#e8b48f", "#c68a62", "#9a6444", "#6f4430"]
HAIRS = ["#2b2220", "#5a3a26", "#a0622e", "#d9b36c", "#b9b4ae"]
STYLES = ["short", "long", "bun", "curly"]


def _look(initials, look):
    rng = random.Random(f"portrait:{initials}")  # noqa: S311 (art, not crypto)
    chosen = {
        "skin": rng.choice(SKINS),
        "hair": rng.choice(HAIRS),
        "style": rng.choice(STYLES),
        "glasses": rng.random() < 0.4,
    }
    return {**chosen, **(look or {})}


def _hair_back(draw, s, style, hair):
    if style == "long":
        draw.rounded_rectangle((s * 0.29, s * 0.24, s * 0.71, s * 0.74), s * 0.16, fill=hair)
    elif style == "bun":
        ellipse(draw, s * 0.5, s * 0.17, s * 0.09, s * 0.08, hair)


def _hair_front(draw, s, style, hair):
    if style == "curly":
        for i in range(15):
            angle = 3.14159 * (0.95 + 1.1 * i / 14)
            x = s * 0.5 + s * 0.18 * math.cos(angle)
            y = s * 0.39 + s * 0.2 * math.sin(angle)
            ellipse(draw, x, y, s * 0.065, s * 0.065, hair)
        return
    draw.chord((s * 0.315, s * 0.2, s * 0.685, s * 0.56), 180, 360, fill=hair)
    if style == "short":
        draw.polygon([(s * 0.33, s * 0.36), (s * 0.52, s * 0.25), (s * 0.42, s * 0.34)], fill=hair)
    else:  # a side parting
        draw.polygon([(s * 0.56, s * 0.25), (s * 0.34, s * 0.42), (s * 0.32, s * 0.33)], fill=hair)


def _face(draw, s, skin, glasses):
    dark = darken(skin, 0.35)
    for side in (-1, 1):
        x = s * 0.5 + side * s * 0.075
        draw.arc(
            (x - s * 0.035, s * 0.375, x + s * 0.035, s * 0.4),
            200,
            340,
            fill=INK,
            width=int(s * 0.012),
        )
        ellipse(draw, x, s * 0.43, s * 0.018, s * 0.022, INK)
        ellipse(draw, x + s * 0.006, s * 0.424, s * 0.006, s * 0.006, WHITE)
        ellipse(draw, x + side * s * 0.035, s * 0.5, s * 0.03, s * 0.02, mix(skin, PINK, 0.45))
    draw.arc((s * 0.48, s * 0.44, s * 0.52, s * 0.49), 300, 60, fill=dark, width=int(s * 0.01))
    draw.chord((s * 0.45, s * 0.49, s * 0.55, s * 0.55), 10, 170, fill=(160, 60, 70))
    draw.chord((s * 0.465, s * 0.49, s * 0.535, s * 0.52), 10, 170, fill=WHITE)
    if glasses:
        frame = int(s * 0.012)
        for side in (-1, 1):
            x = s * 0.5 + side * s * 0.075
            draw.ellipse((x - s * 0.05, s * 0.39, x + s * 0.05, s * 0.47), outline=INK, width=frame)
        draw.line([(s * 0.475, s * 0.425), (s * 0.525, s * 0.425)], fill=INK, width=frame)


def draw_portrait(initials: str, palette: tuple[str, str], size=512, look=None):
    """Return a square illustrated portrait: a person with a face, hair and clothes on
    a ``palette`` of (background, clothes)."""
    bg, top = rgb(palette[0]), rgb(palette[1])
    look = _look(initials, look)
    skin, hair = rgb(look["skin"]), rgb(look["hair"])
    s = size * SUPERSAMPLE
    image = Image.new("RGB", (s, s), bg)
    draw = ImageDraw.Draw(image)
    for y in range(s):
        draw.line([(0, y), (s, y)], fill=mix(lighten(bg, 0.35), bg, y / s))
    ellipse(draw, s * 0.5, s * 0.42, s * 0.36, s * 0.36, lighten(bg, 0.2))
    _hair_back(draw, s, look["style"], hair)
    draw.rounded_rectangle(
        (s * 0.44, s * 0.55, s * 0.56, s * 0.74), s * 0.04, fill=darken(skin, 0.1)
    )
    ellipse(draw, s * 0.5, s * 1.0, s * 0.4, s * 0.3, top)
    draw.polygon(
        [(s * 0.43, s * 0.71), (s * 0.57, s * 0.71), (s * 0.5, s * 0.8)], fill=darken(skin, 0.1)
    )
    draw.line(
        [(s * 0.43, s * 0.71), (s * 0.5, s * 0.8), (s * 0.57, s * 0.71)],
        fill=lighten(top, 0.4),
        width=int(s * 0.015),
    )
    for side in (-1, 1):
        ellipse(draw, s * 0.5 + side * s * 0.175, s * 0.44, s * 0.03, s * 0.045, darken(skin, 0.05))
    ellipse(draw, s * 0.5, s * 0.42, s * 0.175, s * 0.21, skin)
    _hair_front(draw, s, look["style"], hair)
    _face(draw, s, skin, look["glasses"])
    return image.resize((size, size), Image.Resampling.LANCZOS)
