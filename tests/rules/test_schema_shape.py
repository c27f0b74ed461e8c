"""schema_shape: shape errors, each at the line of the offending key, all in one run."""

import pytest
from conftest import VALID_RECORD, check_one, edited, write_record

from scripts.rules.run import check_catalogue

CASES = [
    ("valid", VALID_RECORD, []),
    (
        "missing required field",
        edited("design: cross-sectional-survey\n", ""),
        [(1, "missing-field", "missing required field 'design'")],
    ),
    (
        "missing nested required field",
        edited("  title: A test study of kratom use\n", ""),
        [(3, "missing-field", "missing required field 'citation.title'")],
    ),
    (
        "unknown key with did you mean",
        edited("  journal: Test Journal\n", "  jornal: Test Journal\n"),
        [
            (1, "not-canonical", "formatting differs from the canonical form from line 7"),
            (7, "unknown-key", "unknown key 'jornal' in citation"),
        ],
    ),
    (
        "pmid as a number",
        edited('  pmid: "12345678"\n', "  pmid: 12345678\n"),
        [(12, "wrong-type", "'ids.pmid' must be text, not a number")],
    ),
    (
        "year as text",
        edited("  year: 2020\n", '  year: "2020"\n'),
        [(8, "wrong-type", "'citation.year' must be a whole number, not text")],
    ),
    (
        "empty list",
        edited("topics:\n  - withdrawal-self-treatment\n", "topics: []\n"),
        [(25, "empty-value", "'topics' is empty")],
    ),
    (
        "summary too short",
        edited(
            "    summary: Most respondents reported milder withdrawal.\n", "    summary: Better.\n"
        ),
        [(30, "empty-value", "'findings[0].summary' is too short (at least 20 characters)")],
    ),
    (
        "no identifier at all",
        edited('ids:\n  pmid: "12345678"\n  doi: 10.1000/test.1\n', "ids: {}\n"),
        [(11, "missing-identifier", "ids needs at least one of pmid, doi or url")],
    ),
    (
        "bad country code",
        edited("    - US\n", "    - usa\n"),
        [(20, "bad-format", "'population.countries[0]' has the wrong format: 'usa'")],
    ),
    (
        "the same item twice in a list",
        edited(
            "topics:\n  - withdrawal-self-treatment\n",
            "topics:\n  - withdrawal-self-treatment\n  - withdrawal-self-treatment\n",
        ),
        [
            (
                27,
                "duplicate-item",
                "'topics' lists 'withdrawal-self-treatment' twice (items 1 and 2)",
            )
        ],
    ),
    (
        "several problems in one run",
        edited("  year: 2020\n", '  year: "2020"\n', edited("  by: tester\n", "")),
        [
            (8, "wrong-type", "'citation.year' must be a whole number, not text"),
            (40, "missing-field", "missing required field 'curation.by'"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_schema_shape(catalogue, text, expected):
    assert check_one(catalogue, text) == expected


def test_unknown_key_suggests_the_right_name(catalogue):
    write_record(catalogue, edited("  journal: Test Journal\n", "  jornal: Test Journal\n"))
    (problem,) = [p for p in check_catalogue(catalogue).problems if p.code == "unknown-key"]
    assert problem.hint == "did you mean 'journal'?"
    assert problem.column == 3
