"""Benchmark `check` against merely parsing the same files with yaml.CSafeLoader.

Generates N varied records (copies of the real records that check clean, renamed) in a
temporary catalogue, then times (a) reading and parsing every file with yaml.CSafeLoader and
(b) the whole check, and prints both and their ratio. Not a test: it asserts nothing.

    .venv/bin/python -m benchmarks.bench_check            # 10,000 records
    .venv/bin/python -m benchmarks.bench_check 1000 5000 20000
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.cli.check import check_catalogue
from scripts.load import canonical
from scripts.model.problems import Severity

REPO = Path(__file__).resolve().parents[1]


DATA_FILES = ("vocabularies.yaml", "claims.yaml", "search.yaml", "excluded.yaml")
"""Copied into generated catalogues. Not assessments/: they cite the real records' ids."""
FIRST_PMID = 90_000_000  # beyond any PMID issued so far, so none is also in the exclusion log


def seed_records(catalogue: Path = REPO / "catalogue") -> list[dict]:
    """The data of every record in `catalogue` that checks without an error of its own.

    A record still being curated (say, a stance not yet appraised) would make every copy of it
    an error, and `build` refuses a catalogue with errors.
    """
    report = check_catalogue(catalogue)
    failing = {os.path.abspath(p.path) for p in report.problems if p.severity is Severity.ERROR}
    return [
        item.record.data
        for item in report.checked
        if os.path.abspath(item.record.path) not in failing
    ]


def generate(target: Path, count: int, seeds: list[dict] | None = None) -> None:
    """Write `count` valid, canonical records, varied copies of the catalogue's own.

    Each copy gets its own id, title, PMID and DOI (no PMCID); copies of a record naming a
    shared `sample` share it only within one round of copies, so groups keep their real size.
    """
    (target / "studies").mkdir(parents=True)
    for name in DATA_FILES:
        if (REPO / "catalogue" / name).exists():
            shutil.copy(REPO / "catalogue" / name, target / name)
    seeds = seeds if seeds is not None else seed_records()
    for index in range(count):
        data = copy.deepcopy(seeds[index % len(seeds)])
        year = data["citation"]["year"]
        data["id"] = f"gen{index}-{year}-generated-record"
        data["citation"]["title"] = f"{data['citation']['title']} (variant {index})"
        ids = data["ids"]
        for key in ("pmid", "doi", "pmcid"):
            ids.pop(key, None)
        ids["pmid"] = str(FIRST_PMID + index)
        ids["doi"] = f"10.9999/bench.{index}"
        if "sample" in data:
            data["sample"] = f"{data['sample']}-round{index // len(seeds)}"
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
