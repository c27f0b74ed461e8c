"""The static website: view model, evidence summaries, page plan, rendering, atomic publishing.

Data flows one way: check report -> model (Study views) -> pages -> files -> publish.
"""


class BuildError(Exception):
    """The site cannot be built from this input; the message says what to fix."""
