"""The process's history in the real record: each statement about a state's membership or a term as chair
is on that state's page and on its list, with its source; a state the participants' list does not name
is shown beside it, with no reason added. Expectations come from data/, so a correct edit keeps them."""

from __future__ import annotations

import pytest
from helpers import REAL_DATA, markdown_html

from khartoum_site.record.model import Record
from khartoum_site.record.validate import load_record
from khartoum_site.site import urls
from khartoum_site.site.pages import build_pages


@pytest.fixture(scope="module")
def real() -> Record:
    return load_record(REAL_DATA)


@pytest.fixture(scope="module")
def pages(real: Record) -> dict[str, str]:
    return {path: page.markdown for path, page in build_pages(real).items()}


def source_link(page: str, real: Record, source: str) -> str:
    """The link from a page to a source: its heading on the list of sources (``../sources/index.md#source-x``)."""
    link = urls.relative_link(page, urls.target_of(real.sources[source]))
    assert link.endswith(f"sources/index.md#source-{source}") or link == f"#source-{source}", link
    return link


def test_each_state_page_gives_its_memberships_and_terms_with_their_sources(real: Record,
                                                                          pages: dict[str, str]) -> None:
    for state in real.states.values():
        page = markdown_html(pages[f"states/{state.id}.md"])
        section = page.find(id="membership")
        assert section is not None, state.id
        text = ""
        for sibling in section.find_next_siblings():
            if sibling.name == "h2":
                break
            text += str(sibling)
        for membership in real.memberships_of(state.id):
            # each line links the statement, shown further down the same page with its sources
            assert f'href="#membership-{membership.id}"' in text, (state.id, membership.id)
            for cite in membership.cites:
                assert source_link(f"states/{state.id}.md", real, cite.source) in text, (state.id, cite.source)
            statement = page.find(id=f"membership-{membership.id}")
            assert statement is not None, (state.id, membership.id)
            assert statement.name == "h3"
            section_heading = statement.find_previous("h2")
            assert section_heading is not None
            assert section_heading.get("id") == "statements"
            shown = ""
            for sibling in statement.find_next_siblings():
                if sibling.name in ("h2", "h3"):
                    break
                shown += str(sibling)
            assert membership.name in shown
            for cite in membership.cites:
                assert source_link(f"states/{state.id}.md", real, cite.source) in shown, (state.id, membership.id,
                                                                                          cite.source)
        for term in real.chairmanships_of(state.id):
            assert urls.relative_link(f"states/{state.id}.md", urls.target_of(term)) in text, (state.id, term.id)
        for seat in real.seats_of("states", state.id):
            assert urls.relative_link(f"states/{state.id}.md", urls.target_of(seat)) in text, (state.id, seat.id)
        if not real.memberships_of(state.id):
            assert f"The record has no source on how or when {state.name} became a member." in page.get_text()


def test_the_list_of_memberships_shows_who_is_beside_the_participants_list(real: Record,
                                                                          pages: dict[str, str]) -> None:
    page = markdown_html(pages["memberships/index.md"])
    for paragraph in real.lists_naming_every_state():
        heading = page.find(id=f"beside-{paragraph.document}")
        assert heading is not None
        beside = heading.find_next_sibling("p")
        assert beside is not None
        # each statement is linked at its place on its state's page
        named = {str(a["href"]) for a in beside.select("a[href]") if "#membership-" in str(a["href"])}
        outside = {urls.relative_link("memberships/index.md", urls.target_of(m)) for m in real.memberships.values()
                   if m.state not in paragraph.mentions.states}
        assert named == outside
        assert "give no reason" in page.get_text()


def test_every_term_is_listed_with_its_sources(real: Record, pages: dict[str, str]) -> None:
    page = markdown_html(pages["chairs/index.md"])
    # each row by the term it links first (the rows run in time order: tests/unit/test_history_pages.py)
    # (a term's link leads to its heading below the list, where its facts are: the rows are the first table's)
    table = page.find("table")
    assert table is not None
    rows = {str(row.select("a[href]")[0]["href"]): row for row in table.select("tbody tr")}
    assert set(rows) == {f"#{urls.target_of(term).anchor}" for term in real.chairs.values()}
    for term in real.chairs.values():
        hrefs = {str(a["href"]) for a in rows[f"#{urls.target_of(term).anchor}"].select("a[href]")}
        assert {source_link("chairs/index.md", real, c.source) for c in term.cites} <= hrefs


def test_the_steering_committee_is_listed_source_by_source(real: Record, pages: dict[str, str]) -> None:
    page = markdown_html(pages["committee/index.md"])
    for source in {seat.cites[0].source for seat in real.committee.values()}:
        heading = page.find(id=source)
        assert heading is not None, source
        table = heading.find_next("table")
        assert table is not None
        # each row is the member its first link leads to (a stand-in the source names is linked after it)
        listed = {str(tr.select("td")[0].select("a[href]")[0]["href"]) for tr in table.select("tbody tr")}
        in_list = [s for s in real.committee.values() if s.cites[0].source == source]
        assert listed == {f"#{urls.target_of(s).anchor}" for s in in_list if s.group != "not-in-the-list"}
        # A member the source names apart from its list is shown below the table, not in it.
        for seat in in_list:
            if seat.group == "not-in-the-list":
                below = table.find_next("ul")
                assert below is not None
                assert f"#{urls.target_of(seat).anchor}" in {str(a["href"]) for a in below.select("a[href]")}, seat.id


def test_a_statement_s_title_keeps_the_names_it_holds(real: Record, pages: dict[str, str]) -> None:
    """Seen in the browser: "signed the rome declaration" — a proper name lowercased in a page's title."""
    for membership in real.memberships.values():
        if membership.how == "signed-rome-declaration":
            at = urls.target_of(membership)
            heading = markdown_html(pages[at.page]).find(id=at.anchor or "")
            assert heading is not None
            assert heading.get_text().rstrip("¶").endswith("signed the Rome Declaration"), membership.id


def test_each_source_is_a_heading_on_its_list_that_links_every_entry_citing_it_and_back(real: Record,
                                                                                       pages: dict[str, str]) -> None:
    """A source is read at its heading on the list of sources: the list's row leads there, the heading lists
    every entry that cites the source, and each of those entries' pages links the heading (the round trip a
    reader makes from a fact to its source and on to what else rests on it)."""
    page = markdown_html(pages["sources/index.md"])
    table = page.find("table")
    assert table is not None
    assert [str(row.select("a[href]")[0]["href"]) for row in table.select("tbody tr")] == [
        f"#source-{source}" for source in real.sources]
    for source in real.sources.values():
        heading = page.find(id=f"source-{source.id}")
        assert heading is not None, source.id
        assert heading.name == "h3"
        listed = set()
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            listed |= {str(a["href"]) for a in sibling.select("a[href]")}
        for item in real.cited_by(source.id):
            target = urls.target_of(item)
            assert urls.relative_link("sources/index.md", target) in listed, (source.id, target)
            if target.page in pages:  # a paragraph's own page, a state's page, a heading on another list
                assert source_link(target.page, real, source.id) in pages[target.page], (source.id, target.page)
