"""Engine types → LSP types. Diagnostic.data carries the fixes, so codeAction never recomputes."""

from __future__ import annotations

import os

from lsprotocol import types as lsp

from goenv_lsp.lsp.uris import path_to_uri
from goenv_lsp.model import Applicability, CommandKind, Finding, Fix, Range, Severity
from goenv_lsp.rules import by_code
from goenv_lsp.serde import SchemaError, from_data, to_data

SOURCE = "goenv-lsp"
CMD_GO_ENV = "goenv.goEnvWrite"
CMD_INSTALL_GOPLS = "goenv.installGopls"
CMD_EXPLAIN = "goenv.explain"
CMD_REFRESH = "goenv.refresh"
CMD_REPORT = "goenv.report"
CMD_IGNORE = "goenv.ignore"
CMD_SYNC_VENDOR = "goenv.syncVendor"
COMMANDS = (CMD_REFRESH, CMD_REPORT, CMD_GO_ENV, CMD_INSTALL_GOPLS, CMD_EXPLAIN, CMD_IGNORE, CMD_SYNC_VENDOR)
_COMMAND_FOR = {CommandKind.GO_ENV_WRITE.value: CMD_GO_ENV, CommandKind.INSTALL_GOPLS.value: CMD_INSTALL_GOPLS,
                CommandKind.SYNC_VENDOR.value: CMD_SYNC_VENDOR}

_SEVERITY = {Severity.ERROR: lsp.DiagnosticSeverity.Error, Severity.WARNING: lsp.DiagnosticSeverity.Warning,
             Severity.INFO: lsp.DiagnosticSeverity.Information}


def lsp_range(value: Range) -> lsp.Range:
    return lsp.Range(lsp.Position(value.start.line, value.start.character),
                     lsp.Position(value.end.line, value.end.character))


def diagnostic(finding: Finding, related_support: bool) -> lsp.Diagnostic:
    rule = by_code(finding.code)
    related = None
    if related_support and finding.related:
        related = [lsp.DiagnosticRelatedInformation(
            lsp.Location(path_to_uri(r.location.path), lsp_range(r.location.range)), r.message)
            for r in finding.related if r.location.path]
    return lsp.Diagnostic(
        range=lsp_range(finding.location.range), message=finding.message, severity=_SEVERITY[finding.severity],
        code=finding.code, source=SOURCE,
        code_description=lsp.CodeDescription(href=rule.url) if rule else None,
        related_information=related or None,
        data={"code": finding.code, "name": finding.name, "fixes": [to_data(f) for f in finding.fixes],
              "module": finding.module},
    )


def fix_command(fix: dict) -> lsp.Command | None:
    """A fix that runs a command becomes one of our own commands (chosen by its kind), never an arbitrary argv."""
    command = fix.get("command")
    if not isinstance(command, dict):
        return None
    name = _COMMAND_FOR.get(command.get("kind"))
    return lsp.Command(title=fix["title"], command=name, arguments=[command]) if name else None


def workspace_edit(fix: object) -> lsp.WorkspaceEdit | None:
    """The edits of a fix as the diagnostic's data carries it; None when it has none or is not a fix."""
    try:
        parsed = from_data(Fix, fix)
    except SchemaError:  # data a client mangled: this action is left out, the others stay
        return None
    if not all(os.path.isabs(edit.path) for edit in parsed.edits):
        return None
    changes: dict[str, list[lsp.TextEdit]] = {}
    for edit in parsed.edits:
        changes.setdefault(path_to_uri(edit.path), []).append(lsp.TextEdit(lsp_range(edit.range), edit.new_text))
    return lsp.WorkspaceEdit(changes=changes) if changes else None


def code_actions(diag: lsp.Diagnostic, resolve_edits: bool, uri: str | None = None) -> list[lsp.CodeAction]:
    """Quick fixes from a goenv-lsp diagnostic, then "Explain" and "Ignore in this workspace"."""
    return fix_actions(diag, resolve_edits) + rule_actions([diag], uri)


def code_actions_for(diags: list[lsp.Diagnostic], resolve_edits: bool, uri: str | None) -> list[lsp.CodeAction]:
    """The fixes of every diagnostic, then "Explain" and "Ignore" once per rule."""
    by_code: dict[str, list[lsp.Diagnostic]] = {}
    for diag in diags:
        by_code.setdefault(_code(diag), []).append(diag)
    fixes = [a for diag in diags for a in fix_actions(diag, resolve_edits)]
    return fixes + [a for group in by_code.values() for a in rule_actions(group, uri)]


def _code(diag: lsp.Diagnostic) -> str:
    data = diag.data if isinstance(diag.data, dict) else {}
    return str(data.get("code") or diag.code or "")


def fix_actions(diag: lsp.Diagnostic, resolve_edits: bool) -> list[lsp.CodeAction]:
    data = diag.data if isinstance(diag.data, dict) else {}
    actions = []
    for index, fix in enumerate(data.get("fixes") or ()):
        if not isinstance(fix, dict) or "title" not in fix:
            continue
        action = lsp.CodeAction(title=fix["title"], kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
                                is_preferred=fix.get("applicability") == Applicability.SAFE.value and index == 0)
        edit = workspace_edit(fix)
        if edit is not None:
            if resolve_edits:
                action.data = {"fix": fix}
            else:
                action.edit = edit
        action.command = fix_command(fix)
        if action.edit is not None or action.command is not None or action.data is not None:
            actions.append(action)
    return actions


def rule_actions(diags: list[lsp.Diagnostic], uri: str | None) -> list[lsp.CodeAction]:
    """"Explain" and "Ignore in this workspace" for the rule of ``diags`` (one code); the ignore names the
    document, so it goes to the goenv-lsp.toml of the folder that holds it."""
    code = _code(diags[0]) if diags else ""
    if not code:
        return []
    explain = lsp.Command(title=f"Explain {code}", command=CMD_EXPLAIN, arguments=[code])
    ignore = lsp.Command(title=f"Ignore {code}", command=CMD_IGNORE, arguments=[code, uri] if uri else [code])
    return [lsp.CodeAction(title=f"Explain {code}", kind=lsp.CodeActionKind.QuickFix, diagnostics=diags,
                           command=explain),
            lsp.CodeAction(title=f"Ignore {code} in this workspace (goenv-lsp.toml)",
                           kind=lsp.CodeActionKind.QuickFix, diagnostics=diags, command=ignore)]


def resolve(action: lsp.CodeAction) -> lsp.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    if "fix" in data and action.edit is None:
        action.edit = workspace_edit(data["fix"])
    return action
