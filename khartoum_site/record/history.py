"""The process over time, as the record's dated statements give it: who is named a member as at a date, and
who chaired, sat on the Steering Committee, hosted or chaired a meeting.

The record holds statements, not a register: a list of states that signed or took part in a document
(the Rome Declaration's signatories, the participants of the Cairo declaration) with that document's
date, and statements that a state became a member or was invited, dated only where a source dates them.
Membership as at a date is read from them and from nothing else:

- the latest *list* dated on or before the date names the members it names;
- a dated statement that a state became a member, after that list and on or before the date, adds it;
- a state named by an earlier list (or an earlier dated joining) but not by the latest is shown apart:
  the sources differ, and the record says so without a reason no source gives;
- an undated statement is shown apart too: the record cannot place it before or after the date.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from khartoum_site.record.model import (
    Chairmanship,
    CommitteeSeat,
    Document,
    Event,
    Membership,
    MemberState,
    Paragraph,
    Record,
    Role,
    Source,
    source_order,
)
from khartoum_site.record.values import PartialDate

# The ways of becoming a member that name a whole list of states at once, with the list's document.
LISTS = ("signed-rome-declaration", "listed-participant")


def when(record: Record, membership: Membership) -> PartialDate | None:
    """The date of a statement: its own, else its event's, else none."""
    if membership.date is not None:
        return membership.date
    if membership.at_event is not None and membership.at_event in record.events:
        return record.events[membership.at_event].date
    return None


def last_day(date: PartialDate) -> tuple[int, int, int]:
    """The end of the span a date names, as (year, month, day): a year's or a month's end (31 is enough)."""
    return (date.year, date.month or 12, date.day or 31)


def _on_or_before(date: PartialDate, end: tuple[int, int, int]) -> bool:
    """Whether a date, however precise, falls wholly on or before ``end`` (a year's last day, say)."""
    return last_day(date) <= end


@dataclass(frozen=True)
class StateList:
    """One dated list of states: the statements of one kind at one event or date."""

    how: str
    date: PartialDate
    at_event: str | None
    statements: tuple[Membership, ...]

    def names(self) -> set[str]:
        return {who(m) for m in self.statements}


@dataclass
class MembersAsAt:
    """What the record says of membership as at the end of a day (``end``, as year, month, day)."""

    end: tuple[int, int, int]
    latest: StateList | None = None
    members: list[Membership] = field(default_factory=list)  # named by the latest list, or joined since
    joined_since: list[Membership] = field(default_factory=list)  # dated joinings after the latest list
    earlier_only: list[Membership] = field(default_factory=list)  # named earlier, not by the latest list
    undated: list[Membership] = field(default_factory=list)  # statements the record cannot date


def who(membership: Membership) -> str:
    """A state's key in these comparisons: its id in the record, else its name as written."""
    if membership.state:
        return membership.state
    return f"others/{membership.other_state}" if membership.other_state else membership.name


def lists(record: Record) -> list[StateList]:
    """The dated lists of states, oldest first."""
    groups: dict[tuple[str, str | None, PartialDate], list[Membership]] = {}
    for membership in record.collection("memberships").values():
        date = when(record, membership)
        if membership.how in LISTS and date is not None:
            groups.setdefault((membership.how, membership.at_event, date), []).append(membership)
    found = [StateList(how, date, event, tuple(ms)) for (how, event, date), ms in groups.items()]
    return sorted(found, key=lambda a_list: a_list.date.sort_key())


def members_as_at(record: Record, end: tuple[int, int, int]) -> MembersAsAt:
    """Membership as the record's statements give it, as at the end of the day ``end``."""
    found = MembersAsAt(end)
    known = [a_list for a_list in lists(record) if _on_or_before(a_list.date, end)]
    if known:
        found.latest = known[-1]
        found.members = sorted(found.latest.statements, key=lambda m: m.name.casefold())
        named = found.latest.names()
        seen: set[str] = set()
        for earlier in reversed(known[:-1]):
            for membership in earlier.statements:
                if who(membership) not in named and who(membership) not in seen:
                    found.earlier_only.append(membership)
                    seen.add(who(membership))
    listed = {who(m) for m in found.members}
    latest_key = found.latest.date.sort_key() if found.latest else (0, 0, 0)
    for membership in record.collection("memberships").values():
        if membership.how in LISTS:
            continue
        date = when(record, membership)
        if date is None:
            if who(membership) not in listed:
                found.undated.append(membership)
        elif not _on_or_before(date, end) or who(membership) in listed:
            continue
        elif date.sort_key() > latest_key:
            found.joined_since.append(membership)
            listed.add(who(membership))
        else:  # a joining the latest list does not bear out: the sources differ
            found.earlier_only.append(membership)
    return found


