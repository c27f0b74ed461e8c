"""EutilsClient against the fake server: politeness, rate limit, retries, faults, errors.

Time is virtual wherever waiting is involved (injected clock and sleep), so no test sleeps for
real except the bounded hang, which uses a 0.1 s read timeout.
"""

from __future__ import annotations

import email.utils
import itertools
import socket
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests

from scripts.pubmed import EutilsError
from scripts.pubmed.client import EutilsClient, RateLimiter
from scripts.pubmed.parse import parse_efetch, parse_esearch
from tests.fake_eutils import Fault, VirtualTime, fake_articles


class RecordingSession(requests.Session):
    """Notes the (virtual) start time and the timeout of every request the client sends."""

    def __init__(self, clock) -> None:
        super().__init__()
        self.clock = clock
        self.starts: list[float] = []
        self.timeouts: list[object] = []

    def request(self, method, url, *args, **kwargs):
        self.starts.append(self.clock())
        self.timeouts.append(kwargs.get("timeout"))
        return super().request(method, url, *args, **kwargs)


@pytest.fixture
def vtime():
    return VirtualTime()


@pytest.fixture
def make_client(fake_eutils, vtime):
    def make(**overrides) -> EutilsClient:
        options = {
            "base_url": fake_eutils.url,
            "email": "maintainer@example.org",
            "session": RecordingSession(vtime.clock),
            "sleep": vtime.sleep,
            "clock": vtime.clock,
        }
        options.update(overrides)
        return EutilsClient(**options)

    return make


@pytest.fixture
def server(fake_eutils):
    fake_eutils.articles.update(fake_articles(120))
    return fake_eutils


def pmids(count: int) -> list[str]:
    return [str(30000001 + i) for i in range(count)]


# --- politeness ----------------------------------------------------------------------------------


def test_tool_email_and_format_sent_on_every_request(server, make_client):
    client = make_client()
    client.efetch(pmids(3))
    client.esearch('"10.9999/30000001"[doi]')
    for request in server.requests:
        assert request.params["tool"] == "kratom-evidence-catalogue"
        assert request.params["email"] == "maintainer@example.org"
        assert request.params["db"] == "pubmed"
        assert request.params["retmode"] == "xml"
        assert "api_key" not in request.params
    assert server.requests[0].params["id"] == ",".join(pmids(3))
    assert server.requests[1].params["term"] == '"10.9999/30000001"[doi]'


def test_api_key_sent_and_raises_the_rate(server, make_client, vtime):
    client = make_client(api_key="SECRET123")
    for _ in range(4):
        client.efetch(pmids(1))
    assert all(r.params["api_key"] == "SECRET123" for r in server.requests)
    starts = client.session.starts
    assert [round(b - a, 6) for a, b in itertools.pairwise(starts)] == [0.1, 0.1, 0.1]


def test_configuration_from_the_environment(server, monkeypatch):
    monkeypatch.setenv("NCBI_EUTILS_URL", server.url.rstrip("/"))
    monkeypatch.setenv("NCBI_EMAIL", "env@example.org")
    monkeypatch.setenv("NCBI_API_KEY", "ENVKEY")
    client = EutilsClient(requests_per_second=1000)
    client.efetch(pmids(1))
    assert server.requests[0].params["email"] == "env@example.org"
    assert server.requests[0].params["api_key"] == "ENVKEY"


def test_default_base_url_is_ncbi_over_https(monkeypatch):
    monkeypatch.delenv("NCBI_EUTILS_URL", raising=False)
    client = EutilsClient(email="a@example.org")
    assert client.base_url == "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"


@pytest.mark.parametrize(
    "options",
    [
        {"email": ""},
        {"email": "two words@example.org"},
        {"tool": "has space"},
        {"base_url": "ftp://x"},
    ],
)
def test_bad_configuration_is_refused(options, monkeypatch):
    monkeypatch.delenv("NCBI_EMAIL", raising=False)
    with pytest.raises(ValueError):
        EutilsClient(**{"email": "a@example.org", "base_url": "http://127.0.0.1:9/", **options})


def test_post_for_long_id_lists_get_for_short(server, make_client):
    client = make_client()
    short, long = parse_efetch(client.efetch(pmids(50))), parse_efetch(client.efetch(pmids(120)))
    assert [r.method for r in server.requests] == ["GET", "POST"]
    assert len(short) == 50 and len(long) == 120
    assert server.requests[1].ids == pmids(120)


def test_timeout_on_every_request(server, make_client):
    client = make_client(timeout=(2, 7))
    client.efetch(pmids(2))
    server.fail_next("500")
    client.efetch(pmids(2))
    assert client.session.timeouts == [(2, 7), (2, 7), (2, 7)]


# --- rate limit ----------------------------------------------------------------------------------


def test_rate_limit_without_key_is_three_per_second_between_starts(server, make_client, vtime):
    client = make_client()
    server.fail_next("500", Fault("429"), "502")
    for _ in range(5):
        client.efetch(pmids(1))
    starts = client.session.starts
    assert len(starts) == 8  # 5 calls + 3 retries: every attempt goes through the limiter
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 1 / 3 - 1e-9
    for i in range(len(starts)):  # never more than 3 starts in any 1-second window
        assert sum(1 for s in starts if starts[i] <= s < starts[i] + 1) <= 3


