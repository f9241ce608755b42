"""The committed manifest of every published URL and anchor (``data/published.json``).

Each build checks that every URL in it is still served: by the record's own page or anchor, or by a
redirect or a kept anchor from a former id. An id that vanished without a redirect, that now names
something of another kind, or a paragraph's id that now stands on the words published under another id fails the
build with a message saying how to fix it. The manifest only grows: ``khartoum-site manifest`` adds the ids of the
current data and keeps every earlier one.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from khartoum_site.escape import unseen
from khartoum_site.record import files, model
from khartoum_site.record.problems import DataError, Problem
from khartoum_site.record.validate import shown
from khartoum_site.site.references import Linkable, aliases, entries, former_anchor, former_heading, former_page, moved

MANIFEST_FILE = "published.json"


def entry_urls(entry: Linkable) -> list[str]:
    return [entry.page.url()] + ([entry.anchor.url()] if entry.anchor else [])


def served_urls(known: dict[str, Linkable], alias: dict[str, str]) -> set[str]:
    """Every URL and anchor the site answers, directly or through a former id."""
    served = {url for entry in known.values() for url in entry_urls(entry)}
    served.update(page.url() for page in moved(known).values())  # a page that became an anchor redirects
    # a record withdrawn from a list it was a heading on keeps that anchor there (_withdrawn_on_list.md.j2)
    served.update(heading.url() for key, entry in known.items()
                  if entry.withdrawn and (heading := former_heading(key)) is not None)
    for old_key, new_key in alias.items():  # the old page redirects; the old anchor is kept on the full text, the
        served.add(former_page(old_key).url())  # timeline, or beside the heading of a record on its list
        if (anchor := former_anchor(old_key)) is not None:
            served.add(anchor.url())
        if known[new_key].page.anchor is not None and (heading := former_heading(old_key)) is not None:
            served.add(heading.url())
    return served


def paragraphs_by_key(record: model.Record) -> dict[str, model.Paragraph]:
    """Every paragraph by key, the withdrawn ones included (their words were published too)."""
    withdrawn = {k: p for k, p in record.withdrawn.items() if isinstance(p, model.Paragraph)}
    return {**withdrawn, **{p.key: p for p in record.paragraphs()}}


def manifest_for(record: model.Record, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The manifest of the current record, keeping every key published before; a paragraph's entry keeps the
    fingerprint of the text first published under its key (filled in once for keys published before
    fingerprints were kept), so that a former id can never quietly lead to another text."""
    keys: dict[str, Any] = {key: dict(info) for key, info in (previous or {}).get("ids", {}).items()}
    texts = paragraphs_by_key(record)
    known = entries(record)
    shifted = moved(known)
    for key, entry in known.items():
        keys.setdefault(key, {"kind": entry.kind, "urls": entry_urls(entry)})
        if key in shifted:  # its page became an anchor elsewhere: the old URL stays listed, the new one is added
            listed = keys[key]["urls"]
            keys[key]["urls"] = [*listed, *(url for url in entry_urls(entry) if url not in listed)]
        if key in texts and "text" not in keys[key]:
            keys[key]["text"] = texts[key].fingerprint
    return {
        "about": "Every id, URL and anchor this site has published. Checked on each build; never edit by hand. "
                 "Update with `khartoum-site manifest` after adding records.",
        "ids": dict(sorted(keys.items())),
    }


MISSING = ("the manifest of published URLs is missing, so no build can tell whether a published link would break; "
           "restore it from version control, or on a new site create it with `khartoum-site manifest`")


