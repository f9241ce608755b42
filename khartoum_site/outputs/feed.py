"""The record's dated events and changes as an Atom feed (RFC 4287), for feed readers.

Every date is the record's: an entry is dated by its event (or its withdrawal), the feed by the data's date
(``downloads.data_date``), never by the build's clock, so a build of the same data writes the same feed.
An entry's id never changes: the permanent address of what it is about when the site's address is known,
else a name-based UUID of its permanent key (RFC 4122, version 5), which no build or address changes.
A date known only to the month or the year stands for its first day, as Atom needs a whole date; the
entry's text gives the date as the record does.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from khartoum_site.escape import one_line, xml_text
from khartoum_site.record import model
from khartoum_site.site import urls

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
FEED_TITLE = "Events and changes of the record"
"""What the feed is, as its title and every page's link to it say."""


def atom_date(date: model.PartialDate | str) -> str:
    """An RFC 3339 date-time for a date of the record: its first day, at midnight UTC."""
    if isinstance(date, str):
        date = model.PartialDate(*(int(part) for part in date.split("-")))
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"


def _entry_id(key: str, target: urls.Target, site_url: str | None) -> str:
    if site_url:
        return urls.address(target, site_url)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"khartoum-record:{key}").urn


def _link(target: urls.Target, site_url: str | None) -> str:
    """An address in the feed: absolute under ``site_url``, else relative to the feed at the site's root."""
    return urls.address(target, site_url) if site_url else target.url()


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(one_line(text))
    return element


def _entry(feed: ET.Element, key: str, title: str, when: model.PartialDate, summary: str, target: urls.Target,
           site_url: str | None) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", _entry_id(key, target, site_url))
    _add(entry, "title", title)
    _add(entry, "updated", atom_date(when))
    _add(entry, "published", atom_date(when))
    _add(entry, "link", href=_link(target, site_url), rel="alternate", type="text/html")
    _add(entry, "summary", summary)


def _withdrawn_target(item: object) -> urls.Target:
    """Where a withdrawal's entry leads: the page that says when and why, at the address the id has always made
    (a record shown as a heading elsewhere, such as a source on the list of sources, keeps no heading there)."""
    if isinstance(item, model.Event):
        return urls.Target(urls.TIMELINE, item.id)  # its anchor stays on the timeline
    return urls.own_page(item)


def atom_feed(record: model.Record, site_name: str, data_date: str, site_url: str | None) -> bytes:
    """The feed: an entry per event of the timeline and per withdrawal, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "title", f"{site_name}: {FEED_TITLE.lower()}" if site_name else FEED_TITLE)
    _add(feed, "id", urls.file_address(FEED_PATH, site_url) if site_url
         else uuid.uuid5(uuid.NAMESPACE_URL, f"khartoum-record:feed:{site_name}").urn)
    _add(feed, "updated", atom_date(data_date))
    author = _add(feed, "author")
    _add(author, "name", site_name or FEED_TITLE)
    _add(feed, "link", href=_link(urls.Target(urls.HOME), site_url) or "./", rel="alternate", type="text/html")
    if site_url:
        _add(feed, "link", href=urls.file_address(FEED_PATH, site_url), rel="self",
             type="application/atom+xml")

    dated: list[tuple[tuple[int, int, int], str, str, model.PartialDate, str, urls.Target]] = []
    for event in record.timeline():
        key = f"events/{event.id}"
        title = model.display_name(event)
        dated.append((event.date.sort_key(), key, title, event.date, event.description, urls.target_of(event)))
    for key, item in record.withdrawn.items():
        withdrawal = record.withdrawal_of(item)
        if withdrawal is None:
            continue
        title = f"Withdrawn from the record: {model.display_name(item)}"
        dated.append((withdrawal.date.sort_key(), f"{key}#withdrawn", title, withdrawal.date, withdrawal.reason,
                      _withdrawn_target(item)))
    for _sort, key, title, when, summary, target in sorted(dated, key=lambda d: (d[0], d[1]), reverse=True):
        _entry(feed, key, title, when, summary, target, site_url)
    ET.indent(feed)
    written: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return written + b"\n"
