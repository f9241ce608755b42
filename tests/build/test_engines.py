"""The real site built by each engine with `khartoum-site build --engine ...`: MkDocs, ProperDocs, Zensical.

Each installed engine's build must publish every URL and anchor of data/published.json, pass our link
check with nothing broken, show no `[[key]]` outside code, and have the same HTML pages as MkDocs.

An engine that is not installed is skipped here, and fails the test under CI: `scripts/test` installs
both extras (`.[properdocs]`, `.[zensical]`; Zensical only on Python 3.11 or newer, which it needs).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from helpers import DATA, DataCopy, free_port, heading, html, project

from khartoum_site.adapters import engines
from khartoum_site.adapters.cli import main
from khartoum_site.adapters.linkcheck import check_site

NAMES = sorted(engines.ENGINES)
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
TIMEOUT = 300


def require(name: str) -> None:
    """Skip when the engine is not installed, or fail under CI, where scripts/test installs it."""
    try:
        engines.check_installed(engines.ENGINES[name])
    except engines.Unavailable as exc:
        meant_for_ci = name != "zensical" or sys.version_info >= (3, 11)
        if os.environ.get("CI") and meant_for_ci:
            pytest.fail(f"{exc} (scripts/test installs the engines' extras in CI)")
        pytest.skip(str(exc))


def cli(root: Path, *args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "khartoum_site", *args], cwd=root, capture_output=True, text=True,
                          timeout=timeout, env=ENV)


@pytest.fixture(scope="session", params=NAMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[str, Path, subprocess.CompletedProcess[str]]:
    """(engine, the published site, the build's output): the real project built once per engine."""
    name = str(request.param)
    require(name)
    root = tmp_path_factory.mktemp(f"engine-{name}")
    project(DataCopy(root))
    result = cli(root, "build", "--engine", name)
    assert result.returncode == 0, result.stdout + result.stderr
    return name, root / "site", result


def html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}



def stop_server(server: subprocess.Popen[Any]) -> None:
    """Stop a dev server as Ctrl-C does (its whole process group); kill it if it does not stop."""
    os.killpg(server.pid, signal.SIGINT)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=20)

def test_the_build_publishes_after_our_link_check(built: tuple[str, Path, subprocess.CompletedProcess[str]]) -> None:
    name, site, result = built
    assert re.search(r"Published \d+ HTML pages to .+; \d+ internal links and anchors checked, 0 broken\.",
                     result.stdout), result.stdout
    assert site.is_symlink()  # published atomically, as with MkDocs
    if name != engines.DEFAULT:
        assert f"Built with {engines.ENGINES[name].title} " in result.stdout
    checked, broken = check_site(site)
    assert broken == []
    assert checked > 4000


def test_every_published_url_and_anchor_is_there(built: tuple[str, Path, subprocess.CompletedProcess[str]]) -> None:
    _name, site, _result = built
    published = json.loads((DATA / "published.json").read_text(encoding="utf-8"))
    missing = []
    count = 0
    for info in published["ids"].values():
        for url in info["urls"]:
            count += 1
            path, _, anchor = url.lstrip("/").partition("#")
            page = site / path / "index.html" if path == "" or path.endswith("/") else site / path
            found = page.is_file() and (not anchor or BeautifulSoup(
                page.read_text(encoding="utf-8"), "html.parser").find(id=anchor) is not None)
            if not found:
                missing.append(url)
    assert count > 100
    assert missing == []


def test_no_reference_is_left_as_text_outside_code(built: tuple[str, Path, subprocess.CompletedProcess[str]]) -> None:
    _name, site, _result = built
    literal = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["code", "pre", "script", "style"]):
            tag.decompose()
        if "[[" in soup.get_text():
            literal.append(page.relative_to(site).as_posix())
    assert literal == []
    cite = html(site, "cite/")
    assert cite.select_one('article a.km-ref[href="../documents/cairo-2025/op-12/"]') is not None


def test_the_same_html_pages_as_mkdocs(built: tuple[str, Path, subprocess.CompletedProcess[str]],
                                       fixture_site: Path) -> None:
    _name, site, _result = built
    assert html_pages(site) == html_pages(fixture_site)


def test_each_page_shows_the_same_record(built: tuple[str, Path, subprocess.CompletedProcess[str]],
                                         fixture_site: Path) -> None:
    """The article of a few pages of each kind reads the same as MkDocs' (the theme around it may differ)."""
    _name, site, _result = built
    for url in ("", "states/austria/", "documents/cairo-2025/", "documents/cairo-2025/op-12/", "timeline/", "cite/"):
        ours, reference = html(site, url), html(fixture_site, url)
        assert heading(ours) == heading(reference), url
        article, expected = ours.select_one("article"), reference.select_one("article")
        assert article is not None
        assert expected is not None
        # white space aside: an engine may highlight a code block in more spans, or lay out its lines otherwise
        assert "".join(article.get_text().split()) == "".join(expected.get_text().split()), url
    locator = html(site, "states/austria/").select_one("img.km-locator")
    assert locator is not None
    assert locator["src"] == "../../assets/khartoum-locator.svg#austria"


