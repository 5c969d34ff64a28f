"""Inbound mail as it arrived (bytes first), its attachments, and the IMAP mailboxes we poll."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Source(models.TextChoices):
    SMTP = "smtp", "SMTP receiver"
    IMAP = "imap", "IMAP mailbox"
    WEBHOOK = "webhook", "Provider webhook"
    FILE = "file", "File import"


class Status(models.TextChoices):
    PENDING = "pending", "Stored, not yet processed"
    PROCESSED = "processed", "Processed"
    QUARANTINED = "quarantined", "Quarantined"
    DISMISSED = "dismissed", "Dismissed by staff"


class Outcome(models.TextChoices):
    """What processing made of a message."""

    NONE = "", "Not yet"
    NEW = "new", "New complaint"
    THREADED = "threaded", "Added to a complaint"
    BOUNCE = "bounce", "Delivery failure report"


class Noise(models.TextChoices):
    """Why a message must never be answered automatically."""

    NONE = "", "Written by a person"
    AUTO_REPLY = "auto_reply", "Automatic reply"
    BULK = "bulk", "Bulk or list mail"
    BOUNCE = "bounce", "Bounce"
    LOOP = "loop", "Our own mail come back"


class InboundMail(models.Model):
    """One message as it reached us, stored before anything tries to read it.

    ``raw`` holds the bytes until processing hands them to the complaint's message (then
    ``message.raw`` is the one copy); quarantined and bounce mail keep them here.
    """

    source = models.CharField(max_length=10, choices=Source.choices)
    source_ref = models.CharField(max_length=300, blank=True, help_text="Where exactly it came from.")
    envelope_from = models.CharField(max_length=254, blank=True)
    envelope_to = models.TextField(blank=True, help_text="Envelope recipients, one a line.")
    raw = models.BinaryField(null=True, blank=True, editable=False)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, unique=True)
    # NULL, not "", when absent: uniqueness applies only to real Message-IDs.
    msgid = models.CharField("Message-ID", max_length=255, null=True, blank=True)  # noqa: DJ001
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True, default="")
    noise = models.CharField(max_length=12, choices=Noise.choices, blank=True, default="")
    reason = models.TextField(blank=True, help_text="Why it was quarantined, or what was noticed.")
    from_address = models.CharField(max_length=254, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    complaint = models.ForeignKey(
        "complaints.Complaint", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.ForeignKey(
        "complaints.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0, help_text="Times it was delivered again.")
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "inbound mail"
        verbose_name_plural = "inbound mail"
        constraints = [
            models.UniqueConstraint(
                fields=["msgid"],
                name="inbound_msgid_unique",
                condition=models.Q(msgid__isnull=False),
            )
        ]
        indexes = [models.Index(fields=["status", "id"], name="inbound_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} #{self.pk}: {self.subject or self.msgid or self.sha256[:12]}"


class Attachment(models.Model):
    """A file that came with an inbound message. Refused files keep a row saying why, no file."""

    inbound = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        "complaints.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    file = models.FileField(upload_to="mail/", max_length=200, blank=True)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content_id = models.CharField(max_length=255, blank=True, help_text="Set for inline images.")
    is_inline = models.BooleanField(default=False)
    refused = models.CharField(max_length=200, blank=True, help_text="Why the file was not kept.")

    def __str__(self) -> str:
        return self.filename


class Security(models.TextChoices):
    IMAPS = "imaps", "IMAPS (TLS from the start)"
    STARTTLS = "starttls", "STARTTLS"
    NONE = "none", "None (loopback or testing only)"


class AfterIngest(models.TextChoices):
    MOVE = "move", "Move to the processed folder"
    FLAG = "flag", "Flag as seen and processed"


class Mailbox(models.Model):
    """An IMAP mailbox polled for complaints; rows edited in the admin."""

    name = models.CharField(max_length=100, unique=True)
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=993)
    security = models.CharField(max_length=10, choices=Security.choices, default=Security.IMAPS)
    username = models.CharField(max_length=255)
    password = models.CharField(
        max_length=255,
        blank=True,
        help_text="Leave blank to read it from the environment variable named below.",
    )
    password_env = models.CharField(
        max_length=100, blank=True, help_text="e.g. AMENDS_IMAP_CARE_PASSWORD; kept out of the database."
    )
    folder = models.CharField(max_length=255, default="INBOX")
    after_ingest = models.CharField(max_length=10, choices=AfterIngest.choices, default=AfterIngest.MOVE)
    processed_folder = models.CharField(max_length=255, default="Amends-Processed")
    is_active = models.BooleanField(default=True)

    # The poller's progress, so it resumes where it stopped after a crash.
    uid_validity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name_plural = "mailboxes"

    def __str__(self) -> str:
        return self.name
