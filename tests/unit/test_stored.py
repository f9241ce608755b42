"""The page set kept between builds (khartoum_site/outputs/stored.py): the same pages with and without it,
made again whenever an input changed, and never read from a damaged entry or through a planted link."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from helpers import DATA_DATE, SITE_NAME, DataCopy

from khartoum_site.adapters import prepare
from khartoum_site.outputs import pageset, stored
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.problems import DataError
from khartoum_site.site.pages import Page


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No page set in memory from another test; the data's date without git (a subprocess)."""
    monkeypatch.setattr(pageset, "data_date", lambda _data_dir: DATA_DATE)
    stored._LAST.clear()
    yield
    stored._LAST.clear()


def options(copy: DataCopy, cache: bool = True, site_url: str | None = None) -> prepare.Options:
    return prepare.Options(copy.data, SITE_NAME, site_url, None, copy.root,
                           copy.root / prepare.CACHE_DIR if cache else None)


def entries(copy: DataCopy) -> list[Path]:
    return sorted((copy.root / prepare.CACHE_DIR).glob(f"*{stored.SUFFIX}"))


def made_from_disk(copy: DataCopy) -> PageSet:
    """The page set as the next build's process reads it: nothing in memory, the gate not run."""
    stored._LAST.clear()
    with mock.patch.object(prepare, "checked_record", side_effect=AssertionError("the gate ran: not read")):
        return prepare.make(options(copy))


def test_an_entry_reads_back_as_the_page_set_it_was_written_from(page_set: PageSet) -> None:
    assert stored.decode(stored.encode(page_set)) == page_set


def test_the_pages_and_files_are_the_same_with_and_without_the_store(data_copy: DataCopy) -> None:
    without = prepare.make(options(data_copy, cache=False))
    assert entries(data_copy) == []
    first = prepare.make(options(data_copy))  # made, and kept
    assert len(entries(data_copy)) == 1
    again = made_from_disk(data_copy)
    assert first == without
    assert again == without
    assert again.files == without.files  # byte for byte
    assert {p: page.markdown for p, page in again.pages.items()} == \
        {p: page.markdown for p, page in without.pages.items()}


def test_a_changed_data_file_makes_the_pages_again(data_copy: DataCopy) -> None:
    prepare.make(options(data_copy))
    data_copy.replace("states.yml", "  name: Austria\n", "  name: Republic of Austria\n")
    stored._LAST.clear()
    changed = prepare.make(options(data_copy))
    assert changed.pages["states/austria.md"].title == "Republic of Austria"
    assert changed == prepare.make(options(data_copy, cache=False))
    assert len(entries(data_copy)) == 2


@pytest.mark.parametrize("change", ["data byte", "new file", "seed", "site_url", "site_name", "data date", "code"])
def test_every_input_is_in_the_digest(data_copy: DataCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      change: str) -> None:
    def digest(site_url: str | None = None, name: str = SITE_NAME, date: str = DATA_DATE) -> str | None:
        return stored.inputs_digest(data_copy.data, name, site_url, date)

    before = digest()
    assert before is not None
    assert digest() == before
    seed = next((data_copy.data / "seeds").iterdir())
    after = {
        "data byte": lambda: (data_copy.replace("states.yml", "Austria", "Austrib"), digest())[1],
        "new file": lambda: ((data_copy.data / "documents" / "extra.yml").write_text("id: x\n"), digest())[1],
        "seed": lambda: (seed.write_bytes(seed.read_bytes() + b" "), digest())[1],
        "site_url": lambda: digest(site_url="https://example.org/kp/"),
        "site_name": lambda: digest(name=SITE_NAME + " (draft)"),
        "data date": lambda: digest(date="2099-01-01"),
        "code": lambda: (shutil.copytree(stored.PACKAGE, tmp_path / "code"),
                         (tmp_path / "code" / "site" / "templates" / "state.md.j2").write_text("changed"),
                         monkeypatch.setattr(stored, "PACKAGE", tmp_path / "code"), digest())[-1],
    }[change]()
    assert after is not None
    assert after != before


