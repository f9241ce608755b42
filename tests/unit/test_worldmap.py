"""The map of the participating states: links by region, Malta as a dot, the rest grey, a legend; the locator sheet."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import markdown
import pytest
from helpers import GEO, MAP_TITLE, drawn_map, map_states

from khartoum_site.outputs import mapgeometry, worldmap
from khartoum_site.outputs.worldmap import MapState, render_locator_sheet, render_map
from khartoum_site.record import geodata
from khartoum_site.record.model import Record

SVG = "{http://www.w3.org/2000/svg}"
REGION_CLASS = {
    "eu-member-state": "km-eu",
    "other-european-state": "km-europe-other",
    "african-state": "km-africa",
}


@pytest.fixture(scope="module")
def states() -> list[MapState]:
    return list(map_states())


@pytest.fixture(scope="module")
def main_map() -> str:
    return drawn_map()


def parse(block: str) -> ET.Element:
    """The <svg> element of a map, parsed as XML (so the output is well-formed)."""
    root = ET.fromstring(block)
    svg = root if root.tag == f"{SVG}svg" else root.find(f"{SVG}svg")
    assert svg is not None, "no <svg> in the output"
    return svg


def links(svg: ET.Element) -> list[ET.Element]:
    return list(svg.iter(f"{SVG}a"))


def shapes_of(svg: ET.Element, iso3: str) -> list[ET.Element]:
    return [e for e in svg.iter() if e.get("data-iso") == iso3]


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def fills(svg: ET.Element) -> dict[str, str]:
    """Class → fill colour, from the map's rules ``.km-map .CLASS{fill:#rrggbb}``."""
    style = svg.find(f"{SVG}style")
    assert style is not None
    assert style.text is not None
    return dict(re.findall(r"(?:^|(?<=\}))\.km-map \.([\w-]+)\{fill:(#[0-9a-f]{6})\}", style.text))


def test_forty_states_each_one_link_named_and_coloured_by_region(
        record: Record, main_map: str) -> None:
    svg = parse(main_map)
    fill_of = fills(svg)
    assert len(record.states) == 40
    found = links(svg)
    assert len(found) == 40
    by_iso = {a.get("data-iso"): a for a in found}
    assert len(by_iso) == 40
    for state in record.states.values():
        link = by_iso[state.iso3]
        assert link.get("aria-label") == state.name
        assert link.get("href") == f"states/{state.id}/"
        title = link.find(f"{SVG}title")
        assert title is not None
        assert state.name in text_of(title)
        assert REGION_CLASS[state.region] in (link.get("class") or "").split()
        assert fill_of[REGION_CLASS[state.region]] == worldmap.REGION_FILL[state.region], state.name
        shape = link.find(f"{SVG}path")
        if shape is None:
            shape = link.find(f"{SVG}circle")
        assert shape is not None, f"{state.name} has nothing drawn in its link"
        if shape.tag == f"{SVG}path":
            assert re.fullmatch(PATH_DATA, shape.get("d") or ""), state.name
    names = [a.get("aria-label") for a in found]
    assert names == [s.name for s in record.states.values()], "links follow the record's order"


def test_svg_is_a_named_group_with_no_ids(main_map: str) -> None:
    svg = parse(main_map)
    assert svg.get("role") == "group"
    assert svg.get("aria-label") == MAP_TITLE
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text == MAP_TITLE
    assert not [e for e in svg.iter() if e.get("id") is not None]


def test_malta_is_a_dot_inside_its_own_link(main_map: str) -> None:
    svg = parse(main_map)
    malta = next(a for a in links(svg) if a.get("data-iso") == "MLT")
    assert malta.get("aria-label") == "Malta"
    assert "km-eu" in (malta.get("class") or "").split()
    circles = malta.findall(f"{SVG}circle")
    assert len(circles) == 1
    assert malta.find(f"{SVG}path") is None
    assert float(circles[0].get("r") or 0) >= worldmap.MIN_MARKER_RADIUS
    # placed between Sicily and Libya: below Italy's top, above Libya's coast
    italy = next(a for a in links(svg) if a.get("data-iso") == "ITA")
    libya = next(a for a in links(svg) if a.get("data-iso") == "LBY")
    cy = float(circles[0].get("cy") or 0)
    assert top_of(italy) < cy < top_of(libya)


