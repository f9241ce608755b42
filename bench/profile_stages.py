"""Where a build's time goes: seconds per stage of one build and of one serve rebuild, then cProfile's top functions.

    .venv/bin/python bench/profile_stages.py [--top 25] [--no-cprofile]

The build is the one ``khartoum-site build`` runs, done here in one process so that each stage can be timed:
MkDocs' strict build of the project (its configuration, with the real ``docs/`` and ``data/``) into a
temporary folder, the trim, our link check and the switch that publishes it (to a temporary site path).
Twice: with nothing stored, then with the page set the first build stored (``outputs/stored.py``).
The serve rebuild is MkDocs' development server's as ``khartoum-site serve`` runs it (``mkdocs serve --dirty``):
the plugin started for ``serve`` builds a copy of the data once, then one field is edited (a citation's
locator, which one page shows) and a topic is renamed in ``topics.yml`` (14 pages name it), and the rebuild
after each is timed (a server runs no trim, link check or publish). A stage is timed by wrapping the function
that does it; stages nest (the page set holds the map, the downloads and the pages), so the table gives each
stage's own seconds and, beside it, what it holds. Seconds are wall time on a shared machine: the first line
gives its load.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# (stage, the stage it is part of, [(module, function), ...]): the functions that do the stage's work.
STAGES: list[tuple[str, str | None, list[tuple[str, str]]]] = [
    ("data date", "our page set", [("khartoum_site.outputs.pageset", "data_date")]),
    ("digest of the inputs", "stored or made", [("khartoum_site.outputs.stored", "inputs_digest")]),
    ("entry read", "stored or made", [("khartoum_site.outputs.stored", "decode")]),
    ("entry written", "stored or made", [("khartoum_site.outputs.stored", "encode"),
                                         ("khartoum_site.record.files", "write_atomic")]),
    ("read", "check", [("khartoum_site.record.files", "read_bytes"), ("khartoum_site.record.loader", "parse")]),
    ("check", "stored or made", [("khartoum_site.adapters.prepare", "checked_record")]),
    ("map", "page set", [("khartoum_site.outputs.pageset", "maps")]),
    ("data package", "downloads", [("khartoum_site.outputs.datapackage", "data_package")]),
    ("Akoma Ntoso", "downloads", [("khartoum_site.outputs.akomantoso", "akoma_ntoso"),
                                  ("khartoum_site.outputs.akomantoso", "expressible")]),
    ("downloads", "page set", [("khartoum_site.outputs.pageset", "download_files")]),
    ("citations", "pages", [("khartoum_site.site.pages", "_cited")]),
    ("pages", "page set", [("khartoum_site.outputs.pageset", "build_pages")]),
    ("inventory", "page set", [("khartoum_site.outputs.pageset", "objects_inv"),
                               ("khartoum_site.outputs.pageset", "ids_json")]),
    ("page set", "stored or made", [("khartoum_site.adapters.prepare", "make_page_set")]),
    ("stored or made", "our page set", [("khartoum_site.outputs.stored", "page_set")]),
    ("our page set", None, [("khartoum_site.adapters.prepare", "make")]),
    ("trim", None, [("khartoum_site.adapters.trim", "trim")]),
    ("link check", None, [("khartoum_site.adapters.linkcheck", "check_site")]),
    ("publish", None, [("khartoum_site.adapters.publish", "switch")]),
]
"""Every function is wrapped where it is looked up (the module that calls it), so a call from elsewhere counts too."""


class Timer:
    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.depth: dict[str, int] = defaultdict(int)

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth[stage] += 1  # a stage calling itself (or a second function of it) counts once
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.depth[stage] -= 1
                if not self.depth[stage]:
                    self.spent[stage] += time.perf_counter() - started

        return timed

    def install(self) -> None:
        import importlib

        for stage, _parent, functions in STAGES:
            for module_name, name in functions:
                module = importlib.import_module(module_name)
                setattr(module, name, self.wrap(stage, getattr(module, name)))

    def reset(self) -> dict[str, float]:
        spent, self.spent = dict(self.spent), defaultdict(float)
        return spent


def project(work: Path, data_dir: Path) -> Path:
    """mkdocs.yml of the project, its docs/ read in place and its data at ``data_dir``: the config's path."""
    from mkdocs.utils.yaml import yaml_load  # reads !ENV as MkDocs does

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml_load(file)
    config["docs_dir"] = str(ROOT / "docs")
    config["plugins"] = [{"khartoum": {**p["khartoum"], "data_dir": str(data_dir)}}
                         if isinstance(p, dict) and "khartoum" in p else p for p in config["plugins"]]
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@contextmanager
def _quiet() -> Iterator[None]:
    import logging

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)  # MkDocs' INFO lines are not the profile's
    try:
        yield
    finally:
        logger.setLevel(level)


