"""vendor/modules.txt of each module root and go.work directory the facts hold (the walk skips vendor/): read
when a vendor/ directory is there, recorded as MISSING when the directory has no modules.txt, absent when
there is no vendor/ directory. One stat per directory, one read per modules.txt."""

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
    paths = collector.system.paths
    if KIND.name not in collector.kinds:
        collector.kinds.append(KIND.name)
    homes = {paths.dirname(p) for p, f in list(collector.files.items())
             if f.kind in ("go.mod", "go.work") and f.status is not Status.MISSING}
    for directory in sorted(homes):
        path = modules_txt_of(directory, paths)
        collector.files.pop(path, None)  # read again: vendor/ may have come or gone since
        if collector.system.stat(vendor_dir_of(directory, paths)).kind is not PathKind.DIR:
            continue
        if collector.read(KIND, path) is None:
            collector.files[path] = KIND.facts_type(path=path, kind=KIND.name, status=Status.MISSING)
