"""`build`: the pages exist and say the right things, hostile text stays text, output is
deterministic, and a failed build leaves the last good site in place."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts.__main__ import main
from scripts.load.history import Change
from scripts.load.vocabulary import load_vocabulary
from scripts.model.study import Author, Identifiers
from scripts.rules.run import check_catalogue
from scripts.website import citation, listing, pages, render, site
from scripts.website.safe import inline_html, safe_url

FIXTURE = Path(__file__).parent / "fixtures" / "site_catalogue"
REPO_URL = "https://github.com/example/kratom-catalogue"
STUDY_IDS = sorted(p.stem for p in (FIXTURE / "studies").glob("*.yaml"))
HOSTILE = "fixture-2022-hostile-record"
TRIAL = "fixture-2021-kratom-tea-withdrawal-trial"


def build(catalogue: Path, out: Path, *options: str) -> int:
    return main(["build", "--catalogue", str(catalogue), "--out", str(out), *options])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "output"
    assert build(FIXTURE, out, "--repo-url", REPO_URL) == 0
    return out


def read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


class Page(HTMLParser):
    """Tags with their attributes, and the text, of one HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def attrs(self, name: str) -> list[str]:
        return [a[name] for _, a in self.tags if name in a]


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


# --- pages -----------------------------------------------------------------------------------


def test_every_page_and_file_is_written(built: Path) -> None:
    vocabulary = load_vocabulary(FIXTURE)
    expected = ["index.html", "map.html", "method.html", "404.html", "claims/index.html"]
    expected += ["topics/index.html", "static/site.css", "static/site.js", "static/icon.svg"]
    expected += ["listing-data.js", "static/nojs.css"]
    expected += [
        f"studies/{i}.{ext}" for i in STUDY_IDS for ext in ("html", "bib", "ris", "csl.json")
    ]
    expected += [f"claims/{c}.html" for c in vocabulary.claims]
    expected += [f"topics/{t}.html" for t in vocabulary.terms["topics"]]
    missing = [name for name in expected if not (built / name).is_file()]
    assert not missing


def test_listing_has_one_row_per_study_with_its_columns(built: Path) -> None:
    html = read(built, "index.html")
    rows = re.findall(r'<tr id="study-([a-z0-9-]+)"', html)
    assert sorted(rows) == STUDY_IDS  # all 8 fit on the first page
    assert rows[0] == "fixture-2024-trial-registration"  # newest year first
    row = html[html.index(f'<tr id="study-{TRIAL}"') :]
    row = row[: row.index("</tr>")]
    for text in (
        "Fixture trial: kratom tea",
        "Alpha A et al.",
        ">2021<",
        "Randomised controlled trial",
        "Human, n&nbsp;=&nbsp;60",
        "Kratom",
        'href="topics/withdrawal-self-treatment.html"',
        'Opioid withdrawal symptoms: <span class="dir dir-improved"',
        'href="claims/kratom-relieves-opioid-withdrawal.html"',
    ):
        assert text in row, text
    assert "data-" not in row.replace("data-label", "")  # what filters read is in the data file


def test_listing_flags_retracted_studies_and_hides_them_by_default(built: Path) -> None:
    html = read(built, "index.html")
    assert '<tr id="study-fixture-2016-retracted-case-series" class="is-retracted"' in html
    assert "Showing 7 of 8 studies (1 retracted hidden)" in html
    assert 'id="show-retracted"' in html
    assert '<span class="flag flag-retracted">Retracted</span>' in html


def test_listing_works_without_javascript(built: Path) -> None:
    """The filters are there from the first paint; nojs.css, linked only inside <noscript>,
    hides them when scripts cannot run. The table is plain HTML."""
    html = read(built, "index.html")
    assert '<noscript><link rel="stylesheet" href="static/nojs.css"></noscript>' in html
    assert ".filters { display: none; }" in read(built, "static/nojs.css")
    assert '<form id="filters" class="filters" aria-label="Filter studies">' in html
    assert '<caption id="studies-caption">' in html
    assert html.count('<th scope="col"') == 9
    assert '<nav id="pager" class="pager" aria-label="Pages of studies" hidden>' in html


# --- the listing's data file and pages ------------------------------------------------------


