"""Command line: ``check``, ``facts``, ``explain``, ``rules``; with no subcommand, the language server (on a
terminal without ``--stdio``/``--tcp``: a short usage, exit 2 — a person typed it, not an editor).

Exit codes of ``check``: 0 clean, 1 findings at or above --fail-on, 2 usage or internal error.
The language-server modules (pygls, lsprotocol) are imported only when the server starts.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from goenv_lsp import __version__

if TYPE_CHECKING:
    from goenv_lsp.config import Config
    from goenv_lsp.facts import Facts

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def entry() -> None:
    """The console script. A one-shot command allocates little and exits: collecting garbage during its
    imports and again at exit only costs time (about a sixth of a `check`), so it is switched off."""
    argv = sys.argv[1:]
    from goenv_lsp.commands import NAMES

    one_shot = bool(argv) and argv[0] in ("check", "facts", "explain", "rules", *NAMES)
    if one_shot:
        gc.disable()
    code = main(argv)
    if one_shot:
        gc.freeze()  # nothing left for the collection at interpreter exit
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a non-UTF-8 path or an ASCII-only terminal: escaped, not a crash
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    parser = _parser(argv if argv is not None else sys.argv[1:])
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors: argparse has printed why
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except CliError as exc:
        print(f"goenv-lsp: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # never a bare traceback for a user
        print(f"goenv-lsp: internal error: {exc!r} (please report it; run with GOENV_LSP_DEBUG=1 for details)",
              file=sys.stderr)
        if os.environ.get("GOENV_LSP_DEBUG"):
            raise
        return EXIT_ERROR


class CliError(Exception):
    pass


EXIT_CODES = """\
exit codes (check):
  0  no finding at or above --fail-on (with --diff: nothing to fix)
  1  a finding at or above --fail-on, after --fix's changes (with --diff: a file would change)
  2  usage error, unreadable input, a fix that could not be written, internal error"""
MAIN_EPILOG = f"""\
examples:
  goenv-lsp --stdio                  serve LSP over stdin/stdout (what editors start; the default when
                                     stdin is not a terminal — on a terminal, bare goenv-lsp prints a
                                     short usage and exits 2)
  goenv-lsp check                    check the workspace in the current directory
  goenv-lsp check --format json .    the same for tools (docs/json-format.md)
  goenv-lsp explain GE302            a rule's documentation; `goenv-lsp rules` lists them all

{EXIT_CODES}"""
CHECK_EPILOG = f"""\
examples:
  goenv-lsp check ~/src/service             every module under the directory
  goenv-lsp check --fail-on error -q        CI: fail on errors only, print the findings alone
  goenv-lsp check --select GE1 --ignore GE120
  goenv-lsp check --diff                    what --fix would change, as a unified diff
  goenv-lsp check --fix                     apply the safe fixes, report what remains
  goenv-lsp facts > facts.json; goenv-lsp check --facts facts.json

colour on a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 on (NO_COLOR wins).
goenv-lsp.toml: the nearest one in the directory checked or above it, up to the repository root (.git).

