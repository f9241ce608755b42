"""The public inventory, made in-process and read back as other sites read it: ``objects.inv`` through
sphobjinv (as Sphinx's intersphinx reads it) and ``ids.json``. Followed through a built site, and used
by a real Sphinx project: tests/build/test_links.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import sphobjinv as soi
from helpers import SITE_NAME, DataCopy

from khartoum_site.outputs.inventory import ids_json, objects_inv
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.model import Record
from khartoum_site.record.validate import load_record
from khartoum_site.site import urls
from khartoum_site.site.references import aliases, entries

OP_12 = "Cairo Ministerial Declaration, OP 12: Return, readmission and reintegration"


@pytest.fixture(scope="module")
def inventory(page_set: PageSet) -> soi.Inventory:
    return soi.Inventory(zlib=page_set.files["objects.inv"])


@pytest.fixture(scope="module")
def ids(page_set: PageSet) -> dict[str, Any]:
    return dict(json.loads(page_set.files["ids.json"]))


def test_objects_inv_names_the_project_and_a_doc_per_record_and_a_label_per_anchor(
        inventory: soi.Inventory, record: Record) -> None:
    assert inventory.project == SITE_NAME
    by_role: dict[str, int] = {}
    for obj in inventory.objects:
        assert (obj.domain, obj.priority) == ("std", "1")
        by_role[obj.role] = by_role.get(obj.role, 0) + 1
    records = len(entries(record)) + len(aliases(record))  # a former key leads where its record is now
    # every record has its page; a paragraph has an anchor on its full text too, an event on the timeline; a
    # source and a topic are headings on their lists, both a doc (the page they had) and a label there
    current = [f"{name}/{ident}" for name in urls.ON_THEIR_LIST for ident in record.collection(name)]
    on_list = [*current, *(old for old, new in aliases(record).items() if new in current)]
    assert {key.partition("/")[0] for key in on_list} >= {"sources", "topics"}
    assert "topics/return-reintegration" in on_list  # the fixture's merged topic, under its former key
    assert by_role == {"doc": records,
                       "label": len(record.events) + len(record.paragraphs()) + len(on_list)}


@pytest.mark.parametrize(("name", "role", "uri", "title"), [
    ("cairo-2025/op-12", "doc", "documents/cairo-2025/op-12/", OP_12),
    ("cairo-2025/op-12", "label", "documents/cairo-2025/#op-12", OP_12),
    ("events/rome-2014", "label", "timeline/#rome-2014", "First ministerial conference of the Khartoum Process (2014)"),
    ("states/egypt", "doc", "states/egypt/", "Egypt"),
    ("documents/cairo-2025", "doc", "documents/cairo-2025/", "Cairo Ministerial Declaration"),
    ("sources/outcome-report", "doc", "sources/#source-outcome-report",
     "“Khartoum Process” issues the Cairo 2nd Ministerial Statement"),
    ("sources/outcome-report", "label", "sources/#source-outcome-report",
     "“Khartoum Process” issues the Cairo 2nd Ministerial Statement"),
    # a topic is a heading on the list of topics; a link made with its former id (a merged topic) lands there too
    ("topics/jvap-return-readmission-reintegration", "doc", "topics/#topic-jvap-return-readmission-reintegration",
     "Return, readmission and reintegration"),
    ("topics/return-reintegration", "doc", "topics/#topic-jvap-return-readmission-reintegration",
     "Return, readmission and reintegration"),
    ("topics/return-reintegration", "label", "topics/#topic-jvap-return-readmission-reintegration",
     "Return, readmission and reintegration"),
])
def test_objects_inv_gives_each_target_its_url_and_title(inventory: soi.Inventory, name: str, role: str, uri: str,
                                                         title: str) -> None:
    found = [(o.uri_expanded, o.dispname_expanded) for o in inventory.objects if (o.name, o.role) == (name, role)]
    assert found == [(uri, title)]


def test_ids_json_gives_each_id_its_url_anchor_title_and_kind(ids: dict[str, Any], record: Record) -> None:
    # The one former id of the record: a topic merged into another (issue 10).
    merged = {"topics/return-reintegration": "topics/jvap-return-readmission-reintegration"}
    assert (ids["site"], ids["site_url"], ids["former_ids"]) == (SITE_NAME, None, merged)
    assert ids["ids"]["cairo-2025/op-12"] == {
        "url": "documents/cairo-2025/op-12/", "anchor": "documents/cairo-2025/#op-12", "title": OP_12,
        "kind": "paragraph", "document": "cairo-2025"}
    assert ids["ids"]["states/egypt"] == {"url": "states/egypt/", "anchor": None, "title": "Egypt", "kind": "state",
                                          "document": None}
    assert len(ids["ids"]) == len(entries(record)) + len(merged)
    assert ids["ids"]["topics/return-reintegration"] == {
        **ids["ids"]["topics/jvap-return-readmission-reintegration"],
        "current": "topics/jvap-return-readmission-reintegration"}


def test_both_inventories_list_the_same_keys(inventory: soi.Inventory, ids: dict[str, Any]) -> None:
    assert {o.name for o in inventory.objects} == set(ids["ids"])
    for obj in inventory.objects:
        assert obj.uri_expanded in (ids["ids"][obj.name]["url"], ids["ids"][obj.name]["anchor"])


def test_former_ids_are_listed_with_the_id_they_became(data_copy: DataCopy) -> None:
    data_copy.rename("states.yml", "czech-republic", "czechia")
    data_copy.rename("events.yml", "rome-2014", "rome-conference-2014")
    data_copy.rename("documents/cairo-2025.yml", "op-12", "op-12-return")
    record = load_record(data_copy.data)
    published = json.loads(ids_json(entries(record), aliases(record), "Site", "https://record.example/"))
    assert published["former_ids"] == {
        "cairo-2025/op-12": "cairo-2025/op-12-return", "events/rome-2014": "events/rome-conference-2014",
        "states/czech-republic": "states/czechia",
        "topics/return-reintegration": "topics/jvap-return-readmission-reintegration"}
    assert published["site_url"] == "https://record.example/"
    # each former id resolves to the record it became: its addresses and title, and its current id
    for old, new in published["former_ids"].items():
        assert published["ids"][old] == {**published["ids"][new], "current": new}, old
        assert "current" not in published["ids"][new]
    assert published["ids"]["states/czech-republic"]["url"] == "states/czechia/"

    inventory = soi.Inventory(zlib=objects_inv(entries(record), aliases(record), "Site", "1"))
    found = {(o.name, o.role): (o.uri_expanded, o.dispname_expanded) for o in inventory.objects}
    czechia = ("states/czechia/", "Czech Republic")  # the title is the record's name, unchanged by the rename
    assert found[("states/czech-republic", "doc")] == found[("states/czechia", "doc")] == czechia
    assert found[("events/rome-2014", "label")] == ("timeline/#rome-conference-2014", found[
        ("events/rome-conference-2014", "label")][1])
    assert found[("cairo-2025/op-12", "doc")][0] == "documents/cairo-2025/op-12-return/"
    assert found[("cairo-2025/op-12", "label")][0] == "documents/cairo-2025/#op-12-return"


def test_a_line_break_in_the_site_s_name_cannot_forge_the_header(record: Record) -> None:
    """site_name: "Evil\\n# Version: 666" once gave objects.inv a forged header that Sphinx refused."""
    data = objects_inv(entries(record), {}, "Evil\n# Version: 666", "2026-12-05")
    inventory = soi.Inventory(zlib=data)
    assert inventory.project == "Evil # Version: 666"
    assert inventory.version == "2026-12-05"
    header = soi.decompress(data).decode().splitlines()[:4]
    assert [line.split(":")[0] for line in header] == ["# Sphinx inventory version 2", "# Project", "# Version",
                                                       "# The remainder of this file is compressed using zlib."]
