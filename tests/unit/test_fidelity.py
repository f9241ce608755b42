"""Every sentence the site writes is supported, and the sources are carried whole (issue 11).

No build: these tests read the data, the templates, the hand-written pages under ``docs/`` and the
site description in ``mkdocs.yml``. ``docs/checked.md`` ("How this record was checked") publishes
what they check; its "Left out" and "Translation artefacts" tables are read here, so the page and the
tests cannot drift apart.

Conventions they enforce:

- Words between curly quotation marks (“ ”) on a hand-written page or in an annotation are the
  sources' own words: each must be in a source text, letter for letter (whitespace aside).
- A number the site writes itself must be one the record holds: a count of what it counts, a date of
  the record, a paragraph number; other numbers need a reviewed entry in ``SITE_NUMBERS``.
- A sentence of a template that names the world (a place, a body, the process) must be a reviewed
  sentence about the site (``TEMPLATE_SENTENCES``); one of a hand-written page must quote a source,
  or link the record that holds its facts, or be a reviewed sentence (``PAGE_SENTENCES``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from khartoum_site.record import model
from khartoum_site.record.validate import load_record

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
DOCS = ROOT / "docs"
TEMPLATES = ROOT / "khartoum_site" / "site" / "templates"

RECORD = load_record(DATA)
SOURCE_TEXTS = {sid: (DATA / s.file).read_text(encoding="utf-8") for sid, s in RECORD.sources.items() if s.file}


def flat(text: str) -> str:
    return " ".join(text.split())


FLAT_SOURCES = {sid: flat(text) for sid, text in SOURCE_TEXTS.items()}


def in_a_source(quote: str) -> bool:
    return any(flat(quote) in text for text in FLAT_SOURCES.values())


QUOTATION = re.compile(r"“([^“”]*)”")


# --- What the site writes: hand-written pages, the site description, templates -------------------------

def site_description() -> str:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # the one key read as plain YAML (the rest of the file has MkDocs-specific tags)
    block = re.search(r"^site_description:.*?(?=^\S)", config, re.M | re.S)
    assert block is not None, "mkdocs.yml has no site_description"
    return str(yaml.safe_load(block.group(0))["site_description"])


def pages() -> dict[str, str]:
    """Every hand-written page, and the site description (also each page's meta description)."""
    found = {p.name: p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))}
    found["mkdocs.yml site_description"] = site_description()
    return found


def prose(markdown: str) -> str:
    """The words of a page a reader reads: without code, link targets, HTML tags and attribute lists."""
    text = re.sub(r"^(```|~~~).*?^\1[ \t]*$", " ", markdown, flags=re.M | re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)", "]", text)  # [text](target) → [text]
    text = re.sub(r"<[^>\n]+>", " ", text)
    text = re.sub(r"\{[:#.][^}\n]*\}|\{ [.#][^}\n]*\}", " ", text)
    return text


def template_prose(source: str) -> str:
    """A template's own words: Jinja tags and comments removed, each expression a placeholder."""
    text = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    text = re.sub(r"\{%.*?%\}", " ", text, flags=re.S)
    text = re.sub(r"\{\{.*?\}\}", " ⟨data⟩ ", text, flags=re.S)
    return prose(text)


def templates() -> dict[str, str]:
    return {p.name: template_prose(p.read_text(encoding="utf-8")) for p in sorted(TEMPLATES.glob("*.j2"))}


def units(text: str) -> list[tuple[str, str]]:
    """(sentence, what supports it): sentences of paragraphs and list items, each its own support; the
    sentences of a table's cells, each supported by the whole row (a row names its reference once)."""
    text = re.sub(r"\[\[([^\]|]*)\|([^\]]*)\]\]", "[[\\1¦\\2]]", text)  # a [[key|text]] is not a table cell
    found: list[tuple[str, str]] = []
    for block in re.split(r"\n\s*\n", text):
        rows = [line for line in block.splitlines() if line.lstrip().startswith("|")]
        rest = "\n".join(line for line in block.splitlines() if not line.lstrip().startswith("|"))
        for row in rows:
            for cell in row.split("|"):
                found += [(s, row) for s in _split(cell)]
        found += [(s, s) for s in _split(re.sub(r"^\s*[-*] ", "\n\n", rest, flags=re.M))]
    return found


