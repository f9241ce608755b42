"""The validator: each class of bad data is reported with file:line:column, the field and what was expected."""

from __future__ import annotations

import os
import re
import textwrap
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import DataCopy, cairo_of_two_days, markdown_html, participants_listed, whole_words_in, word_edge
from hypothesis import given, settings
from hypothesis import strategies as st

from khartoum_site.outputs.tables import tables
from khartoum_site.record import model
from khartoum_site.record.fields import character_name
from khartoum_site.record.problems import DataError, Problem
from khartoum_site.record.schema import DATA_FILES
from khartoum_site.record.sourcetext import SourceText
from khartoum_site.record.validate import _quotation_problems, _writes_number, load_record
from khartoum_site.record.values import Origin
from khartoum_site.site.gate import checked_record
from khartoum_site.site.pages import build_pages


def problems_of(copy: DataCopy) -> list[str]:
    """The problems `check` reports: the gate's (site/gate.py), the data folder's files included."""
    with pytest.raises(DataError) as caught:
        checked_record(copy.data)
    return [str(p) for p in caught.value.problems]


def test_real_data_is_valid() -> None:
    from helpers import DATA

    record = load_record(DATA)
    assert (len(record.states), len(record.organisations), len(record.paragraphs())) == (40, 8, 28)


def test_missing_required_field(data_copy: DataCopy) -> None:
    data_copy.replace("states.yml", '  iso3: "AUT"\n', "")
    start = data_copy.line_of("states.yml", "- id: austria")  # a missing field is reported at its record
    assert problems_of(data_copy) == [
        f"data/states.yml:{start}:3: state 'austria', field 'iso3': missing required field: expected "
        "an ISO 3166-1 alpha-3 code (three capital letters), found nothing"]


def test_wrong_type_unquoted_norway(data_copy: DataCopy) -> None:
    line = data_copy.replace("states.yml", 'iso2: "NO"', "iso2: NO")
    assert problems_of(data_copy) == [
        f"data/states.yml:{line}:9: state 'norway', field 'iso2': expected an ISO 3166-1 alpha-2 code "
        "(two capital letters), found the boolean false"]


def test_unknown_key_suggests_the_closest(data_copy: DataCopy) -> None:
    line = data_copy.replace("organisations.yml", "  acronym: IGAD", "  acronym: IGAD\n  acronim: IGAD")
    assert problems_of(data_copy) == [
        f"data/organisations.yml:{line + 1}:3: organisation 'igad', field 'acronim': unknown key 'acronim'; "
        "did you mean 'acronym'?"]


def test_duplicate_key(data_copy: DataCopy) -> None:
    line = data_copy.replace("topics.yml", "  name: Climate change\n", "  name: Climate change\n  name: Climate\n")
    assert problems_of(data_copy) == [
        f"data/topics.yml:{line + 1}:3: duplicate key 'name' (first given on line {line}); keep one of them"]


def test_duplicate_id_names_both_places(data_copy: DataCopy) -> None:
    first = data_copy.line_of("instruments.yml", "- id: agenda-2030")
    line = data_copy.replace("instruments.yml", "- id: agenda-2063", "- id: agenda-2030")
    problems = problems_of(data_copy)
    assert f"data/instruments.yml:{line}:7: instrument 'agenda-2030', field 'id': duplicate id 'agenda-2030': " \
        f"already used by the instrument at data/instruments.yml:{first}; ids must be unique" in problems


def test_unknown_reference_suggests_the_closest(data_copy: DataCopy) -> None:
    line = data_copy.replace("documents/cairo-2025.yml", "instruments: [rabat-process]",
                             "instruments: [rabat-proces]")
    assert problems_of(data_copy) == [
        f"data/documents/cairo-2025.yml:{line}:21: paragraph 'op-5', field 'mentions.instruments[0]': "
        "unknown instrument id 'rabat-proces'; did you mean 'rabat-process' or 'khartoum-process'?"]


@pytest.mark.parametrize(("new", "found"), [
    ("2025-02-30", "expected a real date, found '2025-02-30' (no such day or month)"),
    ("2025-13", "expected a real date, found '2025-13' (no such day or month)"),
    ("April 2025", "expected a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-04-09), found 'April 2025'"),
])
def test_bad_dates(data_copy: DataCopy, new: str, found: str) -> None:
    line = data_copy.replace("events.yml", "date: 2025-04-09", f"date: {new}")
    assert problems_of(data_copy) == [
        f"data/events.yml:{line}:9: event 'cairo-ministerial-2025', field 'date': {found}"]


def test_bad_id(data_copy: DataCopy) -> None:
    line = data_copy.replace("topics.yml", "- id: climate-change", "- id: Climate Change")
    problems = problems_of(data_copy)
    assert f"data/topics.yml:{line}:7: topic 'Climate Change', field 'id': expected an id of lowercase letters, " \
        "digits and hyphens (e.g. 'south-sudan'), found 'Climate Change'; did you mean 'climate-change'?" in problems


def test_paragraph_text_must_be_verbatim(data_copy: DataCopy) -> None:
    line = data_copy.replace("documents/cairo-2025.yml", "non-refoulement", "non refoulement")
    problems = problems_of(data_copy)
    assert len(problems) == 1
    start = data_copy.line_of("documents/cairo-2025.yml", "  - id: op-12")
    assert problems[0].startswith(f"data/documents/cairo-2025.yml:{start + 4}:11: paragraph 'op-12', field 'text': "
                                  "the text is not verbatim in source 'outcome-report': it matches up to ")
    assert "the principle of non' and differs from there" in problems[0]
    assert start < line


def test_a_quote_that_differs_by_a_character_that_looks_the_same_names_it(data_copy: DataCopy) -> None:
    """An attack's quotations differed by a look-alike character: the message showed no difference."""
    data_copy.replace("states.yml", 'at its launch, resumed the presidency in April 2024"',
                      'at its launch, resumed the pre\u0455idency in April 2024"')  # a Cyrillic letter like an s
    [problem] = problems_of(data_copy)
    assert problem.endswith("it matches up to '…m Process at its launch, resumed the pre' and differs from there, "
                            "where the quotation has "
                            "U+0455 (CYRILLIC SMALL LETTER DZE); copy it exactly from the source")


_QUOTE = 'at its launch, resumed the presidency in April 2024"'


@pytest.mark.parametrize(("field", "old", "changed", "named"), [
    ("roles[1].cites[0].quote", _QUOTE, 'at its launch, resumed the pre\u200bsidency"', "U+200B (ZERO WIDTH SPACE)"),
    ("roles[1].cites[0].quote", _QUOTE, 'at its launch, resumed the pre\u00adsidency"', "U+00AD (SOFT HYPHEN)"),
    ("name", "name: Egypt", 'name: "Egy\u3164pt"', "U+3164 (HANGUL FILLER)"),
    ("name", "name: Egypt", 'name: "Egypt\U000e0041\U000e0042"', "U+E0041 (TAG LATIN CAPITAL LETTER A)"),
    ("name", "name: Egypt", 'name: "Egypt\ufe0f"', "U+FE0F (VARIATION SELECTOR-16)"),
    # a tenth attack: a blank that is not a space, a format sign that shows nothing, private use
    ("name", "name: Egypt", 'name: "Egy\u2800pt"', "U+2800 (BRAILLE PATTERN BLANK)"),
    ("name", "name: Egypt", 'name: "Egypt\U00013430"', "U+13430 (EGYPTIAN HIEROGLYPH VERTICAL JOINER)"),
    ("name", "name: Egypt", 'name: "Egypt\ue000"', "U+E000"),
])
def test_an_invisible_character_in_any_text_is_refused_by_name(data_copy: DataCopy, field: str, old: str,
                                                                changed: str, named: str) -> None:
    """A third attack hid text (tag characters spell ASCII invisibly) and made look-alike names with zero-width and
    filler characters: each is refused where it is written, with the character named."""
    line = data_copy.replace("states.yml", old, changed)
    [problem] = problems_of(data_copy)
    assert problem.startswith(f"data/states.yml:{line}:")
    assert f"field '{field}'" in problem
    assert f"the invisible character {named}" in problem


def test_quote_must_be_verbatim(data_copy: DataCopy) -> None:
    line = data_copy.replace("states.yml", 'at its launch, resumed the presidency in April 2024"',
                             'at its launch, resumed the presidency in May 2024"')
    problems = problems_of(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith(f"data/states.yml:{line}:18: state 'egypt', field 'roles[1].cites[0].quote': "
                                  "the text is not verbatim in source 'announcement'")


def test_all_problems_in_one_run(data_copy: DataCopy) -> None:
    data_copy.replace("states.yml", 'iso2: "NO"', "iso2: NO")
    data_copy.replace("events.yml", "date: 2025-04-09", "date: 2025-02-30")
    data_copy.replace("organisations.yml", "kind: un-entity", "kind: un-agency")
    (data_copy.data / "topics.yml").write_text("- id: a\n  name: [broken\n", encoding="utf-8")
    problems = problems_of(data_copy)
    files = sorted({p.split(":")[0] for p in problems})
    assert files == ["data/events.yml", "data/organisations.yml", "data/states.yml", "data/topics.yml"]
    # topics.yml no longer parses: its syntax error is reported once, not again at every reference to a topic
    assert not any("unknown topic id" in p for p in problems)
    assert any("expected one of 'eu-institution'" in p and "found 'un-agency'" in p for p in problems)


def test_missing_data_file_and_unknown_file(data_copy: DataCopy) -> None:
    (data_copy.data / "events.yml").rename(data_copy.data / "event.yml")
    problems = problems_of(data_copy)
    assert "data/events.yml:1:1: the data file events.yml is missing" in problems
    assert "data/event.yml:1:1: unknown data file 'event.yml'; did you mean 'events.yml'? " \
        "(documents go in documents/)" in problems


def test_african_state_needs_a_subregion(data_copy: DataCopy) -> None:
    line = data_copy.replace("states.yml", "  subregion: sub-saharan-africa\n", "", count=1)
    problems = problems_of(data_copy)
    assert problems == [f"data/states.yml:{line - 5}:3: state 'djibouti', field 'subregion': "
                        "expected a sub-region for an African state, found nothing"]


def test_an_unchanged_file_is_not_checked_again_and_a_changed_byte_is(
        data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server's rebuild (or a second `check` in one process) parses and checks only the files that changed,
    however they changed: the same size and time, or a file put back as it was, are told by their bytes."""
    from khartoum_site.record import loader

    parsed: list[str] = []
    real_parse = loader.parse

    def counting(raw: bytes, shown_as: str) -> loader.LoadedFile:
        parsed.append(shown_as)
        return real_parse(raw, shown_as)

    monkeypatch.setattr(loader, "parse", counting)
    load_record(data_copy.data)
    parsed.clear()
    states = data_copy.data / "states.yml"
    before = states.stat()
    data_copy.replace("states.yml", "  name: Austria\n", "  name: AUSTRIA\n")  # same size
    os.utime(states, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    record = load_record(data_copy.data)
    assert record.states["austria"].name == "AUSTRIA"
    assert parsed == ["data/states.yml"]
    parsed.clear()
    assert load_record(data_copy.data).states["austria"].name == "AUSTRIA"
    assert parsed == []


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="ab c\n\u2019", min_size=0, max_size=400), st.integers(0, 400), st.integers(0, 200),
       st.text(alphabet="ab c", max_size=3))
def test_source_text_finds_exactly_what_str_finds(text: str, start: int, length: int, edit: str) -> None:
    from khartoum_site.record.sourcetext import SourceText

    source = SourceText(text)
    start, end = word_edge(text, start, -1), word_edge(text, start + length, 1)
    quote = text[start:end]
    assert (quote in source) is True
    changed = quote[: length // 2] + edit + quote[length // 2 + len(edit):]
    assert (changed in source) == whole_words_in(changed, text)


@pytest.mark.parametrize(("problem", "shown"), [
    pytest.param(Problem("data/states.yml", 3, 9, "state 'norway'", "iso2", "a code", "the boolean false"),
                 "data/states.yml:3:9: state 'norway', field 'iso2': expected a code, found the boolean false",
                 id="expected-found"),
    pytest.param(Problem("x.yml", 1, 4, "", "v", "text", "the number 12", "put it in quotes"),
                 "x.yml:1:4: field 'v': expected text, found the number 12; put it in quotes", id="hint"),
    pytest.param(Problem("x.yml", 2, 3, "topic 'a'", "name", "text", "nothing", detail="missing required field"),
                 "x.yml:2:3: topic 'a', field 'name': missing required field: expected text, found nothing",
                 id="detail-then-mismatch"),
    pytest.param(Problem("x.yml", 1, 1, detail="the file is empty; expected YAML data"),
                 "x.yml:1:1: the file is empty; expected YAML data", id="detail-only"),
    pytest.param(Problem("p.json", 7, 1, "published id 'states/a'", detail="this state was published"),
                 "p.json:7:1: published id 'states/a': this state was published", id="entry-only"),
])
def test_a_problem_reads_as_one_line(problem: Problem, shown: str) -> None:
    assert str(problem) == shown
    assert problem.as_dict()["message"] == shown.split(": ", 2 if problem.label else 1)[-1]


def test_a_report_counts_and_sorts_the_problems() -> None:
    later, earlier = Problem("b.yml", 1, 1, detail="two"), Problem("a.yml", 9, 1, detail="one")
    assert DataError([later, earlier]).report() == ("The data has 2 problems; nothing was built:\n"
                                                    "  a.yml:9:1: one\n  b.yml:1:1: two")
    assert DataError([later]).report() == "The data has 1 problem; nothing was built:\n  b.yml:1:1: two"


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    ("instruments.yml", "  kind: agenda\n", "  kind: agenda\n  subject: true\n",
     "field 'subject': instrument 'khartoum-process' is already the record's subject; only one can be"),
    ("sources.yml", "  supplies: [m49-regions]\n", "  supplies: [m49-regions, map-shapes]\n",
     "field 'supplies': 'map-shapes' is already supplied by source"),
    ("sources.yml", '  title: "“Khartoum Process” issues the Cairo 2nd Ministerial Statement"\n',
     "  title: Announcement of the second ministerial meeting of the Khartoum Process (Cairo, 9 April 2025)\n",
     "data/sources.yml:15:10: source 'outcome-report', field 'title': source 'announcement' has the same title"),
    # a twentieth attack: titles a reader cannot tell apart (decomposed accent, a no-break space, two spaces, case)
    ("sources.yml", '  title: "“Khartoum Process” issues the Cairo 2nd Ministerial Statement"\n',
     "  title: \"Announcement of the second ministerial meeting of the Khartoum\\u00a0Process  (CAIRO, 9 April "
     "2025)\"\n", "data/sources.yml:15:10: source 'outcome-report', field 'title': source 'announcement' has the same "
     "title"),
    # a twenty-fourth attack's X13: a whole word in Lisu letters, which copy Latin capitals, and in mathematical bold
    ("sources.yml", '  title: "“Khartoum Process” issues the Cairo 2nd Ministerial Statement"\n',
     "  title: Announcement of the second ministerial meeting of the \ua4d7\ua4e7\ua4ee\ua4e3\ua4d4\ua4f3\ua4f4\ua4df "
     "Process (Cairo, 9 April 2025)\n",
     "data/sources.yml:15:10: source 'outcome-report', field 'title': source 'announcement' has the same title"),
    ("sources.yml", '  title: "“Khartoum Process” issues the Cairo 2nd Ministerial Statement"\n',
     "  title: Announcement of the second ministerial meeting of the \U0001d40a\U0001d421\U0001d41a\U0001d42b"
     "\U0001d42d\U0001d428\U0001d42e\U0001d426 Process (Cairo, 9 April 2025)\n",
     "data/sources.yml:15:10: source 'outcome-report', field 'title': source 'announcement' has the same title"),
])
def test_one_subject_and_one_source_for_each_part_of_the_presentation(data_copy: DataCopy, file: str, old: str,
                                                                      new: str, message: str) -> None:
    data_copy.replace(file, old, new)
    with pytest.raises(DataError) as caught:
        load_record(data_copy.data)
    assert [p for p in map(str, caught.value.problems) if message in p], caught.value.report()


@pytest.mark.parametrize("told_apart", ["  accessed: 2026-12-05\n", "  not_before: 2021-06-30\n", "  date: 2023\n"])
def test_two_readings_of_one_address_told_apart_by_a_date_pass(data_copy: DataCopy, told_apart: str) -> None:
    """An attack's BL12 copied a source under another title; the real record keeps two copies of one news listing,
    stored with the items of 2021 and of 2023, each with its day read and its earliest day: those pass."""
    data_copy.replace("sources.yml", "  url: https://www.eeas.europa.eu/\n",
                      "  url: https://www.consilium.europa.eu/media/21839/action_plan_en.pdf\n" + told_apart)
    sources = checked_record(data_copy.data).sources
    assert sources["eeas"].url == sources["jvap"].url


def test_editors_files_are_ignored_and_every_other_file_is_read_or_refused(data_copy: DataCopy) -> None:
    data = data_copy.data
    (data / ".#states.yml").symlink_to("editor@host.4242:1700000000")  # Emacs' lock: a dangling link
    for name in (".states.yml.swp", "states.yml~", "documents/#cairo-2025.yml#", ".DS_Store"):
        (data / name).write_text("editor's own", encoding="utf-8")
    checked_record(data)  # none of them is read, none stops the check
    (data / "documents" / "plan.yaml").write_text("id: plan\n", encoding="utf-8")
    (data / "notes.txt").write_text("a note", encoding="utf-8")
    (data / "seeds" / "new.txt").write_text("a text no source names", encoding="utf-8")
    (data / "schemas").mkdir()
    (data / "schemas" / "old.json").write_text("{}", encoding="utf-8")
    assert problems_of(data_copy) == [
        "data/documents/plan.yaml:1:1: a document file must end in .yml; this one is not read; rename it to plan.yml",
        "data/notes.txt:1:1: unknown data file 'notes.txt'; expected one of: "
        + ", ".join(sorted(DATA_FILES)) + " (documents go in documents/)",
        "data/schemas/old.json:1:1: unknown file in schemas/: this folder holds the schemas `khartoum-site schemas` "
        "writes; remove it, or run `khartoum-site schemas` to rewrite the folder",
        "data/seeds/new.txt:1:1: no source names this file, so nothing reads it; give a source "
        "`file: seeds/new.txt` in sources.yml, or remove the file",
    ]


@pytest.mark.parametrize(("file", "old", "new", "expected"), [
    pytest.param("documents/cairo-2025.yml",
                 "its text, and this site, call the document the “Cairo Ministerial Declaration”",
                 "its text, and this site, call the document the “Cairo Ministerial Declarations”",
                 "field 'notes[1]': the quotation “Cairo Ministerial Declarations” is not word for word in the text "
                 "of 'outcome-report'", id="curly-quotes-in-a-document-note"),
    pytest.param("sources.yml", "The plan the declaration calls the “Valletta Joint Action Plan (JVAP)”",
                 "The plan the declaration calls the “Valletta Joint Action Plan (JVA)”",
                 "source 'jvap', field 'note': the quotation “Valletta Joint Action Plan (JVA)” is not word for "
                 "word in the text of any source of the record", id="curly-quotes-in-a-source-note"),
    pytest.param("states.yml", "the announcement “Badr Abdelatty”", "the announcement “Badr Abdel Atty”",
                 "state 'egypt', field 'roles[3].text': the quotation “Badr Abdel Atty” is not word for word",
                 id="in-a-role"),
])
def test_a_misquote_in_our_own_prose_stops_the_check(data_copy: DataCopy, file: str, old: str, new: str,
                                                     expected: str) -> None:
    """Quotation marks in a note, a description or a role tell the reader the words are the source's own."""
    line = data_copy.line_of(file, old.split("\n")[0])
    data_copy.replace(file, old, new)
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/{file}:"), problems
    assert expected in problems[0]
    assert abs(int(problems[0].split(":")[1]) - line) <= 1, (problems[0], line)


@pytest.mark.parametrize(("new", "expected"), [
    pytest.param("the “Cairo Ministerial Declaration", "its curly quotation marks do not pair up", id="unclosed"),
    pytest.param("the ”Cairo Ministerial Declaration”", "its curly quotation marks do not pair up", id="reversed"),
    pytest.param("the “a “Cairo Ministerial Declaration” b”",
                 "the quotation “a “Cairo Ministerial Declaration” b” is not word for word", id="nested"),
    # a twenty-second attack's Q11: a quotation that starts inside one of the source's words
    pytest.param("the “iro Ministerial Declaration”", "the quotation “iro Ministerial Declaration” is not word "
                 "for word in the text of 'outcome-report' (the source has it only inside a longer word",
                 id="inside-a-word"),
    pytest.param("the \u0301Cairo Ministerial Decree\u0301",
                 "it holds an accent on no letter, (U+0301 COMBINING ACUTE ACCENT), which shows as a mark of its own",
                 id="an-accent-on-a-space"),
])
def test_quotation_marks_pair_up_and_a_nested_quotation_is_read_whole(data_copy: DataCopy, new: str,
                                                                      expected: str) -> None:
    """Found by an independent review: an unclosed or reversed quotation escaped the check."""
    data_copy.replace("documents/cairo-2025.yml", "call the document the “Cairo Ministerial Declaration”",
                      f"call the document {new}")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert expected in problems[0]


# Outside “ ”, every mark a reader could take for a quotation mark is refused: the sixteenth to the twenty-second
# attacks put words no source says between one more kind of mark each round, until the marks read were an allow-list.
@pytest.mark.parametrize("new", [
    pytest.param("the \u00ab Cairo Ministerial Decree \u00bb", id="guillemets"),
    pytest.param("the \uff02Cairo Ministerial Decree\uff02", id="fullwidth"),
    pytest.param("the \u2018Cairo Ministerial Decree\u2019", id="single-curly"),
    pytest.param("the \u2039Cairo Ministerial Decree\u203a", id="single-guillemets"),
    pytest.param("the \u300cCairo Ministerial Decree\u300d", id="corner-brackets"),
    pytest.param("the \u300eCairo Ministerial Decree\u300f", id="white-corner-brackets"),
    pytest.param("the \u301dCairo Ministerial Decree\u301e", id="double-prime"),
    pytest.param("the \u201aCairo Ministerial Decree\u2018", id="low-single"),
    pytest.param("the \u00bbCairo Ministerial Decree\u00ab", id="reversed-guillemets"),
    pytest.param("the \ufe41Cairo Ministerial Decree\ufe42", id="vertical-corner-brackets"),
    pytest.param("the \u275dCairo Ministerial Decree\u275e", id="ornament"),
    pytest.param("the \u201eCairo Ministerial Decree“", id="low-double"),
    pytest.param("the 'Cairo Ministerial Decree'", id="straight-single"),
    pytest.param("the—\"Cairo Ministerial Decree\"—", id="straight-between-dashes"),
    pytest.param("the \"Cairo Ministerial Decree\"…", id="straight-before-an-ellipsis"),
    pytest.param("the \u2019Cairo Ministerial Decree\u2019", id="two-closing-singles"),
    pytest.param("the,\"Cairo Ministerial Decree\" now", id="straight-after-a-comma"),
    pytest.param("the 'Cairo's Ministerial Decree'", id="apostrophe-inside-singles"),
    pytest.param("the \"\u00a0Cairo Ministerial Decree\u00a0\"", id="no-break-spaces-inside"),
    pytest.param("the \u02baCairo Ministerial Decree\u02ba", id="modifier-double-prime"),
    pytest.param("the \u05f4Cairo Ministerial Decree\u05f4", id="gershayim"),
    pytest.param("the \ua78cCairo Ministerial Decree\ua78c", id="saltillo"),
    pytest.param("the \u300aCairo Ministerial Decree\u300b", id="double-angle-brackets"),
    pytest.param("the \u2018Cairo Ministerial Decree", id="unclosed-single-curly"),
    pytest.param("the \u00b4Cairo Ministerial Decree\u00b4", id="acute-accents"),
    pytest.param("the:\"Cairo Ministerial Decree\"", id="straight-after-colon"),
    pytest.param("the \"Cairo said \"Ministerial\" Decree\"", id="straight-nested-in-straight"),
    pytest.param("the ``Cairo Ministerial Decree''", id="tex-marks"),
    pytest.param("the '\u0301Cairo Ministerial Decree'\u0301", id="straight-with-an-accent"),
    pytest.param("the \"Decree\"", id="one-word-in-straight-marks"),
    pytest.param("the \u02bbCairo Ministerial Decree\u02bb", id="turned-comma"),
    pytest.param("the 'Ndrangheta' Decree", id="a-name-s-apostrophe-as-a-mark"),  # T10's name, in marks
])
def test_a_mark_read_as_a_quotation_mark_is_refused_outside_curly_double_ones(data_copy: DataCopy, new: str) -> None:
    data_copy.replace("documents/cairo-2025.yml", "call the document the “Cairo Ministerial Declaration”",
                      f"call the document {new}")
    mark = next(c for c in new.removeprefix("the") if not ((c.isascii() and c.isalnum()) or c in " ,:\u2014\u00a0"))
    problems = [p for p in problems_of(data_copy) if "pair up" not in p]  # „…“ leaves a “ unclosed too
    assert len(problems) == 1, problems
    assert (f"field 'notes[1]': it holds the quotation mark {mark} (U+{ord(mark):04X} {unicodedata.name(mark)})"
            in problems[0]), problems
    assert ("only words between “ and ” are read as a quotation, and checked word for word against the source; write "
            "a quotation between “ and ”, or remove the mark") in problems[0], problems


def test_a_key_given_where_an_id_is_asked_for_gets_the_id_as_its_hint(data_copy: DataCopy) -> None:
    """From the independent review: the hint was a made-up id ('events-rome-2014')."""
    data_copy.replace("events.yml", "    states: [egypt]", "    states: [states/egypt]")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].endswith("found 'states/egypt'; give the id alone, without 'states/': 'egypt'")


def test_a_chair_s_term_cannot_end_before_it_begins(data_copy: DataCopy) -> None:
    (data_copy.data / "chairs.yml").write_text(
        "- id: a-term\n  name: Egypt\n  since: 2024-04\n  ended_at: rome-2014\n"
        "  cites:\n    - source: announcement\n      quote: 'resumed the presidency in April 2024'\n",
        encoding="utf-8")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/chairs.yml:4:13: chairmanship 'a-term', field 'ended_at': the term ends (")
    assert "before it begins (April 2024)" in problems[0]


@pytest.mark.parametrize(("dates", "field", "said"), [
    # a fourteenth attack: a date beside the meeting that bounds the term, years from it, was valid
    ("  until: 0001-01-01\n  ended_at: rome-2014\n", "until",
     "1 January 1 is not when the meeting named by ended_at took place ('rome-2014', 2014)"),
    ("  since: 2019\n  began_at: rome-2014\n", "since",
     "2019 is not when the meeting named by began_at took place ('rome-2014', 2014)"),
    ("  period: 2020\n  until: 2016-05\n", "period", "the term ends (May 2016) before its period (2020)"),
    ("  period: 2015\n  since: 2016-05\n", "period", "the term begins (May 2016) after its period (2015)"),
    # a reversed pair with no meeting named: the message names the field written, until
    ("  since: 2024-04\n  until: 2016\n", "until", "the term ends (2016) before it begins (April 2024)"),
])
def test_a_chair_s_dates_must_agree(data_copy: DataCopy, dates: str, field: str, said: str) -> None:
    (data_copy.data / "chairs.yml").write_text(
        f"- id: a-term\n  name: Egypt\n{dates}"
        "  cites:\n    - source: announcement\n      quote: 'resumed the presidency in April 2024'\n",
        encoding="utf-8")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/chairs.yml:"), problems
    assert f": chairmanship 'a-term', field '{field}': {said}" in problems[0], problems


def test_a_chair_s_dates_that_agree_pass(data_copy: DataCopy) -> None:
    (data_copy.data / "chairs.yml").write_text(
        "- id: a-term\n  name: Egypt\n  period: 2014\n  since: 2014\n  began_at: rome-2014\n  until: 2014-11\n"
        "  ended_at: rome-2014\n"
        "  cites:\n    - source: announcement\n      quote: 'resumed the presidency in April 2024'\n",
        encoding="utf-8")
    term = checked_record(data_copy.data).collection("chairs")["a-term"]
    assert term.until is not None  # valid: read as written
    assert term.until.display() == "November 2014"


# made-up statements cite a source with no text in the record: a name "as the source writes it" is held to a text
CITED = "  cites:\n    - source: eeas\n      locator: a test\n"
ROME_LIST = "".join(f"- id: {state}-rome\n  name: {state.title()}\n  state: {state}\n  how: signed-rome-declaration\n"
                    f"  at_event: rome-2014\n{CITED}" for state in ("egypt", "italy"))


@pytest.mark.parametrize(("chairs", "expected"), [
    pytest.param("- id: t\n  name: Norway\n  state: norway\n  period: 2016\n" + CITED,
                 "data/chairs.yml:3:10: chairmanship 't', field 'state': the record does not name 'norway' a member "
                 "of the process by 2016, when this term begins; add the membership statement with its source "
                 "(memberships.yml), or check the term's dates", id="a-chair-not-a-member"),
    pytest.param("- id: t\n  name: Egypt\n  state: egypt\n  period: 2013\n" + CITED,
                 "data/chairs.yml:4:11: chairmanship 't', field 'period': 2013 is before the process began (2014, "
                 "instrument 'khartoum-process'); check the date against the source", id="before-the-process"),
    pytest.param("- id: a\n  name: Egypt\n  state: egypt\n  since: 2015-01\n  ended_at: cairo-ministerial-2025\n"
                 + CITED + "- id: b\n  name: Italy\n  state: italy\n  began_at: rome-2014\n"
                 "  ended_at: egypt-presidency-2024\n" + CITED,
                 "data/chairs.yml:11:10: chairmanship 'b', field 'state': this term (2014 to April 2024) "
                 "overlaps the term of 'egypt' in chairmanship 'a' (January 2015 to 9 April 2025); check the dates "
                 "of both terms against their sources", id="overlapping-terms"),
    # an attack's BG4: a term given by its end alone was compared with no other term
    pytest.param("- id: a\n  name: Egypt\n  state: egypt\n  since: 2015-01\n  ended_at: cairo-ministerial-2025\n"
                 + CITED + "- id: b\n  name: Italy\n  state: italy\n  until: 2020-06\n" + CITED,
                 "data/chairs.yml:12:10: chairmanship 'b', field 'until': June 2020, a day of this term, falls within "
                 "the term of 'egypt' in chairmanship 'a' (January 2015 to 9 April 2025); check the dates of both "
                 "terms against their sources; a state named at a meeting as the incoming or outgoing chair is given "
                 "with called", id="a-day-of-a-term-in-another"),
    # an attack's BD5: a slip of one meeting id showed a term at a meeting outside it
    pytest.param("- id: t\n  name: Egypt\n  state: egypt\n  period: 2016\n  at_meeting: cairo-ministerial-2025\n"
                 + CITED, "data/chairs.yml:5:15: chairmanship 't', field 'at_meeting': the meeting "
                 "'cairo-ministerial-2025' (9 April 2025) is outside the term (2016); check period, since and until "
                 "(or the meetings named) against the source; a source that names the state there as the incoming or "
                 "outgoing chair is given with called: incoming or outgoing", id="a-meeting-outside-the-term"),
])
def test_the_history_agrees_with_itself(data_copy: DataCopy, chairs: str, expected: str) -> None:
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text(chairs, encoding="utf-8")
    assert problems_of(data_copy) == [expected]


def test_terms_that_meet_at_a_handover_do_not_overlap(data_copy: DataCopy) -> None:
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text(
        "- id: a\n  name: Egypt\n  state: egypt\n  began_at: rome-2014\n  ended_at: egypt-presidency-2024\n"
        + CITED + "- id: b\n  name: Italy\n  state: italy\n  began_at: egypt-presidency-2024\n"
        "  ended_at: cairo-ministerial-2025\n" + CITED, encoding="utf-8")
    record = checked_record(data_copy.data)  # raises DataError with the problems, if any
    assert [c.id for c in record.collection("chairs").values()] == ["a", "b"]


@pytest.mark.parametrize("term", [
    # review D5-1: a source names the state at a meeting before its term as the incoming chair, after it as outgoing
    "  period: 2026\n  at_meeting: cairo-ministerial-2025\n  called: incoming\n",
    "  period: 2024\n  at_meeting: cairo-ministerial-2025\n  called: outgoing\n",
    # D5-2: a handover on the second day of a meeting of two
    "  since: 2025-04-10\n  at_meeting: cairo-ministerial-2025\n",
    # BG4: named the incoming chair at a meeting of another state's term
    "  at_meeting: cairo-ministerial-2025\n  called: incoming\n",
])
def test_a_term_at_a_meeting_its_source_names_passes(data_copy: DataCopy, term: str) -> None:
    """Honest terms the rule on a meeting outside the term must let through (review D5-1, D5-2)."""
    cairo_of_two_days(data_copy)
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text(
        "- id: t\n  name: Egypt\n  state: egypt\n" + term + CITED + "- id: before\n  name: Italy\n  state: italy\n"
        "  since: 2024-01\n  until: 2025-04-10\n" + CITED, encoding="utf-8")
    assert [c.id for c in checked_record(data_copy.data).collection("chairs").values()] == ["t", "before"]


JVAP = CITED.replace("source: eeas", "source: jvap")


@pytest.mark.parametrize(("italy", "said"), [
    ("  at_meeting: cairo-ministerial-2025\n" + JVAP,
     "data/chairs.yml:11:15: chairmanship 'b', field 'at_meeting': it has 'italy' hold the chair at meeting "
     "'cairo-ministerial-2025', and chairmanship 'a' (data/chairs.yml:1) has 'egypt' hold it there, and no citation "
     "names both (one place of one source): one state holds the chair at a time; check the meeting and the state "
     "against the sources; a state the source names there as the incoming or outgoing chair is given with called"),
    # the same source at another place tells no handover (a review's D7-13)
    ("  at_meeting: cairo-ministerial-2025\n" + CITED.replace("a test", "another item"),
     "data/chairs.yml:11:15: chairmanship 'b', field 'at_meeting': it has 'italy' hold the chair at meeting "
     "'cairo-ministerial-2025', and chairmanship 'a' (data/chairs.yml:1) has 'egypt' hold it there, and no citation "
     "names both (one place of one source): one state holds the chair at a time; check the meeting and the state "
     "against the sources; a state the source names there as the incoming or outgoing chair is given with called"),
    ("  began_at: cairo-ministerial-2025\n" + JVAP,
     "data/chairs.yml:11:13: chairmanship 'b', field 'began_at': it has 'italy' take the chair at meeting "
     "'cairo-ministerial-2025', and chairmanship 'a' (data/chairs.yml:1) has 'egypt' take it there: one state holds "
     "the chair at a time; check the meeting and the state against the sources; a state the source names there as "
     "the incoming or outgoing chair is given with called"),
])
def test_two_states_are_not_the_chair_at_one_meeting(data_copy: DataCopy, italy: str, said: str) -> None:
    """An attack's BO8: a slip of one meeting id showed two states as the chair of one meeting, both shown there on
    its page, as no term of either gave the days the other check compares."""
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    egypt = "- id: a\n  name: Egypt\n  state: egypt\n  {}: cairo-ministerial-2025\n" + CITED
    (data_copy.data / "chairs.yml").write_text(
        egypt.format("began_at" if "began_at" in italy else "at_meeting") + "- id: b\n  name: Italy\n  state: italy\n"
        + italy, encoding="utf-8")
    assert problems_of(data_copy) == [said]


@pytest.mark.parametrize("italy", [
    # one source names both there: a handover, as the listing of the meeting of December 2017 tells one
    "  at_meeting: cairo-ministerial-2025\n" + CITED,
    # the source names one of the two as the outgoing or incoming chair there, or has one term end there
    "  at_meeting: cairo-ministerial-2025\n  called: outgoing\n" + JVAP,
    "  ended_at: cairo-ministerial-2025\n" + JVAP,
    "  began_at: cairo-ministerial-2025\n" + JVAP,
])
def test_two_states_at_one_meeting_as_a_source_tells_a_handover_pass(data_copy: DataCopy, italy: str) -> None:
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text(
        "- id: a\n  name: Egypt\n  state: egypt\n  at_meeting: cairo-ministerial-2025\n" + CITED
        + "- id: b\n  name: Italy\n  state: italy\n" + italy, encoding="utf-8")
    assert [c.id for c in checked_record(data_copy.data).collection("chairs").values()] == ["a", "b"]


def test_a_term_begun_in_a_month_does_not_overlap_one_ended_on_a_day_of_it(data_copy: DataCopy) -> None:
    """An attack's BD11: Germany's term to 17 April 2024 was refused as overlapping Egypt's "since April 2024", which
    may have begun on the 17th: an overlap is one every reading of the dates makes."""
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text(
        "- id: a\n  name: Italy\n  state: italy\n  since: 2023-03\n  until: 2024-04-17\n" + CITED
        + "- id: b\n  name: Egypt\n  state: egypt\n  since: 2024-04\n  until: 2025\n" + CITED, encoding="utf-8")
    record = checked_record(data_copy.data)  # raises DataError with the problems, if any
    assert [c.id for c in record.collection("chairs").values()] == ["a", "b"]
    (data_copy.data / "chairs.yml").write_text(
        "- id: a\n  name: Italy\n  state: italy\n  since: 2023-03\n  until: 2024-05-02\n" + CITED
        + "- id: b\n  name: Egypt\n  state: egypt\n  since: 2024-04\n  until: 2025\n" + CITED, encoding="utf-8")
    assert [p.split(": ", 1)[1] for p in problems_of(data_copy)] == [
        "chairmanship 'b', field 'state': this term (April 2024 to 2025) overlaps the term of 'italy' in chairmanship "
        "'a' (March 2023 to 2 May 2024); check the dates of both terms against their sources"]


def test_a_meeting_ends_after_it_begins(data_copy: DataCopy) -> None:
    line = data_copy.replace("events.yml", "  date: 2025-04-09\n", "  date: 2025-04-09\n  until: 2025-04-09\n") + 1
    assert problems_of(data_copy) == [
        f"data/events.yml:{line}:10: event 'cairo-ministerial-2025', field 'until': the last day (9 April 2025) is "
        "not after the first (9 April 2025); leave 'until' out for a meeting of one day"]


@pytest.mark.parametrize(("make", "said"), [
    (lambda p: p.write_text("site_name: x\n", encoding="utf-8"), "this is a file, not a folder"),
    (lambda _: None, "there is nothing at this path"),
])
def test_a_data_folder_that_is_not_one_is_one_problem(tmp_path: Path, make: Callable[[Path], object],
                                                       said: str) -> None:
    """A file given as --data-dir was answered with ten "the data file X is missing" (found by an attack)."""
    given = tmp_path / "mkdocs.yml"
    make(given)
    with pytest.raises(DataError) as raised:
        load_record(given)
    [problem] = [str(p) for p in raised.value.problems]
    assert problem.endswith(f"mkdocs.yml:1:1: {said}: give the data folder, the one that holds states.yml and the "
                            "other data files")


@pytest.mark.parametrize(("code", "said"), [
    # a twentieth attack: a code the map's shapes do not know, or a code given twice, passed check, and generate
    # ended in a traceback from the map
    ("ZZZ", "state 'belgium', field 'iso3': the map's country shapes (geo/countries.geojson) have no country with "
     "the code 'ZZZ', nor one named 'Belgium (Kingdom)' that no other state takes; check the code against ISO "
     "3166-1 alpha-3"),
    ("AUT", "state 'belgium', field 'iso3': state 'austria' has the code 'AUT' too: each state has a code of its own"),
    # an attack's BI1: a slip of one letter drew another country as the state, or gave it another's code
    ("BLR", "state 'belgium', field 'iso3': the map's shape with the code 'BLR' is 'Belarus', not 'Belgium (Kingdom)': "
     "the map would draw that country as this state; check the code against ISO 3166-1 alpha-3"),
])
def test_a_state_s_code_is_its_own_and_one_the_map_can_draw(data_copy: DataCopy, code: str, said: str) -> None:
    """The map finds a state by its code, else by its name: a code it does not know passes with a name it does."""
    line = data_copy.line_of("states.yml", 'iso3: "BEL"')
    data_copy.replace("states.yml", 'iso3: "BEL"', f'iso3: "{code}"')
    # (the declaration's text writes "Belgium": another name of the state, which its list of participants reads)
    data_copy.replace("states.yml", "  name: Belgium\n", "  name: Belgium (Kingdom)\n  also_written: [Belgium]\n")
    data_copy.append_to_text("outcome-report", "Belgium (Kingdom)")  # (a state's name is one its texts write)
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/states.yml:{line + 1}:"), problems  # below the line also_written took
    assert said in problems[0], problems


def test_a_state_drawn_by_its_name_has_the_code_of_its_shape(data_copy: DataCopy) -> None:
    """An attack's BI1: Austria's code written AUS, a code the shapes do not hold, was drawn by its name, and the
    pages, their structured data and the downloads gave it that code."""
    line = data_copy.line_of("states.yml", 'iso3: "AUT"')
    data_copy.replace("states.yml", 'iso3: "AUT"', 'iso3: "AUS"')
    assert problems_of(data_copy) == [
        f"data/states.yml:{line}:9: state 'austria', field 'iso3': the map's shape named 'Austria' has the code 'AUT', "
        "not 'AUS'; check the code against ISO 3166-1 alpha-3"]


@pytest.mark.parametrize(("removed", "field", "said"), [
    # a twentieth attack: with at_event deleted, check passed and generate ended in a traceback
    ("  at_event: rome-2014\n", "at_event_from", "it says how at_event is known, and at_event is not given; give "
     "at_event, or remove at_event_from"),
    ("  at_event_from: record\n", "day_from", "it gives the day of the record's reading (at_event_from: record), and "
     "at_event_from is not given; give at_event_from, or remove day_from"),
])
def test_a_field_that_speaks_of_another_needs_it(data_copy: DataCopy, removed: str, field: str, said: str) -> None:
    entry = ("- id: egypt-rome\n  name: Egypt\n  state: egypt\n  how: signed-rome-declaration\n  at_event: rome-2014\n"
             "  at_event_from: record\n  day_from:\n    source: announcement\n    locator: the first paragraph\n"
             "  cites:\n    - source: announcement\n      locator: the first paragraph\n")
    (data_copy.data / "memberships.yml").write_text(entry, encoding="utf-8")
    load_record(data_copy.data)  # valid whole
    (data_copy.data / "memberships.yml").write_text(entry.replace(removed, ""), encoding="utf-8")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith("data/memberships.yml:"), problems
    assert f"membership 'egypt-rome', field '{field}': {said}" in problems[0], problems


def test_a_state_s_two_letter_code_is_its_own(data_copy: DataCopy) -> None:
    line = data_copy.replace("states.yml", 'iso2: "BE"', 'iso2: "AT"')
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/states.yml:{line}:"), problems
    assert ("state 'belgium', field 'iso2': state 'austria' has the code 'AT' too: each state has a code of its own"
            in problems[0]), problems


@pytest.mark.parametrize(("file", "old", "new", "field"), [
    # a twenty-first attack: a made-up quotation in curly marks in a title, a locator, a withdrawal's reason, and a
    # withdrawn paragraph's text, which the pages still show
    ("events.yml", "  title: African Union Agenda 2063 adopted\n",
     "  title: \"African Union Agenda 2063 adopted: “we will return every migrant by force”\"\n", "title"),
    ("events.yml", '      quote: "the African Union Agenda 2063 adopted in January 2015"\n',
     '      quote: "the African Union Agenda 2063 adopted in January 2015"\n'
     "      locator: \"where the report says “we will return every migrant by force”\"\n", "cites[0].locator"),
    ("events.yml", "- id: agenda-2063-adopted\n", "- id: agenda-2063-adopted\n  withdrawn:\n    date: 2025-06-01\n"
     "    reason: \"The source said “we will return every migrant by force”, so it was taken out.\"\n",
     "withdrawn.reason"),
])
def test_a_made_up_quotation_is_refused_wherever_a_page_shows_it(data_copy: DataCopy, file: str, old: str, new: str,
                                                                 field: str) -> None:
    data_copy.replace(file, old, new)
    problems = [p for p in problems_of_all(data_copy) if "we will return every migrant by force" in p]
    assert len(problems) == 1, problems
    assert f"field '{field}': " in problems[0], problems
    assert "“we will return every migrant by force” is not word for word in the text" in problems[0], problems


def test_a_withdrawn_paragraph_s_text_is_still_checked_against_its_source(data_copy: DataCopy) -> None:
    """A twenty-first attack withdrew a paragraph and gave it words no source says: its permanent page showed them
    as the text the record held."""
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-2\n    part: operative\n",
                      "  - id: op-2\n    part: operative\n    withdrawn:\n      date: 2025-06-01\n"
                      "      reason: A test.\n")
    data_copy.replace("documents/cairo-2025.yml", "      Recognizing the potential mutual benefits of safe, orderly, "
                      "and regular migration and legal\n",
                      "      Deciding to return every migrant by force and legal\n")
    problems = [p for p in problems_of_all(data_copy) if "paragraph 'op-2'" in p]
    assert len(problems) == 1, problems
    assert "field 'text': " in problems[0], problems


PP_3_TEXT = ("Expressing gratitude to the Egyptian presidency for its timely initiative, leadership, and support in "
             "hosting this ministerial conference.")


def withdraw_extra_paragraph(copy: DataCopy, number: int, text: str) -> list[str]:
    """An "op-18" added to the declaration and withdrawn, with the given number and text: the problems said of it."""
    path = copy.data / "documents" / "cairo-2025.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"  - id: op-18\n    part: operative\n    number: {number}\n"
                    "    title: A test\n    withdrawn:\n      date: 2025-06-01\n      reason: Given twice.\n"
                    f"    text: >-\n      {text}\n", encoding="utf-8")
    try:
        checked_record(copy.data)
    except DataError as caught:
        return [str(p) for p in caught.problems if "paragraph 'op-18'" in str(p)]
    return []


