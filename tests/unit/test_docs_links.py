"""A symbolic link under docs/ is published as the file it points to: one that leads outside the folder
(an attack found ``docs/env.txt -> /proc/self/environ`` publishing the build's secrets) is refused before
anything is built, and so is a link that cannot be followed or a file that is not a plain file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khartoum_site.adapters.prepare import docs_problem


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "assets").mkdir(parents=True)
    (folder / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("SECRET=hunter2\n", encoding="utf-8")
    return folder


def test_a_folder_of_plain_files_and_inner_links_is_published(docs: Path) -> None:
    (docs / "assets" / "home.md").symlink_to(docs / "index.md")  # a link that stays inside: harmless
    (docs / ".#index.md").symlink_to("user@host.1234")  # an editor's lock link: a dot name, not published
    assert docs_problem(docs) is None


@pytest.mark.parametrize("where", ["env.txt", "assets/env.txt"])
def test_a_link_to_a_file_outside_is_refused_naming_both(docs: Path, where: str) -> None:
    (docs / where).symlink_to(docs.parent / "secret.txt")
    problem = docs_problem(docs)
    assert problem is not None
    assert f"{docs / where} is a symbolic link to {docs.parent / 'secret.txt'}, outside {docs}" in problem
    assert "remove the link" in problem


def test_a_link_to_a_folder_outside_is_refused(docs: Path) -> None:
    (docs / "etc").symlink_to(docs.parent)
    problem = docs_problem(docs)
    assert problem is not None
    assert f"{docs / 'etc'} is a symbolic link to {docs.parent}" in problem


def test_a_broken_or_looping_link_is_refused(docs: Path) -> None:
    (docs / "loop.md").symlink_to(docs / "loop.md")
    problem = docs_problem(docs)
    assert problem is not None
    assert "cannot be followed" in problem


@pytest.mark.parametrize(("where", "to"), [("loop", "."), ("assets/up", ".."), ("assets/self", ".")])
def test_a_link_to_a_folder_that_holds_it_is_refused(docs: Path, where: str, to: str) -> None:
    """`docs/loop -> .` resolves inside docs, but an engine following it walks docs/loop/loop/… (MkDocs: 40 levels
    deep, 19 s, then an error naming a 40-level path)."""
    (docs / where).symlink_to(to)
    problem = docs_problem(docs)
    assert problem == (f"{docs / where} is a symbolic link to {(docs / where).resolve()}, a folder that holds the "
                       "link itself: an engine following it would walk the same folder again and again. Remove the "
                       "link")


def test_a_link_to_a_sibling_folder_inside_is_published(docs: Path) -> None:
    (docs / "pictures").symlink_to("assets")
    assert docs_problem(docs) is None


def test_a_named_pipe_is_refused(docs: Path) -> None:
    os.mkfifo(docs / "page.md")
    problem = docs_problem(docs)
    assert problem is not None
    assert "not a plain file or folder" in problem


def test_a_name_in_the_message_cannot_write_to_the_terminal(docs: Path) -> None:
    (docs / "a\x1b[2Jb.txt").symlink_to(docs.parent / "secret.txt")
    problem = docs_problem(docs)
    assert problem is not None
    assert "\x1b" not in problem
    assert "\\x1b" in problem


def test_a_link_reached_through_a_dot_folder_is_refused(docs: Path) -> None:
    """An engine skips a dot-folder, but not when another link leads into it: ``docs/hop -> .x`` published
    ``.x/env.txt`` (a link to a secret) as ``hop/env.txt``."""
    (docs / ".x").mkdir()
    (docs / ".x" / "env.txt").symlink_to(docs.parent / "secret.txt")
    (docs / "hop").symlink_to(".x")
    problem = docs_problem(docs)
    assert problem is not None
    assert f"{docs / '.x' / 'env.txt'} is a symbolic link to {docs.parent / 'secret.txt'}" in problem
