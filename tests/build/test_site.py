"""The real record, built strictly: the pages a reader sees, read back from the HTML the theme makes.
The same pages rendered in-process, without MkDocs: tests/unit/test_pages.py."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import DATA, heading, html, mkdocs_yml, section, seed_paragraphs

from khartoum_site.adapters.linkcheck import check_site

PARAGRAPHS = seed_paragraphs()


@pytest.mark.parametrize("paragraph_id", list(PARAGRAPHS))
def test_every_paragraph_is_verbatim_on_its_own_page(fixture_site: Path, paragraph_id: str) -> None:
    page = html(fixture_site, f"documents/cairo-2025/{paragraph_id}/")
    texts = [p.get_text() for p in page.select("article p.paragraph-text")]
    assert texts == [PARAGRAPHS[paragraph_id]]
    number = paragraph_id.split("-")[1]
    part = "Preambular" if paragraph_id.startswith("pp") else "Operative"
    assert heading(page) == f"Cairo Ministerial Declaration, {part} paragraph {number}"


def test_full_text_has_every_paragraph_verbatim_under_its_anchor(fixture_site: Path) -> None:
    page = html(fixture_site, "documents/cairo-2025/")
    for paragraph_id, text in PARAGRAPHS.items():
        heading = page.find(id=paragraph_id)
        assert heading is not None, paragraph_id
        assert heading.name == "h3", paragraph_id
        paragraph = heading.find_next("p")
        assert paragraph is not None
        assert "paragraph-text" in paragraph.get_attribute_list("class")
        assert paragraph.get_text() == text
    assert len(page.select("p.paragraph-text")) == 28
    intro = page.select_one("p.record-text")
    assert intro is not None
    assert intro.get_text() == "We have agreed on the following:"


def collection_pages(site: Path, collection: str) -> list[Path]:
    return [p for p in (site / collection).glob("*/index.html")]


def test_one_page_per_state_and_per_organisation(fixture_site: Path) -> None:
    states = yaml.safe_load((DATA / "states.yml").read_text(encoding="utf-8"))
    bodies = yaml.safe_load((DATA / "organisations.yml").read_text(encoding="utf-8"))
    assert len(collection_pages(fixture_site, "states")) == len(states) == 40
    assert len(collection_pages(fixture_site, "organisations")) == len(bodies) == 8
    for state in states:
        page = html(fixture_site, f"states/{state['id']}/")
        assert heading(page) == state["name"]
        assert state["iso3"] in page.get_text()
    for body in bodies:
        page = html(fixture_site, f"organisations/{body['id']}/")
        assert heading(page) == (f"{body['name']} ({body['acronym']})" if "acronym" in body else body["name"])
        assert " ".join(body["role"].split()) in " ".join(page.get_text().split())


def test_no_broken_internal_link_or_anchor(fixture_site: Path) -> None:
    checked, broken = check_site(fixture_site)
    assert broken == []
    assert checked > 3000


def links_on(page_soup: BeautifulSoup, page_url: str) -> set[str]:
    """Site-root URLs of the links in a page's article (its content, not the theme's nav), or in a part of it."""
    from posixpath import join, normpath

    article = page_soup.select_one("article") or page_soup
    found = set()
    for a in article.select("a[href]"):
        href = str(a["href"])
        if "://" in href or href.startswith("#"):
            continue
        found.add(normpath(join(page_url, href)).lstrip("./") + ("/" if href.endswith("/") else ""))
    return found


def test_cross_links_go_both_ways(fixture_site: Path) -> None:
    document = yaml.safe_load((DATA / "documents" / "cairo-2025.yml").read_text(encoding="utf-8"))
    pairs = 0
    for paragraph in document["paragraphs"]:
        paragraph_url = f"documents/cairo-2025/{paragraph['id']}/"
        named = {f"{kind}/{ident}/" for kind, ids in paragraph.get("mentions", {}).items() for ident in ids
                 if kind in ("states", "organisations", "instruments")}
        # a topic is a heading on the list of topics: the link lands there, and its part of the list links back
        named |= {f"topics/#topic-{ident}" for ident in paragraph.get("topics", [])}
        outgoing = links_on(html(fixture_site, paragraph_url), paragraph_url)
        for target in named:
            assert target in outgoing, (paragraph_url, target)
            page, _, anchor = target.partition("#")
            place = section(html(fixture_site, page), anchor) if anchor else html(fixture_site, page)
            assert paragraph_url in links_on(place, page), (target, paragraph_url)
            pairs += 1
    assert pairs > 80


def test_rabat_process_page_lists_operative_paragraph_5(fixture_site: Path) -> None:
    page = html(fixture_site, "instruments/rabat-process/")
    link = page.select_one('article a[href="../../documents/cairo-2025/op-5/"]')
    assert link is not None
    assert link.get_text() == "Operative paragraph 5"
    quoted = link.find_parent("div", class_="km-quoted-paragraph")
    assert quoted is not None
    assert quoted.select_one("p.paragraph-text").get_text().startswith("Encouraging synergy")  # type: ignore[union-attr]
    filtered = page.select_one('article a[href="../../documents/cairo-2025/?instrument=rabat-process"]')
    assert filtered is not None


def table_rows(page: BeautifulSoup) -> dict[str, str]:
    """First cell → second cell of each two-column table row in the article, as a reader reads them."""
    rows = {}
    for tr in page.select("article table tr"):
        cells = [" ".join(td.get_text().split()) for td in tr.find_all("td")]
        if len(cells) >= 2:
            rows[cells[0]] = cells[1]
    return rows


def test_home_page_gives_the_key_numbers(fixture_site: Path) -> None:
    page = html(fixture_site, "")
    rows = table_rows(page)
    assert rows["Participating states"] == "40: 27 EU member states, 2 other European states, 11 African states"
    assert rows["Organisations"] == "8"
    assert rows["Paragraphs of the Cairo Ministerial Declaration"] == "28: 11 preambular, 17 operative"


def test_missing_facts_say_so(fixture_site: Path) -> None:
    article = html(fixture_site, "sources/").find("article")
    assert article is not None
    page = section(article, "source-announcement")  # its heading on the list of sources
    cells = {" ".join(tr.find_all("td")[0].get_text().split()): " ".join(tr.find_all("td")[1].get_text().split())
             for tr in page.select("table tr") if len(tr.find_all("td")) == 2}
    assert cells["Publisher"] == "Not in the record."
    assert cells["Date"] == "Not in the record."
    plan = html(fixture_site, "documents/cairo-action-plan/")
    assert "The text is not in the record" in plan.get_text()
    assert plan.select("p.paragraph-text") == []


def test_timeline_lists_every_event_in_date_order_under_its_year(fixture_site: Path) -> None:
    events = {e["id"]: str(e["date"]) for e in yaml.safe_load((DATA / "events.yml").read_text(encoding="utf-8"))}
    page = html(fixture_site, "timeline/")
    boxes = page.select("article div.km-event")
    shown = [box.h3["id"] for box in boxes]  # type: ignore[index]
    assert sorted(shown) == sorted(events)  # every event, once
    # a date given only to the year (or month) comes after the days within it: as text, with 99 for the gap
    dates = [(events[str(ident)] + "-99-99")[:10] for ident in shown]
    assert dates == sorted(dates), list(zip(shown, dates, strict=True))
    for box, ident in zip(boxes, shown, strict=True):
        year = box.find_previous("h2")
        assert year is not None
        assert (year["id"], heading(year)) == (f"year-{events[str(ident)][:4]}", events[str(ident)][:4])
        assert box.find("strong") is not None  # the date, as precise as its source
    cairo = page.find(id="cairo-ministerial-2025")
    assert cairo is not None
    text = cairo.find_next("ul").get_text()  # type: ignore[union-attr]
    assert "“Badr Abdelatty” or “Dr. Badr Abdel Aty”" in text


def test_hand_written_pages_sit_beside_generated_ones(fixture_site: Path) -> None:
    assert heading(html(fixture_site, "about/")) == "About this site"
    assert heading(html(fixture_site, "editing/")) == "Editing the data"


def served_url(source: str) -> str:
    """The address, from the site root, of a page mkdocs.yml's nav names by its source (``states/index.md``)."""
    path = source.removesuffix(".md").removesuffix("index")
    return path if path == "" or path.endswith("/") else path + "/"


