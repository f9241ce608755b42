"""Check every internal link and anchor of a built site by reading its HTML.

MkDocs' own check can be silenced by the log level: measured with MkDocs 1.6.1, ``--strict -q`` drops
the warnings before the strict counter sees them, and ``--strict -v`` skips anchor validation. So the
published site is checked here, on the files themselves.
"""

from __future__ import annotations

import codecs
import os
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from khartoum_site.escape import clipped, terminal_text

_LINK_ATTRS = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}
# A resolved [[key]] reference's Markdown ("[Egypt](states/egypt.md "…"){ .km-ref }") in a page's text: Python-Markdown
# left it as it was written, in raw HTML the reference rules did not see (a <figcaption> in a <figure markdown>: an
# attack's D7-10), and the page showed its source, with no <a> for the check to find
# (a link's Markdown and its class, as the resolver writes them: a Markdown link to a .md file alone is honest text,
# in a topic's description or written with escaped brackets, and was refused with this message: an attack's BW3)
_PUBLISHED_SOURCE = re.compile(r"\)\{ \.km-ref \}")
# Elements whose text is not the page's prose: code shows Markdown on purpose
_NOT_PROSE = frozenset({"code", "pre", "script", "style", "textarea"})


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        if not self.href:  # the page itself could not be read
            return f"{self.page}: {self.reason}"
        return f"{self.page}: link '{clipped(self.href)}' {self.reason}"


# The links and anchors of the whole site the check keeps at once: a built site has some ten thousand; an attack's
# twelve pages of 31 MB of links each (under the page limit) filled memory with 20 million and ended in MemoryError.
_MOST_KEPT = 2_000_000


class _Budget:
    """How many more links and anchors the check may keep, across the pages of one site."""

    def __init__(self) -> None:
        self.left = _MOST_KEPT


