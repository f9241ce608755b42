"""A malformed option of mkdocs.yml, through the command line and MkDocs itself: one line naming the option,
nothing built, no traceback (the checks themselves: tests/unit/test_options.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import DataCopy, mkdocs, project


@pytest.mark.parametrize(("option", "said"), [
    ("      edit_url: https://example.org/{file}#L{line}\n", "option 'edit_url': unknown placeholder {file}"),
    ("      edit_ur1: https://example.org/{path}\n", "option 'edit_ur1': Unrecognised configuration name"),
])
def test_a_malformed_plugin_option_ends_in_one_line_not_a_traceback(data_copy: DataCopy, option: str,
                                                                    said: str) -> None:
    root = project(data_copy)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      data_dir: data\n", "      data_dir: data\n" + option), encoding="utf-8")
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    for engine in ("mkdocs", "zensical"):  # the plugin's check, and the one made for engines without plugins
        built = subprocess.run([sys.executable, "-m", "khartoum_site", "build", "--engine", engine], cwd=root,
                               capture_output=True, text=True, timeout=300, env=env)
        if "is not installed" in built.stderr:
            continue
        assert built.returncode == 1, built.stderr
        assert said in built.stderr, built.stderr
        assert "Traceback" not in built.stderr
        assert not (root / "site").exists()
    direct = mkdocs(root, "build", "--strict")  # MkDocs alone, as an editor may run it (strict, as documented)
    assert direct.returncode == 1, direct.stderr
    assert said in direct.stderr
    assert "Traceback" not in direct.stderr
