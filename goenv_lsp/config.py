"""Configuration: built-in defaults < editor (LSP) settings < the workspace's ``goenv-lsp.toml``.

The workspace file decides which rules apply to the project (``select``, ``ignore``, ``[severity]``);
trust and editor-side facts (user-level ``go.goroot`` …) come only from the editor. Bad values give
one clear problem each and fall back to the default; nothing here raises.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from goenv_lsp.engine import Selection
from goenv_lsp.model import Severity

CONFIG_FILE = "goenv-lsp.toml"
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "off": None}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)
    probe_timeout: float = 5.0
    trusted: bool = False
    editor_settings: Mapping[str, object] = field(default_factory=dict)

    def selection(self) -> Selection:
        return Selection(self.select, self.ignore, dict(self.severity))


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
        elif key == "editor_settings":
            if isinstance(value, Mapping):
                config = replace(config, editor_settings={**config.editor_settings, **_flatten(value)})
            else:
                problems.append(f"{where}: {raw_key} must be a table of editor settings")
        else:
            problems.append(f"{where}: unknown setting {raw_key!r}")
    return config, problems


def load_workspace_file(root: str, base: Config) -> tuple[Config, list[str], str | None]:
    """Apply ``<root>/goenv-lsp.toml`` if it exists; returns (config, problems, path)."""
    path = os.path.join(root, CONFIG_FILE)
    try:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
    except FileNotFoundError:
        return base, [], None
    except (OSError, UnicodeDecodeError) as exc:
        return base, [f"{path}: cannot read: {exc}"], path
    config, problems = parse_toml(text, path, base)
    # trust never comes from a file in the repository it would unlock
    return replace(config, trusted=base.trusted), problems, path


def parse_toml(text: str, where: str, base: Config) -> tuple[Config, list[str]]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return base, [f"{where}: {exc}"]
    data.pop("trusted", None)
    return from_mapping(data, where, base)


def add_ignore(text: str | None, code: str) -> str:
    """The text of goenv-lsp.toml after adding ``code`` to its top-level ``ignore`` list."""
    if not text:
        return f'# goenv-lsp settings for this workspace\nignore = ["{code}"]\n'
    match = re.search(r'(?m)^ignore\s*=\s*\[(?P<items>[^\]]*)\]', text)
    if match:
        items = match.group("items").strip().rstrip(",")
        if re.search(rf'["\']{re.escape(code)}["\']', items):
            return text
        new_items = f'{items}, "{code}"' if items else f'"{code}"'
        return text[:match.start("items")] + new_items + text[match.end("items"):]
    return f'ignore = ["{code}"]\n' + text


def _codes(value: object, where: str, problems: list[str]) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where} must be a list of rule codes or names")
        return None
    from goenv_lsp.rules import all_rules

    known = [r.code for r in all_rules()] + [r.name for r in all_rules()]
    good = []
    for item in value:
        if any(k == item or k.startswith(item.upper()) for k in known):
            good.append(item)
        else:
            problems.append(f"{where}: unknown rule {item!r}")
    return tuple(good)


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
