"""vendor/modules.txt of each module root and go.work directory the facts hold (the walk skips vendor/): read
when a vendor/ directory is there, recorded as MISSING when the directory has no modules.txt, absent when
there is no vendor/ directory. One stat per directory, one read per modules.txt.

``reread`` (an edit of one file on the language server's hot path) keeps what the last collection found: a
change to a modules.txt arrives as a watched-file event, which collects again."""

from __future__ import annotations

from typing import Protocol

from goenv_lsp.facts import FileFacts, PathKind, Status
from goenv_lsp.files import FileKind
from goenv_lsp.files.vendor_modules import KIND, modules_txt_of, vendor_dir_of
from goenv_lsp.probe.system import System


class _Reads(Protocol):
    system: System
    files: dict[str, FileFacts]
    kinds: list[str]

    def read(self, file_kind: FileKind, path: str) -> FileFacts | None: ...


def read_vendor_lists(collector: _Reads) -> None:
    if KIND.name in collector.kinds:
        return  # the facts being updated already hold them
    collector.kinds.append(KIND.name)
    paths = collector.system.paths
    homes = {paths.dirname(p) for p, f in list(collector.files.items())
             if f.kind in ("go.mod", "go.work") and f.status is not Status.MISSING}
    for directory in sorted(homes):
        if collector.system.stat(vendor_dir_of(directory, paths)).kind is not PathKind.DIR:
            continue
        path = modules_txt_of(directory, paths)
        if collector.read(KIND, path) is None:
            collector.files[path] = KIND.facts_type(path=path, kind=KIND.name, status=Status.MISSING)
