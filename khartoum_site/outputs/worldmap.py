"""The map of the participating states and the locator sheet, drawn as SVG at build time.

Plain Python, no MkDocs. Both read the country shapes of ``data/geo/countries.geojson`` (Natural
Earth 1:110m Admin 0, clipped to Europe, North and East Africa; see ``data/geo/README.md``):
``render_map`` draws the map of the states, each a link to its page, as inline SVG for the pages;
``render_locator_sheet`` draws one standalone SVG file from which each state page shows its state.

Cartographic choices, and why:

* Projection: Lambert azimuthal equal-area, centred on the area shown. The map runs from Kenya
  (5 S) to the North Cape (71 N): a plain equirectangular map scaled by the cosine of the middle
  latitude would draw Scandinavia about twice as wide as it is and squeeze Africa; an equal-area
  projection keeps both true in size and close in shape, and is as short to write.
* Matching: a participating state is matched to the Natural Earth features by ISO 3166-1 alpha-3
  code (``iso_a3``), and where no feature has the code (Natural Earth writes ``-99`` for some),
  by the name Natural Earth gives it (``NATURAL_EARTH_NAMES``, else the state's own name).
* Malta is absent at 1:110m: it is drawn as a dot at ``MARKERS["MLT"]``, with a minimum radius so
  that it can be seen and clicked. A state in which no square of 24 CSS px fits where the map is
  drawn narrowest gets a larger tap target in its link, as atlases label small countries: an unseen
  pad carrying it out into the sea, else a chip with its code and a leader (``mapgeometry.plan_targets``).
* Somaliland and Northern Cyprus are polygons of their own in Natural Earth. The record names
  Somalia and Cyprus, and says nothing about these territories; the file's polygons are kept as
  drawn, so they are grey "other" shapes, not part of the Somalia or Cyprus link. The map takes no
  position on their status; it draws what the source draws and links what the record names.

Output is deterministic (the same input gives the same bytes): shapes are drawn in the order of
the data file and of ``states``, coordinates are rounded to 0.1 unit, and nothing depends on time,
locale or hashing.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from khartoum_site.outputs import mapgeometry
from khartoum_site.outputs.mapgeometry import Projection, Rect, TapTarget, clip
from khartoum_site.record import geodata, model
from khartoum_site.record.geodata import (
    MARKERS,
    NATURAL_EARTH_NAMES,
    Country,
    GeoData,
    Point,
    Polygon,
    load_geodata,
)

REGION_LABEL = model.choice_labels(model.MemberState, "region")  # as every page names them
REGIONS = tuple(REGION_LABEL)
REGION_CLASS = {"eu-member-state": "km-eu", "other-european-state": "km-europe-other", "african-state": "km-africa"}
# Fills: each at least 4:1 against the grey of other countries and against the white borders;
# blue and orange (the two regions that share borders) stay apart in every common colour-vision
# deficiency.
REGION_FILL = {"eu-member-state": "#2a5caa", "other-european-state": "#c2410c", "african-state": "#0f766e"}
OTHER_FILL = "#d9d9d9"
SEA_FILL = "#eef3f8"
BORDER = "#ffffff"
INK = "#1f1f1f"

MIN_MARKER_RADIUS = 4.0  # SVG units, whatever the zoom
HOME_DISTANCE = 10.0  # degrees: a state's polygons this near its largest one are where it is
# Tap targets of at least 24 CSS px (WCAG 2.2, 2.5.8) however wide the map is drawn. Material draws it
# 32 px narrower than a phone's screen: 328 px on the narrowest common phones (360 px). Where it is
# drawn whole (from 45em, see khartoum.css) targets for 576 px replace them: 44 px labels would crowd it.
TARGET_PX = 24
LAYERS = {"km-narrow": 328, "km-wide": 576}  # class: the narrowest the map is drawn (CSS px)
GRID_CELL = 2.0  # SVG units: the cell of the raster the enlarged targets are placed on
SKIP_ID = "km-after-map"


@dataclass(frozen=True)
class MapState:
    """A participating state as the map needs it. ``href`` is the final URL, relative to the page
    the map is on (raw HTML is not rewritten by MkDocs: use ``urls.href``); unused on the sheet."""

    id: str
    name: str
    iso3: str
    region: str
    href: str = ""


def _num(value: float) -> str:
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


_STAND_IN = "KHARTOUM-STATE-NAME-{}-"
_STAND_INS = re.compile(r"KHARTOUM-STATE-NAME-(\d+)-")


def stand_ins(states: Sequence[MapState], codes: set[str]) -> list[MapState]:
    """The states with a stand-in for every name the drawing uses only as a label: a state found in the shapes
    by its code (``codes``: those of the map data) is placed whatever its name. A map drawn for them and then
    :func:`labelled` is the map of the states, and a state renamed draws nothing again."""
    return [MapState(s.id, _STAND_IN.format(i), s.iso3, s.region, s.href)
            if s.iso3 in codes or s.iso3 in NATURAL_EARTH_NAMES else s for i, s in enumerate(states)]


def labelled(drawn: str, states: Sequence[MapState]) -> str:
    """A map drawn for ``stand_ins(states)`` with each name in its stand-in's place, escaped as the drawing
    escapes every text it holds (character by character, so a name escaped inside a longer text is the same)."""
    return _STAND_INS.sub(lambda found: _esc(states[int(found.group(1))].name), drawn)


def _tint(colour: str, white: float) -> str:
    """``colour`` mixed with ``white`` parts of white (0..1)."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in channels)