def test_a_file_settled_when_read_is_not_read_again_until_it_changes_even_keeping_its_size_and_time(
        data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """The digest of a file is kept with its state (``stored._file_digest``): a server's rebuild reads no file
    that did not change, and a file changed in place, with its size and modification time set back as they were,
    is read again (its change time moved)."""
    def digest() -> str | None:
        return stored.inputs_digest(data_copy.data, SITE_NAME, None, DATA_DATE)

    states = data_copy.data / "states.yml"
    now = time.time_ns()
    monkeypatch.setattr(time, "time_ns", lambda: now + 10 * stored.SETTLED_NS)  # read long after its change
    stored._FILE_DIGESTS.clear()
    before = digest()
    read: list[Path] = []
    original = Path.read_bytes

    def counted(self: Path) -> bytes:
        read.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    assert digest() == before
    assert read == []
    text, info = states.read_bytes(), states.stat()
    read.clear()
    changed = text.replace(b"Austria", b"Austrib", 1)
    assert len(changed) == len(text)
    states.write_bytes(changed)
    os.utime(states, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert states.stat().st_size == info.st_size
    assert states.stat().st_mtime_ns == info.st_mtime_ns
    after = digest()
    assert after != before
    assert read == [states.resolve()]


def test_a_file_changed_just_before_it_was_read_is_read_again_each_time(data_copy: DataCopy,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    stored._FILE_DIGESTS.clear()
    stored.inputs_digest(data_copy.data, SITE_NAME, None, DATA_DATE)
    data_copy.replace("states.yml", "Austria", "Austrib")
    read: list[Path] = []
    original = Path.read_bytes

    def counted(self: Path) -> bytes:
        read.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    stored.inputs_digest(data_copy.data, SITE_NAME, None, DATA_DATE)
    stored.inputs_digest(data_copy.data, SITE_NAME, None, DATA_DATE)
    assert read.count((data_copy.data / "states.yml").resolve()) == 2  # not settled: never kept


def test_a_damaged_entry_is_ignored_and_written_again_whole(data_copy: DataCopy) -> None:
    good = prepare.make(options(data_copy))
    [entry] = entries(data_copy)
    whole = entry.read_bytes()
    for damaged in (whole[: len(whole) // 2], whole.replace(b"Austria", b"Austrib", 1), b""):
        entry.write_bytes(damaged)
        stored._LAST.clear()
        assert prepare.make(options(data_copy)) == good
        assert entry.read_bytes() == whole


def test_a_planted_link_is_never_followed(data_copy: DataCopy, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = data_copy.root / prepare.CACHE_DIR
    folder.parent.mkdir()
    folder.symlink_to(elsewhere)
    good = prepare.make(options(data_copy))
    assert list(elsewhere.iterdir()) == []  # nothing written through the link
    folder.unlink()

    # An entry that is a link, to a well-formed entry of other pages: not read.
    key = stored.inputs_digest(data_copy.data, SITE_NAME, None, DATA_DATE)
    other = tmp_path / "other.page-set"
    planted = stored.encode(PageSet({}, {"planted.txt": b"planted"}))
    other.write_bytes(planted)
    folder.mkdir()
    (folder / f"{key}{stored.SUFFIX}").symlink_to(other)
    stored._LAST.clear()
    assert prepare.make(options(data_copy)) == good
    assert other.read_bytes() == planted  # the link's target was not written over either
    assert (folder / f"{key}{stored.SUFFIX}").is_symlink()  # the store left the planted link alone


def test_a_data_folder_with_a_link_is_not_stored(data_copy: DataCopy, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("outside\n")
    os.symlink(tmp_path / "notes.txt", data_copy.data / "geo" / "notes.txt")
    assert stored.inputs_digest(data_copy.data, SITE_NAME, None, DATA_DATE) is None


def test_data_the_gate_refuses_is_never_stored(data_copy: DataCopy) -> None:
    data_copy.replace("states.yml", "  iso2: \"AT\"\n", "  iso2: \"A\"\n")
    for _ in range(2):
        with pytest.raises(DataError, match="state 'austria', field 'iso2'"):
            prepare.make(options(data_copy))
    assert entries(data_copy) == []


def test_only_the_last_entries_are_kept(data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepare, "make_page_set", lambda *_args: PageSet({}, {}))
    for n in range(stored.KEEP + 2):
        monkeypatch.setattr(pageset, "data_date", lambda _data_dir, n=n: f"2025-01-0{n + 1}")
        prepare.make(options(data_copy))
    assert len(entries(data_copy)) == stored.KEEP


def test_a_working_folder_that_is_gone_stores_nothing_and_still_builds(data_copy: DataCopy,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A server started inside a folder a build has since replaced: file names cannot be made relative to it."""
    def gone() -> str:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(os, "getcwd", gone)
    assert stored.inputs_digest(data_copy.data, SITE_NAME, None, DATA_DATE) is None
    monkeypatch.setattr(prepare, "make_page_set", lambda *_args: PageSet({}, {"made.txt": b"made"}))
    assert prepare.make(options(data_copy)).files == {"made.txt": b"made"}
    assert entries(data_copy) == []


@pytest.mark.parametrize("planted", ["script", "outside"])
def test_an_entry_not_sealed_with_the_user_s_secret_is_never_read(data_copy: DataCopy, planted: str) -> None:
    """An attack edited an entry and recomputed its plain digest: its script was published and its file rows
    wrote outside the project, with the gate never run. Entries are sealed with a secret of the user's own."""
    prepare.make(options(data_copy))
    [entry] = entries(data_copy)
    made = made_from_disk_or_made(data_copy)
    if planted == "script":
        pages = {"x.md": Page("x.md", "X", "<script>alert(1)</script>"), **made.pages}
        forged = PageSet(pages, made.files, made.entries, made.aliases, made.data_date)
    else:
        forged = PageSet(made.pages, {"../../outside.txt": b"x", **made.files}, made.entries, made.aliases,
                         made.data_date)
    body = stored.encode(forged).split(b"\n", 2)[2]  # the format line, the seal, the body
    assert (b"<script>" if planted == "script" else b"outside.txt") in body
    entry.write_bytes(stored.FORMAT + hashlib.blake2b(body, digest_size=32).hexdigest().encode("ascii") + b"\n" + body)
    again = made_from_disk_or_made(data_copy)
    assert again == prepare.make(options(data_copy, cache=False))


def made_from_disk_or_made(copy: DataCopy) -> PageSet:
    stored._LAST.clear()
    return prepare.make(options(copy))


def test_a_file_path_leading_out_of_the_site_is_refused_even_when_sealed(page_set: PageSet) -> None:
    raw = stored.encode(PageSet(page_set.pages, {"../../outside.txt": b"x"}, page_set.entries, page_set.aliases,
                                page_set.data_date))
    with pytest.raises(ValueError, match="a path that leads outside the site"):
        stored.decode(raw)


@pytest.mark.parametrize("change", ["longer", "shorter", "negative", "extra"])
def test_a_sealed_entry_whose_lengths_do_not_add_up_is_refused(page_set: PageSet, change: str) -> None:
    """Each page's and file's bytes are read by the lengths the entry's first line gives: a length that runs past
    the end, or leaves bytes over, is a damaged entry, never a page cut at another place."""
    index, contents = stored.encode(page_set).split(b"\n", 2)[2].split(b"\n", 1)
    first = index.index(b",", index.index(b'"pages":[["') + len(b'"pages":[["'))  # after the first page's path
    length_at = index.index(b",", index.index(b",", first + 1) + 1) + 1  # its source path, title, then its length
    length_end = index.index(b",", length_at)
    length = int(index[length_at:length_end])
    new_length = {"longer": length + 1, "shorter": length - 1, "negative": -1, "extra": length}[change]
    index = index[:length_at] + str(new_length).encode() + index[length_end:]
    body = index + b"\n" + contents + (b"x" if change == "extra" else b"")
    with pytest.raises(ValueError, match=r"beyond the entry's end|bytes after the last file"):
        stored.decode(stored.FORMAT + stored._seal(body) + b"\n" + body)


def test_an_entry_nested_too_deep_is_ignored(data_copy: DataCopy) -> None:
    """A planted entry of 200,000 brackets stopped every build with RecursionError until removed by hand."""
    prepare.make(options(data_copy))
    [entry] = entries(data_copy)
    body = b"[" * 200000 + b"]" * 200000
    entry.write_bytes(stored.FORMAT + stored._seal(body) + b"\n" + body)
    assert made_from_disk_or_made(data_copy) == prepare.make(options(data_copy, cache=False))


def test_a_store_folder_others_may_write_to_is_not_used(data_copy: DataCopy) -> None:
    folder = data_copy.root / prepare.CACHE_DIR
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    prepare.make(options(data_copy))
    assert entries(data_copy) == []


@pytest.mark.parametrize("cache_home", ["inside", "relative"])
def test_a_secret_kept_in_the_project_is_never_used(data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch,
                                                    cache_home: str) -> None:
    """An attack set XDG_CACHE_HOME to the project's .cache: the secret sat beside the entries it seals, so
    whoever ships the folder can seal a planted entry. A relative XDG_CACHE_HOME is ignored, as XDG says."""
    monkeypatch.chdir(data_copy.root)
    monkeypatch.setenv("XDG_CACHE_HOME", str(data_copy.root / ".cache") if cache_home == "inside" else ".cache")
    stored._secret.cache_clear()
    try:
        prepare.make(options(data_copy))
        if cache_home == "inside":
            assert entries(data_copy) == []
            assert not (data_copy.root / ".cache" / "khartoum-site" / "store.key").exists()  # never made there
        else:
            assert stored.secret_path() == Path(os.path.expanduser("~")) / ".cache" / "khartoum-site" / "store.key"
    finally:
        stored._secret.cache_clear()


@pytest.mark.parametrize("layout", ["a named pipe at the key", "a folder others may write to"])
def test_a_key_others_could_have_made_is_not_used_and_never_waited_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    """A seventh attack made the key a named pipe in a cache folder on a shared disk: the build hung. A key in a
    folder others may write to could be theirs, and would then seal what they plant."""
    folder = tmp_path / "cache" / "khartoum-site"
    folder.mkdir(parents=True, mode=0o700)
    if layout == "a named pipe at the key":
        os.mkfifo(folder / "store.key", 0o600)
    else:
        folder.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    stored._secret.cache_clear()
    try:
        assert stored._secret() is None  # returns at once: the pipe is opened without waiting for a writer
    finally:
        stored._secret.cache_clear()


def test_a_file_larger_than_the_gate_reads_is_not_read_whole_for_the_digest(data_copy: DataCopy) -> None:
    """A ninth attack put a sparse file of 3 GB under data/: the store's digest read it whole (3.2 GB resident)
    before the gate refused it. A data folder holding a file above the gate's largest limit is not stored, and
    the gate says what the file is."""
    huge = data_copy.data / "seeds" / "huge.txt"
    huge.parent.mkdir(exist_ok=True)
    with huge.open("wb") as stream:
        stream.truncate(stored.LARGEST_INPUT + 1)
    assert stored.inputs_digest(data_copy.data, "The record", None, "2026-12-06") is None
