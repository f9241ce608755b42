"""The one gate: the record the site can publish, or every problem that stops it.

``check``, ``build``, ``serve`` and ``generate`` all pass here: the data read and checked
(``record/validate.py``, with its rules and the site's rules below), every file in the data folder
read or refused (``folder_problems``), then every address published before still served
(``manifest.check_published``). Nothing the site is built from skips it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from slugify import slugify

from khartoum_site.record import files, geodata, model
from khartoum_site.record.fields import Context
from khartoum_site.record.problems import DataError, Problem, did_you_mean
from khartoum_site.record.schema import DATA_FILES, file_schemas
from khartoum_site.record.validate import Rule, at, load_record, not_a_data_folder, shown
from khartoum_site.site import manifest, urls


def reserved_ids(record: model.Record, ctx: Context) -> None:
    """Ids (and former ids) that would take the place of a page or anchor the site makes itself."""
    def check(item: Any, label: str, anchor_on: str | None, what: str | None) -> None:
        for field_name, ident in [("id", item.id), *(("former_ids", f) for f in item.former_ids)]:
            if what is not None and ident in urls.RESERVED_IDS:
                ctx.problem(at(item, label, field_name), f"'{ident}' is reserved: it is the address of {what}; "
                            "choose another id")
            elif anchor_on is not None and urls.reserved_anchor(anchor_on, ident):
                page = "the timeline" if anchor_on == urls.TIMELINE else "the document's full text"
                ctx.problem(at(item, label, field_name), f"'{ident}' is reserved: {page} already has an "
                            "anchor of that name (a heading of the page); choose another id")

    for collection in model.COLLECTIONS:
        # withdrawn entries too: their pages and anchors still answer (a twenty-first attack's withdrawn event
        # "index" took the place of the list of events, "year-2016" a heading of the timeline)
        for item in [*getattr(record, collection.name).values(), *record.withdrawn_in(collection.name)]:
            label = f"{collection.singular} '{item.id}'"
            # An event has a page and an anchor on the timeline.
            check(item, label, urls.TIMELINE if collection.record is model.Event else None,
                  f"the page that lists the {collection.name}")
    for document in [*record.documents.values(), *record.withdrawn_in("documents")]:
        for paragraph in {p.id: p for p in [*document.paragraphs, *record.withdrawn_paragraphs(document.id)]}.values():
            check(paragraph, f"paragraph '{paragraph.id}'", urls.record_page("documents", document.id).page,
                  "the document's full text")


def committee_anchors(record: model.Record, ctx: Context) -> None:
    """The committee page anchors each source's list by the source's id and each seat as ``seat-<id>``: a source
    id of that form took a seat's permanent anchor, and every link to the seat led to the list (a twentieth
    attack; the built site's link check finds any anchor given twice, this names the field)."""
    committee = next(c for c in model.COLLECTIONS if c.name == "committee")
    seats = {urls.on_list_anchor("committee", ident): f"seat '{seat.id}'"
             for seat in [*record.collection("committee").values(), *record.withdrawn_in("committee")]
             for ident in (seat.id, *seat.former_ids)}
    # the page's own headings: its title, and the records taken out of it (a twenty-first attack's source "withdrawn")
    title = committee.title
    taken = {slugify(title): "its title", "withdrawn": "the heading of the records taken out of the record"}
    for source in [*record.sources.values(), *record.withdrawn_in("sources")]:
        for field_name, ident in [("id", source.id), *(("former_ids", f) for f in source.former_ids)]:
            if ident in seats or ident in taken:
                ctx.problem(at(source, f"source '{source.id}'", field_name),
                            f"'{ident}' is the anchor of {seats.get(ident) or taken[ident]} on the Steering Committee "
                            "page, where a source's list is anchored by its id: choose another id")


SITE_RULES: tuple[Rule, ...] = (reserved_ids, committee_anchors)
"""Rules over the record that come from the site's addresses: an id may not take a page's or an anchor's place."""


def folder_problems(data_dir: Path, record: model.Record | None) -> list[Problem]:
    """Every file in the data folder is read, or refused here with what to do: nothing is skipped in silence.

    Editors' own files (lock links, swap files, backups: ``files.editor_artefact``) are ignored, and so is
    what a killed write of the manifest or a schema left (``files.write_leftover``). With no
    record (the data did not load), files that only a source can name are not judged yet.
    """
    known_top = {*DATA_FILES, manifest.MANIFEST_FILE}
    schemas = set(file_schemas())
    named = {os.path.normpath(s.file) for s in record.sources.values() if s.file} if record else None
    geo = {geodata.GEOJSON.as_posix(), (geodata.GEOJSON.parent / "README.md").as_posix()}
    found: list[Problem] = []

    def refuse(path: Path, detail: str, hint: str = "") -> None:
        found.append(Problem(shown(path), 1, 1, detail=detail, hint=hint))

    for path in sorted(data_dir.rglob("*")):
        relative = path.relative_to(data_dir).as_posix()
        if (any(files.editor_artefact(part) for part in path.relative_to(data_dir).parts) or path.is_dir()
                or files.write_leftover(path.name)):
            continue
        folder, name = os.path.split(relative)
        if folder == "":
            if name not in known_top:
                expected = sorted(DATA_FILES)
                hint = did_you_mean(name, expected) if name.endswith((".yml", ".yaml")) else None
                refuse(path, f"unknown data file '{name}'",
                       f"{hint or 'expected one of: ' + ', '.join(expected)} (documents go in {model.DOCUMENTS_DIR}/)")
        elif folder == model.DOCUMENTS_DIR:
            if name.endswith(".yaml"):
                refuse(path, "a document file must end in .yml; this one is not read",
                       f"rename it to {name.removesuffix('.yaml')}.yml")
            elif not name.endswith(".yml"):
                refuse(path, f"unknown file in {model.DOCUMENTS_DIR}/: only documents (*.yml) are read here")
        elif folder == "schemas":
            if name not in schemas:
                refuse(path, "unknown file in schemas/: this folder holds the schemas `khartoum-site schemas` "
                             "writes", "remove it, or run `khartoum-site schemas` to rewrite the folder")
        elif relative in geo:
            continue
        elif named is not None and os.path.normpath(relative) not in named:
            refuse(path, "no source names this file, so nothing reads it",
                   f"give a source `file: {relative}` in sources.yml, or remove the file")
    return found


def checked_record(data_dir: Path, *, against_manifest: bool = True) -> model.Record:
    """The record under ``data_dir`` checked as the site needs it; raises ``DataError`` with every problem.

    ``against_manifest=False`` only for the command that writes the manifest itself.
    """
    if Path(data_dir).is_dir() and (not_data := not_a_data_folder(Path(data_dir))) is not None:
        raise DataError([not_data])  # a folder, but not the data's: one line (what is no folder is said below)
    try:
        record = load_record(data_dir, SITE_RULES)
    except DataError as exc:
        raise exc.with_more(folder_problems(data_dir, None)) from None
    stray = folder_problems(data_dir, record)
    if stray:
        raise DataError(stray)
    if against_manifest:
        manifest.check_published(record, data_dir)
    return record