# A ring as the map writes it: its first point, then each next one as a step from the last (M x,y l dx,dy … Z).
_NUMBER = r"-?(?:\d+(?:\.\d)?|\.\d)"
_PAIR = rf"{_NUMBER},{_NUMBER}"
PATH_DATA = rf"(M{_PAIR}l{_PAIR}(?: {_PAIR})*Z)+"


def rings_of(d: str) -> list[list[tuple[float, float]]]:
    """The absolute points of each ring of a path's data as the map writes it."""
    rings = []
    for start, steps in re.findall(rf"M({_PAIR})l((?:{_PAIR} ?)+)Z", d):
        x, y = (float(n) for n in start.split(","))
        ring = [(x, y)]
        for dx, dy in re.findall(rf"({_NUMBER}),({_NUMBER})", steps):
            x, y = round(x + float(dx), 1), round(y + float(dy), 1)
            ring.append((x, y))
        rings.append(ring)
    return rings


def test_a_ring_is_drawn_through_the_points_rounded_to_a_tenth() -> None:
    """The path steps from point to point (about half the bytes of absolute coordinates), between the points
    rounded to a tenth: the points drawn are those the absolute form gave, with no rounding added up."""
    ring = [(465.04, 793.21), (466.93, 794.16), (508.55, 810.84), (500.0, 900.06), (465.0, 793.2)]
    d = worldmap._path([ring])
    assert d == "M465,793.2l1.9,1 41.7,16.6 -8.6,89.3Z"
    assert rings_of(d) == [[(float(f"{x:.1f}"), float(f"{y:.1f}")) for x, y in ring[:-1]]]


def top_of(element: ET.Element) -> float:
    path = element.find(f"{SVG}path")
    assert path is not None
    return min(y for ring in rings_of(path.get("d") or "") for _, y in ring)


@pytest.mark.parametrize("iso3", ["MAR", "GBR", "SOL", "CYN", "DZA"])
def test_other_countries_are_grey_hidden_and_not_links(main_map: str, iso3: str) -> None:
    svg = parse(main_map)
    group = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "km-others")
    assert group.get("aria-hidden") == "true"
    found = shapes_of(svg, iso3)
    assert len(found) == 1, iso3
    assert found[0] in list(group)
    assert found[0].get("class") == "km-other"
    grey = fills(svg)["km-other"]
    assert grey[1:3] == grey[3:5] == grey[5:7], f"{grey} is not a grey"
    assert all(a.get("data-iso") != iso3 for a in links(svg))


def test_somaliland_is_not_part_of_somalia(main_map: str) -> None:
    svg = parse(main_map)
    somalia = next(a for a in links(svg) if a.get("data-iso") == "SOM")
    assert [e.get("data-iso") for e in somalia.iter() if e.get("data-iso")] == ["SOM"]
    somaliland = shapes_of(svg, "SOL")
    assert len(somaliland) == 1
    assert somaliland[0] not in list(somalia.iter())
    # Somaliland's outline is not drawn again in the Somalia link
    somaliland_d = somaliland[0].get("d") or ""
    somalia_path = somalia.find(f"{SVG}path")
    assert somalia_path is not None
    assert somaliland_d not in (somalia_path.get("d") or "")


def test_legend_is_real_text(main_map: str) -> None:
    svg = parse(main_map)
    legend = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "km-legend")
    texts = [text_of(t) for t in legend.iter(f"{SVG}text")]
    assert texts == [
        "EU member state (27)",
        "Other European state (2)",
        "African state (11)",
        "Other country (not participating)",
        "Malta: too small to draw, shown as a dot",
    ]
    swatches = {c for e in legend if e.tag in (f"{SVG}rect", f"{SVG}circle")
                for c in (e.get("class") or "").split()}
    assert {"km-eu", "km-europe-other", "km-africa", "km-other", "km-marker"} <= swatches


