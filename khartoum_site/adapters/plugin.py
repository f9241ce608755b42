"""The MkDocs adapter: read the data before MkDocs touches the site folder, add the generated pages.

Hooks only; what they hand to MkDocs is made by ``prepare``, the same code that prepares the tree
for an engine without Python plugins (Zensical, see ``engines``). The data is loaded and validated
in ``on_config``, which runs before MkDocs empties ``site_dir``: bad data stops the build with every
problem listed, and the published site is left as it was. ``on_files`` adds the page set, the
redirects of former ids and the public inventory; ``on_page_markdown`` resolves ``[[key]]``
references in hand-written pages; ``on_serve`` reloads when a data file changes.

Under ``mkdocs serve``, once a build has succeeded, bad data no longer stops a rebuild: the policy is
``prepare.Rebuilds``, shared with the engines without plugins. The problems are logged as a warning,
every page carries a banner listing them, and the pages keep the last good data.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from khartoum_site.adapters import dirty as dirty_build
from khartoum_site.adapters import prepare
from khartoum_site.outputs import stored
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record import usersecret, validate
from khartoum_site.record.problems import DataError
from khartoum_site.site.references import container_kinds

log = get_plugin_logger(__name__)


class EditUrl(c.Type[str]):
    """A template of the edit links of generated pages, checked as MkDocs loads the configuration: a template
    that names another placeholder, or that fills in to no http(s) address, stops with one line naming the
    option (``prepare.edit_url_problem``), not with a traceback at the first page."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        template = super().run_validation(value)
        problem = prepare.edit_url_problem(template)
        if problem:
            raise ValidationError(problem)
        return template


class KhartoumConfig(base.Config):
    data_dir = c.Dir(exists=True, default="data")
    """The folder of YAML data files, relative to mkdocs.yml."""
    edit_url = c.Optional(EditUrl())
    """Where the edit button of a generated page leads: a URL with {path} (the data file, relative to
    mkdocs.yml) and {line}, e.g. ``https://github.com/org/repo/edit/main/{path}#L{line}``."""


__all__ = ["EditUrl", "KhartoumConfig", "KhartoumPlugin"]


QUIET_SECONDS = 0.01
"""How long a server waits after the last notice of an edit before it rebuilds (MkDocs waits 0.1 s)."""


