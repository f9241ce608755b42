"""How resolving a hand-written page's ``[[key]]`` references grows with their number on one page.

``python bench/references.py``: pages of COUNT references, each page built four ways (an attack's BU2 found a
page of 10,000 references in one paragraph took 11 minutes to build: every reference read its paragraph again from
its start):

- ``paragraph``: COUNT references in one paragraph of one line;
- ``lines``: COUNT references, one a line, in one paragraph;
- ``open``: COUNT references after a "[" never closed (a link's text read to the paragraph's end for each one);
- ``loose``: COUNT loose openings "[[a| " with no closing bracket (a pattern that looked ahead to the next "]");
- ``backticks``: a run of COUNT backticks no run closes (a code span's pattern tried from each of them: BX1).

Prints one JSON line per (way, COUNT) with the CPU seconds of ``resolve_references`` (the best of ``--runs``), then
how much each way grew from the fewest references to the most, beside how much COUNT grew: linear time grows as
COUNT does.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from khartoum_site.record.validate import load_record
from khartoum_site.site.references import entries, resolve_references

WAYS = {
    "paragraph": lambda n: "See " + " and ".join(["[[states/egypt]]"] * n) + ".\n",
    "lines": lambda n: "See\n" + "\n".join(["[[states/egypt]] and"] * n) + " more.\n",
    "open": lambda n: "A [bracket " + " ".join(["[[states/egypt]]"] * n) + "\n",
    "loose": lambda n: "Loose " + " ".join(["[[a| x"] * n) + "\n",
    "backticks": lambda n: "See [[states/egypt]].\n\nx" + "`" * n + "\n",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args()
    known = entries(load_record(args.data))
    timings: dict[str, dict[int, float]] = {}
    for way, page in WAYS.items():
        for count in args.counts:
            text = page(count)
            best = float("inf")
            for _ in range(args.runs):
                started = time.process_time()
                resolve_references(text, "about.md", known, {})
                best = min(best, time.process_time() - started)
            timings.setdefault(way, {})[count] = best
            print(json.dumps({"way": way, "references": count, "cpu_s": round(best, 3)}), flush=True)
    low, high = min(args.counts), max(args.counts)
    for way, by_count in timings.items():
        print(f"{way}: x{by_count[high] / max(by_count[low], 1e-6):.1f} in time for x{high / low:.0f} references")


if __name__ == "__main__":
    main()
