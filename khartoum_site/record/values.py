"""The plain values every entry of the record shares: where it is written, and a date as precise as its source."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Origin:
    """Where a record is written in data/, for messages and edit links."""

    file: str
    line: int
    column: int = 1
    # (field, line, column) of each field given, so later checks can point at the value itself
    fields: tuple[tuple[str, int, int], ...] = ()
    # (field, index in the record's list, index in the file's list, line, column) of each item of a list of texts:
    # an item refused is left out of the record's list, and later items keep their place in the file (X16); for
    # the check's messages only: not stored with the pages, not compared
    items: tuple[tuple[str, int, int, int, int], ...] = field(default=(), compare=False)

    def line_of(self, field_name: str) -> tuple[int, int]:
        """Line and column of a field's value, or of the record if the field is not given."""
        for name, line, column in self.fields:
            if name == field_name:
                return line, column
        return self.line, self.column

    def item_of(self, field_name: str, index: int) -> tuple[int, int, int]:
        """The index in the file, line and column of the item at ``index`` of a list of texts in the record."""
        found = self._items_by_place.get((field_name, index))
        return found if found is not None else (index, *self.line_of(field_name))

    @functools.cached_property
    def _items_by_place(self) -> dict[tuple[str, int], tuple[int, int, int]]:
        # found by a walk over every item each time, a list of thousands with a problem each took a minute (V19)
        found: dict[tuple[str, int], tuple[int, int, int]] = {}
        for name, kept, written, line, column in self.items:
            found.setdefault((name, kept), (written, line, column))
        return found


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, as the sources give it."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        return "-".join([f"{self.year:04d}", *(f"{p:02d}" for p in (self.month, self.day) if p is not None)])

    def display(self) -> str:
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day is not None else f"{month} {self.year}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True, order=True)
class DayWithoutYear:
    """A day and a month that a source gives with no year (a dateline such as "April 9"): written ``--MM-DD``, as
    ISO 8601 writes a date without its year."""

    month: int
    day: int

    def iso(self) -> str:
        return f"--{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        return f"{self.day} {calendar.month_name[self.month]}, with no year"
