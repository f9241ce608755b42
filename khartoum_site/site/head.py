"""What each generated page says about itself in its head, for the tools that read heads, not pages.

Search engines read the meta description; link previews read OpenGraph and the Twitter card; reference
managers (Zotero's "Embedded Metadata" translator, Google Scholar) read the Highwire Press ``citation_*``
tags; search engines and linked-data tools read schema.org JSON-LD. Every value is made here from the
record, as a ``Head``; ``head_html`` writes it, escaping each value for its place (an attribute, JSON in a
script element). The theme template around it (``adapters/theme/main.html``) adds only what the site's
configuration knows: the site's name, the page's canonical address, the feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khartoum_site.escape import BIDI_CLOSING, bidi_closed, html_attr, one_line, script_json
from khartoum_site.record import model
from khartoum_site.record.model import display_name, label_of
from khartoum_site.site import urls

DESCRIPTION_LENGTH = 220
"""The longest description, in characters: search engines show about 160, previews about 200."""

SCHEMA_ORG = "https://schema.org"


@dataclass(frozen=True)
class Alternate:
    """Another form of the page's content: a file of the site (path from its root), its media type."""

    path: str
    media_type: str
    title: str


@dataclass(frozen=True)
class Head:
    """What a page's head says of it: made from the record, written by ``head_html``."""

    description: str
    kind: str = "website"  # OpenGraph's og:type
    citation: tuple[tuple[str, str], ...] = ()  # Highwire Press tags: (name without "citation_", value)
    structured: dict[str, Any] | None = None  # schema.org, as JSON-LD
    alternates: tuple[Alternate, ...] = ()


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The text on one line, cut at a word before ``limit`` characters, with an ellipsis if cut."""
    line = one_line(text)
    if len(line) <= limit:
        return line
    room = limit - 1 - sum(line[:limit].count(opening) for opening in BIDI_CLOSING)  # for what closes them
    cut = line[:room].rsplit(" ", 1)[0].rstrip(",;:-(\u2013\u2014")  # no dangling punctuation or dash
    return bidi_closed(cut) + "…"


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _highwire_date(date: model.PartialDate) -> str:
    """A date as the Highwire Press tags write it: ``2025/04/09`` (or ``2025/04``, ``2025``)."""
    return date.iso().replace("-", "/")


def _url(target: urls.Target, site_url: str | None) -> str | None:
    """A target's full address, only when the site's address is known: heads carry no relative addresses."""
    return urls.address(target, site_url) if site_url else None


def _with_id(found: dict[str, Any], url: str | None) -> dict[str, Any]:
    return {**found, "@id": url, "url": url} if url else found


# --- the declaration and its paragraphs --------------------------------------------------------------------

def _issuers(document: model.Document) -> list[dict[str, str]]:
    return [{"@type": "Organization", "name": name} for name in document.issued_by]


def _document_citation(document: model.Document, title: str, url: str | None) -> tuple[tuple[str, str], ...]:
    """The Highwire Press tags: those Zotero's Embedded Metadata translator maps to a title, a date and an address.
    No tag for what the record does not have (no PDF, no publisher of the text).

    No citation_author: a document's issuers are bodies (the citations name each as a group author, the JSON-LD as
    an Organization, and the record holds no person as an issuer), and Highwire has no tag for a body. Zotero reads
    every citation_author as a person's name and split "Khartoum Process" into "Process, K." (an attack's BM4); a
    reference manager takes the issuer from the page's own citations (CSL-JSON gives it as a literal name)."""
    tags = [("title", title)]
    if document.date:
        tags += [("publication_date", _highwire_date(document.date)), ("date", _highwire_date(document.date))]
    if url:
        tags.append(("public_url", url))
    return tuple(tags)


def _akoma_ntoso(document: model.Document, published: set[str]) -> tuple[Alternate, ...]:
    path = urls.akoma_ntoso_path(document.id)
    if path not in published:
        return ()
    return (Alternate(path, "application/akn+xml", f"{document.title} in Akoma Ntoso 3.0 (XML)"),)


