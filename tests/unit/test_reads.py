"""The notes of what each generated page read (site/reads.py), kept compact: each read numbered once in a table
that a server's successive notes share, each page's reads its sorted numbers."""

from __future__ import annotations

from khartoum_site.record import model
from khartoum_site.site.reads import Read, Reads


def noted(reads: Reads, pages: dict[str, set[Read]]) -> None:
    for path, read in pages.items():
        reads.begin(path)
        reads.current.update(read)
        reads.end()


def test_a_page_is_found_by_any_field_it_read_and_only_by_those() -> None:
    reads = Reads({})
    noted(reads, {"states/austria.md": {("states/austria", "name"), ("sources/iso", "title")},
                  "states/italy.md": {("states/italy", "name")},
                  "index.md": {("@", "map")}})
    assert reads.pages_reading({("states/austria", "name")}) == {"states/austria.md"}
    assert reads.pages_reading({("sources/iso", "title"), ("states/italy", "name")}) == {"states/austria.md",
                                                                                          "states/italy.md"}
    assert reads.pages_reading({("@", "map")}) == {"index.md"}
    assert reads.pages_reading({("states/austria", "iso3"), ("states/spain", "name")}) == set()
    assert reads.pages_reading(set()) == set()
    many = {("states/austria", f"field{n}") for n in range(40)} | {("states/italy", "name")}
    assert reads.pages_reading(many) == {"states/italy.md"}  # many changed: the other way of looking


def test_a_page_begun_again_keeps_what_it_read_before() -> None:
    reads = Reads({})
    noted(reads, {"a.md": {("x", "one")}})
    noted(reads, {"a.md": {("x", "two")}})
    assert reads.pages_reading({("x", "one")}) == {"a.md"}
    assert reads.pages_reading({("x", "two")}) == {"a.md"}


def test_numbers_kept_from_the_last_notes_hold_in_the_next_ones() -> None:
    before = Reads({})
    noted(before, {"a.md": {("x", "one")}, "b.md": {("y", "one")}})
    after = Reads({}, before.table)
    after.by_page["a.md"] = before.by_page["a.md"]  # kept, as a server keeps a page not made again
    noted(after, {"b.md": {("z", "one"), ("x", "two")}})
    assert after.pages_reading({("x", "one")}) == {"a.md"}
    assert after.pages_reading({("y", "one")}) == set()
    assert after.pages_reading({("z", "one")}) == {"b.md"}


def test_reads_of_entries_are_noted_while_tracing_under_the_page_being_made() -> None:
    state = model.Entry.__new__(model.Entry)
    reads = Reads({"states/austria": state})
    with reads.tracing():
        reads.begin("states/austria.md")
        state.__dict__  # noqa: B018 -- every field at once
        reads.end()
        state.__class__  # noqa: B018 -- outside every page: shared
    assert reads.pages_reading({("states/austria", "*")}) == {"states/austria.md"}
    assert ("states/austria", "__class__") in reads.shared
