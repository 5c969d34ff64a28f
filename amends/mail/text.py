"""The text a person sees: HTML turned into plain text, quoted history and signatures cut.

The cut text is only what the desk shows; the original message is always kept as it arrived.
"""

import re

import html2text
import nh3

# Whole elements whose content is never text a person wrote.
_DROP_CONTENT = {"script", "style", "head", "title", "template", "noscript"}
_CELL_END = re.compile(r"(?i)</t[dh]\s*>")
_ROW_END = re.compile(r"(?i)</tr\s*>")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")

_ATTRIBUTION = re.compile(
    r"^\s*("
    r"on\b.{1,250}\b(wrote|writes)\s*:"
    r"|le\b.{1,250}\ba écrit\s*:"
    r"|am\b.{1,250}\bschrieb\b.{0,120}:"
    r"|el\b.{1,250}\bescribió\s*:"
    r"|op\b.{1,250}\bschreef\b.{0,120}:"
    r"|il\b.{1,250}\bha scritto\s*:"
    r"|-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}"
    r")\s*$",
    re.IGNORECASE,
)
_OUTLOOK_FROM = re.compile(r"^\s*\*?(from|von|de)\s*:\*?\s", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*\*?(sent|date|gesendet|envoyé|to|an|à|subject)\s*:", re.IGNORECASE)
_RULE = re.compile(r"^\s*_{8,}\s*$")
_SIGNATURE = re.compile(r"^-- ?$")
_MOBILE_FOOTER = re.compile(
    r"^\s*(sent from my \w+|sent from (mail|outlook) for \w+|get outlook for \w+"
    r"|envoyé de mon \w+|von meinem \w+ gesendet)",
    re.IGNORECASE,
)


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML body: sanitised by nh3 first, so no script or style text
    survives, then laid out by html2text (links kept as text, images dropped)."""
    cleaned = nh3.clean(html, clean_content_tags=_DROP_CONTENT)
    cleaned = _ROW_END.sub("<br>\\g<0>", _CELL_END.sub(" \\g<0>", cleaned))
    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.ignore_tables = True
    converter.unicode_snob = True
    text = converter.handle(cleaned)
    return _BLANK_LINES.sub("\n\n", _TRAILING_SPACE.sub("\n", text)).strip()


def _is_history_start(lines: list[str], i: int) -> bool:
    line = lines[i]
    following = lines[i + 1] if i + 1 < len(lines) else ""
    if _ATTRIBUTION.match(line) or _ATTRIBUTION.match(f"{line} {following}"):
        return True
    if _RULE.match(line) and _OUTLOOK_FROM.match(following):
        return True
    nearby = lines[i + 1 : i + 5]
    return bool(_OUTLOOK_FROM.match(line) and any(_OUTLOOK_NEXT.match(n) for n in nearby))


def _is_quote(line: str) -> bool:
    return line.lstrip().startswith(">")


def strip_signature(text: str) -> str:
    """``text`` without a trailing signature (after ``-- ``) or a mobile client's footer."""
    lines = text.replace("\r\n", "\n").split("\n")
    for i, line in enumerate(lines):
        if _SIGNATURE.match(line) or (_MOBILE_FOOTER.match(line) and len(lines) - i <= 3):
            kept = "\n".join(lines[:i]).strip()
            return kept or text.strip()
    return text.strip()


def strip_reply(text: str) -> str:
    """The new part of a reply: quoted history and the signature removed.

    Quotes interleaved with answers are kept, since cutting them would cut the answers; if
    nothing new would be left, the whole text is returned.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    last_own = max((i for i, line in enumerate(lines) if line.strip() and not _is_quote(line)), default=-1)
    for i in range(len(lines)):
        if _is_history_start(lines, i) or (i > last_own and _is_quote(lines[i])):
            lines = lines[:i]
            break
    kept = strip_signature("\n".join(lines))
    return kept or text.strip()
