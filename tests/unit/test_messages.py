"""Messages that data cannot forge: every value a message quotes is shown on one line, inert on a terminal
and in a CI log (``escape.terminal_text``); bidirectional controls are refused in names; a reader that
stops reading (``| head -1``) ends the output quietly, with the command's usual status."""

from __future__ import annotations

import io
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from helpers import JINJA_TRACEBACK, DataCopy
from hypothesis import given
from hypothesis import strategies as st

from khartoum_site.adapters import publish
from khartoum_site.adapters.cli import main
from khartoum_site.escape import BIDI_CONTROLS, terminal_text
from khartoum_site.record.problems import Problem

# What a CI system reads as its own command in a log line: GitHub Actions (after leading spaces), Azure
# Pipelines and TeamCity (anywhere in the line).
GITHUB_COMMAND = re.compile(r"^\s*::")
OTHER_CI_COMMAND = re.compile(r"##[A-Za-z]*\[")


# Characters a terminal shows as nothing: Unicode's default-ignorable code points (DerivedCoreProperties.txt)
# and the byte-order mark; an attack spelt hidden commands with tag characters and variation selectors.
INVISIBLE = "".join(chr(c) for first, last in [
    (0xAD, 0xAD), (0x34F, 0x34F), (0x61C, 0x61C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    # format characters that show nothing of their own, the Braille blank, private use and noncharacters: a
    # tenth attack hid each in a name that still read "United Kingdom"
    (0x600, 0x605), (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2), (0x2800, 0x2800),
    (0xE000, 0xF8FF), (0xFDD0, 0xFDEF), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
    (0x16FE4, 0x16FE4), (0x1D159, 0x1D159),
    (0xF0000, 0x10FFFF)] for c in range(first, last + 1))


def inert(line: str) -> bool:
    """One line a terminal shows as it is written and no CI system reads as a command."""
    return (not any(unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in BIDI_CONTROLS or c in INVISIBLE
                    for c in line)
            and not GITHUB_COMMAND.match(line) and not OTHER_CI_COMMAND.search(line))


@pytest.mark.parametrize(("value", "shown"), [
    ("plain: text, 'quoted' — Ünïcode", "plain: text, 'quoted' — Ünïcode"),
    ("red \x1b[31mtext", "red \\x1b[31mtext"),
    ("title \x1b]0;owned\x07", "title \\x1b]0;owned\\x07"),
    ("C1 \x9b2J", "C1 \\x9b2J"),
    ("two\nlines\r\n", "two\\x0alines\\x0d\\x0a"),
    ("tab\there", "tab\\x09here"),
    ("abc\u202edef", "abc\\u202edef"),
    ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
    ("line\u2028separator", "line\\u2028separator"),
    ("Eg\u200bypt", "Eg\\u200bypt"),
    ("name\U000e0072\U000e006d", "name\\U000e0072\\U000e006d"),
    ("flag\ufe0f\U000e0100\u00ad\u3164", "flag\\ufe0f\\U000e0100\\xad\\u3164"),
    ("United\u2800Kingdom", "United\\u2800Kingdom"),
    ("x\ue000 \U000f0000 \ufdd0", "x\\ue000 \\U000f0000 \\ufdd0"),
    ("\u0600\U00013430\U000110bd", "\\u0600\\U00013430\\U000110bd"),
    # by category: format, private-use and unassigned characters and noncharacters (eleventh attack)
    ("x\U0001fffe\u0378\U000effff\U00016fe4", "x\\U0001fffe\\u0378\\U000effff\\U00016fe4"),
    ("::error file=x::forged", "\\x3a:error file=x::forged"),
    ("  ::warning::forged", "  \\x3a:warning::forged"),
    ("a::b stays", "a::b stays"),
    (": one colon stays", ": one colon stays"),
    ("x ##vso[task.complete result=Failed]", "x \\x23#vso[task.complete result=Failed]"),
    ("##[error]forged", "\\x23#[error]forged"),
    ("##teamcity[buildStatus status='FAILURE']", "\\x23#teamcity[buildStatus status='FAILURE']"),
])
def test_terminal_text_table(value: str, shown: str) -> None:
    assert terminal_text(value) == shown


@given(st.text())
def test_terminal_text_is_one_inert_line_whatever_the_value(value: str) -> None:
    shown = terminal_text(value)
    assert len(shown.splitlines()) <= 1
    assert inert(shown)
    assert inert(terminal_text("  data/x.yml:1:1: " + value))  # and so is a message quoting it
    assert terminal_text(shown) == shown  # a line escaped once passes through again unchanged


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn"),
                                      blacklist_characters=BIDI_CONTROLS + INVISIBLE + ":#")))
