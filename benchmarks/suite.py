"""The benchmark suite behind `make bench`: check and build on generated catalogues.

For each size it generates a catalogue of valid records (benchmarks/bench_check.generate), then
runs every command as a child process, as a person would, so interpreter start-up, imports and
memory are all counted:

- a bare parse: read every record and load it with yaml.CSafeLoader, nothing else;
- `python -m scripts check --catalogue X`, as a ratio to that parse;
- `python -m scripts build --catalogue X --out Y` into a fresh folder, as a ratio to the parse;
- a rebuild into that site after one record changed, as a ratio to a full build, and whether
  its output is byte for byte a fresh build of the changed catalogue;
- the size of output/index.html, the peak memory (ru_maxrss) of each child, and the time per
  record at each size.

Then it profiles one build under cProfile and writes everything, with the machine and the
commands, to BENCHMARKS.md. Times are wall clock, the best of --repeat runs (one at 50,000).
Not a test: it asserts nothing.

    .venv/bin/python -m benchmarks.suite            # 1,000 and 10,000 records -> BENCHMARKS.md
    .venv/bin/python -m benchmarks.suite --full     # also 50,000 (about 20 minutes on 2 cores)
    .venv/bin/python -m benchmarks.suite --quick    # 1,000 only, printed, no file written
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.bench_check import REPO, generate, seed_records
from scripts.load import canonical
from scripts.load.records import load_record

SIZES = (1_000, 10_000)
FULL = 50_000
REFERENCE = 10_000
"""The size the issue's targets are stated for."""
GROWTH_LIMIT = 1.25
"""Time per record may grow by at most a quarter from the smallest size to the largest."""
PROFILE_ROWS = 20

PARSE = """\
import sys
from pathlib import Path

import yaml

for path in sorted(Path(sys.argv[1], "studies").glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""
"""The baseline: what any tool reading these files must at least do."""

BROWSER_ROWS = (
    ("listing: first study links, 10,000 records, Chromium from disk", "under 1 s"),
    ("listing: load event, 10,000 records", "under 2 s"),
    ("keystroke to updated listing, 10,000 records (median of 10)", "under 50 ms"),
    ("keystroke to updated listing, 1,000 records (median of 10)", "under 20 ms"),
    ("Lighthouse performance, listing, 150 and 1,000 records", "at least 90, CLS under 0.1"),
)


@dataclass
class Run:
    seconds: float
    peak_kib: int
    cpu: float
    """User and system time of the child: what is not waiting for the disk."""


@dataclass
class Size:
    records: int
    parse: list[Run] = field(default_factory=list)
    check: list[Run] = field(default_factory=list)
    build: list[Run] = field(default_factory=list)
    rebuild: Run | None = None
    same_bytes: bool = False
    index_bytes: int = 0
    pages: int = 0
    files: int = 0
    site_bytes: int = 0

    @staticmethod
    def best(runs: list[Run]) -> float:
        return min(run.seconds for run in runs)

    @staticmethod
    def cpu(runs: list[Run]) -> float:
        return min(runs, key=lambda run: run.seconds).cpu

    @staticmethod
    def peak(runs: list[Run]) -> int:
        return max(run.peak_kib for run in runs)

    @property
    def check_ratio(self) -> float:
        return self.best(self.check) / self.best(self.parse)

    @property
    def build_ratio(self) -> float:
        return self.best(self.build) / self.best(self.parse)

    @property
    def rebuild_ratio(self) -> float:
        assert self.rebuild is not None
        return self.rebuild.seconds / self.best(self.build)


# --- running children ------------------------------------------------------------------------


def child(argv: list[str]) -> Run:
    """Run a Python child from the repository root; its wall time and peak resident memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, *argv], cwd=REPO, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"{' '.join(argv[:4])} failed (exit {process.returncode}):\n{tail}")
    peak = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes there
    return Run(seconds, peak, usage.ru_utime + usage.ru_stime)


def parse(catalogue: Path) -> Run:
    return child(["-c", PARSE, str(catalogue)])


