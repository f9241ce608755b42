"""Links into the record: the public inventory, [[references]], citations, and what renames keep working."""

from __future__ import annotations

import json
import posixpath
import subprocess
import sys
import textwrap
from pathlib import Path

import sphobjinv as soi
import yaml
from bs4 import BeautifulSoup
from helpers import DATA, DataCopy, heading, html, mkdocs, project, section

from khartoum_site.adapters.linkcheck import check_site


def lands_on(site: Path, url: str) -> tuple[BeautifulSoup, str, int]:
    """Follow a site-relative URL as a browser would, through redirect pages: (page, anchor, redirects)."""
    redirects = 0
    while True:
        path, _, anchor = url.partition("#")
        file = site / path / "index.html" if path == "" or path.endswith("/") else site / path
        assert file.is_file(), f"{url}: no such page"
        page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})
        if refresh is None:
            return page, anchor, redirects
        target = str(refresh["content"]).split("url=", 1)[1]
        joined = (Path(path) / target.split("#")[0]).as_posix()
        parts: list[str] = []
        for part in joined.split("/"):
            if part == "..":
                parts.pop()
            elif part not in ("", "."):
                parts.append(part)
        # the redirect page's script carries the original fragment over when its own target has none
        new_anchor = target.partition("#")[2] or anchor
        url = "/".join(parts) + "/" + (f"#{new_anchor}" if new_anchor else "")
        redirects += 1
        assert redirects < 5, f"redirect loop at {url}"


def event_heading(page: BeautifulSoup, anchor: str) -> str:
    target = page.find(id=anchor)
    assert target is not None, f"no anchor #{anchor}"
    found = target if target.name == "h3" else target.find_next("h3")
    assert found is not None
    return str(found.get_text())


def paragraph_at(page: BeautifulSoup, anchor: str) -> str:
    """The text of record a reader sees at a URL: the paragraph under the anchor, or the page's own."""
    if anchor:
        target = page.find(id=anchor)
        assert target is not None, f"no anchor #{anchor}"
        paragraph = target.find_next("p", class_="paragraph-text")
    else:
        paragraph = page.select_one("article p.paragraph-text")
    assert paragraph is not None
    return str(paragraph.get_text())


# --- the public inventory ---------------------------------------------------------------------------

def test_objects_inv_entries_all_land_on_existing_pages_and_anchors(fixture_site: Path) -> None:
    inventory = soi.Inventory(fname_zlib=str(fixture_site / "objects.inv"))
    assert inventory.project == "The Khartoum Process record"
    by_role: dict[str, int] = {}
    for obj in inventory.objects:
        by_role[obj.role] = by_role.get(obj.role, 0) + 1
        page, anchor, _ = lands_on(fixture_site, obj.uri_expanded)
        if anchor:
            assert page.find(id=anchor) is not None, obj.name
    labels = {o.name: o.uri_expanded for o in inventory.objects if o.role == "label"}
    assert labels["cairo-2025/op-12"] == "documents/cairo-2025/#op-12"
    assert labels["events/rome-2014"] == "timeline/#rome-2014"
    # every record has its page (events too, since they have pages); paragraphs and events also have anchors;
    # the one former id (a topic merged into another) leads to the heading of the topic it became; each of the 8
    # sources and 16 topics (and the former topic id), headings on their lists, is a doc (the page it had) and a
    # label, both at the heading
    assert by_role == {"doc": 125, "label": 63}
    assert docs_and_labels(inventory, "sources/announcement") == {"sources/#source-announcement"}
    assert docs_and_labels(inventory, "topics/return-reintegration") == docs_and_labels(
        inventory, "topics/jvap-return-readmission-reintegration") == {
        "topics/#topic-jvap-return-readmission-reintegration"}


def docs_and_labels(inventory: soi.Inventory, key: str) -> set[str]:
    """Where the inventory's entries of a key lead, whatever their role."""
    return {o.uri_expanded for o in inventory.objects if o.name == key}


def test_ids_json_matches_the_pages(fixture_site: Path) -> None:
    published = json.loads((fixture_site / "ids.json").read_text(encoding="utf-8"))
    ids = published["ids"]
    assert ids["cairo-2025/op-12"] == {
        "url": "documents/cairo-2025/op-12/", "anchor": "documents/cairo-2025/#op-12",
        "title": "Cairo Ministerial Declaration, OP 12: Return, readmission and reintegration",
        "kind": "paragraph", "document": "cairo-2025"}
    kinds: dict[str, int] = {}
    for key, info in ids.items():
        if "current" not in info:  # a former id: counted under the record it became
            kinds[info["kind"]] = kinds.get(info["kind"], 0) + 1
        page, anchor, redirects = lands_on(fixture_site, info["url"])
        assert redirects == 0
        if info["kind"] == "paragraph":
            assert paragraph_at(page, "") == paragraph_at(lands_on(fixture_site, info["anchor"])[0],
                                                          info["anchor"].split("#")[1]), key
        elif anchor:
            assert page.find(id=anchor) is not None
    assert kinds == {"state": 40, "organisation": 8, "instrument": 12, "topic": 16, "event": 10, "source": 8,
                     "document": 2, "paragraph": 28}
    assert {key: info["current"] for key, info in ids.items() if "current" in info} == published["former_ids"]


