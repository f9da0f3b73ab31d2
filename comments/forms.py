from django import forms
from django.conf import settings
from django.core.validators import URLValidator

from .models import Comment
from .rendering import clean_text

UNAVAILABLE_PARENT = (
    "The comment you are replying to is not shown at the moment (it may be waiting for "
    "a moderator), so your reply was not posted. Your text is kept below: post it again "
    "to send it as a new comment instead."
)


class WebAddressField(forms.URLField):
    """A web address: URLField's own check, narrowed to http and https. (A second
    validator beside URLField's would say the same error twice.)"""

    default_validators = [URLValidator(schemes=["http", "https"])]


class CommentForm(forms.Form):
    """Leave a Reply: the fields readers know, in the order they know them."""

    body = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 45}),
        error_messages={"required": "Please write your comment."},
    )
    name = forms.CharField(
        label="Name",
        max_length=80,
        error_messages={"required": "Please give a name to show with your comment."},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email",
        max_length=254,
        error_messages={
            "required": "Please give your email address. It is never published.",
            "invalid": "That does not look like an email address (name@example.com).",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = WebAddressField(
        label="Website",
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": "That does not look like a web address (https://…)."},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    remember = forms.BooleanField(
        label="Save my name, email and website in this browser for the next time I comment.",
        required=False,
    )
    notify = forms.BooleanField(
        label="Email me when my comment is approved and when someone replies.",
        required=False,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    shown = forms.CharField(required=False, widget=forms.HiddenInput, max_length=200)
    # Robots fill in every field; people never see this one.
    honeypot = forms.CharField(
        label="Leave this field empty",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    VISIBLE = ("body", "name", "email", "website")

    def __init__(self, *args, article=None, rules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.rules = rules
        self.fields["body"].widget.attrs["maxlength"] = settings.COMMENT_MAX_LENGTH

    def full_clean(self):
        super().full_clean()
        # Django marks fields with errors aria-invalid; tie each to its message too.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"
        # The first field with an error takes the focus when the page loads, without
        # JavaScript.
        if first := self.first_invalid():
            self.fields[first].widget.attrs["autofocus"] = True

    def first_invalid(self):
        """The name of the first field a reader sees marked with an error, or None."""
        return next((name for name in self.VISIBLE if name in self.errors), None)

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError("Please write your comment.")
        if len(body) > settings.COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                f"Comments can be up to {settings.COMMENT_MAX_LENGTH:,} characters; "
                f"this one has {len(body):,}. Please shorten it."
            )
        return body

    def clean_name(self):
        name = " ".join(clean_text(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError("Please give a name to show with your comment.")
        return name

    def clean_parent(self):
        pk = self.cleaned_data.get("parent")
        if not pk:
            return None
        parent = Comment.objects.approved().filter(pk=pk, article=self.article).first()
        if parent is None:
            raise forms.ValidationError(UNAVAILABLE_PARENT, code="unavailable")
        if self.rules and parent.depth >= self.rules.thread_depth:
            raise forms.ValidationError(
                "That conversation is as deep as it goes; please reply to an earlier comment."
            )
        return parent


class EditForm(forms.Form):
    """Changing one's own comment within the edit window: the text only."""

    body = CommentForm.base_fields["body"]
    clean_body = CommentForm.clean_body
