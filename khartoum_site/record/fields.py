"""The kinds of value a record's field may hold, each a checker and a JSON Schema in one.

A record class in ``model.py`` declares each field once, with ``declared(kind, ...)``: that one
declaration is the typed attribute, the check with its message (``Kind.check``), the rule editors'
tools read (``Kind.json_schema``) and the CSV column (``downloads.py``). ``Obj(cls)`` reads the
declarations of a class and checks a whole mapping into an instance of it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar, overload

from slugify import slugify

from khartoum_site.escape import (
    BIDI_CONTROLS,
    CSL_FORMATTING_TAGS,
    INVISIBLE_BMP,
    csl_markup,
    hidden_at,
    xml_refused,
)
from khartoum_site.record.loader import REFUSED, Pos, YList, YMap
from khartoum_site.record.problems import MAX_PER_FILE, Problem, did_you_mean
from khartoum_site.record.values import DayWithoutYear, Origin, PartialDate

T = TypeVar("T")

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DEVICE_NAME = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$")
# [0-9], not \d: Python's \d takes digits of every script, editors' tools (ECMA-262) only these.
_DATE_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


# --- Where a value is, and the problems found ---------------------------------------------------------

@dataclass(frozen=True)
class Where:
    """The place of a value: file, position, the entry it belongs to ("state 'austria'") and the field path."""

    file: str
    pos: Pos
    entry: str = ""
    path: str = ""

    def at(self, pos: Pos, path_part: str) -> Where:
        if path_part.startswith("["):
            path = f"{self.path}{path_part}"
        else:
            path = f"{self.path}.{path_part}" if self.path else path_part
        return Where(self.file, pos, self.entry, path)


@dataclass
class Context:
    """Collects problems and the references to check once every id is known."""

    problems: list[Problem] = field(default_factory=list)
    refs: list[tuple[str, str, Where]] = field(default_factory=list)
    # ids of records that had problems, and collections whose file could not be read: references
    # to them are not reported again as unknown ids.
    flawed_ids: set[tuple[str, str]] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)
    # the file's index of each item kept from a list of texts, by the list (read once by the entry that holds it)
    kept_items: dict[int, list[int]] = field(default_factory=dict)
    compared: int = 0  # the comparisons "did you mean" hints have made (validate.HINT_COMPARISONS)
    # each state's other names and adjectives that the check of names kept (by key, 'states/egypt'), casefolded:
    # the checks against the sources' texts read states' names as it does
    state_names: dict[str, list[str]] = field(default_factory=dict)
    # entries kept without a part refused at reading, by label ("source 'x'"): nothing more is said of them (a
    # refused date was said again as missing, an attack's AE12), replayed from each file's check
    quiet: set[str] = field(default_factory=set)
    defaulted: int = 0  # the refused numbers, dates and choices an entry was kept without (Obj.check_fields)
    # Problems past MAX_PER_FILE of a file are counted, not kept: a file of broken entries costs no memory.
    kept: dict[str, int] = field(default_factory=dict)
    omitted: dict[str, int] = field(default_factory=dict)

    def problem(self, where: Where, detail: str = "", *, expected: str = "", found: str = "", hint: str = "") -> None:
        if where.entry in self.quiet:
            return  # an entry kept without a part refused at reading: a later check would read that part as missing
        self.kept[where.file] = self.kept.get(where.file, 0) + 1
        if self.kept[where.file] > MAX_PER_FILE:
            self.omitted[where.file] = self.omitted.get(where.file, 0) + 1
            return
        self.problems.append(Problem(where.file, where.pos.line, where.pos.column, where.entry, where.path,
                                     expected, found, hint, detail))


def describe(value: Any) -> str:
    """How a found value is named in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, YMap):
        return "a mapping (key: value lines)"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


# --- The kinds ------------------------------------------------------------------------------------------

class Kind(Generic[T]):
    """A kind of value; ``check`` returns the clean value, or None after reporting a problem."""

    expected = "a value"

    def check(self, value: Any, where: Where, ctx: Context) -> T | None:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """The same rule for editors' tools (JSON Schema, as YAML language servers read it)."""
        raise NotImplementedError


