"""Where a served edit's time goes, in the real ``khartoum-site serve`` process: from the edited file written to
the page that shows it served, stage by stage.

    .venv/bin/python bench/serve_profile.py [--engines mkdocs,zensical] [--kinds field] [--edits 5]

Each engine serves a copy of the project (as ``serve.py`` does) with the timing probe of ``probe/`` loaded into
every Python process it starts (``probe/sitecustomize.py``: it wraps the functions of each stage and logs their
start and end on the system's monotonic clock). After each edit the stages that ran between the write and the
page served are set out as a tree (a stage inside another's time, in the same process, is one of its parts),
each with its own seconds (without its parts) and, for a stage with parts, its whole; the figures are the
medians over the edits. Around the tree, the timeline: the write to the watcher's first event (the system's
notice), that event to the start of the rebuild (the engine's or our wait for quiet), and the end of the
rebuild to the page served (the server, and the poll of 10 ms; with Zensical, all of Zensical's own work).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from serve import EDITS, measure_serve

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).resolve().with_name("probe")
REBUILDS = ("rebuild (builder)", "prepare for Zensical (refresh)")  # one served rebuild, per engine


@dataclass
class Node:
    name: str
    start: float
    end: float
    parts: list[Node] = field(default_factory=list)


def tree(calls: list[dict[str, Any]]) -> list[Node]:
    """The calls of one process, nested by time: a call inside another's span is one of its parts."""
    roots: list[Node] = []
    stack: list[Node] = []
    for call in sorted(calls, key=lambda c: (c["start"], -c["end"])):
        node = Node(call["stage"], call["start"], call["end"])
        while stack and stack[-1].end < node.end:
            stack.pop()
        (stack[-1].parts if stack else roots).append(node)
        stack.append(node)
    return roots


def totals(nodes: list[Node], prefix: tuple[str, ...], into: dict[tuple[str, ...], list[float]]) -> None:
    """Seconds and calls by path of stage names: [whole, own, calls]."""
    for node in nodes:
        path = (*prefix, node.name)
        whole = node.end - node.start
        own = whole - sum(p.end - p.start for p in node.parts)
        found = into.setdefault(path, [0.0, 0.0, 0])
        found[0] += whole
        found[1] += own
        found[2] += 1
        totals(node.parts, path, into)


def one_edit(lines: list[dict[str, Any]], written: float, seen: float) -> dict[tuple[str, ...], list[float]]:
    """The stages of one edit, with the timeline's steps as stages of their own."""
    window = [line for line in lines if line["start"] >= written and line["end"] <= seen]
    events = sorted(line["start"] for line in window if line["stage"] == "watcher event")
    rebuilds = sorted((line for line in window if line["stage"] in REBUILDS), key=lambda line: line["start"])
    found: dict[tuple[str, ...], list[float]] = {}
    if not events or not rebuilds:
        return found
    first, last = rebuilds[0], rebuilds[-1]
    found[("1. write to the watcher's first event",)] = [events[0] - written, 0.0, 1]
    found[("2. first event to the rebuild's start (wait for quiet)",)] = [first["start"] - events[0], 0.0, 1]
    by_pid: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in window:
        if line["stage"] != "watcher event" and first["start"] <= line["start"] and line["end"] <= last["end"]:
            by_pid[line["pid"]].append(line)
    for calls in by_pid.values():
        totals([n for n in tree(calls)], ("3. rebuild",), found)
    found[("4. rebuild's end to the page served",)] = [seen - last["end"], 0.0, 1]
    if len(rebuilds) > 1:
        found[("(rebuilds in this edit)",)] = [0.0, 0.0, len(rebuilds)]
    return found


def report(engine: str, edits: list[dict[tuple[str, ...], list[float]]], served: list[float]) -> str:
    paths: list[tuple[str, ...]] = []
    for found in edits:
        paths.extend(p for p in found if p not in paths)
    order = {p: i for i, p in enumerate(paths)}
    paths.sort(key=lambda p: (p[0], *(order.get(p[:n], 0) for n in range(2, len(p) + 1))))
    parents = {p[:-1] for p in paths}
    lines = [f"{engine}: edit to page served, median {statistics.median(served):.3f} s "
             f"({min(served):.3f} to {max(served):.3f}) over {len(served)} edits",
             f"  {'stage':<64}{'own s':>8}{'whole s':>9}{'calls':>7}"]
    for path in paths:
        if path == ("3. rebuild",):
            continue
        values = [found.get(path, [0.0, 0.0, 0]) for found in edits]
        whole = statistics.median(v[0] for v in values)
        own = statistics.median(v[1] for v in values)
        calls = statistics.median(v[2] for v in values)
        name = "  " * (len(path) - 1) + path[-1]
        if len(path) == 1 and path[0] != "(rebuilds in this edit)" and path[0][0] in "124":
            lines.append(f"  {name:<64}{whole:8.3f}")
        elif path in parents:
            lines.append(f"  {name:<64}{own:8.3f}{whole:9.3f}{calls:7.0f}")
        else:
            lines.append(f"  {name:<64}{whole:8.3f}{'':>9}{calls:7.0f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default="mkdocs,zensical")
    parser.add_argument("--kinds", default="field", help=f"kinds of edit, of {', '.join(EDITS)} (default field)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} at the start", flush=True)
    for engine in args.engines.split(","):
        for kind in args.kinds.split(","):
            with tempfile.TemporaryDirectory(prefix="khartoum-bench-serve-profile-") as tmp:
                work = Path(tmp) / "project"
                for name in ("docs", "data"):
                    shutil.copytree(ROOT / name, work / name)
                shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
                log = Path(tmp) / "probe.jsonl"  # outside the project: a server watches the configuration's folder
                env = {"KHARTOUM_PROBE": str(log),
                       "PYTHONPATH": os.pathsep.join(filter(None, [str(PROBE), os.environ.get("PYTHONPATH")]))}
                marks: list[tuple[float, float]] = []
                served = measure_serve(work / "mkdocs.yml", work / "data", args.edits, args.timeout, engine, kind,
                                       env, marks)
                if not served:
                    print(f"{engine}: no {kind} edit in this record", flush=True)
                    continue
                lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
                edits = [one_edit(lines, written, seen) for written, seen in marks]
                print(f"\n{kind} edit, " + report(engine, edits, served), flush=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average {load} at the end", flush=True)


if __name__ == "__main__":
    main()
