"""The MkDocs adapter: read the data before MkDocs touches the site folder, add the generated pages.

Hooks only. The data is loaded and validated in ``on_config``, which runs before MkDocs empties
``site_dir``: bad data stops the build with every problem listed, and the published site is left
as it was. ``on_files`` adds the page set; ``on_serve`` reloads when a data file changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .pages import Page, build_pages
from .problems import DataError
from .validate import load_record

log = get_plugin_logger(__name__)


class KhartoumConfig(base.Config):
    data_dir = c.Dir(exists=True, default="data")
    """The folder of YAML data files, relative to mkdocs.yml."""


class KhartoumPlugin(BasePlugin[KhartoumConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        try:
            record = load_record(Path(self.config.data_dir))
        except DataError as exc:
            raise PluginError(exc.report()) from None
        self.pages = build_pages(record)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        for path, page in self.pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                raise PluginError(
                    f"{Path(config.docs_dir, path)} is a hand-written page at the place of the generated "
                    f"page '{page.title}'. Rename or move the hand-written page; a generated page never "
                    "replaces one silently.")
            # Generated pages are reached through index pages, not the nav: no "not in nav" notice.
            files.append(File.generated(config, path, content=page.markdown,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(self.config.data_dir)
        return server
