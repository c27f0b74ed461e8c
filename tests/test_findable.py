"""Findable and machine-readable: `build --base-url`, descriptions and Open Graph tags,
ScholarlyArticle JSON-LD read back by a real JSON-LD processor, sitemap.xml, robots.txt and the
"report an error" links.

Offline: pyld reads the JSON-LD from the built pages' script elements, and its document loader
serves the schema.org context from tests/fixtures/schemaorg-context.jsonld (the part of the
official context these pages use: schema.org as the vocabulary, `url` and `sameAs` as
addresses, dates typed as schema:Date); any other address fails the test.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from defusedxml import ElementTree
from pyld import jsonld

from scripts.__main__ import main
from scripts.model.identifiers import HANDLERS
from scripts.website import links, meta, structured_data

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "site_catalogue"
CONTEXT = json.loads((Path(__file__).parent / "fixtures" / "schemaorg-context.jsonld").read_text())
REPO_URL = "https://github.com/example/kratom-catalogue"
BASE = "https://example.org/kratom/"
SCHEMA = "http://schema.org/"
STUDY_IDS = sorted(p.stem for p in (FIXTURE / "studies").glob("*.yaml"))
TRIAL = "fixture-2021-kratom-tea-withdrawal-trial"
HOSTILE = "fixture-2022-hostile-record"
REGISTRATION = "fixture-2024-trial-registration"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
INDEX_PAGES = ["index.html", "claims/index.html", "topics/index.html", "map.html", "method.html"]


def build(out: Path, *options: str) -> int:
    return main(["build", "--catalogue", str(FIXTURE), "--out", str(out), *options])


@pytest.fixture(scope="module")
def relative(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as it works from disk: no --base-url."""
    out = tmp_path_factory.mktemp("relative") / "output"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("CATALOGUE_BASE_URL", raising=False)
        assert build(out, "--repo-url", REPO_URL) == 0
    return out


