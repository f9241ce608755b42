"""Turn a ``Record`` into the page set: every generated page as Markdown, keyed by its source path.

This is where a paragraph becomes a page: ``build_pages`` lists every page with the template that
renders it; the templates (``templates/*.md.j2``) hold the presentation. Data text is escaped as it
enters the Markdown: every ``{{ value }}`` in a template goes through ``md_text`` unless it is
Markdown this module made itself (``Markdown``), so no data file can inject markup or script.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import posixpath
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from khartoum_site.escape import (
    Markdown,
    attr_list_value,
    front_matter_value,
    head_text,
    html_attr,
    html_text,
    link_url,
    md_pre_text,
    md_text,
    pre_attr,
    pre_text,
)
from khartoum_site.record import history, model, roles, usersecret
from khartoum_site.record.model import display_name
from khartoum_site.site import head as heads
from khartoum_site.site import urls
from khartoum_site.site.citation import (
    ACCESS_DATE_PLACEHOLDER,
    Fill,
    Piece,
    Work,
    cited_url,
    document_work,
    event_work,
    fill_places,
    paragraph_work,
)
from khartoum_site.site.reads import Reads
from khartoum_site.site.terms import TERMS
from khartoum_site.site.urls import Target

NOT_IN_RECORD = "Not in the record."
# How many paragraphs a topic's heading lists of a related topic's that it does not have; the others are under the
# related topic's own heading (listed whole, the page grew as topics times paragraphs: issue 26's bench at 100x)
RELATED_SHOWN = 30
HEAD_KEY = "khartoum_head"
"""Front-matter key of a generated page: its head tags (``head.head_html``), which the theme writes."""


def shown_date(iso: str) -> str:
    """An ISO date (``2026-12-05``) as every page writes a date ("5 December 2026")."""
    try:
        return model.PartialDate(*(int(part) for part in iso.split("-"))).display()
    except (TypeError, ValueError):
        return iso


def as_at(data_date: str | None) -> str:
    """The line every page ends with: the date of the data it shows (``outputs.downloads.data_date``, the
    date the Downloads page and the data package give). Raw HTML, left out of the search index."""
    if not data_date:
        return ""
    shown = shown_date(data_date)
    return (f'\n\n<p class="km-as-at" data-search-exclude="">The record as at '
            f'<time datetime="{html_attr(data_date)}">{html_text(shown)}</time>, the date of its data.</p>\n')

@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its title, its Markdown, and the data it comes from."""

    path: str
    title: str
    markdown: str
    origin: model.Origin | None = None


class _FolderCache(jinja2.BytecodeCache):
    """Compiled templates, each sealed with this user's secret, in a folder opened once and checked
    (``_bytecode_cache``): each file is read and written
    relative to that open folder, never by its path, so a folder swapped for a link after the check is never
    used (an attack did so in a temporary folder others could write to); a file that is not ours and closed to
    others is not loaded; a folder removed meanwhile (a temporary-file cleaner) only means compiling again."""

    def __init__(self, folder: int) -> None:
        self.folder = folder

    @staticmethod
    def _name(bucket: jinja2.bccache.Bucket) -> str:
        return f"__jinja2_{bucket.key}.cache"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            fd = os.open(self._name(bucket), os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=self.folder)
        except OSError:
            return
        with os.fdopen(fd, "rb") as stream:
            found = os.fstat(stream.fileno())
            if not (stat.S_ISREG(found.st_mode) and found.st_uid == os.getuid() and not found.st_mode & 0o077):
                return
            raw = b""
            with contextlib.suppress(OSError):
                raw = stream.read(_MAX_COMPILED + 1)
        seal, _, body = raw.partition(b"\n")
        # Only code this user's secret sealed is run: a file planted where the folder is (a repository's own
        # folder used as TMPDIR, say) cannot carry the seal, however it was made.
        if len(raw) <= _MAX_COMPILED and usersecret.sealed_by_us(seal, body):
            with contextlib.suppress(OSError, EOFError, ValueError):
                bucket.load_bytecode(io.BytesIO(body))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = io.BytesIO()
        bucket.write_bytecode(compiled)
        body = compiled.getvalue()
        seal = usersecret.seal(body)
        if seal is None:
            return
        temporary = f".{self._name(bucket)}.{os.getpid()}.tmp"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600, dir_fd=self.folder)
            with os.fdopen(fd, "wb") as stream:
                stream.write(seal + b"\n" + body)
            os.replace(temporary, self._name(bucket), src_dir_fd=self.folder, dst_dir_fd=self.folder)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self.folder)