{EXIT_CODES}"""


def _parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The whole parser; when ``argv`` starts with a subcommand, with that subcommand's parser alone (the others
    would only cost start-up time: a one-shot run parses one command line)."""
    parser = argparse.ArgumentParser(prog="goenv-lsp", description="Find Go environment mistakes: a language "
                                     "server (default, or --stdio) and a checker for CI.", epilog=MAIN_EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"goenv-lsp {__version__}")
    parser.add_argument("--stdio", action="store_true", help="serve LSP over stdin/stdout (the default, unless "
                        "stdin is a terminal)")
    parser.add_argument("--tcp", action="store_true", help="serve LSP over TCP instead (see --host, --port)")
    parser.add_argument("--host", default="127.0.0.1", help="address for --tcp (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=2087, help="port for --tcp (default 2087)")
    parser.add_argument("--log-file", metavar="FILE",
                        help="write the server log here instead of stderr (created readable by you only)")
    parser.add_argument("--log-level", default=None, choices=("debug", "info", "warning", "error"),
                        help="default: warning on stderr, info in --log-file; neither logs message contents; "
                        "debug logs every message, redacted")
    # tests only: serve a recorded machine instead of this one; replace rules by those of a module
    parser.add_argument("--test-system", metavar="FIXTURE", help=argparse.SUPPRESS)
    parser.add_argument("--test-rules", metavar="MODULE", help=argparse.SUPPRESS)
    _hermetic_argument(parser)
    parser.set_defaults(run=_serve, parser=parser)
    sub = parser.add_subparsers(title="commands")

    from goenv_lsp.commands import NAMES, module

    first = argv[0] if argv else None
    for name in (first,) if first in BUILT_IN or first in NAMES else (*BUILT_IN, *NAMES):
        if name in BUILT_IN:
            BUILT_IN[name](sub)
        else:
            module(name).register(sub)
    return parser


def _add_check(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check", help="check a workspace and report findings", epilog=CHECK_EPILOG,
                           description="Check a workspace (a module or a whole repository) and report findings.",
                           formatter_class=argparse.RawDescriptionHelpFormatter)
    _probe_arguments(check)
    check.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text",
                       help="text for people, json for tools (docs/json-format.md), sarif for code scanning, "
                       "github for GitHub Actions annotations (docs/ci.md)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout "
                       "(replaced whole when complete; the exit code is the same)")
    check.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="warning",
                       help="exit 1 when a finding is at least this severe (default: warning)")
    check.add_argument("--facts", metavar="FILE", help="evaluate saved facts (from `goenv-lsp facts`) "
                       "instead of probing this machine")
    check.add_argument("--select", action="append", default=[], metavar="CODE",
                       help="only these rules or families (GE1, GE302, go-not-found); repeatable")
    check.add_argument("--ignore", action="append", default=[], metavar="CODE", help="skip these rules")
    check.add_argument("--show-home", action="store_true", help="print home paths as they are, not as ~")
    check.add_argument("--fix", action="store_true", help="apply the safe fixes to files inside the workspace, "
                       "then report what remains (commands are never run: they are listed)")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: unsafe fixes too, and "
                       "files outside the workspace the check read (shell rc files, the GOENV file)")
    check.add_argument("--diff", action="store_true", help="print the unified diff --fix would make, write nothing; "
                       "exit 1 when it would change a file")
    check.add_argument("-q", "--quiet", action="store_true", help="print the findings alone (nothing when clean)")
    check.add_argument("--context", choices=("auto", "editor", "ci"), default=None,
                       help="ci runs only the rules that judge the repository and this machine's own toolchain, "
                       "not a developer's editor and home settings; auto (the default, or `context` in "
                       "goenv-lsp.toml): ci when CI or a CI service's variable is set")
    check.set_defaults(run=_check)


def _add_facts(sub: argparse._SubParsersAction) -> None:
    facts = sub.add_parser("facts", help="print the facts the rules read, as JSON")
    _probe_arguments(facts)
    facts.add_argument("--show-home", action="store_true", help="print home paths as they are, not as ~")
    facts.set_defaults(run=_facts)


def _add_explain(sub: argparse._SubParsersAction) -> None:
    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("code", help="GE### or the rule's name")
    explain.add_argument("--format", choices=("md", "json"), default="md")
    explain.set_defaults(run=_explain)


def _add_rules(sub: argparse._SubParsersAction) -> None:
    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)


BUILT_IN = {"check": _add_check, "facts": _add_facts, "explain": _add_explain, "rules": _add_rules}


def _probe_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", nargs="?", default=".", help="workspace directory (default: .)")
    parser.add_argument("--probe-timeout", type=float, default=None, metavar="SECONDS",
                        help="kill a probe (go env) after this long (default: probe-timeout in goenv-lsp.toml, "
                             "else 5)")
    parser.add_argument("--trust-workspace", action="store_true",
                        help="allow running go binaries that live inside the workspace")
    # tests only: probe a recorded machine (goenv_lsp.probe.fake) instead of this one
    parser.add_argument("--test-system", metavar="FIXTURE", help=argparse.SUPPRESS)
    _hermetic_argument(parser)


def _hermetic_argument(parser: argparse.ArgumentParser) -> None:
    """Tests: do not look for go where installers put it on the host (a distro go there is not the test's)."""
    parser.add_argument("--test-no-well-known", action="store_true", default=argparse.SUPPRESS,
                        help=argparse.SUPPRESS)


def _system(args: argparse.Namespace):
    if getattr(args, "test_system", None):
        from goenv_lsp.probe.fake import FakeSystem

        return FakeSystem.from_file(args.test_system)
    from goenv_lsp.probe.system import WELL_KNOWN_GO, RealSystem

    hermetic = getattr(args, "test_no_well_known", False)
    return RealSystem(timeout=args.probe_timeout or 5.0, well_known_go=() if hermetic else WELL_KNOWN_GO)


