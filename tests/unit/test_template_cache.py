"""The compiled-template cache holds code that is loaded and run (Jinja pickles it): a third attack planted it
through a link at the cache's path and through a world-writable folder. Only a real folder of ours, closed to
others, is used."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from khartoum_site.site import pages


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    return tmp_path / f"khartoum-site-templates-{os.getuid()}"


def test_a_folder_of_its_own_is_made_closed_and_used(temp: Path) -> None:
    cache = pages._bytecode_cache()
    assert cache is not None
    assert temp.is_dir()
    assert temp.stat().st_mode & 0o777 == 0o700


def test_a_link_at_the_cache_s_path_is_never_followed(temp: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o700)
    temp.symlink_to(shared)
    assert pages._bytecode_cache() is None


def test_a_folder_others_may_write_to_is_not_used(temp: Path) -> None:
    temp.mkdir()
    temp.chmod(0o777)
    assert pages._bytecode_cache() is None