_MAX_COMPILED = 16 << 20  # bytes: a compiled template is a few kilobytes


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds (compiling them is most of a cold build's own time)."""
    if not hasattr(os, "getuid") or os.open not in os.supports_dir_fd:
        return None
    # Each file is sealed with this user's secret (``usersecret``); a secret inside the project the command
    # runs in ($XDG_CACHE_HOME pointed there) seals nothing, as whoever writes the project can read it.
    # The project is asked before the secret is made: a secret that would lie in it is never made (a build with
    # XDG_CACHE_HOME in the project's docs/ published the key); nor is a folder of templates (TMPDIR in docs/
    # published 44 compiled templates holding the builder's paths).
    project = os.path.realpath(os.getcwd())
    folder = Path(tempfile.gettempdir()) / f"khartoum-site-templates-{os.getuid()}"
    if usersecret.lies_in(project) or Path(os.path.realpath(folder.parent)).is_relative_to(project) \
            or usersecret.in_a_project(folder.parent) or usersecret.secret() is None:
        return None
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)  # a link planted there is not followed
    except OSError:
        return None
    found = os.fstat(fd)
    # The cache holds code that is loaded and run: only a real folder that is ours and that no one else may write
    # to or read is used (an attack linked the path to a shared folder, or made it world-writable, and filled it).
    if found.st_uid != os.getuid() or found.st_mode & 0o077:
        os.close(fd)
        return None
    return _FolderCache(fd)


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment per process: templates are compiled once, also across `mkdocs serve` rebuilds."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        undefined=jinja2.StrictUndefined,
        finalize=md_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # the output is Markdown: finalize=md_text escapes for it instead
        bytecode_cache=_bytecode_cache(),
    )
    env.globals.update(
        NOT_IN_RECORD=NOT_IN_RECORD,
        RELATED_SHOWN=RELATED_SHOWN,
        REGION_LABELS=model.choice_labels(model.MemberState, "region"),
        label_of=model.label_of,
        PARTY_FIELDS=model.PARTY_FIELDS,
        COLLECTION=model.COLLECTION,
        MENTION_COLLECTIONS=model.MENTION_COLLECTIONS,
        MEMBERSHIP_KINDS=model.choice_labels(model.Membership, "how"),
        membership_anchor=lambda ident: Markdown(html_attr(urls.membership_anchor(ident))),
        record_anchor=lambda item: Markdown(html_attr(urls.target_of(item).anchor or "")),
        # the anchors a record shown on its list kept from its former ids (published links to them still land)
        former_anchors=lambda item: [Markdown(html_attr(urls.on_list_anchor(model.COLLECTION_OF[type(item)].name,
                                                                            former)))
                                     for former in item.former_ids],
        display_name=display_name,
        # a name as the sources write it, in quotation marks only where a cited source's text holds it (checked):
        # a web page the record does not keep cannot be quoted (a twenty-fourth attack's X7)
        written=lambda record, entry, name: f"“{name}”" if record.cites_a_text(entry) else name,
        in_sentence=model.in_sentence,  # a state's name in running text: "the Netherlands"
        source_date=model.source_date,
        ACCESS_DATE_PLACEHOLDER=ACCESS_DATE_PLACEHOLDER,
        TERMS=TERMS,  # the terms of reuse, said once (terms.py): the Downloads page states them
    )
    # Data inside raw HTML (an attribute, a caption) is escaped for HTML, not for Markdown.
    env.tests["naming"] = roles.names_state  # a name as a source writes it that names the state
    env.tests["naming_a_state"] = roles.names_a_state  # ... that names any state of the record
    env.filters["html"] = lambda value: Markdown(html_attr(value))
    env.filters["attr_list"] = lambda value: Markdown(attr_list_value(value))
    env.filters["lower_first"] = lambda value: value[:1].lower() + value[1:]  # a label inside a sentence
    env.filters["upper_first"] = lambda value: value[:1].upper() + value[1:]  # a phrase starting a cell
    return env


