"""The page set kept between builds, by the content of everything it is made from.

A build, and every rebuild of a server, asks :func:`page_set` for the page set of the data as it is now.
The answer is looked up by a digest of its inputs (:func:`inputs_digest`): the bytes and names of every
file under the data folder (which is all the gate reads: the data files, the seeds, the map's shapes, the
manifest), the code that checks the data and makes the pages (every file of this package, its templates
included, and the versions of the libraries it writes with), the settings the pages read (the site's name
and address), the date of the data and the working folder (messages and edit links name files relative to
it). Only a page set whose data passed the gate is kept, so a state the gate refused is checked again each
time, and the same bytes make the same pages: reusing an entry reuses the gate's answer as well as its work.

Safe against a stale or damaged entry:

- a changed byte of any input changes the digest, so it misses; the digest is taken again after the page
  set is made, and a page set whose inputs changed meanwhile is not kept;
- an entry carries a digest of its own content: a truncated or damaged file is ignored and written again,
  whole or not at all (``files.write_atomic``);
- the entries are plain data (a line of JSON, then the bytes of the pages and files), never code, read
  from a folder this user owns, never through a symbolic link: a planted link at the folder or at an entry
  is not followed (the page set is then made without the store);
- a data folder holding a symbolic link or anything but plain files and folders is not stored at all
  (what a link leads to is not this folder's content).

Within one process (a server), the last page set is also kept in memory: a rebuild after an edit of a
hand-written page, which leaves the data as it was, costs one digest.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import platform
import stat
import time
from collections.abc import Callable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record import files, usersecret
from khartoum_site.record.validate import SOURCE_TEXT_BYTES
from khartoum_site.record.values import Origin
from khartoum_site.site.pages import Page
from khartoum_site.site.references import Linkable
from khartoum_site.site.urls import Target

FORMAT = b"khartoum-site page set 2\n"
"""The first line of an entry; a new layout of the entries changes it, and every older entry then misses."""
SUFFIX = ".page-set"
KEEP = 3
"""Entries kept in the folder, the most recently used first: a build, the server's last state, one more."""
MAX_ENTRY_BYTES = 1 << 30
LARGEST_INPUT = SOURCE_TEXT_BYTES  # the gate's largest limit (a source text); a data folder holding more is not stored
LIBRARIES = ("Jinja2", "PyYAML", "python-slugify", "sphobjinv")
"""The libraries whose output the page set holds: the templates' engine, the loader, slugs, objects.inv."""
PACKAGE = Path(__file__).resolve().parent.parent

_LAST: dict[str, PageSet] = {}
"""The last page set this process made or read, by its digest (one at most)."""


def _feed(digest: Any, *parts: bytes | str) -> None:
    for part in parts:
        raw = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "little"))  # each part's length first: no two inputs read the same
        digest.update(raw)


@cache
def _libraries() -> str:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} -")
    return f"Python {platform.python_version()}; " + ", ".join(found)


def _tree(digest: Any, root: Path, skip: Callable[[str], bool] = lambda _name: False) -> bool:
    """Feed every file under ``root`` (its path and bytes) to ``digest``, in a stable order. False when the
    folder holds a symbolic link, or anything but plain files and folders: such a folder is not stored."""
    for folder, subfolders, names in os.walk(root):  # a link to a folder is listed, never entered
        subfolders[:] = sorted(d for d in subfolders if not skip(d))
        relative = Path(folder).relative_to(root).as_posix()
        for name in sorted([*names, *subfolders]):
            path = os.path.join(folder, name)  # a string, not a Path: a server takes this digest twice a rebuild
            info = os.lstat(path)
            if stat.S_ISDIR(info.st_mode):
                _feed(digest, "folder", f"{relative}/{name}")
                continue
            if skip(name):
                continue
            if not stat.S_ISREG(info.st_mode):
                return False
            if info.st_size > LARGEST_INPUT:
                # Larger than any file the gate reads (a source text's limit): the gate refuses it, naming
                # it, without this digest reading it whole first (an attack's 3 GB file: 3.2 GB resident).
                return False
            _feed(digest, "file", f"{relative}/{name}", _file_digest(path, info))
    return True


