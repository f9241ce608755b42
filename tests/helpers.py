"""What the tests of every tier share: the real data and copies of it to break, the page as MkDocs
converts it, builds, parsed pages, a local server, and the map drawn once. Test modules import these
(``from helpers import DataCopy``); fixtures and the tiers' rules live in ``conftest.py``. Tables two
tiers share live in their own modules, re-exported here (``bad_data``, ``payloads``, ``planted``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import posixpath
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import yaml
from bad_data import CORPUS, FILE_CORPUS, expected_messages
from bs4 import BeautifulSoup, Tag
from payloads import PAYLOADS
from planted import HOOK, PLACEHOLDERS, kinds, live_markup, page_titles, payload, plant, quoted, string_fields

from khartoum_site.outputs import pageset
from khartoum_site.outputs.worldmap import MapState, render_map
from khartoum_site.record.validate import load_record
from khartoum_site.site import urls

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data"
# A frozen copy of data/ (tests/fixture/README.md): the tests of behaviour read it and break copies of it,
# so that a correct edit to data/ changes none of their expectations. Tests of the real record (the
# verbatim checks, the schemas, the real build) read REAL_DATA and derive what they expect from it.
DATA = ROOT / "tests" / "fixture" / "data"
GEO = DATA / "geo" / "countries.geojson"
UNIT_TIER = ROOT / "tests" / "unit"
# The tiers that run in-process only: no subprocess, no MkDocs build (conftest.unit_tier_rules)
IN_PROCESS_TIERS = (UNIT_TIER, ROOT / "tests" / "artefacts")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

__all__ = [
    "CHROMIUM",
    "CORPUS",
    "DATA",
    "DATA_DATE",
    "FILE_CORPUS",
    "GEO",
    "HOOK",
    "IN_PROCESS_TIERS",
    "MAP_TITLE",
    "PAYLOADS",
    "PLACEHOLDERS",
    "ROOT",
    "SITE_NAME",
    "UNIT_TIER",
    "Crawl",
    "DataCopy",
    "PagesAsHtml",
    "TierError",
    "build_site",
    "crawl",
    "drawn_map",
    "expected_messages",
    "free_port",
    "heading",
    "html",
    "kinds",
    "live_markup",
    "map_states",
    "markdown_html",
    "mkdocs",
    "mkdocs_yml",
    "page_titles",
    "payload",
    "plant",
    "project",
    "quoted",
    "script_filled",
    "section",
    "seed_paragraphs",
    "serve_folder",
    "source_section",
    "string_fields",
    "tree_hash",
]


class TierError(AssertionError):
    """A unit test reached for something only the build and browser tiers may use."""


# --- the real data, and copies of it to break on purpose ------------------------------------------------

class DataCopy:
    """A copy of the real data/ in a temporary project, with helpers to break it on purpose.

    Without data/schemas/, which only editors' tools read (tests/build/test_editor_schemas.py copies
    them itself): a third fewer files to write and remove for each of the many copies.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        # the contents only: copying each file's times and permissions as well takes three times as long
        shutil.copytree(DATA, self.data, copy_function=shutil.copyfile, ignore=shutil.ignore_patterns("schemas"))

    def replace(self, name: str, old: str, new: str, count: int = 1) -> int:
        """Replace text in data/<name>; return the 1-based line where the new text starts."""
        path = self.data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        at = text.index(old)
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        return text[:at].count("\n") + 1

    def append_to_text(self, source: str, words: str) -> None:
        """Add a line to the text of a source (its ``file``): words a test's data quotes from it."""
        sources = yaml.safe_load((self.data / "sources.yml").read_text(encoding="utf-8"))
        file = next(s["file"] for s in sources if s["id"] == source)
        with (self.data / file).open("a", encoding="utf-8") as text:
            text.write(f"\n{words}\n")

    def line_of(self, name: str, needle: str) -> int:
        text = (self.data / name).read_text(encoding="utf-8")
        assert needle in text, f"{needle!r} not in {name}"
        return text[: text.index(needle)].count("\n") + 1

    def rename(self, file: str, old: str, new: str) -> None:
        """Rename an id the way an editor should: new id, the old one in former_ids, every reference updated."""
        path = self.data / file
        text = path.read_text(encoding="utf-8")
        id_line = re.search(rf"^([ ]*-?[ ]*)id: {re.escape(old)}$", text, re.M)
        assert id_line is not None
        indent = " " * len(id_line.group(1))
        path.write_text(text.replace(id_line.group(0), f"{id_line.group(1)}id: {new}\n{indent}former_ids: [{old}]",
                                     1), encoding="utf-8")
        in_flow_list = re.compile(rf"(?<=[\[ ]){re.escape(old)}(?=[,\]])")
        block_item = re.compile(rf"^(\s*- ){re.escape(old)}$")
        for other in self.data.rglob("*.yml"):
            if old not in (content := other.read_text(encoding="utf-8")):
                continue
            lines = content.split("\n")
            for i, line in enumerate(lines):
                if "former_ids:" in line or re.match(r"^\s*(- )?id: ", line):
                    continue
                changed = in_flow_list.sub(new, line) if re.match(r"^\s*(- )?[a-z_]+: \[", line) else line
                lines[i] = block_item.sub(rf"\g<1>{new}", changed)
            other.write_text("\n".join(lines), encoding="utf-8")