class _Renderer:
    def __init__(self, record: model.Record, site_url: str | None, data_date: str | None = None,
                 only: set[str] | None = None, reads: Reads | None = None) -> None:
        self.record = record
        self.site_url = site_url
        self.as_at = as_at(data_date)
        self.env = _environment()
        self.common: dict[str, Any] = {}  # context every page gets
        self.pages: dict[str, Page] = {}
        self.only = only
        self.reads = reads

    def wants(self, path: str) -> bool:
        """Whether to make the page at ``path`` (every page, unless ``only`` names some). While reads are traced,
        what is read from here to the page's end (its title, head, citations and template) is the page's."""
        if self.only is not None and path not in self.only:
            return False
        if self.reads is not None:
            self.reads.begin(path)
        return True

    def helpers(self, path: str) -> dict[str, Callable[..., Any]]:
        """Functions a template calls to link from the page at ``path``."""

        def href(target: Target | object) -> Markdown:
            tgt = target if isinstance(target, Target) else urls.target_of(target)
            return Markdown(urls.relative_link(path, tgt))

        def link(item: Target | object, text: str | None = None) -> Markdown:
            label = text if text is not None else display_name(item)
            return Markdown(f"[{md_text(label)}]({href(item)})")

        def source_link(cite: model.Cite) -> Markdown:
            return link(self.record.sources[cite.source])

        def external(url: str, text: str) -> Markdown:
            return Markdown(f"[{md_text(text)}]({link_url(url)})")

        def in_text(paragraph: model.Paragraph) -> Markdown:
            return href(urls.paragraph_in_text(paragraph.document, paragraph.id))

        def page_link(name: str, text: str) -> Markdown:
            """A link to a page by name (``urls.page_named``): templates hold no paths."""
            return link(Target(urls.page_named(name)), text)

        def at(item: object, anchor: str) -> Target:
            """A place on a record's page: an anchor the record's template writes (``roles``)."""
            return Target(urls.target_of(item).page, anchor)

        def on_the_timeline(event: model.Event) -> Target:
            return urls.on_the_timeline(event.id)

        return {"href": href, "link": link, "on_the_timeline": on_the_timeline, "source_link": source_link,
                "external": external, "in_text": in_text, "page_link": page_link, "at": at,
                "filter_choices": self.filter_choices}

    def filter_choices(self, document: model.Document) -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
        """What a reader can filter a full text by: the topics, states and instruments its paragraphs
        have or name, each as (id, name, former ids), by name. A filter address made before a rename
        names a former id: the page's script picks the record it became."""
        found: dict[str, set[str]] = {"topics": set(), "states": set(), "instruments": set()}
        for paragraph in document.paragraphs:
            found["topics"].update(paragraph.topics)
            found["states"].update(paragraph.mentions.states)
            found["instruments"].update(paragraph.mentions.instruments)
        choices: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
        for collection, ids in found.items():
            entries = [getattr(self.record, collection)[ident] for ident in ids]
            if entries:
                choices[collection] = sorted(((e.id, display_name(e), tuple(e.former_ids)) for e in entries),
                                             key=lambda choice: choice[1].casefold())
        return choices

    def add(self, path: str, template: str, title: str, origin: model.Origin | None = None,
            head: heads.Head | None = None, **context: Any) -> None:
        # Both are bugs in the URL scheme, not in the data (ids are checked against ID_PATTERN).
        if path in self.pages:
            raise ValueError(f"two generated pages at {path}")
        if posixpath.normpath(path) != path or path.startswith(("/", "../")):
            raise ValueError(f"a generated page would be written outside the site: {path}")
        markdown = self.env.get_template(template).render(
            record=self.record, page_path=path, title=title, site_url=self.site_url, **self.common,
            **self.helpers(path), **context)
        # The title and description the theme puts in the head and header, escaped for it (see
        # escape.head_text), and the page's other head tags (site/head.py), which the theme writes as they are.
        head = head or heads.Head(heads.shorten(title))
        front = (f"---\ntitle: {front_matter_value(head_text(title))}\n"
                 f"description: {front_matter_value(head_text(head.description))}\n"
                 f"{HEAD_KEY}: {front_matter_value(heads.head_html(head, title, path))}\n---\n\n")
        self.pages[path] = Page(path, title, front + markdown + self.as_at, origin)
        if self.reads is not None:
            self.reads.end()


@dataclass(frozen=True)
class Cited:
    """A citation as a page shows it (``_cite.md.j2``): each style as a code block that reads in full without
    script, with the places ``assets/khartoum-cite.js`` fills in, and the address it resolves the cited page's
    from (``base``: the configured one, else the cited page's relative to the page that shows it)."""

    title: str
    issuers: tuple[str, ...]
    blocks: dict[str, Markdown]
    base: str


# The language a style's code block names, as Markdown's fenced code would.
_LANGUAGES = {"csl": "json", "bibtex": "bibtex", "markdown": "markdown"}


