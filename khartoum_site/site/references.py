"""Everything in the record another page can link to, under a permanent key, and the links to it.

A key is ``<document>/<paragraph>`` for a paragraph (``cairo-2025/op-12``) and ``<collection>/<id>``
for everything else (``states/egypt``, ``events/cairo-ministerial-2025``). Keys are what the public
inventory (``objects.inv``, ``ids.json``) publishes, what ``[[key]]`` references in hand-written
pages name, and what the committed manifest of published URLs records.

Former ids make aliases: the old key still resolves, the old page URL gets a redirect page and the
old anchor stays on the full text (see the templates), so published links keep working.
"""

from __future__ import annotations

import bisect
import difflib
import html
import itertools
import math
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

from khartoum_site.escape import md_link_title, md_text, terminal_text
from khartoum_site.record import model
from khartoum_site.site import urls
from khartoum_site.site.urls import Target

PREVIEW_CHARS = 300
# Documents are keyed like the others, and their paragraphs under the document's id.
_NOT_DOCUMENTS = [c for c in model.COLLECTIONS if c.record is not model.Document]


@dataclass(frozen=True)
class Linkable:
    """A linkable record: its key, kind, title, where it is, and the text a preview shows."""

    key: str
    kind: str
    title: str
    page: Target
    anchor: Target | None
    document: str | None
    preview: str | None
    withdrawn: str | None = None  # the date it was withdrawn (ISO), for an entry taken out of the record


def _title(item: object, document: model.Document | None = None) -> str:
    if isinstance(item, model.Paragraph) and document is not None:
        return f"{document.title}, {model.display_name(item)}"
    return model.display_name(item)


_LINKABLES: dict[int, tuple[object, object, Linkable]] = {}
"""The last record's linkables, by the entry itself and, for a paragraph, its document: an entry is frozen, and a
server's rebuild finds the entries of every unchanged data file as the very objects it had (``record/validate.py``).
Each rebuild asks twice, for the check of published addresses and for the page set."""


def entries(record: model.Record) -> dict[str, Linkable]:
    """Every linkable record by key, in a stable order."""
    found: dict[str, Linkable] = {}
    now: dict[int, tuple[object, object, Linkable]] = {}

    def reused(item: object, document: object = None) -> Linkable | None:
        before = _LINKABLES.get(id(item))
        return before[2] if before is not None and before[0] is item and before[1] is document else None

    for collection in _NOT_DOCUMENTS:
        for item in getattr(record, collection.name).values():
            key = f"{collection.name}/{item.id}"
            found[key] = reused(item) or Linkable(key, collection.singular, _title(item), urls.target_of(item),
                                                former_anchor(key), None, None)
            now[id(item)] = item, None, found[key]
    for document in record.documents.values():
        key = f"documents/{document.id}"
        found[key] = reused(document) or Linkable(key, "document", document.title,
                                                urls.record_page("documents", document.id), None, document.id, None)
        now[id(document)] = document, None, found[key]
        for paragraph in document.paragraphs:
            key = paragraph.key
            found[key] = reused(paragraph, document) or Linkable(
                key, "paragraph", _title(paragraph, document), urls.paragraph_page(document.id, paragraph.id),
                urls.paragraph_in_text(document.id, paragraph.id), document.id, paragraph.text)
            now[id(paragraph)] = paragraph, document, found[key]
    _LINKABLES.clear()
    _LINKABLES.update(now)
    for key, item in record.withdrawn.items():  # their addresses keep answering, saying they were withdrawn
        withdrawal = record.withdrawal_of(item)
        date = withdrawal.date.iso() if withdrawal else None
        title = f"{model.display_name(item)} (withdrawn)"
        if isinstance(item, model.Paragraph):
            found[key] = Linkable(key, "paragraph", title, urls.paragraph_page(item.document, item.id),
                                  urls.paragraph_in_text(item.document, item.id), item.document, None, date)
        else:
            collection = model.COLLECTION_OF[type(item)]
            # a membership statement was an anchor on its state's page, which keeps it (an attack's AA3: withdrawn,
            # its published address was no longer served, and the check refused the withdrawal)
            kept = urls.target_of(item) if isinstance(item, model.Membership) else former_anchor(key)
            found[key] = Linkable(key, collection.singular, title, urls.own_page(item),
                                  kept, item.id if isinstance(item, model.Document) else None, None, date)
    return found


def aliases(record: model.Record) -> dict[str, str]:
    """Former key → current key, for every former id in the record."""
    found: dict[str, str] = {}
    for collection in _NOT_DOCUMENTS:
        for item in getattr(record, collection.name).values():
            for former in item.former_ids:
                found[f"{collection.name}/{former}"] = f"{collection.name}/{item.id}"
    for document in record.documents.values():
        for doc_id in (document.id, *document.former_ids):
            if doc_id != document.id:
                found[f"documents/{doc_id}"] = f"documents/{document.id}"
            for paragraph in document.paragraphs:
                for paragraph_id in (paragraph.id, *paragraph.former_ids):
                    if (doc_id, paragraph_id) != (document.id, paragraph.id):
                        found[f"{doc_id}/{paragraph_id}"] = f"{document.id}/{paragraph.id}"
    for key, item in record.withdrawn.items():  # a withdrawn entry's old ids lead to its notice
        prefix = key.split("/", 1)[0]
        for former in item.former_ids:
            found[f"{prefix}/{former}"] = key
    return found


