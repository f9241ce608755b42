"""Nothing depends on the working folder: a server started inside the published site (a build that the next
build removes) loses it, and its next rebuild must still read the data and make every page and address."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest
from helpers import DATA, DATA_DATE, SITE_NAME

from khartoum_site.outputs import pageset
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.model import Record
from khartoum_site.record.validate import load_record, shown


@pytest.fixture
def no_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "published-build"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # as the next build removes the build a server was started in
    with pytest.raises(FileNotFoundError):
        os.getcwd()


@pytest.mark.usefixtures("no_working_folder")
def test_the_data_loads_and_paths_are_named_without_a_working_folder(record: Record) -> None:
    assert shown(DATA / "states.yml") == str(DATA / "states.yml")
    again = load_record(DATA)
    assert set(again.states) == set(record.states)
    assert [p.text for p in again.paragraphs()] == [p.text for p in record.paragraphs()]


@pytest.mark.usefixtures("no_working_folder")
def test_the_page_set_is_made_the_same_without_a_working_folder(record: Record, page_set: PageSet) -> None:
    with mock.patch.object(pageset, "data_date", return_value=DATA_DATE):
        again = pageset.make_page_set(record, DATA, SITE_NAME, None)
    assert {path: page.markdown for path, page in again.pages.items()} == {
        path: page.markdown for path, page in page_set.pages.items()}
    assert again.files == page_set.files
