"""How enrich costs grow with the number of PMIDs (on demand; not a test, asserts nothing).

Runs the real enrich stage against the fake E-utilities server from the tests, with the rate
limit raised so the numbers show our own costs (HTTP, parsing, atomic cache writes) rather
than NCBI's 3 requests per second. Run from the repository root:

    .venv/bin/python benchmarks/bench_enrich.py [--sizes 200 1000 5000]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.cli.enrich import MAX_BATCH, Options, enrich_catalogue  # noqa: E402
from scripts.pubmed.client import EutilsClient  # noqa: E402
from scripts.pubmed.parse import parse_efetch  # noqa: E402
from tests.fake_eutils import FakeEutils, fake_articles  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    parser.add_argument("--rate", type=float, default=1000, help="requests per second allowed")
    args = parser.parse_args()
    print(
        f"{'PMIDs':>6} {'requests':>8} {'parse/article':>14} {'first run':>10} {'cached run':>11}"
    )
    for size in args.sizes:
        print(bench(size, args.rate))
    return 0


def bench(size: int, rate: float) -> str:
    with FakeEutils() as server, tempfile.TemporaryDirectory() as folder:
        server.articles.update(fake_articles(size))
        catalogue = Path(folder)
        (catalogue / "studies").mkdir()
        for pmid in server.articles:
            text = f'id: s{pmid}\nids:\n  pmid: "{pmid}"\n'
            (catalogue / "studies" / f"s{pmid}.yaml").write_text(text)
        client = EutilsClient(
            base_url=server.url, email="bench@example.org", requests_per_second=rate
        )
        parse_each = _parse_seconds_per_article(client, list(server.articles))
        server.requests.clear()
        first = _timed_run(catalogue, client)
        requests = len(server.requests)
        cached = _timed_run(catalogue, client)
    return f"{size:>6} {requests:>8} {parse_each * 1e6:>11.0f} µs {first:>9.2f}s {cached:>10.2f}s"


def _parse_seconds_per_article(client: EutilsClient, pmids: list[str]) -> float:
    bodies = [client.efetch(pmids[i : i + MAX_BATCH]) for i in range(0, len(pmids), MAX_BATCH)]
    start = time.perf_counter()
    parsed = sum(len(parse_efetch(body)) for body in bodies)
    return (time.perf_counter() - start) / parsed


def _timed_run(catalogue: Path, client: EutilsClient) -> float:
    start = time.perf_counter()
    code = enrich_catalogue(
        catalogue, Options(), lambda: client, out=io.StringIO(), err=io.StringIO()
    )
    if code != 0:
        raise SystemExit(f"enrich failed (exit {code}) during the benchmark")
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
