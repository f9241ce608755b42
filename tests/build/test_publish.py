"""Publishing `khartoum-site build`'s output: whatever stops a build, site/ stays one whole build.

Real builds as a user would run them (about 2 s each: one build is shared by copying the project);
what a build cannot provoke is driven in-process in the unit tier (tests/unit/test_publish_switch.py).
Every subprocess has a timeout and is killed when its test ends, so a hung build cannot hang CI.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from helpers import DataCopy, project, tree_hash

from khartoum_site.adapters import publish
from khartoum_site.adapters.linkcheck import check_site

ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
TIMEOUT = 120
BUILDS = ".site.builds"
# The build's report: the published line, then (if the theme shipped any) what was left out of the site.
PUBLISHED = re.compile(r"Published \d+ HTML pages to (.+) in \d+\.\d s; \d+ internal links and anchors "
                       r"checked, 0 broken\.(?:\nLeft out of the published site: [^\n]+)?")


def command() -> list[str]:
    return [sys.executable, "-m", "khartoum_site.adapters.cli", "build"]


def build(root: Path, preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(), cwd=root, capture_output=True, text=True, timeout=TIMEOUT, env=ENV,
                          preexec_fn=preexec)


@contextmanager
def started(root: Path) -> Iterator[subprocess.Popen[str]]:
    """A build running in the background; killed, with its children, if the test leaves it running."""
    process = subprocess.Popen(command(), cwd=root, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=ENV)
    try:
        yield process
    finally:
        for pid in children(process.pid):
            kill(pid)
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


def kill(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """The live child processes of pid, from /proc (ppid is the 4th field of /proc/PID/stat)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """True while pid runs; a zombie (killed, waiting for a parent that may never reap it) is dead."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def mid_build(root: Path, process: subprocess.Popen[str]) -> int:
    """Wait until MkDocs is writing the new site; return the pid of that child process."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        kids = children(process.pid)
        if kids and any(root.glob(".site-build-*/site/*")):
            return kids[0]
        assert process.poll() is None, f"the build ended first: {process.communicate()}"
        time.sleep(0.005)
    raise AssertionError("MkDocs did not start writing within 60 s")


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(".site-build-*"))


def builds(root: Path) -> list[str]:
    return sorted(p.name for p in (root / BUILDS).iterdir())