def _split(text: str) -> list[str]:
    parts: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        parts += re.split(r"(?<=[.!?:])\s+(?=[A-Z“⟨\[])", flat(block))
    return [p.strip(" -#>*") for p in parts if p.strip(" -#>*")]


def sentences(text: str) -> list[str]:
    return [s for s, _ in units(text)]


# --- Quotations ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", sorted(pages()))
def test_every_quotation_on_a_hand_written_page_is_in_a_source(page: str) -> None:
    text = prose(pages()[page])
    not_found = [q for q in QUOTATION.findall(text) if not in_a_source(q)]
    assert not_found == [], f"{page}: quoted as the sources' words, but in no source text: {not_found}"


def editors_sentences() -> list[tuple[str, str]]:
    """(where, text) for every sentence of the record written by its editors."""
    found: list[tuple[str, str]] = []
    for collection in model.COLLECTIONS:
        for item in getattr(RECORD, collection.name).values():
            where = f"{collection.singular} '{item.id}'"
            for name in ("note", "text_note", "description", "role"):
                value = getattr(item, name, None)
                if isinstance(value, str):
                    found.append((f"{where} {name}", value))
            found += [(f"{where} notes", note) for note in getattr(item, "notes", ())]
            found += [(f"{where} role", role.text) for role in getattr(item, "roles", ())]
            for paragraph in getattr(item, "paragraphs", ()):
                found += [(f"{where} paragraph '{paragraph.id}' notes", note) for note in paragraph.notes]
    return found


def test_every_quotation_in_an_annotation_is_in_a_source() -> None:
    not_found = [(where, q) for where, text in editors_sentences()
                 for q in QUOTATION.findall(text) if not in_a_source(q)]
    assert not_found == []


# --- Numbers -------------------------------------------------------------------------------------------

WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "seventeen": 17, "forty": 40}


def counts() -> list[tuple[re.Pattern[str], int]]:
    """What a number counts, by the words after it, and how many the record holds."""
    states = list(RECORD.states.values())
    paragraphs = RECORD.paragraphs()
    with_text = [s for s in RECORD.sources.values() if s.file]
    return [(re.compile(pattern), number) for pattern, number in [
        (r"^EU member states?\b", sum(s.region == "eu-member-state" for s in states)),
        (r"^other European states?\b", sum(s.region == "other-european-state" for s in states)),
        (r"^African states?\b", sum(s.region == "african-state" for s in states)),
        (r"^(participating )?(states|countries)\b", len(states)),
        (r"^(partner )?organisations\b", len(RECORD.organisations)),
        (r"^preambular\b", sum(p.part == "preambular" for p in paragraphs)),
        (r"^operative\b", sum(p.part == "operative" for p in paragraphs)),
        (r"^paragraphs\b", len(paragraphs)),
        (r"^(priority )?(domains|areas)\b", sum(t.kind == "jvap-domain" for t in RECORD.topics.values())),
        (r"^(source )?texts\b", len(with_text)),
        (r"^sources\b", len(RECORD.sources)),
        (r"^instruments\b", len(RECORD.instruments)),
        (r"^topics\b", len(RECORD.topics)),
        (r"^events\b", len(RECORD.events)),
    ]]


def record_numbers() -> set[int]:
    """Every number the record holds: counts, paragraph numbers, the parts of its dates, and the numbers
    of the source texts."""
    numbers = {number for _, number in counts()}
    numbers |= {p.number for p in RECORD.paragraphs()}
    dates = [e.date for e in RECORD.events.values()] + [i.date for i in RECORD.instruments.values() if i.date] \
        + [d.date for d in RECORD.documents.values() if d.date]
    numbers |= {part for d in dates for part in (d.year, d.month, d.day) if part is not None}
    numbers |= {int(n) for text in SOURCE_TEXTS.values() for n in re.findall(r"\d+", text)}
    return numbers


