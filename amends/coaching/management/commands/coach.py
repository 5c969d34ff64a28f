"""`amends coach [FILE|-]... [--json] [--customer FILE]`: the coach's verdicts on reply drafts."""

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from amends.core.errors import AmendsError

from ...analyzer import RULES, Analysis
from ...services import draft_coach


class Command(BaseCommand):
    help = (
        "Check reply drafts against the recovery rubric (docs/coaching.md). Give files, or - for "
        "standard input; with several files each gets its own line, to audit old replies in bulk."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("files", nargs="*", default=["-"], help="Draft files, or - for standard input.")
        parser.add_argument(
            "--json", action="store_true", help='Print {"rules": ..., "score": N, "suggestions": [...]}.'
        )
        parser.add_argument("--customer", help="A file with the customer's message, for the length signal.")
        parser.add_argument(
            "--detail", action="store_true", help="With --json: add evidence and tone signals."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        customer = _read(options["customer"]) if options["customer"] else ""
        files: list[str] = options["files"]
        failed = False
        for name in files:
            try:
                analysis = draft_coach(draft=_read(name), customer=customer)
            except AmendsError as exc:
                self.stderr.write(f"{name}: {exc.message}")
                failed = True
                continue
            if options["json"]:
                data = analysis.as_dict(detail=options["detail"])
                if len(files) > 1:
                    data = {"file": name, **data}
                self.stdout.write(json.dumps(data, ensure_ascii=False))
            else:
                self.stdout.write(_human(name if len(files) > 1 else "", analysis))
        if failed:
            raise CommandError("Some drafts could not be read; see above.")


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"Cannot read {name}: {exc}") from exc


def _human(name: str, analysis: Analysis) -> str:
    lines = [f"{name}: score {analysis.score}/100" if name else f"Score {analysis.score}/100"]
    for rule in RULES:
        verdict = analysis.verdicts[rule]
        mark = "yes" if verdict.passed else "NO "
        quote = f'  "{verdict.evidence.text[:80]}"' if verdict.evidence else ""
        lines.append(f"  {mark} {rule}{quote}")
    lines += [f"  - {s}" for s in analysis.suggestions]
    return "\n".join(lines)
