"""The one place that decides where every record lives: page paths, anchors and public URLs.

URLs come from ids, never from titles or positions, so editing a name or reordering a file never
moves a page. The scheme (relative to the site root):

    index.md                                  home
    states/index.md, states/<id>.md           and likewise organisations, instruments
    sources/index.md#source-<id>              a source: a heading on the list of sources (and likewise a
                                              topic, topics/index.md#topic-<id>)
    documents/index.md                        the documents
    documents/<doc>/index.md#<paragraph>         a document's full text, one anchor per paragraph
    documents/<doc>/<paragraph>.md               a paragraph's own page
    timeline.md#<event>                       an event on the timeline

Pages are Markdown source paths; MkDocs turns ``states/austria.md`` into ``states/austria/``.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass

from khartoum_site.record import model

HOME = "index.md"
TIMELINE = "timeline.md"
DOWNLOADS_PAGE = "downloads.md"
# The collections with a page per record (an event also keeps an anchor on the timeline).
COLLECTIONS = tuple(c.name for c in model.COLLECTIONS)
# Pages a template links by name: those the site makes, and the hand-written ones it points readers to.
SITE_PAGES = {"home": HOME, "timeline": TIMELINE, "downloads": DOWNLOADS_PAGE, "about": "about.md", "cite": "cite.md",
              "members": "members/index.md"}


def page_named(name: str) -> str:
    """The page a template names: ``"timeline"``, ``"cite"``, or a collection's list (``"states"``)."""
    if name in SITE_PAGES:
        return SITE_PAGES[name]
    if name in COLLECTIONS:
        return index_page(name)
    raise KeyError(f"no page is named {name!r}: expected one of {', '.join([*SITE_PAGES, *COLLECTIONS])}")


# An id that would name a page the site makes itself: a collection's list, a document's full text.
RESERVED_IDS = frozenset({"index"})
# Anchors the templates put on the two pages where ids are anchors too: a paragraph id (or a former
# one) is an anchor on its document's full text, an event id on the timeline. The theme's own ids
# start with "__", which no id can.
FULL_TEXT_ANCHORS = frozenset({"document", "preamble", "operative", "about-this-text", "named-in-the-record",
                               "sources", "withdrawn", "cite"})
TIMELINE_ANCHORS = frozenset({"timeline", "withdrawn"})
YEAR_ANCHOR = re.compile(r"^year-\d+$")  # the timeline's year headings


# The downloads: the record as JSON with its schema, the CSVs with their data package, Akoma Ntoso files.
DOWNLOADS = "downloads"
RECORD_JSON = f"{DOWNLOADS}/khartoum-process-record.json"
RECORD_SCHEMA = f"{DOWNLOADS}/khartoum-process-record.schema.json"
DATA_PACKAGE = f"{DOWNLOADS}/datapackage.json"


# Files at the site root for crawlers: the sitemap (written by the engine) and robots.txt (by the page set).
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"


def file_address(site_path: str, site_url: str | None) -> str:
    """A file's full address under ``site_url`` (``https://host/kp/sitemap.xml``); without one, from the site
    root (``/sitemap.xml``)."""
    return (site_url or "").rstrip("/") + "/" + site_path


def download_path(name: str) -> str:
    """Where a download of that file name is in the site: ``downloads/states.csv``."""
    return f"{DOWNLOADS}/{name}"


def akoma_ntoso_path(document: str) -> str:
    """Where a document's Akoma Ntoso file is in the site: ``downloads/cairo-2025.akn.xml``."""
    return download_path(f"{document}.akn.xml")


def reserved_anchor(page: str, ident: str) -> bool:
    """Whether ``ident`` is an anchor the templates already emit on ``page`` (``TIMELINE`` or a full text)."""
    if page == TIMELINE:
        return ident in TIMELINE_ANCHORS or YEAR_ANCHOR.match(ident) is not None
    return ident in FULL_TEXT_ANCHORS


@dataclass(frozen=True)
class Target:
    """A page (Markdown source path) and, optionally, an anchor on it."""

    page: str
    anchor: str | None = None

    def url(self) -> str:
        """The public URL relative to the site root: ``states/austria/``, ``timeline/#rome-2014``."""
        return public_url(self.page) + (f"#{self.anchor}" if self.anchor else "")


def public_url(page: str) -> str:
    """Where MkDocs (with directory URLs) publishes a Markdown page, relative to the site root."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def address(target: Target, site_url: str | None) -> str:
    """A target's full address under ``site_url`` (``https://host/kp/``); without one, from the site root
    (``/states/austria/``)."""
    return (site_url or "").rstrip("/") + "/" + target.url()


MEMBERS_AS_AT = SITE_PAGES["members"]  # membership as at the end of each year the record can answer for


def members_as_at(year: int) -> str:
    """The page of membership as at the end of a year: ``members/2016.md`` (published at ``members/2016/``)."""
    return f"members/{year}.md"


def index_page(collection: str) -> str:
    return f"{collection}/index.md"


def record_page(collection: str, ident: str) -> Target:
    if collection == "documents":
        return Target(f"documents/{ident}/index.md")
    return Target(f"{collection}/{ident}.md")


def on_the_timeline(event: str) -> Target:
    """An event's anchor on the timeline (published before events had pages of their own; kept for good)."""
    return Target(TIMELINE, event)


