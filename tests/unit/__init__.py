"""The unit tier: no build, no browser, no subprocess; the logic in-process, in under 10 s.

Run alone with `.venv/bin/pytest tests/unit`; the rules are enforced while its tests run (tests/conftest.py).
"""