def test_style_gives_each_class_a_distinct_fill_and_a_focus_outline(main_map: str) -> None:
    svg = parse(main_map)
    style = svg.find(f"{SVG}style")
    assert style is not None
    assert style.text is not None
    css = style.text
    fill_of = fills(svg)
    classes = ["km-eu", "km-europe-other", "km-africa", "km-other"]
    assert set(classes) <= set(fill_of), fill_of
    assert len({fill_of[cls] for cls in classes}) == 4
    assert ".km-map a:focus{outline:none}" in css, "the square focus ring of the link is replaced..."
    assert ".km-map a:focus-visible{outline:2px solid #000;" in css, "...by an outline on keyboard focus"
    assert re.search(r"\.km-map a:focus-visible path,\.km-map a:focus-visible circle\{stroke:#000;stroke-width:", css)
    assert all(rule.startswith(".km-map") for rule in re.findall(r"(?:^|\})([^{}]+)\{", css))


def test_coordinates_have_one_decimal_at_most(main_map: str) -> None:
    for number in re.findall(r"\d+\.\d+", main_map.split("</style>", 1)[1]):
        assert len(number.split(".")[1]) == 1, number


def test_size_fits_the_box_asked_for(main_map: str) -> None:
    svg = parse(main_map)
    width, height = int(svg.get("width") or 0), int(svg.get("height") or 0)
    assert svg.get("viewBox") == f"0 0 {width} {height}"
    assert width <= 640
    assert height <= 1000
    assert width == 640 or height >= 990


def test_markdown_passes_the_block_through_untouched(main_map: str) -> None:
    lines = main_map.split("\n")
    assert all(line.strip() for line in lines), "no blank line inside the block"
    assert not [line for line in lines if line.startswith(" ")], "no indented line"
    assert lines[0] == '<div class="km-map-block">'
    assert lines[-1] == "</div>"
    page = f"Before.\n\n{main_map}\n\nAfter.\n"
    html = markdown.markdown(page, extensions=["toc", "attr_list", "admonition", "tables"])
    assert main_map in html


def test_names_and_links_are_escaped() -> None:
    odd = [MapState("x", 'Ban & "Quote" <b>', "AUT", "eu-member-state", "a/?x=1&y=2")]
    svg = parse(render_map(GEO, odd, width=400, height=400, title="A & B"))
    link = links(svg)[0]
    assert link.get("aria-label") == 'Ban & "Quote" <b>'
    assert link.get("href") == "a/?x=1&y=2"
    assert svg.get("aria-label") == "A & B"


def test_states_match_by_code_then_by_natural_earth_name(tmp_path: Path) -> None:
    feature = ('{"type":"Feature","properties":{"name":"Czechia","iso_a3":"-99","continent":"Europe"},'
               '"geometry":{"type":"Polygon","coordinates":[[[12,49],[18,49],[18,51],[12,51],[12,49]]]}}')
    geo = tmp_path / "geo.geojson"
    geo.write_text('{"type":"FeatureCollection","bbox":[-25,-15,60,75],"features":[' + feature + "]}")
    czech = MapState("czech-republic", "Czech Republic", "CZE", "eu-member-state", "states/czech-republic/")
    svg = parse(render_map(geo, [czech], width=200, height=200))
    assert [a.get("aria-label") for a in links(svg)] == ["Czech Republic"]
    assert links(svg)[0].find(f"{SVG}path") is not None


def test_bad_input_is_refused_with_a_message(states: list[MapState]) -> None:
    with pytest.raises(ValueError, match="unknown region"):
        render_map(GEO, [MapState("x", "X", "AUT", "asia", "x/")], width=100, height=100)
    with pytest.raises(ValueError, match="no shape"):
        render_map(GEO, [MapState("x", "X", "XXX", "african-state", "x/")], width=100, height=100)
    with pytest.raises(ValueError, match="given twice"):
        render_map(GEO, [states[0], states[0]], width=100, height=100)
    with pytest.raises(ValueError, match="no href"):
        render_map(GEO, [MapState("x", "X", "AUT", "eu-member-state")], width=100, height=100)


