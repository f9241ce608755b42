"""A process killed (SIGKILL) at each step of writing the manifest or the schemas: what is published is never
left truncated (the old file or the new one, whole), and the next run finishes the job and sweeps the
leftover. The symbolic links and the full disk are in tests/unit/test_writes.py."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import DataCopy

from khartoum_site.record import schema as schema_module

# Runs the command line with a kill planted at one step of files.write_atomic.
DRIVER = textwrap.dedent("""
    import os, signal, sys
    from khartoum_site.adapters.cli import main
    step, args = sys.argv[1], sys.argv[2:]
    real_fdopen, real_replace = os.fdopen, os.replace

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    class Half:
        def __init__(self, stream): self.stream = stream
        def __enter__(self): return self
        def __exit__(self, *exc): self.stream.close()
        def write(self, data):
            self.stream.write(data[: len(data) // 2]); self.stream.flush(); die()
        def __getattr__(self, name): return getattr(self.stream, name)

    if step == "writing":
        os.fdopen = lambda fd, mode="r", *a, **k: Half(real_fdopen(fd, mode, *a, **k))
    elif step == "before-rename":
        os.replace = lambda *a: die()
    elif step == "after-rename":
        os.replace = lambda *a: (real_replace(*a), die())
    sys.exit(main(args))
""")


def run(root: Path, *args: str, step: str = "none") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", DRIVER, step, *args], cwd=root, capture_output=True, text=True,
                          timeout=120, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("step", ["writing", "before-rename", "after-rename"])
def test_a_manifest_write_killed_at_any_step_leaves_a_whole_file_and_the_next_run_repairs(
        data_copy: DataCopy, step: str) -> None:
    path = data_copy.data / "published.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    key = next(k for k in manifest["ids"] if k.startswith("states/"))
    del manifest["ids"][key]
    path.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    before = path.read_bytes()

    killed = run(data_copy.root, "manifest", step=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    after = json.loads(path.read_text(encoding="utf-8"))  # whole: it parses
    assert path.read_bytes() == before if step != "after-rename" else key in after["ids"]
    if step != "after-rename":
        assert leftovers(data_copy.data)  # the killed run's temporary file is still there

    repaired = run(data_copy.root, "manifest")
    assert repaired.returncode == 0, repaired.stderr
    assert key in json.loads(path.read_text(encoding="utf-8"))["ids"]
    assert leftovers(data_copy.data) == []


@pytest.mark.parametrize("step", ["writing", "before-rename"])
def test_a_schemas_run_killed_midway_leaves_whole_files_and_the_next_run_repairs(
        data_copy: DataCopy, step: str) -> None:
    schemas = data_copy.data / "schemas"
    schemas.mkdir()
    for name in schema_module.file_schemas():
        (schemas / name).write_text('{"old": true}\n', encoding="utf-8")
    killed = run(data_copy.root, "schemas", step=step)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert all(json.loads((schemas / name).read_text(encoding="utf-8")) == {"old": True}
               for name in schema_module.file_schemas())
    repaired = run(data_copy.root, "schemas")
    assert repaired.returncode == 0, repaired.stderr
    assert {name: json.loads((schemas / name).read_text(encoding="utf-8"))
            for name in schema_module.file_schemas()} == schema_module.file_schemas()
    assert leftovers(schemas) == []
