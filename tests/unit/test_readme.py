"""The README's module table is the map a newcomer reads first: it must match the package."""

from __future__ import annotations

import re

from helpers import ROOT


def test_the_module_table_names_every_module_and_no_other() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the code is organised", 1)[1].split("\n## ", 1)[0]
    named = {name for cell in re.findall(r"^\| (`[^|]+`) \|", section, re.MULTILINE)
             for name in re.findall(r"`((?:[a-z]+/)?[a-z_]+\.py)`", cell)}
    package = ROOT / "khartoum_site"
    modules = {p.relative_to(package).as_posix() for p in package.rglob("*.py")
               if p.name not in ("__init__.py", "__main__.py")}
    assert named == modules
