"""Who may do what with incidents, notices and holding statements.

Incidents belong to the whole organisation: any active member of staff sees them, but sees only
the linked complaints of their own teams. Supervisors and administrators run an incident (open,
edit, link in bulk, send updates, grant a blanket gesture, resolve). Agents link the complaints
they can see. Only a spokesperson approves words that become public or are kept for reuse.
"""

from amends.accounts.models import Role, User

MANAGING_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})


def is_staff_member(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_user_manage_incidents(user: User) -> bool:
    """Open, edit, link in bulk, send updates and gestures, resolve."""
    return is_staff_member(user) and (user.role in MANAGING_ROLES or user.is_superuser)


def can_user_link_complaints(user: User) -> bool:
    """Link a complaint one can see to an incident, confirm or dismiss a suggested link."""
    return is_staff_member(user) and user.role != Role.SPOKESPERSON


def can_user_speak(user: User) -> bool:
    """Approve public notices and holding statements: the spokesperson role only."""
    return is_staff_member(user) and user.role == Role.SPOKESPERSON


def can_user_draft_public_text(user: User) -> bool:
    """Draft a notice or holding statement for a spokesperson to approve."""
    return can_user_manage_incidents(user) or can_user_speak(user)


def can_user_see_spokesperson_queue(user: User) -> bool:
    return can_user_draft_public_text(user)
