"""The quotation check's search: every quotation of a text answered together, in time linear in the text and
the quotations (the timings: bench/quotations.py), with the same answers as ``str.find``."""

from __future__ import annotations

import pytest
from helpers import DataCopy, whole_words_in
from hypothesis import given, settings
from hypothesis import strategies as st

from khartoum_site.record.problems import DataError
from khartoum_site.record.sourcetext import SourceText, longest_prefixes
from khartoum_site.record.validate import load_record


def longest_start(quote: str, text: str) -> int:
    return max(n for n in range(len(quote) + 1) if quote[:n] in text)


quotes_of = st.lists(st.text(alphabet="ab c", max_size=12), max_size=30)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(alphabet="ab c\u2019", max_size=300), quotes_of, st.lists(st.tuples(st.integers(0, 300),
                                                                                  st.integers(0, 40)), max_size=20))
def test_the_automaton_finds_what_str_find_finds(text: str, made_up: list[str], cuts: list[tuple[int, int]]) -> None:
    quotes = made_up + [text[start:start + length] for start, length in cuts]  # some there, some not
    assert longest_prefixes(quotes, text) == {quote: longest_start(quote, text) for quote in quotes}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.text(alphabet="ab c", max_size=300), quotes_of)
def test_settling_together_answers_as_asking_one_by_one(text: str, quotes: list[str]) -> None:
    for find_at_most, searches in ((0, 0), (1000, 0), (1000, 1000)):  # the automaton; str.find, and halving
        source = SourceText(text)
        source.FIND_AT_MOST = find_at_most
        source.PREFIX_SEARCHES_AT_MOST = searches
        with source.learning():
            assert all(quote not in source for quote in quotes)  # learning: no answer yet
        assert {quote: quote in source for quote in quotes} == {quote: whole_words_in(quote, text) for quote in quotes}
        assert {quote: source.matched_prefix(quote) for quote in quotes} == {
            quote: quote[:longest_start(quote, text)] for quote in quotes}


def test_many_quotations_in_one_note_are_checked_and_a_wrong_one_named(
        data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """More quotations of one source than str.find is used for: the automaton answers, the wrong one is
    reported with where it differs, as before."""
    monkeypatch.setattr(SourceText, "FIND_AT_MOST", 2)
    quoted = ["“The European Commission”", "“also participate”", "“as key partners”", "“European Commission and”"]
    wrong = "“as key partnerz”"
    line = data_copy.replace("organisations.yml", "  name: European Commission\n",
                             "  name: European Commission\n  notes:\n    - " + " ".join([*quoted, wrong]) + "\n")
    with pytest.raises(DataError) as caught:
        load_record(data_copy.data)
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (line + 2, "notes[0]")
    assert problem.detail == ("the quotation “as key partnerz” is not word for word in the text of 'announcement', "
                              "'outcome-report' (it matches up to '…as key partner' and differs from there)")

