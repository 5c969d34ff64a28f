"""Keeping the files that come with mail, within size, number and type limits.

Files are stored under MEDIA_ROOT by their SHA-256, never by the sender's file name, so a name
cannot reach outside the folder and the same file sent twice is stored once. A refused file
keeps a row saying why; its bytes remain in the original message.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from amends.complaints.models import Message

from .models import Attachment, InboundMail
from .parsing import Part

# Program files, whatever name they are sent under.
_PROGRAM_TYPES = frozenset(
    {
        "application/x-msdownload",
        "application/x-dosexec",
        "application/x-msdos-program",
        "application/x-executable",
        "application/vnd.microsoft.portable-executable",
    }
)


def refusal(part: Part, *, number: int) -> str:
    """Why ``part`` (the ``number``-th file of its message) is not kept, or "" to keep it."""
    if number > settings.AMENDS_MAIL_MAX_ATTACHMENTS:
        return f"More than {settings.AMENDS_MAIL_MAX_ATTACHMENTS} files in one message."
    limit = settings.AMENDS_MAIL_MAX_ATTACHMENT_BYTES
    if len(part.data) > limit:
        return f"Larger than the {limit:,}-byte limit for one file ({len(part.data):,} bytes)."
    extension = part.filename.rsplit(".", 1)[-1].lower() if "." in part.filename else ""
    refused = {e.strip().lower().lstrip(".") for e in settings.AMENDS_MAIL_REFUSED_EXTENSIONS}
    if extension in refused:
        return f"Files of type .{extension} are not kept."
    is_program = part.data[:2] == b"MZ" and not part.content_type.startswith("text/")
    if part.content_type in _PROGRAM_TYPES or is_program:
        return "Program files are not kept."
    return ""


def attachments_store(*, inbound: InboundMail, message: Message, parts: list[Part]) -> list[Attachment]:
    """Store ``parts`` as attachments of ``message``; refused ones are recorded without a file."""
    rows = []
    for number, part in enumerate(parts, start=1):
        digest = hashlib.sha256(part.data).hexdigest()
        row = Attachment(
            inbound=inbound,
            message=message,
            filename=part.filename or f"attachment-{number}",
            content_type=part.content_type,
            size=len(part.data),
            sha256=digest,
            content_id=part.content_id,
            is_inline=part.inline,
            refused=refusal(part, number=number),
        )
        if not row.refused:
            name = f"mail/{digest[:2]}/{digest}"
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(part.data))
            row.file.name = name
        rows.append(row)
    return Attachment.objects.bulk_create(rows)
