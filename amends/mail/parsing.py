"""Reading a raw message: headers, the text a person wrote, and the files that came with it.

Python's ``email`` package with ``policy.default`` reads the MIME structure. Header text is
decoded here (see ``charsets``) because real mail gets charsets wrong in ways the standard
decoder turns into replacement characters.
"""

import mimetypes
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser, BytesParser
from email.policy import EmailPolicy
from email.utils import getaddresses
from typing import Any

from .charsets import decode_header_value, decode_text
from .text import html_to_text

# Parsed MIME headers by (name, value as it arrived), shared by every message this process reads.
_MIME_HEADERS: dict[tuple[str, str], Any] = {}
_MIME_HEADER_NAMES = frozenset({"content-type", "content-disposition", "content-transfer-encoding"})
_MIME_HEADERS_KEPT = 2048


class _Policy(EmailPolicy):
    """``policy.default``, except that a MIME header value is parsed once per process.

    The email package parses a header again each time it is asked for, and finding a part's
    type, charset, boundary and file name asks for Content-Type a dozen times a message; most
    mail repeats a few such values. Parsed headers cannot be changed, so sharing them changes
    nothing but the time taken (it was most of the time spent reading a message).
    """

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if hasattr(value, "name") or name.lower() not in _MIME_HEADER_NAMES:
            return super().header_fetch_parse(name, value)
        key = (name, value)
        parsed = _MIME_HEADERS.get(key)
        if parsed is None:
            if len(_MIME_HEADERS) >= _MIME_HEADERS_KEPT:
                _MIME_HEADERS.clear()
            parsed = _MIME_HEADERS[key] = super().header_fetch_parse(name, value)
        return parsed


