"""A development server's rebuild that renders again only the pages whose HTML can differ: MkDocs' dirty build
(``mkdocs serve --dirty``), made exact.

MkDocs' own dirty build renders a page when its source file is newer than its HTML, which is wrong for this site:
generated pages have no file of their own (MkDocs renders them all every time), a hand-written page's ``[[key]]``
references change with the data, and Material's search index keeps, of the pages rendered together, only the
first one's entries right. So while a server builds dirty, the plugin decides (:func:`decide`) which page is
rendered again: one whose input differs from the last build's (a generated page's Markdown and edit link; a
hand-written page's bytes, and its references as resolved now), and every page when anything they all share may
have changed (the configuration file, the theme's own folders, the banner of bad data, the set of files, or
anything this module cannot follow: an ``INHERIT``ed configuration, a search plugin other than Material's). A
page not rendered keeps its HTML; it is given back what other parts of the build read of it (its title and front
matter for the navigation, its date for the sitemap, its anchors and links for MkDocs' anchor check), and its
entries are put back in the search index in the place a whole build gives them (:func:`merged_search`).
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

SEARCH_PLUGIN = "material/search"


class Compiled(jinja2.BytecodeCache):
    """The theme's templates compiled, kept in memory between a server's builds: MkDocs makes a new template
    environment for each build, which compiled the theme's forty templates again (a third of a dirty rebuild).
    Jinja2 compiles a template again when its source no longer has the checksum it was compiled from."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.code.get(bucket.key)
        if found is not None:
            bucket.load_bytecode(io.BytesIO(found))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        out = io.BytesIO()
        bucket.write_bytecode(out)
        self.code[bucket.key] = out.getvalue()