def test_data_file_is_small_and_attributed() -> None:
    assert GEO.stat().st_size < 150_000
    readme = (GEO.parent / "README.md").read_text(encoding="utf-8")
    assert "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com" in readme
    assert not list(GEO.parent.glob("*.y*ml")), "data/geo must hold no YAML: it is not a data file"


# The locator sheet: one SVG file, a state shown by the fragment of the URL (<img src="...#austria">)

SHEET_W, SHEET_H = 240, 320


@pytest.fixture(scope="module")
def sheet(states: list[MapState]) -> str:
    return render_locator_sheet(GEO, states, width=SHEET_W, height=SHEET_H)


def sheet_groups(svg: ET.Element) -> list[ET.Element]:
    layer = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "km-highlights")
    return [g for g in layer if g.tag == f"{SVG}g"]


def ring_of(group: ET.Element) -> ET.Element:
    rings = [c for c in group if c.get("class") == "km-ring"]
    assert len(rings) == 1, group.get("id")
    assert rings[0].tag == f"{SVG}circle"
    return rings[0]


def shape_of(group: ET.Element) -> ET.Element:
    shapes = [c for c in group if c.get("class") == "km-shape"]
    assert len(shapes) == 1, group.get("id")
    return shapes[0]


def test_sheet_is_a_standalone_svg_document(sheet: str) -> None:
    root = ET.fromstring(sheet)  # well-formed XML, in the SVG namespace
    assert root.tag == f"{SVG}svg"
    assert sheet.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert root.get("width") == str(SHEET_W)
    assert root.get("height") == str(SHEET_H)
    assert root.get("viewBox") == f"0 0 {SHEET_W} {SHEET_H}"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None
    assert title.text == "Locator map of the 40 participating states"
    assert "href" not in sheet, "nothing outside the file is needed"
    assert "url(" not in sheet, "nothing outside the file is needed"
    assert not list(root.iter(f"{SVG}a"))


def test_sheet_has_one_group_per_state_named_by_its_id(
        record: Record, states: list[MapState], sheet: str) -> None:
    svg = ET.fromstring(sheet)
    groups = sheet_groups(svg)
    assert [g.get("id") for g in groups] == [s.id for s in record.states.values()]
    assert len(groups) == 40
    all_ids = [i for e in svg.iter() if (i := e.get("id")) is not None]
    assert sorted(all_ids) == sorted(s.id for s in states), "no other ids, none twice"
    for group, state in zip(groups, record.states.values(), strict=True):
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", group.get("id") or "")
        assert group.get("class") == REGION_CLASS[state.region]
        assert group.get("data-iso") == state.iso3
        shape = shape_of(group)
        ring = ring_of(group)
        if shape.tag == f"{SVG}path":
            assert re.fullmatch(PATH_DATA, shape.get("d") or ""), state.id
        assert float(ring.get("r") or 0) >= worldmap.SHEET_RING_MIN


def test_sheet_draws_every_state_tinted_under_the_highlights(states: list[MapState], sheet: str) -> None:
    svg = ET.fromstring(sheet)
    top = list(svg)
    layer = next(g for g in top if g.get("class") == "km-highlights")
    assert top[-1] is layer, "the highlights are drawn over the map"
    base = top[:top.index(layer)]
    tinted = [e for e in base if e.get("class") in REGION_CLASS.values()]
    assert len(tinted) == 40
    assert [e.get("class") for e in tinted] == [REGION_CLASS[s.region] for s in states]
    others = [e for e in base if e.get("class") == "km-other"]
    assert len(others) > 40, "the neighbours are drawn, grey"
    # the shape shown on a highlight is the shape drawn on the map
    for shape, group in zip(tinted, sheet_groups(svg), strict=True):
        assert shape.tag == shape_of(group).tag
        assert shape.get("d") == shape_of(group).get("d")


