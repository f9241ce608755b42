"""The kinds of value a field may hold (``fields.py``): each value as an editor writes it in YAML, and what
`khartoum-site check` makes of it — the clean value, or the exact message. And each kind's JSON Schema.
"""

from __future__ import annotations

from typing import Any

import pytest
from helpers import kinds, string_fields

from khartoum_site.record import model
from khartoum_site.record.fields import (
    Bool,
    Choice,
    Context,
    Date,
    Id,
    Int,
    Kind,
    ListOf,
    Obj,
    Prose,
    Ref,
    Text,
    Url,
    Where,
)
from khartoum_site.record.loader import parse
from khartoum_site.record.values import PartialDate

ID = "an id of lowercase letters, digits and hyphens (e.g. 'south-sudan')"
DATE = "a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-04-09)"
CONTROL = "remove it (most editors do not show it)"
NUMBER = Int("a paragraph number (1 or more)", minimum=1)
CHOICE = Choice({"regional-organisation": "Regional organisation", "un-entity": "United Nations entity"})


def checked(kind: Kind[Any], written: str) -> tuple[Any, list[str]]:
    """``v: WRITTEN`` read from a data file x.yml and checked as ``kind``: the value and the messages."""
    loaded = parse(f"v: {written}\n".encode(), "x.yml")
    assert loaded.problems == []
    ctx = Context()
    value = kind.check(loaded.value["v"], Where("x.yml", loaded.value.value_pos["v"], "", "v"), ctx)
    return value, [str(p) for p in ctx.problems]


ACCEPTED = [
    pytest.param(Text(), "Austria", "Austria", id="text"),
    pytest.param(Text(), "'  padded  '", "padded", id="text-stripped"),
    pytest.param(Text(), "Côte d\u2019Ivoire", "Côte d\u2019Ivoire", id="text-typographic"),
    pytest.param(Text(), '"Vi\u1ec7\u0323t"', "Vi\u1ec7\u0323t", id="text-stacked-two-marks"),
    pytest.param(Prose(), '"line one\\nline two"', "line one\nline two", id="prose-line-break"),
    pytest.param(Prose(), '"a\\tb"', "a\tb", id="prose-tab"),
    pytest.param(Id(), "south-sudan", "south-sudan", id="id"),
    pytest.param(Url(), "https://example.org/a?b=c", "https://example.org/a?b=c", id="url-https"),
    pytest.param(Url(), "MAILTO:desk@example.org", "MAILTO:desk@example.org", id="url-mailto-any-case"),
    pytest.param(NUMBER, "12", 12, id="int"),
    pytest.param(Bool(), "false", False, id="bool"),
    pytest.param(CHOICE, "un-entity", "un-entity", id="choice"),
    pytest.param(Date(), "2025", PartialDate(2025), id="date-year"),
    pytest.param(Date(), "2025-04", PartialDate(2025, 4), id="date-month"),
    pytest.param(Date(), "2025-04-09", PartialDate(2025, 4, 9), id="date-day"),
    pytest.param(Date(), "'2025-04-09'", PartialDate(2025, 4, 9), id="date-quoted"),
    pytest.param(ListOf(Id()), "[a, b]", ("a", "b"), id="list"),
    pytest.param(ListOf(Prose(), unique=False), "[a, a]", ("a", "a"), id="list-repeats-allowed"),
]


@pytest.mark.parametrize(("kind", "written", "value"), ACCEPTED)
def test_a_good_value_is_accepted_clean(kind: Kind[Any], written: str, value: object) -> None:
    assert checked(kind, written) == (value, [])


