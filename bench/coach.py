"""Reply coach: per-rule precision, recall and F1 on each labelled set, and analysis time per draft.

    .venv/bin/python bench/coach.py              # every set; holdout5 last, the honest figure
    .venv/bin/python bench/coach.py --errors     # gold.txt's development part's mistakes, to improve rules

gold, fresh, unseen, holdout2, holdout3 and holdout4 are development data (their mistakes have been
read and fixed; the sentence model is trained on them by bench/coach_train.py). holdout5 is written by
someone who has never read the analyzer and hashed into HOLDOUT5.sha256; it is scored only when the
file exists and matches that hash, and only its aggregate figures are printed, never a single reply
or mistake, so nothing is tuned to it. Hashed sets are refused rather than reported if they no longer
match their recorded hash. Prints `metric: value unit` lines; for no_blame, `..._blame_caught_f1` is
the F1 of finding the blaming replies (the rarer class).
"""

import argparse
import hashlib
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from amends.coaching.analyzer import RULES, analyse

GOLD = Path(__file__).parent / "data" / "coach" / "gold.txt"
# Written after the rules were frozen and scored once; never tuned on.
FRESH = Path(__file__).parent / "data" / "coach" / "fresh.txt"
# Written after the second freeze and scored once; then used to improve three rules.
UNSEEN = Path(__file__).parent / "data" / "coach" / "unseen.txt"
# Written before the third round of rule changes (ownership, empathy, options) and scored once at
# the end of it; used to tune the fourth round.
HOLDOUT2 = Path(__file__).parent / "data" / "coach" / "holdout2.txt"
# Written and hashed before the fourth round; scored once before it and once after it; tuned on in the fifth.
HOLDOUT3 = Path(__file__).parent / "data" / "coach" / "holdout3.txt"
# Written independently of the analyzer and hashed; scored once after the fifth round; tuned on in the sixth.
HOLDOUT4 = Path(__file__).parent / "data" / "coach" / "holdout4.txt"
# Written independently of the analyzer during the sixth round and hashed; never read or tuned on.
HOLDOUT5 = Path(__file__).parent / "data" / "coach" / "holdout5.txt"
# Every set whose replies and mistakes may be read, and so trained and tuned on.
DEVELOPMENT = {
    "gold": GOLD,
    "fresh": FRESH,
    "unseen": UNSEEN,
    "holdout2": HOLDOUT2,
    "holdout3": HOLDOUT3,
    "holdout4": HOLDOUT4,
}
LETTERS = {
    "T": "thanks",
    "O": "ownership",
    "A": "apology",
    "E": "empathy",
    "X": "options",
    "D": "timeline",
    "N": "next_step",
}


@dataclass(frozen=True)
class Item:
    id: str
    labels: dict[str, bool]
    reply: str
    customer: str

    @property
    def held_out(self) -> bool:
        return int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 4 == 0  # noqa: S324


def load(path: Path = GOLD) -> list[Item]:
    items: list[Item] = []
    for block in re.split(r"^(?=@@ )", path.read_text(), flags=re.M):
        if not block.startswith("@@ "):
            continue
        header, _, body = block.partition("\n")
        _, item_id, codes = header.split()
        labels = {rule: letter in codes for letter, rule in LETTERS.items()}
        labels["no_blame"] = "B" not in codes
        lines = [line for line in body.strip("\n").split("\n") if not line.startswith("#")]
        customer = "\n".join(line[2:] for line in lines if line.startswith("> "))
        reply = "\n".join(line for line in lines if not line.startswith("> ")).strip()
        items.append(Item(item_id, labels, reply, customer))
    return items


def scores(items: list[Item], predicted: dict[str, dict[str, bool]]) -> dict[str, tuple[float, float, float]]:
    out = {}
    for rule in RULES:
        tp = sum(1 for i in items if i.labels[rule] and predicted[i.id][rule])
        fp = sum(1 for i in items if not i.labels[rule] and predicted[i.id][rule])
        fn = sum(1 for i in items if i.labels[rule] and not predicted[i.id][rule])
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        out[rule] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def report(name: str, items: list[Item], predicted: dict[str, dict[str, bool]]) -> None:
    print(f"{name}_items: {len(items)} replies")
    table = scores(items, predicted)
    for rule, (p, r, f1) in table.items():
        print(f"{name}_{rule}_precision: {p:.2f}")
        print(f"{name}_{rule}_recall: {r:.2f}")
        print(f"{name}_{rule}_f1: {f1:.2f}")
    print(f"{name}_blame_caught_f1: {blame_caught_f1(items, predicted):.2f}")
    print(f"{name}_min_f1: {min(f for _, _, f in table.values()):.2f}")


