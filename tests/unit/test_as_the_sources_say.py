"""The real record's pages say things the way their sources do (issue 23, fidelity round 2).

Each test reads the pages of the real data, made in-process, as a reader reads them (the Markdown
converted as MkDocs converts it), and derives what it expects from ``data/`` read as plain YAML:

- a publisher the record read from a credit line or a heading is never shown as a plain fact;
- a paragraph whose words name a topic is listed on that topic's page;
- wherever the announcement's “East African and European countries” is shown, an annotation beside
  it names the declaration's states that UN M49 places in Northern Africa;
- wherever a quotation gives a day without a year, the page says so beside it.
"""

from __future__ import annotations

import calendar
import re
from typing import Any
from unittest import mock

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import DATA_DATE, REAL_DATA, SITE_NAME, PagesAsHtml, source_section, topic_section

from khartoum_site.outputs import pageset
from khartoum_site.record.model import Cite, Topic
from khartoum_site.record.validate import load_record
from khartoum_site.site.pages import HEAD_KEY


def data(name: str) -> Any:
    """A data file of the real record as plain YAML, read independently of the loader."""
    return yaml.safe_load((REAL_DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def real_pages() -> dict[str, str]:
    """The real record's generated pages, as Markdown by source path."""
    with mock.patch.object(pageset, "data_date", return_value=DATA_DATE):
        made = pageset.make_page_set(load_record(REAL_DATA), REAL_DATA, SITE_NAME, None)
    return {path: page.markdown for path, page in made.pages.items()}


@pytest.fixture(scope="module")
def shown(real_pages: dict[str, str]) -> PagesAsHtml:
    return PagesAsHtml(real_pages)


def description(markdown: str) -> str:
    """The meta description a page gives itself (its head, in its front matter)."""
    front = re.match(r"\A---\n(.*?)\n---\n", markdown, re.S)
    head = BeautifulSoup(str(yaml.safe_load(front.group(1))[HEAD_KEY]), "html.parser") if front else None
    tag = head.find("meta", attrs={"name": "description"}) if head else None
    return str(tag["content"]) if tag else ""


def unquoted(text: str) -> str:
    """Text without what it quotes between curly quotation marks: the site's own words only."""
    return re.sub(r"“[^“”]*”", "“…”", " ".join(text.split()))


# --- Publishers -------------------------------------------------------------------------------------------

QUALIFIER = {"credit-line": "credit line", "heading": "heading"}
READ_NOT_STATED = [s for s in data("sources.yml") if s.get("publisher") and s.get("publisher_from") in QUALIFIER]


def test_the_record_has_publishers_read_from_a_credit_line() -> None:
    """The test below must have something to check: the record's news report names its publisher only so."""
    assert any(s["publisher_from"] == "credit-line" for s in READ_NOT_STATED)


@pytest.mark.parametrize("source", READ_NOT_STATED, ids=[s["id"] for s in READ_NOT_STATED])
def test_a_publisher_read_not_stated_is_never_shown_as_a_plain_fact(
        real_pages: dict[str, str], shown: PagesAsHtml, source: dict[str, Any]) -> None:
    name, how = source["publisher"], QUALIFIER[source["publisher_from"]]
    own = source_section(shown, source["id"])  # its heading on the list of sources, where its facts are
    rows = {tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
            for tr in own.select("table tr") if len(tr.find_all("td")) == 2}
    assert name in rows["Publisher"]
    assert how in rows["Publisher"]
    naming = 0
    for path, markdown in real_pages.items():
        head = description(markdown)
        if name in unquoted(head):
            naming += 1
            assert how in head, (path, head)
        if name not in markdown:
            continue
        for element in shown[path].find_all(["td", "li", "p", "code", "blockquote"]):
            if element.find(["li", "p", "td", "code"]) is not None:
                continue  # read the innermost element that holds the words
            copy = BeautifulSoup(str(element), "html.parser")
            for link in copy.find_all("a"):
                link.decompose()  # a link's text is a title (a heading may hold the name), not a statement
            words = unquoted(copy.get_text(" "))
            if name in words:
                naming += 1
                assert how in words, (path, words)
    assert naming >= 2, "the list of sources names the publisher in its table and at the source's heading"


def test_a_source_that_names_no_publisher_says_so(shown: PagesAsHtml) -> None:
    for source in data("sources.yml"):
        if source.get("publisher_from") == "not-stated":
            page = source_section(shown, source["id"])
            rows = {tr.find_all("td")[0].get_text(): tr.find_all("td")[1].get_text()
                    for tr in page.select("table tr") if len(tr.find_all("td")) == 2}
            assert rows["Publisher"].startswith("Not stated"), (source["id"], rows["Publisher"])


# --- Topics -----------------------------------------------------------------------------------------------

def uses(text: str, term: str) -> bool:
    """Whether the text uses the term as whole words, in any case (independently of the model's matcher)."""
    words = r"\s+".join(re.escape(w) for w in term.lower().split())
    return re.search(rf"(?<![\w-]){words}(?![\w-])", " ".join(text.lower().split())) is not None


def test_topics_have_terms_to_check() -> None:
    assert any(t.get("terms") for t in data("topics.yml"))


def test_every_paragraph_whose_words_name_a_topic_is_on_that_topic_s_heading(shown: PagesAsHtml) -> None:
    document = data("documents/cairo-2025.yml")
    checked = 0
    for topic in data("topics.yml"):
        page = topic_section(shown, topic["id"])
        linked = {str(a["href"]).rstrip("/").split("/")[-1].split("#")[-1] for a in page.find_all("a", href=True)}
        for paragraph in document["paragraphs"]:
            if any(uses(paragraph["text"], term) for term in topic.get("terms", ())):
                checked += 1
                assert paragraph["id"] in linked or f"{paragraph['id']}.md" in linked, (topic["id"], paragraph["id"])
    assert checked


def test_operative_paragraph_6_is_on_forced_displacement() -> None:
    """The instance the independent reading found: its text speaks of forced displacement."""
    op6 = next(p for p in data("documents/cairo-2025.yml")["paragraphs"] if p["id"] == "op-6")
    assert uses(op6["text"], "forced displacement")
    assert "forced-displacement-protection" in op6["topics"]


@pytest.mark.parametrize(("terms", "text", "expected"), [
    (("forced displacement",), "irregular migration and forced\n      displacement in a", ["forced displacement"]),
    (("forced displacement",), "Forced Displacement", ["forced displacement"]),
    (("forced displacement",), "forced displacements", []),
    (("human rights",), "human-rights", []),
    (("capacity-building",), "supporting the capacity-building of", ["capacity-building"]),
    (("narratives about migration", "gender-sensitive"), "a gender-sensitive approach", ["gender-sensitive"]),
    ((), "anything", []),
])
def test_a_topic_finds_its_terms_as_whole_words(terms: tuple[str, ...], text: str, expected: list[str]) -> None:
    topic = Topic(None, "t", (), None, name="T", kind="theme", description=None, related=(),  # type: ignore[arg-type]
                  terms=terms, cites=())
    assert topic.terms_in(text) == expected


# --- The announcement's regions ---------------------------------------------------------------------------

PHRASE = "East African and European countries"


def northern_african_participants() -> list[str]:
    document = data("documents/cairo-2025.yml")
    listed = set(next(p for p in document["paragraphs"] if p["id"] == document["participants_paragraph"])
                 ["mentions"]["states"])
    return [s["name"] for s in data("states.yml") if s.get("subregion") == "northern-africa" and s["id"] in listed]


def test_wherever_the_announcement_says_east_african_an_annotation_names_the_northern_african_states(
        real_pages: dict[str, str], shown: PagesAsHtml) -> None:
    names = northern_african_participants()
    assert names
    pages = [path for path, markdown in real_pages.items() if PHRASE in " ".join(markdown.split())]
    assert pages, "the record shows the announcement's phrase somewhere"
    for path in pages:
        notes = " ".join(" ".join(box.get_text(" ").split()) for box in shown[path].select(".admonition")
                         if "annotation" in box.get_text().casefold())  # (a source's: "About this source (annotation)")
        assert "Northern Africa" in notes, path
        assert all(name in notes for name in names), (path, names)


@pytest.mark.parametrize("page", ["README.md", *sorted(p.name for p in (REAL_DATA.parent / "docs").glob("*.md"))])
def test_a_hand_written_page_that_quotes_the_phrase_names_the_northern_african_states(page: str) -> None:
    path = REAL_DATA.parent / page if page == "README.md" else REAL_DATA.parent / "docs" / page
    text = " ".join(path.read_text(encoding="utf-8").split())
    if PHRASE in text:
        after = text[text.index(PHRASE):][:600]  # the note follows the quotation
        assert "Northern Africa" in after, page
        assert all(name in after for name in northern_african_participants()), page


def test_the_site_description_does_not_carry_the_phrase_unannotated() -> None:
    config = (REAL_DATA.parent / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^site_description:.*?(?=^\S)", config, re.M | re.S)
    assert block is not None
    assert PHRASE not in " ".join(block.group(0).split())


# --- Days without a year ----------------------------------------------------------------------------------

def quotes(node: Any) -> list[str]:
    """Every quotation anywhere in a data file."""
    if isinstance(node, dict):
        found = [node["quote"]] if isinstance(node.get("quote"), str) else []
        return found + [q for key, value in node.items() if key != "quote" for q in quotes(value)]
    if isinstance(node, list):
        return [q for value in node for q in quotes(value)]
    return []


def test_every_page_that_quotes_a_day_without_a_year_says_so(real_pages: dict[str, str],
                                                             shown: PagesAsHtml) -> None:
    every = [q for path in sorted(REAL_DATA.rglob("*.yml")) if "schemas" not in path.parts
             for q in quotes(yaml.safe_load(path.read_text(encoding="utf-8")))]
    yearless = {q for q in every
                if re.search(r"\b(January|February|March|April|May|June|July|August|September|October|November"
                             r"|December) \d{1,2}\b", q) and not re.search(r"\b(19|20)\d\d\b", q)}
    assert yearless, "the announcement gives the meeting's day without a year"
    for path, markdown in real_pages.items():
        for quote in yearless:
            if quote not in markdown:
                continue
            for item in shown[path].find_all(["li", "blockquote"]):
                text = " ".join(item.get_text(" ").split())
                if f"“{' '.join(quote.split())}”" in text and not item.find(["li", "blockquote"]):
                    assert "without a year" in text, (path, text)


@pytest.mark.parametrize(("quote", "expected"), [
    ("on Wednesday, April 9.", "April 9"),
    ("The April 9 conference will be a milestone", "April 9"),
    ("Meeting in Cairo on April 9, 2025, for the second", None),
    ("On 8th and 9th November, the meeting", "9th November"),
    ("resumed the presidency in April 2024.", None),
    ("no day at all", None),
])
def test_a_quotation_knows_whether_it_gives_a_day_without_a_year(quote: str, expected: str | None) -> None:
    assert Cite(None, "s", quote, None).yearless_date == expected  # type: ignore[arg-type]


# --- Bounds on undated statements -------------------------------------------------------------------------

def test_an_undated_membership_with_a_bound_says_it_on_its_state_page(shown: PagesAsHtml) -> None:
    bounded = [m for m in data("memberships.yml") if m.get("not_before")]
    assert bounded, "Uganda's joining is bounded by its first participation"
    for membership in bounded:
        year, _, month = str(membership["not_before"]).partition("-")
        words = f"not before {calendar.month_name[int(month)]} {year}" if month else f"not before {year}"
        page = shown[f"states/{membership['state']}.md"]
        lines = [" ".join(li.get_text(" ").split()) for li in page.find_all("li")]
        assert any(words in line and "no date in the source" in line for line in lines), (membership["id"], words)
