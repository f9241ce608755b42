"""Which fields of which entries each generated page reads: what a server's rebuild needs to render again
only the pages that read what an edit changed.

While :meth:`Reads.tracing` is on, every attribute read on an entry of the record (``model.Entry`` and its
classes: a state, a paragraph, a withdrawn source) is noted as ``(key, name)`` under the page being made
(:meth:`Reads.begin`), or under ``shared`` outside any page (what ``build_pages`` works out once for every
page). The reads are noted however the entry was reached: through its collection, an index of the record,
a helper of ``history`` or ``roles``, or a value worked out before the page and handed to it. What an entry
holds (a citation, a date, the mentions) is read through a field of the entry, so it is noted by that field.

What is not an attribute of an entry is compared as a whole by :func:`shape`: the keys of every collection
in their order, each document's paragraphs, the withdrawn entries, and the record's indexes (who names and
who cites what). An edit that changes the shape, or a field read outside every page, makes every page again.
"""

from __future__ import annotations

import dataclasses
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from khartoum_site.record import model

Read = tuple[str, str]
"""(an entry's key, the attribute read); a key of ``@`` names an input that is not an entry (the map)."""
EVERY_FIELD = "*"
"""Read as the entry's ``__dict__`` (every field at once); noted as changed whenever any field changed."""

_ACTIVE: list[Reads] = []  # the reads being noted (one at most): the hook reads it


def entries_by_key(record: model.Record) -> dict[str, model.Entry]:
    """Every entry of the record by a key of its own, in the record's order: each collection's entries, each
    document's paragraphs (``¶`` and the paragraph's key), then the withdrawn entries (``-`` and their key)."""
    found: dict[str, model.Entry] = {}
    for collection in model.COLLECTIONS:
        for ident, entry in record.collection(collection.name).items():
            found[f"{collection.name}/{ident}"] = entry
    for document in record.documents.values():
        for paragraph in document.paragraphs:
            found[f"¶{paragraph.key}"] = paragraph
    for key, entry in record.withdrawn.items():
        found[f"-{key}"] = entry
    return found


def shape(record: model.Record, entries: dict[str, model.Entry]) -> tuple[Any, ...]:
    """What the pages may depend on besides the entries' fields: which entries there are, in which order, and
    the record's indexes (by the keys of the entries they list). Equal shapes make the same pages from the same
    fields."""
    key_of = {id(entry): key for key, entry in entries.items()}
    named, cited = record.indexes()
    return (tuple(entries),
            tuple((pair, tuple(key_of.get(id(m), "?") for m in found)) for pair, found in named.items()),
            tuple((source, tuple(key_of.get(id(e), "?") for e in found)) for source, found in cited.items()))


def changed_fields(before: dict[str, model.Entry], after: dict[str, model.Entry]) -> set[Read] | None:
    """The (key, field) of every field that differs between two records' entries of the same keys; None when the
    keys differ. A document's ``paragraphs`` are compared as its paragraphs, each an entry of its own (their
    order is the shape's)."""
    if before.keys() != after.keys():
        return None
    found: set[Read] = set()
    for key, old in before.items():
        new = after[key]
        if old is new:
            continue
        if type(old) is not type(new):
            return None
        fields = [f.name for f in dataclasses.fields(old)
                  if not (f.name == "paragraphs" and isinstance(old, model.Document))]
        differ = {(key, name) for name in fields if getattr(old, name) != getattr(new, name)}
        if differ:
            found |= differ | {(key, EVERY_FIELD)}
    return found


class Reads:
    """The reads of each page made while tracing, and those made outside every page (``shared``).

    A page's reads are kept compact (a server holds them between rebuilds, a million at ten times the data): each
    read is numbered once in ``table`` (shared by a server's successive notes, so the numbers of a page kept from
    the last rebuild still hold) and a page keeps the sorted numbers of what it read, four bytes each, where a set
    of pairs took about a hundred and thirty (101 MB at ten times the data; bench/README)."""

    def __init__(self, entries: dict[str, model.Entry], table: dict[Read, int] | None = None) -> None:
        self.key_of = {id(entry): key for key, entry in entries.items()}
        self.table: dict[Read, int] = table if table is not None else {}
        self.by_page: dict[str, array[int]] = {}
        self.shared: set[Read] = set()
        self.current = self.shared
        self.page: str | None = None  # the page whose reads ``current`` holds

    def begin(self, path: str) -> None:
        """Note the reads from here to :meth:`end` under the page at ``path``."""
        self._close()
        self.page, self.current = path, set()

    def end(self) -> None:
        self._close()
        self.current = self.shared

    def _close(self) -> None:
        if self.page is not None:
            table = self.table
            numbers = {table.setdefault(read, len(table)) for read in self.current}
            numbers.update(self.by_page.get(self.page, ()))
            self.by_page[self.page] = array("I", sorted(numbers))
            self.page = None

    def numbers(self, reads: set[Read]) -> list[int]:
        """The numbers of those of ``reads`` that some page read, in order (a read no page made has none)."""
        return sorted(self.table[read] for read in reads if read in self.table)

    def read_any(self, path: str, numbers: list[int]) -> bool:
        """Whether the page at ``path`` read any of the reads numbered ``numbers`` (:meth:`numbers`)."""
        found = self.by_page[path]
        if len(numbers) > 16:  # many changed: one pass over the page's reads
            return not set(numbers).isdisjoint(found)
        for number in numbers:
            at = bisect_left(found, number)
            if at < len(found) and found[at] == number:
                return True
        return False

    def pages_reading(self, reads: set[Read]) -> set[str]:
        """The pages that read any of ``reads``."""
        numbers = self.numbers(reads)
        return {path for path in self.by_page if numbers and self.read_any(path, numbers)}

    @contextmanager
    def aside(self) -> Iterator[None]:
        """Note nothing of the reads inside: what is made there is made every time, never reused."""
        before, self.current = self.current, set()
        try:
            yield
        finally:
            self.current = before

    def note(self, what: str) -> None:
        """Note that the page being made reads an input other than an entry (``@``, ``what``)."""
        self.current.add(("@", what))

    @contextmanager
    def tracing(self) -> Iterator[Reads]:
        if _ACTIVE:
            raise RuntimeError("reads are already being traced")
        _ACTIVE.append(self)
        model.Entry.__getattribute__ = _traced  # type: ignore[method-assign]
        try:
            yield self
        finally:
            del model.Entry.__getattribute__
            _ACTIVE.clear()
            self._close()
            self.current = self.shared


def _traced(entry: object, name: str) -> Any:
    value = object.__getattribute__(entry, name)
    if _ACTIVE:
        reads = _ACTIVE[0]
        key = reads.key_of.get(id(entry))
        if key is not None:
            reads.current.add((key, EVERY_FIELD if name == "__dict__" else name))
    return value