@pytest.fixture(scope="module")
def absolute(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as published: --base-url given without its final slash."""
    out = tmp_path_factory.mktemp("absolute") / "output"
    assert build(out, "--repo-url", REPO_URL, "--base-url", BASE.rstrip("/")) == 0
    return out


def html_pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


def read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def url_of(path: str) -> str:
    """What a page's address under BASE must be: index.html by its folder."""
    return BASE + (path[: -len("index.html")] if path.endswith("index.html") else path)


class Head(HTMLParser):
    """The <meta>, <link> and <a> elements of a page, and its JSON-LD script texts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.anchors: list[tuple[dict[str, str], str]] = []
        self.json_ld: list[str] = []
        self.title = ""
        self._in: str | None = None
        self._anchor: dict[str, str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self.meta.append(found)
        elif tag == "link":
            self.links.append(found)
        elif tag == "a":
            self._anchor = found
            self.anchors.append((found, ""))
        elif tag == "script" and found.get("type") == "application/ld+json":
            self._in = "json"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "title"):
            self._in = None
        if tag == "a":
            self._anchor = None

    def handle_data(self, data: str) -> None:
        if self._in == "json":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data
        if self._anchor is not None:
            attrs, text = self.anchors[-1]
            self.anchors[-1] = (attrs, text + data)

    def content(self, key: str, name: str) -> list[str]:
        return [m.get("content", "") for m in self.meta if m.get(key) == name]

    def rel(self, name: str) -> list[str]:
        return [lk["href"] for lk in self.links if lk.get("rel") == name]

    def hrefs(self, text: str) -> list[str]:
        return [a.get("href", "") for a, inner in self.anchors if text in inner]


def head(out: Path, name: str) -> Head:
    return Head(read(out, name))


# --- the data a page's dates must come from, found independently of the site code ---------


def record(study_id: str) -> dict[str, Any]:
    return yaml.safe_load((FIXTURE / "studies" / f"{study_id}.yaml").read_text(encoding="utf-8"))


def expected_lastmod(study_id: str) -> str:
    """The record's last commit date, or its curation.added outside git."""
    path = FIXTURE / "studies" / f"{study_id}.yaml"
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cd", "--date=short", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        result = None
    if result and result.returncode == 0 and result.stdout.strip():
        return result.stdout.strip()
    return str(record(study_id)["curation"]["added"])


def linked_studies(out: Path, page: str) -> set[str]:
    return set(re.findall(r'href="\.\./studies/([a-z0-9-]+)\.html"', read(out, page)))


# --- JSON-LD through a real processor --------------------------------------------------------


def loader(pages: Path) -> Any:
    """Serves the schema.org context and the built pages (as HTML); nothing else, no network."""

    def load(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            document: Any = CONTEXT
            kind = "application/ld+json"
        elif url.startswith("file://"):
            path = Path(urlsplit(url).path)
            assert path.is_relative_to(pages), url
            document, kind = path.read_text(encoding="utf-8"), "text/html"
        else:
            raise AssertionError(f"the JSON-LD asked for {url}; tests are offline")
        return {"contextUrl": None, "documentUrl": url, "document": document, "contentType": kind}

    return load


def expand_page(out: Path, name: str) -> list[dict[str, Any]]:
    """Every JSON-LD block of the page, read from its script elements and expanded by pyld."""
    options = {"documentLoader": loader(out), "extractAllScripts": True}
    return jsonld.expand((out / name).as_uri(), options)


def nodes(graph: Any) -> list[dict[str, Any]]:
    """Every node object in an expanded document, nested ones included."""
    found = []
    if isinstance(graph, list):
        for item in graph:
            found += nodes(item)
    elif isinstance(graph, dict):
        if "@type" in graph:
            found.append(graph)
        for key, item in graph.items():
            if not key.startswith("@"):
                found += nodes(item)
    return found


def of_type(graph: Any, name: str) -> list[dict[str, Any]]:
    return [n for n in nodes(graph) if SCHEMA + name in n["@type"]]


def values(node: dict[str, Any], prop: str) -> list[Any]:
    return [v.get("@value", v.get("@id")) for v in node.get(SCHEMA + prop, [])]


def identifiers(article: dict[str, Any]) -> dict[str, str]:
    return {
        values(n, "propertyID")[0]: values(n, "value")[0]
        for n in article.get(SCHEMA + "identifier", [])
    }


@pytest.mark.parametrize("which", ["relative", "absolute"])
def test_every_study_page_has_one_scholarly_article_with_its_identifiers(
    which: str, request: pytest.FixtureRequest
) -> None:
    out: Path = request.getfixturevalue(which)
    for study_id in STUDY_IDS:
        data = record(study_id)
        graph = expand_page(out, f"studies/{study_id}.html")
        (article,) = of_type(graph, "ScholarlyArticle")
        (page,) = of_type(graph, "WebPage")
        assert page[SCHEMA + "mainEntity"][0] is article
        title = " ".join(data["citation"]["title"].split())
        assert values(article, "headline") == [title]
        assert values(article, "datePublished") == [str(data["citation"]["year"])]
        assert values(page, "lastReviewed") == [expected_lastmod(study_id)]
        ids = data["ids"]
        expected = {
            name: ids[kind] for kind, name in (("doi", "DOI"), ("pmid", "PMID")) if kind in ids
        }
        assert {k: v for k, v in identifiers(article).items() if k != "PMCID"} == expected
        same_as = set(values(article, "sameAs"))
        for kind in ("doi", "pmid", "pmcid"):
            if kind in ids:
                assert HANDLERS[kind].url(ids[kind]) in same_as, (study_id, kind)
        names = [a for n in article.get(SCHEMA + "author", []) for a in values(n, "name")]
        assert names == [" ".join(a.split()) for a in data["citation"].get("authors", [])]
        journal = data["citation"].get("journal")
        periodicals = of_type(article, "Periodical")
        assert [values(p, "name")[0] for p in periodicals] == ([journal] if journal else [])
        if which == "relative":
            assert "@id" not in page and SCHEMA + "url" not in page  # no address but a real one
        else:
            assert page["@id"] == url_of(f"studies/{study_id}.html")
            assert values(page, "url") == [page["@id"]]


def test_the_trial_in_full(absolute: Path) -> None:
    graph = expand_page(absolute, f"studies/{TRIAL}.html")
    (article,) = of_type(graph, "ScholarlyArticle")
    assert identifiers(article) == {
        "PMID": "90000001",
        "DOI": "10.5555/fixture.2021.1",
        "PMCID": "PMC9000001",
    }
    assert values(article, "sameAs") == [
        HANDLERS["pmid"].url("90000001"),
        HANDLERS["doi"].url("10.5555/fixture.2021.1"),
        HANDLERS["pmcid"].url("PMC9000001"),
    ]
    (first, *_) = of_type(article, "Person")
    assert values(first, "familyName") == ["Alpha"] and values(first, "givenName") == ["A."]
    assert len(of_type(article, "Person")) == 8
    (website,) = of_type(graph, "WebSite")
    assert website["@id"] == BASE


def test_hostile_text_survives_the_script_element_unchanged(relative: Path) -> None:
    """Markup in the data is JSON text: the element cannot be closed early, and a JSON-LD
    processor reads back exactly the record's characters."""
    html = read(relative, f"studies/{HOSTILE}.html")
    (block,) = Head(html).json_ld
    assert "<" not in block
    title = " ".join(record(HOSTILE)["citation"]["title"].split())
    assert "</script>" in title  # the fixture does try
    (article,) = of_type(expand_page(relative, f"studies/{HOSTILE}.html"), "ScholarlyArticle")
    assert values(article, "headline") == [title]
    assert json.loads(block)["mainEntity"]["headline"] == title


def test_a_retracted_study_says_so_in_its_structured_data(relative: Path) -> None:
    (article,) = of_type(
        expand_page(relative, "studies/fixture-2016-retracted-case-series.html"),
        "ScholarlyArticle",
    )
    assert values(article, "creativeWorkStatus") == ["Retracted"]


@pytest.mark.parametrize("which", ["relative", "absolute"])
def test_every_json_ld_block_on_every_page_expands(
    which: str, request: pytest.FixtureRequest
) -> None:
    """Each block is JSON, and the processor reads each as one top-level node; study pages have
    theirs (other kinds of page may get builders of their own)."""
    out: Path = request.getfixturevalue(which)
    for name in html_pages(out):
        blocks = head(out, name).json_ld
        for block in blocks:
            assert isinstance(json.loads(block), dict), name
        assert len(expand_page(out, name)) == len(blocks), name
        if name.startswith("studies/"):
            assert len(blocks) == 1, name


@pytest.mark.parametrize(
    "text",
    ["</script><script>alert(1)</script>", "<!-- x", "a < b", "\u2028 line", "\u00e9"],
)
def test_script_text_is_json_without_a_less_than_sign(text: str) -> None:
    out = structured_data.script_text({"name": text})
    assert "<" not in out
    assert json.loads(str(out)) == {"name": text}


# --- sitemap and robots ----------------------------------------------------------------------


def test_sitemap_lists_every_page_once_with_the_date_its_data_last_changed(absolute: Path) -> None:
    root = ElementTree.fromstring((absolute / "sitemap.xml").read_bytes())
    assert root.tag == f"{SITEMAP}urlset"
    entries = [(u.findtext(f"{SITEMAP}loc"), u.findtext(f"{SITEMAP}lastmod")) for u in root]
    locs = [loc for loc, _ in entries]
    assert len(locs) == len(set(locs)), "a page listed twice"
    listed = [name for name in html_pages(absolute) if name != "404.html"]
    assert sorted(locs) == sorted(url_of(name) for name in listed)
    assert locs == sorted(locs)

    studies = {i: expected_lastmod(i) for i in STUDY_IDS}
    every = max(studies.values())
    lastmod = dict(entries)
    for name in listed:
        found = lastmod[url_of(name)]
        datetime.date.fromisoformat(found)  # a valid W3C date
        if name.startswith("studies/"):
            expected = studies[Path(name).stem]
        elif name.startswith(("claims/", "topics/")) and not name.endswith("index.html"):
            expected = max((studies[i] for i in linked_studies(absolute, name)), default=every)
        else:
            expected = every
        assert found == expected, name
    assert "404" not in (absolute / "sitemap.xml").read_text()


def test_no_sitemap_without_a_base_url(relative: Path) -> None:
    assert not (relative / "sitemap.xml").exists()


def test_robots_txt_allows_everything_and_names_the_sitemap(relative: Path, absolute: Path) -> None:
    assert read(relative, "robots.txt") == "User-agent: *\nAllow: /\n"
    assert (
        read(absolute, "robots.txt") == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"
    )


def test_builds_with_a_base_url_are_byte_identical(absolute: Path, tmp_path: Path) -> None:
    def digest(out: Path) -> dict[str, str]:
        return {
            p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*"))
            if p.is_file()
        }

    assert build(tmp_path / "again", "--repo-url", REPO_URL, "--base-url", BASE) == 0
    assert digest(tmp_path / "again") == digest(absolute)


# --- descriptions, Open Graph, canonical -----------------------------------------------------


@pytest.mark.parametrize("which", ["relative", "absolute"])
def test_every_page_describes_itself(which: str, request: pytest.FixtureRequest) -> None:
    out: Path = request.getfixturevalue(which)
    for name in html_pages(out):
        page = head(out, name)
        (description,) = page.content("name", "description")
        assert description.strip() and len(description) <= meta.LIMIT, name
        assert page.content("property", "og:description") == [description], name
        (title,) = page.content("property", "og:title")
        assert title and page.title == f"{title} \u00b7 Kratom Evidence Catalogue", name
        assert page.content("property", "og:site_name") == ["Kratom Evidence Catalogue"]
        kind = "article" if name.startswith("studies/") else "website"
        assert page.content("property", "og:type") == [kind], name
        if which == "absolute" and name != "404.html":
            assert page.rel("canonical") == [url_of(name)], name
            assert page.content("property", "og:url") == [url_of(name)], name
        else:
            assert page.rel("canonical") == [] and page.content("property", "og:url") == [], name
    assert head(out, "404.html").content("name", "robots") == ["noindex"]


def test_descriptions_come_from_each_pages_data(relative: Path) -> None:
    (trial,) = head(relative, f"studies/{TRIAL}.html").content("name", "description")
    assert trial == (
        "Randomised controlled trial, 2021 (Human, n = 60): Withdrawal scores fell more with "
        "kratom tea than with placebo in this made-up fixture."
    )
    (retracted,) = head(relative, "studies/fixture-2016-retracted-case-series.html").content(
        "name", "description"
    )
    assert retracted.startswith("Retracted. Case series, 2016")
    claims = yaml.safe_load((FIXTURE / "claims.yaml").read_text(encoding="utf-8"))
    claim_id = "kratom-relieves-opioid-withdrawal"
    statement = " ".join(claims[claim_id]["statement"].split())
    (claim,) = head(relative, f"claims/{claim_id}.html").content("name", "description")
    assert claim == (
        f"The claim \u201c{statement}\u201d tested against 3 studies: 2 supports, 1 mixed, "
        "0 contradicts."
    )
    for name in INDEX_PAGES:
        assert head(relative, name).content("name", "description") == [meta.FIXED[name]]


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short  text\n here", 160, "short text here"),
        ("one two three four", 12, "one two\u2026"),
        ("one two, three", 11, "one two\u2026"),
        ("abcdefghijklmnop", 8, "abcdefg\u2026"),
    ],
)
def test_shorten_cuts_at_a_word_boundary(text: str, limit: int, expected: str) -> None:
    assert meta.shorten(text, limit) == expected
    assert len(meta.shorten(text, limit)) <= limit