REFUSED = [
    pytest.param(Text(), "12", "expected text, found the number 12; put it in quotes", id="text-number"),
    pytest.param(Text(), "true", "expected text, found the boolean true", id="text-boolean"),
    # a fourth attack: a title that shows nothing, and marks piled on one letter
    pytest.param(Text(), '"\u2800\u2800"', "expected text, found the invisible character U+2800 (BRAILLE PATTERN "
                 "BLANK) at its start; remove it: readers and editors do not see it, and it makes two texts that look "
                 "the same differ", id="text-blank"),
    pytest.param(Text(), '"—…"', "expected text, found '—…', which has no letter or digit; write "
                 "the value in words (a blank-looking character such as U+2800 shows nothing)", id="text-marks-only"),
    # an eleventh attack: characters found one by one are refused by their category (unassigned, noncharacter,
    # format), an override left open in prose, and marks stacked in any script
    pytest.param(Text(), '"Egypt\\u0378"', "expected text, found the invisible character U+0378 after '…Egypt'; "
                 "remove it: readers and editors do not see it, and it makes two texts that look the same differ",
                 id="text-cn"),
    pytest.param(Text(), '"Egypt\\U0001FFFE"', "expected text, found the invisible character U+1FFFE after "
                 "'…Egypt'; remove it: readers and editors do not see it, and it makes two texts that look the same "
                 "differ",
                 id="text-noncharacter"),
    pytest.param(Text(prose=True), '"before \\u202Eafter"', "expected text, found the bidirectional control character "
                 "U+202E (RIGHT-TO-LEFT OVERRIDE) after '…before'; remove it: it reorders how the text is shown "
                 "(most editors do not show it)", id="prose-open-override"),
    # closed, an override in a description showed readers "adopted the pact" where the page's text, its search and
    # the downloads hold "tcap eht detpoda" (a held-out corpus's BV6)
    pytest.param(Text(prose=True), '"The Parliament \\u202Etcap eht detpoda\\u202C and the Council."',
                 "expected text, found the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) after "
                 "'…The Parliament'; remove it: it reorders how the text is shown (most editors do not show it)",
                 id="prose-closed-override"),
    pytest.param(Text(prose=True), '"Numbers \\u202B1, 2, 3\\u202C in order"',
                 "expected text, found the bidirectional control character U+202B (RIGHT-TO-LEFT EMBEDDING) after "
                 "'…Numbers'; remove it: it reorders how the text is shown (most editors do not show it)",
                 id="prose-closed-embedding"),
    pytest.param(Text(), '"\u0e01\u0e34\u0e35\u0e36\u0e37\u0e38"', "expected text, found 5 combining marks on one "
                 "letter after '…\u0e01'; remove them: they pile up over the lines around the text",
                 id="text-thai-marks"),
    pytest.param(Id(), "con", "expected an id of lowercase letters, digits and hyphens (e.g. 'south-sudan'), found "
                 "'con', the name of a device on Windows; choose another id, such as 'con-1': the site's folder of "
                 "that name cannot be made on Windows", id="id-device-name"),
    pytest.param(Date(), '"2023-00-10"', "expected a real date, found '2023-00-10' (no such day or month)",
                 id="date-month-00"),
    pytest.param(Date(), '"2026-12-00"', "expected a real date, found '2026-12-00' (no such day or month)",
                 id="date-day-00"),
    # a fourteenth attack: a host that cannot be read passed the check and ended generate in a traceback
    pytest.param(Url(), '"http://[::1"', "expected an address starting with https://, http:// or mailto:, found "
                 "'http://[::1', whose host or port cannot be read (Invalid IPv6 URL); write the address as the page's "
                 "address bar shows it", id="url-ipv6-unclosed"),
    # a fifteenth session's rough edges: an address naming no site, or port 0, passed as a link no one can follow
    pytest.param(Url(), '"https:///x"', "expected an address starting with https://, http:// or mailto:, found "
                 "'https:///x', which names no site; write the address as the page's address bar shows it",
                 id="url-no-host"),
    pytest.param(Url(), '"https://www.iso.org:0/"', "expected an address starting with https://, http:// or mailto:, "
                 "found 'https://www.iso.org:0/', which names port 0; write the address as the page's address bar "
                 "shows it", id="url-port-0"),
    pytest.param(Url(), '"https://[v1.x]/page"', "expected an address starting with https://, http:// or mailto:, "
                 "found 'https://[v1.x]/page', whose host in brackets is not an IPv6 address; write the address as "
                 "the page's address bar shows it", id="url-ipvfuture"),
    pytest.param(Url(), '"https://www.iso.org:99999/"', "expected an address starting with https://, http:// or "
                 "mailto:, found 'https://www.iso.org:99999/', whose host or port cannot be read (Port out of range "
                 "0-65535); write the address as the page's address bar shows it", id="url-port-too-large"),
    pytest.param(Text(), '"Cairo\u0301\u0302\u0303\u0304"', "expected text, found 4 combining marks on one letter "
                 "after '…Cairo'; remove them: they pile up over the lines around the text", id="text-stacked-marks"),
    pytest.param(Text(), "", "expected text, found nothing (an empty value)", id="text-nothing"),
    pytest.param(Text(), "''", "expected text, found an empty text", id="text-empty"),
    pytest.param(Text(), "[a]", "expected text, found a list", id="text-list"),
    pytest.param(Text(), "{a: 1}", "expected text, found a mapping (key: value lines)", id="text-mapping"),
    pytest.param(Text(), "2025-04-09", "expected text, found the date 2025-04-09", id="text-date"),
    pytest.param(Text(), '"a\\nb"', "expected text on one line, found a line break after '…a'; write it on one line",
                 id="text-line-break"),
    pytest.param(Text(), '"a\\tb"', f"expected text, found the control character U+0009 (tab) after '…a'; {CONTROL}",
                 id="text-tab"),
    pytest.param(Text(), '"\\ex"', f"expected text, found the control character U+001B (ESC) at its start; {CONTROL}",
                 id="text-control-first"),
    pytest.param(Text(), "x" * 5001, "expected text of at most 5000 characters, found 5001", id="text-too-long"),
    pytest.param(Prose(), '"a\\eb"', f"expected text, found the control character U+001B (ESC) after '…a'; {CONTROL}",
                 id="prose-control"),
    pytest.param(Id(), "South Sudan", f"expected {ID}, found 'South Sudan'; did you mean 'south-sudan'?",
                 id="id-words"),
    pytest.param(Id(), "-x", f"expected {ID}, found '-x'; did you mean 'x'?", id="id-leading-hyphen"),
    pytest.param(Text(), "'The <i>Khartoum</i> Process'", "expected text, found the tag '<i>' after '…The'; write "
                 "it without the tag: citation managers read it as formatting in the CSL-JSON citation, which has no "
                 "way to write it as text", id="text-csl-markup"),
    pytest.param(Text(), "'x <span class=\"nocase\">y</span>'", "expected text, found the tag "
                 "'<span class=\"nocase\">' after '…x'; write it without the tag: citation managers read it as "
                 "formatting in the CSL-JSON citation, which has no way to write it as text", id="text-csl-nocase"),
    pytest.param(Id(), "über", f"expected {ID}, found 'über'; it holds U+00FC (LATIN SMALL LETTER U WITH "
                 "DIAERESIS) at its start, which is not an ASCII letter; did you mean 'uber'?", id="id-accent"),
    pytest.param(Id(), "12", f"expected {ID}, found the number 12", id="id-number-no-quotes-hint"),
    pytest.param(Id(), "\u0430ustria", f"expected {ID}, found '\u0430ustria'; it holds U+0430 (CYRILLIC SMALL "
                 "LETTER A) at its start, which is not an ASCII letter; did you mean 'austria'?", id="id-cyrillic-a"),
    pytest.param(Id(), "gr\u03bfup", f"expected {ID}, found 'gr\u03bfup'; it holds U+03BF (GREEK SMALL LETTER "
                 "OMICRON) after '…gr', which is not an ASCII letter; did you mean 'group'?", id="id-greek-o"),
    pytest.param(Ref("states"), "\u0430ustria", "expected the id of a record in states, found '\u0430ustria'; it "
                 "holds U+0430 (CYRILLIC SMALL LETTER A) at its start, which is not an ASCII letter; an id is written "
                 "like 'austria'", id="reference-cyrillic-a"),
    pytest.param(Url(), "javascript:x", "expected an address starting with https://, http:// or mailto:, "
                 "found 'javascript:x'", id="url-javascript"),
    pytest.param(Url(), "https://www.iso.org@evil.example/", "expected an address starting with https://, http:// "
                 "or mailto:, found 'https://www.iso.org@evil.example/'; an address may not hold a user name or "
                 "password before its host (the part before '@' reads as the site, but the link leads to the host "
                 "after it)", id="url-userinfo"),
    pytest.param(Url(), '"https://a b"', "expected an address starting with https://, http:// or mailto:, "
                 "found 'https://a b'", id="url-space"),
    # A seventh attack: a browser reads '\\' as '/', so this reads as a host under iso.org and leads to evil.example.
    pytest.param(Url(), "'https://evil.example\\.iso.org/'", "expected an address starting with https://, http:// "
                 "or mailto:, found 'https://evil.example\\\\.iso.org/'; write '/' where the address has '\\': a "
                 "browser reads a backslash as a slash", id="url-backslash"),
    pytest.param(Url(), "https://a.example/%ZZ", "expected an address starting with https://, http:// or mailto:, "
                 "found 'https://a.example/%ZZ'; a '%' starts an escape of two hexadecimal digits (write '%25' for "
                 "a percent sign); never '%00'", id="url-bad-escape"),
    pytest.param(Url(), "https://a.example/a%00b", "expected an address starting with https://, http:// or mailto:, "
                 "found 'https://a.example/a%00b'; a '%' starts an escape of two hexadecimal digits (write '%25' "
                 "for a percent sign); never '%00'", id="url-nul-escape"),
    pytest.param(NUMBER, "0", "expected a paragraph number (1 or more), found the number 0", id="int-below-minimum"),
    pytest.param(NUMBER, "'12'", "expected a paragraph number (1 or more), found '12'", id="int-quoted"),
    pytest.param(NUMBER, "1.5", "expected a paragraph number (1 or more), found the number 1.5", id="int-float"),
    pytest.param(NUMBER, "true", "expected a paragraph number (1 or more), found the boolean true", id="int-boolean"),
    pytest.param(Bool(), "'true'", "expected true or false, found 'true'", id="bool-quoted"),
    pytest.param(Bool(), "maybe", "expected true or false, found 'maybe'", id="bool-word"),
    pytest.param(CHOICE, "regional", "expected one of 'regional-organisation', 'un-entity', found 'regional'; "
                 "did you mean 'regional-organisation'?", id="choice-truncated"),
    pytest.param(CHOICE, "un_entity", "expected one of 'regional-organisation', 'un-entity', found 'un_entity'; "
                 "did you mean 'un-entity'?", id="choice-typo"),
    pytest.param(CHOICE, "3", "expected one of 'regional-organisation', 'un-entity', found the number 3",
                 id="choice-number"),
    pytest.param(Date(), "2025-02-30", "expected a real date, found '2025-02-30' (no such day or month)",
                 id="date-no-such-day"),
    pytest.param(Date(), "2025-13", "expected a real date, found '2025-13' (no such day or month)",
                 id="date-no-such-month"),
    pytest.param(Date(), "April 2025", f"expected {DATE}, found 'April 2025'", id="date-words"),
    pytest.param(Date(), "25-04-09", f"expected {DATE}, found '25-04-09'", id="date-short-year"),
    pytest.param(Date(), "true", f"expected {DATE}, found the boolean true", id="date-boolean"),
    pytest.param(Date(), "2014-11-28T10:00:00+05:00", f"expected {DATE}, found the date and time 2014-11-28 "
                 "10:00:00+05:00; give the date alone: 2014-11-28", id="date-with-a-time"),
    pytest.param(ListOf(Id()), "a", f"expected a list, each item {ID} (lines starting with '- '), found 'a'",
                 id="list-one-value"),
    pytest.param(ListOf(Id(), min_items=1), "[]", "expected at least 1 item(s), found 0", id="list-empty"),
    # a thirteenth attack's 30 long notes made one CSV cell of 150,000 characters: a spreadsheet cuts it at 32,767
    pytest.param(ListOf(Prose()), "[" + ", ".join([f"{i}{'x' * 4999}" for i in range(7)]) + "]",
                 "expected a list of at most 32,000 characters together, found 35,012; the CSV download gives a list "
                 "one cell, which a spreadsheet cuts beyond that: shorten the items, or keep the longer text in a "
                 "source", id="list-too-long-for-a-cell"),
]


