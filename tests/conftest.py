"""Shared test helpers: a scratch catalogue with the real vocabularies and a valid record."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.rules.run import check_catalogue

REPO = Path(__file__).resolve().parents[1]

VALID_RECORD = """\
# yaml-language-server: $schema=../record.schema.json
id: doe-2020-kratom-test-study
citation:
  title: A test study of kratom use
  authors:
    - Doe J
  journal: Test Journal
  year: 2020
  volume: "1"
  pages: 1-10
ids:
  pmid: "12345678"
  doi: 10.1000/test.1
design: cross-sectional-survey
population:
  species: human
  n: 100
  setting: Adults in a test city
  countries:
    - US
exposure:
  substances:
    - kratom
  description: Leaf powder
topics:
  - withdrawal-self-treatment
findings:
  - outcome: opioid-withdrawal-symptoms
    direction: improved
    summary: Most respondents reported milder withdrawal.
claims:
  kratom-relieves-opioid-withdrawal:
    stance: supports
    reason: Most respondents reported milder withdrawal.
limitations: Self-selected online sample without comparison.
appraisal:
  judged_from: abstract
  domains:
    confounding:
      judgement: high
      reason: No adjustment for other drug use at the same time.
    measurement:
      judgement: some-concerns
      reason: Relief was one self-report question, not a validated scale.
    response:
      judgement: no-information
      reason: The abstract gives no response rate.
    sampling:
      judgement: high
      reason: A self-selected online sample recruited through advocacy groups.
  overall:
    judgement: high
    reason: Sampling and confounding decide it.
funding:
  types:
    - government
  statement: A test grant
curation:
  added: 2026-11-25
  by: tester
  verified_from:
    - https://pubmed.ncbi.nlm.nih.gov/12345678/
"""
VALID_ID = "doe-2020-kratom-test-study"


def edited(old: str, new: str, text: str = VALID_RECORD) -> str:
    """The valid record with one exact piece of text replaced (which must be present)."""
    assert old in text, f"{old!r} not in the record"
    return text.replace(old, new, 1)


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """An empty catalogue with the project's vocabularies and claims."""
    root = tmp_path / "catalogue"
    (root / "studies").mkdir(parents=True)
    for name in ("vocabularies.yaml", "claims.yaml"):
        shutil.copy(REPO / "catalogue" / name, root / name)
    return root


def write_record(catalogue: Path, text: str, name: str = VALID_ID) -> Path:
    path = catalogue / "studies" / f"{name}.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def problems_of(catalogue: Path) -> list[tuple[str, int, str, str]]:
    """(file name, line, code, message) of every problem check finds."""
    report = check_catalogue(catalogue)
    return [(Path(p.path).name, p.line, p.code, p.message) for p in report.problems]
