"""The public inventory other sites resolve links with: ``objects.inv`` and ``ids.json`` at the site root.

``objects.inv`` is a Sphinx inventory (version 2), written with sphobjinv, the maintained library for
that format, so intersphinx and mkdocstrings/autorefs users can link ``cairo-2025/op-12`` from their
own sites. Each record is a ``std:doc`` entry for its own page; a paragraph is also a ``std:label``
entry for its anchor in the full text, and an event a ``std:label`` for its anchor on the timeline.
``ids.json`` carries the same keys with title, kind and document, for any other tool.
"""

from __future__ import annotations

from khartoum_site.escape import inventory_text, json_document
from khartoum_site.site.references import Linkable


def objects_inv(entries: dict[str, Linkable], project: str, version: str) -> bytes:
    import sphobjinv as soi  # here: `khartoum-site check` and the tests of the core never pay for it

    inventory = soi.Inventory()
    inventory.project = project
    inventory.version = version
    for entry in entries.values():
        for role, target in _targets(entry):
            inventory.objects.append(soi.DataObjStr(name=entry.key, domain="std", role=role, priority="1",
                                                    uri=target, dispname=inventory_text(entry.title)))
    return bytes(soi.compress(inventory.data_file(contract=True)))


def _targets(entry: Linkable) -> list[tuple[str, str]]:
    if entry.page.anchor is not None:  # an event: its place is an anchor on the timeline
        return [("label", entry.page.url())]
    found = [("doc", entry.page.url())]
    if entry.anchor is not None:
        found.append(("label", entry.anchor.url()))
    return found


def ids_json(entries: dict[str, Linkable], aliases: dict[str, str], site_name: str, site_url: str | None) -> str:
    """id → URL, anchor, title, kind and document (and the date it was withdrawn, for an entry taken out of the
    record, whose address still answers); URLs are relative to the site root (``site_url``)."""
    document = {
        "site": site_name,
        "site_url": site_url or None,
        "note": "URLs are relative to site_url. 'anchor' is a paragraph's place in its document's full text.",
        "ids": {
            key: {"url": e.page.url(), "anchor": e.anchor.url() if e.anchor else None, "title": e.title,
                  "kind": e.kind, "document": e.document, **({"withdrawn": e.withdrawn} if e.withdrawn else {})}
            for key, e in entries.items()
        },
        "former_ids": dict(sorted(aliases.items())),
    }
    return json_document(document, indent=1) + "\n"
