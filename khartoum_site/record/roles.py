"""Who did what in the process, as the record's statements give it: who chaired it (in time order), who sat on
the Steering Committee (each list with its source's date), who hosted or chaired a meeting, and which
document's participants name a state. Read from the collections and nothing else (``history`` reads who
was a member as at a date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khartoum_site.record.model import (
    Chairmanship,
    CommitteeSeat,
    Document,
    Event,
    Membership,
    MemberState,
    OtherState,
    Paragraph,
    Record,
    Role,
    Source,
    source_order,
)
from khartoum_site.record.values import PartialDate


def term_dates(record: Record, term: Chairmanship) -> list[PartialDate]:
    """Every date a statement about a term gives: its year, its start, the days of the events it names."""
    events = record.events
    found = [term.period, term.since, term.until,
             *(events[e].date for e in (term.began_at, term.ended_at, term.at_meeting) if e in events)]
    return [d for d in found if d is not None]


def _holder(term: Chairmanship) -> str | None:
    return term.state or (f"others/{term.other_state}" if term.other_state else None)


def _within(day: PartialDate, span: PartialDate) -> bool:
    """Whether a date falls inside the year, month or day a statement gives (``span``)."""
    return (day.year == span.year and (span.month is None or day.month == span.month)
            and (span.day is None or day.day == span.day))


def _marks(record: Record, term: Chairmanship) -> list[tuple[PartialDate, str | None, str]]:
    """The days a statement pins its term to, each with the event it names there (None for a bare date) and
    what the day is to the term: ``start``, ``end`` or ``during`` (a meeting at which it shows the state in
    the chair)."""
    events = record.events
    found: list[tuple[PartialDate | None, str | None, str]] = [(term.since, None, "start"), (term.until, None, "end")]
    found += [(events[e].date, e, kind) for e, kind in
              ((term.began_at, "start"), (term.ended_at, "end"), (term.at_meeting, "during")) if e in events]
    return [(d, e, k) for d, e, k in found if d is not None]


def _joined_by(record: Record, holder: str | None, day: PartialDate, event: str | None,
               kind: str) -> list[Chairmanship]:
    """The statements of ``holder`` that agree with another state being at the head of the process on ``day``:
    one that names the same meeting (for its own start, end or presence there), or one whose own end (for a
    day the other state starts or is in the chair) or start (for a day the other state ends or is in the
    chair) is given as a month or day that holds ``day``. Such a statement says where the chair changed
    hands, so the two are not set side by side as unreconciled."""
    found = []
    for t in terms_in_order(record):
        if _holder(t) != holder:
            continue
        same_meeting = event is not None and event in (t.began_at, t.ended_at, t.at_meeting)
        ends_then = kind != "end" and t.until is not None and bool(t.until.month) and _within(day, t.until)
        starts_then = kind != "start" and t.since is not None and bool(t.since.month) and _within(day, t.since)
        if same_meeting or ends_then or starts_then:
            found.append(t)
    return found


def _in_year(record: Record, year_term: Chairmanship, other: Chairmanship) -> list[list[Chairmanship]]:
    """For each day of ``other`` inside the year of ``year_term``: the statements of ``year_term``'s state
    that agree with it (``_joined_by``; empty where none does)."""
    if year_term.period is None or _holder(year_term) == _holder(other) or _holder(other) is None:
        return []
    return [_joined_by(record, _holder(year_term), d, e, k) for d, e, k in _marks(record, other)
            if d.year == year_term.period.year]


def concurrent(record: Record, term: Chairmanship) -> list[Chairmanship]:
    """The statements that put another state in the chair within the year a statement gives for its term
    (``period``): a day another statement pins its term to falls inside that year. A day on which another
    statement of the first state agrees the chair changed hands (``_joined_by``: a meeting both name, or a
    month both give, one for the end of a term and one for the start of the next) is not counted: there the
    sources agree (``agreeing`` lists such pairs, ``handovers_within`` those joined by a meeting the two
    statements themselves name)."""
    def clashes(a: Chairmanship, b: Chairmanship) -> bool:
        days = _in_year(record, a, b) + _in_year(record, b, a)
        return bool(days) and not all(days)

    return [o for o in terms_in_order(record) if o is not term and clashes(term, o)]


def agreeing(record: Record, term: Chairmanship) -> list[tuple[Chairmanship, list[Chairmanship]]]:
    """For a statement that gives a year for its term: each statement of another state within that year
    that another statement of the record joins to it (see ``concurrent``), with the joining statements;
    the pairs ``handovers_within`` gives for either of the two are left to it."""
    handed = {o.id for o, _m in handovers_within(record, term)}
    found = []
    for other in terms_in_order(record):
        if other is term or other.id in handed or any(o is term for o, _m in handovers_within(record, other)):
            continue
        days = _in_year(record, term, other) + _in_year(record, other, term)
        if days and all(days):
            joining = {t.id: t for group in days for t in group if t is not term and t is not other}
            found.append((other, list(joining.values())))
    return found


def _leaves_at(term: Chairmanship) -> set[str]:
    """The meetings at which a statement has its state give up the chair."""
    return {e for e in (term.ended_at, term.at_meeting if term.called == "outgoing" else None) if e}


def _takes_over_at(term: Chairmanship) -> set[str]:
    """The meetings at which a statement has its state take the chair."""
    return {e for e in (term.began_at, term.at_meeting if term.called in ("incoming", "new") else None) if e}


def handovers_within(record: Record, term: Chairmanship) -> list[tuple[Chairmanship, Event]]:
    """For a statement that gives a year for its term (``period``): each statement of another state that
    names the same meeting, within that year, as where the chair changed hands (one of the two gives it
    up there and the other takes it), with the meeting. A pair is a handover only when the two statements
    themselves name the meeting: another statement of the same state naming it does not make one."""
    if term.period is None or _holder(term) is None:
        return []
    found: list[tuple[Chairmanship, Event]] = []
    for other in terms_in_order(record):
        if other is term or _holder(other) in (None, _holder(term)):
            continue
        shared = (_leaves_at(term) & _takes_over_at(other)) | (_takes_over_at(term) & _leaves_at(other))
        meetings = sorted((record.events[e] for e in shared if e in record.events), key=lambda e: e.date)
        found += [(other, m) for m in meetings if m.date.year == term.period.year][:1]
    return found


def terms_in_order(record: Record) -> list[Chairmanship]:
    """The statements about terms, by the earliest date each gives; the statements that give no date come
    last. Where they tie, by the date of their (first) source, then in the data's order."""
    def key(term: Chairmanship) -> tuple[int, tuple[int, int, int], tuple[int, tuple[int, int, int]]]:
        dates = term_dates(record, term)
        source = source_order(record.sources[term.cites[0].source])
        return (0, min(d.sort_key() for d in dates), source) if dates else (1, (0, 0, 0), source)
    return sorted(record.collection("chairs").values(), key=key)