def _root(args: argparse.Namespace) -> str:
    if getattr(args, "test_system", None):
        return args.dir  # a directory of the recorded machine
    if not os.path.isdir(args.dir):
        raise CliError(f"{args.dir}: not a directory")
    return os.path.abspath(args.dir)


def _live(args: argparse.Namespace, system, config: Config, gopls: bool = True, cgo_flags: bool = False,
          login_shell: bool = True, go_generate: bool = True):
    from goenv_lsp.inputs.live import LiveProbe
    from goenv_lsp.probe import ProbeOptions

    timeout = config.probe_timeout if args.probe_timeout is None else args.probe_timeout
    if timeout <= 0:
        raise CliError("--probe-timeout must be positive")
    options = ProbeOptions(timeout=timeout, trusted=args.trust_workspace, discovery=config.workspace,
                           gopls=gopls, cgo_flags=cgo_flags, home_files=config.home_files,
                           login_shell=login_shell and config.login_shell is not False,  # on in the CLI unless off
                           go_generate=go_generate)
    return LiveProbe(_root(args), system, options)


def _facts_of(source) -> Facts:
    from goenv_lsp.inputs.snapshot import SnapshotError

    try:
        return source.facts()
    except SnapshotError as exc:
        raise CliError(str(exc)) from None


def _config(root: str | None, system=None) -> Config:
    """The nearest goenv-lsp.toml at or above the workspace (problems go to stderr; defaults are used for them)."""
    from goenv_lsp.config import Config, load_workspace_file

    config, problems = Config(), []
    if root and (system is not None or os.path.isdir(root)):
        config, problems, _ = load_workspace_file(root, config, system, search_parents=True)
    for problem in problems:
        print(f"goenv-lsp: {problem} (ignored)", file=sys.stderr)
    return config


def _check(args: argparse.Namespace) -> int:
    from goenv_lsp.contexts import resolve
    from goenv_lsp.engine import Evaluation, Selection, unknown_patterns
    from goenv_lsp.model import Severity
    from goenv_lsp.report import CheckResult, PathStyle, renderer
    from goenv_lsp.rules import Input, all_rules

    unknown = unknown_patterns(args.select + args.ignore)
    if unknown:
        raise CliError(f"unknown rule or family {unknown[0]!r} in --select/--ignore (see `goenv-lsp rules`)")
    fixing = args.fix or args.diff
    if args.unsafe_fixes and not fixing:
        raise CliError("--unsafe-fixes goes with --fix or --diff")
    if fixing and (args.facts or args.test_system):
        raise CliError("--fix and --diff edit this machine's files: they cannot go with --facts")
    from goenv_lsp.inputs.snapshot import Snapshot

    snapshot = Snapshot(args.facts) if args.facts else None
    system = None if snapshot else _system(args)
    if fixing:
        from goenv_lsp.fixes_apply import ReadRecorder

        system = ReadRecorder(system)
    config = _config(_facts_of(snapshot).root if snapshot else _root(args), system)
    context = resolve(args.context or config.context, system.env if system is not None else os.environ)
    selection = Selection(select=tuple(args.select) or config.select,
                          ignore=tuple(dict.fromkeys(config.ignore + tuple(args.ignore))),
                          severity=dict(config.severity), context=context)
    for rule in selection.off_in_context(all_rules()):
        print(f"goenv-lsp: {rule.code} ({rule.name}) is off in the {context.value} context: it compares a "
              f"developer's settings or tools with this machine (--context editor runs it)", file=sys.stderr)
    evaluation = Evaluation(selection)
    source = snapshot or _live(args, system, config, gopls=evaluation.reads(Input.GOPLS),
                               cgo_flags=evaluation.reads(Input.CGO_FLAGS),
                               login_shell=evaluation.reads(Input.LOGIN_SHELL),
                               go_generate=evaluation.reads(Input.GO_GENERATE))
    if fixing:
        from goenv_lsp import fixes_apply

        outcome = fixes_apply.run(source, evaluation, system, _root(args), args, _facts_of)
        if args.diff:
            return EXIT_ERROR if outcome.problems else EXIT_FINDINGS if outcome.contents else EXIT_CLEAN
        facts, findings = outcome.facts, outcome.findings
    else:
        facts = _facts_of(source)
        findings = tuple(evaluation.run(facts))
    style = PathStyle(facts.root, facts.home, anonymize_home=not args.show_home, paths=facts.paths)
    if fixing and outcome.problems:
        return EXIT_ERROR  # a fix the user asked for was not written (stderr says which): nothing on stdout
    result = CheckResult(facts, findings, tuple(evaluation.rules), context)
    if args.format == "text":
        from goenv_lsp.report import text

        output = text.render(result, style, _look(args))
    else:
        output = renderer(args.format)(result, style)
    from goenv_lsp.report.output import write_report

    if output or args.output:
        write_report(output, args.output)
    if args.fail_on == "never":
        return EXIT_CLEAN
    threshold = Severity(args.fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in findings) else EXIT_CLEAN


