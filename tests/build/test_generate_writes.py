"""`khartoum-site generate OUT` against hostile layouts (found by an independent attack): a --site-url that
would forge a line of robots.txt, a hard link planted at a page's place, a symbolic link on the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import DATA

from khartoum_site.adapters.cli import main


def generate(out: Path, *extra: str) -> int:
    return main(["generate", str(out), "--data-dir", str(DATA), *extra])


def test_a_site_url_with_a_line_break_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate(tmp_path / "out", "--site-url", "https://example.org/\nSitemap: https://evil.example/") == 1
    assert "--site-url" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_hard_link_at_a_page_s_place_is_replaced_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    os.link(outside, out / "index.md")
    assert generate(out) == 0
    assert outside.read_text(encoding="utf-8") == "keep me\n"
    assert (out / "index.md").read_text(encoding="utf-8") != "keep me\n"


def test_a_symbolic_link_on_the_way_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "states").symlink_to(elsewhere)
    assert generate(out) == 1
    assert "refusing to write states/" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["states"]  # nothing else was written


@pytest.mark.parametrize(("planted", "said"), [
    ("states", "refusing to write states/index.md: {out}/states is a file where a folder goes"),
    ("index.md/", "refusing to write index.md: it is a folder where a file goes"),
])
def test_a_file_where_a_folder_goes_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], planted: str, said: str) -> None:
    """Found by an attack halfway through the writes, with Python's errno words and the files before it written."""
    out = tmp_path / "out"
    out.mkdir()
    if planted.endswith("/"):
        (out / planted).mkdir()
    else:
        (out / planted).write_text("", encoding="utf-8")
    assert generate(out) == 1
    assert capsys.readouterr().err == said.format(out=out) + "; move it away. Nothing was written.\n"
    assert [p.name for p in out.iterdir()] == [planted.rstrip("/")]