def test_without_a_base_url_the_site_links_nothing_absolute_of_its_own(relative: Path) -> None:
    for name in html_pages(relative):
        assert "example.org/kratom" not in read(relative, name)


# --- report an error -------------------------------------------------------------------------


def error_form() -> dict[str, Any]:
    path = REPO / ".github" / "ISSUE_TEMPLATE" / links.ERROR_FORM
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_report_links_use_the_forms_real_field_ids() -> None:
    inputs = {e["id"] for e in error_form()["body"] if e["type"] == "input"}
    assert {links.ERROR_FORM_RECORD, links.ERROR_FORM_CLAIM} <= inputs


@pytest.mark.parametrize(
    ("page", "field", "value"),
    [
        (f"studies/{TRIAL}.html", "record", TRIAL),
        (f"studies/{REGISTRATION}.html", "record", REGISTRATION),
        ("claims/kratom-is-safe.html", "claim", "kratom-is-safe"),
    ],
)
def test_study_and_claim_pages_link_to_the_prefilled_form(
    relative: Path, page: str, field: str, value: str
) -> None:
    (href,) = head(relative, page).hrefs("Report an error")
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO_URL}/issues/new"
    assert parse_qs(parts.query, strict_parsing=True) == {
        "template": ["report-an-error.yml"],
        field: [value],
        "title": [f"Error in {value}"],
    }