def listing_data(out: Path) -> dict:
    """The data file's object: the file is one assignment of JSON, which is JavaScript."""
    text = read(out, "listing-data.js")
    prefix = "window.CATALOGUE_LISTING = "
    assert text.startswith(prefix) and text.endswith(";\n") and text.count("\n") == 1
    assert text.isascii()
    return json.loads(text[len(prefix) : -2])


def test_listing_data_holds_every_study_once_in_listing_order(built: Path) -> None:
    data = listing_data(built)
    html = read(built, "index.html")
    assert data["version"] == 1 and data["pageSize"] == listing.PAGE_SIZE
    columns = data["columns"]
    assert columns["id"] == re.findall(r'<tr id="study-([a-z0-9-]+)"', html)
    assert sorted(columns["id"]) == STUDY_IDS
    assert {len(values) for values in columns.values()} == {len(STUDY_IDS)}
    assert '<script src="listing-data.js" defer></script>' in html
    assert html.index("listing-data.js") < html.index("static/site.js")  # the data runs first


def test_listing_data_decodes_to_what_the_row_shows(built: Path) -> None:
    data = listing_data(built)
    tables, columns = data["tables"], data["columns"]
    i = columns["id"].index(TRIAL)

    def label(name: str, index: int) -> str:
        return tables[name][index][1]

    assert columns["title"][i].startswith("Fixture trial: kratom tea")
    assert data["journals"][columns["journal"][i]] == "Journal of Fixture Studies"
    assert (columns["authors"][i], columns["first"][i], columns["year"][i]) == (
        "Alpha A et al.",
        "Alpha",
        2021,
    )
    design = tables["design"][columns["design"][i]]
    assert design[:2] == ["randomized-controlled-trial", "Randomised controlled trial"]
    assert tables["tier"][design[2]][0] == "trial" and tables["tier"][design[2]][2] == 0
    assert (label("species", columns["species"][i]), columns["n"][i]) == ("Human", 60)
    assert [label("funding", k) for k in columns["funding"][i]] == ["Government"]
    pairs = columns["stance"][i]
    stances = {
        tables["claim"][c][0]: tables["stance"][s][0]
        for c, s in zip(pairs[::2], pairs[1::2], strict=True)
    }
    assert stances == {
        "kratom-reduces-opioid-craving": "contradicts",
        "kratom-relieves-opioid-withdrawal": "supports",
    }
    finding = columns["finding"][i]
    assert tables["outcome"][finding[0]][0] == "opioid-withdrawal-symptoms"
    assert tables["direction"][finding[1]][:2] == ["improved", "Improved"]
    assert "withdrawal scores fell" in columns["text"][i]  # folded for search
    muller = columns["id"].index("singh-2014-kratom-dependence-withdrawal-craving")
    assert "muller" in columns["text"][muller]  # Müller, without the accent
    retracted = columns["id"].index("fixture-2016-retracted-case-series")
    assert [tables["status"][k][0] for k in columns["notice"][retracted]] == ["retracted"]
    # Labels are written once, in the tables; a term is a small integer in the columns.
    text = read(built, "listing-data.js")
    assert text.count('"Randomised controlled trial"') == 1


def test_listing_data_options_match_the_filters(built: Path) -> None:
    """Every option a filter offers names a term of the data file's table of that name."""
    data = listing_data(built)
    html = read(built, "index.html")
    for name, table in data["tables"].items():
        select = re.search(rf'<select id="f-{name}" name="{name}">(.*?)</select>', html, re.S)
        if select is None:
            assert name == "direction"  # shown in rows, not a filter
            continue
        values = re.findall(r'<option value="([^"]+)"', select.group(1))
        assert values and set(values) <= {row[0] for row in table}, name


def test_listing_data_is_the_same_bytes_every_build(built: Path, tmp_path: Path) -> None:
    assert build(FIXTURE, tmp_path / "again", "--repo-url", REPO_URL) == 0
    assert (tmp_path / "again" / "listing-data.js").read_bytes() == (
        built / "listing-data.js"
    ).read_bytes()


