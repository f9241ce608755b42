"""The record as data, for researchers: one JSON file (with its JSON Schema) and a CSV per collection.

The JSON has the shape of the data files themselves, so its schema is built from the same
descriptions in ``schema.py`` that check the data. CSV cells that a spreadsheet would run as a
formula (starting with = + - @) get a leading apostrophe, the usual guard against CSV injection.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
from pathlib import Path
from typing import Any

from . import model, schema, urls
from .escape import csv_cell
from .fields import FieldsOf, ListOf, Obj, Spec, specs

FOLDER = "downloads"
RECORD_JSON = f"{FOLDER}/khartoum-process-record.json"
RECORD_SCHEMA = f"{FOLDER}/khartoum-process-record.schema.json"


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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, model.PartialDate):
        return value.iso()
    if isinstance(value, tuple | list):
        return "; ".join(_cell(v) for v in value)
    return csv_cell(value)


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def _flat(spec: Spec) -> bool:
    """A field that fits one CSV cell: a value, or a list of values joined with "; "."""
    kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
    return not isinstance(kind, Obj | FieldsOf)


def columns(cls: type) -> list[str]:
    """The CSV columns of a record class: its declared fields that fit a cell, in declaration order."""
    return [name for name, spec in specs(cls).items() if _flat(spec)]


def _rows(items: Any, cls: type, extra: dict[str, Any]) -> str:
    """A CSV of ``items``: the declared columns, then ``extra`` columns (name → value of an item)."""
    own = columns(cls)
    return _csv([*own, *extra], [[*(getattr(item, c) for c in own), *(f(item) for f in extra.values())]
                                 for item in items])


def csv_files(record: model.Record) -> dict[str, str]:
    """One CSV per collection, one row per record; lists are joined with '; '."""
    def naming(collection: str) -> Any:
        return lambda item: [f"{c.document}/{c.id}" for c in record.paragraphs_naming(collection, item.id)]

    def sources(item: Any) -> list[str]:
        return list(dict.fromkeys(c.source for c in item.cites))

    files = {f"{c.name}.csv": _rows(getattr(record, c.name).values(), c.record,
                                    {"paragraphs": naming(c.name), "sources": sources})
             for c in model.COLLECTIONS if c.name in ("states", "organisations", "instruments", "topics")}
    files["events.csv"] = _rows(record.timeline(), model.Event, {
        "adopted": lambda e: [i for _, i in e.adopted.pairs()],
        "mentions": lambda e: [i for _, i in e.mentions.pairs()], "sources": sources})
    files["sources.csv"] = _rows(record.sources.values(), model.Source, {})
    files["paragraphs.csv"] = _csv(
        ["document", *columns(model.Paragraph), *model.MENTION_COLLECTIONS, "url"],
        [[c.document, *(getattr(c, name) for name in columns(model.Paragraph)),
          *(getattr(c.mentions, name) for name in model.MENTION_COLLECTIONS), urls.target_of(c).url()]
         for c in record.paragraphs()])
    return {f"{FOLDER}/{name}": text for name, text in files.items()}


def download_files(record: model.Record, data_date: str) -> dict[str, bytes]:
    """Every download, by path in the site."""
    files = {RECORD_JSON: record_json(record, data_date), RECORD_SCHEMA: record_schema(), **csv_files(record)}
    return {path: text.encode("utf-8") for path, text in files.items()}


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
