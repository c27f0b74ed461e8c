"""Every error the project raises on purpose, under one root.

A command reports a `CatalogueError` through one path (`scripts/__main__.py`): its `lines()`
on standard error and its `exit_code`, never a traceback. Subclasses carry what the user needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problems import Problem


class CatalogueError(Exception):
    """Input or circumstances the command cannot work with; the message says what to do."""

    exit_code = 1

    def lines(self) -> list[str]:
        return [f"error: {self}"]


class UsageError(CatalogueError):
    """Bad command-line usage or configuration: exit code 2."""

    exit_code = 2


class DataFileError(CatalogueError):
    """A catalogue data file (not a study record) cannot be read: its located problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems

    def lines(self) -> list[str]:
        return [problem.line_text() for problem in self.problems]


class BuildError(CatalogueError):
    """The site cannot be built from this input; the message says what to fix."""


class ScaffoldError(CatalogueError):
    """A record cannot be started (already catalogued, excluded, unknown to PubMed...)."""


class FormatRefused(CatalogueError):
    """`format` will not rewrite a file, since the rewrite would lose something."""


class PubmedError(CatalogueError):
    """Base class for everything that goes wrong while getting PubMed metadata."""


class PubmedFormatError(PubmedError):
    """A reply is not the XML we asked for (HTML page, truncated body, ERROR envelope, ...)."""


class EutilsError(PubmedError):
    """E-utilities could not give an answer (retries exhausted, bad request, ...).

    `pmids` names the identifiers the failed request was about, so every failure can be
    reported by PMID.
    """

    def __init__(self, message: str, pmids: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.pmids = list(pmids)


class LockedError(CatalogueError):
    """Another build or enrich run holds the folder (scripts/load/lock.py).

    Exit code 1, not 2: the command line is fine, and the same command works once the other run
    is done (or waits for it with --wait).
    """