def _style() -> str:
    """The map's default look, scoped to .km-map; page CSS may override any of it."""
    rules = [
        ".km-map{max-width:100%;height:auto}",
        f".km-map .km-sea{{fill:{SEA_FILL}}}",
        f".km-map path{{stroke:{BORDER};stroke-width:.6;stroke-linejoin:round;fill-rule:evenodd}}",
        f".km-map .km-other{{fill:{OTHER_FILL}}}",
        *(f".km-map .{REGION_CLASS[r]}{{fill:{REGION_FILL[r]}}}" for r in REGIONS),
        f".km-map .km-marker{{stroke:{BORDER};stroke-width:1.2}}",
        f".km-map a:hover .km-chip rect,.km-map a:hover path,.km-map a:hover circle{{stroke:{INK};stroke-width:1.2}}",
        ".km-map a:focus{outline:none}",
        ".km-map a:focus-visible{outline:2px solid #000;outline-offset:1px}",
        ".km-map a:focus-visible .km-chip rect,.km-map a:focus-visible path,.km-map a:focus-visible circle"
        "{stroke:#000;stroke-width:2.5}",
        f".km-map .km-legend text{{fill:{INK}}}",
        ".km-map .km-legend-bg{fill:#fff}",
        f".km-map .km-legend rect.km-swatch{{stroke:{INK};stroke-width:.5}}",
        # a pad is unseen but takes the pointer (fill-opacity, not fill:none); .km-wide replaces .km-narrow
        # on wide screens (khartoum.css)
        ".km-map .km-pad{fill:#fff;fill-opacity:0;stroke:none}.km-map .km-wide{display:none}",
        f".km-map .km-chip rect{{stroke:{BORDER};stroke-width:1}}.km-map .km-chip text{{fill:#fff;font-weight:700;"
        "text-anchor:middle;font-family:sans-serif}",
        f".km-map .km-leaders line{{stroke:{INK};stroke-width:1;pointer-events:none}}",
    ]
    return "<style>" + "".join(rules) + "</style>"


@dataclass(frozen=True)
class _Placed:
    state: MapState
    polygons: tuple[Polygon, ...]
    marker: Point | None


def _place(geo: GeoData, states: Sequence[MapState]) -> tuple[list[_Placed], list[Country]]:
    """Each state with its shapes or marker, and the countries left over (drawn grey)."""
    seen: set[str] = set()
    placed: list[_Placed] = []
    claimed: set[int] = set()
    for state, found in zip(states, geodata.placement(geo, [(s.iso3, s.name) for s in states]), strict=True):
        if state.region not in REGION_CLASS:
            raise ValueError(f"state {state.id!r}: unknown region {state.region!r}; expected one of {REGIONS}")
        if state.iso3 in seen:
            raise ValueError(f"state {state.id!r}: the code {state.iso3!r} is given twice")
        seen.add(state.iso3)
        if found is None:
            raise ValueError(f"state {state.id!r} ({state.iso3}): no shape in the map data and no marker")
        claimed.update(found)
        if found:
            placed.append(_Placed(state, tuple(p for i in found for p in geo.countries[i].polygons), None))
        else:
            placed.append(_Placed(state, (), MARKERS[state.iso3]))
    others = [c for i, c in enumerate(geo.countries) if i not in claimed]
    return placed, others


