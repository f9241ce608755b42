"""The compiled-template cache holds code that is loaded and run (Jinja pickles it): a third attack planted it
through a link at the cache's path and through a world-writable folder. Only a real folder of ours, closed to
others, is used."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import jinja2
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


def _bucket(environment_key: str = "k") -> jinja2.bccache.Bucket:
    bucket = jinja2.bccache.Bucket(jinja2.Environment(), environment_key, "checksum")
    bucket.code = compile("x = 1", "<t>", "exec")
    return bucket


def test_a_folder_removed_meanwhile_only_means_compiling_again(temp: Path) -> None:
    """A temporary-file cleaner removed the folder during a run: the build ended in a traceback (an attack)."""
    cache = pages._bytecode_cache()
    assert cache is not None
    shutil.rmtree(temp)
    cache.dump_bytecode(_bucket())
    fresh = _bucket()
    fresh.code = None
    cache.load_bytecode(fresh)
    assert fresh.code is None


def test_a_folder_swapped_for_a_link_after_the_check_is_never_read(temp: Path, tmp_path: Path) -> None:
    """Files are read relative to the folder opened and checked, not by its path (an attack swapped it)."""
    cache = pages._bytecode_cache()
    assert cache is not None
    planted = tmp_path / "planted"
    planted.mkdir(mode=0o700)
    other = pages._FolderCache(os.open(planted, os.O_RDONLY))
    other.dump_bytecode(_bucket())  # a compiled template where the attacker wants it read
    temp.rename(tmp_path / "moved-away")
    temp.symlink_to(planted)
    found = _bucket()
    found.code = None
    cache.load_bytecode(found)
    assert found.code is None


@pytest.mark.usefixtures("temp")
def test_written_and_read_back() -> None:
    cache = pages._bytecode_cache()
    assert cache is not None
    cache.dump_bytecode(_bucket())
    found = _bucket()
    found.code = None
    cache.load_bytecode(found)
    assert found.code is not None