_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")  # a tab too
_CONTROL_NAMES = {0x00: "NUL", 0x08: "backspace", 0x09: "tab", 0x1B: "ESC", 0x7F: "DEL"}
# A bidirectional control reorders what readers, editors and terminals show (a right-to-left override can make one
# name look like another): no text of the record holds them. Prose held them closed until a closed override in a
# description showed readers words the page's text, its search and its downloads do not hold (a held-out corpus's
# BV6); the record's sources hold none, and English prose needs none.
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_BIDI_PATTERN = "".join(f"\\u{ord(c):04x}" for c in BIDI_CONTROLS)
# Invisible characters (zero-width spaces and joiners, the soft hyphen, fillers, the tag characters that can
# spell a hidden text, the byte order mark): in any text of the record they make two values that look the same
# differ, or hide words from a reader; the record's sources hold none of them.
_INVISIBLE_PATTERN = "\\ufeff" + "".join(f"\\u{ord(c):04x}" if c != "-" else "-" for c in INVISIBLE_BMP)
# The same rules for editors' tools, as ECMA-262 patterns (JSON Schema's dialect), which has no inline flag for
# the tags of escape.csl_markup in any case of letters: each letter is written in both.
def _any_case(word: str) -> str:
    return "".join(f"[{c}{c.upper()}]" for c in word)


_NO_CSL_MARKUP = ("(?![\\s\\S]*(?:</?(?:" + "|".join(_any_case(t) for t in CSL_FORMATTING_TAGS) + ")>|<"
                  + _any_case("span") + "\\s[^>]*>|</" + _any_case("span") + ">))")
_ONE_LINE_PATTERN = (f"^{_NO_CSL_MARKUP}"
                     f"[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029{_BIDI_PATTERN}{_INVISIBLE_PATTERN}"
                     "\\ud800-\\udfff\\ufffe\\uffff]*$")
_PROSE_PATTERN = (f"^{_NO_CSL_MARKUP}"
                  f"[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f{_BIDI_PATTERN}{_INVISIBLE_PATTERN}"
                  "\\ud800-\\udfff\\ufffe\\uffff]*$")


# More combining marks on one letter than any language writes (Vietnamese stacks two): they pile up over the
# lines around the text.
_MOST_MARKS = 3  # in any script (an eleventh attack stacked 30 Thai and 32 Hebrew marks past the Latin blocks)


def _stacked(text: str) -> tuple[int, int] | None:
    """Where a run of more combining marks than ``_MOST_MARKS`` starts, and its length, in any script."""
    if text.isascii():
        return None
    run = 0
    for index, char in enumerate(text):
        run = run + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        if run > _MOST_MARKS:
            end = index + 1
            while end < len(text) and unicodedata.category(text[end]) in ("Mn", "Me"):
                end += 1
            return index + 1 - run, end - (index + 1 - run)
    return None