def _points(placed: _Placed) -> list[Point]:
    """Where a state is, to fit the map to: its marker, or its largest polygon and the polygons
    near it (France with Corsica, not French Guiana, which is drawn but not sought out)."""
    return [placed.marker] if placed.marker is not None else mapgeometry.home_points(placed.polygons, HOME_DISTANCE)



def _tenths(value: float) -> int:
    """A coordinate in tenths of a unit, rounded as the map has always written it (``_num``'s one decimal)."""
    return round(float(f"{value:.1f}") * 10)


def _step(tenths: int) -> str:
    """A number of tenths written as SVG reads it, as short as it goes: 5 → ".5", -12 → "-1.2", 30 → "3"."""
    whole, tenth = divmod(abs(tenths), 10)
    text = (str(whole) if whole else "") + (f".{tenth}" if tenth else "") or "0"
    return ("-" if tenths < 0 else "") + text


def _path(rings: Iterable[Sequence[Point]]) -> str:
    """The rings as SVG path data: each ring's first point, then each next one as its step from the last
    (``M x,y l dx,dy dx,dy … Z``), to a tenth of a unit. Steps are taken between the rounded points, so no
    rounding adds up along a ring: the points are those the absolute coordinates gave, in about half the bytes."""
    parts = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (_tenths(x), _tenths(y))
            if not points or points[-1] != point:
                points.append(point)
        while len(points) > 1 and points[0] == points[-1]:
            points.pop()
        if len(points) >= 3:
            (x0, y0), rest = points[0], points[1:]
            steps = " ".join(f"{_step(x - px)},{_step(y - py)}" for (px, py), (x, y) in zip(points, rest, strict=False))
            parts.append(f"M{_step(x0)},{_step(y0)}l{steps}Z")
    return "".join(parts)


@dataclass(frozen=True)
class _Frame:
    """Where the map is drawn: the projection, the rectangle of the plane shown and its scale to
    SVG units (the picture is ``width`` x ``height``, origin at the top left)."""

    projection: Projection
    view: Rect
    scale: float
    width: int
    height: int

    @staticmethod
    def fit(geo: GeoData, placed: Sequence[_Placed], width: float, height: float) -> _Frame:
        """The largest frame within ``width`` x ``height`` that shows all the placed states."""
        focus = [p for s in placed for p in _points(s)]
        if not focus:
            raise ValueError("no state to show")
        projection, view = mapgeometry.fit_view(geo, focus, width / height)
        scale = min(width / view.width, height / view.height)
        return _Frame(projection, view, scale, round(view.width * scale), round(view.height * scale))

    def point(self, point: Point) -> Point:
        x, y = self.projection(point)
        return (x - self.view.x0) * self.scale, (y - self.view.y0) * self.scale

    def rings(self, polygons: Iterable[Polygon]) -> list[list[Point]]:
        """The rings of the polygons in picture units, cut a little outside the picture (no cut edge shows)."""
        pad = 3.0 / self.scale
        clip_rect = self.view.grow(pad, pad)
        x0, y0, scale = self.view.x0, self.view.y0, self.scale
        rings = []
        for polygon in polygons:
            for ring in polygon:
                clipped = clip([self.projection(p) for p in ring[:-1] or ring], clip_rect)
                rings.append([((x - x0) * scale, (y - y0) * scale) for x, y in clipped])
        return rings

    def shape(self, polygons: Iterable[Polygon]) -> str:
        return _path(self.rings(polygons))


_PLANNED: dict[object, dict[str, dict[int, mapgeometry.TapTarget]]] = {}
"""The last tap targets planned, by every point and size they are planned from: renaming a state (a server's
rebuild after an edit) leaves the shapes as they were, and planning is most of drawing the map."""