def last_line(stderr: str) -> str:
    return stderr.rstrip("\n").rsplit("\n", 1)[-1]


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with one published build, made once: each test works on a copy of it."""
    root = tmp_path_factory.mktemp("built")
    project(DataCopy(root))
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert PUBLISHED.fullmatch(result.stdout.strip()), result.stdout
    return root


@pytest.fixture
def root(built_project: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built_project, copy, symlinks=True)  # site stays a relative link, into the copy
    return copy


def test_a_build_replaces_the_published_one_and_keeps_only_it(root: Path) -> None:
    site = root / "site"
    before = os.readlink(site)
    result = build(root)
    assert result.returncode == 0, result.stderr
    line = PUBLISHED.fullmatch(result.stdout.strip())
    assert line, result.stdout
    assert line[1] == str(site), result.stdout
    after = os.readlink(site)
    assert after != before, "site must be a relative link to a build"
    assert after.startswith(f"{BUILDS}/"), "site must be a relative link to a build"
    assert builds(root) == sorted(["lock", after.split("/")[1]]), "the superseded build must be removed"
    assert (site / "index.html").is_file()
    assert (site / "states" / "austria" / "index.html").is_file()
    assert check_site(site)[1] == []
    assert leftovers(root) == []


def test_a_killed_build_takes_mkdocs_along_and_the_next_build_sweeps_up(root: Path) -> None:
    site = root / "site"
    published, index = tree_hash(site), (site / "index.html").read_bytes()
    with started(root) as process:
        child = mid_build(root, process)
        try:
            os.kill(child, signal.SIGSTOP)  # a stopped child can neither finish nor die of a closed pipe
            process.kill()
            process.wait(timeout=30)
            deadline = time.monotonic() + 5
            while alive(child) and time.monotonic() < deadline:
                time.sleep(0.02)
            assert not alive(child), "the MkDocs child outlived its killed parent"
        finally:
            kill(child)
    assert tree_hash(site) == published
    assert (site / "index.html").read_bytes() == index
    assert leftovers(root), "a SIGKILLed build cannot clean up; the next one must"
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert leftovers(root) == []
    assert len(builds(root)) == 2, builds(root)  # the lock and the published build


def test_sigterm_stops_the_build_and_leaves_the_site_and_no_folder(root: Path) -> None:
    site = root / "site"
    published, before = tree_hash(site), builds(root)
    with started(root) as process:
        child = mid_build(root, process)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
        assert process.returncode == 130, stderr
    assert last_line(stderr) == f"Interrupted; {site} was left unchanged."
    assert "Traceback" not in stderr
    assert not alive(child)
    assert tree_hash(site) == published
    assert leftovers(root) == []
    assert builds(root) == before


def test_a_second_build_stops_at_once_while_the_first_runs(root: Path) -> None:
    site = root / "site"
    published = tree_hash(site)
    with started(root) as first:
        child = mid_build(root, first)
        os.kill(child, signal.SIGSTOP)  # hold the first build still while the second one tries
        try:
            work, before = leftovers(root), builds(root)
            second = build(root)
        finally:
            os.kill(child, signal.SIGCONT)
        assert second.returncode == publish.EXIT_BUSY == 75
        assert second.stderr == f"Another build (pid {first.pid}) is running for {site}; nothing was changed.\n"
        assert second.stdout == ""
        assert leftovers(root) == work
        assert builds(root) == before
        assert tree_hash(site) == published
        stdout, stderr = first.communicate(timeout=TIMEOUT)
        assert first.returncode == 0, stderr
        assert PUBLISHED.fullmatch(stdout.strip())
    assert check_site(site)[1] == []
    assert leftovers(root) == []


def test_a_site_linking_elsewhere_is_refused_and_left_alone(root: Path, tmp_path: Path) -> None:
    site = root / "site"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_text("someone else's site", encoding="utf-8")
    site.unlink()
    site.symlink_to(elsewhere)
    result = build(root)
    assert result.returncode == 1
    assert result.stderr == (f"{site} is a symbolic link to {elsewhere}, not to a build in {root / BUILDS}; "
                             "remove it or choose another --site-dir. Nothing was changed.\n")
    assert os.readlink(site) == str(elsewhere)
    assert [p.name for p in elsewhere.iterdir()] == ["index.html"]
    assert (elsewhere / "index.html").read_text(encoding="utf-8") == "someone else's site"


def small_files() -> None:
    """In the build's process: files may grow to 32 KiB, and a bigger write fails with EFBIG."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (32 * 1024, 32 * 1024))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def test_a_write_error_in_mkdocs_ends_in_one_line_not_a_traceback(root: Path) -> None:
    site = root / "site"
    published, before = tree_hash(site), builds(root)
    result = build(root, small_files)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "INFO    -  Building documentation" in result.stderr, "MkDocs' own lines must stay visible"
    assert re.fullmatch(rf"The build stopped: OSError: \[Errno 27\] File too large: .*; "
                        rf"{re.escape(str(site))} was left unchanged\.", last_line(result.stderr))
    assert tree_hash(site) == published
    assert leftovers(root) == []
    assert builds(root) == before


def plain_site_folder(root: Path) -> None:
    """Turn the copy into a project with an empty plain site/ folder and no builds folder."""
    site = root / "site"
    site.unlink()
    site.mkdir()
    shutil.rmtree(root / BUILDS)


@pytest.mark.parametrize("blocked", ["builds folder", "lock"])
def test_a_path_that_cannot_be_written_ends_in_one_line(root: Path, blocked: str) -> None:
    """Works as root too: a file where a folder must be made, or a folder where the lock file goes."""
    site = root / "site"
    if blocked == "builds folder":
        plain_site_folder(root)
        (root / BUILDS).write_text("in the way", encoding="utf-8")
        path, reason = root / BUILDS, "Not a directory"
    else:
        (root / BUILDS / "lock").unlink()
        (root / BUILDS / "lock").mkdir()
        path, reason = root / BUILDS / "lock", "Is a directory"
    published = tree_hash(site)
    result = build(root)
    assert result.returncode == 1
    assert result.stderr == f"The build stopped: cannot write to {path} ({reason}); {site} was left unchanged.\n"
    assert tree_hash(site) == published
    assert leftovers(root) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_project_folder_ends_in_one_line(root: Path) -> None:
    site = root / "site"
    published = tree_hash(site)
    root.chmod(0o555)
    try:
        result = build(root)
    finally:
        root.chmod(0o755)
    assert result.returncode == 1
    assert re.fullmatch(rf"The build stopped: cannot write to {re.escape(str(root))}/\.site-build-\w+ "
                        rf"\(Permission denied\); {re.escape(str(site))} was left unchanged\.\n", result.stderr)
    assert tree_hash(site) == published
    assert leftovers(root) == []