def character_name(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or (unicodedata.name(char, "") if code > 0x9F else "")
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def _after(text: str, index: int) -> str:
    before = " ".join(text[:index].split())
    return f" after '…{before[-30:]}'" if before else " at its start"


# The values each kind of text passed, and what it made of them (the value stripped): the checks of a text are a
# function of the kind and the value alone, and a server's rebuild checks again every value of a changed file.
_PASSED_TEXTS: dict[tuple[Text, str], str] = {}
_PASSED_TEXTS_MAX = 1 << 16


class Text(Kind[str]):
    """Text of one line (names, titles, ids), or ``prose`` that may run over several lines.

    Neither may hold control characters (they are invisible in an editor and break HTML, CSV and
    line-based formats such as ``objects.inv``); prose keeps newlines and tabs.
    """

    def __init__(self, expected: str = "text", pattern: re.Pattern[str] | None = None,
                 max_length: int = 5000, prose: bool = False, written: bool = False, verbatim: bool = False) -> None:
        self.expected = expected
        self.pattern = pattern
        self.max_length = max_length
        self.prose = prose
        self.written = written  # a source's own words (a name as it writes it): checked against its text
        self.verbatim = verbatim  # a source's text copied (a quote, a paragraph): its words are the source's

    def suggest(self, value: str) -> str:  # noqa: ARG002 (a subclass that can suggest reads it)
        """A hint for a value that does not match the pattern."""
        return ""

    def check(self, value: Any, where: Where, ctx: Context) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            ctx.problem(where, expected=self.expected, found=describe(value))
            return None
        if not isinstance(value, str):
            ctx.problem(where, expected=self.expected, found=describe(value),
                        hint="" if self.pattern else "put it in quotes")
            return None
        passed = _PASSED_TEXTS.get((self, value))
        if passed is not None:  # a value this kind passed before: the file it is in changed, not the value
            return passed
        text = value.strip()
        if not text:
            ctx.problem(where, expected=self.expected, found="an empty text")
            return None
        if not self.prose and (found := _LINE_BREAK.search(text)):
            ctx.problem(where, expected=f"{self.expected} on one line",
                        found=f"a line break{_after(text, found.start())}", hint="write it on one line")
            return None
        if bad := (_CONTROL if self.prose else _CONTROL_ONE_LINE).search(text):
            ctx.problem(where, expected=self.expected,
                        found=f"the control character {character_name(bad.group())}{_after(text, bad.start())}",
                        hint="remove it (most editors do not show it)")
            return None
        if (bad_char := xml_refused(text)) is not None:
            ctx.problem(where, expected=self.expected,
                        found=f"the character {character_name(bad_char)}{_after(text, text.index(bad_char))}",
                        hint="remove it: XML (the Akoma Ntoso file, the feed) cannot carry it")
            return None
        if (tag := csl_markup(text)) is not None:
            ctx.problem(where, expected=self.expected, found=f"the tag '{tag}'{_after(text, text.index(tag))}",
                        hint="write it without the tag: citation managers read it as formatting in the CSL-JSON "
                             "citation, which has no way to write it as text")
            return None
        if bidi := _BIDI.search(text):
            ctx.problem(where, expected=self.expected,
                        found=f"the bidirectional control character {character_name(bidi.group())}"
                              f"{_after(text, bidi.start())}",
                        hint="remove it: it reorders how the text is shown (most editors do not show it)")
            return None
        if (hidden := hidden_at(text)) is not None:
            ctx.problem(where, expected=self.expected,
                        found=f"the invisible character {character_name(text[hidden])}"
                              f"{_after(text, hidden)}",
                        hint="remove it: readers and editors do not see it, and it makes two texts that look the "
                             "same differ")
            return None
        if not any(c.isalnum() for c in text):
            ctx.problem(where, expected=self.expected, found=f"{describe(text)}, which has no letter or digit",
                        hint="write the value in words (a blank-looking character such as U+2800 shows nothing)")
            return None
        if stacked := _stacked(text):
            ctx.problem(where, expected=self.expected,
                        found=f"{stacked[1]} combining marks on one letter{_after(text, stacked[0])}",
                        hint="remove them: they pile up over the lines around the text")
            return None
        if len(text) > self.max_length:
            ctx.problem(where, expected=f"{self.expected} of at most {self.max_length} characters",
                        found=str(len(text)))
            return None
        if self.pattern is not None and not self.pattern.match(text):
            ctx.problem(where, expected=self.expected, found=describe(text), hint=self.suggest(text))
            return None
        # a quote or a paragraph is held to its source's text, which the message of that check shows
        if not self.verbatim and not text.isascii() and (mixed := _mixed_script(text)) is not None:
            ctx.problem(where, expected=self.expected,
                        found=f"the word '{mixed[1]}', which mixes {mixed[2]}: {character_name(mixed[3])} looks like a "
                              "letter of the other",
                        hint="write the word in one script: it reads as another word (a twin of a title, a name) "
                             "that it is not")
            return None
        if len(_PASSED_TEXTS) >= _PASSED_TEXTS_MAX:
            _PASSED_TEXTS.clear()
        _PASSED_TEXTS[(self, value)] = text
        return text

    def json_schema(self) -> dict[str, Any]:
        pattern = self.pattern.pattern if self.pattern else _PROSE_PATTERN if self.prose else _ONE_LINE_PATTERN
        return {"type": "string", "minLength": 1, "maxLength": self.max_length, "description": self.expected,
                "pattern": pattern}


# A word whose letters are of two scripts and look like one another's (a Cyrillic o, U+043E, in a Latin word) passed
# as the word it imitates, and a source's title twin of another passed the check of titles (attacks). Which script a
# letter is of, and which letters look alike, is Unicode's (its script data and its confusables, TR39), as the
# confusable-homoglyphs package ships them: a list of our own missed Lisu, whose letters copy Latin capitals (X13).
# The package is imported where it is used: its tables take 8 MB, which a build whose page set is stored never reads.
_LETTERS = re.compile(r"[^\W\d_]+")
_NO_SCRIPT = frozenset({"COMMON", "INHERITED"})


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The script a letter reads as; a styled letter (mathematical bold, fullwidth) is a script of its own, apart
    from the plain letter it imitates (a twenty-fourth attack's publisher "Egypt Daily News" with a mathematical
    bold E, U+1D404)."""
    from confusable_homoglyphs import categories as confusable_categories  # imported when needed (see above)

    if unicodedata.normalize("NFKC", char) != char and not unicodedata.name(char, "").startswith("LATIN"):
        return unicodedata.name(char, "STYLED").split(" ", 1)[0]  # MATHEMATICAL, FULLWIDTH...
    return str(confusable_categories.alias(char))


def _looks_like_another(char: str, scripts: set[str]) -> bool:
    """Whether a letter looks like a letter of one of ``scripts`` (a styled letter looks like its plain one)."""
    from confusable_homoglyphs import categories as confusable_categories  # imported when needed (see above)
    from confusable_homoglyphs import confusables

    script = _script(char)
    if script != confusable_categories.alias(char):
        return True
    others = [other.lower() for other in scripts if other != script]
    return bool(others) and bool(confusables.is_confusable(char, preferred_aliases=others))


def _mixed_script(text: str) -> tuple[int, str, str, str] | None:
    """The first word of letters of two scripts that look alike: (where, the word, the scripts, its first letter of
    the script it has fewer of that looks like a letter of the other), or None."""
    for word in _LETTERS.finditer(text):
        if word.group().isascii():
            continue
        letters: dict[str, list[str]] = {}
        for char in word.group():
            script = _script(char)
            if script not in _NO_SCRIPT:
                letters.setdefault(script, []).append(char)
        if len(letters) > 1:
            for script in sorted(letters, key=lambda script: len(letters[script])):
                alike = [c for c in letters[script] if _looks_like_another(c, set(letters))]
                if alike:
                    named = " and ".join(sorted(s.title() for s in letters))
                    return word.start(), word.group(), f"{named} letters", alike[0]
    return None


@functools.lru_cache(maxsize=4096)
def _plain_twin(char: str) -> str:
    """The ASCII letter a letter of another script looks like (Cyrillic a, U+0430; Lisu K, U+A4D7), or the letter
    itself."""
    from confusable_homoglyphs import confusables  # imported when needed (see above)

    found = confusables.is_confusable(char, preferred_aliases=[])  # Latin's own look-alikes too: U+0261, U+0131 (Y9)
    for glyph in (found[0]["homoglyphs"] if found else []):
        if glyph["c"].isascii():
            return str(glyph["c"])
    return char


def look_alike_key(text: str) -> str:
    """A text as a reader tells it from another: compatibility forms folded (a mathematical bold E is E), letters
    of other scripts that look like Latin ones read as those, case and spacing ignored (TR39's skeleton, after
    NFKC)."""
    folded = "".join(unicodedata.normalize("NFKC", text).split())  # a hair space inside a word (Y9)
    folded = re.sub("(?<=[ij])\u0307", "", folded)  # a dot above an i's own dot (an attack's Q7)
    # and, as TR39 does, the Latin letters and digits that look alike read as one: I, l and 1; O and 0
    # each letter beyond ASCII alone, found by the regular expression: a source's whole text is read so too (R5)
    plain = _NOT_ASCII.sub(lambda m: "-" if _dash(m[0]) else _plain_twin(m[0]), folded)
    return plain.casefold().translate(_ASCII_TWINS)


_NOT_ASCII = re.compile("[^\x00-\x7f]")


def _dash(char: str) -> bool:
    """A dash or a line a reader takes for one (a box-drawing line, a katakana prolonged sound mark: Z14)."""
    return unicodedata.category(char) == "Pd" or char in "\u2500\u2501\u23af\u30fc\u2212\u2015\u2043\uff70"


_ASCII_TWINS = str.maketrans("l1|0", "iiio")


def Prose(expected: str = "text", max_length: int = 5000, verbatim: bool = False) -> Text:
    """Text that may run over several lines (descriptions, notes, paragraphs of record)."""
    return Text(expected, max_length=max_length, prose=True, verbatim=verbatim)


def _not_ascii(value: str) -> str:
    """A letter of another script that looks like a Latin one (U+0430, a Cyrillic a) named: the id looks right."""
    foreign = next((c for c in value if not c.isascii()), None)
    if foreign is None:
        return ""
    return f"it holds {character_name(foreign)}{_after(value, value.index(foreign))}, which is not an ASCII letter; "


class Id(Text):
    def __init__(self) -> None:
        super().__init__("an id of lowercase letters, digits and hyphens (e.g. 'south-sudan')",
                         ID_PATTERN, max_length=80)

    def check(self, value: Any, where: Where, ctx: Context) -> str | None:
        found = super().check(value, where, ctx)
        # An id names a folder of the published site: Windows cannot make a folder of a device's name (an attack
        # published states/con/, which a reader on Windows cannot copy or unpack).
        if found is not None and _DEVICE_NAME.match(found):
            ctx.problem(where, expected=self.expected, found=f"'{found}', the name of a device on Windows",
                        hint=f"choose another id, such as '{found}-1': the site's folder of that name cannot be made "
                             "on Windows")
            return None
        return found

    def suggest(self, value: str) -> str:
        named = _not_ascii(value)
        # python-slugify turns what was written into an id an editor can take as it is
        suggestion = slugify(value, max_length=80)
        return named + (f"did you mean '{suggestion}'?" if suggestion and suggestion != value else "")


def _is_ipv6(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.IPv6Address(host)
    except ValueError:
        return False
    return True


class Url(Text):
    """An http, https or mailto address. Editors' tools read the same pattern as ECMA-262, which has no
    inline flags (so both cases are written out) and another \\s (so spaces and controls are spelt out)."""

    def __init__(self) -> None:
        # No user name or password before the host: https://www.iso.org@evil.example/ leads to evil.example.
        super().__init__("an address starting with https://, http:// or mailto:",
                         re.compile("^([Hh][Tt][Tt][Pp][Ss]?://(?![^/?#]*@)|[Mm][Aa][Ii][Ll][Tt][Oo]:)"
                                    # A percent sign starts an escape of two hexadecimal digits, never %00 (a
                                    # reader's tool may end the address there); no backslash, which a browser
                                    # reads as a slash (https://evil.example\\.iso.org/ leads to evil.example).
                                    "(?:%(?!00)[0-9A-Fa-f]{2}|[^%\\\\\\u0000-\\u0020\\u007f-\\u00a0\\u1680"
                                    "\\u2000-\\u200a\\u2028\\u2029"
                                    f"\\u202f\\u205f\\u3000\\ufeff{_BIDI_PATTERN}<>\"'])+$"))


    def check(self, value: Any, where: Where, ctx: Context) -> str | None:
        found = super().check(value, where, ctx)
        if found is None:
            return None
        try:  # what every page's link reads: an address whose host or port cannot be read ended the build
            parts = urllib.parse.urlsplit(found)
            port = parts.port
        except ValueError as exc:
            ctx.problem(where, expected=self.expected, found=f"{describe(found)}, whose host or port cannot be read "
                        f"({exc})", hint="write the address as the page's address bar shows it")
            return None
        if parts.netloc.startswith("[") and not _is_ipv6(parts.hostname or ""):
            # [v1.x] (an "IP version future" address) reads as a host to Python; no browser opens it
            ctx.problem(where, expected=self.expected, found=f"{describe(found)}, whose host in brackets is not an "
                        "IPv6 address", hint="write the address as the page's address bar shows it")
            return None
        if parts.scheme.lower() in ("http", "https") and (not parts.hostname or port == 0):
            # https:///x or https://:80/ names no site, and port 0 is none: a browser cannot follow either
            ctx.problem(where, expected=self.expected,
                        found=f"{describe(found)}, which names " + ("no site" if not parts.hostname else "port 0"),
                        hint="write the address as the page's address bar shows it")
            return None
        return found

    def suggest(self, value: str) -> str:
        scheme, _, rest = value.partition("://")
        if scheme.lower() in ("http", "https") and "@" in re.split("[/?#]", rest, maxsplit=1)[0]:
            return ("an address may not hold a user name or password before its host (the part before '@' reads "
                    "as the site, but the link leads to the host after it)")
        if "\\" in value:
            return "write '/' where the address has '\\': a browser reads a backslash as a slash"
        if re.search("%(?![0-9A-Fa-f]{2})|%00", value):
            return "a '%' starts an escape of two hexadecimal digits (write '%25' for a percent sign); never '%00'"
        return ""


class Ref(Id):
    """The id of a record in another collection; checked once every file is read."""

    def __init__(self, collection: str) -> None:
        super().__init__()
        self.collection = collection
        self.expected = f"the id of a record in {collection}"

    def check(self, value: Any, where: Where, ctx: Context) -> str | None:
        ident = super().check(value, where, ctx)
        if ident is not None:
            ctx.refs.append((self.collection, ident, where))
        return ident

    def suggest(self, value: str) -> str:
        # A key ("events/rome-2014") where an id is asked for: the id is the part after the slash. Otherwise
        # the id as it would be written, without claiming that one exists (that is checked later).
        prefix, _, rest = value.partition("/")
        if rest and slugify(prefix) == self.collection:
            return f"give the id alone, without '{prefix}/': '{slugify(rest, max_length=80)}'"
        suggestion = slugify(value, max_length=80)
        return _not_ascii(value) + (f"an id is written like '{suggestion}'" if suggestion and suggestion != value
                                    else "")


class Int(Kind[int]):
    def __init__(self, expected: str, minimum: int = 0, maximum: int | None = None) -> None:
        self.expected = expected
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: Any, where: Where, ctx: Context) -> int | None:
        if (isinstance(value, bool) or not isinstance(value, int) or value < self.minimum
                or (self.maximum is not None and value > self.maximum)):
            ctx.problem(where, expected=self.expected, found=describe(value))
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        bounds = {"minimum": self.minimum} | ({"maximum": self.maximum} if self.maximum is not None else {})
        return {"type": "integer", **bounds, "description": self.expected}


class Bool(Kind[bool]):
    expected = "true or false"

    def check(self, value: Any, where: Where, ctx: Context) -> bool | None:
        if not isinstance(value, bool):
            ctx.problem(where, expected=self.expected, found=describe(value))
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(Kind[str]):
    """One of a fixed set of values, each with the label a reader sees for it."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels
        self.choices = tuple(labels)
        self.expected = "one of " + ", ".join(f"'{c}'" for c in self.choices)

    def check(self, value: Any, where: Where, ctx: Context) -> str | None:
        if not isinstance(value, str) or value not in self.choices:
            hint = did_you_mean(value, list(self.choices)) if isinstance(value, str) else ""
            ctx.problem(where, expected=self.expected, found=describe(value), hint=hint)
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


class Date(Kind[PartialDate]):
    expected = "a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-04-09)"

    def check(self, value: Any, where: Where, ctx: Context) -> PartialDate | None:
        if isinstance(value, dt.datetime):  # YAML reads 2014-11-28T10:00:00 as a time: what it adds would be lost
            ctx.problem(where, expected=self.expected, found=f"the date and time {value.isoformat(sep=' ')}",
                        hint=f"give the date alone: {value.date().isoformat()}")
            return None
        if isinstance(value, dt.date):
            return PartialDate(value.year, value.month, value.day)
        text = str(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
        match = _DATE_PATTERN.match(text) if text is not None else None
        if match is None:
            ctx.problem(where, expected=self.expected, found=describe(value))
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            if month == 0 or day == 0:  # "or 1" below would read 2023-00-10 as January (a twelfth attack)
                raise ValueError
            dt.date(year, month or 1, day or 1)
        except ValueError:
            ctx.problem(where, expected="a real date", found=f"{describe(value)} (no such day or month)")
            return None
        return PartialDate(year, month, day)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "pattern": _DATE_PATTERN.pattern},
                          {"type": "integer", "minimum": 1000, "maximum": 9999}],
                "description": self.expected}


