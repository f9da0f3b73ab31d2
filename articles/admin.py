import difflib

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.views.decorators.http import require_POST
from taggit.models import Tag

from . import editorial, images
from .editor import BodyEditorWidget
from .models import Article, Author, Category, Image, PinnedRelation, Revision
from .related import related_to


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "title", "alt", "caption", "credit", "focal_x", "focal_y"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):
            try:
                images.check_upload(upload)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from error
        return upload


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "title", "alt", "width", "height", "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    search_fields = ["title", "alt", "caption", "credit"]
    readonly_fields = ["focal_point_picker", "editor_address", "width", "height"]
    fields = [
        "file", "focal_point_picker", "title", "alt", "caption", "credit", "focal_x", "focal_y",
        "editor_address", "width", "height",
    ]  # fmt: skip

    class Media:
        js = ["js/admin-editorial.js"]
        css = {"all": ["css/admin-editorial.css"]}

    @admin.display(description="Address for the story editor")
    def editor_address(self, obj):
        if not obj or not obj.file:
            return "-"
        return format_html(
            '<code>{}</code><p class="help">In the story editor, choose Image and paste this '
            "address; the alt text and caption above are used unless you write others.</p>",
            obj.file.url,
        )

    @admin.display(description="Focal point")
    def focal_point_picker(self, obj):
        if not obj or not obj.file:
            return "Save the picture first, then click on it to choose what crops keep."
        return format_html(
            '<div class="focal-picker" data-focal-picker>'
            '<img src="{}" alt="" width="{}" height="{}">'
            '<span class="focal-picker__dot" style="left:{}%;top:{}%"></span></div>'
            '<p class="help">Click the part of the picture that must stay in every crop.</p>',
            images.rendition_url(obj, "body", images.widths_for(obj, "body")[0], "jpg"),
            images.size_for(obj, "body", images.widths_for(obj, "body")[0])[0],
            images.size_for(obj, "body", images.widths_for(obj, "body")[0])[1],
            round(obj.focal_x * 100, 1),
            round(obj.focal_y * 100, 1),
        )

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


