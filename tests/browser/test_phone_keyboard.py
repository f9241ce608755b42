"""Phone and keyboard, measured in Debian's Chromium as a reader meets them.

A phone is 390 x 844 CSS px, a desktop 1366 x 900. On the home page map every one of the 40 states
has a spot of at least 24 x 24 CSS px that a tap lands on (WCAG 2.2, 2.5.8), found with
``document.elementFromPoint`` on a grid of the whole map; no enlarged target hides another state's
shape. The map's skip link takes the keyboard past its 40 links in three key presses. Tables wider
than a phone say so and scroll from the keyboard, and so does every code block that scrolls; the
search dialog has a name; no Tab stop is out of sight (at a phone's width the closed navigation
drawer's links were 27 of them); axe-core (WCAG 2.2 AA included, contrast among it) finds nothing
serious on each page type and on search results, in the light and the dark scheme, at either width.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers import ROOT

SCREENSHOTS = ROOT / "build" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
TARGET = 24  # CSS px, WCAG 2.2 success criterion 2.5.8 (AA)
STEP = 2  # CSS px between the points tapped

# Which link each point of the map (every STEP px) resolves to, by its index among the map's links,
# -1 for none; and the points where an enlarged target (a pad or a chip) covers another state's
# own shape. Rows are brought into view below Material's sticky header, scrolling only downwards
# (its back-to-top button shows when the page scrolls up).
HIT_GRID = """(step) => {
  const svg = document.querySelector("svg.km-map");
  const links = [...svg.querySelectorAll("a")];
  const shapes = links.map(a => a.querySelector("path, circle"));
  const headerBottom = document.querySelector(".md-header").getBoundingClientRect().bottom;
  window.scrollTo(0, 0);
  const box = svg.getBoundingClientRect();
  const top = box.top + window.scrollY, left = box.left + window.scrollX;
  const rows = Math.floor(box.height / step), cols = Math.floor(box.width / step);
  const owner = [], hidden = [];
  for (let j = 0; j < rows; j++) {
    const y = top + (j + 0.5) * step;
    if (y - window.scrollY < headerBottom + 2 || y - window.scrollY > window.innerHeight - 2) {
      window.scrollTo(0, y - headerBottom - 4);
    }
    const row = [];
    for (let i = 0; i < cols; i++) {
      const x = left + (i + 0.5) * step - window.scrollX, vy = y - window.scrollY;
      const hit = document.elementFromPoint(x, vy);
      const link = hit ? hit.closest("svg.km-map a") : null;
      const n = link ? links.indexOf(link) : -1;
      row.push(n);
      if (n >= 0 && hit.closest(".km-pad, .km-chip")) {
        const p = new DOMPoint(x, vy).matrixTransform(svg.getScreenCTM().inverse());
        const under = shapes.findIndex((s, k) => k !== n && s.isPointInFill(p));
        if (under >= 0) hidden.push([links[n].getAttribute("aria-label"), links[under].getAttribute("aria-label")]);
      }
    }
    owner.push(row);
  }
  return {owner, hidden, names: links.map(a => a.getAttribute("aria-label")), width: box.width};
}"""


def open_page(browser: Any, url: str, viewport: dict[str, int]) -> Any:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    return page


def has_square(owner: list[list[int]], state: int, cells: int) -> bool:
    """Whether some ``cells`` x ``cells`` block of the grid is all ``state``'s (running sums)."""
    rows, cols = len(owner), len(owner[0])
    sums = [[0] * (cols + 1) for _ in range(rows + 1)]
    for j in range(rows):
        for i in range(cols):
            sums[j + 1][i + 1] = sums[j][i + 1] + sums[j + 1][i] - sums[j][i] + (owner[j][i] == state)
    return any(sums[j + cells][i + cells] - sums[j][i + cells] - sums[j + cells][i] + sums[j][i] == cells * cells
               for j in range(rows - cells + 1) for i in range(cols - cells + 1))


def test_has_square_finds_a_block_and_only_a_whole_one() -> None:
    """The measure itself can fail: a 3 x 3 block is found, a 3 x 2 one is not a 3 x 3 block."""
    grid = [[-1, 0, 0, 0], [-1, 0, 0, 0], [1, 0, 0, 0], [1, 1, -1, -1]]
    assert has_square(grid, 0, 3)
    assert not has_square(grid, 1, 2)
    assert not has_square([[0, 0, 0], [0, 0, 0], [1, 1, 1]], 0, 3)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1366px"])
