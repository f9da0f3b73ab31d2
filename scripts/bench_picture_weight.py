"""Picture bytes on the main pages with AVIF first in <picture> (a browser that reads
AVIF takes it) beside WebP (the best before) and JPEG (the fallback). Renders the demo
catalogue's scenes and a photo-like picture at the widths a phone and a desktop pick.
Run: .venv/bin/python scripts/bench_picture_weight.py (no database; half a minute)."""

import io
import os
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doggydiary.settings")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from PIL import Image as PILImage  # noqa: E402

from articles import images  # noqa: E402
from articles.demo import read_catalogue  # noqa: E402
from articles.demo.scenes import draw_scene  # noqa: E402

# What each page shows: a story page's hero and a listing's twelve cards, at the width a
# phone (about 480 px at 1x) and a desktop (800 for heroes) pick from the srcset.
PAGES = {
    "story page (hero, 800 px)": ("hero", 800, 1),
    "listing (12 cards, 480 px)": ("card", 480, 12),
}


class Picture(SimpleNamespace):
    """Enough of an Image for ``images.render``: a file, its size, a focal point."""

    def __init__(self, data, name):
        with PILImage.open(io.BytesIO(data)) as opened:
            width, height = opened.size
        content = ContentFile(data, name=name)
        content.open = lambda mode="rb": io.BytesIO(data)
        super().__init__(file=content, width=width, height=height, focal_x=0.5, focal_y=0.5, pk=0)


def pictures():
    catalogue = read_catalogue()
    for key, item in catalogue["pictures"].items():
        if item["drawing"] == "portrait":
            continue
        drawing = draw_scene(item["motif"], tuple(item["palette"]), (1600, 1067), item["seed"])
        out = io.BytesIO()
        drawing.save(out, "JPEG", quality=92)
        yield key, out.getvalue()


def photo_like():
    width, height = 1600, 1067
    base = PILImage.radial_gradient("L").resize((width, height)).convert("RGB")
    noise = PILImage.effect_noise((width, height), 30).convert("RGB")
    out = io.BytesIO()
    PILImage.blend(base, noise, 0.2).save(out, "JPEG", quality=92)
    return out.getvalue()


def main():
    if "avif" not in images.FORMATS:
        sys.exit("This Pillow cannot write AVIF (PIL.features.check('avif') is False).")
    sets = {"demo scenes": list(pictures()), "photo-like": [("noise", photo_like())]}
    for label, items in sets.items():
        print(f"== {label} ({len(items)} pictures), average bytes per page")
        for page, (spec, width, count) in PAGES.items():
            totals = dict.fromkeys(("jpg", "webp", "avif"), 0)
            for key, data in items:
                picture = Picture(data, f"{key}.jpg")
                for ext in totals:
                    totals[ext] += len(images.render(picture, spec, width, ext)) * count
            jpg, webp, avif = (totals[ext] / len(items) for ext in ("jpg", "webp", "avif"))
            print(
                f"  {page:28} JPEG {jpg / 1024:7.1f} KB  WebP {webp / 1024:7.1f} KB  "
                f"AVIF {avif / 1024:7.1f} KB  AVIF/WebP {avif / webp:.2f}  "
                f"AVIF/JPEG {avif / jpg:.2f}"
            )


if __name__ == "__main__":
    main()
