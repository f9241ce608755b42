"""The geometry of the map of the states: plain arithmetic on the shapes of ``record/geodata.py``.

An equal-area projection, rectangles, a point-in-polygon test, polygon clipping, and a raster on
which the map's larger tap targets (``TapTarget``) find room.
"""

from __future__ import annotations

import copy
import heapq
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from khartoum_site.record.geodata import BBox, GeoData, Point, Polygon, Ring


class Projection:
    """Lambert azimuthal equal-area centred on (lon0, lat0); y grows southwards, as in SVG."""

    def __init__(self, lon0: float, lat0: float) -> None:
        self.lon0 = math.radians(lon0)
        self.sin0 = math.sin(math.radians(lat0))
        self.cos0 = math.cos(math.radians(lat0))

    def __call__(self, point: Point) -> Point:
        lam = math.radians(point[0]) - self.lon0
        phi = math.radians(point[1])
        cos_c = self.sin0 * math.sin(phi) + self.cos0 * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2.0 / max(1.0 + cos_c, 1e-12))
        x = k * math.cos(phi) * math.sin(lam)
        y = k * (self.cos0 * math.sin(phi) - self.sin0 * math.cos(phi) * math.cos(lam))
        return x, -y


@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @staticmethod
    def around(points: Iterable[Point]) -> Rect:
        xs, ys = zip(*points, strict=True)
        return Rect(min(xs), min(ys), max(xs), max(ys))

    def shift(self, dx: float, dy: float) -> Rect:
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def grow(self, dx: float, dy: float) -> Rect:
        return Rect(self.x0 - dx, self.y0 - dy, self.x1 + dx, self.y1 + dy)

    def at_least(self, width: float, height: float) -> Rect:
        return self.grow(max(0.0, (width - self.width) / 2), max(0.0, (height - self.height) / 2))

    def outline(self, steps: int = 16) -> list[Point]:
        """Points along the edges, ``steps`` to an edge."""
        ts = [i / steps for i in range(steps)]
        dx, dy = self.width, self.height
        return (
            [(self.x0 + dx * t, self.y0) for t in ts] + [(self.x1, self.y0 + dy * t) for t in ts]
            + [(self.x1 - dx * t, self.y1) for t in ts] + [(self.x0, self.y1 - dy * t) for t in ts]
        )


def ring_area(ring: Ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))) / 2


def home_points(polygons: Sequence[Polygon], distance: float) -> list[Point]:
    """The points of the largest polygon and of the polygons within ``distance`` degrees of it."""
    main = max(polygons, key=lambda polygon: ring_area(polygon[0]))
    home = Rect.around(main[0]).grow(distance, distance)
    near = [polygon for polygon in polygons
            if all(home.x0 <= x <= home.x1 and home.y0 <= y <= home.y1 for x, y in polygon[0])]
    return [p for polygon in near for p in polygon[0]]


MARGIN = 0.04  # of the larger side of the area shown, on each side
# How far to slide a view, as fractions of its slack on each axis: the least moves first.
_SHIFTS = sorted(((fx, fy) for fx in (0, -0.5, 0.5, -1, 1) for fy in (0, -0.5, 0.5, -1, 1)),
                 key=lambda f: abs(f[0]) + abs(f[1]))


