"""Everything linkable under a permanent key, and ``[[key]]`` references in hand-written pages: the Markdown
link each becomes, the warning an unknown one gives, the redirect page a former id gets.
The same references built: tests/build/test_links.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import DataCopy

from khartoum_site.record.model import Record
from khartoum_site.record.validate import load_record
from khartoum_site.site import references, urls
from khartoum_site.site.references import Linkable, aliases, entries, redirect_html, resolve_references

OP_12 = "Cairo Ministerial Declaration, OP 12: Return, readmission and reintegration"


@pytest.fixture(scope="module")
def known(record: Record) -> dict[str, Linkable]:
    return entries(record)


@pytest.mark.parametrize(("page", "markdown", "expected"), [
    pytest.param("about.md", "[[states/egypt]]", "[Egypt](states/egypt.md){ .km-ref }", id="record"),
    pytest.param("about.md", "[[states/egypt|the host]]", "[the host](states/egypt.md){ .km-ref }", id="own-text"),
    pytest.param("guide/deep.md", "[[states/egypt]]", "[Egypt](../states/egypt.md){ .km-ref }", id="from-a-folder"),
    pytest.param("about.md", "[[events/rome-2014]]",
                 "[First ministerial conference of the Khartoum Process \\(2014\\)](events/rome-2014.md){ .km-ref }",
                 id="event-page"),
    pytest.param("about.md", "[[documents/cairo-2025]]",
                 "[Cairo Ministerial Declaration](documents/cairo-2025/index.md){ .km-ref }", id="document"),
    pytest.param("about.md", "[[states/egypt#cite|x]]", "[x](states/egypt.md#cite){ .km-ref }", id="anchor"),
    pytest.param("about.md", "`[[states/egypt]]`", "`[[states/egypt]]`", id="code-span-kept"),
    pytest.param("about.md", "```\n[[states/egypt]]\n```", "```\n[[states/egypt]]\n```", id="fence-kept"),
    pytest.param("about.md", "`a` [[states/egypt|x]] `b`", "`a` [x](states/egypt.md){ .km-ref } `b`",
                 id="between-code-spans"),
    pytest.param("about.md", "[[states/egypt|<b>bold</b>]]", "[&lt;b&gt;bold&lt;/b&gt;](states/egypt.md){ .km-ref }",
                 id="own-text-escaped"),
])
def test_a_reference_becomes_a_markdown_link(known: dict[str, Linkable], page: str, markdown: str,
                                             expected: str) -> None:
    assert resolve_references(markdown, page, known, {}) == (expected, [])


def test_a_paragraph_reference_shows_its_text_on_hover(known: dict[str, Linkable]) -> None:
    resolved, unknown = resolve_references("See [[cairo-2025/op-12]].", "cite.md", known, {})
    assert unknown == []
    label, rest = resolved.removeprefix("See [").split("](", 1)
    assert label == OP_12
    target, title = rest.split(' "', 1)
    assert target == "documents/cairo-2025/op-12.md"
    assert title.endswith('"){ .km-ref }.')
    preview = title.removesuffix('"){ .km-ref }.')
    text = known["cairo-2025/op-12"].preview
    assert text is not None
    assert len(preview) <= references.PREVIEW_CHARS
    assert preview.endswith("…")
    assert text.startswith(preview.removesuffix("…"))


IN_TAG = ("is inside HTML markup (a tag, a script, a style or a text box) or a Markdown link's text, "
          "address, title or image description, where a link cannot go: write it in the page's text")


IN_ATTRIBUTES = ("stands between braces on its line ({ ... }), which attr_list may read as an attribute list, whose "
                 "words become attributes of an element, where a link cannot go: write it outside the braces")


@pytest.mark.parametrize(("markdown", "messages"), [
    pytest.param("[[cairo-2025/op-99]]", ["docs/about.md:4: unknown reference [[cairo-2025/op-99]]. Did you mean "
                                          "[[cairo-2025/op-9]] or [[cairo-2025/pp-9]] or [[cairo-2025/op-8]]?"],
                 id="close-keys"),
    pytest.param("one\n\ntwo [[nothing/here]]", ["docs/about.md:6: unknown reference [[nothing/here]]."],
                 id="no-close-key"),
    pytest.param("[[states/egyptt]] [[states/egipt]]",
                 ["docs/about.md:4: unknown reference [[states/egyptt]]. Did you mean [[states/egypt]] or "
                  "[[states/kenya]] or [[states/cyprus]]?",
                  "docs/about.md:4: unknown reference [[states/egipt]]. Did you mean [[states/egypt]] or "
                  "[[states/eritrea]] or [[states/belgium]]?"], id="two-on-a-line"),
    # a seventeenth attack: in an attribute, the link's quotes and a name with a quote (from the data) ended it
    pytest.param('<div title="[[states/egypt]]">x</div>', [f"docs/about.md:4: the reference [[states/egypt]] {IN_TAG}"],
                 id="in-a-tag"),
    pytest.param("<img\n  alt='[[cairo-2025/op-12|the paragraph]]'>",
                 [f"docs/about.md:5: the reference [[cairo-2025/op-12]] {IN_TAG}"], id="in-a-tag-over-lines"),
    # an eighteenth attack: a '>' inside an earlier attribute's quotes, and a reference in a script's string
    pytest.param('<div data-x="a>b" title="[[states/egypt]]">x</div>',
                 [f"docs/about.md:4: the reference [[states/egypt]] {IN_TAG}"], id="after-a-quoted-bracket"),
    pytest.param('<script>\nvar topic = "[[states/egypt]]";\n</script>',
                 [f"docs/about.md:5: the reference [[states/egypt]] {IN_TAG}"], id="in-a-script"),
    # a nineteenth attack: after "<!--<script>" in a script, a browser reads on past the first "</script>"
    pytest.param("<script>/* <!--<script></script> */ var t = '[[states/egypt]]';\n</script>",
                 [f"docs/about.md:4: the reference [[states/egypt]] {IN_TAG}"], id="in-a-double-escaped-script"),
    # the nineteenth attack's rough edges: a reference where a browser shows text only, or in Markdown's own link
    # title or image description, showed its Markdown or Python-Markdown's placeholders
    pytest.param("<textarea>[[states/egypt]]</textarea>", [f"docs/about.md:4: the reference [[states/egypt]] {IN_TAG}"],
                 id="in-a-textarea"),
    pytest.param("<noscript><p>See\n[[states/egypt]]</p></noscript>",
                 [f"docs/about.md:5: the reference [[states/egypt]] {IN_TAG}"], id="in-noscript"),
    pytest.param("![A map of [[states/egypt]]](map.png)", [f"docs/about.md:4: the reference [[states/egypt]] {IN_TAG}"],
                 id="in-an-image-description"),
    pytest.param('[the site](https://example.org "[[states/egypt]]")',
                 [f"docs/about.md:4: the reference [[states/egypt]] {IN_TAG}"], id="in-a-link-title"),
    # an attack's BR8: in an attribute list, the link's Markdown and its own "{ .km-ref }" ended the list early, and the
    # page showed the rest as text
    pytest.param('A paragraph.\n{: title="[[states/egypt]]" }', [f"docs/about.md:5: the reference [[states/egypt]] "
                                                                  f"{IN_ATTRIBUTES}"], id="in-a-block-attribute-list"),
    pytest.param('![alt](x.png){ data-x="[[states/egypt]]" }', [f"docs/about.md:4: the reference [[states/egypt]] "
                                                                f"{IN_ATTRIBUTES}"], id="in-an-image-attribute-list"),
    pytest.param('## Heading { title="[[states/egypt|x]]" }', [f"docs/about.md:4: the reference [[states/egypt]] "
                                                               f"{IN_ATTRIBUTES}"], id="in-a-heading-attribute-list"),
    # D7-7: braces in prose, no attribute list: said of the braces
    pytest.param("The first chairs {[[states/egypt]], [[states/kenya]]} were African.",
                 [f"docs/about.md:4: the reference [[states/egypt]] {IN_ATTRIBUTES}",
                  f"docs/about.md:4: the reference [[states/kenya]] {IN_ATTRIBUTES}"], id="between-braces-in-prose"),
    pytest.param("Text [a](https://x.org/){: title='[[nothing/here]]' } end.",
                 [f"docs/about.md:4: the reference [[nothing/here]] {IN_ATTRIBUTES}"], id="unknown-in-a-list"),
])
def test_an_unknown_reference_is_left_as_written_with_a_warning(known: dict[str, Linkable], markdown: str,
                                                                messages: list[str]) -> None:
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert resolved == markdown
    # three lines of front matter come before the text: the warning counts them
    assert [u.message("docs/about.md", line_offset=3) for u in unknown] == messages


@pytest.mark.parametrize("markdown", [
    "A set {a, b} and then [[states/egypt]].", "A paragraph with [[states/egypt]].\n{: .lead }",
    "![alt](x.png){ data-x=\"y\" } beside [[states/egypt]]", "## Egypt { #own-id }\n\nSee [[states/egypt]].",
    "An escaped \\{ brace [[states/egypt]] \\}", "An open { brace and [[states/egypt]], never closed",
])
def test_a_reference_beside_an_attribute_list_or_braces_still_resolves(known: dict[str, Linkable],
                                                                       markdown: str) -> None:
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert unknown == []
    assert "](states/egypt.md){ .km-ref }" in resolved


@pytest.mark.parametrize("markdown", ["[[states/egypt]] and a set {a, b}.", "See [[states/egypt]]: {x}",
                                      "[[states/egypt]] [[states/egypt]] }"])
def test_a_reference_before_a_closing_brace_on_its_line_is_a_link_as_written(known: dict[str, Linkable],
                                                                              markdown: str) -> None:
    """attr_list read the reference's own class on to the last "}" of its line: "[[states/egypt]] and a set {a, b}."
    was published as "Egypt.} and a set {a, b" (a fixer's note); the link goes without its class there."""
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert unknown == []
    page = _rendered(resolved)
    links = page.find_all("a")
    assert links
    assert all(a["href"] == "states/egypt.md" and a.get_text() == "Egypt" for a in links)
    assert page.get_text() == markdown.replace("[[states/egypt]]", "Egypt")


def test_a_reference_beside_markup_or_a_less_than_sign_still_resolves(known: dict[str, Linkable]) -> None:
    resolved, unknown = resolve_references("<span>[[states/egypt]]</span> and 1 < 2 [[states/egypt]] <script><!-- x"
                                           " --></script> <https://x.org/> [[states/egypt]]", "about.md", known, {})
    assert unknown == []
    assert resolved.count("](states/egypt.md)") == 3


def test_a_reference_after_a_closed_link_image_or_text_box_still_resolves(known: dict[str, Linkable]) -> None:
    resolved, unknown = resolve_references("![a map](map.png) [[states/egypt]], [a](https://x.org/(b)) "
                                           "[[states/egypt]] <textarea>x</textarea> [[states/egypt]]\n\n"
                                           "![an image [with] brackets\n\n[[states/egypt]]", "about.md", known, {})
    assert unknown == []
    assert resolved.count("](states/egypt.md)") == 4


@pytest.mark.parametrize(("key", "kind", "title", "url", "anchor"), [
    ("states/egypt", "state", "Egypt", "states/egypt/", None),
    ("organisations/igad", "organisation", "Intergovernmental Authority on Development (IGAD)", "organisations/igad/",
     None),
    ("events/rome-2014", "event", "First ministerial conference of the Khartoum Process (2014)",
     "events/rome-2014/", "timeline/#rome-2014"),
    ("documents/cairo-2025", "document", "Cairo Ministerial Declaration", "documents/cairo-2025/", None),
    ("cairo-2025/op-12", "paragraph", OP_12, "documents/cairo-2025/op-12/", "documents/cairo-2025/#op-12"),
])
def test_each_record_is_an_entry_under_its_key(known: dict[str, Linkable], key: str, kind: str, title: str, url: str,
                                               anchor: str | None) -> None:
    entry = known[key]
    assert (entry.key, entry.kind, entry.title, entry.page.url()) == (key, kind, title, url)
    assert (entry.anchor.url() if entry.anchor else None) == anchor


def test_every_record_has_one_entry(record: Record, known: dict[str, Linkable]) -> None:
    by_kind: dict[str, int] = {}
    for entry in known.values():
        by_kind[entry.kind] = by_kind.get(entry.kind, 0) + 1
    assert by_kind == {"source": len(record.sources), "state": len(record.states),
                       "organisation": len(record.organisations), "instrument": len(record.instruments),
                       "topic": len(record.topics), "event": len(record.events), "document": len(record.documents),
                       "paragraph": len(record.paragraphs())}


def test_a_former_id_still_resolves_and_its_old_page_redirects(data_copy: DataCopy) -> None:
    data_copy.rename("documents/cairo-2025.yml", "op-12", "op-12-return")
    data_copy.rename("events.yml", "rome-2014", "rome-conference-2014")
    record = load_record(data_copy.data)
    known, alias = entries(record), aliases(record)
    assert alias == {"cairo-2025/op-12": "cairo-2025/op-12-return", "events/rome-2014": "events/rome-conference-2014",
                     "topics/return-reintegration": "topics/jvap-return-readmission-reintegration"}
    resolved, unknown = resolve_references("[[cairo-2025/op-12|x]]", "about.md", known, alias)
    assert unknown == []
    assert resolved.startswith("[x](documents/cairo-2025/op-12-return.md ")
    # the old pages redirect; the old anchors stay on the full text and the timeline (and each source's and
    # topic's page, now a heading on its list, redirects there; the merged topic's old page to the topic it became)
    assert {page: entry.key for page, entry in references.redirects(known, alias).items()} == {
        "documents/cairo-2025/op-12/index.html": "cairo-2025/op-12-return",
        "events/rome-2014/index.html": "events/rome-conference-2014",
        "topics/return-reintegration/index.html": "topics/jvap-return-readmission-reintegration",
        **{f"sources/{source}/index.html": f"sources/{source}" for source in record.sources},
        **{f"topics/{topic}/index.html": f"topics/{topic}" for topic in record.topics}}


def test_a_redirect_page_leads_to_the_new_page_and_keeps_the_fragment() -> None:
    page = BeautifulSoup(redirect_html("states/old/index.html", urls.record_page("states", "egypt"), 'Egypt <"x">'),
                         "html.parser")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None
    assert refresh["content"] == "0; url=../egypt/"
    canonical = page.find("link", rel="canonical")
    assert canonical is not None
    assert canonical["href"] == "../egypt/"
    assert page.title is not None
    assert page.title.get_text() == 'Moved: Egypt <"x">'
    assert page.script is not None
    assert page.script.get_text() == "location.replace('../egypt/' + location.hash);"  # an old #anchor follows


def test_a_redirect_to_an_anchor_goes_to_that_anchor() -> None:
    page = BeautifulSoup(redirect_html("documents/cairo-2025/op-12/index.html",
                                       urls.paragraph_in_text("cairo-2025", "op-12-return"), "x"), "html.parser")
    assert page.script is not None
    assert page.script.get_text() == "location.replace('../#op-12-return');"


@pytest.mark.parametrize(("markdown", "line"), [
    ("# About [[states/egypt]]\n\nText.", 4), ("Intro.\n\nAbout [[states/egypt]]\n======\n", 6),
    ("```\n# [[states/egypt]] in a fence\n```\n\n# See [[states/egypt]]\n", 8),
    # a twenty-second attack: "#About" is a heading too, and an HTML <h1> with md_in_html gives the title as well
    ("#About [[states/egypt]]\n", 4), ('<h1 markdown="1">About\n[[states/egypt]]</h1>\n', 5)])
def test_a_reference_in_the_heading_that_titles_the_page_is_refused(known: dict[str, Linkable], markdown: str,
                                                                    line: int) -> None:
    """A twenty-first attack: a page's title is its first heading's text, unless the front matter gives one, and the
    theme writes it into the page's head as it is: a topic named "…</title><script>…" ran there."""
    resolved, unknown = resolve_references(markdown, "about.md", known, {}, titled=False)
    assert resolved == markdown
    assert [u.message("docs/about.md", line_offset=3) for u in unknown] == [
        f"docs/about.md:{line}: the reference [[states/egypt]] is in the heading that gives the page its title, which "
        "the theme writes into the page's head as it is: give the page a title in its front matter (title: ...), or "
        "name the record in words in that heading"]


def test_a_reference_in_a_later_heading_or_a_titled_page_s_heading_resolves(known: dict[str, Linkable]) -> None:
    markdown = "# About\n\n## More on [[states/egypt]]\n\n# Again [[states/egypt]]\n"
    resolved, unknown = resolve_references(markdown, "about.md", known, {}, titled=False)
    assert unknown == []
    assert resolved.count("](states/egypt.md)") == 2
    resolved, unknown = resolve_references("# About [[states/egypt]]\n", "about.md", known, {}, titled=True)
    assert (unknown, resolved.count("](states/egypt.md)")) == ([], 1)


def _rendered(markdown: str) -> BeautifulSoup:
    """The page as Python-Markdown renders it with the site's extensions (mkdocs.yml, and fenced_code, which MkDocs
    always adds)."""
    import markdown as python_markdown

    return BeautifulSoup(python_markdown.markdown(markdown, extensions=["toc", "attr_list", "md_in_html", "admonition",
                                                                         "tables", "fenced_code"]), "html.parser")


@pytest.mark.parametrize(("markdown", "code"), [
    pytest.param("Text.\n\n    See [[states/egypt]] here.\n\nAfter [[states/egypt]].\n", "See [[states/egypt]] here.\n",
                 id="indented-block"),
    pytest.param("Text.\n\n\tSee [[states/egypt]] here.\n\nAfter [[states/egypt]].\n", "See [[states/egypt]] here.\n",
                 id="tab-indented-block"),
    pytest.param("<pre>See [[states/egypt]] here.</pre>\n\nAfter [[states/egypt]].\n", "See [[states/egypt]] here.",
                 id="raw-pre"),
    pytest.param("Write <code>[[states/egypt]]</code> for a link. After [[states/egypt]].\n", "[[states/egypt]]",
                 id="raw-code"),
    pytest.param("````\n```\nSee [[states/egypt]] here.\n```\n````\n\nAfter [[states/egypt]].\n",
                 "```\nSee [[states/egypt]] here.\n```\n", id="four-backtick-fence"),
    pytest.param("~~~~ text\n~~~\nSee [[states/egypt]] here.\n~~~~\n\nAfter [[states/egypt]].\n",
                 "~~~\nSee [[states/egypt]] here.\n", id="four-tilde-fence"),
])
def test_a_reference_in_code_is_shown_as_written(known: dict[str, Linkable], markdown: str, code: str) -> None:
    """An attack's BM3: a reference in an indented code block, in raw <pre> or <code>, or in a fence of four
    backticks holding a line of three was resolved, and the page showed the link's Markdown source in the code, or
    a link in code type, instead of the syntax as written. A reference after the code still becomes a link."""
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert unknown == []
    page = _rendered(resolved)
    shown = [element.get_text() for element in page.find_all(["pre", "code"])]
    assert code in shown or any(code in text for text in shown), shown
    assert not page.select("pre a, code a")
    assert [(a.get_text(), a["href"]) for a in page.find_all("a")] == [("Egypt", "states/egypt.md")]


def test_a_list_item_s_or_an_admonition_s_indented_paragraph_still_resolves(known: dict[str, Linkable]) -> None:
    markdown = ("- An item.\n\n    More of it, on [[states/egypt]].\n\n!!! note\n\n    A note on [[states/egypt]].\n\n"
                "```\nshown `<pre>` in a fence\n```\n\nThen [[states/egypt]].\n")
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert unknown == []
    page = _rendered(resolved)
    assert [a.get_text() for a in page.find_all("a")] == ["Egypt", "Egypt", "Egypt"]
    assert not page.select("pre a")


# Code nested in a list item, an admonition, a definition or a footnote, and code spans, as Python-Markdown reads them
# (an attack's round found a code block indented under "- " resolved, and a code span read across paragraphs)
_NESTED = [
    "- item\n\n        [[states/egypt]]\n",  # a list item's code block: eight spaces
    "1. item\n\n        code [[states/egypt]]\n",
    "- item\n\n\t\t[[states/egypt]]\n",  # (two tabs)
    "- a\n    - b\n\n            [[states/egypt]]\n",  # a nested item's: twelve
    "- a\n\n    - b\n\n            [[states/egypt]]\n",
    "- a\n\n    para\n\n        [[states/egypt]]\n",
    "- a\n\n        code\n\n        [[states/egypt]]\n",  # (a code block goes on over a blank line)
    "- a\n\n        - [[states/egypt]]\n",  # (a list item too deep is code)
    "- a\n\n    > quote\n\n        [[states/egypt]]\n",
    "> - a\n>\n>         [[states/egypt]]\n",  # (in a block quote)
    "!!! note\n    text\n\n        [[states/egypt]]\n",
    "Term\n:   Definition\n\n        [[states/egypt]]\n",
    "Text[^1].\n\n[^1]: Note.\n\n        [[states/egypt]]\n",
    "- a\n\n    ```\n    [[states/egypt]]\n    ```\n",  # a fence indented under its item
    "- a\n  ```\n  [[states/egypt]]\n  ```\n",
    "```\ncode\n        ```\nmore [[states/egypt]]\n```\n",  # (an indented fence line closes no top fence)
    # and where Python-Markdown reads text: the item's own paragraphs, a lazy line, a code span that no paragraph closes
    "- item\n\n    [[states/egypt]]\n", "- a\n    - b\n\n        [[states/egypt]]\n",
    "- a\n\n        code\n\n    [[states/egypt]]\n", "- a\n    - b\n        - c\n\n            [[states/egypt]]\n",
    "* a\n\n        [[states/egypt]]\n\n* b [[states/egypt]]\n",
    "- a\n\n        [[states/egypt]]\nlazy [[states/egypt]]\n",
    "Term\n:   Definition\n\n    [[states/egypt]]\n", "Text[^1].\n\n[^1]: Note.\n\n    [[states/egypt]]\n",
    "`a\n\n[[states/egypt]] b`\n", "- a\n\n    `x\n\n    [[states/egypt]] y`\n", "- a `code` [[states/egypt]]\n",
]


_SITE_EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "tables", "fenced_code"]  # (mkdocs.yml's, MkDocs')


