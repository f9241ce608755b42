"""Citations as a reader sees them on each page that shows a citable thing (a document, a paragraph, a
meeting, a state's participation): who issued the text named in every style, the title never twice in
APA, and a complete citation without script. Pages rendered in-process from the frozen record; the same
citations read by reference managers' and citation processors' libraries: tests/artefacts/test_citations.py;
in Chromium, with and without script and in print: tests/browser/test_citations.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import ROOT, DataCopy, PagesAsHtml, markdown_html, script_filled

from khartoum_site.escape import pre_text
from khartoum_site.outputs.akomantoso import NAMESPACE, akoma_ntoso
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record import model
from khartoum_site.record.model import Record
from khartoum_site.record.validate import load_record
from khartoum_site.site import citation as citation_module
from khartoum_site.site import urls
from khartoum_site.site.citation import (
    ACCESS_DATE_PLACEHOLDER,
    ACCESSED_TOKENS,
    STYLES,
    URL_TOKEN,
    Accessed,
    Work,
    citation,
    document_work,
    event_work,
    fill_places,
    paragraph_work,
)
from khartoum_site.site.pages import build_pages

FOR_PEOPLE = ("plain", "apa", "chicago")  # the styles that carry an access date as words
ACCESS_FIELDS = {"csl": '"accessed"', "bibtex": "urldate =", "ris": "Y2  -"}  # as reference managers read it
A_DAY = Accessed("5 December 2026", "December 5, 2026", "2026-12-05", "2026/12/05/", "2026", "12", "5")


@pytest.fixture(scope="module")
def shown(page_set: PageSet) -> PagesAsHtml:
    return PagesAsHtml({path: page.markdown for path, page in page_set.pages.items()})


def citable_pages(record: Record) -> dict[str, tuple[str, ...]]:
    """Each page that shows a citable thing, from the record, and who its citation must name as issuer."""
    pages: dict[str, tuple[str, ...]] = {}
    for document in record.documents.values():
        pages[urls.target_of(document).page] = document.issued_by
        for paragraph in document.paragraphs:
            pages[urls.target_of(paragraph).page] = document.issued_by
    for event in record.events.values():
        pages[urls.target_of(event).page] = event.host
    for state in record.states.values():
        listed = record.participation(state.id).listed_in
        if listed:
            pages[urls.target_of(state).page] = tuple(name for document, _ in listed for name in document.issued_by)
    return pages


def blocks(citation_box: Tag) -> dict[str, str]:
    """Each style's text in one citation, as the copy button copies it, by style."""
    return {str(block["data-km-style"]): block.get_text().strip() for block in citation_box.select(".km-cite")}


def citations_on(page: BeautifulSoup) -> list[dict[str, str]]:
    return [blocks(box) for box in page.select(".km-cite-section .km-citation")]


def test_each_page_type_that_shows_a_citable_thing_has_a_citation_block(record: Record, shown: PagesAsHtml) -> None:
    pages = citable_pages(record)
    kinds = {path.split("/")[0] for path in pages}
    assert kinds == {"documents", "events", "states"}  # the fixture has each kind
    assert any(path.count("/") == 2 for path in pages)  # and paragraphs
    for path in pages:
        page = shown[path]
        section = page.select_one(".km-cite-section")
        assert section is not None, path
        assert section.find(["h2"], id="cite") is not None, path
        found = citations_on(page)
        assert found, path
        for styles in found:
            assert tuple(styles) == STYLES, path
    # A page with nothing to cite has no block: an organisation is not a text.
    organisation = next(iter(record.organisations.values()))
    assert shown[urls.target_of(organisation).page].select(".km-cite-section") == []


def test_every_style_names_the_issuer_as_the_record_gives_it(record: Record, shown: PagesAsHtml) -> None:
    pages = citable_pages(record)
    named = {path: issuers for path, issuers in pages.items() if issuers}
    assert named, "the frozen record has a document whose issuer it names"
    for path, issuers in named.items():
        for styles in citations_on(shown[path]):
            for style, text in styles.items():
                if style != "url":
                    assert all(name in text for name in issuers), (path, style)


