"""Turn data/ into a ``Record``, or report every problem in it at once.

Order of work: read each file (``loader``), check each record against ``schema``, then the checks
that need the whole record — duplicate ids, references to unknown ids, quotes and paragraphs that
must be verbatim in their source text.
"""

from __future__ import annotations

import bisect
import calendar
import contextlib
import dataclasses
import functools
import hashlib
import itertools
import os
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from khartoum_site import escape
from khartoum_site.record import files, geodata, history, loader, model, roles
from khartoum_site.record.fields import (
    Choice,
    Context,
    Id,
    ListOf,
    Obj,
    Text,
    Url,
    Where,
    character_name,
    describe,
    look_alike_key,
    specs,
)
from khartoum_site.record.loader import REFUSED, Pos, YList, YMap
from khartoum_site.record.problems import MAX_PER_FILE, DataError, Problem, did_you_mean
from khartoum_site.record.schema import DATA_FILES, KINDS
from khartoum_site.record.sourcetext import SourceText


def shown(path: Path) -> str:
    """A path as an editor sees it in messages: relative to where the command runs when it is given so or lies
    inside it; a folder given by its full path outside it stays so (``data_dir: /etc`` was named ../../../etc)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    except FileNotFoundError:  # the working folder is gone (a server started inside a build since replaced)
        return str(path)
    if os.path.isabs(path) and relative.split(os.sep, 1)[0] == os.pardir:
        return os.path.normpath(path)
    return relative




Rule = Callable[[model.Record, Context], None]
"""A check over the whole record (two fields, or two records): it reports through the ``Context``."""


def not_a_data_folder(data_dir: Path) -> Problem | None:
    """The one problem of a path that is not a data folder at all, or None: not one "missing" for each data file,
    nor an "unknown data file" for each file of another folder (a data_dir set to /etc, an attack's W18)."""
    if not data_dir.is_dir():
        found = "there is nothing at this path" if not data_dir.exists() else "this is a file, not a folder"
    elif not any((data_dir / name).exists() for name in DATA_FILES) and not (data_dir / model.DOCUMENTS_DIR).exists():
        found = f"this folder holds none of the record's data files ({', '.join(DATA_FILES)})"
    else:
        return None
    return Problem(shown(data_dir), 1, 1, detail=f"{found}: give the data folder, the one that holds states.yml and "
                                                 "the other data files")


def load_record(data_dir: Path, rules: Sequence[Rule] = ()) -> model.Record:
    """Read and check every file under ``data_dir``; raise ``DataError`` listing all problems.

    A file whose bytes were checked before in this process is not parsed or checked again (``_CHECKED``).
    ``rules`` are the checks of a later stage (the site's, ``site/gate.py``), run with the record's own
    ``RULES`` so that one run reports every problem. Whether the record still serves every URL
    published before is the gate's next step, ``manifest.check_published``.
    """
    ctx = Context()
    raw_problems: list[Problem] = []
    record = model.Record()
    data_dir = Path(data_dir)
    root = data_dir.resolve()
    if (not_data := not_a_data_folder(data_dir)) is not None:
        raise DataError([not_data])

    for name, collection in DATA_FILES.items():
        path = data_dir / name
        if not path.exists() and not path.is_symlink():
            raw_problems.append(Problem(shown(path), 1, 1, detail=f"the data file {name} is missing"))
            continue
        result = _checked_file(path, root, collection.name, raw_problems)
        if result is None or not result.readable:
            ctx.unreadable.add(collection.name)
        if result is not None:
            result.replay(ctx)
            for entry in result.entries:
                _add(getattr(record, collection.name), entry, collection.singular, ctx)

    docs_dir = data_dir / model.DOCUMENTS_DIR
    for path in sorted(p for p in docs_dir.glob("*.yml") if not files.editor_artefact(p.name)) \
            if docs_dir.is_dir() else []:
        if (odd := escape.unseen(path.name)) is not None:
            # a name that is not UTF-8 (a Latin-1 archive unpacked) or holds a control: every engine names the
            # file in the edit link and its messages, and one ended in a traceback (a fourteenth attack)
            held = ("a byte that is not UTF-8 text" if 0xDC80 <= ord(odd) <= 0xDCFF
                    else "the character " + escape.terminal_text(ascii(odd)))
            raw_problems.append(Problem(escape.terminal_text(shown(path)), 1, 1, detail=f"the file's name holds {held}",
                                        hint="rename the file with letters, digits and hyphens"))
            continue
        result = _checked_file(path, root, "documents", raw_problems)
        if result is not None:
            result.replay(ctx)
        if result is not None and result.entries:
            _add(record.documents, result.entries[0], "document", ctx)
        else:
            ctx.flawed_ids.add(("documents", path.stem))

    own = len(ctx.problems)  # what each file showed on its own; what follows is found across files
    record.set_aside_withdrawn()
    for rule in (*RULES, *rules):
        try:
            rule(record, ctx)
        except (LookupError, TypeError, AttributeError, ValueError):
            # A rule over entries whose own problems are reported already may meet what those problems left out (a
            # twentieth attack's citation without its source stopped check in a traceback): the problems reported
            # say what to fix first. With none reported, it is the tool's error, and it is raised.
            if not (raw_problems or ctx.problems):
                raise
    _check_against_sources(record, data_dir, ctx)
    geojson = data_dir / geodata.GEOJSON
    geo, geo_problems = geodata.read_geodata(geojson, shown(geojson), root)
    raw_problems += geo_problems
    if geo is not None:
        _check_map_codes(record, geo, ctx)
        _check_seats_on_the_map(record, geo, ctx)

    if raw_problems or ctx.problems or ctx.omitted:
        raise DataError(raw_problems + ctx.problems[:own], ctx.problems[own:], ctx.omitted)
    record.index()
    return record


def _abbreviates(short: str, name: str) -> bool:
    """Whether a shape's name shortens the state's, word by word in order: "Central African Rep." of "Central African
    Republic", "Dem. Rep. Congo" of "Democratic Republic of the Congo" (a new state with its right codes was refused:
    an attack's BQ11)."""
    words = iter(name.casefold().replace(".", " ").split())
    return all(any(word.startswith(part) for word in words) for part in short.casefold().replace(".", " ").split())


def _check_map_codes(record: model.Record, geo: geodata.GeoData, ctx: Context) -> None:
    """Each state's code is its own and one the map can draw: a code the shapes do not know, or one given to two
    states, passed check and stopped the build (generate printed a traceback: a twentieth attack)."""
    holder: dict[str, str] = {}
    states = list(record.states.values())
    for state, found in zip(states, geodata.placement(geo, [(s.iso3, s.name) for s in states]), strict=True):
        where = at(state, f"state '{state.id}'", "iso3")
        before = len(ctx.problems)
        if state.iso3 in holder:
            ctx.problem(where, f"state '{holder[state.iso3]}' has the code '{state.iso3}' too: each state has a "
                        "code of its own", hint="check the code against ISO 3166-1 alpha-3")
        elif found is None:
            ctx.problem(where, f"the map's country shapes ({geodata.GEOJSON.as_posix()}) have no country with the "
                        f"code '{state.iso3}', nor one named '{state.name}' that no other state takes",
                        hint="check the code against ISO 3166-1 alpha-3; a state the shapes leave out needs a "
                        "marker in record/geodata.py")
        elif found and (shape := geo.countries[found[0]]).iso3 == state.iso3 and not any(
                re.search(rf"(?<!\w){re.escape(shape.name.casefold())}", name.casefold())
                or _abbreviates(shape.name, name)
                for name in (state.name, state.name_in_sentence, *state.also_written,
                             geodata.NATURAL_EARTH_NAMES.get(state.iso3)) if name):
            # (the shape's name at a word's start in one of the state's: "Republic of Austria", "Austrian Republic")
            # a slip of one letter drew Iceland as Ireland (ISL), Somaliland as Somalia (an attack's BI1)
            ctx.problem(where, f"the map's shape with the code '{state.iso3}' is {shape.name!r}, not "
                        f"{state.name!r}: the map would draw that country as this state",
                        hint="check the code against ISO 3166-1 alpha-3")
        elif found and (shape := geo.countries[found[0]]).iso3 == state.iso3 and shape.continent and \
                (shape.continent == "Africa") != (state.region == "african-state"):
            # Egypt made an "other European state" (its sub-region taken out with it) changed the home page's count of
            # the groups (an attack's BO1): the map's shape says which continent the state is on
            ctx.problem(at(state, f"state '{state.id}'", "region"), f"it is {state.region}, and the map's shape "
                        f"of {shape.name!r} is in {shape.continent}", hint="give the group of the state's continent")
        elif found and (shape := geo.countries[found[0]]).iso3.isalpha() and shape.iso3 != state.iso3:
            # found by its name: the pages, their structured data and the downloads gave Austria the code AUS (BI1)
            ctx.problem(where, f"the map's shape named {shape.name!r} has the code '{shape.iso3}', not "
                        f"'{state.iso3}'", hint="check the code against ISO 3166-1 alpha-3")
        holder.setdefault(state.iso3, state.id)
        if (first := holder.setdefault(f"iso2:{state.iso2}", state.id)) != state.id:
            ctx.problem(at(state, f"state '{state.id}'", "iso2"), f"state '{first}' has the code '{state.iso2}' "
                        "too: each state has a code of its own", hint="check the code against ISO 3166-1 alpha-2")
        elif state.iso2 and len(ctx.problems) == before and (country := pycountry.countries.get(
                alpha_2=state.iso2)) != pycountry.countries.get(alpha_3=state.iso3):  # (an iso3 said is the slip)
            # the two codes of one country, in ISO 3166-1 as pycountry carries it (Debian's iso-codes): Austria given
            # Australia's "AU", or a code of no country, showed on its page, the CSV and the JSON (BN2)
            whose = f"that of {country.name} ({country.alpha_3})" if country else "no country's"
            ctx.problem(at(state, f"state '{state.id}'", "iso2"), f"in ISO 3166-1 the alpha-2 code "
                        f"'{state.iso2}' is {whose}, not that of the alpha-3 code '{state.iso3}' this state gives",
                        hint="check both codes against ISO 3166-1")


@dataclass(frozen=True)
class _CheckedFile:
    """What checking one data file found, apart from the rest: its entries, and what it adds to the Context."""

    entries: tuple[Any, ...]  # the entries that passed their own checks
    problems: tuple[Problem, ...]
    refs: tuple[tuple[str, str, Where], ...]  # references to check once every id is known
    flawed_ids: frozenset[tuple[str, str]]
    readable: bool  # the file held what it should (a list of entries, or one document)
    omitted: tuple[tuple[str, int], ...] = ()  # problems counted, not kept (past the cap), by file
    quiet: frozenset[str] = frozenset()  # entries kept without a refused part, by label: nothing more said of them

    def replay(self, ctx: Context) -> None:
        ctx.problems.extend(self.problems)
        ctx.quiet.update(self.quiet)
        for file, count in self.omitted:
            ctx.omitted[file] = ctx.omitted.get(file, 0) + count
        ctx.refs.extend(self.refs)
        ctx.flawed_ids.update(self.flawed_ids)


_CHECKED: dict[tuple[str, str, bytes], _CheckedFile] = {}
"""Data files already checked, by what the result depends on: the collection, the path as messages show it,
and a digest of the bytes. An unchanged file is not checked again (a server's rebuild, or every run of
``check`` in one process); a changed byte misses. Bounded: the oldest results go first."""
_CHECKED_MAX = 256


def _checked_file(path: Path, root: Path, collection: str, problems: list[Problem]) -> _CheckedFile | None:
    """One data file read and checked on its own; None (its problems added) when it cannot be read."""
    file = shown(path)
    raw, read_problems = files.read_bytes(path, file, root)
    if raw is None:
        problems.extend(read_problems)
        return None
    key = (collection, file, hashlib.blake2b(raw, digest_size=16).digest())
    if key in _CHECKED:
        return _CHECKED[key]
    ctx = Context()
    value = _read(file, raw, ctx, expect_list=collection != "documents")
    entries: list[Any] = []
    quiet: set[str] = set()
    if collection == "documents":
        document = _document(file, value, ctx) if value is not None else None
        entries += [document] if document is not None else []
        # a document kept without a paragraph refused: what is said of it after reads its paragraphs (its heading
        # stands right before the first; its list of participants is one of them), so nothing more is (AG9)
        if document is not None and len(document.paragraphs) < len(_written_paragraphs(value)):
            quiet.add(f"document '{document.id}'")
    elif value is not None:
        for i, (item, pos) in enumerate(zip(value, value.item_pos, strict=True)):
            said, defaulted = sum(ctx.kept.values()), ctx.defaulted
            checked = KINDS[collection].check(item, Where(file, pos, path=f"[{i}]"), ctx)
            if checked is not None:
                entries.append(checked)
            # an entry kept without a part that was refused is flawed too: what a check reads of it may be
            # missing (a state whose citation of its name was refused for a control character is not said, again,
            # not to be named by the texts it cites)
            if (checked is None or sum(ctx.kept.values()) > said) and isinstance(item, YMap) \
                    and isinstance(item.get("id"), str):
                ctx.flawed_ids.add((collection, item["id"]))
                if checked is not None and ctx.defaulted > defaulted:  # a refused number, date or choice: a later
                    quiet.add(f"{checked.singular} '{item['id']}'")  # check would read it as missing (AE12)
    result = _CheckedFile(tuple(entries), tuple(ctx.problems), tuple(ctx.refs), frozenset(ctx.flawed_ids),
                          value is not None, tuple(ctx.omitted.items()), frozenset(quiet))
    while len(_CHECKED) >= _CHECKED_MAX:
        del _CHECKED[next(iter(_CHECKED))]
    _CHECKED[key] = result
    return result


def _read(file: str, raw: bytes, ctx: Context, expect_list: bool) -> Any:
    loaded = loader.parse(raw, file)
    ctx.problems.extend(loaded.problems)
    if loaded.value is None or loaded.value is REFUSED:
        return None  # nothing readable; a duplicate key or a refused tag deeper in still leaves the rest
    value = loaded.value
    wanted, cls = ("a list of records (lines starting with '- ')", YList) if expect_list else \
        ("one document (key: value lines)", YMap)
    if not isinstance(value, cls):
        at = getattr(value, "pos", Pos(1, 1))
        ctx.problem(Where(file, at), expected=f"{wanted} at the top of the file", found=describe(value))
        return None
    return value


def _add(target: dict[str, Any], item: Any, singular: str, ctx: Context) -> None:
    if item.id in target:
        first = target[item.id].origin
        ctx.problem(at(item, f"{singular} '{item.id}'", "id"),
                    f"duplicate id '{item.id}': already used by the {singular} at {first.file}:{first.line}; "
                    "ids must be unique")
        return
    target[item.id] = item


def _document(file: str, value: YMap, ctx: Context) -> model.Document | None:
    fields = KINDS["documents"].check_fields(value, Where(file, value.pos), ctx)
    if fields is None:
        return None
    paragraphs: dict[str, model.Paragraph] = {}
    numbers: dict[tuple[str, int], model.Paragraph] = {}
    for draft in fields["paragraphs"]:
        paragraph = model.Paragraph(document=fields["id"], **draft)
        label = f"paragraph '{paragraph.id}'"
        if paragraph.id in paragraphs:
            ctx.problem(at(paragraph, label, "id"), f"duplicate id '{paragraph.id}': already used on line "
                        f"{paragraphs[paragraph.id].origin.line}; paragraph ids must be unique in a document")
            continue
        if (paragraph.part, paragraph.number) in numbers:
            other = numbers[(paragraph.part, paragraph.number)]
            ctx.problem(at(paragraph, label, "number"),
                        f"{paragraph.label} is already given on line {other.origin.line}")
            continue
        paragraphs[paragraph.id] = paragraph
        numbers[(paragraph.part, paragraph.number)] = paragraph
    fields["paragraphs"] = tuple(paragraphs.values())
    document = model.Document(**fields)
    named = document.participants_paragraph
    # with a paragraph refused (its title missing), the one named may be that one: its problem is said, and "expected
    # the id of one of this document's paragraphs" of it was not true (an attack's AG9); said once it is fixed
    if named is not None and named not in paragraphs and len(paragraphs) == len(_written_paragraphs(value)):
        ctx.problem(at(document, f"document '{document.id}'", "participants_paragraph"),
                    expected="the id of one of this document's paragraphs", found=f"'{named}'",
                    hint=did_you_mean(named, sorted(paragraphs)) or "")
    return document


def _written_paragraphs(value: YMap) -> list[Any]:
    """A document's paragraphs as its file writes them, those refused included."""
    written = value.get("paragraphs")
    return written if isinstance(written, YList) else []


def _check_references(record: model.Record, ctx: Context) -> None:
    withdrawn_labels = {f"{e.singular} '{e.id}'" for e in record.withdrawn.values()}
    for collection, ident, where in ctx.refs:
        known: dict[str, Any] = getattr(record, collection)
        if collection in ctx.unreadable or (collection, ident) in ctx.flawed_ids:
            continue
        gone = record.withdrawn.get(f"{collection}/{ident}")
        if gone is not None and where.entry not in withdrawn_labels:
            see = gone.withdrawn.see if gone.withdrawn else None
            ctx.problem(where, f"{model.COLLECTION[collection].singular} '{ident}' was withdrawn on "
                        f"{gone.withdrawn.date.iso()} ({gone.origin.file}:{gone.origin.line}); an entry still in "
                        "the record cannot name it",
                        hint=f"name '{see.split('/', 1)[1]}' instead, or remove the reference" if see
                        else "remove the reference")
            continue
        if ident not in known:
            hint = _hint(ctx, where, ident, list(known))
            ctx.problem(where, f"unknown {model.COLLECTION[collection].singular} id '{ident}'"
                        + ("" if hint else f" (no such id in {collection})"), hint=hint)


HINT_COMPARISONS = 200_000


def _hint(ctx: Context, where: Where, word: str, choices: list[str]) -> str:
    """A "did you mean" hint, within a budget: a hint compares the word with every choice, and thousands of unknown
    ids (or withdrawals' keys, Z10) against thousands of ids ran for minutes (an attack's Y12); past the budget, and
    for a problem not listed, the problem comes without one."""
    if ctx.kept.get(where.file, 0) >= MAX_PER_FILE or ctx.compared >= HINT_COMPARISONS:
        return ""
    ctx.compared += len(choices)
    return did_you_mean(word, choices)


def _check_former_ids(record: model.Record, ctx: Context) -> None:
    """A former id keeps its old links working, so it must point at exactly one record."""
    def with_withdrawn(prefix: str, items: dict[str, Any]) -> dict[str, Any]:
        """A collection's entries and its withdrawn ones: a withdrawn id still answers, so it is in use."""
        gone = {key.split("/", 1)[1]: e for key, e in record.withdrawn.items() if key.startswith(f"{prefix}/")}
        return {**gone, **items}

    groups: list[tuple[str, dict[str, Any]]] = [(c.singular, with_withdrawn(c.name, getattr(record, c.name)))
                                                for c in model.COLLECTIONS]
    groups += [("paragraph", with_withdrawn(d.id, {c.id: c for c in d.paragraphs})) for d in record.documents.values()]
    for singular, items in groups:
        seen: dict[str, Any] = {}
        for item in items.values():
            label = f"{singular} '{item.id}'"
            for former in item.former_ids:
                if former in items:
                    other = items[former].origin
                    ctx.problem(at(item, label, "former_ids"), f"'{former}' is the id of the {singular} at "
                                f"{other.file}:{other.line}; a former id must not be in use")
                elif former in seen:
                    ctx.problem(at(item, label, "former_ids"), f"'{former}' is already a former id of "
                                f"{singular} '{seen[former].id}'; old links can lead to one place only")
                else:
                    seen[former] = item
    for document in record.documents.values():
        for ident in (document.id, *document.former_ids):
            if ident in model.COLLECTION:
                ctx.problem(at(document, f"document '{document.id}'", "id"),
                            f"'{ident}' is the name of a collection; a document needs another id")


def _source_text(source: model.Source, data_dir: Path, ctx: Context) -> str | None:
    if source.file is None:
        return None
    path = data_dir / source.file
    where = at(source, f"source '{source.id}'", "file")
    if not (path.exists() or path.is_symlink()):
        ctx.problem(where, f"expected a file under {shown(data_dir)}/, found no file '{source.file}'")
        return None
    # A path leaving data/ (through '..' or a link), a folder, a pipe or a device: read_text says which.
    text, problems = files.read_text(path, shown(path), data_dir.resolve(), limit=SOURCE_TEXT_BYTES)
    for problem in problems:  # said of the source's own file, and of the field that names it
        ctx.problem(where, f"its text {shown(path)}: {problem.message}" if problem.line == 1 else
                    f"its text {shown(path)}, line {problem.line}: {problem.message}")
    if text is None:
        return None
    inside = path.resolve().relative_to(data_dir.resolve()).parts  # read: a file inside data/, through any link
    # a data file given as a source's text held the made-up quotation itself, and checked it (an attack's Y1):
    # through a symbolic link too (Z3), the map's files (geo/, Z4), a hard link or a copy (its entries, Q3)
    if Path(inside[-1]).suffix.lower() in _NOT_A_TEXT or (len(inside) == 1 and inside[0] in DATA_FILES) \
            or (len(inside) > 1 and inside[0] in (model.DOCUMENTS_DIR, "schemas", "geo")) \
            or len(_DATA_ENTRY.findall(text, 0, 1 << 16)) >= 2:
        ctx.problem(where, f"'{source.file}' is a file of the record's own data, not the text of a source",
                    hint="give the file that holds the source's own text (a seeds/*.txt file)")
        return None
    # pdftotext opens a page's first line with a form feed, inside a paragraph as often as not: read as a blank
    # line, it ended the paragraph there (a thirty-first attack's U11)
    text = _PAGE_BREAK.sub("", text.replace("\r\n", "\n"))  # a file saved on Windows reads as any other (X8)
    if found := _UNSEEN_BREAK.search(text):
        # a break no editor sees split a paragraph, and its first half passed as a whole one (U13)
        ctx.problem(where, f"its text {shown(path)}, line {text.count(chr(10), 0, found.start()) + 1}: it holds "
                    f"{character_name(found.group())}, which ends a line where none shows, and so a paragraph",
                    hint="replace it by a space, or by a line break (LF) where the source has one")
        return None
    if found := _UNSHOWN.search(text):
        # a control character, a noncharacter or a direction override: the page showing the whole text dropped the
        # first, and wrote the others as they are, so it showed another text than the record keeps (an attack's BC4)
        ctx.problem(where, f"its text {shown(path)}, line {text.count(chr(10), 0, found.start()) + 1}: it holds "
                    f"{character_name(found.group())}, which no page can show as the text has it",
                    hint="remove it, or write what it stands for")
        return None
    return text


_PAGE_BREAK = re.compile("(?m)^\f+")
_UNSHOWN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff"
                      "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")
_UNSEEN_BREAK = re.compile("[\v\f\x1c-\x1e\x85\u2028\u2029]|\r(?!\n)")  # str.splitlines breaks at each


_NOT_A_TEXT = (".yml", ".yaml", ".json", ".geojson")
_DATA_ENTRY = re.compile(r"^(?:- )?id: [a-z0-9-]+\s*$", re.M)


@functools.lru_cache(maxsize=256)
def _same_words_key(text: str) -> str:
    """A text's words as a reader sees them: invisible characters left out (a copy of a text with one control
    character inside a word passed as another source's own, Q6), and read as a title is told from another
    (``look_alike_key``: a Cyrillic E in a copy passed, a twenty-eighth attack's R5). A word changed is another
    text: a source may be a later version of another's."""
    unseen = "".join(c for c in set(text) if unicodedata.category(c) in ("Cc", "Cf") and not c.isspace())
    return look_alike_key(re.sub(f"[{re.escape(unseen)}]", "", text) if unseen else text)


SOURCE_TEXT_BYTES = 20_000_000  # a source text may be long (a whole report), never unbounded


# words of an office, a body or a person, never of a state's name: "the African Union Commissioner", "the EU
# Delegation" or "the European Union" as the United Kingdom's other name made a statement so written the state's,
# where no organisation on file has that name (a thirty-fourth attack's X5). Government, Republic, Kingdom,
# Confederation and State stay: states are written so.
_NOT_A_STATE = re.compile(r"(?i)(?<!\w)(?:commission(?:er)?s?|council|union|delegations?|ministr(?:y|ies)|ministers?"
                          r"|office|embassy|embassies|ambassadors?|agency|agencies|organi[sz]ations?|secretariat"
                          r"|services?|department|directorate|authority|committee|parliament|president|presidency"
                          r"|secretary|representatives?|mission|envoys?|bank|fund|programme|program|institute"
                          r"|court|office-holder|chair(?:man|woman|person)?|head|spokes(?:man|woman|person)"
                          r"|dr|mr|mrs|ms|prof|h\.?e)(?!\w)")
ALSO_WRITTEN_MAX = 8  # other names of one state: a few (thousands made the check of names take minutes, V19)
WHERE_AT_MOST = 64  # places of a lead quotation read in one paragraph: a text of one phrase repeated took minutes (W7)
LEAD = 2  # the home page opens with the process's first quotations (templates/home.md.j2)
_CLOSERS = "\"'\u201d\u2019)]"
# "CAIRO (Reuters) \u2013 " before a story's first sentence: capitalised words, numbers and a bracket, then a dash
# (any words before a dash passed, a clause's aside among them: a thirty-third attack's W3)
_DATELINE_WORDS = ("(?:(?:[A-Z][\\w.'\u2019&-]*|[0-9]{1,4}(?:st|nd|rd|th)?(?:[-/.][0-9]{1,4})*|/[A-Za-z]+/"
                   "|\\([\\w .&'\u2019/-]+\\)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?),?"
                   "[ \\t]+){0,10}")
_DATELINE = re.compile(f"(?=[A-Z]){_DATELINE_WORDS}(?:[-\u2013\u2014]|--)[ \\t]+")
_NEXT_SENTENCE = re.compile(r"\s+[^\sa-z]")


def _check_lead(record: model.Record, texts: dict[str, SourceText], ctx: Context) -> None:
    """The quotations the home page opens with, the process's first ``LEAD``, are whole sentences of their source,
    shown with no ellipsis: one cut before ", but has since broadened its mandate" said the opposite of the source
    (a thirty-first attack's U9). A sentence opens a paragraph of the source (as ``_groups_of`` reads it, after its
    number or bullet, or a dateline's dash) or follows a sentence's end (``_SENTENCE_END``: not an abbreviation's
    stop), and ends at one (V4, V5, V13); a citation with no quotation there stopped the build (V3)."""
    process = record.the_process()
    if process is None:
        return
    for index, cite in enumerate(process.cites[:LEAD]):
        where = at(cite, f"instrument '{process.id}'", "quote" if cite.quote else "source")
        where = Where(where.file, where.pos, where.entry, f"cites[{index}]" + (".quote" if cite.quote else ""))
        if not cite.quote:
            ctx.problem(where, f"the home page opens with the quotations of the process's first {LEAD} citations, "
                        "and this one gives none", hint="give it a whole sentence of its source as its quote, or "
                        f"move it after the first {LEAD}")
            continue
        if cite.source not in texts:
            continue  # a quotation of a source whose text the record does not keep is refused as such
        quote = _flat(cite.quote)
        if quote not in _flat(texts[cite.source].text):
            continue  # a quotation not in its source is refused as such
        unwhole = _not_a_whole_sentence(quote, texts[cite.source].text)
        if unwhole is None:
            continue
        item, stop = unwhole
        ctx.problem(where, f"the home page opens with the process's first {LEAD} quotations, and this one is "
                    f"not a whole sentence of source '{cite.source}'" + _why_not_whole(item, stop),
                    hint="quote another whole sentence of the source's own, or move this citation after the first "
                         f"{LEAD}" if item is not None or stop is not None else
                         "quote the sentence whole, from its first word to its full stop")


def _not_a_whole_sentence(quote: str, text: str, dateline: bool = True) -> tuple[str | None, str | None] | None:
    """None where ``quote`` (its white space single) stands in ``text`` as a whole sentence (or sentences); else why
    it does not, where the text tells: the lead-in of a list's item it stands in, which the item's words complete,
    and the word whose stop before it or ending it is not read as a sentence's end. ``dateline``: as
    ``_whole_sentence``'s."""
    places = list(_sentence_places(text))
    if any(_whole_sentence(quote, words, dateline) for words in places):
        return None
    item = next((words for words in _sentence_places(text, items=True) if words not in places and quote in words),
                None)
    stop = next(filter(None, (_unread_stop(quote, words) for words in places)), None)
    return (_lead_in(text, item) if item is not None else None), stop


def _why_not_whole(lead_in: str | None, stop: str | None) -> str:
    """The end of a message saying a quotation is no whole sentence: why, where ``_not_a_whole_sentence`` told."""
    return (f": it stands in an item of a list that a line ending in a colon leads into ('{lead_in}'), which the "
            "item's words complete" if lead_in is not None else
            f": the stop after '{stop}' is read as an abbreviation's or an initial's, not as a sentence's end"
            if stop is not None else "")


def _sentence_places(text: str, items: bool = False) -> Iterator[str]:
    """Each paragraph of a source where a sentence may open it: its words, without its number or bullet. The items
    of a list a line ending in a colon leads into ("Critics have made several claims:") are no sentences of the
    source's own: their words complete the lead-in's (a thirty-fourth attack's X4); ``items`` yields them too."""
    listed = False  # in a list that a lead-in opened
    after_lead_in = False  # the paragraph right after a lead-in: an item with no mark of its own (Z7)
    for number, words in _groups_of(text):
        item = number is not None or bool(_ITEM_MARK.match(words)) or after_lead_in
        listed = listed if item else words.endswith(":")
        after_lead_in = not item and words.endswith(":")
        if items or not (item and listed):
            yield _ITEM_MARK.sub("", words)


# what marks a list's item ahead of its words: a number, a letter or a roman numeral with a stop or a bracket, a
# bullet or a dash ("A.", "(a)", "ii." passed as no item, Z7)
_ITEM_MARK = re.compile(r"^(?:\(?(?:[0-9]{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})[.)]"
                        r"|[-*\u2022\u25aa\u25e6\u2023\u2013\u2014\u25cf\u25a0])\s+")


def _lead_in(text: str, item: str | None) -> str:
    """The line ending in a colon that leads into the list holding ``item`` (its words made single-spaced)."""
    lead_in = ""
    for number, words in _groups_of(text):
        if _ITEM_MARK.sub("", words) == item:
            break
        if number is None and not _ITEM_MARK.match(words):
            lead_in = words
    return lead_in if len(lead_in) <= 80 else "\u2026" + lead_in[-78:].split(" ", 1)[-1]  # its last words


# a stop after one ends no sentence (nor after a title before a name, "H.E. Amb. …": an attack's AF7)
ABBREVIATIONS = ("Dr", "Mr", "Ms", "St", "No", "vs", "Mrs", "Prof", "Amb", "Hon", "Gen", "Min", "Sen", "Gov", "Col",
                 "Lt", "Jr", "Sr",
                 # (and before a number: "counts approx. 57 Member States", "Under Art. 40 Member States": AS8)
                 "approx", "Art", "Arts", "ca", "est", "incl", "para", "paras", "Sec", "Nos", "Vol", "cf", "Fig",
                 "Ch", "pp")
# not after one letter (an initial) nor an abbreviation: a look-behind per length, as Python's are of fixed width
_NOT_ABBREVIATED = r"(?<![\s.][A-Za-z])" + "".join(
    f"(?<!\\b(?:{'|'.join(group)}))"
    for group in ([a for a in ABBREVIATIONS if len(a) == n] for n in sorted({len(a) for a in ABBREVIATIONS})))


