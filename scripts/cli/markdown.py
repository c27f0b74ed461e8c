"""Generated sections of the project's Markdown files: table cells and marker-delimited blocks."""

from __future__ import annotations


def cell(text: object) -> str:
    """Text that stays inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def replace_section(document: str, name: str, section: str) -> str:
    """The document with the text between the `name` markers replaced by `section`."""
    start, end = markers(name)
    first, last = document.find(start), document.find(end)
    if first < 0 or last < first:
        raise ValueError(f"the document lacks the markers {start} ... {end}")
    return f"{document[:first]}{start}\n{section}\n{document[last:]}"
