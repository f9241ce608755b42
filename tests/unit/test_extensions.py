"""The Markdown extensions a site may list (prepare.PROVEN_EXTENSIONS) are proven here against the escaping of
data text (escape.md_text): hostile text, put where a generated page puts data text, reads back as the same words
with no element of its own, through each extension alone and through all of them together."""

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from khartoum_site.adapters import engines, prepare
from khartoum_site.escape import md_text, one_line, without_controls
from khartoum_site.site.pages import text_kept

# Where a generated page puts a data text: alone as a paragraph, after a label, in a list item, a numbered item, a
# table cell and a heading ({x} is the text).
PLACES = ["{x}", "**Role:** {x}", "- {x}", "1. {x}", "| Name | Note |\n|---|---|\n| a | {x} |", "## {x}"]

# Each extension's own syntax, and the openers earlier attacks wrote into data text.
HOSTILE = [
    "/// details", "/// note | Title", "??? note", "???+ warning \"x\"", "!!! note", '=== "Tab"', "~~~", "```",
    "~~~ python",
    ": a definition", "Term\n: def", "^^x^^", "x^2^", "H~2~O", "~~gone~~", "==marked==", "%", "% x", "{++a++}",
    "{--a--}", "{~~a~>b~~}", "{==a==}", "{>>a<<}", "[^1]", "x [^n]", "[^1]: note", "*[HT]: Human trafficking",
    "++ctrl+alt+del++", "[x] done", "[ ] open", "- [x] done", "[= 50% \"half\"]", "`#!py x`", ":smile:",
    ":material-home:", ":+1:", "$x$", "$$x$$", "\\(x\\)", "<b>bold</b>", "&amp;", "&#58;", "a\\b", "\\ x",
    "[[x]]", "[[cairo-2025/op-12]]", "---", "***", "___", "1. a", "1) a", "a. b", "IV. c", "#x", "# x", "x\n\ny",
    "https://example.org", "www.example.org", "@user", "(c) (tm) -->", "1/2", '"q" -- x', "'''x'''", "**x**",
    "__x__", "*x*", "_x_", "> quote", "| a | b |", "{: .c }", "{ #id }", "x{ .c }", "<!-- c -->", "[x](y)",
    "![x](y)", "<https://example.org>", "[TOC]", "[x]{.c}", "[x][y]", "[y]: https://example.org", "{x}",
    "@@url@@", "--8<-- \"file.md\"", ";--8<-- file", "Title: value", "::error::x", "## x ##", "x\u2028y",
    "    four spaces", "\tx", " /// details", "? q", "= eq", "^ up", "/ slash", "+ plus", "* star",
]

_ALONE_PLACES = PLACES[:3] + PLACES[4:5]  # an extension alone: the places its block or inline syntax could open


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.words.append(data)


def _read(html: str) -> tuple[str, list[str]]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return " ".join("".join(reader.words).split()), reader.tags


def _shows_as_written(md: markdown.Markdown, place: str, text: str) -> None:
    expected_words, expected_tags = _read(md.reset().convert(place.replace("{x}", "PLACEHOLDER")))
    words, tags = _read(md.reset().convert(place.replace("{x}", md_text(text))))
    assert words == " ".join(expected_words.replace("PLACEHOLDER", one_line(text)).split()), (place, text)
    assert tags == expected_tags, (place, text, tags)


def _markdown(*extensions: str) -> markdown.Markdown:
    return markdown.Markdown(extensions=[*extensions, "tables"])


# Extensions that replace one another (two highlighters, two fence readers, two bundles of the same parts) are
# proven together in two sets; each is proven alone as well.
_TOGETHER = sorted(prepare.PROVEN_EXTENSIONS - {"codehilite", "fenced_code", "extra", "legacy_em"})
_TOGETHER_OTHER = sorted(prepare.PROVEN_EXTENSIONS - {"pymdownx.highlight", "pymdownx.superfences",
                                                      "pymdownx.inlinehilite", "pymdownx.extra", "pymdownx.betterem"})


@pytest.mark.parametrize("extension", sorted(prepare.PROVEN_EXTENSIONS))
def test_each_allowed_extension_shows_hostile_data_text_as_written(extension: str) -> None:
    md = _markdown(extension)
    for text in HOSTILE:
        for place in _ALONE_PLACES:
            _shows_as_written(md, place, text)


@pytest.mark.parametrize("extensions", [_TOGETHER, _TOGETHER_OTHER], ids=["pymdownx", "python-markdown"])
def test_the_allowed_extensions_together_show_hostile_data_text_as_written(extensions: list[str]) -> None:
    md = _markdown(*extensions)
    for text in HOSTILE:
        for place in PLACES:
            _shows_as_written(md, place, text)


_SYNTAX = [*"abXY09 /?=~:^%!#*+-_.`'\"<>&;[](){}|\\$@,\t\n", "\u2028", "==", "~~", "^^", "++", "///", "???", "{++",
           "[^", "*[", ":smile:", "&#"]
_TOGETHER_MD = _markdown(*_TOGETHER)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_SYNTAX), max_size=8).map("".join), st.sampled_from(["a", "Rome", "9"]),
       st.lists(st.sampled_from(_SYNTAX), max_size=8).map("".join), st.sampled_from(PLACES))
def test_any_text_of_syntax_characters_shows_as_written_through_the_allowed_extensions(before: str, word: str,
                                                                                       after: str, place: str) -> None:
    """A data text holds a letter or a digit (the validator refuses one without): anything around it."""
    _shows_as_written(_TOGETHER_MD, place, before + word + after)


