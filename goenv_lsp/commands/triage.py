"""``goenv-lsp triage [FILE|-]``: diagnose what someone pasted into a bug report (docs/triage.md).

Exit codes as ``check``: 0 nothing at or above --fail-on, 1 findings, 2 usage or internal error — and 2 when the
paste holds nothing goenv-lsp recognises (the message says what it looks for; JSON still prints its document).
A goenv-lsp snapshot (``goenv-lsp facts`` / ``snapshot`` output) is recognised and evaluated as it is.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXAMPLES = """examples:
  goenv-lsp triage issue.md                 read a saved issue body
  pbpaste | goenv-lsp triage -              what is on the clipboard
  goenv-lsp triage --format json report.txt

exit codes: 0 no finding at or above --fail-on, 1 findings, 2 nothing recognised in the paste, a usage or
internal error
"""


def _formats() -> tuple[str, ...]:
    """text, json, and sarif once its reporter exists (looked up without importing the reporters: building
    the parser must stay cheap)."""
    import importlib.util

    return ("text", "json", *(("sarif",) if importlib.util.find_spec("goenv_lsp.report.sarif") else ()))


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("triage", help="diagnose pasted `go env`, `go version`, gopls and editor output",
                            epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", default="-", help="the pasted text (default: - for stdin)")
    parser.add_argument("--format", choices=_formats(),
                        default="text", help="text for people, json for tools (check's schema 1 plus confidence)")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="warning",
                        help="exit 1 when a finding is at least this severe (default: warning)")
    parser.add_argument("--select", action="append", default=[], metavar="CODE", help="only these rules")
    parser.add_argument("--ignore", action="append", default=[], metavar="CODE", help="skip these rules")
    parser.add_argument("--show-home", action="store_true", help="print home paths as they are, not as ~")
    parser.set_defaults(run=run)


def _read(name: str) -> tuple[str, str]:
    from goenv_lsp.cli import CliError
    from goenv_lsp.triage.paste import MAX_CHARS, decode

    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_CHARS * 4 + 1)
            return decode(data), "<stdin>"
        with open(name, "rb") as handle:
            return decode(handle.read(MAX_CHARS * 4 + 1)), name
    except OSError as exc:
        raise CliError(f"cannot read {name}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    from goenv_lsp.cli import CliError
    from goenv_lsp.engine import unknown_patterns
    from goenv_lsp.model import Severity
    from goenv_lsp.triage.run import triage, triage_snapshot

    unknown = unknown_patterns(args.select + args.ignore)
    if unknown:
        raise CliError(f"unknown rule or family {unknown[0]!r} in --select/--ignore (see `goenv-lsp rules`)")
    text, name = _read(args.file)
    select, ignore = tuple(args.select), tuple(args.ignore)
    from goenv_lsp.inputs.snapshot import SnapshotError

    try:
        result = triage_snapshot(text, name, select, ignore) or triage(text, name, select, ignore)
    except SnapshotError as exc:
        raise CliError(str(exc)) from None
    output = render(result, args.format, not args.show_home)
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    if not result.recognised:
        for note in result.notes:
            print(f"goenv-lsp: {note}", file=sys.stderr)
        return EXIT_ERROR
    if args.fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity(args.fail_on).rank
    return EXIT_FINDINGS if any(g.finding.severity.rank >= threshold for g in result.findings) else EXIT_CLEAN


def _sarif(result, checked, anonymize_home: bool) -> str:
    """SARIF with the paste as the artifact (its directory the root; stdin as `<stdin>` in the current one), each
    result's confidence and what would confirm it in its properties."""
    import dataclasses
    import os

    from goenv_lsp.model import Location
    from goenv_lsp.report import PathStyle, formats

    paste = os.path.abspath(result.draft.name)
    root = os.path.dirname(paste)
    findings = tuple(dataclasses.replace(g.finding, location=Location(paste, g.finding.location.range))
                     if g.finding.location.path == result.draft.name else g.finding for g in result.findings)
    facts = dataclasses.replace(checked.facts, root=root)
    style = PathStyle(root, checked.facts.home, anonymize_home=anonymize_home, paths=checked.facts.paths)
    document = json.loads(formats()["sarif"](dataclasses.replace(checked, facts=facts, findings=findings), style))
    results = document["runs"][0]["results"]
    if len(results) == len(result.findings):
        for item, graded in zip(results, result.findings, strict=True):
            item.setdefault("properties", {}).update(
                {"confidence": graded.confidence, **({"confirm": graded.confirm} if graded.confirm else {})})
    return json.dumps(document, indent=2, ensure_ascii=False)


