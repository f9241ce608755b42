"""The command line: ``khartoum-site check | build | serve | generate | manifest | schemas | linkcheck``.

``build`` is the documented way to publish: a strict build at the default log level, by MkDocs or
another engine (``engines.py``), into a work folder, then our own link check, and only then the new
build is switched in at ``site`` (``publish.py``). A data error, a warning, a broken link, a crash or
an interrupt leaves the published site as it was. ``serve`` runs an engine's development server.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import signal
import sys
import time
from pathlib import Path
from types import FrameType
from typing import NoReturn, TextIO
from urllib.parse import urlsplit

from khartoum_site.adapters import engines, prepare, publish, trim
from khartoum_site.adapters.linkcheck import check_site
from khartoum_site.escape import clipped, terminal_text
from khartoum_site.outputs.pageset import make_page_set
from khartoum_site.record import files, model
from khartoum_site.record import schema as schema_module
from khartoum_site.record.problems import DataError
from khartoum_site.record.validate import notices, shown
from khartoum_site.site import manifest
from khartoum_site.site.gate import checked_record


def _write(text: str, stream: TextIO, end: str = "\n") -> None:
    """Write ``text`` and a line end. A reader that stopped reading (``| head -1``) ends the output quietly: the
    stream's descriptor is pointed at the null device, so neither this write nor the flush at exit raises,
    and the command ends with the status it would have had."""
    if stream is None:  # started with the stream closed (``>&-``): there is nowhere to write
        return
    try:
        stream.write(text + end)
        stream.flush()
    except BrokenPipeError:
        publish.point_at_null(stream)
    except OSError as exc:  # a full disk (``> /dev/full``): say so once where it can still be read
        publish.point_at_null(stream)
        if stream is not sys.stderr and sys.stderr is not None:
            # the command's output (check's JSON, the help) is lost: the status says so. Lost messages on stderr
            # do not change it: `build 2>/dev/full` published and ended with 1, which says nothing was published
            _UNWRITTEN.append(exc)
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(f"khartoum-site: the output could not be written: {exc.strerror}\n")


_UNWRITTEN: list[OSError] = []
"""Output that could not be written (a full disk): the command then ends with status 1, whatever it did."""


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose help goes through ``_write``: argparse's own printing ignores a write that fails,
    so ``--help > /dev/full`` ended with status 0 over an empty output."""

    def print_help(self, file: TextIO | None = None) -> None:  # type: ignore[override]
        _write(self.format_help(), file or sys.stdout, end="")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            _write(message, sys.stderr, end="")
        sys.exit(1 if status == 0 and _UNWRITTEN else status)


def _say(*lines: object, out: bool = False) -> None:
    """A message, on stderr (``out``: stdout), each argument one line: whatever values it quotes, a line
    stays one line and nothing in it acts on the terminal or reads as a CI system's command
    (``escape.terminal_text``). A report whose lines are escaped already passes through unchanged."""
    _write("\n".join(terminal_text(line) for line in lines), sys.stdout if out else sys.stderr)


def _report(exc: DataError, instead: str = "") -> None:
    """A data error's report, a line for each problem (each escaped already, so split at our own breaks);
    ``instead`` says what was left as it was, when that is not "nothing was built"."""
    text = exc.report()
    if instead:
        text = text.replace("nothing was built", instead)
    _say(*text.split("\n"))


def _json_for_logs(value: object) -> str:
    """``check --format json``'s output: JSON escapes every control character (ASCII only), and a second ``#``
    is written ``\\u0023``, the same character to a JSON reader: a CI agent that reads ``##vso[`` (Azure
    Pipelines) or ``##[`` (GitHub) anywhere in a line of the log then finds no command in a value of the data
    (an attack forged one through a topic's kind). A line never starts with ``::``: each is indented or a bracket."""
    return json.dumps(value, indent=2).replace("##", "#\\u0023")


DATA_DIR_HELP = "the data folder (default: the khartoum plugin's data_dir in ./mkdocs.yml, or data)"


def _data_folder(args: argparse.Namespace) -> Path | None:
    """The data folder a command reads: ``--data-dir``, or the one mkdocs.yml gives the plugin, as ``build`` reads
    it (``check`` read data/ while ``build`` read the data_dir set there, an attack's W18), or data/; None when
    mkdocs.yml cannot be read (said)."""
    if args.data_dir is not None:
        return Path(args.data_dir)
    config = Path("mkdocs.yml")
    if not config.is_file():
        return Path("data")
    try:
        folder = Path(engines.read_settings(config).options.data_dir)
    except engines.ConfigError as exc:
        # (said as the settings' problem: the advice alone read as if the data folder were wrong, BE2)
        # (the data folder only when the problem is about it: after any other one, it read as the problem's cause,
        # D7-3)
        said = (f"{exc}; nothing was checked: mend the page, and check again"
                if str(exc).split(":", 1)[0].endswith(".md") else  # (a hand-written page's problem: BP1, BP2)
                f"{exc}; the data folder is named in these settings: mend them, or give the folder with --data-dir."
                if "data_dir" in str(exc) else f"{exc}; nothing was checked: mend the settings, and check again")
        if getattr(args, "format", None) == "json":  # a tool reading the report got nothing at all (BE2)
            _write(_json_for_logs({"ok": False, "problems": [], "settings": said}), sys.stdout)
        _say(said)
        return None
    return Path(os.path.relpath(folder)) if folder.is_relative_to(Path.cwd()) else folder


