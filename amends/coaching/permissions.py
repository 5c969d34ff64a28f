"""Who may do what with coaching content."""

from amends.accounts.models import Role, User


def can_user_edit_playbooks(user: User) -> bool:
    """Supervisors and administrators write, submit and approve playbooks; agents only read them."""
    return bool(user.is_active and (user.role in (Role.SUPERVISOR, Role.ADMIN) or user.is_superuser))
