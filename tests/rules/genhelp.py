"""Helpers for the code-generator rules' tests (GE630–GE632): facts of a workspace with go.mod, Makefile,
buf.gen.yaml and //go:generate text, and the generator programs PATH or GOBIN hold."""

from __future__ import annotations

import dataclasses

from factsbuilder import HOME, ROOT, healthy

from goenv_lsp.facts import Facts, GoBinDir, GoGenerateFile, GoTool, PathInfo, PathKind
from goenv_lsp.facts.enums import PathFlavor
from goenv_lsp.facts.paths import ops
from goenv_lsp.files import ParseContext, kind, parse
from goenv_lsp.probe.generate import directives

BIN = f"{HOME}/go/bin"
PATH = ("/usr/local/go1.27.3/bin", "/usr/bin")


def parsed(kind_name: str, text: str, name: str):
    found = kind(kind_name)
    assert found is not None
    return parse(found, text.encode(), f"{ROOT}/{name}", ParseContext(ROOT, HOME, ops(PathFlavor.POSIX)))


def tool(name: str, package: str | None = None, version: str | None = None, go: str = "go1.27.3",
         where: str = BIN) -> GoTool:
    return GoTool(name, f"{where}/{name}", f"{where}/{name}", package, version, go, "linux", "amd64")


def workspace(go_mod: str = "module example.com/app\n\ngo 1.27.3\n", files: dict[str, str] | None = None,
              generate: dict[str, str] | None = None, on_path: tuple[GoTool, ...] = (),
              in_gobin: tuple[GoTool, ...] = (), missing: tuple[str, ...] = ()) -> Facts:
    """``files``: Makefile / buf.gen.yaml text by name; ``generate``: .go file text by name (its //go:generate
    lines); ``on_path``: what PATH runs; ``in_gobin``: ~/go/bin (not on PATH); ``missing``: names PATH lacks."""
    facts = healthy(go_mod=parsed("go.mod", go_mod, "go.mod"), path_entries=PATH,
                    path_dir_info={e: PathInfo(PathKind.DIR, real_path=e) for e in PATH})
    changed = {}
    for name, text in (files or {}).items():
        kind_name = "buf.gen.yaml" if name.endswith(("buf.gen.yaml", "buf.gen.yml")) else "makefile"
        file = parsed(kind_name, text, name)
        changed[file.path] = file
    facts = facts.with_files(changed)
    go_files = tuple(GoGenerateFile(path=f"{ROOT}/{name}", commands=directives(text.encode()))
                     for name, text in (generate or {}).items())
    commands = {**{t.name: t.real_path for t in on_path}, **{n: "" for n in missing},
                **{t.name: "" for t in in_gobin if t.name not in {p.name for p in on_path}}}
    return dataclasses.replace(facts, go_generate=go_files, generators=on_path, path_commands=commands,
                               go_bin_dirs=(GoBinDir(BIN, "GOPATH", PathKind.DIR, in_gobin),))
