"""A new contributor's whole path, as CONTRIBUTING.md describes it, against the fake PubMed.

new --pmid -> check fails, naming the fields to write -> fill them in -> format -> check passes
-> build shows the study on the listing, its own page, its claim page and the feed.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest
import yaml

from scripts.__main__ import main
from tests.fake_eutils import FakeArticle, FakeEutils

REPO = Path(__file__).resolve().parents[1]
PMID = "31234567"
ARTICLE = FakeArticle(
    PMID,
    title="Self-treatment of opioid withdrawal with kratom: an online survey of adults.",
    year=2021,
    doi="10.1000/kratom.flow.2021",
    journal="Journal of Fake Addiction Studies",
    authors=(("Nguyen", "Thi"), ("Okafor", "Chidi")),
)
RECORD_ID = "nguyen-2021-self-treatment-opioid-withdrawal"
CLAIM = "kratom-relieves-opioid-withdrawal"


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    root = tmp_path / "catalogue"
    (root / "studies").mkdir(parents=True)
    for name in ("vocabularies.yaml", "claims.yaml"):
        shutil.copy(REPO / "catalogue" / name, root / name)
    return root


@pytest.fixture
def pubmed(monkeypatch: pytest.MonkeyPatch):
    with FakeEutils(articles={PMID: ARTICLE}) as fake:
        monkeypatch.setenv("NCBI_EUTILS_URL", fake.url)
        monkeypatch.setenv("NCBI_EMAIL", "new-contributor@example.org")
        monkeypatch.delenv("NCBI_API_KEY", raising=False)
        monkeypatch.delenv("CATALOGUE_REPO_URL", raising=False)
        yield fake


def fill_in(data: dict) -> dict:
    """What the contributor writes after reading the study, in place of every prompt."""
    del data["sample"]  # no other record reports this sample
    data["design"] = "cross-sectional-survey"
    data["population"] = {
        "species": "human",
        "n": 412,
        "setting": "Adults in the US who had used kratom, recruited online in 2020",
        "countries": ["US"],
    }
    data["exposure"] = {
        "substances": ["kratom", "opioids"],
        "description": "Self-chosen kratom powder or capsules taken by mouth",
    }
    data["topics"] = ["withdrawal-self-treatment", "kratom-dependence"]
    data["findings"] = [
        {
            "outcome": "opioid-withdrawal-symptoms",
            "direction": "improved",
            "summary": "Most of those who had used kratom to stop opioids (61%) said it eased "
            "their withdrawal symptoms.",
        },
        {
            "outcome": "kratom-dependence",
            "direction": "observed",
            "summary": "One in ten reported withdrawal symptoms of their own when they stopped "
            "kratom.",
        },
    ]
    data["claims"] = {
        CLAIM: {"stance": "supports", "reason": "Most who tried it reported milder withdrawal."},
        "kratom-no-addiction-risk": {
            "stance": "contradicts",
            "reason": "One in ten had withdrawal symptoms on stopping kratom.",
        },
    }
    data["limitations"] = (
        "A one-off online survey of self-selected users: relief is self-reported, with no "
        "comparison group, so it cannot show that kratom caused it."
    )
    data["appraisal"] = {
        "judged_from": "abstract",
        "domains": {
            "sampling": {"judgement": "high", "reason": "Recruited online among kratom users."},
            "response": {"judgement": "no-information", "reason": "No response rate is given."},
            "measurement": {"judgement": "some-concerns", "reason": "Single self-report items."},
            "confounding": {"judgement": "high", "reason": "Other drug use not accounted for."},
        },
        "overall": {"judgement": "high", "reason": "Self-selected sample, no adjustment."},
    }
    data["funding"] = {"types": ["not-stated"]}
    del data["curation"]["notes"]
    return data


def test_a_new_contributor_adds_a_study(catalogue, pubmed, tmp_path, capsys):
    cat = ["--catalogue", str(catalogue)]

    # 1. Start the record from its PMID.
    assert main(["new", "--pmid", PMID, "--by", "new-contributor", *cat]) == 0
    path = catalogue / "studies" / f"{RECORD_ID}.yaml"
    assert path.is_file(), capsys.readouterr().out
    assert f"wrote {path}" in capsys.readouterr().out

    # 2. Left as it is, the check fails and names every field still to write.
    assert main(["check", *cat]) == 1
    report = capsys.readouterr().out
    for field in ("design", "population.species", "findings[0].summary", "limitations"):
        assert f"error unfilled: '{field}' is not filled in yet" in report
    assert f"error unfilled: 'claims.{CLAIM}' is not filled in yet" in report

    # 3. The contributor fills in the fields (here: a plain YAML dump, not canonical).
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(
        yaml.safe_dump(fill_in(data), sort_keys=True, allow_unicode=True), encoding="utf-8"
    )
    assert main(["format", "--check", *cat]) == 1
    capsys.readouterr()

    # 4. format, then check passes.
    assert main(["format", *cat]) == 0
    assert main(["check", *cat]) == 0, capsys.readouterr().out
    assert "0 errors, 0 warnings" in capsys.readouterr().out

    # 5. build: the study is on the listing, its page, its claim page and the feed.
    out = tmp_path / "site"
    assert main(["build", *cat, "--out", str(out)]) == 0, capsys.readouterr().err
    title = "Self-treatment of opioid withdrawal with kratom: an online survey of adults"
    shown = (title, html.escape(title))

    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"studies/{RECORD_ID}.html" in index
    assert any(t in index for t in shown)

    page = (out / "studies" / f"{RECORD_ID}.html").read_text(encoding="utf-8")
    assert any(t in page for t in shown)
    assert f"pubmed.ncbi.nlm.nih.gov/{PMID}" in page
    assert "Most of those who had used kratom to stop opioids" in page

    for claim in (CLAIM, "kratom-no-addiction-risk"):
        claim_page = (out / "claims" / f"{claim}.html").read_text(encoding="utf-8")
        assert f"studies/{RECORD_ID}.html" in claim_page, claim

    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert any(t in feed for t in shown)
    assert RECORD_ID in feed
