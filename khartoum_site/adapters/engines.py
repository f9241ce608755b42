"""The engines that can build the site, and how each one is given what the site adds.

- **MkDocs** (the default) and **ProperDocs** (a maintained continuation of MkDocs 1.x, which runs
  MkDocs plugins unchanged) run the ``khartoum`` plugin: they are started on ``mkdocs.yml`` as it is.
- **Zensical** runs no Python plugins. For it, a *prepared project* is made in a folder of its own:
  ``docs/``, the hand-written pages and the generated ones merged by ``prepare`` (the code the plugin
  runs, see there), and a ``mkdocs.yml`` that inherits the project's own and only moves ``docs_dir``
  and ``site_dir`` there, selects the theme's ``classic`` variant (the look of Material for MkDocs)
  unless the project chose one, and points ``custom_dir`` at the site's own templates (``prepare.THEME_DIR``:
  each page's head tags, which the plugin adds to the theme for the other engines) under the project's
  own ``custom_dir`` and, when pages can have edit buttons, a copy of the theme's ``partials/actions.html``
  that takes a generated page's edit link from its front matter.

``khartoum-site build`` and ``khartoum-site serve`` (``cli.py``) call this module; it does not import
MkDocs, ProperDocs or Zensical, each of which runs in a child process.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any

import yaml

from khartoum_site.adapters import prepare, publish
from khartoum_site.escape import terminal_text
from khartoum_site.outputs.pageset import PageSet
from khartoum_site.record import usersecret
from khartoum_site.record.problems import DataError
from khartoum_site.site.references import container_kinds

DEFAULT = "mkdocs"
PREPARED_CONFIG = "mkdocs.yml"  # the prepared project's configuration, beside its docs/ and site/
ACTIONS = "partials/actions.html"  # the theme template that draws a page's edit button
_EDIT_LINK_SETTINGS = ("repo_url", "edit_uri", "edit_uri_template")


@dataclass(frozen=True)
class Engine:
    name: str
    title: str
    module: str  # run as `python -m MODULE`
    distribution: str  # the package that installs it
    runs_plugin: bool  # runs the khartoum plugin itself; otherwise it is given a prepared project
    extra: str | None  # the optional dependency set that installs it: pip install -e '.[EXTRA]'


ENGINES = {
    "mkdocs": Engine("mkdocs", "MkDocs", "mkdocs", "mkdocs", True, None),
    "properdocs": Engine("properdocs", "ProperDocs", "properdocs", "properdocs", True, "properdocs"),
    "zensical": Engine("zensical", "Zensical", "zensical", "zensical", False, "zensical"),
}


class Unavailable(Exception):
    """The engine is not installed; the message says how to install it."""


class ConfigError(Exception):
    """The configuration file cannot be read for a prepared project; the message says why."""


def check_installed(engine: Engine) -> str:
    """The engine's installed version; raises ``Unavailable`` with the command that installs it."""
    try:
        found = importlib.util.find_spec(engine.module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        how = f"pip install -e '.[{engine.extra}]'" if engine.extra else "pip install -e ."
        raise Unavailable(f"{engine.title} is not installed in this Python ({sys.executable}); "
                          f"install it with: {Path(sys.executable).parent / how}")
    try:
        return version(engine.distribution)
    except PackageNotFoundError:
        return "unknown version"


def plugin_command(engine: Engine, action: str, config_file: Path, *options: str) -> list[str]:
    """The command line of an engine that runs the plugin, on the project's own configuration."""
    return [sys.executable, "-m", engine.module, action, "--config-file", str(config_file), *options]


def child_env() -> dict[str, str]:
    """The engines' environment: ours, unchanged. Their own notices (Material's end of life, ProperDocs'
    advice) are shown as they print them; set NO_MKDOCS_2_WARNING=1 to silence Material's."""
    return dict(os.environ)


# --- reading mkdocs.yml for a prepared project ----------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    """What a prepared project needs from the project's own configuration file."""

    config_file: Path
    docs_dir: Path
    options: prepare.Options
    theme_variant: str | None  # Material's `variant` (Zensical's look), if the configuration sets one
    custom_dir: Path | None  # the theme's custom_dir, if any
    edit_links: bool  # pages may have edit buttons: the engine's (hand-written pages) or ours (generated)
    site_dir: Path | None = None  # the configuration's site_dir (build publishes to its own --site-dir)
    extensions_given: bool = True  # a file of the configuration lists markdown_extensions
    leaves_out: tuple[str, ...] = ()  # the settings that leave hand-written pages out of the site (exclude_docs …)


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        lines = record.getMessage().strip().splitlines()
        if len(lines) > 1 and any(line.lstrip().startswith('File "') for line in lines):
            # MkDocs writes the traceback of an extension that failed to load into its message: its first line
            # and the error it ended on say what to fix (an option of the wrong kind), the frames do not
            lines = [f"{lines[0]} ({lines[-1].strip()})"]
        self.lines.append(" ".join(line.strip() for line in lines))


_INHERIT = re.compile(r"""^INHERIT:[ \t]*(['"]?)([^'"#\n]+?)\1[ \t]*(?:#.*)?$""", re.M)


def _not_plain(config_file: Path) -> str | None:
    """Why the configuration, or a file its INHERIT names (and theirs), is not a plain file, or None. MkDocs'
    loader opened a named pipe and waited on it for ever (found by an attack)."""
    path, seen = config_file, set()
    while path not in seen:
        seen.add(path)
        if path.exists() and not path.is_file():
            return f"{path} is not a plain file (a folder, a named pipe or a device)"
        if not path.is_file():
            return None  # missing: MkDocs says so, naming it
        inherit = _INHERIT.search(path.read_text(encoding="utf-8", errors="replace"))
        if inherit is None:
            return None
        path = Path(os.path.abspath(path.parent / inherit.group(2).strip()))
    return None  # a circle: MkDocs' loader says so


# MkDocs' words for a value of another kind, in Python's names (a twenty-third attack's W14): said in an editor's.
_KIND_NAMES = {"str": "text", "list": "a list", "dict": "a mapping", "int": "a whole number", "float": "a number",
               "bool": "true or false", "NoneType": "nothing"}
_MKDOCS_KINDS = re.compile(r"Expected type: <class '([\w.]+)'> but received: <class '([\w.]+)'>")


def _kind_name(python_name: str) -> str:
    """A kind of value in an editor's words; MkDocs' ``!relative`` tag gives a placeholder class (a twenty-seventh
    attack's Q17 was answered with ``mkdocs.utils.yaml.ConfigDirPlaceholder``)."""
    name = python_name.rsplit(".", 1)[-1]
    if name.endswith("Placeholder"):
        return "a path tagged !relative, which this option does not read (write the folder as plain text)"
    return _KIND_NAMES.get(name, "a value of another kind")


def _text_found(expected: str, found: str) -> str:
    """"expected text, found a whole number", with what makes a text a number in YAML when text was expected and a
    number or true or false found (an attack's BT7: site_name 12:30 was "a whole number" with no word why)."""
    said = f"expected {_kind_name(expected)}, found {_kind_name(found)}"
    if expected.rsplit(".", 1)[-1] == "str" and found.rsplit(".", 1)[-1] in ("int", "float", "bool"):
        said += (" (YAML reads 12:30, 0x1F and 1_000 as numbers, and yes, no, on and off as true or false: put a text "
                 "in quotes)")
    return said


def _value_found(written: str) -> str:
    """A value as MkDocs' nav check shows it ("a int: 5", "dict with keys ('a', 'b')", "None", "'x'"), in an
    editor's words: "the number 5", "a mapping with the keys 'a', 'b'", "nothing", "the text 'x'"."""
    if written == "None":
        return "nothing"
    if keys := re.fullmatch(r"dict with keys \((.*?),?\)", written):
        return f"a mapping with the keys {keys[1]}"
    if (shown := re.fullmatch(r"an? (\w+): (.*)", written, re.S)) is None:
        return f"the text {written}"
    if shown[1] in ("int", "float"):
        return f"the number {shown[2]}"
    if shown[1] == "bool":
        return f"the value {shown[2].lower()}"
    return f"{_kind_name(shown[1])}: {shown[2]}"


_CLASS = r"<class '([\w.]+)'>"
# MkDocs' other words for a value of another kind, each with the Python class it was given (an attack's BM5), and the
# words of its nav check: said as what the setting must be and what was found.
_MKDOCS_WORDS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"Expected a list of items, but a {_CLASS} was given"),
     lambda m: f"must be a list, found {_kind_name(m[1])}"),
    (re.compile(rf"Expected a dict of items, but a {_CLASS} was given"),
     lambda m: f"must be a mapping (key: value lines), found {_kind_name(m[1])}"),
    (re.compile(rf"Expected a multiline string, but a {_CLASS} was given"),
     lambda m: f"must be text, one pattern a line (write it after |), found {_kind_name(m[1])}"),
    (re.compile(rf"(?:The configuration is invalid\. )?Expected a key-value mapping \(dict\) but received: {_CLASS}"),
     lambda m: f"holds {_kind_name(m[1])} where it reads settings written as key: value lines"),
    (re.compile(rf"Expected type: {_CLASS} for keys, but received: {_CLASS} \(key=(.*?)\)"),
     lambda m: f"must have {_kind_name(m[1])} as each key, found {_kind_name(m[2])} (the key {m[3]})"),
    (re.compile(rf"Expected a string, (?:got|but a) {_CLASS}(?: was given)?"),
     lambda m: "must be text, found " + _text_found("str", m[1]).split(", found ", 1)[1]),
    (re.compile(rf"Expected (an? [\w -]+), but a {_CLASS} was given"),  # any other of this form
     lambda m: f"must be {m[1]}, found {_kind_name(m[2])}"),
    (re.compile(rf"Invalid type {_CLASS}\. Expected a string or key/value pairs"),
     lambda m: f"must be text or key: value settings, found {_kind_name(m[1])}"),
    (re.compile(rf"Expected boolean but received: {_CLASS}"),
     lambda m: f"must be true or false, found {_kind_name(m[1])}"),
    (re.compile(r"Expected nav to be a list, got (.*)", re.S),
     lambda m: f"must be a list of pages, found {_value_found(m[1])}"),
    (re.compile(r"Expected nav item to be a dict of size 1, got (.*)", re.S),
     lambda m: f"has an entry that is not one title with its page (Title: page.md), found {_value_found(m[1])}"),
    (re.compile(r"Expected nav item to be a string or dict, got (.*)", re.S),
     lambda m: f"has an entry that is neither a page nor a title with its page (Title: page.md), found "
               f"{_value_found(m[1])}"),
)


