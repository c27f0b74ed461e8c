"""Data integrity of the real catalogue: failures say exactly what to fix in which file."""

from collections import Counter

import pytest
from conftest import REPO

from scripts.load.vocabulary import load_vocabulary
from scripts.model.study import TERM_FIELDS
from scripts.rules.run import check_catalogue

CATALOGUE = REPO / "catalogue"


@pytest.fixture(scope="module")
def report():
    return check_catalogue(CATALOGUE)


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary(CATALOGUE)


def test_checks_without_errors_or_warnings(report):
    shown = [
        f"{p.path}:{p.line}: {p.code}: {p.message}" for p in report.problems if p.severity != "note"
    ]
    assert shown == [], "run `python -m scripts check` and fix these"


def test_every_term_has_a_definition(vocabulary):
    missing = [
        f"{vocab}.{term}"
        for vocab, terms in vocabulary.terms.items()
        for term, spec in terms.items()
        if not spec.definition
    ]
    assert missing == [], "add a `definition:` to these terms in vocabularies.yaml"


def test_every_vocabulary_a_record_field_uses_exists(vocabulary):
    assert sorted(set(TERM_FIELDS.values()) - set(vocabulary.terms)) == []


def test_every_design_has_a_known_tier_and_a_caveat(vocabulary):
    tiers = vocabulary.terms["tiers"]
    wrong = [
        name
        for name, spec in vocabulary.terms["designs"].items()
        if spec.tier not in tiers or not spec.caveat
    ]
    assert wrong == [], (
        "give these designs a `tier:` from `tiers` and a `caveat:` in vocabularies.yaml"
    )


def test_every_claim_has_evidence_or_states_its_gap(report, vocabulary):
    stances = Counter(s.claim for study in report.studies for s in study.claims or ())
    for claim_id, claim in vocabulary.claims.items():
        gaps = [g for g in claim.gaps if g.status == "not-studied"]
        assert stances[claim_id] > 0 or gaps, (
            f"no record takes a stance on {claim_id}: find the studies that bear on it, or say "
            "under `gaps:` in claims.yaml what has not been studied"
        )


def test_shared_samples_name_at_least_two_records(report):
    samples = Counter(study.sample for study in report.studies if study.sample)
    lonely = sorted(name for name, count in samples.items() if count < 2)
    assert lonely == [], (
        "a `sample:` links reports of the same data; remove it where only one record has it"
    )


def test_exclusion_log_and_search_statement_exist(vocabulary):
    assert vocabulary.exclusions is not None, "catalogue/excluded.yaml is missing"
    assert vocabulary.search and vocabulary.search.last_searched and vocabulary.search.terms
