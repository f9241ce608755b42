"""The loader: syntax errors, duplicate keys, aliases, tags and size, each located by line and column."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from khartoum_site.record.files import MAX_FILE_BYTES
from khartoum_site.record.loader import YList, YMap, load_file

CASES = [
    pytest.param("- id: a\n  name: [unclosed\n", "x.yml:3:1: YAML syntax error: did not find expected ',' or ']'",
                 id="unclosed-flow-list"),
    pytest.param("- id: a\n\tname: b\n",
                 "x.yml:2:1: YAML syntax error: found a tab character that violates indentation", id="tab-indent"),
    pytest.param("- id: a\n  name: b\n  name: c\n",
                 "x.yml:3:3: duplicate key 'name' (first given on line 2); keep one of them", id="duplicate-key"),
    pytest.param("- id: &x a\n  name: *x\n",
                 "x.yml:2:9: YAML aliases (*x) are not allowed in data files", id="alias"),
    pytest.param("- id: !!python/object/apply:os.system [echo hi]\n",
                 "x.yml:1:7: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
                 id="python-tag"),
    pytest.param("- id: !!python/name:os.system ''\n",
                 "x.yml:1:7: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed",
                 id="python-name-tag"),
    pytest.param("", "x.yml:1:1: the file is empty; expected YAML data", id="empty"),
    pytest.param("- id: a\n  ? [x, y]\n  : z\n", "x.yml:2:5: a key must be a plain word", id="complex-key"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_bad_yaml_is_reported_with_file_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path, "x.yml", tmp_path)
    assert loaded.value is None or loaded.problems
    messages = [str(p) for p in loaded.problems]
    assert any(m.startswith(expected) for m in messages), messages


def test_good_yaml_keeps_positions_of_keys_values_and_items(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("- id: norway\n  iso2: NO\n  on: yes\n  list:\n    - a\n    - b\n", encoding="utf-8")
    loaded = load_file(path, "x.yml", tmp_path)
    assert loaded.problems == []
    items = loaded.value
    assert isinstance(items, YList)
    assert items.item_pos[0] == (1, 3)
    record = items[0]
    assert isinstance(record, YMap)
    assert record.value_pos["iso2"] == (2, 9)
    assert record["iso2"] is False  # YAML 1.1: the validator then says "found the boolean false"
    assert "on" in record  # keys are kept as written, not read as booleans
    assert record["list"].item_pos == [(5, 7), (6, 7)]


def test_alias_bomb_is_rejected_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 8):
        prev, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "bomb.yml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    loaded = load_file(path, "bomb.yml", tmp_path)
    elapsed = time.perf_counter() - started
    assert [str(p) for p in loaded.problems] == [
        "bomb.yml:2:8: YAML aliases (*a) are not allowed in data files; write the value out in full"]
    assert elapsed < 1.0


def test_oversize_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yml"
    path.write_text("- id: a\n  note: " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    loaded = load_file(path, "big.yml", tmp_path)
    assert len(loaded.problems) == 1
    assert str(loaded.problems[0]).startswith("big.yml:1:1: the file is ")
    assert "at most 1,000,000 bytes" in str(loaded.problems[0])


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yml"
    path.write_bytes("- id: a\n  name: Caf\xe9\n".encode("latin-1"))
    loaded = load_file(path, "latin1.yml", tmp_path)
    assert [str(p) for p in loaded.problems] == [
        "latin1.yml:2:12: the file is not UTF-8 text (the byte 0xE9 here is not UTF-8); save it as UTF-8"]
