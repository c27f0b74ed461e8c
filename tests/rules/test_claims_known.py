"""claims_known: stances only on claims that claims.yaml lists."""

from conftest import check_one, edited, write_record

from scripts.rules.run import check_catalogue


def test_unknown_claim(catalogue):
    text = edited(
        "  kratom-relieves-opioid-withdrawal:\n",
        "  kratom-relieves-withdrawal:\n",
    )
    assert check_one(catalogue, text) == [
        (32, "unknown-claim", "claim 'kratom-relieves-withdrawal' is not in claims.yaml")
    ]
    (problem,) = check_catalogue(catalogue).problems
    assert problem.hint == "did you mean 'kratom-relieves-opioid-withdrawal'?"


def test_known_claims_pass(catalogue):
    text = edited(
        "  kratom-relieves-opioid-withdrawal:\n",
        "  kratom-is-safe:\n    stance: mixed\n    reason: No harm was seen.\n"
        "  kratom-relieves-opioid-withdrawal:\n",
    )
    write_record(catalogue, text)
    assert [p for p in check_catalogue(catalogue).problems if p.code == "unknown-claim"] == []
