"""What the published site leaves out of an engine's output: files no reader's browser asks for.

``khartoum-site build`` calls :func:`trim` on every engine's output, before the link check, so the
check sees the site as it is published. Two kinds of file go:

- **Source maps** (``*.map``): the theme ships them for its own developers' tools; a page never
  loads one. The comment that names the map at the end of a script or stylesheet goes with it, so a
  browser's developer tools do not ask for a file that is not there.
- **Search language files** the site does not use: Material's search worker loads files from
  ``assets/javascripts/lunr/`` only for the languages of the search index (``search_language_files``
  follows its rules: English needs none of them). When the index cannot be read, they are all kept.

Zensical ships neither; its output is left as it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

SEARCH_INDEX = "search/search_index.json"  # MkDocs' search plugin; its "config" names the languages
LUNR = "assets/javascripts/lunr"
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


def trim(site: Path) -> list[Removed]:
    """Remove the source maps and the unused search language files from a built site; say what went."""
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
    return [r for r in removed if r.files]
