"""Colours and simple shapes for the demo drawings, all on supersampled Pillow canvases."""

from __future__ import annotations

import math

SUPERSAMPLE = 2
WHITE = (255, 255, 255)
INK = (43, 36, 40)
PINK = (236, 128, 146)


def rgb(value: str) -> tuple[int, int, int]:
    value = value.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def lighten(color, t: float):
    return mix(color, WHITE, t)


def darken(color, t: float):
    return mix(color, (0, 0, 0), t)


def is_light(color) -> bool:
    r, g, b = color
    return 0.299 * r + 0.587 * g + 0.114 * b > 140


def ellipse(draw, cx, cy, rx, ry, fill, angle: float = 0.0) -> None:
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


def bezier(p0, p1, p2, p3, steps: int = 32):
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


def curve(draw, points, fill, width: float) -> None:
    draw.line(points, fill=fill, width=int(width), joint="curve")
    radius = width / 2
    for x, y in (points[0], points[-1]):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)


def shadow(draw, cx, gy, rx, ground) -> None:
    ellipse(draw, cx, gy, rx, rx * 0.16, darken(ground, 0.22))


def paw(draw, cx, cy, s, fill) -> None:
    ellipse(draw, cx, cy + 0.35 * s, 0.62 * s, 0.5 * s, fill)
    toes = ((-0.75, -0.25, -25), (-0.27, -0.72, -8), (0.27, -0.72, 8), (0.75, -0.25, 25))
    for dx, dy, angle in toes:
        ellipse(draw, cx + dx * s, cy + dy * s, 0.22 * s, 0.3 * s, fill, angle=angle)


def heart(draw, cx, cy, s, fill) -> None:
    points = []
    for i in range(120):
        t = 2 * math.pi * i / 120
        x = 16 * math.sin(t) ** 3
        y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
        points.append((cx + x * s / 16, cy - y * s / 16))
    draw.polygon(points, fill=fill)


def bone(draw, cx, cy, s, fill) -> None:
    draw.rounded_rectangle((cx - s, cy - 0.22 * s, cx + s, cy + 0.22 * s), 0.1 * s, fill=fill)
    for dx in (-1, 1):
        for dy in (-1, 1):
            ellipse(draw, cx + dx * s, cy + dy * 0.22 * s, 0.3 * s, 0.3 * s, fill)


def ball(draw, cx, cy, r, fill) -> None:
    ellipse(draw, cx, cy, r, r, fill)
    ellipse(draw, cx - r * 0.3, cy - r * 0.3, r * 0.45, r * 0.4, lighten(fill, 0.25))
    seam = lighten(fill, 0.75)
    width = max(2, int(r * 0.07))
    draw.arc((cx - r * 1.75, cy - r, cx - r * 0.25, cy + r), -62, 62, fill=seam, width=width)
    draw.arc((cx + r * 0.25, cy - r, cx + r * 1.75, cy + r), 118, 242, fill=seam, width=width)