def test_readers_without_javascript_page_through_every_study(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three to a page: index.html holds the first three, list/2.html and list/3.html the rest,
    each page linking the others; every study is on exactly one page."""
    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    out = tmp_path / "site"
    assert build(FIXTURE, out) == 0
    assert not (out / "list" / "4.html").exists() and not (out / "list" / "1.html").exists()
    seen = []
    for name in ("index.html", "list/2.html", "list/3.html"):
        html = read(out, name)
        seen += re.findall(r'<tr id="study-([a-z0-9-]+)"', html)
        nav = html[html.index('<nav id="pager"') :]
        nav = nav[: nav.index("</nav>")]
        assert "hidden" not in nav[: nav.index(">")]
        assert len(re.findall(r'aria-current="page"', nav)) == 1
    assert seen == listing_data(out)["columns"]["id"]
    assert sorted(seen) == STUDY_IDS
    assert listing_data(out)["pageSize"] == 3
    first = read(out, "index.html")
    assert '<a href="list/2.html" data-page="2" rel="next">Next</a>' in first
    second = read(out, "list/2.html")
    assert '<a href="../index.html" data-page="1" rel="prev">Previous</a>' in second
    assert '<a href="../list/3.html" data-page="3" rel="next">Next</a>' in second
    assert 'href="../studies/fixture-2019-rat-mitragynine-prolactin.html"' in second
    assert "<h1>Studies, page 2 of 3</h1>" in second
    assert "static/site.js" not in second and "<form" not in second
    third = read(out, "list/3.html")
    assert 'id="show-retracted"' in third  # the retracted study is on the last page
    assert 'id="show-retracted"' not in second


def test_the_listing_page_stays_small_however_many_studies(tmp_path: Path) -> None:
    """1,000 studies (the fixture's, cloned under new ids): index.html holds 50 rows and the
    filters, well under 1 MB; the data file holds them all."""
    vocabulary = load_vocabulary(FIXTURE)
    model = site.build_site(check_catalogue(FIXTURE).checked, vocabulary, FIXTURE, None)
    clones = [
        dataclasses.replace(study, record=dataclasses.replace(study.record, id=f"{study.id}-{n}"))
        for n in range(125)
        for study in model.studies
    ]
    large = dataclasses.replace(model, studies=clones)
    index = next(p for p in pages.plan(large) if p.path == "index.html")
    html = render.render_pages(large, [index], render.environment())["index.html"]
    assert len(re.findall(r'<tr id="study-', html)) == listing.PAGE_SIZE
    assert len(html.encode()) < 1_000_000
    assert "Showing 875 of 1000 studies (125 retracted hidden)" in html
    script = listing.listing_script(large, listing.PAGE_SIZE)
    assert json.loads(script.split(" = ", 1)[1][:-2])["columns"]["id"] == [s.id for s in clones]


def test_study_page_shows_the_record_and_pubmed_data(built: Path) -> None:
    html = read(built, f"studies/{TRIAL}.html")
    for text in (
        # NLM style: six authors then et al, PubMed's journal abbreviation, elided pages
        "Alpha A, Bravo BC, Charlie C, Delta D, Echo E, Foxtrot F, et al. Fixture trial: kratom "
        "tea for opioid withdrawal, a randomised placebo-controlled trial. J Fixture Stud. "
        "2021;12(3):1001-10. doi: 10.5555/fixture.2021.1. PMID: 90000001. PMCID: PMC9000001.",
        'href="https://pubmed.ncbi.nlm.nih.gov/90000001/"',
        'href="https://doi.org/10.5555/fixture.2021.1"',
        'href="https://pmc.ncbi.nlm.nih.gov/articles/PMC9000001/"',
        'href="https://clinicaltrials.gov/study/NCT09000001"',
        "Randomised trial; the strongest design for cause and effect",
        "Withdrawal scores fell more with kratom tea than with placebo",
        "Made-up fixture data for the site tests",
        "Fixture Institute of Health grant F-1",
        "None declared.",
        "An unstructured fixture abstract for the made-up trial.",
        "Randomized Controlled Trial",
        "@article{fixture-2021-kratom-tea-withdrawal-trial,",
        "TY  - JOUR",
        f'href="{REPO_URL}/edit/main/tests/fixtures/site_catalogue/studies/{TRIAL}.yaml"',
        'href="fixture-2021-kratom-tea-withdrawal-trial.bib"',
    ):
        assert text in html, text


def test_study_page_shows_structured_abstract_mesh_and_caveat(built: Path) -> None:
    html = read(built, "studies/singh-2014-kratom-dependence-withdrawal-craving.html")
    for text in (
        '<strong class="abstract-label">BACKGROUND:</strong> Fixture copy of an abstract: kratom '
        "(<i>Mitragyna speciosa</i>)",
        '<strong class="abstract-label">CONCLUSIONS:</strong>',
        "H<sub>2</sub>O and x<sup>2</sup>",
        "<li>Mitragyna*</li>",
        "<li>Substance Withdrawal Syndrome/epidemiology</li>",
        "Self-reported survey at one point in time without a comparison group",
    ):
        assert text in html, text


def test_animal_study_carries_its_plain_caveat(built: Path) -> None:
    html = read(built, "studies/fixture-2019-rat-mitragynine-prolactin.html")
    assert "Animal study; does not show effects in people." in html
    assert "Abstract" not in html  # no PubMed cache for this record


def test_retraction_erratum_and_concern_banners(built: Path) -> None:
    retracted = read(built, "studies/fixture-2016-retracted-case-series.html")
    assert '<div class="banner banner-retracted" role="note">' in retracted
    assert "This article has been retracted." in retracted
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/90000105/"' in retracted
    followup = read(built, "studies/fixture-2020-survey-dependence-followup.html")
    assert "banner-expression-of-concern" in followup
    assert "banner-has-erratum" in followup


def test_reports_of_the_same_sample_link_to_each_other(built: Path) -> None:
    first = read(built, "studies/fixture-2018-survey-withdrawal-self-treatment.html")
    second = read(built, "studies/fixture-2020-survey-dependence-followup.html")
    assert 'href="fixture-2020-survey-dependence-followup.html"' in first
    assert 'href="fixture-2018-survey-withdrawal-self-treatment.html"' in second


def test_claim_page_groups_by_stance_then_strength(built: Path) -> None:
    html = read(built, "claims/kratom-relieves-opioid-withdrawal.html")
    supports = html[html.index('id="h-supports"') : html.index('id="h-mixed"')]
    assert supports.index("Randomised trials") < supports.index("Surveys, cross-sectional")
    assert supports.index(TRIAL) < supports.index("fixture-2018-survey")
    assert "fixture-2020-survey-dependence-followup" in html[html.index('id="h-mixed"') :]
    assert 'aria-label="3 studies: 2 supports, 1 mixed, 0 contradicts"' in html
    assert '<th scope="row">Randomised trials</th>' in html


def test_claims_index_lists_every_claim(built: Path) -> None:
    html = read(built, "claims/index.html")
    for claim in load_vocabulary(FIXTURE).claims:
        assert f'href="{claim}.html"' in html


def test_evidence_map_cells_link_to_the_filtered_listing(built: Path) -> None:
    html = read(built, "map.html")
    assert 'href="index.html#outcome=prolactin&amp;exposure=mitragynine"' in html
    assert 'href="index.html#outcome=prolactin&amp;tier=animal"' in html
    assert (
        'aria-label="Opioid withdrawal symptoms, Kratom: 2 studies (findings: 2 improved)"' in html
    )


def test_topic_page_lists_its_studies(built: Path) -> None:
    html = read(built, "topics/prolactin.html")
    assert "fixture-2019-rat-mitragynine-prolactin.html" in html
    assert 'href="../index.html#topic=prolactin"' in html
    assert "No study in the catalogue has this topic yet." in read(built, "topics/liver.html")


def test_method_page_shows_search_exclusions_and_vocabularies(built: Path) -> None:
    html = read(built, "method.html")
    for text in (
        "Fixture inclusion criteria, made-up studies",
        "2026-11-20",
        "kratom prolactin",
        "(kratom[tiab] OR mitragynine[tiab])",
        "Fixture excluded: a kratom product review &lt;script&gt;",
        'href="#exclusion-reasons-off-topic"',
        'id="exclusion-reasons-off-topic"',
        'id="designs-animal"',
        "An experiment in animals",
        'id="contribute"',
        'href="https://github.com/example/kratom-catalogue"',
    ):
        assert text in html, text


def test_every_page_has_the_footer_note_and_no_outside_requests(built: Path) -> None:
    for path in html_files(built):
        html = path.read_text(encoding="utf-8")
        assert "<strong>Not medical advice.</strong>" in html, path
        page = Page(html)
        for tag, attrs in page.tags:
            for name in ("src", "href"):
                if name in attrs and tag in ("script", "link", "img"):
                    assert not urlsplit(attrs[name]).scheme, (path, attrs[name])


def test_internal_links_resolve(built: Path) -> None:
    """Every relative href and src names a file of the site, and every #id exists there."""
    parsed = {path: Page(path.read_text(encoding="utf-8")) for path in html_files(built)}
    ids = {path: set(page.attrs("id")) for path, page in parsed.items()}
    broken = []
    for path, page in parsed.items():
        for href in page.attrs("href") + page.attrs("src"):
            parts = urlsplit(href)
            if parts.scheme:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            anchor = parts.fragment if "=" not in parts.fragment else ""  # listing state
            if not target.is_file() or (anchor and anchor not in ids.get(target, set())):
                broken.append((path.relative_to(built).as_posix(), href))
    assert not broken


# --- safety ----------------------------------------------------------------------------------


def test_hostile_record_text_never_becomes_markup(built: Path) -> None:
    for path in html_files(built):
        html = path.read_text(encoding="utf-8")
        page = Page(html)
        scripts = [
            a.get("src")
            for tag, a in page.tags
            if tag == "script" and a.get("type") != "application/ld+json"
        ]
        assert scripts in ([], ["listing-data.js", "static/site.js"]), path
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in data, path  # JSON-LD cannot end its element or open a comment
        for tag, attrs in page.tags:
            assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
            for name in ("href", "src", "action"):
                value = attrs.get(name, "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, value)
    html = read(built, f"studies/{HOSTILE}.html")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;alert(&#39;setting&#39;)" in html
    assert "javascript:alert(&#39;funding&#39;)" in html  # shown as text, not a link
    assert "<i>italic ok</i> <b>bold</b> x<sub>2</sub> link &lt;unclosed" in html


def test_hostile_identifiers_are_encoded_in_links(built: Path) -> None:
    html = read(built, f"studies/{HOSTILE}.html")
    assert (
        'href="https://doi.org/10.5555/%22%3E%3Cimg/src%3Dx/onerror%3Dalert(%27doi%27)%3E"' in html
    )
    assert 'href="https://example.org/%22%3E%3Cscript%3Ealert(&#39;url&#39;)%3C/script%3E"' in html
    assert "javascript:alert(&#39;pmc&#39;)</li>" in html  # a bad PMC id from PubMed: no link


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example.org/x",
        "http:///no-host",
        "ftp://example.org/file",
        "/relative/path",
        None,
    ],
)
def test_safe_url_drops_anything_but_http(url: str | None) -> None:
    assert safe_url(url) is None


def test_safe_url_encodes_what_could_break_an_attribute() -> None:
    assert safe_url('https://example.org/a b"<x>') == "https://example.org/a%20b%22%3Cx%3E"
    assert safe_url("https://example.org/?q=a&b=%20") == "https://example.org/?q=a&b=%20"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("<i>Mitragyna</i> speciosa", "<i>Mitragyna</i> speciosa"),
        ('<b onclick="x()">bold</b>', "<b>bold</b>"),
        ("<script>alert(1)</script>after", "after"),
        ("<img src=x onerror=alert(1)>text", "text"),
        ("<i>unclosed", "<i>unclosed</i>"),
        ("a </b> b", "a  b"),
        ("&lt;script&gt;", "&lt;script&gt;"),
        ("x < y & z", "x &lt; y &amp; z"),
        ('<a href="javascript:x()">link</a>', "link"),
    ],
)
def test_inline_html_keeps_only_four_bare_tags(given: str, expected: str) -> None:
    assert str(inline_html(given)) == expected


