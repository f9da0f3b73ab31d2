"""Nothing a stranger sends produces a 500."""

import pytest

from ..factories import make_article

pytestmark = pytest.mark.django_db

WEIRD = ["%00", "%ff%fe", "..%2f..%2f", "<script>", "' OR 1=1 --", "😀" * 50, "a" * 3000, "%", "\\"]


@pytest.fixture
def story():
    return make_article(slug="a-story", tags=["dogs"])


@pytest.mark.parametrize("value", WEIRD)
def test_hostile_paths_and_parameters(client, story, value):
    paths = [
        f"/story/{value}/",
        f"/tag/{value}/",
        f"/category/{value}/feed/",
        f"/author/{value}/feed/atom/",
        f"/media/{value}",
        f"/media/renditions/1/{value}/hero-800.webp",
        f"/{value}",
    ]
    for path in paths:
        assert client.get(path).status_code in {400, 404}, path
    for url in ["/", "/search/", "/tag/dogs/", story.get_absolute_url(), "/feed/"]:
        response = client.get(url, {"page": value, "q": value, "utm": value})
        assert response.status_code in {200, 404}, (url, value, response.status_code)


def test_unexpected_methods(client, story):
    for method in ["post", "put", "delete", "patch"]:
        for url in ["/", story.get_absolute_url(), "/search/", "/tag/dogs/"]:
            assert getattr(client, method)(url).status_code == 405, (method, url)


def test_bad_hosts(client, story):
    for host in ["evil.example", "127.0.0.1:8000@evil", "", "a" * 300]:
        response = client.get("/", headers={"host": host})
        assert response.status_code == 400, host
