"""SARIF 2.1.0 for code scanning (GitHub, GitLab, IDE viewers), built as a dict: docs/ci.md is the promise.

* ``tool.driver.rules``: the rules that ran, from the registry (help is the rule's docs page).
* Each result sits in a file below the root, as a URI relative to ``%SRCROOT%``; regions are 1-based and columns
  count UTF-16 code units (``columnKind``), as goenv-lsp's positions do. A finding in a file outside the root
  (a GOENV file, a shell rc file in HOME) moves to its first related location below the root, else to its
  module's go.mod; a finding with neither (the machine as a whole) is no result but a tool-execution
  notification, so that no absolute path of this machine is uploaded.
* ``partialFingerprints["goenvLsp/v1"]``: a hash of the code, the relative path and the message with the root,
  the home directory and every other absolute path taken out: the same on every run and every machine, and
  unchanged when lines move. (``primaryLocationLineHash`` is left to GitHub's upload-sarif, which computes it.)
* ``fixes``: the edit fixes whose every edit is below the root (a fix that also runs a command is left out).
"""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import quote

from goenv_lsp import __version__, docs
from goenv_lsp.engine import INTERNAL_ERROR_CODE
from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding, Fix, Location, Range, Severity
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.report.result import CheckResult
from goenv_lsp.rules import Rule, RuleStatus, by_code
from goenv_lsp.rules.registry import DOCS_BASE_URL

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = DOCS_BASE_URL.split("/blob/")[0]
SRCROOT = "%SRCROOT%"
FINGERPRINT = "goenvLsp/v1"
MAX_DESCRIPTION = 1000  # GitHub's limit for fullDescription
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PROBLEM = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
_CRASH_HELP = ("GE000 is not a rule: it reports a rule that failed with an internal error, so that the other rules "
               "still report. Please report it with the message.")


def render(result: CheckResult, style: PathStyle) -> str:
    return json.dumps(document(result, style), indent=2, ensure_ascii=False)


def document(result: CheckResult, style: PathStyle) -> dict[str, object]:
    descriptors, index = _descriptors(result)
    fingerprint = _Fingerprints(result.facts)
    results, notifications = [], []
    for finding in result.findings:
        placed = _result(finding, index, style, result.facts, fingerprint)
        if placed is None:
            notifications.append(_notification(finding, index, style))
        else:
            results.append(placed)
    invocation: dict[str, object] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": {"name": "goenv-lsp", "semanticVersion": __version__, "informationUri": INFORMATION_URI,
                            "rules": descriptors}},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"description": {
            "text": "The workspace directory that `goenv-lsp check` checked (the repository root in CI)."}}},
        "columnKind": "utf16CodeUnits",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptors(result: CheckResult) -> tuple[list[dict[str, object]], dict[str, int]]:
    """The rules that ran, then any other code a finding has (GE000, a rule crash); code → index."""
    rules = {r.code: r for r in result.rules}
    codes = list(rules) + [f.code for f in result.findings if f.code not in rules]
    descriptors = []
    for code in dict.fromkeys(codes):
        rule = rules.get(code) or by_code(code)
        descriptors.append(_descriptor(rule) if rule is not None else _unknown_descriptor(code))
    return descriptors, {d["id"]: i for i, d in enumerate(descriptors)}  # type: ignore[misc]


def _descriptor(rule: Rule) -> dict[str, object]:
    page = docs.markdown(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _shortened(_unwrapped(rule.section("What it checks")) or rule.summary)},
        "helpUri": rule.url,
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"tags": [*rule.tags, rule.family],
                       "precision": "high" if rule.status is RuleStatus.STABLE else "medium",
                       "problem.severity": _PROBLEM[rule.severity]},
    }


def _unknown_descriptor(code: str) -> dict[str, object]:
    summary = "A rule failed with an internal error" if code == INTERNAL_ERROR_CODE else f"{code} (not in this version)"
    return {"id": code, "name": "rule-crashed" if code == INTERNAL_ERROR_CODE else code.lower(),
            "shortDescription": {"text": summary}, "fullDescription": {"text": summary},
            "help": {"text": _CRASH_HELP, "markdown": _CRASH_HELP},
            "defaultConfiguration": {"level": "warning"}}


def _unwrapped(markdown: str) -> str:
    """Hard-wrapped Markdown paragraphs as single lines, paragraphs apart."""
    return "\n\n".join(" ".join(line.strip() for line in block.splitlines())
                       for block in re.split(r"\n\s*\n", markdown.strip()) if block.strip())


def _shortened(text: str) -> str:
    if len(text) <= MAX_DESCRIPTION:
        return text
    cut = text[:MAX_DESCRIPTION - 1]
    sentence = max(cut.rfind(". "), cut.rfind(".\n"))
    return cut[:sentence + 1] if sentence > MAX_DESCRIPTION // 2 else cut.rsplit(" ", 1)[0] + "…"