def blame_caught_f1(items: list[Item], predicted: dict[str, dict[str, bool]]) -> float:
    """F1 of finding the replies that blame: no_blame's F1 is on passing, which most replies do."""
    tp = sum(1 for i in items if not i.labels["no_blame"] and not predicted[i.id]["no_blame"])
    fp = sum(1 for i in items if i.labels["no_blame"] and not predicted[i.id]["no_blame"])
    fn = sum(1 for i in items if not i.labels["no_blame"] and predicted[i.id]["no_blame"])
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def hashed(path: Path) -> list[Item]:
    """A hashed set, refused if it no longer matches the hash recorded beside it (HOLDOUTn.sha256)."""
    recorded = path.with_name(f"{path.stem.upper()}.sha256").read_text().split()[0]
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    if actual != recorded:
        sys.exit(f"{path.name} has changed since it was hashed ({actual} != {recorded}); not reporting it")
    return load(path)


def holdout(path: Path) -> list[Item] | None:
    """The holdout's replies if it is there and hashed; None (with a note) while it is still being written."""
    if not path.exists() or not path.with_name(f"{path.stem.upper()}.sha256").exists():
        print(f"# {path.name} or its hash is not there yet; not scored")
        return None
    return hashed(path)


def errors(items: list[Item], predicted: dict[str, dict[str, bool]]) -> None:
    for item in items:
        if item.held_out:
            continue
        wrong = [r for r in RULES if item.labels[r] != predicted[item.id][r]]
        for rule in wrong:
            kind = "missed" if item.labels[rule] else "false"
            print(f"# {item.id} {rule} {kind}: {item.reply[:300]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="print the development part's mistakes")
    parser.add_argument("--repeat", type=int, default=5, help="timing passes over the gold set")
    args = parser.parse_args()
    items = load()
    predicted = {i.id: analyse(i.reply, i.customer).rules for i in items}
    if args.errors:
        errors(items, predicted)
    report("coach", items, predicted)
    held = [i for i in items if i.held_out]
    report("coach_heldout", held, predicted)
    fresh = load(FRESH)
    predicted.update({i.id: analyse(i.reply, i.customer).rules for i in fresh})
    report("coach_fresh", fresh, predicted)
    unseen = load(UNSEEN)
    predicted.update({i.id: analyse(i.reply, i.customer).rules for i in unseen})
    report("coach_unseen", unseen, predicted)
    holdout2 = load(HOLDOUT2)
    predicted.update({i.id: analyse(i.reply, i.customer).rules for i in holdout2})
    report("coach_holdout2", holdout2, predicted)
    third = hashed(HOLDOUT3)
    predicted.update({i.id: analyse(i.reply, i.customer).rules for i in third})
    report("coach_holdout3", third, predicted)
    fourth = hashed(HOLDOUT4)
    report("coach_holdout4", fourth, {i.id: analyse(i.reply, i.customer).rules for i in fourth})
    # The honest figure: aggregates only. Its ids are kept apart so no other set's entry can mix with them.
    fifth = holdout(HOLDOUT5)
    if fifth is not None:
        report("coach_holdout5", fifth, {i.id: analyse(i.reply, i.customer).rules for i in fifth})
    timings = []
    for _ in range(args.repeat):
        for item in items:
            start = time.perf_counter()
            analyse(item.reply, item.customer)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    print(f"coach_analysis_p50: {statistics.median(timings):.2f} ms")
    print(f"coach_analysis_p95: {timings[int(len(timings) * 0.95) - 1]:.2f} ms")
    print(f"coach_analysis_max: {timings[-1]:.2f} ms")


if __name__ == "__main__":
    main()
