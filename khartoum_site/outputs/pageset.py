"""Everything the site adds to a documentation build, made once from the record.

``make_page_set`` is what the adapters call: the MkDocs plugin adds its pages and files to a build,
``khartoum-site generate`` writes them to a folder for any other generator. It holds no presentation
(see ``pages`` and its templates) and no URL rules (see ``urls``).
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from khartoum_site.outputs import worldmap
from khartoum_site.outputs.downloads import data_date as data_date  # looked up here: tests stand in for git
from khartoum_site.outputs.downloads import download_files, not_before_the_record
from khartoum_site.outputs.feed import FEED_PATH, atom_feed
from khartoum_site.outputs.inventory import ids_json, objects_inv
from khartoum_site.outputs.robots import robots_txt
from khartoum_site.record import geodata, model
from khartoum_site.site import urls
from khartoum_site.site.pages import Page, build_pages
from khartoum_site.site.reads import Read, Reads, changed_fields, entries_by_key, shape
from khartoum_site.site.references import Linkable, aliases, entries, redirect_html, redirects

LOCATOR_SHEET = "assets/khartoum-locator.svg"
MAP_TITLE = "The participating states of the Khartoum Process"  # the map's accessible name


@dataclass
class PageSet:
    pages: dict[str, Page]  # Markdown source path → generated page
    files: dict[str, bytes]  # site path → static file: downloads, inventory, redirects, the locator sheet, robots.txt
    entries: dict[str, Linkable] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    data_date: str | None = None  # the date of the data (downloads.data_date): every page says it


_CODES: dict[bytes, set[str]] = {}
"""The codes of the countries in the map data, by the data's digest."""
_DRAWN: dict[tuple[object, ...], tuple[str, bytes]] = {}
"""The last maps drawn, by everything they are drawn from: a server's rebuild after an edit that leaves the
states and the shapes as they were does not draw them again (a tenth of a second at any size)."""


def maps(record: model.Record, geojson: Path) -> tuple[Callable[[str], str], bytes]:
    """The map of the states, drawn once and given per page the links relative to it; the locator sheet."""
    states = list(record.states.values())
    placeholder = "KHARTOUM-STATES-FOLDER/"
    on_map = [worldmap.MapState(s.id, s.name, s.iso3, s.region, f"{placeholder}{s.id}/") for s in states]
    on_sheet = [worldmap.MapState(s.id, s.name, s.iso3, s.region) for s in states]
    # Keyed by the shapes' content, not their path or time: a copy of the data draws from the cache, and
    # an edit that keeps the file's size and time is still seen.
    shapes = hashlib.blake2b(geojson.read_bytes(), digest_size=16).digest()
    if shapes not in _CODES:
        _CODES.clear()
        _CODES[shapes] = {country.iso3 for country in geodata.load_geodata(geojson).countries}
    # Drawn with stand-ins for the names, which only label the states, and labelled after: a state renamed
    # (a server's rebuild after an edit) draws nothing again.
    drawn_for, sheet_for = (worldmap.stand_ins(on, _CODES[shapes]) for on in (on_map, on_sheet))
    key = (shapes, repr(drawn_for), repr(sheet_for))
    if key not in _DRAWN:
        drawn = worldmap.render_map(geojson, drawn_for, width=640, height=1000, title=MAP_TITLE)
        sheet = worldmap.render_locator_sheet(geojson, sheet_for, width=240, height=320).encode("utf-8")
        _DRAWN.clear()
        _DRAWN[key] = drawn, sheet
    drawn = worldmap.labelled(_DRAWN[key][0], on_map)
    sheet = worldmap.labelled(_DRAWN[key][1].decode("utf-8"), on_sheet).encode("utf-8")

    def main_map(page: str) -> str:
        return drawn.replace(f'href="{placeholder}', f'href="{urls.href(page, urls.index_page("states"))}')

    return main_map, sheet


