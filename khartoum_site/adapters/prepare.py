"""What the site adds to a documentation build, prepared once for every engine.

Two ways into an engine share this one implementation:

- an engine that runs Python plugins (MkDocs, ProperDocs) gets it through the ``khartoum`` plugin
  (``plugin.py``), which calls these functions from its hooks;
- an engine that runs none (Zensical) gets it as files: :func:`prepare` merges the hand-written pages
  and the generated ones into one tree, with every ``[[key]]`` resolved, each generated page's edit
  link in its front matter, and the redirects, inventories, downloads and map beside them, and
  :class:`Tree` writes that tree to disk, touching only the files whose content changed.

Either way the same things are checked: the data and the published URLs (:func:`make`), no
hand-written file at a generated file's place (:func:`shadowed`), and every reference (the same
warning, at the same line, for an unknown key: :func:`resolve`).
"""

from __future__ import annotations

import functools
import html
import importlib.util
import math
import os
import posixpath
import re
import shutil
import string
import tempfile
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from khartoum_site import escape
from khartoum_site.escape import front_matter_value, terminal_text, unseen, url_path
from khartoum_site.outputs import pageset, stored
from khartoum_site.outputs.pageset import PageSet, make_page_set
from khartoum_site.record import history, validate
from khartoum_site.record.fields import character_name
from khartoum_site.record.problems import DataError
from khartoum_site.site.gate import checked_record
from khartoum_site.site.pages import Page, as_at
from khartoum_site.site.references import resolve_references

# Front matter as MkDocs reads it (mkdocs.utils.meta.YAML_RE); Zensical reads the same block.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # MkDocs' own list
EDIT_URL_KEY = "khartoum_edit_url"
"""Front-matter key of a generated page in a prepared tree: its edit link (empty: none)."""


@dataclass(frozen=True)
class Options:
    """What the preparation needs to know of the site, whichever engine reads its configuration."""

    data_dir: Path
    site_name: str
    site_url: str | None = None
    edit_url: str | None = None  # the plugin's edit_url: a URL with {path} and {line}
    config_dir: Path = Path()  # where the configuration file is: edit paths are relative to it
    cache_dir: Path | None = None  # where page sets are kept between builds (``stored``); None: made each time
    # the containers other than list items the Markdown extensions make (references.container_kinds); None: every one
    containers: frozenset[str] | None = None


CACHE_DIR = Path(".cache") / "khartoum-site"
"""Where a project keeps its page sets between builds, relative to its configuration file (beside the
``.cache/plugin/`` of Material's plugins): a folder the build owns, neither ``data/`` nor ``docs/``."""


def make(options: Options, kept: pageset.Kept | None = None) -> PageSet:
    """Load and check the data and the published URLs; the page set. Raises ``DataError``.

    With ``options.cache_dir``, a page set made before from the same inputs is reused (``stored``). With
    ``kept`` (a server's), only the pages that read what changed since its page set are made again."""
    changed = pageset.data_date(options.data_dir)

    def made() -> PageSet:
        record = checked_record(options.data_dir)
        return make_page_set(record, options.data_dir, options.site_name, options.site_url, changed, kept,
                             _basis(options) if kept is not None else ())

    # A server writes the page set it made whole (its first), not each one an edit made again in part: writing
    # one is a seventh of such a rebuild's own time, and a build after the server makes its own.
    return stored.page_set(options.data_dir, options.site_name, options.site_url, options.cache_dir, changed, made,
                           lambda: kept is None or kept.made_again is None)


def _basis(options: Options) -> tuple[object, ...]:
    """What a server's pages are made with besides the record: the code, the data folder and the working folder
    (messages and edit links name files relative to it). What cannot be read is a value equal to none before,
    so every page is made again."""
    try:
        folders: object = (os.getcwd(), str(options.data_dir.absolute()))
    except OSError:
        folders = object()
    return (stored.package_digest() or object(), folders)


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild gives the engine: the pages to show, and, when the data is bad under a server, the
    terminal's report and the banner every page carries (both empty while the data is good)."""

    page_set: PageSet
    report: str = ""
    banner: str = ""


class Rebuilds:
    """The one rebuild policy, for the plugin and for an engine without plugins alike.

    A build, and the first preparation of a server, stop on bad data (``DataError``): there is no good site
    to show. Later rebuilds of a server keep the last good page set and say on every page that it is not the
    data's, since failing them would leave the server answering nothing until the data is fixed.
    What is rebuilt is decided by content, not here: an unchanged data file is not checked again
    (``record/validate.py``), an unchanged map is not drawn again (``pageset.py``).
    """

    def __init__(self, serving: bool = False) -> None:
        self.serving = serving
        self.last_good: PageSet | None = None
        self.kept = pageset.Kept()  # a server's last pages and what each read: the next rebuild reuses them

    def rebuild(self, options: Options) -> Rebuilt:
        try:
            page_set = make(options, self.kept if self.serving else None)
        except DataError as exc:
            if not self.serving or self.last_good is None:
                raise
            return Rebuilt(self.last_good, serving_report(exc), problems_banner(exc))
        except Exception as exc:  # what no check foresaw: a server keeps the last good pages, as for bad data
            if not self.serving or self.last_good is None:
                raise
            # (a twentieth attack's edits that stopped the map left the server answering nothing, "stuck")
            said = escape.clipped(terminal_text(f"{type(exc).__name__}: {exc}"), 300)
            return Rebuilt(self.last_good, f"The rebuild stopped on an error no check foresaw ({said}); serving the "
                           "pages of the last good data until the next edit",
                           '<div class="admonition danger khartoum-data-problems" role="alert">\n'
                           '<p class="admonition-title">The rebuild stopped on an error: these pages show the last '
                           f"good data</p>\n<p>{html.escape(said)}</p>\n</div>\n")
        self.last_good = page_set if self.serving else None
        return Rebuilt(page_set)


def generated(page_set: PageSet) -> dict[str, tuple[str, str | bytes]]:
    """Every generated page and file, by path under the docs folder: (what it is, its content)."""
    found: dict[str, tuple[str, str | bytes]] = {
        path: (f"generated page '{page.title}'", page.markdown) for path, page in page_set.pages.items()}
    found.update({path: (f"generated file '{path}'", content) for path, content in page_set.files.items()})
    return found


SPILL_FROM = 8 << 20
"""The size of the generated pages and files (bytes or characters) from which a one-shot build writes them out
(``Spill``): at the real record's 3 MB, writing its 470 files took a tenth of its build (0.3 s of 3.7 s, in a
system temporary folder of this machine) and kept 3 MB less; at ten times the record, they are 30 MB."""
SPILL_FROM_ENV = "KHARTOUM_SITE_SPILL_FROM"
"""Another size from which to write them out, in bytes, if set (0: always)."""
SPILL_DIR_ENV = "KHARTOUM_SITE_SPILL_DIR"
"""Where a build's generated pages and files are written for the engine to read (``Spill``), if set."""


def spills(generated: Mapping[str, tuple[str, str | bytes]]) -> bool:
    """Whether a one-shot build writes ``generated`` out for the engine to read (``SPILL_FROM``)."""
    given = os.environ.get(SPILL_FROM_ENV, "")
    limit = int(given) if given.isdigit() else SPILL_FROM
    return sum(len(content) for _what, content in generated.values()) >= limit


class Spill:
    """The generated pages and files of a one-shot build, written to a temporary folder that the engine reads
    them from, as it reads the hand-written pages from the docs folder.

    Handed over as text, every page's Markdown stayed in memory, in the page set, for the whole build, beside
    the copy the engine makes of it while it renders (at 10 times the record: 26 MB more at the build's
    highest memory). Written out, the build needs only :func:`handed_over` of the page set afterwards.
    """

    def __init__(self) -> None:
        # In the folder `khartoum-site build` names, which it removes once the engine is gone, even killed;
        # else in the system's temporary folder. Either way a new folder of this user's only (0700).
        parent = os.environ.get(SPILL_DIR_ENV) or None
        self.folder: Path | None = Path(tempfile.mkdtemp(prefix="khartoum-generated-",
                                                         dir=parent if parent and os.path.isdir(parent) else None))

    def sources(self, page_set: PageSet) -> Iterator[tuple[str, str | bytes | Path]]:
        """Every generated page and file by its path under the docs folder: the file it was written to, or,
        for a page an engine would read back otherwise than written, its text itself."""
        assert self.folder is not None, "the spill was removed"
        root = self.folder.resolve()
        made = {root}  # the folders made so far: one mkdir each, not one per file (a tenth of a second)
        for path, (_what, content) in generated(page_set).items():
            if isinstance(content, str):
                if "\r" in content:  # read back as a text file, a carriage return would end a line
                    yield path, content
                    continue
                try:
                    content = content.encode("utf-8")
                except UnicodeEncodeError:  # a lone surrogate: kept as the engine had it before
                    yield path, content
                    continue
            # (the folder is this process's own, new, 0700, and holds no link: a path stays in it unless it is
            # absolute or climbs out)
            if os.path.isabs(path) or ".." in Path(path).parts:
                raise ValueError(f"refusing to write {path}: outside {root}")
            target = root / path
            try:
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_bytes(content)
            except OSError as exc:
                if exc.filename is not None:
                    raise
                raise OSError(exc.errno, exc.strerror, str(target)) from exc  # a full disk: say where
            yield path, target

    def remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def handed_over(page_set: PageSet) -> PageSet:
    """The page set as a build needs it once the engine has its pages and files: the pages' titles and origins
    (their edit links), the entries and aliases (references in hand-written pages) and the date, without
    the pages' Markdown (left empty) and the files."""
    pages = {path: Page(page.path, page.title, "", page.origin) for path, page in page_set.pages.items()}
    return PageSet(pages, {}, page_set.entries, page_set.aliases, page_set.data_date)


def _places(path: str) -> list[str]:
    """Where a hand-written file takes the place of the generated page or file at ``path``."""
    # A page written as Markdown lands at folder/index.html too (x.md, x/index.md, x/README.md): at the place
    # of an old address's redirect it took that redirect's place without a word (found by an attack).
    # A generated page (states/italy.md) is published at the same address as states/italy/index.md would be:
    # MkDocs dropped the hand-written one without a word (a fifteenth attack).
    if path.endswith("/index.html"):
        folder: str | None = path.removesuffix("/index.html")
    elif path.endswith(("/index.md", "/README.md")):
        folder = path.rsplit("/", 1)[0]
    elif path.endswith(".md") and path not in ("index.md", "README.md"):
        folder = path.removesuffix(".md")
    else:
        folder = None
    return [path, *([f"{folder}{suffix}" for suffix in MARKDOWN_SUFFIXES] +
                    [f"{folder}/{name}{suffix}" for name in ("index", "README") for suffix in MARKDOWN_SUFFIXES]
                    if folder else [])]


def _may_shadow(page_set: PageSet, written: Iterable[str]) -> bool:
    """Whether one of the hand-written files ``written`` is at the place of a generated page or file: asked of
    the few hand-written files, not of every generated path (a server asks on every rebuild)."""
    for path in written:
        folders = [path.removesuffix(f"{name}{suffix}") for name in ("", "/index", "/README")
                   for suffix in MARKDOWN_SUFFIXES if path.endswith(f"{name}{suffix}")]
        for place in [path, *(f"{folder}{end}" for folder in folders
                              for end in ("/index.html", "/index.md", "/README.md", ".md"))]:
            if (place in page_set.pages or place in page_set.files) and path in _places(place):
                return True
    return False


def shadowed(page_set: PageSet, hand_written: Callable[[str], bool], docs_dir: Path,
             written: Iterable[str] | None = None) -> str | None:
    """The refusal when a hand-written file sits at a generated file's place; None when none does.

    ``written``, if given: every hand-written file (``hand_written`` says whether a path is one of them)."""
    found = generated(page_set).items() if written is None or _may_shadow(page_set, written) else {}.items()
    for path, (what, _content) in found:
        for place in _places(path):
            if hand_written(place):
                return terminal_text(f"{Path(docs_dir, place)} is a hand-written file at the place of the {what}. "
                                     "Rename or move the hand-written file; a generated one never replaces it "
                                     "silently.")
    # What the engine writes itself, after the pages: a hand-written file there was replaced without a word (a
    # twentieth attack's docs/sitemap.xml, docs/404.html and search index).
    for place, what in ENGINE_FILES.items():
        if hand_written(place):
            return terminal_text(f"{Path(docs_dir, place)} is a hand-written file at the place of {what}, which an "
                                 "engine writes itself and would replace it with. Rename or move the hand-written "
                                 "file.")
    return None


ENGINE_FILES = {"sitemap.xml": "the sitemap", "sitemap.xml.gz": "the compressed sitemap",
                "404.html": "the page for an address that is not found",
                "search/search_index.json": "the search index", "search.json": "Zensical's search index"}


EDIT_URL_FIELDS = ("path", "line")


