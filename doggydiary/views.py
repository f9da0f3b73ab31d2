from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """For clients that ask for /favicon.ico without reading the page's icon link."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
