"""The record as data, for researchers: one JSON file (with its JSON Schema), a CSV per collection with its
Frictionless data package, and the text of each document in Akoma Ntoso.

The JSON has the shape of the data files themselves, so its schema is built from the same
descriptions in ``schema.py`` that check the data. Each CSV is a ``Table``: its columns are the
declared fields of a record class (``fields.specs``) that fit a cell, then the columns made here,
each with a kind of its own; ``datapackage.py`` types the same columns for Frictionless, so no
column is described twice.

The CSVs are written for the reader who double-clicks them: UTF-8 with a byte-order mark (without
one, Excel on Windows reads a CSV in the system's ANSI code page, cp1252, and "—" shows as "â€”"),
CRLF line ends and quoting as RFC 4180 and the ``excel`` dialect have them, and a cell that a
spreadsheet would run as a formula (starting with = + - @) prefixed with an apostrophe
(``escape.csv_cell``). Every row has a key of one column (a paragraph's ``key``, ``cairo-2025/op-12``:
its id is unique only within its document), and a paragraph's ``url`` is absolute when the site has
a ``site_url``.

``TERMS`` says once what the record's editors license and what they do not: the Downloads page,
the data package's ``licenses`` and the footer (``copyright`` in ``mkdocs.yml``, checked against
``TERMS.html()`` by the tests) are all written from it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import operator
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import akomantoso, datapackage, model, schema, urls
from .escape import Markdown, csv_cell, html_attr, html_text, link_url, md_text
from .fields import FieldsOf, Id, ListOf, Obj, Ref, Spec, Text, Url, specs

FOLDER = "downloads"
RECORD_JSON = f"{FOLDER}/khartoum-process-record.json"
RECORD_SCHEMA = f"{FOLDER}/khartoum-process-record.schema.json"
DATA_PACKAGE = f"{FOLDER}/datapackage.json"
LIST_SEPARATOR = "; "  # how a list is joined in one CSV cell
# What a spreadsheet opened with a double-click reads as UTF-8 (see the module's docstring); Python's
# ``utf-8-sig`` writes the byte-order mark, and reads a file with or without one.
CSV_ENCODING = "utf-8-sig"
CSV_DIALECT = csv.excel  # "," and '"', quotes doubled, CRLF: RFC 4180; datapackage.py declares the same


# --- Terms of reuse: said once, here ----------------------------------------------------------------------

@dataclass(frozen=True)
class Terms:
    """What the record's editors license, under which licence, and what stays under its publishers' terms."""

    licensed: str  # what the licence covers, as the object of "… are licensed under"
    name: str  # the licence's SPDX and Open Definition id, as Data Package ``licenses`` name it
    title: str
    short: str
    url: str
    reserved: str  # what the licence does not cover, as a sentence

    def _sentence(self, licence: str) -> str:
        return f"{self.licensed} are licensed under {licence}. {self.reserved}"

    def text(self) -> str:
        """The terms as plain text (the data package's description)."""
        return self._sentence(f"{self.title} ({self.short}, {self.url})")

    def markdown(self) -> Markdown:
        """The terms as Markdown, the licence linked (the Downloads page)."""
        return Markdown(md_text(self.licensed) + " are licensed under "
                        + f"[{md_text(self.title)} ({md_text(self.short)})]({link_url(self.url)}). "
                        + md_text(self.reserved))

    def html(self) -> str:
        """The terms as one line of HTML, the licence linked (the footer: ``copyright`` in mkdocs.yml).

        The link is underlined: in the footer it has the colour of the text around it, and colour
        alone must not tell a link (WCAG 1.4.1; the site's CSS underlines links in page bodies only).
        """
        return (html_text(self.licensed) + " are licensed under "
                + f'<a href="{html_attr(link_url(self.url))}" style="text-decoration: underline">'
                + f"{html_text(self.title)} ({html_text(self.short)})</a>. " + html_text(self.reserved))

    def licence(self) -> dict[str, str]:
        """The licence as a Data Package ``licenses`` item."""
        return {"name": self.name, "path": self.url, "title": f"{self.title} ({self.short})"}


TERMS = Terms(
    licensed="The record's compilation, its editorial annotations (titles, topics, notes) and the site's own text",
    name="CC-BY-4.0", title="Creative Commons Attribution 4.0 International", short="CC BY 4.0",
    url="https://creativecommons.org/licenses/by/4.0/",
    reserved="The quoted texts (the declaration's paragraphs, quotations from sources) remain under the terms "
             "of their publishers, named on each source's page.")


def akoma_ntoso_path(document: model.Document) -> str:
    """Where a document's Akoma Ntoso file is in the site: ``downloads/cairo-2025.akn.xml``."""
    return f"{FOLDER}/{document.id}.akn.xml"


def akoma_ntoso_file(record: model.Record, document: model.Document) -> str | None:
    """The site path of the document's Akoma Ntoso file, or None if it has none (see ``akomantoso.expressible``)."""
    return akoma_ntoso_path(document) if akomantoso.expressible(record, document) else None


def describe(path: str) -> str | None:
    """What a download made in this module holds, for the Downloads page; None for the others."""
    if path == DATA_PACKAGE:
        return "The Frictionless data package: the CSVs' columns, types and keys"
    if path.endswith(".akn.xml"):
        return "The document's text in Akoma Ntoso 3.0 (XML), paragraph by paragraph"
    return None


def _plain(value: Any) -> Any:
    """A model value as JSON data in the shape of the data files (no positions, no empty optionals)."""
    if isinstance(value, model.PartialDate):
        return value.iso()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skip = {"origin", "document"} if isinstance(value, model.Paragraph) else {"origin"}
        found = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in skip}
        return {k: v for k, v in found.items() if v is not None}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def record_json(record: model.Record, data_date: str) -> str:
    document: dict[str, Any] = {"data_date": data_date}
    for collection in model.COLLECTIONS:
        document[collection.name] = [_plain(item) for item in getattr(record, collection.name).values()]
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def record_schema() -> str:
    files = schema.file_schemas()
    properties: dict[str, Any] = {"data_date": {"type": "string", "description": "when the data last changed"}}
    for collection in model.COLLECTIONS:
        if collection.data_file is None:
            continue
        item = dict(files[f"{collection.name}.schema.json"])
        item.pop("$schema")
        properties[collection.name] = item
    document = dict(files["document.schema.json"])
    document.pop("$schema")
    properties["documents"] = {"type": "array", "items": document}
    return json.dumps({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "The Khartoum Process record",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }, ensure_ascii=False, indent=1) + "\n"


