"""One escaping function per output context: data text leaves the record only through these.

The validator already refuses control characters and line breaks where they do not belong, but
every function here is total on its own: whatever string it is given, its result is inert in its
context. Each is tested per context (``tests/unit/test_escape.py``) and across whole artefacts: every
output read back by its own reader with hostile text in every field (``tests/artefacts/test_output_grammars.py``),
and the built site (``tests/build/test_boundaries.py``: every page head included).

| Context | Function |
|---|---|
| Markdown text (page bodies) | ``md_text`` |
| HTML text / HTML attribute (raw HTML in templates) | ``html_text`` / ``html_attr`` |
| Text shown as written in ``<pre>``, and an attribute value whose line breaks count | ``pre_text`` / ``pre_attr`` |
| A text shown as written in a one-line ``<pre>`` inside a Markdown page (a source's whole text) | ``md_pre_text`` |
| A quoted value in a Markdown attribute list (``{ data-toc-label="…" }``) | ``attr_list_value`` |
| The theme's head: ``<title>``, the header, meta description (front matter) | ``head_text`` |
| A link target (Markdown or HTML) | ``link_url``; a file path inside a URL: ``url_path`` |
| A Markdown link title (the hover preview of ``[[key]]``) | ``md_link_title`` |
| A line of ``objects.inv`` | ``inventory_text`` |
| A CSV cell; the separator of a list in one cell | ``csv_cell``; ``list_separator`` |
| A BibTeX field value (inside braces); a name in a BibTeX name list | ``bibtex_value``; ``bibtex_name`` |
| A RIS line | ``ris_value`` |
| The text of the Markdown citation's link (pasted into any Markdown) | ``md_link_text`` |
| A JSON file (the record, ``ids.json``, the data package, CSL-JSON) | ``json_document`` |
| A string of CSL-JSON, refusing the tags citation processors read as formatting | ``csl_text`` |
| XML text and attributes (Akoma Ntoso, the feed), refusing what XML 1.0 cannot carry | ``xml_text`` |
| The citation module's tokens, marked so that data text cannot hold them | ``fill_mark`` |
| A front-matter value | ``front_matter_value`` |
| JSON inside a ``<script type="application/json">`` element | ``script_json`` |
| A message on the terminal or in a CI log (``check``, ``build``, ``serve``) | ``terminal_text`` |

The sitemap holds page addresses only, and every address is made from ids (``site/urls.py``): no data text
reaches it.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import string
import unicodedata
import urllib.parse
from collections.abc import Iterable

# C0 controls but tab and line breaks, DEL, and the C1 block: never meaningful in the record.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Everything a reader or a line-based format takes as a line break or a control character.
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(r"\s+")


# Each bidirectional embedding, override and isolate, with the character that closes it.
BIDI_CLOSING = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
                "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}


def bidi_closed(text: str) -> str:
    """``text`` with every embedding, override or isolate it leaves open closed at its end: a part of a balanced
    text (a description cut at 200 characters) must not reorder what follows it on the page (a fourteenth attack)."""
    if not any(char in BIDI_CLOSING for char in text):
        return text
    left_open: list[str] = []
    for char in text:
        if char in BIDI_CLOSING:
            left_open.append(BIDI_CLOSING[char])
        elif left_open and char == left_open[-1]:
            left_open.pop()
    return text + "".join(reversed(left_open))


def one_line(value: object, strip: bool = True) -> str:
    """The text on one line: no control characters, each run of white space one space."""
    text = _SPACES.sub(" ", _NOT_ONE_LINE.sub(" ", str(value)))
    return text.strip() if strip else text


def without_controls(value: object) -> str:
    """The text with tab and line breaks kept and every other control character removed."""
    return _CONTROL.sub("", str(value))


def html_text(value: object) -> str:
    """Text between HTML tags."""
    return html.escape(one_line(value), quote=False)


def html_attr(value: object) -> str:
    """Text inside a double- or single-quoted HTML attribute value."""
    return html.escape(one_line(value), quote=True)


def pre_text(value: object) -> str:
    """Text inside ``<pre>``, shown as written: line breaks kept (each as a line feed, as Markdown's fenced
    code gives them) and the other control characters removed."""
    text = without_controls(value).replace("\r\n", "\n").replace("\r", "\n")
    return html.escape(text, quote=False)


def md_pre_text(value: object) -> str:
    """Text for a ``<pre>`` that a Markdown page holds on one line (a block of HTML, which Markdown leaves as it
    is): shown as written, every line break written ``&#10;`` (a blank line would end the block, and what followed
    be read as Markdown), and every tab and ASCII punctuation character as a character code, which no extension's
    preprocessor reads before the block is set aside (``pymdownx.critic`` struck ``{--a--}`` out, and Markdown
    expanded tabs by their column in the one long line: a review's D1)."""
    text = without_controls(value).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(f"&#{ord(c)};" if c in _ASCII_PUNCTUATION or c in "\t\n" else c for c in text)


def pre_attr(value: object) -> str:
    """A double- or single-quoted attribute value that keeps its line breaks (as ``&#10;``): text a script
    puts into ``<pre>``."""
    return pre_text(value).replace('"', "&quot;").replace("'", "&#x27;").replace("\n", "&#10;")


def attr_list_value(value: object) -> str:
    """A double-quoted value in a Markdown attribute list (``{ data-toc-label="…" }``): every ASCII
    punctuation character written as a numeric entity. Markdown's inline syntax runs over the heading
    before the list is read, and a ``}`` anywhere ends it: a link, an emphasis, a brace in the value
    would leave the heading without its id. The entities reach the page as the characters."""
    return "".join(f"&#{ord(c)};" if c in _ASCII_PUNCTUATION else c for c in one_line(value))


_ASCII_PUNCTUATION = frozenset(string.punctuation)


def head_text(value: object) -> str:
    """A page title or description as the theme puts it in the head and header.

    Material writes ``page.meta.title`` into ``<title>`` and the header without escaping, and
    ``page.title | striptags`` would turn entities back into markup: the title is therefore given
    as front matter, escaped here once, for a context that is both HTML text and an attribute.
    """
    return html.escape(one_line(value), quote=True)


def front_matter_value(value: str) -> str:
    """A YAML scalar for front matter: a JSON string is valid YAML and leaves nothing to interpret."""
    return json.dumps(value, ensure_ascii=False)


def script_json(value: object) -> str:
    """JSON for a ``<script type="application/json">`` element, on one line: ``<`` and ``>`` written as
    escapes (so no ``</script>`` or comment can end the element) and ``&`` too (so nothing reads as an entity)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


SAFE_SCHEMES = ("http", "https", "mailto")
_URL_SAFE = "/:?#@!$&*+,;=%~-._"


def link_url(value: str) -> str:
    """An external address for ``href``: http, https or mailto only, with quotes, brackets, spaces
    and angle brackets percent-encoded, so it cannot end a Markdown link or an attribute.

    Raises ``ValueError`` for any other scheme (the validator allows only these three).
    """
    text = one_line(value)
    scheme = urllib.parse.urlsplit(text).scheme.lower()
    if scheme not in SAFE_SCHEMES:
        raise ValueError(f"refusing a link with scheme {scheme!r}: {text!r}")
    return urllib.parse.quote(text, safe=_URL_SAFE)


def url_path(value: str) -> str:
    """A file path put into a URL (the edit link): every character but letters, digits, ``/._-~``
    percent-encoded, so a file name cannot end the attribute or start another URL."""
    return urllib.parse.quote(one_line(value), safe="/")


def md_link_title(value: object, limit: int = 300) -> str:
    """The title of a Markdown link (``[x](url "title")``): one line, shortened, with every
    character that could end the title or start markup written as an HTML entity."""
    text = one_line(value)
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    # "|" ended a cell of a table the link stands in, a backtick opened a code span over the title (a twenty-first
    # attack: a paragraph's text, the preview of a reference in a hand-written table), brackets a link's text
    return html.escape(text, quote=True).translate(_TITLE_REFERENCES)


_TITLE_REFERENCES = str.maketrans({c: f"&#{ord(c)};" for c in "\\()|`[]"})


def inventory_text(value: object) -> str:
    """A display name in ``objects.inv``: each entry is one line, so the name must be one line."""
    return one_line(value) or "-"


# What a spreadsheet reads as the start of a formula: = + - @ and a leading tab or carriage return (OWASP's list),
# and, as a precaution, the full-width forms of the four signs (U+FF1D, U+FF0B, U+FF0D, U+FF20): LibreOffice
# Calc 7.4 was measured to open them as text, Excel could not be checked, and an apostrophe costs little; so too
# their small forms (U+FE66, U+FE62, U+FE63, U+FE6B, which a held-out round named) and the other signs that read as
# one of the four once compatibility forms are folded (NFKC): every character that folds to text starting with one
# ("\u2a75" folds to "==", an attack's BB4).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", *sorted(
    c for c in map(chr, range(0x80, 0x10000)) if unicodedata.normalize("NFKC", c)[:1] in ("=", "+", "-", "@")))


def csv_cell(value: object) -> str:
    """A CSV cell as a spreadsheet opens it: one line, and never read as a formula (a cell that would start
    one starts with an apostrophe, which a spreadsheet reads as "text follows" and does not show). A value that
    starts with an apostrophe gets one more, so that a program reading the tables gets every value back by
    dropping the first apostrophe of a cell that starts with one (``datapackage.json`` says so: a held-out
    corpus's BV5 found a package reader could not tell the added apostrophe from the data's)."""
    text = one_line(value)
    return "'" + text if text.startswith(_FORMULA_START) or text.startswith("'") else text


CSV_CELL_NOTE = ("A cell that would start with =, +, - or @ (or a form of them), or with an apostrophe, starts with an "
                 "added apostrophe, so that a spreadsheet does not read it as a formula: a program reading the "
                 "tables drops the first apostrophe of a cell that starts with one.")
"""What ``csv_cell`` does, as the data package and the Downloads page tell their readers."""


def list_separator(items: Iterable[str], preferred: str = "; ") -> str:
    """The separator of a list written in one cell (``a; b``) that none of ``items`` holds, so that a reader
    who splits the cell at it (Table Schema's ``list`` type) gets each item whole: ``preferred``, else the
    same with more semicolons (``;; ``). None of these starts as it ends, so no separator can be found across
    the join of an item and a separator either."""
    # ";" * k + preferred is in an item where a run of k semicolons or more stands before ``preferred``: one more
    # than the longest such run, each run read once (adding one semicolon at a time and searching again took
    # seconds for a run of thousands, an attack's note)
    holding = [text for text in map(str, items) if preferred in text]  # most lists: none, and no search
    before = re.compile(f"(?<!;)(;*){re.escape(preferred)}")
    runs = [len(found.group(1)) + 1 for text in holding for found in before.finditer(text)]
    return ";" * max(runs, default=0) + preferred


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#", "_": r"\_",
                   # BibTeX counts braces whatever precedes them: an escaped brace (\{) still opens a group and
                   # would leave the field open. The commands name the characters without a brace of their own.
                   "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                   "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}
_BIBTEX_CHAR = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))
# TeX's ligatures of the text fonts: -- and --- (dashes), `` and '' (quotes), !` and ?` (inverted marks), << >>
# and ,, (guillemets and low quotes in T1). An empty group between the two characters keeps them as written.
_TEX_LIGATURE = re.compile(r"(?<=[-`'!?<>,])(?=[-`'<>,])")


def bibtex_value(value: object) -> str:
    """Text inside a braced BibTeX field: one line, each character TeX would act on written as its
    escape, so no brace can close the field, no command can run and no ligature joins two characters."""
    text = _BIBTEX_CHAR.sub(lambda m: _BIBTEX_SPECIAL[m.group(0)], one_line(value))
    return _TEX_LIGATURE.sub("{}", text)


def bibtex_name(value: object) -> str:
    """A body's name as one entry of a BibTeX name list (``author = {…}``): braced whole, so that BibTeX splits
    it at no " and " and reads no "Last, First" in it (``{Ministry of Foreign Affairs and Migration}``); join
    several with " and "."""
    return "{" + bibtex_value(value) + "}"


def ris_value(value: object) -> str:
    """The value of a RIS tag line: a RIS field ends at the line end, so the value is one line."""
    return one_line(value)


# What starts inline syntax in CommonMark, GitHub's Markdown and Python-Markdown with the common extensions:
# escapes, code, emphasis and strike, links and images, raw HTML and entities, autolinks (``<…>``, a scheme's
# ``:``, an e-mail's ``@``), attribute lists, tables, footnotes, marks, emoji and maths.
_MD_INLINE = frozenset("\\`*_~=^[](){}<>&!|#+:@$")
_WWW = re.compile(r"(?i)(www)\.")


def md_link_text(value: object) -> str:
    """The text of a Markdown link that a reader pastes into a Markdown document of their own, whichever
    renderer reads it: one line, each character that could start syntax written as a numeric character
    reference (every renderer shows it as the character and none reads it as syntax), and the dot of
    ``www.`` too, which GitHub's Markdown would make a link."""
    text = "".join(f"&#{ord(c)};" if c in _MD_INLINE else c for c in one_line(value))
    return _WWW.sub(r"\1&#46;", text)


def json_document(value: object, indent: int | None = None) -> str:
    """A JSON file's text: UTF-8 as it is, every string escaped by the JSON encoder, and by default on one line
    with no blank after a separator (the published files are read by programs; a browser or ``jq`` lays them
    out for a person). A lone surrogate, which UTF-8 cannot carry, is refused with ``ValueError`` (the
    validator refuses it first, naming the field)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent,
                      separators=(",", ":") if indent is None else (",", ": "))
    if bad := _SURROGATE.search(text):
        raise ValueError(f"JSON cannot carry the lone surrogate U+{ord(bad.group()):04X}")
    return text


# XML 1.0's Char production leaves out the C0 controls but tab, line feed and carriage return, the
# surrogates and U+FFFE, U+FFFF: a document holding one is not well-formed, and no parser reads it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def xml_refused(value: str) -> str | None:
    """The first character of ``value`` that XML 1.0 cannot carry (and UTF-8 too, for a lone surrogate), or None."""
    found = _NOT_XML.search(value)
    return found.group() if found else None


# The tags citeproc-js (Zotero, Mendeley, many sites) reads as formatting in any string of CSL-JSON: it matches
# these strings as they are (a span's attributes after spaces normalised), and citeproc-py reads the nocase
# span in any case of letters. CSL-JSON has no way to write one as text: an added character would change
# the text, and an entity is shown as written. So the validator refuses them, naming the field.
CSL_FORMATTING_TAGS = ("i", "b", "sc", "sup", "sub")  # and a span with attributes (nocase, small caps)
_CSL_MARKUP = re.compile("(?i)</?(?:" + "|".join(CSL_FORMATTING_TAGS) + r")>|<span\s[^>]*>|</span>")


def csl_markup(value: str) -> str | None:
    """The first tag in ``value`` that a citation processor reads as formatting in CSL-JSON, or None."""
    found = _CSL_MARKUP.search(value)
    return found.group() if found else None


def csl_text(value: object) -> str:
    """A string for CSL-JSON (``json_document`` then escapes it for JSON); a tag a citation processor would read
    as formatting refused with ``ValueError`` (the validator refuses it first, naming the file, line and field)."""
    text = str(value)
    if (tag := csl_markup(text)) is not None:
        raise ValueError(f"CSL-JSON cannot carry {tag!r} as text: citation processors read it as formatting")
    return text


def xml_text(value: object) -> str:
    """Text or an attribute value for an XML writer (ElementTree escapes ``<``, ``&`` and quotes): a line
    break as a reader gets it back (a parser reads a carriage return as a line feed), and a character XML
    cannot carry refused with ``ValueError`` (the validator refuses it first, naming the file, line and field)."""
    text = str(value)
    if (bad := xml_refused(text)) is not None:
        raise ValueError(f"XML cannot carry the character U+{ord(bad):04X}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def fill_mark(template: str) -> str:
    """The mark of tokens (``@@url#<mark>@@``) put into texts made from ``template`` (the same texts with
    tokens without a mark): a digest of it, so that no data text in it can hold a token with the mark, which
    would have to hold its own digest. The citation module finds its places to fill by these tokens alone."""
    return hashlib.sha256(template.encode("utf-8", "surrogatepass")).hexdigest()[:20]


class Markdown(str):
    """Markdown made by this project (links, tables): passed into a page as it is."""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")
# ":name:" is an emoji or icon where an owner lists pymdownx.emoji, as Material's documentation advises for icons:
# the colon that opens it is written as a character reference, which shows the same and matches no pattern.
_EMOJI_OPENING = re.compile(r":(?=[+\-\w]+:)")
_BLOCK_OPENING = re.compile(r"^(\s*)([/?=~:^%])")
_LINE_START = re.compile(r"^(\s*(?:\d+)?)([-.])")


def md_text(value: object) -> str:
    """Data text as Markdown that shows exactly that text: no HTML, no links, no structure."""
    if isinstance(value, Markdown):
        return value
    if value is None:
        raise TypeError("a missing value reached a template; render it as NOT_IN_RECORD instead")
    return _md_escaped(str(value))


@functools.lru_cache(maxsize=65536)
def _md_escaped(value: str) -> str:
    # Names and titles are escaped again on every page that links to them: remember them.
    text = one_line(value, strip=False)  # " or " between two links keeps its spaces
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _EMOJI_OPENING.sub("&#58;", text)
    # A block that extensions open at a line's start (/// details, ??? note, === "tab", ~~~ fence, : definition):
    # its first character as a reference, which shows the same and opens nothing (a nineteenth attack folded an
    # event's page into a <details> from its description)
    text = _BLOCK_OPENING.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text)
    # A list item or a rule at the start of the text ("+", "*" and "#" are escaped everywhere already).
    return _LINE_START.sub(r"\1\\\2", text)


# --- the terminal and CI logs ------------------------------------------------------------------------------

# Bidirectional formatting characters: they reorder what a terminal or an editor shows (the marks LRM,
# RLM and ALM included, which are invisible too).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Shown as escapes in a message: every control character (C0, DEL, C1: escape sequences start with ESC or
# CSI), the bidirectional controls, the line and paragraph separators, and the byte order mark.
# Invisible on a terminal too: Unicode's default-ignorable code points (the soft hyphen, the combining
# grapheme joiner, the Hangul fillers, Mongolian and variation selectors, zero-width spaces and joiners,
# invisible operators, the tag characters, which can spell a hidden text), and the interlinear annotation
# marks; the format characters that show nothing of their own (the Arabic number signs and end of ayah, the
# Syriac abbreviation mark, the Kaithi number signs, the Egyptian hieroglyph format controls, the Khitan filler,
# the musical null notehead), the Braille
# blank, which looks like a space, and the private-use characters and noncharacters, which no font shows as
# anything a reader can check (a tenth attack hid each of these in a name that still read "United Kingdom").
# INVISIBLE_BMP is the class without the astral planes, for JSON Schema patterns (ECMA-262 without the u flag).
INVISIBLE_BMP = ("\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
                 "\u180b-\u180f\u200b-\u200f\u2060-\u206f\u2800\u3164\ue000-\uf8ff\ufdd0-\ufdef\ufe00-\ufe0f"
                 "\uffa0\ufff0-\ufffb")
INVISIBLE = INVISIBLE_BMP + ("\U000110bd\U000110cd\U00013430-\U0001343f\U00016fe4\U0001bca0-\U0001bca3"
                             "\U0001d159\U0001d173-\U0001d17a\U000e0000-\U000e0fff\U000f0000-\U0010ffff")
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff{BIDI_CONTROLS}{INVISIBLE}]")
_INVISIBLE_CHAR = re.compile(f"[\ufeff{INVISIBLE}]")
# What CI systems read as their own commands in a log: GitHub Actions' ``::error ...::`` at the start of a
# line (after spaces), Azure Pipelines' ``##vso[...]`` and ``##[error]`` and TeamCity's ``##teamcity[...]``.
_CI_LINE_START = re.compile(r"^(\s*):(?=:)")
_CI_COMMAND = re.compile(r"#(#[A-Za-z]*\[)")


# Beyond the named ones, by their Unicode category: every format character (Cf: shows nothing of its own),
# private-use character (Co) and unassigned code point or noncharacter (Cn) in the Unicode version Python knows.
# An eleventh attack found such characters one by one (U+1FFFE, U+0378, U+16FE4, ...): the category covers the class.
_HIDDEN_CATEGORIES = frozenset({"Cf", "Co", "Cn", "Cs"})  # Cs: a byte of a file name that is not UTF-8


def hidden_at(text: str) -> int | None:
    """Where the first character of ``text`` is that shows nothing (``INVISIBLE``, or a format, private-use or
    unassigned character); None if there is none."""
    first = next((m.start() for m in _INVISIBLE_CHAR.finditer(text)), None)
    if not text.isascii():
        for index, char in enumerate(text[:first] if first is not None else text):
            if char > "\x7f" and unicodedata.category(char) in _HIDDEN_CATEGORIES:
                return index
    return first


def unseen(text: str) -> str | None:
    """The first character of ``text`` that a terminal shows as an escape (``terminal_text``), or None."""
    found = _TERMINAL_UNSAFE.search(text)
    index = hidden_at(text)
    if index is not None and (found is None or index < found.start()):
        return text[index]
    return found.group() if found else None


def _visible(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def clipped(value: str, most: int = 100) -> str:
    """A long value as a message names it: its start and its end, with its length (a link of 100,000 characters
    made a message line of 200,000)."""
    if len(value) <= most:
        return value
    tail = most // 3
    return f"{value[:most - tail]}…{value[-tail:]} ({len(value):,} characters)"


def terminal_text(value: object) -> str:
    """A value as a message shows it on a terminal or in a CI log: on one line, and inert.

    Every control character, escape sequence, bidirectional control, line separator and invisible character
    (zero-width spaces, tag characters) is written as its Python escape (ESC as ``\\x1b``, U+202E as
    ``\\u202e``, U+E0072 as ``\\U000e0072``), so nothing is hidden, reordered, coloured or
    moved to a line of its own; a line start that GitHub Actions reads as a workflow command (``::``) and
    a ``##...[`` that Azure Pipelines or TeamCity read as one get their first character escaped.
    Text without any of these is returned unchanged, so a whole message line may be passed through it.
    """
    text = _TERMINAL_UNSAFE.sub(lambda m: _visible(m.group()), str(value))
    if not text.isascii():
        text = "".join(_visible(c) if c > "\x7f" and unicodedata.category(c) in _HIDDEN_CATEGORIES else c
                       for c in text)
    text = _CI_LINE_START.sub(lambda m: m.group(1) + "\\x3a", text)
    return _CI_COMMAND.sub(lambda m: "\\x23" + m.group(1), text)
