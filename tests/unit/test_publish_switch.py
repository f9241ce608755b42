"""Publishing, driven in-process for what a build cannot easily provoke: the switch itself, the lock,
the paths refused, the lines a failing build ends with. Real builds: tests/build/test_publish.py.
"""

from __future__ import annotations

import dataclasses
import errno
import io
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import JINJA_TRACEBACK, DataCopy, project

from khartoum_site.adapters import publish

BUILDS = ".site.builds"


def folder(path: Path, text: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(text, encoding="utf-8")
    return path


def builds(root: Path) -> list[str]:
    return sorted(p.name for p in (root / BUILDS).iterdir())

def test_the_migration_falls_back_to_two_renames_without_renameat2(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "_exchange", lambda _a, _b: False)
    site = tmp_path / "site"
    site.mkdir()  # an empty folder: the only plain folder a build replaces
    (tmp_path / BUILDS).mkdir()
    with publish.signals_held():
        publish.switch(folder(tmp_path / "work" / "site", "new"), site)
    assert site.is_symlink()
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert len(builds(tmp_path)) == 2, "the new build and the old folder, set aside"
    publish.remove_stale(site)
    assert builds(tmp_path) == [os.readlink(site).split("/")[1]]


def test_a_site_folder_filled_during_the_build_is_not_replaced(tmp_path: Path) -> None:
    site = folder(tmp_path / "site", "someone else's")  # check_target saw it empty; now it is not
    (tmp_path / BUILDS).mkdir()
    with pytest.raises(publish.Refused, match="became a folder of files"), publish.signals_held():
        publish.switch(folder(tmp_path / "work" / "site", "new"), site)
    assert (site / "index.html").read_text(encoding="utf-8") == "someone else's"
    assert builds(tmp_path) == [], "the new build must not be left behind"


def test_a_migration_killed_between_its_renames_is_undone_by_the_next_build(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (tmp_path / BUILDS / "old-4242").mkdir(parents=True)  # the empty site was renamed aside, then the process died
    publish.remove_stale(site)
    assert site.is_dir()
    assert not site.is_symlink()
    assert builds(tmp_path) == []


def test_a_folder_of_files_set_aside_is_none_of_the_command_s_and_is_left_alone(tmp_path: Path) -> None:
    """An attack's AW2: a ``old-*`` folder holding files (planted, or restored from a cache) was moved to ``site``;
    the build then said the site had become a folder of files while it was built, and every later build refused.
    ``switch`` sets aside only an empty folder."""
    site = tmp_path / "site"
    folder(tmp_path / BUILDS / "old-99", "mine")
    publish.remove_stale(site)
    assert not os.path.lexists(site)
    assert (tmp_path / BUILDS / "old-99" / "index.html").read_text(encoding="utf-8") == "mine"


def test_only_the_command_s_own_work_folders_are_swept(tmp_path: Path) -> None:
    """An attack's AW5: any file or folder named ``.site-build-*`` beside the site was removed without a word."""
    site = tmp_path / "site"
    (tmp_path / BUILDS).mkdir()
    (tmp_path / ".site-build-checklist.md").write_text("my notes", encoding="utf-8")
    folder(tmp_path / ".site-build-scripts", "mine")
    own = publish.new_work_folder(site)
    publish.remove_stale(site)
    assert not own.exists()
    assert (tmp_path / ".site-build-checklist.md").read_text(encoding="utf-8") == "my notes"
    assert (tmp_path / ".site-build-scripts" / "index.html").read_text(encoding="utf-8") == "mine"


def test_a_failed_switch_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    old = folder(tmp_path / BUILDS / "20250101-000000-000000-1", "old")
    site.symlink_to(f"{BUILDS}/{old.name}")

    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / BUILDS / "link"))

    monkeypatch.setattr(os, "symlink", disk_full)
    with pytest.raises(OSError, match=re.escape(os.strerror(errno.ENOSPC))) as caught, publish.signals_held():
        publish.switch(folder(tmp_path / "work" / "site", "new"), site)
    assert publish.error_line(caught.value) == f"cannot write to {tmp_path / BUILDS / 'link'} (No space left on device)"
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert builds(tmp_path) == [old.name], "the new build must not be left behind"