def _result(finding: Finding, index: dict[str, int], style: PathStyle, facts: Facts,
            fingerprint: _Fingerprints) -> dict[str, object] | None:
    location, moved = _anchor(finding, style, facts)
    if location is None:
        return None
    relative = style.inside(location.path)
    assert relative is not None
    message = style.text(finding.message)
    if moved and finding.location.path is not None:
        start = finding.location.range.start
        message += f" (at {style.path(finding.location.path)}:{start.line + 1}:{start.character + 1})"
    placed: dict[str, object] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": _LEVEL[finding.severity],
        "message": {"text": message},
        "locations": [_physical(relative, location.range, whole_line=True)],
        "partialFingerprints": {FINGERPRINT: fingerprint(finding.code, relative, finding.message)},
    }
    related = [_related(i, r.location, r.message, style) for i, r in enumerate(finding.related, start=1)]
    if related:
        placed["relatedLocations"] = related
    fixes = [sarif_fix for fix in finding.fixes if (sarif_fix := _fix(fix, style)) is not None]
    if fixes:
        placed["fixes"] = fixes
    return placed


def _anchor(finding: Finding, style: PathStyle, facts: Facts) -> tuple[Location | None, bool]:
    """Where the result goes, and whether that is another place than the finding's own."""
    if style.inside(finding.location.path) is not None:
        return finding.location, False
    for related in finding.related:
        if style.inside(related.location.path) is not None:
            return related.location, True
    if finding.module is not None and style.inside(finding.module) is not None:
        from goenv_lsp.files.go_mod import mod_file
        from goenv_lsp.rules._shared.anchors import file_anchor

        found = mod_file(facts, finding.module)
        return (file_anchor(found) if found is not None else Location(finding.module)), True
    return None, False


def _physical(relative: str, where: Range, whole_line: bool = False) -> dict[str, object]:
    return {"physicalLocation": {"artifactLocation": _artifact(relative),
                                 "region": _region(where, whole_line)}}


def _artifact(relative: str) -> dict[str, str]:
    return {"uri": quote(relative, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


def _region(where: Range, whole_line: bool = False) -> dict[str, int]:
    """1-based; the end column is one past the last character. An empty range at a line's start, where a
    finding is about a file rather than a span, marks the whole line."""
    start, end = where.start, where.end
    if whole_line and start == end and start.character == 0:
        return {"startLine": start.line + 1}
    return {"startLine": start.line + 1, "startColumn": start.character + 1,
            "endLine": end.line + 1, "endColumn": end.character + 1}


def _related(number: int, location: Location, message: str, style: PathStyle) -> dict[str, object]:
    """A related place below the root is a physical location; one elsewhere (~/.config/go/env) is named in the
    message only."""
    relative = style.inside(location.path)
    if relative is not None:
        return {"id": number, **_physical(relative, location.range), "message": {"text": style.text(message)}}
    if location.path is None:
        return {"id": number, "message": {"text": style.text(message)}}
    start = location.range.start
    where = f"{style.path(location.path)}:{start.line + 1}:{start.character + 1}"
    return {"id": number, "message": {"text": f"{where}: {style.text(message)}"}}


def _fix(fix: Fix, style: PathStyle) -> dict[str, object] | None:
    if fix.command is not None or not fix.edits or any(style.inside(e.path) is None for e in fix.edits):
        return None
    changes: dict[str, list[dict[str, object]]] = {}
    for edit in fix.edits:
        changes.setdefault(style.inside(edit.path) or "", []).append(
            {"deletedRegion": _region(edit.range), "insertedContent": {"text": style.text(edit.new_text)}})
    return {"description": {"text": style.text(fix.title)},
            "artifactChanges": [{"artifactLocation": _artifact(path), "replacements": replacements}
                                for path, replacements in changes.items()],
            "properties": {"applicability": fix.applicability.value}}


def _notification(finding: Finding, index: dict[str, int], style: PathStyle) -> dict[str, object]:
    where = "" if finding.location.path is None else f" ({style.path(finding.location.path)})"
    return {"level": _LEVEL[finding.severity],
            "message": {"text": f"{finding.code} {style.text(finding.message)}{where}"},
            "associatedRule": {"id": finding.code, "index": index[finding.code]}}


class _Fingerprints:
    """The same finding → the same fingerprint on any machine; two results alike in everything are told apart
    by their order."""

    # an absolute path (POSIX, ~, or a Windows drive) as a word of its own: /usr/local/go, ~/sdk/go1.22, C:\Go
    _PATH = re.compile(r"(?<![\w.:/\\~%-])(?:~(?=[/\\])|/|[A-Za-z]:[\\/])[^\s\"'`,;()]*")

    def __init__(self, facts: Facts) -> None:
        self._root = _component(facts.root)
        self._home = _component(facts.home)
        self._seen: dict[str, int] = {}

    def __call__(self, code: str, relative: str, message: str) -> str:
        text = self._root.sub(SRCROOT, message) if self._root else message
        text = self._home.sub("~", text) if self._home else text
        text = self._PATH.sub("<path>", text)
        digest = hashlib.sha256("\0".join((code, relative, text)).encode("utf-8", "surrogateescape")).hexdigest()
        self._seen[digest] = self._seen.get(digest, 0) + 1
        return f"{digest[:32]}:{self._seen[digest]}"


def _component(path: str | None) -> re.Pattern[str] | None:
    """``path`` as a whole path prefix in text (never a longer name that starts the same)."""
    path = (path or "").rstrip("/\\")
    return re.compile(rf"(?<![\w.~/\\-]){re.escape(path)}(?![\w.~-])") if path else None
