"""The record as data, as the build publishes it: the JSON validates against its schema, each CSV has one
row per record, the Downloads page lists them; and the edit button of a generated page.
In-process, without a build: tests/unit/test_downloads.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import DATA, DataCopy, html, mkdocs, project

ROWS = {"states.csv": 40, "organisations.csv": 8, "instruments.csv": 12, "topics.csv": 17, "events.csv": 10,
        "sources.csv": 8, "paragraphs.csv": 28}


def test_the_record_json_validates_against_its_schema(real_site: Path) -> None:
    record = json.loads((real_site / "downloads" / "khartoum-process-record.json").read_text(encoding="utf-8"))
    schema = json.loads((real_site / "downloads" / "khartoum-process-record.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(record, schema)
    assert len(record["states"]) == 40
    declaration = next(d for d in record["documents"] if d["id"] == "cairo-2025")
    source = yaml.safe_load((DATA / "documents" / "cairo-2025.yml").read_text(encoding="utf-8"))
    assert [c["text"] for c in declaration["paragraphs"]] == [c["text"] for c in source["paragraphs"]]


def test_each_csv_loads_with_one_row_per_record(real_site: Path) -> None:
    for name, count in ROWS.items():
        text = (real_site / "downloads" / name).read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == count, name
        assert len({row["id"] for row in rows}) == count, name
    paragraphs = list(csv.DictReader(io.StringIO((real_site / "downloads" / "paragraphs.csv").read_text("utf-8"))))
    op12 = next(row for row in paragraphs if row["id"] == "op-12")
    assert op12["text"].startswith("Highlighting the importance of strengthening cooperation")
    assert op12["url"] == "documents/cairo-2025/op-12/"


def test_the_downloads_page_lists_every_file_with_its_size(real_site: Path) -> None:
    page = html(real_site, "downloads/")
    rows = {tr.select("a")[0].get_text(): tr.find_all("td")[2].get_text() for tr in page.select("article tbody tr")}
    assert set(rows) == {*ROWS, "khartoum-process-record.json", "khartoum-process-record.schema.json",
                         "documents.csv", "datapackage.json", "cairo-2025.akn.xml"}
    for name, size in rows.items():
        length = (real_site / "downloads" / name).stat().st_size
        number, unit = size.split(" ")
        if unit == "bytes":  # exact below 10,000 bytes
            assert (length < 10_000, int(number.replace(",", ""))) == (True, length), (name, size)
        else:  # in kilobytes from there, rounded to the nearest
            assert unit == "kB", (name, size)
            assert length >= 10_000, (name, size)
            assert int(number.replace(",", "")) == pytest.approx(length / 1000, abs=0.5), (name, size)
    assert "last changed on" in page.get_text()


def test_the_edit_button_of_a_generated_page_opens_its_data_file_at_the_line(data_copy: DataCopy) -> None:
    root = project(data_copy)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      # edit_url: ...", "      edit_url: https://git.example/record/edit/main/{path}#L{line}")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert mkdocs(root, "build", "--strict").returncode == 0
    page = html(root / "site", "states/norway/")
    edit = page.select_one('a[rel="edit"]')
    line = data_copy.line_of("states.yml", "- id: norway")
    assert edit is not None
    assert edit["href"] == f"https://git.example/record/edit/main/data/states.yml#L{line}"
    paragraph = html(root / "site", "documents/cairo-2025/op-12/").select_one('a[rel="edit"]')
    line = data_copy.line_of("documents/cairo-2025.yml", "  - id: op-12")
    assert paragraph is not None
    assert paragraph["href"] == f"https://git.example/record/edit/main/data/documents/cairo-2025.yml#L{line}"