_DAY_WITHOUT_YEAR = re.compile(r"^--([0-9]{2})-([0-9]{2})$")


class DayOfTheYear(Kind[DayWithoutYear]):
    """A day and a month with no year, written --MM-DD (ISO 8601's form of a date without its year)."""

    expected = "a day and a month without a year, written --MM-DD (e.g. --04-09 for 9 April)"

    def check(self, value: Any, where: Where, ctx: Context) -> DayWithoutYear | None:
        match = _DAY_WITHOUT_YEAR.match(value) if isinstance(value, str) else None
        if match is None:
            ctx.problem(where, expected=self.expected, found=describe(value))
            return None
        month, day = int(match.group(1)), int(match.group(2))
        try:
            dt.date(2000, month, day)  # a leap year: 29 February is a day a dateline can give
        except ValueError:
            ctx.problem(where, expected="a real day of a month", found=f"{describe(value)} (no such day or month)")
            return None
        return DayWithoutYear(month, day)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _DAY_WITHOUT_YEAR.pattern, "description": self.expected}


MOST_IN_A_CELL = 32_000
"""The characters a list's items may hold together: the CSV downloads give a list one cell, and a spreadsheet holds
32,767 characters in a cell (a little is kept for the separators and a formula guard)."""


class ListOf(Kind[tuple[T, ...]]):
    def __init__(self, item: Kind[T], min_items: int = 0, unique: bool = True) -> None:
        self.item = item
        self.min_items = min_items
        self.unique = unique
        self.expected = f"a list, each item {item.expected}"

    def check(self, value: Any, where: Where, ctx: Context) -> tuple[T, ...] | None:
        if not isinstance(value, YList):
            ctx.problem(where, expected=f"{self.expected} (lines starting with '- ')", found=describe(value))
            return None
        if len(value) < self.min_items:
            ctx.problem(where, expected=f"at least {self.min_items} item(s)", found=str(len(value)))
            return None
        out: list[T] = []
        kept: list[int] = []
        seen: dict[Any, int] = {}
        for i, (item, pos) in enumerate(zip(value, value.item_pos, strict=True)):
            if item is REFUSED:
                continue
            checked = self.item.check(item, where.at(pos, f"[{i}]"), ctx)
            if checked is None:
                continue
            if self.unique and isinstance(checked, str):
                if checked in seen:
                    ctx.problem(where.at(pos, f"[{i}]"),
                                f"{describe(checked)} is listed twice (also item {seen[checked]})")
                    continue
                seen[checked] = i
            out.append(checked)
            kept.append(i)
        texts = [item for item in out if isinstance(item, str)]
        if (together := sum(map(len, texts)) + 2 * max(len(texts) - 1, 0)) > MOST_IN_A_CELL:
            # the CSV downloads put a list in one cell: a spreadsheet holds 32,767 characters there and cuts the
            # rest without a word, and Python's csv reader stops at 131,072 (a thirteenth attack's 30 long notes)
            ctx.problem(where, expected=f"a list of at most {MOST_IN_A_CELL:,} characters together",
                        found=f"{together:,}", hint="the CSV download gives a list one cell, which a spreadsheet "
                        "cuts beyond that: shorten the items, or keep the longer text in a source")
            return None
        if isinstance(self.item, Text):
            ctx.kept_items[id(value)] = kept
        return tuple(out)

    def json_schema(self) -> dict[str, Any]:
        found: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            found["minItems"] = self.min_items
        if self.unique:
            found["uniqueItems"] = True
        return found


