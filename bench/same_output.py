"""Compare what two versions of the code generate from the same data: every page and file, byte for byte.

    .venv/bin/python bench/same_output.py REF

Runs ``khartoum-site generate`` with the code and data of git revision REF (checked out in a temporary
worktree) and with the code and data of the working tree, and lists every file that differs or exists
on one side only. Exit status 0 when the outputs are identical. Use it around a
change that must not change the site (a restructuring, a cache).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generate(code: Path, data: Path, out: Path) -> None:
    # cwd=code as well: `python -m` puts the working folder first on sys.path, before PYTHONPATH
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "khartoum_site", "generate", str(out), "--data-dir", str(data),
                    "--site-name", "The Khartoum Process record"], cwd=code, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []
    compared = filecmp.dircmp(left, right)
    stack = [(compared, "")]
    while stack:
        node, prefix = stack.pop()
        found += [f"only in {left.name}: {prefix}{n}" for n in node.left_only]
        found += [f"only in {right.name}: {prefix}{n}" for n in node.right_only]
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        found += [f"differs: {prefix}{n}" for n in mismatch + errors]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("ref", help="the git revision to compare the working tree with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.ref], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            generate(old, old / "data", Path(tmp) / "before")
            generate(ROOT, ROOT / "data", Path(tmp) / "after")
            found = differences(Path(tmp) / "before", Path(tmp) / "after")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False)
    for line in found:
        print(line)
    print(f"{len(found)} differences between {args.ref} and the working tree.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
