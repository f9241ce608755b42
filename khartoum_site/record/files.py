"""Reading the project's files safely: only plain files inside a given folder, never more than a limit.

A link to ``/dev/zero``, a named pipe, a folder called ``x.yml``, a dangling link or a link out of
the data folder each give one clear message instead of a hang, a memory blow-up or a traceback;
text must be UTF-8, and the message says where it is not.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path

from khartoum_site.record.problems import Problem

MAX_FILE_BYTES = 1_000_000


def too_many_links(path: str | Path) -> str:
    """What the system's "too many levels of symbolic links" means for ``path``, said as the end of a sentence:
    a circle of links, or a chain longer than the system follows (some forty links; a twenty-seventh attack's
    chain of sixty, which ends at a file, was called a circle). Only the last part of each path is followed."""
    seen: set[str] = set()
    current = os.path.abspath(path)
    while current not in seen:
        seen.add(current)
        try:
            target = os.readlink(current)
        except OSError:  # the chain ends here: not a circle
            return (f"starts a chain of {len(seen) - 1} symbolic links, longer than the system follows (a folder "
                    "on the way may be a link too)")
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
    return "leads round in a circle"


def read_bytes(path: Path, shown_as: str, root: Path, limit: int = MAX_FILE_BYTES
               ) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one plain file under ``root`` (the data folder), or ``None`` and the reason.

    Links are followed only if they end inside ``root``. Anything but a plain file (a folder, a
    named pipe, a socket, a device) is refused without being opened, and the file is opened
    non-blocking and checked again, so nothing swapped in meanwhile can make the read hang. At most
    ``limit`` + 1 bytes are read, whatever size the file claims. ``shown_as`` names the file in
    messages, which are all located at line 1, column 1.
    """

    def refused(message: str) -> tuple[bytes | None, list[Problem]]:
        return None, [Problem(shown_as, 1, 1, detail=message)]

    try:
        link = os.lstat(path)
        target = os.readlink(path) if stat.S_ISLNK(link.st_mode) else None
    except FileNotFoundError:
        return refused("the file does not exist")
    except OSError as exc:
        return refused(_cannot_read(exc))
    this = "this is" if target is None else f"this is a symbolic link to '{target}', which is"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return refused("the file does not exist" if target is None else
                       f"this is a symbolic link to '{target}', which does not exist; "
                       "put the file itself here, or remove the link")
    except OSError as exc:
        if exc.errno == errno.ELOOP and target is not None:
            return refused(f"this is a symbolic link to '{target}', which {too_many_links(path)}; "
                           "put the file itself here, or remove the link")
        return refused(_cannot_read(exc))
    real, base = os.path.realpath(path), os.path.realpath(root)
    try:
        inside = os.path.commonpath([real, base]) == base
    except ValueError:  # another drive on Windows
        inside = False
    if not inside:
        if target is not None:
            return refused(f"{this} outside the data folder; put the file itself here instead of a link")
        return refused(f"the file is outside the data folder: it is really {real}; "
                       "keep data files in the folder itself, not behind a symbolic link")
    if not stat.S_ISREG(info.st_mode):
        return refused(f"{this} {_kind(info.st_mode)}, not a plain file; "
                       "replace it with a plain file, or remove it")
    if info.st_size > limit:
        return refused(_too_big(info.st_size, limit))

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    chunks: list[bytes] = []
    try:
        fd = os.open(path, flags)
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                return refused("the file was replaced while it was being read; try again")
            left = limit + 1
            while left > 0:
                chunk = os.read(fd, left)
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        return refused(_cannot_read(exc))
    raw = b"".join(chunks)
    if len(raw) > limit:  # it grew since it was measured, or its size said 0 (as files in /proc do)
        return refused(_too_big(None, limit))
    return raw, []


def read_text(path: Path, shown_as: str, root: Path, limit: int = MAX_FILE_BYTES
              ) -> tuple[str | None, list[Problem]]:
    """The text of one plain file under ``root``: ``read_bytes``, then strict UTF-8.

    A byte order mark at the start (which some Windows editors add, invisibly) is dropped: it is
    not part of the text, and a quote from the first line must still match.
    """
    raw, problems = read_bytes(path, shown_as, root, limit)
    if raw is None:
        return None, problems
    return decode(raw, shown_as)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def _too_big(size: int | None, limit: int) -> str:
    size_text = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    return (f"the file is {size_text}; a data file may hold at most {limit:,} bytes "
            "(split it, or check that nothing was pasted in by mistake)")


def _cannot_read(exc: OSError) -> str:
    return f"cannot read the file: {exc.strerror or exc}"


_BOM = b"\xef\xbb\xbf"


def decode(raw: bytes, shown_as: str) -> tuple[str | None, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
        line_start = raw.rfind(b"\n", 0, bad) + 1
        before = raw[line_start:bad]
        if line_start == 0 and before.startswith(_BOM):
            before = before[len(_BOM):]
        line = raw.count(b"\n", 0, bad) + 1
        column = len(before.decode("utf-8")) + 1  # everything before the first bad byte is UTF-8
        return None, [Problem(shown_as, line, column,
                              detail=f"the file is not UTF-8 text (the byte 0x{raw[bad]:02X} here is not UTF-8)",
                              hint="save it as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, []


# --- writing ----------------------------------------------------------------------------------------------

class UnsafeWrite(OSError):
    """A file this tool writes would go through a symbolic link or out of the folder it belongs in."""


def write_atomic(path: Path, content: bytes, root: Path) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, flushed to disk, renamed over it.

    A full disk, a crash or a signal leaves the old file as it was, and the next write can finish
    (leftover temporary files of this name are removed first). ``path`` must be inside ``root``, and
    neither it nor its folder may be a symbolic link: a write never lands outside the project.
    Raises ``OSError`` (``UnsafeWrite`` for a refused path) with the path in it.
    """
    folder = Path(os.path.abspath(path.parent))
    if not folder.resolve().is_relative_to(root.resolve()) or folder.resolve() != folder:
        raise UnsafeWrite(errno.EXDEV, f"refused: the folder is a symbolic link or outside {root}", str(folder))
    if path.is_symlink():
        raise UnsafeWrite(errno.ELOOP, "refused: it is a symbolic link; remove the link and try again", str(path))
    for leftover in folder.glob(f".{path.name}.*.tmp"):
        if write_leftover(leftover.name):
            leftover.unlink(missing_ok=True)  # a link is removed as a link, never followed
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and exc.filename is None:  # a full disk: say which file was left as it was
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


EDITOR_ARTEFACT = re.compile(r"^(\.#.*|#.*#|\..*\.sw[a-p]|.*~|\.DS_Store|4913)$")
"""Files editors leave beside the one being edited: Emacs lock links and autosaves, Vim swap files (and
its write test, 4913), backups ending in ~, macOS folder data. The data folder ignores them."""


def editor_artefact(name: str) -> bool:
    return EDITOR_ARTEFACT.match(name) is not None


_WRITE_LEFTOVER = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def write_leftover(name: str) -> bool:
    """Whether ``name`` is the temporary file of a ``write_atomic`` killed before its rename: the data
    folder's check ignores it, so that the next run can finish the write (and remove it)."""
    return _WRITE_LEFTOVER.match(name) is not None
