"""A polite NCBI E-utilities client: rate limit, timeouts, retries, and replies checked.

Retries are hand-written instead of urllib3's `Retry` behind requests' `HTTPAdapter`, because:
- the rate limiter must see every attempt, retries included (urllib3 retries inside the
  adapter, where our limiter cannot pace them), and NCBI counts every attempt;
- a 200 reply is only a success when its body is XML with the expected root (NCBI serves HTML
  maintenance pages and truncated bodies with status 200); urllib3 cannot look at bodies;
- the total time spent waiting must be capped, and Retry-After honoured within that cap.
The adapter is mounted with `max_retries=0` so that nothing retries behind our back.

Politeness (NCBI usage policy): `tool` and `email` on every request, `api_key` when set,
at most 3 requests per second without a key and 10 with one, measured between request starts.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from requests.exceptions import ChunkedEncodingError

from ..model.errors import UsageError
from . import EutilsError, PubmedFormatError
from .parse import error_messages, parse_xml

DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Markers of NCBI's transient backend failures relayed inside an HTTP 400 ERROR envelope.
TRANSIENT_400_MARKERS = (b"proxy_stream", b"PubOne")
POST_ABOVE = 50  # ids; long GET URLs fail with 414, and NCBI asks for POST on long lists
BACKOFF_BASE = 1.0  # seconds; attempt n waits about BACKOFF_BASE * 2**n


def client_from_environment(**settings: Any) -> EutilsClient:
    """A client configured from NCBI_EMAIL and friends; a configuration error is a usage error.

    Commands call it only when a request is due, so a run from a full cache needs no set-up.
    """
    try:
        return EutilsClient(**settings)
    except ValueError as exc:
        raise UsageError(
            f"{exc}; set NCBI_EMAIL to your e-mail address (NCBI asks every E-utilities "
            "client for one), and NCBI_API_KEY if you have a key"
        ) from None


class RateLimiter:
    """At most `rate` request starts per second: each start waits for `1 / rate` since the last."""

    def __init__(
        self,
        rate: float,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = 1.0 / rate
        self._sleep = sleep
        self._clock = clock
        self._last_start: float | None = None

    def wait(self) -> None:
        if self._last_start is not None:
            delay = self._last_start + self.interval - self._clock()
            if delay > 0:
                self._sleep(delay)
        self._last_start = self._clock()


class _Retry(Exception):
    """One attempt failed in a way worth trying again."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class EutilsClient:
    """EFetch and ESearch for db=pubmed; returns reply bodies already checked to be the right XML."""

    def __init__(
        self,
        base_url: str | None = None,
        email: str | None = None,
        api_key: str | None = None,
        tool: str = "kratom-evidence-catalogue",
        timeout: tuple[float, float] = (5, 30),
        max_retries: int = 5,
        max_total_wait: float = 120,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        requests_per_second: float | None = None,
    ) -> None:
        self.base_url = _with_slash(
            base_url or os.environ.get("NCBI_EUTILS_URL") or DEFAULT_BASE_URL
        )
        self.email = email or os.environ.get("NCBI_EMAIL") or ""
        self.api_key = api_key or os.environ.get("NCBI_API_KEY") or None
        if not self.email or any(c.isspace() for c in self.email):
            raise ValueError("an e-mail address without spaces is required (NCBI_EMAIL)")
        if not tool or any(c.isspace() for c in tool):
            raise ValueError(f"tool must be a name without spaces, got {tool!r}")
        self.tool = tool
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_total_wait = max_total_wait
        self.session = session or _session()
        self._sleep = sleep
        rate = requests_per_second or (10.0 if self.api_key else 3.0)
        self.limiter = RateLimiter(rate, sleep=sleep, clock=clock)

    def efetch(self, pmids: list[str]) -> bytes:
        """Full PubMed XML (a PubmedArticleSet) for these PMIDs; unknown PMIDs are just absent."""
        params = {"db": "pubmed", "id": ",".join(pmids), "retmode": "xml"}
        method = "POST" if len(pmids) > POST_ABOVE else "GET"
        return self._call("efetch.fcgi", params, method, "PubmedArticleSet", pmids)

    def esearch(self, term: str, retmax: int = 20) -> bytes:
        """An ESearch reply (eSearchResult) for a PubMed query."""
        params = {"db": "pubmed", "term": term, "retmax": str(retmax), "retmode": "xml"}
        return self._call("esearch.fcgi", params, "GET", "eSearchResult", [])

    # --- one call, several attempts -----------------------------------------------------------

    def _call(
        self, endpoint: str, params: dict[str, str], method: str, root: str, pmids: list[str]
    ) -> bytes:
        params = {**params, "tool": self.tool, "email": self.email}
        if self.api_key:
            params["api_key"] = self.api_key
        attempt, waited = 0, 0.0
        while True:
            try:
                return self._attempt(endpoint, params, method, root, pmids)
            except _Retry as problem:
                if attempt == self.max_retries:
                    raise EutilsError(
                        f"{endpoint}: gave up after {attempt + 1} attempts, last: {problem}", pmids
                    ) from None
                delay = problem.retry_after
                if delay is None:
                    delay = BACKOFF_BASE * 2**attempt * random.uniform(0.5, 1.0)
                if waited + delay > self.max_total_wait:
                    raise EutilsError(
                        f"{endpoint}: gave up, waiting {delay:.0f}s more would exceed "
                        f"{self.max_total_wait:.0f}s in total, last: {problem}",
                        pmids,
                    ) from None
                self._sleep(delay)
                attempt, waited = attempt + 1, waited + delay

    def _attempt(
        self, endpoint: str, params: dict[str, str], method: str, root: str, pmids: list[str]
    ) -> bytes:
        self.limiter.wait()
        url = self.base_url + endpoint
        try:
            if method == "POST":
                response = self.session.post(url, data=params, timeout=self.timeout)
            else:
                response = self.session.get(url, params=params, timeout=self.timeout)
            body = response.content
        except (requests.ConnectionError, requests.Timeout, ChunkedEncodingError) as exc:
            raise _Retry(f"{type(exc).__name__}: {exc}") from None
        except requests.RequestException as exc:
            raise EutilsError(f"{endpoint}: request failed: {exc}", pmids) from None
        if response.status_code in RETRY_STATUSES:
            raise _Retry(f"HTTP {response.status_code}", _retry_after(response))
        if response.status_code == 400 and any(m in body for m in TRANSIENT_400_MARKERS):
            raise _Retry("HTTP 400 relaying a backend failure")
        return self._checked(endpoint, response.status_code, body, root, pmids)

    def _checked(
        self, endpoint: str, status: int, body: bytes, root: str, pmids: list[str]
    ) -> bytes:
        """A body is only an answer when it is well-formed XML with the expected root."""
        try:
            element = parse_xml(body)
        except PubmedFormatError as exc:
            if status == 200:
                raise _Retry(str(exc)) from None  # truncated or an HTML page: transient
            raise EutilsError(f"{endpoint}: HTTP {status}: {exc}", pmids) from None
        errors = error_messages(element)
        if status == 200 and element.tag == root and not errors:
            return body
        if errors:
            raise EutilsError(f"{endpoint}: HTTP {status}: {'; '.join(errors)}", pmids)
        if status == 200:
            raise _Retry(f"expected <{root}>, got <{element.tag}>")
        raise EutilsError(f"{endpoint}: HTTP {status} with <{element.tag}>", pmids)


def _session() -> requests.Session:
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def _with_slash(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"the E-utilities base URL must start with https:// or http://: {url!r}")
    return url if url.endswith("/") else url + "/"


def _retry_after(response: requests.Response) -> float | None:
    """Retry-After in seconds (it may be a number of seconds or an HTTP date)."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
