"""Hostile text planted in every string field the schema declares, and how to find it in a page.

The fields are found by walking ``schema.py``: a field added there is planted without an edit here.
Each field gets its own marker (``F12X``), so a leak names the field. Used by the build tier (every
artefact read back) and the browser tier (pages run in Chromium); ``conftest.py`` re-exports it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from khartoum_site.record import fields, model, schema
from khartoum_site.record.validate import stray_mark

HOOK = "__pwned"


def payload(marker: str) -> str:
    """One line that tries every way out of every context we write to (``quoted``: bare, then as a quotation)."""
    return quoted(_core(marker))


def quoted(text: str) -> str:
    """``text`` bare, without the marks `check` refuses outside a quotation (straight marks, the backtick: a reader
    takes them for quotation marks), then whole as a quotation, which passes as the source's words: ``plant`` gives
    the seeds every line it plants. A formula sign of the text still begins the value."""
    bare = text
    while (stray := stray_mark(bare)) is not None:
        bare = bare[:stray[0]] + bare[stray[0] + 1:]
    inner = text if any(c.isalnum() for c in text) else f"{text} q"  # `check` refuses a quotation of no words
    return f"{bare} “{inner}”".strip()


def _core(marker: str) -> str:
    return (f'</title></textarea></script><script>{HOOK}("{marker}")</script>'
            f'<img src=x onerror={HOOK}("{marker}")>"\'><svg onload={HOOK}("{marker}")> '
            f'&lt;/title&gt;&lt;script&gt;{HOOK}("{marker}")&lt;/script&gt; '
            f'&#60;img src=x onerror={HOOK}("{marker}")&#62; '
            f'[x](javascript:{HOOK}("{marker}")) {{: onclick={HOOK}("{marker}") }} *{marker}* `{marker}` '
            f'{PLACEHOLDERS} \\')


# What the citation script fills in, as data text: it must stay as written (tests/browser/test_planted_site.py).
PLACEHOLDERS = "@@url@@ @@accessed-long@@"


def string_fields(kind: fields.Kind[Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every free-text field under a record kind, as a path (``[]`` for a list's items)."""
    if isinstance(kind, fields.Obj):
        for name, spec in kind.fields.items():
            yield from string_fields(spec.kind, (*path, name))
    elif isinstance(kind, fields.FieldsOf):
        yield from string_fields(kind.obj, path)
    elif isinstance(kind, fields.ListOf):
        yield from string_fields(kind.item, (*path, "[]"))
    elif isinstance(kind, fields.Text) and kind.pattern is None:  # ids, codes, URLs and paths have patterns
        yield path


def kinds() -> dict[str, fields.Obj[Any]]:
    """Data file (under data/) → its record kind; a document file is one record."""
    found = {name: schema.KINDS[c.name] for name, c in schema.DATA_FILES.items()}
    found[f"{model.DOCUMENTS_DIR}/*.yml"] = schema.KINDS["documents"]
    return found


def plant_value(record: Any, path: tuple[str, ...], value: str) -> bool:
    """Put ``value`` at ``path`` in a loaded record; lists of records are entered at every item."""
    name, rest = path[0], path[1:]
    if not rest:
        record[name] = value
        return True
    if rest[0] == "[]":
        items = record.setdefault(name, [])
        if len(rest) == 1:
            items.append(value)
            return True
        return any([plant_value(item, rest[1:], value) for item in items])
    if name == "withdrawn" and name not in record:
        return False  # planting a withdrawal would take the record out: withdrawn pages are planted in their test
    return plant_value(record.setdefault(name, {}), rest, value)


# Fields no two records may share (the validator's rules): planted with a marker of their own in each record.
# (another name or an adjective of a state is no other state's: a rule)
# A document's quotation names who issued it (a rule): it opens with its (planted) issuer.
NAMING_QUOTE = ("cites", "[]", "quote")
DISTINCT = {("sources.yml", ("title",)), ("states.yml", ("name",)), ("organisations.yml", ("acronym",)),
            ("instruments.yml", ("names_in_record", "[]")),
            *((file, (field, "[]")) for file in ("states.yml", "others.yml")
              for field in ("also_written", "adjectives"))}
# A role's quotation names its state (a rule): it opens with the state's (planted) name.
ROLE_QUOTE = ("roles", "[]", "cites", "[]", "quote")


# A count's quotation is a whole sentence of its source that writes the count (a rule): the payload stands inside
# one, written as a paragraph of its own in every source's text.
COUNT_QUOTE = ("member_count_quote",)


