"""The record as data, made in-process: the JSON validates against its schema and holds the text of record,
each CSV has one row per record as a spreadsheet reads it, and no cell is a formula.
The same files as the build publishes them: tests/build/test_downloads.py.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import DATA, DATA_DATE, DataCopy

from khartoum_site.outputs import downloads
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.model import Record
from khartoum_site.record.validate import load_record


def data(name: str) -> Any:
    """A data file as plain YAML, read independently of the loader."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def rows_of(text: str) -> list[dict[str, str]]:
    """A CSV as a spreadsheet splits it (the text decoded without its byte-order mark)."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_record_json_validates_against_its_schema(page_set: PageSet, record: Record) -> None:
    whole = json.loads(page_set.files["downloads/khartoum-process-record.json"])
    schema = json.loads(page_set.files["downloads/khartoum-process-record.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(whole, schema)
    assert whole["data_date"] == DATA_DATE
    assert [s["id"] for s in whole["states"]] == list(record.states) == [s["id"] for s in data("states.yml")]
    declaration = next(d for d in whole["documents"] if d["id"] == "cairo-2025")
    source = data("documents/cairo-2025.yml")
    assert [c["text"] for c in declaration["paragraphs"]] == [c["text"] for c in source["paragraphs"]]


def test_the_json_keeps_the_shape_of_the_data_files(page_set: PageSet) -> None:
    whole = json.loads(page_set.files["downloads/khartoum-process-record.json"])
    austria = next(s for s in whole["states"] if s["id"] == "austria")
    written = next(s for s in data("states.yml") if s["id"] == "austria")
    # lists it may leave out
    empty = {"former_ids", "also_written", "adjectives", "roles", "beside_membership", "notes"}
    assert set(austria) - empty == set(written) - empty
    assert (austria["name"], austria["iso3"], austria["region"]) == (written["name"], written["iso3"],
                                                                     written["region"])
    event = next(e for e in whole["events"] if e["id"] == "cairo-ministerial-2025")
    assert event["date"] == "2025-04-09"  # a date as written, not a date object


@pytest.mark.parametrize("collection", ["states", "organisations", "instruments", "topics", "events", "sources"])
def test_each_csv_has_one_row_per_record(page_set: PageSet, collection: str) -> None:
    written = data(f"{collection}.yml")
    rows = rows_of(page_set.files[f"downloads/{collection}.csv"].decode("utf-8-sig"))
    assert sorted(row["id"] for row in rows) == sorted(r["id"] for r in written)


def test_the_paragraphs_csv_has_the_text_of_record_and_the_url(page_set: PageSet, record: Record) -> None:
    rows = rows_of(page_set.files["downloads/paragraphs.csv"].decode("utf-8-sig"))
    assert len(rows) == len(record.paragraphs())
    op12 = next(row for row in rows if (row["document"], row["id"]) == ("cairo-2025", "op-12"))
    source = next(p for p in data("documents/cairo-2025.yml")["paragraphs"] if p["id"] == "op-12")
    assert op12["text"] == " ".join(source["text"].split())
    assert op12["url"] == "documents/cairo-2025/op-12/"


def test_the_events_csv_is_in_date_order(page_set: PageSet) -> None:
    rows = rows_of(page_set.files["downloads/events.csv"].decode("utf-8-sig"))
    # a date given only to the year (or month) sorts after the days within it: as text, once the missing
    # month or day is written as 99 (the timeline's order, ``Record.timeline``)
    dates = [(row["date"] + "-99-99")[:10] for row in rows]
    assert dates == sorted(dates)
    assert len(dates) == len(data("events.yml"))


def test_a_list_is_joined_in_one_cell(page_set: PageSet) -> None:
    egypt = next(row for row in rows_of(page_set.files["downloads/states.csv"].decode("utf-8-sig"))
                 if row["id"] == "egypt")
    cited = list(dict.fromkeys(c["source"] for c in next(s for s in data("states.yml") if s["id"] == "egypt")["cites"]))
    assert egypt["sources"] == "; ".join(cited)
    assert "cairo-2025/pp-1" in egypt["paragraphs"].split("; ")


def test_every_csv_keeps_its_shape_and_holds_no_formula(page_set: PageSet) -> None:
    csvs = {path: content for path, content in page_set.files.items() if path.endswith(".csv")}
    assert len(csvs) >= 7
    for path, content in csvs.items():
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        assert all(len(row) == len(rows[0]) for row in rows), path
        assert not [cell for row in rows[1:] for cell in row if cell.startswith(("=", "+", "-", "@"))], path


def test_a_formula_in_the_data_is_not_a_formula_in_the_csv(data_copy: DataCopy) -> None:
    data_copy.replace("organisations.yml", "  role: Named among the participants of the Cairo Ministerial Declaration."
                      "\n  cites:\n    - source: outcome-report\n      quote: \"the Intergovernmental",
                      "  role: '=HYPERLINK(A1,B1)'\n  cites:\n    - source: outcome-report\n"
                      "      quote: \"the Intergovernmental")
    files = downloads.download_files(load_record(data_copy.data), DATA_DATE)
    igad = next(row for row in rows_of(files["downloads/organisations.csv"].decode("utf-8-sig")) if row["id"] == "igad")
    assert igad["role"] == "'=HYPERLINK(A1,B1)"


SEED = "seeds/001_b05cad6fe5c97c15.txt"  # the fixture's text of the declaration
COUNT_SENTENCE = ("The Khartoum Process includes 40 countries, among them all EU member states, Switzerland, Norway, "
                  "countries from the Horn of Africa and East Africa, as well as international organizations such as "
                  "the International Organization for Migration (IOM), the UN High Commissioner for Refugees "
                  "(UNHCR), and the UN Office on Drugs and Crime (UNODC).")


def test_a_count_s_sentence_and_a_state_apart_reach_every_download(data_copy: DataCopy) -> None:
    """Decision 3 of issue 25: a count's sentence (member_count_quote) and a state named apart (not_participating)
    are in the record's JSON, valid against its schema, and in the CSVs as a reader reads them."""
    for file in (SEED, "documents/cairo-2025.yml"):
        data_copy.replace(file, "Egypt, Eritrea, Estonia", "Egypt, Estonia")
        data_copy.replace(file, "Tunisia, Uganda\u2014along", "Tunisia, Uganda; Eritrea was absent\u2014along")
    data_copy.replace("documents/cairo-2025.yml", "        - eritrea\n", "")
    data_copy.replace("documents/cairo-2025.yml", "participants_paragraph: pp-1\n", "participants_paragraph: pp-1\n"
                      "not_participating: [eritrea]\n")
    data_copy.replace("sources.yml", "  file: seeds/000_bae4d5675d70ab5e.txt\n",
                      "  file: seeds/000_bae4d5675d70ab5e.txt\n  member_count: 40\n  member_count_at: a test\n"
                      f"  member_count_read_at: cairo-ministerial-2025\n  member_count_quote: \"{COUNT_SENTENCE}\"\n")
    files = downloads.download_files(load_record(data_copy.data), DATA_DATE)
    whole = json.loads(files["downloads/khartoum-process-record.json"])
    jsonschema.validate(whole, json.loads(files["downloads/khartoum-process-record.schema.json"]))
    declaration = next(d for d in whole["documents"] if d["id"] == "cairo-2025")
    assert declaration["not_participating"] == ["eritrea"]
    assert next(s for s in whole["sources"] if s["id"] == "announcement")["member_count_quote"] == COUNT_SENTENCE
    documents = {row["id"]: row for row in rows_of(files["downloads/documents.csv"].decode("utf-8-sig"))}
    assert documents["cairo-2025"]["not_participating"] == "eritrea"
    sources = {row["id"]: row for row in rows_of(files["downloads/sources.csv"].decode("utf-8-sig"))}
    assert (sources["announcement"]["member_count"], sources["announcement"]["member_count_quote"]) == (
        "40", COUNT_SENTENCE)
