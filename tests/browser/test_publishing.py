"""An editor writes, illustrates, previews and publishes a story; a reader finds it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, Image

from ..factories import jpeg_bytes, make_author, make_category
from ..helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password"


@pytest.fixture
def editor(roles):
    user = get_user_model().objects.create_user("eddie", "e@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    make_author(name="Ada Barker", slug="ada-barker")
    make_category(name="Rescue", slug="rescue")
    return user


def choose(page, field, text):
    """Pick an option in one of the admin's autocomplete (select2) boxes."""
    page.locator(f".field-{field} .select2-selection").click()
    page.keyboard.type(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_writes_previews_and_publishes(live_server, browser_page, editor, tmp_path):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})  # editors work at a desk
    log_in(page, live_server.url, "eddie", PASSWORD)

    # A hero picture for the library, with alt text.
    photo = tmp_path / "IMG_0042.jpg"
    photo.write_bytes(jpeg_bytes(1600, 1000, color=(90, 140, 200)))
    page.goto(live_server.url + "/admin/articles/image/add/")
    page.set_input_files("#id_file", str(photo))
    page.fill("#id_title", "Dog on the sand")
    page.fill("#id_alt", "A wet spaniel shaking sand off on a beach")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    image = Image.objects.get()

    # The story, written in the rich-text editor.
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially("Spaniel discovers the sea")
    assert page.input_value("#id_slug") == "spaniel-discovers-the-sea"  # prepopulated
    page.fill("#id_dek", "A first trip to the coast goes better than anyone hoped.")
    editor_area = page.locator(".ProseMirror[contenteditable=true]")
    editor_area.click()
    page.keyboard.type("The waves were a surprise.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Alt+2")
    page.keyboard.type("Into the water")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+b")
    page.keyboard.type("Splash")
    page.keyboard.press("Control+b")
    page.keyboard.type(" went the dog.")
    choose(page, "author", "Ada")
    choose(page, "category", "Rescue")
    page.click("[data-picture-choice]:has(#id_hero_image) [data-picture-choose]")  # the picker
    page.locator(".picture-picker__tile", has_text="Dog on the sand").click()
    assert page.input_value("#id_hero_image") == str(image.pk)
    page.fill("#id_tags", "beach, spaniels")

    # Preview, unsaved, in a new tab.
    with page.context.expect_page() as opened:
        page.click("button:has-text('Preview')")
    preview = opened.value
    preview.wait_for_load_state()
    assert "Preview" in preview.locator(".preview-banner").inner_text()
    assert preview.locator("h1").inner_text() == "Spaniel discovers the sea"
    assert preview.locator(".story__body h2").inner_text() == "Into the water"
    assert preview.locator(".story__body strong").inner_text() == "Splash"
    preview.close()
    assert not Article.objects.exists()

    page.click("button[value=publish]")
    expect(page.locator(".messagelist .success")).to_contain_text("was added successfully")
    story = Article.objects.get()
    assert story.is_public
    assert story.created_by == editor

    # A reader finds it on the home page and reads it.
    reader = page.context.browser.new_context().new_page()
    reader.goto(live_server.url + "/")
    lead = reader.locator("article.lead h2 a")
    assert lead.inner_text() == "Spaniel discovers the sea"
    lead.click()
    reader.wait_for_url("**/story/spaniel-discovers-the-sea/")
    hero = reader.locator(".hero img")
    assert hero.get_attribute("alt") == "A wet spaniel shaking sand off on a beach"
    assert hero.get_attribute("width")
    assert hero.get_attribute("height")
    assert reader.locator(".story__body h2").inner_text() == "Into the water"
    assert page.console_errors == []
    assert page.foreign_requests == []
