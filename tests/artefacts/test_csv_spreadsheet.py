"""The CSVs as a spreadsheet opened with a double-click reads them, in-process: the bytes decoded as the
spreadsheet decodes them (UTF-8 if they start with a byte-order mark, else the Windows ANSI code page),
split with the dialect ``datapackage.json`` declares; a key of one column per row; a paragraph's URL
absolute under ``site_url``; and the terms of reuse, said once. The same files as the build publishes
them, with and without ``site_url``: tests/build/test_downloads.py.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package
from helpers import DATA_DATE, DataCopy, mkdocs_yml

from khartoum_site.escape import csv_cell
from khartoum_site.outputs import downloads
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record import model
from khartoum_site.record.model import Record
from khartoum_site.record.validate import load_record
from khartoum_site.site import terms, urls

SITE_URL = "https://example.org/kp/"


def as_double_clicked(raw: bytes) -> str:
    """The text a spreadsheet reads from a CSV it opens on double-click: Excel on Windows takes UTF-8
    only from a byte-order mark, and reads any other file in the system's ANSI code page (cp1252 in
    Western Europe and the Americas)."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8")
    return raw.decode("cp1252", errors="replace")


def declared_dialect(files: dict[str, bytes], name: str) -> dict[str, Any]:
    package = json.loads(files[urls.DATA_PACKAGE])
    return next(r["dialect"] for r in package["resources"] if r["name"] == name)


def rows(files: dict[str, bytes], path: str) -> list[dict[str, str]]:
    """A CSV decoded as double-clicked and split with the dialect its data package declares."""
    dialect = declared_dialect(files, path.rsplit("/", 1)[-1].removesuffix(".csv"))
    text = as_double_clicked(files[path])
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=dialect["delimiter"],
                               quotechar=dialect["quoteChar"], doublequote=dialect["doubleQuote"]))


def csv_paths(files: dict[str, bytes]) -> list[str]:
    found = [path for path in files if path.endswith(".csv")]
    assert len(found) == len(model.COLLECTIONS) + 1  # a table per collection, and one of the paragraphs
    return found


# --- Encoding and line ends ------------------------------------------------------------------------------

def test_the_emulation_tells_a_csv_without_the_mark_from_one_with_it() -> None:
    """The check below can fail: the same bytes without the mark are read as cp1252, and "—" breaks."""
    text = "key,text\r\ncairo-2025/pp-1,Khartoum Process—Austria\r\n"
    assert "Process—Austria" not in as_double_clicked(text.encode("utf-8"))
    assert "Processâ€”Austria" in as_double_clicked(text.encode("utf-8"))
    assert "Process—Austria" in as_double_clicked(text.encode("utf-8-sig"))


def test_every_csv_starts_with_the_mark_and_reads_back_as_written(page_set: PageSet) -> None:
    for path in csv_paths(page_set.files):
        raw = page_set.files[path]
        assert raw.startswith(codecs.BOM_UTF8), path
        text = as_double_clicked(raw)
        assert text == raw.decode("utf-8-sig"), path
        for misread in ("â€", "\ufffd", "\ufeff"):  # cp1252's view of "—", an undecodable byte, a second mark
            assert misread not in text, (path, misread)


def test_a_dash_and_curly_quotes_survive_a_double_click(page_set: PageSet, record: Record) -> None:
    paragraphs = {row["key"]: row for row in rows(page_set.files, "downloads/paragraphs.csv")}
    assert "Khartoum Process—Austria" in paragraphs["cairo-2025/pp-1"]["text"]
    pp1 = record.documents["cairo-2025"].paragraphs[0]
    assert paragraphs["cairo-2025/pp-1"]["text"] == " ".join(pp1.text.split())
    sources = {row["id"]: row["title"] for row in rows(page_set.files, "downloads/sources.csv")}
    assert any("—" in title for title in sources.values())
    assert [title for title in sources.values() if "—" in title] == [
        s.title for s in record.sources.values() if "—" in s.title]


def test_every_line_ends_in_crlf_as_rfc_4180_has_it(page_set: PageSet) -> None:
    for path in csv_paths(page_set.files):
        raw = page_set.files[path]
        assert raw.endswith(b"\r\n"), path
        assert raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r"), path
        # cells are one line (escape.csv_cell), so each record is one line of the file
        assert raw.count(b"\r\n") == len(rows(page_set.files, path)) + 1, path


def test_the_data_package_declares_the_dialect_the_files_are_written_in(page_set: PageSet) -> None:
    package = json.loads(page_set.files[urls.DATA_PACKAGE])
    for resource in package["resources"]:
        assert resource["encoding"] == "utf-8"  # with the mark: readers of the standard skip it
        assert resource["dialect"] == {"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json",
                                       "header": True, "delimiter": ",", "lineTerminator": "\r\n",
                                       "quoteChar": '"', "doubleQuote": True}


# --- Formulas ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1", " =1+1", "\n-1"])
def test_a_cell_a_spreadsheet_would_run_is_neutralised(value: str) -> None:
    assert csv_cell(value).startswith("'")


