"""Tables of bad data shared by the unit tier (``khartoum-site check``) and the build tier (the MkDocs
build): each entry breaks one thing in a copy of the real data and gives the exact messages expected.

``CORPUS`` entries replace text in one data file; ``{line}`` in an expected message is the line where
the change starts (``{line+1}`` the next one), so the entries survive edits elsewhere. ``FILE_CORPUS``
entries are setups: odd files on disk, guards that cannot be read, YAML that reads other than it
looks; each breaks a ``DataCopy`` and returns its messages. ``conftest.py`` re-exports both.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from helpers import DataCopy

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
                 1, ["data/documents/cairo-2025.yml:{line}:13: paragraph 'op-12', field 'number': expected a paragraph number (1 or more), found 'twelve'"], id='type-paragraph-number-text'),
    pytest.param('organisations.yml', '  name: Intergovernmental Authority on Development\n',
                 '',
                 1, ["data/organisations.yml:{line-1}:3: organisation 'igad', field 'name': missing required field: expected text (the full name as the record gives it), found nothing"], id='missing-name'),
    pytest.param('instruments.yml', '  kind: process\n  cites:\n    - source: outcome-report\n      quote: "adopting joint initiatives with the Rabat Process to exchange best practices on issues of common concern"\n',
                 '  kind: process\n',
                 1, ["data/instruments.yml:{line-2}:3: instrument 'rabat-process', field 'cites': missing required field: expected a list, each item a citation with 'source' and optionally 'quote' or 'locator', found nothing"], id='missing-cites'),
    pytest.param('documents/cairo-2025.yml', '    part: operative\n    number: 13\n',
                 '    number: 13\n',
                 1, ["data/documents/cairo-2025.yml:{line-1}:5: paragraph 'op-13', field 'part': missing required field: expected one of 'preambular', 'operative', found nothing"], id='missing-paragraph-part'),
    pytest.param('events.yml', '  date: 2022-02-17\n',
                 '',
                 1, ["data/events.yml:{line-1}:3: event 'eu-africa-summit-2022', field 'date': missing required field: expected a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-04-09), found nothing"], id='missing-event-date'),
    pytest.param('states.yml', '  iso3: "DEU"\n',
                 '  iso3: "DEU"\n  capital: Berlin\n',
                 1, ["data/states.yml:{line+1}:3: state 'germany', field 'capital': unknown key 'capital'; expected one of: id, former_ids, withdrawn, name, name_in_sentence, also_written, adjectives, iso2, iso3, region, subregion, intermediate_region, roles, beside_membership, cites, notes"], id='unknown-key-record'),
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
                 1, ["data/documents/cairo-2025.yml:{line}:9: paragraph 'op-16', field 'id': duplicate id 'op-16': already used on line {line-14}; paragraph ids must be unique in a document"], id='duplicate-paragraph-id'),
    pytest.param('documents/cairo-2025.yml', '    number: 17\n',
                 '    number: 16\n',
                 1, ["data/documents/cairo-2025.yml:{line}:13: paragraph 'op-17', field 'number': Operative paragraph 16 is already given on line {line-16}"], id='duplicate-paragraph-number'),
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
    pytest.param('sources.yml', '  url: https://unstats.un.org/unsd/methodology/m49/overview/\n',
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
                 '  region: other-european-state\n  subregion: sub-saharan-africa\n',
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
    pytest.param('topics.yml', '  description: The process aims to address human trafficking and migrant smuggling, as the announcement puts it.\n',
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
    # What the record says of itself: how a publisher is known, and every paragraph on the topics its words name.
    pytest.param('sources.yml', '  publisher: Egypt Daily News\n  publisher_from: credit-line\n', '  publisher: Egypt Daily News\n',
                 1, ["data/sources.yml:{line}:14: source 'outcome-report', field 'publisher': a publisher without publisher_from, which says how the record knows it (stated, website, heading, credit-line); say whether the source states it or it is read from a credit line, a heading or the website"], id='publisher-without-how-it-is-known'),
    pytest.param('sources.yml', '  publisher_from: credit-line\n', '  publisher_from: not-stated\n',
                 1, ["data/sources.yml:{line}:19: source 'outcome-report', field 'publisher_from': publisher_from is not-stated, but publisher gives 'Egypt Daily News'; leave publisher out for a source that names none, or say how it is known"], id='publisher-not-stated-but-given'),
    pytest.param('documents/cairo-2025.yml', '    topics: [human-rights, forced-displacement-protection, jvap-protection-asylum]\n',
                 '    topics: [human-rights, jvap-protection-asylum]\n',
                 1, ["data/documents/cairo-2025.yml:{line}:13: paragraph 'op-10', field 'topics': the text says “forcibly displaced”, a term of topic 'forced-displacement-protection', which the paragraph does not list; add 'forced-displacement-protection' to its topics, or narrow the topic's terms (topics.yml)"], id='paragraph-without-the-topic-its-words-name'),
    # a state's two codes are one country's in ISO 3166-1 (BN2)
    pytest.param('states.yml', 'iso2: "AT"',
                 'iso2: "AU"',
                 1, ["data/states.yml:{line}:9: state 'austria', field 'iso2': in ISO 3166-1 the alpha-2 code 'AU' is that of Australia (AUS), not that of the alpha-3 code 'AUT' this state gives; check both codes against ISO 3166-1"], id='iso2-another-country'),
    pytest.param('states.yml', 'iso2: "AT"',
                 'iso2: "ZZ"',
                 1, ["data/states.yml:{line}:9: state 'austria', field 'iso2': in ISO 3166-1 the alpha-2 code 'ZZ' is no country's, not that of the alpha-3 code 'AUT' this state gives; check both codes against ISO 3166-1"], id='iso2-no-country'),
    # a publisher the source is said to state is written in its text; a website's needs the website (BN4, BL10)
    pytest.param('sources.yml', '  publisher: Egypt Daily News\n  publisher_from: credit-line\n',
                 '  publisher: Reuters\n  publisher_from: stated\n',
                 1, ["data/sources.yml:{line}:14: source 'outcome-report', field 'publisher': the source is said to state its publisher, but its text does not write 'Reuters'; copy the name as the text writes it, or say how else it is known in publisher_from (credit-line, heading, website)"], id='publisher-stated-not-in-text'),
    pytest.param('sources.yml', '  publisher_from: website\n  url: https://www.eeas.europa.eu/\n',
                 '  publisher_from: website\n',
                 1, ["data/sources.yml:{line}:19: source 'eeas', field 'publisher_from': the publisher is said to be named by the website that publishes the source, and the source has no url; give the url of the page, or say how else the publisher is known"], id='publisher-website-no-url'),
    # a place its own quotations contradict (BN6)
    pytest.param('events.yml', '  place: Rome\n  description: The Khartoum',
                 '  place: Cairo\n  description: The Khartoum',
                 1, ["data/events.yml:{line}:10: event 'rome-2014', field 'place': its quotations say it was held in 'Rome', not 'Cairo'; give the place the sources give"], id='place-not-its-quotations'),
    # a date of another year, or month, than its quotations give it (BN3, BL3)
    pytest.param('instruments.yml', '  date: 2014\n',
                 '  date: 2013\n',
                 1, ["data/instruments.yml:{line}:9: instrument 'khartoum-process', field 'date': 2013 is not of the year its quotations give it (2014); give the date the source gives"], id='date-process-year-not-written'),
    pytest.param('events.yml', '  date: 2015-01\n',
                 '  date: 2015-02\n',
                 2, ["data/events.yml:{line}:9: event 'agenda-2063-adopted', field 'date': February 2015 is not of the month its quotations give it (January 2015); give the date the source gives"], id='date-month-not-written'),
    # a meeting's kind given to an event whose title names no meeting (BN5)
    pytest.param('events.yml', '  date: 2015-01\n  title: African Union Agenda 2063 adopted\n',
                 '  date: 2015-01\n  kind: ministerial-conference\n  title: African Union Agenda 2063 adopted\n',
                 1, ["data/events.yml:{line+1}:9: event 'agenda-2063-adopted', field 'kind': it is ministerial-conference, and the title, 'African Union Agenda 2063 adopted', names no meeting of the process; leave the kind out for a milestone; a meeting's title names its kind, as the source gives it"], id='kind-title-names-no-meeting'),
    # an organisation's acronym is the one its texts write after its name, and no other's; a quotation names its
    # organisation or instrument (BL2, BL15, BL16)
    pytest.param('organisations.yml', '  acronym: IOM\n',
                 '  acronym: UNHCR\n',
                 2, ["data/organisations.yml:{line}:12: organisation 'iom', field 'acronym': the texts it cites write IOM in brackets after its name, not 'UNHCR'; give the acronym the sources give it",
                    "data/organisations.yml:{line+11}:12: organisation 'unhcr', field 'acronym': organisation 'iom' has the acronym 'UNHCR' too; give each organisation the acronym the sources give it"], id='acronym-another-organisations'),
    pytest.param('organisations.yml', '      quote: "the UN Office on Drugs and Crime (UNODC)"\n',
                 '      quote: "The European Commission and the African Union Commission also participate as key partners."\n',
                 1, ["data/organisations.yml:{line}:14: organisation 'unodc', field 'cites[0].quote': the quotation names organisation 'european-commission', and not this one (by 'United Nations Office on Drugs and Crime' or 'UNODC'); quote the words of the source that speak of it"], id='quote-not-naming-its-organisation'),
    # where a document was adopted, said by it and by the event, agrees; a meeting's last day is one its quotations
    # give (BL6, BL17)
    pytest.param('documents/cairo-action-plan.yml', 'adopted_at: cairo-ministerial-2025\n',
                 'adopted_at: rome-2014\n',
                 2, ["data/documents/cairo-action-plan.yml:{line-1}:7: document 'cairo-action-plan', field 'date': the document is dated 9 April 2025, and was adopted at event 'rome-2014', of 2014; give the date of adoption the source gives, or the meeting it was adopted at",
                    "data/documents/cairo-action-plan.yml:{line}:13: document 'cairo-action-plan', field 'adopted_at': event 'cairo-ministerial-2025' lists it as adopted there, and it gives event 'rome-2014'; give the event that adopted it in both places"], id='adopted-at-another-event'),
    pytest.param('events.yml', '  date: 2025-04-09\n  title: Second ministerial',
                 '  date: 2025-04-09\n  until: 2025-04-11\n  title: Second ministerial',
                 1, ["data/events.yml:{line+1}:10: event 'cairo-ministerial-2025', field 'until': 11 April 2025 is not a day its quotations give (9 April 2025); give the last day the source gives, or leave until out for a meeting of one day"], id='until-not-written'),
    # a name given an instrument that is another record's (BL4)
    pytest.param('instruments.yml', '  names_in_record: [Rome Declaration, 2014 Rome Declaration]\n',
                 '  names_in_record: [Rome Declaration, 2014 Rome Declaration, Cairo Ministerial Declaration]\n',
                 1, ["data/instruments.yml:{line}:20: instrument 'rome-declaration', field 'names_in_record': 'Cairo Ministerial Declaration' is the name of document 'cairo-2025'; give only the names the sources give this instrument"], id='names-in-record-another-records'),
    # a document's or an instrument's kind is one its name names (BL11)
    pytest.param('documents/cairo-2025.yml', 'kind: declaration\n',
                 'kind: action-plan\n',
                 1, ["data/documents/cairo-2025.yml:{line}:7: document 'cairo-2025', field 'kind': it is action-plan, and its name, 'Cairo Ministerial Declaration', names declaration; give the kind its name names"], id='kind-not-its-names'),
    # who issued a document is named in a quotation it cites, not only somewhere in a cited text (BL1)
    pytest.param('documents/cairo-2025.yml', 'issued_by: [Khartoum Process]\n',
                 'issued_by: [Egypt Daily News]\n',
                 1, ["data/documents/cairo-2025.yml:{line}:12: document 'cairo-2025', field 'issued_by': 'Egypt Daily News' is not named in a quotation the document cites; quote the source's words that say who issued it, or leave issued_by out"], id='issuer-not-quoted'),
    # two sources at one address with nothing that tells two readings of it apart: one page shown as two (BL12)
    pytest.param('sources.yml', '  url: https://www.eeas.europa.eu/\n',
                 '  url: https://www.consilium.europa.eu/media/21839/action_plan_en.pdf/\n',
                 1, ["data/sources.yml:{line}:8: source 'eeas', field 'url': source 'jvap' (data/sources.yml:{line-16}) has the same url, and no date tells the two apart (date, not_before, accessed), nor a text of each (file); cite source 'jvap' for both, with a locator each; for two copies of a page that changes, give the day each was read (accessed) or the earliest day of each"], id='url-of-another-source-read-alike'),
    # ... written otherwise: http for https, without www., with the scheme's port, doubled slashes (D7-15)
    pytest.param('sources.yml', '  url: https://www.eeas.europa.eu/\n',
                 '  url: http://consilium.europa.eu.:443//media/21839/%61ction_plan_en.pdf\n',
                 1, ["data/sources.yml:{line}:8: source 'eeas', field 'url': source 'jvap' (data/sources.yml:{line-16}) has the same url, and no date tells the two apart (date, not_before, accessed), nor a text of each (file); cite source 'jvap' for both, with a locator each; for two copies of a page that changes, give the day each was read (accessed) or the earliest day of each"], id='url-of-another-source-written-otherwise'),
]


def expected_messages(copy: DataCopy, line: int, messages: list[str]) -> list[str]:
    """A ``CORPUS`` entry's messages with ``{line}``, ``{line+N}``, ``{line-N}`` and ``{unhcr}`` filled in."""
    def fill(match: re.Match[str]) -> str:
        sign, number = match.group(1), match.group(2)
        return str(line + (int(number) if sign == "+" else -int(number)) if sign else line)

    unhcr = copy.line_of("organisations.yml", "- id: unhcr")
    return [re.sub(r"\{line(?:([+-])(\d+))?\}", fill, m).replace("{unhcr}", str(unhcr)) for m in messages]


