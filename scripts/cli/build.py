"""`build`: render the checked catalogue into a static site with its exports.

A catalogue with check errors is refused (exit 1), so a broken catalogue never publishes. The
site is written beside --out and swapped in only when complete. Output depends only on the
input files: no build times, everything sorted, so two builds are byte-identical. Without
--base-url every link is relative and the site works from disk; with it, pages name their
canonical address and a sitemap.xml is written. Two builds into the same --out never overlap:
the second refuses (exit 1), or with --wait waits.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .. import exports
from ..load.lock import build_lock, locked
from ..load.vocabulary import Vocabulary
from ..model.errors import UsageError
from ..model.problems import Severity
from ..rules.base import Checked
from ..rules.run import check_catalogue
from ..website import BuildError, listing
from ..website.pages import plan
from ..website.publish import publish
from ..website.render import environment, render_pages, static_files
from ..website.safe import base_url as checked_base_url
from ..website.safe import safe_url
from ..website.site import build_site
from ..website.sitemap import robots_txt, sitemap_xml
from .check import write_text
from .common import add_catalogue_option
from .coverage import FIGURES, figures_json

REPO_URL_VARIABLE = "CATALOGUE_REPO_URL"
BASE_URL_VARIABLE = "CATALOGUE_BASE_URL"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build", help="render the catalogue into a static website", description=__doc__
    )
    add_catalogue_option(parser)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("output"),
        metavar="DIR",
        help="folder to publish the site into (default output/)",
    )
    parser.add_argument(
        "--repo-url",
        metavar="URL",
        help="repository address for 'edit this record' links, such as "
        f"https://github.com/OWNER/REPO (default: ${REPO_URL_VARIABLE}; no links when unset); "
        "a URL holding {path} is used as a pattern instead",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="the address the site is published at, such as https://OWNER.github.io/REPO/ "
        f"(default: ${BASE_URL_VARIABLE}); gives canonical links, absolute Open Graph and "
        "JSON-LD addresses and a sitemap.xml; without it every link stays relative",
    )
    parser.add_argument(
        "--wait",
        action="store_true",
        help="when another build into the same --out is running, wait for it instead of refusing",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    repo_url = _repo_url(args.repo_url)
    base_url = _base_url(args.base_url)
    with locked(build_lock(args.out), f"building {args.out}", wait=args.wait):
        return _build(args, repo_url, base_url, started)


def _build(
    args: argparse.Namespace, repo_url: str | None, base_url: str | None, started: float
) -> int:
    report = check_catalogue(args.catalogue)
    if report.count(Severity.ERROR) or report.vocabulary is None:
        write_text(report, sys.stderr, False)
        print(
            f"build refused: fix the errors above first ({args.out} is unchanged)", file=sys.stderr
        )
        return 1
    try:
        files = site_files(report.checked, report.vocabulary, args.catalogue, repo_url, base_url)
        files[FIGURES] = figures_json(report)
        publish(files, args.out)
    except BuildError as exc:
        raise BuildError(f"{exc} ({args.out} is unchanged)") from None
    pages = sum(1 for name in files if name.endswith(".html"))
    warnings = report.count(Severity.WARNING)
    note = f"; {warnings} check warnings (run `python -m scripts check`)" if warnings else ""
    print(
        f"built {len(report.records)} studies, {pages} pages and {len(files) - pages} other files "
        f"into {args.out} in {time.perf_counter() - started:.1f}s{note}"
    )
    return 0


def site_files(
    checked: list[Checked],
    vocabulary: Vocabulary,
    catalogue: Path,
    repo_url: str | None,
    base_url: str | None = None,
) -> dict[str, str | bytes]:
    """Every output file (path relative to the site folder -> content)."""
    site = build_site(checked, vocabulary, catalogue, repo_url, base_url)
    pages = plan(site)
    files: dict[str, str | bytes] = {}
    files.update(render_pages(site, pages, environment()))
    files[listing.DATA_FILE] = listing.listing_script(site, listing.PAGE_SIZE)
    sitemap = sitemap_xml(site, pages)
    if sitemap is not None:
        files["sitemap.xml"] = sitemap
    files["robots.txt"] = robots_txt(site)
    files.update(exports.catalogue_files(site.studies))
    for study in site.studies:
        files.update(exports.study_files(study))
    files.update(static_files())
    return files


def _repo_url(given: str | None) -> str | None:
    value = given if given is not None else os.environ.get(REPO_URL_VARIABLE, "")
    if not value:
        return None
    if safe_url(value.replace("{path}", "")) is None:
        raise UsageError(f"--repo-url must be an http(s) address, not {value!r}")
    return value


def _base_url(given: str | None) -> str | None:
    value = given if given is not None else os.environ.get(BASE_URL_VARIABLE, "")
    if not value:
        return None
    checked = checked_base_url(value)
    if checked is None:
        raise UsageError(
            "--base-url must be an absolute http(s) address without a query or fragment, "
            f"such as https://example.org/catalogue/, not {value!r}"
        )
    return checked
