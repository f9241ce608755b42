"""A synthetic record: the real data/ with its declaration, organisations, instruments, topics and
events copied until it has the number of paragraphs asked for.

Copy ``i`` of a record gets the id ``<id>-x<i>`` and its references point at copy ``i`` of what
they name, so every copy of the declaration names its own events, instruments and topics, as the real
one does. A data file is copied only as often as fits the loader's size limit (``MAX_FILE_BYTES``);
beyond that, references wrap around to the copies that exist. Each copied declaration cites a
generated seed text whose lines are its paragraphs, so every paragraph is still checked verbatim.
"""

from __future__ import annotations

import copy
import math
import shutil
from pathlib import Path
from typing import Any

import yaml

from khartoum_site.record.files import MAX_FILE_BYTES

PARAGRAPH_DOC = "cairo-2025"  # the document whose paragraphs are multiplied
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# States are not copied: a state is a country with its ISO codes and its place on the map, and every
# copy of the declaration names the real 40, as a record of many meetings of the same process would.
COPIED = ("organisations", "instruments", "topics", "events")


def _dump(value: Any, path: Path) -> None:
    text = yaml.dump(value, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def _suffix(i: int) -> str:
    return f"-x{i}" if i else ""


class _Copier:
    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts  # collection -> how many copies (the original included) exist

    def ref(self, collection: str, ident: str, i: int) -> str:
        if collection == "documents" and ident != PARAGRAPH_DOC:
            return ident
        return ident + _suffix(i % self.counts.get(collection, 1))

    def mentions(self, mentions: dict[str, list[str]], i: int) -> dict[str, list[str]]:
        return {name: [self.ref(name, ident, i) for ident in ids] for name, ids in mentions.items()}

    def record(self, item: dict[str, Any], i: int) -> dict[str, Any]:
        new = copy.deepcopy(item)
        new["id"] = item["id"] + _suffix(i)
        new.pop("former_ids", None)  # a former id belongs to one record only
        if i:
            new.pop("subject", None)  # the record is about one process: the original's
            new.pop("terms", None)  # a paragraph that uses a term lists the original topic (below), not each copy
        for key in ("name", "title"):
            if key in new and i:
                new[key] = f"{item[key]} {i}"
        for key in ("mentions", "adopted"):
            if key in new:
                new[key] = self.mentions(item[key], i)
        if "topics" in new:
            # the original topics (their terms are in the copied text) and this copy's
            new["topics"] = list(dict.fromkeys([*item["topics"], *(self.ref("topics", t, i) for t in item["topics"])]))
        for key in ("compare", "perhaps_one_of"):  # events named side by side: each copy names its own copies
            if key in new:
                new[key] = [self.ref("events", ident, i) for ident in item[key]]
        if "adopted_at" in new:
            new["adopted_at"] = self.ref("events", item["adopted_at"], i)
        if "before" in new:  # the meeting a source says it came before: this copy's
            new["before"] = self.ref("events", item["before"], i)
        return new


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def declaration_paragraphs(real: Path) -> int:
    """How many paragraphs the real declaration has: the unit of the record's size."""
    return len(_load(real / "documents" / f"{PARAGRAPH_DOC}.yml")["paragraphs"])


def make_record(real: Path, out: Path, paragraphs: int) -> dict[str, int]:
    """Write a valid record with about ``paragraphs`` paragraphs to ``out``; return what it holds."""
    shutil.copytree(real, out)
    declaration = _load(real / "documents" / f"{PARAGRAPH_DOC}.yml")
    per_doc = len(declaration["paragraphs"])
    doc_copies = max(1, math.ceil(paragraphs / per_doc))
    if doc_copies == 1:
        return {"paragraphs": per_doc, "documents": 1}
    data = {name: _load(real / f"{name}.yml") for name in COPIED}
    counts = {name: max(1, min(doc_copies, int(0.9 * MAX_FILE_BYTES / (real / f"{name}.yml").stat().st_size)))
              for name in COPIED}
    counts["documents"] = doc_copies
    copier = _Copier(counts)
    for name in COPIED:
        originals = data[name]
        data[name] = originals + [copier.record(item, i) for i in range(1, counts[name]) for item in originals]
        _dump(data[name], out / f"{name}.yml")

    sources = _load(real / "sources.yml")
    seeds: dict[str, list[str]] = {}
    total = per_doc
    for i in range(1, doc_copies):
        doc = copier.record(declaration, i)
        keep = min(per_doc, paragraphs - i * per_doc)  # the last copy is cut to give the number asked for
        doc["paragraphs"] = [{**copier.record(c, i), "id": c["id"]} for c in declaration["paragraphs"][:keep]]
        total += keep
        source_id = f"synthetic-x{i}"
        for paragraph in doc["paragraphs"]:
            paragraph["text"] = f"{paragraph['text']} (Synthetic copy {i}.)"
            seeds.setdefault(source_id, []).append(paragraph["text"])
        doc["cites"] = [*doc["cites"], {"source": source_id}]
        _dump(doc, out / "documents" / f"{doc['id']}.yml")
    for source_id, lines in seeds.items():
        (out / "seeds" / f"{source_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        sources.append({"id": source_id, "title": f"Synthetic seed text {source_id}", "kind": "news-report",
                        "file": f"seeds/{source_id}.txt"})
    _dump(sources, out / "sources.yml")
    return {"paragraphs": total, **counts}
