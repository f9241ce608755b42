"""The generated pages, rendered in-process and read as a reader reads them: each page's Markdown
converted as MkDocs converts it (``markdown_html``), without MkDocs or the theme. The same pages built
and read from the published HTML: tests/build/test_site.py.
"""

from __future__ import annotations

import html
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from helpers import (
    DATA,
    DATA_DATE,
    REAL_DATA,
    DataCopy,
    PagesAsHtml,
    heading,
    markdown_html,
    seed_paragraphs,
    source_section,
    topic_section,
)

from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.model import PartialDate, Record
from khartoum_site.record.validate import load_record
from khartoum_site.site.pages import HEAD_KEY, NOT_IN_RECORD, build_pages

PARAGRAPHS = seed_paragraphs()


def data(name: str) -> Any:
    """A data file as plain YAML, read independently of the loader."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shown(page_set: PageSet) -> PagesAsHtml:
    """Every generated page as HTML, by Markdown source path (each converted when a test reads it)."""
    return PagesAsHtml({path: page.markdown for path, page in page_set.pages.items()})


def table_rows(page: BeautifulSoup) -> dict[str, str]:
    """First cell → second cell of each table row, as a reader reads them."""
    rows = {}
    for tr in page.select("table tr"):
        cells = [" ".join(td.get_text().split()) for td in tr.find_all("td")]
        if len(cells) >= 2:
            rows[cells[0]] = cells[1]
    return rows


def test_the_source_has_11_preambular_and_17_operative_paragraphs() -> None:
    assert sorted(PARAGRAPHS, key=lambda k: (k[:2] == "op", int(k[3:]))) == \
        [f"pp-{n}" for n in range(1, 12)] + [f"op-{n}" for n in range(1, 18)]


@pytest.mark.parametrize("paragraph_id", list(PARAGRAPHS))
def test_every_paragraph_is_verbatim_on_its_own_page(shown: PagesAsHtml, paragraph_id: str) -> None:
    page = shown[f"documents/cairo-2025/{paragraph_id}.md"]
    assert [p.get_text() for p in page.select("p.paragraph-text")] == [PARAGRAPHS[paragraph_id]]
    part = "Preambular" if paragraph_id.startswith("pp") else "Operative"
    assert heading(page) == f"Cairo Ministerial Declaration, {part} paragraph {paragraph_id.split('-')[1]}"


def test_the_full_text_has_every_paragraph_verbatim_under_its_anchor(shown: PagesAsHtml) -> None:
    page = shown["documents/cairo-2025/index.md"]
    for paragraph_id, text in PARAGRAPHS.items():
        anchor = page.find(id=paragraph_id)
        assert anchor is not None, paragraph_id
        assert anchor.name == "h3", paragraph_id
        paragraph = anchor.find_next("p")
        assert paragraph is not None
        assert "paragraph-text" in paragraph.get_attribute_list("class")
        assert paragraph.get_text() == text
    assert len(page.select("p.paragraph-text")) == len(PARAGRAPHS)
    intro = page.select_one("p.record-text")
    assert intro is not None
    assert intro.get_text() == "We have agreed on the following:"


def test_the_rabat_process_page_lists_operative_paragraph_5(shown: PagesAsHtml) -> None:
    link = shown["instruments/rabat-process.md"].select_one('a[href="../documents/cairo-2025/op-5.md"]')
    assert link is not None
    assert link.get_text() == "Operative paragraph 5"
    # its text is quoted under the link, and the instrument's page offers the full text filtered to it
    quoted = link.find_parent("div")
    assert quoted is not None
    assert "Encouraging synergy and complementarity" in quoted.get_text()
    filtered = shown["instruments/rabat-process.md"].select_one(
        'a[href="../documents/cairo-2025/index.md?instrument=rabat-process"]')
    assert filtered is not None


def test_the_timeline_lists_every_event_in_date_order_under_its_year(shown: PagesAsHtml) -> None:
    events = {e["id"]: str(e["date"]) for e in data("events.yml")}
    page = shown["timeline.md"]
    boxes = page.select("div.km-event")
    order = [str(box.h3["id"]) for box in boxes]  # type: ignore[index]
    assert sorted(order) == sorted(events)
    # ISO dates sort as text once a missing month or day is written as 99: an event dated only to its year
    # (or month) comes after those dated more precisely within it, as no source puts it before them
    dates = [(events[ident] + "-99-99")[:10] for ident in order]
    assert dates == sorted(dates), list(zip(order, dates, strict=True))
    for box, ident in zip(boxes, order, strict=True):
        year = box.find_previous("h2")
        assert year is not None
        assert (year["id"], heading(year)) == (f"year-{events[ident][:4]}", events[ident][:4])
        date = box.find("strong")
        assert date is not None, ident  # the date, as precise as its source
    assert "“Badr Abdelatty” or “Dr. Badr Abdel Aty”" in " ".join(page.get_text().split())


def test_the_home_page_gives_the_key_numbers(shown: PagesAsHtml) -> None:
    states = data("states.yml")
    regions = Counter(s["region"] for s in states)
    declaration = data("documents/cairo-2025.yml")["paragraphs"]
    parts = Counter(p["part"] for p in declaration)
    rows = table_rows(shown["index.md"])
    assert rows["Participating states"] == (f"{len(states)}: {regions['eu-member-state']} EU member states, "
                                            f"{regions['other-european-state']} other European states, "
                                            f"{regions['african-state']} African states")
    assert rows["Organisations"] == str(len(data("organisations.yml")))
    assert rows["Paragraphs of the Cairo Ministerial Declaration"] == \
        f"{len(declaration)}: {parts['preambular']} preambular, {parts['operative']} operative"


def test_missing_facts_say_so(shown: PagesAsHtml) -> None:
    rows = table_rows(source_section(shown, "announcement"))  # its heading on the list of sources
    assert (rows["Publisher"], rows["Date"]) == (NOT_IN_RECORD, NOT_IN_RECORD)
    plan = shown["documents/cairo-action-plan/index.md"]
    assert "The text is not in the record" in plan.get_text()
    assert plan.select("p.paragraph-text") == []


def test_each_paragraph_page_offers_a_citation(shown: PagesAsHtml) -> None:
    page = shown["documents/cairo-2025/op-12.md"]
    assert page.find(id="cite") is not None
    styles = {str(block["data-km-style"]): block.get_text() for block in page.select(".km-cite")}
    assert list(styles) == ["url", "plain", "markdown", "apa", "chicago", "csl", "bibtex", "ris"]
    url, plain, markdown, csl = (styles[style] for style in ("url", "plain", "markdown", "csl"))
    assert url.strip() == "/documents/cairo-2025/op-12/"  # no site_url: from the site root, until the script runs
    issuer = data("documents/cairo-2025.yml")["issued_by"][0]
    assert plain.strip().startswith(f"{issuer}. Cairo Ministerial Declaration, operative paragraph 12 (Cairo, "
                                    "9 April 2025).")
    assert "Egypt Daily News" in plain
    assert markdown.strip() == f"{issuer}, [Cairo Ministerial Declaration, OP 12](/documents/cairo-2025/op-12/)"
    cited = json.loads(csl)
    assert (cited["id"], cited["type"], cited["issued"], cited["event-place"]) == \
        ("cairo-2025/op-12", "document", {"date-parts": [[2025, 4, 9]]}, "Cairo")


def test_without_a_site_url_the_citation_says_it_takes_the_browsers_address(shown: PagesAsHtml) -> None:
    notes = shown["documents/cairo-2025/op-12.md"].select(".km-cite-address")
    assert [note.get_text(" ", strip=True) for note in notes] == [
        "This copy of the site was built without its public address, so these citations take the address your "
        "browser is on."]
    assert notes[0].get("hidden") is None


def test_a_site_url_makes_the_citations_absolute(record: Record) -> None:
    page = build_pages(record, "https://record.example/site")["documents/cairo-2025/op-12.md"]
    shown = markdown_html(page.markdown)
    codes = {str(block["data-km-style"]): block.get_text().strip() for block in shown.select(".km-cite")}
    address = "https://record.example/site/documents/cairo-2025/op-12/"
    assert codes["url"] == address
    assert codes["markdown"].endswith(f"[Cairo Ministerial Declaration, OP 12]({address})")
    assert json.loads(codes["csl"])["URL"] == address
    assert f"url = {{{address}}}" in codes["bibtex"]
    assert f"UR  - {address}" in codes["ris"].splitlines()
    # The script is given the configured address, not the page's own.
    box = shown.select_one(".km-citation")
    assert box is not None
    assert box["data-km-base"] == address
    # The address is the site's, not the browser's: only the access date is left to say.
    assert shown.select(".km-cite-address") == []
    assert [" ".join(note["class"]) for note in shown.select(".km-cite-note")] == ["km-cite-note km-cite-date-note"]


@pytest.mark.parametrize(("length", "size"), [
    (0, "0 bytes"),
    (1, "1 bytes"),
    (9_999, "9,999 bytes"),
    (10_000, "10 kB"),
    (123_456, "123 kB"),
    (1_234_567, "1,235 kB"),
])
def test_the_downloads_page_gives_each_size_as_a_reader_reads_it(record: Record, length: int, size: str) -> None:
    page = build_pages(record, downloads={"downloads/a.csv": b"x" * length}, data_date=DATA_DATE)["downloads.md"]
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in markdown_html(page.markdown).select("tbody tr")]
    assert rows == [["a.csv", "The a, one row each", size]]


def test_the_downloads_page_lists_every_download_with_the_date_of_the_data(shown: PagesAsHtml,
                                                                          page_set: PageSet) -> None:
    page = shown["downloads.md"]
    listed = {str(a["href"]) for a in page.select("tbody tr a")}
    assert listed == {p for p in page_set.files if p.startswith("downloads/")}
    # the date as every page writes one ("9 April 2025"), not the ISO form of the data
    day = PartialDate(*(int(part) for part in DATA_DATE.split("-"))).display()
    assert f"last changed on {day}" in " ".join(page.get_text().split())


def test_each_record_page_knows_its_data_file_and_line(page_set: PageSet) -> None:
    """What the edit button opens: the record's own line in its data file."""
    text = (DATA / "states.yml").read_text(encoding="utf-8")
    norway = page_set.pages["states/norway.md"].origin
    assert norway is not None
    assert (Path(norway.file).name, norway.line) == ("states.yml", text[: text.index("- id: norway")].count("\n") + 1)
    text = (DATA / "documents" / "cairo-2025.yml").read_text(encoding="utf-8")
    op12 = page_set.pages["documents/cairo-2025/op-12.md"].origin
    assert op12 is not None
    assert (Path(op12.file).name, op12.line) == ("cairo-2025.yml", text[: text.index("  - id: op-12")].count("\n") + 1)
    assert page_set.pages["index.md"].origin is None  # made of the whole record: no one line to edit


