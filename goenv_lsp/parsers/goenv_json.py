"""Output of ``go env -json``: one JSON object of strings. Credentials in URL values are redacted."""

from __future__ import annotations

import json

from goenv_lsp.redact import redact_credentials


def parse_env_json(stdout: str) -> dict[str, str] | None:
    """The variables, or None when the output is not a JSON object."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {str(k): redact_credentials(str(v)) for k, v in data.items()}
