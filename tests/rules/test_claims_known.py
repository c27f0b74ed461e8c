"""claims_known: stances only on claims that claims.yaml lists."""

from conftest import check_one, edited, write_record

from scripts.cli.check import check_catalogue


def test_unknown_claim(catalogue):
    text = edited(
        "  kratom-relieves-opioid-withdrawal: supports\n",
        "  kratom-relieves-withdrawal: supports\n",
    )
    assert check_one(catalogue, text) == [
        (32, "unknown-claim", "claim 'kratom-relieves-withdrawal' is not in claims.yaml")
    ]
    (problem,) = check_catalogue(catalogue).problems
    assert problem.hint == "did you mean 'kratom-relieves-opioid-withdrawal'?"


def test_known_claims_pass(catalogue):
    text = edited(
        "  kratom-relieves-opioid-withdrawal: supports\n",
        "  kratom-relieves-opioid-withdrawal: supports\n  kratom-is-safe: mixed\n",
    )
    write_record(catalogue, text)
    assert [p for p in check_catalogue(catalogue).problems if p.code == "unknown-claim"] == []