SEED_OF_THE_DECLARATION = DATA / "seeds" / "001_b05cad6fe5c97c15.txt"


def seed_paragraphs() -> dict[str, str]:
    """The declaration's paragraphs straight from the source text, independently of our loader."""
    text = SEED_OF_THE_DECLARATION.read_text(encoding="utf-8")
    preamble, operative = text.split("We have agreed on the following:")
    found = {f"pp-{n}": t for n, t in re.findall(r"^  (\d+)\. (.+)$", preamble, re.M)}
    found.update({f"op-{n}": t for n, t in re.findall(r"^  (\d+)\. (.+)$", operative, re.M)})
    return found


def participants_listed(but: tuple[str, ...] = (), source: str = "outcome-report") -> str:
    """memberships.yml entries stating that each state the fixture's declaration names among its participants (its
    paragraph pp-1's mentions, read as the file gives them) is so named, citing ``source``, except the states
    ``but``: a list of the record must name every state that paragraph names (an attack's BC3)."""
    import yaml

    document = yaml.safe_load((DATA / "documents" / "cairo-2025.yml").read_text(encoding="utf-8"))
    states = next(p["mentions"]["states"] for p in document["paragraphs"] if p["id"] == "pp-1")
    names = {s["id"]: s["name"] for s in yaml.safe_load((DATA / "states.yml").read_text(encoding="utf-8"))}
    return "".join(f"- id: {state}-participant\n  name: {names[state]}\n  state: {state}\n  how: listed-participant\n"
                   f"  at_event: cairo-ministerial-2025\n  date: 2025-04-09\n  cites:\n    - source: {source}\n"
                   "      locator: a test\n" for state in states if state not in but)


DATA_DATE = "2025-04-09"  # stands for the date of the last commit to data/, which only git can tell
SITE_NAME = "The Khartoum Process record"



# --- the map of the real states, drawn once per size (drawing it is most of the map tests' time) -----------

@functools.cache
def map_states() -> tuple[MapState, ...]:
    """The real states as the home page's map links them."""
    return tuple(MapState(s.id, s.name, s.iso3, s.region, urls.href("index.md", f"states/{s.id}.md"))
                 for s in load_record(DATA).states.values())


MAP_TITLE = pageset.MAP_TITLE


@functools.cache
def drawn_map(width: int = 640, height: int = 1000, title: str | None = MAP_TITLE) -> str:
    """The map of the real states (the frozen record's), drawn once per process for each size and title; at
    the home page's size and title, the very drawing the page set puts on the home page."""
    if (width, height, title) == (640, 1000, MAP_TITLE):
        return pageset.maps(load_record(DATA), GEO)[0](urls.HOME)
    return render_map(GEO, list(map_states()), width=width, height=height, title=title)


# --- a page's Markdown as MkDocs converts it -------------------------------------------------------------

