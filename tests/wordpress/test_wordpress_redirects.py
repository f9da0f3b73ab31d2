"""Old WordPress addresses answer with a 301 to where things moved."""

import pytest

from articles.models import Image

from ..factories import import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _imported(tmp_path):
    import_fixture(tmp_path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/2024/05/brushing-guide/", "/story/brushing-guide/"),  # dated permalink
        ("/2024/05/brushing-guide", "/story/brushing-guide/"),
        ("/2024/05/brushing/", "/story/brushing-guide/"),  # _wp_old_slug
        ("/brushing-guide/", "/story/brushing-guide/"),  # /%postname%/
        ("/?p=10", "/story/brushing-guide/"),
        ("/index.php?p=10", "/story/brushing-guide/"),
        ("/?page_id=20", "/about-us/"),
        ("/category/health/teeth/", "/category/teeth/"),  # a child category
        ("/category/health/", "/tag/health/"),  # a category that became a tag
    ],
)
def test_old_addresses_move_permanently(client, old, new):
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)


def test_uploads_address_moves_to_the_library_picture(client):
    picture = Image.objects.get()
    response = client.get("/wp-content/uploads/2024/05/rex.jpg")
    assert (response.status_code, response["Location"]) == (301, f"/media/{picture.file.name}")


def test_p_is_answered_before_the_page_cache(client, settings):
    settings.PAGE_CACHE = True
    assert client.get("/").status_code == 200  # the home page is now cached
    response = client.get("/?p=10")
    assert (response.status_code, response["Location"]) == (301, "/story/brushing-guide/")


def test_what_readers_may_not_see_does_not_redirect(client):
    assert client.get("/?p=11").status_code == 200  # scheduled: the home page
    assert client.get("/?p=12").status_code == 200  # a draft
    assert client.get("/?p=99999").status_code == 200
    assert client.get("/2099/01/nothing-here/").status_code == 404


def test_sections_tags_and_authors_keep_their_wordpress_addresses(client):
    for path in ("/category/teeth/", "/category/walks/", "/tag/puppies/", "/author/mabel/"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("url", ["/2024/05/a%00b/", "/%00/", "/?p=1%00", "/index.php?page_id=%00"])
def test_a_nul_in_an_old_address_is_a_plain_answer(client, url):
    """PostgreSQL refuses a NUL in a string: such an address is still a plain answer."""
    assert client.get(url).status_code in {200, 404}