def test_tracebacks_are_held_back_and_summed_up() -> None:
    out = io.StringIO()
    relay = publish._Relay(out)
    for line in ["INFO    -  Building documentation\n",
                 "ERROR   -  A plugin failed\n", "Traceback (most recent call last):\n", '  File "x.py", line 1\n',
                 "ValueError: first\n", "INFO    -  Still building\n",
                 "Traceback (most recent call last):\n", '  File "y.py", line 2\n', "    f()\n", "KeyError: 'a'\n",
                 "\n", "During handling of the above exception, another exception occurred:\n", "\n",
                 "Traceback (most recent call last):\n", '  File "z.py", line 3\n',
                 "OSError: [Errno 28] No space left on device\n"]:
        relay.feed(line)
    assert out.getvalue() == ("INFO    -  Building documentation\nERROR   -  A plugin failed\n"
                              "(traceback not shown) ValueError: first\nINFO    -  Still building\n")
    assert relay.finish() == "OSError: [Errno 28] No space left on device"


def test_a_traceback_through_a_template_is_summed_up_by_its_exception() -> None:
    """A fifteenth attack (`hide: 5` in a page's front matter): the build said only "The build stopped:
    ^^^^^^^^^^^^^^^^^^^", the carets under a template's line taken for the exception."""
    out = io.StringIO()
    relay = publish._Relay(out)
    for line in JINJA_TRACEBACK:
        relay.feed(line)
    assert out.getvalue() == ""
    assert relay.finish() == "TypeError: argument of type 'int' is not iterable"


def test_a_second_lock_on_the_same_site_is_busy_and_names_the_holder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with publish.build_lock(site):
        assert (tmp_path / BUILDS / "lock").read_text(encoding="ascii") == f"{os.getpid()}\n"
        with pytest.raises(publish.Busy) as caught, publish.build_lock(site):
            pass  # never reached: the lock is held
    assert str(caught.value) == f"Another build (pid {os.getpid()}) is running for {site}; nothing was changed."
    with publish.build_lock(site):  # released: the next build gets it
        pass


@pytest.mark.parametrize(("make", "message"), [
    pytest.param(lambda site: site.write_text("x", encoding="utf-8"),
                 "{site} is a file, not a folder; remove it or choose another --site-dir. Nothing was changed.",
                 id="a-file"),
    pytest.param(lambda site: site.symlink_to(site.parent),
                 "{site} is a symbolic link to {parent}, not to a build in {parent}/.site.builds; remove it or "
                 "choose another --site-dir. Nothing was changed.", id="a-link-elsewhere"),
])
def test_a_site_path_that_is_not_ours_is_refused(tmp_path: Path, make: Callable[[Path], object], message: str) -> None:
    site = tmp_path / "site"
    make(site)
    with pytest.raises(publish.Refused) as caught:
        publish.check_target(site, tmp_path / "mkdocs.yml")
    assert str(caught.value) == message.format(site=site, parent=tmp_path)


def test_a_site_folder_holding_the_configuration_is_refused(tmp_path: Path) -> None:
    with pytest.raises(publish.Refused) as caught:
        publish.check_target(tmp_path, tmp_path / "mkdocs.yml")
    assert str(caught.value) == (f"{tmp_path} holds the project ({tmp_path / 'mkdocs.yml'}); choose a site folder "
                                 "of its own. Nothing was changed.")


@pytest.mark.parametrize(("site", "says"), [
    ("docs", "{root}/docs is the project's docs folder {root}/docs"),
    ("docs/assets", "{root}/docs/assets is inside the project's docs folder {root}/docs"),
    ("data", "{root}/data is the project's data folder {root}/data"),
    ("notes", "{root}/notes is a folder this command did not make (it publishes through a link into "
              ".notes.builds), and it is not empty; move it away or choose another --site-dir."),
])
def test_a_project_folder_or_a_folder_of_files_is_never_a_site(tmp_path: Path, site: str, says: str) -> None:
    root = tmp_path / "project"
    for folder in ("docs/assets", "data", "notes"):
        (root / folder).mkdir(parents=True)
    (root / "notes" / "draft.md").write_text("mine", encoding="utf-8")
    with pytest.raises(publish.Refused) as caught:
        publish.check_target(root / site, root / "mkdocs.yml", {"docs": root / "docs", "data": root / "data"})
    assert str(caught.value).startswith(says.format(root=root))
    assert str(caught.value).endswith("Nothing was changed.")