def test_a_withdrawn_paragraph_stands_under_its_own_number(data_copy: DataCopy) -> None:
    """A twenty-seventh attack's Q8: a withdrawn "operative paragraph 18" held the third preambular paragraph's words,
    and its permanent page showed them under that number and part."""
    problems = withdraw_extra_paragraph(data_copy, 18, PP_3_TEXT)
    assert len(problems) == 1, problems
    assert "field 'text': paragraph 'pp-3' has the same text; a text of the source is one paragraph" in problems[0]


def test_a_withdrawn_paragraph_s_number_is_its_text_s(data_copy: DataCopy) -> None:
    """A twenty-seventh attack's Q8, alone: a withdrawn paragraph under another number than its text's."""
    data_copy.replace("documents/cairo-2025.yml", "  - id: pp-3\n    part: preambular\n    number: 3\n",
                      "  - id: pp-3\n    part: preambular\n    number: 12\n    withdrawn:\n      date: 2025-06-01\n"
                      "      reason: A test.\n")
    problems = [p for p in problems_of_all(data_copy) if "paragraph 'pp-3', field 'text'" in p]
    assert len(problems) == 1, problems
    assert "the source numbers this text 3, not 12" in problems[0], problems


def problems_of_all(copy: DataCopy) -> list[str]:
    """Every problem `check` reports (a withdrawal may bring others: a published address to keep)."""
    with pytest.raises(DataError) as caught:
        checked_record(copy.data)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("ident", "said"), [
    ("index", "'index' is reserved: it is the address of the page that lists the events; choose another id"),
    ("year-2016", "'year-2016' is reserved: the timeline already has an anchor of that name"),
])
def test_a_withdrawn_entry_cannot_take_a_reserved_address(data_copy: DataCopy, ident: str, said: str) -> None:
    """A twenty-first attack: the reserved-id rule walked the live entries only, and a withdrawn event named
    "index" or "year-2016" (whose page and anchor are kept) passed check and stopped the build."""
    with (data_copy.data / "events.yml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: {ident}\n  date: 2016-01\n  title: A test event\n  description: A test.\n"
                     "  withdrawn:\n    date: 2025-06-01\n    reason: A test.\n  cites:\n    - source: announcement\n"
                     "      locator: a test\n")
    problems = [p for p in problems_of_all(data_copy) if "is reserved" in p]
    assert len(problems) == 1, problems
    assert f"event '{ident}', field 'id': {said}" in problems[0], problems


def test_a_state_cannot_take_by_its_name_a_shape_another_state_s_code_names(data_copy: DataCopy) -> None:
    """A twenty-first attack gave a state an unknown code and the name Natural Earth gives Czechia's shape: check
    passed, and the map either stopped or drew the state on the Czech Republic's shape, under it."""
    line = data_copy.replace("states.yml", 'iso3: "AUT"', 'iso3: "ZZZ"')
    data_copy.replace("states.yml", "  name: Austria\n", "  name: Czechia\n  also_written: [Austria]\n")
    data_copy.append_to_text("outcome-report", "Czechia")  # (a state's name is one its texts write)
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/states.yml:{line + 1}:"), problems  # below the line also_written took
    assert ("state 'austria', field 'iso3': the map's country shapes (geo/countries.geojson) have no country with the "
            "code 'ZZZ', nor one named 'Czechia' that no other state takes") in problems[0], problems


@pytest.mark.parametrize(("paragraph", "said"), [
    ("  - id: op-1\n    part: operative\n    number: 1\n    title: Made up\n    text: Deciding to return every "
     "migrant by force, whatever the cost.\n", "paragraph 'op-1', field 'text': "),
    ("  - id: index\n    part: operative\n    number: 1\n    title: Made up\n    text: Recognizing the potential "
     "mutual benefits of safe, orderly, and regular migration\n", "'index' is reserved"),
])
def test_a_withdrawn_document_s_paragraphs_are_still_checked(data_copy: DataCopy, paragraph: str, said: str) -> None:
    """A twenty-second attack: a withdrawn document's paragraphs, whose pages stay, skipped the verbatim check (a
    made-up text of record) and the reserved ids (a paragraph "index" stopped the build)."""
    (data_copy.data / "documents" / "fake-2025.yml").write_text(
        "id: fake-2025\ntitle: A test document\nkind: declaration\ndate: 2025-04-09\ntext_in_record: true\n"
        "withdrawn:\n  date: 2025-06-01\n  reason: A test.\ncites:\n  - source: outcome-report\n"
        "    locator: a test\nparagraphs:\n" + paragraph, encoding="utf-8")
    problems = [p for p in problems_of_all(data_copy) if "fake-2025" in p and said in p]
    assert len(problems) == 1, problems_of_all(data_copy)



@pytest.mark.parametrize("prose", [
    "Since the '90s, the member states' policies have changed.",
    "Talks were held in 's-Hertogenbosch and at the member states' capitals.",
    "The process's members met; the states' ministers spoke.",
    # a twenty-second attack's false refusals (QF1): a modifier letter apostrophe, an acute accent typed for one,
    # primes in a coordinate; and a quotation's possessive
    "The meeting in Sana\u02bca was put off; it didn\u00b4t resume.",
    "The venue lies at 15\u00b036\u2032N, 32\u00b032\u203210\u2033E.",
    # a twenty-fourth attack's false refusals (X14): a year cut short, a possessive after a bracket or a point
    "The '14 meeting, the (IOM)'s office and the M.P.'s vote.",
    "The “Cairo Ministerial Declaration”\u2019s paragraphs are numbered.",
    # apostrophes of one word beside a plural's, which do not pair up as quotation marks (X11), and an elision (X14)
    "C\u00f4te d'Ivoire's ministers' meeting; Egypt's and Sudan's ministers' statement; O'Brien met the states' aides.",
    "The Qur'an was read. The states' view: rock 'n' roll and rock \u2019n\u2019 roll.",
    # Z12: an ayn or a hamza written as the half ring opens nothing; contractions of pronouns; an Italian elision
    "The governor of Port Sa\u02bfid and the member states' ministers attended.",
    "They're the states' envoys; we'll see the ministers' view; talks in dell'Interno and the states' view.",
    "Sull'\u00c8ra and nell'Unione: the states' view.",
    # a twenty-seventh attack's false refusals (Q11): an Italian elision, a Kikuyu name's ng'
    "The Community of Sant'Egidio ran humanitarian corridors with the Italian churches' support.",
    "Kenya's delegate, Mr Ng'ang'a, spoke for the member states' ministers.",
    # a thirtieth attack's T10: a name that opens with its apostrophe, and its possessive
    "Italian prosecutors say the \u2019Ndrangheta moves some of the people smuggled through Libya.",
    "The 'Ndrangheta's members and the 'Ndranghetisti met the states' envoys.",
])
def test_apostrophes_and_primes_are_not_read_as_quotation_marks(prose: str) -> None:
    """Marks a sentence needs that are not quotation marks pass, outside quotations and beside them."""
    source = SourceText("the Cairo Ministerial Declaration")
    assert _quotation_problems(prose, {"report": source}, {"report": source}) == []


@pytest.mark.parametrize(("prose", "word", "after"), [
    ("The ministers'deport all migrants' was said.", "ministers'deport", "migrants"),
    ("Egypt\u02bbdeport all ministers\u02bc at once.", "Egypt\u02bbdeport", "ministers"),
    ("Egypt'we deport migrants' said the paper.", "Egypt'we", "migrants"),
    ("Egypt said '12 states' would leave.", None, "states"),  # a year cut short opens too (Y7)
    # a twenty-sixth attack's Z8: one word between, an English word on the list of elisions, a contraction's ending
    ("Egypt called its critics'traitors' at the meeting.", "critics'traitors", "traitors"),
    ("The ministers all'refuse all returns' at the meeting.", "all'refuse", "returns"),
    ("The ministers're-admit all migrants' now.", "ministers're", "migrants"),
    # a twenty-seventh attack's Q15: the half ring of an ayn in a word of no capital reads as an opening mark
    ("The ministers called it\u02bfthe deal for all migrants' and moved on.", "it\u02bfthe", "migrants"),
    # a twenty-ninth attack's S2: the English "all" before a capital, a city's -ng, an abbreviation's stop
    ("The ministers said they would stop all'Illegal crossings' by 2030.", "all'Illegal", "crossings"),
    ("Officials of Beijing'agreed to return all migrants' families.", "Beijing'agreed", "migrants"),
    ("They pledged'to return all migrants from the U.S. and the EU member states' land.", "pledged'to", "states"),
    # a thirtieth attack's T2 and T9: an apostrophe after a possessive's s, a quotation running over a semicolon
    ("Egypt's'close the borders to all migrants and sink the boats' plan was noted.", "s'close", "boats"),
    ("The ministers'deport all migrants; sink the boats' now.", "ministers'deport", "boats"),
    # an Italian elision stands before a vowel: not before a consonant (Sant'Deport)
    ("The members said Sant'Deport all migrants' was the plan.", "Sant'Deport", "migrants"),
])
def test_an_apostrophe_in_a_word_and_a_plural_s_do_not_make_a_quotation(prose: str, word: str | None,
                                                                        after: str) -> None:
    """A twenty-fourth attack's X11: an apostrophe inside a word (between two letters) and a plural's further on
    each passed alone, and together read as quotation marks around words no source says."""
    problems = _quotation_problems(prose, {}, {})
    assert len(problems) == 1, problems
    opens = f"an apostrophe inside the word '{word}'" if word else "an apostrophe before '12'"
    assert problems[0][0].startswith(f"it holds {opens} and another after '{after}', which a reader reads as "
                                     "quotation marks around '"), problems
    assert problems[0][1] == "write a quotation between “ and ”, or remove the mark", problems


