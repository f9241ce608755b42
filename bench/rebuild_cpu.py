"""The CPU time of a server's rebuild after a one-field data edit, in this process: our work alone, without an
engine, a watcher or the load of another process's wait.

    .venv/bin/python bench/rebuild_cpu.py [--edits 15]

Copies data/ to a temporary folder, makes the page set once as ``khartoum-site serve`` does (``prepare.Rebuilds``,
serving), then changes the locator of one citation (``serve.ONE_FIELD``, as ``serve.py``'s field edit does) and
rebuilds, ``--edits`` times; prints the median and the least CPU seconds of the rebuild and of its check
(``gate.checked_record``). CPU time, not wall time: another job on the machine changes it less.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from serve import ONE_FIELD

from khartoum_site.adapters import prepare

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khartoum-rebuild-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        before = os.getcwd()
        os.chdir(tmp)  # messages and edit links name files relative to the working folder
        options = prepare.Options(data, "The Khartoum Process record", cache_dir=Path(tmp) / prepare.CACHE_DIR)
        rebuilds = prepare.Rebuilds(serving=True)
        rebuilds.rebuild(options)
        checked = prepare.checked_record
        check: list[float] = []

        def timed_check(data_dir: Path) -> object:
            started = time.process_time()
            try:
                return checked(data_dir)
            finally:
                check.append(time.process_time() - started)

        prepare.checked_record = timed_check  # type: ignore[assignment]
        states = data / "states.yml"
        original = states.read_text(encoding="utf-8")
        whole: list[float] = []
        for n in range(1, args.edits + 1):
            states.write_text(original.replace(ONE_FIELD, f"locator: ISO 3166-1 codes, edited {n}\n", 1),
                              encoding="utf-8")
            started = time.process_time()
            rebuilds.rebuild(options)
            whole.append(time.process_time() - started)
        prepare.checked_record = checked  # type: ignore[assignment]
        os.chdir(before)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    for label, seconds in (("rebuild", whole), ("its check", check)):
        print(f"{label}: median {1000 * statistics.median(seconds):.1f} ms, least {1000 * min(seconds):.1f} ms "
              f"of CPU over {len(seconds)} one-field edits")
    print(f"load average {load}")


if __name__ == "__main__":
    main()
