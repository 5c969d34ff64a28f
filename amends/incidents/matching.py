"""Does a new complaint belong to an open incident? Suggest the link; a person confirms it.

Three signs, any of which suggests a link: the complaint is in the suspected incident triage
raised and a person confirmed as this incident; it uses every word of one of the incident's
matching phrases; or its words are close in meaning (WordLlama cosine similarity at least
``AMENDS_INCIDENT_MATCH_MIN``) to the mean of the incident's linked complaints.
"""

import re

import numpy as np
from django.conf import settings

from amends.complaints.models import Complaint
from amends.triage.embedding import Matrix, from_bytes, get_embedder
from amends.triage.models import ComplaintTriage, SuspectedIncidentComplaint

from .models import OPEN_INCIDENT_STATES, Incident, IncidentLink, LinkState
from .services.links import link_suggest

_WORD = re.compile(r"[\w']+", re.UNICODE)
# Open incidents are few; a bound keeps a new complaint's check cheap whatever happens.
MAX_OPEN = 50
CENTROID_SAMPLE = 200


def phrases(match_words: str) -> list[set[str]]:
    """The incident's matching phrases, each as the set of its lower-case words."""
    found = [{w.lower() for w in _WORD.findall(part)} for part in match_words.split(",")]
    return [words for words in found if words]


def matched_phrase(text: str, match_words: str) -> str:
    """The first phrase all of whose words appear in ``text``, or ''."""
    words = {w.lower() for w in _WORD.findall(text)}
    for phrase in phrases(match_words):
        if phrase <= words:
            return " ".join(sorted(phrase))
    return ""


def centroid(incident: Incident) -> Matrix | None:
    """The mean meaning of the incident's most recently linked complaints, unit length."""
    linked = IncidentLink.objects.filter(incident=incident, state=LinkState.LINKED).order_by("-id")
    blobs = list(
        ComplaintTriage.objects.filter(pk__in=linked.values("complaint_id")[:CENTROID_SAMPLE]).values_list(
            "embedding", flat=True
        )
    )
    if not blobs:
        return None
    mean: Matrix = np.vstack([from_bytes(b) for b in blobs]).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


def _vector(complaint: Complaint) -> Matrix:
    triage = ComplaintTriage.objects.filter(pk=complaint.pk).values_list("embedding", flat=True).first()
    return from_bytes(triage) if triage else get_embedder().embed_one(complaint.story)


def _why(
    incident: Incident, complaint: Complaint, vector: Matrix | None, suspected: set[int]
) -> tuple[str, float | None]:
    if incident.suspected_id and incident.suspected_id in suspected:
        return "In the burst of similar complaints triage noticed for this incident", None
    phrase = matched_phrase(f"{complaint.summary} {complaint.story}", incident.match_words)
    if phrase:
        return f"Uses the words: {phrase}", None
    mean = centroid(incident)
    if mean is None or vector is None:
        return "", None
    similarity = round(float(mean @ vector), 3)
    if similarity >= settings.AMENDS_INCIDENT_MATCH_MIN:
        return f"{similarity:.0%} alike in meaning to the complaints already linked", similarity
    return "", None


def incidents_match_complaint(*, complaint_id: int) -> list[IncidentLink]:
    """Suggest linking a new complaint to each open incident it matches; returns the suggestions.

    Cheap when no incident is open (one query). Skips incidents the complaint is already linked
    to, suggested for or dismissed from, and incidents of another category.
    """
    incidents = list(
        Incident.objects.filter(status__in=OPEN_INCIDENT_STATES).order_by("-opened_at")[:MAX_OPEN]
    )
    if not incidents:
        return []
    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None:
        return []
    known = set(IncidentLink.objects.filter(complaint=complaint).values_list("incident_id", flat=True))
    suspected = set(
        SuspectedIncidentComplaint.objects.filter(complaint=complaint).values_list("incident_id", flat=True)
    )
    vector = _vector(complaint) if complaint.story.strip() else None
    made = []
    for incident in incidents:
        if incident.pk in known or (
            incident.category_id and complaint.category_id not in (None, incident.category_id)
        ):
            continue
        why, similarity = _why(incident, complaint, vector, suspected)
        link = (
            link_suggest(incident=incident, complaint_id=complaint.pk, why=why, similarity=similarity)
            if why
            else None
        )
        if link is not None:
            made.append(link)
    return made