def test_a_problem_in_a_list_names_the_item_s_own_index_and_line(data_copy: DataCopy) -> None:
    """A twenty-fourth attack's X16: after an item refused by the field check, a later item's quotation problem
    named the index it had in the list that was left (one less), and the line of the list's key."""
    line = data_copy.replace("instruments.yml", "    - The outcome report calls the process once the “Khartoum "
                             "Operation”", "    - The Pr\u043ecess numbers.\n    - The outcome report calls the "
                             "process once the 'Khartoum Operation'")
    problems = problems_of_all(data_copy)
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"data/instruments.yml:{line}:7: instrument 'khartoum-process', field 'notes[0]': "
                                  "expected an annotation, found the word 'Pr\u043ecess'"), problems
    assert problems[1].startswith(f"data/instruments.yml:{line + 1}:7: instrument 'khartoum-process', field "
                                  "'notes[1]': it holds the quotation mark '"), problems


def test_a_name_as_the_source_writes_it_is_held_to_the_source_s_text(data_copy: DataCopy) -> None:
    """A twenty-second attack's Q17: a chair's name "as the sources write it" that no source writes passed, and the
    meeting's page showed it beside the sources' links."""
    line = data_copy.replace("events.yml", "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n",
                             "  chair: [Badr Abdelatty, Dr. Badr Abdel Atty]\n")
    problems = problems_of(data_copy)
    assert problems == [
        f"data/events.yml:{line}:27: event 'cairo-ministerial-2025', field 'chair[1]': 'Dr. Badr Abdel Atty' is not "
        "written so in the text of 'announcement', 'outcome-report': this field holds a name as the source writes it; "
        "copy the name exactly from the source; a name another source writes is read there once the entry cites "
        "that source too"], problems


def test_a_name_the_source_writes_passes_and_one_with_no_text_to_hold_it_to_is_not_checked(
        data_copy: DataCopy) -> None:
    """The rule's other side: a name the cited text writes, with another spacing, passes; a statement whose source
    has no text in the record (a web page) cannot be held to one, and passes."""
    data_copy.replace("events.yml", "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n",
                      "  chair: [\"Badr  Abdelatty\", Dr. Badr Abdel Aty]\n")
    (data_copy.data / "chairs.yml").write_text("- id: a-test\n  name: Republic of Egypt\n  state: egypt\n  cites:\n"
                                               "    - source: eeas\n      locator: a test\n", encoding="utf-8")
    assert checked_record(data_copy.data).chairs["a-test"].name == "Republic of Egypt"


def test_a_name_in_a_sentence_is_read_for_quotations(data_copy: DataCopy) -> None:
    """A twenty-second attack's Q15: a field with a pattern (the name a sentence gives a state) was not read for
    quotations, and a made-up one passed."""
    line = data_copy.replace("states.yml", "  name: Netherlands\n",
                             "  name: Netherlands\n  name_in_sentence: the “Netherlands, which refuse all migrants”\n")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/states.yml:{line + 1}:"), problems
    assert ("state 'netherlands', field 'name_in_sentence': the quotation “Netherlands, which refuse all migrants” is "
            "not word for word in the text of 'outcome-report'") in problems[0], problems


@pytest.mark.parametrize(("word", "said"), [
    ("Pr\u043ecess",
     "the word 'Pr\u043ecess', which mixes Cyrillic and Latin letters: U+043E (CYRILLIC SMALL LETTER O)"),
    ("\u039ahartoum",
     "the word '\u039ahartoum', which mixes Greek and Latin letters: U+039A (GREEK CAPITAL LETTER KAPPA)"),
    # a twenty-fourth attack's X13: Lisu, whose letters copy Latin capitals, and a styled (mathematical) letter
    ("\ua4d7hartoum", "the word '\ua4d7hartoum', which mixes Latin and Lisu letters: U+A4D7 (LISU LETTER KA)"),
    ("\U0001d404gypt", "the word '\U0001d404gypt', which mixes Latin and Mathematical letters: U+1D404 "
     "(MATHEMATICAL BOLD CAPITAL E)"),
])
def test_a_word_mixing_look_alike_scripts_is_refused(data_copy: DataCopy, word: str, said: str) -> None:
    """An attack gave a source the title of another with one Cyrillic letter: a twin no reader tells apart, which
    the check of titles (NFKC, case) let through."""
    line = data_copy.replace("sources.yml", "title: EU countries\n", f"title: EU countries of the {word}\n")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/sources.yml:{line}:"), problems
    assert f"source 'eu-countries', field 'title': expected text, found {said} looks like a letter of the other; " \
           "write the word in one script" in problems[0], problems


def test_words_of_other_scripts_whole_pass(data_copy: DataCopy) -> None:
    """A title in Cyrillic or Greek words, beside Latin ones, is not a mix: each word is in one script."""
    data_copy.replace("sources.yml", "title: EU countries\n",
                      "title: EU countries (\u0421\u0442\u0440\u0430\u043d\u044b \u0415\u0421, "
                      "\u03a7\u03ce\u03c1\u03b5\u03c2 \u03c4\u03b7\u03c2 \u0395\u0395)\n")
    assert checked_record(data_copy.data).sources["eu-countries"].title.startswith("EU countries (")


# A twenty-third attack (W1 to W19): words a page shows as a source's that no check read, and marks it missed.
@pytest.mark.parametrize(("file", "old", "new", "said"), [
    pytest.param("organisations.yml", "    - source: eeas\n      locator: the service's own name and acronym\n",
                 "    - source: eeas\n      quote: Egypt has left the Khartoum Process\n",
                 "field 'cites[1].quote': source 'eeas' has no text in the record, so its words cannot be checked",
                 id="W1-a-quote-of-a-source-with-no-text"),
    pytest.param("organisations.yml", "    - source: eeas\n      locator: the service's own name and acronym\n",
                 "    - source: eeas\n      locator: where it says “the European External Action Service”\n",
                 "field 'cites[1].locator': it quotes source 'eeas', whose text is not in the record",
                 id="W4-a-locator-quoting-a-source-with-no-text"),
    pytest.param("instruments.yml", "  names_in_record: [Khartoum Process, Khartoum Operation]\n",
                 "  names_in_record: [Khartoum Process, Khartoum Surrender Scheme]\n",
                 "field 'names_in_record[1]': 'Khartoum Surrender Scheme' is not written so in the text of",
                 id="W2-a-name-in-the-record-no-source-writes"),
    pytest.param("sources.yml", "  publisher: Egypt Daily News\n", "  publisher: Reuters\n",
                 "source 'outcome-report', field 'publisher': the publisher is read from the source's credit line, "
                 "but 'Reuters' is not written so where a credit line or a heading stands",
                 id="W3-a-publisher-the-credit-line-does-not-name"),
    # X9 (the twenty-fourth): any phrase of the text passed for its credit line
    pytest.param("sources.yml", "  publisher: Egypt Daily News\n", "  publisher: the European Commission\n",
                 "but 'the European Commission' is not written so where a credit line or a heading stands",
                 id="X9-a-publisher-from-the-middle-of-the-text"),
    # R6 (the twenty-eighth): a name cut short, standing inside the credit line's words
    pytest.param("sources.yml", "  publisher: Egypt Daily News\n", "  publisher: Egypt Daily Ne\n",
                 "but 'Egypt Daily Ne' is not written so where a credit line or a heading stands",
                 id="R6-a-publisher-cut-inside-a-word"),
    # T6 (the thirtieth): a line of a caption or a byline, with no dash after it, as a credit line
    pytest.param("sources.yml", "  publisher: Egypt Daily News\n", "  publisher: Editor\n",
                 "but 'Editor' is not written so where a credit line or a heading stands",
                 id="T6-a-byline-as-the-credit-line"),
    # U4, U5 (the thirty-first): a sentence's subject before its first comma as a credit line, and as a heading
    *(pytest.param("sources.yml", "  kind: announcement\n  file: seeds/000_bae4d5675d70ab5e.txt\n",
                   "  kind: announcement\n  publisher: Egypt\u2019s Minister of Foreign Affairs and Migration\n"
                   f"  publisher_from: {place}\n  file: seeds/000_bae4d5675d70ab5e.txt\n",
                   f"source 'announcement', field 'publisher': the publisher is read from the source's {said}, but "
                   "'Egypt\u2019s Minister of Foreign Affairs and Migration' is not written so where a credit line or "
                   "a heading stands", id=f"U4-U5-a-sentence-s-subject-as-the-{place}")
      for place, said in [("credit-line", "credit line"), ("heading", "heading")]),
    # S7 (the twenty-ninth): a headline's words as a credit line
    pytest.param("sources.yml", "  publisher: Egypt Daily News\n", "  publisher: Khartoum Process\n",
                 "but 'Khartoum Process' is not written so where a credit line or a heading stands",
                 id="S7-a-headline-s-words-as-the-credit-line"),
    pytest.param("sources.yml", "  title: \"“Khartoum Process” issues the Cairo 2nd Ministerial Statement\"\n",
                 "  title: \"“Egypt has left the Khartoum Process” says the Cairo 2nd Ministerial Statement\"\n",
                 "source 'outcome-report', field 'title': the quotation “Egypt has left the Khartoum Process” is not "
                 "word for word in the text of 'outcome-report'", id="W8-a-made-up-quotation-in-a-source-s-title"),
    # X4 (the twenty-fourth): in other marks, in the title of a source whose text the record holds
    pytest.param("sources.yml", "  title: \"“Khartoum Process” issues the Cairo 2nd Ministerial Statement\"\n",
                 "  title: \"“Khartoum Process” issues the 'Egypt has left the process' Statement\"\n",
                 "source 'outcome-report', field 'title': it holds the quotation mark ' (U+0027 APOSTROPHE)",
                 id="X4-other-marks-in-a-source-s-title"),
    pytest.param("documents/cairo-2025.yml", "call the document the “Cairo Ministerial Declaration”",
                 "call the document the “Cairo Ministerial Declaratoin”",
                 "is not word for word in the text of 'outcome-report' (it matches up to '…Cairo Ministerial "
                 "Declarat' and differs from there)", id="W19-where-the-copy-differs"),
    pytest.param("documents/cairo-2025.yml", "call the document the “Cairo Ministerial Declaration”",
                 "call the document the “”a failed process“”",  # (a bidirectional override is refused: BV6)
                 "it holds a quotation with no words", id="W7-empty-quotations"),
])
def test_words_shown_as_a_source_s_are_held_to_its_text(data_copy: DataCopy, file: str, old: str, new: str,
                                                        said: str) -> None:
    data_copy.replace(file, old, new)
    problems = problems_of_all(data_copy)
    assert len(problems) == 1, problems
    assert said in problems[0], problems


@pytest.mark.parametrize("new", [
    "the \u1fbfCairo Ministerial Decree\u1fbf", "the \u055aCairo Ministerial Decree\u055a",
    "the \u07f4Cairo Ministerial Decree\u07f4", "the \u2e32Cairo Ministerial Decree\u2e32",
    "the \u0374Cairo Ministerial Decree\u0374",
    "it\u02d0'Cairo Ministerial Decree'",  # W6: a modifier letter that looks like a colon before the mark
    "the \u0660\u2033Cairo Ministerial Decree \u0660\u2033",  # W6: primes after an Arabic-Indic digit
])
def test_look_alike_marks_a_twenty_third_attack_found_are_refused(data_copy: DataCopy, new: str) -> None:
    data_copy.replace("documents/cairo-2025.yml", "call the document the “Cairo Ministerial Declaration”",
                      f"call the document {new}")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    # U+0374, a letter of Greek, is refused as a Greek letter in a Latin word
    assert ("field 'notes[1]': it holds the quotation mark" in problems[0]
            or "found the word '\u0374Cairo', which mixes" in problems[0]), problems


@pytest.mark.parametrize("prose", ["Talks in Port Sa\u02bfid and Hawai\u02bbi.", "The Qur\u02beanic verses.",
                                   "Shari\u02bfa courts."])
def test_transliterations_are_not_read_as_quotation_marks(prose: str) -> None:
    """A twenty-third attack's W16: the ayn and hamza of a transliteration, inside a word, were refused."""
    assert _quotation_problems(prose, {}, {}) == []


def test_a_source_s_heading_with_no_text_to_hold_it_to_is_refused(data_copy: DataCopy) -> None:
    """W17: the document's source heading, shown as the source's words, went unchecked when its document cited no
    source with a text."""
    (data_copy.data / "documents" / "other-2025.yml").write_text(
        "id: other-2025\ntitle: A test document\nkind: declaration\ndate: 2025-04-09\ntext_in_record: false\n"
        "source_heading: The Rome Declaration\ncites:\n  - source: eeas\n    locator: a test\n", encoding="utf-8")
    problems = [p for p in problems_of_all(data_copy) if "other-2025" in p]
    assert len(problems) == 1, problems_of_all(data_copy)
    assert "field 'source_heading': the source's own words cannot be checked" in problems[0], problems


MADE_UP_DAY_FROM = ("- id: austria-rome\n  name: Austria\n  state: austria\n  how: signed-rome-declaration\n"
                    "  at_event: rome-2014\n  at_event_from: record\n  day_from:\n    source: outcome-report\n"
                    "    quote: Austria signed and was expelled\n  cites:\n    - source: eeas\n      locator: a test\n")


@pytest.mark.parametrize("where", ["day_from", "beside_membership"])
def test_a_citation_wherever_it_stands_is_checked(data_copy: DataCopy, where: str) -> None:
    """A twenty-fourth attack's X1 and X2: a membership's day_from and a state's beside_membership hold citations,
    whose made-up quotes no check read (the JSON download showed them as the source's words)."""
    if where == "day_from":
        (data_copy.data / "memberships.yml").write_text(MADE_UP_DAY_FROM, encoding="utf-8")
        field = "day_from.quote"
    else:
        data_copy.replace("states.yml", "  name: Austria\n", "  name: Austria\n  beside_membership:\n"
                          "    - text: A test.\n      cites:\n        - source: outcome-report\n"
                          "          quote: Austria signed and was expelled\n")
        field = "beside_membership[0].cites[0].quote"
    problems = problems_of_all(data_copy)
    assert len(problems) == 1, problems
    assert f"field '{field}': the text is not verbatim in source 'outcome-report'" in problems[0], problems


@pytest.mark.parametrize(("quotation", "source", "found"), [
    ("5 million migrants", "some 1.5 million migrants", False), ("000 copies", "2,000 copies", False),
    ("S. Army", "the U.S. Army", False), ("1.5 million migrants", "some 1.5 million migrants", True),
    ("the U.S. Army", "by the U.S. Army.", True),
    ("Caf\u0065\u0301 society", "the Caf\u00e9 society", True),  # pasted decomposed: the same words
])
def test_a_quotation_is_found_whole_in_numbers_abbreviations_and_either_form_of_accents(
        quotation: str, source: str, found: bool) -> None:
    """A twenty-fourth attack's X12 and X14: a number's point or comma and an abbreviation's point were edges of
    words, and a quotation pasted with its accents decomposed was refused."""
    assert (quotation in SourceText(source)) is found



def test_a_quotation_of_an_entry_whose_sources_have_no_text_is_refused(data_copy: DataCopy) -> None:
    """A twenty-fourth attack's X6: an event citing only a web page the record does not keep quoted the announcement's
    words in its description, which the page showed beside that web page's link."""
    with (data_copy.data / "events.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n- id: a-test\n  date: 2016-01\n  title: A test event\n  description: The service said "
                     "“The Khartoum Process includes 40 countries”.\n  cites:\n    - source: eeas\n"
                     "      locator: a test\n")
    problems = [p for p in problems_of_all(data_copy) if "a-test" in p]
    assert len(problems) == 1, problems_of_all(data_copy)
    assert ("event 'a-test', field 'description': it quotes words, but the sources it cites have no text in the "
            "record") in problems[0], problems


def test_a_paragraph_cut_short_is_refused(data_copy: DataCopy) -> None:
    """A twenty-fourth attack's X3: op-12 cut before its last words passed (the text was somewhere in the source),
    and every page, download and the Akoma Ntoso file gave the cut text as the whole paragraph."""
    data_copy.replace("documents/cairo-2025.yml", "      migration policies, in accordance with international "
                      "obligations and bilateral agreements, the\n      principle of non-refoulement, and full respect "
                      "for human rights.\n", "      migration policies\n")
    problems = problems_of_all(data_copy)
    assert len(problems) == 1, problems
    assert ("paragraph 'op-12', field 'text': the text is in source 'outcome-report', but not as a whole paragraph of "
            "it") in problems[0], problems


# A twenty-fifth attack (Y1 to Y17): texts a source may claim, a paragraph's place, and quotations in roles.
OP_2_TEXT = ("      Recognizing the potential mutual benefits of safe, orderly, and regular migration and legal\n"
             "      mobility pathways for both continents, with full respect for national competences and\n"
             "      capacities.\n")


@pytest.mark.parametrize(("new", "said"), [
    pytest.param("      Expressing gratitude to the Egyptian presidency for its timely initiative, leadership, and\n"
                 "      support in hosting this ministerial conference.\n",
                 "paragraph 'op-2', field 'text': paragraph 'pp-3' has the same text", id="Y2-another-paragraph-s"),
    pytest.param("      The “Cairo Action Plan” was also approved, which serves as a strategic document outlining the "
                 "general framework for the subsequent presidencies of the Khartoum Operation, marking the first time "
                 "such a plan has been adopted since the process inception.\n",
                 "paragraph 'op-2', field 'text': the source gives this text no number, where it numbers the "
                 "document's other paragraphs", id="Y2-a-reporter-s-sentence"),
])
def test_a_paragraph_s_text_stands_where_the_source_puts_the_paragraph(data_copy: DataCopy, new: str,
                                                                       said: str) -> None:
    data_copy.replace("documents/cairo-2025.yml", OP_2_TEXT, new)
    problems = problems_of_all(data_copy)
    assert len(problems) == 1, problems
    assert said in problems[0], problems


def test_a_paragraph_under_another_number_of_the_source_is_refused(data_copy: DataCopy) -> None:
    data_copy.replace("documents/cairo-2025.yml", "    number: 2\n    title: Potential mutual",
                      "    number: 18\n    title: Potential mutual")
    problems = problems_of_all(data_copy)
    assert len(problems) == 1, problems
    assert "paragraph 'op-2', field 'text': the source numbers this text 2, not 18" in problems[0], problems


@pytest.mark.parametrize(("file", "said"), [
    pytest.param("topics.yml", "field 'file': 'topics.yml' is a file of the record's own data, not the text of a "
                 "source", id="Y1-a-data-file"),
    pytest.param("seeds/001_b05cad6fe5c97c15.txt", "field 'file': source 'outcome-report' already has this text "
                 "(the same words); a text is the words of one source", id="Y1-another-source-s-text"),
    pytest.param("seeds/copy.txt", "field 'file': source 'outcome-report' already has this text (the same words)",
                 id="Z4-a-copy-of-another-source-s-text"),
    pytest.param("seeds/linked.txt", "field 'file': 'seeds/linked.txt' is a file of the record's own data",
                 id="Z3-a-link-to-a-data-file"),
    pytest.param("geo/countries.geojson", "field 'file': 'geo/countries.geojson' is a file of the record's own data",
                 id="Z4-the-map-s-shapes"),
])
def test_a_source_s_text_is_its_own(data_copy: DataCopy, file: str, said: str) -> None:
    """A twenty-fifth attack's Y1: a data file given as a source's text held the made-up quotation itself; a news
    report's text given again as a UNHCR statement made its words UNHCR's (a twenty-sixth attack: through a copy
    of the file, or a link to a data file)."""
    seeds = data_copy.data / "seeds"
    (seeds / "copy.txt").write_bytes((seeds / "001_b05cad6fe5c97c15.txt").read_bytes())
    (seeds / "linked.txt").symlink_to("../events.yml")
    add_source(data_copy, "a-statement", file)
    problems = [p for p in problems_of_all(data_copy) if "a-statement" in p]
    assert len(problems) == 1, problems_of_all(data_copy)
    assert f"source 'a-statement', {said}" in problems[0], problems


def test_a_role_quotes_its_own_sources(data_copy: DataCopy) -> None:
    """A twenty-fifth attack's Y4: a role citing only a source with no text quoted the words of its state's
    sources, shown beside the other source's link."""
    data_copy.replace("states.yml", "    - text: Chaired the Khartoum Process at its launch in 2014.\n",
                      "    - text: A page says Egypt “chaired the Khartoum Process at its launch”.\n      cites:\n"
                      "        - source: eeas\n          locator: a test\n"
                      "    - text: Chaired the Khartoum Process at its launch in 2014.\n")
    problems = problems_of_all(data_copy)
    assert len(problems) == 1, problems
    assert ("state 'egypt', field 'roles[0].text': it quotes words, but the sources it cites have no text in the "
            "record") in problems[0], problems


@pytest.mark.parametrize("new", [
    "the <<Cairo Ministerial Decree>>", "the \u226aCairo Ministerial Decree\u226b",
    "the \u27e8Cairo Ministerial Decree\u27e9", "the \u3008Cairo Ministerial Decree\u3009",
    "the \u00b8Cairo Ministerial Decree\u00b4", "the \u1425 Cairo Ministerial Decree \u1425",
    # a twenty-sixth attack's (Z7)
    "the \u1feeCairo Ministerial Decree\u1fee", "the \u231cCairo Ministerial Decree\u231f",
    "the \u2e22Cairo Ministerial Decree\u2e25", "the \u02f9Cairo Ministerial Decree\u02fa",
    "the \u02cfCairo Ministerial Decree\u02cf"])
def test_look_alike_marks_a_twenty_fifth_attack_found_are_refused(data_copy: DataCopy, new: str) -> None:
    data_copy.replace("documents/cairo-2025.yml", "call the document the “Cairo Ministerial Declaration”",
                      f"call the document {new}")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert "field 'notes[1]': it holds " in problems[0], problems
    assert "quotation mark" in problems[0] or "guillemet" in problems[0], problems


@pytest.mark.parametrize(("old", "new"), [
    ("ISO", "\u0406\u0405\u041e"),  # a whole word in Cyrillic
    ("ISO", "IS\u200aO"),  # a hair space inside a word
    ("3166-1:2020", "3\U0001d7cf66-1:2020"),  # a styled digit
    ("Country code", "Country cod\u0435"),  # a Cyrillic e: mixed scripts, said so
    ("\u2014", "\u2500"),  # Z14: a box-drawing line for the dash
    ("countries", "countri\u0307es"),  # Q7: a dot above an i
])
def test_a_twin_title_in_look_alike_letters_is_refused(data_copy: DataCopy, old: str, new: str) -> None:
    """A twenty-fifth attack's Y9: twins of a title in whole words of another script, or with a hair space."""
    title = next(line for line in (data_copy.data / "sources.yml").read_text(encoding="utf-8").splitlines()
                 if line.startswith('  title: "ISO 3166'))
    data_copy.replace("sources.yml", "  title: EU countries\n", title.replace(old, new) + "\n")
    problems = problems_of_all(data_copy)
    assert len(problems) == 1, problems
    assert ("source 'eu-countries', field 'title': source 'iso-3166' has the same title" in problems[0]
            or "which mixes Cyrillic and Latin letters" in problems[0]), problems