# a stop a sentence may end at that ``_SENTENCE_END`` does not read as one: after one letter ("J.", "Annex I.") or
# an abbreviation ("No.", "Dr.")
_UNREAD_STOP = re.compile(r"(?:^|(?<=\s))((?:[A-Za-z]|" + "|".join(ABBREVIATIONS) + r")\.)\s+$")


def _unread_stop(quote: str, paragraph: str) -> str | None:
    """The word whose stop, right before ``quote`` in ``paragraph`` or ending it, is not read as a sentence's end:
    a refusal names it, so the editor knows why a sentence that looks whole is not read as one (X11)."""
    at_ = paragraph.find(quote)
    if at_ < 0:
        return None
    before = _UNREAD_STOP.search(paragraph, max(0, at_ - 8), at_)
    if before is not None and before.end() == at_:
        return before.group(1)
    ending = _UNREAD_STOP.search(quote + " ", max(0, len(quote) - 7))
    return ending.group(1) if ending is not None and at_ + len(quote) < len(paragraph) else None


def _whole_sentence(quote: str, paragraph: str, dateline: bool = True) -> bool:
    """Whether ``quote`` stands in ``paragraph`` as a whole sentence (or sentences), somewhere; after a dateline
    that opens the paragraph too, unless ``dateline`` is False."""
    stop = len(quote.rstrip(_CLOSERS)) - 1
    if stop < 0 or quote[stop] not in ".!?" or quote[0].islower():  # a sentence opens with no small letter (X3)
        return False
    at_, tried = paragraph.find(quote), 0
    while at_ >= 0:
        end = at_ + len(quote)
        opens = at_ == 0 or (dateline and at_ <= 90 and bool(_DATELINE.fullmatch(paragraph, 0, at_))) or any(
            paragraph[m.end():at_].isspace() for m in _SENTENCE_END.finditer(paragraph, max(0, at_ - 24), at_ + 1)
        ) or any(paragraph[m.end(1):at_].isspace() for m in _REFERENCE_STOP.finditer(paragraph, max(0, at_ - 40),
                                                                                      at_ + 1)
                 ) or any(paragraph[m.end():at_].isspace() for m in _CLOSED_END.finditer(paragraph, max(0, at_ - 24),
                                                                                         at_ + 1))
        if quote[stop + 1:]:  # closing marks after the stop: the next words open a sentence, or none follow
            closes = end == len(paragraph) or bool(_NEXT_SENTENCE.match(paragraph, end))
        else:
            read = paragraph if end < len(paragraph) else paragraph + " X"
            closes = bool(_SENTENCE_END.match(read, at_ + stop)) or any(
                m.start(1) == at_ + stop for m in _REFERENCE_STOP.finditer(read, max(0, at_ + stop - 40),
                                                                           at_ + stop + 4))
        if opens and closes:
            return True
        tried += 1
        at_ = paragraph.find(quote, at_ + 1) if tried < WHERE_AT_MOST else -1
    return False


def _verbatim_problem(quote: str, text: SourceText, source_id: str) -> str:
    prefix = text.matched_prefix(quote)
    where = ("the source has it only inside a longer word: a quotation starts and ends where the source's words do"
             if prefix == quote else  # it "matched up to" all of itself (an attack's Z15)
             f"it matches up to '…{prefix[-40:]}' and differs from there" if prefix
             else "not even its first letter matches")
    differs = quote[len(prefix):len(prefix) + 1]
    if differs and not (differs.isascii() and differs.isprintable()):
        # An invisible or look-alike character (a zero-width space, a Cyrillic letter) is named: shown, it
        # looks like the source's own.
        where += f", where the quotation has {character_name(differs)}"
    at_ = text.text.find(prefix) if prefix and prefix != quote else -1
    theirs = text.text[at_ + len(prefix):at_ + len(prefix) + 1] if at_ >= 0 else ""
    if theirs and not theirs.isspace() and not theirs.isprintable():
        # an invisible character of the source's (a soft hyphen inside a word) was not named, and no copy that a
        # reader's tools make keeps it (an attack's AX8)
        where += f", where the source has {character_name(theirs)}"
    return f"the text is not verbatim in source '{source_id}': {where}; copy it exactly from the source"


def at(item: Any, label: str, field_name: str) -> Where:
    """Where a field of a checked record is, for checks made after the record was built."""
    origin: model.Origin = item.origin
    return Where(origin.file, Pos(*origin.line_of(field_name)), label, field_name)


def _check_against_sources(record: model.Record, data_dir: Path, ctx: Context) -> None:
    """Quotes and paragraphs must be, letter for letter, in the text of the source they cite.

    The checks run twice: first to learn every quotation asked of each text (the answers are all no, the
    problems thrown away), then, each text having found all of its quotations in one go (``SourceText``:
    time linear in the texts and the quotations), for real."""
    texts = {sid: SourceText.of(raw) for sid, s in record.sources.items()
             if (raw := _source_text(s, data_dir, ctx)) is not None}
    claimed: dict[str, str] = {}
    for sid in texts:
        source = record.sources[sid]
        # by its words, not its path: a copy of a news report's text under another name was a UNHCR statement (Z4)
        first = claimed.setdefault(_same_words_key(texts[sid].text), sid)
        if first != sid:
            # a news report's text given again as a UNHCR statement made its words UNHCR's, checked (Y1)
            ctx.problem(at(source, f"source '{sid}'", "file"), f"source '{first}' already has this text (the "
                        "same words); a text is the words of one source", hint="give this source its own text, or cite "
                        f"'{first}'")
    flat = {sid: SourceText.of(" ".join(t.text.split())) for sid, t in texts.items()}  # as prose quotes them
    _check_lead(record, texts, ctx)
    # what an entry's citations are checked against, besides the entry: the texts, and which sources have none
    # (the texts themselves, not their addresses: a text freed from SourceText's cache left its address to an edited
    # text, and a quotation the edit made wrong was answered as before, an attack's AL1)
    against = (tuple(texts.items()), tuple(flat.items()),
               frozenset(sid for sid, s in record.sources.items() if not s.file))
    known = _QUOTED if _QUOTED.get(_AGAINST) == against else {}
    known[_AGAINST] = against
    with contextlib.ExitStack() as learning:
        for text in dict.fromkeys([*texts.values(), *flat.values()]):  # (each index once)
            learning.enter_context(text.learning())
        _check_quoted(record, texts, flat, Context(), _Quoted(known, {}, learning=True))
    quoted = _Quoted(known, {})
    _check_quoted(record, texts, flat, ctx, quoted)
    _QUOTED.clear()
    _QUOTED.update(quoted.now)
    _QUOTED[_AGAINST] = against
    _check_state_names_in_texts(record, flat, {sid: _lined(t.text) for sid, t in texts.items()}, ctx)
    _check_organisation_names_in_texts(record, flat, ctx)
    _count_in_its_text(record, texts)


def _count_in_its_text(record: model.Record, texts: dict[str, SourceText]) -> None:
    """Give each source whose count is quoted its text and the paragraph of it that holds the quotation: the
    membership page shows both beside the count. The sentence alone hid what it counted ("It brings together 57
    countries", "This dialogue …", "Today it …": an attack's AS14, AU1 to AU3); read by word rules for its subject,
    each round found another way round them, and honest sentences refused ("We, the Ministers of the 40 …", AU7)."""
    for sid, source in list(record.sources.items()):
        if source.member_count_quote is None or sid not in texts:
            continue
        single = _flat(source.member_count_quote)
        # where the check read them as whole sentences, every such place (the first paragraph that held the letters
        # was shown, "140 countries" for "40 countries …": an attack's AV3)
        holding = tuple(words for words in map(_flat, _sentence_places(texts[sid].text))
                        if _whole_sentence(single, words, dateline=False))
        if holding:
            record.sources[sid] = dataclasses.replace(source, count_text=texts[sid].text, count_paragraphs=holding)


def _state_cites(entry: model.MemberState | model.OtherState) -> list[tuple[str, model.Cite]]:
    """A state's citations, each with the field that holds it: its own ``cites``, then its roles'."""
    return [*((f"cites[{i}]", c) for i, c in enumerate(entry.cites)),
            *((f"roles[{r}].cites[{i}]", c) for r, role in enumerate(getattr(entry, "roles", ()))
              for i, c in enumerate(role.cites))]


@functools.lru_cache(maxsize=64)  # (a source's text is one object per process: read once per text, not per check)
def _lined(text: str) -> str:
    """A source's text with its white space made single but for the breaks that end a sentence, kept as line
    breaks: a blank line (a paragraph's end); every line's end in a text written a paragraph a line (two thirds
    of its lines end as a sentence does); and, in any text, the end of a line that is short beside the text's
    width, the length three quarters of its lines do not pass (less than two thirds of it: a headline, a credit
    line, a name in a list, where a text wrapped at a width runs on). A headline with no full stop had run on into
    the next sentence and named a state the quotation's sentence does not (an attacks's AG3, AI7)."""
    lines = [line for line in text.splitlines() if line.strip()]
    ends = sum(bool(_LINE_ENDS_SENTENCE.search(line)) for line in lines)
    every = bool(lines) and 3 * ends >= 2 * len(lines)
    # (the length three quarters of its lines do not pass: one or two addresses far longer than the rest made every
    # line short, AK5, AL4)
    lengths = sorted(len(line.strip()) for line in lines)
    width = lengths[3 * (len(lengths) - 1) // 4] if lengths else 0
    kept: list[str] = []
    for line in text.splitlines():
        words = " ".join(line.split())
        if not words:
            kept.append("\n")  # a blank line
        elif kept and kept[-1] != "\n":
            kept.append(" ")
        kept.append(words)
        if words and (every or 3 * len(words) < 2 * width):
            kept.append("\n")
    return re.sub(r"\n[\n ]*", "\n", "".join(kept)).strip()


_LINE_ENDS_SENTENCE = re.compile("[.!?:;\"\u201d\u2019')\\]]\\s*$")
# a dateline opening a sentence, the place in capitals ("KAMPALA, Uganda - ", "KAMPALA/ENTEBBE, Uganda, 12 November
# 2025 - ", "KAMPALA, Uganda, Nov 12 (Reuters) - "): where a story was filed, not who acts in it ("KAMPALA, Uganda -
# The chair presented ..." made the chair's act Uganda's, an attack's AG4, AI6)
_OPENING_DATELINE = re.compile("\\s*[A-Z][A-Z'\u2019./-]+(?: [A-Z][A-Z'\u2019./-]+)*"
                               "(?:, [^,\n\u2013\u2014()]{1,60}){0,3}(?: \\([^()\n]{1,40}\\))?"
                               "[ \t]+(?:[\u2013\u2014-]|--)[ \t]+")


# a place and its state before a dash or a colon, then a capital, at a role's quotation's opening: "Nairobi, Kenya -
# The chair presented ...", "NAIROBI, Kenya: The chair ..." named Kenya only where the story was filed (AL3)
_ROLE_OPENING = re.compile("[A-Z][\\w'\u2019./-]*(?: [A-Z][\\w'\u2019./-]*)*, [A-Z][\\w'\u2019. ()-]{1,40}?"
                           "\\s*(?:[\u2013\u2014-]|--|:)\\s+(?=[A-Z])")


def _sentences_of(text: str, quote: str) -> tuple[str, ...]:
    """``_sentences_around``, kept: a server's check reads the same quotations of the same texts each time (the
    last 64 texts' kept, so that a text edited again and again is not held in memory once per edit)."""
    kept = _SENTENCES.pop(text, None)
    kept = {} if kept is None else kept
    _SENTENCES[text] = kept  # (the most recent last)
    while len(_SENTENCES) > 64:
        del _SENTENCES[next(iter(_SENTENCES))]
    if quote not in kept:
        kept[quote] = tuple(_sentences_around(text, quote))
    return kept[quote]


_SENTENCES: dict[str, dict[str, tuple[str, ...]]] = {}


def _sentences_around(text: str, quote: str) -> Iterator[str]:
    """The sentence, or sentences, of ``text`` (``_lined``: a line break ends a sentence) that hold ``quote``, at
    each of its first ten places (AI8), reading at most 3,000 characters before and after it; with the sentence
    before it when it refers back to that one by a pronoun among its first five words ("Since then, it has …": an
    attack's AF1); without a dateline that opens it (AG4). None at a place where no sentence ends
    within reach."""
    at = text.find(quote)
    for _ in range(10):
        if at < 0:
            return
        window = max(0, at - 3000)
        starts = [window, *(m.end() for m in _SENTENCE_OR_LINE_END.finditer(text, window, at + 3) if m.end() <= at)]
        end = _SENTENCE_OR_LINE_END.search(text, at + len(quote), at + len(quote) + 3000)  # (AF9: not the whole text)
        if not ((len(starts) == 1 and window > 0) or (end is None and at + len(quote) + 3000 < len(text))):
            opening = " ".join(text[starts[-1]:at + len(quote)].split()[:5])  # (a pronoun as its subject)
            start = starts[-2] if len(starts) > 1 and _REFERS_BACK.search(opening) else starts[-1]
            dateline = _OPENING_DATELINE.match(text, start, at)
            stop = end.start() + 1 if end else min(len(text), at + len(quote) + 3000)
            yield text[dateline.end() if dateline else start:stop]
        at = text.find(quote, at + 1)


def _shown_sentence(sentence: str) -> str:
    """A sentence as a message quotes it: on one line, its middle cut when it is long."""
    flat = " ".join(sentence.split())
    return f"'{flat}'" if len(flat) <= 240 else f"'{flat[:150]} … {flat[-80:]}'"


# the pronouns by which a sentence refers back to the one before: to a state ("it", "its", "they"), or to a person
# whose state the sentence before may name ("he", "she")
_REFERS_BACK = re.compile(r"(?i)(?<!\w)(?:it|its|they|their|he|his|she|her)(?!\w)")


def _name_key(name: str) -> str:
    """A name as the checks compare names: white space made single, casefolded, without "the"."""
    return _flat(name).casefold().removeprefix("the ")


@dataclass(frozen=True)
class _Names:
    """The states a text names, by the record's names of them: a name, a name in a sentence, another name or an
    adjective (``other``: those the check kept), a formal name's short name, and the initials of a name of two
    capitalised words or more, written in capitals ("ARE", not the word "are": an attack's AD10)."""

    named: dict[str, str]  # a name, casefolded (_name_key) → the state's key ('states/egypt')
    capitals: dict[str, str]  # initials, in capitals → the state's key
    prefixes: dict[str, tuple[str, ...]]  # the words that make another state's name of a state's (_name_prefixes)
    within: re.Pattern[str]  # any name, as whole words, the longest first (South Sudan, not Sudan: S3, S4)
    initials: re.Pattern[str]
    # the states each text names, read once per reader; a check made with the same names reuses the reader (_READERS)
    read: dict[str, list[str]] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, record: model.Record, other: dict[str, list[str]]) -> _Names:
        named: dict[str, str] = {}
        capitals: dict[str, str] = {}
        entries = [(f"{prefix}/{ident}", entry) for prefix, collection in (("states", record.states),
                                                                          ("others", record.others))
                   for ident, entry in collection.items()]
        for key, entry in entries:
            for word in (*(_name_key(n) for n in (entry.name, entry.name_in_sentence) if n), *other.get(key, ())):
                named.setdefault(word, key)
        for key, entry in entries:
            for short in roles.short_names(entry):
                named.setdefault(short, key)
            for letters in roles.initials(entry):
                capitals.setdefault(letters.upper(), key)
        prefixes = _name_prefixes(record)
        given = (tuple(named.items()), tuple(capitals.items()), tuple(prefixes.items()))
        if given not in _READERS:
            _READERS.clear()  # (one: the names of the last check)
            _READERS[given] = cls(named, capitals, prefixes, _whole_words(named), _whole_words(capitals))
        return _READERS[given]

    def listed_with(self, before: str, after: str, words: str = "") -> bool:
        """Whether ``words`` between ``before`` and ``after`` stand in a list with a state's name: one ends ``before``
        or opens ``after``, with a comma or "and" between (a space alone is no list: "Uganda took over …" made
        "took over …" an item beside Uganda, an attack's AK1; nor a comma before "the …", an apposition: "Uganda,
        the new chair of the process")."""
        before, after = roles.without_stops(before), roles.without_stops(after)
        left = list(self.within.finditer(before))
        right = self.within.search(after)
        joined = before[left[-1].end():] if left else ""
        apposition = words.casefold().startswith("the ") and not re.search(r"(?<!\w)and(?!\w)", joined)
        # an item of a list opens as a name does, or with a word that counts or points ("all EU member states",
        # "the countries of the Horn"), not with a verb ("Egypt, and took over the chairmanship": AL2)
        item = bool(_LIST_ITEM.match(words))
        return item and (bool(left and _LIST_SEPARATOR.fullmatch(joined) and not apposition) or bool(
            right and _LIST_SEPARATOR.fullmatch(after[:right.start()])))

    def names(self, written: str) -> list[str]:
        """The keys of the states ``written`` names, in the order it names them."""
        if written not in self.read:
            if len(self.read) > 20_000:
                self.read.clear()
            self.read[written] = self._names(written)
        return list(self.read[written])

    def _names(self, written: str) -> list[str]:
        text = roles.without_stops(written)
        found = [(m.start(), self.named[m.group()]) for m in self.within.finditer(text) if not text[
            max(0, m.start() - 80):m.start()].endswith(self.prefixes.get(self.named[m.group()], ("\0",)))]
        kept = roles.without_stops(written, casefold=False)
        found += [(m.start(), self.capitals[m.group()]) for m in self.initials.finditer(kept)]
        return list(dict.fromkeys(key for _, key in sorted(found)))


_READERS: dict[tuple[object, ...], _Names] = {}


def _whole_words(words: dict[str, str]) -> re.Pattern[str]:
    """Any of ``words`` as whole words, the longest first; a pattern that matches nothing if there are none."""
    return re.compile("(?<!\\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")(?!\\w)"
                      if words else "(?!)")


def _name_prefixes(record: model.Record) -> dict[str, tuple[str, ...]]:
    """For each state (by its key, 'states/sudan'), the words before its name that make another state's name
    ("south " for Sudan, from South Sudan), casefolded: its name or adjective after them is not the state's."""
    names = {f"{prefix}/{ident}": [" ".join(n.split()).casefold().removeprefix("the ")
                                   for n in (entry.name, entry.name_in_sentence) if n]
             for prefix, collection in (("states", record.states), ("others", record.others))
             for ident, entry in collection.items()}
    found: dict[str, list[str]] = {}
    for key, own in names.items():
        found[key] = [theirs[:-len(name)] for other, longer in names.items() if other != key
                      for theirs in longer for name in own if theirs.endswith(f" {name}")]
    return {key: tuple(prefixes) for key, prefixes in found.items() if prefixes}


def _held_to_its_sentences(reader: _Names, key: str, quote: str, sentences: list[str], where: Where,
                           ctx: Context) -> None:
    """A quotation about a state (``key``) that names no state stands, at one place at least (AI8), in a sentence
    that names this state, or names no other, or holds it as an item of a list with them ("all EU member states,
    Switzerland, Norway"; "Kenya, Uganda and all EU member states": AE9; a clause on a name before it, "Egypt,
    which chaired …", is no list's item: AF4). ``sentences``: at each place (``_sentences_around``)."""

    def elsewhere(sentence: str) -> list[str]:
        at_quote = sentence.find(quote)
        others = reader.names(sentence) if at_quote >= 0 else []
        return others if others and key not in others and (re.match(
            r"(?i)(?:which|who|whose|that|where)\b", quote) or not reader.listed_with(
            sentence[:at_quote], sentence[at_quote + len(quote):], quote)) else []

    if sentences and all(elsewhere(sentence) for sentence in sentences):
        ctx.problem(where, "the quotation names no state, and the sentence of the source it stands in names "
                    f"{', '.join(repr(k.split('/', 1)[1]) for k in elsewhere(sentences[0])[:3])}, not the state it is "
                    f"about (the sentence read: {_shown_sentence(sentences[0])})",
                    hint="cite it on the state it is about; if the sentence names this state in other words, add them "
                         "to its also_written or adjectives")


# what may follow a statement's quotation where its sentence (or clause) ends: closing marks, and a stop, a colon,
# a semicolon, the end of a line or of the text
# what may follow a statement's quotation where its sentence (or clause) ends: closing marks, then a semicolon, a
# colon, an ellipsis, the end of a line or of the text, or a stop, a question or an exclamation mark before a
# sentence that opens as sentences do (not "the U.S. as an observer": AP2)
_CLAUSE_CLOSED = re.compile(f"[{re.escape(_CLOSERS)}]*(?:[;:\u2026]|\\.\\.\\.|\n|$|[.!?][{re.escape(_CLOSERS)}]*"
                            f"(?:$|\n|\\s+(?=[^\\sa-z])))")
# a stop after these is no sentence's end (a letter, "etc.", a month, "Art.", a title)
_ABBREVIATED = re.compile(r"(?:^|[\s(])(?:[A-Za-z]|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Art|Arts|No|Nos"
                          r"|para|paras|p|pp|Vol|Ch|Sec|Fig|cf|approx|vs|e\.g|i\.e|" + "|".join(ABBREVIATIONS) + r")$")
_ALSO_IN_A_NAME = frozenset({"and", "the", "of", "republic", "state", "states", "kingdom", "federal"})


@functools.lru_cache(maxsize=16)
def _spaced(lined: str) -> str:
    """``lined`` with its line breaks made spaces: the same length, and the same places (``_lined`` parts words by
    one space or one line break)."""
    return lined.replace("\n", " ")


def _places_of(quote: str, lined: str) -> Iterator[tuple[int, int]]:
    """Where ``quote`` (white space made single) stands in ``lined``, across a line break too, at most WHERE_AT_MOST
    places: by searches (a pattern over the text tried the whole quotation at each place, a thousand quotations
    of a text of 20 MB took a minute, and one of 5,000 characters two: AP8, RV1)."""
    spaced = _spaced(lined)
    found = spaced.find(quote) if quote else -1
    for _ in range(WHERE_AT_MOST):
        if found < 0:
            return
        yield found, found + len(quote)
        found = spaced.find(quote, found + len(quote))


def _runs_to_its_end(reader: _Names, quote: str, lined: str, where: Where, ctx: Context) -> None:
    """A statement's quotation about a state (a membership but a list's name, a chair, a seat) gives more than the
    state's name, and runs on to the end of its sentence, or of a clause a semicolon or a colon ends, at one place
    at least: cut before "as an observer", "as an associate" or "; it has not applied to join", the words quoted
    had a state become a member on its page, and the check would have had to read every way a sentence can say so
    (attacks' AM2, AN3, AN4); "Kenya" alone, from a line under "Observers:", passed as a member (AP3)."""
    words = [w for w in re.sub(r"[\W_]+", " ", reader.within.sub(" ", roles.without_stops(quote))).split()
             if w not in _ALSO_IN_A_NAME]
    if not words:
        ctx.problem(where, "the quotation gives only the state's name: a statement quotes what the source says of the "
                    "state, from its name to the end of the sentence", hint="quote on to the end of the sentence")
        return
    core = _flat(quote).rstrip(_CLOSERS + ".!?:;\u2026 ")
    ends = [(lined[end:end + 40]) for _start, end in _places_of(core, lined)]
    if ends and not any(_CLAUSE_CLOSED.match(rest) and not (rest[:1] == "." and _ABBREVIATED.search(core))
                        for rest in ends):
        ctx.problem(where, f"the quotation stops inside its sentence, before '{' '.join(ends[0].split()[:6])} …': "
                    "the words a statement quotes of a state run to the end of the source's sentence, so that a reader "
                    "sees all it says of the state there", hint="quote on to the end of the sentence (or of a clause "
                    "that ends with a semicolon or a colon)")


def _listed_there(reader: _Names, quote: str, lined: str, where: Where, ctx: Context) -> None:
    """A membership that names the state in a list quotes its name as an item of a list of names, at one place at
    least, and not one the list sets apart ("Kenya (observer)"; "Kenya attends … only as an observer" is no list:
    an attack's AP1)."""
    core = _flat(quote)
    places = list(_places_of(core, lined))

    def set_apart(end: int) -> bool:  # (as a paragraph of participants is read: "Kenya, which attended as an
        # observer", "(the latter as an observer)": an attack's AR4)
        after = reader.within.sub("", roles.without_stops(lined[end:end + 300]))
        absent = _APART_AFTER.match(after)
        return bool(_APART_AT.match(lined, end) or re.match(r"\s*\([^()]{0,40}observer", after)
                    or (absent and not _PART_ONLY.match(after, absent.end())))

    if places and not any(reader.listed_with(lined[max(0, start - 200):start], lined[end:end + 200], core)
                          and not set_apart(end) for start, end in places):
        ctx.problem(where, "the quotation stands in no list of names at any of its places, or only as one set apart "
                    "(an observer, absent)", hint="quote the state's name where the source lists it with the others, "
                    "or give the statement another how")


def _check_organisation_names_in_texts(record: model.Record, flat: dict[str, SourceText], ctx: Context) -> None:
    """An organisation's name and acronym are written so in a text it cites, unless it cites a source the record
    keeps no text of for them (the EEAS's own site for its acronym): "IMO" for the IOM passed, and every page showed
    "International Organization for Migration (IMO)" beside the declaration's "(IOM)" (an attack's BI3)."""
    # each text flattened once for the check, not once for each organisation citing it: with twenty copies of one
    # organisation citing a text of 19 MB, check took two minutes (an attack's BU1)
    flattened: dict[str, str] = {}
    folded: dict[str, str] = {}

    def text_of(sid: str) -> str:
        if sid not in flattened:
            flattened[sid] = _flat(flat[sid].text)
        return flattened[sid]

    def folded_of(sid: str) -> str:
        if sid not in folded:
            folded[sid] = text_of(sid).casefold()
        return folded[sid]

    for ident, organisation in record.organisations.items():
        cited = [c.source for c in organisation.cites]
        if not cited or any(s not in record.sources or record.sources[s].file is None or s not in flat
                            for s in cited):
            # (a source without text speaks for it; one refused, or a text that could not be read, was said). An
            # acronym had to be made of the name's initials there, after the EEAS given any letters passed (BS15): it
            # refused nine in ten real organisations cited from their own sites (UNICEF, GIZ, FAO, Frontex …: a
            # review's D7-1), and was withdrawn; BS15 is left open
            continue
        texts = [folded_of(s) for s in dict.fromkeys(cited)]
        unwritten = False
        for field_name, given in (("name", organisation.name), ("acronym", organisation.acronym)):
            written = _flat(given or "").casefold()
            if written and not any(_whole_word_at(written, text) is not None for text in texts):
                unwritten = True
                ctx.problem(at(organisation, f"organisation '{ident}'", field_name),
                            f"{given!r} is not written so in the texts it cites "
                            f"({', '.join(map(repr, dict.fromkeys(cited)))})",
                            hint="give it as the sources write it")
        # the acronym the texts write in brackets after the name: UNHCR's given to the IOM passed, as the announcement
        # writes "UNHCR" too, and every page named "International Organization for Migration (UNHCR)" (BL2)
        after = _acronyms_after(organisation.name, [text_of(s) for s in dict.fromkeys(cited)])
        if organisation.acronym and after and organisation.acronym not in after and not unwritten:
            ctx.problem(at(organisation, f"organisation '{ident}'", "acronym"),
                        f"the texts it cites write {', '.join(sorted(after))} in brackets after its name, not "
                        f"{organisation.acronym!r}", hint="give the acronym the sources give it")


def _whole_word_at(word: str, text: str, start: int = 0) -> int | None:
    """Where ``word`` first stands in ``text`` as a whole word (no letter, digit or _ joined to it), from ``start``;
    None if nowhere. Found with ``str.find``, in time linear in the text, as a regex per name was not (BU1)."""
    found = text.find(word, start)
    while found != -1:
        end = found + len(word)
        if not (found and _word_char(text[found - 1])) and not (end < len(text) and _word_char(text[end])):
            return found
        found = text.find(word, found + 1)
    return None


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&.-]{1,11})\)")


def _acronyms_after(name: str, texts: list[str]) -> set[str]:
    """The acronyms flattened texts write in brackets after a name: "the International Organization for Migration
    (IOM)"."""
    written, found = _flat(name), set()
    for text in texts:
        at = text.find(written)
        while at != -1:
            if not (at and _word_char(text[at - 1])) and (
                    bracketed := _BRACKETED_ACRONYM.match(text, at + len(written))) is not None:
                found.add(bracketed.group(1))
            at = text.find(written, at + 1)
    return found


def _check_names_are_own(record: model.Record, ctx: Context) -> None:
    """A name the record gives an instrument (``names_in_record``) is no other record's: "Cairo Ministerial
    Declaration" written in for the Rome Declaration passed, as a cited text writes it, and made every paragraph
    naming the declaration a mention of the Rome Declaration (BL4)."""
    owners: dict[str, str] = {}
    for ident, document in record.documents.items():
        owners.setdefault(_flat(document.title).casefold(), f"document '{ident}'")
    for ident, organisation in record.organisations.items():
        for name in (organisation.name, organisation.acronym):
            if name:
                owners.setdefault(_flat(name).casefold(), f"organisation '{ident}'")
    for ident, instrument in record.instruments.items():
        for name in (instrument.name, *instrument.names_in_record):
            owners.setdefault(_flat(name).casefold(), f"instrument '{ident}'")
    for ident, instrument in record.instruments.items():
        for name in instrument.names_in_record:
            owner = owners.get(_flat(name).casefold())
            if owner is not None and owner != f"instrument '{ident}'":
                ctx.problem(at(instrument, f"instrument '{ident}'", "names_in_record"),
                            f"{name!r} is the name of {owner}", hint="give only the names the sources give this "
                            "instrument")


def _check_issuers_quoted(record: model.Record, ctx: Context) -> None:
    """Who issued a document is named so in a quotation the document cites, not anywhere in a cited text, where every
    source it cites is one the record keeps the text of: the news site of the report's credit line, named as the
    declaration's issuer, became every citation's author (BL1)."""
    for ident, document in record.documents.items():
        if not all(c.source in record.sources and record.sources[c.source].file for c in document.cites):
            continue  # (a source cited by its locator may name the issuer, where no quotation can show it: D6-5)
        quoted = [_flat(c.quote) for c in document.cites if c.quote]
        for name in document.issued_by:
            words = re.compile(rf"(?<!\w){re.escape(_flat(name))}(?!\w)")
            if not any(words.search(quote) for quote in quoted):
                ctx.problem(at(document, f"document '{ident}'", "issued_by"),
                            f"{name!r} is not named in a quotation the document cites",
                            hint="quote the source's words that say who issued it, or leave issued_by out")


def _check_terms_after_their_sources(record: model.Record, ctx: Context) -> None:
    """A term does not begin after the date of every source it cites, nor is it shown at a meeting held after them,
    unless a source names the state as the chair to come (``called: incoming``): a news report's date slipped a year
    back cited the report, on the chairs' pages, for a term that began a year after it, and moved its count of
    members to another year's page (an attack's BO3)."""
    for term in record.collection("chairs").values():
        given = [record.sources[c.source].date for c in term.cites if c.source in record.sources]
        dates = [d for d in given if d is not None]
        if term.called == "incoming" or not dates or len(dates) < len(given):
            continue  # (a source with no date may be of any day)
        latest = max(dates, key=history.last_day)
        began = term.since or (record.events[term.began_at].date if term.began_at in record.events else None)
        # (a source may name the chair to come a few months ahead, BQ10: half a year after every source is a slip)
        if began is not None and history.days_between(history.last_day(latest), history.first_day(began)) > 183:
            ctx.problem(at(term, f"chairmanship '{term.id}'", "since" if term.since else "began_at"),
                        f"it begins {began.display()}, more than half a year after the date of every source it "
                        f"cites (the latest {latest.display()})", hint="check the date of the source, or the "
                        "term's; a source naming the chair to come says so with called: incoming")
        # A source does not show who held the chair at a meeting held after it was written: a slip of one meeting id
        # had a report of April 2024 show Germany, its outgoing chair, at the ministerial conference of April 2025,
        # on the conference's page (an attack's BQ15).
        # (as a term's start, half a year: a concept note of the day before names the current chair of the meeting it
        # announces, a review's D7-5)
        meeting = record.events.get(term.at_meeting or "")
        if meeting is not None and history.days_between(history.last_day(latest),
                                                        history.first_day(meeting.date)) > 183:
            ctx.problem(at(term, f"chairmanship '{term.id}'", "at_meeting"),
                        f"the meeting '{meeting.id}' ({_days(meeting)}) took place more than half a year after the "
                        f"date of every source this term cites (the latest {latest.display()}), and a source written "
                        "so long before a meeting does not show who held the chair there", hint="check the meeting "
                        "and the date of the source; a source naming the chair to come there says so with called: "
                        "incoming, one that has the term end there with ended_at")


