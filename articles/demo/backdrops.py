"""Where a demo scene happens and in what light: the backdrop behind the motif.

Each setting draws its own ground and surroundings and returns the colour of the
ground the animals stand on (their shadows are drawn in it); each light gives the sky,
the sun or moon and a tint laid over the finished picture, so that one motif looks
different at dawn on a beach and at night in a street.
"""

from __future__ import annotations

from dataclasses import dataclass

from .shapes import WHITE, darken, ellipse, lighten, mix


@dataclass(frozen=True)
class Light:
    top: tuple  # the sky at the top...
    low: tuple  # ...and at the horizon
    body: tuple | None  # sun or moon
    height: float  # of the sun or moon, as a share of the sky
    tint: tuple
    strength: float  # how much of the tint is laid over everything
    stars: bool = False


LIGHTS = {
    "morning": Light(
        (170, 205, 240), (255, 226, 196), (255, 236, 170), 0.55, (255, 214, 170), 0.08
    ),
    "noon": Light((120, 182, 240), (214, 236, 250), (255, 246, 200), 0.18, (255, 255, 240), 0.04),
    "golden": Light((246, 176, 112), (255, 222, 150), (255, 200, 110), 0.7, (255, 170, 80), 0.16),
    "dusk": Light((84, 70, 140), (246, 150, 120), (255, 170, 120), 0.88, (150, 90, 160), 0.18),
    "night": Light((18, 26, 60), (52, 66, 118), (240, 236, 210), 0.25, (40, 50, 110), 0.34, True),
    "overcast": Light((176, 184, 196), (218, 222, 228), None, 0.0, (190, 196, 210), 0.14),
}


def sky(draw, w, h, horizon, light, sky_colour, rng):
    """The sky to ``horizon``: the light's gradient leaning to the picture's own colour."""
    top, low = mix(light.top, sky_colour, 0.35), mix(light.low, sky_colour, 0.25)
    for y in range(int(horizon) + 1):
        draw.line([(0, y), (w, y)], fill=mix(top, low, y / max(horizon, 1)))
    if light.stars:
        for _ in range(rng.randint(40, 70)):
            x, y, r = (
                rng.uniform(0, w),
                rng.uniform(0, horizon * 0.8),
                rng.uniform(0.6, 1.8) * h / 600,
            )
            ellipse(draw, x, y, r, r, (250, 246, 220))
    if light.body:
        x = w * (rng.uniform(0.12, 0.3) if rng.random() < 0.5 else rng.uniform(0.7, 0.88))
        y, r = horizon * (0.12 + 0.8 * light.height), h * rng.uniform(0.05, 0.08)
        ellipse(draw, x, y, r * 1.9, r * 1.9, mix(low, light.body, 0.35))
        ellipse(draw, x, y, r, r, light.body)
    if not light.stars:
        cloud = mix(lighten(top, 0.7), light.tint, 0.2)
        for _ in range(rng.randint(1, 4)):
            cx, cy, s = (
                w * rng.uniform(0, 1),
                horizon * rng.uniform(0.1, 0.55),
                h * rng.uniform(0.03, 0.06),
            )
            for dx, dy, r in ((-1.6, 0.3, 1.0), (0.0, -0.2, 1.4), (1.5, 0.2, 1.1), (0.6, 0.5, 1.0)):
                ellipse(draw, cx + dx * s, cy + dy * s, r * s * 1.2, r * s, cloud)


def _ground(draw, w, h, horizon, colour):
    for y in range(int(horizon), h + 1):
        draw.line(
            [(0, y), (w, y)], fill=mix(colour, darken(colour, 0.18), (y - horizon) / (h - horizon))
        )
    return colour


def meadow(draw, w, h, horizon, ground, light, rng):
    far = mix(ground, light.low, 0.45)
    ellipse(draw, w * rng.uniform(0.05, 0.3), horizon + h * 0.2, w * 0.45, h * 0.3, far)
    ellipse(
        draw,
        w * rng.uniform(0.7, 0.95),
        horizon + h * 0.22,
        w * 0.4,
        h * 0.3,
        mix(ground, far, 0.5),
    )
    _ground(draw, w, h, horizon, ground)
    tuft = darken(ground, 0.22)
    for _ in range(rng.randint(14, 24)):
        x, y = rng.uniform(0, w), rng.uniform(horizon + h * 0.04, h * 0.98)
        s = h * 0.012 * (0.6 + (y - horizon) / (h - horizon))
        for lean in (-1.2, 0.0, 1.2):
            draw.polygon(
                [(x - s * 0.5, y), (x + s * 0.5, y), (x + lean * s, y - s * 2.6)], fill=tuft
            )
        if rng.random() < 0.35:
            ellipse(
                draw,
                x + s,
                y - s * 2.4,
                s * 0.7,
                s * 0.7,
                rng.choice([WHITE, (246, 196, 70), (236, 128, 146)]),
            )
    return ground


