"""Symbolic links that lead round in a circle, and a link given as generate's output (found by a third attack):
each command says so in one line, with status 1, and changes nothing; Python 3.11 ended them in a traceback."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import DATA, DataCopy, project

from khartoum_site.adapters.cli import main

LOOP = "is a symbolic link that leads round in a circle"


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    [line] = err.strip().splitlines()
    return line


@pytest.mark.parametrize("command", [
    lambda p: ["check", "--data-dir", str(p)],
    lambda p: ["generate", str(p.parent / "out"), "--data-dir", str(p)],
])
def test_a_data_folder_that_loops_is_named_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       command: Callable[[Path], list[str]]) -> None:
    loop = tmp_path / "data"
    loop.symlink_to(loop)
    assert main(command(loop)) == 1
    assert _one_line(capsys.readouterr().err).startswith(f"{loop} {LOOP}")
    assert not (tmp_path / "out").exists()


def test_a_page_s_place_that_loops_is_named_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "robots.txt").symlink_to("robots.txt")
    assert main(["generate", str(out), "--data-dir", str(DATA)]) == 1
    assert _one_line(capsys.readouterr().err).startswith(f"{out / 'robots.txt'} {LOOP}")
    assert [p.name for p in out.iterdir()] == ["robots.txt"]


def test_a_site_folder_that_loops_is_named_and_nothing_is_built(
        data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(data_copy)
    before = sorted(p.name for p in root.iterdir())
    site = root / "site"
    site.symlink_to(site)
    assert main(["build", "-f", str(root / "mkdocs.yml")]) == 1
    assert _one_line(capsys.readouterr().err).startswith(f"{site} {LOOP}")
    assert sorted(p.name for p in root.iterdir()) == sorted([*before, "site"])


def test_generate_into_a_symbolic_link_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Followed, the link let generate write (and overwrite) files wherever it led."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.md").write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "out"
    link.symlink_to(elsewhere)
    assert main(["generate", str(link), "--data-dir", str(DATA)]) == 1
    assert _one_line(capsys.readouterr().err) == (f"{link} is a symbolic link (to {os.readlink(link)}) on the way "
                                                  f"to {link}; give the folder itself if the pages should go there. "
                                                  "Nothing was written.")
    assert [p.name for p in elsewhere.iterdir()] == ["index.md"]
    assert (elsewhere / "index.md").read_text(encoding="utf-8") == "keep me\n"


def test_linkcheck_refuses_a_site_url_that_build_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "index.html").write_text("<a href='x/'>x</a>", encoding="utf-8")
    assert main(["linkcheck", str(tmp_path), "--site-url", "javascript:alert(1)"]) == 1
    assert _one_line(capsys.readouterr().err).startswith("--site-url must be an http or https address")


def test_a_link_out_of_the_theme_s_custom_dir_is_refused(data_copy: DataCopy, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """An engine publishes custom_dir's files as it does the docs folder's: a link there to the environment put
    a CI's secrets on the site (found by a third attack)."""
    root = project(data_copy)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1),
                      encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("FAKE_CI_SECRET=hunter2\n", encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / "env.txt").symlink_to(secret)
    assert main(["build", "-f", str(config)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert f"theme.custom_dir: {root / 'overrides' / 'env.txt'} is a symbolic link to {secret}" in line
    assert not (root / "site").exists()


@pytest.mark.parametrize("address", ["127.0.0.1:99999", "127.0.0.1", ":8000", "evil\x1b[31m::error::x:80",
                                     "h:\uff18\uff10", "127.0.0.1:0"])  # (port 0 was then blamed on site_url: AW4)
def test_serve_names_a_bad_address_as_the_option_given(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    """MkDocs blamed a port out of range on site_url, which it makes from -a (found by a third attack)."""
    assert main(["serve", "-a", address]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line.startswith("-a must be an address and a port from 1 to 65535, such as 127.0.0.1:8001; it is ")
    assert "\x1b" not in line


@pytest.mark.parametrize("address", ["[::1]:8358", "::1:8358"])
def test_serve_names_an_ipv6_address_it_cannot_serve_on(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A fifteenth attack: MkDocs made the site's address of [::1]:8358 without its brackets (http://::1:8358/), and
    the plugin refused that as a bad site_url port."""
    assert main(["serve", "-a", address]) == 1
    assert _one_line(capsys.readouterr().err) == ("-a is an IPv6 address, which MkDocs cannot serve on; use "
                                                  "127.0.0.1:8358 or localhost:8358; nothing was served.")


def test_generate_through_a_link_higher_on_the_way_is_refused(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Only the last part of the path was looked at: `generate bb/dir` with bb a link wrote outside (an attack)."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "bb").symlink_to(elsewhere)
    assert main(["generate", str(tmp_path / "bb" / "dir"), "--data-dir", str(DATA)]) == 1
    assert _one_line(capsys.readouterr().err).startswith(f"{tmp_path / 'bb'} is a symbolic link (to {elsewhere})")
    assert list(elsewhere.iterdir()) == []


def test_a_custom_dir_that_is_a_link_is_refused(data_copy: DataCopy, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """The links inside custom_dir were refused, not custom_dir itself: its target's files were published."""
    root = project(data_copy)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: ovl\n", 1),
                      encoding="utf-8")
    outside = tmp_path / "ov"
    outside.mkdir()
    (outside / "secret.txt").write_text("FAKE_CI_SECRET=hunter2\n", encoding="utf-8")
    (root / "ovl").symlink_to(outside)
    assert main(["build", "-f", str(config)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert f"theme.custom_dir {root / 'ovl'} leads through a symbolic link (to {outside})" in line
    assert not (root / "site").exists()


def test_a_docs_folder_that_is_a_link_out_is_refused(data_copy: DataCopy, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """An attack linked docs to a folder outside the project: its files were published."""
    root = project(data_copy)
    outside = tmp_path / "docs2"
    shutil.move(str(root / "docs"), outside)
    (outside / "s2.txt").write_text("outside\n", encoding="utf-8")
    (root / "docs").symlink_to(outside)
    assert main(["build", "-f", str(root / "mkdocs.yml")]) == 1
    assert f"leads through a symbolic link (to {outside})" in _one_line(capsys.readouterr().err)
    assert not (root / "site").exists()
