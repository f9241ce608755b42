"""A document's text in Akoma Ntoso 3.0 (OASIS LegalDocML), made with the standard library from the record.

**Document type.** ``statement``: the schema's type for "an official document of a body that may or
may not be normative in structure (e.g., statements, resolutions, etc.)", with a preamble and a main
body, as AKN4UN (the UN's profile) marks up resolutions and decisions; ``act`` and ``bill`` are
legislation, ``doc`` is for types the standard does not manage. Its ``name`` (and ``FRBRsubtype``)
is the document's kind in the record: ``declaration``.

**URI.** ``/akn/aa/statement/<kind>/khartoum-process/<date of adoption>/<document id>``, for example
``/akn/aa/statement/declaration/khartoum-process/2025-04-09/cairo-2025``; the expression adds
``/eng@<date>``, the manifestation ``.xml``. The Naming Convention's first part is a two-letter
ISO 3166-1 code (``FRBRcountry``): a multilateral process has none, and ``int`` is not one, so the
record uses ``aa``, one of the codes ISO 3166-1 leaves to its users (AfricanLII's
``/akn/aa-au/…`` is another user's); ``khartoum-process`` is the emanating actor, and the document's
permanent id is its number. Non-document things (states, organisations, events, …) get
``/akn/ontology/<class>/aa/khartoum-process/<key>``, where ``<key>`` is the record's key
(``states/egypt``).

**Paragraphs.** Preambular paragraphs are the ``recital``s of the preamble, operative ones the
``paragraph``s of the main body; the words opening the operative part are the enacting ``formula``.
``eId``s follow the Naming Convention (``recs__rec_3``, ``para_12``); the ``GUID`` of each is the
paragraph's permanent id, which is its anchor on the site (``pp-3``, ``op-12``). The text is the
record's, verbatim. Each paragraph ``refersTo`` the states, organisations, instruments, documents,
events and topics it names (``TLCOrganization``, ``TLCReference``, ``TLCEvent``, ``TLCConcept``).

**What the record does not fill** is left out, never guessed: who made the English text (the
expression's ``FRBRauthor`` is the source it is quoted from, in the role ``source``), the source's
date (no ``publication``), an official version (``FRBRauthoritative`` is false: the record quotes a source's
rendering of the text), ``FRBRprescriptive``, and any date not known to the day: the schema's ``FRBRdate`` takes a
full date, so a document adopted on a date the record gives only to the month or year has no file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from slugify import slugify

from khartoum_site.escape import xml_text
from khartoum_site.record import model

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
DOCUMENT_TYPE = "statement"
COUNTRY = "aa"  # an ISO 3166-1 user-assigned code: see the module's docstring
ACTOR = "khartoum-process"
LANGUAGE = "eng"  # ISO 639-2 alpha-3, as the Naming Convention writes languages
RECORD_NAME = "The Khartoum Process record"
RECORD = "khartoum-process-record"  # the TLC of this record, which makes the markup

# How the things a paragraph names are referred to: (TLC element, ontology class, TLCReference name).
_TLC = {
    "states": ("TLCOrganization", "organization", None),  # parties to the declaration: bodies, not places
    "organisations": ("TLCOrganization", "organization", None),
    "instruments": ("TLCReference", "reference", "instrument"),
    "documents": ("TLCReference", "reference", "document"),
    "events": ("TLCEvent", "event", None),
    "topics": ("TLCConcept", "concept", None),
    "sources": ("TLCReference", "reference", "source"),
}
_ROLES = {"adopter": "Adopted the document", "source": "The source the text is quoted from",
          "editor": "Made this Akoma Ntoso file from the record"}


def adoption_date(record: model.Record, document: model.Document) -> model.PartialDate | None:
    """The date of adoption known to the day: the document's own, else its adopting event's; or None."""
    event = record.events.get(document.adopted_at) if document.adopted_at else None
    for date in (document.date, event.date if event else None):
        if date is not None and date.day is not None:
            return date
    return None


def expressible(record: model.Record, document: model.Document) -> bool:
    """Whether the document gets an Akoma Ntoso file: its text is in the record, with an operative part,
    and its date of adoption is known to the day."""
    return (document.text_in_record and bool(document.part("operative"))
            and adoption_date(record, document) is not None)


def _work(document: model.Document, date: model.PartialDate) -> str:
    return f"/akn/{COUNTRY}/{DOCUMENT_TYPE}/{document.kind}/{ACTOR}/{date.iso()}/{document.id}"


def _expression(document: model.Document, date: model.PartialDate) -> str:
    return f"{_work(document, date)}/{LANGUAGE}@{date.iso()}"


def work_iri(record: model.Record, document: model.Document) -> str | None:
    """The document's Work IRI, if its date of adoption is known to the day."""
    date = adoption_date(record, document)
    return None if date is None else _work(document, date)


