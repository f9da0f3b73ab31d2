"""Parts that other apps add to the story page.

The comments app registers its discussion here when it starts, the way
django-contrib-comments' host apps register with it, so ``articles`` never
imports ``comments``. A part is a function ``(request, article, **options)``
returning template context; it may raise Http404 for a bad query parameter.
"""

_parts = []


def register(part):
    if part not in _parts:
        _parts.append(part)
    return part


def context_for(request, article, **options):
    context = {}
    for part in _parts:
        context.update(part(request, article, **options))
    return context
