"""duplicates: a PMID, DOI or normalised title in two records, naming both files."""

from conftest import VALID_ID, VALID_RECORD, edited, problems_of, write_record


def second(text: str) -> str:
    return text.replace(VALID_ID, "roe-2020-another-study")


def test_duplicate_pmid(catalogue):
    write_record(catalogue, VALID_RECORD)
    other = second(
        edited(
            "  doi: 10.1000/test.1\n",
            "  doi: 10.1000/test.2\n",
            edited("  title: A test study of kratom use\n", "  title: Another study\n"),
        )
    )
    path = write_record(catalogue, other, name="roe-2020-another-study")
    assert problems_of(catalogue) == [
        (
            path.name,
            12,
            "duplicate-pmid",
            f"pmid '12345678' is also in {catalogue}/studies/{VALID_ID}.yaml:12",
        )
    ]


def test_duplicate_doi_ignores_case(catalogue):
    write_record(catalogue, VALID_RECORD)
    other = second(
        edited(
            '  pmid: "12345678"\n',
            '  pmid: "87654321"\n',
            edited("  title: A test study of kratom use\n", "  title: Another study\n"),
        )
    )
    other = other.replace("10.1000/test.1", "10.1000/TEST.1")
    write_record(catalogue, other, name="roe-2020-another-study")
    assert [(line, code) for _, line, code, _ in problems_of(catalogue)] == [(13, "duplicate-doi")]


def test_duplicate_title_after_normalising(catalogue):
    write_record(catalogue, VALID_RECORD)
    other = second(
        edited(
            '  pmid: "12345678"\n  doi: 10.1000/test.1\n',
            '  pmid: "87654321"\n',
            edited(
                "  title: A test study of kratom use\n", "  title: A TEST study of kratom-use.\n"
            ),
        )
    )
    write_record(catalogue, other, name="roe-2020-another-study")
    found = problems_of(catalogue)
    assert [(name, line, code) for name, line, code, _ in found] == [
        ("roe-2020-another-study.yaml", 4, "duplicate-title")
    ]
    assert f"{VALID_ID}.yaml:4" in found[0][3]


def test_distinct_records_pass(catalogue):
    write_record(catalogue, VALID_RECORD)
    other = second(
        edited(
            '  pmid: "12345678"\n  doi: 10.1000/test.1\n',
            '  pmid: "87654321"\n',
            edited("  title: A test study of kratom use\n", "  title: Another study\n"),
        )
    )
    write_record(catalogue, other, name="roe-2020-another-study")
    assert problems_of(catalogue) == []
