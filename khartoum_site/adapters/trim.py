"""What the published site leaves out of an engine's output: files no reader's browser asks for, and
the blank space the theme's templates leave in every page.

``khartoum-site build`` calls :func:`trim` on every engine's output, before the link check, so the
check sees the site as it is published. Two kinds of file go:

- **Source maps** (``*.map``): the theme ships them for its own developers' tools; a page never
  loads one. The comment that names the map at the end of a script or stylesheet goes with it, so a
  browser's developer tools do not ask for a file that is not there.
- **Search language files** the site does not use: Material's search worker loads files from
  ``assets/javascripts/lunr/`` only for the languages of the search index (``search_language_files``
  follows its rules: English needs none of them). When the index cannot be read, they are all kept.

Zensical ships neither.

In every HTML page, each run of blank space between tags or words becomes one character: a line break
if the run held one, else a space (:func:`collapse_spaces`); a line break between the tags of two blocks
(``</li>`` and ``<li>``, ``</div>`` and ``<script>``) goes altogether. A browser shows such a run as one space or
none, so a page looks and reads the same; the theme's templates indent every line of the navigation,
header and footer, which repeated on every page weighed more than the pages' own text. Text whose
spaces are shown or read as written (``pre``, ``code``, ``textarea``, scripts, styles, titles) and
everything inside a tag (attribute values) are kept byte for byte.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

SEARCH_INDEX = "search/search_index.json"  # MkDocs' search plugin; its "config" names the languages
LUNR = "assets/javascripts/lunr"
# One piece of a page at a time: an element whose spaces count (kept whole), a tag or comment (kept), or a
# run of two or more of HTML's blank characters (a no-break space is not one: it is shown as written).
_PAGE_PIECE = re.compile(
    rb"""(<(pre|textarea|script|style|code|kbd|samp|title)\b(?:[^>"']|"[^"]*"|'[^']*')*>.*?</\2\s*>)
        |<!--.*?-->
        |<(?:[^>"']|"[^"]*"|'[^']*')*>
        |([ \t\n\f\r]{2,}|\n)""", re.DOTALL | re.IGNORECASE | re.VERBOSE)
# Elements that start and end a block of their own (or are never drawn): a line break between two of their tags
# is never shown, in any flow a page's style gives them (a run between a word or an inline element and a block
# is kept, though it is not shown either: a word beside it would be joined to the next one if it went).
_BLOCK_TAGS = frozenset(b"""html head body meta link title script style noscript template div nav main header footer
    article aside section form ul ol li dl dt dd table caption thead tbody tfoot tr th td p h1 h2 h3 h4 h5 h6 hr
    blockquote figure figcaption details summary pre""".split())
_TAG_NAME = re.compile(rb"</?([a-zA-Z][a-zA-Z0-9]*)")
_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=(\S+)|/\*# sourceMappingURL=(\S+?)\s*\*/)\s*\Z")


@dataclass(frozen=True)
class Removed:
    """What one kind of removal took out of a built site."""

    what: str
    files: int
    bytes: int

    def __str__(self) -> str:
        return f"{self.files} {self.what} ({self.bytes:,} bytes)"


def search_language_files(languages: list[str]) -> set[str]:
    """The files under ``assets/javascripts/lunr/`` that Material's search worker (9.x) loads for these
    languages of the search index: a segmenter for Japanese, Hindi and Thai, a stemmer for each language
    but English, the multi-language support for more than one, and the support they all need."""
    needed: set[str] = set()
    for language in languages:
        if language == "ja":
            needed.add("tinyseg.js")
        elif language in ("hi", "th"):
            needed.add("wordcut.js")
        if language != "en":
            needed.add(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def search_languages(site: Path) -> list[str] | None:
    """The languages of the built search index, or None when there is none to read."""
    try:
        languages = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))["config"]["lang"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(languages, list) or not all(isinstance(code, str) for code in languages):
        return None
    return languages


def _remove(files: list[Path], what: str, site: Path) -> Removed:
    """Remove ``files``, and the folders of the site that this leaves empty."""
    size = 0
    for path in files:
        size += path.stat().st_size
        path.unlink()
    for folder in sorted({path.parent for path in files}, key=lambda p: len(p.parts), reverse=True):
        while folder != site and folder.is_relative_to(site) and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return Removed(what, len(files), size)


def _drop_map_comment(path: Path) -> None:
    content = path.read_bytes()
    tail = content[-512:]  # the comment is the file's last line
    found = _MAP_COMMENT.search(tail)
    if found is not None and (found.group(1) or found.group(2) or b"").endswith(b".map"):
        path.write_bytes(content[: len(content) - len(tail) + found.start()])


def _block_tag(tag: bytes) -> bool:
    name = _TAG_NAME.match(tag)
    return name is not None and name.group(1).lower() in _BLOCK_TAGS


def _one_blank(piece: re.Match[bytes]) -> bytes:
    blank = piece.group(3)
    if blank is None:
        return piece.group(0)
    if b"\n" not in blank:
        return b" " if len(blank) > 1 else blank
    page, start, end = piece.string, piece.start(), piece.end()
    if start and page[start - 1:start] == b">" and page[end:end + 1] == b"<" \
            and _block_tag(page[page.rfind(b"<", 0, start):start]) and _block_tag(page[end:end + 12]):
        return b""  # between two blocks' tags: the theme's line breaks, one a line on every page
    return b"\n"


def collapse_spaces(page: bytes) -> bytes:
    """``page`` (HTML) with each run of blank space between tags or words as one line break or space, and none
    between the tags of two blocks."""
    return _PAGE_PIECE.sub(_one_blank, page)


def _collapse_pages(site: Path) -> Removed:
    pages = sorted(p for p in site.rglob("*.html") if p.is_file() and not p.is_symlink())
    saved = 0
    for page in pages:
        before = page.read_bytes()
        after = collapse_spaces(before)
        if len(after) < len(before):
            page.write_bytes(after)
            saved += len(before) - len(after)
    return Removed("HTML pages' blank space, each run made one space or line break", len(pages), saved)


def trim(site: Path) -> list[Removed]:
    """Remove the source maps and the unused search language files from a built site, and the runs of blank
    space from its pages; say what went."""
    maps = sorted(p for p in site.rglob("*.map") if p.is_file() and not p.is_symlink())
    for named in {p.with_suffix("") for p in maps}:  # bundle.min.js.map was named by bundle.min.js
        if named.is_file() and named.suffix in (".js", ".css"):
            _drop_map_comment(named)
    removed = [_remove(maps, "source maps", site)]
    languages = search_languages(site)
    lunr = site / LUNR
    if languages is not None and lunr.is_dir():
        needed = search_language_files(languages)
        unused = sorted(p for p in lunr.rglob("*") if p.is_file() and p.relative_to(lunr).as_posix() not in needed)
        removed.append(_remove(unused, "search language files", site))
    removed.append(_collapse_pages(site))
    return [r for r in removed if r.files and r.bytes]