def _latest_key(date: PartialDate) -> tuple[int, int, int]:
    """The last day a date given to the year or the month can stand for, as a sort key."""
    return (date.year, date.month or 12, date.day or 31)


def _committee_sources(record: Record) -> dict[str, list[CommitteeSeat]]:
    groups: dict[str, list[CommitteeSeat]] = {}
    for seat in record.collection("committee").values():
        groups.setdefault(seat.cites[0].source, []).append(seat)
    return groups


def undecided(record: Record, source: Source) -> list[Source]:
    """The other lists of the Steering Committee whose order against this one the record cannot tell: for a list
    without a date of its own that a bound places on or after a day (``not_before``), the dated lists that may
    fall on or after that day; for a dated list, the lists without a date whose bound it may follow."""
    lists = [record.sources[s] for s in _committee_sources(record)]

    def open_ended(undated: Source, dated: Source) -> bool:
        return (undated.date is None and undated.not_before is not None and dated.date is not None
                and _latest_key(dated.date) >= undated.not_before.sort_key())
    return [o for o in lists if o is not source and (open_ended(source, o) or open_ended(o, source))]


def committee_lists(record: Record) -> list[tuple[Source, list[CommitteeSeat]]]:
    """The Steering Committee as each source lists it, the lists in the order of their sources' dates. A list
    without a date of its own that a bound places on or after a day stands at that day, after a dated list of
    the same day; where a dated list may be as late as that day or later, the record cannot tell which is the
    later (``undecided``), and the pages say so beside the list; a list with no date at all comes last."""
    groups = _committee_sources(record)

    def key(source: Source) -> tuple[int, tuple[int, int, int], int]:
        if source.date is not None:
            return (0, source.date.sort_key(), 0)
        if source.not_before is not None:
            return (0, source.not_before.sort_key(), 1)
        return (1, (0, 0, 0), 1)
    return sorted(((record.sources[s], seats) for s, seats in groups.items()), key=lambda pair: key(pair[0]))


