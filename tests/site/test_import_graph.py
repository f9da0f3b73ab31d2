"""The floors of the house: each package imports only the floors below it.

`doggydiary` is the floor (settings, site helpers, caching, mail), `articles` stands on
it, `comments` on `articles`, and `tools` (what is about the whole site) and
`wordpress` (moving a magazine in) on all of them. The
floor names an app only in its wiring modules. Migrations import no app code beyond the
references Django writes into them (a model's `upload_to`, a field default, an index
expression), so a helper changed next year cannot break a migration written this year."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("doggydiary", "articles", "comments", "tools", "wordpress")
MAY_IMPORT = {
    "doggydiary": set(),
    "articles": {"doggydiary"},
    "comments": {"doggydiary", "articles"},
    "tools": {"doggydiary", "articles", "comments"},
    "wordpress": {"doggydiary", "articles", "comments", "tools"},
}
# The floor's wiring, where the apps are plugged in.
WIRING = {"urls.py", "jinja2.py", "context_processors.py"}


def imported_packages(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module or ""
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def our_imports(path):
    return {name for name in imported_packages(path) if name.split(".")[0] in PACKAGES}


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_imports_only_the_floors_below_it(package):
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts or (package == "doggydiary" and path.name in WIRING):
            continue
        for name in our_imports(path):
            top = name.split(".")[0]
            if top != package and top not in MAY_IMPORT[package]:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


@pytest.mark.parametrize("app", ["articles", "comments"])
def test_migrations_import_no_app_code(app):
    wrong = []
    for path in sorted((ROOT / app / "migrations").glob("0*.py")):
        for name in our_imports(path):
            # Django writes `import articles.models.x` for a model's upload_to, a default
            # and the like.
            models = name.endswith(".models") or ".models." in name
            if not (name.startswith(f"{app}.") and models):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []
