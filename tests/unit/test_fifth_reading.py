"""What the fifth independent reading of the history pages found (issue 23): each test holds a class of
finding, on the real record (expectations read from ``data/`` as plain YAML) or on a copy of it.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import REAL_DATA, ROOT, PagesAsHtml, markdown_html, text

from khartoum_site.record.model import PartialDate, Record
from khartoum_site.record.validate import load_record
from khartoum_site.site.references import aliases, entries, resolve_references

DATA_FILES = sorted(p.name for p in REAL_DATA.glob("*.yml"))
# Fields that hold a source's own words or an address, not a sentence of the record.
NOT_OUR_SENTENCES = {"title", "url", "quote", "name", "group_written", "locator"}


@functools.cache
def entries_of(name: str) -> list[dict[str, Any]]:
    """The live entries of a data file."""
    loaded = yaml.safe_load((REAL_DATA / name).read_text(encoding="utf-8")) or []
    return [e for e in loaded if isinstance(e, dict) and "withdrawn" not in e]


def sentences_of(value: Any, key: str = "") -> Iterator[str]:
    """Every sentence the record writes in its own words, anywhere in an entry."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from sentences_of(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from sentences_of(v, key)
    elif isinstance(value, str) and key not in NOT_OUR_SENTENCES:
        yield from (s for s in re.split(r"(?<=[.;:])\s+", " ".join(value.split())) if s)


def data_sentences(name: str) -> list[str]:
    return [s for entry in entries_of(name) for s in sentences_of(entry)]


def shown(value: Any) -> str:
    """A date of the data as the pages write it."""
    if isinstance(value, datetime.date):
        return PartialDate(value.year, value.month, value.day).display()
    parts = [int(p) for p in str(value).split("-")] + [0, 0]
    return PartialDate(parts[0], parts[1] or None, parts[2] or None).display()


# --- E2: a name read from a web address, given as the publisher ------------------------------------------

def names_from_address(sentence: str, label: str) -> list[str]:
    """The runs of two or more capitalised words in a sentence that spell a site's address label
    ("the Kampala Post" for kampalapost.com); the address itself, written as an address, is not a name."""
    words = re.findall(r"[A-Za-z][\w'\u2019-]*|[^\sA-Za-z]+", re.sub(r"\S*\.[a-z]{2,}\S*", " . ", sentence))
    found = []
    for start in range(len(words)):
        for end in range(start + 2, len(words) + 1):
            run = words[start:end]
            if not all(w[:1].isupper() for w in run):
                break
            if "".join(w.lower() for w in run) == label:
                found.append(" ".join(run))
    return found


@pytest.mark.parametrize(("sentence", "expected"), [
    ("the Kampala Post (2024) dates the establishment", ["Kampala Post"]),
    ("A news report of April 2024 (the Kampala Post) has", ["Kampala Post"]),
    ("a news report posted on kampalapost.com on 19 April 2024", []),
    ("The Kampala weekly post says", []),
])
def test_a_name_read_from_an_address_is_found_as_a_reader_sees_it(sentence: str, expected: list[str]) -> None:
    assert names_from_address(sentence, "kampalapost") == expected


def sites_that_name_no_publisher() -> dict[str, str]:
    """The address label of every source that has no publisher in the record, by source id. The websites of
    the Khartoum and Rabat processes are left out: their labels are the processes' names, which the pages
    name as the subjects of their sentences, never as publishers."""
    found = {}
    for source in entries_of("sources.yml"):
        if source.get("publisher") or not source.get("url"):
            continue
        host = urlsplit(source["url"]).hostname or ""
        label = re.sub(r"^www\.", "", host).split(".")[0].replace("-", "")
        if not label.endswith("process"):
            found[source["id"]] = label
    return found


def test_the_record_has_sources_that_name_no_publisher() -> None:
    assert "kampala-post-2024-uganda-steering-committee" in sites_that_name_no_publisher()


@pytest.mark.parametrize("name", DATA_FILES)
def test_no_sentence_names_as_publisher_a_site_whose_source_names_none(name: str) -> None:
    """The events called the report of 19 April 2024 "the Kampala Post" while its source entry says the page
    names no publisher and the record does not take the address for one."""
    labels = set(sites_that_name_no_publisher().values())
    found = [(s, n) for s in data_sentences(name) for label in labels for n in names_from_address(s, label)]
    assert found == []


def test_no_hand_written_page_names_as_publisher_a_site_whose_source_names_none() -> None:
    labels = set(sites_that_name_no_publisher().values())
    found = [(page.name, n) for page in sorted((ROOT / "docs").rglob("*.md"))
             for label in labels for n in names_from_address(page.read_text(encoding="utf-8"), label)]
    assert found == []


def test_a_notice_on_a_site_is_not_given_an_author_the_source_entry_does_not_take() -> None:
    """The conference's page had the accreditation notice "of Italy's foreign ministry" while the notice's
    source page says its publisher is not in the record."""
    unnamed = [s["id"] for s in entries_of("sources.yml") if not s.get("publisher")]
    assert "esteri-accreditation-notice-2014" in unnamed
    said = [s for name in ("events.yml", "chairs.yml") for s in data_sentences(name)
            if re.search(r"notice (?:of|by) Italy's", s)]
    assert said == []


# --- E1 and E9: whose list a list of members is ------------------------------------------------------------

BARE_MEMBERS_LIST = re.compile(r"\blist of (?:the )?members\b")


def test_no_note_on_a_committee_seat_calls_the_committees_list_a_list_of_the_members() -> None:
    """Uganda's seat said the report's "list of the members" does not include it, while the same report's
    list of the process's members does: a list on the committee says whose members it lists."""
    assert [s for s in data_sentences("committee.yml") if BARE_MEMBERS_LIST.search(s)] == []


def test_no_page_calls_the_committees_list_a_list_of_the_members(real: PagesAsHtml) -> None:
    titles = sorted((s["title"] for s in entries_of("sources.yml")), key=len, reverse=True)

    def own_words(node: Tag) -> str:
        """A paragraph without the titles of the sources it links (a title may name the committee)."""
        said = text(node)
        for title in titles:
            said = said.replace(" ".join(title.split()), "")
        return said

    found = {}
    for path in real:
        said = [own_words(node) for node in real[path].find_all(["li", "p", "td"])
                if "committee" in own_words(node).lower() and BARE_MEMBERS_LIST.search(own_words(node))]
        if said:
            found[path] = said
    assert found == {}


def participant_only_days() -> set[str]:
    """The days on which the record's only list of states is one of participants in a document."""
    by_day: dict[str, set[str]] = {}
    for m in entries_of("memberships.yml"):
        if m.get("date"):
            by_day.setdefault(shown(m["date"]), set()).add(m["how"])
    return {day for day, hows in by_day.items() if hows == {"listed-participant"}}


def test_the_record_has_a_list_of_participants_only() -> None:
    assert participant_only_days()


def test_no_page_calls_a_list_of_participants_a_list_of_members(real: PagesAsHtml) -> None:
    """The home page called the Cairo declaration's participating countries "the latest list of members"."""
    days = participant_only_days()
    found = {}
    for path in real:
        said = [s for node in real[path].find_all(["li", "p"]) for s in re.split(r"(?<=\.)\s", text(node))
                if re.search(r"\blists? of (?:the )?members\b", s) and any(day in s for day in days)]
        if said:
            found[path] = said
    assert found == {}


def test_the_home_page_names_the_latest_list_by_its_kind(real: PagesAsHtml) -> None:
    labels = {"listed-participant": "Named among the participants of a document"}
    days = participant_only_days()
    summary = [text(p) for p in real["index.md"].find_all("p") if text(p).startswith("The latest list of")]
    assert len(summary) == 1
    assert any(day in summary[0] for day in days)
    label = labels["listed-participant"]
    assert f"of the kind {label[:1].lower()}{label[1:]}" in summary[0]  # the record's own kind, not quoted


# --- E3 and E7: every list of the committee on a member's page, in an order the record can give -----------

def committee_sources() -> dict[str, dict[str, Any]]:
    ids = {e["cites"][0]["source"] for e in entries_of("committee.yml")}
    return {s["id"]: s for s in entries_of("sources.yml") if s["id"] in ids}


def holders() -> dict[str, set[str]]:
    """Each holder's page beside the lists that name it."""
    folders = {"state": "states", "other_state": "others", "organisation": "organisations"}
    found: dict[str, set[str]] = {}
    for seat in entries_of("committee.yml"):
        for field, folder in folders.items():
            if seat.get(field):
                found.setdefault(f"{folder}/{seat[field]}.md", set()).add(seat["cites"][0]["source"])
    return found


def committee_items(page: BeautifulSoup) -> list[Tag]:
    intro = next(p for p in page.find_all("p") if "in the order of the lists' dates" in text(p))
    items = intro.find_next_sibling("ul")
    assert items is not None
    return items.find_all("li", recursive=False)


