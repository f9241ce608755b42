"""What the fourth independent reading of the history pages found (issue 23): each test holds a class of
finding, on the real record (expectations read from ``data/`` as plain YAML) or on the frozen fixture.
"""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import REAL_DATA, DataCopy, PagesAsHtml, key_of, section, source_section, text

from khartoum_site.record.model import CHAIR_CALLED, EVENT_KINDS, PartialDate
from khartoum_site.record.problems import DataError
from khartoum_site.record.validate import load_record
from khartoum_site.site import urls
from khartoum_site.site.pages import build_pages


@functools.cache
def entries(name: str) -> list[dict[str, Any]]:
    """The live entries of a data file."""
    loaded = yaml.safe_load((REAL_DATA / name).read_text(encoding="utf-8")) or []
    return [e for e in loaded if "withdrawn" not in e]


def day(value: Any) -> tuple[int, ...]:
    """A date of the data as YAML reads it, as (year,), (year, month) or (year, month, day)."""
    if isinstance(value, datetime.date):
        return (value.year, value.month, value.day)
    return tuple(int(p) for p in str(value).split("-"))


def shown(value: Any) -> str:
    """A date as the pages write it."""
    parts = (*day(value), 0, 0)
    return PartialDate(parts[0], parts[1] or None, parts[2] or None).display()


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


COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
COUNTED_LIST = re.compile(r"\b(" + "|".join(COUNTS) + r") (?:things|points|items|facts|matters|parts)\b[^:.]*:([^.]*)")


def strings_in(value: Any) -> list[str]:
    """Every string of a data file's entries, however deep."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_in(v)]
    return []


def test_a_sentence_that_counts_what_a_source_gives_lists_that_many() -> None:
    """The Rome Declaration's note said the library entry gives "two things" and left out the third (what the
    members agreed in it). A counted list in the data separates its items with semicolons, and has as many as
    it announces."""
    wrong = []
    for path in sorted(REAL_DATA.glob("*.yml")):
        for sentence in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for m in COUNTED_LIST.finditer(sentence):
                items = [i for i in m.group(2).split(";") if i.strip()]
                if len(items) != COUNTS[m.group(1)]:
                    wrong.append((path.name, m.group(0)))
    assert wrong == []


def adopted_instruments() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    instruments = {i["id"]: i for i in entries("instruments.yml")}
    return [(event, instruments[ident]) for event in entries("events.yml")
            for ident in event.get("adopted", {}).get("instruments", [])]


@pytest.mark.parametrize(("event", "instrument"), adopted_instruments(),
                         ids=lambda v: v["id"])
def test_an_instrument_adopted_at_a_meeting_is_dated_as_the_meeting_or_says_why_not(
        real: PagesAsHtml, event: dict[str, Any], instrument: dict[str, Any]) -> None:
    """The Rome Declaration's page gave "Date 2014" beside its conference of 28 November 2014, with no word on
    why, while a source of the record gives the month. An instrument's date agrees with the meeting it was
    adopted at; where it is less precise, its page says the meeting's date and why the record keeps less."""
    page = real[f"instruments/{instrument['id']}.md"]
    facts = {text(tr.select("td")[0]): text(tr.select("td")[1]) for tr in page.select("tbody tr")}
    if "date" not in instrument:
        return
    mine, meeting = day(instrument["date"]), day(event["date"])
    assert meeting[:len(mine)] == mine[:len(meeting)]
    assert facts["Date"] == shown(instrument["date"])
    if len(mine) < len(meeting):
        assert shown(event["date"]) in " ".join(instrument.get("notes", []))
        assert shown(event["date"]) in text(page)


AFRICAN_SIDE = re.compile(r"\b(?:North|Northern|East|Eastern|Horn of) Africa\b|\bthe north\b")


def north_africa_notes() -> list[dict[str, Any]]:
    """The entries that carry the note on how the sources describe the process's African side."""
    return [e for name in ("instruments.yml", "events.yml") for e in entries(name)
            if any("Our note" in n and "North Africa" in n for n in e.get("notes", []))]


@pytest.mark.parametrize("entry", north_africa_notes(), ids=lambda e: e["id"])
def test_the_note_on_how_the_sources_describe_the_african_side_names_every_source_that_does(
        entry: dict[str, Any]) -> None:
    """The North Africa note set the announcement against the declaration only, while two news reports in the
    record describe the African side too (one naming North Africa). Every source an entry with the note cites
    for a description of the African side (its locator names a part of Africa) is in the note."""
    sources = {s["id"]: s for s in entries("sources.yml")}
    note = next(n for n in entry["notes"] if "Our note" in n and "North Africa" in n)
    describing = {c["source"] for c in entry["cites"] if AFRICAN_SIDE.search(c.get("locator", ""))}
    assert describing
    for ident in describing:
        source = sources[ident]
        assert (shown(source["date"]) if "date" in source else source["publisher"]) in note, ident


# --- the chairs: two states in one year, and the handovers ------------------------------------------------

# made-up statements cite a source with no text in the record: a name "as the source writes it" is held to a text
CITE = "  cites:\n    - source: eeas\n      locator: a test\n"


def yaml_entry(**fields: str) -> str:
    return "\n".join([f"- id: {fields.pop('id')}", *(f"  {k}: {v}" for k, v in fields.items())]) + "\n" + CITE


def chairs_page_sections(page: BeautifulSoup) -> tuple[str, str]:
    """The text of the chairs page's "one year" section before its handovers, and of its handovers."""
    section = page.find(id="same-year")
    if section is None:
        return "", ""
    before: list[str] = []
    after: list[str] = []
    seen = False
    for node in section.find_all_next():
        if node.get("id") == "handovers":
            seen = True
        if node.name in ("li", "p") and node.find_parent("li") is None:
            (after if seen else before).append(text(node))
    return " ".join(before), " ".join(after)