def cmd_check(args: argparse.Namespace) -> int:
    if (data_dir := _data_folder(args)) is None:
        return 1
    args.data_dir = data_dir
    try:
        record = checked_record(Path(args.data_dir))
    except DataError as exc:
        if args.format == "json":
            # JSON escapes every control character (ASCII only): it is written as it is.
            # At most MAX_PER_FILE of a file are listed; "not_listed" counts the others, by file.
            _write(_json_for_logs({"ok": False, "problems": [p.as_dict() for p in exc.problems],
                                   "not_listed": exc.omitted}), sys.stdout)
        else:
            _report(exc)
        return 1
    counts = check_counts(record)
    stale = manifest.stale_notice(record, Path(args.data_dir))
    found = notices(record)
    if args.format == "json":
        _write(_json_for_logs({"ok": True, "problems": [], "counts": {name: n for name, n, _ in counts},
                               "notices": [*([stale] if stale else []), *(str(n) for n in found)]}), sys.stdout)
    else:
        _say("The data is valid: " + ", ".join(f"{n} {said}" for _, n, said in counts) + ".", out=True)
        if stale:
            _say(stale, out=True)
        if found:
            count = len(found)
            _say(f"{count} notice{'s' if count != 1 else ''} (not errors: the pages show each of them):", out=True)
            for n in found:
                _say(f"  {n}", out=True)
    return 0


def check_counts(record: model.Record) -> list[tuple[str, int, str]]:
    """What ``check`` counts: every collection of the record (``COLLECTIONS``), and the documents' paragraphs
    after the documents, as (key, count, words)."""
    counts: list[tuple[str, int, str]] = []
    for collection in model.COLLECTIONS:
        n = len(record.collection(collection.name))
        counts.append((collection.name, n, collection.singular if n == 1 else collection.plural.lower()))
        if collection.name == "documents":
            n = len(record.paragraphs())
            counts.append(("paragraphs", n, "paragraph" if n == 1 else "paragraphs"))
    return counts


def _first_link(path: Path) -> Path | None:
    """The first symbolic link on the way to ``path`` (itself included), as it is written, or None."""
    absolute = Path(os.path.abspath(path))
    for step in [*reversed(absolute.parents), absolute]:
        if step.is_symlink():
            return step
    return None


def _generate_target_problem(out: Path) -> str | None:
    """Why ``generate`` may not write into ``out`` (resolved), or None: a folder something else owns."""
    # (pages an earlier `generate` wrote there, unchanged, are its own: a corpus's W7 ran it twice into `out`)
    ours = _generated_before(out) if out.is_dir() else {}
    if (out.parent / "mkdocs.yml").is_file() and out.is_dir() and any(
            page.relative_to(out).as_posix() not in ours for page in out.rglob("*.md")):
        # `generate docs` mixed 216 generated pages into the hand-written ones, and every build after it failed on
        # a hand-written file at a generated page's place (a seventh attack).
        return (f"{out} holds Markdown pages and lies beside mkdocs.yml: it looks like a project's docs folder, whose "
                "pages a build reads as hand-written")
    for folder in out.parents:
        if (folder.parent / "mkdocs.yml").is_file() and any(folder.glob("*.md")):
            # docs/gen: every build then published the generated pages twice, once under gen/ (an attack)
            return (f"{out} is inside {folder}, which lies beside mkdocs.yml and holds Markdown pages: a project's "
                    "docs folder, whose pages a build reads as hand-written")
    if hidden := next((folder for folder in (out, *out.parents) if folder.name == ".git"), None):
        return f"{out} is inside {hidden}, where git keeps a repository's history"
    package = Path(__file__).resolve().parents[1]
    if out.is_relative_to(package):
        return f"{out} is inside {package}, the tool's own code"
    if out.is_dir() and not (out / GENERATED).exists() and (
            code := next((f for f in (*out.glob("*.py"), out / "pyproject.toml") if f.is_file()), None)):
        # a copy of the tool's package got 470 files among its modules (a thirty-fourth attack's X12)
        return f"{out} holds code ({code.name}), and generate did not make it"
    return None


