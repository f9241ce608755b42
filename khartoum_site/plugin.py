"""The MkDocs adapter: read the data before MkDocs touches the site folder, add the generated pages.

Hooks only. The data is loaded and validated in ``on_config``, which runs before MkDocs empties
``site_dir``: bad data stops the build with every problem listed, and the published site is left
as it was. ``on_files`` adds the page set, the redirects of former ids and the public inventory;
``on_page_markdown`` resolves ``[[key]]`` references in hand-written pages; ``on_serve`` reloads
when a data file changes.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .pageset import PageSet, make_page_set
from .problems import DataError
from .references import resolve_references
from .validate import FileCache, load_record

log = get_plugin_logger(__name__)


class KhartoumConfig(base.Config):
    data_dir = c.Dir(exists=True, default="data")
    """The folder of YAML data files, relative to mkdocs.yml."""
    edit_url = c.Optional(c.Type(str))
    """Where the edit button of a generated page leads: a URL with {path} (the data file, relative to
    mkdocs.yml) and {line}, e.g. ``https://github.com/org/repo/edit/main/{path}#L{line}``."""


class KhartoumPlugin(BasePlugin[KhartoumConfig]):
    def __init__(self) -> None:
        self.page_set = PageSet({}, {})
        self.parsed: FileCache | None = None  # parsed data files by path, kept across `mkdocs serve` rebuilds
        self.command = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook keeps one plugin object, and so its cache, for every rebuild of `serve`.
        # A one-off build keeps no cache: the parse trees would only add to its peak memory.
        self.command = command
        self.parsed = {} if command == "serve" else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        try:
            record = load_record(Path(self.config.data_dir), self.parsed)
        except DataError as exc:
            raise PluginError(exc.report()) from None
        self.page_set = make_page_set(record, Path(self.config.data_dir), config.site_name, config.site_url)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        generated: dict[str, tuple[str, str | bytes]] = {
            path: (f"generated page '{page.title}'", page.markdown) for path, page in self.page_set.pages.items()}
        generated.update({path: (f"generated file '{path}'", content) for path, content in self.page_set.files.items()})
        for path, (what, content) in generated.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"{Path(config.docs_dir, path)} is a hand-written file at the place of the {what}. "
                    "Rename or move the hand-written file; a generated one never replaces it silently.")
            # Generated pages are reached through index pages, not the nav: no "not in nav" notice.
            files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        if self.command == "build":
            # The record and page set live until the build ends: keep the garbage collector from
            # walking them again and again while MkDocs renders (measured in bench/, docs/benchmark.md).
            gc.freeze()
        return files

    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        generated = self.page_set.pages.get(page.file.src_uri)
        if generated is not None:
            # A generated page is edited in its data file, at the record's line; never at a Markdown path.
            page.edit_url = None
            if self.config.edit_url and generated.origin is not None:
                path = os.path.relpath(Path(generated.origin.file).resolve(), Path(config.config_file_path).parent)
                page.edit_url = self.config.edit_url.format(path=Path(path).as_posix(), line=generated.origin.line)
        return context

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri in self.page_set.pages:
            return markdown
        resolved, unknown = resolve_references(markdown, page.file.src_uri, self.page_set.entries,
                                               self.page_set.aliases)
        if unknown:
            source = page.file.content_string
            offset = source[: max(source.find(markdown), 0)].count("\n")  # front matter lines
            shown = os.path.relpath(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri
            for reference in unknown:
                log.warning(reference.message(shown, offset))
        return resolved

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(self.config.data_dir)
        return server