def test_other_pages_have_no_report_link(relative: Path) -> None:
    for name in html_pages(relative):
        if not name.startswith(("studies/", "claims/")) or name == "claims/index.html":
            assert not head(relative, name).hrefs("Report an error"), name


def test_no_report_link_without_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CATALOGUE_REPO_URL", raising=False)
    assert build(tmp_path / "none") == 0
    monkeypatch.setenv("CATALOGUE_REPO_URL", "https://git.example.org/cat/-/edit/trunk/{path}")
    assert build(tmp_path / "pattern") == 0  # an editor's address, not a repository's
    for out in (tmp_path / "none", tmp_path / "pattern"):
        for name in html_pages(out):
            assert "issues/new" not in read(out, name), name


# --- --base-url ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "example.org",
        "/kratom/",
        "ftp://example.org/",
        "javascript:alert(1)",
        "https://",
        "https://example.org/?page=1",
        "https://example.org/#top",
        "https://user:secret@example.org/",
    ],
)
def test_a_bad_base_url_is_a_usage_error(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(tmp_path / "out", "--base-url", value) == 2
    err = capsys.readouterr().err
    assert "--base-url must be an absolute http(s) address" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_base_url_may_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CATALOGUE_BASE_URL", "http://localhost:8000")
    assert build(tmp_path / "out") == 0
    assert head(tmp_path / "out", "map.html").rel("canonical") == ["http://localhost:8000/map.html"]
    assert (tmp_path / "out" / "sitemap.xml").is_file()


def test_claim_pages_carry_a_claim_review_of_their_verdict(absolute: Path) -> None:
    graph = expand_page(absolute, "claims/kratom-relieves-opioid-withdrawal.html")
    (review,) = of_type(graph, "ClaimReview")
    assert review["@id"] == BASE + "claims/kratom-relieves-opioid-withdrawal.html"
    (claimed,) = values(review, "claimReviewed")
    assert len(claimed) < 75 and claimed.startswith("Kratom relieves the symptoms")
    (rating,) = of_type(review, "Rating")
    assert values(rating, "alternateName") == [
        "Kratom tea may ease opioid withdrawal in the short term for adults stopping opioids."
    ]
    assert "ratingValue" not in str(rating)
    assert values(rating, "ratingExplanation")[0].startswith(
        "Certainty of the evidence (GRADE): Low"
    )
    (claim,) = of_type(review, "Claim")
    assert values(claim, "name") == ["Kratom relieves opioid withdrawal"]
    assert values(review, "datePublished") == ["2026-12-04"]
    (author,) = [n for n in of_type(review, "Organization")]
    assert values(author, "name")


def test_a_claim_without_an_assessment_has_no_claim_review(relative: Path, tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(FIXTURE, catalogue)
    shutil.rmtree(catalogue / "assessments")
    out = tmp_path / "site"
    assert main(["build", "--catalogue", str(catalogue), "--out", str(out)]) == 0
    page = (out / "claims/kratom-relieves-opioid-withdrawal.html").read_text(encoding="utf-8")
    assert "ClaimReview" not in page
    assert "ClaimReview" in (relative / "claims/kratom-relieves-opioid-withdrawal.html").read_text(
        encoding="utf-8"
    )
