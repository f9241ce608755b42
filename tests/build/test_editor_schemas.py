"""The JSON Schemas as editors' tools read them: ECMA-262 patterns, and check-jsonschema on the data.

yaml-language-server and check-jsonschema compile each ``pattern`` as an ECMA-262 regular expression
with the ``u`` flag. There some of Python's spellings are errors (an escaped quote, an inline flag)
and others mean something else (``\\d`` and ``\\s`` stand for other sets of characters). So every
pattern, of the schemas ``schema.py`` makes now and of the committed ones, is compiled by Node, and
Node's verdict on sample values is compared with the validator's. Without Node those tests are
skipped, unless CI is set: there a missing Node is a failure.

check-jsonschema (the test extra) reads YAML 1.2 as editors do; it must accept the real data and
refuse broken copies, both as called here and through ``scripts/check-schemas``, the pre-commit hook.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from helpers import REAL_DATA as DATA  # the real record and its committed schemas, as editors open them
from helpers import ROOT

from khartoum_site.record import schema
from khartoum_site.record.fields import Context, Where
from khartoum_site.record.loader import Pos

SCHEMAS = DATA / "schemas"
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]

# Reads {"patterns": [...], "samples": [[pattern, text], ...]} and answers {"errors": {pattern:
# message}, "verdicts": [true | false | null, ...]}: compiled as editors' validators compile them.
COMPILE_IN_NODE = """
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const errors = {};
for (const pattern of input.patterns) {
  try { new RegExp(pattern, "u"); } catch (e) { errors[pattern] = e.message; }
}
const verdicts = input.samples.map(([pattern, text]) => {
  try { return new RegExp(pattern, "u").test(text); } catch (e) { return null; }
});
process.stdout.write(JSON.stringify({errors, verdicts}));
"""


def patterns_in(node: Any) -> Iterator[str]:
    """Every regular expression in a schema: ``pattern`` values and ``patternProperties`` keys, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield value
                continue
            if key == "patternProperties" and isinstance(value, dict):
                yield from value
            yield from patterns_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from patterns_in(item)


def every_pattern() -> dict[str, list[str]]:
    """Each pattern, with the schemas it is in."""
    found: dict[str, list[str]] = {}
    schemas = {f"file_schemas() {name}": value for name, value in schema.file_schemas().items()}
    schemas |= {f"data/schemas/{p.name}": json.loads(p.read_text(encoding="utf-8"))
                for p in sorted(SCHEMAS.glob("*.json"))}
    for where, value in schemas.items():
        for pattern in patterns_in(value):
            found.setdefault(pattern, []).append(where)
    return found


# --- Samples: (collection, field, value, whether the editor and `khartoum-site check` both accept it) -----

# Known disagreements, until the patterns in fields.py change as the reasons say (strict: a fix shows).
SAMPLES: list[tuple[str, str, str, bool]] = [
    ("sources", "url", "https://example.org/a?b=c#d", True),
    ("sources", "url", "HTTPS://x", True),
    ("sources", "url", "Mailto:office@example.org", True),
    ("sources", "url", "javascript:x", False),
    ("sources", "url", "https://www.iso.org@evil.example/", False),
    ("sources", "url", "https://example.org/a@b?c=d@e", True),
    ("sources", "url", "ftp://example.org", False),
    ("sources", "url", "https://a b", False),
    ("sources", "url", "https://a\u00a0b", False),
    ("sources", "url", "https://a\u3000b", False),
    ("sources", "url", 'https://a"b', False),
    ("sources", "url", "https://a'b", False),
    ("sources", "url", "https://a<b", False),
    ("sources", "url", "https://a\ufeffb", False),
    ("sources", "url", "https://a\x1fb", False),
    ("sources", "url", "https://a\x00b", False),
    ("sources", "file", "seeds/000.txt", True),
    ("sources", "file", "/etc/passwd", False),
    ("sources", "note", "one line\nand another,\twith a tab", True),
    ("sources", "note", "an escape \x1b[0m", False),
    ("states", "id", "south-sudan", True),
    ("states", "id", "South-Sudan", False),
    ("states", "id", "-sudan", False),
    ("states", "id", "south\nsudan", False),
    ("states", "id", "s\u00e3o-tom\u00e9", False),
    ("states", "iso2", "NO", True),
    ("states", "iso2", "NOR", False),
    ("states", "iso2", "no", False),
    ("states", "iso3", "NOR", True),
    ("states", "name", "C\u00f4te d\u2019Ivoire", True),
    ("states", "name", "two\u2028lines", False),
    ("states", "name", "a\ttab", False),
    ("states", "name", "The <i>Khartoum</i> Process", False),  # citeproc's formatting tags
    ("states", "name", 'x <SPAN class="nocase">y</SPAN>', False),
    ("states", "name", "a <p> b < c > d <span>", True),
    ("events", "date", "2025", True),
    ("events", "date", "2025-04", True),
    ("events", "date", "2025-04-09", True),
    ("events", "date", "2025-4-9", False),
    ("events", "date", "25-04-09", False),
    ("events", "date", "\u0662\u0660\u0662\u0665", False),  # 2025 in Arabic-Indic digits
]
KNOWN: dict[str, str] = {}  # sample value → why the two still disagree (none do)


