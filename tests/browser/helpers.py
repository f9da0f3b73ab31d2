"""Steps and checks the browser tests share."""

import json
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def log_in(page, base_url, username, password):
    """Sign in to the admin through its login form, as a person would."""
    page.goto(base_url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()  # signed in, on the next page


def scroll_through(page):
    """Scroll down the page and wait for every image, lazy ones included, to load;
    a picture that fails to load fails the test."""
    page.evaluate(
        """async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 600) {
                window.scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(r));
            }
            await Promise.all([...document.images].map(img => {
                img.loading = "eager";
                return img.decode().catch(() => null);
            }));
        }"""
    )
    broken = page.evaluate("[...document.images].filter(i => i.naturalWidth === 0).map(i => i.src)")
    assert broken == []


def axe_violations(page, rules):
    """Run axe-core on the page as it is now; each violation with its first nodes."""
    assert AXE.exists(), "axe-core is missing: run ./scripts/ensure-browser"
    # Runtime evaluation is not subject to the page's CSP, which rightly
    # refuses injected <script> elements.
    page.evaluate(AXE.read_text())
    result = page.evaluate(f"axe.run(document, {{runOnly: {json.dumps(rules)}}})")
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]
