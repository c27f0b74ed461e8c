"""`new`: a record started from PubMed (the fake E-utilities server), never from guesses."""

from __future__ import annotations

import json
import socket
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import VALID_RECORD, problems_of, write_record

from scripts.__main__ import main
from scripts.cli.scaffold import record_id
from scripts.load import canonical
from scripts.load.records import load_record
from scripts.model.names import PROMPT
from scripts.model.pubmed import PubmedArticle
from scripts.pubmed import client as client_module
from scripts.pubmed.cache import PubmedCache
from scripts.pubmed.parse import parse_efetch
from tests.fake_eutils import FakeArticle, FakeEutils, article_set_xml

PMID = "31111111"
ARTICLE = FakeArticle(
    PMID,
    title="Kratom use for opioid withdrawal among adults in treatment: a survey.",
    year=2019,
    doi="10.1000/kratom.2019.1",
    journal="Journal of Fake Studies",
    authors=(("García-Romeu", "Albert"), ("Smith", "Kirsten")),
)
RECORD_ID = "garcia-romeu-2019-kratom-use-opioid-withdrawal"
CURATED_FIELDS = {
    "sample",
    "design",
    "population.species",
    "population.n",
    "population.setting",
    "population.countries[0]",
    "exposure.substances[0]",
    "exposure.description",
    "topics[0]",
    "findings[0].outcome",
    "findings[0].direction",
    "findings[0].summary",
    "appraisal",
    "limitations",
    "funding.types[0]",
    "funding.statement",
    "funding.conflicts",
    "curation.notes",
}


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    with FakeEutils(articles={PMID: ARTICLE}) as fake:
        monkeypatch.setenv("NCBI_EUTILS_URL", fake.url)
        monkeypatch.setenv("NCBI_EMAIL", "contributor@example.org")
        monkeypatch.delenv("NCBI_API_KEY", raising=False)
        monkeypatch.setattr(client_module, "BACKOFF_BASE", 0.01)
        yield fake


def new(catalogue: Path, *args: str) -> int:
    return main(["new", "--catalogue", str(catalogue), *args])


def written(catalogue: Path, name: str = RECORD_ID) -> Path:
    return catalogue / "studies" / f"{name}.yaml"


def test_new_pmid_fills_citation_and_identifiers(catalogue, server, capsys):
    assert new(catalogue, "--pmid", PMID, "--by", "new-contributor") == 0

    path = written(catalogue)
    record, problems = load_record(path)
    assert problems == []
    data = record.data
    assert data["id"] == RECORD_ID
    assert data["citation"] == {
        "title": "Kratom use for opioid withdrawal among adults in treatment: a survey",
        "authors": ["García-Romeu A", "Smith K"],
        "journal": "Journal of Fake Studies",
        "year": 2019,
        "volume": "1",
        "pages": "1-10",
    }
    assert data["ids"] == {"pmid": PMID, "doi": "10.1000/kratom.2019.1"}
    assert data["curation"]["added"] == date.today().isoformat()
    assert data["curation"]["by"] == "new-contributor"
    assert data["curation"]["verified_from"] == [f"https://pubmed.ncbi.nlm.nih.gov/{PMID}/"]
    assert data["design"].startswith(f"{PROMPT} One of the designs in vocabularies.yaml: ")
    assert "cross-sectional-survey" in data["design"] and "animal" in data["design"]
    out = capsys.readouterr().out
    assert f"wrote {path}" in out and "fields to fill in" in out


def test_the_file_is_canonical_and_check_names_every_field_to_write(catalogue, server):
    assert new(catalogue, "--pmid", PMID, "--by", "someone") == 0
    path = written(catalogue)
    text = path.read_text(encoding="utf-8")
    assert canonical.dump(load_record(path)[0].data) == text
    assert main(["format", "--check", "--catalogue", str(catalogue)]) == 0

    assert main(["check", "--catalogue", str(catalogue)]) == 1
    unfilled = {
        message.removeprefix("'").removesuffix("' is not filled in yet")
        for _name, _line, code, message in problems_of(catalogue)
        if code == "unfilled"
    }
    claims = {f"claims.{claim}" for claim in _claims(catalogue)}
    assert unfilled == CURATED_FIELDS | claims
    codes = {code for _name, _line, code, _message in problems_of(catalogue)}
    assert not codes & {"pubmed-title-mismatch", "pubmed-year-mismatch", "id-convention"}