def test_each_page_gives_the_theme_its_title_as_front_matter(page_set: PageSet) -> None:
    """The theme writes the front matter's title and description into the head as they are: escaped here, they
    read back as the text; the head tags (site/head.py) come as one block the theme places."""
    for path, page in page_set.pages.items():
        assert page.markdown.startswith("---\n"), path
        front = yaml.safe_load(page.markdown.split("---\n", 2)[1])
        assert list(front) == ["title", "description", HEAD_KEY], path
        assert "<" not in front["title"], path
        assert html.unescape(front["title"]) == " ".join(page.title.split()), path
        assert "<" not in front["description"], path
        assert front["description"].strip(), path
        assert front[HEAD_KEY].startswith('<meta property="og:title"'), path


# --- what a reader asks of a state, a topic, the full text (issue 10) ------------------------------------

def test_a_state_page_says_what_it_took_part_in_and_what_that_document_commits_to(
        shown: PagesAsHtml, record: Record) -> None:
    page = shown["states/eritrea.md"]
    section = page.find(id="in-cairo-2025")
    assert section is not None
    text = " ".join(page.get_text().split())
    assert "Eritrea is named in preambular paragraph 1, which the record marks as the paragraph naming the " \
           "participating states" in text
    operative = record.documents["cairo-2025"].part("operative")
    # The operative paragraphs are listed once, on the document's page: the state's page says how many the
    # record holds and links that list, and the first and the last of them.
    holds = next(p for p in section.find_all_next("p") if "paragraphs of its operative part" in p.get_text())
    assert f"The record holds {len(operative)} paragraphs of its operative part" in " ".join(holds.get_text().split())
    assert [(a.get_text(), str(a["href"])) for a in holds.select("a")] == [
        ("its page lists them", "../documents/cairo-2025/index.md#operative"),
        (operative[0].short_label, f"../documents/cairo-2025/{operative[0].id}.md"),
        (operative[-1].short_label, f"../documents/cairo-2025/{operative[-1].id}.md")]
    assert "The record gives no date for when Eritrea joined the Khartoum Process" in text
    # A document whose text is not in the record: the page says so rather than guess.
    assert "Its text is not in the record, so neither is whether it names Eritrea." in text


