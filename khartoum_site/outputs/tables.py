"""The tables of the record, declared once: each CSV, the data package's resources and their columns.

A ``Table`` has one row per record and its ``Column``s: the declared fields of a record class that
fit a cell (``fields.specs``), then the columns made here, each with a kind of its own. ``downloads``
writes each table as CSV; ``datapackage`` types the same columns for Frictionless: no column is
described twice.
"""

from __future__ import annotations

import csv
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from khartoum_site.escape import list_separator, one_line
from khartoum_site.record import model
from khartoum_site.record.fields import FieldsOf, Id, ListOf, Obj, Ref, Spec, Text, Url, specs
from khartoum_site.site import urls

LIST_SEPARATOR = "; "  # how a list is joined in one CSV cell, unless an item holds it (Table.separator)
CSV_DIALECT = csv.excel  # "," and '"', quotes doubled, CRLF: RFC 4180; datapackage.py declares the same


@dataclass(frozen=True)
class Column:
    """A CSV column: its name, its kind and meaning (a declared field's ``Spec``, or one given here), its value."""

    name: str
    spec: Spec
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Table:
    """A CSV: one row per record, its columns, and the columns that identify a row."""

    name: str  # the file is <name>.csv
    title: str
    rows: list[Any]
    columns: list[Column]
    primary_key: tuple[str, ...] = ("id",)

    @property
    def path(self) -> str:
        return urls.download_path(f"{self.name}.csv")

    def separator(self, column: Column) -> str:
        """How the items of a list column are joined in a cell: "; ", or where an item holds it a separator no item
        holds (``escape.list_separator``), so that a reader splitting the cell gets each item whole. A list of
        prose (notes) is a string for its readers, and keeps "; "."""
        kind = column.spec.kind
        if not isinstance(kind, ListOf) or (isinstance(kind.item, Text) and kind.item.prose):
            return LIST_SEPARATOR
        items = [str(item) for row in self.rows for item in column.value(row) or ()]
        if not any(";" in item for item in items):  # (most lists: one_line adds no semicolon, so none holds "; ")
            return LIST_SEPARATOR
        return list_separator(map(one_line, items), LIST_SEPARATOR)


# An entry of the record named from another table by its key: its collection and its id.
KEY = Text("an entry's key: its collection, a slash and its id (e.g. 'states/egypt')",
           re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$"), max_length=161)

# A paragraph named from another table: its document's id and its own, as in `[[cairo-2025/op-12]]`.
PARAGRAPH_KEY = Text("a paragraph's key: its document's id, a slash and its id (e.g. 'cairo-2025/op-12')",
                     re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$"), max_length=161)


def _flat(spec: Spec) -> bool:
    """A field that fits one CSV cell: a value, or a list of values joined with "; "."""
    kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
    return not isinstance(kind, Obj | FieldsOf)


def columns(cls: type) -> list[str]:
    """The CSV columns of a record class: its declared fields that fit a cell, in declaration order."""
    return [name for name, spec in specs(cls).items() if _flat(spec)]


def _declared(cls: type) -> list[Column]:
    own = specs(cls)
    return [Column(name, own[name], operator.attrgetter(name)) for name in columns(cls)]


def _keys_of(field_name: str) -> Callable[[Any], list[str]]:
    """A column of the keys of an event's parties (``model.Parties``): its hosts, or who chaired it."""
    return lambda event: list(getattr(event, field_name).keys())


def _sources(item: Any) -> list[str]:
    return list(dict.fromkeys(c.source for c in item.cites))


_SOURCES = Column("sources", Spec(ListOf(Ref("sources")), doc="the sources its citations name"), _sources)


_KEY = Column("key", Spec(PARAGRAPH_KEY, required=True,
                          doc="the paragraph's permanent id, unique in this table (its id alone is unique only "
                              "within its document): its document's id, a slash and its id, as the site's "
                              "pages, [[key]] references and ids.json write it, e.g. 'cairo-2025/op-12'"),
              operator.attrgetter("key"))


def _url(site_url: str | None) -> Column:
    """A paragraph's page: absolute under ``site_url``; without one, relative to the root, and saying so."""
    if site_url:
        return Column("url", Spec(Url(), required=True, doc="the address of the paragraph's own page"),
                      lambda c: urls.address(urls.target_of(c), site_url))
    relative = Text("an address relative to the site's root")
    return Column("url", Spec(relative, required=True,
                              doc="the paragraph's own page, as an address relative to the site's root (e.g. "
                                  "'documents/cairo-2025/op-12/'): this copy was built without the site's "
                                  "public address (site_url), so prefix the address the site is read at"),
                  lambda c: urls.target_of(c).url())


def tables(record: model.Record, site_url: str | None = None) -> list[Table]:
    """Every CSV of the record, in the order the Downloads page lists them; ``site_url`` makes URLs absolute."""
    def naming(collection: str) -> Column:
        return Column("paragraphs", Spec(ListOf(PARAGRAPH_KEY), doc="the paragraphs that name it"),
                      lambda item: [c.key for c in record.paragraphs_naming(collection, item.id)])

    # Every collection gets a table of its declared columns; those a paragraph can name (its mentions and
    # topics) list the paragraphs that do, and those that cite sources list them. Events, sources and
    # documents have tables of their own below.
    named = {*model.MENTION_COLLECTIONS, "topics"}
    found = [Table(c.name, c.title, list(record.collection(c.name).values()),
                   [*_declared(c.record), *([naming(c.name)] if c.name in named else []),
                    *([_SOURCES] if "cites" in specs(c.record) else [])])
             for c in model.COLLECTIONS if c.name not in ("events", "sources", "documents")]
    mentions = specs(model.Mentions)
    found.append(Table("events", model.COLLECTION["events"].title, record.timeline(), [
        *_declared(model.Event),
        Column("adopted", Spec(ListOf(Id()), doc="ids of the documents and instruments adopted at the event"),
               lambda e: [i for _, i in e.adopted.pairs()]),
        Column("mentions", Spec(ListOf(Id()), doc="ids of the states, organisations, instruments, documents and "
                                                  "events the event names"),
               lambda e: [i for _, i in e.mentions.pairs()]),
        *(Column(name, Spec(ListOf(KEY), doc=f"{what}, as keys of the record's entries (e.g. 'states/egypt')"),
                 _keys_of(name))
          for name, what, _label in model.PARTY_FIELDS),
        _SOURCES]))
    found.append(Table("sources", model.COLLECTION["sources"].title, list(record.sources.values()),
                       _declared(model.Source)))
    found.append(Table("documents", model.COLLECTION["documents"].title, list(record.documents.values()),
                       [*_declared(model.Document), _SOURCES]))
    found.append(Table("paragraphs", "Paragraphs of the documents", record.paragraphs(), [
        _KEY,
        Column("document", Spec(Ref("documents"), required=True, doc="the id of the document it belongs to"),
               lambda c: c.document),
        *_declared(model.Paragraph),
        *(Column(name, mentions[name], operator.attrgetter(f"mentions.{name}"))
          for name in model.MENTION_COLLECTIONS),
        _url(site_url)],
        primary_key=("key",)))
    return found