def seats_of(record: Record, *, state: str | None = None, other_state: str | None = None,
             organisation: str | None = None) -> list[CommitteeSeat]:
    """The seats the Steering Committee's lists give one state, other state or organisation of the record, in
    the order of the lists (``committee_lists``)."""
    def holds(seat: CommitteeSeat) -> bool:
        return ((state is not None and seat.state == state)
                or (other_state is not None and seat.other_state == other_state)
                or (organisation is not None and seat.organisation == organisation))
    return [s for _source, seats in committee_lists(record) for s in seats if holds(s)]


def committee_rows(record: Record, *, state: str | None = None, other_state: str | None = None,
                   organisation: str | None = None) -> list[tuple[Source, list[CommitteeSeat]]]:
    """Every list of the Steering Committee beside the seats it gives one holder, none where it does not
    name it, in the order of the lists; empty where no list names the holder, so a page shows the lists
    that leave a member out next to those that name it."""
    holder = {"state": state, "other_state": other_state, "organisation": organisation}
    mine = {s.id for s in seats_of(record, **holder)}
    if not mine:
        return []
    return [(source, [s for s in seats if s.id in mine]) for source, seats in committee_lists(record)]


def listing_source(record: Record, seat: CommitteeSeat) -> Source:
    """The source whose list a seat is in (its first citation: see ``committee_lists``)."""
    return record.sources[seat.cites[0].source]


def seat_held(record: Record, seat: CommitteeSeat) -> CommitteeSeat | None:
    """The seat of its list a member holds for a time (``holds_seat_of``), where the source says so."""
    return record.collection("committee").get(seat.holds_seat_of) if seat.holds_seat_of else None


def held_by(record: Record, seat: CommitteeSeat) -> list[CommitteeSeat]:
    """The members the source says hold this seat for a time."""
    return [s for s in record.collection("committee").values() if s.holds_seat_of == seat.id]


def _names(state: MemberState) -> set[str]:
    """How a source may write the state's name as host or chair: its name, with or without "the"."""
    return {n.casefold() for n in (state.name, state.name_in_sentence) if n}


def _written_as(written: tuple[str, ...], state: MemberState) -> str | None:
    names = _names(state)
    return next((w for w in written if w.casefold() in names or w.casefold() in {f"the {n}" for n in names}), None)


def without_stops(written: str, casefold: bool = True) -> str:
    """A name as written, white space made single, casefolded (unless not ``casefold``), initials without their
    stops (U.K. is UK, X10)."""
    text = " ".join(written.split())
    text = text.casefold() if casefold else text
    return re.sub(r"(?<![\w.])(?:\w\.){2,}", lambda m: m.group().replace(".", ""), text)


def initials(state: MemberState | OtherState) -> list[str]:
    """The initials of each name of the state of two capitalised words or more (United Kingdom: uk), casefolded:
    a name of the state too, for the check and the pages alike."""
    found = [[word[0] for word in name.split() if word[0].isupper()]
             for name in (state.name, state.name_in_sentence) if name]
    return ["".join(capitals).casefold() for capitals in found if len(capitals) >= 2]


# a state's formal name: a form of state, perhaps with capitalised words before it, "of", and the short name
_FORMAL = re.compile(r"(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+)*(?:Republic|Kingdom|State|Duchy|Principality|Confederation"
                     r"|Federation|Commonwealth|Sultanate|Emirate)\s+of\s+(?:the\s+)?(?P<short>[A-Z].*)")


def short_names(state: MemberState | OtherState) -> list[str]:
    """The short name inside each formal name of the state ("Republic of Austria": austria; "Kingdom of the
    Netherlands": netherlands), casefolded: a name of the state too, for the check and the pages alike (renamed
    to its formal name, Austria was no longer named by the declaration's "Austria")."""
    found = [_FORMAL.fullmatch(" ".join(name.split())) for name in (state.name, state.name_in_sentence) if name]
    return [match.group("short").casefold() for match in found if match]


