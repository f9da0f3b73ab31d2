"""The picture picker: the library as thumbnails, searched and added to from the story
form, for the body editor and the hero and social picture fields."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from .. import images
from ..models import Image
from ..tasks import queue_renditions
from .crops import crop_note
from .pictures import ImageForm

PICKER_PAGE_SIZE = 24
MAX_QUERY_LENGTH = 100


def picture_json(image):
    """What the picker shows and inserts for one library picture."""
    width = images.widths_for(image, "card")[0]
    thumb_width, thumb_height = images.size_for(image, "card", width)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.alt,
        "caption": image.caption,
        "src": image.file.url,
        "width": image.width,
        "height": image.height,
        "thumb": images.preview_url(image, "card", width),
        "thumb_width": thumb_width,
        "thumb_height": thumb_height,
        "crop_note": crop_note(image, "hero", "a story's hero"),
    }


class PickerUploadForm(ImageForm):
    """The library's own upload form (the same file checks), minus the focal point,
    which keeps its default; the title falls back to the alt text."""

    class Meta(ImageForm.Meta):
        fields = ["file", "title", "alt", "caption", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title") and cleaned.get("alt"):
            cleaned["title"] = cleaned["alt"][:200]
        return cleaned


def _error(message, status, errors=None):
    return JsonResponse({"error": message, "errors": errors or {}}, status=status)


class PicturePickerMixin:
    """The picker's endpoints, for a ModelAdmin of Article: anyone who may write stories
    may browse the library; uploading also needs ``articles.add_image``."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "pictures/",
                wrap(require_GET(self.picker_list_view)),
                name="articles_article_pictures",
            ),
            path(
                "pictures/upload/",
                wrap(require_POST(self.picker_upload_view)),
                name="articles_article_picture_upload",
            ),
            *super().get_urls(),
        ]

    def may_pick_pictures(self, request):
        return self.has_add_permission(request) or self.has_change_permission(request)

    def may_upload_pictures(self, request):
        return self.may_pick_pictures(request) and request.user.has_perm("articles.add_image")

    def picker_list_view(self, request):
        """One page of the library, newest first, filtered by ``q`` (title or alt text)."""
        if not self.may_pick_pictures(request):
            return _error("You may not choose pictures for stories.", 403)
        query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        pictures = Image.objects.order_by("-uploaded_at", "-pk")
        if query:
            pictures = pictures.filter(Q(title__icontains=query) | Q(alt__icontains=query))
        paginator = Paginator(pictures, PICKER_PAGE_SIZE)
        try:
            page = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            return _error("There is no such page of pictures.", 404)
        return JsonResponse(
            {
                "query": query,
                "count": paginator.count,
                "page": page.number,
                "pages": paginator.num_pages,
                "has_next": page.has_next(),
                "has_previous": page.has_previous(),
                "results": [picture_json(image) for image in page.object_list],
            }
        )

    def picker_upload_view(self, request):
        """Add a picture to the library from the picker: the file is checked as the
        library's form checks it, and alt text is required."""
        if not self.may_upload_pictures(request):
            return _error("You may not add pictures to the library.", 403)
        form = PickerUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
            first = next(iter(errors.values()))[0]
            return _error(first, 400, errors)
        try:
            image = form.save()
        except (ValueError, OSError):
            return _error(
                "This file could not be stored as a picture. Upload a JPEG, PNG, WebP or GIF.",
                400,
                {"file": ["This file could not be stored as a picture."]},
            )
        # Made by the task worker: the upload answers at once, with the original
        # as its thumbnail until the renditions exist.
        queue_renditions(image)
        return JsonResponse({"picture": picture_json(image)}, status=201)
