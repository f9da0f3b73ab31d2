"""Plain rows (doggydiary/rows.py): a query written with the ORM, compiled once, run
with each call's values, and giving what the ORM gives."""

import pickle
from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from articles.models import Article
from doggydiary.rows import Row, Rows

from ..factories import make_article

pytestmark = pytest.mark.django_db


def published_rows(slug, now):
    return (
        Article.objects.published(at=now)
        .filter(slug=slug)
        .values_list("pk", "title", "publish_at", "comments_open")
    )


def test_each_call_reads_with_its_own_values_what_the_orm_reads():
    older = make_article(title="Older", publish_at=timezone.now() - timedelta(days=2))
    newer = make_article(title="Newer", publish_at=timezone.now() - timedelta(hours=1))
    rows = Rows(published_rows)
    now = timezone.now()
    for story in (older, newer):
        expected = list(published_rows(story.slug, now))
        assert rows(slug=story.slug, now=now) == expected
        assert expected[0][1] == story.title
    # The time is a value too: before the newer story's time, it is not published.
    assert rows(slug=newer.slug, now=now - timedelta(hours=2)) == []
    assert rows(slug="no-such-story", now=now) == []


def test_a_query_is_built_once_per_shape():
    stories = [make_article() for _ in range(3)]
    built = []

    def build(ids):
        built.append(len(ids))
        return Article.objects.filter(pk__in=ids).order_by("pk").values_list("pk", flat=False)

    rows = Rows(build)
    pks = [story.pk for story in stories]
    assert rows(ids=pks[:2]) == [(pks[0],), (pks[1],)]
    assert rows(ids=pks[1:]) == [(pks[1],), (pks[2],)]
    assert rows(ids=pks) == [(pk,) for pk in pks]
    assert built == [2, 3]  # two lengths of list, two compilations


def test_an_argument_used_twice_and_a_shape_in_the_sql():
    when = timezone.now() - timedelta(days=1)
    first = make_article(publish_at=when)
    second = make_article(publish_at=when)
    older = Rows(
        lambda pk, when, size: (
            Article.objects.filter(Q(publish_at__lt=when) | Q(publish_at=when, pk__lt=pk))
            .exclude(pk=pk)
            .order_by("-publish_at", "-pk")
            .values_list("pk", flat=False)[:size]
        )
    )
    assert older(shape={"size": 1}, pk=second.pk, when=when) == [(first.pk,)]
    assert older(shape={"size": 1}, pk=first.pk, when=when) == []


def test_named_rows_read_as_attributes_and_keep_in_a_cache():
    story = make_article(title="Named")
    rows = Rows(
        lambda pk: Article.objects.filter(pk=pk).values_list("slug", "category__name"),
        named=True,
    )
    [row] = rows(pk=story.pk)
    assert row.slug == story.slug
    assert row.category_name == story.category.name
    assert pickle.loads(pickle.dumps(row)) == row  # noqa: S301 - our own bytes
    with pytest.raises(AttributeError):
        row.title  # noqa: B018 - not read, so not there
    assert isinstance(row, Row)


def test_values_it_cannot_place_are_refused():
    rows = Rows(lambda flag: Article.objects.filter(featured=flag).values_list("pk"))
    with pytest.raises(TypeError, match="flag"):
        rows(flag=True)
