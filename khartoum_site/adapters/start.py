"""The entry point of ``khartoum-site`` and ``python -m khartoum_site``: it loads the command line and runs it.

Loading the command line takes a few tenths of a second (MkDocs, Jinja, YAML); a Ctrl-C then ended in Python's
traceback (an attack), while a Ctrl-C later ends in one line (``cli.main``). Here it ends in the same line.
"""

from __future__ import annotations

import sys

INTERRUPTED = "Interrupted (Ctrl-C): the command stopped before it finished."


def main() -> int:
    """Load the command line and run the command the process's arguments name; return its exit status."""
    try:
        from khartoum_site.adapters.cli import main as run  # here, to catch a Ctrl-C while it loads
    except KeyboardInterrupt:
        if sys.stderr is not None:
            sys.stderr.write(INTERRUPTED + "\n")
        return 130
    return run()
