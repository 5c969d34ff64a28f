"""Keeping, activating and loading category models, and the examples they learn from."""

import hashlib
import threading
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from amends.complaints.models import Category, Complaint, Event, EventKind

from .classifier import CategoryClassifier
from .models import CategoryModel, ModelSource

_lock = threading.Lock()
_loaded: dict[str, CategoryClassifier] = {}


@dataclass(frozen=True)
class Examples:
    texts: list[str]
    labels: list[str]
    until_event: int


def labelled_examples(*, limit: int) -> Examples:
    """The desk's own labelled complaints: those whose category a person set or corrected.

    A category set by a person is on the timeline as a categorisation event with an actor; a
    category the customer picked on a form, or none, teaches nothing. Newest first, at most
    ``limit``, so training time stays bounded as the desk grows.
    """
    events = Event.objects.filter(kind=EventKind.CATEGORISED, actor__isnull=False)
    until = events.aggregate(last=Max("id"))["last"] or 0
    rows = (
        Complaint.objects.filter(category__isnull=False, category__is_active=True)
        .filter(pk__in=events.values("complaint_id"))
        .order_by("-id")
        .values_list("story", "category__slug")[:limit]
    )
    texts, labels = [], []
    for story, slug in rows:
        texts.append(story)
        labels.append(slug)
    return Examples(texts, labels, until)


def corrections_since(model: CategoryModel | None) -> int:
    """How many times a person has set a category since ``model`` learnt."""
    after = model.labels_until_event if model else 0
    return Event.objects.filter(kind=EventKind.CATEGORISED, actor__isnull=False, id__gt=after).count()


@transaction.atomic
def store(
    *,
    data: bytes,
    source: ModelSource,
    note: str = "",
    until_event: int = 0,
    metrics: dict[str, float] | None = None,
) -> CategoryModel:
    """Check ``data`` is a sound model file, keep it and make it the one in use."""
    model = CategoryClassifier.from_bytes(data)
    CategoryModel.objects.filter(is_active=True).update(is_active=False)
    return CategoryModel.objects.create(
        source=source,
        is_active=True,
        blob=data,
        sha256=hashlib.sha256(data).hexdigest(),
        labels=model.labels,
        trained_on=int(model.meta.get("trained_on", 0)),
        labels_until_event=until_event,
        metrics=metrics or {},
        note=note[:200],
    )


def active() -> tuple[CategoryModel, CategoryClassifier] | None:
    """The model in use, loaded once per process and reloaded when another one is activated."""
    row = CategoryModel.objects.filter(is_active=True).defer("blob").first()
    if row is None:
        return None
    with _lock:
        classifier = _loaded.get(row.sha256)
        if classifier is None:
            blob = CategoryModel.objects.values_list("blob", flat=True).get(pk=row.pk)
            classifier = CategoryClassifier.from_bytes(bytes(blob))
            _loaded.clear()
            _loaded[row.sha256] = classifier
    return row, classifier


def category_for_label(label: str) -> Category | None:
    """The desk's category a model label names: by slug, else by name, ignoring case."""
    slug = slugify(label.replace("_", "-"))
    active_categories = Category.objects.filter(is_active=True)
    return (
        active_categories.filter(slug=label).first()
        or active_categories.filter(slug=slug).first()
        or active_categories.filter(name__iexact=label.strip()).first()
    )
