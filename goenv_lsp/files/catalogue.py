"""Writes ``files/_catalogue.py``: every file kind's record as data, its parser, locator and facts type named
(``Deferred``) rather than imported. The kind modules stay the source: adding or changing a kind means editing
its module, listing it in ``SOURCES`` when new, and running

    python -m goenv_lsp.files.catalogue --write      # or: make catalogue

(without ``--write``, as ``goenv_lsp.rules.catalogue``: exit 1 when the catalogue differs from the modules;
tests/test_file_catalogue.py fails until it is regenerated).
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import importlib
import sys
from pathlib import Path

from goenv_lsp.files.base import EditorHints, FileKind

# (module under goenv_lsp.files, the variable holding its kind or tuple of kinds), in the order kinds match a path
SOURCES: tuple[tuple[str, str], ...] = (
    ("go_mod", "KIND"), ("go_work", "KIND"), ("vscode_settings", "KIND"), ("goland_workspace", "KIND"),
    ("goenv_file", "KIND"), ("goroot_env", "KIND"), ("dockerfile", "KIND"), ("github_workflow", "KIND"),
    ("gitlab_ci", "KIND"), ("makefile", "KIND"), ("buf_gen", "KIND"), ("devcontainer", "KIND"),
    ("project_config", "KIND"), ("goenv_unused", "KIND"), ("vendor_modules", "KIND"),
    # version managers: the Go version they select here (semantics.version_managers)
    ("go_version", "KIND"), ("go_version", "GLOBAL_KIND"), ("tool_versions", "KIND"),
    ("tool_versions", "GLOBAL_KIND"), ("mise_config", "KIND"), ("mise_config", "ROOT_KIND"),
    ("mise_config", "GLOBAL_KIND"), ("gvm_default", "KIND"), ("shell_rc_kinds", "KINDS"),
)
TARGET = Path(__file__).with_name("_catalogue.py")
REGENERATE = "python -m goenv_lsp.files.catalogue --write"
DEFERRED = ("parse", "facts_type", "locate")
HEADER = '''"""Every file kind's record, generated from the kind modules by
`python -m goenv_lsp.files.catalogue --write`: do not edit. Parsers, locators and facts types are Deferred,
imported from their module when first used."""

from goenv_lsp.files.base import Deferred, EditorHints, FileKind, Where
from goenv_lsp.model import Severity

KINDS: tuple[FileKind, ...] = (
'''


def source_kinds() -> list[tuple[str, FileKind]]:
    """(module, kind) for every kind the modules define, in SOURCES order."""
    found = []
    for module_name, variable in SOURCES:
        module = f"goenv_lsp.files.{module_name}"
        value = getattr(importlib.import_module(module), variable)
        found += [(module, kind) for kind in (value if isinstance(value, tuple) else (value,))]
    return found


def _value(value: object, indent: str) -> str:
    """``value`` as Python source, on one line when it fits in 120 columns at ``indent``, else one item a line."""
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if isinstance(value, EditorHints):
        inner = indent + "    "
        items = [f"{f.name}={_value(getattr(value, f.name), inner)}" for f in dataclasses.fields(value)
                 if getattr(value, f.name) != f.default]
        one_line = f"EditorHints({', '.join(items)})"
        if len(indent) + len(one_line) <= 100:
            return one_line
        return "EditorHints(\n" + "".join(f"{inner}{item},\n" for item in items) + f"{indent})"
    if isinstance(value, tuple) and len(indent) + len(repr(value)) > 100:
        inner = indent + "    "
        return "(\n" + "".join(f"{inner}{item!r},\n" for item in value) + f"{indent})"
    return repr(value)


def _entry(module: str, kind: FileKind) -> str:
    indent = " " * 8
    lines = []
    for spec in dataclasses.fields(FileKind):
        value = getattr(kind, spec.name)
        required = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
        default = spec.default_factory() if spec.default_factory is not dataclasses.MISSING else spec.default
        if spec.name == "facts_type":
            bases = tuple(f"{c.__module__}.{c.__qualname__}" for c in value.__mro__ if c is not object)
            inner = indent + "    "
            rendered = (f"Deferred(\n{inner}{module!r}, {kind.name!r}, 'facts_type',\n"
                        f"{inner}bases={_value(bases, inner)},\n{indent})")
        elif spec.name in DEFERRED and value is not None:
            rendered = f"Deferred({module!r}, {kind.name!r}, {spec.name!r})"
        elif required or value != default:
            rendered = _value(value, indent)
        else:
            continue
        lines.append(f"{spec.name}={rendered}")
    return "    FileKind(\n" + "".join(f"{indent}{line},\n" for line in lines) + "    ),\n"


def render() -> str:
    return HEADER + "".join(_entry(module, kind) for module, kind in source_kinds()) + ")\n"


def main(argv: list[str] | None = None) -> int:
    """Without --write: exit 1 when the catalogue differs from the kind modules."""
    parser = argparse.ArgumentParser(prog="python -m goenv_lsp.files.catalogue", description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {TARGET.name} from the kind modules")
    args = parser.parse_args(argv)
    text = render()
    if args.write:
        TARGET.write_text(text, encoding="utf-8")
        print(f"wrote {TARGET} ({text.count('FileKind(')} kinds)")
        return 0
    if not TARGET.is_file() or TARGET.read_text(encoding="utf-8") != text:
        print(f"goenv_lsp/files/{TARGET.name} differs from the kind modules: run `{REGENERATE}`", file=sys.stderr)
        return 1
    print(f"{TARGET.name} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
