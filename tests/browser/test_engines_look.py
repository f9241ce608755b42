"""The same look with every engine: each page type of the real site built by MkDocs, ProperDocs and
Zensical, read in Chromium for what a reader sees (palette, fonts, header, map, locator, timeline, print
styles), and a screenshot of each kept in build/screenshots/engines/ for a person to compare.

An engine that is not installed is skipped, and fails the test under CI (see tests/build/test_engines.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, DataCopy, project, serve_folder

from khartoum_site.adapters import engines

SCREENSHOTS = ROOT / "build" / "screenshots" / "engines"
PAGES = {"home": "", "state": "states/egypt/", "paragraph": "documents/cairo-2025/op-12/", "timeline": "timeline/"}
OTHERS = [name for name in sorted(engines.ENGINES) if name != engines.DEFAULT]

# What a reader sees, read from the computed styles: equal on every engine.
LOOK = """() => {
  const style = (selector, property) => {
    const element = document.querySelector(selector);
    return element ? getComputedStyle(element).getPropertyValue(property) : null;
  };
  const locator = document.querySelector("img.km-locator");
  return {
    header: style(".md-header", "background-color"),
    headerText: style(".md-header", "color"),
    title: document.querySelector(".md-header__topic")?.textContent.trim() ?? null,
    font: style("body", "font-family"),
    h1: style("article h1", "font-size") + " " + style("article h1", "font-weight"),
    text: style("article p", "font-size") + " " + style("article p", "color"),
    link: style("article p a:not(.headerlink)", "color"),
    map: document.querySelectorAll("svg.km-map a").length,
    locator: locator ? [locator.complete, locator.naturalWidth > 0, locator.width, locator.height] : null,
    timeline: document.querySelectorAll(".km-timeline li, .km-timeline > *").length,
    schemes: [...document.querySelectorAll("[data-md-color-scheme]")].map(e => e.getAttribute("data-md-color-scheme")),
  };
}"""


def _build(name: str, root: Path) -> Path:
    try:
        engines.check_installed(engines.ENGINES[name])
    except engines.Unavailable as exc:
        if os.environ.get("CI") and (name != "zensical" or sys.version_info >= (3, 11)):
            pytest.fail(f"{exc} (scripts/test installs the engines' extras in CI)")
        pytest.skip(str(exc))
    project(DataCopy(root))
    done = subprocess.run([sys.executable, "-m", "khartoum_site", "build", "--engine", name], cwd=root,
                          capture_output=True, text=True, timeout=300,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def mkdocs_url(fixture_site: Path) -> Iterator[str]:
    with serve_folder(fixture_site) as url:
        yield url


@pytest.fixture(scope="module", params=OTHERS)
def other(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    name = str(request.param)
    site = _build(name, tmp_path_factory.mktemp(f"look-{name}"))
    with serve_folder(site) as url:
        yield name, url


def _look(browser: Any, url: str, shot: Path | None, media: str = "screen") -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.emulate_media(media=media)
        tab.goto(url)
        tab.wait_for_load_state("load")
        if shot is not None:
            shot.parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(shot), full_page=True)
        return dict(tab.evaluate(LOOK))
    finally:
        context.close()


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_type_looks_the_same_as_with_mkdocs(browser: Any, mkdocs_url: str, other: tuple[str, str],
                                                      page: str) -> None:
    name, url = other
    expected = _look(browser, mkdocs_url + PAGES[page], SCREENSHOTS / f"mkdocs-{page}.png")
    seen = _look(browser, url + PAGES[page], SCREENSHOTS / f"{name}-{page}.png")
    assert seen == expected
    if page == "state":
        assert seen["locator"] == [True, True, 240, 320]  # the locator sheet loads with every engine
    if page == "home":
        assert seen["map"] == 40


def test_print_styles_are_the_same(browser: Any, mkdocs_url: str, other: tuple[str, str]) -> None:
    name, url = other
    expected = _look(browser, mkdocs_url + PAGES["paragraph"], None, media="print")
    assert _look(browser, url + PAGES["paragraph"], None, media="print") == expected, name
