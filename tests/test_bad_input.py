"""A corpus of bad data: every fixture is rejected with its exact message and place, through
`khartoum-site check` and through the MkDocs build, never with a traceback.

Each fixture changes one thing in a copy of the real data. ``{line}`` in an expected message is the
line where the change starts (``{line+1}`` the next one), so the fixtures survive edits elsewhere.
"""

from __future__ import annotations

import re

import pytest
from conftest import DataCopy
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from test_plugin import project

from khartoum_site.cli import main

CORPUS = [
    pytest.param('states.yml', '  name: Austria\n',
                 '  name: "Austria\n',
                 1, ['data/states.yml:{line+1}:10: YAML syntax error: did not find expected key (while parsing a block mapping that starts on line 6)'], id='syntax-unclosed-quote'),
    pytest.param('organisations.yml', '  acronym: IGAD\n',
                 '    acronym: IGAD\n',
                 1, ['data/organisations.yml:{line}:12: YAML syntax error: mapping values are not allowed in this context'], id='syntax-bad-indent'),
    pytest.param('topics.yml', '  name: Climate change\n',
                 '\tname: Climate change\n',
                 1, ['data/topics.yml:{line}:1: YAML syntax error: found a tab character that violates indentation (while scanning a plain scalar that starts on line {line-1})'], id='syntax-tab'),
    pytest.param('states.yml', 'iso2: "AT"',
                 'iso2: 12',
                 1, ["data/states.yml:{line}:9: state 'austria', field 'iso2': expected an ISO 3166-1 alpha-2 code (two capital letters), found the number 12"], id='type-iso2-number'),
    pytest.param('states.yml', '  name: Belgium\n',
                 '  name: [Belgium]\n',
                 1, ["data/states.yml:{line}:9: state 'belgium', field 'name': expected text, found a list"], id='type-name-list'),
    pytest.param('topics.yml', '  cites:\n    - source: announcement\n      quote: "aims to address human trafficking and migrant smuggling"\n\n- id: migrant-smuggling',
                 '  cites:\n    source: announcement\n\n- id: migrant-smuggling',
                 1, ["data/topics.yml:{line+1}:5: topic 'human-trafficking', field 'cites': expected a list, each item a citation with 'source' and optionally 'quote' or 'locator' (lines starting with '- '), found a mapping (key: value lines)"], id='type-cites-mapping'),
    pytest.param('instruments.yml', '  name: Samoa Agreement\n',
                 '  name: 2023\n',
                 1, ["data/instruments.yml:{line}:9: instrument 'samoa-agreement', field 'name': expected text, found the number 2023; put it in quotes"], id='type-number-text'),
    pytest.param('documents/cairo-action-plan.yml', 'text_in_record: false',
                 'text_in_record: maybe',
                 1, ["data/documents/cairo-action-plan.yml:{line}:17: document 'cairo-action-plan', field 'text_in_record': expected true or false, found 'maybe'"], id='type-bool-text-in-record'),
    pytest.param('documents/cairo-2025.yml', '    number: 12\n',
                 '    number: twelve\n',
                 1, ["data/documents/cairo-2025.yml:{line}:13: paragraph 'op-12', field 'number': expected a paragraph number (1 or more), found 'twelve'"], id='type-clause-number-text'),
    pytest.param('organisations.yml', '  name: Intergovernmental Authority on Development\n',
                 '',
                 1, ["data/organisations.yml:{line-1}:3: organisation 'igad', field 'name': missing required field: expected text (the full name as the record gives it), found nothing"], id='missing-name'),
    pytest.param('instruments.yml', '  kind: process\n  cites:\n    - source: outcome-report\n      quote: "adopting joint initiatives with the Rabat Process to exchange best practices on issues of common concern"\n',
                 '  kind: process\n',
                 1, ["data/instruments.yml:{line-2}:3: instrument 'rabat-process', field 'cites': missing required field: expected a list, each item a citation with 'source' and optionally 'quote' or 'locator', found nothing"], id='missing-cites'),
    pytest.param('documents/cairo-2025.yml', '    part: operative\n    number: 13\n',
                 '    number: 13\n',
                 1, ["data/documents/cairo-2025.yml:{line-1}:5: paragraph 'op-13', field 'part': missing required field: expected one of 'preambular', 'operative', found nothing"], id='missing-clause-part'),
    pytest.param('events.yml', '  date: 2022-02-17\n',
                 '',
                 1, ["data/events.yml:{line-1}:3: event 'eu-africa-summit-2022', field 'date': missing required field: expected a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-04-09), found nothing"], id='missing-event-date'),
    pytest.param('states.yml', '  iso3: "DEU"\n',
                 '  iso3: "DEU"\n  capital: Berlin\n',
                 1, ["data/states.yml:{line+1}:3: state 'germany', field 'capital': unknown key 'capital'; expected one of: id, former_ids, name, iso2, iso3, region, subregion, roles, cites, notes"], id='unknown-key-record'),
    pytest.param('topics.yml', '      locator: priority domain 3\n',
                 '      locater: priority domain 3\n',
                 1, ["data/topics.yml:{line}:7: topic 'jvap-protection-asylum', field 'cites[0].locater': unknown key 'locater'; did you mean 'locator'?"], id='unknown-key-cite'),
    pytest.param('documents/cairo-2025.yml', '      instruments: [rabat-process]\n',
                 '      instrument: [rabat-process]\n',
                 1, ["data/documents/cairo-2025.yml:{line}:7: paragraph 'op-5', field 'mentions.instrument': unknown key 'instrument'; did you mean 'instruments'?"], id='unknown-key-mentions'),
    pytest.param('events.yml', '  mentions:\n    states: [egypt]\n  cites:\n    - source: announcement\n      quote: "Egypt, which chaired the Khartoum Process at its launch, resumed',
                 '  mentions:\n    states: [egyptt]\n  cites:\n    - source: announcement\n      quote: "Egypt, which chaired the Khartoum Process at its launch, resumed',
                 1, ["data/events.yml:{line+1}:14: event 'egypt-presidency-2024', field 'mentions.states[0]': unknown state id 'egyptt'; did you mean 'egypt'?"], id='unknown-ref-state'),
    pytest.param('documents/cairo-2025.yml', '    topics: [capacity-building]\n',
                 '    topics: [capacity-buildings]\n',
                 1, ["data/documents/cairo-2025.yml:{line}:14: paragraph 'op-7', field 'topics[0]': unknown topic id 'capacity-buildings'; did you mean 'capacity-building'?"], id='unknown-ref-topic'),
    pytest.param('states.yml', '    - source: eu-countries\n',
                 '    - source: eu-country\n',
                 1, ["data/states.yml:{line}:15: state 'austria', field 'cites[2].source': unknown source id 'eu-country'; did you mean 'eu-countries'?"], id='unknown-ref-source'),
    pytest.param('documents/cairo-action-plan.yml', 'adopted_at: cairo-ministerial-2025',
                 'adopted_at: cairo-2025',
                 1, ["data/documents/cairo-action-plan.yml:{line}:13: document 'cairo-action-plan', field 'adopted_at': unknown event id 'cairo-2025'; did you mean 'cairo-ministerial-2025'?"], id='unknown-ref-event'),
    pytest.param('events.yml', '    documents: [cairo-2025, cairo-action-plan]',
                 '    documents: [cairo-2025, cairo-plan]',
                 1, ["data/events.yml:{line}:29: event 'cairo-ministerial-2025', field 'adopted.documents[1]': unknown document id 'cairo-plan'; did you mean 'cairo-action-plan' or 'cairo-2025'?"], id='unknown-ref-document'),
    pytest.param('sources.yml', '  publisher: Egypt Daily News\n',
                 '  publisher: Egypt Daily News\n  publisher: EDN\n',
                 1, ["data/sources.yml:{line+1}:3: duplicate key 'publisher' (first given on line {line}); keep one of them"], id='duplicate-key'),
    pytest.param('organisations.yml', '- id: unodc\n',
                 '- id: unhcr\n',
                 2, ["data/organisations.yml:{line}:7: organisation 'unhcr', field 'id': duplicate id 'unhcr': already used by the organisation at data/organisations.yml:{unhcr}; ids must be unique"], id='duplicate-id'),
    pytest.param('documents/cairo-2025.yml', '  - id: op-17\n',
                 '  - id: op-16\n',
                 1, ["data/documents/cairo-2025.yml:{line}:9: paragraph 'op-16', field 'id': duplicate id 'op-16': already used on line {line-13}; paragraph ids must be unique in a document"], id='duplicate-clause-id'),
    pytest.param('documents/cairo-2025.yml', '    number: 17\n',
                 '    number: 16\n',
                 1, ["data/documents/cairo-2025.yml:{line}:13: paragraph 'op-17', field 'number': Operative paragraph 16 is already given on line {line-15}"], id='duplicate-clause-number'),
    pytest.param('documents/cairo-2025.yml', '    topics: [capacity-building]\n',
                 '    topics: [capacity-building, capacity-building]\n',
                 1, ["data/documents/cairo-2025.yml:{line}:33: paragraph 'op-7', field 'topics[1]': 'capacity-building' is listed twice (also item 0)"], id='duplicate-list-item'),
    pytest.param('instruments.yml', '  date: 2023-11-15\n',
                 '  date: 2023-11-31\n',
                 1, ["data/instruments.yml:{line}:9: instrument 'samoa-agreement', field 'date': expected a real date, found '2023-11-31' (no such day or month)"], id='date-impossible'),
    pytest.param('events.yml', '  date: 2024-05\n',
                 '  date: 2024-13\n',
                 1, ["data/events.yml:{line}:9: event 'eu-pact-adopted', field 'date': expected a real date, found '2024-13' (no such day or month)"], id='date-month-13'),
    pytest.param('events.yml', '  date: 2024-04\n',
                 '  date: April 2024\n',
                 1, ["data/events.yml:{line}:9: event 'egypt-presidency-2024', field 'date': expected a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-04-09), found 'April 2024'"], id='date-words'),
    pytest.param('states.yml', '- id: kenya\n',
                 '- id: Kenya\n',
                 2, ["data/states.yml:{line}:7: state 'Kenya', field 'id': expected an id of lowercase letters, digits and hyphens (e.g. 'south-sudan'), found 'Kenya'; did you mean 'kenya'?"], id='id-uppercase'),
    pytest.param('topics.yml', '- id: public-health\n',
                 '- id: ../../etc/passwd\n',
                 2, ["data/topics.yml:{line}:7: topic '../../etc/passwd', field 'id': expected an id of lowercase letters, digits and hyphens (e.g. 'south-sudan'), found '../../etc/passwd'; did you mean 'etc-passwd'?"], id='id-path-traversal'),
    pytest.param('instruments.yml', '- id: agenda-2063\n',
                 '- id: -agenda-2063\n',
                 3, ["data/instruments.yml:{line}:7: instrument '-agenda-2063', field 'id': expected an id of lowercase letters, digits and hyphens (e.g. 'south-sudan'), found '-agenda-2063'; did you mean 'agenda-2063'?"], id='id-leading-hyphen'),
    pytest.param('sources.yml', '  url: https://unstats.un.org/unsd/methodology/m49/\n',
                 '  url: javascript:alert(document.cookie)\n',
                 1, ["data/sources.yml:{line}:8: source 'un-m49', field 'url': expected an address starting with https://, http:// or mailto:, found 'javascript:alert(document.cookie)'"], id='url-javascript'),
    pytest.param('sources.yml', '  url: https://www.eeas.europa.eu/\n',
                 '  url: data:text/html,<script>alert(1)</script>\n',
                 1, ["data/sources.yml:{line}:8: source 'eeas', field 'url': expected an address starting with https://, http:// or mailto:, found 'data:text/html,<script>alert(1)</script>'"], id='url-data'),
    pytest.param('states.yml', '  name: Malta\n',
                 "  name: !!python/object/apply:os.system ['echo pwned']\n",
                 1, ["data/states.yml:{line}:9: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in data files"], id='python-tag'),
    pytest.param('states.yml', '  name: Spain\n',
                 '  name: &n Spain\n  notes: [*n]\n',
                 1, ['data/states.yml:{line+1}:11: YAML aliases (*n) are not allowed in data files; write the value out in full'], id='alias'),
    pytest.param('documents/cairo-2025.yml', 'Deciding to hold regular ministerial meetings',
                 'Deciding to hold annual ministerial meetings',
                 1, ["data/documents/cairo-2025.yml:{line-1}:11: paragraph 'op-17', field 'text': the text is not verbatim in source 'outcome-report': it matches up to '…Deciding to hold ' and differs from there; copy it exactly from the source"], id='verbatim-text'),
    pytest.param('organisations.yml', 'quote: "the Intergovernmental Authority on Development (IGAD)"',
                 'quote: "the Inter-Governmental Authority on Development (IGAD)"',
                 1, ["data/organisations.yml:{line}:14: organisation 'igad', field 'cites[0].quote': the text is not verbatim in source 'outcome-report': it matches up to '…the Inter' and differs from there; copy it exactly from the source"], id='verbatim-quote'),
    pytest.param('states.yml', '  region: other-european-state\n',
                 '  region: other-european-state\n  subregion: eastern-africa\n',
                 1, ["data/states.yml:{line+1}:14: state 'norway', field 'subregion': a sub-region is given only for African states; this state's region is 'other-european-state'"], id='subregion-european'),
    pytest.param('organisations.yml', '  kind: un-entity\n',
                 '  kind: un-entiti\n',
                 1, ["data/organisations.yml:{line}:9: organisation 'unhcr', field 'kind': expected one of 'eu-institution', 'au-institution', 'regional-organisation', 'international-organisation', 'un-entity', found 'un-entiti'; did you mean 'un-entity' or 'au-institution'?"], id='choice-typo'),
    # Control characters and line breaks (written as YAML escapes: a raw one is refused by the YAML reader).
    pytest.param('states.yml', '  name: Austria\n', '  name: "Austria\\nRepublic"\n',
                 1, ["data/states.yml:{line}:9: state 'austria', field 'name': expected text on one line, found a line break after '…Austria'; write it on one line"], id='text-line-break-in-name'),
    pytest.param('instruments.yml', '  name: Samoa Agreement\n', '  name: "Samoa\\u2028Agreement"\n',
                 1, ["data/instruments.yml:{line}:9: instrument 'samoa-agreement', field 'name': expected text on one line, found a line break after '…Samoa'; write it on one line"], id='text-line-separator-in-name'),
    pytest.param('states.yml', '  name: Belgium\n', '  name: "Bel\\egium"\n',
                 1, ["data/states.yml:{line}:9: state 'belgium', field 'name': expected text, found the control character U+001B (ESC) after '…Bel'; remove it (most editors do not show it)"], id='text-esc-in-name'),
    pytest.param('states.yml', '  name: Austria\n', '  name: "Aus\\ttria"\n',
                 1, ["data/states.yml:{line}:9: state 'austria', field 'name': expected text, found the control character U+0009 (tab) after '…Aus'; remove it (most editors do not show it)"], id='text-tab-in-name'),
    pytest.param('organisations.yml', '  acronym: IGAD\n', '  acronym: "IGAD\\b"\n',
                 1, ["data/organisations.yml:{line}:12: organisation 'igad', field 'acronym': expected text, found the control character U+0008 (backspace) after '…IGAD'; remove it (most editors do not show it)"], id='text-backspace-in-acronym'),
    pytest.param('documents/cairo-2025.yml', '    title: Meeting in Cairo\n', '    title: "Meeting\\0 in Cairo"\n',
                 1, ["data/documents/cairo-2025.yml:{line}:12: paragraph 'pp-2', field 'title': expected text, found the control character U+0000 (NUL) after '…Meeting'; remove it (most editors do not show it)"], id='text-nul-in-paragraph-title'),
    pytest.param('events.yml', '  description: The Khartoum Process was established at a ministerial conference in Rome, which resulted in the Rome Declaration. Egypt chaired the process at its launch.\n',
                 '  description: "The Khartoum Process\\x7f was established"\n',
                 1, ["data/events.yml:{line}:16: event 'rome-2014', field 'description': expected text, found the control character U+007F (DEL) after '…The Khartoum Process'; remove it (most editors do not show it)"], id='text-del-in-description'),
    pytest.param('topics.yml', '  description: The process was established to address human trafficking and migrant smuggling.\n',
                 '  description: "The process\\x9b was established"\n',
                 1, ["data/topics.yml:{line}:16: topic 'human-trafficking', field 'description': expected text, found the control character U+009B after '…The process'; remove it (most editors do not show it)"], id='text-c1-in-description'),
    pytest.param('states.yml', '  region: eu-member-state\n  cites:\n    - source: outcome-report\n      quote: "Austria"',
                 '  region: eu-member-state\n  notes:\n    - "A note\\e"\n  cites:\n    - source: outcome-report\n      quote: "Austria"',
                 1, ["data/states.yml:{line+2}:7: state 'austria', field 'notes[0]': expected an annotation, found the control character U+001B (ESC) after '…A note'; remove it (most editors do not show it)"], id='text-esc-in-note'),
    pytest.param('states.yml', '      quote: "Austria"', '      quote: "Aus\\0tria"',
                 1, ["data/states.yml:{line}:14: state 'austria', field 'cites[0].quote': expected the words of the source, copied exactly, found the control character U+0000 (NUL) after '…Aus'; remove it (most editors do not show it)"], id='text-nul-in-quote'),
    pytest.param('events.yml', '  place: Rome\n', '  place: "Ro\\rme"\n',
                 1, ["data/events.yml:{line}:10: event 'rome-2014', field 'place': expected text on one line, found a line break after '…Ro'; write it on one line"], id='text-carriage-return-in-place'),
    # Ids that would take the place of a page or an anchor the site makes itself.
    pytest.param('states.yml', '- id: austria\n  name: Austria\n', '- id: austria\n  former_ids: [index]\n  name: Austria\n',
                 1, ["data/states.yml:{line+1}:15: state 'austria', field 'former_ids': 'index' is reserved: it is the address of the page that lists the states; choose another id"], id='reserved-state-index'),
    pytest.param('organisations.yml', '  acronym: IGAD\n', '  acronym: IGAD\n  former_ids: [index]\n',
                 1, ["data/organisations.yml:{line+1}:15: organisation 'igad', field 'former_ids': 'index' is reserved: it is the address of the page that lists the organisations; choose another id"], id='reserved-organisation-index'),
    pytest.param('documents/cairo-action-plan.yml', 'id: cairo-action-plan\n', 'id: cairo-action-plan\nformer_ids: [index]\n',
                 1, ["data/documents/cairo-action-plan.yml:{line+1}:13: document 'cairo-action-plan', field 'former_ids': 'index' is reserved: it is the address of the page that lists the documents; choose another id"], id='reserved-document-index'),
    pytest.param('documents/cairo-2025.yml', '  - id: pp-2\n', '  - id: pp-2\n    former_ids: [index]\n',
                 1, ["data/documents/cairo-2025.yml:{line+1}:17: paragraph 'pp-2', field 'former_ids': 'index' is reserved: it is the address of the document's full text; choose another id"], id='reserved-paragraph-index'),
    pytest.param('documents/cairo-2025.yml', '  - id: pp-2\n', '  - id: pp-2\n    former_ids: [preamble]\n',
                 1, ["data/documents/cairo-2025.yml:{line+1}:17: paragraph 'pp-2', field 'former_ids': 'preamble' is reserved: the document's full text already has an anchor of that name (a heading of the page); choose another id"], id='reserved-paragraph-heading-anchor'),
    pytest.param('documents/cairo-2025.yml', '  - id: pp-2\n', '  - id: pp-2\n    former_ids: [document]\n',
                 1, ["data/documents/cairo-2025.yml:{line+1}:17: paragraph 'pp-2', field 'former_ids': 'document' is reserved: the document's full text already has an anchor of that name (a heading of the page); choose another id"], id='reserved-paragraph-title-anchor'),
    pytest.param('events.yml', '- id: rome-2014\n', '- id: rome-2014\n  former_ids: [year-2014]\n',
                 1, ["data/events.yml:{line+1}:15: event 'rome-2014', field 'former_ids': 'year-2014' is reserved: the timeline already has an anchor of that name (a heading of the page); choose another id"], id='reserved-event-year-anchor'),
    pytest.param('events.yml', '- id: rome-2014\n', '- id: rome-2014\n  former_ids: [timeline]\n',
                 1, ["data/events.yml:{line+1}:15: event 'rome-2014', field 'former_ids': 'timeline' is reserved: the timeline already has an anchor of that name (a heading of the page); choose another id"], id='reserved-event-title-anchor'),
]