@pytest.mark.parametrize("path", sorted(holders()))
def test_a_members_page_shows_every_list_of_the_committee_naming_it_or_not(real: PagesAsHtml, path: str) -> None:
    """Malta's page showed only the list of 2016 that names it, not the three later ones that do not."""
    sources = committee_sources()
    items = committee_items(real[path])
    not_named = [text(li) for li in items if text(li).startswith("Not named in the list of")]
    for source_id, source in sources.items():
        lines = [text(li) for li in items if source["title"] in text(li)]
        assert lines, (path, source_id)
        if source_id in holders()[path]:
            assert not any(line.startswith("Not named") for line in lines), (path, source_id)
        else:
            assert lines == [line for line in not_named if source["title"] in line], (path, source_id)
    assert len(not_named) == len(sources) - len(holders()[path])


@pytest.mark.parametrize("path", sorted(holders()))
def test_the_order_of_the_committees_lists_says_how_an_undated_list_is_placed(real: PagesAsHtml,
                                                                               path: str) -> None:
    """"Oldest list first" put a list written on or after 18 April 2024 before one of 19 April 2024."""
    sources = committee_sources()
    intro = next(text(p) for p in real[path].find_all("p") if "in the order of the lists' dates" in text(p))
    assert "oldest" not in intro
    undated = [s for s in sources.values() if not s.get("date")]
    assert ("a list without a date of its own at the earliest date it can have" in intro) == bool(undated)
    bounds = [shown(s.get("date") or s["not_before"]) for s in sources.values()]
    order = [next(i for i, li in enumerate(committee_items(real[path])) if s["title"] in text(li))
             for s in sources.values()]
    by_place = [bound for _, bound in sorted(zip(order, bounds, strict=True))]
    as_dates = sorted(by_place, key=lambda d: datetime.datetime.strptime(d, "%d %B %Y"))
    assert by_place == as_dates


# --- E5: two statements that can both be true are not said to differ -------------------------------------

def test_no_note_on_a_chair_term_asks_why_two_statements_differ() -> None:
    """A list by years (the UK in 2016, Ethiopia in 2017) and a new chair at a meeting of December 2016 can
    both be true: the note says what each source says, not that no source says why they differ."""
    assert [s for s in data_sentences("chairs.yml") if re.search(r"\bwhy\b|\bdiffer\b", s)] == []


# --- E6: "this page" in the record's words means a page of this site ------------------------------------

@pytest.mark.parametrize("name", DATA_FILES)
def test_no_sentence_of_the_data_calls_a_source_this_page(name: str) -> None:
    """The Vienna 2022 note said "This page already has …" of the process's page, on a page of this site."""
    assert [s for s in data_sentences(name) if re.search(r"\b[Tt]his page\b", s)] == []


# --- E8: a reference marker shown as text -----------------------------------------------------------------

@pytest.fixture(scope="module")
def real_entries() -> tuple[dict[str, Any], dict[str, str]]:
    """The keys of the real record, which the hand-written pages link."""
    real_record = load_record(REAL_DATA)
    return entries(real_record), aliases(real_record)


@pytest.fixture(scope="module")
def record_entries(record: Record) -> tuple[dict[str, Any], dict[str, str]]:
    return entries(record), aliases(record)


