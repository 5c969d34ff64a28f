"""`amends coach`: a draft from a file or standard input, alone or in bulk."""

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from amends.coaching.analyzer import RULES

GOOD = (
    "Thank you for letting us know, Ama. We double-charged your card, which was our mistake, and I am sorry. "
    "I have refunded the £30 today and it will reach you within three working days. I'll email you on Monday "
    "to check it arrived. Finding your account overdrawn before payday must have been worrying."
)


def test_json_output_has_rules_score_and_suggestions(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text(GOOD)
    out = StringIO()
    call_command("coach", str(path), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"rules", "score", "suggestions"}
    assert list(data["rules"]) == list(RULES)
    assert data["rules"]["apology"] is True
    assert isinstance(data["score"], int)


def test_several_files_give_one_json_line_each_with_its_name(tmp_path):
    names = []
    for i, text in enumerate([GOOD, "We will be in touch."]):
        path = tmp_path / f"reply{i}.txt"
        path.write_text(text)
        names.append(str(path))
    out = StringIO()
    call_command("coach", *names, "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["file"] for line in lines] == names
    assert lines[0]["score"] > lines[1]["score"]


def test_customer_message_file_feeds_the_length_signal(tmp_path):
    reply, customer = tmp_path / "reply.txt", tmp_path / "customer.txt"
    reply.write_text("Sorry, we will call you.")
    customer.write_text(" ".join(["Nobody came, nobody called, and my freezer has defrosted twice."] * 10))
    out = StringIO()
    call_command("coach", str(reply), "--json", "--detail", "--customer", str(customer), stdout=out)
    assert json.loads(out.getvalue())["tone"]["length"]["raised"] is True


def test_an_empty_draft_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  ")
    with pytest.raises(CommandError):
        call_command("coach", str(path), "--json", stdout=StringIO(), stderr=StringIO())


def test_amends_coach_reads_standard_input():
    result = subprocess.run(
        [sys.executable, "-m", "amends.cli", "coach", "-", "--json"],
        input="We are so sorry we lost your parcel. A new one goes out today.",
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    data = json.loads(result.stdout)
    assert data["rules"]["apology"] is True
    assert data["rules"]["ownership"] is True