def _plain(said: str) -> str:
    """MkDocs' message of a configuration it cannot read, in plain words: the kinds named, no doubled stop."""
    said = _MKDOCS_KINDS.sub(lambda m: _text_found(m[1], m[2]), said)
    for pattern, words in _MKDOCS_WORDS:
        said = pattern.sub(words, said)
    said = re.sub(_CLASS, lambda m: _kind_name(m[1]), said)  # any other class MkDocs names
    # "Config value 'validation': Sub-option 'nav': must …" is said "the setting 'validation.nav' must …"
    while (inner := re.sub(r"Config value '([^'\n]*)': Sub-option '([^'\n]*)': ", r"Config value '\1.\2': ",
                           said)) != said:
        said = inner
    said = re.sub(r"Config value ('[^'\n]*'): (must|has|holds) ", r"the setting \1 \2 ", said)
    said = re.sub(r"Config value ('[^'\n]*'): expected ", r"the setting \1 must be ", said)
    said = re.sub(r"( option '[^'\n]*'): (must|has|holds) ", r"\1 \2 ", said)
    # (YAML's parser says a problem over three lines, shown as "\x0a" in the one line a message is: BF18)
    return "; ".join(part.strip() for part in said.splitlines() if part.strip()).rstrip(".")


def engine_problem(settings: Settings, engine: Engine) -> str | None:
    """What stops ``engine`` from building the project as configured, said in one line, or None."""
    if engine.name == "zensical" and not settings.extensions_given:
        return (f"{settings.config_file}: markdown_extensions is not given: Zensical would load extensions of its "
                "own choosing, some of which rewrite the record's texts (magiclink, mark, caret, smartsymbols, "
                "arithmatex); list the extensions the site uses, as the project's mkdocs.yml does (the README lists "
                "those allowed)")
    return None