def document_head(record: model.Record, document: model.Document, site_url: str | None,
                  published: set[str]) -> Head:
    adopted = record.events.get(document.adopted_at) if document.adopted_at else None
    what = [label_of(document, "kind")]
    if document.issued_by:
        what.append("issued by " + ", ".join(document.issued_by))
    if document.date:
        what.append(document.date.display())
    text = f"{document.title} ({'; '.join(what)})"
    if adopted:
        # (not the place a meeting's title names already: "the Senior Officials' Meeting in Nairobi in Nairobi", AH9)
        city = (adopted.place or "").split(",")[0].strip()
        text += f", adopted at the {adopted.title}" + (
            f" in {adopted.place}" if city and city.casefold() not in adopted.title.casefold() else "")
    if document.text_in_record:
        preambular, operative = len(document.part("preambular")), len(document.part("operative"))
        text += (f": its {_count(preambular, 'preambular paragraph')} and {_count(operative, 'operative paragraph')},"
                 " each quoted from its source with a page of its own")
    else:
        text += ": its text is not in the record"
    url = _url(urls.target_of(document), site_url)
    structured: dict[str, Any] = {
        "@context": SCHEMA_ORG, "@type": "Legislation", "name": document.title,
        "legislationIdentifier": document.id, "legislationType": label_of(document, "kind")}
    if document.date:
        structured["datePublished"] = structured["legislationDate"] = document.date.iso()
    if document.issued_by:
        structured["author"] = structured["legislationPassedBy"] = _issuers(document)
    if adopted:
        structured["recordedAt"] = _event(adopted, site_url)
    if document.paragraphs:
        structured["hasPart"] = [
            _with_id({"@type": "Legislation", "name": f"{document.title}, {p.label.lower()}",
                      "legislationIdentifier": p.key}, _url(urls.target_of(p), site_url))
            for p in document.paragraphs]
    return Head(shorten(text), "article",
                _document_citation(document, document.title, url), _with_id(structured, url),
                _akoma_ntoso(document, published))


def paragraph_title(document: model.Document, paragraph: model.Paragraph) -> str:
    """How a paragraph is cited by title: "Cairo Ministerial Declaration, operative paragraph 12"."""
    return f"{document.title}, {paragraph.label.lower()}"


def paragraph_head(record: model.Record, document: model.Document, paragraph: model.Paragraph,
                   site_url: str | None, published: set[str]) -> Head:
    title = paragraph_title(document, paragraph)
    dated = f" ({document.date.display()})" if document.date else ""
    # the editorial title is the site's annotation, said so, not in quotation marks: beside the text of record, a
    # search result showed it as a quotation (an attack's Y8)
    description = shorten(f"{document.title}{dated}, {paragraph.label.lower()} (editorial title: {paragraph.title}): "
                          f"{paragraph.text}")
    url = _url(urls.target_of(paragraph), site_url)
    structured: dict[str, Any] = {
        "@context": SCHEMA_ORG, "@type": "Legislation", "name": title, "alternateName": paragraph.title,
        "legislationIdentifier": paragraph.key, "position": paragraph.number, "text": paragraph.text,
        "isPartOf": _with_id({"@type": "Legislation", "name": document.title, "legislationIdentifier": document.id},
                             _url(urls.target_of(document), site_url))}
    if document.date:
        structured["datePublished"] = structured["legislationDate"] = document.date.iso()
    if document.issued_by:
        structured["author"] = structured["legislationPassedBy"] = _issuers(document)
    if paragraph.topics:
        structured["keywords"] = [record.topics[t].name for t in paragraph.topics]
    return Head(description, "article", _document_citation(document, title, url), _with_id(structured, url),
                _akoma_ntoso(document, published))


# --- the timeline --------------------------------------------------------------------------------------------

def _event(event: model.Event, site_url: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Event", "name": event.title, "startDate": event.date.iso(),
                             "description": event.description}
    if event.until:
        found["endDate"] = event.until.iso()
    if event.place:
        found["location"] = {"@type": "Place", "name": event.place}
    return _with_id(found, _url(urls.target_of(event), site_url))


def timeline_head(record: model.Record, site_url: str | None) -> Head:
    events = record.timeline()
    if events:
        text = (f"The timeline of the record: {_count(len(events), 'dated event')} from {events[0].date.display()} "
                f"to {events[-1].date.display()}, each with its sources: " + "; ".join(e.title for e in events))
    else:
        text = "The timeline of the record: no event is in the record."
    structured = {"@context": SCHEMA_ORG, "@graph": [_event(e, site_url) for e in events]}
    return Head(shorten(text), structured=structured)


# --- the entries --------------------------------------------------------------------------------------------

def _named(record: model.Record, collection: str, ident: str) -> list[str]:
    """What the record says names an entry, as counted phrases ("3 paragraphs", "1 event")."""
    paragraphs = len(record.paragraphs_naming(collection, ident))
    events = len(record.events_naming(collection, ident))
    said = []
    if paragraphs:
        said.append(_count(paragraphs, "paragraph"))
    if events:
        said.append(_count(events, "event") + " of the timeline")
    return said


