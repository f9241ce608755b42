"""One measurement in this fresh process; prints it as a JSON line.

``python bench/build_once.py CONFIG_FILE SITE_DIR``: a strict build, as ``mkdocs build`` runs it,
with the seconds spent in each plugin's event handlers and in the garbage collector
(``plugin_seconds``, ``gc``) and this process's peak memory. ``python bench/build_once.py --own
CONFIG_FILE``: the seconds of the khartoum plugin's own work (``own_seconds``).
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import get_files


def _timed(method: Callable[..., Any], name: str, spent: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start

    return wrapper


def _count_gc(spent: dict[str, float]) -> None:
    """Add the seconds the garbage collector runs to ``spent["gc"]``."""
    began = [0.0]

    def callback(phase: str, _info: dict[str, int]) -> None:  # gc passes (phase, info)
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            spent["gc"] += time.perf_counter() - began[0]

    gc.callbacks.append(callback)


def instrument(plugins: PluginCollection) -> dict[str, float]:
    """Time every plugin's event handlers from now on: seconds by plugin name."""
    spent: dict[str, float] = defaultdict(float)
    for methods in plugins.events.values():
        for i, method in enumerate(methods):
            name = plugins._event_origins.get(method, "<unknown>")
            methods[i] = _timed(method, name, spent)
            plugins._event_origins[methods[i]] = name
    return spent


def own_work(config_file: str) -> dict[str, float]:
    """The khartoum plugin's own work, without MkDocs reading or rendering a page: its ``on_config``
    (load, validate, generate) and ``on_files`` (add the generated files)."""
    config = load_config(config_file=config_file)
    spent = instrument(config.plugins)
    config = config.plugins.on_config(config)
    config.plugins.on_files(get_files(config), config=config)
    return {"own_seconds": spent["khartoum"]}


def full_build(config_file: str, site_dir: str) -> dict[str, Any]:
    started = time.perf_counter()
    config = load_config(config_file=config_file, site_dir=site_dir, strict=True)
    plugins = config.plugins
    spent = instrument(plugins)
    _count_gc(spent)
    plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        plugins.on_shutdown()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"build_seconds": time.perf_counter() - started, "plugin_seconds": dict(spent), "peak_mib": peak_kib / 1024}


if __name__ == "__main__":
    if sys.argv[1] == "--own":
        print(json.dumps(own_work(sys.argv[2])))
    else:
        print(json.dumps(full_build(*sys.argv[1:3])))