def record_dates() -> set[str]:
    dates = [e.date for e in RECORD.events.values()] + [i.date for i in RECORD.instruments.values() if i.date] \
        + [d.date for d in RECORD.documents.values() if d.date]
    return {d.display() for d in dates}


# Numbers in the names of standards and tools, not claims about the process.
NAMES_WITH_NUMBERS = re.compile(
    r"ISO 3166-1(:\d{4})?|Admin 0|UN M49|\bM49\b|Series M, No\. 49|1:110m|\d+(\.\d+){1,3}|\bAKN4UN\b|\b[A-Z]+\d+\b"
    r"|\bPP \d+|\bOP \d+|alpha-[23]|\d+(st|nd|rd|th)\b")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b(\d{{1,2}} (?:{MONTHS}) \d{{4}}|(?:{MONTHS}) \d{{4}})\b")
NUMBER = re.compile(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(WORD_NUMBERS) + r")(?![\w-])")
# Reviewed numbers about the site itself, by page: (page, the words around the number).
SITE_NUMBERS = {
    ("cite.md", "two machine-readable inventories"),
    ("editing.md", "indented by two spaces"),
    ("editing.md", "first runs two checks"),
    ("editing.md", "At most 200 problems"),  # what check does, not a fact of the record
    ("downloads.md.j2", "3.0 (OASIS LegalDocML)"),
    ("deploy.md", "The 404 page"),
}
# Pages that measure builds: their numbers are times, sizes and synthetic record sizes; only what they
# say of the real record's states is checked.
MEASUREMENT_PAGES = {"benchmark.md", "engines.md"}


def number_problems(page: str, text: str) -> list[str]:
    text = QUOTATION.sub(" ", text)  # the sources' own words: checked letter for letter instead
    text = re.sub(r"\[\[[^\]]*\]\]", " ", text)
    known_dates = record_dates()
    problems = [f"{page}: the date '{d}' is not a date of the record" for d in DATE.findall(text)
                if d not in known_dates and page not in MEASUREMENT_PAGES]
    text = DATE.sub(" ", text)
    text = NAMES_WITH_NUMBERS.sub(" ", text)
    allowed = [words for where, words in SITE_NUMBERS if where == page]
    holds = record_numbers()
    for match in NUMBER.finditer(text):
        word = match.group(1)
        number = WORD_NUMBERS.get(word.lower()) if word.isalpha() else int(word.replace(",", ""))
        after = text[match.end():].lstrip()
        around = flat(text[max(0, match.start() - 60):match.end() + 60])
        if any(words in around for words in allowed):
            continue
        counted = [expected for pattern, expected in counts() if pattern.match(after)]
        if page in MEASUREMENT_PAGES:
            if counted and re.match(r"^(participating )?states\b", after) and number != counted[0]:
                problems.append(f"{page}: '{word} {after[:30]}' but the record has {counted[0]}")
            continue
        if counted:
            if number != counted[0]:
                problems.append(f"{page}: '{word} {flat(after[:30])}' but the record holds {counted[0]}")
        elif number not in holds:
            problems.append(f"{page}: the number '{word}' in '…{around}…' is not a number the record holds")
    return problems


@pytest.mark.parametrize("page", sorted(pages()) + sorted(templates()))
def test_site_wording_states_no_number_the_data_does_not_hold(page: str) -> None:
    text = prose(pages()[page]) if page in pages() else templates()[page]
    assert number_problems(page, text) == []


# --- Claims about the world ----------------------------------------------------------------------------

# Words that make a sentence a statement about the process or the world, not about the site.
WORLD = re.compile(
    r"\b(Africa\w*|Europe\w*|EU|Union|Horn|Egypt\w*|Cairo|Rome|Valletta|JVAP|M49|ISO|Natural Earth|Somali\w*"
    r"|Cyprus|Crimea|Ukraine|Norway|Switzerland|Sudan|Libya|Tunisia|Khartoum|dialogue|establish\w*|launch\w*"
    r"|chair\w*|presiden\w*|minist\w*|member states?|Commission\w*|IOM|UNHCR|UNODC|IGAD|ICMPD|migration)\b")