# --- Odd files on disk, guards that cannot be read, YAML that reads other than it looks ----------------
# Each setup breaks a copy of the real data and returns the expected messages; all run through
# `khartoum-site check` and through the MkDocs build, and each must end in one clear line, never a
# traceback or a hang.

SEED_0 = "seeds/000_bae4d5675d70ab5e.txt"
SEED_1 = "seeds/001_b05cad6fe5c97c15.txt"
FILE_IS = "not a plain file; replace it with a plain file, or remove it"


def _replace_path(copy: DataCopy, name: str, make: Callable[[Path], None]) -> None:
    path = copy.data / name
    path.unlink()
    make(path)


def _manifest_missing(copy: DataCopy) -> list[str]:
    (copy.data / "published.json").unlink()
    return ["data/published.json:1:1: the manifest of published URLs is missing, so no build can tell whether a "
            "published link would break; restore it from version control, or on a new site create it with "
            "`khartoum-site manifest`"]


def _manifest_folder(copy: DataCopy) -> list[str]:
    _replace_path(copy, "published.json", Path.mkdir)
    return [f"data/published.json:1:1: this is a folder, {FILE_IS}"]


def _manifest_truncated(copy: DataCopy) -> list[str]:
    (copy.data / "published.json").write_text('{"ids": {"states/austria": ', encoding="utf-8")
    return ["data/published.json:1:28: not valid JSON: Expecting value"]


