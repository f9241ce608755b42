"""The corpus of bad data through the MkDocs build: the same exact messages as `khartoum-site check`
(tests/unit/test_bad_input.py), logged once by MkDocs without a traceback, and no site written.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import CORPUS, FILE_CORPUS, DataCopy, expected_messages, project
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort


@pytest.mark.parametrize(("file", "old", "new", "count", "messages"), CORPUS)
def test_build_rejects_with_the_same_message(data_copy: DataCopy, caplog: pytest.LogCaptureFixture, file: str,
                                             old: str, new: str, count: int, messages: list[str]) -> None:
    root = project(data_copy)
    line = data_copy.replace(file, old, new)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
    with pytest.raises(Abort):
        build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1  # one error: the whole report, logged by MkDocs without a traceback
    text = errors[0]
    assert text.startswith(f"The data has {count} problem{'s' if count > 1 else ''}; nothing was built:\n")
    for message in expected_messages(data_copy, line, messages):
        assert f"  {message}\n" in text + "\n"
    assert not (root / "site").exists(), "nothing is written when the data is bad"


@pytest.mark.parametrize("setup", FILE_CORPUS)
def test_build_rejects_odd_files_before_touching_the_site(data_copy: DataCopy, caplog: pytest.LogCaptureFixture,
                                                          setup: Callable[[DataCopy], list[str]]) -> None:
    root = project(data_copy)
    expected = setup(data_copy)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"), strict=True)
    with pytest.raises(Abort):
        build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1
    assert "Traceback" not in errors[0]
    assert [row.strip() for row in errors[0].splitlines()[1:]] == expected
    assert not (root / "site").exists()
