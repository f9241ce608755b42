"""Shared fixtures: the real site built once, and copies of the real data to break on purpose."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, site_dir: Path) -> Path:
    """A strict MkDocs build, as the README's command runs it."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")


def html(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at a site URL such as ``states/austria/``."""
    path = site / url / "index.html" if url == "" or url.endswith("/") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def heading(page: BeautifulSoup) -> str:
    """The text of a page's h1 as a reader sees it, without the permalink sign."""
    h1 = page.h1
    assert h1 is not None, "the page has no h1"
    return "".join(h1.find_all(string=True, recursive=False)).strip()


class DataCopy:
    """A copy of the real data/ in a temporary project, with helpers to break it on purpose."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        shutil.copytree(DATA, self.data)

    def replace(self, name: str, old: str, new: str, count: int = 1) -> int:
        """Replace text in data/<name>; return the 1-based line where the new text starts."""
        path = self.data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        at = text.index(old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return text[:at].count("\n") + 1

    def line_of(self, name: str, needle: str) -> int:
        text = (self.data / name).read_text(encoding="utf-8")
        assert needle in text, f"{needle!r} not in {name}"
        return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataCopy:
    """Real data copied to tmp_path/data; the working directory is tmp_path, so messages say data/..."""
    monkeypatch.chdir(tmp_path)
    return DataCopy(tmp_path)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A built site served on a free port of 127.0.0.1, as a reader's browser reaches it."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; skipped only where it is missing and CI is not set."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run must install Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield instance
        instance.close()
