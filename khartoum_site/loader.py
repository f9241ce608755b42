"""Read YAML data files safely, keeping the line and column of every key and value.

PyYAML's SafeLoader does the parsing; this module adds what the record needs on top of it:
duplicate keys are problems (PyYAML keeps the last one silently), aliases are refused (a few
hundred bytes of "billion laughs" explode when walked), only plain YAML tags are accepted, and
every mapping and list remembers where its keys and items are, so the validator can say
``file:line:column`` for any field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem

MAX_FILE_BYTES = 1_000_000

# Tags an editor can write, explicitly or not; anything else (``!!python/...``) is refused.
_PLAIN_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


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


class _AliasFound(Exception):
    def __init__(self, pos: Pos, anchor: str) -> None:
        self.pos = pos
        self.anchor = anchor


# libyaml parses several times faster than pure Python; its composer is C code that cannot be
# hooked, so aliases are found by a token scan (in C too) before composing. Without libyaml, the
# pure-Python loader below refuses them as it composes.
_CLoader: type | None = getattr(yaml, "CSafeLoader", None)


def _find_alias(text: str) -> _AliasFound | None:
    if "*" not in text:
        return None
    assert _CLoader is not None
    scanner = _CLoader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, yaml.AliasToken):
                return _AliasFound(_pos(token.start_mark), str(token.value))
    finally:
        scanner.dispose()
    return None


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        # Refuse aliases before PyYAML resolves them: this is what stops an alias bomb early.
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _AliasFound(_pos(event.start_mark), event.anchor)
        return super().compose_node(parent, index)


def _pos(mark: yaml.Mark) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


class LoadedFile(NamedTuple):
    value: Any
    problems: list[Problem]


def load_file(path: Path, shown_as: str) -> LoadedFile:
    """Parse one data file; ``shown_as`` is the name used in messages (e.g. ``data/states.yml``)."""
    problems: list[Problem] = []

    def problem(pos: Pos, message: str) -> None:
        problems.append(Problem(shown_as, pos.line, pos.column, "", message))

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problem(Pos(1, 1), f"the file is {size:,} bytes; a data file may hold at most {MAX_FILE_BYTES:,} bytes "
                "(split it, or check that nothing was pasted in by mistake)")
        return LoadedFile(None, problems)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem(Pos(line, 1), "the file is not UTF-8 text; save it as UTF-8")
        return LoadedFile(None, problems)

    loader = _CLoader(text) if _CLoader is not None else _Loader(text)
    try:
        alias = _find_alias(text) if _CLoader is not None else None
        if alias is not None:
            raise alias
        node = loader.get_single_node()
        if node is None:
            problem(Pos(1, 1), "the file is empty; expected YAML data")
            return LoadedFile(None, problems)
        value = _convert(node, loader, problem)
    except _AliasFound as exc:
        problem(exc.pos, f"YAML aliases (*{exc.anchor}) are not allowed in data files; write the value out in full")
        return LoadedFile(None, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark) if mark is not None else Pos(1, 1)
        detail = exc.problem or "invalid YAML"
        context = ""
        if exc.context:
            started = exc.context_mark
            since = f" that starts on line {started.line + 1}" if started is not None and started != mark else ""
            context = f" ({exc.context}{since})"
        problem(pos, f"YAML syntax error: {detail}{context}")
        return LoadedFile(None, problems)
    except yaml.YAMLError as exc:
        problem(Pos(1, 1), f"YAML error: {exc}")
        return LoadedFile(None, problems)
    finally:
        loader.dispose()
    return LoadedFile(value, problems)


def _convert(node: Node, loader: Any, problem: Any) -> Any:
    here = _pos(node.start_mark)
    if isinstance(node, MappingNode):
        if node.tag != _MAP_TAG:
            problem(here, f"YAML tag {node.tag!r} is not allowed in data files")
            return REFUSED
        mapping = YMap()
        mapping.pos, mapping.key_pos, mapping.value_pos = here, {}, {}
        for key_node, value_node in node.value:
            key_at = _pos(key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                problem(key_at, "a key must be a plain word, not a list or mapping")
                continue
            # The key as written: YAML 1.1 would otherwise read keys such as `on` or `no` as booleans.
            key = str(key_node.value)
            if key in mapping:
                first = mapping.key_pos[key]
                problem(key_at, f"duplicate key '{key}' (first given on line {first.line}); "
                        "keep one of them")
                continue
            mapping[key] = _convert(value_node, loader, problem)
            mapping.key_pos[key] = key_at
            mapping.value_pos[key] = _pos(value_node.start_mark)
        return mapping
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ_TAG:
            problem(here, f"YAML tag {node.tag!r} is not allowed in data files")
            return REFUSED
        items = YList()
        items.pos, items.item_pos = here, []
        for item in node.value:
            items.append(_convert(item, loader, problem))
            items.item_pos.append(_pos(item.start_mark))
        return items
    if node.tag not in _PLAIN_SCALAR_TAGS:
        problem(here, f"YAML tag {node.tag!r} is not allowed in data files")
        return REFUSED
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:
        # e.g. 2025-02-30: keep the text so the validator can say which date is impossible.
        return str(node.value)
    except yaml.constructor.ConstructorError as exc:
        problem(here, f"cannot read this value: {exc}")
        return REFUSED
