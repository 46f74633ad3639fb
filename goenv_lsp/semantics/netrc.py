"""Where the go command reads credentials from (cmd/go/internal/auth/netrc.go, ``netrcPath``): $NETRC, else
``~/.netrc``; on Windows ``%USERPROFILE%\\_netrc`` first (Go ≥ 1.24 falls back to ``.netrc``). The probe only
stats these files (permission bits, via ``PathInfo``): a netrc holds passwords and is never read."""

from __future__ import annotations

from collections.abc import Mapping

from goenv_lsp.facts import PathOps


def netrc_candidates(env: Mapping[str, str], home: str | None, os_name: str, paths: PathOps) -> tuple[str, ...]:
    """The files the go command may read credentials from, in the order it looks for them."""
    if env.get("NETRC"):
        return (env["NETRC"],)
    if not home:
        return ()
    if os_name == "windows":
        return paths.join(home, "_netrc"), paths.join(home, ".netrc")
    return (paths.join(home, ".netrc"),)
