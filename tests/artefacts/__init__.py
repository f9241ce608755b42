"""The artefacts tier: whole outputs of the real record read with their consumers' own tools, in-process.

The unit tier's rules hold here too (no build, no browser, no subprocess), but each test reads a whole
artefact the way its reader does: the CSVs and the data package with Frictionless, the JSON with its
schema, Akoma Ntoso with the OASIS schema, every page under planted text (Hypothesis). Seconds, not
milliseconds: `.venv/bin/pytest tests/artefacts` alone, or with the rest by `scripts/test`.
"""
