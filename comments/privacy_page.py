from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.generations import CONTENT
from doggydiary.pagecache import reader_page

from .mail.links import CONFIRM_MAX_AGE
from .tokens import EDIT_WINDOW


@require_safe
@reader_page(CONTENT)
def privacy(request):
    """What the site stores about readers, why, for how long, and how to get it or
    have it erased; the figures come from the settings the code runs with."""
    context = {
        "ip_days": settings.COMMENT_IP_RETENTION_DAYS,
        "cookie_days": settings.COMMENT_COOKIE_DAYS,
        "cookie_name": settings.COMMENT_COOKIE_NAME,
        "confirm_days": CONFIRM_MAX_AGE.days,
        "edit_minutes": EDIT_WINDOW // 60,
        "per_hour": settings.MAIL_PER_RECIPIENT_PER_HOUR,
        "keep_days": settings.MAIL_KEEP_DAYS,
    }
    return render(request, "privacy.html", context)
