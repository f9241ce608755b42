"""Timing probe for ``bench/serve_profile.py``: loaded by every Python process the benchmark starts (this folder
is put first on ``PYTHONPATH``), it does nothing unless ``KHARTOUM_PROBE`` names a log file. Then it wraps the
functions that do each stage of a served edit and appends one JSON line per call to that file: the stage, the
process, and its start and end on the system's monotonic clock (``CLOCK_MONOTONIC``, the same in every process
of the machine, so the benchmark can set them against the moment it wrote the edited file).

Stages: a file-system event handed to a watcher's handlers (MkDocs' polling observer, our inotify one), MkDocs'
rebuild (``builder``: its configuration read again, then ``build``), each plugin's hook of each build event,
each page rendered, the khartoum stages of ``bench/profile_stages.py`` (check, page set, ...), and, in the
process that prepares a project for Zensical, one preparation (``refresh``) and its writing of the files.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Callable
from typing import Any

_LOG = os.environ.get("KHARTOUM_PROBE")


def _note(stage: str, started: float, ended: float, **more: Any) -> None:
    line = json.dumps({"stage": stage, "pid": os.getpid(), "start": started, "end": ended, **more}) + "\n"
    descriptor = os.open(str(_LOG), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line.encode("utf-8"))  # one write per line: the lines of two processes never mix
    finally:
        os.close(descriptor)


def _timed(stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    if getattr(function, "_probed", False):
        return function

    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.monotonic()
        try:
            return function(*args, **kwargs)
        finally:
            _note(stage, started, time.monotonic())

    timed._probed = True  # type: ignore[attr-defined]
    return timed


def _wrap(module: Any, name: str, stage: str) -> None:
    setattr(module, name, _timed(stage, getattr(module, name)))


def _run_event(self: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
    """MkDocs' ``PluginCollection.run_event``, each plugin's hook timed (the page events are in the page's time)."""
    pass_item = item is not None
    per_page = name.startswith("page_") or name in ("pre_page", "post_page", "pre_template", "template_context",
                                                     "post_template")
    for method in self.events[name]:
        self._current_plugin = self._event_origins.get(method, "<unknown>")
        started = time.monotonic()
        result = method(item, **kwargs) if pass_item else method(**kwargs)
        if not per_page:
            _note(f"{self._current_plugin}.on_{name}", started, time.monotonic())
        if result is not None:
            item = result
    self._current_plugin = None
    return item


def _install_mkdocs() -> None:
    import mkdocs.config
    import mkdocs.config.base
    import mkdocs.plugins

    # Wrapped before mkdocs.commands.serve imports them by name.
    mkdocs.config.base.load_config = _timed("settings read (load_config)", mkdocs.config.base.load_config)
    mkdocs.config.load_config = mkdocs.config.base.load_config
    from mkdocs.commands import build as build_module

    _wrap(build_module, "build", "build")
    _wrap(build_module, "_build_page", "render a page")
    _wrap(build_module, "_populate_page", "read a page")
    _wrap(build_module, "get_files", "find the files")
    _wrap(build_module, "get_navigation", "navigation")
    _wrap(build_module, "_build_theme_template", "theme template (404, sitemap)")
    mkdocs.plugins.PluginCollection.run_event = _run_event  # type: ignore[assignment]
    from mkdocs.structure.files import Files

    Files.copy_static_files = _timed("copy static files", Files.copy_static_files)  # type: ignore[method-assign]
    from mkdocs import livereload

    original_init = livereload.LiveReloadServer.__init__

    def init(self: Any, builder: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        original_init(self, _timed("rebuild (builder)", builder), *args, **kwargs)

    livereload.LiveReloadServer.__init__ = init  # type: ignore[method-assign]


def _install_watchdog() -> None:
    from watchdog.events import FileSystemEventHandler

    original = FileSystemEventHandler.dispatch

    def dispatch(self: Any, event: Any) -> None:
        started = time.monotonic()
        original(self, event)
        _note("watcher event", started, time.monotonic(), handler=type(self).__qualname__, kind=event.event_type,
              path=os.fsdecode(event.src_path))

    FileSystemEventHandler.dispatch = dispatch  # type: ignore[method-assign]


def _install_khartoum() -> None:
    import importlib
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from profile_stages import STAGES

    sys.path.pop(0)
    for stage, _parent, functions in STAGES:
        for module_name, name in functions:
            _wrap(importlib.import_module(module_name), name, stage)
    from khartoum_site.adapters import engines, prepare

    engines.PreparedProject.refresh = _timed("prepare for Zensical (refresh)",  # type: ignore[method-assign]
                                             engines.PreparedProject.refresh)
    _wrap(prepare, "prepare", "merge the pages (prepare)")
    prepare.Tree.update = _timed("write the changed files", prepare.Tree.update)  # type: ignore[method-assign]
    prepare.HandWritten.read = _timed("read docs/", prepare.HandWritten.read)  # type: ignore[method-assign]


if _LOG:
    _install_mkdocs()
    _install_watchdog()
    _install_khartoum()
