"""How long the picture picker's upload of the largest allowed PNG holds a request,
beside what the same request cost when it also made the renditions (the worker's
work now). Run: .venv/bin/python scripts/bench_upload.py (a throwaway SQLite database
and media folder; about a minute)."""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = Path(tempfile.mkdtemp(prefix="dd-bench-upload-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="doggydiary.settings",
    DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
    MEDIA_ROOT=str(work / "media"),
    CACHE_DIR=str(work / "cache"),
    ALLOWED_HOSTS="testserver",
)

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PIL import ImageOps  # noqa: E402

from articles import images  # noqa: E402
from articles.models import Image  # noqa: E402


def old_request_work(data, image):
    """What the same request did before: decode the PNG to check it, decode it again,
    Lanczos to 3,200 px, PNG at zlib's default level, then the JPEG and WebP renditions."""
    started = time.perf_counter()
    with PILImage.open(io.BytesIO(data)) as picture:
        picture.load()
    with PILImage.open(io.BytesIO(data)) as original:
        picture = ImageOps.exif_transpose(original)
        picture.thumbnail((3200, 3200), PILImage.Resampling.LANCZOS)
        picture.save(io.BytesIO(), "PNG")
    for spec in images.SPECS:
        for width in images.widths_for(image, spec):
            for ext in ("webp", "jpg"):
                images.render(image, spec, width, ext)
    return time.perf_counter() - started


def largest_png():
    """A photo-like PNG at the full-decode limit (24 megapixels), under the size limit."""
    width, height = 6000, 4000
    picture = PILImage.radial_gradient("L").resize((width, height)).convert("RGB")
    noise = PILImage.effect_noise((width, height), 40).convert("RGB")
    picture = PILImage.blend(picture, noise, 0.08)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def main():
    call_command("migrate", verbosity=0)
    User.objects.create_superuser("bench", "bench@example.com", "x")
    client = Client()
    client.force_login(User.objects.get())
    data = largest_png()
    print(f"PNG: 6000x4000, {len(data) / 1e6:.1f} MB")
    url = reverse("admin:articles_article_picture_upload")
    timings = []
    for run in range(int(os.environ.get("RUNS", 3))):
        upload = io.BytesIO(data)
        upload.name = f"big-{run}.png"
        started = time.perf_counter()
        response = client.post(url, {"alt": "A big picture", "file": upload})
        timings.append(time.perf_counter() - started)
        assert response.status_code == 201, response.content
    image = Image.objects.order_by("-pk").first()
    started = time.perf_counter()
    images.make_renditions(image)
    renditions = time.perf_counter() - started
    before = old_request_work(data, image)
    best = min(timings)
    print(f"upload request now: best {best:.2f} s of {[round(t, 2) for t in timings]}")
    print(f"its renditions, now made by the task worker (AVIF, WebP, JPEG): {renditions:.2f} s")
    print(f"the same request before (checks, stored copy, WebP and JPEG): {before:.2f} s")
    print(f"now / before: {best / before:.2f}")


if __name__ == "__main__":
    main()