_FILE_DIGESTS: dict[str, tuple[tuple[int, ...], bytes]] = {}
"""Each file's digest, by its path, with the state of the file it was read in (``_file_digest``)."""
SETTLED_NS = 2_000_000_000
"""A file whose last change (ctime) is this much older than the moment it was read has its digest kept."""


def _file_digest(path: str, info: os.stat_result) -> bytes:
    """The digest of a file's bytes (``info``: its ``lstat``), read again only when the file may have changed.

    A server takes the digest of the package and the data on every rebuild (three times: a fifth of a served
    edit's own work, 15 ms, before). A file's bytes cannot change without its change time (ctime) changing to
    the time of the change, which no call can set back (unlike its modification time, which ``touch`` sets):
    its digest is kept with its device, inode, size, modification and change times, and used again while all
    five are as they were. Kept only for a file that had not changed for two seconds when it was read, so a
    change in the same tick of the system's clock as the one before (the same ctime) cannot be missed: any
    change after the read is stamped later than that (``SETTLED_NS``)."""
    signature = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    key = os.fsdecode(path)
    known = _FILE_DIGESTS.get(key)
    if known is not None and known[0] == signature:
        return known[1]
    read_at = time.time_ns()
    found = hashlib.blake2b(Path(path).read_bytes(), digest_size=32).digest()
    if info.st_ctime_ns < read_at - SETTLED_NS:
        _FILE_DIGESTS[key] = signature, found
    else:
        _FILE_DIGESTS.pop(key, None)
    return found


def _package(digest: Any) -> bool:
    return _tree(digest, PACKAGE, skip=lambda name: name == "__pycache__" or name.endswith((".pyc", ".pyo")))


def package_digest() -> str | None:
    """The digest of the code that makes the pages (every file of this package and the libraries it writes
    with), or None when it cannot be read: a server's pages made before are reused only with the same."""
    digest = hashlib.blake2b(digest_size=32)
    try:
        _feed(digest, FORMAT, _libraries())
        return digest.hexdigest() if _package(digest) else None
    except OSError:
        return None


def inputs_digest(data_dir: Path, site_name: str, site_url: str | None, data_date: str) -> str | None:
    """The digest of everything the page set is made from, or None when it cannot be stored (see above)."""
    digest = hashlib.blake2b(digest_size=32)
    try:
        # the working folder: messages and edit links name files relative to it (gone: not stored)
        _feed(digest, FORMAT, _libraries(), os.getcwd(), str(Path(data_dir).absolute()), site_name,
              site_url or "", data_date)
        if not _package(digest):
            return None
        if Path(data_dir).is_symlink() and not Path(data_dir).is_dir():
            return None
        return digest.hexdigest() if _tree(digest, Path(data_dir).resolve()) else None
    except OSError:  # a file gone or unreadable while we looked: the gate will say what it is
        return None


# --- an entry as bytes, and back ------------------------------------------------------------------------

def _origin(origin: Origin | None) -> Any:
    return None if origin is None else [origin.file, origin.line, origin.column, [list(f) for f in origin.fields]]


def _target(target: Target | None) -> Any:
    return None if target is None else [target.page, target.anchor]