@pytest.mark.parametrize(("kind", "written", "message"), REFUSED)
def test_a_bad_value_is_refused_with_its_message(kind: Kind[Any], written: str, message: str) -> None:
    assert checked(kind, written) == (None, [f"x.yml:1:{3 if written == '' else 4}: field 'v': {message}"])


@pytest.mark.parametrize(("written", "value", "message"), [
    pytest.param("[a, a]", ("a",), "x.yml:1:8: field 'v[1]': 'a' is listed twice (also item 0)", id="twice"),
    pytest.param(f"[{'a' * 62}, {'a' * 62}]", ("a" * 62,),
                 f"x.yml:1:69: field 'v[1]': '{'a' * 57}...' is listed twice (also item 0)", id="twice-long"),
    pytest.param("[a, B]", ("a",), f"x.yml:1:8: field 'v[1]': expected {ID}, found 'B'; did you mean 'b'?",
                 id="bad-item"),
])
def test_a_list_reports_the_item_and_keeps_the_rest(written: str, value: tuple[str, ...], message: str) -> None:
    assert checked(ListOf(Id()), written) == (value, [message])


def test_a_reference_is_kept_to_check_once_every_id_is_known() -> None:
    loaded = parse(b"v: egypt\n", "x.yml")
    ctx = Context()
    where = Where("x.yml", loaded.value.value_pos["v"], "event 'x'", "v")
    assert Ref("states").check(loaded.value["v"], where, ctx) == "egypt"
    assert (ctx.problems, ctx.refs) == ([], [("states", "egypt", where)])


