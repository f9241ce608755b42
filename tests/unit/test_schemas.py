"""The JSON Schemas editors' tools read: produced from the model, committed, and in step with the data."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import jsonschema
import pytest
import yaml
from helpers import REAL_DATA as DATA  # the real record: its files name their schemas and must pass them
from helpers import ROOT

from khartoum_site.record import schema

DATA_FILES = [*schema.DATA_FILES, *sorted(f"documents/{p.name}" for p in (DATA / "documents").glob("*.yml"))]


def schema_name(data_file: str) -> str:
    return "document.schema.json" if data_file.startswith("documents/") else \
        f"{schema.DATA_FILES[data_file].name}.schema.json"


def schema_for(data_file: str) -> dict[str, Any]:
    return dict(json.loads((DATA / "schemas" / schema_name(data_file)).read_text(encoding="utf-8")))


def as_editor_tools_read_it(value: Any) -> Any:
    """YAML language servers read YAML 1.2, where 2025-04-09 is a string: do the same to PyYAML's dates."""
    if isinstance(value, dict):
        return {k: as_editor_tools_read_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_tools_read_it(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_committed_schemas_match_the_model() -> None:
    committed = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (DATA / "schemas").glob("*.json")}
    assert committed == schema.file_schemas(), "run `khartoum-site schemas` and commit data/schemas/"


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_each_data_file_names_its_schema_on_its_first_line(data_file: str) -> None:
    first = (DATA / data_file).read_text(encoding="utf-8").splitlines()[0]
    folder = "../schemas" if data_file.startswith("documents/") else "schemas"
    assert first == f"# yaml-language-server: $schema={folder}/{schema_name(data_file)}"
    target = (DATA / data_file).parent / first.split("$schema=", 1)[1]
    assert target.is_file()


@pytest.mark.parametrize("data_file", DATA_FILES)
def test_real_data_is_valid_against_its_schema(data_file: str) -> None:
    value = as_editor_tools_read_it(yaml.safe_load((DATA / data_file).read_text(encoding="utf-8")))
    jsonschema.validate(value, schema_for(data_file))


def test_the_schema_flags_what_the_validator_flags() -> None:
    states = as_editor_tools_read_it(yaml.safe_load((DATA / "states.yml").read_text(encoding="utf-8")))
    validator = jsonschema.Draft202012Validator(schema_for("states.yml"))
    states[0]["capital"] = "Vienna"
    states[1]["iso2"] = False  # an unquoted NO
    states[2]["region"] = "europe"
    del states[3]["cites"]
    messages = sorted(e.message for e in validator.iter_errors(states))
    assert messages == sorted([
        "Additional properties are not allowed ('capital' was unexpected)",
        "False is not of type 'string'",
        "'europe' is not one of ['eu-member-state', 'other-european-state', 'african-state']",
        "'cites' is a required property",
    ])


def test_the_pre_commit_config_runs_both_checks() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {h["language"] for h in hooks.values()} == {"system"}
    assert {h["entry"] for h in hooks.values()} == {".venv/bin/khartoum-site check", "scripts/check-schemas"}
    assert (ROOT / "scripts" / "check-schemas").stat().st_mode & 0o111
    for hook in hooks.values():
        assert re.compile(hook["files"]).search("data/states.yml")
        assert not re.compile(hook["files"]).search("khartoum_site/adapters/cli.py")
