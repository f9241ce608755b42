"""Phone and keyboard, measured in Debian's Chromium as a reader meets them.

A phone is 390 x 844 CSS px, a desktop 1366 x 900. On the home page map every one of the 40 states
has a spot of at least 24 x 24 CSS px that a tap lands on (WCAG 2.2, 2.5.8), found with
``document.elementFromPoint`` on a grid of the whole map; no enlarged target hides another state's
shape. The map's skip link takes the keyboard past its 40 links in three key presses. Tables wider
than a phone say so and scroll from the keyboard; the search dialog has a name; axe-core (WCAG 2.2
AA included) finds nothing serious at either width.
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


PAGES_WITH_TABLES = ["", "states/", "organisations/", "instruments/", "sources/", "sources/un-m49/", "engines/",
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


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize("url", ["", "states/", "states/luxembourg/"], ids=["home", "states index", "state"])
def test_no_serious_accessibility_violation_at_either_width(browser: Any, site_url: str, url: str,
                                                            viewport: dict[str, int]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(browser, site_url + url, viewport)
    axe = Axe()
    page.evaluate(axe.axe_script)
    tags = axe_tags(page)
    assert "wcag22aa" in tags, "this axe-core checks target sizes"
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": tags}})
    violations = results.response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}" for v in violations
               if v["impact"] in ("serious", "critical")]
    print(f"axe /{url} at {viewport['width']} px: {len(violations)} violations, {len(serious)} serious or critical")
    page.context.close()
    assert serious == []


def test_screenshots_of_the_home_page_on_a_desktop_and_a_phone(browser: Any, site_url: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, viewport in (("home-1366", DESKTOP), ("home-390", PHONE)):
        page = open_page(browser, site_url, viewport)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        page.context.close()
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 10_000
