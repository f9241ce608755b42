"""A server started inside the published site (`cd site && khartoum-site serve -f …`) keeps serving, and
serving the data's edits, after a build replaces the folder it was started in (site/ is a link that each
build replaces, and the build it led to is removed)."""

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
from bs4 import BeautifulSoup
from helpers import DataCopy, free_port, heading, project

ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def title_at(port: int, path: str) -> str | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            page = BeautifulSoup(response.read().decode("utf-8"), "html.parser")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    return heading(page) if page.h1 is not None else None


def wait_for(port: int, path: str, title: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(errors="replace")[-3000:]
        if title_at(port, path) == title:
            return
        time.sleep(0.5)
    raise AssertionError(f"{path} never showed {title!r}:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.mark.parametrize("command", [["khartoum_site", "serve"], ["mkdocs", "serve"]])
def test_a_server_started_in_the_site_folder_survives_the_next_build(data_copy: DataCopy, tmp_path: Path,
                                                                     command: list[str]) -> None:
    root = project(data_copy)
    built = subprocess.run([sys.executable, "-m", "khartoum_site", "build"], cwd=root, capture_output=True,
                           text=True, timeout=300, env=ENV)
    assert built.returncode == 0, built.stderr
    started_in = (root / "site").resolve()  # the build site/ leads to now
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", *command, "-f", str(root / "mkdocs.yml"), "-a",
                                   f"127.0.0.1:{port}"], cwd=root / "site", stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True, env=ENV)
    try:
        wait_for(port, "/states/austria/", "Austria", server, log)
        again = subprocess.run([sys.executable, "-m", "khartoum_site", "build"], cwd=root, capture_output=True,
                               text=True, timeout=300, env=ENV)
        assert again.returncode == 0, again.stderr
        # khartoum-site serve works in the project, whatever folder it was started in; MkDocs' own server works in
        # the build the site led to then, which the build keeps and names (a held-out round's R3)
        kept = command[0] == "mkdocs"
        assert started_in.exists() == kept
        assert (f"Kept the superseded build {started_in}" in again.stdout) == kept, again.stdout
        data_copy.replace("states.yml", "  name: Austria\n", "  name: Republic of Austria\n")
        wait_for(port, "/states/austria/", "Republic of Austria", server, log)  # rebuilt, not a 404
        assert title_at(port, "/") is not None
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def test_a_temporary_folder_inside_the_docs_is_refused_before_the_server_makes_anything(data_copy: DataCopy) -> None:
    """A twentieth attack served with TMPDIR inside docs/: MkDocs made its site folder there before the plugin read
    anything, said so in its own words, and left the empty folder in the owner's pages (build said it in a line)."""
    root = project(data_copy)
    temporary = root / "docs" / "tmp"
    temporary.mkdir()
    served = subprocess.run([sys.executable, "-m", "khartoum_site", "serve", "-a", f"127.0.0.1:{free_port()}"],
                            cwd=root, capture_output=True, text=True, timeout=120,
                            env={**ENV, "TMPDIR": str(temporary)})
    assert served.returncode == 1
    assert "holds the temporary folder, with the compiled templates, which the tool keeps for itself" \
        in served.stderr, served.stderr
    assert "Traceback" not in served.stderr
    assert list(temporary.iterdir()) == []
