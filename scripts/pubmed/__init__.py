"""PubMed metadata: the E-utilities client, the XML parser and the per-PMID JSON cache.

The exceptions live here, in one place, so that callers can catch them without importing
the module that raises them.
"""

from __future__ import annotations

from ..model.errors import EutilsError, PubmedError, PubmedFormatError

__all__ = ["EutilsError", "PubmedError", "PubmedFormatError"]
