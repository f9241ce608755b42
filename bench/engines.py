"""Benchmark per engine: full build, cached rebuild, edit-to-served latency and peak memory, at growing sizes.

For each size (the real record and multiples of it, ``synth.py``) and each installed engine (MkDocs,
ProperDocs, Zensical), in a copy of the project:

- **full build**: ``khartoum-site build --engine ENGINE`` from start to exit: validation, preparation,
  the engine's strict build, our link check and the atomic switch, each run in a fresh project copy;
- **cached rebuild**: the engine's own build run again on unchanged input, as its server's rebuild
  would (MkDocs and ProperDocs keep no cache between builds: for them this is a second full build);
- **edit to served**: ``khartoum-site serve --engine ENGINE``, a topic renamed in ``data/topics.yml``,
  timed until the server answers with the new name (``serve.py``);
- **peak memory**: the largest resident set of any process of the full build.

Run: ``.venv/bin/python bench/engines.py [--scales 1,10] [--runs 3] [--edits 5]``. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from serve import measure_serve
from synth import declaration_paragraphs, make_record

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs", "zensical")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # the benchmark's output is a table, not Material's notice

_PEAK = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
         "stderr=subprocess.DEVNULL).returncode; "
         "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def installed(engine: str) -> str | None:
    try:
        return version(engine)
    except PackageNotFoundError:
        return None


def project(work: Path, data: Path) -> Path:
    """A fresh copy of mkdocs.yml and docs/ with the record at ``data``; returns its folder."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copytree(data, work / "data")
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    return work


def full_build(root: Path, engine: str, timeout: float) -> tuple[float, float]:
    """Seconds and peak MB of one `khartoum-site build --engine ENGINE` in ``root``."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, sys.executable, "-m", "khartoum_site", "build", "--engine",
                           engine], cwd=root, env=ENV, capture_output=True, text=True, timeout=timeout, check=True)
    seconds = time.perf_counter() - started
    code, peak_kib = done.stdout.split()
    if code != "0":
        sys.exit(f"khartoum-site build --engine {engine} failed in {root}")
    return seconds, int(peak_kib) / 1024


def cached_rebuild(root: Path, engine: str, timeout: float) -> float:
    """Seconds of the engine's second build of unchanged input (the first one fills its cache, if any)."""
    if engine == "zensical":
        sys.path.insert(0, str(ROOT))
        from khartoum_site import engines  # the benchmark measures the code it imports

        prepared = engines.PreparedProject(root / ".bench-prepared", engines.read_settings(root / "mkdocs.yml"),
                                           engines.ENGINES["zensical"])
        prepared.refresh()
        command = prepared.build_command()
    else:
        command = [sys.executable, "-m", engine, "build", "--config-file", str(root / "mkdocs.yml"),
                   "--site-dir", str(root / ".bench-site")]
    subprocess.run(command, env=ENV, capture_output=True, timeout=timeout, check=True)
    started = time.perf_counter()
    subprocess.run(command, env=ENV, capture_output=True, timeout=timeout, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10", help="multiples of the real record (default 1,10)")
    parser.add_argument("--runs", type=int, default=3, help="full builds per engine and size (median taken)")
    parser.add_argument("--edits", type=int, default=5, help="edits timed per engine and size (median taken)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="engines to measure (default: all installed)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds one build may take")
    args = parser.parse_args()
    wanted = [e for e in args.engines.split(",") if installed(e)]
    skipped = [e for e in args.engines.split(",") if not installed(e)]
    real = declaration_paragraphs(ROOT / "data")
    print(f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; "
          + ", ".join(f"{e} {installed(e)}" for e in wanted)
          + (f"; not installed: {', '.join(skipped)}" if skipped else ""), flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="khartoum-bench-engines-") as tmp:
        for scale in (float(s) for s in args.scales.split(",")):
            label = "real" if scale == 1 else f"{scale:g}x"
            data = Path(tmp) / f"data-{label}"
            counts = make_record(ROOT / "data", data, round(scale * real))
            for engine in wanted:
                builds, peaks = [], []
                for run in range(args.runs):
                    root = project(Path(tmp) / f"{label}-{engine}-{run}", data)
                    seconds, peak = full_build(root, engine, args.timeout)
                    builds.append(seconds)
                    peaks.append(peak)
                    pages = sum(1 for _ in (root / "site").rglob("*.html"))
                    if run < args.runs - 1:
                        shutil.rmtree(root)
                rebuild = cached_rebuild(root, engine, args.timeout)
                edits = measure_serve(root / "mkdocs.yml", root / "data", args.edits, args.timeout, engine)
                shutil.rmtree(root)
                rows.append(f"| {label} | {counts['paragraphs']:,} | {pages:,} | {engine} | "
                            f"{statistics.median(builds):.2f} | {rebuild:.2f} | {statistics.median(edits):.2f} "
                            f"({min(edits):.2f} to {max(edits):.2f}) | {max(peaks):.0f} |")
                print(f"  {rows[-1]}", file=sys.stderr, flush=True)
    print("| Record | Paragraphs | HTML pages | Engine | Full build (s) | Cached rebuild (s) | "
          "Edit to served (s), median (range) | Peak memory (MB) |")
    print("|---|--:|--:|---|--:|--:|--:|--:|")
    print("\n".join(rows))


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
