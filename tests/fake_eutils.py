"""A fake NCBI E-utilities server for tests: real HTTP on 127.0.0.1, XML the project writes.

It serves efetch.fcgi and esearch.fcgi (GET and POST) from a dict of fake articles, records
every request (arrival time, method, parameters), and can be told to answer the next requests
with a fault (or "ok"): 429 (with or without Retry-After), 500, 502, 400 ERROR envelope, a hang longer
than the client's timeout (bounded), a truncated body, a body shorter than its Content-Length,
an HTML page with status 200, or an empty PubmedArticleSet.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

import pytest

XML_HEAD = (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    '1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
ESEARCH_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD '
    'esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
)
# "ok" answers normally: it lets a test queue faults for a later request.
FAULTS = frozenset(
    {"ok", "429", "500", "502", "400", "hang", "truncated", "short-read", "html", "empty"}
)
_DOI_TERM = re.compile(r'^"(.+)"\[doi\]$', re.IGNORECASE)


class VirtualTime:
    """A clock that only moves when the code under test sleeps, so rate limits cost no time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass(frozen=True)
class FakeArticle:
    """Enough of a PubMed record to exercise the client, parser and cache."""

    pmid: str
    title: str = "Kratom use during opioid withdrawal: a fake study."
    year: int = 2020
    doi: str | None = None
    journal: str = "Journal of Fake Studies"
    authors: tuple[tuple[str, str], ...] = (("Doe", "Jane"),)
    abstract: str = "We made this up for a test."
    title_xml: str | None = None  # raw XML for the title, to test markup handling


@dataclass(frozen=True)
class Fault:
    kind: str
    retry_after: str | None = None  # for 429: seconds or an HTTP date


@dataclass(frozen=True)
class Request:
    time: float  # time.monotonic() when the request arrived
    method: str
    endpoint: str  # "efetch.fcgi" or "esearch.fcgi"
    params: dict[str, str]

    @property
    def ids(self) -> list[str]:
        return self.params["id"].split(",") if self.params.get("id") else []


def article_xml(article: FakeArticle) -> str:
    """One compact PubmedArticle, shaped like the 2025-DTD replies."""
    title = article.title_xml if article.title_xml is not None else escape(article.title)
    authors = "".join(
        f'<Author ValidYN="Y"><LastName>{escape(last)}</LastName><ForeName>{escape(fore)}'
        f"</ForeName><Initials>{escape(fore[:1])}</Initials></Author>"
        for last, fore in article.authors
    )
    doi_id = f'<ArticleId IdType="doi">{escape(article.doi)}</ArticleId>' if article.doi else ""
    return (
        f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
        f'<PMID Version="1">{article.pmid}</PMID><Article PubModel="Print"><Journal>'
        f"<JournalIssue><Volume>1</Volume><PubDate><Year>{article.year}</Year></PubDate>"
        f"</JournalIssue><Title>{escape(article.journal)}</Title></Journal>"
        f"<ArticleTitle>{title}</ArticleTitle><Pagination><MedlinePgn>1-10</MedlinePgn>"
        f"</Pagination><Abstract><AbstractText>{escape(article.abstract)}</AbstractText>"
        f'</Abstract><AuthorList CompleteYN="Y">{authors}</AuthorList><Language>eng</Language>'
        f'<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType>'
        f"</PublicationTypeList></Article><MedlineJournalInfo><MedlineTA>J Fake Stud</MedlineTA>"
        f"</MedlineJournalInfo></MedlineCitation><PubmedData><PublicationStatus>ppublish"
        f'</PublicationStatus><ArticleIdList><ArticleId IdType="pubmed">{article.pmid}'
        f"</ArticleId>{doi_id}</ArticleIdList></PubmedData></PubmedArticle>"
    )


def article_set_xml(articles: Iterable[FakeArticle]) -> bytes:
    body = "".join(article_xml(a) for a in articles)
    return f"{XML_HEAD}<PubmedArticleSet>\n{body}</PubmedArticleSet>".encode()


def esearch_xml(ids: list[str]) -> bytes:
    id_list = "".join(f"<Id>{i}</Id>" for i in ids)
    not_found = "" if ids else "<ErrorList><PhraseNotFound>term</PhraseNotFound></ErrorList>"
    return (
        f"{ESEARCH_HEAD}<eSearchResult><Count>{len(ids)}</Count><RetMax>{len(ids)}</RetMax>"
        f"<RetStart>0</RetStart><IdList>{id_list}</IdList>{not_found}</eSearchResult>\n"
    ).encode()