def beach(draw, w, h, horizon, ground, light, rng):
    sea = mix((60, 140, 190), light.top, 0.3)
    for y in range(int(horizon), int(horizon + h * 0.12)):
        draw.line([(0, y), (w, y)], fill=mix(lighten(sea, 0.2), sea, (y - horizon) / (h * 0.12)))
    sand = mix((236, 214, 168), ground, 0.25)
    _ground(draw, w, h, horizon + h * 0.12, sand)
    foam = lighten(sea, 0.75)
    for i in range(8):
        x = w * i / 7
        draw.arc(
            (x - w * 0.08, horizon + h * 0.1, x + w * 0.08, horizon + h * 0.15),
            180,
            360,
            fill=foam,
            width=max(2, int(h / 300)),
        )
    shell = lighten(sand, 0.5)
    for _ in range(rng.randint(4, 8)):
        ellipse(
            draw, rng.uniform(0, w), rng.uniform(horizon + h * 0.2, h), h * 0.008, h * 0.006, shell
        )
    return sand


def street(draw, w, h, horizon, ground, light, rng):
    x, night = 0.0, light.stars
    while x < w:
        bw, bh = w * rng.uniform(0.12, 0.22), h * rng.uniform(0.25, 0.5)
        wall = mix(
            rng.choice([(196, 120, 96), (214, 190, 150), (150, 160, 176), (226, 214, 196)]),
            light.tint,
            0.25,
        )
        draw.rectangle((x, horizon - bh, x + bw, horizon), fill=wall)
        for row in range(int(bh / (h * 0.09))):
            for col in range(max(1, int(bw / (w * 0.05)))):
                lit = night and rng.random() < 0.55
                pane = (255, 214, 120) if lit else mix(light.top, darken(wall, 0.4), 0.5)
                wx, wy = x + w * 0.015 + col * w * 0.05, horizon - bh + h * 0.03 + row * h * 0.09
                if wx + w * 0.03 < x + bw:
                    draw.rectangle((wx, wy, wx + w * 0.03, wy + h * 0.05), fill=pane)
        x += bw
    _ground(draw, w, h, horizon, mix((150, 150, 156), ground, 0.2))
    kerb = lighten(mix((150, 150, 156), ground, 0.2), 0.3)
    draw.rectangle((0, horizon, w, horizon + h * 0.02), fill=kerb)
    post = w * rng.uniform(0.08, 0.92)
    draw.rectangle(
        (post - h * 0.006, horizon - h * 0.32, post + h * 0.006, horizon + h * 0.02),
        fill=(52, 56, 64),
    )
    ellipse(
        draw,
        post,
        horizon - h * 0.33,
        h * 0.025,
        h * 0.02,
        (255, 226, 150) if night else (230, 230, 220),
    )
    return kerb


def room(draw, w, h, horizon, ground, light, rng):
    wall = mix(
        rng.choice([(238, 226, 204), (206, 224, 214), (232, 206, 206), (214, 214, 236)]),
        light.tint,
        0.15,
    )
    draw.rectangle((0, 0, w, horizon), fill=wall)
    stripe = darken(wall, 0.05)
    for i in range(0, int(w), int(w / 24) * 2):
        draw.rectangle((i, 0, i + w / 24, horizon), fill=stripe)
    wx = w * rng.choice([0.12, 0.62])
    frame = (250, 248, 240)
    draw.rectangle((wx - 6, h * 0.1 - 6, wx + w * 0.26 + 6, horizon * 0.78 + 6), fill=frame)
    for y in range(int(h * 0.1), int(horizon * 0.78)):
        draw.line(
            [(wx, y), (wx + w * 0.26, y)],
            fill=mix(light.top, light.low, (y - h * 0.1) / (horizon * 0.68)),
        )
    draw.line(
        [(wx + w * 0.13, h * 0.1), (wx + w * 0.13, horizon * 0.78)],
        fill=frame,
        width=max(3, int(h / 150)),
    )
    boards = mix((176, 128, 88), ground, 0.2)
    _ground(draw, w, h, horizon, boards)
    for i in range(1, 9):
        y = horizon + (h - horizon) * (i / 9) ** 1.4
        draw.line([(0, y), (w, y)], fill=darken(boards, 0.12), width=max(1, int(h / 400)))
    rug = mix(rng.choice([(196, 80, 70), (70, 110, 160), (120, 150, 90)]), light.tint, 0.2)
    ellipse(draw, w * 0.5, h * 0.9, w * 0.36, h * 0.08, rug)
    ellipse(draw, w * 0.5, h * 0.9, w * 0.3, h * 0.055, lighten(rug, 0.25))
    return boards


