"""Steps several browser tests share."""

from django.urls import reverse


def log_in(page, base_url, username, password):
    """Sign in to the admin through its login form, as a person would."""
    page.goto(base_url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("input[type=submit]")
