"""The whole site built through the user's command (``khartoum-site build``) with a site address, read as
search engines, link previews, reference managers and feed readers read it: every page has a description of
its own, OpenGraph and Twitter card tags, a link to the feed and the date of its data; the feed it links
parses. The same tags page by page, in-process: tests/artefacts/test_found_and_cited.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import extruct
import feedparser
import pytest
from bs4 import BeautifulSoup
from helpers import DataCopy, html, project

from khartoum_site.record.validate import load_record

SITE_URL = "https://example.org/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(DataCopy(tmp_path_factory.mktemp("found")))
    # the site's address as the README gives it, in SITE_URL (mkdocs.yml reads it with !ENV)
    result = subprocess.run([sys.executable, "-m", "khartoum_site", "build"], cwd=root, capture_output=True,
                            text=True, timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                                         "SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every page a reader can land on: not the redirects of former ids, not the 404 page."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if path.name == "404.html" or soup.find("meta", attrs={"http-equiv": "refresh"}) is not None:
            continue
        found[path.relative_to(site).as_posix()] = soup
    return found


def content(soup: BeautifulSoup, **attrs: str) -> str:
    tag = soup.find("meta", attrs=dict(attrs))
    assert tag is not None, attrs
    return str(tag["content"])


def test_every_page_has_a_description_of_its_own(site: Path) -> None:
    by_description: dict[str, list[str]] = defaultdict(list)
    for path, soup in pages(site).items():
        by_description[content(soup, name="description")].append(path)
    assert len(by_description) > 100
    assert {d: p for d, p in by_description.items() if len(p) > 1} == {}


def test_every_page_previews_and_links_the_feed(site: Path) -> None:
    for path, soup in pages(site).items():
        assert content(soup, property="og:title"), path
        assert content(soup, property="og:description") == content(soup, name="description"), path
        assert content(soup, property="og:site_name") == "The Khartoum Process record", path
        assert content(soup, property="og:url") == SITE_URL + path.removesuffix("index.html"), path
        assert content(soup, name="twitter:card") == "summary", path
        # X reads og:title and og:description where twitter:title and twitter:description are absent
        assert soup.find("meta", attrs={"name": "twitter:description"}) is None, path
        feed = soup.find("link", rel="alternate", type="application/atom+xml")
        assert feed is not None, path
        assert (site / path).parent.joinpath(str(feed["href"])).resolve() == (site / "feed.xml").resolve(), path
        as_at = soup.select_one("article p.km-as-at time")
        assert as_at is not None, path


def test_the_pages_read_as_what_they_are(site: Path) -> None:
    kinds = {}
    for url in ("documents/cairo-2025/op-12/", "documents/cairo-2025/", "states/egypt/", "organisations/iom/",
                "timeline/"):
        text = (site / url / "index.html").read_text(encoding="utf-8")
        found = extruct.extract(text, base_url=SITE_URL + url, syntaxes=["opengraph", "json-ld"], uniform=True)
        (og,) = found["opengraph"]
        assert og["og:url"] == SITE_URL + url
        (structured,) = found["json-ld"]
        kinds[url] = structured.get("@type") or sorted({e["@type"] for e in structured["@graph"]})
    assert kinds == {"documents/cairo-2025/op-12/": "Legislation", "documents/cairo-2025/": "Legislation",
                     "states/egypt/": "Country", "organisations/iom/": "GovernmentOrganization",
                     "timeline/": ["Event"]}


def test_a_paragraph_page_is_an_item_for_reference_managers(site: Path) -> None:
    soup = html(site, "documents/cairo-2025/op-12/")
    tags = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})
            if str(m["name"]).startswith("citation_")}
    assert tags == {"citation_title": "Cairo Ministerial Declaration, operative paragraph 12",
                    "citation_publication_date": "2025/04/09",
                    "citation_date": "2025/04/09",
                    "citation_public_url": f"{SITE_URL}documents/cairo-2025/op-12/"}


def test_the_feed_parses_with_absolute_links_into_the_site(site: Path) -> None:
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.links[-1].href == f"{SITE_URL}feed.xml"  # rel=self
    assert feed.entries
    for entry in feed.entries:
        assert entry.id == entry.link
        page, _, anchor = entry.link.removeprefix(SITE_URL).partition("#")
        assert html(site, page).find(id=anchor) is not None if anchor else html(site, page).find("h1"), entry.link


def test_search_reads_each_summary_once_and_leaves_out_what_repeats_it(site: Path) -> None:
    """Search reads a state's summary of its membership, chairs and seats, and each source at its heading on the
    list of sources (found by its title and facts); it leaves out the sections that repeat them in detail (a
    statement, a seat, a term, a page's list of its sources, a source's list of what cites it, what the record
    does not say, a meeting's entry on the timeline), which made a third of the index a reader's browser loads
    on every page, and buried a state's page under the pages citing its sources."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    record = load_record(site.parent / "data")
    for state in record.states:
        assert f"states/{state}/" in locations, state
        assert f"states/{state}/#membership" in locations, state
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for source in record.sources.values():
        found = by_location[f"sources/#source-{source.id}"]
        assert BeautifulSoup(found["title"], "html.parser").get_text() == source.title, source.id
        if source.publisher:
            assert source.publisher in found["text"], source.id
        # what cites it is not read: its lists (the only lists at a source's heading) are not in the index
        assert "<li>" not in found["text"], source.id
        assert "Cited by" not in found["text"], source.id
    for event in record.events:  # found on its own page, not again on the timeline
        assert f"events/{event}/" in locations, event
        assert f"timeline/#{event}" not in locations, event
    repeated = re.compile(r"#(membership-|seat-|term-|sources$|cited-by$|not-in-the-record$)")
    assert sorted(loc for loc in locations if repeated.search(loc)) == []
