"""GE812 cgo-left-on: CGO_ENABLED=0 after the build, or a cgo build copied into scratch / distroless static.
The real part builds the Dockerfile's RUN line with the real go and gcc, and runs the binary in an empty root
(what `FROM scratch` is): the dynamic binary does not start, the one the fix builds does."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import testbed
from dockerhelp import findings, lines
from fixhelp import apply_edits
from ge6help import CACHE
from realgo import apply, facts_of, write

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability
from goenv_lsp.rules.ge8_versions.ge812_cgo_left_on import check as GE812

SCRATCH = """\
FROM golang:1.27 AS build
WORKDIR /src
COPY . .
RUN go build -o app .
FROM scratch
COPY --from=build /src/app /app
ENTRYPOINT ["/app"]
"""
SERVER = 'package main\n\nimport (\n\t"fmt"\n\t"net"\n)\n\nfunc main() { fmt.Println(net.IPv4len) }\n'


def test_a_debian_golang_build_for_scratch() -> None:
    [finding] = findings(GE812, SCRATCH)
    assert lines(finding) == (4, 7)
    assert "golang:1.27 has gcc, so CGO_ENABLED defaults to 1" in finding.message
    assert "`exec …: no such file or directory`" in finding.message
    [fix] = finding.fixes
    assert fix.applicability is Applicability.UNSAFE  # a package that needs cgo stops building
    fixed = apply_edits(SCRATCH, [(e.range, e.new_text) for e in fix.edits])
    assert "RUN CGO_ENABLED=0 go build -o app .\n" in fixed
    assert findings(GE812, fixed) == []


@pytest.mark.parametrize("final", ["gcr.io/distroless/static", "gcr.io/distroless/static-debian12:nonroot",
                                   "cgr.dev/chainguard/static:latest"])
def test_static_images(final: str) -> None:
    assert findings(GE812, SCRATCH.replace("FROM scratch", f"FROM {final}"))


def test_cgo_set_on_has_no_edit_but_names_the_image_with_a_c_library() -> None:
    text = ("FROM golang:1.27-alpine AS b\nENV CGO_ENABLED=1\nRUN go build -o /app .\n"
            "FROM scratch\nCOPY --from=b /app /\n")
    [finding] = findings(GE812, text)
    assert finding.fixes == () and "distroless/base" in finding.message


@pytest.mark.parametrize("text", [
    SCRATCH.replace("FROM scratch", "FROM gcr.io/distroless/base-debian12"),  # has glibc
    SCRATCH.replace("golang:1.27", "golang:1.27-alpine"),  # no gcc: cgo off by default
    SCRATCH.replace("golang:1.27", "registry.example.com/go:1.27"),  # not known
    SCRATCH.replace("RUN go build", "RUN CGO_ENABLED=0 go build"),
    SCRATCH.replace("RUN go build", "RUN GOARCH=arm64 go build"),
    SCRATCH.replace("RUN go build", "RUN go build -tags netgo,osusergo"),
    SCRATCH.replace("WORKDIR /src", "ENV CGO_ENABLED=0"),
    SCRATCH.replace("COPY --from=build /src/app /app", "COPY app /app"),  # not built here
])
def test_quiet(text: str) -> None:
    assert findings(GE812, text) == []


def test_cgo_off_after_the_build() -> None:
    text = "FROM golang:1.27-bookworm AS build\nRUN go build -o /app .\nENV CGO_ENABLED=0\n"
    [finding] = findings(GE812, text)
    assert lines(finding) == (3, 4)
    assert finding.message.startswith("CGO_ENABLED=0 is set after the build on line 2, which ran with cgo on")
    fixed = apply_edits(text, [(e.range, e.new_text) for e in finding.fixes[0].edits])
    assert fixed == "FROM golang:1.27-bookworm AS build\nENV CGO_ENABLED=0\nRUN go build -o /app .\n"
    assert findings(GE812, fixed) == []
    # a build it reaches (in the stage, or in a stage built on it); alpine, where cgo was off anyway
    assert findings(GE812, text + "RUN go build -o /app2 ./cmd/two\n") == []
    assert findings(GE812, text + "FROM build\nRUN go install ./cmd/two\n") == []
    assert findings(GE812, text.replace("bookworm", "alpine")) == []


# --- real: the binary the RUN line builds, started in an empty root


def _gcc_dir(tmp: Path) -> Path | None:
    """gcc and the assembler and linker it calls, alone in a directory for PATH (None: not installed)."""
    tools = {t: shutil.which(t) for t in ("gcc", "as", "ld")}
    if None in tools.values():
        return None
    where = tmp / "gcc-bin"
    where.mkdir()
    for name, found in tools.items():
        (where / name).symlink_to(found)
    return where


def _start_in_empty_root(binary: Path, root: Path) -> subprocess.CompletedProcess | OSError:
    root.mkdir()
    shutil.copy(binary, root / "app")
    try:
        return subprocess.run(["/app"], preexec_fn=lambda: os.chroot(root), capture_output=True, text=True,
                              timeout=30, env={})
    except OSError as error:
        return error


@pytest.mark.realgo
def test_real_dynamic_binary_does_not_start_in_scratch(tmp_path: Path) -> None:
    gcc = _gcc_dir(tmp_path)
    if gcc is None or os.geteuid() != 0:
        pytest.skip("needs gcc, as and ld (Debian gcc, binutils) and root for chroot")
    go_bin = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin, gcc], GOCACHE=CACHE)  # the GE6 tests' warm cache
    ws = tmp_path / "ws"
    write(ws, {"go.mod": "module example.com/server\n\ngo 1.27.3\n", "main.go": SERVER, "deploy/Dockerfile": SCRATCH})
    [finding] = evaluate(facts_of(ws, env), rules=[GE812])
    run_line = (ws / "deploy/Dockerfile").read_text().splitlines()[3].removeprefix("RUN ")
    assert subprocess.run(["sh", "-c", run_line], cwd=ws, env=env, capture_output=True).returncode == 0
    started = _start_in_empty_root(ws / "app", tmp_path / "scratch")
    assert isinstance(started, FileNotFoundError)  # the loader it names is missing: ENOENT, as in the container
    apply(finding.fixes[0])
    run_line = (ws / "deploy/Dockerfile").read_text().splitlines()[3].removeprefix("RUN ")
    assert run_line == "CGO_ENABLED=0 go build -o app ."
    assert subprocess.run(["sh", "-c", run_line], cwd=ws, env=env, capture_output=True).returncode == 0
    started = _start_in_empty_root(ws / "app", tmp_path / "scratch2")
    assert not isinstance(started, OSError) and started.stdout == "4\n"
    assert evaluate(facts_of(ws, env), rules=[GE812]) == []


def test_one_finding_when_the_late_env_is_the_cause() -> None:
    text = SCRATCH.replace("RUN go build -o app .\n", "RUN go build -o app .\nENV CGO_ENABLED=0\n")
    [finding] = findings(GE812, text)
    assert finding.message.startswith("CGO_ENABLED=0 is set after the build on line 4")