def locator_src(page: str) -> str:
    """The locator sheet's address from a page's Markdown source, for a Markdown image.

    Relative to the source file (``states/austria.md`` → ``../assets/khartoum-locator.svg``), as every
    engine reads a Markdown link and rewrites it for the page's own URL. Not raw HTML: MkDocs leaves an
    ``<img src>`` as it is, while Zensical rewrites it one level deeper, so no one raw path fits both.
    """
    return urls.relative_path(LOCATOR_SHEET, posixpath.dirname(page) or ".")


@dataclass
class Kept:
    """What a server keeps of the last page set it made, to make the next one: the record's entries and shape,
    what each page and each download read of them (``site/reads.py``), the pages and downloads, and the inputs
    the pages read that are not entries. A new ``Kept`` makes everything again."""

    basis: tuple[object, ...] = ()
    entries: dict[str, model.Entry] = field(default_factory=dict)
    shape: tuple[object, ...] = ()
    reads: Reads | None = None  # of the pages
    table: dict[Read, int] = field(default_factory=dict)  # the numbers of the reads of both (``Reads.table``)
    file_reads: Reads | None = None  # of the downloads
    pages: dict[str, Page] = field(default_factory=dict)
    drawn: str = ""
    downloads: dict[str, bytes] = field(default_factory=dict)
    made: dict[str, bytes] = field(default_factory=dict)  # each file made through ``_Again.download``, by path
    made_again: list[str] | None = None
    """The pages the last call made again (None: every page, as nothing could be reused)."""
    inventory: tuple[tuple[object, ...], tuple[bytes, bytes, dict[str, bytes]]] | None = None
    """What the inventory was made from (the entries, the aliases, the site's name and address), and it: objects.inv,
    ids.json and the redirect pages."""


class _Again:
    """One rebuild of a server's page set from what it kept (``Kept``): which fields changed since, and the
    reads of the pages and downloads made now.

    A page or a download is reused when the shape of the record (``reads.shape``) and the basis (the code, the
    address, the data's date) are as they were, no field that changed was read outside every page (or every
    download), and it read none of the fields that changed (a page: nor the map or the downloads, if they
    changed). The same code reading the same values makes the same page; anything else makes it again."""

    def __init__(self, kept: Kept, record: model.Record, basis: tuple[object, ...]) -> None:
        self.kept, self.basis = kept, basis
        self.entries = entries_by_key(record)
        self.shape = shape(record, self.entries)
        same = kept.reads is not None and kept.basis == basis and kept.shape == self.shape
        self.diff = changed_fields(kept.entries, self.entries) if same else None
        # The numbers of the reads kept hold for the reads noted now; when nothing is reused they start afresh.
        self.table: dict[Read, int] = kept.table if self.diff is not None else {}
        self.page_reads, self.file_reads = Reads(self.entries, self.table), Reads(self.entries, self.table)
        self.made: dict[str, bytes] = {}

    def download(self, path: str, make: Callable[[], bytes], reusable: bool) -> bytes:
        """A download, from what was kept if it read nothing that changed; else made, its reads noted. One that is
        made every time (``reusable`` False: the record's JSON, which keeps each entry's data itself) is not
        traced."""
        kept, reads = self.kept.file_reads, self.file_reads
        if not reusable:
            with reads.aside():
                return make()
        if (self.diff is not None and kept is not None and self.diff.isdisjoint(kept.shared)
                and path in kept.by_page and path in self.kept.made
                and not kept.read_any(path, kept.numbers(self.diff))):
            reads.by_page[path] = kept.by_page[path]
            self.made[path] = self.kept.made[path]
            return self.made[path]
        reads.begin(path)
        try:
            self.made[path] = make()
        finally:
            reads.end()
        return self.made[path]

    def pages(self, record: model.Record, site_url: str | None, downloads: dict[str, bytes], changed: str,
              main_map: Callable[[str], str]) -> dict[str, Page]:
        """The pages of ``record``, made again only where a page read what changed since the kept record."""
        kept, diff = self.kept, self.diff
        drawn = main_map(urls.HOME)
        only: set[str] | None = None
        if diff is not None and kept.reads is not None and kept.downloads.keys() == downloads.keys() \
                and diff.isdisjoint(kept.reads.shared):
            noted: set[Read] = set()
            if drawn != kept.drawn:
                noted.add(("@", "map"))
            if downloads != kept.downloads:
                noted.add(("@", "downloads"))
            only = kept.reads.pages_reading(diff | noted)
        reads = self.page_reads
        with reads.tracing():
            made = build_pages(record, site_url or None, downloads, changed, main_map, locator_src, only, reads)
        if only is not None:
            assert kept.reads is not None
            if set(made) != only:  # a page of the same shape went, or came: not what was kept; all made again
                self.page_reads, only = Reads(self.entries, self.table), None
                with self.page_reads.tracing():
                    made = build_pages(record, site_url or None, downloads, changed, main_map, locator_src, None,
                                       self.page_reads)
            else:
                for path in kept.pages.keys() - only:
                    reads.by_page[path] = kept.reads.by_page[path]
                made = {path: made.get(path, page) for path, page in kept.pages.items()}
        kept.basis, kept.entries, kept.shape, kept.pages = self.basis, self.entries, self.shape, made
        # the reads of the pages and of the files made (the downloads and the feed), for the next rebuild
        kept.reads, kept.file_reads, kept.made, kept.table = self.page_reads, self.file_reads, self.made, self.table
        kept.drawn, kept.downloads, kept.made_again = drawn, downloads, sorted(only) if only is not None else None
        return made