def test_rate_limit_holds_on_the_wire(server, make_client):
    """Real time: the server's own arrival times respect a 10/s limit (with some slack)."""

    client = make_client(requests_per_second=10, sleep=time.sleep, clock=time.monotonic)
    for _ in range(4):
        client.efetch(pmids(1))
    arrivals = [r.time for r in server.requests]
    assert min(b - a for a, b in itertools.pairwise(arrivals)) >= 0.05


def test_rate_limiter_waits_only_what_is_left():
    vtime = VirtualTime()
    limiter = RateLimiter(2, sleep=vtime.sleep, clock=vtime.clock)
    limiter.wait()
    vtime.now += 0.2
    limiter.wait()
    vtime.now += 1.0
    limiter.wait()
    assert vtime.sleeps == [pytest.approx(0.3)]


# --- retries -------------------------------------------------------------------------------------


def test_retry_after_seconds_is_honoured(server, make_client, vtime):
    client = make_client()
    server.fail_next(Fault("429", retry_after="7"))
    assert len(parse_efetch(client.efetch(pmids(2)))) == 2
    assert 7 in vtime.sleeps
    assert client.session.starts[1] - client.session.starts[0] >= 7


def test_retry_after_http_date_is_honoured(server, make_client, vtime):
    client = make_client()
    when = datetime.now(UTC) + timedelta(seconds=30)
    server.fail_next(Fault("429", retry_after=email.utils.format_datetime(when, usegmt=True)))
    client.efetch(pmids(1))
    assert any(25 < s <= 30 for s in vtime.sleeps)


@pytest.mark.parametrize("fault", ["429", "500", "502", "truncated", "short-read", "html"])
def test_transient_faults_are_retried_with_backoff(server, make_client, vtime, fault):
    client = make_client()
    server.fail_next(fault, fault)
    assert [a["pmid"] for a in parse_efetch(client.efetch(pmids(3)))] == pmids(3)
    assert len(server.requests) == 3
    backoff = [s for s in vtime.sleeps if s >= 0.5]
    assert len(backoff) == 2 and backoff[1] > backoff[0] * 0.9  # grows (with jitter)


def test_hang_past_the_timeout_is_retried(server, make_client):
    server.hang_seconds = 0.3
    client = make_client(timeout=(1, 0.1))
    server.fail_next("hang")
    assert len(parse_efetch(client.efetch(pmids(1)))) == 1
    assert len(server.requests) == 2


def test_retries_exhausted_raise_eutils_error_naming_the_pmids(server, make_client):
    client = make_client(max_retries=2)
    server.fail_next("502", "502", "502", "502")
    with pytest.raises(EutilsError, match="gave up after 3 attempts, last: HTTP 502") as caught:
        client.efetch(pmids(4))
    assert caught.value.pmids == pmids(4)
    assert len(server.requests) == 3


def test_total_wait_is_capped(server, make_client, vtime):
    client = make_client(max_total_wait=60)
    server.fail_next(Fault("429", retry_after="3600"))
    with pytest.raises(EutilsError, match="exceed 60s") as caught:
        client.efetch(pmids(2))
    assert caught.value.pmids == pmids(2)
    assert vtime.sleeps == []


def test_html_page_with_status_200_is_never_success(server, make_client):
    client = make_client(max_retries=1)
    server.fail_next("html", "html")
    with pytest.raises(EutilsError, match="expected <PubmedArticleSet>, got <html>"):
        client.efetch(pmids(1))


def test_error_envelope_is_not_retried(server, make_client):
    client = make_client()
    server.fail_next("400")
    with pytest.raises(EutilsError, match="ID list is empty") as caught:
        client.efetch(["0"])
    assert caught.value.pmids == ["0"]
    assert len(server.requests) == 1


def test_connection_refused_is_retried_then_reported(make_client):
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = make_client(base_url=f"http://127.0.0.1:{port}/", max_retries=2)
    with pytest.raises(EutilsError, match="ConnectionError") as caught:
        client.efetch(["1"])
    assert caught.value.pmids == ["1"]


# --- answers -------------------------------------------------------------------------------------


def test_empty_set_and_unknown_ids_are_a_normal_answer(server, make_client):
    client = make_client()
    server.fail_next("empty")
    assert parse_efetch(client.efetch(pmids(2))) == []
    mixed = parse_efetch(client.efetch(["30000001", "99999999", "30000002"]))
    assert [a["pmid"] for a in mixed] == ["30000001", "30000002"]


def test_esearch_by_doi(server, make_client):
    client = make_client()
    hit = parse_esearch(client.esearch('"10.9999/30000005"[doi]'))
    assert hit["count"] == 1 and hit["ids"] == ["30000005"]
    miss = parse_esearch(client.esearch('"10.9999/nothing"[doi]'))
    assert miss["count"] == 0 and miss["ids"] == []
