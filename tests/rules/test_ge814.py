"""GE814 scratch-without-ca-certificates: a scratch image without a CA bundle for a program whose go.mod
requires an HTTPS client. The real part runs a Go HTTPS client with no root certificates to be found (what
scratch gives it): go's own error; with the bundle it connects."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from dockerhelp import findings, lines
from fixhelp import apply_edits
from ge6help import CACHE
from realgo import backticked, write

from goenv_lsp.rules.ge8_versions.ge814_scratch_without_ca_certificates import check as GE814

AWS = "module example.com/app\n\ngo 1.27.3\n\nrequire github.com/aws/aws-sdk-go-v2 v1.36.0\n"
SCRATCH = """\
FROM golang:1.27-alpine AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM scratch
COPY --from=build /app /app
"""
# an HTTPS server with its own certificate, and a client using the system roots (all scratch has: none)
CLIENT = """package main

import (
\t"encoding/pem"
\t"fmt"
\t"net/http"
\t"net/http/httptest"
\t"os"
)

func main() {
\tserver := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
\tdefer server.Close()
\tblock := &pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw}
\tif err := os.WriteFile(os.Args[1], pem.EncodeToMemory(block), 0o644); err != nil {
\t\tpanic(err)
\t}
\tif _, err := http.Get(server.URL); err != nil {
\t\tfmt.Println(err)
\t\treturn
\t}
\tfmt.Println("ok")
}
"""


def test_scratch_for_an_aws_client() -> None:
    [finding] = findings(GE814, SCRATCH, go_mod=AWS)
    assert lines(finding) == (3, 5)
    assert "go.mod requires github.com/aws/aws-sdk-go-v2" in finding.message
    fixed = apply_edits(SCRATCH, [(e.range, e.new_text) for e in finding.fixes[0].edits])
    assert fixed == SCRATCH.replace(
        "FROM scratch\n", "FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n")
    assert findings(GE814, fixed, go_mod=AWS) == []


def test_no_edit_when_the_build_image_is_not_known_to_have_the_bundle() -> None:
    [finding] = findings(GE814, SCRATCH.replace("golang:1.27-alpine", "example.com/builder:1"), go_mod=AWS)
    assert finding.fixes == ()


@pytest.mark.parametrize(("text", "go_mod"), [
    (SCRATCH.replace("FROM scratch", "FROM gcr.io/distroless/static-debian12"), AWS),  # distroless has them
    (SCRATCH + "COPY --from=build /etc/ssl/certs /etc/ssl/certs\n", AWS),
    (SCRATCH + "ADD certs/ca.pem /etc/ssl/certs/ca.pem\n", AWS),
    (SCRATCH + "ENV SSL_CERT_FILE=/ca.pem\n", AWS),
    (SCRATCH, AWS.replace("github.com/aws/aws-sdk-go-v2", "github.com/spf13/cobra")),  # TLS not known
    (SCRATCH, AWS + "require golang.org/x/crypto/x509roots/fallback v0.0.0-20250101000000-000000000000\n"),
    (SCRATCH.replace("COPY --from=build /app /app", "COPY app /app"), AWS),  # no go build here
    (SCRATCH + "FROM alpine\n", AWS),  # the final stage is another
])
def test_quiet(text: str, go_mod: str) -> None:
    assert findings(GE814, text, go_mod=go_mod) == []


@pytest.mark.realgo
def test_real_https_client_without_roots(tmp_path: Path) -> None:
    go_bin = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin], GOCACHE=CACHE)
    ws = tmp_path / "ws"
    write(ws, {"go.mod": "module example.com/client\n\ngo 1.27.3\n", "main.go": CLIENT})
    assert subprocess.run([str(go_bin / "go"), "build", "-o", "client", "."], cwd=ws, env=env,
                          capture_output=True, timeout=300).returncode == 0
    [finding] = findings(GE814, SCRATCH, go_mod=AWS)
    cert = tmp_path / "server.pem"
    empty = tmp_path / "no-certs"
    empty.mkdir()

    def run(**roots: str) -> str:
        return subprocess.run([str(ws / "client"), str(cert)], env={**roots}, capture_output=True, text=True,
                              timeout=60).stdout

    scratch = run(SSL_CERT_FILE=str(empty / "ca-certificates.crt"), SSL_CERT_DIR=str(empty))
    assert scratch.rstrip().endswith(backticked(finding.message.split("services", 1)[1]))
    assert run(SSL_CERT_FILE=str(cert), SSL_CERT_DIR=str(empty)) == "ok\n"  # with a bundle it connects
