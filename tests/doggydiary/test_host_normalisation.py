"""With SITE_URL unset, the public address comes from the request's Host in one
spelling only (issue 12, item 10): another case, a trailing dot or a made-up port on
an allowed host never reach canonical links, feeds, the sitemap, robots.txt or the
moderators' email. Production is told to set SITE_URL by `check --deploy`."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.checks import Error, run_checks
from django.test import RequestFactory

from comments.moderation import MODERATORS
from doggydiary.site import site_url

from ..factories import make_article
from ..helpers import post_comment

pytestmark = pytest.mark.django_db

VARIANTS = ["LOCALHOST", "localhost.", "LocalHost.:80", "localhost:8443", "localhost:80"]
SURFACES = ["/", "/feed/", "/feed/atom/", "/sitemap.xml", "/robots.txt"]
ADDRESSES = re.compile(r"https?://[^\s\"<>/]+")


@pytest.fixture(autouse=True)
def _hosts(settings):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["localhost", "testserver", "[::1]"]


def addresses(response):
    return set(ADDRESSES.findall(response.content.decode())) - {
        "http://www.w3.org",
        "http://www.sitemaps.org",
    }


@pytest.mark.parametrize("host", VARIANTS)
def test_every_surface_shows_one_spelling_of_the_host(client, host):
    story = make_article(slug="a-story")
    for path in [*SURFACES, story.get_absolute_url()]:
        response = client.get(path, HTTP_HOST=host, SERVER_PORT="80")
        assert response.status_code == 200, path
        found = {a for a in addresses(response) if "localhost" in a.lower()}
        assert found <= {"http://localhost"}, (path, found)
    story_page = client.get(story.get_absolute_url(), HTTP_HOST=host, SERVER_PORT="80")
    assert '<link rel="canonical" href="http://localhost/story/a-story/">' in story_page.text


def test_the_port_the_server_listens_on_is_kept():
    factory = RequestFactory()
    served = factory.get("/", HTTP_HOST="LOCALHOST.:8000", SERVER_PORT="8000")
    assert site_url(served) == "http://localhost:8000"
    made_up = factory.get("/", HTTP_HOST="localhost:8001", SERVER_PORT="8000")
    assert site_url(made_up) == "http://localhost"
    secure = factory.get("/", HTTP_HOST="localhost:443", SERVER_PORT="443", secure=True)
    assert site_url(secure) == "https://localhost"
    ipv6 = factory.get("/", HTTP_HOST="[::1]:8000", SERVER_PORT="8000")
    assert site_url(ipv6) == "http://[::1]:8000"


def test_site_url_wins(settings):
    settings.SITE_URL = "https://doggydiary.example"
    request = RequestFactory().get("/", HTTP_HOST="LOCALHOST:9999")
    assert site_url(request) == "https://doggydiary.example"


def test_moderators_email_links_to_the_normal_host(
    client, django_user_model, django_capture_on_commit_callbacks
):
    moderator = django_user_model.objects.create_user(
        username="mod", email="mod@example.com", password="x-y-z-w-1", is_staff=True
    )
    moderator.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    story = make_article(slug="a-story")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(
            client,
            story,
            body="A first comment, held for a moderator. http://example.org/",
            headers={"origin": "http://localhost.:8443", "host": "localhost.:8443"},
        )
    assert response.status_code == 303
    [message] = [m for m in mail.outbox if "mod@example.com" in m.to]
    links = set(ADDRESSES.findall(message.body)) - {"http://example.org"}
    assert links == {"http://localhost"}


def test_production_without_site_url_fails_the_deploy_check(settings):
    settings.DEBUG = False
    errors = [m for m in run_checks(include_deployment_checks=True) if m.id == "doggydiary.E001"]
    assert len(errors) == 1
    assert isinstance(errors[0], Error)
    settings.SITE_URL = "https://doggydiary.example"
    assert not [m for m in run_checks(include_deployment_checks=True) if m.id == "doggydiary.E001"]
    settings.SITE_URL = ""
    assert not [m for m in run_checks() if m.id == "doggydiary.E001"]
