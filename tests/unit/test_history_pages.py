"""The history pages say what the record holds, in order, and read as sentences (issue 23's review).

Two kinds of test. Those on the real record read ``data/`` as plain YAML, independently of the loader,
and derive from it what every page must show: the roles a state has, who cites a source, the order of
the chairs and of the Steering Committee's lists. Those of behaviour break a copy of the frozen record
(tests/fixture) to make one case at a time.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import REAL_DATA, DataCopy, PagesAsHtml, key_of, source_section, text

from khartoum_site.record import roles
from khartoum_site.record.model import COLLECTIONS, PartialDate
from khartoum_site.record.validate import load_record
from khartoum_site.site import urls
from khartoum_site.site.pages import build_pages

# --- the real record, read as plain YAML ------------------------------------------------------------------


@functools.cache
def entries(name: str) -> list[dict[str, Any]]:
    """The live entries of a data file (a withdrawn entry's page says so instead)."""
    loaded = yaml.safe_load((REAL_DATA / name).read_text(encoding="utf-8")) or []
    return [e for e in loaded if "withdrawn" not in e]


def day(value: Any) -> tuple[int, int, int]:
    """A date of the data as YAML reads it (a year, "2024-04", a date) as (year, month, day), 0 if not given."""
    if isinstance(value, datetime.date):
        return (value.year, value.month, value.day)
    year, month, dd = ([int(p) for p in str(value).split("-")] + [0, 0])[:3]
    return (year, month, dd)


def shown(value: Any) -> str:
    """A date as the pages write it."""
    year, month, dd = day(value)
    return PartialDate(year, month or None, dd or None).display()


EVENTS = {e["id"]: e for e in entries("events.yml")}
SOURCES = {s["id"]: s for s in entries("sources.yml")}


def prose_of(page: BeautifulSoup) -> str:
    """What a reader reads on a page, without code (the citations' formats) and scripts."""
    return " ".join(" ".join(str(s) for s in page.find_all(string=True)
                             if s.parent is None or s.parent.name not in ("code", "pre", "script")).split())


@pytest.fixture(scope="module")
def real_prose(real: PagesAsHtml) -> dict[str, str]:
    return {path: prose_of(real[path]) for path in real}



def facts_on_list(real: PagesAsHtml, key: str) -> dict[str, str]:
    """The fact table of a seat or a term (``chairs/x``) at its heading on its list, as a reader reads it."""
    collection, _, ident = key.partition("/")
    heading = real[urls.index_page(collection)].find(id=urls.on_list_anchor(collection, ident))
    assert heading is not None, key
    assert heading.name == "h3", key
    table = heading.find_next("table")
    assert table is not None, key
    return {text(tr.select("td")[0]): text(tr.select("td")[1]) for tr in table.select("tbody tr")}


def list_rows(page: BeautifulSoup) -> list[Tag]:
    """The rows of a list page's lists, not those of the fact table under each of its records' headings."""
    return [tr for table in page.select("table")
            if (heading := table.find_previous(["h2", "h3"])) is None or heading.name != "h3"
            for tr in table.select("tbody tr")]


def written_as(names: list[str], state: dict[str, Any]) -> bool:
    """Whether a source's way of writing a host or chair is the state's name (with or without "the")."""
    mine = {n.casefold() for n in (state["name"], state.get("name_in_sentence")) if n}
    return any(n.casefold().removeprefix("the ") in mine or n.casefold() in mine for n in names)


def roles_in_the_record(state: dict[str, Any]) -> list[str]:
    """Every role the data gives a state, from each collection that can give one."""
    found = [f"role {r['text']}" for r in state.get("roles", [])]
    found += [f"chairs/{c['id']}" for c in entries("chairs.yml") if c.get("state") == state["id"]]
    found += [f"committee/{s['id']}" for s in entries("committee.yml") if s.get("state") == state["id"]]
    found += [f"events/{e['id']} {what}" for e in EVENTS.values() for what in ("host", "chair")
              if written_as(e.get(what, []), state)]
    found += [f"events/{e['id']} {field}" for e in EVENTS.values()
              for field in ("hosted_by", "co_hosted_by", "chaired_by", "co_chaired_by")
              if state["id"] in e.get(field, {}).get("states", [])]
    return found


PARTY_HEADINGS = {"hosted_by": "Meetings the sources say it hosted:",
                  "co_hosted_by": "Meetings the sources say it co-hosted:",
                  "chaired_by": "Meetings the sources say it chaired:",
                  "co_chaired_by": "Meetings the sources say it co-chaired:"}
PARTY_LINKS = [(e["id"], field, state) for e in EVENTS.values() for field in PARTY_HEADINGS
               for state in e.get(field, {}).get("states", [])]


@pytest.mark.parametrize(("event", "field", "state"), PARTY_LINKS, ids=lambda v: str(v))
def test_a_state_page_lists_each_meeting_under_the_role_the_data_gives(real: PagesAsHtml, event: str, field: str,
                                                                        state: str) -> None:
    """A co-host (like a host, a chair, a co-chair) finds the meeting on its own page, under that role."""
    page_path = f"states/{state}.md"
    heading = [p for p in real[page_path].select("p") if text(p) == PARTY_HEADINGS[field]]
    assert heading, f"{page_path} has no line {PARTY_HEADINGS[field]!r}"
    listed = heading[0].find_next_sibling("ul")
    assert listed is not None
    assert f"events/{event}" in {key_of(page_path, str(a["href"])) for a in listed.select("a[href]")}


def test_the_co_host_field_is_used_where_a_source_names_a_co_host() -> None:
    """The case that asked for the field (Nairobi 2023, co-hosted by Germany) is linked by it."""
    assert any(field == "co_hosted_by" for _e, field, _s in PARTY_LINKS)


def test_no_page_explains_the_data_model_to_the_reader(real_prose: dict[str, str]) -> None:
    """A note says what the sources say, not what fields the record lacks."""
    for path, prose in real_prose.items():
        assert "the record has no field" not in prose, path


@pytest.mark.parametrize("event", sorted(EVENTS), ids=str)
def test_a_meeting_page_lists_every_chair_statement_tied_to_it(real: PagesAsHtml, event: str) -> None:
    """A term that began or ended at a meeting, or a chair shown there, is listed on the meeting's page."""
    tied = {f"chairs/{c['id']}" for c in entries("chairs.yml")
            if event in (c.get("began_at"), c.get("ended_at"), c.get("at_meeting"))}
    page_path = f"events/{event}.md"
    section = real[page_path].select_one("h2#terms")
    if not tied:
        assert section is None
        return
    assert section is not None
    listed = section.find_next_sibling("ul")
    assert listed is not None
    assert {key_of(page_path, str(a["href"])) for a in listed.select("a[href]")} == tied


COMPARED = [(e["id"], other) for e in EVENTS.values() for other in e.get("compare", [])]


@pytest.mark.parametrize(("event", "other"), COMPARED, ids=lambda v: str(v))
def test_a_meeting_page_links_each_other_account_of_its_matter(real: PagesAsHtml, event: str, other: str) -> None:
    """Two accounts of one matter (the committee's enlargement agreed in 2022, decided in 2023) link each other."""
    page_path = f"events/{event}.md"
    section = real[page_path].select_one("h2#compare")
    assert section is not None
    listed = section.find_next_sibling("ul")
    assert listed is not None
    assert f"events/{other}" in {key_of(page_path, str(a["href"])) for a in listed.select("a[href]")}


def test_the_enlargement_accounts_are_set_side_by_side() -> None:
    """The case that asked for it (review23c, H5) uses the field."""
    assert COMPARED


def test_the_december_2017_handover_is_on_the_chairs_list() -> None:
    """The Rome listing's handover (review23c, H8) is a chair statement, not only a sentence of the event."""
    assert any(c.get("at_meeting") == "senior-officials-rome-2017" for c in entries("chairs.yml"))


@pytest.mark.parametrize("event", sorted(EVENTS), ids=str)
def test_a_meeting_s_fact_table_puts_no_question_to_the_reader(real: PagesAsHtml, event: str) -> None:
    """A doubt in a fact row is said as a plain statement, not asked ("a member on that date?")."""
    cells = [text(td) for td in real[f"events/{event}.md"].select("table")[0].select("td")]
    assert [c for c in cells if "?" in c] == []


def test_the_sources_list_and_each_source_s_heading_say_the_same_of_its_publisher(real: PagesAsHtml) -> None:
    """One wording for a publisher, in the list's table and at the source's heading below it (no "—" on one, words
    on the other); a source the record marks as naming none reads the same for every source so marked."""
    rows = {key_of("sources/index.md", str(tr.select("a")[0]["href"])): [text(td) for td in tr.select("td")]
            for tr in list_rows(real["sources/index.md"])}
    assert set(rows) == {f"sources/{ident}" for ident in SOURCES}
    not_stated = set()
    for source in SOURCES.values():
        key = f"sources/{source['id']}"
        facts = {text(tr.select("td")[0]): text(tr.select("td")[1])
                 for tr in source_section(real, source["id"]).select("tbody tr")}
        assert rows[key][2] == facts["Publisher"], key
        assert rows[key][2] not in ("—", "-", ""), key
        if source.get("publisher_from") == "not-stated":
            not_stated.add(rows[key][2])
    assert len(not_stated) == 1


def test_a_count_of_members_is_shown_beside_the_list_of_its_year(real: PagesAsHtml) -> None:
    """A source's count of the members (member_count) is on the membership page of its year, linked to the source,
    beside the list: the two are shown side by side, and their difference said, with no reason added."""
    counted = [s for s in SOURCES.values() if s.get("member_count")]
    assert counted
    for source in counted:
        # an undated count is on the page of the year of the meeting the record reads it as about (review 23h F7)
        year = day(source["date"] if "date" in source else EVENTS[source["member_count_read_at"]]["date"])[0]
        page_path = f"members/{year}.md"
        line = next(p for p in real[page_path].select("p")
                    if any(key_of(page_path, str(a["href"])) == f"sources/{source['id']}" for a in p.select("a")))
        noun = "member states" if "date" in source else "countries"
        if "member_count_quote" in source:  # (its words are shown, and the record reads nothing into them)
            assert f"gives the number {source['member_count']}, in the words" in text(line)
        else:
            assert f"gives the process {source['member_count']} {noun}, as the record reads it" in text(line)
        listed = len(real[page_path].select(".km-members li"))
        if listed != source["member_count"]:
            assert f"the list on this page names {listed}" in text(line)
            assert "adds no reason for the difference" in text(line)


@pytest.mark.parametrize("state", entries("states.yml"), ids=lambda s: s["id"])
def test_a_state_page_lists_every_meeting_held_in_it(real: PagesAsHtml, state: dict[str, Any]) -> None:
    page_path = f"states/{state['id']}.md"
    held = {f"events/{e['id']}" for e in EVENTS.values() if e.get("held_in") == state["id"]}
    heading = [p for p in real[page_path].select("p") if text(p).startswith("Meetings and milestones held in")]
    if not held:
        assert not heading
        return
    listed = heading[0].find_next_sibling("ul")
    assert listed is not None
    assert {key_of(page_path, str(a["href"])) for a in listed.select("a[href]")} == held


def test_a_place_read_from_a_page_address_says_so_wherever_it_is_shown(real: PagesAsHtml) -> None:
    """The place row never says "Not in the record" for a place the record reads from the page's address or
    heading, and the list and the timeline show where it comes from."""
    places = [e for e in EVENTS.values() if e.get("place_from")]
    assert places
    said = {"address": "named only in the page's address", "heading": "named only in the page's heading"}
    for event in places:
        shown_as = f"{event['place']} ({said[event['place_from']]})"
        facts = {text(tr.select("td")[0]): text(tr.select("td")[1])
                 for tr in real[f"events/{event['id']}.md"].select("tbody tr")}
        assert facts["Place"] == shown_as
        row = next(tr for tr in real["events/index.md"].select("tbody tr")
                   if any(key_of("events/index.md", str(a["href"])) == f"events/{event['id']}" for a in tr.select("a")))
        assert shown_as in text(row)
        assert shown_as in text(real["timeline.md"])


@pytest.mark.parametrize("state", entries("states.yml"), ids=lambda s: s["id"])
def test_a_state_page_says_it_has_no_role_only_when_the_record_gives_it_none(real: PagesAsHtml,
                                                                             state: dict[str, Any]) -> None:
    page = real[f"states/{state['id']}.md"]
    says_none = "It names no role of" in text(page)
    roles = roles_in_the_record(state)
    assert says_none == (not roles), roles
    # and each role it has is on the page: every term and seat is linked, every meeting it hosted or chaired
    links = {key_of(f"states/{state['id']}.md", str(a["href"])) for a in page.select("a[href]")}
    assert {r.split()[0] for r in roles if not r.startswith("role ")} <= links


@functools.cache
def citing(source: str) -> set[str]:
    """The keys of every entry of every data file that cites a source, in its own cites or in a part's."""
    def cited(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key == "cites":
                    yield from (c["source"] for c in inner)
                elif key == "day_from":  # a citation of its own: the source that gives the day
                    yield inner["source"]
                elif key != "paragraphs":
                    yield from cited(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from cited(inner)

    found = set()
    for collection in COLLECTIONS:
        if collection.name == "sources":
            continue
        if collection.data_file is None:
            files = sorted((REAL_DATA / "documents").glob("*.yml"))
            loaded = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in files]
        else:
            loaded = entries(collection.data_file)
        found |= {f"{collection.name}/{e['id']}" for e in loaded if "withdrawn" not in e and source in cited(e)}
    return found


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_each_source_s_heading_lists_every_entry_that_cites_it(real: PagesAsHtml, source: str) -> None:
    shown = source_section(real, source)
    # what cites it is one block, which search leaves out (each line is a record's name, found on its own page)
    cited_by = shown.select("div[data-search-exclude]")
    assert len(cited_by) == 1
    listed = {key_of("sources/index.md", str(a["href"])) for a in cited_by[0].select("a[href]")}
    expected = citing(source)
    assert listed == expected
    assert ("Nothing in the record cites this source" in text(cited_by[0])) == (not expected)


def test_no_page_prints_a_link_as_text(real_prose: dict[str, str]) -> None:
    """A link put together as text (a table cell made of a link and words) is escaped and shows its syntax."""
    printed = {path: re.findall(r"\[[^\]]*\]\([^)]*\)", prose) for path, prose in real_prose.items()}
    assert {path: found for path, found in printed.items() if found} == {}


def test_no_page_writes_a_date_in_iso_form(real_prose: dict[str, str]) -> None:
    """Pages write "5 December 2026"; the ISO form is for the data and the citations' code."""
    iso = {path: re.findall(r"\b\d{4}-\d{2}-\d{2}\b", prose) for path, prose in real_prose.items()}
    assert {path: found for path, found in iso.items() if found} == {}


def test_no_link_names_an_event_with_two_brackets(real: PagesAsHtml) -> None:
    """An event whose title ends in its own bracket is not given a second one for its date."""
    doubled = {path: [text(a) for a in real[path].select("a") if re.search(r"\)\s*\(", text(a))] for path in real}
    assert {path: found for path, found in doubled.items() if found} == {}


def test_no_sentence_starts_with_at_and_a_title(real: PagesAsHtml) -> None:
    """ "At First ministerial conference …": a title is not a place in a sentence; a label introduces it."""
    found = [(path, text(p)) for path in real for p in real[path].select("p")
             if re.match(r"At \[?[A-Z]", text(p)) and p.find("a") is not None]
    assert found == []


def sentence_states() -> list[dict[str, Any]]:
    return [s for name in ("states.yml", "others.yml") for s in entries(name) if s.get("name_in_sentence")]


@pytest.mark.parametrize("state", sentence_states(), ids=lambda s: s["id"])
def test_a_name_that_takes_the_article_has_it_in_every_sentence(real: PagesAsHtml, state: dict[str, Any]) -> None:
    folder = "states" if state in entries("states.yml") else "others"
    page = real[f"{folder}/{state['id']}.md"]
    # the site's own sentences: not the verbatim paragraph, not an annotation (data prose, with its own words)
    sentences = [text(p) for p in page.select("p, figcaption")
                 if not p.find_parent(class_="admonition") and "paragraph-text" not in (p.get("class") or [])]
    bare = [s for s in sentences for m in re.finditer(re.escape(state["name"]), s)
            if not s[:m.start()].endswith(("the ", "The "))]
    assert any(state["name_in_sentence"] in s or state["name_in_sentence"].capitalize() in s for s in sentences)
    assert bare == []


def test_the_timeline_leads_to_each_event_s_page_for_its_sources(real: PagesAsHtml) -> None:
    """The timeline is the overview: each event with its date, place and kind links its page, which gives its
    sources and notes (the timeline repeated them all, 118 KB of the site's weight)."""
    page = real["timeline.md"]
    assert "Each one's page gives its sources" in text(page)
    for ident, event in EVENTS.items():
        anchor = page.find(id=ident)
        assert anchor is not None, ident
        box = anchor.find_parent("div", class_="km-event")
        assert box is not None, ident
        assert [a.get_text() for a in box.select("a") if key_of("timeline.md", str(a["href"])) == f"events/{ident}"] \
            == ["its page"], ident
        assert not [a for a in box.select("a") if key_of("timeline.md", str(a["href"])).startswith("sources/")], ident
        assert "In the words of the sources" not in text(box), ident
        # ... and the page it leads to gives them
        own = real[f"events/{ident}.md"]
        for cite in event["cites"]:
            assert any(key_of(f"events/{ident}.md", str(a["href"])) == f"sources/{cite['source']}"
                       for a in own.select("a")), (ident, cite["source"])


def term_key(term: dict[str, Any]) -> tuple[int, tuple[int, int, int]]:
    """The earliest date a statement about a term gives, the statements with none last."""
    dates = [day(term[f]) for f in ("period", "since", "until") if f in term]
    dates += [day(EVENTS[term[f]]["date"]) for f in ("began_at", "ended_at", "at_meeting") if f in term]
    return (0, min(dates)) if dates else (1, (0, 0, 0))


def test_the_chairs_are_listed_in_time_order(real: PagesAsHtml) -> None:
    terms = {t["id"]: t for t in entries("chairs.yml")}
    rows = list_rows(real["chairs/index.md"])
    shown_ids = [key_of("chairs/index.md", str(tr.select("a")[0]["href"])).removeprefix("chairs/") for tr in rows]
    assert sorted(shown_ids) == sorted(terms)
    keys = [term_key(terms[i]) for i in shown_ids]
    assert keys == sorted(keys)


def test_a_chair_statement_shows_every_date_and_qualifier_its_data_gives(real: PagesAsHtml) -> None:
    """A statement that gives the end of a term, or a meeting at which the state chaired, or the source's
    qualifier (outgoing, incoming), shows it in its fact table and on its row of the chairs list: never
    "Not in the record." beside a note that gives the day."""
    labels = {"until": "Until", "at_meeting": "At a meeting", "called": "The source calls it"}
    rows = {key_of("chairs/index.md", str(tr.select("a")[0]["href"])).removeprefix("chairs/"): text(tr)
            for tr in list_rows(real["chairs/index.md"])}
    checked = 0
    for term in entries("chairs.yml"):
        facts = facts_on_list(real, f"chairs/{term['id']}")
        for field, label in labels.items():
            if field not in term:
                assert facts[label] in {"Not in the record.", "The chair (no qualifier)"}
                continue
            checked += 1
            value = term[field]
            expected = (shown(value) if field == "until" else EVENTS[value]["title"] if field == "at_meeting"
                        else f"the {value} chair")
            assert expected in facts[label]
            assert expected in rows[term["id"]]
    assert checked


def list_date(source: dict[str, Any]) -> tuple[int, tuple[int, int, int]]:
    given = source.get("date") or source.get("not_before")
    return (0, day(given)) if given else (1, (0, 0, 0))


def test_the_steering_committee_lists_are_dated_and_in_date_order(real: PagesAsHtml) -> None:
    page = real["committee/index.md"]
    listing = {s["cites"][0]["source"] for s in entries("committee.yml")}
    headings = page.select("h2")
    assert [h["id"] for h in headings] == sorted(listing, key=lambda s: list_date(SOURCES[s]))
    for heading in headings:
        source = SOURCES[str(heading["id"])]
        if source.get("date"):
            assert shown(source["date"]) in text(heading)
        else:
            assert "undated" in text(heading)
            if source.get("not_before"):
                assert shown(source["not_before"]) in text(heading)


@pytest.mark.parametrize(("folder", "field", "ident"), [
    (folder, field, s["id"]) for folder, field, name in (("states", "state", "states.yml"),
                                                         ("others", "other_state", "others.yml"))
    for s in entries(name) if any(c.get(field) == s["id"] for c in entries("committee.yml"))])
def test_a_state_page_dates_each_steering_committee_list_it_is_in(real: PagesAsHtml, folder: str, field: str,
                                                                   ident: str) -> None:
    path = f"{folder}/{ident}.md"
    lines = [li for li in real[path].select("li") if re.match(r"(Among|Named apart from the list) ", text(li))]
    sources = [next(key_of(path, str(a["href"])) for a in li.select("a") if "sources/" in str(a["href"]))
               for li in lines]
    assert len(lines) == sum(c.get(field) == ident for c in entries("committee.yml"))
    assert sources == sorted(sources, key=lambda s: list_date(SOURCES[s.removeprefix("sources/")]))
    for li, source in zip(lines, sources, strict=True):
        given = SOURCES[source.removeprefix("sources/")]
        assert (shown(given["date"]) if given.get("date") else "undated") in text(li)


def test_a_steering_committee_group_is_shown_in_the_sources_words_or_said_to_be_the_sites(real: PagesAsHtml) -> None:
    rows = {key_of("committee/index.md", str(tr.select("a")[0]["href"])): tr.select("td")[1]
            for tr in list_rows(real["committee/index.md"])}
    listed = [s for s in entries("committee.yml") if s["group"] != "not-in-the-list"]
    assert {f"committee/{s['id']}" for s in listed} == set(rows)
    for seat in listed:
        cell = text(rows[f"committee/{seat['id']}"])
        if seat.get("group_written"):
            # in quotation marks only where a cited source's text is in the record (a twenty-fifth attack's Y3)
            has_text = any(SOURCES[c["source"]].get("file") for c in seat["cites"])
            assert cell == (f"“{seat['group_written']}”" if has_text else seat["group_written"])
        else:
            assert "this site's name for the group; the source names none" in cell


@pytest.mark.parametrize("seat", [s for s in entries("committee.yml") if s["group"] == "not-in-the-list"],
                         ids=lambda s: s["id"])
def test_a_seat_named_apart_from_the_list_is_not_given_a_group_name(real: PagesAsHtml, seat: dict[str, Any]) -> None:
    """'Not in the source's list' is no group, so it is not called the site's name for a group (review23c, H2)."""
    facts = facts_on_list(real, f"committee/{seat['id']}")
    shown = next(v for k, v in facts.items() if k.startswith("Listed"))
    assert shown.startswith("Not in the source's list")
    assert "name for the group" not in shown


def test_the_meetings_list_gives_each_date_once(real: PagesAsHtml) -> None:
    rows = real["events/index.md"].select("tbody tr")
    assert len(rows) == len(EVENTS)
    for row in rows:
        link = row.select("td")[1].select("a")[0]
        ident = key_of("events/index.md", str(link["href"])).removeprefix("events/")
        assert text(link) == EVENTS[ident]["title"]


def test_the_home_page_writes_its_as_at_date_as_words(real: PagesAsHtml) -> None:
    assert f"As at {shown('2026-12-05')}, the date of this record's data" in text(real["index.md"])


# --- behaviour, on a copy of the frozen record -------------------------------------------------------------

CITE = "  cites:\n    - source: {source}\n      locator: a test\n"


def add_source(copy: DataCopy, ident: str, extra: str = "") -> None:
    with (copy.data / "sources.yml").open("a", encoding="utf-8") as f:
        f.write(f"\n- id: {ident}\n  title: A test source {ident}\n  kind: web-page\n{extra}")


def write(copy: DataCopy, name: str, text_: str) -> None:
    (copy.data / name).write_text(text_, encoding="utf-8")


@pytest.fixture
def history_copy(data_copy: DataCopy) -> DataCopy:
    """The frozen record with a small history: three Steering Committee lists (one dated, one that says of
    itself when it was written at the earliest, one with no date at all), three statements about terms
    (one dated by its year, one by a meeting, one not at all), and Kenya hosting a meeting as "the Kenya"."""
    add_source(data_copy, "dated-list", "  date: 2024-04-19\n")
    add_source(data_copy, "self-dated-list", "  not_before: 2016-11-21\n")
    add_source(data_copy, "undated-list")
    seats = "".join(f"- id: {state}-{source}\n  name: {state.title()}\n  group: african-partner-countries\n"
                    f"  state: {state}\n" + CITE.format(source=source)
                    for source in ("undated-list", "dated-list", "self-dated-list") for state in ("egypt", "eritrea"))
    write(data_copy, "committee.yml", seats)
    write(data_copy, "memberships.yml", "".join(  # a chair is a member in its term
        f"- id: {state}-rome\n  name: {state.title()}\n  state: {state}\n  how: signed-rome-declaration\n"
        f"  at_event: rome-2014\n" + CITE.format(source="eeas") for state in ("egypt", "eritrea", "kenya")))
    event = next(e for e in yaml.safe_load((data_copy.data / "events.yml").read_text(encoding="utf-8")))
    write(data_copy, "chairs.yml",
          "- id: no-date\n  name: Egypt\n  state: egypt\n" + CITE.format(source="undated-list")
          + "- id: by-meeting\n  name: Egypt\n  state: egypt\n  began_at: " + event["id"] + "\n"
          + CITE.format(source="undated-list")
          + "- id: by-year\n  name: Eritrea\n  state: eritrea\n  period: 2015\n" + CITE.format(source="dated-list"))
    data_copy.replace("events.yml", f"- id: {event['id']}\n",
                      f"- id: {event['id']}\n  host: [the Kenya]\n  hosted_by:\n    states: [kenya]\n")
    for cited in event["cites"]:  # a host's name is held to the text of a source the event cites: one writes it so
        data_copy.append_to_text(cited["source"], "It was hosted by the Kenya.")
    return data_copy


def test_a_state_with_no_role_anywhere_is_said_to_have_none(history_copy: DataCopy) -> None:
    record = load_record(history_copy.data)
    pages = PagesAsHtml({p: page.markdown for p, page in build_pages(record).items()})
    assert not roles.roles_of(record, "djibouti")
    assert "It names no role of Djibouti in the process" in text(pages["states/djibouti.md"])
    # a term, a seat or a meeting hosted is a role, each from its own collection
    for state in ("egypt", "eritrea", "kenya"):
        assert roles.roles_of(record, state), state
        assert "It names no role" not in text(pages[f"states/{state}.md"]), state
    hosted = roles.roles_of(record, "kenya").hosted
    assert [(e.id, w) for e, w in hosted] == [(next(iter(record.events)), ("the Kenya",))]


def test_terms_run_in_time_order_with_the_undated_last(history_copy: DataCopy) -> None:
    record = load_record(history_copy.data)
    first_event = record.events[next(iter(record.events))]
    expected = sorted(["by-year", "by-meeting"], key=lambda i: {"by-year": (2015, 0, 0),
                                                                  "by-meeting": first_event.date.sort_key()}[i])
    assert [t.id for t in roles.terms_in_order(record)] == [*expected, "no-date"]


def test_steering_committee_lists_run_by_their_sources_dates(history_copy: DataCopy) -> None:
    record = load_record(history_copy.data)
    assert [s.id for s, _seats in roles.committee_lists(record)] == ["self-dated-list", "dated-list",
                                                                         "undated-list"]
    page = PagesAsHtml({p: page.markdown for p, page in build_pages(record).items()})["committee/index.md"]
    headings = [text(h) for h in page.select("h2")]
    assert "undated; written on or after 21 November 2016" in headings[0]
    assert "(19 April 2024)" in headings[1]
    assert "(undated)" in headings[2]


def test_every_collection_that_cites_is_in_cited_by(history_copy: DataCopy) -> None:
    """Seats and terms cite sources too: the source's heading on the list of sources lists them, by collection."""
    record = load_record(history_copy.data)
    cited = {type(e).__name__ for e in record.cited_by("undated-list")}
    assert cited == {"CommitteeSeat", "Chairmanship"}
    page = source_section(PagesAsHtml({p: page.markdown for p, page in build_pages(record).items()}), "undated-list")
    assert "Seats (2):" in text(page)
    assert "Chairs (2):" in text(page)


def test_a_cell_that_names_a_state_outside_the_record_links_it(data_copy: DataCopy) -> None:
    """The state of a statement is a link, whichever collection holds it (a table cell made of a link and words
    once printed the link's syntax)."""
    write(data_copy, "others.yml", "- id: ruritania\n  name: Ruritania\n  name_in_sentence: the Ruritania\n"
          + CITE.format(source="eeas"))
    write(data_copy, "memberships.yml", "- id: ruritania-joined\n  name: Ruritania\n  other_state: ruritania\n"
          "  how: became-member\n" + CITE.format(source="eeas"))
    write(data_copy, "chairs.yml", "- id: ruritania-chair\n  name: Ruritania\n  other_state: ruritania\n"
          + CITE.format(source="eeas"))
    pages = PagesAsHtml({p: page.markdown for p, page in build_pages(load_record(data_copy.data)).items()})
    # The membership statement is a heading on the other state's page, the term one on the list of chairs.
    tables = {}
    for path, anchor in (("others/ruritania.md", "membership-ruritania-joined"),
                         ("chairs/index.md", urls.on_list_anchor("chairs", "ruritania-chair"))):
        heading = pages[path].find(id=anchor)
        assert heading is not None
        assert heading.name == "h3"
        table = heading.find_next("table")
        assert table is not None
        tables[path] = table
    for path, table in tables.items():
        cell = next(tr.select("td")[1] for tr in table.select("tr") if "State of the record" in text(tr))
        assert [key_of(path, str(a["href"])) for a in cell.select("a")] == ["others/ruritania"]
        assert "](" not in text(cell)
    assert "names the Ruritania" in text(pages["others/ruritania.md"])


def test_the_data_date_is_written_in_words(data_copy: DataCopy) -> None:
    pages = build_pages(load_record(data_copy.data), downloads={}, data_date="2026-12-05")
    for path in ("index.md", "downloads.md"):
        assert "2026-12-05" not in prose_of(PagesAsHtml({path: pages[path].markdown})[path]), path


def test_a_date_the_record_reads_from_a_meeting_is_marked_on_every_list(real: PagesAsHtml) -> None:
    """A statement whose source gives no date, placed by the record at a meeting (``at_event_from: record``),
    carries that warning wherever its date is shown: the list of statements, its state's page, the year pages."""
    # where another source gives the day (day_from), the line names it instead (review 23h F11)
    read_mark = "the meeting's date, by the record's reading: the statement's source gives no date"
    day_mark = "the statement's own source gives no date"
    read = [m for m in entries("memberships.yml") if m.get("at_event_from") == "record"]
    assert read
    index_rows = {key_of("memberships/index.md", str(tr.select("a")[0]["href"])): text(tr)
                  for tr in real["memberships/index.md"].select("tbody tr")}
    for m in read:
        mark = day_mark if m.get("day_from") else read_mark
        assert (("the day given above the table" if m.get("day_from") else read_mark)
                in index_rows[f"memberships/{m['id']}"])
        if m.get("state"):
            page_path = f"states/{m['state']}.md"
            line = next(li for li in real[page_path].select("li")
                        if any(key_of(page_path, str(a["href"])) == f"memberships/{m['id']}" for a in li.select("a")))
            assert mark in text(line)
    year = int(str(EVENTS[read[0]["at_event"]]["date"])[:4])
    year_page = real[f"members/{year}.md"]
    # the list's statement and its date are said once, above the names it lists, with the hedge on the day
    said = next(p for p in year_page.select("p") if text(p).startswith("The latest list of states the record has"))
    assert (day_mark if read[0].get("day_from") else read_mark) in text(said)
    assert any(key_of(f"members/{year}.md", str(a["href"])) == f"memberships/{read[0]['id']}"
               for a in year_page.select(".km-members a"))


def test_a_term_start_the_record_reads_from_a_meeting_is_marked_wherever_it_is_shown(real: PagesAsHtml) -> None:
    """A term whose sources name no meeting, placed by the record at one (``began_at_from: record``), carries that
    warning on its page's row, the chairs list, its state's page and the meeting's page."""
    mark = "the record's reading: the sources name no meeting"
    read = [c for c in entries("chairs.yml") if c.get("began_at_from") == "record"]
    assert read
    for term in read:
        key = f"chairs/{term['id']}"
        facts = facts_on_list(real, key)
        assert mark in facts["Began at"]
        row = next(tr for tr in list_rows(real["chairs/index.md"])
                   if key_of("chairs/index.md", str(tr.select("a")[0]["href"])) == key)
        assert mark in text(row)
        if term.get("state"):
            page_path = f"states/{term['state']}.md"
            line = next(li for li in real[page_path].select("li")
                        if any(key_of(page_path, str(a["href"])) == key for a in li.select("a")))
            assert mark in text(line)
        event_path = f"events/{term['began_at']}.md"
        line = next(li for li in real[event_path].select("li")
                    if any(key_of(event_path, str(a["href"])) == key for a in li.select("a")))
        assert mark in text(line)


def test_a_second_statement_of_who_chaired_is_beside_every_line_naming_the_chair(real: PagesAsHtml) -> None:
    both = [e for e in EVENTS.values() if e.get("chair_also")]
    assert both
    for event in both:
        assert event["chair_also"] in text(real[f"events/{event['id']}.md"])
        assert event["chair_also"] in text(real["timeline.md"])
        for state in event.get("chaired_by", {}).get("states", []):
            page_path = f"states/{state}.md"
            line = next(li for li in real[page_path].select("li")
                        if any(key_of(page_path, str(a["href"])) == f"events/{event['id']}" for a in li.select("a"))
                        and "chaired" in text(li))
            assert event["chair_also"] in text(line)


CALLED_IN_LOCATOR = re.compile(r"\b(outgoing|incoming|current|new)\b(?:\s+\d{4})?\s+chair\b", re.I)


@pytest.mark.parametrize("term", entries("chairs.yml"), ids=lambda t: t["id"])
def test_a_term_whose_source_qualifies_the_chair_says_how_on_its_page(real: PagesAsHtml, term: dict[str, Any]) -> None:
    """A third reading found five term pages saying "The chair (no qualifier)" above a locator that quotes the
    source's "the outgoing chair": what a locator says the source calls the chair, the term's `called` says,
    and its page shows."""
    said = {m.group(1).lower() for c in term["cites"] for m in CALLED_IN_LOCATOR.finditer(c.get("locator", ""))}
    assert len(said) <= 1, said
    assert term.get("called") == (said.pop() if said else term.get("called"))
    called = facts_on_list(real, f"chairs/{term['id']}")["The source calls it"]
    assert ("no qualifier" in called) == ("called" not in term)


def test_search_reads_a_year_s_page_but_not_its_list_of_members(real: PagesAsHtml) -> None:
    """The list of members repeats from year to year: search leaves it out (each state's page has its statements
    and their dates), and still finds the page by what it says of the year."""
    years = [path for path in real if path.startswith("members/") and path != "members/index.md"]
    assert years
    for path in years:
        page = real[path]
        lists = page.select(".km-members")
        assert lists, path
        for names in lists:
            assert names.has_attr("data-search-exclude"), path
        intro = page.find("p")
        assert intro is not None
        assert "statements name as members" in text(intro)
        assert intro.find_parent(attrs={"data-search-exclude": True}) is None, path


def test_the_record_s_own_kinds_of_statement_are_not_shown_as_quotations(real: PagesAsHtml) -> None:
    """A twenty-fifth attack's Y17: the home, year and meeting pages put the record's own kind of a membership
    statement ("Named among the participants of a document") in curly quotation marks, which on this site mean a
    source's words."""
    from khartoum_site.record.model import Membership, choice_labels

    labels = choice_labels(Membership, "how").values()
    shown = [(path, label) for path in real for label in labels
             if f"“{label}”" in text(real[path]) or f"“{label[:1].lower()}{label[1:]}”" in text(real[path])]
    assert shown == []
    assert any(f"of the kind {label[:1].lower()}{label[1:]}" in text(real["index.md"]) for label in labels)
