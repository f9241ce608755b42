"""A membership statement is a heading on its state's page, a Steering Committee seat, a chair's term, a source and
a topic one on their list, no longer a page of their own: the old address redirects there, and the manifest,
``ids.json`` and ``objects.inv`` lead there. The real site built and crawled: tests/build/test_links.py follows
every redirect and anchor of a built site.
"""

from __future__ import annotations

import json

import pytest
import sphobjinv as soi
from bs4 import BeautifulSoup
from helpers import REAL_DATA, DataCopy, PagesAsHtml, source_section, text, topic_section

from khartoum_site.outputs.inventory import ids_json, objects_inv
from khartoum_site.record.model import Record, label_of
from khartoum_site.record.validate import load_record
from khartoum_site.site import manifest, urls
from khartoum_site.site.pages import NOT_IN_RECORD, build_pages
from khartoum_site.site.references import aliases, entries, redirect_html, redirects, resolve_references

STATEMENTS = """- id: egypt-rome
  name: Egypt
  state: egypt
  how: signed-rome-declaration
  cites:
    - source: announcement
      locator: a test locator
- id: nowhere-invited
  name: Nowhere
  how: invited
  cites:
    - source: eeas
      locator: another test locator
"""


@pytest.fixture
def with_statements(data_copy: DataCopy) -> Record:
    (data_copy.data / "memberships.yml").write_text(STATEMENTS, encoding="utf-8")
    return load_record(data_copy.data)


def test_a_statement_is_a_heading_on_its_state_s_page_with_what_its_page_showed(with_statements: Record) -> None:
    markdown = {path: page.markdown for path, page in build_pages(with_statements).items()}
    assert "memberships/egypt-rome.md" not in markdown
    page = PagesAsHtml(markdown)["states/egypt.md"]
    heading = page.find(id="membership-egypt-rome")
    assert heading is not None
    assert heading.name == "h3"
    assert heading.get_text().rstrip("¶") == "Egypt: signed the Rome Declaration"
    table = heading.find_next("table")
    assert table is not None
    rows = {tr.select("td")[0].get_text(): tr.select("td")[1].get_text() for tr in table.select("tbody tr")}
    assert rows["State, as the source writes it"] == "Egypt"
    assert rows["How"] == "Signed the Rome Declaration"
    sources = table.find_next("ul")
    assert sources is not None
    assert "(a test locator)" in sources.get_text()
    # the line about it in the Membership section links it on the same page
    assert page.select('#membership ~ ul a[href="#membership-egypt-rome"]')


def test_a_statement_about_no_state_of_the_record_is_a_heading_on_the_membership_list(
        with_statements: Record) -> None:
    page = PagesAsHtml({p: page.markdown for p, page in build_pages(with_statements).items()})["memberships/index.md"]
    heading = page.find(id="membership-nowhere-invited")
    assert heading is not None
    assert heading.find_previous("h2") == page.find(id="no-state")
    # the list's row links it at its place on the same page
    assert page.select('tbody a[href="#membership-nowhere-invited"]')


