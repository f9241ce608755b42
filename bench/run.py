"""Benchmark: the khartoum plugin's build against the same pages written by hand, at growing record sizes.

For each size, a synthetic record is written (``synth.py``) and two projects are made from
``mkdocs.yml`` and ``docs/``: one builds with the plugin, the other has the pages
``khartoum-site generate`` writes as Markdown files and no khartoum plugin. Builds run in fresh
processes (``build_once.py``), alternating sides, after one plugin build that finds nothing stored (its
time is reported apart: it fills ``.cache/khartoum-site/``, which the later plugin builds read, as a
project's repeated builds do). Then, for each engine installed, ``khartoum-site serve --engine ENGINE`` is
timed from an edit to the page that shows it, for a data edit and a docs edit (``serve.py``).
Run: ``.venv/bin/python bench/run.py [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import yaml
from serve import EDITS, measure_serve
from synth import declaration_paragraphs, make_record

ROOT = Path(__file__).resolve().parent.parent
BUILD_ONCE = Path(__file__).with_name("build_once.py")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
KHARTOUM_SITE = Path(sys.executable).with_name("khartoum-site")
SIDES = ("plugin", "hand")


@dataclass
class Result:
    label: str
    paragraphs: int
    pages: int
    seconds: dict[str, list[float]] = field(default_factory=lambda: {side: [] for side in SIDES})
    peak_mib: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SIDES, 0.0))
    hooks: list[float] = field(default_factory=list)  # seconds in the khartoum plugin's hooks, per build
    gc: dict[str, list[float]] = field(default_factory=lambda: {side: [] for side in SIDES})
    own: list[float] = field(default_factory=list)  # the plugin's on_config + on_files, alone
    first: float = 0.0  # the first plugin build, with nothing stored
    first_peak: float = 0.0  # its peak memory (MB)

    def median(self, side: str) -> float:
        return statistics.median(self.seconds[side])

    def ms_per_page(self, side: str) -> float:
        return 1000 * self.median(side) / self.pages

    def own_share(self) -> float:
        return statistics.median(self.own) / self.median("plugin")


def make_projects(work: Path, data_dir: Path) -> tuple[dict[str, Path], int]:
    """Write the plugin project and the hand-written project; return their configs and the page count."""
    from mkdocs.utils.yaml import yaml_load  # reads !ENV (site_url) as MkDocs does

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config_file:
        config = yaml_load(config_file)
    plugins = config["plugins"]
    configs = {}
    for side in SIDES:
        project = work / side
        shutil.copytree(ROOT / "docs", project / "docs")
        if side == "plugin":
            config["plugins"] = [{"khartoum": {"data_dir": str(data_dir)}} if _is_khartoum(p) else p for p in plugins]
        else:
            config["plugins"] = [p for p in plugins if not _is_khartoum(p)]
            # `generate` validates the record first, as the plugin does: invalid data stops the bench here.
            subprocess.run([str(KHARTOUM_SITE), "generate", str(project / "docs"), "--data-dir", str(data_dir)],
                           check=True, env=ENV, stdout=subprocess.DEVNULL)
        configs[side] = project / "mkdocs.yml"
        configs[side].write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return configs, sum(1 for _ in (work / "hand" / "docs").rglob("*.md"))


def _is_khartoum(plugin: object) -> bool:
    return plugin == "khartoum" or (isinstance(plugin, dict) and "khartoum" in plugin)


def measure(*args: str, timeout: float) -> tuple[float, dict[str, Any]]:
    """Wall seconds of ``build_once.py`` with ``args`` in a fresh process, and what it reported."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(BUILD_ONCE), *args], env=ENV, timeout=timeout,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"build_once.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started, json.loads(done.stdout.strip().splitlines()[-1])


