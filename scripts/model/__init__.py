"""The typed model at the bottom of every layer: studies, PubMed articles, identifiers, problems and errors."""