def render(result, fmt: str, anonymize_home: bool = True) -> str:
    from goenv_lsp.facts import Facts
    from goenv_lsp.report import CheckResult, PathStyle, formats
    from goenv_lsp.triage.run import reported_home

    facts = result.facts or Facts()
    style = PathStyle(None, facts.home or reported_home(result.draft), anonymize_home=anonymize_home,
                      paths=facts.paths)
    checked = CheckResult(facts, tuple(g.finding for g in result.findings), result.rules)
    if fmt == "text":
        return _text(result, style)
    if fmt == "sarif":
        return _sarif(result, checked, anonymize_home)
    output = formats()[fmt](checked, style)
    if fmt != "json":
        return output
    document = json.loads(output)
    for item, graded in zip(document["findings"], result.findings, strict=True):
        item["confidence"] = graded.confidence
        item["confirm"] = None if graded.confirm is None else style.text(graded.confirm)
        item["signals"] = [{"name": s.name, "line": s.span.start, "text": style.text(s.text)} for s in graded.signals]
    document["source"] = result.draft.name
    document["recognised"] = [{"what": s.what, "start": s.start, "end": s.end} for s in result.draft.seen]
    document["notes"] = [style.text(n) for n in result.notes]
    from goenv_lsp.triage.errors import ask, describe

    document["symptoms"] = [{"name": s.name, "line": s.span.start, "text": style.text(s.text),
                             "means": style.text(describe(s)), "ask": ask(s)} for s in _unexplained(result)]
    return json.dumps(document, indent=2, ensure_ascii=False)


def _unexplained(result) -> list:
    """The pasted error lines no finding accounts for (symptoms with several causes): said, not diagnosed."""
    used = {id(s) for g in result.findings for s in g.signals}
    return [s for s in result.draft.signals if id(s) not in used and not s.rules]


def _text(result, style) -> str:
    from goenv_lsp.report.text import visible
    from goenv_lsp.triage.errors import ask, describe

    draft = result.draft
    if not result.recognised:
        return visible(f"goenv-lsp triage of {draft.name}: nothing to diagnose") + "\n"
    read = ", ".join(dict.fromkeys(f"{s.what} (line {s.start + 1}" + (f"–{s.end + 1})" if s.end > s.start else ")")
                                   for s in sorted(draft.seen, key=lambda s: s.start)))
    lines = [f"goenv-lsp triage of {draft.name}: read {read}"]
    lines += [f"note: {style.text(n)}" for n in result.notes]
    if not result.findings:
        lines.append("✓ No Go environment problems found in what the paste shows")
    for graded in result.findings:
        finding = graded.finding
        start = finding.location.range.start
        lines.append(f"{style.path(finding.location.path)}:{start.line + 1}:{start.character + 1}: {finding.code} "
                     f"{style.text(finding.message)} [{finding.severity.value}, {graded.confidence} confidence]")
        lines += [f"    {'read from' if s.span.start == start.line else 'confirmed by'} line {s.span.start + 1}: "
                  f"{style.text(s.text)}" for s in graded.signals]  # a finding the error line raised by itself
        if graded.confirm:
            lines.append(f"    to confirm, ask for {style.text(graded.confirm)}")
        lines += [f"    fix ({fix.applicability.value}): {style.text(fix.title)}" for fix in finding.fixes]
    for signal in _unexplained(result):
        lines.append(f"line {signal.span.start + 1} says: {style.text(describe(signal))}")
        if asked := ask(signal):
            lines.append(f"    to tell them apart, ask for {style.text(asked)}")
    if result.findings:
        worst = max(result.findings, key=lambda g: g.finding.severity.rank).finding.code
        lines += ["", f"{len(result.findings)} finding{'s' if len(result.findings) != 1 else ''}. "
                      f"Details: goenv-lsp explain {worst}"]
    return "\n".join(visible(line) for line in lines) + "\n"
