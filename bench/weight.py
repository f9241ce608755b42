"""The site's weight: build it with the README's command and measure what a host stores and a reader loads.

``.venv/bin/python bench/weight.py [--engine NAME] [--keep-all] [--browser]`` builds the project
through ``khartoum-site build`` into a temporary folder and prints where its bytes are: by kind of file,
by kind of page (the folder of the pages: ``states/`` holds the list of states and a page per state),
and the share of the theme's navigation (``nav.md-nav--primary``, repeated on every page) and of
everything around the article (head, header, navigation, footer, scripts). Then the site's total bytes
and file count, and the home page's bytes and requests: its HTML and the stylesheets, scripts, images
and fonts it names (``<link href>``, ``<script src>``, ``<img src>``, and each ``url(...)`` of its
stylesheets), each counted once; what scripts fetch is not counted there.

``--browser`` also loads the home page in Chromium (Playwright, Debian's ``chromium``) from a local
server and counts every request it makes until the network is idle: the theme's search worker fetches
the search index as soon as a page opens, not when the reader searches. ``--keep-all`` measures the
site as the engine wrote it, before ``khartoum-site build`` leaves out what no reader needs. Exits with
1 when a figure is over its budget (``BUDGET``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
# The most each figure may reach; the README gives the figures measured. The navigation's budget holds
# the menu to a few dozen entries: listing every generated page in it would repeat them on every page.
# The site's budget is the goal of issue 24 (5 MB), not yet reached: the README says what stands above it.
# One request more on the home page than before: the script that restores the reader's colour scheme,
# fetched once instead of written into every page.
BUDGET = {"site bytes": 5_000_000, "home page bytes": 400_000, "home page requests": 11,
          "navigation bytes": 800_000, "home page bytes in a browser": 1_000_000,
          "home page requests in a browser": 15}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"]
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


class _Parts(HTMLParser):
    """Where a page's theme navigation (``nav.md-nav--primary``) and its ``article`` are: (start, end) in
    characters of the page's text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self._lines = [0]
        for line in text.splitlines(keepends=True):
            self._lines.append(self._lines[-1] + len(line))
        self.spans: dict[str, tuple[int, int]] = {}
        self._open: dict[str, tuple[int, int]] = {}  # part: (start, depth of its tag)
        self._depth: dict[str, int] = defaultdict(int)
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._depth[tag] += 1
        part = {"nav": "navigation", "article": "article"}.get(tag)
        if part is None or part in self._open or part in self.spans:
            return
        if part == "navigation" and "md-nav--primary" not in (dict(attrs).get("class") or "").split():
            return
        self._open[part] = (self._offset(), self._depth[tag])

    def handle_endtag(self, tag: str) -> None:
        part = {"nav": "navigation", "article": "article"}.get(tag)
        if part in self._open and self._open[part][1] == self._depth[tag]:
            start, _ = self._open.pop(part)
            self.spans[part] = (start, self._offset() + len(f"</{tag}>"))
        self._depth[tag] -= 1


def page_parts(page: Path) -> dict[str, int]:
    """A page's bytes: all of them, its theme navigation's, and those around its article (the theme's)."""
    text = page.read_text(encoding="utf-8")
    spans = _Parts(text).spans
    size = len(text.encode("utf-8"))
    navigation = spans.get("navigation", (0, 0))
    article = spans.get("article", (0, len(text)))
    return {"bytes": size, "navigation": len(text[navigation[0]:navigation[1]].encode("utf-8")),
            "around the article": size - len(text[article[0]:article[1]].encode("utf-8"))}