def snow(draw, w, h, horizon, ground, light, rng):
    white = mix((240, 244, 250), light.tint, 0.15)
    for _ in range(rng.randint(4, 7)):
        x, s = rng.uniform(0, w), h * rng.uniform(0.08, 0.16)
        draw.polygon(
            [(x - s * 0.5, horizon), (x + s * 0.5, horizon), (x, horizon - s * 1.6)],
            fill=mix((60, 100, 80), light.tint, 0.3),
        )
        draw.polygon(
            [
                (x - s * 0.25, horizon - s * 0.9),
                (x + s * 0.25, horizon - s * 0.9),
                (x, horizon - s * 1.6),
            ],
            fill=white,
        )
    _ground(draw, w, h, horizon, white)
    for _ in range(rng.randint(40, 70)):
        r = h * rng.uniform(0.003, 0.007)
        ellipse(draw, rng.uniform(0, w), rng.uniform(0, h), r, r, WHITE)
    return white


def woods(draw, w, h, horizon, ground, light, rng):
    leaves = [(214, 120, 48), (196, 64, 40), (232, 176, 60), (120, 140, 60)]
    for _ in range(rng.randint(6, 10)):
        x, s = rng.uniform(0, w), h * rng.uniform(0.12, 0.22)
        trunk = mix((92, 64, 44), light.tint, 0.2)
        draw.rectangle(
            (x - s * 0.08, horizon - s * 1.5, x + s * 0.08, horizon + h * 0.02), fill=trunk
        )
        colour = mix(rng.choice(leaves), light.tint, 0.2)
        for dx, dy, r in ((0, -1.9, 0.8), (-0.5, -1.5, 0.6), (0.5, -1.5, 0.6)):
            ellipse(draw, x + dx * s, horizon + dy * s, r * s, r * s * 0.9, colour)
    floor = _ground(draw, w, h, horizon, mix((150, 110, 70), ground, 0.35))
    for _ in range(rng.randint(30, 50)):
        r = h * rng.uniform(0.005, 0.01)
        ellipse(
            draw,
            rng.uniform(0, w),
            rng.uniform(horizon, h),
            r * 1.4,
            r,
            mix(rng.choice(leaves), light.tint, 0.2),
        )
    return floor


def library(draw, w, h, horizon, ground, light, rng):
    wood = mix((120, 80, 52), light.tint, 0.15)
    draw.rectangle((0, 0, w, horizon), fill=darken(wood, 0.2))
    shelf_h = horizon / 4
    for row in range(4):
        top = row * shelf_h
        x = w * 0.01
        while x < w:
            bw = w * rng.uniform(0.012, 0.026)
            colour = mix(
                rng.choice(
                    [
                        (170, 60, 60),
                        (60, 90, 150),
                        (70, 130, 90),
                        (220, 180, 80),
                        (120, 80, 140),
                        (230, 220, 200),
                    ]
                ),
                light.tint,
                0.15,
            )
            draw.rectangle(
                (x, top + shelf_h * rng.uniform(0.12, 0.3), x + bw, top + shelf_h * 0.92),
                fill=colour,
            )
            x += bw + w * 0.002
        draw.rectangle((0, top + shelf_h * 0.92, w, top + shelf_h), fill=wood)
    room_floor = mix((176, 128, 88), ground, 0.25)
    _ground(draw, w, h, horizon, room_floor)
    ellipse(draw, w * 0.5, h * 0.9, w * 0.38, h * 0.08, mix((150, 60, 60), light.tint, 0.2))
    return room_floor


SETTINGS = {
    "meadow": meadow, "beach": beach, "street": street, "room": room,
    "snow": snow, "woods": woods, "library": library,
}  # fmt: skip