@pytest.mark.parametrize("extensions", [
    pytest.param(None, id="every-container"),  # (the extensions unknown: read as def_list and footnotes make them)
    # the site's own, without def_list and footnotes: ": " and "[^1]:" open nothing, and the lines below them indented
    # by eight spaces are code (a review's D7-12 found a reference there resolved into the code)
    pytest.param(_SITE_EXTENSIONS, id="the-site-s-extensions"),
    pytest.param([*_SITE_EXTENSIONS, "markdown.extensions.def_list", {"footnotes": {}}], id="named-otherwise"),
])
@pytest.mark.parametrize("markdown", _NESTED)
def test_a_reference_is_code_where_python_markdown_reads_code(known: dict[str, Linkable], markdown: str,
                                                              extensions: list[Any] | None) -> None:
    """Each reference is left as written where Python-Markdown (with the page's extensions) puts it in code, and
    becomes a link everywhere else: the pages are read as the engines read them."""
    import markdown as python_markdown

    from khartoum_site.site.references import container_kinds

    used = [*_SITE_EXTENSIONS, "def_list", "footnotes"] if extensions is None else [
        next(iter(e)) if isinstance(e, dict) else e for e in extensions]
    marked = markdown.replace("[[states/egypt]]", "KMREFERENCE")
    html = python_markdown.markdown(marked, extensions=used)
    in_code = [html[:found].count("<code") > html[:found].count("</code>")
               for found in (m.start() for m in re.finditer("KMREFERENCE", html))]
    resolved, unknown = resolve_references(markdown, "about.md", known, {}, kinds=container_kinds(extensions))
    assert unknown == []
    kept = [m.group(1) is not None for m in re.finditer(r"(\[\[states/egypt\]\])|\[Egypt\]\(states/egypt\.md\)",
                                                         resolved)]
    assert kept == in_code


