"""Shared fixtures: the real NCBI samples (read in place, never copied) and the fake server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fake_eutils import fake_eutils  # noqa: F401  (re-exported as a fixture)

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "ncbi-samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def sample():
    """Bytes of a real NCBI reply from shared/ncbi-samples/; skips when the folder is absent."""

    def read(name: str) -> bytes:
        path = SAMPLES / name
        if not path.is_file():
            pytest.skip(f"real NCBI sample {name} not found in {SAMPLES.resolve()}")
        return path.read_bytes()

    return read


@pytest.fixture
def fixture_xml():
    """Bytes of one of the project's own XML fixtures (cases the real samples lack)."""
    return lambda name: (FIXTURES / name).read_bytes()