@pytest.mark.parametrize(("written", "messages"), [
    pytest.param("{source: seed, quote: words}", [], id="good"),
    pytest.param("{quote: words}", ["x.yml:1:4: field 'v.source': missing required field: expected the id of a "
                                    "record in sources (the id of a source in sources.yml), found nothing"],
                 id="missing"),
    pytest.param("{source: seed, qoute: words}", ["x.yml:1:19: field 'v.qoute': unknown key 'qoute'; did you mean "
                                                  "'quote'?"], id="unknown-key-close"),
    pytest.param("{source: seed, page: 4}", ["x.yml:1:19: field 'v.page': unknown key 'page'; expected one of: "
                                             "source, quote, locator"], id="unknown-key-far"),
    pytest.param("[seed]", ["x.yml:1:4: field 'v': expected a citation with 'source' and optionally 'quote' or "
                            "'locator' (key: value lines), found a list"], id="not-a-mapping"),
])
def test_a_record_checks_its_keys(written: str, messages: list[str]) -> None:
    value, problems = checked(Obj(model.Cite), written)
    assert problems == messages
    if not messages:
        assert isinstance(value, model.Cite)
        assert (value.source, value.quote, value.locator) == ("seed", "words", None)
        assert (value.origin.file, value.origin.line, value.origin.column) == ("x.yml", 1, 4)
        assert value.origin.line_of("quote") == (1, 26)


