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


class DataError(Exception):
    """The data cannot be built; ``problems`` lists every problem found in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The data has {count} problem{'s' if count != 1 else ''}; nothing was built:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


def did_you_mean(word: str, choices: list[str]) -> str:
    """A hint naming the closest choices, or nothing."""
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    if not close and len(word) >= 3:
        # A truncated word ("regional" for "regional-organisation") is far by edit distance.
        close = [c for c in choices if c.startswith(word) or word.startswith(c)][:3]
    return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?" if close else ""