def test_a_state_cites_the_paragraph_its_participation_rests_on(record: Record, shown: PagesAsHtml) -> None:
    state = next(s for s in record.states.values() if record.participation(s.id).listed_in)
    _document, paragraph = record.participation(state.id).listed_in[0]
    page = shown[urls.target_of(state).page]
    [styles] = citations_on(page)
    assert styles["url"] == urls.address(urls.target_of(paragraph), None)
    assert json.loads(styles["csl"])["id"] == paragraph.key
    lead = page.select_one(".km-cite-section p")
    assert lead is not None
    assert f"{state.name} is named among the participating states in" in lead.get_text()
    # The script resolves the cited page's address from the state's page.
    box = page.select_one(".km-cite-section .km-citation")
    assert box is not None
    assert box["data-km-base"] == urls.href(urls.target_of(state).page, urls.target_of(paragraph).page)


def test_where_the_record_names_no_issuer_the_page_says_so(record: Record, shown: PagesAsHtml) -> None:
    silent = [d for d in record.documents.values() if not d.issued_by]
    assert silent, "the frozen record has a document whose issuer it does not name"
    for document in silent:
        page = shown[urls.target_of(document).page]
        assert "The record does not say who issued it, so these citations name no author." in page.get_text()
        [styles] = citations_on(page)
        assert "author" not in json.loads(styles["csl"])
        assert "author =" not in styles["bibtex"]
        assert "AU  -" not in styles["ris"]


def _work(issuers: tuple[str, ...], **changes: Any) -> Work:
    base = Work("documents/d", "Cairo Action Plan", "Cairo Action Plan", issuers, model.PartialDate(2025, 4, 9))
    return replace(base, **changes)


@pytest.mark.parametrize(("work", "starts"), [
    pytest.param(_work(()), "Cairo Action Plan. (2025, April 9). Retrieved", id="no-issuer"),
    pytest.param(_work(("Khartoum Process",)), "Khartoum Process. (2025, April 9). Cairo Action Plan. Retrieved",
                 id="one-issuer"),
    pytest.param(_work(("A Body", "Another Body")), "A Body & Another Body. (2025, April 9). Cairo Action Plan.",
                 id="two-issuers"),
    pytest.param(_work((), date=None), "Cairo Action Plan. (n.d.). Retrieved", id="undated"),
    pytest.param(_work((), date=model.PartialDate(2025)), "Cairo Action Plan. (2025). Retrieved", id="a-year"),
])
def test_apa_puts_the_issuer_in_the_authors_place_and_the_title_never_twice(work: Work, starts: str) -> None:
    apa = citation(work, "https://record.example/d/", A_DAY)["apa"]
    assert apa.startswith(starts)
    assert apa.count(work.title) == 1
    assert apa.endswith("Retrieved December 5, 2026, from https://record.example/d/")


def test_bibtex_braces_the_title_and_each_body_whole() -> None:
    bibtex = citation(_work(("Khartoum Process", "A Body")), "https://record.example/d/", None)["bibtex"]
    assert "  author = {{Khartoum Process} and {A Body}},\n" in bibtex
    assert "  title = {{Cairo Action Plan}},\n" in bibtex


@pytest.mark.parametrize("style", STYLES)
def test_without_script_a_citation_is_complete(style: str) -> None:
    """Without script the access date is the one thing unknown: the styles for people say so where it
    goes; the formats reference managers import leave the field out rather than give a false date."""
    without = citation(_work(("Khartoum Process",)), "/d/", None)[style]
    with_date = citation(_work(("Khartoum Process",)), "/d/", A_DAY)[style]
    assert "@@" not in without
    if style in FOR_PEOPLE:
        assert ACCESS_DATE_PLACEHOLDER in without
        assert with_date == without.replace(ACCESS_DATE_PLACEHOLDER, A_DAY.us if style != "plain" else A_DAY.long)
    elif style in ACCESS_FIELDS:
        assert ACCESS_FIELDS[style] not in without
        assert ACCESS_FIELDS[style] in with_date
    else:
        assert with_date == without  # the address and the Markdown link have no date


