"""The manifest of published URLs (``data/published.json``): what it lists, what it serves, and each way a
published link could break, refused with its fix. Renames built and followed: tests/build/test_links.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import DATA, DataCopy

from khartoum_site.record.model import Record
from khartoum_site.record.problems import DataError
from khartoum_site.record.validate import load_record
from khartoum_site.site import manifest
from khartoum_site.site.manifest import check_published, manifest_for
from khartoum_site.site.references import aliases, entries, redirects


def test_the_committed_manifest_lists_every_current_id(record: Record) -> None:
    committed = json.loads((DATA / "published.json").read_text(encoding="utf-8"))
    current = manifest_for(record)
    missing = sorted(set(current["ids"]) - set(committed["ids"]))
    assert missing == [], "run `khartoum-site manifest` and commit data/published.json"


@pytest.mark.parametrize(("key", "kind", "urls"), [
    ("states/austria", "state", ["states/austria/"]),
    ("organisations/igad", "organisation", ["organisations/igad/"]),
    ("events/rome-2014", "event", ["events/rome-2014/", "timeline/#rome-2014"]),
    ("documents/cairo-2025", "document", ["documents/cairo-2025/"]),
    ("cairo-2025/op-12", "paragraph", ["documents/cairo-2025/op-12/", "documents/cairo-2025/#op-12"]),
    ("sources/outcome-report", "source", ["sources/#source-outcome-report"]),  # a heading on the list of sources
])
def test_the_manifest_lists_each_id_with_its_kind_and_urls(record: Record, key: str, kind: str,
                                                          urls: list[str]) -> None:
    listed = manifest_for(record)["ids"][key]
    assert {k: v for k, v in listed.items() if k != "text"} == {"kind": kind, "urls": urls}
    if kind == "paragraph":  # and the fingerprint of the words published under it
        paragraph = next(p for p in record.paragraphs() if p.key == key)
        assert listed["text"] == paragraph.fingerprint


def test_the_manifest_keeps_every_id_published_before(record: Record) -> None:
    gone = {"kind": "state", "urls": ["states/atlantis/"]}
    changed = {"kind": "state", "urls": ["states/austria/", "somewhere/else/"]}
    ids = manifest_for(record, {"ids": {"states/atlantis": gone, "states/austria": changed}})["ids"]
    assert ids["states/atlantis"] == gone  # never dropped
    assert ids["states/austria"] == changed  # never rewritten
    assert list(ids) == sorted(ids)


def test_the_real_record_serves_every_published_url(record: Record) -> None:
    assert manifest.check(record, DATA / "published.json", "data/published.json", DATA) == []


def test_deleting_a_published_id_without_a_redirect_fails_with_the_fix(data_copy: DataCopy) -> None:
    path = data_copy.data / "documents" / "cairo-2025.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("  - id: op-17")], encoding="utf-8")
    record = load_record(data_copy.data)  # the data alone is fine: the check is against what was published
    with pytest.raises(DataError) as caught:
        check_published(record, data_copy.data)
    line = data_copy.line_of("published.json", '"cairo-2025/op-17":')
    assert [str(p) for p in caught.value.problems] == [
        f"data/published.json:{line}:1: published id 'cairo-2025/op-17': this paragraph was published "
        "(documents/cairo-2025/op-17/, documents/cairo-2025/#op-17) but is no longer in the data. If it was "
        "renamed, add 'op-17' to `former_ids` of the paragraph that replaces it, so its links redirect there. "
        "A published id is never deleted or reused."]


def test_a_published_id_that_now_names_another_kind_fails(data_copy: DataCopy) -> None:
    """Say a document 'states' had a paragraph 'austria': its key was the key the state has now."""
    manifest_file = data_copy.data / "published.json"
    published = json.loads(manifest_file.read_text(encoding="utf-8"))
    published["ids"]["states/austria"] = {"kind": "paragraph", "urls": ["documents/states/austria/"]}
    manifest_file.write_text(json.dumps(published, indent=1), encoding="utf-8")
    line = data_copy.line_of("published.json", '"states/austria":')
    with pytest.raises(DataError) as caught:
        check_published(load_record(data_copy.data), data_copy.data)
    assert [str(p) for p in caught.value.problems] == [
        f"data/published.json:{line}:1: published id 'states/austria': was published as a paragraph but now names "
        "a state ('states/austria'); a published id is never reused for something else: give the new record a "
        "new id."]


def test_a_url_no_longer_served_fails(data_copy: DataCopy) -> None:
    manifest_file = data_copy.data / "published.json"
    published = json.loads(manifest_file.read_text(encoding="utf-8"))
    published["ids"]["states/austria"]["urls"].append("states/austria/old-page/")
    manifest_file.write_text(json.dumps(published, indent=1), encoding="utf-8")
    line = data_copy.line_of("published.json", '"states/austria":')
    with pytest.raises(DataError) as caught:
        check_published(load_record(data_copy.data), data_copy.data)
    assert [str(p) for p in caught.value.problems] == [
        f"data/published.json:{line}:1: published id 'states/austria': its published URL 'states/austria/old-page/' "
        "is no longer served; the URL scheme must not change (khartoum_site/site/urls.py) without redirects."]


def test_renamed_ids_still_serve_every_published_url(data_copy: DataCopy) -> None:
    """The unit half of the build tier's rename test: nothing published is lost, three pages redirect."""
    data_copy.rename("documents/cairo-2025.yml", "op-12", "op-12-return")
    data_copy.rename("states.yml", "czech-republic", "czechia")
    data_copy.rename("events.yml", "rome-2014", "rome-conference-2014")
    data_copy.rename("instruments.yml", "rabat-process", "rabat-process-dialogue")
    record = load_record(data_copy.data)
    check_published(record, data_copy.data)  # raises if a published URL or anchor is no longer served
    moved = {old: entry.key for old, entry in redirects(entries(record), aliases(record)).items()}
    # The old anchors #op-12 (full text) and #rome-2014 (timeline) stay on their pages; the old pages redirect.
    assert moved == {"documents/cairo-2025/op-12/index.html": "cairo-2025/op-12-return",
                     "events/rome-2014/index.html": "events/rome-conference-2014",
                     "states/czech-republic/index.html": "states/czechia",
                     "instruments/rabat-process/index.html": "instruments/rabat-process-dialogue",
                     "topics/return-reintegration/index.html": "topics/jvap-return-readmission-reintegration",
                     # and each source's and topic's page, now a heading on its list
                     **{f"sources/{source}/index.html": f"sources/{source}" for source in record.sources},
                     **{f"topics/{topic}/index.html": f"topics/{topic}" for topic in record.topics}}