# --- what the preparation checks for an engine without plugins, as the plugin checks it for MkDocs -----

def zensical_project(copy: DataCopy) -> Path:
    require("zensical")
    return project(copy)


@pytest.mark.parametrize("name", [n for n in NAMES if n != engines.DEFAULT])
def test_every_engine_takes_the_sites_address_from_site_url_in_the_environment(data_copy: DataCopy, name: str) -> None:
    """mkdocs.yml reads site_url with !ENV: each engine reads the tag itself (MkDocs: tests/build/test_addresses.py)."""
    require(name)
    root = project(data_copy)
    result = subprocess.run([sys.executable, "-m", "khartoum_site", "build", "--engine", name], cwd=root,
                            capture_output=True, text=True, timeout=TIMEOUT,
                            env={**ENV, "SITE_URL": "https://owner.example/khartoum"})
    assert result.returncode == 0, result.stdout + result.stderr
    canonical = html(root / "site", "states/egypt/").select_one('link[rel="canonical"]')
    assert canonical is not None
    assert canonical["href"] == "https://owner.example/khartoum/states/egypt/"
    robots = (root / "site" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://owner.example/khartoum/sitemap.xml" in robots.splitlines()
    assert "<loc>https://owner.example/khartoum/states/egypt/</loc>" in (root / "site" / "sitemap.xml").read_text(
        encoding="utf-8")


def test_zensical_refuses_a_hand_written_page_at_a_generated_place(data_copy: DataCopy) -> None:
    root = zensical_project(data_copy)
    (root / "docs" / "states").mkdir()
    (root / "docs" / "states" / "index.md").write_text("# My own list of states\n", encoding="utf-8")
    result = cli(root, "build", "--engine", "zensical")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{root}/docs/states/index.md is a hand-written file at the place of the generated page " \
        "'Participating states'" in result.stderr
    assert not (root / "site").exists()


def test_zensical_fails_on_an_unknown_reference_with_mkdocs_warning(data_copy: DataCopy) -> None:
    root = zensical_project(data_copy)
    (root / "docs" / "about.md").write_text(
        "---\ntitle: About\n---\n# About\n\nSee [[cairo-2025/op-12]].\n\nAnd [[cairo-2025/op-99]].\n",
        encoding="utf-8")
    result = cli(root, "build", "--engine", "zensical")
    assert result.returncode == 1
    assert "WARNING -  docs/about.md:8: unknown reference [[cairo-2025/op-99]]. Did you mean [[cairo-2025/op-9]]" \
        in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stderr
    assert not (root / "site").exists()


def test_zensical_stops_on_bad_data_and_a_vanished_url_before_building(data_copy: DataCopy) -> None:
    root = zensical_project(data_copy)
    line = data_copy.replace("states.yml", 'iso2: "NO"', "iso2: NO")
    result = cli(root, "build", "--engine", "zensical")
    assert result.returncode == 1
    assert f"data/states.yml:{line}:9: state 'norway', field 'iso2'" in result.stderr
    assert "nothing was built" in result.stderr
    assert not (root / "site").exists()


def test_zensical_strict_build_fails_on_a_broken_link(data_copy: DataCopy) -> None:
    root = zensical_project(data_copy)
    about = root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[broken](nowhere.md)\n", encoding="utf-8")
    result = cli(root, "build", "--engine", "zensical")
    assert result.returncode == 1
    assert "was left unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site").exists()


def test_edit_links_lead_to_the_data_line_with_every_engine(data_copy: DataCopy) -> None:
    """With a repository set, a hand-written page is edited at its Markdown file and a generated one at
    its data file's line: never at a Markdown path that does not exist."""
    root = project(data_copy)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_name:", "repo_url: https://example.org/org/repo\nedit_uri: edit/main/docs/\n"
                            "site_name:", 1)
    config = config.replace("      # edit_url: ...", "      edit_url: https://example.org/org/repo/edit/main/{path}#L{line}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    line = data_copy.line_of("states.yml", "id: austria")
    for name in NAMES:
        if name != engines.DEFAULT:
            try:
                engines.check_installed(engines.ENGINES[name])
            except engines.Unavailable:
                continue
        result = cli(root, "build", "--engine", name, "-d", f"site-{name}")
        assert result.returncode == 0, result.stderr
        site = root / f"site-{name}"
        # mkdocs.yml's site_dir is not where -d publishes: said, not silently ignored (an attack)
        assert (f"Note: mkdocs.yml sets site_dir to {root / 'site'}; this command publishes to its --site-dir, "
                f"{site} (give --site-dir {root / 'site'} to publish there).") in " ".join(result.stderr.split()), name
        edit = html(site, "states/austria/").select_one('a[rel="edit"]')
        assert edit is not None, name
        assert str(edit["href"]).startswith("https://example.org/org/repo/edit/main/data/states.yml#L"), name
        assert abs(int(str(edit["href"]).rsplit("L", 1)[1]) - line) <= 1, name
        edit = html(site, "about/").select_one('a[rel="edit"]')
        assert edit is not None, name
        assert edit["href"] == "https://example.org/org/repo/edit/main/docs/about.md", name


def test_a_missing_engine_says_how_to_install_it(capsys: pytest.CaptureFixture[str]) -> None:
    with mock.patch("importlib.util.find_spec", return_value=None):
        assert main(["build", "--engine", "zensical"]) == 1
    err = capsys.readouterr().err
    assert "Zensical is not installed" in err
    assert "pip install -e '.[zensical]'" in err


# --- serve: data edits seen, only changed files written ------------------------------------------------

def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, wanted: str, seconds: float = 60, absent: str | None = None) -> str:
    deadline = time.monotonic() + seconds
    page = None
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and wanted in page and (absent is None or absent not in page):
            return page
        time.sleep(0.1)
    raise AssertionError(f"{url}: {wanted!r} not served within {seconds} s; last page: {(page or '')[:500]}")


