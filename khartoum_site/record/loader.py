"""Parse data files safely, keeping the line and column of every key and value.

The bytes come from ``files.read_bytes`` (plain files inside the data folder, read up to a limit).
Parsing (``parse``): PyYAML's parser (libyaml's when installed, several times faster) turns the
text into events; this module builds the values from those events itself, with an explicit stack
instead of recursion, and adds what the record needs on top:

* a file nested more than ``MAX_DEPTH`` levels deep is refused as soon as the level too many is
  seen, before anything else has to go that deep (PyYAML's own composers recurse once per level);
* duplicate keys are problems (PyYAML keeps the last one silently);
* aliases are refused (a few hundred bytes of "billion laughs" explode when walked);
* only plain YAML tags are accepted;
* YAML 1.1 numbers that do not mean what an editor expects (``014`` is octal 12, ``1:05`` is 65,
  ``0x1F``, ``1_000``...) are refused, with a hint to write plain digits or quotes;
* every mapping and list remembers where its keys and items are, so the validator can say
  ``file:line:column`` for any field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.events import (
    AliasEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from khartoum_site.record.files import decode, read_bytes
from khartoum_site.record.problems import Problem

# The data needs at most six levels (states.yml); the generous margin leaves room for the schema
# to grow, while keeping every later step that walks the values recursively (checks, JSON, pages)
# far from Python's recursion limit.
MAX_DEPTH = 32

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

# Tags an editor can write, explicitly or not; anything else (``!!python/...``) is refused.
_PLAIN_SCALAR_TAGS = {
    _STR_TAG,
    _INT_TAG,
    _FLOAT_TAG,
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}

# libyaml parses several times faster than pure Python. Both parsers are loops over an explicit
# state stack, so neither recurses however deep the text is nested.
_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Pos(NamedTuple):
    """A 1-based line and column in a data file."""

    line: int
    column: int


class YMap(dict[str, Any]):
    """A YAML mapping that knows where it starts and where each key and value is."""

    pos: Pos
    key_pos: dict[str, Pos]
    value_pos: dict[str, Pos]


class YList(list[Any]):
    """A YAML sequence that knows where it starts and where each item is."""

    pos: Pos
    item_pos: list[Pos]


class Refused:
    """A value the loader refused (already reported): the validator skips it instead of reporting it again."""

    def __repr__(self) -> str:
        return "REFUSED"


REFUSED = Refused()


class LoadedFile(NamedTuple):
    value: Any
    problems: list[Problem]


# --- parsing -------------------------------------------------------------------------------------------

def load_file(path: Path, shown_as: str, root: Path) -> LoadedFile:
    """Read and parse one data file under ``root``; ``shown_as`` is its name in messages (``data/states.yml``)."""
    raw, problems = read_bytes(path, shown_as, root)
    if raw is None:
        return LoadedFile(None, problems)
    return parse(raw, shown_as)


class _Stop(Exception):
    """Something that makes the whole file unreadable: the one problem reported for it."""

    def __init__(self, pos: Pos, message: str) -> None:
        self.pos = pos
        self.message = message


_EMPTY = object()


def parse(raw: bytes, shown_as: str) -> LoadedFile:
    """Decode and parse the bytes of one YAML data file; ``shown_as`` names it in messages.

    A file that cannot be read at all (not UTF-8, a syntax error, an alias, nested too deeply)
    gives ``None`` and that one problem; otherwise the value, with ``REFUSED`` in place of anything
    refused and a problem for each.
    """
    text, problems = decode(raw, shown_as)
    if text is None:
        return LoadedFile(None, problems)

    def problem(pos: Pos, message: str) -> None:
        problems.append(Problem(shown_as, pos.line, pos.column, detail=message))

    def fatal(pos: Pos, message: str) -> LoadedFile:
        return LoadedFile(None, [Problem(shown_as, pos.line, pos.column, detail=message)])

    loader = None
    decoded = list(problems)
    try:
        try:
            loader = _LOADER(text)
            value = _compose(loader, problem)
        except yaml.MarkedYAMLError as exc:
            # libyaml 0.2.6 (in PyYAML 6.0.4's wheels) scans up to 1000 levels ahead and stops there
            # with its own message, before our limit is reached: the pure-Python parser finds the
            # level where ours is, and says what to look for.
            if loader is None or _LOADER is yaml.SafeLoader or "nesting depth" not in str(exc.problem):
                raise
            loader.dispose()
            problems[:] = decoded  # the second pass finds again what the first had found
            loader = yaml.SafeLoader(text)
            value = _compose(loader, problem)
    except _Stop as exc:
        return fatal(exc.pos, exc.message)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark is not None else Pos(1, 1)
        detail = exc.problem or "invalid YAML"
        context = ""
        if exc.context:
            started = exc.context_mark
            since = f" that starts on line {started.line + 1}" if started is not None and started != mark else ""
            context = f" ({exc.context}{since})"
        return fatal(pos, f"YAML syntax error: {detail}{context}")
    except yaml.reader.ReaderError as exc:
        return fatal(_reader_pos(text, exc, loader), f"the file contains the control character "
                     f"#x{exc.character:04X}, which YAML does not allow; remove it")
    except yaml.YAMLError as exc:
        return fatal(Pos(1, 1), f"YAML error: {exc}")
    finally:
        if loader is not None:
            loader.dispose()
    if value is _EMPTY:
        return fatal(Pos(1, 1), "the file is empty; expected YAML data")
    return LoadedFile(value, problems)


def _reader_pos(text: str, exc: yaml.reader.ReaderError, loader: Any) -> Pos:
    index = exc.position
    if loader is not None and not isinstance(loader, yaml.SafeLoader):  # libyaml counts bytes
        index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
    line_start = text.rfind("\n", 0, index) + 1
    return Pos(text.count("\n", 0, index) + 1, index - line_start + 1)


def _pos(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


# What a mapping on the stack waits for next.
_KEY, _IN_COMPLEX_KEY, _VALUE, _SKIPPED_VALUE = range(4)


class _Open:
    """A list or mapping whose items are still arriving. A muted one is only walked through, its
    content neither built nor checked: it was refused whole, or it is a refused key or its value."""

    __slots__ = ("at", "items", "key", "key_at", "muted", "refused", "state")

    def __init__(self, items: YMap | YList | None, at: Pos, refused: bool = False) -> None:
        self.items = items
        self.at = at
        self.muted = items is None
        self.refused = refused
        self.state = _KEY
        self.key = ""
        self.key_at = at


def _compose(loader: Any, problem: Callable[[Pos, str], None]) -> Any:
    """The value of the single document in ``loader``'s event stream, or ``_EMPTY``."""
    get_event = loader.get_event
    get_event()  # StreamStartEvent
    if loader.check_event(StreamEndEvent):
        return _EMPTY
    get_event()  # DocumentStartEvent
    resolve = loader.resolve
    constructors = loader.yaml_constructors
    anchors: dict[str, yaml.Mark] = {}
    stack: list[_Open] = []
    value: Any = None
    at = Pos(1, 1)
    first_mark = None

    while True:
        event = get_event()
        kind = event.__class__
        if first_mark is None:
            first_mark = event.start_mark
        top = stack[-1] if stack else None
        # A child of a muted collection, a key that is a list or mapping, or the value of a refused key:
        # walked through, never built or checked.
        silent = top is not None and (top.muted or (top.items.__class__ is YMap and top.state != _VALUE))

        if kind is ScalarEvent:
            if event.anchor is not None:
                _anchor(event, anchors)
            if top is not None and top.items.__class__ is YMap and top.state == _KEY:
                key = event.value  # as written: YAML 1.1 would read keys such as `on` or `no` as booleans
                at = _pos(event.start_mark)
                mapping: YMap = top.items
                if key in mapping:
                    first = mapping.key_pos[key]
                    problem(at, f"duplicate key '{key}' (first given on line {first.line}); keep one of them")
                    top.state = _SKIPPED_VALUE
                else:
                    top.key, top.key_at, top.state = key, at, _VALUE
                continue
            if silent:
                value = None
            else:
                at = _pos(event.start_mark)
                value = _scalar(event, at, resolve, constructors, loader, problem)

        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                _anchor(event, anchors)
            at = _pos(event.start_mark)
            if len(stack) >= MAX_DEPTH:
                raise _Stop(at, f"the data is nested more than {MAX_DEPTH} levels deep here; data files need "
                            "only a few levels of lists and mappings (look for stray '[', '{' or '-')")
            is_map = kind is MappingStartEvent
            if top is not None and top.items.__class__ is YMap and top.state == _KEY:
                problem(at, "a key must be a plain word, not a list or mapping")
                top.state = _IN_COMPLEX_KEY
                silent = True
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP_TAG if is_map else _SEQ_TAG):
                if not silent:
                    problem(at, f"YAML tag {tag!r} is not allowed in data files")
                stack.append(_Open(None, at, refused=True))
            elif silent:
                stack.append(_Open(None, at))
            elif is_map:
                new_map = YMap()
                new_map.pos, new_map.key_pos, new_map.value_pos = at, {}, {}
                stack.append(_Open(new_map, at))
            else:
                new_list = YList()
                new_list.pos, new_list.item_pos = at, []
                stack.append(_Open(new_list, at))
            continue

        elif kind is AliasEvent:
            raise _Stop(_pos(event.start_mark), f"YAML aliases (*{event.anchor}) are not allowed in data files; "
                        "write the value out in full")

        else:  # SequenceEndEvent or MappingEndEvent: the end of the innermost open collection
            done = stack.pop()
            value = REFUSED if done.refused else done.items
            at = done.at
            top = stack[-1] if stack else None

        # ``value``, found at ``at``, is complete: give it to the collection it belongs to.
        if top is None:
            break
        items = top.items
        if isinstance(items, YList):
            items.append(value)
            items.item_pos.append(at)
        elif items is not None:
            if top.state == _VALUE:
                key = top.key
                items[key] = value
                items.key_pos[key] = top.key_at
                items.value_pos[key] = at
            top.state = _SKIPPED_VALUE if top.state == _IN_COMPLEX_KEY else _KEY

    get_event()  # DocumentEndEvent
    if not loader.check_event(StreamEndEvent):
        raise yaml.composer.ComposerError("expected a single document in the stream", first_mark,
                                          "but found another document", get_event().start_mark)
    return value


