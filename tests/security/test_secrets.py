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
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest
import testbed

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.realgo


def secret(rng: random.Random, length: int = 24) -> str:
    """A credential-like value: mixed letters and digits, unique per planting."""
    while True:
        value = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(length))
        if any(c.isdigit() for c in value) and any(c.isalpha() for c in value):
            return value


# (variable, value with {s} where the secret goes)
KINDS = (
    ("GITHUB_TOKEN", "{s}"),
    ("NPM_AUTH_TOKEN", "{s}"),
    ("DB_PASSWORD", "{s}"),
    ("GOPROXY", "https://ci:{s}@proxy.corp.example/go,direct"),
    ("GOPROXY", "https://bot:p@ss{s}@proxy.corp.example/go,direct"),  # a password that contains @
    ("GOPROXY", "https://proxy.corp.example/go?token={s},direct"),
    ("GOPROXY", "https://proxy.corp.example/k/{s}/go,off"),  # an API key in the URL path
    ("GOSUMDB", "sum.corp.example https://u:{s}@sum.corp.example"),
    ("GONOSUMDB", "corp.example/*,ghp_{s}{s}"),
    ("GOPRIVATE", "corp.example/*,https://oauth2:{s}@gitlab.corp.example/team"),
    ("GOINSECURE", "insecure.corp.example,{s}"),
    ("GONOPROXY", "glpat-{s}"),
    ("GOVCS", "corp.example:git,{s}:all"),
    ("GOFLAGS", "-mod=mod -ldflags=-X=main.apiKey={s}"),
    ("GOAUTH", "command /usr/local/bin/auth-helper --token={s}"),
    ("CGO_LDFLAGS", "-L/opt/lib -Wl,--password={s}"),
    ("CGO_CFLAGS", "-DAPI_KEY={s}"),
)


def plant(tmp_path: Path, go127: Path) -> tuple[Path, dict[str, str], list[str]]:
    rng = random.Random(1202)
    planted: list[str] = []

    def values() -> dict[str, str]:
        found = {}
        for name, template in KINDS:
            value = secret(rng)
            planted.append(value)
            found.setdefault(name, []).append(template.format(s=value))
        return {name: ",".join(v) if name in ("GOPROXY", "GONOSUMDB", "GOPRIVATE") else " ".join(v)
                for name, v in found.items()}

    ws = tmp_path / "ws"
    (ws / ".vscode").mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    process, goenv, tools, build, docker, toml = (values() for _ in range(6))
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], **process)
    testbed.write_goenv(env, **goenv)
    (ws / ".vscode" / "settings.json").write_text(json.dumps(
        {"go.toolsEnvVars": tools, "gopls": {"build.env": build}}, indent=2))
    (ws / "Dockerfile").write_text("FROM golang:1.27.3\n" + "".join(
        f"ENV {name}={json.dumps(value)}\n" for name, value in docker.items()))
    (ws / "goenv-lsp.toml").write_text("[editor_settings]\n" + "".join(
        f'"go.toolsEnvVars.{name}" = {json.dumps(value)}\n' for name, value in toml.items()))
    assert len(planted) == 102 and len(set(planted)) == 102
    return ws, env, planted


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


@pytest.mark.parametrize("command", [("check",), ("check", "--format", "json"), ("facts",)],
                         ids=["check-text", "check-json", "facts"])
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
