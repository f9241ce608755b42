"""Correct edits to the real record pass the editor's own commands: `check`, `manifest`, `build`.

A copy of the real project (data/, docs/, mkdocs.yml) gets the edits an editor makes most: a new
source and an event citing it, a topic renamed with its former id kept, a new topic tagging two
paragraphs, a file reordered, a title changed. Each step runs the command the README gives, and the
published site is read for what the edits should show. The tests of behaviour do not read data/ (they
read tests/fixture/), so these same edits leave them green as well.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REAL_DATA, ROOT, html, section

NEW_SOURCE = """
- id: example-steering-committee-page
  title: Steering Committee
  kind: reference
  publisher: Khartoum Process
  publisher_from: website
  url: https://khartoumprocess.net/activities/steering-committee
  note: The process's own page on its Steering Committee (an example added by a test).
"""
NEW_EVENT = """
- id: steering-committee-example
  date: 2024-04
  title: Steering Committee meeting (an example added by a test)
  place: Cairo
  description: The Steering Committee met.
  cites:
    - source: example-steering-committee-page
      locator: list of meetings
"""
NEW_TOPIC = """
- id: diaspora-example
  name: Diaspora (an example added by a test)
  kind: theme
  cites:
    - source: outcome-report
      quote: "Diaspora Affairs"
"""


def command(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "khartoum_site", *args], cwd=root, capture_output=True, text=True,
                          timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def edit(root: Path) -> tuple[str, str, list[str]]:
    """The edits, applied to the copy's data/; returns the renamed topic's old and new ids and the two
    paragraphs tagged with the new topic."""
    data = root / "data"
    (data / "sources.yml").write_text((data / "sources.yml").read_text(encoding="utf-8") + NEW_SOURCE)
    (data / "events.yml").write_text((data / "events.yml").read_text(encoding="utf-8") + NEW_EVENT)
    topics = (data / "topics.yml").read_text(encoding="utf-8")
    old = re.findall(r"^- id: (\S+)$", topics, re.M)[0]
    new = f"{old}-renamed"
    topics = topics.replace(f"- id: {old}\n", f"- id: {new}\n  former_ids: [{old}]\n", 1) + NEW_TOPIC
    (data / "topics.yml").write_text(topics, encoding="utf-8")
    tagged: list[str] = []
    for path in sorted(data.rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        # every reference to the old id now names the new one (the id line and former_ids keep theirs)
        text = "\n".join(line if re.match(r"^\s*(- )?(id|former_ids):", line)
                         else re.sub(rf"(?<=[\[ ,]){re.escape(old)}(?=[,\]]|$)", new, line)
                         for line in text.split("\n"))
        if path.parent.name == "documents":
            lines = text.split("\n")
            for i, line in enumerate(lines):
                if len(tagged) < 2 and line.startswith("    topics: ["):
                    lines[i] = line.replace("[", "[diaspora-example, ", 1)
                    ident = next(x for x in reversed(lines[:i]) if x.startswith("  - id: ")).split(": ")[1]
                    tagged.append(f"{path.stem}/{ident}")
            text = "\n".join(lines).replace("    title: ", "    title: (edited) ", 1)
        path.write_text(text, encoding="utf-8")
    organisations = (data / "organisations.yml").read_text(encoding="utf-8")
    head, *entries = re.split(r"(?m)^(?=- id: )", organisations)
    entries = [entries[-1].rstrip("\n") + "\n\n", *entries[:-1]]
    (data / "organisations.yml").write_text(head + "".join(entries).rstrip("\n") + "\n", encoding="utf-8")
    return old, new, tagged


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    root = tmp_path_factory.mktemp("edited")
    shutil.copytree(REAL_DATA, root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    old, new, tagged = edit(root)
    return root, old, new, tagged


def test_check_manifest_and_build_pass_after_correct_edits(edited: tuple[Path, str, str, list[str]]) -> None:
    root, old, new, tagged = edited
    assert len(tagged) == 2
    checked = command(root, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("The data is valid:")
    manifest = command(root, "manifest")
    assert manifest.returncode == 0, manifest.stderr
    built = command(root, "build")
    assert built.returncode == 0, built.stderr + built.stdout
    assert re.search(r"Published \d+ HTML pages .* 0 broken\.", built.stdout), built.stdout
    site = root / "site"
    assert "Steering Committee meeting (an example added by a test)" in html(site, "timeline/").get_text()
    topic = section(html(site, "topics/"), "topic-diaspora-example")  # the new topic's heading on the list
    linked = {str(a["href"]).rstrip("/").split("/")[-1] for a in topic.select("a[href]")}
    assert {key.split("/")[1] for key in tagged} <= linked
    redirect = (site / "topics" / old / "index.html").read_text(encoding="utf-8")
    assert f"../#topic-{new}" in redirect
