"""`khartoum-site serve >&-` (a service started with no output): the site is served, with no traceback. MkDocs'
server, which inherited the closed stream, stopped at once on finding no stdout (found by a third attack)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from helpers import DataCopy, free_port, project

ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def wait_for_page(port: int, path: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise AssertionError(f"{path} was never served:\n{log.read_text(errors='replace')[-3000:]}")


def test_serve_with_its_output_closed_serves_the_site_without_a_traceback(data_copy: DataCopy,
                                                                            tmp_path: Path) -> None:
    root = project(data_copy)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as err:
        server = subprocess.Popen([sys.executable, "-m", "khartoum_site", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=root, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True, env=ENV,
                                  preexec_fn=lambda: os.close(1))  # the child's stdout only
    try:
        wait_for_page(port, "/states/austria/", server, log)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=60)
    assert "Traceback" not in log.read_text(errors="replace")
