"""GE414 goauth-invalid: go 1.27.3 and go 1.24.11 stop at the first HTTPS download with the messages the rule
predicts (a local HTTPS module proxy with a self-signed certificate, trusted through SSL_CERT_FILE); go 1.22.10
ignores GOAUTH."""

from __future__ import annotations

import http.server
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import ge4real
import pytest

from goenv_lsp.facts import PathFlavor
from goenv_lsp.facts.paths import ops
from goenv_lsp.rules.ge4_proxy.ge414_goauth_invalid import goauth_error


@pytest.fixture(scope="module")
def https_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server that answers 404 to everything, and its certificate."""
    tmp_path = tmp_path_factory.mktemp("https")
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out",
                    str(cert)], check=True, capture_output=True, timeout=60)

    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), NotFound)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()


@pytest.mark.realgo
@pytest.mark.parametrize("version", ["1.24.11", "1.27.3"])
@pytest.mark.parametrize("value", ["netrc;", "off;netrc", "git src/corp", "git"])
def test_the_go_command_stops_as_predicted(tmp_path: Path, https_proxy: tuple[str, Path], version: str,
                                           value: str) -> None:
    url, cert = https_proxy
    m = ge4real.machine(tmp_path, version, GOPROXY=url, SSL_CERT_FILE=cert, GONOSUMDB="example.com", GOAUTH=value)
    said = m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    predicted = goauth_error(value, ops(PathFlavor.POSIX).is_abs)
    assert predicted is not None
    assert said.startswith(predicted.replace("GOAUTH=…", f"GOAUTH={value}"))
    [finding] = m.findings("GE414")
    assert f"the first HTTPS download stops with `{predicted}`" in finding.message


@pytest.mark.realgo
def test_valid_value_and_old_go(tmp_path: Path, https_proxy: tuple[str, Path]) -> None:
    url, cert = https_proxy
    m = ge4real.machine(tmp_path, "1.27.3", GOPROXY=url, SSL_CERT_FILE=cert, GONOSUMDB="example.com",
                        GOAUTH=f"git {tmp_path};netrc")
    said = m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    assert "GOAUTH" not in said and "404 Not Found" in said  # got past GOAUTH to the proxy's answer
    assert m.findings("GE414") == []
    old = ge4real.machine(tmp_path / "old", "1.22.10", GOPROXY=url, SSL_CERT_FILE=cert, GOAUTH="netrc;")
    assert "GOAUTH" not in old.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    [finding] = old.findings("GE414")
    assert finding.message.startswith("the environment variable GOAUTH: go1.22.10 ignores GOAUTH")