def names_state(written: str, state: MemberState) -> bool:
    """Whether a name as a source writes it names the state, as whole words ("Arab Republic of Egypt" names
    Egypt; "Badr Abdelatty" and "the German Federal Foreign Office" name no state): where none of a meeting's
    written hosts or chairs does, the link to the state is the record's reading of its sources (U6)."""
    text = without_stops(written)
    names = [name.casefold().removeprefix("the ") for name in (state.name, state.name_in_sentence,
                                                               *state.also_written, *state.adjectives) if name]
    names += short_names(state)  # as the check reads them (W9), and initials in capitals ("ARE", not "are")
    capitals = without_stops(written, casefold=False)
    return any(re.search(f"(?<!\\w){re.escape(name)}(?!\\w)", text) for name in names) or any(
        re.search(f"(?<!\\w){re.escape(letters.upper())}(?!\\w)", capitals) for letters in initials(state))


def names_a_state(written: str, record: Record) -> bool:
    """Whether a name as a source writes it names one of the record's states or other states."""
    return any(names_state(written, state) for state in (*record.states.values(), *record.others.values()))


def _as_written(written: tuple[str, ...], state: MemberState, alone: bool = True) -> tuple[str, ...]:
    """The names a source gives a host or chair the record links to the state (``hosted_by``, ``chaired_by``):
    the matching name, or every name the source gives (a ministry, say) when none is the state's own; each one
    apart (joined, they were quoted as one name no source writes: an attack's Z5), none when it gives none, or
    when the record links other states too and no name is this one's (each state's page showed them all, Q9)."""
    matching = _written_as(written, state)
    return (matching,) if matching else written if alone else ()


@dataclass(frozen=True)
class Roles:
    """Every role the record gives a state in the process, each from its own collection."""

    declared: tuple[Role, ...]  # what the state's own entry says (the roles its sources give it)
    terms: list[Chairmanship]  # statements that it chaired the process
    seats: list[CommitteeSeat]  # lists of the Steering Committee that name it, in date order
    hosted: list[tuple[Event, tuple[str, ...]]]  # meetings it hosted, with the names as the sources write them
    chaired: list[tuple[Event, tuple[str, ...]]]  # meetings it chaired, with the names as the sources write them
    co_hosted: list[Event]  # meetings a source says it co-hosted (``co_hosted_by``)
    co_chaired: list[Event]  # meetings a source says it co-chaired (``co_chaired_by``)
    held_in: list[Event]  # meetings and milestones whose place is in it (``held_in``): a place, not a role

    def __bool__(self) -> bool:
        return bool(self.declared or self.terms or self.seats or self.hosted or self.co_hosted or self.chaired
                    or self.co_chaired)


def roles_of(record: Record, state: str) -> Roles:
    """What the record says a state did in the process: its declared roles, its terms as chair, its seats on
    the Steering Committee, the meetings it hosted, co-hosted, chaired or co-chaired (linked by
    ``hosted_by``, ``co_hosted_by``, ``chaired_by``, ``co_chaired_by``: a host or chair written with a state's
    name and not linked so is refused at check, a twenty-eighth attack's R3), and the meetings held in it."""
    entry = record.states[state]
    hosted = [(e, _as_written(e.host, entry, len(e.hosted_by.states) < 2)) for e in record.timeline()
              if state in e.hosted_by.states]
    chaired = [(e, _as_written(e.chair, entry, len(e.chaired_by.states) < 2)) for e in record.timeline()
               if state in e.chaired_by.states]
    terms = [t for t in terms_in_order(record) if t.state == state]
    seats = seats_of(record, state=state)
    co_hosted = [e for e in record.timeline() if state in e.co_hosted_by.states]
    co_chaired = [e for e in record.timeline() if state in e.co_chaired_by.states]
    held_in = [e for e in record.timeline() if e.held_in == state]
    return Roles(declared=entry.roles, terms=terms, seats=seats, hosted=hosted, co_hosted=co_hosted, chaired=chaired,
                 co_chaired=co_chaired, held_in=held_in)


def listed_in(record: Record, membership: Membership) -> list[tuple[Document, Paragraph]]:
    """For a statement that a state is named among a document's participants: the documents adopted at its
    event whose paragraph of participants (as the record marks it) names the state, with that paragraph."""
    if membership.how != "listed-participant" or membership.state is None or membership.at_event is None:
        return []
    return [(d, p) for d, p in record.participation(membership.state).listed_in if d.adopted_at == membership.at_event]