def edit_url_problem(template: str) -> str | None:
    """What is wrong with an ``edit_url`` template, or None: it may name only ``{path}`` and ``{line}``, and
    filled in, it must be an http or https address that needs no escaping in a page (``escape.link_url``
    leaves it as it is), since the theme puts it into an attribute as it is."""
    try:
        parts = [(name, spec) for _text, name, spec, _conv in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:  # a lone brace
        return f"{exc} (write a literal brace as {{{{ or }}}}); use {{path}} and {{line}}"
    fields = [name for name, _spec in parts]
    # A format or a conversion ({path:"<15}, {line:>100000000000}, {path!r}) pads, widens or quotes what the
    # check's example path does not show (a thirteenth attack padded the real, shorter paths with quotes that
    # closed the link's attribute; an earlier one asked for a width that exhausted memory).
    formatted = [f"{{{name}:{spec}}}" for name, spec in parts if spec] + \
        [f"{{{name}!{conv}}}" for _text, name, _spec, conv in string.Formatter().parse(template) if conv]
    if formatted:
        return terminal_text(f"the placeholder {formatted[0]} has a format or a conversion; write {{path}} and "
                             "{line} alone")
    unknown = [name for name in fields if name not in EDIT_URL_FIELDS]
    if unknown:  # as typed in mkdocs.yml: shown inert on the terminal
        return terminal_text(f"unknown placeholder {{{unknown[0]}}}: an edit link knows only {{path}} (the data "
                             "file, relative to mkdocs.yml) and {line} (the record's line)")
    try:
        example = template.format(path="data/states.yml", line=1)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError) as exc:
        return terminal_text(f"cannot be filled in ({exc}); use {{path}} and {{line}}")
    try:
        split = urllib.parse.urlsplit(example)
    except ValueError as exc:
        return terminal_text(f"filled in, it is not an address that can be read ({exc}): {example!r}")
    if split.scheme.lower() not in ("http", "https"):
        return f"must be an http or https address; filled in, it gives {example!r}"
    if not split.hostname or "@" in split.netloc:
        # https:evil.x/… is read by a browser as a path on the site itself; a user name and password would be
        # published on every page (a fifteenth attack)
        return (f"must be an http or https address with a host and without a user name or password; filled in, it "
                f"gives {example!r}")
    if re.search("%(?![0-9A-Fa-f]{2})|%00", example):
        return f"holds a '%' that starts no escape of two hexadecimal digits, or '%00'; filled in, it gives {example!r}"
    if escape.link_url(example) != example:
        return (f"holds characters an address cannot carry as they are (a space, a quote, an angle bracket, a "
                f"non-ASCII letter); filled in, it gives {example!r}: percent-encode them")
    return None


def site_url_problem(site_url: str | None) -> str | None:
    """What is wrong with ``site_url`` for this site, or None: the site's own address, which the pages, the
    citations, the feed and the inventory name, is an http or https address without a query or fragment,
    that needs no escaping (MkDocs itself accepts any scheme with a host, ``javascript://x/`` included)."""
    if not site_url:
        return None
    if not site_url.isascii():  # a letter to percent-encode, or bytes that are not UTF-8 (read as surrogates)
        return (f"holds characters an address cannot carry as they are (a non-ASCII letter, or bytes that are "
                f"not UTF-8): percent-encode them; it is {terminal_text(ascii(site_url))}")
    try:
        parts = urllib.parse.urlsplit(site_url)
    except ValueError as exc:  # "https://[::1": a host that cannot be read
        return f"is not an address that can be read ({exc}); it is {terminal_text(ascii(site_url))}"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return (f"must be an http or https address with a host, such as https://owner.github.io/repo/; it is "
                f"{site_url!r}")
    if parts.query or parts.fragment:
        return f"is the address of the site's folder: it cannot have a query or a fragment; it is {site_url!r}"
    if "@" in parts.netloc:  # every citation, robots.txt and ids.json would publish the password
        return (f"holds a user name or password before its host, which every citation and download would publish: "
                f"give the address without it; it is {terminal_text(ascii(site_url))}")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or not parts.hostname:  # port 0, or https://:80/: no address a reader can open
        return f"has a port that is not a number from 1 to 65535, or no host; it is {site_url!r}"
    if ":" in parts.hostname:
        # (its brackets were then said to need percent-encoding, an attack's AY7)
        return f"has an IPv6 address for its host, which the site's links cannot carry: give its host name; it is " \
               f"{site_url!r}"
    # (the last may be empty: the folder's trailing slash; read unescaped, as a browser reads "%2e%2e": D5)
    segments = urllib.parse.unquote(parts.path).split("/")[1:]
    if any(segment in ("", ".", "..") for segment in segments[:-1]) or segments[-1:] in (["."], [".."]):
        # "https://owner.github.io//evil.example/": the 404 page, which links from the root, loaded its scripts from
        # the host "evil.example" ("//…" is an address on another host), and the link check took them for external
        # (an attack's AW1)
        return (f"holds an empty segment ('//') or a '.' or '..' segment in its path, which makes the site's links "
                f"point elsewhere; give the folder's address, such as https://owner.github.io/repo/; it is "
                f"{site_url!r}")
    if re.search("%(?![0-9A-Fa-f]{2})|%00", site_url):
        # every page's canonical link, the feed and ids.json carried it; a reader's tool may end the address at %00
        return (f"holds a '%' that starts no escape of two hexadecimal digits, or '%00' (write '%25' for a percent "
                f"sign); it is {site_url!r}")
    if escape.link_url(site_url) != site_url:
        return (f"holds characters an address cannot carry as they are (a space, a quote, an angle bracket, a "
                f"non-ASCII letter): percent-encode them; it is {site_url!r}")
    return None


