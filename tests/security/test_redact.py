"""goenv_lsp.redact: what is hidden, what stays readable, and that it stays linear on hostile text (the fuzzer
found two patterns that took time squared: 40 s on a 30 KB settings.json)."""

from __future__ import annotations

import os
import time

import pytest

from goenv_lsp.redact import PLACEHOLDER, is_secret_name, redact_text, redact_value

R = PLACEHOLDER


@pytest.mark.parametrize(("text", "expected"), [
    ("https://bot:p@ss@proxy.corp.example/go,direct", f"https://{R}@proxy.corp.example/go,direct"),
    ("https://proxy.example/go?token=abc&v=1", f"https://proxy.example/go?token={R}&v=1"),
    ("https://proxy.example/k/8f3kZ2qL9xV7mN4pR1tY6wB0/go", f"https://proxy.example/k/{R}/go"),
    ("GITHUB_TOKEN=anything", f"GITHUB_TOKEN={R}"),
    ('-ldflags="-X main.dbPassword=pa55word"', f'-ldflags="-X main.dbPassword={R}"'),
    ("-Wl,--password=abc", f"-Wl,--password={R}"),
    ("token ghp_abcdefghijklmnopqrstuvwxyz0123 here", f"token {R} here"),
    ("Authorization: Bearer abc.def.ghi", f"Authorization: {R} {R}"),
])
def test_hidden(text: str, expected: str) -> None:
    assert redact_text(text) == expected


@pytest.mark.parametrize("text", [
    "https://proxy.golang.org,direct", "/home/dev/go/pkg/mod/golang.org/x/tools@v0.0.0-20240101120000-abcdef123456",
    "go: downloading example.com/m v1.2.3", "/nix/store/ab12cd34ef56gh78ij90kl12mn34op56-go-1.22/bin",
    "-mod=mod -tags=integration", "GOFLAGS=-mod=vendor",
])
def test_readable(text: str) -> None:
    assert redact_text(text) == text


def test_by_name() -> None:
    assert is_secret_name("go.toolsEnvVars.GITHUB_TOKEN") and is_secret_name("apiKey")
    assert not any(is_secret_name(n) for n in ("GOPATH", "PWD", "TOKEN_FILE", "key", "GOAUTH", "GOPRIVATE"))
    assert redact_value("GOAUTH", "netrc; command /x/helper --token=abc") == f"netrc; command {R}"
    assert redact_value("GOPRIVATE", "corp.example/*,ghp_abcdefghijklmnopqrstuvwxyz01") == f"corp.example/*,{R}"
    assert redact_value("GOVCS", "corp.example:git,public:git|hg") == "corp.example:git,public:git|hg"


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        redact_text(text)
        redact_value("GOFLAGS", text)
        best = min(best, time.perf_counter() - began)
    return best


@pytest.mark.skipif(not os.environ.get("GOENV_LSP_TIMING"), reason="timing ratios: run by `make fuzz`")
@pytest.mark.parametrize("unit", ["a", "a-", "-X", "x://", "a=b ", "?tokenx", '"a" ', "@", "https://a@",
                                  "-----BEGIN ", "Ab1", "key: "])
def test_linear(unit: str) -> None:
    """10× the text costs at most ~25× the time (linear is 10, squared 100), measured in one run."""
    small, large = _seconds(unit * 2_000), _seconds(unit * 20_000)
    assert large <= 25 * max(small, 1e-4), (unit, small, large)