def _check_kinds_named(record: model.Record, ctx: Context) -> None:
    """A document's or an instrument's kind is one its name names, where its name names any ("Cairo Ministerial
    Declaration" given the kind action-plan, the Rome Declaration a convention: BL11)."""
    named: list[tuple[str, model.Document | model.Instrument, str]] = [
        *((f"document '{i}'", d, d.title) for i, d in record.documents.items()),
        *((f"instrument '{i}'", n, n.name) for i, n in record.instruments.items())]
    for label, entry, name in named:
        choice = specs(type(entry))["kind"].kind
        kinds = [k for k in (choice.choices if isinstance(choice, Choice) else ())
                 if re.search(rf"\b{k.replace('-', ' ')}\b", name, re.I)]
        if kinds and entry.kind not in kinds:
            ctx.problem(at(entry, label, "kind"), f"it is {entry.kind}, and its name, {name!r}, names "
                        f"{' or '.join(kinds)}", hint="give the kind its name names")


def _check_quotations_name_their_entry(record: model.Record, ctx: Context) -> None:
    """An organisation's or an instrument's quotation that names another of its collection names it too: a
    neighbour's quotation pasted under UNODC made it "a key partner", and the 2030 Agenda's gave Agenda 2063 its date
    (BL15, BL16). A quotation naming none of them is left alone (a source's short name for it: review D6-8); the process
    itself is the subject of its sources' sentences ("the initiative"). Each acronym is one organisation's (BL2)."""
    entries: list[tuple[str, str, model.Organisation | model.Instrument, tuple[str | None, ...]]] = [
        *((f"organisation '{i}'", "organisations", o, (o.name, o.acronym)) for i, o in record.organisations.items()),
        *((f"instrument '{i}'", "instruments", n, (n.name, *n.names_in_record)) for i, n in record.instruments.items())]

    def naming(names: tuple[str | None, ...]) -> re.Pattern[str]:
        return re.compile("(?<!\\w)(?:" + "|".join(re.escape(_flat(n)) for n in names if n) + ")(?!\\w)", re.I)

    patterns = {id(entry): naming(names) for _, _, entry, names in entries}
    acronyms: dict[str, str] = {}
    for label, collection, entry, names in entries:
        if isinstance(entry, model.Organisation) and entry.acronym and \
                (first := acronyms.setdefault(entry.acronym, entry.id)) != entry.id:
            ctx.problem(at(entry, label, "acronym"), f"organisation '{first}' has the acronym {entry.acronym!r} too",
                        hint="give each organisation the acronym the sources give it")
        if isinstance(entry, model.Instrument) and entry.subject:
            continue
        for number, cite in enumerate(entry.cites):
            # (a quotation of a source with no text is refused as such)
            kept = cite.source in record.sources and record.sources[cite.source].file is not None
            if not (cite.quote and kept) or patterns[id(entry)].search(quote := _flat(cite.quote)):
                continue
            # (the process, the subject of every source, is named beside what it does: BS14)
            others = [other.id for _, of, other, _ in entries if of == collection and other is not entry
                      and not (isinstance(other, model.Instrument) and other.subject)
                      and patterns[id(other)].search(quote)]
            if others:
                where = at(cite, label, "quote")
                ctx.problem(Where(where.file, where.pos, label, f"cites[{number}].quote"),
                            f"the quotation names {collection[:-1]} '{others[0]}', and not this one (by "
                            f"{' or '.join(repr(n) for n in names if n)})",
                            hint="quote the words of the source that speak of it")


def _check_state_names_in_texts(record: model.Record, flat: dict[str, SourceText], lined: dict[str, str],
                                ctx: Context) -> None:
    """A state's name, and each of its adjectives, is written in a text it cites: the adjective as a word of its
    own, not inside a longer one nor after the words that make another state's ("Sudanese" held by "South Sudanese"
    made South Sudan's ministry Sudan's, an attack's AC3)."""
    reader = _Names.of(record, ctx.state_names)  # (the other names and adjectives the check of names kept)
    casefolded: dict[str, str] = {}  # a source's text, casefolded once
    for prefix, collection in (("states", record.states), ("others", record.others)):
        for ident, entry in collection.items():
            if (prefix, ident) in ctx.flawed_ids or any(
                    c.source in record.sources and record.sources[c.source].file and c.source not in flat
                    for c in entry.cites):
                continue  # (a part of it was refused, or a text it cites could not be read: said so)
            behind = [flat[c.source].text for _, c in _state_cites(entry) if c.source in flat]
            # and its name is one a text it cites writes: renamed "Czechia", the Czech Republic was named so on
            # every page, as the declaration writes names, and no source writes it (an attack's AC11)
            # (or, for a formal name, its short name: "Republic of Austria" is the declaration's "Austria")
            # (and its name in a sentence, without its article: "the Czechia" passed, AD9)
            folded = [casefolded.get(c.source) or casefolded.setdefault(c.source, flat[c.source].text.casefold())
                      for _, c in _state_cites(entry) if c.source in flat]
            for field_name, given in (("name", entry.name), ("name_in_sentence", entry.name_in_sentence)):
                name = " ".join((given or "").split())
                names = re.compile("(?<!\\w)(?:" + "|".join(map(re.escape, [_name_key(name),
                                                                             *roles.short_names(entry)]))
                                   + ")(?!\\w)")
                # (a name holding a quotation is refused as one: said once, Q15)
                if given and behind and not quotations(given)[0] and not any(names.search(text) for text in folded):
                    ctx.problem(at(entry, f"{entry.singular} '{ident}'", field_name),
                                f"'{name[:80]}' is not written so in the texts it cites "
                                f"({', '.join(repr(c.source) for c in entry.cites if c.source in flat)})",
                                hint="give the name as the sources write it; another name of the state goes in its "
                                     "also_written")
            # a quotation of a state naming no state stands in a sentence whose subject is not another state:
            # Egypt's "resumed the presidency in April 2024" passed as Kenya's role (an attack's AD1)
            for path, cite in _state_cites(entry):
                quote = " ".join((cite.quote or "").split())
                dateline = (_OPENING_DATELINE.match(quote) or _ROLE_OPENING.match(quote)) \
                    if path.startswith("roles") else None
                # (a role's: not by a dateline that opens it, "NAIROBI, Kenya - The chair presented …", AK2)
                if not quote or cite.source not in flat or reader.names(quote[dateline.end():] if dateline else quote):
                    continue
                key = f"{prefix}/{ident}"
                where = at(cite, f"{entry.singular} '{ident}'", "quote")
                where = Where(where.file, where.pos, where.entry, f"{path}.quote")
                if path.startswith("roles"):
                    # a role is what a source says this state did: the words quoted name it with its act. Read
                    # from the sentence around them instead, each round of attacks found a new way in ("The chair
                    # presented …" after a dateline, "It also …" two sentences on, "The Kenyan delegation …",
                    # "Kenya thanked Uganda and presented …", "According to Kenya, Egypt launched …": AG2, AG4, AH2,
                    # AH3, AI4, AI5, AJ2, AJ3) and refused honest ones (AJ1, AJ7, AJ8)
                    ctx.problem(where, "the quotation names no state: a role's quotation gives, in the source's own "
                                "words, the state with what it did, so that a reader sees whose act it is",
                                hint="quote the source from the state's name on (\"Ruritania, which …, presented …\"), "
                                     "with the sentence before where 'it' refers back to it; if the source names the "
                                     "state in other words, add them to its also_written or adjectives")
                    continue
                _held_to_its_sentences(reader, key, quote, [*_sentences_of(lined[cite.source], quote)] or [
                    *_sentences_of(flat[cite.source].text, quote)], where, ctx)
            for index, adjective in enumerate(entry.adjectives):
                written = " ".join(adjective.split())
                if not behind or not any(written in text for text in behind):
                    continue  # (said by the check of names as the sources write them)
                pattern = re.compile(f"(?<!\\w){re.escape(written)}(?!\\w)")
                if not any(not text[max(0, m.start() - 80):m.start()].casefold().endswith(
                        reader.prefixes.get(f"{prefix}/{ident}", ("\0",)))
                           for text in behind for m in pattern.finditer(text)):
                    shown_at, line, column = entry.origin.item_of("adjectives", index)
                    ctx.problem(Where(entry.origin.file, Pos(line, column), f"{entry.singular} '{ident}'",
                                      f"adjectives[{shown_at}]"),
                                f"'{written[:80]}' stands in the texts it cites only inside another word or "
                                "another state's name", hint="give the adjective as the sources write it of this "
                                "state, as a word of its own")

    # those of a statement about a state name it: a chair's "took over the chairmanship … in November 2025" from a
    # sentence whose subject is Uganda gave Kenya the chair (an attack's AJ10)
    for kind in ("memberships", "chairs", "committee"):
        for statement in record.collection(kind).values():
            about = ("states", statement.state) if statement.state else \
                ("others", statement.other_state) if statement.other_state else None
            if about is None or about in ctx.flawed_ids:
                continue
            for index, cite in enumerate(statement.cites):
                if not cite.quote or cite.source not in flat:
                    continue
                quote = " ".join(cite.quote.split())
                where = at(cite, f"{statement.singular} '{statement.id}'", "quote")
                shown_at = Where(where.file, where.pos, where.entry, f"cites[{index}].quote")
                if kind != "memberships" or statement.how not in ("listed-participant", "listed-member"):
                    _runs_to_its_end(reader, quote, lined[cite.source], shown_at, ctx)
                elif reader.names(cite.quote):
                    _listed_there(reader, quote, lined[cite.source], shown_at, ctx)
                if reader.names(cite.quote):
                    continue
                # as a role's (the role decision): held to the sentence around it instead, a quotation naming no
                # state was read as the state's by a capital ("Kampala took over …"), a name the record does not
                # hold, or a sentence whose subject the reading missed (AJ10, AK4)
                ctx.problem(Where(where.file, where.pos, where.entry, f"cites[{index}].quote"),
                            f"the quotation names no state: a statement about state '{about[1]}' quotes the "
                            "source's words naming it, so that a reader sees whom they are about",
                            hint="quote the source from the state's name on (\"Ruritania, which …, took over …\"); if "
                                 "the source names the state in other words, add them to its also_written or "
                                 "adjectives")


@dataclass
class _Quoted:
    """The entries whose quotations the last check found in their texts, by the entry's file and label and those
    texts: a server's rebuild checks again only the entries that changed (an unchanged file's entries are the very
    objects checked before, ``_CHECKED``; a changed file's other entries are equal to those checked before, their
    places in it included, and so have the same problems; each source's text is one object per process,
    ``SourceText.of``). An entry with a problem is checked again each time. ``now``: this check's, for the next."""

    before: dict[tuple[object, ...], object]
    now: dict[tuple[object, ...], object]
    learning: bool = False  # the pass that only learns what is asked of each text: nothing it finds is kept

    def check(self, item: Any, label: str, behind: dict[str, SourceText], texts: dict[str, SourceText],
              ctx: Context) -> None:
        key = (item.origin.file, label, tuple(behind.items()), () if behind else tuple(texts.items()))
        self.once(key, item, ctx, lambda: _check_quotations(item, label, behind, texts, ctx))

    def once(self, key: tuple[object, ...], item: Any, ctx: Context, check: Callable[[], None]) -> None:
        """Run ``check`` of ``item`` unless the last check passed it under the same ``key``."""
        before = self.before.get(key)
        if before is item or (before is not None and before == item):  # the same object, or an equal one
            if not self.learning:
                self.now[key] = item
            return
        said = sum(ctx.kept.values())
        check()
        if not self.learning and sum(ctx.kept.values()) == said:
            self.now[key] = item


_QUOTED: dict[tuple[object, ...], object] = {}
_AGAINST = ("the texts and the textless sources",)  # the key of what ``_QUOTED``'s citations were checked against


_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


