"""Data text reaches the page as text: no markup, no script, whatever an editor pastes."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from helpers import DataCopy, markdown_html

from khartoum_site import escape
from khartoum_site.escape import md_text
from khartoum_site.record.problems import DataError
from khartoum_site.record.validate import load_record
from khartoum_site.site.pages import build_pages

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
    # a nineteenth attack: blocks that extensions open at a line's start
    ("/// details", "&#47;// details"),
    ("??? warning", "&#63;?? warning"),
    ('=== "Tab"', '&#61;== "Tab"'),
    ("~~~", "&#126;~~"),
])
def test_md_text_table(text: str, markdown: str) -> None:
    assert md_text(text) == markdown


@pytest.mark.parametrize("text", [":smile: and :+1:", "at 10:30:00", "::a::b:", ":material-github:"])
def test_an_emoji_name_in_data_shows_as_written_where_an_owner_lists_emoji(text: str) -> None:
    """Material's documentation lists pymdownx.emoji for its icons: a quotation holding ":smile:" showed an emoji
    instead of its words (a fourteenth attack)."""
    import markdown
    from material.extensions.emoji import to_svg, twemoji  # type: ignore[import-untyped]

    html = markdown.markdown(md_text(text), extensions=["pymdownx.emoji"],
                             extension_configs={"pymdownx.emoji": {"emoji_index": twemoji, "emoji_generator": to_svg}})
    shown = BeautifulSoup(html, "html.parser")
    assert shown.get_text() == text
    assert shown.find(["img", "svg", "span"]) is None
    assert markdown.markdown(":smile:", extensions=["pymdownx.emoji"]) != "<p>:smile:</p>"  # the pattern is live


def test_hostile_text_in_data_shows_as_text(data_copy: DataCopy) -> None:
    role = "“" + " ".join(PAYLOADS) + "”"  # a quotation: outside one, `check` refuses their straight marks
    data_copy.replace("organisations.yml", "  role: Named among the participants of the Cairo Ministerial "
                      "Declaration.\n  cites:\n    - source: outcome-report\n      quote: \"the Intergovernmental",
                      "  role: '" + role.replace("'", "''") + "'\n  cites:\n    - source: outcome-report\n"
                      "      quote: \"the Intergovernmental")
    # a quotation is looked for in the source
    with (data_copy.data / "seeds" / "001_b05cad6fe5c97c15.txt").open("a", encoding="utf-8") as seed:
        seed.write("\n" + " ".join(role.split()) + "\n")
    page = build_pages(load_record(data_copy.data))["organisations/igad.md"]
    article = markdown_html(page.markdown)
    assert article.find_all(["script", "iframe", "img", "strong", "em", "code"]) == []
    for element in article.find_all(True):
        assert not any(attr.startswith("on") for attr in element.attrs), element
        assert not str(element.get("href", "")).lower().startswith(("javascript:", "data:"))
    assert " ".join(role.split()) in " ".join(article.get_text().split())


def test_url_fields_accept_only_http_https_and_mailto(data_copy: DataCopy) -> None:
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
                                  'a "){: onclick=alert(1) }', "x\" y) z \"w",
                                  # a twenty-first attack: a paragraph's text as the preview of a reference in a table
                                  "Highlighting | FORGED CELL | the importance", "Human trafficking `code` here",
                                  'x` y "`', "a ] b [c"])
@pytest.mark.parametrize("place", ["{link}", "| A | B |\n|---|---|\n| x | {link} |"], ids=["paragraph", "table"])
def test_md_link_title_reads_back_as_the_text(text: str, place: str) -> None:
    import markdown

    from khartoum_site.escape import md_link_title, one_line

    link_md = f'[label](page.html "{md_link_title(text)}"){{ .km-ref }}'
    html = markdown.markdown(place.replace("{link}", link_md), extensions=["attr_list", "tables"])
    soup = BeautifulSoup(html, "html.parser")
    link = soup.a
    assert link is not None
    expected = ["p", "a"] if place == "{link}" else ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td", "a"]
    assert [e.name for e in soup.find_all(True)] == expected
    assert link["title"] == one_line(text)
    assert link["href"] == "page.html"
    assert link["class"] == ["km-ref"]


def test_inventory_text_is_one_line_and_the_inventory_reads_back() -> None:
    import sphobjinv as soi

    from khartoum_site.outputs.inventory import objects_inv
    from khartoum_site.site import urls
    from khartoum_site.site.references import Linkable

    forged = "Austria\nforged-key std:doc 1 https://evil.example/ Forged"
    entry = Linkable("states/austria", "state", forged, urls.record_page("states", "austria"), None, None, None)
    inventory = soi.Inventory(zlib=objects_inv({"states/austria": entry}, {}, "Site", "1"))
    assert [(o.name, o.uri, o.dispname) for o in inventory.objects] == [
        ("states/austria", "states/austria/", "Austria forged-key std:doc 1 https://evil.example/ Forged")]


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "x"), ("\r=1", "'=1"),
    ("\uff1d1+1", "'\uff1d1+1"), ("\uff0b1", "'\uff0b1"), ("\uff0d1", "'\uff0d1"), ("\uff20A1", "'\uff20A1"),
    # (their small forms, which a held-out round named)
    ("\ufe661+1", "'\ufe661+1"), ("\ufe621", "'\ufe621"), ("\ufe631", "'\ufe631"), ("\ufe6bA1", "'\ufe6bA1"),
    ("\u2a751", "'\u2a751"), ("\u2a761", "'\u2a761"),  # (folding to "==" and "===": BB4)
    ("two\nlines", "two lines"), ("esc\x1bhere", "esc here"), ("plain", "plain"),
    # a value's own apostrophe is doubled, so that dropping the first gives every value back (BV5)
    ("'quoted", "''quoted"), ("''=1", "'''=1"), ("it's", "it's"),
])
def test_csv_cell_is_one_line_and_never_a_formula(value: str, cell: str) -> None:
    import csv
    import io

    from khartoum_site.escape import csv_cell

    assert csv_cell(value) == cell
    out = io.StringIO()
    csv.writer(out).writerow([csv_cell(value), "next"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [cell, "next"]


# --- Each function on its own: (input, output) -------------------------------------------------------

@pytest.mark.parametrize(("function", "value", "expected"), [
    pytest.param(escape.one_line, "  a\n\tb\u2028c  ", "a b c", id="one_line-breaks"),
    pytest.param(escape.one_line, "x\x00y", "x y", id="one_line-control"),
    pytest.param(escape.without_controls, "a\x1bb\tc\nd", "ab\tc\nd", id="without_controls-keeps-tab-and-break"),
    pytest.param(escape.html_text, 'a<b>&"', 'a&lt;b&gt;&amp;"', id="html_text"),
    pytest.param(escape.html_attr, "a<b>&\"'", "a&lt;b&gt;&amp;&quot;&#x27;", id="html_attr"),
    pytest.param(escape.head_text, '<b>"x"</b>', "&lt;b&gt;&quot;x&quot;&lt;/b&gt;", id="head_text"),
    pytest.param(escape.url_path, "data/states.yml", "data/states.yml", id="url_path-plain"),
    pytest.param(escape.url_path, "a b/ü.yml", "a%20b/%C3%BC.yml", id="url_path-space-and-accent"),
    pytest.param(escape.url_path, "data/\"><img x'.yml", "data/%22%3E%3Cimg%20x%27.yml", id="url_path-quotes"),
    pytest.param(escape.md_link_title, 'a (b) \\ "c" |`', "a &#40;b&#41; &#92; &quot;c&quot; &#124;&#96;",
                 id="md_link_title"),
    pytest.param(escape.inventory_text, "a\nb", "a b", id="inventory_text-one-line"),
    pytest.param(escape.inventory_text, " ", "-", id="inventory_text-never-empty"),
    pytest.param(escape.front_matter_value, 'A "quoted": title', '"A \\"quoted\\": title"', id="front_matter"),
    pytest.param(escape.front_matter_value, "é", '"é"', id="front_matter-unicode-kept"),
    pytest.param(escape.pre_text, "<a>\x1b &amp;\r\n\tb\rc", "&lt;a&gt; &amp;amp;\n\tb\nc", id="pre_text"),
    pytest.param(escape.pre_attr, "\"a\"\n'b' <c>", "&quot;a&quot;&#10;&#x27;b&#x27; &lt;c&gt;", id="pre_attr"),
])
def test_each_escaping_function(function: Callable[[str], str], value: str, expected: str) -> None:
    assert function(value) == expected


def test_a_long_link_title_is_shortened_at_a_word() -> None:
    assert escape.md_link_title("word " * 100, 30) == "word word word word word…"
    assert len(escape.md_link_title("x" * 400)) <= 300


def test_markdown_made_here_passes_md_text_untouched() -> None:
    made = escape.Markdown("[a link](page.md)")
    assert md_text(made) is made
    with pytest.raises(TypeError, match="a missing value reached a template"):
        md_text(None)


@pytest.mark.parametrize(("text", "value"), [
    ("Plain title", "Plain title"),
    ("a } b {", r"a \textbraceright{} b \textbraceleft{}"),
    (r"\input{/etc/passwd}", r"\textbackslash{}input\textbraceleft{}/etc/passwd\textbraceright{}"),
    ("50% & #1_x ^~ $", r"50\% \& \#1\_x \textasciicircum{}\textasciitilde{} \$"),
    ("a -- b ``c'' <<d>> ?`", "a -{}- b `{}`c'{}' <{}<d>{}> ?{}`"),  # TeX's ligatures kept apart
    ("two\nlines", "two lines"),
])
def test_bibtex_value_table(text: str, value: str) -> None:
    assert escape.bibtex_value(text) == value


def test_a_bibtex_field_cannot_be_closed_by_data() -> None:
    # BibTeX counts every brace, a backslash before it or not: the escaped text's braces must pair up in order.
    for text in [*PAYLOADS, "}", "{", "}}, note = {x", "\\}", "\\{ a"]:
        depth = 0
        for char in escape.bibtex_value(text):
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, text
        assert depth == 0, text


@pytest.mark.parametrize("name", ["Ministry of Foreign Affairs and Migration", "Egypt, Arab Republic of",
                                  "a } and { b", "Ordre des Avocats \\ Bar"])
def test_a_bodys_name_is_one_bibtex_author(name: str) -> None:
    from pybtex.database import parse_string

    from khartoum_site.escape import one_line

    names = " and ".join([escape.bibtex_name(name), escape.bibtex_name("Second body")])
    entry = parse_string(f"@misc{{k,\n  author = {{{names}}},\n}}", "bibtex").entries["k"]
    authors = entry.persons["author"]
    assert len(authors) == 2
    assert [str(p) for p in authors][1] == "{Second body}"
    assert one_line(name) in _latex_text(str(authors[0]))


def _latex_text(value: str) -> str:
    from pylatexenc.latex2text import (  # type: ignore[import-untyped]
        LatexNodes2Text,
        MacroTextSpec,
        get_default_latex_context_db,
    )

    context = get_default_latex_context_db()
    context.add_context_category("ascii", prepend=True, macros=[
        MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}")])
    return str(LatexNodes2Text(latex_context=context).latex_to_text(value))


@pytest.mark.parametrize("text", ["one\nER  - ", "a\r\nTY  - JOUR", "x\u2028y"])
def test_a_ris_value_cannot_start_a_tag_line(text: str) -> None:
    assert "\n" not in escape.ris_value(text)
    assert "\r" not in escape.ris_value(text)
    assert "\u2028" not in escape.ris_value(text)


@pytest.mark.parametrize("value", [{"a": "</script><script>alert(1)</script>"}, {"a": "<!-- x"},
                                   {"a": "&lt; \u2028 \u2029"}])
def test_script_json_cannot_end_its_element_and_reads_back(value: dict[str, str]) -> None:
    import json

    text = escape.script_json(value)
    page = BeautifulSoup(f'<script type="application/json">{text}</script><p id="after">x</p>', "html.parser")
    script = page.find("script")
    assert script is not None
    assert json.loads(script.get_text()) == value
    assert "<" not in text
    assert "&" not in text
    assert page.find(id="after") is not None


@pytest.mark.parametrize("title", [*PAYLOADS, 'a } b { c', 'back\\slash "quoted"'])
def test_a_toc_label_keeps_its_heading_id_and_shows_its_text(title: str) -> None:
    import markdown

    md = markdown.Markdown(extensions=["toc", "attr_list"])
    out = md.convert(f'### Operative paragraph 1 {{ #op-1 data-toc-label="{escape.attr_list_value(title)}" }}\n')
    heading = BeautifulSoup(out, "html.parser").h3
    assert heading is not None
    assert heading.get("id") == "op-1"
    assert heading.get_text() == "Operative paragraph 1"
    label = md.toc_tokens[0]["name"]
    assert BeautifulSoup(label, "html.parser").get_text() == escape.one_line(title)
    assert BeautifulSoup(label, "html.parser").find() is None  # text, never an element


# --- A grammar per output: the functions added for the formats other than the page ---------------------

@pytest.mark.parametrize(("items", "separator"), [
    (["a", "b"], "; "),
    (["Convention; Protocol", "b"], ";; "),
    (["a; b", "c;; d"], ";;; "),
    (["a;", "; b"], ";; "),
    ([], "; "),
    ([";" * 4000 + " x", "a;;;", ";" * 5000], ";" * 4001 + " "),  # long runs, read once each
])
def test_a_list_separator_is_one_no_item_holds_and_splits_back(items: list[str], separator: str) -> None:
    assert escape.list_separator(items) == separator
    if items:
        assert separator.join(items).split(separator) == items  # as Table Schema's list type splits a cell


@pytest.mark.parametrize(("text", "written"), [
    ("Cairo Ministerial Declaration, OP 12", "Cairo Ministerial Declaration, OP 12"),
    ("*a* [b](c)", "&#42;a&#42; &#91;b&#93;&#40;c&#41;"),
    ("<i>x</i> & y", "&#60;i&#62;x&#60;/i&#62; &#38; y"),
    ("see www.evil.example or https://x, a@b.example", "see www&#46;evil.example or https&#58;//x, a&#64;b.example"),
    ("~~s~~ ==m== $x$", "&#126;&#126;s&#126;&#126; &#61;&#61;m&#61;&#61; &#36;x&#36;"),
    (":smile: x^2^ a|b", "&#58;smile&#58; x&#94;2&#94; a&#124;b"),
    ("two\nlines", "two lines"),
])
def test_md_link_text_table(text: str, written: str) -> None:
    assert escape.md_link_text(text) == written


@pytest.mark.parametrize("text", [*HOSTILE[:4], "*a* [b](c)", "www.evil.example https://evil.example a@b.example",
                                  "\\[x\\] `c` ~~s~~ &amp; &#42;"])
def test_md_link_text_shows_as_the_text_in_either_renderer(text: str) -> None:
    from markdown_it import MarkdownIt

    from khartoum_site.escape import one_line

    source = f"[{escape.md_link_text(text)}](https://example.org/p/)"
    for html in (MarkdownIt("commonmark").enable("strikethrough").render(source), markdown_html(source).decode()):
        soup = BeautifulSoup(html, "html.parser")
        assert [e.name for e in soup.find_all(True)] == ["p", "a"], html
        assert soup.a is not None
        assert soup.a["href"] == "https://example.org/p/"
        assert soup.a.get_text() == one_line(text)


@pytest.mark.parametrize("text", ["a\x01b", "a\ufffeb", "a\uffffb", "a\ud800b", "\x0b"])
def test_xml_text_refuses_what_xml_cannot_carry(text: str) -> None:
    with pytest.raises(ValueError, match="XML cannot carry the character U\\+"):
        escape.xml_text(text)
    assert escape.xml_refused(text) is not None


def test_xml_text_keeps_what_xml_carries() -> None:
    import xml.etree.ElementTree as ET

    text = "tab\tline\nCR\r\nlone\rend <&> \"' \U0001f600 \ufffd"
    element = ET.Element("p", {"title": escape.xml_text(text)})
    element.text = escape.xml_text(text)
    read = ET.fromstring(ET.tostring(element, encoding="unicode"))
    assert read.text == text.replace("\r\n", "\n").replace("\r", "\n")
    assert read.get("title") == escape.xml_text(text)


def test_json_document_refuses_a_lone_surrogate() -> None:
    import json

    assert json.loads(escape.json_document({"a": "<\u2028\"\\"})) == {"a": "<\u2028\"\\"}
    with pytest.raises(ValueError, match="lone surrogate U\\+D800"):
        escape.json_document({"a": "x\ud800"})


def test_the_fill_mark_is_a_digest_of_the_template() -> None:
    mark = escape.fill_mark("a template")
    assert len(mark) == 20
    assert set(mark) <= set("0123456789abcdef")
    assert escape.fill_mark("a template") == mark
    assert escape.fill_mark("a template @@url@@") != mark


@pytest.mark.parametrize("shown", ["U+FFFE", "U+FFFF"])
def test_a_character_xml_cannot_carry_is_refused_at_check(data_copy: DataCopy, shown: str) -> None:
    # A file cannot hold these characters as they are (YAML refuses them), but a double-quoted escape can.
    line = data_copy.line_of("states.yml", "name: Austria")
    data_copy.replace("states.yml", "name: Austria", f'name: "Aus\\u{shown[2:]}tria"')
    with pytest.raises(DataError) as caught:
        load_record(data_copy.data)
    assert [str(p) for p in caught.value.problems] == [
        f"data/states.yml:{line}:9: state 'austria', field 'name': expected text, found the character {shown} "
        "after '…Aus'; remove it: XML (the Akoma Ntoso file, the feed) cannot carry it"]


@pytest.mark.parametrize("text", ["<i>x</i>", "a <b>bold</b> b", "H<sub>2</sub>O", "1<sup>er</sup>", "<sc>UN</sc>",
                                  '<span class="nocase">iPhone</span>', '<SPAN CLASS="NOCASE">x</SPAN>',
                                  '<span style="font-variant:small-caps;">x</span>', "x</i>"])
def test_csl_text_refuses_what_a_citation_processor_reads_as_formatting(text: str) -> None:
    assert escape.csl_markup(text) is not None
    with pytest.raises(ValueError, match="citation processors read it as formatting"):
        escape.csl_text(text)


@pytest.mark.parametrize("text", ["a < b > c", "<p>x</p>", "<img src=x>", "<script>alert(1)</script>", "<i x>",
                                  "<spanx>", "i> <b", "&lt;i&gt;"])
def test_csl_text_keeps_other_angle_brackets(text: str) -> None:
    assert escape.csl_text(text) == text
