"""Remedies: the catalogue, what the customer sought, offers, authority, approvals and the ledger."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from amends.accounts.models import Role
from amends.complaints.models import Severity


def default_currency() -> str:
    code: str = settings.AMENDS_CURRENCY
    return code


class RemedyKind(models.TextChoices):
    REFUND = "refund", "Refund"
    PARTIAL_REFUND = "partial_refund", "Partial refund"
    REPLACEMENT = "replacement", "Replacement"
    REPAIR = "repair", "Repair"
    CREDIT = "credit", "Account credit"
    DISCOUNT = "discount", "Discount"
    GIFT_CARD = "gift_card", "Gift card"
    CALLBACK = "callback", "Callback"
    EXPLANATION = "explanation", "Explanation"
    APOLOGY_ONLY = "apology_only", "Apology only"
    HANDWRITTEN_NOTE = "handwritten_note", "Handwritten note"
    FLOWERS = "flowers", "Flowers or a gift"
    UPGRADE = "upgrade", "Upgrade"
    CUSTOM = "custom", "Something else"


class Remedy(models.Model):
    """One entry of the catalogue: a concrete thing the organisation can do to put things right."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    wording = models.CharField(
        max_length=300, help_text="How the customer reads it in an offer, e.g. 'A full refund to your card'."
    )
    default_amount = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    max_amount = models.DecimalField(
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="The most this remedy may be offered for; blank for no cap.",
    )
    currency = models.CharField(
        max_length=3, blank=True, help_text="ISO 4217 code; blank for the organisation's currency."
    )
    fulfilment_steps = models.TextField(blank=True, help_text="What to do once granted, one step a line.")
    fulfil_within_days = models.PositiveSmallIntegerField(
        default=5, help_text="Days to fulfil once granted (a promise to the customer); 0 for nothing to do."
    )
    is_gesture = models.BooleanField(
        default=False, help_text="A goodwill or surprise gesture, suggested rather than offered."
    )
    suggest_from_severity = models.CharField(
        max_length=10,
        choices=Severity.choices,
        blank=True,
        help_text="Gestures: suggest for complaints at least this severe (blank for any).",
    )
    suggest_after_complaints = models.PositiveSmallIntegerField(
        default=0, help_text="Gestures: suggest when the customer has complained at least this often before."
    )
    position = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "remedies"
        constraints = [
            models.CheckConstraint(
                condition=Q(default_amount__gte=0) | Q(default_amount__isnull=True),
                name="remedy_default_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(max_amount__gte=0) | Q(max_amount__isnull=True), name="remedy_max_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def steps(self) -> list[str]:
        return [line.strip() for line in self.fulfilment_steps.splitlines() if line.strip()]


class SoughtSource(models.TextChoices):
    AGENT = "agent", "Recorded by staff"
    CUSTOMER = "customer", "The customer, in their reply to an offer"


class SoughtRemedy(models.Model):
    """What the customer said would put it right, in a structured form. The newest one counts."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="remedies_sought"
    )
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    note = models.TextField(blank=True)
    source = models.CharField(max_length=10, choices=SoughtSource.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["complaint", "created_at"], name="sought_complaint_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} sought on {self.complaint_id}"


class OfferState(models.TextChoices):
    OPEN = "open", "Waiting for the customer"
    CHOSEN = "chosen", "Chosen"
    COUNTERED = "countered", "Customer proposed another"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ChoiceVia(models.TextChoices):
    PORTAL = "portal", "Portal link"
    PHONE = "phone", "By phone, recorded by staff"


class Offer(models.Model):
    """One or two remedies put to the customer, who chooses one or says what they want instead."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="offers")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True, help_text="The agent's own words above the options.")
    state = models.CharField(max_length=10, choices=OfferState.choices, default=OfferState.OPEN)
    nonce = models.CharField(max_length=32, help_text="In the signed link; a new offer gets a new one.")
    message = models.ForeignKey(
        "complaints.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_via = models.CharField(max_length=10, choices=ChoiceVia.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chosen = models.ForeignKey(
        "OfferOption", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counter_proposal = models.TextField(blank=True)

    class Meta:
        constraints = [
            # A customer has one live question at a time; a new offer withdraws the old one.
            models.UniqueConstraint(
                fields=["complaint"], condition=Q(state="open"), name="offer_one_open_per_complaint"
            )
        ]
        indexes = [models.Index(fields=["complaint", "created_at"], name="offer_complaint_idx")]

    def __str__(self) -> str:
        return f"Offer {self.pk} on {self.complaint_id}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class OfferOption(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    remedy = models.ForeignKey(Remedy, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=3)
    currency = models.CharField(max_length=3)
    wording = models.CharField(max_length=300)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "position"], name="offer_option_position_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="offer_option_not_negative"),
        ]

    def __str__(self) -> str:
        return self.wording


LIMIT_HELP = "Blank: no limit; 0: always ask for approval."


class AuthorityLimit(models.Model):
    """What may be granted without approval, for a person, a role in a team, or a role.

    The most specific row applies: the person's own, else their role's in the complaint's team,
    else their role's. Blank limits are unlimited; zero means everything needs approval. Amounts
    are in the row's currency and apply only to remedies in that currency.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    currency = models.CharField(max_length=3, default=default_currency)
    per_remedy = models.DecimalField(
        max_digits=14, decimal_places=3, null=True, blank=True, help_text=LIMIT_HELP + " One remedy."
    )
    per_complaint = models.DecimalField(
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=LIMIT_HELP + " All grants on a complaint.",
    )
    per_customer = models.DecimalField(
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=LIMIT_HELP + " One customer, in the period.",
    )
    customer_period_days = models.PositiveSmallIntegerField(
        default=30, help_text="The per-customer limit counts grants in this many days."
    )
    monthly_budget = models.DecimalField(
        max_digits=14, decimal_places=3, null=True, blank=True, help_text=LIMIT_HELP + " A calendar month."
    )
    budget_is_shared = models.BooleanField(
        default=False,
        help_text="One budget for everyone this row covers, rather than each person's own.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(team__isnull=True) & Q(role=""))
                | (Q(user__isnull=True) & ~Q(role="")),
                name="authority_scope_is_person_or_role",
            ),
            models.UniqueConstraint(
                fields=["user", "currency"], condition=Q(user__isnull=False), name="authority_user_unique"
            ),
            models.UniqueConstraint(
                fields=["team", "role", "currency"],
                condition=Q(team__isnull=False),
                name="authority_team_role_unique",
            ),
            models.UniqueConstraint(
                fields=["role", "currency"],
                condition=Q(team__isnull=True, user__isnull=True),
                name="authority_role_unique",
            ),
        ]

    def __str__(self) -> str:
        if self.user_id:
            return f"{self.user} ({self.currency})"
        team = f" in {self.team}" if self.team_id else ""
        return f"{self.get_role_display()}s{team} ({self.currency})"


class ApprovalLevel(models.TextChoices):
    SUPERVISOR = "supervisor", "Supervisor"
    ADMIN = "admin", "Administrator"


class ApprovalState(models.TextChoices):
    PENDING = "pending", "Waiting"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired undecided"


class ApprovalRequest(models.Model):
    """A remedy above the requester's authority, waiting for the next level to decide."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="approval_requests"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    remedy = models.ForeignKey(Remedy, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=3)
    currency = models.CharField(max_length=3)
    wording = models.CharField(max_length=300)
    option = models.ForeignKey(
        OfferOption, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_gesture = models.BooleanField(default=False)
    key = models.CharField(
        max_length=100, help_text="What is being granted, so a repeat is not a second ask."
    )
    why = models.TextField(help_text="Which limit it is above.")
    summary = models.TextField(help_text="The case, as the approver reads it.")
    level = models.CharField(max_length=10, choices=ApprovalLevel.choices)
    state = models.CharField(max_length=10, choices=ApprovalState.choices, default=ApprovalState.PENDING)
    nonce = models.CharField(max_length=32)
    escalations = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(state="pending"), name="approval_pending_key"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="approval_not_negative"),
        ]
        indexes = [
            # The sweep reads only undecided requests, in expiry order.
            models.Index(
                fields=["expires_at"], name="approval_pending_due_idx", condition=Q(state="pending")
            ),
            models.Index(fields=["level", "state", "created_at"], name="approval_level_state_idx"),
            models.Index(fields=["complaint", "created_at"], name="approval_complaint_idx"),
        ]

    def __str__(self) -> str:
        return f"Approval {self.pk}: {self.wording}"


