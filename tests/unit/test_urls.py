"""Published URLs between pages and to files, for raw HTML (which MkDocs does not rewrite)."""

from __future__ import annotations

import posixpath

import pytest

from khartoum_site.site import urls


@pytest.mark.parametrize(("here", "there", "expected"), [
    # from the home page, published at the site root
    ("index.md", "states/austria.md", "states/austria/"),
    ("index.md", "states/index.md", "states/"),
    ("index.md", "index.md", "./"),
    # from a list, published as its folder: states/index.md is states/
    ("states/index.md", "states/austria.md", "austria/"),
    ("states/index.md", "index.md", "../"),
    ("states/index.md", "states/index.md", "./"),
    # from a record's page, published as a folder of its own: states/kenya.md is states/kenya/
    ("states/kenya.md", "states/austria.md", "../austria/"),
    ("states/kenya.md", "states/index.md", "../"),
    ("states/kenya.md", "index.md", "../../"),
    ("states/austria.md", "states/austria.md", "./"),
    ("timeline.md", "states/index.md", "../states/"),
    # deeper: a paragraph's page and a document's full text
    ("documents/cairo-2025/op-1.md", "states/austria.md", "../../../states/austria/"),
    ("documents/cairo-2025/index.md", "documents/cairo-2025/op-1.md", "op-1/"),
    ("documents/cairo-2025/op-1.md", "documents/cairo-2025/index.md", "../"),
])
def test_href_is_relative_to_the_published_page(here: str, there: str, expected: str) -> None:
    assert urls.href(here, there) == expected


@pytest.mark.parametrize(("here", "expected"), [
    ("index.md", "assets/khartoum-locator.svg"),
    ("states/index.md", "../assets/khartoum-locator.svg"),
    ("states/austria.md", "../../assets/khartoum-locator.svg"),
    ("timeline.md", "../assets/khartoum-locator.svg"),
    ("documents/cairo-2025/index.md", "../../assets/khartoum-locator.svg"),
    ("documents/cairo-2025/op-1.md", "../../../assets/khartoum-locator.svg"),
])
def test_file_href_is_relative_to_the_published_page(here: str, expected: str) -> None:
    assert urls.file_href(here, "assets/khartoum-locator.svg") == expected


@pytest.mark.parametrize("here", ["index.md", "states/index.md", "states/kenya.md", "documents/cairo-2025/op-1.md"])
@pytest.mark.parametrize("there", ["index.md", "states/index.md", "states/austria.md", "timeline.md"])
def test_href_resolves_to_the_public_url(here: str, there: str) -> None:
    """Followed from where the page is published, the link reaches where the target is published."""
    resolved = posixpath.normpath(posixpath.join("/" + urls.public_url(here), urls.href(here, there)))
    assert resolved.rstrip("/") == ("/" + urls.public_url(there)).rstrip("/")
    assert urls.href(here, there).endswith("/"), "a page is a folder: no redirect from a missing slash"


@pytest.mark.parametrize(("page", "url"), [
    ("index.md", ""),
    ("states/index.md", "states/"),
    ("states/austria.md", "states/austria/"),
    ("timeline.md", "timeline/"),
    ("documents/cairo-2025/index.md", "documents/cairo-2025/"),
    ("documents/cairo-2025/op-12.md", "documents/cairo-2025/op-12/"),
])
def test_public_url_is_where_mkdocs_publishes_the_page(page: str, url: str) -> None:
    assert urls.public_url(page) == url


@pytest.mark.parametrize(("collection", "ident", "page", "anchor", "url"), [
    ("states", "austria", "states/austria.md", None, "states/austria/"),
    ("organisations", "igad", "organisations/igad.md", None, "organisations/igad/"),
    ("instruments", "rabat-process", "instruments/rabat-process.md", None, "instruments/rabat-process/"),
    ("topics", "capacity-building", "topics/capacity-building.md", None, "topics/capacity-building/"),
    ("sources", "announcement", "sources/announcement.md", None, "sources/announcement/"),
    ("documents", "cairo-2025", "documents/cairo-2025/index.md", None, "documents/cairo-2025/"),
    ("events", "rome-2014", "events/rome-2014.md", None, "events/rome-2014/"),
])
def test_each_record_has_its_page_from_its_id(collection: str, ident: str, page: str, anchor: str | None,
                                              url: str) -> None:
    target = urls.record_page(collection, ident)
    assert (target.page, target.anchor, target.url()) == (page, anchor, url)


def test_a_paragraph_has_a_page_and_an_anchor_in_its_document() -> None:
    assert urls.paragraph_page("cairo-2025", "op-12").url() == "documents/cairo-2025/op-12/"
    assert urls.paragraph_in_text("cairo-2025", "op-12").url() == "documents/cairo-2025/#op-12"


@pytest.mark.parametrize(("here", "target", "link"), [
    # Markdown links: relative .md paths, which MkDocs rewrites to the published URLs
    ("index.md", urls.Target("states/austria.md"), "states/austria.md"),
    ("states/kenya.md", urls.Target("states/austria.md"), "austria.md"),
    ("states/kenya.md", urls.Target("index.md"), "../index.md"),
    ("documents/cairo-2025/op-1.md", urls.Target("states/austria.md"), "../../states/austria.md"),
    ("states/egypt.md", urls.Target("documents/cairo-2025/index.md", "pp-2"), "../documents/cairo-2025/index.md#pp-2"),
    ("timeline.md", urls.Target("timeline.md", "rome-2014"), "#rome-2014"),
    ("states/austria.md", urls.Target("states/austria.md"), "austria.md"),
])
def test_relative_link_is_the_markdown_link_mkdocs_expects(here: str, target: urls.Target, link: str) -> None:
    assert urls.relative_link(here, target) == link


@pytest.mark.parametrize(("page", "ident", "reserved"), [
    ("timeline.md", "timeline", True),
    ("timeline.md", "year-2014", True),
    ("timeline.md", "year-", False),
    ("timeline.md", "rome-2014", False),
    ("documents/cairo-2025/index.md", "preamble", True),
    ("documents/cairo-2025/index.md", "operative", True),
    ("documents/cairo-2025/index.md", "document", True),
    ("documents/cairo-2025/index.md", "op-12", False),
    ("documents/cairo-2025/index.md", "year-2014", False),
])
def test_reserved_anchors_are_the_headings_of_the_page(page: str, ident: str, reserved: bool) -> None:
    assert urls.reserved_anchor(page, ident) is reserved


def test_an_event_keeps_its_anchor_on_the_timeline() -> None:
    """Events had no pages before: the anchor they were published under stays their second address."""
    assert urls.on_the_timeline("rome-2014").url() == "timeline/#rome-2014"