def counted(text: str) -> str:
    """The sentence a planted count's quotation gives: the payload inside a sentence that counts 40 countries."""
    return f"The process counts 40 countries {text}."


# A paragraph's text is a paragraph of its own of the source, in the place its part gives it: planted one by one.
PARAGRAPH_TEXT = ("paragraphs", "[]", "text")


def plant(data: Path, make: Callable[[str], str] = payload, held: dict[str, str] | None = None) -> dict[str, str]:
    """Plant a payload in every string field of every record under the folder ``data``; return marker → field.
    ``held``: given, the markers whose field holds more than the payload get the text it holds (a role's quotation
    opens with the name of its state)."""
    planted: dict[str, str] = {}
    # a state's map shape bears its name (a rule): the planted state keeps its name among its other names
    names = [state["name"] for state in yaml.safe_load((data / "states.yml").read_text(encoding="utf-8"))]
    lines: list[str] = []
    sentences: list[str] = []  # (paragraphs of their own)
    for pattern, kind in kinds().items():
        for path in sorted(data.glob(pattern)):
            records = yaml.safe_load(path.read_text(encoding="utf-8"))
            placed: dict[str, list[str]] = {"source_heading": [], "preambular": [], "operative_intro": [],
                                            "operative": []}
            # the home page's lead, the process's first two quotations, are whole sentences of their source (a
            # rule): they keep theirs, and the process's other quotations carry the payload
            lead = [(cite, cite.get("quote")) for record in (records if isinstance(records, list) else [records])
                    if isinstance(record, dict) and record.get("subject") for cite in record.get("cites", [])[:2]]
            for field in string_fields(kind):
                targets = records if isinstance(records, list) else [records]
                if field == PARAGRAPH_TEXT or (isinstance(records, dict) and field[-1] in placed):
                    # the source's text holds them in order: the heading, the preambular paragraphs, the words
                    # that open the operative ones, the operative paragraphs (each paragraph's own text)
                    items = records.get("paragraphs", []) if field == PARAGRAPH_TEXT else [records]
                    for item in items:
                        participants = field == PARAGRAPH_TEXT and item.get("id") == records.get(
                            "participants_paragraph")
                        marker = "FPX" if participants else f"F{len(planted)}X"  # a marker of no field's
                        text = make(marker)
                        if participants:
                            # the paragraph of participants names the states its mentions list (a rule): its text,
                            # with a marker of no field's, is also written for the first state, and names it alone
                            states = yaml.safe_load((data / "states.yml").read_text(encoding="utf-8"))
                            states[0]["also_written"] = [*states[0].get("also_written", []), text]
                            (data / "states.yml").write_text(yaml.safe_dump(states, allow_unicode=True,
                                                                            sort_keys=False, width=10_000),
                                                             encoding="utf-8")
                            item["mentions"] = {**item.get("mentions", {}), "states": [states[0]["id"]]}
                        else:
                            planted[marker] = f"{path.name}:{'.'.join(field)}"
                            if field == PARAGRAPH_TEXT:  # a paragraph mentions the states its text names: none
                                item.get("mentions", {}).pop("states", None)
                        if field == PARAGRAPH_TEXT:  # nor the instruments and organisations (a rule): none
                            for named in ("instruments", "organisations"):
                                item.get("mentions", {}).pop(named, None)
                        item[field[-1]] = text
                        placed[item.get("part", "") if field == PARAGRAPH_TEXT else field[-1]].append(text)
                    continue
                # a field that must differ between records (a source's title: a rule) gets one marker each
                groups = [[r] for r in targets] if (path.name, field) in DISTINCT else [targets]
                for group in groups:
                    marker = f"F{len(planted)}X"
                    text = make(marker)
                    # (a role's quotation names its state in its own words, a rule: by an adjective the fixture
                    # gives it, which planting keeps, so that the quotation holds no other field's marker)
                    role = path.name == "states.yml" and field == ROLE_QUOTE
                    count = path.name == "sources.yml" and field == COUNT_QUOTE
                    naming = path.parent.name == model.DOCUMENTS_DIR and field == NAMING_QUOTE and \
                        bool(group[0].get("issued_by"))
                    written = {id(r): f"{(r.get('adjectives') or [r['name']])[0]} {text}" if role else
                               f"{' '.join(r['issued_by'])} {text}" if naming else counted(text) if count else text
                               for r in group}
                    if any([plant_value(r, field, written[id(r)]) for r in group]):
                        planted[marker] = f"{path.name}:{'.'.join(field)}"
                        holders = [written[id(r)] for r in group if r.get("roles")]
                        lines += holders if role else [written[id(group[0])]] if naming else [text]
                        if naming and held is not None:
                            held[marker] = written[id(group[0])]  # (one marker each: DISTINCT)
                        if role and holders and held is not None:
                            held[marker] = holders[0]  # (the fixture gives one state roles)
                        if count:
                            sentences.append(counted(text))
                            if held is not None:
                                held[marker] = counted(text)
                            for r in group:  # (a count's quotation comes with its count, where it is and when)
                                r.update(member_count=40, member_count_at=r.get("member_count_at", "a test"))
                                if not r.get("date"):
                                    r["member_count_read_at"] = "cairo-ministerial-2025"
            for cite, quote in lead:
                cite["quote"] = quote
            lines += [line for role in placed.values() for line in role]
            for record in records if isinstance(records, list) else [records]:
                if isinstance(record, dict) and "publisher" in record:
                    # the record says how a publisher is known (a rule); not from a credit line, which stands where
                    # the planted lines do not (the text's first or last characters)
                    record["publisher_from"] = "website"
                    # (and a website it is read from: a source with no address has none)
                    record.setdefault("url", f"https://planted.example/{record['id']}")
                if isinstance(record, dict) and path.name == "sources.yml" and not record.get("file"):
                    # a quote, or a locator's quotation, needs its source's text in the record: each source gets one
                    record["file"] = f"seeds/planted-{record['id']}.txt"
                    # words of its own: two sources of the same text are refused (a twenty-fifth attack's Y1)
                    (data / record["file"]).write_text(f"The planted text of {record['id']}.\n", encoding="utf-8")
            path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=10_000),
                            encoding="utf-8")
    # the meeting a count is read as about cites its source (a rule)
    read_at = [s["id"] for s in yaml.safe_load((data / "sources.yml").read_text(encoding="utf-8"))
               if s.get("member_count_read_at") == "cairo-ministerial-2025"]
    events = yaml.safe_load((data / "events.yml").read_text(encoding="utf-8"))
    for event in (e for e in events if e["id"] == "cairo-ministerial-2025"):
        event["cites"] = [*event.get("cites", []), *({"source": s, "locator": "a test"} for s in read_at)]
    (data / "events.yml").write_text(yaml.safe_dump(events, allow_unicode=True, sort_keys=False, width=10_000),
                                     encoding="utf-8")
    states = yaml.safe_load((data / "states.yml").read_text(encoding="utf-8"))
    for state, name in zip(states, names, strict=True):
        state["also_written"] = [*state.get("also_written", []), name]
    (data / "states.yml").write_text(yaml.safe_dump(states, allow_unicode=True, sort_keys=False, width=10_000),
                                     encoding="utf-8")
    # Quotes and paragraphs must be verbatim in their source: the payloads are added to every source text.
    for seed in (data / "seeds").glob("*.txt"):
        with seed.open("a", encoding="utf-8") as f:
            f.write("\n" + "\n".join(lines) + "\n" + "".join(f"\n{sentence}\n" for sentence in sentences))
    return planted


def _inert_json(element: Any) -> bool:
    """A data island (the citations' tokens, a page's JSON-LD): a browser runs no ``application/json`` or
    ``application/ld+json`` script, and one that still parses whole as JSON was not broken out of by the text in it."""
    if element.get("type") not in ("application/json", "application/ld+json"):
        return False
    try:
        json.loads(element.string or "")
    except ValueError:
        return False
    return True


def live_markup(soup: BeautifulSoup) -> list[str]:
    """What a browser would run or follow from a planted payload."""
    found = []
    for element in soup.find_all(True):
        if element.name == "script" and HOOK in (element.string or "") and not _inert_json(element):
            found.append(f"<script>{(element.string or '')[:60]}")
        for attr, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on") and HOOK in text:
                found.append(f"<{element.name} {attr}={text[:40]}>")
            if attr in ("href", "src", "action", "xlink:href") and "".join(text.split()).lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                found.append(f"<{element.name} {attr}={text[:40]}>")
    return found


def page_titles(soup: BeautifulSoup) -> list[Any]:
    """The page's own <title> elements (a map's shapes have titles of their own, inside the SVG)."""
    return [t for t in soup.find_all("title") if t.find_parent("svg") is None]
