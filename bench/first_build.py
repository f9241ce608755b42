"""The first plugin build with nothing stored (an empty ``.cache/khartoum-site/``), alone, at one size.

``python bench/first_build.py [--scale 100] [--keep DIR]``: writes the synthetic record (``synth.py``) and
the plugin's project as ``run.py`` does, then times one strict build in a fresh process (``build_once.py``)
and prints its seconds and peak memory, with the load average. ``--keep DIR`` writes the project there and
leaves it (a second run with the same DIR reuses the record and empties only the store).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from run import BUILD_ONCE, ENV, ROOT, _is_khartoum
from synth import declaration_paragraphs, make_record


def plugin_project(work: Path, scale: float) -> Path:
    """The plugin's project for ``scale`` times the real record under ``work`` (made once); its mkdocs.yml."""
    config_file = work / "plugin" / "mkdocs.yml"
    if config_file.exists():
        return config_file
    from mkdocs.utils.yaml import yaml_load  # reads !ENV (site_url) as MkDocs does

    make_record(ROOT / "data", work / "data", round(scale * declaration_paragraphs(ROOT / "data")))
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as config_source:
        config = yaml_load(config_source)
    config["plugins"] = [{"khartoum": {"data_dir": str(work / "data")}} if _is_khartoum(p) else p
                         for p in config["plugins"]]
    shutil.copytree(ROOT / "docs", work / "plugin" / "docs")
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=100, help="multiple of the real record (default 100)")
    parser.add_argument("--keep", type=Path, help="a folder to make the project in and leave")
    parser.add_argument("--warm", action="store_true", help="a second build after it, reading what the first stored")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="khartoum-first-") as tmp:
        work = args.keep or Path(tmp)
        config_file = plugin_project(work, args.scale)
        shutil.rmtree(config_file.parent / ".cache" / "khartoum-site", ignore_errors=True)
        for label in ("first", "warm")[:1 + args.warm]:
            started = time.perf_counter()
            done = subprocess.run([sys.executable, str(BUILD_ONCE), str(config_file), str(work / "site")],
                                  env=ENV, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                sys.exit(f"build failed:\n{done.stderr[-3000:]}")
            report = json.loads(done.stdout.strip().splitlines()[-1])
            load = " ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"{args.scale:g}x {label} build: {time.perf_counter() - started:.1f} s, "
                  f"peak {report['peak_mib']:.0f} MB, khartoum hooks {report['plugin_seconds']['khartoum']:.1f} s; "
                  f"load average {load}", flush=True)
            shutil.rmtree(work / "site", ignore_errors=True)


if __name__ == "__main__":
    main()