def test_a_former_id_cannot_be_reused(data_copy: DataCopy) -> None:
    data_copy.rename("topics.yml", "capacity-building", "capacity-development")
    line = data_copy.replace("topics.yml", "- id: gender-and-age", "- id: capacity-building")
    with pytest.raises(DataError) as caught:
        load_record(data_copy.data)
    problems = [str(p) for p in caught.value.problems]
    former = data_copy.line_of("topics.yml", "former_ids: [capacity-building]")
    assert f"data/topics.yml:{former}:15: topic 'capacity-development', field 'former_ids': 'capacity-building' " \
        f"is the id of the topic at data/topics.yml:{line}; a former id must not be in use" in problems


@pytest.mark.parametrize(("content", "expected"), [
    pytest.param("[]", "x.json:1:1: expected a JSON object with an 'ids' object", id="a-list"),
    pytest.param('{"ids": []}', "x.json:1:1: expected a JSON object with an 'ids' object", id="ids-a-list"),
    pytest.param('{"ids": {}', "x.json:1:11: not valid JSON: Expecting ',' delimiter", id="unclosed"),
    pytest.param('{"ids": {"states/a": {"kind": "state", "urls": "states/a/"}}}',
                 "x.json:1:1: published id 'states/a': expected {\"kind\": \"…\", \"urls\": [\"…\"]}, found "
                 "{\"kind\": \"state\", \"urls\": \"states/a/\"}; the file was edited by hand: restore it from "
                 "version control", id="urls-not-a-list"),
    # A seventh attack: Python's reader raised RecursionError and ValueError (tracebacks in check and manifest).
    pytest.param("[" * 100_000 + "]" * 100_000, "x.json:1:1: not a manifest this tool wrote: it is nested too deeply "
                 "to read; restore it from version control, or run `khartoum-site manifest`", id="nested"),
    pytest.param('{"ids": {}, "n": ' + "1" * 100_001 + "}", "x.json:1:1: not a manifest this tool wrote: it holds a "
                 "value JSON cannot carry; restore it from version control, or run `khartoum-site manifest`",
                 id="a-number-of-100001-digits"),
    pytest.param('{"ids": {}, "n": NaN}', "x.json:1:1: not a manifest this tool wrote: it holds a value JSON cannot "
                 "carry; restore it from version control, or run `khartoum-site manifest`", id="nan"),
    pytest.param('{"ids": {}, "text": "\\ud800"}', "x.json:1:1: not a manifest this tool wrote: it holds a value JSON "
                 "cannot carry; restore it from version control, or run `khartoum-site manifest`",
                 id="a-lone-surrogate"),
    pytest.param('{"ids": {}, "n": 1e999}', "x.json:1:1: not a manifest this tool wrote: it holds a value JSON cannot "
                 "carry; restore it from version control, or run `khartoum-site manifest`", id="a-number-too-large"),
    # a ninth attack: an id without its collection ended check in an IndexError
    pytest.param('{"ids": {"noslash": {"kind": "event", "urls": []}}}', 'x.json:1:1: published id "noslash": expected '
                 'an id written as collection/id, such as "states/austria", found "noslash"; the file was edited by '
                 "hand: restore it from version control", id="an-id-without-its-collection"),
    pytest.param('{"ids": {"events/gone\\u009b2J\\u202e": {"kind": "event", "urls": []}}}', 'x.json:1:1: published id '
                 '"events/gone\\u009b2J\\u202e": expected an id written as collection/id, such as "states/austria", '
                 'found "events/gone\\u009b2J\\u202e"; the file was edited by hand: restore it from version control',
                 id="an-id-holding-control-and-direction-characters"),
    pytest.param('{"ids": {\n "states/a": {"kind": "state", "urls": []},\n "states/a": {"kind": "state", "urls": []}}}',
                 'x.json:3:1: the key "states/a" is written twice; keep one of them, or restore the file from version '
                 "control and run `khartoum-site manifest`", id="a-key-twice"),
])
def test_a_damaged_manifest_is_refused(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    value, problems = manifest.read(path, "x.json", tmp_path)
    assert value is None
    assert [str(p) for p in problems] == [expected]


def test_the_manifest_command_adds_ids_and_never_overwrites_a_damaged_file(tmp_path: Path, record: Record) -> None:
    path = tmp_path / "published.json"
    assert manifest.write(record, path, "published.json") == []  # a new site: created
    assert manifest.count(path) == len(entries(record)) > 100
    path.write_text('{"ids": ', encoding="utf-8")
    problems = manifest.write(record, path, "published.json")
    assert [str(p) for p in problems] == ["published.json:1:9: not valid JSON: Expecting value"]
    assert path.read_text(encoding="utf-8") == '{"ids": '


@pytest.mark.parametrize(("kind", "named"), [("organisation", "an organisation"), ("event", "an event"),
                                             ("instrument", "an instrument"), ("state", "a state"),
                                             ("paragraph", "a paragraph")])
def test_a_kind_is_named_with_its_article(kind: str, named: str) -> None:
    from khartoum_site.site.manifest import _a

    assert _a(kind) == named


def remove_paragraph(copy: DataCopy, ident: str) -> None:
    """Delete a paragraph from the declaration, the way an editor deletes its block of lines."""
    path = copy.data / "documents" / "cairo-2025.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {ident}\n")
    end = text.find("\n  - id: ", start + 1)
    path.write_text(text[:start] + (text[end + 1:] if end != -1 else ""), encoding="utf-8")