# --- Records: declared fields, and the kind that checks a whole mapping -----------------------------------

_SPEC = "khartoum_site.field"


@dataclass(frozen=True)
class Spec:
    """A declared field: its kind, whether it must be given, what it means, its value when left out."""

    kind: Kind[Any]
    required: bool = False
    doc: str = ""
    default: Any = None


# Typed so that mypy checks a declaration against its attribute: ``count: int = declared(Text())`` fails.
@overload
def declared(kind: Kind[T], *, required: Literal[True], doc: str = "") -> T: ...
@overload
def declared(kind: Kind[T], *, default: T, doc: str = "") -> T: ...
@overload
def declared(kind: Kind[T], *, doc: str = "") -> T | None: ...
def declared(kind: Kind[Any], *, required: bool = False, doc: str = "", default: Any = None) -> Any:
    """Declare a data field of a record class (the one place its name, kind and meaning are given)."""
    return dataclasses.field(metadata={_SPEC: Spec(kind, required, doc, default)})


def specs(cls: type) -> dict[str, Spec]:
    """The declared data fields of a record class, in declaration order: made once per class (the check of
    quotations asks it of every entry and each of its parts, on every rebuild of a server). Not to be changed."""
    found = _SPECS.get(cls)
    if found is None:
        found = _SPECS[cls] = {f.name: f.metadata[_SPEC] for f in dataclasses.fields(cls) if _SPEC in f.metadata}
    return found


