"""id_matches_file: the id is the file name and follows firstauthor-year-words."""

from conftest import VALID_ID, VALID_RECORD, check_one, edited, problems_of, write_record


def test_id_differs_from_file_name(catalogue):
    write_record(catalogue, VALID_RECORD, name="doe-2020-other-name")
    assert problems_of(catalogue) == [
        (
            "doe-2020-other-name.yaml",
            2,
            "id-not-filename",
            f"id '{VALID_ID}' differs from the file name 'doe-2020-other-name.yaml'",
        )
    ]


def test_id_without_year(catalogue):
    text = edited(f"id: {VALID_ID}\n", "id: doe-kratom-test-study\n")
    write_record(catalogue, text, name="doe-kratom-test-study")
    assert problems_of(catalogue) == [
        (
            "doe-kratom-test-study.yaml",
            2,
            "id-convention",
            "id 'doe-kratom-test-study' does not follow firstauthor-2020-short-title",
        )
    ]


def test_id_not_a_slug(catalogue):
    text = edited(f"id: {VALID_ID}\n", "id: Doe_2020\n")
    write_record(catalogue, text, name="Doe_2020")
    codes = [code for _, _, code, _ in problems_of(catalogue)]
    assert codes == ["bad-format"]  # a shape error: the record is not checked further


def test_valid(catalogue):
    assert check_one(catalogue, VALID_RECORD) == []
