"""A page's head tags (site/head.py): shortened descriptions, and every value escaped for its place."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from khartoum_site.record.model import Record
from khartoum_site.site.head import Alternate, Head, head_html, shorten

HOSTILE = '</script><script>alert(1)</script><!-- "\'><img src=x onerror=alert(2)> &amp; \u2028'


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Short enough.", 40, "Short enough."),
    ("  Spaces\nand\tlines   become one  ", 40, "Spaces and lines become one"),
    ("Cut at a word, never inside one", 20, "Cut at a word…"),
    ("A list: one, two, three", 17, "A list: one…"),
    ("A dash — then more words here", 9, "A dash…"),
    # a fourteenth attack: a balanced override cut open reordered what followed the description on the page
    ("Named \u202eby the source\u202c here", 16, "Named \u202eby the\u202c…"),
    ("\u2067\u202bnested ones\u202c\u2069 closed", 12, "\u2067\u202bnested\u202c\u2069…"),
])
def test_a_description_is_shortened_at_a_word(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


def test_every_value_stays_in_its_place() -> None:
    head = Head(HOSTILE, "article", (("title", HOSTILE), ("author", HOSTILE)), {"name": HOSTILE},
                (Alternate("downloads/x.xml", "application/xml", HOSTILE),))
    written = head_html(head, HOSTILE, "documents/d/p.md")
    soup = BeautifulSoup(f"<head>{written}</head>", "html.parser")
    assert [t.name for t in soup.head.find_all(True)] == ["meta"] * 5 + ["link", "script"]  # type: ignore[union-attr]
    one_line = " ".join(HOSTILE.split())
    for meta in soup.find_all("meta"):
        assert meta["content"] == ("article" if meta.get("property") == "og:type" else one_line), meta
    (script,) = soup.find_all("script")
    assert script["type"] == "application/ld+json"
    text = str(script.string)
    assert "</" not in text
    assert "<!--" not in text
    assert json.loads(text) == {"name": HOSTILE}
    assert soup.find("link")["href"] == "../../../downloads/x.xml"  # type: ignore[index]


def test_a_paragraph_s_editorial_title_is_not_shown_as_a_quotation_in_the_head(record: Record) -> None:
    """A twenty-fifth attack's Y8: the head's description put the site's editorial title in quotation marks beside
    the text of record, and a search result or a link's preview showed it as the source's words."""
    from khartoum_site.site.head import paragraph_head

    document = record.documents["cairo-2025"]
    paragraph = next(p for p in document.paragraphs if p.key.endswith("op-12") or p.id == "op-12")
    description = paragraph_head(record, document, paragraph, None, set()).description
    assert f"operative paragraph 12 (editorial title: {paragraph.title}): " in description, description
    assert f"“{paragraph.title}”" not in description, description


@pytest.mark.parametrize(("title", "shown"), [
    ("Second ministerial conference of the Khartoum Process",
     "adopted at the Second ministerial conference of the Khartoum Process in Cairo"),
    ("Ministerial conference in Cairo", "adopted at the Ministerial conference in Cairo:"),
])
def test_a_document_s_description_names_its_meeting_s_place_once(record: Record, title: str, shown: str) -> None:
    """AH9: a meeting whose title names its place was described "… Meeting in Nairobi in Nairobi"."""
    import dataclasses
    from unittest import mock

    from khartoum_site.site.head import document_head

    document = record.documents["cairo-2025"]
    event = record.events[document.adopted_at or ""]
    events = {**record.events, event.id: dataclasses.replace(event, title=title)}
    with mock.patch.object(type(record), "events", new_callable=mock.PropertyMock, return_value=events):
        description = document_head(record, document, None, set()).description
    assert shown in description, description