def startup() -> Run:
    """What every command pays before its work: the interpreter and the imports of all commands."""
    return child(["-m", "scripts", "--help"])


def check(catalogue: Path) -> Run:
    return child(["-m", "scripts", "check", "--catalogue", str(catalogue)])


def build(catalogue: Path, out: Path, *before: str) -> Run:
    return child(
        [*before, "-m", "scripts", "build", "--catalogue", str(catalogue), "--out", str(out)]
    )


def change_one_record(catalogue: Path, index: int) -> None:
    """Edit one record as a curator would (its title), keeping it valid and canonical."""
    (path,) = (catalogue / "studies").glob(f"gen{index}-*.yaml")
    record, problems = load_record(path)
    assert record is not None, problems
    record.data["citation"]["title"] += ", revised"
    path.write_text(canonical.dump(record.data), encoding="utf-8")


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- one size --------------------------------------------------------------------------------


def measure(records: int, repeat: int, seeds: list[dict], work: Path, say) -> Size:
    result = Size(records)
    catalogue = work / f"catalogue-{records}"
    say(f"{records:,} records: generating")
    generate(catalogue, records, seeds)
    for _ in range(repeat):
        result.parse.append(parse(catalogue))
        result.check.append(check(catalogue))
    say(
        f"  parse {Size.best(result.parse):.2f} s, check {Size.best(result.check):.2f} s "
        f"({result.check_ratio:.2f}x)"
    )
    site = work / f"site-{records}"
    result.build.append(build(catalogue, site))
    for attempt in range(repeat - 2):  # the fresh build compared below is one more
        spare = work / f"spare-{records}-{attempt}"
        result.build.append(build(catalogue, spare))
        shutil.rmtree(spare)
    result.index_bytes = (site / "index.html").stat().st_size
    files = [path for path in site.rglob("*") if path.is_file()]
    result.files = len(files)
    result.pages = sum(1 for path in files if path.suffix == ".html")
    result.site_bytes = sum(path.stat().st_size for path in files)
    change_one_record(catalogue, records // 2)
    result.rebuild = build(catalogue, site)
    fresh = work / f"fresh-{records}"
    result.build.append(build(catalogue, fresh))  # of the changed catalogue: a full build too
    result.same_bytes = tree_digest(site) == tree_digest(fresh)
    shutil.rmtree(fresh)
    say(
        f"  build {Size.best(result.build):.2f} s ({result.build_ratio:.2f}x), "
        f"rebuild {result.rebuild.seconds:.2f} s ({result.rebuild_ratio:.2f}x of a full build)"
    )
    shutil.rmtree(site)
    return result


def profile(records: int, seeds: list[dict], work: Path, say) -> tuple[float, pstats.Stats]:
    """Build once under cProfile; the profiled wall time and the statistics."""
    catalogue = work / f"catalogue-{records}"
    if not catalogue.exists():
        generate(catalogue, records, seeds)
    say(f"profiling build at {records:,} records")
    stats_file = work / "build.prof"
    run = build(catalogue, work / "site-profiled", "-m", "cProfile", "-o", str(stats_file))
    shutil.rmtree(work / "site-profiled")
    return run.seconds, pstats.Stats(str(stats_file))


# --- the report ------------------------------------------------------------------------------


def where(filename: str) -> str:
    """A profiled function's file without this machine's folders."""
    path = Path(filename)
    if not path.is_absolute():
        return filename  # "~" for built-ins, "<string>" and the like
    parts = path.parts
    for anchor in ("site-packages", "dist-packages"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) + 1 :])
    try:
        return path.relative_to(REPO).as_posix()
    except ValueError:
        pass
    for index, part in enumerate(parts):
        if part.startswith("python3"):
            return "stdlib: " + "/".join(parts[index + 1 :])
    return path.name


