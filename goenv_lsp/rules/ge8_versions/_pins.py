"""The Go versions files around go.mod select (``GoPin``s, collected by the file kinds whose facts mix in
``PinsGo``), and the module each one builds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, GoPin, Module, PinsGo, Status
from goenv_lsp.files import KINDS
from goenv_lsp.files.go_mod import ModFileFacts


def pin_kinds() -> tuple[str, ...]:
    """The file kinds whose facts carry Go pins."""
    return tuple(k.name for k in KINDS if k.facts_are(PinsGo))


@dataclass(frozen=True)
class PinnedFile:
    file: FileFacts
    pin: GoPin
    module: Module
    go_mod: ModFileFacts


def pins(facts: Facts) -> Iterator[PinnedFile]:
    """Every pin whose module's go.mod parsed, in path order."""
    for kind in pin_kinds():
        for file in facts.files_of(kind) or ():
            if not isinstance(file, PinsGo) or file.status is not Status.OK:
                continue
            for pin in file.go_pins:
                module = facts.module_for(pin.module_dir or file.path)
                go_mod = facts.file(module.go_mod) if module else None
                if module and isinstance(go_mod, ModFileFacts) and go_mod.status is Status.OK:
                    yield PinnedFile(file, pin, module, go_mod)


def spelled_like(text: str, version: str) -> str:
    """``version`` written as ``text`` was: with its ``go`` prefix, and as many parts (``1.22`` → ``1.27``,
    ``1.22.3`` → ``1.27.0``)."""
    prefix = "go" if text.startswith("go") else ""
    parts = version.split(".")
    bare = text[len(prefix):]
    if bare.count(".") == 1:
        return prefix + ".".join(parts[:2])
    return prefix + (version if len(parts) >= 3 else f"{version}.0")
