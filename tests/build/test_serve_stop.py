"""`khartoum-site serve` stops on SIGTERM with every engine, its server too, and leaves no temporary folder,
even when it was started in the background of a script (which starts it with SIGINT ignored, so that its
server could not be stopped as Ctrl-C stops it)."""

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


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_sigterm_stops_the_server_and_removes_its_folders(tmp_path: Path, engine: str) -> None:
    try:
        engines.check_installed(engines.ENGINES[engine])
    except engines.Unavailable as exc:
        if os.environ.get("CI") and (engine != "zensical" or sys.version_info >= (3, 11)):
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    root = project(DataCopy(tmp_path / "project"))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)}
    server = subprocess.Popen([sys.executable, "-m", "khartoum_site", "serve", "--engine", engine, "-a",
                               f"127.0.0.1:{port}"], cwd=root, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, preexec_fn=as_a_background_job)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    assert answer.status == 200
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert server.poll() is None, "the server stopped before it answered"
                assert time.monotonic() < deadline, "the server did not answer within 120 s"
                time.sleep(0.25)
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
        for pid in [server.pid, *descendants(server.pid)]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        server.wait(timeout=10)
