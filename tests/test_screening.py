"""The screening flow on the method page is counted from the records and the exclusion log."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from scripts.__main__ import main
from scripts.rules.run import check_catalogue
from scripts.website.screening import screening_flow
from scripts.website.terms import Terms

FIXTURE = Path(__file__).parent / "fixtures" / "site_catalogue"
TRIAL = "fixture-2021-kratom-tea-withdrawal-trial"
SURVEY = "fixture-2018-survey-withdrawal-self-treatment"


def with_sources(tmp_path: Path) -> Path:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(FIXTURE, catalogue)
    for name, sources in (
        (TRIAL, "[database-search, review-references]"),
        (SURVEY, "[curated-list]"),
    ):
        path = catalogue / "studies" / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(
            r"(\n  verified_from:\n(?:    - .*\n)+)", rf"\1  found_via: {sources}\n", text
        )
        path.write_text(text, encoding="utf-8")
    return catalogue


def test_counts_follow_the_records_and_the_log(tmp_path: Path) -> None:
    report = check_catalogue(with_sources(tmp_path))
    assert report.vocabulary is not None
    flow = screening_flow(report.studies, report.vocabulary, Terms(report.vocabulary))
    by_source = {term.key: count for term, count in flow.sources}
    assert by_source == {
        "curated-list": 1,
        "database-search": 1,
        "review-references": 1,
        "not-recorded": 6 + 2,  # six other records and both exclusions say nothing
    }
    assert flow.identified == 11
    assert flow.duplicates == 1  # the trial, found by two sources, counts once
    assert flow.screened == 10 == flow.included + flow.excluded_total
    assert flow.included == 8
    assert {term.key: count for term, count in flow.excluded} == {"not-a-study": 1, "off-topic": 1}


def test_the_method_page_shows_the_flow(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert main(["build", "--catalogue", str(with_sources(tmp_path)), "--out", str(out)]) == 0
    page = (out / "method.html").read_text(encoding="utf-8")
    section = page[page.index('id="screening"') : page.index('id="exclusions"')]
    assert "<strong>11</strong> publications found" in section
    assert "Reference lists of reviews: 1" in section
    assert "counted once: 1" in section
    assert "<strong>8</strong> studies in the catalogue" in section