def test_a_sphinx_site_links_to_a_paragraph_through_the_inventory(fixture_site: Path, tmp_path: Path) -> None:
    source = tmp_path / "other-site"
    source.mkdir()
    (source / "conf.py").write_text(textwrap.dedent(f"""
        project = "A policy paper"
        extensions = ["sphinx.ext.intersphinx"]
        intersphinx_mapping = {{"khartoum": ("https://record.example/", {str(fixture_site / "objects.inv")!r})}}
        intersphinx_disabled_reftypes = []
    """), encoding="utf-8")
    (source / "index.rst").write_text(textwrap.dedent("""
        A policy paper
        ==============

        Returns are the subject of :ref:`khartoum:cairo-2025/op-12`, also on its
        :doc:`own page <khartoum:cairo-2025/op-12>`; the process began at :ref:`khartoum:events/rome-2014`.
        A link made before a topic was merged into another: :doc:`khartoum:topics/return-reintegration`.
    """), encoding="utf-8")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-W", "-q", "-E", str(source), str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = [str(a["href"]) for a in page.select("a.reference.external")]
    assert hrefs == ["https://record.example/documents/cairo-2025/#op-12",
                     "https://record.example/documents/cairo-2025/op-12/",
                     "https://record.example/timeline/#rome-2014",
                     "https://record.example/topics/#topic-jvap-return-readmission-reintegration"]
    first = page.select_one("a.reference.external")
    assert first is not None
    assert first.get_text() == "Cairo Ministerial Declaration, OP 12: Return, readmission and reintegration"
    for href in hrefs:
        landed, anchor, _ = lands_on(fixture_site, href.removeprefix("https://record.example/"))
        if "op-12" in href:
            assert paragraph_at(landed, anchor).startswith("Highlighting the importance of strengthening cooperation")
    merged = page.select("a.reference.external")[-1]
    landed, anchor, redirects = lands_on(fixture_site, str(merged["href"]).removeprefix("https://record.example/"))
    assert redirects == 0, "the former key leads to the current topic's heading itself"
    at = landed.find(id=anchor)
    assert at is not None
    assert merged.get_text() == heading(at), "named by the topic's current title"


# --- topics: headings on the list of topics ------------------------------------------------------------

def test_a_topic_s_old_address_and_a_paragraph_s_link_to_it_land_on_its_heading(fixture_site: Path) -> None:
    """A link made to a topic's page before the topic became a heading on the list of topics (``topics/<id>/``,
    or the page of an id it had before), and the link to a topic on a paragraph's page, land on the topic's
    heading on ``topics/``, whose part of the list links the paragraph back."""
    topics = yaml.safe_load((DATA / "topics.yml").read_text(encoding="utf-8"))
    for topic in topics:
        for old in (topic["id"], *topic.get("former_ids", ())):
            landed, anchor, redirects = lands_on(fixture_site, f"topics/{old}/")
            assert (redirects, anchor) == (1, f"topic-{topic['id']}"), old
            at = landed.find(id=anchor)
            assert at is not None, old
            assert at.name == "h3", old
            assert heading(at) == topic["name"]
    assert any(topic.get("former_ids") for topic in topics), "no former topic id: the test would prove less"

    names = {topic["id"]: topic["name"] for topic in topics}
    document = yaml.safe_load((DATA / "documents" / "cairo-2025.yml").read_text(encoding="utf-8"))
    followed = 0
    for paragraph in document["paragraphs"]:
        url = f"documents/cairo-2025/{paragraph['id']}/"
        page = html(fixture_site, url)
        to_topics = {str(a["href"]): a.get_text() for a in page.select("article a[href*='topics/']")}
        landed_on = {}
        for href, label in to_topics.items():
            target = posixpath.normpath(posixpath.join(url, href.partition("#")[0])) + "/#" + href.partition("#")[2]
            landed, anchor, redirects = lands_on(fixture_site, target)
            assert redirects == 0, href  # straight to the heading, not through the old page
            shown = section(landed, anchor)
            at = shown.find(id=anchor)
            assert at is not None, href
            assert heading(at) == names[anchor.removeprefix("topic-")] == label, href
            back = {posixpath.normpath(posixpath.join("topics/", str(a["href"]))) + "/"
                    for a in shown.select("a[href]")}
            assert url in back, (href, "the topic's part of the list links the paragraph back")
            landed_on[anchor.removeprefix("topic-")] = href
        assert set(landed_on) == set(paragraph.get("topics", ())), url
        followed += len(landed_on)
    assert followed > 20


