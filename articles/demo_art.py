"""Flat, deterministic demo illustrations for Doggy Diary, drawn locally with Pillow."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFont

MOTIFS = ("dog", "cat", "dog_and_cat", "paw", "bone", "ball", "house", "heart")
SUPERSAMPLE = 2
WHITE = (255, 255, 255)
INK = (43, 36, 40)
PINK = (236, 128, 146)


def _rgb(value: str) -> tuple[int, int, int]:
    value = value.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _lighten(color, t: float):
    return _mix(color, WHITE, t)


def _darken(color, t: float):
    return _mix(color, (0, 0, 0), t)


def _is_light(color) -> bool:
    r, g, b = color
    return 0.299 * r + 0.587 * g + 0.114 * b > 140


def _ellipse(draw, cx, cy, rx, ry, fill, angle: float = 0.0) -> None:
    if not angle:
        draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=fill)
        return
    ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    points = []
    for i in range(90):
        t = 2 * math.pi * i / 90
        x, y = rx * math.cos(t), ry * math.sin(t)
        points.append((cx + x * ca - y * sa, cy + x * sa + y * ca))
    draw.polygon(points, fill=fill)


def _bezier(p0, p1, p2, p3, steps: int = 32):
    points = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t**3
        points.append(
            (
                a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
            )
        )
    return points


def _curve(draw, points, fill, width: float) -> None:
    draw.line(points, fill=fill, width=int(width), joint="curve")
    radius = width / 2
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)


def _background(draw, w, h, sky, ground, rng) -> float:
    horizon = h * 0.64
    top = _lighten(sky, 0.55)
    for y in range(int(horizon) + 1):
        draw.line([(0, y), (w, y)], fill=_mix(top, sky, y / horizon))
    sun_x = w * (rng.uniform(0.1, 0.22) if rng.random() < 0.5 else rng.uniform(0.78, 0.9))
    sun_y, sun_r = h * rng.uniform(0.14, 0.22), h * 0.075
    _ellipse(draw, sun_x, sun_y, sun_r * 1.5, sun_r * 1.5, _mix(sky, (255, 240, 190), 0.45))
    _ellipse(draw, sun_x, sun_y, sun_r, sun_r, (255, 228, 140))
    cloud = _lighten(sky, 0.85)
    for _ in range(rng.randint(2, 4)):
        cx, cy = w * rng.uniform(0.05, 0.95), h * rng.uniform(0.08, 0.36)
        s = h * rng.uniform(0.035, 0.06)
        for dx, dy, r in ((-1.6, 0.3, 1.0), (0.0, -0.2, 1.4), (1.5, 0.2, 1.1), (0.6, 0.5, 1.0)):
            _ellipse(draw, cx + dx * s, cy + dy * s, r * s * 1.2, r * s, cloud)
    far = _mix(ground, sky, 0.45)
    _ellipse(draw, w * 0.15, horizon + h * 0.2, w * 0.45, h * 0.3, far)
    _ellipse(draw, w * 0.9, horizon + h * 0.22, w * 0.4, h * 0.3, _mix(ground, sky, 0.3))
    bottom = _darken(ground, 0.12)
    for y in range(int(horizon), h + 1):
        draw.line([(0, y), (w, y)], fill=_mix(ground, bottom, (y - horizon) / (h - horizon)))
    tuft = _darken(ground, 0.2)
    for _ in range(rng.randint(16, 26)):
        x, y = rng.uniform(0, w), rng.uniform(horizon + h * 0.04, h * 0.98)
        s = h * 0.012 * (0.6 + (y - horizon) / (h - horizon))
        for lean in (-1.2, 0.0, 1.2):
            blade = [(x - s * 0.5, y), (x + s * 0.5, y), (x + lean * s, y - s * 2.6)]
            draw.polygon(blade, fill=tuft)
    return horizon


def _shadow(draw, cx, gy, rx, ground) -> None:
    _ellipse(draw, cx, gy, rx, rx * 0.16, _darken(ground, 0.22))


def _eye(draw, x, y, r) -> None:
    _ellipse(draw, x, y, r, r, INK)
    _ellipse(draw, x + r * 0.35, y - r * 0.35, r * 0.35, r * 0.35, WHITE)


def _dog(draw, cx, gy, u, coat, ground, accent) -> None:
    dark, light = _darken(coat, 0.28), _lighten(coat, 0.5)
    _shadow(draw, cx + 6 * u, gy, 42 * u, ground)
    tail = _bezier(
        (cx + 18 * u, gy - 12 * u),
        (cx + 40 * u, gy - 14 * u),
        (cx + 42 * u, gy - 30 * u),
        (cx + 46 * u, gy - 46 * u),
    )
    _curve(draw, tail, coat, 7 * u)
    _ellipse(draw, cx - 19 * u, gy - 11 * u, 15 * u, 11 * u, dark)
    _ellipse(draw, cx + 19 * u, gy - 11 * u, 15 * u, 11 * u, dark)
    _ellipse(draw, cx, gy - 30 * u, 25 * u, 31 * u, coat)
    _ellipse(draw, cx, gy - 44 * u, 11 * u, 12 * u, light)
    for side in (-1, 1):
        x0 = cx + side * 8 * u
        leg = (x0 - 5 * u, gy - 34 * u, x0 + 5 * u, gy - 2 * u)
        draw.rounded_rectangle(leg, 5 * u, fill=coat, outline=dark, width=int(u))
        _ellipse(draw, x0, gy - 3 * u, 6.5 * u, 4 * u, light)
    draw.rounded_rectangle((cx - 15 * u, gy - 56 * u, cx + 15 * u, gy - 50 * u), 3 * u, fill=accent)
    _ellipse(draw, cx, gy - 47 * u, 3.5 * u, 3.5 * u, (246, 196, 70))
    _ellipse(draw, cx - 20 * u, gy - 70 * u, 8 * u, 17 * u, dark, angle=22)
    _ellipse(draw, cx + 20 * u, gy - 70 * u, 8 * u, 17 * u, dark, angle=-22)
    _ellipse(draw, cx, gy - 74 * u, 21 * u, 20 * u, coat)
    _ellipse(draw, cx, gy - 64 * u, 12 * u, 9 * u, light)
    _ellipse(draw, cx, gy - 58 * u, 3.5 * u, 4 * u, PINK)
    draw.arc((cx - 6 * u, gy - 66 * u, cx, gy - 59 * u), 20, 160, fill=INK, width=int(u))
    draw.arc((cx, gy - 66 * u, cx + 6 * u, gy - 59 * u), 20, 160, fill=INK, width=int(u))
    _ellipse(draw, cx, gy - 67 * u, 5 * u, 3.5 * u, INK)
    _eye(draw, cx - 8 * u, gy - 78 * u, 3 * u)
    _eye(draw, cx + 8 * u, gy - 78 * u, 3 * u)


def _cat(draw, cx, gy, u, coat, ground) -> None:
    dark, light = _darken(coat, 0.25), _lighten(coat, 0.45)
    _shadow(draw, cx - 6 * u, gy, 36 * u, ground)
    tail = _bezier(
        (cx - 12 * u, gy - 4 * u),
        (cx - 44 * u, gy - 2 * u),
        (cx - 40 * u, gy - 40 * u),
        (cx - 26 * u, gy - 38 * u),
    )
    _curve(draw, tail, dark, 5.5 * u)
    _ellipse(draw, cx - 14 * u, gy - 9 * u, 11 * u, 9 * u, dark)
    _ellipse(draw, cx + 14 * u, gy - 9 * u, 11 * u, 9 * u, dark)
    _ellipse(draw, cx, gy - 27 * u, 18 * u, 27 * u, coat)
    _ellipse(draw, cx, gy - 36 * u, 8 * u, 10 * u, light)
    for side in (-1, 1):
        x0 = cx + side * 6 * u
        draw.rounded_rectangle(
            (x0 - 3.5 * u, gy - 28 * u, x0 + 3.5 * u, gy - 2 * u),
            3 * u,
            fill=coat,
            outline=dark,
            width=int(u),
        )
        _ellipse(draw, x0, gy - 2.5 * u, 4.5 * u, 3 * u, light)
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
    _ellipse(draw, cx, gy - 62 * u, 20 * u, 16 * u, coat)
    for i in (-1, 0, 1):
        draw.line(
            [(cx + i * 5 * u, gy - 77 * u), (cx + i * 4 * u, gy - 71 * u)],
            fill=dark,
            width=int(2 * u),
        )
    for side in (-1, 1):
        _ellipse(draw, cx + side * 8 * u, gy - 64 * u, 4 * u, 3.2 * u, (222, 186, 64))
        _ellipse(draw, cx + side * 8 * u, gy - 64 * u, 1.2 * u, 3 * u, INK)
    draw.polygon(
        [(cx - 2.5 * u, gy - 58 * u), (cx + 2.5 * u, gy - 58 * u), (cx, gy - 55.5 * u)], fill=PINK
    )
    for side in (-1, 1):
        for dy in (-1.5, 1.5):
            end = (cx + side * 22 * u, gy - (56 + dy * 2) * u)
            draw.line(
                [(cx + side * 6 * u, gy - 56 * u), end], fill=light, width=max(1, int(0.8 * u))
            )


def _paw(draw, cx, cy, s, fill) -> None:
    _ellipse(draw, cx, cy + 0.35 * s, 0.62 * s, 0.5 * s, fill)
    toes = ((-0.75, -0.25, -25), (-0.27, -0.72, -8), (0.27, -0.72, 8), (0.75, -0.25, 25))
    for dx, dy, angle in toes:
        _ellipse(draw, cx + dx * s, cy + dy * s, 0.22 * s, 0.3 * s, fill, angle=angle)


def _heart(draw, cx, cy, s, fill) -> None:
    points = []
    for i in range(120):
        t = 2 * math.pi * i / 120
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * s / 16, cy - y * s / 16))
    draw.polygon(points, fill=fill)


def _bone(draw, cx, cy, s, fill) -> None:
    draw.rounded_rectangle((cx - s, cy - 0.22 * s, cx + s, cy + 0.22 * s), 0.1 * s, fill=fill)
    for dx in (-1, 1):
        for dy in (-1, 1):
            _ellipse(draw, cx + dx * s, cy + dy * 0.22 * s, 0.3 * s, 0.3 * s, fill)


def _ball(draw, cx, cy, r, fill) -> None:
    _ellipse(draw, cx, cy, r, r, fill)
    _ellipse(draw, cx - r * 0.3, cy - r * 0.3, r * 0.45, r * 0.4, _lighten(fill, 0.25))
    seam = _lighten(fill, 0.75)
    width = max(2, int(r * 0.07))
    draw.arc((cx - r * 1.75, cy - r, cx - r * 0.25, cy + r), -62, 62, fill=seam, width=width)
    draw.arc((cx + r * 0.25, cy - r, cx + r * 1.75, cy + r), 118, 242, fill=seam, width=width)


def _kennel(draw, cx, gy, u, wall, ground, rng) -> None:
    roof, inside = _darken(wall, 0.3), _darken(wall, 0.72)
    _shadow(draw, cx, gy, 62 * u, ground)
    draw.rectangle((cx - 42 * u, gy - 62 * u, cx + 42 * u, gy), fill=wall)
    for i in range(1, 5):
        y = gy - i * 12 * u
        draw.line([(cx - 42 * u, y), (cx + 42 * u, y)], fill=_darken(wall, 0.1), width=int(u))
    draw.polygon(
        [(cx - 54 * u, gy - 58 * u), (cx, gy - 102 * u), (cx + 54 * u, gy - 58 * u)], fill=roof
    )
    draw.rounded_rectangle((cx - 20 * u, gy - 50 * u, cx + 20 * u, gy), 20 * u, fill=inside)
    draw.rectangle((cx - 20 * u, gy - 28 * u, cx + 20 * u, gy), fill=inside)
    draw.rounded_rectangle((cx - 14 * u, gy - 82 * u, cx + 14 * u, gy - 68 * u), 3 * u, fill=WHITE)
    _bone(draw, cx, gy - 75 * u, 7 * u, _lighten(roof, 0.35))
    bx = cx + (62 if rng.random() < 0.5 else -62) * u
    draw.chord((bx - 13 * u, gy - 16 * u, bx + 13 * u, gy + 4 * u), 0, 180, fill=(196, 70, 62))
    _ellipse(draw, bx, gy - 6 * u, 13 * u, 3 * u, (222, 110, 96))


def draw_hero(motif: str, palette: tuple[str, str, str], size=(1600, 1000), seed: int = 0):
    """Return an RGB illustration of ``motif`` using a (sky, ground, animal) palette."""
    sky, ground, main = (_rgb(c) for c in palette)
    rng = random.Random(f"{motif}:{seed}:{','.join(palette)}")  # noqa: S311 (art, not crypto)
    w, h = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    image = Image.new("RGB", (w, h), sky)
    draw = ImageDraw.Draw(image)
    _background(draw, w, h, sky, ground, rng)
    u, gy, cx = h / 185, h * 0.89, w / 2
    accent = _darken(sky, 0.45) if _is_light(sky) else _lighten(sky, 0.5)
    second = _darken(main, 0.5) if _is_light(main) else _lighten(main, 0.55)
    if motif == "dog":
        _dog(draw, cx, gy, u, main, ground, accent)
    elif motif == "cat":
        _cat(draw, cx, gy, u * 1.05, main, ground)
    elif motif == "dog_and_cat":
        _heart(draw, cx + 2 * u, gy - 96 * u, 9 * u, PINK)
        _dog(draw, cx - 26 * u, gy, u * 0.95, main, ground, accent)
        _cat(draw, cx + 30 * u, gy, u * 0.78, second, ground)
    elif motif == "paw":
        disc = _darken(sky, 0.35) if _is_light(main) else _lighten(sky, 0.6)
        _ellipse(draw, cx, gy - 62 * u, 46 * u, 46 * u, disc)
        _paw(draw, cx, gy - 60 * u, 30 * u, main)
        for i in range(6):
            side = -1 if i % 2 else 1
            x = w * 0.08 + i * w * 0.17 + rng.uniform(-4, 4) * u
            _paw(draw, x, gy + (side * 3 - 1) * u, 6 * u, _darken(ground, 0.18))
    elif motif == "bone":
        _ellipse(draw, cx, gy - 4 * u, 62 * u, 8 * u, _darken(ground, 0.22))
        _bone(draw, cx, gy - 26 * u, 46 * u, _darken(main, 0.15))
        _bone(draw, cx, gy - 29 * u, 45 * u, main)
    elif motif == "ball":
        for x, r, color in ((cx - 40 * u, 26 * u, main), (cx + 44 * u, 14 * u, second)):
            _shadow(draw, x + r * 0.2, gy, r * 1.1, ground)
            _ball(draw, x, gy - r, r, color)
    elif motif == "house":
        _kennel(draw, cx, gy, u, main, ground, rng)
    elif motif == "heart":
        for _ in range(rng.randint(5, 8)):
            x, y = w * rng.uniform(0.06, 0.94), h * rng.uniform(0.1, 0.55)
            if abs(x - cx) > 44 * u:
                _heart(draw, x, y, rng.uniform(4, 8) * u, _mix(second, PINK, 0.5))
        _heart(draw, cx + 3 * u, gy - 58 * u, 48 * u, _darken(main, 0.2))
        _heart(draw, cx, gy - 61 * u, 48 * u, main)
        _ellipse(draw, cx - 20 * u, gy - 88 * u, 7 * u, 11 * u, _lighten(main, 0.35), angle=35)
    else:
        raise ValueError(f"Unknown motif: {motif!r}")
    return image.resize(size, Image.Resampling.LANCZOS)


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, AttributeError):
        return ImageFont.load_default()


def draw_portrait(initials: str, palette: tuple[str, str], size=512):
    """Return a square head-and-shoulders placeholder with optional initials."""
    bg, fg = _rgb(palette[0]), _rgb(palette[1])
    s = size * SUPERSAMPLE
    image = Image.new("RGB", (s, s), bg)
    draw = ImageDraw.Draw(image)
    top = _lighten(bg, 0.25)
    for y in range(s):
        draw.line([(0, y), (s, y)], fill=_mix(top, bg, y / s))
    _ellipse(draw, s * 0.5, s * 1.02, s * 0.38, s * 0.34, fg)
    draw.rounded_rectangle((s * 0.43, s * 0.5, s * 0.57, s * 0.72), s * 0.05, fill=fg)
    _ellipse(draw, s * 0.5, s * 0.4, s * 0.17, s * 0.19, fg)
    text = "".join(ch for ch in (initials or "") if not ch.isspace())[:3].upper()
    if text:
        font = _font(int(s * 0.12))
        box = draw.textbbox((0, 0), text, font=font)
        x = (s - (box[2] - box[0])) / 2 - box[0]
        y = s * 0.85 - (box[3] - box[1]) / 2 - box[1]
        draw.text((x, y), text, font=font, fill=bg)
    return image.resize((size, size), Image.Resampling.LANCZOS)