def test_a_state_not_named_by_the_participants_paragraph_is_not_called_a_participant(data_copy: DataCopy) -> None:
    data_copy.replace("documents/cairo-2025.yml", "participants_paragraph: pp-1", "participants_paragraph: pp-2")
    page = markdown_html(build_pages(load_record(data_copy.data))["states/eritrea.md"].markdown)
    text = " ".join(page.get_text().split())
    assert "The record does not name Eritrea among the participants of this document." in text
    assert "has 17 paragraphs" not in text



def test_a_document_that_marks_no_paragraph_of_participants_is_said_to_mark_none(data_copy: DataCopy) -> None:
    """An attack's AV1: with participants_paragraph left out, every state page said the record does not name the
    state among the document's participants; it names none, since it marks no paragraph as the one that does."""
    data_copy.replace("documents/cairo-2025.yml", "participants_paragraph: pp-1\n", "")
    page = markdown_html(build_pages(load_record(data_copy.data))["states/eritrea.md"].markdown)
    text = " ".join(page.get_text().split())
    assert "The record marks no paragraph of this document as the one that names its participants." in text
    assert "does not name Eritrea among the participants" not in text


def test_the_states_table_shows_participation_other_mentions_and_roles(shown: PagesAsHtml) -> None:
    page = shown["states/index.md"]
    heading_ = page.find(id="african-state")
    assert heading_ is not None
    table = heading_.find_next("table")
    assert table is not None
    heads = [th.get_text() for th in table.select("thead th")]
    assert heads[-3:] == ["Participant in", "Also named in", "Roles in the record"]
    rows = {cells[0]: cells for tr in table.select("tbody tr")
            if (cells := [td.get_text() for td in tr.find_all("td")])}
    assert rows["Egypt"][-3:] == ["Cairo Ministerial Declaration (PP 1)", "PP 2, PP 3", "5"]
    assert rows["Eritrea"][-3:] == ["Cairo Ministerial Declaration (PP 1)", "—", "—"]


