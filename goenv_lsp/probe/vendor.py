"""vendor/modules.txt of each module root and go.work directory the facts hold (the walk skips vendor/): read
when a vendor/ directory is there, recorded as MISSING when the directory has no modules.txt, absent when
there is no vendor/ directory. One stat per directory, one read per modules.txt.

``reread`` (an edit of one file on the language server's hot path) keeps what the last collection found: a
change to a modules.txt arrives as a watched-file event, which collects again."""

from __future__ import annotations

from typing import Protocol

from goenv_lsp.facts import FileFacts, PathKind, Status
from goenv_lsp.files import FileKind, kind
from goenv_lsp.probe.system import System


class _Reads(Protocol):
    system: System
    files: dict[str, FileFacts]
    kinds: list[str]

    def read(self, file_kind: FileKind, path: str) -> FileFacts | None: ...


KIND = kind("vendor/modules.txt")  # the catalogue's: its parser is imported when a vendor/ directory is there
assert KIND is not None
_MODULES_TXT = tuple(KIND.names[0].split("/"))  # ("vendor", "modules.txt") under each module root


def read_vendor_lists(collector: _Reads) -> None:
    if KIND.name in collector.kinds:
        return  # the facts being updated already hold them
    collector.kinds.append(KIND.name)
    paths = collector.system.paths
    homes = {paths.dirname(p) for p, f in list(collector.files.items())
             if f.kind in ("go.mod", "go.work") and f.status is not Status.MISSING}
    for directory in sorted(homes):
        if collector.system.stat(paths.join(directory, *_MODULES_TXT[:-1])).kind is not PathKind.DIR:
            continue
        path = paths.join(directory, *_MODULES_TXT)
        if collector.read(KIND, path) is None:
            collector.files[path] = KIND.facts_type(path=path, kind=KIND.name, status=Status.MISSING)