def state_head(record: model.Record, state: model.MemberState, site_url: str | None) -> Head:
    facts = [label_of(state, "region"), f"ISO 3166-1 {state.iso2}, {state.iso3}"]
    if state.intermediate_region:
        facts.append(label_of(state, "intermediate_region"))
    elif state.subregion:
        facts.append(label_of(state, "subregion"))
    held = []
    participation = record.participation(state.id)
    if participation.listed_in:
        held.append("named among the participants of " + ", ".join(d.title for d, _p in participation.listed_in))
    others = len(participation.also_named_in)
    if others:
        held.append(f"named in {_count(others, 'other paragraph')}")
    events = len(record.events_naming("states", state.id))
    if events:
        held.append(f"on {_count(events, 'event')} of the timeline")
    for what, plural, count in (
            ("statement of its membership", "statements of its membership", len(record.memberships_of(state.id))),
            ("term as chair", "terms as chair", len(record.chairmanships_of(state.id))),
            ("seat on the Steering Committee", "seats on the Steering Committee",
             len(record.seats_of("states", state.id)))):
        if count:
            held.append(_count(count, what, plural))
    if state.roles:
        held.append(_count(len(state.roles), "role"))
    text = (f"{model.in_sentence(state, start=True)} ({'; '.join(facts)}) in the record: "
            + ("; ".join(held) if held else "its codes and sources"))
    structured: dict[str, Any] = {
        "@context": SCHEMA_ORG, "@type": "Country", "name": state.name,
        "identifier": [{"@type": "PropertyValue", "propertyID": "ISO 3166-1 alpha-2", "value": state.iso2},
                       {"@type": "PropertyValue", "propertyID": "ISO 3166-1 alpha-3", "value": state.iso3}]}
    return Head(shorten(text), structured=_with_id(structured, _url(urls.target_of(state), site_url)))


def organisation_head(record: model.Record, organisation: model.Organisation, site_url: str | None) -> Head:
    text = f"{display_name(organisation)}, {label_of(organisation, 'kind')}: {organisation.role}"
    named = _named(record, "organisations", organisation.id)
    if named:
        text = f"{text.rstrip('.')}. Named in {' and '.join(named)}."
    structured: dict[str, Any] = {"@context": SCHEMA_ORG, "@type": "GovernmentOrganization", "name": organisation.name,
                                  "description": organisation.role}
    if organisation.acronym:
        structured["alternateName"] = organisation.acronym
    return Head(shorten(text), structured=_with_id(structured, _url(urls.target_of(organisation), site_url)))


def instrument_head(record: model.Record, instrument: model.Instrument) -> Head:
    what = [label_of(instrument, "kind")] + ([instrument.date.display()] if instrument.date else [])
    named = _named(record, "instruments", instrument.id)
    text = f"{instrument.name} ({', '.join(what)}): " + (
        f"named in {' and '.join(named)} of the record" if named else "in the record")
    others = [n for n in instrument.names_in_record if n != instrument.name]
    if others:  # in quotation marks where a cited source's text holds them (checked), as on the page
        text += "; also written " + ", ".join(f"“{n}”" if record.cites_a_text(instrument) else n for n in others)
    return Head(shorten(text))


def event_head(event: model.Event, site_url: str | None) -> Head:
    kind = label_of(event, "kind") if event.kind else "A milestone"
    where = f" in {model.shown_place(event)}" if event.place else ""
    text = f"{kind}{where}, {event.date.display()}: {event.description}"
    return Head(shorten(text), structured={"@context": SCHEMA_ORG, **_event(event, site_url)})


def members_head(day: str, as_at: Any) -> Head:
    """Membership as at a day (``history.MembersAsAt``): the count, and the list it comes from."""
    if as_at.latest is None:
        return Head(shorten(f"Membership of the process as at {day}: the record has no dated list of members "
                            "by then."))
    # (the states joined after the list were counted as named by it: an attack's BD1)
    joined = f", {len(as_at.joined_since)} joined after it" if as_at.joined_since else ""
    return Head(shorten(f"Membership of the process as at {day}, from the record's dated statements only: "
                        f"{_count(len(as_at.members), 'state')} named by its latest list, of "
                        f"{as_at.latest.date.display()}{joined}; {len(as_at.earlier_only)} named earlier only, "
                        f"{len(as_at.undated)} undated."))


def members_index_head(days: list[str]) -> Head:
    span = f" from {days[0]} to {days[-1]}" if days else ""
    return Head(shorten(f"Membership of the process at the end of each year{span}, read from the record's dated "
                        "statements, with the sources' disagreements and undated statements shown apart."))


