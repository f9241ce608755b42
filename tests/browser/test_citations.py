"""Citations as a reader copies them: read from the rendered page in Chromium, at the address the
test server serves, with and without ``site_url``, at the root and under a sub-path."""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import DataCopy, build_site, free_port, project, serve_folder

PARAGRAPH = "documents/cairo-2025/op-12/"
STYLES = ("url", "plain", "markdown", "csl", "bibtex", "ris")


@pytest.fixture(scope="module", params=["root", "sub-path"])
def unconfigured(request: pytest.FixtureRequest, fixture_site: Path, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[str]:
    """The site built without ``site_url``, served at the root or under /kp/: the address of its root."""
    if request.param == "root":
        with serve_folder(fixture_site) as url:
            yield url
        return
    parent = tmp_path_factory.mktemp("subpath")
    (parent / "kp").symlink_to(fixture_site, target_is_directory=True)
    with serve_folder(parent) as url:
        yield url + "kp/"


@pytest.fixture(scope="module", params=["root", "sub-path"])
def configured(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built with ``site_url`` set to the address it is then served at: that address."""
    port = free_port()
    prefix = "" if request.param == "root" else "kp/"
    parent = tmp_path_factory.mktemp("configured")
    address = f"http://127.0.0.1:{port}/{prefix}"
    root = parent / "project"
    project(DataCopy(root))
    site = build_site(root / "mkdocs.yml", parent / (prefix or "site"), address)
    with serve_folder(parent if prefix else site, port) as url:
        assert url == f"http://127.0.0.1:{port}/"
        yield address


def citations(browser: Any, url: str, *, script: bool = True) -> dict[str, str]:
    """Each citation block's text, as the copy button copies it, by style."""
    context = browser.new_context(java_script_enabled=script)
    page = context.new_page()
    page.goto(url)
    found = {block.get_attribute("data-km-style"): block.locator("pre code").inner_text().strip()
             for block in page.locator(".km-cite[data-km-style]").all()}
    context.close()
    return found


def assert_cites(found: dict[str, str], address: str) -> None:
    today = datetime.date.today()
    assert tuple(found) == STYLES
    assert found["url"] == address
    assert found["plain"].endswith(f" {address} (accessed {today.day} {today:%B %Y}).")
    assert found["markdown"] == f"[Cairo Ministerial Declaration, OP 12]({address})"
    csl = json.loads(found["csl"])
    assert csl["URL"] == address
    assert csl["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert f"  url = {{{address}}},\n" in found["bibtex"] + "\n"
    assert f"  urldate = {{{today.isoformat()}}}," in found["bibtex"]
    ris = dict(line.split("  - ", 1) for line in found["ris"].splitlines() if "  - " in line)
    assert (ris["UR"], ris["Y2"], ris["TY"]) == (address, f"{today:%Y/%m/%d}/", "GEN")
    assert found["ris"].splitlines()[-1].startswith("ER  -")


def test_without_site_url_a_citation_carries_the_address_the_reader_is_on(browser: Any, unconfigured: str) -> None:
    assert_cites(citations(browser, unconfigured + PARAGRAPH), unconfigured + PARAGRAPH)
    # Opened as .../index.html, the citation still gives the page's own address.
    assert citations(browser, unconfigured + PARAGRAPH + "index.html")["url"] == unconfigured + PARAGRAPH


def test_the_copy_button_copies_the_full_address(browser: Any, unconfigured: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(unconfigured + PARAGRAPH)
    block = page.locator('.km-cite[data-km-style="url"]')
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied.strip() == unconfigured + PARAGRAPH


def test_without_script_the_page_says_what_the_path_is(browser: Any, unconfigured: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(unconfigured + PARAGRAPH)
    assert page.locator('.km-cite[data-km-style="url"] code').inner_text().strip() == "/" + PARAGRAPH
    assert "path from this site's root" in page.locator(".km-cite-note").inner_text()
    context.close()
    # With the script, the note has nothing left to explain.
    context = browser.new_context()
    page = context.new_page()
    page.goto(unconfigured + PARAGRAPH)
    assert page.locator(".km-cite-note").count() == 0
    context.close()


def test_with_site_url_citations_canonical_link_and_sitemap_are_absolute(browser: Any, configured: str) -> None:
    address = configured
    assert_cites(citations(browser, address + PARAGRAPH), address + PARAGRAPH)
    # Without script too: the configured address is known at build time.
    assert citations(browser, address + PARAGRAPH, script=False)["url"] == address + PARAGRAPH

    context = browser.new_context()
    page = context.new_page()
    page.goto(address + PARAGRAPH)
    assert page.locator('link[rel="canonical"]').get_attribute("href") == address + PARAGRAPH
    sitemap = page.request.get(address + "sitemap.xml").text()
    context.close()
    locs = [el.text or "" for el in ET.fromstring(sitemap).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert address + PARAGRAPH in locs
    assert all(loc.startswith(address) for loc in locs)
    assert not [loc for loc in locs if re.search(r"(?<!:)//", loc)]
