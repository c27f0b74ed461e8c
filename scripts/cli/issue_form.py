"""A "Suggest a study" issue as GitHub delivers it: the form's answers and the study's identifier.

GitHub renders an issue form as Markdown, one `### Label` heading per field with the answer
below it (`_No response_` when a field was left empty), and hands a workflow the whole event as
a JSON file. `new --github-issue` reads that file, so the issue's text never passes through a
shell command, and people may paste an identifier in any of its usual forms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..model.errors import UsageError
from ..model.identifiers import DOI, PMID

IDENTIFIER_LABEL = "PMID or DOI"
TITLE_LABEL = "Title"
NO_RESPONSE = "_No response_"
_HEADING = re.compile(r"^###\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Suggestion:
    """What a suggestion issue asks for, and who asked."""

    author: str | None
    pmid: str | None
    doi: str | None
    title: str | None


def read_event(path: Path) -> Suggestion:
    """The suggestion in a GitHub `issues` event payload ($GITHUB_EVENT_PATH)."""
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
        issue = event["issue"]
        body = issue.get("body") or ""
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(f"{path} is not a GitHub issue event ({exc})") from None
    answers = form_answers(body)
    given = answers.get(IDENTIFIER_LABEL)
    if not given:
        raise UsageError(
            f"the issue has no '{IDENTIFIER_LABEL}' answer: it was not opened with the "
            "'Suggest a study' form, or the field was left empty"
        )
    kind, value = identifier(given)
    user = issue.get("user") if isinstance(issue.get("user"), dict) else {}
    return Suggestion(
        author=user.get("login") if isinstance(user.get("login"), str) else None,
        pmid=value if kind == "pmid" else None,
        doi=value if kind == "doi" else None,
        title=answers.get(TITLE_LABEL),
    )


def form_answers(body: str) -> dict[str, str]:
    """Each `### Label` of a rendered issue form and its answer (empty answers left out)."""
    headings = list(_HEADING.finditer(body))
    answers = {}
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(body)
        answer = body[heading.end() : end].strip()
        if answer and answer != NO_RESPONSE:
            answers[heading.group(1)] = answer
    return answers


def identifier(text: str) -> tuple[str, str]:
    """('pmid', digits) or ('doi', '10....') from a PMID, a PubMed address, a DOI or its link."""
    for handler in (PMID, DOI):
        found = handler.from_pasted(text)
        if found:
            return handler.kind, found
    value = text.strip().strip("`<>").strip()
    raise UsageError(
        f"{value!r} is neither a PubMed ID nor a DOI: give the digits of the PubMed ID "
        "(such as 32007733) or a DOI starting with 10."
    )