def site_name_problem(site_name: str) -> str | None:
    """What is wrong with ``site_name``, or None: every page, the feed, the citations and the inventory's
    header name the site, so the name is one line of text that each of them can carry (no control character
    or line break, nothing XML refuses, no bytes that are not UTF-8)."""
    bad = next((c for c in site_name if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")), None)
    if bad is None:
        bad = escape.xml_refused(site_name)
    if bad is not None:
        return (f"holds the character {terminal_text(ascii(bad))}, which a page, the feed or the inventory cannot "
                "carry: remove it")
    # The theme writes the name into every page's title, header and attributes as it is: a tag or a quote there
    # would be live markup; a bidirectional or invisible character would change how it reads.
    hidden = re.search(f"[<>\"{escape.BIDI_CONTROLS}\ufeff{escape.INVISIBLE}]", site_name)
    if hidden is not None:
        return (f"holds the character {terminal_text(ascii(hidden.group()))}, which the theme would write into "
                "every page as it is (as markup, or unseen): remove it")
    if reference := re.search(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);", site_name):
        # The theme writes the name as it is, so a page shows the character the reference stands for, while the
        # feed, the inventory and the citations escape it and show the reference: two names for one site.
        return (f"holds the character reference {terminal_text(reference.group())}, which the pages would show as "
                "the character it stands for and the feed and citations as written: write the character itself")
    if not site_name.strip():
        return "is empty: every page, citation and the feed name the site; give it a name"
    if len(site_name) > SITE_NAME_MAX:
        return (f"is {len(site_name):,} characters long: every page, citation and the feed repeat it; give a name of "
                f"at most {SITE_NAME_MAX} characters")
    return None


SITE_NAME_MAX = 200


def edit_url(page: Page, template: str | None, config_dir: Path) -> str | None:
    """Where a generated page's edit button leads: its data file at the record's line, or nowhere."""
    if not template or page.origin is None:
        return None
    path = os.path.relpath(Path(page.origin.file).resolve(), config_dir.resolve())
    # escaped for the attribute the theme writes it into as it is, whatever the template held
    return escape.link_url(template.format(path=url_path(Path(path).as_posix()), line=page.origin.line))


@functools.lru_cache(maxsize=256)  # (a server asks again of every hand-written page on each rebuild)
def front_matter_titles(head: str) -> bool:
    """Whether a page's front matter (with its fences) gives its title: read as YAML, as MkDocs reads it (a regex over
    its lines took a quoted value's second line "title: fake" for a title, a twenty-second attack)."""
    import yaml

    fenced = _FRONT_MATTER.match(head)
    try:
        meta = yaml.safe_load(fenced.group(1)) if fenced else None
    except (yaml.YAMLError, ValueError, RecursionError):  # (ValueError: a number longer than Python reads, D7-19)
        return False
    return isinstance(meta, dict) and "title" in meta




def resolve(markdown: str, src_uri: str, page_set: PageSet, shown: str, line_offset: int = 0,
            titled: bool = True, containers: frozenset[str] | None = None) -> tuple[str, list[str]]:
    """A hand-written page's Markdown (front matter removed) with ``[[key]]`` references resolved,
    and a warning for each unknown key, at its line in the file (``line_offset``: front matter lines).
    ``titled``: the front matter gives the page's title (else a reference in its first heading is refused)."""
    resolved, unknown = resolve_references(markdown, src_uri, page_set.entries, page_set.aliases, titled, containers)
    return resolved, [reference.message(shown, line_offset) for reference in unknown]


class References:
    """A server's hand-written pages with their references resolved, kept between rebuilds: a page's Markdown is
    resolved again only when it changed, or when the page set's entries or aliases are other objects than those
    it was resolved against (a server's page set keeps the very objects while no key, address, title or preview
    changed: ``pageset.make_page_set``). One result is kept per page and call (its path, name, line offset)."""

    def __init__(self) -> None:
        self.against: tuple[object, object] | None = None
        self.found: dict[tuple[str, str, int, bool, frozenset[str] | None], tuple[str, str, list[str]]] = {}

    def resolve(self, markdown: str, src_uri: str, page_set: PageSet, shown: str, line_offset: int = 0,
                titled: bool = True, containers: frozenset[str] | None = None) -> tuple[str, list[str]]:
        """As :func:`resolve`."""
        against = self.against
        if against is None or against[0] is not page_set.entries or against[1] is not page_set.aliases:
            self.against, self.found = (page_set.entries, page_set.aliases), {}
        key = (src_uri, shown, line_offset, titled, containers)
        before = self.found.get(key)
        if before is None or before[0] != markdown:
            before = markdown, *resolve(markdown, src_uri, page_set, shown, line_offset, titled, containers)
            self.found[key] = before
        return before[1], list(before[2])


def with_as_at(markdown: str, page_set: PageSet) -> str:
    """A hand-written page's Markdown ending, as every generated page ends, with the date of the data."""
    return markdown + as_at(page_set.data_date)


THEME_DIR = Path(__file__).parent / "theme"
"""The templates the site adds to its theme: each page's head tags (``site/head.py``) and the feed's link.
An engine finds them after the project's own ``custom_dir``, before the theme's own templates."""

MATERIAL_ONLY = ("partials/search.html", "partials/palette.html", "partials/javascripts/base.html",
                 "partials/javascripts/content.html", "partials/nav.html", "partials/toc-item.html")
"""The site's templates that replace markup of Material for MkDocs 9 with lighter markup its script fills in
(the search dialog, the colour scheme switch) or none (inline helpers the cached script defines, a content-tab
step for pages without tabs), and the navigation and table of contents with less markup (no logo link in the
drawer's title, no span around each entry of the table of contents). Zensical's theme draws these parts
differently (its own search, its own helpers): it keeps its own."""


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter block with its fences, or "", the rest), as MkDocs splits a page."""
    match = _FRONT_MATTER.match(text)
    return (text[: match.end()], text[match.end():]) if match else ("", text)


def _count(error: DataError) -> str:
    return f"{error.count} problem{'s' if error.count != 1 else ''}"


def serving_report(error: DataError) -> str:
    """What the terminal of a development server shows when a rebuild keeps the last good data."""
    head = f"The data has {_count(error)}; serving the pages of the last good data until it is fixed:"
    return "\n".join([head, *error.report().split("\n")[1:]])


def problems_banner(error: DataError) -> str:
    """The banner put at the top of every page while a development server shows the last good data: the
    problems listed as ``check`` lists them (at most ``MAX_PER_FILE`` a file, the others counted).

    The problems quote the data, which anyone may have typed anything into: all of it is escaped.
    """
    items = "".join(f"<li>{html.escape(line.strip())}</li>\n" for line in error.report().split("\n")[1:])
    return (
        '<div class="admonition danger khartoum-data-problems" role="alert">\n'
        f'<p class="admonition-title">The data has {_count(error)}: '
        "these pages show the last good data</p>\n"
        "<p>Fix the data files as listed; the pages are rebuilt from them once the data is good again.</p>\n"
        f"<ul>\n{items}</ul>\n"
        "</div>\n"
    )


def folder_identity(folder: str | Path) -> tuple[int, int] | None:
    """A folder's device and inode, None if it is gone. Watchdog drops a folder's watch when the folder
    goes (deleted and restored, a checkout): a new identity says its watch must be made again."""
    try:
        found = os.stat(folder)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def references_banner(warnings: list[str]) -> str:
    """The banner a development server puts at the top of a hand-written page whose ``[[key]]`` references
    name no record (a build fails on them instead). Escaped: a reference is whatever was typed."""
    items = "".join(f"<li>{html.escape(w)}</li>\n" for w in warnings)
    return ('<div class="admonition danger khartoum-reference-problems" role="alert">\n'
            f'<p class="admonition-title">This page has {len(warnings)} unknown reference'
            f'{"s" if len(warnings) != 1 else ""}: a build would stop here</p>\n'
            f"<ul>\n{items}</ul>\n</div>\n")


# --- the prepared tree, for engines without Python plugins ----------------------------------------------

class Shadowed(Exception):
    """A hand-written file at a generated file's place; the message says which and what to do."""


def is_markdown(path: str) -> bool:
    return path.lower().endswith(MARKDOWN_SUFFIXES)


def _docs_paths(docs_dir: Path) -> Iterator[tuple[str, Path]]:
    """The files an engine publishes from ``docs_dir``, as MkDocs chooses them: none whose name or
    folder starts with a dot, and nothing under the top-level ``templates/``."""
    for folder, subfolders, names in os.walk(docs_dir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        relative = Path(folder).relative_to(docs_dir).as_posix()
        if relative == "templates" or relative.startswith("templates/"):
            continue
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(folder, name)
                yield (name if relative == "." else f"{relative}/{name}"), path


def written_site_url(config: object) -> object:
    """``site_url`` as the configuration file writes it (``!ENV`` read), before MkDocs reads it as an address:
    reading it drops a line break or a tab, so that ``SITE_URL`` holding one published the site at another
    address. None when the file cannot be read again (MkDocs has read it already and says what is wrong)."""
    path = getattr(config, "config_file_path", None)
    if not path:
        return None
    try:
        from mkdocs.utils.yaml import yaml_load  # the engine's own reader: the same !ENV and INHERIT

        with open(path, encoding="utf-8-sig") as stream:
            written = yaml_load(stream)
    except Exception:  # any failure here is MkDocs' to report, and it has read the file
        return None
    return written.get("site_url") if isinstance(written, dict) else None


def settings_problem(site_url: str | None, site_name: str, docs_dir: Path, custom_dir: str | None = None,
                     written_url: object = None, project: Path | None = None) -> str | None:
    """The first of the site's settings that stops a build, said in one line, or None: its address, its name,
    its docs folder and the theme's custom_dir (whose files an engine publishes as it publishes the docs
    folder's), as every engine and the plugin check them before anything is built. ``written_url`` is
    ``site_url`` as written (``written_site_url``); ``project``: the folder of the settings file."""
    if isinstance(written_url, str) and any(c < " " or c == "\x7f" for c in written_url):
        return (f"site_url holds a control character (a line break or a tab), which MkDocs drops as it reads the "
                f"address: the site would be published at another one; it is {terminal_text(written_url)}")
    if problem := site_url_problem(site_url):
        return f"site_url {problem}"
    if problem := site_name_problem(site_name):
        return f"site_name {problem}"
    if os.path.realpath(docs_dir) != os.path.abspath(docs_dir):
        # An engine publishes the folder the link leads to (an attack linked docs to a folder outside the project).
        return (f"docs_dir {terminal_text(str(docs_dir))} leads through a symbolic link (to "
                f"{terminal_text(os.path.realpath(docs_dir))}): give the folder itself, in the project")
    if custom_dir and os.path.realpath(custom_dir) != os.path.abspath(custom_dir):
        # An engine publishes the files of the folder the link leads to (an attack published /outside/ov's).
        return (f"theme.custom_dir {terminal_text(custom_dir)} leads through a symbolic link (to "
                f"{terminal_text(os.path.realpath(custom_dir))}): give the folder itself, in the project")
    if custom_dir and project is not None and not Path(os.path.realpath(custom_dir)).is_relative_to(
            project.resolve()) and Path(os.path.realpath(custom_dir)) != THEME_DIR.resolve():
        # An engine publishes the theme folder's files: a folder outside the project published its secret.txt (an
        # attack's AY4; through a link it was refused already)
        return (f"theme.custom_dir {terminal_text(custom_dir)} is outside the project "
                f"({terminal_text(str(project))}): an engine publishes the theme folder's files with the site; give "
                "the theme's files a folder of their own in the project, such as overrides/")
    if custom_dir is not None and Path(custom_dir).is_dir() and Path(docs_dir).resolve().is_relative_to(
            Path(custom_dir).resolve()):
        # An engine publishes the theme folder's files with the site: custom_dir '' (the project's own folder)
        # published the data, the code, the tests and any .env file beside them (an attack).
        return (f"theme.custom_dir {terminal_text(str(custom_dir) or repr(custom_dir))} is the folder "
                f"{terminal_text(os.path.realpath(custom_dir))}, which holds the docs folder (the project itself?): "
                "an engine publishes the theme folder's files with the site, so it would publish the project. Give "
                "the theme's files a folder of their own, such as overrides/, or remove custom_dir")
    if custom_dir and Path(custom_dir).is_dir() and (problem := docs_problem(Path(custom_dir))):
        return f"theme.custom_dir: {problem}"
    # What the tool keeps for itself (the key, compiled templates) must never be published: neither folder an
    # engine publishes may hold them (a thirteenth attack set custom_dir to the cache folder, then to TMPDIR).
    for name, folder in (("docs_dir", str(docs_dir)), ("theme.custom_dir", custom_dir)):
        if folder and Path(folder).is_dir() and (kept := own_files_in(Path(folder))):
            return (f"{name} {terminal_text(folder)} holds {kept}, which the tool keeps for itself: an engine "
                    "publishes that folder's files with the site; give it a folder of its own in the project")
    return docs_problem(docs_dir)


def environment_problem(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """A variable of the environment every engine reads that would end the build in a traceback, said in one line.
    ``SOURCE_DATE_EPOCH`` (a reproducible build's time) dates the sitemap's pages: MkDocs reads it with ``int()``
    and ended on 'abc' in Python's words (a fourteenth attack); a day still to come would date them falsely."""
    written = environ.get("SOURCE_DATE_EPOCH")
    if written is None:
        return None
    if not re.fullmatch("[0-9]{1,11}", written):
        return (f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (as `git log -1 --format=%ct` "
                f"prints it); it is {terminal_text(ascii(written))[:80]}: correct it, or unset it")
    import datetime as dt

    day = dt.datetime.fromtimestamp(int(written), tz=dt.timezone.utc).date()
    if day > history.latest_day_anywhere():
        return (f"SOURCE_DATE_EPOCH is {written}, {day.isoformat()}, after today: the sitemap would date every page "
                "by it; correct it, or unset it")
    return None


# Markdown extensions that rewrite plain text as they read it: a quoted paragraph or a name from the data would
# show changed on its page (curly quotes and dashes, (c) as ©, a bare address or @name made a link, $x$ read as
# mathematics, ==x== marked, ^^x^^ and ~~x~~ raised and struck), or, for snippets, a line of the data could name a
# file to include (found by a fourteenth attack). Each is named with what it does.
TEXT_REWRITING_EXTENSIONS = {
    "smarty": "turns straight quotes and dashes into typographic ones",
    "smartsymbols": "turns (c), (tm), arrows and fractions into symbols",
    "magiclink": "turns bare addresses and @names into links",
    "arithmatex": "reads text between dollar signs as mathematics",
    "snippets": "includes a file a line names",
    "mark": "marks text between == signs",
    "caret": "raises or underlines text between ^ signs",
    "tilde": "strikes or lowers text between ~ signs",
    "fancylists": "turns a line starting with a letter or a roman numeral and a dot into a list",
    "meta": "reads the first lines of a page as settings (MkDocs reads a page's front matter itself)",
}

# The Markdown extensions a site may list: those whose syntax the escaping of data text (escape.md_text) is proven
# against. tests/unit/test_extensions.py renders hostile data text through each of them, alone and all together, in
# every place a page puts data text (a paragraph, after a label, a list item, a table cell, a heading) and reads back
# the same words and no element of the text's own. Any other extension is refused until it is added here with that
# test: a refuse-list grew by one extension per attack (a nineteenth folded an event's page into a <details> from
# its description under pymdownx.blocks.details), an allow-list ends the series.
PROVEN_EXTENSIONS = frozenset({
    # Python-Markdown's own, by their short names (markdown.extensions.<name> is the same extension)
    "abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes", "legacy_attrs",
    "legacy_em", "md_in_html", "nl2br", "sane_lists", "tables", "toc", "wikilinks",
    # PyMdown Extensions, which Material's documentation uses (not pymdownx.b64: it embeds the image a page names
    # from wherever the path leads, outside docs/ and through a link out of the project, an attack's BJ3)
    "pymdownx.betterem", "pymdownx.blocks.admonition", "pymdownx.blocks.caption",
    "pymdownx.blocks.definition", "pymdownx.blocks.details", "pymdownx.blocks.html", "pymdownx.blocks.tab",
    "pymdownx.bracketspan", "pymdownx.critic", "pymdownx.details", "pymdownx.emoji", "pymdownx.escapeall",
    "pymdownx.extra", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.pathconverter",
    "pymdownx.progressbar", "pymdownx.quotes", "pymdownx.saneheaders", "pymdownx.striphtml",
    "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
})


def extension_name(written: object) -> str:
    """An extension's name as the allow-list spells it: ``markdown.extensions.toc`` and Python-Markdown's
    ``module:Class`` form (``markdown.extensions.smarty:SmartyExtension``, a sixteenth attack) read as their module."""
    module = str(written).split(":", 1)[0].strip()
    return module.removeprefix("markdown.extensions.")


def extensions_problem(extensions: object) -> str | None:
    """The first Markdown extension listed in the configuration that is not proven safe for the record's texts
    (one that would change them on their pages, or one whose syntax no test has read them through), said in one
    line, or None."""
    for written in extensions if isinstance(extensions, list) else []:
        name = extension_name(written)
        short = name.rsplit(".", 1)[-1]
        if short in TEXT_REWRITING_EXTENSIONS:
            return (f"markdown_extensions lists {terminal_text(written)}, which {TEXT_REWRITING_EXTENSIONS[short]}: "
                    "the record's texts, quoted as their sources write them, would show changed on its pages; "
                    "remove it")
        if name not in PROVEN_EXTENSIONS:
            return (f"markdown_extensions lists {terminal_text(written)}, which is not among the extensions the "
                    "record's texts are tested against: its syntax could turn a name or a quotation from the data "
                    "into markup on a page; remove it, or use one of those the README lists")
    return None


# A page with what every generated page holds (a heading, emphasis, a list, a table, a code span, a link, a footnote)
# read once with the site's extensions and options: an option of the wrong kind (toc's slugify given as a number)
# failed only while a page was rendered, in Python's words, blaming that page (a nineteenth attack).
_OPTIONS_PROBE = ("# A heading\n\nText with *emphasis*, `code` and [a link](#a-heading).[^1]\n\n- an item\n\n"
                  "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n[^1]: A note.\n")
_options_read: dict[str, str | None] = {}


def extension_options_problem(extensions: object, configs: Mapping[str, Any] | None) -> str | None:
    """What stops the site's Markdown extensions with their options from reading a page, said in one line naming
    the settings (not a page), or None; remembered per setting within one process (serve reads them each rebuild)."""
    if not isinstance(extensions, list):
        return None
    for name, options in (configs or {}).items():
        marker = options.get("marker", "[TOC]") if isinstance(options, dict) else "[TOC]"
        if extension_name(name) == "toc" and marker not in ("[TOC]", ""):
            # a paragraph that reads as the marker becomes a table of contents: a data text "Rome" did, under
            # `marker: Rome` (a twenty-first attack); "[TOC]" cannot be a data text's (its brackets are escaped)
            return (f"markdown_extensions: toc's marker is {kind_said(marker)}: a paragraph of the "
                    "record's text that reads so would become a table of contents; keep the marker [TOC], or ''")
    key = repr((extensions, configs))
    if key not in _options_read:
        import markdown  # here: the page set never imports it

        try:
            markdown.Markdown(extensions=list(extensions), extension_configs=dict(configs or {})).convert(
                _OPTIONS_PROBE)
            _options_read[key] = None
        except Exception as exc:  # any failure of an extension is the owner's setting, said as one
            said = terminal_text(f"{type(exc).__name__}: {exc}")
            _options_read[key] = (f"markdown_extensions: a page cannot be read with these extensions and their "
                                  f"options ({said[:200]}); check each extension's options")
    return _options_read[key]


def layout_problem(config_dir: Path, docs_dir: Path, data_dir: Path, use_directory_urls: object,
                   variant: object) -> str | None:
    """The first setting that would build a site other than the record's, said in one line, or None (a
    fourteenth attack found each one stopped only by hundreds of broken links or strict warnings, or passed)."""
    if use_directory_urls is False:
        return ("use_directory_urls is false, but each page of the record is a folder (a paragraph's address is "
                "documents/cairo-2025/op-12/), and every permanent link and redirect leads to one: remove the setting")
    if variant is not None and not isinstance(variant, str):
        return (f"theme.variant must be one word written as text (Zensical's 'classic' or 'modern'); it is "
                f"{kind_said(variant)}")
    docs, data, project = docs_dir.resolve(), data_dir.resolve(), config_dir.resolve()

    def shown(folder: Path) -> str:  # as mkdocs.yml names it, relative to it
        return terminal_text(folder.relative_to(project).as_posix() if folder.is_relative_to(project) else folder)

    if data == docs or data.is_relative_to(docs) or docs.is_relative_to(data):
        return (f"docs_dir {shown(docs)} and the khartoum plugin's data_dir {shown(data)} overlap: an engine would "
                "publish the data's files as they are, beside its pages, or the data would read the pages as "
                "records; give each a folder of its own")
    inside = docs.relative_to(project).parts if docs.is_relative_to(project) else ()
    if hidden := next((part for part in inside if part.startswith(".")), None):
        return (f"docs_dir {shown(docs)} is in the folder {terminal_text(hidden)}, which a tool "
                "keeps for itself (git's history, a cache): an engine would publish its files; give the pages a "
                "folder of their own, such as docs/")
    return None


_UNSAFE_IN_LINK = re.compile(r"[\"'<>`\s\x00-\x1f\x7f]")


_RAW_IN_THEME = re.compile(r'[<>"]')
_RAW_IN_FRONT_MATTER = re.compile(r'[<>"]|&(?=#?\w+;)')  # (and a character reference, "&lt;", read as markup)
_RAW_IN_LINK_PATH = re.compile(r"[\"'<>`\x00-\x1f\x7f]")


def _as_written(name: str, value: object) -> tuple[str | None, str | None]:
    """A setting's value as the theme writes it (``str()``: MkDocs gives edit_uri_template as a Template and a
    ``!relative`` path as an object of its own, which a check of ``str`` values alone let through, a sixteenth
    attack), or the problem of a value that is no text at all (a list printed as ``['...']``)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, list | tuple | dict | set):
        return None, f"{name} must be written as text; it is {kind_said(value)}"
    return str(value), None


# A character reference in an address: the browser decodes it in the attribute, so "javascript&colon;" and
# "&#106;avascript:" are javascript: links that a reading of the scheme does not see (a sixteenth attack).
_REFERENCE_IN_LINK = re.compile(r"&(#|[A-Za-z][A-Za-z0-9]*;)")


def _link_problem(name: str, value: object, schemes: tuple[str, ...] = ("http", "https")) -> str | None:
    """What is wrong with a link the theme writes into an attribute as it is: a quote, a space or an angle bracket
    ends the attribute; a scheme other than ``schemes`` (javascript:, data:) runs or shows something else."""
    text, problem = _as_written(name, value)
    if text is None:
        return problem
    if found := _UNSAFE_IN_LINK.search(text):
        return (f"{name} holds {terminal_text(repr(found.group()))}, which would end the link's attribute: "
                f"percent-encode it; it is {terminal_text(ascii(text))[:120]}")
    if found := _REFERENCE_IN_LINK.search(text):
        return (f"{name} holds the character reference {terminal_text(repr(found.group()))}, which a browser reads "
                f"as another character in a link: write the character itself, or percent-encode it; it is "
                f"{terminal_text(ascii(text))[:120]}")
    try:
        scheme = urllib.parse.urlsplit(text).scheme.lower()
    except ValueError as exc:
        return f"{name} is not an address that can be read ({exc}); it is {terminal_text(ascii(text))[:120]}"
    if scheme and scheme not in schemes:
        return (f"{name} is a {scheme}: address; a link of the site's theme must be a path in the site or an "
                f"{' or '.join(schemes)} address; it is {terminal_text(ascii(text))[:120]}")
    return None


def _text_problem(name: str, value: object) -> str | None:
    """What is wrong with a setting's text that the theme writes into the page as it is, unescaped."""
    text, problem = _as_written(name, value)
    if text is not None and (found := _RAW_IN_THEME.search(text)):
        return (f"{name} holds {terminal_text(repr(found.group()))}, which the theme writes into the page as it is "
                "(it would end an attribute or start markup): use “ ” for quotation marks and leave out < and >")
    return problem


def _nav_problem(entries: object, where: str = "nav") -> str | None:
    """The first title or link of the nav the theme would write unsafely: an entry is a page's path, or a mapping
    of one title to a path, an address or a list of entries."""
    for entry in entries if isinstance(entries, list | tuple) else []:
        items = entry.items() if isinstance(entry, dict) else [(None, entry)]
        for title, target in items:
            problem = _text_problem(f"{where} title {terminal_text(ascii(title))[:60]}", title)
            if isinstance(target, list):
                problem = problem or _nav_problem(target, where)
            elif isinstance(target, str) and ":" not in target and not _RAW_IN_LINK_PATH.search(target):
                pass  # a page of the docs folder ("About us.md" may hold a space): MkDocs writes its own address
            else:
                problem = problem or _link_problem(f"{where} entry {terminal_text(ascii(title))[:60]}", target,
                                                   ("http", "https", "mailto"))
            if problem:
                return problem
    return None


def _nav_twice(entries: object) -> str | None:
    """A page the nav lists twice: the theme gives each of its places the same anchor, and the build failed on an
    anchor '#__toc' given to two elements, naming no setting (an attack's BE3)."""
    seen: set[str] = set()
    for target in _nav_pages(entries):
        # ("about/", "about.md" and "about/index.md" are one page: review D5-19)
        page = _page_address(posixpath.normpath(target.strip("/"))) if "." in target.rsplit("/", 1)[-1] \
            else posixpath.normpath(target.strip("/")) + "/"
        if page in seen:
            return (f"nav lists the page {terminal_text(target)[:80]} twice; the theme gives both places one anchor: "
                    "list it once")
        seen.add(page)
    return None


def _nav_pages(entries: object, depth: int = 0) -> Iterator[str]:
    """The pages a nav lists, in the order it lists them (an address is no page; 50 levels are enough)."""
    for entry in entries if isinstance(entries, list | tuple) and depth < 50 else []:
        for target in entry.values() if isinstance(entry, dict) else [entry]:
            if isinstance(target, list | tuple):
                yield from _nav_pages(target, depth + 1)
            elif isinstance(target, str) and ":" not in target:
                yield target


def _edit_template_problem(template: object) -> str | None:
    """What is wrong with edit_uri_template's placeholders: MkDocs fills it with Python's formatter, whose fields
    read attributes and indexes, so {path.count.__doc__[120]} wrote a ':' and another field a '"' that the text of
    the setting does not hold (a seventeenth attack). Only {path} and {path_noext} are allowed, as MkDocs documents
    them, with no format (its !q conversion quotes the path)."""
    if template is None or template == "":
        return None
    try:
        fields = [(name, spec, conv) for _text, name, spec, conv in string.Formatter().parse(str(template))
                  if name is not None]
    except ValueError as exc:
        return f"edit_uri_template cannot be read ({exc}); write a literal brace as {{{{ or }}}}"
    for name, spec, conv in fields:
        if name not in ("path", "path_noext") or spec or conv not in (None, "q"):
            shown = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            return (f"edit_uri_template has the placeholder {terminal_text(shown)[:80]}; it may hold only {{path}} "
                    "and {path_noext} (with !q)")
    return None


# In the theme's settings and the extra ones, any text a template may write as it is: a key or value holding one
# of these would end an attribute, start markup or close a style or script (a seventeenth attack found the cookie
# banner's title, the feedback widget's names, the palette's colours, extra.scope and an icon's key written so).
_RAW_ANYWHERE = re.compile(r"[<>\"`\\\x00-\x1f\x7f]|&(#|[A-Za-z][A-Za-z0-9]*;)")  # a backslash ends a script's string
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.\-]*):")


def _tree_problem(where: str, value: object, depth: int = 0, seen: set[int] | None = None) -> str | None:
    """The first key or text under ``where`` (theme, extra) that a template could not write as it is, or None:
    no quote, angle bracket, backtick, control or character reference, and an address of http, https or mailto
    only. A list or mapping that aliases reach again is read once (an attack's BW1: 400 bytes of aliases took 45 s)."""
    seen = set() if seen is None else seen
    if depth > 20 or id(value) in seen:
        return None
    if isinstance(value, Mapping | list | tuple):
        seen.add(id(value))
    if isinstance(value, bytes | bytearray | set | frozenset):
        # !!binary and !!set: a template writes them as b'...' or {...}, quotes and brackets included (an
        # eighteenth attack)
        return f"{terminal_text(where)[:80]} must be written as text; it is {kind_said(value)}"
    if isinstance(value, Mapping):
        for key, inner in value.items():
            if not (isinstance(key, str) and re.fullmatch(r"[A-Za-z0-9_.\-]+", key)):
                # a key is written into the page's style as a name (theme.icon.admonition: {"x;}body{...": ...})
                return (f"{terminal_text(where)[:80]} has the key {kind_said(key)}: a key here is a "
                        "name of letters, digits, '.', '_' and '-'")
            if problem := _tree_problem(f"{where}.{key}", inner, depth + 1, seen):
                return problem
    elif isinstance(value, list | tuple):
        for number, inner in enumerate(value, start=1):
            if problem := _tree_problem(f"{where}[{number}]", inner, depth + 1, seen):
                return problem
    elif isinstance(value, str):
        shown = terminal_text(where)[:80]
        if found := _RAW_ANYWHERE.search(value):
            return (f"{shown} holds {terminal_text(repr(found.group()))}, which a template of the theme writes into "
                    "the page as it is: write it without (use “ ” for quotation marks)")
        if (scheme := _SCHEME.match(value)) and scheme.group(1).lower() not in ("http", "https", "mailto"):
            return (f"{shown} is a {terminal_text(scheme.group(1))}: address; a setting of the theme may name an "
                    "http, https or mailto address or a path in the site")
    return None


@functools.cache
def _theme_languages() -> frozenset[str]:
    """The languages Material has its words in (its partials/languages/*.html), or none when it cannot be found."""
    spec = importlib.util.find_spec("material")
    folder = Path(spec.origin).parent / "templates" / "partials" / "languages" if spec and spec.origin else None
    return frozenset(p.stem for p in folder.glob("*.html")) if folder and folder.is_dir() else frozenset()


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _text_mappings(value: object, keys_of_text: tuple[str, ...]) -> bool:
    return isinstance(value, list) and all(isinstance(item, Mapping) and all(
        isinstance(item.get(key, ""), str) for key in keys_of_text) for item in value)


def _odd_in_list(value: object, keys_of_text: tuple[str, ...] | None = None) -> str:
    """What in a list setting is of another kind than it should be, said in an editor's words: its entry that is no
    text (or no mapping, with ``keys_of_text``), or the first of those keys of an entry whose value is no text."""
    for number, item in enumerate(value if isinstance(value, list) else [], start=1):
        if not isinstance(item, str if keys_of_text is None else Mapping):
            return f"entry {number} is {kind_said(item)}"
        if isinstance(item, Mapping) and (odd := next((key for key in keys_of_text or ()
                                                       if not isinstance(item.get(key, ""), str)), None)):
            return f"the {odd} of entry {number} is {kind_said(item[odd])}"
    return f"it is {kind_said(value)}"


_TOGGLE = "(toggle: with icon: material/weather-night and name: Switch to dark mode under it)"


def _toggle_problem(toggle: object, own_icons: bool | None = None) -> str | None:
    """What is wrong with a colour scheme's toggle, the button that switches to the next scheme (an attack's BT10):
    both engines draw its icon and name. A toggle of another kind, or without its icon, stopped both builds in their
    own words (".icons/.svg not found", "Failed to cast key 'toggle'"); without its name MkDocs stopped on a value
    "not JSON serializable", and Zensical titled the button "none"; an empty one stopped Zensical. ``own_icons``: the
    project has a custom_dir, which may hold icons of its own; None: the settings are one file's, not yet merged, and
    the icon is not looked for."""
    if not isinstance(toggle, Mapping):
        return f"must be an icon and a name {_TOGGLE}; it is {kind_said(toggle)}"
    for key in ("icon", "name"):
        value = toggle.get(key)
        if not (isinstance(value, str) and value.strip()):
            return (f"must have an icon and a name, each as text {_TOGGLE}; its {key} is "
                    f"{'not given' if value is None else kind_said(value)}")
    icon = str(toggle["icon"])
    if own_icons is False and (folder := _theme_icons()) is not None and not (
            re.fullmatch(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+)+", icon) and ".." not in icon
            and (folder / f"{icon}.svg").is_file()):
        return (f"names the icon {terminal_text(icon)[:60]}, which Material for MkDocs does not have: name one of its "
                "icons, such as material/weather-night or material/weather-sunny")
    return None


@functools.cache
def _theme_icons() -> Path | None:
    """The folder of Material's icons (its templates/.icons), or None when it cannot be found."""
    spec = importlib.util.find_spec("material")
    folder = Path(spec.origin).parent / "templates" / ".icons" if spec and spec.origin else None
    return folder if folder and folder.is_dir() else None


def _settings_kind_problem(config: Mapping[str, Any], theme: Mapping[str, Any], palette: object) -> str | None:
    """A setting of the wrong kind that MkDocs or the theme reads without a word until the build stops in its own
    words, or in hundreds of broken links naming no setting (an attack's BP4): said here, naming the setting, and what
    in it is of another kind in an editor's words (an attack's BT7: a social link's name 12:30 was said as
    [{'icon': 'material/github', ... 750}])."""
    extra: Mapping[str, Any] = config.get("extra") or {}
    if not isinstance(extra, Mapping):
        extra = {}
    schemes = palette if isinstance(palette, list) else [palette] if isinstance(palette, Mapping) else []
    for name, value in (("theme.logo", theme.get("logo")), ("theme.favicon", theme.get("favicon"))):
        if not isinstance(value, str | None):
            return f"{name} must be a path or an address; it is {kind_said(value)}"
    for number, scheme in enumerate(schemes, start=1):
        odd = next((key for key, value in scheme.items() if key != "toggle" and not isinstance(value, str)), None)
        if odd is not None:
            return (f"theme.palette must be colour settings written as text (scheme: slate); its {terminal_text(odd)} "
                    f"{f'in scheme {number} ' if isinstance(palette, list) else ''}is {kind_said(scheme[odd])}")
        if "toggle" in scheme and (problem := _toggle_problem(scheme["toggle"])):
            return f"theme.palette's toggle{f' in scheme {number}' if isinstance(palette, list) else ''} {problem}"
    lists: list[tuple[str, object, tuple[str, ...] | None, str]] = [
        ("theme.static_templates", theme.get("static_templates"), None, "a list of template names"),
        ("extra_css", config.get("extra_css"), None, "a list of paths"),
        ("extra.social", extra.get("social"), ("icon", "link", "name"), "a list of links (icon, link, name), each as "
                                                                       "text"),
        ("extra.alternate", extra.get("alternate"), ("name", "link", "lang"), "a list of languages (name, link, "
                                                                             "lang), each as text"),
    ]
    for name, value, keys, expected in lists:
        right = _texts(value) if keys is None else _text_mappings(value, keys)
        if value is not None and not right:
            return f"{name} must be {expected}; {_odd_in_list(value, keys)}"
    return None


def theme_settings_problem(config: Mapping[str, Any]) -> str | None:
    """The first setting the theme writes into every page as it is (unescaped) that would end an attribute, start
    markup or make a script link, said in one line, or None. MkDocs' templates escape nothing; the project's own
    escape what they write. A fourteenth and a fifteenth attack put a quote or a javascript: address in
    repo_url, edit_uri, edit_uri_template, site_description, the nav, a social link and the favicon."""
    for key in ("repo_url", "edit_uri", "edit_uri_template"):
        if problem := _link_problem(key, config.get(key)):
            return problem
    if problem := _edit_template_problem(config.get("edit_uri_template")):
        return problem
    for key in ("site_description", "site_author", "repo_name"):
        if problem := _text_problem(key, config.get(key)):
            return problem
    written_theme = config.get("theme") or {}
    if not isinstance(written_theme, str | Mapping) and not hasattr(written_theme, "keys"):
        # ("theme: 5" ended in the message of an error not foreseen, TypeError, an attack's AY6)
        return (f"theme must be a theme's name (material) or its settings (name: material, …); it is "
                f"{kind_said(written_theme)}")
    theme = {"name": written_theme} if isinstance(written_theme, str) else dict(written_theme)
    if "name" in theme and theme.get("name") != "material":
        # the project's templates extend Material's; another theme built 457 pages without them (a fifteenth attack)
        return (f"theme.name is {kind_said(theme.get('name'))}: the site is drawn by Material for "
                "MkDocs (its templates extend Material's); set theme.name to material")
    for key in ("favicon", "logo"):
        if problem := _link_problem(f"theme.{key}", theme.get(key)):
            return problem
    features = theme.get("features")
    if features is not None and not (isinstance(features, list) and all(isinstance(f, str) for f in features)):
        # features: 5 stopped the build in a template's words (a sixteenth attack)
        return (f"theme.features must be a list of the theme's feature names, such as [navigation.tabs]; it is "
                f"{kind_said(features)}")
    palette = theme.get("palette")
    if palette is not None and not (isinstance(palette, Mapping) or (
            isinstance(palette, list) and all(isinstance(p, Mapping) for p in palette))):
        # (an entry of a list of schemes that is a word or a list: named, an attack's BT10)
        return (f"theme.palette must be a colour scheme's settings (scheme, primary, accent), or a list of them; "
                f"{_odd_in_list(palette, ()) if isinstance(palette, list) else f'it is {kind_said(palette)}'}")
    templates = config.get("static_templates")
    if templates is not None and not (isinstance(templates, list) and all(isinstance(t, str) for t in templates)):
        return f"static_templates must be a list of template names; it is {kind_said(templates)}"
    icons = theme.get("icon")
    for key, icon in (icons.items() if isinstance(icons, Mapping) else []):
        names = icon.values() if isinstance(icon, Mapping) else [icon]
        if not all(isinstance(name, str) for name in names):
            # theme.icon.logo: 5 stopped the build in Jinja's words (a seventeenth attack)
            return (f"theme.icon.{terminal_text(str(key))[:40]} must name an icon, such as material/pencil; it is "
                    f"{kind_said(icon)}")
    language = theme.get("language")
    if language is not None and not (isinstance(language, str) and re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*",
                                                                                language)):
        # a list stopped the engine in Jinja's words with the theme's search paths (an attack's BH6)
        return (f"theme.language must be a language's code written as text, such as en or pt-BR; it is "
                f"{kind_said(language)}")
    if isinstance(language, str) and (languages := _theme_languages()) and language not in languages:
        return (f"theme.language is {language}, a language the theme does not have (it has {len(languages)}, such as "
                "en, fr and pt-BR)")
    if theme.get("direction") not in (None, "ltr", "rtl"):
        return f"theme.direction must be ltr or rtl; it is {kind_said(theme.get('direction'))}"
    font = theme.get("font")
    for key, name in (font.items() if isinstance(font, Mapping) else []):
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9 +\-]+", name):  # a list: written as ['...']
            return (f"theme.font.{terminal_text(str(key))[:20]} must be a font's name (letters, digits, spaces, + "
                    f"and -), which the theme writes into the page as it is; it is {kind_said(name)}")
    for key in ("extra_css", "extra_javascript"):
        listed = config.get(key) or []
        for entry in listed if isinstance(listed, list | tuple) else [listed]:
            path = entry.get("path") if isinstance(entry, Mapping) else getattr(entry, "path", entry)
            if problem := _link_problem(key, str(path) if path is not None else None):
                return problem
            # the script's type: Zensical writes it into the tag as it is (an eighteenth attack)
            kind = entry.get("type") if isinstance(entry, Mapping) else getattr(entry, "type", None)
            if kind and not re.fullmatch(r"[A-Za-z0-9/+.\-]+", str(kind)):
                return (f"{key}: the type of {terminal_text(str(path))[:60]} must be a word such as module; it is "
                        f"{kind_said(kind)}")
    extra = config.get("extra") or {}
    social = extra.get("social") if isinstance(extra, Mapping) else None  # MkDocs' own mapping, not a dict
    if isinstance(extra, Mapping):  # the logo's link, the language links and the scripts the theme loads first
        if problem := _link_problem("extra.homepage", extra.get("homepage")):
            return problem
        alternate = extra.get("alternate")
        for number, alt in enumerate(alternate if isinstance(alternate, list | tuple) else [], start=1):
            if isinstance(alt, Mapping):
                problem = _link_problem(f"extra.alternate link {number}", alt.get("link"))
                for key in ("name", "lang"):
                    problem = problem or _text_problem(f"extra.alternate {key} {number}", alt.get(key))
                if problem:
                    return problem
        analytics = extra.get("analytics")
        provider = analytics.get("provider") if isinstance(analytics, Mapping) else None
        own_templates = bool(theme.get("custom_dir") or getattr(written_theme, "custom_dir", None))
        if provider is not None and provider != "google" and not own_templates:
            # "matomo" stopped the build in Jinja's words, naming no setting (an attack's BX7): the theme has a
            # template for google only, and a custom_dir may add one (partials/integrations/analytics/NAME.html)
            return (f"extra.analytics.provider is {kind_said(provider)}, which the theme has no template for (it has "
                    "google): set provider to google, or add partials/integrations/analytics/<provider>.html in "
                    "theme.custom_dir")
        found = analytics.get("property") if isinstance(analytics, Mapping) else None
        if found is not None and not re.fullmatch(r"[A-Za-z0-9_.\-]+", str(found)):
            # written into the analytics script as it is: G-X");alert(74);// ran on every page (a sixteenth attack)
            return (f"extra.analytics.property must be an id of letters, digits, '.', '_' and '-' (such as "
                    f"G-XXXXXXXXXX); it is {kind_said(found)}")
        polyfills = extra.get("polyfills")
        for polyfill in polyfills if isinstance(polyfills, list | tuple) else []:
            if problem := _link_problem("extra.polyfills", polyfill.get("src") if isinstance(polyfill, Mapping)
                                        else polyfill):
                return problem
    for number, link in enumerate(social if isinstance(social, list | tuple) else [], start=1):
        if isinstance(link, dict):
            problem = _link_problem(f"extra.social link {number}", link.get("link"), ("http", "https", "mailto"))
            if problem := problem or _text_problem(f"extra.social name {number}", link.get("name")):
                return problem
    return (_copyright_problem(config.get("copyright")) or _nav_problem(config.get("nav"))
            or _nav_twice(config.get("nav")) or _tree_problem("theme", theme) or _tree_problem("extra", extra)
            or _settings_kind_problem(config, theme, theme.get("palette")))