@pytest.mark.parametrize(("egypt_fields", "where"), [
    ({"since": "2022-06"}, "beside"),  # another state in the chair within the year: not reconciled
    ({"began_at": "eu-africa-summit-2022"}, "handover"),  # the meeting where Italy's year ends
])
def test_a_handover_within_a_year_is_shown_apart_not_hidden(data_copy: DataCopy, egypt_fields: dict[str, str],
                                                           where: str) -> None:
    """The chairs page said it set every term given as a year beside another state in the chair that year,
    but left out the handovers the record names, which fit those words. Both are shown now, each as what it
    is, and the page says which is which."""
    (data_copy.data / "memberships.yml").write_text("".join([
        yaml_entry(id="egypt-rome", name="Egypt", how="signed-rome-declaration", state="egypt", at_event="rome-2014"),
        yaml_entry(id="italy-rome", name="Italy", how="signed-rome-declaration", state="italy", at_event="rome-2014"),
    ]), encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text("".join([
        yaml_entry(id="italy-2022", name="Italy", state="italy", period="2022", ended_at="eu-africa-summit-2022"),
        yaml_entry(id="egypt-statement", name="Egypt", state="egypt", **egypt_fields),
    ]), encoding="utf-8")
    pages = build_pages(load_record(data_copy.data), data_date="2026-12-05")
    html = PagesAsHtml({path: page.markdown for path, page in pages.items()})
    before, handovers = chairs_page_sections(html["chairs/index.md"])
    assert "handover" in before  # the rule the page applies is stated, with its exception
    listed = handovers if where == "handover" else before
    other = before if where == "handover" else handovers
    assert "Egypt" in listed
    assert "Italy" in listed
    assert "Egypt" not in other
    term_page = text(term_section(html["chairs/index.md"], "italy-2022"))
    assert ("Handovers at a meeting" in term_page) == (where == "handover")
    assert ("Other statements of the same time" in term_page) == (where == "beside")


def term_section(page: BeautifulSoup, term_id: str) -> BeautifulSoup:
    """What a reader reads under a term's heading on the chairs page, up to the next heading."""
    heading = page.find(id=urls.on_list_anchor("chairs", term_id))
    assert heading is not None, term_id
    shown = BeautifulSoup("", "html.parser")
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h2", "h3"):
            break
        shown.append(BeautifulSoup(str(sibling), "html.parser"))
    return shown


def points(term: dict[str, Any]) -> list[tuple[int, ...]]:
    events = {e["id"]: e for e in entries("events.yml")}
    found = [day(term[f]) for f in ("since", "until") if f in term]
    return found + [day(events[term[f]]["date"]) for f in ("began_at", "ended_at", "at_meeting") if f in term]


def holder(term: dict[str, Any]) -> str:
    return str(term.get("state") or term.get("other_state"))


def test_every_pair_the_chairs_page_describes_is_on_it(real: PagesAsHtml) -> None:
    """Derived from data/: each statement giving a year, and each statement of another state with a day in
    that year, are both in the page's "one year" section (beside each other, or as a handover)."""
    terms = entries("chairs.yml")
    page = real["chairs/index.md"]
    section = page.find(id="same-year")
    pairs = [(t, o) for t in terms if "period" in t for o in terms
             if holder(o) != holder(t) and any(p[0] == int(str(t["period"])[:4]) for p in points(o))]
    assert pairs
    assert section is not None
    lines = [{key_of("chairs/index.md", str(a["href"])) for a in li.select("a")}
             for li in section.find_all_next("li") if li.find_parent("li") is None]
    for term, other in pairs:
        # a day at a meeting where a statement of the year's state begins or ends its term is a handover: the
        # other statement is on the line of that handover, beside the statement of the same state naming it
        same_state = {f"chairs/{t['id']}" for t in terms if holder(t) == holder(term)}
        marks = {str(t[f]) for t in terms if holder(t) == holder(term) for f in ("began_at", "ended_at") if f in t}
        handed = all(str(other.get(f)) in marks for f in ("began_at", "ended_at", "at_meeting") if f in other) \
            and not any(f in other for f in ("since", "until"))
        wanted = [line for line in lines if f"chairs/{other['id']}" in line
                  and (f"chairs/{term['id']}" in line or (handed and line & same_state))]
        assert wanted, (term["id"], other["id"])


NOT_IN_RECORD = "Not in the record."


def test_no_cell_says_the_record_has_nothing_and_then_gives_something(real: PagesAsHtml) -> None:
    """/memberships/ said "Not in the record. Not before May 2017." in one cell: a bound from the record
    is something the record has."""
    both = {path: [text(cell) for cell in real[path].select("td, li")
                   if NOT_IN_RECORD in text(cell) and re.search(r"\bnot (before|after)\b", text(cell), re.I)]
            for path in real}
    assert {path: found for path, found in both.items() if found} == {}


@pytest.mark.parametrize("membership", [m for m in entries("memberships.yml") if "not_before" in m],
                         ids=lambda m: m["id"])
def test_an_undated_membership_with_a_bound_is_worded_alike_wherever_it_is_shown(
        real: PagesAsHtml, membership: dict[str, Any]) -> None:
    bound = f"not before {shown(membership['not_before'])}, as another source of the record bounds it"
    anchor = f"#membership-{membership['id']}"
    row = next(tr for tr in real["memberships/index.md"].select("tbody tr")
               if str(tr.select("a")[0]["href"]).endswith(anchor))
    cells = [text(row.select("td")[1])]
    if membership.get("state"):
        page = real[f"states/{membership['state']}.md"]
        heading = page.find(id=anchor[1:])
        assert heading is not None
        table = heading.find_next("table")
        assert table is not None
        cells += [text(tr.select("td")[1]) for tr in table.select("tr") if text(tr).startswith("When")]
        cells += [text(li) for li in page.select("li")
                  if any(str(a["href"]).endswith(anchor) for a in li.select("a"))]
        assert len(cells) >= 3
    for cell in cells:
        assert bound in cell
        assert NOT_IN_RECORD not in cell


# --- the Steering Committee's seats, on the pages of those who hold them --------------------------------

HOLDER_FOLDERS = {"state": "states", "other_state": "others", "organisation": "organisations"}


def seat_holders() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{HOLDER_FOLDERS[field]}/{seat[field]}.md", seat) for seat in entries("committee.yml")
            for field in HOLDER_FOLDERS if seat.get(field)]


@pytest.mark.parametrize(("page_path", "seat"), seat_holders(), ids=lambda v: v if isinstance(v, str) else v["id"])
def test_every_seat_is_on_the_page_of_its_holder(real: PagesAsHtml, page_path: str, seat: dict[str, Any]) -> None:
    """The EEAS's page gave its only role as being named in the declaration, while three sources of the record
    put it on the Steering Committee: a seat is shown on the page of the state, other state or organisation
    that holds it, linked, with its source; a seat the source names apart from its list says what it said."""
    page = real[page_path]
    lines = [li for li in page.select("li") if any(key_of(page_path, str(a["href"])) == f"committee/{seat['id']}"
                                                   for a in li.select("a"))]
    assert len(lines) == 1
    line = text(lines[0])
    source = f"sources/{seat['cites'][0]['source']}"
    assert any(key_of(page_path, str(a["href"])) == source for a in lines[0].select("a"))
    if seat["group"] == "not-in-the-list":
        assert "apart from the list" in line
        for note in seat.get("notes", []):
            assert " ".join(note.split()) in line


# ", as the declaration's list … does not": "as" reads as "because"; "nor does" says what is meant
AS_DOES_NOT = re.compile(r",\s+as\s+(?:the|a|an|its)\b[^.;:]*\b(?:does|do|did|is|was)\s+not\b")


def test_no_sentence_of_the_data_uses_as_for_nor() -> None:
    found = [(path.name, m.group(0)) for path in sorted(REAL_DATA.glob("*.yml"))
             for sentence in strings_in(yaml.safe_load(path.read_text(encoding="utf-8")))
             for m in AS_DOES_NOT.finditer(sentence)]
    assert found == []


@pytest.mark.parametrize("event", [e for e in entries("events.yml")
                                   if any(m.get("at_event") == e["id"] for m in entries("memberships.yml"))],
                         ids=lambda e: e["id"])
def test_a_meeting_page_says_which_memberships_the_record_places_there_by_its_own_reading(
        real: PagesAsHtml, event: dict[str, Any]) -> None:
    """/events/rome-2014/ said "37 statements … place a state's membership at this event" under "States named
    here as members", where each statement's source gives no date: the record's reading, said everywhere else."""
    page = real[f"events/{event['id']}.md"]
    heading = page.find(id="members")
    assert heading is not None
    assert "named here" not in text(heading)
    paragraphs = heading.find_all_next("p", limit=2)
    placed = [m for m in entries("memberships.yml") if m.get("at_event") == event["id"]]
    for membership in placed:
        line = next(p for p in paragraphs
                    if any(str(a["href"]).endswith(f"#membership-{membership['id']}") for a in p.select("a")))
        assert ("by its own reading" in text(line)) == (membership.get("at_event_from") == "record"), membership["id"]


# A note that bounds from below when an undated source was written
WRITTEN_AFTER = re.compile(r"written (?:between|on or after|in or after)|cannot have been (?:written|made) before")


@pytest.mark.parametrize("source", [s for s in entries("sources.yml") if "date" not in s], ids=lambda s: s["id"])
def test_an_undated_source_whose_note_bounds_its_writing_carries_the_bound(real: PagesAsHtml,
                                                                           source: dict[str, Any]) -> None:
    """The Nairobi 2018 page's note says it was written between May and November 2018, yet the chairs list
    called it "(undated)" with no bound: the bound is data (not_before), so every list shows it."""
    bounded = bool(WRITTEN_AFTER.search(" ".join(str(source.get("note", "")).split())))
    if bounded:
        assert "not_before" in source
    if bounded:
        row = next(tr for tr in source_section(real, source["id"]).select("tr") if text(tr).startswith("Written on"))
        assert shown(source["not_before"]) in text(row)


# --- what the record says it rests on ---------------------------------------------------------------------

def source_kinds() -> dict[str, list[dict[str, Any]]]:
    """The sources by how the record holds them: kept as text, references, and pages read and not kept."""
    sources = entries("sources.yml")
    return {"kept": [s for s in sources if s.get("file")],
            "references": [s for s in sources if not s.get("file") and s["kind"] == "reference"],
            "read": [s for s in sources if not s.get("file") and s["kind"] != "reference"]}


