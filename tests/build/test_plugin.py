"""The MkDocs adapter as an editor meets it: `mkdocs build` and `mkdocs serve` on a copy of the project."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from helpers import DataCopy, free_port, heading, html, mkdocs, project, tree_hash

from khartoum_site.adapters import prepare


def test_bad_data_stops_the_build_before_the_site_folder_is_touched(data_copy: DataCopy) -> None:
    root = project(data_copy)
    (root / "site").mkdir()
    (root / "site" / "published.html").write_text("the site readers see", encoding="utf-8")
    line = data_copy.replace("states.yml", 'iso2: "NO"', "iso2: NO")
    bad_ref = data_copy.replace("events.yml", "states: [egypt]", "states: [egipt]")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"data/states.yml:{line}:9: state 'norway', field 'iso2': expected an ISO 3166-1 alpha-2 code " \
        "(two capital letters), found the boolean false" in result.stderr
    assert f"data/events.yml:{bad_ref}:14: event 'rome-2014', field 'mentions.states[0]': unknown state id " \
        "'egipt'; did you mean 'egypt'?" in result.stderr
    assert "The data has 2 problems; nothing was built:" in result.stderr
    assert (root / "site" / "published.html").read_text(encoding="utf-8") == "the site readers see"


def test_a_generated_page_never_replaces_a_hand_written_one(data_copy: DataCopy) -> None:
    root = project(data_copy)
    (root / "docs" / "states").mkdir()
    (root / "docs" / "states" / "index.md").write_text("# My own list of states\n", encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/states/index.md is a hand-written file at the place of the generated page " \
        "'Participating states'" in result.stderr


def test_the_build_never_writes_under_data(data_copy: DataCopy) -> None:
    root = project(data_copy)
    before = tree_hash(root / "data")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert tree_hash(root / "data") == before
    assert heading(html(root / "site", "states/norway/")) == "Norway"


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_a_build_reads_its_generated_pages_from_a_temporary_folder_and_removes_it(data_copy: DataCopy,
                                                                                   tmp_path: Path) -> None:
    """A one-shot build of many generated pages and files writes them to a temporary folder that MkDocs reads
    them from (prepare.Spill), so as not to hold them in memory: the pages and downloads are all there, and the
    folder is gone once the build ends, whether it passed or failed. (A few megabytes are handed over as they
    are: the same site, and no folder.)"""
    root = project(data_copy)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = mkdocs(root, "build", "--strict", env={"TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr
    handed = site_files(root / "site")
    result = mkdocs(root, "build", "--strict", env={"TMPDIR": str(temporary), prepare.SPILL_FROM_ENV: "0"})
    assert result.returncode == 0, result.stderr
    assert site_files(root / "site") == handed
    assert heading(html(root / "site", "states/norway/")) == "Norway"
    record = json.loads((root / "site" / "downloads" / "khartoum-process-record.json").read_bytes())
    states = yaml.safe_load((data_copy.data / "states.yml").read_text(encoding="utf-8"))
    assert [state["id"] for state in record["states"]] == [state["id"] for state in states]
    assert list(temporary.glob("khartoum-generated-*")) == []  # (the compiled templates stay, by design)

    (root / "docs" / "about.md").write_text("# About\n\n[[states/nowhere]]\n", encoding="utf-8")
    result = mkdocs(root, "build", "--strict", env={"TMPDIR": str(temporary), prepare.SPILL_FROM_ENV: "0"})
    assert result.returncode == 1
    assert "states/nowhere" in result.stderr
    assert list(temporary.glob("khartoum-generated-*")) == []


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and needle in page:
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_data_file_changes(data_copy: DataCopy) -> None:
    root = project(data_copy)
    port = free_port()
    url = f"http://127.0.0.1:{port}/states/austria/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    try:
        assert wait_for(url, "<h1", 60), "mkdocs serve did not start"
        assert "Republic of Austria" not in (fetch(url) or "")
        data_copy.replace("states.yml", "  name: Austria\n", "  name: Republic of Austria\n")
        assert wait_for(url, "Republic of Austria", 60), "the page was not rebuilt after the data changed"
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.mark.parametrize("module", ["khartoum_site.record.model", "khartoum_site.record.validate",
                                    "khartoum_site.site.pages", "khartoum_site.site.urls",
                                    "khartoum_site.adapters.cli"])
def test_core_modules_do_not_import_mkdocs(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("command", [["-m", "khartoum_site", "build"], ["-m", "mkdocs", "build", "--strict"]])
def test_a_reference_in_the_heading_that_titles_a_page_fails_the_build(data_copy: DataCopy, command: list[str]) -> None:
    """A twenty-second attack: the rule held for Zensical only; with MkDocs the plugin resolved the reference and the
    theme wrote a record's name with "</title><script>" into the page's head as it is."""
    root = project(data_copy)
    (root / "docs" / "t0.md").write_text("#About [[cairo-2025/op-12]]\n\nText.\n", encoding="utf-8")
    (root / "docs" / "t1.md").write_text("---\ntitle: About\n---\n# About [[cairo-2025/op-12]]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, *command], cwd=root, capture_output=True, text=True, timeout=300,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stderr
    assert "docs/t0.md:1: the reference [[cairo-2025/op-12]] is in the heading that gives the page its title" \
        in result.stderr
    assert "docs/t1.md:" not in result.stderr  # titled by its front matter: the heading is only a heading
