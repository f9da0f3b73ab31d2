from django.conf import settings

# The players static/js/site.js may frame, and only after a reader clicks.
EMBED_PLAYER_ORIGINS = [
    "https://www.youtube-nocookie.com",
    "https://www.tiktok.com",
    "https://www.instagram.com",
    "https://platform.twitter.com",
]

# Every public page is built from our own origin only: no third-party script,
# style, font or image can load, and the only frames are those players.
PUBLIC_CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src " + " ".join(EMBED_PLAYER_ORIGINS),
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy for the public site.

    The admin keeps Django's own defaults: its widgets use inline styles.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.admin_prefix):
            response.headers.setdefault("Content-Security-Policy", PUBLIC_CSP)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        if settings.DEBUG:
            response.headers.setdefault("X-Robots-Tag", "noindex")
        return response