def function_name(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    if filename == "~":
        return name.replace("`", "'")
    return f"{where(filename)}:{line} {name}"


def area(filename: str) -> str:
    """What a function belongs to, for adding self time up."""
    short = where(filename)
    if filename == "~" or short.startswith("stdlib: "):
        return "Python built-ins and standard library"
    if short.startswith("templates/"):
        return f"template {short.removeprefix('templates/')}"
    if short.startswith("scripts/"):
        return short
    return f"package {short.split('/')[0]}"


def profile_section(records: int, seconds: float, stats: pstats.Stats) -> list[str]:
    raw = stats.stats  # type: ignore[attr-defined]  # (file, line, name) -> (cc, nc, tt, ct, ...)
    total = sum(entry[2] for entry in raw.values())
    by_self = sorted(raw.items(), key=lambda item: item[1][2], reverse=True)[:PROFILE_ROWS]
    ours = [  # the project's code and templates, without comprehensions and module bodies
        item
        for item in raw.items()
        if where(item[0][0]).startswith(("scripts/", "templates/")) and item[0][2][0] != "<"
    ]
    by_cumulative = sorted(ours, key=lambda item: item[1][3], reverse=True)[:PROFILE_ROWS]
    areas: dict[str, float] = {}
    for (filename, _, _), entry in raw.items():
        areas[area(filename)] = areas.get(area(filename), 0.0) + entry[2]
    lines = [
        "## Profile",
        "",
        f"`build` at {records:,} records under cProfile: {seconds:.1f} s of wall time with the",
        f"profiler's overhead, {total:.1f} s of profiled time. Self time is the time spent in a",
        "function itself; cumulative time includes what it calls.",
        "",
        "Self time by area:",
        "",
        "| area | self s | share |",
        "| --- | ---: | ---: |",
    ]
    for name, spent in sorted(areas.items(), key=lambda item: item[1], reverse=True)[:12]:
        lines.append(f"| {name} | {spent:.2f} | {spent / total:.0%} |")
    lines += ["", "Top functions by self time:", ""]
    lines += ["| function | calls | self s | cumulative s |", "| --- | ---: | ---: | ---: |"]
    for key, (_, calls, own, cumulative, _) in by_self:
        lines.append(f"| `{function_name(key)}` | {calls:,} | {own:.2f} | {cumulative:.2f} |")
    lines += ["", "The project's own functions and templates by cumulative time:", ""]
    lines += ["| function | calls | self s | cumulative s |", "| --- | ---: | ---: | ---: |"]
    for key, (_, calls, own, cumulative, _) in by_cumulative:
        lines.append(f"| `{function_name(key)}` | {calls:,} | {own:.2f} | {cumulative:.2f} |")
    return lines


def machine() -> list[str]:
    cpu = "unknown"
    with _reading("/proc/cpuinfo") as text:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in text if line.startswith("model name")), cpu
        )
    memory = "unknown"
    with _reading("/proc/meminfo") as text:
        for line in text:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    system = platform.system()
    with _reading("/etc/os-release") as text:
        for line in text:
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip().strip('"')
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- CPU: {cpu}; {os.cpu_count()} logical cores ({usable} usable by this process)",
        f"- memory: {memory}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- OS: {system}, kernel {platform.release()} ({platform.machine()})",
    ]


