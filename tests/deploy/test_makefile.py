"""The Makefile a newcomer runs: any Python 3.11 or newer on the PATH, and `make run`
installing only what the site needs (the test tools come with `make test`)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


MAKE = shutil.which("make")


def make(*args, path):
    """`make` in the project with only the folder ``path`` to find programs in."""
    env = {"PATH": str(path), "HOME": str(path)}
    return subprocess.run(
        [MAKE, "--no-print-directory", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip


def chosen_python(path):
    return make("--eval", "chosen: ; @echo [$(PYTHON)]", "chosen", path=path).strip()


def test_any_python_from_3_11_on_is_found(tmp_path):
    (tmp_path / "python3").symlink_to(sys.executable)  # no binary named python3.11
    old = tmp_path / "python3.12"  # says it is a Python, then fails the version check
    old.write_text("#!/bin/sh\nexit 1\n")
    old.chmod(0o755)
    assert chosen_python(tmp_path) == "[python3]"


def test_make_run_installs_the_site_only_and_make_test_the_tools_too(tmp_path):
    venv = f"VENV={tmp_path / 'venv'}"
    run = make("-n", "setup", venv, path=tmp_path)
    assert "pip install --quiet -e ." in run
    assert ".[test]" not in run
    test = make("-n", "test", venv, path=tmp_path)
    assert "pip install --quiet -e '.[test]'" in test
