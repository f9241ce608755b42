"""The site's weight: build it with the README's command and measure what a host stores and a reader loads.

``.venv/bin/python bench/weight.py [--engine NAME] [--keep-all]`` builds the project through
``khartoum-site build`` into a temporary folder and prints the site's total bytes and file count, and
the home page's bytes and requests: its HTML and the stylesheets, scripts, images and fonts it names
(``<link href>``, ``<script src>``, ``<img src>``, and each ``url(...)`` of its stylesheets), each
counted once. Requests made later by scripts (the search index, when a reader searches) are not
counted. ``--keep-all`` measures the site as the engine wrote it, before ``khartoum-site build``
leaves out the files no page uses. Exits with 1 when a figure is over its budget (``BUDGET``).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
# The most each figure may reach; the README gives the figures measured.
BUDGET = {"site bytes": 7_400_000, "home page bytes": 400_000, "home page requests": 10}
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Named(HTMLParser):
    """The addresses of the files a page has the browser load with it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").split()
        if tag == "link" and {"stylesheet", "icon", "preload", "modulepreload"} & set(rel):
            self.found.append(values.get("href") or "")
        elif tag in ("script", "img") and values.get("src"):
            self.found.append(values["src"] or "")


def _local(site: Path, base: str, address: str) -> Path | None:
    """The site's file at ``address`` (read from a file at ``base``), or None for another host or data."""
    joined = urlsplit(urljoin(base, address))
    if joined.scheme != "file" or not address or address.startswith("data:"):
        return None
    path = Path(unquote(joined.path))
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() and path.resolve().is_relative_to(site.resolve()) else None


def home_page(site: Path) -> tuple[int, int]:
    """The home page's bytes and requests: the page and each file it names, and what its stylesheets name."""
    home = site / "index.html"
    parser = _Named()
    parser.feed(home.read_text(encoding="utf-8"))
    loaded = {home.resolve()}
    pending = [(home.as_uri(), address) for address in parser.found]
    while pending:
        base, address = pending.pop()
        path = _local(site, base, address)
        if path is None or path.resolve() in loaded:
            continue
        loaded.add(path.resolve())
        if path.suffix == ".css":
            pending += [(path.as_uri(), url) for url in _CSS_URL.findall(path.read_text(encoding="utf-8"))]
    return sum(p.stat().st_size for p in loaded), len(loaded)


def measure(site: Path) -> dict[str, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    home_bytes, home_requests = home_page(site)
    return {"site bytes": sum(p.stat().st_size for p in files), "files": len(files),
            "home page bytes": home_bytes, "home page requests": home_requests}


def build(out: Path, engine: str, keep_all: bool) -> Path:
    """The project built through the command into ``out``/site; with ``keep_all``, without the trim."""
    site = out / "site"
    command = [sys.executable, "-c", "import sys; from khartoum_site.adapters import cli; sys.exit(cli.main())",
               "build", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site), "--engine", engine]
    if keep_all:
        command[2] = ("import sys; from unittest import mock; from khartoum_site.adapters import cli; "
                      "mock.patch('khartoum_site.adapters.trim.trim', return_value=[]).start(); sys.exit(cli.main())")
    result = subprocess.run(command, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"the build failed:\n{result.stderr}")
    print(result.stdout.strip())
    return site.resolve()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", default="mkdocs", help="the engine to build with (default: %(default)s)")
    parser.add_argument("--keep-all", action="store_true", help="measure the site before files are left out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khartoum-weight-") as out:
        figures = measure(build(Path(out), args.engine, args.keep_all))
    over = [name for name, most in BUDGET.items() if figures[name] > most]
    for name, value in figures.items():
        budget = f" (budget {BUDGET[name]:,})" if name in BUDGET else ""
        print(f"{name:>20}: {value:>10,}{budget}{'  OVER' if name in over else ''}")
    return 1 if over and not args.keep_all else 0


if __name__ == "__main__":
    sys.exit(main())
