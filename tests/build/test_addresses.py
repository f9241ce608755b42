"""The site published at any address, through the README's command (`khartoum-site build`) with the
address given as the README says (SITE_URL): at a domain root, under a path (a GitHub Pages project
site), and with none. Each build is served as its host serves it and crawled: every link followed,
every anchor looked for. Also what crawlers and the browser are given: robots.txt, the sitemap, and
only the files a page uses."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.robotparser import RobotFileParser

import pytest
from bs4 import BeautifulSoup
from helpers import DataCopy, crawl, html, project, serve_folder

from khartoum_site.adapters.trim import search_language_files

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PARAGRAPH = "documents/cairo-2025/op-12/"


@dataclass(frozen=True)
class Address:
    site_url: str | None  # as SITE_URL gives it (without the slash MkDocs adds)
    served_at: str  # the path the test server serves the site under

    @property
    def public(self) -> str | None:
        return self.site_url.rstrip("/") + "/" if self.site_url else None


ADDRESSES = {
    "root": Address("https://record.example/", "/"),
    "path": Address("https://owner.example/khartoum", "/khartoum/"),
    # No address: the pages link relatively, so any folder of any server will do.
    "unset": Address(None, "/any/folder/"),
}


@dataclass(frozen=True)
class Published:
    address: Address
    site: Path
    stdout: str


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Published]:
    """The real project built through the command, once per address, when a test first asks for it."""
    built: dict[str, Published] = {}

    def get(name: str) -> Published:
        if name not in built:
            address = ADDRESSES[name]
            root = tmp_path_factory.mktemp(name)
            project(DataCopy(root))
            env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                   **({"SITE_URL": address.site_url} if address.site_url else {})}
            result = subprocess.run([sys.executable, "-m", "khartoum_site.adapters.cli", "build"], cwd=root,
                                    capture_output=True, text=True, timeout=300, env=env)
            assert result.returncode == 0, result.stderr
            assert ", 0 broken." in result.stdout
            built[name] = Published(address, root / "site", result.stdout)
        return built[name]

    return get


def pages_of(site: Path) -> set[str]:
    """Every page a reader can be linked to: each HTML file but the 404 page and the redirects of former ids."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if p.name != "404.html" and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")}


def as_served(page: str) -> str:
    return page.removesuffix("index.html")


@pytest.mark.parametrize("name", list(ADDRESSES))
def test_served_where_it_is_published_every_link_leads_to_a_page_or_file_of_the_site(
        name: str, published: Callable[[str], Published]) -> None:
    built = published(name)
    with serve_folder(built.site, prefix=built.address.served_at) as root:
        starts = [root]
        if built.address.public:  # the 404 page links from the site's address: right only where it is published
            starts.append(root + "404.html")
        found = crawl(root, *starts)
    assert found.broken == []
    assert {root + as_served(page) for page in pages_of(built.site)} <= found.pages  # every page reached
    assert len(found.reached) > len(found.pages)  # and the stylesheets, scripts and images they use


def test_without_an_address_only_the_404_page_links_from_the_site_root(published: Callable[[str], Published]) -> None:
    site = published("unset").site
    rooted = {}
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [str(tag.get("href") or tag.get("src")) for tag in soup.find_all(["a", "link", "script", "img"])]
        rooted[page.relative_to(site).as_posix()] = [link for link in links if link.startswith("/")]
    assert rooted.pop("404.html"), "MkDocs writes the 404 page's links from the root when site_url is unset"
    assert {page: links for page, links in rooted.items() if links} == {}


@pytest.mark.parametrize("name", list(ADDRESSES))
def test_the_citation_says_where_its_address_comes_from(name: str, published: Callable[[str], Published]) -> None:
    built = published(name)
    page = html(built.site, PARAGRAPH)
    url = page.select_one('.km-cite[data-km-style="url"] code')
    assert url is not None
    notes = [note.get_text(" ", strip=True) for note in page.select(".km-cite-address")]
    if built.address.public:
        assert url.get_text().strip() == built.address.public + PARAGRAPH
        assert notes == []
    else:
        assert url.get_text().strip() == "/" + PARAGRAPH  # until the script puts in the browser's address
        assert notes == ["This copy of the site was built without its public address, so these citations take "
                         "the address your browser is on."]


@pytest.mark.parametrize("name", list(ADDRESSES))
def test_robots_txt_and_the_sitemap_tell_crawlers_every_page(name: str, published: Callable[[str], Published]) -> None:
    built = published(name)
    robots = RobotFileParser()
    robots.parse((built.site / "robots.txt").read_text(encoding="utf-8").splitlines())
    locs = [loc.text or "" for loc in ET.parse(built.site / "sitemap.xml").getroot().iter(f"{SITEMAP_NS}loc")]
    public = built.address.public
    if public is None:
        assert robots.site_maps() is None  # a Sitemap line needs a full address
        assert locs == []  # MkDocs lists nothing without one
        return
    assert robots.site_maps() == [public + "sitemap.xml"]
    assert robots.can_fetch("AnyBot", public + PARAGRAPH)
    assert all(loc.startswith(public) for loc in locs)
    assert sorted(loc.removeprefix(public) for loc in locs) == sorted(as_served(p) for p in pages_of(built.site))


def test_the_published_site_has_no_source_maps_and_only_the_search_files_its_language_needs(
        published: Callable[[str], Published]) -> None:
    built = published("unset")
    site = built.site
    assert [p.name for p in site.rglob("*.map")] == []
    assert [p for p in site.rglob("*.js") if b"sourceMappingURL" in p.read_bytes()] == []
    assert search_language_files(["en"]) == set()
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert "Left out of the published site: 4 source maps (" in built.stdout


def test_the_published_pages_hold_no_run_of_blank_space_outside_code(published: Callable[[str], Published]) -> None:
    """The theme indents every line; a browser shows a run of blank space as one, so the build keeps one."""
    built = published("unset")
    pages = sorted(built.site.rglob("*.html"))
    runs = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for kept in soup.find_all(["pre", "code", "textarea", "script", "style", "title"]):
            kept.decompose()
        runs += [(page.relative_to(built.site).as_posix(), str(text)) for text in soup.find_all(string=True)
                 if re.search(r"[ \t\n\f\r]{2,}", str(text))]
    assert runs == []
    assert f"{len(pages)} HTML pages' blank space" in built.stdout


def test_every_image_of_the_published_site_is_shown_by_a_page(published: Callable[[str], Published]) -> None:
    """An image no page, stylesheet or script names (the README's screenshot once) only weighs the site down."""
    site = published("unset").site
    named = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".html", ".css", ".js"))
    images = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix in (".png", ".jpg", ".svg", ".webp")]
    assert images
    assert [image for image in images if image.rsplit("/", 1)[-1] not in named] == []
