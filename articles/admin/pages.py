"""Pages editors write (About, Contact): the same body editor and sanitizer as
stories, a revision kept at every save, and addresses that never clash."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ..editor import BodyEditorWidget
from ..models import Page, PageRevision
from ..models.pages import REVISED_FIELDS
from ..pages import reserved_slugs


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = list(REVISED_FIELDS)
        widgets = {
            "body": BodyEditorWidget(),
            "seo_title": forms.TextInput(attrs={"data-counter": "60"}),
            "seo_description": forms.Textarea(attrs={"rows": 2, "data-counter": "155"}),
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug.lower() in reserved_slugs():
            raise forms.ValidationError(
                f"The address /{slug}/ belongs to another part of the site. Choose another "
                "slug, for example by adding a word."
            )
        return slug


class PageRevisionInline(admin.TabularInline):
    model = PageRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "user", "revised_title", "restore"]
    readonly_fields = fields
    verbose_name_plural = "revisions (newest first; restoring one saves it as a new revision)"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="title then")
    def revised_title(self, obj):
        return obj.data.get("title", "")

    @admin.display(description="")
    def restore(self, obj):
        url = reverse("admin:articles_page_restore", args=[obj.page_id, obj.pk])
        return format_html('<a class="button" href="{}">Restore this version</a>', url)


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageAdminForm
    list_display = ["title", "address", "status", "in_footer", "footer_order"]
    list_editable = ["in_footer", "footer_order"]
    list_filter = ["status", "in_footer"]
    search_fields = ["title", "body_text"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PageRevisionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "status"]}),
        ("Footer", {"fields": ["in_footer", "footer_order"]}),
        ("Search and social", {"fields": ["seo_title", "seo_description"],
                               "classes": ["collapse"]}),
    ]  # fmt: skip

    def view_on_site(self, obj):
        # A draft has no address readers can see yet.
        return obj.get_absolute_url() if obj.is_public else None

    @admin.display(description="address", ordering="slug")
    def address(self, obj):
        return f"/{obj.slug}/"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        PageRevision.record(form.instance, request.user)

    def get_urls(self):
        restore = self.admin_site.admin_view(self.restore_view)
        return [
            path(
                "<int:page_id>/restore/<int:revision_id>/", restore, name="articles_page_restore"
            ),  # fmt: skip
            *super().get_urls(),
        ]

    def restore_view(self, request, page_id, revision_id):
        """A GET shows nothing new: the restore happens only on POST from the page's
        own form, so a link followed by mistake changes nothing."""
        page = get_object_or_404(Page, pk=page_id)
        revision = get_object_or_404(PageRevision, pk=revision_id, page=page)
        if not self.has_change_permission(request, page):
            return redirect("admin:articles_page_change", page.pk)
        form = PageAdminForm(data=revision.data, instance=page)
        if request.method == "POST" and form.is_valid():
            form.save()
            PageRevision.record(page, request.user)
            self.message_user(
                request, f"Restored the version of {revision.created_at:%d %b %Y %H:%M}."
            )
            return redirect("admin:articles_page_change", page.pk)
        if form.errors:
            self.message_user(request, "That version cannot be restored: " + form.errors.as_text(),
                              messages.ERROR)  # fmt: skip
            return redirect("admin:articles_page_change", page.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Restore “{page.title}” as it was on {revision.created_at:%d %b %Y %H:%M}?",
            "opts": self.opts,
            "page": page,
            "revision": revision,
        }
        return TemplateResponse(request, "admin/articles/page/restore.html", context)