def _code(pieces: tuple[Piece, ...], language: str) -> Markdown:
    """A style's code block: its text, each place to fill a ``span`` holding what it shows without script and,
    in ``data-km-fill``, the template the script puts there (made by the citation module, never data text)."""
    text = "".join(f'<span data-km-fill="{pre_attr(p.template)}">{pre_text(p.shown)}</span>'
                   if isinstance(p, Fill) else pre_text(p) for p in pieces)
    return Markdown(f'<pre><code class="language-{language}">{text}\n</code></pre>')


def _cited(work: Work, item: object, page: str, site_url: str | None) -> Cited:
    """How ``item`` (its page holding ``work``) is cited from ``page``."""
    styles = fill_places(work, cited_url(item, site_url))
    base = cited_url(item, site_url) if site_url else urls.href(page, urls.target_of(item).page)
    return Cited(work.title, work.issuers,
                 {style: _code(pieces, _LANGUAGES.get(style, "text")) for style, pieces in styles.items()}, base)


def _citations(record: model.Record, item: object, page: str, site_url: str | None) -> list[Cited]:
    """What an entry's page offers to cite: a document itself; a meeting; for a state, the paragraph of
    each document that names it among the participants (what its participation rests on)."""
    if isinstance(item, model.Document):
        return [_cited(document_work(item, record), item, page, site_url)]
    if isinstance(item, model.Event):
        return [_cited(event_work(item), item, page, site_url)]
    if isinstance(item, model.MemberState):
        return [_cited(paragraph_work(document, paragraph, record), paragraph, page, site_url)
                for document, paragraph in record.participation(item.id).listed_in]
    return []


DOWNLOAD_LABELS = {
    urls.RECORD_JSON: "The whole record: every collection and document",
    urls.RECORD_SCHEMA: "The JSON Schema of the record file",
    urls.DATA_PACKAGE: "The Frictionless data package: the CSVs' columns, types and keys",
    urls.download_path("paragraphs.csv"): "Every paragraph, with its text of record and annotations",
}


def download_label(path: str) -> str:
    """What a download holds, in a line of the Downloads page."""
    if path in DOWNLOAD_LABELS:
        return DOWNLOAD_LABELS[path]
    if path.endswith(".akn.xml"):
        return "The document's text in Akoma Ntoso 3.0 (XML), paragraph by paragraph"
    return f"The {posixpath.basename(path).removesuffix('.csv')}, one row each"


def _size(length: int) -> str:
    return f"{length:,} bytes" if length < 10_000 else f"{length / 1000:,.0f} kB"