def _anchor(event: Any, anchors: dict[str, yaml.Mark]) -> None:
    """Note an anchor; as in PyYAML, the same anchor twice is an error (an alias is refused anyway)."""
    if event.anchor in anchors:
        raise yaml.composer.ComposerError(f"found duplicate anchor {event.anchor!r}; first occurrence",
                                          anchors[event.anchor], "second occurrence", event.start_mark)
    anchors[event.anchor] = event.start_mark


# A plain int or float as an editor means it: no leading zero, no base prefix, no `_` or `:`.
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
# Plain text that other YAML readers (1.2) would read as a number.
_NUMBER_ELSEWHERE = re.compile(r"[-+]?0(?:[0-9]+|o[0-7]+)\Z")


def _scalar(event: Any, at: Pos, resolve: Any, constructors: dict[Any, Any], loader: Any,
            problem: Callable[[Pos, str], None]) -> Any:
    text: str = event.value
    tag = event.tag
    plain = tag is None or tag == "!"
    if plain:
        tag = resolve(ScalarNode, text, event.implicit) if event.implicit[0] else _STR_TAG
    if tag == _STR_TAG:
        if plain and event.implicit[0] and text[:1] in "0+-" and _NUMBER_ELSEWHERE.match(text):
            digits = text.lstrip("+-")
            number = int(digits[2:], 8) if digits[1:2] == "o" else int(digits)
            kind = "the octal number" if digits[1:2] == "o" else "the number"
            problem(at, _not_decimal(text, f"text here but as {kind} {'-' if text[0] == '-' else ''}{number} "
                                     "by other YAML readers"))
            return REFUSED
        return text
    if tag not in _PLAIN_SCALAR_TAGS:
        problem(at, f"YAML tag {tag!r} is not allowed in data files")
        return REFUSED
    node = ScalarNode(tag, text, event.start_mark, event.end_mark, style=event.style)
    try:
        value = constructors[tag](loader, node)
    except ValueError:
        # e.g. 2025-02-30: keep the text so the validator can say which date is impossible.
        return text
    except yaml.constructor.ConstructorError as exc:
        problem(at, f"cannot read this value: {exc}")
        return REFUSED
    except (LookupError, AttributeError, TypeError):
        # an explicit tag on a value it does not fit (!!bool x, !!timestamp x, !!int ""): PyYAML's constructor
        # fails in its own words (a twenty-second attack's `date: !!bool x` ended check in a KeyError)
        problem(at, f"cannot read {text[:40]!r} as the tag {tag.rsplit(':', 1)[-1]!r} says; remove the tag")
        return REFUSED
    if (tag == _INT_TAG and not _DECIMAL_INT.match(text)) or (tag == _FLOAT_TAG and ("_" in text or ":" in text)):
        digits = text.lstrip("+-")
        if digits[:2] in ("0b", "0x"):
            kind = "the binary number" if digits[1] == "b" else "the hexadecimal number"
        elif ":" in digits:
            kind = "the base-60 number"
        elif tag == _INT_TAG and digits[:1] == "0":
            kind = "the octal number"
        else:
            kind = "the number"
        problem(at, _not_decimal(text, f"{kind} {_shown_number(value)}"
                                 + (" (YAML skips the _)" if kind == "the number" else "")))
        return REFUSED
    return value


def _shown_number(value: object) -> str:
    """A number as a message shows it: one of thousands of digits (``0x`` and 4,000 ``f``, a short line) is
    longer than Python converts to text, and than a reader needs (an attack ended check in a traceback)."""
    try:
        shown = str(value)
    except ValueError:
        return "with more digits than a message can show"
    return shown if len(shown) <= 40 else f"{shown[:20]}… ({len(shown):,} digits)"


def _not_decimal(text: str, reading: str) -> str:
    text = text if len(text) <= 60 else f"{text[:30]}…"
    return (f"'{text}' would be read as {reading}; write a number as plain decimal digits, without a leading "
            f"zero, or put it in quotes (\"{text}\") if it is text")