def fake_articles(count: int, start: int = 30000001) -> dict[str, FakeArticle]:
    """`count` distinct fake articles keyed by PMID."""
    return {
        str(pmid): FakeArticle(str(pmid), title=f"Fake study number {pmid}.", doi=f"10.9999/{pmid}")
        for pmid in range(start, start + count)
    }


@dataclass
class FakeEutils:
    """The server; use as a context manager (or the `fake_eutils` fixture)."""

    articles: dict[str, FakeArticle] = field(default_factory=dict)
    hang_seconds: float = 0.3  # a hang lasts this long, then the connection is closed
    requests: list[Request] = field(default_factory=list)
    faults: deque[Fault] = field(default_factory=deque)
    esearch_hits: dict[str, list[str]] = field(default_factory=dict)  # DOI (lower) -> PMIDs

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/entrez/eutils/"

    def fail_next(self, *faults: str | Fault) -> None:
        """Answer the next requests, one each, with these faults (then normally again)."""
        for fault in faults:
            fault = fault if isinstance(fault, Fault) else Fault(fault)
            if fault.kind not in FAULTS:
                raise ValueError(f"unknown fault {fault.kind!r}; known: {sorted(FAULTS)}")
            self.faults.append(fault)

    def __enter__(self) -> FakeEutils:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _record(self, request: Request) -> Fault | None:
        with self._lock:
            self.requests.append(request)
            return self.faults.popleft() if self.faults else None

    def _esearch_ids(self, term: str) -> list[str]:
        match = _DOI_TERM.match(term.strip())
        if not match:
            return []
        doi = match.group(1).lower()
        if doi in self.esearch_hits:
            return self.esearch_hits[doi]
        return [a.pmid for a in self.articles.values() if a.doi and a.doi.lower() == doi]


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeEutils/1"

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _serve(self) -> None:
        fake: FakeEutils = self.server.fake  # type: ignore[attr-defined]
        arrived = time.monotonic()
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query, keep_blank_values=True))
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            params.update(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
        endpoint = url.path.rsplit("/", 1)[-1]
        if endpoint not in ("efetch.fcgi", "esearch.fcgi"):
            self._send(404, b"not found", "text/plain")
            return
        fault = fake._record(Request(arrived, self.command, endpoint, params))
        if fault is not None and fault.kind != "ok":
            self._fault(fault, fake)
        elif endpoint == "efetch.fcgi":
            ids = params.get("id", "").split(",")
            body = article_set_xml(fake.articles[i] for i in ids if i in fake.articles)
            self._send(200, body)
        else:
            self._send(200, esearch_xml(fake._esearch_ids(params.get("term", ""))))

    def _fault(self, fault: Fault, fake: FakeEutils) -> None:
        if fault.kind == "429":
            headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            body = (
                b'{"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"5","limit":"3"}'
            )
            self._send(429, body, "application/json", headers)
        elif fault.kind in ("500", "502"):
            self._send(int(fault.kind), b"<html><body>Server error</body></html>", "text/html")
        elif fault.kind == "400":
            body = (
                b'<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>ID list is '
                b"empty! Possibly it has no correct IDs.</ERROR>\n</eFetchResult>"
            )
            self._send(400, body)
        elif fault.kind == "hang":
            time.sleep(fake.hang_seconds)  # longer than the client's read timeout; then close
            self.close_connection = True
        elif fault.kind == "truncated":
            self._send(200, article_set_xml(fake.articles.values())[:150])
        elif fault.kind == "short-read":
            body = article_set_xml(fake.articles.values())
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True
        elif fault.kind == "html":
            page = b"<!DOCTYPE html><html><body><h1>Down for maintenance</h1></body></html>"
            self._send(200, page, "text/html")
        elif fault.kind == "empty":
            self._send(200, article_set_xml([]))

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/xml; charset=UTF-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-RateLimit-Limit", "3")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def fake_eutils() -> Iterator[FakeEutils]:
    """A running fake E-utilities server with no articles yet."""
    with FakeEutils() as server:
        yield server