def test_hints_for_unknown_ids_stop_after_a_budget(data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """A twenty-fifth attack's Y12: each unknown id was compared with every id of its collection, and thousands of
    them ran for minutes; past a budget of comparisons the problems come without a hint."""
    from khartoum_site.record import validate
    monkeypatch.setattr(validate, "HINT_COMPARISONS", 1)
    data_copy.replace("documents/cairo-2025.yml",
                      "    topics: [legal-migration-pathways, jvap-legal-migration-mobility]",
                      "    topics: [legal-migration-pathway, jvap-legal-migration-mobilty]")
    problems = [p for p in problems_of_all(data_copy) if "unknown topic id" in p]
    assert len(problems) == 2, problems
    assert "did you mean 'legal-migration-pathways'" in problems[0], problems
    assert problems[1].endswith("unknown topic id 'jvap-legal-migration-mobilty' (no such id in topics)"), problems


def test_a_quote_across_a_line_of_a_hard_wrapped_text_passes(data_copy: DataCopy) -> None:
    """A twenty-fifth attack's Y14: a quote of words that a hard-wrapped text breaks across two lines was refused,
    though prose quotations read the same text with its white space made single spaces."""
    data_copy.append_to_text("outcome-report", "The ministers agreed to strengthen cooperation\n  on safe returns.")
    data_copy.replace("topics.yml", '      quote: "all five areas of the Valletta Joint Action Plan (JVAP)"',
                      '      quote: "agreed to strengthen cooperation on safe returns"')
    topic = checked_record(data_copy.data).topics["jvap-development-root-causes"]  # raises on any problem
    assert "agreed to strengthen cooperation on safe returns" in [c.quote for c in topic.cites]


# A twenty-sixth attack (Z1 to Z15): a paragraph's part and number in a wrapped source, the heading's place.
PP_2_TEXT = ("      Meeting in Cairo on April 9, 2025, for the second ministerial conference of the Khartoum\n"
             "      Process, invited by the Arab Republic of Egypt, to assess the progress made under the Khartoum\n"
             "      Process over the past ten years and discuss the future of this important political platform for\n"
             "      consultation and coordination on migration.\n")


def test_a_preambular_and_an_operative_paragraph_of_one_number_cannot_swap_texts(data_copy: DataCopy) -> None:
    """Z1: the source numbers both parts from 1; the number alone let the second preambular paragraph and the
    second operative one swap their words."""
    data_copy.replace("documents/cairo-2025.yml", PP_2_TEXT, "@PP2@")
    data_copy.replace("documents/cairo-2025.yml", OP_2_TEXT, PP_2_TEXT)
    data_copy.replace("documents/cairo-2025.yml", "@PP2@", OP_2_TEXT)
    problems = [p for p in problems_of_all(data_copy) if "field 'text'" in p]  # not the topics' terms
    assert len(problems) == 2, problems
    assert "paragraph 'pp-2', field 'text': the source has this text after the words that open the operative " \
           "paragraphs (operative_intro), so it is not one of the preambular paragraphs" in problems[0], problems
    assert "paragraph 'op-2', field 'text': the source has this text before the words" in problems[1], problems


def test_a_heading_the_source_has_after_the_paragraphs_is_refused(data_copy: DataCopy) -> None:
    """Z9: any words of the source passed as the heading the paragraphs follow, such as a share button's."""
    data_copy.replace("documents/cairo-2025.yml",
                      'source_heading: "Here are the main points of the Cairo Ministerial Declaration:"',
                      'source_heading: "Share This Article"')
    problems = problems_of_all(data_copy)
    assert len(problems) == 1, problems
    assert ("document 'cairo-2025', field 'source_heading': the source has these words after the first of the "
            "document's paragraphs") in problems[0], problems


WRAPPED = ("A communique\n\nThe ministers, meeting in a test:\n  1. Recalling the first thing that we\n"
           "     wrote over two lines.\n  2. Noting the second thing.\nWe decide:\n"
           "  1. Deciding the first thing, which also\n     runs over two lines.\n  2. Deciding the second thing.\n")


def add_source(copy: DataCopy, ident: str, file: str) -> None:
    """A source of the record whose text is ``file`` (under data/)."""
    with (copy.data / "sources.yml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: {ident}\n  title: A test source {ident}\n  kind: announcement\n  publisher: A test\n"
                     f"  publisher_from: website\n  url: https://example.org/{ident}\n  file: {file}\n")


def add_wrapped_document(copy: DataCopy, text: str, op_number: int) -> None:
    """A communique whose text (``text``, hard-wrapped) numbers two preambular and two operative paragraphs, and a
    document of three of them, the operative one under ``op_number``."""
    (copy.data / "seeds" / "wrapped.txt").write_text(text, encoding="utf-8")
    add_source(copy, "a-communique", "seeds/wrapped.txt")
    (copy.data / "documents" / "test-2025.yml").write_text(
        "id: test-2025\ntitle: A test communique\nkind: declaration\ndate: 2025-04-09\ntext_in_record: true\n"
        "operative_intro: 'We decide:'\ncites:\n  - source: a-communique\n    locator: a test\nparagraphs:\n"
        "  - {id: pp-1, part: preambular, number: 1, title: One,\n"
        "     text: Recalling the first thing that we wrote over two lines.}\n"
        "  - {id: pp-2, part: preambular, number: 2, title: Two, text: Noting the second thing.}\n"
        f"  - {{id: op-1, part: operative, number: {op_number}, title: Three,\n"
        "     text: 'Deciding the first thing, which also runs over two lines.'}\n", encoding="utf-8")


@pytest.mark.parametrize(("number", "said"), [
    (1, None),  # Z13: the paragraph written folded, as the record writes every paragraph, is the source's words
    (2, "paragraph 'op-1', field 'text': the source numbers this text 1, not 2"),  # Z2: a wrapped paragraph's number
])
def test_a_hard_wrapped_source_s_paragraphs_and_their_numbers(data_copy: DataCopy, number: int,
                                                              said: str | None) -> None:
    add_wrapped_document(data_copy, WRAPPED, number)
    problems = [p for p in problems_of_all(data_copy) if "test-2025" in p or "a-communique" in p] \
        if said else []
    if said is None:
        assert checked_record(data_copy.data).documents["test-2025"].paragraphs[2].number == 1
    else:
        assert len(problems) == 1, problems
        assert said in problems[0], problems


def test_a_quote_found_only_inside_a_longer_word_says_so(data_copy: DataCopy) -> None:
    """Z15: the message said the quote matched up to all of itself and differed from there."""
    data_copy.replace("events.yml", '      quote: "established in 2014 during a ministerial conference in Rome"',
                      '      quote: "stablished in 2014 during a ministerial conference in Rome"')
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert "the source has it only inside a longer word: a quotation starts and ends where the source's words do" \
        in problems[0], problems


# A twenty-seventh attack (Q1 to Q17).
@pytest.mark.parametrize(("prose", "after"), [
    ("The ministers said it'a deal for all migrants' now.", "migrants"),  # Q5: one letter after
    ("A minister said'4 states' would go.", "states"),
    ("It was a'good deal for the migrants' aides.", "migrants"),  # one letter before, no elision
])
def test_an_apostrophe_with_one_letter_on_a_side_pairs_too(prose: str, after: str) -> None:
    problems = _quotation_problems(prose, {}, {})
    assert len(problems) == 1, problems
    assert f"and another after '{after}', which a reader reads as quotation marks" in problems[0][0], problems


def test_a_combining_comma_above_a_letter_is_a_mark(data_copy: DataCopy) -> None:
    """Q14: U+0315 after a letter showed as a closing quotation mark."""
    data_copy.replace("documents/cairo-2025.yml", "call the document the “Cairo Ministerial Declaration”",
                      "call the document it\u0315the Cairo Ministerial Decree\u0315")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert "field 'notes[1]': it holds the quotation mark \u0315 (U+0315 COMBINING COMMA ABOVE RIGHT)" \
        in problems[0], problems


@pytest.mark.parametrize(("old", "new", "said"), [
    pytest.param('operative_intro: "We have agreed on the following:"\n', "",
                 "document 'cairo-2025', field 'operative_intro': the document has preambular and operative "
                 "paragraphs, but not the words of the source that open the operative ones", id="Q1-no-intro"),
    pytest.param('source_heading: "Here are the main points of the Cairo Ministerial Declaration:"',
                 'source_heading: "We, the Ministers of Foreign Affairs, Interior, Labor, Justice, Migration and '
                 'Integration"', "document 'cairo-2025', field 'source_heading': the source has these words after "
                 "the first of the document's paragraphs", id="Q4-the-first-paragraph-s-words"),
    # T8 (a thirtieth attack): a caption at the top as the heading, a piece of the intro's line
    pytest.param('source_heading: "Here are the main points of the Cairo Ministerial Declaration:"',
                 'source_heading: "Khartoum conference"', "document 'cairo-2025', field 'source_heading': the source "
                 "has other words between these and the first of the document's paragraphs", id="T8-a-caption"),
    pytest.param('operative_intro: "We have agreed on the following:"', 'operative_intro: "We have agreed"',
                 "document 'cairo-2025', field 'operative_intro': the source has these words, but not as a whole "
                 "line or paragraph of it", id="T8-a-piece-of-the-line"),
])
def test_the_words_around_the_paragraphs_stand_where_the_source_has_them(data_copy: DataCopy, old: str, new: str,
                                                                        said: str) -> None:
    data_copy.replace("documents/cairo-2025.yml", old, new)
    problems = problems_of_all(data_copy)
    assert len([p for p in problems if said in p]) == 1, problems
    assert all("document 'cairo-2025'" in p for p in problems), problems


@pytest.mark.parametrize(("content", "said"), [
    pytest.param(None, "is a file of the record's own data", id="Q3-a-copy-of-a-data-file"),
    # (refused now for the character itself, which no page can show: BC4)
    pytest.param(("Khartoum", "Khar\x02toum"), "which no page can show as the text has it",
                 id="Q6-a-copy-with-a-control-character"),
    pytest.param(("Editor", "\u0415ditor"), "already has this text (the same words)",
                 id="R5-a-copy-with-a-cyrillic-letter"),
])
def test_a_source_s_text_is_no_data_and_no_other_s_words(data_copy: DataCopy, content: tuple[str, str] | None,
                                                         said: str) -> None:
    seeds = data_copy.data / "seeds"
    if content is None:
        (seeds / "copy.txt").write_bytes((data_copy.data / "events.yml").read_bytes())
    else:
        words = (seeds / "001_b05cad6fe5c97c15.txt").read_text(encoding="utf-8")
        (seeds / "copy.txt").write_text(words.replace(*content, 1), encoding="utf-8")
    add_source(data_copy, "a-statement", "seeds/copy.txt")
    problems = [p for p in problems_of_all(data_copy) if "a-statement" in p]
    assert len(problems) == 1, problems_of_all(data_copy)
    assert "source 'a-statement', field 'file': " in problems[0], problems
    assert said in problems[0], problems


def test_a_number_alone_on_its_line_numbers_the_paragraph_below(data_copy: DataCopy) -> None:
    """Q2: a source that writes "1." alone on its line gave its paragraphs no number, and every number passed."""
    wrapped = WRAPPED.replace("  1. Deciding", "  1.\n  Deciding").replace("  2. Deciding", "  2.\n  Deciding")
    add_wrapped_document(data_copy, wrapped, 2)
    problems = [p for p in problems_of_all(data_copy) if "test-2025" in p]
    assert len(problems) == 1, problems
    assert "paragraph 'op-1', field 'text': the source numbers this text 1, not 2" in problems[0], problems


def hard_wrap(copy: DataCopy, seed: str, width: int, list_width: int) -> dict[str, str]:
    """The seed text ``seed`` hard-wrapped as ``fold -s`` wraps it, its prose at ``width`` columns and its numbered
    lines at ``list_width``: a numbered line keeps its indent, the lines it runs onto start at the margin. Returns
    the first line of each of the declaration's paragraphs as wrapped."""
    path = copy.data / "seeds" / seed
    lines = path.read_text(encoding="utf-8").split("\n")

    def wrapped(line: str) -> list[str]:
        numbered = re.match(r"  \d+\. ", line)
        return textwrap.wrap(line, list_width if numbered else width, break_on_hyphens=False) if line.strip() \
            else [line]

    path.write_text("\n".join(part for line in lines for part in wrapped(line)), encoding="utf-8")
    parts = dict(zip(("pp", "op"), path.read_text(encoding="utf-8").split("We have agreed on the following:"),
                     strict=True))
    return {f"{part}-{n}": first for part, text in parts.items()
            for n, first in re.findall(r"^  (\d+)\. (.*)$", text, re.M)}


# the widths of fold's, pdftotext's and e-mail's lines; a list wrapped narrower than the prose (S1, S6)
WIDTHS = [(100, 100), (80, 80), (60, 60), (90, 78)]


@pytest.mark.parametrize(("width", "list_width"), WIDTHS)
def test_a_hard_wrapped_source_s_whole_paragraphs_pass(data_copy: DataCopy, width: int, list_width: int) -> None:
    """A twenty-eighth attack's R1: the outcome report hard-wrapped at 100 columns (numbers indented, the lines they
    run onto at the margin) turned each of the declaration's paragraphs into "not a whole paragraph"; a twenty-ninth
    (S6) did so at 80 and 120 columns."""
    hard_wrap(data_copy, "001_b05cad6fe5c97c15.txt", width, list_width)
    assert len(checked_record(data_copy.data).documents["cairo-2025"].paragraphs) == 28


@pytest.mark.parametrize(("width", "list_width"), WIDTHS)
def test_a_line_of_a_hard_wrapped_paragraph_is_not_a_paragraph(data_copy: DataCopy, width: int,
                                                               list_width: int) -> None:
    """R1, R2: a paragraph cut at the end of its first wrapped line passed as a whole paragraph of the source; S1 so
    at 80 columns, or with the list wrapped narrower than the prose."""
    first_line = hard_wrap(data_copy, "001_b05cad6fe5c97c15.txt", width, list_width)["pp-3"]
    line = data_copy.replace("documents/cairo-2025.yml",
                             "      Expressing gratitude to the Egyptian presidency for its timely initiative, "
                             "leadership, and\n      support in hosting this ministerial conference.\n",
                             f"      {first_line}\n")
    problems = [p for p in problems_of_all(data_copy) if "'pp-3'" in p]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"data/documents/cairo-2025.yml:{line - 1}:11: paragraph 'pp-3', field 'text': "
                                  "the text is in source 'outcome-report', but not as a whole paragraph of it"), \
        problems


@pytest.mark.parametrize("written", ["Kenya", '"Kenya,"'])  # R3, and S3: with a stop or a comma after it
def test_a_chair_written_with_a_state_s_name_is_that_state_linked(data_copy: DataCopy, written: str) -> None:
    """A twenty-eighth attack's R3: a host or chair written with a state's name (which a cited text holds, as the
    outcome report lists Kenya), but not given in hosted_by or chaired_by, made that state's page say it hosted or
    chaired the meeting, past the check that it was a member by then."""
    line = data_copy.replace("events.yml", "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n",
                             f"  chair: [Badr Abdelatty, Dr. Badr Abdel Aty, {written}]\n")
    problems = problems_of_all(data_copy)
    assert problems == [
        f"data/events.yml:{line}:47: event 'cairo-ministerial-2025', field 'chair[2]': '{written.strip(chr(34))}' "
        "names state "
        "'kenya', which neither chaired_by nor co_chaired_by gives; give it in chaired_by or co_chaired_by: a "
        "state's page lists the meeting from there"], problems


@pytest.mark.parametrize("written", ["Sweden", "Sweden (Kingdom of)"])  # R4, and S4: with a bracket after it
def test_a_statement_about_one_state_does_not_carry_another_s_name(data_copy: DataCopy, written: str) -> None:
    """A twenty-eighth attack's R4: a statement about Norway whose name "as the source writes it" was Sweden, shown
    on Norway's page and in the CSV."""
    (data_copy.data / "memberships.yml").write_text(
        f"- id: norway-joined\n  name: {written}\n  how: became-member\n  state: norway\n  cites:\n"
        "    - source: eeas\n      locator: a test\n", encoding="utf-8")
    problems = [p for p in problems_of_all(data_copy) if "norway-joined" in p]
    assert problems == [
        f"data/memberships.yml:2:9: membership 'norway-joined', field 'name': '{written}' names state 'sweden', "
        "and this entry is about state 'norway'; give the state the source names, in state (or other_state)"], \
        problems


def test_the_apostrophe_check_reads_each_letter_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """A twenty-ninth attack's S5: a run of apostrophes between letters (a'a'a'...) was read back to its start at
    each apostrophe, quadratic: ten 5,000-character fields held `check` for 55 s. The letters read, counted, grow as
    the run does (the timings are the bench's work, not a test's)."""
    from khartoum_site.record import validate
    reads = 0
    letter = validate._letter

    def counted(char: str) -> bool:
        nonlocal reads
        reads += 1
        return letter(char)

    monkeypatch.setattr(validate, "_letter", counted)
    per_length = []
    for n in (500, 2000):
        reads = 0
        validate.stray_mark("a'" * n + "a")
        per_length.append(reads / n)
    assert per_length[1] < per_length[0] * 1.5, per_length


def test_a_hard_wrapped_text_with_one_long_line_is_read_as_wrapped() -> None:
    """A thirtieth attack's T1 and T5: one line longer than the others (an address) made a wrapped text one of long
    lines, each line a paragraph, so a paragraph's first line passed as the whole; T4: a dash the wrapping put at a
    line's start was read as a bullet."""
    from khartoum_site.record.validate import _groups_of
    more = "".join(f"  {n}. Noting thing number {n} of the ministers, which they wrote over\n"
                   "two lines of the communique.\n" for n in range(3, 7))
    text = ("A communique\n\n  1. Recalling the first thing that we said, the ministers of the\n"
            "- every one of them - states agreed on it over two lines.\n  2. Noting the second thing.\n" + more
            + "\nhttps://example.org/" + "a" * 230 + "\n")
    assert _groups_of(text) == (
        (None, "A communique"),
        (1, "Recalling the first thing that we said, the ministers of the - every one of them - states agreed on it "
            "over two lines."),
        (2, "Noting the second thing."),
        *((n, f"Noting thing number {n} of the ministers, which they wrote over two lines of the communique.")
          for n in range(3, 7)),
        (None, "https://example.org/" + "a" * 230))


def test_a_state_linked_as_host_is_one_the_written_host_names(data_copy: DataCopy) -> None:
    """A thirtieth attack's T3: Kenya linked as the host beside the host written "Arab Republic of Egypt" (Egypt as
    co-host): Kenya's page listed the meeting as hosted by it, "written “Arab Republic of Egypt”"."""
    line = data_copy.replace("events.yml", "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n",
                             "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n  host: [Arab Republic of Egypt]\n"
                             "  hosted_by:\n    states: [kenya]\n  co_hosted_by:\n    states: [egypt]\n")
    problems = [p for p in problems_of_all(data_copy) if "field 'hosted_by': the host" in p]
    assert problems == [
        f"data/events.yml:{line + 3}:5: event 'cairo-ministerial-2025', field 'hosted_by': the host is written "
        "naming state 'egypt', not state 'kenya'; give in hosted_by the state the source names, a partner in "
        "co_hosted_by"], problems


# A thirty-first attack (U1 to U14).
PLAN = ("Cairo Action Plan\n\nThe Ministers of the Khartoum Process adopted the following plan of action.\n\n"
        "1. The Steering Committee will meet twice a year to review how the\n"
        "plan is carried out, and will report on its work as set out in paragraph\n"
        "2. The chair of the process will present the report of the Steering\n"
        "Committee to the senior officials before each ministerial meeting.\n\n"
        "3. The Ministers will hold regular ministerial meetings to monitor the\n"
        "plan and evaluate its results.\n")
PLAN_1 = ("The Steering Committee will meet twice a year to review how the plan is carried out, and will report on its "
          "work as set out in paragraph 2. The chair of the process will present the report of the Steering Committee "
          "to the senior officials before each ministerial meeting.")


def plain_problems(copy: DataCopy) -> list[str]:
    """The problems `check` reports, none when the data is valid."""
    try:
        checked_record(copy.data)
    except DataError as caught:
        return [str(p) for p in caught.problems]
    return []


def plan_problems(copy: DataCopy, seed: str, texts: dict[int, str], heading: str | None = None) -> list[str]:
    """The problems said of an action plan whose source text is ``seed`` (hard-wrapped), whose operative
    paragraphs are ``texts`` by number, and whose source heading is ``heading``."""
    (copy.data / "seeds" / "plan.txt").write_text(seed, encoding="utf-8", newline="")
    add_source(copy, "plan-text", "seeds/plan.txt")
    (copy.data / "documents" / "plan-2025.yml").write_text(
        "id: plan-2025\ntitle: A test plan\nkind: action-plan\ndate: 2025-04-09\ntext_in_record: true\n"
        + (f"source_heading: {heading}\n" if heading else "") +
        "cites:\n  - source: plan-text\n    locator: a test\n  - source: outcome-report\n    locator: a test\n"
        "paragraphs:\n" + "".join(
            f"  - id: op-{n}\n    part: operative\n    number: {n}\n    title: Part {n}\n    text: >-\n      {text}\n"
            for n, text in texts.items()), encoding="utf-8")
    return [p for p in plain_problems(copy) if "plan" in p]


def test_a_number_the_wrapping_put_at_a_line_s_start_opens_no_paragraph(data_copy: DataCopy) -> None:
    """U1, U2: "as set out in paragraph" then "2. The chair…" on the next line was read as paragraph 2: the first
    half of paragraph 1, cut mid-sentence, passed as a whole paragraph, and the whole paragraph was refused."""
    assert plan_problems(data_copy, PLAN, {1: PLAN_1, 3: "The Ministers will hold regular ministerial meetings to "
                                           "monitor the plan and evaluate its results."}) == []


def test_a_paragraph_cut_where_the_wrapping_put_a_number_is_refused(data_copy: DataCopy) -> None:
    problems = plan_problems(data_copy, PLAN, {1: PLAN_1.split(" 2. ")[0], 2: PLAN_1.split(" 2. ")[1]})
    assert len(problems) == 2, problems
    # the source that holds the words, not every one cited (U3)
    assert all("the text is in source 'plan-text', but not as a whole paragraph of it" in p for p in problems), problems


@pytest.mark.parametrize("cut", [True, False])
def test_a_page_break_inside_a_paragraph_does_not_end_it(data_copy: DataCopy, cut: bool) -> None:
    """U11, U12: pdftotext opens the first line of a page with a form feed; read as a blank line, it cut the
    paragraph there, so its first lines passed as the whole paragraph and the whole one was refused."""
    seed = ("Cairo Action Plan\n\n1. The Steering Committee will meet twice a year to review how the\n"
            "plan is carried out, and will report on its work to the senior officials\n"
            "\fbefore each ministerial meeting, which will take note of the report.\n")
    whole = ("The Steering Committee will meet twice a year to review how the plan is carried out, and will report on "
             "its work to the senior officials before each ministerial meeting, which will take note of the report.")
    problems = plan_problems(data_copy, seed, {1: whole.split(" before")[0] if cut else whole})
    if cut:
        assert len(problems) == 1, problems
        assert "but not as a whole paragraph of it" in problems[0], problems
    else:
        assert problems == []


def _text_holding(data_copy: DataCopy, mark: str, instead: bool) -> tuple[Path, int, list[str]]:
    """The outcome report's text with ``mark`` after "(ICMPD)", ``instead`` of the space there or before it: the
    seed, the line it stands on, and the problems of the data."""
    seed = next((data_copy.data / "seeds").glob("001_*.txt"))
    text = seed.read_text(encoding="utf-8")
    at_ = text.index("(ICMPD) to the process")
    seed.write_text(text[:at_ + 7] + mark + text[at_ + 7 + instead:], encoding="utf-8", newline="")
    return seed, text.count("\n", 0, at_) + 1, problems_of_all(data_copy)


@pytest.mark.parametrize("mark", ["\x1e", "\v", "\x85", "\u2028", "\u2029", "\r", "\x1c"])
def test_a_line_break_no_editor_sees_is_refused_in_a_source_s_text(data_copy: DataCopy, mark: str) -> None:
    """U13: an invisible U+001E (or a vertical tab, a lone carriage return, a Unicode line separator) in place of a
    space split a paragraph of the outcome report, and its first half passed as the declaration's paragraph 5."""
    seed, line, problems = _text_holding(data_copy, mark, instead=True)
    assert any(f"source 'outcome-report', field 'file': its text data/seeds/{seed.name}, line {line}: it holds "
               f"{character_name(mark)}, which ends a line where none shows, and so a paragraph; replace it by a "
               "space, or by a line break (LF) where the source has one" in p for p in problems), problems


@pytest.mark.parametrize("mark", ["\x00", "\x1b", "\x7f", "\x08", "\x9b", "\u202e", "\u2066", "\uffff", "\ufdd0"])
def test_a_character_no_page_can_show_is_refused_in_a_source_s_text(data_copy: DataCopy, mark: str) -> None:
    """An attack's BC4: a control character in a kept text was dropped from the page that shows the text whole, and
    a noncharacter or a direction override written as it is: the page showed another text than the record keeps."""
    seed, line, problems = _text_holding(data_copy, mark, instead=False)
    assert any(f"source 'outcome-report', field 'file': its text data/seeds/{seed.name}, line {line}: it holds "
               f"{character_name(mark)}, which no page can show as the text has it; remove it, or write what it "
               "stands for" in p for p in problems), problems


@pytest.mark.parametrize(("first_lines", "publisher"), [
    ("Valletta Summit on Migration\n\nAction Plan\n", "Valletta Summit on Migration"),  # a line of its own
    ("Action Plan | Valletta Summit on Migration\n", "Valletta Summit on Migration"),  # beside a bar
    ("Valletta Summit on Migration \u2013 Action Plan\n", "Valletta Summit on Migration"),  # before a dash
])
def test_a_publisher_read_from_a_heading_stands_as_one(data_copy: DataCopy, first_lines: str, publisher: str) -> None:
    """U5's other side: a heading that names the publisher, alone on its line or beside a dash or a bar, passes."""
    (data_copy.data / "seeds" / "plan.txt").write_text(first_lines + "\nThe plan has five domains.\n",
                                                       encoding="utf-8")
    with (data_copy.data / "sources.yml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: plan-text\n  title: A test plan\n  kind: announcement\n  publisher: {publisher}\n"
                     "  publisher_from: heading\n  url: https://example.org/plan\n  file: seeds/plan.txt\n")
    assert [p for p in plain_problems(data_copy) if "plan-text" in p] == []


@pytest.mark.parametrize(("name", "said"), [
    ("European External Action Service", "'European External Action Service' does not name state 'italy', which "
     "this entry is about; give the state's name as the source writes it"),
    ("IT", "'IT' does not name state 'italy', which"),  # a one-word name has no initials that stand for it
    ("Italian Republic", "'Italian Republic' does not name state 'italy', which this entry is about; give the "
     "state's name as the source writes it; another name the sources give the state goes in its also_written"),
])
def test_an_entry_about_a_state_names_that_state(data_copy: DataCopy, name: str, said: str | None) -> None:
    """A thirty-first attack's U7: a statement about the United Kingdom whose name as written, "European External
    Action Service", named no state made the United Kingdom one of the participants of 2025."""
    (data_copy.data / "memberships.yml").write_text(ROME_LIST.replace("name: Italy", f"name: {name}"), encoding="utf-8")
    problems = [p for p in plain_problems(data_copy) if "field 'name'" in p]
    if said is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert problems[0].startswith("data/memberships.yml:10:9: membership 'italy-rome', field 'name': " + said), \
            problems


@pytest.mark.parametrize(("also", "said"), [
    ("Italian Republic", None),
    ("European External Action Service", "state 'italy', field 'also_written[0]': 'European External Action "
     "Service' is the name of organisation 'eeas'; give only names the sources write for this state"),
    ("Egypt", "state 'italy', field 'also_written[0]': 'Egypt' is the name of state 'egypt'"),
])
def test_another_name_of_a_state_names_entries_about_it(data_copy: DataCopy, also: str, said: str | None) -> None:
    """The way for an honest name that is not the state's (Italian Republic, Hellenic Republic), closed to the name
    of another state or of an organisation (U7)."""
    (data_copy.data / "memberships.yml").write_text(ROME_LIST.replace("name: Italy", "name: Italian Republic"),
                                                   encoding="utf-8")
    data_copy.append_to_text("outcome-report", "The Italian Republic and the European External Action Service.")
    data_copy.replace("states.yml", "- id: italy\n  name: Italy\n",
                      f"- id: italy\n  name: Italy\n  also_written: [{also}]\n")
    problems = plain_problems(data_copy)
    if said is None:
        assert problems == []
    else:
        assert any(said in p for p in problems), problems


def test_a_paragraph_of_one_document_is_not_another_s(data_copy: DataCopy) -> None:
    """A thirty-first attack's U8: the declaration's preambular paragraph 3, given as the operative paragraph 3 of a
    document of operative paragraphs only, whose part nothing read against the source."""
    (data_copy.data / "documents" / "fake-2025.yml").write_text(
        "id: fake-2025\ntitle: A test document\nkind: action-plan\ndate: 2025-04-09\ntext_in_record: true\n"
        "cites:\n  - source: outcome-report\n    locator: a test\nparagraphs:\n  - id: op-3\n    part: operative\n"
        f"    number: 3\n    title: Made up\n    text: >-\n      {PP_3_TEXT}\n", encoding="utf-8")
    problems = [p for p in plain_problems(data_copy) if "fake-2025" in p]
    assert problems == ["data/documents/fake-2025.yml:14:11: paragraph 'op-3', field 'text': paragraph 'pp-3' of "
                        "document 'cairo-2025' has the same text; a paragraph of a source is one document's; give the "
                        "paragraph that stands in this document's own text"], problems


@pytest.mark.parametrize(("quote", "refused"), [
    ("The Khartoum Process, established in 2014 during a ministerial conference in Rome, aims to address human "
     "trafficking and migrant smuggling", True),  # U9: cut before ", but has since broadened its mandate"
    ("established in 2014 during a ministerial conference in Rome, aims to address human trafficking and migrant "
     "smuggling, but has since broadened its mandate to include a wider range of topics tied to migration.", True),
    ("The Khartoum Process, established in 2014 during a ministerial conference in Rome, aims to address human "
     "trafficking and migrant smuggling, but has since broadened its mandate to include a wider range of topics tied "
     "to migration.", False),
])
def test_the_home_page_s_lead_quotations_are_whole_sentences(data_copy: DataCopy, quote: str, refused: bool) -> None:
    """A thirty-first attack's U9: the first quotation of the process, the home page's lead, cut short of its
    sentence's end ("…, but has since broadened its mandate") was shown whole, saying the opposite of the source."""
    first = ('      quote: "The Khartoum Process, established in 2014 during a ministerial conference in Rome, aims to '
             'address human trafficking and migrant smuggling, but has since broadened its mandate to include a wider '
             'range of topics tied to migration."\n')
    line = data_copy.replace("instruments.yml", first, f'      quote: "{quote}"\n')
    problems = [p for p in plain_problems(data_copy) if "cites[0].quote" in p]
    assert problems == ([f"data/instruments.yml:{line}:14: instrument 'khartoum-process', field 'cites[0].quote': the "
                         "home page opens with the process's first 2 quotations, and this one is not a whole sentence "
                         "of source 'announcement'; quote the sentence whole, from its first word to its full stop"]
                        if refused else []), problems


UNNUMBERED = ("Cairo Action Plan\n\nThe Steering Committee will meet twice a year.\n\n"
              "The Ministers will hold regular meetings.\n\nThe presidency will report to the Ministers.\n\n"
              "The plan will be reviewed at the next ministerial conference.\n")
UNNUMBERED_TEXTS = [line for line in UNNUMBERED.splitlines()[1:] if line]
HEADING = "Cairo Action Plan"  # the words right before the paragraphs, from which an unnumbered text counts them
ORDER = ("gives neither a number: the record numbers them in the source's order; number the paragraphs in the order "
         "the source gives them")


@pytest.mark.parametrize(("order", "refused"), [
    ((1, 2, 3), {}),
    ((3, 2, 1), {"op-3": ORDER, "op-2": ORDER, "op-1": "the source gives no numbers, and this is its paragraph 3 after "
                 "the words that open the operative paragraphs (source_heading)"}),
    ((1, 3, 2), {"op-2": "has 1 paragraph between that of paragraph 'op-1' (number 1) and this one ('The Ministers "
                 "will hold regular meetings.'): counted as the source's paragraphs are, it is number 3",
                 "op-3": ORDER}),
])
def test_paragraphs_the_source_does_not_number_keep_its_order(data_copy: DataCopy, order: tuple[int, ...],
                                                              refused: dict[str, str]) -> None:
    """A thirty-first attack's U14: where the source numbered nothing, the record's numbers were read neither for
    order nor against it: the full text showed the source's last paragraph as the first."""
    problems = plan_problems(data_copy, UNNUMBERED, dict(zip(order, UNNUMBERED_TEXTS, strict=False)), HEADING)
    found = {m.group(1): p for p in problems for m in re.finditer(r"paragraph '(op-\d)', field 'number'", p)}
    assert sorted(found) == sorted(refused), problems
    assert all(said in found[ident] for ident, said in refused.items()), problems


