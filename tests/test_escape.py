"""Data text reaches the page as text: no markup, no script, whatever an editor pastes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import DataCopy
from test_plugin import mkdocs, project

from khartoum_site.escape import md_text

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


# --- One function per output context: each read back the way its consumer reads it -------------------

HOSTILE = ['</title><script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "a'b\"c<d>e&f",
           "line\nbreak\r\nand\u2028separator", "esc\x1b[31m bs\x08 nul\x00 del\x7f c1\x9b", "&lt;script&gt;"]


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_and_attribute_read_back_as_the_text(text: str) -> None:
    from khartoum_site.escape import html_attr, html_text, one_line

    soup = BeautifulSoup(f'<p title="{html_attr(text)}" data-x=\'{html_attr(text)}\'>{html_text(text)}</p>',
                         "html.parser")
    paragraph = soup.p
    assert paragraph is not None
    assert [e.name for e in soup.find_all(True)] == ["p"]
    assert paragraph["title"] == paragraph["data-x"] == one_line(text)
    assert paragraph.get_text() == one_line(text)
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in one_line(text))


@pytest.mark.parametrize("text", HOSTILE)
def test_head_text_survives_the_themes_title_and_header(text: str) -> None:
    """Material writes the front-matter title raw into <title> and into the header's text."""
    from khartoum_site.escape import head_text, one_line

    page = BeautifulSoup(f"<html><head><title>{head_text(text)} - Site</title></head>"
                         f"<body><span class='md-ellipsis'>{head_text(text)}</span></body></html>", "html.parser")
    assert len(page.find_all("title")) == 1
    assert page.find("script") is None
    assert page.find("img") is None
    assert page.title is not None
    assert page.title.get_text() == f"{one_line(text)} - Site"
    assert page.span is not None
    assert page.span.get_text() == one_line(text)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://example.org/a b", "https://example.org/a%20b"),
    ('https://example.org/"onmouseover=x', "https://example.org/%22onmouseover=x"),
    ("https://example.org/(x)<y>", "https://example.org/%28x%29%3Cy%3E"),
    ("mailto:desk@example.org", "mailto:desk@example.org"),
    ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
])
def test_link_url_cannot_end_a_link_or_an_attribute(url: str, expected: str) -> None:
    from khartoum_site.escape import link_url

    assert link_url(url) == expected


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x",
                                 "//evil.example/x", "relative/page"])
def test_link_url_refuses_other_schemes(url: str) -> None:
    from khartoum_site.escape import link_url

    with pytest.raises(ValueError, match="refusing a link"):
        link_url(url)


@pytest.mark.parametrize("text", [*HOSTILE, 'x \\" onmouseover=alert(1)', "ends with a backslash \\",
                                  'a "){: onclick=alert(1) }', "x\" y) z \"w"])
def test_md_link_title_reads_back_as_the_text(text: str) -> None:
    import markdown

    from khartoum_site.escape import md_link_title, one_line

    html = markdown.markdown(f'[label](page.html "{md_link_title(text)}"){{ .km-ref }}', extensions=["attr_list"])
    soup = BeautifulSoup(html, "html.parser")
    link = soup.a
    assert link is not None
    assert [e.name for e in soup.find_all(True)] == ["p", "a"]
    assert link["title"] == one_line(text)
    assert link["href"] == "page.html"
    assert link["class"] == ["km-ref"]


def test_inventory_text_is_one_line_and_the_inventory_reads_back() -> None:
    import sphobjinv as soi

    from khartoum_site import urls
    from khartoum_site.inventory import objects_inv
    from khartoum_site.references import Entry

    forged = "Austria\nforged-key std:doc 1 https://evil.example/ Forged"
    entry = Entry("states/austria", "state", forged, urls.record_page("states", "austria"), None, None, None)
    inventory = soi.Inventory(zlib=objects_inv({"states/austria": entry}, "Site", "1"))
    assert [(o.name, o.uri, o.dispname) for o in inventory.objects] == [
        ("states/austria", "states/austria/", "Austria forged-key std:doc 1 https://evil.example/ Forged")]


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("two\nlines", "two lines"), ("esc\x1bhere", "esc here"), ("plain", "plain"),
])
def test_csv_cell_is_one_line_and_never_a_formula(value: str, cell: str) -> None:
    import csv
    import io

    from khartoum_site.escape import csv_cell

    assert csv_cell(value) == cell
    out = io.StringIO()
    csv.writer(out).writerow([csv_cell(value), "next"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [cell, "next"]
