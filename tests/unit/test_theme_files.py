"""A server's theme loader (adapters/dirty.py ``ThemeFiles``): it leaves folders whose names begin with a dot out of
its listing, which MkDocs never copies from a theme, so a server's build copies the same theme files as before."""

from __future__ import annotations

from pathlib import Path

import jinja2
from helpers import ROOT

from khartoum_site.adapters import dirty, prepare


def test_the_listing_leaves_out_only_what_is_inside_a_folder_named_with_a_dot(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    for name in ("main.html", ".nojekyll", "assets/x.css", "partials/deep/y.html", ".icons/a.svg",
                 "assets/.cache/z.css", "assets/.hidden.css"):
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text(name, encoding="utf-8")
    other = tmp_path / "other"
    (other / "assets").mkdir(parents=True)
    (other / "assets" / "x.css").write_text("other", encoding="utf-8")
    (other / "extra.js").write_text("", encoding="utf-8")
    searchpath = [str(theme), str(other)]
    listed = dirty.ThemeFiles(searchpath).list_templates()
    every = jinja2.FileSystemLoader(searchpath).list_templates()
    assert listed == [name for name in every if not any(part.startswith(".") for part in name.split("/")[:-1])]
    assert listed == [".nojekyll", "assets/.hidden.css", "assets/x.css", "extra.js", "main.html",
                      "partials/deep/y.html"]
    env = jinja2.Environment(loader=dirty.ThemeFiles(searchpath))
    assert env.get_template(".icons/a.svg").render() == ".icons/a.svg"  # found as before, only not listed


def test_a_server_s_build_takes_the_same_files_from_the_theme_as_mkdocs_own_listing(tmp_path: Path) -> None:
    from mkdocs.config import load_config  # here: only this test reads MkDocs' configuration
    from mkdocs.structure.files import Files

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.theme.dirs.insert(0, str(prepare.THEME_DIR))

    def theme_files() -> list[tuple[str, str | None]]:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return [(file.src_uri, file.abs_src_path) for file in files]

    before = theme_files()
    dirty.list_without_hidden_folders(config.theme)
    assert isinstance(config.theme.get_env().loader, dirty.ThemeFiles)
    assert theme_files() == before
    assert len(before) > 40  # the theme's stylesheets, scripts and images
