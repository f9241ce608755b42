"""The one gate: the record the site can publish, or every problem that stops it.

``check``, ``build``, ``serve`` and ``generate`` all pass here: the data read and checked
(``record/validate.py``, with its rules and the site's rules below), then every address published
before still served (``manifest.check_published``). Nothing the site is built from skips it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from khartoum_site.record import model
from khartoum_site.record.fields import Context
from khartoum_site.record.validate import Rule, at, load_record
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
        for item in getattr(record, collection.name).values():
            label = f"{collection.singular} '{item.id}'"
            if collection.record is model.Event:  # an event is an anchor on the timeline, not a page
                check(item, label, urls.TIMELINE, None)
            else:
                check(item, label, None, f"the page that lists the {collection.name}")
    for document in record.documents.values():
        for paragraph in document.paragraphs:
            check(paragraph, f"paragraph '{paragraph.id}'", urls.record_page("documents", document.id).page,
                  "the document's full text")


SITE_RULES: tuple[Rule, ...] = (reserved_ids,)
"""Rules over the record that come from the site's addresses: an id may not take a page's or an anchor's place."""


def checked_record(data_dir: Path, *, against_manifest: bool = True) -> model.Record:
    """The record under ``data_dir`` checked as the site needs it; raises ``DataError`` with every problem.

    ``against_manifest=False`` only for the command that writes the manifest itself.
    """
    record = load_record(data_dir, SITE_RULES)
    if against_manifest:
        manifest.check_published(record, data_dir)
    return record
