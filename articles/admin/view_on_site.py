"""The admin's "View on site" address, ``/admin/r/<content type>/<id>/``.

Django's shortcut view sends any staff account to any object's address, which for a
story not yet public names its slug; here such a story is a 404 (its editors have the
preview), and everything else goes on to Django's view.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404

from ..models import Article


def view_on_site(request, content_type_id, object_id):
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    if content_type is not None and content_type.model_class() is Article:
        try:
            public = Article.objects.published().filter(pk=object_id).exists()
        except (ValueError, TypeError):
            public = False
        if not public:
            raise Http404("No such story on the site.")
    return shortcut(request, content_type_id, object_id)
