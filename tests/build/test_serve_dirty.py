"""`mkdocs serve --dirty` (what `khartoum-site serve` runs): a rebuild after an edit renders again only the pages
whose input changed, and the site it serves is, file for file, the one a whole build of the same data makes.

The server's builds run in this process as MkDocs' server runs them (the configuration read again for each
rebuild, the plugin object kept); each whole build runs in a process of its own, as `mkdocs build` would.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import DataCopy, project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

SERVED_AT = "http://127.0.0.1:8000/"
EPOCH = "1767225600"  # the time a build writes into sitemap.xml.gz, the same for both sides


class Server:
    """MkDocs' development server without its HTTP side: one plugin object, one dirty build per change."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.config = self.load()
        self.config.plugins.on_startup(command="serve", dirty=True)

    def load(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site),
                             dev_addr="127.0.0.1:8000")
        config.site_url = SERVED_AT
        return config

    def rebuild(self) -> list[str] | None:
        """Build again; the pages rendered (None: every page)."""
        config = self.load()
        build(config, serve_url=SERVED_AT, dirty=True)
        plugin: Any = config.plugins["khartoum"]
        served = plugin.served
        return None if served.rendered and len(served.rendered) == len(served.files & set(served.inputs)) \
            else list(served.rendered)

    def stop(self) -> None:
        self.config.plugins.on_shutdown()


@pytest.fixture
def server(data_copy: DataCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    started = Server(project(data_copy), tmp_path / "served")
    try:
        yield started
    finally:
        started.stop()


def whole_build(root: Path, site: Path) -> Path:
    """What `mkdocs build` makes of the project as it is now, at the server's address, in a process of its own."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=root,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SITE_URL": SERVED_AT, "SOURCE_DATE_EPOCH": EPOCH})
    assert done.returncode == 0, done.stderr[-3000:]
    return site


def differing(one: Path, other: Path) -> list[str]:
    """Every path under either folder that is missing from the other or differs in its bytes."""
    found: list[str] = []

    def walk(compared: filecmp.dircmp[str], at: str) -> None:
        found.extend(f"{at}{name}" for name in compared.left_only + compared.right_only)
        found.extend(f"{at}{name}" for name in compared.common_files
                     if Path(compared.left, name).read_bytes() != Path(compared.right, name).read_bytes())
        for name, sub in compared.subdirs.items():
            walk(sub, f"{at}{name}/")

    walk(filecmp.dircmp(one, other), "")
    return sorted(found)


def html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("index.html")}


def html_of(src_uri: str) -> str:
    """Where a page's HTML is (directory URLs): ``states/austria.md`` and ``states/index.md`` → ``…/index.html``."""
    stem = src_uri.removesuffix(".md")
    folder = stem.removesuffix("index").rstrip("/") if stem == "index" or stem.endswith("/index") else stem
    return f"{folder}/index.html" if folder else "index.html"


EDITS = [  # (file under the project, text before, text after): one after the other, as an editor makes them
    ("data/states.yml", "      locator: ISO 3166-1 alpha-2 and alpha-3 codes\n",
     "      locator: ISO 3166-1 codes\n"),
    # after the heading: the first line break is inside the front matter, whose YAML `check` now reads
    ("docs/about.md", "# About this site\n", "# About this site\n\nSee [[states/austria]] for one of the states.\n"),
    ("data/states.yml", "  name: Austria\n", "  name: Republic of Austria\n"),  # about.md's link says it too
    ("data/events.yml", "  place: Rome\n", "  place: Rome, Italy\n"),
]


def test_each_dirty_rebuild_serves_the_site_a_whole_build_makes(server: Server, tmp_path: Path) -> None:
    server.rebuild()
    for n, (name, old, new) in enumerate(EDITS):
        before = html_pages(server.site)
        path = server.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        rendered = server.rebuild()
        assert rendered is not None, f"{name}: every page rendered again"
        fresh = whole_build(server.root, tmp_path / f"fresh-{n}")
        assert differing(server.site, fresh) == [], name
        changed = {path for path, page in html_pages(fresh).items() if before.get(path) != page}
        assert changed, f"{name}: the edit shows on no page"
        assert changed <= {html_of(uri) for uri in rendered}, name  # every page that changed was rendered
        assert len(rendered) < 40, rendered


def test_a_new_page_or_an_edited_configuration_renders_every_page_again(server: Server, tmp_path: Path) -> None:
    server.rebuild()
    (server.root / "docs" / "new-page.md").write_text("# A new page\n\nWith a sentence.\n", encoding="utf-8")
    assert server.rebuild() is None
    config = server.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Edited ", 1),
                      encoding="utf-8")
    assert server.rebuild() is None
    assert differing(server.site, whole_build(server.root, tmp_path / "fresh")) == []
    index = json.loads((server.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(entry["location"].startswith("new-page/") for entry in index["docs"])
    # The page left out of the search now: only it is rendered, and its entries leave the index.
    page = server.root / "docs" / "new-page.md"
    page.write_text("---\nsearch:\n  exclude: true\n---\n\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    assert server.rebuild() == ["new-page.md"]
    assert differing(server.site, whole_build(server.root, tmp_path / "fresh-2")) == []
    index = json.loads((server.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(entry["location"].startswith("new-page/") for entry in index["docs"])


def test_a_page_that_titles_its_own_navigation_entry_renders_every_page_when_edited(server: Server,
                                                                                     tmp_path: Path) -> None:
    """Every page shows the navigation: a page whose entry there takes its title from the page (no title in
    mkdocs.yml) changes every page when it changes."""
    config = server.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      - About this site: about.md\n" in text
    config.write_text(text.replace("      - About this site: about.md\n", "      - about.md\n"), encoding="utf-8")
    server.rebuild()
    about = server.root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("# ", "# Edited: ", 1), encoding="utf-8")
    assert server.rebuild() is None
    assert differing(server.site, whole_build(server.root, tmp_path / "fresh")) == []
    # The navigation of another page of its section (navigation.prune lists a section's pages on its own pages)
    assert "Edited: About this site" in (server.site / "cite" / "index.html").read_text(encoding="utf-8")


def test_a_page_a_rebuild_could_not_write_is_written_by_the_next(server: Server, data_copy: DataCopy) -> None:
    """An attack's W11: a page the server's rebuild could not write (its folder in the served site had become a
    file) was skipped by every later dirty rebuild, its input unchanged, and served as 404. After a failed build the
    next rebuild is whole and starts from an empty folder."""
    server.rebuild()
    about = server.site / "about"
    assert (about / "index.html").is_file()
    shutil.rmtree(about)
    about.write_text("in the way\n", encoding="utf-8")
    page = data_copy.root / "docs" / "about.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# About this site\n", "# About this site\n\nMore.\n"),
                    encoding="utf-8")
    with pytest.raises(FileExistsError):
        server.rebuild()
    about.unlink()  # whatever was in the way is gone, or not: the next build empties the folder itself
    about.write_text("in the way\n", encoding="utf-8")
    assert server.rebuild() is None  # every page rendered again
    assert "More." in (about / "index.html").read_text(encoding="utf-8")
