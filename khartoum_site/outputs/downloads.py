"""The record as data, for researchers: one JSON file (with its JSON Schema), a CSV per table of
``tables.py`` with its Frictionless data package (``datapackage.py``), and the text of each document
in Akoma Ntoso (``akomantoso.py``). Every path is made by ``site/urls.py``.

The JSON has the shape of the data files themselves, so its schema is built from the same
descriptions in ``record/schema.py`` that check the data.

The CSVs are written for the reader who double-clicks them: UTF-8 with a byte-order mark (without
one, Excel on Windows reads a CSV in the system's ANSI code page, cp1252, and "—" shows as "â€”"),
CRLF line ends and quoting as RFC 4180 and the ``excel`` dialect have them, and a cell that a
spreadsheet would run as a formula (starting with = + - @) prefixed with an apostrophe
(``escape.csv_cell``). Every row has a key of one column (a paragraph's ``key``, ``cairo-2025/op-12``:
its id is unique only within its document), and a paragraph's ``url`` is absolute when the site has
a ``site_url``.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from khartoum_site.escape import csv_cell, json_document, one_line, terminal_text
from khartoum_site.outputs import akomantoso, datapackage
from khartoum_site.outputs.tables import CSV_DIALECT, LIST_SEPARATOR, Table, tables
from khartoum_site.record import history, model, schema
from khartoum_site.record.problems import DataError, Problem
from khartoum_site.site import urls
from khartoum_site.site.terms import TERMS

# What a spreadsheet opened with a double-click reads as UTF-8 (see the module's docstring); Python's
# ``utf-8-sig`` writes the byte-order mark, and reads a file with or without one.
CSV_ENCODING = "utf-8-sig"


# the fields of an entry the validator sets, which no data file writes (besides every entry's origin)
_NOT_WRITTEN: dict[type, tuple[str, ...]] = {model.Paragraph: ("document",), model.Document: ("text_source",),
                                             model.Source: ("count_text", "count_paragraphs")}


def _plain(value: Any) -> Any:
    """A model value as JSON data in the shape of the data files (no positions, no empty optionals)."""
    if isinstance(value, model.PartialDate | model.DayWithoutYear):
        return value.iso()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skip = (*_NOT_WRITTEN.get(type(value), ()), "origin")
        found = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in skip}
        return {k: v for k, v in found.items() if v is not None}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


_PLAIN: dict[int, tuple[object, str]] = {}
"""The last record's entries as JSON text, by the entry itself: an entry is frozen, and a server's rebuild finds
the entries of every unchanged data file as the very objects it had (``record/validate.py``)."""


def record_json(record: model.Record, data_date: str) -> str:
    # The JSON text of an object or a list on one line is its parts' texts joined by commas, each entry's written
    # once (encoding the whole record again was most of a server's rebuild of this file after an edit).
    parts = [f"{json_document('data_date')}:{json_document(data_date)}"]
    now: dict[int, tuple[object, str]] = {}
    for collection in model.COLLECTIONS:
        items = []
        for item in getattr(record, collection.name).values():
            kept = _PLAIN.get(id(item))
            text = kept[1] if kept is not None and kept[0] is item else json_document(_plain(item))
            now[id(item)] = item, text
            items.append(text)
        parts.append(f"{json_document(collection.name)}:[{','.join(items)}]")
    _PLAIN.clear()
    _PLAIN.update(now)
    return "{" + ",".join(parts) + "}\n"


@functools.cache  # made from the declarations alone: the same for every record
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
    return json_document({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "The Khartoum Process record",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }) + "\n"


def _cell(value: Any, separator: str = LIST_SEPARATOR) -> str:
    # A list's items are joined first and the cell made safe once: a spreadsheet reads a formula only at the
    # start of a cell, so an apostrophe before a later item ("a; '=b") would only change what readers get.
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return csv_cell(separator.join(_text(v) for v in value))
    return csv_cell(_text(value))


def _text(value: Any) -> str:
    return value.iso() if isinstance(value, model.PartialDate | model.DayWithoutYear) else one_line(value)


def table_csv(table: Table) -> bytes:
    """The CSV of a table as published: a header row, then one row per record; a list is joined with "; ", or
    with the separator the data package gives for its column (``Table.separator``)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=CSV_DIALECT)
    writer.writerow([c.name for c in table.columns])
    separators = [table.separator(c) for c in table.columns]
    writer.writerows([[_cell(c.value(item), sep) for c, sep in zip(table.columns, separators, strict=True)]
                      for item in table.rows])
    return out.getvalue().encode(CSV_ENCODING)


Made = Callable[[str, Callable[[], bytes], bool], bytes]
"""How a download is made: ``made(path, make, reusable)`` calls ``make()``, or, for a server's rebuild, may give
the bytes it made before from the same values (``outputs/pageset.py``); a download that is not ``reusable`` is
made every time."""


