"""robots.txt as a crawler reads it (Python's urllib.robotparser): every page allowed, and the sitemap's full
address when the site's address is known; none, and a comment saying why, when it is not."""

from __future__ import annotations

from urllib.robotparser import RobotFileParser

import pytest

from khartoum_site.outputs.pageset import PageSet
from khartoum_site.outputs.robots import robots_txt
from khartoum_site.site import urls


def parsed(text: str) -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return parser


@pytest.mark.parametrize(("site_url", "sitemap"), [
    ("https://record.example/", "https://record.example/sitemap.xml"),
    ("https://owner.github.io/repo/", "https://owner.github.io/repo/sitemap.xml"),
    ("https://owner.github.io/repo", "https://owner.github.io/repo/sitemap.xml"),
])
def test_with_a_site_address_robots_txt_names_the_sitemap(site_url: str, sitemap: str) -> None:
    robots = parsed(robots_txt(site_url))
    assert robots.site_maps() == [sitemap]
    assert robots.can_fetch("AnyBot", site_url + "documents/cairo-2025/op-12/")


def test_without_a_site_address_robots_txt_has_no_sitemap_line_and_says_why() -> None:
    text = robots_txt(None)
    robots = parsed(text)
    assert robots.site_maps() is None
    assert robots.can_fetch("AnyBot", "https://anywhere.example/states/egypt/")
    assert "built without its public address (site_url)" in text
    assert all(line.startswith("#") for line in text.splitlines() if "sitemap" in line.lower())


def test_the_page_set_publishes_robots_txt_at_the_site_root(page_set: PageSet) -> None:
    assert page_set.files[urls.ROBOTS] == robots_txt(None).encode("utf-8")
