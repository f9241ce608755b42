"""The CSVs as a Frictionless data package (``datapackage.json``, Data Package v2): typed columns, keys,
the dialect they are written in, sources and licence.

Nothing here describes a column a second time: each column of a ``tables.Table`` carries the
``Spec`` of its field (declared in ``model.py``, or given beside the column in ``tables.py``), and
``field`` maps its kind to a Table Schema type:

    Id, Ref, Text, Prose   string (an id's or a code's pattern as a constraint)
    Url                    string, format uri
    Int                    integer (its minimum as a constraint)
    Bool                   boolean
    Choice                 string, its values as an enum constraint
    Date                   year, yearmonth or date, at the precision the record gives in that column;
                           a string of that pattern where a column mixes them (events, instruments)
    ListOf(...)            list (itemType from the item's kind, delimiter "; ", or one no item holds:
                           ``Table.separator``); a list of prose
                           (notes) stays a string, since a note may itself hold "; "

A column of one ``Ref`` is a foreign key to the table of that collection (a document's event, a
paragraph's document). Lists of ids (a paragraph's mentions, a record's sources) name the table in
their description: Table Schema's foreign keys are single values, and Frictionless cannot check a
list against one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khartoum_site.escape import CSV_CELL_NOTE, json_document
from khartoum_site.outputs.tables import Column, Table
from khartoum_site.record import model
from khartoum_site.record.fields import Bool, Choice, Date, Int, Kind, ListOf, Ref, Spec, Text, Url

if TYPE_CHECKING:
    import csv

    from khartoum_site.site.terms import Terms

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"
TABLE_DIALECT = "https://datapackage.org/profiles/2.0/tabledialect.json"
_DATE_PATTERN = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
# Table Schema's list items are read with these types' default formats.
_ITEM_TYPES = {Int: "integer", Bool: "boolean"}


def precision(date: model.PartialDate) -> str:
    """The Table Schema type of a date known to the year, the month or the day."""
    return "year" if date.month is None else "yearmonth" if date.day is None else "date"


def _item_type(kind: Kind[Any]) -> str:
    return next((name for cls, name in _ITEM_TYPES.items() if isinstance(kind, cls)), "string")


def _pattern(kind: Kind[Any]) -> str | None:
    """An id's or a code's pattern, without anchors (Table Schema patterns match the whole value).

    Only patterns of plain characters and classes: an address's pattern is written for ECMA-262
    (``\\u`` escapes), which Table Schema's XML Schema patterns do not read.
    """
    if isinstance(kind, Url) or not isinstance(kind, Text) or kind.pattern is None:
        return None
    pattern = kind.pattern.pattern
    return pattern.removeprefix("^").removesuffix("$") if "\\" not in pattern else None


_KNOWN_TO = {"year": "known to the year (YYYY)", "yearmonth": "known to the month (YYYY-MM)",
             "date": "known to the day (YYYY-MM-DD)"}


def field(column: Column, values: list[Any], separator: str) -> dict[str, Any]:
    """The Table Schema field of a CSV column, from its declared kind (``values`` give a date's precision)."""
    spec: Spec = column.spec
    kind = spec.kind
    description = spec.doc or kind.expected
    found: dict[str, Any] = {"name": column.name}
    constraints: dict[str, Any] = {"required": True} if spec.required else {}
    if isinstance(kind, ListOf) and not (isinstance(kind.item, Text) and kind.item.prose):
        found.update(type="list", delimiter=separator, itemType=_item_type(kind.item))
        if isinstance(kind.item, Ref):
            description = f"{spec.doc or 'ids'} (rows of {kind.item.collection}.csv)"
        description = f"{description}, a list joined with '{separator}'"
    elif isinstance(kind, ListOf):
        found["type"] = "string"
        description = f"{spec.doc or kind.item.expected}, joined with '{separator}' (an item may itself hold it)"
    elif isinstance(kind, Int):
        found["type"] = "integer"
        constraints["minimum"] = kind.minimum
    elif isinstance(kind, Bool):
        found["type"] = "boolean"
    elif isinstance(kind, Choice):
        found["type"] = "string"
        constraints["enum"] = list(kind.choices)
        labels = "; ".join(f"{value} ({label})" for value, label in kind.labels.items())
        description = f"{spec.doc}: {labels}" if spec.doc else f"one of {labels}"
    elif isinstance(kind, Date):
        precisions = {precision(value) for value in values if value is not None}
        if len(precisions) == 1:
            found["type"] = precisions.pop()
            description = f"{spec.doc or 'the date'}, {_KNOWN_TO[found['type']]}"
        else:
            found["type"] = "string"
            constraints["pattern"] = _DATE_PATTERN
            description = f"{spec.doc or 'the date'}, as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD"
    else:
        found["type"] = "string"
        if isinstance(kind, Url):
            found["format"] = "uri"
        if (pattern := _pattern(kind)) is not None:
            constraints["pattern"] = pattern
        if isinstance(kind, Ref):
            description = f"{spec.doc or 'an id'} (a row of {kind.collection}.csv)"
    if description != Text().expected:  # "text" tells nothing the type does not
        found["description"] = description
    if constraints:
        found["constraints"] = constraints
    return found


def _table_schema(table: Table, tables: dict[str, Table]) -> dict[str, Any]:
    # Only a date's precision and a list's separator depend on the values.
    fields = [field(c, [c.value(row) for row in table.rows] if isinstance(c.spec.kind, Date) else [],
                    table.separator(c))
              for c in table.columns]
    keys = [{"fields": [c.name], "reference": {"resource": c.spec.kind.collection, "fields": ["id"]}}
            for c in table.columns
            if isinstance(c.spec.kind, Ref) and c.spec.kind.collection in tables]
    found: dict[str, Any] = {"$schema": TABLE_SCHEMA, "fields": fields,
                             "primaryKey": list(table.primary_key)}
    if keys:
        found["foreignKeys"] = keys
    return found


def _sources(record: model.Record) -> list[dict[str, str]]:
    """The record's sources, as Data Package sources: a title, and where to read it if the record says."""
    return [{"title": s.title, **({"path": s.url} if s.url else {})} for s in record.sources.values()]


def dialect(written: type[csv.Dialect]) -> dict[str, Any]:
    """The Table Dialect of the CSVs, from the ``csv`` dialect that writes them (the defaults, said
    outright, so that a reader who opens the package sees how to split the files)."""
    return {"$schema": TABLE_DIALECT, "header": True, "delimiter": written.delimiter,
            "lineTerminator": written.lineterminator, "quoteChar": written.quotechar,
            "doubleQuote": written.doublequote}


def data_package(record: model.Record, tables: list[Table], data_date: str,
                 written: type[csv.Dialect], terms: Terms) -> str:
    """``datapackage.json`` for the CSVs beside it (resource paths are relative to its folder).

    ``licenses`` names the licence of what the record's editors made; the package's description adds
    what it does not cover (the quoted texts), which a licence object cannot say.
    """
    by_name = {t.name: t for t in tables}
    resources = [{
        "$schema": RESOURCE_PROFILE,
        "name": t.name,
        "type": "table",
        "title": t.title,
        "path": t.path.rsplit("/", 1)[-1],
        "format": "csv",
        "mediatype": "text/csv",
        # UTF-8 with a byte-order mark, for spreadsheets: readers of the standard skip the mark.
        "encoding": "utf-8",
        "dialect": dialect(written),
        "schema": _table_schema(t, by_name),
    } for t in tables]
    return json_document({
        "$schema": PROFILE,
        "name": "khartoum-process-record",
        "title": "The Khartoum Process record",
        "description": "A public record of the Khartoum Process, compiled by this project from its sources, as "
                       "tables: one per collection and one of every document's paragraphs, generated from the "
                       "same data as the site. A paragraph's text "
                       f"is quoted verbatim from its source; the data was last changed on {data_date}. "
                       f"{CSV_CELL_NOTE} {terms.text()}",
        "licenses": [terms.licence()],
        "resources": resources,
        "sources": _sources(record),
    }) + "\n"
