"""The sample magazine and a checked GET, shared by the public page tests."""

# Test modules import the *_fixture functions below (with noqa: F401); pytest finds them
# under the name= given, so a test's argument never shadows the imported function.

import pytest

from .factories import make_article, make_author, make_category, make_image


@pytest.fixture(name="magazine")
def magazine_fixture():
    """A small magazine: a lead story with a hero and related stories around it."""
    category = make_category(name="Rescue", slug="rescue", description="Animals saved.")
    author = make_author(name="Ada Barker", slug="ada-barker", photo=make_image(400, 400))
    lead = make_article(
        title="Kitten and puppy become friends",
        slug="kitten-and-puppy",
        dek="Two runts, one foster home.",
        author=author,
        category=category,
        featured=True,
        hero_image=make_image(1600, 1000, caption="The pair asleep", credit="Photo: Ada"),
        tags=["kittens", "puppies", "fostering"],
        body=(
            "<p>Intro.</p><h2>Runts together</h2><blockquote><p>They are inseparable.</p>"
            "<cite>The carer</cite></blockquote>"
            '<aside class="callout"><h3>Foster with us</h3><p>Join in.</p></aside>'
        ),
    )
    related = [
        make_article(
            category=category,
            author=author,
            tags=["puppies", "fostering"],
            hero_image=make_image() if i < 4 else None,
        )
        for i in range(8)
    ]
    return {"lead": lead, "related": related, "category": category, "author": author}


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response