def test_prompts_say_what_to_write(catalogue, server):
    new(catalogue, "--pmid", PMID, "--by", "someone")
    report = {(p[3], p[1]) for p in problems_of(catalogue)}
    assert report  # positions are real lines
    data = load_record(written(catalogue))[0].data
    assert "human, rat, mouse" in data["population"]["species"]
    assert "delete this line" in data["claims"]["kratom-is-safe"]
    assert "Kratom is safe" in data["claims"]["kratom-is-safe"]
    assert "own words" in data["findings"][0]["summary"]
    assert "whichever way it points" in data["findings"][0]["summary"]


def test_the_fetched_article_is_cached_and_used_next_time(catalogue, server, monkeypatch):
    assert new(catalogue, "--pmid", PMID, "--by", "someone") == 0
    entry = PubmedCache(catalogue / "pubmed").get(PMID)
    assert entry is not None and entry["article"]["title_text"].startswith("Kratom use")
    requests_made = len(server.requests)

    written(catalogue).unlink()
    monkeypatch.delenv("NCBI_EMAIL")  # no client can even be built now
    assert new(catalogue, "--pmid", PMID, "--by", "someone") == 0
    assert len(server.requests) == requests_made


def test_cached_article_with_pmcid_needs_no_network(catalogue, monkeypatch):
    monkeypatch.delenv("NCBI_EMAIL", raising=False)
    monkeypatch.setenv("NCBI_EUTILS_URL", "http://127.0.0.1:9/")
    article = parse_efetch(article_set_xml([ARTICLE]))[0]
    article["ids"]["pmc"] = "PMC7654321"
    article["issue"] = "3"
    PubmedCache(catalogue / "pubmed").put(PMID, article, datetime(2026, 1, 1, tzinfo=UTC))

    assert new(catalogue, "--pmid", PMID, "--by", "someone") == 0
    data = load_record(written(catalogue))[0].data
    assert data["ids"] == {"pmid": PMID, "pmcid": "PMC7654321", "doi": "10.1000/kratom.2019.1"}
    assert data["citation"]["issue"] == "3"


def test_new_doi_resolves_through_esearch(catalogue, server):
    assert new(catalogue, "--doi", "10.1000/KRATOM.2019.1", "--by", "someone") == 0
    assert load_record(written(catalogue))[0].data["ids"]["pmid"] == PMID
    terms = [r.params["term"] for r in server.requests if r.endpoint == "esearch.fcgi"]
    assert terms == ['"10.1000/KRATOM.2019.1"[doi]']


def test_doi_unknown_to_pubmed(catalogue, server, capsys):
    assert new(catalogue, "--doi", "10.1000/nothing") == 1
    err = capsys.readouterr().err
    assert "PubMed has no record with DOI 10.1000/nothing" in err
    assert "Traceback" not in err
    assert list((catalogue / "studies").iterdir()) == []


def test_doi_with_several_hits_is_not_guessed(catalogue, server, capsys):
    server.esearch_hits["10.1000/twice"] = ["31111111", "31111112"]
    assert new(catalogue, "--doi", "10.1000/twice") == 1
    err = capsys.readouterr().err
    assert "2 PubMed records match DOI 10.1000/twice (31111111, 31111112)" in err
    assert "--pmid" in err


def test_already_catalogued_pmid_names_the_file(catalogue, server, capsys):
    existing = write_record(catalogue, VALID_RECORD)
    assert new(catalogue, "--pmid", "12345678") == 1
    err = capsys.readouterr().err
    assert f"PMID 12345678 is already catalogued in {existing}" in err
    assert server.requests == []  # decided before any request


def test_already_catalogued_doi_names_the_file(catalogue, server, capsys):
    existing = write_record(catalogue, VALID_RECORD.replace("10.1000/test.1", ARTICLE.doi))
    assert new(catalogue, "--doi", ARTICLE.doi.upper()) == 1
    assert f"is already catalogued in {existing}" in capsys.readouterr().err