def test_a_reference_in_a_tag_a_code_span_seemed_to_hide_is_said(known: dict[str, Linkable]) -> None:
    """An attack's BP5: in a raw HTML block Python-Markdown makes no code span, so a "<p title=" between backticks
    is a tag; the reference after it was resolved inside the attribute, and the paragraph's preview (data) was
    published there, its words read as the element's attributes."""
    markdown = '<div>`<p title="`[[cairo-2025/op-1]]">hover me</p></div>\n'
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert [u.message("docs/about.md") for u in unknown] == [f"docs/about.md:1: the reference [[cairo-2025/op-1]] "
                                                            f"{IN_TAG}"]
    assert resolved == markdown


@pytest.mark.parametrize("shown", ["`<title>`", "`<script>`", "`<!--`", '`<a href="`', "```\n<textarea>\n```",
                                   "    <div class=\"x\""])
def test_a_tag_shown_as_code_leaves_later_references_alone(known: dict[str, Linkable], shown: str) -> None:
    """An attack's BR1: the fix of BP5 read code as HTML, and a tag shown in a code span or block refused every
    reference after it, on a page explaining the markup."""
    resolved, unknown = resolve_references(f"Text.\n\n{shown}\n\nThen [[states/egypt]].\n", "about.md", known, {})
    assert unknown == []
    assert [(a.get_text(), a["href"]) for a in _rendered(resolved).find_all("a")] == [("Egypt", "states/egypt.md")]