def test_the_old_page_of_a_statement_redirects_to_its_heading(with_statements: Record) -> None:
    known = entries(with_statements)
    moved = redirects(known, aliases(with_statements))
    assert {path: entry.key for path, entry in moved.items() if path.startswith("memberships/")} == {
        "memberships/egypt-rome/index.html": "memberships/egypt-rome",
        "memberships/nowhere-invited/index.html": "memberships/nowhere-invited"}
    entry = moved["memberships/egypt-rome/index.html"]
    page = BeautifulSoup(redirect_html("memberships/egypt-rome/index.html", entry.page, entry.title), "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None
    assert refresh["content"] == "0; url=../../states/egypt/#membership-egypt-rome"
    link = page.find("a")
    assert link is not None
    assert link["href"] == "../../states/egypt/#membership-egypt-rome"


def test_the_inventories_lead_to_the_heading(with_statements: Record) -> None:
    known, alias = entries(with_statements), aliases(with_statements)
    listed = json.loads(ids_json(known, alias, "Site", None))["ids"]
    assert listed["memberships/egypt-rome"]["url"] == "states/egypt/#membership-egypt-rome"
    assert listed["memberships/nowhere-invited"]["url"] == "memberships/#membership-nowhere-invited"
    inventory = soi.Inventory(zlib=objects_inv(known, alias, "Site", "1"))
    found = {(o.name, o.role): o.uri_expanded for o in inventory.objects if o.name.startswith("memberships/")}
    # as a document (its page before) and as a label (the heading it is now), both at the heading
    assert found == {("memberships/egypt-rome", "doc"): "states/egypt/#membership-egypt-rome",
                     ("memberships/egypt-rome", "label"): "states/egypt/#membership-egypt-rome",
                     ("memberships/nowhere-invited", "doc"): "memberships/#membership-nowhere-invited",
                     ("memberships/nowhere-invited", "label"): "memberships/#membership-nowhere-invited"}


def test_the_manifest_keeps_the_old_address_and_adds_the_heading(with_statements: Record, data_copy: DataCopy
                                                                 ) -> None:
    published = json.loads((data_copy.data / "published.json").read_text(encoding="utf-8"))
    published["ids"]["memberships/egypt-rome"] = {"kind": "membership", "urls": ["memberships/egypt-rome/"]}
    (data_copy.data / "published.json").write_text(json.dumps(published, indent=1), encoding="utf-8")
    manifest.check_published(with_statements, data_copy.data)  # the old address is still served: no problem
    updated = manifest.manifest_for(with_statements, published)
    assert updated["ids"]["memberships/egypt-rome"]["urls"] == ["memberships/egypt-rome/",
                                                               "states/egypt/#membership-egypt-rome"]
    assert updated["ids"]["memberships/nowhere-invited"]["urls"] == ["memberships/#membership-nowhere-invited"]


# --- Steering Committee seats and chairs' terms: headings on their lists -----------------------------------

ON_LISTS = [("committee", "Seat", "seat"), ("chairs", "Chair", "term")]
# and the sources and topics, headings on their lists (their own tests below)
MOVED = [*ON_LISTS, ("sources", "Source", "source"), ("topics", "Topic", "topic")]


@pytest.fixture(scope="module")
def real_record() -> Record:
    return load_record(REAL_DATA)


@pytest.mark.parametrize(("collection", "_kind", "prefix"), ON_LISTS)
def test_each_seat_and_term_is_a_heading_on_its_list_with_its_sources(real_record: Record, collection: str,
                                                                      _kind: str, prefix: str) -> None:
    markdown = {path: page.markdown for path, page in build_pages(real_record).items()}
    page = PagesAsHtml(markdown)[f"{collection}/index.md"]
    items = getattr(real_record, collection).values()
    assert items
    for item in items:
        assert f"{collection}/{item.id}.md" not in markdown
        heading = page.find(id=f"{prefix}-{item.id}")
        assert heading is not None, item.id
        assert heading.name == "h3"
        shown = ""  # what the reader reads under the heading, up to the next one
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            shown += sibling.get_text(" ")
        assert item.name in shown
        for cite in item.cites:
            assert real_record.sources[cite.source].title.split()[0] in shown, (item.id, cite.source)
            if cite.locator:
                assert " ".join(cite.locator.split()[:3]) in " ".join(shown.split()), (item.id, cite.locator)
        for note in item.notes:
            assert " ".join(note.split()[:4]) in " ".join(shown.split()), item.id
        # the list's line links it at its place on the same page
        assert page.select(f'a[href="#{prefix}-{item.id}"]'), item.id


@pytest.mark.parametrize(("collection", "_kind", "prefix"), MOVED)
def test_the_old_page_of_a_seat_or_term_redirects_and_the_inventories_lead_to_its_heading(
        real_record: Record, collection: str, _kind: str, prefix: str) -> None:
    known, alias = entries(real_record), aliases(real_record)
    moved = redirects(known, alias)
    listed = json.loads(ids_json(known, alias, "Site", None))["ids"]
    inventory = {(o.name, o.role): o.uri_expanded
                 for o in soi.Inventory(zlib=objects_inv(known, alias, "Site", "1")).objects}
    for item in getattr(real_record, collection).values():
        key, at = f"{collection}/{item.id}", f"{collection}/#{prefix}-{item.id}"
        entry = moved[f"{collection}/{item.id}/index.html"]
        assert entry.key == key
        stub = BeautifulSoup(redirect_html(f"{collection}/{item.id}/index.html", entry.page, entry.title),
                             "html.parser")
        link = stub.find("a")
        assert link is not None
        assert link["href"] == f"../#{prefix}-{item.id}"
        assert listed[key]["url"] == at
        assert inventory[(key, "doc")] == inventory[(key, "label")] == at


def test_the_manifest_keeps_a_seat_s_old_address_and_adds_its_heading(real_record: Record) -> None:
    published = json.loads((REAL_DATA / "published.json").read_text(encoding="utf-8"))
    for collection, _kind, prefix in MOVED:
        for item in getattr(real_record, collection).values():
            # the page it had, if it was published before it became a heading, stays listed (it redirects)
            listed = published["ids"][f"{collection}/{item.id}"]["urls"]
            assert listed[-1] == f"{collection}/#{prefix}-{item.id}"
            assert set(listed) <= {f"{collection}/{item.id}/", f"{collection}/#{prefix}-{item.id}"}


# --- Sources: headings on the list of sources --------------------------------------------------------------

def test_each_source_is_a_heading_on_the_list_with_every_fact_note_and_entry_citing_it(real_record: Record) -> None:
    """The list of sources shows at each source's heading what its page showed: the facts table, the record's
    annotation, and every entry that cites it (in one block search leaves out); the list's row links it there."""
    markdown = {path: page.markdown for path, page in build_pages(real_record).items()}
    assert [path for path in markdown if path.startswith("sources/")] == ["sources/index.md"]
    pages = PagesAsHtml(markdown)
    for source in real_record.sources.values():
        shown = source_section(pages, source.id)
        heading = shown.find(id=f"source-{source.id}")
        assert heading is not None
        assert heading.name == "h3"
        assert text(heading).removesuffix("¶").strip() == " ".join(source.title.split())
        facts = {text(tr.select("td")[0]): tr.select("td")[1] for tr in shown.select("tbody tr")}
        assert text(facts["Kind"]) == label_of(source, "kind")
        assert text(facts["Publisher"]) == " ".join((source.publisher_shown() or NOT_IN_RECORD).split())
        assert text(facts["Date"]) == (source.date.display() if source.date else
                                       f"{source.day_without_year.display()}, as the source gives it"
                                       if source.day_without_year else NOT_IN_RECORD)
        if source.url:
            assert [str(a["href"]) for a in facts["Address"].select("a")] == [source.url]
            assert text(facts["Accessed"]) == (source.accessed.display() if source.accessed else NOT_IN_RECORD)
        else:
            assert text(facts["Address"]) == NOT_IN_RECORD
        assert text(facts["Text kept in the project"]).startswith(f"data/{source.file}" if source.file else "No")
        if source.note:
            assert " ".join(source.note.split()) in text(shown), source.id
        (cited_by,) = shown.select("div[data-search-exclude]")
        linked = {str(a["href"]) for a in cited_by.select("a[href]")}
        assert linked == {urls.relative_link("sources/index.md", urls.target_of(item))
                          for item in real_record.cited_by(source.id)}, source.id
        # search finds the source by its title and facts: only what cites it is left out
        assert heading.find_parent(attrs={"data-search-exclude": True}) is None
        assert heading.get("data-search-exclude") is None
        assert pages["sources/index.md"].select(f'tbody a[href="#source-{source.id}"]'), source.id


def test_a_renamed_source_s_old_address_and_old_key_lead_to_its_heading(data_copy: DataCopy) -> None:
    """A reader's link to a source's page made before it was renamed (``sources/<old>/``), and a key another site
    made with the old id, lead to the source's heading on the list of sources."""
    data_copy.rename("sources.yml", "outcome-report", "egypt-daily-news-2025")
    for path in data_copy.data.rglob("*.yml"):  # each citation names the new id (rename() updates lists of ids)
        path.write_text(path.read_text(encoding="utf-8").replace("source: outcome-report\n",
                                                                 "source: egypt-daily-news-2025\n"), encoding="utf-8")
    record = load_record(data_copy.data)
    manifest.check_published(record, data_copy.data)  # every address published before still answers
    known, alias = entries(record), aliases(record)
    assert alias["sources/outcome-report"] == "sources/egypt-daily-news-2025"
    at = "sources/#source-egypt-daily-news-2025"
    moved = redirects(known, alias)
    for old_page in ("sources/outcome-report/index.html", "sources/egypt-daily-news-2025/index.html"):
        entry = moved[old_page]
        assert entry.key == "sources/egypt-daily-news-2025"
        stub = BeautifulSoup(redirect_html(old_page, entry.page, entry.title), "html.parser")
        link = stub.find("a")
        assert link is not None
        assert link["href"] == "../#source-egypt-daily-news-2025"
        # a stub is a redirect only: no description, structured data or alternate links of a page of its own
        assert stub.find("meta", attrs={"name": "description"}) is None
        assert stub.find("script", attrs={"type": "application/ld+json"}) is None
        assert stub.find("link", rel="alternate") is None
    listed = json.loads(ids_json(known, alias, "Site", None))["ids"]
    assert listed["sources/outcome-report"]["url"] == listed["sources/egypt-daily-news-2025"]["url"] == at
    inventory = {(o.name, o.role): o.uri_expanded
                 for o in soi.Inventory(zlib=objects_inv(known, alias, "Site", "1")).objects}
    assert inventory[("sources/outcome-report", "doc")] == inventory[("sources/outcome-report", "label")] == at
    resolved, unknown = resolve_references("See [[sources/outcome-report|the report]].", "about.md", known, alias)
    assert unknown == []
    assert "](sources/index.md#source-egypt-daily-news-2025)" in resolved
    # the anchor published before the rename is still on the list, just above the renamed source's heading
    page = PagesAsHtml({p: page.markdown for p, page in build_pages(record).items()})["sources/index.md"]
    kept = page.find(id="source-outcome-report")
    assert kept is not None
    assert kept.find_next(["h2", "h3"]) == page.find(id="source-egypt-daily-news-2025")


# --- Topics: headings on the list of topics ----------------------------------------------------------------

def test_each_topic_is_a_heading_on_the_list_with_everything_its_page_showed(real_record: Record) -> None:
    """The list of topics shows at each topic's heading what its page showed: its kind and description, the
    paragraphs on it with their texts (left out of search, which finds them on their own pages) and the full text
    showing only them, the related topics with the paragraphs they add, the events naming it, and its sources."""
    markdown = {path: page.markdown for path, page in build_pages(real_record).items()}
    assert [path for path in markdown if path.startswith("topics/")] == ["topics/index.md"]
    pages = PagesAsHtml(markdown)
    listing = pages["topics/index.md"]
    here = "topics/index.md"
    for topic in real_record.topics.values():
        shown = topic_section(pages, topic.id)
        heading = shown.find(id=f"topic-{topic.id}")
        assert heading is not None
        assert heading.name == "h3"
        assert text(heading).removesuffix("¶").strip() == " ".join(topic.name.split())
        assert heading.find_parent(attrs={"data-search-exclude": True}) is None  # search finds the topic here
        said = " ".join(text(shown).split())
        assert f"{label_of(topic, 'kind')}. " + " ".join(
            (topic.description or "The record gives no description of this topic.").split()) in said, topic.id
        # each paragraph: a link to its own page, its text (left out of search), and per document the full text
        # filtered to this topic
        paragraphs = real_record.paragraphs_naming("topics", topic.id)
        quoted = shown.select("div.km-quoted-paragraph")
        assert [q.a["href"] if q.a else None for q in quoted] == [
            urls.relative_link(here, urls.target_of(p)) for p in paragraphs], topic.id
        for block, paragraph in zip(quoted, paragraphs, strict=True):
            (quote,) = block.select("p.paragraph-text")
            assert " ".join(text(quote).split()) == " ".join(paragraph.text.split())
            assert quote.has_attr("data-search-exclude")
        filters = [str(a["href"]) for a in shown.select("a[href]") if "?" in str(a["href"])]
        assert filters == [f"{urls.relative_link(here, urls.record_page('documents', document.id))}?topic={topic.id}"
                           for document, _ in real_record.by_document(paragraphs)], topic.id
        links = {str(a["href"]) for a in shown.select("a[href]")}
        for other in real_record.related_topics(topic.id):
            assert f"#topic-{other.id}" in links, (topic.id, other.id)
        for event in real_record.events_naming("topics", topic.id):
            assert urls.relative_link(here, urls.target_of(event)) in links, (topic.id, event.id)
        (sources,) = shown.select("div[data-search-exclude]")
        assert [str(a["href"]) for a in sources.select("a[href]")] == [
            urls.relative_link(here, urls.target_of(real_record.sources[cite.source])) for cite in topic.cites]
        for cite in topic.cites:
            for shown_part in (cite.locator, cite.quote):
                if shown_part:
                    assert " ".join(shown_part.split()) in " ".join(text(sources).split()), (topic.id, shown_part)
        assert listing.select(f'tbody a[href="#topic-{topic.id}"]'), topic.id


def test_a_topic_s_old_address_and_a_paragraph_s_link_lead_to_its_heading(real_record: Record) -> None:
    """A link made to a topic's page (or to the page of an id it had before) redirects to its heading on the list
    of topics, and the link a paragraph's page gives to each of its topics names that heading."""
    known, alias = entries(real_record), aliases(real_record)
    moved = redirects(known, alias)
    old_pages = [(topic.id, old) for topic in real_record.topics.values() for old in (topic.id, *topic.former_ids)]
    assert any(old != ident for ident, old in old_pages), "no former topic id: the test would prove less"
    for ident, old in old_pages:
        entry = moved[f"topics/{old}/index.html"]
        stub = BeautifulSoup(redirect_html(f"topics/{old}/index.html", entry.page, entry.title), "html.parser")
        refresh = stub.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh is not None
        assert refresh["content"] == f"0; url=../#topic-{ident}"
    markdown = {path: page.markdown for path, page in build_pages(real_record).items()}
    pages = PagesAsHtml(markdown)
    listing = pages["topics/index.md"]
    for paragraph in real_record.paragraphs():
        page = f"documents/{paragraph.document}/{paragraph.id}.md"
        linked = [str(a["href"]) for a in pages[page].select("a[href]") if "topics/" in str(a["href"])]
        assert linked == [f"../../topics/index.md#topic-{topic}" for topic in paragraph.topics], page
        for href in linked:
            at = listing.find(id=href.partition("#")[2])
            assert at is not None, href
            assert at.name == "h3", href
    # the former id's anchor is kept just above the heading of the topic it became
    for topic in real_record.topics.values():
        for former in topic.former_ids:
            kept = listing.find(id=f"topic-{former}")
            assert kept is not None
            assert kept.find_next(["h2", "h3"]) == listing.find(id=f"topic-{topic.id}")


TERMS = """- id: egypt-chair
  former_ids: [egypt-chair-2025]
  name: Egypt
  state: egypt
  cites:
    - source: announcement
      locator: a test locator
- id: kenya-chair
  name: Kenya
  state: kenya
  cites:
    - source: eeas
      locator: another test locator
  withdrawn:
    date: 2026-11-30
    reason: An example for the tests.
"""


def test_a_renamed_or_withdrawn_term_keeps_its_anchor_on_the_list_of_chairs(data_copy: DataCopy) -> None:
    """The same for every record shown as a heading on its list: a term renamed keeps the anchor of its former id
    beside its heading, and a term withdrawn keeps its anchor on the list, in a line leading to its own page."""
    (data_copy.data / "chairs.yml").write_text(TERMS, encoding="utf-8")
    record = load_record(data_copy.data)
    served = manifest.served_urls(entries(record), aliases(record))
    assert {"chairs/#term-egypt-chair-2025", "chairs/#term-kenya-chair", "chairs/kenya-chair/"} <= served
    markdown = {p: page.markdown for p, page in build_pages(record).items()}
    page = PagesAsHtml(markdown)["chairs/index.md"]
    kept = page.find(id="term-egypt-chair-2025")
    assert kept is not None
    assert kept.find_next(["h2", "h3"]) == page.find(id="term-egypt-chair")
    gone = page.find(id="term-kenya-chair")
    assert gone is not None
    assert gone.find_previous("h2") == page.find(id="withdrawn")
    line = gone.find_next("li")
    assert line is not None
    assert [str(a["href"]) for a in line.select("a")] == ["kenya-chair.md"]
    assert "taken out of the record on 30 November 2026" in text(line)
    assert "chairs/kenya-chair.md" in markdown


WITHDRAWN_STATEMENT = """- id: kenya-rome
  name: Kenya
  state: kenya
  how: signed-rome-declaration
  at_event: rome-2014
  cites:
    - source: eeas
      locator: a test locator
  withdrawn:
    date: 2026-12-01
    reason: An example for the tests.
"""


def test_a_withdrawn_membership_statement_keeps_its_anchor_on_its_state_s_page(data_copy: DataCopy) -> None:
    """A thirty-seventh attack's AA3: a membership statement withdrawn as the editing guide says was refused, for
    its published address (an anchor on its state's page) was no longer served. The state's page keeps the anchor,
    in a line leading to the statement's own page, which says when and why."""
    (data_copy.data / "memberships.yml").write_text(WITHDRAWN_STATEMENT, encoding="utf-8")
    record = load_record(data_copy.data)
    served = manifest.served_urls(entries(record), aliases(record))
    assert {"states/kenya/#membership-kenya-rome", "memberships/kenya-rome/"} <= served
    markdown = {p: page.markdown for p, page in build_pages(record).items()}
    page = PagesAsHtml(markdown)["states/kenya.md"]
    gone = page.find(id="membership-kenya-rome")
    assert gone is not None
    assert gone.find_previous("h2") == page.find(id="withdrawn-statements")
    line = gone.find_next("li")
    assert line is not None
    assert [str(a["href"]) for a in line.select("a")] == ["../memberships/kenya-rome.md"]
    assert "taken out of the record on 1 December 2026" in text(line)
