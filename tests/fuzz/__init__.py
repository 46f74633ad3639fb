"""Fuzzing every goenv-lsp parser. ``python -m tests.fuzz`` runs it (``make fuzz``: a million inputs and a report in
docs/fuzz-report.md); in ``make test``: a short run (``test_fuzz_short.py``), the linearity tests
(``test_linearity.py``) and the inputs that once crashed a parser or made it stall (``test_regressions.py``)."""
