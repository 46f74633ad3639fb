"""The triage pipeline: pasted text → cleaned lines → readers → partial facts → the editor's rules → findings
placed on the paste's lines and graded (``confidence``).

A finding about the machine points at the pasted line it comes from: the `go env` line of the variable its
message names, else the block its rule reads (the gopls version, the `go version` line), else the first block
read. A finding in a pasted file fragment points at that line of the paste. Edit fixes are dropped (there is no
file to edit); command fixes (``go env -u GOPATH``) stay as advice.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding, Location, Range, Related, utf16_len
from goenv_lsp.rules import Rule, all_rules
from goenv_lsp.rules.registry import Context, Input
from goenv_lsp.triage import paste
from goenv_lsp.triage.confidence import grade_all
from goenv_lsp.triage.draft import Draft, Graded, Span
from goenv_lsp.triage.facts import fragment_path

log = logging.getLogger(__name__)

# modules under goenv_lsp.triage, in order
READERS: tuple[str, ...] = ("goenv", "versions", "which", "vscode_tools", "fragments", "errors")
READER_FAILED = "goenv-lsp could not read part of the paste"
NOTHING_FOUND = ("no `go env`, `go version`, `go version -m`, `gopls version`, `which -a go` output, vscode-go "
                 "tools report, file fragment or go error line was found in the paste")


@dataclass(frozen=True)
class Triage:
    draft: Draft
    facts: Facts | None  # None when nothing was recognised
    findings: tuple[Graded, ...]
    rules: tuple[Rule, ...]
    notes: tuple[str, ...] = ()

    @property
    def recognised(self) -> bool:
        return self.facts is not None


def editor_rules(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Rule]:
    """The rules a bug report is judged by: those of a developer's machine (the editor context)."""
    from goenv_lsp.engine import Selection

    selection = Selection(select=select, ignore=ignore)
    return [r for r in all_rules() if Context.EDITOR in r.contexts and selection.wants(r)]


def read_draft(text: str, name: str = "<paste>") -> Draft:
    text, note = paste.limited(text)
    lines = paste.clean_lines(text)
    draft = Draft(text, name)
    if note:
        draft.notes.append(note)
    for reader in READERS:
        try:
            importlib.import_module(f"goenv_lsp.triage.{reader}").read(lines, draft)
        except Exception as exc:  # a reader's bug costs what it reads, never the rest
            log.exception("triage reader %s failed", reader)
            draft.notes.append(f"{READER_FAILED} ({reader}: {exc!r}); please report it")
    return draft


