"""`goenv-lsp env`: every go variable, its value and where it comes from, and which go runs and why — as text
for people and as JSON (the ``environment`` section of a snapshot too). Values pass through the redactor once
more; home is shown as the style says."""

from __future__ import annotations

from goenv_lsp.facts import Facts
from goenv_lsp.redact import redact_value
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.semantics import provenance
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.provenance import Place, RunningGo, ValueSource, VariableOrigin

ENV_SCHEMA = 1


def where(place: Place, style: PathStyle) -> str:
    """``~/.config/go/env:3``, ``.vscode/settings.json:4``; a setting without a file: the user settings."""
    if place.path is None:
        return "user settings"
    text = style.path(place.path)
    return f"{text}:{place.line}" if place.line else text


def describe(origin: VariableOrigin, style: PathStyle) -> str:
    """One phrase: "GOENV file ~/.config/go/env:1", "environment, exported by ~/.bashrc:12", "default ($HOME/go)"."""
    if origin.where is not None:
        return f"{origin.source.value} {where(origin.where, style)}"
    if origin.source is ValueSource.ENVIRONMENT:
        if origin.exported_by is None:
            return "environment"
        return f"environment, exported by {where(origin.exported_by, style)}"
    if origin.source is ValueSource.DEFAULT and origin.default:
        return f"default ({origin.default})"
    return origin.source.value


def _value(origin: VariableOrigin | Place, name: str, style: PathStyle) -> str:
    return style.text(redact_value(name, origin.value))


def variable_data(origin: VariableOrigin, style: PathStyle) -> dict[str, object]:
    def place(p: Place, key: str = "source") -> dict[str, object]:
        return {key: p.label, "file": style.path(p.path) if p.path else None, "line": p.line,
                "value": _value(p, origin.name, style)}

    return {"name": origin.name, "value": _value(origin, origin.name, style), "source": origin.source.value,
            "file": style.path(origin.where.path) if origin.where and origin.where.path else None,
            "line": origin.where.line if origin.where else None, "description": describe(origin, style),
            "exported_by": {"file": style.path(origin.exported_by.path), "line": origin.exported_by.line}
            if origin.exported_by and origin.exported_by.path else None,
            "default": origin.default or None,
            "overridden": [place(p) for p in origin.overridden],
            "editor": [place(p, "setting") for p in origin.editor]}


def running_data(go: RunningGo | None, style: PathStyle) -> dict[str, object] | None:
    if go is None:
        return None
    return {"path": style.text(go.path), "version": go.version, "path_index": go.path_index,
            "path_entry": style.text(go.path_entry) if go.path_entry is not None else None,
            "goroot": style.text(go.goroot) if go.goroot else None, "goroot_from": style.text(go.goroot_from),
            "provider": style.text(go.provider) if go.provider else None}


def _other_gos(facts: Facts) -> list:
    """Every other go found (GOROOT's, an editor setting's, a version manager's …), which does not run here."""
    go = provenance.running_go_reason(facts)
    return [b for b in facts.go_binaries or () if go is None or b.path != go.path]


def environment_data(facts: Facts, style: PathStyle) -> dict[str, object]:
    return {"schema": ENV_SCHEMA, "root": style.text(facts.root) if facts.root else None,
            "go": running_data(provenance.running_go_reason(facts), style),
            "other_gos": [{"path": style.text(b.path), "version": b.version,
                           "found_through": [o.value for o in b.origins],
                           "status": b.status.value if b.status else None} for b in _other_gos(facts)],
            "variables": [variable_data(o, style) for o in provenance.go_variables(facts)]}


def environment_text(facts: Facts, style: PathStyle) -> str:
    out = []
    go = provenance.running_go_reason(facts)
    if go is None:
        out.append("go: none on PATH (the go command's variables are unknown)")
    else:
        entry = f" (PATH entry {go.path_index}: {style.text(go.path_entry)})" if go.path_entry is not None else ""
        out.append(f"go: {style.text(go.path)} — {go.version or 'version unknown'}, the first go on PATH{entry}")
        if go.provider:
            out.append(f"    {style.text(go.provider)}")
        if go.goroot:
            out.append(f"    GOROOT {style.text(go.goroot)} ({style.text(go.goroot_from)})")
    for other in _other_gos(facts):
        found = ", ".join(o.value for o in other.origins)
        out.append(f"also found: {style.text(other.path)} — {other.version or 'version unknown'} ({found})")
    origins = provenance.go_variables(facts)
    active = running_go(facts)
    if active is not None and active.env is None:
        state = active.env_run.status.value if active.env_run else (active.status.value if active.status else "")
        out.append(f"    `go env` could not be read ({state or 'not run'}): the variables are unknown")
    if origins:
        out.append("")
        width = max(len(o.name) + len(_value(o, o.name, style)) for o in origins) + 3
        for origin in origins:
            pair = f"{origin.name}={_value(origin, origin.name, style)}"
            out.append(f"{pair:<{min(width, 60)}} {describe(origin, style)}")
            for place in origin.overridden:
                out.append(f"    overrides {place.label} {where(place, style)}: {_value(place, origin.name, style)}")
            for place in origin.editor:
                out.append(f"    the editor uses {place.label}={_value(place, origin.name, style)} "
                           f"({where(place, style)})")
    return "\n".join(out) + "\n"
