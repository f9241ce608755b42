"""The unit tier's rules hold while its tests run: a test here that reaches for a subprocess or a MkDocs
build fails at once, naming the tier it belongs to (tests/conftest.py, ``unit_tier_rules``)."""

from __future__ import annotations

import subprocess
import sys

import mkdocs.plugins  # noqa: F401 (imported, as by any test that builds: the rule covers MkDocs' builds)
import pytest
from helpers import ROOT, DataCopy, TierError, build_site, project


def test_a_unit_test_runs_no_subprocess() -> None:
    with pytest.raises(TierError, match="tests/unit runs no subprocess: move this test to tests/build/"):
        subprocess.run([sys.executable, "--version"], check=True)


def test_a_unit_test_builds_no_site(data_copy: DataCopy) -> None:
    root = project(data_copy)
    with pytest.raises(TierError, match="tests/unit runs no MkDocs build"):
        build_site(root / "mkdocs.yml", root / "site")
    assert not (root / "site").exists()


def test_every_test_module_is_in_a_tier() -> None:
    tiers = sorted(p.name for p in (ROOT / "tests").iterdir() if (p / "__init__.py").is_file())
    assert tiers == ["artefacts", "browser", "build", "unit"]
    assert sorted(p.name for p in (ROOT / "tests").glob("test_*.py")) == [], \
        "put it in tests/unit, artefacts, build or browser"