def download_files(record: model.Record, data_date: str, site_url: str | None = None,
                   made: Made = lambda _path, make, _reusable: make()) -> dict[str, bytes]:
    """Every download, by path in the site; ``site_url`` (the site's public address) makes the CSVs' URLs absolute."""
    found = tables(record, site_url)
    files = {urls.RECORD_JSON: made(urls.RECORD_JSON, lambda: record_json(record, data_date).encode("utf-8"), False),
             urls.RECORD_SCHEMA: record_schema().encode("utf-8"),
             **{table.path: made(table.path, functools.partial(table_csv, table), True) for table in found},
             urls.DATA_PACKAGE: made(urls.DATA_PACKAGE, lambda: datapackage.data_package(
                 record, found, data_date, CSV_DIALECT, TERMS).encode("utf-8"), True)}
    for document in record.documents.values():
        if akomantoso.expressible(record, document):
            path = urls.akoma_ntoso_path(document.id)
            files[path] = made(path, functools.partial(akomantoso.akoma_ntoso, record, document, data_date), True)
    return files


def data_date(data_dir: Path) -> str:
    """When the data last changed: the last commit touching it, else the newest file's date.

    git is asked with the settings that run programs turned off (a signature check runs ``gpg.program``), and not
    at all in a data folder that holds a ``.git`` of its own: a planted ``data/.git`` file led git to a crafted
    repository whose settings ran a program of its choosing (an attack's AY3)."""
    try:
        if os.path.lexists(data_dir / ".git"):
            raise OSError("a .git in the data folder is no repository of the project's")
        result = subprocess.run(["git", "-c", "log.showSignature=false", "-c", "core.fsmonitor=false", "log", "-1",
                                 "--no-show-signature", "--format=%cs", "--", "."], cwd=data_dir,
                                capture_output=True, text=True, timeout=10, check=False,
                                env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"})
        if result.returncode == 0 and result.stdout.strip():
            return not_to_come(result.stdout.strip(), data_dir.name, "the date of the last commit touching it")
    except (OSError, subprocess.SubprocessError):
        pass
    found = newest_file_date(data_dir, [(p.stat().st_mtime, p) for p in data_dir.rglob("*") if p.is_file()])
    return not_to_come(found, data_dir.name, "the newest file's time (the folder is not in a git repository)")


def not_to_come(day: str, shown: str, taken_from: str) -> str:
    """``day`` (YYYY-MM-DD), the data's date, if it is not after the latest day it is anywhere (in UTC+14): every
    page says the record stands as at that day, and the feed dates its changes by it (a commit dated 2099 by
    GIT_COMMITTER_DATE, or a file touched to 2099, published "as at 1 January 2099")."""
    latest = history.latest_day_anywhere()
    if day > latest.isoformat():
        raise DataError([Problem(terminal_text(shown), 1, 1, detail=(
            f"the data's date, {day}, {taken_from}, is after today ({latest.isoformat()} is the latest day it is "
            "anywhere): every page would say the record stands as at that day"),
            hint="correct that date (the commit's, or the file's time with touch)")])
    return day


def not_before_the_record(record: model.Record, day: str, shown: str) -> str:
    """``day``, the data's date, if it is not before the earliest event of the record: data that states a fact is
    changed after the fact (ext4 clamps a file time it cannot hold to December 1901, and every page said the record
    stood "as at 13 December 1901", a thirteenth attack)."""
    first = history.first_event(record)
    if first is not None and day < "{:04d}-{:02d}-{:02d}".format(*history.first_day(first.date)):
        raise DataError([Problem(terminal_text(shown), 1, 1, detail=(
            f"the data's date, {day}, is before the earliest event it records ('{first.id}', "
            f"{first.date.display()}): every page would say the record stands as at that day"),
            hint="correct the date of the last commit, or the data files' times (touch them)")])
    return day


def newest_file_date(data_dir: Path, found: list[tuple[float, Path]]) -> str:
    """The day (UTC) of the newest of these file times (seconds from 1970, with the file): the data's date outside
    a git repository. A time no calendar holds (a tarball with broken times gave year -1199) is a problem naming
    the file, not a traceback."""
    import datetime as dt

    newest, path = max(found, key=lambda pair: pair[0], default=(0.0, data_dir))
    try:
        return dt.datetime.fromtimestamp(newest, tz=dt.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        shown = terminal_text(f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}" if path != data_dir
                              else data_dir.name)
        raise DataError([Problem(shown, 1, 1, detail=(
            f"its modification time ({newest:.0f} seconds from 1970) is not a date; outside a git repository the "
            "data's date is the newest file's time"), hint="touch the data files (or commit them to git)")]) from None
