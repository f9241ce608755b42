"""What each data file may contain: one declarative description per kind of record.

The validator walks these descriptions; nothing else knows the field names. Each field carries a
short description of what is expected, which is what an editor reads in an error message.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from slugify import slugify

from . import model
from .loader import REFUSED, Pos, YList, YMap

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass
class Context:
    """Collects problems and the references to check once every id is known."""

    problems: list[tuple[str, Pos, str, str]] = field(default_factory=list)
    refs: list[tuple[str, str, Where]] = field(default_factory=list)
    # ids of records that had problems, and collections whose file could not be read: references
    # to them are not reported again as unknown ids.
    flawed_ids: set[tuple[str, str]] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)

    def problem(self, where: Where, message: str) -> None:
        self.problems.append((where.file, where.pos, where.field_label(), message))


@dataclass(frozen=True)
class Where:
    """The place of a value: file, position, the record it belongs to and the field path."""

    file: str
    pos: Pos
    record: str = ""
    path: str = ""

    def at(self, pos: Pos, path_part: str) -> Where:
        if path_part.startswith("["):
            path = f"{self.path}{path_part}"
        else:
            path = f"{self.path}.{path_part}" if self.path else path_part
        return Where(self.file, pos, self.record, path)

    def field_label(self) -> str:
        if self.path and self.record:
            return f"{self.record}, field '{self.path}'"
        if self.path:
            return f"field '{self.path}'"
        return self.record


def describe(value: Any) -> str:
    """How a found value is named in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, YMap):
        return "a mapping (key: value lines)"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    if not close and len(word) >= 3:
        # A truncated word ("regional" for "regional-organisation") is far by edit distance.
        close = [c for c in choices if c.startswith(word) or word.startswith(c)][:3]
    if not close:
        return ""
    return "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"


class Kind:
    """A kind of value; ``check`` returns the clean value or None after reporting a problem."""

    expected = "a value"

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """The same rule for editors' tools (JSON Schema, as YAML language servers read it)."""
        raise NotImplementedError


_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")  # a tab too
_CONTROL_NAMES = {0x00: "NUL", 0x08: "backspace", 0x09: "tab", 0x1B: "ESC", 0x7F: "DEL"}
# The same rules for editors' tools, as ECMA-262 patterns (JSON Schema's dialect).
_ONE_LINE_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"
_PROSE_PATTERN = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$"


def _character(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _after(text: str, index: int) -> str:
    before = " ".join(text[:index].split())
    return f" after '…{before[-30:]}'" if before else " at its start"


class Text(Kind):
    """Text of one line (names, titles, ids), or ``prose`` that may run over several lines.

    Neither may hold control characters (they are invisible in an editor and break HTML, CSV and
    line-based formats such as ``objects.inv``); prose keeps newlines and tabs.
    """

    def __init__(self, expected: str = "text", pattern: re.Pattern[str] | None = None,
                 max_length: int = 5000, prose: bool = False) -> None:
        self.expected = expected
        self.pattern = pattern
        self.max_length = max_length
        self.prose = prose

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            ctx.problem(where, f"expected {self.expected}, found {describe(value)}")
            return None
        if not isinstance(value, str):
            if self.pattern is None:
                ctx.problem(where, f"expected {self.expected}, found {describe(value)}; put it in quotes")
            else:
                ctx.problem(where, f"expected {self.expected}, found {describe(value)}")
            return None
        text = value.strip()
        if not text:
            ctx.problem(where, f"expected {self.expected}, found an empty text")
            return None
        if not self.prose and (found := _LINE_BREAK.search(text)):
            ctx.problem(where, f"expected {self.expected} on one line, found a line break"
                        f"{_after(text, found.start())}; write it on one line")
            return None
        bad = (_CONTROL if self.prose else _CONTROL_ONE_LINE).search(text)
        if bad:
            ctx.problem(where, f"expected {self.expected}, found the control character {_character(bad.group())}"
                        f"{_after(text, bad.start())}; remove it (most editors do not show it)")
            return None
        if len(text) > self.max_length:
            ctx.problem(where, f"expected {self.expected} of at most {self.max_length} characters, "
                        f"found {len(text)}")
            return None
        if self.pattern is not None and not self.pattern.match(text):
            ctx.problem(where, f"expected {self.expected}, found {describe(text)}")
            return None
        return text

    def json_schema(self) -> dict[str, Any]:
        found: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": self.max_length,
                                 "description": self.expected}
        if self.pattern is not None:
            found["pattern"] = self.pattern.pattern
        else:
            found["pattern"] = _PROSE_PATTERN if self.prose else _ONE_LINE_PATTERN
        return found