def _planned(width: float, height: float, land: list[list[list[Point]]], shapes: list[list[list[Point]]],
             sides: dict[str, float]) -> dict[str, dict[int, mapgeometry.TapTarget]]:
    key = (width, height, GRID_CELL, tuple(tuple(tuple(ring) for ring in rings) for rings in land),
           tuple(tuple(tuple(ring) for ring in rings) for rings in shapes), tuple(sorted(sides.items())))
    if key not in _PLANNED:
        _PLANNED.clear()
        _PLANNED[key] = mapgeometry.plan_layers(width, height, GRID_CELL, land, shapes, sides)
    return _PLANNED[key]


def render_map(geojson_path: Path, states: Sequence[MapState], *, width: int, height: int,
               title: str | None = None) -> str:
    """The map as one raw HTML block for Markdown: ``<div class="km-map-block">`` holding the SVG.

    (Python-Markdown does not take ``<svg>`` for a block-level tag: a bare ``<svg>`` would be cut
    into paragraphs and its text read as Markdown. A ``<div>`` block is passed through untouched:
    the block has no blank line and no indented line.)

    Each participating state is a link to its page (``<a href aria-label>`` with a ``<title>`` for
    the tooltip), filled by region, Malta a dot; every other country is a grey shape hidden from
    assistive technology; a legend in real text is drawn under the map. The ``<svg>`` is a named
    group (``role="group"``), since it holds links; a link before it skips it (to ``#km-after-map``,
    the block's one id). The ``<svg>`` has no ``id``, and its ``<style>`` is scoped to ``.km-map``
    (an inline SVG's style applies to the whole page).

    ``states``: the participating states, in the order links should be reached by keyboard.
    ``width``, ``height``: the largest size of the picture, legend included; the map keeps its
    shape, filling the box where the data covers the extra area, else leaving it unused.
    ``title``: the accessible name of the map (and its tooltip); by default "Map of the 40
    participating states".
    """
    geo = load_geodata(geojson_path)
    placed, others = _place(geo, states)
    for item in placed:
        if not item.state.href:
            raise ValueError(f"state {item.state.id!r}: no href for its link")
    font = min(18.0, max(12.0, width / 44))
    legend = _legend_items(placed)
    columns = 2 if width >= 30 * font else 1
    legend_height = math.ceil(len(legend) / columns) * font * 1.6 + font * 1.2
    frame = _Frame.fit(geo, placed, width, max(1.0, height - legend_height))
    out_w, out_h = frame.width, frame.height
    total_h = out_h + round(legend_height)
    label = title if title is not None else f"Map of the {len(placed)} participating states"
    radius = max(MIN_MARKER_RADIUS, width * 0.006)
    # enlarged targets for the states too small to tap, each layer for its width (see mapgeometry.plan_layers)
    shapes = [frame.rings(item.polygons) if item.marker is None else
              [Rect(*frame.point(item.marker), *frame.point(item.marker)).grow(radius, radius).outline(1)]
              for item in placed]
    layers = _planned(frame.width, frame.height, [frame.rings(c.polygons) for c in others], shapes,
                      {layer: TARGET_PX * out_w / drawn_at for layer, drawn_at in LAYERS.items()})
    lines = [
        '<div class="km-map-block">',
        # before the 40 links of the map, for keyboard users: visible on focus (see khartoum.css)
        f'<a class="km-skip" href="#{SKIP_ID}">Skip the map</a>',
        f'<svg xmlns="http://www.w3.org/2000/svg" class="km-map" viewBox="0 0 {out_w} {total_h}" '
        f'width="{out_w}" height="{total_h}" role="group" aria-label="{_esc(label)}">',
        f"<title>{_esc(label)}</title>",
        _style(),
        f'<rect class="km-sea" width="{out_w}" height="{out_h}"/>',
        '<g class="km-others" aria-hidden="true">',
    ]
    for country in others:
        if d := frame.shape(country.polygons):
            lines.append(f'<path class="km-other" data-iso="{_esc(country.iso3)}" d="{d}"/>')
    lines += ["</g>", '<g class="km-states">']
    for n, item in enumerate(placed):
        state = item.state
        if item.marker is not None:
            cx, cy = frame.point(item.marker)
            body = f'<circle class="km-marker" cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(radius)}"/>'
        elif d := frame.shape(item.polygons):
            body = f'<path d="{d}"/>'
        else:
            continue  # outside the picture
        tooltip = f"{state.name} ({REGION_LABEL[state.region]})"
        lines.append(
            f'<a class="km-state {REGION_CLASS[state.region]}" href="{_esc(state.href)}" '
            f'aria-label="{_esc(state.name)}" data-iso="{_esc(state.iso3)}"><title>{_esc(tooltip)}</title>{body}'
            + "".join(f'<g class="{layer}">{_target_svg(t, state.iso3)}</g>' for layer, targets in layers.items()
                      if (t := targets.get(n)))
            + "</a>"
        )
    lines.append("</g>")
    # the leaders over every shape (a state drawn later would hide a line inside an earlier link)
    lines.extend(f'<g class="km-leaders {layer}" aria-hidden="true">' + "".join(
        '<line x1="{}" y1="{}" x2="{}" y2="{}"/>'.format(*map(_num, t.leader())) for t in targets.values()
        if t.kind == "chip") + "</g>" for layer, targets in layers.items())
    lines.extend(_legend(legend, top=out_h, width=out_w, height=round(legend_height), columns=columns,
                         font=font, radius=radius))
    lines += ["</svg>", f'<span id="{SKIP_ID}" tabindex="-1"></span>', "</div>"]
    return "\n".join(lines)