def make_page_set(record: model.Record, data_dir: Path, site_name: str, site_url: str | None,
                  changed: str | None = None, kept: Kept | None = None, basis: tuple[object, ...] = ()) -> PageSet:
    """The page set of ``record``; ``changed``: the date of the data, if it was read already (``data_date``).

    ``kept`` (a server's): the pages are made again only where they read what changed since the page set it
    holds, if ``basis`` (what the pages are made with besides the record: the code) is as it was."""
    changed = not_before_the_record(record, changed or data_date(data_dir), data_dir.name)
    again = _Again(kept, record, (*basis, site_url, changed, site_name)) if kept is not None else None
    if again is None:
        downloads = download_files(record, changed, site_url)  # the CSVs' URLs absolute under site_url
        feed = atom_feed(record, site_name, changed, site_url or None)
    else:
        with again.file_reads.tracing():
            downloads = download_files(record, changed, site_url, again.download)
            # made again, as a download is, only when it read a field that changed: asked before the pages, which
            # hand the files made now to the next rebuild (asked after them, the feed was made every time)
            feed = again.download(FEED_PATH, lambda: atom_feed(record, site_name, changed, site_url or None), True)
    main_map, sheet = maps(record, data_dir / geodata.GEOJSON)  # checked by the validator
    if again is None:
        pages = build_pages(record, site_url or None, downloads, changed, main_map, locator_src)
    else:
        pages = again.pages(record, site_url, downloads, changed, main_map)
    known, alias = entries(record), aliases(record)
    inventory = (known, alias, site_name, site_url)
    if kept is None or kept.inventory is None or kept.inventory[0] != inventory:
        made = (objects_inv(known, alias, site_name, "1"), ids_json(known, alias, site_name, site_url).encode("utf-8"),
                {path: redirect_html(path, entry.page, entry.title).encode("utf-8")
                 for path, entry in redirects(known, alias).items()})
        if kept is not None:  # a server's: made again only when an entry's key, address or title changed
            kept.inventory = inventory, made
    else:
        made = kept.inventory[1]
        # The very objects of the last page set, equal to these: what was resolved against them holds (the
        # references of hand-written pages, ``prepare.References``).
        known, alias = kept.inventory[0][0], kept.inventory[0][1]
    files: dict[str, bytes] = dict(made[2])  # the redirect pages
    files.update(downloads)
    files["objects.inv"], files["ids.json"] = made[0], made[1]
    files[LOCATOR_SHEET] = sheet
    files[FEED_PATH] = feed
    files[urls.ROBOTS] = robots_txt(site_url).encode("utf-8")
    return PageSet(pages, files, known, alias, changed)