def _lists_extensions(config_file: Path) -> bool:
    """Whether a file of the configuration (INHERIT's included) gives markdown_extensions. Without the key,
    Zensical loads extensions of its own choosing, magiclink, mark, caret, tilde, smartsymbols and arithmatex among
    them, which the allow-list never saw (a twenty-first attack); MkDocs loads none beyond its own three."""
    path, seen = config_file, set()
    while path not in seen and path.is_file():
        seen.add(path)
        try:
            written = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_NameLoader)
        except (OSError, ValueError, yaml.YAMLError, TypeError, AttributeError, RecursionError):
            return True  # read as MkDocs reads it, said there
        if not isinstance(written, dict):
            return True
        if "markdown_extensions" in written:
            return True
        inherit = written.get("INHERIT")
        if not isinstance(inherit, str):
            return False
        path = Path(os.path.abspath(path.parent / inherit.strip()))
    return False


class _NameLoader(yaml.SafeLoader):
    """A loader that reads any tag's value as plain YAML (``!ENV``, ``!relative``, ``!!python/name``): only the
    keys matter here, and nothing is made or imported."""


_NameLoader.add_multi_constructor("", lambda loader, _suffix, node: (
    loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode)
    else loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else loader.construct_mapping(node)))


_MOST_SETTINGS_VALUES = 100_000  # (the project's mkdocs.yml holds a few hundred)


