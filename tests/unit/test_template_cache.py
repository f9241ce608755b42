"""The compiled-template cache holds code that is loaded and run (Jinja pickles it): a third attack planted it
through a link at the cache's path and through a world-writable folder. Only a real folder of ours, closed to
others, is used."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest

from khartoum_site.record import usersecret
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


@pytest.fixture
def own_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This user's secret in a cache folder of the test's own, outside the project."""
    home = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    usersecret.secret.cache_clear()
    yield home
    usersecret.secret.cache_clear()


@pytest.mark.usefixtures("temp", "own_secret")
def test_what_it_wrote_it_reads_back() -> None:
    cache = pages._bytecode_cache()
    assert cache is not None
    cache.dump_bytecode(_bucket())
    fresh = _bucket()
    fresh.code = None
    cache.load_bytecode(fresh)
    assert fresh.code is not None


@pytest.mark.usefixtures("own_secret")
def test_compiled_code_it_did_not_seal_is_never_run(temp: Path) -> None:
    """A seventh attack checked compiled templates into a repository and pointed TMPDIR at it (a CI habit): the
    files were the user's own, 0600 in a 0700 folder, and their code ran in the build. Only code sealed with this
    user's secret is loaded now, whoever made the file."""
    cache = pages._bytecode_cache()
    assert cache is not None
    planted = _bucket()
    planted.code = compile("import os; os.environ['KHARTOUM_PLANTED'] = 'ran'", "<planted>", "exec")
    name = f"__jinja2_{planted.key}.cache"
    for content in (b"", b"0" * 64 + b"\n"):  # Jinja's own format, bare or under a seal of another secret
        with open(temp / name, "wb") as stream:
            stream.write(content)
            planted.write_bytecode(stream)
        (temp / name).chmod(0o600)
        fresh = _bucket()
        fresh.code = None
        cache.load_bytecode(fresh)
        assert fresh.code is None
    assert "KHARTOUM_PLANTED" not in os.environ


@pytest.mark.usefixtures("temp")
def test_no_cache_when_the_secret_lies_in_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """$XDG_CACHE_HOME pointed into the project (to cache it in CI): whoever writes the project reads the secret,
    so its seal proves nothing and no compiled template is kept or read."""
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / ".cache"))
    usersecret.secret.cache_clear()
    try:
        assert pages._bytecode_cache() is None
        # ... and no key is made there: in docs/ it was published, in data/ every build failed on it (tenth attack)
        assert not (project / ".cache").exists()
    finally:
        usersecret.secret.cache_clear()


def test_no_template_folder_is_made_in_the_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """TMPDIR pointed into the project's docs/: the compiled templates, holding the builder's paths, were
    published with the site (tenth attack). No folder is made inside the project the command runs in."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    monkeypatch.chdir(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(tempfile, "tempdir", str(project / "docs"))
    usersecret.secret.cache_clear()
    try:
        assert pages._bytecode_cache() is None
        assert list((project / "docs").iterdir()) == []
    finally:
        usersecret.secret.cache_clear()


def test_a_key_file_shipped_with_planted_files_seals_nothing_here(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """An eighth attack shipped a key file with compiled templates sealed with its bytes, and ran the command from
    outside the project (so the key did not lie in the working folder). The key is bound to the file holding it on
    this machine: the same bytes in a file that arrived later give other seals."""
    body = b"compiled template"
    made = tmp_path / "made"
    monkeypatch.setenv("XDG_CACHE_HOME", str(made))
    usersecret.secret.cache_clear()
    try:
        here = usersecret.seal(body)
        assert here is not None
        assert usersecret.sealed_by_us(here, body)
        shipped = tmp_path / "shipped" / "khartoum-site"
        shipped.mkdir(parents=True, mode=0o700)
        shutil.copy2(usersecret.secret_path(), shipped / "store.key")  # the same 32 bytes, a new file
        (shipped / "store.key").chmod(0o600)
        monkeypatch.setenv("XDG_CACHE_HOME", str(shipped.parent))
        usersecret.secret.cache_clear()
        assert usersecret.secret() is not None
        assert not usersecret.sealed_by_us(here, body)
    finally:
        usersecret.secret.cache_clear()


def test_nothing_of_the_tool_s_is_made_in_a_project_the_command_runs_outside(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """An eleventh attack built with ``-f P/mkdocs.yml`` from another folder, XDG_CACHE_HOME and TMPDIR in P/docs:
    the key (mode 0644) and 45 compiled templates were published. Neither is made in any folder under a
    mkdocs.yml, wherever the command runs."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / "docs"))
    monkeypatch.setattr(tempfile, "tempdir", str(project / "docs"))
    usersecret.secret.cache_clear()
    try:
        assert usersecret.secret() is None
        assert pages._bytecode_cache() is None
        assert list((project / "docs").iterdir()) == []
    finally:
        usersecret.secret.cache_clear()


@pytest.mark.parametrize("name", ["properdocs.yml", "site-settings.yml"])
def test_a_project_is_known_by_the_configuration_it_was_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               name: str) -> None:
    """A twelfth attack named the configuration properdocs.yml (and any name goes with -f): the key was published.
    A folder holding a configuration file of another engine, or the one a command was given, is a project too."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / name).write_text("site_name: x\n", encoding="utf-8")
    monkeypatch.setattr(usersecret, "_PROJECTS", set())
    if name == "site-settings.yml":
        assert not usersecret.in_a_project(project / "docs")
        usersecret.guard(project)  # as the command does with the folder of the file it was given
    assert usersecret.in_a_project(project / "docs")
