"""The country shapes the map draws: the GeoJSON file, read and checked, and the geometry to show them.

The file is ``data/geo/countries.geojson`` (Natural Earth 1:110m Admin 0; see ``data/geo/README.md``).
A missing, unreadable or malformed file is a problem the validator reports with the data's, never a
map quietly left out. The geometry is plain arithmetic: an equal-area projection, rectangles, a
point-in-polygon test and polygon clipping.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import files
from .problems import Problem

Point = tuple[float, float]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]  # outer ring, then holes
BBox = tuple[float, float, float, float]  # west, south, east, north (degrees)


@dataclass(frozen=True)
class Country:
    """One feature of the GeoJSON file."""

    name: str
    iso3: str
    polygons: tuple[Polygon, ...]


@dataclass(frozen=True)
class GeoData:
    coverage: BBox  # the area the file covers: shapes are cut at its edges
    countries: tuple[Country, ...]


GEOJSON = Path("geo") / "countries.geojson"  # under data/, see data/geo/README.md


def read_geodata(path: Path, shown_as: str, root: Path) -> tuple[GeoData | None, list[Problem]]:
    """Read and check the GeoJSON file; a missing, unreadable or malformed file is a problem, never
    a map quietly left out."""
    text, problems = files.read_text(path, shown_as, root)
    if text is None:
        return None, problems
    try:
        return _parse_geodata(text), []
    except json.JSONDecodeError as exc:
        return None, [Problem(shown_as, exc.lineno, exc.colno, detail=f"not valid GeoJSON: {exc.msg}")]
    except _GeoError as exc:
        return None, [Problem(shown_as, 1, 1, detail=f"expected a GeoJSON FeatureCollection whose features each "
                              f"have the properties 'name' and 'iso_a3' and a Polygon or MultiPolygon geometry; "
                              f"{exc}")]


def load_geodata(path: Path) -> GeoData:
    """The checked GeoJSON file (the validator has reported any problem with it before)."""
    geo, problems = read_geodata(path, str(path), Path(path).resolve().parent)
    if geo is None:
        raise ValueError(str(problems[0]))
    return geo


class _GeoError(ValueError):
    pass


@functools.lru_cache(maxsize=4)
def _parse_geodata(text: str) -> GeoData:
    data = json.loads(text)
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise _GeoError("found no list of features")
    countries = []
    for i, feature in enumerate(features, start=1):
        try:
            props = feature["properties"]
            geometry = feature["geometry"]
            kind = geometry["type"]
            if kind not in ("Polygon", "MultiPolygon"):
                raise _GeoError(f"feature {i} is a {kind!r}")
            raw = [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"]
            polygons = tuple(
                tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in polygon) for polygon in raw
            )
            countries.append(Country(str(props["name"]), str(props["iso_a3"]), polygons))
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, _GeoError):
                raise
            raise _GeoError(f"feature {i} is not ({type(exc).__name__}: {exc})") from None
    try:
        west, south, east, north = (float(v) for v in data.get("bbox", (-180, -90, 180, 90)))
    except (TypeError, ValueError):
        raise _GeoError("its 'bbox' is not four numbers") from None
    return GeoData((west, south, east, north), tuple(countries))


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
