"""The site with a hostile payload in every string field (``planted.py``), in a real browser: no page runs
it, and Material's search box shows planted titles as text. The artefacts read back: tests/build/test_boundaries.py.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from helpers import HOOK, PLACEHOLDERS, script_filled, serve_folder


def test_pages_run_no_payload_in_a_browser(planted_site: tuple[Path, dict[str, str]], browser: Any) -> None:
    site, _ = planted_site
    with serve_folder(site) as url:
        context = browser.new_context()
        context.add_init_script(f"window.__hits = []; window.{HOOK} = m => window.__hits.push(m);")
        tab = context.new_page()
        hits: list[str] = []
        for path in ("", "states/", "states/austria/", "organisations/igad/", "instruments/", "topics/",
                     "sources/", "documents/cairo-2025/", "documents/cairo-2025/pp-1/",
                     "timeline/", "downloads/", "previews/"):
            tab.goto(url + path)
            tab.wait_for_load_state("load")
            hits += tab.evaluate("window.__hits")
        box = tab.locator("input.md-search__input")
        box.click()
        box.press_sequentially("record", delay=30)  # a word of most pages: the results show planted titles
        tab.locator(".md-search-result__item").first.wait_for(timeout=15000)
        assert "__pwned" in tab.locator(".md-search-result").inner_text()  # shown as text
        tab.mouse.wheel(0, 5000)  # more results are rendered as the list scrolls
        tab.wait_for_timeout(500)
        hits += tab.evaluate("window.__hits")
        context.close()
    assert hits == []


def test_the_citation_script_fills_in_no_placeholder_written_in_the_data(
        planted_site: tuple[Path, dict[str, str]], browser: Any) -> None:
    """Every planted text holds the script's placeholders (``PLACEHOLDERS``): they stay as written, while the
    script still fills in its own (the address and the access date)."""
    site, _ = planted_site
    page = "documents/cairo-2025/pp-1/"
    static = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    before = {str(b["data-km-style"]): b.get_text() for b in static.select(".km-cite")}
    with serve_folder(site) as url:
        tab = browser.new_page()
        tab.goto(url + page)
        tab.wait_for_load_state("load")
        after = {style: tab.locator(f'.km-cite[data-km-style="{style}"] pre code').inner_text() for style in before}
        tab.close()
    for style in ("plain", "csl", "ris", "bibtex"):  # the Markdown link writes each @ as a reference
        for placeholder in PLACEHOLDERS.split():
            assert after[style].count(placeholder) == before[style].count(placeholder) > 0, style
    assert url + page in after["plain"]
    assert "(accessed " in after["plain"]


def test_the_citation_script_changes_nothing_but_its_places(planted_site: tuple[Path, dict[str, str]],
                                                           browser: Any) -> None:
    """Each citation, after the script, is the page's text with each place to fill (``data-km-fill``) holding its
    template filled in with the reader's address and today's date: the planted text around it, markup,
    placeholders and tokens included, is exactly as the page shows it without script."""
    site, _ = planted_site
    for page in ("documents/cairo-2025/", "documents/cairo-2025/pp-1/", "states/austria/"):
        static = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        boxes = static.select(".km-citation")
        assert boxes, page
        with serve_folder(site) as url:
            tab = browser.new_page()
            tab.goto(url + page)
            tab.wait_for_load_state("load")
            after = tab.evaluate("""() => Array.from(document.querySelectorAll('.km-citation')).map(box =>
                Array.from(box.querySelectorAll('.km-cite pre code')).map(code => code.textContent))""")
            tab.close()
        today = datetime.date.today()
        values = {"accessed-long": f"{today.day} {today:%B %Y}", "accessed-us": f"{today:%B} {today.day}, {today.year}",
                  "accessed-iso": today.isoformat(), "accessed-ris": f"{today:%Y/%m/%d}/",
                  "accessed-year": str(today.year), "accessed-month": str(today.month), "accessed-day": str(today.day)}
        expected = []
        for box in boxes:
            cited = urljoin(url + page, str(box["data-km-base"]))
            expected.append([script_filled(code, {"url": cited, **values}) for code in box.select(".km-cite pre code")])
        assert after == expected, page
        assert all(PLACEHOLDERS in texts[1] for texts in after), page  # the plain style, with a planted title