def read(path: Path, shown_as: str, root: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The manifest, or the problems that make it unusable (a guard that cannot be read fails closed)."""
    if not path.exists() and not path.is_symlink():
        return None, [Problem(shown_as, 1, 1, detail=MISSING)]
    text, problems = files.read_text(path, shown_as, root)
    if text is None:
        return None, problems
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite, object_pairs_hook=_once_each)
    except json.JSONDecodeError as exc:
        return None, [Problem(shown_as, exc.lineno, exc.colno, detail=f"not valid JSON: {exc.msg}")]
    except _Twice as exc:
        # JSON readers differ on which of the two they keep (a bad merge of two branches makes this).
        return None, [Problem(shown_as, _key_lines(text).get(json.dumps(exc.key), 1), 1,
                              detail=f"the key {json.dumps(exc.key, ensure_ascii=False)[:80]} is written twice",
                              hint="keep one of them, or restore the file from version control and run "
                                   "`khartoum-site manifest`")]
    except (RecursionError, ValueError) as exc:
        # Nesting deeper than the parser goes, a number of thousands of digits, NaN or Infinity: never written
        # by `manifest`, so the file was edited by hand or broken by a merge.
        reason = ("is nested too deeply to read" if isinstance(exc, RecursionError)
                  else "holds a value JSON cannot carry")
        return None, [Problem(shown_as, 1, 1, detail=f"not a manifest this tool wrote: it {reason}",
                              hint="restore it from version control, or run `khartoum-site manifest`")]
    try:  # a lone surrogate ("\ud800") is valid JSON syntax, but no file can be written with it
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return None, [Problem(shown_as, 1, 1, detail="not a manifest this tool wrote: it holds a value JSON cannot "
                              "carry", hint="restore it from version control, or run `khartoum-site manifest`")]
    if not isinstance(value, dict) or not isinstance(value.get("ids"), dict):
        return None, [Problem(shown_as, 1, 1, detail="expected a JSON object with an 'ids' object")]
    lines = _key_lines(text)
    for key, info in value["ids"].items():
        collection, _, ident = key.partition("/")
        # every id this tool writes is "<collection>/<id>", in characters a terminal and a diff show as they are
        if not (collection and ident) or unseen(key) is not None:
            problems.append(Problem(
                shown_as, lines.get(json.dumps(key), 1), 1, entry=f"published id {json.dumps(key)[:80]}",
                expected="an id written as collection/id, such as \"states/austria\"", found=json.dumps(key)[:80],
                hint="the file was edited by hand: restore it from version control"))
            continue
        if not (isinstance(info, dict) and isinstance(info.get("kind"), str) and isinstance(info.get("urls"), list)
                and all(isinstance(url, str) for url in info["urls"])):
            problems.append(Problem(
                shown_as, lines.get(json.dumps(key), 1), 1, entry=f"published id '{key}'",
                expected='{"kind": "…", "urls": ["…"]}', found=json.dumps(info, ensure_ascii=False)[:80],
                hint="the file was edited by hand: restore it from version control"))
    return (None if problems else value), problems


class _Twice(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _once_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Twice(key)
        found[key] = value
    return found


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity, which `manifest` would write back as Infinity
        raise ValueError(f"{text[:20]} is not a finite number")
    return value


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def _key_lines(text: str) -> dict[str, int]:
    return {line.strip().split(":", 1)[0]: i + 1 for i, line in enumerate(text.splitlines())}


def _a(noun: str) -> str:
    """The noun with its indefinite article: "an organisation", "a state"."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def check_published(record: model.Record, data_dir: Path) -> None:
    """Raise ``DataError`` if a URL published before is no longer served (only a whole record is compared)."""
    path = data_dir / MANIFEST_FILE
    problems = check(record, path, shown(path), data_dir.resolve())
    if problems:
        raise DataError(problems)


_CHECKED: list[tuple[tuple[object, ...], list[Problem]]] = []
"""The last check's answer, by all it was made from: the manifest's text, the entries, the aliases and the
paragraphs (compared as values). A server's rebuild after an edit that leaves them as they were (most edits)
does not read the manifest again."""


def check(record: model.Record, path: Path, shown_as: str, root: Path) -> list[Problem]:
    """Problems with published ids: each vanished, reused or no longer served id, at its manifest line."""
    known = entries(record)
    alias = aliases(record)
    texts = paragraphs_by_key(record)
    text = files.read_text(path, shown_as, root)[0] if path.is_file() and not path.is_symlink() else None
    inputs = (text, shown_as, str(root), known, alias, texts)
    if text is not None and _CHECKED and _CHECKED[0][0] == inputs:
        return list(_CHECKED[0][1])
    problems = _check(path, shown_as, root, known, alias, texts)
    _CHECKED[:] = [(inputs, list(problems))] if text is not None else []
    return problems


def _check(path: Path, shown_as: str, root: Path, known: dict[str, Linkable], alias: dict[str, str],
           texts: dict[str, model.Paragraph]) -> list[Problem]:
    published, problems = read(path, shown_as, root)
    if published is None:
        return problems
    key_lines = _key_lines(files.read_text(path, shown_as, root)[0] or "")
    served = served_urls(known, alias)

    def line_of(key: str) -> int:
        return key_lines.get(json.dumps(key), 1)

    # Which published paragraph had which words: a paragraph whose id is still in the data may carry another
    # text than it was published with (a corrected transcription), but never the text of another published id
    # (its id swapped or moved onto another paragraph's words, an attack's BL14).
    published_under: dict[str, list[str]] = {}
    for key, info in published["ids"].items():
        if info["kind"] == "paragraph" and isinstance(info.get("text"), str):
            published_under.setdefault(info["text"], []).append(key)

    for key, info in published["ids"].items():
        kind = info["kind"]
        now = known.get(alias.get(key, key))
        where = (shown_as, line_of(key), 1, f"published id '{key}'")
        if now is None:
            urls_text = ", ".join(info["urls"])
            problems.append(Problem(*where, detail=(
                f"this {kind} was published ({urls_text}) but is no longer in the data. If it was renamed, add "
                f"'{key.split('/', 1)[1]}' to `former_ids` of the {kind} that replaces it, so its links redirect "
                "there. A published id is never deleted or reused.")))
            continue
        if now.kind != kind:
            problems.append(Problem(*where, detail=(
                f"was published as {_a(kind)} but now names {_a(now.kind)} ('{now.key}'); a published id is never "
                "reused for something else: give the new record a new id.")))
            continue
        published_text = info.get("text")
        if key in alias and isinstance(published_text, str) and now.kind == "paragraph":
            paragraph = texts[now.key]
            former = key.split("/", 1)[1]
            if paragraph.fingerprint != published_text and former not in paragraph.amends:
                line, column = paragraph.origin.line_of("former_ids")
                problems.append(Problem(
                    paragraph.origin.file, line, column, f"paragraph '{paragraph.id}'", "former_ids", detail=(
                        f"'{former}' was published with another text than this paragraph's ({shown_as} line "
                        f"{line_of(key)}): its links would now lead to different words. If this paragraph "
                        f"amends or renumbers '{former}' with new wording, add '{former}' to `amends`; "
                        f"otherwise give '{former}' back its own paragraph, or withdraw it")))
                continue
        if key not in alias and isinstance(published_text, str) and now.kind == "paragraph":
            paragraph = texts[now.key]
            others = [other for other in published_under.get(paragraph.fingerprint, []) if other != key]
            if paragraph.fingerprint != published_text and others:
                problems.append(_words_of_another(paragraph, others[0], shown_as, line_of(others[0])))
                continue
        for url in info["urls"]:
            if url not in served:
                problems.append(Problem(*where, detail=(
                    f"its published URL '{url}' is no longer served; the URL scheme must not change "
                    "(khartoum_site/site/urls.py) without redirects.")))
    return problems


def _words_of_another(paragraph: model.Paragraph, other: str, shown_as: str, other_line: int) -> Problem:
    """A paragraph whose id was published with other words, now holding the words published under ``other``."""
    document, ident = other.split("/", 1)
    named = ident if document == paragraph.document else other  # the full key only for another document's id
    line, column = paragraph.origin.line_of("id")
    return Problem(paragraph.origin.file, line, column, f"paragraph '{paragraph.id}'", "id", detail=(
        f"its text is the one published under '{named}' ({shown_as} line {other_line}), not the one published "
        f"under '{paragraph.id}': every link made to '{paragraph.id}' would now lead to the words of '{named}'"), hint=(
        "put each id back on its own paragraph, or, if a paragraph truly changed id, give it a new id and list "
        "its old one under `former_ids`"))


def write(record: model.Record, path: Path, shown_as: str) -> list[Problem]:
    """Add the current ids to the manifest file (creating it on a new site); a manifest that cannot be
    read is never overwritten: its problems are returned instead."""
    previous: dict[str, Any] | None = None
    if path.exists() or path.is_symlink():
        previous, problems = read(path, shown_as, path.parent.resolve())
        if previous is None:
            return problems
    manifest = manifest_for(record, previous)
    content = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    files.write_atomic(path, content.encode("utf-8"), path.parent)  # whole or not at all; never through a link
    return []


def stale_notice(record: model.Record, data_dir: Path) -> str | None:
    """A line saying which current ids the manifest does not list yet (it is stale), or None."""
    path = data_dir / MANIFEST_FILE
    published, _ = read(path, shown(path), data_dir.resolve())
    if published is None:
        return None
    new = [key for key in entries(record) if key not in published["ids"]]
    if not new:
        return None
    named = ", ".join(new[:5]) + (f" and {len(new) - 5} more" if len(new) > 5 else "")
    return (f"Note: {shown(path)} does not list {len(new)} new id{'s' if len(new) > 1 else ''} yet ({named}); "
            "run `khartoum-site manifest` and commit it, so that their addresses are kept for good.")


def count(path: Path) -> int:
    """How many ids the manifest lists."""
    published, _ = read(path, str(path), path.parent.resolve())
    return len(published["ids"]) if published else 0
