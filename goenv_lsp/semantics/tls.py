"""Where Go's crypto/x509 looks for root certificates on disk (root_linux.go, root_unix.go; Go 1.27: root.go
``loadOnDiskRoots``). SSL_CERT_FILE replaces the list of bundle files — a missing one is skipped silently,
there is no fallback to the system bundle — and SSL_CERT_DIR (a list: ``:``-separated, ``;`` on Windows)
replaces the default directories. Before Go 1.27 Windows and macOS ignore both (the system verifier); from
Go 1.27 setting either replaces the system verifier there too, unless GODEBUG=x509sslcertoverrideplatform=0.
The probe only stats these paths: a certificate is never read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from goenv_lsp.facts import PathOps
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.godebug import godebug_settings

LINUX_CERT_DIRS = ("/etc/ssl/certs", "/etc/pki/tls/certs")
OVERRIDES_SYSTEM_VERIFIER = "1.27"  # on windows/darwin/ios


@dataclass(frozen=True)
class CertPaths:
    file: str  # SSL_CERT_FILE ("" unset)
    dirs: tuple[str, ...]  # the directories read: SSL_CERT_DIR's entries, else the OS defaults
    dirs_from_env: bool


def cert_paths(env: Mapping[str, str], os_name: str, paths: PathOps, go_version: str = "") -> CertPaths | None:
    """The on-disk roots Go reads when SSL_CERT_FILE or SSL_CERT_DIR is set; None when neither is set, the
    platform verifier ignores them, or the OS's defaults are not known here."""
    file, dir_list = env.get("SSL_CERT_FILE", ""), env.get("SSL_CERT_DIR", "")
    if not file and not dir_list:
        return None
    if os_name in ("windows", "darwin", "ios"):
        if not go_version or gover.compare(go_version, OVERRIDES_SYSTEM_VERIFIER) < 0:
            return None  # ignored: the system verifier decides (or the version is unknown)
        if godebug_settings(env.get("GODEBUG", "")).get("x509sslcertoverrideplatform") == "0":
            return None
        defaults: tuple[str, ...] = ()
    elif os_name == "linux":
        defaults = LINUX_CERT_DIRS
    else:
        return None
    if dir_list:
        return CertPaths(file, tuple(d for d in dir_list.split(paths.list_separator) if d), True)
    return CertPaths(file, defaults, False)


def probed_cert_paths(env: Mapping[str, str], os_name: str, paths: PathOps) -> tuple[str, ...]:
    """What the probe stats (every OS where the variables can matter; the Go version is not known yet)."""
    found = cert_paths(env, os_name, paths, go_version=OVERRIDES_SYSTEM_VERIFIER)
    return () if found is None else tuple(p for p in (found.file, *found.dirs) if p)
