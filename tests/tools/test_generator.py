"""The magazine generator (issue 8) builds what the rest of the site expects."""

import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse
from taggit.models import Tag

from articles import related
from articles.models import Article, Author, Category, Image, PinnedRelation, StoryTag
from articles.models.pictures import library_pictures
from articles.sanitize import html_to_text, sanitize_body
from comments.models import Comment
from comments.rendering import render_body, render_card
from tools.generator import shape
from tools.generator.landmarks import misspelt_word
from tools.generator.ranking import Neighbourhoods
from tools.generator.text import COMMON_WORD, rare_word, rare_words

STORIES, COMMENTS = 30, 200


def generate(seed=7, **options):
    call_command(
        "generate_magazine",
        stories=STORIES,
        comments=COMMENTS,
        seed=seed,
        pictures=3,
        stdout=StringIO(),
        **options,
    )


def empty_the_magazine():
    Article.objects.all().delete()
    for model in (Author, Category, Tag, Image):
        model.objects.all().delete()


@pytest.fixture
def magazine(db):
    generate()


def test_the_magazine_has_its_shape(magazine):
    assert Article.objects.count() == STORIES
    assert Comment.objects.count() == COMMENTS
    assert Category.objects.count() == 20
    assert Author.objects.count() == shape.AUTHORS
    assert Tag.objects.count() == shape.TAGS
    statuses = Counter(Article.objects.values_list("status", flat=True))
    assert statuses["draft"] >= 1
    assert Article.objects.published().count() < statuses["published"]  # one scheduled
    assert Article.objects.filter(featured=True).exists()
    assert Article.objects.filter(hero_image__isnull=False).exists()


def test_every_published_story_renders(magazine, client):
    stories = list(Article.objects.published())
    assert stories
    for story in stories:
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200, story.slug
    for address in ("/", "/feed/", "/sitemap.xml", f"/search/?q={COMMON_WORD}"):
        assert client.get(address).status_code == 200, address


def test_bodies_are_what_the_sanitizer_would_store(magazine):
    for story in Article.objects.all():
        assert story.body_html == sanitize_body(story.body, pictures=library_pictures(story.body))
        assert story.body_text == html_to_text(story.body_html)
        story.update_derived_fields()
        assert story.reading_time == Article.objects.get(pk=story.pk).reading_time
    with_picture = Article.objects.filter(body_html__contains="<picture>").first()
    assert with_picture is not None


def test_each_story_has_five_to_eight_tags_with_their_publish_time(magazine):
    per_story = Counter(StoryTag.objects.values_list("content_object", flat=True))
    assert set(per_story) == set(Article.objects.values_list("pk", flat=True))
    assert all(5 <= count <= 8 for count in per_story.values())
    for row in StoryTag.objects.select_related("content_object"):
        assert row.publish_at == row.content_object.publish_at
    busiest = StoryTag.objects.values("tag").annotate(n=Count("pk")).order_by("-n")[0]
    assert Tag.objects.get(pk=busiest["tag"]).name == "dogs"


def test_the_tag_spread_is_zipf_like():
    rng, picker = random.Random(1), shape.TagPicker()  # noqa: S311
    counts = Counter(tag for _ in range(10_000) for tag in picker.pick(rng))
    ranked = [n for _, n in counts.most_common()]
    assert 0.55 < counts[0] / 10_000 < 0.59
    assert ranked[1] < 0.4 * 10_000
    assert ranked[10] < ranked[1] / 2
    assert len(counts) > 1_500  # a long tail of tags on a few stories each


def test_comment_counts_are_the_approved_comments(magazine):
    approved = dict(
        Comment.objects.approved().values_list("article").annotate(n=Count("pk")).order_by()
    )
    for pk, stored in Article.objects.values_list("pk", "comment_count"):
        assert stored == approved.get(pk, 0)
    statuses = Counter(Comment.objects.values_list("status", flat=True))
    assert statuses["approved"] > COMMENTS * 0.8
    assert statuses["pending"] + statuses["spam"] + statuses["trash"] > 0
    assert not Comment.objects.exclude(article__in=Article.objects.published()).exists()


