"""Odd files on disk and odd YAML: each gives one exact message, promptly, never a traceback or a hang."""

from __future__ import annotations

import datetime
import errno
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from khartoum_site.record import loader
from khartoum_site.record.files import read_bytes, read_text
from khartoum_site.record.loader import MAX_DEPTH, YList, YMap, load_file, parse

# Where a case's file is and which folder counts as the data folder, made in a fresh tmp_path.
Setup = Callable[[Path], tuple[Path, Path]]

DEADLINE = 5.0  # seconds: far above what any case needs, far below a CI timeout


def promptly(call: Callable[[], Any]) -> Any:
    """Run ``call`` with a deadline, so a read that blocks (a FIFO) or never ends (/dev/zero) fails the test."""
    result: list[Any] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:
            failure.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(DEADLINE)
    assert not worker.is_alive(), f"still reading after {DEADLINE} seconds"
    if failure:
        raise failure[0]
    return result[0]


def data_dir(tmp: Path) -> Path:
    root = tmp / "data"
    root.mkdir(exist_ok=True)
    return root


def plain(content: bytes) -> Setup:
    def setup(tmp: Path) -> tuple[Path, Path]:
        path = data_dir(tmp) / "x.yml"
        path.write_bytes(content)
        return path, data_dir(tmp)
    return setup


def link(target: str, also: Callable[[Path], object] = lambda _tmp: None, root: str | None = None) -> Setup:
    """``data/x.yml`` as a symbolic link to ``target``, after ``also`` made whatever else the case needs."""
    def setup(tmp: Path) -> tuple[Path, Path]:
        path = data_dir(tmp) / "x.yml"
        also(tmp)
        path.symlink_to(target)
        return path, Path(root) if root is not None else data_dir(tmp)
    return setup


def made(make: Callable[[Path], object]) -> Setup:
    """``data/x.yml`` made by ``make`` (a folder, a FIFO, a socket...)."""
    def setup(tmp: Path) -> tuple[Path, Path]:
        path = data_dir(tmp) / "x.yml"
        make(path)
        return path, data_dir(tmp)
    return setup


def existing(path: str, root: str) -> Setup:
    def setup(_tmp: Path) -> tuple[Path, Path]:
        if not os.path.exists(path):
            pytest.skip(f"{path} does not exist on this system")
        return Path(path), Path(root)
    return setup


def make_socket(path: Path) -> None:
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets on this system")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
    except OSError:  # a tmp_path too long for a socket's address
        pytest.skip("cannot make a socket here")
    finally:
        server.close()  # the socket file stays


def parent_link(tmp: Path) -> tuple[Path, Path]:
    """``data/documents`` is a link to a folder outside the data folder; the file itself is plain."""
    outside = tmp / "elsewhere"
    outside.mkdir()
    (outside / "x.yml").write_bytes(b"a: 1\n")
    (data_dir(tmp) / "documents").symlink_to(outside)
    return data_dir(tmp) / "documents" / "x.yml", data_dir(tmp)


def chain_of_links(tmp: Path) -> None:
    """``c0.yml`` to ``c58.yml``, each a link to the next, the last to a plain file: no circle, but longer than the
    system follows (a twenty-seventh attack's Q16 was told it led round in a circle)."""
    (data_dir(tmp) / "end.yml").write_bytes(b"a: 1\n")
    for number in range(59):
        (data_dir(tmp) / f"c{number}.yml").symlink_to(f"c{number + 1}.yml" if number < 58 else "end.yml")


def outside_file(tmp: Path) -> None:
    (tmp / "outside.yml").write_bytes(b"a: 1\n")


NOT_PLAIN = "not a plain file; replace it with a plain file, or remove it"

