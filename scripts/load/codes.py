"""The codes the loader reports, before any rule runs: why a file cannot be read as data."""

from __future__ import annotations

from ..model.problems import Severity

LOAD_CODES: dict[str, tuple[Severity, str]] = {
    "file-too-large": (Severity.ERROR, "a file over the size limit for a record"),
    "unreadable": (Severity.ERROR, "a file that cannot be read"),
    "not-a-file": (Severity.ERROR, "a symbolic link or other non-regular file among the records"),
    "byte-order-mark": (Severity.ERROR, "a UTF-8 byte-order mark at the start"),
    "not-utf8": (Severity.ERROR, "bytes that are not UTF-8"),
    "empty-file": (Severity.ERROR, "a file with no YAML value"),
    "tab-indent": (Severity.ERROR, "a tab character in indentation"),
    "too-deep": (Severity.ERROR, "values nested far deeper than a record needs"),
    "yaml-syntax": (Severity.ERROR, "text that is not valid YAML"),
    "not-a-mapping": (Severity.ERROR, "a file that holds a list or a single value"),
    "yaml-alias": (Severity.ERROR, "a YAML alias (*name)"),
    "yaml-anchor": (Severity.ERROR, "a YAML anchor (&name)"),
    "yaml-tag": (Severity.ERROR, "a YAML tag (!name)"),
    "duplicate-key": (Severity.ERROR, "a key given twice in one mapping"),
    "bad-key": (Severity.ERROR, "a key that is not a plain name"),
    "bad-data-file": (Severity.ERROR, "a data file (vocabularies, claims...) not of its shape"),
    "missing-file": (Severity.ERROR, "a data file every catalogue needs is missing"),
}
