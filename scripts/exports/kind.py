"""What kind of publication a study is, for formats that care (BibTeX, RIS, CSL)."""

from __future__ import annotations

from typing import Literal

from .protocol import ExportStudy as Study

Kind = Literal["article", "registration", "report"]


def publication_kind(study: Study) -> Kind:
    """Registrations and regulators' statements are not journal articles."""
    if study.design.key == "trial-registration":
        return "registration"
    if study.design.key == "regulatory-statement" or not study.journal:
        return "report"
    return "article"


def page_range(pages: str | None) -> tuple[str | None, str | None]:
    """'132-137' -> ('132', '137'); an article number stays whole."""
    if not pages:
        return None, None
    first, sep, last = pages.replace("\u2013", "-").partition("-")
    return (first.strip(), last.strip()) if sep else (pages, None)
