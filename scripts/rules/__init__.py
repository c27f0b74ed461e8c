"""Check rules: one module per rule, each a function over a record (or over all records).

A rule module names its codes in CODES (code -> severity, what it means) and defines either
`check(record, context)` or `check_all(records, context)`, yielding Problems. This index is the
one place that lists them, in the order they run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..load.records import Record
from ..model.problems import Problem, Severity
from . import (
    canonical_form,
    claims_known,
    duplicates,
    exclusion_log,
    id_matches_file,
    identifiers,
    placeholders,
    pubmed_match,
    schema_shape,
    vocabulary_terms,
    year_range,
)
from .base import Context

RecordRule = Callable[[Record, Context], Iterable[Problem]]
CatalogueRule = Callable[[list[Record], Context], Iterable[Problem]]

RULE_MODULES = (
    schema_shape,
    vocabulary_terms,
    claims_known,
    id_matches_file,
    identifiers,
    year_range,
    placeholders,
    canonical_form,
    duplicates,
    exclusion_log,
    pubmed_match,
)
RECORD_RULES: tuple[RecordRule, ...] = tuple(m.check for m in RULE_MODULES if hasattr(m, "check"))
CATALOGUE_RULES: tuple[CatalogueRule, ...] = tuple(
    m.check_all for m in RULE_MODULES if hasattr(m, "check_all")
)
CODES: dict[str, tuple[Severity, str]] = {
    code: spec for module in RULE_MODULES for code, spec in module.CODES.items()
}
