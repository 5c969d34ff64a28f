"""Small helpers for text that people typed."""

import re

_SPACE = re.compile(r"\s+")


def one_line(text: str, limit: int = 120) -> str:
    """Fold ``text`` to a single line of at most ``limit`` characters, ending in an ellipsis if cut."""
    line = _SPACE.sub(" ", text).strip()
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] or line[: limit - 1]
    return cut.rstrip(" ,.;:") + "…"