# --- citation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("132-137", "132-7"),
        ("1001-1010", "1001-10"),
        ("99-101", "99-101"),
        ("e1234", "e1234"),
        ("17", "17"),
        ("200-199", "200-199"),
        ("S1-S5", "S1-S5"),
    ],
)
def test_nlm_page_ranges(pages: str, expected: str) -> None:
    assert citation.nlm_pages(pages) == expected


def test_authors_split_into_family_name_and_initials() -> None:
    assert Author.parse("Garcia-Romeu A") == Author("Garcia-Romeu A", "Garcia-Romeu", "A")
    assert Author.parse("Müller CP").given == "C. P."
    group = Author.parse("WHO Expert Committee on Drug Dependence")
    assert group.is_group and group.family == group.name


def test_citation_of_an_incomplete_author_list_says_et_al() -> None:
    authors = [Author.parse("Kilo K"), Author.parse("Lima L")]
    complete = citation.nlm_citation(authors, "A survey", "J Test", 2020)
    truncated = citation.nlm_citation(authors, "A survey", "J Test", 2020, et_al=True)
    assert complete == "Kilo K, Lima L. A survey. J Test. 2020."
    assert truncated == "Kilo K, Lima L, et al. A survey. J Test. 2020."


def test_citation_without_journal_gives_its_address() -> None:
    text = citation.nlm_citation(
        [], "A registration", "ClinicalTrials.gov", 2024, ids=Identifiers(url="https://x.org/1")
    )
    assert text == "A registration. ClinicalTrials.gov. 2024. Available from: https://x.org/1"