def run_scale(label: str, paragraphs: int, work: Path, args: argparse.Namespace) -> Result:
    data_dir = work / "data"
    counts = make_record(ROOT / "data", data_dir, paragraphs)
    configs, pages = make_projects(work, data_dir)
    result = Result(label, counts["paragraphs"], pages)
    started = time.perf_counter()
    result.first, report = measure(str(configs["plugin"]), str(work / "site-first"), timeout=args.timeout)
    result.first_peak = report["peak_mib"]
    shutil.rmtree(work / "site-first")
    for run in range(args.runs):
        for side in SIDES if run % 2 == 0 else SIDES[::-1]:
            site = work / f"site-{side}"
            seconds, report = measure(str(configs[side]), str(site), timeout=args.timeout)
            shutil.rmtree(site)
            result.seconds[side].append(seconds)
            result.peak_mib[side] = max(result.peak_mib[side], report["peak_mib"])
            result.gc[side].append(report["plugin_seconds"].get("gc", 0.0))
            if side == "plugin":
                result.hooks.append(report["plugin_seconds"]["khartoum"])
        result.own.append(measure("--own", str(configs["plugin"]), timeout=args.timeout)[1]["own_seconds"])
        spent = time.perf_counter() - started
        if spent * (run + 2) / (run + 1) > args.budget:  # another round would overrun this size's budget
            break
    print(f"  {label}: {result.pages} pages, {len(result.own)} run(s), plugin {result.median('plugin'):.1f} s, "
          f"hand-written {result.median('hand'):.1f} s", file=sys.stderr)
    return result


