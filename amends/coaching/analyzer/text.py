"""Sentences and spans of a draft, with offsets into the text the agent typed."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

# Curly quotes and odd spaces become their plain forms one character for one, so every offset
# found in the normalised text is an offset in the draft as typed.
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n\s*")
# Titles whose full stop does not end a sentence.
_TITLE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|No|approx|e\.g|i\.e|etc))\.$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@dataclass(frozen=True)
class Span:
    """A stretch of the draft: where it starts and ends, and what it says."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str

    def span(self, match: re.Match[str] | None = None) -> Span:
        """The whole sentence, or one match inside it, as a span of the draft."""
        if match is None:
            return Span(self.start, self.end, self.text)
        return Span(self.start + match.start(), self.start + match.end(), match.group(0))

    @cached_property
    def words(self) -> list[str]:
        return [w.lower() for w in _WORD.findall(self.text)]


class Doc:
    """A draft split into sentences once, for every rule to read."""

    def __init__(self, text: str) -> None:
        self.text = text.translate(_PLAIN)
        self.sentences = list(_split(self.text))

    def search(self, pattern: re.Pattern[str]) -> Iterator[tuple[Sentence, re.Match[str]]]:
        """Every match of ``pattern`` in every sentence, in order."""
        for sentence in self.sentences:
            for match in pattern.finditer(sentence.text):
                yield sentence, match

    @cached_property
    def words(self) -> list[str]:
        return [w for s in self.sentences for w in s.words]


def _split(text: str) -> Iterator[Sentence]:
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        piece = text[start : boundary.start()]
        if _TITLE.search(piece) and "\n" not in boundary.group(0):
            continue
        yield from _sentence(text, start, boundary.start())
        start = boundary.end()
    yield from _sentence(text, start, len(text))


def _sentence(text: str, start: int, end: int) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Sentence(start, end, text[start:end])


def clause_around(sentence: Sentence, position: int) -> str:
    """The clause of ``sentence`` holding ``position``: cut at semicolons, dashes and 'but'."""
    cuts = [0, len(sentence.text)]
    for cut in re.finditer(r";|\s[-\u2013—]\s|,?\s+(?:but|however|although|though|whereas)\b", sentence.text):
        cuts.append(cut.start() if cut.start() >= position else cut.end())
    left = max(c for c in cuts if c <= position)
    right = min(c for c in cuts if c > position) if any(c > position for c in cuts) else len(sentence.text)
    return sentence.text[left:right]