# --- behaviour of the command ----------------------------------------------------------------


def tree_digest(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def test_builds_are_byte_identical_whatever_the_hash_seed(built: Path, tmp_path: Path) -> None:
    """Same input, same bytes: also across processes, where set and dict orders could differ."""
    for seed in ("1", "2"):
        options = [
            "--catalogue",
            str(FIXTURE),
            "--out",
            str(tmp_path / seed),
            "--repo-url",
            REPO_URL,
        ]
        subprocess.run(
            [sys.executable, "-m", "scripts", "build", *options],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=Path(__file__).resolve().parents[1],
            check=True,
            capture_output=True,
        )
    assert tree_digest(tmp_path / "1") == tree_digest(built)
    assert tree_digest(tmp_path / "2") == tree_digest(built)


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    copy = tmp_path / "catalogue"
    shutil.copytree(FIXTURE, copy)
    return copy


def test_a_catalogue_with_errors_is_refused_and_the_old_site_kept(
    catalogue: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "output"
    assert build(catalogue, out) == 0
    before = tree_digest(out)
    record = catalogue / "studies" / f"{TRIAL}.yaml"
    record.write_text(
        record.read_text().replace("design: randomized-controlled-trial", "design: rct")
    )
    capsys.readouterr()
    assert build(catalogue, out) == 1
    err = capsys.readouterr().err
    assert f"{TRIAL}.yaml" in err and "error" in err and "build refused" in err
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue", "output"]


def test_a_build_that_fails_midway_leaves_the_old_site(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    out = tmp_path / "output"
    assert build(catalogue, out) == 0
    before = tree_digest(out)

    def explode(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("scripts.website.publish._swap", explode)
    capsys.readouterr()
    assert build(catalogue, out) == 1
    err = capsys.readouterr().err
    assert f"cannot write the site into {out.resolve()}: No space left on device" in err
    assert "is unchanged" in err and "Traceback" not in err
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue", "output"]


@pytest.mark.parametrize("kind", ["file", "folder of other files", "the catalogue itself"])
def test_a_build_never_replaces_what_it_did_not_build(
    catalogue: Path, tmp_path: Path, capsys, kind: str
) -> None:
    if kind == "file":
        out = tmp_path / "README.md"
        out.write_text("curated text")
    elif kind == "folder of other files":
        out = tmp_path / "notes"
        out.mkdir()
        (out / "draft.txt").write_text("curated text")
    else:
        out = catalogue
    before = tree_digest(tmp_path)
    capsys.readouterr()
    assert build(catalogue, out) == 1
    err = capsys.readouterr().err
    assert "give --out" in err and "Traceback" not in err
    assert tree_digest(tmp_path) == before


def test_a_build_may_use_an_empty_folder_and_marks_the_site_as_its_own(
    catalogue: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    out.mkdir()
    assert build(catalogue, out) == 0
    assert (out / ".catalogue-site").read_text().startswith("Built by `python -m scripts build`")
    assert build(catalogue, out) == 0  # its own site it replaces


def test_a_rebuild_replaces_the_old_site_completely(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    assert build(catalogue, out) == 0
    (out / "stale.html").write_text("old")
    (catalogue / "studies" / f"{HOSTILE}.yaml").unlink()
    (catalogue / "pubmed" / "90000006.json").unlink()
    shutil.rmtree(catalogue / "assessments")  # one cites the removed record
    assert build(catalogue, out) == 0
    assert not (out / "stale.html").exists()
    assert not (out / f"studies/{HOSTILE}.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["catalogue", "output"]


def test_the_site_builds_without_any_pubmed_cache(catalogue: Path, tmp_path: Path) -> None:
    shutil.rmtree(catalogue / "pubmed")
    (catalogue / "search.yaml").unlink()
    (catalogue / "excluded.yaml").unlink()
    out = tmp_path / "output"
    assert build(catalogue, out) == 0
    html = read(out, f"studies/{TRIAL}.html")
    assert "Abstract" not in html and "banner" not in html
    assert "Journal of Fixture Studies. 2021;12(3):1001-10." in html  # curated journal name
    method = read(out, "method.html")
    assert "has not been published yet" in method


def test_edit_links_follow_the_configured_repository(
    catalogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CATALOGUE_REPO_URL", raising=False)
    assert build(catalogue, tmp_path / "none") == 0
    assert "Edit this record" not in read(tmp_path / "none", f"studies/{TRIAL}.html")
    monkeypatch.setenv("CATALOGUE_REPO_URL", "https://git.example.org/cat/-/edit/trunk/{path}")
    assert build(catalogue, tmp_path / "env") == 0
    html = read(tmp_path / "env", f"studies/{TRIAL}.html")
    assert f'href="https://git.example.org/cat/-/edit/trunk/catalogue/studies/{TRIAL}.yaml"' in html


def test_a_repository_url_that_is_not_http_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(FIXTURE, tmp_path / "out", "--repo-url", "javascript:alert(1)") == 2
    assert "--repo-url" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_study_pages_show_the_record_history_from_git(tmp_path: Path) -> None:
    vocabulary = load_vocabulary(FIXTURE)
    model = site.build_site(check_catalogue(FIXTURE).checked, vocabulary, FIXTURE, None)
    study = next(s for s in model.studies if s.id == TRIAL)
    assert study.history, "the fixture records are committed, so git knows their history"
    page = pages.Page(
        "studies/x.html", "study.html", "studies", {"study": study, "bibtex": "", "ris": ""}
    )
    dated = dataclasses.replace(study, history=[Change("2026-11-27", "abc1234", "added <by> x")])
    page = dataclasses.replace(page, context={**page.context, "study": dated})
    html = render.render_pages(model, [page], render.environment())["studies/x.html"]
    assert '<h2 id="h-history">Change history</h2>' in html
    assert (
        '<time datetime="2026-11-27">2026-11-27</time> added &lt;by&gt; x <code>abc1234</code>'
        in html
    )
    linked = dataclasses.replace(model, repo_url="https://example.org/r")
    html = render.render_pages(linked, [page], render.environment())["studies/x.html"]
    assert 'href="https://example.org/r/commit/abc1234"' in html


def test_history_is_found_for_a_catalogue_given_as_a_nested_relative_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Record paths are relative to the working folder, not to the catalogue's parent."""
    repo = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(repo)
    relative = FIXTURE.relative_to(repo)
    model = site.build_site(
        check_catalogue(relative).checked, load_vocabulary(relative), relative, None
    )
    assert all(s.history for s in model.studies)


def test_a_build_outside_git_shows_no_history(tmp_path: Path) -> None:
    copy = tmp_path / "catalogue"
    shutil.copytree(FIXTURE, copy)
    model = site.build_site(check_catalogue(copy).checked, load_vocabulary(copy), copy, None)
    assert all(s.history == [] for s in model.studies)


def test_a_study_judged_to_bear_on_no_claim_says_so(catalogue: Path, tmp_path: Path) -> None:
    record = catalogue / "studies" / "fixture-2019-rat-mitragynine-prolactin.yaml"
    text = record.read_text()
    record.write_text(re.sub(r"claims:\n(  .*\n)+", "claims: {}\n", text))
    shutil.rmtree(catalogue / "assessments")  # one cites the record's stance
    out = tmp_path / "site"
    assert build(catalogue, out) == 0
    html = read(out, "studies/fixture-2019-rat-mitragynine-prolactin.html")
    assert "bears on none of the catalogue's claims" in html
    assert "have not linked this study to any claim" not in html
