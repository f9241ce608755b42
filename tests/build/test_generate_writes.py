"""`khartoum-site generate OUT` against hostile layouts (found by an independent attack): a --site-url that
would forge a line of robots.txt, a hard link planted at a page's place, a symbolic link on the way."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from helpers import DATA

from khartoum_site.adapters.cli import main


def generate(out: Path, *extra: str) -> int:
    return main(["generate", str(out), "--data-dir", str(DATA), *extra])


def test_a_site_url_with_a_line_break_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate(tmp_path / "out", "--site-url", "https://example.org/\nSitemap: https://evil.example/") == 1
    assert "--site-url" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_hard_link_at_a_page_s_place_is_replaced_not_written_through(tmp_path: Path) -> None:
    """A link planted at the place of a page `generate` wrote, holding what it wrote (else it is refused, below)."""
    out = tmp_path / "out"
    assert generate(out) == 0
    outside = tmp_path / "outside.txt"
    outside.write_bytes((out / "index.md").read_bytes())
    (out / "index.md").unlink()
    os.link(outside, out / "index.md")
    outside.chmod(0o644)
    assert generate(out) == 0
    assert not os.path.samefile(outside, out / "index.md")  # replaced: the link's other name is left alone
    assert outside.read_bytes() == (out / "index.md").read_bytes()


def test_a_file_generate_did_not_write_is_never_written_over(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An attack's GEN1: `generate OUT` replaced a user's own file at a page's place without a word. A file it wrote
    is written over on the next run; one it did not write, or one changed since, is refused, and nothing written."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.md").write_text("my own notes\n", encoding="utf-8")
    assert generate(out) == 1
    assert (f"refusing to write index.md: {out / 'index.md'} is a file `generate` did not write there (or it was "
            "changed since); move it away. Nothing was written.") in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["index.md"]
    assert (out / "index.md").read_text(encoding="utf-8") == "my own notes\n"
    (out / "index.md").unlink()
    assert generate(out) == 0
    first = (out / "index.md").stat().st_ino
    assert generate(out) == 0  # its own files, written over
    assert (out / "index.md").stat().st_ino != first
    with (out / "timeline.md").open("a", encoding="utf-8") as page:
        page.write("An editor's line.\n")
    assert generate(out) == 1
    assert "refusing to write timeline.md:" in capsys.readouterr().err
    assert (out / "timeline.md").read_text(encoding="utf-8").endswith("An editor's line.\n")


def test_a_symbolic_link_on_the_way_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "states").symlink_to(elsewhere)
    assert generate(out) == 1
    assert "refusing to write states/" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["states"]  # nothing else was written


@pytest.mark.parametrize(("planted", "said"), [
    ("states", "refusing to write states/index.md: {out}/states is a file where a folder goes"),
    ("index.md/", "refusing to write index.md: it is a folder where a file goes"),
])
def test_a_file_where_a_folder_goes_is_refused_before_anything_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], planted: str, said: str) -> None:
    """Found by an attack halfway through the writes, with Python's errno words and the files before it written."""
    out = tmp_path / "out"
    out.mkdir()
    if planted.endswith("/"):
        (out / planted).mkdir()
    else:
        (out / planted).write_text("", encoding="utf-8")
    assert generate(out) == 1
    assert capsys.readouterr().err == said.format(out=out) + "; move it away. Nothing was written.\n"
    assert [p.name for p in out.iterdir()] == [planted.rstrip("/")]


def test_generate_writes_again_into_its_own_folder_beside_mkdocs_yml(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A corpus's W7: `generate out` run twice in a project refused its own pages as a docs folder's; a page
    changed since is still refused, and left as it is."""
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    out = tmp_path / "out"
    assert generate(out) == 0
    assert generate(out) == 0
    assert capsys.readouterr().out.count("Markdown pages and ") == 2
    (out / "index.md").write_text("# Mine\n", encoding="utf-8")
    assert generate(out) == 1
    assert "it looks like a project's docs folder" in capsys.readouterr().err
    assert (out / "index.md").read_text(encoding="utf-8") == "# Mine\n"


@pytest.mark.parametrize("stopped_after", [1, 40])
def test_a_run_stopped_part_way_is_repaired_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str], stopped_after: int) -> None:
    """An attack's BE1: a full disk (or a kill) part-way left files no list named, and the next run refused each as
    "a file `generate` did not write there". The first write is the list itself; the second run also rewrites a page
    whose content changed (its old and new digests are both listed)."""
    import errno

    from khartoum_site.record import files

    out = tmp_path / "out"
    if stopped_after == 40:
        assert generate(out) == 0
        (out / "index.md").write_bytes(b"# An older run's page\n")  # as an older version of the tool wrote it
        listed = json.loads((out / ".khartoum-generated.json").read_text(encoding="utf-8"))
        listed["index.md"] = hashlib.sha256(b"# An older run's page\n").hexdigest()
        (out / ".khartoum-generated.json").write_text(json.dumps(listed), encoding="utf-8")
    real, calls = files.write_atomic, []

    def full_disk(path: Path, content: bytes, root: Path) -> None:
        calls.append(path)
        if len(calls) > stopped_after:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, content, root)

    monkeypatch.setattr(files, "write_atomic", full_disk)
    assert generate(out) == 1
    assert "No space left on device" in capsys.readouterr().err
    monkeypatch.setattr(files, "write_atomic", real)
    assert generate(out) == 0, capsys.readouterr().err
    assert (out / "index.md").read_bytes() != b"# An older run's page\n"


def test_its_own_list_made_a_link_is_said_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attack's BH4: with its list of written files replaced by a link, generate told the editor to move a page
    it had written, and moving it moved the refusal on to the next."""
    out = tmp_path / "out"
    assert generate(out) == 0
    listed = out / ".khartoum-generated.json"
    (tmp_path / "elsewhere.json").write_bytes(listed.read_bytes())
    listed.unlink()
    listed.symlink_to(tmp_path / "elsewhere.json")
    capsys.readouterr()
    assert generate(out) == 1
    assert capsys.readouterr().err == (f"{listed} is a symbolic link, where generate keeps its own list of the files "
                                       "it wrote: remove it (generate writes it again). Nothing was written.\n")


def test_data_that_cannot_be_read_is_said_as_nothing_written(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An attack's BJ6: `generate` and `manifest` said "nothing was built" of data they could not read."""
    assert main(["generate", str(tmp_path / "out"), "--data-dir", str(tmp_path / "nosuch")]) == 1
    said = capsys.readouterr().err
    assert said.startswith("The data has 1 problem; nothing was written:"), said
    assert not (tmp_path / "out").exists()
