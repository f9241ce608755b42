"""The post-build link check finds what MkDocs can miss: missing pages and missing anchors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khartoum_site.adapters import linkcheck
from khartoum_site.adapters.cli import main
from khartoum_site.adapters.linkcheck import check_site


def write(site: Path, path: str, body: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")


def test_broken_pages_and_anchors_are_found(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<a href="a/">a</a> <a href="a/#here">ok</a> <a href="a/#gone">x</a>'
                                  ' <a href="missing/">y</a> <a href="https://example.org/#z">ext</a>'
                                  ' <a href="#top">self</a> <a href="/a/">root</a> <a href="../../etc/">out</a>')
    write(tmp_path, "a/index.html", '<h2 id="here">Here</h2><a href="../#top">back</a>')
    checked, broken = check_site(tmp_path)
    assert checked == 8
    assert sorted(str(b) for b in broken) == [
        "a/index.html: link '../#top' points to an anchor '#top' that is not on index.html",
        "index.html: link '#top' points to an anchor '#top' that is not on index.html",
        "index.html: link '../../etc/' points outside the site",
        "index.html: link 'a/#gone' points to an anchor '#gone' that is not on a/index.html",
        "index.html: link 'missing/' points to a page that does not exist",
    ]


def test_root_relative_links_are_read_where_the_site_is_published(tmp_path: Path) -> None:
    """A project site (https://owner.github.io/repo/): MkDocs' 404 page links /repo/…, as a browser reads it there."""
    write(tmp_path, "404.html", '<a href="/kp/a/">a</a> <a href="/kp/a/#here">anchor</a> <a href="/kp/">home</a>'
                                ' <a href="/kp/missing/">gone</a> <a href="/a/">outside</a> <a href="/kpx/">x</a>')
    write(tmp_path, "index.html", "home")
    write(tmp_path, "a/index.html", '<h2 id="here">Here</h2>')
    checked, broken = check_site(tmp_path, "/kp/")
    assert checked == 6
    assert [str(b) for b in broken] == [
        "404.html: link '/a/' points outside the site (published at /kp/)",
        "404.html: link '/kp/missing/' points to a page that does not exist",
        "404.html: link '/kpx/' points outside the site (published at /kp/)",
    ]
    # read as if at the domain's root, the same links miss: the check must know where the site is
    assert len(check_site(tmp_path)[1]) == 5


def test_a_site_published_under_an_escaped_path_is_read_there(tmp_path: Path) -> None:
    """SITE_URL=https://example.org/caf%C3%A9/ is a real address; the check read every link of 404.html as
    outside the site (a seventh attack), as the links' paths were unescaped and the site's path was not."""
    write(tmp_path, "404.html", '<a href="/caf%C3%A9/a/">a</a> <a href="/café/a/">a</a> <a href="/cafe/a/">x</a>')
    write(tmp_path, "index.html", "home")
    write(tmp_path, "a/index.html", "a")
    checked, broken = check_site(tmp_path, "/caf%C3%A9/")
    assert checked == 3
    assert [str(b) for b in broken] == ["404.html: link '/cafe/a/' points outside the site (published at /café/)"]


def test_a_looping_link_or_a_named_pipe_in_the_folder_is_passed_over(tmp_path: Path) -> None:
    """A folder that is not a built site (`khartoum-site linkcheck DIR`): a link that loops once ended the
    check in a traceback, and a named pipe called page.html stopped it for good."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path)
    os.mkfifo(tmp_path / "pipe.html")
    (tmp_path / "index.html").write_text('<a href="a/loop/index.html">x</a>', encoding="utf-8")
    checked, broken = check_site(tmp_path)
    assert checked == 1  # the one page's one link: the pipe is not read, the loop not walked
    assert broken == []


def test_a_folder_that_is_not_there_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`khartoum-site linkcheck sit` (a typo in a CI step) once said "0 broken" and passed."""
    assert main(["linkcheck", str(tmp_path / "sit")]) == 1
    assert f"{tmp_path / 'sit'} is not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("pages", [[], ["a.html"]])
def test_a_folder_that_is_no_built_site_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         pages: list[str]) -> None:
    """A twenty-third attack's W13: `linkcheck /etc` or an empty folder said "0 internal links checked, 0 broken"."""
    for page in pages:
        write(tmp_path, page, "a page")
    assert main(["linkcheck", str(tmp_path)]) == 1
    assert f"{tmp_path} has no index.html: it is not a built site" in capsys.readouterr().err


