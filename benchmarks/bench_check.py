"""Benchmark `check` against merely parsing the same files with yaml.CSafeLoader.

Generates N varied records (from the real catalogue's records, renamed, with varied values) in a
temporary catalogue, then times (a) reading and parsing every file with yaml.CSafeLoader and
(b) the whole check, and prints both and their ratio. Not a test: it asserts nothing.

    .venv/bin/python -m benchmarks.bench_check            # 10,000 records
    .venv/bin/python -m benchmarks.bench_check 1000 5000 20000
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.cli.check import check_catalogue
from scripts.load import canonical
from scripts.load.records import load_record, record_paths

REPO = Path(__file__).resolve().parents[1]


def generate(target: Path, count: int) -> None:
    """Write `count` valid, canonical records, varied copies of the catalogue's own."""
    (target / "studies").mkdir(parents=True)
    for name in ("vocabularies.yaml", "claims.yaml"):
        shutil.copy(REPO / "catalogue" / name, target / name)
    seeds = [load_record(path)[0] for path in record_paths(REPO / "catalogue")]
    seeds = [record.data for record in seeds if record is not None]
    for index in range(count):
        data = yaml.safe_load(yaml.safe_dump(seeds[index % len(seeds)]))
        year = data["citation"]["year"]
        data["id"] = f"gen{index}-{year}-generated-record"
        data["citation"]["title"] = f"{data['citation']['title']} (variant {index})"
        ids = data["ids"]
        for key in ("pmid", "doi", "pmcid"):
            ids.pop(key, None)
        ids["pmid"] = str(10_000_000 + index)
        ids["doi"] = f"10.9999/bench.{index}"
        text = canonical.dump(data)
        (target / "studies" / f"{data['id']}.yaml").write_text(text, encoding="utf-8")


def time_parse(catalogue: Path) -> float:
    start = time.perf_counter()
    for path in sorted((catalogue / "studies").glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def time_check(catalogue: Path) -> tuple[float, int]:
    start = time.perf_counter()
    report = check_catalogue(catalogue)
    elapsed = time.perf_counter() - start
    return elapsed, len(report.problems)


def main(counts: list[int]) -> None:
    print(f"{'records':>8} {'parse s':>9} {'check s':>9} {'ratio':>6} {'problems':>9}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            catalogue = Path(tmp) / "catalogue"
            generate(catalogue, count)
            parse = min(time_parse(catalogue) for _ in range(3))
            check, problems = min(time_check(catalogue) for _ in range(3))
            print(f"{count:>8} {parse:>9.3f} {check:>9.3f} {check / parse:>6.2f} {problems:>9}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000])
