"""Hostile text in every string field the schema declares, read back from every artefact as its consumer reads it.

The fields are found by walking ``schema.py``: a field added there is planted here without an edit.
Each field gets its own marker, so a leak names the field. The whole site is built and then read:
every page whole (head included), ``objects.inv`` through sphobjinv (as Sphinx reads it),
``ids.json``, each CSV through the csv module (as a spreadsheet splits it), Material's search index
(whose titles and texts the search box inserts as HTML), the redirect pages, and, in a real browser,
pages of every kind and a search for the payload.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sphobjinv as soi
import yaml
from bs4 import BeautifulSoup
from conftest import DataCopy, build_site, serve_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_plugin import project

from khartoum_site import fields, model, references, schema
from khartoum_site.validate import load_record

HOOK = "__pwned"


def payload(marker: str) -> str:
    """One line that tries every way out of every context we write to."""
    return (f'</title></textarea></script><script>{HOOK}("{marker}")</script>'
            f'<img src=x onerror={HOOK}("{marker}")>"\'><svg onload={HOOK}("{marker}")> '
            f'&lt;/title&gt;&lt;script&gt;{HOOK}("{marker}")&lt;/script&gt; '
            f'&#60;img src=x onerror={HOOK}("{marker}")&#62; '
            f'[x](javascript:{HOOK}("{marker}")) {{: onclick={HOOK}("{marker}") }} *{marker}* `{marker}` \\')


def string_fields(kind: fields.Kind[Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every free-text field under a record kind, as a path (``[]`` for a list's items)."""
    if isinstance(kind, fields.Obj):
        for name, spec in kind.fields.items():
            yield from string_fields(spec.kind, (*path, name))
    elif isinstance(kind, fields.FieldsOf):
        yield from string_fields(kind.obj, path)
    elif isinstance(kind, fields.ListOf):
        yield from string_fields(kind.item, (*path, "[]"))
    elif isinstance(kind, fields.Text) and kind.pattern is None:  # ids, codes, URLs and paths have patterns
        yield path


def kinds() -> dict[str, fields.Obj[Any]]:
    """Data file (under data/) → its record kind; a document file is one record."""
    found = {name: schema.KINDS[c.name] for name, c in schema.DATA_FILES.items()}
    found[f"{model.DOCUMENTS_DIR}/*.yml"] = schema.KINDS["documents"]
    return found


def plant_value(record: Any, path: tuple[str, ...], value: str) -> bool:
    """Put ``value`` at ``path`` in a loaded record; lists of records are entered at every item."""
    name, rest = path[0], path[1:]
    if not rest:
        record[name] = value
        return True
    if rest[0] == "[]":
        items = record.setdefault(name, [])
        if len(rest) == 1:
            items.append(value)
            return True
        return any([plant_value(item, rest[1:], value) for item in items])
    return plant_value(record.setdefault(name, {}), rest, value)


def plant(copy: DataCopy, make: Any = payload) -> dict[str, str]:
    """Plant a payload in every string field of every record; return marker → field."""
    planted: dict[str, str] = {}
    lines: list[str] = []
    for pattern, kind in kinds().items():
        for path in sorted(copy.data.glob(pattern)):
            records = yaml.safe_load(path.read_text(encoding="utf-8"))
            for field in string_fields(kind):
                marker = f"F{len(planted)}X"
                text = make(marker)
                targets = records if isinstance(records, list) else [records]
                if any([plant_value(r, field, text) for r in targets]):
                    planted[marker] = f"{path.name}:{'.'.join(field)}"
                    lines.append(text)
            path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=10_000),
                            encoding="utf-8")
    # Quotes and paragraphs must be verbatim in their source: the payloads are added to every source text.
    for seed in (copy.data / "seeds").glob("*.txt"):
        with seed.open("a", encoding="utf-8") as f:
            f.write("\n" + "\n".join(lines) + "\n")
    return planted


def test_every_declared_string_field_is_planted() -> None:
    """The walk finds the fields the schema declares, names and prose alike, nested ones included."""
    fields = {f"{name}:{'.'.join(path)}" for name, kind in kinds().items() for path in string_fields(kind)}
    for expected in ("states.yml:name", "states.yml:roles.[].text", "states.yml:cites.[].quote",
                     "organisations.yml:acronym", "events.yml:chair.[]", "events.yml:place",
                     "documents/*.yml:paragraphs.[].text", "documents/*.yml:paragraphs.[].title",
                     "documents/*.yml:title", "sources.yml:title", "instruments.yml:names_in_record.[]"):
        assert expected in fields
    assert "states.yml:iso2" not in fields
    assert "states.yml:id" not in fields
    assert len(fields) >= 35


