"""issue_form: the answers of a rendered 'Suggest a study' form, and the identifier in any of the
forms people paste it in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripts.cli.issue_form import form_answers, identifier, read_event
from scripts.model.errors import UsageError

BODY = """### PMID or DOI

https://pubmed.ncbi.nlm.nih.gov/31111111/

### Title

Kratom use for opioid withdrawal among adults in treatment: a survey

### Where you read the identifier

https://pubmed.ncbi.nlm.nih.gov/31111111/

### What the study bears on

_No response_

### Before you send

- [X] I searched catalogue/studies/ and catalogue/excluded.yaml for this PMID or DOI.
"""


def event_file(tmp_path: Path, body: str | None = BODY, **issue: object) -> Path:
    path = tmp_path / "event.json"
    fields = {"number": 42, "user": {"login": "a-reader"}, "body": body, **issue}
    path.write_text(json.dumps({"action": "opened", "issue": fields}), encoding="utf-8")
    return path


def test_form_answers_leave_out_empty_fields():
    answers = form_answers(BODY)
    assert answers["PMID or DOI"] == "https://pubmed.ncbi.nlm.nih.gov/31111111/"
    assert answers["Title"].startswith("Kratom use for opioid withdrawal")
    assert "What the study bears on" not in answers
    assert list(answers) == [
        "PMID or DOI",
        "Title",
        "Where you read the identifier",
        "Before you send",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31111111", ("pmid", "31111111")),
        (" PMID: 31111111 ", ("pmid", "31111111")),
        ("pmid31111111", ("pmid", "31111111")),
        ("https://pubmed.ncbi.nlm.nih.gov/31111111/", ("pmid", "31111111")),
        ("https://pubmed.ncbi.nlm.nih.gov/31111111/?dopt=Abstract", ("pmid", "31111111")),
        ("10.1016/j.drugalcdep.2020.107849", ("doi", "10.1016/j.drugalcdep.2020.107849")),
        ("doi: 10.1000/xyz", ("doi", "10.1000/xyz")),
        ("https://doi.org/10.1000/xyz", ("doi", "10.1000/xyz")),
        ("`10.1000/xyz`", ("doi", "10.1000/xyz")),
    ],
)
def test_identifier_in_its_usual_forms(text, expected):
    assert identifier(text) == expected


@pytest.mark.parametrize("text", ["kratom study", "PMC7423016", "https://example.org/31111111"])
def test_anything_else_is_refused_with_the_forms_to_use(text):
    with pytest.raises(UsageError, match="neither a PubMed ID nor a DOI"):
        identifier(text)


def test_read_event_gives_identifier_title_and_author(tmp_path):
    suggestion = read_event(event_file(tmp_path))
    assert (suggestion.author, suggestion.pmid, suggestion.doi) == (
        "a-reader",
        "31111111",
        None,
    )
    assert (
        suggestion.title == "Kratom use for opioid withdrawal among adults in treatment: a survey"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "is not a GitHub issue event"),
        ('{"action": "opened"}', "is not a GitHub issue event"),
    ],
)
def test_a_file_that_is_not_an_issue_event(tmp_path, content, message):
    path = tmp_path / "event.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        read_event(path)


@pytest.mark.parametrize("body", [None, "", "Please add the kratom study from last week."])
def test_an_issue_without_the_form_answer(tmp_path, body):
    with pytest.raises(UsageError, match="has no 'PMID or DOI' answer"):
        read_event(event_file(tmp_path, body))