@pytest.fixture
def zensical_server(data_copy: DataCopy) -> Iterator[tuple[DataCopy, str, subprocess.Popen[str]]]:
    root = zensical_project(data_copy)
    port = free_port()
    log = root.parent / f"{root.name}-serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "khartoum_site", "serve", "--engine", "zensical", "-a",
                                   f"127.0.0.1:{port}"], cwd=root, stdout=out, stderr=subprocess.STDOUT, text=True,
                                  env=ENV, start_new_session=True)
    try:
        yield data_copy, f"http://127.0.0.1:{port}/", server
    finally:
        if server.poll() is None:
            stop_server(server)
        shutil.copy(log, root / "serve.log")


def test_zensical_serve_shows_data_edits_and_keeps_the_last_good_pages(
        zensical_server: tuple[DataCopy, str, subprocess.Popen[str]]) -> None:
    copy, url, server = zensical_server
    wait_for(url + "states/austria/", "<h1", 90)
    copy.replace("states.yml", "  name: Austria\n", "  name: Republic of Austria\n")
    wait_for(url + "states/austria/", "Republic of Austria")
    wait_for(url + "states/", "Republic of Austria")
    # bad data: the last good pages stay, with a banner naming the problem
    copy.replace("states.yml", 'iso2: "NO"', "iso2: NO")
    page = wait_for(url + "states/austria/", "khartoum-data-problems")
    assert "Republic of Austria" in page
    assert "field &#x27;iso2&#x27;" in page or "field 'iso2'" in page
    copy.replace("states.yml", "iso2: NO", 'iso2: "NO"')
    wait_for(url + "states/austria/", "Republic of Austria", absent="khartoum-data-problems")
    # a hand-written page: its references resolved again
    about = copy.root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSee [[states/austria]].\n", encoding="utf-8")
    wait_for(url + "about/", "Republic of Austria</a>")
    assert server.poll() is None


@pytest.mark.parametrize("name", [name for name in NAMES if engines.ENGINES[name].runs_plugin])
def test_serve_with_an_engine_that_runs_the_plugin(data_copy: DataCopy, name: str) -> None:
    """`khartoum-site serve --engine mkdocs|properdocs` is the engine's own server, the plugin in it."""
    require(name)
    root = project(data_copy)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "khartoum_site", "serve", "--engine", name, "-a",
                               f"127.0.0.1:{port}"], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=ENV, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/states/austria/"
        wait_for(url, "<h1", 90)
        data_copy.replace("states.yml", "  name: Austria\n", "  name: Republic of Austria\n")
        wait_for(url, "Republic of Austria")
    finally:
        stop_server(server)


def test_zensical_serve_stops_on_bad_data_at_start(data_copy: DataCopy) -> None:
    root = zensical_project(data_copy)
    data_copy.replace("states.yml", 'iso2: "NO"', "iso2: NO")
    result = cli(root, "serve", "--engine", "zensical", "-a", f"127.0.0.1:{free_port()}", timeout=60)
    assert result.returncode == 1
    assert "The data has 1 problem; nothing is served:" in result.stderr


def test_the_mkdocs_default_is_kept() -> None:
    """No --engine: MkDocs, as before, so the README's two commands are unchanged."""
    result = subprocess.run([sys.executable, "-m", "khartoum_site", "build", "--help"], capture_output=True,
                            text=True, timeout=60, env=ENV, check=True)
    assert "(default: mkdocs)" in " ".join(result.stdout.split())


def test_zensical_is_refused_a_configuration_without_markdown_extensions(data_copy: DataCopy) -> None:
    """A twenty-first attack removed markdown_extensions from mkdocs.yml: Zensical then loaded its own choice
    (magiclink, mark, caret, smartsymbols...), which the allow-list never saw, and published a description's bare
    address as a link, its ==words== marked."""
    root = zensical_project(data_copy)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("markdown_extensions:\n")
    end = text.index("\n\n", start)
    config.write_text(text[:start] + text[end + 2:], encoding="utf-8")
    for command in (["build"], ["serve", "-a", f"127.0.0.1:{free_port()}"]):
        result = cli(root, *command, "--engine", "zensical")
        assert result.returncode == 1, result.stderr
        assert "markdown_extensions is not given: Zensical would load extensions of its own choosing" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (root / "site").exists()