# What `generate` wrote into its folder (each file's path and SHA-256): it writes over those files only.
GENERATED = ".khartoum-generated.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _generated_before(out: Path) -> dict[str, str]:
    """The files an earlier `generate` wrote into ``out`` that are still as it wrote them (path → digest)."""
    listed = out / GENERATED
    try:
        if listed.is_symlink():
            return {}
        found = json.loads(listed.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # (a list nested thousands deep: an attack's BB2)
        return {}
    if not isinstance(found, dict):
        return {}
    kept: dict[str, str] = {}
    for path, digests in found.items():
        file = out / path if isinstance(path, str) else out
        if not (file.resolve().is_relative_to(out.resolve()) and file.is_file() and not file.is_symlink()):
            continue
        # (a run lists each file before it writes it, with what it held before and what it will hold: either is its
        # own, so a run stopped part-way is repaired by the next: an attack's BE1)
        if (digest := _digest(file)) in ([digests] if isinstance(digests, str) else
                                        digests if isinstance(digests, list) else []):
            kept[path] = digest
    return kept


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the page set as Markdown files, for another site generator or for inspection. Every path is
    checked before anything is written (none may lead outside the output folder, through a symbolic link
    or otherwise), and each file is written whole or not at all (``files.write_atomic``: a hard link planted
    at its place is replaced, never written through)."""
    problem = prepare.site_url_problem(args.site_url)
    if problem:
        _say(f"--site-url {problem}; nothing was written.")
        return 1
    problem = prepare.site_name_problem(args.site_name)
    if problem:
        _say(f"--site-name {problem}; nothing was written.")
        return 1
    if (link := _first_link(Path(args.output))) is not None:
        # Followed, it wrote (and overwrote) files wherever the link led, while a link below it is refused.
        _say(f"{link} is a symbolic link (to {os.readlink(link)}) on the way to {args.output}; give the folder "
             "itself if the pages should go there. Nothing was written.")
        return 1
    if (data_dir := _data_folder(args)) is None:
        return 1
    out = Path(args.output).resolve()
    data = data_dir.resolve()
    if out.is_relative_to(data) or data.is_relative_to(out):
        # Its pages and files added to the data folder became "files no source names" for every later check.
        where = "is" if out == data else ("holds" if data.is_relative_to(out) else "is inside")
        _say(f"{out} {where} the data folder {data}; generate into a folder of its own. Nothing was written.")
        return 1
    listed = out / GENERATED
    if listed.is_symlink() or (listed.exists() and not listed.is_file()):
        # its own list replaced by a link: the refusal named a page, and moving it moved the refusal on (BH4)
        _say(f"{listed} is {'a symbolic link' if listed.is_symlink() else 'not a plain file'}, where generate keeps "
             "its own list of the files it wrote: remove it (generate writes it again). Nothing was written.")
        return 1
    if problem := _generate_target_problem(out):
        _say(f"{problem}; generate into a folder of its own. Nothing was written.")
        return 1
    try:
        record = checked_record(data_dir)
        page_set = make_page_set(record, data_dir, args.site_name, args.site_url)
    except DataError as exc:
        _report(exc, "nothing was written")  # (generate builds nothing: an attack's BJ6)
        return 1
    contents = {**{path: page.markdown.encode("utf-8") for path, page in page_set.pages.items()},
                **page_set.files}
    for path in contents:
        target = out / path
        if not target.resolve().is_relative_to(out) or target.resolve() != Path(os.path.abspath(target)):
            _say(f"refusing to write {path}: it leads outside {out} (a symbolic link on its way?); "
                 "nothing was written.")
            return 1
        # A file where a folder goes (out/states a file): found here, not halfway through the writes.
        blocked = next((p for p in target.parents if p.is_relative_to(out) and p.exists() and not p.is_dir()), None)
        if blocked is not None:
            _say(f"refusing to write {path}: {blocked} is a file where a folder goes; move it away. Nothing was "
                 "written.")
            return 1
        if target.is_dir():
            _say(f"refusing to write {path}: it is a folder where a file goes; move it away. Nothing was written.")
            return 1
    written = _generated_before(out)
    for path in contents:
        # a file of the user's at a page's place was replaced without a word (an attack's GEN1): only a file an
        # earlier `generate` wrote, unchanged since, is written over
        if (out / path).is_file() and written.get(path) != _digest(out / path):
            _say(f"refusing to write {path}: {out / path} is a file `generate` did not write there (or it was "
                 "changed since); move it away. Nothing was written.")
            return 1
    new = {path: hashlib.sha256(content).hexdigest() for path, content in contents.items()}
    planned = {**written, **{path: sorted({digest, written.get(path, digest)}) for path, digest in new.items()}}
    out.mkdir(parents=True, exist_ok=True)
    try:
        # listed before any is written: a run stopped part-way (a full disk, a kill) left files no list named, and
        # the next run refused them as not its own (an attack's BE1); a file is trusted only while it holds what
        # the list says, so a listed file never written is no claim on anything
        files.write_atomic(out / GENERATED, json.dumps(planned, indent=1, sort_keys=True).encode(), out)
        for path, content in contents.items():
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            files.write_atomic(target, content, out)
            written[path] = new[path]
    except OSError as exc:
        _say(f"{publish.error_line(exc)}; the files written before it are complete, the rest were not written.")
        return 1
    finally:
        with contextlib.suppress(OSError):  # without it, the next run refuses to write over these files: no harm
            files.write_atomic(out / GENERATED, json.dumps(written, indent=1, sort_keys=True).encode(), out)
    _say(f"Wrote {len(page_set.pages)} Markdown pages and {len(page_set.files)} other files to {out}.", out=True)
    return 0


def _writable_data_folder(args: argparse.Namespace) -> Path | None:
    """The data folder a command writes into: ``--data-dir`` as given, or the one mkdocs.yml names if it is inside
    the project (a data_dir of mkdocs.yml outside it had ``schemas`` and ``manifest`` write there, an attack's BC2);
    None when refused or unreadable (said)."""
    named = args.data_dir is None
    if (data_dir := _data_folder(args)) is None:
        return None
    if named and not data_dir.resolve().is_relative_to(Path.cwd().resolve()):
        _say(f"mkdocs.yml names the data folder {terminal_text(str(data_dir))}, outside the project: this command "
             "writes only into a data folder inside it; give --data-dir to write there. Nothing was written.")
        return None
    return data_dir


def cmd_manifest(args: argparse.Namespace) -> int:
    """Add the current ids to the committed manifest of published URLs (it never loses one)."""
    if (data_dir := _writable_data_folder(args)) is None:
        return 1
    try:
        record = checked_record(data_dir, against_manifest=False)  # this command writes the manifest
    except DataError as exc:
        _report(exc, f"{data_dir / manifest.MANIFEST_FILE} was left as it was")  # (it builds nothing: BJ6)
        return 1
    path = data_dir / manifest.MANIFEST_FILE
    try:
        problems = manifest.write(record, path, shown(path))
    except OSError as exc:
        _say(f"{shown(path)} was left as it was: {publish.error_line(exc)}")
        return 1
    if problems:
        _report(DataError(problems), f"{shown(path)} was left as it was")
        return 1
    _say(f"{shown(path)} lists {manifest.count(path)} published ids; commit it with the data.", out=True)
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    """Write the JSON Schema of each kind of data file, for editors' YAML tools."""
    if (data_dir := _writable_data_folder(args)) is None:
        return 1
    out = data_dir / "schemas"
    if not any((data_dir / name).is_file() for name in schema_module.DATA_FILES) and \
            not (data_dir / model.DOCUMENTS_DIR).is_dir():
        # `schemas --data-dir docs` (or any folder) made a schemas/ folder there (a sixteenth attack)
        _say(f"{data_dir} holds none of the record's data files ({', '.join(sorted(schema_module.DATA_FILES))}): "
             "give the data folder with --data-dir. Nothing was written.")
        return 1
    try:
        if out.is_symlink():
            raise files.UnsafeWrite(f"{out} is a symbolic link; schemas are written only inside the data folder")
        out.mkdir(parents=True, exist_ok=True)
        for name, schema in schema_module.file_schemas().items():
            content = json.dumps(schema, ensure_ascii=False, indent=1) + "\n"
            files.write_atomic(out / name, content.encode("utf-8"), data_dir)
    except OSError as exc:
        _say(f"The schemas were not all written: {publish.error_line(exc)}")
        return 1
    _say(f"Wrote {len(schema_module.file_schemas())} schemas to {out}.", out=True)
    return 0


def cmd_linkcheck(args: argparse.Namespace) -> int:
    if not Path(args.site_dir).is_dir():  # a typo in a CI step must not pass as "0 broken"
        _say(f"{args.site_dir} is not a folder: there is no site to check.")
        return 1
    if args.site_url and (problem := prepare.site_url_problem(args.site_url)):
        _say(f"--site-url {problem}; nothing was checked.")
        return 1
    if not (Path(args.site_dir) / "index.html").is_file():
        # /etc or an empty folder passed as "0 internal links checked, 0 broken" (a twenty-third attack's W13)
        _say(f"{args.site_dir} has no index.html: it is not a built site; give the folder `khartoum-site build` "
             "publishes (site by default). Nothing was checked.")
        return 1
    checked, broken = check_site(Path(args.site_dir), urlsplit(args.site_url or "/").path or "/")
    for link in broken:
        _say(link)
    of_pages = sum(1 for link in broken if not link.href)  # (a page that cannot be read, an anchor given twice)
    others = f"; {of_pages} other problem{'' if of_pages == 1 else 's'} of the pages" if of_pages else ""
    _say(f"{checked} internal links checked, {len(broken) - of_pages} broken{others}.", out=True)
    return 1 if broken else 0


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:  # noqa: ARG001 (signal.signal's handler signature)
    """SIGTERM and SIGHUP end the build like Ctrl-C does: through the clean-up of cmd_build."""
    raise KeyboardInterrupt


def _engine(args: argparse.Namespace) -> engines.Engine | None:
    """The engine asked for, if it is installed; else None, having said how to install it."""
    engine = engines.ENGINES[args.engine]
    try:
        engines.check_installed(engine)
    except engines.Unavailable as exc:
        _say(exc)
        return None
    return engine


def _prepare_build(engine: engines.Engine, config: Path, work: Path, site: Path
                   ) -> tuple[list[str], Path] | None:
    """For an engine without Python plugins: the prepared project in ``work``, the command that builds it
    and the folder it builds into; None (having said why) when the data, the pages or the configuration
    stop the build. Unknown references fail it, as warnings fail MkDocs' strict build."""
    unchanged = f"{site} was left unchanged."
    try:
        settings = engines.read_settings(config)
        if problem := engines.engine_problem(settings, engine):
            raise engines.ConfigError(problem)
        project = engines.PreparedProject(work / "project", settings, engine)
        refresh = project.refresh()
    except DataError as exc:
        _report(exc)
        return None
    except (engines.ConfigError, prepare.Shadowed) as exc:
        _say(f"{exc} {unchanged}")
        return None
    for warning in refresh.warnings:
        _say(f"WARNING -  {warning}")
    if refresh.warnings:
        _say(f"Aborted with {len(refresh.warnings)} warnings in strict mode; {unchanged}")
        return None
    return project.build_command(), project.site_dir


def _say_if_stale(data_dir: Path) -> None:
    """After a build: a note when the manifest does not list every current id yet (the build passed)."""
    try:
        notice = manifest.stale_notice(checked_record(data_dir), data_dir)
    except DataError:
        return
    if notice:
        _say(notice)


def _cause_of(stopped_by: str) -> str:
    """What to look for when the engine stopped on an exception its message does not explain."""
    if stopped_by.startswith("RecursionError"):
        # a fifteenth attack: a hand-written page with a list 2,000 levels deep, or 20,000 nested emphasis marks
        return (" (a hand-written page nested too deeply for the Markdown reader: look for a list, quotation or "
                "emphasis hundreds of levels deep in the docs folder)")
    if "TemplateNotFound" in stopped_by:
        # a theme setting naming a file the theme does not have ended in Jinja's words, naming no setting (an
        # attack's BB3; a held-out round's unknown theme.language)
        # (a page's front matter names them too, template: and icon:, and MkDocs' line above names the page: BJ2)
        if ".icons/" in stopped_by:
            return (" (a theme.icon setting, or a page's front matter icon, names an icon the theme does not have: "
                    "check the icons under theme.icon and the page named above)")
        if "partials/languages/" in stopped_by:
            return " (theme.language names a language the theme does not have: check theme.language)"
        return (" (a theme setting, or a page's front matter template, names a template the theme does not have: "
                "check the theme settings and the page named above)")
    if re.match(r"(?:OSError|IOError): \[Errno (?:27|28|122)\]", stopped_by):
        # a file-size limit or a full disk ended the engine in Python's words, "OSError: [Errno 27] File too large"
        # (a held-out corpus's BV16): say what to free
        return " (the disk is full, or a limit on file size or disk quota was reached: free space and build again)"
    return ""


def site_dir_note(settings: engines.Settings, config: Path, site: Path) -> str | None:
    """What ``build`` says when mkdocs.yml's site_dir is not where it publishes (GitLab Pages wants `public`: a
    site_dir set there was ignored without a word, an attack), or None."""
    if settings.site_dir is None or Path(os.path.abspath(settings.site_dir)) == site:
        return None
    try:  # (the advice named the data folder, which the command then refused: an attack's BE4)
        publish.check_target(Path(os.path.abspath(settings.site_dir)), config,
                             {"docs": settings.docs_dir, "data": settings.options.data_dir})
        advice = f"give --site-dir {settings.site_dir} to publish there"
    except publish.Refused:
        advice = f"it cannot publish to {settings.site_dir}, which is or holds a folder it may not replace"
    return (f"Note: {config.name} sets site_dir to {settings.site_dir}; this command publishes to its --site-dir, "
            f"{site} ({advice}).")


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a work folder, check its links, then publish it atomically (see publish.py).

    Exit status: 0 published; 1 nothing published (a data error, a warning, a broken link, an
    error while writing, a missing engine, or a site path that is not ours to replace); 75 another
    build is running; 130 interrupted. In every case but 0 the published site is as it was.
    """
    config = Path(args.config_file).resolve()
    site = Path(os.path.abspath(config.parent / args.site_dir))
    engine = _engine(args)
    if engine is None:
        return 1
    try:
        settings = engines.read_settings(config)
        publish.check_target(site, config, {"docs": settings.docs_dir, "data": settings.options.data_dir})
    except engines.ConfigError as exc:
        _say(f"{exc}; nothing was changed.")
        return 1
    except publish.Refused as exc:
        _say(exc)
        return 1
    if note := site_dir_note(settings, config, site):
        _say(note)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise_interrupt)
    started = time.perf_counter()
    published = False
    try:
        site.parent.mkdir(parents=True, exist_ok=True)
        with publish.build_lock(site):
            publish.remove_stale(site)
            work = publish.new_work_folder(site)
            try:
                if engine.runs_plugin:
                    built = work / "site"
                    # The default log level on purpose: -q would hide the warnings that --strict counts.
                    command = engines.plugin_command(engine, "build", config, "--strict", "--site-dir", str(built))
                else:
                    prepared = _prepare_build(engine, config, work, site)
                    if prepared is None:
                        return 1
                    command, built = prepared
                # The plugin's generated pages go into the work folder, removed below whatever becomes of MkDocs.
                env = {**engines.child_env(), prepare.SPILL_DIR_ENV: str(work)}
                result = publish.run_build(command, env=env, engine=engine.title)
                if result.stopped_by is not None:
                    _say(f"The build stopped: {result.stopped_by}{_cause_of(result.stopped_by)}; {site} was left "
                         "unchanged.")
                    return 1
                if result.returncode != 0:
                    _say(f"Build failed; {site} was left unchanged.")
                    return 1
                left_out = trim.trim(built)  # before the link check: it checks the site as published
                checked, broken = check_site(built, urlsplit(settings.options.site_url or "/").path or "/")
                if broken:
                    for link in broken:
                        _say(link)
                    # (a page's own problem, an anchor given twice or a reference shown as its source, apart)
                    of_pages = sum(1 for link in broken if not link.href)
                    said = [f"{len(broken) - of_pages} broken internal links"] if len(broken) > of_pages else []
                    said += [f"{of_pages} problem{'' if of_pages == 1 else 's'} of the pages"] if of_pages else []
                    _say(f"{'; '.join(said)}; {site} was left unchanged.")
                    if settings.leaves_out and len(broken) > of_pages:
                        # (exclude_docs: "*.md" broke 182 links, naming no setting: an attack's BW7)
                        _say(f"{settings.config_file.name} sets {' and '.join(settings.leaves_out)}, which "
                             f"{'leaves' if len(settings.leaves_out) == 1 else 'leave'} "
                             "pages out of the site: the links above may point to pages they leave out.")
                    return 1
                pages = sum(1 for _ in built.rglob("*.html"))
                if not pages:  # an engine that read no page (a fourteenth attack: a name Zensical skipped) exits 0
                    _say(f"The build made no page (the engine found none to build); {site} was left unchanged.")
                    return 1
                with publish.signals_held():
                    publish.switch(built, site)
                    published = True
                    seconds = time.perf_counter() - started
                    _say(f"Published {pages} HTML pages to {site} in {seconds:.1f} s; "
                         f"{checked} internal links and anchors checked, 0 broken."
                         + ("" if engine.name == engines.DEFAULT else f" Built with {engines.engine_label(engine)}."),
                         out=True)
                    if left_out:
                        _say("Left out of the published site: " + ", ".join(map(str, left_out)) + ".", out=True)
                kept = publish.remove_stale(site)  # the superseded build; a signal now only cuts this short
                for build, pid in kept.items():
                    _say(f"Kept the superseded build {build}: a running process (pid {pid}) works in it, a server "
                         f"started inside {site} perhaps, and shows the site as it was; start it again in {site} to "
                         "show this one. The next build removes the folder once no process works in it.", out=True)
                _say_if_stale(settings.options.data_dir)
                return 0
            finally:
                with publish.signals_held():
                    shutil.rmtree(work, ignore_errors=True)
    except KeyboardInterrupt:
        if published:  # a signal just after the switch: the site is out, and the message said so
            return 0
        with publish.signals_held():  # a second Ctrl-C must not turn this line into a traceback
            _say(f"Interrupted; {site} was left unchanged.")
        return 130
    except publish.Busy as exc:
        _say(exc)
        return publish.EXIT_BUSY
    except publish.Refused as exc:
        _say(exc)
        return 1
    except OSError as exc:
        if published:
            return 0
        _say(f"The build stopped: {publish.error_line(exc)}; {site} was left unchanged.")
        return 1
    except MemoryError:
        if published:
            return 0
        # an engine or the link check ran out of memory on what the docs folder holds (a twelfth attack put pages
        # of hundreds of megabytes there): one line, and the published site as it was
        _say(f"The build stopped: it ran out of memory (look for very large files in the docs folder); {site} was "
             "left unchanged.")
        return 1


def _dev_addr_problem(address: str) -> str | None:
    """Why ``address`` is not an IP:PORT to serve on, or None. Left to MkDocs, a port out of range was blamed on
    site_url, which MkDocs makes from it."""
    host, colon, port = address.rpartition(":")
    if (not colon or not re.fullmatch(r"[0-9A-Za-z.\-]+|\[?[0-9A-Fa-f:.]+\]?", host) or not port.isascii()
            or not port.isdigit() or not 1 <= int(port) <= 65535):
        # (port 0, "any free port", passed here and MkDocs then blamed site_url, which the user never set: AW4)
        return f"must be an address and a port from 1 to 65535, such as 127.0.0.1:8001; it is {address!r}"
    if ":" in host:
        # MkDocs makes the site's address of it without the brackets (http://::1:8358/), which no reader can open
        # and the plugin refuses as site_url (a fifteenth attack)
        return f"is an IPv6 address, which MkDocs cannot serve on; use 127.0.0.1:{port} or localhost:{port}"
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the site while it is edited, with the engine's own development server."""
    if args.dev_addr is not None and (problem := _dev_addr_problem(args.dev_addr)):
        _say(f"-a {problem}; nothing was served.")
        return 1
    engine = _engine(args)
    if engine is None:
        return 1
    config = Path(args.config_file).resolve()
    # The server runs in the project's folder, whatever folder it was started in: started inside the published
    # site (a build in .site.builds/), it would lose its working folder when the next build replaces that one.
    os.chdir(config.parent)
    for signum in (signal.SIGTERM, signal.SIGHUP):  # stop as Ctrl-C does: the server and its folder go too
        signal.signal(signum, _raise_interrupt)
    try:
        # Read first with every engine: MkDocs' server makes its site folder in the temporary folder before the
        # plugin reads anything, so a TMPDIR inside docs/ left an empty folder there and said so in MkDocs' words
        # (a twentieth attack); build said it in one line.
        settings = engines.read_settings(config)
        if problem := engines.engine_problem(settings, engine):
            raise engines.ConfigError(problem)
    except engines.ConfigError as exc:
        _say(exc)
        return 1
    if engine.runs_plugin:
        # The engine's own server, with the plugin: it watches data/ and rebuilds (see plugin.py).
        # --dirty: a rebuild renders again only the pages that can differ, which the plugin decides (dirty.py)
        command = engines.plugin_command(engine, "serve", config, "--dirty",
                                         *(["--dev-addr", args.dev_addr] if args.dev_addr else []))
        return engines.run_server(command)
    return engines.serve(settings, engine, args.dev_addr)


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` names (by default the process's arguments); return its exit status."""
    raw = argparse.RawDescriptionHelpFormatter  # keeps the line breaks of the texts below
    parser = _Parser(
        prog="khartoum-site", formatter_class=raw,
        description="Check, build, serve and publish the Khartoum Process record with seven commands:\n"
                    "check, build, serve, generate, manifest, schemas and linkcheck. Run it from\n"
                    "the project folder.",
        epilog="Example:\n"
               "  khartoum-site check          # is the data under data/ valid?\n"
               "  khartoum-site build          # build, link-check and publish site/\n"
               "  khartoum-site serve          # serve the site while you edit data/ and docs/\n"
               "\n"
               "'khartoum-site COMMAND --help' describes a command and its options.")
    sub = parser.add_subparsers(dest="command", required=True, title="commands")

    def command(name: str, summary: str, description: str, examples: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=summary, description=description, epilog="Example:\n" + examples,
                              formatter_class=raw)

    check = command(
        "check", "validate the data without building; exit 1 on any problem",
        "Validate the data without building anything: each file against its schema,\n"
        "every reference between records, every quotation letter for letter against its\n"
        "source text, and the ids, URLs and anchors already published (published.json).\n"
        "\n"
        "Exit status: 0 the data is valid; 1 it is not (each problem is listed with its\n"
        "file, line, record and field: first those of each file on its own, then those\n"
        "found across files, which may follow from them; at most 200 of a file, the\n"
        "rest counted).",
        "  khartoum-site check\n"
        "  khartoum-site check --format json --data-dir data\n")
    check.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    check.add_argument("--format", choices=["text", "json"], default="text",
                       help="text: a report for people (problems on stderr); json: the result and the problems "
                            "as fields for tools, on stdout, with not_listed counting by file those past 200 a "
                            "file (default: %(default)s)")
    check.set_defaults(run=cmd_check)

    build = command(
        "build", "strict build and link check, then publish site atomically (the documented way)",
        "Build the site with a strict build (any warning fails it) of the --engine into a\n"
        "work folder, check every internal link and anchor of the result, and only then\n"
        "publish it: site (the --site-dir, beside the config file) becomes a symbolic\n"
        "link to the published build in .site.builds/ (.NAME.builds/ for --site-dir\n"
        "NAME), replaced in one atomic rename. Serve or copy it with 'rsync -a site/ ...'\n"
        "(the trailing slash follows the link).\n"
        "\n"
        "The site's address is the config file's site_url (mkdocs.yml reads it from\n"
        "SITE_URL); without one, every page links relatively. The theme's source maps\n"
        "and the search language files the site does not use are left out.\n"
        "\n"
        "The data and the published URLs (published.json) are checked with every engine;\n"
        "for Zensical, which runs no Python plugins, the pages are prepared before it runs\n"
        "(see docs/engines.md).\n"
        "\n"
        "A data error, a warning, a broken link, a full disk, an interrupt or a killed\n"
        "build leaves the previous site whole. One build runs at a time; the next build\n"
        "removes what a killed one left behind.\n"
        "\n"
        "Exit status:\n"
        "  0    published\n"
        "  1    nothing published: a data error, a warning, a broken link, an error while\n"
        "       writing, an engine not installed, or a site path that is not ours to replace\n"
        "  75   another build is running (nothing was touched); try again later\n"
        "  130  interrupted (Ctrl-C, SIGTERM or SIGHUP)\n"
        "In every case but 0 the published site is as it was.",
        "  khartoum-site build\n"
        "  SITE_URL=https://owner.github.io/repo/ khartoum-site build\n"
        "  khartoum-site build -f mkdocs.yml -d public    # public -> .public.builds/...\n"
        "  khartoum-site build --engine zensical\n")
    build.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE",
                       help="the MkDocs configuration (default: %(default)s)")
    build.add_argument("-d", "--site-dir", default="site", metavar="PATH",
                       help="where the site is published, relative to the config file's folder (default: "
                            "%(default)s)")
    engine_help = ("the site generator: mkdocs, properdocs (pip install -e '.[properdocs]') or zensical "
                   "(pip install -e '.[zensical]') (default: %(default)s)")
    build.add_argument("--engine", choices=sorted(engines.ENGINES), default=engines.DEFAULT, help=engine_help)
    build.set_defaults(run=cmd_build)

    serve = command(
        "serve", "serve the site on 127.0.0.1:8000, rebuilt as data/ and docs/ change",
        "Serve the site for editing with the --engine's development server, rebuilt on\n"
        "every change of a data file, a hand-written page or the configuration. When the\n"
        "data turns bad, the terminal and a banner on every page list the problems, and\n"
        "the pages of the last good data are served until it is fixed. Nothing is\n"
        "published: use build for that.\n"
        "\n"
        "With mkdocs and properdocs, the engine's own server runs the khartoum plugin.\n"
        "With zensical, the pages are prepared in a temporary folder and only the files\n"
        "whose content changed are written again, so Zensical renders only those.\n"
        "\n"
        "Exit status: 0 stopped with Ctrl-C; 1 the data or the configuration could not\n"
        "be served, or the engine is not installed.",
        "  khartoum-site serve\n"
        "  khartoum-site serve --engine zensical -a 127.0.0.1:8001\n")
    serve.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE",
                       help="the MkDocs configuration (default: %(default)s)")
    serve.add_argument("-a", "--dev-addr", default=None, metavar="IP:PORT",
                       help="where to serve (default: the configuration's dev_addr, else 127.0.0.1:8000 for "
                            "MkDocs and ProperDocs, localhost:8000 for Zensical)")
    serve.add_argument("--engine", choices=sorted(engines.ENGINES), default=engines.DEFAULT, help=engine_help)
    serve.set_defaults(run=cmd_serve)

    generate = command(
        "generate", "write the generated pages as Markdown, with the other generated files, into a folder",
        "Write the pages made from the data as Markdown files under OUTPUT, with the\n"
        "other files made from it (downloads, map, objects.inv, ids.json), for another\n"
        "site generator or for inspection. Files already there are overwritten; others\n"
        "are left alone.\n"
        "\n"
        "Exit status: 0 written; 1 a data error (nothing written).",
        "  khartoum-site generate build/pages\n"
        "  khartoum-site generate build/pages --site-url https://record.example/\n")
    generate.add_argument("output", metavar="OUTPUT", help="the folder to write into (created if missing)")
    generate.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    generate.add_argument("--site-url", default=None, metavar="URL",
                          help="the site's address, for the citations and ids.json (default: none; cited URLs "
                               "start at /)")
    generate.add_argument("--site-name", default="The Khartoum Process record", metavar="NAME",
                          help="the site's name, for objects.inv and ids.json (default: %(default)s)")
    generate.set_defaults(run=cmd_generate)

    manifest_cmd = command(
        "manifest", "record the current ids, URLs and anchors in data/published.json",
        "Add every current id, with its URL and anchors, to published.json in the data\n"
        "folder: the list each build checks so that no published address disappears. It\n"
        "never removes one. Run it after adding records, and commit the file with the\n"
        "data.\n"
        "\n"
        "Exit status: 0 written; 1 a data error (the file is left as it was).",
        "  khartoum-site manifest\n"
        "  khartoum-site manifest --data-dir data && git add data/published.json\n")
    manifest_cmd.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    manifest_cmd.set_defaults(run=cmd_manifest)

    schemas = command(
        "schemas", "rewrite data/schemas/*.schema.json from the data model",
        "Write the JSON Schema of each kind of data file into schemas/ in the data\n"
        "folder: the schemas that each data file's first line points YAML-aware editors\n"
        "at. Run it after changing the data model.",
        "  khartoum-site schemas\n"
        "  khartoum-site schemas --data-dir data\n")
    schemas.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    schemas.set_defaults(run=cmd_schemas)

    linkcheck = command(
        "linkcheck", "check every internal link and anchor of a built site",
        "Check every internal link and anchor of a built site: each must lead to a page\n"
        "or file of the site and, with a #fragment, to an anchor on that page. Each\n"
        "broken one is printed on stderr.\n"
        "\n"
        "Exit status: 0 none broken; 1 some broken.",
        "  khartoum-site linkcheck site\n")
    linkcheck.add_argument("site_dir", metavar="SITE_DIR", help="the built site's folder (or its symbolic link)")
    linkcheck.add_argument("--site-url", metavar="URL",
                           help="the address the site is published at (site_url): root-relative links are read "
                                "against its path")
    linkcheck.set_defaults(run=cmd_linkcheck)

    _UNWRITTEN.clear()
    _show_what_the_terminal_cannot()
    args = parser.parse_args(argv)
    try:
        status = int(args.run(args))
    except KeyboardInterrupt:
        # Ctrl-C: every write of the commands is whole or not at all (build says what it kept), so a line is enough.
        _say("Interrupted (Ctrl-C): the command stopped before it finished.")  # as adapters/start.py says it
        return 130
    except MemoryError:
        # a fifteenth attack's 1 KB of YAML aliases, each naming the one before ten times, in mkdocs.yml
        _say("The command stopped: it ran out of memory (look for very large files among those it reads, or for "
             "YAML aliases in mkdocs.yml that repeat a value many times over).")
        return 1
    except OSError as exc:
        # What the system refuses that no command foresaw (a path longer than the system takes, given as an
        # argument or in mkdocs.yml's INHERIT): one line naming the path, not a traceback (an eighth attack).
        name = str(exc.filename) if exc.filename is not None else ""
        shown = clipped(name, 90)
        _say(f"The command stopped: {exc.strerror or exc}{f': {shown}' if shown else ''}; check the paths given to "
             "the command and in mkdocs.yml.")
        return 1
    except RuntimeError as exc:
        # Python 3.11's Path.resolve() raises this for a symbolic link that leads back to itself (site -> site);
        # every command resolves its paths before it writes anything.
        loop = _SYMLINK_LOOP.fullmatch(str(exc))
        if loop is None:
            return _unforeseen(exc)
        why = files.too_many_links(loop.group(1))
        if why == "leads round in a circle":
            why += " (back to itself, directly or through other links)"
        _say(f"{loop.group(1)} is a symbolic link that {why}; remove it, or point it at a real file or folder. "
             "Nothing was changed.")
        return 1
    except Exception as exc:  # the last net: what no check foresaw is one line, never a traceback
        return _unforeseen(exc)
    return 1 if status == 0 and _UNWRITTEN else status


def _unforeseen(exc: Exception) -> int:
    """An error no check foresaw (a twentieth attack's state code that the map could not place ended ``generate``
    in a traceback): one line with its cause; every command writes whole files or nothing, and build publishes
    only a site it finished. ``KHARTOUM_SITE_TRACEBACK=1`` shows the traceback, for whoever fixes the tool."""
    if os.environ.get("KHARTOUM_SITE_TRACEBACK") == "1":
        raise exc
    said = clipped(terminal_text(f"{type(exc).__name__}: {exc}"), 300)
    _say(f"The command stopped on an error it did not foresee: {said}. Nothing was published "
         "half-made. If the data and settings look right, report this line with the command you ran.")
    return 1


def _show_what_the_terminal_cannot() -> None:
    """A terminal or pipe whose encoding cannot carry a character of a message (``PYTHONIOENCODING=ascii``, a
    Windows console) gets it as an escape (``\u201c``) instead of ending the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError, io.UnsupportedOperation):
                reconfigure(errors="backslashreplace")


_SYMLINK_LOOP = re.compile(r"Symlink loop from '(.*)'", re.S)


if __name__ == "__main__":
    sys.exit(main())
