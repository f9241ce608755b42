"""The preparation every engine shares (khartoum_site/adapters/prepare.py): the merged tree an engine without
Python plugins builds, made by the same functions the MkDocs plugin calls."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from helpers import DATA, DATA_DATE, ROOT, SITE_NAME, DataCopy

from khartoum_site.adapters import engines, prepare
from khartoum_site.outputs import pageset
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.model import Record
from khartoum_site.record.problems import DataError
from khartoum_site.site.pages import Page

OPTIONS = prepare.Options(DATA, SITE_NAME, None, None, ROOT)


def hand_written() -> dict[str, bytes]:
    return prepare.HandWritten(ROOT / "docs").read()


def front_matter(text: str) -> dict[str, object]:
    head, _body = prepare.split_front_matter(text)
    value = yaml.safe_load(head.strip().strip("-"))
    assert isinstance(value, dict)
    return value


def test_the_tree_holds_every_hand_written_and_generated_file(page_set: PageSet) -> None:
    prepared = prepare.prepare(page_set, hand_written(), OPTIONS, ROOT / "docs")
    docs = {path for path, _ in prepare._docs_paths(ROOT / "docs")}
    assert docs | set(page_set.pages) | set(page_set.files) == set(prepared.files)
    assert prepared.warnings == []
    assert prepared.files["assets/khartoum.css"] == (ROOT / "docs" / "assets" / "khartoum.css").read_bytes()
    for path, content in page_set.files.items():
        assert prepared.files[path] == content


def test_references_are_resolved_as_the_plugin_resolves_them(page_set: PageSet) -> None:
    prepared = prepare.prepare(page_set, hand_written(), OPTIONS, ROOT / "docs")
    cite = prepared.files["cite.md"].decode("utf-8")
    source = (ROOT / "docs" / "cite.md").read_text(encoding="utf-8")
    head, body = prepare.split_front_matter(source)
    resolved, warnings = prepare.resolve(body, "cite.md", page_set, "docs/cite.md", head.count("\n"))
    assert warnings == []
    assert cite == head + prepare.with_as_at(resolved, page_set)  # ending with the data's date, as in the plugin
    assert "](documents/cairo-2025/op-12.md" in cite
    assert "{ .km-ref }" in cite


def test_an_unknown_key_warns_at_its_line_in_the_file_front_matter_counted(page_set: PageSet, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    docs = {"about.md": b"---\ntitle: About\n---\n# About\n\nSee [[cairo-2025/op-12]].\n\nAnd [[cairo-2025/op-99]].\n"}
    prepared = prepare.prepare(page_set, docs, OPTIONS, Path("docs"))
    assert len(prepared.warnings) == 1
    assert prepared.warnings[0].startswith(
        "docs/about.md:8: unknown reference [[cairo-2025/op-99]]. Did you mean [[cairo-2025/op-9]]")
    assert b"[[cairo-2025/op-99]]" in prepared.files["about.md"]  # left as written, as the plugin leaves it


def test_a_hand_written_file_at_a_generated_place_is_refused_as_the_plugin_refuses_it(page_set: PageSet) -> None:
    with pytest.raises(prepare.Shadowed) as refused:
        prepare.prepare(page_set, {"states/index.md": b"# My own list\n"}, OPTIONS, Path("docs"))
    assert str(refused.value) == (
        "docs/states/index.md is a hand-written file at the place of the generated page 'Participating states'. "
        "Rename or move the hand-written file; a generated one never replaces it silently.")
    assert str(refused.value) == prepare.shadowed(page_set, {"states/index.md"}.__contains__, Path("docs"))
    with pytest.raises(prepare.Shadowed, match=r"generated file 'objects\.inv'"):
        prepare.prepare(page_set, {"objects.inv": b""}, OPTIONS, Path("docs"))


def test_the_refusal_is_the_same_when_asked_of_the_hand_written_files(page_set: PageSet) -> None:
    # (a server asks of its few hand-written files which generated places they take, not of every generated path)
    generated = [*page_set.pages, *page_set.files]
    places = {place for path in generated for place in prepare._places(path)}
    tried = [*sorted(places), "index.md", "README.md", "about.md", "states.md", "states/index/index.md", "x/index.md"]
    for place in tried:
        assert prepare.shadowed(page_set, {place}.__contains__, Path("docs"), [place]) == \
            prepare.shadowed(page_set, {place}.__contains__, Path("docs")), place
    assert prepare.shadowed(page_set, {"about.md"}.__contains__, Path("docs"), ["about.md"]) is None
    assert prepare.shadowed(page_set, {"states/egypt/README.mkd"}.__contains__, Path("docs"),
                            ["states/egypt/README.mkd"]) is not None


@pytest.mark.parametrize(("written", "what"), [
    ("sitemap.xml", "the sitemap"), ("sitemap.xml.gz", "the compressed sitemap"),
    ("404.html", "the page for an address that is not found"), ("search/search_index.json", "the search index"),
    ("search.json", "Zensical's search index")])
def test_a_hand_written_file_at_a_file_the_engine_writes_is_refused(page_set: PageSet, written: str, what: str) -> None:
    """A twentieth attack: the engine wrote its own sitemap, 404 page and search index over the hand-written files
    without a word."""
    with pytest.raises(prepare.Shadowed) as refused:
        prepare.prepare(page_set, {written: b"HANDWRITTEN"}, OPTIONS, Path("docs"))
    assert str(refused.value).startswith(f"docs/{written} is a hand-written file at the place of {what}, which an "
                                         "engine writes itself and would replace it with.")


@pytest.mark.parametrize("written", ["topics/return-reintegration.md", "topics/return-reintegration/index.md",
                                     "topics/return-reintegration/README.md"])
def test_a_markdown_page_at_an_old_address_s_redirect_is_refused(page_set: PageSet, written: str) -> None:
    """A page written as Markdown lands at folder/index.html, where the redirect of a former id (or a moved
    record's old page) is: it replaced the redirect without a word (found by a fourth attack)."""
    assert "topics/return-reintegration/index.html" in page_set.files  # the fixture's former topic id
    with pytest.raises(prepare.Shadowed) as refused:
        prepare.prepare(page_set, {written: b"# Mine\n"}, OPTIONS, Path("docs"))
    assert str(refused.value).startswith(f"docs/{written} is a hand-written file at the place of the generated "
                                         "file 'topics/return-reintegration/index.html'.")


@pytest.mark.parametrize(("written", "generated"), [
    ("states/austria/index.md", "states/austria.md"), ("states/austria/README.md", "states/austria.md"),
    ("states.md", "states/index.md"), ("states/README.md", "states/index.md"),
    # a seventeenth attack: the other spellings MkDocs reads as Markdown were dropped with only an INFO line
    ("states/austria.mkd", "states/austria.md"), ("states/austria/index.markdown", "states/austria.md")])
def test_a_markdown_page_at_a_generated_page_s_address_is_refused(page_set: PageSet, written: str,
                                                                   generated: str) -> None:
    """A fifteenth attack wrote docs/states/italy/index.md: published at the address of the generated
    states/italy.md, MkDocs dropped it without a word (Zensical refused it)."""
    title = page_set.pages[generated].title
    with pytest.raises(prepare.Shadowed) as refused:
        prepare.prepare(page_set, {written: b"# Mine\n"}, OPTIONS, Path("docs"))
    assert str(refused.value).startswith(f"docs/{written} is a hand-written file at the place of the generated page "
                                         f"'{title}'.")


def test_a_generated_page_carries_its_edit_link_in_its_front_matter(page_set: PageSet) -> None:
    template = "https://example.org/edit/main/{path}#L{line}"
    options = prepare.Options(DATA, SITE_NAME, None, template, DATA.parent)  # the data folder's project
    prepared = prepare.prepare(page_set, {}, options, ROOT / "docs")
    meta = front_matter(prepared.files["states/austria.md"].decode("utf-8"))
    page = page_set.pages["states/austria.md"]
    assert page.origin is not None
    assert meta[prepare.EDIT_URL_KEY] == f"https://example.org/edit/main/data/states.yml#L{page.origin.line}"
    assert meta["title"] == "Austria"
    assert meta[prepare.EDIT_URL_KEY] == prepare.edit_url(page, template, DATA.parent)
    # without an edit_url, a generated page has none: never one pointing at a Markdown file that does not exist
    meta = front_matter(prepare.prepare(page_set, {}, OPTIONS, ROOT / "docs").files["states/austria.md"].decode())
    assert meta[prepare.EDIT_URL_KEY] == ""


def test_the_banner_of_bad_data_tops_every_page_below_its_front_matter(page_set: PageSet) -> None:
    banner = '<div class="admonition danger" role="alert">\n<p>bad</p>\n</div>\n'
    docs = {"about.md": b"---\ntitle: About\n---\n# About\n", "plain.md": b"# Plain\n"}
    prepared = prepare.prepare(page_set, docs, OPTIONS, ROOT / "docs", banner)
    as_at = prepare.with_as_at("", page_set)
    assert prepared.files["about.md"].decode() == f"---\ntitle: About\n---\n{banner}\n# About\n{as_at}"
    assert prepared.files["plain.md"].decode() == f"{banner}\n# Plain\n{as_at}"
    austria = prepared.files["states/austria.md"].decode()
    assert front_matter(austria)["title"] == "Austria"
    assert prepare.split_front_matter(austria)[1].startswith(banner)


def test_the_tree_writes_only_what_changed_and_removes_what_went(tmp_path: Path) -> None:
    tree = prepare.Tree(tmp_path / "docs")
    assert sorted(tree.update({"a.md": b"A", "sub/b.md": b"B"})) == ["a.md", "sub/b.md"]
    before = (tmp_path / "docs" / "a.md").stat().st_mtime_ns
    os.utime(tmp_path / "docs" / "a.md", ns=(before - 10**9, before - 10**9))
    assert tree.update({"a.md": b"A", "sub/b.md": b"B2", "c.md": b"C"}) == ["sub/b.md", "c.md"]
    assert (tmp_path / "docs" / "a.md").stat().st_mtime_ns == before - 10**9  # untouched: no re-render
    assert tree.update({"c.md": b"C"}) == ["a.md", "sub/b.md"]
    assert sorted(p.relative_to(tmp_path / "docs").as_posix() for p in (tmp_path / "docs").rglob("*.md")) == ["c.md"]
    assert list(tree.staging.iterdir()) == []
    with pytest.raises(ValueError, match="outside"):
        tree.update({"../escape.md": b"x"})


def test_hand_written_files_follow_mkdocs_rules(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.md").write_text("x")
    (tmp_path / ".dot.md").write_text("x")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "main.html").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.md").write_text("page")
    (tmp_path / "index.md").write_text("home")
    reader = prepare.HandWritten(tmp_path)
    assert reader.read() == {"index.md": b"home", "sub/page.md": b"page"}
    (tmp_path / "index.md").write_text("home, edited")
    assert reader.read()["index.md"] == b"home, edited"


def test_the_edit_button_partial_reads_a_generated_page_s_link_first() -> None:
    original = ('{% if page.edit_url %}<a href="{{ page.edit_url }}" rel="edit">'
                '{{ page.edit_url | replace("/edit/", "/raw/") }}</a>{% endif %}\n')
    patched = engines.edit_actions(original)
    assert "page.edit_url }}" not in patched
    assert f"page.meta.{prepare.EDIT_URL_KEY} is defined" in patched
    assert patched.count("khartoum_edit_link") == 4  # the set, and the three uses
    with pytest.raises(engines.ConfigError, match=r"no longer reads page\.edit_url"):
        engines.edit_actions("<a>no edit link here</a>")


def test_the_prepared_configuration_inherits_the_project_s_and_moves_only_its_folders(tmp_path: Path) -> None:
    settings = engines.read_settings(ROOT / "mkdocs.yml")
    assert settings.docs_dir == ROOT / "docs"
    assert settings.options.data_dir == ROOT / "data"
    assert settings.options.site_name == SITE_NAME
    project = engines.PreparedProject.__new__(engines.PreparedProject)
    project.folder, project.settings, project.engine = tmp_path, settings, engines.ENGINES["zensical"]
    project.write_config()
    config = yaml.safe_load(project.config_file.read_text(encoding="utf-8"))
    assert config["INHERIT"] == str(ROOT / "mkdocs.yml")
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site")
    assert config["theme"]["variant"] == "classic"
    # The site's own templates (the head tags), and the edit button's when pages have edit links
    assert config["theme"]["custom_dir"] == "overrides"
    assert (tmp_path / "overrides" / "main.html").read_text(encoding="utf-8") == \
        (prepare.THEME_DIR / "main.html").read_text(encoding="utf-8")
    assert (tmp_path / "overrides" / engines.ACTIONS).is_file() == settings.edit_links


def test_settings_are_read_through_tags_inheritance_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme:\n  name: material\n  variant: modern\n")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_url: !ENV [KHARTOUM_TEST_URL, 'https://fallback.example/']\n"
        "repo_url: https://example.org/repo\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - khartoum:\n      edit_url: https://example.org/{path}#L{line}\n")
    monkeypatch.delenv("KHARTOUM_TEST_URL", raising=False)
    settings = engines.read_settings(tmp_path / "mkdocs.yml")
    assert settings.options.site_name == "Base"
    assert settings.options.site_url == "https://fallback.example/"
    assert settings.options.edit_url == "https://example.org/{path}#L{line}"
    assert settings.theme_variant == "modern"
    assert settings.edit_links
    monkeypatch.setenv("KHARTOUM_TEST_URL", "https://record.example/")
    assert engines.read_settings(tmp_path / "mkdocs.yml").options.site_url == "https://record.example/"
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - search\n")
    with pytest.raises(engines.ConfigError, match="does not list the khartoum plugin"):
        engines.read_settings(tmp_path / "mkdocs.yml")