class Grant(models.Model):
    """One granted remedy: a line of the redress ledger. Written once, never edited."""

    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.PROTECT, related_name="grants")
    customer = models.ForeignKey("complaints.Customer", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey("complaints.Category", null=True, blank=True, on_delete=models.SET_NULL)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL)
    remedy = models.ForeignKey(Remedy, on_delete=models.PROTECT, related_name="grants")
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=3)
    currency = models.CharField(max_length=3)
    wording = models.CharField(max_length=300)
    is_gesture = models.BooleanField(default=False)
    key = models.CharField(
        max_length=100, unique=True, help_text="What was granted; granting twice is refused."
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    authority = models.ForeignKey(AuthorityLimit, null=True, blank=True, on_delete=models.SET_NULL)
    approval = models.OneToOneField(
        ApprovalRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="grant"
    )
    option = models.OneToOneField(
        OfferOption, null=True, blank=True, on_delete=models.PROTECT, related_name="grant"
    )
    promise = models.ForeignKey(
        "promises.Promise", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "redress ledger entry"
        verbose_name_plural = "redress ledger"
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="grant_not_negative")]
        indexes = [
            # Cost by category over a period (insights): a range on time, the rest read from the index.
            models.Index(
                fields=["granted_at", "category", "currency", "amount", "team"], name="grant_period_cost_idx"
            ),
            # Like cases: the latest grants for one category and severity. The trailing columns
            # let this and the sums below be answered from the index alone, never the table.
            models.Index(
                fields=["category", "severity", "granted_at", "currency", "amount", "kind", "complaint"],
                name="grant_fairness_idx",
            ),
            # Budgets: what a limit row (and a person under it) granted this month.
            models.Index(
                fields=["authority", "authorised_by", "granted_at", "amount"], name="grant_budget_idx"
            ),
            models.Index(fields=["customer", "currency", "granted_at", "amount"], name="grant_customer_idx"),
            models.Index(fields=["complaint", "currency", "amount"], name="grant_complaint_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.wording} on {self.complaint_id}"