def _related(topic: BeautifulSoup) -> list[Tag]:
    """The lines of a topic's list of related topics, under the sentence that introduces it."""
    intro = next(p for p in topic.find_all("p") if p.get_text().startswith("Related topics"))
    listed = intro.find_next_sibling()
    assert listed is not None, intro
    assert listed.name == "ul", intro
    return listed.find_all("li")


def test_related_topics_link_each_other_and_name_what_the_other_adds(shown: PagesAsHtml) -> None:
    theme = topic_section(shown, "human-trafficking")
    domain = topic_section(shown, "jvap-irregular-migration-smuggling-trafficking")
    # each links the other's heading on the same list
    assert "#topic-jvap-irregular-migration-smuggling-trafficking" in [li.a["href"] for li in _related(theme) if li.a]
    assert "#topic-human-trafficking" in [li.a["href"] for li in _related(domain) if li.a]
    # the domain has OP 15 and the theme does not: the theme's heading names it
    line = next(li for li in _related(theme) if "Prevention of" in li.get_text())
    assert "OP 15" in line.get_text()


def test_a_topic_s_heading_quotes_each_of_its_paragraphs(shown: PagesAsHtml, record: Record) -> None:
    topic = topic_section(shown, "jvap-return-readmission-reintegration")
    texts = [p.get_text() for p in topic.select("p.paragraph-text")]
    wanted = [p for p in record.paragraphs() if "jvap-return-readmission-reintegration" in p.topics]
    assert [t[:50] for t in texts] == [md_unescaped(p.text)[:50] for p in wanted]
    assert {"op-1", "op-12", "op-15"} <= {p.id for p in wanted}  # the merged topics' paragraphs together
    # the texts are found on the paragraphs' own pages: search leaves them out here
    assert all(p.has_attr("data-search-exclude") for p in topic.select("p.paragraph-text"))
    filtered = [a["href"] for a in topic.find_all("a") if "?" in str(a["href"])]
    assert filtered == ["../documents/cairo-2025/index.md?topic=jvap-return-readmission-reintegration"]