def _each_file_problem(config_file: Path) -> str | None:
    """The first setting of the configuration or of a file its INHERIT names that the theme would write unsafely,
    or a Markdown extension that rewrites text, read file by file. MkDocs' merge replaces a parent's list by the
    child's, but Zensical appends them: a parent's javascript: social link and its snippets extension reached
    Zensical's pages while the merged settings looked clean (a sixteenth attack)."""
    from mkdocs.utils.yaml import get_yaml_loader

    path, seen = config_file, set()
    while path not in seen and path.is_file():
        seen.add(path)
        shown = f"{path.name}: " if path != config_file else ""
        try:
            text = path.read_text(encoding="utf-8-sig")
            # read, not yet made into values: a tag that runs code has not run
            composed = yaml.compose(text, Loader=get_yaml_loader())
            if problem := _written_problem(composed):
                return f"{shown}{problem}"
            try:
                read = prepare.values_read(composed, {}) if composed is not None else 0
            except prepare.RefersToItself:
                return f"{shown}holds a list or mapping inside itself through an alias (*name): write it out"
            if read > _MOST_SETTINGS_VALUES:
                # seven lines of aliases under extra: ten million values, which MkDocs writes out whole into its
                # log of the settings before anything else (an attack's BW1)
                return (f"{shown}repeats values through aliases (*name) into more than {_MOST_SETTINGS_VALUES:,} "
                        "values: write the values out, without anchors (&name) and aliases")
            written = yaml.load(text, Loader=get_yaml_loader())
        except UnicodeDecodeError:
            # a UTF-16 file: MkDocs read it, Zensical stopped with a UnicodeDecodeError naming no file (a sixteenth
            # attack)
            return f"{shown}is not UTF-8 text: save it as UTF-8 (every engine reads it so)"
        except (OSError, ValueError, yaml.YAMLError, TypeError, AttributeError, RecursionError):
            return None  # MkDocs' loader says what is wrong, naming the line
        if not isinstance(written, dict):
            return None
        extensions = written.get("markdown_extensions")
        names = [name for entry in (extensions if isinstance(extensions, list) else [])
                 for name in (entry if isinstance(entry, dict) else [entry])]
        if problem := prepare.theme_settings_problem(written) or prepare.extensions_problem(names):
            return f"{shown}{problem}"
        inherit = written.get("INHERIT")
        if not isinstance(inherit, str) or not inherit.strip():
            return None  # (said by _odd_setting)
        path = Path(os.path.abspath(path.parent / inherit.strip()))
        if path.exists() and not path.is_file():
            # read through !ENV, a named pipe made check and build wait for ever (an attack's BJ4)
            return (f"{shown}INHERIT names {terminal_text(str(path))[:120]}, which is not a plain file (a folder, a "
                    "named pipe or a device): name a settings file")
    return None


def _alias_loop(node: yaml.Node | None) -> int | None:
    """The line of a value that holds itself through an alias (``&a {x: *a}``), or None."""
    on_path: set[int] = set()
    done: set[int] = set()

    def walk(current: yaml.Node) -> int | None:
        if id(current) in on_path:
            return current.start_mark.line + 1
        if id(current) in done:
            return None
        on_path.add(id(current))
        children = ([part for pair in current.value for part in pair] if isinstance(current, yaml.MappingNode)
                    else list(current.value) if isinstance(current, yaml.SequenceNode) else [])
        for child in children:
            if (found := walk(child)) is not None:
                return found
        on_path.discard(id(current))
        done.add(id(current))
        return None

    try:
        return walk(node) if node is not None else None
    except RecursionError:  # nested deeper than Python walks: MkDocs' loader says so
        return None


def _nodes(node: yaml.Node | None) -> Iterator[yaml.Node]:
    """Each node of a composed YAML document once (an alias is the same node again: nested ones would be read
    exponentially)."""
    pending, visited = ([node] if node is not None else []), set()
    while pending:
        current = pending.pop()
        if id(current) in visited:
            continue
        visited.add(id(current))
        yield current
        if isinstance(current, yaml.MappingNode):
            pending.extend(part for pair in current.value for part in pair)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)


def _written_problem(composed: yaml.Node | None) -> str | None:
    """What in a settings file, as written, no engine should read, said in one line, or None: an alias that loops
    (Zensical went round it to Python's recursion limit, an eighteenth attack), a tag that makes PyYAML's full
    loader build a Python object or call a function (!!python/object/apply:os.system ran a command with every
    engine, a sixteenth attack; !!python/name, which Material's emoji settings use, imports what it names), a key
    given twice in one mapping (MkDocs keeps the last and drops the first without a word)."""
    if (looped := _alias_loop(composed)) is not None:
        return f"line {looped}: an alias names a value that holds it, a loop no engine can read: remove it"
    for node in _nodes(composed):
        if node.tag.startswith(("tag:yaml.org,2002:python/object", "tag:yaml.org,2002:python/module")):
            return (f"line {node.start_mark.line + 1}: the tag "
                    f"{terminal_text('!!' + node.tag.removeprefix('tag:yaml.org,2002:'))[:80]} makes Python run code "
                    "as the file is read: remove it (a setting that needs a function names it with !!python/name:)")
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.tag == "tag:yaml.org,2002:int":
            try:
                yaml.SafeLoader("").construct_object(node)
            except ValueError:  # more digits than Python reads: its loader stopped in Python's words (D7-19)
                return (f"line {node.start_mark.line + 1} holds a number of "
                        f"{sum(character.isdigit() for character in node.value):,} digits, too long to be read as a "
                        "number: put it in quotes if it is text, or shorten it")
        if isinstance(node, yaml.MappingNode):
            keys = [key for key, _value in node.value if isinstance(key, yaml.ScalarNode) and key.value != "<<"]
            seen: set[str] = set()
            for key in keys:
                if key.value in seen:
                    return (f"line {key.start_mark.line + 1}: {terminal_text(key.value)[:80]} is given a second time "
                            "in the same place (the first would be dropped without a word): keep one")
                seen.add(key.value)
    return None


def _inherits(config_file: Path) -> bool:
    """Whether the configuration names a file to inherit from."""
    try:
        return bool(_INHERIT.search(config_file.read_text(encoding="utf-8-sig", errors="replace")))
    except OSError:
        return False


