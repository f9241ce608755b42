"""How a paragraph is cited: its address, plain text, Markdown, CSL-JSON, BibTeX and RIS.

A citation needs two things a static build may not know: the page's full address (known only
when ``site_url`` is set) and the date the reader consulted it (never known at build time). So
each style is made twice from the same code: once as the page shows it without script (the
configured address, or the path from the site root; no access date), and once with the tokens
below in their place, for ``assets/khartoum-cite.js`` to fill in with the address the reader is
on and today's date. The script only substitutes; every style is written here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from khartoum_site.escape import bibtex_value, ris_value
from khartoum_site.record import model
from khartoum_site.site import urls

# What the script replaces (assets/khartoum-cite.js knows the same names).
URL_TOKEN = "@@url@@"


@dataclass(frozen=True)
class Accessed:
    """An access date as each style writes it."""

    long: str  # 2 December 2026
    iso: str  # 2026-12-02
    ris: str  # 2026/12/02/
    year: str
    month: str
    day: str


# The date as tokens, for the script's copy of each style.
ACCESSED_TOKENS = Accessed("@@accessed-long@@", "@@accessed-iso@@", "@@accessed-ris@@",
                           "@@accessed-year@@", "@@accessed-month@@", "@@accessed-day@@")


def paragraph_citation(document: model.Document, paragraph: model.Paragraph, record: model.Record,
                       url: str, accessed: Accessed | None) -> dict[str, str]:
    """Each style of citation of a paragraph published at ``url``, with the access date if given."""
    source = record.sources[document.cites[0].source] if document.cites else None
    adopted = record.events.get(document.adopted_at) if document.adopted_at else None
    title = f"{document.title}, {paragraph.label.lower()}"
    rendering = None
    if source is not None:
        publisher = source.publisher_shown() if source.publisher else None
        rendering = f"English text as given by: {source.title}" + (f", {publisher}" if publisher else "")

    place = adopted.place if adopted else None
    when = document.date.display() if document.date else None
    origin = f" ({', '.join(x for x in (place, when) if x)})" if (place or when) else ""
    plain = f"{document.title}{origin}, {paragraph.label.lower()}." + (f" {rendering}." if rendering else "")
    plain += f" {url}" + (f" (accessed {accessed.long})." if accessed else "")

    return {
        "url": url,
        "plain": plain,
        "markdown": f"[{document.title}, {paragraph.short_label}]({url})",
        "csl": _csl(document, paragraph, title, url, adopted, rendering, accessed),
        "bibtex": _bibtex(document, paragraph, title, url, rendering, accessed),
        "ris": _ris(document, title, url, adopted, rendering, accessed),
    }


def _csl(document: model.Document, paragraph: model.Paragraph, title: str, url: str,
         adopted: model.Event | None, rendering: str | None, accessed: Accessed | None) -> str:
    csl: dict[str, object] = {"id": paragraph.key, "type": "document", "title": title, "URL": url}
    if document.date:
        csl["issued"] = {"date-parts": [[p for p in (document.date.year, document.date.month, document.date.day)
                                         if p is not None]]}
    if adopted:
        csl["event-title"] = adopted.title
        if adopted.place:
            csl["event-place"] = adopted.place
    if rendering:
        csl["note"] = rendering
    if accessed:
        csl["accessed"] = {"date-parts": [[accessed.year, accessed.month, accessed.day]]}
    text = json.dumps(csl, ensure_ascii=False, indent=2)
    if accessed is ACCESSED_TOKENS:
        # The script puts numbers where the tokens are: unquoted, so the filled text is CSL's integers.
        for token in (accessed.year, accessed.month, accessed.day):
            text = text.replace(json.dumps(token), token)
    return text


def _bibtex(document: model.Document, paragraph: model.Paragraph, title: str, url: str,
            rendering: str | None, accessed: Accessed | None) -> str:
    fields = [("title", bibtex_value(title))]
    if document.date:
        fields.append(("date", document.date.iso()))  # biblatex; BibTeX proper reads year
        fields.append(("year", str(document.date.year)))
    fields.append(("url", _bibtex_url(url)))
    if accessed:
        fields.append(("urldate", accessed.iso))
    if rendering:
        fields.append(("note", bibtex_value(rendering)))
    key = f"{document.id}-{paragraph.id}"  # ids are [a-z0-9-]: a valid key as they are
    return "@misc{" + key + ",\n" + "".join(f"  {name} = {{{value}}},\n" for name, value in fields) + "}"


def _bibtex_url(url: str) -> str:
    # Read verbatim by biblatex and the url package: only a brace could end the field.
    return url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _ris(document: model.Document, title: str, url: str, adopted: model.Event | None,
         rendering: str | None, accessed: Accessed | None) -> str:
    lines = [("TY", "GEN"), ("TI", ris_value(title))]
    if document.date:
        lines.append(("PY", str(document.date.year)))
        lines.append(("DA", document.date.iso().replace("-", "/") + "/"))  # RIS: YYYY/MM/DD/
    if adopted and adopted.place:
        lines.append(("CY", ris_value(adopted.place)))
    lines.append(("UR", ris_value(url)))
    if accessed:
        lines.append(("Y2", accessed.ris))
    if rendering:
        lines.append(("N1", ris_value(rendering)))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)


def cited_url(paragraph: model.Paragraph, site_url: str | None) -> str:
    """The paragraph page's address: absolute under ``site_url``, else from the site root."""
    return urls.address(urls.target_of(paragraph), site_url)
