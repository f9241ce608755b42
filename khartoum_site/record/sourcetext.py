"""A source's text that answers "is this quotation in it?" for many quotations in time linear in the text
and the quotations together, and "how much of it is?" for a quotation that is not.

Checking each quotation with ``quote in text`` costs time in proportion to the text for every quotation
that is short, or missing: thousands of short quotations of one long source would read it thousands of
times. Here the quotations are first learnt (``SourceText.learning``: the checks run once and every
answer is no, so that a check asks every text it may ask), then settled together:

- a long quotation contains one of the text's fixed blocks whole: it is looked up, then compared;
- the rest are searched with ``str.find`` while they are few (a constant number of passes, fast in C),
  else all at once with one Aho-Corasick pass over the text, which also finds, for each quotation, the
  longest start of it that the text holds (the message says where the copy differs).

A quotation is found only whole: where it begins or ends with a letter, the source's word begins or ends there
too ("refoulement" is not a quotation of "non-refoulement", a twenty-second attack's). Both the text and each
quotation are searched with a mark (``BOUND``) at every edge of a word (``bounded``): a quotation that begins
with a letter begins with the mark, which the text has only where one of its words begins.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

BOUND = "\x02"  # a control character: no text of a source or a quotation keeps one (``bounded`` takes it out)
# What a word is made of, for where a quotation may begin and end: letters and digits, the hyphens and
# apostrophes that join a word's parts (non-refoulement, State's), and combining accents.
_WORD = ("[\\w\\-\u2010\u2011'\u2019\u02bc\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
         "\ue000\ue001]")
_EDGE = re.compile(f"(?<={_WORD})(?!{_WORD})|(?<!{_WORD})(?={_WORD})")
# A point or a comma inside a number (1.5, 2,000) and a point between letters (U.S.) join a word: "5 million" is not
# a quotation of "1.5 million", nor "S. Army" of "U.S. Army" (a twenty-fourth attack's X12). Both the text and the
# quotation have them written as two characters of Unicode's private use, which are word characters here.
_JOINED = re.compile(r"(?<=[0-9])[.,](?=[0-9])|(?<=[^\W\d_])\.(?=[^\W\d_])")
_JOINS = {".": "\ue000", ",": "\ue001"}


def bounded(text: str) -> str:
    """The text with ``BOUND`` at each edge of each word (its start and its end included, where a word is), in
    Unicode's composed form (NFC): a quotation pasted decomposed, as some systems copy accents, is the same words."""
    text = unicodedata.normalize("NFC", text.replace(BOUND, ""))
    return _EDGE.sub(BOUND, _JOINED.sub(lambda m: _JOINS[m.group()], text))


# A quotation's marked form, kept: a check asks each quotation of each text twice (``SourceText.learning``), and a
# server's rebuild asks them all again, a few changed.
_bounded_quotation = functools.lru_cache(maxsize=1 << 14)(bounded)