def where_the_bytes_are(site: Path) -> list[str]:
    """Lines that say where a built site's bytes are: by kind of file, by kind of page, the theme's share."""
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    kinds: dict[str, list[int]] = defaultdict(list)
    for path in files:
        kinds[path.suffix or path.name].append(path.stat().st_size)
    lines = ["By kind of file:"]
    for kind, sizes in sorted(kinds.items(), key=lambda item: -sum(item[1])):
        lines.append(f"  {kind:<8} {len(sizes):>5} files {sum(sizes):>11,} bytes {sum(sizes) / total:>6.1%}")
    folders: dict[str, list[dict[str, int]]] = defaultdict(list)
    for page in site.rglob("*.html"):
        parts = page.relative_to(site).parts
        folders[parts[0] + "/" if len(parts) > 1 else "(site root)"].append(page_parts(page))
    pages = [measured for group in folders.values() for measured in group]
    html = sum(p["bytes"] for p in pages)
    lines.append("By kind of page (folder): pages, bytes, bytes a page, the navigation's share, and the share of "
                 "all around the article (head, header, navigation, footer, scripts):")
    for folder, group in sorted(folders.items(), key=lambda item: -sum(p["bytes"] for p in item[1])):
        size = sum(p["bytes"] for p in group)
        lines.append(f"  {folder:<16} {len(group):>4} {size:>11,} {size // len(group):>8,} "
                     f"{sum(p['navigation'] for p in group) / size:>6.1%} "
                     f"{sum(p['around the article'] for p in group) / size:>6.1%}")
    shares = sorted(p["navigation"] / p["bytes"] for p in pages)
    lines.append(f"The navigation: {sum(p['navigation'] for p in pages):,} bytes, "
                 f"{sum(p['navigation'] for p in pages) / html:.1%} of the HTML "
                 f"(from {shares[0]:.1%} to {shares[-1]:.1%} of a page); around the articles: "
                 f"{sum(p['around the article'] for p in pages):,} bytes, "
                 f"{sum(p['around the article'] for p in pages) / html:.1%}.")
    return lines


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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def in_a_browser(site: Path) -> dict[str, int]:
    """The home page as Chromium loads it: its requests until the network is idle, the bytes of the files
    they fetched, and how many of them failed (an address the site does not have)."""
    from playwright.sync_api import Request, sync_playwright  # here: only --browser needs it

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    requests: list[Request] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                 args=CHROMIUM_FLAGS)
            page = browser.new_page()
            for event in ("requestfinished", "requestfailed"):  # Playwright wants a function of its own
                page.on(event, lambda request: requests.append(request))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            page.wait_for_load_state("networkidle")
            responses = [(request.url, request.response()) for request in requests]
            statuses = [(url, response.status if response is not None else None) for url, response in responses]
            browser.close()
    finally:
        server.shutdown()
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    files = [_local(site, (site / "index.html").as_uri(), url.removeprefix(root).split("#")[0] or "./")
             for url, status in statuses if status == 200]
    return {"home page bytes in a browser": sum(path.stat().st_size for path in files if path is not None),
            "home page requests in a browser": len(statuses),
            "failed requests in a browser": sum(1 for _, status in statuses if status != 200)}


def measure(site: Path) -> dict[str, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    home_bytes, home_requests = home_page(site)
    return {"site bytes": sum(p.stat().st_size for p in files), "files": len(files),
            "home page bytes": home_bytes, "home page requests": home_requests,
            "navigation bytes": sum(page_parts(page)["navigation"] for page in site.rglob("*.html"))}


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
    parser.add_argument("--browser", action="store_true", help="also load the home page in Chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khartoum-weight-") as out:
        site = build(Path(out), args.engine, args.keep_all)
        print("\n".join(where_the_bytes_are(site)))
        figures = measure(site) | (in_a_browser(site) if args.browser else {})
    over = [name for name, most in BUDGET.items() if name in figures and figures[name] > most]
    for name, value in figures.items():
        budget = f" (budget {BUDGET[name]:,})" if name in BUDGET else ""
        print(f"{name:>31}: {value:>10,}{budget}{'  OVER' if name in over else ''}")
    return 1 if over and not args.keep_all else 0


if __name__ == "__main__":
    sys.exit(main())
