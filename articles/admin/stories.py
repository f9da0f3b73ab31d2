"""The story admin: the list, who may do what, saving, and the bulk actions."""

from django.contrib import admin, messages
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import ngettext

from doggydiary.admin_lists import PageByIds, SearchMatchesFirst

from .. import editorial
from ..models import Article, PinnedRelation
from .autosave import AutosaveMixin
from .conflicts import lock_for_save
from .picker import PicturePickerMixin
from .posts import undescribed_posts_note
from .preview_links import PreviewLinksMixin
from .readers import PinnedFilter, ReadershipMixin
from .review import ReviewMixin
from .story_form import ArticleAdminForm
from .story_pages import StoryPagesMixin


class PinnedRelationInline(admin.TabularInline):
    model = PinnedRelation
    fk_name = "from_article"
    extra = 0
    autocomplete_fields = ["to_article"]
    fields = ["to_article", "position"]
    verbose_name_plural = "pinned related stories (shown before the computed ones)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "to_article" and not request.user.has_perm("articles.publish_article"):
            # A writer may pin published stories and their own, not others' drafts by id.
            kwargs["queryset"] = Article.objects.public_or_written_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Article)
class ArticleAdmin(
    SearchMatchesFirst,
    AutosaveMixin,
    PicturePickerMixin,
    ReviewMixin,
    PreviewLinksMixin,
    StoryPagesMixin,
    ReadershipMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    # The change form with the review and preview-link panels around it.
    change_form_template = "admin/articles/article/change_form_newsroom.html"
    # Six narrow columns, so the list fits a 1366 px laptop with the sidebar and filters open.
    list_display = [
        "title", "status_label", "filed", "publish_time", "comments_column", "views_column",
    ]  # fmt: skip
    # Publish dates as a filter, not a date hierarchy, whose list of years reads every story.
    list_filter = ["status", "category", "author", "featured", PinnedFilter, "publish_at"]
    search_fields = ["title", "dek", "body_text"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["author", "category"]
    # No <select> of the whole library: a number field under the picture picker.
    raw_id_fields = ["hero_image", "social_image"]
    inlines = [PinnedRelationInline]
    list_select_related = ["author", "category"]
    # Newest first, a draft by when it was started; at 100,000 stories a page is read
    # in the order of article_newest_idx.
    ordering = [Coalesce("publish_at", "created_at").desc(), "-pk"]
    paginator = PageByIds
    readonly_fields = ["readership"]
    actions = ["publish_selected", "unpublish_selected"]

    class Media:
        js = ["js/admin-editorial.js"]
        css = {"all": ["css/admin-editorial.css", "css/admin-lists.css"]}

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
        publishing = ["status", "publish_at", "featured", "home_pin", "comments_open"]
        if not self.can_publish(request):
            publishing = ["status", "comments_open"]
        return [
            (None, {"fields": ["title", "slug", "dek", "body"]}),
            ("Pictures", {"fields": ["hero_image"]}),
            ("Filing", {"fields": ["author", "category", "tags"]}),
            ("Publishing", {"fields": publishing}),
            *([("Readers", {"fields": ["readership"]})] if obj is not None else []),
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
                super().__init__(*args, can_publish=can_publish, user=request.user, **inner)

        return RoleForm

    # Saving: the form has checked the chosen action; here it is taken -------

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST":
            # Before the form compares its version with the stored one (conflicts.py).
            lock_for_save(self.model, object_id, from_field)
        return super().get_object(request, object_id, from_field)

    def save_model(self, request, obj, form, change):
        old_slug = editorial.public_slug(obj)
        if not change:
            obj.created_by = request.user
        editorial.take(obj, form.editorial_action)
        super().save_model(request, obj, form, change)
        editorial.story_saved(obj, old_slug=old_slug)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        editorial.record_revision(form.instance, request.user, form.editorial_action.note)
        self.notify_review(request, form)
        if note := undescribed_posts_note(form.instance):
            self.message_user(request, note, messages.WARNING)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(self.review_context(request, obj))
            if self.has_change_permission(request, obj):
                context.update(self.preview_links_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Actions --------------------------------------------------------------

    @admin.action(description="Publish the selected stories now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        refused = 0
        for article in queryset:
            if editorial.publish_problems(dek=article.dek, hero_image=article.hero_image_id):
                refused += 1
                continue
            editorial.act(article, editorial.Action.PUBLISH, request.user)
        published = queryset.count() - refused
        self.message_user(
            request, ngettext("Published %d story.", "Published %d stories.", published) % published
        )
        if refused:
            self.message_user(
                request,
                f"{refused} not published: a story needs a standfirst and a hero picture first.",
                messages.WARNING,
            )

    @admin.action(description="Unpublish the selected stories", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        for article in queryset:
            editorial.act(article, editorial.Action.UNPUBLISH, request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "Unpublished %d story (now a draft).", "Unpublished %d stories (now drafts).", count
            )
            % count,  # fmt: skip
        )

    # The list -------------------------------------------------------------

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        return format_html(
            '{}<br><span class="list-quiet">{}</span>', obj.display_status, self.view_link(obj)
        )

    @admin.display(description="writer, section", ordering="author__name")
    def filed(self, obj):
        return format_html('{}<br><span class="list-quiet">{}</span>', obj.author, obj.category)

    @admin.display(description="publish time", ordering="publish_at")
    def publish_time(self, obj):
        if obj.publish_at is None:
            return "—"
        return date_format(timezone.localtime(obj.publish_at), "j M Y, H:i")

    @admin.display(description="comments")
    def comments_column(self, obj):
        url = reverse("admin:comments_comment_changelist") + f"?article__id__exact={obj.pk}"
        return format_html(
            '<a href="{}">{}</a>{}',
            url,
            obj.approved_comments,
            format_html("<br><strong>{} pending</strong>", obj.pending_comments)
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
