"""A member that a source says holds another's seat on the Steering Committee for a time (``holds_seat_of``):
both members' lines say so, on the committee's page, the seats' pages and the states' pages; the seat it holds is
one of the same source's list, in a group.

The real record's pairs are read from data/ as plain YAML; the behaviour is tested on a copy of the frozen record.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import REAL_DATA, DataCopy, PagesAsHtml, key_of

from khartoum_site.record.problems import DataError
from khartoum_site.record.validate import load_record
from khartoum_site.site import urls
from khartoum_site.site.gate import checked_record
from khartoum_site.site.pages import build_pages

CITE = "  cites:\n    - source: {source}\n      locator: a test\n"


def text(node: Tag | BeautifulSoup) -> str:
    return " ".join(node.get_text().split())



def line_linking(pages: PagesAsHtml, page_path: str, key: str) -> Tag:
    """The list item of a page that links the record's entry ``key``."""
    return next(li for li in pages[page_path].select("li")
                if any(key_of(page_path, str(a["href"])) == key for a in li.select("a")))


def seat(ident: str, name: str, group: str, state: str, source: str, extra: str = "") -> str:
    return f"- id: {ident}\n  name: {name}\n  group: {group}\n  state: {state}\n{extra}" + CITE.format(source=source)


def with_seats(copy: DataCopy, seats: str) -> None:
    with (copy.data / "sources.yml").open("a", encoding="utf-8") as f:
        f.write("\n- id: a-list\n  title: A test list\n  kind: web-page\n  date: 2024-04-19\n"
                "\n- id: another-list\n  title: Another test list\n  kind: web-page\n  date: 2016-11-21\n")
    (copy.data / "committee.yml").write_text(seats, encoding="utf-8")


LISTED = (seat("sudan-a", "Sudan", "african-partner-countries", "sudan", "a-list")
          + seat("egypt-a", "Egypt", "african-partner-countries", "egypt", "a-list")
          + seat("sudan-another", "Sudan", "african-partner-countries", "sudan", "another-list"))


def problems_of(copy: DataCopy) -> list[str]:
    with pytest.raises(DataError) as caught:
        checked_record(copy.data)
    return [str(p) for p in caught.value.problems]


def test_both_members_lines_say_who_holds_whose_seat(data_copy: DataCopy) -> None:
    with_seats(data_copy, LISTED + seat("somalia-a", "Somalia", "not-in-the-list", "somalia", "a-list",
                                        "  holds_seat_of: sudan-a\n"))
    pages = PagesAsHtml({p: page.markdown for p, page in build_pages(load_record(data_copy.data)).items()})

    holder = line_linking(pages, "states/somalia.md", "committee/somalia-a")
    assert "holding for a time, by the source, the seat of Sudan" in text(holder)
    assert "committee/sudan-a" in [key_of("states/somalia.md", str(a["href"])) for a in holder.select("a")]

    held = line_linking(pages, "states/sudan.md", "committee/sudan-a")
    assert "by the source, this seat is held for a time by Somalia" in text(held)
    # the same state's seat on another list is not held by anyone
    assert "held for a time" not in text(line_linking(pages, "states/sudan.md", "committee/sudan-another"))

    # the lists' tables, under their h2; each seat's fact table follows at its own h3
    listed = [t for t in pages["committee/index.md"].select("table")
              if (heading := t.find_previous(["h2", "h3"])) is not None and heading.name == "h2"]
    rows = {key_of("committee/index.md", str(tr.select("a")[0]["href"])): tr
            for table in listed for tr in table.select("tbody tr")}
    assert "its seat held for a time, by the source, by Somalia" in text(rows["committee/sudan-a"])
    assert "held for a time" not in text(rows["committee/egypt-a"])
    apart = line_linking(pages, "committee/index.md", "committee/somalia-a")
    assert "holding for a time, by the source, the seat of Sudan" in text(apart)

    cell = facts_at(pages, "somalia-a")["Holds for a time, by the source, the seat of"]
    assert [key_of("committee/index.md", str(a["href"])) for a in cell.select("a")] == ["committee/sudan-a"]
    cell = facts_at(pages, "sudan-a")["Its seat held for a time, by the source, by"]
    assert [key_of("committee/index.md", str(a["href"])) for a in cell.select("a")] == ["committee/somalia-a"]


def facts_at(pages: PagesAsHtml, seat_id: str) -> dict[str, Tag]:
    """The fact table of a seat at its heading on the committee's list: label → value cell."""
    heading = pages["committee/index.md"].find(id=urls.on_list_anchor("committee", seat_id))
    assert heading is not None
    assert heading.name == "h3"
    table = heading.find_next("table")
    assert table is not None
    return {text(tr.select("td")[0]): tr.select("td")[1] for tr in table.select("tbody tr")}