def former_page(key: str) -> Target:
    """Where the page of a (former) key was published, by the same URL scheme."""
    first, _, rest = key.partition("/")
    if first in model.COLLECTION:
        return urls.record_page(first, rest)
    return urls.paragraph_page(first, rest)


def former_anchor(key: str) -> Target | None:
    """Where else the record of a (current or former) key is shown for good, as an anchor on a list page:
    a paragraph on its document's full text, an event on the timeline (its address before events had pages)."""
    first, _, rest = key.partition("/")
    if first not in model.COLLECTION:
        return urls.paragraph_in_text(first, rest)
    return urls.on_the_timeline(rest) if first == "events" else None


def former_heading(key: str) -> Target | None:
    """Where the heading of a record shown on its list (a source, a topic, a seat, a term) kept the anchor of a (former)
    key: ``sources/#source-<old id>``, which the list's template writes beside the heading of the record."""
    first, _, rest = key.partition("/")
    if first in urls.ON_THEIR_LIST:
        return Target(urls.index_page(first), urls.on_list_anchor(first, rest))
    return None


def moved(current: dict[str, Linkable]) -> dict[str, Target]:
    """Key → the page the URL scheme gave it, for each record now shown as an anchor on another page (a
    membership statement on its state's page): that page was published, and keeps answering with a redirect."""
    found: dict[str, Target] = {}
    for key, entry in current.items():
        first = key.partition("/")[0]
        if first in model.COLLECTION and entry.page.anchor is not None and former_page(key).page != entry.page.page:
            found[key] = former_page(key)
    return found


def redirects(current: dict[str, Linkable], alias: dict[str, str]) -> dict[str, Linkable]:
    """Old page (as an ``.../index.html`` path in the site) → the record now at its place: the page of a
    former id, and the page a record had before it moved to an anchor on another page.

    ``current`` and ``alias`` are ``entries(record)`` and ``aliases(record)``, made once per build.
    """
    found: dict[str, Linkable] = {}
    for old_key, new_key in alias.items():
        found[urls.public_url(former_page(old_key).page) + "index.html"] = current[new_key]
    for key, page in moved(current).items():
        found[urls.public_url(page.page) + "index.html"] = current[key]
    return found


def redirect_html(from_file: str, target: Target, title: str) -> str:
    """A static redirect page that also carries the #fragment along (for old full-text anchors)."""
    from_dir = posixpath.dirname(from_file)
    to = target.url()
    path, _, anchor = to.partition("#")
    relative = urls.relative_path(path or ".", from_dir or ".") + "/"
    href = relative + (f"#{anchor}" if anchor else "")
    safe_href = html.escape(href, quote=True)
    safe_title = html.escape(title)
    keep_hash = "" if anchor else " + location.hash"
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Moved: {safe_title}</title>\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={safe_href}\">\n"
        f"<link rel=\"canonical\" href=\"{safe_href}\">\n"
        f"<script>location.replace({href!r}{keep_hash});</script>\n"
        "</head>\n<body>\n"
        f"<p>This page has moved to <a href=\"{safe_href}\">{safe_title}</a>.</p>\n"
        "</body>\n</html>\n"
    )


# --- [[key]] references in hand-written Markdown -----------------------------------------------------

# (in a table's row a label is set off with "\|", as tables ask of a "|" in a cell: an attack's BU4 found it refused)
_REFERENCE = re.compile(r"\[\[([a-z0-9][a-z0-9/-]*)(?:#([a-z0-9][a-z0-9_-]*))?(?:\\?\|([^\]]{1,1000}))?\]\]")
# What a reader or an editor takes for a reference, written loosely ("[[states/Egypt]]", "[[ states/egypt ]]"): it is
# said, not published as text without a word (a held-out round's BF9)
# (a label may run onto the next line; "[[PDF]](https://…)" is a Markdown link whose text is in brackets: review D5-16)
# ("\[[" is the author's literal brackets, shown as written: an attack's BH3)
# (a label is read for 1,000 characters at most: "[[a| " repeated with no bracket after it had each opening read to the
# page's end, in time growing as the square of the page: an attack's BU2)
_LOOKS_LIKE = re.compile(r"(?<!\\)\[\[([^\[\]\n|]{1,200})(\|[^\]]{0,1000})?\]\](?![(\[])")
# A reference whose label holds "]" or a code span ("[[states/egypt|a]b]]", "[[states/egypt|the `x` text]]") is no
# reference at all to the patterns above, and was published as raw brackets (an attack's BH3): "[[" then a key and
# "|" is this syntax and no other, so it is said.
_EITHER = re.compile(_LOOKS_LIKE.pattern + r"|(?<!\\)\[\[(?P<unclosed>[^\[\]\n|`]{1,200})\|(?![^\]]{0,1000}\]\][(\[])")
# A fence opening a code block: up to three spaces, then three or more backticks or tildes (a backtick fence's words
# after it hold no backtick: "```a```" is a code span); it closes at a line of the same character, at least as many.
_FENCE_OPEN = re.compile(r" {0,3}(`{3,}(?=[^`]*$)|~{3,}).*")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")
# A line that opens a list item, an admonition (or a collapsible one), a content tab, a definition or a footnote, at any
# indentation: its lines indented by four spaces more are its own paragraphs, and by eight spaces more, after a blank
# line, a code block of its own (Python-Markdown reads each level of a list as four spaces)
_CONTAINER = re.compile(r" *(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)| *(?:!!!|\?\?\?\+?|===\+?)[ \t]| *:[ \t]"
                        r"| *\[\^[^\]\n]+\]:")