class _PageParser(HTMLParser):
    def __init__(self, budget: _Budget | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.element_ids: set[str] = set()
        self.twice: list[str] = []  # ids given to two elements: a link leads to the first only
        self.links: list[str] = []
        self.unreadable = ""  # why the page's links could not all be read, if so
        self.budget = budget or _Budget()
        self.source_shown = ""  # a reference's Markdown the page shows as its text, if so
        self._not_prose = 0  # how many elements of code (and the like) the parser is in
        self._text = ""  # the text read since the last tag, at most 200 characters (a piece may end mid-reference)

    def handle_data(self, data: str) -> None:
        if self._not_prose or self.source_shown:
            return
        text = self._text + data
        if (found := _PUBLISHED_SOURCE.search(text)) is not None:
            # said from its "[" to its ")" and class, as the page shows it (if the piece of text holds them)
            start, end = text.rfind("[", 0, found.start()), found.end()
            self.source_shown = " ".join(text[max(start, found.start() - 60, 0):end].split())
        self._text = text[-200:]

    def handle_endtag(self, tag: str) -> None:
        self._text = ""
        if tag in _NOT_PROSE and self._not_prose:
            self._not_prose -= 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._text = ""
        if tag in _NOT_PROSE:
            self._not_prose += 1
        if self.budget.left <= 0:
            return
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(str(values[name]))
                self.budget.left -= 1
        if values.get("id"):
            if str(values["id"]) in self.element_ids and len(self.twice) < 10:
                self.twice.append(str(values["id"]))
            self.element_ids.add(str(values["id"]))
        wanted = _LINK_ATTRS.get(tag)
        if wanted and values.get(wanted) is not None:
            self.links.append(str(values[wanted]))
            self.budget.left -= 1


_CHUNK = 1 << 20
# The parser keeps what it has not finished reading (a tag, a comment) and reads it again with each new piece:
# an unfinished part longer than this is never a page's (a built page's longest tag is a few kilobytes), and
# reading on would cost time growing with its square and memory without bound (an attack's page of one tag
# that never closed: 200 MB in 67 s, 300 MB ended in MemoryError).
_LONGEST_UNFINISHED = 8 * _CHUNK
# A built page is at most a few hundred kilobytes; a page larger than this is not read at all (an attack's page
# of 300 MB of complete links filled memory with its links before one was checked, and ended in MemoryError).
_LARGEST_PAGE = 32 * _CHUNK


def _parse(path: Path, budget: _Budget | None = None) -> _PageParser:
    """A page's ids and links, read a megabyte at a time: a page larger than memory (an attack checked a site
    holding a file of 2 GB) is read through, never held whole; a tag or comment that does not end within
    ``_LONGEST_UNFINISHED`` stops the reading, and the page is reported as one the check could not read."""
    parser = _PageParser(budget)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > _LARGEST_PAGE:
            parser.unreadable = (f"is {size / _CHUNK:,.0f} MB, larger than any page a build writes "
                                 f"({_LARGEST_PAGE >> 20} MB at most here); the link check did not read it")
            return parser
        read = 0
        while read <= _LARGEST_PAGE and (chunk := stream.read(_CHUNK)):
            read += len(chunk)
            parser.feed(decoder.decode(chunk))
            if parser.budget.left <= 0:
                parser.unreadable = (f"takes the site past {_MOST_KEPT:,} links and anchors, far more than a build "
                                     "writes; the link check stopped reading here")
                return parser
            if len(parser.rawdata) > _LONGEST_UNFINISHED:
                parser.unreadable = (f"holds a tag or comment that does not end within {_LONGEST_UNFINISHED >> 20} MB; "
                                     "the link check stopped reading it there, so links after it are not checked")
                return parser
    parser.feed(decoder.decode(b"", final=True))
    parser.close()
    return parser


def _pages(site_dir: Path) -> list[Path]:
    """The site's HTML files: plain files only, found without following a symbolic link (a link that loops
    would never end, a named pipe would stop the check reading it; a built site holds neither)."""
    found = []
    for folder, subfolders, names in os.walk(site_dir.resolve()):  # the site folder may itself be our link
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if name.endswith(".html") and path.is_file() and not path.is_symlink():
                found.append(path)
    root = site_dir.resolve()
    return [site_dir / p.relative_to(root) for p in found]


def check_site(site_dir: Path, base_path: str = "/") -> tuple[int, list[BrokenLink]]:
    """Return the number of internal links checked and the broken ones.

    ``base_path`` is where the site is published on its server: the path of ``site_url``
    (``https://owner.github.io/repo/`` gives ``/repo/``). A root-relative link (MkDocs writes them in
    404.html) is read against it, as a browser reads it there; one outside it leaves the site.
    """
    # Compared with each link's path as it reads unescaped: a site at /caf%C3%A9/ is at /café/ (an attack found
    # every root-relative link of 404.html "outside the site" there).
    base_path = unquote(base_path)
    base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    site_dir = Path(site_dir)
    budget = _Budget()
    pages = {}
    for page_file in _pages(site_dir):
        if budget.left <= 0:
            break  # the page that spent the budget says so
        pages[page_file.relative_to(site_dir).as_posix()] = _parse(page_file, budget)
    if budget.left <= 0:  # too much to check: the rest would read as missing pages, so only this is said
        return 0, [BrokenLink(page, "", parsed.unreadable) for page, parsed in pages.items() if parsed.unreadable]
    broken: list[BrokenLink] = []
    checked = 0
    for page, parsed in pages.items():
        if parsed.unreadable:
            broken.append(BrokenLink(page, "", parsed.unreadable))
        # Two records given one anchor (a twentieth attack's source renamed seat-<a seat's id> on the committee
        # page): every link to the second, its permanent address included, led to the first, and none was broken.
        broken += [BrokenLink(page, "", f"gives the anchor '#{clipped(anchor)}' to two elements: a link to it "
                              "leads to the first only") for anchor in parsed.twice]
        if parsed.source_shown:
            shown = terminal_text(clipped(parsed.source_shown))
            broken.append(BrokenLink(page, "", f"shows '{shown}': a [[key]] reference was published as its Markdown "
                                     "source, as it stands inside raw HTML; write it outside the HTML, or give the "
                                     "element the markdown attribute"))
        for href in parsed.links:
            try:
                # (read as a browser reads an http address: a backslash is a slash, so "/\\host/x.js" leads to
                # another host, an attack's AY9)
                parts = urlsplit(href.replace("\\", "/"))
            except ValueError as exc:  # "http://[::1": a host no browser can read either
                checked += 1
                broken.append(BrokenLink(page, href, f"is not an address that can be read ({exc})"))
                continue
            if parts.scheme:
                continue  # external (http, mailto, ...): not ours to check offline
            checked += 1  # (every link found broken is one checked: "6 checked, 7 broken" said both, BE5)
            if parts.netloc:
                # "//evil.example/…": a host the page's own scheme reaches, never a page of this site (a site_url
                # of "https://owner.github.io//evil.example/" made the 404 page load its scripts there: AW1)
                broken.append(BrokenLink(page, href, "leads to another host with no scheme ('//host/…'): a link "
                                                     "of the site's own is relative, and one to another host starts "
                                                     "with https://"))
                continue
            target: str | None = page
            if parts.path:
                path = unquote(parts.path)
                if path.startswith("/"):  # root-relative (as in 404.html): read where the site is published
                    if not (path + ("" if path.endswith("/") else "/")).startswith(base_path):
                        broken.append(BrokenLink(page, href, f"points outside the site (published at {base_path})"))
                        continue
                    path = "/" + path[len(base_path):]
                base = "" if path.startswith("/") else posixpath.dirname(page)
                joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")) or ".")
                if joined.startswith("../") or joined == "..":
                    broken.append(BrokenLink(page, href, "points outside the site"))
                    continue
                target = _resolve(site_dir, joined, parts.path.endswith("/"))
                if target is None:
                    broken.append(BrokenLink(page, href, "points to a page that does not exist"))
                    continue
            anchor = unquote(parts.fragment)
            if anchor and target in pages and anchor not in pages[target].ids:
                broken.append(BrokenLink(page, href,
                                         f"points to an anchor '#{clipped(anchor)}' that is not on {target}"))
    return checked, sorted(broken)


def _resolve(site_dir: Path, path: str, is_dir: bool) -> str | None:
    """The page a link's path leads to, or None. A path no file can have (a name longer than the system allows,
    a NUL byte from ``%00``) leads nowhere: it is that link's problem, not the whole check's (an attack's
    5,009-letter link name stopped the check with "File name too long")."""
    candidate = site_dir / path
    try:
        if not is_dir and candidate.is_file():
            return path
        if (candidate / "index.html").is_file():
            return posixpath.join(path, "index.html") if path != "." else "index.html"
    except (OSError, ValueError):
        return None
    return None
