"""The fixtures and the rules of the three test tiers; the helpers tests share are in ``helpers.py``.

    tests/unit/      no build, no browser, no subprocess: the logic, in-process, in under 10 s
    tests/artefacts/ the same rules, over whole outputs read with their consumers' tools (Frictionless,
                     JSON Schema, the OASIS schema, Hypothesis): seconds each
    tests/build/     full MkDocs builds and subprocesses: the CLI, mkdocs serve, publishing, Node,
                     check-jsonschema, Sphinx
    tests/browser/   the built site in Debian's Chromium, driven by Playwright

``.venv/bin/pytest tests/unit`` is the quick loop; ``.venv/bin/pytest`` runs every tier. A test
module imports helpers from ``helpers`` (``from helpers import DataCopy``), never from here or from
another test module. The unit tier's rules are enforced while its tests run (see ``unit_tier_rules``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import subprocess
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from helpers import (
    CHROMIUM,
    DATA,
    DATA_DATE,
    IN_PROCESS_TIERS,
    REAL_DATA,
    ROOT,
    SITE_NAME,
    DataCopy,
    PagesAsHtml,
    TierError,
    build_site,
    plant,
    project,
    serve_folder,
)

from khartoum_site.outputs import pageset
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.model import Record
from khartoum_site.record.validate import load_record

# --- the unit tier's rules ------------------------------------------------------------------------------

def _refuse(what: str, tier: str) -> Any:
    def refuse(*_args: object, **_kwargs: object) -> Any:
        raise TierError(f"tests/{tier} runs no {what}: move this test to tests/build/ or tests/browser/")
    return refuse


@contextlib.contextmanager
def unit_tier_rules(item: pytest.Item) -> Iterator[None]:
    """While a unit test sets up and runs: no subprocess (the CLI, git, Node, Playwright's driver) and
    no MkDocs build (every build of the project runs the plugin's ``on_config`` first)."""
    tier = next((t.name for t in IN_PROCESS_TIERS if item.path.is_relative_to(t)), None)
    if tier is None:
        yield
        return
    with contextlib.ExitStack() as stack:
        stack.enter_context(mock.patch.object(subprocess, "Popen", _refuse("subprocess", tier)))
        if "mkdocs.plugins" in sys.modules:  # not imported: no build can have been set up
            plugins = sys.modules["mkdocs.plugins"]
            stack.enter_context(mock.patch.object(plugins.PluginCollection, "on_config", _refuse("MkDocs build", tier)))
        yield


TIERS = ("unit", "artefacts", "build", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The quick tier first, so that a broken check fails in seconds: unit, then build, then browser."""
    def tier(item: pytest.Item) -> int:
        folder = item.path.relative_to(ROOT / "tests").parts[0] if item.path.is_relative_to(ROOT / "tests") else ""
        return TIERS.index(folder) if folder in TIERS else len(TIERS)

    items.sort(key=tier)  # stable: each module's tests stay together, in their order


def pytest_collection_finish() -> None:
    """What is imported and collected lives until the session ends: keep the garbage collector from
    walking it again and again, and let it run less often (parsed pages make many small objects).
    In the unit tier it took about 1 s; now about 0.5 s."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    with unit_tier_rules(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    with unit_tier_rules(item):
        return (yield)


# --- the real data, and copies of it to break on purpose ------------------------------------------------

@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataCopy:
    """Real data copied to tmp_path/data; the working directory is tmp_path, so messages say data/..."""
    monkeypatch.chdir(tmp_path)
    return DataCopy(tmp_path)


# --- the page set, made in-process (what the unit tier reads pages from) -------------------------------

@pytest.fixture(scope="session")
def record() -> Record:
    """The real record, loaded and validated once."""
    return load_record(DATA)


@pytest.fixture(scope="session")
def page_set(record: Record) -> PageSet:
    """Everything the plugin adds to a build of the real data: pages as Markdown, and files."""
    with mock.patch.object(pageset, "data_date", return_value=DATA_DATE):
        return pageset.make_page_set(record, DATA, SITE_NAME, None)


# --- builds (tests/build/ and tests/browser/ only) ------------------------------------------------------

@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project (mkdocs.yml, docs/) with the frozen fixture data, built once for the session."""
    root = tmp_path_factory.mktemp("fixture")
    project(DataCopy(root))
    return build_site(root / "mkdocs.yml", root / "site")


@pytest.fixture(scope="session")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The project with a hostile payload in every string field (see ``planted.py``), built once; and
    marker → field planted. A hand-written page previews a paragraph through a [[key]] reference."""
    root = tmp_path_factory.mktemp("planted")
    copy = DataCopy(root)
    project(copy)
    planted = plant(copy.data)
    (root / "docs" / "previews.md").write_text("# Previews\n\nSee [[cairo-2025/op-1]] and [[states/egypt]].\n",
                                               encoding="utf-8")
    return build_site(root / "mkdocs.yml", root / "site"), planted


@pytest.fixture(scope="module")
def site_url(fixture_site: Path) -> Iterator[str]:
    """The real site served on localhost, for the browser tier: the address of its root."""
    with serve_folder(fixture_site) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A tab at a desktop size, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


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


@pytest.fixture(scope="session")
def real() -> PagesAsHtml:
    """Every page of the real record (data/), as HTML: made once for the modules that read them."""
    from khartoum_site.site.pages import build_pages  # here: only the tests of the real record's pages need it
    pages = build_pages(load_record(REAL_DATA), data_date="2026-12-05")
    return PagesAsHtml({path: page.markdown for path, page in pages.items()})