# Reviewed sentences of the templates that name the world: labels of outside classifications, named
# as each classification names its levels, and wording about the site's own lists.
TEMPLATE_SENTENCES = {
    ("home.md.j2", "⟨data⟩ EU member states, ⟨data⟩ other European states, ⟨data⟩ African states"),
    # who chaired a meeting, the names as its sources write them (in quotation marks where a source's text is held)
    ("timeline.md.j2", "⟨data⟩ ⟨data⟩ (as the sources write the name) ; also said of who chaired:"),
    ("state.md.j2", "Natural Earth."),
    # What the record does not hold, said on every state's page (issue 10): a sentence about the record.
    ("state.md.j2", "The record gives no date for when ⟨data⟩ joined the Khartoum Process, and says nothing of "
                    "what it has done to carry out the declaration."),
    # The roles the record holds for a state, read from its collections (history.roles_of): about the record.
    ("state.md.j2", "Meetings the sources say it chaired:"),
    ("state.md.j2", "It names no role of ⟨data⟩ in the process: no term as chair, no seat on the Steering "
                    "Committee, no meeting hosted, co-hosted, chaired or co-chaired."),
    ("state.md.j2", "Meetings the sources say it co-chaired:"),
    # A second statement of who chaired a meeting (chair_also), labelled where it is shown: about the record.
    ("state.md.j2", "Also said of who chaired:"),
    ("event.md.j2", "Also said of who chaired"),
    # A source's count of the members (Source.member_count), shown beside the year's list, or an undated one beside
    # the list of the year of the meeting the record reads it as about (member_count_read_at), with the source's
    # sentence that gives it where the record keeps the text (member_count_quote): about the record.
    # (one sentence in its branches: a source with its words quoted gives "the number", with no reading added, and
    # the words are shown in their paragraph, the whole text below; one whose text the record does not keep, the
    # count as the editor reads the source)
    ("members_year.md.j2", "⟨data⟩ ( ⟨data⟩ ⟨data⟩ ; the record reads it as about ⟨data⟩ : see that meeting's notes ) "
                           "gives the number ⟨data⟩ , in the words “ ⟨data⟩ ” gives the process ⟨data⟩ "
                           "⟨data⟩ , as the record reads it ( ⟨data⟩ ; the record does not keep its text) ; the list "
                           "on this page names ⟨data⟩ ."),
    ("members_year.md.j2", "The record does not say what the words count beyond the number; they stand in this "
                           "paragraph of the source's text: they stand, as whole sentences, in ⟨data⟩ paragraphs of "
                           "the source's text:"),
    ("members_year.md.j2", "And in the ⟨data⟩ of them:"),
    # Two accounts of one matter set side by side (Event.compare): about the record.
    ("event.md.j2", "The sources of these pages tell the same matter differently; the record shows both and does "
                    "not say how they relate:"),
    # The chair statements tied to a meeting (chairs.yml began_at, ended_at, at_meeting): about the record.
    ("event.md.j2", "The chair of the process here"),
    ("event.md.j2", "Shown as chair here, with no start or end of its term dated here:"),
    ("state.md.j2", "Sub-region (UN M49)"),
    ("state.md.j2", "Intermediate region (UN M49)"),
    ("state.md.j2", "ISO 3166-1 alpha-2"),
    ("state.md.j2", "ISO 3166-1 alpha-3"),
    ("states_index.md.j2", "Sub-region (UN M49)"),
    ("states_index.md.j2", "Intermediate region (UN M49)"),
    ("states_index.md.j2", "ISO 3166-1 alpha-2 / alpha-3"),
    # (a state the paragraph names apart from its participants: not all are named as participants, AX5; two lists
    # joined by "and in", BA3)
    ("states_index.md.j2", "The ⟨data⟩ states named as the participating countries of the Khartoum Process in ⟨data⟩ "
                           "of the ⟨data⟩ ( ⟨data⟩ as its participating countries, and ⟨data⟩ ⟨data⟩ , which the "
                           "record reads it as naming apart from them) , and in the record , grouped as this site "
                           "groups them."),
    ("states_index.md.j2", "Which states are EU member states comes from ⟨data⟩ ; the African states' sub-region "
                           "and intermediate region from ⟨data⟩ , named as M49 names its levels."),
    # The formats' engineers' page: a document named by its title in the template, not from the data.
    ("downloads.md.j2", "Each document whose text is in the record is also published in [Akoma Ntoso] 3.0 (OASIS "
                        "LegalDocML), the XML standard for legal and parliamentary texts that legal-information tools "
                        "read, and on which the United Nations' AKN4UN guidelines are built: for the Cairo Ministerial "
                        "Declaration."),
}
# Reviewed sentences of hand-written pages that name the world without quoting or linking its source:
# each is about the site, or repeats what the page quotes or links next to it.
PAGE_SENTENCES = {
    ("about.md", "This site is a public record of the **Khartoum Process**, compiled by this project."),
    ("about.md", "The second of the two kept texts is a news site's English text, not an official publication of "
                 "the meeting."),
    ("cite.md", "Paragraph ids are … for the preamble and … for the operative part of the Cairo Ministerial "
                "Declaration, whose document id is ."),
    ("cite.md", "So \"operative paragraph 12 of the Cairo Declaration\" is ."),
    ("editing.md", "Topics: the five domains of the Joint Valletta Action Plan and the themes of the sources."),
    ("editing.md", "One file per document: the Cairo Ministerial Declaration paragraph by paragraph, the Cairo "
                   "Action Plan."),
    ("editing.md", "In , each paragraph has an ( … , … ), its and , and its , which must be the source's words "
                   "exactly."),
    ("benchmark.md", "The 40 states are not copied: a state is a country, with its ISO codes and its place on the "
                     "map, so every copy of the declaration names the real 40. validates each synthetic record "
                     "before anything is built."),
    ("cite.md", "The standard names a document by IRIs of its naming convention, one for each level of its FRBR "
                "model; for the Cairo Ministerial Declaration:"),
    ("cite.md", "The parts are fixed by the standard: , a two-letter ISO 3166-1 code, the document type ( , the "
                "standard's type for the statements and resolutions of a body), its kind ( ), the process that "
                "issues it ( ), the date of adoption and the document's permanent id."),
    ("cite.md", "The code names a country; a process of forty states has none, so the record uses , one of the "
                "codes ISO 3166-1 leaves to its users."),
    ("benchmark.md", "The synthetic record copies the Cairo Ministerial Declaration once per 28 paragraphs, each "
                     "copy in its own file under with its own generated seed text under , whose lines are the "
                     "copy's paragraphs: every paragraph is still checked verbatim."),
    ("benchmark.md", "Organisations, instruments, topics and events are copied with it, each copy named by its "
                     "copy of the declaration, as far as each data file stays under the loader's 1 MB limit."),
    ("checked.md", "Labels of outside classifications"),
    ("checked.md", "Classification"),
    ("checked.md", "ISO 3166-1"),
    ("checked.md", "UN M49"),
    ("checked.md", "Region, Sub-region, Intermediate Region"),
    ("checked.md", "EU membership"),
    ("checked.md", "member countries of the European Union"),
    ("checked.md", "Joint Valletta Action Plan"),
    ("checked.md", "Natural Earth"),
    ("checked.md", "The kind of an organisation (for example \"EU institution or body\") is this site's own "
                   "classification, and its pages say so."),
    ("checked.md", "The outcome report is a news site's English text."),
    ("checked.md", "Where its wording reads as a translation, or differs from the name used elsewhere in the "
                   "record, the site quotes it as written and says so in a note, on every page that quotes it."),
}
# Links to the record's own pages: a sentence that links one names where its facts are held and cited.
RECORD_LINK = re.compile(r"\[\[[a-z0-9/-]+(#[a-z0-9_-]+)?([|¦][^\]]*)?\]\]|\]\((\.\./)*(sources|states|organisations|"
                         r"instruments|topics|documents|memberships|chairs|committee|events|others)/[^)]*\)"
                         r"|\]\((\.\./)*timeline\.md[^)]*\)")


