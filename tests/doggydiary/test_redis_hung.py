"""A Redis that accepts connections and then stops answering (a hung server, a broken
network) costs a reader one short timeout, not a page: the cache backend gives up in a
quarter of a second and skips Redis for a few seconds after that."""

import socket
import threading
import time

import pytest
from django.core.cache import caches
from django.test import Client
from redis.exceptions import RedisError

from ..factories import make_article

pytestmark = pytest.mark.django_db

REDIS = ("127.0.0.1", 6379)
REDIS_DB = 5  # this project's tests' own database number for issue 21


class StallingProxy:
    """A TCP proxy on loopback in front of the real Redis. Once ``stall()`` is called
    it still accepts connections and reads what it is sent, but answers nothing."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stalled = threading.Event()
        self.closing = threading.Event()
        self.requests_while_stalled = 0
        self.sockets = [self.listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def stall(self):
        self.stalled.set()

    def _accept(self):
        while not self.closing.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(REDIS, timeout=5)
            self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source, target, counting):
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                return
            if not data:
                return
            if self.stalled.is_set():
                self.requests_while_stalled += counting
                continue  # swallowed: the client waits for an answer that never comes
            try:
                target.sendall(data)
            except OSError:
                return

    def close(self):
        self.closing.set()
        for sock in self.sockets:
            sock.close()


@pytest.fixture
def stalling_redis(settings):
    proxy = StallingProxy()
    settings.CACHES = {
        "default": {
            "BACKEND": "doggydiary.cache_backends.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{proxy.port}/{REDIS_DB}",
            "KEY_PREFIX": "i21-hung-test",
            # Long enough that this test's pages all fall inside it on a busy machine.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25, "skip_seconds": 60},
        }
    }
    settings.PAGE_CACHE = True
    try:
        caches["default"].get("probe")
    except (OSError, RedisError):
        pytest.skip("no Redis on 127.0.0.1:6379")
    yield proxy
    proxy.close()


def test_a_hung_redis_costs_a_page_one_short_timeout_then_nothing(stalling_redis):
    story = make_article(title="Read while Redis hangs")
    client = Client()
    assert client.get(story.get_absolute_url()).status_code == 200  # through Redis
    stalling_redis.stall()
    timings = []
    for url in ["/", story.get_absolute_url(), story.category.get_absolute_url()] * 2:
        started = time.monotonic()
        response = client.get(url)
        timings.append(time.monotonic() - started)
        assert response.status_code == 200, url
    # The first cache call waited out one timeout; every later one skipped Redis.
    assert stalling_redis.requests_while_stalled == 1
    # Generous for a busy machine; without timeouts a page waited for ever.
    assert max(timings) < 2, timings


def test_redis_is_tried_again_after_the_pause(stalling_redis):
    cache = caches["default"]
    cache.skip_seconds = 0.5
    stalling_redis.stall()
    for _ in range(3):
        with pytest.raises(RedisError):
            cache.get("anything")
    assert stalling_redis.requests_while_stalled == 1
    time.sleep(0.6)
    with pytest.raises(RedisError):
        cache.get("anything")
    assert stalling_redis.requests_while_stalled == 2