def test_no_cell_of_any_csv_starts_a_formula(page_set: PageSet) -> None:
    for path in csv_paths(page_set.files):
        for row in rows(page_set.files, path):
            assert not [v for v in row.values() if v.startswith(("=", "+", "-", "@", "\t", "\r"))], path


def test_formulas_planted_in_a_paragraph_reach_the_csv_inert(data_copy: DataCopy) -> None:
    data_copy.replace("documents/cairo-2025.yml", "    title: Participants", "    title: '@SUM(A1:A9)'")
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-12\n", "  - id: op-12\n    notes: ['-2+3', '=1']\n")
    files = downloads.download_files(load_record(data_copy.data), DATA_DATE)
    paragraphs = {row["key"]: row for row in rows(files, "downloads/paragraphs.csv")}
    assert paragraphs["cairo-2025/pp-1"]["title"] == "'@SUM(A1:A9)"
    assert paragraphs["cairo-2025/op-12"]["notes"] == "'-2+3; =1"  # a formula starts only a cell


def test_a_program_following_the_data_package_gets_each_value_back(data_copy: DataCopy) -> None:
    """The added apostrophe is said in datapackage.json, and dropping the first apostrophe of a cell that starts
    with one gives back the record's value, whether the value began with a formula sign or with an apostrophe of its
    own (a package reader could not tell the two apart: a held-out corpus's BV5)."""
    data_copy.replace("documents/cairo-2025.yml", "    title: Participants", "    title: '@SUM(A1:A9)'")
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-12\n", "  - id: op-12\n    notes: [\"'90s plans\"]\n")
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-13\n", "  - id: op-13\n    notes: ['-2+3']\n")
    record = load_record(data_copy.data)
    files = downloads.download_files(record, DATA_DATE)
    assert "drops the first apostrophe of a cell that starts with one" in json.loads(
        files[urls.DATA_PACKAGE])["description"]
    read = {row["key"]: row for row in rows(files, "downloads/paragraphs.csv")}
    assert [read["cairo-2025/pp-1"]["title"], read["cairo-2025/op-12"]["notes"], read["cairo-2025/op-13"]["notes"]] \
        == ["'@SUM(A1:A9)", "''90s plans", "'-2+3"]
    for paragraph in record.documents["cairo-2025"].paragraphs:
        for column, value in (("title", paragraph.title), ("notes", "; ".join(paragraph.notes))):
            cell = read[f"cairo-2025/{paragraph.id}"][column]
            assert (cell[1:] if cell.startswith("'") else cell) == value


def test_list_items_read_back_whole_and_unchanged(data_copy: DataCopy, tmp_path: Path) -> None:
    """Items holding the separator, an apostrophe or a formula sign, read back by the csv module and by a
    data-package reader: the apostrophe that neutralises a formula is at the start of the cell only."""
    data_copy.replace("instruments.yml", "names_in_record: [Khartoum Process, Khartoum Operation]",
                      "names_in_record: [Khartoum Process, \"=Khartoum; Operation\", \"Rome's -1\"]")
    data_copy.append_to_text("announcement", "=Khartoum; Operation and Rome's -1")  # names as a source writes them
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-12\n",
                      "  - id: op-12\n    notes: [\"it's so; really\", '-2+3', \"'90s\"]\n")
    files = downloads.download_files(load_record(data_copy.data), DATA_DATE)
    paragraphs = {row["key"]: row for row in rows(files, "downloads/paragraphs.csv")}
    assert paragraphs["cairo-2025/op-12"]["notes"] == "it's so; really; -2+3; '90s"
    for path, content in files.items():
        (tmp_path / Path(path).name).write_bytes(content)
    package = Package(str(tmp_path / "datapackage.json"))
    instruments = {row["id"]: row for row in package.get_resource("instruments").read_rows()}  # type: ignore[attr-defined]
    assert instruments["khartoum-process"]["names_in_record"] == [
        "Khartoum Process", "=Khartoum; Operation", "Rome's -1"]


# --- A key per row --------------------------------------------------------------------------------------

def test_every_csv_has_a_key_of_one_column_first(page_set: PageSet) -> None:
    package = json.loads(page_set.files[urls.DATA_PACKAGE])
    keys = {r["name"]: r["schema"]["primaryKey"] for r in package["resources"]}
    for path in csv_paths(page_set.files):
        name = path.rsplit("/", 1)[-1].removesuffix(".csv")
        found = rows(page_set.files, path)
        first = page_set.files[path].decode("utf-8-sig").split("\r\n", 1)[0].split(",", 1)[0]  # the header's
        assert keys[name] == [first] == (["key"] if name == "paragraphs" else ["id"]), name
        values = [row[first] for row in found]
        assert all(values), name
        assert len(set(values)) == len(values), name