SHORT_LINES = ("Cairo Action Plan\nThe Ministers of the Khartoum Process,\nRecalling the Rome Declaration of 2014,\n"
               "Welcoming the work of the Steering Committee since the launch of the process,\n"
               "Have agreed on the following plan of action:\n"
               "1. The Steering Committee will meet twice a year to review the progress made under this plan.\n"
               "2. The Ministers will hold regular ministerial meetings to monitor the plan and evaluate its "
               "results.\n")


@pytest.mark.parametrize(("texts", "refused"), [
    (("Recalling the Rome Declaration of 2014,", "Welcoming the work of the Steering Committee since the launch of "
      "the process,"), []),
    (("Recalling the Rome Declaration of 2014, Welcoming the work of the Steering Committee since the launch of the "
      "process,", None), ["paragraph 'pp-1', field 'text': the text is in source 'plan-text', but not as a whole "
                          "paragraph of it"]),  # (and nothing of the heading: read once every paragraph is found, AH8)
])
def test_a_declaration_s_short_lines_ending_in_commas_are_its_paragraphs(data_copy: DataCopy,
                                                                         texts: tuple[str, str | None],
                                                                         refused: list[str]) -> None:
    """A thirty-first attack's U10: a text of one short paragraph per line, its preambular ones ending in commas,
    was read as one hard-wrapped paragraph, and each preambular paragraph was refused as not a whole one."""
    (data_copy.data / "seeds" / "plan.txt").write_text(SHORT_LINES, encoding="utf-8")
    add_source(data_copy, "plan-text", "seeds/plan.txt")
    preambular = "".join(f"  - id: pp-{n}\n    part: preambular\n    number: {n}\n    title: Part {n}\n"
                         f"    text: >-\n      {text}\n" for n, text in enumerate(texts, 1) if text)
    (data_copy.data / "documents" / "plan-2025.yml").write_text(
        "id: plan-2025\ntitle: A test plan\nkind: action-plan\ndate: 2025-04-09\ntext_in_record: true\n"
        "source_heading: The Ministers of the Khartoum Process,\n"
        "operative_intro: \"Have agreed on the following plan of action:\"\n"
        "cites:\n  - source: plan-text\n    locator: a test\n  - source: outcome-report\n    locator: a test\n"
        "paragraphs:\n" + preambular + "".join(
            f"  - id: op-{n}\n    part: operative\n    number: {n}\n    title: Part {n}\n    text: >-\n      {text}\n"
            for n, text in enumerate(SHORT_LINES.splitlines()[-2:], 1)).replace(" 1. ", " ").replace(" 2. ", " "),
        encoding="utf-8")
    problems = [p for p in plain_problems(data_copy) if "plan" in p]
    assert len(problems) == len(refused), problems
    assert all(said in p for p, said in zip(problems, refused, strict=True)), problems


@pytest.mark.parametrize(("first", "refused"), [(1, []), (2, [
    "data/documents/plan-2025.yml:15:13: paragraph 'op-2', field 'number': the source gives no numbers, and this is "
    "its paragraph 1 after the words that open the operative paragraphs (source_heading); number the paragraphs by "
    "their place in the source: the first is number 1"])])
def test_the_first_number_the_source_does_not_give_counts_from_its_heading(data_copy: DataCopy, first: int,
                                                                           refused: list[str]) -> None:
    """V11's first paragraph: after the heading the source gives, the first is number 1."""
    plan_problems(data_copy, UNNUMBERED, {first: UNNUMBERED_TEXTS[0], first + 1: UNNUMBERED_TEXTS[1]})
    data_copy.replace("documents/plan-2025.yml", "text_in_record: true\n",
                      "text_in_record: true\nsource_heading: Cairo Action Plan\n")
    assert [p for p in plain_problems(data_copy) if "plan" in p] == refused


@pytest.mark.parametrize(("texts", "refused"), [
    ({1: 0, 2: 1, 3: 2, 4: 3}, []),
    ({1: 0, 2: 2, 3: 3}, ["data/documents/plan-2025.yml:21:13: paragraph 'op-2', field 'number': the source gives no "
                          "numbers, and has 1 paragraph between that of paragraph 'op-1' (number 1) and this one "
                          "('The Ministers will hold regular meetings.'): counted as the source's paragraphs are, it "
                          "is number 3; number the paragraphs by their "
                          "place in the source: the next paragraph is the next number"]),
    ({1: 0, 3: 2, 9: 3}, ["data/documents/plan-2025.yml:27:13: paragraph 'op-9', field 'number': the source gives no "
                          "numbers, and has no paragraphs between that of paragraph 'op-3' (number 3) and this one: "
                          "counted as the source's paragraphs are, it is number 4; number the paragraphs by their "
                          "place in the source: the next paragraph is the next number"]),
])
def test_numbers_the_source_does_not_give_count_its_paragraphs(data_copy: DataCopy, texts: dict[int, int],
                                                               refused: list[str]) -> None:
    """A thirty-second attack's V11: numbers 1, 2 and 9 given to an unnumbered source's first, third and fourth
    paragraphs were shown as "Operative paragraph 9", "as its source gives them"; a paragraph left out keeps its
    number, so the record may hold some paragraphs and not others."""
    problems = plan_problems(data_copy, UNNUMBERED, {n: UNNUMBERED_TEXTS[i] for n, i in texts.items()}, HEADING)
    assert problems == refused, problems


LEAD_QUOTE = ('    - source: announcement\n      quote: "The Khartoum Process, established in 2014 during a '
              'ministerial conference in Rome, aims to address human trafficking and migrant smuggling, but has since '
              'broadened its mandate to include a wider range of topics tied to migration."\n')
REVIEW = ("Review of the Khartoum Process, 2014-2024\n\n"
          "Some observers of the process have claimed in recent years that\n"
          "the Khartoum Process has ended the smuggling of migrants along the\n"
          "Central Mediterranean route. The evidence gathered for this review\n"
          "does not support that claim, and the review says so at length here.\n\n"
          "One claim some observers have made \u2013 the evidence rejects it. Some say the Secr\u00e9tariat of the "
          "process, has ended the work.\n\nClaim \u2013 the Khartoum Process has ended the work.\n\n"
          "Sharm El-Sheikh, 9th April 2025 \u2013 The senior officials met in Sharm El-Sheikh.\n\n"
          "NAIROBI, April 9 (Xinhua) -- The ministers met in Nairobi.\n")


@pytest.mark.parametrize(("cite", "said"), [
    # V3: a citation with no quotation as the lead stopped the build
    ("    - source: outcome-report\n      locator: a test\n", "field 'cites[0]': the home page opens with the "
     "quotations of the process's first 2 citations, and this one gives none"),
    # V5: a stop after an abbreviation ends no sentence
    ('    - source: outcome-report\n      quote: "Egypt Daily News \u2013 The activities of the second ministerial '
     'meeting of the “Khartoum Process” concluded under the chairmanship of Dr."\n', "is not a whole sentence"),
    # V13: a story's first sentence after its dateline's dash is a whole sentence
    ('    - source: outcome-report\n      quote: "The activities of the second ministerial meeting of the “Khartoum '
     'Process” concluded under the chairmanship of Dr. Badr Abdel Aty, Minister of Foreign Affairs, Immigration, and '
     'Egyptian Expatriates Affairs."\n', None),
    # V4: a hard-wrapped text's line opens no sentence where the one before runs on
    ('    - source: review\n      quote: "the Khartoum Process has ended the smuggling of migrants along the Central '
     'Mediterranean route."\n', "is not a whole sentence of source 'review'"),
    ('    - source: review\n      quote: "Some observers of the process have claimed in recent years that the '
     'Khartoum Process has ended the smuggling of migrants along the Central Mediterranean route."\n', None),
    # W3: a dash inside a sentence is no dateline's
    ('    - source: review\n      quote: "the evidence rejects it."\n', "is not a whole sentence of source 'review'"),
    # X3: a sentence opens with no small letter, whatever stands before it; X6: datelines as the wires write them
    ('    - source: review\n      quote: "the Khartoum Process has ended the work."\n',
     "is not a whole sentence of source 'review'"),
    ('    - source: review\n      quote: "The senior officials met in Sharm El-Sheikh."\n', None),
    ('    - source: review\n      quote: "The ministers met in Nairobi."\n', None),
    # W4: an accent written apart is read as the text's own
    ('    - source: review\n      quote: "the Secre\u0301tariat of the process, has ended"\n',
     "is not a whole sentence of source 'review'"),
])
def test_the_lead_is_a_whole_sentence_as_a_reader_reads_one(data_copy: DataCopy, cite: str, said: str | None) -> None:
    """A thirty-second attack's V3, V4, V5 and V13, around the lead's rule (U9)."""
    (data_copy.data / "seeds" / "review.txt").write_text(REVIEW, encoding="utf-8")
    add_source(data_copy, "review", "seeds/review.txt")
    data_copy.replace("instruments.yml", LEAD_QUOTE, cite)
    problems = [p for p in plain_problems(data_copy) if "cites[0]" in p]
    if said is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert said in problems[0], problems


def lead_problems(copy: DataCopy, name: str, seed: str, quote: str) -> list[str]:
    """The problems said of the home page's first quotation, ``quote`` of a source whose text is ``seed``."""
    (copy.data / "seeds" / f"{name}.txt").write_text(seed, encoding="utf-8")
    add_source(copy, name, f"seeds/{name}.txt")
    copy.replace("instruments.yml", LEAD_QUOTE, f'    - source: {name}\n      quote: "{quote}"\n')
    return [p for p in plain_problems(copy) if "cites[0]" in p]


CLAIMS = ("Five claims about the Khartoum Process\n\n"
          "Critics of the process have made several claims in recent years:\n\n"
          "- The Khartoum Process has ended the smuggling of migrants.\n"
          "- The Khartoum Process has closed the routes of the Horn of Africa.\n\n"
          "The evidence gathered for this review supports none of these claims.\n\n"
          "The ministers agreed on three steps.\n\n"
          "1. The Khartoum Process will meet each year.\n\n"
          "The Ministers adopted the work plan set out in Annex I. The Khartoum Process will report on its work each "
          "year. The plan was drafted by J. Smith of the secretariat. Was it late? No. The plan was on time.\n")


@pytest.mark.parametrize(("quote", "said"), [
    # X4: the items of a list a line ending in a colon leads into complete the lead-in's words
    ("The Khartoum Process has closed the routes of the Horn of Africa.", "is not a whole sentence of source "
     "'claims': it stands in an item of a list that a line ending in a colon leads into ('Critics of the process "
     "have made several claims in recent years:'), which the item's words complete; quote another whole sentence "
     "of the source's own, or move this citation after the first 2"),
    ("The evidence gathered for this review supports none of these claims.", None),
    ("The Khartoum Process will meet each year.", None),  # a numbered paragraph under no lead-in is a sentence
    # X11: a stop after a part's letter ends a sentence; after an initial or "No", the refusal says which stop
    ("The Khartoum Process will report on its work each year.", None),
    ("The Ministers adopted the work plan set out in Annex I.", None),
    ("Smith of the secretariat.", "the stop after 'J.' is read as an abbreviation's or an initial's"),
    ("The plan was on time.", "is not a whole sentence of source 'claims': the stop after 'No.' is read as an "
     "abbreviation's or an initial's, not as a sentence's end; quote another whole sentence"),
])
def test_a_lead_sentence_is_the_source_s_own_and_a_refusal_says_why(data_copy: DataCopy, quote: str,
                                                                     said: str | None) -> None:
    """A thirty-fourth attack's X4 (a critics' claim, an item of their list, shown as the process's lead) and X11
    (a sentence after "Annex I." refused, with a hint that asked for what was given)."""
    problems = lead_problems(data_copy, "claims", CLAIMS, quote)
    if said is None:
        assert problems == []
    else:
        assert len(problems) == 1, problems
        assert said in problems[0], problems


@pytest.mark.parametrize(("file", "old", "new", "said"), [
    # V2: another name of a state that cites no source whose text the record keeps is held to nothing
    ("others.yml", "[]\n", "- id: ruritania\n  name: Ruritania\n  also_written: [European External Action Service]\n"
     + CITED, "other state 'ruritania', field 'also_written': another name of a state is held to the text of a "
     "source it cites, and it cites none whose text the record keeps"),
    # V17: a word of other states' names, with or without its article
    ("states.yml", "- id: italy\n  name: Italy\n", "- id: italy\n  name: Italy\n  also_written: [Republic]\n",
     "state 'italy', field 'also_written[0]': 'Republic' is a word of the name of state 'czech-republic'"),
    ("states.yml", "- id: italy\n  name: Italy\n", "- id: italy\n  name: Italy\n  also_written: [The]\n",
     "state 'italy', field 'also_written[0]': expected a name: a word with a capital letter, not an article alone, "
     "found 'The'"),
    # W8: a name that holds an organisation's
    ("states.yml", "- id: italy\n  name: Italy\n",
     "- id: italy\n  name: Italy\n  also_written: [\"Italy, the European External Action Service\"]\n",
     "'Italy, the European External Action Service' holds the name of organisation 'eeas'"),
    # V2: an organisation's name, with its article
    ("states.yml", "- id: italy\n  name: Italy\n",
     "- id: italy\n  name: Italy\n  also_written: [the European External Action Service]\n",
     "'the European External Action Service' is the name of organisation 'eeas'"),
    # X5: an office, a body or a person no organisation on file is named for
    ("states.yml", "- id: italy\n  name: Italy\n",
     "- id: italy\n  name: Italy\n  also_written: [the African Union Commissioner]\n",
     "state 'italy', field 'also_written[0]': 'the African Union Commissioner' holds 'Commissioner', a word for an "
     "office, a body or a person, not a state; give only names the sources write for this state"),
    ("states.yml", "- id: italy\n  name: Italy\n", "- id: italy\n  name: Italy\n  also_written: [the EU Delegation]\n",
     "'the EU Delegation' holds 'Delegation', a word for an office"),
    # a word of an instrument's name read every "Khartoum Process" as naming Sudan (AB, noted beside the findings)
    ("states.yml", "- id: sudan\n  name: Sudan\n", "- id: sudan\n  name: Sudan\n  also_written: [Khartoum]\n",
     "state 'sudan', field 'also_written[0]': 'Khartoum' is a word of the name of instrument 'khartoum-process'"),
])
def test_another_name_of_a_state_is_its_own(data_copy: DataCopy, file: str, old: str, new: str, said: str) -> None:
    """A thirty-second attack's V2 and V17: other names that made entries about other states, or an
    organisation's statement, a state's."""
    data_copy.append_to_text("outcome-report", "The Republic and the European External Action Service. Italy, the "
                             "European External Action Service. The EU Delegation.")
    data_copy.replace(file, old, new)
    assert any(said in p for p in plain_problems(data_copy)), plain_problems(data_copy)


@pytest.mark.parametrize(("name", "state", "said"), [
    ("CR", "czech-republic", None),  # the initials of a name of two capitalised words (V20, V23)
    ("the C.R.", "czech-republic", None),  # with their stops (X10)
    ("the CR", "czech-republic", None),
    ("N", "netherlands", "'N' does not name state 'netherlands'"),  # one letter is no initials (V21)
])
def test_initials_name_a_state_as_whole_words(data_copy: DataCopy, name: str, state: str, said: str | None) -> None:
    (data_copy.data / "memberships.yml").write_text(
        f"- id: m\n  name: {name}\n  state: {state}\n  how: signed-rome-declaration\n  at_event: rome-2014\n{CITED}",
        encoding="utf-8")
    problems = [p for p in plain_problems(data_copy) if "field 'name'" in p]
    assert problems == [] if said is None else (len(problems) == 1 and said in problems[0]), problems


def test_a_host_written_as_a_state_s_initials_names_that_state(data_copy: DataCopy) -> None:
    """A thirty-second attack's V23: a host written "UK" was read as naming no state, so any state passed as the
    host in the record; initials name their state for hosts and chairs as for entries."""
    line = data_copy.replace("events.yml", "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n",
                             "  chair: [Badr Abdelatty, Dr. Badr Abdel Aty]\n  host: [CR]\n  hosted_by:\n"
                             "    states: [italy]\n")
    data_copy.append_to_text("outcome-report", "CR")
    problems = [p for p in plain_problems(data_copy) if "field 'hosted_by': the host" in p]
    assert problems == [f"data/events.yml:{line + 3}:5: event 'cairo-ministerial-2025', field 'hosted_by': the host "
                        "is written naming state 'czech-republic', not state 'italy'; give in hosted_by the state the "
                        "source names, a partner in co_hosted_by"], problems


@pytest.mark.parametrize(("text", "publisher", "how", "passes"), [
    # V16: a dateline, a name and a date after its comma; a middle dot between them
    ("Ministers meet in Cairo\nAhram Online, Thursday 10 Apr 2025\n\nThe ministers met.\n", "Ahram Online",
     "credit-line", True),
    ("Ministers meet in Cairo\nAhram Online \u00b7 Thursday 10 Apr 2025\n\nThe ministers met.\n", "Ahram Online",
     "credit-line", True),
    # V22: a footer naming the publisher after "Source:" or a dash
    ("The ministers met.\n\nThey will meet again.\n\nSource: Ahram Online\n", "Ahram Online", "credit-line", True),
    ("The ministers met.\n\nThey will meet again.\n\n\u2014 Ahram Online\n", "Ahram Online", "credit-line", True),
    # V6: a compound word's hyphen is no credit line's dash, nor a heading's
    ("IOM-Egypt partnership on migrant smuggling renewed in Cairo\n\nThe partners met.\n", "IOM", "credit-line",
     False),
    ("IOM-Egypt partnership on migrant smuggling renewed in Cairo\n\nThe partners met.\n", "IOM", "heading", False),
    # V24: a caption under the headline is no heading
    ("The ministers meet in Cairo\n\nEditor\n\nKhartoum conference\n\nThe ministers met.\n", "Khartoum conference",
     "heading", False),
    # W1: an acronym in brackets inside a sentence; W2: a list's last item and a list's "place, date" line
    ("Ministers review cooperation\n\nCairo hosted them with the International Organization for Migration (IOM).\n"
     "\nThey agreed to meet again.\n", "IOM", "credit-line", False),
    ("The ministers met.\n\nThe following organisations attended:\n- IOM\n- UNHCR\n", "UNHCR", "credit-line", False),
    ("The ministers met.\n\nThe conferences so far:\nRome, 28 November 2014\nCairo, 9 April 2025\n", "Rome",
     "credit-line", False),
    ("CAIRO, April 9 (MENA) - The ministers met.\n", "MENA", "credit-line", True),
    # X1: a bracketed acronym inside a sentence, before a dash; X2: a glossary's line at the end
    ("Ministers meet\n\nThey welcomed the International Organization for Migration (IOM) \u2013 the agency.\n",
     "IOM", "credit-line", False),
    ("Ministers meet\n\nThe ministers met in Cairo and agreed to meet again in two years.\n\nAbbreviations\n"
     "IOM: International Organization for Migration\nUNHCR: United Nations High Commissioner for Refugees\n",
     "UNHCR", "credit-line", False),
    # X7: footers with a date or a copyright's year and words after the name
    ("Head\n\nThe ministers met and agreed to meet again in two years, the text says.\n\n"
     "Source: Ahram Online, 10 April 2025\n", "Ahram Online", "credit-line", True),
    ("Head\n\nThe ministers met and agreed to meet again in two years, the text says.\n\n"
     "\u00a9 2025 Ahram Online. All rights reserved.\n", "Ahram Online", "credit-line", True),
    # X8: a file saved with Windows line ends; X9: a byline between the headline and the dateline
    ("Ministers meet in Cairo\r\nAhram Online, Thursday 10 Apr 2025\r\n\r\nThe ministers met.\r\n",
     "Ahram Online", "credit-line", True),
    ("Ministers meet in Cairo\nAhmed Morsy\nAhram Online, Thursday 10 Apr 2025\n\nThe ministers met.\n",
     "Ahram Online", "credit-line", True),
    # U4 again: a sentence's subject before its comma, whatever date the sentence ends with
    ("Egypt\u2019s Minister of Foreign Affairs, Badr Abdelatty, will chair the meeting on 9 April 2025.\n",
     "Egypt\u2019s Minister of Foreign Affairs", "credit-line", False),
])
def test_a_credit_line_and_a_heading_as_news_pages_write_them(data_copy: DataCopy, text: str, publisher: str,
                                                              how: str, passes: bool) -> None:
    """A thirty-second attack's V6, V16, V22 and V24, around the rules of U4 and U5."""
    (data_copy.data / "seeds" / "news.txt").write_text(text, encoding="utf-8", newline="")
    with (data_copy.data / "sources.yml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: news\n  title: A test report\n  kind: news-report\n  publisher: {publisher}\n"
                     f"  publisher_from: {how}\n  url: https://example.org/news\n  file: seeds/news.txt\n")
    problems = [p for p in plain_problems(data_copy) if "source 'news', field 'publisher'" in p]
    assert (problems == []) == passes, problems


PRIORITIES = ("Cairo Action Plan\n\nThe Ministers have set the following priorities of the process for\n"
              "the years 2025 to 2027, as the Steering Committee proposed them:\n"
              "1. Strengthening the protection of migrants and refugees along the\n"
              "routes of the Horn of Africa and North Africa towards Europe and Gulf\n"
              "2. Enhancing cooperation on return, readmission and sustainable\nreintegration\n"
              "3. Fighting migrant smuggling and trafficking in human beings\n")


def test_a_list_s_items_with_no_stop_of_their_own_are_paragraphs(data_copy: DataCopy) -> None:
    """A thirty-second attack's V7: items of a hard-wrapped list end with no stop, and the one that fills the width
    took the next number for the wrapping's (the rule of U1), so the honest items were refused."""
    items = ["Strengthening the protection of migrants and refugees along the routes of the Horn of Africa and North "
             "Africa towards Europe and Gulf", "Enhancing cooperation on return, readmission and sustainable "
             "reintegration", "Fighting migrant smuggling and trafficking in human beings"]
    problems = plan_problems(data_copy, PRIORITIES, dict(enumerate(items, start=1)))
    assert [p for p in problems if "field 'text'" in p] == [], problems


def test_a_number_after_an_abbreviation_s_stop_opens_no_paragraph(data_copy: DataCopy) -> None:
    """A thirty-second attack's V8: "… as the Rules provide in Art." then "2. The chair …": the line's stop is an
    abbreviation's, and the paragraph cut there passed."""
    seed = PLAN.replace("as set out in paragraph\n", "as the Rules provide in Art.\n")
    whole = PLAN_1.replace("as set out in paragraph 2.", "as the Rules provide in Art. 2.")
    cut, rest = whole.split(" 2. ")
    problems = plan_problems(data_copy, seed, {1: cut, 2: rest})
    assert len(problems) == 2, problems
    assert all("but not as a whole paragraph of it" in p for p in problems), problems


def test_a_paragraph_two_documents_own_texts_repeat_is_each_one_s(data_copy: DataCopy) -> None:
    """A thirty-second attack's V12: a standard paragraph that another document's own text repeats was refused as
    the declaration's, though the two documents cite no source in common."""
    (data_copy.data / "seeds" / "own.txt").write_text(f"A test document\n\n1. {PP_3_TEXT}\n", encoding="utf-8")
    add_source(data_copy, "own-text", "seeds/own.txt")
    (data_copy.data / "documents" / "own-2025.yml").write_text(
        "id: own-2025\ntitle: A test document\nkind: action-plan\ndate: 2025-04-09\ntext_in_record: true\n"
        "cites:\n  - source: own-text\n    locator: a test\nparagraphs:\n  - id: op-1\n    part: operative\n"
        f"    number: 1\n    title: Repeated\n    text: >-\n      {PP_3_TEXT}\n", encoding="utf-8")
    assert [p for p in plain_problems(data_copy) if "own-2025" in p] == []


def test_an_agenda_s_items_ending_in_a_plural_are_paragraphs(data_copy: DataCopy) -> None:
    """A thirty-third attack's W6: agenda items ending in "rules" and "points" took the next numbers for the
    wrapping's."""
    seed = ("Cairo Action Plan\n\n1. Adoption of the agenda\n2. Adoption of the rules\n3. Election of the chair\n"
            "4. Review of pending action points\n5. Any other business\n")
    items = ["Adoption of the agenda", "Adoption of the rules", "Election of the chair",
             "Review of pending action points", "Any other business"]
    problems = plan_problems(data_copy, seed, dict(enumerate(items, start=1)))
    assert [p for p in problems if "field 'text'" in p] == [], problems


def test_a_number_after_a_word_of_the_migration_texts_opens_no_paragraph(data_copy: DataCopy) -> None:
    """A thirty-third attack's W5: "… Regular Migration, Objective" then "5. The chair …": the Global Compact's
    objective, not a paragraph 5."""
    seed = PLAN.replace("as set out in paragraph\n", "as the Global Compact sets out in its Objective\n")
    whole = PLAN_1.replace("as set out in paragraph 2.", "as the Global Compact sets out in its Objective 2.")
    cut, rest = whole.split(" 2. ")
    problems = plan_problems(data_copy, seed, {1: cut, 2: rest})
    assert len(problems) == 2, problems


def test_a_paragraph_with_an_accent_written_apart_is_whole(data_copy: DataCopy) -> None:
    """A thirty-third attack's W10: a whole paragraph with an accent written apart (e and U+0301) was refused as cut,
    while the verbatim check read it as the text's own."""
    seed = "Cairo Action Plan\n\n1. The partners will support the Secr\u00e9tariat of the process in its work.\n"
    problems = plan_problems(data_copy, seed,
                             {1: "The partners will support the Secre\u0301tariat of the process in its work."})
    assert [p for p in problems if "field 'text'" in p] == [], problems


# the sentence of the fixture's announcement that gives a count (its sixth line)
COUNT_SENTENCE = ("The Khartoum Process includes 40 countries, among them all EU member states, Switzerland, Norway, "
                  "countries from the Horn of Africa and East Africa, as well as international organizations such as "
                  "the International Organization for Migration (IOM), the UN High Commissioner for Refugees "
                  "(UNHCR), and the UN Office on Drugs and Crime (UNODC).")
MEMBER_COUNT = ("  kind: announcement\n  file: seeds/000_bae4d5675d70ab5e.txt\n",
                "  kind: announcement\n  file: seeds/000_bae4d5675d70ab5e.txt\n  member_count: {}\n"
                "  member_count_at: a test\n  member_count_read_at: cairo-ministerial-2025\n"
                f"  member_count_quote: \"{COUNT_SENTENCE}\"\n")


