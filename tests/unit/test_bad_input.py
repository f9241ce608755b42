"""A corpus of bad data: `khartoum-site check` rejects every entry with its exact message and place,
never with a traceback. The tables are in ``bad_data.py``; the build tier runs them through MkDocs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator

import pytest
from helpers import CORPUS, DATA, FILE_CORPUS, DataCopy, expected_messages

from khartoum_site.adapters.cli import main


@pytest.fixture(scope="module")
def corpus_data(tmp_path_factory: pytest.TempPathFactory) -> DataCopy:
    """One copy of the data for the whole corpus."""
    return DataCopy(tmp_path_factory.mktemp("corpus"))


@pytest.fixture
def one_file_changed(corpus_data: DataCopy, file: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[DataCopy]:
    """The corpus' copy, in which an entry changes the text of ``file``: put back as it was afterwards."""
    monkeypatch.chdir(corpus_data.root)
    yield corpus_data
    shutil.copyfile(DATA / file, corpus_data.data / file)


@pytest.mark.parametrize(("file", "old", "new", "count", "messages"), CORPUS)
def test_check_rejects_with_exact_message(one_file_changed: DataCopy, capsys: pytest.CaptureFixture[str],
                                          file: str, old: str, new: str, count: int, messages: list[str]) -> None:
    line = one_file_changed.replace(file, old, new)
    assert main(["check", "--data-dir", "data"]) == 1
    report = capsys.readouterr().err.splitlines()
    assert report[0] == f"The data has {count} problem{'s' if count > 1 else ''}; nothing was built:"
    shown = [row.strip() for row in report[1:] if row.strip().startswith(f"data/{file}:")]
    assert shown == expected_messages(one_file_changed, line, messages)


def test_the_corpus_covers_every_class() -> None:
    ids = [str(p.id) for p in CORPUS]
    for prefix in ("syntax", "type", "missing", "unknown-key", "unknown-ref", "duplicate", "date", "id", "url",
                   "python-tag", "alias", "verbatim"):
        assert any(i.startswith(prefix) for i in ids), prefix
    assert len(ids) >= 30


# --- Odd files on disk, guards that cannot be read, YAML that reads other than it looks ----------------

@pytest.mark.parametrize("setup", FILE_CORPUS)
def test_check_rejects_odd_files_with_one_line_each(data_copy: DataCopy, capsys: pytest.CaptureFixture[str],
                                                    setup: Callable[[DataCopy], list[str]]) -> None:
    expected = setup(data_copy)
    assert main(["check", "--data-dir", "data"]) == 1
    report = capsys.readouterr().err.splitlines()
    assert report[0] == f"The data has {len(expected)} problem{'s' if len(expected) > 1 else ''}; nothing was built:"
    assert [row.strip() for row in report[1:]] == expected


def test_the_new_corpora_cover_every_case_of_the_trust_boundary() -> None:
    ids = [str(p.id) for p in CORPUS] + [str(p.id) for p in FILE_CORPUS]
    for prefix in ("text-", "reserved-", "manifest-", "geo-", "source-", "data-", "yaml-"):
        assert any(i.startswith(prefix) for i in ids), prefix
    new = [i for i in ids if i.startswith(("text-", "reserved-", "manifest-", "geo-", "source-", "data-", "yaml-"))]
    assert len(new) >= 30