# --- The CSVs: one table per collection, each column declared once ----------------------------------------

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
        return f"{FOLDER}/{self.name}.csv"


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

    found = [Table(c.name, c.title, list(getattr(record, c.name).values()),
                   [*_declared(c.record), naming(c.name), _SOURCES])
             for c in model.COLLECTIONS if c.name in ("states", "organisations", "instruments", "topics")]
    mentions = specs(model.Mentions)
    found.append(Table("events", model.COLLECTION["events"].title, record.timeline(), [
        *_declared(model.Event),
        Column("adopted", Spec(ListOf(Id()), doc="ids of the documents and instruments adopted at the event"),
               lambda e: [i for _, i in e.adopted.pairs()]),
        Column("mentions", Spec(ListOf(Id()), doc="ids of the states, organisations, instruments, documents and "
                                                  "events the event names"),
               lambda e: [i for _, i in e.mentions.pairs()]),
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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, model.PartialDate):
        return value.iso()
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    return csv_cell(value)


def table_csv(table: Table) -> bytes:
    """The CSV of a table as published: a header row, then one row per record; lists are joined with "; "."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=CSV_DIALECT)
    writer.writerow([c.name for c in table.columns])
    writer.writerows([[_cell(c.value(item)) for c in table.columns] for item in table.rows])
    return out.getvalue().encode(CSV_ENCODING)


def download_files(record: model.Record, data_date: str, site_url: str | None = None) -> dict[str, bytes]:
    """Every download, by path in the site; ``site_url`` (the site's public address) makes the CSVs' URLs absolute."""
    made = tables(record, site_url)
    files = {RECORD_JSON: record_json(record, data_date).encode("utf-8"),
             RECORD_SCHEMA: record_schema().encode("utf-8"),
             **{table.path: table_csv(table) for table in made},
             DATA_PACKAGE: datapackage.data_package(record, made, LIST_SEPARATOR, data_date, CSV_DIALECT,
                                                    TERMS).encode("utf-8")}
    for document in record.documents.values():
        if akomantoso.expressible(record, document):
            files[akoma_ntoso_path(document)] = akomantoso.akoma_ntoso(record, document, data_date)
    return files


def data_date(data_dir: Path) -> str:
    """When the data last changed: the last commit touching it, else the newest file's date."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "."], cwd=data_dir, capture_output=True,
                                text=True, timeout=10, check=False)
        if result.returncode == 0 and result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    import datetime as dt

    newest = max((p.stat().st_mtime for p in data_dir.rglob("*") if p.is_file()), default=0.0)
    return dt.datetime.fromtimestamp(newest, tz=dt.timezone.utc).date().isoformat()