def encode(page_set: PageSet) -> bytes:
    """An entry: the format line, the seal of the body, the body.

    The body is one line of JSON that lists every page and file with the length of its content, then
    the contents themselves, one after the other (a page's Markdown as UTF-8): reading an entry makes each
    page's text once, from its own bytes, where one JSON document of it all held the entry three times
    over (its bytes, its text, then the pages) at the build's highest memory."""
    pages = [p.markdown.encode("utf-8", "surrogatepass") for p in page_set.pages.values()]
    index = json.dumps({
        "pages": [[path, p.path, p.title, len(markdown), _origin(p.origin)]
                  for (path, p), markdown in zip(page_set.pages.items(), pages, strict=True)],
        "files": [[path, len(content)] for path, content in page_set.files.items()],
        "entries": [[key, e.key, e.kind, e.title, _target(e.page), _target(e.anchor), e.document, e.preview,
                     e.withdrawn] for key, e in page_set.entries.items()],
        "aliases": page_set.aliases,
        "data_date": page_set.data_date,
    }, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")  # one line: JSON escapes \n
    body = b"".join([index, b"\n", *pages, *page_set.files.values()])
    del pages
    return b"".join([FORMAT, _seal(body), b"\n", body])


def _seal(body: bytes | memoryview) -> bytes:
    """The body's digest keyed with this user's secret (``usersecret``): an entry written by anyone else, or copied
    from another machine or a repository, does not match, so its pages are never published unchecked."""
    found = usersecret.seal(body)
    if found is None:
        raise ValueError("no secret of this user to seal entries with")
    return found


secret_path = usersecret.secret_path
_secret = usersecret.secret


def _str(value: Any, optional: bool = False) -> Any:
    if isinstance(value, str) or (optional and value is None):
        return value
    raise ValueError(f"expected a string, found {type(value).__name__}")


def _int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"expected a whole number, found {type(value).__name__}")


def _list(value: Any, length: int | None = None) -> list[Any]:
    if isinstance(value, list) and (length is None or len(value) == length):
        return value
    raise ValueError("expected a list" + (f" of {length}" if length is not None else ""))


def _read_origin(value: Any) -> Origin | None:
    if value is None:
        return None
    file, line, column, fields = _list(value, 4)
    return Origin(_str(file), _int(line), _int(column),
                  tuple((_str(n), _int(li), _int(co)) for n, li, co in (_list(f, 3) for f in _list(fields))))


def _read_target(value: Any) -> Target | None:
    if value is None:
        return None
    page, anchor = _list(value, 2)
    return Target(_str(page), _str(anchor, optional=True))


def _inside(path: Any) -> None:
    """A page's or file's path as the page set makes them: relative, without '..', inside the site."""
    parts = _str(path).split("/")
    if not path or path.startswith("/") or "\\" in path or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"a path that leads outside the site: {path!r}")


def decode(raw: bytes) -> PageSet:
    """The page set of an entry; ``ValueError`` when it is not one whole, as written by :func:`encode`."""
    if not raw.startswith(FORMAT):
        raise ValueError("not an entry of this format")
    seal_end = raw.find(b"\n", len(FORMAT))
    index_end = raw.find(b"\n", seal_end + 1) if seal_end >= 0 else -1
    whole = memoryview(raw)  # read in place: the entry's bytes are not copied again
    if index_end < 0 or not hmac.compare_digest(raw[len(FORMAT):seal_end], _seal(whole[seal_end + 1:])):
        raise ValueError("damaged, cut short or not written by this user: its content does not match its seal")
    found = json.loads(raw[seal_end + 1:index_end].decode("utf-8", "surrogatepass"))
    if not isinstance(found, dict):
        raise ValueError("expected an object")
    at = index_end + 1

    def content(length: Any) -> memoryview:
        nonlocal at
        if _int(length) < 0 or at + length > len(raw):
            raise ValueError("a length beyond the entry's end")
        at += length
        return whole[at - length:at]

    pages = {}
    for row in _list(found["pages"]):
        path, page_path, title, length, origin = _list(row, 5)
        _inside(path)
        markdown = str(content(length), "utf-8", "surrogatepass")
        pages[_str(path)] = Page(_str(page_path), _str(title), markdown, _read_origin(origin))
    made: dict[str, bytes] = {}
    for row in _list(found["files"]):
        path, length = _list(row, 2)
        _inside(path)
        made[_str(path)] = bytes(content(length))
    if at != len(raw):
        raise ValueError("bytes after the last file")
    entries = {}
    for row in _list(found["entries"]):
        key, own_key, kind, title, page, anchor, document, preview, withdrawn = _list(row, 9)
        page_target = _read_target(page)
        if page_target is None:
            raise ValueError("an entry without a page")
        entries[_str(key)] = Linkable(_str(own_key), _str(kind), _str(title), page_target, _read_target(anchor),
                                      _str(document, True), _str(preview, True), _str(withdrawn, True))
    aliases = found["aliases"]
    if not isinstance(aliases, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in aliases.items()):
        raise ValueError("expected the aliases as strings")
    return PageSet(pages, made, entries, aliases, _str(found["data_date"], True))


