"""The verbs of triage: read a complaint, correct its category, train and import models.

Triage writes only its own tables. A person's correction goes through
``complaints.services.complaint_categorise``, so it lands on the complaint's timeline like any
other categorisation, and becomes a labelled example for the next model.
"""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.complaints import services as complaint_services
from amends.complaints.models import Category, Complaint, Severity
from amends.core.errors import InvalidInput

from . import incidents, neighbours, signals, store
from .classifier import CategoryClassifier
from .embedding import Matrix, get_embedder, to_bytes
from .models import CategoryModel, ComplaintTriage, ModelSource, Neighbour, NeighbourKind, Signal

Progress = Callable[[str, int, int], None]


def _suggest(triage: ComplaintTriage, text: str, vector: Matrix) -> None:
    """Fill in the category suggestion from the active model, abstaining when unsure."""
    loaded = store.active()
    triage.model, triage.suggested_label, triage.suggested_category = None, "", None
    triage.confidence, triage.abstained, triage.alternatives, triage.telling_words = None, True, [], []
    if loaded is None:
        return
    row, model = loaded
    prediction = model.predict(text, vector)
    triage.model = row
    triage.suggested_label = prediction.label[:100]
    triage.suggested_category = store.category_for_label(prediction.label)
    triage.confidence = prediction.confidence
    triage.alternatives = [list(pair) for pair in prediction.alternatives]
    triage.abstained = (
        prediction.confidence < settings.AMENDS_TRIAGE_MIN_CONFIDENCE or triage.suggested_category is None
    )
    triage.telling_words = [list(pair) for pair in model.telling_words(text, prediction.label)]


def _save_signals(triage: ComplaintTriage, reading: signals.Reading) -> None:
    triage.signals.all().delete()
    Signal.objects.bulk_create(
        Signal(
            triage=triage,
            kind=f.kind,
            remedy=f.remedy or "",
            source=f.source,
            start=f.start,
            end=f.end,
            evidence=f.evidence,
            weight=f.weight,
        )
        for f in reading.findings
    )


def _save_neighbours(triage: ComplaintTriage, vector: Matrix) -> list[neighbours.Match]:
    triage.neighbours.all().delete()
    categories = {
        triage.complaint.category_id,
        triage.suggested_category_id if not triage.abstained else None,
    }
    similar = neighbours.similar_resolved(triage, vector, {c for c in categories if c is not None})
    duplicates = neighbours.likely_duplicates(triage, vector)
    rows = [
        Neighbour(triage=triage, other_id=m.complaint_id, kind=NeighbourKind.SIMILAR, similarity=m.similarity)
        for m in similar
    ]
    rows += [
        Neighbour(
            triage=triage, other_id=m.complaint_id, kind=NeighbourKind.DUPLICATE, similarity=m.similarity
        )
        for m in duplicates
    ]
    Neighbour.objects.bulk_create(rows)
    return neighbours.burst(triage, vector)


def triage_complaint(*, complaint_id: int) -> ComplaintTriage | None:
    """Read a complaint: suggest a category, find its signals, neighbours and any burst.

    Safe to run again: the reading is replaced. The model work runs before the transaction so
    locks are held only while rows are written. Queues a retraining after commit when enough
    corrections have built up. Returns ``None`` for a complaint that no longer exists.
    """
    complaint = Complaint.objects.filter(pk=complaint_id).first()
    if complaint is None:
        return None
    text = complaint.story
    vector = get_embedder().embed_one(text)
    reading = signals.read(complaint.story, complaint.outcome_sought)
    triage = ComplaintTriage.objects.filter(pk=complaint.pk).first() or ComplaintTriage(complaint=complaint)
    _suggest(triage, text, vector)
    triage.customer_id, triage.received_at = complaint.customer_id, complaint.received_at
    triage.category = complaint.category or (None if triage.abstained else triage.suggested_category)
    triage.sentiment, triage.anger = reading.sentiment, reading.anger
    triage.suggested_severity, triage.priority = reading.severity, reading.priority
    triage.embedding, triage.triaged_at = to_bytes(vector), timezone.now()
    with transaction.atomic():
        triage.save()
        _save_signals(triage, reading)
        burst = _save_neighbours(triage, vector)
        incidents.raise_if_burst(triage=triage, matches=burst)
        complaint_services.complaint_set_urgency(complaint_id=complaint.pk, urgency=triage.priority)
        transaction.on_commit(_queue_retrain_if_due)
    return triage


