"""Which responses are the same for every reader, and the headers that say so.

A page showing someone's own pending comment (the signed ``?pending=`` link),
their remembered details (the "remember me" cookie), or seen by signed-in staff is
theirs alone and is never stored by a shared cache. Every other reader page is
public: a shared cache (a proxy or CDN) may keep it a minute, and browsers
revalidate with the ETag, so a newly approved comment shows at once.
"""

import pickle
import zlib

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a dependency; this keeps the module leaf
    RedisError = OSError

# What a cache that is down, full or unwritable raises: a file cache OSError, Redis its
# own errors. Reader pages carry on without the cache when they see one.
CACHE_ERRORS = (OSError, RedisError)

# Where the generation counters live: their own alias when configured (settings), so
# that nothing else kept can push one out; the default cache otherwise.
COUNTERS = "generations"


class FastFileBasedCache(FileBasedCache):
    """Django's file cache, compressing what it writes at zlib's fastest level: a
    render writes its page (already gzipped) and parts, and level 6 cost more than
    the render's templates."""

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))


class CounterFileBasedCache(FastFileBasedCache):
    """The file cache for generation counters, which never culls: counters are few and
    tiny, and a counter lost would re-render every page made from it."""

    def _cull(self):
        pass


SHARED_MAX_AGE = 60
PERSONAL_QUERY_PARAMS = ("pending",)

# -- What each page and fragment is made of ----------------------------------------
#
# The one table read by everything that keeps or serves (``pagecache``, ``fragments``).
# A page or fragment is kept under the values of the generation counters it names
# (``doggydiary.generations``; ``{slug}`` and the like are filled in from the URL or
# the fragment's arguments) and is made again once one of them moves.
#
# Counters: ``content`` (anything editors change, and a scheduled story's time coming),
# ``story:<slug>`` (that story's comments), ``home``, ``section:<slug>``,
# ``author:<slug>``, ``tag:<slug>`` (listings whose cards show comment counts),
# ``comments`` (any story's comments) and ``readership`` (the week's most read, moved
# only when their order changes: ``articles.readership``).
#
# What approving, editing or removing a comment on story A invalidates: at once
# (``articles.generations.shown_with``) ``story:A`` (A's page and comment feeds) and
# ``comments`` (the site's comment feeds, search results); within
# LISTING_COUNTS_SECONDS (``listed_with``, the cards' counts) ``home`` and the
# ``section:``/``author:``/``tag:`` counters of A's section, author and tags. Nothing
# else: another story's page and the listings A is not on stay as they are ("related
# stories" cards show no comment counts for that reason).
#
# A page's key is its path and the values of only the query parameters it reads
# (``params``, normalised as the view reads them: a page number as a number, text with
# its spaces collapsed). A parameter in ``uncached`` makes the page for one reader (a
# reply form): it is rendered and never stored. Any other parameter (tracking tags)
# is ignored by the view: the page is served from its key, but a page rendered for
# such a request is never stored, so a stranger's variants never fill the cache.

PAGE, TEXT = "page", "text"  # how a parameter is normalised


def page(*depends, params=None, uncached=()):
    return {"depends": depends, "params": params or {}, "uncached": uncached}


LISTING = {"page": PAGE}
PAGES = {
    "articles:home": page("content", "home", "readership", params=LISTING),
    "articles:story": page("content", "story:{slug}", params={"cpage": PAGE},
                           uncached=("replytocom",)),  # fmt: skip
    "articles:section": page("content", "section:{slug}", params=LISTING),
    "articles:tag": page("content", "tag:{slug}", params=LISTING),
    "articles:author": page("content", "author:{slug}", params=LISTING),
    "articles:search": page("content", "comments", params={"q": TEXT, "page": PAGE}),
    "comments:feed": page("content", "story:{slug}"),
    "comments:atom_feed": page("content", "story:{slug}"),
    "comments:site_feed": page("content", "comments"),
    "comments:site_atom_feed": page("content", "comments"),
    # Story feeds, sitemaps, the privacy page: no comments, no counts.
    **{name: page("content") for name in (
        "articles:feed", "articles:atom_feed", "articles:section_feed",
        "articles:section_atom_feed", "articles:tag_feed", "articles:tag_atom_feed",
        "articles:author_feed", "articles:author_atom_feed", "sitemaps:index", "sitemaps:file",
        "comments:privacy", "page",
    )},
}  # fmt: skip

FRAGMENTS = {
    "site-furniture": ("content",),  # the navigation's sections and the footer's pages
    "home-stories": ("content", "home"),  # the front page's top, lists and section bands
    "home-most-read": ("content", "readership"),  # "Most read" this week
    "listing-count": ("content",),  # "Page 3 of 8,210" (articles.pagination, kept always)
    "home": ("content", "home"),  # /?page=2 on: a page of every story, as HTML
    "archive": ("content", "{kind}:{slug}"),  # a page of a section, tag or author
}


def is_personal(request):
    """A signed-in member of staff (the session cookie), a remembered commenter, or
    a submitter's own pending-comment link."""
    cookies = request.COOKIES
    return (
        settings.COMMENT_COOKIE_NAME in cookies
        or settings.SESSION_COOKIE_NAME in cookies
        or any(name in request.GET for name in PERSONAL_QUERY_PARAMS)
    )


def set_reader_cache_headers(request, response):
    patch_vary_headers(response, ["Cookie"])
    if is_personal(request):
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
    return response