def test_pmid_whose_doi_is_catalogued(catalogue, server, capsys):
    """A record with only the DOI is the same study as the PMID PubMed gives for that DOI."""
    text = VALID_RECORD.replace('  pmid: "12345678"\n', "").replace("10.1000/test.1", ARTICLE.doi)
    existing = write_record(catalogue, text)
    assert new(catalogue, "--pmid", PMID) == 1
    assert f"DOI {ARTICLE.doi} is already catalogued in {existing}" in capsys.readouterr().err
    assert not written(catalogue).exists()


def test_excluded_study_quotes_the_reason(catalogue, server, capsys):
    (catalogue / "excluded.yaml").write_text(
        "excluded:\n"
        "  - title: A news story\n"
        "    ids:\n"
        '      pmid: "22222222"\n'
        "  - title: Kratom use for opioid withdrawal\n"
        "    ids:\n"
        f'      pmid: "{PMID}"\n'
        "    reason: duplicate-report\n"
        "    note: Same survey as another record.\n",
        encoding="utf-8",
    )
    assert new(catalogue, "--pmid", PMID) == 1
    err = capsys.readouterr().err
    assert f"PMID {PMID} is in the exclusion log ({catalogue / 'excluded.yaml'}:5)" in err
    assert "reason 'duplicate-report' (\"Same survey as another record.\")" in err
    assert not written(catalogue).exists()


def test_never_overwrites_an_existing_file(catalogue, server, capsys):
    path = written(catalogue)
    path.write_text("someone else's work\n", encoding="utf-8")
    assert new(catalogue, "--pmid", PMID) == 1
    assert path.read_text(encoding="utf-8") == "someone else's work\n"
    assert "already exists" in capsys.readouterr().err

    assert new(catalogue, "--pmid", PMID, "--id", "garcia-romeu-2019-kratom-survey") == 0
    assert load_record(written(catalogue, "garcia-romeu-2019-kratom-survey"))[0].data["id"] == (
        "garcia-romeu-2019-kratom-survey"
    )


def test_unknown_pmid(catalogue, server, capsys):
    assert new(catalogue, "--pmid", "39999999") == 1
    assert "PubMed has no record with PMID 39999999" in capsys.readouterr().err


def test_server_errors_give_a_message_not_a_traceback(catalogue, server, capsys):
    server.fail_next("500", "500", "500")
    assert new(catalogue, "--pmid", PMID) == 1
    err = capsys.readouterr().err
    assert f"error: cannot get PMID {PMID} from PubMed" in err
    assert "check your network connection" in err and "Traceback" not in err


def test_offline(catalogue, monkeypatch, capsys):
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("NCBI_EUTILS_URL", f"http://127.0.0.1:{port}/")
    monkeypatch.setenv("NCBI_EMAIL", "contributor@example.org")
    monkeypatch.setattr(client_module, "BACKOFF_BASE", 0.01)
    assert new(catalogue, "--pmid", PMID) == 1
    err = capsys.readouterr().err
    assert "cannot get PMID" in err and "ConnectionError" in err
    assert "Traceback" not in err


def test_no_email_is_a_usage_error(catalogue, server, monkeypatch, capsys):
    monkeypatch.delenv("NCBI_EMAIL")
    assert new(catalogue, "--pmid", PMID) == 2
    assert "set NCBI_EMAIL" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--pmid", "PMID123"], "--pmid 'PMID123' is not valid: write the digits only"),
        (["--doi", "https://doi.org/10.1/x"], "write the DOI without 'https://doi.org/'"),
        (["--pmid", "1", "--id", "Not An Id"], "--id 'Not An Id': write lowercase words"),
    ],
)
def test_bad_usage(catalogue, capsys, args, expected):
    assert new(catalogue, *args) == 2
    assert expected in capsys.readouterr().err


def test_pmid_or_doi_is_required(catalogue, capsys):
    with pytest.raises(SystemExit) as exit_info:
        new(catalogue)
    assert exit_info.value.code == 2
    assert "one of the arguments --pmid --doi --github-issue is required" in capsys.readouterr().err


def test_by_defaults_to_git_user_name(catalogue, server, monkeypatch, tmp_path):
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Jo Curator\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    assert new(catalogue, "--pmid", PMID) == 0
    assert load_record(written(catalogue))[0].data["curation"]["by"] == "Jo Curator"


