"""Benchmark: the khartoum plugin's build against the same pages written by hand, at growing record sizes.

For each size, a synthetic record is written (``synth.py``) and two projects are made from
``mkdocs.yml`` and ``docs/``: one builds with the plugin, the other has the pages
``khartoum-site generate`` writes as Markdown files and no khartoum plugin. Builds run in fresh
processes (``build_once.py``), alternating sides. Run: ``.venv/bin/python bench/run.py [--quick]``.
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
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml
from serve import measure_serve
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
    rows = ["| Record | Paragraphs | Pages | Runs | Build, plugin (s) | Build, hand-written (s) | Plugin / hand | "
            "ms per page, plugin / hand | Plugin's own work (s) | Own work, % of build | In plugin hooks (s) | "
            "GC, plugin / hand (s) | Peak memory, plugin / hand (MB) |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in results:
        rows.append(
            f"| {r.label} | {r.paragraphs:,} | {r.pages:,} | {len(r.own)} | {r.median('plugin'):.2f} | "
            f"{r.median('hand'):.2f} | {r.median('plugin') / r.median('hand'):.2f} | "
            f"{r.ms_per_page('plugin'):.1f} / {r.ms_per_page('hand'):.1f} | {statistics.median(r.own):.2f} | "
            f"{100 * r.own_share():.0f} % | {statistics.median(r.hooks):.2f} | "
            f"{statistics.median(r.gc['plugin']):.2f} / {statistics.median(r.gc['hand']):.2f} | "
            f"{r.peak_mib['plugin']:.0f} / {r.peak_mib['hand']:.0f} |")
    return "\n".join(rows)


def targets(results: list[Result], big: int) -> list[tuple[str, bool | None, str]]:
    """(target, passed or None if not measured, the measured value)."""
    real = results[0]
    ratio = real.median("plugin") / real.median("hand")
    worst = max(results, key=Result.own_share)
    peak = max(max(r.peak_mib.values()) for r in results)
    out: list[tuple[str, bool | None, str]] = [
        ("Real data: full build <= 1.10x hand-written", ratio <= 1.10, f"{ratio:.2f}x"),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="multiples of the real record (default 1,10,100)")
    parser.add_argument("--paragraphs", type=int, default=10_000, help="one more run at this many paragraphs; 0: none")
    parser.add_argument("--runs", type=int, default=3, help="builds per side and size, at most (median taken)")
    parser.add_argument("--budget", type=float, default=300, help="seconds per size after which no new run starts")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one build may take")
    parser.add_argument("--serve-scales", default="1,10", help="sizes at which to time the serve rebuild; '' for none")
    parser.add_argument("--quick", action="store_true", help="real and 10x, serve at real only: about 1 minute")
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
    print(f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, mkdocs {version('mkdocs')}, "
          f"mkdocs-material {version('mkdocs-material')}; project at {commit}", flush=True)

    results, serve_rows = [], []
    with tempfile.TemporaryDirectory(prefix="khartoum-bench-") as tmp:
        for label, paragraphs in sizes:
            work = Path(tmp) / label.replace(" ", "-").replace(",", "")
            result = run_scale(label, paragraphs, work, args)
            results.append(result)
            if paragraphs in serve_at:
                edits = measure_serve(work / "plugin" / "mkdocs.yml", work / "data", 3, args.timeout)
                serve_rows.append(f"| {label} | {result.pages:,} | {statistics.median(edits):.2f} | "
                                  f"{result.median('plugin'):.2f} |")
            shutil.rmtree(work)

    print(table(results))
    print("\n| Target | Result | Measured |\n|---|---|---|")
    for name, passed, measured in targets(results, args.paragraphs):
        print(f"| {name} | {'not run' if passed is None else 'PASS' if passed else 'FAIL'} | {measured} |")
    if serve_rows:
        print("\n| Record | Pages | `mkdocs serve`: data edit to new page served (s) | Full build (s) |")
        print("|---|--:|--:|--:|\n" + "\n".join(serve_rows))


if __name__ == "__main__":
    main()
