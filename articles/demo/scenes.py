"""Flat, deterministic scenes for the demo stories, drawn locally: a setting in a light
(``backdrops``), framed wide, centred or close, with one motif.

Each picture's setting, light and framing come from its catalogue entry or, when it
names none, from its seed, so no two stories share a picture. The subject's place is
returned in ``image.info["focal"]`` (x and y from 0 to 1) for the crops' focal point.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from .backdrops import LIGHTS, SETTINGS, sky
from .shapes import (
    INK,
    PINK,
    SUPERSAMPLE,
    WHITE,
    ball,
    bezier,
    bone,
    curve,
    darken,
    ellipse,
    heart,
    is_light,
    lighten,
    mix,
    paw,
    rgb,
    shadow,
)


def _eye(draw, x, y, r) -> None:
    ellipse(draw, x, y, r, r, INK)
    ellipse(draw, x + r * 0.35, y - r * 0.35, r * 0.35, r * 0.35, WHITE)


def _dog(draw, cx, gy, u, coat, ground, accent) -> None:
    dark, light = darken(coat, 0.28), lighten(coat, 0.5)
    shadow(draw, cx + 6 * u, gy, 42 * u, ground)
    tail = bezier(
        (cx + 18 * u, gy - 12 * u),
        (cx + 40 * u, gy - 14 * u),
        (cx + 42 * u, gy - 30 * u),
        (cx + 46 * u, gy - 46 * u),
    )
    curve(draw, tail, coat, 7 * u)
    ellipse(draw, cx - 19 * u, gy - 11 * u, 15 * u, 11 * u, dark)
    ellipse(draw, cx + 19 * u, gy - 11 * u, 15 * u, 11 * u, dark)
    ellipse(draw, cx, gy - 30 * u, 25 * u, 31 * u, coat)
    ellipse(draw, cx, gy - 44 * u, 11 * u, 12 * u, light)
    for side in (-1, 1):
        x0 = cx + side * 8 * u
        leg = (x0 - 5 * u, gy - 34 * u, x0 + 5 * u, gy - 2 * u)
        draw.rounded_rectangle(leg, 5 * u, fill=coat, outline=dark, width=int(u))
        ellipse(draw, x0, gy - 3 * u, 6.5 * u, 4 * u, light)
    draw.rounded_rectangle((cx - 15 * u, gy - 56 * u, cx + 15 * u, gy - 50 * u), 3 * u, fill=accent)
    ellipse(draw, cx, gy - 47 * u, 3.5 * u, 3.5 * u, (246, 196, 70))
    ellipse(draw, cx - 20 * u, gy - 70 * u, 8 * u, 17 * u, dark, angle=22)
    ellipse(draw, cx + 20 * u, gy - 70 * u, 8 * u, 17 * u, dark, angle=-22)
    ellipse(draw, cx, gy - 74 * u, 21 * u, 20 * u, coat)
    ellipse(draw, cx, gy - 64 * u, 12 * u, 9 * u, light)
    ellipse(draw, cx, gy - 58 * u, 3.5 * u, 4 * u, PINK)
    draw.arc((cx - 6 * u, gy - 66 * u, cx, gy - 59 * u), 20, 160, fill=INK, width=int(u))
    draw.arc((cx, gy - 66 * u, cx + 6 * u, gy - 59 * u), 20, 160, fill=INK, width=int(u))
    ellipse(draw, cx, gy - 67 * u, 5 * u, 3.5 * u, INK)
    _eye(draw, cx - 8 * u, gy - 78 * u, 3 * u)
    _eye(draw, cx + 8 * u, gy - 78 * u, 3 * u)


def _cat(draw, cx, gy, u, coat, ground) -> None:
    dark, light = darken(coat, 0.25), lighten(coat, 0.45)
    shadow(draw, cx - 6 * u, gy, 36 * u, ground)
    tail = bezier(
        (cx - 12 * u, gy - 4 * u),
        (cx - 44 * u, gy - 2 * u),
        (cx - 40 * u, gy - 40 * u),
        (cx - 26 * u, gy - 38 * u),
    )
    curve(draw, tail, dark, 5.5 * u)
    ellipse(draw, cx - 14 * u, gy - 9 * u, 11 * u, 9 * u, dark)
    ellipse(draw, cx + 14 * u, gy - 9 * u, 11 * u, 9 * u, dark)
    ellipse(draw, cx, gy - 27 * u, 18 * u, 27 * u, coat)
    ellipse(draw, cx, gy - 36 * u, 8 * u, 10 * u, light)
    for side in (-1, 1):
        x0 = cx + side * 6 * u
        draw.rounded_rectangle(
            (x0 - 3.5 * u, gy - 28 * u, x0 + 3.5 * u, gy - 2 * u),
            3 * u,
            fill=coat,
            outline=dark,
            width=int(u),
        )
        ellipse(draw, x0, gy - 2.5 * u, 4.5 * u, 3 * u, light)
    for side in (-1, 1):
        outer = [
            (cx + side * 19 * u, gy - 62 * u),
            (cx + side * 16 * u, gy - 88 * u),
            (cx + side * 3 * u, gy - 74 * u),
        ]
        inner = [
            (cx + side * 16 * u, gy - 66 * u),
            (cx + side * 15 * u, gy - 82 * u),
            (cx + side * 7 * u, gy - 73 * u),
        ]
        draw.polygon(outer, fill=coat)
        draw.polygon(inner, fill=PINK)
    ellipse(draw, cx, gy - 62 * u, 20 * u, 16 * u, coat)
    for i in (-1, 0, 1):
        draw.line(
            [(cx + i * 5 * u, gy - 77 * u), (cx + i * 4 * u, gy - 71 * u)],
            fill=dark,
            width=int(2 * u),
        )
    for side in (-1, 1):
        ellipse(draw, cx + side * 8 * u, gy - 64 * u, 4 * u, 3.2 * u, (222, 186, 64))
        ellipse(draw, cx + side * 8 * u, gy - 64 * u, 1.2 * u, 3 * u, INK)
    draw.polygon(
        [(cx - 2.5 * u, gy - 58 * u), (cx + 2.5 * u, gy - 58 * u), (cx, gy - 55.5 * u)], fill=PINK
    )
    for side in (-1, 1):
        for dy in (-1.5, 1.5):
            end = (cx + side * 22 * u, gy - (56 + dy * 2) * u)
            draw.line(
                [(cx + side * 6 * u, gy - 56 * u), end], fill=light, width=max(1, int(0.8 * u))
            )


def _kennel(draw, cx, gy, u, wall, ground, rng) -> None:
    roof, inside = darken(wall, 0.3), darken(wall, 0.72)
    shadow(draw, cx, gy, 62 * u, ground)
    draw.rectangle((cx - 42 * u, gy - 62 * u, cx + 42 * u, gy), fill=wall)
    for i in range(1, 5):
        y = gy - i * 12 * u
        draw.line([(cx - 42 * u, y), (cx + 42 * u, y)], fill=darken(wall, 0.1), width=int(u))
    draw.polygon(
        [(cx - 54 * u, gy - 58 * u), (cx, gy - 102 * u), (cx + 54 * u, gy - 58 * u)], fill=roof
    )
    draw.rounded_rectangle((cx - 20 * u, gy - 50 * u, cx + 20 * u, gy), 20 * u, fill=inside)
    draw.rectangle((cx - 20 * u, gy - 28 * u, cx + 20 * u, gy), fill=inside)
    draw.rounded_rectangle((cx - 14 * u, gy - 82 * u, cx + 14 * u, gy - 68 * u), 3 * u, fill=WHITE)
    bone(draw, cx, gy - 75 * u, 7 * u, lighten(roof, 0.35))
    bx = cx + (62 if rng.random() < 0.5 else -62) * u
    draw.chord((bx - 13 * u, gy - 16 * u, bx + 13 * u, gy + 4 * u), 0, 180, fill=(196, 70, 62))
    ellipse(draw, bx, gy - 6 * u, 13 * u, 3 * u, (222, 110, 96))


class _Scene:
    """What every motif draws with: the canvas, its proportions and its colours."""

    def __init__(self, draw, w, h, colours, framing, rng):
        self.draw, self.w, self.h, self.rng = draw, w, h, rng
        self.sky, self.ground, self.main = colours
        scale, across, self.horizon, ground_line = FRAMINGS[framing]
        side = across if rng.random() < 0.5 else 1 - across
        self.u = min(h, w * 0.62) / 185 * scale
        self.gy, self.cx = h * ground_line, w * side
        self.horizon *= h
        sky, main = self.sky, self.main
        self.accent = darken(sky, 0.45) if is_light(sky) else lighten(sky, 0.5)
        self.second = darken(main, 0.5) if is_light(main) else lighten(main, 0.55)


def _motif_dog(s):
    _dog(s.draw, s.cx, s.gy, s.u, s.main, s.ground, s.accent)


def _motif_cat(s):
    _cat(s.draw, s.cx, s.gy, s.u * 1.05, s.main, s.ground)


def _motif_dog_and_cat(s):
    u = s.u
    heart(s.draw, s.cx + 2 * u, s.gy - 96 * u, 9 * u, PINK)
    _dog(s.draw, s.cx - 26 * u, s.gy, u * 0.95, s.main, s.ground, s.accent)
    _cat(s.draw, s.cx + 30 * u, s.gy, u * 0.78, s.second, s.ground)


def _motif_paw(s):
    u = s.u
    disc = darken(s.sky, 0.35) if is_light(s.main) else lighten(s.sky, 0.6)
    ellipse(s.draw, s.cx, s.gy - 62 * u, 46 * u, 46 * u, disc)
    paw(s.draw, s.cx, s.gy - 60 * u, 30 * u, s.main)
    for i in range(6):
        side = -1 if i % 2 else 1
        x = s.w * 0.08 + i * s.w * 0.17 + s.rng.uniform(-4, 4) * u
        paw(s.draw, x, s.gy + (side * 3 - 1) * u, 6 * u, darken(s.ground, 0.18))


def _motif_bone(s):
    u = s.u
    ellipse(s.draw, s.cx, s.gy - 4 * u, 62 * u, 8 * u, darken(s.ground, 0.22))
    bone(s.draw, s.cx, s.gy - 26 * u, 46 * u, darken(s.main, 0.15))
    bone(s.draw, s.cx, s.gy - 29 * u, 45 * u, s.main)


def _motif_ball(s):
    u = s.u
    for x, r, color in ((s.cx - 40 * u, 26 * u, s.main), (s.cx + 44 * u, 14 * u, s.second)):
        shadow(s.draw, x + r * 0.2, s.gy, r * 1.1, s.ground)
        ball(s.draw, x, s.gy - r, r, color)


def _motif_house(s):
    _kennel(s.draw, s.cx, s.gy, s.u, s.main, s.ground, s.rng)


def _motif_heart(s):
    u, rng = s.u, s.rng
    for _ in range(rng.randint(5, 8)):
        x, y = s.w * rng.uniform(0.06, 0.94), s.h * rng.uniform(0.1, 0.55)
        if abs(x - s.cx) > 44 * u:
            heart(s.draw, x, y, rng.uniform(4, 8) * u, mix(s.second, PINK, 0.5))
    heart(s.draw, s.cx + 3 * u, s.gy - 58 * u, 48 * u, darken(s.main, 0.2))
    heart(s.draw, s.cx, s.gy - 61 * u, 48 * u, s.main)
    ellipse(s.draw, s.cx - 20 * u, s.gy - 88 * u, 7 * u, 11 * u, lighten(s.main, 0.35), angle=35)


MOTIFS = {
    "dog": _motif_dog,
    "cat": _motif_cat,
    "dog_and_cat": _motif_dog_and_cat,
    "paw": _motif_paw,
    "bone": _motif_bone,
    "ball": _motif_ball,
    "house": _motif_house,
    "heart": _motif_heart,
}


# (subject scale, its place across from the nearer edge, horizon, ground line), the
# last two as shares of the height.
FRAMINGS = {
    "wide": (0.72, 0.3, 0.6, 0.9),
    "centre": (1.0, 0.5, 0.64, 0.89),
    "close": (1.45, 0.42, 0.52, 0.98),
}


def draw_scene(
    motif: str,
    palette: tuple[str, str, str],
    size=(1600, 1000),
    seed: int = 0,
    *,
    setting: str | None = None,
    light: str | None = None,
    framing: str | None = None,
):
    """Return an RGB illustration of ``motif`` using a (sky, ground, animal) palette,
    in ``setting`` and ``light`` and framed by ``framing`` (chosen by the seed when
    not given)."""
    if motif not in MOTIFS:
        raise ValueError(f"Unknown motif: {motif!r}")
    rng = random.Random(f"{motif}:{seed}:{','.join(palette)}")  # noqa: S311 (art, not crypto)
    setting = setting or rng.choice(sorted(SETTINGS))
    light = LIGHTS[light or rng.choice(sorted(LIGHTS))]
    framing = framing or rng.choice(sorted(FRAMINGS))
    colours = tuple(rgb(c) for c in palette)
    w, h = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    image = Image.new("RGB", (w, h), colours[0])
    draw = ImageDraw.Draw(image)
    scene = _Scene(draw, w, h, colours, framing, rng)
    sky(draw, w, h, scene.horizon, light, colours[0], rng)
    scene.ground = SETTINGS[setting](draw, w, h, scene.horizon, colours[1], light, rng)
    MOTIFS[motif](scene)
    image = Image.blend(image, Image.new("RGB", (w, h), light.tint), light.strength)
    image = image.resize(size, Image.Resampling.LANCZOS)
    focal_y = (scene.gy - 50 * scene.u) / h
    image.info["focal"] = (round(scene.cx / w, 3), round(min(max(focal_y, 0.05), 0.95), 3))
    return image
