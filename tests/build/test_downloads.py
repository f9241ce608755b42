"""The record as data, as the build publishes it: the JSON validates against its schema, each CSV has one
row per record and opens in a spreadsheet as written, the Downloads page lists them and states the terms
of reuse that the footer of every page gives; a build with a site_url publishes absolute URLs; and the
edit button of a generated page.
In-process, without a build: tests/artefacts/test_downloads.py, tests/artefacts/test_csv_spreadsheet.py."""

from __future__ import annotations

import codecs
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from helpers import DATA, DataCopy, build_site, html, mkdocs, project

from khartoum_site.record import model
from khartoum_site.site.terms import TERMS


def _rows_in_data() -> dict[str, int]:
    """How many rows each CSV must have, counted in the data files as plain YAML (not by our loader)."""
    found = {f"{c.name}.csv": len(yaml.safe_load((DATA / c.data_file).read_text(encoding="utf-8")) or [])
             for c in model.COLLECTIONS if c.data_file is not None}
    documents = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((DATA / "documents").glob("*.yml"))]
    found["paragraphs.csv"] = sum(len(d.get("paragraphs") or []) for d in documents)
    return found


ROWS = _rows_in_data()


def test_the_record_json_validates_against_its_schema(fixture_site: Path) -> None:
    downloads = fixture_site / "downloads"
    record = json.loads((downloads / "khartoum-process-record.json").read_text(encoding="utf-8"))
    schema = json.loads((downloads / "khartoum-process-record.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(record, schema)
    assert len(record["states"]) == 40
    declaration = next(d for d in record["documents"] if d["id"] == "cairo-2025")
    source = yaml.safe_load((DATA / "documents" / "cairo-2025.yml").read_text(encoding="utf-8"))
    assert [c["text"] for c in declaration["paragraphs"]] == [c["text"] for c in source["paragraphs"]]


def spreadsheet_rows(path: Path) -> list[dict[str, str]]:
    """A published CSV as a spreadsheet opened with a double-click reads it: UTF-8 only after a
    byte-order mark (else the Windows ANSI code page), split as RFC 4180 has it (csv's excel dialect)."""
    raw = path.read_bytes()
    text = raw[3:].decode("utf-8") if raw.startswith(codecs.BOM_UTF8) else raw.decode("cp1252", errors="replace")
    return list(csv.DictReader(io.StringIO(text, newline=""), dialect="excel"))


def test_each_csv_loads_with_one_row_per_record(fixture_site: Path) -> None:
    for name, count in ROWS.items():
        raw = (fixture_site / "downloads" / name).read_bytes()
        assert raw.startswith(codecs.BOM_UTF8), name
        assert raw.count(b"\n") == raw.count(b"\r\n"), name
        rows = spreadsheet_rows(fixture_site / "downloads" / name)
        key = "key" if name == "paragraphs.csv" else "id"
        assert raw.decode("utf-8-sig").split(",", 1)[0] == key, name  # the header, even of an empty table
        assert len(rows) == count, name
        assert len({row[key] for row in rows}) == count, name
    paragraphs = spreadsheet_rows(fixture_site / "downloads" / "paragraphs.csv")
    op12 = next(row for row in paragraphs if row["key"] == "cairo-2025/op-12")
    assert (op12["document"], op12["id"]) == ("cairo-2025", "op-12")
    assert op12["text"].startswith("Highlighting the importance of strengthening cooperation")
    assert op12["url"] == "documents/cairo-2025/op-12/"  # mkdocs.yml sets no site_url
    pp1 = next(row for row in paragraphs if row["key"] == "cairo-2025/pp-1")
    assert "Khartoum Process—Austria" in pp1["text"]


@pytest.fixture(scope="module")
def site_with_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built with a public address under a sub-path, as a host would publish it."""
    root = tmp_path_factory.mktemp("site-url")
    project(DataCopy(root))
    return build_site(root / "mkdocs.yml", root / "site", site_url="https://example.org/kp/")


def test_a_site_with_a_site_url_publishes_absolute_urls(site_with_url: Path) -> None:
    paragraphs = spreadsheet_rows(site_with_url / "downloads" / "paragraphs.csv")
    op12 = next(row for row in paragraphs if row["key"] == "cairo-2025/op-12")
    assert op12["url"] == "https://example.org/kp/documents/cairo-2025/op-12/"
    assert all(row["url"] == f"https://example.org/kp/documents/{row['document']}/{row['id']}/" for row in paragraphs)
    # each URL is the page the build wrote
    assert all((site_with_url / row["url"].removeprefix("https://example.org/kp/") / "index.html").is_file()
               for row in paragraphs)
    package = json.loads((site_with_url / "downloads" / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["name"] == "paragraphs")["schema"]["fields"]
    assert next(f for f in fields if f["name"] == "url")["format"] == "uri"
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=site_with_url / "downloads",
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_terms_of_reuse_are_on_the_downloads_page_and_in_every_footer(fixture_site: Path) -> None:
    page = html(fixture_site, "downloads/")
    heading = page.select_one("h2#terms-of-reuse")
    assert heading is not None
    terms = heading.find_next_sibling("p")
    assert terms is not None
    assert " ".join(terms.get_text().split()) == TERMS.text().replace(
        f" ({TERMS.short}, {TERMS.url})", f" ({TERMS.short})")
    assert [a["href"] for a in terms.select("a")] == [TERMS.url]
    for url in ("", "downloads/", "documents/cairo-2025/op-12/", "states/norway/"):
        footer = html(fixture_site, url).select_one("footer .md-copyright__highlight")
        assert footer is not None, url
        said = " ".join(footer.get_text().split())
        assert said == f"{TERMS.licensed_briefly}: {TERMS.short}. {TERMS.reserved_briefly}", url
        link = footer.select_one("a")
        assert link is not None, url
        assert link["href"] == TERMS.url, url
        assert "underline" in str(link.get("style")), url  # not told from the text by colour alone


def test_the_downloads_page_lists_every_file_with_its_size(fixture_site: Path) -> None:
    page = html(fixture_site, "downloads/")
    rows = {tr.select("a")[0].get_text(): tr.find_all("td")[2].get_text() for tr in page.select("article tbody tr")}
    assert set(rows) == {*ROWS, "khartoum-process-record.json", "khartoum-process-record.schema.json",
                         "documents.csv", "datapackage.json", "cairo-2025.akn.xml"}
    for name, size in rows.items():
        length = (fixture_site / "downloads" / name).stat().st_size
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