def test_comment_cards_are_the_ones_a_save_makes(magazine):
    comments = list(Comment.objects.order_by("pk")[:50])
    assert comments
    assert all(comment.card_html for comment in comments)
    for comment in comments:
        assert comment.card_html == render_card(comment)


def test_replies_hang_from_approved_comments_of_the_same_story(magazine):
    replies = Comment.objects.filter(parent__isnull=False).select_related("parent", "root")
    assert replies
    for reply in replies:
        assert reply.parent.status == Comment.Status.APPROVED
        assert reply.parent.article_id == reply.article_id == reply.root.article_id
        assert reply.depth == reply.parent.depth + 1 <= 3
        assert reply.root.parent_id is None
        assert reply.created_at >= reply.parent.created_at
    for comment in Comment.objects.all()[:20]:
        assert comment.body_html == render_body(comment.body)


def test_related_lists_are_the_ones_related_rank_gives(magazine):
    assert not Article.objects.filter(related_ids__isnull=True).exists()
    for story in Article.objects.all():
        assert story.related_ids == related.rank(story), story.pk
    assert Article.objects.published().filter(tags__name="dogs").first().related_ids


def test_bulk_rankings_cut_candidate_lists_as_related_rank_does(magazine, monkeypatch):
    monkeypatch.setattr(related, "TAG_CANDIDATES", 3)
    monkeypatch.setattr(related, "SECTION_CANDIDATES", 1)
    stories = Article.objects.all()
    neighbourhoods = Neighbourhoods(stories)
    for story in stories:
        assert neighbourhoods.rank(story) == related.rank(story), story.pk


def test_pins_come_first_in_bulk_rankings_too(magazine):
    story, first, second = Article.objects.published()[:3]
    PinnedRelation.objects.create(from_article=story, to_article=second, position=0)
    PinnedRelation.objects.create(from_article=story, to_article=first, position=1)
    stories = Article.objects.filter(pk=story.pk)
    assert Neighbourhoods(stories).rank(story) == related.rank(story)
    assert related.rank(story)[:2] == [second.pk, first.pk]


def test_common_and_rare_words(magazine):
    assert Article.objects.filter(body_text__icontains=COMMON_WORD).count() > STORIES * 0.9
    assert Article.objects.filter(body_text__contains=rare_word(0)).count() == 1
    words = rare_words()
    assert len(set(words)) == len(words)
    assert {len(word) for word in words} == {8}


def test_the_same_seed_writes_the_same_magazine(db):
    generate(seed=3)
    first = list(Article.objects.order_by("pk").values_list("title", "dek", "status"))
    empty_the_magazine()
    generate(seed=3)
    assert list(Article.objects.order_by("pk").values_list("title", "dek", "status")) == first
    empty_the_magazine()
    generate(seed=4)
    assert list(Article.objects.order_by("pk").values_list("title", "dek", "status")) != first


def test_a_database_with_stories_is_refused_without_force(magazine):
    with pytest.raises(CommandError, match="already holds 30 stories"):
        generate()
    generate(force=True)
    assert Article.objects.count() == 2 * STORIES
    assert Comment.objects.count() == 2 * COMMENTS
    assert Category.objects.count() == 20


def test_the_vocabulary_is_built_in_bulk_and_respells_the_misspelt_landmark(
    magazine, client, settings
):
    """The bench's "search, misspelt word" row respells to the rare word (issue 23)."""
    settings.PAGE_CACHE = False
    response = client.get(reverse("articles:search"), {"q": misspelt_word()})
    assert response.status_code == 200
    assert response.context["page"].suggestion.text == rare_word(0)
    story = Article.objects.published().get(body_text__contains=rare_word(0))
    assert [s.pk for s in response.context["page"].object_list] == [story.pk]
