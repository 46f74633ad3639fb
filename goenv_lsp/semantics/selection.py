"""Which go runs, and which toolchain it would switch to (go-semantics.md §2; cmd/go toolchain.Select)."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, GoBinary, ModFileFacts, Status
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.goenv import Setting, user_setting


def running_go(facts: Facts) -> GoBinary | None:
    """The go a terminal in the workspace runs: the first one on PATH (None if unknown or none)."""
    on_path = [b for b in facts.go_binaries or () if b.path_index is not None]
    return min(on_path, key=lambda b: b.path_index or 0) if on_path else None


def local_version(binary: GoBinary | None) -> str:
    """The bundled toolchain version of a probed go ("1.22.10"), or "" when unknown."""
    if binary is None or not binary.version:
        return ""
    return gover.from_runtime(binary.version)


def governing_mod_file(facts: Facts) -> ModFileFacts | None:
    """go.work when in workspace mode, else go.mod: the file whose go/toolchain lines count."""
    if facts.go_work is not None:
        return facts.go_work
    return facts.go_mod


@dataclass(frozen=True)
class ToolchainDecision:
    setting: Setting  # the user's GOTOOLCHAIN and where it came from
    mode: str  # "local", "auto", "path" or "invalid"
    minimum: str  # "local" or a toolchain name from the setting
    local: str  # "1.22.10"
    chosen: str  # "local" or a toolchain name like "go1.27.0"
    reason: str  # the file line that forced the choice, "" if none
    file: ModFileFacts | None

    @property
    def language_version_bug(self) -> bool:
        """The go line is a bare language version ("1.22") and this local go asks for the toolchain
        "go1.22", which does not exist (go1.21.0–1.21.10, go1.22.0–1.22.3; golang/go#62278, #66175)."""
        line = self.file.go.value if self.file and self.file.go else ""
        return (self.reason == "go" and gover.is_lang(line) and gover.compare(line, "1.21") >= 0
                and has_language_version_bug(self.local))

    @property
    def switches(self) -> bool:
        return self.chosen != "local" and gover.from_toolchain(self.chosen) != self.local


def has_language_version_bug(local: str) -> bool:
    """Local go versions that turn ``go 1.N`` into the toolchain name go1.N (fixed in 1.21.11 and 1.22.4)."""
    return any(gover.compare(low, local) <= 0 and gover.compare(local, high) < 0
               for low, high in (("1.21.0", "1.21.11"), ("1.22.0", "1.22.4")))


def toolchain_decision(facts: Facts, binary: GoBinary | None = None) -> ToolchainDecision | None:
    """What ``go build`` would do in the workspace with the user's GOTOOLCHAIN; None when unknown."""
    binary = binary or running_go(facts)
    local = local_version(binary)
    setting = user_setting(facts, "GOTOOLCHAIN")
    if not local or setting is None:
        return None
    value = setting.value
    if value in ("", "local"):
        mode, minimum = "local", "local"
    elif value in ("auto", "path"):
        mode, minimum = value, "local"
    else:
        minimum, plus, suffix = value.partition("+")
        mode = suffix if plus else "local"
        if (plus and mode not in ("auto", "path")) or (minimum != "local" and not gover.from_toolchain(minimum)):
            return ToolchainDecision(setting, "invalid", minimum, local, "local", "", None)
    chosen = minimum
    file = governing_mod_file(facts)
    reason = ""
    if mode in ("auto", "path") and file is not None:
        current = local if chosen == "local" else gover.from_toolchain(chosen)
        pinned = file.toolchain is not None and file.toolchain.value == "default"  # the go line is ignored too
        if file.toolchain is not None and not pinned:
            wanted = gover.from_toolchain(file.toolchain.value)
            if wanted and gover.compare(wanted, current) > 0:
                chosen, current, reason = file.toolchain.value, wanted, "toolchain"
        if file.go is not None and not pinned and gover.compare(file.go.value, current) > 0:
            chosen, reason = gover.toolchain_for_go_line(file.go.value), "go"
    if chosen != "local" and gover.from_toolchain(chosen) == local:
        chosen = "local"
    return ToolchainDecision(setting, mode, minimum, local, chosen, reason, file)


def go_ok(binary: GoBinary | None) -> bool:
    return binary is not None and binary.status is Status.OK