def expected_messages(copy: DataCopy, line: int, messages: list[str]) -> list[str]:
    def fill(match: re.Match[str]) -> str:
        sign, number = match.group(1), match.group(2)
        return str(line + (int(number) if sign == "+" else -int(number)) if sign else line)

    unhcr = copy.line_of("organisations.yml", "- id: unhcr")
    return [re.sub(r"\{line(?:([+-])(\d+))?\}", fill, m).replace("{unhcr}", str(unhcr)) for m in messages]


def apply(copy: DataCopy, file: str, old: str, new: str) -> int:
    return copy.replace(file, old, new)


@pytest.mark.parametrize(("file", "old", "new", "count", "messages"), CORPUS)
def test_check_rejects_with_exact_message(data_copy: DataCopy, capsys: pytest.CaptureFixture[str], file: str,
                                          old: str, new: str, count: int, messages: list[str]) -> None:
    line = apply(data_copy, file, old, new)
    assert main(["check", "--data-dir", "data"]) == 1
    report = capsys.readouterr().err.splitlines()
    assert report[0] == f"The data has {count} problem{'s' if count > 1 else ''}; nothing was built:"
    shown = [row.strip() for row in report[1:] if row.strip().startswith(f"data/{file}:")]
    assert shown == expected_messages(data_copy, line, messages)


@pytest.mark.parametrize(("file", "old", "new", "count", "messages"), CORPUS)
def test_build_rejects_with_the_same_message(data_copy: DataCopy, caplog: pytest.LogCaptureFixture, file: str,
                                             old: str, new: str, count: int, messages: list[str]) -> None:
    root = project(data_copy)
    line = apply(data_copy, file, old, new)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
    with pytest.raises(Abort):
        build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1  # one error: the whole report, logged by MkDocs without a traceback
    text = errors[0]
    assert text.startswith(f"The data has {count} problem")
    for message in expected_messages(data_copy, line, messages):
        assert f"  {message}\n" in text + "\n"
    assert not (root / "site").exists(), "nothing is written when the data is bad"


def test_the_corpus_covers_every_class() -> None:
    ids = [p.id for p in CORPUS]
    for prefix in ("syntax", "type", "missing", "unknown-key", "unknown-ref", "duplicate", "date", "id", "url",
                   "python-tag", "alias", "verbatim"):
        assert any(i.startswith(prefix) for i in ids), prefix
    assert len(ids) >= 30
