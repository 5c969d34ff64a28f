"""Turning the bytes and headers of real mail into text, whatever charset they claim.

Mail often lies about its charset: UTF-8 labelled ISO-8859-1, Windows-1252 labelled US-ASCII,
raw 8-bit bytes in headers, encoded words naming charsets Python does not know. Text that is valid
UTF-8 is almost never meant as a single-byte Western charset, so UTF-8 is tried first whenever the
label is one of those; otherwise the label is trusted, then UTF-8, then Windows-1252.
"""

import codecs
import re
from email.header import decode_header

# Labels that really mean a larger charset in practice (what mail clients and browsers do).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "x-sjis": "cp932",
    "iso-8859-8-i": "iso-8859-8",
    "big5": "big5hkscs",
    "tis-620": "cp874",
    "windows-874": "cp874",
    "unicode-1-1-utf-7": "utf-7",
    "x-unknown": "",
    "unknown-8bit": "",
    "default": "",
}
# Codec names (as ``codecs.lookup`` gives them) of the labels that hide UTF-8 most often.
_WESTERN = frozenset({"", "ascii", "iso8859-1", "iso8859-15", "cp1252"})
_LATIN1 = frozenset({"", "ascii", "iso8859-1"})
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?")
_FOLD = re.compile(r"\r?\n[ \t]+")
_SPACE = re.compile(r"\s+")


def _codec(label: str | None) -> str:
    name = (label or "").strip().strip('"').lower()
    name = _SUPERSETS.get(name, name)
    if not name:
        return ""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return ""


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode body or header bytes, falling back sensibly when the declared charset is wrong.

    NUL characters are dropped: no person types one, and PostgreSQL text cannot hold them.
    """
    return _decode(data, _codec(declared)).replace("\x00", "")


def _decode(data: bytes, codec: str) -> str:
    if data.isascii():
        return data.decode("ascii")
    # As browsers do, Latin-1 and ASCII labels are read as Windows-1252, their common superset.
    attempts = ["utf-8", "cp1252" if codec in _LATIN1 else codec] if codec in _WESTERN else [codec]
    for name in [*attempts, "utf-8", "cp1252"]:
        if not name:
            continue
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


def decode_header_value(value: str) -> str:
    """A header's text: unfolded, 8-bit bytes and RFC 2047 encoded words decoded, on one line.

    ``value`` is the header as the parser kept it, with any raw 8-bit bytes as surrogate escapes.
    """
    value = _FOLD.sub(" ", value)
    if not value.isascii():
        value = decode_text(value.encode("ascii", "surrogateescape"))
    if _ENCODED_WORD.search(value):
        try:
            chunks = decode_header(value)
        except Exception:  # a malformed encoded word is shown as written
            chunks = [(value, None)]
        value = "".join(
            chunk if isinstance(chunk, str) else decode_text(chunk, charset) for chunk, charset in chunks
        )
    return _SPACE.sub(" ", value.replace("\x00", "")).strip()