def md_unescaped(text: str) -> str:
    return " ".join(text.split())


def test_the_filter_of_the_full_text_offers_each_choice_under_its_id_and_its_former_ones(
        shown: PagesAsHtml, record: Record) -> None:
    page = shown["documents/cairo-2025/index.md"]
    topics = {str(o["value"]): str(o.get("data-km-former", "")).split()
              for o in page.select('details.km-filter select[name="topic"] option') if o["value"]}
    used = {t for p in record.documents["cairo-2025"].paragraphs for t in p.topics}
    assert set(topics) == used
    assert topics == {t: list(record.topics[t].former_ids) for t in used}
    assert any(topics.values()), "the record's merged topic: an old filter address still names its former id"


def test_search_finds_the_map_s_note_once_not_under_every_state_s_map(shown: PagesAsHtml) -> None:
    """The note on whose boundaries the map draws is the same under each state's locator map: search reads it
    on the home page and the list of states, and leaves out the 40 copies."""
    def boundaries(page: BeautifulSoup) -> Any:
        return next(p for p in page.select("p.km-map-note") if p.get_text().startswith("Whose boundaries:"))

    for path in ("index.md", "states/index.md"):
        assert not boundaries(shown[path]).has_attr("data-search-exclude"), path
    state_pages = [path for path in shown if path.startswith("states/") and path != "states/index.md"]
    assert state_pages
    for path in state_pages:
        note = boundaries(shown[path])
        assert note.has_attr("data-search-exclude"), path
        assert note.get_text() == boundaries(shown["index.md"]).get_text()


def test_a_name_as_the_sources_write_it_is_quoted_only_where_a_source_s_text_holds_it(data_copy: DataCopy) -> None:
    """A twenty-fourth attack's X7: a host's name stood in quotation marks, as the sources' words, on the page of a
    meeting whose only source was a web page the record does not keep: nothing had checked it."""
    with (data_copy.data / "events.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n- id: a-test\n  date: 2016-01\n  title: A test meeting\n  kind: senior-officials-meeting\n"
                     "  description: A test.\n  host: [Dr. Badr Abdel Aty]\n  cites:\n    - source: eeas\n"
                     "      locator: a test\n")
    pages = build_pages(load_record(data_copy.data))
    unchecked = markdown_html(pages["events/a-test.md"].markdown).get_text()
    checked = markdown_html(pages["events/cairo-ministerial-2025.md"].markdown).get_text()
    assert "Host, as the sources write it Dr. Badr Abdel Aty" in " ".join(unchecked.split())
    assert "“Dr. Badr Abdel Aty”" not in unchecked
    assert "“Badr Abdelatty” or “Dr. Badr Abdel Aty”" in checked  # its sources' texts hold the names




