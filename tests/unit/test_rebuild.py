"""A server's rebuild after a data edit (adapters/prepare.py ``Rebuilds``, outputs/pageset.py ``Kept``): only the
pages that read what changed are made again, and the page set is the one a fresh build makes, page for page and
file for file, whatever the edit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import DATA_DATE, SITE_NAME, DataCopy

from khartoum_site.adapters import prepare
from khartoum_site.outputs import pageset, stored
from khartoum_site.outputs.feed import FEED_PATH
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record import validate
from khartoum_site.record.problems import DataError
from khartoum_site.record.validate import load_record
from khartoum_site.site.references import Linkable
from khartoum_site.site.urls import Target


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(pageset, "data_date", lambda _data_dir: DATA_DATE)
    stored._LAST.clear()
    yield
    stored._LAST.clear()


def options(copy: DataCopy) -> prepare.Options:
    return prepare.Options(copy.data, SITE_NAME, None, None, copy.root, copy.root / prepare.CACHE_DIR)


def fresh_build(copy: DataCopy) -> PageSet:
    """What `khartoum-site build` makes of the data as it is now: nothing kept, nothing stored."""
    stored._LAST.clear()
    return prepare.make(prepare.Options(copy.data, SITE_NAME, None, None, copy.root, None))


def markdown(page_set: PageSet) -> dict[str, str]:
    return {path: page.markdown for path, page in page_set.pages.items()}


def assert_same(served: PageSet, built: PageSet) -> None:
    assert list(served.pages) == list(built.pages)
    assert markdown(served) == markdown(built)
    assert served.pages == built.pages  # titles and origins (edit links) too
    assert served.files == built.files
    assert (served.entries, served.aliases, served.data_date) == (built.entries, built.aliases, built.data_date)


# (file, text before, text after): one field each, as an editor makes it
EDITS = {
    "a state renamed": ("states.yml", "  name: Austria\n", "  name: Republic of Austria\n"),
    "a paragraph's title": ("documents/cairo-2025.yml", "    title: Participants\n", "    title: Who took part\n"),
    "a meeting's place": ("events.yml", "  place: Rome\n", "  place: Rome, Italy\n"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_one_field_edit_makes_again_only_the_pages_that_read_it(data_copy: DataCopy, edit: str) -> None:
    rebuilds = prepare.Rebuilds(serving=True)
    before = rebuilds.rebuild(options(data_copy)).page_set
    assert rebuilds.kept.made_again is None  # the first: every page made
    data_copy.replace(*EDITS[edit])
    served = rebuilds.rebuild(options(data_copy)).page_set
    made_again = rebuilds.kept.made_again
    built = fresh_build(data_copy)
    assert_same(served, built)
    differ = {path for path in built.pages if built.pages[path] != before.pages[path]}
    assert differ, "the edit shows on a page"
    assert made_again is not None
    assert differ <= set(made_again)
    assert len(made_again) < len(built.pages) / 2, made_again


def test_a_state_renamed_makes_again_its_pages_not_those_that_never_name_it(data_copy: DataCopy) -> None:
    record = load_record(data_copy.data)
    rebuilds = prepare.Rebuilds(serving=True)
    rebuilds.rebuild(options(data_copy))
    data_copy.replace(*EDITS["a state renamed"])
    rebuilds.rebuild(options(data_copy))
    made_again = set(rebuilds.kept.made_again or ())
    assert "states/austria.md" in made_again
    assert "states/belgium.md" not in made_again
    silent = [p for p in record.paragraphs() if "austria" not in p.mentions.states]
    assert silent
    assert not {f"documents/{p.document}/{p.id}.md" for p in silent} & made_again


def test_an_edit_undone_serves_the_first_pages_again(data_copy: DataCopy) -> None:
    rebuilds = prepare.Rebuilds(serving=True)
    first = rebuilds.rebuild(options(data_copy)).page_set
    file, old, new = EDITS["a state renamed"]
    data_copy.replace(file, old, new)
    rebuilds.rebuild(options(data_copy))
    data_copy.replace(file, new, old)
    again = rebuilds.rebuild(options(data_copy)).page_set
    assert_same(again, first)


# Edits that change more than a field's value: what names what, which entries there are, their order.
SHAPES = {
    "a mention added": ("events.yml", "    states: [egypt]\n    instruments: [khartoum-process]\n",
                        "    states: [egypt, austria]\n    instruments: [khartoum-process]\n"),
    "a meeting moved to another year": ("events.yml", "- id: rome-2014\n  date: 2014\n",
                                        "- id: rome-2014\n  date: 2013\n"),
    "a line added above every state": ("states.yml", "- id: austria\n", "\n- id: austria\n"),
    "a source no longer cited": ("states.yml", "    - source: iso-3166\n      locator: ISO 3166-1 alpha-2 and alpha-3 "
                                 "codes\n    - source: eu-countries\n", "    - source: eu-countries\n"),
}


@pytest.mark.parametrize("edit", SHAPES)
def test_an_edit_of_what_names_what_or_where_entries_stand_serves_a_fresh_build(data_copy: DataCopy,
                                                                                edit: str) -> None:
    rebuilds = prepare.Rebuilds(serving=True)
    rebuilds.rebuild(options(data_copy))
    data_copy.replace(*SHAPES[edit])
    try:
        built = fresh_build(data_copy)
    except Exception as exc:  # the edit is refused by the check: then the server keeps the last good pages
        pytest.skip(f"refused by the check: {exc}")
    stored._LAST.clear()
    served = rebuilds.rebuild(options(data_copy))
    assert served.banner == ""
    assert_same(served.page_set, built)


def test_a_renamed_id_makes_every_page_again(data_copy: DataCopy) -> None:
    rebuilds = prepare.Rebuilds(serving=True)
    rebuilds.rebuild(options(data_copy))
    data_copy.rename("states.yml", "austria", "republic-of-austria")
    served = rebuilds.rebuild(options(data_copy)).page_set
    assert rebuilds.kept.made_again is None
    assert_same(served, fresh_build(data_copy))


def test_other_code_makes_every_page_again(data_copy: DataCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template edited while serving: the same data, other pages; nothing made before is reused."""
    rebuilds = prepare.Rebuilds(serving=True)
    rebuilds.rebuild(options(data_copy))
    data_copy.replace(*EDITS["a meeting's place"])
    monkeypatch.setattr(stored, "package_digest", lambda: "other code")
    rebuilds.rebuild(options(data_copy))
    assert rebuilds.kept.made_again is None


