"""Two conventions of the record format that several stages need, kept in one place."""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Record ids, claim ids and vocabulary keys: lowercase words and digits joined by hyphens.
(The schemas state the same pattern for editors; tests/model/test_names.py keeps them equal.)"""

PROMPT = "TODO:"
"""How `new` marks a field for the curator to fill in; `check` reports any left."""


def is_slug(value: str) -> bool:
    return SLUG.fullmatch(value) is not None


CATALOGUE_NAME = "Kratom Evidence Catalogue"