def claims_of_its_own(page: str, text: str, reviewed: set[tuple[str, str]]) -> list[str]:
    """Sentences that name the world without quoting a source (checked verbatim elsewhere) or linking
    the record that holds their facts, and that are not reviewed sentences about the site."""
    allowed = {flat(s) for where, s in reviewed if where == page}
    return [s for s, support in units(text) if WORLD.search(s) and flat(s) not in allowed
            and not QUOTATION.search(support) and not RECORD_LINK.search(support)]


@pytest.mark.parametrize("template", sorted(templates()))
def test_templates_make_no_claim_of_their_own(template: str) -> None:
    assert claims_of_its_own(template, templates()[template], TEMPLATE_SENTENCES) == []


@pytest.mark.parametrize("page", sorted(pages()))
def test_site_wording_makes_no_claim_of_its_own(page: str) -> None:
    """A sentence about the process on a hand-written page quotes its source or links the record."""
    text = pages()[page]
    # links are kept here (prose() drops their targets): a link to a record page names its support
    text = re.sub(r"^(```|~~~).*?^\1[ \t]*$", " ", text, flags=re.M | re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"<[^>\n]+>|\{[:#.][^}\n]*\}|\{ [.#][^}\n]*\}", " ", text)
    assert claims_of_its_own(page, text, PAGE_SENTENCES) == []