def table(results: list[Result]) -> str:
    rows = ["| Record | Paragraphs | Pages | Runs | First plugin build, nothing stored (s, MB) | "
            "Build, plugin (s) | Build, hand-written (s) | Plugin / hand | "
            "ms per page, plugin / hand | Plugin's own work (s) | Own work, % of build | In plugin hooks (s) | "
            "GC, plugin / hand (s) | Peak memory, plugin / hand (MB) |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in results:
        rows.append(
            f"| {r.label} | {r.paragraphs:,} | {r.pages:,} | {len(r.own)} | {r.first:.2f}, {r.first_peak:.0f} | "
            f"{r.median('plugin'):.2f} | "
            f"{r.median('hand'):.2f} | {r.median('plugin') / r.median('hand'):.2f} | "
            f"{r.ms_per_page('plugin'):.1f} / {r.ms_per_page('hand'):.1f} | {statistics.median(r.own):.2f} | "
            f"{100 * r.own_share():.0f} % | {statistics.median(r.hooks):.2f} | "
            f"{statistics.median(r.gc['plugin']):.2f} / {statistics.median(r.gc['hand']):.2f} | "
            f"{r.peak_mib['plugin']:.0f} / {r.peak_mib['hand']:.0f} |")
    return "\n".join(rows)


@dataclass
class Served:
    label: str
    pages: int
    engine: str
    edit: str
    seconds: list[float]
    peak_mb: float = 0.0  # the server's largest process, at its peak (serve.peak_mb)


SERVE_TARGETS = {"mkdocs": 0.5, "properdocs": 0.5, "zensical": 0.25}
"""Seconds from a one-field data edit to the page served, at most (issue 26)."""


def targets(results: list[Result], big: int, served: list[Served]) -> list[tuple[str, bool | None, str]]:
    """(target, passed or None if not measured, the measured value)."""
    worst = max(results, key=Result.own_share)
    peak = max(max(r.peak_mib.values()) for r in results)
    out: list[tuple[str, bool | None, str]] = []
    for r in results:
        ratio = r.median("plugin") / r.median("hand")
        out.append((f"{r.label}: full build <= 1.10x hand-written", ratio <= 1.10,
                    f"{ratio:.2f}x ({min(r.seconds['plugin']):.2f} to {max(r.seconds['plugin']):.2f} s against "
                    f"{min(r.seconds['hand']):.2f} to {max(r.seconds['hand']):.2f} s)"))
    for r in results:
        memory = r.peak_mib["plugin"] / r.peak_mib["hand"]
        out.append((f"{r.label}: peak memory <= 1.2x hand-written", memory <= 1.2,
                    f"{memory:.2f}x ({r.peak_mib['plugin']:.0f} / {r.peak_mib['hand']:.0f} MB)"))
    for s in served:
        if s.edit in ("data", "field") and s.engine in SERVE_TARGETS:
            limit = SERVE_TARGETS[s.engine]
            median = statistics.median(s.seconds)
            out.append((f"{s.label}, {s.engine}: {s.edit} edit to served <= {limit} s", median <= limit,
                        f"{median:.2f} s"))
    out += [
        ("Plugin's own work <= 5 % of the build, every size", worst.own_share() <= 0.05,
         f"worst {100 * worst.own_share():.0f} % ({worst.label})"),
        ("Peak memory <= 500 MB", peak <= 500, f"{peak:.0f} MB"),
    ]
    index = next((i for i, r in enumerate(results) if big and r.paragraphs >= big and i > 0), None)
    if index is None:
        return [*out, ("Large record (--paragraphs): <= 3.5 ms per page; 10x the data <= 11x the time", None, "")]
    large, prev = results[index], results[index - 1]
    growth = math.log(large.median("plugin") / prev.median("plugin")) / math.log(large.paragraphs / prev.paragraphs)
    return [*out, (f"{big:,} paragraphs: <= 3.5 ms per page", large.ms_per_page("plugin") <= 3.5,
                   f"{large.ms_per_page('plugin'):.1f} ms"),
            ("10x the data costs <= 11x the time", 10**growth <= 11,
             f"{10**growth:.1f}x (build time grows as paragraphs^{growth:.2f} from {prev.label} to {large.label})")]


def installed_engines() -> list[str]:
    found = []
    for engine in ("mkdocs", "properdocs", "zensical"):
        try:
            version(engine)
        except PackageNotFoundError:
            continue
        found.append(engine)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="multiples of the real record (default 1,10,100)")
    parser.add_argument("--paragraphs", type=int, default=10_000, help="one more run at this many paragraphs; 0: none")
    parser.add_argument("--runs", type=int, default=3, help="builds per side and size, at most (median taken)")
    parser.add_argument("--budget", type=float, default=300, help="seconds per size after which no new run starts")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one build may take")
    parser.add_argument("--serve-scales", default="1,10", help="sizes at which to time the serve rebuild; '' for none")
    parser.add_argument("--edits", type=int, default=3, help="edits timed per engine, kind of edit and size (median)")
    parser.add_argument("--quick", action="store_true", help="real and 10x, serve at real only: a few minutes")
    args = parser.parse_args()
    if args.quick:
        args.scales, args.paragraphs, args.serve_scales = "1,10", 0, "1"
    real_paragraphs = declaration_paragraphs(ROOT / "data")
    sizes = [(("real" if s == 1 else f"{s:g}x"), round(s * real_paragraphs))
             for s in map(float, args.scales.split(","))]
    if args.paragraphs:
        sizes.append((f"{args.paragraphs:,} paragraphs", args.paragraphs))
    serve_at = {round(float(s) * real_paragraphs) for s in args.serve_scales.split(",") if s}
    commit = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                            text=True, check=False).stdout.strip() or "unknown"
    engines = installed_engines()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Machine: {os.cpu_count()} cores, load average {load} at the start, Python {platform.python_version()}, "
          + ", ".join(f"{e} {version(e)}" for e in engines) + f", mkdocs-material {version('mkdocs-material')}; "
          f"project at {commit}", flush=True)

    results: list[Result] = []
    served: list[Served] = []
    with tempfile.TemporaryDirectory(prefix="khartoum-bench-") as tmp:
        for label, paragraphs in sizes:
            work = Path(tmp) / label.replace(" ", "-").replace(",", "")
            result = run_scale(label, paragraphs, work, args)
            results.append(result)
            if paragraphs in serve_at:
                for engine in engines:
                    for edit in EDITS:
                        peaks: list[float] = []
                        seconds = measure_serve(work / "plugin" / "mkdocs.yml", work / "data", args.edits,
                                                args.timeout, engine, edit, peaks=peaks)
                        if not seconds:  # an edit the synthetic record has no place for
                            continue
                        served.append(Served(label, result.pages, engine, edit, seconds, peaks[0]))
                        print(f"  serve {label} {engine} {edit} edit: {statistics.median(seconds):.2f} s",
                              file=sys.stderr, flush=True)
            shutil.rmtree(work)

    print(table(results))
    print("\n| Target | Result | Measured |\n|---|---|---|")
    for name, passed, measured in targets(results, args.paragraphs, served):
        print(f"| {name} | {'not run' if passed is None else 'PASS' if passed else 'FAIL'} | {measured} |")
    if served:
        print("\n| Record | Pages | Engine | Edit | Edit to page served (s), median (range) | Full build, plugin (s) "
              "| Server's peak MB |")
        print("|---|--:|---|---|--:|--:|--:|")
        builds = {r.label: r.median("plugin") for r in results}
        for s in served:
            print(f"| {s.label} | {s.pages:,} | {s.engine} | {s.edit} | {statistics.median(s.seconds):.2f} "
                  f"({min(s.seconds):.2f} to {max(s.seconds):.2f}) | {builds[s.label]:.2f} | {s.peak_mb:.0f} |")
    print(f"\nLoad average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end.")


if __name__ == "__main__":
    main()