def Prose(expected: str = "text", max_length: int = 5000) -> Text:
    """Text that may run over several lines (descriptions, notes, paragraphs of record)."""
    return Text(expected, max_length=max_length, prose=True)


class Id(Text):
    def __init__(self) -> None:
        super().__init__("an id of lowercase letters, digits and hyphens (e.g. 'south-sudan')",
                         ID_PATTERN, max_length=80)

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        found = len(ctx.problems)
        checked = super().check(value, where, ctx)
        if checked is None and isinstance(value, str) and len(ctx.problems) > found:
            # python-slugify turns what was written into an id an editor can take as it is
            suggestion = slugify(value, max_length=80)
            if suggestion and suggestion != value:
                file, pos, label, message = ctx.problems[-1]
                ctx.problems[-1] = (file, pos, label, f"{message}; did you mean '{suggestion}'?")
        return checked


class Int(Kind):
    def __init__(self, expected: str, minimum: int = 0) -> None:
        self.expected = expected
        self.minimum = minimum

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            ctx.problem(where, f"expected {self.expected}, found {describe(value)}")
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "description": self.expected}


class Bool(Kind):
    expected = "true or false"

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        if not isinstance(value, bool):
            ctx.problem(where, f"expected true or false, found {describe(value)}")
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(Kind):
    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.expected = "one of " + ", ".join(f"'{c}'" for c in choices)

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        if not isinstance(value, str) or value not in self.choices:
            hint = did_you_mean(value, list(self.choices)) if isinstance(value, str) else ""
            ctx.problem(where, f"expected {self.expected}, found {describe(value)}{hint}")
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


class Date(Kind):
    expected = "a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-04-09)"

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return model.PartialDate(value.year, value.month, value.day)
        text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
        match = _DATE_PATTERN.match(text) if text is not None else None
        if match is None:
            ctx.problem(where, f"expected {self.expected}, found {describe(value)}")
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError:
            ctx.problem(where, f"expected a real date, found {describe(value)} (no such day or month)")
            return None
        return model.PartialDate(year, month, day)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "pattern": _DATE_PATTERN.pattern},
                          {"type": "integer", "minimum": 1000, "maximum": 9999}],
                "description": self.expected}


class Url(Text):
    def __init__(self) -> None:
        super().__init__("an address starting with https://, http:// or mailto:",
                         re.compile(r"^(https?://[^\s<>\"']+|mailto:[^\s<>\"']+)$", re.IGNORECASE))


class Ref(Id):
    """The id of a record in another collection; checked once every file is read."""

    def __init__(self, collection: str) -> None:
        super().__init__()
        self.collection = collection
        self.expected = f"the id of a record in {collection}"

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        ident = super().check(value, where, ctx)
        if ident is not None:
            ctx.refs.append((self.collection, ident, where))
        return ident


