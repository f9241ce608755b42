"""A problem found in the data, as structured fields, and the one place its message is written.

Every check fills in what it knows: where (file, line, column), which entry and field, what was
expected and what was found, a hint, or a ``detail`` when the problem is not a mismatch of one
value. ``Problem.message`` makes the sentence an editor reads; ``as_dict`` gives tools the fields.
Printed (``str(problem)``, ``DataError.report``), a problem is one line whatever the data holds: the
values it quotes go through ``escape.terminal_text``, so a data file cannot colour, hide, reorder or
forge lines of a terminal or a CI log.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass

from khartoum_site.escape import terminal_text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor has to fix, with where it is and what was expected."""

    file: str
    line: int
    column: int
    entry: str = ""  # the entry of the record: "state 'austria'"
    field: str = ""  # "cites[0].quote"
    expected: str = ""  # "an ISO 3166-1 alpha-2 code (two capital letters)"
    found: str = ""  # "the boolean false"
    hint: str = ""  # "did you mean 'egypt'?"
    detail: str = ""  # what is wrong when it is not "expected …, found …", or what precedes that

    @property
    def message(self) -> str:
        """What is wrong and how to fix it, without the place."""
        text = f"expected {self.expected}, found {self.found}" if self.expected else ""
        if self.detail:
            text = f"{self.detail}: {text}" if text else self.detail
        return f"{text}; {self.hint}" if self.hint else text

    @property
    def label(self) -> str:
        """The entry and field, as the message names them: "state 'norway', field 'iso2'"."""
        if self.entry and self.field:
            return f"{self.entry}, field '{self.field}'"
        if self.field:
            return f"field '{self.field}'"
        return self.entry

    def __str__(self) -> str:
        """The problem on one line, for a terminal or a CI log (every quoted value escaped)."""
        where = f"{self.file}:{self.line}:{self.column}"
        return terminal_text(f"{where}: {self.label}: {self.message}" if self.label else f"{where}: {self.message}")

    def as_dict(self) -> dict[str, str | int]:
        """The fields for tools (``khartoum-site check --format json``), with the message as shown."""
        return {**asdict(self), "message": self.message}


# A file can hold thousands of broken entries (a 1 MB file of `- {}` gave 794,720 problems, 124 MB of
# text): a report lists this many of each file, and counts the rest, so one file cannot flood a terminal,
# a CI log or memory. Fixing the first ones usually fixes the rest, or shows their pattern.
MAX_PER_FILE = 200


def capped(problems: list[Problem], omitted: dict[str, int], seen: dict[str, int]) -> list[Problem]:
    """The problems of each file up to ``MAX_PER_FILE`` (``seen`` counts those already kept, by file), in
    order; the others counted in ``omitted``."""
    kept: list[Problem] = []
    for problem in problems:
        seen[problem.file] = seen.get(problem.file, 0) + 1
        if seen[problem.file] > MAX_PER_FILE:
            omitted[problem.file] = omitted.get(problem.file, 0) + 1
        else:
            kept.append(problem)
    return kept


class DataError(Exception):
    """The data cannot be built; ``problems`` lists every problem found in one pass.

    Those found in a file on its own (``problems``) come first, by file and line; then those found across
    files (``later``: an unknown id, a rule over two records), which are often the consequence of one of the
    first (a misspelt id makes every reference to it unknown). At most ``MAX_PER_FILE`` are listed per file;
    ``omitted`` counts the others, by file.
    """

    def __init__(self, problems: list[Problem], later: list[Problem] | None = None,
                 omitted: dict[str, int] | None = None) -> None:
        self.omitted = dict(omitted or {})
        seen: dict[str, int] = {}  # the cap is per file over both groups
        self.first = capped(sorted(problems), self.omitted, seen)
        self.later = capped(sorted(later or []), self.omitted, seen)
        self.problems = self.first + self.later
        super().__init__(self.report())

    def with_more(self, problems: list[Problem]) -> DataError:
        """The same error with more problems found in files on their own."""
        return DataError(self.first + problems, self.later, self.omitted)

    @property
    def count(self) -> int:
        """Every problem found, listed or not."""
        return len(self.problems) + sum(self.omitted.values())

    def report(self) -> str:
        count = self.count
        head = f"The data has {count} problem{'s' if count != 1 else ''}; nothing was built:"
        lines = [head, *(f"  {p}" for p in self.first)]
        if self.first and self.later:
            lines.append("  Found across files (some may follow from a problem above; fix those first):")
        lines += [f"  {p}" for p in self.later]
        lines += [terminal_text(f"  {file}: {n} more problem{'s' if n != 1 else ''} not listed (at most "
                                f"{MAX_PER_FILE} of a file are); fix those listed and check again")
                  for file, n in sorted(self.omitted.items())]
        return "\n".join(lines)


def did_you_mean(word: str, choices: list[str]) -> str:
    """A hint naming the closest choices, or nothing."""
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    if not close and len(word) >= 3:
        # A truncated word ("regional" for "regional-organisation") is far by edit distance.
        close = [c for c in choices if c.startswith(word) or word.startswith(c)][:3]
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""