@pytest.mark.parametrize("written", [
    # an attack's BT1: a raw block holding a blank line runs on to its closing tag
    '<div>\n\nText.\n\n`<p title="`[[cairo-2025/op-1]]">hover me</p></div>\n',
    # BT2: a block-level tag of Python-Markdown's own list
    '<menu>`<p title="`[[cairo-2025/op-1]]">hover me</p></menu>\n',
])
def test_a_reference_in_a_tag_of_a_raw_block_is_said(known: dict[str, Linkable], written: str) -> None:
    resolved, unknown = resolve_references(written, "about.md", known, {})
    assert [u.in_tag for u in unknown] == [True]
    assert resolved == written


def test_a_code_span_in_markdown_inside_html_is_code(known: dict[str, Linkable]) -> None:
    """An attack's BT3: inside <div markdown> (md_in_html) a code span is code, and the syntax it shows is left."""
    written = "<div markdown>\n\nWrite `[[states/egypt|Egypt]]` for a link.\n\n</div>\n\nThen [[states/egypt]].\n"
    resolved, unknown = resolve_references(written, "about.md", known, {})
    assert unknown == []
    assert "`[[states/egypt|Egypt]]`" in resolved


@pytest.mark.parametrize("markdown", [
    "<div>See [[states/egypt]]</div>", "<p>A paragraph of markup, [[states/egypt]].</p>",
    "<table><tr><td>[[states/egypt|Egypt cell]]</td></tr></table>",
    "<details><summary>[[states/egypt]]</summary>\n\nMore.\n\n</details>",
    # D7-11: up to three spaces before the tag, Python-Markdown reads a raw HTML block all the same
    ' <div class="box">See [[states/egypt]].</div>', "   <p>See [[states/egypt]].</p>",
])
def test_a_reference_in_a_raw_html_block_is_said_at_its_line(known: dict[str, Linkable], markdown: str) -> None:
    """An attack's BU3: Python-Markdown keeps a raw HTML block as it is, and a reference there was published as its
    link's Markdown source, "[Egypt](states/egypt.md){ .km-ref }", with the link check passing."""
    resolved, unknown = resolve_references(f"Text.\n\n{markdown}\n", "about.md", known, {})
    assert resolved == f"Text.\n\n{markdown}\n"
    assert [u.message("docs/about.md") for u in unknown] == [
        "docs/about.md:3: the reference [[states/egypt]] is inside a raw HTML block (a line opening with <div>, <p>, "
        "<table> …), whose content is published as it is written, so the link would show as its Markdown source: "
        "write it outside the block, or give the block's opening tag the markdown attribute (<div markdown>)"]


