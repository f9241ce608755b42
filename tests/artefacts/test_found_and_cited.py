"""Each generated page's head, and the feed, read by the tools that read them: extruct (OpenGraph and JSON-LD, as
search engines and link previews read them), the ``citation_*`` tags as Zotero's "Embedded Metadata"
translator reads them, and feedparser (as feed readers read Atom). Built in-process from the frozen record
with a site address; the same tags in a whole built site: tests/build/test_found_and_cited_site.py.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any
from unittest import mock

import extruct
import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import DATA, DATA_DATE, SITE_NAME

from khartoum_site.outputs import pageset
from khartoum_site.outputs.feed import FEED_PATH
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.model import Record
from khartoum_site.site import urls
from khartoum_site.site.pages import HEAD_KEY

SITE_URL = "https://example.org/kp/"


@pytest.fixture(scope="module")
def addressed(record: Record) -> PageSet:
    """The page set of the frozen record published at SITE_URL."""
    with mock.patch.object(pageset, "data_date", return_value=DATA_DATE):
        return pageset.make_page_set(record, DATA, SITE_NAME, SITE_URL)


def front(page_set: PageSet, path: str) -> dict[str, Any]:
    found = yaml.safe_load(page_set.pages[path].markdown.split("---\n", 2)[1])
    assert isinstance(found, dict)
    return found


def head_document(page_set: PageSet, path: str) -> str:
    """The page's head as the theme writes it: the description (base.html), then the page's own tags."""
    meta = front(page_set, path)
    return (f'<!doctype html><html><head><meta name="description" content="{meta["description"]}">'
            f'{meta[HEAD_KEY]}</head><body></body></html>')


def extracted(page_set: PageSet, path: str) -> dict[str, Any]:
    url = SITE_URL + urls.public_url(path)
    found: dict[str, Any] = extruct.extract(head_document(page_set, path), base_url=url,
                                            syntaxes=["opengraph", "json-ld"], uniform=True)
    return found


def zotero_tags(document: str) -> dict[str, list[str]]:
    """The Highwire Press tags as the Embedded Metadata translator collects them: every ``meta[name]`` whose
    name starts with ``citation_``, each name's contents in order."""
    tags: dict[str, list[str]] = {}
    for meta in BeautifulSoup(document, "html.parser").find_all("meta", attrs={"name": True}):
        name = str(meta["name"])
        if name.startswith("citation_"):
            tags.setdefault(name, []).append(str(meta.get("content", "")).strip())
    return tags


def test_every_generated_page_has_a_description_of_its_own(addressed: PageSet) -> None:
    descriptions: dict[str, str] = {}
    for path in addressed.pages:
        description = html.unescape(front(addressed, path)["description"])
        assert 30 <= len(description) <= 220, (path, description)
        assert description not in descriptions, (path, descriptions.get(description))
        descriptions[description] = path


def test_a_paragraph_page_reads_as_its_paragraph(addressed: PageSet, record: Record) -> None:
    document = record.documents["cairo-2025"]
    paragraph = next(p for p in document.paragraphs if p.id == "op-12")
    found = extracted(addressed, "documents/cairo-2025/op-12.md")
    (og,) = found["opengraph"]
    assert og["@type"] == "article"  # og:type, as extruct's uniform form names it
    assert og["og:title"] == "Cairo Ministerial Declaration, Operative paragraph 12"
    # the editorial title said to be one, not quoted as the source's words (a twenty-fifth attack's Y8)
    assert og["og:description"].startswith("Cairo Ministerial Declaration (9 April 2025), operative paragraph 12 "
                                           f"(editorial title: {paragraph.title}): ")
    assert paragraph.text[:60] in og["og:description"]
    (legislation,) = found["json-ld"]
    assert legislation["@type"] == "Legislation"
    assert legislation["legislationIdentifier"] == "cairo-2025/op-12"
    assert legislation["text"] == paragraph.text
    assert legislation["datePublished"] == "2025-04-09"
    assert legislation["url"] == SITE_URL + "documents/cairo-2025/op-12/"
    assert legislation["isPartOf"]["@id"] == SITE_URL + "documents/cairo-2025/"
    assert [a["name"] for a in legislation["author"]] == list(document.issued_by) == ["Khartoum Process"]


def test_a_state_page_reads_as_a_country(addressed: PageSet) -> None:
    found = extracted(addressed, "states/austria.md")
    (og,) = found["opengraph"]
    assert (og["@type"], og["og:title"]) == ("website", "Austria")
    assert og["og:description"].startswith("Austria (EU member state; ISO 3166-1 AT, AUT) in the record: named "
                                           "among the participants of Cairo Ministerial Declaration")
    (country,) = found["json-ld"]
    assert (country["@type"], country["name"], country["@id"]) == ("Country", "Austria", SITE_URL + "states/austria/")
    assert {i["value"] for i in country["identifier"]} == {"AT", "AUT"}


def test_the_timeline_reads_as_its_events(addressed: PageSet, record: Record) -> None:
    found = extracted(addressed, "timeline.md")
    (graph,) = found["json-ld"]
    events = graph["@graph"]
    assert [e["@type"] for e in events] == ["Event"] * len(record.events)
    assert [(e["name"], e["startDate"]) for e in events] == [(e.title, e.date.iso()) for e in record.timeline()]
    cairo = next(e for e in events if e["@id"] == SITE_URL + "events/cairo-ministerial-2025/")
    assert cairo["location"] == {"@type": "Place", "name": "Cairo"}