def test_a_quotation_checked_before_is_checked_again_when_its_source_s_text_changes(data_copy: DataCopy) -> None:
    """The check keeps which entries' quotations it found (a server's rebuild checks only the changed files'
    entries): an unchanged entry whose source's text lost the words it quotes is refused all the same, and an
    entry edited to misquote is refused at once."""
    load_record(data_copy.data)
    seed = data_copy.data / "seeds" / "001_b05cad6fe5c97c15.txt"
    text = seed.read_text(encoding="utf-8")
    assert text.count("Valletta Action Plan") == 1
    seed.write_text(text.replace("Valletta Action Plan", "Valletta Plan of Action"), encoding="utf-8")
    with pytest.raises(DataError) as lost:
        load_record(data_copy.data)
    assert "“Valletta Action Plan” is not word for word" in lost.value.report()
    seed.write_text(text, encoding="utf-8")
    load_record(data_copy.data)
    data_copy.replace("events.yml", "; “Valletta Action Plan” is", "; “Valletta Plan” is")
    with pytest.raises(DataError) as misquoted:
        load_record(data_copy.data)
    assert "“Valletta Plan” is not word for word" in misquoted.value.report()


def test_a_server_stores_the_page_set_it_made_whole_not_each_made_in_part(data_copy: DataCopy) -> None:
    stored_entries = data_copy.root / prepare.CACHE_DIR
    rebuilds = prepare.Rebuilds(serving=True)
    rebuilds.rebuild(options(data_copy))
    assert len(list(stored_entries.glob(f"*{stored.SUFFIX}"))) == 1
    data_copy.replace(*EDITS["a meeting's place"])
    rebuilds.rebuild(options(data_copy))
    assert rebuilds.kept.made_again is not None
    assert len(list(stored_entries.glob(f"*{stored.SUFFIX}"))) == 1


def test_a_prepared_tree_after_edits_is_the_tree_prepared_afresh(data_copy: DataCopy) -> None:
    """Zensical serves the prepared tree: after each edit, the files a server's tree holds (its generated pages
    made again only in part, each written out again only when new) are those a fresh preparation writes, and
    the files it wrote are exactly those that differ."""
    from helpers import project

    from khartoum_site.adapters import engines

    root = project(data_copy)
    settings = engines.read_settings(root / "mkdocs.yml")
    served = engines.PreparedProject(root / ".served", settings, engines.ENGINES["zensical"], serving=True)
    served.refresh()
    for file, old, new in (EDITS["a state renamed"], EDITS["a meeting's place"], EDITS["a paragraph's title"]):
        data_copy.replace(file, old, new)
        before = dict(served.tree.written)
        changed = served.refresh().changed
        stored._LAST.clear()
        fresh = engines.PreparedProject(root / ".fresh", settings, engines.ENGINES["zensical"], serving=True)
        fresh.refresh()
        assert served.tree.written == fresh.tree.written
        assert changed
        assert set(changed) == {path for path, content in fresh.tree.written.items() if before.get(path) != content}
        files = {p.relative_to(served.tree.root).as_posix(): p.read_bytes()
                 for p in served.tree.root.rglob("*") if p.is_file()}
        assert files == fresh.tree.written


