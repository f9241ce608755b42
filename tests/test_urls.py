"""Published URLs between pages and to files, for raw HTML (which MkDocs does not rewrite)."""

from __future__ import annotations

import posixpath

import pytest

from khartoum_site import urls


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
