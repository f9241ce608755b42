"""The country shapes the map draws: the GeoJSON file under data/, read and checked.

The file is ``data/geo/countries.geojson`` (Natural Earth 1:110m Admin 0; see ``data/geo/README.md``).
A missing, unreadable or malformed file is a problem the validator reports with the data's, never a
map quietly left out. The geometry that shows the shapes is in ``outputs/mapgeometry.py``.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from khartoum_site.escape import unseen
from khartoum_site.record import files
from khartoum_site.record.problems import Problem

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
    continent: str | None = None  # Natural Earth's word for it, where the file gives one: a check reads it, no page


@dataclass(frozen=True)
class GeoData:
    coverage: BBox  # the area the file covers: shapes are cut at its edges
    countries: tuple[Country, ...]


GEOJSON = Path("geo") / "countries.geojson"  # under data/, see data/geo/README.md

# States too small for the 1:110m data, drawn as a dot at (longitude, latitude).
MARKERS: dict[str, Point] = {"MLT": (14.4, 35.9)}
# Natural Earth's name of a state whose code it may write as "-99" (or not give at all).
NATURAL_EARTH_NAMES = {"CZE": "Czechia", "SSD": "S. Sudan", "FRA": "France", "NOR": "Norway"}


def placement(geo: GeoData, states: list[tuple[str, str]]) -> list[tuple[int, ...] | None]:
    """For each state, given as (code, name) in the map's order, the shapes the map draws it with (their indexes;
    none for a state drawn as a marker), or None when the map cannot draw it. A state is found by its code; one
    whose code the shapes do not know, by the name Natural Earth gives it (else its own name), among the shapes
    that no state's code and no earlier state took (a twenty-first attack named a state "Czechia": it was drawn on
    the Czech Republic's shape, under it). The one rule for the map (outputs/worldmap.py) and the check."""
    codes = {iso3 for iso3, _name in states}
    claimed = {i for i, country in enumerate(geo.countries) if country.iso3 in codes}
    placed: list[tuple[int, ...] | None] = []
    for iso3, name in states:
        found = [i for i, country in enumerate(geo.countries) if country.iso3 == iso3]
        if not found:
            known_as = NATURAL_EARTH_NAMES.get(iso3, name)
            found = [i for i, country in enumerate(geo.countries) if country.name == known_as and i not in claimed]
            claimed.update(found)
        placed.append(tuple(found) if found else (() if iso3 in MARKERS else None))
    return placed


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
    except RecursionError:
        return None, [Problem(shown_as, 1, 1, detail="not GeoJSON the map can read: it is nested too deeply",
                              hint="restore the file from data/geo/README.md's source")]
    except _GeoError as exc:
        return None, [Problem(shown_as, 1, 1, detail=f"expected a GeoJSON FeatureCollection whose features each "
                              f"have the properties 'name' and 'iso_a3' and a Polygon or MultiPolygon geometry; "
                              f"{exc}")]
    except ValueError:  # a number of thousands of digits: Python's reader refuses to convert it
        return None, [Problem(shown_as, 1, 1, detail="not GeoJSON the map can read: it holds a number of more "
                              "digits than a reader converts",
                              hint="restore the file from data/geo/README.md's source")]


def load_geodata(path: Path) -> GeoData:
    """The checked GeoJSON file (the validator has reported any problem with it before)."""
    geo, problems = read_geodata(path, str(path), Path(path).resolve().parent)
    if geo is None:
        raise ValueError(str(problems[0]))
    return geo


class _GeoError(ValueError):
    pass


class _FeatureError(_GeoError):
    """A value of one feature (a coordinate, its code, its name) the map cannot use: said with the feature's number."""


def _degrees(value: object, limit: float) -> float:
    """A longitude (limit 180) or latitude (limit 90) in degrees: a number, not NaN or infinite (which
    Python's JSON reader accepts and the projection cannot draw), and within the globe."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _FeatureError(f"a coordinate {json.dumps(value)[:40]} is not a number")
    if not math.isfinite(value) or abs(value) > limit:
        raise _FeatureError(f"a coordinate {value!r} is not between -{limit:g} and {limit:g} degrees")
    return float(value)


def _code(value: object) -> str:
    """A country's ISO 3166-1 alpha-3 code as Natural Earth gives it: three capital letters, or -99 for none. It is
    written into the map's attributes (an attack put a NUL, an escape and a lone surrogate there)."""
    if not (isinstance(value, str) and _ISO3.fullmatch(value)):
        raise _FeatureError(f"'iso_a3' {json.dumps(value)[:40]} is not three capital letters or -99")
    return value


def _name(value: object) -> str:
    """A country's name: text a page and a message can show as it is."""
    if (not isinstance(value, str) or not value.strip() or unseen(value) is not None
            or any("\ud800" <= c <= "\udfff" for c in value)):
        raise _FeatureError(f"'name' {json.dumps(value)[:60]} is not a name a page can show")
    return value


_ISO3 = re.compile(r"[A-Z]{3}|-99")


def _rings(polygon: object) -> list[object]:
    """A polygon's rings: at least its outer one (an empty polygon or ring passed the check and stopped the map's
    geometry in a traceback: a twentieth attack)."""
    if not isinstance(polygon, list) or not polygon:
        raise _FeatureError("a polygon has no ring (RFC 7946: an outer ring, then any holes)")
    return polygon


def _ring(ring: object) -> Ring:
    """A linear ring as RFC 7946 gives it: four positions or more, the last the same as the first."""
    if not isinstance(ring, list) or len(ring) < 4:
        raise _FeatureError(f"a ring has {len(ring) if isinstance(ring, list) else 'no'} positions (RFC 7946: "
                            "four or more, the last the same as the first)")
    points = tuple((_degrees(x, 180), _degrees(y, 90)) for x, y, *_ in ring)
    if points[0] != points[-1]:
        raise _FeatureError("a ring is not closed (RFC 7946: its last position is the same as its first)")
    return points


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
            if not isinstance(geometry, dict):
                raise _GeoError(f"feature {i} has no geometry (it is {json.dumps(geometry)[:40]})")
            kind = geometry["type"]
            if kind not in ("Polygon", "MultiPolygon"):
                raise _GeoError(f"feature {i} is a {kind!r}")
            raw = [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"]
            polygons = tuple(tuple(_ring(ring) for ring in _rings(polygon)) for polygon in raw)
            if not polygons:
                raise _FeatureError("the geometry has no polygon (RFC 7946: at least one)")
            continent = props.get("continent")
            countries.append(Country(_name(props["name"]), _code(props["iso_a3"]), polygons,
                                     continent if isinstance(continent, str) else None))
        except (KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, _FeatureError):
                raise _GeoError(f"in feature {i}, {exc}") from None
            if isinstance(exc, _GeoError):
                raise
            raise _GeoError(f"feature {i} is not ({type(exc).__name__}: {exc})") from None
    try:
        west, south, east, north = data.get("bbox", (-180, -90, 180, 90))
        west, east, south, north = _degrees(west, 180), _degrees(east, 180), _degrees(south, 90), _degrees(north, 90)
    except (TypeError, ValueError):
        raise _GeoError("its 'bbox' is not four numbers of degrees") from None
    if not (west < east and south < north):
        raise _GeoError("its 'bbox' is not [west, south, east, north] with west < east and south < north")
    return GeoData((west, south, east, north), tuple(countries))
