"""`goenv-lsp env [DIR]`: every variable the go command knows, its value and where it comes from, and which go
runs and why — the command-line twin of the editor's environment report. Exit 0, 2 on errors."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from goenv_lsp.cli import _probe_arguments
    from goenv_lsp.commands import wrapped

    parser = sub.add_parser(
        "env", help="every go variable, its value and where it comes from",
        description=wrapped("Every variable the running go knows (`go env`), its value and where it comes from: the "
                            "environment (and the shell startup file line exporting it), the GOENV file line, "
                            "$GOROOT/go.env, or the go command's default; editor settings that change it for the "
                            "editor; and which go runs and why. Exit status 0, 2 on errors."),
        epilog="examples:\n  goenv-lsp env\n  goenv-lsp env ~/src/app --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _probe_arguments(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--show-home", action="store_true", help="print home paths as they are, not as ~")
    parser.set_defaults(run=run)


def probed_facts(args: argparse.Namespace, full: bool = False):
    """The facts of DIR: as `goenv-lsp facts` probes them when ``full``, else without gopls and go:generate."""
    from goenv_lsp.cli import _config, _facts_of, _live, _root, _system

    system = _system(args)
    return _facts_of(_live(args, system, _config(_root(args), system), gopls=full, go_generate=full))


def run(args: argparse.Namespace) -> int:
    from goenv_lsp.report import PathStyle
    from goenv_lsp.report.provenance import environment_data, environment_text

    facts = probed_facts(args)
    style = PathStyle(facts.root, facts.home, anonymize_home=not args.show_home, paths=facts.paths)
    if args.format == "json":
        sys.stdout.write(json.dumps(environment_data(facts, style), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(environment_text(facts, style))
    return 0
