"""The static website: view model, evidence summaries, page plan, rendering, atomic publishing.

Data flows one way: check report -> model (Study views) -> pages -> files -> publish.
"""

from ..model.errors import BuildError

__all__ = ["BuildError"]