_SPECS: dict[type, dict[str, Spec]] = {}


class Obj(Kind[T]):
    """A mapping with the declared fields of ``cls``, turned into an instance of it.

    ``cls.described`` says what the mapping is ("a participating state"); ``cls.singular``, if the
    record has its own id, names it in messages ("state 'austria'").
    """

    def __init__(self, cls: type[T]) -> None:
        self.cls = cls
        self.fields = specs(cls)
        self.expected: str = getattr(cls, "described", "a record")
        self.label: str = getattr(cls, "singular", "")
        self.has_origin = "origin" in {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]

    def check(self, value: Any, where: Where, ctx: Context) -> T | None:
        values = self.check_fields(value, where, ctx)
        return None if values is None else self.cls(**values)

    def check_fields(self, value: Any, where: Where, ctx: Context) -> dict[str, Any] | None:
        if not isinstance(value, YMap):
            ctx.problem(where, expected=f"{self.expected} (key: value lines)", found=describe(value))
            return None
        if self.label:
            ident = value.get("id")
            name = f"'{ident}'" if isinstance(ident, str) else f"at line {value.pos.line}"
            where = Where(where.file, where.pos, f"{self.label} {name}", "")
        ok = True
        for key in value:
            if key not in self.fields:
                known = list(self.fields)
                ctx.problem(where.at(value.key_pos[key], key), f"unknown key '{key}'",
                            hint=did_you_mean(key, known) or "expected one of: " + ", ".join(known))
                ok = False
        out: dict[str, Any] = {}
        for name, spec in self.fields.items():
            if value.get(name) is REFUSED:  # the loader has reported it
                ok = False
                continue
            if name not in value or value[name] is None:
                if spec.required:
                    pos = value.value_pos[name] if name in value else value.pos
                    ctx.problem(where.at(pos, name), "missing required field",
                                expected=spec.kind.expected + (f" ({spec.doc})" if spec.doc else ""),
                                found="an empty value" if name in value else "nothing")
                    ok = False
                else:
                    out[name] = spec.default
                continue
            said = sum(ctx.kept.values())
            checked = spec.kind.check(value[name], where.at(value.value_pos[name], name), ctx)
            if checked is None and not spec.required and isinstance(spec.kind, _FACTS) \
                    and sum(ctx.kept.values()) > said:
                # an optional number, date or choice refused, and said so: the entry is kept without it, so what
                # names the entry is not refused again (a source's count out of range dropped the source, and its
                # text: 13 more problems followed, each wrong about the data, an attack's Z11); a refused text or
                # list still drops it (a source kept without its file made every quotation of it a problem)
                out[name] = spec.default
                ctx.defaulted += 1
                continue
            if checked is None:
                ok = False
            out[name] = checked
        items = tuple((k, kept, written, *value[k].item_pos[written])
                      for k in value if isinstance(value[k], YList) and id(value[k]) in ctx.kept_items
                      for kept, written in enumerate(ctx.kept_items.pop(id(value[k]))))
        if self.has_origin:
            positions = tuple((k, p.line, p.column) for k, p in value.value_pos.items())
            out["origin"] = Origin(where.file, value.pos.line, value.pos.column, positions, items)
        return out if ok else None

    def json_schema(self) -> dict[str, Any]:
        properties = {}
        for name, spec in self.fields.items():
            prop = spec.kind.json_schema()
            if spec.doc:
                prop["description"] = spec.doc
            properties[name] = prop
        return {
            "type": "object",
            "description": self.expected,
            "properties": properties,
            "required": [name for name, spec in self.fields.items() if spec.required],
            "additionalProperties": False,
        }


# kinds of a fact no other check reads an entry by: refused, the entry is kept without it (Obj.check_fields)
_FACTS = (Int, Bool, Choice, Date, DayOfTheYear)


class FieldsOf(Kind[dict[str, Any]]):
    """A record checked field by field but built later, by whoever knows what it belongs to."""

    def __init__(self, obj: Obj[Any]) -> None:
        self.obj = obj
        self.expected = obj.expected

    def check(self, value: Any, where: Where, ctx: Context) -> dict[str, Any] | None:
        return self.obj.check_fields(value, where, ctx)

    def json_schema(self) -> dict[str, Any]:
        return self.obj.json_schema()