def _manifest_entry(copy: DataCopy) -> list[str]:
    (copy.data / "published.json").write_text('{"ids": {"states/austria": {"kind": "state"}}}', encoding="utf-8")
    return ["data/published.json:1:1: published id 'states/austria': expected {\"kind\": \"…\", \"urls\": [\"…\"]}, "
            "found {\"kind\": \"state\"}; the file was edited by hand: restore it from version control"]


def _manifest_not_utf8(copy: DataCopy) -> list[str]:
    (copy.data / "published.json").write_bytes(b'{"ids": {"caf\xe9": 1}}')
    return ["data/published.json:1:14: the file is not UTF-8 text (the byte 0xE9 here is not UTF-8); save it as UTF-8"]


def _geo_missing(copy: DataCopy) -> list[str]:
    (copy.data / "geo" / "countries.geojson").unlink()
    return ["data/geo/countries.geojson:1:1: the file does not exist"]


def _geo_truncated(copy: DataCopy) -> list[str]:
    (copy.data / "geo" / "countries.geojson").write_text('{"type": "FeatureCollection", "features": [',
                                                       encoding="utf-8")
    return ["data/geo/countries.geojson:1:44: not valid GeoJSON: Expecting value"]


def _geo_no_code(copy: DataCopy) -> list[str]:
    (copy.data / "geo" / "countries.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"properties": {"name": "X"}, '
        '"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}}]}', encoding="utf-8")
    return ["data/geo/countries.geojson:1:1: expected a GeoJSON FeatureCollection whose features each have the "
            "properties 'name' and 'iso_a3' and a Polygon or MultiPolygon geometry; feature 1 is not "
            "(KeyError: 'iso_a3')"]