def test_the_reviewed_sentences_are_still_there() -> None:
    """A reviewed sentence that no longer exists is removed from the lists, not kept as a blank cheque."""
    written = {**{name: sentences(t) for name, t in templates().items()}}
    for name, text in pages().items():
        text = re.sub(r"^(```|~~~).*?^\1[ \t]*$", " ", text, flags=re.M | re.S)
        text = re.sub(r"`[^`\n]*`", " ", text)
        written[name] = sentences(re.sub(r"<[^>\n]+>|\{[:#.][^}\n]*\}|\{ [.#][^}\n]*\}", " ", text))
    stale = [(where, s) for where, s in TEMPLATE_SENTENCES | PAGE_SENTENCES
             if flat(s) not in {flat(w) for w in written.get(where, [])}]
    assert stale == []


# --- The sources carried whole ---------------------------------------------------------------------------

def checked_table(anchor: str) -> list[list[str]]:
    """The rows of the table under the heading with ``anchor`` in docs/checked.md, as cells."""
    page = (DOCS / "checked.md").read_text(encoding="utf-8")
    section = page.split(f"{{ #{anchor} }}", 1)[1].split("\n#", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row] for row in rows[2:]]


def record_quotations() -> dict[str, list[str]]:
    """Source id → every text of the record quoted from it: quotations, paragraphs, verbatim headings."""
    quoted: dict[str, list[str]] = {sid: [] for sid in SOURCE_TEXTS}
    items: list[object] = [*RECORD.citing_records(), *RECORD.sources.values()]
    for item in items:
        cites = [*getattr(item, "cites", ()), *(c for role in getattr(item, "roles", ()) for c in role.cites)]
        for cite in cites:
            if cite.quote and cite.source in quoted:
                quoted[cite.source].append(cite.quote)
    for document in RECORD.documents.values():
        for source in {c.source for c in document.cites if c.source in quoted}:
            quoted[source] += [t for t in (document.source_heading, document.operative_intro) if t]
            quoted[source] += [p.text for p in document.paragraphs]
    return quoted


# A quotation shorter than this covers no letter: a word such as a state's name proves nothing about
# the sentence it stands in.
SHORTEST_COVERING_QUOTE = 12


def uncovered(source: str) -> list[str]:
    text = SOURCE_TEXTS[source]
    flat_text = flat(text)
    covered = [False] * len(flat_text)
    left_out = [q for row in checked_table("left-out") for q in QUOTATION.findall(row[0])]
    spans = [q for q in record_quotations()[source] if len(q) >= SHORTEST_COVERING_QUOTE] + left_out
    for quote in spans:
        quote = flat(quote)
        start = flat_text.find(quote)
        while start >= 0:
            covered[start:start + len(quote)] = [True] * len(quote)
            start = flat_text.find(quote, start + 1)
    # what is left: runs of letters no quotation covers, less the numbers of the source's list items
    runs = re.findall(r"[^\x00]+", "".join("\x00" if c else ch for ch, c in zip(flat_text, covered, strict=True)))
    return [r.strip() for r in runs if r.strip() and not re.fullmatch(r"(\d+\.\s*)+", r.strip())]


