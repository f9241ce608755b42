"""The built site in a real browser: Debian's Chromium driven by Playwright, served on localhost.

Clicks a state on the map, follows a paragraph link to its anchor, searches a phrase, checks the
hover preview, and runs axe-core (WCAG 2.1 A and AA) on each page type. Skipped only where Chromium
is not installed and CI is not set; in CI a missing browser is a failure.
"""

from __future__ import annotations

import base64
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT

SCREENSHOTS = ROOT / "build" / "screenshots"
PAGE_TYPES = {
    "home": "",
    "state": "states/egypt/",
    "organisation": "organisations/igad/",
    "paragraph": "documents/cairo-2025/op-12/",
    "full text": "documents/cairo-2025/",
    "timeline": "timeline/",
    "downloads": "downloads/",
    "list of sources": "sources/",  # each source a heading, with its facts table and what cites it
}


def test_clicking_a_state_on_the_map_opens_its_page(page: Any, site_url: str) -> None:
    page.goto(site_url)
    links = page.locator("svg.km-map a")
    assert links.count() == 40
    page.locator('svg.km-map a[aria-label="Kenya"]').click()
    page.wait_for_url(f"{site_url}states/kenya/")
    assert page.locator("article h1").inner_text().removesuffix("¶").strip() == "Kenya"
    page.goto(site_url)
    page.locator('svg.km-map a[aria-label="Malta"]').click()  # the marker: Malta is too small to draw
    page.wait_for_url(f"{site_url}states/malta/")


def test_a_paragraph_link_lands_on_its_anchor(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}states/egypt/")
    page.locator('article a[href$="documents/cairo-2025/#pp-2"]').click()
    page.wait_for_url(f"{site_url}documents/cairo-2025/#pp-2")
    assert page.evaluate("document.querySelector(':target').id") == "pp-2"
    text = page.locator("#pp-2 + p.paragraph-text").inner_text()
    assert text.startswith("Meeting in Cairo on April 9, 2025")
    assert page.locator("#pp-2").is_visible()


def test_search_finds_a_phrase_from_a_paragraph(page: Any, site_url: str) -> None:
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("non-refoulement", delay=40)  # typed, as a reader does: search runs on key events
    result = page.locator(".md-search-result__item a").first
    result.wait_for(timeout=15000)
    result.click()
    page.wait_for_load_state()
    assert "documents/cairo-2025/" in page.url
    assert "the principle of non-refoulement" in page.locator("article").inner_text()


def test_a_reference_previews_its_paragraph_on_focus(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}cite/")
    link = page.locator('article a.km-ref[href="../documents/cairo-2025/op-12/"]').first
    assert link.evaluate("el => getComputedStyle(el, '::after').content") == "none", "no preview before focus"
    link.focus()
    preview = link.evaluate("el => getComputedStyle(el, '::after').content")
    assert "Highlighting the importance of strengthening cooperation" in preview


def drawn_pixels(page: Any, png: bytes) -> tuple[int, list[list[int]]]:
    """The width and the [r, g, b, a] pixels of a PNG screenshot, decoded by the browser itself."""
    width, data = page.evaluate("""async (b64) => {
        const img = new Image();
        img.src = "data:image/png;base64," + b64;
        await img.decode();
        const canvas = Object.assign(document.createElement("canvas"), {width: img.width, height: img.height});
        const context = canvas.getContext("2d");
        context.drawImage(img, 0, 0);
        return [img.width, Array.from(context.getImageData(0, 0, img.width, img.height).data)];
    }""", base64.b64encode(png).decode("ascii"))
    return width, [data[i:i + 4] for i in range(0, len(data), 4)]


