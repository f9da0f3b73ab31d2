"""An editor illustrates a story from the picture picker, two tabs collide on one story,
and an autosave brings back an edit after the page was closed without saving."""

import time
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, Autosave, Image

from ..factories import jpeg_bytes, make_article, make_author, make_category, make_image
from ..helpers import AXE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password"
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]


@pytest.fixture
def editor(roles):
    user = get_user_model().objects.create_user(
        "eddie", "e@example.com", PASSWORD, is_staff=True, first_name="Eddie", last_name="Ward"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def draft(editor):
    return make_article(
        status="draft",
        title="Spaniel discovers the sea",
        body="<p>The waves were a surprise.</p>",
        author=make_author(name="Ada Barker", slug="ada-barker"),
        category=make_category(name="Rescue", slug="rescue"),
        created_by=editor,
    )


def change_url(base, story):
    return f"{base}/admin/articles/article/{story.pk}/change/"


def axe_in(page, selector, rules):
    """axe-core on one part of the page (the dialog), as it is now."""
    page.evaluate(AXE.read_text())
    script = "([selector, rules]) => axe.run(document.querySelector(selector), {runOnly: rules})"
    result = page.evaluate(script, [selector, rules])
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def wait_for(check, page, seconds=10):
    """Poll the database for what the browser sent in the background (a beacon); each
    wait goes through Playwright, which answers the browser's dialogs meanwhile."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        page.wait_for_timeout(100)
    return check()


def test_pictures_from_the_picker_into_body_and_hero(live_server, browser_page, draft, tmp_path):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    spaniel = make_image(title="Spaniel in the surf", alt="A spaniel leaping a small wave")
    make_image(title="Cat on a wall", alt="A ginger cat asleep in the sun")
    log_in(page, live_server.url, "eddie", PASSWORD)
    page.goto(change_url(live_server.url, draft))

    # The body: the editor's "Picture from library" button opens the picker.
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("End")
    page.click("button.picture-picker__insert")
    dialog = page.locator("dialog.picture-picker")
    expect(dialog).to_be_visible()
    page.wait_for_function("() => document.querySelectorAll('.picture-picker__tile').length === 2")
    assert axe_in(page, "dialog.picture-picker", AXE_RULES) == []
    page.fill("#picture-picker-search", "leaping")  # alt text, not the title
    page.wait_for_function("() => document.querySelectorAll('.picture-picker__tile').length === 1")
    dialog.locator(".picture-picker__tile", has_text="Spaniel in the surf").click()
    expect(dialog).to_be_hidden()
    figure = page.locator(".ProseMirror figure img")
    assert figure.get_attribute("src") == spaniel.file.url

    # The hero: a picture uploaded in place, with alt text required.
    page.click("[data-picture-choice]:has(#id_hero_image) [data-picture-choose]")
    photo = tmp_path / "IMG_2001.jpg"
    photo.write_bytes(jpeg_bytes(900, 1400, color=(40, 120, 90)))
    page.set_input_files("#picture-picker-file", str(photo))
    page.click("text=Upload and use")
    assert "alt text" in dialog.locator(".picture-picker__error").inner_text()
    assert Image.objects.count() == 2  # nothing stored without alt text
    page.fill("#picture-picker-alt", "A collie standing tall in a green field")
    page.click("text=Upload and use")
    page.wait_for_function("() => !document.querySelector('dialog.picture-picker').open")
    uploaded = Image.objects.get(alt="A collie standing tall in a green field")
    assert page.input_value("#id_hero_image") == str(uploaded.pk)
    preview = page.locator("[data-picture-choice]:has(#id_hero_image) .picture-choice__preview")
    assert "A collie standing tall" in preview.inner_text()
    expect(page.locator("#id_hero_image")).to_be_hidden()  # the number field is underneath

    page.click("button[value=publish]")
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    story = Article.objects.get(pk=draft.pk)
    assert story.is_public
    assert story.hero_image == uploaded

    reader = page.context.browser.new_context().new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    hero = reader.locator(".hero img")
    assert hero.get_attribute("alt") == "A collie standing tall in a green field"
    width, height = int(hero.get_attribute("width")), int(hero.get_attribute("height"))
    assert abs(width / height - 1.5) < 0.01  # a portrait upload, cropped to the hero shape
    body_picture = reader.locator(".story__body figure img")
    assert body_picture.get_attribute("alt") == "A spaniel leaping a small wave"
    assert body_picture.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_two_tabs_second_save_refused_both_kept(live_server, browser_page, draft):
    first = browser_page
    first.set_viewport_size({"width": 1366, "height": 768})
    log_in(first, live_server.url, "eddie", PASSWORD)
    second = first.context.new_page()
    first.goto(change_url(live_server.url, draft))
    second.goto(change_url(live_server.url, draft))

    first.fill("#id_title", "Spaniel discovers the sea at last")
    first.click("button[name=_continue]")
    expect(first.locator(".messagelist .success")).to_contain_text("was changed successfully")

    editor = second.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    second.keyboard.press("End")
    second.keyboard.type(" Nobody expected the seagulls.")
    second.click("button[name=_continue]")
    notice = second.locator(".errornote, .errorlist.nonfield").first
    expect(notice).to_be_visible()
    assert "after you opened it" in second.locator("#content-main").inner_text()
    conflict = second.locator(".edit-conflict")
    assert "Title" in conflict.inner_text()
    assert "seagulls" in conflict.locator("ins").inner_text()

    stored = Article.objects.get(pk=draft.pk)
    assert stored.title == "Spaniel discovers the sea at last"
    assert "seagulls" not in stored.body
    # Both versions kept: the other in the database, this tab's in the form and an autosave.
    assert "seagulls" in second.locator(".ProseMirror[contenteditable=true]").inner_text()
    assert "seagulls" in Autosave.objects.get(article=draft).data["fields"]["body"][0]

    # Saving again, having seen what differs, replaces it; the title in this tab wins too.
    asked = []
    second.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    second.click("button[name=_continue]")
    expect(second.locator(".messagelist .success")).to_contain_text("was changed successfully")
    assert "seagulls" in Article.objects.get(pk=draft.pk).body
    assert asked == []  # saving is not leaving: no warning
    assert first.console_errors == []


def test_autosave_restores_after_the_page_is_closed(live_server, browser_page, draft):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, "eddie", PASSWORD)
    page.goto(change_url(live_server.url, draft))
    page.fill("#id_dek", "A first trip to the coast, written before the crash.")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("End")
    page.keyboard.type(" The sand was hot.")

    # Leaving asks first; the page is then closed without saving.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    again = page.context.new_page()
    page.close(run_before_unload=True)
    assert wait_for(lambda: Autosave.objects.filter(article=draft).exists(), again)
    assert asked == ["beforeunload"]
    assert Article.objects.get(pk=draft.pk).dek == draft.dek  # nothing saved to the story

    again.goto(change_url(live_server.url, draft))
    offer = again.locator("#autosave-offer-banner")
    expect(offer).to_be_visible()
    again.click("text=Restore unsaved changes from")
    assert again.input_value("#id_dek") == "A first trip to the coast, written before the crash."
    assert "The sand was hot." in again.locator(".ProseMirror[contenteditable=true]").inner_text()
    again.click("button[name=_continue]")
    expect(again.locator(".messagelist .success")).to_contain_text("was changed successfully")
    stored = Article.objects.get(pk=draft.pk)
    assert stored.dek == "A first trip to the coast, written before the crash."
    assert "The sand was hot." in stored.body
    assert not Autosave.objects.filter(article=draft).exists()
    # After a save, leaving asks nothing.
    after_save = []
    again.on("dialog", lambda dialog: (after_save.append(dialog.type), dialog.accept()))
    again.goto(live_server.url + "/admin/")
    assert after_save == []


def test_the_social_post_tool_inserts_a_post_and_links_to_its_description(
    live_server, browser_page, draft
):
    """Issue 23: the body editor's "Social post" tool checks the address, inserts it as
    a paragraph of its own and offers the form that describes the post."""
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server.url, "eddie", PASSWORD)
    page.goto(change_url(live_server.url, draft))
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("End")
    page.click("button.post-tool__insert")
    dialog = page.locator("dialog.post-tool")
    assert dialog.is_visible()
    page.fill("#post-tool-address", "https://example.org/not-a-post")
    page.click("text=Insert the post")
    assert "not the address" in dialog.locator(".post-tool__error").inner_text()
    address = "https://www.tiktok.com/@shelterdogs/video/7318842265310924065"
    page.fill("#post-tool-address", address)
    page.click("text=Insert the post")
    link = page.locator(f'.ProseMirror p > a[href="{address}"]')
    link.wait_for()
    describe = dialog.get_by_role("link", name="describe the post")
    assert describe.get_attribute("href") == (
        "/admin/articles/socialpost/add/?address=" + quote(address, safe="")
    )
    assert axe_in(page, "dialog.post-tool", AXE_RULES) == []
