"""GE513: which GOFLAGS field is -modfile, and what stays when it goes."""

from __future__ import annotations

from goenv_lsp.rules.ge5_workspace.ge513_goflags_modfile import modfile_flag, without_modfile
from goenv_lsp.semantics.go_env import Setting, Source


def flags(value: str) -> Setting:
    return Setting("GOFLAGS", value, Source.ENVIRONMENT)


def test_the_last_modfile_wins_with_one_or_two_dashes() -> None:
    assert modfile_flag(flags("-modfile=a.mod --modfile=b.mod")) == "b.mod"
    assert modfile_flag(flags("-mod=mod -modcacherw -trimpath")) is None
    assert modfile_flag(flags("")) is None


def test_only_modfile_fields_are_removed() -> None:
    assert without_modfile("-trimpath -modfile=a.mod -mod=mod --modfile=b.mod") == "-trimpath -mod=mod"
