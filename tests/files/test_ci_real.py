"""The CI kinds on a real repository tree: real files in a temp directory, probed by the real collector (the real
go 1.27.3 of the testbed on PATH), GE801/GE811 on the right line, and their fixes applied to the files clear them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from ci_repo import apply, findings, probe, repository

from goenv_lsp.engine import evaluate
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules import by_code

CI_CODES = ("GE801", "GE811", "GE820", "GE821", "GE822")


LAGGING = """\
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


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_setup_go_lagging_a_go_127_module(tmp_path: Path, newline: str) -> None:
    root, env = repository(tmp_path, {".github/workflows/ci.yml": LAGGING.replace("\n", newline)})
    [finding] = findings(root, env, *CI_CODES)
    assert finding.code == "GE801" and finding.location.path == str(root / ".github/workflows/ci.yml")
    assert (finding.location.range.start.line, finding.location.range.start.character) == (9, 23)
    assert finding.message.startswith("setup-go go-version selects Go 1.22, older than `go 1.27`")
    apply(finding)
    assert "go-version: '1.27'" + newline in (root / ".github/workflows/ci.yml").read_bytes().decode()
    assert findings(root, env, *CI_CODES) == []


def test_a_correct_workflow_is_quiet(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {".github/workflows/ci.yml": """\
        on: [push, pull_request]
        jobs:
          test:
            strategy:
              matrix:
                go: ['1.27.x', stable]
                os: [ubuntu-latest, macos-latest, windows-latest]
            runs-on: ${{ matrix.os }}
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-go@v6
                with:
                  go-version: ${{ matrix.go }}
              - run: |
                  go mod download
                  go vet ./...
                  go test -race ./...
          lint:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-go@v6
                with:
                  go-version-file: go.mod
              - run: go run honnef.co/go/tools/cmd/staticcheck@2025.1.1 ./...
        """, ".gitlab-ci.yml": """\
        default:
          image: golang:1.27-alpine
        test:
          script:
            - go test ./...
        """})
    facts = probe(root, env)
    assert {f.kind for f in facts.files.values()} >= {"github-workflow", "gitlab-ci"}
    assert evaluate(facts, rules=[by_code(c) for c in CI_CODES]) == []


def test_build_fetches_latest_in_a_workflow_and_gitlab(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {
        "go.mod": "module example.com/app\n\ngo 1.27\n\nrequire golang.org/x/tools v0.31.0\n",
        ".github/workflows/gen.yaml": """\
            on: push
            jobs:
              gen:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      go install golang.org/x/tools/cmd/stringer@latest
                      go generate ./...
            """,
        ".gitlab-ci.yml": "test:\n  image: golang:1.27\n  script:\n    - go get -u ./... && go test ./...\n"})
    found = findings(root, env, "GE811")
    assert [(f.location.path.rsplit("/", 1)[-1], f.location.range.start.line, f.location.range.start.character)
            for f in found] == [("gen.yaml", 6, 21), (".gitlab-ci.yml", 3, 13)]
    apply(found[0])  # pins the version go.mod requires
    assert "stringer@v0.31.0\n" in (root / ".github/workflows/gen.yaml").read_text()
    assert [f.location.path.rsplit("/", 1)[-1] for f in findings(root, env, "GE811")] == [".gitlab-ci.yml"]


def test_an_unsaved_workflow_buffer_is_read(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {})
    path = str(root / ".github/workflows/new.yml")
    options = ProbeOptions(gopls=False, overrides={path: textwrap.dedent(LAGGING).encode()})
    facts = collect_sync(str(root), options, RealSystem(env=env, well_known_go=()))
    [finding] = evaluate(facts, rules=[by_code("GE801")])
    assert finding.location.path == path


def test_secrets_in_ci_scripts_never_reach_the_facts(tmp_path: Path) -> None:
    from goenv_lsp.inputs.snapshot import dumps

    token = "ghp_" + "Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6"
    root, env = repository(tmp_path, {".github/workflows/ci.yml": f"""\
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  git config --global url."https://x:{token}@github.com/".insteadOf "https://github.com/"
                  GOPRIVATE=corp.example go install corp.example/tool@latest
        """, ".gitlab-ci.yml": f"test:\n  script:\n    - export GITHUB_TOKEN={token}\n    - go build\n"})
    facts = probe(root, env)
    assert token not in dumps(facts)
    assert any("go install corp.example/tool@latest" in c.value for f in facts.files.values()
               for c in getattr(f, "commands", ()))