def test_sheet_style_shows_only_the_targeted_state(sheet: str) -> None:
    svg = ET.fromstring(sheet)
    style = svg.find(f"{SVG}style")
    assert style is not None
    assert style.text is not None
    css = style.text
    assert ".km-highlights>g{display:none}" in css, "nothing stands out without a fragment"
    assert "g:target{display:inline}" in css
    assert re.search(r"g:target \.km-ring\{display:inline;fill:none;stroke:#[0-9a-f]{6};stroke-width:2\.5\}", css)
    assert "g:target .km-shape{stroke:#000;" in css
    for region, cls in REGION_CLASS.items():
        strong = worldmap.REGION_FILL[region]
        assert f"g:target.{cls} .km-shape{{fill:{strong}}}" in css
        tint = re.search(rf"(?:^|\}})\.{cls}\{{fill:(#[0-9a-f]{{6}})\}}", css)
        assert tint is not None
        assert tint.group(1) not in (strong, worldmap.OTHER_FILL)
    assert f".km-other{{fill:{worldmap.OTHER_FILL}}}" in css


def test_sheet_malta_is_a_dot_with_its_ring(sheet: str) -> None:
    svg = ET.fromstring(sheet)
    groups = {g.get("id"): g for g in sheet_groups(svg)}
    malta = groups["malta"]
    shape = shape_of(malta)
    ring = ring_of(malta)
    assert shape.tag == f"{SVG}circle"
    assert malta.find(f"{SVG}path") is None
    assert (shape.get("cx"), shape.get("cy")) == (ring.get("cx"), ring.get("cy"))
    assert float(ring.get("r") or 0) > float(shape.get("r") or 0)
    # the dot is on the map as well, between Sicily and Libya
    dots = [e for e in svg if e.tag == f"{SVG}circle" and e.get("class") == "km-eu"]
    assert len(dots) == 1
    assert dots[0].get("cy") == shape.get("cy")
    assert top_of_shape(groups["italy"]) < float(shape.get("cy") or 0) < top_of_shape(groups["libya"])


def top_of_shape(group: ET.Element) -> float:
    return min(y for ring in rings_of(shape_of(group).get("d") or "") for _, y in ring)


@pytest.mark.parametrize("state_id", ["luxembourg", "slovenia", "djibouti", "cyprus", "belgium", "malta",
                                      "austria", "sudan", "norway"])
def test_sheet_ring_encloses_the_state(sheet: str, state_id: str) -> None:
    group = next(g for g in sheet_groups(ET.fromstring(sheet)) if g.get("id") == state_id)
    ring = ring_of(group)
    cx, cy, r = (float(ring.get(a) or 0) for a in ("cx", "cy", "r"))
    shape = shape_of(group)
    if shape.tag == f"{SVG}path":
        points = [point for ring in rings_of(shape.get("d") or "") for point in ring]
    else:
        points = [(float(shape.get("cx") or 0), float(shape.get("cy") or 0))]
    assert all(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5 < r - 1 for x, y in points)
    if state_id not in ("austria", "sudan", "norway"):
        assert r <= 16, "a small state has a small ring"
        assert r < cx < SHEET_W - r, "the ring is whole"
        assert r < cy < SHEET_H - r, "the ring is whole"


def test_sheet_is_deterministic(states: list[MapState], sheet: str) -> None:
    assert render_locator_sheet(GEO, states, width=SHEET_W, height=SHEET_H) == sheet
    geodata._parse_geodata.cache_clear()
    assert render_locator_sheet(GEO, states, width=SHEET_W, height=SHEET_H) == sheet
    for number in re.findall(r"\d+\.\d+", sheet.split("</style>", 1)[1]):
        assert len(number.split(".")[1]) == 1, number


def test_sheet_is_small_and_quick(states: list[MapState], sheet: str) -> None:
    assert len(sheet.encode()) < 120_000
    assert len(render_locator_sheet(GEO, states, width=300, height=400).encode()) < 120_000
    times = []
    for _ in range(3):
        start = time.perf_counter()
        render_locator_sheet(GEO, states, width=SHEET_W, height=SHEET_H)
        times.append(time.perf_counter() - start)
    assert min(times) < 0.2  # about 25 ms; the bound only catches a slip of an order of magnitude


