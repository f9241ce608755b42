"""Membership as at a date: read from the dated statements only, with disagreements and undated ones apart."""

from __future__ import annotations

import pytest
from helpers import DataCopy

from khartoum_site.record import history, roles
from khartoum_site.record.validate import load_record

# made-up statements cite a source with no text in the record: a name "as the source writes it" is held to a text
CITE = "  cites:\n    - source: eeas\n      locator: a test\n"


def statement(ident: str, name: str, how: str, *, state: str | None = None, at: str | None = None,
              date: str | None = None) -> str:
    lines = [f"- id: {ident}", f"  name: {name}", f"  how: {how}"]
    lines += [f"  state: {state}"] if state else []
    lines += [f"  at_event: {at}"] if at else []
    lines += [f"  date: {date}"] if date else []
    return "\n".join(lines) + "\n" + CITE


@pytest.fixture
def record(data_copy: DataCopy):  # type: ignore[no-untyped-def]
    """Two lists (Rome 2014: Egypt, Italy and a state outside the record; Cairo 2025: Egypt, Italy, Norway),
    a dated joining (Kenya, 2016-05) and an undated one (Uganda)."""
    (data_copy.data / "memberships.yml").write_text("".join([
        statement("egypt-rome", "Egypt", "signed-rome-declaration", state="egypt", at="rome-2014"),
        statement("italy-rome", "Italy", "signed-rome-declaration", state="italy", at="rome-2014"),
        statement("outside-rome", "Ruritania", "signed-rome-declaration", at="rome-2014"),
        statement("kenya-joined", "Kenya", "became-member", state="kenya", date="2016-05"),
        statement("uganda-joined", "Uganda", "became-member", state="uganda"),
        statement("egypt-cairo", "Egypt", "listed-participant", state="egypt", at="cairo-ministerial-2025"),
        statement("italy-cairo", "Italy", "listed-participant", state="italy", at="cairo-ministerial-2025"),
        statement("norway-cairo", "Norway", "listed-participant", state="norway", at="cairo-ministerial-2025"),
    ]), encoding="utf-8")
    return load_record(data_copy.data)


def ids(statements: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(m.id for m in statements)


def test_before_the_first_list_the_record_names_no_member(record) -> None:  # type: ignore[no-untyped-def]
    found = history.members_as_at(record, (2013, 12, 31))
    assert (found.latest, found.members, found.earlier_only) == (None, [], [])
    assert ids(found.undated) == ["uganda-joined"]


def test_a_joining_dated_to_the_month_counts_only_once_the_month_is_over(record) -> None:  # type: ignore[no-untyped-def]
    in_may = history.members_as_at(record, (2016, 5, 15))
    assert ids(in_may.members) == ["egypt-rome", "italy-rome", "outside-rome"]
    assert in_may.joined_since == []
    after = history.members_as_at(record, (2016, 12, 31))
    assert ids(after.joined_since) == ["kenya-joined"]
    assert ids(after.undated) == ["uganda-joined"]


def test_a_later_list_that_leaves_a_state_out_shows_it_apart_without_a_reason(record) -> None:  # type: ignore[no-untyped-def]
    found = history.members_as_at(record, (2025, 12, 31))
    assert found.latest is not None
    assert found.latest.at_event == "cairo-ministerial-2025"
    assert ids(found.members) == ["egypt-cairo", "italy-cairo", "norway-cairo"]
    # Named in Rome, or joined in 2016, and not in the 2025 list: kept, apart.
    assert ids(found.earlier_only) == ["kenya-joined", "outside-rome"]
    assert ids(found.joined_since) == []


def test_the_years_run_from_the_first_dated_statement_to_the_last(record) -> None:  # type: ignore[no-untyped-def]
    assert history.years(record) == list(range(2014, 2026))


def test_an_undated_statement_bounded_by_another_source_is_left_out_before_its_bound(
        data_copy: DataCopy) -> None:
    """Uganda's joining has no date, but a source places it not before May 2017: the membership at the end of
    2016 leaves it out of the statements it cannot place, and that of 2017 keeps it there. The years reach the
    bound's (an attack's BD14: a bound after the last year was on no page)."""
    (data_copy.data / "memberships.yml").write_text("".join([
        statement("egypt-rome", "Egypt", "signed-rome-declaration", state="egypt", at="rome-2014"),
        statement("uganda-joined", "Uganda", "became-member", state="uganda")
        + "    - source: jvap\n      locator: the source that bounds it\n"  # (a bound is another source's: BD14)
        + "  not_before: 2017-05\n",
    ]), encoding="utf-8")
    record = load_record(data_copy.data)
    assert history.years(record)[-1] == 2017  # the year of its bound has a page (BD14)
    assert ids(history.members_as_at(record, (2016, 12, 31)).undated) == []
    assert ids(history.members_as_at(record, (2017, 4, 30)).undated) == []
    assert ids(history.members_as_at(record, (2017, 5, 1)).undated) == ["uganda-joined"]
    assert ids(history.members_as_at(record, (2017, 12, 31)).undated) == ["uganda-joined"]


def chair(ident: str, name: str, state: str, **fields: str) -> str:
    lines = [f"- id: {ident}", f"  name: {name}", f"  state: {state}", *(f"  {k}: {v}" for k, v in fields.items())]
    return "\n".join(lines) + "\n" + CITE


@pytest.mark.parametrize(("other_fields", "side_by_side"), [
    ({"since": "2022-06", "called": "new"}, True),  # another state in the chair inside the year
    ({"at_meeting": "eu-africa-summit-2022"}, False),  # in the chair at the meeting where the year's term ended
    ({"until": "2022-03"}, True),  # another state's term ends inside the year
    ({"since": "2023-11"}, False),  # another year
    ({"began_at": "eu-africa-summit-2022"}, False),  # the handover both statements name
])
def test_a_year_of_one_state_is_set_beside_another_state_in_the_chair_that_year(
        data_copy: DataCopy, other_fields: dict[str, str], side_by_side: bool) -> None:
    (data_copy.data / "memberships.yml").write_text("".join([
        statement("egypt-rome", "Egypt", "signed-rome-declaration", state="egypt", at="rome-2014"),
        statement("italy-rome", "Italy", "signed-rome-declaration", state="italy", at="rome-2014"),
    ]), encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text("".join([
        chair("italy-2022", "Italy", "italy", period="2022", ended_at="eu-africa-summit-2022"),
        chair("egypt-statement", "Egypt", "egypt", **other_fields),
        chair("italy-again", "Italy", "italy", at_meeting="eu-africa-summit-2022"),  # the same state: no clash
    ]), encoding="utf-8")
    record = load_record(data_copy.data)
    year = record.collection("chairs")["italy-2022"]
    assert [t.id for t in roles.concurrent(record, year)] == (["egypt-statement"] if side_by_side else [])
