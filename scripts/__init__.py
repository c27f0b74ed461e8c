"""Kratom evidence catalogue: load, check, enrich and publish curated study records."""