@pytest.mark.parametrize("source", sorted(SOURCE_TEXTS))
def test_the_sources_are_carried_whole(source: str) -> None:
    """Every letter of each source text is quoted somewhere in the record, or listed as left out."""
    assert uncovered(source) == []


def test_what_is_left_out_is_in_a_source_and_quoted_nowhere_else() -> None:
    left_out = [q for row in checked_table("left-out") for q in QUOTATION.findall(row[0])]
    assert left_out, "docs/checked.md lists what is left out"
    quoted = [q for quotes in record_quotations().values() for q in quotes]
    for text in left_out:
        assert in_a_source(text), text
        assert not any(flat(text) in flat(q) for q in quoted), f"{text!r} is quoted in the record after all"


# --- Translation artefacts ---------------------------------------------------------------------------------

def test_translation_artefacts_are_explained_where_they_occur() -> None:
    """Wherever the record quotes an artefact, a note (or the role or description quoting it) names it."""
    artefacts = [QUOTATION.findall(row[0])[0] for row in checked_table("translation-artefacts")]
    assert "Khartoum Operation" in artefacts
    unexplained = []
    for wording in artefacts:
        assert in_a_source(wording), wording
        pattern = re.compile(rf"(?<![\w]){re.escape(wording)}(?![\w])")
        holders: list[tuple[str, list[str], list[str]]] = []  # (where, what quotes it, what explains it)
        for item in RECORD.citing_records():
            label = f"{type(item).__name__} '{getattr(item, 'id', '')}'"
            quoted = [c.quote or "" for c in getattr(item, "cites", ())]
            quoted += [*getattr(item, "names_in_record", ()), *getattr(item, "chair", ()), getattr(item, "title", "")]
            explained = [*getattr(item, "notes", ()), getattr(item, "description", None) or ""]
            holders.append((label, quoted, explained))
            for role in getattr(item, "roles", ()):
                holders.append((f"{label} role", [c.quote or "" for c in role.cites], [role.text]))
            for paragraph in getattr(item, "paragraphs", ()):
                holders.append((f"paragraph '{paragraph.id}'", [paragraph.text], list(paragraph.notes)))
        for source in RECORD.sources.values():
            holders.append((f"source '{source.id}'", [source.title], [source.note or ""]))
        for where, quoted, explained in holders:
            if any(pattern.search(q) for q in quoted) and \
                    not any(wording in q for e in explained for q in QUOTATION.findall(e)):
                unexplained.append((wording, where))
    assert unexplained == []


def test_about_names_the_artefacts_where_they_are() -> None:
    about = flat((DOCS / "about.md").read_text(encoding="utf-8"))
    assert "oddities included" not in about
    operation = about.index("“Khartoum Operation”")
    assert "not a paragraph of the declaration" in about[operation - 200:operation]


# --- Outside classifications ---------------------------------------------------------------------------

# UN M49, Overview table: the sub-regions of Africa, and the intermediate regions of Sub-Saharan Africa.
M49_SUBREGIONS_OF_AFRICA = {"Northern Africa", "Sub-Saharan Africa"}
M49_INTERMEDIATE_REGIONS = {"Eastern Africa", "Middle Africa", "Southern Africa", "Western Africa"}


