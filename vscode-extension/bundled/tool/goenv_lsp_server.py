"""Starts the goenv-lsp language server shipped inside the VS Code extension, with the user's Python.

The convention of Microsoft's vscode-python-tools-extension-template: the server and its dependencies live in
../libs (`pip install --target`, see scripts/bundle_server.py), put on sys.path here before anything is
imported. GOENV_LSP_IMPORT_STRATEGY (the `goenv.server.importStrategy` setting) decides which copy wins:
useBundled (default) puts ../libs first, fromEnvironment last, so a goenv-lsp installed in that Python is used
and the bundled one only when there is none.

`--check` prints what would run (JSON: Python version, executable, goenv-lsp version and location) and exits;
the extension runs it before starting the server so that a wrong interpreter is reported in words.

Written for any Python (no f-strings or annotations), so that an old one gets the message below and not a
SyntaxError.
"""

import json
import os
import sys

MINIMUM = (3, 10)
EXIT_OLD_PYTHON = 3
EXIT_NOT_IMPORTABLE = 4
LIBS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "libs")
STRATEGIES = ("useBundled", "fromEnvironment")


def refuse_old_python():
    if tuple(sys.version_info[:2]) < MINIMUM:
        sys.stderr.write(
            "goenv-lsp needs Python %d.%d or newer, but %s is Python %d.%d.%d. Select a newer interpreter with the "
            "Python extension or set goenv.server.interpreter.\n"
            % (MINIMUM + (sys.executable or "python",) + tuple(sys.version_info[:3]))
        )
        sys.exit(EXIT_OLD_PYTHON)


def add_bundled_libs(strategy):
    if not os.path.isdir(LIBS) or LIBS in sys.path:
        return
    if strategy == "fromEnvironment":
        sys.path.append(LIBS)
    else:
        sys.path.insert(0, LIBS)


def check():
    try:
        import goenv_lsp
    except ImportError as error:
        sys.stderr.write(
            "goenv-lsp cannot be imported by %s (%s): this copy of the extension has no bundled server (%s is "
            "missing) and goenv-lsp is not installed in that Python. Set goenv.server.importStrategy to "
            "useBundled with a packaged extension, install goenv-lsp into that Python, or set "
            "goenv.server.path.\n" % (sys.executable, error, LIBS)
        )
        return EXIT_NOT_IMPORTABLE
    try:
        import watchfiles  # noqa: F401 -- compiled: only in the platform-specific packages
        watching = True
    except ImportError:
        watching = False
    facts = {
        "python": "%d.%d.%d" % tuple(sys.version_info[:3]),
        "executable": sys.executable,
        "goenv_lsp": goenv_lsp.__version__,
        "location": os.path.dirname(os.path.dirname(os.path.abspath(goenv_lsp.__file__))),
        "bundled": os.path.dirname(os.path.abspath(goenv_lsp.__file__)).startswith(LIBS + os.sep),
        "watchfiles": watching,
    }
    sys.stdout.write(json.dumps(facts) + "\n")
    return 0


def main():
    refuse_old_python()
    strategy = os.environ.get("GOENV_LSP_IMPORT_STRATEGY", "useBundled")
    add_bundled_libs(strategy if strategy in STRATEGIES else "useBundled")
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    sys.argv[0] = "goenv-lsp"
    from goenv_lsp.cli import entry

    entry()


if __name__ == "__main__":
    main()