class _reading:
    """The lines of a system file, or none where it does not exist (not Linux)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> list[str]:
        try:
            return Path(self.name).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return []

    def __exit__(self, *exc: object) -> None:
        return None


def commit() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "scripts", "templates", "benchmarks"],
            cwd=REPO,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head}{' with uncommitted changes' if dirty else ''}" if head else "unknown"


def mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"


def size_text(count: int) -> str:
    if count >= 1024**2:
        return f"{count / 1024**2:.1f} MiB"
    return f"{count / 1024:.0f} KiB"


def verdict(met: bool) -> str:
    return "met" if met else "**not met**"


def load() -> str:
    return (
        " ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    )


def report(
    sizes: list[Size], start: list[Run], repeat: int, argv: list[str], profiled, loads: list[str]
) -> str:
    by_count = {size.records: size for size in sizes}
    reference = by_count.get(REFERENCE)
    first = by_count.get(1_000)
    command = " ".join([".venv/bin/python -m benchmarks.suite", *argv])
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{command}` (benchmarks/suite.py) on {datetime.date.today()},",
        f"code at commit {commit()}. Every figure below comes from that one run. Not a",
        "test: the suite asserts nothing; it reports. Compare runs on a quiet machine only:",
        "wall times here move by 10% and more between runs, most of all where files are",
        "written (the CPU time columns below move less).",
        "",
        "## Machine",
        "",
        *machine(),
        f"- load average (1, 5, 15 minutes) as the run began: {loads[0]}; as it ended: "
        f"{loads[1]} (other work on the machine inflates wall times)",
        "",
        "## Targets",
        "",
        "| measure | target | result | status |",
        "| --- | --- | --- | --- |",
    ]
    if reference:
        lines.append(
            f"| check vs parse, 10k | at most 2.0x | {reference.check_ratio:.2f}x | "
            f"{verdict(reference.check_ratio <= 2.0)} |"
        )
        lines.append(
            f"| build vs parse, 10k | at most 4x | {reference.build_ratio:.2f}x | "
            f"{verdict(reference.build_ratio <= 4.0)} |"
        )
        same = "same bytes" if reference.same_bytes else "**different bytes**"
        lines.append(
            f"| rebuild after one change, 10k | at most 0.1x of a full build, same bytes | "
            f"{reference.rebuild_ratio:.2f}x, {same} | "
            f"{verdict(reference.rebuild_ratio <= 0.1 and reference.same_bytes)} "
            "(no incremental build yet: a rebuild is a full build) |"
        )
    else:
        lines.append("| check, build and rebuild at 10k | see the issue | not run | — |")
    if first:
        lines.append(
            f"| index.html, 1,000 records | under 1 MB | {first.index_bytes / 1e6:.2f} MB | "
            f"{verdict(first.index_bytes < 1e6)} |"
        )
    for name, target in BROWSER_ROWS:
        lines.append(f"| {name} | {target} | not measured yet | — |")
    if len(sizes) > 1:
        low, high = sizes[0], sizes[-1]
        for label, runs in (("check", "check"), ("build", "build")):
            growth = (Size.best(getattr(high, runs)) / high.records) / (
                Size.best(getattr(low, runs)) / low.records
            )
            lines.append(
                f"| {label} time per record, {low.records:,} to {high.records:,} | "
                f"flat within 25% | {growth:.2f}x | {verdict(growth <= GROWTH_LIMIT)} |"
            )
    lines += [
        "",
        "Browser figures belong to the browser benchmarks, which do not exist yet.",
        "",
        "## Results",
        "",
        f"Seconds are wall clock of the child process, interpreter start-up included, the best of "
        f"{repeat} runs (one run at {FULL:,}; builds at least two, see below); memory is the child's peak resident set size "
        "(ru_maxrss), the largest of its runs.",
        "",
        "| records | parse s | check s | check / parse | build s | build / parse | "
        "rebuild s | rebuild / build | index.html | site | check peak | build peak |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        assert size.rebuild is not None
        lines.append(
            f"| {size.records:,} | {Size.best(size.parse):.2f} | {Size.best(size.check):.2f} | "
            f"{size.check_ratio:.2f}x | {Size.best(size.build):.2f} | {size.build_ratio:.2f}x | "
            f"{size.rebuild.seconds:.2f} | {size.rebuild_ratio:.2f}x | "
            f"{size_text(size.index_bytes)} | {size_text(size.site_bytes)} in {size.files:,} "
            f"files | {mib(Size.peak(size.check))} | {mib(Size.peak(size.build))} |"
        )
    lines += [
        "",
        "CPU time (user and system) of the same runs; the difference from the wall time is",
        "mostly waiting for the disk:",
        "",
        "| records | parse CPU s | check CPU s | build CPU s | rebuild CPU s |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for size in sizes:
        assert size.rebuild is not None
        lines.append(
            f"| {size.records:,} | {Size.cpu(size.parse):.2f} | {Size.cpu(size.check):.2f} | "
            f"{Size.cpu(size.build):.2f} | {size.rebuild.cpu:.2f} |"
        )
    lines += [
        "",
        f"Every command first starts Python and imports all the commands: "
        f"`python -m scripts --help` takes {Size.best(start):.2f} s and {mib(Size.peak(start))}. "
        "A bare parse peaks at "
        + ", ".join(f"{mib(Size.peak(s.parse))} ({s.records:,})" for s in sizes)
        + ". The rebuild changes one record's title and builds into the existing site; its "
        "output is compared with a fresh build of the changed catalogue: "
        + ", ".join(f"{s.records:,}: {'same' if s.same_bytes else 'DIFFERENT'}" for s in sizes)
        + ".",
        "",
        "## Time per record",
        "",
        "| records | check ms per record | build ms per record |",
        "| ---: | ---: | ---: |",
    ]
    for size in sizes:
        lines.append(
            f"| {size.records:,} | {1000 * Size.best(size.check) / size.records:.2f} | "
            f"{1000 * Size.best(size.build) / size.records:.2f} |"
        )
    if FULL not in by_count:
        lines += ["", f"{FULL:,} records were not run this time (`--full` adds them)."]
    lines += [""]
    if profiled:
        lines += [*profile_section(*profiled), ""]
    lines += [
        "## How the catalogues are made",
        "",
        "Copies of the real records that check without an error of their own, each with its own",
        "id, title, PMID and DOI, in canonical form; the vocabularies, claims, search statement",
        "and exclusion log are copied, the claim assessments are not (they cite real records).",
        "The generated catalogues are outside git, so study pages show no change history, and",
        "they have no PubMed cache. Every run checks clean, and every build is refused otherwise.",
        "",
        "## Reproduce",
        "",
        "```sh",
        "make bench                                   # 1,000 and 10,000 records, writes this file",
        "make bench BENCH=--full                      # also 50,000 records",
        ".venv/bin/python -m benchmarks.suite --quick # 1,000 records, printed only",
        ".venv/bin/python -m benchmarks.suite --help  # sizes, repeats, profile size, output",
        "```",
        "",
        "Each figure comes from a child process run from the repository root, such as",
        "`.venv/bin/python -m scripts check --catalogue CATALOGUE` and",
        "`.venv/bin/python -m scripts build --catalogue CATALOGUE --out SITE`; the profile is",
        "`.venv/bin/python -m cProfile -o build.prof -m scripts build --catalogue CATALOGUE "
        "--out SITE`.",
        "",
    ]
    return "\n".join(lines)


# --- command line ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="1,000 records only, no file written")
    group.add_argument("--full", action="store_true", help=f"add {FULL:,} records")
    group.add_argument("--sizes", type=int, nargs="+", metavar="N", help="record counts to run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the best kept")
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help=f"profile a build at N records (default {REFERENCE:,} when run, else the largest; "
        "0 for none)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="the report's file (default BENCHMARKS.md; with --quick, none unless given)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    counts = (
        [1_000] if args.quick else sorted(args.sizes or [*SIZES, *([FULL] if args.full else [])])
    )
    out = args.out or (None if args.quick else REPO / "BENCHMARKS.md")
    target = (
        args.profile
        if args.profile is not None
        else (REFERENCE if REFERENCE in counts else counts[-1])
    )

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    loads = [load()]
    seeds = seed_records()
    start = [startup() for _ in range(args.repeat)]
    sizes, profiled = [], None
    with tempfile.TemporaryDirectory(prefix="catalogue-bench-") as folder:
        work = Path(folder)
        for count in counts:
            sizes.append(measure(count, 1 if count >= FULL else args.repeat, seeds, work, say))
            if count == target:
                profiled = (count, *profile(count, seeds, work, say))
            shutil.rmtree(work / f"catalogue-{count}")
        if target and profiled is None:
            profiled = (target, *profile(target, seeds, work, say))
    loads.append(load())
    text = report(sizes, start, args.repeat, argv, profiled, loads)
    print(text)
    if out:
        out.write_text(text, encoding="utf-8")
        say(f"written to {out.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
