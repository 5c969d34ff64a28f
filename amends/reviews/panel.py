"""What the review panel on the desk's complaint page shows, for the user looking at it."""

from typing import Any

from amends.accounts.models import User
from amends.complaints.models import Complaint

from . import selectors
from .forms import ReviewForm
from .guards import REVIEW_REQUIRED


def panel_context(
    user: User, complaint: Complaint, *, form: ReviewForm | None = None, error: str = ""
) -> dict[str, Any]:
    review = selectors.review_for_complaint(complaint)
    can_write = (
        review is None
        and complaint.state in selectors.REVIEWABLE_STATES
        and selectors.can_user_review(user, complaint)
    )
    if form is None and can_write:
        form = ReviewForm(areas=selectors.areas_for_proposals(), auto_id="review_%s")
    area = selectors.area_for_category(complaint.category_id) if can_write else None
    return {
        "complaint": complaint,
        "review": review,
        "proposal": getattr(review, "proposal", None) if review else None,
        "form": form if can_write else None,
        "required": complaint.severity in REVIEW_REQUIRED,
        "suggested_area": area,
        "error": error,
    }
