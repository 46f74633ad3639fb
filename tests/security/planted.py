"""Planting secrets for the secrets tests: 17 kinds x 6 places (see tests/security/test_secrets.py)."""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import testbed


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