def test_a_site_folder_above_the_data_folder_is_refused(tmp_path: Path) -> None:
    """The data folder may live outside the project (data_dir in mkdocs.yml): its parents are refused too."""
    with pytest.raises(publish.Refused, match="holds the project's data folder"):
        publish.check_target(tmp_path / "shared", tmp_path / "project" / "mkdocs.yml",
                             {"data": tmp_path / "shared" / "data"})


def test_an_empty_folder_or_a_new_path_may_become_the_site(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for site in (tmp_path / "empty", tmp_path / "new"):
        publish.check_target(site, tmp_path / "project" / "mkdocs.yml", {"docs": tmp_path / "project" / "docs"})


@pytest.mark.parametrize(("error", "line"), [
    pytest.param(OSError(errno.ENOSPC, "No space left on device", "/x/site"),
                 "cannot write to /x/site (No space left on device)", id="with-a-path"),
    pytest.param(OSError(errno.EIO, "Input/output error"), "[Errno 5] Input/output error", id="without-a-path"),
])
def test_an_error_while_writing_is_described_in_one_line(error: OSError, line: str) -> None:
    assert publish.error_line(error) == line


@pytest.mark.parametrize(("site", "says"), [
    ("docslink/sub", "is inside the project's docs folder"),
    ("datalink/x", "is inside the project's data folder"),
    ("docs/../docs", "is the project's docs folder"),
    (".site.builds/x", "is inside a folder where this command keeps its builds"),
    ("mkdocs.yml", "is the project's configuration file"),
])
def test_a_path_written_another_way_is_refused_all_the_same(tmp_path: Path, site: str, says: str) -> None:
    """Found by an independent review: through a link, a site could be published into docs/, or a lock
    file left in data/ that every later check then refused."""
    root = tmp_path / "project"
    for folder in ("docs", "data"):
        (root / folder).mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (root / "docslink").symlink_to("docs")
    (root / "datalink").symlink_to("data")
    with pytest.raises(publish.Refused, match=says):
        publish.check_target(root / site, root / "mkdocs.yml", {"docs": root / "docs", "data": root / "data"})
    assert sorted(p.name for p in (root / "docs").iterdir()) == []
    assert sorted(p.name for p in (root / "data").iterdir()) == []


def test_the_site_s_own_link_into_its_builds_is_not_refused(tmp_path: Path) -> None:
    (tmp_path / BUILDS / "20250101-000000-000000-1").mkdir(parents=True)
    (tmp_path / "site").symlink_to(f"{BUILDS}/20250101-000000-000000-1")
    publish.check_target(tmp_path / "site", tmp_path / "mkdocs.yml", {"docs": tmp_path / "docs"})



@pytest.mark.parametrize("project", [".pub.builds", ".pub-build-abcdefgh"])
def test_a_project_in_a_folder_the_command_sweeps_is_refused(tmp_path: Path, project: str) -> None:
    """An attack's AY2: from a project named .pub.builds, "-d ../pub" swept the project's data, docs and settings."""
    root = tmp_path / project
    (root / "docs").mkdir(parents=True)
    with pytest.raises(publish.Refused) as refused:
        publish.check_target(tmp_path / "pub", root / "mkdocs.yml", {"docs": root / "docs"})
    assert str(refused.value).startswith(f"{root}")
    assert f"is inside a folder where this command keeps the builds or the work of {tmp_path / 'pub'}, and sweeps " \
           "it; choose another --site-dir. Nothing was changed." in str(refused.value)


@pytest.mark.parametrize(("site", "said"), [
    ("pub\nINFO    -  Documentation built", "holds a control character (a line break or a tab)"),  # AY8
    ("mkdocs.yml/x", "is inside"),  # AY10: refused after a whole build, as "File exists"
    (" ", "the site folder's name ' ' begins or ends with a space"),  # BE6: `-d "$OUT "`, OUT unset
    ("pub ", "the site folder's name 'pub ' begins or ends with a space"),
])
def test_a_site_path_no_build_can_use_is_refused_before_the_build(tmp_path: Path, site: str, said: str) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    with pytest.raises(publish.Refused) as refused:
        publish.check_target(tmp_path / site, tmp_path / "mkdocs.yml")
    assert said in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_superseded_build_a_process_works_in_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A held-out round's R3: a server started inside ``site`` (its working folder the build ``site`` led to) lost
    every page when the next build removed that folder. Here this process stands in for the server."""
    site = tmp_path / "site"
    old, new = (folder(tmp_path / BUILDS / name, name) for name in ("20250101-000000-000000-1", "20250102-1"))
    site.symlink_to(f"{BUILDS}/{new.name}")
    monkeypatch.chdir(old)
    assert publish.remove_stale(site) == {old: os.getpid()}
    assert (old / "index.html").read_text(encoding="utf-8") == "20250101-000000-000000-1"
    monkeypatch.chdir(tmp_path)
    assert publish.remove_stale(site) == {}
    assert not old.exists()
    assert (site / "index.html").read_text(encoding="utf-8") == "20250102-1"


def test_a_list_of_generated_files_nested_too_deep_is_no_list(tmp_path: Path) -> None:
    """An attack's BB2: a .khartoum-generated.json of a list nested thousands deep stopped `generate` with the
    message of an error not foreseen (RecursionError)."""
    from khartoum_site.adapters import cli

    (tmp_path / cli.GENERATED).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert cli._generated_before(tmp_path) == {}


@pytest.mark.parametrize(("stopped_by", "said"), [
    ("jinja2.exceptions.TemplateNotFound: '.icons/material/nope-nope.svg' not found in search paths: 'x'",
     "a theme.icon setting, or a page's front matter icon, names an icon the theme does not have"),
    ("jinja2.exceptions.TemplateNotFound: 'partials/languages/zz.html' not found in search paths: 'x'",
     "theme.language names a language the theme does not have"),
    # a file-size limit (ulimit -f) and a full disk ended the engine in Python's words alone (a held-out corpus's BV16)
    ("OSError: [Errno 27] File too large: '/x/bundle.min.js' -> '/y/bundle.min.js'",
     "the disk is full, or a limit on file size or disk quota was reached: free space and build again"),
    ("OSError: [Errno 28] No space left on device", "the disk is full"),
])
def test_a_theme_setting_naming_a_missing_file_is_named(stopped_by: str, said: str) -> None:
    """An attack's BB3 and a held-out round's note: an icon or a language the theme does not have stopped the build
    in Jinja's words, naming no setting."""
    from khartoum_site.adapters import cli

    assert said in cli._cause_of(stopped_by)


def test_the_note_on_site_dir_advises_no_folder_the_build_refuses(data_copy: DataCopy) -> None:
    """An attack's BE4: with `site_dir: data` in mkdocs.yml, build's note advised `--site-dir …/data`, which build
    then refused."""
    from khartoum_site.adapters import cli, engines

    root = project(data_copy)
    config = root / "mkdocs.yml"
    settings = engines.read_settings(config)
    for site_dir, advice in ((settings.options.data_dir, "it cannot publish to {dir}, which is or holds a folder it "
                              "may not replace"), (root / "public", "give --site-dir {dir} to publish there")):
        noted = cli.site_dir_note(dataclasses.replace(settings, site_dir=Path(site_dir)), config, root / "out")
        assert noted == (f"Note: mkdocs.yml sets site_dir to {site_dir}; this command publishes to its --site-dir, "
                         f"{root / 'out'} ({advice.format(dir=site_dir)}).")


def test_a_link_in_the_project_on_the_way_to_the_site_is_refused(tmp_path: Path) -> None:
    """An attack's BH1: with `out` a link to a folder outside, `build -d out/site` made the builds and the site in
    that folder, the message naming the project's path only."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    (project / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    (project / "out").symlink_to(outside)
    with pytest.raises(publish.Refused) as refused:
        publish.check_target(project / "out" / "site", project / "mkdocs.yml")
    assert str(refused.value) == (f"{project / 'out'} is a symbolic link (to {outside}) on the way to "
                                  f"{project / 'out' / 'site'}; give the folder itself if the site should go there. "
                                  "Nothing was changed.")
    assert list(outside.iterdir()) == []
    publish.check_target(outside / "site", project / "mkdocs.yml")  # the folder itself, given: the user's choice


def test_a_builds_folder_made_a_link_is_said_as_one(tmp_path: Path) -> None:
    """An attack's BH5: `.site.builds` made a link to a folder elsewhere stopped the build as "Not a directory"."""
    (tmp_path / "mkdocs.yml").write_text("site_name: X\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / BUILDS).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(publish.Refused) as refused:
        publish.check_target(tmp_path / "site", tmp_path / "mkdocs.yml")
    assert str(refused.value) == (f"{tmp_path / BUILDS} is a symbolic link (to {tmp_path / 'elsewhere'}); this "
                                  "command keeps its builds there: remove the link. Nothing was changed.")
