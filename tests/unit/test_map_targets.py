"""The map's enlarged tap targets and its skip link: the raster they are placed on (mapgeometry.Grid),
the planning (mapgeometry.plan_targets) on small grids drawn by hand, and what render_map draws."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from helpers import drawn_map

from khartoum_site.outputs import mapgeometry, worldmap
from khartoum_site.outputs.mapgeometry import Grid, Rect

SVG = "{http://www.w3.org/2000/svg}"
SEA, LAND, TAKEN = Grid.SEA, Grid.LAND, Grid.TAKEN
A, B = Grid.FIRST_STATE, Grid.FIRST_STATE + 1


def grid_of(rows: list[str]) -> Grid:
    """A grid of 1-unit cells from text: '.' sea, '#' other land, 'a' and 'b' two states."""
    grid = Grid(len(rows[0]), len(rows), 1.0)
    codes = {".": SEA, "#": LAND, "a": A, "b": B}
    grid.cells = [bytearray(codes[c] for c in row) for row in rows]
    return grid


def test_fill_sets_the_cells_whose_centre_is_inside_even_odd() -> None:
    grid = Grid(6, 6, 1.0)
    outer = [(0.0, 0.0), (6.0, 0.0), (6.0, 6.0), (0.0, 6.0)]
    hole = [(2.0, 2.0), (4.0, 2.0), (4.0, 4.0), (2.0, 4.0)]
    grid.fill([outer, hole], A)
    assert [bytes(row) for row in grid.cells[1:3]] == [bytes([A] * 6), bytes([A, A, SEA, SEA, A, A])]
    # a shape partly left of the picture leaves the rest of the row alone (no negative slice)
    row = Grid(6, 1, 1.0)
    row.fill([[(-3.0, 0.0), (-1.0, 0.0), (-1.0, 1.0), (-3.0, 1.0)]], A)
    assert bytes(row.cells[0]) == bytes(6)


def test_mark_takes_every_cell_a_rectangle_touches_within_the_grid() -> None:
    grid = Grid(4, 3, 1.0)
    grid.mark(Rect(2.5, -1.0, 9.0, 1.2), TAKEN)
    assert [bytes(row) for row in grid.cells] == [bytes([0, 0, TAKEN, TAKEN]), bytes([0, 0, TAKEN, TAKEN]), bytes(4)]


def test_blocks_finds_every_whole_block_of_allowed_cells() -> None:
    grid = grid_of(["aaa.",
                    "aa.#",
                    "aa..",
                    "...."])
    assert grid.blocks(2, (A,), (0, 0, 4, 4)) == [(0, 0), (0, 1)]
    assert grid.blocks(3, (A,), (0, 0, 4, 4)) == []
    assert grid.blocks(2, (SEA,), (0, 0, 4, 4)) == [(2, 2)]
    assert grid.blocks(2, (SEA, LAND), (0, 0, 4, 4)) == [(2, 1), (2, 2)]
    assert grid.blocks(2, (A,), (0, 1, 4, 4)) == [(0, 1)], "only blocks inside the window"
    assert grid.blocks(5, (A,), (0, 0, 4, 4)) == []


def test_a_state_with_room_for_a_target_gets_none() -> None:
    grid = grid_of(["aaaa.", "aaaa.", "aaaa.", "....."])
    assert mapgeometry.plan_targets(grid, [A], 3.0) == {}


def test_a_small_coastal_state_gets_a_pad_of_sea_touching_it() -> None:
    grid = grid_of(["##########",
                    "##a.......",
                    "##........",
                    "##........",
                    "##........",
                    "##........"])
    targets = mapgeometry.plan_targets(grid, [A], 3.0)
    pad = targets[A]
    assert pad.kind == "pad"
    assert pad.rect.width >= 3.0
    assert pad.rect.height >= 3.0
    assert pad.rect.x0 <= 3.0, "it reaches the state"
    assert pad.rect.y0 <= 2.0
    assert all(grid.cells[j][i] in (TAKEN, SEA) for j in range(1, 5) for i in range(2, 7) if i > 2 or j > 1)


def test_a_landlocked_state_gets_a_chip_in_the_sea_and_never_on_a_neighbour() -> None:
    grid = grid_of(["bbbbbbbb........",
                    "bbbbbbbb........",
                    "bbbabbbb........",
                    "bbbbbbbb........",
                    "bbbbbbbb........",
                    "bbbbbbbb........"])
    targets = mapgeometry.plan_targets(grid, [A, B], 3.0)
    assert set(targets) == {A}, "b has room of its own"
    chip = targets[A]
    assert chip.kind == "chip"
    assert chip.rect.x0 >= 8, "in the sea, not on b"
    assert chip.rect.width >= 3.0
    assert chip.anchor == (3.5, 2.5), "its leader ends in the state"
    x1, y1, x2, y2 = chip.leader()
    assert x1 == chip.rect.x0, "the leader starts at the chip's edge"
    assert chip.rect.y0 < y1 < chip.rect.y1
    assert (x2, y2) == chip.anchor


def test_targets_of_two_states_never_overlap() -> None:
    grid = grid_of(["##############",
                    "##a.b.........",
                    "##............",
                    "##............",
                    "##............",
                    "##............",
                    "##............"])
    targets = mapgeometry.plan_targets(grid, [A, B], 3.0)
    first, second = targets[A].rect, targets[B].rect
    assert first.x1 <= second.x0 or second.x1 <= first.x0 or first.y1 <= second.y0 or second.y1 <= first.y0


# What render_map draws, for the real states


@pytest.fixture(scope="module")
def drawn() -> str:
    return drawn_map()


def svg_of(block: str) -> ET.Element:
    svg = ET.fromstring(block).find(f"{SVG}svg")
    assert svg is not None
    return svg


def targets_in(link: ET.Element, layer: str) -> list[ET.Element]:
    return [g for g in link if g.tag == f"{SVG}g" and g.get("class") == layer]


def box(element: ET.Element) -> Rect:
    x, y, w, h = (float(element.get(a) or 0) for a in ("x", "y", "width", "height"))
    return Rect(x, y, x + w, y + h)


def test_the_block_starts_with_a_skip_link_to_the_end_of_the_map(drawn: str) -> None:
    root = ET.fromstring(drawn)
    skip, svg, end = list(root)
    assert (skip.tag, skip.get("class"), skip.get("href"), skip.text) == ("a", "km-skip", "#km-after-map",
                                                                         "Skip the map")
    assert svg.tag == f"{SVG}svg"
    assert (end.get("id"), end.get("tabindex")) == ("km-after-map", "-1"), "the focus goes on from here"


@pytest.mark.parametrize(("layer", "width_px"), list(worldmap.LAYERS.items()))
def test_each_layer_gives_every_state_room_for_a_24_px_target(drawn: str, layer: str, width_px: int) -> None:
    """Target squares of the layer are 24 CSS px or more where the map is drawn ``width_px`` wide,
    and lie apart from each other (a state keeps at most one per layer)."""
    svg = svg_of(drawn)
    side = 24 * float(svg.get("width") or 0) / width_px
    squares = []
    for link in svg.iter(f"{SVG}a"):
        found = targets_in(link, layer)
        assert len(found) <= 1
        for group in found:
            rect = next(group.iter(f"{SVG}rect"))
            squares.append(box(rect))
            assert box(rect).width >= side, link.get("aria-label")
            assert box(rect).height >= side, link.get("aria-label")
    assert squares, "small states need targets"
    for n, one in enumerate(squares):
        for other in squares[n + 1:]:
            assert one.x1 <= other.x0 or other.x1 <= one.x0 or one.y1 <= other.y0 or other.y1 <= one.y0


def test_the_smallest_states_have_labelled_chips_and_leaders(drawn: str) -> None:
    svg = svg_of(drawn)
    chips = {}
    for link in svg.iter(f"{SVG}a"):
        for group in targets_in(link, "km-narrow"):
            chip = group.find(f"{SVG}g[@class='km-chip']")
            if chip is not None:
                text = chip.find(f"{SVG}text")
                assert text is not None
                chips[link.get("data-iso")] = text.text
    assert {"LUX", "BEL", "NLD", "SVN", "CHE", "DJI"} <= set(chips)
    assert all(code == iso for iso, code in chips.items()), "each chip says its state's code"
    leaders = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "km-leaders km-narrow")
    assert leaders.get("aria-hidden") == "true"
    assert len(list(leaders)) == len(chips)


def test_malta_keeps_one_dot_and_italy_a_pad(drawn: str) -> None:
    links = {a.get("data-iso"): a for a in svg_of(drawn).iter(f"{SVG}a")}
    assert len(list(links["MLT"].iter(f"{SVG}circle"))) == 1
    pads = [r for r in links["ITA"].iter(f"{SVG}rect") if r.get("class") == "km-pad"]
    assert pads, "Italy is too narrow for a phone's tap, its seas are not"
    assert not targets_in(links["EGY"], "km-narrow"), "Egypt is large enough"


def test_the_wide_layer_is_hidden_unless_the_page_shows_it(drawn: str) -> None:
    style = svg_of(drawn).find(f"{SVG}style")
    assert style is not None
    assert ".km-map .km-wide{display:none}" in (style.text or "")
    assert re.search(r"\.km-map \.km-pad\{fill:#fff;fill-opacity:0", style.text or ""), "unseen, but it takes a tap"
