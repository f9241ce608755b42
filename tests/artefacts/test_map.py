"""The map as a whole artefact: the same drawing every time, and a size a page can carry at any width.
(The unit tier draws it once, at the home page's size: tests/unit/test_worldmap.py.)"""

from __future__ import annotations

from helpers import GEO, MAP_TITLE, drawn_map, map_states

from khartoum_site.outputs.worldmap import render_map
from khartoum_site.record import geodata


def test_output_is_deterministic() -> None:
    """Drawn small (a quarter of the home page's size): the same code runs, in a fraction of the time."""
    states = list(map_states())
    first = render_map(GEO, states, width=320, height=500, title=MAP_TITLE)
    assert render_map(GEO, states, width=320, height=500, title=MAP_TITLE) == first
    geodata._parse_geodata.cache_clear()
    assert render_map(GEO, states, width=320, height=500, title=MAP_TITLE) == first


def test_size_is_bounded() -> None:
    assert len(drawn_map().encode()) < 150_000
    assert len(drawn_map(1000, 1200).encode()) < 150_000