def test_a_deleted_paragraph_repaired_as_another_s_former_id_is_refused_where_the_editor_wrote_it(
        data_copy: DataCopy) -> None:
    """The old links of op-17 would lead to the words of op-16: refused at op-16's former_ids, with the fix."""
    remove_paragraph(data_copy, "op-17")
    line = data_copy.replace("documents/cairo-2025.yml", "  - id: op-16\n",
                             "  - id: op-16\n    former_ids: [op-17]\n")
    with pytest.raises(DataError) as caught:
        check_published(load_record(data_copy.data), data_copy.data)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.entry, problem.field) == (
        "data/documents/cairo-2025.yml", line + 1, "paragraph 'op-16'", "former_ids")
    assert "'op-17' was published with another text than this paragraph's" in problem.message
    assert "add 'op-17' to `amends`" in problem.message


def test_an_amendment_marked_as_such_may_take_over_the_former_id(data_copy: DataCopy) -> None:
    remove_paragraph(data_copy, "op-17")
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-16\n",
                      "  - id: op-16\n    former_ids: [op-17]\n    amends: [op-17]\n")
    check_published(load_record(data_copy.data), data_copy.data)


def test_a_renumbering_with_the_same_words_needs_no_mark(data_copy: DataCopy) -> None:
    """op-17 given a new id, its words unchanged: its old links lead to the same text."""
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-17\n",
                      "  - id: op-17-renumbered\n    former_ids: [op-17]\n")
    check_published(load_record(data_copy.data), data_copy.data)


def test_amends_names_only_former_ids(data_copy: DataCopy) -> None:
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-16\n", "  - id: op-16\n    amends: [op-3]\n")
    with pytest.raises(DataError, match="field 'amends': 'op-3' is not one of this paragraph's former_ids"):
        load_record(data_copy.data)