def _target_svg(target: TapTarget, code: str) -> str:
    """A pad (an invisible square) or a chip (a square in the state's colour, labelled with its code)."""
    box = target.rect
    attrs = f'x="{_num(box.x0)}" y="{_num(box.y0)}" width="{_num(box.width)}" height="{_num(box.height)}"'
    if target.kind == "pad":
        return f'<rect class="km-pad" {attrs}/>'
    x, y, font = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2 + box.height * 0.15, box.height * 0.42
    text = f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(font)}">{_esc(code)}</text>'
    return f'<g class="km-chip"><rect {attrs} rx="3"/>{text}</g>'


def _legend_items(placed: Sequence[_Placed]) -> list[tuple[str, str]]:
    """(swatch kind or region class, text) for each line of the legend."""
    items = []
    for region in REGIONS:
        count = sum(1 for p in placed if p.state.region == region)
        if count:
            items.append((REGION_CLASS[region], f"{REGION_LABEL[region]} ({count})"))
    items.append(("km-other", "Other country (not participating)"))
    for p in placed:
        if p.marker is not None:
            text = f"{p.state.name}: too small to draw, shown as a dot"
            items.append(("marker " + REGION_CLASS[p.state.region], text))
    return items


def _legend(items: Sequence[tuple[str, str]], *, top: int, width: int, height: int, columns: int,
            font: float, radius: float) -> list[str]:
    lines = [
        '<g class="km-legend">',
        f'<rect class="km-legend-bg" y="{top}" width="{width}" height="{height}"/>',
    ]
    rows = math.ceil(len(items) / columns)
    col_w = width / columns
    for n, (kind, text) in enumerate(items):
        col, row = divmod(n, rows)
        x = font * 0.8 + col * col_w
        y = top + font * 0.6 + row * font * 1.6
        if kind.startswith("marker "):
            lines.append(f'<circle class="km-marker {kind.split()[1]}" cx="{_num(x + font / 2)}" '
                         f'cy="{_num(y + font / 2)}" r="{_num(min(radius, font / 2))}" aria-hidden="true"/>')
        else:
            lines.append(f'<rect class="km-swatch {kind}" x="{_num(x)}" y="{_num(y)}" width="{_num(font)}" '
                         f'height="{_num(font)}" aria-hidden="true"/>')
        lines.append(f'<text x="{_num(x + font * 1.5)}" y="{_num(y + font * 0.85)}" '
                     f'font-size="{_num(font)}">{_esc(text)}</text>')
    lines.append("</g>")
    return lines


# The locator sheet ---------------------------------------------------------------------------------

