"""Every sentence the site writes is supported, read back from the built site (issue 11).

What the sources say is on the page a reader looks for it, not only in the downloads; each map says
whose boundaries it draws; UN M49's levels are labelled as M49 names them. The checks of the wording
itself, without a build: tests/unit/test_fidelity.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import DATA, html

from khartoum_site.record import model
from khartoum_site.record.validate import load_record
from khartoum_site.site import urls

RECORD = load_record(DATA)


def text_of(page: BeautifulSoup) -> str:
    article = page.select_one("article")
    assert article is not None
    return " ".join(article.get_text(" ").split())


def flat(text: str) -> str:
    return " ".join(text.split())


def url_of(item: object) -> str:
    return urls.public_url(urls.target_of(item).page)


def quoted_records() -> list[tuple[str, object, list[str]]]:
    """(url, record, its quotations) for every record with a page of its own."""
    found = []
    for collection in model.COLLECTIONS:
        if collection.record is model.Event:
            continue
        for item in getattr(RECORD, collection.name).values():
            quotes = [c.quote for c in getattr(item, "cites", ()) if c.quote]
            quotes += [c.quote for role in getattr(item, "roles", ()) for c in role.cites if c.quote]
            if quotes:
                found.append((url_of(item), item, quotes))
    return found


@pytest.mark.parametrize("url", sorted({url for url, _, _ in quoted_records()}))
def test_every_quotation_is_shown_on_the_page_of_its_record(fixture_site: Path, url: str) -> None:
    """A reader finds each quotation of a record on its page, not only in the JSON download."""
    shown = text_of(html(fixture_site, url))
    for _, _, quotes in (q for q in quoted_records() if q[0] == url):
        missing = [q for q in quotes if f"“{flat(q)}”" not in shown]
        assert missing == []


def test_every_quotation_of_an_event_is_on_its_page_which_the_timeline_links(fixture_site: Path) -> None:
    page = html(fixture_site, "timeline/")
    for event in RECORD.events.values():
        heading = page.find(id=event.id)
        assert heading is not None, event.id
        box = heading.find_parent("div", class_="km-event")
        assert box is not None, event.id
        assert box.select_one(f'a[href="../events/{event.id}/"]') is not None, event.id
        own = html(fixture_site, f"events/{event.id}/")
        shown = " ".join(own.get_text(" ").split())
        for cite in event.cites:
            if cite.quote:
                assert f"“{flat(cite.quote)}”" in shown, (event.id, cite.quote)
        for note in event.notes:
            assert flat(note) in shown, (event.id, note)
    cairo = " ".join(html(fixture_site, "events/cairo-ministerial-2025/").get_text(" ").split())
    assert "Minister of Foreign Affairs and Migration" in cairo
    assert "Minister of Foreign Affairs, Immigration, and Egyptian Expatriates Affairs" in cairo


def test_the_timeline_names_every_dated_instrument(fixture_site: Path) -> None:
    """The timeline does not claim to hold every dated thing: a dated instrument that is no event is named."""
    page = html(fixture_site, "timeline/")
    intro = " ".join(page.select_one("article").get_text(" ").split())  # type: ignore[union-attr]
    assert "Every meeting and milestone" not in intro
    on_timeline = {ident for e in RECORD.events.values() for collection, ident in [*e.adopted.pairs(),
                                                                                   *e.mentions.pairs()]
                   if collection == "instruments"}
    left_out = [i for i in RECORD.instruments.values() if i.date and i.id not in on_timeline]
    assert [i.id for i in left_out] == ["refugee-convention-1951"]
    links = {a["href"] for a in page.select("article a[href]")}
    for instrument in left_out:
        assert f"../instruments/{instrument.id}/" in links


@pytest.mark.parametrize("url", ["", "states/", "states/somalia/", "states/cyprus/"])
def test_every_map_says_whose_boundaries_it_draws(fixture_site: Path, url: str) -> None:
    page = html(fixture_site, url)
    note = page.select_one("article p.km-map-note")
    assert note is not None, url
    text = " ".join(note.get_text(" ").split())
    assert "Natural Earth" in text
    assert "Somaliland and Northern Cyprus" in text
    assert note.select_one('a[href$="sources/#source-natural-earth"]') is not None


def test_the_home_page_lead_quotes_the_sources(fixture_site: Path) -> None:
    page = html(fixture_site, "")
    lead = text_of(page).split("The participating states", 1)[0]
    assert "between the European Union, its member states" not in lead
    for cite in RECORD.instruments["khartoum-process"].cites[:2]:
        assert f"“{flat(cite.quote or '')}”" in lead
    description = page.select_one('meta[name="description"]')
    assert description is not None
    # the home page's own description (site/head.py): the process by name, and what the record holds
    assert str(description["content"]).startswith(
        "A public record of the Khartoum Process, compiled by this project with the sources of every fact")


def test_state_pages_name_the_m49_levels_exactly(fixture_site: Path) -> None:
    def rows(url: str) -> dict[str, str]:
        found = {}
        for tr in html(fixture_site, url).select("article table tr"):
            cells = [" ".join(td.get_text().split()) for td in tr.find_all("td")]
            if len(cells) >= 2:
                found[cells[0]] = cells[1]
        return found

    djibouti = rows("states/djibouti/")
    assert djibouti["Sub-region (UN M49)"] == "Sub-Saharan Africa"
    assert djibouti["Intermediate region (UN M49)"] == "Eastern Africa"
    assert "Region" not in djibouti
    egypt = rows("states/egypt/")
    assert egypt["Sub-region (UN M49)"] == "Northern Africa"
    assert "Intermediate region (UN M49)" not in egypt
    assert rows("states/norway/")["Group (this site's)"] == "Other European state"
    listing = html(fixture_site, "states/")
    african = listing.find(id="african-state").find_next("table")  # type: ignore[union-attr]
    headers = [" ".join(th.get_text().split()) for th in african.find_all("th")]  # type: ignore[union-attr]
    assert "Sub-region (UN M49)" in headers
    assert "Intermediate region (UN M49)" in headers


def test_the_checked_page_is_published(fixture_site: Path) -> None:
    page = html(fixture_site, "checked/")
    assert page.find(id="translation-artefacts") is not None
    assert page.find(id="left-out") is not None
    nav = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert "How this record was checked" in nav
