"""What each data file may contain, as the validator checks it and as editors' tools read it.

The rules themselves are the field declarations of ``model.py``; this module gives each collection
its record kind (``KINDS``) and writes the JSON Schema of each kind of data file.
"""

from __future__ import annotations

from typing import Any

from khartoum_site.record import model
from khartoum_site.record.fields import Obj

# collection name → the kind that checks one of its records
KINDS: dict[str, Obj[Any]] = {c.name: Obj(c.record) for c in model.COLLECTIONS}
DATA_FILES = {c.data_file: c for c in model.COLLECTIONS if c.data_file is not None}
_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def file_schemas() -> dict[str, dict[str, Any]]:
    """A JSON Schema per kind of data file, named as in data/schemas/ (``states.schema.json``, …)."""
    found: dict[str, dict[str, Any]] = {
        f"{c.name}.schema.json": {"$schema": _DIALECT, "title": f"data/{name}", "type": "array",
                                  "items": KINDS[c.name].json_schema()}
        for name, c in DATA_FILES.items()
    }
    found["document.schema.json"] = {"$schema": _DIALECT, "title": f"data/{model.DOCUMENTS_DIR}/*.yml",
                                     **KINDS["documents"].json_schema()}
    return found
