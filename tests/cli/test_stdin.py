"""``-`` reads standard input: JSON Lines, or one plain text."""

from __future__ import annotations

import json

from tests.cli.helpers import dl


def test_extract_reads_json_lines_from_standard_input():
    line = json.dumps({"text": "PARIS — The mayor said on Monday the bridge will reopen.", "date": "2020-05-04"})
    run = dl("extract", "-", "--json", input=line + "\n")
    assert run.returncode == 0, run.stderr
    (doc,) = [json.loads(x) for x in run.stdout.splitlines() if x.strip()]
    assert doc["published"] == "2020-05-04" and doc["path"] == "<stdin>:1"


def test_plain_text_on_standard_input_is_one_article():
    run = dl("extract", "-", "--json", "--date", "2020-05-04",
             input="The harbour reopened on Monday after the storm.\n")  # fmt: skip
    assert run.returncode == 0, run.stderr
    (doc,) = [json.loads(x) for x in run.stdout.splitlines() if x.strip()]
    assert doc["path"] == "<stdin>" and doc["timexes"][0]["value"] == "2020-05-04"


def test_ingest_from_standard_input_into_a_store(tmp_path):
    lines = "\n".join(json.dumps({"id": f"n{k}", "text": f"Story {k} on the harbour.", "date": "2020-05-04"}) for k in range(3))
    run = dl("ingest", "-", "--db", str(tmp_path / "s.db"), "--quiet", input=lines)
    assert run.returncode == 0, run.stderr
    assert "3 new" in run.stdout
