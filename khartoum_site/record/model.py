"""The record: what the validated data means, in the record's own words, and the one declaration of each field.

Each record class declares its data fields once, with ``declared(kind, ...)`` (see ``fields.py``):
the attribute, its check and message, its JSON Schema, its CSV column. ``COLLECTIONS`` is the one
table of the record's collections. ``Record`` answers the questions pages ask in both directions:
what a paragraph names, and which paragraphs and events name a given state, organisation,
instrument or topic. Plain Python, no MkDocs.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from khartoum_site.record.fields import (
    Bool,
    Choice,
    Date,
    DayOfTheYear,
    FieldsOf,
    Id,
    Int,
    Kind,
    ListOf,
    Obj,
    Prose,
    Ref,
    Text,
    Url,
    declared,
    specs,
)
from khartoum_site.record.values import DayWithoutYear, Origin, PartialDate

__all__ = ["COLLECTIONS", "DayWithoutYear", "Origin", "PartialDate"]


def _former_ids() -> tuple[str, ...]:
    return declared(ListOf(Id()), default=(),
                    doc="ids this record was published under before; their URLs and anchors redirect here")


@dataclass(frozen=True)
class Cite:
    """A reference to a source, with the words it says (checked verbatim) or where to look."""

    described: ClassVar[str] = "a citation with 'source' and optionally 'quote' or 'locator'"
    origin: Origin
    source: str = declared(Ref("sources"), required=True, doc="the id of a source in sources.yml")
    quote: str | None = declared(
        Prose("the words of the source, copied exactly", verbatim=True),
        doc="the source's own words that support the record; checked letter for letter against its text")
    locator: str | None = declared(Text("where in the source to look"),
                                   doc="page, section or item, for sources without text")

    @property
    def yearless_date(self) -> str | None:
        """A day the quote gives without any year ("April 9"): pages say so beside it, so that a reader does not
        take the year the record puts beside it for the source's. None if the quote gives no day, or a year."""
        if not self.quote or _YEAR.search(self.quote):
            return None
        found = _DAY_OF_MONTH.search(self.quote)
        return found.group(0) if found else None


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DAY_OF_MONTH = re.compile(rf"\b(?:(?:{_MONTHS})\s+\d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS}))\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _cites() -> tuple[Cite, ...]:
    return declared(ListOf(Obj(Cite), min_items=1, unique=False), required=True)


def _notes() -> tuple[str, ...]:
    return declared(ListOf(Prose("an annotation"), unique=False), default=())


def _adjectives() -> tuple[str, ...]:
    return declared(ListOf(Text("an adjective as a source writes it", written=True)), default=(),
                    doc="the adjectives the sources make of the state's name, as they write them (Egyptian, in 'the "
                        "Egyptian presidency'): a paragraph or a quotation that writes one names the state")


KEY = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Withdrawal:
    """That an entry was taken out of the record: when, why, and where a reader should go now."""

    described: ClassVar[str] = "a withdrawal with 'date' and 'reason' (and 'see')"
    origin: Origin
    date: PartialDate = declared(Date(), required=True, doc="when it was withdrawn")
    reason: str = declared(Prose(), required=True, doc="why, in words a reader understands")
    see: str | None = declared(
        Text("the key of an entry of the record, e.g. 'states/egypt' or 'cairo-2025/op-3'", KEY),
        doc="where a reader should go now: the key of an entry that is still in the record")


@dataclass(frozen=True)
class Entry:
    """What every entry of the record has: where it is written, its permanent id, the ids it had before, and,
    once it is taken out of the record, its withdrawal (its address keeps answering, saying so)."""

    singular: ClassVar[str] = "entry"
    origin: Origin
    id: str = declared(Id(), required=True)
    former_ids: tuple[str, ...] = _former_ids()
    withdrawn: Withdrawal | None = declared(
        Obj(Withdrawal), doc="set when the entry is taken out of the record; never delete a published entry")


SUPPLIED = {
    "eu-membership": "Which states are EU member states (the site's groups)",
    "m49-regions": "The UN M49 sub-regions and intermediate regions of the states",
    "map-shapes": "The country shapes of the map",
}
"""What a source can supply to the site's presentation: a page that uses it names that source."""


PUBLISHER_FROM = {
    "stated": "as the source states it",
    "website": "as the website that publishes it names itself",
    "heading": "read from the document's heading, which does not call it the publisher",
    "credit-line": "read from a credit line of the text, which does not call it the publisher",
    "not-stated": "not stated: the source names no publisher",
}
"""How the record knows a source's publisher; the label is what a reader sees beside the name."""


@dataclass(frozen=True)
class Source(Entry):
    singular: ClassVar[str] = "source"
    described: ClassVar[str] = "a source"
    title: str = declared(Text(), required=True, doc="the source's title, or a description if it has none")
    kind: str = declared(Choice({"announcement": "Announcement", "news-report": "News report",
                                 "reference": "Reference", "web-page": "Web page"}), required=True)
    publisher: str | None = declared(Text(), doc="who published it, if the record says; say how it is known in "
                                                 "publisher_from")
    publisher_from: str | None = declared(
        Choice(PUBLISHER_FROM),
        doc="how the record knows the publisher: the source states it, the website that publishes it names "
            "itself, it is read from the document's heading or from a credit line of the text; or not-stated, "
            "for a source that names no publisher (then leave publisher out)")
    date: PartialDate | None = declared(Date(), doc="date of publication, if known")
    day_without_year: DayWithoutYear | None = declared(
        DayOfTheYear(), doc="for a source whose own date gives the day and the month but no year (a dateline such as "
                            "'April 9'): that day, written --MM-DD; pages show it as the source gives it, with no year")
    not_before: PartialDate | None = declared(
        Date(), doc="for a source that gives no date: the earliest it can have been written, by what it says of "
                    "itself (its note says how); it orders the source's statements among dated ones")
    url: str | None = declared(Url(), doc="where the source can be read")
    accessed: PartialDate | None = declared(Date(), doc="the day the page at url was read (for a page that changes)")
    file: str | None = declared(Text("a path under data/ to the source's text, e.g. seeds/000.txt",
                                     re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")),
                                doc="the verbatim text, against which quotes are checked")
    note: str | None = declared(Prose(), doc="what a reader should know about this source")
    member_count: int | None = declared(
        Int("a number of member states from 1 to 999, as the source gives it", minimum=1, maximum=999),
        doc="the number the source gives as a count of the process's members, as at its date, in the editor's "
            "reading (the sentence that gives it is member_count_quote, where the record keeps the text); the "
            "membership page of that year shows it beside the record's list, with no reason added where the two "
            "differ")
    member_count_at: str | None = declared(Text("where in the source the count is"),
                                           doc="where in the source the count is (required with member_count)")
    member_count_quote: str | None = declared(
        Prose("the source's sentence that gives the count, copied exactly", verbatim=True),
        doc="the whole sentence (or sentences) of the source that gives the count, copied exactly (required with "
            "member_count where the record keeps the source's text): the membership page shows it beside the count, "
            "with the paragraph of the text that holds it and the whole text, so that a reader sees what the source "
            "counts and when")
    member_count_read_at: str | None = declared(
        Ref("events"), doc="for a source with a count and no date: the meeting the record reads it as about (say why "
                           "in a note); the membership page of that meeting's year shows the count, saying that the "
                           "source is undated and that the tie to the meeting is the record's reading")
    supplies: tuple[str, ...] = declared(
        ListOf(Choice(SUPPLIED)), default=(),
        doc="what of the site's own presentation this source supplies, named on the pages that use it "
            "(one source each)")
    # Not written in the data: the source's text as the record keeps it, and the paragraphs of it where
    # member_count_quote stands as whole sentences (their words, white space single), set by the validator, which
    # reads the text: the membership page shows them beside the count, so a reader sees what the words count ("it",
    # "this dialogue")
    count_text: str = field(default="", kw_only=True)
    count_paragraphs: tuple[str, ...] = field(default=(), kw_only=True)

    def publisher_shown(self) -> str | None:
        """The publisher as a reader sees it, with how the record knows it; None where the record says nothing."""
        if self.publisher and self.publisher_from:
            return f"{self.publisher} ({PUBLISHER_FROM[self.publisher_from]})"
        if self.publisher:
            return self.publisher
        if self.publisher_from == "not-stated":
            return "Not stated: the source names no publisher"
        return None


@dataclass(frozen=True)
class Role:
    """Something a state does in the process, with its sources."""

    described: ClassVar[str] = "a role with 'text' and 'cites'"
    origin: Origin
    text: str = declared(Prose(), required=True)
    cites: tuple[Cite, ...] = _cites()


@dataclass(frozen=True)
class Aside:
    """What a source says of a state that bears on its membership without stating it, in the record's words."""

    described: ClassVar[str] = "an aside with 'text' and 'cites'"
    origin: Origin
    text: str = declared(Prose(), required=True)
    cites: tuple[Cite, ...] = _cites()


@dataclass(frozen=True)
class MemberState(Entry):
    singular: ClassVar[str] = "state"
    described: ClassVar[str] = "a participating state"
    name: str = declared(Text(), required=True, doc="the name as the declaration gives it")
    name_in_sentence: str | None = declared(
        Text("the name with the article a sentence gives it, e.g. 'the Netherlands'", re.compile(r"^the \S")),
        doc="how a sentence writes the name, where that differs from name (with its article: 'the Netherlands'); "
            "lists, titles and tables keep name")
    also_written: tuple[str, ...] = declared(
        ListOf(Text("a name as a source writes it", written=True)), default=(),
        doc="other ways the sources write the state's name (Hellenic Republic, Czech Republic): a name as written "
            "of a host, a chair or an entry about the state may be one of them")
    adjectives: tuple[str, ...] = _adjectives()
    iso2: str = declared(Text("an ISO 3166-1 alpha-2 code (two capital letters)", re.compile(r"^[A-Z]{2}$")),
                         required=True)
    iso3: str = declared(Text("an ISO 3166-1 alpha-3 code (three capital letters)", re.compile(r"^[A-Z]{3}$")),
                         required=True)
    region: str = declared(Choice({"eu-member-state": "EU member state",
                                   "other-european-state": "Other European state",
                                   "african-state": "African state"}), required=True)
    subregion: str | None = declared(Choice({"northern-africa": "Northern Africa",
                                             "sub-saharan-africa": "Sub-Saharan Africa"}),
                                     doc="for African states: the UN M49 sub-region")
    intermediate_region: str | None = declared(Choice({"eastern-africa": "Eastern Africa",
                                                       "middle-africa": "Middle Africa",
                                                       "southern-africa": "Southern Africa",
                                                       "western-africa": "Western Africa"}),
                                               doc="for African states in a sub-region that M49 divides further "
                                                   "(Sub-Saharan Africa): the UN M49 intermediate region")
    roles: tuple[Role, ...] = declared(ListOf(Obj(Role), unique=False), default=())
    beside_membership: tuple[Aside, ...] = declared(
        ListOf(Obj(Aside), unique=False), default=(),
        doc="what a source of the record says of the state that bears on its membership without stating it (named "
            "before the launch among the countries a dialogue was opened with, say), with what the record does not "
            "know; the state's page shows it beside the membership statements, with its sources")
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()


@dataclass(frozen=True)
class Organisation(Entry):
    singular: ClassVar[str] = "organisation"
    described: ClassVar[str] = "an organisation the sources name"
    name: str = declared(Text(), required=True, doc="the full name as the record gives it")
    acronym: str | None = declared(Text())
    kind: str = declared(Choice({"eu-institution": "EU institution or body",
                                 "au-institution": "African Union institution",
                                 "regional-organisation": "Regional organisation",
                                 "international-organisation": "International organisation",
                                 "un-entity": "United Nations entity"}), required=True)
    role: str = declared(Prose(), required=True, doc="its part in the process, as the record describes it")
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()


@dataclass(frozen=True)
class Instrument(Entry):
    singular: ClassVar[str] = "instrument"
    described: ClassVar[str] = "an instrument or process"
    name: str = declared(Text(), required=True)
    names_in_record: tuple[str, ...] = declared(ListOf(Text("a name as the record writes it", written=True)),
                                                default=(),
                                                doc="every way the sources write its name")
    kind: str = declared(Choice({"declaration": "Declaration", "action-plan": "Action plan", "agenda": "Agenda",
                                 "convention": "Convention", "compact": "Global compact", "agreement": "Agreement",
                                 "pact": "Pact", "alliance": "Alliance", "process": "Process"}), required=True)
    date: PartialDate | None = declared(Date(), doc="when it was adopted or signed, as far as the record says")
    subject: bool = declared(Bool(), default=False,
                             doc="true for the process this record is about (one at most): the home page leads "
                                 "with what its sources say")
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()


@dataclass(frozen=True)
class Topic(Entry):
    singular: ClassVar[str] = "topic"
    described: ClassVar[str] = "a topic"
    name: str = declared(Text(), required=True)
    kind: str = declared(Choice({"jvap-domain": "Domain of the Joint Valletta Action Plan", "theme": "Theme"}),
                         required=True)
    description: str | None = declared(Prose())
    related: tuple[str, ...] = declared(
        ListOf(Ref("topics")), default=(),
        doc="topics that overlap this one (an annotation): each of the two, on the list of topics, lists the "
            "other's paragraphs")
    terms: tuple[str, ...] = declared(
        ListOf(Text("a word or phrase, as a paragraph would write it")), default=(),
        doc="words that mark a paragraph as dealing with this topic: a paragraph whose text has one of them "
            "must list the topic (checked); matched whole, in any case")
    cites: tuple[Cite, ...] = _cites()

    def terms_in(self, text: str) -> list[str]:
        """Which of the topic's terms the text uses, as whole words, in any case and any spacing. A term whose
        letters the text does not hold is passed over before any pattern is made: a pattern for each term of
        thousands, made again for each paragraph, took minutes (an attack's Y8)."""
        flat = " ".join(text.split()).casefold()
        return [term for term in self.terms
                if (words := " ".join(term.casefold().split())) in flat and _whole_words(words).search(flat)]


@functools.lru_cache(maxsize=1024)
def _whole_words(words: str) -> re.Pattern[str]:
    """``words`` (single-spaced, casefolded) as whole words."""
    return re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)")


@dataclass(frozen=True)
class Mentions:
    """Ids of the records a paragraph or event names, by collection."""

    described: ClassVar[str] = "a mapping of collection name to a list of ids"
    states: tuple[str, ...] = declared(ListOf(Ref("states")), default=(), doc="ids from states")
    organisations: tuple[str, ...] = declared(ListOf(Ref("organisations")), default=(), doc="ids from organisations")
    instruments: tuple[str, ...] = declared(ListOf(Ref("instruments")), default=(), doc="ids from instruments")
    documents: tuple[str, ...] = declared(ListOf(Ref("documents")), default=(), doc="ids from documents")
    events: tuple[str, ...] = declared(ListOf(Ref("events")), default=(), doc="ids from events")

    def pairs(self) -> list[tuple[str, str]]:
        """(collection, id) for every id, in collection order."""
        return [(name, ident) for name in MENTION_COLLECTIONS for ident in getattr(self, name)]


MENTION_COLLECTIONS = tuple(specs(Mentions))
_NO_MENTIONS = Mentions((), (), (), (), ())


def _mentions(doc: str = "") -> Mentions:
    return declared(Obj(Mentions), default=_NO_MENTIONS, doc=doc)


@dataclass(frozen=True)
class OtherState(Entry):
    """A state the history names that is not among the participants of the record's declaration."""

    singular: ClassVar[str] = "other state"
    described: ClassVar[str] = "another state named in the history"
    name: str = declared(Text(), required=True, doc="the state's name as the record writes it")
    name_in_sentence: str | None = declared(
        Text("the name with the article a sentence gives it, e.g. 'the Netherlands'", re.compile(r"^the \S")),
        doc="how a sentence writes the name, where that differs from name (with its article: 'the Netherlands'); "
            "lists, titles and tables keep name")
    also_written: tuple[str, ...] = declared(
        ListOf(Text("a name as a source writes it", written=True)), default=(),
        doc="other ways the sources write the state's name (Hellenic Republic, Czech Republic): a name as written "
            "of a host, a chair or an entry about the state may be one of them")
    adjectives: tuple[str, ...] = _adjectives()
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()


@dataclass(frozen=True)
class Parties:
    """Who hosted or chaired a meeting, as entries of the record: its states, the other states its history
    names (others.yml), or its organisations."""

    described: ClassVar[str] = "a mapping of 'states', 'others' or 'organisations' to a list of ids"
    states: tuple[str, ...] = declared(ListOf(Ref("states")), default=(), doc="ids from states")
    others: tuple[str, ...] = declared(ListOf(Ref("others")), default=(), doc="ids from others")
    organisations: tuple[str, ...] = declared(ListOf(Ref("organisations")), default=(), doc="ids from organisations")

    def keys(self) -> list[str]:
        """Each party's key (``states/egypt``), in the order of the fields."""
        return [f"{name}/{ident}" for name in specs(Parties) for ident in getattr(self, name)]


_NO_PARTIES = Parties((), (), ())


def _parties(doc: str) -> Parties:
    return declared(Obj(Parties), default=_NO_PARTIES, doc=doc)


EVENT_KINDS = {
    "ministerial-conference": "Ministerial conference",
    "senior-officials-meeting": "Senior Officials' Meeting",
    "steering-committee-meeting": "Steering Committee meeting",
    "thematic-meeting": "Thematic meeting",
    "thematic-workshop": "Thematic workshop",
    "informal-working-group": "Informal Working Group meeting",
    "training": "Training",
    "webinar": "Webinar",
    "meeting": "Meeting of the process (its kind not given by the source)",
}


# Where an event's place is read from when the source's text does not name it; shown beside the place.
PLACE_FROM = {"address": "named only in the page's address", "heading": "named only in the page's heading"}

# The fields that link a meeting to the record's entries by role: (field, what it says, its label on a page).
PARTY_FIELDS = (("hosted_by", "the host", "Host"), ("co_hosted_by", "a co-host", "Co-host"),
                ("chaired_by", "who chaired", "Chair"), ("co_chaired_by", "a co-chair", "Co-chair"))


@dataclass(frozen=True)
class Event(Entry):
    singular: ClassVar[str] = "event"
    described: ClassVar[str] = "an event"
    date: PartialDate = declared(Date(), required=True)
    until: PartialDate | None = declared(Date(), doc="the last day of a meeting of more than one day")
    date_also: str | None = declared(Text(), doc="where the sources differ on the date: the other date and the "
                                                 "source that gives it, in a phrase; shown beside the date on the "
                                                 "event's page, the meetings list and the timeline")
    kind: str | None = declared(Choice(EVENT_KINDS), doc="what kind of meeting it was (none for a milestone)")
    title: str = declared(Text(), required=True)
    place: str | None = declared(Text())
    place_from: str | None = declared(Choice(PLACE_FROM), doc="where the place is read from, when the source's "
                                                              "text does not name it")
    held_in: str | None = declared(Ref("states"), doc="the state of the record its place is in (the place, not a "
                                                      "host: a source may name no host)")
    description: str = declared(Prose(), required=True)
    host: tuple[str, ...] = declared(ListOf(Text("a name as a source writes it", written=True)), default=(),
                                     doc="who hosted it, as the sources write the name")
    chair: tuple[str, ...] = declared(ListOf(Text("a name as a source writes it", written=True)), default=(),
                                      doc="who chaired, in every spelling the sources use")
    hosted_by: Parties = _parties("the host as the record's entries, where a source names one the record has "
                                  "(checked: a state must be a member at the meeting's date)")
    co_hosted_by: Parties = _parties("a co-host, as the record's entries, where a source names one the record "
                                     "has (checked: a state must be a member at the meeting's date)")
    chaired_by: Parties = _parties("who chaired, as the record's entries, where a source names one the record "
                                   "has (checked: a state must be a member at the meeting's date)")
    chair_also: str | None = declared(Text(), doc="another statement of who chaired, where a source gives "
                                                  "two: shown beside every line that names the chair")
    co_chaired_by: Parties = _parties("a co-chair, as the record's entries, where a source names one the "
                                      "record has (checked: a state must be a member at the meeting's date)")
    compare: tuple[str, ...] = declared(
        ListOf(Ref("events")), default=(),
        doc="other events whose sources tell the same matter differently (a decision placed at another meeting, "
            "say): each page links the other beside its own account, and the record does not say how they relate; "
            "checked both ways")
    perhaps_one_of: tuple[str, ...] = declared(
        ListOf(Ref("events")), default=(),
        doc="for a meeting a source dates too loosely to tell it apart from meetings the record has (a year and no "
            "place, say): those meetings, of the same kind and time (checked); counts of meetings take it apart, "
            "and its page names them")
    before: str | None = declared(
        Ref("events"),
        doc="for an event dated only to a year or a month: a more precisely dated event of that year or month that "
            "a source says it came before (checked); the lists put it just before that event, not at the end of "
            "its year or month")
    adopted: Mentions = _mentions("documents and instruments adopted at the event")
    mentions: Mentions = _mentions()
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()


def shown_group(seat: CommitteeSeat, quoted: bool = True) -> str:
    """A seat's group as a reader sees it: the source's words (in quotation marks when ``quoted``: a cited source's
    text holds them), else this site's group, said to be the site's; a seat the source names apart from its list
    has no group, and says only that."""
    if seat.group_written:
        return f"“{seat.group_written}”" if quoted else seat.group_written
    if seat.group == "not-in-the-list":  # no group at all: the label says so, and is no name of a group
        return label_of(seat, "group")
    return f"{label_of(seat, 'group')} (this site's name for the group; the source names none)"


def shown_place(event: Event) -> str | None:
    """An event's place as a reader sees it: with where it is read from, when the source's text does not name it."""
    if event.place is None:
        return None
    return f"{event.place} ({label_of(event, 'place_from')})" if event.place_from else event.place


@dataclass(frozen=True)
class Membership(Entry):
    """What one source says of one state's membership of the process: how it became a member, and when."""

    singular: ClassVar[str] = "membership"
    described: ClassVar[str] = "a membership (one source's statement about one state)"
    name: str = declared(Text("the state's name as the source writes it", written=True), required=True)
    state: str | None = declared(Ref("states"), doc="the state, if it is one of the record's states")
    other_state: str | None = declared(Ref("others"), doc="the state, if it is one the history names outside the "
                                                           "declaration's participants (others.yml)")
    how: str = declared(Choice({
        "signed-rome-declaration": "Signed the Rome Declaration",
        "became-member": "Became a member after the Rome Declaration",
        "invited": "Invited as a member",
        "listed-participant": "Named among the participants of a document",
        "listed-member": "Named in a list of the members",
    }), required=True)
    at_event: str | None = declared(Ref("events"), doc="the event at which it happened, if the source says")
    at_event_from: str | None = declared(Choice({
        "record": "the meeting's date, by the record's reading: the statement's source gives no date",
    }), doc="record: the source names no meeting or date, and at_event is the record's reading (every list that "
            "shows the date says so)")
    day_from: Cite | None = declared(
        Obj(Cite), doc="with at_event_from record: a source of the record that gives the event's day for what the "
                       "statement says (the signing, say) without naming this state; every line that shows the "
                       "record's reading names it beside the reading")
    date: PartialDate | None = declared(Date(), doc="when, only as precisely as the source says")
    not_before: PartialDate | None = declared(
        Date(), doc="for a statement with no date: the earliest it can apply, as a source of the record "
                    "bounds it (say which in a note); the membership as at an earlier date leaves it out")
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()


# What a source may call a state as chair: kept on every line that shows the statement.
CHAIR_CALLED = {"outgoing": "the outgoing chair", "incoming": "the incoming chair", "new": "the new chair",
                "current": "the current chair"}


@dataclass(frozen=True)
class Chairmanship(Entry):
    """What one source says of one term of a state as chair of the process."""

    singular: ClassVar[str] = "chairmanship"
    described: ClassVar[str] = "a chairmanship (one source's statement about one term)"
    name: str = declared(Text("the state's name as the source writes it", written=True), required=True)
    state: str | None = declared(Ref("states"), doc="the state, if it is one of the record's states")
    other_state: str | None = declared(Ref("others"), doc="the state, if it is one the history names outside the "
                                                           "declaration's participants (others.yml)")
    period: PartialDate | None = declared(Date(), doc="the year (or month) the source gives for the term")
    since: PartialDate | None = declared(Date(), doc="when the term began, only as precisely as the source says")
    began_at: str | None = declared(Ref("events"), doc="the event at which the term began, if the source says")
    began_at_from: str | None = declared(Choice({
        "record": "the record's reading: the sources name no meeting",
    }), doc="record: the sources date the term only by something they do not tie to a meeting (the process's "
            "launch, say), and began_at is the record's reading (every line that shows it says so)")
    ended_at: str | None = declared(Ref("events"), doc="the event at which the term ended, if the source says")
    until: PartialDate | None = declared(Date(), doc="when the term ended, only as precisely as the source says")
    at_meeting: str | None = declared(Ref("events"), doc="a meeting at which the source shows the state as chair "
                                                         "(chairing it, or named there as outgoing or incoming)")
    called: str | None = declared(Choice(CHAIR_CALLED), doc="what the source calls the state as chair, where it "
                                                            "qualifies it")
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()


@dataclass(frozen=True)
class CommitteeSeat(Entry):
    """One member of the Steering Committee as one source lists it: the list has the date of its source."""

    singular: ClassVar[str] = "seat"
    described: ClassVar[str] = "a seat on the Steering Committee (one source's list)"
    name: str = declared(Text("the member's name as the source writes it", written=True), required=True)
    group: str = declared(Choice({
        "eu-member-states": "EU member states",
        "african-partner-countries": "African partner countries",
        "institutions": "Institutions",
        "not-in-the-list": "Not in the source's list (the source names it elsewhere, in no group)",
    }), required=True, doc="the group the source lists it in; not-in-the-list for a member the source names "
                           "apart from its list")
    group_written: str | None = declared(Text("the group's name as the source writes it", written=True),
                                         doc="the source's own words for the group, where it names it (the "
                                             "group above is this site's)")
    state: str | None = declared(Ref("states"), doc="the state, if it is one of the record's states")
    other_state: str | None = declared(Ref("others"), doc="the state, if it is one the history names outside the "
                                                           "declaration's participants (others.yml)")
    organisation: str | None = declared(Ref("organisations"), doc="the organisation, if it is one of the record's")
    holds_seat_of: str | None = declared(
        Ref("committee"), doc="the seat of the same source's list that this member holds for a time, where the "
                              "source says so (a member elected to stand in for another until it returns): shown "
                              "on both members' lines; checked to be a seat of the same list, in a group")
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()


@dataclass(frozen=True)
class Paragraph(Entry):
    """One paragraph of a document: its text of record, and our annotations kept apart from it."""

    singular: ClassVar[str] = "paragraph"
    described: ClassVar[str] = "a paragraph"
    id: str = declared(Id(), required=True, doc="permanent: never derived from the position or wording")
    # the id of the document it belongs to: given by the file, not by the paragraph (set by the validator)
    document: str = field(default="", kw_only=True)
    part: str = declared(Choice({"preambular": "Preambular", "operative": "Operative"}), required=True)
    number: int = declared(Int("a paragraph number (1 or more)", minimum=1), required=True)
    title: str = declared(Text(), required=True, doc="an editor's short title (an annotation, not text of record)")
    text: str = declared(Prose(max_length=20000, verbatim=True), required=True,
                         doc="the paragraph, verbatim")
    mentions: Mentions = _mentions()
    topics: tuple[str, ...] = declared(ListOf(Ref("topics")), default=())
    notes: tuple[str, ...] = _notes()
    amends: tuple[str, ...] = declared(
        ListOf(Id()), default=(),
        doc="former ids whose published text this paragraph changes (an amendment, or a renumbering with new "
            "wording): their links lead here although the text differs. Each must be among former_ids")

    @property
    def fingerprint(self) -> str:
        """What the manifest keeps of the text published under an id: a digest of its words."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()[:16]

    @property
    def label(self) -> str:
        """How the paragraph is cited: "Operative paragraph 12"."""
        return f"{self.part.capitalize()} paragraph {self.number}"

    @property
    def key(self) -> str:
        """Its permanent id across the record, as pages, ``[[key]]`` references and the inventory write it:
        ``cairo-2025/op-12``."""
        return f"{self.document}/{self.id}"

    @property
    def short_label(self) -> str:
        return f"{'PP' if self.part == 'preambular' else 'OP'} {self.number}"


@dataclass(frozen=True)
class Document(Entry):
    singular: ClassVar[str] = "document"
    described: ClassVar[str] = "a document"
    title: str = declared(Text(), required=True)
    kind: str = declared(Choice({"declaration": "Declaration", "action-plan": "Action plan"}), required=True)
    date: PartialDate | None = declared(Date())
    adopted_at: str | None = declared(Ref("events"))
    issued_by: tuple[str, ...] = declared(
        ListOf(Text("a name as a source writes it", written=True)), default=(),
        doc="who issued it, as its cited sources write the name (a citation's author); none if they do not say")
    text_in_record: bool = declared(Bool(), required=True, doc="whether the sources give the text")
    text_note: str | None = declared(Prose(), doc="what the record says, or does not say, about the text")
    source_heading: str | None = declared(Text(verbatim=True),
                                          doc="the source's own heading above the paragraphs, verbatim")
    operative_intro: str | None = declared(Text(verbatim=True), doc="the words that open the operative part, verbatim")
    participants_paragraph: str | None = declared(
        Id(), doc="the id of the paragraph that names the participating states (an annotation): a state it "
        "names is shown as taking part in the document")
    not_participating: tuple[str, ...] = declared(
        ListOf(Ref("states")), default=(),
        doc="states the paragraph of participants names apart from the participants it lists (\"in the absence of "
            "Eritrea\", \"as an observer\"), not inside its list: left out of its mentions, which list every other "
            "state its text names; each state's page shows the paragraph whole, so that a reader judges its words")
    # Checked field by field here; the validator builds each Paragraph once it knows the document's id.
    paragraphs: tuple[Paragraph, ...] = declared(
        cast(Kind[tuple[Paragraph, ...]], ListOf(FieldsOf(Obj(Paragraph)), unique=False)), default=())
    cites: tuple[Cite, ...] = _cites()
    notes: tuple[str, ...] = _notes()
    # the cited source whose text gives the paragraphs (set by the validator): the one citations name as giving the
    # English text, wherever it stands among the cites (a true citation put first made every citation name the
    # meeting's announcement, which holds none of them: an attack's BL13)
    text_source: str = field(default="", kw_only=True)

    def part(self, part: str) -> list[Paragraph]:
        return [c for c in self.paragraphs if c.part == part]


    def participants(self) -> Paragraph | None:
        """The paragraph that names the participating states, if the record says which it is."""
        return next((c for c in self.paragraphs if c.id == self.participants_paragraph), None)


Mentioner = Paragraph | Event


@dataclass(frozen=True)
class Collection:
    """One collection of the record: where its data is, what one of it is called, its list page's title."""

    name: str  # the Record attribute, the URL folder and the key prefix: "states"
    record: type
    data_file: str | None  # under data/; None for documents, one file each under data/documents/
    title: str  # the title of its list page: "Participating states"
    plural: str  # how a list of them is introduced: "States"

    @property
    def singular(self) -> str:
        """What one record of it is called in messages and the inventory: "state"."""
        return str(self.record.singular)  # type: ignore[attr-defined]


DOCUMENTS_DIR = "documents"
COLLECTIONS = (
    Collection("sources", Source, "sources.yml", "Sources", "Sources"),
    Collection("states", MemberState, "states.yml", "Participating states", "States"),
    Collection("organisations", Organisation, "organisations.yml", "Organisations", "Organisations"),
    Collection("instruments", Instrument, "instruments.yml", "Instruments and processes", "Instruments and processes"),
    Collection("topics", Topic, "topics.yml", "Topics", "Topics"),
    Collection("events", Event, "events.yml", "Meetings and milestones", "Events"),
    Collection("documents", Document, None, "Documents", "Documents"),
    Collection("memberships", Membership, "memberships.yml", "Membership over time", "Memberships"),
    Collection("chairs", Chairmanship, "chairs.yml", "Chairs of the process", "Chairs"),
    Collection("committee", CommitteeSeat, "committee.yml", "The Steering Committee", "Seats"),
    Collection("others", OtherState, "others.yml", "Other states in the history", "Other states"),
)
COLLECTION = {c.name: c for c in COLLECTIONS}
COLLECTION_OF: dict[type, Collection] = {c.record: c for c in COLLECTIONS}


def label_of(item: object, field_name: str) -> str:
    """The label a reader sees for the value of a choice field: ``label_of(state, "region")``."""
    return choice_labels(type(item), field_name)[getattr(item, field_name)]


def choice_labels(cls: type, field_name: str) -> dict[str, str]:
    """The labels readers see for the values of a choice field: ``choice_labels(MemberState, "region")``."""
    kind = specs(cls)[field_name].kind
    assert isinstance(kind, Choice), f"{cls.__name__}.{field_name} is not a choice"
    return kind.labels


@dataclass(frozen=True)
class Participation:
    """What a state took part in, as the record says: see ``Record.participation``."""

    listed_in: list[tuple[Document, Paragraph]]  # a document, and its paragraph naming the participants
    also_named_in: list[Paragraph]  # every other paragraph that names the state


class Record:
    """Every collection of the record, keyed by id in the order the data files give.

    One dictionary per line of ``COLLECTIONS``: ``record.states``, or ``record.collection("states")``. A
    collection added to the table is there too (``record.meetings``), with no change here.
    """

    def __init__(self, **collections: dict[str, Any]) -> None:
        unknown = sorted(set(collections) - set(COLLECTION))
        if unknown:
            raise TypeError(f"no collection named {', '.join(unknown)}")
        self._collections: dict[str, dict[str, Any]] = {c.name: dict(collections.get(c.name, {}))
                                                         for c in COLLECTIONS}
        self._named_by: dict[tuple[str, str], list[Mentioner]] = {}
        self._cited_by: dict[str, list[object]] = {}
        self.withdrawn: dict[str, Any] = {}  # key → an entry taken out of the record (set_aside_withdrawn)

    def set_aside_withdrawn(self) -> None:
        """Take the withdrawn entries out of their collections (lists, counts, maps and downloads no longer
        show them) into ``withdrawn``, by key: their pages still answer, saying when and why. A withdrawn
        document takes its paragraphs with it."""
        for collection in COLLECTIONS:
            entries = self._collections[collection.name]
            for ident in [i for i, e in entries.items() if e.withdrawn is not None]:
                entry = entries.pop(ident)
                if isinstance(entry, Document):
                    self.withdrawn.update({p.key: p for p in entry.paragraphs})
                self.withdrawn[f"{collection.name}/{ident}"] = entry
        for ident, document in list(self.documents.items()):
            gone = [p for p in document.paragraphs if p.withdrawn is not None]
            if gone:
                live = tuple(p for p in document.paragraphs if p.withdrawn is None)
                self.documents[ident] = dataclasses.replace(document, paragraphs=live)
                self.withdrawn.update({p.key: p for p in gone})

    def memberships_of(self, state: str) -> list[Membership]:
        return [m for m in self.collection("memberships").values() if m.state == state]

    def seats_of(self, collection: str, ident: str) -> list[CommitteeSeat]:
        """The Steering Committee seats the sources give a state or an organisation."""
        field_name = "state" if collection == "states" else "organisation"
        return [s for s in self.collection("committee").values() if getattr(s, field_name) == ident]

    def chairmanships_of(self, state: str) -> list[Chairmanship]:
        return [c for c in self.collection("chairs").values() if c.state == state]

    def cites_a_text(self, entry: Any) -> bool:
        """Whether the entry cites a source whose text the record holds (a ``file``): only then can words shown as
        the sources' be checked, and only then does a page put them in quotation marks."""
        return any(self.sources[c.source].file for c in entry.cites if c.source in self.sources)

    def withdrawn_in(self, collection: str) -> list[Any]:
        """The withdrawn entries of a collection: their pages and anchors are kept, and so is every check of them."""
        kind = next(c.record for c in COLLECTIONS if c.name == collection)
        return [e for key, e in self.withdrawn.items() if key.startswith(f"{collection}/") and isinstance(e, kind)]

    def withdrawn_paragraphs(self, document: str) -> list[Paragraph]:
        """The paragraphs of a document (still in the record) that were withdrawn: their anchors stay."""
        return [e for e in self.withdrawn.values() if isinstance(e, Paragraph) and e.document == document]

    def withdrawn_events(self) -> list[Event]:
        return sorted((e for e in self.withdrawn.values() if isinstance(e, Event)), key=lambda e: e.date.sort_key())

    def withdrawal_of(self, item: Any) -> Withdrawal | None:
        """The withdrawal that took an entry out: its own, or its document's for a paragraph."""
        if item.withdrawn is not None:
            return item.withdrawn  # type: ignore[no-any-return]
        parent = self.withdrawn.get(f"documents/{getattr(item, 'document', '')}")
        return parent.withdrawn if parent is not None else None

    def collection(self, name: str) -> dict[str, Any]:
        return self._collections[name]

    def __getattr__(self, name: str) -> dict[str, Any]:
        collections = self.__dict__.get("_collections", {})
        if name in collections:
            return collections[name]  # type: ignore[no-any-return]
        raise AttributeError(f"the record has no collection named {name!r}")

    def replaced(self, **collections: dict[str, Any]) -> Record:
        """A copy with some collections replaced (unindexed until ``index()``)."""
        copy = Record(**{**self._collections, **collections})
        copy.index()
        return copy

    @property
    def sources(self) -> dict[str, Source]:
        return self._collections["sources"]

    @property
    def states(self) -> dict[str, MemberState]:
        return self._collections["states"]

    @property
    def organisations(self) -> dict[str, Organisation]:
        return self._collections["organisations"]

    @property
    def instruments(self) -> dict[str, Instrument]:
        return self._collections["instruments"]

    @property
    def topics(self) -> dict[str, Topic]:
        return self._collections["topics"]

    @property
    def events(self) -> dict[str, Event]:
        return self._collections["events"]

    @property
    def documents(self) -> dict[str, Document]:
        return self._collections["documents"]

    def index(self) -> None:
        """Build the reverse links once the collections are complete (linear in the size of the record)."""
        named_by: dict[tuple[str, str], list[Mentioner]] = defaultdict(list)
        for paragraph in self.paragraphs():
            for pair in paragraph.mentions.pairs():
                named_by[pair].append(paragraph)
            for topic in paragraph.topics:
                named_by[("topics", topic)].append(paragraph)
        for event in self.timeline():
            for pair in dict.fromkeys([*event.mentions.pairs(), *event.adopted.pairs()]):  # each pair once
                named_by[pair].append(event)
        self._named_by = dict(named_by)

        cited_by: dict[str, list[object]] = defaultdict(list)
        now: dict[int, tuple[object, tuple[str, ...]]] = {}
        for record in self.citing_records():
            kept = _SOURCES_CITED.get(id(record))
            sources = kept[1] if kept is not None and kept[0] is record else \
                tuple(dict.fromkeys(cite.source for cite in _cites_in(record)))
            now[id(record)] = record, sources
            for source in sources:
                cited_by[source].append(record)
        self._cited_by = dict(cited_by)
        _SOURCES_CITED.clear()
        _SOURCES_CITED.update(now)

    def indexes(self) -> tuple[dict[tuple[str, str], list[Mentioner]], dict[str, list[object]]]:
        """The reverse links ``index`` made: who names each entry, and who cites each source."""
        return self._named_by, self._cited_by

    def paragraphs(self) -> list[Paragraph]:
        return [c for d in self.documents.values() for c in d.paragraphs]

    def the_process(self) -> Instrument | None:
        """The process this record is about (the instrument marked ``subject``), if the data names it."""
        return next((i for i in self.instruments.values() if i.subject), None)

    def source_supplying(self, what: str) -> Source | None:
        """The source that supplies a part of the site's presentation (``SUPPLIED``), if the data names one."""
        return next((s for s in self.sources.values() if what in s.supplies), None)

    def adoptions(self) -> list[Event]:
        """The events at which a document whose text is in the record was adopted, in time order."""
        adopted = {d.adopted_at for d in self.documents.values() if d.text_in_record and d.adopted_at}
        return [e for e in self.timeline() if e.id in adopted]

    def lists_naming_every_state(self) -> list[Paragraph]:
        """The paragraphs that name every state of the record: lists of the participating states (a paragraph of
        participants that names a state as not taking part, ``not_participating``, names it too: without it, the
        pages that read this list lost their sentence's subject, an attack's AA2)."""
        return [p for p in self.paragraphs()
                if len({*p.mentions.states, *self.absent_from(p)}) == len(self.states)]

    def absent_from(self, paragraph: Paragraph) -> tuple[str, ...]:
        """The states a document's paragraph of participants names as not taking part (none for other paragraphs)."""
        document = self.documents.get(paragraph.document)
        return document.not_participating if document and document.participants_paragraph == paragraph.id else ()

    def participation(self, state: str) -> Participation:
        """What the record says a state took part in: the documents whose paragraph of participants (as the
        record marks it, ``participants_paragraph``) names it, and the other paragraphs that name it."""
        named = self.paragraphs_naming("states", state)
        lists = [(d, p) for d in self.documents.values()
                 if d.text_in_record and (p := d.participants()) is not None and p in named]
        marked = {id(p) for _d, p in lists}
        others = [p for p in named if p.id != self.documents[p.document].participants_paragraph]
        return Participation(lists, [p for p in others if id(p) not in marked])

    def timeline(self) -> list[Event]:
        """The events in time order. An event dated only to its year (or month) comes after those its source
        dates more precisely within that year (or month), unless a source puts it before one of them
        (``before``): then it comes just before that one."""
        def key(event: Event) -> tuple[int, int, int, int]:
            ahead = self.events.get(event.before) if event.before else None
            date = ahead.date if ahead is not None else event.date
            return (date.year, date.month or 13, date.day or 32, 0 if ahead is not None else 1)
        return sorted(self.events.values(), key=key)

    def named_by(self, collection: str, ident: str) -> list[Mentioner]:
        """Paragraphs and events that name the record ``ident`` of ``collection``."""
        return self._named_by.get((collection, ident), [])

    def paragraphs_naming(self, collection: str, ident: str) -> list[Paragraph]:
        return [m for m in self.named_by(collection, ident) if isinstance(m, Paragraph)]

    def paragraphs_naming_only(self, collection: str, ident: str, not_ident: str) -> list[Paragraph]:
        """The paragraphs that name ``ident`` of a collection and not ``not_ident`` (a related topic's paragraphs
        that a topic lacks), found by identity: a list's ``in`` compared each pair field by field, which grew with
        the topics times their paragraphs."""
        others = {id(m) for m in self.paragraphs_naming(collection, not_ident)}
        return [m for m in self.paragraphs_naming(collection, ident) if id(m) not in others]

    def by_document(self, paragraphs: list[Paragraph]) -> list[tuple[Document, list[Paragraph]]]:
        """Paragraphs grouped under their documents, in document order."""
        groups: dict[str, list[Paragraph]] = defaultdict(list)
        for paragraph in paragraphs:
            groups[paragraph.document].append(paragraph)
        return [(self.documents[d], groups[d]) for d in self.documents if d in groups]

    def related_topics(self, ident: str) -> list[Topic]:
        """The topics a topic names as related, and those that name it: a relation read both ways."""
        mine = self.topics[ident].related
        return [t for t in self.topics.values() if t.id != ident and (t.id in mine or ident in t.related)]

    def events_naming(self, collection: str, ident: str) -> list[Event]:
        return [m for m in self.named_by(collection, ident) if isinstance(m, Event)]

    def citing_records(self) -> list[object]:
        """Every entry of every collection that cites sources (``COLLECTIONS`` whose class declares ``cites``),
        in the table's order; events in time order."""
        return [entry for collection in COLLECTIONS if "cites" in specs(collection.record)
                for entry in (self.timeline() if collection.name == "events"
                              else self._collections[collection.name].values())]

    def cited_by(self, source_id: str) -> list[object]:
        """The entries that cite a source: in their own ``cites`` or in a part of them that cites (a role)."""
        return self._cited_by.get(source_id, [])

    def cited_by_collection(self, source_id: str) -> list[tuple[Collection, list[object]]]:
        """The entries that cite a source, grouped by their collection, in the order of ``COLLECTIONS``."""
        groups: dict[str, list[object]] = defaultdict(list)
        for entry in self.cited_by(source_id):
            groups[COLLECTION_OF[type(entry)].name].append(entry)
        return [(c, groups[c.name]) for c in COLLECTIONS if c.name in groups]


_SOURCES_CITED: dict[int, tuple[object, tuple[str, ...]]] = {}
"""The sources each entry cites, as the last record indexed found them, by the entry itself (frozen, and the very
object again for a data file that did not change): a server's rebuild walks only the changed files' entries."""


def _cites_in(entry: object) -> list[Cite]:
    """The citations of an entry: its own ``cites`` and those of the parts it holds (a state's roles)."""
    found: list[Cite] = []
    for f in dataclasses.fields(entry):  # type: ignore[arg-type]
        value = getattr(entry, f.name)
        for part in value if isinstance(value, tuple) else (value,):
            if isinstance(part, Cite):
                found.append(part)
            elif dataclasses.is_dataclass(part) and not isinstance(part, Paragraph | type):
                found.extend(_cites_in(part))
    return found


def source_date(source: Source) -> str:
    """A source's date as a reader reads it beside what it states: its date, else what the record can say."""
    if source.date:
        return source.date.display()
    parts = [f"dated {source.day_without_year.display()}" if source.day_without_year else "undated"]
    if source.not_before:
        parts.append(f"written on or after {source.not_before.display()}, by what it says of itself")
    return "; ".join(parts)


def source_order(source: Source) -> tuple[int, tuple[int, int, int]]:
    """Sources in date order (an undated one at the date it cannot precede), those with no date at all last."""
    date = source.date or source.not_before
    return (0, date.sort_key()) if date else (1, (0, 0, 0))


def in_sentence(item: MemberState | OtherState, start: bool = False) -> str:
    """A state's name as a sentence writes it ("the Netherlands"); ``start``: at the head of a sentence."""
    name = item.name_in_sentence or item.name
    return name[:1].upper() + name[1:] if start else name


def display_name(item: object) -> str:
    """How a record is named for readers, in links, titles and the public inventory."""
    if isinstance(item, Paragraph):
        return f"{item.short_label}: {item.title}"
    if isinstance(item, Event):
        # A meeting of two days is named with both (a term said to begin "at" it is not dated to its first day);
        # "Meeting (March 2022) (22 March 2022)" reads badly: a title with its own bracket takes a comma
        when = item.date.display() + (f" to {item.until.display()}" if item.until else "")
        return f"{item.title}, {when}" if item.title.endswith(")") else f"{item.title} ({when})"
    if isinstance(item, Organisation) and item.acronym:
        return f"{item.name} ({item.acronym})"
    if isinstance(item, MemberState | Organisation | Instrument | Topic | OtherState):
        return item.name
    # A state as a source writes it may start with "the" ("the Netherlands"): a name that begins a title or a
    # heading takes a capital there (an eleventh reading found a heading starting in lower case).
    name = getattr(item, "name", "")
    name = name[:1].upper() + name[1:]
    if isinstance(item, Membership):
        how = label_of(item, "how")
        return f"{name}: {how[:1].lower()}{how[1:]}"  # the label's own capitals kept (Rome Declaration)
    if isinstance(item, CommitteeSeat):
        return f"{name} on the Steering Committee"
    if isinstance(item, Chairmanship):
        when = item.period.display() if item.period else f"since {item.since.display()}" if item.since else ""
        return f"{name} as chair" + (f" ({when})" if when else "")
    return str(item.title)  # type: ignore[attr-defined]

