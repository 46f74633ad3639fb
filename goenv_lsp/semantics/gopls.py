"""The gopls ↔ Go table (goenv_lsp/data/gopls_support.toml): which gopls suits which Go."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from functools import cache

from goenv_lsp.semantics import version as gover


@dataclass(frozen=True)
class Release:
    gopls: str  # newest known patch of the line, "v0.23.0"
    date: str
    build_go_min: str
    supported_go: tuple[str, ...]  # go command majors supported at runtime
    source: str

    @property
    def line(self) -> str:
        return release_line(self.gopls)


@dataclass(frozen=True)
class Support:
    latest_go_major: str
    releases: tuple[Release, ...]  # newest first
    last_for_go: dict[str, str]  # old Go major → last gopls without warnings (gopls' own table, then policy)


@cache
def support() -> Support:
    try:  # here: only a gopls found needs the table (tomllib imports datetime, string …)
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "gopls_support.toml"), "rb") as handle:
        data = tomllib.load(handle)
    releases = tuple(Release(r["gopls"], str(r.get("date", "")), r.get("build_go_min", ""),
                             tuple(r.get("supported_go", ())), r.get("source", ""))
                     for r in data.get("release", ()))
    last = {e["go"]: e["gopls"] for e in data.get("last_for_go", ())}
    last.update({e["go"]: e["gopls"] for e in data.get("last_by_policy", ())})
    return Support(data["latest_go_major"], releases, last)


def release_line(version: str) -> str:
    """"v0.16.2" → "v0.16"; anything else → ""."""
    match = re.match(r"^v(\d+)\.(\d+)\.\d+", version or "")
    return f"v{match.group(1)}.{match.group(2)}" if match else ""


def line_key(version: str) -> tuple[int, int]:
    """"v0.16.2" → (0, 16), for ordering release lines; unknown → (-1, -1)."""
    match = re.match(r"^v(\d+)\.(\d+)", version or "")
    return (int(match.group(1)), int(match.group(2))) if match else (-1, -1)


def release_for(version: str) -> Release | None:
    line = release_line(version)
    return next((r for r in support().releases if r.line == line), None) if line else None


@dataclass(frozen=True)
class Recommendation:
    gopls: str
    needs_newer_go_to_build: str = ""  # set when the local go cannot build it without switching


@functools.lru_cache(maxsize=256)
def recommended_for(go_major: str, local: str = "", can_switch: bool = True) -> Recommendation | None:
    """The newest gopls that supports the go command ``go_major`` ("1.22") and, when the go command may
    not switch toolchains, that the local go (``local``, "1.22.10") can build."""
    table = support()
    candidates = [r for r in table.releases if go_major in r.supported_go]
    if go_major in table.last_for_go:  # the documented "last without warnings" comes first
        named = table.last_for_go[go_major]
        candidates = [release_for(named) or Release(named, "", "", (), "")] + [
            r for r in candidates if r.gopls != named]
    newest = table.releases[0] if table.releases else None
    if not candidates and newest and newest.supported_go and gover.compare(
            go_major, max(newest.supported_go, key=gover.sort_key)) > 0:
        candidates = [newest]  # a Go newer than the table: the newest gopls
    if not candidates and gover.is_valid(go_major):  # older than the table: the entry that covers it
        covering = sorted((g for g in table.last_for_go if gover.compare(g, go_major) >= 0), key=gover.sort_key)
        if covering:  # e.g. "1.15" also covers 1.13 and 1.14, "1.12" covers older ones
            named = table.last_for_go[covering[0]]
            candidates = [release_for(named) or Release(named, "", "", (), "")]

    def buildable(release: Release) -> bool:
        # go lines were advisory before Go 1.21: only newer minimums stop an older local go
        enforced = release.build_go_min and gover.compare(release.build_go_min, "1.21") >= 0
        return can_switch or not local or not enforced or gover.compare(local, release.build_go_min) >= 0

    for release in candidates:
        if buildable(release):
            return Recommendation(release.gopls)
    if candidates:
        return Recommendation(candidates[-1].gopls, candidates[-1].build_go_min)
    return None