def merged_settings_problem(config: Mapping[str, Any]) -> str | None:
    """A setting that needs another one, which the settings as merged (INHERIT's files and the project's) do not give,
    said in one line, or None. Read of the merged settings only: a parent file may give one and the project the other.

    - ``edit_uri`` or ``edit_uri_template`` without ``repo_url`` (an attack's BR7): an edit link is the repository's
      address followed by them; MkDocs stopped the strict build with a warning a page naming a relative link "not a
      valid URL", and Zensical, which draws the edit button only with repo_url, published pages without one.
    - ``extra.consent`` without ``extra.analytics`` or ``repo_url`` (an attack's BT9): the theme hides every page
      behind its cookie dialog, blurred, until the reader chooses, while it has nothing to ask consent for: the dialog
      only stands between the reader and the record. With ``repo_url`` the theme fetches the repository's facts (stars,
      forks) from its host's API, and asks consent for that as Material's documentation shows (``cookies: github``),
      so either makes the dialog honest (D7-3).
    """
    extra = config.get("extra")
    extra = extra if isinstance(extra, Mapping) else {}
    if not config.get("repo_url"):
        for key in ("edit_uri_template", "edit_uri"):
            if config.get(key):
                return (f"{key} is set without repo_url: Zensical draws no edit button without repo_url, and MkDocs "
                        f"reads {key} as a link relative to it (one that is no whole address stops its build); set "
                        "repo_url to the repository's address (such as https://github.com/ORG/REPO/), or remove "
                        f"{key}")
    written_theme: Any = config.get("theme")
    theme = dict(written_theme) if isinstance(written_theme, Mapping) or hasattr(written_theme, "keys") else {}
    own_icons = bool(getattr(written_theme, "custom_dir", None) or theme.get("custom_dir"))
    palette = theme.get("palette")
    for number, scheme in enumerate(palette if isinstance(palette, list) else [palette], start=1):
        toggle = scheme.get("toggle") if isinstance(scheme, Mapping) else None
        if toggle is not None and (problem := _toggle_problem(toggle, own_icons)):
            return f"theme.palette's toggle{f' in scheme {number}' if isinstance(palette, list) else ''} {problem}"
    if extra.get("consent") is not None and (problem := _consent_problem(extra.get("consent"))):
        return problem
    if extra.get("consent") and not extra.get("analytics") and not config.get("repo_url"):
        return ("extra.consent asks every reader to accept cookies, and the theme covers every page with its "
                "dialog until they choose, but the settings give it nothing to ask about: neither analytics "
                "(extra.analytics) nor a repository (repo_url), whose facts the theme fetches from its host; remove "
                "extra.consent, or set it with the analytics or the repository it asks consent for")
    return None