def _odd_setting(config_file: Path) -> str | None:
    """A setting MkDocs' loader would end on with Python's own words, said plainly, or None: INHERIT that is not
    the path of one file, a theme's custom_dir that is not a folder's path (an attack gave a list, a mapping,
    a number or nothing), a site_url whose host in brackets cannot be read."""
    from mkdocs.utils.yaml import get_yaml_loader  # the engine's tags (!ENV, !relative); INHERIT not followed

    try:  # read after _each_file_problem, which refuses what would run or loop as it is read
        written = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=get_yaml_loader())
    except (OSError, ValueError, yaml.YAMLError, TypeError, AttributeError, RecursionError):
        return None  # MkDocs' loader says what is wrong, naming the line
    if not isinstance(written, dict):
        return None
    if "INHERIT" in written and not (isinstance(written["INHERIT"], str) and written["INHERIT"].strip()):
        return (f"INHERIT must be the path of one settings file, written as text; it is "
                f"{prepare.kind_said(written['INHERIT'])}")
    theme = written.get("theme")
    if isinstance(theme, dict) and "custom_dir" in theme and not isinstance(theme["custom_dir"], str | None):
        return (f"theme.custom_dir must be the path of a folder, written as text; it is "
                f"{prepare.kind_said(theme['custom_dir'])}")
    site_url = written.get("site_url")
    if isinstance(site_url, str) and "[" in site_url and (problem := prepare.site_url_problem(site_url)):
        # MkDocs' loader ends on "http://[" in urllib's words, naming no setting
        return _from_environment(config_file, f"site_url {problem}")
    return None


_ENV_SITE_URL = re.compile(r"^site_url:\s*!ENV\s*\[?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)", re.M)


def _from_environment(config_file: Path, problem: str) -> str:
    """A problem of site_url said with the environment variable it was read from, when the settings file reads it
    so (``site_url: !ENV SITE_URL``): the editor finds no address in the file (an attack's BE2)."""
    if not problem.startswith("site_url "):
        return problem
    try:
        named = _ENV_SITE_URL.search(config_file.read_text(encoding="utf-8-sig", errors="replace"))
    except OSError:
        return problem
    if named is None or named[1] not in os.environ:
        return problem
    return f"site_url, read from the environment variable {named[1]}, " + problem.removeprefix("site_url ")