def _source_not_utf8(copy: DataCopy) -> list[str]:
    path = copy.data / SEED_0
    line = path.read_bytes().count(b"\n") + 1
    with path.open("ab") as f:
        f.write(b"caf\xe9\n")
    return [f"data/sources.yml:8:9: source 'announcement', field 'file': its text data/{SEED_0}, line {line}: "
            "the file is not UTF-8 text (the byte 0xE9 here is not UTF-8); save it as UTF-8"]


def _source_folder(copy: DataCopy) -> list[str]:
    _replace_path(copy, SEED_0, Path.mkdir)
    return [f"data/sources.yml:8:9: source 'announcement', field 'file': its text data/{SEED_0}: this is a folder, "
            f"{FILE_IS}"]


def _source_dev_zero(copy: DataCopy) -> list[str]:
    _replace_path(copy, SEED_1, lambda p: p.symlink_to("/dev/zero"))
    line = (copy.data / "sources.yml").read_text(encoding="utf-8").splitlines().index(f"  file: {SEED_1}") + 1
    return [f"data/sources.yml:{line}:9: source 'outcome-report', field 'file': its text data/{SEED_1}: this is a "
            "symbolic link to '/dev/zero', which is outside the data folder; put the file itself here instead of "
            "a link"]


def _data_fifo(copy: DataCopy) -> list[str]:
    os.mkfifo(copy.data / "documents" / "pipe.yml")
    return [f"data/documents/pipe.yml:1:1: this is a named pipe (FIFO), {FILE_IS}"]