# a day's number after its month ("April 9 member states") is no count (an attack's AA8)
# (a month's name or its abbreviation, as a whole word: "decade 40 countries" is a count, an attack's AC9)
_AFTER_MONTH = re.compile(r"(?<![a-z])(?:" + "|".join(name.casefold() for name in calendar.month_name[1:])
                          + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.? $")


# words before a number that make it no exact count ("more than 40 countries", "nearly 40"): an attack's AB2
_ABOUT = re.compile(r"(?:more|fewer|less) than|over|nearly|almost|about|around|some|up to|at least|at most"
                    r"|approximately|approx\.?|circa|ca\.|c\.|~|roughly|close to|under|upwards of|well over|just over"
                    r"|just under|an estimated|(?:well )?in excess of|above|upwards? of|north of|not(?: quite)?"
                    r"|no longer (?:has|have|counts?|numbers?)|original|initial|former|formerly|previously|once"
                    r"|(?:will|would|to|could|may|might) (?:grow|rise|increase|expand|reach|climb)(?: to)?"
                    r"|will (?:have|count|number)"  # a count of the past, of the future (AI9 to AI12; "has had 40"
                    # holds today, BA7)
                    r"|(?<!has )(?<!have )had|(?:does|do|did) not (?:have|count|number)"  # (AJ14, AJ15)
                    r"|expected to (?:have|reach|count|number)"
                    r"|estimated|as many as|as few as|between \S+ and"
                    r"|(?<!from )(?<![\w\u2010-])(?:[0-9]{1,3}|[a-z]+ty(?:[-\u2010][a-z]+)?|[a-z]+teen|one|two|three"
                    r"|four|five|six|seven|eight|nine|ten|eleven|twelve) *(?:to|or|[-\u2010-\u2015])")
# (the last: a range's first number, "38 to 40", not a year's, "in 2014 to 40 countries", nor a change's, "from 37
# to 40 countries" (AE6), nor the end of a number in words, "thirty-seven to forty-one", AI13)
# ... and after it, or after what it counts ("40 or so countries", "40 countries or more": AC8)
_OR_SO = r"or (?:so|more|fewer|less|thereabouts)|and counting"
# (and a year's after what it counts: "… 40 countries in 2014", AK6)
_ABOUT_AFTER = re.compile(rf"(?<!\w)(?:{_OR_SO})(?!\w)")  # (a year after it, "… 40 countries in 2025", is shown: AU6)
# between the count and what it counts; "founding": a count of the past ("its 40 founding countries": AH4)
_ABOUT_BETWEEN = re.compile(rf"(?<!\w)(?:{_OR_SO}|odd|plus|founding|original|initial|former)(?!\w)|\+")
# (not "participants" nor "delegations": a meeting's head count, "120 participants", is no count of members, AJ13)
_COUNTED = r"(?:member[-\u2010])?(?:countries|states|members|nations|governments|partners)\b"


_SUPERSCRIPTS = re.compile("[\u00b2\u00b3\u00b9\u2070-\u209f]+")
_NUMBER_NAMES = "|".join((*_UNITS, *_TENS))  # (the words a count is written in, as ``_writes_number`` writes it)
_NUMBER_WORD = re.compile(rf"(?<![\w\u2010-])(?:{_NUMBER_NAMES}|hundred|thousand|million|billion|[0-9]+)"
                          r"(?![\w\u2010-])")
_NUMBER_WORD_BEFORE = re.compile(rf"(?<![\w\u2010-])(?:(?:hundred|thousand|million|billion)(?:\s+and)?"
                                 rf"|{_NUMBER_NAMES})[\s\u2010-]+$")


# (a group of thousands before: the text's white space is single spaces by then)
_DIGITS_BEFORE = re.compile("(?<![0-9])[0-9]{1,3}[ '\u2019]$")
# (only the words that name a place in a text and nothing else: "At this point 40 countries", "As a rule 40 …" and
# "Please note 40 …" are counts, a review's D2)
_REFERENCE_BEFORE = re.compile(r"(?<!\w)(?:article|art\.|arts\.|page|p\.|pp\.|paragraph|para\.|section|sec\.|"
                               r"chapter|ch\.|annex|no\.|nos\.|fig\.|vol\.|footnote)\s*$")


@functools.lru_cache(maxsize=16)  # (the learning pass and the real one ask the same)
def _writes_number(text: str, number: int) -> str | None:
    """How ``text`` (the sentence a source's count is quoted from) writes ``number`` as a count of countries or
    members: "exact" where it does, in figures (40) or in English words (forty, forty-one, "forty (40)"), whole
    ("forty" is not in "forty-one", nor 9 in "April 9"), before, within three words, a word for the counted ("40
    countries", "41 member states", "forty partner countries") or joined to one by a hyphen ("the 40-nation process",
    "41-member"); the words right beside it that make it approximate, denied, or of the past or the future ("more
    than 40 countries", "no longer has 40", "had 37", "its 40 founding countries", "will have 41") where it writes it
    only so; None where it writes no such count (a count found anywhere, "9" in "April 9", passed: an attack's Z3).
    What the rest of the sentence makes of the count (a count of the past, of another body, a claim) is the
    reader's to judge: the page shows the sentence beside it (``member_count_quote``)."""
    written = [str(number)]
    if 0 <= number < 20:
        written.append(_UNITS[number])
    elif 20 <= number < 100:
        tens, unit = _TENS[number // 10 - 2], number % 10
        written += [tens] if not unit else [f"{tens}-{_UNITS[unit]}", f"{tens} {_UNITS[unit]}",
                                            f"{tens}\u2010{_UNITS[unit]}"]
    # (in the forms compatibility makes one: "forty-one" with a non-breaking hyphen, full-width digits: AH6)
    # (a footnote's superscript is no digit of the number: "40\u00b2 countries" read as 402, an attack's AU5)
    written_so = unicodedata.normalize("NFKC", _SUPERSCRIPTS.sub(" ", _flat(text)))
    flat = written_so.casefold()
    shown = written_so if len(written_so) == len(flat) else flat  # (a message quotes the text with its capitals)
    approximate = None
    for word in written:
        for found in re.finditer(
                f"(?<![\\w.,\u2010-]){re.escape(word)}(?:\\s*\\({number}\\))?\\)?(?:"
                f"[\u2010-](?:nation|member|country|state)\\b|(?![\\w\u2010-]|[.,][0-9])"
                f"\\s+(?:(?!(?:of(?!\\s+(?:its|their|the)\\s)|from|in|at)\\s)[^\\W\\d_][\\w\u2019'-]*\\s+){{0,4}}?"
                f"{_COUNTED})", flat):  # ("all 40 of its member countries": BA7)
            before = flat[max(0, found.start() - 40):found.start()]
            if number <= 31 and _AFTER_MONTH.search(before):  # (a day: "In April 40 countries" is a count, AD11)
                continue
            # (a part of a longer number is not it: "forty two countries", "one hundred and forty countries", AT3;
            # "1 500 members", "1'500 members", AV6)
            if _NUMBER_WORD_BEFORE.search(before) or _NUMBER_WORD.search(found.group(), len(word)) \
                    or (len(word) == 3 and word.isdigit() and _DIGITS_BEFORE.search(before)):
                continue
            # (a number that names a place in a text is no count: "Under Article 40 member states …", AV6)
            if _REFERENCE_BEFORE.search(before):
                continue
            # (the figure in brackets after the words, "more than forty (40)", is approximate as they are)
            about = re.search(f"(?<!\\w)(?:{_ABOUT.pattern})\\s*(?:[a-z\u2010-]+\\s+\\()?\\(?$", before)
            if about and _AFTER_MONTH.search(before[:about.start()]) and re.fullmatch(
                    r"(?:[1-9]|[12][0-9]|3[01]) *[\u2010-\u2015-]\s*", before[about.start():]):
                about = None  # a dateline's day, "April 9 - 40 countries", is no range's first number (BA7)
            rest = flat[found.end():found.end() + 20]
            trailing = _ABOUT_AFTER.match(rest, len(rest) - len(rest.lstrip()))
            # ("40 countries plus the Commission" is 40: AE5)
            if about is None and trailing is None and _ABOUT_BETWEEN.search(found.group(), len(word)) is None:
                return "exact"
            first = found.start() - len(before) + about.start() if about else found.start()
            approximate = approximate or shown[first:found.end() + (trailing.end() if trailing else 0)]
    return approximate


def _check_count_quoted(counting: model.Source, texts: dict[str, SourceText], flat: dict[str, SourceText],
                        ctx: Context) -> None:
    """A source's count of the members is quoted, where the record keeps its text, in the whole sentence that gives
    it (``member_count_quote``), which writes the number as a count: the membership page shows the sentence beside
    the count, in its paragraph, with the source's whole text (``_count_in_its_text``). Read from the text by word
    rules instead, each round of attacks found another way a sentence makes
    its count no count of the members today ("Back in 2014 …", "The Rabat Process brings together 57 countries",
    "Critics claim …", "40 countries attended the meeting": AL5, AM1, AN1, AQ1 to AQ4) and refused honest ones."""
    label = f"source '{counting.id}'"
    quote = counting.member_count_quote
    if quote is not None and counting.member_count is None:
        ctx.problem(at(counting, label, "member_count_quote"), expected="member_count beside it (the count the "
                    "sentence gives)", found="nothing")
    # (a source with a file whose text was refused has its problem said at the file: "has no text in the record"
    # was untrue of it)
    if quote is not None and counting.id not in texts and not counting.file:
        ctx.problem(at(counting, label, "member_count_quote"), f"source '{counting.id}' has no text in the record, "
                    "so its words cannot be checked", hint="say where in the source the count is, in member_count_at, "
                    "and leave the quotation out; or add the source's text under seeds/ and name it in its file")
    if counting.member_count is None or counting.id not in texts:
        return
    if quote is None:
        ctx.problem(at(counting, label, "member_count"), expected="member_count_quote beside it: the whole sentence "
                    "of the source that gives the count, copied exactly (the membership page shows it)",
                    found="nothing")
        return
    where = at(counting, label, "member_count_quote")
    if quote not in texts[counting.id] and " ".join(quote.split()) not in flat[counting.id]:
        ctx.problem(where, _verbatim_problem(quote, texts[counting.id], counting.id))
        return
    single = _flat(quote)  # (its accents composed, as the text's sentences are read: R13)
    # (not after a dateline: "RABAT PROCESS - The dialogue brings together 57 countries." cut so hid what it
    # counts, an attack's AS9)
    unwhole = _not_a_whole_sentence(single, texts[counting.id].text, dateline=False)
    if unwhole is not None:
        # cut to "brings together 57 countries", the sentence's subject ("The Rabat Process") was not shown
        across = not any(single in _flat(words) for words in _sentence_places(texts[counting.id].text, items=True))
        ctx.problem(where, f"the quotation is not a whole sentence of source '{counting.id}'" + (
                    ": it runs over two of the source's paragraphs" if across else _why_not_whole(*unwhole)),
                    hint="quote the sentence that gives the count whole, from its first word to its full stop, so "
                         "that a reader sees what it counts" + (" (sentences of one paragraph)" if across else ""))
        return
    writes = _writes_number(single, counting.member_count)
    if writes is None:
        # a count of 39 for a text that says "40 countries" showed a difference no source makes (an attack's Y1)
        ctx.problem(at(counting, label, "member_count"),
                    f"the quoted sentence does not write the number {counting.member_count} as a count, in figures or "
                    f"in words, before what it counts ('{counting.member_count} countries', "
                    f"'{counting.member_count}-member')", hint="give the count the sentence gives, as it gives it")
    elif writes != "exact":
        # "more than 40 countries" published as a count of 40 member states (an attack's AB2)
        ctx.problem(at(counting, label, "member_count"),
                    f"the quoted sentence writes '{escape.clipped(writes, 200)}', which the check reads as an "
                    "approximate count, a denied one, or one of the past or the future, not as an exact count",
                    hint="give member_count only where a sentence of the source gives the exact number")


def _check_quoted(record: model.Record, texts: dict[str, SourceText], flat: dict[str, SourceText],
                  ctx: Context, quoted: _Quoted) -> None:

    def check_cites(owner: Any, label: str) -> None:
        for cite, named in _all_cites(owner):
            source_text = texts.get(cite.source)
            # a made-up quotation in a locator ("where the plan says “…”", a twenty-first attack) showed beside the
            # source's link as the source's words: held against the cited source's text
            behind = {cite.source: flat[cite.source]} if cite.source in flat else {}
            locator_where = Where(cite.origin.file, Pos(*cite.origin.line_of("locator")), label, f"{named}.locator")
            textless = cite.source in record.sources and not record.sources[cite.source].file
            quoting = any(c.isalnum() for quoted in quotations(cite.locator or "")[0] for c in quoted)
            for detail, hint in _quotation_problems(cite.locator or "", behind, flat) if not (textless and quoting) \
                    else ():
                ctx.problem(locator_where, detail, hint=hint)
            if textless and quoting:
                # held against every text of the record instead, another source's words showed as this one's (W4)
                ctx.problem(locator_where, f"it quotes source '{cite.source}', whose text is not in the record: the "
                            "quotation cannot be checked", hint="say where in the source without quoting it, or add "
                            "the source's text under seeds/ and name it in the source's file")
            if cite.quote is not None and textless:
                # a quote of a web page the record does not keep passed unread, even as the home page's lead (W1)
                ctx.problem(Where(cite.origin.file, Pos(*cite.origin.line_of("quote")), label, f"{named}.quote"),
                            f"source '{cite.source}' has no text in the record, so its words cannot be checked",
                            hint="give a locator instead (where in the source the fact is), or add the source's text "
                                 "under seeds/ and name it in the source's file")
            if cite.quote is None or source_text is None:
                continue
            # a quote across a line of a hard-wrapped text is the same words (an attack's Y14), as in prose
            if cite.quote not in source_text and " ".join(cite.quote.split()) not in flat[cite.source]:
                where = Where(cite.origin.file, Pos(*cite.origin.line_of("quote")), label, f"{named}.quote")
                ctx.problem(where, _verbatim_problem(cite.quote, source_text, cite.source))

    unread = {sid for sid, source in record.sources.items() if source.file and sid not in texts}
    # a source left out for a problem of its own: what its citers quote may be its words (one slip in a source's field
    # said every quotation of it differed from another source's text, an attack's AS17)
    unread |= {ident for collection, ident in ctx.flawed_ids if collection == "sources"}
    for collection in model.COLLECTIONS:
        # a withdrawn entry's page still shows its words, and the reason it was taken out (a twenty-first attack
        # put a made-up quotation in a withdrawal's reason)
        for item in [*getattr(record, collection.name).values(), *record.withdrawn_in(collection.name)]:
            # an entry's citations depend on it and on what ``_AGAINST`` names: checked again when either changed
            cites_label = f"{collection.singular} '{item.id}'"
            quoted.once((item.origin.file, cites_label, "cites"), item, ctx,
                        functools.partial(check_cites, item, cites_label))
            if not (unread and (_cites_unread(item, unread) or not _texts_behind(item, flat))):
                quoted.check(item, f"{collection.singular} '{item.id}'", _texts_behind(item, flat), flat, ctx)
    def with_withdrawn(document: model.Document) -> list[model.Paragraph]:
        """A document's paragraphs with those withdrawn, whose permanent pages show their text still."""
        return list({p.id: p for p in [*document.paragraphs, *record.withdrawn_paragraphs(document.id)]}.values())

    # a withdrawn document's paragraphs keep their pages too (a twenty-second attack's made-up text of record)
    documents = [*record.documents.values(), *record.withdrawn_in("documents")]
    for document in documents:
        behind = _texts_behind(document, flat)
        for paragraph in with_withdrawn(document) if not (unread and _cites_unread(document, unread)) else ():
            quoted.check(paragraph, f"paragraph '{paragraph.id}'", behind, flat, ctx)
    for entry in record.sources.values():
        own = {entry.id: texts[entry.id]} if entry.id in texts else {}  # its lines: a credit line opens one
        # a publisher read from the text (its credit line, its heading) is in it: "Reuters" passed for a news site
        # whose text never names Reuters (a twenty-third attack's W3)
        if own and entry.publisher and entry.publisher_from in ("credit-line", "heading") \
                and not _in_credit_place(" ".join(entry.publisher.split()), own[entry.id].text,
                                         entry.publisher_from == "credit-line"):
            ctx.problem(at(entry, f"source '{entry.id}'", "publisher"),
                        f"the publisher is read from the source's {entry.publisher_from.replace('-', ' ')}, but "
                        f"'{entry.publisher[:80]}' is not written so where a credit line or a heading stands (the "
                        f"text's first or last {CREDIT_PLACE} characters)",
                        hint="copy the name as the text writes it (a credit line's opens a line, before a dash, a "
                             "colon or a bar; a heading's is a line of its own at the text's start), or say how "
                             "else it is known in publisher_from")
        # "as the source states it", the strongest claim, was the one not read: every citation of the declaration
        # named Reuters, which its kept text never writes (BN4, BL10)
        if own and entry.publisher and entry.publisher_from == "stated" and not re.search(  # (any case: BS13)
                r"(?<!\w)" + re.escape(" ".join(entry.publisher.replace("\u2019", "'").split())).replace(
                    "\\ ", "\\s+") + r"(?!\w)", own[entry.id].text.replace("\u2019", "'"), re.I):
            ctx.problem(at(entry, f"source '{entry.id}'", "publisher"),
                        f"the source is said to state its publisher, but its text does not write "
                        f"'{entry.publisher[:80]}'", hint="copy the name as the text writes it, or say how else it is "
                        "known in publisher_from (credit-line, heading, website)")
        # the website that publishes it names itself: a source with no address has no website to read (BN4)
        if entry.publisher and entry.publisher_from == "website" and not entry.url:
            ctx.problem(at(entry, f"source '{entry.id}'", "publisher_from"),
                        "the publisher is said to be named by the website that publishes the source, and the source "
                        "has no url", hint="give the url of the page, or say how else the publisher is known")
    # a state's name before a headline's colon ("Sudan: ministers meet…") names the place a story is about, not who
    # publishes it; before a dash, a sentence's subject (an attack's Y5, Y4)
    state_names = {_flat(n).casefold().removeprefix("the "): f"{entry.singular} '{entry.id}'"
                   for entry in (*record.states.values(), *record.others.values())
                   for n in (entry.name, entry.name_in_sentence, *entry.also_written) if n}
    for entry in record.sources.values():
        named_state = state_names.get(_flat(entry.publisher or "").casefold().removeprefix("the "))
        if named_state and entry.publisher_from in ("credit-line", "heading"):
            ctx.problem(at(entry, f"source '{entry.id}'", "publisher"),
                        f"'{entry.publisher}' is the name of {named_state}: a state's name at a text's head names "
                        "the place a story is about, not who publishes it",
                        hint="give the publisher the text names, or say how it is known in publisher_from (stated, "
                             "website)")
    first = history.first_event(record)
    for counting in record.sources.values():
        _check_count_quoted(counting, texts, flat, ctx)
        if counting.member_count is not None and counting.member_count_at is None:
            ctx.problem(at(counting, f"source '{counting.id}'", "member_count"),
                        expected="member_count_at beside it (where in the source the count is)", found="nothing")
        if counting.member_count is not None and counting.date is None and counting.member_count_read_at is None:
            ctx.problem(at(counting, f"source '{counting.id}'", "member_count"),
                        "a count of members needs the source's date, or member_count_read_at (the meeting the record "
                        "reads it as about): the membership page of that year shows it")
        year = history.count_year(record, counting)
        if first is not None and year is not None and year < first.date.year:
            # a slip of one digit (2004 for 2024) made ten membership pages, the first giving the process 36 members
            # ten years before it began (an attack's AX2)
            ctx.problem(at(counting, f"source '{counting.id}'", "date" if counting.date else "member_count_read_at"),
                        f"the count is of {year}, a year before the record's first event (event '{first.id}', "
                        f"{first.date.display()})", hint="check the date; a count of the members is of the "
                        "process's own years")
        if counting.member_count_read_at is not None and (counting.member_count is None or counting.date is not None):
            ctx.problem(at(counting, f"source '{counting.id}'", "member_count_read_at"),
                        expected="a source with member_count and no date of its own",
                        found="a dated source" if counting.date is not None else "no member_count")
        elif (meeting := record.events.get(counting.member_count_read_at or "")) is not None \
                and counting.id not in {c.source for c in meeting.cites}:
            # the page sends the reader to "that meeting's notes", which explain the reading where the meeting cites
            # the source: a slip of one id moved the count to another year, pointing to notes that say nothing (BG5)
            ctx.problem(at(counting, f"source '{counting.id}'", "member_count_read_at"),
                        f"event '{meeting.id}' does not cite this source, and the page sends the reader to its notes "
                        "for the reading", hint="name the meeting the source is about, and cite the source there "
                        "with a note on the reading")
    eu, m49 = record.source_supplying("eu-membership"), record.source_supplying("m49-regions")
    for state in record.states.values():
        state_cites = {c.source for c in state.cites}
        known = state_cites <= set(record.sources)  # (a source id mistyped is said as such: this would follow)
        # the group and the UN region come from the sources that supply them: Norway made an EU member state by a
        # slip of one word made the home page count 28 of them (an attack's BI2)
        if known and eu is not None and (state.region == "eu-member-state") != (eu.id in state_cites):
            ctx.problem(at(state, f"state '{state.id}'", "region"),
                        f"it is {state.region}, and the state "
                        f"{'does not cite' if eu.id not in state_cites else 'cites'} "
                        f"source '{eu.id}', which supplies the EU's membership", hint="give the group that source "
                        "gives the state, citing it for an EU member state")
        if known and m49 is not None and state.subregion is not None and m49.id not in state_cites:
            ctx.problem(at(state, f"state '{state.id}'", "subregion"), f"it gives a UN M49 region, and the state "
                        f"does not cite source '{m49.id}', which supplies them", hint="cite that source for it")
        where = at(state, f"state '{state.id}'", "subregion")
        if state.region == "african-state" and state.subregion is None:
            ctx.problem(where, expected="a sub-region for an African state", found="nothing")
        if state.region != "african-state" and state.subregion is not None:
            ctx.problem(where, f"a sub-region is given only for African states; this state's region is "
                        f"'{state.region}'")

    held: dict[str, tuple[str, str]] = {}  # a paragraph's words → the document and the paragraph that have them
    by_id = {document.id: document for document in documents}
    for document in documents:
        label = f"document '{document.id}'"
        cited = [(c.source, texts[c.source]) for c in document.cites if c.source in texts]
        for paragraph in with_withdrawn(document):
            other = held.setdefault(_flat(paragraph.text), (document.id, paragraph.id))
            # the same place of a source cited by both (two documents' own texts may repeat a paragraph, V12)
            if other[0] != document.id and any(
                    c.source in flat and _flat(paragraph.text) in _flat(flat[c.source].text)
                    for c in by_id[other[0]].cites if c.source in {s for s, _ in cited}):
                # the declaration's preambular paragraphs 2 and 3 given as the action plan's operative ones: a
                # document's part was never read against a source that marks no parts (a thirty-first attack's U8)
                ctx.problem(at(paragraph, f"paragraph '{paragraph.id}'", "text"), f"paragraph '{other[1]}' of "
                            f"document '{other[0]}' has the same text; a paragraph of a source is one document's",
                            hint="give the paragraph that stands in this document's own text")
        has_file = record.cites_a_text(document)
        if document.text_in_record and not cited and "sources" not in ctx.unreadable and not has_file:
            ctx.problem(at(document, label, "cites"),
                        "a document whose text is in the record must cite a source with a file")
        if not document.text_in_record and document.paragraphs:
            ctx.problem(at(document, label, "text_in_record"), "paragraphs are given but text_in_record is false")
        for heading in ("source_heading", "operative_intro"):
            if getattr(document, heading) is not None and not cited and not has_file \
                    and "sources" not in ctx.unreadable:  # a file that cannot be read is reported at its source
                # the source's own words, shown as such: unchecked when no cited source had a text (W17)
                ctx.problem(at(document, label, heading), "the source's own words cannot be checked: the document "
                            "cites no source whose text is in the record", hint="cite the source whose text has "
                            "them, or leave the field out")
        verbatim: list[tuple[Any, str, str, str | None]] = [
            (document, label, "source_heading", document.source_heading),
            (document, label, "operative_intro", document.operative_intro),
            *((c, f"paragraph '{c.id}'", "text", c.text) for c in with_withdrawn(document)),
        ]
        # a source dated before the document whose paragraphs its text gives: the declaration of a meeting of 9 April
        # rested on a report the site dated 1 March (an attack's AA12)
        meeting = record.events.get(document.adopted_at) if document.adopted_at else None
        # the more precise of the document's date and its meeting's (a document dated 2025 alone let a source of 9
        # January pass for a meeting of 8 May: AF6)
        adopted = max((d for d in (document.date, meeting.date if meeting else None) if d is not None),
                      key=history.first_day, default=None)
        for sid in dict.fromkeys(sid for sid, _ in cited):  # (once for a source cited twice: AD3)
            giving = record.sources.get(sid)
            # the day it was read too: a text read a year before the meeting gave its declaration (AD2)
            for field_name, dated, what in (("date", giving and giving.date, "dated"),
                                            ("accessed", giving and giving.accessed, "read (accessed)")):
                if adopted is not None and dated and history.last_day(dated) < history.first_day(adopted) \
                        and any(" ".join(p.text.split()) in flat[sid] for p in document.paragraphs):
                    ctx.problem(at(giving, f"source '{sid}'", field_name),
                                f"the source is {what} {dated.display()}, before {label} ({adopted.display()}), "
                                "whose paragraphs its text gives", hint=f"give the {field_name} the source bears, "
                                "or cite for the document's text a source published when or after it was adopted")
        placed: list[model.Paragraph] = []  # the paragraphs whose text is a whole paragraph of the source
        for item, item_label, text_field, value in verbatim:
            if value is None or not cited:
                continue
            # a hard-wrapped source's paragraph, written folded (white space made single), is its words (Z13)
            if not any(value in source or " ".join(value.split()) in flat[sid] for sid, source in cited):
                source_id, source = cited[0]
                ctx.problem(at(item, item_label, text_field), _verbatim_problem(value, source, source_id))
            elif not isinstance(item, model.Paragraph) and not any(
                    _flat(value) in _paragraphs_of(source.text) for _, source in cited):
                # the words that introduce the paragraphs, or open the operative ones, are a line of the source of
                # their own: a piece of one ("We have agreed") or a caption was shown as them (T8)
                ctx.problem(at(item, item_label, text_field), "the source has these words, but not as a whole "
                            "line or paragraph of it", hint="copy the source's whole line")
            elif isinstance(item, model.Paragraph) and not any(
                    _flat(value) in _paragraphs_of(source.text) for _, source in cited):
                # a paragraph cut short passed as the whole paragraph, on its page, in the full text, the CSV and
                # the Akoma Ntoso file (a twenty-fourth attack's X3)
                # the sources that hold the words, not every one cited (a thirty-first attack's U3)
                named = ", ".join(repr(sid) for sid in dict.fromkeys(
                    sid for sid, source in cited if value in source or " ".join(value.split()) in flat[sid]))
                ctx.problem(at(item, item_label, text_field), f"the text is in source {named}, "
                            "but not as a whole paragraph of it: it starts or ends inside one of the source's "
                            "paragraphs",
                            hint="copy the source's paragraph whole (its number or bullet may be left out)")
            elif isinstance(item, model.Paragraph):  # a withdrawn one too: its page shows its number and part (Q8)
                placed.append(item)
        if cited:
            _check_places(document, placed, cited, ctx, complete=len(placed) == sum(
                isinstance(item, model.Paragraph) for item, _, _, value in verbatim if value is not None))
        giving_most = max(cited, default=None, key=lambda given: sum(
            " ".join(p.text.split()) in flat[given[0]] for p in document.paragraphs))
        if giving_most is not None and document.paragraphs and document.id in record.documents:
            record.documents[document.id] = dataclasses.replace(document, text_source=giving_most[0])


_ENUMERATOR = re.compile(r"^(?:\(?[0-9]{1,3}[.)]|[a-z][.)]|[-*\u2022])\s+")
_NUMBERED = re.compile(r"^\s*\(?([0-9]{1,3})[.)](?:\s+(.*)|\s*$)")  # "12. Text", or "12." alone on its line (Q2)


def _flat(text: str) -> str:
    """White space made single, and accents composed (NFC), as the verbatim check reads a text: an accent written
    apart (e and U+0301, as a copy from macOS may give it) passed that check and skipped the reading of paragraphs
    and sentences (a thirty-third attack's W4, W10)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# A text whose longest line is no longer than this is read as hard-wrapped (pdftotext, an e-mail, fold): a line
# break there may fall inside a paragraph. Longer lines are a text of one paragraph per line (a web page's).
WRAPPED_WIDTH = 200


@functools.lru_cache(maxsize=16)
def _groups_of(text: str) -> tuple[tuple[int | None, str], ...]:
    """A source's paragraphs in their order, each its number (None: it has none) and its words (without its number,
    white space made single). A paragraph starts after a blank line and at a number or bullet. In a text of long
    lines each line is a paragraph; in a hard-wrapped one (``WRAPPED_WIDTH``) a line runs on to the next unless it
    ends a sentence well short of the text's width (``_ends_short``), whatever the indent. A line indented deeper
    than its paragraph's number, and the line after a number alone, run it on too. (A hard-wrapped text's lines
    were each taken for a whole paragraph, and a numbered paragraph ended at a line less indented than its number:
    a twenty-eighth attack's R1, R2; a break read by whether the line had room for the next word failed with
    fold's and pdftotext's lines, S1, S6; before, numbers were read from first lines only, Z2, Q2, Q10.)"""
    lines = text.splitlines()
    # the width the text is wrapped at, the text's (a list may be wrapped narrower than its prose): its longest line
    # but those half as long again as the median line when they are a tenth of its lines at most, so a long line or
    # two (an address) do not make a wrapped text one of long lines (T1, T5), while a text of long lines and short
    # ones (a page's headings, captions and paragraphs) stays one
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    median = lengths[len(lengths) // 2] if lengths else 0
    usual = [length for length in lengths if length <= 1.5 * median]
    width = max(usual, default=0) if (len(lengths) - len(usual)) * 10 <= len(lengths) else lengths[-1]
    wrapped = width <= WRAPPED_WIDTH
    groups: list[tuple[int | None, list[str], int]] = []  # number, lines, the indent of its number or bullet (-1)
    previous = ""  # the line before, in the paragraph that may run on ("" after a blank line)
    widest = 0  # the longest line of the last paragraph so far (kept as it grows: recounted, it took minutes, Z10)
    for line in lines:
        if not line.strip():
            previous = ""
            continue
        depth = len(line) - len(line.lstrip())
        numbered = _NUMBERED.match(line)
        bullet = not numbered and _ENUMERATOR.match(line.lstrip())
        if bullet and wrapped and previous and not (groups[-1][0] is None and groups[-1][2] >= 0) \
                and not _ends_short(previous, width) and not previous.rstrip().endswith(":"):
            bullet = None  # a dash the wrapping put at a line's start, inside a paragraph, is no bullet (T4)
        if numbered and wrapped and previous and _REFERENCE_END.search(previous):
            # "as set out in paragraph" and "2. The chair…" on the next line: the wrapping put the number there (U1,
            # and after "Art.", V8); a list's item with no stop of its own ends before the next number (V7)
            numbered = None
        if numbered or bullet:
            groups.append((int(numbered.group(1)) if numbered else None,
                           [numbered.group(2) or "" if numbered else line], depth))
            widest = len(groups[-1][1][0].rstrip())
        elif previous and (groups[-1][1] == [""] or depth > groups[-1][2] >= 0
                           or (wrapped and not _ends_short(previous, width)
                               and not _ends_with_room(previous, len(groups[-1][1]), widest, line, width,
                                                       groups[-1][2] >= 0))):
            groups[-1][1].append(line)
            widest = max(widest, len(line.rstrip()))
        else:
            groups.append((None, [line], -1))
            widest = len(line.rstrip())
        previous = line
    return tuple((number, _flat(" ".join(lines))) for number, lines, _ in groups)


_SENTENCE_CLOSE = re.compile("[.!?][\"'\u201d\u2019)\\]]*$")


# A line that ends with a word a number follows ("as set out in paragraph", "Art."): the number on the next line is
# the wrapping's, not a paragraph's
_REFERENCE_END = re.compile(r"(?i)(?:\b(?:paragraph|para|article|art|section|sec|chapter|ch|no|number|page|p|pp|point"
                            r"|item|annex|appendix|resolution|rule|objective|target|goal|domain|pillar|priority"
                            r"|recommendation|step|phase|principle|measure|action|component|outcome|output"
                            r"|indicator|clause|part|title|volume|and|or|to|of|in|under|see|per|by|from)[.]?"
                            r"|[\u00a7\u00b6])[ \t]*$")  # singular: a list's item may end in a plural (rules, W6)


def _ends_short(line: str, width: int) -> bool:
    """Whether a line of a hard-wrapped text ends its paragraph: it ends a sentence, and is shorter than four fifths
    of the text's width (a wrapping tool fills a line of a paragraph it runs on; fold ends one a column or two early,
    and counts bytes)."""
    line = line.rstrip()
    return bool(_SENTENCE_CLOSE.search(line)) and len(line) < 0.8 * width


def _ends_with_room(line: str, lines: int, widest: int, following: str, width: int, listed: bool) -> bool:
    """Whether ``line``, the last of a hard-wrapped paragraph's ``lines`` so far (the longest of them ``widest``
    long), ends it, whatever it ends with: the next line opens with a capital, and its first word would have fitted
    on the line with a tenth of the width to spare, the width of the paragraph's own lines once it has two (a text
    may wrap one paragraph narrower than another), else the text's. A wrapping tool leaves no such room inside a
    paragraph (the tenth covers fold's count of bytes); a declaration's preambular paragraphs end in commas
    ("Recalling the Rome Declaration of 2014,") and a title in no mark at all (a thirty-first attack's U10: such
    lines were read as one paragraph, and each preambular paragraph was refused as not a whole one)."""
    word = following.split(maxsplit=1)[0] if following.strip() else ""
    if lines > 1:
        width = widest
    elif listed:
        return False  # a list may be wrapped narrower than the prose, and its first line says not how much
    return word[:1].isupper() and len(line.rstrip()) + 1 + len(word) < 0.9 * width


# four words at most, ending in no mark: "Protection", "Migration and development"; a preambular paragraph of six,
# "Noting the Joint Valletta Action Plan", is one to count (an attack's AA6)
_HEADING_LIKE = re.compile(r"(?:\S+ ){0,3}\S*[^\W_]")


@functools.lru_cache(maxsize=16)  # (read again for every document that cites the text, on every check)
def _layout_of(text: str) -> tuple[str, dict[str, int], dict[str, frozenset[int]], tuple[int, ...]]:
    """A source's text as its paragraphs stand in it (``_groups_of``): the text with its white space made single,
    where each paragraph starts in that (by its words, without its number), the numbers the text gives its
    numbered paragraphs, and where every paragraph starts, in order (to count those between two places)."""
    flat = _flat(text)
    places: dict[str, int] = {}
    numbers: dict[str, set[int]] = {}
    starts: list[int] = []
    cursor = 0
    for number, words in _groups_of(text):
        if not words:
            continue
        at_ = flat.find(words, cursor)
        if at_ >= 0:  # paragraphs stand in order: each is looked for after the one before (linear, Z11)
            places.setdefault(words, at_)
            if not _HEADING_LIKE.fullmatch(words):  # a sub-heading is no paragraph to count (an attack's Z2)
                starts.append(at_)
            cursor = at_
        if number is not None:
            numbers.setdefault(words, set()).add(number)
    return flat, places, {words: frozenset(found) for words, found in numbers.items()}, tuple(starts)


def _check_places(document: model.Document, paragraphs: list[model.Paragraph],
                  cited: list[tuple[str, SourceText]], ctx: Context, complete: bool = True) -> None:
    """Whether each paragraph's text stands in the source where the paragraph does: not another paragraph's text,
    under its own number where the source numbers its paragraphs, a preambular paragraph before the words that
    open the operative ones and an operative one after them, and the source's heading before them all (a
    twenty-fifth attack gave operative paragraph 2 the third preambular one's words and an "operative paragraph 18"
    a reporter's sentence, Y2; a twenty-sixth swapped a preambular and an operative paragraph of one number, Z1,
    and gave as the heading words that stand after the last paragraph, Z9). Once per document, in time linear in
    its paragraphs (Z11). A withdrawn paragraph's permanent page still shows its number and part, so its place is
    checked too (a twenty-seventh attack's Q8 withdrew an "operative paragraph 18" holding the third preambular
    paragraph's words). ``complete``: every paragraph of the document is among ``paragraphs`` (none was refused
    for its text)."""
    label = f"document '{document.id}'"
    layouts = [_layout_of(source.text) for _, source in cited]
    hint = "give the paragraph the text that stands under its number in the source"
    first: dict[str, model.Paragraph] = {}
    numbered = sum(any(_flat(p.text) in numbers for _, _, numbers, _ in layouts) for p in paragraphs)
    placed: list[model.Paragraph] = []  # those whose place the checks below read: no problem said of them
    unnumbered: list[model.Paragraph] = []  # of those, the ones the source gives no number
    for paragraph in paragraphs:
        words = _flat(paragraph.text)
        where = at(paragraph, f"paragraph '{paragraph.id}'", "text")
        twin = first.setdefault(words, paragraph)
        given = frozenset().union(*(numbers.get(words, frozenset()) for _, _, numbers, _ in layouts))
        if twin is not paragraph:
            ctx.problem(where, f"paragraph '{twin.id}' has the same text; a text of the source is one paragraph of "
                        "the document", hint=hint)
        elif given and paragraph.number not in given:
            ctx.problem(where, f"the source numbers this text {', '.join(map(str, sorted(given)))}, not "
                        f"{paragraph.number}", hint=hint)
        elif not given and numbered * 2 > len(paragraphs):
            ctx.problem(where, "the source gives this text no number, where it numbers the document's other "
                        "paragraphs: it is not one of the document's numbered paragraphs", hint=hint)
        else:
            placed.append(paragraph)
            if not given:
                unnumbered.append(paragraph)
    parts = {p.part for p in placed}
    if len(parts) > 1 and not document.operative_intro:
        # without the words that open the operative paragraphs, which part a text is in could not be read (Q1)
        ctx.problem(at(document, label, "operative_intro"), "the document has preambular and operative paragraphs, "
                    "but not the words of the source that open the operative ones",
                    hint="give operative_intro, as the source writes it")
    # the order of the source that holds the most of the paragraphs, not of the first cited (Q1)
    layout = max(layouts, key=lambda found: sum(_flat(p.text) in found[1] for p in placed), default=None)
    for flat, places, _, starts in [layout] if layout else []:
        at_of = {p.id: places[_flat(p.text)] for p in placed if _flat(p.text) in places}
        if not at_of:
            continue
        # where the source numbers nothing, the record's numbers follow its order: reversed, the full text showed
        # the source's last paragraph as the first (a thirty-first attack's U14); and they count its paragraphs:
        # numbers 1, 2 and 9 given to its first, third and fourth were shown "as its source gives them" (V11)
        for part in ("preambular", "operative"):
            in_order = sorted((p for p in unnumbered if p.part == part and p.id in at_of), key=lambda p: p.number)
            for earlier, later in itertools.pairwise(in_order):
                between = bisect.bisect_left(starts, at_of[later.id]) - bisect.bisect_right(starts,
                                                                                            at_of[earlier.id])
                if at_of[later.id] < at_of[earlier.id]:
                    ctx.problem(at(later, f"paragraph '{later.id}'", "number"),
                                f"the source has this text before that of paragraph '{earlier.id}' (number "
                                f"{earlier.number}), and gives neither a number: the record numbers them in the "
                                "source's order", hint="number the paragraphs in the order the source gives them")
                elif at_of[later.id] > at_of[earlier.id] and later.number != earlier.number + between + 1:
                    index = bisect.bisect_right(starts, at_of[earlier.id])  # the first paragraph between
                    shown = flat[starts[index]:starts[index + 1] if index + 1 < len(starts) else len(flat)].strip() \
                        if between else ""
                    shown = shown if len(shown) <= 60 else f"{shown[:59]}\u2026"
                    ctx.problem(at(later, f"paragraph '{later.id}'", "number"),
                                f"the source gives no numbers, and has {between or 'no'} "
                                f"paragraph{'' if between == 1 else 's'} between "
                                f"that of paragraph '{earlier.id}' (number {earlier.number}) and this one"
                                + (f" ('{shown}'{' and more' if between > 1 else ''})" if between else "")
                                + f": counted as the source's paragraphs are, it is number "
                                f"{earlier.number + between + 1}",
                                hint="number the paragraphs by their place in the source: the next paragraph is "
                                     "the next number")
        intro_words = _flat(document.operative_intro) if document.operative_intro else ""
        intro = _last_before(flat, intro_words, [at_of[p.id] for p in placed
                                                 if p.id in at_of and p.part == "operative"])
        ends = {p.id: at_of[p.id] + len(_flat(p.text)) for p in placed if p.id in at_of}
        if intro >= 0 and any(start < intro + len(intro_words) and intro < ends[pid] for pid, start in at_of.items()):
            # the words that open the operative paragraphs are words of none of them (Q4)
            ctx.problem(at(document, label, "operative_intro"), "the source has these words inside one of the "
                        "document's paragraphs, so they do not open the operative ones",
                        hint="give the words that stand between the preambular and the operative paragraphs")
            intro = -1
        operative = [at_of[p.id] for p in placed if p.id in at_of and p.part == "operative"]
        # what stands right before the first paragraph is read once every paragraph is found where it stands: a slip
        # in the first one's text (said there) made the heading's words seem to stand apart from them (AH8)
        whole = complete and len(at_of) == len(paragraphs)
        if whole and intro >= 0 and operative and not _NEXT_TO.fullmatch(
                flat[intro + len(intro_words):min(operative)]):
            # the words stand right before the operative paragraphs, not anywhere before them (T8)
            ctx.problem(at(document, label, "operative_intro"), "the source has other words between these and the "
                        "first operative paragraph, so they do not open the operative ones",
                        hint="give the line that stands right before the first operative paragraph")
        if intro >= 0:
            for paragraph in placed:
                before = at_of.get(paragraph.id, intro) < intro
                if paragraph.id in at_of and before != (paragraph.part == "preambular"):
                    ctx.problem(at(paragraph, f"paragraph '{paragraph.id}'", "text"),
                                f"the source has this text {'before' if before else 'after'} the words that open "
                                f"the operative paragraphs (operative_intro), so it is not one of the "
                                f"{paragraph.part} paragraphs", hint=hint)
        heading_words = _flat(document.source_heading) if document.source_heading else ""
        heading = _last_before(flat, heading_words, list(at_of.values()))
        if unnumbered and not heading_words:
            # without them, where the count starts could not be read: an unnumbered text's first paragraphs were
            # published as operative paragraphs 5 and 6 (an attack's Z1)
            ctx.problem(at(document, label, "source_heading"), "the source numbers none of "
                        f"{', '.join(repr(p.id) for p in unnumbered[:3])}{' …' if len(unnumbered) > 3 else ''}, so "
                        "the record counts them from the words that introduce them, and the document gives none",
                        hint="give source_heading, the line that stands right before the paragraphs in the source")
        # the first of a part the source numbers nothing in counts from the words that open the part (V11)
        for part, opening in (("preambular", heading), ("operative", intro if intro >= 0 else
                                                        heading if parts == {"operative"} else -1)):
            first_of = min((p for p in unnumbered if p.part == part and p.id in at_of), key=lambda p: p.number,
                           default=None)
            if first_of is None or opening < 0 or at_of[first_of.id] < opening:
                continue
            counted = bisect.bisect_left(starts, at_of[first_of.id]) - bisect.bisect_right(starts, opening) + 1
            if first_of.number != counted:
                ctx.problem(at(first_of, f"paragraph '{first_of.id}'", "number"),
                            f"the source gives no numbers, and this is its paragraph {counted} after the words "
                            f"that open the {part} paragraphs "
                            f"({'source_heading' if opening == heading else 'operative_intro'})",
                            hint="number the paragraphs by their place in the source: the first is number 1")
        if heading >= 0 and heading + len(heading_words) > min(at_of.values()):  # it ends before them (Q4)
            ctx.problem(at(document, label, "source_heading"), "the source has these words after the first of "
                        "the document's paragraphs, so they do not introduce them",
                        hint="give the words that stand before the paragraphs in the source")
        elif whole and heading >= 0 and not _NEXT_TO.fullmatch(
                flat[heading + len(heading_words):min(at_of.values())]):
            # right before them: a caption at the top of the page was shown as the words introducing them (T8)
            ctx.problem(at(document, label, "source_heading"), "the source has other words between these and the "
                        "first of the document's paragraphs, so they do not introduce them",
                        hint="give the line that stands right before the paragraphs in the source")


def _last_before(flat: str, words: str, paragraphs: list[int]) -> int:
    """Where a source's words that introduce paragraphs stand: the last place they stand before the first of
    them (a title repeated as the heading right before the paragraphs was read at the title, an attack's AB5), or
    their first place if none is before them; -1 if the text has none."""
    if not words:
        return -1
    before = flat.rfind(words, 0, min(paragraphs)) if paragraphs else -1
    return before if before >= 0 else flat.find(words)


_NEXT_TO = re.compile(r"\s*(?:\(?[0-9]{1,3}[.)]|[a-z][.)]|[-*\u2022])?\s*")  # white space and a number or bullet


@functools.lru_cache(maxsize=16)
def _paragraphs_of(text: str) -> frozenset[str]:
    """A source's paragraphs as the record may give them (``_groups_of``), white space made single, with or without
    the number or bullet that opens each."""
    found = {words for _, words in _groups_of(text)}
    return frozenset((found | {_ENUMERATOR.sub("", words) for words in found}) - {""})


# The grammar of quotation marks in our own prose: an allow-list, which ended a series of attacks that put words no
# source says between one more kind of mark each round (straight, single, guillemets, fullwidth, primes, accents...).
# A quotation is written between “ and ” (curly marks nest inside it: a quotation may quote a title), and is checked
# word for word against the source, whole words. Outside a quotation, a mark a reader could take for a quotation mark
# is refused, save the apostrophe inside a word (process's, Sana'a) or ending one (the member states'), before a
# decade ('90s) and in 's-Hertogenbosch, and primes after a digit (the minutes of 15°36, say).
APOSTROPHES = "'\u2019\u02bc\u00b4"  # straight, right single (the typographic apostrophe), modifier letter, acute
IN_WORD_MARKS = "\u02bb\u02be\u02bf"  # the ayn and hamza of a transliteration (Port Said, Quran): between letters
# a hamza and an ayn, half rings that pair with nothing (U+02BB, the turned comma, looks like an opening mark)
TRANSLITERATION = "\u02be\u02bf"
PRIMES = "\u2032\u2033"  # minutes and seconds of a coordinate
LOOK_ALIKES = (  # marks that are not Unicode's quotation punctuation (Pi, Pf) nor named as such but read as one
    "\"`\u201a\u201e\u2e02-\u2e05\u2e09\u2e0a\u2e0c\u2e0d\u2e1c\u2e1d\u2e20\u2e21\u2e42"
    "\u300c-\u300f\u301d-\u301f\ufe41-\ufe44\uff02\uff07\uff62\uff63\u275b-\u2760\u276e\u276f"
    "\u2032-\u2037\u2057\u3003\u02b9-\u02bb\u02bd\u02be\u02bf\u02c8\u02ca\u02cb\u02dd\u02ee\u02f5\u02f6"
    "\u05f3\u05f4\u1fef\u1ffd\uff40\ua78b\ua78c\u300a\u300b\u00a8\U0001f676-\U0001f678"
    # a twenty-third attack's: Greek breathings and numeral signs, the Armenian comma, raised and turned commas
    "\u0374\u0375\u1fbd\u1fbf\u1fc0\u1fc1\u1fcd-\u1fcf\u1fdd-\u1fdf\u1fed\u1ffe\u055d\u2e32\u2e34\u2e41\u2e49"
    # a twenty-fourth attack's: syllabics' and Arabic's high marks, Greek tonos, Vedic signs, clicks
    "\u1426\u144a\u0674\u0384\u0385\u1cd3\u02f4\u01c0\u01c1"
    # a twenty-fifth attack's (Y6): angle brackets and chevrons of mathematics and CJK, syllabics' and kana's marks
    "\u226a\u226b\u27ea\u27eb\ufe3d\ufe3e\u3008\u3009\u27e8\u27e9\u276c\u276d\u2770\u2771\u02c2\u02c3"
    "\u1425\u141f\u309b\uff9e\u02d2\u02d3\ua4f9\u00b8\u2329\u232a\ufe3f\ufe40"
    # a twenty-sixth attack's (Z7): a twin of a refused mark, corner brackets and modifier corners
    "\u1fee\u231c-\u231f\u2e22-\u2e25\u02f9-\u02fc\u02ce\u02cf"
    # a twenty-seventh attack's (Q14): combining commas above a letter, which show as a closing mark, single or double
    "\u0312-\u0315\u0343")
_LOOK_ALIKE = re.compile(f"[{LOOK_ALIKES}]")
_DOUBLED_ANGLES = re.compile("<<|>>")
# Named so by Unicode: any apostrophe, prime or quotation mark of any script (NKo's, Armenian's...) is one.
_LOOK_ALIKE_NAMES = re.compile(r"QUOTATION|APOSTROPHE|PRIME|PSILI|DASIA|KORONIS|GERESH|GERSHAYIM|TURNED COMMA"
                               r"|REVERSED COMMA|RAISED COMMA|STACKED COMMA")
_DECADE = re.compile("['\u2019][0-9][0-9]s?(?![\\w'\u2019])")  # '90s, '14
# Primes only in a coordinate, after degrees (15 degrees 36 minutes N): a prime after any year read as a mark (X11)
_COORDINATE = re.compile("[0-9]{1,3}° ?[0-9]{1,2}\u2032(?: ?[0-9]{1,2}(?:[.][0-9]+)?\u2033)?")
_DUTCH_ARTICLE = re.compile("['\u2019]s-[A-Z]")  # 's-Hertogenbosch, 's-Gravenhage
# A name that opens with its apostrophe, as the Calabrian 'Ndrangheta does (refused, an attack's T10): the name alone,
# since any word after an opening apostrophe reads as a quotation's first word
_NAME_APOSTROPHE = re.compile("['\u2019]Ndranghet(?:a|ista|isti)(?:['\u2019]s)?(?![\\w'\u2019])")
QUOTATION_STANDS_IN = "\x00"


CURLY_DOUBLE = re.compile("[“”]")


def quotations(text: str) -> tuple[list[str], list[tuple[int, int]], bool]:
    """The quotations in a piece of our prose (each outermost pair of “ ”, inner marks included), where each
    stands (its marks included), and whether the marks pair up."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    depth, start, balanced = 0, 0, True
    for mark in CURLY_DOUBLE.finditer(text):  # the marks alone, not every character
        i, char = mark.start(), mark.group()
        if char == "“":
            if depth == 0:
                start = i
            depth += 1
        elif char == "”":
            if depth == 0:
                balanced = False
                continue
            depth -= 1
            if depth == 0:
                found.append(text[start + 1:i])
                spans.append((start, i + 1))
    return found, spans, balanced and depth == 0


# What may be a mark a reader takes for a quotation mark: anything but ASCII letters, digits and punctuation that
# is none, white space, and the curly double marks (one that pairs with none is reported apart).
_MAY_BE_A_MARK = re.compile(r"[^A-Za-z0-9\s.,;:!?()\[\]/&%+=<>*#@$|~^{}\\_\-“”]")


def stray_mark(text: str) -> tuple[int, str] | None:
    """The first mark outside the quotations of ``text`` that a reader could take for a quotation mark, where it is
    and what to tell the editor (None: there is none). ``text`` is prose with its quotations taken out."""
    if found := _DOUBLED_ANGLES.search(text):  # << >>, guillemets typed in ASCII (Y6)
        return found.start(), f"it holds {found.group()}, which reads as a guillemet, a quotation mark"
    opening = None  # an apostrophe inside a word that a later plural's apostrophe may pair with (X11)
    searched = 0
    word = (-2, 0)  # the last apostrophe with letters before it, and where its word begins
    coordinates: list[tuple[int, int]] | None = None
    for candidate in _MAY_BE_A_MARK.finditer(text):  # not every character: most are letters, digits and spaces
        i, char = candidate.start(), candidate.group()
        category = unicodedata.category(char)
        shown = f"{char} (U+{ord(char):04X} {unicodedata.name(char, '')})".replace(" )", ")")
        if char in APOSTROPHES or char in IN_WORD_MARKS:
            if _ELISION.match(text, i) or _ELISION.match(text, max(i - 2, 0)):
                continue
            if _apostrophe(text, i):
                if opening is not None and _SENTENCE_END.search(text, searched, i):
                    opening = None
                searched = i  # each stretch of the text read once for a sentence's end (quadratic before, Q12)
                left, right = _pieces(text, i)
                # the word's first letter (Ng'ang'a: its second apostrophe is a name's too), carried from the
                # apostrophe before in the word: walked back each time, a'a'a'... took minutes (S5)
                begin = word[1] if left and word[0] == i - len(left) - 1 else i - len(left)
                word = (i, begin) if left else (-2, 0)
                name = text[begin:begin + 1].isupper()
                # a year cut short ('12, not '90s) opens as well: "said '12 states' would leave" (an attack's Y7)
                year = bool(_DECADE.match(text, i)) and text[i + 3:i + 4] != "s"
                # a transliteration's mark in a name (Port Saʿid) opens nothing: an editor's way to write such names
                # (Z12); in a word of no capital, ʿ reads as an opening mark (itʿthe deal, Q15)
                named = char in TRANSLITERATION and (name or char != "\u02bf")
                whole = begin == i - len(left)
                if opening is None and not named and (_opens(left, right, name, whole) or year):
                    opening = i
                elif opening is not None and not right:  # one word between them is a quotation too (Z8)
                    before, after = _pieces(text, opening)
                    opens = (f"an apostrophe inside the word '{before}{text[opening]}{after}'" if before
                             else f"an apostrophe before '{after}'")
                    between = " ".join(text[opening + 1:i].split())
                    return opening, (f"it holds {opens} and another after '{left}', which a reader reads as "
                                     f"quotation marks around '{between[:60]}' (if the first is part of a name, "
                                     "write the sentence so that no plural's apostrophe follows it; an ayn or a "
                                     "hamza of a name is written \u02bf or \u02be, which pairs with nothing)")
                continue
            return i, (f"it holds the quotation mark {shown} where it is no apostrophe (not between two letters, nor "
                       "after the s of a plural), and a reader reads it as a quotation mark")
        if char in PRIMES:
            if coordinates is None:  # found once: once per prime, a megabyte of coordinates took a minute (Y13)
                coordinates = [(m.start(), m.end()) for m in _COORDINATE.finditer(text)]
            last = bisect.bisect_right(coordinates, (i, len(text))) - 1  # the last coordinate starting at i or before
            if last >= 0 and i < coordinates[last][1]:
                continue
        if (category in ("Pi", "Pf") or _LOOK_ALIKE.match(char)
                or _LOOK_ALIKE_NAMES.search(unicodedata.name(char, ""))):
            return i, f"it holds the quotation mark {shown}"
        if category in ("Mn", "Me") and not (i and (text[i - 1].isalnum()
                                                      or unicodedata.category(text[i - 1]) in ("Mn", "Me"))):
            return i, f"it holds an accent on no letter, {shown[2:]}, which shows as a mark of its own"
    return None


# An apostrophe inside a word opens a quotation for a reader when a plural's apostrophe closes it further on in the
# sentence (ministers'deport all migrants', a twenty-fourth attack's X11), unless the word is one the apostrophe is
# part of: an elision before it (d'Ivoire, O'Brien, dell'Interno) or a contraction or possessive after it (don't,
# Egypt's, we've), or a transliteration of one letter after it (Sana'a).
# not the English "all" (all'Illegal crossings', a twenty-ninth attack's S2); Sant'Egidio (Q11)
_ELIDED = frozenset({"dell", "dall", "nell", "sull", "quell", "sant"})
_CONTRACTED = frozenset({"re", "ve", "ll", "d", "m"})
_ONE_LETTER_ELISIONS = frozenset("dlojnscmt")
_PRONOUNS = frozenset({"i", "you", "we", "they", "he", "she", "it", "who", "there", "that", "what", "where", "how"})
# A sentence ends at a full stop, a question or exclamation mark before a capital, a digit or a mark; not at an
# abbreviation's stop (U.S., Dr.): a quotation opened before "the U.S. and the EU member
# states'" was forgotten there (a twenty-ninth attack's S2)
_SENTENCE_END = re.compile(_NOT_ABBREVIATED + r"[.!?](?=\s+[^\sa-z])")  # not a semicolon: a quotation may run
# over one (T9)
_SENTENCE_OR_LINE_END = re.compile(f"{_SENTENCE_END.pattern}|\n")  # in a text with its breaks kept (``_lined``)
# a stop after a part's letter or numeral ("set out in Annex I.", "Plan B.") ends a sentence as any word's does (a
# thirty-fourth attack's X11): a letter with a stop elsewhere is an initial's ("J. Smith")
_REFERENCE_STOP = re.compile(r"(?i:\b(?:annex|appendix|part|pillar|plan|option|table|figure|box|chapter|section"
                             r"|article|schedule|phase|priority|objective|domain|volume|title|step|point|scenario))"
                             r"[ \t]+[A-Z](\.)(?=\s+[^\sa-z])")
# a sentence that ends inside closing marks (“… a model of cooperation.” The next…), or a bracket's (…Rome.) The…)
# ends before the next (a sentence after one was refused as not whole, an attack's Y7)
_CLOSED_END = re.compile(_NOT_ABBREVIATED + f"[.!?][{re.escape(_CLOSERS)}]+" + r"(?=\s+[^\sa-z])")
_ELISION = re.compile(f"(?<=\\s)[{APOSTROPHES}]n[{APOSTROPHES}](?=\\s)")  # rock 'n' roll: "and" cut short


def _pieces(text: str, i: int) -> tuple[str, str]:
    """The letters of the word before and after the mark at ``i`` (its accents with them)."""
    start = i
    while start and (_letter(text[start - 1]) or unicodedata.category(text[start - 1]) in ("Mn", "Me")):
        start -= 1
    end = i + 1
    while end < len(text) and (_letter(text[end]) or unicodedata.category(text[end]) in ("Mn", "Me")):
        end += 1
    return text[start:i], text[i + 1:end]


def _opens(left: str, right: str, name: bool, whole: bool = True) -> bool:
    """Whether an apostrophe between the letters ``left`` and ``right`` of a word (``name``: one that starts with a
    capital) could open a quotation: not an elision before a name (d'Ivoire, dell'Interno, Sant'Egidio; "all'refuse"
    is no Italian, Z8), nor a possessive or a contraction (Egypt's, don't; they're, but not "ministers're", Z8), nor
    a name's one letter (Sana'a), nor the ng' that opens a Swahili or Kikuyu word before a vowel (Ng'ang'a, Q11).
    ``whole``: ``left`` is its word's start, not the end of a possessive or a contraction (Egypt's'close, T2)."""
    if not left or not right:
        return False
    if len(left) == 1:  # an elision (d'Ivoire, l'Union, O'Brien), not "a'good deal" (Q5)
        return not whole or left.lower() not in _ONE_LETTER_ELISIONS
    if len(right) == 1 and right.lower() not in ("d", "m", "s", "t"):  # a name's last letter (Sana'a), not "it'a"
        return not name
    if left.lower() in _ELIDED and right[:1].isupper() and _base_letter(right[0]) in "AEIOUH":  # before a vowel only
        return False
    if left.lower() == "ng" and right[:1].lower() in "aeiou":  # the word's own ng' (not Beijing'agreed, S2)
        return False
    return not (right.lower() in ("s", "t") or (right.lower() in _CONTRACTED and left.lower() in _PRONOUNS))


def _base_letter(char: str) -> str:
    """A letter without its accents (È: E)."""
    return unicodedata.normalize("NFD", char)[:1]


def _letter(char: str) -> bool:
    """A letter or a digit of a word: not a modifier letter (U+02D0 looks like a colon, a twenty-third attack's W6)."""
    return unicodedata.category(char) in ("Ll", "Lu", "Lt", "Lo", "Nd")


def _apostrophe(text: str, i: int) -> bool:
    """Whether the mark at ``i`` is an apostrophe: between two letters (process's, Sana'a, Port Sa'id), after the s
    of a plural (the states'), before a decade ('90s), in 's-Hertogenbosch or 'Ndrangheta, or a quotation's
    possessive."""
    before = i - 1
    while before >= 0 and unicodedata.category(text[before]) in ("Mn", "Me"):  # a letter's accents
        before -= 1
    after = text[i + 1] if i + 1 < len(text) else ""
    if before >= 0 and _letter(text[before]) and after and _letter(after):
        return True
    if text[i] in IN_WORD_MARKS:
        return False
    if before >= 0 and text[before] in "sS" and not (after and _letter(after)):
        return True
    if before >= 0 and text[before] in QUOTATION_STANDS_IN + ").]" and text[i + 1:i + 2] == "s":  # “…”'s, (IOM)'s
        return not text[i + 2:i + 3] or not _letter(text[i + 2])
    return (before < 0 or not _letter(text[before])) and bool(_DECADE.match(text, i) or _DUTCH_ARTICLE.match(text, i)
                                                                 or _NAME_APOSTROPHE.match(text, i))


@functools.lru_cache(maxsize=1 << 14)
def _marks_of(text: str) -> tuple[tuple[str, ...], bool, tuple[int, str] | None, str]:
    """The quotations of a text, whether its curly marks pair up, its first stray mark and the text outside its
    quotations (``stray_mark``'s), kept by the text: a check reads every prose field twice
    (``_check_against_sources``), and a server's rebuild reads them all again, a few changed."""
    words_of, spans, balanced = quotations(text)
    # each quotation stands as one character that is no letter: a mark beside it is read as beside a quotation
    outside = QUOTATION_STANDS_IN.join(text[end:start] for (_, end), (start, _)
                                       in zip([(0, 0), *spans], [*spans, (len(text), 0)], strict=True))
    return tuple(words_of), balanced, stray_mark(outside), outside


def _quotation_problems(text: str, behind: dict[str, SourceText], texts: dict[str, SourceText]
                        ) -> list[tuple[str, str]]:
    """The problems (what is wrong, the hint) of the quotations in one text: a mark outside a quotation that reads
    as a quotation mark, curly marks that do not pair up, words between “ ” not in the texts ``behind`` it (in any
    text of the record, with none behind it), whole words. For a prose field and a citation's locator alike."""
    words_of, balanced, stray, outside = _marks_of(text)
    found = [] if balanced else [("its curly quotation marks do not pair up: a quotation opens (“) without closing "
                                  "(”), or closes without opening", "close each quotation, or remove the stray mark")]
    if stray:
        i, what = stray
        found.append((f"{what}{_where_in(outside, i)}: only words between “ and ” are read as a quotation, and "
                      "checked word for word against the source",
                      "write a quotation between “ and ”, or remove the mark"))
    said = ", ".join(repr(sid) for sid in behind) if behind else "any source of the record"
    if any(not any(c.isalnum() for c in span) for span in words_of):
        # “” around nothing, with a bidirectional override, showed as marks around the words beside them (W7)
        found.append(("it holds a quotation with no words (“ and ” around nothing but spaces or marks)",
                      "remove the empty quotation marks"))
    for span in words_of:
        words = " ".join(span.split())
        if not any(c.isalnum() for c in words):
            continue
        candidates = (behind or texts).values()
        if not any(words in source for source in candidates):
            prefix = max((source.matched_prefix(words) for source in candidates), key=len, default="")
            where = (" (the source has it only inside a longer word: a quotation starts and ends where the "
                     "source's words do)" if prefix == words else
                     f" (it matches up to '…{prefix[-40:]}' and differs from there{_differs(words, prefix)})"
                     if prefix.strip() else "")
            found.append((f"the quotation “{words[:80]}” is not word for word in the text of {said}{where}",
                          "copy it exactly from the source, or write it without quotation marks"))
    return found


def _differs(quotation: str, prefix: str) -> str:
    """Where a quotation differs from its source at a character that looks like another (a curly apostrophe for a
    straight one, a Cyrillic letter, an accent written apart), that character named: shown, the copy looks the same
    (a twenty-fourth attack's X14)."""
    differs = quotation[len(prefix):len(prefix) + 1]
    return f", where the quotation has {character_name(differs)}" if differs and not (
        differs.isascii() and differs.isalnum()) else ""


def _where_in(text: str, index: int) -> str:
    before = " ".join(text[:index].replace(QUOTATION_STANDS_IN, "“…”").split())
    return f" (after '…{before[-30:]}')" if before else " (at its start)"


CREDIT_PLACE = 300  # a credit line or a heading opens or closes a text: any phrase of it passed for one (X9)


def _in_credit_place(name: str, text: str, credit_line: bool) -> bool:
    """Whether the text writes ``name`` where a credit line or a heading stands, whole words (R6). A credit line
    stands in the text's first or last ``CREDIT_PLACE`` characters: the name opens a line before a dash between
    words, a colon or a bar (the outcome report's "Egypt Daily News" and its dash; a headline's words, a caption's
    line, a sentence's subject before its comma and a compound's hyphen passed: S7, T6, U4, V6), or before a comma
    and a date (a dateline, V16), or stands in brackets, or follows "Source:", "By" or a dash at the end of its line
    (a footer, V22). A heading's is the text's first line, or opens or ends it beside such a separator (any line of
    the first characters passed: a caption, U5, V24)."""
    words = re.escape(name).replace("\\ ", "\\s+")
    if credit_line:
        # a date alone after the comma: "Ahram Online, Thursday 10 Apr 2025", "X, April 9, 2025"
        dated = (",[ \\t]*(?:[A-Z][a-z]+,?[ \\t]+)?(?:[0-9]{1,2}[ \\t]+)?[A-Z][a-z]{2,8}[.]?[ \\t]+"
                 "(?:[0-9]{1,2},?[ \\t]+)?[0-9]{4}[ \\t]*$")
        opening = f"[ \\t]*(?:By\\s+)?{words}{_SEPARATOR}"
        # at the start, a line that opens with the name before a separator, or a dateline: the name in brackets
        # after its place ("CAIRO, April 9 (MENA) -"; an acronym in brackets inside a sentence passed, W1, X1)
        head = re.compile(f"{opening}|[ \\t]*{_DATELINE_WORDS}\\({words}\\)[ \\t]*(?:{_SEPARATOR}|--)")
        # or the name and a date alone, on one of the lines above the text's running words (a headline, a byline,
        # X9), not after a list's lead-in (a list's "Rome, 28 November 2014", W2)
        top: list[str] = []
        for line in text[:CREDIT_PLACE + len(name)].split("\n"):
            if line.strip():
                top.append(line)
            if len(top) == 8 or len(line) > 150 or line.rstrip().endswith(":") or (
                    len(line.strip()) > 60 and line.rstrip().endswith((".", "!", "?"))):  # running text from here
                break
        dateline = re.compile(f"[ \\t]*(?:By\\s+)?{words}{dated}")
        # at the end, the last line: the name after "Source:", "By", a copyright sign or a dash, perhaps with a date
        # or "All rights reserved" after it (X7); a glossary's "UNHCR: …" is no credit line (X2)
        last = text[-CREDIT_PLACE - len(name):].rstrip().rsplit("\n", 1)[-1]
        footer = (f"[ \\t]*(?:(?:(?:Source|By|Published by|Copyright)[ \\t]*:?|\u00a9|\\(c\\))[ \\t]*"
                  f"(?:\u00a9[ \\t]*)?(?:[0-9]{{4}}[ \\t]+)?{words}(?:[ \\t]*[.,;][^\\n]{{0,80}})?"
                  f"|[\u2013\u2014][ \\t]*{words}[ \\t.]*)[ \\t]*")
        return bool(any(_opens_credit(head.match(line)) or dateline.match(line) for line in top)
                    or re.fullmatch(footer, last))
    first = text.lstrip()[:CREDIT_PLACE + len(name) + 1].split("\n", 1)[0].strip()
    return bool(len(first) <= CREDIT_PLACE + len(name) and re.fullmatch(
        f"{words}|{words}{_SEPARATOR}.*|.*{_SEPARATOR}{words}", first))


def _opens_credit(found: re.Match[str] | None) -> bool:
    """Whether a line that opens with a name and a separator is a credit line: not when a dash opens an aside that a
    second dash closes in the same sentence, an aside in small letters ("Egypt", a dash, "the host of the meeting",
    a dash, "welcomed…", an attack's Y4) or a title's words ("Badr Abdelatty", a dash, "Egypt's Minister of Foreign
    Affairs", a dash, "opened…", Z6): the sentence's subject. Words with a verb between the dashes ("Egypt Daily
    News", a dash, "The ministers met in Cairo", a dash, "and agreed") are a sentence after a credit line."""
    if found is None:
        return False
    separator = found.group().rstrip()[-1:]  # the mark the name stands before
    rest = re.split(r"[.!?](?:\s|$)", found.string[found.end():], maxsplit=1)[0]
    aside = re.match(r"(.*?)(?:\s[-\u2013\u2014]\s|[\u2013\u2014])", rest)
    if separator not in ("-", "\u2013", "\u2014") or aside is None:
        return True
    small = [word for word in re.findall(r"[^\W\d_][\w\u2019'-]*", aside.group(1)) if word[0].islower()]
    after = rest[aside.end():].split(maxsplit=1)[:1]  # the word after the second dash: a verb ends the subject's
    verb = bool(after) and after[0][:1].islower() and after[0] not in _JOINING_WORDS  # aside ("since July", AA10)
    return not (rest[:1].islower() or all(word in _TITLE_WORDS for word in small) or verb)


_JOINING_WORDS = frozenset({"and", "but", "or", "while", "as", "which", "who", "then", "so"})
_TITLE_WORDS = frozenset({"of", "and", "for", "the", "on", "in", "to", "at", "de", "du", "des", "la", "le", "el",
                          "al", "s"})


_SEPARATOR = "(?:[ \\t]*[\u2013\u2014:|\u00b7\u2022][ \\t]*|[ \\t]+-[ \\t]+)"  # a dash between words, a colon, a bar


def _all_cites(item: Any, path: str = "") -> list[tuple[model.Cite, str]]:
    """Every citation of an entry, wherever it stands (``cites``, a role's, a membership's ``day_from``, a state's
    ``beside_membership``), with the field that holds it: a twenty-third attack's made-up quotes stood in the two
    last, which no check read."""
    found: list[tuple[model.Cite, str]] = []
    for name, spec in specs(type(item)).items():
        value = getattr(item, name)
        kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if not isinstance(kind, Obj):
            continue
        for i, part in enumerate(v for v in (value if isinstance(value, tuple) else (value,)) if v is not None):
            named = f"{path}{name}[{i}]" if isinstance(value, tuple) else f"{path}{name}"
            found += [(part, named)] if isinstance(part, model.Cite) else _all_cites(part, f"{named}.")
    return found


def _texts_behind(item: Any, texts: dict[str, SourceText], also: dict[str, SourceText] | None = None
                  ) -> dict[str, SourceText]:
    """The texts a quotation in ``item``'s prose may come from: those of the sources it cites (a source's
    own text, for a source), and ``also`` (an enclosing entry's)."""
    cited = [c.source for c in getattr(item, "cites", ())]
    if isinstance(item, model.Source):
        cited.append(item.id)
    if isinstance(item, (model.MemberState, model.OtherState)):  # a state's texts: its roles' too (AF8)
        cited += [c.source for _, c in _state_cites(item)]
    return {**(also or {}), **{sid: texts[sid] for sid in dict.fromkeys(cited) if sid in texts}}


def _cites_unread(item: Any, unread: set[str]) -> bool:
    """Whether the entry (or a part of it) cites a source whose text could not be read: its problem is
    reported once, at the source, not again at every quotation."""
    cited = {c.source for c in getattr(item, "cites", ())} | ({item.id} if isinstance(item, model.Source) else set())
    parts = [p for name in specs(type(item)) for p in (getattr(item, name) if isinstance(getattr(item, name), tuple)
                                                         else (getattr(item, name),)) if hasattr(p, "cites")]
    return bool(cited & unread) or any(_cites_unread(p, unread) for p in parts if p is not item)


def _check_quotations(item: Any, label: str, behind: dict[str, SourceText], texts: dict[str, SourceText],
                      ctx: Context, path: str = "") -> None:
    """Every quotation in a prose field (a note, a description, a role) must be word for word in a text:
    quotation marks tell the reader so. It is looked for in the texts of the sources the entry cites; an
    entry that cites none with a text (a source's note about another) must quote a text of the record.
    The text of record (a paragraph's ``text``) and ``quote`` fields are checked as such elsewhere."""
    for name, spec in specs(type(item)).items():
        value = getattr(item, name)
        kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        values = value if isinstance(value, tuple) else (value,)
        if isinstance(kind, Obj) and name != "cites":
            for i, part in enumerate(v for v in values if v is not None):
                named = f"{path}{name}[{i}]." if isinstance(value, tuple) else f"{path}{name}."
                # a part with citations of its own (a role) quotes its own sources, not its entry's (Y4)
                own = _texts_behind(part, texts) if getattr(part, "cites", ()) else _texts_behind(part, texts, behind)
                _check_quotations(part, label, own, texts, ctx, named)
            continue
        # every free text: prose, and titles, names and locators, which a twenty-first attack gave a made-up
        # quotation in curly marks; not a text of record, nor the title of a source whose text the record does not
        # hold (its publisher's words, which may quote in straight marks); a source's title whose text it holds is
        # read as prose, against that text (a twenty-third and a twenty-fourth attack's W8, X4)
        # and fields with a pattern: a name in a sentence, which a twenty-second attack quoted in (Q15)
        if (not isinstance(kind, Text) or isinstance(kind, (Id, Url))  # an id or an address holds no quotation
                or (isinstance(item, model.Paragraph) and name == "text")
                or (isinstance(item, model.Source) and name == "title" and not behind)):
            continue
        where = at(item, label, name)
        # an entry that cites sources none of whose texts the record holds (or a source's own count's place, when
        # it has none) quoted another source's words as theirs: a quotation there cannot be checked (X5, X6)
        textless = (not behind and bool(getattr(item, "cites", ())) and not isinstance(item, model.Source)) or (
            isinstance(item, model.Source) and name == "member_count_at" and not behind)
        for i, text in enumerate(v for v in values if isinstance(v, str)):
            field_name = f"{path}{name}"
            if isinstance(value, tuple):  # an item's own index and line, in the file (X16)
                written, line, column = item.origin.item_of(name, i)
                field_name, where = f"{field_name}[{written}]", Where(where.file, Pos(line, column), label, "")
            if textless and any(any(c.isalnum() for c in q) for q in quotations(text)[0]):
                ctx.problem(Where(where.file, where.pos, label, field_name),
                            "it quotes words, but the sources it cites have no text in the record: the quotation "
                            "would be shown as theirs, unchecked", hint="write it without quotation marks, or cite "
                            "the source whose text has the words")
                continue
            for detail, hint in _quotation_problems(text, behind, texts):
                ctx.problem(Where(where.file, where.pos, label, field_name), detail, hint=hint)
            # a name "as the source writes it" is the source's words: pages show it beside the source's link (a
            # twenty-second attack gave a chair a name no source writes); an entry whose sources have no text in
            # the record cannot be held to one
            written = " ".join(text.split())
            if kind.written and behind and not any(written in source for source in behind.values()):
                ctx.problem(Where(where.file, where.pos, label, field_name),
                            f"'{written[:80]}' is not written so in the text of "
                            f"{', '.join(repr(sid) for sid in behind)}: this field holds a name as the source writes "
                            "it", hint="copy the name exactly from the source; a name another source writes is read "
                                       "there once the entry cites that source too")


def _check_withdrawals(record: model.Record, ctx: Context) -> None:
    """Where a withdrawal sends readers (``see``) is an entry still in the record; a document's paragraph of
    participants is not withdrawn while the document names it."""
    for document in record.documents.values():
        named = document.participants_paragraph
        if named is not None and f"{document.id}/{named}" in record.withdrawn:
            ctx.problem(at(document, f"document '{document.id}'", "participants_paragraph"),
                        f"paragraph '{named}' is withdrawn; the document cannot name it as its paragraph of "
                        "participants", hint="remove participants_paragraph, or name another paragraph")
    live = {f"{c.name}/{e.id}" for c in model.COLLECTIONS for e in getattr(record, c.name).values()}
    live |= {p.key for p in record.paragraphs()}
    for entry in record.withdrawn.values():
        see = entry.withdrawn.see if entry.withdrawn else None
        if see is not None and see not in live:
            withdrawal = entry.withdrawn
            where = Where(withdrawal.origin.file, Pos(*withdrawal.origin.line_of("see")),
                          f"{entry.singular} '{entry.id}'", "withdrawn.see")
            hint = _hint(ctx, where, see, sorted(live))
            ctx.problem(where, f"'{see}' is not the key of an entry still in the record",
                        hint=hint or "give a key such as 'states/egypt' or 'cairo-2025/op-3'")


_MONTHS = tuple(name.casefold() for name in calendar.month_name[1:])
_ORDINAL = r"(?:st|nd|rd|th)?"
_NAMED_MONTH = "(?:" + "|".join(_MONTHS) + ")"
# the days a phrase names, one or a span of them, in the ways a text writes them: "9 April 2025", "8-9 April 2025"
# (with any dash), "31 March to 1 April 2025", "8, 9 and 10 April 2025", "the 8th of April 2025", "April 8-9, 2025",
# "2025-04-08"
_SPAN_TO = r"(?:\s*,\s*[0-9]{1,2}" + _ORDINAL + r")*\s*(?:[-\u2010-\u2015/&]|and|or|to|until)\s*(?:the\s+)?"
_DAYS = re.compile(
    r"(?i)\b(?P<d1>[0-9]{1,2})" + _ORDINAL + rf"(?:\s+(?:of\s+)?(?P<m1>{_NAMED_MONTH})(?:,?\s+[0-9]{{4}})?)?"
    rf"(?:{_SPAN_TO}(?P<d2>[0-9]{{1,2}})" + _ORDINAL
    + rf")?\s+(?:of\s+)?(?P<m2>{_NAMED_MONTH}),?\s+(?P<y1>[0-9]{{4}})\b"
    rf"|\b(?P<m3>{_NAMED_MONTH})\s+(?P<d3>[0-9]{{1,2}})" + _ORDINAL + r"(?:,?\s+[0-9]{4})?"
    + rf"(?:{_SPAN_TO}(?:(?P<m4>{_NAMED_MONTH})\s+)?"
    r"(?P<d4>[0-9]{1,2})" + _ORDINAL + r")?,?\s+(?P<y2>[0-9]{4})\b"
    r"|\b(?P<iso>[0-9]{4}-[0-9]{2}-[0-9]{2})(?:\s*(?:to|and|[/\u2010-\u2015])\s*(?P<iso2>[0-9]{4}-[0-9]{2}-[0-9]{2}))?\b")


def _days_in(text: str) -> list[tuple[tuple[int, int, int], tuple[int, int, int]]]:
    """The days a phrase names, each one or a span (its first and last day, as (year, month, day)): "6 March 2020",
    "March 6, 2020", "the 6th of March 2020", "2020-03-06", "6-7 March 2020", "31 March to 1 April 2020", "6, 7 and 8
    March 2020" (a span read as its last day, or a list as its second, refused a document dated on its first: an
    attack's AB4, AC1); a day no calendar has is no day."""
    def month(name: str) -> int:
        return _MONTHS.index(name.casefold()) + 1

    def real(year: int, month: int, day: int) -> bool:
        return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]

    found = []
    for m in _DAYS.finditer(text):
        if m.group("iso"):
            year, iso_month, day = map(int, m.group("iso").split("-"))
            first = last = (year, iso_month, day)
            if m.group("iso2"):  # a span of two dates (AF11)
                year, iso_month, day = map(int, m.group("iso2").split("-"))
                last = (year, iso_month, day)
        elif m.group("d1"):
            year, to_month = int(m.group("y1")), month(m.group("m2"))
            from_month = month(m.group("m1")) if m.group("m1") else to_month
            from_day, to_day = int(m.group("d1")), int(m.group("d2") or m.group("d1"))
            first, last = (year - (from_month > to_month), from_month, from_day), (year, to_month, to_day)
        else:
            year, from_month = int(m.group("y2")), month(m.group("m3"))
            to_month = month(m.group("m4")) if m.group("m4") else from_month
            from_day, to_day = int(m.group("d3")), int(m.group("d4") or m.group("d3"))
            first, last = (year - (from_month > to_month), from_month, from_day), (year, to_month, to_day)
        if real(*first) and real(*last) and first <= last:
            found.append((first, last))
    return found