DISK_CASES = [
    pytest.param(lambda tmp: (data_dir(tmp) / "x.yml", data_dir(tmp)), "load",
                 ["x.yml:1:1: the file does not exist"], id="missing"),
    pytest.param(link("gone.yml"), "load",
                 ["x.yml:1:1: this is a symbolic link to 'gone.yml', which does not exist; "
                  "put the file itself here, or remove the link"], id="dangling-symlink"),
    pytest.param(link("x.yml"), "load",
                 ["x.yml:1:1: this is a symbolic link to 'x.yml', which leads round in a circle; "
                  "put the file itself here, or remove the link"], id="symlink-loop"),
    pytest.param(link("c0.yml", chain_of_links), "load",
                 ["x.yml:1:1: this is a symbolic link to 'c0.yml', which starts a chain of 60 symbolic links, longer "
                  "than the system follows (a folder on the way may be a link too); put the file itself here, or "
                  "remove the link"], id="symlink-chain-too-long"),
    pytest.param(link("../outside.yml", outside_file), "load",
                 ["x.yml:1:1: this is a symbolic link to '../outside.yml', which is outside the data folder; "
                  "put the file itself here instead of a link"], id="symlink-leaving-root"),
    pytest.param(parent_link, "load",
                 ["x.yml:1:1: the file is outside the data folder: it is really <tmp>/elsewhere/x.yml; "
                  "keep data files in the folder itself, not behind a symbolic link"], id="folder-link-leaving-root"),
    pytest.param(link("/dev/zero"), "load",
                 ["x.yml:1:1: this is a symbolic link to '/dev/zero', which is outside the data folder; "
                  "put the file itself here instead of a link"], id="symlink-to-dev-zero"),
    pytest.param(link("/dev/zero", root="/"), "load",
                 [f"x.yml:1:1: this is a symbolic link to '/dev/zero', which is a character device, {NOT_PLAIN}"],
                 id="symlink-to-dev-zero-inside-root"),
    pytest.param(existing("/dev/zero", "/dev"), "text",
                 [f"x.yml:1:1: this is a character device, {NOT_PLAIN}"], id="dev-zero-itself"),
    pytest.param(made(os.mkfifo), "load", [f"x.yml:1:1: this is a named pipe (FIFO), {NOT_PLAIN}"], id="fifo"),
    pytest.param(link("pipe", lambda tmp: os.mkfifo(data_dir(tmp) / "pipe")), "text",
                 [f"x.yml:1:1: this is a symbolic link to 'pipe', which is a named pipe (FIFO), {NOT_PLAIN}"],
                 id="symlink-to-fifo"),
    pytest.param(made(make_socket), "bytes", [f"x.yml:1:1: this is a socket, {NOT_PLAIN}"], id="socket"),
    pytest.param(made(Path.mkdir), "load", [f"x.yml:1:1: this is a folder, {NOT_PLAIN}"], id="directory"),
    pytest.param(link("sub", lambda tmp: (data_dir(tmp) / "sub").mkdir()), "load",
                 [f"x.yml:1:1: this is a symbolic link to 'sub', which is a folder, {NOT_PLAIN}"],
                 id="symlink-to-directory"),
    pytest.param(plain(b"a: " + b"x" * 98), "bytes",  # limit 100 in the test below: 101 bytes
                 ["x.yml:1:1: the file is 101 bytes; a data file may hold at most 100 bytes "
                  "(split it, or check that nothing was pasted in by mistake)"], id="oversize"),
    pytest.param(existing("/proc/self/status", "/proc"), "text",  # a plain file whose size says 0
                 ["x.yml:1:1: the file is more than 100 bytes; a data file may hold at most 100 bytes "
                  "(split it, or check that nothing was pasted in by mistake)"], id="oversize-claiming-size-0"),
    pytest.param(plain(b"a: 1\nb: 2\nc: caf\xe9\n"), "load",
                 ["x.yml:3:7: the file is not UTF-8 text (the byte 0xE9 here is not UTF-8); save it as UTF-8"],
                 id="not-utf8-line-3"),
    pytest.param(plain("a: 1\nb: 2\nc: é\u2013é".encode() + b"\xff\n"), "text",
                 ["x.yml:3:7: the file is not UTF-8 text (the byte 0xFF here is not UTF-8); save it as UTF-8"],
                 id="not-utf8-text-column-in-characters"),
    pytest.param(plain(b"\xef\xbb\xbf\x80"), "text",
                 ["x.yml:1:1: the file is not UTF-8 text (the byte 0x80 here is not UTF-8); save it as UTF-8"],
                 id="not-utf8-after-bom"),
]


@pytest.mark.parametrize(("setup", "read", "expected"), DISK_CASES)
def test_odd_file_gives_one_exact_message(tmp_path: Path, setup: Setup, read: str, expected: list[str]) -> None:
    path, root = setup(tmp_path)
    calls: dict[str, Callable[[], tuple[Any, list[Any]]]] = {
        "load": lambda: load_file(path, "x.yml", root),
        "bytes": lambda: read_bytes(path, "x.yml", root, limit=100),
        "text": lambda: read_text(path, "x.yml", root, limit=100),
    }
    value, problems = promptly(calls[read])
    assert value is None
    real_tmp = os.path.realpath(tmp_path)
    assert [str(p) for p in problems] == [m.replace("<tmp>", real_tmp) for m in expected]


