"""0 of 102 planted secrets in any output (docs/security.md, "Secrets").

17 kinds of secret — credentials in GOPROXY/GOSUMDB URLs (a password holding `@`, `?token=`, a key in the
path), tokens slipped into GOPRIVATE/GONOSUMDB/GONOPROXY/GOINSECURE/GOVCS, `-X main.apiKey=…` in GOFLAGS,
GOAUTH helper arguments, CGO flags, and variables named *TOKEN* / *PASSWORD* — each planted in 6 places: the
process environment, the GOENV file, `go.toolsEnvVars` and gopls `build.env` in .vscode/settings.json, a
Dockerfile, and goenv-lsp.toml `[editor_settings]`. A real go answers; `check` (text and json) and `facts`
must print none of them, and `facts` shows the home directory as `~`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from planted import plant  # type: ignore[import-not-found]

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.realgo


def run(*args: str, env: dict[str, str]) -> str:
    proc = subprocess.run([sys.executable, "-m", "goenv_lsp", *args, "--test-no-well-known"],
                          env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout + proc.stderr


def leaked(output: str, planted: list[str]) -> list[str]:
    return [s for s in planted if s in output]


@pytest.fixture
def planted(tmp_path: Path, go127: Path) -> tuple[Path, dict[str, str], list[str]]:
    return plant(tmp_path, go127)


@pytest.mark.parametrize("command", [("check",), ("check", "--format", "json"), ("facts",), ("env",),
                                     ("env", "--format", "json"), ("snapshot",),
                                     ("snapshot", "--redact", "--redact-private-hosts")],
                         ids=["check-text", "check-json", "facts", "env-text", "env-json", "snapshot",
                              "snapshot-redacted"])
def test_no_planted_secret_in_cli_output(command: tuple[str, ...], planted) -> None:
    ws, env, secrets = planted
    output = run(command[0], str(ws), *command[1:], env=env)
    assert leaked(output, secrets) == []


def test_facts_still_say_what_the_rules_need(planted) -> None:
    """Redaction hides the secret, not the setting: module patterns, proxies and flags stay readable."""
    ws, env, _ = planted
    facts = json.loads(run("facts", str(ws), env=env))
    [go] = facts["go_binaries"]
    assert go["status"] == "ok", go["env_run"]
    assert go["env"]["GOPRIVATE"].startswith("corp.example/*,<redacted>")
    assert go["env"]["GOPROXY"].startswith("https://<redacted>@proxy.corp.example/go,direct")
    assert "-mod=mod -ldflags=-X=main.apiKey=<redacted>" in go["env"]["GOFLAGS"]
    assert go["env"]["GOAUTH"].startswith("command <redacted>")
    assert facts["env"]["CGO_LDFLAGS"] == "-L/opt/lib -Wl,--password=<redacted>"
    assert "GITHUB_TOKEN" not in facts["env"]  # not a variable the rules read: not kept at all


def test_facts_show_home_as_tilde(planted) -> None:
    ws, env, _ = planted
    output = run("facts", str(ws), env=env)
    assert env["HOME"] not in output
    assert '"home": "~"' in output and '"~/.config/go/env"' in output
    shown = run("facts", str(ws), "--show-home", env=env)
    assert f'"home": "{env["HOME"]}"' in shown
