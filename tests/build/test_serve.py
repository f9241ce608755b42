"""`mkdocs serve` while an editor works on the data: bad data never leaves the server hanging.

A real server runs in a copy of the project. Every request has a short timeout: a server that hangs
fails the test at once instead of stalling the run.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import ROOT, DataCopy, free_port, heading, mkdocs, project
from mkdocs.commands import serve as serve_command
from mkdocs.commands.build import build
from mkdocs.config import load_config

from khartoum_site.adapters import prepare
from khartoum_site.outputs.pageset import PageSet

REQUEST_SECONDS = 10  # a rebuild of the site takes about two seconds; a request waits for the one under way
START_SECONDS = 90
REBUILD_SECONDS = 60

NORWAY_ISO2 = 'iso2: "NO"'
PAYLOAD_ISO2 = 'iso2: "<script>alert(1)</script>"'


class Hung(AssertionError):
    pass


class Server:
    """`mkdocs serve` in its own process group, its terminal output kept in a file."""

    def __init__(self, root: Path, *options: str) -> None:
        self.port = free_port()
        self.log = root / "serve.log"  # beside the project, outside every watched folder
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", *options],
                cwd=root, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> str | None:
        """The page at ``path``; None while nothing listens yet. A request left unanswered fails the test."""
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(url, timeout=REQUEST_SECONDS) as response:
                return str(response.read().decode("utf-8"))
        except TimeoutError:
            raise Hung(f"{url} got no answer in {REQUEST_SECONDS} s\n{self.output()[-3000:]}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise Hung(f"{url} got no answer in {REQUEST_SECONDS} s\n{self.output()[-3000:]}") from None
            if isinstance(exc.reason, ConnectionRefusedError):
                return None
            raise

    def wait_for(self, path: str, wanted: Callable[[BeautifulSoup], bool], seconds: float = REBUILD_SECONDS,
                 what: str = "") -> BeautifulSoup:
        """The page at ``path`` once ``wanted`` holds for it, asked for again and again."""
        deadline = time.monotonic() + seconds
        text = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve stopped:\n{self.output()[-3000:]}"
            text = self.get(path)
            if text is not None:
                page = BeautifulSoup(text, "html.parser")
                if wanted(page):
                    return page
            time.sleep(0.3)
        raise AssertionError(f"{path}: {what or 'the wanted page'} not served within {seconds} s\n"
                             f"last page: {(text or '')[:2000]}\nterminal: {self.output()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)


@contextmanager
def serving(root: Path, *options: str) -> Iterator[Server]:
    server = Server(root, *options)
    try:
        yield server
    finally:
        server.stop()


def banner(page: BeautifulSoup) -> Tag | None:
    found = page.find("div", attrs={"role": "alert"})
    assert found is None or isinstance(found, Tag)
    return found


def titled(name: str) -> Callable[[BeautifulSoup], bool]:
    return lambda page: page.h1 is not None and heading(page) == name


def rewrite(path: Path, old: str, new: str) -> None:
    """Replace text in a file in one write, so that the server never sees half of an edit."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("options", [(), ("--clean",), ("--dirty",)], ids=["serve", "serve --clean", "serve --dirty"])
