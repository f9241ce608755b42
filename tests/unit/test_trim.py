"""What the published site leaves out, tried on the files Material really ships (its installed theme)."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from khartoum_site.adapters.trim import LUNR, SEARCH_INDEX, collapse_spaces, search_language_files, trim


def material_site(tmp_path: Path, languages: list[str] | None) -> Path:
    """A site folder holding Material's own scripts and stylesheets, and a search index for ``languages``."""
    spec = importlib.util.find_spec("material")
    assert spec is not None
    assert spec.origin is not None
    site = tmp_path / "site"
    shutil.copytree(Path(spec.origin).parent / "templates" / "assets", site / "assets")
    if languages is not None:
        (site / SEARCH_INDEX).parent.mkdir(parents=True)
        (site / SEARCH_INDEX).write_text(json.dumps({"config": {"lang": languages}, "docs": []}), encoding="utf-8")
    return site


def lunr_files(site: Path) -> set[str]:
    return {p.relative_to(site / LUNR).as_posix() for p in (site / LUNR).rglob("*") if p.is_file()}


@pytest.mark.parametrize(("languages", "needed"), [
    (["en"], set()),
    (["de"], {"min/lunr.stemmer.support.min.js", "min/lunr.de.min.js"}),
    (["en", "de"], {"min/lunr.stemmer.support.min.js", "min/lunr.de.min.js", "min/lunr.multi.min.js"}),
    (["ja"], {"min/lunr.stemmer.support.min.js", "min/lunr.ja.min.js", "tinyseg.js"}),
    (["th"], {"min/lunr.stemmer.support.min.js", "min/lunr.th.min.js", "wordcut.js"}),
])
def test_the_search_worker_needs_these_files_for_these_languages(languages: list[str], needed: set[str]) -> None:
    assert search_language_files(languages) == needed


def test_an_english_site_keeps_no_source_map_and_no_search_language_file(tmp_path: Path) -> None:
    site = material_site(tmp_path, ["en"])
    scripts = {p: p.read_bytes() for p in site.rglob("*.min.js") if (p.parent / f"{p.name}.map").exists()}
    assert scripts, "Material ships source maps for its scripts"
    removed = trim(site)
    assert [r.what for r in removed] == ["source maps", "search language files"]
    assert not list(site.rglob("*.map"))
    assert not (site / LUNR).exists()  # nor the folders they leave empty
    assert (site / "assets" / "javascripts" / "workers").is_dir()
    for script, before in scripts.items():  # the comment naming the map goes, and only it
        after = script.read_bytes()
        assert b"sourceMappingURL" not in after
        assert before.startswith(after)
        assert before[len(after):].strip().startswith(b"//# sourceMappingURL=")
    assert trim(site) == []  # nothing left to take out


def test_a_site_in_two_languages_keeps_their_files(tmp_path: Path) -> None:
    site = material_site(tmp_path, ["en", "de"])
    trim(site)
    assert lunr_files(site) == search_language_files(["en", "de"])


def test_without_a_search_index_every_search_language_file_is_kept(tmp_path: Path) -> None:
    site = material_site(tmp_path, None)
    shipped = lunr_files(site)
    removed = trim(site)
    assert [r.what for r in removed] == ["source maps"]
    assert lunr_files(site) == shipped


@pytest.mark.parametrize(("page", "published"), [
    (b"<ul>\n    <li>\n    <a href='x/'>X</a>\n    </li>\n\n  </ul>", b"<ul><li>\n<a href='x/'>X</a>\n</li></ul>"),
    (b"<tr>\n<td>a</td>\n  <td>b</td>\n</tr>", b"<tr><td>a</td><td>b</td></tr>"),  # between two blocks' tags: none
    (b"<span>a</span>\n<script>x</script>\n<span>b</span>", b"<span>a</span>\n<script>x</script>\n<span>b</span>"),
    (b"<p>a\n<em>b</em>\n</p>", b"<p>a\n<em>b</em>\n</p>"),  # beside a word or an inline element: kept
    (b"<p>two  spaces\tand a tab</p>", b"<p>two spaces\tand a tab</p>"),
    (b"<p>a\xc2\xa0\xc2\xa0b</p>", b"<p>a\xc2\xa0\xc2\xa0b</p>"),  # no-break spaces are shown as written
    (b"<pre><code>  indented\n\n    code</code></pre>", b"<pre><code>  indented\n\n    code</code></pre>"),
    (b"<p>Run <code>a   b</code>  now</p>", b"<p>Run <code>a   b</code> now</p>"),
    (b"<textarea>\n  kept\n</textarea>", b"<textarea>\n  kept\n</textarea>"),
    (b"<script>\n  var s = '  <p>  ';\n</script>\n\n<p>", b"<script>\n  var s = '  <p>  ';\n</script><p>"),
    (b"<STYLE>a  { }</STYLE>", b"<STYLE>a  { }</STYLE>"),
    (b"<meta content=\"a\n\n   b\"  name=\"x\">", b"<meta content=\"a\n\n   b\"  name=\"x\">"),  # attributes as written
    (b"<a title='>  <'>x  y</a>", b"<a title='>  <'>x y</a>"),
    (b"<!--  a  -->", b"<!--  a  -->"),
    (b"<title>A  page</title>", b"<title>A  page</title>"),
])
def test_each_run_of_blank_space_becomes_one_and_what_shows_its_spaces_is_kept(page: bytes, published: bytes) -> None:
    assert collapse_spaces(page) == published


def page_as_read(html: bytes) -> tuple[list[tuple[str, list[tuple[str, str]]]], str, list[str]]:
    """What a reader's browser makes of a page: its elements and attributes, its text with each run of blank
    space as one, and the elements whose spaces count, as written."""
    soup = BeautifulSoup(html, "html.parser")
    elements = [(tag.name, sorted((k, " ".join(v) if isinstance(v, list) else str(v)) for k, v in tag.attrs.items()))
                for tag in soup.find_all(True)]
    text = re.sub(r"[ \t\n\f\r]+", " ", soup.get_text())
    kept = [tag.decode() for tag in soup.find_all(["pre", "code", "textarea", "script", "style", "title"])]
    return elements, text, kept


def test_a_page_of_the_theme_reads_the_same_with_less_space(tmp_path: Path) -> None:
    page = (b"<!doctype html>\n<html>\n  <head>\n    <title>The  record</title>\n"
            b"    <script>var a = 1;\n\n    var b = 2;</script>\n  </head>\n  <body>\n"
            b"    <nav class=\"md-nav\">\n      <ul>\n        \n        <li class=\"md-nav__item\">\n"
            b"          <a href=\"../states/\" class=\"md-nav__link\">\n            <span>\n              States\n"
            b"            </span>\n          </a>\n        </li>\n      </ul>\n    </nav>\n"
            b"    <article>\n      <p>The <em>text</em>\n      of record.</p>\n"
            b"      <pre><code>  a\n\n  b</code></pre>\n    </article>\n  </body>\n</html>\n")
    site = tmp_path / "site"
    (site / "states").mkdir(parents=True)
    (site / "states" / "index.html").write_bytes(page)
    removed = trim(site)
    published = (site / "states" / "index.html").read_bytes()
    assert [(r.files, r.bytes) for r in removed] == [(1, len(page) - len(published))]
    assert len(published) < len(page) * 0.75
    assert page_as_read(published) == page_as_read(page)
    assert b"<pre><code>  a\n\n  b</code></pre>" in published
    assert trim(site) == []  # nothing left to take out