class SourceText:
    """The text of one source, indexed by blocks, with the answers found so far."""

    BLOCK = 32
    MAX_CANDIDATES = 64
    # Up to this many quotations of one text are searched with str.find (a pass each, in C); beyond, one pass
    # of the automaton in Python answers them all. One pass of the automaton takes about as long as 500 of
    # str.find (bench/quotations.py, CPU time for a million characters: 0.08 s, and 0.15 ms a quotation),
    # so either way the time is at most about that of two passes of the automaton.
    FIND_AT_MOST = 500
    # Where a wrong quotation differs is found by halving it (a search of the text for each half) for this many
    # wrong quotations of a text at most; for more, by one pass of the automaton.
    PREFIX_SEARCHES_AT_MOST = 20

    def __init__(self, text: str) -> None:
        self.text = text
        self._bounded = bounded(text)  # what is searched: the text with its words' edges marked
        self._found: dict[str, bool] = {}  # by the quotation with its edges marked
        self._prefix: dict[str, int] = {}  # by the quotation as written
        self._asked: set[str] | None = None
        self.blocks: dict[str, list[int]] = defaultdict(list)
        for start in range(0, len(self._bounded) - self.BLOCK + 1, self.BLOCK):
            self.blocks[self._bounded[start:start + self.BLOCK]].append(start)

    @classmethod
    def of(cls, text: str) -> SourceText:
        """The index of a source's text, made once per process for each text (a server's rebuilds, or
        repeated checks, ask again and again whether the same quotes are in the same texts)."""
        index = _SOURCE_TEXTS.get(text)
        if index is None:
            while len(_SOURCE_TEXTS) >= 16:
                del _SOURCE_TEXTS[next(iter(_SOURCE_TEXTS))]
            index = _SOURCE_TEXTS[text] = cls(text)
        return index

    def __contains__(self, quote: str) -> bool:
        """Whether the text holds the quotation whole: its first and last words as words of the text."""
        key = _bounded_quotation(quote)
        found = self._found.get(key)
        if found is not None:
            return found
        if self._asked is not None:  # learning: remember the quotation, answer later
            self._asked.add(key)
            return False
        self.settle([key])
        return self._found[key]

    @contextmanager
    def learning(self) -> Iterator[None]:
        """Inside, every quotation asked about is remembered (and taken as missing); on leaving, all are settled."""
        self._asked = set()
        try:
            yield
        finally:
            asked, self._asked = self._asked, None
            self.settle(asked)

    def settle(self, keys: Iterable[str]) -> None:
        """Find whether each quotation (with its edges marked, ``bounded``) is in the text, all together."""
        rest: list[str] = []
        for key in keys:
            if key in self._found:
                continue
            if self._in_blocks(key):
                self._found[key] = True
            else:  # short, too common to look up, or not there: the blocks cannot say which
                rest.append(key)
        if len(rest) <= self.FIND_AT_MOST:
            for key in rest:
                self._found[key] = key in self._bounded
        else:
            for key, length in longest_prefixes(rest, self._bounded).items():
                self._found[key] = length == len(key)
        missing = [key.replace(BOUND, "") for key in rest if not self._found[key]]
        if len(missing) > self.PREFIX_SEARCHES_AT_MOST:  # where each differs: one pass, not a search of each
            self._prefix.update(longest_prefixes(missing, self.text))

    def _in_blocks(self, quote: str) -> bool:
        """True if a block lookup finds the quotation; False if it does not or cannot tell."""
        size = self.BLOCK
        if len(quote) < 2 * size:
            return False
        candidates = [(offset, self.blocks.get(quote[offset:offset + size], ())) for offset in range(size)]
        if sum(len(starts) for _, starts in candidates) > self.MAX_CANDIDATES:
            return False  # a very repetitive text: left to the search of all quotations together
        return any(start >= offset and self._bounded.startswith(quote, start - offset)
                   for offset, starts in candidates for start in starts)

    def matched_prefix(self, quote: str) -> str:
        """The longest start of ``quote`` found in the text, letter for letter, words whole or not: shows the
        editor where the copy differs (all of it: the quotation is in the text only inside a longer word)."""
        if self._asked is not None:  # learning: the message is thrown away
            return ""
        if quote not in self._prefix:
            low, high = 0, len(quote)  # a few wrong quotations only (see settle)
            while low < high:
                mid = (low + high + 1) // 2
                if quote[:mid] in self.text:
                    low = mid
                else:
                    high = mid - 1
            self._prefix[quote] = low
        return quote[: self._prefix[quote]]


_SOURCE_TEXTS: dict[str, SourceText] = {}


def longest_prefixes(quotes: list[str], text: str) -> dict[str, int]:
    """For each quotation, the length of its longest start that occurs in ``text`` (its whole length: it
    occurs), in one pass over the text.

    An Aho-Corasick automaton of the quotations: a trie of them, each node with its failure link (the node of
    its longest proper suffix in the trie). After each character of the text, the current node and every node
    on its chain of failure links occur in the text; the chain is marked only up to the first node marked
    before (whose chain is marked already), so marking costs one step per node in all. A node occurs in the
    text if and only if it is marked, and the starts of a quotation that occur are those of its path that are.
    Time: the text plus the quotations.
    """
    children: list[dict[str, int]] = [{}]
    paths: dict[str, list[int]] = {}
    for quote in quotes:
        node, path = 0, []
        for char in quote:
            child = children[node].get(char)
            if child is None:
                child = len(children)
                children.append({})
                children[node][char] = child
            node = child
            path.append(node)
        paths[quote] = path
    fail = [0] * len(children)
    queue = deque(children[0].values())
    while queue:
        node = queue.popleft()
        for char, child in children[node].items():
            suffix = fail[node]
            while suffix and char not in children[suffix]:
                suffix = fail[suffix]
            fail[child] = children[suffix].get(char, 0) if node else 0
            queue.append(child)
    seen = bytearray(len(children))
    seen[0] = 1
    state = 0
    for char in text:
        while state and char not in children[state]:
            state = fail[state]
        state = children[state].get(char, 0)
        node = state
        while not seen[node]:
            seen[node] = 1
            node = fail[node]
    return {quote: sum(seen[node] for node in path) for quote, path in paths.items()}
