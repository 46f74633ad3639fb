"""Fixtures of the language-server tests; the helpers live in lsp_harness.py."""

from __future__ import annotations

import pytest
from lsp_harness import CLIENTS  # type: ignore[import-not-found]


@pytest.fixture(params=CLIENTS)
def client_name(request) -> str:
    return request.param