def _look(args: argparse.Namespace):
    """Colour on a terminal (NO_COLOR set and not empty: never; FORCE_COLOR: even when piped; TERM=dumb: none);
    ASCII marks when stdout cannot encode ✓ ✗ …."""
    from goenv_lsp.report.text import Look

    to_file = getattr(args, "output", None) not in (None, "-")  # a report file never holds escape codes
    if os.environ.get("NO_COLOR") or to_file:
        colour = False
    elif os.environ.get("FORCE_COLOR"):
        colour = True
    else:
        isatty = getattr(sys.stdout, "isatty", None)
        colour = bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"
    try:
        "✓✗…→≥—".encode("utf-8" if to_file else getattr(sys.stdout, "encoding", None) or "ascii")
        plain = False
    except (UnicodeEncodeError, LookupError):
        plain = True
    return Look(quiet=args.quiet, colour=colour, ascii=plain)


def _facts(args: argparse.Namespace) -> int:
    from goenv_lsp.inputs.snapshot import dumps
    from goenv_lsp.report import PathStyle

    system = _system(args)
    facts = _facts_of(_live(args, system, _config(_root(args), system)))
    text = dumps(facts)
    if not args.show_home and facts.home:  # output people share: the home directory as ~
        style = PathStyle(None, facts.home, paths=facts.paths)
        text = json.dumps(_each_text(json.loads(text), style.text), indent=2, ensure_ascii=False)
    print(text)
    return EXIT_CLEAN


def _each_text(data: object, change) -> object:
    if isinstance(data, str):
        return change(data)
    if isinstance(data, list):
        return [_each_text(item, change) for item in data]
    if isinstance(data, dict):
        return {change(key): _each_text(value, change) for key, value in data.items()}
    return data


def _explain(args: argparse.Namespace) -> int:
    from goenv_lsp import docs
    from goenv_lsp.rules import by_code

    rule = by_code(args.code)
    if rule is None:
        raise CliError(f"no rule {args.code!r} (see `goenv-lsp rules`)")
    print(json.dumps(docs.as_json(rule), indent=2) if args.format == "json" else docs.markdown(rule))
    return EXIT_CLEAN


def _rules(args: argparse.Namespace) -> int:
    from goenv_lsp import docs
    from goenv_lsp.rules import all_rules

    if args.format == "json":
        print(json.dumps([docs.as_json(r) for r in all_rules()], indent=2))
        return EXIT_CLEAN
    for rule in all_rules():
        print(f"{rule.code}  {rule.name:<28} {rule.severity.value:<8} {docs.contexts(rule, short=True):<15} "
              f"{rule.summary}")
    return EXIT_CLEAN


def _serve(args: argparse.Namespace) -> int:
    if not (args.stdio or args.tcp) and _stdin_is_terminal():  # a person, not an editor: JSON-RPC would hang
        print(terminal_usage(args.parser), file=sys.stderr)
        return EXIT_ERROR
    try:
        from goenv_lsp.lsp.server import serve
    except ImportError as exc:
        raise CliError(f"the language server is not available: {exc}") from None
    return serve(args)


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # closed
        return False


def terminal_usage(parser: argparse.ArgumentParser) -> str:
    """What bare `goenv-lsp` on a terminal prints instead of waiting for JSON-RPC: how editors start it, the
    commands, --help."""
    commands = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    rows = [("--stdio", "serve LSP on stdin/stdout even on a terminal (--tcp --port N: over TCP)"),
            *((c.dest, c.help) for group in commands for c in group._choices_actions), ("--help", "every option")]
    return "\n".join([
        "goenv-lsp is a language server: your editor starts it and talks LSP over stdin/stdout",
        "(editors/README.md in goenv-lsp's source shows each editor's setup); it does not read a terminal.",
        "", *(f"  {'goenv-lsp ' + name:<20}  {text}" for name, text in rows)])
