"""How soon a development server shows an edit: serve on loopback, rename a topic in ``data/topics.yml`` (a
data edit: the name is on 14 pages), change the locator of one of Austria's citations in ``data/states.yml`` (a
field edit: one page shows it) or add a sentence to ``docs/about.md`` (a docs edit), and poll the page that shows
it. Each edit is one the check accepts: an edit it refused would time the banner of problems instead (a state
renamed, this benchmark's data edit until 7 December 2026, is refused since the check holds a state's name to
the texts it cites).

The server holds a page request while it rebuilds, so a page with the new name is from a finished build.

    .venv/bin/python bench/serve.py [--engines mkdocs,zensical] [--edits 3]

times the real record, in a copy of the project, for each engine and kind of edit (the median and range of
``--edits`` edits), with the load average before and after. ``run.py`` and ``engines.py`` call
:func:`measure_serve` on their synthetic records.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:  # not serving yet, or serving the previous build
        return ""


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in (page := _page(url)):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no page with {text!r} at {url} after {timeout:.0f} s")
        time.sleep(0.01)  # polled often: a step of 0.05 s showed in the figures (quarter-second edits)
    if PROBLEMS in page:  # the text is in the banner of problems: the check refused the edit, nothing to time
        raise ValueError(f"the server refused the benchmark's edit: {url} shows the banner of data problems")


EDITS = ("data", "field", "docs")
ONE_FIELD = "locator: ISO 3166-1 alpha-2 and alpha-3 codes\n"  # Austria's citation of ISO 3166
# The topic a data edit renames: a theme of our own naming (the check holds no text to it), on 14 pages.
TOPIC, TOPIC_NAME = "forced-displacement-protection", "Forced displacement and international protection"
TOPIC_LINE = f"  name: {TOPIC_NAME}\n"
PROBLEMS = "khartoum-data-problems"  # the class of the banner a server shows while it keeps the last good data


def peak_mb(pid: int) -> float:
    """The peak resident memory (VmHWM, MB) of the server's process that holds the pages: the largest of ``pid``
    and its descendants that runs our code (MkDocs' with the plugin, or ours that prepares the pages for Zensical;
    not Zensical's own). 0 when it cannot be read."""
    largest, waiting = 0.0, [pid]
    while waiting:
        current = waiting.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8")
            command = Path(f"/proc/{current}/cmdline").read_bytes().split(b"\0")
            for task in Path(f"/proc/{current}/task").iterdir():
                waiting.extend(int(c) for c in (task / "children").read_text(encoding="utf-8").split())
        except OSError:
            continue
        if b"zensical" in command[1:3]:  # python -m zensical: the engine's own process
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                largest = max(largest, int(line.split()[1]) / 1024)
    return largest


def measure_serve(config: Path, data_dir: Path, edits: int, timeout: float, engine: str | None = None,
                  edit: str = "data", env: dict[str, str] | None = None,
                  marks: list[tuple[float, float]] | None = None, peaks: list[float] | None = None) -> list[float]:
    """For each edit, the seconds until the edited page is served.

    ``edit``: "data" renames a topic in ``data/topics.yml``; "field" changes the locator of one of Austria's
    citations in ``data/states.yml`` (the real record's; a record without it is not timed: []); "docs" adds a
    sentence to ``docs/about.md`` (the docs folder beside ``config``). ``engine``: serve with
    ``khartoum-site serve --engine ENGINE``; by default with ``mkdocs serve``. ``env``: more environment for the
    server; ``marks``: given, each edit's (file written, page served) on the monotonic clock is added to it;
    ``peaks``: given, the server's peak memory after the edits (``peak_mb``) is added to it.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = config.with_name("serve.log")
    if edit == "data":
        edited, page, shown = data_dir / "topics.yml", f"topics/{TOPIC}/", TOPIC_NAME
    elif edit == "field":
        edited, page, shown = data_dir / "states.yml", "states/austria/", "Austria"
        if ONE_FIELD not in edited.read_text(encoding="utf-8"):
            return []
    else:
        edited, page, shown = config.with_name("docs") / "about.md", "about/", "About this site"
    original = edited.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/{page}"

    def changed(n: int) -> tuple[str, str]:
        if edit == "data":
            name = f"{TOPIC_NAME}, edited {n}"
            return original.replace(TOPIC_LINE, f"  name: {name}\n", 1), name
        if edit == "field":
            locator = f"ISO 3166-1 codes, edited {n}"
            return original.replace(ONE_FIELD, f"locator: {locator}\n", 1), locator
        sentence = f"Edited for the benchmark, time {n}."
        return f"{original.rstrip()}\n\n{sentence}\n", sentence

    results = []
    try:
        with log.open("w") as out:
            command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
            if engine is not None:
                command = [sys.executable, "-m", "khartoum_site", "serve", "--engine", engine, "-f", str(config),
                           "-a", f"127.0.0.1:{port}"]
            server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                      env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
            try:
                _wait_for(url, shown, timeout)
                for n in range(1, edits + 1):
                    text, expected = changed(n)
                    started = time.monotonic()
                    edited.write_text(text, encoding="utf-8")
                    _wait_for(url, expected, timeout)
                    seen = time.monotonic()
                    results.append(seen - started)
                    if marks is not None:
                        marks.append((started, seen))
                if peaks is not None:
                    peaks.append(peak_mb(server.pid))
            finally:
                server.send_signal(signal.SIGINT)  # as Ctrl+C: the server removes its temporary site folder
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait(timeout=15)
                edited.write_text(original, encoding="utf-8")
    except TimeoutError:  # keep the server's log, which goes with the temporary project: why the page did not show
        with tempfile.NamedTemporaryFile("wb", prefix=f"khartoum-bench-serve-{engine or 'mkdocs'}-{edit}-",
                                         suffix=".log", delete=False) as kept:
            kept.write(log.read_bytes())
        print(f"the server's log is kept at {kept.name}", file=sys.stderr, flush=True)
        raise
    return results


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description="Edit to page served, on the real record, per engine and edit.")
    parser.add_argument("--engines", default="mkdocs,zensical", help="engines to time (default mkdocs,zensical)")
    parser.add_argument("--edits", type=int, default=3, help="edits timed per engine and kind of edit (median)")
    parser.add_argument("--kinds", default=",".join(EDITS), help=f"kinds of edit (default {','.join(EDITS)})")
    parser.add_argument("--timeout", type=float, default=120, help="seconds one edit may take to show")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {_load()} at the start", flush=True)
    print("| Engine | Edit | Edit to page served (s), median (range) | Server's peak MB |\n|---|---|--:|--:|",
          flush=True)
    for engine in args.engines.split(","):
        try:
            version(engine)
        except PackageNotFoundError:
            print(f"| {engine} | not installed | |", flush=True)
            continue
        for edit in args.kinds.split(","):
            with tempfile.TemporaryDirectory(prefix="khartoum-bench-serve-") as tmp:
                work = Path(tmp)
                for name in ("docs", "data"):
                    shutil.copytree(ROOT / name, work / name)
                shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
                peaks: list[float] = []
                seconds = measure_serve(work / "mkdocs.yml", work / "data", args.edits, args.timeout, engine, edit,
                                        peaks=peaks)
            if seconds:
                print(f"| {engine} | {edit} | {statistics.median(seconds):.2f} ({min(seconds):.2f} to "
                      f"{max(seconds):.2f}) | {peaks[0]:.0f} |", flush=True)
    print(f"load average {_load()} at the end", flush=True)


if __name__ == "__main__":
    main()