@pytest.mark.parametrize(("held", "expected"), [
    ("sudan-another", "seat 'sudan-another' is in the list of source 'another-list', not of 'a-list'; name the seat "
                      "of the list whose source says so"),
    ("somalia-a", "a seat cannot hold its own place"),
    ("uganda-a", "seat 'uganda-a' is itself named apart from the list; name the seat of the list that the member "
                 "holds"),
])
def test_the_seat_held_is_one_of_the_same_list_in_a_group(data_copy: DataCopy, held: str, expected: str) -> None:
    somalia = seat("somalia-a", "Somalia", "not-in-the-list", "somalia", "a-list", f"  holds_seat_of: {held}\n")
    with_seats(data_copy, LISTED + seat("uganda-a", "Uganda", "not-in-the-list", "uganda", "a-list") + somalia)
    line = LISTED.count("\n") + 7 + 5  # the uganda seat (7 lines), then the somalia seat's fifth line
    assert problems_of(data_copy) == [
        f"data/committee.yml:{line}:18: seat 'somalia-a', field 'holds_seat_of': {expected}"]


def test_an_unknown_seat_is_reported_as_a_reference(data_copy: DataCopy) -> None:
    with_seats(data_copy, LISTED + seat("somalia-a", "Somalia", "not-in-the-list", "somalia", "a-list",
                                        "  holds_seat_of: nowhere\n"))
    found = problems_of(data_copy)
    assert len(found) == 1
    assert "field 'holds_seat_of'" in found[0]
    assert "'nowhere'" in found[0]


def _real_pairs() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    seats = yaml.safe_load((REAL_DATA / "committee.yml").read_text(encoding="utf-8")) or []
    by_id = {s["id"]: s for s in seats}
    return [(s, by_id[s["holds_seat_of"]]) for s in seats if s.get("holds_seat_of")]


@pytest.mark.parametrize(("holder", "held"), _real_pairs(), ids=lambda s: s["id"])
def test_the_real_records_stand_ins_show_on_both_states_pages(holder: dict[str, Any], held: dict[str, Any]) -> None:
    pages = PagesAsHtml({p: page.markdown for p, page in build_pages(load_record(REAL_DATA)).items()})
    line = line_linking(pages, f"states/{holder['state']}.md", f"committee/{holder['id']}")
    assert f"holding for a time, by the source, the seat of {held['name']}" in text(line)
    line = line_linking(pages, f"states/{held['state']}.md", f"committee/{held['id']}")
    assert f"this seat is held for a time by {holder['name']}" in text(line)


def test_a_source_cannot_take_a_seat_s_anchor_on_the_committee_page(data_copy: DataCopy) -> None:
    """A twentieth attack renamed a source seat-<a seat's id>: the committee page anchored the source's list and
    the seat alike, and every link to the seat led to the list."""
    with_seats(data_copy, LISTED.replace("source: another-list", "source: seat-sudan-a"))
    sources = data_copy.data / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("- id: another-list", "- id: seat-sudan-a"),
                       encoding="utf-8")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/sources.yml:"), problems
    assert problems[0].endswith("source 'seat-sudan-a', field 'id': 'seat-sudan-a' is the anchor of seat 'sudan-a' on "
                                "the Steering Committee page, where a source's list is anchored by its id: choose "
                                "another id"), problems


def test_a_held_seat_whose_citation_lost_its_source_is_reported_not_a_traceback(data_copy: DataCopy) -> None:
    """A twentieth attack deleted the source line of the held seat's only citation: check ended in a traceback
    from the rule that compares the two seats' sources."""
    held = LISTED.replace("- id: sudan-a\n", "- id: sudan-a\n", 1)
    held = held.replace("    - source: a-list\n      locator: a test\n", "    - locator: a test\n", 1)
    with_seats(data_copy, held + seat("somalia-a", "Somalia", "not-in-the-list", "somalia", "a-list",
                                      "  holds_seat_of: sudan-a\n"))
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert "seat 'sudan-a', field 'cites[0].source': missing required field" in problems[0], problems


@pytest.mark.parametrize(("ident", "what"), [("withdrawn", "the heading of the records taken out of the record"),
                                             ("the-steering-committee", "its title")])
def test_a_source_cannot_take_an_anchor_of_the_committee_page_s_own(data_copy: DataCopy, ident: str, what: str) -> None:
    """A twenty-first attack named a source "withdrawn": with a seat taken out of the record, the page gave its
    heading of withdrawn records the same anchor (check passed; the build's link check then stopped it)."""
    with_seats(data_copy, LISTED.replace("source: another-list", f"source: {ident}"))
    sources = data_copy.data / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("- id: another-list", f"- id: {ident}"),
                       encoding="utf-8")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].endswith(f"source '{ident}', field 'id': '{ident}' is the anchor of {what} on the Steering "
                                "Committee page, where a source's list is anchored by its id: choose another id")
