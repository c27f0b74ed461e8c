"""Citation and data exports: BibTeX, RIS, CSL-JSON, CSV, JSON and an Atom feed.

Each module turns Study views into the text of one format; `catalogue_files` and `study_files`
name the files the build writes. Output is sorted by record id, so it is byte-stable.
"""

from __future__ import annotations

from collections.abc import Callable

from . import bibtex, csl, feed, ris, tables
from .protocol import ExportStudy as Study

CATALOGUE_EXPORTS: dict[str, Callable[[list[Study]], str]] = {
    "catalogue.bib": bibtex.document,
    "catalogue.ris": ris.document,
    "catalogue.csl.json": csl.document,
    "catalogue.csv": tables.csv_document,
    "catalogue.json": tables.json_document,
    "feed.xml": feed.document,
}
STUDY_EXPORTS: dict[str, Callable[[list[Study]], str]] = {
    "bib": bibtex.document,
    "ris": ris.document,
    "csl.json": csl.document,
}


def catalogue_files(studies: list[Study]) -> dict[str, str]:
    """Output path -> text for the catalogue-wide exports."""
    return {name: render(studies) for name, render in CATALOGUE_EXPORTS.items()}


def study_files(study: Study) -> dict[str, str]:
    """Output path -> text for one study's citation files, beside its page."""
    return {f"studies/{study.id}.{ext}": render([study]) for ext, render in STUDY_EXPORTS.items()}
