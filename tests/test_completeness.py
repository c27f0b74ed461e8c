"""Completeness: which recommended fields apply to which records, and the score they give."""

from __future__ import annotations

from typing import Any

import yaml
from conftest import VALID_RECORD

from scripts.model.study import Study
from scripts.rules.completeness import PubmedState, Score
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


NOTHING_FETCHED = PubmedState(frozenset(), frozenset())


def test_what_pubmed_will_bring_is_counted_apart_from_what_is_missing():
    study = record(funding=None, citation__authors=None)  # the PMID is not fetched yet
    result = score_study(study, "x.yaml", NOTHING_FETCHED)
    assert result.awaiting == ("citation.authors", "funding")
    assert result.missing == ()
    assert result.percent < 100  # the score still counts both


def test_once_fetched_the_absent_fields_are_missing():
    study = record(funding=None, citation__authors=None)
    fetched = PubmedState(frozenset({"12345678"}), frozenset())
    result = score_study(study, "x.yaml", fetched)
    assert (result.missing, result.awaiting) == (("citation.authors", "funding"), ())


def test_a_doi_without_pmid_awaits_its_lookup_and_then_is_missing():
    study = record(ids__pmid=None)
    assert score_study(study, "x.yaml", NOTHING_FETCHED).awaiting == ("ids.pmid",)
    looked_up = PubmedState(frozenset(), frozenset({"10.1000/test.1"}))
    assert score_study(study, "x.yaml", looked_up).missing == ("ids.pmid",)


def test_a_lead_awaits_pubmed():
    study = record(ids__doi=None)
    data = study.to_data()
    data["curation"]["leads"] = [{"kind": "doi", "value": "10.1/x", "seen_at": "https://m.org"}]
    with_lead = Study.from_data(data)
    fetched = PubmedState(frozenset({"12345678"}), frozenset())
    assert score_study(with_lead, "x.yaml", fetched).awaiting == ("ids.doi",)
    assert score_study(study, "x.yaml", fetched).missing == ("ids.doi",)


def test_check_reports_both_parts(catalogue, capsys):
    from conftest import write_record

    from scripts.__main__ import main

    write_record(
        catalogue,
        VALID_RECORD.replace(
            "funding:\n  types:\n    - government\n  statement: A test grant\n", ""
        ),
    )
    assert main(["check", "--catalogue", str(catalogue), "--completeness"]) == 0
    out = capsys.readouterr().out
    assert "0 fields missing, 1 awaiting PubMed" in out
    assert "missing: -; awaiting PubMed: funding" in out
