"""The site's own templates over the theme's (khartoum_site/adapters/theme/): the header's icons drawn once by the
site's stylesheet instead of inline in every page, and the colour scheme restored by a cached script. Seen in
Chromium: tests/browser/test_browser.py (the icons are drawn, the chosen scheme holds from page to page)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import jinja2
import pytest
from helpers import ROOT

from khartoum_site.adapters import prepare

ICONS = sorted((prepare.THEME_DIR / ".icons").rglob("*.svg"))
STYLESHEET = (ROOT / "docs" / "assets" / "khartoum.css").read_text(encoding="utf-8")
_RULE = re.compile(r'\.(km-i-[a-z-]+)\s*\{\s*--km-i:\s*url\("data:image/svg\+xml,([^"]*)"\);\s*\}')
DRAWN = dict(_RULE.findall(STYLESHEET))


def test_the_header_s_icons_are_all_replaced() -> None:
    """The icons the header, the search form and the back-to-top button name in mkdocs.yml and by default."""
    assert {p.relative_to(prepare.THEME_DIR / ".icons").as_posix() for p in ICONS} == {
        f"material/{name}.svg" for name in ("library", "menu", "weather-night", "weather-sunny", "magnify",
                                            "arrow-left", "close", "arrow-up")}


@pytest.mark.parametrize("icon", ICONS, ids=lambda p: p.stem)
def test_each_icon_is_an_empty_svg_whose_shape_the_stylesheet_draws(icon: Path) -> None:
    element = ET.fromstring(icon.read_text(encoding="utf-8"))
    assert element.tag == "svg"
    assert len(element) == 0
    assert element.text is None
    assert element.get("viewBox") == "0 0 24 24"  # the logo's width follows its height, as the theme's did
    name = element.get("class")
    assert name == f"km-i-{icon.stem}"
    drawn = ET.fromstring(unquote(DRAWN[name]))
    assert drawn.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(drawn) > 0  # a shape to show through the mask


def test_every_icon_takes_the_text_s_colour_through_its_mask() -> None:
    rule = re.search(r'svg\[class\^="km-i-"\]\s*\{([^}]*)\}', STYLESHEET)
    assert rule is not None
    declarations = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
                    for line in rule.group(1).split(";") if ":" in line}
    assert declarations["background-color"] == "currentcolor"
    assert declarations["mask"].startswith("var(--km-i)")
    assert declarations["-webkit-mask"] == declarations["mask"]


@pytest.mark.parametrize(("partial", "function"), [(("partials", "javascripts", "palette.html"), "khartoumPalette"),
                                                   (("partials", "search.html"), "khartoumSearchDialog"),
                                                   (("partials", "palette.html"), "khartoumPaletteForm")])
def test_the_header_calls_a_function_of_the_script_the_head_loads(partial: tuple[str, ...], function: str) -> None:
    """The palette's steps, its switch and the search dialog are written by the cached script, which the head
    loads in place of the theme's inline helpers (partials/javascripts/base.html): each call names a function it
    defines."""
    call = prepare.THEME_DIR.joinpath(*partial).read_text(encoding="utf-8")
    called = re.findall(r"<script>(\w+)\(\)</script>", call)
    assert called == [function]
    script = (ROOT / "docs" / "assets" / "khartoum-palette.js").read_text(encoding="utf-8")
    assert re.search(rf"^function {called[0]}\(\)", script, re.M)
    for helper in ("__md_scope", "__md_get", "__md_set", "__md_hash"):  # what the theme's script reads
        assert re.search(rf"\bwindow\.{helper} = ", script), helper
    assert "<script" not in (prepare.THEME_DIR / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    loader = jinja2.Environment(loader=jinja2.FileSystemLoader(prepare.THEME_DIR))
    head = loader.parse((prepare.THEME_DIR / "main.html").read_text(encoding="utf-8"))
    sources = [node.value for node in head.find_all(jinja2.nodes.Const) if isinstance(node.value, str)]
    assert "assets/khartoum-palette.js" in sources