def test_m49_levels_are_named_as_m49_names_them() -> None:
    subregions = model.choice_labels(model.MemberState, "subregion")
    intermediate = model.choice_labels(model.MemberState, "intermediate_region")
    assert set(subregions.values()) <= M49_SUBREGIONS_OF_AFRICA
    assert set(intermediate.values()) <= M49_INTERMEDIATE_REGIONS
    for state in RECORD.states.values():
        if state.intermediate_region is not None:  # M49 divides only Sub-Saharan Africa further
            assert state.subregion == "sub-saharan-africa", state.id
        if state.subregion == "sub-saharan-africa":
            assert state.intermediate_region is not None, state.id
        m49 = [c.locator or "" for c in state.cites if c.source == "un-m49"]
        if state.region == "african-state":
            assert len(m49) == 1, state.id
            assert f"Sub-region Name {subregions[state.subregion or '']}" in m49[0], state.id
            if state.intermediate_region:
                assert f"Intermediate Region Name {intermediate[state.intermediate_region]}" in m49[0], state.id
    for template in ("state.md.j2", "states_index.md.j2"):
        text = (TEMPLATES / template).read_text(encoding="utf-8")
        assert "Sub-region (UN M49)" in text
        assert "Intermediate region (UN M49)" in text
        assert "| Region |" not in text


def test_every_reference_names_its_edition_or_page() -> None:
    for source in RECORD.sources.values():
        if source.kind != "reference":
            continue
        assert source.url, source.id
        assert source.note, source.id
    assert "ISO 3166-1:2020" in RECORD.sources["iso-3166"].title
    assert "Region, Sub-region and Intermediate Region" in (RECORD.sources["un-m49"].note or "")
    assert "Overview" in RECORD.sources["un-m49"].title
    assert "priority domains" in (RECORD.sources["jvap"].note or "")
    assert "geopandas 0.14.4" in RECORD.sources["natural-earth"].title


# --- The map's convention ------------------------------------------------------------------------------

def _inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _drawn_in(point: tuple[float, float]) -> set[str]:
    shapes = json.loads((DATA / "geo" / "countries.geojson").read_text(encoding="utf-8"))["features"]
    found = set()
    for feature in shapes:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        if any(_inside(point, polygon[0]) for polygon in polygons):
            found.add(feature["properties"]["iso_a3"])
    return found


def test_the_map_note_is_true_of_the_map_data() -> None:
    """What the map note says of Natural Earth's shapes is what data/geo/countries.geojson draws."""
    note = RECORD.sources["natural-earth"].note or ""
    assert "Somaliland and Northern Cyprus are shapes of their own" in note
    assert _drawn_in((45.0, 9.5)) == {"SOL"}  # Hargeisa: Somaliland, not Somalia
    assert _drawn_in((33.5, 35.25)) == {"CYN"}  # north of Nicosia: Northern Cyprus, not Cyprus
    assert "draws Crimea with Ukraine" in note
    assert _drawn_in((34.1, 44.9)) == {"UKR"}  # Simferopol
    assert not any(s.iso3 in ("SOL", "CYN") for s in RECORD.states.values())


# --- The process itself ------------------------------------------------------------------------------

def test_the_process_record_opens_with_whole_sentences() -> None:
    """The home page shows the first two quotations of the Khartoum Process as its lead."""
    process = RECORD.instruments["khartoum-process"]
    for cite in process.cites[:2]:
        assert cite.quote is not None
        assert cite.quote[0].isupper(), cite.quote
        assert cite.quote.endswith("."), cite.quote
    assert "Khartoum Operation" in process.names_in_record


def test_the_site_description_quotes_the_announcement() -> None:
    description = flat(site_description())
    assert "between the EU" not in description
    assert "Horn and East of Africa" not in description
    quoted = QUOTATION.findall(description)
    assert quoted
    assert all(flat(q) in FLAT_SOURCES["announcement"] for q in quoted)


def test_the_checked_page_is_published_under_about() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    about = config.split("  - About:", 1)[1]
    assert "How this record was checked: checked.md" in about


def test_the_checked_page_names_only_tests_that_exist() -> None:
    """The audit table of docs/checked.md names the tests that check each class: they must exist."""
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", (DOCS / "checked.md").read_text(encoding="utf-8")))
    assert named
    defined = set()
    for module in (Path(__file__), Path(__file__).with_name("test_as_the_sources_say.py"),
                   ROOT / "tests" / "build" / "test_fidelity_site.py"):
        defined |= set(re.findall(r"^def (test_[a-z0-9_]+)\(", module.read_text(encoding="utf-8"), re.M))
    assert named - defined == set()
