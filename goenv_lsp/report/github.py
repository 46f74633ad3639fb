"""GitHub Actions workflow commands: one ``::error`` / ``::warning`` / ``::notice`` line per finding, which the
runner shows as an annotation on the file and line (a finding outside the repository: on the job, no file).

``::error file=go.mod,line=3,col=4,endLine=3,endColumn=8,title=GE110 go-line-too-new::go.mod requires …``

Lines and columns are 1-based (columns in UTF-16 code units, as goenv-lsp counts them); errors come first, as
GitHub shows only the first few annotations of each kind for a step. A healthy run prints nothing."""

from __future__ import annotations

from goenv_lsp.model import Finding, Severity
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.report.result import CheckResult

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: CheckResult, style: PathStyle) -> str:
    ordered = sorted(result.findings, key=lambda f: -f.severity.rank)
    return "".join(_command(finding, style) + "\n" for finding in ordered)


def _command(finding: Finding, style: PathStyle) -> str:
    properties: list[tuple[str, str]] = []
    relative = style.inside(finding.location.path)
    if relative is not None:
        start, end = finding.location.range.start, finding.location.range.end
        properties += [("file", relative), ("line", str(start.line + 1))]
        if start != end or start.character:
            properties += [("col", str(start.character + 1)), ("endLine", str(end.line + 1)),
                           ("endColumn", str(end.character + 1))]
    properties.append(("title", f"{finding.code} {finding.name}"))
    message = style.text(finding.message)
    if relative is None and finding.location.path is not None:  # a file outside the repository: named, as ~
        start = finding.location.range.start
        message = f"{style.path(finding.location.path)}:{start.line + 1}:{start.character + 1}: {message}"
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{_COMMAND[finding.severity]} {listed}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """The escaping the runner undoes in a command's message (actions/toolkit's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """The escaping the runner undoes in a command's property values (actions/toolkit's escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