def primary_nav(site: Path, url: str) -> list[tuple[str, str]]:
    """The entries of the theme's navigation on a page: each one's title and the address it leads to."""
    page = html(site, url)
    return [(" ".join(a.get_text().split()), urlsplit(urljoin(f"http://site/{url}", str(a["href"]))).path[1:])
            for a in page.select("nav.md-nav--primary a.md-nav__link[href]") if not str(a["href"]).startswith("#")]


def test_the_navigation_lists_its_sections_and_opens_only_the_one_a_page_is_in(fixture_site: Path) -> None:
    """The theme repeats the navigation on every page: it shows the top-level entries (a section by its
    title, leading to its first page), and a section's pages only on that section's pages."""
    nav = [next(iter(entry.items())) for entry in mkdocs_yml()["nav"]]
    sections = {title: [next(iter(child.items())) for child in target] for title, target in nav
                if isinstance(target, list)}
    assert sections
    top = [(title, served_url(sections[title][0][1] if title in sections else target)) for title, target in nav]
    assert primary_nav(fixture_site, "states/austria/") == top  # a generated page is in no section
    for title, children in sections.items():
        shown = set(primary_nav(fixture_site, served_url(children[-1][1])))
        assert {(child, served_url(source)) for child, source in children} <= shown, title
        for other, pages in sections.items():
            if other != title:
                assert not {(child, served_url(source)) for child, source in pages[1:]} & shown, (title, other)


def test_no_page_shows_a_reference_marker_as_text(fixture_site: Path) -> None:
    """A ``[[key|label]]`` whose label ran onto a second line was published as text on the About page; every
    marker outside code is a link on the built site."""
    shown = {}
    for page in sorted(fixture_site.rglob("*.html")):
        body = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").body
        if body is None:
            continue
        for node in body.find_all(["script", "style", "code", "pre", "template"]):
            node.decompose()
        if "[[" in body.get_text():
            shown[str(page.relative_to(fixture_site))] = body.get_text()[body.get_text().index("[["):][:80]
    assert shown == {}