@pytest.mark.parametrize(("file", "old", "new", "said"), [
    # Y1: a count of members the source's text does not write
    ("sources.yml", MEMBER_COUNT[0], MEMBER_COUNT[1].format(39),
     "source 'announcement', field 'member_count': the quoted sentence does not write the number 39 as a count, in "
     "figures or in words, before what it counts ('39 countries', '39-member'); give the count the sentence gives"),
    # Y2: the paragraph of participants lists the states its text names, all and only those
    ("documents/cairo-2025.yml", "        - kenya\n", "",
     "paragraph 'pp-1', field 'mentions': the text names kenya, which mentions.states does not list"),
    ("documents/cairo-2025.yml", "participants_paragraph: pp-1\n", "participants_paragraph: op-1\n",
     "document 'cairo-2025', field 'participants_paragraph': paragraph 'op-1' names no state of the record, so it "
     "lists no participants"),
    # Y3: a document adopted at a meeting bears a date the meeting's dates hold
    ("documents/cairo-2025.yml", "date: 2025-04-09\nadopted_at", "date: 2025-04-10\nadopted_at",
     "document 'cairo-2025', field 'date': the document is dated 10 April 2025, and was adopted at event "
     "'cairo-ministerial-2025', of 9 April 2025; give the date of adoption the source gives"),
    # Y6: a state's quotation names it, not only another state
    ("states.yml", '      quote: "Kenya"\n', '      quote: "Egypt"\n',
     "state 'kenya', field 'cites[0].quote': the quotation names state 'egypt', and not this state"),
    # Y9: a topic is not related to itself
    ("topics.yml", "  related: [jvap-irregular-migration-smuggling-trafficking]\n  cites:",
     "  related: [human-trafficking]\n  cites:",
     "topic 'human-trafficking', field 'related': a topic cannot be related to itself"),
])
def test_what_one_entry_says_agrees_with_its_text_and_the_record(data_copy: DataCopy, file: str, old: str, new: str,
                                                                 said: str) -> None:
    """A thirty-fifth attack's Y1, Y2, Y3, Y6 and Y9: edits that passed `check` and then made a page say something
    its own source or another page contradicts."""
    data_copy.replace(file, old, new)
    problems = plain_problems(data_copy)
    assert len(problems) == 1, problems
    assert said in problems[0], problems


# the declaration's list of participants rewritten to name Eritrea as absent, and Sweden as an observer
SEED = "seeds/001_b05cad6fe5c97c15.txt"
ABSENT = [(SEED, "Egypt, Eritrea, Estonia", "Egypt, Estonia"),
          (SEED, "Tunisia, Uganda\u2014along", "Tunisia, Uganda, in the absence of Eritrea\u2014along"),
          ("documents/cairo-2025.yml", "Egypt, Eritrea, Estonia", "Egypt, Estonia"),
          ("documents/cairo-2025.yml", "Tunisia, Uganda\u2014along",
           "Tunisia, Uganda, in the absence of Eritrea\u2014along"),
          ("documents/cairo-2025.yml", "        - eritrea\n", ""),
          ("documents/cairo-2025.yml", "participants_paragraph: pp-1\n",
           "participants_paragraph: pp-1\nnot_participating: [eritrea]\n")]
OBSERVER = [(SEED, "Sudan, Sweden, Switzerland", "Sudan, Switzerland"),
            (SEED, "Tunisia, Uganda\u2014along", "Tunisia, Uganda, the Ambassador of Sweden, who attended as an "
                                                 "observer\u2014along"),
            ("documents/cairo-2025.yml", "Sudan, Sweden, Switzerland", "Sudan, Switzerland"),
            ("documents/cairo-2025.yml", "Tunisia, Uganda\u2014along", "Tunisia, Uganda, the Ambassador of Sweden, "
                                                                      "who attended as an observer\u2014along"),
            ("documents/cairo-2025.yml", "        - sweden\n", ""),
            ("documents/cairo-2025.yml", "participants_paragraph: pp-1\n",
             "participants_paragraph: pp-1\nnot_participating: [sweden]\n")]


@pytest.mark.parametrize(("seed", "publisher", "passes"), [
    # Y4: a name before a dash that a second dash closes is a sentence's subject
    ("Egypt Daily News \u2013 the host of the meeting \u2013 welcomed the ministers of the Khartoum Process.\n",
     "Egypt Daily News", False),
    ("Egypt Daily News \u2013 The ministers of the Khartoum Process met in Cairo \u2013 and agreed.\n",
     "Egypt Daily News", True),
    ("Egypt Daily News \u2013 The ministers of the Khartoum Process met in Cairo.\n", "Egypt Daily News", True),
    # Y5: a state's name before a headline's colon names the place the story is about
    ("Sudan: Khartoum Process ministers meet in Cairo\n\nThe ministers met in Cairo.\n", "Sudan", False),
])
def test_a_credit_line_is_no_sentence_s_subject_nor_a_story_s_place(data_copy: DataCopy, seed: str, publisher: str,
                                                                     passes: bool) -> None:
    (data_copy.data / "seeds" / "news.txt").write_text(seed, encoding="utf-8")
    with (data_copy.data / "sources.yml").open("a", encoding="utf-8") as stream:
        stream.write(f"\n- id: news\n  title: A test report\n  kind: news-report\n  publisher: {publisher}\n"
                     "  publisher_from: credit-line\n  url: https://example.org/news\n  file: seeds/news.txt\n")
    problems = [p for p in plain_problems(data_copy) if "source 'news'" in p]
    assert problems == [] if passes else (len(problems) == 1 and "field 'publisher'" in problems[0]), problems


@pytest.mark.parametrize("before", ["Ministers called the process \u201ca model of cooperation.\u201d",
                                    "(The ministers met in Rome.)", "The ministers met in Rome."])
def test_a_lead_sentence_may_follow_a_sentence_that_ends_in_closing_marks(data_copy: DataCopy, before: str) -> None:
    """A thirty-fifth attack's Y7: a stop inside closing marks, then a space, ends a sentence."""
    sentence = "The Khartoum Process was established in Rome in 2014 by ministers of Africa and Europe."
    assert lead_problems(data_copy, "review", f"{before} {sentence}\n", sentence) == []


def test_a_topic_s_terms_are_read_in_time_that_does_not_grow_with_terms_times_paragraphs() -> None:
    """A thirty-fifth attack's Y8: a pattern made for each term of thousands, for each paragraph, took minutes. The
    terms a text does not hold are passed over before any pattern is made: none is made for them."""
    topic = model.Topic(id="t", origin=Origin("data/topics.yml", 1), former_ids=(), withdrawn=None, name="T",
                        kind="theme", description=None, related=(), cites=(),
                        terms=(*(f"term{n:05d}" for n in range(3000)), "irregular migration"))
    model._whole_words.cache_clear()
    assert topic.terms_in("Irregular\n migration and more") == ["irregular migration"]
    assert model._whole_words.cache_info().currsize == 1


@pytest.mark.parametrize(("name", "said"), [
    ("Republic of Austria", None),  # a formal name's short name is the state's name too
    ("Austrian Republic", "paragraph 'pp-1', field 'mentions': mentions.states lists austria (named 'Austrian "
     "Republic' at data/states.yml:"),
])
def test_a_state_renamed_to_its_formal_name_is_still_named_by_its_short_one(data_copy: DataCopy, name: str,
                                                                          said: str | None) -> None:
    """A state given its formal name ("Republic of Austria") is still the "Austria" of the declaration's paragraph
    of participants, and of a page's "written as" lines (roles.short_names); another name needs its also_written."""
    data_copy.replace("states.yml", "  name: Austria\n", f"  name: {name}\n")
    data_copy.append_to_text("outcome-report", name)  # (a state's name is one its texts write)
    problems = plain_problems(data_copy)
    assert problems == [] if said is None else (len(problems) == 1 and said in problems[0]), problems




@pytest.mark.parametrize(("edits", "said"), [
    # Z3: a count is a number written before a word for the counted, not a number anywhere ("April 9")
    ([("sources.yml", MEMBER_COUNT[0], MEMBER_COUNT[1].format(9))], "field 'member_count': the quoted sentence does "
     "not write the number 9"),
    ([("sources.yml", MEMBER_COUNT[0], MEMBER_COUNT[1].format(40))], None),  # "includes 40 countries"
    # Z4: an instrument's name is no other name of a state
    ([("states.yml", "- id: kenya\n  name: Kenya\n",
       "- id: kenya\n  name: Kenya\n  also_written: [Khartoum Process]\n")],
     "state 'kenya', field 'also_written[0]': 'Khartoum Process' is the name of instrument 'khartoum-process'"),
    # Z8: where the sources differ on a meeting's date, the document's date is one of the two
    ([("events.yml", "- id: cairo-ministerial-2025\n  date: 2025-04-09\n",
       "- id: cairo-ministerial-2025\n  date: 2025-04-09\n  date_also: 10 April 2025, by a test\n"),
      ("documents/cairo-2025.yml", "date: 2025-04-09\nadopted_at", "date: 2025-04-10\nadopted_at")], None),
    ([("events.yml", "- id: cairo-ministerial-2025\n  date: 2025-04-09\n",
       "- id: cairo-ministerial-2025\n  date: 2025-04-09\n  date_also: 10 April 2025, by a test\n"),
      ("documents/cairo-2025.yml", "date: 2025-04-09\nadopted_at", "date: 2023-11-20\nadopted_at")],
     "document 'cairo-2025', field 'date': the document is dated 20 November 2023, and was adopted at event "
     "'cairo-ministerial-2025', of 9 April 2025"),
    # Z9: a state the paragraph of participants names as not taking part is given apart, not among its mentions
    ([("documents/cairo-2025.yml", "        - eritrea\n", "")], "the text names eritrea, which mentions.states does "
     "not list"),
    (ABSENT, None),
    ([*ABSENT[:4], ("documents/cairo-2025.yml", "participants_paragraph: pp-1\n",
                    "participants_paragraph: pp-1\nnot_participating: [eritrea]\n")],
     "field 'not_participating': state 'eritrea' is also in the mentions of paragraph 'pp-1'"),
    # AB1: ... and only a state it names outside its list
    ([("documents/cairo-2025.yml", "        - eritrea\n", ""),
      ("documents/cairo-2025.yml", "participants_paragraph: pp-1\n",
       "participants_paragraph: pp-1\nnot_participating: [eritrea]\n")],
     "field 'not_participating': paragraph 'pp-1' names state 'eritrea' inside its list of participants, next to "
     "state 'egypt'"),
    # AB6: a state present as an observer is apart from the participants too
    (OBSERVER, None),
    # AB4: a span's first day, in any of the ways dates are written
    *[([("events.yml", "- id: cairo-ministerial-2025\n  date: 2025-04-09\n",
         f"- id: cairo-ministerial-2025\n  date: 2025-04-09\n  date_also: {also}, as a test gives it\n"),
        ("documents/cairo-2025.yml", "date: 2025-04-09\nadopted_at", "date: 2025-04-08\nadopted_at")], None)
      for also in ("8\u20139 April 2025", "April 8-9, 2025", "8 and 9 April 2025", "the 8th of April 2025",
                   "2025-04-08", "7\u20138 April 2025", "8 April to 10 April 2025", "31 March\u20138 April 2025",
                   "7, 8 and 9 April 2025", "8/9 April 2025", "8 or 9 April 2025",  # AC1, AC2, AD6
                   "7 April 2025 to 9 April 2025", "2025-04-07 to 2025-04-09",  # AF11
                   "April 7, 2025 to April 9, 2025")],  # AG8
])
def test_what_an_entry_says_agrees_with_its_text_round_two(data_copy: DataCopy, edits: list[tuple[str, str, str]],
                                                            said: str | None) -> None:
    """A thirty-sixth attack's Z3, Z4, Z8 and Z9, around the rules of the thirty-fifth's Y1, Y2, Y3 and Y6."""
    for edit in edits:
        data_copy.replace(*edit)
    problems = plain_problems(data_copy)
    assert problems == [] if said is None else (len(problems) == 1 and said in problems[0]), problems


@pytest.mark.parametrize(("seed", "quote", "passes"), [
    # Z7: a list's items marked with capital letters, brackets or roman numerals, or the paragraph right after a
    # lead-in, complete the lead-in's words
    ("Critics have made several claims:\n\nA. The Khartoum Process has funded abusive forces.\n"
     "B. The Khartoum Process has made migrants less safe.\n\nThe process denies both claims.\n",
     "The Khartoum Process has funded abusive forces.", False),
    ("Critics have made several claims:\n\n(a) The Khartoum Process has funded abusive forces.\n\n"
     "The process denies both claims.\n", "The Khartoum Process has funded abusive forces.", False),
    ("Critics have made several claims:\n\nThe Khartoum Process has funded abusive forces.\n\n"
     "The process denies both claims.\n", "The Khartoum Process has funded abusive forces.", False),
    ("Critics have made several claims:\n\nThe Khartoum Process has funded abusive forces.\n\n"
     "The process denies both claims.\n", "The process denies both claims.", True),
])
def test_a_lead_sentence_is_no_item_of_a_list_however_marked(data_copy: DataCopy, seed: str, quote: str,
                                                              passes: bool) -> None:
    problems = lead_problems(data_copy, "critics", seed, quote)
    assert problems == [] if passes else (len(problems) == 1 and "an item of a list" in problems[0]), problems


@pytest.mark.parametrize(("line", "passes"), [
    # Z6: an aside of a title's words between two dashes after a name is a sentence's subject, not a credit line
    ("Badr Abdelatty \u2013 Egypt\u2019s Minister of Foreign Affairs and Migration \u2013 opened the meeting.", False),
    ("Badr Abdelatty \u2013 The ministers of the Khartoum Process met in Cairo \u2013 and agreed.", True),
    # AA10: words of any kind between the dashes, then a verb
    ("Badr Abdelatty \u2013 Egypt\u2019s Foreign Minister since July 2024 \u2013 opened the meeting.", False),
])
def test_a_credit_line_is_no_subject_before_a_title_s_aside(data_copy: DataCopy, line: str, passes: bool) -> None:
    (data_copy.data / "seeds" / "news.txt").write_text(f"Ministers meet in Cairo\n\n{line}\n", encoding="utf-8")
    with (data_copy.data / "sources.yml").open("a", encoding="utf-8") as stream:
        stream.write("\n- id: news\n  title: A test report\n  kind: news-report\n  publisher: Badr Abdelatty\n"
                     "  publisher_from: credit-line\n  url: https://example.org/news\n  file: seeds/news.txt\n")
    problems = [p for p in plain_problems(data_copy) if "source 'news'" in p]
    assert problems == [] if passes else (len(problems) == 1 and "field 'publisher'" in problems[0]), problems


def test_a_sub_heading_between_paragraphs_is_not_counted(data_copy: DataCopy) -> None:
    """A thirty-sixth attack's Z2: a one-line heading between an unnumbered source's paragraphs was counted as one,
    so the honest numbers 1 and 2 were refused and the check asked for 3."""
    seed = ("Cairo Action Plan\n\nThe Steering Committee will meet twice a year.\n\nProtection\n\n"
            "The Ministers will hold regular meetings.\n")
    assert plan_problems(data_copy, seed, {1: "The Steering Committee will meet twice a year.",
                                           2: "The Ministers will hold regular meetings."}, HEADING) == []


def test_paragraphs_a_source_does_not_number_are_counted_from_a_heading_the_document_gives(data_copy: DataCopy) -> None:
    """A thirty-sixth attack's Z1: with no heading, an unnumbered text's first two paragraphs passed as operative
    paragraphs 5 and 6, for no count could start."""
    problems = plan_problems(data_copy, UNNUMBERED, {5: UNNUMBERED_TEXTS[0], 6: UNNUMBERED_TEXTS[1]})
    assert problems == ["data/documents/plan-2025.yml:1:1: document 'plan-2025', field 'source_heading': the source "
                        "numbers none of 'op-5', 'op-6', so the record counts them from the words that introduce "
                        "them, and the document gives none; give source_heading, the line that stands right before "
                        "the paragraphs in the source"], problems


@pytest.mark.parametrize(("edits", "said"), [
    # AA1: a state a statement of the document's source names among the participants of the adopting meeting is
    # not given as absent (one of another source may differ: AX3)
    ([*ABSENT, ("memberships.yml", "[]\n", "- id: e\n  name: Eritrea\n  state: eritrea\n  how: listed-participant\n"
                "  at_event: cairo-ministerial-2025\n  date: 2025-04-09\n" + CITED.replace("eeas", "outcome-report")
                + participants_listed(but=("eritrea",)))],
     "field 'not_participating': membership 'e' names state 'eritrea' among the participants of the meeting that "
     "adopted this document"),
    # AA13: not_participating on a document with no paragraph of participants
    ([("documents/cairo-2025.yml", "participants_paragraph: pp-1\n",
       "not_participating: [eritrea]\n")],
     "field 'not_participating': the document names no paragraph of participants"),
    # AA4, AA5: the other date of a meeting is the first day date_also names, and no window around the meeting
    ([("events.yml", "- id: cairo-ministerial-2025\n  date: 2025-04-09\n",
       "- id: cairo-ministerial-2025\n  date: 2025-04-09\n  date_also: the same day, by a test\n"),
      ("documents/cairo-2025.yml", "date: 2025-04-09\nadopted_at", "date: 2025-05-08\nadopted_at")],
     "the document is dated 8 May 2025, and was adopted at event 'cairo-ministerial-2025', of 9 April 2025, and its "
     "date_also names no day in a form the check reads"),
    # AB4: the first day of a span date_also names is the meeting's other date
    ([("events.yml", "- id: cairo-ministerial-2025\n  date: 2025-04-09\n",
       "- id: cairo-ministerial-2025\n  date: 2025-04-09\n  date_also: 8\u20139 April 2025, as a test gives it\n"),
      ("documents/cairo-2025.yml", "date: 2025-04-09\nadopted_at", "date: 2025-04-07\nadopted_at")],
     "the document is dated 7 April 2025, and was adopted at event 'cairo-ministerial-2025', of 9 April 2025, or "
     "of 8 April 2025 to 9 April 2025 as its date_also gives"),
    ([("events.yml", "- id: cairo-ministerial-2025\n  date: 2025-04-09\n",
       "- id: cairo-ministerial-2025\n  date: 2025-04-09\n  date_also: 10 April 2025, read on 30 November 2025\n"),
      ("documents/cairo-2025.yml", "date: 2025-04-09\nadopted_at", "date: 2025-11-30\nadopted_at")],
     "the document is dated 30 November 2025"),
])
def test_what_an_entry_says_agrees_with_its_text_round_three(data_copy: DataCopy, edits: list[tuple[str, str, str]],
                                                              said: str) -> None:
    """A thirty-seventh attack's AA1, AA4, AA5 and AA13, around the rules of the thirty-sixth's Z8 and Z9."""
    for edit in edits:
        data_copy.replace(*edit)
    problems = plain_problems(data_copy)
    assert len(problems) == 1, problems
    assert said in problems[0], problems


KENYA_LISTED = ("- id: kenya-listed\n  name: Kenya\n  state: kenya\n  how: listed-participant\n"
                "  at_event: cairo-ministerial-2025\n  date: 2025-04-09\n  cites:\n    - source: {source}\n"
                "      quote: Kenya\n")


@pytest.mark.parametrize(("source", "refused"), [
    ("outcome-report", True),  # the document's own source lists Kenya; the paragraph named does not
    ("eeas", False),  # another source's list: the pages show the two, as sources that may differ
])
def test_the_paragraph_of_participants_lists_who_its_source_lists(data_copy: DataCopy, source: str,
                                                                   refused: bool) -> None:
    """An attack's AU10: a slip of one character (participants_paragraph: pp-2) passed check, and every state page
    but Egypt's said the record does not name the state among the declaration's participants, beside the statement
    of the same source that does."""
    data_copy.replace("memberships.yml", "[]\n", KENYA_LISTED.format(source=source)
                      + (participants_listed(but=("kenya",)) if refused else ""))  # (the whole list: BC3)
    if source == "eeas":
        data_copy.replace("memberships.yml", "      quote: Kenya\n", "      locator: a test\n")
    assert plain_problems(data_copy) == []
    line = data_copy.replace("documents/cairo-2025.yml", "participants_paragraph: pp-1\n",
                             "participants_paragraph: pp-2\n")
    problems = plain_problems(data_copy)
    if not refused:
        assert problems == []
        return
    assert len(problems) == 1, problems
    more = r", 'austria' \(membership 'austria-participant', data/memberships.yml:\d+\), 'belgium' .+?, and \d+ more"
    assert re.fullmatch(
        f"data/documents/cairo-2025.yml:{line}:25: document 'cairo-2025', field 'participants_paragraph': paragraph "
        r"'pp-2' does not list states 'kenya' \(membership 'kenya-listed', data/memberships.yml:3\)" + more
        + ", which statements citing this document's source give as named among the participants of the meeting "
        "that adopted it; name the paragraph whose text lists the participating states, or give the states it names "
        "among them in its mentions", problems[0]), problems[0]
    # AV1: the line left out, every state page said the same
    data_copy.replace("documents/cairo-2025.yml", "participants_paragraph: pp-2\n", "")
    problems = plain_problems(data_copy)
    assert len(problems) == 1, problems
    assert re.fullmatch(
        "data/documents/cairo-2025.yml:7:1: document 'cairo-2025', field 'participants_paragraph': the document marks "
        r"no paragraph of participants, and statements citing its source give states 'kenya' \(membership "
        r"'kenya-listed', data/memberships.yml:3\)" + more + " as named among the participants of the meeting that "
        "adopted it; name the paragraph whose text lists the participating states in participants_paragraph",
        problems[0]), problems[0]


@pytest.mark.parametrize("how", ["withdrawn", "left out"])
def test_the_list_of_participants_names_every_state_its_paragraph_names(data_copy: DataCopy, how: str) -> None:
    """An attack's BC3: with Norway's statement of the declaration's list withdrawn (or never written), check passed,
    and the year's page counted 39 states while Norway's page said the paragraph of participants names it."""
    whole = participants_listed()
    assert "norway-participant" in whole
    statements = (whole.replace("  state: norway\n", "  state: norway\n  withdrawn: {date: 2026-01-01, reason: "
                                "Entered by mistake.}\n") if how == "withdrawn" else participants_listed(("norway",)))
    data_copy.replace("memberships.yml", "[]\n", statements)
    problems = plain_problems(data_copy)
    gone = " (its statement 'norway-participant' was withdrawn)" if how == "withdrawn" else ""
    assert len(problems) == 1, problems
    assert re.fullmatch(
        r"data/documents/cairo-2025.yml:\d+:7: paragraph 'pp-1' of document 'cairo-2025', field 'mentions': it names "
        f"'norway'{re.escape(gone)} among the participants, and the record's list of this document's participants "
        rf"\({whole.count('- id: ') - 1} states named by statements of the kind listed-participant at its meeting "
        r"citing its source\) does not: the year's list of members would leave out a state the paragraph names; add "
        "a listed-participant statement for each state the paragraph names; if the text names the state but not as a "
        "participant, list it in the document's not_participating; if it does not name it, take it out of the "
        "paragraph's mentions", problems[0]), problems[0]


def test_a_second_document_of_the_meeting_need_not_list_its_participants(data_copy: DataCopy) -> None:
    """An attack's AV8: a second document adopted at the meeting, citing the same source, was refused unless its own
    paragraph of participants listed every state a statement lists: one document of the meeting that lists them
    is enough."""
    data_copy.replace("memberships.yml", "[]\n", KENYA_LISTED.format(source="outcome-report")
                      + participants_listed(but=("kenya",)))
    text = (data_copy.data / "documents" / "cairo-2025.yml").read_text(encoding="utf-8")
    second = text.replace("id: cairo-2025\n", "id: cairo-2025-copy\n").replace("participants_paragraph: pp-1\n", "")
    (data_copy.data / "documents" / "cairo-2025-copy.yml").write_text(second, encoding="utf-8")
    assert [p for p in plain_problems(data_copy) if "participants" in p] == []


def test_a_paragraph_of_participants_naming_a_state_as_absent_still_lists_every_state(data_copy: DataCopy) -> None:
    """AA2: the pages that read the list naming every state lost it (a sentence without its subject) when a state
    was named as absent."""
    for edit in ABSENT:
        data_copy.replace(*edit)
    record = checked_record(data_copy.data)
    assert [p.id for p in record.lists_naming_every_state()] == ["pp-1"]
    assert record.absent_from(record.documents["cairo-2025"].paragraphs[0]) == ("eritrea",)
    # the index pages say which are named as participants and which apart (an attack's AX5: "40 states named as
    # the participating countries … (which names Eritrea, but not among them)"; "names 39 states", Eritrea "a
    # state it does not" name)
    pages = build_pages(record)
    listed = len(record.documents["cairo-2025"].paragraphs[0].mentions.states)
    states = " ".join(markdown_html(pages["states/index.md"].markdown).get_text().split())
    assert f"({listed} as its participating countries, and Eritrea, which the record reads it as naming apart from " \
           "them)" in states
    assert "named as the participating countries" not in states
    memberships = " ".join(markdown_html(pages["memberships/index.md"].markdown).get_text().split())
    assert f"names {listed} states among its participants, and Eritrea apart from them, as the record reads it." \
           in memberships


@pytest.mark.parametrize(("text", "count", "written"), [
    ("On April 9 member states of the Khartoum Process met in Cairo.", 9, None),  # AA8: a day after its month
    # AV6: a number that names a place in a text, and a group of thousands
    ("Under Article 40 member states shall report.", 40, None),
    ("Page 40 states that the Khartoum Process has grown.", 40, None),
    ("The Khartoum Process has 1 500 members.", 500, None),
    ("The Khartoum Process has 1'500 members.", 500, None),
    ("In 2025 500 countries met.", 500, "exact"),
    # (a review's D2: words that name no place in a text)
    ("At this point 40 countries take part.", 40, "exact"),
    ("As a rule 40 countries attend.", 40, "exact"),
    ("Please note 40 countries take part.", 40, "exact"),
    ("The Khartoum Process brings together 40 European and African countries.", 40, "exact"),  # AA9
    ("The Khartoum Process includes 40 countries.", 40, "exact"),
    # AB2: words before the number that make it no exact count
    ("It brings together more than 40 countries and several organisations.", 40, "more than 40 countries"),
    ("Nearly 40 countries take part.", 40, "Nearly 40 countries"),
    ("It has grown to up to 40 countries.", 40, "up to 40 countries"),
    ("It counts more than forty (40) countries.", 40, "more than forty (40) countries"),
    # AB3: a count joined to what it counts, or written in words and figures
    ("Ministers of the 40-nation Khartoum Process met in Cairo.", 40, "exact"),
    ("The 41-member Khartoum Process met in Cairo.", 41, "exact"),
    ("The process counts forty (40) countries.", 40, "exact"),
    ("The process counts forty-one members.", 40, None),
    # AC8: approximate after the number, or as a range
    ("It brings together 40 or so countries of origin.", 40, "40 or so countries"),
    ("It counts 40 countries or more.", 40, "40 countries or more"),
    ("It counts between 35 and 40 countries.", 40, "between 35 and 40 countries"),
    ("It counts an estimated 40 countries.", 40, "an estimated 40 countries"),
    ("It counts as many as 40 countries.", 40, "as many as 40 countries"),
    # AD12: short forms of "approximately"
    ("It counts approx. 40 countries.", 40, "approx. 40 countries"),
    ("It counts c. 40 countries.", 40, "c. 40 countries"),
    ("It counts ~40 countries.", 40, "~40 countries"),
    # AG6, AG7
    ("It counts well in excess of 40 countries.", 40, "well in excess of 40 countries"),
    ("It counts 41 European and African partner countries.", 41, "exact"),
    # AE5, AE6, AE7: what follows what it counts, a year or a change before it, a compound word
    ("It counts 40 countries plus the European Commission.", 40, "exact"),
    ("It grew from its founding members in 2014 to 40 countries.", 40, "exact"),
    ("It has risen from 37 to 40 countries.", 40, "exact"),
    ("It counts 40 member-states.", 40, "exact"),
    # AD11: a number after a month is a day only if a month has such a day
    ("In April 40 countries adopted the declaration.", 40, "exact"),
    # AC9: a word that begins as a month's name does is no month
    ("In its first decade 40 countries joined the Khartoum Process.", 40, "exact"),
    ("It marks 40 countries on its map.", 40, "exact"),
    # AH4: a count the text denies, more approximations, a count of the past
    ("It brings together not 40 countries, as often said, but 41.", 40, "not 40 countries"),
    ("It now counts above 40 countries.", 40, "above 40 countries"),
    ("It met, upward of 40 countries.", 40, "upward of 40 countries"),
    ("It has a membership north of 40 countries.", 40, "north of 40 countries"),
    ("It gathers 40 countries and counting.", 40, "40 countries and counting"),
    ("Its 40 founding countries have since been joined by others.", 40, "40 founding countries"),
    # AI9 to AI13: a count of the past, denied, approximate, of the future; a change in words
    ("Of its original 40 member states, two have since left it.", 40, "original 40 member states"),
    ("It no longer has 40 member states.", 40, "no longer has 40 member states"),
    ("It now has not quite 40 member states.", 40, "not quite 40 member states"),
    ("With a new member, the process will grow to 41 member states.", 41, "will grow to 41 member states"),
    ("It has grown from thirty-seven to forty-one countries.", 41, "exact"),
    # AJ13 to AJ15: a meeting's head count, a count of the past, denied, of the future
    ("The meeting brought together 120 participants from the member states.", 120, None),
    ("It had 37 member countries when it was launched.", 37, "had 37 member countries"),
    ("It does not have 40 member states, as is often said.", 40, "does not have 40 member states"),
    ("It is expected to have 41 member states.", 41, "expected to have 41 member states"),
    # AK6: a year after what it counts
    # (a year after what it counts is the sentence's, shown whole: "… 40 countries in 2025" in a text of 2025, AU6)
    ("The declaration was signed by 40 countries in 2014.", 40, "exact"),
    # AU5: a footnote's superscript is no digit of the number
    ("It brings together 40\u00b2 countries.", 40, "exact"),
    ("It brings together 40\u00b2 countries.", 402, None),
    # AH6: a non-breaking hyphen, full-width digits
    ("It brings together forty\u2011one countries.", 41, "exact"),
    ("It brings together \uff14\uff11 countries.", 41, "exact"),
    ("It had 37; today it has 40 countries.", 40, "exact"),
    ("Since 2014, the process has counted 40 countries.", 40, "exact"),
    ("It brings together 40 countries of origin, transit and destination.", 40, "exact"),
    ("In May 40 countries met. It may grow.", 40, "exact"),
    ("The Khartoum Process, founded in 2014, includes 41 countries.", 41, "exact"),
    ("Launched in Rome in 2014, the Khartoum Process brings together 41 countries.", 41, "exact"),
    # AF12: a change's end with no word for what it counts
    ("It grew from 37 countries at its launch to 41 today.", 41, None),
    ("It grew from 37 countries at its launch to 41 countries today.", 41, "exact"),
    ("It would grow from 37 countries to 41.", 41, None),
    # AT3: a part of a longer number
    ("It brings together forty two countries.", 40, None),
    ("It brings together forty two countries.", 42, "exact"),
    ("It brings together one hundred and forty countries.", 40, None),
    ("It brings together 140 countries.", 40, None),
    # BA7: honest counts read as of the past, as no count, as a range
    ("The Khartoum Process has had 40 member countries since 2015.", 40, "exact"),
    ("The process brings together all 40 of its member countries.", 40, "exact"),
    ("CAIRO, April 9 \u2013 40 countries met today.", 40, "exact"),
    ("Of 40 of the 50 member countries, none objected.", 40, None),  # (another number between: no count)
    ("It has 38 \u2013 40 countries.", 40, "38 \u2013 40 countries"),  # (a range, still)
    ("In April 38 \u2013 40 countries met.", 40, "38 \u2013 40 countries"),  # (no day of a month)
])
def test_a_count_of_members_is_read_as_a_count(text: str, count: int, written: str | None) -> None:
    assert _writes_number(text, count) == written, _writes_number(text, count)