def test_a_topic_given_a_new_term_finds_it_in_paragraphs_checked_before(data_copy: DataCopy) -> None:
    """The check keeps the terms each topic found in each paragraph (the documents unchanged, their paragraphs
    are the objects checked before): a topic's new term is still looked for in every paragraph."""
    record = load_record(data_copy.data)
    listed = {p.key for p in record.paragraphs() if "human-trafficking" in p.topics}
    using = [p for p in record.paragraphs() if "Ministers" in p.text and p.key not in listed]
    assert using
    data_copy.replace("topics.yml", "  terms: [human trafficking, trafficking in human beings]\n",
                      "  terms: [human trafficking, trafficking in human beings, Ministers]\n")
    with pytest.raises(DataError) as unlisted:
        load_record(data_copy.data)
    assert "a term of topic 'human-trafficking', which the paragraph does not list" in unlisted.value.report()


def test_a_hand_written_page_s_references_follow_the_entries_they_name_across_a_server_s_edits(
        data_copy: DataCopy) -> None:
    """A server resolves a hand-written page's [[key]] references again only when the page or the entries changed
    (``prepare.References``): an edit that changes no entry's key, title or address keeps the very entries of the
    last page set, and the prepared page is the same; a state renamed shows its new name in the link at once."""
    from helpers import project

    from khartoum_site.adapters import engines

    root = project(data_copy)
    (root / "docs" / "about.md").write_text("# About\n\nSee [[states/austria]].\n", encoding="utf-8")
    settings = engines.read_settings(root / "mkdocs.yml")
    served = engines.PreparedProject(root / ".served", settings, engines.ENGINES["zensical"], serving=True)
    served.refresh()
    first = served.page_set
    assert first is not None
    assert "[Austria](" in served.tree.written["about.md"].decode()

    data_copy.replace(*EDITS["a meeting's place"])
    changed = served.refresh().changed
    assert served.page_set is not None
    assert served.page_set is not first
    assert served.page_set.entries is first.entries  # equal entries: the last page set's own objects
    assert "about.md" not in changed

    data_copy.replace(*EDITS["a state renamed"])
    changed = served.refresh().changed
    assert served.page_set.entries is not first.entries
    assert "about.md" in changed
    about = served.tree.written["about.md"].decode()
    assert "[Republic of Austria](" in about
    assert "[Austria](" not in about

    (root / "docs" / "about.md").write_text("# About\n\nSee [[states/austria]] and [[states/italy]].\n",
                                            encoding="utf-8")
    served.refresh()
    about = served.tree.written["about.md"].decode()
    assert "[Republic of Austria](" in about
    assert "[Italy](" in about


def test_references_resolved_again_only_for_a_new_text_or_other_entries() -> None:
    known = {"states/austria": Linkable("states/austria", "state", "Austria", Target("states/austria.md"), None,
                                        None, None)}
    page_set = PageSet({}, {}, known, {})
    references = prepare.References()
    text, warnings = references.resolve("[[states/austria]] [[nowhere]]", "a.md", page_set, "docs/a.md")
    assert "[Austria](states/austria.md)" in text
    assert len(warnings) == 1
    warnings.clear()  # what a caller does with its list is not kept
    assert references.resolve("[[states/austria]] [[nowhere]]", "a.md", page_set, "docs/a.md")[1]
    assert "[Austria]" not in references.resolve("[[nowhere]]", "a.md", page_set, "docs/a.md")[0]
    renamed = {"states/austria": Linkable("states/austria", "state", "Österreich", Target("states/austria.md"),
                                          None, None, None)}
    text, _ = references.resolve("[[states/austria]]", "a.md", PageSet({}, {}, renamed, {}), "docs/a.md")
    assert "[Österreich]" in text


def test_the_terms_kept_between_checks_are_only_those_found(data_copy: DataCopy) -> None:
    """The terms each topic found are kept for the pairs that found any, not for every paragraph and topic: a
    pair for each held 1.4 GB at 100 times the record's paragraphs and topics."""
    record = load_record(data_copy.data)
    kept = validate._TERMS_FOUND
    assert kept.found
    assert all(kept.found.values())
    assert len(kept.found) < len(kept.paragraphs)
    assert set(kept.topics) == {id(t) for t in record.topics.values() if t.terms}


def test_the_feed_is_made_again_only_when_it_read_what_changed(data_copy: DataCopy) -> None:
    """The feed is reused, as a download is, when an edit changed nothing it read (a state's citation), and made
    again when one did (a meeting's description): it was made on every rebuild."""
    rebuilds = prepare.Rebuilds(serving=True)
    feed = rebuilds.rebuild(options(data_copy)).page_set.files[FEED_PATH]
    data_copy.replace("states.yml", "locator: ISO 3166-1 alpha-2 and alpha-3 codes\n", "locator: ISO 3166-1 codes\n")
    served = rebuilds.rebuild(options(data_copy)).page_set
    assert served.files[FEED_PATH] is feed
    assert_same(served, fresh_build(data_copy))
    data_copy.replace("events.yml", "  description: The African Union Agenda 2063 was adopted,",
                      "  description: The African Union's Agenda 2063 was adopted,")
    served = rebuilds.rebuild(options(data_copy)).page_set
    assert b"The African Union's Agenda 2063" in served.files[FEED_PATH]
    assert_same(served, fresh_build(data_copy))
