"""Publishing a built site so that the site folder is always one whole build, whatever happens.

The layout beside the site folder (``site`` here; the names follow ``--site-dir``)::

    site -> .site.builds/20250101-120000-000000-4242   a relative symbolic link: the published site
    .site.builds/20250101-120000-000000-4242/          a complete, link-checked build
    .site.builds/lock                                  locked by the running build; holds its pid
    .site-build-XXXXXXXX/site/                         the build in progress (the engine writes here)

Publishing renames a new symbolic link over ``site``: rename(2) is atomic, so a reader, a crash, a
full disk or a signal meets either the old site or the new one, never a mix and never nothing. The
first build after a plain ``site/`` folder swaps the link and the folder with Linux's
renameat2(RENAME_EXCHANGE), just as atomic. Where that call is missing (another kernel, libc or
file system) it falls back to two renames with SIGINT, SIGTERM and SIGHUP blocked: only a SIGKILL or
a power cut between the two can then leave no ``site``, once, during that migration.

One build runs at a time: a second one finds the lock taken and stops without touching anything.
Whatever a killed build left behind (its ``.site-build-*`` folder, a build it had not published
yet) is removed by the next build, while it holds the lock, never the build ``site`` points to.
The engine's process (MkDocs, ProperDocs or Zensical) dies with its parent: it gets SIGKILL when the
parent dies (PR_SET_PDEATHSIG) and is killed on every way out of :func:`run_build`.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import io
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from khartoum_site.escape import terminal_text

LOCK = "lock"
EXIT_BUSY = 75  # EX_TEMPFAIL of sysexits.h: another build is running, try again later
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_PR_SET_PDEATHSIG = 1
# MkDocs' log lines start with the level padded to 8, then "-  "
_LOG_LINE = re.compile(r"(DEBUG|INFO|WARNING|ERROR|CRITICAL) *-  ")
# The line a Python traceback ends on: the exception's (dotted) name, then its message. A traceback through a Jinja
# template holds other unindented lines, the template's own source and a line of carets under it: a fifteenth
# attack's build said only "The build stopped: ^^^^^^^^^^^^^^^^^^^", and serve printed the frames after it.
_EXCEPTION_LINE = re.compile(r"[A-Za-z_][\w.]*(?::\s.*|:)?$")


def without_colours(line: str) -> str:
    """A line of an engine's output without its colours (SGR sequences: Material's notice has them whatever the
    output is), which would otherwise show as escapes such as ``\\x1b[33m``."""
    return _COLOUR.sub("", line)


def is_log_line(line: str) -> bool:
    """Whether a line is one of the engine's log lines (``INFO    -  ...``): a traceback has ended before it."""
    return bool(_LOG_LINE.match(line))


def is_exception_line(line: str) -> bool:
    """Whether a line of a traceback is the one it ends on, naming the exception (see ``_EXCEPTION_LINE``)."""
    return bool(_EXCEPTION_LINE.match(line))
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


class Refused(Exception):
    """The site path holds something this tool must not replace; the message says what."""


class Busy(Exception):
    """Another build holds the lock; the message names its pid when it has written it."""


def builds_folder(site: Path) -> Path:
    """The hidden folder beside ``site`` holding the builds ``site`` links to, and the lock."""
    return site.with_name(f".{site.name}.builds")


def _link_target(site: Path) -> str | None:
    """The name of the build ``site`` links to, or None when it is no link into our builds folder."""
    if not site.is_symlink():
        return None
    target = Path(os.path.normpath(site.parent / os.readlink(site)))
    return target.name if target.parent == builds_folder(site) else None


def _check_path(site: Path) -> None:
    """Refuse a ``site`` that is a link to somewhere else or a file: replacing it would lose it; one whose path
    holds a control character, which the engine's own log lines carry as they are (a line break in ``-d`` forged a
    line in a CI log, an attack's AY8); one whose name begins or ends with a space (BE6); one inside a file, which
    failed only after a whole build (AY10)."""
    if any(c < " " or c == "\x7f" for c in str(site)):
        raise Refused(f"the site folder's path {terminal_text(str(site))} holds a control character (a line break "
                      "or a tab); choose another --site-dir. Nothing was changed.")
    if site.name != site.name.strip():  # `-d "$OUT "` with OUT unset published to a folder named " " (BE6)
        raise Refused(f"the site folder's name {site.name!r} begins or ends with a space, a slip more often than "
                      "a choice; choose another --site-dir. Nothing was changed.")
    nearest = next((p for p in site.parents if os.path.lexists(p)), None)  # (the nearest folder there is)
    if nearest is not None and not nearest.is_dir():
        raise Refused(f"{site} is inside {nearest}, a file, not a folder; choose another --site-dir. Nothing was "
                      "changed.")
    builds = builds_folder(site)
    if builds.is_symlink():  # said as "Not a directory" after the build (an attack's BH5)
        raise Refused(f"{builds} is a symbolic link (to {os.readlink(builds)}); this command keeps its builds there: "
                      "remove the link. Nothing was changed.")
    if site.is_symlink() and _link_target(site) is None:
        raise Refused(f"{site} is a symbolic link to {os.readlink(site)}, not to a build in "
                      f"{builds_folder(site)}; remove it or choose another --site-dir. Nothing was changed.")
    if os.path.lexists(site) and not site.is_symlink() and not site.is_dir():
        raise Refused(f"{site} is a file, not a folder; remove it or choose another --site-dir. "
                      "Nothing was changed.")


def check_target(site: Path, config: Path, keep: dict[str, Path] | None = None) -> None:
    """Refuse, before anything is built, a site path whose content is not ours to replace.

    ``keep`` names the project's own folders (the docs and data folders): the site may be none of
    them, inside none of them, and hold none of them, however the path is written (through a symbolic
    link, with ``..``). Nor may it be inside a builds folder of this command. A plain folder that is not
    empty was not made by this command (it publishes through a link into the builds folder), so it is
    never replaced: the first build used to swap it out and delete it, and with ``-d docs`` that
    deleted the docs.
    """
    site = Path(os.path.abspath(site))
    if site.resolve() == config.resolve():
        raise Refused(f"{site} is the project's configuration file; choose a site folder of its own. "
                      "Nothing was changed.")
    _check_path(site)  # a link to elsewhere, or a file
    # The path with every link followed, but for the site's own link into its builds (a published site).
    real = site.parent.resolve() / site.name if _link_target(site) is not None else site.resolve()
    project = config.parent.resolve()
    if project.is_relative_to(real) or project.is_relative_to(site):
        raise Refused(f"{site} holds the project ({config}); choose a site folder of its own. Nothing was changed.")
    for what, folder in (keep or {}).items():
        for given, mine in ((site, Path(os.path.abspath(folder))), (real, folder.resolve())):
            if mine.is_relative_to(given) or given.is_relative_to(mine):
                where = "is" if mine == given else ("holds" if mine.is_relative_to(given) else "is inside")
                raise Refused(f"{site} {where} the project's {what} folder {folder}; choose a site folder of its "
                              "own (the default is site). Nothing was changed.")
    # A link inside the project on the way to the site: `-d out/site` with `out` a link made the builds and the site
    # in the folder it leads to, and the message named the project's path only (an attack's BH1; generate refuses it)
    written_project = Path(os.path.abspath(config.parent))
    for step in site.parents:
        if step == written_project or not step.is_relative_to(written_project):
            break
        if step.is_symlink():
            raise Refused(f"{step} is a symbolic link (to {os.readlink(step)}) on the way to {site}; give the "
                          "folder itself if the site should go there. Nothing was changed.")
    # The folders this command keeps its builds in and works in, beside the site, are swept by it: the project in
    # one of them was deleted ("-d ../pub" from a project named .pub.builds, an attack's AY2)
    builds = builds_folder(real).resolve()
    for mine in {project, *(folder.resolve() for folder in (keep or {}).values())}:
        first = mine.relative_to(real.parent).parts[:1] if mine.is_relative_to(real.parent) else ()
        if mine.is_relative_to(builds) or (first and first[0].startswith(f".{site.name}-build-")):
            raise Refused(f"{mine} is inside a folder where this command keeps the builds or the work of {site}, "
                          "and sweeps it; choose another --site-dir. Nothing was changed.")
    if any(re.fullmatch(r"\..+\.builds|\..+-build-.+", part) for part in real.parts):
        raise Refused(f"{site} is inside a folder where this command keeps its builds; choose a site folder of "
                      "its own. Nothing was changed.")
    if site.is_dir() and not site.is_symlink() and any(site.iterdir()):
        raise Refused(f"{site} is a folder this command did not make (it publishes through a link into "
                      f"{builds_folder(site).name}), and it is not empty; move it away or choose another "
                      "--site-dir. Nothing was changed.")


@contextmanager
def build_lock(site: Path) -> Iterator[None]:
    """Hold the builds folder's lock, or raise Busy at once: two builds must not sweep each other.

    flock() is released by the kernel when the process dies, so a killed build never leaves a
    lock that blocks the next one; the pid written into the file is only for the message.
    """
    builds = builds_folder(site)
    with suppress(FileExistsError):  # a concurrent build may just have made it
        builds.mkdir()
    if not builds.is_dir() or builds.is_symlink():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(builds))
    try:
        # Never through a link: a lock planted as a link to a file elsewhere would be truncated there.
        fd = os.open(builds / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK, 0o644)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):
            raise Refused(f"{builds / LOCK} is a symbolic link; this command keeps its own lock there. Remove the "
                          "link and build again. Nothing was changed.") from None
        raise
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):  # a named pipe or a device planted there: not ours to write
        os.close(fd)
        raise Refused(f"{builds / LOCK} is not a plain file; this command keeps its own lock there. Remove it "
                      "and build again. Nothing was changed.")
    if found.st_nlink > 1:  # a hard link to a file elsewhere: writing the pid would truncate that file
        os.close(fd)
        raise Refused(f"{builds / LOCK} is a hard link to another file; this command keeps its own lock there. "
                      "Remove it and build again. Nothing was changed.")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            pid = f" (pid {holder})" if holder.isdigit() else ""
            raise Busy(f"Another build{pid} is running for {site}; nothing was changed.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _remove(path: Path) -> None:
    """Delete a file, link or folder tree, ignoring errors: leftovers are swept by the next build."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def worked_in(folders: list[Path]) -> dict[Path, int]:
    """Of ``folders``, those a running process works in (its working folder is one of them, or inside one), each
    with one such process's id: read from ``/proc`` (Linux; elsewhere, none)."""
    found: dict[Path, int] = {}
    real = {folder: folder.resolve() for folder in folders}
    try:
        pids = [entry for entry in os.listdir("/proc") if entry.isdigit()]
    except OSError:
        return found
    for pid in pids:
        try:
            cwd = Path(os.readlink(f"/proc/{pid}/cwd").removesuffix(" (deleted)"))
        except OSError:  # gone, or another user's
            continue
        for folder, resolved in real.items():
            if folder not in found and cwd.is_relative_to(resolved):
                found[folder] = int(pid)
    return found


def _set_aside(entry: Path) -> bool | None:
    """For a folder named as ``switch`` sets one aside (``old-*``): whether it holds files; None for anything else
    (another name, a link, a file)."""
    if not entry.name.startswith("old-") or not entry.is_dir() or entry.is_symlink():
        return None
    return any(entry.iterdir())


def remove_stale(site: Path) -> dict[Path, int]:
    """Remove what killed builds left, and the builds superseded; call only under the lock, so no running build
    loses files. Returns the superseded builds kept, each with a process that works in it: a server started inside
    ``site`` (``python3 -m http.server`` in it) works in the build ``site`` led to then, and lost every page when the
    next build deleted that folder (a held-out round's R3); kept, it serves the site as it was until started again.

    A site folder set aside by a migration that was killed halfway (see :func:`switch`) is put
    back first. Only an empty folder: ``switch`` sets aside only the empty plain folder ``site`` was, so a link
    named ``old-*`` was planted (a repository can carry one) and is swept as a link, and a folder holding files
    was planted or restored, and is left as it is. Beside the site, only this command's own work folders are
    swept (``new_work_folder``'s names).
    """
    builds = builds_folder(site)
    for old in builds.glob("old-*"):
        # (an empty one: ``switch`` sets aside only an empty folder; one holding files was planted or restored, and
        # put back as the site it made every later build refuse, an attack's AW2)
        if not os.path.lexists(site) and _set_aside(old) is False:
            os.rename(old, site)
    for leftover in site.parent.glob(f".{site.name}-build-*"):
        # only this command's own work folders (``new_work_folder``'s names): a user's ".site-build-notes.md" beside
        # the site was swept with them (an attack's AW5)
        if _WORK_FOLDER.fullmatch(leftover.name.removeprefix(f".{site.name}-build-")) and leftover.is_dir() \
                and not leftover.is_symlink():
            _remove(leftover)
    keep = {LOCK, _link_target(site)}
    # (a folder set aside that holds files is none of this command's: left as it is)
    stale = [entry for entry in builds.iterdir() if entry.name not in keep and not _set_aside(entry)]
    busy = worked_in([entry for entry in stale if entry.is_dir() and not entry.is_symlink()])
    for entry in stale:
        if entry not in busy:
            _remove(entry)
    return busy


def signal_name(number: int) -> str:
    """A signal's name, or its number where it has none (a real-time signal, 34 to 64 on Linux: killed by one, the
    build ended in the message of an error not foreseen, an attack's AW3)."""
    return signal.Signals(number).name if number in {s.value for s in signal.Signals} else f"signal {number}"


_WORK_FOLDER = re.compile(r"[a-z0-9_]{8}")  # what tempfile.mkdtemp adds to the prefix


def new_work_folder(site: Path) -> Path:
    """A fresh folder beside ``site`` (so on its file system: the move into the builds is a rename)."""
    return Path(tempfile.mkdtemp(prefix=f".{site.name}-build-", dir=site.parent))


@contextmanager
def signals_held() -> Iterator[None]:
    """Block SIGINT, SIGTERM and SIGHUP, then discard those that came: the block must run whole.

    Around the switch this keeps the last message true: a site is published, or left unchanged.
    A stop asked for meanwhile is dropped, since the command ends right after anyway.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        for signum in signal.sigpending() & STOP_SIGNALS:
            signal.sigwait({signum})  # pending, so this returns at once and consumes it
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False when that is unavailable."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def switch(built: Path, site: Path) -> None:
    """Make ``built`` the published site in one atomic step; call it inside :func:`signals_held`.

    The build moves into the builds folder under a name of its own, a link to it is made under a
    temporary name, and that link replaces ``site``. Until that last rename nothing visible has
    changed, and if any step fails the new build is removed again. The superseded build (or the
    plain folder ``site`` was before) stays in the builds folder for :func:`remove_stale`.
    """
    builds = builds_folder(site)
    name = f"{datetime.now():%Y%m%d-%H%M%S-%f}-{os.getpid()}"
    final, link = builds / name, builds / f"link-{os.getpid()}"
    os.rename(built, final)
    try:
        link.unlink(missing_ok=True)
        os.symlink(f"{builds.name}/{name}", link)
        _check_path(site)  # it may have changed while we built
        if site.is_dir() and not site.is_symlink() and any(site.iterdir()):
            raise Refused(f"{site} became a folder of files while the site was built; it was left as it is, "
                          "and nothing was published.")
        if site.is_symlink() or not os.path.lexists(site):
            os.replace(link, site)
        elif not _exchange(link, site):
            old = builds / f"old-{os.getpid()}"
            os.rename(site, old)
            try:
                os.rename(link, site)
            except OSError:
                os.rename(old, site)
                raise
    except BaseException:
        _remove(link)
        _remove(final)
        raise


def die_with_parent(parent: int) -> Callable[[], None] | None:
    """A preexec_fn asking Linux to SIGKILL the child when this process dies, however it dies."""
    prctl = getattr(_libc(), "prctl", None) if sys.platform.startswith("linux") else None
    if prctl is None:
        return None

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the request was made
            os._exit(1)
        # A command started in the background of a script has SIGINT ignored, and a child inherits that:
        # it could then never be stopped as Ctrl-C stops it, cleaning up. Give it the default back.
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    return preexec


class _Relay:
    """Pass the child's output through line by line, but hold back each Python traceback.

    A reader needs the exception, not forty lines of frames: a traceback is replaced by its final
    exception line, kept for the closing message when the child dies of it. A traceback that a
    log line follows (the build went on) is summed up at once.
    """

    def __init__(self, out: TextIO | None) -> None:
        self.out = out
        self.held: list[str] | None = None
        self.last_exception: str | None = None

    def feed(self, line: str) -> None:
        # The engine's lines may quote the pages, made from the data: each stays one inert line. Colours (SGR
        # sequences: Material's notice has them whatever the output is) are dropped, anything else shown.
        if self.out is None:  # standard error closed (2>&-): there is nowhere to say it
            return
        line = terminal_text(_COLOUR.sub("", line.rstrip("\n"))) + "\n"
        if self.held is not None and _LOG_LINE.match(line):
            self._write(f"(traceback not shown) {self._summary()}\n")
        if self.held is not None:
            self.held.append(line)
        elif line.startswith("Traceback (most recent call last):"):
            self.held = [line]
        else:
            self._write(line)

    def _write(self, line: str) -> None:
        """A line on standard error; one that cannot take it (``2>/dev/full``: a full disk) is written to no
        more, and the build goes on: the published site and the status do not depend on the engine's notes."""
        if self.out is None:
            return
        try:
            self.out.write(line)
            self.out.flush()
        except (OSError, ValueError):
            point_at_null(self.out)  # what it holds goes nowhere at exit, instead of failing there (status 120)
            self.out = None

    def _summary(self) -> str:
        """The exception line of the last traceback held: the first unindented line after its frames."""
        assert self.held is not None
        found: str | None = None
        for line in self.held:
            if line.startswith("Traceback ("):
                found = None
            elif found is None and is_exception_line(line.rstrip("\n")):
                found = line.strip()
        lines = [line.strip() for line in self.held if line.strip()]
        self.held, self.last_exception = None, found or lines[-1]
        return self.last_exception

    def finish(self) -> str | None:
        """The exception line of a traceback still held at the end of the output, if any."""
        return self._summary() if self.held is not None else None


def point_at_null(stream: TextIO) -> None:
    """Point a stream whose reader has gone (or whose disk is full) at the null device: what is left to write
    goes nowhere."""
    with suppress(OSError, ValueError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)


@dataclass
class ChildResult:
    returncode: int
    stopped_by: str | None  # what killed it: a traceback's exception line, or a signal


def run_build(command: list[str], env: dict[str, str], engine: str = "MkDocs") -> ChildResult:
    """Run the build as a child that cannot outlive this process, relaying its output to stderr."""
    child = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, preexec_fn=die_with_parent(os.getpid()))
    relay = _Relay(sys.stderr)
    try:
        assert child.stdout is not None
        for raw in child.stdout:
            relay.feed(raw.decode("utf-8", "replace"))
        returncode = child.wait()
    finally:
        with signals_held():
            if child.poll() is None:
                child.kill()
                with suppress(subprocess.TimeoutExpired):  # stuck in the kernel: the kill still lands
                    child.wait(timeout=10)
            if child.stdout is not None:
                child.stdout.close()
    stopped_by = relay.finish()
    if returncode == 0:
        if stopped_by is not None:  # a traceback the build survived: its line was not shown yet
            sys.stderr.write(f"(traceback not shown) {stopped_by}\n")
        return ChildResult(0, None)
    if returncode < 0:
        stopped_by = f"{engine} was killed by {signal_name(-returncode)}"
    return ChildResult(returncode, stopped_by)


def error_line(exc: OSError) -> str:
    """One line for an error of ours while writing: the path and the system's reason."""
    if exc.filename is None:
        return str(exc)
    return f"cannot write to {exc.filename} ({exc.strerror})"
