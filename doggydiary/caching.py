"""Which responses are the same for every reader, and the headers that say so.

A page showing someone's own pending comment (the signed ``?pending=`` link),
their remembered details (the "remember me" cookie), or seen by signed-in staff is
theirs alone and is never stored by a shared cache. Every other reader page is
public: a shared cache (a proxy or CDN) may keep it a minute, and browsers
revalidate with the ETag, so a newly approved comment shows at once.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

try:
    from redis.exceptions import RedisError
except ImportError:  # pragma: no cover - redis is a dependency; this keeps the module leaf
    RedisError = OSError

# What a cache that is down, full or unwritable raises: a file cache OSError, Redis its
# own errors. Reader pages carry on without the cache when they see one.
CACHE_ERRORS = (OSError, RedisError)

SHARED_MAX_AGE = 60
PERSONAL_QUERY_PARAMS = ("pending",)


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
