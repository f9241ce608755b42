"""The editor's loop with `khartoum-site serve`, with every engine: it stops on SIGTERM, its server too,
leaving no temporary folder, even when started in the background of a script (which starts it with
SIGINT ignored); and it keeps seeing edits after data/ vanished and came back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import DataCopy, free_port, project

from khartoum_site.adapters import engines


def as_a_background_job() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            child = int(stat.parent.name)
            found += [child, *descendants(child)]
    return found


def require(engine: str) -> None:
    try:
        engines.check_installed(engines.ENGINES[engine])
    except engines.Unavailable as exc:
        if os.environ.get("CI") and (engine != "zensical" or sys.version_info >= (3, 11)):
            pytest.fail(str(exc))
        pytest.skip(str(exc))


def start_project(tmp_path: Path, engine: str) -> tuple[Path, Path, int, subprocess.Popen[bytes]]:
    """A copy of the project served in the background: its folder, its TMPDIR, its port, the server."""
    require(engine)
    root = project(DataCopy(tmp_path / "project"))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    return root, temporary, port, start(root, engine, port, temporary)


def start(root: Path, engine: str, port: int, temporary: Path) -> subprocess.Popen[bytes]:
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    server = subprocess.Popen([sys.executable, "-m", "khartoum_site", "serve", "--engine", engine, "-a",
                               f"127.0.0.1:{port}"], cwd=root, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, preexec_fn=as_a_background_job)
    read(server, port, "")
    return server


def read(server: subprocess.Popen[bytes], port: int, path: str, until: str = "", seconds: float = 120) -> str:
    """The page at ``path``, once it holds ``until``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=2) as answer:
                text = str(answer.read().decode("utf-8"))
            if until in text:
                return text
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            assert server.poll() is None, "the server stopped"
        assert time.monotonic() < deadline, f"{path or 'the home page'} did not show {until!r} in {seconds} s"
        time.sleep(0.25)


def stop(server: subprocess.Popen[bytes]) -> None:
    for pid in [server.pid, *descendants(server.pid)]:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    server.wait(timeout=10)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_sigterm_stops_the_server_and_removes_its_folders(tmp_path: Path, engine: str) -> None:
    _root, temporary, _port, server = start_project(tmp_path, engine)
    try:
        family = [server.pid, *descendants(server.pid)]
        assert any(temporary.iterdir()), "the server works in a temporary folder"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=15)
        deadline = time.monotonic() + 5
        while any(alive(pid) for pid in family) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in family if alive(pid)] == []
        # what remains is only the compiled templates' cache, kept between runs on purpose (site/pages.py)
        assert [p.name for p in temporary.iterdir() if not p.name.startswith("khartoum-site-templates-")] == []
    finally:
        stop(server)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_edits_are_seen_after_the_data_folder_vanished_and_came_back(tmp_path: Path, engine: str) -> None:
    """A checkout of another branch, or a folder restored from a backup: the watch of the old folder is gone."""
    root, _temporary, port, server = start_project(tmp_path, engine)
    try:
        (root / "data").rename(tmp_path / "away")
        time.sleep(2)
        (tmp_path / "away").rename(root / "data")
        time.sleep(2)
        states = root / "data" / "states.yml"
        states.write_text(states.read_text(encoding="utf-8").replace("  name: Austria\n",
                                                                     "  name: Republic of Austria\n"), encoding="utf-8")
        assert "Republic of Austria" in read(server, port, "states/austria/", "Republic of Austria", seconds=60)
    finally:
        stop(server)
