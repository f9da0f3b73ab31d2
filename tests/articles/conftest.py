"""Fixtures for the story, page and media tests: a small magazine, and media on a
loopback S3 server."""

import pytest

from ..factories import make_article, make_author, make_category, make_image
from ..helpers import ACCESS_KEY, REGION, SECRET_KEY, S3Server


@pytest.fixture
def magazine():
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


@pytest.fixture(scope="session")
def s3_server():
    server = S3Server()
    yield server
    server.stop()


@pytest.fixture
def s3_media(settings, s3_server):
    """This test's media on its own bucket of the S3 server, configured the way
    settings.py does it from the environment; yields the bucket's name."""
    bucket = s3_server.new_bucket()
    settings.AWS_STORAGE_BUCKET_NAME = bucket
    settings.AWS_S3_ENDPOINT_URL = s3_server.endpoint
    settings.AWS_ACCESS_KEY_ID = ACCESS_KEY
    settings.AWS_SECRET_ACCESS_KEY = SECRET_KEY
    settings.AWS_S3_REGION_NAME = REGION
    settings.AWS_QUERYSTRING_AUTH = False
    settings.AWS_S3_FILE_OVERWRITE = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
    }
    return bucket