def last_dated(record: Record) -> PartialDate | None:
    """The date of the latest dated statement about membership: what the record can answer up to."""
    dated = [d for m in record.collection("memberships").values() if (d := when(record, m)) is not None]
    return max(dated, key=lambda d: d.sort_key()) if dated else None


def years(record: Record) -> list[int]:
    """The years the record can answer for: from its first dated statement to its last."""
    dated = [d.year for m in record.collection("memberships").values() if (d := when(record, m)) is not None]
    return list(range(min(dated), max(dated) + 1)) if dated else []


def earliest(record: Record, state: str) -> Membership | None:
    """The earliest dated statement that names a state a member (not one that it was invited)."""
    dated = [(d, m) for m in record.collection("memberships").values()
             if m.state == state and m.how != "invited" and (d := when(record, m)) is not None]
    return min(dated, key=lambda pair: pair[0].sort_key())[1] if dated else None


# --- who did what in the process: chairs, the Steering Committee, meetings ---------------------------------

def term_dates(record: Record, term: Chairmanship) -> list[PartialDate]:
    """Every date a statement about a term gives: its year, its start, the days of the events it names."""
    events = record.events
    found = [term.period, term.since, *(events[e].date for e in (term.began_at, term.ended_at) if e in events)]
    return [d for d in found if d is not None]


def terms_in_order(record: Record) -> list[Chairmanship]:
    """The statements about terms, by the earliest date each gives; the statements that give no date come
    last. Where they tie, by the date of their (first) source, then in the data's order."""
    def key(term: Chairmanship) -> tuple[int, tuple[int, int, int], tuple[int, tuple[int, int, int]]]:
        dates = term_dates(record, term)
        source = source_order(record.sources[term.cites[0].source])
        return (0, min(d.sort_key() for d in dates), source) if dates else (1, (0, 0, 0), source)
    return sorted(record.collection("chairs").values(), key=key)


def committee_lists(record: Record) -> list[tuple[Source, list[CommitteeSeat]]]:
    """The Steering Committee as each source lists it, the lists in the order of their sources' dates
    (``source_order``: an undated source at the date it cannot precede, else last)."""
    groups: dict[str, list[CommitteeSeat]] = {}
    for seat in record.collection("committee").values():
        groups.setdefault(seat.cites[0].source, []).append(seat)
    return sorted(((record.sources[s], seats) for s, seats in groups.items()),
                  key=lambda pair: source_order(pair[0]))


def listing_source(record: Record, seat: CommitteeSeat) -> Source:
    """The source whose list a seat is in (its first citation: see ``committee_lists``)."""
    return record.sources[seat.cites[0].source]


def _names(state: MemberState) -> set[str]:
    """How a source may write the state's name as host or chair: its name, with or without "the"."""
    return {n.casefold() for n in (state.name, state.name_in_sentence) if n}


def _written_as(written: tuple[str, ...], state: MemberState) -> str | None:
    names = _names(state)
    return next((w for w in written if w.casefold() in names or w.casefold() in {f"the {n}" for n in names}), None)


@dataclass(frozen=True)
class Roles:
    """Every role the record gives a state in the process, each from its own collection."""

    declared: tuple[Role, ...]  # what the state's own entry says (the roles its sources give it)
    terms: list[Chairmanship]  # statements that it chaired the process
    seats: list[CommitteeSeat]  # lists of the Steering Committee that name it, in date order
    hosted: list[tuple[Event, str]]  # meetings it hosted, with the name as the sources write it
    chaired: list[tuple[Event, str]]  # meetings it chaired, with the name as the sources write it

    def __bool__(self) -> bool:
        return bool(self.declared or self.terms or self.seats or self.hosted or self.chaired)


def roles_of(record: Record, state: str) -> Roles:
    """What the record says a state did in the process: its declared roles, its terms as chair, its seats on
    the Steering Committee and the meetings whose host or chair the sources write with its name."""
    entry = record.states[state]
    hosted = [(e, w) for e in record.timeline() if (w := _written_as(e.host, entry))]
    chaired = [(e, w) for e in record.timeline() if (w := _written_as(e.chair, entry))]
    terms = [t for t in terms_in_order(record) if t.state == state]
    seats = [s for _source, seats in committee_lists(record) for s in seats if s.state == state]
    return Roles(entry.roles, terms, seats, hosted, chaired)


def listed_in(record: Record, membership: Membership) -> list[tuple[Document, Paragraph]]:
    """For a statement that a state is named among a document's participants: the documents adopted at its
    event whose paragraph of participants (as the record marks it) names the state, with that paragraph."""
    if membership.how != "listed-participant" or membership.state is None or membership.at_event is None:
        return []
    return [(d, p) for d, p in record.participation(membership.state).listed_in if d.adopted_at == membership.at_event]