def build_pages(record: model.Record, site_url: str | None = None, downloads: dict[str, bytes] | None = None,
                data_date: str | None = None, main_map: Callable[[str], str] | None = None,
                locator_src: Callable[[str], str] | None = None, only: set[str] | None = None,
                reads: Reads | None = None) -> dict[str, Page]:
    """Every generated page of the site, keyed by Markdown source path.

    ``site_url`` (``https://…/``) makes the cited URLs absolute; without one they start at ``/`` until
    the reader's browser puts in the address it is on (see ``citation``).
    ``downloads`` (path → content) and ``data_date`` make the Downloads page, if given. ``main_map(page)``
    draws the map of the states for a page; ``locator_src(page)`` is the locator sheet's address from it.
    ``only``: make only the pages at these paths (a server's rebuild, ``outputs/pageset.py``). ``reads``: note
    what each page reads of the record (``reads.py``); the caller traces.
    """
    r = _Renderer(record, site_url, data_date, only, reads)
    note = reads.note if reads is not None else (lambda _what: None)
    published = set(downloads or ())
    r.common["entry_at"] = lambda key: _see(record, key)  # an entry of the record by its key
    r.common["text_kept"] = text_kept
    r.common["count_year"] = lambda source: history.count_year(record, source)
    # a list's records taken out of the record, each with the page that says so (templates hold no paths)
    r.common["withdrawn_on_list"] = lambda collection: [
        (item, urls.own_page(item)) for key, item in record.withdrawn.items() if key.startswith(f"{collection}/")]
    # the membership statements taken out of the record that were shown on a page, each with the page that says so
    r.common["withdrawn_statements"] = lambda page: [
        (item, urls.own_page(item)) for item in record.withdrawn.values()
        if isinstance(item, model.Membership) and urls.target_of(item).page == page]
    r.common["earliest_membership"] = lambda state: history.earliest(record, state)
    r.common["first_date"] = lambda membership: history.when(record, membership)
    r.common["term_standing"] = lambda term: history.term_standing(record, term)
    r.common["standing_at"] = lambda key, date: _standing_at(record, key, date)
    r.common["UNDATED"], r.common["DIFFERING"] = history.UNDATED, history.DIFFERING
    r.common["UNPLACED"] = history.UNPLACED
    # A document's Akoma Ntoso file is linked where the downloads hold one (outputs/akomantoso.py decides).
    r.common["akoma_ntoso_file"] = lambda document: (
        Target(path) if (path := urls.akoma_ntoso_path(document.id)) in published else None)
    # The map's names and tooltips are not what a reader searches for: search leaves the map out.
    def world_map(page: str) -> str:
        note("map")  # drawn before the pages, from the states: compared as drawn
        return Markdown(f'<div class="km-map-box" data-search-exclude="">\n{main_map(page)}\n</div>') if main_map \
            else ""

    r.common["world_map"] = world_map
    r.common["locator_src"] = (lambda page: Markdown(html_attr(locator_src(page)))) if locator_src else None
    if downloads is not None and r.wants(urls.DOWNLOADS_PAGE):
        note("downloads")  # made before the pages, from the record: compared as made
        files = [{"target": Target(path), "name": posixpath.basename(path), "size": _size(len(content)),
                  "what": download_label(path)} for path, content in downloads.items()]
        r.add(urls.DOWNLOADS_PAGE, "downloads.md.j2", "Downloads", head=heads.downloads_head(downloads, data_date),
              files=files, data_date=shown_date(data_date) if data_date else NOT_IN_RECORD)
    # Who did what: the chairs in time order, the Steering Committee's lists by date, a state's roles.
    r.common["roles_of"] = lambda state: roles.roles_of(record, state)
    r.common["terms_in_order"] = lambda: roles.terms_in_order(record)
    r.common["concurrent"] = lambda term: roles.concurrent(record, term)
    r.common["handovers_within"] = lambda term: roles.handovers_within(record, term)
    r.common["agreeing"] = lambda term: roles.agreeing(record, term)
    r.common["undecided"] = lambda source: roles.undecided(record, source)
    r.common["place_of"] = model.shown_place
    # the source's words in quotation marks only where a cited text holds them (an attack's Y3, as ``written``)
    r.common["group_of"] = lambda seat: model.shown_group(seat, record.cites_a_text(seat))
    r.common["committee_lists"] = lambda: roles.committee_lists(record)
    r.common["listing_source"] = lambda seat: roles.listing_source(record, seat)
    r.common["seats_of"] = lambda **holder: roles.seats_of(record, **holder)
    r.common["committee_rows"] = lambda **holder: roles.committee_rows(record, **holder)
    r.common["seat_held"] = lambda seat: roles.seat_held(record, seat)
    r.common["held_by"] = lambda seat: roles.held_by(record, seat)
    r.common["listed_in"] = lambda membership: roles.listed_in(record, membership)
    latest = history.last_dated(record)
    r.common["latest_members"] = history.members_as_at(record, history.last_day(latest)) if latest else None
    if r.wants(urls.HOME):
        r.add(urls.HOME, "home.md.j2", "The Khartoum Process record", head=heads.home_head(record),
              data_date=shown_date(data_date) if data_date else NOT_IN_RECORD)
    if r.wants(urls.TIMELINE):
        r.add(urls.TIMELINE, "timeline.md.j2", "Timeline", head=heads.timeline_head(record, site_url),
              events=record.timeline())
    _members_by_year(r, record, latest)

    # Each collection: a list page, and a page per record (an event has an anchor on the timeline too).
    for collection in model.COLLECTIONS:
        if r.wants(urls.index_page(collection.name)):
            r.add(urls.index_page(collection.name), f"{collection.name}_index.md.j2", collection.title,
                  head=heads.index_head(record, collection))
        for item in getattr(record, collection.name).values():
            name = collection.singular.replace(" ", "_")  # "other state": other_state.md.j2
            if urls.target_of(item).anchor is not None:
                continue  # a heading elsewhere (a membership statement, a seat, a term): its old page redirects
            page = urls.target_of(item).page
            if r.wants(page):
                r.add(page, f"{name}.md.j2", display_name(item), item.origin,
                      head=heads.entry_head(record, item, site_url, published),
                      citations=_citations(record, item, page, site_url), **{name: item})

    # This is where a paragraph becomes a page: paragraph.md.j2, with its citation and neighbours.
    for document in record.documents.values():
        paragraphs = document.paragraphs
        for i, paragraph in enumerate(paragraphs):
            page = urls.target_of(paragraph).page
            if r.wants(page):
                r.add(page, "paragraph.md.j2", f"{document.title}, {paragraph.label}",
                      paragraph.origin, head=heads.paragraph_head(record, document, paragraph, site_url, published),
                      document=document, paragraph=paragraph,
                      citations=[_cited(paragraph_work(document, paragraph, record), paragraph, page, site_url)],
                      previous=paragraphs[i - 1] if i > 0 else None,
                      next=paragraphs[i + 1] if i + 1 < len(paragraphs) else None)

    # A withdrawn entry's address keeps answering: what it was, when and why it was withdrawn, where to go.
    # (A withdrawn event keeps its anchor on the timeline as well.)
    for key, item in record.withdrawn.items():
        if not r.wants(urls.own_page(item).page):
            continue
        withdrawal = record.withdrawal_of(item)
        see = withdrawal.see if withdrawal else None
        r.add(urls.own_page(item).page, "withdrawn.md.j2", f"{display_name(item)} (withdrawn)", item.origin,
              head=heads.withdrawn_head(item, withdrawal), item=item, key=key, withdrawal=withdrawal,
              kind=_kind_of(item), cites=getattr(item, "cites", ()),
              see=_see(record, see) if see else None)
    return r.pages


