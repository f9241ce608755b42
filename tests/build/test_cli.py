"""`khartoum-site build`, the atomic build the README documents, run as an editor runs it; and `generate`
(which asks git for the data's date) against the build. `check` is in the unit tier: tests/unit/test_cli_check.py.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import ROOT, DataCopy, heading, html, markdown_html, project, tree_hash

from khartoum_site.adapters.cli import GENERATED, main
from khartoum_site.adapters.linkcheck import check_site
from khartoum_site.site import urls


def cli(root: Path, *args: str, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command run in ``root``, with ``site_url`` given as the README says: in SITE_URL."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **({"SITE_URL": site_url} if site_url else {})}
    return subprocess.run([sys.executable, "-m", "khartoum_site.adapters.cli", *args], cwd=root, capture_output=True,
                          text=True, timeout=300, env=env)


def test_build_publishes_only_a_good_site_and_keeps_the_old_one_otherwise(data_copy: DataCopy) -> None:
    root = project(data_copy)
    first = cli(root, "build")
    assert first.returncode == 0, first.stderr
    assert "0 broken" in first.stdout
    site = root / "site"
    assert check_site(site)[1] == []
    published = tree_hash(site)

    # bad data: the build stops, site/ is byte-identical
    data_copy.replace("states.yml", 'iso3: "AUT"', 'iso3: "AU"')
    failed = cli(root, "build")
    assert failed.returncode == 1
    assert "data/states.yml" in failed.stderr
    assert "was left unchanged" in failed.stderr
    assert tree_hash(site) == published

    # a strict warning (a broken link in a hand-written page): the same
    data_copy.replace("states.yml", 'iso3: "AU"', 'iso3: "AUT"')
    (root / "docs" / "about.md").write_text("# About\n\n[gone](missing.md)\n", encoding="utf-8")
    warned = cli(root, "build")
    assert warned.returncode == 1
    assert tree_hash(site) == published
    assert not list(root.glob(".site-*")), "temporary build folders were left behind"


def test_build_refuses_a_site_with_a_broken_anchor(data_copy: DataCopy) -> None:
    """MkDocs does not see anchors in raw HTML links; our own check of the output does."""
    root = project(data_copy)
    (root / "docs" / "about.md").write_text(
        '# About\n\n<a href="../states/austria/#no-such-anchor">Austria</a>\n', encoding="utf-8")
    result = cli(root, "build")
    assert result.returncode == 1
    assert "about/index.html: link '../states/austria/#no-such-anchor' points to an anchor '#no-such-anchor' " \
        "that is not on states/austria/index.html" in result.stderr
    assert not (root / "site").exists()


def test_build_refuses_a_reference_published_as_its_markdown_source(data_copy: DataCopy) -> None:
    """D7-10: a reference in raw HTML the reference rules do not see (here a <p> on the line of a <div markdown>, which
    md_in_html leaves raw) was published as "[Egypt](states/egypt.md){ .km-ref }", with a clean build: the built page
    is read, whatever the engine, and the build stops. A page showing that Markdown in code is published."""
    root = project(data_copy)
    (root / "docs" / "about.md").write_text("# About\n\n<div markdown><p>See [[states/egypt]] here.</p></div>\n",
                                            encoding="utf-8")
    result = cli(root, "build")
    assert result.returncode == 1
    assert ("about/index.html: shows '[Egypt](states/egypt.md){ .km-ref }': a [[key]] reference was "
            "published as its Markdown source, as it stands inside raw HTML; write it outside the HTML, or give the "
            "element the markdown attribute") in result.stderr, result.stderr
    assert "1 problem of the pages;" in result.stderr
    assert not (root / "site").exists()
    (root / "docs" / "about.md").write_text(
        "# About\n\n<figure markdown=\"span\">\n  <figcaption>The states of the process</figcaption>\n</figure>\n\n"
        "See [[states/egypt]]; written `[[states/egypt]]`, it becomes `[Egypt](states/egypt.md){ .km-ref }`:\n\n"
        "```\n[Egypt](states/egypt.md){ .km-ref }\n```\n", encoding="utf-8")
    result = cli(root, "build")
    assert result.returncode == 0, result.stderr


def test_a_build_whose_broken_links_a_setting_may_explain_names_it(data_copy: DataCopy) -> None:
    """An attack's BW7: exclude_docs leaving out a page the site links to broke 182 links, and no line named it."""
    root = project(data_copy)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + 'exclude_docs: "about.md"\n', encoding="utf-8")
    result = cli(root, "build")
    assert result.returncode == 1
    assert result.stderr.rstrip().endswith(
        "mkdocs.yml sets exclude_docs, which leaves pages out of the site: the links above may point to pages they "
        "leave out."), result.stderr[-500:]