_PARSER = BytesParser(policy=_Policy())
_MSGID = re.compile(r"<[^<>\s]{1,250}>")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MSGID_HEADER = re.compile(rb"^message-id[ \t]*:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)
_UNSAFE_FILENAME = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


class Unreadable(Exception):
    """The bytes cannot be read as an email at all."""


@dataclass
class Part:
    """A file that came with the message."""

    filename: str
    content_type: str
    data: bytes
    content_id: str = ""
    inline: bool = False


@dataclass
class ParsedMail:
    message: EmailMessage
    message_id: str | None
    subject: str
    from_name: str
    from_address: str
    reply_to: str
    sender: str
    recipients: list[str]
    in_reply_to: list[str]
    references: list[str]
    text: str = ""
    html_only: bool = False
    attachments: list[Part] = field(default_factory=list)


def header_block_end(raw: bytes) -> int:
    """Where the header block of ``raw`` ends (the whole of it if no blank line is found)."""
    end = _HEADER_END.search(raw)
    return end.start() if end else len(raw)


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID, read from the header block without parsing the message.

    Used to recognise a message delivered twice before anything risky is done with it.
    """
    found = _MSGID_HEADER.search(raw[: header_block_end(raw)])
    ids = message_ids(found.group(1).decode("ascii", "replace")) if found else []
    return ids[0] if ids else None


def message_ids(value: str) -> list[str]:
    """Every ``<id>`` in a Message-ID, In-Reply-To or References value, in order."""
    return _MSGID.findall(value or "")


def header(message: Message, name: str) -> str:
    """One header's decoded text ("" when absent), tolerant of raw 8-bit and wrong charsets."""
    lowered = name.lower()
    for key, value in message.raw_items():
        if key.lower() == lowered:
            return decode_header_value(str(value))
    return ""


def _addresses(message: Message, *names: str) -> list[tuple[str, str]]:
    values = [str(value) for key, value in message.raw_items() if key.lower() in names]
    pairs = getaddresses(values)
    return [(decode_header_value(name), addr.strip().lower()) for name, addr in pairs if "@" in addr]


def parse(raw: bytes) -> ParsedMail:
    """Read ``raw`` into a ``ParsedMail``; raise ``Unreadable`` when it is not an email."""
    if not raw.strip():
        raise Unreadable("Empty message: no bytes arrived.")
    message = _PARSER.parsebytes(raw)
    if not message.keys():
        raise Unreadable("Not an email: no header section was found.")
    assert isinstance(message, EmailMessage)
    sender = _addresses(message, "from")
    own_ids = message_ids(header(message, "message-id"))
    parsed = ParsedMail(
        message=message,
        message_id=own_ids[0] if own_ids else None,
        subject=header(message, "subject"),
        from_name=sender[0][0] if sender else "",
        from_address=sender[0][1] if sender else "",
        reply_to=next(iter(a for _, a in _addresses(message, "reply-to")), ""),
        sender=next(iter(a for _, a in _addresses(message, "sender")), ""),
        recipients=[
            a for _, a in _addresses(message, "to", "cc", "delivered-to", "x-original-to", "envelope-to")
        ],
        in_reply_to=message_ids(header(message, "in-reply-to")),
        references=message_ids(header(message, "references")),
    )
    texts: list[tuple[str, str]] = []
    _walk(message, texts, parsed.attachments, body=True)
    plain = [text for kind, text in texts if kind == "plain"]
    parsed.html_only = bool(texts) and not plain
    parsed.text = "\n\n".join(text for _, text in texts).strip()
    return parsed


def _walk(part: Message, texts: list[tuple[str, str]], files: list[Part], *, body: bool) -> None:
    """Collect body text from the parts that carry it and every other leaf as a file.

    Of alternatives, plain text is preferred; the others still give up their inline images.
    Mixed parts are all kept in order, since Apple Mail splits one body around inline images.
    """
    if part.is_multipart():
        children = [c for c in part.get_payload() if isinstance(c, Message)]
        subtype = part.get_content_subtype()
        if subtype == "alternative" and body:
            chosen = _choose_alternative(children)
            for child in children:
                _walk(child, texts, files, body=child is chosen)
        elif subtype == "related" and children:
            _walk(children[0], texts, files, body=body)
            for child in children[1:]:
                _walk(child, texts, files, body=False)
        else:
            for child in children:
                _walk(child, texts, files, body=body)
        return
    content_type = part.get_content_type()
    is_body_text = content_type in ("text/plain", "text/html") and not _filename(part)
    if is_body_text and part.get_content_disposition() != "attachment":
        if body:
            text = _text(part).replace("\r\n", "\n")
            kind = "plain" if content_type == "text/plain" else "html"
            texts.append((kind, html_to_text(text) if kind == "html" else text.strip()))
        return
    files.append(_file(part, len(files) + 1))


def _choose_alternative(children: list[Message]) -> Message | None:
    for wanted in ("text/plain", "text/html"):
        for child in children:
            if child.get_content_type() == wanted and not _filename(child):
                return child
    return children[-1] if children else None


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _text(part: Message) -> str:
    return decode_text(_payload(part), part.get_content_charset())


def _filename(part: Message) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:  # a malformed parameter: the part is kept under a made-up name
        name = ""
    name = decode_header_value(name) if name else ""
    return _UNSAFE_FILENAME.sub("_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(" .")[:200]


def _file(part: Message, number: int) -> Part:
    content_type = part.get_content_type()
    if content_type == "message/rfc822" and part.is_multipart():
        inner = part.get_payload(0)
        data = inner.as_bytes() if isinstance(inner, Message) else b""
    else:
        data = _payload(part)
    name = _filename(part) or f"attachment-{number}{mimetypes.guess_extension(content_type) or '.bin'}"
    content_id = (part.get("Content-ID") or "").strip().strip("<>")[:250]
    return Part(
        filename=name,
        content_type=content_type[:100],
        data=data,
        content_id=content_id,
        inline=part.get_content_disposition() == "inline" or bool(content_id),
    )


def parse_headers(raw: bytes) -> Message:
    """Only the header block of ``raw`` (for the text/rfc822-headers part of a bounce)."""
    return BytesHeaderParser(policy=policy.default).parsebytes(raw)


def parse_leniently(raw: bytes) -> ParsedMail:
    """Whatever can be read of ``raw`` when a person has released it: headers if the parser
    finds any, and otherwise the bytes themselves as text."""
    try:
        return parse(raw)
    except Exception:  # released on purpose: show the bytes as text rather than fail again
        message = EmailMessage()
        return ParsedMail(
            message=message,
            message_id=None,
            subject="(Unreadable message)",
            from_name="",
            from_address="",
            reply_to="",
            sender="",
            recipients=[],
            in_reply_to=[],
            references=[],
            text=decode_text(raw).replace("\x00", ""),
        )
