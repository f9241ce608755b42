"""The public inventory other sites resolve links with: ``objects.inv`` and ``ids.json`` at the site root.

``objects.inv`` is a Sphinx inventory (version 2), written with sphobjinv, the maintained library for
that format, so intersphinx and mkdocstrings/autorefs users can link ``cairo-2025/op-12`` from their
own sites. Each record is a ``std:doc`` entry for its own page; a paragraph is also a ``std:label``
entry for its anchor in the full text, and an event a ``std:label`` for its anchor on the timeline. A
membership statement, a heading on its state's page, is a ``std:doc`` and a ``std:label`` entry for that heading.
``ids.json`` carries the same keys with title, kind and document, for any other tool.

A former id (``former_ids`` in the data) is in both under its old key, with the current record's
addresses and title: a link another site made before the rename resolves to where the record is now,
not only through the old page's redirect, which intersphinx and autorefs never see.
"""

from __future__ import annotations

from khartoum_site.escape import inventory_text, json_document
from khartoum_site.site.references import Linkable


def resolvable(entries: dict[str, Linkable], aliases: dict[str, str]) -> dict[str, Linkable]:
    """Every key a link may name, the current ones first and then each former one, in the order of its
    key, with the record it now leads to."""
    return {**entries, **{old: entries[new] for old, new in sorted(aliases.items())}}


def objects_inv(entries: dict[str, Linkable], aliases: dict[str, str], project: str, version: str) -> bytes:
    import sphobjinv as soi  # here: `khartoum-site check` and the tests of the core never pay for it

    inventory = soi.Inventory()
    # The header's "# Project: " and "# Version: " lines: a line break in the site's name would forge the next.
    inventory.project = inventory_text(project)
    inventory.version = inventory_text(version)
    for key, entry in resolvable(entries, aliases).items():
        for role, target in _targets(entry):
            inventory.objects.append(soi.DataObjStr(name=key, domain="std", role=role, priority="1",
                                                    uri=target, dispname=inventory_text(entry.title)))
    return bytes(soi.compress(inventory.data_file(contract=True)))


def _targets(entry: Linkable) -> list[tuple[str, str]]:
    if entry.page.anchor is not None:
        # A membership statement: a heading on its state's page, which had a page of its own before. Both roles
        # lead there, so a link made with either (``:doc:`` when it had a page) still resolves.
        return [("doc", entry.page.url()), ("label", entry.page.url())]
    found = [("doc", entry.page.url())]
    if entry.anchor is not None:
        found.append(("label", entry.anchor.url()))
    return found


def ids_json(entries: dict[str, Linkable], aliases: dict[str, str], site_name: str, site_url: str | None) -> str:
    """id → URL, anchor, title, kind and document (and the date it was withdrawn, for an entry taken out of the
    record, whose address still answers; and for a former id, the id it became, under ``current``); URLs are
    relative to the site root (``site_url``)."""
    document = {
        "site": site_name,
        "site_url": site_url or None,
        "note": "URLs are relative to site_url. 'anchor' is a paragraph's place in its document's full text. "
                "A former id leads to the record it became, named under 'current'.",
        "ids": {
            key: {"url": e.page.url(), "anchor": e.anchor.url() if e.anchor else None, "title": e.title,
                  "kind": e.kind, "document": e.document, **({"withdrawn": e.withdrawn} if e.withdrawn else {}),
                  **({"current": e.key} if e.key != key else {})}
            for key, e in resolvable(entries, aliases).items()
        },
        "former_ids": dict(sorted(aliases.items())),
    }
    return json_document(document) + "\n"
