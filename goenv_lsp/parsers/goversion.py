"""Output of ``go version`` and ``go version -m FILE`` (go-semantics.md §1.6, §7.3)."""

from __future__ import annotations

from dataclasses import dataclass


def parse_go_version(output: str) -> tuple[str, str] | None:
    """"go version go1.22.0 X:fieldtrack linux/amd64" → ("go1.22.0 X:fieldtrack", "linux/amd64").

    The platform is the last field; devel and experiment versions contain spaces."""
    for line in output.splitlines():
        if line.startswith("go version "):
            fields = line[len("go version "):].split()
            if len(fields) >= 2:
                return " ".join(fields[:-1]), fields[-1]
    return None


@dataclass(frozen=True)
class BuildInfo:
    go_version: str  # "go1.19.5"
    path: str | None = None  # main package path
    module_path: str | None = None
    module_version: str | None = None  # None when there is no mod line
    settings: tuple[tuple[str, str], ...] = ()


def parse_build_info(output: str) -> BuildInfo | None:
    """Text of ``go version -m FILE`` for one file; None when it holds no Go build info."""
    lines = output.splitlines()
    if not lines or ": " not in lines[0]:
        return None
    go_version = lines[0].rsplit(": ", 1)[1].strip()
    if not go_version.startswith(("go", "devel")):
        return None
    path = module_path = module_version = None
    settings = []
    for line in lines[1:]:
        fields = line.strip("\n").split("\t")
        if len(fields) < 3 or fields[0] != "":
            continue
        kind, rest = fields[1], fields[2:]
        if kind == "path":
            path = rest[0]
        elif kind == "mod":
            module_path = rest[0]
            module_version = rest[1] if len(rest) > 1 else ""
        elif kind == "build":
            key, _, value = rest[0].partition("=")
            settings.append((key, value))
    return BuildInfo(go_version, path, module_path, module_version, tuple(settings))
