"""Issue 8's "done when", tried as a new user would on a real go 1.27.3: a `~/.zshrc` exporting a stale GOROOT,
a `FROM golang:1.22-alpine` Dockerfile in a subdirectory of a go 1.27 module, a `.tool-versions` with an older
golang and a workflow whose setup-go `go-version` lags each get a diagnostic on the right line with a fix, and
applying the fixes clears them. A home directory of ordinary, correct rc files (Debian's skeleton files and the
blocks version managers and tools add) and a correct multi-stage Dockerfile give no finding at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import testbed
from fixhelp import apply_edits

from goenv_lsp.model import Position, Range

pytestmark = pytest.mark.realgo

GO_MOD = "module example.com/app\n\ngo 1.27.0\n"
WORKFLOW = """\
name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: '1.22'
      - run: go test ./...
"""
DOCKERFILE = """\
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM alpine:3.20
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
"""
HEALTHY_DOCKERFILE = """\
# syntax=docker/dockerfile:1
ARG GO_VERSION=1.27
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS build
ARG TARGETOS TARGETARCH
ENV GOPROXY=https://proxy.golang.org,direct CGO_ENABLED=0
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -o /out/app . \\
 && go vet ./...

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
USER nonroot:nonroot
ENTRYPOINT ["/app"]
"""
# what people's rc files hold besides Debian's skeleton: version managers, tools, Go on PATH the documented way
ZSHRC = """\
export ZSH="$HOME/.oh-my-zsh"
ZSH_THEME="robbyrussell"
plugins=(git golang)
[ -f "$ZSH/oh-my-zsh.sh" ] && source "$ZSH/oh-my-zsh.sh"
export NVM_DIR="$HOME/.nvm"
[ -s "$NVM_DIR/nvm.sh" ] && \\. "$NVM_DIR/nvm.sh"
if command -v pyenv >/dev/null 2>&1; then eval "$(pyenv init -)"; fi
[ -f ~/.fzf.zsh ] && source ~/.fzf.zsh
export EDITOR=vim
alias ll='ls -alF'
export PATH="$PATH:$HOME/go/bin"
"""
HOMES = Path(__file__).parent.parent / "rules" / "shell_homes"  # Debian bookworm's /etc/skel files among them
PROFILE_ADDITION = 'export PATH=$PATH:/usr/local/go/bin\nexport PATH="$PATH:$(go env GOPATH 2>/dev/null)/bin"\n'


def check(app: Path, env: dict[str, str]) -> list[dict]:
    ran = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", "--format", "json", "--show-home", str(app)],
                         env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode in (0, 1), ran.stderr
    findings = json.loads(ran.stdout)["findings"]
    for finding in findings:  # workspace paths are relative to it
        finding["path"] = str(app / finding["path"]) if finding.get("path") else None
        for fix in finding["fixes"]:
            for edit in fix["edits"]:
                edit["path"] = str(app / edit["path"])
    return findings


def apply(fix: dict) -> None:
    for path in {e["path"] for e in fix["edits"]}:
        edits = [(Range(Position(**e["range"]["start"]), Position(**e["range"]["end"])), e["newText"])
                 for e in fix["edits"] if e["path"] == path]
        Path(path).write_text(apply_edits(Path(path).read_text(), edits))


def line_of(finding: dict) -> str:
    return Path(finding["path"]).read_text().splitlines()[finding["range"]["start"]["line"]]


def workspace(tmp_path: Path) -> tuple[Path, Path]:
    app, home = tmp_path / "app", tmp_path / "home"
    (app / "deploy").mkdir(parents=True)
    (app / ".github" / "workflows").mkdir(parents=True)
    (app / "go.mod").write_text(GO_MOD)
    (app / "main.go").write_text("package main\n\nfunc main() {}\n")
    home.mkdir(exist_ok=True)
    return app, home


def test_a_new_users_files_around_go(tmp_path: Path, go122: Path, go127: Path) -> None:
    app, home = workspace(tmp_path)
    (app / "deploy" / "Dockerfile").write_text(DOCKERFILE)
    (app / ".tool-versions").write_text("nodejs 20.11.0\ngolang 1.22.3\n")
    (app / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    (home / ".zshrc").write_text(f"export PATH=$HOME/bin:$PATH\nexport GOROOT={go122}\n")
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], SHELL="/bin/zsh")
    found = check(app, env)
    wanted = {
        (str(home / ".zshrc"), "GE701"): f"export GOROOT={go122}",
        (str(app / "deploy" / "Dockerfile"), "GE801"): "FROM golang:1.22-alpine AS build",
        (str(app / ".tool-versions"), "GE801"): "golang 1.22.3",
        (str(app / ".github" / "workflows" / "ci.yml"), "GE801"): "          go-version: '1.22'",
    }
    got = {(f["path"], f["code"]): f for f in found}
    for key, line in wanted.items():
        assert key in got, (key, sorted(got))
        assert line_of(got[key]) == line, key
        assert got[key]["fixes"] and got[key]["fixes"][0]["edits"], key
    assert got[(str(app / "deploy" / "Dockerfile"), "GE801")]["severity"] == "error"  # GOTOOLCHAIN=local there
    for key in wanted:
        apply(got[key]["fixes"][0])
    again = {(f["path"], f["code"]) for f in check(app, env)}
    assert not again & set(wanted), sorted(again & set(wanted))
    assert "golang:1.27-alpine" in (app / "deploy" / "Dockerfile").read_text()
    assert "GOROOT" not in (home / ".zshrc").read_text()


def test_ordinary_rc_files_and_a_multi_stage_dockerfile_are_quiet(tmp_path: Path, go127: Path) -> None:
    app, home = workspace(tmp_path)
    (app / "Dockerfile").write_text(HEALTHY_DOCKERFILE)
    (app / ".tool-versions").write_text("golang 1.27.3\n")
    (app / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW.replace("go-version: '1.22'",
                                                                           "go-version-file: go.mod"))
    for name in ("bashrc", "profile"):  # as `useradd -m` copies them
        (home / f".{name}").write_text((HOMES / f"debian-skel.{name}").read_text())
    (home / ".profile").write_text((home / ".profile").read_text() + PROFILE_ADDITION)
    (home / ".zshrc").write_text(ZSHRC)
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], SHELL="/bin/bash", GOPROXY=None)
    found = [f for f in check(app, env) if f["code"] not in ("GE120",)]  # no gopls in this machine: not the point
    assert found == [], "\n".join(f"{f['code']} {f['path']}:{f['range']['start']['line'] + 1} {f['message']}"
                                  for f in found)


async def test_the_editor_shows_each_on_its_line_with_its_quick_fix(tmp_path: Path, go122: Path, go127: Path) -> None:
    """The same machine through the language server: a diagnostic on each file's line (~/.zshrc outside the
    workspace too), each with a quick fix whose edit is the one the CLI offers."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lsp"))
    from lsp_harness import quick_fixes, session, wait_for  # type: ignore[import-not-found]

    app, home = workspace(tmp_path)
    (app / "deploy" / "Dockerfile").write_text(DOCKERFILE)
    (app / ".tool-versions").write_text("nodejs 20.11.0\ngolang 1.22.3\n")
    (app / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    (home / ".zshrc").write_text(f"export PATH=$HOME/bin:$PATH\nexport GOROOT={go122}\n")
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    wanted = {home / ".zshrc": ("GE701", 1, ""), app / "deploy" / "Dockerfile": ("GE801", 0, "1.27"),
              app / ".tool-versions": ("GE801", 1, "1.27.0"), app / ".github/workflows/ci.yml": ("GE801", 9, "1.27")}
    async with session(env, app) as client:
        for path, (code, line, new_text) in wanted.items():
            uri = path.as_uri()
            diagnostics = await wait_for(client, uri, lambda d, code=code: any(x.code == code for x in d), timeout=60)
            [diagnostic] = [d for d in diagnostics if d.code == code]
            assert diagnostic.range.start.line == line, (path, diagnostic.range)
            [fix, *_] = await quick_fixes(client, uri, diagnostic)
            if fix.edit is None:  # VS Code resolves the edit when the fix is chosen
                fix = await client.code_action_resolve_async(fix)
            edits = [e for changes in (fix.edit.changes or {}).values() for e in changes] if fix.edit else []
            edits += [e for change in (fix.edit.document_changes or ()) if fix.edit for e in change.edits]
            assert edits and edits[0].new_text.strip().strip("'") == new_text, (path, fix)
