"""year_range: years from 1800 to next year."""

import datetime

from conftest import check_one, edited

NEXT_YEAR = datetime.date.today().year + 1


def test_year_too_early(catalogue):
    found = check_one(catalogue, edited("  year: 2020\n", "  year: 1020\n"))
    assert (8, "bad-year", f"year 1020 is outside 1800-{NEXT_YEAR}") in found


def test_year_in_future(catalogue):
    found = check_one(catalogue, edited("  year: 2020\n", f"  year: {NEXT_YEAR + 1}\n"))
    assert (8, "bad-year", f"year {NEXT_YEAR + 1} is outside 1800-{NEXT_YEAR}") in found


def test_next_year_is_allowed(catalogue):
    text = edited("  year: 2020\n", f"  year: {NEXT_YEAR}\n")
    text = text.replace("doe-2020-", f"doe-{NEXT_YEAR}-")
    from conftest import problems_of, write_record

    write_record(catalogue, text, name=f"doe-{NEXT_YEAR}-kratom-test-study")
    assert problems_of(catalogue) == []