class ListOf(Kind):
    def __init__(self, item: Kind, min_items: int = 0, unique: bool = True) -> None:
        self.item = item
        self.min_items = min_items
        self.unique = unique
        self.expected = f"a list, each item {item.expected}"

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        if not isinstance(value, YList):
            ctx.problem(where, f"expected {self.expected} (lines starting with '- '), found {describe(value)}")
            return None
        if len(value) < self.min_items:
            ctx.problem(where, f"expected at least {self.min_items} item(s), found {len(value)}")
            return None
        out = []
        seen: dict[Any, int] = {}
        for i, (item, pos) in enumerate(zip(value, value.item_pos, strict=True)):
            if item is REFUSED:
                continue
            checked = self.item.check(item, where.at(pos, f"[{i}]"), ctx)
            if checked is None:
                continue
            if self.unique and isinstance(checked, str):
                if checked in seen:
                    ctx.problem(where.at(pos, f"[{i}]"), f"'{checked}' is listed twice (also item {seen[checked]})")
                    continue
                seen[checked] = i
            out.append(checked)
        return tuple(out)

    def json_schema(self) -> dict[str, Any]:
        found: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            found["minItems"] = self.min_items
        if self.unique:
            found["uniqueItems"] = True
        return found


@dataclass(frozen=True)
class F:
    """A field of a record: its name, kind, whether it must be given, and what it means."""

    name: str
    kind: Kind
    required: bool = False
    doc: str = ""
    default: Any = None


class Obj(Kind):
    """A mapping with known fields, turned into the model class ``cls``."""

    def __init__(self, cls: type, fields: list[F], expected: str, label: str = "") -> None:
        self.cls = cls
        self.fields = {f.name: f for f in fields}
        self.expected = expected
        self.label = label

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        values = self.check_fields(value, where, ctx)
        return None if values is None else self.cls(**values)

    def check_fields(self, value: Any, where: Where, ctx: Context) -> dict[str, Any] | None:
        if not isinstance(value, YMap):
            ctx.problem(where, f"expected {self.expected} (key: value lines), found {describe(value)}")
            return None
        if self.label:
            ident = value.get("id")
            name = f"'{ident}'" if isinstance(ident, str) else f"at line {value.pos.line}"
            where = Where(where.file, where.pos, f"{self.label} {name}", "")
        ok = True
        for key in value:
            if key not in self.fields:
                known = list(self.fields)
                hint = did_you_mean(key, known) or ("; expected one of: " + ", ".join(known))
                ctx.problem(where.at(value.key_pos[key], key), f"unknown key '{key}'{hint}")
                ok = False
        out: dict[str, Any] = {}
        for name, spec in self.fields.items():
            if value.get(name) is REFUSED:  # the loader has reported it
                ok = False
                continue
            if name not in value or value[name] is None:
                if spec.required:
                    found = "an empty value" if name in value else "nothing"
                    pos = value.value_pos[name] if name in value else value.pos
                    ctx.problem(where.at(pos, name),
                                f"missing required field: expected {spec.kind.expected}"
                                + (f" ({spec.doc})" if spec.doc else "") + f", found {found}")
                    ok = False
                else:
                    out[name] = spec.default
                continue
            checked = spec.kind.check(value[name], where.at(value.value_pos[name], name), ctx)
            if checked is None:
                ok = False
            out[name] = checked
        if "origin" in getattr(self.cls, "__dataclass_fields__", {}):
            positions = tuple((k, p.line, p.column) for k, p in value.value_pos.items())
            out["origin"] = model.Origin(where.file, value.pos.line, value.pos.column, positions)
        return out if ok else None

    def json_schema(self) -> dict[str, Any]:
        properties = {}
        for name, spec in self.fields.items():
            prop = spec.kind.json_schema()
            if spec.doc:
                prop["description"] = spec.doc
            properties[name] = prop
        return {
            "type": "object",
            "description": self.expected,
            "properties": properties,
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }


class FieldsOf(Kind):
    """A record checked field by field but built later, by whoever knows what it belongs to."""

    def __init__(self, obj: Obj) -> None:
        self.obj = obj
        self.expected = obj.expected

    def check(self, value: Any, where: Where, ctx: Context) -> Any:
        return self.obj.check_fields(value, where, ctx)

    def json_schema(self) -> dict[str, Any]:
        return self.obj.json_schema()