def test_the_sources_page_counts_each_kind_of_source_as_the_data_holds_it(real: PagesAsHtml) -> None:
    """/about/ said everything came from two source texts while most of the history comes from web pages read
    from stored copies. The sources page counts each kind from data/, and what it says of the pages read and
    not kept is what each of their notes says."""
    kinds = source_kinds()
    intro = " ".join(text(li) for li in real["sources/index.md"].select("h1 ~ ul")[0].select("li"))
    assert f"{len(kinds['kept'])} kept in the project as text" in intro
    assert f"{len(kinds['read'])} web pages and news reports, read from stored copies and not kept" in intro
    assert f"{len(kinds['references'])} references" in intro
    for source in kinds["read"]:
        note = " ".join(str(source.get("note", "")).split())
        assert "stored copy" in note, source["id"]
        assert "text is not kept" in note, source["id"]
    read = {s["id"] for s in kinds["read"]}

    def quoted_from(value: Any) -> list[str]:
        if isinstance(value, dict):
            here = [value["source"]] if "quote" in value and "source" in value else []
            return here + [s for v in value.values() for s in quoted_from(v)]
        if isinstance(value, list):
            return [s for v in value for s in quoted_from(v)]
        return []
    quoted = {s for path in REAL_DATA.glob("*.yml") for s in quoted_from(yaml.safe_load(path.read_text("utf-8")))}
    assert quoted
    assert quoted & read == set()


@pytest.mark.parametrize("page", ["about.md", "checked.md"])
def test_the_about_pages_name_every_kind_of_source_the_record_has(page: str) -> None:
    words = " ".join((REAL_DATA.parent / "docs" / page).read_text(encoding="utf-8").split())
    assert "Everything here comes from two source texts" not in words
    assert "against its two source texts and its references" not in words
    kinds = source_kinds()
    said = {"kept": "source texts", "references": "references", "read": "web pages"}
    for kind, found in kinds.items():
        if found:
            assert said[kind] in words, kind


# --- an event dated to a month, said to come before a dated one --------------------------------------------

MONTH_EVENT = ("- id: summit-preparations\n  date: {date}\n  title: Preparatory meeting\n"
               "  description: A test meeting dated to a month.\n{before}"
               "  cites:\n    - source: announcement\n      locator: a test\n\n")


def add_month_event(copy: DataCopy, date: str, before: str | None) -> int:
    """A month-dated event before the fixture's Sixth EU-Africa Summit (17 February 2022); its line."""
    entry = MONTH_EVENT.format(date=date, before=f"  before: {before}\n" if before else "")
    return copy.replace("events.yml", "- id: eu-africa-summit-2022\n", entry + "- id: eu-africa-summit-2022\n")


def data_problems(copy: DataCopy) -> list[str]:
    from khartoum_site.record.problems import DataError
    from khartoum_site.site.gate import checked_record
    with pytest.raises(DataError) as caught:
        checked_record(copy.data)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("before", "placed_before"), [(None, False), ("eu-africa-summit-2022", True)])
def test_an_event_a_source_places_before_a_dated_one_is_listed_before_it(data_copy: DataCopy, before: str | None,
                                                                         placed_before: bool) -> None:
    """The Hague's Steering Committee meeting (March 2020) was listed after the Senior Officials' Meeting of
    5 March 2020 that, by its own description, it preceded; the list's intro said no source put it earlier."""
    add_month_event(data_copy, "2022-02", before)
    pages = build_pages(load_record(data_copy.data), data_date="2026-12-05")
    html = PagesAsHtml({path: page.markdown for path, page in pages.items()})
    rows = [str(tr.select("td")[1].select("a")[0]["href"]) for tr in html["events/index.md"].select("tbody tr")]
    order = [href for href in rows if href in ("summit-preparations.md", "eu-africa-summit-2022.md")]
    assert order == (["summit-preparations.md", "eu-africa-summit-2022.md"] if placed_before
                     else ["eu-africa-summit-2022.md", "summit-preparations.md"])
    timeline = [h["id"] for h in html["timeline.md"].select("h3[id]")]
    assert (timeline.index("summit-preparations") < timeline.index("eu-africa-summit-2022")) == placed_before
    assert "unless a source of the record says it came before" in text(html["events/index.md"])
    date_row = next(tr for tr in html["events/summit-preparations.md"].select("tr") if text(tr).startswith("Date"))
    assert ("before" in text(date_row)) == placed_before


@pytest.mark.parametrize(("date", "before", "says"), [
    ("2022-02-17", "eu-africa-summit-2022", "is not a more precisely dated event within this event's"),
    ("2023", "eu-africa-summit-2022", "is not a more precisely dated event within this event's year"),
    ("2022-03", "eu-africa-summit-2022", "is not a more precisely dated event within this event's month"),
    ("2022-02", "summit-preparations", "an event cannot come before itself"),
])
def test_before_is_refused_where_it_cannot_order_the_list(data_copy: DataCopy, date: str, before: str,
                                                          says: str) -> None:
    line = add_month_event(data_copy, date, before)
    found = data_problems(data_copy)
    assert len(found) == 1
    assert found[0].startswith(f"data/events.yml:{line + 4}:11: event 'summit-preparations', field 'before': ")
    assert says in found[0]


def test_a_second_date_in_the_sources_is_shown_wherever_the_date_is(data_copy: DataCopy) -> None:
    """The Hague's Senior Officials' Meeting showed only the Chair's Summary's 5 March 2020, while the process's
    own page and the Rabat Process's give 6 March: the other date stands beside the date on the meeting's page,
    the meetings list and the timeline."""
    said = "18 February 2022, by a test source"
    data_copy.replace("events.yml", "- id: eu-africa-summit-2022\n  date: 2022-02-17\n",
                      f"- id: eu-africa-summit-2022\n  date: 2022-02-17\n  date_also: {said}\n")
    pages = build_pages(load_record(data_copy.data), data_date="2026-12-05")
    html = PagesAsHtml({path: page.markdown for path, page in pages.items()})
    date_row = next(tr for tr in html["events/eu-africa-summit-2022.md"].select("tr") if text(tr).startswith("Date"))
    list_row = next(tr for tr in html["events/index.md"].select("tbody tr")
                    if str(tr.select("td")[1].select("a")[0]["href"]) == "eu-africa-summit-2022.md")
    anchor = html["timeline.md"].find(id="eu-africa-summit-2022")
    assert anchor is not None
    box = anchor.find_parent("div", class_="km-event")
    assert box is not None
    for where in (date_row, list_row.select("td")[0], box):
        assert f"another date in the sources: {said}" in text(where)


# --- the seeds' words in the site's own sentences ------------------------------------------------------------

RUN = 8  # words in a row: enough to be a borrowed phrase rather than a name or a common turn
# Official names and titles the sources write and the record repeats as names, not as the site's sentences
NAMES_OF_THE_WORLD = ("the European Commissioner for Home Affairs and Migration",
                      "the African Union Commissioner for Health, Humanitarian Affairs and Social Development",
                      "the second ministerial meeting of the Khartoum Process",
                      "the European Parliament and the Council of the EU")
WORD = re.compile(r"[a-z0-9']+")
QUOTED = re.compile(r"“[^”]*”")


def words_of(text_: str) -> list[str]:
    return WORD.findall(text_.lower().replace("\u2019", "'"))


