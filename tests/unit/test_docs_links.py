"""A symbolic link under docs/ is published as the file it points to: one that leads outside the folder
(an attack found ``docs/env.txt -> /proc/self/environ`` publishing the build's secrets) is refused before
anything is built, and so is a link that cannot be followed or a file that is not a plain file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khartoum_site.adapters.prepare import FileProblem, docs_problem, settings_problem


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


# the last: a name that is not UTF-8 (a Latin-1 archive unpacked), which an engine published as an empty site
@pytest.mark.parametrize("name", ["a\x1b[31mred\n::error file=z::forged.md", "page\u202e.md", "sub\u200bfolder",
                                  "ab\udcff.md"])
def test_a_name_a_reader_cannot_see_is_refused(docs: Path, name: str) -> None:
    """A seventh attack: a page whose file name held an escape sequence and a line break was published under that
    name, and the engines' servers printed it raw (a forged CI annotation)."""
    if name.endswith(".md"):
        (docs / name).write_text("# Page\n", encoding="utf-8")
    else:
        (docs / name).mkdir()
    problem = docs_problem(docs)
    assert problem is not None
    odd = next(c for c in name if c in "\x1b\u202e\u200b\udcff")
    assert f"has a name holding the character U+{ord(odd):04X} (a control, invisible or text-direction character)" \
        in problem
    assert problem.endswith("rename it")
    assert "\x1b" not in problem
    assert "\n" not in problem


@pytest.mark.parametrize("name", ["a\\b.md", "sub\\folder"])
def test_a_name_with_a_backslash_is_refused(docs: Path, name: str) -> None:
    """A fourteenth attack: Zensical skipped a page named a\\b.md, built no page, and the empty build replaced the
    published site (the build now refuses an empty build too)."""
    if name.endswith(".md"):
        (docs / name).write_text("# Page\n", encoding="utf-8")
    else:
        (docs / name).mkdir()
    problem = docs_problem(docs)
    assert problem is not None
    assert "has a backslash in its name, which Windows and an engine read as a folder separator: rename it" in problem


def test_a_name_in_another_script_is_published(docs: Path) -> None:
    (docs / "café-العربية.md").write_text("# Page\n", encoding="utf-8")
    assert docs_problem(docs) is None


@pytest.mark.parametrize("custom_dir", ["", ".", "{project}"])
def test_a_theme_folder_that_holds_the_project_is_refused(docs: Path, monkeypatch: pytest.MonkeyPatch,
                                                          custom_dir: str) -> None:
    """custom_dir '' published the project's data, code, tests and .env as theme files (a seventh attack)."""
    monkeypatch.chdir(docs.parent)
    problem = settings_problem(None, "The record", docs, custom_dir.format(project=docs.parent))
    assert problem is not None
    assert problem.startswith("theme.custom_dir ")
    assert "which holds the docs folder (the project itself?)" in problem
    assert "Give the theme's files a folder of their own, such as overrides/" in problem


