"""Configuration: built-in defaults < editor (LSP) settings < the workspace's ``goenv-lsp.toml``.

The workspace file decides which rules apply to the project (``select``, ``ignore``, ``[severity]``);
trust and editor-side facts (user-level ``go.goroot`` …) come only from the editor. Bad values give
one clear problem each and fall back to the default; nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from goenv_lsp.engine import Selection, unknown_patterns
from goenv_lsp.model import Severity
from goenv_lsp.probe.discover import DiscoveryOptions
from goenv_lsp.rules.registry import Context

if TYPE_CHECKING:
    from goenv_lsp.probe.system import System

CONFIG_FILE = "goenv-lsp.toml"
MAX_DEPTH = 100  # levels of tables and arrays in goenv-lsp.toml (tomlkit, which edits it, allows as many)
_TOO_DEEP = f"arrays or tables nested more than {MAX_DEPTH} levels deep"
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
# goenv-lsp.toml cut into multi-line strings, comments, dotted keys (a value is a one-part "key"), other characters
_TOKENS = re.compile(r'"""[\s\S]*?"""|' + r"'''[\s\S]*?'''|#[^\n]*|"
                     + rf"(?P<key>{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*)|[\s\S]")
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "off": None}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)
    probe_timeout: float = 5.0
    trusted: bool = False
    home_files: bool = True  # read the shell startup files in the home directory (~/.zshrc, ~/.profile …)
    login_shell: bool | None = None  # run `$SHELL -l -c env` to compare environments; None: on in the CLI,
    #                                  off in the language server
    editor_settings: Mapping[str, object] = field(default_factory=dict)
    workspace: DiscoveryOptions = field(default_factory=DiscoveryOptions)
    context: str = "auto"  # `check`'s context (goenv_lsp.contexts); the language server is always the editor

    def selection(self) -> Selection:
        """The language server's: always the editor context (``context`` is `check`'s)."""
        return Selection(self.select, self.ignore, dict(self.severity), Context.EDITOR)


def from_mapping(data: object, where: str, base: Config | None = None) -> tuple[Config, list[str]]:
    """Apply one layer (parsed TOML, or LSP settings with camelCase keys) over ``base``."""
    config, problems = base or Config(), []
    if data is None:
        return config, problems
    if not isinstance(data, Mapping):
        return config, [f"{where}: expected a table of settings, got {type(data).__name__}"]
    for raw_key, value in data.items():
        key = _snake(str(raw_key))
        if key in ("select", "ignore"):
            codes = _codes(value, f"{where}: {raw_key}", problems)
            if codes is not None:
                merged = tuple(dict.fromkeys(config.ignore + codes)) if key == "ignore" else codes
                config = replace(config, **{key: merged})
        elif key == "severity":
            config = replace(config, severity={**config.severity, **_severities(value, where, problems)})
        elif key == "probe_timeout":
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 300:
                config = replace(config, probe_timeout=float(value))
            else:
                problems.append(f"{where}: {raw_key} must be a number of seconds between 0 and 300")
        elif key == "trusted":
            if isinstance(value, bool):
                config = replace(config, trusted=value)
            else:
                problems.append(f"{where}: {raw_key} must be true or false")
        elif key in ("home_files", "login_shell"):
            if isinstance(value, bool):
                config = replace(config, **{key: value})
            else:
                problems.append(f"{where}: {raw_key} must be true or false")
        elif key == "context":
            from goenv_lsp.contexts import CHOICES

            if value in CHOICES:
                config = replace(config, context=value)
            else:
                problems.append(f"{where}: {raw_key} must be one of {', '.join(CHOICES)}")
        elif key == "editor_settings":
            if isinstance(value, Mapping):
                config = replace(config, editor_settings={**config.editor_settings, **_flatten(value)})
            else:
                problems.append(f"{where}: {raw_key} must be a table of editor settings")
        elif key == "workspace":
            config = replace(config, workspace=_workspace(value, f"{where}: workspace", config.workspace, problems))
        elif key == "private_modules":  # read by rules from the file's facts (goenv_lsp.files.project_config)
            from goenv_lsp.files.project_config import public_hosts_of

            if public_hosts_of({key: {_snake(str(k)): v for k, v in value.items()}} if isinstance(value, Mapping)
                               else {key: value}) is None:
                problems.append(f"{where}: {raw_key} must be a table with public-hosts = [\"host\", …] (host names)")
        else:
            problems.append(f"{where}: unknown setting {raw_key!r}")
    return config, problems


def find_workspace_file(start: str, system: System) -> str | None:
    """The nearest goenv-lsp.toml in ``start`` or a directory above it, as ruff finds its settings: the search
    stops at a repository root (a directory holding ``.git``, a directory or a worktree's file), below the home
    directory (whose own file is no project's) and at the file system root. The nearest file wins alone."""
    from goenv_lsp.facts import PathKind

    paths, home = system.paths, system.home
    directory = paths.normpath(start)
    while True:
        if home and paths.key(directory) == paths.key(home) and paths.key(start) != paths.key(home):
            return None
        candidate = paths.join(directory, CONFIG_FILE)
        if system.stat(candidate).kind is not PathKind.MISSING:
            return candidate
        if system.lexists(paths.join(directory, ".git")):
            return None
        parent = paths.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def load_workspace_file(root: str, base: Config, system: System | None = None,
                        search_parents: bool = False) -> tuple[Config, list[str], str | None]:
    """Apply ``<root>/goenv-lsp.toml`` if it exists (read through the System); returns (config, problems, path).
    ``search_parents`` (the CLI): the nearest one at or above ``root`` (``find_workspace_file``); its ``[workspace]``
    patterns stay relative to its own directory."""
    from goenv_lsp.facts import Status
    from goenv_lsp.probe.system import RealSystem

    system = system or RealSystem(env={})
    path = system.paths.join(root, CONFIG_FILE)
    if search_parents:
        path = find_workspace_file(root, system) or path
    found = system.read(path)
    if found.status is Status.MISSING:
        return base, [], None
    if found.status is not Status.OK:
        return base, [f"{path}: cannot read: {found.problem}"], path
    try:
        text = found.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return base, [f"{path}: cannot read: {exc}"], path
    config, problems = parse_toml(text, path, base)
    relative = system.paths.relative(root, system.paths.dirname(path))
    if relative not in (None, ".") and config.workspace.exclude != base.workspace.exclude:
        config = replace(config, workspace=replace(config.workspace, exclude=tuple(
            p for p in (_rebase(pattern, relative.replace("\\", "/")) for pattern in config.workspace.exclude) if p)))
    # trust never comes from a file in the repository it would unlock, nor reading or running more of the
    # user's own machine (home files, the login shell) than the user allowed: the file may only switch them off
    return replace(config, trusted=base.trusted, home_files=config.home_files and base.home_files,
                   login_shell=config.login_shell if config.login_shell is False else base.login_shell), problems, path


def _rebase(pattern: str, below: str) -> str | None:
    """A gitignore-style pattern of a goenv-lsp.toml in a directory above the one checked (``below`` is the way down
    to it), relative to the directory checked; None when it only concerns other directories. A pattern without an
    inner slash matches at any depth and stays as it is."""
    negated, body = (pattern.startswith("!"), pattern[1:]) if pattern.startswith("!") else (False, pattern)
    if "/" not in body.rstrip("/"):
        return pattern
    body = body.lstrip("/")
    if body.startswith("**/"):
        return pattern
    prefix = below.rstrip("/") + "/"
    if not body.startswith(prefix):
        return None
    return ("!" if negated else "") + "/" + body[len(prefix):]


def parse_toml(text: str, where: str, base: Config) -> tuple[Config, list[str]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    if _long_dotted_key(text):  # tomllib takes time squared in the parts of a key
        return base, [f"{where}: {_TOO_DEEP}"]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return base, [f"{where}: {exc}"]
    except RecursionError:  # the TOML reader recurses once per level of nesting
        return base, [f"{where}: {_TOO_DEEP}"]
    if _too_deep(data):  # dotted keys and [a.b] headers nest without recursing: what reads the values would
        return base, [f"{where}: {_TOO_DEEP}"]
    data.pop("trusted", None)
    return from_mapping(data, where, base)


def _long_dotted_key(text: str) -> bool:
    """Does a dotted key of more than MAX_DEPTH parts occur (keys, [table] headers, inline tables)?"""
    if text.count(".") <= MAX_DEPTH:
        return False
    part = re.compile(_KEY_PART)
    return any(m["key"] and m["key"].count(".") >= MAX_DEPTH and len(part.findall(m["key"])) > MAX_DEPTH
               for m in _TOKENS.finditer(text))


def _too_deep(data: object) -> bool:
    level: list[object] = [data]
    for _ in range(MAX_DEPTH):
        level = [child for item in level for child in
                 (item.values() if isinstance(item, dict) else item if isinstance(item, list) else ())]
        if not level:
            return False
    return any(isinstance(item, (dict, list)) for item in level)


class ConfigEditError(ValueError):
    """goenv-lsp.toml cannot be edited safely (it does not parse): nothing is written."""


def add_ignore(text: str | None, code: str) -> str:
    """The text of goenv-lsp.toml after adding ``code`` to its top-level ``ignore`` list, keeping the rest of
    the file as it is (comments, order, formatting)."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    if not text or not text.strip():
        return f'# goenv-lsp settings for this workspace\nignore = ["{code}"]\n'
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:  # a syntax error, or a key defined twice
        raise ConfigEditError(f"{CONFIG_FILE} does not parse ({exc}); fix it first") from None
    except RecursionError:
        raise ConfigEditError(f"{CONFIG_FILE} does not parse ({_TOO_DEEP}); fix it first") from None
    current = document.get("ignore")
    if current is None:
        document.add("ignore", [code])
        return document.as_string()
    if isinstance(current, str):  # `ignore = "GE101"`: becomes a list holding both
        document["ignore"] = [str(current)] if str(current) == code else [str(current), code]
        return document.as_string()
    if not isinstance(current, list):
        raise ConfigEditError(f"ignore in {CONFIG_FILE} is not a list of codes")
    if code not in [str(item) for item in current]:
        current.append(code)
    return document.as_string()


def _codes(value: object, where: str, problems: list[str]) -> tuple[str, ...] | None:
    """A list of rule codes, family prefixes or names, judged as the engine judges them (``--select``)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where} must be a list of rule codes or names")
        return None
    unknown = unknown_patterns(value)
    problems += [f"{where}: unknown rule {item!r}" for item in unknown]
    return tuple(item for item in value if item not in unknown)


def _workspace(value: object, where: str, base: DiscoveryOptions, problems: list[str]) -> DiscoveryOptions:
    if not isinstance(value, Mapping):
        problems.append(f"{where} must be a table ([workspace])")
        return base
    result = base
    for raw_key, item in value.items():
        key = _snake(str(raw_key))
        if key in ("exclude", "skip_dirs"):
            if isinstance(item, list) and all(isinstance(v, str) and v for v in item):
                result = replace(result, **{key: tuple(item)})
            else:
                problems.append(f"{where}.{raw_key} must be a list of strings")
        elif key in ("skip_hidden", "gitignore"):
            if isinstance(item, bool):
                result = replace(result, **{key: item})
            else:
                problems.append(f"{where}.{raw_key} must be true or false")
        elif key in ("max_modules", "max_dirs"):
            if isinstance(item, int) and not isinstance(item, bool) and item > 0:
                result = replace(result, **{key: item})
            else:
                problems.append(f"{where}.{raw_key} must be a positive number")
        else:
            problems.append(f"{where}: unknown setting {raw_key!r}")
    return result


def _severities(value: object, where: str, problems: list[str]) -> dict[str, Severity | None]:
    if not isinstance(value, Mapping):
        problems.append(f"{where}: severity must be a table like {{ GE302 = \"error\" }}")
        return {}
    from goenv_lsp.rules import by_code

    result = {}
    for code, level in value.items():
        rule = by_code(str(code))
        if rule is None:
            problems.append(f"{where}: severity for unknown rule {code!r}")
        elif not isinstance(level, str) or level.lower() not in _LEVELS:
            problems.append(f"{where}: severity of {code} must be error, warning, info or off")
        else:
            result[rule.code] = _LEVELS[level.lower()]
    return result


def _flatten(value: Mapping, prefix: str = "") -> dict[str, object]:
    """{"go": {"goroot": x}} and {"go.goroot": x} both become {"go.goroot": x}."""
    flat: dict[str, object] = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, Mapping) and name in ("go", "go.alternateTools", "go.toolsEnvVars", "gopls"):
            flat.update(_flatten(item, name + "."))
        else:
            flat[name] = item
    return flat


def _snake(key: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).replace("-", "_").lower()


def parse_toml_data(data: bytes) -> object | None:
    """goenv-lsp.toml's bytes as TOML data, with ``parse_toml``'s guards; None when it does not parse."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        text = data.decode("utf-8")
        if _long_dotted_key(text):
            return None
        parsed = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    return None if _too_deep(parsed) else parsed
