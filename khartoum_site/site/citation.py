"""How a citable thing is cited: its address, plain text, Markdown, APA, Chicago, CSL-JSON, BibTeX and RIS.

What can be cited is a ``Work``: a document, a paragraph of one, or a meeting. Every style names who
issued it, from the data: a document's ``issued_by``; for a meeting, its ``host`` as the sources write
it, in the author's place. Where the record does not say, no style invents one.

A citation needs two things a static build may not know: the page's full address (known only when
``site_url`` is set) and the date the reader consulted it (never known at build time). A page shows
each style as it reads without script (the configured address, or the path from the site root; the
access date a visible placeholder in the styles written for people, and left out of the formats
reference managers import, where a placeholder would be read as a broken date). ``fill_places`` marks
in that text the places ``assets/khartoum-cite.js`` fills in with the address the reader is on and
today's date, each with a template of tokens: it finds them by comparing the styles as shown with the
same styles made with tokens, so every style is still written here alone and the script only
substitutes.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from khartoum_site.escape import bibtex_name, bibtex_value, csl_text, fill_mark, json_document, md_link_text, ris_value
from khartoum_site.record import model
from khartoum_site.site import urls

# What the script replaces (assets/khartoum-cite.js knows the same names).
URL_TOKEN = "@@url@@"

# The access date without script, in the styles written for people: only the reader knows it.
ACCESS_DATE_PLACEHOLDER = "[date of your visit]"

# The styles in the order a page shows them.
STYLES = ("url", "plain", "markdown", "apa", "chicago", "csl", "bibtex", "ris")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


@dataclass(frozen=True)
class Accessed:
    """An access date as each style writes it."""

    long: str  # 2 December 2026
    us: str  # December 2, 2026 (APA, Chicago)
    iso: str  # 2026-12-02
    ris: str  # 2026/12/02/
    year: str
    month: str
    day: str


# The date as tokens, for the script's copy of each style.
ACCESSED_TOKENS = Accessed("@@accessed-long@@", "@@accessed-us@@", "@@accessed-iso@@", "@@accessed-ris@@",
                           "@@accessed-year@@", "@@accessed-month@@", "@@accessed-day@@")


def marked_tokens(mark: str) -> tuple[str, Accessed]:
    """The address and the date as tokens with ``mark`` (``@@url#<mark>@@``, see ``escape.fill_mark``): tokens
    no data text can hold, so that ``fill_places`` finds only the places the citation module put them."""
    def marked(token: str) -> str:
        return f"{token.removesuffix('@@')}#{mark}@@"

    dates = ACCESSED_TOKENS
    return marked(URL_TOKEN), Accessed(*(marked(t) for t in (dates.long, dates.us, dates.iso, dates.ris,
                                                              dates.year, dates.month, dates.day)))


@dataclass(frozen=True)
class Work:
    """What a citation cites, with the facts every style draws on (each from the record)."""

    key: str  # its permanent key: the CSL id, and the BibTeX key with "/" as "-"
    title: str
    short: str  # the link text of the Markdown style
    issuers: tuple[str, ...]  # who issued it, as the data names them (the author's place); () if not said
    date: model.PartialDate | None
    place: str | None = None
    event: str | None = None  # the meeting a document was adopted at
    genre: str | None = None  # what kind of thing it is, where the title does not say (a meeting's kind)
    note: str | None = None  # where the text cited comes from
    csl_type: str = "document"


def paragraph_work(document: model.Document, paragraph: model.Paragraph, record: model.Record) -> Work:
    return _document_work(document, record, paragraph.key, f"{document.title}, {paragraph.label.lower()}",
                          f"{document.title}, {paragraph.short_label}")


def document_work(document: model.Document, record: model.Record) -> Work:
    return _document_work(document, record, f"documents/{document.id}", document.title, document.title)


def _document_work(document: model.Document, record: model.Record, key: str, title: str, short: str) -> Work:
    source = record.sources[document.text_source or document.cites[0].source] if document.cites else None
    adopted = record.events.get(document.adopted_at) if document.adopted_at else None
    rendering = None
    if source is not None and document.text_in_record:
        publisher = source.publisher_shown() if source.publisher else None
        rendering = f"English text as given by: {source.title}" + (f", {publisher}" if publisher else "")
    return Work(key, title, short, document.issued_by, document.date, adopted.place if adopted else None,
                adopted.title if adopted else None, None, rendering)


def event_work(event: model.Event) -> Work:
    """A meeting or milestone: its host, as the sources write it, stands in the author's place."""
    genre = model.EVENT_KINDS[event.kind] if event.kind else None
    return Work(f"events/{event.id}", event.title, event.title, event.host,
                event.date, event.place, None, genre, None, "event")


def citation(work: Work, url: str, accessed: Accessed | None) -> dict[str, str]:
    """Each style of citation of ``work`` published at ``url``, with the access date if given (else the
    placeholder in the styles for people, and no access date in the others)."""
    return {
        "url": url,
        "plain": _plain(work, url, accessed),
        "markdown": _markdown(work, url),
        "apa": _apa(work, url, accessed),
        "chicago": _chicago(work, url, accessed),
        "csl": _csl(work, url, accessed),
        "bibtex": _bibtex(work, url, accessed),
        "ris": _ris(work, url, accessed),
    }


def _names(names: tuple[str, ...], last: str) -> str:
    """Names joined for reading: "A", "A and B", "A, B and C" (``last`` is the word before the last)."""
    if len(names) < 3:
        return f" {last} ".join(names)
    return ", ".join(names[:-1]) + f", {last} " + names[-1]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _us_date(date: model.PartialDate) -> str:
    """"April 9, 2025", "April 2025" or "2025", as APA and Chicago write a date."""
    if date.month is None:
        return str(date.year)
    month = _MONTHS[date.month - 1]
    return f"{month} {date.day}, {date.year}" if date.day is not None else f"{month} {date.year}"


def _plain(work: Work, url: str, accessed: Accessed | None) -> str:
    when = work.date.display() if work.date else None
    origin = ", ".join(x for x in (work.genre, work.place, when) if x)
    text = f"{work.title}" + (f" ({origin})" if origin else "") + "."
    if work.issuers:
        text = _sentence(_names(work.issuers, "and")) + " " + text
    if work.note:
        text += f" {work.note}."
    return text + f" {url} (accessed {accessed.long if accessed else ACCESS_DATE_PLACEHOLDER})."


def _markdown(work: Work, url: str) -> str:
    link = f"[{md_link_text(work.short)}]({url})"
    return f"{md_link_text(_names(work.issuers, 'and'))}, {link}" if work.issuers else link


def _apa(work: Work, url: str, accessed: Accessed | None) -> str:
    """APA 7: the issuing body as a group author; without one, the title takes the author's place (once)."""
    if work.date is None:
        when = "n.d."
    else:
        when = ", ".join([str(work.date.year), *([_MONTHS[work.date.month - 1] + (
            f" {work.date.day}" if work.date.day is not None else "")] if work.date.month else [])])
    described = work.title + (f" [{work.genre}]" if work.genre else "")
    if work.issuers:
        text = f"{_sentence(_names(work.issuers, '&'))} ({when}). {_sentence(described)}"
    else:
        text = f"{_sentence(described)} ({when})."
    venue = ", ".join(x for x in (work.event, work.place) if x)  # where it was adopted, or held
    if venue:
        text += f" {_sentence(venue)}"
    # A record that is kept up to date changes: APA gives such a page the date it was retrieved.
    return text + f" Retrieved {accessed.us if accessed else ACCESS_DATE_PLACEHOLDER}, from {url}"


def _chicago(work: Work, url: str, accessed: Accessed | None) -> str:
    """Chicago (17th edition), the bibliography entry: the issuing body as author, the title in quotation marks."""
    parts = [f"“{_sentence(work.title)}”"]
    if work.issuers:
        parts.insert(0, _sentence(_names(work.issuers, "and")))
    published = ", ".join(x for x in (work.genre, work.place, _us_date(work.date) if work.date else None) if x)
    if published:
        parts.append(_sentence(published))
    if work.note:
        parts.append(_sentence(work.note))
    parts.append(f"Accessed {accessed.us if accessed else ACCESS_DATE_PLACEHOLDER}.")
    parts.append(f"{url}.")
    return " ".join(parts)


def _csl(work: Work, url: str, accessed: Accessed | None) -> str:
    csl: dict[str, object] = {"id": work.key, "type": work.csl_type, "title": csl_text(work.title), "URL": url}
    if work.issuers:
        # A body, not a person: a literal name is never split into given and family names.
        csl["author"] = [{"literal": csl_text(name)} for name in work.issuers]
    if work.date:
        csl["issued"] = {"date-parts": [[p for p in (work.date.year, work.date.month, work.date.day)
                                         if p is not None]]}
    if work.event:
        csl["event-title"] = csl_text(work.event)
    if work.place:
        csl["event-place"] = csl_text(work.place)
    if work.genre:
        csl["genre"] = csl_text(work.genre)
    if work.note:
        csl["note"] = csl_text(work.note)
    if accessed:
        csl["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    text = json_document(csl, indent=2)
    if accessed is not None and accessed.year.startswith("@@"):
        # The script puts numbers where the tokens are: unquoted, so the filled text is CSL's integers.
        for token in (accessed.year, accessed.month, accessed.day):
            text = text.replace(json.dumps(token), token)
    # A date on one line, as people read it: [[2025, 4, 9]] rather than a number a line.
    return _DATE_PARTS.sub(lambda m: '"date-parts": [[' + ", ".join(p.strip() for p in m.group(1).split(",")) + "]]",
                           text)


# The key in quotes: a quotation mark inside a JSON string is escaped, so no data text can match.
_DATE_PARTS = re.compile(r'"date-parts": \[\s*\[([^\[\]]*)\]\s*\]')


def _bibtex(work: Work, url: str, accessed: Accessed | None) -> str:
    # Double braces: BibTeX keeps a braced title's capitals, and reads a braced name as one name, not a
    # person's first and last names.
    fields = []
    if work.issuers:
        fields.append(("author", " and ".join(bibtex_name(name) for name in work.issuers)))
    fields.append(("title", "{" + bibtex_value(work.title) + "}"))
    if work.date:
        fields.append(("date", work.date.iso()))  # biblatex; BibTeX proper reads year
        fields.append(("year", str(work.date.year)))
    if work.genre:
        fields.append(("howpublished", bibtex_value(work.genre)))
    if work.place:
        fields.append(("address", bibtex_value(work.place)))
    fields.append(("url", _bibtex_url(url)))
    if accessed:
        fields.append(("urldate", accessed.iso))
    if work.note:
        fields.append(("note", bibtex_value(work.note)))
    key = work.key.replace("/", "-")  # ids are [a-z0-9-]: a valid key as they are
    return "@misc{" + key + ",\n" + "".join(f"  {name} = {{{value}}},\n" for name, value in fields) + "}"


def _bibtex_url(url: str) -> str:
    # Read verbatim by biblatex and the url package: only a brace could end the field.
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _ris(work: Work, url: str, accessed: Accessed | None) -> str:
    lines = [("TY", "GEN"), *(("AU", ris_value(name)) for name in work.issuers), ("TI", ris_value(work.title))]
    if work.date:
        lines.append(("PY", str(work.date.year)))
        lines.append(("DA", work.date.iso().replace("-", "/") + "/"))  # RIS: YYYY/MM/DD/
    if work.genre:
        lines.append(("M3", ris_value(work.genre)))
    if work.place:
        lines.append(("CY", ris_value(work.place)))
    lines.append(("UR", ris_value(url)))
    if accessed:
        lines.append(("Y2", accessed.ris))
    if work.note:
        lines.append(("N1", ris_value(work.note)))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)


def cited_url(item: object, site_url: str | None) -> str:
    """The cited page's address: absolute under ``site_url``, else from the site root."""
    return urls.address(urls.target_of(item), site_url)


@dataclass(frozen=True)
class Fill:
    """A place in a style's text that the script fills in: ``shown`` is what it reads without script (the
    address as built, the access date's placeholder, or nothing where a machine format gains its access
    date), ``template`` what the script puts there, with ``URL_TOKEN`` and ``ACCESSED_TOKENS`` to substitute.
    A template is made by this module alone: it holds no data text."""

    shown: str
    template: str


Piece = str | Fill


def fill_places(work: Work, url: str) -> dict[str, tuple[Piece, ...]]:
    """Each style of ``work`` as shown at ``url`` without script (the pieces joined, each ``Fill`` as its
    ``shown``), with the places the script fills in. Found from this module's own output: the styles as
    shown against the same styles with tokens, the address's tokens first, then the date's."""
    shown = citation(work, url, None)
    # The tokens carry a mark no data text can hold (a digest of the citations, ``escape.fill_mark``), so
    # the same words in a title are never taken for a place to fill.
    mark = fill_mark(json.dumps(citation(work, URL_TOKEN, ACCESSED_TOKENS), ensure_ascii=False, sort_keys=True))
    url_token, accessed = marked_tokens(mark)
    undated, dated = citation(work, url_token, None), citation(work, url_token, accessed)
    unmark = functools.partial(re.compile(f"#{mark}@@").sub, "@@")
    return {style: _places(shown[style], undated[style], dated[style], url_token, mark, unmark) for style in STYLES}


def _places(shown: str, undated: str, dated: str, url_token: str, mark: str,
            unmark: Callable[[str], str]) -> tuple[Piece, ...]:
    token = re.compile(f"(@@[a-z-]+#{mark}@@)")
    # Each token one atom, so that no comparison stops inside one.
    def atoms(text: str) -> list[str]:
        return [a for i, part in enumerate(token.split(text)) for a in ([part] if i % 2 else list(part))]

    before, after = atoms(undated), atoms(dated)
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    pieces: list[Piece] = []
    # The address as this style writes it without script, from the text between its tokens.
    literals = undated.split(url_token)
    width = (len(shown) - sum(map(len, literals))) // max(len(literals) - 1, 1)
    address = shown[len(literals[0]):len(literals[0]) + width]
    for atom in before[:start]:
        pieces.append(Fill(address, "@@url@@") if atom == url_token else atom)
    if before != after:
        was, put = "".join(before[start:len(before) - end]), "".join(after[start:len(after) - end])
        if was not in ("", ACCESS_DATE_PLACEHOLDER) or url_token in put or "@@" in token.sub("", put):
            raise ValueError(f"the access date of a citation is not in one place the script can fill: {put!r}")
        pieces.append(Fill(was, unmark(put)))
    for atom in before[len(before) - end:] if end else []:
        pieces.append(Fill(address, "@@url@@") if atom == url_token else atom)
    merged = _merged(pieces)
    # Fail closed: the pieces must give back both texts exactly.
    remark = functools.partial(re.compile("@@([a-z-]+)@@").sub, rf"@@\1#{mark}@@")
    if "".join(p.shown if isinstance(p, Fill) else p for p in merged) != shown or \
            "".join(remark(p.template) if isinstance(p, Fill) else p for p in merged) != dated:
        raise ValueError("a citation's places to fill do not give back its styles")
    return merged


def _merged(pieces: list[Piece]) -> tuple[Piece, ...]:
    """Adjacent text as one piece."""
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return tuple(merged)