def test_by_is_a_prompt_without_git_user(catalogue, server, monkeypatch, tmp_path):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    assert new(catalogue, "--pmid", PMID) == 0
    by = load_record(written(catalogue))[0].data["curation"]["by"]
    assert by.startswith(f"{PROMPT} your handle")


@pytest.mark.parametrize(
    ("authors", "title", "year", "expected"),
    [
        (
            [{"last": "Müller-Øst", "initials": "A"}],
            "The effects of kratom (Mitragyna speciosa) on withdrawal.",
            2019,
            "muller-ost-2019-effects-kratom-mitragyna",
        ),
        (
            [{"last": "O'Brien", "initials": "C"}],
            "7-Hydroxymitragynine is an active metabolite",
            2021,
            "obrien-2021-7-hydroxymitragynine-active",
        ),
        (
            [{"last": None, "collective": "Food and Drug Administration"}],
            "Statement on kratom",
            2018,
            "food-drug-2018-statement-kratom",
        ),
        ([], "Kratom and kratom: kratom", 2020, "anonymous-2020-kratom"),
        (
            [{"last": "Leong Abdullah", "initials": "MFI"}],
            "Electrocardiographic abnormalities among regular kratom consumers in Malaysia",
            2021,
            "leong-abdullah-2021-electrocardiographic-abnormalities",
        ),
    ],
)
def test_record_id(authors, title, year, expected):
    article = PubmedArticle.from_data({"pmid": "1", "authors": authors, "title_text": title})
    assert record_id(article, year) == expected


def _claims(catalogue: Path) -> list[str]:
    from scripts.load.vocabulary import load_vocabulary

    return list(load_vocabulary(catalogue).claims)


# --- a suggestion issue ----------------------------------------------------------------------


def suggestion_event(tmp_path: Path, identifier: str, title: str) -> Path:
    body = (
        f"### PMID or DOI\n\n{identifier}\n\n### Title\n\n{title}\n\n"
        "### Where you read the identifier\n\nhttps://example.org/page\n\n"
        "### What the study bears on\n\n_No response_\n"
    )
    path = tmp_path / "event.json"
    issue = {"number": 7, "user": {"login": "a-reader"}, "body": body}
    path.write_text(json.dumps({"action": "opened", "issue": issue}), encoding="utf-8")
    return path


def test_a_suggestion_issue_starts_the_record_by_its_author(catalogue, server, tmp_path, capsys):
    event = suggestion_event(
        tmp_path,
        f"https://pubmed.ncbi.nlm.nih.gov/{PMID}/",
        "Kratom use for opioid withdrawal among adults in treatment: a survey",
    )
    assert new(catalogue, "--github-issue", str(event)) == 0
    data = load_record(written(catalogue))[0].data
    assert data["ids"]["pmid"] == PMID
    assert data["curation"]["by"] == "a-reader"
    assert f"wrote {written(catalogue)}" in capsys.readouterr().out


def test_a_suggestion_whose_title_is_not_pubmeds_is_refused(catalogue, server, tmp_path, capsys):
    event = suggestion_event(tmp_path, PMID, "Mitragynine and prolactin in rats")
    assert new(catalogue, "--github-issue", str(event)) == 1
    err = capsys.readouterr().err
    assert f"PubMed's title for PMID {PMID} is" in err
    assert "not the suggested 'Mitragynine and prolactin in rats'" in err
    assert not list((catalogue / "studies").glob("*.yaml"))


def test_a_suggestion_by_doi_already_catalogued_says_where(catalogue, server, tmp_path, capsys):
    assert new(catalogue, "--pmid", PMID, "--by", "first") == 0
    event = suggestion_event(tmp_path, "https://doi.org/10.1000/kratom.2019.1", ARTICLE.title)
    assert new(catalogue, "--github-issue", str(event)) == 1
    assert f"is already catalogued in {written(catalogue)}" in capsys.readouterr().err


def test_a_suggestion_without_an_identifier_is_a_usage_error(catalogue, tmp_path, capsys):
    event = suggestion_event(tmp_path, "the kratom paper from last week", "Some title")
    assert new(catalogue, "--github-issue", str(event)) == 2
    assert "is neither a PubMed ID nor a DOI" in capsys.readouterr().err