def editor_pattern(collection: str, field: str) -> str:
    """The one pattern a string value of the field must match in the schema."""
    patterns = list(patterns_in(schema.KINDS[collection].fields[field].kind.json_schema()))
    assert len(patterns) == 1, patterns
    return patterns[0]


def validator_accepts(collection: str, field: str, value: str) -> bool:
    """What `khartoum-site check` says of the value: the field's own check, control characters and all."""
    ctx = Context()
    checked = schema.KINDS[collection].fields[field].kind.check(value, Where("sample.yml", Pos(1, 1)), ctx)
    return checked is not None and not ctx.problems


@pytest.fixture(scope="module")
def in_node() -> dict[str, Any]:
    """Node's answer for every pattern and sample: one process for all."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js is not installed: CI must provide `node` to check the schemas' patterns")
        pytest.skip("Node.js is not installed (the patterns are checked as ECMA-262 with it)")
    samples = [[editor_pattern(collection, field), value] for collection, field, value, _ in SAMPLES]
    done = subprocess.run([node, "-e", COMPILE_IN_NODE], input=json.dumps({"patterns": list(every_pattern()),
                                                                             "samples": samples}),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    return {"errors": answer["errors"], "verdicts": dict(zip(SAMPLES, answer["verdicts"], strict=True))}


def test_every_pattern_compiles_as_ecma_262_with_the_u_flag(in_node: dict[str, Any]) -> None:
    found = every_pattern()
    assert schema.KINDS["sources"].fields["url"].kind.json_schema()["pattern"] in found  # the walk reaches them
    refused = [f"{pattern!r} ({', '.join(found[pattern])}): {message}"
               for pattern, message in in_node["errors"].items()]
    assert not refused, "patterns editors' validators cannot compile:\n" + "\n".join(refused)


@pytest.mark.parametrize(("collection", "field", "value", "accepted"), [
    pytest.param(*sample, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[sample[2]])] if sample[2] in KNOWN else [])
    for sample in SAMPLES])
def test_the_editor_and_the_validator_agree(in_node: dict[str, Any], collection: str, field: str, value: str,
                                            accepted: bool) -> None:
    in_editor = in_node["verdicts"][(collection, field, value, accepted)]
    in_validator = validator_accepts(collection, field, value)
    assert (in_editor, in_validator) == (accepted, accepted), \
        f"{collection}.{field} = {value!r}: editor {in_editor}, validator {in_validator}, expected {accepted}"


# --- check-jsonschema ----------------------------------------------------------------------------------


def check_jsonschema(schema_file: Path, *files: Path) -> tuple[int, dict[str, Any]]:
    done = subprocess.run([*CHECK_JSONSCHEMA, "--output-format", "json", "--schemafile", str(schema_file),
                           *map(str, files)], capture_output=True, text=True, timeout=120, check=False)
    assert done.stdout, done.stderr
    return done.returncode, dict(json.loads(done.stdout))


def errors_of(report: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(Path(e["filename"]).name, e["path"], e["message"]) for e in report["errors"]}


def test_check_jsonschema_accepts_every_data_file() -> None:
    assert sorted(p.name for p in DATA.glob("*.yml")) == sorted(schema.DATA_FILES)
    documents = sorted((DATA / "documents").glob("*.yml"))
    assert documents
    runs = [(SCHEMAS / f"{c.name}.schema.json", [DATA / data_file]) for data_file, c in schema.DATA_FILES.items()]
    runs.append((SCHEMAS / "document.schema.json", documents))
    with ThreadPoolExecutor() as pool:
        results = list(pool.map(lambda run: check_jsonschema(run[0], *run[1]), runs))
    failed = {run[0].name: report for run, (code, report) in zip(runs, results, strict=True) if code != 0}
    assert not failed, json.dumps(failed, indent=1, ensure_ascii=False)


def broken_copies(folder: Path) -> tuple[Path, Path]:
    """states.yml and documents/cairo-2025.yml, each with values editors must see flagged."""
    states = (DATA / "states.yml").read_text(encoding="utf-8")
    broken = states.replace('  iso2: "AT"\n', '  iso2: "AUT"\n  capital: Vienna\n', 1)
    assert broken != states
    document = (DATA / "documents" / "cairo-2025.yml").read_text(encoding="utf-8")
    broken_document = document.replace("\ntitle: ", "\ntitel: ", 1).replace("  - id: pp-1\n", "  - id: PP-1\n", 1)
    assert broken_document.count("titel") == 1
    assert "PP-1" in broken_document
    (folder / "documents").mkdir(parents=True, exist_ok=True)
    (folder / "states.yml").write_text(broken, encoding="utf-8")
    (folder / "documents" / "cairo-2025.yml").write_text(broken_document, encoding="utf-8")
    return folder / "states.yml", folder / "documents" / "cairo-2025.yml"


BROKEN = {
    ("states.yml", "$[0].iso2", "'AUT' does not match '^[A-Z]{2}$'"),
    ("states.yml", "$[0]", "Additional properties are not allowed ('capital' was unexpected)"),
    ("cairo-2025.yml", "$", "'title' is a required property"),
    ("cairo-2025.yml", "$", "Additional properties are not allowed ('titel' was unexpected)"),
    ("cairo-2025.yml", "$.paragraphs[0].id", "'PP-1' does not match '^[a-z0-9][a-z0-9-]*$'"),
}


def test_check_jsonschema_refuses_a_broken_copy(tmp_path: Path) -> None:
    states, document = broken_copies(tmp_path)
    state_code, state_report = check_jsonschema(SCHEMAS / "states.schema.json", states)
    document_code, document_report = check_jsonschema(SCHEMAS / "document.schema.json", document)
    assert (state_code, document_code) == (1, 1)
    assert errors_of(state_report) | errors_of(document_report) == BROKEN


def test_the_hook_script_checks_each_file_against_its_schema(tmp_path: Path) -> None:
    # scripts/check-schemas pairs NAME.yml with NAME.schema.json: true of every collection
    assert all(Path(data_file).stem == c.name for data_file, c in schema.DATA_FILES.items())
    data = tmp_path / "data"
    shutil.copytree(SCHEMAS, data / "schemas")
    shutil.copytree(DATA / "documents", data / "documents")
    for data_file in schema.DATA_FILES:
        shutil.copy(DATA / data_file, data / data_file)
    states, document = broken_copies(data)
    (data / "extra.yml").write_text("- id: x\n", encoding="utf-8")
    done = subprocess.run([str(ROOT / "scripts" / "check-schemas"), str(data)], capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, "PATH": f"{Path(sys.executable).parent}"
                                                                               f"{os.pathsep}{os.environ['PATH']}"})
    assert done.returncode == 1, done.stdout + done.stderr
    # only the broken files are reported (each untouched file passed), with what is wrong in them
    lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
    expected = {f"{states}::$[0].iso2: 'AUT' does not match '^[A-Z]{{2}}$'",
                f"{states}::$[0]: Additional properties are not allowed ('capital' was unexpected)",
                f"{document}::$: 'title' is a required property",
                f"{document}::$: Additional properties are not allowed ('titel' was unexpected)",
                f"{document}::$.paragraphs[0].id: 'PP-1' does not match '^[a-z0-9][a-z0-9-]*$'",
                "extra.yml: no schema at schemas/extra.schema.json"}
    assert set(lines) - {"Schema validation errors were encountered."} == expected, done.stderr