def _span_shown(first: tuple[int, int, int], last: tuple[int, int, int]) -> str:
    """A day, or a span of days, as a message gives it: "9 April 2025", "8 April 2025 to 9 April 2025"."""
    shown = model.PartialDate(*first).display()
    return shown if first == last else f"{shown} to {model.PartialDate(*last).display()}"


# A word that names a meeting of some kind: a title with none names a milestone (``_check_self_and_adoption``; "Second
# ministerial meeting" is the sources' title of a ministerial conference, review D6-3).
_MEETING_WORD = re.compile(r"\b(?:meetings?|conferences?|summit|workshops?|webinars?|training|sessions?|forum|SOM"
                           r"|committee|working group)\b", re.I)
# The words of a meeting's title that name its kind (``_check_self_and_adoption``).
_KIND_IN_TITLE = ((r"\bministerial conference\b", "ministerial-conference"),
                  (r"\bsenior officials\W?\s+meeting\b", "senior-officials-meeting"),
                  (r"\bsteering committee\b", "steering-committee-meeting"),
                  (r"\bthematic meeting\b", "thematic-meeting"), (r"\bthematic workshop\b", "thematic-workshop"),
                  (r"\binformal working group\b", "informal-working-group"), (r"\bwebinar\b", "webinar"),
                  (r"\btraining\b", "training"))


