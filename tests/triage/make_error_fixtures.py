"""Regenerate tests/triage/fixtures/errors/*.txt: each error line as the real go prints it.

    GOENV_LSP_TESTBED=… python tests/triage/make_error_fixtures.py

Every scenario runs the testbed's go (1.21.13, 1.27.3) in a fresh isolated HOME with GOTOOLCHAIN=local and an
offline file:// proxy; the output (stderr, then stdout) is kept with the temporary directory written as
/home/dev and the Go installation as /usr/local/go. Messages no offline run can produce (the checksum database's
410 Gone, DNS and TLS failures, gopls' own messages, Go < 1.21) are in fixtures/errors/written/, written by
hand from the Go and gopls sources.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import goproxy  # noqa: E402
import testbed  # noqa: E402

OUT = HERE / "fixtures" / "errors"
VERSIONS = ("1.21.13", "1.27.3")
OTHER_GO = {"1.21.13": "1.22.10", "1.27.3": "1.24.11"}  # the GOROOT of compile-version-mismatch
ONLY = {"unknown-directive": ("1.21.13",)}  # the scenarios only some versions fail on
MAX_LINES = 12  # a build prints the same error for every package: the first ones are the fixture
MAIN = 'package main\n\nimport "example.com/dep"\n\nfunc main() { _ = dep.V }\n'
APP_MOD = "module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n"
Scenario = Callable[[Path, Path, dict[str, str]], tuple[list[str], Path, dict[str, str]]]


def write(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def proxy_with_dep(tmp: Path, go_line: str = "1.21") -> str:
    proxy = tmp / "proxy"
    goproxy.add_module(proxy, "example.com/dep", "v1.0.0", go_mod=f"module example.com/dep\n\ngo {go_line}\n",
                       files={"dep.go": "package dep\n\nconst V = 1\n"})
    return goproxy.proxy_url(proxy)


def go_mod_too_new(tmp, goroot, env):
    return ["build", "./..."], write(tmp / "app", {"go.mod": "module example.com/app\n\ngo 1.30.0\n",
                                                   "main.go": "package main\n\nfunc main() {}\n"}), {}


def go_work_too_new(tmp, goroot, env):
    root = write(tmp / "ws", {"go.work": "go 1.30.0\n\nuse ./app\n",
                              "app/go.mod": "module example.com/app\n\ngo 1.21\n",
                              "app/main.go": "package main\n\nfunc main() {}\n"})
    return ["build", "./..."], root / "app", {}


def dependency_too_new(tmp, goroot, env):
    url = proxy_with_dep(tmp, "1.30.0")
    root = write(tmp / "app", {"go.mod": APP_MOD, "main.go": MAIN})
    return ["mod", "download", "example.com/dep"], root, {"GOPROXY": url, "GONOSUMDB": "example.com"}


def compile_version_mismatch(tmp, goroot, env):
    """GOROOT names another Go installation than the go command's own: one package at a time (-p 1), so the
    first failing package, and the output, are the same on every run."""
    other = testbed.go_root(OTHER_GO[goroot.parent.name.removeprefix("go-")])
    root = write(tmp / "app", {"go.mod": "module example.com/app\n\ngo 1.21\n",
                               "main.go": "package main\n\nfunc main() {}\n"})
    return ["build", "-p", "1", "./..."], root, {"GOROOT": str(other)}


def gopath_is_goroot(tmp, goroot, env):
    root = write(tmp / "app", {"go.mod": "module example.com/app\n\ngo 1.21\n"})
    return ["env", "GOPATH"], root, {"GOPATH": str(goroot), "GOROOT": str(goroot)}


def inconsistent_vendoring(tmp, goroot, env):
    root = write(tmp / "app", {"go.mod": APP_MOD, "main.go": MAIN, "vendor/modules.txt": "# explicit\n"})
    return ["build", "./..."], root, {}


def go_work_module_missing(tmp, goroot, env):
    root = write(tmp / "ws", {"go.work": "go 1.21\n\nuse ./missing\n"})
    return ["list", "-m"], root, {}


def goproxy_no_entries(tmp, goroot, env):
    root = write(tmp / "app", {"go.mod": APP_MOD, "main.go": MAIN})
    return ["mod", "download", "example.com/dep"], root, {"GOPROXY": ","}


def invalid_go_version(tmp, goroot, env):
    root = write(tmp / "app", {"go.mod": "module example.com/app\n\ngo 1.22.x\n"})
    return ["list", "-m"], root, {}


def toolchain_not_available(tmp, goroot, env):
    (tmp / "emptyproxy").mkdir()
    root = write(tmp / "app", {"go.mod": "module example.com/app\n\ngo 1.30.0\n"})
    return ["list", "-m"], root, {"GOTOOLCHAIN": "auto", "GOPROXY": goproxy.proxy_url(tmp / "emptyproxy")}


def gopath_relative(tmp, goroot, env):
    return ["env", "GOPATH"], write(tmp / "app", {}), {"GOPATH": "relative/gopath"}


def gopath_tilde(tmp, goroot, env):
    return ["env", "GOPATH"], write(tmp / "app", {}), {"GOPATH": "~/go"}


def gopath_go_mod(tmp, goroot, env):
    root = write(tmp / "gopath", {"go.mod": "module example.com/gopath\n\ngo 1.21\n"})
    return ["list", "-m"], root, {"GOPATH": str(root)}


def modules_disabled(tmp, goroot, env):
    return ["mod", "tidy"], write(tmp / "app", {"go.mod": APP_MOD, "main.go": MAIN}), {"GO111MODULE": "off"}


def cannot_find_package(tmp, goroot, env):
    return ["build", "."], write(tmp / "app", {"main.go": MAIN}), {"GO111MODULE": "off"}


def go_mod_not_found(tmp, goroot, env):
    return ["mod", "tidy"], write(tmp / "app", {"main.go": "package main\n\nfunc main() {}\n"}), {}


def checksum_mismatch(tmp, goroot, env):
    url = proxy_with_dep(tmp)
    bad = "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
    root = write(tmp / "app", {"go.mod": APP_MOD, "main.go": MAIN,
                               "go.sum": f"example.com/dep v1.0.0 {bad}\nexample.com/dep v1.0.0/go.mod {bad}\n"})
    return ["mod", "download", "example.com/dep"], root, {"GOPROXY": url, "GONOSUMDB": "example.com"}


def go_work_go_too_old(tmp, goroot, env):
    root = write(tmp / "ws", {"go.work": "go 1.21\n\nuse ./app\n",
                              "app/go.mod": "module example.com/app\n\ngo 1.21.5\n",
                              "app/main.go": "package main\n\nfunc main() {}\n"})
    return ["list", "-m"], root, {}


def gomodcache_relative(tmp, goroot, env):
    return ["env", "-w", "GOMODCACHE=relative/modcache"], write(tmp / "app", {}), {}


def goroot_missing(tmp, goroot, env):
    return ["env", "GOROOT"], write(tmp / "app", {}), {"GOROOT": "/usr/local/go1.20"}


def goproxy_off_uncached(tmp, goroot, env):
    return ["mod", "download", "example.com/dep"], write(tmp / "app", {"go.mod": APP_MOD, "main.go": MAIN}), {}


def path_version_gopath_mode(tmp, goroot, env):
    return ["build", "example.com/dep@v1.0.0"], write(tmp / "app", {}), {"GO111MODULE": "off"}


def unknown_directive(tmp, goroot, env):
    """go 1.21 reads a go.mod a newer go wrote (the godebug directive is Go 1.23's)."""
    root = write(tmp / "app", {"go.mod": "module example.com/app\n\ngo 1.21\n\ngodebug default=go1.21\n"})
    return ["list", "-m"], root, {}


def mod_vendor_without_vendor(tmp, goroot, env):
    return ["build", "./..."], write(tmp / "app", {"go.mod": APP_MOD, "main.go": MAIN}), {"GOFLAGS": "-mod=vendor"}


def mod_flag_in_workspace(tmp, goroot, env):
    root = write(tmp / "ws", {"go.work": "go 1.21\n\nuse ./app\n",
                              "app/go.mod": "module example.com/app\n\ngo 1.21\n",
                              "app/main.go": "package main\n\nfunc main() {}\n"})
    return ["list", "-m"], root, {"GOFLAGS": "-mod=mod"}


def unsupported_platform(tmp, goroot, env):
    root = write(tmp / "app", {"go.mod": "module example.com/app\n\ngo 1.21\n",
                               "main.go": "package main\n\nfunc main() {}\n"})
    return ["build", "./..."], root, {"GOARCH": "amd46"}


def c_compiler_missing(tmp, goroot, env):
    root = write(tmp / "app", {"go.mod": "module example.com/app\n\ngo 1.21\n",
                               "main.go": 'package main\n\n// int one(void) { return 1; }\nimport "C"\n\n'
                                          "func main() { _ = C.one() }\n"})
    return ["build", "./..."], root, {"CGO_ENABLED": "1", "CC": "x86_64-linux-gnu-gcc-0"}


def gotoolchain_invalid(tmp, goroot, env):
    return ["version"], write(tmp / "app", {}), {"GOTOOLCHAIN": "go1.22+latest"}


SCENARIOS: dict[str, Scenario] = {
    "go-mod-requires-newer": go_mod_too_new, "go-work-requires-newer": go_work_too_new,
    "dependency-requires-newer": dependency_too_new, "compile-version-mismatch": compile_version_mismatch,
    "gopath-is-goroot": gopath_is_goroot, "inconsistent-vendoring": inconsistent_vendoring,
    "go-work-module-missing": go_work_module_missing, "goproxy-no-entries": goproxy_no_entries,
    "invalid-go-version": invalid_go_version, "toolchain-not-available": toolchain_not_available,
    "gopath-relative": gopath_relative, "gopath-tilde": gopath_tilde, "gopath-go-mod": gopath_go_mod,
    "modules-disabled": modules_disabled, "cannot-find-package-gopath": cannot_find_package,
"go-mod-not-found": go_mod_not_found,
    "checksum-mismatch": checksum_mismatch, "go-work-go-too-old": go_work_go_too_old,
    "gomodcache-relative": gomodcache_relative, "goroot-missing": goroot_missing,
    "goproxy-off-uncached": goproxy_off_uncached, "path-version-gopath-mode": path_version_gopath_mode,
    "unknown-directive": unknown_directive, "mod-vendor-without-vendor": mod_vendor_without_vendor,
    "mod-flag-in-workspace": mod_flag_in_workspace, "unsupported-platform": unsupported_platform,
    "c-compiler-missing": c_compiler_missing, "gotoolchain-invalid": gotoolchain_invalid,
}


def run(name: str, version: str) -> str:
    goroot = testbed.go_root(version)
    # go 1.23+ leaves a telemetry child writing under HOME after it exits: clean up what can be cleaned
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as raw:
        tmp = Path(raw).resolve()
        env = testbed.isolated_env(tmp, [goroot / "bin"])
        args, cwd, extra = SCENARIOS[name](tmp, goroot, env)
        proc = subprocess.run([str(goroot / "bin" / "go"), *args], cwd=cwd, env={**env, **extra},
                              capture_output=True, text=True, timeout=300)
        text = "".join((proc.stderr + proc.stdout).splitlines(keepends=True)[:MAX_LINES])
        for path in tmp.rglob("*"):  # the module cache is read-only: let the directory go
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        other = testbed.go_root(OTHER_GO[version])
        # go reports its root with symbolic links resolved (a testbed reached through a link)
        for real, shown in ((str(other.resolve()), f"/usr/local/go{OTHER_GO[version]}"),
                            (str(other), f"/usr/local/go{OTHER_GO[version]}"),
                            (str(goroot.resolve()), "/usr/local/go"), (str(goroot), "/usr/local/go"),
                            (str(tmp / "home"), "/home/dev"), (str(tmp), "/home/dev/src")):
            text = text.replace(real, shown)
        return text


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SCENARIOS:
        for version in ONLY.get(name, VERSIONS):
            text = run(name, version)
            (OUT / f"{name}.go{version}.txt").write_text(text)
            print(f"{name} go{version}: {text.strip().splitlines()[:1]}")


if __name__ == "__main__":
    main()