def one_build(config_file: Path, work: Path) -> float:
    """A build as ``khartoum-site build`` runs it, in this process; its wall seconds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from khartoum_site.adapters import linkcheck, publish, trim

    started = time.perf_counter()
    site = work / "site"
    site.parent.mkdir(parents=True, exist_ok=True)
    with publish.build_lock(site):
        publish.remove_stale(site)
        built = publish.new_work_folder(site) / "site"
        config = load_config(config_file=str(config_file), site_dir=str(built), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            with _quiet():
                build(config)
        finally:
            config.plugins.on_shutdown()
            gc.unfreeze()
        trim.trim(built)
        _checked, broken = linkcheck.check_site(built)
        if broken:
            sys.exit(f"{len(broken)} broken links: {broken[:3]}")
        publish.switch(built, site)
    return time.perf_counter() - started


class Server:
    """MkDocs' development server without the HTTP side: one plugin object, a build per change."""

    def __init__(self, config_file: Path, work: Path) -> None:
        from mkdocs.config import load_config

        self.config_file, self.work = config_file, work
        self.config = load_config(config_file=str(config_file), site_dir=str(work / "served"))
        self.config.plugins.on_startup(command="serve", dirty=True)

    def rebuild(self) -> float:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        started = time.perf_counter()
        # As mkdocs serve does: the configuration read again; the plugin object (it has on_startup) is kept.
        config = load_config(config_file=str(self.config_file), site_dir=str(self.work / "served"),
                             dev_addr="127.0.0.1:8000")
        config.site_url = "http://127.0.0.1:8000/"
        with _quiet():
            build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        seconds = time.perf_counter() - started
        if "khartoum-data-problems" in (self.work / "served" / "index.html").read_text(encoding="utf-8"):
            sys.exit("the check refused the benchmark's edit: the pages show the banner of data problems")
        return seconds

    def stop(self) -> None:
        self.config.plugins.on_shutdown()


ONE_FIELD = "locator: ISO 3166-1 alpha-2 and alpha-3 codes\n"  # Austria's citation of ISO 3166: one page shows it
TOPIC_NAME = "Forced displacement and international protection"  # a topic's name: 14 pages show it
TOPIC_LINE = f"  name: {TOPIC_NAME}\n"


def edit_field(data_dir: Path, n: int) -> None:
    states = data_dir / "states.yml"
    text = states.read_text(encoding="utf-8")
    old = ONE_FIELD if n == 1 else f"locator: ISO 3166-1 codes, edited {n - 1}\n"
    states.write_text(text.replace(old, f"locator: ISO 3166-1 codes, edited {n}\n", 1), encoding="utf-8")


def edit_topic(data_dir: Path, n: int) -> None:
    """Rename a topic (a theme of our own naming, which the check holds to no text: an edit it accepts)."""
    topics = data_dir / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    old = TOPIC_LINE if n == 1 else f"  name: {TOPIC_NAME}, edited {n - 1}\n"
    topics.write_text(text.replace(old, f"  name: {TOPIC_NAME}, edited {n}\n", 1), encoding="utf-8")


def table(title: str, total: float, spent: dict[str, float]) -> str:
    children: dict[str | None, list[str]] = defaultdict(list)
    for stage, parent, _ in STAGES:
        children[parent].append(stage)

    def own(stage: str) -> float:
        return spent.get(stage, 0.0) - sum(spent.get(c, 0.0) for c in children[stage])

    lines = [f"{title}: {total:.2f} s", f"  {'stage':<34}{'own s':>8}{'with parts s':>14}"]

    def walk(stage: str, indent: int) -> None:
        with_parts = f"{spent.get(stage, 0.0):14.3f}" if children[stage] else ""
        lines.append(f"  {'  ' * indent + stage:<34}{own(stage):8.3f}{with_parts}")
        for child in children[stage]:
            walk(child, indent + 1)

    for stage in children[None]:
        walk(stage, 0)
    ours = sum(spent.get(s, 0.0) for s in children[None])
    lines.append(f"  {'MkDocs (render, search, the rest)':<34}{total - ours:8.3f}")
    return "\n".join(lines)


def top(profile: cProfile.Profile, n: int, title: str) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(n)
    body = out.getvalue()
    return f"{title}: cProfile, top {n} functions by own time\n" + body[body.find("   ncalls"):].rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=25, help="functions listed from cProfile (default 25)")
    parser.add_argument("--no-cprofile", action="store_true", help="stage seconds only")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    timer = Timer()
    timer.install()
    from khartoum_site.outputs import stored
    print(f"Load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} on "
          f"{os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="khartoum-profile-") as tmp:
        work = Path(tmp)
        config = project(work, ROOT / "data")
        seconds = one_build(config, work / "build")
        print(table("One build, nothing stored (khartoum-site build, in one process)", seconds, timer.reset()),
              flush=True)
        stored._LAST.clear()  # as a new process finds it: the page set on disk only
        seconds = one_build(config, work / "build")
        print(table("One build, the page set stored by the build before", seconds, timer.reset()), flush=True)

        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        (work / "serve").mkdir()
        serve_config = project(work / "serve", data)
        server = Server(serve_config, work / "serve")
        try:
            server.rebuild()
            timer.reset()
            edit_field(data, 1)
            seconds = server.rebuild()
            print(table("One serve rebuild after a one-field edit (a citation's locator)", seconds, timer.reset()),
                  flush=True)
            edit_topic(data, 1)
            seconds = server.rebuild()
            print(table("One serve rebuild after a data edit (a topic renamed)", seconds, timer.reset()), flush=True)
            seconds = server.rebuild()
            print(table("One serve rebuild with the data unchanged (as after an edit of docs/)", seconds,
                        timer.reset()), flush=True)
            if not args.no_cprofile:
                profile = cProfile.Profile()
                edit_topic(data, 2)
                profile.runcall(server.rebuild)
                print(top(profile, args.top, "The serve rebuild after a data edit"), flush=True)
        finally:
            server.stop()
        if not args.no_cprofile:
            shutil.rmtree(work / ".cache")
            stored._LAST.clear()
            profile = cProfile.Profile()
            profile.runcall(one_build, config, work / "build-profiled")
            print(top(profile, args.top, "The build, nothing stored"), flush=True)


if __name__ == "__main__":
    main()
