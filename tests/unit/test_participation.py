"""What the record says a state took part in, and the other questions the templates ask of the record:
methods of ``Record`` (record/model.py), tested on records built in code, not computed inline in a template."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from helpers import ROOT

from khartoum_site.record import loader, model, validate
from khartoum_site.record.fields import Context, Where
from khartoum_site.record.loader import Pos
from khartoum_site.record.schema import KINDS

TEMPLATES = ROOT / "khartoum_site" / "site" / "templates"
CITES = "cites: [{source: s, locator: here}]"


def entry(collection: str, text: str) -> Any:
    """An entry as the validator makes it from YAML (its declared defaults filled in); no problem allowed."""
    loaded = loader.parse(text.encode("utf-8"), "x.yml")
    ctx = Context()
    where = Where("x.yml", Pos(1, 1))
    made = validate._document("x.yml", loaded.value, ctx) if collection == "documents" else \
        KINDS[collection].check(loaded.value, where, ctx)
    assert [str(p) for p in loaded.problems + ctx.problems] == []
    return made


def state(ident: str) -> model.MemberState:
    made: model.MemberState = entry("states", f"id: {ident}\nname: {ident.title()}\niso2: '{ident[:2].upper()}'\n"
                           f"iso3: '{ident[:3].upper()}'\nregion: african-state\n{CITES}\n")
    return made


def paragraph(ident: str, states: tuple[str, ...]) -> str:
    part = "preambular" if ident.startswith("pp-") else "operative"
    return (f"  - id: {ident}\n    part: {part}\n    number: {ident[3:]}\n    title: A title\n"
            f"    text: Some text.\n    mentions: {{states: [{', '.join(states)}]}}\n")


def document(ident: str, paragraphs: list[str], participants: str | None, text: bool = True,
             adopted_at: str | None = None) -> model.Document:
    lines = [f"id: {ident}", f"title: {ident.title()}", "kind: declaration", "date: 2025",
             f"text_in_record: {'true' if text else 'false'}", CITES]
    lines += [f"participants_paragraph: {participants}"] if participants else []
    lines += [f"adopted_at: {adopted_at}"] if adopted_at else []
    lines += ["paragraphs:\n" + "".join(paragraphs)] if paragraphs else []
    made: model.Document = entry("documents", "\n".join(lines) + "\n")
    return made


def record_of(states: list[str], documents: list[model.Document]) -> model.Record:
    record = model.Record(states={s: state(s) for s in states}, documents={d.id: d for d in documents})
    record.index()
    return record


def test_a_state_in_a_list_of_participants_is_listed_there_and_named_elsewhere_besides() -> None:
    cairo = document("cairo", [paragraph("pp-1", ("egypt", "kenya")), paragraph("op-3", ("egypt",))],
                     participants="pp-1")
    record = record_of(["egypt", "kenya"], [cairo])
    egypt = record.participation("egypt")
    assert [(d.id, p.id) for d, p in egypt.listed_in] == [("cairo", "pp-1")]
    assert [p.id for p in egypt.also_named_in] == ["op-3"]
    kenya = record.participation("kenya")
    assert [p.id for _d, p in kenya.listed_in] == ["pp-1"]
    assert kenya.also_named_in == []


@pytest.mark.parametrize(("participants", "text"), [(None, True), ("pp-1", False)])
def test_without_a_marked_list_or_without_the_text_a_state_is_only_named(participants: str | None,
                                                                          text: bool) -> None:
    cairo = document("cairo", [paragraph("pp-1", ("egypt",))], participants=participants, text=text)
    part = record_of(["egypt"], [cairo]).participation("egypt")
    assert part.listed_in == []
    assert [p.id for p in part.also_named_in] == (["pp-1"] if participants is None else [])


def test_a_list_naming_every_state_is_found_and_one_that_misses_a_state_is_not() -> None:
    full = paragraph("pp-1", ("egypt", "kenya"))
    partial = paragraph("pp-1", ("egypt",))
    record = record_of(["egypt", "kenya"], [document("a", [full], "pp-1"), document("b", [partial], "pp-1")])
    assert [p.document for p in record.lists_naming_every_state()] == ["a"]


def test_the_process_and_the_sources_supplying_the_presentation_come_from_the_data() -> None:
    record = model.Record()
    assert record.the_process() is None
    assert record.source_supplying("map-shapes") is None
    process = entry("instruments", f"id: the-process\nname: The Process\nkind: process\nsubject: true\n{CITES}\n")
    other = dataclasses.replace(process, id="another", subject=False)
    shapes = entry("sources", "id: shapes\ntitle: Shapes\nkind: reference\nsupplies: [map-shapes]\n")
    record = model.Record(instruments={"another": other, "the-process": process}, sources={"shapes": shapes})
    assert record.the_process() is process
    assert record.source_supplying("map-shapes") is shapes
    assert record.source_supplying("eu-membership") is None


def test_the_home_page_features_the_events_that_adopted_a_text_of_the_record() -> None:
    event = entry("events", f"id: meeting\ndate: 2025-04-09\ntitle: A meeting\ndescription: It met.\n{CITES}\n")
    with_text = document("a", [paragraph("pp-1", ())], None, adopted_at="meeting")
    without = document("b", [], None, text=False, adopted_at="meeting")
    record = model.Record(events={"meeting": event}, documents={"b": without})
    assert record.adoptions() == []
    record = model.Record(events={"meeting": event}, documents={"a": with_text})
    assert record.adoptions() == [event]


def test_templates_hold_no_page_path_and_no_record_id() -> None:
    """Addresses come from site/urls.py (page_link names a page), facts and choices from the data."""
    from helpers import DATA

    from khartoum_site.record.validate import load_record

    ids = {e.id for c in model.COLLECTIONS for e in getattr(load_record(DATA), c.name).values()}
    found = []
    for template in sorted(TEMPLATES.glob("*.j2")):
        for literal in re.findall(r"\"([^\"\n]*)\"", template.read_text(encoding="utf-8")):
            if literal.endswith((".md", ".html", "/")) or literal in ids:
                found.append((template.name, literal))
    assert found == []
