"""What a reader does with the record, in Chromium: filter the full text and share the filter, search
with a word variant, print a paragraph, read the full text on a phone (issue 10)."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from helpers import DATA, ROOT

from khartoum_site.record.validate import load_record

SCREENSHOTS = ROOT / "build" / "screenshots"
RECORD = load_record(DATA)
DECLARATION = RECORD.documents["cairo-2025"]
FULL_TEXT = "documents/cairo-2025/"


def shown_paragraphs(page: Any) -> list[str]:
    return [str(h) for h in page.eval_on_selector_all(
        ".km-paragraph h3", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)")]


def expected(topic: str | None = None, state: str | None = None, instrument: str | None = None) -> list[str]:
    return [p.id for p in DECLARATION.paragraphs
            if (topic is None or topic in p.topics) and (state is None or state in p.mentions.states)
            and (instrument is None or instrument in p.mentions.instruments)]


@pytest.mark.parametrize("query", [
    {"topic": "jvap-return-readmission-reintegration"},
    {"state": "egypt"},
    {"instrument": "rabat-process"},
    {"topic": "human-trafficking", "instrument": "global-alliance-migrant-smuggling"},
])
def test_a_filtered_full_text_url_shows_only_the_matching_paragraphs(page: Any, site_url: str,
                                                                    query: dict[str, str]) -> None:
    wanted = expected(**query)
    assert wanted, f"the record has no paragraph for {query}: the test would prove nothing"
    assert len(wanted) < len(DECLARATION.paragraphs)
    page.goto(site_url + FULL_TEXT + "?" + "&".join(f"{k}={quote(v)}" for k, v in query.items()))
    assert shown_paragraphs(page) == wanted
    status = page.locator(".km-filter-status").inner_text()
    assert status.startswith(f"{len(wanted)} of {len(DECLARATION.paragraphs)} paragraphs shown")


def test_a_filter_chosen_on_the_page_is_in_its_url_to_share(page: Any, site_url: str) -> None:
    page.goto(site_url + FULL_TEXT)
    assert len(shown_paragraphs(page)) == len(DECLARATION.paragraphs)
    page.locator("details.km-filter summary").click()
    page.locator('select[name="state"]').select_option("egypt")
    assert shown_paragraphs(page) == expected(state="egypt")
    shared = page.url
    assert shared.endswith("?state=egypt")
    page.goto(site_url)
    page.goto(shared)  # as the person it was sent to opens it
    assert shown_paragraphs(page) == expected(state="egypt")
    page.locator(".km-filter-form button[type=reset]").click()
    page.wait_for_function("document.querySelectorAll('.km-paragraph[hidden]').length === 0")
    assert "?" not in page.url


def test_a_filter_address_made_before_a_rename_selects_the_record_it_became(page: Any, site_url: str) -> None:
    used = {t for p in DECLARATION.paragraphs for t in p.topics}
    renamed = sorted((former, topic) for topic in used for former in RECORD.topics[topic].former_ids)
    assert renamed, "the record has no renamed topic: the test would prove nothing"
    for former, topic in renamed:
        page.goto(site_url + FULL_TEXT + "?topic=" + quote(former))
        assert shown_paragraphs(page) == expected(topic=topic)
        assert page.locator('select[name="topic"]').input_value() == topic
        assert page.url.endswith("?topic=" + quote(topic)), "the address is brought up to date"
        status = page.locator(".km-filter-status")
        assert status.is_visible()
        assert status.inner_text().startswith(f"{len(expected(topic=topic))} of {len(DECLARATION.paragraphs)}")


def test_a_filter_address_with_an_unknown_id_says_so(page: Any, site_url: str) -> None:
    assert "no-such-topic" not in RECORD.topics
    page.goto(site_url + FULL_TEXT + "?topic=no-such-topic&state=egypt")
    status = page.locator(".km-filter-status")
    assert status.is_visible(), "the reader sees the notice without opening anything"
    said = status.inner_text()
    assert "topic \u201cno-such-topic\u201d" in said
    assert "not applied" in said
    assert said.startswith(f"{len(expected(state='egypt'))} of {len(DECLARATION.paragraphs)} paragraphs shown")
    assert shown_paragraphs(page) == expected(state="egypt"), "the choices it knows still apply"
    assert "topic=no-such-topic" in page.url, "the address is left as it was shared"
    page.locator('select[name="state"]').select_option("")
    assert "no-such-topic" not in status.inner_text(), "a new choice of the reader's replaces the notice"


def test_the_full_text_lists_each_paragraph_with_its_title_in_its_contents(page: Any, site_url: str) -> None:
    page.goto(site_url + FULL_TEXT)
    labels = [t.strip() for t in page.locator(".md-sidebar--secondary .md-nav__link").all_inner_texts()]
    op12 = next(p for p in DECLARATION.paragraphs if p.id == "op-12")
    assert f"OP 12: {op12.title}" in labels


def test_search_for_a_word_variant_finds_the_paragraph_once(page: Any, site_url: str) -> None:
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("readmissions", delay=40)  # the paragraph says "readmission"
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    hrefs = [str(h) for h in page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")]
    op12 = [h for h in hrefs if "documents/cairo-2025/op-12/" in h]
    assert len(op12) == 1, hrefs
    assert not [h for h in hrefs if h.endswith("#op-12")], hrefs  # not again from the full text
    snippet = page.locator(".md-search-result__item", has=page.locator('a[href*="op-12/"]')).inner_text()
    assert "readmission" in snippet.lower()
    assert "Fact" not in snippet


SEARCH_RESULTS = """() => [...document.querySelectorAll(".md-search-result__item")].map(item => ({
    title: item.querySelector("h1, h2").textContent.trim(),
    marked: [...item.querySelectorAll("mark")].map(mark => mark.textContent.toLowerCase().replace(/[^a-z]/g, ""))}))"""


def test_search_ranks_the_word_as_typed_before_words_that_only_share_its_stem(page: Any, site_url: str,
                                                                               fixture_site: Path) -> None:
    """Issue 24: "states" is cut to "stat", which also finds "Statement"; that page ranked first."""
    docs = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    stem_only = [d["title"] for d in docs if re.search(r"\bstat(?!es\b)", d["title"], re.I)
                 and not re.search(r"\bstates\b", d["title"] + " " + d["text"], re.I)]
    assert stem_only, "no page has another word of the stem in its title: the test would prove nothing"
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("states", delay=40)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)  # the last key's results replace the earlier ones
    results = page.evaluate(SEARCH_RESULTS)  # the first the theme shows
    exact = ["states" in r["marked"] for r in results]
    print(f"{len(results)} results shown; with the word itself: {sum(exact)}; first: {results[0]['title']!r}")
    assert exact[0], f"the first result, {results[0]['title']!r}, does not have the word typed"
    assert exact == sorted(exact, reverse=True), [(r["title"], r["marked"][:6]) for r in results]


def test_no_map_name_or_table_heading_is_found_by_search(fixture_site: Path) -> None:
    import json

    docs = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert not [d["location"] for d in docs if "(EU member state)" in d["text"]]  # the map's tooltips
    assert not [d["location"] for d in docs if d["location"].startswith("topics/") and "Fact Value" in d["text"]]
    per_paragraph = {p.id: [d["location"] for d in docs if d["text"].startswith(f"<p>{p.text[:60]}")]
                     for p in DECLARATION.paragraphs}
    assert {pid: len(found) for pid, found in per_paragraph.items()} == {p.id: 1 for p in DECLARATION.paragraphs}


@pytest.mark.parametrize("paragraph", [p.id for p in DECLARATION.paragraphs])
def test_a_paragraph_prints_on_one_a4_page_saying_where_it_comes_from(page: Any, site_url: str,
                                                                      paragraph: str) -> None:
    address = f"{site_url}{FULL_TEXT}{paragraph}/"
    page.goto(address)
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    page.emulate_media(media="print")
    head = page.locator(".km-print-head")
    assert head.is_visible()
    today = datetime.date.today()
    assert head.inner_text().split("\n") == [
        "The Khartoum Process record", f"{address} · printed {today.day} {today:%B %Y}"]
    marker = page.evaluate("getComputedStyle(document.querySelector('p.paragraph-text'), '::before').content")
    assert marker == '"Text of record (verbatim)"'
    assert page.evaluate("getComputedStyle(document.querySelector('p.paragraph-text')).borderLeftStyle") == "solid"
    assert not page.locator(".km-cite-section").is_visible()


def test_on_a_phone_the_full_text_starts_with_its_paragraphs(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + FULL_TEXT)
    top = page.evaluate("document.querySelector('.km-paragraph').getBoundingClientRect().top")
    text_top = page.evaluate("document.querySelector('.km-paragraph .paragraph-text').getBoundingClientRect().top")
    context.close()
    print(f"full text at 390 px: first paragraph's heading at {top:.0f} px, its text from {text_top:.0f} px")
    assert text_top < 844 - 300  # the first screen shows a good part of the first paragraph (it was 1,398 px down)


@pytest.mark.parametrize("width", [1366, 390])
def test_screenshots_of_a_state_a_topic_and_the_filtered_full_text(browser: Any, site_url: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844})
    page = context.new_page()
    for name, url in (("state", "states/eritrea/"), ("topic", "topics/#topic-jvap-return-readmission-reintegration"),
                      ("full-text-filtered", FULL_TEXT + "?topic=jvap-return-readmission-reintegration")):
        page.goto(site_url + url)
        path = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=False)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    context.close()