@pytest.mark.parametrize("state", ["djibouti", "austria"])
def test_the_locator_map_highlights_the_state(page: Any, site_url: str, fixture_site: Path, state: str) -> None:
    """What the reader sees: the state, and no other, in its region's strong colour, inside its ring."""
    sheet = ET.parse(fixture_site / "assets" / "khartoum-locator.svg").getroot()
    svg = "{http://www.w3.org/2000/svg}"
    group = next(g for g in sheet.iter(f"{svg}g") if g.get("id") == state)
    ring = next(c for c in group if c.get("class") == "km-ring")
    cx, cy, r = (float(ring.get(a) or 0) for a in ("cx", "cy", "r"))
    style = sheet.find(f"{svg}style")
    assert style is not None
    assert style.text is not None
    strong = {cls: tuple(int(hex6[i:i + 2], 16) for i in (0, 2, 4))
              for cls, hex6 in re.findall(r"g:target\.([\w-]+) \.km-shape\{fill:#([0-9a-f]{6})\}", style.text)}
    assert len(strong) == 3, style.text

    page.goto(f"{site_url}states/{state}/")
    image = page.locator("img.km-locator")
    assert image.get_attribute("src").endswith(f"khartoum-locator.svg#{state}")
    image.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('img.km-locator').complete")
    box = image.bounding_box()
    scale = box["width"] / float(sheet.get("width") or 1)  # CSS pixels a unit of the sheet
    width, pixels = drawn_pixels(page, image.screenshot())

    def where(colour: tuple[int, ...]) -> list[tuple[float, float]]:
        """Where the screenshot has this colour (give or take anti-aliasing), in sheet units."""
        return [((n % width + 0.5) / scale, (n // width + 0.5) / scale) for n, p in enumerate(pixels)
                if max(abs(p[k] - colour[k]) for k in range(3)) <= 24]

    own = where(strong[group.get("class") or ""])
    assert len(own) >= 5, f"{state} is not drawn in its region's strong colour"
    slack = 2 / scale  # a pixel of rounding on each side
    assert all(math.dist(p, (cx, cy)) <= r + slack for p in own), "a state outside the ring is highlighted"
    for cls, colour in strong.items():
        if cls != group.get("class"):
            assert not where(colour), f"a {cls} state is highlighted on the page of {state}"
    ring_pixels = [p for p in where((0x1f, 0x1f, 0x1f)) if abs(math.dist(p, (cx, cy)) - r) <= slack]
    assert len(ring_pixels) >= 2 * math.pi * r * scale / 2, "the ring round the state is not drawn"


def test_dark_palette_can_be_chosen(page: Any, site_url: str) -> None:
    page.goto(site_url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.locator('label[title="Switch to dark mode"]').first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.goto(site_url + "states/egypt/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.locator('label[title="Switch to light mode"]').first.is_visible()
    # the header restores it before the theme's script runs (assets/khartoum-palette.js): without that script
    # the next page still opens dark
    page.route("**/bundle.*.min.js", lambda route: route.abort())
    page.goto(site_url + "states/kenya/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (390, "dark")])
def test_the_header_s_icons_are_drawn(browser: Any, site_url: str, width: int, scheme: str) -> None:
    """Each icon of the header is an empty <svg> that the site's stylesheet draws (a mask in the text's colour):
    it takes the theme's place and size, and shows a shape that stands out from the header."""
    page = browser.new_page(viewport={"width": width, "height": 600}, color_scheme=scheme)
    page.goto(site_url)
    icons = page.locator("header .md-header__button svg:visible")
    assert icons.count() >= 2  # the logo (desktop) or the menu and search (phone), the palette switch
    for i in range(icons.count()):
        icon = icons.nth(i)
        assert icon.evaluate("e => e.childElementCount") == 0  # drawn by the stylesheet, not inline
        box = icon.bounding_box()
        assert box is not None
        assert 20 <= box["width"] <= 28, icon.get_attribute("class")
        assert 20 <= box["height"] <= 28, icon.get_attribute("class")
        _, pixels = drawn_pixels(page, icon.screenshot())
        ground = pixels[0]  # a corner: the header's own colour
        drawn = sum(1 for p in pixels if sum(abs(p[c] - ground[c]) for c in range(3)) > 120)
        assert 0.05 < drawn / len(pixels) < 0.8, (icon.get_attribute("class"), drawn, len(pixels))
    page.close()


@pytest.mark.parametrize("url", ["documents/cairo-2025/op-12/", "documents/cairo-2025/"])
def test_a_paragraph_and_the_full_text_print_cleanly(page: Any, site_url: str, url: str) -> None:
    page.goto(site_url + url)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("p.paragraph-text").first.is_visible()
    assert not page.locator("a.headerlink").first.is_visible()
    # the text of record keeps its mark on paper (issue 10: it used to lose it)
    assert page.evaluate("getComputedStyle(document.querySelector('p.paragraph-text')).borderLeftStyle") == "solid"


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_accessibility_violation(page: Any, site_url: str, kind: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + PAGE_TYPES[kind])
    results = Axe().run(page, options={"runOnly": {"type": "tag",
                                                   "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    violations = results.response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in violations
               if v["impact"] in ("serious", "critical")]
    print(f"axe {kind}: {len(violations)} violations, {len(serious)} serious or critical, "
          f"{len(results.response['passes'])} rules passed")
    assert serious == []


def test_screenshots_of_the_home_page_and_a_paragraph(page: Any, site_url: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in (("home", ""), ("paragraph", "documents/cairo-2025/op-12/")):
        page.goto(site_url + url)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 10_000
