"""Fixes for a ``-mod`` flag in GOFLAGS (GE502, GE503): drop it where it is written."""

from __future__ import annotations

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.go_mod import mod_file
from goenv_lsp.model import Applicability, Fix, Location, Related
from goenv_lsp.rules._shared.anchors import env_setting_anchor, file_anchor
from goenv_lsp.rules._shared.fixes import replace_text, unset_if_written
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.vendor import ModFlag


def without_mod_flag(value: str) -> str:
    """GOFLAGS with every -mod=… field removed, the other flags as they were."""
    return " ".join(f for f in value.split() if not (f.startswith("-") and f.lstrip("-").startswith("mod=")))


def drop_mod_flag(facts: Facts, flag: ModFlag) -> tuple[Fix, ...]:
    """In the GOENV file: the -mod field removed (the whole GOFLAGS line when nothing else is left). An
    environment variable is the shell profile's to change: nothing to edit here."""
    setting = flag.setting
    rest = without_mod_flag(setting.value.rstrip("\r"))
    if not rest:
        return tuple(Fix(f"Remove GOFLAGS={setting.value.strip()} from the GOENV file", Applicability.UNSAFE,
                         edits=f.edits) for f in unset_if_written(facts, setting))
    if not setting.in_goenv_file or setting.location is None or setting.location.path is None:
        return ()
    title = f"Remove -mod={flag.value} from GOFLAGS in the GOENV file (keep {rest})"
    return (replace_text(setting.location.path, setting.location.range, f"GOFLAGS={rest}", title,
                         Applicability.UNSAFE),)


def flag_location(facts: Facts, flag: ModFlag, scope: ModuleScope) -> Location:
    """The GOENV file line; for an environment variable, the scope's go.mod / go.work."""
    if flag.setting.location is not None:
        return env_setting_anchor(facts, flag.setting)
    found = mod_file(facts, scope.path)
    return file_anchor(found) if found is not None and found.status is not Status.UNREADABLE else Location(scope.path)


def related_flag(flag: ModFlag) -> tuple[Related, ...]:
    """Where GOFLAGS is set (the value without the \\r a CRLF GOENV file leaves on it)."""
    location = flag.setting.location
    return () if location is None else (Related(location, f"GOFLAGS={flag.setting.value.strip()} is set here"),)
