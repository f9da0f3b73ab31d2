"""Embedded posts: what readers see of a TikTok, Instagram, YouTube or X post before
they load its player. An editor pastes the post's address into a story; here they give
it a poster from the picture library (or upload one), the author's name and the first
line, or, when the site may reach providers, has them fetched once on save."""

import re
from html import unescape
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .. import oembed
from ..models import Article, SocialPost
from .story_form import PictureChoiceWidget


class SocialPostForm(forms.ModelForm):
    address = forms.URLField(
        max_length=300,
        assume_scheme="https",
        help_text=SocialPost._meta.get_field("address").help_text,
    )
    fetch = forms.BooleanField(
        label="Fetch the poster, author and first line from the provider",
        required=False,
        help_text="Asked once, now; anything you typed above is kept.",
    )

    class Meta:
        model = SocialPost
        fields = ["address", "poster", "author_name", "first_line"]
        widgets = {"poster": PictureChoiceWidget()}


def stories_showing(post):
    """The stories whose stored body shows ``post``'s card."""
    return Article.objects.filter(body_html__contains=f'data-embed-id="{post.post_id}"')


@admin.register(SocialPost)
class SocialPostAdmin(admin.ModelAdmin):
    form = SocialPostForm
    change_form_template = "admin/articles/socialpost/change_form.html"
    list_display = ["address", "author_name", "first_line", "has_poster", "updated_at"]
    search_fields = ["address", "author_name", "first_line"]

    @admin.display(boolean=True, description="poster")
    def has_poster(self, obj):
        return obj.poster_id is not None

    def get_fields(self, request, obj=None):
        fields = ["address", "poster", "author_name", "first_line"]
        return [*fields, "fetch"] if settings.EMBED_FETCH_DETAILS else fields

    def get_changeform_initial_data(self, request):
        return {"address": request.GET.get("address", "")[:300]}

    def render_change_form(self, request, context, *args, **kwargs):
        context["picker_url"] = reverse("admin:articles_article_pictures")
        if request.user.has_perm("articles.add_image"):
            context["picture_upload_url"] = reverse("admin:articles_article_picture_upload")
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if settings.EMBED_FETCH_DETAILS and form.cleaned_data.get("fetch"):
            self._fetch(request, obj)
        super().save_model(request, obj, form, change)
        # Each story stores its cards' HTML: the ones showing this post show it anew.
        shown = 0
        for story in stories_showing(obj):
            story.save()
            shown += 1
        if shown:
            self.message_user(
                request, f"Updated the card in {shown} stor{'y' if shown == 1 else 'ies'}."
            )

    def _fetch(self, request, obj):
        try:
            details = oembed.fetch_details(obj)
        except oembed.Unreachable as problem:
            self.message_user(request, str(problem), messages.WARNING)
            return
        obj.author_name = obj.author_name or details["author_name"]
        obj.first_line = obj.first_line or details["first_line"]
        obj.poster = obj.poster or details["poster"]


_CARD = re.compile(
    r'<figure class="embed" data-provider="(\w+)" data-embed-id="([^"]+)">'
    r'(?:(?!</figure>).)*?<a class="embed-link" href="([^"]+)"',
    re.DOTALL,
)


def undescribed_posts_note(article):
    """A note for the story's editor on the posts its cards show that nobody has
    described yet, each with a link to describe it; None when there are none."""
    cards = {(m[1], m[2]): unescape(m[3]) for m in _CARD.finditer(article.body_html)}
    described = SocialPost.objects.filter(post_id__in=[post_id for _, post_id in cards])
    for post in described:
        cards.pop((post.provider, post.post_id), None)
    if not cards:
        return None
    add = reverse("admin:articles_socialpost_add")
    links = format_html_join(
        ", ",
        '<a href="{}?{}">{}</a>',
        ((add, urlencode({"address": a}), a) for a in cards.values()),
    )
    return format_html(
        "Readers see only a link for {} until they load the player: give it a poster, "
        "the author's name and the first line.",
        links,
    )
