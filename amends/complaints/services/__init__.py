"""The verbs that change a complaint. One transaction each; every change lands on the timeline.

Views, the API, mail adapters and tasks all call these, so a complaint behaves the same whichever
way a change arrives. Side effects (email, tasks) happen only once the transaction commits
(``amends.core.tasks.enqueue_on_commit``).

The package is split by subject; import the verbs from here.
"""

from ._base import complaint_record_event
from .accept import Accepted, Throttle, complaint_accept, submissions_file, submissions_file_waiting
from .bulk import SystemMessage, complaints_record_event, complaints_send_system_messages, customer_emails
from .conversation import (
    CustomerMessage,
    complaint_add_customer_message,
    complaint_add_note,
    complaint_log_call,
    complaint_record_feedback,
    complaint_reply,
    complaint_send_system_message,
    complaints_add_customer_messages,
    customer_message_check,
    message_record_bounce,
)
from .customers import (
    contact_point_mark_failing,
    customer_email,
    customer_find_or_create,
    normalise_email,
    normalise_phone,
)
from .intake import (
    ComplaintInput,
    Intake,
    complaint_acknowledge,
    complaint_input_check,
    complaint_receive,
    complaints_receive,
)
from .journey import (
    Escalation,
    complaint_assign,
    complaint_categorise,
    complaint_escalate,
    complaint_merge,
    complaint_set_urgency,
    complaint_transition,
    complaints_escalate,
)

__all__ = [
    "Accepted",
    "ComplaintInput",
    "CustomerMessage",
    "Escalation",
    "Intake",
    "SystemMessage",
    "Throttle",
    "complaint_accept",
    "complaint_acknowledge",
    "complaint_add_customer_message",
    "complaint_add_note",
    "complaint_assign",
    "complaint_categorise",
    "complaint_escalate",
    "complaint_input_check",
    "complaint_log_call",
    "complaint_merge",
    "complaint_receive",
    "complaint_record_event",
    "complaint_record_feedback",
    "complaint_reply",
    "complaint_send_system_message",
    "complaint_set_urgency",
    "complaint_transition",
    "complaints_add_customer_messages",
    "complaints_escalate",
    "complaints_receive",
    "complaints_record_event",
    "complaints_send_system_messages",
    "contact_point_mark_failing",
    "customer_email",
    "customer_emails",
    "customer_find_or_create",
    "customer_message_check",
    "message_record_bounce",
    "normalise_email",
    "normalise_phone",
    "submissions_file",
    "submissions_file_waiting",
]