def _members_by_year(r: _Renderer, record: model.Record, last_dated: model.PartialDate | None) -> None:
    """Membership as at the end of each year the record can answer for: a page per year, and their list."""
    years = history.years(record)

    def at(year: int) -> history.MembersAsAt:
        # worked out inside each page that shows it: only the pages made again work it out again, and what it
        # reads of the record is theirs (site/reads.py)
        return history.members_as_at(record, (year, 12, 31))

    for i, year in enumerate(years):
        previous = years[i - 1] if i > 0 else None
        following = years[i + 1] if i + 1 < len(years) else None
        if not r.wants(urls.members_as_at(year)):
            continue
        as_at = at(year)
        r.add(urls.members_as_at(year), "members_year.md.j2", f"Membership as at {_year_end(year)}",
              head=heads.members_head(_year_end(year), as_at), day=_year_end(year), year=year, as_at=as_at,
              last_dated=last_dated, previous=previous, next=following,
              previous_page=Target(urls.members_as_at(previous)) if previous else None,
              next_page=Target(urls.members_as_at(following)) if following else None)
    if not r.wants(urls.MEMBERS_AS_AT):
        return
    r.add(urls.MEMBERS_AS_AT, "members_index.md.j2", "Membership year by year",
          head=heads.members_index_head([_year_end(year) for year in years]),
          years=[(_year_end(year), at(year), Target(urls.members_as_at(year))) for year in years])


def text_kept(text: str, summary: str) -> Markdown:
    """A source's text as the record keeps it, folded under ``summary`` until a reader opens it (no script): shown
    as written, every line break, indent and run of spaces kept, in a ``pre`` (joined into paragraphs by blank lines
    alone, a line of no-break spaces ran two of the check's paragraphs into one, and columns lost their alignment, an
    attack's AV7; in a ``p``, the published page's runs of spaces were made one, ``adapters/trim.py``, AX1). Every
    character escaped, and the line breaks written as ``&#10;``, so the block of HTML is one line, which Markdown
    leaves as it is (``md_pre_text``). Left out of search: the words are the source's."""
    body = md_pre_text(text.strip("\n"))
    return Markdown(f'<details class="km-source-text" data-search-exclude=""><summary>{html_text(summary)}</summary>'
                    f'<blockquote><pre class="km-kept-text">{body}</pre></blockquote></details>')


def _year_end(year: int) -> str:
    return model.PartialDate(year, 12, 31).display()


def _kind_of(item: object) -> str:
    return "paragraph" if isinstance(item, model.Paragraph) else model.COLLECTION_OF[type(item)].singular


def _standing_at(record: model.Record, key: str, date: model.PartialDate) -> str | None:
    """How the record places a meeting's host or chair (by key) as a member at its date; None for an
    organisation, which is a partner and never a member."""
    collection, ident = key.split("/", 1)
    return None if collection == "organisations" else history.standing(record, history.key_of(collection, ident), date)


def _see(record: model.Record, key: str) -> object:
    """The entry a withdrawal sends readers to, by key (checked to be in the record)."""
    first, ident = key.split("/", 1)
    if first in model.COLLECTION:
        return record.collection(first)[ident]
    return next(p for p in record.documents[first].paragraphs if p.id == ident)