def test_text_without_anything_to_escape_is_unchanged(value: str) -> None:
    assert terminal_text(value) == value


def test_a_problem_is_one_inert_line() -> None:
    problem = Problem("data/x.yml", 3, 5, "state 'a\x1b[2Jb'", "na\nme", expected="text",
                      found="'\u202e::error::x'", detail="\n::error::forged")
    line = str(problem)
    assert line.splitlines() == [line]
    assert inert(line)
    assert "\\x1b[2J" in line
    assert "\\u202e" in line
    assert problem.as_dict()["entry"] == "state 'a\x1b[2Jb'"  # tools get the value itself (JSON escapes it)


def plant(data_copy: DataCopy) -> dict[str, int]:
    """Values that write to the terminal and forge CI lines, planted where check quotes them; their lines."""
    return {
        "key": data_copy.replace("organisations.yml", "  name: European Commission\n",
                                 '  name: European Commission\n  "k\\e[31m\\n::error::forged-key": 1\n'),
        "kind": data_copy.replace("organisations.yml", "  kind: regional-organisation\n",
                                  '  kind: "regional\\e]0;title\\a\\n::error file=a::forged"\n'),
        "name": data_copy.replace("organisations.yml", "  name: Intergovernmental Authority on Development\n",
                                  '  name: "Intergovernmental \\u202eAuthority on Development"\n'),
        "ref": data_copy.replace("organisations.yml", "    - source: outcome-report\n",
                                 '    - source: "outcome\\u2028##vso[task.complete]\\u2066"\n'),
    }