def test_an_inherited_configuration_is_merged_deeply_as_mkdocs_merges_it(tmp_path: Path) -> None:
    """A child that sets one theme option keeps the parent's others (a shallow merge would drop the variant
    and the custom_dir) and the parent's plugin options (a shallow merge of plugins would drop edit_url).
    Plugins are given as a mapping, as MkDocs' documentation advises for INHERIT: it replaces lists whole."""
    for folder in ("data", "docs", "overrides"):
        (tmp_path / folder).mkdir()
    (tmp_path / "base.yml").write_text(
        "site_name: Base\ntheme:\n  name: material\n  variant: modern\n  custom_dir: overrides\n"
        "plugins:\n  search: {}\n  khartoum:\n    edit_url: https://example.org/{path}#L{line}\n")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\ntheme:\n  features: [navigation.top]\n"
                                         "plugins:\n  khartoum:\n    data_dir: data\n")
    settings = engines.read_settings(tmp_path / "mkdocs.yml")
    assert settings.theme_variant == "modern"
    assert settings.custom_dir == tmp_path / "overrides"
    assert settings.options.edit_url == "https://example.org/{path}#L{line}"
    assert settings.options.data_dir == tmp_path / "data"


def test_a_configuration_mkdocs_refuses_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: X\nplugins:\n  - khartoum:\n      data_dir: nowhere\n")
    with pytest.raises(engines.ConfigError) as caught:
        engines.read_settings(tmp_path / "mkdocs.yml")
    assert "nowhere" in str(caught.value)
    assert "\n" not in str(caught.value)


