"""Completeness: which recommended fields apply to which records, and the score they give."""

from __future__ import annotations

from typing import Any

import yaml
from conftest import VALID_RECORD

from scripts.model.study import Study
from scripts.rules.completeness import Score
from scripts.rules.completeness import score as score_study


def score(study: Study) -> Score:
    return score_study(study, "catalogue/studies/doe-2020-kratom-test-study.yaml")


def record(**changes: Any) -> Study:
    data = yaml.safe_load(VALID_RECORD)
    for dotted, value in changes.items():
        *parents, key = dotted.split("__")
        node = data
        for parent in parents:
            node = node[parent]
        if value is None:
            node.pop(key)
        else:
            node[key] = value
    data["curation"]["added"] = str(data["curation"]["added"])
    return Study.from_data(data)


def test_a_full_record_scores_100_with_nothing_missing():
    result = score(record())
    assert (result.percent, result.missing) == (100, ())


def test_each_missing_field_is_named_and_lowers_the_score():
    result = score(record(ids__pmid=None, funding=None))
    assert result.missing == ("ids.pmid", "funding")
    assert result.percent == 83  # 10 of the 12 fields that apply


def test_a_review_is_not_asked_for_the_country_of_a_population_it_does_not_have():
    review = score(record(design="systematic-review", population__countries=None))
    survey = score(record(population__countries=None))
    assert "population.countries" not in review.missing
    assert review.percent == 100
    assert survey.missing == ("population.countries",)


def test_animal_studies_are_not_asked_for_countries_nor_registrations_for_a_pmid():
    animal = score(record(population__species="rat", population__countries=None))
    registration = score(record(design="trial-registration", ids__pmid=None, ids__doi=None))
    assert animal.missing == ()
    assert "ids.pmid" not in registration.missing and "ids.doi" not in registration.missing


def test_a_narrative_review_is_not_asked_for_a_population_count():
    result = score(record(design="narrative-review", population__n=None))
    assert "population.n" not in result.missing


def test_claims_judged_to_be_none_are_complete_but_absent_claims_are_not():
    assert "claims" not in score(record(claims={})).missing
    assert "claims" in score(record(claims=None)).missing
