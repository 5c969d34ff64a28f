"""The verbs of incidents: open, link, update everyone, grant a blanket gesture, publish notices."""

from .gestures import gesture_grant_batch, gesture_prepare, gesture_resume, incident_gesture_grant
from .incidents import (
    IncidentInput,
    incident_edit,
    incident_open,
    incident_open_from_suspected,
    suspected_dismiss,
)
from .links import (
    incident_link,
    incident_link_search,
    link_confirm,
    link_dismiss,
    link_remove,
    link_suggest,
    links_add,
    search_ids,
)
from .notices import (
    NoticeText,
    notice_approve,
    notice_draft,
    notice_reject,
    notice_withdraw,
    statement_decide,
    statement_draft,
)
from .updates import incident_update_send, update_prepare, update_resume, update_send_batch

__all__ = [
    "IncidentInput",
    "NoticeText",
    "gesture_grant_batch",
    "gesture_prepare",
    "gesture_resume",
    "incident_edit",
    "incident_gesture_grant",
    "incident_link",
    "incident_link_search",
    "incident_open",
    "incident_open_from_suspected",
    "incident_update_send",
    "link_confirm",
    "link_dismiss",
    "link_remove",
    "link_suggest",
    "links_add",
    "notice_approve",
    "notice_draft",
    "notice_reject",
    "notice_withdraw",
    "search_ids",
    "statement_decide",
    "statement_draft",
    "suspected_dismiss",
    "update_prepare",
    "update_resume",
    "update_send_batch",
]
