"""Hostile text in every string field the schema declares, read back from every artefact as its consumer reads it.

The payloads are planted by ``planted.py`` (each field its own marker, so a leak names the field), and
the whole site is built and then read: every page whole (head included), ``objects.inv`` through
sphobjinv (as Sphinx reads it), ``ids.json``, each CSV through the csv module (as a spreadsheet splits
it), Material's search index (whose titles and texts the search box inserts as HTML), the redirect
pages. The same site in a real browser: tests/browser/test_planted_site.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import extruct
import feedparser
import pytest
import sphobjinv as soi
from bs4 import BeautifulSoup
from helpers import HOOK, DataCopy, build_site, live_markup, page_titles, payload, plant, project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khartoum_site.record.validate import load_record
from khartoum_site.site import references


def test_no_page_runs_or_follows_a_payload(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, planted = planted_site
    leaks = []
    seen: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "html.parser")
        leaks += [f"{page.relative_to(site)}: {leak}" for leak in live_markup(soup)]
        assert len(page_titles(soup)) == 1, page  # a second <title> means the head was broken out of
        seen.update(re.findall(r"F\d+X", text))
    assert leaks == []
    # Fields no page shows (a role's citations, the heading of a text not in the record) are in the JSON.
    seen.update(re.findall(r"F\d+X", (site / "downloads" / "khartoum-process-record.json").read_text("utf-8")))
    # Every planted field shows somewhere (as text): the check above did look at it.
    assert set(planted) - seen == set(), [planted[m] for m in set(planted) - seen]


def planted_in(planted: dict[str, str], field: str) -> str:
    """The payload planted in a field, such as ``states.yml:name``."""
    return payload(next(marker for marker, where in planted.items() if where == field))


def test_the_head_shows_a_planted_name_as_text(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, planted = planted_site
    soup = BeautifulSoup((site / "states" / "austria" / "index.html").read_text(encoding="utf-8"), "html.parser")
    title = soup.find("title")
    assert title is not None
    assert title.get_text() == f"{planted_in(planted, 'states.yml:name')} - The Khartoum Process record"
    assert soup.head is not None
    # The name is in the head's JSON-LD too: as data only, in a script element no browser runs, whole
    for script in soup.head.find_all("script", string=re.compile(HOOK)):
        assert script["type"] == "application/ld+json"
        assert json.loads(str(script.string))["name"] == planted_in(planted, "states.yml:name")
    assert live_markup(soup) == []


def test_the_inventory_has_one_entry_per_target(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = planted_site
    inventory = soi.Inventory(str(site / "objects.inv"))
    names = [obj.name for obj in inventory.objects]
    keys = json.loads((site / "ids.json").read_text(encoding="utf-8"))["ids"]
    assert set(names) == set(keys)  # nothing forged: every name is a key of the record
    for obj in inventory.objects:
        assert "\n" not in obj.dispname
        assert obj.uri in (keys[obj.name]["url"], keys[obj.name]["anchor"])
        assert obj.dispname.startswith(keys[obj.name]["title"][:20].split("\n")[0])


def test_ids_json_gives_titles_exactly(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, planted = planted_site
    ids = json.loads((site / "ids.json").read_text(encoding="utf-8"))["ids"]
    assert ids["states/austria"]["title"] == planted_in(planted, "states.yml:name")


def test_each_csv_keeps_its_shape(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = planted_site
    for path in sorted((site / "downloads").glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        header = rows[0]
        assert all(len(row) == len(header) for row in rows), path.name
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), (path.name, cell[:30])
                assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", cell), (path.name, cell[:30])


def test_the_search_index_holds_no_markup_from_the_data(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = planted_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            soup = BeautifulSoup(doc[key], "html.parser")  # the search box inserts these as HTML
            assert live_markup(soup) == [], (doc["location"], key)
            assert soup.find(["script", "img", "svg", "iframe", "textarea"]) is None, (doc["location"], key)


def test_a_preview_shows_the_paragraph_as_text(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = planted_site
    soup = BeautifulSoup((site / "previews" / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("a.km-ref")
    assert link is not None
    assert link.get("title")
    record = load_record(site.parent / "data")
    text = next(p for p in record.documents["cairo-2025"].paragraphs if p.id == "op-1").text  # the page's reference
    joined = " ".join(text.split())
    expected = joined if len(joined) <= references.PREVIEW_CHARS else None
    shown = str(link["title"])
    assert shown == expected if expected else shown.endswith("…") and " ".join(text.split()).startswith(shown[:-1])


PIECES = [*"<>&\"'`/\\()[]{}!#*_=:;-|~ ", "script", "onerror=", "img", "javascript:", "&lt;", "&#60;", "title", "é"]


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join).filter(lambda t: t.strip() != ""))
def test_any_text_in_every_field_stays_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """Hypothesis picks the text; every field gets it (with its marker); no page runs or follows it."""
    root = tmp_path_factory.mktemp("any")
    copy = DataCopy(root)
    project(copy)
    plant(copy.data, lambda marker: f"{marker} {text.strip()} {HOOK}")
    site = build_site(root / "mkdocs.yml", root / "site")
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert live_markup(soup) == [], page
        assert len(page_titles(soup)) == 1, page
    names = {obj.name for obj in soi.Inventory(str(site / "objects.inv")).objects}
    assert names == set(json.loads((site / "ids.json").read_text(encoding="utf-8"))["ids"])
    shutil.rmtree(root)


def test_a_data_file_name_stays_inside_the_edit_link(tmp_path: Path) -> None:
    copy = DataCopy(tmp_path)
    root = project(copy)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace(
        "      data_dir: data\n",
        "      data_dir: data\n      edit_url: https://example.org/edit/main/{path}#L{line}\n"), encoding="utf-8")
    plan = (copy.data / "documents" / "cairo-action-plan.yml").read_text(encoding="utf-8")
    name = "\"><img src=x onerror=__pwned(1)> x'.yml"
    (copy.data / "documents" / name).write_text(plan.replace("id: cairo-action-plan", "id: other-plan"),
                                                 encoding="utf-8")
    site = build_site(root / "mkdocs.yml", root / "site")
    soup = BeautifulSoup((site / "documents" / "other-plan" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert live_markup(soup) == []
    edit = soup.select_one('a[title="Edit this page"]') or soup.select_one("a.md-content__button")
    assert edit is not None
    assert edit["href"] == ("https://example.org/edit/main/data/documents/"
                            "%22%3E%3Cimg%20src%3Dx%20onerror%3D__pwned%281%29%3E%20x%27.yml#L4")


def planted_field(planted: dict[str, str], prefix: str) -> str:
    """The payload planted in the field whose name starts with ``prefix`` (``cairo-2025.yml:issued_by``)."""
    return payload(next(marker for marker, where in planted.items() if where.startswith(prefix)))


def test_the_head_tags_give_planted_text_exactly(planted_site: tuple[Path, dict[str, str]]) -> None:
    """OpenGraph, the citation_* tags and JSON-LD read back as the planted text, as their readers read them."""
    site, planted = planted_site
    text = (site / "documents" / "cairo-2025" / "op-1" / "index.html").read_text(encoding="utf-8")
    found = extruct.extract(text, base_url="https://example.org/documents/cairo-2025/op-1/",
                            syntaxes=["opengraph", "json-ld"], uniform=True)
    title = planted_field(planted, "cairo-2025.yml:paragraphs.[].title")
    (legislation,) = found["json-ld"]
    assert legislation["alternateName"] == " ".join(title.split())
    issuers = [a["name"] for a in legislation["author"]]
    assert planted_field(planted, "cairo-2025.yml:issued_by") in issuers
    (og,) = found["opengraph"]
    document_title = " ".join(planted_field(planted, "cairo-2025.yml:title").split())
    assert og["og:description"].startswith(document_title[:150])  # the description begins with its document
    soup = BeautifulSoup(text, "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"] == og["og:description"]  # type: ignore[index]
    # the issuers are bodies, which citation_author would give Zotero as persons' names (an attack's BM4)
    assert soup.find_all("meta", attrs={"name": "citation_author"}) == []


def test_the_feed_gives_planted_text_exactly(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, planted = planted_site
    feed = feedparser.parse((site / "feed.xml").read_bytes(), sanitize_html=False)
    assert not feed.bozo, feed.get("bozo_exception")
    description = " ".join(planted_field(planted, "events.yml:description").split())
    assert {entry.summary for entry in feed.entries} == {description}
