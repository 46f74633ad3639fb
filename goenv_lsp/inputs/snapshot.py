"""Saved facts (``goenv-lsp facts`` output): versioned JSON, read back for ``check --facts``.

Older schemas are migrated on load, so a snapshot attached to an old bug report still evaluates.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from goenv_lsp.facts import SCHEMA_VERSION, Facts, Provenance
from goenv_lsp.redact import redact_data
from goenv_lsp.serde import SchemaError, from_data, to_data


class SnapshotError(ValueError):
    """Not facts goenv-lsp can read (the message says why)."""


def dumps(facts: Facts) -> str:
    """The snapshot text: credentials in URLs are redacted once more on the way out."""
    return json.dumps(redact_data(to_data(facts)), indent=2, ensure_ascii=False)


MAX_DEPTH = 200  # facts nest a dozen levels, a settings value read from JSONC at most 100 more
_TOO_DEEP = f"not goenv-lsp facts (nested more than {MAX_DEPTH} levels deep)"


def loads(text: str, where: str = "facts") -> Facts:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SnapshotError(f"{where}: not JSON: {exc}") from None
    except RecursionError:  # the JSON reader recurses once per level
        raise SnapshotError(f"{where}: {_TOO_DEEP}") from None
    if _too_deep(data):
        raise SnapshotError(f"{where}: {_TOO_DEEP}")
    if not isinstance(data, dict) or not isinstance(data.get("schema"), int):
        raise SnapshotError(f"{where}: not goenv-lsp facts (no schema number)")
    schema = data["schema"]
    if schema > SCHEMA_VERSION:
        raise SnapshotError(f"{where}: facts of schema {schema} come from a newer goenv-lsp (this one reads "
                            f"up to {SCHEMA_VERSION})")
    if data.get("home") == "~":  # `goenv-lsp facts` showed home as ~: give it an absolute stand-in again
        data = _home_restored(data, STAND_IN_HOME["windows" if data.get("path_flavor") == "windows" else "posix"])
    while schema < SCHEMA_VERSION:
        migrate = MIGRATIONS.get(schema)
        if migrate is None:
            raise SnapshotError(f"{where}: facts of schema {schema} are too old to read")
        data, schema = migrate(data), schema + 1
    try:
        facts = from_data(Facts, data)
    except SchemaError as exc:
        raise SnapshotError(f"{where}: {exc}") from None
    return dataclasses.replace(facts, provenance=Provenance.SNAPSHOT, stale=False)


# where an anonymized home lives when the facts are read back: absolute, so paths under it stay absolute for
# the rules, and shown as ~ again by every report (it is the facts' home)
STAND_IN_HOME = {"posix": "/~", "windows": "C:\\~"}


def _home_restored(data: object, home: str) -> object:
    """Every ``~`` and ``~/…`` (``~\\…``) in the data, keys too, under ``home``. A value that was written with a
    literal ``~`` (an unexpanded GOPATH) is indistinguishable here and moves too."""
    if isinstance(data, str):
        return home + data[1:] if data == "~" or data.startswith(("~/", "~\\")) else data
    if isinstance(data, list):
        return [_home_restored(item, home) for item in data]
    if isinstance(data, dict):
        return {_home_restored(key, home): _home_restored(value, home) for key, value in data.items()}
    return data


def _too_deep(data: object) -> bool:
    """Is a list or object nested more than MAX_DEPTH levels inside ``data``? (Reading facts recurses per level.)"""
    level: list[object] = [data]
    for _ in range(MAX_DEPTH):
        level = [child for item in level
                 for child in (item.values() if isinstance(item, dict) else item if isinstance(item, list) else ())]
        if not level:
            return False
    return any(isinstance(item, (dict, list)) for item in level)


@dataclass
class Snapshot:
    """The snapshot input: facts saved by `goenv-lsp facts` (any schema this goenv-lsp can migrate)."""

    path: str
    provenance: Provenance = Provenance.SNAPSHOT
    _facts: Facts | None = None

    @property
    def root(self) -> str | None:
        return self.facts().root

    def facts(self) -> Facts:
        if self._facts is None:
            self._facts = load(self.path)
        return self._facts


def load(path: str) -> Facts:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"cannot read facts from {path}: {exc}") from None
    return loads(text, path)


# -- migrations: each takes the data of schema N and returns that of schema N + 1 ------------------------

_PROBLEM_PREFIX = re.compile(r"^[^\s:]+:\d+(?::\d+)?: ")
_V1_KINDS = {"go_mod": "go.mod", "go_work": "go.work", "vscode": "vscode-settings", "idea": "goland-workspace",
             "user_env_file": "goenv", "goroot_env_file": "go.env"}


def _v1_to_v2(data: dict) -> dict:
    """Schema 1 had one field per file kind, a PENDING status, and position prefixes in file problems."""
    out = {k: v for k, v in data.items() if k not in (*_V1_KINDS, "paths", "notes")}
    out["schema"] = 2
    files: dict[str, dict] = {}
    for field, kind in _V1_KINDS.items():
        file = data.get(field)
        if isinstance(file, dict) and isinstance(file.get("path"), str) and file["path"]:
            file = {**file, "kind": kind}
            if isinstance(file.get("problems"), list):
                file["problems"] = [{**p, "message": _PROBLEM_PREFIX.sub("", str(p.get("message", "")))}
                                    if isinstance(p, dict) else p for p in file["problems"]]
            if isinstance(file.get("values"), list):
                file["values"] = [{k: v for k, v in value.items() if k != "key_range"} if isinstance(value, dict)
                                  else value for value in file["values"]]
            files[file["path"]] = file
    probed = data.get("go_binaries") is not None  # schema-1 facts came from a probe that read every kind
    out["files"] = files if (files or probed) else None
    out["kinds"] = list(_V1_KINDS.values()) if probed else None
    go_mod, go_work = data.get("go_mod"), data.get("go_work")
    if isinstance(go_mod, dict) and isinstance(go_mod.get("path"), str) and go_mod["path"]:
        directory = re.sub(r"[/\\][^/\\]*$", "", go_mod["path"]) or go_mod["path"]
        out["modules"] = [{"dir": directory, "go_mod": go_mod["path"],
                           "go_work": go_work.get("path") if isinstance(go_work, dict) else None}]
    else:
        out["modules"] = [] if probed else None
    out["path_info"] = data.get("paths")
    out["path_flavor"] = "windows" if data.get("os") == "windows" else "posix" if data.get("os") else None
    out["go_binaries"] = _each_without_pending(data.get("go_binaries"), ("version_run", "env_run"))
    out["gopls"] = _each_without_pending(data.get("gopls"), ("run",))
    return out


def _each_without_pending(binaries: object, runs: tuple[str, ...]) -> object:
    """Anything not shaped as schema 1 had it is left as it is, for the schema check to report precisely."""
    if not isinstance(binaries, list):
        return binaries
    return [_without_pending(b, runs) if isinstance(b, dict) else b for b in binaries]


def _without_pending(binary: dict, runs: tuple[str, ...]) -> dict:
    binary = dict(binary)
    for name in runs:
        if isinstance(binary.get(name), dict) and binary[name].get("status") == "pending":
            binary[name] = None
    if binary.get("status") == "pending":
        binary["status"] = None
    return binary


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}
