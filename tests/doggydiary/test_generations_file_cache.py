"""The generation counters with the file cache of one machine: each worker remembers
the counters it read by their file's identity, and sees at once a counter another
worker moved (every write replaces the file)."""

import pickle

import pytest
from django.core.cache.backends.filebased import FileBasedCache

from articles import generations
from doggydiary import generations as counters

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    counters._files.clear()
    # Another worker: its own backend object on the same folder.
    return FileBasedCache(str(tmp_path / "cache"), {})


def test_a_counter_moved_by_another_worker_is_seen_at_once(file_cache):
    first = generations.current(generations.CONTENT, generations.COMMENTS)
    assert generations.current(generations.CONTENT, generations.COMMENTS) == first
    assert counters._files, "read once, then known by the file's identity"
    for _ in range(3):  # the other worker bumps; this one must not answer from memory
        file_cache.set(counters.PREFIX + generations.CONTENT, 7, None)
        moved = generations.current(generations.CONTENT, generations.COMMENTS)
        assert moved[generations.CONTENT] == 7
        assert moved[generations.COMMENTS] == first[generations.COMMENTS]
        file_cache.set(counters.PREFIX + generations.CONTENT, 8, None)
        assert generations.current(generations.CONTENT)[generations.CONTENT] == 8


def test_a_counter_another_worker_deleted_starts_again(file_cache):
    first = generations.current(generations.COMMENTS)[generations.COMMENTS]
    file_cache.delete(counters.PREFIX + generations.COMMENTS)
    again = generations.current(generations.COMMENTS)[generations.COMMENTS]
    assert again != first


def test_bumps_never_expire(file_cache):
    generations.current(generations.CONTENT)
    generations.bump(generations.CONTENT)
    path = file_cache._key_to_file(counters.PREFIX + generations.CONTENT)
    with open(path, "rb") as stored:  # FileBasedCache writes the expiry first
        assert pickle.load(stored) is None  # noqa: S301 - our own cache file
