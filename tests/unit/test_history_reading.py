"""What the fourth independent reading of the history pages found (issue 23): each test holds a class of
finding, on the real record (expectations read from ``data/`` as plain YAML) or on the frozen fixture.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import REAL_DATA, PagesAsHtml

from khartoum_site.record.validate import load_record
from khartoum_site.site.pages import build_pages


@functools.cache
def entries(name: str) -> list[dict[str, Any]]:
    """The live entries of a data file."""
    loaded = yaml.safe_load((REAL_DATA / name).read_text(encoding="utf-8")) or []
    return [e for e in loaded if "withdrawn" not in e]


@pytest.fixture(scope="module")
def real() -> PagesAsHtml:
    """Every page of the real record, as HTML."""
    pages = build_pages(load_record(REAL_DATA), data_date="2026-12-05")
    return PagesAsHtml({path: page.markdown for path, page in pages.items()})


def text(node: Tag | BeautifulSoup) -> str:
    return " ".join(node.get_text().split())


# A list item's label ("- Concerns: …") glued to the end of the item before it
GLUED_ITEM = re.compile(r"\S- [A-Z][a-z]+(?: [a-z]+)*:")


def test_no_list_item_runs_into_the_next(real: PagesAsHtml) -> None:
    """The timeline's "Chaired by" line swallowed the "Concerns:" and "Adopted:" lines after it."""
    glued = {path: [text(li) for li in real[path].select("li") if GLUED_ITEM.search(text(li))] for path in real}
    assert {path: found for path, found in glued.items() if found} == {}


@pytest.mark.parametrize("event", [e for e in entries("events.yml") if e.get("chair")], ids=lambda e: e["id"])
def test_each_line_under_a_chaired_event_on_the_timeline_is_its_own_item(real: PagesAsHtml,
                                                                         event: dict[str, Any]) -> None:
    anchor = real["timeline.md"].find(id=event["id"])
    assert anchor is not None
    box = anchor.find_parent("div", class_="km-event")
    assert box is not None
    items = [text(li) for li in box.select("li")]
    labels = [item.split(":")[0] for item in items]
    assert "Chaired by" in labels
    if event.get("adopted"):
        assert "Adopted" in labels
    if event.get("mentions"):
        assert "Concerns" in labels