# --- the folder -----------------------------------------------------------------------------------------

def _own_folder(folder: Path) -> bool:
    """Make ``folder`` (and its parent) if missing; True when each is a real folder of this user, not a link."""
    for path in (folder.parent, folder):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError:
            return False
        try:
            info = os.lstat(path)
        except OSError:
            return False
        if (not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid())
                or info.st_mode & 0o022):  # a folder others may write to: an entry there is not only ours
            return False
    return Path(os.path.abspath(folder)).resolve() == Path(os.path.abspath(folder))


def _read(path: Path) -> bytes | None:
    """An entry's bytes, never through a link, never from anything but a plain file; None if there is none."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # missing, or a link (ELOOP)
        return None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        # As large as the file said it is, and one byte more: a read of the limit itself reserved a gigabyte.
        return stream.read(info.st_size + 1)


def _prune(folder: Path) -> None:
    """Keep the ``KEEP`` entries used last; remove the rest (as entries, never following a link)."""
    kept = []
    for entry in folder.iterdir():
        if entry.name.endswith(SUFFIX):
            with contextlib.suppress(OSError):
                kept.append((os.lstat(entry).st_mtime_ns, entry))
    for _time, entry in sorted(kept, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            entry.unlink()


def _in_project(folder: Path) -> bool:
    """Whether the secret lies in the project that holds ``folder`` (``.cache/khartoum-site``): then whoever can
    write the project, or ship its .cache folder, holds the secret too, and nothing is stored or read."""
    return usersecret.lies_in(Path(os.path.realpath(folder)).parent.parent)


def forget() -> None:
    """Drop the page set kept in memory: a build that has handed its pages to the engine reads it no more."""
    _LAST.clear()


def page_set(data_dir: Path, site_name: str, site_url: str | None, folder: Path | None, data_date: str,
             make: Callable[[], PageSet], written: Callable[[], bool] = lambda: True) -> PageSet:
    """The page set of the data as it is now: from memory or ``folder`` when its inputs are unchanged, else
    ``make()`` (the gate, then the page set; raises ``DataError``), kept in ``folder`` for the next time
    if ``written()`` says so after it is made (a server's rebuild after an edit does not spend on writing).
    ``folder`` None: made every time, as ``generate`` does."""
    key = inputs_digest(data_dir, site_name, site_url, data_date) if folder is not None else None
    # The project is asked first: a secret that would lie in it is never made (a build with XDG_CACHE_HOME in the
    # project's docs/ made the key there and published it; in data/ every build failed on the key file).
    if key is None or folder is None or _in_project(folder) or _secret() is None:
        return make()
    if key in _LAST:
        return _LAST[key]
    usable = _own_folder(folder)
    entry = folder / f"{key}{SUFFIX}"
    raw = _read(entry) if usable else None
    if raw is not None:
        try:
            found = decode(raw)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            found = None  # damaged: made again below and written over it
        if found is not None:
            with contextlib.suppress(OSError):
                os.utime(entry, follow_symlinks=False)  # used last: pruned last
            _LAST.clear()
            _LAST[key] = found
            return found
    made = make()
    if inputs_digest(data_dir, site_name, site_url, data_date) != key:
        return made  # the data changed while it was made: these pages are of neither state
    _LAST.clear()
    _LAST[key] = made
    if usable and written():
        # Not kept (a full disk, a read-only folder, a link planted meanwhile): the next build makes it again.
        with contextlib.suppress(OSError):
            files.write_atomic(entry, encode(made), folder)
            _prune(folder)
    return made