@pytest.mark.parametrize("indent", [" ", "  ", "   "])
def test_an_html_block_indented_up_to_three_spaces_is_raw_html_to_python_markdown(indent: str) -> None:
    """What the rule above follows (D7-11): Python-Markdown leaves such a block's Markdown as it is."""
    rendered = _rendered(f"Text.\n\n{indent}<div>See [Egypt](states/egypt.md).</div>\n")
    assert rendered.find("a") is None
    assert "[Egypt](states/egypt.md)" in rendered.get_text()


def test_an_html_block_indented_four_spaces_is_code(known: dict[str, Linkable]) -> None:
    markdown = "Text.\n\n    <div>See [[states/egypt]]</div>\n"
    assert resolve_references(markdown, "about.md", known, {}) == (markdown, [])


@pytest.mark.parametrize("markdown", ["<div markdown>\n\nSee [[states/egypt]].\n\n</div>",
                                      "<span>See [[states/egypt]].</span>", "```\n<div>\n```\n\n[[states/egypt]]"])
def test_a_reference_in_markdown_beside_html_is_a_link(known: dict[str, Linkable], markdown: str) -> None:
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert unknown == []
    assert _rendered(resolved).find("a", href="states/egypt.md") is not None


def test_a_labelled_reference_in_a_table_may_set_its_label_off_with_an_escaped_bar(known: dict[str, Linkable]) -> None:
    """An attack's BU4: "[[states/egypt\\|Egypt]]", as tables ask a "|" in a cell to be written, was refused as an
    unknown reference "states/egypt\\"."""
    table = "| State | Note |\n|---|---|\n| [[states/egypt\\|the host]] | x |\n| [[states/egypt|the host]] | y |\n"
    resolved, unknown = resolve_references(table, "about.md", known, {})
    assert unknown == []
    rows = _rendered(resolved).find_all("tr")[1:]
    assert [[cell.get_text() for cell in row.find_all("td")] for row in rows] == [["the host", "x"], ["the host", "y"]]
    assert all(row.find("a", href="states/egypt.md") for row in rows)


