"""``robots.txt`` at the site root: every page may be crawled, and here is the sitemap.

A ``Sitemap:`` line must give the sitemap's full address (the sitemaps.org protocol; RFC 9309 leaves
other lines to the crawlers), and the engines write a sitemap with entries only when ``site_url`` is set.
So the line is written only then; without a site address the file says why it has none, rather than
guess a host. A crawler reads ``robots.txt`` only at a host's root: a site published under a path
(``https://owner.github.io/repo/``) has its file read by no one, which ``docs/deploy.md`` explains.
"""

from __future__ import annotations

from khartoum_site.site import urls


def robots_txt(site_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /", ""]
    if site_url:
        lines.append(f"Sitemap: {urls.file_address(urls.SITEMAP, site_url)}")
    else:
        lines += ["# No Sitemap line: this site was built without its public address (site_url), and a",
                  "# Sitemap line needs the sitemap's full address. Build with SITE_URL set to add one."]
    return "\n".join(lines) + "\n"
