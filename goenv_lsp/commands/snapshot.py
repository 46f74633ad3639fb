"""`goenv-lsp snapshot [DIR]`: the facts of DIR and where each go variable comes from, as one JSON file that
`check --facts`, `triage` and `diff` read. ``--redact`` hides who and where (home, user and host names) besides
the secrets every output hides; ``--redact-private-hosts`` hides private module hosts too, with stable
placeholders. Exit 0, 2 on errors."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys

ENVIRONMENT_KEY = "environment"  # the `goenv-lsp env --format json` document inside a snapshot


def register(sub: argparse._SubParsersAction) -> None:
    from goenv_lsp.cli import _probe_arguments
    from goenv_lsp.commands import wrapped

    parser = sub.add_parser(
        "snapshot", help="save this machine's facts and their provenance as one JSON file",
        description=wrapped("The facts the rules read and where each go variable comes from, as one JSON file: "
                            "`goenv-lsp check --facts FILE` evaluates it anywhere, `goenv-lsp diff A B` compares two. "
                            "Secrets are always hidden; --redact also hides home paths, user and host names. "
                            "Exit status 0, 2 on errors."),
        epilog="examples:\n  goenv-lsp snapshot --redact --output dev.json\n"
               "  goenv-lsp snapshot --redact --redact-private-hosts -o ci.json && goenv-lsp diff dev.json ci.json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    _probe_arguments(parser)
    parser.add_argument("--redact", action="store_true",
                        help="also replace home paths (~), user names (<user>) and host names (<host>)")
    parser.add_argument("--redact-private-hosts", action="store_true",
                        help="also replace the hosts and module paths GOPRIVATE/GONOPROXY/GONOSUMDB/GOINSECURE "
                             "name (<host-1>, github.com/<org-1>: numbered in sorted order)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the snapshot here instead of stdout")
    parser.add_argument("--show-home", action="store_true", help="print home paths as they are, not as ~")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from goenv_lsp.cli import CliError, _each_text
    from goenv_lsp.commands.env import probed_facts
    from goenv_lsp.inputs.snapshot import dumps
    from goenv_lsp.redact import identity_replacements, patterns_in, private_module_names, replace_names
    from goenv_lsp.report import PathStyle
    from goenv_lsp.report.provenance import environment_data

    if args.show_home and args.redact:
        raise CliError("--show-home and --redact contradict each other")
    facts = probed_facts(args, full=True)
    style = PathStyle(facts.root, facts.home, anonymize_home=not args.show_home, paths=facts.paths)
    data = json.loads(dumps(facts))
    if not args.show_home and facts.home:
        data = _each_text(data, PathStyle(None, facts.home, paths=facts.paths).text)
    data[ENVIRONMENT_KEY] = environment_data(facts, style)
    if args.redact_private_hosts:
        data = replace_names(data, private_module_names(patterns_in(data)))
    if args.redact:
        data = replace_names(data, identity_replacements(_user_names(facts), _host_names()), within_hosts=False)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if not args.output:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise CliError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    return 0


def _user_names(facts) -> set[str]:
    import getpass

    names = {os.environ.get(key, "") for key in ("USER", "LOGNAME", "USERNAME")}
    with contextlib.suppress(OSError, KeyError):  # no name for this uid (a container's arbitrary user)
        names.add(getpass.getuser())
    if facts.home:
        names.add(facts.paths.basename(facts.home.rstrip("/\\")))
    return {n for n in names if n}


def _host_names() -> set[str]:
    import socket

    names = {os.environ.get("HOSTNAME", ""), os.environ.get("COMPUTERNAME", "")}
    with contextlib.suppress(OSError):
        names.add(socket.gethostname())
    return {n for n in names if n}
