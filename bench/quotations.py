"""How the quotation check grows with the size of a source and the number of short quotations of it.

``python bench/quotations.py``: a synthetic source text of SIZE characters (words, as a report is
written) and COUNT short quotations of it (three or four words each, taken from its last tenth, so a
search reads most of the text), checked three ways:

- ``one_by_one``: ``quote in text`` for each quotation, as the check did (time: COUNT x SIZE);
- ``together``: ``SourceText`` as the check uses it now: the quotations learnt, then settled together
  (time: SIZE + the quotations);
- ``automaton``: ``longest_prefixes`` alone, the one pass that ``together`` makes for many quotations;
- ``wrong``: as ``together``, each quotation with its last letter changed, and where each differs (the
  message's "it matches up to ...") asked of every one.

Prints one JSON line per (SIZE, COUNT) with the CPU seconds of each (the best of ``--runs``; CPU time, since
the machine may be shared), then, for each SIZE, how much each way grew from the fewest quotations to the
most, beside how much COUNT grew: one by one grows as COUNT does; together it stays within the time of
about two passes of the automaton, whatever COUNT.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable

from khartoum_site.record.sourcetext import SourceText, longest_prefixes

WORDS = ["the", "member", "states", "migration", "cooperation", "partners", "dialogue", "return", "smuggling",
         "trafficking", "protection", "route", "origin", "transit", "destination", "capacity", "regional",
         "ministerial", "declaration"]


def source_text(size: int, seed: int) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:size]


def quotations(text: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    tail = len(text) * 9 // 10
    found: list[str] = []
    while len(found) < count:
        start = text.find(" ", rng.randrange(tail, len(text) - 60)) + 1
        words = text[start:].split(" ", 5)[: rng.choice((3, 4))]
        found.append(" ".join(words))
    return found


def best(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def together(text: str, quotes: list[str]) -> None:
    source = SourceText(text)
    with source.learning():
        for quote in quotes:
            _ = quote in source
    assert all(quote in source for quote in quotes)


def wrong(text: str, quotes: list[str]) -> None:
    source = SourceText(text)
    changed = [quote[:-1] + "#" for quote in quotes]
    with source.learning():
        for quote in changed:
            _ = quote in source
    assert not any(quote in source for quote in changed)
    assert all(source.matched_prefix(quote) == quote[:-1] for quote in changed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000000,4000000", help="characters of the source (comma-separated)")
    parser.add_argument("--counts", default="250,1000,4000", help="numbers of quotations (comma-separated)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = []
    for size in map(int, args.sizes.split(",")):
        text = source_text(size, seed=size)
        for count in map(int, args.counts.split(",")):
            quotes = quotations(text, count, seed=count)
            row = {"size": size, "count": count,
                   "one_by_one": round(best(args.runs, lambda: [q in text for q in quotes]), 3),  # noqa: B023
                   "together": round(best(args.runs, lambda: together(text, quotes)), 3),  # noqa: B023
                   "automaton": round(best(args.runs, lambda: longest_prefixes(quotes, text)), 3),  # noqa: B023
                   "wrong": round(best(args.runs, lambda: wrong(text, quotes)), 3)}  # noqa: B023
            results.append(row)
            print(json.dumps(row), flush=True)
    for size in sorted({row["size"] for row in results}):
        rows = [row for row in results if row["size"] == size]
        fewest, most = rows[0], rows[-1]
        print(json.dumps({"size": size, "count_grew": round(most["count"] / fewest["count"], 1),
                          **{f"{way}_grew": round(most[way] / max(fewest[way], 1e-6), 1)
                             for way in ("one_by_one", "together", "automaton", "wrong")}}))


if __name__ == "__main__":
    main()
