"""vocabulary_terms: every controlled term is known, with a 'did you mean' for near misses."""

import pytest
from conftest import check_one, edited, write_record

from scripts.rules.run import check_catalogue

CASES = [
    (
        "design",
        "design: cross-sectional-survey\n",
        "design: cross-sectional-surevy\n",
        14,
        "'cross-sectional-surevy' is not a term of 'designs' (design)",
        "did you mean 'cross-sectional-survey'?",
    ),
    (
        "topic in a list",
        "  - withdrawal-self-treatment\n",
        "  - withdrawl-self-treatment\n",
        26,
        "'withdrawl-self-treatment' is not a term of 'topics' (topics[0])",
        "did you mean 'withdrawal-self-treatment'?",
    ),
    (
        "finding direction",
        "    direction: improved\n",
        "    direction: better\n",
        29,
        "'better' is not a term of 'directions' (findings[0].direction)",
        "",
    ),
    (
        "claim stance",
        "    stance: supports\n",
        "    stance: support\n",
        33,
        "'support' is not a term of 'stances' (claims.kratom-relieves-opioid-withdrawal.stance)",
        "did you mean 'supports'?",
    ),
    (
        "species",
        "  species: human\n",
        "  species: humans\n",
        16,
        "'humans' is not a term of 'species' (population.species)",
        "did you mean 'human'?",
    ),
    (
        "exposure",
        "    - kratom\n",
        "    - kratum\n",
        23,
        "'kratum' is not a term of 'exposures' (exposure.substances[0])",
        "did you mean 'kratom'?",
    ),
    (
        "funding type",
        "    - government\n",
        "    - goverment\n",
        38,
        "'goverment' is not a term of 'funding-types' (funding.types[0])",
        "did you mean 'government'?",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "message", "hint"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_unknown_terms(catalogue, old, new, line, message, hint):
    write_record(catalogue, edited(old, new))
    (problem,) = check_catalogue(catalogue).problems
    assert (problem.line, problem.code, problem.message) == (line, "unknown-term", message)
    if hint:
        assert problem.hint == hint


def test_far_misses_list_the_choices_when_few(catalogue):
    write_record(
        catalogue,
        edited(
            "    stance: supports\n",
            "    stance: yes-indeed\n",
        ),
    )
    (problem,) = check_catalogue(catalogue).problems
    assert problem.hint == "use one of: supports, contradicts, mixed"


def test_valid_terms_pass(catalogue):
    assert (
        check_one(catalogue, edited("design: cross-sectional-survey\n", "design: animal\n")) == []
    )
