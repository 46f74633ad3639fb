"""Seed corpora: real files from the golden cases, examples/ and the parsers' tests, and captured go output.

A file kind is recognised by the registry's own names, so a kind added later gets its golden and example files
as seeds without a change here. Everything is read in a fixed order: the same seeds in every run.
"""

from __future__ import annotations

import ast
import fnmatch
import json
from functools import cache
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from goenv_lsp.files import PARSED, FileKind

REPO = Path(__file__).resolve().parents[2]
SEEDS = Path(__file__).resolve().parent / "seeds"
GOLDENS = REPO / "tests" / "rules" / "goldens"

# Test modules whose multi-line string constants are files of a kind (the goldens hold few of some kinds).
TEST_SOURCES: dict[str, tuple[str, ...]] = {
    "go.mod": ("tests/parsers/test_modfile.py",),
    "go.work": ("tests/parsers/test_modfile.py",),
    "vscode-settings": ("tests/parsers/test_vscode_settings.py", "tests/parsers/test_jsonc.py"),
    "goland-workspace": ("tests/parsers/test_goland_workspace.py",),
    "dockerfile": ("tests/files/test_dockerfile.py",),
    **dict.fromkeys(("bash-startup", "sh-profile", "zsh-startup", "fish-config", "envrc"),
                    ("tests/files/test_shell_rc.py",)),
    "github-workflow": ("tests/files/test_ci_files.py",),
    "gitlab-ci": ("tests/files/test_ci_files.py",),
    "devcontainer": ("tests/files/test_devcontainer.py",),
    "toml": ("tests/test_config_edit.py", "tests/test_cli_config.py"),
}


def kind_of_path(path: str) -> FileKind | None:
    """The parsed kind a path of a golden machine or of examples/ holds, by the registry's names."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    for kind in PARSED:
        if kind.matches_name(name) or any(fnmatch.fnmatchcase(path.replace("\\", "/"), "*/" + n) for n in kind.names):
            return kind
    return None


@cache
def _golden_tomls() -> tuple[tuple[Path, str], ...]:
    paths = sorted(GOLDENS.glob("*/*/case.toml")) + sorted((GOLDENS / "machines").glob("*.toml"))
    return tuple((p, p.read_text(encoding="utf-8")) for p in paths)


@cache
def _golden_files() -> tuple[tuple[str, bytes], ...]:
    found = []
    for _, text in _golden_tomls():
        files = tomllib.loads(text).get("files", {})
        found += [(path, content.encode("utf-8")) for path, content in files.items() if isinstance(content, str)]
    return tuple(found)


@cache
def _example_files() -> tuple[tuple[str, bytes], ...]:
    paths = sorted(p for p in (REPO / "examples").rglob("*") if p.is_file() and p.stat().st_size < 100_000)
    return tuple(("/" + p.relative_to(REPO).as_posix(), p.read_bytes()) for p in paths)


@cache
def test_strings(source: str) -> tuple[bytes, ...]:
    """The multi-line str and bytes constants of a test module."""
    tree = ast.parse((REPO / source).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)) and len(node.value) > 8:
            value = node.value.encode("utf-8", "surrogatepass") if isinstance(node.value, str) else node.value
            if b"\n" in value:
                found.append(value)
    return tuple(found)


def _unique(items: list[bytes]) -> tuple[bytes, ...]:
    return tuple(dict.fromkeys(items)) or (b"",)


@cache
def file_seeds(kind: FileKind) -> tuple[bytes, ...]:
    """Seeds of one file kind: golden files, example files, the kind's test files, captured ones."""
    found = [data for path, data in (*_golden_files(), *_example_files()) if kind_of_path(path) is kind]
    for source in TEST_SOURCES.get(kind.name, ()):
        found += test_strings(source)
    found += [p.read_bytes() for p in sorted(SEEDS.glob("*")) if kind_of_path("/" + p.name) is kind]
    return _unique(found)


@cache
def toml_seeds() -> tuple[bytes, ...]:
    """goenv-lsp.toml files, then any TOML the repository holds (the golden machines use every TOML form)."""
    found = [data for path, data in _golden_files() if path.endswith("goenv-lsp.toml")]
    found += [(SEEDS / "goenv-lsp.toml").read_bytes()]
    for source in TEST_SOURCES["toml"]:
        found += test_strings(source)
    found += [text.encode("utf-8") for _, text in _golden_tomls()]
    found.append((REPO / "pyproject.toml").read_bytes())
    return _unique(found)


def captured(pattern: str) -> tuple[bytes, ...]:
    """Captured go output in seeds/ (``go env -json``, ``go version [-m]``)."""
    return _unique([p.read_bytes() for p in sorted(SEEDS.glob(pattern))])


@cache
def snapshot_seeds() -> tuple[bytes, ...]:
    """Saved facts: the snapshots the tests keep, and facts holding every parsed kind's seed files."""
    paths = sorted((REPO / "tests" / "inputs" / "snapshots").glob("*.json")) + sorted(GOLDENS.glob("*/*/facts.json"))
    found = [p.read_bytes() for p in paths if not p.name.endswith(".findings.json")]
    found.append(_parsed_facts_snapshot())
    return _unique(found)


def _parsed_facts_snapshot() -> bytes:
    """Facts whose files are the first seeds of every kind, parsed: every FileFacts subclass in a snapshot."""
    from goenv_lsp.facts import Facts, PathFlavor, PathOps
    from goenv_lsp.files import ParseContext, parse
    from goenv_lsp.frozen import FrozenMap
    from goenv_lsp.inputs.snapshot import dumps

    ctx = ParseContext(root="/work/app", home="/home/dev", paths=PathOps(PathFlavor.POSIX))
    files = {}
    for kind in PARSED:
        for number, data in enumerate(file_seeds(kind)[:3]):
            path = f"/work/app/{number}/{kind.name}"
            files[path] = parse(kind, data, path, ctx)
    env = json.loads((SEEDS / "go-env-linux.json").read_text(encoding="utf-8"))
    facts = Facts(root="/work/app", home="/home/dev", os="linux", env=FrozenMap(env), files=FrozenMap(files),
                  kinds=tuple(k.name for k in PARSED))
    return dumps(facts).encode("utf-8")
