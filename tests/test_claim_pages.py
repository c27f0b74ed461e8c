"""Claim pages answer: verdict and certainty first, key messages citing studies, what we don't
know, the certainty steps; study pages show their appraisal; the method page explains both."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.__main__ import main

FIXTURE = Path(__file__).parent / "fixtures" / "site_catalogue"
CLAIM = "claims/kratom-relieves-opioid-withdrawal.html"
TRIAL = "fixture-2021-kratom-tea-withdrawal-trial"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site") / "output"
    assert main(["build", "--catalogue", str(FIXTURE), "--out", str(target)]) == 0
    return target


def text(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def test_the_verdict_comes_before_the_tally_and_the_studies(out: Path) -> None:
    page = text(out, CLAIM)
    order = [
        page.index('id="h-verdict"'),
        page.index('id="h-messages"'),
        page.index('id="h-unknowns"'),
        page.index('id="h-certainty"'),
        page.index('id="h-glance"'),
        page.index('id="h-supports"'),
    ]
    assert order == sorted(order)
    assert "Kratom tea may ease opioid withdrawal in the short term" in page
    assert "<strong>Low</strong>" in page


def test_key_messages_link_every_cited_study(out: Path) -> None:
    page = text(out, CLAIM)
    messages = page[page.index('id="h-messages"') : page.index('id="h-unknowns"')]
    for study in (TRIAL, "fixture-2018-survey-withdrawal-self-treatment"):
        assert f'href="../studies/{study}.html"' in messages
        assert (out / "studies" / f"{study}.html").exists()


def test_the_certainty_table_shows_each_step(out: Path) -> None:
    page = text(out, CLAIM)
    table = page[page.index('id="h-certainty"') : page.index('id="h-glance"')]
    assert "Starting level</th><td>High</td>" in table
    assert table.count("Rated down one level") == 2
    assert "Risk of bias" in table and "Imprecision" in table


def test_a_claim_without_evidence_says_so_without_a_certainty_table(out: Path) -> None:
    page = text(out, "claims/mitragynine-acts-at-opioid-receptors.html")
    assert "No evidence" in page
    assert 'id="h-certainty"' not in page


def test_the_claims_index_shows_each_verdict_and_certainty(out: Path) -> None:
    page = text(out, "claims/index.html")
    assert page.count('class="verdict-text"') == 10
    assert page.count('class="certainty"') == 10


def test_study_pages_show_their_appraisal(out: Path) -> None:
    page = text(out, f"studies/{TRIAL}.html")
    table = page[page.index('id="h-appraisal"') :]
    for domain in ("Randomisation", "Deviations from the intended exposure", "Selective reporting"):
        assert f">{domain}</span></th>" in table
    assert "judged from the abstract" in table


def test_stance_reasons_show_on_study_and_claim_pages(out: Path) -> None:
    assert 'class="stance-reason"' in text(out, f"studies/{TRIAL}.html")
    assert 'class="stance-reason"' in text(out, CLAIM)


def test_the_method_page_explains_appraisal_and_certainty(out: Path) -> None:
    page = text(out, "method.html")
    assert 'id="appraisal"' in page and 'id="certainty"' in page
    for tool in ("rob-2", "robins", "jbi-survey", "jbi-case", "syrcle", "amstar-2"):
        assert f'id="tool-{tool}"' in page
    assert "very uncertain" in page


def test_the_listing_offers_a_risk_of_bias_filter(out: Path) -> None:
    page = text(out, "index.html")
    assert '<select id="f-bias" name="bias">' in page
    data = (out / "listing-data.js").read_text(encoding="utf-8")
    assert '"bias":[["some-concerns","Some concerns"]' in data  # the filter's data
