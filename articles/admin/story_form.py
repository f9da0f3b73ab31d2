"""The story form, with the rules an editor needs explained when they are broken."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import editorial, images
from ..editor import BodyEditorWidget
from ..models import Article, Author, Image
from .conflicts import BASE_FIELD, find_conflict
from .crops import crop_note


class PictureChoiceWidget(forms.TextInput):
    """A library picture by number, shown as a preview with a "Choose picture" button
    (admin-picker.js); without JavaScript the number field and a library link work."""

    class Media:
        js = ["js/admin-picker.js"]
        css = {"all": ["css/admin-picker.css"]}

    def __init__(self, attrs=None, crop=None):
        super().__init__({"inputmode": "numeric", "class": "vIntegerField", **(attrs or {})})
        self.crop = crop  # (rendition spec, what it is used as) when the field's picture is cropped

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        picture = None
        if str(value or "").isdigit():
            picture = Image.objects.filter(pk=value).first()
        if picture is None:
            preview = mark_safe('<span class="picture-choice__empty">No picture chosen</span>')
        else:
            width = images.widths_for(picture, "card")[0]
            preview = format_html(
                '<img src="{}" alt="" width="120" height="80"><span>{}<br><small>{}</small></span>',
                images.preview_url(picture, "card", width),
                picture.title,
                picture.alt,
            )
        note = crop_note(picture, *self.crop) if picture and self.crop else ""
        return format_html(
            '<div class="picture-choice" data-picture-choice{}>'
            '<div class="picture-choice__preview" aria-live="polite">{}</div>'
            '<div class="picture-choice__number">{}<p class="help">The picture\'s number in the '
            '<a href="{}" target="_blank">picture library</a>.</p></div>'
            '<div class="picture-choice__buttons" hidden>'
            '<button type="button" class="button" data-picture-choose>Choose picture'
            '<span class="visually-hidden"> for {}</span></button> '
            '<button type="button" class="button" data-picture-clear>Remove'
            '<span class="visually-hidden"> {}</span></button></div>{}</div>',
            mark_safe(" data-picture-crop") if self.crop else "",
            preview,
            field,
            reverse("admin:articles_image_changelist"),
            name.replace("_", " "),
            name.replace("_", " "),
            note,
        )


class ArticleAdminForm(forms.ModelForm):
    """The story form. After validation, ``editorial_action`` is the action its
    button asked for, or a plain save when the user may not take it."""

    class Meta:
        model = Article
        fields = [
            "title", "slug", "dek", "body", "hero_image", "author", "category", "tags",
            "status", "publish_at", "featured", "home_pin", "comments_open", "seo_title",
            "seo_description", "social_image",
        ]  # fmt: skip
        widgets = {
            "body": BodyEditorWidget(),
            "hero_image": PictureChoiceWidget(crop=("hero", "a story's hero")),
            "social_image": PictureChoiceWidget(),
            "dek": forms.Textarea(attrs={"rows": 2, "data-counter": "240"}),
            "seo_title": forms.TextInput(attrs={"data-counter": "60"}),
            "seo_description": forms.Textarea(attrs={"rows": 2, "data-counter": "155"}),
        }

    # The story's updated_at when this copy was loaded: a save from an older copy is
    # an edit conflict (see conflicts.py). Rendered by the change form template.
    loaded_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, can_publish=True, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_publish = can_publish
        if not can_publish and "author" in self.fields:
            self._write_as_own_author(user)
        self.conflict = None
        if self.instance.pk and self.instance.updated_at:
            self.initial[BASE_FIELD] = self.instance.updated_at.isoformat()
        self.editorial_action = editorial.Action.SAVE
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

    def _write_as_own_author(self, user):
        """A contributor files stories as the writer linked to their account (or keeps
        the writer an editor gave the story); any other id posted is refused."""
        own = Author.objects.filter(user=user).first() if user is not None else None
        allowed = {a.pk for a in (own,) if a} | {self.instance.author_id} - {None}
        self.fields["author"].queryset = Author.objects.filter(pk__in=allowed)
        if own is not None and not self.instance.pk:
            self.initial.setdefault("author", own.pk)
        who = f"as {own.name}" if own else "under a writer's name"
        self.fields["author"].error_messages["invalid_choice"] = (
            f"You can file stories only {who}: only editors can choose another writer."
            + ("" if own else " Ask an editor to link your account to your writer's page.")
        )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = Article.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if taken:
            # Only those who may see every story learn which one it is.
            who = f"“{taken.title}”" if self.can_publish else "Another story"
            raise forms.ValidationError(
                f"{who} already uses the address /story/{slug}/. "
                "Choose another slug, for example by adding a word."
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        action = editorial.Action.posted(self.data.get(editorial.ACTION_FIELD))
        for field, message in editorial.action_problems(action, cleaned, self.can_publish):
            self.add_error(field, message)
        self.editorial_action = action.allowed(self.can_publish)
        self._refuse_stale_copy()
        return cleaned

    def _refuse_stale_copy(self):
        """Refuse a save from a copy older than the stored story, and move the form's
        base to the stored version, so saving again (after reading what differs)
        replaces it deliberately. The stored version stays in the database."""
        self.conflict = find_conflict(self, self.instance)
        if self.conflict is None:
            return
        self.data = self.data.copy()
        self.data[BASE_FIELD] = self.instance.updated_at.isoformat()
        who = self.conflict.saved_by or "Someone"
        self.add_error(
            None,
            f"{who} saved this story after you opened it, so your changes were not saved "
            "(they are still in this form). See what differs below; save again to replace "
            "the other version with yours, which stays in the revisions.",
        )
