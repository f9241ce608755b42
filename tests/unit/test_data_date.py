"""The data's date outside a git repository: the newest data file's time, said as a day."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DataCopy

from khartoum_site.outputs.downloads import newest_file_date, not_to_come
from khartoum_site.outputs.pageset import make_page_set
from khartoum_site.record.problems import DataError
from khartoum_site.record.validate import load_record


def test_the_newest_file_s_day_is_the_data_s_date(tmp_path: Path) -> None:
    data = tmp_path / "data"
    found = [(1_764_892_800.0, data / "states.yml"), (1_700_000_000.0, data / "events.yml")]  # 5 Dec 2025, Nov 2023
    assert newest_file_date(data, found) == "2025-12-05"


@pytest.mark.parametrize("seconds", [-99_999_999_999.0, 1e20])
def test_a_file_time_no_calendar_holds_is_a_problem_naming_the_file(tmp_path: Path, seconds: float) -> None:
    """A twelfth attack set every data file's time to year -1199 (a tarball with broken times): generate ended in a
    traceback, build said only "ValueError: year -1199 is out of range"."""
    data = tmp_path / "data"
    with pytest.raises(DataError) as refused:
        newest_file_date(data, [(seconds, data / "events.yml")])
    said = refused.value.report()
    assert "data/events.yml:1:1:" in said
    assert "its modification time" in said
    assert "is not a date; outside a git repository the data's date is the newest file's time" in said
    assert "Traceback" not in said


def test_a_data_date_after_today_is_a_problem() -> None:
    """A twelfth attack committed to data/ with GIT_COMMITTER_DATE=2099-01-01: every page said "The record as at 1
    January 2099" and the feed dated its entries so."""
    with pytest.raises(DataError) as refused:
        not_to_come("2099-01-01", "data", "the date of the last commit touching it")
    said = refused.value.report()
    assert "data:1:1: the data's date, 2099-01-01, the date of the last commit touching it, is after today" in said
    assert not_to_come("2026-12-05", "data", "the date of the last commit touching it") == "2026-12-05"


def test_a_data_date_before_the_record_s_first_event_is_a_problem(data_copy: DataCopy) -> None:
    """A thirteenth attack: ext4 clamps a file time it cannot hold to December 1901, and every page said the record
    stood "as at 13 December 1901", before anything it records."""
    record = load_record(data_copy.data)
    first = min(record.events.values(), key=lambda event: event.date.sort_key())
    with pytest.raises(DataError) as refused:
        make_page_set(record, data_copy.data, "X", None, "1901-12-13")
    assert [str(p) for p in refused.value.problems] == [
        f"data:1:1: the data's date, 1901-12-13, is before the earliest event it records ('{first.id}', "
        f"{first.date.display()}): every page would say the record stands as at that day; correct the date of the "
        "last commit, or the data files' times (touch them)"]
