"""The process over time, as the record's dated statements give it: who is named a member as at a date.

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

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from khartoum_site.record.model import Chairmanship, Event, Membership, Record, Source, label_of
from khartoum_site.record.values import PartialDate

# The ways of becoming a member that name a whole list of states at once, with the list's document.
LISTS = ("signed-rome-declaration", "listed-participant", "listed-member")


def when(record: Record, membership: Membership) -> PartialDate | None:
    """The date of a statement: its own, else its event's, else none."""
    if membership.date is not None:
        return membership.date
    if membership.at_event is not None and membership.at_event in record.events:
        return record.events[membership.at_event].date
    return None


def latest_day_anywhere() -> datetime.date:
    """Today where it is latest on Earth (UTC+14, the earliest time zone): no date of the record, no reading of
    a source and no date of the data may be later, in whatever time zone the command runs."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=14)).date()


def last_day(date: PartialDate) -> tuple[int, int, int]:
    """The end of the span a date names, as (year, month, day): a year's or a month's end (31 is enough)."""
    return (date.year, date.month or 12, date.day or 31)


def first_day(date: PartialDate) -> tuple[int, int, int]:
    """The start of the span a date names, as (year, month, day)."""
    return (date.year, date.month or 1, date.day or 1)


def days_between(earlier: tuple[int, int, int], later: tuple[int, int, int]) -> int:
    """The days from one day to another, each as ``first_day`` or ``last_day`` gives it: a month's "31st" is read as
    its last day (a source dated June 2023 stopped check with a ValueError: an attack's BS11)."""
    def day(year: int, month: int, number: int) -> datetime.date:
        return datetime.date(year, month, min(number, calendar.monthrange(year, month)[1]))
    return (day(*later) - day(*earlier)).days


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
    same_day: list[Membership] = field(default_factory=list)  # named by another list of its day, not by it
    invited: list[Membership] = field(default_factory=list)  # dated invitations: an invitation names no member
    # dated too loosely to tell before or after the latest list ("2014" beside a list of 28 November 2014)
    unplaced: list[Membership] = field(default_factory=list)
    undated: list[Membership] = field(default_factory=list)  # statements the record cannot date
    # undated statements another source bounds to a later day: left out of the day's membership, and said to be
    bounded_later: list[Membership] = field(default_factory=list)


def who(membership: Membership) -> str:
    """A state's key in these comparisons: its id in the record, else its name as written."""
    if membership.state:
        return membership.state
    return f"others/{membership.other_state}" if membership.other_state else membership.name


def list_day(record: Record, membership: Membership) -> PartialDate | None:
    """The day of the list a statement is of: its event's, where it gives one (a statement of the list dated less
    precisely, "2025-04", made a list of its own, and the home page's latest list named one state: an attack's BD1),
    else its own date (``when``)."""
    event = record.events.get(membership.at_event) if membership.at_event else None
    return event.date if event is not None else when(record, membership)


def lists(record: Record) -> list[StateList]:
    """The dated lists of states, oldest first: each the statements of one kind and day, at one event, that cite
    one source (a statement citing two sources is of the list of each). A statement of another source at the meeting
    was counted into the declaration's list, which no source gives (an attack's BA1); joined by any source they
    shared, one statement citing two sources joined two lists into one (BC1). A statement that gives no event is of
    the list of its source and day at the one event there is (BA2, BB1). Of the lists of one day, the longest is
    last (``members_as_at`` reads the last as the latest). A list at an event is of the event's first day."""
    groups: dict[tuple[str, PartialDate, str, str | None], list[Membership]] = {}
    for membership in record.collection("memberships").values():
        date = list_day(record, membership)
        if membership.how in LISTS and date is not None:
            for source in dict.fromkeys(cite.source for cite in membership.cites) or ("",):
                groups.setdefault((membership.how, date, source, membership.at_event), []).append(membership)
    order = {id(m): i for i, m in enumerate(record.collection("memberships").values())}
    for key in [key for key in groups if key[3] is None]:
        evented = [other for other in groups if other[:3] == key[:3] and other[3] is not None]
        if len(evented) == 1:
            groups[evented[0]] = sorted([*groups[evented[0]], *groups.pop(key)], key=lambda m: order[id(m)])
    found = [StateList(how, date, event, tuple(ms)) for (how, date, _, event), ms in groups.items()]
    return sorted(found, key=lambda a_list: (a_list.date.sort_key(), len(a_list.statements)))


def members_as_at(record: Record, end: tuple[int, int, int], dated: list[StateList] | None = None) -> MembersAsAt:
    """Membership as the record's statements give it, as at the end of the day ``end``. ``dated``: the record's
    ``lists``, made once by a caller that asks of many days (the check)."""
    found = MembersAsAt(end)
    known = [a_list for a_list in (lists(record) if dated is None else dated) if _on_or_before(a_list.date, end)]
    if known:
        found.latest = known[-1]
        # "the Netherlands", as a list writes it, sorts under N
        found.members = sorted(found.latest.statements, key=lambda m: re.sub(r"^the\s+", "", m.name, flags=re.I)
                               .casefold())
        named = found.latest.names()
        seen: set[str] = set()
        for earlier in reversed(known[:-1]):
            # (a list of the same day is no earlier one: said apart; nor is one dated too loosely to place before
            # it, "2025" beside a list of 9 April 2025: an attack's BD10)
            then = (found.same_day if earlier.date == found.latest.date
                    else found.unplaced if last_day(earlier.date) >= first_day(found.latest.date)
                    else found.earlier_only)
            for membership in earlier.statements:
                if who(membership) not in named and who(membership) not in seen:
                    then.append(membership)
                    seen.add(who(membership))
    listed = {who(m) for m in found.members}
    latest_key = found.latest.date.sort_key() if found.latest else (0, 0, 0)
    for membership in record.collection("memberships").values():
        if membership.how in LISTS:
            continue
        date = when(record, membership)
        if membership.how == "invited" and date is not None:
            # counted as a joining on eight year pages, while the state's page and the check count none (BD7)
            if _on_or_before(date, end) and who(membership) not in listed:
                found.invited.append(membership)
            continue
        if date is None:
            bound = membership.not_before
            if who(membership) in listed:
                continue
            if bound is None or first_day(bound) <= end:
                found.undated.append(membership)
            else:
                found.bounded_later.append(membership)
        elif not _on_or_before(date, end) or who(membership) in listed:
            continue
        elif found.latest is not None and first_day(date) <= last_day(found.latest.date) \
                and last_day(date) >= first_day(found.latest.date):
            # neither earlier nor later than the list: "2014", or the list's own day, was "named in an earlier
            # list" beside a list of 28 November 2014, while the state's page had it a member from 2014 (BD2)
            found.unplaced.append(membership)
        elif date.sort_key() > latest_key:
            found.joined_since.append(membership)
            listed.add(who(membership))
        else:  # a joining the latest list does not bear out: the sources differ
            found.earlier_only.append(membership)
    joined = {who(m) for m in found.joined_since}  # a member by the page is not also set apart by it (BD6)
    found.earlier_only = [m for m in found.earlier_only if who(m) not in joined]
    return found


def last_dated(record: Record) -> PartialDate | None:
    """The date of the latest dated statement about membership: what the record can answer up to."""
    dated = [d for m in record.collection("memberships").values() if (d := when(record, m)) is not None]
    return max(dated, key=lambda d: d.sort_key()) if dated else None


def years(record: Record) -> list[int]:
    """The years the record can answer for: from its first dated statement to its last, or to the last year of a
    source's count of the members (its page shows the count: one of a year after the last statement was on no page,
    an attack's AV4), or of an undated statement's bound."""
    dated = [d.year for m in record.collection("memberships").values() if (d := when(record, m)) is not None]
    counted = [year for source in record.sources.values() if (year := count_year(record, source)) is not None]
    # and to the year of a bound: a statement bounded after the last year was on no page, while the page before
    # sent the reader to "the pages of the years from their bound on" (an attack's BD14)
    bounded = [m.not_before.year for m in record.collection("memberships").values() if m.not_before] if dated else []
    return list(range(min(dated + counted), max(dated + counted + bounded) + 1)) if dated or counted else []


def first_event(record: Record) -> Event | None:
    """The record's earliest event (its timeline's start), or None for a record of none."""
    return min(record.events.values(), key=lambda event: event.date.sort_key(), default=None)


def count_year(record: Record, source: Source) -> int | None:
    """The year whose membership page shows a source's count of the members: the source's own, or, for an undated
    one, the year of the meeting the record reads it as about (``member_count_read_at``)."""
    if not source.member_count:
        return None
    if source.date is not None:
        return source.date.year
    event = record.events.get(source.member_count_read_at or "")
    return event.date.year if event is not None and event.date is not None else None


def earliest(record: Record, state: str) -> Membership | None:
    """The earliest dated statement that names a state a member (not one that it was invited)."""
    dated = [(d, m) for m in record.collection("memberships").values()
             if m.state == state and m.how != "invited" and (d := when(record, m)) is not None]
    return min(dated, key=lambda pair: pair[0].sort_key())[1] if dated else None


MEMBER, UNDATED, UNPLACED, DIFFERING, ABSENT = "member", "undated", "unplaced", "differing", "absent"
"""How the record's statements place a state at a date (``standing``)."""


def key_of(collection: str, ident: str) -> str:
    """A state's key in these comparisons (``who``), from its collection and id: a chair's, a host's."""
    return f"others/{ident}" if collection == "others" else ident


def standing(record: Record, key: str, date: PartialDate,
             as_at: Callable[[tuple[int, int, int]], MembersAsAt] | None = None) -> str:
    """Whether the record names a state (its ``who`` key) a member by the end of ``date``:

    - ``MEMBER``: the latest list by then names it, or a dated statement after that list does;
    - ``DIFFERING``: an earlier list or statement names it and the latest list does not (the sources differ);
    - ``UNDATED``: only a statement the record cannot date names it: it can neither confirm nor contradict;
    - ``UNPLACED``: only a statement dated too loosely to place beside the latest list by then names it;
    - ``ABSENT``: no statement names it (a statement that it was invited does not).

    ``as_at``: ``members_as_at`` of this record, kept by a caller that asks of many dates (the check).
    """
    found = (as_at or (lambda end: members_as_at(record, end)))(last_day(date))

    def named(statements: list[Membership]) -> set[str]:
        return {who(m) for m in statements if m.how != "invited"}  # an invitation names no member

    if key in named([*found.members, *found.joined_since]):
        return MEMBER
    if key in named(found.earlier_only):
        return DIFFERING
    if key in named(found.undated):
        return UNDATED
    if key in named(found.unplaced):
        return UNPLACED
    return ABSENT


def of_term(term: Chairmanship) -> str | None:
    """The key of the state that held a term (as ``who`` gives it), if the record links one."""
    if term.state:
        return term.state
    return key_of("others", term.other_state) if term.other_state else None


def term_bounds(record: Record, term: Chairmanship) -> tuple[PartialDate | None, PartialDate | None]:
    """When a term began and ended, as exactly as its statement says (an event's day, else ``since``)."""
    events = record.events
    start = events[term.began_at].date if term.began_at in events else term.since
    return start, (events[term.ended_at].date if term.ended_at in events else term.until)


def as_at(record: Record) -> PartialDate | None:
    """The record's as-at date: the latest day one of its sources was read (``accessed``). The record
    knows nothing later, so no fact in it can be dated later. None when no source gives the day it was read:
    a source's own date says when it was written, not how far the record reaches (a record of old sources
    only is not bounded by them)."""
    days = [s.accessed for s in record.sources.values() if s.accessed is not None]
    return max(days, key=lambda d: last_day(d)) if days else None


def describe_list(record: Record, a_list: StateList) -> str:
    """A dated list as a message names it: its kind, and its event or date."""
    event = record.events.get(a_list.at_event) if a_list.at_event else None
    where = f"event '{event.id}', {a_list.date.display()}" if event else a_list.date.display()
    # the record's own kind of statement, not a source's words: no quotation marks (an attack's Y17)
    return f"of the kind {label_of(a_list.statements[0], 'how').lower()}, {where}"


def term_held(record: Record, term: Chairmanship) -> tuple[PartialDate, str] | None:
    """The first date a statement about a term shows its state in the chair, and what that date is: its start or
    its year, else the meeting at which the source shows the chair, else its end (a term given by its meeting alone
    escaped the check that its state was a member: an attack's BD4). None when it gives no date."""
    start, end = term_bounds(record, term)
    meeting = record.events[term.at_meeting].date if term.at_meeting in record.events else None
    for date, what in ((start or term.period, "when this term begins"),
                       (meeting, "the date of the meeting at which the source shows it in the chair"),
                       (end, "when this term ends")):
        if date is not None:
            return date, what
    return None


def term_standing(record: Record, term: Chairmanship) -> str | None:
    """How the record's statements place a term's state at the first date it is shown in the chair (``standing``,
    ``term_held``); None when the record links no state or gives no date."""
    key = of_term(term)
    held = term_held(record, term)
    return standing(record, key, held[0]) if key is not None and held is not None else None
