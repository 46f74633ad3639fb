"""Output of ``go env -json``: one JSON object of strings. Credentials in URL values are redacted."""

from __future__ import annotations

import json

from goenv_lsp.redact import redact_credentials


def parse_env_json(stdout: str) -> dict[str, str] | None:
    """The variables, or None when the output is not a JSON object of strings (what every go prints)."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return None
    except RecursionError:  # brackets nested thousands deep: not go env output either
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return {k: redact_credentials(v) for k, v in data.items()}
