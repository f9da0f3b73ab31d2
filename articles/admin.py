from django import forms
from django.contrib import admin
from django.utils.html import format_html
from PIL import Image as PILImage

from . import images
from .models import Article, Author, Category, Image, PinnedRelation


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "title", "alt", "caption", "credit", "focal_x", "focal_y"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):
            try:
                images.normalize_upload(upload)
            except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError) as error:
                raise forms.ValidationError(
                    "This file could not be read as a photo. Upload a JPEG, PNG, WebP or GIF."
                ) from error
        return upload


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "alt", "width", "height", "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt", "caption", "credit"]
    readonly_fields = ["width", "height"]

    @admin.display(description="Preview")
    def thumbnail(self, obj):
        if not obj.file:
            return ""
        return format_html(
            '<img src="{}" width="96" height="64" alt="" style="object-fit:cover">',
            images.rendition_url(obj, "card", images.widths_for(obj, "card")[0], "jpg"),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        images.make_renditions(obj)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "website", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "bio"]
    autocomplete_fields = ["photo", "user"]


class PinnedRelationInline(admin.TabularInline):
    model = PinnedRelation
    fk_name = "from_article"
    extra = 0
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "position"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "author", "category", "publish_at", "featured"]
    list_filter = ["status", "category", "author", "featured"]
    search_fields = ["title", "dek", "body_text"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "category", "hero_image"]
    inlines = [PinnedRelationInline]
    list_select_related = ["author", "category"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "body"]}),
        ("Picture", {"fields": ["hero_image"]}),
        ("Filing", {"fields": ["author", "category", "tags"]}),
        ("Publishing", {"fields": ["status", "publish_at", "featured", "comments_open"]}),
    ]
