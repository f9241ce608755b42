"""`khartoum-site check`, run in-process: the summary of valid data, and every problem as fields for tools."""

from __future__ import annotations

import json
import re

import pytest
from helpers import DataCopy

from khartoum_site.adapters.cli import main


@pytest.mark.usefixtures("data_copy")
def test_check_reports_valid_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == ("The data is valid: 8 sources, 40 states, 8 organisations, 12 instruments and processes, "
                           "16 topics, 10 events, 2 documents, 28 paragraphs, 0 memberships, 0 chairs, 0 seats, "
                           "0 other states.")
    assert err == ""


@pytest.mark.usefixtures("data_copy")
def test_check_json_reports_valid_data_with_its_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"ok": True, "problems": [], "counts": {
        "sources": 8, "states": 40, "organisations": 8, "instruments": 12, "topics": 16, "events": 10, "documents": 2,
        "paragraphs": 28, "memberships": 0, "chairs": 0, "committee": 0, "others": 0}, "notices": []}


def test_check_counts_a_collection_added_to_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary follows ``COLLECTIONS``: a collection added there is counted with no change to ``check``."""
    from khartoum_site.adapters.cli import check_counts
    from khartoum_site.record import model

    meetings = model.Collection("meetings", model.Event, None, "Meetings", "Meetings")
    monkeypatch.setattr(model, "COLLECTIONS", (*model.COLLECTIONS, meetings))
    monkeypatch.setitem(model.COLLECTION, "meetings", meetings)
    record = model.Record(meetings={"a": object(), "b": object()})
    assert ("meetings", 2, "meetings") in check_counts(record)


def test_check_json_lists_every_problem(data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    line = data_copy.replace("organisations.yml", "kind: regional-organisation", "kind: regional")
    assert main(["check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    expected = ("one of 'eu-institution', 'au-institution', 'regional-organisation', 'international-organisation', "
                "'un-entity'")
    assert report["problems"] == [{  # the parts as fields for tools, and the sentence an editor reads
        "file": "data/organisations.yml", "line": line, "column": 9, "entry": "organisation 'igad'", "field": "kind",
        "expected": expected, "found": "'regional'", "hint": "did you mean 'regional-organisation'?", "detail": "",
        "message": f"expected {expected}, found 'regional'; did you mean 'regional-organisation'?",
    }]


def test_check_of_another_data_folder(data_copy: DataCopy, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """--data-dir is read from where the command runs; the messages name the files as given."""
    elsewhere = data_copy.root / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    line = data_copy.replace("states.yml", 'iso2: "NO"', "iso2: NO")
    assert main(["check", "--data-dir", "../data"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "The data has 1 problem; nothing was built:",
        f"  ../data/states.yml:{line}:9: state 'norway', field 'iso2': expected an ISO 3166-1 alpha-2 code "
        "(two capital letters), found the boolean false"]


def test_check_lists_a_bad_id_before_the_references_it_broke(data_copy: DataCopy,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt id makes every reference to it unknown: the cause comes first, whatever its file's name."""
    line = data_copy.replace("states.yml", "- id: austria\n", "- id: \u0430ustria\n")  # U+0430, a Cyrillic a
    assert main(["check"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[1].startswith(f"  data/states.yml:{line}:7: state '\u0430ustria', field 'id':")
    assert lines[2] == "  Found across files (some may follow from a problem above; fix those first):"
    rest = lines[3:]
    assert rest  # references to 'austria' in other files, each unknown now
    assert all("unknown state id 'austria'" in later for later in rest)


def test_check_lists_at_most_the_cap_of_one_file_and_counts_the_rest(
        data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    """A file of thousands of broken entries gives a report of bounded size, in text and in JSON."""
    from khartoum_site.record.problems import MAX_PER_FILE

    entries = MAX_PER_FILE * 3
    (data_copy.data / "topics.yml").write_text("- {}\n" * entries, encoding="utf-8")
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    topics = [line for line in err if line.startswith("  data/topics.yml:")]
    assert len(topics) == MAX_PER_FILE + 1  # the listed ones, and the count of the rest
    head = re.fullmatch(r"The data has (\d+) problems; nothing was built:", err[0])
    assert head is not None
    rest = re.fullmatch(r"  data/topics\.yml: (\d+) more problems not listed \(at most (\d+) of a file are\); "
                        r"fix those listed and check again", topics[-1])
    assert rest is not None
    assert int(rest.group(2)) == MAX_PER_FILE
    assert int(rest.group(1)) >= entries - MAX_PER_FILE  # every entry has at least one problem
    listed = [line for line in err if re.match(r"  \S+:\d+:\d+: ", line)]
    assert int(head.group(1)) == len(listed) + int(rest.group(1))
    assert main(["check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert sum(p["file"] == "data/topics.yml" for p in report["problems"]) == MAX_PER_FILE
    assert report["not_listed"] == {"data/topics.yml": int(rest.group(1))}


@pytest.mark.parametrize("forged", ["##vso[task.logissue type=error]forged", "see ##[error]forged", "###[x"])
def test_check_json_carries_no_ci_command_in_a_line(data_copy: DataCopy, capsys: pytest.CaptureFixture[str],
                                                    forged: str) -> None:
    """An attack set a topic's kind to an Azure Pipelines command (``##vso[``, read anywhere in a log line) and
    GitHub's older ``##[error]`` form: `check --format json` wrote it as it was. A JSON reader still reads the
    value exactly; a CI agent finds no command in any line."""
    data_copy.replace("topics.yml", "\n  kind: jvap-domain", f"\n  kind: {json.dumps(forged)}")  # the first topic
    assert main(["check", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "##" not in out
    found = [p["found"] for p in json.loads(out)["problems"] if p.get("field") == "kind"]
    assert found == [repr(forged)]


def test_check_reads_the_data_folder_the_build_reads(data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    """An attack's W18: mkdocs.yml gave the plugin another data_dir, which `build` read and `check` did not (it read
    data/, and said the data was valid)."""
    (data_copy.root / "docs").mkdir()
    (data_copy.root / "mkdocs.yml").write_text("site_name: A test\ntheme:\n  name: material\nplugins:\n"
                                               "  - khartoum:\n      data_dir: records\n", encoding="utf-8")
    line = data_copy.replace("states.yml", 'iso2: "NO"', "iso2: NO")
    data_copy.data.rename(data_copy.root / "records")
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "The data has 1 problem; nothing was built:",
        f"  records/states.yml:{line}:9: state 'norway', field 'iso2': expected an ISO 3166-1 alpha-2 code "
        "(two capital letters), found the boolean false"]


def test_a_folder_with_none_of_the_data_files_is_one_problem(data_copy: DataCopy,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An attack's W18: a data_dir set to /etc listed each of its files as an unknown data file."""
    (data_copy.root / "settings").mkdir()
    (data_copy.root / "settings" / "hosts.conf").write_text("127.0.0.1 localhost\n", encoding="utf-8")
    assert main(["check", "--data-dir", "settings"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "The data has 1 problem; nothing was built:", err
    assert err[1].startswith("  settings:1:1: this folder holds none of the record's data files (sources.yml, "), err
    assert err[1].endswith("): give the data folder, the one that holds states.yml and the other data files"), err


def test_a_data_folder_outside_is_named_as_given(data_copy: DataCopy, tmp_path_factory: pytest.TempPathFactory,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A twenty-seventh attack's Q13: ``data_dir: /etc`` was named ../../../etc in the message."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "hosts.conf").write_text("127.0.0.1 localhost\n", encoding="utf-8")
    (data_copy.root / "docs").mkdir()
    (data_copy.root / "mkdocs.yml").write_text("site_name: A test\ntheme:\n  name: material\nplugins:\n"
                                               f"  - khartoum:\n      data_dir: {elsewhere}\n", encoding="utf-8")
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[1].startswith(f"  {elsewhere}:1:1: this folder holds none of the record's data files ("), err


def test_a_relative_tag_in_the_settings_is_said_in_words(data_copy: DataCopy,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A twenty-seventh attack's Q17: ``data_dir: !relative ...`` was answered with Python's class names."""
    (data_copy.root / "docs").mkdir()
    (data_copy.root / "mkdocs.yml").write_text("site_name: A test\ntheme:\n  name: material\nplugins:\n"
                                               "  - khartoum:\n      data_dir: !relative $config_dir/data\n",
                                               encoding="utf-8")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "option 'data_dir': expected text, found a path tagged !relative, which this option does not read " \
           "(write the folder as plain text); the data folder is named in these settings: mend them, or give the " \
           "folder with --data-dir." in err, err
    assert "class" not in err, err
    assert "Placeholder" not in err, err


def test_a_site_url_from_the_environment_is_said_with_its_variable(data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """An attack's BE2: a SITE_URL holding a space stopped check with a message about mkdocs.yml's site_url, where the
    editor finds only `!ENV SITE_URL`; and `check --format json` wrote nothing on its output for a tool to read."""
    (data_copy.root / "docs").mkdir()
    (data_copy.root / "mkdocs.yml").write_text("site_name: A test\nsite_url: !ENV SITE_URL\ntheme:\n  name: material\n"
                                               "plugins:\n  - khartoum\n", encoding="utf-8")
    monkeypatch.setenv("SITE_URL", "https://x.org/a b/")
    assert main(["check", "--format", "json"]) == 1
    captured = capsys.readouterr()
    said = json.loads(captured.out)
    assert said["ok"] is False
    assert said["settings"].endswith(
        "mkdocs.yml: site_url, read from the environment variable SITE_URL, holds characters an address cannot carry "
        "as they are (a space, a quote, an angle bracket, a non-ASCII letter): percent-encode them; it is "
        "'https://x.org/a b/'; nothing was checked: mend the settings, and check again"), said
    assert captured.err.strip() == said["settings"]