def test_a_fifo_swapped_in_after_the_check_does_not_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the check and the opening, a plain file is replaced by a FIFO: opening must not wait for a writer."""
    path = data_dir(tmp_path) / "x.yml"
    os.mkfifo(path)
    plain_file = data_dir(tmp_path) / "plain.yml"
    plain_file.write_bytes(b"a: 1\n")
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: real_stat(plain_file if Path(p) == path else p, *a, **k))
    _, problems = promptly(lambda: read_bytes(path, "x.yml", data_dir(tmp_path)))
    assert [str(p) for p in problems] == ["x.yml:1:1: the file was replaced while it was being read; try again"]


@pytest.mark.parametrize(("patched", "error", "expected"), [
    pytest.param("open", PermissionError(errno.EACCES, "Permission denied"),
                 "x.yml:1:1: cannot read the file: Permission denied", id="permission-denied"),
    pytest.param("read", OSError(errno.EIO, "Input/output error"),
                 "x.yml:1:1: cannot read the file: Input/output error", id="io-error"),
])
def test_os_errors_give_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, patched: str,
                                   error: OSError, expected: str) -> None:
    path = data_dir(tmp_path) / "x.yml"
    path.write_bytes(b"a: 1\n")

    def fail(*_args: object) -> None:
        raise error

    monkeypatch.setattr(os, patched, fail)
    assert [str(p) for p in load_file(path, "x.yml", data_dir(tmp_path)).problems] == [expected]


def test_plain_files_and_links_inside_the_folder_are_read(tmp_path: Path) -> None:
    root = data_dir(tmp_path)
    (root / "real.yml").write_bytes("\ufeffname: café\n".encode())
    (root / "x.yml").symlink_to("real.yml")
    assert read_bytes(root / "real.yml", "real.yml", root) == ("\ufeffname: café\n".encode(), [])
    assert read_text(root / "x.yml", "x.yml", root) == ("name: café\n", [])  # the byte order mark is dropped
    loaded = load_file(root / "x.yml", "x.yml", root)
    assert loaded.problems == []
    assert loaded.value == {"name": "café"}
    assert loaded.value.key_pos["name"] == (1, 1)  # the mark does not count as a column
    empty = root / "empty.yml"
    empty.write_bytes(b"")
    assert read_text(empty, "empty.yml", root) == ("", [])


# --- odd YAML ------------------------------------------------------------------------------------------

@pytest.fixture(params=["libyaml", "pure-python"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each YAML case runs on libyaml's parser and on PyYAML's own, which is used when libyaml is missing."""
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML was built without libyaml")
        monkeypatch.setattr(loader, "_LOADER", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(loader, "_LOADER", yaml.SafeLoader)


def block_maps(depth: int) -> str:
    return "".join("  " * level + "a:\n" for level in range(depth)) + "  " * depth + "x\n"


DEEP = ("the data is nested more than 32 levels deep here; data files need only a few levels of lists and "
        "mappings (look for stray '[', '{' or '-')")
TAIL = "write a number as plain decimal digits, without a leading zero, or put it in quotes"

YAML_CASES = [
    pytest.param(block_maps(1000), [f"x.yml:33:65: {DEEP}"], id="1000-deep-block-mappings"),
    pytest.param("[" * 1000 + "]" * 1000, [f"x.yml:1:33: {DEEP}"], id="1000-deep-flow-lists"),
    pytest.param("{a: " * 1000 + "}" * 1000, [f"x.yml:1:129: {DEEP}"], id="1000-deep-flow-mappings"),
    pytest.param("- " * 1000 + "x\n", [f"x.yml:1:65: {DEEP}"], id="1000-deep-dashes"),
    pytest.param("[" * 100_000 + "]" * 100_000, [f"x.yml:1:33: {DEEP}"], id="100000-deep-flow-lists"),
    pytest.param("{a: " * 100_000 + "}" * 100_000, [f"x.yml:1:129: {DEEP}"], id="100000-deep-flow-mappings"),
    pytest.param("- " * 100_000 + "x\n", [f"x.yml:1:65: {DEEP}"], id="100000-deep-dashes"),
    pytest.param("[" * 33 + "]" * 33, [f"x.yml:1:33: {DEEP}"], id="one-level-too-many"),
    pytest.param("- a: [{b: " + "[" * 40 + "]" * 40 + "}]\n", [f"x.yml:1:39: {DEEP}"], id="deep-inside-a-record"),
    pytest.param("a: 1\n? [" + "[" * 40 + "]" * 40 + "]\n: v\n", [f"x.yml:2:34: {DEEP}"], id="deep-inside-a-key"),
    pytest.param("a: 1\nb: *x\n", ["x.yml:2:4: YAML aliases (*x) are not allowed in data files; "
                                   "write the value out in full"], id="alias"),
    pytest.param("number: 014\n", [f"x.yml:1:9: '014' would be read as the octal number 12; {TAIL} (\"014\") "
                                   "if it is text"], id="leading-zero"),
    pytest.param("number: -014\n", [f"x.yml:1:9: '-014' would be read as the octal number -12; {TAIL} "
                                    "(\"-014\") if it is text"], id="negative-leading-zero"),
    pytest.param("- 1:05\n", [f"x.yml:1:3: '1:05' would be read as the base-60 number 65; {TAIL} (\"1:05\") "
                              "if it is text"], id="sexagesimal"),
    pytest.param("- 1:30.5\n", [f"x.yml:1:3: '1:30.5' would be read as the base-60 number 90.5; {TAIL} "
                                "(\"1:30.5\") if it is text"], id="sexagesimal-float"),
    pytest.param("[0x1F]", [f"x.yml:1:2: '0x1F' would be read as the hexadecimal number 31; {TAIL} (\"0x1F\") "
                            "if it is text"], id="hexadecimal"),
    pytest.param("a: 0o17\n", [f"x.yml:1:4: '0o17' would be read as text here but as the octal number 15 by "
                               f"other YAML readers; {TAIL} (\"0o17\") if it is text"], id="yaml-1.2-octal"),
    pytest.param("a: 1_000\n", [f"x.yml:1:4: '1_000' would be read as the number 1000 (YAML skips the _); {TAIL} "
                                "(\"1_000\") if it is text"], id="underscore"),
    pytest.param("a: 0b101\n", [f"x.yml:1:4: '0b101' would be read as the binary number 5; {TAIL} "
                                "(\"0b101\") if it is text"], id="binary"),
    # an eighth attack: a short line that is a number of thousands of digits ended check in a traceback
    pytest.param("a: 0x" + "f" * 4000 + "\n", [f"x.yml:1:4: '0x{'f' * 28}…' would be read as the hexadecimal number "
                                             f"with more digits than a message can show; {TAIL} (\"0x{'f' * 28}…\") "
                                             "if it is text"], id="hexadecimal-of-4000-digits"),
    pytest.param("a: 0x" + "f" * 40 + "\n", [f"x.yml:1:4: '0x{'f' * 40}' would be read as the hexadecimal number "
                                           f"{str(16 ** 40 - 1)[:20]}… (49 digits); {TAIL} (\"0x{'f' * 40}\") "
                                           "if it is text"], id="hexadecimal-of-49-digits"),
    pytest.param("a: 08\n", [f"x.yml:1:4: '08' would be read as text here but as the number 8 by other YAML "
                             f"readers; {TAIL} (\"08\") if it is text"], id="leading-zero-not-octal"),
    pytest.param("a: !!int 014\n", [f"x.yml:1:4: '014' would be read as the octal number 12; {TAIL} (\"014\") "
                                    "if it is text"], id="leading-zero-tagged-int"),
    pytest.param("a: b\x00c\n", ["x.yml:1:5: the file contains the control character #x0000, which YAML does not "
                                 "allow; remove it"], id="control-character"),
]


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(("text", "expected"), YAML_CASES)
def test_odd_yaml_gives_exact_messages(text: str, expected: list[str]) -> None:
    loaded = promptly(lambda: parse(text.encode(), "x.yml"))
    assert [str(p) for p in loaded.problems] == expected


@pytest.mark.usefixtures("backend")
def test_numbers_refused_in_place_leave_the_rest() -> None:
    loaded = parse(b"- id: a\n  year: 014\n  day: 9\n", "x.yml")
    assert loaded.value == [{"id": "a", "year": loader.REFUSED, "day": 9}]
    assert len(loaded.problems) == 1


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(("text", "expected"), [
    pytest.param('a: "014"\n', "014", id="quoted-leading-zero"),
    pytest.param("a: '1:05'\n", "1:05", id="quoted-sexagesimal"),
    pytest.param("a: 0\n", 0, id="zero"),
    pytest.param("a: -0\n", 0, id="minus-zero"),
    pytest.param("a: 12\n", 12, id="int"),
    pytest.param("a: -12\n", -12, id="negative-int"),
    pytest.param("a: 1.5\n", 1.5, id="float"),
    pytest.param("a: 0.5\n", 0.5, id="float-below-one"),
    pytest.param("a: 2025-04-09\n", datetime.date(2025, 4, 9), id="date"),
    pytest.param("a: 2025-02-30\n", "2025-02-30", id="impossible-date-kept-as-text"),
    pytest.param("a: 09:30\n", "09:30", id="time-as-text"),
    pytest.param("a: Article 014\n", "Article 014", id="digits-in-text"),
    pytest.param("014: x\n", None, id="key-as-written"),
])
def test_plain_values_still_load(text: str, expected: object) -> None:
    loaded = parse(text.encode(), "x.yml")
    assert loaded.problems == []
    if expected is None:
        assert loaded.value == {"014": "x"}
    else:
        assert loaded.value == {"a": expected}
        assert type(loaded.value["a"]) is type(expected)


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize("depth", [10, MAX_DEPTH])
@pytest.mark.parametrize("style", ["flow-lists", "flow-mappings", "block-mappings", "dashes"])
def test_nesting_up_to_the_limit_loads(style: str, depth: int) -> None:
    text = {
        "flow-lists": "[" * depth + "x" + "]" * depth,
        "flow-mappings": "{a: " * depth + "x" + "}" * depth,
        "block-mappings": block_maps(depth),
        "dashes": "- " * depth + "x\n",
    }[style]
    loaded = parse(text.encode(), "x.yml")
    assert loaded.problems == []
    value, levels = loaded.value, 0
    while isinstance(value, (YList, YMap)):
        value, levels = (value[0] if isinstance(value, YList) else value["a"]), levels + 1
    assert (value, levels) == ("x", depth)


@pytest.mark.usefixtures("backend")
def test_positions_and_refusals_as_before() -> None:
    text = ("- id: a\n"
            "  tags: [x, !!python/name:os.system y]\n"
            "  ? [k]\n"
            "  : {skipped: !!python/none ''}\n"
            "  id: b\n"
            "  on: {z: 1}\n"
            "- !!set {q: 1}\n")
    loaded = parse(text.encode(), "x.yml")
    assert [str(p) for p in loaded.problems] == [
        "x.yml:2:13: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed in data files",
        "x.yml:3:5: a key must be a plain word, not a list or mapping",
        "x.yml:5:3: duplicate key 'id' (first given on line 1); keep one of them",
        "x.yml:7:3: YAML tag 'tag:yaml.org,2002:set' is not allowed in data files",
    ]
    first, refused = loaded.value
    assert refused is loaded.value[1] is loader.REFUSED
    assert first == {"id": "a", "tags": ["x", loader.REFUSED], "on": {"z": 1}}
    assert first.pos == (1, 3)
    assert first.key_pos["on"] == (6, 3)
    assert first.value_pos["on"] == (6, 7)
    assert first["tags"].item_pos == [(2, 10), (2, 13)]
    assert first["on"].value_pos["z"] == (6, 11)
    assert loaded.value.item_pos == [(1, 3), (7, 3)]


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("", "x.yml:1:1: the file is empty; expected YAML data", id="empty"),
    pytest.param("a: [1\n", "x.yml:2:1: YAML syntax error: did not find expected ',' or ']' (while parsing a flow "
                 "sequence that starts on line 1)", id="unclosed"),
    pytest.param("a: 1\n---\nb: 2\n", "x.yml:2:1: YAML syntax error: but found another document (expected a "
                 "single document in the stream that starts on line 1)", id="two-documents"),
])
def test_unreadable_yaml_gives_one_message(text: str, expected: str) -> None:
    loaded = parse(text.encode(), "x.yml")
    if loader._LOADER is yaml.SafeLoader and "syntax" in expected and "document" not in expected:
        # PyYAML's own parser words syntax errors differently from libyaml's; the place is the same
        assert [str(p).split(": YAML")[0] for p in loaded.problems] == [expected.split(": YAML")[0]]
    else:
        assert [str(p) for p in loaded.problems] == [expected]
    assert loaded.value is None


@pytest.mark.usefixtures("backend")
@pytest.mark.parametrize(("value", "tag"), [("!!bool x", "bool"), ("!!timestamp x", "timestamp"),
                                            ('!!int ""', "int"), ("!<tag:yaml.org,2002:bool> x", "bool")])
def test_a_tag_on_a_value_it_does_not_fit_is_a_problem_at_its_place(value: str, tag: str) -> None:
    """A twenty-second attack: `date: !!bool x` ended check in a KeyError from PyYAML's constructor."""
    loaded = parse(f"- id: a\n  date: {value}\n".encode(), "x.yml")
    shown = value.rsplit(" ", 1)[-1].strip('"')
    assert [str(p) for p in loaded.problems] == [
        f"x.yml:2:9: cannot read {shown!r} as the tag {tag!r} says; remove the tag"]
