"""The vocabulary shared by rules, reports and the language server: positions, findings, fixes.

Positions are 0-based; ``character`` counts UTF-16 code units, as LSP does by default.
Writers convert to 1-based lines and columns at the edges.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from goenv_lsp.frozen import FrozenMap, freeze


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(str, enum.Enum):
    """Whether a fix may be applied without a person looking at it (ruff's terms)."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Position:
    line: int
    character: int


@dataclass(frozen=True, order=True)
class Range:
    start: Position
    end: Position

    @staticmethod
    def of(line: int, start: int, end: int | None = None, end_line: int | None = None) -> Range:
        return Range(Position(line, start), Position(line if end_line is None else end_line,
                                                    start if end is None else end))


WHOLE_FILE_START = Range.of(0, 0)


@dataclass(frozen=True)
class Location:
    """A place in a file; ``path`` is absolute. ``path=None`` means the workspace as a whole."""

    path: str | None
    range: Range = WHOLE_FILE_START


@dataclass(frozen=True)
class TextEdit:
    path: str
    range: Range
    new_text: str


class CommandKind(str, enum.Enum):
    """What a command fix does; the language server routes on this and checks the argv against it."""

    GO_ENV_WRITE = "go-env-write"  # go env -w KEY=VALUE / go env -u KEY
    INSTALL_GOPLS = "install-gopls"  # go install golang.org/x/tools/gopls@vX.Y.Z
    SYNC_VENDOR = "sync-vendor"  # go mod vendor / go work vendor, run in the module or go.work directory


@dataclass(frozen=True)
class CommandSpec:
    """A command the user may choose to run, as an argv (never through a shell)."""

    kind: CommandKind
    argv: tuple[str, ...]
    cwd: str | None = None
    env: FrozenMap[str, str] | None = None  # variables set for this command only (e.g. GOTOOLCHAIN=auto)

    def __post_init__(self) -> None:
        if self.env is not None and not isinstance(self.env, FrozenMap):
            object.__setattr__(self, "env", freeze(self.env))


@dataclass(frozen=True)
class Fix:
    title: str
    applicability: Applicability
    edits: tuple[TextEdit, ...] = ()
    command: CommandSpec | None = None


@dataclass(frozen=True)
class Related:
    location: Location
    message: str


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    fixes: tuple[Fix, ...] = ()
    related: tuple[Related, ...] = field(default=())
    module: str | None = None  # the go.mod or go.work (path) of the module the finding concerns; None: the
    #                            machine or editor as a whole
    suppressed_by: tuple[str, ...] = ()  # codes whose findings make this one redundant (the engine drops it)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (characters beyond the BMP count twice)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