class ArticleAdminForm(forms.ModelForm):
    """The story form, with the rules an editor needs explained when they are broken."""

    class Meta:
        model = Article
        fields = [
            "title", "slug", "dek", "body", "hero_image", "author", "category", "tags",
            "status", "publish_at", "featured", "comments_open", "seo_title",
            "seo_description", "social_image",
        ]  # fmt: skip
        widgets = {
            "body": BodyEditorWidget(),
            "dek": forms.Textarea(attrs={"rows": 2, "data-counter": "240"}),
            "seo_title": forms.TextInput(attrs={"data-counter": "60"}),
            "seo_description": forms.Textarea(attrs={"rows": 2, "data-counter": "155"}),
        }

    def __init__(self, *args, can_publish=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_publish = can_publish
        if not can_publish and "status" in self.fields:
            self.fields["status"].choices = [
                (value, label)
                for value, label in Article.Status.choices
                if value != Article.Status.PUBLISHED
            ]
        if "tags" in self.fields:
            self.fields["tags"].widget.attrs.update(
                {"data-tag-suggestions": reverse("admin:articles_article_tag_suggestions")}
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = Article.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if taken:
            raise forms.ValidationError(
                f"“{taken.title}” already uses the address /story/{slug}/. "
                "Choose another slug, for example by adding a word."
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        action = self.data.get("_editorial_action", "")
        status = cleaned.get("status")
        if action in {"publish", "schedule"}:
            status = Article.Status.PUBLISHED
        if status == Article.Status.PUBLISHED:
            if not self.can_publish:
                raise forms.ValidationError("Only editors can publish; submit it for review.")
            missing = []
            if not cleaned.get("dek"):
                missing.append(("dek", "A published story needs a standfirst."))
            if not cleaned.get("hero_image"):
                missing.append(("hero_image", "A published story needs a hero picture."))
            for field, message in missing:
                self.add_error(field, message)
        if action == "schedule":
            when = cleaned.get("publish_at")
            if when is None:
                self.add_error("publish_at", "Choose the date and time to publish at.")
            elif when <= timezone.now():
                self.add_error(
                    "publish_at",
                    "That time has passed. Choose a time in the future, or use Publish now.",
                )
        return cleaned


class PinnedRelationInline(admin.TabularInline):
    model = PinnedRelation
    fk_name = "from_article"
    extra = 0
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "position"]
    verbose_name_plural = "pinned related stories (shown before the computed ones)"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title", "status_label", "author", "category", "publish_at", "comments_column",
        "view_link",
    ]  # fmt: skip
    list_filter = ["status", "category", "author", "featured"]
    search_fields = ["title", "dek", "body_text"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "category"]
    # The picture picker is the library's own list, with thumbnails and search.
    raw_id_fields = ["hero_image", "social_image"]
    inlines = [PinnedRelationInline]
    list_select_related = ["author", "category"]
    actions = ["publish_selected", "unpublish_selected"]

    class Media:
        js = ["js/admin-editorial.js"]
        css = {"all": ["css/admin-editorial.css"]}

    # Who may do what -------------------------------------------------------

    def can_publish(self, request):
        return request.user.has_perm("articles.publish_article")

    has_publish_permission = can_publish

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .with_comment_counts(approved_comments="approved", pending_comments="pending")
        )
        if not self.can_publish(request):
            queryset = queryset.filter(created_by=request.user)
        return queryset

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.can_publish(request):
            return True
        # Contributors: their own stories, while they are not published.
        return obj.created_by_id == request.user.pk and obj.status != Article.Status.PUBLISHED

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.can_publish(request)

    def get_fieldsets(self, request, obj=None):
        publishing = ["status", "publish_at", "featured", "comments_open"]
        if not self.can_publish(request):
            publishing = ["status", "comments_open"]
        return [
            (None, {"fields": ["title", "slug", "dek", "body"]}),
            ("Pictures", {"fields": ["hero_image"]}),
            ("Filing", {"fields": ["author", "category", "tags"]}),
            ("Publishing", {"fields": publishing}),
            (
                "Search and social",
                {
                    "fields": ["seo_title", "seo_description", "social_image"],
                    "classes": ["collapse"],
                },
            ),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        can_publish = self.can_publish(request)

        class RoleForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, can_publish=can_publish, **inner)

        return RoleForm

    # Saving -------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        old_slug, was_public = editorial.state_before_save(obj)
        action = request.POST.get("_editorial_action", "")
        if not change:
            obj.created_by = request.user
        if action == "publish" and self.can_publish(request):
            obj.status = Article.Status.PUBLISHED
            obj.publish_at = timezone.now()
        elif action == "schedule" and self.can_publish(request):
            obj.status = Article.Status.PUBLISHED
        elif action == "unpublish" and self.can_publish(request):
            obj.status = Article.Status.DRAFT
        elif action == "review":
            obj.status = Article.Status.REVIEW
        super().save_model(request, obj, form, change)
        editorial.keep_old_address(obj, old_slug, was_public)
        request._editorial_note = {
            "publish": "Published",
            "schedule": "Scheduled",
            "unpublish": "Unpublished",
            "review": "Submitted for review",
        }.get(action, "Saved")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        editorial.record_revision(
            form.instance, request.user, getattr(request, "_editorial_note", "Saved")
        )

    # Actions --------------------------------------------------------------

    @admin.action(description="Publish the selected stories now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        refused = 0
        for article in queryset:
            if not article.dek or not article.hero_image_id:
                refused += 1
                continue
            editorial.publish_now(article, request.user)
        published = queryset.count() - refused
        self.message_user(request, f"Published {published} stor{'y' if published == 1 else 'ies'}.")
        if refused:
            self.message_user(
                request,
                f"{refused} not published: a story needs a standfirst and a hero picture first.",
                messages.WARNING,
            )

    @admin.action(description="Unpublish the selected stories", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for article in queryset:
            editorial.unpublish(article, request.user)
        self.message_user(request, f"Unpublished {queryset.count()} stories (now drafts).")

    # The list -------------------------------------------------------------

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        return obj.display_status

    @admin.display(description="comments (pending)")
    def comments_column(self, obj):
        url = reverse("admin:comments_comment_changelist") + f"?article__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">{}</a>{}',
            url,
            obj.approved_comments,
            format_html(" <strong>({} pending)</strong>", obj.pending_comments)
            if obj.pending_comments
            else "",
        )

    @admin.display(description="on site")
    def view_link(self, obj):
        if obj.is_public:
            return format_html('<a href="{}">View</a>', obj.get_absolute_url())
        return format_html(
            '<a href="{}">Preview</a>', reverse("admin:articles_article_preview", args=[obj.pk])
        )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public else None

    # Extra pages: preview, revisions, tag suggestions ------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("preview/", wrap(self.preview_view), name="articles_article_preview_new"),
            path("<int:pk>/preview/", wrap(self.preview_view), name="articles_article_preview"),
            path(
                "<int:pk>/revisions/", wrap(self.revisions_view), name="articles_article_revisions"
            ),
            path(
                "<int:pk>/revisions/compare/",
                wrap(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "revisions/<int:revision_pk>/restore/",
                wrap(require_POST(self.restore_view)),
                name="articles_article_restore",
            ),
            path(
                "tag-suggestions/",
                wrap(self.tag_suggestions_view),
                name="articles_article_tag_suggestions",
            ),
            *super().get_urls(),
        ]

    def _editable(self, request, pk):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def preview_view(self, request, pk=None):
        """The story as readers would see it, from the saved version (GET) or from the
        form as it stands, unsaved (POST from the edit page's Preview button)."""
        if pk is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            article = Article(created_by=request.user)
        else:
            article = self._editable(request, pk)
        tags = list(article.tags.all()) if article.pk else []
        if request.method == "POST":
            form_class = self.get_form(request, article if article.pk else None)
            form = form_class(request.POST, request.FILES, instance=article)
            form.is_valid()  # fills the instance with every field that is valid
            article = form.instance
            names = form.cleaned_data.get("tags")
            if names is not None:
                tags = [Tag(name=name, slug=slugify(name)) for name in names]
        article.slug = article.slug or "preview"
        article.update_derived_fields()
        if article.publish_at is None:
            article.publish_at = timezone.now()
        article.comment_count = 0
        related = related_to(article) if article.pk else []
        more = [story for story in related if story.hero_image_id][:3]
        context = {
            "article": article,
            "tags": tags,
            "more_like_this": more,
            "related_posts": [story for story in related if story not in more][:6],
            "preview": f"{article.display_status}, as it would look to readers.",
        }
        response = TemplateResponse(request, "articles/article_detail.html", context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def revisions_view(self, request, pk):
        article = self._editable(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revisions": article.revisions.select_related("user"),
            "can_restore": self.has_change_permission(request, article),
            "title": f"Revisions of “{article.title}”",
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def compare_view(self, request, pk):
        article = self._editable(request, pk)
        try:
            older = article.revisions.get(pk=int(request.GET.get("a", "")))
            newer = article.revisions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Revision.DoesNotExist):
            raise Http404("Choose two revisions of this story.") from None
        if older.created_at > newer.created_at:
            older, newer = newer, older
        changes = []
        for field in [*editorial.SNAPSHOT_FIELDS, "tags"]:
            before, after = older.data.get(field), newer.data.get(field)
            if before != after:
                before_lines = _lines(before)
                after_lines = _lines(after)
                table = difflib.HtmlDiff(wrapcolumn=70).make_table(
                    before_lines, after_lines, "before", "after", context=True, numlines=2
                )
                changes.append((field.removesuffix("_id").replace("_", " "), table))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "older": older,
            "newer": newer,
            "changes": changes,
            "title": f"Changes to “{article.title}”",
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, revision_pk):
        revision = get_object_or_404(Revision.objects.select_related("article"), pk=revision_pk)
        article = self._editable(request, revision.article_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        editorial.restore_revision(revision, request.user)
        self.message_user(request, "Restored. The story's publishing state is unchanged.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def tag_suggestions_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        term = request.GET.get("q", "").strip()[:50]
        names = []
        if term:
            names = list(
                Tag.objects.filter(name__istartswith=term)
                .order_by("name")
                .values_list("name", flat=True)[:10]
            )
        return JsonResponse({"tags": names})


def _lines(value):
    if value is None:
        return [""]
    if isinstance(value, list):
        return [", ".join(value)]
    text = str(value)
    return text.replace("><", ">\n<").splitlines() or [""]
