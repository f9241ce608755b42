"""Withdrawing an entry: it leaves the lists, the counts and the map, and its address keeps answering with
what it was, when and why it was withdrawn, and where to go now; the inventory keeps it, marked."""

from __future__ import annotations

import json

import feedparser
import pytest
from helpers import DATA_DATE, DataCopy, markdown_html

from khartoum_site.outputs import pageset
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record.problems import DataError
from khartoum_site.site.gate import checked_record

KENYA = '''  withdrawn:
    date: 2026-11-30
    reason: An example for the tests.
    see: states/uganda
'''


@pytest.fixture(autouse=True)
def _no_git(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pageset, "data_date", lambda _data_dir: DATA_DATE)


def build(copy: DataCopy) -> PageSet:
    return pageset.make_page_set(checked_record(copy.data), copy.data, "Test", None)


def withdraw_kenya(copy: DataCopy) -> None:
    copy.replace("states.yml", "- id: kenya\n", "- id: kenya\n" + KENYA)
    copy.replace("documents/cairo-2025.yml", "        - kenya\n", "")  # no entry in the record names it now


def test_a_withdrawn_state_leaves_the_lists_and_its_page_says_why(data_copy: DataCopy) -> None:
    withdraw_kenya(data_copy)
    made = build(data_copy)
    page = markdown_html(made.pages["states/kenya.md"].markdown)
    assert page.h1 is not None
    assert page.h1.get_text().startswith("Kenya (withdrawn)")
    notice = page.select_one(".admonition.warning")
    assert notice is not None
    text = " ".join(notice.get_text().split())
    assert "taken out of the record on 30 November 2026" in text
    assert "The reason the editors give: An example for the tests." in text
    assert [a["href"] for a in notice.select("a")] == ["uganda.md"]
    listing = markdown_html(made.pages["states/index.md"].markdown)
    assert "kenya.md" not in {a.get("href") for a in listing.select("a")}
    assert "39 states" in listing.get_text() or "The 39 states" in listing.get_text()
    ids = json.loads(made.files["ids.json"])["ids"]
    assert ids["states/kenya"]["withdrawn"] == "2026-11-30"
    assert ids["states/kenya"]["title"] == "Kenya (withdrawn)"
    assert "Kenya" not in made.files["downloads/states.csv"].decode("utf-8-sig")


def test_an_entry_still_in_the_record_cannot_name_a_withdrawn_one(data_copy: DataCopy) -> None:
    data_copy.replace("states.yml", "- id: kenya\n", "- id: kenya\n" + KENYA)
    with pytest.raises(DataError) as caught:
        checked_record(data_copy.data)
    [problem] = [str(p) for p in caught.value.problems]
    assert problem.startswith("data/documents/cairo-2025.yml:")
    assert "state 'kenya' was withdrawn on 2026-11-30 (data/states.yml:" in problem
    assert problem.endswith("an entry still in the record cannot name it; name 'uganda' instead, or remove the "
                            "reference")


def test_a_withdrawal_must_send_readers_to_an_entry_still_in_the_record(data_copy: DataCopy) -> None:
    withdraw_kenya(data_copy)
    data_copy.replace("states.yml", "    see: states/uganda\n", "    see: states/ugnda\n")
    with pytest.raises(DataError, match=r"field 'withdrawn.see': 'states/ugnda' is not the key of an entry still "
                                        r"in the record; did you mean 'states/uganda'"):
        checked_record(data_copy.data)


def test_a_withdrawn_paragraph_keeps_its_page_and_its_anchor_on_the_full_text(data_copy: DataCopy) -> None:
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-17\n", "  - id: op-17\n" + KENYA.replace(
        "  ", "    ", 1).replace("\n    ", "\n      ").replace("see: states/uganda", "see: cairo-2025/op-16"))
    made = build(data_copy)  # the manifest still lists op-17: its page and its anchor are still served
    page = markdown_html(made.pages["documents/cairo-2025/op-17.md"].markdown)
    assert "Operative paragraph 17 of the Cairo Ministerial Declaration" in page.get_text()
    full = markdown_html(made.pages["documents/cairo-2025/index.md"].markdown)
    assert full.find(id="op-17") is not None
    withdrawn = full.find(id="withdrawn")
    assert withdrawn is not None
    assert withdrawn.get_text().startswith("Withdrawn paragraphs")
    assert len([h for h in full.select("h3") if str(h.get("id", "")).startswith("op-")]) == 16


