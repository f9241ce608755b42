"""Every generated page of the frozen record at once, read as a reader reads it (``markdown_html``): one
page per record under its name, every link and anchor leading somewhere, paragraphs and the records they
name linking both ways. The unit tier reads single pages (tests/unit/test_pages.py)."""

from __future__ import annotations

import posixpath
from collections import Counter
from typing import Any

import pytest
import yaml
from helpers import DATA, ROOT, PagesAsHtml, heading, section

from khartoum_site.outputs.pageset import PageSet
from khartoum_site.site import urls


def data(name: str) -> Any:
    """A data file as plain YAML, read independently of the loader."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shown(page_set: PageSet) -> PagesAsHtml:
    return PagesAsHtml({path: page.markdown for path, page in page_set.pages.items()})


@pytest.mark.parametrize(("collection", "name_of"), [
    ("states", lambda r: r["name"]),
    ("organisations", lambda r: f"{r['name']} ({r['acronym']})" if "acronym" in r else r["name"]),
    ("instruments", lambda r: r["name"]),
    ("topics", lambda r: r["name"]),
    ("sources", lambda r: r["title"]),
])
def test_one_page_per_record_under_its_name(shown: PagesAsHtml, collection: str,
                                            name_of: Any) -> None:
    records = data(f"{collection}.yml")
    pages = {p for p in shown if p.startswith(f"{collection}/") and p != f"{collection}/index.md"}
    if collection in urls.ON_THEIR_LIST:  # a source: a heading on the list of sources under its name, not a page
        assert pages == set()
        listing = shown[urls.index_page(collection)]
        for item in records:
            found = listing.find(id=urls.on_list_anchor(collection, item["id"]))
            assert found is not None, item["id"]
            assert found.name == "h3"
            assert " ".join(found.get_text().removesuffix("¶").split()) == " ".join(name_of(item).split())
            assert listing.select(f'tbody a[href="#{urls.on_list_anchor(collection, item["id"])}"]'), item["id"]
        return
    assert pages == {f"{collection}/{r['id']}.md" for r in records}
    for item in records:
        assert heading(shown[f"{collection}/{item['id']}.md"]) == name_of(item), item["id"]
    listed = {a["href"] for a in shown[f"{collection}/index.md"].select("a[href]")}
    assert {f"{r['id']}.md" for r in records} <= listed, "the list page links every record"


def resolve(page: str, href: str, pages: set[str], files: set[str]) -> tuple[str, str] | None:
    """Where a link on ``page`` leads: (Markdown page or site file, anchor); None if nowhere in the site.

    A Markdown link is a relative ``.md`` path (MkDocs rewrites it); a link in raw HTML (the map's) is
    already a published URL, relative to the folder the page is published as.
    """
    path, _, anchor = href.partition("#")
    path = path.partition("?")[0]  # a filter of the full text (?topic=…) is read by the page's script
    if not path:
        return page, anchor
    if path.endswith(".md") or posixpath.splitext(path)[1]:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return (target, anchor) if target in pages | files else None
    published = posixpath.normpath(posixpath.join(urls.public_url(page) or ".", path)) + "/"
    by_url = {urls.public_url(p) or "./": p for p in pages}
    return (by_url[published], anchor) if published in by_url else None


def test_every_link_and_anchor_of_every_page_leads_somewhere(shown: PagesAsHtml,
                                                             page_set: PageSet) -> None:
    """What the build's link check verifies of the published site, on the page set: every link of a
    generated page leads to a page or file of the site, and every anchor is on its page."""
    hand_written = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*") if p.is_file()}
    pages = set(shown) | {p for p in hand_written if p.endswith(".md")}
    files = set(page_set.files) | hand_written
    ids = {path: {str(e["id"]) for e in page.find_all(id=True)} for path, page in shown.items()}
    broken, checked = [], Counter[str]()
    for path, page in shown.items():
        for element in page.select("a[href], img[src]"):
            href = str(element.get("href") or element.get("src"))
            if "://" in href or href.startswith("mailto:"):
                continue
            landed = resolve(path, href, pages, files)
            if landed is None or (landed[1] and landed[0] in ids and landed[1] not in ids[landed[0]]):
                broken.append(f"{path}: {href}")
            checked[element.name] += 1
    assert broken == []
    assert checked["a"] > 1500  # about 1,900: every page links the records it names
    assert checked["img"] == len(data("states.yml"))  # the locator map on each state's page


def test_paragraphs_and_the_records_they_name_link_both_ways(shown: PagesAsHtml,
                                                            page_set: PageSet) -> None:
    """A paragraph's page links each record it names or has as a topic, and that record's page (a topic: its
    heading on the list of topics, read up to the next heading) links the paragraph's page back."""
    def links(path: str, place: Any) -> set[tuple[str, str]]:
        found = {resolve(path, str(a["href"]), set(page_set.pages), set()) for a in place.select("a[href]")}
        return set(filter(None, found))

    pairs = 0
    for paragraph in data("documents/cairo-2025.yml")["paragraphs"]:
        page = f"documents/cairo-2025/{paragraph['id']}.md"
        named = {(f"{kind}/{ident}.md", "") for kind, ids in paragraph.get("mentions", {}).items() for ident in ids
                 if kind in ("states", "organisations", "instruments")}
        named |= {(urls.index_page("topics"), urls.on_list_anchor("topics", ident))
                  for ident in paragraph.get("topics", [])}
        outgoing = links(page, shown[page])
        for target, anchor in named:
            assert (target, anchor) in outgoing if anchor else target in {t for t, _ in outgoing}, (page, target)
            place = section(shown[target], anchor) if anchor else shown[target]
            assert page in {t for t, _ in links(target, place)}, (target, anchor, page)
            pairs += 1
    assert pairs > 80