SHEET_TINT = 0.6  # how much white the participating states' fill takes on the sheet
SHEET_DOT_RADIUS = 3.0  # Malta's dot on the sheet, SVG units
SHEET_RING_GAP = 3.0  # between a state's extent and its ring
SHEET_RING_MIN = 7.0  # the least radius of a ring
STATE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _sheet_style() -> str:
    """The sheet's look: the layer of highlights is hidden, but for the group the URL's fragment
    names (CSS ``:target``)."""
    rules = [
        f".km-sea{{fill:{SEA_FILL}}}",
        f"path,circle{{stroke:{BORDER};stroke-width:.5;stroke-linejoin:round}}",
        "path{fill-rule:evenodd}",
        f".km-other{{fill:{OTHER_FILL}}}",
        *(f".{REGION_CLASS[r]}{{fill:{_tint(REGION_FILL[r], SHEET_TINT)}}}" for r in REGIONS),
        ".km-highlights>g{display:none}",
        "g:target{display:inline}",
        *(f"g:target.{REGION_CLASS[r]} .km-shape{{fill:{REGION_FILL[r]}}}" for r in REGIONS),
        "g:target .km-shape{stroke:#000;stroke-width:1.2}",
        f"g:target .km-ring{{display:inline;fill:none;stroke:{INK};stroke-width:2.5}}",
    ]
    return "<style>" + "".join(rules) + "</style>"


def render_locator_sheet(geojson_path: Path, states: Sequence[MapState], *, width: int, height: int) -> str:
    """One standalone SVG document from which every state page takes its locator map.

    A page shows its state with
    ``<img src=".../locator.svg#austria" alt="Location of Austria" width="W" height="H">``:
    the fragment names the state's group, which the embedded style shows (CSS ``:target``, the
    "SVG stack" technique; it works in ``<img>``, each image with its own fragment). Without a
    fragment nothing stands out.

    Two layers, in the same view as the main map: the map itself, every participating state in a
    light tint of its region's colour (Malta a dot) and the other countries grey; then, over it,
    one hidden group ``<g id="STATE-ID">`` a state, holding its shape (Malta: its dot) and a ring
    round its extent, so that a small state can be found. The group shown is drawn over all the
    others, so its black outline and its ring are whole.

    ``states``: ``MapState.id`` is the group's id (``[a-z0-9][a-z0-9-]*``); ``href`` is unused.
    ``width``, ``height``: the largest size of the picture; the map keeps its shape, filling the
    box where the data covers the extra area.
    """
    geo = load_geodata(geojson_path)
    placed, others = _place(geo, states)
    seen: set[str] = set()
    for item in placed:
        if not STATE_ID.fullmatch(item.state.id):
            raise ValueError(f"state {item.state.id!r}: not usable as an id (a-z, 0-9 and '-')")
        if item.state.id in seen:
            raise ValueError(f"state {item.state.id!r}: the id is given twice")
        seen.add(item.state.id)
    frame = _Frame.fit(geo, placed, width, height)

    label = f"Locator map of the {len(placed)} participating states"
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {frame.height}" '
        f'width="{frame.width}" height="{frame.height}" role="img" aria-label="{_esc(label)}">',
        f"<title>{_esc(label)}</title>",
        _sheet_style(),
        f'<rect class="km-sea" width="{frame.width}" height="{frame.height}"/>',
    ]
    for country in others:
        if d := frame.shape(country.polygons):
            lines.append(f'<path class="km-other" d="{d}"/>')
    highlights = ['<g class="km-highlights">']
    for item in placed:
        state = item.state
        region = REGION_CLASS[state.region]
        box = Rect.around(frame.point(p) for p in _points(item))
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        if item.marker is not None:
            attrs = f'cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(SHEET_DOT_RADIUS)}"'
            lines.append(f'<circle class="{region}" {attrs}/>')
            shape = f'<circle class="km-shape" {attrs}/>'
            extent = SHEET_DOT_RADIUS
        else:
            d = frame.shape(item.polygons)
            lines.append(f'<path class="{region}" d="{d}"/>')
            shape = f'<path class="km-shape" d="{d}"/>'
            extent = math.hypot(box.width, box.height) / 2
        r = max(SHEET_RING_MIN, extent + SHEET_RING_GAP)
        ring = f'<circle class="km-ring" cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(r)}"/>'
        highlights.append(f'<g id="{state.id}" class="{region}" data-iso="{_esc(state.iso3)}">{shape}{ring}</g>')
    highlights.append("</g>")
    lines.extend(highlights)
    lines.append("</svg>")
    return "\n".join(lines) + "\n"