def test_a_withdrawn_event_keeps_its_page_and_its_anchor_on_the_timeline(data_copy: DataCopy) -> None:
    data_copy.replace("events.yml", "- id: agenda-2063-adopted\n", "- id: agenda-2063-adopted\n" + KENYA.replace(
        "    see: states/uganda\n", "    see: events/rome-2014\n"))
    data_copy.replace("documents/cairo-2025.yml", ", agenda-2063-adopted", "")  # no entry names it now
    made = build(data_copy)
    notice = markdown_html(made.pages["events/agenda-2063-adopted.md"].markdown).get_text()
    assert "30 November 2026" in notice
    timeline = markdown_html(made.pages["timeline.md"].markdown)
    anchor = timeline.find(id="agenda-2063-adopted")
    assert anchor is not None
    assert "km-former-anchor" in str(anchor.get("class"))
    assert "taken out of the record on 30 November 2026" in timeline.get_text()
    items = [li for li in timeline.select("li") if "taken out of the record" in li.get_text()]
    assert [str(a["href"]) for li in items for a in li.select("a[href]")] == ["events/rome-2014.md"]


def test_a_withdrawal_s_reason_is_shown_as_text(data_copy: DataCopy) -> None:
    """The reason is the editor's words, whatever they hold: shown as typed, never as markup."""
    withdraw_kenya(data_copy)
    data_copy.replace("states.yml", "reason: An example for the tests.",
                      "reason: 'An <script>alert(1)</script> [x](javascript:alert(1)) example.'")
    page = markdown_html(build(data_copy).pages["states/kenya.md"].markdown)
    assert page.find("script") is None
    assert not [a for a in page.select("a[href]") if str(a["href"]).startswith("javascript:")]
    assert "An <script>alert(1)</script> [x](javascript:alert(1)) example." in " ".join(page.get_text().split())


def test_a_withdrawn_source_keeps_a_page_that_says_so(data_copy: DataCopy) -> None:
    """Found by an independent review: a withdrawn source (which cites nothing itself) stopped the build."""
    data_copy.replace("sources.yml", "- id: eeas\n", "- id: eeas\n" + KENYA.replace("    see: states/uganda\n", ""))
    text = (data_copy.data / "organisations.yml").read_text(encoding="utf-8")
    start = text.index("- id: eeas")
    block = text[start:text.find("\n- id:", start + 1)]
    # (the organisation cites the source no more, nor the acronym only that source gave it: a rule, BI3)
    (data_copy.data / "organisations.yml").write_text(text.replace(block, block.replace(
        "    - source: eeas\n", "").replace("source: eeas", "source: outcome-report").replace("  acronym: EEAS\n", "")),
        encoding="utf-8")
    made = build(data_copy)
    page = markdown_html(made.pages["sources/eeas.md"].markdown)
    assert "taken out of the record on 30 November 2026" in " ".join(page.get_text().split())
    # the anchor its heading had on the list of sources stays there (a published link lands), leading to that page
    listed = markdown_html(made.pages["sources/index.md"].markdown)
    kept = listed.find(id="source-eeas")
    assert kept is not None
    line = kept.find_next("li")
    assert line is not None
    assert [str(a["href"]) for a in line.select("a")] == ["eeas.md"]
    assert "taken out of the record on 30 November 2026" in " ".join(line.get_text().split())
    # the feed's entry of the withdrawal leads to that page, as it did when each source had a page
    (entry,) = [e for e in feedparser.parse(made.files["feed.xml"]).entries
                if e.title.startswith("Withdrawn from the record")]
    assert entry.link == "sources/eeas/"


def test_a_withdrawn_paragraph_that_was_renamed_keeps_its_old_links(data_copy: DataCopy) -> None:
    """Found by an independent review: a withdrawn paragraph with former_ids stopped the check with a traceback."""
    data_copy.replace("documents/cairo-2025.yml", "  - id: op-17\n", "  - id: op-18\n    former_ids: [op-17]\n"
                      + KENYA.replace("  ", "    ", 1).replace("\n    ", "\n      ").replace(
                          "see: states/uganda", "see: cairo-2025/op-16"))
    made = build(data_copy)
    assert "documents/cairo-2025/op-18.md" in made.pages
    assert json.loads(made.files["ids.json"])["former_ids"]["cairo-2025/op-17"] == "cairo-2025/op-18"


def test_the_paragraph_of_participants_cannot_be_withdrawn_while_named(data_copy: DataCopy) -> None:
    block = KENYA.replace("    see: states/uganda\n", "").replace("  ", "    ", 1).replace("\n    ", "\n      ")
    data_copy.replace("documents/cairo-2025.yml", "  - id: pp-1\n", "  - id: pp-1\n" + block)
    with pytest.raises(DataError, match="field 'participants_paragraph': paragraph 'pp-1' is withdrawn"):
        checked_record(data_copy.data)


def test_editors_files_in_the_documents_folder_are_ignored(data_copy: DataCopy) -> None:
    documents = data_copy.data / "documents"
    (documents / ".#cairo-2025.yml").symlink_to("editor@host.1:1")
    (documents / ".#cairo-action-plan.yml").write_text(
        (documents / "cairo-action-plan.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert set(checked_record(data_copy.data).documents) == {"cairo-2025", "cairo-action-plan"}