# --- The records -----------------------------------------------------------------------------------

FORMER_IDS = F("former_ids", ListOf(Id()), default=(),
                doc="ids this record was published under before; their URLs and anchors redirect here")

CITE = Obj(model.Cite, [
    F("source", Ref("sources"), required=True, doc="the id of a source in sources.yml"),
    F("quote", Prose("the words of the source, copied exactly"),
      doc="the source's own words that support the record; checked letter for letter against its text"),
    F("locator", Text("where in the source to look"), doc="page, section or item, for sources without text"),
], "a citation with 'source' and optionally 'quote' or 'locator'")

CITES = ListOf(CITE, min_items=1, unique=False)
NOTES = ListOf(Prose("an annotation"), unique=False)

MENTIONS = Obj(model.Mentions, [
    F(name, ListOf(Ref(name)), default=(), doc=f"ids from {name}") for name in model.MENTION_COLLECTIONS
], "a mapping of collection name to a list of ids")

SOURCE = Obj(model.Source, [
    F("id", Id(), required=True),
    FORMER_IDS,
    F("title", Text(), required=True, doc="the source's title, or a description if it has none"),
    F("kind", Choice("announcement", "news-report", "reference"), required=True),
    F("publisher", Text(), doc="who published it, if the record says"),
    F("date", Date(), doc="date of publication, if known"),
    F("url", Url(), doc="where the source can be read"),
    F("file", Text("a path under data/ to the source's text, e.g. seeds/000.txt",
                   re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")),
      doc="the verbatim text, against which quotes are checked"),
    F("note", Prose(), doc="what a reader should know about this source"),
], "a source", label="source")

ROLE = Obj(model.Role, [
    F("text", Prose(), required=True),
    F("cites", CITES, required=True),
], "a role with 'text' and 'cites'")

STATE = Obj(model.MemberState, [
    F("id", Id(), required=True),
    FORMER_IDS,
    F("name", Text(), required=True, doc="the name as the declaration gives it"),
    F("iso2", Text("an ISO 3166-1 alpha-2 code (two capital letters)", re.compile(r"^[A-Z]{2}$")),
      required=True),
    F("iso3", Text("an ISO 3166-1 alpha-3 code (three capital letters)", re.compile(r"^[A-Z]{3}$")),
      required=True),
    F("region", Choice("eu-member-state", "other-european-state", "african-state"), required=True),
    F("subregion", Choice("northern-africa", "eastern-africa"), doc="for African states: the UN M49 sub-region"),
    F("roles", ListOf(ROLE, unique=False), default=()),
    F("cites", CITES, required=True),
    F("notes", NOTES, default=()),
], "a participating state", label="state")

ORGANISATION = Obj(model.Organisation, [
    F("id", Id(), required=True),
    FORMER_IDS,
    F("name", Text(), required=True, doc="the full name as the record gives it"),
    F("acronym", Text()),
    F("kind", Choice("eu-institution", "au-institution", "regional-organisation",
                     "international-organisation", "un-entity"), required=True),
    F("role", Prose(), required=True, doc="its part in the process, as the record describes it"),
    F("cites", CITES, required=True),
    F("notes", NOTES, default=()),
], "a partner organisation", label="organisation")

INSTRUMENT = Obj(model.Instrument, [
    F("id", Id(), required=True),
    FORMER_IDS,
    F("name", Text(), required=True),
    F("names_in_record", ListOf(Text("a name as the record writes it")), default=(),
      doc="every way the sources write its name"),
    F("kind", Choice("declaration", "action-plan", "agenda", "convention", "compact", "agreement",
                     "pact", "alliance", "process"), required=True),
    F("date", Date(), doc="when it was adopted or signed, as far as the record says"),
    F("cites", CITES, required=True),
    F("notes", NOTES, default=()),
], "an instrument or process", label="instrument")

TOPIC = Obj(model.Topic, [
    F("id", Id(), required=True),
    FORMER_IDS,
    F("name", Text(), required=True),
    F("kind", Choice("jvap-domain", "theme"), required=True),
    F("description", Prose()),
    F("cites", CITES, required=True),
], "a topic", label="topic")

EVENT = Obj(model.Event, [
    F("id", Id(), required=True),
    FORMER_IDS,
    F("date", Date(), required=True),
    F("title", Text(), required=True),
    F("place", Text()),
    F("description", Prose(), required=True),
    F("chair", ListOf(Text("a name as a source writes it")), default=(),
      doc="who chaired, in every spelling the sources use"),
    F("adopted", MENTIONS, default=model.Mentions(), doc="documents and instruments adopted at the event"),
    F("mentions", MENTIONS, default=model.Mentions()),
    F("cites", CITES, required=True),
    F("notes", NOTES, default=()),
], "an event", label="event")

CLAUSE_FIELDS = [
    F("id", Id(), required=True, doc="permanent: never derived from the position or wording"),
    FORMER_IDS,
    F("part", Choice("preambular", "operative"), required=True),
    F("number", Int("a paragraph number (1 or more)", minimum=1), required=True),
    F("title", Text(), required=True, doc="an editor's short title (an annotation, not text of record)"),
    F("text", Prose(max_length=20000), required=True, doc="the paragraph, verbatim"),
    F("mentions", MENTIONS, default=model.Mentions()),
    F("topics", ListOf(Ref("topics")), default=()),
    F("notes", NOTES, default=()),
]

CLAUSE = Obj(model.Clause, CLAUSE_FIELDS, "a paragraph", label="paragraph")

DOCUMENT_FIELDS = [
    F("id", Id(), required=True),
    FORMER_IDS,
    F("title", Text(), required=True),
    F("kind", Choice("declaration", "action-plan"), required=True),
    F("date", Date()),
    F("adopted_at", Ref("events")),
    F("text_in_record", Bool(), required=True, doc="whether the sources give the text"),
    F("text_note", Prose(), doc="what the record says, or does not say, about the text"),
    F("source_heading", Text(), doc="the source's own heading above the paragraphs, verbatim"),
    F("operative_intro", Text(), doc="the words that open the operative part, verbatim"),
    F("clauses", ListOf(FieldsOf(CLAUSE), unique=False), default=()),
    F("cites", CITES, required=True),
    F("notes", NOTES, default=()),
]

# data file (relative to data/) → (collection, record kind)
COLLECTION_FILES = {
    "sources.yml": ("sources", SOURCE),
    "states.yml": ("states", STATE),
    "organisations.yml": ("organisations", ORGANISATION),
    "instruments.yml": ("instruments", INSTRUMENT),
    "topics.yml": ("topics", TOPIC),
    "events.yml": ("events", EVENT),
}
DOCUMENTS_DIR = "documents"

DOCUMENT = Obj(model.Document, DOCUMENT_FIELDS, "a document", label="document")


def file_schemas() -> dict[str, dict[str, Any]]:
    """A JSON Schema per kind of data file, named as in data/schemas/ (``states.schema.json``, …)."""
    found: dict[str, dict[str, Any]] = {}
    for name, (collection, kind) in COLLECTION_FILES.items():
        found[f"{collection}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"data/{name}",
            "type": "array",
            "items": kind.json_schema(),
        }
    found["document.schema.json"] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"data/{DOCUMENTS_DIR}/*.yml",
        **DOCUMENT.json_schema(),
    }
    return found


def schema_line(data_file: str) -> str:
    """The comment at the top of a data file that points editors' tools at its schema."""
    if data_file.startswith(f"{DOCUMENTS_DIR}/"):
        return "# yaml-language-server: $schema=../schemas/document.schema.json"
    return f"# yaml-language-server: $schema=schemas/{COLLECTION_FILES[data_file][0]}.schema.json"