def test_the_script_knows_every_token_the_citations_carry() -> None:
    """assets/khartoum-cite.js fills the tokens by name: a token it does not know would stay in the text."""
    script = (ROOT / "docs" / "assets" / "khartoum-cite.js").read_text(encoding="utf-8")
    known = {f"@@{name}@@" for name in re.findall(r'"([a-z-]+)": ', script.split("var values = {")[1].split("}")[0])}
    tokens = citation(_work(("Khartoum Process",), genre="Thematic meeting", place="Berlin", note="n"),
                      URL_TOKEN, ACCESSED_TOKENS)
    used = {token for text in tokens.values() for token in re.findall(r"@@[a-z-]+@@", text)}
    assert used == known
    assert {URL_TOKEN, *vars(ACCESSED_TOKENS).values()} == known


# names that hold no state's name (a state's is given in hosted_by as well: a twenty-eighth attack's R3, S3)
@pytest.mark.parametrize("hosts", [["Dr. Badr Abdel Aty"], ["Dr. Badr Abdel Aty", "Khartoum Process"]])
def test_a_meeting_is_cited_with_its_host_in_the_authors_place(data_copy: DataCopy, hosts: list[str]) -> None:
    data_copy.replace("events.yml", "  place: Cairo\n", f"  place: Cairo\n  host: {json.dumps(hosts)}\n")
    record = load_record(data_copy.data)
    event = next(e for e in record.events.values() if e.place == "Cairo")
    styles = citation(event_work(event), "https://record.example/e/", A_DAY)
    for style, text in styles.items():
        if style != "url":
            assert all(host in text for host in hosts), style
    assert styles["apa"].startswith(" & ".join(hosts) + ". (")
    assert json.loads(styles["csl"])["author"] == [{"literal": host} for host in hosts]
    assert styles["ris"].splitlines()[1:1 + len(hosts)] == [f"AU  - {host}" for host in hosts]


def _values(url: str, day: Accessed) -> dict[str, str]:
    """What the script puts for each token, on ``day`` at ``url``."""
    return {"url": url, **{f"accessed-{name}": value for name, value in vars(day).items()}}


def test_each_style_is_on_the_page_once(record: Record, shown: PagesAsHtml) -> None:
    """The page holds each style once, as it reads without script: the places the script fills hold templates
    of the citation module, never a copy of the record's text."""
    pages = citable_pages(record)
    for path in pages:
        for box in shown[path].select(".km-cite-section .km-citation"):
            assert box.find("script") is None, path
            codes = box.select(".km-cite pre code")
            assert len(codes) == len(STYLES), path
            templates = [str(place["data-km-fill"]) for place in box.select("[data-km-fill]")]
            assert templates, path
            title = json.loads(blocks(box)["csl"])["title"]
            assert sum(code.get_text().count(title) for code in codes) == str(box).count(pre_text(title)) > 0, path
            # Their words, tokens aside: the access-date fields' names, and nothing of the record.
            words = {re.sub(r"@@[a-z-]+@@|[^A-Za-z0-9]", "", template) for template in templates}
            assert words <= {"", "accesseddateparts", "urldate", "Y2"}, path


