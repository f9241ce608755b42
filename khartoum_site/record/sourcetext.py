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
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager


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
        self._found: dict[str, bool] = {}
        self._prefix: dict[str, int] = {}
        self._asked: set[str] | None = None
        self.blocks: dict[str, list[int]] = defaultdict(list)
        for start in range(0, len(text) - self.BLOCK + 1, self.BLOCK):
            self.blocks[text[start:start + self.BLOCK]].append(start)

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
        found = self._found.get(quote)
        if found is not None:
            return found
        if self._asked is not None:  # learning: remember the quotation, answer later
            self._asked.add(quote)
            return False
        self.settle([quote])
        return self._found[quote]

    @contextmanager
    def learning(self) -> Iterator[None]:
        """Inside, every quotation asked about is remembered (and taken as missing); on leaving, all are settled."""
        self._asked = set()
        try:
            yield
        finally:
            asked, self._asked = self._asked, None
            self.settle(asked)

    def settle(self, quotes: Iterable[str]) -> None:
        """Find whether each quotation is in the text, all together."""
        rest: list[str] = []
        for quote in quotes:
            if quote in self._found:
                continue
            if self._in_blocks(quote):
                self._found[quote] = True
            else:  # short, too common to look up, or not there: the blocks cannot say which
                rest.append(quote)
        if len(rest) <= self.FIND_AT_MOST:
            for quote in rest:
                self._found[quote] = quote in self.text
            missing = [quote for quote in rest if not self._found[quote]]
            if len(missing) > self.PREFIX_SEARCHES_AT_MOST:  # where each differs: one pass, not a search of each
                self._prefix.update(longest_prefixes(missing, self.text))
            return
        for quote, length in longest_prefixes(rest, self.text).items():
            self._found[quote] = length == len(quote)
            self._prefix[quote] = length

    def _in_blocks(self, quote: str) -> bool:
        """True if a block lookup finds the quotation; False if it does not or cannot tell."""
        size = self.BLOCK
        if len(quote) < 2 * size:
            return False
        candidates = [(offset, self.blocks.get(quote[offset:offset + size], ())) for offset in range(size)]
        if sum(len(starts) for _, starts in candidates) > self.MAX_CANDIDATES:
            return False  # a very repetitive text: left to the search of all quotations together
        return any(start >= offset and self.text.startswith(quote, start - offset)
                   for offset, starts in candidates for start in starts)

    def matched_prefix(self, quote: str) -> str:
        """The longest start of ``quote`` found in the text: shows the editor where the copy differs."""
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