def test_a_page_is_read_a_piece_at_a_time_to_its_end(tmp_path: Path) -> None:
    """A ninth attack checked a site holding a page of 2 GB: the check read it whole and ended in MemoryError.
    It is read a megabyte at a time now; a link after 3 MB of text, and one split across two pieces, are found."""
    write(tmp_path, "index.html", "home")
    filler = "x" * (3 << 20)
    split = (1 << 20) * 4 - len(filler) - 5  # puts the second link across the boundary of the fourth megabyte
    write(tmp_path, "big.html", filler + '<a href="gone/">g</a>' + "y" * split + '<a href="also-gone/">h</a>')
    checked, broken = check_site(tmp_path)
    assert checked == 2
    assert sorted(b.href for b in broken) == ["also-gone/", "gone/"]


def test_a_tag_that_never_ends_stops_the_reading_and_is_reported(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A tenth attack checked a page of one tag that never closed (``<a href="`` and 300 MB): the parser kept the
    unfinished tag and read it again with each megabyte, 67 s at 200 MB, MemoryError at 300 MB. The reading stops
    once an unfinished tag outgrows any page's, and the page is reported, not passed as checked."""
    write(tmp_path, "index.html", '<a href="big.html">b</a>')
    endless = '<html><body><a href="gone/">g</a><a href="' + "0" * (10 << 20)
    (tmp_path / "big.html").write_text(endless, encoding="utf-8")
    _, broken = check_site(tmp_path)
    assert sorted((b.page, b.href) for b in broken) == [("big.html", ""), ("big.html", "gone/")]
    said = [str(b) for b in broken if not b.href]
    assert said == ["big.html: holds a tag or comment that does not end within 8 MB; the link check stopped reading "
                    "it there, so links after it are not checked"]
    assert main(["linkcheck", str(tmp_path)]) == 1
    assert "big.html: holds a tag or comment that does not end within 8 MB" in capsys.readouterr().err


def test_a_page_larger_than_any_build_writes_is_not_read(tmp_path: Path) -> None:
    """An eleventh attack checked a page of 300 MB of complete links: each was kept before any was checked, and the
    check ended in MemoryError. A page larger than any a build writes is reported, not read."""
    write(tmp_path, "index.html", '<a href="big.html">b</a>')
    with (tmp_path / "big.html").open("wb") as page:
        page.truncate(40 << 20)  # sparse: 40 MB that take no room on disk
    _, broken = check_site(tmp_path)
    assert [str(b) for b in broken] == ["big.html: is 40 MB, larger than any page a build writes (32 MB at most "
                                        "here); the link check did not read it"]


def test_a_site_of_more_links_than_any_build_writes_stops_the_check(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A twelfth attack checked twelve pages of 31 MB of links each, each under the page limit: the check kept 20
    million links and ended in MemoryError. It keeps at most so many links and anchors, then says where it stopped
    (the limit is made small here; a built site has some ten thousand)."""
    monkeypatch.setattr(linkcheck, "_MOST_KEPT", 50)
    write(tmp_path, "index.html", '<a href="a.html">a</a>')
    for name in ("a.html", "b.html", "c.html"):
        write(tmp_path, name, '<a href="index.html">i</a>' * 30)
    checked, broken = check_site(tmp_path)
    assert checked == 0
    assert [str(b) for b in broken] == ["b.html: takes the site past 50 links and anchors, far more than a build "
                                        "writes; the link check stopped reading here"]


def test_an_address_that_cannot_be_read_is_a_broken_link_not_a_traceback(tmp_path: Path) -> None:
    """A fourteenth attack checked a page linking "http://[::1": Python's own ValueError ended the check."""
    write(tmp_path, "index.html", '<a href="http://[::1">x</a>')
    _, broken = check_site(tmp_path)
    assert [str(b) for b in broken] == ["index.html: link 'http://[::1' is not an address that can be read "
                                        "(Invalid IPv6 URL)"]


def test_a_path_no_file_can_have_is_one_broken_link(tmp_path: Path) -> None:
    """A link whose name is longer than the system allows stopped the whole check ("File name too long"), and a
    link of 100,000 characters made a message line of 200,000: each is one broken link, named by its ends."""
    long_name = "a" * 5009
    write(tmp_path, "index.html", f'<a href="{long_name}.html">x</a> <a href="#{"b" * 100_000}">y</a>'
                                  ' <a href="a%00b.html">z</a>')
    checked, broken = check_site(tmp_path)
    assert checked == 3
    assert [str(b) for b in broken] == [
        f"index.html: link '#{'b' * 66}…{'b' * 33} (100,001 characters)' points to an anchor "
        f"'#{'b' * 67}…{'b' * 33} (100,000 characters)' that is not on index.html",
        "index.html: link 'a%00b.html' points to a page that does not exist",
        f"index.html: link '{'a' * 67}…{'a' * 28}.html (5,014 characters)' points to a page that does not exist"]


def test_an_anchor_given_to_two_elements_is_broken(tmp_path: Path) -> None:
    """A twentieth attack renamed a source seat-<a seat's id>: the committee page gave both headings that anchor,
    and every link to the seat led to the source's list, with no link broken."""
    write(tmp_path, "index.html", '<h2 id="seat-a">The list</h2><h3 id="seat-a">The seat</h3><a id="b" name="b">x</a>'
                                  '<a href="#seat-a">to the seat</a>')
    checked, broken = check_site(tmp_path)
    assert checked == 1
    assert [str(b) for b in broken] == ["index.html: gives the anchor '#seat-a' to two elements: a link to it leads to "
                                        "the first only"]


_SHOWN = ("a [[key]] reference was published as its Markdown source, as it stands inside raw HTML; write it outside "
          "the HTML, or give the element the markdown attribute")


@pytest.mark.parametrize(("body", "shown"), [
    # D7-10: a <figcaption> in a <figure markdown="span">, which md_in_html leaves raw
    ('<figure><figcaption>Among them [Egypt](states/egypt.md){ .km-ref }</figcaption></figure>',
     "[Egypt](states/egypt.md){ .km-ref }"),
    ('<p>See [Egypt](states/egypt.md#as-host "Egypt"){ .km-ref } here.</p>',
     '[Egypt](states/egypt.md#as-host "Egypt"){ .km-ref }'),
])
def test_a_reference_shown_as_its_markdown_source_is_a_problem_of_its_page(tmp_path: Path, body: str,
                                                                           shown: str) -> None:
    write(tmp_path, "index.html", "home")
    write(tmp_path, "page/index.html", body)
    _checked, broken = check_site(tmp_path)
    assert [str(b) for b in broken] == [f"page/index.html: shows '{shown}': {_SHOWN}"]


def test_a_reference_s_source_split_across_pieces_of_the_page_is_found() -> None:
    parser = linkcheck._PageParser()
    for piece in ("<p>See [Egypt](sta", "tes/egypt.m", "d){ .km-ref } here</p>"):
        parser.feed(piece)
    parser.close()
    assert parser.source_shown == "[Egypt](states/egypt.md){ .km-ref }"


@pytest.mark.parametrize("body", [
    "<p>Write <code>[[states/egypt]]</code>; it becomes <code>[Egypt](states/egypt.md){ .km-ref }</code>.</p>",
    "<pre><code>[Egypt](states/egypt.md){ .km-ref }\n</code></pre>",
    '<script>var md = "[Egypt](states/egypt.md)";</script><style>/* { .km-ref } */</style>',
    '<p>A link <a class="km-ref" href="states/egypt/">Egypt</a> (see the guide.md file) and [a] (b.md) apart.</p>',
    "<p>Markdown writes [text](address) and a set {a, b}; README.md explains it.</p>",
    # an attack's BW3: a Markdown link to a .md file as a description's text, or written with escaped brackets
    "<p>Keep the file [notes](topic-notes.md) beside it.</p>", "<p>See [Egypt](states/egypt.md) and more.</p>",
    "<p>See { .km-ref } alone.</p>",
])
def test_markdown_shown_in_code_or_prose_without_a_reference_passes(tmp_path: Path, body: str) -> None:
    write(tmp_path, "index.html", body)
    write(tmp_path, "states/egypt/index.html", "Egypt")
    assert check_site(tmp_path)[1] == []


def test_a_link_to_another_host_without_a_scheme_is_broken(tmp_path: Path) -> None:
    """An attack's AW1: with site_url "https://owner.github.io//evil.example/", the 404 page loaded its scripts and
    styles from "//evil.example/…", which the check took for external addresses and passed."""
    write(tmp_path, "404.html", '<script src="//evil.example/assets/bundle.js"></script>'
                                '<link rel="stylesheet" href="//assets/khartoum.css"><a href="https://x.org/">ok</a>'
                                '<script src="/\\evil.example/x.js"></script>')  # (a backslash as a slash: AY9)
    checked, broken = check_site(tmp_path)
    assert checked == 3  # (each is a link of the site, checked and found broken: BE5)
    assert [str(b) for b in broken] == [
        f"404.html: link '{href}' leads to another host with no scheme ('//host/…'): a link of the site's own is "
        "relative, and one to another host starts with https://"
        for href in ("//assets/khartoum.css", "//evil.example/assets/bundle.js", "/\\evil.example/x.js")]


def test_the_summary_counts_every_link_it_finds_broken_as_checked(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """An attack's BE5: "6 internal links checked, 7 broken": a link to another host with no scheme, one that cannot
    be read, and an anchor given twice on a page were broken and not counted as checked."""
    write(tmp_path, "index.html", '<a href="missing.html">m</a><a href="//evil.example/x">e</a>'
                                  '<a href="http://[">i</a><a href="https://example.org/">out</a>'
                                  '<a href="index.html">ok</a><h2 id="a">a</h2><h2 id="a">b</h2>')
    assert main(["linkcheck", str(tmp_path)]) == 1
    assert capsys.readouterr().out == "4 internal links checked, 3 broken; 1 other problem of the pages.\n"