# --- Each reference read in time linear in the page (an attack's BU2) ----------------------------------------

_PIECES = ["[", "]", "(", ")", "!", "\\", "\n", "\n\n", " ", "a", "{", "}", "](", "![", "[[states/egypt]]"]


@pytest.mark.parametrize("seed", range(40))
def test_the_page_read_once_answers_as_each_reference_reading_it_again(seed: int) -> None:
    """The readers made once a page (``_LinkText``, ``_InMarkdownLink``) answer, for every reference met in order,
    what the readings of the page from each reference's paragraph gave (``_in_link_text``, ``_in_markdown_link``)."""
    import random

    from khartoum_site.site import references

    rng = random.Random(seed)
    for _ in range(50):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(1, 40)))
        paragraphs = references._Paragraphs(text)
        link_text = references._LinkText(text, paragraphs)
        in_link = references._InMarkdownLink(text, paragraphs)
        spans = [m.span() for m in re.finditer(r"(?<!\\)\[\[states/egypt\]\]", text)]
        for start, end in spans:
            assert link_text(start, end) == references._in_link_text(text, start, end), (text, start)
            assert in_link(start) == references._in_markdown_link(text, start), (text, start)
        for offset in range(spans[-1][1] if spans else 0, len(text) + 1):
            assert in_link(offset) == references._in_markdown_link(text, offset), (text, offset)