# Which extension makes each container other than a list item (an admonition's "!!!" is a paragraph without
# admonition): a reference after ": " with def_list off was read as in a definition, and resolved in the code block
# Python-Markdown made of the lines below it (a review's D7-12). "extra" makes definitions and footnotes.
_CONTAINER_EXTENSIONS = {"!!!": "admonition", "???": "details", "===": "tabbed", ":": "def_list", "[^": "footnotes"}


def container_kinds(extensions: Iterable[object] | None) -> frozenset[str] | None:
    """The containers a page's Markdown extensions (as mkdocs.yml names them: "admonition",
    "pymdownx.details", a mapping of one name to its options) make, besides list items; None: every one."""
    if extensions is None:
        return None
    # a name as Python-Markdown finds it: "admonition", "markdown.extensions.admonition", with ":Class" or not
    # ("pymdownx.blocks.admonition" writes its admonitions otherwise, and read as "admonition" had a page's code
    # resolved: an attack's BX4)
    names = {str(next(iter(e)) if isinstance(e, dict) and e else e).split(":", 1)[0].removeprefix(
        "markdown.extensions.") for e in extensions}
    kinds = {"admonition": "admonition", "pymdownx.details": "details", "pymdownx.tabbed": "tabbed",
             "def_list": "def_list", "footnotes": "footnotes"}
    found = {kind for name, kind in kinds.items() if name in names}
    if "extra" in names:
        found |= {"def_list", "footnotes"}
    return frozenset(found)


def _opens_container(line: str, kinds: frozenset[str] | None) -> bool:
    """Whether a line opens a list item, or a container of another kind that the page's extensions make."""
    if (found := _CONTAINER.match(line)) is None:
        return False
    marker = found.group(0).lstrip()
    kind = next((kind for start, kind in _CONTAINER_EXTENSIONS.items() if marker.startswith(start)), None)
    return kind is None or kinds is None or kind in kinds


_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")  # "- - -" is a rule, not a list item
_QUOTED = re.compile(r"(?: {0,3}>[ ]?)+")  # a block quote's markers, which Python-Markdown strips before reading on
def _raw_html_blocks(markdown_text: str) -> list[tuple[int, int]]:
    """Where the page's raw HTML blocks are, as Python-Markdown reads them: from a line opening (after up to three
    spaces) with one of its block-level tags (its own list) to that tag's closing tag, blank lines included (an
    attack's BT1, BT2), or to the end of the page if it is never closed; a void tag (<hr>) to the next blank line.
    A block whose tag has a ``markdown`` attribute holds Markdown (md_in_html: its code spans are code, BT3)."""
    blocks: list[tuple[int, int]] = []
    for found in _BLOCK_OPENING.finditer(markdown_text):
        if blocks and found.start() < blocks[-1][1]:
            continue
        tag = found.group(1).lower()
        if re.search(r"\smarkdown\b", found.group(2) or ""):
            continue
        if tag in ("hr",):
            blank = re.compile(r"\n[ \t]*\n").search(markdown_text, found.end())
            blocks.append((found.start(), blank.start() if blank else len(markdown_text)))
            continue
        close = re.compile(rf"</{tag}\s*>", re.I).search(markdown_text, found.end())
        blocks.append((found.start(), close.end() if close else len(markdown_text)))
    return blocks


# (up to three spaces before it: Python-Markdown's HTML parser takes such a line for a block's start, and
# " <div>See [[states/egypt]]</div>" was published as the link's Markdown source: an attack's D7-11)
_BLOCK_OPENING = re.compile(r"^ {0,3}<("
                            + "|".join(sorted(markdown.Markdown().block_level_elements, key=len, reverse=True))
                            + r")\b([^>\n]*)", re.M | re.I)
