"""The sanitizer is a pure function: the caller fetches a body's library pictures and
hands them over, in one query, and the sanitizer itself never touches a model."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import articles.sanitize
from articles.models import library_pictures
from articles.sanitize import picture_paths, sanitize_body
from deploy.loopback import site_environment

from ..factories import make_article, make_image


def image_queries(queries):
    return [
        q["sql"] for q in queries if q["sql"].startswith("SELECT") and "articles_image" in q["sql"]
    ]


def figure(settings, image, alt=""):
    return f'<figure><img src="{settings.MEDIA_URL}{image.file.name}" alt="{alt}"></figure>'


@pytest.mark.django_db
def test_saving_a_story_with_three_pictures_looks_them_up_in_one_query(settings):
    """Library pictures in a body are fetched together, not one query per <img>."""
    pictures = [make_image(), make_image(width=600, height=900), make_image()]
    body = "<p>Walkies.</p>" + "".join(figure(settings, image) for image in pictures)
    with CaptureQueriesContext(connection) as saved:
        article = make_article(body=body)
    assert len(image_queries(saved.captured_queries)) == 1
    assert article.body_html.count("<picture>") == 3

    article.body += figure(settings, pictures[0], alt="Again")
    with CaptureQueriesContext(connection) as edited:
        article.save()
    assert len(image_queries(edited.captured_queries)) == 1
    assert article.body_html.count("<picture>") == 4
    assert 'alt="Again"' in article.body_html


@pytest.mark.django_db
def test_a_body_without_pictures_makes_no_picture_query():
    with CaptureQueriesContext(connection) as saved:
        make_article(body='<p>No pictures, only <img src="https://tracker.example/p.gif"></p>')
    assert image_queries(saved.captured_queries) == []


def test_picture_paths_are_the_library_srcs_the_sanitizer_will_look_up(settings):
    media = settings.MEDIA_URL
    body = (
        f'<p><img src="{media}images/b.jpg"><img src="{media}images/a.jpg"></p>'
        f'<img src="{media}images/b.jpg">'
        f'<img src="https://elsewhere.example{media}images/c.jpg">'
        f'<!-- <img src="{media}images/comment.jpg"> -->'
        f'<script><img src="{media}images/script.jpg"></script>'
    )
    assert picture_paths(body) == ["images/a.jpg", "images/b.jpg"]
    assert picture_paths("") == []


@pytest.mark.django_db
def test_the_sanitizer_shows_only_the_pictures_it_is_handed(settings):
    image = make_image(width=1000, height=500, alt="A dog on a beach")
    body = figure(settings, image)
    assert library_pictures(body) == {image.file.name: image}
    assert sanitize_body(body) == "<figure></figure>"
    html = sanitize_body(body, pictures={image.file.name: image})
    assert 'width="800" height="400"' in html
    assert 'alt="A dog on a beach"' in html


def test_importing_the_sanitizer_imports_no_models():
    """``articles.models`` imports the sanitizer; the other way round would be a cycle."""
    code = (
        "import sys, articles.sanitize; "
        "print([m for m in sys.modules if m.endswith('.models') or m.startswith('django.db')])"
    )
    found = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
        env=site_environment(),
    )
    assert found.stdout.strip() == "[]"


def test_no_sanitizer_module_names_a_models_module_even_inside_a_function():
    package = Path(articles.sanitize.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or "", *(alias.name for alias in node.names)]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            assert not any("models" in name.split(".") for name in names), path.name