_CONSENT_ACTIONS = ("accept", "reject", "manage")


def _consent_problem(consent: object) -> str | None:
    """What is wrong with the kind of ``extra.consent``, which the theme's dialog reads as a mapping of a title and a
    description (text), ``cookies`` (a mapping of a name to its label, or to a label and whether it is checked) and
    ``actions`` (a list of accept, reject and manage): "yes please" put a Python method's address into every page's
    dialog, and ``actions: 5`` stopped the build in Jinja's words (an attack's BW4, BW5)."""
    shape = ("a mapping of title and description (text), and optionally cookies (name: label) and actions (a list of "
             "accept, reject and manage)")
    if not isinstance(consent, Mapping):
        return f"extra.consent must be {shape}; it is {kind_said(consent)}"
    for key in ("title", "description"):
        if key not in consent:
            return f"extra.consent.{key} must be text (the dialog shows it); it is not given"
        if not isinstance(consent.get(key), str) or not consent.get(key, "").strip():
            return f"extra.consent.{key} must be text (the dialog shows it); it is {kind_said(consent.get(key))}"
    cookies = consent.get("cookies")
    # (given empty, it stopped MkDocs' build in the theme's words: an attack's BX3)
    if "cookies" in consent and not (isinstance(cookies, Mapping) and all(
            isinstance(name, str) and (isinstance(label, str) or (
                isinstance(label, Mapping) and isinstance(label.get("name"), str)))
            for name, label in cookies.items())):
        return (f"extra.consent.cookies must be a mapping of each cookie's name to its label (text), or to a name and "
                f"checked; it is {kind_said(cookies)}")
    actions = consent.get("actions")
    if "actions" in consent and not (isinstance(actions, list) and actions and all(
            action in _CONSENT_ACTIONS for action in actions)):
        return f"extra.consent.actions must be a list of accept, reject and manage; it is {kind_said(actions)}"
    return None


