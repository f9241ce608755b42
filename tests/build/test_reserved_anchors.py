"""The ids the validator reserves are exactly the anchors the templates put on the pages where ids are anchors."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from helpers import DATA

from khartoum_site.record.validate import load_record
from khartoum_site.site import urls


def page_ids(site: Path, url: str) -> set[str]:
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return {str(element["id"]) for element in soup.find_all(id=True)}


def test_every_anchor_the_templates_emit_is_reserved(fixture_site: Path) -> None:
    """An id equal to one of these would give its page two elements with one id (the contents jump wrong)."""
    record = load_record(DATA)
    for document in record.documents.values():
        if not document.paragraphs:
            continue
        from_data = {i for p in document.paragraphs for i in (p.id, *p.former_ids)}
        made_by_templates = {i for i in page_ids(fixture_site, f"documents/{document.id}/") - from_data
                             if not i.startswith("__")}  # the theme's own ids, which no data id can take
        assert made_by_templates
        page = urls.record_page("documents", document.id).page
        assert {i for i in made_by_templates if not urls.reserved_anchor(page, i)} == set()
    events = {i for e in record.events.values() for i in (e.id, *e.former_ids)}
    made_by_templates = {i for i in page_ids(fixture_site, "timeline/") - events if not i.startswith("__")}
    assert made_by_templates
    assert {i for i in made_by_templates if not urls.reserved_anchor(urls.TIMELINE, i)} == set()
