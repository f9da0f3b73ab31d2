"""The picture library: uploads checked as real photos, a focal point, renditions."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html

from .. import images
from ..models import Image
from ..tasks import queue_renditions
from .crops import crop_note


class ImageForm(forms.ModelForm):
    """The library's upload form; ``Image.clean`` checks the file (``uploads.check_upload``)."""

    class Meta:
        model = Image
        fields = ["file", "title", "alt", "caption", "credit", "focal_x", "focal_y"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "alt", "width", "height", "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt", "caption", "credit"]
    readonly_fields = ["focal_point_picker", "crops", "editor_address", "width", "height"]
    fields = [
        "file", "focal_point_picker", "crops", "title", "alt", "caption", "credit", "focal_x",
        "focal_y", "editor_address", "width", "height",
    ]  # fmt: skip

    class Media:
        js = ["js/admin-editorial.js"]
        css = {"all": ["css/admin-editorial.css", "css/admin-picker.css"]}

    @admin.display(description="Address for the story editor")
    def editor_address(self, obj):
        if not obj or not obj.file:
            return "-"
        return format_html(
            '<code>{}</code><p class="help">In the story editor, choose Image and paste this '
            "address; the alt text and caption above are used unless you write others.</p>",
            obj.file.url,
        )

    @admin.display(description="Crops")
    def crops(self, obj):
        if not obj or not obj.file:
            return "-"
        return crop_note(obj, "hero", "a story's hero (and its cards)") or (
            "Heroes and cards show this picture whole: its shape is theirs (3:2)."
        )

    @admin.display(description="Focal point")
    def focal_point_picker(self, obj):
        if not obj or not obj.file:
            return "Save the picture first, then click on it to choose what crops keep."
        width = images.widths_for(obj, "body")[0]
        shown_width, shown_height = images.size_for(obj, "body", width)
        return format_html(
            '<div class="focal-picker" data-focal-picker>'
            '<img src="{}" alt="" width="{}" height="{}">'
            '<span class="focal-picker__dot" style="left:{}%;top:{}%"></span></div>'
            '<p class="help">Click the part of the picture that must stay in every crop.</p>',
            images.preview_url(obj, "body", width),
            shown_width,
            shown_height,
            round(obj.focal_x * 100, 1),
            round(obj.focal_y * 100, 1),
        )

    @admin.display(description="Preview")
    def thumbnail(self, obj):
        if not obj.file:
            return ""
        return format_html(
            '<img src="{}" width="96" height="64" alt="" style="object-fit:cover">',
            images.preview_url(obj, "card", images.widths_for(obj, "card")[0]),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        queue_renditions(obj)  # by the task worker, off the request
