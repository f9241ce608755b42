"""What the published site leaves out, tried on the files Material really ships (its installed theme)."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from khartoum_site.adapters.trim import LUNR, SEARCH_INDEX, search_language_files, trim


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