def test_every_state_has_a_tap_target_of_24_px(browser: Any, site_url: str, viewport: dict[str, int]) -> None:
    page = open_page(browser, site_url, viewport)
    grid = page.evaluate(HIT_GRID, STEP)
    page.context.close()
    assert len(grid["names"]) == 40
    if viewport is PHONE:
        assert grid["width"] < 400, "the map is drawn as wide as the phone's column"
    small = [name for n, name in enumerate(grid["names"]) if not has_square(grid["owner"], n, TARGET // STEP)]
    assert small == [], f"no {TARGET} x {TARGET} px spot taps {small} at {viewport['width']} px"
    # an enlarged target lies on sea or on other land, never on another state (a point or two of
    # anti-aliasing where a pad meets a coast is allowed)
    covered = sorted({(a, b) for a, b in grid["hidden"] if grid["hidden"].count([a, b]) > 2})
    assert covered == [], f"an enlarged target covers another state's shape: {covered}"


def focus_where(page: Any) -> str:
    """Where the keyboard's focus is, relative to the map: before, map, after."""
    return str(page.evaluate("""() => {
        const focused = document.activeElement, svg = document.querySelector("svg.km-map");
        if (!focused || focused === document.body) return "before";
        if (svg.contains(focused)) return "map";
        return svg.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING ? "after" : "before";
    }"""))


@pytest.mark.parametrize("url", ["", "states/"], ids=["home", "states index"])
def test_the_skip_link_passes_the_map_in_three_key_presses(browser: Any, site_url: str, url: str) -> None:
    page = open_page(browser, site_url + url, PHONE)
    presses = 0
    while not page.evaluate("document.activeElement.classList.contains('km-skip')"):
        page.keyboard.press("Tab")
        presses += 1
        assert presses < 60, "the skip link is never reached"
        assert focus_where(page) == "before", "the focus passed the map without meeting the skip link"
    skip = page.locator(".km-map-block > a.km-skip")
    assert skip.inner_text() == "Skip the map"
    box = skip.bounding_box()
    assert box is not None
    assert box["width"] >= 60, "the skip link shows when it has the focus"
    assert box["height"] >= 24
    colours = skip.evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert colours[0] != colours[1], "its text can be read"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focus_where(page) == "after", "one Tab after the skip link, the focus is past the map"
    print(f"/{url}: {presses} Tab presses to the skip link, then Enter and Tab (3 key presses) past the map")
    # without it, the 40 links of the map: the same start, Tab instead of Enter
    page.goto(site_url + url)
    for _ in range(presses):
        page.keyboard.press("Tab")
    through = 0
    while focus_where(page) != "after":
        page.keyboard.press("Tab")
        through += 1
    assert through == 41, "the skip link, then every state of the map"
    page.context.close()


def test_skip_link_is_out_of_sight_until_focused(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url, PHONE)
    box = page.locator("a.km-skip").bounding_box()
    assert box is not None
    assert box["width"] <= 1
    assert box["height"] <= 1
    page.context.close()


PAGES_WITH_TABLES = ["", "states/", "organisations/", "instruments/", "sources/", "engines/",
                     "checked/", "benchmark/", "timeline/", "states/egypt/"]

WIDE_TABLES = """() => [...document.querySelectorAll(".md-typeset .md-typeset__scrollwrap")].map(wrap => {
    const frame = wrap.closest(".km-scroll-frame");
    const hint = frame && frame.previousElementSibling;
    return {
        wide: wrap.scrollWidth > wrap.clientWidth + 1,
        cue: !!frame && frame.classList.contains("km-scrolls"),
        hint: hint && hint.classList.contains("km-scroll-hint") && hint.getBoundingClientRect().height > 0
            ? hint.textContent : "",
        shadow: frame ? getComputedStyle(frame, "::after").opacity : "",
        tabindex: wrap.getAttribute("tabindex"), role: wrap.getAttribute("role"),
        name: wrap.getAttribute("aria-label") || "",
    };
})"""


def test_tables_wider_than_a_phone_say_that_they_scroll(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url, PHONE)
    wide: list[tuple[str, dict[str, Any]]] = []
    narrow: list[tuple[str, dict[str, Any]]] = []
    for url in PAGES_WITH_TABLES:
        page.goto(site_url + url)
        for n, table in enumerate(page.evaluate(WIDE_TABLES)):
            (wide if table["wide"] else narrow).append((f"/{url} table {n + 1}", table))
    print(f"{len(wide)} tables wider than 390 px, {len(narrow)} that fit")
    assert len(wide) >= 4, "the phone's screen is narrower than these pages' wide tables"
    for where, table in wide:
        assert table["cue"], f"{where} is wider than the screen and does not say so"
        assert table["hint"] == "Scroll sideways for more \u2192", where
        assert table["shadow"] == "1", f"{where}: no shadow on the side with more"
        assert (table["tabindex"], table["role"]) == ("0", "region"), f"{where}: the keyboard cannot scroll it"
        assert table["name"].endswith("scrolls sideways"), where
    for where, table in narrow:
        assert not table["cue"], f"{where} fits and says that it scrolls"
        assert not table["hint"], where
        assert table["tabindex"] is None, where
    page.context.close()


def test_a_wide_table_scrolls_from_the_keyboard_and_the_cue_follows(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url + "states/", PHONE)
    region = page.locator(".km-scrolls > .md-typeset__scrollwrap").first
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    for _ in range(40):
        page.keyboard.press("ArrowRight")
    assert region.evaluate("el => el.scrollLeft") > 0
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    page.wait_for_function("!document.querySelector('.km-scroll-frame.km-scrolls').classList.contains('km-more-right')")
    frame = page.locator(".km-scroll-frame.km-scrolls").first
    assert "km-more-left" in (frame.get_attribute("class") or ""), "at the end, the shadow shows on the left"
    # wider, the same table fits: the cue goes (checked again when the window is resized)
    page.set_viewport_size(DESKTOP)
    page.wait_for_function("!document.querySelector('.km-scroll-frame').classList.contains('km-scrolls')")
    assert page.evaluate("document.querySelector('.km-scroll-frame').previousElementSibling.className") != \
        "km-scroll-hint"
    assert page.evaluate("document.querySelector('.km-scroll-frame').querySelector('[role=region]')") is None
    page.context.close()


def test_the_search_dialog_has_a_name(browser: Any, site_url: str) -> None:
    for viewport in (DESKTOP, PHONE):
        page = open_page(browser, site_url, viewport)
        page.keyboard.press("/")  # Material's shortcut opens the search on any screen
        page.locator("input.md-search__input").wait_for(state="visible")
        dialog = page.get_by_role("dialog", name="Search")
        assert dialog.count() == 1, f"at {viewport['width']} px"
        assert dialog.locator("input.md-search__input").is_visible(), "the box typed in is in the named dialog"
        page.context.close()


def axe_tags(page: Any) -> list[str]:
    """WCAG 2.0 and 2.1 A and AA, and 2.2 AA where this axe-core has its rules (target-size, 4.5+)."""
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
    rules = page.evaluate("axe.getRules(['wcag22aa']).map(r => r.ruleId)")
    return [*tags, "wcag22aa"] if "target-size" in rules else tags


SCHEMES = {"light": "default", "dark": "slate"}  # the reader's colour scheme → Material's palette
WIDTHS = {"1280px": {"width": 1280, "height": 900}, "390px": PHONE}
# Each page type, and the states of a page that show more text: the filter open with its "Show all"
# button and status (an address with a choice opens it), citations in scrolling code blocks.
AXE_PAGES = {"home": "", "states index": "states/", "state": "states/luxembourg/",
             "full text filtered": "documents/cairo-2025/?state=egypt", "paragraph": "documents/cairo-2025/op-12/",
             "timeline": "timeline/", "hand-written": "editing/", "organisation": "organisations/igad/",
             "topics": "topics/", "downloads": "downloads/", "sources": "sources/"}


def open_in_scheme(browser: Any, url: str, viewport: dict[str, int], scheme: str) -> Any:
    """A page as a reader whose system asks for the light or dark scheme first sees it (Material's palette
    follows ``prefers-color-scheme`` until the reader picks one)."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    return page


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings (WCAG 2.0 to 2.2 A and AA) on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    tags = axe_tags(page)
    assert "wcag22aa" in tags, "this axe-core checks target sizes"
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": tags}})
    def where(node: dict[str, Any]) -> tuple[Any, str]:  # the element, and axe's words (a contrast's ratio)
        return node["target"], (node.get("any") or [{}])[0].get("message", "")

    return [f"{v['id']} ({v['impact']}): {[where(n) for n in v['nodes'][:3]]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("kind", list(AXE_PAGES))
def test_no_serious_accessibility_violation_in_either_scheme_at_either_width(
        browser: Any, site_url: str, kind: str, width: str, scheme: str) -> None:
    page = open_in_scheme(browser, site_url + AXE_PAGES[kind], WIDTHS[width], scheme)
    if kind == "full text filtered":
        assert page.locator(".km-filter-form button[type=reset]").is_visible(), "the Show all button is checked"
    serious = serious_violations(page)
    print(f"axe {kind} at {width}, {scheme}: {len(serious)} serious or critical")
    page.context.close()
    assert serious == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_search_results_read_clearly_in_either_scheme(browser: Any, site_url: str, width: str, scheme: str) -> None:
    """The results' text, their metadata ("n matching documents") included, has the contrast axe asks for."""
    page = open_in_scheme(browser, site_url, WIDTHS[width], scheme)
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially("states", delay=40)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert page.locator(".md-search-result__meta").is_visible()
    serious = serious_violations(page)
    page.context.close()
    assert serious == []


# Where the focus is, and whether a reader can see it: its box on screen, not clipped away by a
# scrolling or hidden ancestor, not invisible. A visually hidden control (Material's palette switch)
# counts as seen when its label is, where the theme draws its focus ring.
FOCUS_SEEN = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    function seen(node) {
        const r = node.getBoundingClientRect();
        if (!node.checkVisibility({visibilityProperty: true}) || r.width * r.height === 0) return false;
        if (r.right <= 0 || r.left >= innerWidth) return false;
        for (let a = node.parentElement; a && a !== document.body; a = a.parentElement) {
            const s = getComputedStyle(a);
            if (s.overflowX === "visible" && s.overflowY === "visible") continue;
            const b = a.getBoundingClientRect();
            if (r.right <= b.left || r.left >= b.right || r.bottom <= b.top || r.top >= b.bottom) return false;
        }
        return true;
    }
    // Material's palette switch is a hidden radio button; the label after it shows its focus ring
    const labels = [...(el.labels || []), ...(el.nextElementSibling && el.nextElementSibling.tagName === "LABEL"
                                              ? [el.nextElementSibling] : [])];
    return {where: el.outerHTML.slice(0, 100), seen: seen(el) || labels.some(seen),
            drawer: !!el.closest(".md-sidebar--primary")};
}"""


def tab_stops(page: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Every Tab stop of the page in order, once round (until the focus comes back to the first)."""
    stops: list[dict[str, Any]] = []
    while len(stops) < limit:
        page.keyboard.press("Tab")
        page.wait_for_timeout(10)
        stop = page.evaluate(FOCUS_SEEN)
        if stop is None:
            continue
        if stops and stop["where"] == stops[0]["where"]:
            return stops
        stops.append(stop)
    raise AssertionError(f"more than {limit} Tab stops")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("url", ["", "documents/cairo-2025/", "documents/cairo-2025/op-12/"],
                         ids=["home", "full text", "paragraph"])
def test_no_tab_stop_is_hidden(browser: Any, site_url: str, url: str, width: str) -> None:
    """At a phone's width the navigation is an off-canvas drawer: while it is closed, none of its links
    takes the focus; opened, they do. Nothing else hidden (the closed search's results) does either."""
    page = open_page(browser, site_url + url, WIDTHS[width])
    stops = tab_stops(page)
    hidden = [s["where"] for s in stops if not s["seen"]]
    print(f"/{url} at {width}: {len(stops)} Tab stops, {len(hidden)} hidden")
    assert hidden == []
    if width == "390px":
        assert not any(s["drawer"] for s in stops), "the closed drawer's links take no focus"
        page.evaluate("document.activeElement.blur()")  # the focused skip link lies over the menu button
        page.locator('label.md-header__button[for="__drawer"]').click()
        page.wait_for_timeout(400)  # the drawer slides in
        opened = tab_stops(page)
        in_drawer = [s for s in opened if s["drawer"]]
        entries = page.evaluate("""[...document.querySelectorAll(
            ".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link")]
            .filter(e => e.tabIndex >= 0 && e.getClientRects().length > 0).length""")  # the current page's is hidden
        assert entries > 0
        assert len(in_drawer) >= entries, "opened, the drawer's entries take the focus"
        assert [s["where"] for s in in_drawer if not s["seen"]] == []
    page.context.close()


SCROLLING = """() => [...document.querySelectorAll("article *")].filter(el => {
    const s = getComputedStyle(el);
    return ["auto", "scroll"].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1 ||
        ["auto", "scroll"].includes(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
}).map(el => ({where: el.outerHTML.slice(0, 60), tabindex: el.getAttribute("tabindex"), role: el.getAttribute("role"),
               name: el.getAttribute("aria-label") || ""}))"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_region_that_scrolls_takes_the_focus_and_has_a_name(browser: Any, site_url: str, width: str) -> None:
    page = open_page(browser, site_url, WIDTHS[width])
    found = []
    for url in ("documents/cairo-2025/op-12/", "editing/", "states/", "engines/"):
        page.goto(site_url + url)
        found += [(url, region) for region in page.evaluate(SCROLLING)]
    page.context.close()
    print(f"{len(found)} regions that scroll at {width}")
    assert len(found) >= 3, "the citations' code blocks scroll at any width: the test would prove nothing"
    for url, region in found:
        assert (region["tabindex"], region["role"]) == ("0", "region"), f"/{url}: {region['where']}"
        assert region["name"].endswith("scrolls sideways") or region["name"].endswith("scrolls"), \
            f"/{url}: {region['where']}"


def test_screenshots_of_the_home_page_on_a_desktop_and_a_phone(browser: Any, site_url: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("home-1366", DESKTOP), ("home-390", PHONE)):
        page = open_page(browser, site_url, viewport)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        page.context.close()
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 10_000
