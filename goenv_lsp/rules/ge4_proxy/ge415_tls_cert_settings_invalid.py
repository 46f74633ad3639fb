from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.tls import cert_paths

DOCS = """
## What it checks
SSL_CERT_FILE or SSL_CERT_DIR set in the environment to a path Go cannot use: a missing file, a directory
as SSL_CERT_FILE, a file or an unlistable directory in SSL_CERT_DIR (a list, `:`-separated; `;` on
Windows). Linux, and Windows and macOS from Go 1.27 (before, their system verifier ignores both variables;
other Unix systems are not judged).
goenv-lsp only looks at what the paths are; it never reads a certificate.

## Why it matters
Go's crypto/x509 — in the go command and gopls alike — takes SSL_CERT_FILE instead of the system bundle
(`/etc/ssl/certs/ca-certificates.crt`…): when it is missing there is no fallback, only the certificate
directories are left (SSL_CERT_DIR, else `/etc/ssl/certs` and `/etc/pki/tls/certs` on Linux). With none
of them usable, every HTTPS module or toolchain download fails: `tls: failed to verify certificate: x509:
certificate signed by unknown authority`, or, when a path is of the wrong kind, `x509: failed to load
system roots and no roots provided; read /etc/ssl/mycerts: is a directory`. From Go 1.27 setting either
variable on Windows or macOS replaces the system's verifier, so a stale value breaks HTTPS there too.

## How to fix
Unset the variable (`unset SSL_CERT_FILE`, and remove the `export` from your shell profile), or point it at
the real bundle, e.g. `SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt` (Debian, Ubuntu) or
`/etc/pki/tls/certs/ca-bundle.crt` (Fedora, RHEL); a directory goes in SSL_CERT_DIR.

## Example
`export SSL_CERT_FILE=~/corp/ca.pem` from a corporate VPN guide, the file deleted with the old laptop setup.
"""


def _problem(kind: PathKind, want: PathKind, listable: bool) -> str | None:
    if kind is PathKind.MISSING:
        return "does not exist"
    if kind is PathKind.UNREADABLE:
        return "cannot be read"
    if want is PathKind.FILE and kind is PathKind.DIR:
        return "is a directory"
    if want is PathKind.DIR and kind is not PathKind.DIR:
        return "is not a directory"
    if want is PathKind.DIR and not listable:
        return "cannot be listed"
    return None


@rule(code="GE415", name="tls-cert-settings-invalid", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="SSL_CERT_FILE or SSL_CERT_DIR names a path Go cannot use: HTTPS downloads fail", docs=DOCS,
      needs=(Input.ENVIRONMENT, Input.PATH_INFO, Input.GO_BINARIES), tags=("proxy", "network"))
def check(facts: Facts) -> Iterator[Report]:
    if facts.env is None or facts.path_info is None:
        return
    found = cert_paths(facts.env, facts.os or "", facts.paths, local_version(running_go(facts)))
    if found is None:
        return
    problems: list[str] = []
    usable: list[str] = []
    unknown = False
    for key, path, want in ([("SSL_CERT_FILE", found.file, PathKind.FILE)] if found.file else []) + [
            ("SSL_CERT_DIR" if found.dirs_from_env else "", d, PathKind.DIR) for d in found.dirs]:
        info = facts.path_info.get(path)
        if info is None:
            unknown = True  # relative, or not stat-able: Go may still read certificates from it
            continue
        problem = _problem(info.kind, want, info.listable)
        if problem is None:
            usable.append(path)
        elif key:
            problems.append(f"{key} {path} {problem}" if key == "SSL_CERT_FILE" else
                            f"{path} in SSL_CERT_DIR {problem}")
    if not problems:
        return
    what = "; ".join(problems)
    if usable or unknown:
        if not found.file or not any(p.startswith("SSL_CERT_FILE") for p in problems):
            return  # a bad entry beside usable ones changes nothing
        dirs = ", ".join(usable) or "the certificate directories"
        yield Report(f"{what}: Go reads no certificate bundle file then (no fallback to the system bundle), only "
                     f"the certificates in {dirs}; unset it or point it at the real bundle", machine_anchor(facts),
                     severity=Severity.INFO)
        return
    kinds_wrong = any(not p.endswith("does not exist") for p in problems)
    error = ("x509: failed to load system roots and no roots provided" if kinds_wrong else
             "tls: failed to verify certificate: x509: certificate signed by unknown authority")
    yield Report(f"{what}, and no other certificate location is usable: every HTTPS module or toolchain download "
                 f"(and gopls's) fails with `{error}`; unset the variable or point it at the real bundle",
                 machine_anchor(facts))
