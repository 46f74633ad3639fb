"""Which toolchain the go command runs in a module (go-semantics.md §2; cmd/go toolchain.Select)."""

from __future__ import annotations

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

    @property
    def language_version_bug(self) -> bool:
        """The go line is a bare language version ("1.22") and this local go asks for the toolchain
        "go1.22", which does not exist."""
        line = self.file.go.value if self.file and self.file.go else ""
        return (self.reason is SwitchReason.GO_LINE and gover.is_lang(line) and gover.compare(line, "1.21") >= 0
                and has_language_version_bug(self.local))

    @property
    def switches(self) -> bool:
        return self.chosen != "local" and gover.from_toolchain(self.chosen) != self.local


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
    binary = binary or running_go(facts)
    local = local_version(binary)
    setting = facts.memo((user_setting, "GOTOOLCHAIN"), lambda: user_setting(facts, "GOTOOLCHAIN"))
    if not local or setting is None:
        return None
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
                                     None)
    chosen = minimum
    reason = SwitchReason.NONE
    if mode in (ToolchainMode.AUTO, ToolchainMode.PATH) and file is not None:
        current = local if chosen == "local" else gover.from_toolchain(chosen)
        pinned = file.toolchain is not None and file.toolchain.value == "default"  # the go line is ignored too
        if file.toolchain is not None and not pinned:
            wanted = gover.from_toolchain(file.toolchain.value)
            if wanted and gover.compare(wanted, current) > 0:
                chosen, current, reason = file.toolchain.value, wanted, SwitchReason.TOOLCHAIN_LINE
        if file.go is not None and not pinned and gover.compare(file.go.value, current) > 0:
            chosen, reason = gover.toolchain_for_go_line(file.go.value), SwitchReason.GO_LINE
    if chosen != "local" and gover.from_toolchain(chosen) == local:
        chosen = "local"
    return ToolchainDecision(setting, mode, minimum, local, chosen, reason, file)