def test_generate_writes_the_pages_and_files_the_build_publishes(tmp_path: Path, fixture_site: Path) -> None:
    out = tmp_path / "pages"
    # the very folder fixture_site is built from: the data's date is its files' (a copy, outside git), where the
    # frozen data in the repository has its last commit's, another day once midnight passed between the two
    assert main(["generate", str(out), "--data-dir", str(fixture_site.parent / "data")]) == 0
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {GENERATED}
    assert set(json.loads((out / GENERATED).read_text(encoding="utf-8"))) == written  # what it may write over
    pages = {p for p in written if p.endswith(".md")}
    assert "documents/cairo-2025/op-12.md" in pages
    assert len([p for p in pages if p.startswith("states/") and p != "states/index.md"]) == 40
    # Each Markdown page is a page the build publishes at its URL, under the same heading...
    for page in pages:
        markdown = (out / page).read_text(encoding="utf-8")
        assert heading(html(fixture_site, urls.public_url(page))) == heading(markdown_html(markdown)), page
    # ...and the build publishes no other page but the hand-written ones and the redirects of former ids.
    hand_written = {urls.public_url(p.relative_to(ROOT / "docs").as_posix()) + "index.html"
                    for p in (ROOT / "docs").rglob("*.md")}
    redirects = {p for p in written - pages if p.endswith("index.html")}
    published = {p.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("index.html")}
    assert {urls.public_url(p) + "index.html" for p in pages} == published - hand_written - redirects
    # The other files (downloads, inventory, locator sheet, redirects) are those of the build, byte for byte.
    assert {"objects.inv", "ids.json", "downloads/states.csv", "assets/khartoum-locator.svg"} <= written - pages
    for file in written - pages:
        assert (out / file).read_bytes() == (fixture_site / file).read_bytes(), file
    shutil.rmtree(out)


def interrupt_build(root: Path, signum: int, temporary: Path) -> subprocess.CompletedProcess[str]:
    """Start the documented build, and interrupt it while MkDocs is writing the new site."""
    process = subprocess.Popen([sys.executable, "-m", "khartoum_site.adapters.cli", "build"], cwd=root, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "TMPDIR": str(temporary)})
    deadline = time.monotonic() + 60
    while not list(root.glob(".site-build-*/site/*")) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_an_interrupted_build_leaves_the_published_site_unchanged(data_copy: DataCopy, tmp_path: Path) -> None:
    root = project(data_copy)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    assert cli(root, "build").returncode == 0
    published = tree_hash(root / "site")
    data_copy.replace("states.yml", "  name: Austria\n", "  name: Republic of Austria\n")
    for signum in (signal.SIGINT, signal.SIGTERM):
        result = interrupt_build(root, signum, temporary)
        assert result.returncode == 130, result.stderr
        assert "Interrupted;" in result.stderr
        assert "was left unchanged" in result.stderr
        assert tree_hash(root / "site") == published
        assert not list(root.glob(".site-*")), "temporary folders were left behind"
        assert not list(temporary.glob("khartoum-generated-*")), "the generated pages were left behind"


def test_build_publishes_a_site_meant_for_a_sub_path(data_copy: DataCopy) -> None:
    """A GitHub Pages project site: site_url under a path. The build's own link check reads the 404 page's
    root-relative links against that path (it once failed here with 27 "broken" links), and the published
    pages name their address under it."""
    root = project(data_copy)
    built = cli(root, "build", site_url="https://owner.example/khartoum/")
    assert built.returncode == 0, built.stderr
    assert "0 broken" in built.stdout
    page = html(root / "site", "states/egypt/")
    canonical = page.select_one('link[rel="canonical"]')
    assert canonical is not None
    assert canonical["href"] == "https://owner.example/khartoum/states/egypt/"
    links = [str(a["href"]) for a in html(root / "site", "404.html").select("a[href^='/']")]
    assert links
    assert all(href.startswith("/khartoum/") for href in links)
    assert check_site(root / "site", "/khartoum/")[1] == []


