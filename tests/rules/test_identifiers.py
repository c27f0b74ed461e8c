"""identifiers: PMID, PMCID, DOI, NCT and URL syntax, each with a reason."""

import pytest
from conftest import check_one, edited, write_record

from scripts.rules.run import check_catalogue

CASES = [
    (
        "pmid with prefix",
        '  pmid: "12345678"\n',
        '  pmid: "PMID12345678"\n',
        12,
        "bad-pmid",
        "pmid 'PMID12345678' is malformed",
        "write the digits only, without 'PMID'",
    ),
    (
        "pmid leading zero",
        '  pmid: "12345678"\n',
        '  pmid: "0123"\n',
        12,
        "bad-pmid",
        "pmid '0123' is malformed",
        "PubMed IDs have no leading zeros",
    ),
    (
        "doi as url",
        "  doi: 10.1000/test.1\n",
        "  doi: https://doi.org/10.1000/test.1\n",
        13,
        "bad-doi",
        "doi 'https://doi.org/10.1000/test.1' is malformed",
        "write the DOI without 'https://doi.org/': 10.1000/test.1",
    ),
    (
        "pmcid digits only",
        "  doi: 10.1000/test.1\n",
        '  doi: 10.1000/test.1\n  pmcid: "7423016"\n',
        14,
        "bad-pmcid",
        "pmcid '7423016' is malformed",
        "PMC IDs start with 'PMC': write PMC7423016",
    ),
    (
        "nct too short",
        "  doi: 10.1000/test.1\n",
        "  doi: 10.1000/test.1\n  registrations:\n    - NCT123\n",
        15,
        "bad-registration",
        "registration 'NCT123' is malformed",
        "ClinicalTrials.gov numbers are 'NCT' and exactly 8 digits",
    ),
    (
        "javascript url",
        "    - https://pubmed.ncbi.nlm.nih.gov/12345678/\n",
        "    - javascript:alert(1)\n",
        44,
        "bad-url",
        "url 'javascript:alert(1)' is malformed",
        "only http:// or https:// addresses with a host name are allowed",
    ),
    (
        "ftp url in ids",
        "  doi: 10.1000/test.1\n",
        "  doi: 10.1000/test.1\n  url: ftp://example.org/x\n",
        14,
        "bad-url",
        "url 'ftp://example.org/x' is malformed",
        "only http:// or https:// addresses with a host name are allowed",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "code", "message", "hint"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_malformed_identifiers(catalogue, old, new, line, code, message, hint):
    write_record(catalogue, edited(old, new))
    found = [p for p in check_catalogue(catalogue).problems if p.code != "not-canonical"]
    assert [(p.line, p.code, p.message, p.hint) for p in found] == [(line, code, message, hint)]


def test_well_formed_identifiers(catalogue):
    text = edited(
        "  doi: 10.1000/test.1\n",
        "  pmcid: PMC7423016\n  doi: 10.1016/S0376-8716(14)00793-5\n  registrations:\n    - NCT06072170\n",
    )
    assert check_one(catalogue, text) == []