def own_sentences() -> list[tuple[str, str, str]]:
    """(file, entry, text) for every string the site writes in its own words: descriptions, roles, notes."""
    found = []
    for path in sorted(REAL_DATA.glob("*.yml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            for key in ("description", "notes", "role", "note"):
                found += [(path.name, str(entry.get("id")), s) for s in strings_in(entry.get(key))]
            found += [(path.name, str(entry.get("id")), r["text"]) for r in entry.get("roles", [])]
    return found


def test_no_sentence_of_the_site_borrows_a_seed_phrase_without_quotation_marks() -> None:
    """Egypt's page and its presidency's event said, without quotation marks, that Egypt "has spearheaded
    activities to promote dialogue and share best practices in migration management": the announcement's words.
    A seed may be quoted, in quotation marks; a run of its words outside them (names apart) is a finding."""
    seeds = [words_of(p.read_text(encoding="utf-8")) for p in sorted((REAL_DATA / "seeds").glob("*.txt"))]
    runs = {tuple(w[i:i + RUN]) for w in seeds for i in range(len(w) - RUN + 1)}
    names = [i["name"] for i in entries("instruments.yml")] + [n for i in entries("instruments.yml")
                                                               for n in i.get("names_in_record", [])]
    names += [o["name"] for o in entries("organisations.yml")] + list(NAMES_OF_THE_WORLD)
    borrowed = []
    for file, entry, sentence in own_sentences():
        bare = QUOTED.sub(" | ", sentence)
        for name in sorted(names, key=len, reverse=True):
            bare = re.sub(re.escape(name), " | ", bare, flags=re.I)
        for part in bare.split("|"):
            w = words_of(part)
            hits = [" ".join(w[i:i + RUN]) for i in range(len(w) - RUN + 1) if tuple(w[i:i + RUN]) in runs]
            if hits:
                borrowed.append((file, entry, hits[0]))
    assert borrowed == []


HOST_IN_LOCATOR = re.compile(r"\bhost(?:s|ed|ing)?\b", re.I)


@pytest.mark.parametrize("event", [e for e in entries("events.yml")
                                   if any(HOST_IN_LOCATOR.search(c.get("locator", "")) for c in e["cites"])],
                         ids=lambda e: e["id"])
def test_an_event_whose_cited_passage_speaks_of_its_host_names_the_host(real: PagesAsHtml,
                                                                       event: dict[str, Any]) -> None:
    """The Addis Ababa meeting of December 2016 showed no host, although the passage it cites has Ethiopia's
    minister speak of Ethiopia hosting it: a locator that points at what the source says of the host goes with a
    host on the page, and on the host's own page if it is a state of the record."""
    assert event.get("host"), event["id"]
    row = next(tr for tr in real[f"events/{event['id']}.md"].select("tr") if text(tr).startswith("Host"))
    assert all(name in text(row) for name in event["host"])
    for state in event.get("hosted_by", {}).get("states", []):
        page_path = f"states/{state}.md"
        assert any(str(a["href"]).endswith(f"events/{event['id']}.md") for a in real[page_path].select("li a"))


@pytest.mark.parametrize("event", [e for e in entries("events.yml") if e.get("before")], ids=lambda e: e["id"])
def test_an_event_said_to_come_before_another_is_listed_before_it(real: PagesAsHtml, event: dict[str, Any]) -> None:
    rows = [str(tr.select("td")[1].select("a")[0]["href"]) for tr in real["events/index.md"].select("tbody tr")]
    mine, theirs = rows.index(f"{event['id']}.md"), rows.index(f"{event['before']}.md")
    assert mine == theirs - 1


@pytest.mark.parametrize("event", [e for e in entries("events.yml") if e.get("date_also")], ids=lambda e: e["id"])
def test_an_event_with_two_dates_in_its_sources_says_so_without_choosing(real: PagesAsHtml,
                                                                         event: dict[str, Any]) -> None:
    page = text(real[f"events/{event['id']}.md"])
    assert f"another date in the sources: {event['date_also']}" in page
    assert any("sources differ on the day" in note and "which is right" in note for note in event.get("notes", []))


def test_a_year_s_list_sorts_a_name_written_with_the_under_its_own_letter(real: PagesAsHtml) -> None:
    """members/2024 put "the Netherlands", as the list writes it, between Switzerland and Tunisia (sixth reading)."""
    for path in [p for p in real if p.startswith("members/") and p != "members/index.md"]:
        rows = [text(item) for item in real[path].select(".km-members li")]
        keys = [re.sub(r"^the\s+", "", row, flags=re.I).casefold() for row in rows]
        assert keys == sorted(keys), path


CALLED = CHAIR_CALLED


@pytest.mark.parametrize("term", [t for t in entries("chairs.yml") if "called" in t
                                  and any(k in t for k in ("began_at", "ended_at", "at_meeting"))],
                         ids=lambda t: t["id"])
def test_a_meeting_page_says_how_its_source_calls_each_chair(real: PagesAsHtml, term: dict[str, Any]) -> None:
    """Cairo 2024's page showed Germany and Egypt each "as chair", where the source says outgoing and incoming
    (seventh reading): the meeting page keeps the word the chairs page keeps."""
    for field in ("began_at", "ended_at", "at_meeting"):
        if field not in term:
            continue
        page = real[f"events/{term[field]}.md"]
        [line] = [li for li in page.select("li")
                  if any(key_of(f"events/{term[field]}.md", str(a["href"])) == f"chairs/{term['id']}"
                         for a in li.select("a"))]
        assert f"({CALLED[term['called']]})" in text(line), (term["id"], field)


# --- review23f F12: a handover pairs two statements that name the same meeting, each statement once -------------

def top_items(page: BeautifulSoup, anchor: str) -> list[Tag]:
    heading = page.find(id=anchor)
    assert heading is not None, anchor
    listing = heading.find_next("ul")
    assert isinstance(listing, Tag)
    return listing.find_all("li", recursive=False)


def leaves_or_takes(term: dict[str, Any]) -> tuple[set[str], set[str]]:
    """The meetings at which a statement of the data has its state give up the chair, and take it."""
    at = term.get("at_meeting")
    leaves = {term.get("ended_at"), at if term.get("called") == "outgoing" else None} - {None}
    takes = {term.get("began_at"), at if term.get("called") in ("incoming", "new") else None} - {None}
    return {str(e) for e in leaves}, {str(e) for e in takes}


def test_each_handover_pairs_two_statements_that_name_its_meeting_within_the_year(real: PagesAsHtml) -> None:
    """/chairs/ listed Eritrea's "2019, until The Hague (5 March 2020)" twice among the handovers "within a year":
    beside Italy's end at Asmara, a meeting that statement does not name, and beside the Netherlands from The
    Hague, a day outside 2019. A handover now pairs two statements that themselves name one meeting, where
    one state gives up the chair and the other takes it, within the year the first gives; each once."""
    terms = {t["id"]: t for t in entries("chairs.yml")}
    events = {e["id"]: e for e in entries("events.yml")}
    page = real["chairs/index.md"]
    items = top_items(page, "handovers")
    assert items
    shown: list[str] = []
    for item in items:
        linked = [key_of("chairs/index.md", str(a["href"])) for a in item.select("a")]
        pair = list(dict.fromkeys(k.removeprefix("chairs/") for k in linked if k.startswith("chairs/")))
        assert len(pair) == 2, text(item)
        first, other = terms[pair[0]], terms[pair[1]]
        leaves_a, takes_a = leaves_or_takes(first)
        leaves_b, takes_b = leaves_or_takes(other)
        meetings = (leaves_a & takes_b) | (takes_a & leaves_b)
        said = text(item.find_all("p")[1])
        named = {k.removeprefix("events/") for k in
                 (key_of("chairs/index.md", str(a["href"])) for a in item.find_all("p")[1].select("a"))}
        meeting = next(m for m in meetings if m in named)
        assert day(events[meeting]["date"])[0] == int(str(first["period"])[:4]), said
        shown += pair
    assert len(shown) == len(set(shown)), shown


def test_a_statement_that_ends_where_another_state_begins_is_a_handover_not_a_clash(data_copy: DataCopy) -> None:
    """The rule on fixture data: a year term ending at a meeting of the next year pairs with the statement
    that begins there under that statement's year, and a statement of the same state naming a meeting
    does not make a handover of a statement that does not name it."""
    (data_copy.data / "memberships.yml").write_text("".join([
        yaml_entry(id="egypt-rome", name="Egypt", how="signed-rome-declaration", state="egypt", at_event="rome-2014"),
        yaml_entry(id="italy-rome", name="Italy", how="signed-rome-declaration", state="italy", at_event="rome-2014"),
    ]), encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text("".join([
        yaml_entry(id="italy-2021", name="Italy", state="italy", period="2021", ended_at="eu-africa-summit-2022"),
        yaml_entry(id="italy-2021-alone", name="Italy", state="italy", period="2021"),
        yaml_entry(id="egypt-2022", name="Egypt", state="egypt", period="2022", began_at="eu-africa-summit-2022"),
    ]), encoding="utf-8")
    pages = build_pages(load_record(data_copy.data), data_date="2026-12-05")
    page = PagesAsHtml({path: page.markdown for path, page in pages.items()})["chairs/index.md"]
    items = top_items(page, "handovers")
    assert len(items) == 1
    firsts = [key_of("chairs/index.md", str(a["href"])) for a in items[0].find_all("p")[0].select("a")]
    assert firsts[0] == "chairs/egypt-2022"
    assert "chairs/italy-2021-alone" not in text(items[0])
    assert "Italy" in text(items[0].find_all("p")[1])


# --- review23f F13: a source dated by day and month with no year shows that day, not "undated" ----------------

YEARLESS = [s for s in entries("sources.yml") if "day_without_year" in s]


def yearless_shown(source: dict[str, Any]) -> str:
    month, day_of_month = (int(p) for p in str(source["day_without_year"]).removeprefix("--").split("-"))
    return f"{day_of_month} {datetime.date(2000, month, 1):%B}, with no year"


def test_the_record_holds_a_source_dated_without_a_year() -> None:
    assert YEARLESS  # the MENA report's dateline, "April 9": the tests below read it


@pytest.mark.parametrize("source", YEARLESS, ids=lambda s: s["id"])
def test_a_source_with_a_day_but_no_year_shows_that_day_on_its_page(real: PagesAsHtml,
                                                                   source: dict[str, Any]) -> None:
    """/sources/mena-second-ministerial-meeting/ said "Date: Not in the record." beside an annotation giving
    the dateline's day and month (the source is now a heading on the list of sources)."""
    page = source_section(real, source["id"])
    row = next(tr for tr in page.select("tr") if [text(td) for td in tr.select("td")][:1] == ["Date"])
    assert yearless_shown(source) in text(row)
    assert NOT_IN_RECORD not in text(row)


@pytest.mark.parametrize("source", YEARLESS, ids=lambda s: s["id"])
def test_a_source_with_a_day_but_no_year_is_never_called_undated(real: PagesAsHtml, source: dict[str, Any]) -> None:
    """/chairs/ and the state pages wrote "(undated)" after the MENA report, wherever a source's date is shown
    beside a link to it."""
    beside: dict[str, list[str]] = {}
    for path, page in real.items():
        for a in page.select("a[href]"):
            if key_of(path, str(a["href"])) != f"sources/{source['id']}":
                continue
            after = a.next_sibling
            said = str(after).strip() if isinstance(after, str) else ""
            if said.startswith("("):
                beside.setdefault(path, []).append(said)
    assert beside  # the source is cited with its date somewhere
    wrong = {path: s for path, said in beside.items() for s in said if s.startswith("(undated")}
    assert wrong == {}
    assert all(yearless_shown(source) in s for said in beside.values() for s in said if "with no year" in s)


@pytest.mark.parametrize(("value", "problem"), [
    ("--04-09", None),
    ("--02-29", None),  # a dateline may give 29 February
    ("--02-30", "no such day or month"),
    ("04-09", "written --MM-DD"),
    ("2025-04-09", "written --MM-DD"),
])
def test_a_day_without_a_year_is_written_as_iso_8601_writes_it(data_copy: DataCopy, value: str,
                                                               problem: str | None) -> None:
    path = data_copy.data / "sources.yml"
    text_of = path.read_text(encoding="utf-8")
    path.write_text(text_of.replace("  kind: news-report\n", f"  kind: news-report\n  day_without_year: \"{value}\"\n",
                                    1), encoding="utf-8")
    if problem is None:
        load_record(data_copy.data)
        return
    with pytest.raises(DataError) as raised:
        load_record(data_copy.data)
    assert problem in str(raised.value)
    assert "sources.yml:" in str(raised.value)


# --- review23f F10: a meeting the record cannot tell apart from others is counted apart ----------------------

def test_the_home_page_counts_each_meeting_once_and_a_loose_one_apart(real: PagesAsHtml) -> None:
    """The home page counted the undated 2023 decision on the committee's enlargement as an eleventh Steering
    Committee meeting, though the record says it may be one of the two of 2023 it holds. Derived from data/:
    each kind's count leaves out the meetings marked perhaps_one_of, which are listed apart with those they
    may be."""
    from khartoum_site.record.model import EVENT_KINDS
    events = [e for e in entries("events.yml") if e.get("kind")]
    loose = [e for e in events if e.get("perhaps_one_of")]
    assert loose
    page = real["index.md"]
    heading = page.find(id="the-process")
    assert heading is not None
    counts = heading.find_next("ul")
    assert isinstance(counts, Tag)
    shown = dict(text(li).rsplit(": ", 1) for li in counts.find_all("li", recursive=False))
    expected = {EVENT_KINDS[k]: str(sum(1 for e in events if e["kind"] == k and not e.get("perhaps_one_of")))
                for k in {e["kind"] for e in events}}
    assert {k.replace("\\", ""): v for k, v in shown.items()} == expected
    total = sum(1 for e in events if not e.get("perhaps_one_of"))
    opening = heading.find_next("p")
    assert isinstance(opening, Tag)
    assert f"it holds {total} meetings and other gatherings" in text(opening)
    apart = counts.find_next("ul")
    assert isinstance(apart, Tag)
    for event in loose:
        item = next(li for li in apart.find_all("li", recursive=False)
                    if key_of("index.md", str(li.select("a")[0]["href"])) == f"events/{event['id']}")
        linked = {key_of("index.md", str(a["href"])) for a in item.select("a")[1:]}
        assert linked == {f"events/{e}" for e in event["perhaps_one_of"]}


def loose_events(perhaps: str) -> str:
    """Four meetings of the fixture's time: a loose one that may be one of ``perhaps``, two of its kind (one of
    its year, one of another) and one of another kind in its year."""
    return "".join(
        # (a meeting's title names its kind, a rule)
        f"\n- id: {ident}\n  date: {date}\n  kind: {kind}\n  title: {EVENT_KINDS[kind]} {ident}\n"
        f"  description: A test.\n{extra}{CITE}"
        for ident, date, kind, extra in [
            ("sc-loose", "2022", "steering-committee-meeting", f"  perhaps_one_of: {perhaps}\n"),
            ("sc-february", "2022-02-10", "steering-committee-meeting", ""),
            ("sc-of-2021", "2021-05", "steering-committee-meeting", ""),
            ("som-february", "2022-02-11", "senior-officials-meeting", ""),
        ])


@pytest.mark.parametrize(("value", "problem"), [
    ("[sc-february]", None),
    ("[sc-loose]", "cannot be one of the meetings it may be"),
    ("[som-february]", "of another kind"),
    ("[sc-of-2021]", "falls outside this event's date"),
])
def test_a_meeting_may_be_one_of_the_record_only_of_its_kind_and_time(data_copy: DataCopy, value: str,
                                                                      problem: str | None) -> None:
    path = data_copy.data / "events.yml"
    path.write_text(path.read_text(encoding="utf-8") + loose_events(value), encoding="utf-8")
    if problem is None:
        load_record(data_copy.data)
        return
    with pytest.raises(DataError) as raised:
        load_record(data_copy.data)
    assert problem in str(raised.value)
    assert "events.yml:" in str(raised.value)


# --- review23f F7: a date the record reads from a meeting names the source that gives that day ----------------

@pytest.mark.parametrize("membership", [m for m in entries("memberships.yml") if m.get("day_from")],
                         ids=lambda m: m["id"])
def test_a_reading_dated_by_another_source_names_it_wherever_the_date_is_shown(
        real: PagesAsHtml, membership: dict[str, Any]) -> None:
    """Every signatory line said "the source gives no date" though the record cites a news item of the process
    that has the member states sign on 28 November 2014: the line now names that source beside the reading,
    on the statements list, the state's page and the statement itself."""
    source = f"sources/{membership['day_from']['source']}"
    anchor = f"memberships/{membership['id']}"
    row = next(tr for tr in real["memberships/index.md"].select("tbody tr")
               if key_of("memberships/index.md", str(tr.select("a")[0]["href"])) == anchor)
    table = row.find_parent("table")
    assert table is not None
    above = table.find_previous("p")  # the list says it once above the table (review 23h F11)
    assert above is not None
    assert "the day given above the table" in text(row)
    places = [("memberships/index.md", above)]
    holder = f"states/{membership['state']}.md" if membership.get("state") else \
        f"others/{membership['other_state']}.md"
    line = next(li for li in real[holder].select("li")
                if any(key_of(holder, str(a["href"])) == anchor for a in li.select("a")))
    places.append((holder, line))
    for path, shown_here in places:
        linked = {key_of(path, str(a["href"])) for a in shown_here.select("a")}
        assert source in linked, path
        assert "which names no state" in text(shown_here), path


# --- review23f F9: what a source says beside the membership statements is on the state's page ------------------

@pytest.mark.parametrize("state", [s for s in entries("states.yml") if s.get("beside_membership")],
                         ids=lambda s: s["id"])
def test_an_aside_on_membership_is_shown_in_the_membership_section_with_its_sources(
        real: PagesAsHtml, state: dict[str, Any]) -> None:
    """Libya's page showed only the undated invitation, though the record cites a notice of 2014 that names
    Libya among the countries the dialogue was begun with before the launch."""
    path = f"states/{state['id']}.md"
    heading = real[path].find(id="membership")
    assert heading is not None
    section: list[Tag] = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        section.append(sibling)
    for aside in state["beside_membership"]:
        words = " ".join(aside["text"].split())
        item = next(li for tag in section for li in tag.select("li") if words in text(li))
        linked = {key_of(path, str(a["href"])) for a in item.select("a")}
        assert {f"sources/{c['source']}" for c in aside["cites"]} <= linked


# --- the eighth reading (review 23h) -------------------------------------------------------------------------

def joined_section(page: BeautifulSoup) -> str:
    """The text of the chairs page's list of pairs another statement joins."""
    heading = page.find(id="joined")
    if heading is None:
        return ""
    found = []
    for node in heading.find_all_next():
        if node.name in ("h2", "h3"):
            break
        if node.name == "li" and node.find_parent("li") is None:
            found.append(text(node))
    return " ".join(found)


@pytest.mark.parametrize(("italy_fields", "egypt_fields", "joining"), [
    ({"until": "2022-06"}, {"since": "2022-06"}, True),  # Italy until June, Egypt since June: they agree
    ({"until": "2022-07"}, {"since": "2022-06"}, False),  # a month apart: set side by side
    ({"at_meeting": "eu-africa-summit-2022"}, {"at_meeting": "eu-africa-summit-2022"}, True),  # one meeting
    ({"since": "2022-01"}, {"at_meeting": "eu-africa-summit-2022"}, False),  # nothing joins them
])
def test_two_statements_another_statement_joins_are_not_called_unreconciled(
        data_copy: DataCopy, italy_fields: dict[str, str], egypt_fields: dict[str, str], joining: bool) -> None:
    """Review 23h F2, F5: the UK's term "of 2016" and Ethiopia "since December 2016" were listed as a pair the
    record "does not reconcile", though the record holds the UK "until December 2016"; Ethiopia's 2017 and Italy
    at the Rome meeting of December 2017 likewise, though Ethiopia's own statement names that meeting. Another
    statement of the first state that ends its term in the month the second begins, or names the same meeting,
    joins the pair: it is listed as agreeing, with that statement, and never as unreconciled."""
    (data_copy.data / "memberships.yml").write_text("".join([
        yaml_entry(id="egypt-rome", name="Egypt", how="signed-rome-declaration", state="egypt", at_event="rome-2014"),
        yaml_entry(id="italy-rome", name="Italy", how="signed-rome-declaration", state="italy", at_event="rome-2014"),
    ]), encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text("".join([
        yaml_entry(id="italy-2022", name="Italy", state="italy", period="2022"),
        yaml_entry(id="italy-other", name="Italy", state="italy", **italy_fields),
        yaml_entry(id="egypt-statement", name="Egypt", state="egypt", **egypt_fields),
    ]), encoding="utf-8")
    pages = build_pages(load_record(data_copy.data), data_date="2026-12-05")
    page = PagesAsHtml({path: p.markdown for path, p in pages.items()})["chairs/index.md"]
    before, _handovers = chairs_page_sections(page)
    unreconciled = before.split("Statements another statement joins")[0]
    joined = joined_section(page)
    term = text(term_section(page, "italy-2022"))
    assert ("Egypt" in joined and "Joined by" in joined) == joining
    assert ("does not reconcile" in unreconciled and "Egypt" in unreconciled) == (not joining)
    assert ("does not reconcile" in term) == (not joining)
    assert (". Joined by:" in term) == joining  # its own sentence, after the line's sources


def test_the_real_chairs_page_calls_no_pair_unreconciled_that_a_statement_joins(real: PagesAsHtml) -> None:
    """Derived from data/: for every statement giving a year, a statement of another state whose start
    falls in the month a statement of the first state gives for its end (or that names a meeting a statement of
    the first state names) is not under "does not reconcile"."""
    terms = entries("chairs.yml")
    page = real["chairs/index.md"]
    joined_pairs = []
    for term in (t for t in terms if "period" in t):
        mine = [t for t in terms if holder(t) == holder(term)]
        for other in (o for o in terms if holder(o) not in (holder(term), "None")):
            ends = {day(t["until"]) for t in mine if "until" in t}
            meetings = {t.get(f) for t in mine for f in ("began_at", "ended_at", "at_meeting")} - {None}
            if ("since" in other and day(other["since"]) in ends and day(other["since"])[0] == term["period"]) or \
                    (other.get("at_meeting") in meetings and other["at_meeting"] is not None
                     and other["at_meeting"][-4:] == str(term["period"])):
                joined_pairs.append((term["id"], other["id"]))
    assert joined_pairs  # the UK of 2016 and Ethiopia since December 2016, at least
    for term_id, other_id in joined_pairs:
        assert "does not reconcile" not in text(term_section(page, term_id)), (term_id, other_id)
    joined = {key_of("chairs/index.md", str(a["href"])) for a in page.select("a")
              if a.find_previous(id="joined") is not None and a.find_previous(id="handovers") is None}
    for term_id, other_id in joined_pairs:
        assert {f"chairs/{term_id}", f"chairs/{other_id}"} <= joined


# A document credited to a government body as its author: "a notice of Italy's foreign ministry"
CREDITED = re.compile(r"\b(?:notice|press release|release|report|item|statement|page|article|listing)s? "
                      r"(?:of|by|issued by|from) (?:the same |the )?((?:[A-Z]\w*'s )?[\w ]{0,30}?"
                      r"(?:[Mm]inistry|[Gg]overnment|Farnesina|Foreign Office))")


def test_no_sentence_names_a_publisher_that_the_record_does_not() -> None:
    """Review 23h F8: Libya's page called two esteri.it pages "a notice of Italy's foreign ministry" and "a press
    release of the same ministry", while both source entries say their publisher is not in the record. No text
    of the data credits a page to a ministry, a government or an office unless a source entry names that
    body as its publisher."""
    publishers = {str(s["publisher"]).casefold() for s in entries("sources.yml") if s.get("publisher")}
    found = []
    for path in sorted(REAL_DATA.glob("*.yml")):
        for sentence in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))):
            found += [(path.name, m.group(0)) for m in CREDITED.finditer(sentence)
                      if m.group(1).casefold() not in publishers]
    assert found == []


def test_the_credit_pattern_catches_the_wordings_the_reading_found() -> None:
    for wording in ("A notice of Italy's foreign ministry, written before", "A press release of the same ministry"):
        assert CREDITED.search(wording), wording
    assert not CREDITED.search("A notice on esteri.it, the website of Italy's foreign ministry")


def test_a_source_that_names_states_is_not_folded_into_a_region_it_does_not_give_them() -> None:
    """Review 23h F9: Libya's page said the esteri.it notice began a dialogue "with the countries of the Horn of
    Africa", while the notice names seven states and does not call them all that. The data's text about that
    notice speaks of the seven as named states, never as "the countries of the Horn of Africa"."""
    texts = [t for s in entries("states.yml") for b in s.get("beside_membership", [])
             if any(c["source"] == "esteri-accreditation-notice-2014" for c in b["cites"]) for t in [b["text"]]]
    assert texts
    for t in texts:
        assert "countries of the Horn of Africa" not in t
        assert "seven states" in t


def test_the_launch_conference_shows_every_source_on_who_was_expected_side_by_side(real: PagesAsHtml) -> None:
    """Review 23h F1: the Rome conference's page gave the esteri.it notice's 40 countries, while the record's
    own press release of two days later lists the 28 EU states and ten African ones (cited only on Libya's page).
    Every source the data cites for those expected at the conference is cited on its page, and the page names
    each African state the release lists."""
    expecting = {c["source"] for name in ("states.yml", "events.yml") for e in entries(name)
                 for c in [*e.get("cites", []), *(c for b in e.get("beside_membership", []) for c in b["cites"])]
                 if re.search(r"take part|expected", c.get("locator", ""))}
    assert "esteri-press-release-2014-11-27" in expecting
    page = real["events/rome-2014.md"]
    cited = {key_of("events/rome-2014.md", str(a["href"])) for a in page.select("a[href]")}
    for source in expecting:
        assert f"sources/{source}" in cited, source
    shown_text = text(page)
    assert "40 countries" in shown_text
    african = [s["name"] for s in entries("states.yml") if s.get("region") == "african-state"
               and s["id"] in {m.get("state") for m in entries("memberships.yml")
                               if m.get("at_event") == "rome-2014"} | {"libya"}]
    assert len(african) == 10
    for name in african:
        assert name in shown_text, name
    assert "28 member states of the European Union" in shown_text


@pytest.mark.parametrize("event", [e for e in entries("events.yml") if not e.get("host")], ids=lambda e: e["id"])
def test_a_meeting_with_no_host_in_the_record_says_so_without_denying_its_notes(real: PagesAsHtml,
                                                                              event: dict[str, Any]) -> None:
    """Review 23h F4: the Rome meeting of December 2017 said "The record does not say who hosted it" while its
    note reports an item that has the Farnesina host it. A page of an event with no host says the record names
    none, and points to its notes where a note speaks of a host."""
    page = real[f"events/{event['id']}.md"]
    heading = page.find(id="cite")
    assert heading is not None
    first = heading.find_next("p")
    assert first is not None
    said = text(first)
    assert "does not say who hosted" not in said
    assert "names no host" in said
    assert ("see its notes" in said) == any("host" in n.lower() for n in event.get("notes", []))


def committee_sources() -> list[dict[str, Any]]:
    listed = {c["cites"][0]["source"] for c in entries("committee.yml")}
    return [s for s in entries("sources.yml") if s["id"] in listed]


def test_an_undated_list_that_may_be_later_than_a_dated_one_says_so_on_every_page(real: PagesAsHtml) -> None:
    """Review 23h F12: the Steering Committee page put the undated list of six a side (written on or after 18 April
    2024) before the dated list of five a side of 19 April 2024, as if earlier, and Uganda's page read as if
    Uganda had left. Derived from data/: for each list without a date whose bound a dated list may follow or
    equal, the committee page and each member's page say the record cannot tell which is the later."""
    sources = committee_sources()
    pairs = [(u, d) for u in sources if "date" not in u and "not_before" in u for d in sources
             if "date" in d and (*day(d["date"]), 12, 31)[:3] >= day(u["not_before"])]
    assert pairs
    page = real["committee/index.md"]
    for undated, dated in pairs:
        for mine, other in ((undated, dated), (dated, undated)):
            heading = page.find(id=mine["id"])
            assert heading is not None
            line = heading.find_next("p")
            assert line is not None
            said = text(line)
            assert "cannot tell whether this list is earlier or later" in said, mine["id"]
            assert any(key_of("committee/index.md", str(a["href"])) == f"sources/{other['id']}"
                       for a in line.select("a[href]"))
    seats = entries("committee.yml")
    for undated, dated in pairs:
        holders = ({s["state"] for s in seats if s["cites"][0]["source"] == undated["id"] and s.get("state")}
                   & {s["state"] for s in seats if s["cites"][0]["source"] == dated["id"] and s.get("state")})
        for state in holders:
            assert "cannot tell whether this list is earlier or later" in text(real[f"states/{state}.md"]), state


def test_a_list_on_or_after_a_day_is_not_placed_before_a_dated_list_of_that_day(data_copy: DataCopy) -> None:
    """Review 23h F12, the tie: a list dated only "on or after" a day comes after a list dated that day, and
    each says the record cannot tell which is the later."""
    with (data_copy.data / "sources.yml").open("a", encoding="utf-8") as sources:
        sources.write("\n- id: undated-list\n  title: An undated list\n  kind: web-page\n  url: https://example.org/a\n"
                      "  accessed: 2026-12-05\n  not_before: 2024-04-19\n  note: Written on or after 19 April 2024.\n"
                      "\n- id: dated-list\n  title: A dated list\n  kind: web-page\n  url: https://example.org/b\n"
                      "  accessed: 2026-12-05\n  date: 2024-04-19\n")
    seat = "- id: {id}\n  name: Egypt\n  group: african-partner-countries\n  state: egypt\n  cites:\n" \
           "    - source: {source}\n      locator: the list\n"
    (data_copy.data / "committee.yml").write_text(
        seat.format(id="egypt-undated", source="undated-list") + seat.format(id="egypt-dated", source="dated-list"),
        encoding="utf-8")
    pages = build_pages(load_record(data_copy.data), data_date="2026-12-05")
    markdown = pages["committee/index.md"].markdown
    order = [m.group(1) for m in re.finditer(r"\{ #([a-z0-9-]+) \}", markdown)]
    assert order.index("dated-list") < order.index("undated-list")
    assert markdown.count("cannot tell whether this list is earlier or later") == 2



def test_a_day_a_source_gives_is_never_called_the_record_s_reading(real: PagesAsHtml) -> None:
    """Review 23h F3, F11: the signatories' date read "28 November 2014 (the meeting's date, by the record's reading:
    the statement's source gives no date; A retrospective snapshot … gives that day for it …)": a day a source
    gives called the record's reading, a capital after a semicolon, and the same words in each of 37 rows of the
    statements list. Derived from data/: no page calls that day the record's reading beside the source that gives
    it; the statements list names that source once per group, above its table."""
    day_sources = {m["day_from"]["source"] for m in entries("memberships.yml") if m.get("day_from")}
    assert day_sources
    titles = {s["title"] for s in entries("sources.yml") if s["id"] in day_sources}
    for path in real:
        for node in real[path].select("li, td, p"):
            said = text(node)
            if any(t in said for t in titles):
                assert "by the record's reading" not in said, path
                assert not re.search(r"; " + "|; ".join(re.escape(t) for t in titles), said), path
    listing = text(real["memberships/index.md"])
    groups = {m["how"] for m in entries("memberships.yml") if m.get("day_from")}
    for title in titles:
        assert listing.count(title) == len(groups)
    event_page = text(real[f"events/{next(m['at_event'] for m in entries('memberships.yml') if m.get('day_from'))}.md"])
    assert not re.search(r"For \d+ of them, [A-Z]", event_page)


# A meeting's text that places a state at the head of the process at that meeting
CHAIR_AT_MEETING = re.compile(r"then (?:the )?(?:chair|holding the presidency) of the process"
                              r"|the chair of the process, [A-Z]")


@pytest.mark.parametrize("event", [e for e in entries("events.yml")
                                   if CHAIR_AT_MEETING.search(e.get("description", ""))], ids=lambda e: e["id"])
def test_a_meeting_that_places_a_state_in_the_chair_has_that_statement_on_the_chairs_page(
        real: PagesAsHtml, event: dict[str, Any]) -> None:
    """Review 23h F10: the Berlin thematic meeting of October 2023 ("Germany, then chair of the process") and the
    Helsinki meeting of 2024 ("Egypt, then holding the presidency") were on their meeting pages only, while the
    Addis Ababa one of 2022 is a statement on the chairs page. Each such meeting has a chair statement naming it,
    with a locator, shown on the chairs page and on the state's page."""
    terms = [t for t in entries("chairs.yml") if t.get("at_meeting") == event["id"]]
    assert terms, event["id"]
    chairs = real["chairs/index.md"]
    for term in terms:
        assert all(c.get("locator") for c in term["cites"])
        assert chairs.find(id=urls.on_list_anchor("chairs", term["id"])) is not None
        page = f"states/{term['state']}.md"
        assert any(key_of(page, str(a["href"])) == f"chairs/{term['id']}" for a in real[page].select("a[href]")), page



@pytest.mark.parametrize("source", [s for s in entries("sources.yml") if s.get("member_count_read_at")],
                         ids=lambda s: s["id"])
def test_an_undated_count_is_shown_beside_the_list_with_its_hedges(real: PagesAsHtml, source: dict[str, Any]) -> None:
    """Review 23h F7: the africanews.it item's 41 countries, which the record reads as about the Rome meeting of
    7 December 2017, stood on no membership page, while Egypt Today's 36 is beside the list of 2024. The count
    is on the year page of the meeting it is read as about, saying the source is undated and that the tie to the
    meeting is the record's reading, linked to the meeting."""
    event = next(e for e in entries("events.yml") if e["id"] == source["member_count_read_at"])
    page_path = f"members/{day(event['date'])[0]}.md"
    line = next(p for p in real[page_path].select("p")
                if any(key_of(page_path, str(a["href"])) == f"sources/{source['id']}" for a in p.select("a")))
    said = text(line)
    assert f"gives the {'number' if 'member_count_quote' in source else 'process'} {source['member_count']}" in said
    assert "undated" in said
    assert "the record reads it as about" in said
    assert any(key_of(page_path, str(a["href"])) == f"events/{event['id']}" for a in line.select("a"))
    assert any(str(source["member_count"]) in n for n in event.get("notes", []))


@pytest.mark.parametrize(("extra", "message"), [
    ("  member_count: 41\n  member_count_at: the first line\n", "needs the source's date, or member_count_read_at"),
    ("  member_count_read_at: rome-2014\n", "expected a source with member_count and no date of its own"),
    # an attack's AX2: a slip of a digit in the year made pages of years before the process
    ("  member_count: 41\n  member_count_at: the first line\n  date: 2004-05-02\n",
     "field 'date': the count is of 2004, a year before the record's first event (event 'rome-2014', 2014)"),
])
def test_an_undated_count_needs_the_meeting_it_is_read_as_about(data_copy: DataCopy, extra: str,
                                                                 message: str) -> None:
    data_copy.replace("sources.yml", "  publisher: Egypt Daily News\n", "  publisher: Egypt Daily News\n" + extra)
    with pytest.raises(DataError) as caught:
        load_record(data_copy.data)
    assert any(message in str(p) for p in caught.value.problems)


# --- the ninth reading (review23i) ------------------------------------------------------------------------------

def test_a_source_said_to_name_no_publisher_is_not_also_said_to_name_one_the_record_lacks() -> None:
    """/sources/ said of the esteri.it press release "Not stated: the source names no publisher" while its note
    said the publisher the page names is not in the record: `not-stated` is for a source that names none."""
    for source in entries("sources.yml"):
        if source.get("publisher_from") == "not-stated":
            note = " ".join(str(source.get("note", "")).split())
            assert not re.search(r"publisher[^.]*not in the record", note), source["id"]


def test_a_state_missing_from_a_later_list_is_not_said_to_make_the_sources_differ(real: PagesAsHtml) -> None:
    """/members/2024 said "The sources differ here" of the United Kingdom, named among the Rome signatories and not
    in a report's list that does not say it names every member: the page shows both and reads nothing into it."""
    shown = [path for path, page in real.items() if path.startswith("members/") and page.find(id="earlier")]
    assert shown  # the United Kingdom: a Rome signatory, not in the lists of 2024 and 2025
    for path in shown:
        said = text(section(real[path], "earlier"))
        assert "sources differ" not in said, path
        assert "reads no withdrawal into the difference" in said, path
        assert "cannot tell whether the list above was meant to name every member" in said, path


# --- the tenth reading (review23j) ------------------------------------------------------------------------------

def test_an_event_placed_before_another_names_that_event_not_its_day(real: PagesAsHtml) -> None:
    """Review 23j F2: /events/ read "March 2020, before 5 March 2020" for the Steering Committee meeting in The Hague,
    a firm bound on a day the sources give differently (5 or 6 March 2020). What the record knows is that it came
    before the other meeting: the list and the event's page name that meeting by its title, without a day, and say
    where the sources differ on its day."""
    events = {e["id"]: e for e in entries("events.yml")}
    placed = [e for e in events.values() if e.get("before")]
    assert placed
    for event in placed:
        other = events[event["before"]]
        own = f"events/{event['id']}"
        row = next(tr for tr in real["events/index.md"].select("tbody tr")
                   if key_of("events/index.md", str(tr.select("td")[1].select("a")[0]["href"])) == own)
        page_fact = next(tr.select("td")[1] for tr in real[f"events/{event['id']}.md"].select("tbody tr")
                         if text(tr.select("td")[0]) == "Date")
        for cell, path in [(row.select("td")[0], "events/index.md"), (page_fact, f"events/{event['id']}.md")]:
            bound = [a for a in cell.select("a") if key_of(path, str(a["href"])) == f"events/{other['id']}"]
            assert [text(a) for a in bound] == [other["title"]], path
            assert f"before the {other['title']}" in text(cell), path
            assert shown(other["date"]) not in text(cell), path
            assert ("the sources give differently" in text(cell)) == bool(other.get("date_also")), path


def test_a_year_page_says_why_an_undated_statement_bounded_later_is_not_on_it(real: PagesAsHtml) -> None:
    """Review 23j (noticed): Uganda's undated statement, bounded by another source to May 2017 or later, was on no
    part of /members/2014 to /members/2016, and those pages did not say why. A year page before the bound lists it
    apart, with its bound; from the bound's year on it stands with the other undated statements."""
    bounded = [m for m in entries("memberships.yml")
               if m.get("not_before") and not m.get("date") and not m.get("at_event")]
    assert bounded
    years = sorted(int(path.split("/")[1].removesuffix(".md")) for path in real
                   if re.fullmatch(r"members/\d{4}\.md", path))
    assert years
    for membership in bounded:
        key = f"memberships/{membership['id']}"
        for year in years:
            page_path = f"members/{year}.md"
            page = real[page_path]
            apart = [li for li in (section(page, "bounded-later").select("li") if page.find(id="bounded-later") else [])
                     if any(key_of(page_path, str(a["href"])) == key for a in li.select("a"))]
            before_the_bound = year < day(membership["not_before"])[0]
            assert bool(apart) == before_the_bound, (membership["id"], year)
            if apart:
                assert f"not before {shown(membership['not_before'])}" in text(apart[0])
                assert "this page leaves them out" in text(section(page, "bounded-later"))


def test_a_meeting_known_from_its_meeting_document_is_not_said_to_have_agreed_it() -> None:
    """Review 23j (noticed): the Steering Committee in Sharm El Sheikh (2015) "agreed on a plan of action", where the
    only source for the plan is a meeting document of the committee, which no source calls agreed or adopted. A
    meeting document shows what was put to the meeting: an event whose decision rests on one says the document sets
    it out. Derived from data/: the sources whose note calls them a meeting document."""
    documents = {s["id"] for s in entries("sources.yml")
                 if "meeting document" in " ".join(str(s.get("note", "")).split())}
    assert documents
    resting = [e for e in entries("events.yml") if any(c["source"] in documents for c in e.get("cites", []))]
    assert resting
    for event in resting:
        quoted = " ".join(c.get("quote", "") for c in event.get("cites", []))
        for verb in ("agreed", "adopted", "approved"):
            if verb not in quoted:
                assert not re.search(rf"\b{verb}\b", event["description"]), (event["id"], verb)


@pytest.mark.parametrize("event", [e for e in entries("events.yml") if e.get("kind")], ids=lambda e: e["id"])
def test_every_meeting_cites_a_source_with_a_locator_and_an_address(event: dict[str, Any]) -> None:
    """Issue 23, done-when: each meeting of the record is cited. Every citation of a meeting says where in its source
    the fact is (a quotation of a seed text, or a locator), and every source it cites that is not a seed text has the
    address it was read at, a title and the day it was read. Derived from data/."""
    sources = {s["id"]: s for s in entries("sources.yml")}
    assert event.get("cites"), event["id"]
    for cite in event["cites"]:
        assert cite.get("quote") or cite.get("locator"), (event["id"], cite["source"])
        source = sources[cite["source"]]
        if "file" not in source:
            for field in ("url", "title", "accessed"):
                assert source.get(field), (source["id"], field)


# --- review 23k (eleventh reading) K3: headings and meeting names in sentences ------------------------------------

def test_no_heading_starts_in_lower_case(real: PagesAsHtml) -> None:
    """A statement's heading began with the source's own spelling, "the Netherlands: named in a list of the
    members": a name that begins a heading or a title takes a capital there."""
    lower = [(path, text(h)) for path, page in real.items() for h in page.select("h1, h2, h3, h4")
             if text(h)[:1].islower()]
    assert lower == []


def test_a_meeting_named_in_a_chair_s_line_takes_the_article(real: PagesAsHtml) -> None:
    """"South Sudan as chair, at Regional training hosted by South Sudan …": a meeting's title dropped into the
    sentence without "the"."""
    events = {e["id"]: e for e in entries("events.yml")}
    for term in entries("chairs.yml"):
        for field, word in (("began_at", "from"), ("at_meeting", "at"), ("ended_at", "until")):
            if field not in term:
                continue
            title = events[term[field]]["title"]
            if not term.get("state"):
                continue
            said = text(real[f"states/{term['state']}.md"])  # the terms at the head of the process, one a line
            assert f"{word} the {title}" in said, (term["id"], field)
            assert f"{word} {title}" not in said.replace(f"{word} the {title}", ""), (term["id"], field)
