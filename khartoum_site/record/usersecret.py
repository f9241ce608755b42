"""This user's secret, which seals what the tool keeps between runs (the page-set store, the compiled templates).

A kept file is used only when its seal, a digest keyed with the secret, matches. The secret is 32 random bytes in
the user's own cache folder (``$XDG_CACHE_HOME`` when it is an absolute path, as the XDG rules want, else
``~/.cache``), mode 0600, made once, and the key is those bytes bound to the file that holds them on this machine:
a file planted by anyone else (in a repository, a shared temporary folder, a restored CI cache) cannot carry a
matching seal, even with a key file shipped beside it. It imports nothing of the project: every stage that keeps
a file uses it.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path


def secret_path() -> Path:
    """Where the secret is kept: ``<cache>/khartoum-site/store.key``."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(home):
        home = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(home) / "khartoum-site" / "store.key"


_PROJECT_FILES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml", "zensical.toml")
_PROJECTS: set[str] = set()  # the folders of the configuration files this process was given (``guard``)


def guard(folder: Path | str) -> None:
    """Count ``folder`` (the folder of the configuration a command was given, whatever its file's name) as a
    project: nothing of the tool's own is made in it."""
    _PROJECTS.add(os.path.realpath(folder))


def in_a_project(path: Path | str) -> bool:
    """Whether ``path`` lies in a site project: a folder above it holds a ``mkdocs.yml``. What the tool keeps for
    itself (the key, compiled templates) is never made there, wherever the command runs from and whichever
    configuration it is given: in the project's docs/ it was published with the site (an attack set
    XDG_CACHE_HOME or TMPDIR there and built with ``-f``), in its data/ every build failed on it."""
    folder = Path(os.path.realpath(path))
    if any(folder.is_relative_to(project) for project in _PROJECTS):
        return True
    for above in (folder, *folder.parents):
        if above.parent == above:  # the root of the file system is no project
            break
        if any(os.path.isfile(above / name) for name in _PROJECT_FILES):
            return True
    return False


@functools.cache
def secret() -> bytes | None:
    """The secret, made if missing; None when it cannot be made or read safely (then nothing is kept or read),
    or when it would lie in a site project (``in_a_project``)."""
    path = secret_path()
    if in_a_project(path.parent):
        return None
    # Never through a link, never waiting: a named pipe planted at the key (a cache folder on a shared disk)
    # hung the build until someone wrote to it (an attack).
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = os.lstat(path.parent)
        # The key's folder is this user's own, closed to others' writes: anyone who may write there may
        # put a key of their own, and then seal what this user runs.
        if (not stat.S_ISDIR(folder.st_mode) or folder.st_mode & 0o022
                or (hasattr(os, "getuid") and folder.st_uid != os.getuid())):
            return None
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as stream:
                stream.write(secrets.token_bytes(32))
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if (not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077
                    or (hasattr(os, "getuid") and info.st_uid != os.getuid())):
                return None
            found = stream.read(33)
    except OSError:
        return None
    if len(found) != 32:
        return None
    # The key is the random bytes bound to the file that holds them on this machine (its device, inode and
    # change time): a key file that arrives with a repository, a copied folder or a restored cache is a new
    # file, so seals made with its bytes elsewhere never match here, wherever the file lies (an attack shipped a
    # key and compiled templates sealed with it in a project, and ran the command from outside the project).
    where = f"{info.st_dev}:{info.st_ino}:{info.st_ctime_ns}".encode("ascii")
    return hashlib.blake2b(found + where, digest_size=32, person=b"khartoum-site").digest()


def lies_in(folder: Path | str) -> bool:
    """Whether the secret lies inside ``folder`` (a project): then whoever can write the project, or ships its
    files, holds the secret too, and a seal proves nothing."""
    return Path(os.path.realpath(secret_path())).is_relative_to(os.path.realpath(folder))


def seal(body: bytes | memoryview) -> bytes | None:
    """``body``'s digest keyed with the secret (64 hexadecimal digits), or None when there is no secret."""
    key = secret()
    if key is None:
        return None
    return hashlib.blake2b(body, digest_size=32, key=key).hexdigest().encode("ascii")


def sealed_by_us(found: bytes, body: bytes) -> bool:
    """Whether ``found`` is the seal this user's secret gives ``body``."""
    expected = seal(body)
    return expected is not None and hmac.compare_digest(found, expected)