def _dirty_notice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class KhartoumPlugin(BasePlugin[KhartoumConfig]):
    def __init__(self) -> None:
        self.page_set = PageSet({}, {})
        self.command = ""
        self.serving = False  # this build is one of `mkdocs serve`'s
        self.containers: frozenset[str] | None = None  # the containers the Markdown extensions make (on_config)
        self.rebuilds = prepare.Rebuilds()  # the last good page set of this `mkdocs serve`
        self.banner = ""  # while the data is bad under `mkdocs serve`: its problems, put on every page
        self.page_banners: dict[str, str] = {}  # under `mkdocs serve`: a page's unknown references
        self.stopped = threading.Event()  # set when MkDocs shuts down: the data folder is no longer followed
        self.spill: prepare.Spill | None = None  # a build's generated pages and files, on disk until it ends
        self.dirty = False  # `mkdocs serve --dirty`: a rebuild renders again only the pages that can differ
        self.served = dirty_build.Served()  # what the server's last build rendered (adapters/dirty.py)
        self.files: Files | None = None  # this build's files, for on_post_build
        self.compiled = dirty_build.Compiled()  # the theme's templates, compiled once for a server's builds
        self.references = prepare.References()  # under `mkdocs serve`: the hand-written pages' references resolved
        self.notifier: Any = None  # under `mkdocs serve`: the system's notice of each edit (``_notice_at_once``)

    def _forget(self) -> None:
        """Start afresh: MkDocs keeps one plugin object for every command run in a process."""
        self.page_set = PageSet({}, {})
        self.serving = False
        self.rebuilds = prepare.Rebuilds()
        self.banner = ""
        self.references = prepare.References()

    # MkDocs passes the event hooks their arguments by name, so each hook keeps MkDocs' names, the ones it
    # does not use included (hence the `noqa: ARG002`).
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook keeps one plugin object, and so the last good page set, for every rebuild
        # of `serve`. (Data files checked before are not checked again: record/validate.py keeps them.)
        self._forget()
        self.command = command
        self.dirty = dirty and command == "serve"
        self.served = dirty_build.Served()
        if self.dirty:  # MkDocs' own warning says a dirty build may be wrong; this one is made exact
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_notice)

    def on_shutdown(self) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(_dirty_notice)
        self.stopped.set()
        if self.notifier is not None:
            with contextlib.suppress(RuntimeError):
                self.notifier.stop()
            self.notifier = None
        self._remove_spill()
        self._forget()
        self.command = ""

    def _is_serve_build(self, config: MkDocsConfig) -> bool:
        """Whether MkDocs builds for its development server, which rebuilds in this process.

        The command alone does not tell: `mkdocs serve --clean` starts plugins with "build" (MkDocs 1.6).
        But `serve` sets ``site_url`` of every build, the first and each rebuild, whatever its options,
        to the server's own address, made from ``dev_addr`` (``-a``). A `build` whose mkdocs.yml names
        that very address as its site is taken for a serve: it only skips ``gc.freeze`` and the spill.
        """
        host, port = config.dev_addr
        return self.command == "serve" or (config.site_url or "").startswith(f"http://{host}:{port}/")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if config.config_file_path:  # the key and compiled templates are never made in the project
            usersecret.guard(Path(config.config_file_path).parent)
        self.serving = self._is_serve_build(config)
        self.rebuilds.serving = self.serving
        self.containers = container_kinds(config.markdown_extensions)  # (read once a configuration, for every page)
        problem = prepare.settings_problem(config.site_url, config.site_name, Path(config.docs_dir),
                                           getattr(config.theme, "custom_dir", None), prepare.written_site_url(config),
                                           Path(config.config_file_path).parent if config.config_file_path else None)
        problem = problem or prepare.theme_settings_problem(config) or prepare.merged_settings_problem(config)
        problem = problem or prepare.layout_problem(Path(config.config_file_path or "x").parent, Path(config.docs_dir),
                                                    Path(self.config.data_dir), config.use_directory_urls,
                                                    dict(config.theme).get("variant"))
        problem = problem or prepare.extensions_problem(config.markdown_extensions)
        problem = problem or prepare.extension_options_problem(config.markdown_extensions, config.mdx_configs)
        problem = problem or (f"The environment: {found}" if (found := prepare.environment_problem()) else None)
        if problem:
            raise PluginError(problem)
        try:
            rebuilt = self.rebuilds.rebuild(self.options(config))  # the policy: prepare.Rebuilds
        except DataError as exc:
            raise PluginError(exc.report()) from None
        if rebuilt.report:
            log.warning(rebuilt.report)
        self.page_set, self.banner = rebuilt.page_set, rebuilt.banner
        # The site's templates (the head tags and the feed's link), after the project's own custom_dir.
        dirs = config.theme.dirs
        if str(prepare.THEME_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(prepare.THEME_DIR))
        if self.serving:
            dirty_build.list_without_hidden_folders(config.theme)
        return config

    def options(self, config: MkDocsConfig) -> prepare.Options:
        config_dir = Path(config.config_file_path).parent
        return prepare.Options(Path(self.config.data_dir), config.site_name, config.site_url, self.config.edit_url,
                               config_dir, config_dir / prepare.CACHE_DIR,
                               self.containers)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        # MkDocs' own lookup of a path (get_file_from_path) makes a PurePath of each: of the 7,000 places asked
        # here, that was a tenth of a served edit's time. The places are posix paths as src_uris are.
        refusal = prepare.shadowed(self.page_set, files.src_uris.__contains__, Path(config.docs_dir))
        if refusal:
            raise PluginError(refusal)
        if self.serving or self.command != "build":
            for path, (_what, content) in prepare.generated(self.page_set).items():
                # Generated pages are reached through index pages, not the nav: no "not in nav" notice.
                files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
            return files
        # One build: MkDocs is handed the generated pages and files, and the page set keeps only what later hooks
        # ask of it. Where they are many (prepare.SPILL_FROM), MkDocs reads them from a temporary folder, as it
        # reads the hand-written ones (see prepare.Spill); a few megabytes are handed over as they are, since
        # writing each to a file costs more time than they cost memory.
        generated = prepare.generated(self.page_set)
        if not prepare.spills(generated):
            sources: Iterable[tuple[str, str | bytes | Path]] = (
                (path, content) for path, (_what, content) in generated.items())
        else:
            self.spill = prepare.Spill()
            sources = self.spill.sources(self.page_set)
        del generated
        for path, source in sources:
            if isinstance(source, Path):
                file = File.generated(config, path, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV)
            else:
                file = File.generated(config, path, content=source, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
        self.page_set = prepare.handed_over(self.page_set)
        stored.forget()
        # The record and page set live until the build ends: keep the garbage collector from walking them
        # again and again while MkDocs renders (measured in bench/, docs/benchmark.md). Never in a server:
        # each rebuild's objects would stay frozen, never freed, until it stops.
        gc.freeze()
        return files

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.files = files
        if self.dirty:
            self._decide(files, config, nav)
        return nav

    def _decide(self, files: Files, config: MkDocsConfig, nav: Any) -> None:
        """Which pages a dirty rebuild renders again (adapters/dirty.py): each page's input now, against the last."""
        supported, _search = dirty_build.search_plugin(config)
        config_dir = Path(config.config_file_path).parent
        inputs: dict[str, object] = {
            path: ("generated", page.markdown, prepare.edit_url(page, self.config.edit_url, config_dir))
            for path, page in self.page_set.pages.items()}
        for file in files.documentation_pages():
            if file.src_uri in inputs:
                continue
            if file.abs_src_path is None or file.generated_by is not None:  # another plugin's page: not followed
                supported = False
                continue
            raw = Path(file.abs_src_path).read_bytes()
            resolved, warnings = self.references.resolve(raw.decode("utf-8-sig", errors="replace"), file.src_uri,
                                                         self.page_set, file.src_uri,
                                                         containers=self.containers)
            inputs[file.src_uri] = ("hand-written", raw, resolved, tuple(warnings), self.page_set.data_date)
        shared = dirty_build.shared_inputs(config, list(config.theme.dirs), self.banner)
        dirty_build.decide(self.served, files, config, shared, inputs, dict(self.page_set.files), supported,
                           dirty_build.titled_by_content(nav))

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.compiled
        if self.dirty:
            dirty_build.restore(self.served, files, self.page_set.data_date, lambda page: page.read_source(config))
        return env

    @event_priority(50)  # before the search plugin writes its index: it is given the whole index to write
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._remove_spill()
        if self.dirty and self.files is not None:
            dirty_build.remember(self.served, self.files)
            supported, search = dirty_build.search_plugin(config)
            if search is not None and supported:
                search.search_index.entries = dirty_build.merged_search(self.served, self.files,
                                                                        search.search_index.entries)
                search.search_index_prev = None  # its own merge keeps only the first page rendered right
        self.files = None

    def on_build_error(self, *, error: Exception) -> None:  # noqa: ARG002
        self._remove_spill()
        # What the failed build rendered is unknown (a page it could not write, an attack's W11, was then skipped
        # by every dirty rebuild and served as 404): the next rebuild is whole, and empties the site folder first.
        self.served = dirty_build.Served(failed=True)

    def _remove_spill(self) -> None:
        if self.spill is not None:
            self.spill.remove()
            self.spill = None

    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:  # noqa: ARG002
        generated = self.page_set.pages.get(page.file.src_uri)
        if generated is not None:
            # A generated page is edited in its data file, at the record's line; never at a Markdown path.
            page.edit_url = prepare.edit_url(generated, self.config.edit_url, Path(config.config_file_path).parent)
        return context

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str | None:  # noqa: ARG002
        if self.page_set.data_date:
            # The sitemap's <lastmod> (MkDocs writes it from this, by default the build's own date, before
            # any page is rendered): the date of the data, which every page says it stands at.
            page.update_date = self.page_set.data_date
        if page.file.src_uri in self.page_set.pages:
            return markdown
        source = page.file.content_string
        offset = source[: max(source.find(markdown), 0)].count("\n")  # front matter lines
        shown = validate.shown(Path(page.file.abs_src_path)) if page.file.abs_src_path else page.file.src_uri
        resolve = self.references.resolve if self.serving else prepare.resolve  # a build resolves each page once
        # the page's title is its front matter's, else its first heading's (a reference there is refused)
        resolved, warnings = resolve(markdown, page.file.src_uri, self.page_set, shown, offset, "title" in page.meta,
                                     self.containers)
        for warning in warnings:
            log.warning(warning)
        if self.serving and warnings:  # a build fails on them; a server shows them where they are
            self.page_banners[page.file.src_uri] = prepare.references_banner(warnings)
        else:
            self.page_banners.pop(page.file.src_uri, None)
        return prepare.with_as_at(resolved, self.page_set)

    def on_page_content(self, content: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str | None:  # noqa: ARG002
        banner = self.banner + self.page_banners.get(page.file.src_uri, "")
        return banner + content if banner else content

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:  # noqa: ARG002
        server.watch(self.config.data_dir)
        self._follow(server, self.config.data_dir)
        self._notice_at_once(server, [self.config.data_dir, config.docs_dir])
        return server

    def _notice_at_once(self, server: Any, folders: list[str]) -> None:
        """MkDocs 1.6's server looks for changes every half second (a polling observer): an edit waited a quarter
        of a second on average before its rebuild began, as long as the dirty rebuild itself. The system's
        notices (watchdog's native observer: inotify on Linux) come at once; MkDocs' own watches stay, and
        whichever sees an edit first asks for the rebuild, as MkDocs' own watches ask (``_want_rebuild``)."""
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        class Changed(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                # Not a read (the build reads the data): a file written, made, removed or moved.
                if event.is_directory or event.event_type not in ("created", "modified", "deleted", "moved", "closed"):
                    return
                with server._rebuild_cond:
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

        if self.notifier is not None:
            return
        observer = Observer()
        observer.daemon = True
        try:
            for folder in folders:
                if os.path.isdir(folder):
                    observer.schedule(Changed(), folder, recursive=True)
            observer.start()
        except OSError:  # no notices to be had (a limit of watches reached): MkDocs' own polling is left
            return
        self.notifier = observer
        # MkDocs then waits for 0.1 s without a notice before it rebuilds, a wait meant for its polling (an editor's
        # save seen in two polls); the system's notices of one save come together, so 10 ms of quiet is enough, as
        # for the engines without plugins (engines.serve). Measured: 0.10 to 0.15 s of a 0.5 s served edit.
        if isinstance(getattr(server, "build_delay", None), float):
            server.build_delay = min(server.build_delay, QUIET_SECONDS)

    def _follow(self, server: Any, data_dir: str) -> None:
        """Keep watching data/ when it is replaced: watchdog drops a folder's watch when the folder goes
        (deleted and restored, a checkout of another branch), and later edits would go unseen. A thread
        notices the folder come back, watches it again and asks for a rebuild (MkDocs 1.6's server: its
        ``_rebuild_cond`` and ``_want_rebuild`` are what its own watches use)."""
        def follow() -> None:
            seen = prepare.folder_identity(data_dir)
            while not self.stopped.wait(0.5):
                now = prepare.folder_identity(data_dir)
                if now == seen:
                    continue
                seen = now
                if now is not None:
                    with contextlib.suppress(KeyError, OSError, RuntimeError):
                        server.unwatch(data_dir)
                    server.watch(data_dir)
                with server._rebuild_cond:
                    server._want_rebuild = True
                    server._rebuild_cond.notify_all()

        self.stopped.clear()
        threading.Thread(target=follow, name="khartoum-data-folder", daemon=True).start()