# The markup the footer's terms may hold, as the theme writes `copyright` as it is: text, links and emphasis.
_FOOTER_TAGS = frozenset({"a", "abbr", "b", "br", "em", "i", "small", "span", "strong"})
_FOOTER_ATTRIBUTES = frozenset({"href", "title", "style", "lang", "rel", "target", "dir", "aria-label"})  # BR3, BT11
# (words and a colour: no length, which painted a bar over the page, "overline 3000px red": an attack's BR4)
_FOOTER_STYLE = re.compile(r"\s*(?:(?:text-decoration|font-weight|font-style|color)\s*:\s*(?:#[0-9a-f]{3,8}|[a-z -]+)"
                           r"|font-weight\s*:\s*[1-9]00)\s*", re.I)  # (a weight by its number: BT11)


# A "<" in the footer's terms that begins a tag the footer may hold, or its end tag: the name, then what ends a
# tag's name for a browser (a space, a "/", a ">"; anything else, as in "<em<img …>", is part of the name).
_FOOTER_TAG_START = re.compile("</?(?:" + "|".join(sorted(_FOOTER_TAGS)) + r")(?=[\t\n\f\r />]|$)", re.I)


def _copyright_markup_problem(written: str) -> str | None:
    """The first "<" in ``copyright`` that does not begin a tag the footer may hold, said with what to write instead.
    Python's HTMLParser and a browser read comments and declarations differently (an attack's BM1): "<!-->" is an
    empty comment for a browser while HTMLParser reads on to the next "-->", and a browser ends "<![CDATA[>" at its
    first ">"; what either hides from the other could be a script, so none is allowed."""
    for start in (found.start() for found in re.finditer("<", written)):
        shown = terminal_text(ascii(written[start:start + 20]))
        if written.startswith("<!", start):
            return (f"{shown}, a comment, CDATA section or declaration, which a browser and this check read "
                    f"differently: leave it out (write &lt;! for the characters themselves)")
        if written.startswith("<?", start):
            return (f"{shown}, which a browser reads as a comment up to the next >: leave it out (write &lt;? for "
                    f"the characters themselves)")
        if _FOOTER_TAG_START.match(written, start):
            continue
        allowed = ", ".join(sorted(_FOOTER_TAGS))
        if named := re.match(r"</?([A-Za-z][^\t\n\f\r />]*)", written[start:]):  # a browser's tag name
            return (f"the element <{terminal_text(ascii(named[1])[1:-1])[:40]}>, which the footer may not hold (it may "
                    f"hold {allowed}): leave it out, or write &lt; for a < in the text")
        return f"{shown}, a < that begins none of the tags the footer may hold ({allowed}): write it as &lt;"
    return None


def _copyright_problem(written: object) -> str | None:
    """What in ``copyright`` (HTML, as MkDocs means it) would run or load something on every page: a script, an
    element other than text markup, an event handler, a link that is not http(s) or mail (an attack's BJ5)."""
    if written is None:
        return None
    if not isinstance(written, str):
        return f"copyright must be written as text; it is {kind_said(written)}"
    if problem := _copyright_markup_problem(written):
        return f"copyright, which the theme writes into every page's footer as it is, holds {problem}"
    found: list[str] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag not in _FOOTER_TAGS:
                found.append(f"the element <{tag}>")
            for name, value in attrs:
                if name not in _FOOTER_ATTRIBUTES:
                    found.append(f"the attribute {name}")
                elif name == "href" and _link_problem("copyright's link", value or "", ("http", "https", "mailto")):
                    found.append(f"a link to {ascii(value)[:60]}")
                elif name == "style" and not all(_FOOTER_STYLE.fullmatch(part) for part in (value or "").split(";")
                                                 if part.strip()):
                    # a style may load (image-set('https://…') needs no url()) or lay a link over the whole page
                    # (position: fixed): an attack's BP3; the footer's terms need a plain look only
                    found.append("a style other than text-decoration, font-weight, font-style or color with a plain "
                                 "value")

    reader = Reader()
    reader.feed(written)
    if reader.rawdata:
        # HTMLParser keeps a tag with no closing ">" back, and close() gives it out as text; a browser reads on
        # into the theme's "</div>" and makes it a tag ('<img src="data:z" onerror="…"' ran on every page)
        return (f"copyright, which the theme writes into every page's footer as it is, ends in a tag left open "
                f"({terminal_text(ascii(reader.rawdata))[:60]}), which a browser would close with the theme's own "
                f"markup: end the tag with > or write the < as &lt;")
    reader.close()
    if found:
        return (f"copyright, which the theme writes into every page's footer as it is, holds "
                f"{terminal_text(found[0])[:120]}: it may hold text, links (http, https, mailto) and emphasis only")
    return None


def own_files_in(folder: Path) -> str | None:
    """What of the tool's own lies in ``folder`` (the user's key, the compiled templates' folder), or None."""
    import tempfile

    from khartoum_site.record import usersecret

    inside = os.path.realpath(folder)
    if Path(os.path.realpath(usersecret.secret_path())).is_relative_to(inside):
        return "the user's key (khartoum-site/store.key)"
    if Path(os.path.realpath(tempfile.gettempdir())).is_relative_to(inside):
        return "the temporary folder, with the compiled templates"
    return None


class FileProblem(str):
    """A problem of one file under the docs folder, said starting with the file's path: a message names that file,
    not the configuration file (a twenty-second attack's TH2 read "mkdocs.yml: docs/bad.md: …")."""

    __slots__ = ()


def docs_problem(docs_dir: Path) -> str | None:
    """Why the docs folder cannot be published as it is, or None. An engine publishes what a symbolic link
    under it points to: a link to a file outside the folder (``/proc/self/environ``, a key, another project)
    would put that file on the public site, so it is refused, as is a link that cannot be followed and a
    file that is not a plain file (a named pipe would stop the build reading it). Folders whose names start
    with a dot are looked into too: an engine skips them, but not when a link elsewhere leads into one."""
    root = docs_dir.resolve()
    addresses: dict[str, Path] = {}
    for folder, subfolders, names in os.walk(docs_dir):  # a linked folder is listed, never entered
        subfolders.sort()
        for name in sorted([*subfolders, *names]):
            path = Path(folder, name)
            if name.startswith(".#"):  # an editor's lock link (Emacs): it points nowhere and is not published
                continue
            if (odd := unseen(name)) is not None:
                # A page's address is its file's name: an escape sequence or a line break in it reached the
                # terminal through the engines' messages and the published folder's names (an attack).
                return terminal_text(f"{path} has a name holding the character U+{ord(odd):04X} (a control, "
                                     "invisible or text-direction character), which would be in the page's "
                                     "address and in every message naming it: rename it")
            if "\\" in name:
                # a\b.md: Windows and an engine (Zensical skipped the page and published none) read it as a folder
                return terminal_text(f"{path} has a backslash in its name, which Windows and an engine read as a "
                                     "folder separator: rename it")
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    return terminal_text(f"{path} is a symbolic link that cannot be followed (it is broken or "
                                         "loops): remove it")
                if not target.is_relative_to(root):
                    return terminal_text(f"{path} is a symbolic link to {target}, outside {docs_dir}: the site "
                                         f"would publish that file. Copy what the page needs into {docs_dir}, or "
                                         "remove the link")
                if target.is_dir() and path.parent.resolve().is_relative_to(target):
                    # docs/loop -> . : MkDocs walked docs/loop/loop/… 40 levels deep, then stopped after 19 s
                    return terminal_text(f"{path} is a symbolic link to {target}, a folder that holds the link "
                                         "itself: an engine following it would walk the same folder again and "
                                         "again. Remove the link")
            elif not (path.is_dir() or path.is_file()):
                return terminal_text(f"{path} is not a plain file or folder (a named pipe, a socket or a device): "
                                     "remove it")
            elif path.is_dir() and (what := ENGINE_FILES.get(path.relative_to(docs_dir).as_posix())):
                # a folder there stopped the build in the system's words, naming a temporary path (a twenty-first
                # attack); a file there is refused with the pages (``shadowed``)
                return terminal_text(f"{path} is a folder at the place of {what}, which an engine writes itself: "
                                     "rename or move it")
            elif name.lower().endswith(MARKDOWN_SUFFIXES):
                if problem := front_matter_problem(path) or _control_problem(path):
                    return FileProblem(terminal_text(f"{path}: {problem}"))
                # about.md and about/index.markdown are both the page about/: MkDocs published one of them without
                # a word, Zensical the other (a sixteenth attack)
                address = _page_address(path.relative_to(docs_dir).as_posix())
                if (other := addresses.setdefault(address, path)) != path:
                    return terminal_text(f"{path} and {other} are both the page {address or 'at the site root'}: "
                                         "an engine would publish one of them without a word; keep one")
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _control_problem(page: Path) -> str | None:
    """A control character in a hand-written page (an escape, a bell): the engines published it as it is, and a
    terminal showing the page's text obeys it (a held-out round's BF9)."""
    try:
        text = page.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    found = _CONTROL.search(text)
    if found is None:
        return None
    line_start = text.rfind("\n", 0, found.start()) + 1
    return (f"line {text.count(chr(10), 0, found.start()) + 1}, column {found.start() - line_start + 1} holds the "
            f"control character U+{ord(found[0]):04X}, which the page would publish as it is: remove it")


def _page_address(relative: str) -> str:
    """The address (a folder, with use_directory_urls) a Markdown page is published at: a/b.md, a/b/index.md and
    a/b/README.md are all a/b/."""
    stem = relative.rsplit(".", 1)[0]
    folder, _, name = stem.rpartition("/")
    return f"{folder}/" if name in ("index", "README") and folder else ("" if name in ("index", "README")
                                                                       else f"{stem}/")


# What the theme reads from a hand-written page's front matter, and the kind it needs: a value of another kind
# ended the build in a template's traceback (a fifteenth attack: `hide: 5`, `template: 5`, `search: 5`).
_FRONT_MATTER_TEXT = ("title", "description", "template", "icon", "status", "subtitle", "author")
_FRONT_MATTER_LISTS = ("hide", "tags")


def _keys_not_text(value: object, depth: int = 0) -> list[object]:
    """The keys of a front matter's mappings, at any depth to 20, that are not text."""
    if depth > 20:
        return []
    if isinstance(value, dict):
        return [key for key in value if not isinstance(key, str)] + [
            found for inner in value.values() for found in _keys_not_text(inner, depth + 1)]
    if isinstance(value, list):
        return [found for inner in value for found in _keys_not_text(inner, depth + 1)]
    return []