def test_an_empty_plain_site_folder_becomes_the_link_to_a_build(root: Path) -> None:
    site = root / "site"
    plain_site_folder(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert PUBLISHED.fullmatch(result.stdout.strip())
    assert site.is_symlink()
    assert os.readlink(site).startswith(f"{BUILDS}/")
    assert check_site(site)[1] == []
    assert leftovers(root) == []


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("site_dir", "says"), [
    ("docs", "is the project's docs folder"),
    ("data", "is the project's data folder"),
    ("docs/assets", "is inside the project's docs folder"),
    (".", "holds the project"),
    ("..", "holds the project"),
    ("notes", "is a folder this command did not make"),
])
def test_a_site_dir_that_is_not_ours_is_refused_and_nothing_is_lost(root: Path, site_dir: str, says: str) -> None:
    """`build -d PATH` once replaced any folder and deleted what was in it: the docs folder too."""
    (root / "notes").mkdir()
    (root / "notes" / "draft.md").write_text("a draft no build made", encoding="utf-8")
    before = {name: snapshot(root / name) for name in ("docs", "data", "notes")}
    entries = sorted(p.name for p in root.iterdir())
    result = subprocess.run([*command(), "-d", site_dir], cwd=root, capture_output=True, text=True,
                            timeout=TIMEOUT, env=ENV)
    assert result.returncode == 1
    assert says in result.stderr
    assert result.stderr.rstrip().endswith("Nothing was changed."), result.stderr
    assert {name: snapshot(root / name) for name in ("docs", "data", "notes")} == before
    assert sorted(p.name for p in root.iterdir()) == entries  # no builds folder, no work folder


def test_a_plain_site_folder_with_files_is_left_whole(root: Path) -> None:
    """A site/ folder from a bare `mkdocs build` (or anything else): refused, never swapped out and deleted."""
    site = root / "site"
    site.unlink()
    (site / "sub").mkdir(parents=True)
    (site / "sub" / "only-here.txt").write_text("old", encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "is a folder this command did not make" in result.stderr
    assert (site / "sub" / "only-here.txt").read_text(encoding="utf-8") == "old"
    assert not site.is_symlink()


@pytest.mark.parametrize(("number", "named"), [(signal.SIGTERM, "SIGTERM"), (40, "signal 40")])
def test_an_engine_killed_by_a_signal_is_said_so_by_its_name_or_number(number: int, named: str) -> None:
    """An attack's AW3: killed by a real-time signal (40), the build ended in the message of an error not foreseen
    ("40 is not a valid Signals")."""
    result = publish.run_build([sys.executable, "-c", f"import os; os.kill(os.getpid(), {int(number)})"],
                               dict(os.environ))
    assert result == publish.ChildResult(-int(number), f"MkDocs was killed by {named}")


def test_the_data_s_date_is_never_asked_of_a_repository_planted_in_the_data(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """An attack's AY3: a ``data/.git`` file led ``git log`` to a crafted repository whose settings (a signature
    check's ``gpg.program``) ran a program of its choosing, before the check that refuses the file. Here a
    stand-in for git notes each call: none with a ``.git`` in the data folder, and the signature check turned off
    in the others."""
    from khartoum_site.outputs.downloads import data_date

    bin_dir, calls = tmp_path / "bin", tmp_path / "calls.txt"
    bin_dir.mkdir()
    (bin_dir / "git").write_text(f'#!/bin/sh\necho "$@" >> {calls}\necho 2025-04-09\n', encoding="utf-8")
    (bin_dir / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    data = tmp_path / "data"
    data.mkdir()
    assert data_date(data) == "2025-04-09"
    assert "-c log.showSignature=false" in calls.read_text(encoding="utf-8")
    calls.unlink()
    (data / ".git").write_text("gitdir: /elsewhere/crafted\n", encoding="utf-8")
    data_date(data)
    assert not calls.exists()
