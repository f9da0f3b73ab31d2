"""The pictures fetched from the old site (a loopback server here), as a separate step
that resumes, before an import that uses them."""

import functools
import http.server
import threading

import pytest
from django.core.management import call_command

from articles.models import Image
from wordpress.importer import run_import

from ..factories import export, uploads

pytestmark = pytest.mark.django_db


@pytest.fixture(name="old_site")
def old_site_fixture(tmp_path):
    """The old WordPress host: its uploads under /wp-content/uploads/, on loopback."""
    root = tmp_path / "site"
    (root / "wp-content").mkdir(parents=True)
    uploads(tmp_path).rename(root / "wp-content" / "uploads")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_resumes_reports_missing_files_and_feeds_the_import(tmp_path, old_site, capsys):
    xml = export(tmp_path, **{"https://paws.example/wp-content": f"{old_site}/wp-content"})
    folder = tmp_path / "fetched"
    call_command("fetch_wordpress_media", str(xml), str(folder))
    out = capsys.readouterr().out
    assert "1 fetched, 0 already there, 1 failed" in out
    assert "lost.jpg" in out
    assert (folder / "2024" / "05" / "rex.jpg").is_file()
    assert not list(folder.rglob("*.part"))
    call_command("fetch_wordpress_media", str(xml), str(folder))
    assert "0 fetched, 1 already there, 1 failed" in capsys.readouterr().out
    run_import(xml, [folder])
    assert Image.objects.get().alt == "A wet terrier on sand"
