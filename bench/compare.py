"""Intake of this checkout against another commit's, side by side: `python bench/compare.py REF`.

On a virtual machine the same code took in complaints up to 1.8 times faster in one minute than
in the next, so two benchmark runs one after the other cannot tell a change of 10% from the
machine's swing (decision 0008 records a +30% that was not there). Here both versions run at
once, each with its own web server and filing worker on the benchmark database, and bursts of
complaints alternate between them (the first of each pair swapping every round). Each burst
waits for its complaints to be filed before the next starts, so neither side's filing runs
during the other's burst. It prints each side's rates, then the ratio of every round's pair and
their median, as ``metric: value unit`` lines.

The other commit is checked out under ``var/compare/`` with a virtual environment of its own
(``make install`` there, reused on later runs). The throttle's rate is raised for both sides:
the same addresses come back burst after burst, and the count still runs as it would.
"""

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def checkout(ref: str) -> Path:
    """A worktree of ``ref`` with its own installed virtual environment; returns the worktree."""
    sha = subprocess.run(  # noqa: S603 - our own command
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tree = ROOT / "var" / "compare" / sha[:12]
    if not tree.exists():
        subprocess.run(  # noqa: S603
            ["git", "worktree", "add", "--detach", str(tree), sha],  # noqa: S607
            cwd=ROOT,
            check=True,
        )
    if not (tree / ".venv" / "bin" / "python").exists():
        subprocess.run(["make", "install"], cwd=tree, check=True)  # noqa: S607
    return tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("ref", help="the commit to compare this checkout with, e.g. main or HEAD~3")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "AMENDS_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/amends_bench"
        ),
    )
    parser.add_argument("--burst", type=int, default=1000, help="Complaints a side takes in a turn.")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--web-workers", type=int, default=2)
    args = parser.parse_args()

    tree = checkout(args.ref)
    from bench.setup import start_django

    start_django(args.database_url)
    from django.conf import settings
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["*"]
    from amends.complaints.services import submissions_file_waiting
    from bench import intake

    submissions_file_waiting()
    intake.vacuum_if_nobody_does()
    started = timezone.now()
    # Each side's python runs in its own checkout: run from here, the other commit's python had
    # imported this checkout's code (``python -m`` looks in the current directory first), and the
    # comparisons before this fix compared this code with itself.
    sides = {"this": (sys.executable, ROOT), "other": (str(tree / ".venv" / "bin" / "python"), tree)}
    rates: dict[tuple[str, str], list[float]] = {(s, k): [] for s in sides for k in ("form", "api")}
    try:
        with contextlib.ExitStack() as stack:
            rate = {"AMENDS_INTAKE_RATE": "100000/m"}
            ports = {
                side: stack.enter_context(
                    intake.server(args.web_workers, python=python, settings=rate, cwd=cwd)
                )
                for side, (python, cwd) in sides.items()
            }
            with contextlib.redirect_stdout(io.StringIO()):
                for port in ports.values():  # every worker, both paths
                    intake.form(port, 50, name="warm_up_form", report=False)
                    intake.api(port, 50, name="warm_up_api", report=False)
                intake.wait_until_filed("warm_up")
                for round_ in range(args.rounds):
                    order = list(ports.items()) if round_ % 2 == 0 else list(reversed(ports.items()))
                    for kind in ("form", "api"):
                        for side, port in order:
                            send = intake.form if kind == "form" else intake.api
                            rates[(side, kind)].append(send(port, args.burst, report=False))
                            intake.wait_until_filed("warm_up")
    finally:
        removed = intake.remove_run(started)
        intake.vacuum_if_nobody_does()
    print(f"compare_other: {args.ref} ({tree.name})")
    for (side, kind), values in rates.items():
        print(f"compare_{kind}_{side}_median: {statistics.median(values):.0f} complaints/s")
        print(f"compare_{kind}_{side}_rounds: {' '.join(f'{v:.0f}' for v in values)} complaints/s")
    for kind in ("form", "api"):
        pairs = zip(rates[("this", kind)], rates[("other", kind)], strict=True)
        ratios = [this / other for this, other in pairs]
        print(f"compare_{kind}_ratio_rounds: {' '.join(f'{r:.2f}' for r in ratios)} this/other")
        print(f"compare_{kind}_ratio_median: {statistics.median(ratios):.2f} this/other")
    print(f"compare_removed_after_run: {removed} complaints")


if __name__ == "__main__":
    main()
