"""GE415 tls-cert-settings-invalid: SSL_CERT_FILE / SSL_CERT_DIR naming paths crypto/x509 cannot use. The real
go 1.22.10 and 1.27.3 against a local HTTPS proxy (self-signed, see test_ge414) fail with the predicted words."""

from __future__ import annotations

import sys
from pathlib import Path

import ge4real
import pytest
from factsbuilder import HOME, go_binary, healthy
from test_ge414 import https_proxy  # noqa: F401 (the fixture)

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo
from goenv_lsp.model import Severity
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.rules.ge4_proxy.ge415_tls_cert_settings_invalid import check as GE415

sys.path.insert(0, str(Path(__file__).parent / "goldens"))
import golden

MISSING = PathInfo("missing")
UNKNOWN_AUTHORITY = "tls: failed to verify certificate: x509: certificate signed by unknown authority"


def run(paths: dict[str, PathInfo], os: str = "linux", version: str = "1.27.3", **env: str):
    facts = healthy(os=os, go_binaries=(go_binary(version),), paths=paths,
                    env={"PATH": "/usr/local/go1.27.3/bin:/usr/bin", "HOME": HOME, **env})
    return evaluate(facts, rules=[GE415])


NO_SYSTEM_DIRS = {"/etc/ssl/certs": MISSING, "/etc/pki/tls/certs": MISSING}


def test_missing_file_and_no_directories_is_an_error() -> None:
    [finding] = run({"/ca.pem": MISSING, **NO_SYSTEM_DIRS}, SSL_CERT_FILE="/ca.pem")
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("SSL_CERT_FILE /ca.pem does not exist, and no other certificate location")
    assert f"fails with `{UNKNOWN_AUTHORITY}`" in finding.message


def test_missing_file_with_system_directory_is_info() -> None:
    [finding] = run({"/ca.pem": MISSING, "/etc/ssl/certs": PathInfo("dir"), "/etc/pki/tls/certs": MISSING},
                    SSL_CERT_FILE="/ca.pem")
    assert finding.severity is Severity.INFO
    assert "only the certificates in /etc/ssl/certs;" in finding.message


def test_wrong_kinds_fail_to_load() -> None:
    [finding] = run({"/etc/ssl/corp": PathInfo("dir"), "/b.crt": PathInfo("file"), "/nodir": MISSING},
                    SSL_CERT_FILE="/etc/ssl/corp", SSL_CERT_DIR="/b.crt:/nodir")
    assert finding.message.startswith("SSL_CERT_FILE /etc/ssl/corp is a directory; /b.crt in SSL_CERT_DIR is not a "
                                      "directory; /nodir in SSL_CERT_DIR does not exist, and no other")
    assert "`x509: failed to load system roots and no roots provided`" in finding.message
    [unlistable] = run({"/d": PathInfo("dir", listable=False)}, SSL_CERT_DIR="/d")
    assert unlistable.message.startswith("/d in SSL_CERT_DIR cannot be listed")


def test_quiet_cases() -> None:
    assert run({}) == []
    good = {"/ca.pem": PathInfo("file"), "/etc/ssl/certs": PathInfo("dir")}
    assert run(good, SSL_CERT_FILE="/ca.pem", SSL_CERT_DIR="/gone:/etc/ssl/certs") == []
    assert run({"/ca.pem": PathInfo("file"), "/gone": MISSING}, SSL_CERT_FILE="/ca.pem", SSL_CERT_DIR="/gone") == []
    assert run({}, SSL_CERT_FILE="relative.pem") == []  # not stat-ed: unknown
    assert run({"/ca.pem": MISSING}, os="freebsd", SSL_CERT_FILE="/ca.pem") == []  # defaults not modelled


def test_windows_and_macos_before_go_1_27_ignore_the_variables() -> None:
    gone = {"/ca.pem": MISSING}
    assert run(gone, os="darwin", version="1.24.11", SSL_CERT_FILE="/ca.pem") == []
    assert run(gone, os="darwin", SSL_CERT_FILE="/ca.pem", GODEBUG="x509sslcertoverrideplatform=0") == []
    [finding] = run(gone, os="darwin", SSL_CERT_FILE="/ca.pem")
    assert finding.severity is Severity.ERROR


@pytest.mark.realgo
@pytest.mark.parametrize("version", ["1.22.10", "1.27.3"])
def test_real_https_downloads(tmp_path: Path, https_proxy: tuple[str, Path], version: str) -> None:  # noqa: F811
    url, cert = https_proxy
    gone = tmp_path / "gone"

    def machine(name: str, **env: str) -> ge4real.Machine:
        (tmp_path / name).mkdir()
        return ge4real.machine(tmp_path / name, version, GOPROXY=url, GONOSUMDB="example.com", **env)

    def download(m: ge4real.Machine) -> str:
        return m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr

    good = machine("good", SSL_CERT_FILE=str(cert))
    assert "404 Not Found" in download(good) and good.findings("GE415") == []
    missing = machine("missing", SSL_CERT_FILE=str(gone / "ca.pem"), SSL_CERT_DIR=str(gone))
    assert f": {UNKNOWN_AUTHORITY}\n" in download(missing)
    [finding] = missing.findings("GE415")
    assert finding.severity is Severity.ERROR and f"fails with `{UNKNOWN_AUTHORITY}`" in finding.message
    is_dir = machine("is-dir", SSL_CERT_FILE=str(cert.parent), SSL_CERT_DIR=str(gone))
    said = download(is_dir)
    assert (f"tls: failed to verify certificate: x509: failed to load system roots and no roots provided; "
            f"read {cert.parent}: is a directory\n") in said
    [finding] = is_dir.findings("GE415")
    assert finding.message.startswith(f"SSL_CERT_FILE {cert.parent} is a directory; {gone} in SSL_CERT_DIR does "
                                      "not exist, and no other certificate location is usable")


def test_a_certificate_is_never_read() -> None:
    data = golden.machine_data(Path(__file__).parent / "goldens" / "GE415" / "cert-dir-is-file")
    system = FakeSystem.from_data(data)
    [finding] = evaluate(golden.machine_facts(data, system), rules=[GE415])
    assert "not-a-real-certificate" not in finding.message
    touched = [call for call in system.calls if "ca-certificates.crt" in str(call)]
    assert touched and all(call[0] == "stat" for call in touched), touched