def _check_self_and_adoption(record: model.Record, ctx: Context) -> None:
    """A topic is not related to itself (its block of related topics was dropped with no word, an attack's Y9), and a
    document adopted at a meeting bears a date the meeting's dates hold (a declaration dated 10 April, adopted at a
    meeting of 9 April, showed both, Y3)."""
    for topic in record.topics.values():
        if topic.id in topic.related:
            ctx.problem(at(topic, f"topic '{topic.id}'", "related"), "a topic cannot be related to itself",
                        hint="name the other topics this one is related to")
    # where a document was adopted is said twice, by the document and by the event: they agree (the action plan moved
    # to a Senior Officials' Meeting of 2024 passed, and its page and the ministerial conference's disagreed, BL6)
    listing = {ident: event.id for event in record.events.values() for ident in event.adopted.documents}
    for document in record.documents.values():
        where = at(document, f"document '{document.id}'", "adopted_at")
        # (an id of no event is said as such; a document no event lists is only missing from the event's page)
        if document.id in listing and listing[document.id] != document.adopted_at and (
                document.adopted_at is None or document.adopted_at in record.events):
            ctx.problem(where, f"event '{listing[document.id]}' lists it as adopted there, and it gives "
                        + (f"event '{document.adopted_at}'" if document.adopted_at else "no event"),
                        hint="give the event that adopted it in both places")
    for document in record.documents.values():
        meeting = record.events.get(document.adopted_at) if document.adopted_at else None
        if meeting is None or document.date is None or _before_the_process(record, meeting.date):
            continue  # (a meeting's date before the process is refused at the meeting)
        ends = meeting.until or meeting.date
        # where the sources differ on the meeting's date, the other date is the document's as well: the first day
        # date_also names ("6 March 2020, as …", Z8); not any day it names (the day a source was read, AA5), nor a
        # window around the meeting when it names none (AA4)
        spans = [(history.first_day(meeting.date), history.last_day(ends))]
        other = _days_in(meeting.date_also or "")[:1]  # the first day, or span of days, it names
        spans += other
        if not any(first <= history.last_day(document.date) and history.first_day(document.date) <= last
                   for first, last in spans):
            # the message says what was read of date_also: a span read as its last day was refused unexplained (AB4)
            also = "" if not meeting.date_also else (
                f", or of {_span_shown(*other[0])} as its date_also gives" if other else
                ", and its date_also names no day in a form the check reads (9 April 2025, April 9, 2025, "
                "2025-04-09)")
            ctx.problem(at(document, f"document '{document.id}'", "date"),
                        f"the document is dated {document.date.display()}, and was adopted at event "
                        f"'{meeting.id}', of {meeting.date.display()}"
                        + (f" to {meeting.until.display()}" if meeting.until else "") + also,
                        hint="give the date of adoption the source gives, or the meeting it was adopted at")
    # A meeting's kind is the one its title names first: a Senior Officials' Meeting given the kind of a ministerial
    # conference made the home page count three of them, beside the "First" and the "Second" (a held-out round's BK22)
    for event in record.events.values():
        named = [(found.start(), kind) for phrase, kind in _KIND_IN_TITLE
                 if (found := re.search(phrase, event.title, re.I)) is not None]
        if event.kind is not None and named and (kind := min(named)[1]) != event.kind:
            ctx.problem(at(event, f"event '{event.id}'", "kind"), f"it is {event.kind}, and the title, "
                        f"{event.title!r}, names a {model.EVENT_KINDS[kind]}", hint="give the kind the title names, "
                        "or the title the source gives the meeting")
        elif event.kind is not None and not named and not _MEETING_WORD.search(event.title):
            # a title that names no meeting at all let a milestone (Agenda 2063 adopted) be counted among the
            # process's ministerial conferences on the home page (a held-out round's BN5)
            ctx.problem(at(event, f"event '{event.id}'", "kind"), f"it is {event.kind}, and the title, "
                        f"{event.title!r}, names no meeting of the process", hint="leave the kind out for a "
                        "milestone; a meeting's title names its kind, as the source gives it")
    # An event's date is one its quotations give, where they write whole days: the summit's page said 18 February
    # 2022 above its one source's "on February 17, 2022" (a held-out round's BK21). A date_also's day counts too.
    for event in record.events.values():
        written = [span for cite in event.cites if cite.quote for span in _days_in(cite.quote)]
        given = [(history.first_day(event.date), history.last_day(event.until or event.date)),
                 *_days_in(event.date_also or "")]
        if written and not any(a <= last and first <= b for a, b in written for first, last in given):
            ctx.problem(at(event, f"event '{event.id}'", "date"),
                        f"{event.date.display()}{' to ' + event.until.display() if event.until else ''} is not a day "
                        f"its quotations give ({'; '.join(dict.fromkeys(_span_shown(*s) for s in written))})",
                        hint="give the day the source gives; where sources differ, give the other in date_also")
        elif written and event.until and not any(
                a <= history.last_day(event.until) <= b for a, b in [*written, *given[1:]]) and all(
                c.source in record.sources and record.sources[c.source].file for c in event.cites):
            # the last day too: a one-day conference given "until" two days later passed, as its first day was
            # written, and eight pages gave it three days (BL17); where every source it cites is quoted from its kept
            # text (a source cited by its locator may give the last day, which no quotation can show)
            ctx.problem(at(event, f"event '{event.id}'", "until"),
                        f"{event.until.display()} is not a day its quotations give "
                        f"({'; '.join(dict.fromkeys(_span_shown(*s) for s in written))})",
                        hint="give the last day the source gives, or leave until out for a meeting of one day")
    # so does an instrument an event adopts: the Samoa Agreement's page gave both 15 and 16 November 2023 after a
    # slip of one digit (an attack's BI4)
    for event in record.events.values():
        for ident in (i for i in event.adopted.instruments if i in record.instruments):
            instrument = record.instruments[ident]
            if instrument.date is not None and (
                    history.last_day(instrument.date) < history.first_day(event.date)
                    or history.first_day(instrument.date) > history.last_day(event.until or event.date)):
                ctx.problem(at(instrument, f"instrument '{ident}'", "date"),
                            f"{instrument.date.display()} is not a day of event '{event.id}' ({_days(event)}), which "
                            "adopted it", hint="give the date of adoption the source gives, or the event it was "
                            "adopted at")


# A date a quotation gives the entry itself: after a verb of its making or holding ("established in 2014", "adopted in
# January 2015", "held on 9 April 2025"); a year written for something else (a later meeting on a plan) is not its
# date (review D6-4). Groups: the month, if any, and the year.
_DATED_BY = re.compile(rf"(?i)\b(?:adopted|established|launched|signed|founded|created|held|took place"
                       rf"|convened|met)(?:\s+by\s+[^,.;]{{1,80}}?)?\s+(?:on|in)\s+(?:the\s+)?(?:[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
                       rf"(?:({_NAMED_MONTH})\s+)?(?:[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+)?(1[89][0-9]{{2}}|20[0-9]{{2}})\b")


def _check_written_years(record: model.Record, ctx: Context) -> None:
    """An instrument's or an event's date is of the year, and the month, its quotations give it, where they date it
    ("established in 2014", "adopted in January 2015"): the process dated 2013 (which moved the bound of "before the
    process began"), Agenda 2063 moved to February (BN3, BL3). A day is read by the rule on days."""
    dated: list[tuple[str, model.Instrument | model.Event, model.PartialDate | None]]
    dated = [*((f"instrument '{i.id}'", i, i.date) for i in record.instruments.values()),
             # (a milestone's: a meeting's quotations date the meetings before it as often as its own, BQ5)
             *((f"event '{e.id}'", e, e.date) for e in record.events.values() if e.kind is None)]
    last = history.as_at(record)
    for label, entry, date in dated:
        # (a date after the record's as-at date is said by that rule)
        if date is None or (last is not None and history.first_day(date) > history.last_day(last)):
            continue
        given = [(_MONTHS.index(m.casefold()) + 1 if m else None, int(y)) for c in entry.cites if c.quote
                 for m, y in _DATED_BY.findall(" ".join(c.quote.split()))]
        years = {year for _, year in given}
        in_year = {month for month, year in given if year == date.year and month is not None}
        if years and date.year not in years:  # (its first day: an until let a milestone's date move back, BS5)
            ctx.problem(at(entry, label, "date"), f"{date.display()} is not of the year its quotations give it "
                        f"({', '.join(map(str, sorted(years)))})", hint="give the date the source gives")
        elif date.month is not None and in_year and date.month not in in_year:
            shown = ", ".join(model.PartialDate(date.year, m).display() for m in sorted(in_year))
            ctx.problem(at(entry, label, "date"), f"{date.display()} is not of the month its quotations give it "
                        f"({shown})", hint="give the date the source gives")


def _check_compared(record: model.Record, ctx: Context) -> None:
    """Two accounts set side by side are set so on both pages: an event that compares another is compared back."""
    for event in record.events.values():
        for other in event.compare:
            if other == event.id:
                ctx.problem(at(event, f"event '{event.id}'", "compare"), "an event cannot be compared with itself")
            elif other in record.events and event.id not in record.events[other].compare:
                ctx.problem(at(event, f"event '{event.id}'", "compare"),
                            f"event '{other}' does not compare '{event.id}' back, so its page would not show this one",
                            hint=f"add '{event.id}' to the compare list of '{other}'")


def _check_perhaps_one_of(record: model.Record, ctx: Context) -> None:
    """A meeting that may be one the record has is set beside meetings of its kind within the time its date
    spans, never itself nor another such meeting (counts take those apart, so each must be counted)."""
    for event in record.events.values():
        for other_id in event.perhaps_one_of:
            other = record.events.get(other_id)
            if other is None:
                continue  # the reference check reports it
            where = at(event, f"event '{event.id}'", "perhaps_one_of")
            span = event.date.iso()
            if other_id == event.id:
                ctx.problem(where, "an event cannot be one of the meetings it may be")
            elif other.kind != event.kind:
                ctx.problem(where, f"event '{other_id}' is of another kind ({other.kind}), so it cannot be this one")
            elif not other.date.iso().startswith(span):
                ctx.problem(where, f"event '{other_id}' ({other.date.iso()}) falls outside this event's date ({span})")
            elif other.perhaps_one_of:
                ctx.problem(where, f"event '{other_id}' may itself be another meeting, so no count would hold it")


def _check_before(record: model.Record, ctx: Context) -> None:
    """An event said to come before another is dated less precisely than it, within the same year or month, and
    the other is placed by its own date (no chain), so the lists can put one just before the other."""
    for event in record.events.values():
        ahead = record.events.get(event.before) if event.before else None
        if ahead is None:
            continue
        where = at(event, f"event '{event.id}'", "before")
        mine, theirs = event.date, ahead.date
        precise = (theirs.month is not None and mine.month is None) or (theirs.day is not None and mine.day is None)
        same = mine.year == theirs.year and mine.month in (None, theirs.month)
        if ahead.id == event.id:
            ctx.problem(where, "an event cannot come before itself")
        elif ahead.before:
            ctx.problem(where, f"event '{ahead.id}' is itself placed before another event; place this one before "
                               "an event that is placed by its own date")
        elif not (precise and same):
            ctx.problem(where, f"event '{ahead.id}' ({theirs.display()}) is not a more precisely dated event within "
                               f"this event's {'month' if mine.month else 'year'} ({mine.display()})",
                        hint="before is for an event dated only to a year or a month, placed before a dated event "
                             "of that year or month")


def _check_stand_ins(record: model.Record, ctx: Context) -> None:
    """A member that holds another's seat holds one of the same source's list, in a group: the pages show the two
    side by side under that source."""
    seats = record.collection("committee")
    for seat in seats.values():
        held = seats.get(seat.holds_seat_of) if seat.holds_seat_of else None
        if held is None:
            continue  # none given, or an unknown id, which is reported already
        where = at(seat, f"seat '{seat.id}'", "holds_seat_of")
        if held is seat:
            ctx.problem(where, "a seat cannot hold its own place")
        elif not (held.cites and seat.cites):
            continue  # a citation of either was refused: reported already
        elif held.cites[0].source != seat.cites[0].source:
            ctx.problem(where, f"seat '{held.id}' is in the list of source '{held.cites[0].source}', not of "
                               f"'{seat.cites[0].source}'", hint="name the seat of the list whose source says so")
        elif held.group == "not-in-the-list":
            ctx.problem(where, f"seat '{held.id}' is itself named apart from the list",
                        hint="name the seat of the list that the member holds")


def _check_roles(record: model.Record, ctx: Context) -> None:
    """A meeting's host is not also its co-host, nor its chair also a co-chair: a page would list it twice."""
    for event in record.events.values():
        for main, co in (("hosted_by", "co_hosted_by"), ("chaired_by", "co_chaired_by")):
            both = sorted(set(getattr(event, main).keys()) & set(getattr(event, co).keys()))
            for key in both:
                ctx.problem(at(event, f"event '{event.id}'", co), f"'{key.split('/', 1)[1]}' is given in {main} too",
                            hint=f"name it in one of {main} and {co}, as the source gives its role")


def _check_listed_participants(record: model.Record, ctx: Context) -> None:
    """A statement that a state is named among the participants of a document (``listed-participant``) is borne out
    by a document of the record adopted at its meeting that cites the same source, where there is one: the state is
    in the mentions of that document's paragraph of participants (``participants_paragraph``). A slip of one
    character (``pp-2``) or the line left out made every state page say the record does not name the state among
    the document's participants, beside the statement that it does (an attack's AU10, AV1). A statement of another
    source is about a list the record does not hold, and is shown as the sources' own (AV8); so is one at a meeting
    the record holds no document of."""
    documents = [d for d in record.documents.values() if d.adopted_at and d.text_in_record]
    unlisted: dict[str, list[model.Membership]] = {}
    for membership in record.collection("memberships").values():
        # (a state the record does not hold is said so where it is named: AX7)
        if membership.how != "listed-participant" or membership.state not in record.states or not membership.at_event:
            continue
        cited = {c.source for c in membership.cites}
        same = [d for d in documents if d.adopted_at == membership.at_event and cited & {c.source for c in d.cites}]
        listing = [d for d in same if any(p.id == d.participants_paragraph and membership.state in p.mentions.states
                                          for p in d.paragraphs)]
        if same and not listing and not any(membership.state in d.not_participating for d in same):
            unlisted.setdefault(same[0].id, []).append(membership)
    _check_unstated_participants(record, documents, ctx)
    for ident, statements in unlisted.items():
        document = record.documents[ident]
        if document.participants_paragraph is not None and not any(
                p.id == document.participants_paragraph for p in document.paragraphs):
            continue  # (a paragraph the document does not have: said so at the field)
        shown = [f"'{m.state}' (membership '{m.id}', {m.origin.file}:{m.origin.line})" for m in statements[:3]]
        more = f", and {len(statements) - 3} more" if len(statements) > 3 else ""
        one = len(statements) == 1
        states = f"state{'' if one else 's'} {', '.join(shown)}{more}"
        given = ("a statement citing its source gives" if one else "statements citing its source give")
        where = at(document, f"document '{ident}'", "participants_paragraph")
        if document.participants_paragraph is None:
            ctx.problem(where, f"the document marks no paragraph of participants, and {given} {states} as named "
                        "among the participants of the meeting that adopted it",
                        hint="name the paragraph whose text lists the participating states in participants_paragraph")
        else:
            ctx.problem(where, f"paragraph '{document.participants_paragraph}' does not list {states}, which "
                        f"{given.replace('its', 'this document' + chr(39) + 's')} as named among the participants "
                        "of the meeting that adopted it", hint="name the paragraph whose text lists the participating "
                        "states, or give the states it names among them in its mentions")


def _check_unstated_participants(record: model.Record, documents: list[model.Document], ctx: Context) -> None:
    """The converse: where the record keeps a list of a document's participants (``history.lists``: statements of
    the kind at its meeting citing its source), the list names each state its paragraph of participants names. A
    statement withdrawn, or left out, made the year's list of members say 39 states while the state's page said the
    paragraph names it (an attack's BC3)."""
    kept = [a_list for a_list in history.lists(record) if a_list.how == "listed-participant"]
    for document in documents:
        paragraph = document.participants()
        sources = {c.source for c in document.cites}
        of_it = [a_list for a_list in kept if a_list.at_event == document.adopted_at
                 and any(sources & {c.source for c in m.cites} for m in a_list.statements)]
        if paragraph is None or not of_it:
            continue  # (no list of its participants kept: nothing to hold it to)
        stated = {history.who(m) for a_list in of_it for m in a_list.statements
                  if sources & {c.source for c in m.cites}}
        missing = [s for s in paragraph.mentions.states
                   if s not in stated and s not in document.not_participating and s in record.states]
        if not missing:
            continue
        gone = {m.state: m for m in record.withdrawn_in("memberships")
                if m.how == "listed-participant" and m.at_event == document.adopted_at}
        shown = [f"'{s}'" + (f" (its statement '{gone[s].id}' was withdrawn)" if s in gone else "")
                 for s in missing[:3]]
        more = f", and {len(missing) - 3} more" if len(missing) > 3 else ""
        ctx.problem(at(paragraph, f"paragraph '{paragraph.id}' of document '{document.id}'", "mentions"),
                    f"it names {', '.join(shown)}{more} among the participants, and the record's list of this "
                    f"document's participants ({len(stated)} states named by statements of the kind listed-participant "
                    f"at its meeting citing its source) does not: the year's list of members would leave out a state "
                    "the paragraph names",
                    hint="add a listed-participant statement for each state the paragraph names; if the text names "
                    "the state but not as a participant, list it in the document's not_participating; if it does "
                    "not name it, take it out of the paragraph's mentions")


def _check_written_names(record: model.Record, ctx: Context) -> None:
    """A name "as the source writes it" that is the name of one of the record's states (or of the other states its
    history names) is that state's: a meeting's host or chair so written gives the state in ``hosted_by`` or
    ``co_hosted_by`` (``chaired_by``, ``co_chaired_by``), from which a state's page lists the meeting and the
    member-by-then check reads it; and a statement, a term or a seat about one state does not carry another's name
    (a twenty-eighth attack's R3 made Libya a host by its name alone, R4 gave Norway's statement the name Sweden)."""
    entries = [(f"{prefix}/{ident}", entry) for prefix, collection in (("states", record.states),
                                                                        ("others", record.others))
               for ident, entry in collection.items()]

    key_of = _name_key  # white space made single, casefolded, without "the"

    def said(key: str) -> str:
        prefix, ident = key.split("/", 1)
        return f"{'state' if prefix == 'states' else 'other state'} '{ident}'"

    # Another name of a state (also_written): a few, held to a text the state cites, none another state's or an
    # organisation's or a word of another state's name ("European External Action Service" as the United
    # Kingdom's made a statement so written its own, U7; "the European External Action Service" and "The", V2, V17)
    own_words = {key: [key_of(n) for n in (entry.name, entry.name_in_sentence) if n] for key, entry in entries}
    own_written = {key: [_flat(n).casefold() for n in (entry.name, entry.name_in_sentence) if n]
                   for key, entry in entries}  # with their article: "The" alone is a word of "the Netherlands"
    not_states = {key_of(name): f"organisation '{ident}'" for ident, organisation in record.organisations.items()
                  for name in (organisation.name, organisation.acronym) if name}
    # nor an instrument's or a process's ("Khartoum Process" as Kenya's made every name holding it Kenya's, Z4)
    not_states |= {key_of(name): f"instrument '{ident}'" for ident, instrument in record.instruments.items()
                   for name in (instrument.name, *instrument.names_in_record) if name}
    # an organisation's name or acronym as whole words inside another name ("the European Commission, the
    # European External Action Service" as the United Kingdom's, a thirty-third attack's W8)
    organisations = re.compile("(?<!\\w)(?:" + "|".join(map(re.escape, sorted(not_states, key=len, reverse=True)))
                               + ")(?!\\w)" if not_states else "(?!)")
    also: dict[str, list[str]] = {}
    refused: set[str] = set()  # states with another name or an adjective refused: a paragraph may name them so
    # and an adjective made of the state's name ("the Egyptian presidency" names Egypt), held as an other name is:
    # without them, a paragraph or a quotation naming a state so could not be held to the states it names (Z5, AA11)
    for (key, entry), (field_name, what) in itertools.product(entries, (("also_written", "name"),
                                                                      ("adjectives", "adjective"))):
        label = f"{entry.singular} '{key.split('/', 1)[1]}'"
        given: tuple[str, ...] = getattr(entry, field_name)
        if len(given) > ALSO_WRITTEN_MAX:
            ctx.problem(at(entry, label, field_name), f"it gives {len(given)} other {what}s; a state "
                        f"has a few, at most {ALSO_WRITTEN_MAX}", hint=f"keep the {what}s the sources write for it")
        if given and not record.cites_a_text(entry):
            ctx.problem(at(entry, label, field_name), f"another {what} of a state is held to the text of a source "
                        "it cites, and it cites none whose text the record keeps",
                        hint=f"cite the source that writes the {what}, with its text, or leave it out")
            continue
        for index, name in enumerate(given[:ALSO_WRITTEN_MAX]):
            word = key_of(name)
            whole = re.compile(f"(?<!\\w){re.escape(word)}(?!\\w)")
            other = ([f"{'an' if what == 'adjective' else 'a'} {what}: a word with a capital letter, not an article "
                      "alone"]
                     if sum(c.isalpha() for c in word) < 2 or not any(
                         w[:1].isupper() and w.casefold() not in ("the", "of", "and") for w in name.split()) else
                     [f"the name of {not_states[word]}"] if word in not_states else
                     [f"holds the name of {not_states[m.group()]}" for m in organisations.finditer(word)][:1] or
                     [f"holds '{m.group()}', a word for an office, a body or a person, not a state"
                      for m in _NOT_A_STATE.finditer(name)][-1:] or  # its last: the noun
                     [f"the name of {said(k)}" for k, words in own_words.items()
                      if k != key and any(word == w for w in words)][:1] or
                     [f"a word of the name of {said(k)}" for k, written in own_written.items()
                      if k != key and any(whole.search(w) for w in written)][:1] or
                     # nor a word of an instrument's or an organisation's: "Khartoum" as Sudan's read every
                     # "Khartoum Process" as naming Sudan (an attack's AB, noted)
                     [f"a word of the name of {not_states[k]}" for k in not_states if whole.search(k) and (
                         field_name == "also_written" or not any(word[:2] == n[:2] for n in own_words[key]))][:1])
            # (an adjective may be a word of an organisation's or an instrument's name only if it opens as the state's
            # name does: "Egyptian Red Crescent" (AC10), "Egyptian National Strategy" (AE10); not "Khartoum" as
            # Sudan's (AD5), nor "European" as Estonia's, which made the sentence on the European Commission name
            # Estonia as a key partner (an attack's BO4))
            if other:
                refused.add(key)
                # (and flawed: the checks against the texts read its names, one short, and said it again as unnamed)
                ctx.flawed_ids.add((key.split("/", 1)[0], key.split("/", 1)[1]))
                shown_at, line, column = entry.origin.item_of(field_name, index)
                ctx.problem(Where(entry.origin.file, Pos(line, column), label, f"{field_name}[{shown_at}]"),
                            f"'{name[:80]}' {other[0]}" if other[0].startswith("holds") else
                            f"'{name[:80]}' is {other[0]}" if other[0].startswith(("the", "a word")) else
                            f"expected {other[0]}, found '{name[:80]}'",
                            hint=f"give only {what}s the sources write for this state")
            else:
                also.setdefault(key, []).append(word)

    first_of: dict[str, str] = {}  # a name → the first state that has it
    for key, entry in entries:
        for word in (*own_words[key], *also.get(key, ())):
            first = first_of.setdefault(word, key)
            if first != key and word not in own_words[key]:  # one other name given to two states
                ctx.problem(at(entry, f"{entry.singular} '{key.split('/', 1)[1]}'", "also_written"
                               if word in map(key_of, entry.also_written) else "adjectives"),
                            f"'{word}' is given to {said(first)} too: a name the text writes names one state",
                            hint="keep it on the state the sources mean by it")
    reader = _Names.of(record, also)
    ctx.state_names.update(also)  # (read again by the checks against the sources' texts)
    names = reader.names

    # a state's own quotations say something of it: one that names other states of the record and not this one put
    # "Egypt … resumed the presidency" among Kenya's sources (an attack's Y6)
    for key, entry in entries:
        # its roles' quotations too: Egypt's "resumed the presidency" under Kenya's roles passed (an attack's AC4)
        for path, cite in _state_cites(entry):
            others = names(cite.quote) if cite.quote else []
            if others and key not in others:
                where = at(cite, f"{entry.singular} '{key.split('/', 1)[1]}'", "quote")
                ctx.problem(Where(where.file, where.pos, where.entry, f"{path}.quote"),
                            f"the quotation names {', '.join(map(said, others[:3]))}, and not this state",
                            hint="cite it on the state it names; if it names this state in other words, add them "
                                 "to its also_written")
    # a document's paragraph of participants lists in its mentions the states its text names, all and only those:
    # one left out, or the paragraph named another that names no state, made every state page say the document
    # does not name it among its participants (an attack's Y2)
    for document in record.documents.values():
        # any other paragraph's mentions.states are states its text names too: PP 3 given Kenya beside Egypt for
        # "the Egyptian presidency" listed it on Kenya's page (an attack's AA11)
        for paragraph in document.paragraphs:
            if paragraph.id == document.participants_paragraph or not record.states:
                continue
            in_text = {key.split("/", 1)[1] for key in names(paragraph.text)}
            unnamed = [ident for ident in paragraph.mentions.states  # (not one whose names were refused: AD7)
                       if ident not in in_text and f"states/{ident}" in own_words and f"states/{ident}" not in refused
                       and ("states", ident) not in ctx.flawed_ids]
            if unnamed:
                ctx.problem(at(paragraph, f"paragraph '{paragraph.id}'", "mentions"),
                            f"mentions.states lists {', '.join(_named_as(record, unnamed))}, which the text does not "
                            "name: a paragraph mentions the states its text names",
                            hint="take them out of mentions.states, or give the name or adjective the text writes "
                                 "for the state in its also_written or adjectives")
        participants = next((p for p in document.paragraphs if p.id == document.participants_paragraph), None)
        if document.not_participating and document.participants_paragraph is None:
            ctx.problem(at(document, f"document '{document.id}'", "not_participating"),
                        "the document names no paragraph of participants (participants_paragraph), whose text "
                        "would name these states apart from the participants it lists",
                        hint="take not_participating out")
        if participants is None or not record.states:
            continue  # (no states: their file was refused, and said so)
        written = {key.split("/", 1)[1] for key in names(participants.text) if key.startswith("states/")}
        label = f"paragraph '{participants.id}'"
        if not written:
            ctx.problem(at(document, f"document '{document.id}'", "participants_paragraph"),
                        f"paragraph '{participants.id}' names no state of the record, so it lists no participants",
                        hint="name the paragraph whose text lists the participating states")
            continue
        absent = set(document.not_participating)
        for ident in sorted(absent & written):
            inside = _inside_the_list(reader, participants.text, f"states/{ident}", set(participants.mentions.states))
            if inside is not None:
                # a state the list names among the participants, given as apart for words elsewhere ("Egypt,
                # Eritrea, Estonia, …; Eritrea was absent on the first day"): its page said it was named apart (AB1,
                # AC5, AD4; a review's R1)
                ctx.problem(at(document, f"document '{document.id}'", "not_participating"),
                            f"paragraph '{participants.id}' names state '{ident}' inside its list of participants, "
                            f"next to state '{inside}'",
                            hint="give it among the participants (the paragraph's mentions), whatever else the "
                                 "paragraph says of it")
        missing = [ident for ident in written if ident not in participants.mentions.states and ident not in absent]
        # a state named among the participants by a statement of the meeting that adopted the document is not given
        # as absent: moved there, a participant's page said the record does not name it (an attack's AA1)
        # (of the same source: a second document of the meeting, from its own source, naming a state as an observer
        # was refused for the declaration's statement about it, an attack's AX3)
        own_sources = {c.source for c in document.cites}
        listed = {m.state: m.id for m in record.collection("memberships").values()
                  if m.how == "listed-participant" and m.at_event and m.at_event == document.adopted_at
                  and own_sources & {c.source for c in m.cites}}
        for ident in sorted(absent & set(listed)):
            ctx.problem(at(document, f"document '{document.id}'", "not_participating"),
                        f"membership '{listed[ident]}' names state '{ident}' among the participants of the meeting "
                        "that adopted this document", hint="give the state in not_participating only where the "
                        "paragraph names it apart from the participants it lists, and no statement names it among "
                        "them")
        for ident in sorted(absent - written - {i for i in absent if i not in record.states}):  # (unquoted: said)
            ctx.problem(at(document, f"document '{document.id}'", "not_participating"),
                        f"paragraph '{participants.id}' does not name state '{ident}': only a state the paragraph of "
                        "participants names, apart from the participants it lists, is given here",
                        hint="take it out of not_participating")
        for ident in sorted(absent & set(participants.mentions.states)):
            ctx.problem(at(document, f"document '{document.id}'", "not_participating"),
                        f"state '{ident}' is also in the mentions of paragraph '{participants.id}', which list the "
                        "participants", hint="keep it in one of the two")
        extra = [ident for ident in participants.mentions.states  # (a state refused elsewhere is not read)
                 if ident not in written and f"states/{ident}" in own_words and f"states/{ident}" not in refused
                 and ("states", ident) not in ctx.flawed_ids]
        if missing:
            ctx.problem(at(participants, label, "mentions"),
                        f"the text names {', '.join(sorted(missing))}, which mentions.states does not list: the "
                        "paragraph of participants lists every state its text names",
                        hint="add them to mentions.states, or, where the text names a state apart from the "
                             "participants (in its absence, or as an observer), to the document's not_participating")
        if extra:
            ctx.problem(at(participants, label, "mentions"),
                        f"mentions.states lists {', '.join(_named_as(record, extra))}, which the text does not name: "
                        "the paragraph of "
                        "participants lists only the states its text names",
                        hint="take them out of mentions.states, or give the state's name as the text writes it in "
                             "its also_written")
    for event in record.events.values():
        for field_name, main, co in (("host", "hosted_by", "co_hosted_by"), ("chair", "chaired_by", "co_chaired_by")):
            linked = {*getattr(event, main).keys(), *getattr(event, co).keys()}
            named_here = {key for written in getattr(event, field_name) for key in names(written)}
            for ident in getattr(event, main).states if named_here else ():
                # a state linked as the host the written names do not name (hosted_by: kenya beside the host
                # "Arab Republic of Egypt") showed on its page "(written “Arab Republic of Egypt”)" (T3)
                if f"states/{ident}" not in named_here:
                    ctx.problem(at(event, f"event '{event.id}'", main),
                                f"the {field_name} is written naming {', '.join(map(said, sorted(named_here)))}, "
                                f"not state '{ident}'",
                                hint=f"give in {main} the state the source names, a partner in {co}")
            for index, written in enumerate(getattr(event, field_name)):
                for key in [k for k in names(written) if k not in linked][:1]:
                    shown_at, line, column = event.origin.item_of(field_name, index)
                    ctx.problem(Where(event.origin.file, Pos(line, column), f"event '{event.id}'",
                                      f"{field_name}[{shown_at}]"),
                                f"'{written[:80]}' names {said(key)}, "
                                f"which neither {main} nor {co} gives",
                                hint=f"give it in {main} or {co}: a state's page lists the meeting from there")
    for collection in ("memberships", "chairs", "committee"):
        for entry in record.collection(collection).values():
            linked_to = (f"states/{entry.state}" if entry.state else
                         f"others/{entry.other_state}" if entry.other_state else None)
            if linked_to is None:
                continue
            found = names(entry.name)
            for key in [k for k in found if k != linked_to][:1]:
                ctx.problem(at(entry, f"{entry.singular} '{entry.id}'", "name"),
                            f"'{entry.name[:80]}' names {said(key)}, and this entry is about "
                            f"{said(linked_to)}",
                            hint="give the state the source names, in state (or other_state)")
            if not found and linked_to in own_words:
                # a name of no state ("European External Action Service") made the United Kingdom a participant
                # of 2025 (a thirty-first attack's U7); the initials of the state's name (UK) are its name too
                ctx.problem(at(entry, f"{entry.singular} '{entry.id}'", "name"),
                            f"'{entry.name[:80]}' does not name {said(linked_to)}, which this entry is about",
                            hint="give the state's name as the source writes it; another name the sources give the "
                                 "state goes in its also_written")
            # and its quotations, as a state's own: a chair's entry copied for Kenya kept "Uganda took over the
            # chairmanship … from Egypt", and Kenya's page said it chaired (an attack's AI14)
            for index, cite in enumerate(entry.cites):
                quoted = names(cite.quote) if cite.quote else []
                if quoted and linked_to not in quoted:
                    where = at(cite, f"{entry.singular} '{entry.id}'", "quote")
                    ctx.problem(Where(where.file, where.pos, where.entry, f"cites[{index}].quote"),
                                f"the quotation names {', '.join(map(said, quoted[:3]))}, and not "
                                f"{said(linked_to)}, which this entry is about",
                                hint="quote the words of the source that name the state this entry is about")