def _data_dangling(copy: DataCopy) -> list[str]:
    _replace_path(copy, "states.yml", lambda p: p.symlink_to("gone.yml"))
    return ["data/states.yml:1:1: this is a symbolic link to 'gone.yml', which does not exist; put the file "
            "itself here, or remove the link"]


def _data_dev_zero(copy: DataCopy) -> list[str]:
    _replace_path(copy, "topics.yml", lambda p: p.symlink_to("/dev/zero"))
    return ["data/topics.yml:1:1: this is a symbolic link to '/dev/zero', which is outside the data folder; put "
            "the file itself here instead of a link"]


def _data_folder(copy: DataCopy) -> list[str]:
    (copy.data / "documents" / "extra.yml").mkdir()
    return [f"data/documents/extra.yml:1:1: this is a folder, {FILE_IS}"]


def _data_outside(copy: DataCopy) -> list[str]:
    outside = copy.root / "elsewhere.yml"
    (copy.data / "organisations.yml").rename(outside)
    (copy.data / "organisations.yml").symlink_to(outside)
    return [f"data/organisations.yml:1:1: this is a symbolic link to '{outside}', which is outside the data "
            "folder; put the file itself here instead of a link"]


def _yaml_octal(copy: DataCopy) -> list[str]:
    line = copy.replace("documents/cairo-2025.yml", "    number: 12\n", "    number: 012\n")
    return [f"data/documents/cairo-2025.yml:{line}:13: '012' would be read as the octal number 10; write a number "
            'as plain decimal digits, without a leading zero, or put it in quotes ("012") if it is text']


def _yaml_base_60(copy: DataCopy) -> list[str]:
    line = copy.replace("documents/cairo-2025.yml", "    number: 12\n", "    number: 1:05\n")
    return [f"data/documents/cairo-2025.yml:{line}:13: '1:05' would be read as the base-60 number 65; write a "
            'number as plain decimal digits, without a leading zero, or put it in quotes ("1:05") if it is text']


def _yaml_deep(copy: DataCopy) -> list[str]:
    line = copy.replace("states.yml", "  region: eu-member-state\n",
                        "  region: eu-member-state\n  notes: " + "[" * 1000 + "x" + "]" * 1000 + "\n")
    return [f"data/states.yml:{line + 1}:40: the data is nested more than 32 levels deep here; data files need "
            "only a few levels of lists and mappings (look for stray '[', '{' or '-')"]


FILE_CORPUS = [pytest.param(setup, id=setup.__name__.strip("_").replace("_", "-")) for setup in (
    _manifest_missing, _manifest_folder, _manifest_truncated, _manifest_entry, _manifest_not_utf8,
    _geo_missing, _geo_truncated, _geo_no_code, _source_not_utf8, _source_folder, _source_dev_zero,
    _data_fifo, _data_dangling, _data_dev_zero, _data_folder, _data_outside, _yaml_octal, _yaml_base_60, _yaml_deep,
)]