def other_state_head(record: model.Record, other: model.OtherState) -> Head:
    said = [entry for name in ("memberships", "chairs", "committee")
            for entry in record.collection(name).values() if entry.other_state == other.id]
    return Head(shorten(f"{other.name}: named in the history of the process, not among the participants of the "
                        f"record's declaration; {_count(len(said), 'statement')} about it, each with its source."))


def entry_head(record: model.Record, item: object, site_url: str | None, published: set[str]) -> Head:
    """The head of an entry's own page, whatever its collection."""
    if isinstance(item, model.Event):
        return event_head(item, site_url)
    if isinstance(item, model.MemberState):
        return state_head(record, item, site_url)
    if isinstance(item, model.Organisation):
        return organisation_head(record, item, site_url)
    if isinstance(item, model.Instrument):
        return instrument_head(record, item)
    if isinstance(item, model.Document):
        return document_head(record, item, site_url, published)
    if isinstance(item, model.OtherState):
        return other_state_head(record, item)
    # A collection added to the table (CONTRIBUTING.md): its name and key, until it has a head of its own.
    collection = model.COLLECTION_OF[type(item)]
    return Head(shorten(f"{display_name(item)}: one of the {collection.plural.lower()} of the record "
                        f"({collection.name}/{getattr(item, 'id', '')})."))


# --- the site's own pages ---------------------------------------------------------------------------------

def index_head(record: model.Record, collection: model.Collection) -> Head:
    entries = list(record.collection(collection.name).values())
    names = ", ".join(display_name(e) for e in entries)
    text = f"{collection.title}: {_count(len(entries), 'entry', 'entries')} of the record" + (
        f": {names}" if names else "")
    return Head(shorten(text))


def home_head(record: model.Record) -> Head:
    process = record.the_process()
    counts = [_count(len(record.collection(c.name)), c.singular, c.plural.lower()) for c in model.COLLECTIONS
              if c.name in ("states", "organisations", "documents", "events") and record.collection(c.name)]
    paragraphs = len(record.paragraphs())
    if paragraphs:
        counts.append(_count(paragraphs, "paragraph"))
    subject = f"the {process.name}" if process else "the process"
    return Head(shorten(f"A public record of {subject}, compiled by this project with the sources of every fact: "
                        f"{', '.join(counts)}."),
                alternates=(Alternate(urls.RECORD_JSON, "application/json", "The whole record as JSON"),))


def downloads_head(downloads: dict[str, bytes], data_date: str | None) -> Head:
    csvs = sum(1 for path in downloads if path.endswith(".csv"))
    akn = sum(1 for path in downloads if path.endswith(".akn.xml"))
    text = (f"Downloads of the record{f' as at {data_date}' if data_date else ''}: the whole record as JSON with "
            f"its JSON Schema, {_count(csvs, 'table')} as CSV with their data package")
    text += f", and {_count(akn, 'document')} in Akoma Ntoso." if akn else "."
    alternates = tuple(Alternate(path, "application/json", "The whole record as JSON")
                       for path in (urls.RECORD_JSON,) if path in downloads)
    return Head(shorten(text), alternates=alternates)


def withdrawn_head(item: object, withdrawal: model.Withdrawal | None) -> Head:
    text = f"{display_name(item)}: withdrawn from the record"
    if withdrawal:
        text += f" on {withdrawal.date.display()}. {withdrawal.reason}"
    return Head(shorten(text))


# --- the head, written --------------------------------------------------------------------------------------

def head_html(head: Head, title: str, page: str) -> str:
    """The tags for the theme's head, each value escaped for its place; ``page`` is the page's Markdown source
    path (alternate links are relative to where it is published)."""
    title, description = html_attr(title), html_attr(head.description)
    lines = [f'<meta property="og:title" content="{title}">',
             f'<meta property="og:description" content="{description}">',
             f'<meta property="og:type" content="{html_attr(head.kind)}">']
    # No twitter:title or twitter:description: X's card reader falls back to og:title and og:description
    # (developer.x.com/cards/markup), so the theme's twitter:card is all a card needs.
    lines += [f'<meta name="citation_{name}" content="{html_attr(value)}">' for name, value in head.citation]
    lines += [f'<link rel="alternate" type="{html_attr(alt.media_type)}" '
              f'href="{html_attr(urls.file_href(page, alt.path))}" title="{html_attr(alt.title)}">'
              for alt in head.alternates]
    if head.structured is not None:
        lines.append(f'<script type="application/ld+json">{script_json(head.structured)}</script>')
    return "\n".join(lines)