def test_the_first_offset_a_script_may_be_open_is_the_one_each_reference_found() -> None:
    from khartoum_site.site import references

    for text in ["<script>x</script> <!-- <script> a", "<!-- <script> <script> --> <!-- <script>",
                 "<script> <!-- --> <script>", "no script", "<script><!--<script", "<script> <!--- --> <!-- x"]:
        start = references._script_open_from(text)
        for offset in range(len(text) + 1):
            before = text[:offset]
            first = before.find("<script")
            expected = first != -1 and re.search(r"<!--(?:(?!-->).)*<script", before[first + 7:], re.S) is not None
            assert (start >= 0 and offset >= start) == expected, (text, offset)


def test_a_reference_in_an_html_comment_is_left_as_written(known: dict[str, Linkable]) -> None:
    """A review's D7-9: an editor's note in a comment naming a record stopped the build."""
    markdown = ("Text <!-- a note: see [[states/egypt]] and [[nothing/here]] -->, then [[states/egypt]].\n\n"
                "<!--\n[[states/egypt]]\n-->\n")
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert unknown == []
    assert resolved.count("[[states/egypt]]") == 2
    assert resolved.count("[Egypt](states/egypt.md)") == 1
    assert "[[nothing/here]]" in resolved


def test_a_code_element_never_closed_ends_with_its_paragraph(known: dict[str, Linkable]) -> None:
    """An attack's BW2: after "<code>khartoum-site check</cod>", every later reference was left as raw brackets, without
    a word; a <pre>'s code, and a code element closed, are code as before."""
    markdown = ("The command is <code>khartoum-site check</cod>, run it.\n\nThen [[states/egypt]].\n\n"
                "<pre><code>[[states/egypt]]\n\n[[states/egypt]]</code></pre>\n\nA <code>[[states/egypt]]</code>.\n")
    resolved, unknown = resolve_references(markdown, "about.md", known, {})
    assert unknown == []
    assert resolved.count("[Egypt](states/egypt.md)") == 1
    assert resolved.count("[[states/egypt]]") == 3


