"""The record: what the validated data means, in the record's own words.

Plain dataclasses, no MkDocs. ``Record`` also answers the questions pages ask in both directions:
what a paragraph names, and which paragraphs and events name a given state, body, instrument or topic.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a record is written in data/, for messages and edit links."""

    file: str
    line: int
    column: int = 1
    # (field, line, column) of each field given, so later checks can point at the value itself
    fields: tuple[tuple[str, int, int], ...] = ()

    def line_of(self, field_name: str) -> tuple[int, int]:
        """Line and column of a field's value, or of the record if the field is not given."""
        for name, line, column in self.fields:
            if name == field_name:
                return line, column
        return self.line, self.column


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, as the sources give it."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def display(self) -> str:
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day is not None else f"{month} {self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class Cite:
    """A reference to a source, with the words it says (checked verbatim) or where to look."""

    source: str
    quote: str | None
    locator: str | None
    origin: Origin


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    kind: str
    publisher: str | None
    date: PartialDate | None
    url: str | None
    file: str | None
    note: str | None
    former_ids: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class Role:
    """Something a state or body does in the process, with its sources."""

    text: str
    cites: tuple[Cite, ...]
    origin: Origin


@dataclass(frozen=True)
class MemberState:
    id: str
    name: str
    iso2: str
    iso3: str
    region: str
    subregion: str | None
    roles: tuple[Role, ...]
    cites: tuple[Cite, ...]
    notes: tuple[str, ...]
    former_ids: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    acronym: str | None
    kind: str
    role: str
    cites: tuple[Cite, ...]
    notes: tuple[str, ...]
    former_ids: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    names_in_record: tuple[str, ...]
    kind: str
    date: PartialDate | None
    cites: tuple[Cite, ...]
    notes: tuple[str, ...]
    former_ids: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    kind: str
    description: str | None
    cites: tuple[Cite, ...]
    former_ids: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class Mentions:
    """Ids of the records a paragraph or event names, by collection."""

    states: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    instruments: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    events: tuple[str, ...] = ()

    def pairs(self) -> list[tuple[str, str]]:
        """(collection, id) for every id, in collection order."""
        return [(name, ident) for name in MENTION_COLLECTIONS for ident in getattr(self, name)]


MENTION_COLLECTIONS = ("states", "organisations", "instruments", "documents", "events")


@dataclass(frozen=True)
class Event:
    id: str
    date: PartialDate
    title: str
    place: str | None
    description: str
    chair: tuple[str, ...]
    adopted: Mentions
    mentions: Mentions
    cites: tuple[Cite, ...]
    notes: tuple[str, ...]
    former_ids: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class Clause:
    """One paragraph of a document: its text of record, and our annotations kept apart from it."""

    id: str
    document: str
    part: str
    number: int
    title: str
    text: str
    mentions: Mentions
    topics: tuple[str, ...]
    notes: tuple[str, ...]
    former_ids: tuple[str, ...]
    origin: Origin

    @property
    def label(self) -> str:
        """How the paragraph is cited: "Operative paragraph 12"."""
        return f"{self.part.capitalize()} paragraph {self.number}"

    @property
    def short_label(self) -> str:
        return f"{'PP' if self.part == 'preambular' else 'OP'} {self.number}"


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: str
    date: PartialDate | None
    adopted_at: str | None
    text_in_record: bool
    text_note: str | None
    source_heading: str | None
    operative_intro: str | None
    clauses: tuple[Clause, ...]
    cites: tuple[Cite, ...]
    notes: tuple[str, ...]
    former_ids: tuple[str, ...]
    origin: Origin

    def part(self, part: str) -> list[Clause]:
        return [c for c in self.clauses if c.part == part]


Mentioner = Clause | Event


def display_name(item: object) -> str:
    """How a record is named for readers, in links, titles and the public inventory."""
    if isinstance(item, Clause):
        return f"{item.short_label}: {item.title}"
    if isinstance(item, Event):
        return f"{item.title} ({item.date.display()})"
    if isinstance(item, Organisation) and item.acronym:
        return f"{item.name} ({item.acronym})"
    if isinstance(item, MemberState | Organisation | Instrument | Topic):
        return item.name
    return str(item.title)  # type: ignore[attr-defined]


@dataclass
class Record:
    """Every collection of the record, keyed by id in the order the data files give."""

    sources: dict[str, Source] = field(default_factory=dict)
    states: dict[str, MemberState] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    instruments: dict[str, Instrument] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    _named_by: dict[tuple[str, str], list[Mentioner]] = field(default_factory=dict, repr=False)
    _cited_by: dict[str, list[object]] = field(default_factory=dict, repr=False)

    def index(self) -> None:
        """Build the reverse links once the collections are complete (linear in the size of the record)."""
        named_by: dict[tuple[str, str], list[Mentioner]] = defaultdict(list)
        for clause in self.clauses():
            for pair in clause.mentions.pairs():
                named_by[pair].append(clause)
            for topic in clause.topics:
                named_by[("topics", topic)].append(clause)
        for event in self.timeline():
            for pair in dict.fromkeys([*event.mentions.pairs(), *event.adopted.pairs()]):  # each pair once
                named_by[pair].append(event)
        self._named_by = dict(named_by)

        cited_by: dict[str, list[object]] = defaultdict(list)
        for record in self.citing_records():
            for source in dict.fromkeys(cite.source for cite in getattr(record, "cites", ())):
                cited_by[source].append(record)
        self._cited_by = dict(cited_by)

    def clauses(self) -> list[Clause]:
        return [c for d in self.documents.values() for c in d.clauses]

    def timeline(self) -> list[Event]:
        return sorted(self.events.values(), key=lambda e: e.date.sort_key())

    def named_by(self, collection: str, ident: str) -> list[Mentioner]:
        """Paragraphs and events that name the record ``ident`` of ``collection``."""
        return self._named_by.get((collection, ident), [])

    def clauses_naming(self, collection: str, ident: str) -> list[Clause]:
        return [m for m in self.named_by(collection, ident) if isinstance(m, Clause)]

    def by_document(self, clauses: list[Clause]) -> list[tuple[Document, list[Clause]]]:
        """Paragraphs grouped under their documents, in document order."""
        groups: dict[str, list[Clause]] = defaultdict(list)
        for clause in clauses:
            groups[clause.document].append(clause)
        return [(self.documents[d], groups[d]) for d in self.documents if d in groups]

    def events_naming(self, collection: str, ident: str) -> list[Event]:
        return [m for m in self.named_by(collection, ident) if isinstance(m, Event)]

    def citing_records(self) -> list[object]:
        return [
            *self.states.values(), *self.organisations.values(), *self.instruments.values(),
            *self.topics.values(), *self.timeline(), *self.documents.values(),
        ]

    def cited_by(self, source_id: str) -> list[object]:
        return self._cited_by.get(source_id, [])