def test_a_paragraphs_key_is_its_permanent_id(page_set: PageSet) -> None:
    ids = json.loads(page_set.files["ids.json"])["ids"]
    for row in rows(page_set.files, "downloads/paragraphs.csv"):
        assert row["key"] == f"{row['document']}/{row['id']}"
        assert row["key"] in ids  # the key of objects.inv and ids.json
        page = page_set.pages[f"documents/{row['document']}/{row['id']}.md"].markdown
        assert f"| Permanent id | `{row['key']}` |" in page


def test_keys_stay_unique_where_two_documents_share_paragraph_ids(data_copy: DataCopy, tmp_path: Path) -> None:
    """A second document with its text in the record: every paragraph id repeats, no key does, and
    Frictionless checks the key as the table's primary key."""
    text = (data_copy.data / "documents" / "cairo-2025.yml").read_text(encoding="utf-8")
    # the copy's own text, in a source of its own: a paragraph of a source both cited would be one document's
    seed = next((data_copy.data / "seeds").glob("001_*.txt"))
    (data_copy.data / "seeds" / "copy.txt").write_text("A copy for a test\n\n" + seed.read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    with (data_copy.data / "sources.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n- id: report-copy\n  title: A copy of the report\n  kind: news-report\n  publisher: A test\n"
                     "  publisher_from: website\n  url: https://example.org/copy\n  file: seeds/copy.txt\n")
    (data_copy.data / "documents" / "cairo-2025-copy.yml").write_text(
        text.replace("\nid: cairo-2025\n", "\nid: cairo-2025-copy\n", 1)
        .replace("source: outcome-report\n", "source: report-copy\n"), encoding="utf-8")
    record = load_record(data_copy.data)
    once = len(record.documents["cairo-2025"].paragraphs)
    files = downloads.download_files(record, DATA_DATE)
    found = rows(files, "downloads/paragraphs.csv")
    assert len(found) == 2 * once
    assert len({row["id"] for row in found}) == once  # every id twice
    assert len({row["key"] for row in found}) == 2 * once  # every key once
    folder = tmp_path / "saved"
    folder.mkdir()
    for path, content in files.items():
        (folder / Path(path).name).write_bytes(content)
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    paragraphs = folder / "paragraphs.csv"
    copy = paragraphs.read_bytes().replace(b"\r\ncairo-2025-copy/op-12,", b"\r\ncairo-2025/op-12,", 1)
    paragraphs.write_bytes(copy)
    report = Package(str(folder / "datapackage.json")).validate()
    assert "primary-key" in [e.type for e in report.tasks[-1].errors]


# --- URLs ------------------------------------------------------------------------------------------------

def url_field(files: dict[str, bytes]) -> dict[str, Any]:
    package = json.loads(files[urls.DATA_PACKAGE])
    paragraphs = next(r for r in package["resources"] if r["name"] == "paragraphs")
    return next(f for f in paragraphs["schema"]["fields"] if f["name"] == "url")


@pytest.mark.parametrize("site_url", [SITE_URL, SITE_URL.rstrip("/")])
def test_urls_are_absolute_under_site_url(record: Record, site_url: str) -> None:
    files = downloads.download_files(record, DATA_DATE, site_url)
    paragraphs = {row["key"]: row for row in rows(files, "downloads/paragraphs.csv")}
    assert paragraphs["cairo-2025/op-12"]["url"] == "https://example.org/kp/documents/cairo-2025/op-12/"
    assert all(re.fullmatch(r"https://example\.org/kp/documents/[a-z0-9-]+/[a-z0-9-]+/", row["url"])
               for row in paragraphs.values())
    field = url_field(files)
    assert field["format"] == "uri"
    assert "relative" not in field["description"]


def test_without_site_url_the_urls_are_relative_and_say_so(page_set: PageSet) -> None:
    paragraphs = {row["key"]: row for row in rows(page_set.files, "downloads/paragraphs.csv")}
    assert paragraphs["cairo-2025/op-12"]["url"] == "documents/cairo-2025/op-12/"
    field = url_field(page_set.files)
    assert "format" not in field
    assert "relative to the site's root" in field["description"]


def test_the_data_package_validates_with_absolute_urls(record: Record, tmp_path: Path) -> None:
    for path, content in downloads.download_files(record, DATA_DATE, SITE_URL).items():
        (tmp_path / Path(path).name).write_bytes(content)
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# --- Terms of reuse, said once ---------------------------------------------------------------------------

def test_the_footer_in_mkdocs_yml_is_the_terms_constant() -> None:
    config = mkdocs_yml()
    assert " ".join(config["copyright"].split()) == terms.TERMS.footer()
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in config["copyright"]


def test_the_data_package_licenses_come_from_the_terms(page_set: PageSet) -> None:
    package = json.loads(page_set.files[urls.DATA_PACKAGE])
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                                    "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)"}]
    assert terms.TERMS.text() in package["description"]
    assert "remain under the terms of their publishers" in package["description"]


def test_the_downloads_page_states_the_terms(page_set: PageSet) -> None:
    page = page_set.pages["downloads.md"].markdown
    assert "## Terms of reuse { #terms-of-reuse }" in page
    assert terms.TERMS.markdown() in page