def _strings_of(value: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Every text in a front matter's values, with the key it is under ("search.boost"), to a depth of 20."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, Mapping) and key.count(".") < 20:
        for inner, item in value.items():
            yield from _strings_of(item, f"{key}.{inner}" if key else str(inner))
    elif isinstance(value, list | tuple) and key.count(".") < 20:
        for item in value:
            yield from _strings_of(item, key)


_I64 = range(-(2 ** 63), 2 ** 63)
_INFINITE_NAMES = frozenset({".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan",
                             ".NaN", ".NAN"})


def zensical_reading(plain: str) -> object:
    """A plain scalar (neither quoted nor tagged) of a page's front matter as Zensical's templates get it.

    MkDocs and ProperDocs read front matter with PyYAML, which follows YAML 1.1 (``yes`` and ``on`` are true, ``12:30``
    is the number 750, ``1_000`` is 1000, ``017`` is 15, ``1e3`` is text); Zensical reads it in Rust with saphyr, which
    follows YAML 1.2 in its own way, and hands it on as JSON, which has no infinite number. Measured on Zensical
    0.0.73: a hexadecimal or octal number after 0x or 0o (a sign allowed after it), a whole number of 64 bits (a
    leading + allowed twice), ~, null and NULL as nothing, true and false, and a decimal number with or without an
    exponent (1e3, .5, 1.) are read so; .inf and .nan as nothing; anything else is text (an attack's BT4: a title
    1e3 was published as 1000.0 by Zensical, as 1e3 by MkDocs)."""
    for prefix, digits, base in (("0x", "[0-9a-fA-F]", 16), ("0o", "[0-7]", 8)):
        if plain.startswith(prefix):
            if re.fullmatch(f"[+-]?{digits}+", plain[2:]) and int(plain[2:], base) in _I64:
                return int(plain[2:], base)
            break
    else:
        if plain.startswith("+") and re.fullmatch("[+-]?[0-9]+", plain[1:]) and int(plain[1:]) in _I64:
            return int(plain[1:])
    if plain in ("", "~", "null", "NULL"):
        return None
    if plain in ("true", "false"):
        return plain == "true"
    if re.fullmatch("[+-]?[0-9]+", plain) and int(plain) in _I64:
        return int(plain)
    if plain in _INFINITE_NAMES:
        return None
    if re.fullmatch(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", plain):
        number = float(plain)
        return number if math.isfinite(number) else None
    return plain


def reading_said(value: object) -> str:
    """What an engine made of a value of a settings file or a page's front matter, said in an editor's words (never
    in Python's: ``True``, ``750``, ``{'a': 1}``)."""
    if isinstance(value, str):
        return f"the text {terminal_text(value)[:60]}"
    if isinstance(value, bool):
        return f"the value {'true' if value else 'false'}"
    if isinstance(value, int):  # (not a float's test: a number too large for one stopped on an OverflowError)
        return f"the number {value}" if abs(value) < 10 ** 60 else "a number of more than 60 digits"
    if isinstance(value, float):
        return f"the number {value}" if math.isfinite(value) else "an infinite number"
    return kind_said(value)


def kind_said(value: object) -> str:
    """The kind of a value read from a settings file or a page's front matter, in an editor's words: a text as written
    (in quotes), any other value by its kind, never as Python writes it (a message said "it is 750" of 12:30, which
    YAML 1.1 reads as a number of minutes, and "it is True" of yes: an attack's BT7)."""
    import datetime as dt

    if isinstance(value, str):
        return f"'{terminal_text(value)[:60]}'"
    if isinstance(value, bool):
        return "true or false (YAML reads yes, no, on and off so: put a text in quotes)"
    if isinstance(value, int):
        return "a whole number (YAML reads 12:30, 0x1F and 1_000 as numbers: put a text in quotes)"
    if isinstance(value, float):
        return "a number (put a text in quotes)"
    if value is None:
        return "empty"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, Mapping | list | tuple) and _all_text(value):  # as YAML writes it: [a.yml, b.yml]
        import yaml

        return terminal_text(yaml.safe_dump(_plain_containers(value), default_flow_style=True, allow_unicode=True,
                                            width=10 ** 6).strip())[:60]
    if isinstance(value, Mapping):
        odd = next((key for key, inner in value.items() if not _all_text(inner)), None)
        return "key: value settings" + (f" whose {terminal_text(str(odd))[:40]} is {kind_said(value[odd])}"
                                        if isinstance(odd, str) else "")
    if isinstance(value, list | tuple):
        return f"a list holding {kind_said(next(item for item in value if not _all_text(item)))}"
    if isinstance(value, bytes | bytearray):
        return "binary data (!!binary)"
    if isinstance(value, set | frozenset):
        return "a set (!!set)"
    return "a value of another kind"


def _all_text(value: object, depth: int = 0) -> bool:
    """Whether a value is text, or a list or mapping of texts (keys included), to a depth of 5."""
    if isinstance(value, str):
        return True
    if depth > 5:
        return False
    if isinstance(value, Mapping):
        return all(isinstance(key, str) and _all_text(inner, depth + 1) for key, inner in value.items())
    return isinstance(value, list | tuple) and all(_all_text(inner, depth + 1) for inner in value)


def _plain_containers(value: object) -> object:
    """A value of texts with its mappings and lists as plain dicts and lists (MkDocs gives its own kinds)."""
    if isinstance(value, Mapping):
        return {key: _plain_containers(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_containers(inner) for inner in value]
    return value


def _written(node: Any, text: str) -> str:
    """A value of a page's front matter as the page writes it: its first line, at most 60 characters, made inert."""
    written = text[node.start_mark.index:node.end_mark.index].strip().split("\n", 1)[0]
    return terminal_text(written)[:60]


def _front_matter_nodes(node: Any, key: str = "", depth: int = 0,
                        seen: set[int] | None = None) -> Iterator[tuple[str, Any, bool]]:
    """Every scalar of a composed front matter, with the key it is under ("search.boost") and whether it is a key.
    A list or mapping that aliases (``*name``) reach again is read once: nine lines of aliases, each a list of ten of
    the one before, were read as a billion values (an attack's BW1)."""
    seen = set() if seen is None else seen
    if depth > 20 or id(node) in seen:
        return
    if isinstance(node, yaml_nodes().MappingNode):
        seen.add(id(node))
        for inner, item in node.value:
            name = f"{key}.{inner.value}" if key and isinstance(inner.value, str) else str(inner.value)
            if isinstance(inner, yaml_nodes().ScalarNode):
                yield name, inner, True
            yield from _front_matter_nodes(item, name, depth + 1, seen)
    elif isinstance(node, yaml_nodes().SequenceNode):
        seen.add(id(node))
        for item in node.value:
            yield from _front_matter_nodes(item, key, depth + 1, seen)
    elif isinstance(node, yaml_nodes().ScalarNode):
        yield key, node, False


def _plain_scalar(value: object) -> bool:
    """Whether a value of a page's front matter is one YAML read from plain words as other than text: a number, a date
    (and time), true or false. Written in quotes, it is the text it looks like."""
    import datetime as dt

    return isinstance(value, int | float | dt.date)  # (bool is an int; datetime a date)


def _top_written(front: str, key: str, value: object) -> str:
    """A setting of a page's front matter as the page writes it (one line: ``12:30``, ``[a, 5]``), or its kind in words
    when it is written over several lines."""
    import yaml

    try:
        root = yaml.compose(front, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        root = None
    for inner, node in root.value if isinstance(root, yaml.MappingNode) else []:
        if inner.value == key:
            written = front[node.start_mark.index:node.end_mark.index].strip()
            if written and "\n" not in written:
                return terminal_text(written)[:60]
    return kind_said(value)


def yaml_nodes() -> Any:
    """PyYAML's node classes (imported when a page is read, not with this module)."""
    import yaml

    return yaml.nodes


def _long_number_problem(front: str) -> str | None:
    """A whole number of a page's front matter (``front``, between the fences) with more
    digits than Python turns into a number (4,300: PyYAML, so MkDocs, stops on it with Python's words, an attack's
    D7-19), said at its line with what to write, or None."""
    import yaml

    loader = yaml.SafeLoader("")
    try:
        root = yaml.compose(front, Loader=yaml.SafeLoader)
        for key, node, is_key in _front_matter_nodes(root):
            if node.style is not None or node.tag != "tag:yaml.org,2002:int":
                continue
            try:
                loader.construct_object(node)
            except ValueError:
                digits = sum(character.isdigit() for character in node.value)
                named = "a key of its front matter" if is_key else f"its front matter's {terminal_text(key)[:40]}"
                return (f"line {node.start_mark.line + 2}, column {node.start_mark.column + 1}: "
                        f"{named} is a number of {digits:,} digits, too long to be read as a number: put "
                        "it in quotes if it is text, or shorten it")
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def _readings_problem(front: str) -> str | None:
    """The first value of a page's front matter (``front``, between the fences) that MkDocs and Zensical read
    differently (``zensical_reading``), said with its line and what to write, or None. A tag other than !!str is
    refused: Zensical reads !!bool yes and !!null not as PyYAML does, or not at all."""
    import datetime as dt

    import yaml

    loader = yaml.SafeLoader("")
    try:
        root = yaml.compose(front, Loader=yaml.SafeLoader)
        for key, node, is_key in _front_matter_nodes(root):
            written = _written(node, front)
            where = f"line {node.start_mark.line + 2}, column {node.start_mark.column + 1}"
            named = f"key {written}" if is_key else f"{terminal_text(key)[:40]}, {written},"
            if re.match(r"(?:&\S+\s+)?!", written):
                if node.tag == "tag:yaml.org,2002:str":
                    continue
                return (f"{where}: its front matter's {named} has a tag (!...), which the engines read differently "
                        "or not at all: remove the tag, and put a text in quotes")
            if node.style is not None:  # quoted, or a block of text: text to every engine
                continue
            mkdocs = loader.construct_object(node)
            if is_key and not isinstance(mkdocs, str):
                # a year as a key ({2024: Kampala}): MkDocs reads it, Zensical stops on it (an attack's BT6)
                return (f"{where}: its front matter has the key {written}, which is not text: Zensical reads only keys "
                        "of text; quote it")
            zensical = zensical_reading(node.value)
            if type(mkdocs) is type(zensical) and mkdocs == zensical:
                continue
            if isinstance(mkdocs, dt.date) and str(mkdocs) == zensical:  # 2024-05-01: a date, or that text
                continue
            # (a key the theme reads as text, or a value MkDocs reads as no number: text was meant)
            if is_key or key.rsplit(".", 1)[-1] in (*_FRONT_MATTER_TEXT, *_FRONT_MATTER_LISTS) or \
                    not isinstance(mkdocs, int | float):
                # (an item of a list quoted alone: tags: "yes" is no list, D7-8)
                bare = is_key or key in _FRONT_MATTER_LISTS
                advice = f"put it in quotes ({'' if bare else terminal_text(key)[:40] + ': '}\"{written}\")"
            else:
                advice = "put it in quotes if it is text, or write a number in plain digits and a yes or no as true " \
                         "or false"
            return (f"{where}: its front matter's {named} is read by MkDocs as {reading_said(mkdocs)} and by Zensical "
                    f"as {reading_said(zensical)}: {advice} so that every engine reads it as written")
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None  # (said as YAML that does not read, or a kind the theme does not read, below)
    return None


# A line MkDocs reads as a setting when a page opens with it and has no front matter: up to three spaces, a key of
# letters, digits, "_" and "-", then a colon (mkdocs.utils.meta reads such lines up to the first blank line).
_META_LINE = re.compile(r" {0,3}([A-Za-z0-9_-]+):")


def _meta_lines_problem(text: str) -> str | None:
    """A page that opens with settings written MultiMarkdown-style ("Title: …" lines, no --- fences): MkDocs and
    ProperDocs take them out of the page and write the title into it as it is, unchecked, while Zensical shows them
    as text (an attack's BM2). A page opening with a heading, a blank line or prose without a colon after its
    first word is read by every engine as text."""
    first = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0]
    if (found := _META_LINE.match(first)) is None:
        return None
    return (f"line 1 opens with {terminal_text(ascii(found[1] + ':'))}, which MkDocs reads as a setting of the page "
            "(with the lines after it up to the first blank line) and Zensical as text: write the page's settings "
            "between --- lines (YAML front matter), or begin the page with a blank line if the line is its text")


def _fence_like_problem(text: str) -> str | None:
    """A page opening with what reads as settings between two fence-like lines that no engine reads as front matter: a
    blank line before the first fence, a fence of four dashes, or one with more on its line (an attack's BT8). MkDocs,
    ProperDocs and Zensical then all publish the settings as the page's text (a rule, and "title: …" as a heading), so
    it is said, with what to write, rather than published half-made."""
    import yaml

    lines = text.split("\n")
    first = next((number for number, line in enumerate(lines[:50]) if line.strip()), None)
    if first is None or not lines[first].strip().startswith("---"):
        return None
    close = next((number for number in range(first + 1, min(len(lines), first + 200))
                  if lines[number].strip().startswith(("---", "..."))), None)
    if close is None or not lines[first + 1].strip() or not lines[close - 1].strip():
        return None  # (a rule, a blank line, text, a blank line and a rule: the page's own text, as it looks)
    try:
        settings = yaml.safe_load("\n".join(lines[first + 1:close]))
    except ValueError:  # a number longer than Python reads (D7-19): settings all the same
        settings = {"": None}
    except (yaml.YAMLError, RecursionError):
        return None
    if not (isinstance(settings, dict) and settings):
        return None  # a rule, a line of text and another rule: the page's own text
    def fence(line: str) -> str:  # what is wrong with a fence line, said
        if line[:1].isspace():
            return "is indented"
        return f"({terminal_text(line.strip())[:20]}) is not three dashes alone"

    advice = "write each of its fences as three dashes alone at the start of a line (---)"
    if first:
        why, where = f"{'a blank line comes' if first == 1 else 'blank lines come'} before its first ---", first + 1
        advice = f"remove the blank line{'s' if first > 1 else ''} above the first ---"
    elif not re.fullmatch("---[ \t]*", lines[first]):
        why, where = f"its first line {fence(lines[first])}", 1
    elif not re.fullmatch(r"(?:---|\.\.\.)[ \t]*", lines[close]):
        why, where = f"the line that closes them {fence(lines[close])}", close + 1
    else:
        return None
    return (f"line {where}: its opening lines look like settings between --- lines (front matter), but {why}, so every "
            f"engine would publish them as the page's text: {advice}, or remove the lines if they are not the page's "
            "settings")


_MOST_FRONT_MATTER_VALUES = 10_000  # (a page's settings hold tens)


class RefersToItself(ValueError):
    """A YAML list or mapping that holds itself through an alias (``x: &a [*a]``)."""


def values_read(node: Any, counted: dict[int, int]) -> int:
    """How many values a composed YAML document is read as, each alias (*name) read as all it names again: found once
    for each node (``counted``), in time linear in the text. Raises ``RefersToItself`` for a node inside itself."""
    if id(node) in counted:
        if counted[id(node)] < 0:
            raise RefersToItself
        return counted[id(node)]
    counted[id(node)] = -1  # (being read)
    total = 1
    if isinstance(node, yaml_nodes().MappingNode):
        total += sum(values_read(key, counted) + values_read(value, counted) for key, value in node.value)
    elif isinstance(node, yaml_nodes().SequenceNode):
        total += sum(values_read(value, counted) for value in node.value)
    counted[id(node)] = total
    return total


def front_matter_problem(page: Path) -> str | None:
    """What is wrong with a hand-written page's front matter for the theme, said as a sentence, or None: YAML that
    does not read (MkDocs then published the fences and settings as the page's text, Zensical stopped in its own
    words), or a key the theme reads holding a value of the wrong kind."""
    import yaml

    try:
        # (every byte order mark: Zensical strips two, and a title after them ran as a script: an attack's BR2)
        written = page.read_bytes().decode("utf-8-sig").lstrip("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None
    text = written.replace("\r\n", "\n")
    if "\r" in text:
        # MkDocs reads a front matter whose lines end so, Zensical shows it as the page's text (an attack's BT5)
        return ("its lines end in a carriage return alone, which the engines read differently: save it with "
                "ordinary line ends")
    if re.match(r"---[ \t]*\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", text):
        # MkDocs reads no settings, Zensical stops in its own words (an attack's BR5)
        return "its front matter (between the --- lines) is empty: remove the two lines"
    # YAML's "..." ends it too; and the end of the file, where Zensical reads a page of front matter only, saved with
    # no newline after its closing fence, as front matter (MkDocs shows it as text): an attack's BP1
    found = re.match(r"---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", text, re.S)
    if found is None:
        return _fence_like_problem(text) or _meta_lines_problem(text)
    if not found.group(0).endswith("\n"):
        # read as settings by Zensical, as the page's text by MkDocs (an attack's BR9)
        return ("its front matter's closing --- ends the file, which the engines read differently (settings, or the "
                "page's text): end the line, or give the page a text after it")
    if (breaks := re.search("[\u2028\u2029\x85]", found.group(1))) is not None:
        # PyYAML ends a line at these, Zensical does not: a title read here as "Safe title" was published with the
        # rest of its line, a script (an attack's BP2)
        return (f"its front matter holds the line separator {character_name(breaks.group())}, which the engines "
                "read differently: remove it")
    if problem := _long_number_problem(found.group(1)):
        return problem
    try:
        if values_read(yaml.compose(found.group(1), Loader=yaml.SafeLoader), {}) > _MOST_FRONT_MATTER_VALUES:
            # nine lines of aliases (*name), each a list of ten of the one before, are a billion values, which every
            # reader of them (the engines' too) walks: check took minutes, hours at nine levels (an attack's BW1)
            return (f"its front matter repeats values through aliases (*name) into more than "
                    f"{_MOST_FRONT_MATTER_VALUES:,} values: write the values out, without anchors (&name) and aliases")
        meta = yaml.safe_load(found.group(1))
    except RefersToItself:
        # ("x: &a [*a]" was said to nest hundreds of levels deep: an attack's BX8)
        return "its front matter holds a list or mapping inside itself through an alias (*name): write it out"
    except RecursionError:
        # (500 lists, one in another, stopped check on "an error it did not foresee": an attack's BW6)
        return ("its front matter nests lists or mappings hundreds of levels deep, more than a page's settings hold: "
                "write it flatter")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}, column {mark.column + 1}" if mark is not None else ""
        said = getattr(exc, "problem", None) or "it does not read as YAML"
        return (f"its front matter (between the --- lines) is not YAML{where}: {terminal_text(said)}; write it as "
                "key: value lines, or remove it")
    if not isinstance(meta, dict):
        # a text or a list between the fences: Zensical stops reading the page's settings (an attack's BR5)
        return ("its front matter (between the --- lines) is not key: value lines; write it as such, or remove it"
                if meta is not None else "its front matter (between the --- lines) holds no setting: remove it")
    front = found.group(1)
    if problem := _readings_problem(front):
        return problem
    if odd := _keys_not_text(meta):
        # a year as a key ({2024: Kampala}): MkDocs reads it, Zensical stops on it (an attack's BT6)
        shown = odd[0] if isinstance(odd[0], int | float) and not isinstance(odd[0], bool) else kind_said(odd[0])
        return (f"its front matter has the key {shown}, which is not text: Zensical reads only keys of text; quote "
                "it")
    for key, value in _strings_of(meta):
        if (char := unseen(value)) is not None:
            # a YAML escape ("\e[31m", "\u202e") put into the title a character the page check refuses when typed
            # (an attack's BR6)
            return (f"its front matter's {terminal_text(key)[:40]} holds the character {character_name(char)}, which "
                    "a page cannot show: remove it")
    for key in _FRONT_MATTER_TEXT:
        if key in meta and not isinstance(meta[key], str):
            written = _top_written(front, key, meta[key])
            # (a number, a date, true or false: the value repeated read as "yes, that is what I wrote", D7-8)
            hint = f": put it in quotes ({key}: \"{written}\")" if _plain_scalar(meta[key]) else ""
            return f"its front matter's {key} must be text; it is {written}{hint}"
        if key in meta and (found := _RAW_IN_FRONT_MATTER.search(meta[key])):
            # Material writes each as it is: description and author into a <meta> tag's attribute (a nineteenth
            # attack), the title into the head's <title>, the subtitle and status into the navigation of every page
            # of the section (an attack's BH2: "Rome <draft>" made an element there)
            return (f"its front matter's {key} holds {terminal_text(repr(found.group()))}, which the theme writes "
                    "into the pages as it is: use “ ” for quotation marks, leave out < and >, and write & as "
                    "“and” where a character reference could start")
    for key, text in _strings_of(meta):
        if (found := _RAW_IN_FRONT_MATTER.search(text)) is not None:
            # every value: the theme writes more keys than those above as they are (revision_date, the git dates,
            # a redirect's location, into a script: an attack's BJ1)
            return (f"its front matter's {terminal_text(key)[:40]} holds {terminal_text(repr(found.group()))}, which "
                    "the theme may write into the pages as it is: use “ ” for quotation marks, leave out < and >, "
                    "and write & as “and” where a character reference could start")
    if "location" in meta and (problem := _link_problem("its front matter's location", str(meta["location"]),
                                                        ("http", "https"))):
        return problem  # (a redirect page sends the reader there: "javascript:" ran on loading it, BJ1)
    for key in _FRONT_MATTER_LISTS:
        if key in meta and not (isinstance(meta[key], list) and all(isinstance(v, str) for v in meta[key])):
            value, written = meta[key], _top_written(front, key, meta[key])
            # (a list of numbers and words, as written on one line: which to quote, D7-8)
            hint = ("; quote each number, date, true or false in it (\"2025\")"
                    if isinstance(value, list) and written.startswith("[")
                    and all(_plain_scalar(item) for item in value if not isinstance(item, str)) else "")
            example = "[navigation, toc]" if key == "hide" else "[Cairo, migration]"
            return f"its front matter's {key} must be a list of words, such as {example}; it is {written}{hint}"
    search = meta.get("search")
    if "search" in meta and not (isinstance(search, dict) and isinstance(search.get("exclude", False), bool)
                                 and isinstance(search.get("boost", 1), int | float)):
        return (f"its front matter's search must be a mapping such as {{exclude: true}} or {{boost: 2}}; it is "
                f"{_top_written(front, 'search', search)}")
    return None


@dataclass
class HandWritten:
    """The hand-written files under the docs folder, read whole each time: they are few and small, and a
    cache keyed by size and time would miss an edit that keeps both (the data's cache is keyed by content)."""

    docs_dir: Path

    def read(self) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for path, full in _docs_paths(self.docs_dir):
            try:
                found[path] = full.read_bytes()
            except FileNotFoundError:  # removed while we looked: it is gone
                continue
        return found


@dataclass
class Prepared:
    """The merged tree, by path under the docs folder, and the warnings met while making it."""

    files: dict[str, bytes]
    warnings: list[str]


def _with_banner(markdown: str, banner: str) -> str:
    if not banner:
        return markdown
    head, body = split_front_matter(markdown)
    return f"{head}{banner}\n{body}"


def generated_markdown(page: Page, edit: str | None, banner: str = "") -> str:
    """A generated page as a file of the prepared tree: its edit link (or none) in its front matter."""
    head, body = split_front_matter(page.markdown)
    assert head, "a generated page starts with its front matter"
    head = f"---\n{EDIT_URL_KEY}: {front_matter_value(edit or '')}\n{head.removeprefix('---').lstrip()}"
    return _with_banner(head + body, banner)


Written = dict[str, tuple[Page, str | None, str, bytes]]
"""A generated page as last written into a prepared tree, by path: the page, its edit link, the banner, the bytes."""


def prepare(page_set: PageSet, hand_written: dict[str, bytes], options: Options, docs_dir: Path,
            banner: str = "", serving: bool = False, written: Written | None = None,
            references: References | None = None) -> Prepared:
    """The hand-written files and the page set merged into one tree, as the plugin hands them to MkDocs.

    Raises ``Shadowed`` when a hand-written file is at a generated file's place. ``banner`` (raw HTML)
    goes at the top of every page, as the plugin puts it while a development server keeps the last
    good data; ``serving`` also tops a page whose references name no record with a banner saying so.
    ``written`` (a server's, kept between calls): a page that is the very object written before, with the same
    edit link and banner, is not written out again; ``references`` (a server's): a page's references resolved before
    against the same entries are not resolved again.
    """
    refusal = shadowed(page_set, hand_written.__contains__, docs_dir, hand_written)
    if refusal:
        raise Shadowed(refusal)
    files: dict[str, bytes] = {}
    warnings: list[str] = []
    for path, content in hand_written.items():
        if not is_markdown(path):
            files[path] = content
            continue
        text = content.decode("utf-8-sig", errors="replace")  # as MkDocs reads a page: a BOM is not text
        head, body = split_front_matter(text)
        shown = validate.shown(docs_dir / path)
        titled = front_matter_titles(head)
        body, unknown = (references.resolve if references is not None else resolve)(
            body, path, page_set, shown, head.count("\n"), titled, options.containers)
        body = with_as_at(body, page_set)
        warnings.extend(unknown)
        page_banner = banner + (references_banner(unknown) if serving and unknown else "")
        files[path] = _with_banner(head + body, page_banner).encode("utf-8")
    for path, page in page_set.pages.items():
        edit = edit_url(page, options.edit_url, options.config_dir)
        before = written.get(path) if written is not None else None
        if before is not None and before[0] is page and before[1:3] == (edit, banner):
            files[path] = before[3]
            continue
        files[path] = generated_markdown(page, edit, banner).encode("utf-8")
        if written is not None:
            written[path] = page, edit, banner, files[path]
    if written is not None:
        for gone in written.keys() - page_set.pages.keys():
            del written[gone]
    files.update(page_set.files)
    return Prepared(files, warnings)


class Tree:
    """A prepared tree on disk, kept equal to the last :func:`prepare` while writing as little as possible.

    A file is written only when its content changed, and each one in a single rename from a staging
    folder beside the tree, so an engine watching the tree never reads half a file and re-renders
    only what changed; files no longer prepared are removed.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root.with_name(f".{root.name}.staging")
        self.written: dict[str, bytes] = {}
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.staging, ignore_errors=True)
        self.root.mkdir(parents=True)
        self.staging.mkdir(parents=True)

    def update(self, files: dict[str, bytes]) -> list[str]:
        """Write what changed, remove what went; return the paths written or removed."""
        changed: list[str] = []
        for number, (path, content) in enumerate(files.items()):
            if self.written.get(path) == content:
                continue
            target = self.root / path
            if not target.resolve().is_relative_to(self.root.resolve()):
                raise ValueError(f"refusing to write {path}: outside {self.root}")
            target.parent.mkdir(parents=True, exist_ok=True)
            staged = self.staging / str(number)
            staged.write_bytes(content)
            os.replace(staged, target)
            self.written[path] = content
            changed.append(path)
        for path in sorted(set(self.written) - set(files)):
            (self.root / path).unlink(missing_ok=True)
            del self.written[path]
            changed.append(path)
        return changed
