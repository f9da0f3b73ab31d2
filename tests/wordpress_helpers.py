"""The small WordPress export the importer's tests use, and a folder of its uploads."""

from pathlib import Path

from PIL import Image as PILImage

from wordpress.importer import run_import

FIXTURE = Path(__file__).parent / "fixtures" / "wordpress" / "magazine.xml"


def uploads(folder):
    """A copy of wp-content/uploads holding rex.jpg (and not lost.jpg)."""
    path = Path(folder) / "uploads" / "2024" / "05"
    path.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (640, 400), (200, 120, 40)).save(path / "rex.jpg", "JPEG")
    return Path(folder) / "uploads"


def export(tmp_path, text=None, name="export.xml", **replace):
    """The fixture, with each ``old=new`` of ``replace`` applied, written to a file."""
    text = text if text is not None else FIXTURE.read_text()
    for old, new in replace.items():
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path


def import_fixture(tmp_path, **kwargs):
    return run_import(FIXTURE, [uploads(tmp_path)], **kwargs)
