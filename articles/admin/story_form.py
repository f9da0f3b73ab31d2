"""The story form, with the rules an editor needs explained when they are broken."""

from django import forms
from django.urls import reverse

from .. import editorial
from ..editor import BodyEditorWidget
from ..models import Article


class ArticleAdminForm(forms.ModelForm):
    """The story form. After validation, ``editorial_action`` is the action its
    button asked for, or a plain save when the user may not take it."""

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
        action = editorial.Action.posted(self.data.get(editorial.ACTION_FIELD))
        for field, message in editorial.action_problems(action, cleaned, self.can_publish):
            self.add_error(field, message)
        self.editorial_action = action.allowed(self.can_publish)
        return cleaned
