"""The command line: ``khartoum-site check | build | generate | manifest | schemas | linkcheck``.

``build`` is the documented way to publish: a strict MkDocs build at the default log level into a
work folder, then our own link check, and only then the new build is switched in at ``site``
(``publish.py``). A data error, a warning, a broken link, a crash or an interrupt leaves the
published site as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from types import FrameType

from . import manifest, publish
from . import schema as schema_module
from .linkcheck import check_site
from .pageset import make_page_set
from .problems import DataError
from .validate import load_record, shown


def cmd_check(args: argparse.Namespace) -> int:
    try:
        record = load_record(Path(args.data_dir))
        manifest.check_published(record, Path(args.data_dir))
    except DataError as exc:
        if args.format == "json":
            print(json.dumps({"ok": False, "problems": [p.as_dict() for p in exc.problems]}, indent=2))
        else:
            print(exc.report(), file=sys.stderr)
        return 1
    counts = {"states": len(record.states), "organisations": len(record.organisations),
              "paragraphs": len(record.clauses()), "instruments": len(record.instruments),
              "topics": len(record.topics), "events": len(record.events), "sources": len(record.sources)}
    if args.format == "json":
        print(json.dumps({"ok": True, "problems": [], "counts": counts}, indent=2))
    else:
        print("The data is valid: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + ".")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write the page set as Markdown files, for another site generator or for inspection."""
    data_dir = Path(args.data_dir)
    try:
        record = load_record(data_dir)
        manifest.check_published(record, data_dir)
        page_set = make_page_set(record, data_dir, args.site_name, args.site_url)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    out = Path(args.output).resolve()
    contents = {**{path: page.markdown.encode("utf-8") for path, page in page_set.pages.items()},
                **page_set.files}
    for path, content in contents.items():
        target = (out / path).resolve()
        if not target.is_relative_to(out):
            print(f"refusing to write {path}: outside {out}", file=sys.stderr)
            return 1
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    print(f"Wrote {len(page_set.pages)} Markdown pages and {len(page_set.files)} other files to {out}.")
    return 0


def cmd_manifest(args: argparse.Namespace) -> int:
    """Add the current ids to the committed manifest of published URLs (it never loses one)."""
    data_dir = Path(args.data_dir)
    try:
        record = load_record(data_dir)  # not checked against the manifest: this command writes it
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    path = data_dir / manifest.MANIFEST_FILE
    problems = manifest.write(record, path, shown(path))
    if problems:
        print(DataError(problems).report().replace("nothing was built", f"{shown(path)} was left as it was"),
              file=sys.stderr)
        return 1
    print(f"{shown(path)} lists {manifest.count(path)} published ids; commit it with the data.")
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    """Write the JSON Schema of each kind of data file, for editors' YAML tools."""
    out = Path(args.data_dir) / "schemas"
    out.mkdir(parents=True, exist_ok=True)
    for name, schema in schema_module.file_schemas().items():
        (out / name).write_text(json.dumps(schema, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Wrote {len(schema_module.file_schemas())} schemas to {out}.")
    return 0


def cmd_linkcheck(args: argparse.Namespace) -> int:
    checked, broken = check_site(Path(args.site_dir))
    for link in broken:
        print(link, file=sys.stderr)
    print(f"{checked} internal links checked, {len(broken)} broken.")
    return 1 if broken else 0


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM and SIGHUP end the build like Ctrl-C does: through the clean-up of cmd_build."""
    raise KeyboardInterrupt


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a work folder, check its links, then publish it atomically (see publish.py).

    Exit status: 0 published; 1 nothing published (a data error, a warning, a broken link, an
    error while writing, or a site path that is not ours to replace); 75 another build is running;
    130 interrupted. In every case but 0 the published site is as it was.
    """
    config = Path(args.config_file).resolve()
    site = Path(os.path.abspath(config.parent / args.site_dir))
    try:
        publish.check_target(site, config)
    except publish.Refused as exc:
        print(exc, file=sys.stderr)
        return 1
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
                built = work / "site"
                # The default log level on purpose: -q would hide the warnings that --strict counts.
                result = publish.run_build(
                    [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                     "--site-dir", str(built)],
                    env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
                if result.stopped_by is not None:
                    print(f"The build stopped: {result.stopped_by}; {site} was left unchanged.", file=sys.stderr)
                    return 1
                if result.returncode != 0:
                    print(f"Build failed; {site} was left unchanged.", file=sys.stderr)
                    return 1
                checked, broken = check_site(built)
                if broken:
                    for link in broken:
                        print(link, file=sys.stderr)
                    print(f"{len(broken)} broken internal links; {site} was left unchanged.", file=sys.stderr)
                    return 1
                pages = sum(1 for _ in built.rglob("*.html"))
                with publish.signals_held():
                    publish.switch(built, site)
                    published = True
                    seconds = time.perf_counter() - started
                    print(f"Published {pages} HTML pages to {site} in {seconds:.1f} s; "
                          f"{checked} internal links and anchors checked, 0 broken.")
                publish.remove_stale(site)  # the superseded build; a signal now only cuts this short
                return 0
            finally:
                with publish.signals_held():
                    shutil.rmtree(work, ignore_errors=True)
    except KeyboardInterrupt:
        if published:  # a signal just after the switch: the site is out, and the message said so
            return 0
        with publish.signals_held():  # a second Ctrl-C must not turn this line into a traceback
            print(f"Interrupted; {site} was left unchanged.", file=sys.stderr)
        return 130
    except publish.Busy as exc:
        print(exc, file=sys.stderr)
        return publish.EXIT_BUSY
    except publish.Refused as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        if published:
            return 0
        print(f"The build stopped: {publish.describe(exc)}; {site} was left unchanged.", file=sys.stderr)
        return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="khartoum-site", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate data/ without building; exit 1 on any problem")
    check.add_argument("--data-dir", default="data")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(run=cmd_check)

    build = sub.add_parser("build", help="strict build + link check, then replace site/ (atomically)")
    build.add_argument("-f", "--config-file", default="mkdocs.yml")
    build.add_argument("-d", "--site-dir", default="site", help="relative to the config file")
    build.set_defaults(run=cmd_build)

    generate = sub.add_parser("generate", help="write the generated pages as Markdown into a folder")
    generate.add_argument("output")
    generate.add_argument("--data-dir", default="data")
    generate.add_argument("--site-url", default=None, help="the site's address, for the citations")
    generate.add_argument("--site-name", default="The Khartoum Process record")
    generate.set_defaults(run=cmd_generate)

    manifest_cmd = sub.add_parser("manifest", help="record the current ids in data/published.json")
    manifest_cmd.add_argument("--data-dir", default="data")
    manifest_cmd.set_defaults(run=cmd_manifest)

    schemas = sub.add_parser("schemas", help="write data/schemas/*.schema.json from the data model")
    schemas.add_argument("--data-dir", default="data")
    schemas.set_defaults(run=cmd_schemas)

    linkcheck = sub.add_parser("linkcheck", help="check every internal link and anchor of a built site")
    linkcheck.add_argument("site_dir")
    linkcheck.set_defaults(run=cmd_linkcheck)

    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