def fit_view(geo: GeoData, focus: list[Point], aspect: float) -> tuple[Projection, Rect]:
    """The projection and the rectangle of the plane to show: around the ``focus`` points, of the
    given aspect (width/height), and inside the part of the plane the data covers, as far as can be."""
    lons, lats = zip(*focus, strict=True)
    # centred on the middle of the area in lon/lat, then the area measured on the plane
    projection = Projection((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
    core = Rect.around(projection(p) for p in focus)
    margin = max(core.width, core.height) * MARGIN
    area = core.grow(margin, margin)
    wider = area.at_least(area.height * aspect, area.width / aspect)
    covered = [projection(p) for p in box_outline(geo.coverage)]
    for rect in (wider, area):
        # slide the view (keeping the core in it) until the data covers all of it
        slack_x = (rect.width - core.width) / 2
        slack_y = (rect.height - core.height) / 2
        for fx, fy in _SHIFTS:
            moved = rect.shift(fx * slack_x, fy * slack_y)
            if all(inside(p, covered) for p in moved.outline()):
                return projection, moved
    return projection, area


def box_outline(box: BBox, step: float = 1.0) -> list[Point]:
    """Points along a lon/lat box's edges, every ``step`` degrees, counter-clockwise."""
    west, south, east, north = box
    nx = max(1, math.ceil((east - west) / step))
    ny = max(1, math.ceil((north - south) / step))
    xs = [west + (east - west) * i / nx for i in range(nx + 1)]
    ys = [south + (north - south) * i / ny for i in range(ny + 1)]
    return (
        [(x, south) for x in xs] + [(east, y) for y in ys[1:]]
        + [(x, north) for x in reversed(xs[:-1])] + [(west, y) for y in reversed(ys[1:-1])]
    )


def inside(point: Point, polygon: Sequence[Point]) -> bool:
    x, y = point
    inside = False
    for i, (x1, y1) in enumerate(polygon):
        x0, y0 = polygon[i - 1]
        if (y0 > y) != (y1 > y) and x < x0 + (x1 - x0) * (y - y0) / (y1 - y0):
            inside = not inside
    return inside


def clip(ring: Sequence[Point], rect: Rect) -> list[Point]:
    """Sutherland-Hodgman: the part of a closed ring (first point not repeated) inside ``rect``."""
    points = list(ring)
    for axis, limit, keep_above in ((0, rect.x0, True), (0, rect.x1, False), (1, rect.y0, True), (1, rect.y1, False)):
        if not points:
            break

        def inside(p: Point, axis: int = axis, limit: float = limit, keep_above: bool = keep_above) -> bool:
            return p[axis] >= limit if keep_above else p[axis] <= limit

        def cross(p: Point, q: Point, axis: int = axis, limit: float = limit) -> Point:
            t = (limit - p[axis]) / (q[axis] - p[axis])
            other = p[1 - axis] + t * (q[1 - axis] - p[1 - axis])
            return (limit, other) if axis == 0 else (other, limit)

        kept: list[Point] = []
        for i, q in enumerate(points):
            p = points[i - 1]
            if inside(q):
                if not inside(p):
                    kept.append(cross(p, q))
                kept.append(q)
            elif inside(p):
                kept.append(cross(p, q))
        points = kept
    return points


class Grid:
    """The picture as a raster of square cells, each holding what covers its centre: ``SEA``, ``LAND``
    (a country not on the map's list), ``TAKEN`` (a target placed) or a state's value (``FIRST_STATE``
    on). Room for tap targets is sought on it: simpler than polygon overlap tests, and fine enough."""

    SEA, LAND, TAKEN, FIRST_STATE = 0, 1, 2, 3

    def __init__(self, width: float, height: float, cell: float) -> None:
        self.cell, self.cols, self.rows = cell, max(1, math.ceil(width / cell)), max(1, math.ceil(height / cell))
        self.cells = [bytearray(self.cols) for _ in range(self.rows)]  # a row a bytearray: small and quick

    def fill(self, rings: Iterable[Sequence[Point]], value: int) -> None:
        """Set to ``value`` (0 to 255) each cell whose centre is inside the rings (even-odd: holes stay)."""
        crossings: dict[int, list[float]] = {}
        c = self.cell
        for ring in rings:
            for (xa, ya), (xb, yb) in zip(ring, [*ring[1:], *ring[:1]], strict=True):
                # the rows whose centre line (j + 0.5) * c lies in [min y, max y)
                low, high = math.ceil(min(ya, yb) / c - 0.5), math.ceil(max(ya, yb) / c - 0.5)
                for j in range(max(0, low), min(self.rows, high)):
                    crossings.setdefault(j, []).append(xa + (xb - xa) * ((j + 0.5) * c - ya) / (yb - ya))
        for j, xs in crossings.items():
            xs.sort()
            for start, end in zip(xs[::2], xs[1::2], strict=False):
                i0 = max(0, math.ceil(start / c - 0.5))
                i1 = max(i0, min(self.cols, math.ceil(end / c - 0.5)))  # never negative: row[0:-1] is most of it
                self.cells[j][i0:i1] = bytes([value]) * (i1 - i0)

    def mark(self, rect: Rect, value: int) -> None:
        """Set to ``value`` every cell that ``rect`` (in picture units) touches."""
        c = self.cell
        i0 = max(0, math.floor(rect.x0 / c))
        i1 = max(i0, min(self.cols, math.ceil(rect.x1 / c)))
        for j in range(max(0, math.floor(rect.y0 / c)), min(self.rows, math.ceil(rect.y1 / c))):
            self.cells[j][i0:i1] = bytes([value]) * (i1 - i0)

    def blocks(self, size: int, allowed: Iterable[int], window: tuple[int, int, int, int],
               stride: int = 1) -> list[tuple[int, int]]:
        """The top-left cells (every ``stride``-th) of each ``size`` x ``size`` block inside ``window`` (columns
        i0 to i1, rows j0 to j1, ends excluded) whose cells all hold an ``allowed`` value. A row is a bit set (an
        int): and-ed with itself shifted, doubling the width covered, then with the rows below, it has
        a bit set where a block starts: a few dozen operations on long ints, not a loop over cells."""
        i0, j0, i1, j1 = max(0, window[0]), max(0, window[1]), min(self.cols, window[2]), min(self.rows, window[3])
        if i1 - i0 < size or j1 - j0 < size:
            return []
        ok = set(allowed)
        table = bytes(ord("1") if v in ok else ord("0") for v in range(256))
        rows = [_doubling(int(self.cells[j][i0:i1].translate(table)[::-1], 2), size, lambda a, n: a & (a >> n))
                for j in range(j0, j1)]  # bit x: cell i0 + x
        rows = _doubling(rows, size, lambda r, n: [a & b for a, b in zip(r, r[n:], strict=False)])
        found, width = [], i1 - i0 - size + 1  # blocks that end inside the window
        inside = int("".join("0" if (i0 + x) % stride else "1" for x in reversed(range(width))), 2)
        for y, bits in enumerate(rows):
            bits &= 0 if (j0 + y) % stride else inside
            while bits:
                low = bits & -bits
                found.append((i0 + low.bit_length() - 1, j0 + y))
                bits ^= low
        return found


_T = TypeVar("_T")


def _doubling(value: _T, size: int, combine: Callable[[_T, int], _T]) -> _T:
    """``value`` combined with itself shifted by 1, 2, 4... until ``size`` places are covered."""
    covered = 1
    while covered < size:
        step = min(covered, size - covered)
        value, covered = combine(value, step), covered + step
    return value


@dataclass(frozen=True)
class TapTarget:
    """An enlarged tap target, in picture units: a ``pad`` is an invisible square carrying a state's
    own shape out into the sea; a ``chip`` a labelled square in the sea (or on a country not on the
    map's list), joined to ``anchor``, a point of the state, by a line."""

    kind: str
    rect: Rect
    anchor: Point

    def leader(self) -> tuple[float, float, float, float]:
        """The line from the edge of the chip to the anchor: x1, y1, x2, y2."""
        box, (ax, ay) = self.rect, self.anchor
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        dx, dy = ax - cx, ay - cy
        out = min(box.width / 2 / abs(dx) if dx else 1.0, box.height / 2 / abs(dy) if dy else 1.0, 1.0)
        return cx + dx * out, cy + dy * out, ax, ay


LAND_PENALTY = 1  # chip widths: a chip on other land must be this much nearer than one in the sea
CROSSING_COST = 0.5  # cells of distance that a cell of another state under a leader costs
CANDIDATES = 60  # the nearest free blocks whose leaders are walked


def plan_layers(width: float, height: float, cell: float, land: Iterable[Iterable[Sequence[Point]]],
                states: Sequence[Iterable[Sequence[Point]]], sides: dict[str, float]
                ) -> dict[str, dict[int, TapTarget]]:
    """For each layer (name: side of a target), the targets of the states (by place in ``states``, each
    given by its rings, as are the countries of ``land``) on a raster of the ``width`` x ``height`` picture."""
    grid = Grid(width, height, cell)
    for rings in land:
        grid.fill(rings, Grid.LAND)
    for n, rings in enumerate(states):
        grid.fill(rings, Grid.FIRST_STATE + n)
    values = [Grid.FIRST_STATE + n for n in range(len(states))]
    plans = {layer: plan_targets(copy.deepcopy(grid), values, side) for layer, side in sides.items()}
    return {layer: {v - Grid.FIRST_STATE: target for v, target in plan.items()} for layer, plan in plans.items()}


def plan_targets(grid: Grid, values: Sequence[int], side: float) -> dict[int, TapTarget]:
    """The enlarged target of each state (by its value on ``grid``) in which no ``side`` x ``side``
    square fits, as atlases label their small countries. The smallest are served first, as they have
    the fewest choices: a pad if one fits (it needs no leader), else a chip. Targets never cover
    another state nor each other and keep a cell's gap; their cells are marked ``TAKEN``."""
    size = math.ceil(side / grid.cell)
    cells: dict[int, list[tuple[int, int]]] = {}
    for j, row in enumerate(grid.cells):
        for value in set(row) - {Grid.SEA, Grid.LAND, Grid.TAKEN}:
            cells.setdefault(value, []).extend((i, j) for i, v in enumerate(row) if v == value)
    needy = [value for value in values if value in cells and not grid.blocks(size, (value,), _box(cells[value]))]
    found: dict[int, TapTarget] = {}
    for value in sorted(needy, key=lambda value: (len(cells[value]), value)):
        anchor = _middle_cell(cells[value])
        if target := _pad(grid, value, cells[value], size + 1, anchor) or _chip(grid, value, size + 2, anchor):
            found[value] = target
    return found


def _pad(grid: Grid, value: int, own: list[tuple[int, int]], size: int, anchor: tuple[int, int]) -> TapTarget | None:
    """The block of sea and of the state itself that touches the state, nearest its middle."""
    i0, j0, i1, j1 = _box(own)
    mine, half = set(own), (size - 1) / 2
    spots = grid.blocks(size, (Grid.SEA, value), (i0 - size, j0 - size, i1 + size, j1 + size))
    for x, y in sorted(spots, key=lambda b: (math.hypot(b[0] + half - anchor[0], b[1] + half - anchor[1]), b)):
        if any((i, j) in mine for j in range(y, y + size) for i in range(x, x + size)):
            return _take(grid, "pad", x, y, size, anchor)
    return None


def _chip(grid: Grid, value: int, size: int, anchor: tuple[int, int]) -> TapTarget | None:
    """A free block near the state whose leader crosses no other target and few other states;
    sought near the state first, then anywhere (a search costs the area searched)."""
    (ai, aj), half = anchor, (size - 1) / 2
    for reach in (4 * size, 8 * size, max(grid.cols, grid.rows)):
        window = (ai - reach, aj - reach, ai + reach + 1, aj + reach + 1)
        sea = set(grid.blocks(size, (Grid.SEA,), window, 2))  # every other cell: as good, a quarter of the work

        def near(b: tuple[int, int], sea: set[tuple[int, int]] = sea) -> float:
            return math.hypot(b[0] + half - ai, b[1] + half - aj) + (0 if b in sea else LAND_PENALTY * size)

        spots = grid.blocks(size, (Grid.SEA, Grid.LAND), window, 2)
        ranked = heapq.nsmallest(CANDIDATES, spots, key=lambda b: (near(b), b))
        costs = [(near(b) + CROSSING_COST * crossed, b) for b in ranked
                 if (crossed := _crossed(grid, (b[0] + half, b[1] + half), anchor, size, value)) is not None]
        if ranked:
            x, y = min(costs)[1] if costs else ranked[0]
            return _take(grid, "chip", x, y, size, anchor)
    return None


def _crossed(grid: Grid, start: Point, end: tuple[int, int], size: int, value: int) -> int | None:
    """How many cells of other states the line from a block's centre to the anchor cell passes over;
    None if it passes over a target."""
    steps, crossed = max(1, math.ceil(math.dist(start, end))), 0
    for n in range(steps + 1):
        i = int(start[0] + (end[0] - start[0]) * n / steps + 0.5)
        j = int(start[1] + (end[1] - start[1]) * n / steps + 0.5)
        if (abs(i - start[0]) > size / 2 or abs(j - start[1]) > size / 2) and 0 <= j < grid.rows and 0 <= i < grid.cols:
            if (cell := grid.cells[j][i]) == Grid.TAKEN:
                return None
            crossed += cell >= Grid.FIRST_STATE and cell != value
    return crossed


def _box(cells: Sequence[tuple[int, int]]) -> tuple[int, int, int, int]:
    cols, rows = zip(*cells, strict=True)
    return min(cols), min(rows), max(cols) + 1, max(rows) + 1


def _middle_cell(cells: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The cell of the state nearest the mean of its cells: inside it, even for a crescent."""
    mi, mj = sum(i for i, _ in cells) / len(cells), sum(j for _, j in cells) / len(cells)
    return min(cells, key=lambda c: ((c[0] - mi) ** 2 + (c[1] - mj) ** 2, c))


def _take(grid: Grid, kind: str, x: int, y: int, size: int, anchor: tuple[int, int]) -> TapTarget:
    """The target drawn in the block at (x, y), short of its edges (half a cell, a chip a cell)."""
    c = grid.cell
    block = Rect(x * c, y * c, (x + size) * c, (y + size) * c)
    grid.mark(block, Grid.TAKEN)
    inset = c / 2 if kind == "pad" else c
    return TapTarget(kind, block.grow(-inset, -inset), ((anchor[0] + 0.5) * c, (anchor[1] + 0.5) * c))