def expression_iri(record: model.Record, document: model.Document) -> str | None:
    """The IRI of the English text the record reproduces: the Work IRI and ``/eng@<date of adoption>`` (no source
    says in which language the declaration was adopted; the IRI names the text the record holds)."""
    date = adoption_date(record, document)
    return None if date is None else _expression(document, date)


def eid(paragraph: model.Paragraph) -> str:
    """The paragraph's eId by the Naming Convention: ``recs__rec_<n>`` or ``para_<n>``."""
    return f"recs__rec_{paragraph.number}" if paragraph.part == "preambular" else f"para_{paragraph.number}"


def tlc_eid(collection: str, ident: str) -> str:
    """The eId of the reference to a record: its kind and id (``state-egypt``), unique across collections."""
    return f"{model.COLLECTION[collection].singular}-{ident}"


def _ontology(cls: str, key: str) -> str:
    return f"/akn/ontology/{cls}/{COUNTRY}/{ACTOR}/{key}"


def _el(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.rstrip("_"): xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


class _References:
    """The ``references`` section: each thing named once, in the order first named."""

    def __init__(self, record: model.Record) -> None:
        self.record = record
        self.items: dict[str, tuple[str, dict[str, str]]] = {
            RECORD: ("TLCOrganization", {"eId": RECORD, "href": _ontology("organization", "record"),
                                         "showAs": RECORD_NAME})}

    def add(self, collection: str, ident: str) -> str:
        """The internal reference (``#state-egypt``) to a record, added on first use."""
        key = tlc_eid(collection, ident)
        if key not in self.items:
            element, cls, name = _TLC[collection]
            item = getattr(self.record, collection)[ident]
            href = _ontology(cls, f"{collection}/{ident}")
            if collection == "documents":
                href = work_iri(self.record, item) or href
            show = item.title if collection in ("documents", "sources") else model.display_name(item)
            self.items[key] = (element, {"eId": key, **({"name": name} if name else {}), "href": href,
                                         "showAs": show})
        return f"#{key}"

    def add_location(self, place: str) -> str:
        key = f"location-{slugify(place)}"
        self.items.setdefault(key, ("TLCLocation", {"eId": key, "href": _ontology("location", slugify(place)),
                                                    "showAs": place}))
        return f"#{key}"

    def add_role(self, role: str) -> str:
        key = f"role-{role}"
        self.items.setdefault(key, ("TLCRole", {"eId": key, "href": _ontology("role", role), "showAs": _ROLES[role]}))
        return f"#{key}"

    def write(self, meta: ET.Element, original: dict[str, str]) -> None:
        references = _el(meta, "references", source=f"#{RECORD}")
        _el(references, "original", **original)
        for element, attributes in self.items.values():
            _el(references, element, **attributes)


def _refers_to(paragraph: model.Paragraph, refs: _References) -> str:
    named = [refs.add(collection, ident) for collection, ident in paragraph.mentions.pairs()]
    named += [refs.add("topics", topic) for topic in paragraph.topics]
    return " ".join(dict.fromkeys(named))


def _identification(meta: ET.Element, record: model.Record, document: model.Document, data_date: str,
                    refs: _References) -> None:
    date = adoption_date(record, document)
    if date is None:
        raise ValueError(f"document '{document.id}' has no date of adoption known to the day")
    work, expression = _work(document, date), _expression(document, date)
    source = record.sources[document.text_source or document.cites[0].source]
    event = record.events.get(document.adopted_at) if document.adopted_at else None
    # Who adopted the text, if the record says; else (as for the expression) the source it is quoted from.
    author = (refs.add("events", event.id), refs.add_role("adopter")) if event else \
        (refs.add("sources", source.id), refs.add_role("source"))

    identification = _el(meta, "identification", source=f"#{RECORD}")
    frbr = _el(identification, "FRBRWork")
    _el(frbr, "FRBRthis", value=f"{work}/!main")
    _el(frbr, "FRBRuri", value=work)
    _el(frbr, "FRBRalias", value=document.title, name="title")
    _el(frbr, "FRBRdate", date=date.iso(), name="adoption")
    _el(frbr, "FRBRauthor", href=author[0], as_=author[1])
    _el(frbr, "FRBRcountry", value=COUNTRY)
    _el(frbr, "FRBRsubtype", value=document.kind)
    _el(frbr, "FRBRnumber", value=document.id)

    frbr = _el(identification, "FRBRExpression")
    _el(frbr, "FRBRthis", value=f"{expression}/!main")
    _el(frbr, "FRBRuri", value=expression)
    _el(frbr, "FRBRdate", date=date.iso(), name="adoption")
    _el(frbr, "FRBRauthor", href=refs.add("sources", source.id), as_=refs.add_role("source"))
    # the record quotes a source's rendering of the text, never the issuer's own publication of it (no kind of source
    # says so): the kind of the source, an editor's word, once made a news report's rendering authoritative (BL13)
    _el(frbr, "FRBRauthoritative", value="false")
    _el(frbr, "FRBRlanguage", language=LANGUAGE)

    frbr = _el(identification, "FRBRManifestation")
    _el(frbr, "FRBRthis", value=f"{expression}/!main.xml")
    _el(frbr, "FRBRuri", value=f"{expression}.xml")
    _el(frbr, "FRBRdate", date=data_date, name="data-last-changed")
    _el(frbr, "FRBRauthor", href=f"#{RECORD}", as_=refs.add_role("editor"))
    _el(frbr, "FRBRformat", value="application/xml")

    if event is not None:  # the date and place of adoption: the adopting event
        lifecycle = _el(meta, "lifecycle", source=f"#{RECORD}")
        where = [refs.add("events", event.id), *([refs.add_location(event.place)] if event.place else [])]
        _el(lifecycle, "eventRef", eId="eref_1", date=date.iso(), source="#original", type="generation",
            refersTo=" ".join(where))


def _notes(meta: ET.Element, document: model.Document) -> None:
    texts = [document.text_note] if document.text_note else []
    if document.source_heading:
        texts.append(f"The source introduces the paragraphs with the words “{document.source_heading}”.")
    texts += document.notes
    if texts:
        notes = _el(meta, "notes", source=f"#{RECORD}")
        for i, text in enumerate(texts, 1):
            _el(_el(notes, "note", eId=f"note_{i}"), "p", text)


def _body(statement: ET.Element, document: model.Document, refs: _References) -> None:
    preambular = document.part("preambular")
    if preambular or document.operative_intro:
        preamble = _el(statement, "preamble")
        if preambular:
            recitals = _el(preamble, "recitals", eId="recs")
            for paragraph in preambular:
                _paragraph(recitals, "recital", paragraph, refs)
        if document.operative_intro:
            _el(_el(preamble, "formula", eId="formula_1", name="enactingFormula"), "p", document.operative_intro)
    body = _el(statement, "mainBody")
    for paragraph in document.part("operative"):
        _paragraph(body, "paragraph", paragraph, refs)


def _paragraph(parent: ET.Element, tag: str, paragraph: model.Paragraph, refs: _References) -> None:
    attributes: dict[str, Any] = {"eId": eid(paragraph), "GUID": paragraph.id}
    if refers := _refers_to(paragraph, refs):
        attributes["refersTo"] = refers
    element = _el(parent, tag, **attributes)
    _el(element, "num", str(paragraph.number))
    container = _el(element, "content", eId=f"{eid(paragraph)}__content") if tag == "paragraph" else element
    _el(container, "p", paragraph.text)


def akoma_ntoso(record: model.Record, document: model.Document, data_date: str) -> bytes:
    """The document as an Akoma Ntoso 3.0 XML file (see the module's docstring); ``expressible`` must hold."""
    refs = _References(record)
    # Names without a namespace, and the namespace declared once as the default: ElementTree's own
    # namespace handling would need a process-wide prefix registration.
    root = ET.Element("akomaNtoso", {"xmlns": NAMESPACE})
    statement = _el(root, DOCUMENT_TYPE, name=document.kind)
    meta = _el(statement, "meta")
    # The body first, so that the references list what the paragraphs name in the order they name it.
    body_holder = ET.Element("body")
    _body(body_holder, document, refs)
    _identification(meta, record, document, data_date, refs)
    refs.write(meta, {"eId": "original", "href": str(expression_iri(record, document)), "showAs": document.title})
    _notes(meta, document)
    statement.extend(list(body_holder))
    ET.indent(root, space=" ")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(root, encoding="unicode")}\n'.encode()
