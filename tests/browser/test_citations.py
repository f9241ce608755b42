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

from khartoum_site.site.citation import ACCESS_DATE_PLACEHOLDER, STYLES

PARAGRAPH = "documents/cairo-2025/op-12/"
ISSUER = "Khartoum Process"  # the declaration's issued_by in the frozen record


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
    assert found["markdown"] == f"{ISSUER}, [Cairo Ministerial Declaration, OP 12]({address})"
    in_words = f"{today:%B} {today.day}, {today.year}"
    assert found["apa"] == (f"{ISSUER}. (2025, April 9). Cairo Ministerial Declaration, operative paragraph 12. "
                            f"Second ministerial conference of the Khartoum Process, Cairo. Retrieved {in_words}, "
                            f"from {address}")
    assert found["chicago"].startswith(f"{ISSUER}. “Cairo Ministerial Declaration, operative paragraph 12.”")
    assert found["chicago"].endswith(f" Accessed {in_words}. {address}.")
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
    assert "path from this site's root" in page.locator(".km-cite-note").first.inner_text()
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


CITABLE = {  # a page of each kind that shows a citable thing, and the page its citation cites
    "document": ("documents/cairo-2025/", "documents/cairo-2025/"),
    "paragraph": (PARAGRAPH, PARAGRAPH),
    "meeting": ("events/cairo-ministerial-2025/", "events/cairo-ministerial-2025/"),
    "state's participation": ("states/egypt/", "documents/cairo-2025/pp-1/"),
}


@pytest.mark.parametrize("kind", list(CITABLE))
def test_each_citable_page_gives_a_complete_citation_with_and_without_script(browser: Any, unconfigured: str,
                                                                             kind: str) -> None:
    page_url, cited = CITABLE[kind]
    without = citations(browser, unconfigured + page_url, script=False)
    assert tuple(without) == STYLES
    assert without["url"] == "/" + cited
    for style in ("plain", "apa", "chicago"):
        assert ACCESS_DATE_PLACEHOLDER in without[style], style
    assert "accessed" not in json.loads(without["csl"])
    assert "urldate" not in without["bibtex"]
    assert "Y2  -" not in without["ris"]
    with_script = citations(browser, unconfigured + page_url)
    today = datetime.date.today()
    assert with_script["url"] == unconfigured + cited
    assert json.loads(with_script["csl"])["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert not [style for style, text in with_script.items() if ACCESS_DATE_PLACEHOLDER in text or "@@" in text]
    if kind != "meeting":  # the frozen record names no host of a meeting
        assert not [style for style, text in with_script.items() if style != "url" and ISSUER not in text]


def test_without_script_the_page_says_how_to_complete_the_access_date(browser: Any, unconfigured: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(unconfigured + "states/egypt/")
    note = page.locator(".km-cite-date-note")
    assert note.is_visible()
    assert ACCESS_DATE_PLACEHOLDER in note.inner_text()
    context.close()


FILTERED = "documents/cairo-2025/?topic=jvap-return-readmission-reintegration"


def test_a_filtered_full_text_prints_its_filter_and_its_address(browser: Any, unconfigured: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(unconfigured + FILTERED + "&h=return")  # a search's highlight query is not part of the address
    page.emulate_media(media="print")
    line = page.locator(".km-print-filter")
    assert line.is_visible()
    shown = page.locator(".km-paragraph:not([hidden])").count()
    total = page.locator(".km-paragraph").count()
    topic = page.locator('select[name="topic"] option:checked').inner_text()
    assert line.inner_text() == f"Filtered: only the paragraphs with topic “{topic}” ({shown} of {total} paragraphs)."
    assert page.locator(".km-print-head .km-print-address").inner_text() == unconfigured + FILTERED
    # The reader changes the filter: what prints follows.
    page.emulate_media(media="screen")
    page.locator("details.km-filter button[type=reset]").click()
    page.wait_for_function("!document.documentElement.getAttribute('data-km-filter-query')")
    page.emulate_media(media="print")
    assert not line.is_visible()
    assert page.locator(".km-print-head .km-print-address").inner_text() == unconfigured + "documents/cairo-2025/"
    context.close()


def test_without_script_a_printed_full_text_has_no_filter_to_name(browser: Any, unconfigured: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(unconfigured + FILTERED)
    page.emulate_media(media="print")
    assert page.locator(".km-print-filter").count() == 0
    assert page.locator(".km-paragraph:not([hidden])").count() == page.locator(".km-paragraph").count()
    context.close()