RETRAIN_QUEUED_KEY = "amends:triage:retrain-queued"


def _queue_retrain_if_due() -> None:
    """Queue one retraining when enough corrections have built up, not one per complaint.

    The cache key marks a retraining as queued until it has run (or an hour has passed, in case
    a worker died), so a burst of intakes queues it once. Share the cache (Redis) between
    processes for this to hold across them.
    """
    from .tasks import retrain_category_model

    model = CategoryModel.objects.filter(is_active=True).defer("blob").first()
    if store.corrections_since(model) < settings.AMENDS_TRIAGE_RETRAIN_AFTER:
        return
    if cache.add(RETRAIN_QUEUED_KEY, True, timeout=3600):
        retrain_category_model.enqueue()


@transaction.atomic
def triage_correct(
    *, complaint: Complaint, by: User, category: Category | None, severity: Severity | None = None
) -> Complaint:
    """Set the complaint's category (and severity, if given) as ``by`` judges it.

    Goes through ``complaint_categorise``, which checks ``by`` may act on the complaint and
    records the change on the timeline; that event is the label the next model learns from.
    Raises ``PermissionDenied`` for a complaint outside ``by``'s teams.
    """
    complaint = complaint_services.complaint_categorise(
        complaint=complaint, by=by, category=category, severity=severity or Severity(complaint.severity)
    )
    ComplaintTriage.objects.filter(pk=complaint.pk).update(category=category)
    transaction.on_commit(_queue_retrain_if_due)
    return complaint


def category_model_train(*, progress: Progress | None = None, force: bool = False) -> CategoryModel | None:
    """Train a model on the desk's labelled complaints and put it in use.

    Without ``force``, does nothing (returns ``None``) unless enough corrections have built up
    since the model in use learnt; with too few labelled examples raises ``InvalidInput``.
    """
    current = CategoryModel.objects.filter(is_active=True).defer("blob").first()
    if not force and current and store.corrections_since(current) < settings.AMENDS_TRIAGE_RETRAIN_AFTER:
        return None
    examples = store.labelled_examples(limit=settings.AMENDS_TRIAGE_MAX_EXAMPLES)
    counts: dict[str, int] = {}
    for label in examples.labels:
        counts[label] = counts.get(label, 0) + 1
    usable = {label for label, n in counts.items() if n >= settings.AMENDS_TRIAGE_MIN_PER_CATEGORY}
    if len(usable) < 2:
        raise InvalidInput(
            f"Not enough labelled complaints to learn from: each category needs "
            f"{settings.AMENDS_TRIAGE_MIN_PER_CATEGORY} set by a person, and at least two categories do."
        )
    pairs = [(t, label) for t, label in zip(examples.texts, examples.labels, strict=True) if label in usable]
    model = CategoryClassifier().fit([t for t, _ in pairs], [label for _, label in pairs], progress)
    return store.store(
        data=model.to_bytes(),
        source=ModelSource.TRAINED,
        note=f"Trained on {len(pairs)} complaints in {len(usable)} categories",
        until_event=examples.until_event,
    )


def category_model_import(*, path: Path, note: str = "") -> CategoryModel:
    """Load a model file (from ``amends triage train``) and put it in use.

    Only import files you made or trust: the file is data, checked entry by entry, but its
    labels and words will be shown to agents. Raises ``InvalidInput`` for a file that is not a
    sound model. The running desk picks it up at its next triage; no restart is needed.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.") from exc
    return store.store(data=data, source=ModelSource.IMPORTED, note=note or f"Imported from {path.name}")