def test_map_and_sheet_views_stay_inside_the_data(states: list[MapState]) -> None:
    """No view of the real data reaches past the box the file was cut to (no cut edges show)."""
    geo = geodata.load_geodata(GEO)
    placed, _ = worldmap._place(geo, states)
    focus = [p for s in placed for p in worldmap._points(s)]
    for aspect in (640 / 860, SHEET_W / SHEET_H, 300 / 400, 1.0):
        projection, view = mapgeometry.fit_view(geo, focus, aspect)
        covered = [projection(p) for p in mapgeometry.box_outline(geo.coverage)]
        assert all(mapgeometry.inside(p, covered) for p in view.outline()), aspect


def test_sheet_refuses_ids_unfit_for_a_fragment() -> None:
    austria = MapState("austria", "Austria", "AUT", "eu-member-state")
    with pytest.raises(ValueError, match="not usable as an id"):
        render_locator_sheet(GEO, [MapState("Bad id", "X", "AUT", "eu-member-state")], width=100, height=100)
    with pytest.raises(ValueError, match="not usable as an id"):
        render_locator_sheet(GEO, [MapState('x"><script', "X", "AUT", "eu-member-state")], width=100, height=100)
    with pytest.raises(ValueError, match="given twice"):
        render_locator_sheet(GEO, [austria, MapState("austria", "Kenya", "KEN", "african-state")],
                             width=100, height=100)
    with pytest.raises(ValueError, match="unknown region"):
        render_locator_sheet(GEO, [MapState("x", "X", "AUT", "asia")], width=100, height=100)
    svg = ET.fromstring(render_locator_sheet(GEO, [austria], width=100, height=100))
    assert [g.get("id") for g in sheet_groups(svg)] == ["austria"]


# The geometry under the maps (geodata.py), each function on a small table of its own

SQUARE = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]


@pytest.mark.parametrize(("point", "expected"), [
    ((5, 5), True),
    ((0.1, 9.9), True),
    ((-1, 5), False),
    ((11, 5), False),
    ((5, 10.5), False),
])
def test_inside_tells_a_point_in_a_polygon(point: tuple[float, float], expected: bool) -> None:
    assert mapgeometry.inside(point, SQUARE) is expected


def test_inside_sees_the_notch_of_a_concave_polygon() -> None:
    u_shape = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (7.0, 10.0), (7.0, 3.0), (3.0, 3.0), (3.0, 10.0), (0.0, 10.0)]
    inside = mapgeometry.inside
    assert (inside((5, 8), u_shape), inside((5, 1), u_shape), inside((1, 8), u_shape)) == (False, True, True)


@pytest.mark.parametrize(("rect", "expected"), [
    pytest.param(mapgeometry.Rect(-5, -5, 20, 20), SQUARE, id="all-inside"),
    pytest.param(mapgeometry.Rect(20, 20, 30, 30), [], id="all-outside"),
    pytest.param(mapgeometry.Rect(5, -5, 20, 20), [(5.0, 0.0), (10.0, 0.0), (10.0, 10.0), (5.0, 10.0)],
                 id="right-half"),
    pytest.param(mapgeometry.Rect(2, 2, 4, 4), [(2.0, 2.0), (4.0, 2.0), (4.0, 4.0), (2.0, 4.0)], id="window-inside"),
])
def test_clip_keeps_the_part_inside_the_rectangle(rect: mapgeometry.Rect, expected: list[tuple[float, float]]) -> None:
    clipped = mapgeometry.clip(SQUARE, rect)
    assert sorted(clipped) == sorted(expected)
    assert all(rect.x0 <= x <= rect.x1 and rect.y0 <= y <= rect.y1 for x, y in clipped)


@pytest.mark.parametrize(("rect", "expected"), [
    (mapgeometry.Rect.around([(1, 2), (3, -4), (0, 0)]), mapgeometry.Rect(0, -4, 3, 2)),
    (mapgeometry.Rect(0, 0, 2, 2).shift(1, -1), mapgeometry.Rect(1, -1, 3, 1)),
    (mapgeometry.Rect(0, 0, 2, 2).grow(1, 2), mapgeometry.Rect(-1, -2, 3, 4)),
    (mapgeometry.Rect(0, 0, 2, 2).at_least(4, 1), mapgeometry.Rect(-1, 0, 3, 2)),
])
def test_rectangle_arithmetic(rect: mapgeometry.Rect, expected: mapgeometry.Rect) -> None:
    assert rect == expected