class ThemeFiles(jinja2.FileSystemLoader):
    """The theme's loader for a server's builds: it lists no file inside a folder whose name begins with a dot.

    MkDocs lists every file of the theme's folders on each build (``Files.add_files_from_theme``, the only caller
    of ``list_templates``) and keeps none inside such a folder (its patterns ``.*`` and ``*/.*``): Material's
    ``.icons`` holds 14,348 of its 14,509 files, whose walk and matching took 45 ms of a 0.25 s served edit.
    Templates are found as before (``get_source`` is the same); only the listing leaves those folders out."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for root in self.searchpath:
            for folder, folders, names in os.walk(root, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                inside = Path(folder).relative_to(root).as_posix()
                found.update(name if inside == "." else f"{inside}/{name}" for name in names)
        return sorted(found)


def list_without_hidden_folders(theme: Any) -> None:
    """Give the environments ``theme`` makes from now on a :class:`ThemeFiles` loader in place of MkDocs' own."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env: jinja2.Environment = make()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:  # another kind of loader (a plugin's) is left as it is
            env.loader = ThemeFiles(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = get_env


@dataclass
class Served:
    """What the last build of a server rendered, kept for the next one."""

    shared: str | None = None  # the digest of what every page is made with (``shared_inputs``)
    files: frozenset[str] = frozenset()
    inputs: dict[str, object] = field(default_factory=dict)  # src_uri → what its page was made from
    statics: dict[str, bytes] = field(default_factory=dict)  # a generated file's bytes, by src_uri
    titles: dict[str, str | None] = field(default_factory=dict)  # src_uri → the title its rendering found
    sources: dict[str, tuple[str | None, dict[str, Any]]] = field(default_factory=dict)  # its Markdown and meta
    anchors: dict[str, set[str]] = field(default_factory=dict)  # src_uri → the anchors on its page
    links: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # src_uri → target → anchor → link
    search: dict[str, list[Any]] = field(default_factory=dict)  # page url → its entries in the search index
    rendered: list[str] = field(default_factory=list)  # the pages the last build rendered
    failed: bool = False  # the last build stopped: the site folder is as it left it, and is made afresh


def _digest_tree(digest: Any, folder: Path) -> None:
    for root, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            path = Path(root, name)
            digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape") + b"\0")
            digest.update(path.read_bytes() + b"\0")


def shared_inputs(config: Any, theme_dirs: list[str], banner: str) -> str | None:
    """A digest of what every page is made with besides its own input: the configuration file, the theme's
    folders outside installed packages (the project's ``custom_dir``, this site's templates) and the banner of
    bad data. None when it cannot be followed (an ``INHERIT``ed file, unreadable): every page is rendered."""
    digest = hashlib.blake2b(digest_size=32)
    try:
        raw = Path(config.config_file_path).read_bytes()
        if b"INHERIT" in raw:
            return None
        digest.update(raw + b"\0" + banner.encode("utf-8", "surrogatepass") + b"\0")
        for folder in theme_dirs:
            if "site-packages" not in Path(folder).parts and "dist-packages" not in Path(folder).parts:
                _digest_tree(digest, Path(folder))
            else:
                digest.update(folder.encode("utf-8", "surrogateescape") + b"\0")
    except (OSError, TypeError, ValueError):
        return None
    return digest.hexdigest()


def search_plugin(config: Any) -> tuple[bool, Any]:
    """(whether the search index can be kept whole over a dirty build, the plugin): Material's search plugin,
    whose entries this module puts back in order, or no search plugin at all."""
    plugins = config.plugins
    found = plugins.get(SEARCH_PLUGIN)
    if found is None:
        return not any("search" in name for name in plugins), None
    index = getattr(found, "search_index", None)
    return isinstance(getattr(index, "entries", None), list) and hasattr(found, "search_index_prev"), found


def titled_by_content(nav: Any) -> frozenset[str]:
    """The pages of the navigation whose title there is their own (no title in the configuration): every page
    shows it in its navigation, so a change to one of them renders every page."""
    # A title the configuration gives is set on the page as it is made (MkDocs' ``weak_property``).
    return frozenset(page.file.src_uri for page in nav.pages if "title" not in vars(page))


def decide(served: Served, files: Any, config: Any, shared: str | None, inputs: dict[str, object],
           statics: dict[str, bytes], supported: bool, titled: frozenset[str] = frozenset()) -> list[str] | None:
    """Mark each file of the build as modified or not (what MkDocs' dirty build asks, ``File.is_modified``);
    the documentation pages rendered again, or None when every one is (and the site folder was emptied of pages
    that are no more). ``inputs``: each page's input by src_uri (generated or hand-written); ``statics``: the
    generated files that are not pages, by src_uri; ``titled``: the pages whose title the navigation shows
    (``titled_by_content``)."""
    names = frozenset(f.src_uri for f in files)
    changed = {uri for uri, made in inputs.items() if served.inputs.get(uri, served) != made}
    whole = (not supported or shared is None or shared != served.shared or names != served.files
             or bool(changed & titled))
    if whole and (served.files or served.failed):
        # Pages that are no more would still be served from the folder: start it again, as a whole build does.
        shutil.rmtree(config.site_dir, ignore_errors=True)
        os.makedirs(config.site_dir, exist_ok=True)
    again: list[str] = []
    for file in files:
        if file.src_uri in inputs:
            modified = whole or file.src_uri in changed
            if modified:
                again.append(file.src_uri)
            _mark(file, modified)
        elif file.src_uri in statics:
            _mark(file, whole or served.statics.get(file.src_uri) != statics[file.src_uri])
    served.shared, served.files = shared if supported else None, names
    served.inputs, served.statics = dict(inputs), dict(statics)
    served.rendered = again
    return None if whole else again


def _mark(file: Any, modified: bool) -> None:
    # Read by MkDocs' dirty build only (``_populate_page``, ``_build_page``, ``copy_file``): set on this file
    # of this build, which the next build makes afresh.
    file.is_modified = lambda: modified


def restore(served: Served, files: Any, update_date: str | None, read_source: Callable[[Any], None]) -> None:
    """Give each page not rendered again what other parts of the build read of it: its Markdown and front
    matter (the navigation's titles; as its last rendering had them, which its input, unchanged, gives again,
    else read), the title its rendering found, its date (the sitemap), its anchors and links (MkDocs' check of
    the links to anchors: those of every page are checked against the pages as they are)."""
    again = set(served.rendered)
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        if update_date:
            page.update_date = update_date
        if file.src_uri in again:
            continue
        if file.src_uri in served.sources:
            page.markdown, page.meta = served.sources[file.src_uri]
        else:
            read_source(page)
        page._title_from_render = served.titles.get(file.src_uri)
        page.present_anchor_ids = served.anchors.get(file.src_uri)
        links = served.links.get(file.src_uri)
        if links is not None:
            targets = {target: files.get_file_from_path(target) for target in links}
            page.links_to_anchors = {targets[t]: dict(a) for t, a in links.items() if targets[t] is not None}


def remember(served: Served, files: Any) -> None:
    """What the pages rendered now give later builds (``restore``)."""
    for src_uri in served.rendered:
        file = files.get_file_from_path(src_uri)
        page = file.page if file is not None else None
        if page is None:
            continue
        served.titles[src_uri] = page._title_from_render
        served.sources[src_uri] = page.markdown, page.meta
        served.anchors[src_uri] = set(page.present_anchor_ids or ())
        served.links[src_uri] = {target.src_uri: dict(anchors)
                                 for target, anchors in (page.links_to_anchors or {}).items()}


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def merged_search(served: Served, files: Any, entries: list[Any]) -> list[Any]:
    """The search index's entries as a whole build makes them, page after page in the build's order: the
    pages rendered now (``entries``, which the search plugin made of them), the others as made before."""
    made: dict[str, list[Any]] = {}
    for entry in entries:
        made.setdefault(_page_of(entry["location"]), []).append(entry)
    again = set(served.rendered)
    for file in files.documentation_pages():
        if file.page is not None and file.src_uri in again:  # none, if it is now left out of the search
            served.search[file.page.url] = made.pop(file.page.url, [])
    served.search.update(made)
    order = [f.page.url for f in files.documentation_pages() if f.page is not None]
    return [entry for url in order for entry in served.search.get(url, [])]
