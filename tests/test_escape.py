"""Data text reaches the page as text: no markup, no script, whatever an editor pastes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import DataCopy
from test_plugin import mkdocs, project

from khartoum_site.pages import md_text

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "[click](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "<a href='javascript:alert(1)'>x</a>",
    "**bold** _em_ `code` # heading",
    "{: onclick=alert(1) }",
    "&lt;script&gt;",
]


@pytest.mark.parametrize(("text", "markdown"), [
    ("plain words", "plain words"),
    ("a <b> & c", "a &lt;b&gt; &amp; c"),
    ("[x](y)", "\\[x\\]\\(y\\)"),
    ("1. not a list", "1\\. not a list"),
    ("- not a list", "\\- not a list"),
    ("line\nbreak", "line break"),
    ("a | b", "a \\| b"),
])
def test_md_text_table(text: str, markdown: str) -> None:
    assert md_text(text) == markdown


def test_hostile_text_in_data_shows_as_text(data_copy: DataCopy) -> None:
    root = project(data_copy)
    role = " ".join(PAYLOADS)
    data_copy.replace("organisations.yml", "  role: Named among the participants of the Cairo Ministerial "
                      "Declaration.\n  cites:\n    - source: outcome-report\n      quote: \"the Intergovernmental",
                      "  role: '" + role.replace("'", "''") + "'\n  cites:\n    - source: outcome-report\n"
                      "      quote: \"the Intergovernmental")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((root / "site" / "organisations" / "igad" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    article = page.select_one("article")
    assert article is not None
    assert article.find_all(["script", "iframe", "img", "strong", "em", "code"]) == []
    for element in article.find_all(True):
        assert not any(attr.startswith("on") for attr in element.attrs), element
        assert not str(element.get("href", "")).lower().startswith(("javascript:", "data:"))
    assert " ".join(role.split()) in " ".join(article.get_text().split())


def test_url_fields_accept_only_http_https_and_mailto(data_copy: DataCopy) -> None:
    from khartoum_site.problems import DataError
    from khartoum_site.validate import load_record

    line = data_copy.replace("sources.yml", "url: https://www.iso.org/iso-3166-country-codes.html",
                             "url: javascript:alert(1)")
    with pytest.raises(DataError) as caught:
        load_record(data_copy.data)
    assert [str(p) for p in caught.value.problems] == [
        f"data/sources.yml:{line}:8: source 'iso-3166', field 'url': expected an address starting with "
        "https://, http:// or mailto:, found 'javascript:alert(1)'"]