@pytest.mark.parametrize("refused", ["pymdownx.smartsymbols", "smarty", "pymdownx.magiclink", "pymdownx.mark",
                                     "pymdownx.caret", "pymdownx.tilde", "pymdownx.arithmatex", "pymdownx.fancylists",
                                     "meta"])
def test_a_refused_extension_is_one_these_tests_would_catch(refused: str) -> None:
    """The proof can fail: each extension refused for rewriting text fails it."""
    md = _markdown(refused)

    def failures() -> int:
        failed = 0
        for text in HOSTILE:
            for place in PLACES:
                try:
                    _shows_as_written(md, place, text)
                except AssertionError:
                    failed += 1
        return failed

    assert failures() > 0


def _config(tmp_path: Path, extensions: str) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: Test\ntheme:\n  name: material\nplugins:\n  - khartoum\n"
                    f"markdown_extensions:\n{extensions}", encoding="utf-8")
    return path


@pytest.mark.parametrize(("listed", "named"), [
    ("  - pymdownx.smartsymbols\n", "pymdownx.smartsymbols, which turns (c), (tm), arrows and fractions into symbols"),
    ("  - toc\n  - pymdownx.inlinehilite\n  - nosuch.extension\n", "nosuch.extension, which is not among the "
     "extensions the record's texts are tested against: its syntax could turn a name or a quotation from the data "
     "into markup on a page; remove it, or use one of those the README lists"),
    ("  - markdown.extensions.smarty:SmartyExtension\n", "markdown.extensions.smarty:SmartyExtension, which turns "
     "straight quotes and dashes into typographic ones"),
    ("  - meta\n", "meta, which reads the first lines of a page as settings"),
])
def test_an_extension_not_proven_is_refused_by_name(tmp_path: Path, listed: str, named: str) -> None:
    path = _config(tmp_path, listed)
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == f"{path}: markdown_extensions lists {named}" or \
        str(refused.value).startswith(f"{path}: markdown_extensions lists {named}"), str(refused.value)


@pytest.mark.parametrize("listed", ["  - toc:\n      permalink: true\n  - markdown.extensions.attr_list\n"
                                    "  - markdown.extensions.footnotes:FootnoteExtension\n  - pymdownx.blocks.details\n"
                                    "  - pymdownx.details\n  - pymdownx.superfences\n"])
def test_a_proven_extension_is_accepted_in_each_spelling(tmp_path: Path, listed: str) -> None:
    settings_read = engines.read_settings(_config(tmp_path, listed))
    assert settings_read is not None


def test_the_readme_lists_exactly_the_allowed_extensions() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    listed = readme.split("<!-- allowed-extensions -->", 2)[1]
    assert {name.strip("`") for name in listed.replace(",", " ").split() if name.startswith("`")} == \
        set(prepare.PROVEN_EXTENSIONS)


def test_an_extension_option_that_stops_a_page_is_named_as_a_setting(tmp_path: Path) -> None:
    """A nineteenth attack: toc's slugify given as a number failed while a page was rendered, in Python's words,
    and the message blamed that page."""
    path = _config(tmp_path, "  - toc:\n      permalink: true\n      slugify: 5\n")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == (f"{path}: markdown_extensions: a page cannot be read with these extensions and "
                                  "their options (TypeError: 'int' object is not callable); check each extension's "
                                  "options")


def test_a_toc_marker_a_data_text_could_read_as_is_refused(tmp_path: Path) -> None:
    """A twenty-first attack set toc's marker to a word: a data text that was that word became a table of contents."""
    path = _config(tmp_path, "  - toc:\n      marker: Rome\n")
    with pytest.raises(engines.ConfigError) as refused:
        engines.read_settings(path)
    assert str(refused.value) == (f"{path}: markdown_extensions: toc's marker is 'Rome': a paragraph of the record's "
                                  "text that reads so would become a table of contents; keep the marker [TOC], or ''")
    (tmp_path / "b").mkdir()
    assert engines.read_settings(_config(tmp_path / "b", "  - toc:\n      marker: ''\n")) is not None


@pytest.mark.parametrize("extensions", [_TOGETHER, _TOGETHER_OTHER, []], ids=["pymdownx", "python-markdown", "none"])
def test_a_source_s_whole_text_shows_as_written_through_the_allowed_extensions(extensions: list[str]) -> None:
    """A review's D1: a source's whole text, folded on a membership page (``text_kept``), went through
    ``pymdownx.critic`` ("{--a--}" struck out) and had its tabs expanded by their column in the one long line."""
    md = _markdown(*extensions)
    expected_tags = [tag.name for tag in BeautifulSoup(md.reset().convert(
        f"Before.\n\n{text_kept('PLACEHOLDER', 'Summary')}\n\nAfter."), "html.parser").find_all(True)]
    for text in [*HOSTILE, "col1\t\tcol2\n\tindented", "a  b\n\n\n  c", "</pre></details><script>x</script>"]:
        kept = f"A line.\n{text}\nThe last line."
        page = BeautifulSoup(md.reset().convert(f"Before.\n\n{text_kept(kept, 'Summary')}\n\nAfter."), "html.parser")
        assert [tag.name for tag in page.find_all(True)] == expected_tags, text
        shown = page.find("pre")
        assert shown is not None
        assert shown.get_text() == without_controls(kept), text


def test_an_extension_that_embeds_files_from_outside_the_docs_folder_is_refused() -> None:
    """An attack's BJ3: pymdownx.b64 embedded an image a page named from wherever its path led, through a link out
    of the project: nothing from outside docs/ may be published."""
    assert "pymdownx.b64" not in prepare.PROVEN_EXTENSIONS
    said = prepare.extensions_problem(["toc", "pymdownx.b64"])
    assert said is not None
    assert said.startswith("markdown_extensions lists pymdownx.b64, which is not among the extensions")
