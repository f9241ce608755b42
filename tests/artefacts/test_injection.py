"""Hostile text shows as text: whatever an editor pastes, ``md_text`` makes Markdown that shows exactly
that text, converted as MkDocs converts it; and no id can make a path outside the site.
The same payloads planted in the data and built: tests/build/test_injection_in_build.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import PAYLOADS, markdown_html
from hypothesis import given, settings
from hypothesis import strategies as st

from khartoum_site.escape import md_text
from khartoum_site.record.fields import ID_PATTERN
from khartoum_site.site import urls


def test_payloads_cover_the_classes() -> None:
    assert len(PAYLOADS) >= 50
    joined = "\n".join(PAYLOADS)
    for needle in ("<script", "onerror", "srcdoc", "javascript:", "data:", "](", "{:", "<iframe"):
        assert needle in joined


def render(text: str) -> BeautifulSoup:
    """The text as a page shows it: through ``md_text``, then Markdown with the extensions of mkdocs.yml."""
    return markdown_html(md_text(text))


@settings(max_examples=400, deadline=None, derandomize=True)  # the same examples in every CI run
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200)
       .filter(lambda t: t.strip() != ""))
def test_any_text_renders_as_exactly_that_text(text: str) -> None:
    soup = render(text)
    assert soup.find_all(True) == soup.find_all(["p"]), soup
    assert " ".join(soup.get_text().split()) == " ".join(text.split())


@settings(max_examples=200, deadline=None, derandomize=True)  # the same examples in every CI run
@given(st.lists(st.sampled_from(["<", ">", "&", "[", "]", "(", ")", "!", "`", "*", "_", "#", "{", "}", ":", "|",
                                 "\\", "\"", "'", "javascript:", "data:", "onerror=", "script", " ", "\n", "=",
                                 "-", "1.", "/", "http://x"]), min_size=1, max_size=40).map("".join)
       .filter(lambda t: t.strip() != ""))
def test_markup_like_text_never_becomes_markup(text: str) -> None:
    soup = render(text)
    assert soup.find_all(True) == soup.find_all(["p"]), soup
    assert " ".join(soup.get_text().split()) == " ".join(text.split())


@settings(max_examples=100, deadline=None, derandomize=True)  # the same examples in every CI run
@given(st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda i: len(i) <= 80))
def test_every_id_makes_a_path_inside_the_site(ident: str) -> None:
    for target in [urls.record_page(c, ident) for c in urls.COLLECTIONS] + [urls.paragraph_page(ident, ident)]:
        path = Path("/site") / target.page
        assert path.resolve().is_relative_to(Path("/site")), target
        assert ".." not in target.page.split("/")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_text_of_each_payload_is_plain_text(payload: str) -> None:
    soup = render(payload)
    assert soup.find_all(True) == soup.find_all(["p"])
    assert " ".join(soup.get_text().split()) == " ".join(payload.split())
