"""Which toolchain the go command runs in a module (go-semantics.md §2; cmd/go toolchain.Select)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from goenv_lsp.facts import Facts, GoBinary, SwitchReason, ToolchainMode
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.go_env import Setting, user_setting

# Local go versions that turn `go 1.N` into the toolchain name go1.N, which was never released, instead of
# go1.N.0 (golang/go#62278, #66175; fixed by CL 580217 "download 1.X.0 instead of 1.X", backported to
# Go 1.21.11 per golang/go#67310 and — inferred from the backport CLs 583797/583915 — to Go 1.22.4).
LANGUAGE_VERSION_BUG = (("1.21.0", "1.21.11"), ("1.22.0", "1.22.4"))  # [first affected, first fixed)


@dataclass(frozen=True)
class ToolchainDecision:
    setting: Setting  # the user's GOTOOLCHAIN and where it came from
    mode: ToolchainMode
    minimum: str  # "local" or a toolchain name from the setting
    local: str  # "1.22.10"
    chosen: str  # "local" or a toolchain name like "go1.27.0"
    reason: SwitchReason  # the file line that forced the choice
    file: ModFileFacts | None
    error: str = ""  # the go command stops: 'invalid toolchain "x" in go.mod', 'invalid GOTOOLCHAIN "go2.0"'
    enabled: bool = True  # False in GOPATH mode (GO111MODULE=off): the go command then ignores GOTOOLCHAIN

    @property
    def language_version_bug(self) -> bool:
        """The go line is a bare language version ("1.22") and this local go asks for the toolchain
        "go1.22", which does not exist."""
        line = self.file.go.value if self.file and self.file.go else ""
        return (self.reason is SwitchReason.GO_LINE and gover.is_lang(line) and gover.compare(line, "1.21") >= 0
                and has_language_version_bug(self.local))

    @property
    def switches(self) -> bool:
        return self.chosen != "local"

    @property
    def running(self) -> str:
        """The version of the toolchain that really runs: the local one, or the one switched to."""
        return gover.from_toolchain(self.chosen) if self.switches else self.local


def has_language_version_bug(local: str) -> bool:
    return any(gover.compare(low, local) <= 0 and gover.compare(local, high) < 0 for low, high in LANGUAGE_VERSION_BUG)


def toolchain_decision(facts: Facts, file: ModFileFacts | None,
                       binary: GoBinary | None = None) -> ToolchainDecision | None:
    """What ``go build`` would do under ``file`` (the scope's go.work or go.mod; None outside any module)
    with the user's GOTOOLCHAIN; None when unknown."""
    if binary is None:  # the go that runs: many rules ask, per scope
        return facts.memo((toolchain_decision, file.path if file else None), lambda: _decide(facts, file, None))
    return _decide(facts, file, binary)


def _decide(facts: Facts, file: ModFileFacts | None, binary: GoBinary | None) -> ToolchainDecision | None:
    """toolchain.Select (cmd/go 1.21-1.27): GOTOOLCHAIN is ``<min>[+auto|+path]`` (``auto`` = ``local+auto``,
    ``path`` = ``local+path``); in auto/path mode a toolchain line newer than the minimum, then a go line newer
    than that, raises it; the result runs locally when it names the local toolchain exactly."""
    binary = binary or running_go(facts)
    local = local_version(binary)
    setting = facts.memo((user_setting, "GOTOOLCHAIN"), lambda: user_setting(facts, "GOTOOLCHAIN"))
    if not local or setting is None:
        return None
    local_name = _local_toolchain(binary, local)
    go111 = user_setting(facts, "GO111MODULE")
    enabled = go111 is None or go111.value in ("", "on", "auto")  # auto: a go.mod or go.work must be found
    value = setting.value
    if value in ("", "local"):
        mode, minimum = ToolchainMode.LOCAL, "local"
    elif value in ("auto", "path"):
        mode, minimum = ToolchainMode(value), "local"
    else:
        minimum, plus, suffix = value.partition("+")
        mode = ToolchainMode.LOCAL
        if plus:
            mode = ToolchainMode(suffix) if suffix in ("auto", "path") else ToolchainMode.INVALID
        if mode is ToolchainMode.INVALID or (minimum != "local" and not gover.from_toolchain(minimum)):
            return ToolchainDecision(setting, ToolchainMode.INVALID, minimum, local, "local", SwitchReason.NONE,
                                     None, enabled=enabled)
    if not enabled or value == "":  # an empty value: Select returns at once
        return ToolchainDecision(setting, mode, minimum, local, "local", SwitchReason.NONE, file, enabled=enabled)
    chosen = minimum
    reason = SwitchReason.NONE
    error = ""
    if mode in (ToolchainMode.AUTO, ToolchainMode.PATH) and file is not None:
        current = local if chosen == "local" else gover.from_toolchain(chosen)
        pinned = file.toolchain is not None and file.toolchain.value == "default"  # the go line is ignored too
        if file.toolchain is not None and not pinned:
            name = file.toolchain.value
            wanted = gover.from_toolchain(name)
            if not wanted or not (name.startswith("go") or "-go" in name):
                error = f"invalid toolchain {_quote(name)} in {file.kind}"
            elif gover.compare(wanted, current) > 0:
                chosen, current, reason = name, wanted, SwitchReason.TOOLCHAIN_LINE
        if file.go is not None and not pinned and not error and gover.compare(file.go.value, current) > 0:
            chosen, reason = gover.toolchain_for_go_line(file.go.value), SwitchReason.GO_LINE
    if chosen == local_name:
        chosen = "local"
    if not error and chosen != "local" and not (chosen.startswith("go1") or "-go1" in chosen):
        error = f"invalid GOTOOLCHAIN {_quote(chosen)}"  # the sanity check before looking for it
    return ToolchainDecision(setting, mode, minimum, local, chosen, reason, file, error, enabled)


def _local_toolchain(binary: GoBinary | None, local: str) -> str:
    """gover.LocalToolchain: runtime.Version() as it is ("go1.22.10", "go1.22.0 X:fieldtrack"); "go1.N" for a
    development build."""
    version = binary.version if binary and binary.version else ""
    return version if gover.from_toolchain(version) == local else f"go{local}"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