# the words after a name in a list that set it apart from the list ("Kenya, which attended as an observer", "Kenya
# was absent"), read for a membership that quotes a name as a list's item (``_listed_there``, AR4); a clause on the
# name ends there, or naming this meeting ("did not take part in the meeting")
_CLAUSE_ENDS = (r"(?=\s*(?:(?:in|at|to|from)\s+)?(?:(?:the|this)\s+(?:meeting|conference|session)\s*)?"
                r"(?:[.,;:)\u2010-\u2015-]|and\b|$))")
# the role of an observer: "as an observer", "attended the meeting as an observer", "(observer status)" (AF2, AF10)
_OBSERVER = (r"(?:(?:(?:attended|attending|took\s+part|taking\s+part|participated|participating|joined|present"
             r"|represented)\s+(?:(?:in|at)\s+)?(?:(?:the|this)\s+(?:meeting|conference|session)\s+)?)?as\s+(?:an?\s+)?"
             r"observers?|(?:had|has|having|with)\s+observer\s+status)")
# (and "didn't attend", "was not in attendance", "declined the invitation", "sent its apologies": an attack's AH7)
_ABSENT = (r"(?:absent|not\s+(?:present|represented|in\s+attendance)|(?:(?:did|could)\s*n[o'\u2019]t"
           r"|(?:was|were)\s+unable\s+to)\s+(?:attend|take\s+part|participate|join|send\s+(?:(?:a|any)\s+)?"
           r"(?:delegation|representatives?))"
           r"|sent\s+no\s+(?:delegation|representatives?)|sent\s+(?:its|their)\s+apologies|declined\s+(?:the|its|an)"
           # ("was not among the participants", "stayed away", "boycotted the meeting": AQ6)
           r"\s+invitation|not\s+among\s+the\s+participants|stayed\s+away|boycotted(?:\s+(?:the|this)\s+(?:meeting"
           r"|conference|session))?|declined\s+(?:the|its|an)"
           r"\s+invitation)")
_APART_AFTER = re.compile(
    r"[\s,(]*(?:(?:and|or|the|as\s+well\s+as)[\s,]*)*(?:,?\s*(?:who|which|although|though)\s+[^,]{1,80},)?\s*"
    r"(?:['\u2019]s\s+(?:delegation|representatives?|minister)\s+)?"  # ("Eritrea's delegation was absent", AQ6)
    r"(?:(?:was|were)\s+invited\s+but\s+)?"  # ", which was invited,", "was invited but did not attend"
    r"(?:(?:(?:who|which)\s+(?:(?:was|were|being|is|are|remained)\s+)?(?:" + _ABSENT + "|" + _OBSERVER + ")"
    + _CLAUSE_ENDS + r")|(?:(?:was|were|being|is|are|remained)\s+)?(?:" + _ABSENT + "|" + _OBSERVER + r")"
    # "Eritrea was present in Rome in 2014 but did not attend this meeting" (AJ12)
    r"|[^.;!?,]{1,80}?\s(?:but|yet)\s+" + _ABSENT + _CLAUSE_ENDS + r")(?!\w)")
# right after the name, words that set it apart even inside the list: "Sudan (observer)", "Eritrea as an observer"
_APART_AT = re.compile(r"\s*(?:\(\s*(?:as\s+)?(?:an?\s+)?(?:observers?(?:\s+status)?|absent|not\s+present)\s*\)|,?\s*"
                       + _OBSERVER + r")(?!\w)")
# words after an absence that make it one from a part of the meeting only ("was absent when the vote was taken",
# "did not attend the working lunch", "absent on the first day": AP6)
_PART_ONLY = re.compile(r"\s*(?:(?:from|at|for|during|on|in)\s+)?(?:the\s+|its\s+)?(?:(?:(?:working|official|opening"
                        r"|closing|first|second|third|last|final|ministerial|signing|press)\s+)+(?:session|day"
                        r"|conference|part|segment|ceremony|lunch|dinner)|lunch|dinner|reception|vote|voting|segment"
                        r"|ceremony|signing|opening|closing|morning|afternoon|evening|photo)(?!\w)"
                        r"|\s*,?\s*(?:when|until)(?!\w)")
_LIST_JOIN = re.compile(r"[\s,]*(?:(?:and|the)[\s,]*)*")  # what stands between two names of one list
_LIST_ITEM = re.compile(r"[\"\u201c'\u2018(]?(?:[A-Z0-9]|(?:all|the|other|its|their|each|every|both|some|several|many"
                        r"|most|member|partner|neighbou?ring|fellow)(?!\w))")
_LIST_SEPARATOR = re.compile(r"(?=.*(?:,|(?<!\w)and(?!\w)))" + _LIST_JOIN.pattern, re.S)  # with a comma or "and"


# what joins two items of a list of participants ("Egypt, Eritrea", "Sweden and Eritrea", "Uganda, as well as
# Eritrea": an attack's AT8), and where such a list ends right after an item (its end, a stop, a dash)
_ITEM_JOIN = re.compile(r"[\s,;&+/]*(?:(?:and|the|or|as\s+well\s+as)[\s,;&+/]*)*")  # (";": AU8; "&", "+", "/": AX4)
_FOOTNOTE_MARK = re.compile(r"(?:\*+|\s?\[[0-9]{1,3}\]|" + _SUPERSCRIPTS.pattern + ")")  # (no words: AU9)
# (and before what joins others to the list, not as its items: "…, Uganda, as well as the European Commission": AV5)
_LIST_ENDS = re.compile(r"\s*(?:$|[.;:!?)\u2012-\u2015]|-\s|,\s*(?:as\s+well\s+as|along\s+with|together\s+with)\b)")
_LIST_OPENS = re.compile(r"(?:^|[:;(\u2012-\u2015])\s*$")
_ASIDE_IN_BRACKETS = re.compile(r"\([^()]*\)")


def _inside_the_list(reader: _Names, text: str, key: str, listed: set[str]) -> str | None:
    """The id of a listed participant that the paragraph's ``text`` joins to a name of the state ``key`` as items
    of one list, where the name is an item with no words of its own: joined to a participant's name by a comma,
    "and" or "as well as" on one side, and on the other to another or to the list's end ("Egypt, Eritrea,
    Estonia", "…, Tunisia, Uganda\u2014along with …"). A name with words of its own ("Eritrea (observer)", "Eritrea,
    which did not attend the previous meeting,", "Eritrea, the latter as an observer") is the editor's to read,
    beside the paragraph shown whole. None if no such item names the state.

    This is all the check reads of a state given as not taking part (decision 3 of issue 25): its page shows the
    paragraph whole, and the reader judges its words. Read by word rules instead ("in the absence of", "was
    absent", "did not attend", "… but took part in the closing session"), each round of attacks found a wording
    the rules missed or misread (AB1, AC5 to AC7, AE1 to AE4, AF2 to AH7, AI1 to AK8, AN6, AP6, AQ5, AQ6); quoted
    by a clause of it, one cut at a comma or a dash hid what the sentence went on to say (AS2, AS3); read as an
    item wherever a comma stood on one side, honest ones were refused ("…, Eritrea being absent": AT9)."""
    written = roles.without_stops(text)
    found = list(reader.within.finditer(written))

    def end_of(match: re.Match[str]) -> int:  # (a footnote's mark is no word of the name's own: AU9)
        mark = _FOOTNOTE_MARK.match(written, match.end())
        return mark.end() if mark else match.end()

    def joined(index: int, aside: bool) -> bool:
        """Whether the name at ``index`` and the next are items of one list: nothing between them but what joins
        items, and, with ``aside``, the first one's aside in brackets ("Uganda (Chair), Eritrea": a neighbour's own
        words are none of the state's, AT7; the state's own are, "Eritrea (observer), Estonia")."""
        between = written[end_of(found[index]):found[index + 1].start()] if found[index + 1].start() >= end_of(
            found[index]) else "?"
        return _ITEM_JOIN.fullmatch(_ASIDE_IN_BRACKETS.sub("", between) if aside else between) is not None

    def ident_of(match: re.Match[str]) -> str:
        return reader.named[match.group()].split("/", 1)[1]

    def reached(start: int, step: int) -> tuple[str | None, int]:
        """From the name at ``start``, along the items joined to it one way: the first participant of the list
        reached, through other names given apart (two neighbours given apart passed, each beside the other: an
        attack's AV2); else the last item reached."""
        index = start
        while 0 <= index + step < len(found) and joined(min(index, index + step), aside=index != start or step < 0):
            index += step
            if ident_of(found[index]) in listed:
                return ident_of(found[index]), index
        return None, index

    for index, match in enumerate(found):
        if reader.named[match.group()] != key:
            continue
        left, first = reached(index, -1)
        right, last = reached(index, 1)
        opens = _LIST_OPENS.search(written, 0, found[first].start()) is not None
        ends = _LIST_ENDS.match(written, end_of(found[last])) is not None
        if (left and (right or ends)) or (right and (left or opens)):
            return left or right
    return None


def _named_as(record: model.Record, idents: Sequence[str]) -> list[str]:
    """Each state as a message names it: its id, its name and where the name is given (a state renamed in its
    file was reported only at the paragraph that no longer names it)."""
    shown = []
    for ident in idents:
        state = record.states[ident]
        line = state.origin.line_of("name")[0]
        shown.append(f"{ident} (named '{state.name[:80]}' at {state.origin.file}:{line})")
    return shown


def _spans_meet(one: model.PartialDate, other: model.PartialDate) -> bool:
    """Whether two dates, however precise, can name the same day (2025 and 9 April 2025 do)."""
    return history.first_day(one) <= history.last_day(other) and history.first_day(other) <= history.last_day(one)


def _check_terms(record: model.Record, ctx: Context) -> None:
    """A chair's term ends after it begins, as far as the dates the record gives can tell; a start marked as the
    record's reading names the meeting it reads."""
    for term in record.collection("chairs").values():
        label = f"chairmanship '{term.id}'"
        if term.began_at_from and not term.began_at:
            ctx.problem(at(term, label, "began_at_from"),
                        "it says how began_at is known, and began_at is not given",
                        hint="give began_at, or remove began_at_from")
        # Two dates of one bound (the day of the meeting named, the date written beside it) name the same
        # moment, so their spans meet; and the term lies in its period (a fourteenth attack: `until: 0001-01-01`
        # beside an ended_at of 2025 was valid, and a term could end years before the period the source gives).
        for event_field, written_field in (("began_at", "since"), ("ended_at", "until")):
            event, written = record.events.get(getattr(term, event_field) or ""), getattr(term, written_field)
            if event is not None and written is not None and not _spans_meet(event.date, written):
                ctx.problem(at(term, label, written_field),
                            f"{written.display()} is not when the meeting named by {event_field} took place "
                            f"('{event.id}', {event.date.display()})", hint=f"check {written_field} and {event_field} "
                            "against the source; give only what it says")
        start, end = history.term_bounds(record, term)
        hint = "check period, since and until (or the meetings named) against the source"
        if term.period is not None and start is not None and \
                history.first_day(start) > history.last_day(term.period):
            ctx.problem(at(term, label, "period"), f"the term begins ({start.display()}) after its period "
                        f"({term.period.display()})", hint=hint)
        if term.period is not None and end is not None and history.last_day(end) < history.first_day(term.period):
            ctx.problem(at(term, label, "period"), f"the term ends ({end.display()}) before its period "
                        f"({term.period.display()})", hint=hint)
        if start is not None and end is not None and end.sort_key() < start.sort_key():
            ctx.problem(at(term, label, "ended_at" if term.ended_at else "until"),
                        f"the term ends ({end.display()}) before it begins ({start.display()})",
                        hint="check the term's dates (since, until, began_at, ended_at) against the source")
        # the meeting at which the source shows the chair lies in the term (a slip of one meeting id showed the term
        # of 2017 at a meeting of 2019: an attack's BD5)
        # A source may name the state there as the incoming chair (before the term) or the outgoing one (after it),
        # as at_meeting's description says (review D5-1); a meeting's days run to its until (D5-2).
        meeting = record.events.get(term.at_meeting or "")
        if meeting is not None:
            first = None if term.called == "incoming" else start or term.period
            last = None if term.called == "outgoing" else end or (term.period if start is None else None)
            if (first is not None and history.last_day(meeting.until or meeting.date) < history.first_day(first)) or (
                    last is not None and history.first_day(meeting.date) > history.last_day(last)):
                ctx.problem(at(term, label, "at_meeting"), f"the meeting '{meeting.id}' ({_days(meeting)}) is outside "
                            f"the term ({_term_span(first, last)})", hint=hint + "; a source that names the state "
                            "there as the incoming or outgoing chair is given with called: incoming or outgoing")


def _check_one_chair_a_meeting(record: model.Record, ctx: Context) -> None:
    """One state holds the chair at a time: at one meeting, two states do not both take it, both give it up, or both
    hold it with no source naming the two (one that does tells a handover there: the listing that has the meeting of
    December 2017 confirm one state's handover to another). A slip of one meeting id showed two states as the chair
    of one meeting, on its page and on each term's (an attack's BO8)."""
    at_meeting: dict[str, list[tuple[model.Chairmanship, str, str]]] = {}
    for term in record.collection("chairs").values():
        if history.of_term(term) is None:
            continue
        # (a "new" or "current" chair at a meeting holds it there)
        roles = (("began_at", term.began_at, "take"), ("ended_at", term.ended_at, "give up"),
                 ("at_meeting", term.at_meeting, {"incoming": "take", "outgoing": "give up"}.get(term.called or "",
                                                                                                "hold")))
        for field_name, meeting, role in roles:
            if meeting in record.events:
                at_meeting.setdefault(meeting, []).append((term, field_name, role))
    said: set[str] = set()
    for meeting, shown in at_meeting.items():
        for (term, _field, role), (other, other_field, other_role) in itertools.combinations(shown, 2):
            if role != other_role or history.of_term(term) == history.of_term(other) or other.id in said:
                continue
            # (one place of one source names both there: it tells of the handover, as the notes say; the same source
            # cited at another place for the other state told none, and passed: a review's D7-13)
            if role == "hold" and {(c.source, c.locator, c.quote) for c in term.cites} & {
                    (c.source, c.locator, c.quote) for c in other.cites}:
                continue
            said.add(other.id)
            ctx.problem(at(other, f"chairmanship '{other.id}'", other_field),
                        f"it has '{_named(history.of_term(other) or '')}' {other_role} the chair at meeting "
                        f"'{meeting}', and chairmanship '{term.id}' ({term.origin.file}:{term.origin.line}) has "
                        f"'{_named(history.of_term(term) or '')}' {role} it there"
                        + (", and no citation names both (one place of one source)" if role == "hold" else "")
                        + ": one state holds the chair at a time",
                        hint="check the meeting and the state against the sources; a state the source names there "
                        "as the incoming or outgoing chair is given with called")


def _term_span(first: model.PartialDate | None, last: model.PartialDate | None) -> str:
    if first is not None and first == last:
        return first.display()
    return f"{first.display() if first else 'its start not given'} to {last.display() if last else 'its end not given'}"


@dataclass(frozen=True)
class _Claim:
    """That a state was a member at a date, which the record implies: a chair's term, a meeting's host or chair."""

    item: Any
    label: str
    field_name: str
    key: str  # the state's key (``history.who``)
    date: model.PartialDate
    when: str  # the date's part in a sentence: "when this term begins"
    check: str  # what to check if no statement bears it out: "the term's dates"


def _claims(record: model.Record) -> list[_Claim]:
    """Every state the record says chaired the process or hosted or chaired a meeting, with the date."""
    found: list[_Claim] = []
    for term in record.collection("chairs").values():
        held = history.term_held(record, term)
        key = history.of_term(term)
        known = (term.state in record.states) if term.state else (term.other_state in record.collection("others"))
        if key is not None and known and held is not None and not _before_the_process(record, held[0]):
            found.append(_Claim(term, f"chairmanship '{term.id}'", "state" if term.state else "other_state",
                                key, held[0], held[1], "the term's dates"))
    for event in record.events.values():
        # before the process, a milestone's host (a summit's) was no member of a process still to come (an attack's
        # BG9: it was refused as one); a meeting then is refused for its date (``_check_history``)
        if _before_the_process(record, event.date):
            continue
        for field_name, _what, _label in model.PARTY_FIELDS:
            parties: model.Parties = getattr(event, field_name)
            for collection in ("states", "others"):  # an organisation is a partner, never a member
                # an unknown id is reported once, as such (``_check_references``)
                for ident in (i for i in getattr(parties, collection) if i in record.collection(collection)):
                    found.append(_Claim(event, f"event '{event.id}'", field_name, history.key_of(collection, ident),
                                        event.date, "the date of this meeting", f"the meeting's date and {field_name}"))
    return found


def _named(key: str) -> str:
    return key.removeprefix("others/")


def _before_the_process(record: model.Record, date: model.PartialDate) -> bool:
    process = record.the_process()
    return process is not None and process.date is not None and date.sort_key() < process.date.sort_key()


def _check_statements(record: model.Record, ctx: Context) -> None:
    """A statement about membership agrees with its event, its sources and its list, and names its state: each slip
    below passed check while the year pages counted a list of one, or one state twice (an attack's round BD). A
    statement said by one rule is left out of the rules after it, which would follow from the same slip."""
    said: set[str] = set()
    _check_each_statement(record, ctx, said)
    _check_participants_where_adopted(record, ctx, said)
    lists = history.lists(record)
    _check_counted_once(lists, ctx, said)
    by_source = _check_one_day_per_source(lists, ctx, said)
    _check_one_kind_per_day(record, ctx, said)
    _check_lost_dates(record, by_source, ctx)


def _check_each_statement(record: model.Record, ctx: Context, said: set[str]) -> None:
    """A statement names its state by its id, is bounded only when undated, is dated on its event's days, and is not
    of a list dated after every source it cites; ``said`` gets those whose date is refused."""
    names = {_name_key(n): (field_name, ident)
             for field_name, collection in (("state", record.states), ("other_state", record.collection("others")))
             for ident, entry in collection.items()
             for n in (entry.name, getattr(entry, "name_in_sentence", None), *entry.also_written) if n}
    for membership in record.collection("memberships").values():
        label = f"membership '{membership.id}'"
        if not (membership.state or membership.other_state) and _name_key(membership.name) in names:
            # the pages called a participating state "not a state of the record" (BD3); another state's statement
            # so written was said missing where it was used (review D5-8)
            field_name, ident = names[_name_key(membership.name)]
            ctx.problem(at(membership, label, "name"), f"it names {membership.name!r}, which is the name of "
                        f"{'state' if field_name == 'state' else 'other state'} '{ident}', and gives no "
                        f"{field_name.replace('_', ' ')}", hint=f"add {field_name}: {ident}")
        if membership.not_before is not None and (membership.date is not None or membership.at_event):
            # "When: 2015 Not before May 2017" (an attack's BD8): a bound is for a statement the record cannot date
            day = history.when(record, membership)
            ctx.problem(at(membership, label, "not_before"), "it bounds a statement with no date, and this one is "
                        f"dated ({day.display() if day else 'by its event'})",
                        hint="keep the date, or, if the source gives none, the bound")
        event = record.events.get(membership.at_event) if membership.at_event else None
        if membership.date is not None and event is not None:
            days = (history.first_day(event.date), history.last_day(event.until or event.date))
            if history.last_day(membership.date) < days[0] or history.first_day(membership.date) > days[1]:
                # one day off the event's, a statement made a list of its own, and the list of 36 others earlier (BD12)
                ctx.problem(at(membership, label, "date"), f"{membership.date.display()} is not a day of event "
                            f"'{event.id}' ({_days(event)}), at which the statement places it",
                            hint="give the event's day, or leave date out: the event's is read")
                said.add(membership.id)
                continue
        day = history.when(record, membership)
        written = [record.sources[c.source].date for c in membership.cites if c.source in record.sources]
        if membership.how in history.LISTS and day is not None and written and all(
                d is not None and history.first_day(day) > history.last_day(d) for d in written):
            # a slip of one digit, 2025 for 2024, made the home page's latest list one of a single state (BD13); a
            # source may announce what is to come (a joining), not list the states of a later day (review D5-5)
            by = "date" if membership.date is not None else "at_event"
            ctx.problem(at(membership, label, by), f"{day.display()} is after the date of every source it cites: a "
                        "source's list names the states of its own day or earlier",
                        hint=f"check the {'date' if by == 'date' else 'event'} against the source")
            said.add(membership.id)


def _check_participants_where_adopted(record: model.Record, ctx: Context, said: set[str]) -> None:
    """A state named among a document's participants is so at a meeting that adopted a document or an instrument. An
    honest record of a state that took part in a thematic meeting, so written, made that meeting's one state the
    membership for seven years (review D5-7, an attack's BG7)."""
    adopting = {d.adopted_at for d in record.documents.values() if d.adopted_at} | {
        e.id for e in record.events.values() if any(e.adopted.pairs())}
    for membership in record.collection("memberships").values():
        if membership.how == "listed-participant" and membership.id not in said and membership.at_event \
                and membership.at_event not in adopting:
            ctx.problem(at(membership, f"membership '{membership.id}'", "at_event"),
                        f"it names the state among the participants of a document, at event '{membership.at_event}', "
                        "at which the record has no document or instrument adopted",
                        hint="give the meeting that adopted the document; a state's taking part in a meeting is no "
                        "statement of membership: say it in the meeting's notes")
            said.add(membership.id)


def _check_counted_once(lists: list[history.StateList], ctx: Context, said: set[str]) -> None:
    """No list names one state twice."""
    for a_list in lists:
        seen: dict[str, model.Membership] = {}
        for membership in (m for m in a_list.statements if m.id not in said):
            first = seen.setdefault(history.who(membership), membership)
            if first is not membership:  # counted twice: "It names 41 states", a difference no source gives (BD3)
                field_name = "state" if membership.state else "other_state" if membership.other_state else "name"
                ctx.problem(at(membership, f"membership '{membership.id}'", field_name),
                            f"it names {membership.name!r} in the same list as membership '{first.id}' "
                            f"({first.origin.file}:{first.origin.line}): the list would count the state twice",
                            hint="keep one of the two")


def _apart(date: model.PartialDate, other: model.PartialDate) -> bool:
    """Whether two dates cannot be one day ("2014" may be 28 November 2014: review D5-3)."""
    return history.last_day(date) < history.first_day(other) or history.first_day(date) > history.last_day(other)


def _check_one_day_per_source(lists: list[history.StateList], ctx: Context,
                              said: set[str]) -> dict[tuple[str, str], list[history.StateList]]:
    """The signatures of the Rome Declaration are of one day, and one source's list of one kind is of one day;
    returns the lists of each kind and source, which the rule on lost dates reads."""
    signed = [a_list for a_list in lists if a_list.how == "signed-rome-declaration"]
    most = max(signed, key=lambda a_list: len(a_list.statements)) if signed else None
    for a_list in signed:
        if most is None or not _apart(a_list.date, most.date):
            continue
        for membership in (m for m in a_list.statements if m.id not in said):
            # a later signature read as a new list of signatories naming one state, every founder set apart (BD12)
            ctx.problem(at(membership, f"membership '{membership.id}'", "how"),
                        f"it dates a signature of the Rome Declaration {a_list.date.display()}, and the other "
                        f"signatures are of {most.date.display()}: a list of the signatories of another day would "
                        "name this state alone",
                        hint="check the date against the source: the record holds the signatures of one day")
            said.add(membership.id)
    # One source's list of one kind is of one day: a slip of one digit in a statement's date (2019 for 2024) made a
    # list of one state for five years, the others "named earlier only" (an attack's BF24; of two states, BG8). A
    # source's list of another day half as long or shorter is such a slip; a list of one day is the source's whole.
    by_source: dict[tuple[str, str], list[history.StateList]] = {}
    for a_list in lists:
        for source in {c.source for m in a_list.statements for c in m.cites}:
            by_source.setdefault((a_list.how, source), []).append(a_list)
    for (how, source), of_source in by_source.items():
        longest = max(of_source, key=lambda a_list: len(a_list.statements))
        for a_list in of_source:
            if not _apart(a_list.date, longest.date) or len(a_list.statements) * 2 > len(longest.statements):
                continue
            for membership in a_list.statements:
                if membership.id not in said and source in {c.source for c in membership.cites}:
                    by = "date" if membership.date is not None or not membership.at_event else "at_event"
                    ctx.problem(at(membership, f"membership '{membership.id}'", by),
                                f"it places {membership.name!r} in a list of {a_list.date.display()}"
                                + (f" (event '{membership.at_event}')" if by == "at_event" else "")
                                + f", and the other statements of the kind {how} citing source '{source}' are of "
                                f"{longest.date.display()}: a list of that day would name "
                                + ("this state alone" if len(a_list.statements) == 1 else
                                   f"these {len(a_list.statements)} states alone"),
                                hint=f"check the {'date' if by == 'date' else 'event'} against the source")
                    said.add(membership.id)
    return by_source


def _check_one_kind_per_day(record: model.Record, ctx: Context, said: set[str]) -> None:
    """One source's statements of one day are of one kind, and it does not say a state both signed the founding
    declaration and joined after it."""
    # One source's statements of one day are of the kind of its list: one word of `how` retyped split the list of 40
    # into 39 and one "named among the participants of a document" no source names (an attack's BG1).
    of_day: dict[tuple[str, model.PartialDate], list[model.Membership]] = {}
    for membership in record.collection("memberships").values():
        if (day := history.list_day(record, membership)) is None:
            continue
        for source in dict.fromkeys(c.source for c in membership.cites):
            of_day.setdefault((source, day), []).append(membership)
    for (source, day), statements in of_day.items():
        kinds = [m.how for m in statements]
        major = max(kinds, key=kinds.count)
        if major not in history.LISTS or kinds.count(major) < 3:
            continue
        for membership in statements:
            if membership.how != major and kinds.count(membership.how) * 2 <= kinds.count(major) \
                    and membership.id not in said:
                ctx.problem(at(membership, f"membership '{membership.id}'", "how"),
                            f"its kind is {membership.how}, and the other {kinds.count(major)} statements citing "
                            f"source '{source}' of {day.display()} are of the kind {major}: a list of another kind "
                            "would name this state apart from them", hint="check how against the source")
                said.add(membership.id)
    # One source does not say a state both signed the Rome Declaration and became a member after it (a held-out
    # round's BK26: a signature added from the page that says the state joined later; sources that differ are shown)
    after = {(history.who(m), c.source): m for m in record.collection("memberships").values()
             if m.how == "became-member" for c in m.cites}
    for membership in record.collection("memberships").values():
        if membership.how != "signed-rome-declaration" or membership.id in said:
            continue
        other = next((after[(history.who(membership), c.source)] for c in membership.cites
                      if (history.who(membership), c.source) in after), None)
        if other is not None:
            ctx.problem(at(membership, f"membership '{membership.id}'", "how"),
                        f"it says {membership.name!r} signed the Rome Declaration, and membership '{other.id}' "
                        f"({other.origin.file}:{other.origin.line}), citing the same source, says it became a member "
                        "after it", hint="check how against the source: one source says one of the two")
            said.add(membership.id)


def _check_lost_dates(record: model.Record, by_source: dict[tuple[str, str], list[history.StateList]],
                      ctx: Context) -> None:
    """A statement of a source's list keeps its date, or its event."""
    # A statement of a source's list that lost its date (and gives no event) fell out of the list and of every year's
    # page, its state's page saying the source gives no date (an attack's BG2).
    for membership in record.collection("memberships").values():
        if membership.how not in history.LISTS or history.when(record, membership) is not None \
                or membership.not_before is not None:
            continue
        dated = [(source, lists_of) for source in dict.fromkeys(c.source for c in membership.cites)
                 if (lists_of := by_source.get((membership.how, source)))]
        if dated:
            source, lists_of = dated[0]
            longest = max(lists_of, key=lambda a_list: len(a_list.statements))
            ctx.problem(at(membership, f"membership '{membership.id}'", "how"),
                        f"it gives no date nor event, and the other statements of the kind {membership.how} citing "
                        f"source '{source}' are of {longest.date.display()}: the list of that day would leave this "
                        "state out", hint="give its date, or its event, as the source does")


def _check_seats(record: model.Record, ctx: Context) -> None:
    """A seat's group is the one the source's words for it name: within one source's list, one group_written is one
    group, and a member named apart from the list has no group's words. A slip of one id moved Egypt out of the
    list on its page, or into the EU member states' group in the downloads, beside the source's "African partner
    countries" (an attack's BG6)."""
    said = len(ctx.problems)
    by_words: dict[tuple[str, str], list[model.CommitteeSeat]] = {}
    for seat in record.collection("committee").values():
        if not seat.cites or seat.group_written is None:
            continue
        if seat.group == "not-in-the-list":
            ctx.problem(at(seat, f"seat '{seat.id}'", "group"), f"it is not-in-the-list, and group_written gives "
                        f"the source's words for a group of its list ({seat.group_written!r})",
                        hint="give the group those words name, or leave group_written out for a member named apart")
            continue
        by_words.setdefault((seat.cites[0].source, _name_key(seat.group_written)), []).append(seat)
    for (source, _words), seats in by_words.items():
        groups = [seat.group for seat in seats]
        most = max(groups, key=groups.count)
        for seat in seats if groups.count(most) > 1 else ():
            if seat.group != most:
                other = next(s for s in seats if s.group == most)
                ctx.problem(at(seat, f"seat '{seat.id}'", "group"), f"it is {seat.group}, and the other seats of "
                            f"source '{source}' its words name, {seat.group_written!r}, are {most} (seat "
                            f"'{other.id}', {other.origin.file}:{other.origin.line})",
                            hint="give the group the source's words name")
    # a seat among the EU member states is one of an EU member state, among the African partners one of an African
    # state: the two group lines of a neighbour's seat, copied, put Italy among the African partner countries (an
    # attack's BO6); a state of others.yml (the United Kingdom before it left) is not held so
    mended = {problem.entry for problem in ctx.problems[said:]}
    for seat in record.collection("committee").values():
        state = record.states.get(seat.state or "")
        wanted = _STATE_GROUPS.get(seat.group)
        label = f"seat '{seat.id}'"
        if wanted is None or label in mended:
            continue
        if state is not None and state.region != wanted:
            ctx.problem(at(seat, label, "group"), f"it is {seat.group}, and state '{state.id}' is "
                        f"{state.region}", hint="give the group of the state's seat as the source lists it")
        # an organisation is no state, and another state has no region in the record: the EEAS put among the EU
        # member states, or the United Kingdom among the African partner countries with no words of the source's,
        # passed and the pages listed them so (an attack's BQ7)
        elif seat.organisation in record.organisations:
            ctx.problem(at(seat, label, "group"), f"it is {seat.group}, a group of states, and organisation "
                        f"'{seat.organisation}' is no state", hint="give the group the source lists it in "
                        "(institutions, or not-in-the-list for a member named apart)")
        elif seat.other_state in record.collection("others") and seat.group_written is None:
            ctx.problem(at(seat, label, "group"), f"it is {seat.group}, a group of states, and other state "
                        f"'{seat.other_state}' has no region in the record, so only the source's own words for the "
                        "group can place it there", hint="give group_written as the source writes the group, or "
                        "not-in-the-list for a member named apart")