def triage(text: str, name: str = "<paste>", select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Triage:
    return evaluate_draft(read_draft(text, name), select, ignore)


def evaluate_draft(draft: Draft, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Triage:
    """The rules on what the readers recorded on ``draft``."""
    from goenv_lsp.engine import Evaluation

    rules = editor_rules(select, ignore)
    if not (draft.seen or draft.signals or draft.fragments):
        return Triage(draft, None, (), tuple(rules), (*draft.notes, NOTHING_FOUND))
    facts = draft.facts()
    findings = Evaluation(rules=rules).run(facts)
    placed = [_placed(f, draft) for f in findings]
    graded = grade_all(placed, {r.code: r for r in rules}, draft)
    from goenv_lsp.triage.conjectures import conjectures
    from goenv_lsp.triage.errors import findings_from_signals

    wanted = {r.code for r in rules}
    raised = [g for g in findings_from_signals(draft, {g.finding.code for g in graded})
              if g.finding.code in wanted]  # a pasted error line no rule could judge from the facts
    raised += conjectures(draft, {g.finding.code for g in (*graded, *raised)}, wanted)
    ordered = sorted((*graded, *raised), key=lambda g: (g.finding.location.range.start, g.finding.code))
    return Triage(draft, facts, tuple(ordered), tuple(rules), tuple(draft.notes))


def _line_range(draft: Draft, line: int) -> Range:
    lines = paste.split_lines(draft.text)
    line = max(0, min(line, len(lines) - 1))
    return Range.of(line, 0, utf16_len(lines[line].rstrip("\r")) if lines else 0)


_KEY = re.compile(r"\b((?:GO|CGO_)[A-Z0-9_]+)\b")


def _machine_line(finding: Finding, draft: Draft) -> int:
    for key in _KEY.findall(finding.message):
        if key in draft.go_env_lines:
            return draft.go_env_lines[key]
    from goenv_lsp.rules import by_code

    rule = by_code(finding.code)
    needs = rule.needs if rule else frozenset()
    gopls = next((t.span for t in draft.tools if t.name == "gopls"), None)
    candidates: list[Span | None] = [gopls] if Input.GOPLS.value in needs else []
    candidates += [draft.go_version_span, *draft.go_env_spans[:1], draft.go_path_span, *draft.seen[:1]]
    found = next((span for span in candidates if span is not None), None)
    return found.start if found else 0


def _fragment_line(draft: Draft, path: str, line: int) -> int | None:
    for fragment in draft.fragments:
        if fragment_path(draft, fragment) == path:
            return fragment.span.start + max(0, line - _added_lines(fragment.text, draft, fragment.span.start))
    return None


def _added_lines(text: str, draft: Draft, start: int) -> int:
    """Lines the reader put before the pasted ones (the outer ``{`` of a settings fragment)."""
    pasted = paste.split_lines(draft.text)
    first = paste.clean_line(pasted[start]).strip() if start < len(pasted) else ""
    for index, line in enumerate(paste.split_lines(text)[:3]):
        if line.strip() == first:
            return index
    return 0


def _where(location: Location, finding: Finding, draft: Draft) -> Location:
    if location.path is not None:
        line = _fragment_line(draft, location.path, location.range.start.line)
        if line is not None:
            shift = line - location.range.start.line
            start, end = location.range.start, location.range.end
            return Location(draft.name, Range.of(line, start.character, end.character, end.line + shift))
    return Location(draft.name, _line_range(draft, _machine_line(finding, draft)))


def _placed(finding: Finding, draft: Draft) -> Finding:
    fixes = tuple(f for f in finding.fixes if not f.edits)
    related = tuple(Related(_where(r.location, finding, draft), r.message) for r in finding.related)
    return dataclasses.replace(finding, message=_pasted_names(finding.message, draft),
                               location=_where(finding.location, finding, draft), fixes=fixes,
                               related=tuple(Related(r.location, _pasted_names(r.message, draft)) for r in related),
                               module=None)


_PASTED_NAME = {"vscode-settings": ".vscode/settings.json"}


def _pasted_names(text: str, draft: Draft) -> str:
    """The virtual workspace's paths in a message, as the reporter knows them: "the pasted go.mod (line 12)"."""
    for fragment in draft.fragments:
        path = fragment_path(draft, fragment)
        if path and path in text:
            name = _PASTED_NAME.get(fragment.kind, fragment.kind)
            text = text.replace(path, f"the pasted {name} (line {fragment.span.start + 1})")
    return text


_HOME = re.compile(r"^(/home/[^/]+|/Users/[^/]+|/root|[A-Za-z]:\\Users\\[^\\]+)(?=[/\\])")


def reported_home(draft: Draft) -> str | None:
    """The reporter's home directory, as the dump's per-user directories show it (for ``~`` in output only)."""
    for key in ("GOENV", "GOCACHE", "GOMODCACHE", "GOPATH"):
        found = _HOME.match(draft.go_env.get(key, ""))
        if found:
            return found.group(1)
    return None


def looks_like_snapshot(text: str) -> bool:
    head = text.lstrip()[:4096]
    return head.startswith("{") and '"schema"' in text and ('"provenance"' in text or '"go_binaries"' in text)


def triage_snapshot(text: str, name: str, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()
                    ) -> Triage | None:
    """A goenv-lsp snapshot pasted or attached: its facts evaluated as they are (their findings are ``high``);
    ``SnapshotError`` when it looks like one but cannot be read."""
    if not looks_like_snapshot(text):
        return None
    from goenv_lsp.engine import Evaluation
    from goenv_lsp.inputs.snapshot import loads

    facts = loads(text, name)
    rules = editor_rules(select, ignore)
    draft = Draft(text, name, seen=[Span(0, 0, "goenv-lsp snapshot")])
    findings = Evaluation(rules=rules).run(facts)
    return Triage(draft, facts, tuple(Graded(f, "high") for f in findings), tuple(rules))