# --- The rebuild policy (prepare.Rebuilds): one for the plugin and for an engine without plugins ---------

@pytest.fixture
def pages_of_states(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page set reduced to a page per state with its name (the policy is under test, not the pages):
    what comes before it, the gate with every check of the data, runs as in a build."""
    def states_only(record: Record, *_args: object) -> PageSet:
        return PageSet({f"states/{s.id}.md": Page(f"states/{s.id}.md", s.name, f"# {s.name}\n")
                        for s in record.states.values()}, {})

    monkeypatch.setattr(prepare, "make_page_set", states_only)
    monkeypatch.setattr(pageset, "data_date", lambda _data_dir: DATA_DATE)  # git: a subprocess


@pytest.mark.usefixtures("pages_of_states")
def test_a_build_stops_on_bad_data_and_so_does_a_server_with_nothing_good_to_show(data_copy: DataCopy) -> None:
    options = prepare.Options(data_copy.data, SITE_NAME)
    data_copy.replace("states.yml", "  iso2: \"AT\"\n", "  iso2: \"A\"\n")
    for serving in (False, True):
        with pytest.raises(DataError, match="state 'austria', field 'iso2'"):
            prepare.Rebuilds(serving).rebuild(options)


@pytest.mark.usefixtures("pages_of_states")
def test_a_server_keeps_the_last_good_pages_and_says_why_until_the_data_is_fixed(data_copy: DataCopy) -> None:
    options = prepare.Options(data_copy.data, SITE_NAME)
    rebuilds = prepare.Rebuilds(serving=True)
    good = rebuilds.rebuild(options)
    assert (good.report, good.banner) == ("", "")
    data_copy.replace("states.yml", "  name: Austria\n", "  name: Austria\n  nmae: typo\n")
    kept = rebuilds.rebuild(options)
    assert kept.page_set is good.page_set
    assert kept.report.startswith("The data has 1 problem; serving the pages of the last good data")
    assert "unknown key &#x27;nmae&#x27;" in kept.banner
    data_copy.replace("states.yml", "  nmae: typo\n", "")
    data_copy.replace("states.yml", "  name: Austria\n", "  name: Republic of Austria\n")
    fixed = rebuilds.rebuild(options)
    assert (fixed.report, fixed.banner) == ("", "")
    assert fixed.page_set.pages["states/austria.md"].title == "Republic of Austria"


@pytest.mark.usefixtures("pages_of_states")
def test_a_server_keeps_the_last_good_pages_after_an_error_no_check_foresaw(data_copy: DataCopy,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A twentieth attack's edits stopped the map in a served rebuild: the server answered nothing until they were
    undone. It keeps the last good pages and says why, as for bad data; a one-off build still stops."""
    options = prepare.Options(data_copy.data, SITE_NAME)
    rebuilds = prepare.Rebuilds(serving=True)
    good = rebuilds.rebuild(options)

    def failing(*_: object) -> None:
        raise ValueError("state 'austria' (ZZZ): no shape <in> the map data")

    monkeypatch.setattr(prepare, "make", failing)
    kept = rebuilds.rebuild(options)
    assert kept.page_set is good.page_set
    assert kept.report == ("The rebuild stopped on an error no check foresaw (ValueError: state 'austria' (ZZZ): no "
                           "shape <in> the map data); serving the pages of the last good data until the next edit")
    assert "<p>ValueError: state &#x27;austria&#x27; (ZZZ): no shape &lt;in&gt; the map data</p>" in kept.banner
    with pytest.raises(ValueError, match="no shape"):
        prepare.Rebuilds(serving=False).rebuild(options)


@pytest.mark.usefixtures("pages_of_states")
def test_a_server_lists_at_most_the_cap_of_a_file_and_counts_the_rest(data_copy: DataCopy) -> None:
    """A file of thousands of broken entries: the terminal and every page's banner stay bounded, and say how many
    problems there are in all."""
    from bs4 import BeautifulSoup

    from khartoum_site.record.problems import MAX_PER_FILE

    options = prepare.Options(data_copy.data, SITE_NAME)
    rebuilds = prepare.Rebuilds(serving=True)
    rebuilds.rebuild(options)
    (data_copy.data / "topics.yml").write_text("- {}\n" * (MAX_PER_FILE * 3), encoding="utf-8")
    kept = rebuilds.rebuild(options)
    total = int(kept.report.split()[3])
    report = kept.report.splitlines()
    assert sum(line.startswith("  data/topics.yml:") for line in report) == MAX_PER_FILE + 1
    assert report[-1].startswith("  data/topics.yml: ")
    assert report[-1].endswith(" more problems not listed (at most 200 of a file are); fix those listed and check "
                               "again")
    banner = BeautifulSoup(kept.banner, "html.parser")
    title = banner.select_one(".admonition-title")
    assert title is not None
    assert title.get_text() == f"The data has {total} problems: these pages show the last good data"
    items = [li.get_text() for li in banner.select("li")]
    assert sum(item.startswith("data/topics.yml:") for item in items) == MAX_PER_FILE + 1
    assert items[-1] == report[-1].strip()
    assert total > len(items)


@pytest.mark.usefixtures("pages_of_states")
def test_a_one_off_build_keeps_no_page_set_for_later(data_copy: DataCopy) -> None:
    rebuilds = prepare.Rebuilds(serving=False)
    rebuilds.rebuild(prepare.Options(data_copy.data, SITE_NAME))
    assert rebuilds.last_good is None


def test_a_server_shows_a_page_s_unknown_references_on_that_page(page_set: PageSet) -> None:
    """A typo in a [[key]] fails a build; while serving, the page itself says so (as the terminal does)."""
    docs = {"notes.md": b"# Notes\n\nSee [[states/atlantis]] and [[states/egypt]].\n", "other.md": b"# Other\n"}
    served = prepare.prepare(page_set, docs, OPTIONS, ROOT / "docs", serving=True)
    page = served.files["notes.md"].decode()
    assert page.startswith('<div class="admonition danger khartoum-reference-problems" role="alert">')
    assert "This page has 1 unknown reference: a build would stop here" in page
    assert "states/atlantis" in page.split("</div>", 1)[0]
    assert not served.files["other.md"].decode().startswith("<div")
    assert len(served.warnings) == 1
    built = prepare.prepare(page_set, docs, OPTIONS, ROOT / "docs")
    assert not built.files["notes.md"].decode().startswith("<div")  # a build reports it, and fails
    assert built.warnings == served.warnings


def test_a_build_s_spilled_pages_read_back_as_the_page_set_holds_them(page_set: PageSet) -> None:
    """A one-shot build hands MkDocs its generated pages and files as files (prepare.Spill): MkDocs' own reader
    gives back every page's Markdown and every file's bytes; a page holding a carriage return, which a text
    file's reader would turn into a line break, is handed over as text; removing the spill removes the folder."""
    from mkdocs.structure.files import File  # here: only this test pays for importing MkDocs

    with_return = Page("cr.md", "CR", "---\ntitle: CR\n---\n\nline\r\nnext\r")
    spilled = PageSet({**page_set.pages, "cr.md": with_return}, page_set.files, page_set.entries, page_set.aliases,
                      page_set.data_date)
    spill = prepare.Spill()
    assert spill.folder is not None
    folder = spill.folder
    sources = dict(spill.sources(spilled))
    assert set(sources) == set(page_set.pages) | set(page_set.files) | {"cr.md"}
    assert sources["cr.md"] == with_return.markdown
    for path, (_what, content) in prepare.generated(page_set).items():
        source = sources[path]
        assert isinstance(source, Path)
        assert source.resolve().is_relative_to(folder.resolve())
        read = File(path, str(folder), str(folder / "site"), True)
        assert (read.content_string if isinstance(content, str) else read.content_bytes) == content
    spill.remove()
    assert not folder.exists()


def test_the_page_set_handed_over_keeps_what_later_hooks_read(page_set: PageSet) -> None:
    kept = prepare.handed_over(page_set)
    assert {path: (p.path, p.title, p.origin) for path, p in kept.pages.items()} == {
        path: (p.path, p.title, p.origin) for path, p in page_set.pages.items()}
    assert all(p.markdown == "" for p in kept.pages.values())
    assert kept.files == {}
    assert (kept.entries, kept.aliases, kept.data_date) == (page_set.entries, page_set.aliases, page_set.data_date)


def test_a_reference_in_a_hand_written_page_s_title_heading_needs_a_front_matter_title(page_set: PageSet,
                                                                                       tmp_path: Path,
                                                                                       monkeypatch: pytest.MonkeyPatch
                                                                                       ) -> None:
    """A twenty-first attack: the theme wrote the first heading's text, a record's name with "</title><script>"
    among it, into the page's head as it is. With a title in the front matter, the heading is only a heading."""
    monkeypatch.chdir(tmp_path)
    untitled = {"about.md": b"# About [[cairo-2025/op-12]]\n\nText.\n"}
    prepared = prepare.prepare(page_set, untitled, OPTIONS, Path("docs"))
    assert prepared.warnings == ["docs/about.md:1: the reference [[cairo-2025/op-12]] is in the heading that gives the "
                                 "page its title, which the theme writes into the page's head as it is: give the page "
                                 "a title in its front matter (title: ...), or name the record in words in that "
                                 "heading"]
    titled = {"about.md": b"---\ntitle: About\n---\n# About [[cairo-2025/op-12]]\n\nText.\n"}
    assert prepare.prepare(page_set, titled, OPTIONS, Path("docs")).warnings == []


@pytest.mark.parametrize(("listed", "refused"), [("", True), ("markdown_extensions: []\n", False)])
def test_zensical_is_refused_a_configuration_that_lists_no_markdown_extensions(tmp_path: Path, listed: str,
                                                                               refused: bool) -> None:
    """A twenty-first attack: without markdown_extensions, Zensical loaded extensions of its own choosing, some of
    which rewrite text (a bare address in a description became a link); MkDocs loads only its own three."""
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Test\ntheme:\n  name: material\n{listed}plugins:\n  - khartoum\n",
                                         encoding="utf-8")
    settings = engines.read_settings(tmp_path / "mkdocs.yml")
    problem = engines.engine_problem(settings, engines.ENGINES["zensical"])
    assert (problem is not None) == refused
    if problem is not None:
        assert problem.startswith(f"{tmp_path / 'mkdocs.yml'}: markdown_extensions is not given: Zensical would load "
                                  "extensions of its own choosing")
    assert engines.engine_problem(settings, engines.ENGINES["mkdocs"]) is None


def test_a_build_writes_out_its_generated_files_only_from_a_size_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """A few megabytes of generated pages are handed to the engine as they are (writing 470 files took a tenth of
    the real record's build); from prepare.SPILL_FROM on, or the size the environment gives, they are written out."""
    small = {"a.md": ("page", "x" * 1000)}
    large = {"a.md": ("page", "x" * prepare.SPILL_FROM)}
    monkeypatch.delenv(prepare.SPILL_FROM_ENV, raising=False)
    assert (prepare.spills(small), prepare.spills(large)) == (False, True)
    monkeypatch.setenv(prepare.SPILL_FROM_ENV, "0")
    assert prepare.spills(small)
    monkeypatch.setenv(prepare.SPILL_FROM_ENV, "not a size")  # (ignored)
    assert not prepare.spills(small)