def test_check_shows_planted_values_inert_and_each_problem_on_one_line(
        data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    lines = plant(data_copy)
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    report = err.splitlines()
    assert report[0].startswith("The data has ")
    assert all(line.startswith("  data/") for line in report[1:]), report
    assert all(inert(line) for line in report), report
    by_line = {int(line.split(":")[1]): line for line in report[1:] if line.startswith("  data/organisations.yml:")}
    assert "field 'k\\x1b[31m\\x0a::error::forged-key'" in by_line[lines["key"] + 1]  # ESC, the break, shown
    assert "field 'kind'" in by_line[lines["kind"]]


def test_a_bidirectional_control_in_a_name_is_refused_with_the_field_named(
        data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    line = plant(data_copy)["name"]
    assert main(["check"]) == 1
    problem = next(p for p in capsys.readouterr().err.splitlines() if f"organisations.yml:{line}:" in p)
    assert problem == (f"  data/organisations.yml:{line}:9: organisation 'igad', field 'name': expected text, found "
                       "the bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) after "
                       "'…Intergovernmental'; remove it: it reorders how the text is shown (most editors do not "
                       "show it)")


def test_check_json_keeps_the_values_as_json_escapes(data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    plant(data_copy)
    assert main(["check", "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert out.isascii()
    assert all(inert(line) for line in out.splitlines())
    fields = {p["field"] for p in json.loads(out)["problems"]}
    assert "k\x1b[31m\n::error::forged-key" in fields  # the value itself, for tools


@pytest.mark.parametrize("args", [["check", "--format", "json"], ["check"]])
@pytest.mark.parametrize("bad", [False, True])
def test_a_reader_that_stops_reading_ends_the_output_quietly(
        data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch, args: list[str], bad: bool) -> None:
    """`khartoum-site check --format json | head -1`: no BrokenPipeError, and the status check would give."""
    if bad:
        plant(data_copy)
    read, write = os.pipe()
    os.close(read)  # the reader has gone: every write raises BrokenPipeError (Python ignores SIGPIPE)
    closed = io.TextIOWrapper(io.FileIO(write, "w"), write_through=True)
    monkeypatch.setattr(sys, "stdout", closed)
    monkeypatch.setattr(sys, "stderr", closed)
    status = main(args)
    try:
        closed.write("x" * 100_000)  # what is left goes to the null device now
        closed.flush()
        assert status == (1 if bad else 0)
    finally:
        closed.close()


def test_the_engines_lines_are_relayed_inert_without_their_colours() -> None:
    out = io.StringIO()
    relay = publish._Relay(out)
    relay.feed("\x1b[33m │  Material notice\x1b[0m\n")
    relay.feed("WARNING -  Doc file 'a.md' links to 'x\x1b]0;t\x07\u202e'\n")
    relay.feed("::error::forged\n")
    assert out.getvalue().splitlines() == [" │  Material notice", "WARNING -  Doc file 'a.md' links to "
                                           "'x\\x1b]0;t\\x07\\u202e'", "\\x3a:error::forged"]


def test_a_full_disk_under_the_output_fails_the_command_with_one_line(data_copy: DataCopy,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`khartoum-site check --format json > /dev/full`: the output is lost, so the command says so on stderr
    and ends with status 1, never 0 over a file left empty."""
    full = io.TextIOWrapper(io.FileIO("/dev/full", "w"), write_through=True)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", full)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        assert main(["check", "--format", "json", "--data-dir", str(data_copy.data)]) == 1
    finally:
        full.close()
    assert err.getvalue() == "khartoum-site: the output could not be written: No space left on device\n"


def test_messages_lost_on_a_full_stderr_leave_the_status_as_it_is(data_copy: DataCopy,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`khartoum-site build 2>/dev/full` published the site and ended with status 1, which says nothing was
    published: only the command's own output (stdout) decides the status when it is lost."""
    full = io.TextIOWrapper(io.FileIO("/dev/full", "w"), write_through=True)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", full)
    try:  # `check` writes its verdict to stdout and its notices to stderr only when stdout is a terminal; here:
        assert main(["check", "--data-dir", str(data_copy.data)]) == 0
        data_copy.replace("events.yml", "  date: 2014\n", "  date: 2014-00-28\n", count=1)
        assert main(["check", "--data-dir", str(data_copy.data)]) == 1  # its problems lost, the status kept
    finally:
        full.close()
    assert out.getvalue().startswith("The data is valid")


def test_a_closed_output_is_not_a_traceback(data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """`khartoum-site check >&-`: Python gives no stream at all; the check still runs and says its status."""
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["check", "--format", "json", "--data-dir", str(data_copy.data)]) == 0


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"]], ids=["tool", "command"])
def test_help_onto_a_full_disk_fails_with_one_line(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`khartoum-site --help > /dev/full`: argparse's own printing ignores the failed write; ours says it."""
    full = io.TextIOWrapper(io.FileIO("/dev/full", "w"), write_through=True)
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", full)
    monkeypatch.setattr(sys, "stderr", err)
    try:
        with pytest.raises(SystemExit) as ended:
            main(argv)
    finally:
        full.close()
    assert ended.value.code == 1
    assert err.getvalue() == "khartoum-site: the output could not be written: No space left on device\n"


def test_help_is_written_whole_and_ends_with_status_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["check", "--help"])
    assert ended.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: khartoum-site check")
    assert out.endswith("  khartoum-site check --format json --data-dir data\n")


# --- a seventh attack: a terminal that cannot carry a character, Ctrl-C, the server's own lines ---------------

def test_a_terminal_that_cannot_carry_a_character_gets_an_escape_not_a_traceback(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``PYTHONIOENCODING=ascii khartoum-site check`` ended in UnicodeEncodeError on the real data's notices."""
    from khartoum_site.adapters import cli
    raw = io.BytesIO()
    ascii_terminal = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stderr", ascii_terminal)
    def check(_args: object) -> int:
        cli._say("the list (“Named among the participants”)")
        return 0

    monkeypatch.setattr(cli, "cmd_check", check)
    assert main(["check"]) == 0
    ascii_terminal.flush()
    assert raw.getvalue().decode("ascii") == "the list (\\u201cNamed among the participants\\u201d)\n"


def test_ctrl_c_ends_a_command_with_a_line_and_status_130(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from khartoum_site.adapters import cli

    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_generate", interrupted)
    assert main(["generate", "somewhere"]) == 130
    out, err = capsys.readouterr()
    assert (out, err) == ("", "Interrupted (Ctrl-C): the command stopped before it finished.\n")


def test_running_out_of_memory_ends_a_command_with_a_line(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A twelfth attack's docs folder held pages of hundreds of megabytes: the build's link check ran out of memory
    and the user read Python's traceback."""
    from khartoum_site.adapters import cli

    def exhausted(_args: object) -> int:
        raise MemoryError

    monkeypatch.setattr(cli, "cmd_generate", exhausted)
    assert main(["generate", "somewhere"]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", "The command stopped: it ran out of memory (look for very large files among those it "
                              "reads, or for YAML aliases in mkdocs.yml that repeat a value many times over).\n")


def test_an_error_no_check_foresaw_ends_a_command_with_a_line(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A twentieth attack: a state's code the map could not place passed check and ended generate in a traceback
    (the check now refuses it; this is the net for the next one)."""
    from khartoum_site.adapters import cli

    def failing(_args: object) -> int:
        raise ValueError("state 'austria' (ZZZ): no shape in the map data and no marker\x1b[2J")

    monkeypatch.setattr(cli, "cmd_generate", failing)
    assert main(["generate", "somewhere"]) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", "The command stopped on an error it did not foresee: ValueError: state 'austria' (ZZZ): "
                              "no shape in the map data and no marker\\x1b[2J. Nothing was published half-made. If "
                              "the data and settings look right, report this line with the command you ran.\n")
    monkeypatch.setenv("KHARTOUM_SITE_TRACEBACK", "1")
    with pytest.raises(ValueError, match="no marker"):
        main(["generate", "somewhere"])


def test_the_server_s_own_lines_reach_the_terminal_inert_and_without_a_traceback(tmp_path: Path) -> None:
    """``serve`` passed MkDocs' lines through as they were: a value of mkdocs.yml wrote an escape sequence and a
    forged CI annotation, and a request for ``/%00`` printed the server's traceback."""
    from khartoum_site.adapters import engines
    server_read, server_write = os.pipe()
    os.write(server_write, b"".join([
        b"ERROR   -  Config value 'plugins': the path 'x\x1b[31mred\n",
        b"::error file=a::forged' isn't an existing directory.\n",
        b"ERROR   -  500 Internal Server Error\n",
        b"Traceback (most recent call last):\n",
        b'  File "mkdocs/livereload/__init__.py", line 305, in _serve_request\n',
        b"    raise ValueError\n",
        b"ValueError: embedded null byte\n",
        b"INFO    -  Serving on http://127.0.0.1:8000/ \xff\n",
    ]))
    os.close(server_write)
    terminal = tmp_path / "terminal"
    with open(terminal, "wb") as stream:
        engines._relay(os.fdopen(server_read, "rb"), stream.fileno())
    lines = terminal.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    assert all(inert(line) for line in lines), lines
    assert not any("Traceback" in line or "File " in line for line in lines), lines
    assert "(the server's traceback left out) ValueError: embedded null byte" in lines
    assert lines[0].startswith("ERROR   -  Config value 'plugins': the path 'x")
    assert lines[-2].startswith("INFO    -  Serving on http://127.0.0.1:8000/")


def test_the_server_s_traceback_through_a_template_is_left_out_whole(tmp_path: Path) -> None:
    """A fifteenth attack: serve printed "(the server's traceback left out) ^^^^^^^^^^^^^^^^^^^" and then the frames
    after the carets under a template's line, down to the exception."""
    from khartoum_site.adapters import engines
    server_read, server_write = os.pipe()
    error = b"ERROR   -  Error building page 'fm.md': argument of type 'int' is not iterable\n"
    os.write(server_write, b"".join([error, *(line.encode() for line in JINJA_TRACEBACK),
                                     b"INFO    -  Serving on http://127.0.0.1:8000/\n"]))
    os.close(server_write)
    terminal = tmp_path / "terminal"
    with open(terminal, "wb") as stream:
        engines._relay(os.fdopen(server_read, "rb"), stream.fileno())
    assert terminal.read_text(encoding="utf-8").split("\n") == [
        "ERROR   -  Error building page 'fm.md': argument of type 'int' is not iterable",
        "(the server's traceback left out) TypeError: argument of type 'int' is not iterable",
        "INFO    -  Serving on http://127.0.0.1:8000/", ""]


def test_a_path_the_system_refuses_ends_a_command_with_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    """A folder name of 300 characters given to check (or generate, linkcheck, build -d, INHERIT) ended in
    Python's "File name too long" traceback (an eighth attack)."""
    assert main(["check", "--data-dir", "x" * 300]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"The command stopped: File name too long: {'x' * 60}…{'x' * 30} (300 characters); check the "
                   "paths given to the command and in mkdocs.yml.\n")


def test_ctrl_c_while_the_command_line_loads_ends_with_the_same_line(monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """An eighth attack: Ctrl-C in the first 0.4 s of any command (Python loading MkDocs, Jinja, YAML) printed a
    traceback. The entry point loads the command line itself and ends with the line a later Ctrl-C gives."""
    import importlib.abc

    from khartoum_site.adapters import start

    class Interrupting(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, *_args: object) -> None:
            if name == "khartoum_site.adapters.cli":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "khartoum_site.adapters.cli")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    assert start.main() == 130
    assert capsys.readouterr() == ("", "Interrupted (Ctrl-C): the command stopped before it finished.\n")


def test_the_engine_s_lines_go_nowhere_when_standard_error_is_closed() -> None:
    """A thirteenth attack ran `build 2>&-`: the relay of the engine's lines wrote to a closed stream (None) and the
    build ended with status 1 and no word."""
    from khartoum_site.adapters import publish

    relay = publish._Relay(None)
    relay.feed("INFO    -  Building documentation...\n")
    relay.feed("Traceback (most recent call last):\n")
    assert relay.held is None  # nothing kept to say later either