def test_a_theme_folder_of_its_own_is_used(docs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (docs.parent / "overrides").mkdir()
    monkeypatch.chdir(docs.parent)
    assert settings_problem(None, "The record", docs, "overrides") is None


@pytest.mark.parametrize(("front", "said"), [
    ("hide: 5", "its front matter's hide must be a list of words, such as [navigation, toc]; it is 5"),
    ("template: 5", "its front matter's template must be text; it is 5"),
    ("search: 5", "its front matter's search must be a mapping such as {exclude: true} or {boost: 2}; it is 5"),
    ("title: {a: 1}", "its front matter's title must be text; it is {a: 1}"),  # (as written, not {'a': 1}: BT7)
    # BT7: as written, not as Python reads it ("31", "True")
    ("author: 0x1F", "its front matter's author must be text; it is 0x1F"),
    ("hide:\n  - toc\n  - 5", "its front matter's hide must be a list of words, such as [navigation, toc]; it is a "
                              "list holding a whole number (YAML reads 12:30, 0x1F and 1_000 as numbers: put a text in "
                              "quotes)"),
    # D7-8: a number, a date, true or false, told how to write it as text ("it is 2025" read as "yes, I wrote that")
    ("title: 2025", 'its front matter\'s title must be text; it is 2025: put it in quotes (title: "2025")'),
    ("title: 2024-04-17", 'its front matter\'s title must be text; it is 2024-04-17: put it in quotes (title: '
                          '"2024-04-17")'),
    ("title: 3.10", 'its front matter\'s title must be text; it is 3.10: put it in quotes (title: "3.10")'),
    ("description: 2025", 'its front matter\'s description must be text; it is 2025: put it in quotes (description: '
                          '"2025")'),
    ("author: 0x1F", 'its front matter\'s author must be text; it is 0x1F: put it in quotes (author: "0x1F")'),
    ("tags: [2025, Cairo]", "its front matter's tags must be a list of words, such as [Cairo, migration]; it is "
                            '[2025, Cairo]; quote each number, date, true or false in it ("2025")'),
    ("tags: [yes]", 'line 2, column 8: its front matter\'s tags, yes, is read by MkDocs as the value true and by '
                    'Zensical as the text yes: put it in quotes ("yes")'),
    ("search: true", "its front matter's search must be a mapping such as {exclude: true} or {boost: 2}; it is true"),
    ("description: [1, 2]", "its front matter's description must be text; it is [1, 2]"),
    ("tags: [a, {b: 1}]", "its front matter's tags must be a list of words"),
    # a nineteenth attack: Material writes these into a <meta> attribute as they are
    ('description: \'The "Rome" process onmouseover=alert(121) x\'', "its front matter's description holds '\"'"),
    ("author: <b>x</b>", "its front matter's author holds '<'"),
    # an attack's BH2: the title, subtitle and status are written as they are, into the head and the navigation
    ("title: Q&A on Rome <draft> & Cairo", "its front matter's title holds '<', which the theme writes into the pages "
                                          "as it is"),
    ("subtitle: S <b onmouseover=alert(3)>sub</b>", "its front matter's subtitle holds '<'"),
    ("status: new\" onmouseover=\"alert(4)", "its front matter's status holds '\"'"),
    ("title: Fish &amp; chips", "its front matter's title holds '&'"),
    # an attack's BJ1: keys the theme writes as it is beyond those it reads for the page (the source-file dates, a
    # redirect's location), any value holding markup
    ("revision_date: <svg onload=alert(1)>", "its front matter's revision_date holds '<', which the theme may write "
                                             "into the pages as it is"),
    ("git_creation_date_localized: <script>alert(2)</script>", "its front matter's git_creation_date_localized holds"),
    ("extra:\n  note: '\"x'", "its front matter's extra.note holds '\"'"),
    ("template: redirect.html\nlocation: javascript:alert(1)//", "its front matter's location is a javascript: "
                                                                 "address"),
    # a twenty-second attack's TH4: front matter that is not YAML; MkDocs published its lines as the page's text, and
    # Zensical stopped in words of its own
    ("title: [unclosed", "its front matter (between the --- lines) is not YAML at line 3, column 1: expected ',' or "
                         "']', but got '<stream end>'; write it as key: value lines, or remove it"),
])
def test_a_front_matter_value_of_another_kind_is_refused_naming_the_page(docs: Path, front: str, said: str) -> None:
    """A fifteenth attack: `hide: 5` in a hand-written page ended the build in a template's traceback, which the
    build summed up as a line of carets."""
    for end in ("---", "..."):  # YAML's end of document closes a front matter too (a sixteenth attack)
        (docs / "fm.md").write_text(f"---\n{front}\n{end}\n# Page\n", encoding="utf-8")
        assert (docs_problem(docs) or "").startswith(f"{docs / 'fm.md'}: {said}"), docs_problem(docs)
        assert isinstance(docs_problem(docs), FileProblem)  # said naming the page, not mkdocs.yml (TH2)


@pytest.mark.parametrize(("written", "said"), [
    # an attack's BP1: a page of front matter only, saved with no newline after its closing fence: Zensical reads it
    # as front matter (MkDocs as text), and its title ran as a script in the head
    ("---\ntitle: Notes </title><script>alert(1)</script>\n---", "its front matter's closing --- ends the file, "
     "which the engines read differently (settings, or the page's text): end the line, or give the page a text "
     "after it"),
    ("---\ntitle: Notes\n---", "its front matter's closing --- ends the file"),  # (BR9: a safe title too)
    # BR2: two byte order marks, which Zensical strips before reading the front matter
    ("\ufeff\ufeff---\ntitle: Notes </title><script>alert(3)</script>\n---\n# Page\n",
     "its front matter's title holds '<'"),
    # BR5: empty, or not key: value lines (Zensical stops on both)
    ("---\n---\n# Page\n", "its front matter (between the --- lines) is empty: remove the two lines"),
    ("---\njust a line\n---\n# Page\n", "its front matter (between the --- lines) is not key: value lines"),
    # BR6: a YAML escape that makes a character the page check refuses when typed
    ('---\ntitle: "Notes \\e[31m red"\n---\n# Page\n', "its front matter's title holds the character U+001B"),
    # BT5: lines ending in a carriage return alone; BT6: a key that is not text
    ("---\rtitle: Notes\r---\r# Page\r", "its lines end in a carriage return alone, which the engines read "
     "differently: save it with ordinary line ends"),
    ("---\nyears:\n  2024: Kampala\n---\n# Page\n", "line 3, column 3: its front matter has the key 2024, which is "
     "not text: Zensical reads only keys of text; quote it"),
    # BP2: a line separator ends a line for PyYAML, which read "Safe title", not for Zensical, which published the rest
    ("---\ntitle: Safe title\u2028</title><script>alert(2)</script>\n---\n# Page\n",
     "its front matter holds the line separator U+2028 (LINE SEPARATOR), which the engines read differently: "
     "remove it"),
])
def test_front_matter_the_engines_read_otherwise_is_refused(docs: Path, written: str, said: str) -> None:
    (docs / "fm.md").write_text(written, encoding="utf-8")
    assert (docs_problem(docs) or "").startswith(f"{docs / 'fm.md'}: {said}"), docs_problem(docs)


@pytest.mark.parametrize(("front", "said"), [
    # an attack's BT4: YAML 1.1 (PyYAML: MkDocs, ProperDocs) and YAML 1.2 (Zensical) read these otherwise; a title 1e3
    # was published as 1000.0 by Zensical
    ("title: 1e3", "line 2, column 8: its front matter's title, 1e3, is read by MkDocs as the text 1e3 and by "
                   "Zensical as the number 1000.0: put it in quotes (title: \"1e3\") so that every engine reads it as "
                   "written"),
    ("description: 0o17", "line 2, column 14: its front matter's description, 0o17, is read by MkDocs as the text "
                          "0o17 and by Zensical as the number 15"),
    ("title: yes", "line 2, column 8: its front matter's title, yes, is read by MkDocs as the value true and by "
                   "Zensical as the text yes: put it in quotes (title: \"yes\")"),
    ("subtitle: 1_000", "line 2, column 11: its front matter's subtitle, 1_000, is read by MkDocs as the number 1000 "
                        "and by Zensical as the text 1_000"),
    ("title: 12:30", "line 2, column 8: its front matter's title, 12:30, is read by MkDocs as the number 750 and by "
                     "Zensical as the text 12:30"),
    ("status: .inf", "line 2, column 9: its front matter's status, .inf, is read by MkDocs as an infinite number and "
                     "by Zensical as empty"),
    ("title: Null", "line 2, column 8: its front matter's title, Null, is read by MkDocs as empty and by Zensical as "
                    "the text Null"),
    ("title: 017", "line 2, column 8: its front matter's title, 017, is read by MkDocs as the number 15 and by "
                   "Zensical as the number 17"),
    ("title: About\nsearch:\n  boost: 1_000", "line 4, column 10: its front matter's search.boost, 1_000, is read by "
     "MkDocs as the number 1000 and by Zensical as the text 1_000: put it in quotes if it is text, or write a number "
     "in plain digits and a yes or no as true or false"),
    ("extra:\n  note: off", "line 3, column 9: its front matter's extra.note, off, is read by MkDocs as the value "
                            "false and by Zensical as the text off"),
    ("1e3: x", "line 2, column 1: its front matter's key 1e3 is read by MkDocs as the text 1e3 and by Zensical as the "
               "number 1000.0: put it in quotes (\"1e3\")"),
    ("yes: x", "line 2, column 1: its front matter has the key yes, which is not text"),
    ("title: !!bool yes", "line 2, column 8: its front matter's title, !!bool yes, has a tag (!...), which the engines "
                          "read differently or not at all: remove the tag, and put a text in quotes"),
])
def test_a_front_matter_value_the_yaml_versions_read_otherwise_is_refused_at_its_line(docs: Path, front: str,
                                                                                      said: str) -> None:
    (docs / "fm.md").write_text(f"---\n{front}\n---\n# Page\n", encoding="utf-8")
    problem = docs_problem(docs)
    assert (problem or "").startswith(f"{docs / 'fm.md'}: {said}"), problem
    assert isinstance(problem, FileProblem)


@pytest.mark.parametrize("front", [
    'title: "1e3"', "title: '12:30'", "title: The 2024 meeting", "title: Rome 2014", 'description: "yes"',
    "title: !!str 1e3", "date: 2024-05-01", "search:\n  boost: 2\n  exclude: true", "search: {boost: 0.5}",
    "title: 2024", "weight: -3", "note: null", "note: ~", "note:", "title: About\nhide: [toc, navigation]",
    "title: |\n  1e3", 'title: "2025"', "title: '2024-04-17'", "tags: [Cairo, '2025']",
])
def test_a_front_matter_value_every_engine_reads_alike_passes(docs: Path, front: str) -> None:
    """Quoted, a title 1e3 is text to every engine; a number both read alike, a date, nothing, a word pass (BT4)."""
    (docs / "fm.md").write_text(f"---\n{front}\n---\n# Page\n", encoding="utf-8")
    problem = docs_problem(docs)
    assert problem is None or "is read by MkDocs" not in problem, problem


@pytest.mark.parametrize(("written", "said"), [
    # an attack's BT8: every engine publishes these as the page's text, a rule and "title: Notes" as a heading
    ("\n---\ntitle: Notes\n---\n# Notes\n", "line 2: its opening lines look like settings between --- lines (front "
     "matter), but a blank line comes before its first ---, so every engine would publish them as the page's text: "
     "remove the blank line above the first ---, or remove the lines if they are not the page's settings"),
    (" \n\n---\ntitle: Notes\n---\n", "line 3: its opening lines look like settings between --- lines (front matter), "
     "but blank lines come before its first ---"),
    ("---\ntitle: Notes\n----\n# Notes\n", "line 3: its opening lines look like settings between --- lines (front "
     "matter), but the line that closes them (----) is not three dashes alone, so every engine would publish them as "
     "the page's text: write each of its fences as three dashes alone at the start of a line (---)"),
    ("----\ntitle: Notes\n---\n# Notes\n", "line 1: its opening lines look like settings between --- lines (front "
     "matter), but its first line (----) is not three dashes alone"),
    ("---\ntitle: Notes\n--- # end\n# Notes\n", "line 3: its opening lines look like settings between --- lines "
     "(front matter), but the line that closes them (--- # end) is not three dashes alone"),
    ("  ---\ntitle: Notes\n---\n# Notes\n", "line 1: its opening lines look like settings between --- lines (front "
     "matter), but its first line is indented"),
    ("---\u00a0\ntitle: Notes\n---\n# Notes\n", "line 1: its opening lines look like settings between --- lines "
     "(front matter), but its first line"),
])
def test_front_matter_no_engine_reads_as_such_is_said_at_its_line(docs: Path, written: str, said: str) -> None:
    (docs / "fm.md").write_text(written, encoding="utf-8")
    problem = docs_problem(docs)
    assert (problem or "").startswith(f"{docs / 'fm.md'}: {said}"), problem
    assert isinstance(problem, FileProblem)


_LONG = "9" * 5000


@pytest.mark.parametrize(("written", "said"), [
    # D7-19: PyYAML stops on a whole number of more than 4,300 digits with a ValueError, which stopped the build as "an
    # error it did not foresee"
    (f"---\ntitle: {_LONG}\n---\n# Page\n", "line 2, column 8: its front matter's title is a number of 5,000 digits, "
     "too long to be read as a number: put it in quotes if it is text, or shorten it"),
    (f"---\ntitle: Notes\nextra:\n  count: [1, -{_LONG}]\n---\n# Page\n", "line 4, column 14: its front matter's "
     "extra.count is a number of 5,000 digits"),
    (f"---\ntitle: Notes\n? {_LONG}\n: x\n---\n# Page\n", "line 3, column 3: a key of its front matter is a number "
     "of 5,000 digits"),
    # (a hexadecimal one is read by PyYAML: said as any number Zensical reads otherwise, not in an OverflowError)
    ("---\ntitle: 0x" + "f" * 5000 + "\n---\n# Page\n", "line 2, column 8: its front matter's title, 0xfff"),
    # (a blank line before the fences: said first, as with any settings)
    (f"\n---\ntitle: {_LONG}\n---\n# Page\n", "line 2: its opening lines look like settings between --- lines"),
])
def test_a_number_too_long_to_read_is_said_at_its_line(docs: Path, written: str, said: str) -> None:
    (docs / "fm.md").write_text(written, encoding="utf-8")
    problem = docs_problem(docs)
    assert (problem or "").startswith(f"{docs / 'fm.md'}: {said}"), problem
    assert isinstance(problem, FileProblem)


@pytest.mark.parametrize("front", [f'title: "{_LONG}"', f"title: '{_LONG}'", f"title: |\n  {_LONG}",
                                   f"title: Year {_LONG}"])
def test_a_long_number_written_as_text_passes(docs: Path, front: str) -> None:
    (docs / "fm.md").write_text(f"---\n{front}\n---\n# Page\n", encoding="utf-8")
    problem = docs_problem(docs)
    assert problem is None or "digits" not in problem, problem


@pytest.mark.parametrize("written", [
    "---  \ntitle: Notes\n---\t\n# Notes\n",  # (spaces and tabs after a fence: every engine reads the settings)
    "---\ntitle: Notes\n...\n# Notes\n", "# Notes\n\n---\n\ntitle: text\n---\n",
    "\n---\n\nA rule, then text.\n\n---\n", "Text.\n\n----\n\nMore: text\n\n----\n",
    "----\n\nNote: a page opening with a rule and a note.\n\n----\n\nText.\n",
])
def test_a_page_with_front_matter_or_rules_every_engine_reads_alike_passes(docs: Path, written: str) -> None:
    (docs / "fm.md").write_text(written, encoding="utf-8")
    assert docs_problem(docs) is None


_META_LINES = ("which MkDocs reads as a setting of the page (with the lines after it up to the first blank line) and "
               "Zensical as text: write the page's settings between --- lines (YAML front matter), or begin the page "
               "with a blank line if the line is its text")


@pytest.mark.parametrize(("opening", "key"), [
    ("Title: Rome <img src=x onerror=alert(1)>\nDescription: x\n\n# Page\n", "Title:"),
    ("   author: The secretariat\n    and others\n\nText.\n", "author:"),
    ("Note:the text\r\nmore\r\n", "Note:"),
])
def test_settings_written_multimarkdown_style_are_refused_naming_the_line(docs: Path, opening: str, key: str) -> None:
    """An attack's BM2: MkDocs and ProperDocs read "Title: …" lines at a page's start as its settings and wrote the
    title into the page unchecked (an <img onerror> ran), while Zensical showed the lines as text."""
    (docs / "mmd.md").write_bytes(opening.encode())
    problem = docs_problem(docs)
    assert problem == f"{docs / 'mmd.md'}: line 1 opens with '{key}', {_META_LINES}"
    assert isinstance(problem, FileProblem)


@pytest.mark.parametrize("opening", ["# Title: a heading\n", "The Khartoum Process: a dialogue.\n", "\nTitle: text\n",
                                     "    code: indented\n", "[Title](about.md): a link\n",
                                     "---\ntitle: About\n---\nNote: read on\n"])
def test_a_page_opening_with_text_passes(docs: Path, opening: str) -> None:
    (docs / "text.md").write_text(opening, encoding="utf-8")
    assert docs_problem(docs) is None


def test_an_ordinary_front_matter_passes(docs: Path) -> None:
    (docs / "fm.md").write_text("---\ntitle: About\ndescription: What the record is\nhide: [navigation, toc]\n"
                                "search:\n  boost: 2\ntags: [a, b]\n---\n# Page\n", encoding="utf-8")
    assert docs_problem(docs) is None


@pytest.mark.parametrize(("first", "second"), [("about.md", "about/index.markdown"), ("a/b.md", "a/b/README.md"),
                                               ("x/index.md", "x.mkd")])
def test_two_hand_written_pages_at_one_address_are_refused(docs: Path, first: str, second: str) -> None:
    """A sixteenth attack: with about.md and about/index.markdown, MkDocs published one without a word and Zensical
    the other."""
    for name in (first, second):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Page\n", encoding="utf-8")
    problem = docs_problem(docs) or ""
    assert "are both the page " in problem, problem
    assert problem.endswith("an engine would publish one of them without a word; keep one")
    assert str(docs / first) in problem
    assert str(docs / second) in problem


def test_a_front_matter_of_a_markdown_page_is_checked(docs: Path) -> None:
    """The sixteenth attack's `hide: 5` in a page named fm.markdown passed the guard that read .md pages alone."""
    (docs / "fm.markdown").write_text("---\nhide: 5\n---\n# Page\n", encoding="utf-8")
    assert (docs_problem(docs) or "").startswith(f"{docs / 'fm.markdown'}: its front matter's hide must be a list")


@pytest.mark.parametrize("folder", ["sitemap.xml", "404.html", "search/search_index.json", "search.json"])
def test_a_folder_at_the_place_of_a_file_an_engine_writes_is_refused(docs: Path, folder: str) -> None:
    """A twenty-first attack: docs/sitemap.xml/a.txt stopped the build in the system's words ("Is a directory"),
    naming a temporary path, or none."""
    (docs / folder).mkdir(parents=True)
    (docs / folder / "a.txt").write_text("x", encoding="utf-8")
    assert docs_problem(docs) == f"{docs / folder} is a folder at the place of " + {
        "sitemap.xml": "the sitemap", "404.html": "the page for an address that is not found",
        "search/search_index.json": "the search index", "search.json": "Zensical's search index"}[folder] + \
        ", which an engine writes itself: rename or move it"


def test_a_control_character_in_a_page_is_refused_at_its_line(docs: Path) -> None:
    """A held-out round's BF9: an escape character in docs/about.md was published as it is."""
    (docs / "about.md").write_text("# About\n\nSee [[states/\x1b[31megypt]].\n", encoding="utf-8")
    assert docs_problem(docs) == FileProblem(f"{docs / 'about.md'}: line 3, column 14 holds the control character "
                                             "U+001B, which the page would publish as it is: remove it")


@pytest.mark.parametrize(("front", "said"), [
    # an attack's BW1: nine lines of aliases are a billion values, which every reader of the page's settings walked
    ("title: Aliases\n" + "".join(
        [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10) if n else ', '.join(['x'] * 10)}]\n" for n in range(9)]),
     "its front matter repeats values through aliases (*name) into more than 10,000 values: write the values out, "
     "without anchors (&name) and aliases"),
    # BW6: 500 lists, one in another, stopped check on "an error it did not foresee"
    ("title: Deep\nx: " + "[" * 500 + "]" * 500 + "\n",
     "its front matter nests lists or mappings hundreds of levels deep, more than a page's settings hold: write it "
     "flatter"),
    # BX8: a list inside itself
    ("title: Self\nx: &a [*a]\n", "its front matter holds a list or mapping inside itself through an alias (*name): "
     "write it out"),
])
def test_front_matter_too_large_to_read_is_said(docs: Path, front: str, said: str) -> None:
    (docs / "fm.md").write_text(f"---\n{front}---\n# Page\n", encoding="utf-8")
    assert docs_problem(docs) == f"{docs / 'fm.md'}: {said}"


def test_front_matter_sharing_a_value_through_an_alias_passes(docs: Path) -> None:
    (docs / "fm.md").write_text("---\ntitle: Shared\ntags: &t [Cairo, migration]\nkeywords: *t\n---\n# Page\n",
                                encoding="utf-8")
    assert docs_problem(docs) is None