# --- [[references]] in hand-written pages --------------------------------------------------------------

def test_references_become_links_with_number_title_and_preview(fixture_site: Path) -> None:
    page = html(fixture_site, "cite/")
    link = page.select_one('article a.km-ref[href="../documents/cairo-2025/op-12/"]')
    assert link is not None
    assert link.get_text() == "Cairo Ministerial Declaration, OP 12: Return, readmission and reintegration"
    assert str(link["title"]).startswith("Highlighting the importance of strengthening cooperation on safe")
    custom = page.select_one('article a.km-ref[href="../documents/cairo-2025/pp-1/"]')
    assert custom is not None
    assert custom.get_text() == "the participants"
    shown_as_code = [c.get_text() for c in page.select("article code")]
    assert "[[cairo-2025/op-12]]" in shown_as_code


def test_an_unknown_reference_fails_the_strict_build_with_line_and_suggestion(data_copy: DataCopy) -> None:
    root = project(data_copy)
    (root / "docs" / "about.md").write_text(
        "---\ntitle: About\n---\n# About\n\nSee [[cairo-2025/op-12]].\n\nAnd [[cairo-2025/op-99]].\n",
        encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert "docs/about.md:8: unknown reference [[cairo-2025/op-99]]. Did you mean [[cairo-2025/op-9]]" \
        in result.stderr
    assert "Aborted with 1 warnings in strict mode" in result.stdout + result.stderr


# --- citations ---------------------------------------------------------------------------------------

def test_each_paragraph_page_offers_a_citation(fixture_site: Path) -> None:
    page = html(fixture_site, "documents/cairo-2025/op-12/")
    assert page.find(id="cite") is not None
    blocks = {str(block["data-km-style"]): block.get_text() for block in page.select("article .km-cite")}
    url, plain, markdown, csl = (blocks[style] for style in ("url", "plain", "markdown", "csl"))
    assert url.strip() == "/documents/cairo-2025/op-12/"
    assert plain.strip().startswith("Khartoum Process. Cairo Ministerial Declaration, operative paragraph 12 (Cairo, "
                                    "9 April 2025).")  # issued_by, as the outcome report's headline names it
    assert "Egypt Daily News" in plain
    assert markdown.strip() == "Khartoum Process, [Cairo Ministerial Declaration, OP 12](/documents/cairo-2025/op-12/)"
    record = json.loads(csl)
    assert record["id"] == "cairo-2025/op-12"
    assert record["type"] == "document"
    assert record["issued"] == {"date-parts": [[2025, 4, 9]]}
    assert record["event-place"] == "Cairo"


# --- renames -------------------------------------------------------------------------------------

def test_renamed_ids_keep_every_published_url_and_anchor(data_copy: DataCopy) -> None:
    root = project(data_copy)
    before = root / "before"
    assert mkdocs(root, "build", "--strict", "-d", str(before)).returncode == 0
    published = json.loads((data_copy.data / "published.json").read_text(encoding="utf-8"))["ids"]

    data_copy.rename("documents/cairo-2025.yml", "op-12", "op-12-return")
    data_copy.rename("states.yml", "czech-republic", "czechia")
    data_copy.rename("events.yml", "rome-2014", "rome-conference-2014")
    data_copy.rename("instruments.yml", "rabat-process", "rabat-process-dialogue")
    after = root / "after"
    result = mkdocs(root, "build", "--strict", "-d", str(after))
    assert result.returncode == 0, result.stderr
    assert check_site(after)[1] == []

    followed = redirected = 0
    for info in published.values():
        for url in info["urls"]:
            old_page, old_anchor, _ = lands_on(before, url)
            new_page, new_anchor, hops = lands_on(after, url)
            followed += 1
            redirected += hops > 0
            if info["kind"] == "paragraph":
                assert paragraph_at(new_page, new_anchor) == paragraph_at(old_page, old_anchor), url
            elif new_anchor:  # an event: the heading at or just after the anchor is the same event
                assert event_heading(new_page, new_anchor) == event_heading(old_page, old_anchor), url
            else:
                assert heading(new_page) == heading(old_page), url
    assert followed == 177  # 153, and the heading of each of the 8 sources and 16 topics on their lists
    # redirect pages: the old pages of op-12, czech-republic and rabat-process, and of the topic merged into
    # another before this test renames anything (return-reintegration), and the 8 pages the sources and the 16
    # the topics had before they became headings on their lists; the old anchors #op-12 (full text) and
    # #rome-2014 (timeline) are kept in place on the pages themselves
    assert redirected == 28