def live_markup(soup: BeautifulSoup) -> list[str]:
    """What a browser would run or follow from a planted payload."""
    found = []
    for element in soup.find_all(True):
        if element.name == "script" and HOOK in (element.string or ""):
            found.append(f"<script>{(element.string or '')[:60]}")
        for attr, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on") and HOOK in text:
                found.append(f"<{element.name} {attr}={text[:40]}>")
            if attr in ("href", "src", "action", "xlink:href") and "".join(text.split()).lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                found.append(f"<{element.name} {attr}={text[:40]}>")
    return found


def page_titles(soup: BeautifulSoup) -> list[Any]:
    """The page's own <title> elements (a map's shapes have titles of their own, inside the SVG)."""
    return [t for t in soup.find_all("title") if t.find_parent("svg") is None]


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("planted")
    copy = DataCopy(root)
    project(copy)
    planted = plant(copy)
    # A hand-written page that previews a paragraph through a [[key]] reference.
    (root / "docs" / "previews.md").write_text("# Previews\n\nSee [[cairo-2025/op-1]] and [[states/egypt]].\n",
                                               encoding="utf-8")
    return build_site(root / "mkdocs.yml", root / "site"), planted


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


def test_the_head_shows_a_planted_name_as_text(planted_site: tuple[Path, dict[str, str]]) -> None:
    site, _ = planted_site
    soup = BeautifulSoup((site / "states" / "austria" / "index.html").read_text(encoding="utf-8"), "html.parser")
    title = soup.find("title")
    assert title is not None
    assert title.get_text().startswith('</title></textarea></script><script>__pwned("')
    assert title.get_text().endswith(" - The Khartoum Process record")
    assert soup.head is not None
    assert soup.head.find("script", string=re.compile(HOOK)) is None


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
    site, _ = planted_site
    ids = json.loads((site / "ids.json").read_text(encoding="utf-8"))["ids"]
    assert ids["states/austria"]["title"].startswith('</title></textarea></script><script>__pwned("')


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
    text = record.documents["cairo-2025"].paragraphs[0].text
    joined = " ".join(text.split())
    expected = joined if len(joined) <= references.PREVIEW_CHARS else None
    shown = str(link["title"])
    assert shown == expected if expected else shown.endswith("…") and " ".join(text.split()).startswith(shown[:-1])


def test_pages_run_no_payload_in_a_browser(planted_site: tuple[Path, dict[str, str]], browser: Any) -> None:
    site, _ = planted_site
    with serve_folder(site) as url:
        context = browser.new_context()
        context.add_init_script(f"window.__hits = []; window.{HOOK} = m => window.__hits.push(m);")
        tab = context.new_page()
        hits: list[str] = []
        for path in ("", "states/", "states/austria/", "organisations/igad/", "instruments/", "topics/",
                     "sources/outcome-report/", "documents/cairo-2025/", "documents/cairo-2025/pp-1/",
                     "timeline/", "downloads/", "previews/"):
            tab.goto(url + path)
            tab.wait_for_load_state("load")
            hits += tab.evaluate("window.__hits")
        box = tab.locator("input.md-search__input")
        box.click()
        box.press_sequentially("record", delay=30)  # a word of most pages: the results show planted titles
        tab.locator(".md-search-result__item").first.wait_for(timeout=15000)
        assert "__pwned" in tab.locator(".md-search-result").inner_text()  # shown as text
        tab.mouse.wheel(0, 5000)  # more results are rendered as the list scrolls
        tab.wait_for_timeout(500)
        hits += tab.evaluate("window.__hits")
        context.close()
    assert hits == []


PIECES = [*"<>&\"'`/\\()[]{}!#*_=:;-|~ ", "script", "onerror=", "img", "javascript:", "&lt;", "&#60;", "title", "é"]


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join).filter(lambda t: t.strip() != ""))
def test_any_text_in_every_field_stays_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """Hypothesis picks the text; every field gets it (with its marker); no page runs or follows it."""
    root = tmp_path_factory.mktemp("any")
    copy = DataCopy(root)
    project(copy)
    plant(copy, lambda marker: f"{marker} {text.strip()} {HOOK}")
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
