"""Adding a collection costs three places (CONTRIBUTING.md): its field declarations, its line in the
collections table, its templates. Here a collection of meetings is added in code, in a fresh interpreter
(every table derived from the collections is made at import), and a page set is built with it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import ROOT, DataCopy

SCRIPT = textwrap.dedent('''
    import dataclasses, json, sys
    from pathlib import Path
    from typing import ClassVar

    import jinja2

    from khartoum_site.record import model
    from khartoum_site.record.fields import Date, Text, declared

    # 1. Its field declarations.
    @dataclasses.dataclass(frozen=True)
    class Meeting(model.Entry):
        singular: ClassVar[str] = "meeting"
        described: ClassVar[str] = "a meeting"
        title: str = declared(Text(), required=True)
        date: model.PartialDate = declared(Date(), required=True)
        place: str | None = declared(Text())
        cites: tuple[model.Cite, ...] = model._cites()

    # 2. Its line in the collections table (in the source, the two views below follow from it).
    line = model.Collection("meetings", Meeting, "meetings.yml", "Meetings", "Meetings")
    model.COLLECTIONS = (*model.COLLECTIONS, line)
    model.COLLECTION["meetings"] = line
    model.COLLECTION_OF[Meeting] = line

    from khartoum_site.outputs import pageset
    from khartoum_site.record.problems import DataError
    from khartoum_site.record.schema import file_schemas
    from khartoum_site.site import pages
    from khartoum_site.site.gate import checked_record

    # 3. Its templates.
    env = pages._environment()
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({
        "meeting.md.j2": "# {{ meeting.title }}\\n\\n"
                         "{{ meeting.date.display() }}, {{ meeting.place or NOT_IN_RECORD }}\\n",
        "meetings_index.md.j2": "# {{ title }}\\n\\n"
                                "{% for m in record.meetings.values() %}- {{ link(m) }}\\n{% endfor %}",
    }), env.loader])

    data = Path(sys.argv[1])
    try:
        record = checked_record(data)
    except DataError as exc:
        print(json.dumps({"problems": [str(p) for p in exc.problems]}))
        sys.exit(0)
    made = pageset.make_page_set(record, data, "Test", None)
    print(json.dumps({
        "pages": {path: page.markdown for path, page in made.pages.items() if path.startswith("meetings/")},
        "files": {path: content.decode("utf-8-sig") for path, content in made.files.items()
                  if "meetings" in path or path.endswith("khartoum-process-record.json")},
        "keys": sorted(k for k in made.entries if k.startswith("meetings/")),
        "schemas": sorted(file_schemas()),
    }))
''')

MEETINGS = """\
- id: sharm-el-sheikh-2015
  title: Steering Committee meeting
  date: 2015-04
  place: Sharm El Sheikh
  cites:
    - source: announcement
      locator: an example for the test
"""


def run(copy: DataCopy, meetings: str) -> dict[str, object]:
    (copy.data / "meetings.yml").write_text(meetings, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(copy.data)], cwd=copy.root, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    return found


def test_a_collection_added_in_three_places_gets_pages_keys_downloads_and_a_schema(tmp_path: Path) -> None:
    made = run(DataCopy(tmp_path), MEETINGS)
    pages = made["pages"]
    assert isinstance(pages, dict)
    assert pages["meetings/sharm-el-sheikh-2015.md"].split("\n---\n", 1)[-1].strip().startswith(
        "# Steering Committee meeting")
    assert "April 2015, Sharm El Sheikh" in pages["meetings/sharm-el-sheikh-2015.md"]
    assert "[Steering Committee meeting](sharm-el-sheikh-2015.md)" in pages["meetings/index.md"]
    assert made["keys"] == ["meetings/sharm-el-sheikh-2015"]
    files = made["files"]
    assert isinstance(files, dict)
    csv = files["downloads/meetings.csv"].splitlines()
    assert csv[0] == "id,former_ids,title,date,place,sources"
    assert csv[1] == "sharm-el-sheikh-2015,,Steering Committee meeting,2015-04,Sharm El Sheikh,announcement"
    record = json.loads(files["downloads/khartoum-process-record.json"])
    assert [m["id"] for m in record["meetings"]] == ["sharm-el-sheikh-2015"]
    schemas = made["schemas"]
    assert isinstance(schemas, list)
    assert "meetings.schema.json" in schemas


def test_the_new_collection_is_checked_like_the_others(tmp_path: Path) -> None:
    made = run(DataCopy(tmp_path), MEETINGS.replace("  date: 2015-04\n", "").replace("source: announcement",
                                                                                         "source: announcment"))
    problems = made["problems"]
    assert isinstance(problems, list)
    assert any(p.startswith("data/meetings.yml:1:3: meeting 'sharm-el-sheikh-2015', field 'date': missing "
                            "required") for p in problems), problems
    assert any("unknown source id 'announcment'" in p and "did you mean 'announcement'" in p
               for p in problems), problems
