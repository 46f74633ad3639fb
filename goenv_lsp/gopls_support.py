"""The gopls ↔ Go table (data/gopls_support.toml): which gopls suits which Go."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from goenv_lsp.semantics import version as gover

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


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
    last_for_go: dict[str, str]  # old Go major → last gopls without warnings


@cache
def support() -> Support:
    data = tomllib.loads(resources.files("goenv_lsp").joinpath("data/gopls_support.toml").read_text("utf-8"))
    releases = tuple(Release(r["gopls"], str(r.get("date", "")), r.get("build_go_min", ""),
                             tuple(r.get("supported_go", ())), r.get("source", ""))
                     for r in data.get("release", ()))
    return Support(data["latest_go_major"], releases,
                   {e["go"]: e["gopls"] for e in data.get("last_for_go", ())})


def release_line(version: str) -> str:
    """"v0.16.2" → "v0.16"; anything else → ""."""
    match = re.match(r"^v(\d+)\.(\d+)\.\d+", version or "")
    return f"v{match.group(1)}.{match.group(2)}" if match else ""


def release_for(version: str) -> Release | None:
    line = release_line(version)
    return next((r for r in support().releases if r.line == line), None) if line else None


def recommended_for(go_major: str) -> str | None:
    """The newest gopls that supports the go command ``go_major`` ("1.22") without warnings."""
    table = support()
    for release in table.releases:
        if go_major in release.supported_go:
            return release.gopls
    older = [g for g in table.last_for_go if gover.compare(go_major, g) <= 0]
    if older:
        return table.last_for_go[min(older, key=gover.sort_key)]
    newest = table.releases[0] if table.releases else None
    if newest and newest.supported_go and gover.compare(go_major, max(newest.supported_go,
                                                                        key=gover.sort_key)) > 0:
        return newest.gopls
    return None