def test_outlines_go_round_the_edges() -> None:
    outline = mapgeometry.Rect(0, 0, 4, 2).outline(steps=2)
    assert outline == [(0, 0), (2, 0), (4, 0), (4, 1), (4, 2), (2, 2), (0, 2), (0, 1)]
    box = mapgeometry.box_outline((-10, 0, 10, 5), step=10)
    assert box == [(-10, 0), (0, 0), (10, 0), (10, 5), (0, 5), (-10, 5)]


def test_the_projection_keeps_the_centre_and_points_north_up() -> None:
    project = mapgeometry.Projection(20, 10)
    assert project((20, 10)) == pytest.approx((0, 0))
    north, south = project((20, 30)), project((20, -10))
    east, west = project((40, 10)), project((0, 10))
    assert north[1] < 0 < south[1], "y grows southwards, as in SVG"
    assert west[0] < 0 < east[0]


@pytest.mark.parametrize(("text", "message"), [
    pytest.param('{"type": "FeatureCollection", "features": []}',
                 "found no list of features", id="no-features"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Point", '
                 '"coordinates": [0, 0]}}]}', "feature 1 is a 'Point'", id="a-point"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Polygon", '
                 '"coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}], "bbox": [1, 2]}',
                 "its 'bbox' is not four numbers of degrees",
                 id="bad-bbox"),
    # A seventh attack: Python's reader takes NaN and 1e400 (infinity), which the projection cannot draw.
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Polygon", '
                 '"coordinates": [[[0, 0], [NaN, 0], [1, 1], [0, 0]]]}}]}',
                 "in feature 1, a coordinate nan is not between -180 and 180 degrees", id="nan"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Polygon", '
                 '"coordinates": [[[0, 0], [1, 1e400], [1, 1], [0, 0]]]}}]}',
                 "in feature 1, a coordinate inf is not between -90 and 90 degrees", id="infinite"),
    # an eighth attack: the other values the map reads, which its attributes and pages carry
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "Q\\ud800Z"}, "geometry": {"type": '
                 '"Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}',
                 "in feature 1, 'iso_a3' \"Q\\ud800Z\" is not three capital letters or -99", id="iso-surrogate"),
    pytest.param('{"features": [{"properties": {"name": "X\\u202eY", "iso_a3": "XXX"}, "geometry": {"type": '
                 '"Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}',
                 "in feature 1, 'name' \"X\\u202eY\" is not a name a page can show", id="name-bidi"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Polygon", '
                 '"coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}], "bbox": [NaN, 0, 1, 1]}',
                 "its 'bbox' is not four numbers of degrees", id="bbox-nan"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Polygon", '
                 '"coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}], "bbox": [105, -15, -60, 75]}',
                 "its 'bbox' is not [west, south, east, north] with west < east and south < north",
                 id="bbox-west-east"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Polygon", '
                 '"coordinates": [[[0, 0], ["1", 0], [1, 1], [0, 0]]]}}]}',
                 'in feature 1, a coordinate "1" is not a number', id="a-string"),
    # a twentieth attack: an empty geometry, polygon or ring passed the check and stopped the map in a traceback
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": null}]}',
                 "feature 1 has no geometry (it is null)", id="null-geometry"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": '
                 '"MultiPolygon", "coordinates": []}}]}', "in feature 1, the geometry has no polygon (RFC 7946: at "
                 "least one)", id="no-polygon"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": '
                 '"MultiPolygon", "coordinates": [[]]}}]}', "in feature 1, a polygon has no ring (RFC 7946: an outer "
                 "ring, then any holes)", id="no-ring"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Polygon", '
                 '"coordinates": [[]]}}]}', "in feature 1, a ring has 0 positions (RFC 7946: four or more, the last "
                 "the same as the first)", id="empty-ring"),
    pytest.param('{"features": [{"properties": {"name": "X", "iso_a3": "XXX"}, "geometry": {"type": "Polygon", '
                 '"coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}}]}', "in feature 1, a ring is not closed (RFC "
                 "7946: its last position is the same as its first)", id="unclosed-ring"),
])
def test_a_malformed_geojson_file_is_a_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "countries.geojson"
    path.write_text(text, encoding="utf-8")
    geo, problems = geodata.read_geodata(path, "data/geo/countries.geojson", tmp_path)
    assert geo is None
    assert [str(p) for p in problems] == [
        "data/geo/countries.geojson:1:1: expected a GeoJSON FeatureCollection whose features each have the "
        f"properties 'name' and 'iso_a3' and a Polygon or MultiPolygon geometry; {message}"]