@pytest.mark.parametrize(("extensions", "kinds"), [
    (["admonition"], {"admonition"}), (["markdown.extensions.admonition:AdmonitionExtension"], {"admonition"}),
    # an attack's BX4: these write their blocks otherwise ("/// admonition"), and no "!!!" opens a container
    (["pymdownx.blocks.admonition", "pymdownx.blocks.details"], set()),
    (["markdown.extensions.extra", {"pymdownx.tabbed": {"alternate_style": True}}],
     {"def_list", "footnotes", "tabbed"}),
])
def test_the_containers_are_those_the_extensions_named_make(extensions: list[Any], kinds: set[str]) -> None:
    from khartoum_site.site.references import container_kinds

    assert container_kinds(extensions) == frozenset(kinds)


@pytest.mark.parametrize("written", [
    "A note <!-- closed so --!> then [[states/egypt]].",  # (a browser ends the comment at "--!>")
    "An empty note <!--> then [[states/egypt]] -->.", "An empty note <!---> then [[states/egypt]] -->.",
    "A note never closed <!-- to do: [[states/egypt]]",  # (Python-Markdown shows it as text)
])
def test_a_reference_after_a_comment_a_browser_reads_otherwise_is_said(known: dict[str, Linkable],
                                                                      written: str) -> None:
    """An attack's BX2: comments read as Python's parser reads them, not as browsers and Python-Markdown do, left a
    reference as raw brackets on the page, or made a broken link, with a clean build."""
    resolved, unknown = resolve_references(written, "about.md", known, {})
    assert [u.message("docs/about.md") for u in unknown] == [
        f"docs/about.md:1: the reference [[states/egypt]] {IN_TAG}"]
    assert resolved == written
