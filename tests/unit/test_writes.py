"""Writes proven against hostile layouts, in-process: a symbolic link planted at each path the tool writes
(the manifest, the schemas and their folder, the build lock and its folder, the leftovers a build sweeps)
changes nothing outside the project, and a write that fails halfway (a full disk) leaves the old file whole,
with the next run repairing it. A process killed at each step: tests/build/test_killed_writes.py."""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import DataCopy

from khartoum_site.adapters import publish
from khartoum_site.adapters.cli import main
from khartoum_site.record import schema as schema_module

SECRET = "someone else's file\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the project (the project is tmp_path/project), with a file nobody may change."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "file").write_text(SECRET, encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DataCopy:
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return DataCopy(root)


def unchanged(outside: Path) -> bool:
    return sorted(p.name for p in outside.iterdir()) == ["file"] and (outside / "file").read_text() == SECRET


def drop_a_published_id(data: Path) -> str:
    """Take one id out of published.json, so that `manifest` has something to write; the id taken."""
    path = data / "published.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    key: str = next(k for k in manifest["ids"] if k.startswith("states/"))
    del manifest["ids"][key]
    path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return key


@pytest.mark.parametrize("target", ["file", "inside"])
def test_a_manifest_that_is_a_link_is_never_written_through(project: DataCopy, outside: Path, target: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    manifest = project.data / "published.json"
    if target == "inside":  # a link to a copy inside the data folder: readable, still never written through
        inside = project.data / "published.json~"  # a name the data folder ignores (an editor's backup)
        manifest.rename(inside)
        manifest.symlink_to(inside.name)
        before = inside.read_bytes()
    else:
        manifest.unlink()
        manifest.symlink_to(outside / "file")
    assert main(["manifest"]) == 1
    err = capsys.readouterr().err
    assert "data/published.json" in err
    assert "was left as it was" in err
    assert manifest.is_symlink()
    assert unchanged(outside)
    if target == "inside":
        assert inside.read_bytes() == before
        assert "symbolic link" in err


@pytest.mark.parametrize("plant", ["folder", "file", "temporary"])
def test_schemas_are_never_written_through_a_link(project: DataCopy, outside: Path, plant: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    schemas = project.data / "schemas"
    name = next(iter(schema_module.file_schemas()))
    if plant == "folder":
        schemas.symlink_to(outside)
    else:
        schemas.mkdir()
        # a leftover temporary file of a killed run, as a link: swept away as a link, never followed
        (schemas / (name if plant == "file" else f".{name}.x1y2z3w4.tmp")).symlink_to(outside / "file")
    status = main(["schemas"])
    err = capsys.readouterr().err
    assert unchanged(outside)
    if plant == "temporary":
        assert status == 0, err
        assert not (schemas / f".{name}.x1y2z3w4.tmp").is_symlink()
        assert json.loads((schemas / name).read_text(encoding="utf-8"))
        return
    assert status == 1
    assert "symbolic link" in err
    assert "The schemas were not all written" in err or "schemas are written only inside" in err


def test_the_data_folder_itself_a_link_out_of_the_project_is_not_written(project: DataCopy, outside: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = outside / "data"
    project.data.rename(elsewhere)
    project.data.symlink_to(elsewhere)
    assert main(["schemas"]) == 1
    assert "outside the project: this command writes only into a data folder inside it" in capsys.readouterr().err
    assert not (elsewhere / "schemas").exists() or not any((elsewhere / "schemas").iterdir())
    # named on the command line, the folder is still not written through the link
    assert main(["schemas", "--data-dir", "data"]) == 1
    assert "The schemas were not all written" in capsys.readouterr().err
    assert not (elsewhere / "schemas").exists() or not any((elsewhere / "schemas").iterdir())


@pytest.mark.parametrize("plant", ["lock-to-file", "lock-to-fifo", "builds-to-folder", "lock-hard-link"])
def test_the_build_lock_is_never_taken_through_a_link(tmp_path: Path, outside: Path, plant: str) -> None:
    site = tmp_path / "site"
    builds = publish.builds_folder(site)
    if plant == "builds-to-folder":
        builds.symlink_to(outside)
    else:
        builds.mkdir()
        if plant == "lock-to-fifo":
            os.mkfifo(outside / "fifo")
            (builds / publish.LOCK).symlink_to(outside / "fifo")
        elif plant == "lock-hard-link":  # no link to follow: the same file under two names
            os.link(outside / "file", builds / publish.LOCK)
        else:
            (builds / publish.LOCK).symlink_to(outside / "file")
    with pytest.raises((publish.Refused, NotADirectoryError)), publish.build_lock(site):
        pytest.fail("the lock was taken")
    assert (outside / "file").read_text() == SECRET  # not truncated, no pid written into it
    assert sorted(p.name for p in outside.iterdir()) == (["fifo", "file"] if plant == "lock-to-fifo" else ["file"])


def test_a_planted_lock_is_refused_with_a_message_saying_what_to_do(tmp_path: Path, outside: Path) -> None:
    site = tmp_path / "site"
    publish.builds_folder(site).mkdir()
    (publish.builds_folder(site) / publish.LOCK).symlink_to(outside / "file")
    with pytest.raises(publish.Refused) as refused, publish.build_lock(site):
        pass
    assert str(refused.value) == (f"{publish.builds_folder(site) / publish.LOCK} is a symbolic link; this command "
                                  "keeps its own lock there. Remove the link and build again. Nothing was changed.")


def test_leftovers_that_are_links_are_removed_as_links(tmp_path: Path, outside: Path) -> None:
    """A killed build's work folder and a superseded build, planted as links out: the sweep removes the links
    and never what they lead to."""
    site = tmp_path / "site"
    builds = publish.builds_folder(site)
    builds.mkdir()
    (tmp_path / ".site-build-abcd").symlink_to(outside)
    (builds / "20250101-000000-000000-1").symlink_to(outside)
    (builds / "old-1").symlink_to(outside / "file")  # named as a migration's folder set aside, but a link
    publish.remove_stale(site)
    assert unchanged(outside)
    assert not os.path.lexists(site), "a link is never put back as the site"
    assert not os.path.lexists(builds / "old-1")
    # (named as no work folder of this command's, a link beside the site is none of its: left, and not followed, AW5)
    assert (tmp_path / ".site-build-abcd").is_symlink()
    assert not (builds / "20250101-000000-000000-1").exists()


class FullDisk:
    """A stream that takes half of what is written, then fails as a full disk does."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def full_disk() -> Iterator[None]:
    """Inside, every atomic write of the tool meets a full disk halfway through its temporary file."""
    real = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        return FullDisk(real(fd, mode, *args, **kwargs))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fdopen", fdopen)  # the one write_atomic opens its temporary file with
        yield


def test_a_full_disk_leaves_the_manifest_whole_and_the_next_run_repairs(
        project: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    key = drop_a_published_id(project.data)
    manifest = project.data / "published.json"
    before = manifest.read_bytes()
    with full_disk():
        assert main(["manifest"]) == 1
    assert capsys.readouterr().err == ("data/published.json was left as it was: cannot write to "
                                       "data/published.json (No space left on device)\n")
    assert manifest.read_bytes() == before  # whole: the old file, not half of the new one
    assert [p.name for p in project.data.iterdir() if p.name.endswith(".tmp")] == []
    assert main(["manifest"]) == 0
    assert key in json.loads(manifest.read_text(encoding="utf-8"))["ids"]


def test_a_full_disk_leaves_every_schema_whole_and_the_next_run_repairs(
        project: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    schemas = project.data / "schemas"
    schemas.mkdir()
    old = {name: b'{"old": true}\n' for name in schema_module.file_schemas()}
    for name, content in old.items():
        (schemas / name).write_bytes(content)
    with full_disk():
        assert main(["schemas"]) == 1
    assert capsys.readouterr().err.startswith("The schemas were not all written: cannot write to data/schemas/")
    assert {p.name: p.read_bytes() for p in schemas.iterdir()} == old  # no half file, no leftover
    assert main(["schemas"]) == 0
    assert {p.name: json.loads(p.read_bytes()) for p in schemas.iterdir()} == schema_module.file_schemas()


@pytest.mark.parametrize(("output", "where"), [("data", "is"), ("data/documents", "is inside"), (".", "holds")])
def test_generate_never_writes_into_the_data_folder(data_copy: DataCopy, capsys: pytest.CaptureFixture[str],
                                                    output: str, where: str) -> None:
    """`khartoum-site generate data` added 404 files to data/, and every later check failed on them."""
    before = sorted(p.relative_to(data_copy.root) for p in data_copy.root.rglob("*"))
    out = (data_copy.root / output).resolve()
    assert main(["generate", str(out), "--data-dir", str(data_copy.data)]) == 1
    assert capsys.readouterr().err == (f"{out} {where} the data folder {data_copy.data.resolve()}; generate into a "
                                       "folder of its own. Nothing was written.\n")
    assert sorted(p.relative_to(data_copy.root) for p in data_copy.root.rglob("*")) == before


def test_generate_never_writes_into_the_project_s_docs_folder(data_copy: DataCopy,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """`khartoum-site generate docs` mixed the generated pages into the hand-written ones: every later build failed
    on a hand-written file at a generated page's place (a seventh attack)."""
    docs = data_copy.root / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "about.md").write_text("# About\n", encoding="utf-8")
    (data_copy.root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    before = sorted(p.relative_to(data_copy.root) for p in docs.rglob("*"))
    assert main(["generate", str(docs), "--data-dir", str(data_copy.data)]) == 1
    assert capsys.readouterr().err == (
        f"{docs.resolve()} holds Markdown pages and lies beside mkdocs.yml: it looks like a project's docs folder, "
        "whose pages a build reads as hand-written; generate into a folder of its own. Nothing was written.\n")
    assert sorted(p.relative_to(data_copy.root) for p in docs.rglob("*")) == before


@pytest.mark.parametrize(("output", "said"), [
    ("docs/gen", "{out} is inside {root}/docs, which lies beside mkdocs.yml and holds Markdown pages: a project's "
                 "docs folder, whose pages a build reads as hand-written"),
    (".git/pages", "{out} is inside {root}/.git, where git keeps a repository's history"),
    ("PACKAGE/gen", "{out} is inside PACKAGE, the tool's own code"),
])
def test_generate_never_writes_into_a_folder_something_else_owns(data_copy: DataCopy,
                                                                capsys: pytest.CaptureFixture[str],
                                                                output: str, said: str) -> None:
    """A thirteenth attack generated into docs/gen (every build then published the pages twice), into .git and
    into the installed tool's own folder: each was accepted."""
    import khartoum_site

    package = Path(khartoum_site.__file__).resolve().parent
    (data_copy.root / "docs").mkdir(exist_ok=True)
    (data_copy.root / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    (data_copy.root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    out = Path(output.replace("PACKAGE", str(package))) if output.startswith("PACKAGE") else data_copy.root / output
    out = out.resolve()
    assert main(["generate", str(out), "--data-dir", str(data_copy.data)]) == 1
    root = data_copy.root.resolve()
    assert capsys.readouterr().err == (said.format(out=out, root=root).replace("PACKAGE", str(package))
                                       + "; generate into a folder of its own. Nothing was written.\n")
    assert not out.exists()


def test_schemas_are_written_only_into_a_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A sixteenth attack: `schemas --data-dir docs` made a schemas/ folder in any folder it was given."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    assert main(["schemas", "--data-dir", str(tmp_path / "docs")]) == 1
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'docs'} holds none of the record's data files (")
    assert not (tmp_path / "docs" / "schemas").exists()


def test_generate_never_writes_among_code(data_copy: DataCopy, capsys: pytest.CaptureFixture[str]) -> None:
    """A thirty-fourth attack's X12: a copy of the tool's package, a folder of code it did not make, got 470 files
    among its modules."""
    code = data_copy.root / "pkg"
    code.mkdir()
    (code / "__init__.py").write_text("", encoding="utf-8")
    before = sorted(code.rglob("*"))
    assert main(["generate", str(code), "--data-dir", str(data_copy.data)]) == 1
    assert capsys.readouterr().err == (f"{code.resolve()} holds code (__init__.py), and generate did not make it; "
                                       "generate into a folder of its own. Nothing was written.\n")
    assert sorted(code.rglob("*")) == before