def test_each_name_a_source_gives_a_chair_is_quoted_apart_on_the_state_s_page(tmp_path: Path) -> None:
    """A twenty-sixth attack's Z5: a state's page joined the names a meeting's sources give its chair with "; "
    and quoted the whole, a name no source writes. The real record, with one honest edit."""
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    events = (data / "events.yml").read_text(encoding="utf-8")
    chair = "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n"
    assert chair in events
    (data / "events.yml").write_text(events.replace(chair, chair + "  chaired_by:\n    states: [egypt]\n"),
                                     encoding="utf-8")
    page = build_pages(load_record(data))["states/egypt.md"].markdown
    assert ("(the sources write “Badr Abdelatty” or “Dr. Badr Abdel Aty”, none of them a name of Egypt: the link to "
            "Egypt is the record's reading of them)") in page
    assert "Badr Abdelatty; Dr." not in page


@pytest.mark.parametrize(("host", "said"), [
    ("Arab Republic of Egypt", "(written “Arab Republic of Egypt”)"),
    ("Badr Abdelatty", "(the sources write “Badr Abdelatty”, not a name of Egypt: the link to Egypt is the record's "
     "reading of them)"),
])
def test_a_host_written_with_no_state_s_name_is_the_record_s_reading(tmp_path: Path, host: str, said: str) -> None:
    """A thirty-first attack's U6: a state linked as a meeting's chair or host whose written name is a person's or an
    office's was listed as one the sources say chaired it, "(written “Badr Abdelatty”)"; that link is the record's
    reading, and the page says so. A written name that names the state stays as written."""
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    events = (data / "events.yml").read_text(encoding="utf-8")
    written = "  host: [Arab Republic of Egypt]\n"
    assert written in events
    (data / "events.yml").write_text(events.replace(written, f"  host: [{host}]\n"), encoding="utf-8")
    page = build_pages(load_record(data))["states/egypt.md"].markdown
    assert said in page


@pytest.mark.parametrize(("added", "said"), [
    ("  co_chaired_by:\n    states: [kenya]\n", "(the sources write “Badr Abdelatty” or “Dr. Badr Abdel Aty” as the "
     "chair, none of them a name of Kenya: the link to Kenya is the record's reading of them)"),
    ("  chaired_by:\n    states: [egypt, kenya]\n", "(the sources write “Badr Abdelatty” or “Dr. Badr Abdel Aty”, "
     "none of them a name of Kenya: the link to Kenya is the record's reading of them)"),
    ("  co_hosted_by:\n    states: [kenya]\n", "(the sources write “Arab Republic of Egypt” as the host)"),
])
def test_a_co_chair_or_a_second_chair_says_how_the_sources_write_the_chair(tmp_path: Path, added: str,
                                                                           said: str) -> None:
    """A thirty-second attack's V1 and V10: Kenya linked as a co-chair, a co-host or a second chair of the Cairo
    meeting, beside a chair written as a person's name, was listed on its page with no word of how the sources
    write the chair."""
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    events = (data / "events.yml").read_text(encoding="utf-8")
    chair = "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n"
    assert chair in events
    (data / "events.yml").write_text(events.replace(chair, chair + added), encoding="utf-8")
    page = build_pages(load_record(data))["states/kenya.md"].markdown
    assert said in page


def test_a_host_written_as_the_state_s_initials_is_written_so(tmp_path: Path) -> None:
    """A thirty-third attack's W9: the check reads initials (SS) as the state's name, and the state's page said the
    sources wrote a name that was not the state's."""
    data = tmp_path / "data"
    shutil.copytree(REAL_DATA, data)
    events = (data / "events.yml").read_text(encoding="utf-8")
    assert "  host: [South Sudan]\n" in events
    (data / "events.yml").write_text(events.replace("  host: [South Sudan]\n", "  host: [SS]\n", 1), encoding="utf-8")
    page = build_pages(load_record(data))["states/south-sudan.md"].markdown
    assert "(written SS)" in page
    assert "not a name of South Sudan" not in page