@pytest.mark.parametrize("path", ["documents/cairo-2025/index.md", "documents/cairo-2025/op-12.md",
                                  "documents/cairo-2025/pp-1.md"])
def test_reference_managers_find_a_titled_dated_item(addressed: PageSet, path: str) -> None:
    tags = zotero_tags(head_document(addressed, path))
    for name in ("citation_title", "citation_date", "citation_public_url"):
        assert tags.get(name), (path, name, tags)
        assert all(tags[name]), (path, name, tags)
    assert "citation_author" not in tags  # its issuer is a body, which Zotero would split as a person's name
    assert tags["citation_date"] == tags["citation_publication_date"] == ["2025/04/09"]
    assert tags["citation_public_url"] == [SITE_URL + urls.public_url(path)]
    assert "citation_pdf_url" not in tags  # the record has no PDF


def test_no_citation_author_names_a_body(addressed: PageSet, record: Record) -> None:
    """An attack's BM4: the head named the issuer, the Khartoum Process, in citation_author, which Zotero's Embedded
    Metadata translator reads as a person's name ("Process, K."). The head's JSON-LD names each issuer, as an
    organisation, whole."""
    bodies = {name for document in record.documents.values() for name in document.issued_by}
    bodies |= {name for organisation in record.organisations.values() for name in (organisation.name,
                                                                                    organisation.acronym) if name}
    assert "Khartoum Process" in bodies
    authors = {path: zotero_tags(head_document(addressed, path)).get("citation_author", [])
               for path in addressed.pages}
    assert {path: named for path, named in authors.items() if bodies & set(named)} == {}
    (legislation,) = extracted(addressed, "documents/cairo-2025/op-12.md")["json-ld"]
    assert legislation["author"] == [{"@type": "Organization", "name": "Khartoum Process"}]


def test_a_document_whose_issuer_the_record_does_not_name_has_no_author(addressed: PageSet) -> None:
    tags = zotero_tags(head_document(addressed, "documents/cairo-action-plan/index.md"))
    assert tags["citation_title"] == ["Cairo Action Plan"]
    assert tags["citation_date"] == ["2025/04/09"]
    assert "citation_author" not in tags  # never made up: the record says nothing of who issued it


def test_the_declaration_links_its_akoma_ntoso_text(addressed: PageSet) -> None:
    head = BeautifulSoup(head_document(addressed, "documents/cairo-2025/op-12.md"), "html.parser")
    (alternate,) = head.find_all("link", rel="alternate")
    assert alternate["type"] == "application/akn+xml"
    assert alternate["href"] == "../../../downloads/cairo-2025.akn.xml"  # from documents/cairo-2025/op-12/
    assert urls.akoma_ntoso_path("cairo-2025") in addressed.files


def test_only_generated_pages_of_the_record_carry_citation_tags(addressed: PageSet) -> None:
    cited = {path for path in addressed.pages if zotero_tags(head_document(addressed, path))}
    assert cited == {path for path in addressed.pages if path.startswith("documents/") and path != "documents/index.md"}


def parsed_feed(page_set: PageSet) -> Any:
    return feedparser.parse(page_set.files[FEED_PATH])


def test_the_feed_reads_as_the_record_s_events(addressed: PageSet, record: Record) -> None:
    feed = parsed_feed(addressed)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.updated == f"{DATA_DATE}T00:00:00Z"  # the data's date, not the build's
    by_link = {entry.link: entry for entry in feed.entries}
    assert len(by_link) == len(feed.entries) == len(record.events)
    for event in record.events.values():
        entry = by_link[f"{SITE_URL}events/{event.id}/"]
        assert entry.id == entry.link  # the event's permanent address
        day = dt.date(*entry.updated_parsed[:3])
        assert (day.year, day.month if event.date.month else None, day.day if event.date.day else None) == \
            (event.date.year, event.date.month, event.date.day)
        assert entry.title == f"{event.title} ({event.date.display()})"
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_the_feed_does_not_change_with_the_build(record: Record) -> None:
    """Two builds of the same data a moment apart write the same feed; without a site address each entry
    still has an id that is a URN, the same in every build."""
    made = []
    for _ in range(2):
        with mock.patch.object(pageset, "data_date", return_value=DATA_DATE):
            made.append(pageset.make_page_set(record, DATA, SITE_NAME, None).files[FEED_PATH])
    assert made[0] == made[1]
    feed = feedparser.parse(made[0])
    assert not feed.bozo
    assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
    assert feed.entries[0].link == "events/cairo-ministerial-2025/"  # newest first, relative to the feed


def test_every_page_ends_with_the_date_of_its_data(addressed: PageSet) -> None:
    for path, page in addressed.pages.items():
        line = BeautifulSoup(page.markdown, "html.parser").find("p", class_="km-as-at")
        assert line is not None, path
        assert line.find("time")["datetime"] == DATA_DATE, path  # type: ignore[index]
        assert " ".join(line.get_text().split()) == "The record as at 9 April 2025, the date of its data.", path