def paragraph_page(document: str, paragraph: str) -> Target:
    return Target(f"documents/{document}/{paragraph}.md")


def paragraph_in_text(document: str, paragraph: str) -> Target:
    """The paragraph's anchor in its document's full text."""
    return Target(f"documents/{document}/index.md", paragraph)


def own_page(item: object) -> Target:
    """The page the URL scheme gives a record of its own: where it is shown, or where it was shown before
    it became an anchor on another page (that address keeps answering, with a redirect)."""
    if isinstance(item, model.Paragraph):
        return paragraph_page(item.document, item.id)
    return record_page(model.COLLECTION_OF[type(item)].name, item.id)  # type: ignore[attr-defined]


def membership_anchor(ident: str) -> str:
    """The anchor of a membership statement on the page of the state it is about: ``membership-<id>``."""
    return f"membership-{ident}"


# Records shown as a heading on their collection's list, each a line of a list there (a seat of one source's
# Steering Committee, one source's statement of a chair's term, a source, a topic): collection → the anchor's prefix.
ON_THEIR_LIST = {"committee": "seat", "chairs": "term", "sources": "source", "topics": "topic"}


def on_list_anchor(collection: str, ident: str) -> str:
    """The anchor of a record shown on its collection's list: ``seat-<id>``, ``term-<id>``, ``source-<id>``,
    ``topic-<id>``."""
    return f"{ON_THEIR_LIST[collection]}-{ident}"


def target_of(item: object) -> Target:
    """Where a record of any kind is shown: its own page, except a membership statement, which is an
    anchor on the page of its state (of the record's states, or of the others the history names), or on the
    membership list when it names neither. Each statement had a page of its own before: at 1.7 KB of its
    own text in a 15 KB page, the theme around it weighed more than the site's pages of every other kind
    together, and a reader looks for a state's statements on that state's page. A Steering Committee seat
    and a chair's term are headings on their list (``committee/#seat-<id>``, ``chairs/#term-<id>``) for the
    same reason: a few lines of their own in a page of 12 KB, most of it the theme's; and so is a source
    (``sources/#source-<id>``): its facts, notes and what cites it in a page of 11 KB, 72 % of it the theme's; and
    a topic (``topics/#topic-<id>``): its description, paragraphs and sources in a page of 10.5 KB, 72 % the theme's."""
    collection = model.COLLECTION_OF.get(type(item))
    if collection is not None and collection.name in ON_THEIR_LIST:
        return Target(index_page(collection.name), on_list_anchor(collection.name, item.id))  # type: ignore[attr-defined]
    if isinstance(item, model.Membership):
        if item.state:
            page = record_page("states", item.state)
        elif item.other_state:
            page = record_page("others", item.other_state)
        else:
            page = Target(index_page("memberships"))
        return Target(page.page, membership_anchor(item.id))
    return own_page(item)


def relative_link(from_page: str, target: Target) -> str:
    """A Markdown link from one page to a target, as MkDocs expects: relative ``.md`` path + anchor."""
    if target.page == from_page:
        path = "" if target.anchor else posixpath.basename(from_page)
    else:
        path = _relative(target.page, posixpath.dirname(from_page) or ".")
    return path + (f"#{target.anchor}" if target.anchor else "")


@functools.lru_cache(maxsize=65536)
def _relative(page: str, folder: str) -> str:
    # Pages share few folders, and a large record links the same pages from many places.
    return relative_path(page, folder)


def relative_path(path: str, folder: str) -> str:
    """``path`` relative to ``folder``, both from the site root: ``posixpath.relpath`` read against the root,
    not against the working folder, which a process may no longer have (a server started inside a published
    build, which the next build removed): every address is made without it."""
    return posixpath.relpath(posixpath.join("/", path), posixpath.join("/", folder))


def href(from_page: str, to_page: str) -> str:
    """The URL of a page as published, relative to another published page: for raw HTML.

    MkDocs rewrites the ``.md`` links of Markdown, never the addresses in raw HTML (the ``<a href>``
    of the map's SVG): these must be published URLs already. With directory URLs a page is published
    as a folder (``states/austria.md`` as ``states/austria/``), so the link climbs from that folder,
    not from the Markdown file's: ``href("states/kenya.md", "states/austria.md") == "../austria/"``,
    ``href("index.md", "states/index.md") == "states/"``; a page to itself is ``"./"``.
    """
    return _from_published(from_page, public_url(to_page))


def file_href(from_page: str, site_path: str) -> str:
    """The URL of a file the build writes (``site_path``, from the site root, such as
    ``assets/khartoum-locator.svg``), relative to a published page: for raw HTML, as ``href``.

    ``file_href("states/austria.md", "assets/map.svg") == "../../assets/map.svg"``.
    """
    return _from_published(from_page, site_path)


def _from_published(from_page: str, site_url: str) -> str:
    """``site_url`` (from the site root; a folder ends in ``/``, the root is ``""``) relative to
    the folder where ``from_page`` is published."""
    relative = relative_path(site_url or ".", public_url(from_page) or ".")
    if site_url and not site_url.endswith("/"):
        return relative
    return "./" if relative == "." else relative + "/"