def test_a_geojson_number_of_thousands_of_digits_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "countries.geojson"
    path.write_text('{"features": [[[' + "1" * 5001 + ", 0]]]}", encoding="utf-8")
    geo, problems = geodata.read_geodata(path, "data/geo/countries.geojson", tmp_path)
    assert geo is None
    assert [str(p) for p in problems] == [
        "data/geo/countries.geojson:1:1: not GeoJSON the map can read: it holds a number of more digits than a reader "
        "converts; restore the file from data/geo/README.md's source"]


def test_a_geojson_file_nested_too_deeply_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "countries.geojson"
    path.write_text('{"features": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    geo, problems = geodata.read_geodata(path, "data/geo/countries.geojson", tmp_path)
    assert geo is None
    assert [str(p) for p in problems] == ["data/geo/countries.geojson:1:1: not GeoJSON the map can read: it is nested "
                                          "too deeply; restore the file from data/geo/README.md's source"]


def test_the_geojson_file_is_read_with_its_coverage_and_every_state(record: Record) -> None:
    geo = geodata.load_geodata(GEO)
    west, south, east, north = geo.coverage
    assert west < east
    assert south < north
    codes = {c.iso3 for c in geo.countries}
    assert {s.iso3 for s in record.states.values()} - codes == {"MLT"}  # too small at this scale: drawn as a dot


def test_a_renamed_state_is_drawn_as_a_fresh_map_draws_it(states: list[MapState]) -> None:
    """The tap targets are planned once for the same shapes (a server's rebuild after a rename): the map
    drawn with the plan kept is the one drawn from nothing."""
    render_map(GEO, states, width=640, height=1000)
    renamed = [MapState(s.id, f"{s.name} (renamed)", s.iso3, s.region, s.href) for s in states]
    kept = render_map(GEO, renamed, width=640, height=1000)
    assert worldmap._PLANNED  # the plan was kept: this test compares something
    worldmap._PLANNED.clear()
    assert kept == render_map(GEO, renamed, width=640, height=1000)
    assert "Austria (renamed)" in kept


def test_a_map_drawn_with_stand_ins_and_labelled_is_the_map_drawn_with_the_names() -> None:
    """The page set draws the map once for the states' shapes and puts the names in after (a rename in a
    server's rebuild draws nothing again): that must be the very map drawn with the names, escaping included,
    for a state found by its code and for one that may be placed by its name (which keeps it)."""
    states = list(map_states())
    states[0] = MapState(states[0].id, 'Aus"tria <&> KHARTOUM-STATE-NAME-1-', states[0].iso3, states[0].region,
                         states[0].href)
    by_name = next(i for i, s in enumerate(states) if i and s.iso3 not in geodata.NATURAL_EARTH_NAMES)
    codes = {country.iso3 for country in geodata.load_geodata(GEO).countries} - {states[by_name].iso3}
    stand_ins = worldmap.stand_ins(states, codes)
    assert stand_ins[0].name != states[0].name
    assert stand_ins[by_name] == states[by_name]  # not found by its code: its name may place it, so it stays
    def drawn(on: list[MapState]) -> str:
        return render_map(GEO, on, width=640, height=1000, title=MAP_TITLE)

    def sheet(on: list[MapState]) -> str:
        return render_locator_sheet(GEO, [MapState(s.id, s.name, s.iso3, s.region) for s in on], width=240, height=320)

    assert worldmap.labelled(drawn(stand_ins), states) == drawn(states)
    assert worldmap.labelled(sheet(stand_ins), states) == sheet(states)
