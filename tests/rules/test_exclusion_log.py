"""exclusion_log: known reasons, titles present, and nothing both excluded and catalogued."""

from conftest import VALID_RECORD, problems_of, write_record

LOG = """\
excluded:
  - title: A news story about kratom
    reason: not-a-study
    note: A newspaper summary of a case report.
  - title: A study we could not verify
    reason: cant-verify
  - reason: off-topic
"""


def test_bad_entries(catalogue):
    (catalogue / "excluded.yaml").write_text(LOG, encoding="utf-8")
    assert problems_of(catalogue) == [
        ("excluded.yaml", 6, "bad-exclusion", "reason 'cant-verify' is not in exclusion-reasons"),
        ("excluded.yaml", 7, "bad-exclusion", "entry needs a title"),
    ]


def test_excluded_study_that_is_also_catalogued(catalogue):
    (catalogue / "excluded.yaml").write_text(
        'excluded:\n  - title: Same study\n    ids:\n      pmid: "12345678"\n    reason: duplicate-report\n',
        encoding="utf-8",
    )
    write_record(catalogue, VALID_RECORD)
    assert problems_of(catalogue) == [
        (
            "doe-2020-kratom-test-study.yaml",
            12,
            "excluded-but-catalogued",
            f"pmid 12345678 is in the exclusion log ({catalogue}/excluded.yaml:2)",
        )
    ]


def test_no_log_is_fine(catalogue):
    write_record(catalogue, VALID_RECORD)
    assert problems_of(catalogue) == []