@pytest.mark.parametrize(("kind", "schema"), [
    pytest.param(NUMBER, {"type": "integer", "minimum": 1, "description": "a paragraph number (1 or more)"},
                 id="int"),
    pytest.param(Bool(), {"type": "boolean"}, id="bool"),
    pytest.param(CHOICE, {"enum": ["regional-organisation", "un-entity"]}, id="choice"),
    pytest.param(Id(), {"type": "string", "minLength": 1, "maxLength": 80, "description": ID,
                        "pattern": "^[a-z0-9][a-z0-9-]*$"}, id="id"),
    pytest.param(ListOf(Id(), min_items=1), {"type": "array", "minItems": 1, "uniqueItems": True, "items": {
        "type": "string", "minLength": 1, "maxLength": 80, "description": ID, "pattern": "^[a-z0-9][a-z0-9-]*$"}},
                 id="list"),
    pytest.param(Date(), {"anyOf": [{"type": "string", "pattern": "^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$"},
                                    {"type": "integer", "minimum": 1000, "maximum": 9999}], "description": DATE},
                 id="date"),
])
def test_each_kind_gives_editors_the_same_rule(kind: Kind[Any], schema: dict[str, Any]) -> None:
    assert kind.json_schema() == schema


def test_every_declared_string_field_is_planted() -> None:
    """The walk ``planted.py`` plants payloads by finds the fields the schema declares, names and prose
    alike, nested ones included."""
    fields = {f"{name}:{'.'.join(path)}" for name, kind in kinds().items() for path in string_fields(kind)}
    for expected in ("states.yml:name", "states.yml:roles.[].text", "states.yml:cites.[].quote",
                     "organisations.yml:acronym", "events.yml:chair.[]", "events.yml:place",
                     "documents/*.yml:paragraphs.[].text", "documents/*.yml:paragraphs.[].title",
                     "documents/*.yml:title", "sources.yml:title", "instruments.yml:names_in_record.[]"):
        assert expected in fields
    assert "states.yml:iso2" not in fields
    assert "states.yml:id" not in fields
    assert len(fields) >= 35