@pytest.mark.parametrize("text", [
    "Back in 2014 the process brought together 40 countries.", "The Rabat Process brings together 40 countries.",
    "Critics claim the process has 40 countries.", "40 countries attended the meeting.",
    "It counts 40 ASEAN member states.", "If it has 40 countries, it will grow."])
def test_what_a_sentence_makes_of_its_count_is_shown_not_read(text: str) -> None:
    """Decision 3 (issue 25): the words right beside a count that make it approximate are read; what the rest of its
    sentence makes of it (the past, another body, a claim, a meeting's attendance) is not, since the membership
    page shows the whole sentence beside the count (test_a_count_is_quoted_in_its_whole_sentence)."""
    assert _writes_number(text, 40) == "exact"


def test_a_short_preambular_paragraph_is_counted_and_a_sub_heading_is_not(data_copy: DataCopy) -> None:
    """AA6: "Noting the Joint Valletta Action Plan", six words and no closing mark, was skipped as a sub-heading."""
    seed = ("Cairo Action Plan\n\nThe Steering Committee will meet twice a year.\n\n"
            "Noting the Joint Valletta Action Plan\n\nProtection\n\nThe Ministers will hold regular meetings.\n")
    assert plan_problems(data_copy, seed, {1: "The Steering Committee will meet twice a year.",
                                           3: "The Ministers will hold regular meetings."}, HEADING) == []


@pytest.mark.parametrize(("first", "said"), [(1, None), (2, "this is its paragraph 1 after the words")])
def test_a_heading_the_source_repeats_is_read_where_it_stands_before_the_paragraphs(data_copy: DataCopy, first: int,
                                                                                    said: str | None) -> None:
    """AB5: a title given again as the heading right before the paragraphs was read at the title, so the heading
    and the numbers counted from it were refused with nothing the editor could change."""
    seed = ("Cairo Action Plan\n\nAdopted by the ministers of the process\n\nCairo Action Plan\n\n"
            "The Steering Committee will meet twice a year.\n\nThe Ministers will hold regular meetings.\n")
    problems = plan_problems(data_copy, seed, {first: "The Steering Committee will meet twice a year.",
                                               first + 1: "The Ministers will hold regular meetings."}, HEADING)
    assert problems == [] if said is None else (len(problems) == 1 and said in problems[0]), problems


