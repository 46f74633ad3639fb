"""Facts: the one snapshot rules read (see ``model``), its vocabularies and its path operations."""

from goenv_lsp.facts.enums import (
    EDITOR_ORIGINS,
    Origin,
    PathFlavor,
    PathKind,
    Provenance,
    Refusal,
    Source,
    Status,
    SwitchReason,
    ToolchainMode,
)
from goenv_lsp.facts.model import (
    SCHEMA_VERSION,
    Discovery,
    Facts,
    FileFacts,
    FileProblem,
    GoBinary,
    GoplsBinary,
    Module,
    PathInfo,
    ProbeRun,
    Spanned,
)
from goenv_lsp.facts.paths import PathOps
from goenv_lsp.frozen import FrozenMap, freeze

__all__ = [
    "EDITOR_ORIGINS",
    "SCHEMA_VERSION",
    "Discovery",
    "Facts",
    "FileFacts",
    "FileProblem",
    "FrozenMap",
    "GoBinary",
    "GoplsBinary",
    "Module",
    "Origin",
    "PathFlavor",
    "PathInfo",
    "PathKind",
    "PathOps",
    "ProbeRun",
    "Provenance",
    "Refusal",
    "Source",
    "Spanned",
    "Status",
    "SwitchReason",
    "ToolchainMode",
    "freeze",
]