def test_bad_data_shows_a_banner_over_the_last_good_pages_until_it_is_fixed(data_copy: DataCopy,
                                                                            options: tuple[str, ...]) -> None:
    root = project(data_copy)
    states = data_copy.data / "states.yml"
    line = data_copy.line_of("states.yml", NORWAY_ISO2)
    problem = (f"data/states.yml:{line}:9: state 'norway', field 'iso2': expected an ISO 3166-1 alpha-2 code "
               "(two capital letters), found '<script>alert(1)</script>'")
    with serving(root, *options) as server:
        server.wait_for("/states/austria/", titled("Austria"), START_SECONDS, "the first build")

        # Broken first, then renamed: whenever the server rebuilds, the new name is in bad data only.
        rewrite(states, NORWAY_ISO2 + "\n", PAYLOAD_ISO2 + "\n")
        rewrite(states, "  name: Austria\n", "  name: Republic of Austria\n")
        page = server.wait_for("/states/austria/", lambda p: banner(p) is not None, what="the banner")
        alert = banner(page)
        assert alert is not None
        assert [li.get_text() for li in alert.find_all("li")] == [problem]
        words = " ".join(alert.get_text().split())
        assert words.startswith("The data has 1 problem: these pages show the last good data Fix the data files "
                                "as listed; the pages are rebuilt from them once the data is good again.")
        # The payload is text in the banner, never an element of the page.
        assert alert.find("script") is None
        assert all("alert(1)" not in script.get_text() for script in page.find_all("script"))
        assert "<script>alert(1)</script>" in words
        # At the top of the content, over the last good page.
        article = page.find("article")
        assert isinstance(article, Tag)
        assert alert in article.find_all("div")
        assert page.h1 in alert.find_all_next("h1")
        assert heading(page) == "Austria"

        for path in ("/", "/states/", "/states/norway/", "/about/"):
            other = server.wait_for(path, lambda p: banner(p) is not None, what="the banner")
            assert problem in other.get_text()
        terminal = server.output()
        assert ("WARNING -  khartoum_site: The data has 1 problem; serving the pages of the last good "
                f"data until it is fixed:\n  {problem}\n") in terminal
        assert "An error happened during the rebuild" not in terminal

        rewrite(states, PAYLOAD_ISO2 + "\n", NORWAY_ISO2 + "\n")
        page = server.wait_for("/states/austria/", titled("Republic of Austria"), what="the fixed data")
        assert banner(page) is None
        for path in ("/", "/states/norway/"):
            assert banner(server.wait_for(path, lambda p: p.h1 is not None)) is None


def test_an_edit_that_keeps_size_and_time_is_seen_by_the_next_rebuild(data_copy: DataCopy) -> None:
    # Tools that keep times (archives, rsync -t, some checkouts) can change a file without changing its
    # size or time; the parsed-file cache of `serve` must still see the new content.
    root = project(data_copy)
    states = data_copy.data / "states.yml"
    with serving(root) as server:
        server.wait_for("/states/austria/", titled("Austria"), START_SECONDS, "the first build")
        before = states.stat()
        # (the same size; a name the declaration's list still reads as Austria's, as `check` asks)
        rewrite(states, "  name: Austria\n", "  name: AUSTRIA\n")
        os.utime(states, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = states.stat()
        assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
        # The server's watcher compares size and time as well, so it is another file's change that
        # brings the next rebuild.
        os.utime(data_copy.data / "topics.yml")
        server.wait_for("/states/austria/", titled("AUSTRIA"), what="the edited name")


def test_bad_data_at_the_first_build_still_stops_serve(data_copy: DataCopy) -> None:
    root = project(data_copy)
    line = data_copy.replace("states.yml", NORWAY_ISO2, "iso2: NO")
    result = mkdocs(root, "serve", "-a", f"127.0.0.1:{free_port()}", timeout=120)
    assert result.returncode == 1
    assert "The data has 1 problem; nothing was built:" in result.stderr
    assert f"data/states.yml:{line}:9: state 'norway', field 'iso2'" in result.stderr
    assert "Serving on" not in result.stderr


class FakeServer:
    """Stands for MkDocs' development server: no socket; two rebuilds, as if two files had changed."""

    def __init__(self, builder: Callable[[], None], **_: Any) -> None:
        self.builder = builder

    def watch(self, path: str, *_: Any, **__: Any) -> None:
        pass

    def serve(self, **_: Any) -> None:
        self.builder()
        self.builder()

    def shutdown(self, **_: Any) -> None:
        pass


@pytest.mark.parametrize(("clean", "livereload"), [(False, True), (True, True), (True, False)])
def test_serve_never_freezes_the_garbage_collector(monkeypatch: pytest.MonkeyPatch, clean: bool,
                                                   livereload: bool) -> None:
    # `mkdocs serve --clean` starts plugins with the command "build", like a one-shot build; its
    # rebuilds' objects must not be frozen for the life of the server. No data is read: only the hooks
    # around it matter here.
    frozen: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append("freeze"))
    monkeypatch.setattr(prepare, "make", lambda *_, **__: PageSet({}, {}))  # what the plugin loads and makes
    monkeypatch.setattr(serve_command, "LiveReloadServer", FakeServer)
    serve_command.serve(config_file=str(ROOT / "mkdocs.yml"), livereload=livereload,
                         build_type="clean" if clean else None, dev_addr=f"127.0.0.1:{free_port()}")
    assert frozen == []


def test_a_one_shot_build_freezes_the_garbage_collector(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    frozen: list[str] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append("freeze"))
    monkeypatch.setattr(prepare, "make", lambda *_, **__: PageSet({}, {}))  # what the plugin loads and makes
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert frozen == ["freeze"]
