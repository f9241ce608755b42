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

FOLDER = "downloads"
RECORD_JSON = f"{FOLDER}/khartoum-process-record.json"
RECORD_SCHEMA = f"{FOLDER}/khartoum-process-record.schema.json"
COLLECTIONS = ("sources", "states", "organisations", "instruments", "topics", "events")


def _plain(value: Any) -> Any:
    """A model value as JSON data in the shape of the data files (no positions, no empty optionals)."""
    if isinstance(value, model.PartialDate):
        return value.iso()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skip = {"origin", "document"} if isinstance(value, model.Clause) else {"origin"}
        found = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in skip}
        return {k: v for k, v in found.items() if v is not None}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def record_json(record: model.Record, data_date: str) -> str:
    document: dict[str, Any] = {"data_date": data_date}
    for collection in (*COLLECTIONS, "documents"):
        document[collection] = [_plain(item) for item in getattr(record, collection).values()]
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def record_schema() -> str:
    files = schema.file_schemas()
    properties: dict[str, Any] = {"data_date": {"type": "string", "description": "when the data last changed"}}
    for collection in COLLECTIONS:
        item = dict(files[f"{collection}.schema.json"])
        item.pop("$schema")
        properties[collection] = item
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


def csv_files(record: model.Record) -> dict[str, str]:
    """One CSV per collection, one row per record; lists are joined with '; '."""
    def naming(collection: str, ident: str) -> list[str]:
        return [f"{c.document}/{c.id}" for c in record.clauses_naming(collection, ident)]

    def sources(item: Any) -> list[str]:
        return list(dict.fromkeys(c.source for c in item.cites))

    files = {
        "states.csv": _csv(
            ["id", "name", "iso2", "iso3", "region", "subregion", "paragraphs", "sources"],
            [[s.id, s.name, s.iso2, s.iso3, s.region, s.subregion, naming("states", s.id), sources(s)]
             for s in record.states.values()]),
        "organisations.csv": _csv(
            ["id", "name", "acronym", "kind", "role", "paragraphs", "sources"],
            [[o.id, o.name, o.acronym, o.kind, o.role, naming("organisations", o.id), sources(o)]
             for o in record.organisations.values()]),
        "instruments.csv": _csv(
            ["id", "name", "names_in_record", "kind", "date", "paragraphs", "sources"],
            [[i.id, i.name, i.names_in_record, i.kind, i.date, naming("instruments", i.id), sources(i)]
             for i in record.instruments.values()]),
        "topics.csv": _csv(
            ["id", "name", "kind", "description", "paragraphs", "sources"],
            [[t.id, t.name, t.kind, t.description, naming("topics", t.id), sources(t)]
             for t in record.topics.values()]),
        "events.csv": _csv(
            ["id", "date", "title", "place", "description", "chair", "adopted", "mentions", "sources"],
            [[e.id, e.date, e.title, e.place, e.description, e.chair, [i for _, i in e.adopted.pairs()],
              [i for _, i in e.mentions.pairs()], sources(e)] for e in record.timeline()]),
        "sources.csv": _csv(
            ["id", "title", "kind", "publisher", "date", "url", "note"],
            [[s.id, s.title, s.kind, s.publisher, s.date, s.url, s.note] for s in record.sources.values()]),
        "paragraphs.csv": _csv(
            ["document", "id", "part", "number", "title", "text", "states", "organisations", "instruments",
             "documents", "events", "topics", "url"],
            [[c.document, c.id, c.part, c.number, c.title, c.text, c.mentions.states, c.mentions.organisations,
              c.mentions.instruments, c.mentions.documents, c.mentions.events, c.topics,
              urls.target_of(c).url()] for c in record.clauses()]),
    }
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