class _ConfigLoader(yaml.SafeLoader):
    """YAML as mkdocs.yml is written for MkDocs: ``!ENV`` tags (read as None: no test reads the environment's
    value through this)."""


_ConfigLoader.add_constructor("!ENV", lambda _loader, _node: None)


def mkdocs_yml(path: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    """The configuration file's settings as written, without MkDocs' defaults."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # a SafeLoader subclass
    assert isinstance(config, dict)
    return config


@functools.cache
def _markdown() -> Any:
    """A Markdown converter with the extensions of a build: MkDocs' own (always on), then those mkdocs.yml
    lists, with their options. Made once: making one costs more than converting a page."""
    import markdown

    config = mkdocs_yml()
    names = ["toc", "tables", "fenced_code"]  # MkDocs' built-in extensions
    options: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names += [] if name in names else [name]
        if isinstance(entry, dict):
            options[name] = entry[name]
    return markdown.Markdown(extensions=names, extension_configs=options)


class PagesAsHtml(Mapping[str, BeautifulSoup]):
    """The generated pages as HTML (``markdown_html``) by Markdown source path, each converted when it is
    first read: a test that reads three pages does not pay for the other hundred."""

    def __init__(self, markdown: Mapping[str, str]) -> None:
        self._markdown = markdown
        self._html: dict[str, BeautifulSoup] = {}

    def __getitem__(self, path: str) -> BeautifulSoup:
        if path not in self._html:
            self._html[path] = markdown_html(self._markdown[path])
        return self._html[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._markdown)

    def __len__(self) -> int:
        return len(self._markdown)


def key_of(page_path: str, href: str) -> str:
    """The record's key (``states/x``) a Markdown link on a generated page leads to. A membership statement is an
    anchor on its state's page (``states/austria.md#membership-x``), a Steering Committee seat, a chair's term, a
    source and a topic one on their list (``#seat-x``, ``#term-x``, ``#source-x``, ``#topic-x``): the anchor names
    the record."""
    base, _, fragment = href.partition("#")
    if fragment.startswith(urls.membership_anchor("")):
        return "memberships/" + fragment.removeprefix(urls.membership_anchor(""))
    for collection in urls.ON_THEIR_LIST:
        if fragment.startswith(urls.on_list_anchor(collection, "")):
            return f"{collection}/" + fragment.removeprefix(urls.on_list_anchor(collection, ""))
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), base)) if base else page_path
    return path.removesuffix("/index.md").removesuffix(".md")


def section(page: BeautifulSoup | Tag, anchor: str) -> BeautifulSoup:
    """What a reader reads at the heading ``anchor`` of a page, up to the next heading of its level or above, as
    a page of its own: a record shown as a heading on a list (a source at ``sources/#source-x``) is read there as
    its own page was."""
    heading = page.find(id=anchor)
    assert isinstance(heading, Tag), f"no heading #{anchor}"
    assert re.fullmatch(r"h[1-6]", heading.name), (anchor, heading.name)
    above = {f"h{level}" for level in range(1, int(heading.name[1]) + 1)}
    parts = [str(heading)]
    for sibling in heading.find_next_siblings():
        if sibling.name in above:
            break
        parts.append(str(sibling))
    return BeautifulSoup("".join(parts), "html.parser")


def source_section(pages: Mapping[str, BeautifulSoup], source: str) -> BeautifulSoup:
    """A source as the list of sources shows it, at its heading (``sources/#source-<id>``): its facts, its
    annotation and what cites it, as its own page showed them before."""
    return section(pages[urls.index_page("sources")], urls.on_list_anchor("sources", source))


def topic_section(pages: Mapping[str, BeautifulSoup], topic: str) -> BeautifulSoup:
    """A topic as the list of topics shows it, at its heading (``topics/#topic-<id>``): its description, the
    paragraphs on it with their texts, the related topics and its sources, as its own page showed them before."""
    return section(pages[urls.index_page("topics")], urls.on_list_anchor("topics", topic))


def markdown_html(text: str) -> BeautifulSoup:
    """A page's Markdown as MkDocs converts it (front matter dropped, the extensions of mkdocs.yml),
    without the theme around it: what the article of the published page holds."""
    body = re.sub(r"\A---\n.*?\n---\n", "", text, count=1, flags=re.S)
    return BeautifulSoup(_markdown().reset().convert(body), "html.parser")


def script_filled(code: Any, values: dict[str, str]) -> str:
    """A citation's code block (``pre code``) as ``assets/khartoum-cite.js`` leaves it: each place to fill (a
    child with ``data-km-fill``) holds its template with each token ``@@name@@`` as its value (an unknown one
    kept); all other text stays as the page shows it."""
    text = []
    for child in code.children:
        template = child.get("data-km-fill") if hasattr(child, "get") else None
        if template is None:
            text.append(child.get_text() if hasattr(child, "get_text") else str(child))
        else:
            text.append(re.sub(r"@@([a-z-]+)@@", lambda m: values.get(m[1], m[0]), str(template)))
    return "".join(text)


# --- builds (tests/build/ and tests/browser/ only) ------------------------------------------------------

def project(copy: DataCopy) -> Path:
    """Complete the data copy into a whole project: mkdocs.yml and docs/ beside data/."""
    shutil.copy(ROOT / "mkdocs.yml", copy.root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", copy.root / "docs")
    return copy.root


def build_site(config_file: Path, site_dir: Path, site_url: str | None = None) -> Path:
    """A strict MkDocs build in this process, as the README's command runs it (with ``site_url`` if given)."""
    from mkdocs.commands.build import build  # here: the unit tier never pays for importing MkDocs
    from mkdocs.config import load_config

    options: dict[str, Any] = {"site_url": site_url} if site_url else {}
    build(load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, **options))
    return site_dir


def mkdocs(root: Path, *args: str, timeout: float = 120, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    """``mkdocs ARGS`` run in ``root`` as an editor runs it, in a process of its own (``env``: more variables)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, capture_output=True, text=True,
                          timeout=timeout, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **(env or {})})


def tree_hash(folder: Path) -> str:
    """One digest of every path and file content under ``folder``: equal digests, identical trees."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def html(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at a site URL such as ``states/austria/``."""
    path = site / url / "index.html" if url == "" or url.endswith("/") else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def heading(page: BeautifulSoup | Tag) -> str:
    """The text of a page's h1 (or of a heading itself) as a reader sees it, without the permalink sign."""
    found = page if page.name in ("h1", "h2", "h3", "h4", "h5", "h6") else page.h1
    assert found is not None, "the page has no h1"
    return "".join(found.find_all(string=True, recursive=False)).strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder under ``prefix`` (``/repo/``, as GitHub Pages serves a project site); any other path
    is not found."""

    def __init__(self, *args: Any, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix  # before the base class's __init__, which handles the request
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        bare = urlsplit(path).path
        if bare == self.prefix.rstrip("/"):
            bare = self.prefix  # the folder without its slash: the server redirects to it with one
        if not bare.startswith(self.prefix):
            return os.path.join(str(self.directory), "\0not-under-the-prefix")
        return super().translate_path("/" + bare[len(self.prefix):])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path, port: int = 0, prefix: str = "/") -> Iterator[str]:
    """A built site served on 127.0.0.1 (on ``port``, else a free one) under ``prefix``, as a reader's
    browser reaches it; yields the address of its root."""
    handler = functools.partial(_QuietHandler, directory=str(folder), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


_LINKED = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


@dataclass
class Crawl:
    """What following every link of a served site found: the pages and files reached, and the broken links
    as ``page: link (reason)``."""

    reached: set[str]
    pages: set[str]
    broken: list[str]


def crawl(site: str, *starts: str) -> Crawl:
    """Follow every link of the site served at ``site`` (its root's address), as a reader's browser reads
    them: from each start (a page's address), each link resolved against its page, every page and file
    of the site fetched once, every #anchor looked for on its page. A link to another host is not
    followed; one to this host outside ``site`` is broken."""
    host = urlsplit(site).netloc
    queue, pages = list(starts or (site,)), set()
    reached = dict.fromkeys(queue, "the start")  # each address, and the first page that links to it
    ids: dict[str, set[str]] = {}
    anchored: list[tuple[str, str, str, str]] = []  # page, link, target, anchor
    broken: list[str] = []
    while queue:
        url = queue.pop()
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                body, kind = response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            broken.append(f"{reached[url]}: {url} (HTTP {exc.code})")
            continue
        if kind != "text/html":
            continue
        pages.add(url)
        soup = BeautifulSoup(body.decode("utf-8"), "html.parser")
        ids[url] = {str(t["id"]) for t in soup.find_all(id=True)}
        ids[url] |= {str(t["name"]) for t in soup.find_all("a", attrs={"name": True})}
        for tag, attribute in _LINKED.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                href = str(element[attribute])
                target, anchor = urldefrag(urljoin(url, href))
                parts = urlsplit(target)
                if parts.scheme not in ("http", "https") or parts.netloc != host:
                    continue
                if not target.startswith(site):
                    broken.append(f"{url}: {href} (outside {site})")
                    continue
                if anchor:
                    anchored.append((url, href, target, anchor))
                if target not in reached:
                    reached[target] = url
                    queue.append(target)
    broken += [f"{page}: {href} (no #{anchor} on {target})" for page, href, target, anchor in anchored
               if target in ids and unquote(anchor) not in ids[target]]
    return Crawl(set(reached), pages, sorted(broken))


def text(node: Tag | BeautifulSoup) -> str:
    """What a reader reads in an element, on one line."""
    return " ".join(node.get_text().split())


# A traceback through a Jinja template, as MkDocs prints it: the template's lines, and carets at the line's start.
JINJA_TRACEBACK = [
    "Traceback (most recent call last):\n",
    '  File "material/templates/base.html", line 154, in top-level template code\n',
    "    {% block site_nav %}\n", "^^^^^^^^^^^^^^^^^^^\n",
    '  File "material/templates/base.html", line 157, in block \'site_nav\'\n',
    '    {% set hidden = "hidden" if "navigation" in page.meta.hide %}\n', "^^^^^^^^^^^^^\n",
    "TypeError: argument of type 'int' is not iterable\n"]


# What the quotation check finds (``SourceText``), said the slow way: a quotation is in a text whole, its ends not
# cutting one of the text's words.
def word_edge(text: str, index: int, step: int) -> int:
    """The nearest edge of a word from ``index`` (towards the start with step -1, the end with 1)."""
    index = min(index, len(text))
    while 0 < index < len(text) and in_word(text[index - 1]) and in_word(text[index]):
        index += step
    return index


def in_word(char: str) -> bool:
    """A letter, or an apostrophe, which joins a word's parts (State\u2019s)."""
    return char.isalpha() or char == "\u2019"


def whole_words_in(quote: str, text: str) -> bool:
    """``quote in text``, where neither end of the quotation cuts one of the text's words."""
    starts = [i for i in range(len(text) - len(quote) + 1) if text.startswith(quote, i)]
    return any((not quote or not in_word(quote[0]) or i == 0 or not in_word(text[i - 1]))
               and (not quote or not in_word(quote[-1]) or i + len(quote) == len(text)
                    or not in_word(text[i + len(quote)])) for i in starts)


def cairo_of_two_days(copy: DataCopy) -> None:
    """The fixture's Cairo conference made a meeting of two days, its second day given by a source cited by locator
    (a meeting's last day is one its quotations give, where every source it cites is quoted: a rule)."""
    text = (copy.data / "events.yml").read_text(encoding="utf-8")
    start = text.index("- id: cairo-ministerial-2025\n")
    end = text.find("\n- id:", start)
    block = text[start:len(text) if end == -1 else end]
    block = block.replace("  date: 2025-04-09\n", "  date: 2025-04-09\n  until: 2025-04-10\n", 1)
    block = block.replace("  cites:\n", "  cites:\n    - source: jvap\n      locator: a test of two days\n", 1)
    (copy.data / "events.yml").write_text(text.replace(text[start:len(text) if end == -1 else end], block),
                                          encoding="utf-8")