# (a code span ends within its paragraph: Python-Markdown reads each block between blank lines on its own, so "`a" and
# "b`" in two paragraphs are backticks, not code)
# (a run of backticks opens one only where it begins: tried from each backtick of a run of 1,500, the pattern took
# minutes for one line, an attack's BX1)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?:(?!\n[ \t]*\n)(?:.|\n))*?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class UnknownReference:
    line: int
    key: str
    suggestions: tuple[str, ...]
    in_tag: bool = False  # known, but written inside an HTML tag, where a link cannot go
    in_title: bool = False  # known, but written in the heading that gives the page its title
    unclosed: bool = False  # "[[key|" whose label never reaches "]]": it holds "]" or a code span
    in_attributes: bool = False  # known, but written between braces on its line ("{: title=... }", "{a, [[k]]}")
    in_html_block: bool = False  # written in a raw HTML block, whose content Markdown leaves as it is

    def message(self, file: str, line_offset: int = 0) -> str:
        """The warning, at the line in the file (``line_offset``: lines of front matter before the text)."""
        where = f"{file}:{self.line + line_offset}"
        if self.in_title:
            # the theme writes the page's title (its first heading's text, unless the front matter gives one) into
            # the page's head as it is: a topic named with "</title><script>" ran there (a twenty-first attack)
            return terminal_text(f"{where}: the reference [[{self.key}]] is in the heading that gives the page its "
                                 "title, which the theme writes into the page's head as it is: give the page a title "
                                 "in its front matter (title: ...), or name the record in words in that heading")
        if self.unclosed:
            return terminal_text(f"{where}: the reference [[{self.key}|...]] is not closed by ]] where its "
                                 "label ends: the label holds a bracket or a code span (`...`), which a label cannot "
                                 "hold, or runs over 1,000 characters; write the label in plain words")
        if self.in_attributes:
            # attr_list (which every reference's own "{ .km-ref }" needs) reads "{: ... }" after a block, a heading or
            # an inline element as its attributes: the link's Markdown, with its own braces, ended the list early and
            # the page showed the rest as text (an attack's BR8)
            # (said of braces, not of a list: "{[[states/egypt]], …}" in prose has none, D7-7)
            return terminal_text(f"{where}: the reference [[{self.key}]] stands between braces on its line "
                                 "({ ... }), which attr_list may read as an attribute list, whose words become "
                                 "attributes of an element, where a link cannot go: write it outside the braces")
        if self.in_html_block:
            # Python-Markdown keeps a raw HTML block as it is: "<div>See [[states/egypt]]</div>" was published with
            # the link's Markdown source as its text, and the link check, reading only <a> tags, passed (an attack's
            # BU3)
            return terminal_text(f"{where}: the reference [[{self.key}]] is inside a raw HTML block (a line opening "
                                 "with <div>, <p>, <table> …), whose content is published as it is written, so the "
                                 "link would show as its Markdown source: write it outside the block, or give the "
                                 "block's opening tag the markdown attribute (<div markdown>)")
        if self.in_tag:
            # a reference is a Markdown link: inside a tag's attribute its quotes and the record's text (a topic
            # named with a quote) ended the attribute (a seventeenth attack)
            return terminal_text(f"{where}: the reference [[{self.key}]] is inside HTML markup (a tag, a script, a "
                                 "style or a text box) or a Markdown link's text, address, title or "
                                 "image description, where a link cannot go: write it in the page's text")
        hint = (" Did you mean " + " or ".join(f"[[{s}]]" for s in self.suggestions) + "?"
                if self.suggestions else "")
        # The key is whatever was typed in the page: the line stays one line and inert on a terminal.
        return terminal_text(f"{where}: unknown reference [[{self.key}]].{hint}")


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class _Markup(HTMLParser):
    """Where a page's raw HTML stands at an offset of its Markdown: inside a tag (between ``<div`` and its ``>``,
    quotes read as a browser reads them) or inside a script or style element, where a reference's link would be
    read as attribute, script or style text (a seventeenth and an eighteenth attack ended an attribute, a script's
    string, with a topic's name holding a quote). Fed once, in order, as the references are met."""

    # Elements whose content a browser shows as text or not at all, where a Markdown link is never made: a reference
    # there showed its Markdown, or Python-Markdown's placeholders (a nineteenth attack's textarea, title, xmp).
    TEXT_ONLY = frozenset({"textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"})
    # Elements of code, as the author's own: "[[key]]" there is the syntax shown as written, as in a code span or a
    # fenced block, so it is left as it is without a word (a warning would ask to mend what is meant). Resolved, it
    # was published as a link's Markdown source in a <pre> (Python-Markdown keeps a raw block as it is), and as a
    # link in code type in a <code> (an attack's BM3).
    CODE = frozenset({"pre", "code"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text, self.fed = text, 0
        self.script_open_from: int | None = None
        self.in_markdown_link = _InMarkdownLink(text, _Paragraphs(text))
        self.text_only: list[str] = []
        self.code: list[str] = []
        self.in_h1 = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in self.TEXT_ONLY:
            self.text_only.append(tag)
        if tag in self.CODE:
            self.code.append(tag)
        if tag == "h1":  # an HTML heading an engine may take the page's title from (md_in_html)
            self.in_h1 += 1

    def handle_data(self, data: str) -> None:
        # a <code> never closed ("<code>check</cod>") ends with its paragraph, at a blank line, for Python-Markdown and
        # the browser: every reference after it was left as raw brackets, without a word (an attack's BW2); a <pre>'s
        # code goes on
        if self.code and "pre" not in self.code and _BLANK_LINE.search(data):
            self.code.clear()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.text_only and tag != "plaintext":  # nothing ends <plaintext>
            del self.text_only[len(self.text_only) - 1 - self.text_only[::-1].index(tag):]
        if tag in self.code:
            del self.code[len(self.code) - 1 - self.code[::-1].index(tag):]
        if tag == "h1" and self.in_h1:
            self.in_h1 -= 1

    def in_comment_at(self, offset: int) -> bool:
        """Whether ``offset`` is inside an HTML comment (``<!-- … -->``) that every reader of the page reads as one,
        which no reader sees. Not one a browser ends early (``<!-->``, ``<!--->``, ``--!>``), nor one never closed,
        which Python-Markdown shows as text (an attack's BX2): a reference there is said as in a tag."""
        self._feed_to(offset)
        if self.cdata_elem is not None or not self.rawdata.startswith("<!--"):
            return False
        start = offset - len(self.rawdata)
        close = self.text.find("-->", start + 4)
        return (close >= offset and not self.text.startswith((">", "->"), start + 4)
                and "--!>" not in self.text[start:close])

    def in_code_at(self, offset: int) -> bool:
        """Whether ``offset`` is in the text of a <pre> or <code> element (not in one of its tags)."""
        self._feed_to(offset)
        return bool(self.code) and not self.rawdata.startswith("<")

    def _feed_to(self, offset: int) -> None:
        if offset > self.fed:
            self.feed(self.text[self.fed:offset])
            self.fed = offset

    def inside_at(self, offset: int) -> bool:
        self._feed_to(offset)
        # an open tag is kept back, unread; a script whose end a browser does not read as one (after "<!--" inside
        # it, "</script>" ends an inner state, not the script: a nineteenth attack) counts as open
        return (self.rawdata.startswith("<") or self.cdata_elem is not None or bool(self.text_only)
                or self._script_open(offset) or self.in_markdown_link(offset))

    def _script_open(self, offset: int) -> bool:
        """Whether a script before ``offset`` may still be open for a browser: after "<!--" then "<script" inside
        a script (with no "-->" between), a browser reads on past the next "</script>". Read conservatively: once
        a page holds that, every reference after it counts as inside."""
        if self.script_open_from is None:
            self.script_open_from = _script_open_from(self.text.lower())
        return self.script_open_from >= 0 and offset >= self.script_open_from


def _script_open_from(text: str) -> int:
    """The first offset at which a script may be open for a browser, as ``_Markup._script_open`` reads it: the end
    of the first "<!--" then "<script" (no "-->" between) after the page's first "<script"; -1 if there is none.
    Found once a page, in time linear in it (each reference read the page again from its start: an attack's BU2)."""
    first = text.find("<script")
    if first == -1:
        return -1
    after = first + len("<script")
    scripts = [m.start() for m in re.finditer("<script", text) if m.start() >= after]
    closes = [m.start() for m in re.finditer("-->", text)]
    ends = []
    for comment in (m.start() for m in re.finditer("<!--", text) if m.start() >= after):
        at = bisect.bisect_left(scripts, comment + 4)
        if at == len(scripts):
            break  # (no "<script" after this comment, nor after any later one)
        closed = bisect.bisect_left(closes, comment + 4)
        if closed == len(closes) or closes[closed] >= scripts[at]:
            ends.append(scripts[at] + len("<script"))
    return min(ends, default=-1)


class _Paragraphs:
    """Where a page's paragraphs (its stretches between blank lines) begin and end, and its lines, found once a page
    (each reference looked for them again from its own place: an attack's BU2)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blank = [m.start() for m in re.finditer(r"(?=\n\n)", text)]
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def start(self, offset: int) -> int:
        """Where the paragraph holding ``offset`` starts: after the last blank line before it (its second line
        break), as ``text.rfind("\\n\\n", 0, offset) + 1`` gives it."""
        at = bisect.bisect_right(self.blank, offset - 2) - 1
        return self.blank[at] + 1 if at >= 0 else 0

    def end(self, offset: int) -> int:
        """Where the paragraph after ``offset`` ends: the next blank line's first line break, or the page's end."""
        at = bisect.bisect_left(self.blank, offset)
        return self.blank[at] if at < len(self.blank) else len(self.text)

    def line(self, offset: int) -> int:
        """The 1-based line of ``offset``."""
        return bisect.bisect_left(self.newlines, offset) + 1

    def line_span(self, start: int, end: int) -> tuple[int, int]:
        """The start of the line holding ``start`` and the end of the line holding ``end``."""
        before = bisect.bisect_left(self.newlines, start) - 1
        after = bisect.bisect_left(self.newlines, end)
        return (self.newlines[before] + 1 if before >= 0 else 0,
                self.newlines[after] if after < len(self.newlines) else len(self.text))


class _InMarkdownLink:
    """Whether an offset of the page is inside a Markdown image's description or a link's address or title, as
    ``_in_markdown_link`` reads it, answered for offsets met in order by reading the page once (BU2)."""

    def __init__(self, text: str, paragraphs: _Paragraphs) -> None:
        self.text, self.paragraphs = text, paragraphs
        self.at = self.paragraph = -1
        self.image_depth = 0  # the brackets open since the last "![" of the paragraph, 0 once it closed
        self.addresses: set[int] = set()  # the parentheses open in each "](" that may still run on (0 or 1)

    def __call__(self, offset: int) -> bool:
        paragraph = self.paragraphs.start(offset)
        if offset < self.at:
            return _in_markdown_link(self.text, offset)  # (not met in order: read as before)
        if paragraph != self.paragraph or self.at < paragraph:
            self.at, self.paragraph, self.image_depth, self.addresses = paragraph, paragraph, 0, set()
        text, image_depth, addresses = self.text, self.image_depth, self.addresses
        for index in range(self.at, offset):
            char = text[index]
            if char == "[":
                if index > paragraph and text[index - 1] == "!":
                    image_depth = 1
                elif image_depth:
                    image_depth += 1
            elif char == "]":
                if image_depth:
                    image_depth -= 1
            elif char == "(":
                addresses = {1} if 0 in addresses else set()
                if index > paragraph and text[index - 1] == "]":
                    addresses.add(0)
            elif char == ")":
                addresses = {0} if 1 in addresses else set()
        self.at, self.image_depth, self.addresses = offset, image_depth, addresses
        return image_depth > 0 or 0 in addresses  # (a parenthesis opened inside it and not closed: no address)


def _in_markdown_link(text: str, offset: int) -> bool:
    """Whether ``offset`` is inside a Markdown image's description (``![ ... ]``) or a link's address or title
    (``]( ... )``) on its paragraph: a link cannot go there; Python-Markdown showed the reference's Markdown, or its
    own placeholders, as the title or the image's text (a nineteenth attack)."""
    paragraph = text[text.rfind("\n\n", 0, offset) + 1:offset]  # from the blank line before (or the start)
    if (image := paragraph.rfind("![")) != -1:
        depth = 1
        for char in paragraph[image + 2:]:
            depth += {"[": 1, "]": -1}.get(char, 0)
            if depth == 0:
                break
        else:
            return True
    return re.search(r"\]\([^()]*(?:\([^()]*\)[^()]*)*$", paragraph) is not None


def _in_link_text(text: str, start: int, end: int) -> bool:
    """Whether the reference at ``start:end`` stands inside the text of a Markdown link ("[see [[key]]](url)" or
    "[see [[key]]][label]"): a link inside a link's text was published as the inner link's Markdown source (an
    attack's BH3). Brackets are counted on the reference's paragraph, a backslash's bracket not counted."""
    paragraph_start = text.rfind("\n\n", 0, start) + 1
    paragraph_end = text.find("\n\n", end)
    depth = 0
    for found in re.finditer(r"\\.|[\[\]]", text[paragraph_start:start], re.S):
        depth += {"[": 1, "]": -1}.get(found.group(0), 0)
        depth = max(depth, 0)
    if depth == 0:
        return False
    after = text[end:len(text) if paragraph_end == -1 else paragraph_end]
    for found in re.finditer(r"\\.|[\[\]]", after, re.S):
        depth += {"[": 1, "]": -1}.get(found.group(0), 0)
        if depth == 0:
            return after[found.end():found.end() + 1] in ("(", "[")
    return False


class _LinkText:
    """Whether a reference stands inside the text of a Markdown link, as ``_in_link_text`` reads it, with each
    paragraph's brackets read once (each reference read its paragraph again from its start, and a page of 10,000
    references took eleven minutes to build: an attack's BU2). Per paragraph: each bracket outside a backslash's, with
    the depth before it counted as ``_in_link_text`` counts it (never below 0), and the sum of the brackets (+1, -1)
    up to it, by which the bracket closing a link's text is found ahead."""

    def __init__(self, text: str, paragraphs: _Paragraphs) -> None:
        self.text, self.paragraphs = text, paragraphs
        self.read: tuple[int, int] = (-1, -1)
        self.positions: list[int] = []
        self.depths: list[int] = []  # the depth after each bracket, never below 0
        self.sums: list[int] = []  # the sum after each bracket
        self.reached: dict[int, list[int]] = {}  # a sum: the brackets after which it is reached

    def _read(self, start: int, end: int) -> None:
        self.read = (start, end)
        self.positions, self.depths, self.sums, self.reached = [], [], [], {}
        depth = total = 0
        for found in re.finditer(r"\\.|[\[\]]", self.text[start:end], re.S):
            step = {"[": 1, "]": -1}.get(found.group(0), 0)
            if step:
                depth, total = max(depth + step, 0), total + step
                self.positions.append(start + found.start())
                self.depths.append(depth)
                self.sums.append(total)
                self.reached.setdefault(total, []).append(start + found.start())

    def __call__(self, start: int, end: int) -> bool:
        paragraph_start, paragraph_end = self.paragraphs.start(start), self.paragraphs.end(end)
        if self.read[0] != paragraph_start:
            self._read(paragraph_start, paragraph_end)
        if self.read != (paragraph_start, paragraph_end):  # (a label running over a blank line: read as before)
            return _in_link_text(self.text, start, end)
        before = bisect.bisect_left(self.positions, start) - 1
        depth = self.depths[before] if before >= 0 else 0
        if depth == 0:
            return False
        # the sums stand as they did before the reference's own brackets are read past: the bracket that brings the
        # depth back to 0 after the reference is the first after it whose sum is that much below the sum at its end
        last = bisect.bisect_left(self.positions, end) - 1
        wanted = (self.sums[last] if last >= 0 else 0) - depth
        ahead = self.reached.get(wanted, [])
        found = bisect.bisect_left(ahead, end)
        if found == len(ahead):
            return False
        return self.text[ahead[found] + 1:ahead[found] + 2] in ("(", "[") and ahead[found] + 1 < paragraph_end


def _braces(text: str) -> tuple[list[int], list[int]]:
    """The page's braces that no backslash escapes: all of them, and the closing ones, in order (BU2)."""
    every = [m.start() for m in re.finditer(r"(?<!\\)[{}]", text)]
    return every, [at for at in every if text[at] == "}"]


def _indent(line: str) -> int:
    """How far a line is indented, a tab reaching the next multiple of four columns as Markdown reads it."""
    spread = line.expandtabs(4)
    return len(spread) - len(spread.lstrip(" "))


def _code_blocks(markdown: str, kinds: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Where the page's code blocks are, as spans of ``markdown``: fenced blocks, whatever the fence's length (a
    four-backtick fence may show a three-backtick line, which closed the block for a pattern of three, an attack's
    BM3), and blocks indented by four spaces or a tab after a blank line, beyond the indentation of the list item,
    admonition, tab, definition or footnote they stand in (their own paragraphs are indented by four spaces, their code
    by eight, a nested list's by twelve: an attack's code in a list item was resolved). A fence that is never closed
    opens nothing, as Python-Markdown reads it; a fence may be indented as far as the container it stands in.
    ``kinds``: the containers other than list items that the page's extensions make (``container_kinds``)."""
    lines = markdown.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    # the lines that may close a fence, by character: (line, length, indentation), in order; a block quote's lines
    # without their markers
    closers: dict[str, list[tuple[int, int, int]]] = {"`": [], "~": []}
    for number, line in enumerate(lines):
        content = line[quoted.end():] if (quoted := _QUOTED.match(line)) is not None else line
        if (found := _FENCE_CLOSE.fullmatch(content.expandtabs(4).lstrip(" "))) is not None:
            closers[found[1][0]].append((number, len(found[1]), _indent(content)))
    blocks: list[tuple[int, int]] = []
    indented: int | None = None  # where the indented code block being read began
    code_from = 4  # the indentation the code block being read keeps
    blank_before = True  # (the page's start counts as a blank line)
    depth = 0  # the containers the last block stands in, each read as four spaces (Python-Markdown's levels)
    number = 0
    while number < len(lines):
        line = lines[number]
        # a block quote's lines are read without their markers ("> " …), as Python-Markdown reads a quote's blocks
        content = line[quoted.end():] if (quoted := _QUOTED.match(line)) is not None else line
        blank, indent = not content.strip(), _indent(content)
        if indented is not None:
            if blank or indent >= code_from:
                number += 1
                continue
            blocks.append((indented, starts[number]))
            indented = None
        end = None
        if not blank and indent < 4 * depth + 4 and (
                fence := _FENCE_OPEN.fullmatch(content.expandtabs(4).lstrip(" "))) is not None:
            later = closers[fence[1][0]]
            after = itertools.islice(later, bisect.bisect_right(later, (number, len(markdown), 0)), None)
            # (closed by a fence as long, no further indented than the container's own lines)
            end = next((closer for closer, length, inset in after if length >= len(fence[1])
                        and inset < 4 * depth + 4), None)
        if end is not None:
            blocks.append((starts[number], min(starts[end + 1], len(markdown))))
            blank_before, number = False, end + 1
            continue
        if blank:
            blank_before = True
            number += 1
            continue
        level = indent // 4  # the container it stands in, if it stands in one
        opener = _opens_container(content.expandtabs(4), kinds) and not _RULE.fullmatch(content)
        if blank_before and level > depth:
            # deeper than any container it may stand in: code (at the page's level, indented by four spaces)
            indented, code_from = starts[number], 4 * depth + 4
        elif opener and (blank_before or depth > 0 or content.lstrip().startswith(":")):
            # a list item, or one nested in the last (a nested list is one level deeper); a definition follows its term
            depth = min(level, depth) + 1
        elif blank_before:
            depth = level  # a paragraph of the container at its level, or of the page: containers deeper are left
        blank_before = False
        number += 1
    if indented is not None:
        blocks.append((indented, len(markdown)))
    return blocks


# "# Title", "#Title" (Python-Markdown needs no space), or a title underlined with "="
_TITLE_HEADING = re.compile(r"^ {0,3}#(?!#)[^\n]*$|^[^\n]*\S[^\n]*\n {0,3}=+[ \t]*$", re.M)


def _title_heading(markdown: str, fences: list[tuple[int, int]]) -> tuple[int, int]:
    """Where the page's first top-level heading is (``# Title`` or a title underlined with ``=``), outside fenced
    blocks: the heading an engine takes the page's title from. (0, 0) when there is none."""
    for found in _TITLE_HEADING.finditer(markdown):
        if not any(start <= found.start() < end for start, end in fences):
            return found.span()
    return (0, 0)


def resolve_references(markdown: str, page: str, known: dict[str, Linkable], alias: dict[str, str],
                       titled: bool = True, kinds: frozenset[str] | None = None) -> tuple[str, list[UnknownReference]]:
    """Turn ``[[key]]``, ``[[key|text]]`` and ``[[key#anchor|text]]`` into Markdown links from ``page``.

    Code blocks (fenced or indented), code spans and raw ``<pre>`` and ``<code>`` elements are left alone, so the
    syntax can be shown as written.
    """
    unknown: list[UnknownReference] = []
    # Code blocks and code spans show [[...]] as written; only the text between them is resolved.
    fenced = _code_blocks(markdown, kinds)  # (``kinds``: the containers the page's extensions make)
    # The raw HTML blocks, outside fenced code (a "<textarea>" shown in a fenced block opens none): in them
    # Python-Markdown makes no code span (a "<p title=" between backticks in a <div> is a tag, and a reference after it
    # was resolved inside the attribute, the paragraph's preview run as attributes: an attack's BP5), and a reference
    # there is said (its content is published as written: BU3)
    unfenced = list(markdown)
    for start, end in fenced:
        unfenced[start:end] = re.sub(r"[^\n]", " ", markdown[start:end])
    html_blocks = _raw_html_blocks("".join(unfenced))
    code_spans = [m.span() for start, end in _gaps(fenced, len(markdown))
                  for m in _CODE_SPAN.finditer(markdown, start, end) if not _within(html_blocks, m.start())]
    protected = sorted(fenced + code_spans)
    # The page's markup as a browser meets it: code shows its tags as text, so a "<pre>" shown in a fenced block
    # opens nothing (its characters are read as spaces, its lines kept)
    shown = list(markdown)
    for start, end in protected:
        shown[start:end] = re.sub(r"[^\n]", " ", markdown[start:end])
    markup = _Markup("".join(shown))
    # ``titled``: the front matter gives the page its title; otherwise its first heading does
    title_start, title_end = (0, 0) if titled else _title_heading(markdown, fenced)
    # what each reference asks of the page, read once a page (BU2)
    paragraphs = _Paragraphs(markdown)
    in_link_text = _LinkText(markdown, paragraphs)
    braces, closing = _braces(markdown)
    def in_attribute_list(start: int, end: int) -> bool:
        """Whether the reference at ``start:end`` stands between a "{" and a "}" on its line (a backslash's brace
        not counted): an attribute list of attr_list ("{: title=... }", "{ data-x=... }" after an image, "## Title
        { #id }"), which Python-Markdown reads as one line, or braces in a line of text, where a reference is as out
        of place."""
        line_start, line_end = paragraphs.line_span(start, end)
        before = bisect.bisect_left(braces, start) - 1
        if before < 0 or braces[before] < line_start or markdown[braces[before]] != "{":
            return False
        return closing_before(end, line_end)

    def closing_before(start: int, end: int) -> bool:
        """Whether a closing brace no backslash escapes stands in ``start:end``."""
        after = bisect.bisect_left(closing, start)
        return after < len(closing) and closing[after] < end

    def link(match: re.Match[str], offset: int) -> str:
        key, fragment, text = match.group(1), match.group(2), match.group(3)
        entry = known.get(alias.get(key, key))
        if markup.in_code_at(offset + match.start()):  # fed in order: every reference asks
            return match.group(0)
        if markup.in_comment_at(offset + match.start()):
            # an editor's note, which no reader sees: left as written, as in code (a build stopped on a note in a
            # comment naming a record, a review's D7-9)
            return match.group(0)
        inside = markup.inside_at(offset + match.start())
        if title_start <= offset + match.start() < title_end or (not titled and markup.in_h1):
            line = paragraphs.line(offset + match.start())
            unknown.append(UnknownReference(line, key, (), in_title=True))
            return match.group(0)
        if not inside and in_attribute_list(offset + match.start(), offset + match.end()):
            line = paragraphs.line(offset + match.start())
            unknown.append(UnknownReference(line, key, (), in_attributes=True))
            return match.group(0)
        if inside or in_link_text(offset + match.start(), offset + match.end()):
            line = paragraphs.line(offset + match.start())
            unknown.append(UnknownReference(line, key, (), in_tag=True))
            return match.group(0)
        if _within(html_blocks, offset + match.start()):
            line = paragraphs.line(offset + match.start())
            unknown.append(UnknownReference(line, key, (), in_html_block=True))
            return match.group(0)
        if entry is None:
            line = paragraphs.line(offset + match.start())
            close = tuple(difflib.get_close_matches(key, list(known), n=3, cutoff=0.6))
            unknown.append(UnknownReference(line, key, close))
            return match.group(0)
        if text and "[" in text:
            # "[[key|Label [in English]]]" closed at its inner "]]": the link's text lost its bracket, and a "]" was
            # left after it (review D6-14)
            line = paragraphs.line(offset + match.start())
            unknown.append(UnknownReference(line, key, (), unclosed=True))
            return match.group(0)
        # A label may wrap onto the next line of the Markdown source; it reads as one line.
        label = md_text(" ".join(text.split()) if text else entry.title)
        title = f' "{md_link_title(entry.preview, PREVIEW_CHARS)}"' if entry.preview else ""
        target = Target(entry.page.page, fragment) if fragment else entry.page
        written = f"[{label}]({urls.relative_link(page, target)}{title})"
        # attr_list reads the link's "{ .km-ref }" on to the last "}" of the text after it on its line: "and a set
        # {a, b}" after a reference was published as "Egypt.} and a set {a, b" (a fixer's note): there the link goes
        # without its class (a browser still shows its title), as Python-Markdown reads an escaped "\}" as text
        if closing_before(offset + match.end(), paragraphs.line_span(offset + match.end(), offset + match.end())[1]):
            return written
        return written + "{ .km-ref }"

    def either(match: re.Match[str], offset: int, segment: str) -> str:
        if markup.in_code_at(offset + match.start()):  # the syntax shown as written, loose or not
            return match.group(0)
        if match.group("unclosed") is not None:
            if not markup.inside_at(offset + match.start()):
                unknown.append(UnknownReference(paragraphs.line(offset + match.start()),
                                                match.group("unclosed"), (), unclosed=True))
            return match.group(0)
        strict = _REFERENCE.fullmatch(segment, match.start(), match.end())
        if strict is not None:
            return link(strict, offset)
        if not markup.inside_at(offset + match.start()):  # (script and markup keep their brackets)
            written = match.group(1) + ("|" if match.group(2) == "|" else "")  # (an empty label, said as written)
            key = " ".join(match.group(1).split()).lower().replace(" ", "-").split("#")[0]
            # ("[[Egypt]]": the key under a collection's prefix, "states/egypt", is the likeliest meant)
            prefixed = tuple(k for k in known if k.endswith("/" + key))[:3]
            close = (key,) if alias.get(key, key) in known else prefixed or tuple(
                difflib.get_close_matches(key, list(known), n=3, cutoff=0.6))
            unknown.append(UnknownReference(paragraphs.line(offset + match.start()), written, close))
        return match.group(0)

    out: list[str] = []
    position = 0
    for start, end in _gaps(protected, len(markdown)):
        out.append(markdown[position:start])
        out.append(_EITHER.sub(lambda m: either(m, start, markdown[start:end]), markdown[start:end]))  # noqa: B023
        position = end
    out.append(markdown[position:])
    return "".join(out), unknown


def _within(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` is in one of ``spans`` (in order, apart), found by bisection (BU2)."""
    found = bisect.bisect_right(spans, (at, math.inf)) - 1
    return found >= 0 and spans[found][0] <= at < spans[found][1]


def _gaps(protected: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The stretches of text between protected spans."""
    gaps, position = [], 0
    for start, end in protected:
        if start > position:
            gaps.append((position, start))
        position = max(position, end)
    if position < length:
        gaps.append((position, length))
    return gaps
