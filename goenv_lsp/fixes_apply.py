"""``check --fix`` / ``--diff``: apply the edit fixes findings offer, check again, repeat (a bounded number of passes,
as ruff does): fixes whose edits overlap wait for the next pass, which sees the file as the first one left it.

What is applied: per finding, the first fix the flags allow — a safe fix with edits, or (``--unsafe-fixes``) an
unsafe one. Command fixes are never run; they are listed for the user to run. Without ``--unsafe-fixes`` only files
inside the workspace are edited; with it also the files outside it the check read (a shell rc file, the GOENV
file). A file is written only if it still holds the bytes the check read (else it changed meanwhile: refused),
atomically (a temporary file renamed over it, its mode kept, a symbolic link's target written), with its BOM
and line endings kept. ``--diff`` runs the same passes on the files' new text in memory (the go command itself
still reads the disk) and writes nothing.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Applicability, Finding, Fix, Range, TextEdit
from goenv_lsp.probe.recording import RecordingSystem
from goenv_lsp.probe.system import ReadResult
from goenv_lsp.text import LineIndex

MAX_PASSES = 10
BOM = b"\xef\xbb\xbf"

Check = Callable[[Mapping[str, bytes]], tuple[Facts, tuple[Finding, ...]]]  # overrides → facts, findings


class ReadRecorder(RecordingSystem):
    """A System that keeps what each path held when the check read it (None: missing), nothing else."""

    def __init__(self, inner) -> None:
        super().__init__(inner)
        self.read_data: dict[str, bytes | None] = {}

    def _seen(self, call: str, argument: object, result):  # type: ignore[override]
        if call == "read" and isinstance(result, ReadResult) and isinstance(argument, str):
            if result.status is Status.OK:
                self.read_data[argument] = result.data
            elif result.status is Status.MISSING:
                self.read_data[argument] = None
        return result


def apply_edits(text: str, edits: Iterable[tuple[Range, str]]) -> str:
    """Apply non-overlapping edits (ranges in ``text``'s LSP positions) — what an editor does with a WorkspaceEdit:
    inserts at one position appear in the order of ``edits``."""
    index = LineIndex(text)
    spans = sorted(((index.offset(r.start), index.offset(r.end), i, new) for i, (r, new) in enumerate(edits)),
                   reverse=True)
    for start, end, _, new in spans:
        text = text[:start] + new + text[end:]
    return text


@dataclass(frozen=True)
class Policy:
    root: str
    unsafe: bool = False  # --unsafe-fixes: unsafe fixes too, and files outside the workspace

    def inside(self, path: str) -> bool:
        real, root = os.path.realpath(path), os.path.realpath(self.root)
        return real == root or real.startswith(root.rstrip(os.sep) + os.sep)

    def chosen(self, finding: Finding) -> Fix | None:
        """The fix ``--fix`` applies for ``finding``: its first edit fix these flags allow."""
        for fix in finding.fixes:
            if fix.command is not None or not fix.edits:
                continue
            if fix.applicability is Applicability.UNSAFE and not self.unsafe:
                continue
            if not self.unsafe and not all(self.inside(edit.path) for edit in fix.edits):
                continue
            return fix
        return None

    def held_back(self, finding: Finding) -> Fix | None:
        """An edit fix these flags do not allow (what ``--unsafe-fixes`` would apply)."""
        if self.chosen(finding) is not None:
            return None
        return next((f for f in finding.fixes if f.command is None and f.edits), None)


@dataclass
class Outcome:
    facts: Facts
    findings: tuple[Finding, ...]  # what the last check found (after the fixes)
    applied: list[tuple[Finding, Fix]] = field(default_factory=list)
    originals: dict[str, bytes | None] = field(default_factory=dict)  # each changed file before the first pass
    contents: dict[str, bytes] = field(default_factory=dict)  # … and after the last
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file not written, why)
    converged: bool = True  # False: fixes were still offered after MAX_PASSES

    def diff(self, label: Callable[[str], str]) -> bytes:
        """A unified diff of every changed file (``label`` names it), in the files' own bytes (``git apply`` takes
        it, CRLF and BOM included)."""
        parts = []
        for path in sorted(self.contents):
            before = _lines(self.originals.get(path))
            after = _lines(self.contents[path])
            name = label(path)
            parts += difflib.unified_diff(before, after, f"a/{name}", f"b/{name}")
        text = "".join(p if p.endswith("\n") else p + "\n\\ No newline at end of file\n" for p in parts)
        return text.encode("utf-8", "surrogateescape")


def _lines(data: bytes | None) -> list[str]:
    """Lines ending at \\n, as diff and patch see them (a \\r stays in its line)."""
    lines = (data or b"").decode("utf-8", "surrogateescape").split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


class Store:
    """Where fixed files go: the disk (``--fix``) or memory (``--diff``)."""

    def __init__(self, recorder: ReadRecorder, write: bool):
        self.recorder = recorder
        self.write = write
        self.overrides: dict[str, bytes] = {}  # --diff: the fixed files' new bytes, which the next check reads

    def read(self, path: str) -> tuple[bytes | None, str | None]:
        """(what the check read, None) or (None, why the file may not be edited)."""
        if path in self.overrides:
            return self.overrides[path], None
        if path not in self.recorder.read_data:
            return None, "the check did not read it"
        expected = self.recorder.read_data[path]
        current = _read_disk(path)
        if current != expected:
            return None, "it changed since the check read it"
        return expected, None

    def put(self, path: str, data: bytes) -> str | None:
        if not self.write:
            self.overrides[path] = data
            return None
        try:
            write_atomically(path, data)
        except OSError as exc:
            return exc.strerror or str(exc)
        return None


def _read_disk(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except OSError:
        return b"\x00unreadable"  # never equal to what a check read


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file (a symbolic link's target) by ``data``: a temporary file in its directory, renamed over it,
    with the file's permission bits (a new file: what the umask allows)."""
    target = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    directory, name = os.path.split(target)
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".goenv-lsp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def edited(data: bytes | None, edits: list[TextEdit]) -> bytes | None:
    """``data`` (UTF-8, maybe with a BOM, which positions do not count) with ``edits`` applied; new lines in the
    new text follow the file's line endings (CRLF files stay CRLF). None: not UTF-8."""
    bom = BOM if data and data.startswith(BOM) else b""
    try:
        text = (data or b"")[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        return None
    crlf = "\r\n" in text and text.count("\n") == text.count("\r\n")
    changes = [(e.range, e.new_text.replace("\r\n", "\n").replace("\n", "\r\n") if crlf else e.new_text)
               for e in edits]
    return bom + apply_edits(text, changes).encode("utf-8")


def _spans(data: bytes | None, edits: list[TextEdit]) -> list[tuple[int, int]] | None:
    bom = BOM if data and data.startswith(BOM) else b""
    try:
        index = LineIndex((data or b"")[len(bom):].decode("utf-8"))
    except UnicodeDecodeError:
        return None
    return [(index.offset(e.range.start), index.offset(e.range.end)) for e in edits]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Overlapping ranges, or two edits starting at one place (which comes first would be a guess)."""
    return a[0] == b[0] or (a[0] < b[1] and b[0] < a[1])


def _key(finding: Finding, fix: Fix) -> tuple:
    return finding.code, fix.title, fix.edits


def fix_passes(check: Check, store: Store, policy: Policy, max_passes: int = MAX_PASSES) -> Outcome:
    """Check, apply the fixes that do not overlap, check again — until nothing is left to apply."""
    outcome: Outcome | None = None
    done: set[tuple] = set()  # fixes applied once: offered again, they did not clear their finding
    applied: list[tuple[Finding, Fix]] = []
    originals: dict[str, bytes | None] = {}
    contents: dict[str, bytes] = {}
    problems: list[tuple[str, str]] = []
    refused: set[str] = set()
    for _ in range(max_passes):
        facts, findings = check(dict(store.overrides))
        outcome = Outcome(facts, findings)
        planned = _plan(findings, store, policy, done, refused, problems)
        if not planned:
            break
        by_path: dict[str, tuple[bytes | None, list[TextEdit]]] = {}
        for finding, fix, texts in planned:
            for edit in fix.edits:
                by_path.setdefault(edit.path, (texts[edit.path], []))[1].append(edit)
            done.add(_key(finding, fix))
        failed: set[str] = set()
        for path, (data, edits) in by_path.items():
            new = edited(data, edits)
            if new is None or new == data:
                continue
            problem = store.put(path, new)
            if problem:
                problems.append((path, problem))
                refused.add(path)
                failed.add(path)
                continue
            originals.setdefault(path, data)
            contents[path] = new
        applied += [(f, fix) for f, fix, _ in planned if not any(e.path in failed for e in fix.edits)]
    else:
        facts, findings = check(dict(store.overrides))
        outcome = Outcome(facts, findings, converged=not _plan(findings, store, policy, done, refused, []))
    assert outcome is not None
    outcome.applied, outcome.problems = applied, problems
    outcome.originals = {p: d for p, d in originals.items() if contents.get(p) != d}
    outcome.contents = {p: d for p, d in contents.items() if p in outcome.originals}
    return outcome


def _plan(findings: Iterable[Finding], store: Store, policy: Policy, done: set[tuple], refused: set[str],
          problems: list[tuple[str, str]]) -> list[tuple[Finding, Fix, dict[str, bytes | None]]]:
    """The fixes of this pass: eligible, not applied before, their files editable, no edit overlapping another."""
    planned = []
    taken: dict[str, list[tuple[int, int]]] = {}
    texts: dict[str, bytes | None] = {}
    for finding in findings:
        fix = policy.chosen(finding)
        if fix is None or _key(finding, fix) in done:
            continue
        spans: dict[str, list[tuple[int, int]]] = {}
        usable = True
        for edit in fix.edits:
            if edit.path in refused:
                usable = False
                break
            if edit.path not in texts:
                data, problem = store.read(edit.path)
                if problem:
                    problems.append((edit.path, problem))
                    refused.add(edit.path)
                    usable = False
                    break
                texts[edit.path] = data
            found = _spans(texts[edit.path], [edit])
            if found is None:
                problems.append((edit.path, "not UTF-8 text"))
                refused.add(edit.path)
                usable = False
                break
            spans.setdefault(edit.path, []).extend(found)
        if not usable:
            continue
        mine = [(p, s) for p, ss in spans.items() for s in ss]
        if any(a[0] < b[1] and b[0] < a[1] for i, (p, a) in enumerate(mine) for q, b in mine[i + 1:] if p == q):
            continue  # the fix's own edits overlap: not applicable (inserts at one place keep their order)
        if any(_overlap(s, t) for p, s in mine for t in taken.get(p, ())):
            continue  # the next pass, on the file as this one leaves it
        for p, s in mine:
            taken.setdefault(p, []).append(s)
        planned.append((finding, fix, {p: texts[p] for p in spans}))
    return planned


def run(source, evaluation, recorder: ReadRecorder, root: str, args, facts_of) -> Outcome:
    """``check --fix`` / ``--diff`` for the CLI: the passes, then the diff (stdout) or what was done (stderr)."""
    import dataclasses
    import shlex
    import sys

    from goenv_lsp.report import PathStyle
    from goenv_lsp.report.text import visible

    def check(overrides: Mapping[str, bytes]) -> tuple[Facts, tuple[Finding, ...]]:
        recorder.read_data.clear()
        source.options = dataclasses.replace(source.options, overrides=dict(overrides))
        facts = facts_of(source)
        return facts, tuple(evaluation.run(facts))

    policy = Policy(root, unsafe=args.unsafe_fixes)
    outcome = fix_passes(check, Store(recorder, write=not args.diff), policy)
    facts = outcome.facts
    style = PathStyle(facts.root, facts.home, anonymize_home=not args.show_home, paths=facts.paths)

    def say(line: str) -> None:
        print(f"goenv-lsp: {visible(style.text(line))}", file=sys.stderr)

    if args.diff and not outcome.problems:  # exit code 2: nothing on stdout
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        data = outcome.diff(style.path)
        out.write(data) if out is not None else sys.stdout.write(data.decode("utf-8", "replace"))
        sys.stdout.flush()
    verb = "would fix" if args.diff else "fixed"
    if not args.quiet:
        for finding, fix in outcome.applied:
            say(f"{verb} {_where(finding, style)}: {finding.code} {fix.title}")
        for finding in outcome.findings:
            held = policy.held_back(finding)
            command = next((f.command for f in finding.fixes if f.command is not None), None)
            if held is not None:
                reason = "unsafe" if held.applicability is Applicability.UNSAFE else "outside the workspace"
                say(f"not applied ({reason}; --unsafe-fixes applies it): {_where(finding, style)}: {finding.code} "
                    f"{held.title}")
            elif command is not None and policy.chosen(finding) is None:
                cwd = f" (in {style.path(command.cwd)})" if command.cwd else ""
                env = "".join(f"{k}={shlex.quote(v)} " for k, v in (command.env or {}).items())
                say(f"run yourself: {env}{shlex.join(command.argv)}{cwd}  [{finding.code} {_where(finding, style)}]")
        files, left = len(outcome.contents), len(outcome.findings)
        remain = f"{left} finding{'s' * (left != 1)} remain{'s' * (left == 1)}"
        if outcome.applied:
            say(f"{verb} {len(outcome.applied)} finding{'s' * (len(outcome.applied) != 1)} in {files} "
                f"file{'s' * (files != 1)}; {remain}")
        else:
            say(f"nothing to fix; {remain}")
    if not outcome.converged:
        say(f"fixes were still offered after {MAX_PASSES} passes: stopped (please report this)")
    for path, problem in outcome.problems:
        say(f"{style.path(path)}: not written: {problem}")
    return outcome


def _where(finding: Finding, style) -> str:
    location = finding.location
    if location.path is None:
        return "."
    start = location.range.start
    return f"{style.path(location.path)}:{start.line + 1}:{start.character + 1}"
