"""PubMed metadata: the E-utilities client, the XML parser and the per-PMID JSON cache.

The exceptions live here, in one place, so that callers can catch them without importing
the module that raises them.
"""

from __future__ import annotations


class PubmedError(Exception):
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