def exchange_ids(copy: DataCopy, first: str, second: str) -> None:
    """Exchange the id lines of two paragraphs of the declaration, their numbers and texts left as they were."""
    path = copy.data / "documents" / "cairo-2025.yml"
    text = path.read_text(encoding="utf-8")
    lines = {f"  - id: {first}\n": f"  - id: {second}\n", f"  - id: {second}\n": f"  - id: {first}\n"}
    path.write_text(re.sub("|".join(map(re.escape, lines)), lambda found: lines[found.group(0)], text),
                    encoding="utf-8")


def taken_by(paragraph: str, other: str, published_line: int) -> str:
    """The message said at a paragraph's id that now stands on the words published under another id."""
    return (f"paragraph '{paragraph}', field 'id': its text is the one published under '{other}' (data/published.json "
            f"line {published_line}), not the one published under '{paragraph}': every link made to '{paragraph}' "
            f"would now lead to the words of '{other}'; put each id back on its own paragraph, or, if a paragraph "
            "truly changed id, give it a new id and list its old one under `former_ids`")


def test_two_paragraph_ids_exchanged_are_refused_at_each_id_with_the_fix(data_copy: DataCopy) -> None:
    """An attack's BL14: op-4 and op-5 exchanged, so the permanent address cairo-2025/op-4 served operative
    paragraph 5. The data alone is valid (each number stayed with its text); the manifest's words are not."""
    exchange_ids(data_copy, "op-4", "op-5")
    record = load_record(data_copy.data)
    with pytest.raises(DataError) as caught:
        check_published(record, data_copy.data)
    now_4 = data_copy.line_of("documents/cairo-2025.yml", "  - id: op-4\n")
    now_5 = data_copy.line_of("documents/cairo-2025.yml", "  - id: op-5\n")
    assert now_5 < now_4  # op-5's id is now on the first of the two paragraphs, operative paragraph 4
    published_4 = data_copy.line_of("published.json", '"cairo-2025/op-4":')
    published_5 = data_copy.line_of("published.json", '"cairo-2025/op-5":')
    assert [str(p) for p in caught.value.problems] == [
        f"data/documents/cairo-2025.yml:{now_5}:9: {taken_by('op-5', 'op-4', published_4)}",
        f"data/documents/cairo-2025.yml:{now_4}:9: {taken_by('op-4', 'op-5', published_5)}"]


def test_a_paragraph_s_id_moved_onto_another_s_words_is_refused(data_copy: DataCopy) -> None:
    """op-4 deleted and op-5 renamed op-4 with op-5 among its former ids: op-5's links lead to its own words, but
    every link made to op-4 would lead to the words of op-5."""
    remove_paragraph(data_copy, "op-4")
    line = data_copy.replace("documents/cairo-2025.yml", "  - id: op-5\n", "  - id: op-4\n    former_ids: [op-5]\n")
    with pytest.raises(DataError) as caught:
        check_published(load_record(data_copy.data), data_copy.data)
    published_5 = data_copy.line_of("published.json", '"cairo-2025/op-5":')
    assert [str(p) for p in caught.value.problems] == [
        f"data/documents/cairo-2025.yml:{line}:9: {taken_by('op-4', 'op-5', published_5)}"]


def test_a_corrected_transcription_keeps_its_id_with_no_mark(data_copy: DataCopy) -> None:
    """A word of op-4 corrected in the source's text and in the paragraph alike: its words are no longer those
    published under op-4, nor those of any other id, and its links lead to the corrected paragraph."""
    seed = "seeds/001_b05cad6fe5c97c15.txt"
    for name in (seed, "documents/cairo-2025.yml"):
        data_copy.replace(name, "burden-sharing in joint efforts", "burden sharing in joint efforts")
    record = load_record(data_copy.data)
    published = json.loads((data_copy.data / "published.json").read_text(encoding="utf-8"))
    [corrected] = [p for p in record.paragraphs() if p.key == "cairo-2025/op-4"]
    assert "burden sharing" in corrected.text
    assert corrected.fingerprint != published["ids"]["cairo-2025/op-4"]["text"]
    check_published(record, data_copy.data)


def test_rewriting_the_manifest_after_an_exchange_keeps_it_refused(data_copy: DataCopy) -> None:
    """`khartoum-site manifest` keeps the words each id was first published with, so running it (as the README
    asks after an edit) cannot make the exchanged ids pass."""
    exchange_ids(data_copy, "op-4", "op-5")
    record = load_record(data_copy.data)
    assert manifest.write(record, data_copy.data / "published.json", "data/published.json") == []
    with pytest.raises(DataError) as caught:
        check_published(record, data_copy.data)
    published_4 = data_copy.line_of("published.json", '"cairo-2025/op-4":')
    assert [(p.entry, p.field) for p in caught.value.problems] == [("paragraph 'op-5'", "id"),
                                                                  ("paragraph 'op-4'", "id")]
    assert taken_by("op-5", "op-4", published_4) in str(caught.value.problems[0])
