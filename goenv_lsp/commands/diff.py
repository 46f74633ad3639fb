"""`goenv-lsp diff A B`: drift between two snapshots (`goenv-lsp snapshot`, or `goenv-lsp facts` output) — the
go that runs, the go variables, gopls and tools, editor settings — each difference with a severity and what it
breaks. Exit codes as `check`: 0 no drift at or above --fail-on, 1 drift, 2 errors."""

from __future__ import annotations

import argparse
import json
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from goenv_lsp.commands import wrapped

    parser = sub.add_parser(
        "diff", help="drift between two snapshots (two developers, a laptop and CI)",
        description=wrapped("Compare two snapshots (`goenv-lsp snapshot`) or saved facts (`goenv-lsp facts`): the go "
                            "that runs, GOROOT/GOPATH/GOPROXY/GOFLAGS/GOPRIVATE and every other go variable, gopls and "
                            "the Go tools, editor settings. Each difference has a severity and says what it breaks; "
                            "what is the same is not listed.\n\nexit status: 0 no difference at or above --fail-on, "
                            "1 some, 2 usage error or a file that is not a snapshot"),
        epilog="examples:\n  goenv-lsp diff dev.json ci.json\n  goenv-lsp diff dev.json ci.json --format markdown "
               "--fail-on never >> issue.md",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", metavar="A", help="a snapshot (JSON)")
    parser.add_argument("b", metavar="B", help="another snapshot")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                        help="markdown: a table to paste into an issue")
    parser.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="warning",
                        help="exit 1 when a difference is at least this severe (default: warning)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from goenv_lsp.cli import CliError
    from goenv_lsp.inputs.snapshot import SnapshotError, load
    from goenv_lsp.model import Severity
    from goenv_lsp.report import PathStyle, drift

    try:
        facts_a, facts_b = load(args.a), load(args.b)
    except SnapshotError as exc:
        raise CliError(str(exc)) from None
    differences = drift.drift(facts_a, facts_b)
    label_a, label_b = os.path.basename(args.a), os.path.basename(args.b)
    if label_a == label_b:  # the paths, home as ~
        home = PathStyle(None, os.path.expanduser("~"))
        label_a, label_b = home.text(os.path.abspath(args.a)), home.text(os.path.abspath(args.b))
    if args.format == "json":
        output = json.dumps(drift.data(differences, label_a, label_b), indent=2, ensure_ascii=False) + "\n"
    else:
        output = (drift.markdown if args.format == "markdown" else drift.text)(differences, label_a, label_b)
    sys.stdout.write(output)
    if args.fail_on == "never":
        return 0
    threshold = Severity(args.fail_on).rank
    return 1 if any(d.severity.rank >= threshold for d in differences) else 0