def read_settings(config_file: Path) -> Settings:
    """The settings, read by MkDocs' own loader: INHERIT (merged deeply), ``!ENV``, the defaults, and the
    khartoum plugin's options checked as MkDocs checks them. MkDocs is always installed with the project;
    an engine without a Python API (Zensical) reads the same file itself, through the prepared one."""
    from mkdocs.config import load_config  # here: only a prepared project needs it
    from mkdocs.exceptions import MkDocsException

    config_file = config_file.resolve()
    usersecret.guard(config_file.parent)  # the key and compiled templates are never made in the project
    if problem := _not_plain(config_file):
        raise ConfigError(f"{config_file}: cannot be read: {problem}")
    if problem := _each_file_problem(config_file) or _odd_setting(config_file):
        raise ConfigError(f"{config_file}: {problem}")
    collected = _Collected()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    previous, logger.propagate = logger.propagate, False  # said once, in the ConfigError below
    try:
        config = load_config(config_file=str(config_file))
    except (MkDocsException, OSError, yaml.YAMLError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        # TypeError and the like: MkDocs' loader met a file it cannot merge (an INHERIT of a file that is
        # not a YAML mapping, or itself); said as a problem of the configuration, not as a traceback
        said = "; ".join(collected.lines) or str(exc)
        if isinstance(exc, RecursionError):
            # 100,000 '[' in a row were blamed on INHERIT (a fifteenth attack): said as what it may be
            nested = "a value nests too deeply (hundreds of '[' or '{' in a row)"
            said = (f"its INHERIT leads back to a file already read (the file itself, or through another one), or "
                    f"{nested}" if _inherits(config_file) else nested)
        elif isinstance(exc, TypeError | AttributeError | ValueError) and not collected.lines:
            said += (" (a file INHERIT names is not settings written as key: value lines?)" if _inherits(config_file)
                     else " (a setting of another kind than its plugin or theme reads?)")
        raise ConfigError(f"{config_file}: cannot be read: {_plain(said)}") from None
    finally:
        logger.removeHandler(collected)
        logger.propagate = previous
    ours = [line for line in collected.lines if "Plugin 'khartoum'" in line]
    if ours:  # an unknown option (a misspelt edit_url): MkDocs' strict build stops on it, so does this
        raise ConfigError(f"{config_file}: {'; '.join(ours)}")
    plugin = config.plugins.get("khartoum")
    if plugin is None:
        raise ConfigError(f"{config_file} does not list the khartoum plugin under 'plugins': there is nothing "
                          "to prepare")
    problem = prepare.settings_problem(config.site_url, config.site_name, Path(config.docs_dir),
                                       getattr(config.theme, "custom_dir", None), prepare.written_site_url(config),
                                       config_file.parent)
    problem = problem or prepare.theme_settings_problem(config) or prepare.merged_settings_problem(config)
    problem = problem or prepare.layout_problem(config_file.parent, Path(config.docs_dir),
                                                Path(plugin.config["data_dir"]), config.use_directory_urls,
                                                dict(config.theme).get("variant"))
    problem = problem or prepare.extensions_problem(config.markdown_extensions)
    problem = problem or prepare.extension_options_problem(config.markdown_extensions, config.mdx_configs)
    if problem:
        raise ConfigError(problem if isinstance(problem, prepare.FileProblem)
                          else f"{config_file}: {_from_environment(config_file, problem)}")
    if problem := prepare.environment_problem():
        raise ConfigError(f"The environment: {problem}")
    edit_url = plugin.config.get("edit_url")
    options = prepare.Options(
        data_dir=Path(plugin.config["data_dir"]), site_name=str(config.site_name or ""),
        site_url=str(config.site_url) if config.site_url else None,
        edit_url=str(edit_url) if edit_url else None, config_dir=config_file.parent,
        cache_dir=config_file.parent / prepare.CACHE_DIR, containers=container_kinds(config.markdown_extensions))
    theme = config.theme
    custom_dir = getattr(theme, "custom_dir", None)
    variant = dict(theme).get("variant")
    # MkDocs fills edit_uri in from a known repo_url; the edit buttons are the engine's when either is set
    edit_links = bool(edit_url) or any(config.get(key) for key in _EDIT_LINK_SETTINGS)
    return Settings(config_file, Path(config.docs_dir), options, str(variant) if variant else None,
                    Path(custom_dir) if custom_dir else None, edit_links,
                    Path(config.site_dir) if config.site_dir else None, _lists_extensions(config_file),
                    tuple(key for key in ("exclude_docs", "draft_docs") if config.get(key)))


# --- the prepared project ---------------------------------------------------------------------------------

def _theme_template(engine: Engine, custom_dir: Path | None, name: str) -> Path:
    """A template as the engine finds it: in the project's own custom_dir first, else in its theme."""
    if custom_dir is not None and (custom_dir / name).is_file():
        return custom_dir / name
    spec = importlib.util.find_spec(engine.module)
    if spec is None or spec.origin is None:
        raise Unavailable(f"{engine.title} is not installed")
    return Path(spec.origin).parent / "templates" / name


def edit_actions(original: str) -> str:
    """The theme's ``partials/actions.html``, taking a generated page's edit link from its front matter
    (``prepare.EDIT_URL_KEY``; empty: no button) and any other page's from the engine, as before."""
    if "page.edit_url" not in original:
        raise ConfigError(f"the theme's {ACTIONS} no longer reads page.edit_url: the edit links of generated "
                          "pages cannot be set (khartoum_site/adapters/engines.py)")
    key = prepare.EDIT_URL_KEY
    head = (f"{{#- khartoum-site: a generated page's edit link comes from its front matter ({key}) -#}}\n"
            f"{{%- set khartoum_edit_link = page.meta.{key} if (page.meta and page.meta.{key} is defined) "
            "else page.edit_url -%}\n")
    return head + original.replace("page.edit_url", "khartoum_edit_link")


@dataclass
class Refresh:
    """One preparation: the files written or removed, the warnings, and how long it took."""

    changed: list[str]
    warnings: list[str]
    seconds: float
    problems: str = ""  # while serving: the report of bad data, whose last good pages are kept


@dataclass
class PreparedProject:
    """A folder holding a project an engine without plugins builds: mkdocs.yml, docs/, site/."""

    folder: Path
    settings: Settings
    engine: Engine
    serving: bool = False
    tree: prepare.Tree = field(init=False)
    hand_written: prepare.HandWritten = field(init=False)
    page_set: PageSet | None = field(init=False, default=None)
    rebuilds: prepare.Rebuilds = field(init=False)
    written: prepare.Written = field(init=False, default_factory=dict)  # the generated pages as last prepared
    references: prepare.References = field(init=False, default_factory=prepare.References)  # as last resolved

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.tree = prepare.Tree(self.folder / "docs")
        self.hand_written = prepare.HandWritten(self.settings.docs_dir)
        self.rebuilds = prepare.Rebuilds(self.serving)
        self.write_config()

    @property
    def config_file(self) -> Path:
        return self.folder / PREPARED_CONFIG

    @property
    def site_dir(self) -> Path:
        return self.folder / "site"

    def write_config(self) -> None:
        """The prepared mkdocs.yml: the project's own, inherited, with the folders moved here."""
        theme: dict[str, Any] = {}
        if not self.settings.theme_variant and self.engine.name == "zensical":
            theme["variant"] = "classic"  # the look of Material for MkDocs, as the other engines draw it
        custom_dir = self.settings.custom_dir
        overrides = self.folder / "overrides"
        shutil.rmtree(overrides, ignore_errors=True)
        # The site's templates (as the plugin adds them), then the project's own custom_dir over them.
        shutil.copytree(prepare.THEME_DIR, overrides)
        if self.engine.name == "zensical":
            for name in prepare.MATERIAL_ONLY:
                (overrides / name).unlink()
        if custom_dir is not None:
            shutil.copytree(custom_dir, overrides, dirs_exist_ok=True)
        if self.settings.edit_links:
            original = _theme_template(self.engine, custom_dir, ACTIONS).read_text(encoding="utf-8")
            (overrides / ACTIONS).parent.mkdir(parents=True, exist_ok=True)
            (overrides / ACTIONS).write_text(edit_actions(original), encoding="utf-8")
        theme["custom_dir"] = "overrides"
        config: dict[str, Any] = {"INHERIT": str(self.settings.config_file), "docs_dir": "docs", "site_dir": "site"}
        if theme:
            config["theme"] = theme
        text = ("# Made by khartoum-site from the project's configuration, which it inherits; remade on every\n"
                "# build. The docs/ beside it holds the hand-written and the generated pages, merged.\n"
                + yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
        self.config_file.write_text(text, encoding="utf-8")

    def refresh(self) -> Refresh:
        """Make the page set again and write what changed into docs/.

        Raises ``DataError`` or ``prepare.Shadowed`` on a build, and on the first preparation of a server;
        later, a server keeps the last good pages and reports the problems instead.
        """
        started = time.perf_counter()
        options = self.settings.options
        # A server's rebuild after the first runs without the garbage collector, which walked the pages and notes
        # the server keeps (a full pass, 40 ms, every tenth edit or so): it runs after the files are written, while
        # the engine renders them.
        paused = self.serving and self.page_set is not None and gc.isenabled()
        if paused:
            gc.disable()
        try:
            rebuilt = self.rebuilds.rebuild(options)
            self.page_set = rebuilt.page_set
            prepared = prepare.prepare(self.page_set, self.hand_written.read(), options, self.settings.docs_dir,
                                       rebuilt.banner, self.serving, self.written,
                                       self.references if self.serving else None)
            changed = self.tree.update(prepared.files)
        finally:
            if paused:
                gc.enable()
        return Refresh(changed, prepared.warnings, time.perf_counter() - started, rebuilt.report)

    def build_command(self) -> list[str]:
        return [sys.executable, "-m", self.engine.module, "build", "--strict", "--config-file", str(self.config_file)]

    def serve_command(self, dev_addr: str | None) -> list[str]:
        return [sys.executable, "-m", self.engine.module, "serve", "--config-file", str(self.config_file),
                *(["--dev-addr", dev_addr] if dev_addr else [])]


# --- serving ----------------------------------------------------------------------------------------------

def start_server(command: list[str]) -> subprocess.Popen[bytes]:
    """An engine's development server, in the terminal, that cannot outlive this process. What it prints
    reaches the terminal through ``_relay``: the engine's own messages quote mkdocs.yml and request paths as
    they are, and a request can make its server print a traceback."""
    child = subprocess.Popen(command, env=child_env(), stdin=subprocess.DEVNULL, stdout=_piped(1),
                             stderr=_piped(2), preexec_fn=publish.die_with_parent(os.getpid()))
    for pipe, descriptor in ((child.stdout, 1), (child.stderr, 2)):
        if pipe is not None:
            threading.Thread(target=_relay, args=(pipe, descriptor), daemon=True).start()
    return child


def _piped(descriptor: int) -> int:
    """A pipe to relay the server's stream, or the null device when it was started with that stream closed
    (``serve >&-``): MkDocs then stopped with a traceback on finding no output stream."""
    try:
        os.fstat(descriptor)
    except OSError:
        return subprocess.DEVNULL
    return subprocess.PIPE


def _relay(pipe: IO[bytes], descriptor: int) -> None:
    """Copy the server's lines to our stream, each made inert there (``escape.terminal_text``: no escape
    sequence, no forged CI annotation) and a Python traceback shortened to its last line. A stream that can
    no longer be written (closed, full) drops the rest; the server goes on serving."""
    writable = True
    in_traceback = False
    for raw in iter(pipe.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
            continue
        if in_traceback:
            if not publish.is_exception_line(line) and not publish.is_log_line(line):
                continue  # a frame, a template's line or the carets under it
            in_traceback = False
            if not publish.is_log_line(line):
                line = f"(the server's traceback left out) {line}"
        if writable:
            data = (terminal_text(publish.without_colours(line)) + "\n").encode("utf-8", "backslashreplace")
            try:
                while data:
                    data = data[os.write(descriptor, data):]
            except OSError:
                writable = False
    pipe.close()


def stop_server(child: subprocess.Popen[bytes]) -> None:
    """Stop the server as Ctrl-C does, so that it removes its own temporary files; then as a service
    manager does (SIGTERM); kill it if it still hangs.

    After a Ctrl-C in the terminal the server got the same SIGINT: it is given a moment to stop first."""
    with publish.signals_held():
        for stop, wait in ((None, 1), (signal.SIGINT, 5), (signal.SIGTERM, 5), (signal.SIGKILL, 10)):
            if stop is not None:
                child.send_signal(stop)
            try:
                child.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def run_server(command: list[str]) -> int:
    """Run an engine's own server until it ends or we are stopped (Ctrl-C, SIGTERM, SIGHUP)."""
    child = start_server(command)
    try:
        return child.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop_server(child)


_CHANGES = {"created", "modified", "deleted", "moved", "closed"}  # not "opened" or "closed_no_write": our reads
QUIET = 0.01  # seconds without a change before a server prepares again
QUIET_AFTER_SAVE = 0.002  # the same after a file written was closed


def _say(text: str) -> None:
    """A line (or a report of lines) on the terminal: every line of it one line and inert there."""
    print("\n".join(map(terminal_text, text.split("\n"))), file=sys.stderr, flush=True)


def _report(refresh: Refresh) -> None:
    if refresh.problems:
        _say(f"WARNING -  {refresh.problems}")
    for warning in refresh.warnings:
        _say(f"WARNING -  {warning}")
    if refresh.changed:
        shown = ", ".join(refresh.changed[:5]) + (f" and {len(refresh.changed) - 5} more" if len(refresh.changed) > 5
                                                  else "")
        _say(f"INFO    -  khartoum: {len(refresh.changed)} prepared files changed in {refresh.seconds:.2f} s: {shown}")


def serve(settings: Settings, engine: Engine, dev_addr: str | None) -> int:
    """Serve a prepared project with ``engine``'s own server, preparing it again on every change of the
    data, the hand-written pages or the configuration: only the files whose content changed are written,
    so an engine that keeps a cache renders only those again."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler  # only `serve` needs it
    from watchdog.observers import Observer

    folder = Path(tempfile.mkdtemp(prefix="khartoum-serve-"))
    changes = threading.Event()
    saved = threading.Event()  # the last change was a file written and closed: the end of a save
    config_changed = threading.Event()
    config_file = str(settings.config_file)

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type not in _CHANGES:
                return
            paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
            if config_file in paths:
                config_changed.set()
            elif event.is_directory and event.event_type == "modified":
                return  # a folder's times: what changed in it has its own event
            if event.event_type == "closed":
                saved.set()
            else:
                saved.clear()
            changes.set()

    class ConfigOnly(Changed):
        def on_any_event(self, event: FileSystemEvent) -> None:
            paths = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
            if config_file in paths:
                super().on_any_event(event)

    observer = Observer()
    try:
        project = PreparedProject(folder, settings, engine, serving=True)
        try:
            _report(project.refresh())
        except DataError as exc:
            _say(exc.report().replace("nothing was built", "nothing is served"))
            return 1
        except prepare.Shadowed as exc:
            _say(str(exc))
            return 1
        first_data_watch = observer.schedule(Changed(), str(settings.options.data_dir), recursive=True)
        observer.schedule(Changed(), str(settings.docs_dir), recursive=True)
        observer.schedule(ConfigOnly(), str(settings.config_file.parent), recursive=False)
        observer.start()
        child = start_server(project.serve_command(dev_addr))
        data_dir = settings.options.data_dir
        data_watch, data_seen = first_data_watch, prepare.folder_identity(data_dir)
        try:
            while child.poll() is None:
                if prepare.folder_identity(data_dir) != data_seen:  # data/ replaced: its watch went with it
                    data_seen = prepare.folder_identity(data_dir)
                    if data_watch is not None:
                        with contextlib.suppress(KeyError, OSError):
                            observer.unschedule(data_watch)
                    if data_seen is not None:
                        data_watch = observer.schedule(Changed(), str(data_dir), recursive=True)
                    changes.set()
                if not changes.wait(timeout=0.25):
                    continue
                # An editor's save is often a burst of events: take them together, once none came for 10 ms (a
                # fixed wait of 20 ms was a tenth of an edit's time to be served), or for 2 ms after a file written
                # was closed, which ends most saves (a save that renames its file after closing it does so at once).
                # A later event prepares again.
                changes.clear()
                while changes.wait(timeout=QUIET_AFTER_SAVE if saved.is_set() else QUIET):
                    changes.clear()
                try:
                    if config_changed.is_set():
                        config_changed.clear()
                        project.settings = read_settings(settings.config_file)
                        project.write_config()
                    _report(project.refresh())
                except prepare.Shadowed as exc:
                    _say(f"WARNING -  {exc} The pages served are the last ones prepared.")
                except ConfigError as exc:
                    _say(f"WARNING -  {exc}")
            return child.returncode
        except KeyboardInterrupt:
            return 0
        finally:
            stop_server(child)
    finally:
        if observer.is_alive():
            observer.stop()
            observer.join(timeout=5)
        shutil.rmtree(folder, ignore_errors=True)


def engine_label(engine: Engine) -> str:
    """One line naming the engine and its version, or saying it is not installed."""
    try:
        return f"{engine.title} {check_installed(engine)}"
    except Unavailable:
        return f"{engine.title} (not installed)"


__all__ = ["DEFAULT", "ENGINES", "ConfigError", "Engine", "PreparedProject", "Settings", "Unavailable",
           "check_installed", "child_env", "engine_label", "plugin_command", "read_settings", "run_server", "serve"]