@pytest.mark.parametrize("title", [
    ACCESS_DATE_PLACEHOLDER,
    "@@url@@",
    "@@accessed-long@@ @@accessed-year@@",
    "@@url#0123456789abcdef0123@@",
    'x </code></pre><script>alert(1)</script><img src=x onerror=alert(1)> data-km-fill="@@url@@"',
    "&amp; &#64;@url@@ *x* `y`",
], ids=["placeholder", "url-token", "date-tokens", "marked-token", "markup", "entities"])
def test_data_text_is_shown_and_filled_as_written(data_copy: DataCopy, title: str) -> None:
    """A title that holds the placeholder, a token or markup reads the same without script and after it: only
    the places the citation module made change."""
    # a quotation (found in the source): outside one, `check` refuses the straight marks and the backtick of some
    data_copy.replace("documents/cairo-2025.yml", "title: Cairo Ministerial Declaration\n",
                      f"title: {json.dumps(f'“{title}”')}\n")
    with (data_copy.data / "seeds" / "001_b05cad6fe5c97c15.txt").open("a", encoding="utf-8") as seed:
        seed.write(f"\n{title}\n")
    record = load_record(data_copy.data)
    document = record.documents["cairo-2025"]
    paragraph = next(p for p in document.paragraphs if p.id == "op-12")
    page = markdown_html(build_pages(record)[urls.target_of(paragraph).page].markdown)
    codes = {str(b["data-km-style"]): code for b in page.select(".km-cite") if (code := b.select_one("pre code"))}
    work = paragraph_work(document, paragraph, record)
    without = citation(work, "/documents/cairo-2025/op-12/", None)
    assert {style: code.get_text() for style, code in codes.items()} == {s: t + "\n" for s, t in without.items()}
    reader = "https://reader.example/kp/documents/cairo-2025/op-12/"
    filled = {style: script_filled(code, _values(reader, A_DAY)).rstrip("\n") for style, code in codes.items()}
    expected = citation(work, reader, A_DAY)
    assert json.loads(filled.pop("csl")) == {**json.loads(expected.pop("csl")),
                                             "accessed": {"date-parts": [[2026, 12, 5]]}}  # CSL's integers
    assert filled == expected
    for style in ("plain", "apa", "chicago", "ris"):
        assert title in without[style], style
        assert title in filled[style], style


def test_a_date_written_in_two_places_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """The places to fill come from comparing the styles: where the access date is not in one place, the
    comparison cannot say which text the script may change, and says so rather than guess."""
    plain = citation_module._plain
    monkeypatch.setattr(citation_module, "_plain", lambda work, url, accessed: plain(work, url, accessed) * 2)
    with pytest.raises(ValueError, match="not in one place"):
        fill_places(_work(("Khartoum Process",)), "/d/")


def test_the_text_is_given_by_the_source_that_holds_it_wherever_it_is_cited(data_copy: DataCopy) -> None:
    """An attack's BL13: a true citation of the announcement put first among the declaration's made every citation
    say its English text was given by the announcement, which holds none of its paragraphs, and the Akoma Ntoso
    file named the announcement as the expression's source."""
    data_copy.replace("documents/cairo-2025.yml", "cites:\n  - source: outcome-report\n",
                      "cites:\n  - source: announcement\n    quote: \"The April 9 conference will be a milestone\"\n"
                      "  - source: outcome-report\n")
    record = load_record(data_copy.data)
    document = record.documents["cairo-2025"]
    assert document.cites[0].source == "announcement"
    outcome = record.sources["outcome-report"]
    for work in (document_work(document, record), paragraph_work(document, document.paragraphs[0], record)):
        plain = citation(work, "https://record.example/d/", None)["plain"]
        assert f"English text as given by: {outcome.title}" in plain
        assert record.sources["announcement"].title not in plain
    root = ElementTree.fromstring(akoma_ntoso(record, document, "2026-12-07"))
    names = {"a": NAMESPACE}
    author = root.find(".//a:FRBRExpression/a:FRBRauthor", names)
    assert author is not None
    shown = root.find(f".//a:references/*[@eId='{author.get('href', '').removeprefix('#')}']", names)
    assert shown is not None
    assert shown.get("showAs") == outcome.title
    authoritative = root.find(".//a:FRBRExpression/a:FRBRauthoritative", names)
    assert authoritative is not None
    assert authoritative.get("value") == "false"