@pytest.mark.parametrize("page", sorted(str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")))
def test_no_hand_written_page_shows_a_reference_marker(page: str, real_entries: Any) -> None:
    """The About page showed "[[sources/announcement|an announcement …]]" because its label ran onto a second
    line; every marker outside code becomes a link."""
    written = re.sub(r"\A---\n.*?\n---\n", "", (ROOT / "docs" / page).read_text(encoding="utf-8"), count=1,
                     flags=re.S)  # front matter is not resolved: the site's own build drops it first
    known, alias = real_entries
    markdown, unknown = resolve_references(written, page, known, alias)
    assert unknown == []
    html = markdown_html(markdown)
    for code in html.find_all(["code", "pre"]):
        code.decompose()
    assert "[[" not in html.get_text()


def test_a_label_that_runs_onto_the_next_line_is_one_link(record_entries: Any) -> None:
    known, alias = record_entries
    markdown, unknown = resolve_references("See [[states/egypt|the host\n  of the meeting]] here.", "about.md",
                                           known, alias)
    assert unknown == []
    link = markdown_html(markdown).find("a")
    assert link is not None
    assert (text(link), link["href"]) == ("the host of the meeting", "states/egypt.md")


@pytest.mark.parametrize("written", ["[[states/Egypt]]", "[[ states/egypt ]]", "[[States/Egypt|the host]]",
                                     "[[Egypt]]"])
def test_a_reference_written_loosely_is_said_with_the_one_meant(record_entries: Any, written: str) -> None:
    """A held-out round's BF9: a reference in capitals or with spaces inside its brackets was published as text with
    no warning, though an unknown reference fails the build."""
    known, alias = record_entries
    markdown, unknown = resolve_references(f"The host:\n\nSee {written} here.", "about.md", known, alias)
    assert [u.message("docs/about.md") for u in unknown] == [
        f"docs/about.md:3: unknown reference [[{written[2:-2].split('|')[0]}]]. Did you mean [[states/egypt]]?"]
    assert written in markdown  # left as written: the strict build stops on the warning


def test_brackets_written_as_text_and_an_empty_label_are_said_as_written(record_entries: Any) -> None:
    """An attack's BH3: "\\[[states/egypt]]", the author's literal brackets, was published as Markdown source, and
    "[[states/egypt|]]" was said as "unknown reference [[states/egypt]]. Did you mean [[states/egypt]]?"."""
    known, alias = record_entries
    markdown, unknown = resolve_references("Write \\[[states/egypt]] for a link.\n\nSee [[states/egypt|]].\n",
                                           "about.md", known, alias)
    assert [u.message("docs/about.md") for u in unknown] == [
        "docs/about.md:3: unknown reference [[states/egypt|]]. Did you mean [[states/egypt]]?"]
    first = markdown_html(markdown).find("p")
    assert first is not None
    assert first.get_text() == "Write [[states/egypt]] for a link."


@pytest.mark.parametrize("written", ["See [the page [[states/egypt]]](https://example.org/) now.",
                                     "See [the page [[states/egypt|Egypt]]][site] now.\n\n[site]: https://example.org/"])
def test_a_reference_inside_a_links_text_is_said(record_entries: Any, written: str) -> None:
    """An attack's BH3: a reference inside a Markdown link's text was published as the inner link's Markdown source
    ("states/egypt.md", "{ .km-ref }") inside the outer link."""
    known, alias = record_entries
    _, unknown = resolve_references(written, "about.md", known, alias)
    assert [u.message("docs/about.md") for u in unknown] == [
        "docs/about.md:1: the reference [[states/egypt]] is inside HTML markup (a tag, a script, a style or "
        "a text box) or a Markdown link's text, address, title or image description, where a link cannot go: write it "
        "in the page's text"]


def test_a_reference_between_brackets_that_make_no_link_is_published(record_entries: Any) -> None:
    """The same count of brackets does not refuse a reference inside an aside in brackets, nor one after a link."""
    known, alias = record_entries
    markdown, unknown = resolve_references("An aside [see [[states/egypt]]] and [a link](https://example.org/) "
                                           "then [[states/egypt|Egypt]].\n", "about.md", known, alias)
    assert unknown == []
    links = markdown_html(markdown).find_all("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Egypt", "states/egypt.md"), ("a link", "https://example.org/"), ("Egypt", "states/egypt.md")]


@pytest.mark.parametrize("written", ["See [[states/egypt|Egypt]s state]] now.",
                                     "See [[states/egypt|Egypt [its state]]] now.",  # (review D6-14)
                                     "See [[states/egypt|the `egypt` state]] now."])
def test_a_label_holding_a_bracket_or_code_is_said(record_entries: Any, written: str) -> None:
    """An attack's BH3: a label holding "]" or a code span made no reference and was published as raw brackets."""
    known, alias = record_entries
    _, unknown = resolve_references(written, "about.md", known, alias)
    assert [u.message("docs/about.md") for u in unknown] == [
        "docs/about.md:1: the reference [[states/egypt|...]] is not closed by ]] where its label ends: the label "
        "holds a bracket or a code span (`...`), which a label cannot hold, or runs over 1,000 characters; write the "
        "label in plain words"]


def test_a_markdown_link_whose_text_is_in_brackets_is_no_reference(record_entries: Any) -> None:
    """Review D5-16: "[[PDF]](https://…)", a Markdown link whose text is in brackets, failed the build as an unknown
    reference."""
    known, alias = record_entries
    markdown, unknown = resolve_references("Download [[PDF]](https://example.org/a.pdf) or [[Word]][w].\n\n"
                                           "[w]: https://example.org/a.docx\n", "about.md", known, alias)
    assert unknown == []
    assert [a["href"] for a in markdown_html(markdown).find_all("a")] == ["https://example.org/a.pdf",
                                                                          "https://example.org/a.docx"]


# --- seen while merging: a list item swallowing the paragraph after it --------------------------------------

def test_no_list_item_on_the_chairs_list_runs_into_a_terms_sources(real: PagesAsHtml) -> None:
    """A term's "Other statements of the same time" list took the "Sources:" line after it into its last item."""
    glued = [text(li) for li in real["chairs/index.md"].select("li") if "Sources:" in text(li)]
    assert glued == []
