from django import forms

from articles.models import Category

EMAIL_ERRORS = {
    "required": "Please give your email address.",
    "invalid": "That does not look like an email address (name@example.com).",
}


class FollowForm(forms.Form):
    email = forms.EmailField(label="Email", max_length=254, error_messages=EMAIL_ERRORS)


class SectionsForm(forms.Form):
    sections = forms.ModelMultipleChoiceField(
        label="Sections",
        queryset=Category.objects.for_navigation(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick none for every section.",
        error_messages={
            "invalid_choice": "Please choose from the sections listed.",
            "invalid_pk_value": "Please choose from the sections listed.",
            "invalid_list": "Please choose from the sections listed.",
        },
    )


class NewsletterForm(FollowForm, SectionsForm):
    pass
