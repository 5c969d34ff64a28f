"""The complaint's journey: which state may follow which.

received → acknowledged → in_progress ⇄ awaiting_customer → resolved → closed, plus reopened
(back to in_progress), merged, withdrawn and spam. Every change goes through
``services.complaint_transition`` so it is checked here and written to the timeline.
"""

from .models import State

TRANSITIONS: dict[str, frozenset[str]] = {
    State.RECEIVED: frozenset(
        {
            State.ACKNOWLEDGED,
            State.IN_PROGRESS,
            State.RESOLVED,
            State.WITHDRAWN,
            State.SPAM,
            State.MERGED,
        }
    ),
    State.ACKNOWLEDGED: frozenset(
        {
            State.IN_PROGRESS,
            State.AWAITING_CUSTOMER,
            State.RESOLVED,
            State.WITHDRAWN,
            State.SPAM,
            State.MERGED,
        }
    ),
    State.IN_PROGRESS: frozenset(
        {State.AWAITING_CUSTOMER, State.RESOLVED, State.WITHDRAWN, State.SPAM, State.MERGED}
    ),
    State.AWAITING_CUSTOMER: frozenset({State.IN_PROGRESS, State.RESOLVED, State.WITHDRAWN, State.MERGED}),
    State.RESOLVED: frozenset({State.CLOSED, State.REOPENED}),
    State.CLOSED: frozenset({State.REOPENED}),
    State.REOPENED: frozenset(
        {State.IN_PROGRESS, State.AWAITING_CUSTOMER, State.RESOLVED, State.WITHDRAWN, State.MERGED}
    ),
    State.MERGED: frozenset(),
    State.WITHDRAWN: frozenset({State.REOPENED}),
    State.SPAM: frozenset({State.RECEIVED}),
}

# States a person may pick in the desk or the API; the others are reached by their own verbs
# (merged needs a target, received is where a complaint starts or returns when not spam).
CHOOSABLE = frozenset(State) - {State.MERGED}

# A reason is required where the customer or a colleague will later ask "why?".
REASON_REQUIRED = frozenset({State.REOPENED, State.WITHDRAWN, State.SPAM})


def allowed_next(state: str) -> list[str]:
    """The states reachable from ``state``, in the journey's order."""
    targets = TRANSITIONS.get(state, frozenset())
    return [s for s in State if s in targets]


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in TRANSITIONS.get(from_state, frozenset())