def _line_of(data_copy: DataCopy, file: str, text: str) -> int:
    """The line of a data file that holds ``text`` (1-based), as the file now reads."""
    lines = (data_copy.root / "data" / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(("edits", "said"), [
    # AA11: a paragraph's mentions.states name states its text names, whichever paragraph it is
    ([("documents/cairo-2025.yml", "      states: [egypt]\n      events: [cairo-ministerial-2025, egypt-presidency",
       "      states: [egypt, kenya]\n      events: [cairo-ministerial-2025, egypt-presidency")],
     "paragraph 'pp-3', field 'mentions': mentions.states lists kenya (named 'Kenya' at data/states.yml:{kenya}), "
     "which the text does not name"),
    # ... and "the Egyptian presidency" names Egypt only through the adjective the record gives it
    ([("states.yml", "  adjectives: [Egyptian]\n", "")],
     "paragraph 'pp-3', field 'mentions': mentions.states lists egypt (named 'Egypt' at data/states.yml:{egypt})"),
    # Z5: a state's own quotation naming another state by its adjective only
    ([("states.yml", '      quote: "Kenya"\n', '      quote: "Expressing gratitude to the Egyptian presidency"\n')],
     "state 'kenya', field 'cites[0].quote': the quotation names state 'egypt', and not this state"),
    # an adjective is the sources' word, and one state's
    ([("states.yml", "  adjectives: [Egyptian]\n", "  adjectives: [Egyptien]\n")],
     "state 'egypt', field 'adjectives[0]': 'Egyptien' is not written so in the text of"),
    ([("states.yml", "- id: kenya\n  name: Kenya\n", "- id: kenya\n  name: Kenya\n  adjectives: [Egyptian]\n")],
     "state 'kenya', field 'adjectives': 'egyptian' is given to state 'egypt' too"),
    ([("states.yml", "  adjectives: [Egyptian]\n", "  adjectives: [Ministry]\n")],
     "state 'egypt', field 'adjectives[0]': 'Ministry' holds 'Ministry', a word for an office"),
    # a state renamed in its file: the message says where its name is given
    ([("states.yml", "  name: Austria\n", "  name: Austrix\n")],
     "paragraph 'pp-1', field 'mentions': mentions.states lists austria (named 'Austrix' at "
     "data/states.yml:{austria}), which the text does not name"),
])
def test_a_paragraph_names_the_states_it_mentions_by_a_name_or_an_adjective(
        data_copy: DataCopy, edits: list[tuple[str, str, str]], said: str) -> None:
    """A thirty-sixth attack's Z5 and a thirty-seventh's AA11: a state given in a paragraph's mentions, or named in
    a state's quotation, only by an adjective the record did not know ("the Egyptian presidency"), or by nothing."""
    for edit in edits:
        data_copy.replace(*edit)
    lines = {ident: _line_of(data_copy, "states.yml", f"- id: {ident}") + 1 for ident in ("austria", "egypt", "kenya")}
    problems = plain_problems(data_copy)
    assert any(said.format(**lines) in problem for problem in problems), problems


@pytest.mark.parametrize(("date", "said"), [
    ("2025-03-01", "source 'outcome-report', field 'date': the source is dated 1 March 2025, before document "
                   "'cairo-2025' (9 April 2025), whose paragraphs its text gives"),
    ("2025-04-09", None),
    ("2025-04", None),  # a month that holds the day of adoption may be the source's
])
def test_a_source_giving_a_document_s_text_is_not_dated_before_it(data_copy: DataCopy, date: str,
                                                                  said: str | None) -> None:
    """A thirty-seventh attack's AA12: the report the declaration's text comes from, dated five weeks before the
    meeting that adopted it, passed."""
    data_copy.replace("sources.yml", "  file: seeds/001_b05cad6fe5c97c15.txt\n",
                      f"  file: seeds/001_b05cad6fe5c97c15.txt\n  date: {date}\n")
    problems = plain_problems(data_copy)
    # (once, though the declaration cites the report twice: AD3)
    assert problems == [] if said is None else (len(problems) == 1 and any(said in p for p in problems) and all(
        "field 'date': the source is dated 1 March 2025, before document" in p for p in problems)), problems


def test_a_source_giving_a_document_s_text_was_not_read_before_it(data_copy: DataCopy) -> None:
    """AD2: the report the declaration's text comes from, read a year before the meeting, passed."""
    data_copy.replace("sources.yml", "  file: seeds/001_b05cad6fe5c97c15.txt\n",
                      "  file: seeds/001_b05cad6fe5c97c15.txt\n  url: https://news.example/report\n"
                      "  accessed: 2024-04-10\n")
    problems = plain_problems(data_copy)
    assert any("source 'outcome-report', field 'accessed': the source is read (accessed) 10 April 2024, before "
               "document 'cairo-2025' (9 April 2025)" in p for p in problems), problems


@pytest.mark.parametrize(("old", "new", "said"), [
    ("  file: seeds/000_bae4d5675d70ab5e.txt\n",
     "  file: seeds/000_bae4d5675d70ab5e.txt\n  member_count: 2014\n  member_count_at: a test\n",
     "source 'announcement', field 'member_count': expected a number of member states from 1 to 999"),
    ("- id: cairo-ministerial-2025\n  date: 2025-04-09\n",
     "- id: cairo-ministerial-2025\n  date: 2025-04-09\n  until: 2025-04-32\n",
     "event 'cairo-ministerial-2025', field 'until': expected a real date"),
    # AE12: a refused sub-region or date was said again as missing
    ("  subregion: northern-africa\n", "  subregion: north-africa\n",
     "state 'egypt', field 'subregion': expected one of 'northern-africa'"),
    ("  file: seeds/000_bae4d5675d70ab5e.txt\n",
     "  file: seeds/000_bae4d5675d70ab5e.txt\n  date: 2025-02-30\n  member_count: 40\n  member_count_at: a test\n",
     "source 'announcement', field 'date': expected a real date"),
    # AE13: an adjective refused as it is read
    ("  adjectives: [Egyptian]\n", "  adjectives: ['']\n",
     "state 'egypt', field 'adjectives[0]': expected an adjective as a source writes it, found an empty text"),
])
def test_a_refused_number_or_date_is_the_only_problem_said(data_copy: DataCopy, old: str, new: str, said: str) -> None:
    """A thirty-sixth attack's Z11: a count out of range dropped the whole source, and its text, so 13 problems
    followed, each wrong about the data; the entry is now kept without the refused field."""
    file = "sources.yml" if "file:" in old else "states.yml" if "region" in old or "adjectives" in old else "events.yml"
    data_copy.replace(file, old, new)
    problems = plain_problems(data_copy)
    assert len(problems) == 1, problems
    assert said in problems[0], problems


def _participants_rewritten(out: dict[str, str], tail: str, apart: list[str]) -> list[tuple[str, str, str]]:
    """Edits that take states out of the declaration's list of participants (``out``: the list's words, as
    "Egypt, Eritrea, Estonia", → what stands there instead), add ``tail`` after its last state, and give the states
    ``apart`` in not_participating, not in the paragraph's mentions."""
    edits = [(file, old, new) for file in (SEED, "documents/cairo-2025.yml") for old, new in
             [*out.items(), ("Tunisia, Uganda\u2014along", f"Tunisia, Uganda{tail}\u2014along")]]
    edits += [("documents/cairo-2025.yml", f"        - {ident}\n", "") for ident in apart]
    return [*edits, ("documents/cairo-2025.yml", "participants_paragraph: pp-1\n",
                     f"participants_paragraph: pp-1\nnot_participating: [{', '.join(apart)}]\n")]


OUT = {"Egypt, Eritrea, Estonia": "Egypt, Estonia", "Latvia, Libya, Lithuania": "Latvia, Lithuania"}
ERITREA_OUT = {"Egypt, Eritrea, Estonia": "Egypt, Estonia"}


@pytest.mark.parametrize(("out", "tail", "apart"), [
    (OUT, "; Eritrea and Libya were absent", ["eritrea", "libya"]),
    (OUT, ", with the exception of Eritrea and Libya", ["eritrea", "libya"]),
    # inside the list, a name with its mark in brackets (AE1)
    ({"Spain, Sudan, Sweden": "Spain, Sudan (observer), Sweden"}, "", ["sudan"]),
    # what the words say is the reader's to judge: the paragraph is shown whole, and not read (decision 3; the
    # word rules refused this one, AJ11, and every round found wordings they missed); cut to a clause, the words
    # hid the rest of their sentence (an attack's AS2, AS3)
    (ERITREA_OUT, "; Eritrea was absent from the opening session and took part in the closing session",
     ["eritrea"]),
    (ERITREA_OUT, "; it was wrongly said, in early reports, that Eritrea was absent", ["eritrea"]),
    (ERITREA_OUT, "; Eritrea was absent\u2014or so the first reports said\u2014but its minister arrived later",
     ["eritrea"]),
    # a name with words of its own, in the list or after it, is the editor's to read, beside the paragraph shown
    # (AC5; honest ones were refused as items: "the latter as an observer", "Eritrea being absent", AT9)
    ({"Egypt, Eritrea, Estonia": "Egypt, Eritrea, which did not attend the previous meeting, Estonia"}, "",
     ["eritrea"]),
    (ERITREA_OUT, ", and Eritrea, the latter as an observer", ["eritrea"]),
    (ERITREA_OUT, ", Eritrea being absent", ["eritrea"]),
])
def test_a_state_named_apart_is_shown_with_the_paragraph_whole(
        data_copy: DataCopy, out: dict[str, str], tail: str, apart: list[str]) -> None:
    """Decision 3 (issue 25): a state given as not taking part is named outside the list of participants, and its
    page shows the paragraph whole, so that the reader judges what it says of the state."""
    for edit in _participants_rewritten(out, tail, apart):
        data_copy.replace(*edit)
    record = checked_record(data_copy.data)
    pages = build_pages(record)
    whole = " ".join(record.documents["cairo-2025"].paragraphs[0].text.split())
    assert tail.lstrip(";, ") in whole
    listed = markdown_html(pages["states/index.md"].markdown).get_text(" ")
    for state in apart:
        page = markdown_html(pages[f"states/{state}.md"].markdown)
        section = page.find(id="in-cairo-2025")
        assert section is not None
        said = section.find_next_sibling("p")
        quoted = section.find_next_sibling("blockquote")
        assert said is not None
        assert quoted is not None
        assert f"names {record.states[state].name}, and the record reads it as naming {record.states[state].name} " \
               "apart from the participants it lists" in " ".join(said.get_text().split())
        assert " ".join(quoted.get_text().split()) == whole
        assert record.states[state].name in listed
    # the documents' table lists them, in the record's words
    documents = next(t for t in tables(record) if t.name == "documents")
    column = next(c for c in documents.columns if c.name == "not_participating")
    assert column.value(record.documents["cairo-2025"]) == tuple(apart)


@pytest.mark.parametrize(("out", "tail", "apart", "inside"), [
    # an item with no words of its own, after a neighbour's aside or "as well as" (an attack's AT7, AT8)
    ({"Egypt, Eritrea, Estonia": "Egypt (Chair), Eritrea, Estonia"}, "", ["eritrea"], "egypt"),
    ({"Egypt, Eritrea, Estonia": "Egypt, as well as Eritrea, Estonia"}, "", ["eritrea"], "egypt"),
    # ... in a list set apart by semicolons, or with a footnote's mark (an attack's AU8, AU9)
    ({"Egypt, Eritrea, Estonia": "Egypt; Eritrea; Estonia"}, "", ["eritrea"], "egypt"),
    ({"Egypt, Eritrea, Estonia": "Egypt, Eritrea*, Estonia"}, "", ["eritrea"], "egypt"),
    ({"Egypt, Eritrea, Estonia": "Egypt, Eritrea [1], Estonia"}, "", ["eritrea"], "egypt"),
    # AD4: named inside the list and apart elsewhere (a review's R1)
    ({}, "; Eritrea was absent on the first day", ["eritrea"], "egypt"),
    # the list's last item, before a dash (an attack's AS1) or before ", as well as" (AV5)
    ({"Tunisia, Uganda\u2014along": "Tunisia, Uganda\u2014along"}, "", ["uganda"], "tunisia"),
    ({}, ", as well as the others", ["uganda"], "tunisia"),
    # joined by "&" (an attack's AX4)
    ({"Egypt, Eritrea, Estonia": "Egypt, Eritrea & Estonia"}, "", ["eritrea"], "egypt"),
])
def test_a_state_named_inside_the_list_is_no_state_apart(
        data_copy: DataCopy, out: dict[str, str], tail: str, apart: list[str], inside: str) -> None:
    for edit in _participants_rewritten(out, tail, apart):
        data_copy.replace(*edit)
    problems = plain_problems(data_copy)
    assert len(problems) == 1, problems
    assert f"document 'cairo-2025', field 'not_participating': paragraph 'pp-1' names state '{apart[0]}' inside its " \
           f"list of participants, next to state '{inside}'" in problems[0], problems


def test_a_statement_of_another_source_may_differ_from_the_paragraph_of_participants(data_copy: DataCopy) -> None:
    """An attack's AX3: a second document of the meeting, from its own source, naming a state apart was refused for
    a statement of another source naming it a participant; the only edit that passed made the state a participant
    of the second document, which its text does not say. Sources may differ: the pages show both."""
    for edit in ABSENT:
        data_copy.replace(*edit)
    data_copy.replace("memberships.yml", "[]\n", "- id: e\n  name: Eritrea\n  state: eritrea\n"
                      "  how: listed-participant\n  at_event: cairo-ministerial-2025\n  date: 2025-04-09\n" + CITED)
    assert plain_problems(data_copy) == []


def test_a_statement_of_a_state_not_in_the_record_is_said_so_once(data_copy: DataCopy) -> None:
    """An attack's AX7: a state id left in a statement after a rename was first said to be missing from the
    paragraph of participants, with a hint that led to another problem."""
    data_copy.replace("memberships.yml", "[]\n", KENYA_LISTED.format(source="outcome-report").replace(
        "state: kenya", "state: kenia"))
    problems = plain_problems(data_copy)
    assert any("field 'state'" in p and "kenia" in p for p in problems), problems
    assert not any("participants_paragraph" in p for p in problems), problems


def test_several_states_named_apart_are_joined_by_and_on_the_index_pages(data_copy: DataCopy) -> None:
    """An attack's BA8: "and Eritrea, Libya, which the record reads it as naming apart from them"."""
    for edit in _participants_rewritten(OUT, "; Eritrea and Libya were absent", ["eritrea", "libya"]):
        data_copy.replace(*edit)
    pages = build_pages(checked_record(data_copy.data))
    states = " ".join(markdown_html(pages["states/index.md"].markdown).get_text().split())
    assert "and Eritrea and Libya, which the record reads it as naming apart from them)," in states
    memberships = " ".join(markdown_html(pages["memberships/index.md"].markdown).get_text().split())
    assert ", and Eritrea and Libya apart from them, as the record reads it." in memberships


def test_neighbours_of_a_list_given_apart_together_are_each_inside_it(data_copy: DataCopy) -> None:
    """An attack's AV2: two neighbouring items of the list given apart together passed, each beside the other, which
    is no participant; so did a whole list."""
    for edit in _participants_rewritten({}, "", ["eritrea", "estonia"]):
        data_copy.replace(*edit)
    problems = plain_problems(data_copy)
    assert [p.split(": ", 1)[1].split(";")[0] for p in problems] == [
        f"document 'cairo-2025', field 'not_participating': paragraph 'pp-1' names state '{state}' inside its list "
        "of participants, next to state 'egypt'" for state in ("eritrea", "estonia")], problems


@pytest.mark.parametrize(("edits", "said"), [
    # AC3: an adjective inside another state's ("Sudanese" in "South Sudanese") is not this state's
    ([("states.yml", "- id: sudan\n  name: Sudan\n", "- id: sudan\n  name: Sudan\n  adjectives: [Sudanese]\n")],
     "state 'sudan', field 'adjectives[0]': 'Sudanese' stands in the texts it cites only inside another word or "
     "another state's name"),
    # AC4: a quotation under a state's roles names the state, as its own cites do
    ([("states.yml", "- id: kenya\n  name: Kenya\n", "- id: kenya\n  name: Kenya\n  roles:\n    - text: A test.\n"
       "      cites:\n        - source: announcement\n"
       "          quote: \"Egypt, which chaired the Khartoum Process at its launch\"\n")],
     "state 'kenya', field 'roles[0].cites[0].quote': the quotation names state 'egypt', and not this state"),
    # AD1: a quotation naming no state, from a sentence whose subject is another state
    ([("states.yml", "      quote: \"Kenya\"\n",
       "      quote: \"Kenya\"\n    - source: announcement\n      quote: \"resumed the presidency in April 2024\"\n")],
     "state 'kenya', field 'cites[1].quote': the quotation names no state, and the sentence of the source "
     "it stands in names 'egypt', not the state it is about"),
    # AE8: a quotation that opens a sentence naming another state
    ([("states.yml", "      quote: \"Kenya\"\n",
       "      quote: \"Kenya\"\n    - source: outcome-report\n      quote: \"The activities of the second ministerial "
       "meeting of the \u201cKhartoum Process\u201d concluded under the chairmanship of Dr. Badr Abdel Aty\"\n")],
     "state 'kenya', field 'cites[1].quote': the quotation names no state, and the sentence of the source "
     "it stands in names 'egypt', not the state it is about"),
    # AF1: a sentence that refers back to the one before by a pronoun ("Since then, it has …")
    ([("states.yml", "      quote: \"Kenya\"\n",
       "      quote: \"Kenya\"\n    - source: announcement\n      quote: \"Since then, it has spearheaded various "
       "activities\"\n")],
     "state 'kenya', field 'cites[1].quote': the quotation names no state, and the sentence of the source "
     "it stands in names 'egypt', not the state it is about"),
    # AF4: a clause on a name is no item of a list beside it
    ([("states.yml", "      quote: \"Kenya\"\n",
       "      quote: \"Kenya\"\n    - source: announcement\n      quote: \"which chaired the Khartoum Process at its "
       "launch\"\n")],
     "state 'kenya', field 'cites[1].quote': the quotation names no state, and the sentence of the source "
     "it stands in names 'egypt', not the state it is about"),
    # AF7: a title before a name ends no sentence
    ([("states.yml", "      quote: \"Kenya\"\n",
       "      quote: \"Kenya\"\n    - source: outcome-report\n      quote: \"Kebede Alemu opened the meeting on "
       "routes\"\n")],
     "state 'kenya', field 'cites[1].quote': the quotation names no state, and the sentence of the source "
     "it stands in names 'ethiopia', not the state it is about"),
    # AD5: a word of an instrument's name is no adjective either
    ([("states.yml", "- id: sudan\n  name: Sudan\n", "- id: sudan\n  name: Sudan\n  adjectives: [Khartoum]\n")],
     "state 'sudan', field 'adjectives[0]': 'Khartoum' is a word of the name of instrument 'khartoum-process'"),
    # AD9: the name in a sentence too
    ([("states.yml", "  name: Czech Republic\n", "  name: Czech Republic\n  name_in_sentence: the Czechia\n")],
     "state 'czech-republic', field 'name_in_sentence': 'the Czechia' is not written so in the texts it cites"),
    # AC11: a state's name is one the texts it cites write (or a formal name's short one)
    ([("states.yml", "  name: Czech Republic\n", "  name: Czechia\n  also_written: [Czech Republic]\n")],
     "state 'czech-republic', field 'name': 'Czechia' is not written so in the texts it cites ('outcome-report', "
     "'announcement')"),
])
def test_a_state_s_words_are_the_texts_own(data_copy: DataCopy, edits: list[tuple[str, str, str]], said: str) -> None:
    """A thirty-ninth attack's AC3, AC4 and AC11, a fortieth's AD1, AD5 and AD9, a forty-second's AF1, AF4, AF7."""
    data_copy.append_to_text("outcome-report", "The South Sudanese delegation spoke. H.E. Amb. Kebede Alemu opened "
                             "the meeting on routes for Ethiopia.")
    for edit in edits:
        data_copy.replace(*edit)
    problems = plain_problems(data_copy)
    assert len(problems) == 1, problems
    assert said in problems[0], problems


def test_an_adjective_may_stand_in_an_organisation_s_name(data_copy: DataCopy) -> None:
    """AC10: an organisation named with a state's adjective ("Egyptian …") made the adjective refused."""
    data_copy.replace("organisations.yml", "- id: european-commission\n",
                      "- id: expatriates\n  name: Egyptian Expatriates Affairs\n  kind: international-organisation\n"
                      "  role: A test.\n  cites:\n    - source: outcome-report\n"
                      "      quote: \"Egyptian Expatriates Affairs\"\n\n- id: european-commission\n")
    problems = plain_problems(data_copy)
    assert [p for p in problems if "adjectives" in p] == [], problems


def test_an_adjective_refused_is_said_once(data_copy: DataCopy) -> None:
    """AD7: an adjective refused (no capital letter) also made PP 3 say it does not name Egypt, first."""
    data_copy.replace("states.yml", "  adjectives: [Egyptian]\n", "  adjectives: [egyptian]\n")
    problems = plain_problems(data_copy)
    assert problems, problems
    assert all("field 'adjectives[0]'" in p for p in problems), problems


def test_initials_name_a_state_only_in_capitals(data_copy: DataCopy) -> None:
    """AD10: renamed "Arab Republic of Egypt", Egypt's initials ARE made the word "are" name it: OP 7 passed as a
    paragraph naming Egypt."""
    data_copy.replace("states.yml", "- id: egypt\n  name: Egypt\n", "- id: egypt\n  name: Arab Republic of Egypt\n")
    data_copy.replace("documents/cairo-2025.yml", "    topics: [capacity-building]\n",
                      "    mentions:\n      states: [egypt]\n    topics: [capacity-building]\n")
    problems = plain_problems(data_copy)
    assert len(problems) == 1, problems
    assert "paragraph 'op-7', field 'mentions': mentions.states lists egypt" in problems[0], problems


def test_a_quotation_in_a_list_with_other_states_is_the_state_s(data_copy: DataCopy) -> None:
    """AE9: "Kenya, Uganda and all EU member states took part …", cited for Austria, was refused as a sentence
    naming Kenya and Uganda: the quotation is an item of the list beside them."""
    data_copy.append_to_text("announcement", "Kenya, Uganda and all EU member states took part in the Brussels "
                             "meeting.")
    data_copy.replace("states.yml", '      quote: "all EU member states"\n',
                      '      quote: "all EU member states took part in the Brussels meeting"\n')
    assert plain_problems(data_copy) == []


def test_an_adjective_opening_an_instrument_s_name_is_the_state_s(data_copy: DataCopy) -> None:
    """AE10: an instrument named "Egyptian …" made Egypt's adjective refused as a word of its name."""
    data_copy.append_to_text("outcome-report", "The Egyptian Expatriates Strategy was presented.")
    data_copy.replace("instruments.yml", "- id: agenda-2063\n",
                      "- id: expatriates-strategy\n  name: Egyptian Expatriates Strategy\n  kind: agenda\n"
                      "  date: 2015\n  cites:\n    - source: outcome-report\n"
                      "      quote: \"The Egyptian Expatriates Strategy was presented.\"\n\n- id: agenda-2063\n")
    problems = plain_problems(data_copy)
    assert [p for p in problems if "adjectives" in p] == [], problems


def test_a_source_is_not_dated_before_the_meeting_of_a_document_dated_by_its_year(data_copy: DataCopy) -> None:
    """AF6: a document dated 2025 alone let a source dated 1 March pass for a meeting of 9 April."""
    data_copy.replace("documents/cairo-2025.yml", "date: 2025-04-09\nadopted_at", "date: 2025\nadopted_at")
    data_copy.replace("sources.yml", "  file: seeds/001_b05cad6fe5c97c15.txt\n",
                      "  file: seeds/001_b05cad6fe5c97c15.txt\n  date: 2025-03-01\n")
    problems = plain_problems(data_copy)
    assert any("source 'outcome-report', field 'date': the source is dated 1 March 2025, before document "
               "'cairo-2025' (9 April 2025)" in p for p in problems), problems


def test_a_paragraph_refused_for_a_missing_title_is_still_the_document_s_paragraph_of_participants(
        data_copy: DataCopy) -> None:
    """The paragraph of participants refused for its title alone: one problem, the title's; the document's
    participants_paragraph names a paragraph it has (an attack's AG9 said it expected one of its ids)."""
    data_copy.replace("documents/cairo-2025.yml", "    number: 1\n    title: Participants\n", "    number: 1\n")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert "paragraph 'pp-1', field 'title'" in problems[0]


def test_a_paragraph_refused_for_a_missing_id_is_one_problem(data_copy: DataCopy) -> None:
    """Nothing more is said of a document kept without a paragraph: its heading's place is read from its paragraphs."""
    data_copy.replace("documents/cairo-2025.yml", "  - id: pp-1\n    part: preambular\n", "  - part: preambular\n")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert "field 'paragraphs[0].id'" in problems[0] or "field 'id'" in problems[0], problems


def role_of(state: str, quote: str) -> tuple[str, str, str]:
    """An edit of states.yml giving ``state`` a role that quotes the outcome report."""
    name = state.capitalize()
    return ("states.yml", f"- id: {state}\n  name: {name}\n", f"- id: {state}\n  name: {name}\n  roles:\n"
            f"    - text: A test.\n      cites:\n        - source: outcome-report\n          quote: \"{quote}\"\n")


# lines added to the outcome report's text (a text written a paragraph a line)
ROLE_LINES = ("KAMPALA, Uganda \u2013 The chair of the Khartoum Process presented the Cairo Action Plan to partners on "
              "Tuesday.\n"
              "He thanked Egypt, which currently chairs the process, for its support. The chair has organised more "
              "events than any before it. It also launched the first regional dialogue on labour mobility.\n"
              "The Kenyan delegation presented a work plan on returns.\n"
              "The country also presented a plan on labour routes.\n"
              "Uganda presented a plan on border posts at the meeting.\n"
              "Khartoum Process: Egypt welcomes a new partner\n"
              "The East African country formally joined the dialogue on Monday, its ministry said.\n"
              "Kenya thanked Uganda and presented the final report.\n"
              "The Kenyan minister thanked Uganda for its hospitality. He then presented the closing statement.\n"
              "KAMPALA, Uganda, Nov 12 (Reuters) \u2013 The host presented the agenda to senior officials.\n"
              "KAMPALA/ENTEBBE, Uganda, 12 November 2025 \u2013 The host presented the minutes to senior officials.\n"
              "The host presented the budget on Monday.\n"
              "Uganda welcomed the delegations. Uganda presented the budget again on Tuesday.\n"
              "Egypt and Uganda co-chaired the session on returns.")


@pytest.mark.parametrize(("quote", "refused"), [
    # AG4: a dateline's place is where the story was filed, not who acts in it
    ("presented the Cairo Action Plan to partners on Tuesday", True),
    # AG2: "It" two sentences on from the state the chair is
    ("launched the first regional dialogue on labour mobility", True),
    # AH2: an adjective the record does not give ("Kenyan"), AH3: "The country"
    ("presented a work plan on returns", True),
    ("presented a plan on labour routes", True),
    # AI4, AI5: another state's act in a sentence that names this one; "He" after a sentence that names it
    ("presented the final report", True),
    ("presented the closing statement", True),
    # the words that name the state with its act
    ("Uganda presented a plan on border posts", False),
    ("Egypt and Uganda co-chaired the session on returns", False),
    ("Uganda welcomed the delegations. Uganda presented the budget again on Tuesday", False),
])
def test_a_role_s_quotation_names_its_state(data_copy: DataCopy, quote: str, refused: bool) -> None:
    """A role is what a source says a state did: its quotation gives the state with its act, in the source's words.
    Read from the sentence around the words instead, every round of attacks found a new way through (AG2, AG4,
    AH2, AH3, AI4, AI5, AJ2, AJ3) and honest roles were refused (AJ1, AJ7, AJ8)."""
    data_copy.append_to_text("outcome-report", ROLE_LINES)
    data_copy.replace(*role_of("uganda", quote))
    problems = plain_problems(data_copy)
    if not refused:
        assert problems == []
        return
    assert len(problems) == 1, problems
    assert "state 'uganda', field 'roles[0].cites[0].quote': the quotation names no state: a role's quotation " \
        "gives, in the source's own words, the state with what it did" in problems[0], problems


def test_a_headline_without_a_full_stop_is_a_sentence_of_its_own(data_copy: DataCopy) -> None:
    """AG3: a headline line with no stop ran on into the next line's sentence, which then named Egypt; in a text
    written a paragraph a line, a line's end ends a sentence."""
    data_copy.append_to_text("outcome-report", ROLE_LINES)
    data_copy.replace("states.yml", "      quote: \"Kenya\"\n",
                      "      quote: \"Kenya\"\n    - source: outcome-report\n"
                      "      quote: \"formally joined the dialogue on Monday\"\n")
    assert plain_problems(data_copy) == []


def test_a_slip_in_the_first_paragraph_is_said_once(data_copy: DataCopy) -> None:
    """AH8: a letter wrong in the first paragraph's text also said the heading stood apart from the paragraphs."""
    data_copy.replace("documents/cairo-2025.yml", "Diaspora Affairs", "Diaspora Afairs")
    problems = problems_of(data_copy)
    assert len(problems) == 1, problems
    assert "paragraph 'pp-1', field 'text'" in problems[0], problems


def test_a_short_line_ends_a_sentence_in_any_text() -> None:
    """AI7, AK5: in a text wrapped at a width (its second longest line: an address far longer than the rest is
    not it), a line much shorter than that (a headline, a name in a list) ends a sentence; a wrapped line runs on;
    a blank line ends one."""
    from khartoum_site.record.validate import _lined

    address = "Read more: https://news.example/2025/khartoum-process-senior-officials-meeting?utm_source=rss&utm_medium=x"
    text = ("Senior Officials' Meeting, Kampala\nParticipating delegations\nEgypt\nKenya\n"
            "The host presented the final report to the senior officials of the\n"
            "meeting, who thanked the secretariat for its work on the conclusions\n"
            "and asked it to share them with the partner organisations.\n\nA second paragraph.\n" + address + "\n"
            + address + "&page=2")  # (AL4: two of them)
    assert _lined(text).split("\n") == [
        "Senior Officials' Meeting, Kampala", "Participating delegations", "Egypt", "Kenya",
        "The host presented the final report to the senior officials of the meeting, who thanked the secretariat for "
        "its work on the conclusions and asked it to share them with the partner organisations.",
        "A second paragraph.", f"{address} {address}&page=2"]  # (two long lines run on, as a wrapped text's)


@pytest.mark.parametrize(("state", "refused"), [("egypt", False), ("kenya", True)])
def test_a_chair_s_quotation_names_the_state_in_the_chair(data_copy: DataCopy, state: str, refused: bool) -> None:
    """AI14: a chair's entry copied for another state kept the quotation naming the first, and the other state's
    page said it chaired."""
    name = state.capitalize()
    data_copy.replace("chairs.yml", "[]\n", f"- id: chair-{state}\n  name: {name}\n  state: {state}\n"
                      "  began_at: cairo-ministerial-2025\n  began_at_from: record\n  cites:\n"
                      "    - source: announcement\n      quote: \"Egypt, which chaired the Khartoum Process at its "
                      "launch, resumed the presidency in April 2024\"\n")
    problems = [p for p in plain_problems(data_copy) if "field 'cites[0].quote'" in p]
    assert problems == (["data/chairs.yml:10:14: chairmanship 'chair-kenya', field 'cites[0].quote': the quotation "
                         "names state 'egypt', and not state 'kenya', which this entry is about; quote the words of "
                         "the source that name the state this entry is about"] if refused else []), problems


@pytest.mark.parametrize(("state", "quote", "refused"), [
    ("egypt", "Egypt, which chaired the Khartoum Process at its launch, resumed the presidency in April 2024", False),
    ("egypt", "resumed the presidency in April 2024", True),
    ("kenya", "resumed the presidency in April 2024", True),
])
def test_a_statement_s_quotation_names_its_state(data_copy: DataCopy, state: str, quote: str, refused: bool) -> None:
    """AJ10: a chair's entry for Kenya quoted "resumed the presidency in April 2024" from a sentence about Egypt; AK4:
    "Kampala took over …" was read as naming no state. As a role's, a statement's quotation names its state."""
    data_copy.replace("chairs.yml", "[]\n", f"- id: chair-{state}\n  name: {state.capitalize()}\n  state: {state}\n"
                      "  began_at: cairo-ministerial-2025\n  began_at_from: record\n  cites:\n"
                      f"    - source: announcement\n      quote: \"{quote}\"\n")
    problems = [p for p in plain_problems(data_copy) if "field 'cites[0].quote'" in p]
    assert problems == ([
        f"data/chairs.yml:10:14: chairmanship 'chair-{state}', field 'cites[0].quote': the quotation names no state: a "
        f"statement about state '{state}' quotes the source's words naming it, so that a reader sees whom they are "
        "about; quote the source from the state's name on (\"Ruritania, which \u2026, took over \u2026\"); if the "
        "source names the state in other words, add them to its also_written or adjectives"] if refused else []), \
        problems


@pytest.mark.parametrize(("line", "quote", "refused"), [
    # AK1: a name and a space, or a name and a comma before "the …", is no list the words are an item of
    ("Egypt took over the chairmanship of the process.", "took over the chairmanship of the process", True),
    ("Egypt, the new chair of the process, opened the session.", "the new chair of the process", True),
    # a list: the words an item beside the names
    ("The participants were Egypt, Sudan and the member states of the European Union.",
     "the member states of the European Union", False),
    # AL2: ", and" before a verb is no list
    ("Sudan welcomed Egypt, and took over the chairmanship of the process.", "took over the chairmanship of the "
     "process", True),
])
def test_a_quotation_beside_another_state_s_name_is_an_item_of_a_list_only_in_a_list(
        data_copy: DataCopy, line: str, quote: str, refused: bool) -> None:
    data_copy.append_to_text("outcome-report", line)
    data_copy.replace("states.yml", "      quote: \"Kenya\"\n",
                      f"      quote: \"Kenya\"\n    - source: outcome-report\n      quote: \"{quote}\"\n")
    problems = [p for p in plain_problems(data_copy) if "field 'cites[1].quote'" in p]
    assert len(problems) == refused, problems


@pytest.mark.parametrize("line", ["NAIROBI, Kenya, 9 April 2025 \u2013 The chair presented the plan.",
                                  "Nairobi, Kenya \u2013 The chair presented the plan.",
                                  "NAIROBI, Kenya: The chair presented the plan."])
def test_a_role_s_quotation_does_not_name_its_state_by_a_dateline(data_copy: DataCopy, line: str) -> None:
    """AK2, AL3: "NAIROBI, Kenya - The chair presented …" quoted whole named Kenya by the place the story was filed
    (in capitals or not, before a dash or a colon)."""
    data_copy.append_to_text("outcome-report", line)
    data_copy.replace(*role_of("kenya", line))
    problems = plain_problems(data_copy)
    assert len(problems) == 1, problems
    assert "state 'kenya', field 'roles[0].cites[0].quote': the quotation names no state" in problems[0], problems


def test_the_answers_kept_between_a_server_s_checks_hold_the_texts_they_were_found_in(data_copy: DataCopy) -> None:
    """AL1: the answers kept between a server's checks were keyed by the address of each text: a text freed from
    the index's cache left its address to the edited text (one run in three of an attack's ten edits), and a
    quotation the edit made wrong passed as before. The keys hold the texts' indexes themselves, so no other text
    can take their address while they are kept; and a wrong edit after a right one is refused."""
    from khartoum_site.record import validate
    from khartoum_site.record.sourcetext import SourceText

    seed = data_copy.data / "seeds" / "000_bae4d5675d70ab5e.txt"
    assert plain_problems(data_copy) == []
    kept = validate._QUOTED[validate._AGAINST]
    assert isinstance(kept, tuple)
    texts, flat, _ = kept
    assert texts
    assert flat
    assert all(isinstance(index, SourceText) for _, index in [*texts, *flat])
    seed.write_text(seed.read_text(encoding="utf-8").replace("April 2024", "May 2024"), encoding="utf-8")
    assert plain_problems(data_copy) != []


@pytest.mark.parametrize(("line", "quote", "refused"), [
    ("Kenya attended the meeting as an observer; it has not applied to join.", "Kenya attended the meeting", True),
    ("Kenya joined the Khartoum Process as an associate.", "Kenya joined the Khartoum Process", True),
    ("Kenya joined the Khartoum Process as an associate.", "Kenya joined the Khartoum Process as an associate",
     False),
    ("Kenya joined the Khartoum Process as an associate.", "Kenya joined the Khartoum Process as an associate.",
     False),
    # AP2: a stop after an abbreviation ends no sentence; AP7: a sentence quoted whole with its closing marks
    ("Kenya joined alongside the U.S. as an observer.", "Kenya joined alongside the U.S", True),
    ("Kenya joined with Egypt, Italy, etc. as an observer.", "Kenya joined with Egypt, Italy, etc", True),
    ("The ministry wrote: \u201cKenya has joined the Khartoum Process.\u201d Officials confirmed it.",
     "Kenya has joined the Khartoum Process.\u201d", False),
    ("Kenya joined the Khartoum Process in 2016\u2026 Officials confirmed it.",
     "Kenya joined the Khartoum Process in 2016\u2026", False),
    # AP3: the name alone, from a line of its own
    ("Observers:\nKenya\nSudan", "Kenya", True),
    # (a clause a semicolon or a colon ends is whole; AN4: words about something else are the reader's to read)
    ("Kenya, which is not a member of the EU, joined the Khartoum Process; it met in Rome.",
     "Kenya, which is not a member of the EU, joined the Khartoum Process", False),
])
def test_a_statement_s_quotation_runs_to_the_end_of_its_sentence(
        data_copy: DataCopy, line: str, quote: str, refused: bool) -> None:
    """AM2, AN3: a statement that Kenya became a member quoted "Kenya joined the Khartoum Process" from "… as an
    associate", or "Rwanda attended the meeting" from "… as an observer; it has not applied to join". Read by words
    instead, the check missed many ("isn't a member", "in an observer capacity", AN3) and refused honest ones ("which
    is not a member of the EU", AN4). The words quoted run on to the sentence's end: the page shows all they say."""
    data_copy.append_to_text("outcome-report", line)
    data_copy.replace("memberships.yml", "[]\n", "- id: kenya-joins\n  name: Kenya\n  state: kenya\n"
                      "  how: became-member\n  date: 2025-04-09\n  cites:\n    - source: outcome-report\n"
                      f"      quote: \"{quote}\"\n")
    problems = [p for p in plain_problems(data_copy) if "field 'cites[0].quote'" in p]
    assert len(problems) == refused, problems
    if refused:
        assert "membership 'kenya-joins', field 'cites[0].quote': the quotation " in problems[0], problems


@pytest.mark.parametrize(("line", "refused"), [
    ("The members: Egypt, Ethiopia, Kenya (observer), Somalia and Sudan.", True),
    ("Kenya attends the meetings of the process only as an observer.", True),
    ("The members: Egypt, Ethiopia, Kenya, Somalia and Sudan.", False),
    # AR4: set apart by a clause after the name
    ("The members: Egypt, Ethiopia, Kenya, which attended as an observer, Somalia and Sudan.", True),
    ("The members: Egypt, Ethiopia and Kenya (the latter as an observer).", True),
    ("The members: Egypt, Ethiopia, Kenya, which hosted the last meeting, Somalia and Sudan.", False),
])
def test_a_listed_membership_quotes_the_name_as_an_item_of_a_list(data_copy: DataCopy, line: str,
                                                                   refused: bool) -> None:
    """AP1: a membership "named in a list of the members" quoted "Kenya" from "Kenya (observer)", or from a
    sentence that is no list."""
    data_copy.append_to_text("announcement", line)  # (a text that names Kenya nowhere else)
    data_copy.replace("memberships.yml", "[]\n", "- id: kenya-listed\n  name: Kenya\n  state: kenya\n"
                      "  how: listed-member\n  date: 2025-04-09\n  cites:\n    - source: announcement\n"
                      "      quote: \"Kenya\"\n")
    problems = [p for p in plain_problems(data_copy) if "field 'cites[0].quote'" in p]
    assert len(problems) == refused, problems
    if refused:
        assert "the quotation stands in no list of names at any of its places, or only as one set apart" in \
            problems[0], problems


@pytest.mark.parametrize("region", ["middle-africa", "southern-africa", "western-africa"])
def test_a_state_of_any_intermediate_region_of_m49_can_be_entered(data_copy: DataCopy, region: str) -> None:
    """From an attack (AM): a state of Middle Africa could not be entered with its UN M49 intermediate region, as
    the schema allowed only Eastern Africa there. M49 divides Sub-Saharan Africa into four."""
    label = " ".join(word.capitalize() for word in region.split("-"))
    data_copy.replace("states.yml", "  intermediate_region: eastern-africa\n  cites:\n    - source: outcome-report\n"
                      "      quote: \"Kenya\"", f"  intermediate_region: {region}\n  cites:\n"
                      "    - source: outcome-report\n      quote: \"Kenya\"")
    data_copy.replace("states.yml", "Intermediate Region Name Eastern Africa\"\n\n- id: latvia",
                      f"Intermediate Region Name {label}\"\n\n- id: latvia")
    kenya = checked_record(data_copy.data).states["kenya"]
    assert model.label_of(kenya, "intermediate_region") == label


@pytest.mark.parametrize(("old", "new", "said"), [
    ("  iso3: \"NOR\"\n  region: other-european-state\n", "  iso3: \"NOR\"\n  region: eu-member-state\n",
     "state 'norway', field 'region': it is eu-member-state, and the state does not cite source 'eu-countries', which "
     "supplies the EU's membership; give the group that source gives the state, citing it for an EU member state"),
    ("    - source: un-m49\n      locator: \"Overview table: Region Name Africa, Sub-region Name Northern Africa (no "
     "intermediate region)\"\n\n- id: eritrea\n", "\n- id: eritrea\n",
     "state 'egypt', field 'subregion': it gives a UN M49 region, and the state does not cite source 'un-m49', which "
     "supplies them; cite that source for it"),
])
def test_a_state_s_group_and_region_come_from_the_sources_that_supply_them(data_copy: DataCopy, old: str, new: str,
                                                                           said: str) -> None:
    """An attack's BI2: Norway made an EU member state by a slip of one word passed check, and the home page counted
    28 EU member states."""
    data_copy.replace("states.yml", old, new)
    assert [p.split(": ", 1)[1] for p in problems_of(data_copy)] == [said]


@pytest.mark.parametrize(("mentions", "said"), [
    ("instruments: [khartoum-process, rome-declaration]", "it lists instrument 'rome-declaration', and its text writes "
     "none of its names ('Rome Declaration', '2014 Rome Declaration')"),
    ("instruments: [khartoum-process]\n      organisations: [iom]", "it lists organisation 'iom', and its text writes "
     "none of its names ('International Organization for Migration', 'IOM')"),
])
def test_a_paragraph_s_instruments_and_organisations_are_named_in_its_text(data_copy: DataCopy, mentions: str,
                                                                             said: str) -> None:
    """An attack's BI5: a paragraph could be said to name the Rome Declaration, which its text does not, while its
    states are held to the text."""
    line = data_copy.line_of("documents/cairo-2025.yml", "    title: Meeting in Cairo")
    text = (data_copy.data / "documents" / "cairo-2025.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    mention = next(i for i in range(line, len(text)) if "instruments: [khartoum-process]" in text[i])
    text[mention] = text[mention].replace("instruments: [khartoum-process]", mentions)
    (data_copy.data / "documents" / "cairo-2025.yml").write_text("".join(text), encoding="utf-8")
    found = problems_of(data_copy)
    assert len(found) == 1, found
    assert found[0].split(": ", 1)[1] == (f"paragraph 'pp-2' of document 'cairo-2025', field 'mentions': {said}; take "
                                          "it out of the mentions, or add the name the text writes to the entry")


@pytest.mark.parametrize(("name", "acronym"), [
    ("United Nations Children's Fund", "UNICEF"), ("Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ"),
    ("European Border and Coast Guard Agency", "Frontex"), ("United Nations Population Fund", "UNFPA"),
])
def test_an_acronym_cited_from_a_source_without_text_is_as_the_source_gives_it(data_copy: DataCopy, name: str,
                                                                               acronym: str) -> None:
    """A review's D7-1: a rule that an acronym cited from a source the record keeps no text of be made of the name's
    initials (after BS15) refused nine in ten real organisations cited from their own sites; it was withdrawn."""
    with (data_copy.data / "organisations.yml").open("a", encoding="utf-8") as organisations:
        organisations.write(f"\n- id: test-organisation\n  name: \"{name}\"\n  acronym: {acronym}\n"
                            f"  kind: international-organisation\n  role: A test.\n{CITED}")
    assert checked_record(data_copy.data).organisations["test-organisation"].acronym == acronym


def test_an_instrument_bears_a_date_of_the_event_that_adopted_it(data_copy: DataCopy) -> None:
    """An attack's BI4: after a slip of one digit the Samoa Agreement's page gave both 15 and 16 November 2023."""
    data_copy.replace("instruments.yml", "  date: 2023-11-15\n", "  date: 2023-11-16\n")
    assert [p.split(": ", 1)[1] for p in problems_of(data_copy)] == [
        "instrument 'samoa-agreement', field 'date': 16 November 2023 is not a day of event 'samoa-agreement-signed' "
        "(15 November 2023), which adopted it; give the date of adoption the source gives, or the event it was "
        "adopted at"]


@pytest.mark.parametrize(("old", "new", "field", "said"), [
    ("  acronym: IOM\n", "  acronym: IMO\n", "acronym", "'IMO'"),
    ("  name: International Organization for Migration\n", "  name: International Organisation for Migration\n",
     "name", "'International Organisation for Migration'"),
])
def test_an_organisation_s_name_and_acronym_are_written_so_in_its_texts(data_copy: DataCopy, old: str, new: str,
                                                                         field: str, said: str) -> None:
    """An attack's BI3: "IMO" for the IOM passed, and every page showed it beside the declaration's "(IOM)"."""
    line = data_copy.replace("organisations.yml", old, new)
    found = problems_of(data_copy)
    assert [p for p in found if "organisation 'iom'" in p] == [
        f"data/organisations.yml:{line}:{len(field) + 5}: organisation 'iom', field '{field}': {said} is not written "
        "so in the texts it cites ('announcement', 'outcome-report'); give it as the sources write it"], found


@pytest.mark.parametrize(("called", "said"), [
    ("", ["data/chairs.yml:4:10: chairmanship 't', field 'since': it begins 10 April 2025, more than half a year "
          "after the date of every source it cites (the latest May 2024); check the date of the source, or the "
          "term's; a source naming the chair to come says so with called: incoming"]),
    ("  called: incoming\n", []),
])
def test_a_term_does_not_begin_after_every_source_it_cites(data_copy: DataCopy, called: str, said: list[str]) -> None:
    """An attack's BO3: a news report's date slipped a year back cited it for a term that began a year later."""
    data_copy.replace("sources.yml", "- id: eeas\n", "- id: eeas\n  date: 2024-05\n")
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text("- id: t\n  name: Egypt\n  state: egypt\n  since: 2025-04-10\n" + called
                                               + CITED, encoding="utf-8")
    assert plain_problems(data_copy) == said


AFTER_EVERY_SOURCE = (
    "data/chairs.yml:4:15: chairmanship 't', field 'at_meeting': the meeting 'cairo-ministerial-2025' (9 April 2025) "
    "took place more than half a year after the date of every source this term cites (the latest May 2024), and a "
    "source written so long before a meeting does not show who held the chair there; check the meeting and the date "
    "of the source; a source naming "
    "the chair to come there says so with called: incoming, one that has the term end there with ended_at")


@pytest.mark.parametrize(("dated", "called", "said"), [
    ("2024-05", "", [AFTER_EVERY_SOURCE]),
    ("2024-05", "  called: outgoing\n", [AFTER_EVERY_SOURCE]),
    # honest: the chair to come named ahead; a report of the meeting's own day, or of its month
    ("2024-05", "  called: incoming\n", []),
    ("2025-04-09", "", []),
    ("2025-04", "", []),
    # a concept note of the day before, or of some months before, names the current chair of the meeting (D7-5)
    ("2025-04-08", "  called: current\n", []),
    ("2024-12-20", "", []),
])
def test_a_term_is_not_shown_at_a_meeting_after_every_source_it_cites(data_copy: DataCopy, dated: str, called: str,
                                                                       said: list[str]) -> None:
    """An attack's BQ15: a slip of one meeting id had a report of April 2024 show a state in the chair at the
    conference of April 2025, on the conference's page."""
    data_copy.replace("sources.yml", "- id: eeas\n", f"- id: eeas\n  date: {dated}\n")
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text("- id: t\n  name: Egypt\n  state: egypt\n"
                                               "  at_meeting: cairo-ministerial-2025\n" + called + CITED,
                                               encoding="utf-8")
    assert plain_problems(data_copy) == said


def test_a_term_a_source_has_end_at_a_meeting_to_come_passes(data_copy: DataCopy) -> None:
    """The hint's other way: a source written before a meeting that has the outgoing chair's term end there."""
    data_copy.replace("sources.yml", "- id: eeas\n", "- id: eeas\n  date: 2024-05\n")
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text("- id: t\n  name: Egypt\n  state: egypt\n  since: 2024-04\n"
                                               "  ended_at: cairo-ministerial-2025\n  called: outgoing\n" + CITED,
                                               encoding="utf-8")
    assert plain_problems(data_copy) == []


def test_a_term_citing_a_source_of_a_month_alone_is_read_without_a_traceback(data_copy: DataCopy) -> None:
    """An attack's BS11: a source dated June 2023 (a month of 30 days) stopped check with a ValueError, the month's
    last day read as its 31st."""
    data_copy.replace("sources.yml", "- id: eeas\n", "- id: eeas\n  date: 2023-06\n")
    (data_copy.data / "memberships.yml").write_text(ROME_LIST, encoding="utf-8")
    (data_copy.data / "chairs.yml").write_text("- id: t\n  name: Egypt\n  state: egypt\n  since: 2023-07-01\n" + CITED,
                                               encoding="utf-8")
    assert plain_problems(data_copy) == []