def test_a_build_whose_messages_cannot_be_written_ends_with_the_status_of_what_it_did(data_copy: DataCopy) -> None:
    """`khartoum-site build 2>/dev/full` (a thirteenth attack): the site was published, and the command ended with
    status 1, which says nothing was. Lost messages on stderr leave the status to what the build did."""
    root = project(data_copy)
    with open("/dev/full", "w") as full:
        built = subprocess.run([sys.executable, "-m", "khartoum_site", "build"], cwd=root, stdout=subprocess.PIPE,
                               stderr=full, text=True, timeout=300,
                               env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert built.returncode == 0, cli(root, "build").stderr
    assert "0 broken" in built.stdout
    assert check_site(root / "site")[1] == []


def test_a_page_too_deep_for_the_markdown_reader_is_named_with_what_to_look_for(data_copy: DataCopy) -> None:
    """A fifteenth attack: a hand-written page of 20,000 nested emphasis marks (or a list 2,000 deep) stopped the
    build with "RecursionError: maximum recursion depth exceeded" and nothing more in its last line."""
    root = project(data_copy)
    (root / "docs" / "deep.md").write_text("# Deep\n\n" + "*" * 3000 + "x" + "*" * 3000 + "\n", encoding="utf-8")
    failed = cli(root, "build")
    assert failed.returncode == 1
    assert "Error reading page 'deep.md'" in failed.stderr
    assert failed.stderr.splitlines()[-1].startswith("The build stopped: RecursionError: maximum recursion depth")
    assert failed.stderr.splitlines()[-1].endswith(
        "(a hand-written page nested too deeply for the Markdown reader: look for a list, quotation or emphasis "
        f"hundreds of levels deep in the docs folder); {root / 'site'} was left unchanged.")
    assert "Traceback" not in failed.stderr
    assert not (root / "site").exists()


def test_check_to_a_reader_that_has_gone_ends_quietly_with_its_status(data_copy: DataCopy) -> None:
    """`khartoum-site check --format json | head -1`: the reader goes before the report is written."""
    data_copy.replace("states.yml", 'iso3: "AUT"', 'iso3: "AU"')
    for args, status in ((["check", "--format", "json"], 1), (["check"], 1)):
        process = subprocess.Popen([sys.executable, "-m", "khartoum_site", *args], cwd=data_copy.root,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                   env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # as `| head -1` does once it has its line
        if args == ["check"]:  # its report is on stderr: close that one too
            process.stderr.close()
            assert process.wait(timeout=120) == status
            continue
        with process.stderr:
            error = process.stderr.read().decode()
        assert process.wait(timeout=120) == status
        assert error == ""  # no BrokenPipeError traceback


def test_a_failing_build_prints_planted_values_inert(data_copy: DataCopy) -> None:
    """The report of bad data, made in MkDocs' process and relayed by the command: no escape sequence, no
    bidirectional control, no line that a CI system reads as its own command."""
    root = project(data_copy)
    data_copy.replace("organisations.yml", "  name: European Commission\n",
                      '  name: European Commission\n  "k\\e[31m\\u202e\\n::error file=x::forged": 1\n')
    for command in (["khartoum_site", "build"], ["mkdocs", "build", "--strict"]):
        result = subprocess.run([sys.executable, "-m", *command], cwd=root, capture_output=True, text=True,
                                timeout=300, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        assert result.returncode == 1
        lines = result.stderr.splitlines()
        assert any("field 'k\\x1b[31m\\u202e\\x0a::error file=x::forged'" in line for line in lines), result.stderr
        for line in lines:
            assert not any(c in line for c in "\x1b\u202e\r"), line
            assert not line.lstrip().startswith("::"), line


def test_a_link_in_docs_to_a_file_outside_is_not_published(data_copy: DataCopy, tmp_path: Path) -> None:
    """``docs/env.txt -> a secret`` once published the secret: the build refuses it and changes nothing."""
    root = project(data_copy)
    assert cli(root, "build").returncode == 0
    published = tree_hash(root / "site")
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET=hunter2\n", encoding="utf-8")
    (root / "docs" / "env.txt").symlink_to(secret)
    result = cli(root, "build")
    assert result.returncode == 1
    assert f"{root / 'docs' / 'env.txt'} is a symbolic link to {secret}" in result.stdout + result.stderr
    assert tree_hash(root / "site") == published
    assert not any("hunter2" in p.read_text(errors="replace") for p in (root / "site").resolve().rglob("*")
                   if p.is_file())