_STATE_GROUPS = {"eu-member-states": "eu-member-state", "african-partner-countries": "african-state"}
"""The seat groups that are groups of states, with the region of the record's states they hold."""


def _check_seats_on_the_map(record: model.Record, geo: geodata.GeoData, ctx: Context) -> None:
    """A seat of another state (others.yml), which has no region in the record, in a group of states lies on that
    group's continent as the map's shapes give it, where a shape bears the state's name: the United Kingdom put among
    the African partner countries, with the words the source writes for that group, passed (an attack's BQ7)."""
    continents = {_name_key(country.name): country for country in geo.countries if country.continent}
    others = record.collection("others")
    said = {problem.entry for problem in ctx.problems}  # a seat's group said wrong already is not said twice
    for seat in record.collection("committee").values():
        other = others.get(seat.other_state or "")
        if other is None or seat.group not in _STATE_GROUPS or f"seat '{seat.id}'" in said:
            continue
        shape = next((continents[key] for name in (other.name, other.name_in_sentence, *other.also_written)
                      if name and (key := _name_key(name)) in continents), None)
        # (Africa or not, as a state's region is read from its shape: the map puts Cyprus in Asia)
        if shape is not None and (shape.continent == "Africa") != (seat.group == "african-partner-countries"):
            ctx.problem(at(seat, f"seat '{seat.id}'", "group"), f"it is {seat.group}, and the map's shape of "
                        f"{shape.name!r}, other state '{other.id}', is in {shape.continent}",
                        hint="give the group the source lists it in")


def _check_paragraph_mentions(record: model.Record, ctx: Context) -> None:
    """A paragraph's mentions of an instrument or an organisation are borne out by its text, which writes one of its
    names (an instrument's ``names_in_record``, an organisation's acronym), as its mentions of a state are: a slip made
    operative paragraph 5 name the Rome Declaration, and the Rabat Process named in no paragraph (an attack's BI5)."""
    for document in record.documents.values():
        for paragraph in document.paragraphs:
            text = _flat(paragraph.text or "").casefold()
            if not text:
                continue
            listed: list[tuple[str, list[str | None]]] = [
                (f"instrument '{i}'", [record.instruments[i].name, *record.instruments[i].names_in_record])
                for i in paragraph.mentions.instruments if i in record.instruments]
            listed += [(f"organisation '{o}'", [record.organisations[o].name, record.organisations[o].acronym])
                       for o in paragraph.mentions.organisations if o in record.organisations]
            for label, names in listed:
                if not any(re.search(rf"(?<!\w){re.escape(_flat(n).casefold())}(?!\w)", text) for n in names if n):
                    ctx.problem(at(paragraph, f"paragraph '{paragraph.id}' of document '{document.id}'", "mentions"),
                                f"it lists {label}, and its text writes none of its names "
                                f"({', '.join(repr(n) for n in dict.fromkeys(names) if n)})",
                                hint="take it out of the mentions, or add the name the text writes to the entry")


def _check_meeting_places(record: model.Record, ctx: Context) -> None:
    """A meeting's state (``held_in``) agrees with its place: with the state the place names after a comma ("Nairobi,
    Kenya"), else with the state most of the record's meetings in that city are held in, where two or more are (a
    city of one meeting, or of two that differ, cannot be checked so). A slip of one word (held_in: italy for Cairo)
    moved the ministerial conference to Italy's page (an attack's BF21)."""
    names = {_name_key(n): ident for ident, state in record.states.items()
             for n in (state.name, state.name_in_sentence, *state.also_written) if n}
    cities: dict[str, list[model.Event]] = {}
    placed: set[str] = set()  # meetings whose place names their state: that is their check (review D5-6)
    for event in record.events.values():
        if not (event.place and event.held_in):
            continue
        parts = [part.strip() for part in event.place.split(",")]
        named = names.get(_name_key(parts[-1])) if len(parts) > 1 else None
        if named is not None and named != event.held_in:
            ctx.problem(at(event, f"event '{event.id}'", "held_in"), f"it names state '{event.held_in}', and the "
                        f"place, {event.place!r}, names state '{named}'", hint="give the state the place is in")
            continue
        if named is not None:
            placed.add(event.id)
        cities.setdefault(_name_key(parts[0]), []).append(event)
    for held in cities.values():
        states = [event.held_in for event in held]
        most = max(states, key=states.count)
        for event in held if states.count(most) > 1 else ():
            if event.held_in != most and event.id not in placed:
                other = next(e for e in held if e.held_in == most)
                ctx.problem(at(event, f"event '{event.id}'", "held_in"), f"it places {event.place!r} in state "
                            f"'{event.held_in}', and the record's other meetings there are in state '{most}' (event "
                            f"'{other.id}', {other.origin.file}:{other.origin.line})",
                            hint="give the state the place is in")
    for event in record.events.values():
        if event.kind is not None and event.until is not None and \
                history.days_between(history.first_day(event.date), history.last_day(event.until)) > 62:
            # a slip of one year in until made a thematic meeting of two days last a year and a day (an attack's BO9);
            # a training of six weeks is one (BQ9)
            ctx.problem(at(event, f"event '{event.id}'", "until"), f"the meeting would last from "
                        f"{event.date.display()} to {event.until.display()}", hint="check the last day's year and "
                        "month; a meeting lasts days or weeks")
        city_words = [w for w in re.split(r"[\s.'-]+", _place_key(event.place.split(",")[0])) if len(w) > 3] \
            if event.place else []
        paths = [urllib.parse.urlsplit(record.sources[c.source].url or "").path.lower()
                 for c in event.cites if c.source in record.sources]
        # (in the address's path, not its host: a source on kampalapost.com let a meeting move to Kampala, BQ14; a
        # word of the city will do, "…-meeting-in-addis" for Addis Ababa, BQ8)
        if event.place and event.place_from == "address" and city_words and not any(
                word in path for word in city_words for path in paths):
            # "named only in the page's address": the address is the record's, and moving the meeting to another
            # country passed (an attack's BO2)
            ctx.problem(at(event, f"event '{event.id}'", "place"), f"it is read from a page's address, and no "
                        f"source the event cites has {event.place.split(',')[0].strip()!r} in its url",
                        hint="give the place the address names")
    # A place its own quotations contradict: the Rome conference placed in Cairo, with held_in to match, passed and
    # put Cairo in every citation, a few lines above its quotation "a ministerial conference in Rome" (BN6). Only a
    # place a quotation gives a meeting counts: a city named for context, or in a name ("the Rome Declaration"), is
    # not the meeting's (review D6-1)
    for event in record.events.values():
        own = _place_key(event.place.split(",")[0]) if event.place else ""
        said_in_title = _places_said(event.title, names)
        stated = _states_in_title(event.title, names)
        if event.place and said_in_title and not any(_same_place(own, place) for place in said_in_title):
            # the Berlin meeting titled "… in Stockholm" named Stockholm on the timeline, the chairs' list and in
            # its citations, beside its place, Berlin (an attack's BO5)
            ctx.problem(at(event, f"event '{event.id}'", "title"), f"it says the meeting was held in "
                        f"{said_in_title[0]!r}, and its place is {event.place!r}", hint="give the title and the place "
                        "the sources give")
            continue
        if event.held_in and stated and event.held_in not in stated:
            # "Thematic meeting in Kenya" for the Berlin meeting (an attack's BQ16)
            ctx.problem(at(event, f"event '{event.id}'", "title"), f"it says the meeting was held in state "
                        f"'{stated[0]}', and its held_in is '{event.held_in}'", hint="give the title and the state "
                        "the sources give")
            continue
        quoted = "\n".join(" ".join(c.quote.split()) for c in event.cites if c.quote)
        if not (event.place and quoted):
            continue
        # (a place named for context beside its own, "since the ministerial conference in Rome" quoted for Cairo's
        # "Meeting in Cairo", passes: BQ5)
        places = _places_said(quoted, names)
        if places and not any(_same_place(own, place) for place in places):
            ctx.problem(at(event, f"event '{event.id}'", "place"), "its quotations say it was held in "
                        f"{', '.join(map(repr, places))}, not {event.place.split(',')[0].strip()!r}",
                        hint="give the place the sources give")


_STATE_AFTER_PLACE = re.compile(r"\s*[,(/\u2013\u2014]\s*(?:in\s+)?([^,;:()/\u2013\u2014]+?)\s*"
                                r"(?:[,;:()/\u2013\u2014]|$)")
"""A state named after a meeting's place: after a comma, in brackets, after an en or em dash or a slash."""


def _states_in_title(title: str, names: dict[str, str]) -> list[str]:
    """The states a title says a meeting was held in: by name ("Thematic meeting in Kenya"), or after its place and a
    comma ("Thematic workshop in Kampala, Kenya" for a workshop held in Uganda passed: an attack's BQ2)."""
    stated = []
    for found in _MET_IN.finditer(title):
        if _name_key(found.group(1)) in names:
            stated.append(names[_name_key(found.group(1))])
        # (the state's name alone up to the next comma, or the title's end: "in Kampala, Sudan and South Sudan on
        # climate mobility" names the states of its subject, not its own: a review's D7-6)
        # (or in brackets, after a dash or a slash, or "in" after the comma: "Kampala (Kenya)", "Kampala / Kenya",
        # "Kampala, in Kenya" passed, a review's D7-18)
        elif (after := _STATE_AFTER_PLACE.match(title, found.end())) is not None:
            words = _name_key(after.group(1))
            stated += [names[words]] if words in names else []
    return stated


def _places_said(text: str, names: dict[str, str]) -> list[str]:
    """The places a text says a meeting was held in ("Meeting in Cairo", "taking place in Addis Ababa"): not a
    state's name (held_in's), a month ("held in April"), a possessive ("in Egypt's capital") or a language ("held in
    English and French": an attack's BQ4)."""
    return list(dict.fromkeys(
        found for found in _MET_IN.findall(text) if _name_key(found) not in names and found.casefold() not in _MONTHS
        and not found.endswith(("'s", "\u2019s")) and not _LANGUAGE.fullmatch(found.split()[0])))


def _same_place(own: str, said: str) -> bool:
    """Whether a place said is the place given: "St" of "St. Julian's", "Dar" of "Dar es Salaam" (the words read stop
    at a particle or a stop: an attack's BQ6)."""
    said = _place_key(said)
    return own == said or own.startswith(said + " ") or own.startswith(said + ".") or said.startswith(own + " ")


_LANGUAGE = re.compile(r"English|French|Arabic|Spanish|Portuguese|Italian|German|Amharic|Tigrinya|Somali|Swahili"
                       r"|Africa|Europe|Asia|East|West|North|South")  # (and a continent or a side: BS1)


# "a ministerial conference in Rome", "held in Addis Ababa": the place a quotation gives a meeting (a state's name
# there is left to held_in's rule)
_MET_IN = re.compile(r"\b(?i:conference|meeting|summit|workshop|forum|session|held|hosted|convened|"
                     r"(?:took|taking|takes|take) place)\s+"
                     r"in\s+([A-Z][\w'-]*(?:[ \t-]+(?:(?:el|al|de|la|di|du|es|am)[ \t-]+)?[A-Z][\w'-]*)*)")


def _place_key(name: str) -> str:
    """A place's name as the place rule compares it: "Sharm el-Sheikh" is the record's "Sharm El Sheikh"."""
    return re.sub(r"[\s-]+", " ", _name_key(name))


def _days(event: model.Event) -> str:
    return f"{event.date.display()} to {event.until.display()}" if event.until else event.date.display()


def _check_members(record: model.Record, ctx: Context) -> None:
    """A chair is a member in its term, and a meeting's host or chair a member at its date, as far as the
    record's statements tell: a state no statement names is an error. One that only an undated statement
    names, or that the sources differ on, is not (``notices`` says it)."""
    dated = history.lists(record)
    as_at = functools.cache(lambda end: history.members_as_at(record, end, dated))  # many claims share a date
    for claim in _claims(record):
        if history.standing(record, claim.key, claim.date, as_at) == history.ABSENT:
            ctx.problem(at(claim.item, claim.label, claim.field_name),
                        f"the record does not name '{_named(claim.key)}' a member of the process by "
                        f"{claim.date.display()}, {claim.when}",
                        hint=f"add the membership statement with its source (memberships.yml), or check {claim.check}")


def _check_history(record: model.Record, ctx: Context) -> None:
    """The history agrees with itself: its dates fall in the process's life, a meeting ends after it begins,
    and two states' terms do not overlap.

    The process's life runs from the date of the instrument marked ``subject`` to the record's as-at date
    (``history.as_at``: no source was read later, so no fact can be dated later). A milestone (an event with
    no ``kind``: a framework adopted, a summit) may come before the process; a meeting, a membership, a term
    or a document of the record may not."""
    # A statement is about one state or organisation: of the record's or another (an attack named both, and
    # Egypt's page listed the United Kingdom's term as Egypt's; a seat could name a state and an organisation).
    holders = {"state": "a state of the record", "other_state": "another state",
               "organisation": "an organisation of the record"}
    for name, label in (("memberships", "membership"), ("chairs", "chairmanship"), ("committee", "seat")):
        for item in record.collection(name).values():
            named = [key for key in holders if getattr(item, key, None)]
            if len(named) > 1:
                ctx.problem(at(item, f"{label} '{item.id}'", named[-1]),
                            "it names " + " and ".join(f"{holders[key]} ('{getattr(item, key)}')" for key in named),
                            hint="keep the one the source names")
    process = record.the_process()
    began = process.date if process is not None else None
    # A source read on a day still to come would move the as-at date, and with it the bound below, into the
    # future (an attack dated a source's reading 2099 and a meeting 2098: both were published).
    # "Today" is the latest day it is anywhere on Earth (UTC+14, the earliest time zone), so that the same record is
    # valid in every time zone (an attack's TZ=Etc/GMT+12 refused the real record, read "today" in UTC+1).
    today = history.latest_day_anywhere()
    for source in record.sources.values():
        if source.accessed is None:
            continue
        if source.accessed.day is None:  # "2026" would let the record reach to the end of that year
            ctx.problem(at(source, f"source '{source.id}'", "accessed"),
                        f"{source.accessed.display()} gives no day; the day a source was read bounds every date "
                        "of the record", hint="give the day it was read, as 2026-12-05")
        elif history.first_day(source.accessed) > (today.year, today.month, today.day):
            ctx.problem(at(source, f"source '{source.id}'", "accessed"),
                        f"{source.accessed.display()} is after today ({today.day} {today:%B %Y} is the latest day "
                        "it is anywhere): a source cannot have been read on a day still to come",
                        hint="give the day it was read")
    last = history.as_at(record)

    def outside(item: Any, label: str, field_name: str, date: model.PartialDate | None,
                early: bool = True) -> bool:
        if date is None:
            return False
        if early and began is not None and date.sort_key() < began.sort_key():
            ctx.problem(at(item, label, field_name), f"{date.display()} is before the process began "
                        f"({began.display()}, instrument '{process.id}')",  # type: ignore[union-attr]
                        hint="check the date against the source")
            return True
        if last is not None and date.sort_key() > history.last_day(last):
            ctx.problem(at(item, label, field_name), f"{date.display()} is after the record's as-at date "
                        f"({last.display()}, the latest day one of its sources was read)",
                        hint="check the date against the source, or give the source that states it with the day "
                             "it was read (accessed)")
            return True
        return False

    for event in record.events.values():
        label = f"event '{event.id}'"
        outside(event, label, "date", event.date, early=event.kind is not None)
        outside(event, label, "until", event.until, early=False)
        if event.until is not None and event.until.sort_key() <= event.date.sort_key():
            ctx.problem(at(event, label, "until"), f"the last day ({event.until.display()}) is not after the "
                        f"first ({event.date.display()})", hint="leave 'until' out for a meeting of one day")
    for instrument in record.instruments.values():  # a framework may come before the process, not after the record
        outside(instrument, f"instrument '{instrument.id}'", "date", instrument.date, early=False)
    for membership in record.collection("memberships").values():
        outside(membership, f"membership '{membership.id}'", "date", membership.date)
        outside(membership, f"membership '{membership.id}'", "not_before", membership.not_before, early=False)
    # The other dates a page or the feed shows are bounded too (an eleventh attack published a withdrawal of 2099,
    # a term until 2099 and a source dated 2099); a source is not read before it was written.
    for source in record.sources.values():
        label = f"source '{source.id}'"
        for field_name in ("date", "not_before"):
            written = getattr(source, field_name, None)
            if outside(source, label, field_name, written, early=False):
                continue
            if written is not None and source.accessed is not None \
                    and history.first_day(written) > history.last_day(source.accessed):
                ctx.problem(at(source, label, field_name), f"{written.display()} is after the day the source was "
                            f"read ({source.accessed.display()})", hint="check both dates against the source")
    everything = [item for name in record._collections for item in record.collection(name).values()]
    for item in {id(item): item for item in [*everything, *record.withdrawn.values()]}.values():
        withdrawn = getattr(item, "withdrawn", None)
        if withdrawn is None or last is None or withdrawn.date.sort_key() <= history.last_day(last):
            continue
        origin: model.Origin = item.origin
        ctx.problem(Where(origin.file, Pos(*origin.line_of("withdrawn")), f"'{item.id}'", "withdrawn.date"),
                    f"{withdrawn.date.display()} is after the record's as-at date ({last.display()}, the latest "
                    "day one of its sources was read)", hint="give the day it was taken out of the record")
    for document in record.documents.values():
        outside(document, f"document '{document.id}'", "date", document.date)
    terms = list(record.collection("chairs").values())
    for term in terms:
        label = f"chairmanship '{term.id}'"
        outside(term, label, "since", term.since)
        outside(term, label, "period", term.period)
        outside(term, label, "until", term.until, early=False)
    bounded = [(term, start, end) for term in terms if history.of_term(term) is not None
               for start, end in [history.term_bounds(record, term)] if start is not None and end is not None]
    _check_held_days(record, terms, bounded, ctx)
    # The terms in the order they begin: a term is compared only with those that begin before it ends (every pair
    # was compared: 4,000 terms took 98 s), and the check stops at MAX_PER_FILE overlaps, as many as are shown.
    order = sorted(range(len(bounded)), key=lambda k: bounded[k][1].sort_key())
    found = 0
    for place, first in enumerate(order):
        first_end = bounded[first][2].sort_key()
        for second in order[place + 1:]:
            if bounded[second][1].sort_key() >= first_end:
                break
            (term, start, end), (other, other_start, other_end) = (bounded[min(first, second)],
                                                                   bounded[max(first, second)])
            if history.of_term(term) == history.of_term(other):
                continue
            # an overlap every reading of the dates makes: "April 2024" may be the 17th, the day the other ends, so a
            # term "since April 2024" does not overlap one "until 17 April 2024" (an attack's BD11)
            if history.last_day(start) < history.first_day(other_end) \
                    and history.last_day(other_start) < history.first_day(end):
                ctx.problem(at(other, f"chairmanship '{other.id}'", "state" if other.state else "other_state"), (
                    f"this term ({other_start.display()} to {other_end.display()}) overlaps the term of "
                    f"'{term.state or term.other_state}' in chairmanship '{term.id}' ({start.display()} to "
                    f"{end.display()})"), hint="check the dates of both terms against their sources")
                found += 1
                if found >= MAX_PER_FILE:
                    return


def _check_held_days(record: model.Record, terms: list[model.Chairmanship],
                     bounded: list[tuple[model.Chairmanship, model.PartialDate, model.PartialDate]],
                     ctx: Context) -> None:
    """A term given by one bound, or by the meeting at which its source shows the state in the chair, was held on
    that day: no other state's term holds that day whichever way its dates are read. A term so given was compared
    with none, and a slip of one digit (until 17 July 2024 for 17 April) had two chairs at once (an attack's BG4).
    A state the source names as incoming or outgoing at a meeting is not in the chair there."""
    whole = {id(term) for term, _start, _end in bounded}
    for term in terms:
        key = history.of_term(term)
        if key is None or id(term) in whole:
            continue
        start, end = history.term_bounds(record, term)
        days = [(day, day, field_name) for day, field_name in (
            (start, "began_at" if term.began_at else "since"), (end, "ended_at" if term.ended_at else "until"))
            if day is not None]
        meeting = record.events.get(term.at_meeting or "")
        if meeting is not None and term.called not in ("incoming", "outgoing"):
            days.append((meeting.date, meeting.until or meeting.date, "at_meeting"))
        clash = next(((first, field_name, other, other_start, other_end) for first, last, field_name in days
                      for other, other_start, other_end in bounded if history.of_term(other) != key
                      and history.last_day(other_start) < history.first_day(first)
                      and history.last_day(last) < history.first_day(other_end)), None)
        if clash is not None:
            first, field_name, other, other_start, other_end = clash
            ctx.problem(at(term, f"chairmanship '{term.id}'", field_name),
                        f"{first.display()}, a day of this term, falls within the term of "
                        f"'{other.state or other.other_state}' in chairmanship '{other.id}' ({other_start.display()} "
                        f"to {other_end.display()})", hint="check the dates of both terms against their sources; a "
                        "state named at a meeting as the incoming or outgoing chair is given with called")


def notices(record: model.Record) -> list[Problem]:
    """What ``check`` says of a valid record without failing: what the record can neither confirm nor
    contradict, and where its sources differ. The pages show the same (a state's page, the year pages)."""
    found: list[Problem] = []

    def notice(where: Where, detail: str, hint: str) -> None:
        found.append(Problem(where.file, where.pos.line, where.pos.column, where.entry, where.path, detail=detail,
                             hint=hint))

    for claim in _claims(record):
        standing = history.standing(record, claim.key, claim.date)
        name = _named(claim.key)
        if standing == history.UNDATED:
            notice(at(claim.item, claim.label, claim.field_name),
                   f"only an undated statement names '{name}' a member, so the record can neither confirm nor "
                   f"contradict that it was one by {claim.date.display()}, {claim.when}",
                   "not an error; the pages say it is not confirmed by a dated source: add one to "
                   "memberships.yml if a source dates it")
        elif standing == history.UNPLACED:
            notice(at(claim.item, claim.label, claim.field_name),
                   f"only a statement dated too loosely to place beside the latest list names '{name}' a member, so "
                   f"the record can neither confirm nor contradict that it was one by {claim.date.display()}, "
                   f"{claim.when}", "not an error; the pages say it is not confirmed: give the statement's date as "
                   "precisely as its source does")
        elif standing == history.DIFFERING:
            notice(at(claim.item, claim.label, claim.field_name),
                   f"the sources differ on whether '{name}' was a member by {claim.date.display()}, {claim.when}: "
                   "an earlier statement names it and the latest list by then does not",
                   "not an error; the pages show both statements with their sources")
    last = history.last_dated(record)
    if last is not None:
        found_then = history.members_as_at(record, history.last_day(last))
        latest = found_then.latest
        for membership in (m for m in [*found_then.earlier_only, *found_then.same_day] if m.how != "invited"):
            # (an invitation is no claim)
            said = (f"the latest list of the record ({history.describe_list(record, latest)}) does not name it"
                    if latest is not None else "a later statement does not bear it out")
            notice(at(membership, f"membership '{membership.id}'", "how"),
                   f"the sources differ: this statement names '{membership.name}' a member, and {said}",
                   "not an error; the pages show both side by side, with no reason added")
    return sorted(found)


def _check_amends(record: model.Record, ctx: Context) -> None:
    """A paragraph amends only ids that were its own: each of ``amends`` is one of its ``former_ids``."""
    for paragraph in record.paragraphs():
        for ident in paragraph.amends:
            if ident not in paragraph.former_ids:
                ctx.problem(at(paragraph, f"paragraph '{paragraph.id}'", "amends"),
                            f"'{ident}' is not one of this paragraph's former_ids",
                            hint="add it to former_ids, or remove it from amends")


def _check_one_each(record: model.Record, ctx: Context) -> None:
    """One process is the record's subject, one source supplies each part of the presentation, and no two
    sources share a title."""
    subjects = [i for i in record.instruments.values() if i.subject]
    for extra in subjects[1:]:
        ctx.problem(at(extra, f"instrument '{extra.id}'", "subject"),
                    f"instrument '{subjects[0].id}' is already the record's subject; only one can be",
                    hint="remove 'subject: true' from one of them")
    for seat in record.collection("committee").values():
        if seat.state is not None and seat.organisation is not None:
            ctx.problem(at(seat, f"seat '{seat.id}'", "organisation"),
                        "a seat names a state or an organisation, not both", hint="keep the one the source names")
    titled: dict[str, model.Source] = {}
    for source in record.sources.values():
        # a citation shows the title only: two sources of one title would read as one on every page; compared as a
        # reader sees them (a twentieth attack's twins: "Café" composed and decomposed, two spaces, a no-break space)
        same = titled.setdefault(look_alike_key(escape.one_line(source.title)), source)
        if same is not source:
            ctx.problem(at(source, f"source '{source.id}'", "title"),
                        f"source '{same.id}' has the same title; a reader tells sources apart by their titles",
                        hint="add what tells them apart to one title (a date, a page, an item)")
    # Two sources at one address are two readings of it only where a date tells them apart (the listing of a news page
    # as stored in 2021 and in 2023): else a reader sees one page as two sources, each cited for half of what it says
    # (an attack's BL12 copied a source under another title)
    read: dict[tuple[Any, ...], model.Source] = {}
    for source in record.sources.values():
        if not source.url:
            continue
        key = (*_one_address(source.url), source.date, source.day_without_year, source.not_before, source.accessed,
               source.file)
        same = read.setdefault(key, source)
        if same is not source:
            ctx.problem(at(source, f"source '{source.id}'", "url"),
                        f"source '{same.id}' ({same.origin.file}:{same.origin.line}) has the same url, and no date "
                        "tells the two apart (date, not_before, accessed), nor a text of each (file)",
                        hint=f"cite source '{same.id}' for both, with a locator each; for two copies of a page that "
                             "changes, give the day each was read (accessed) or the earliest day of each")
    first: dict[str, model.Source] = {}
    for source in record.sources.values():
        for what in source.supplies:
            if what in first:
                ctx.problem(at(source, f"source '{source.id}'", "supplies"),
                            f"'{what}' is already supplied by source '{first[what].id}'; one source supplies it",
                            hint=f"remove '{what}' from one of them")
            else:
                first[what] = source


def _check_publishers(record: model.Record, ctx: Context) -> None:
    """A publisher says how the record knows it, so that a page never states as fact a name read from a credit line."""
    for source in record.sources.values():
        label = f"source '{source.id}'"
        if source.publisher and source.publisher_from is None:
            ctx.problem(at(source, label, "publisher"),
                        "a publisher without publisher_from, which says how the record knows it ("
                        + ", ".join(k for k in model.PUBLISHER_FROM if k != "not-stated") + ")",
                        hint="say whether the source states it or it is read from a credit line, a heading or "
                             "the website")
        if source.publisher and source.publisher_from == "not-stated":
            ctx.problem(at(source, label, "publisher_from"),
                        f"publisher_from is not-stated, but publisher gives '{source.publisher}'",
                        hint="leave publisher out for a source that names none, or say how it is known")


def _check_paragraph_topics(record: model.Record, ctx: Context) -> None:
    """A paragraph whose text uses one of a topic's ``terms`` lists that topic: no paragraph is left off a topic's
    page that speaks of it in so many words."""
    global _TERMS_FOUND
    last = _TERMS_FOUND
    topics = [topic for topic in record.topics.values() if topic.terms]  # a topic without terms finds none
    searched_before = {id(topic) for topic in topics if last.topics.get(id(topic)) is topic}
    now = _TermsFound({id(topic): topic for topic in topics})
    for paragraph in record.paragraphs():
        if any(ident not in record.topics for ident in paragraph.topics):
            continue  # an unknown topic id is reported already, and may be the topic the text calls for
        known = last.paragraphs.get(id(paragraph)) is paragraph
        now.paragraphs[id(paragraph)] = paragraph
        for topic in topics:
            key = (id(paragraph), id(topic))
            searched = known and key[1] in searched_before
            found = last.found.get(key, []) if searched else topic.terms_in(paragraph.text)
            if not found:
                continue
            now.found[key] = found
            if topic.id not in paragraph.topics:
                ctx.problem(at(paragraph, f"paragraph '{paragraph.id}'", "topics"),
                            f"the text says “{found[0]}”, a term of topic '{topic.id}', which the paragraph "
                            "does not list",
                            hint=f"add '{topic.id}' to its topics, or narrow the topic's terms (topics.yml)")
    _TERMS_FOUND = now


@dataclass
class _TermsFound:
    """The paragraphs and topics of the last check, by their ids (kept, so that an id stays theirs), and the terms
    each topic found in each paragraph, by the pair of ids, for the pairs that found any: the paragraphs and
    topics are frozen, and the very objects of the files that did not change (``_CHECKED``), so a server's
    rebuild searches again only those of the files that changed. Only what was found is kept: a pair for every
    paragraph and topic held 1.4 GB for 10,000 paragraphs and 1,600 topics (the first build at 100x)."""

    topics: dict[int, model.Topic]
    paragraphs: dict[int, model.Paragraph] = field(default_factory=dict)
    found: dict[tuple[int, int], list[str]] = field(default_factory=dict)


_TERMS_FOUND = _TermsFound({})


# A field that says something of another field of its entry: given without it, it said nothing, and a list that
# groups by the other field stopped the build (a twentieth attack deleted a membership's at_event and kept its
# at_event_from and day_from: check passed, generate ended in a traceback). A chair's began_at_from: _check_terms.
_NEEDS: tuple[tuple[type, str, str, str], ...] = (
    (model.Membership, "at_event_from", "at_event", "it says how at_event is known"),
    (model.Membership, "day_from", "at_event_from", "it gives the day of the record's reading (at_event_from: record)"),
)


def _one_address(url: str) -> tuple[str, str, str, str]:
    """What tells one web address from another as a reader's browser reaches the page: not http or https, "www.", the
    scheme's own port, doubled slashes or an index file's name (a source copied with any of these passed for another
    page: a review's D7-15); the query and the fragment do."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").rstrip(".").removeprefix("www.")  # ("www.iso.org." is the same host: BW9)
    try:
        port = parts.port if parts.port not in (None, 80, 443) else None
    except ValueError:  # (a port that is no number: the url's own check says so)
        port = None
    path = re.sub(r"/+", "/", urllib.parse.unquote(parts.path))  # ("%69so" is "iso": BW9)
    path = re.sub(r"/index\.(?:html?|php)$", "/", path).rstrip("/")
    return (f"{host}:{port}" if port else host, path, parts.query, parts.fragment)


def _check_needs(record: model.Record, ctx: Context) -> None:
    for kind, name, needs, what in _NEEDS:
        collection = next(c for c in model.COLLECTIONS if c.record is kind)
        for item in getattr(record, collection.name).values():
            if getattr(item, name) is not None and getattr(item, needs) is None:
                ctx.problem(at(item, f"{collection.singular} '{item.id}'", name), f"{what}, and {needs} is not given",
                            hint=f"give {needs}, or remove {name}")


RULES: tuple[Rule, ...] = (_check_references, _check_former_ids, _check_one_each, _check_amends, _check_withdrawals,
                           _check_terms, _check_one_chair_a_meeting, _check_roles, _check_written_names,
                           _check_compared, _check_self_and_adoption,
                           _check_perhaps_one_of, _check_before, _check_stand_ins, _check_needs, _check_history,
                           _check_listed_participants, _check_statements, _check_meeting_places, _check_written_years,
                           _check_quotations_name_their_entry, _check_names_are_own, _check_kinds_named,
                           _check_issuers_quoted, _check_terms_after_their_sources,
                           _check_seats, _check_paragraph_mentions, _check_members, _check_publishers,
                           _check_paragraph_topics)
"""The record's cross-field rules, in the order they run; each field's own checks are its declaration."""
