"""The CI kinds (GitHub Actions workflows, .gitlab-ci.yml): setup-go, container and image pins, run:/script: lines,
their positions checked against PyYAML's own loaded values, and the bounds on hostile YAML."""

from __future__ import annotations

import textwrap
import time

import pytest
import yaml

from goenv_lsp.facts import Status
from goenv_lsp.facts.paths import POSIX, WINDOWS
from goenv_lsp.files import KINDS, kind_of, watch_globs
from goenv_lsp.files._yaml import MAX_DEPTH, compose
from goenv_lsp.files.base import ParseContext, root_paths
from goenv_lsp.files.github_workflow import KIND as WORKFLOW
from goenv_lsp.files.github_workflow import WorkflowFacts, parse_workflow
from goenv_lsp.files.gitlab_ci import KIND as GITLAB
from goenv_lsp.files.gitlab_ci import GitLabCIFacts, parse_gitlab_ci
from goenv_lsp.model import Range
from goenv_lsp.text import LineIndex

CTX = ParseContext("/w", "/home/dev", POSIX)
WORKFLOW_PATH = "/w/.github/workflows/ci.yml"


def workflow(text: str, dedent: bool = True) -> WorkflowFacts:
    return parse_workflow((textwrap.dedent(text) if dedent else text).encode(), WORKFLOW_PATH, CTX)


def gitlab(text: str) -> GitLabCIFacts:
    return parse_gitlab_ci(textwrap.dedent(text).encode(), "/w/.gitlab-ci.yml", CTX)


def at(text: str, spanned_range: Range) -> str:
    """The text a range covers."""
    index = LineIndex(text)
    return text[index.offset(spanned_range.start):index.offset(spanned_range.end)]


SETUP_GO = """\
    on: push
    env:
      GO: '1.24'
    defaults:
      run:
        working-directory: api
    jobs:
      test:
        strategy:
          matrix:
            go: [1.26, '1.27.x', stable, ^1.22, ">=1.21"]
            include:
              - go: 1.23.0-rc.1
        runs-on: ubuntu-latest
        container:
          image: golang:1.22.3-alpine
        steps:
          - uses: actions/checkout@v4
          - uses: actions/setup-go@v6
            with:
              go-version: ${{ matrix.go }}
          - uses: ACTIONS/SETUP-GO@v5.4.0
            with:
              go-version: ${{env.GO}}
          - uses: actions/setup-go@0aaccfd150d50ccaeb58ebd88d36e91967a5f35b
            with:
              go-version: oldstable
              go-version-file: tools/go.mod
"""


def test_setup_go_pins_resolve_the_matrix_and_env() -> None:
    text = textwrap.dedent(SETUP_GO)
    facts = workflow(SETUP_GO)
    assert facts.status is Status.OK and facts.problems == ()
    found = [(p.version, at(text, p.range), p.label, p.local, p.module_dir) for p in facts.go_pins]
    assert found == [
        ("1.22.3", "1.22.3", "job container golang:1.22.3-alpine", True, "/w/api"),
        ("1.26", "1.26", "setup-go go-version (matrix.go)", True, "/w/api"),
        ("1.27", "1.27", "setup-go go-version (matrix.go)", True, "/w/api"),  # 1.27.x: the 1.27 part
        ("1.23rc1", "1.23.0-rc.1", "setup-go go-version (matrix.go)", True, "/w/api"),
        ("1.24", "1.24", "setup-go go-version (env.GO)", False, "/w/api"),  # v5: no GOTOOLCHAIN=local
    ]
    assert facts.version_files == ()  # go-version wins over go-version-file


def test_go_version_file_names_the_module_and_is_recorded() -> None:
    facts = workflow("""\
        jobs:
          a:
            steps:
              - uses: actions/setup-go@v6
                with:
                  go-version-file: ./sub/go.mod
              - uses: actions/setup-go@v6
                with:
                  go-version-file: ${{ inputs.file }}
        """)
    assert facts.go_pins == ()
    [named] = facts.version_files
    assert (named.path, named.value.value) == ("/w/sub/go.mod", "./sub/go.mod")


def test_unquoted_numbers_that_lose_a_digit_are_no_pins() -> None:
    facts = workflow("""\
        jobs:
          a:
            strategy: {matrix: {go: [1.20, 1.21, '1.30', !!str 1.10]}}
            steps:
              - uses: actions/setup-go@v5
                with: {go-version: "${{ matrix.go }}"}
        """)
    assert [(n.value.value, n.reads_as) for n in facts.numeric_versions] == [("1.20", "1.2")]
    assert [p.version for p in facts.go_pins] == ["1.21", "1.30", "1.10"]
    assert yaml.safe_load("v: 1.20")["v"] == 1.2  # what a YAML reader makes of it


def test_other_actions_and_jobs_without_steps_are_ignored() -> None:
    facts = workflow("""\
        jobs:
          call:
            uses: ./.github/workflows/reusable.yml
            with: {go-version: '1.10'}
          py:
            steps:
              - uses: actions/setup-python@v5
                with: {python-version: 1.20}
              - uses: my/setup-go-fork@v1
                with: {go-version: '1.10'}
        """)
    assert (facts.go_pins, facts.numeric_versions, facts.commands) == ((), (), ())


RUN_LINES = """\
jobs:
  a:
    steps:
      - run: go build ./...
      - run: |
          go get -u ./...

            indented more  # kept as written
          last \t
      - run: >-
          go install
          x@latest
      - run: "go  test"
      - run: 'it''s'
      - run: &shared |2
            two-space indicator
      - run: *shared
      - name: plain over two lines
        run: go vet
          ./...
"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_run_lines_are_mapped_to_their_file_positions(newline: str) -> None:
    text = RUN_LINES.replace("\n", newline)
    facts = workflow(text, dedent=False)
    lines = [line.value for line in facts.commands]
    assert lines == ["go build ./...", "go get -u ./...", "indented more  # kept as written", "last",
                     "go install", "x@latest", "go  test", "it''s", "two-space indicator", "go vet", "./..."]
    for line in facts.commands:  # each range covers exactly its text, on one line
        assert line.range.start.line == line.range.end.line
        assert at(text, line.range) == line.value


def test_positions_agree_with_pyyaml_loaded_values() -> None:
    """Each scalar's lines, joined as YAML joins them, are the value PyYAML loads for it."""
    text = RUN_LINES.replace("      - run: *shared\n", "")
    loaded = [step["run"] for step in yaml.safe_load(text)["jobs"]["a"]["steps"]]
    facts = workflow(text, dedent=False)
    by_line: dict[int, list[str]] = {}
    for line in facts.commands:
        by_line.setdefault(line.range.start.line, []).append(line.value)
    # literal: one value line per file line; folded and plain: lines joined by spaces
    assert loaded[0] == "go build ./..."
    assert [v.strip() for v in loaded[1].splitlines() if v.strip()] == [c.value for c in facts.commands[1:4]]
    assert loaded[2] == " ".join(c.value for c in facts.commands[4:6])
    assert loaded[3] == facts.commands[6].value
    assert loaded[4] == "it's" and facts.commands[7].value == "it''s"  # the file's text, quotes doubled
    assert loaded[5].strip() == facts.commands[8].value
    assert loaded[6] == " ".join(c.value for c in facts.commands[9:11])


def test_lines_after_a_non_ascii_character_count_utf16_units() -> None:
    text = "jobs:\n  a:\n    steps:\n      - run: echo '😀' && go get -u ./...\n"
    [line] = workflow(text, dedent=False).commands
    assert line.range.start.character == len("      - run: ")
    assert line.range.end.character == len("      - run: ") + len(line.value) + 1  # the emoji: 2 units


def test_merge_keys_and_anchors_are_read_once() -> None:
    facts = gitlab("""\
        .go: &go
          image: golang:1.22
          before_script:
            - go get -u ./...
        a:
          <<: *go
          script: [go test ./...]
        b:
          <<: *go
          image: golang:1.23-alpine
          script: [go vet ./...]
        """)
    assert [p.version for p in facts.go_pins] == ["1.22", "1.23"]
    assert [c.value for c in facts.commands] == ["go get -u ./...", "go test ./...", "go vet ./..."]


def test_gitlab_images_and_scripts() -> None:
    text = textwrap.dedent("""\
        spec:
          inputs:
            stage: {default: test}
        ---
        image: golang:latest
        variables:
          GO_VERSION: "1.24"
          GO_OTHER: {value: "1.21.5", description: which Go}
        default:
          image: {name: "golang:1.22-alpine", entrypoint: [""]}
          after_script: echo done
        a:
          image: golang:${GO_VERSION}
          script:
            - - nested
              - deeper
        b:
          variables: {GO_VERSION: 1.25.1}
          image: golang:$GO_VERSION-bookworm
          script: go build
        c:
          image: $CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX/golang:1.26
          script: go build
        d:
          image: golang:$GO_OTHER
          script: go build
        e:
          image: circleci/golang:1.15
          script: go build
        """)
    facts = parse_gitlab_ci(text.encode(), "/w/.gitlab-ci.yml", CTX)
    assert facts.status is Status.OK, facts.problems
    assert [f.value for f in facts.floating_images] == ["golang:latest"]
    pins = [(p.version, at(text, p.range), p.local) for p in facts.go_pins]
    assert pins == [("1.22", "1.22", True), ("1.24", "1.24", True), ("1.25.1", "1.25.1", True),
                    ("1.26", "1.26", True), ("1.21.5", "1.21.5", True), ("1.15", "1.15", False)]
    assert [c.value for c in facts.commands] == ["echo done", "nested", "deeper", "go build", "go build",
                                                 "go build", "go build"]


@pytest.mark.parametrize(("data", "message", "line"), [
    (b"jobs:\n  a: [x\n  b: 1\n", "expected ',' or ']'", 2),
    (b"jobs:\n\ta: 1\n", "a tab where YAML needs spaces", 1),
    (b"a: 1\n---\nb: 2\n", "one YAML document", 2),
    (b"a: \x01\n", "not valid YAML", 0),
    (b"a: 1\na: [\n", "not valid YAML", 2),
])
def test_malformed_yaml_is_a_problem_with_its_position(data: bytes, message: str, line: int) -> None:
    facts = parse_workflow(data, WORKFLOW_PATH, CTX)
    [problem] = facts.problems
    assert facts.status is Status.MALFORMED and message in problem.message
    assert problem.range is not None and problem.range.start.line == line


def test_billion_laughs_stops_at_a_bound_quickly() -> None:
    lines = ['a0: &a0 ["go get -u ./..."]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = "\n".join(lines) + "\ntest:\n  script: *a9\n"
    started = time.monotonic()
    facts = parse_gitlab_ci(text.encode(), "/w/.gitlab-ci.yml", CTX)
    assert time.monotonic() - started < 5
    [problem] = facts.problems
    assert facts.status is Status.MALFORMED and "aliases expand to more than" in problem.message
    assert problem.range is not None


def test_deep_nesting_and_recursive_aliases_never_raise() -> None:
    deep = parse_workflow(b"a: " + b"[" * (MAX_DEPTH + 50) + b"]" * (MAX_DEPTH + 50), WORKFLOW_PATH, CTX)
    assert deep.status is Status.MALFORMED and "nested more than" in deep.problems[0].message
    recursive = parse_gitlab_ci(b"test: &t\n  script: [x]\n  image: *t\n  before_script: &s [*s]\n",
                                "/w/.gitlab-ci.yml", CTX)
    assert recursive.status is Status.OK  # the walk reads each node once
    assert [c.value for c in recursive.commands] == ["x"]


def test_no_tag_constructs_an_object() -> None:
    facts = gitlab("""\
        x: !!python/object/apply:os.system ["touch /tmp/goenv-lsp-pwned"]
        test:
          image: !!python/name:os.system golang:1.22
          script: [go build]
        """)
    assert facts.status is Status.OK
    assert [p.version for p in facts.go_pins] == ["1.22"]


def test_not_utf8_is_a_problem() -> None:
    facts = parse_workflow(b"on: push\n\xff\xfe", WORKFLOW_PATH, CTX)
    assert facts.status is Status.MALFORMED and "UTF-8" in facts.problems[0].message


# -- where the files are -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "kind"), [
    ("/w/.github/workflows/ci.yml", "github-workflow"), ("/w/.github/workflows/release.yaml", "github-workflow"),
    ("/w/.gitlab-ci.yml", "gitlab-ci"), ("/w/.github/workflows/sub/ci.yml", None), ("/w/sub/.gitlab-ci.yml", None),
    ("/w/.github/ci.yml", None), ("/w/.github/workflows/README.md", None),
])
def test_kind_by_path(path: str, kind: str | None) -> None:
    found = kind_of(path, "/w", POSIX)
    assert (found.name if found else None) == kind


def test_windows_paths_match_case_insensitively() -> None:
    found = kind_of("C:\\W\\.GITHUB\\Workflows\\ci.yml", "c:\\w", WINDOWS)
    assert found is not None and found.name == "github-workflow"


def test_root_paths_list_the_workflow_directory() -> None:
    listing = {"/w/.github/workflows": ["b.yaml", "a.yml", "notes.txt", "c.yml.bak"]}
    assert root_paths(WORKFLOW, "/w", POSIX, listing.get) == ["/w/.github/workflows/a.yml",
                                                               "/w/.github/workflows/b.yaml"]
    assert root_paths(GITLAB, "/w", POSIX, listing.get) == ["/w/.gitlab-ci.yml"]
    assert root_paths(WORKFLOW, "/x", POSIX, listing.get) == []


def test_watched_and_registered() -> None:
    assert {WORKFLOW.name, GITLAB.name} <= {k.name for k in KINDS}
    assert {"**/.github/workflows/*.yml", "**/.github/workflows/*.yaml", "**/.gitlab-ci.yml"} <= set(watch_globs())


def test_compose_gives_marks_at_character_offsets() -> None:
    text = "a: 'é'\nb: |\n  x\n"
    doc, problem = compose(text)
    assert problem is None and doc is not None
    a, b = (value for _, _, value in doc.items(doc.roots[0]))
    assert text[a.start_mark.index:a.end_mark.index] == "'é'"
    assert [line.value for line in doc.lines_of(b)] == ["x"]


def test_a_huge_file_is_refused_at_once() -> None:
    started = time.monotonic()
    facts = parse_workflow(b"jobs:\n" + b"  # comment line of padding\n" * 40_000, WORKFLOW_PATH, CTX)
    assert time.monotonic() - started < 1
    assert facts.status is Status.MALFORMED and "larger than 512 KiB" in facts.problems[0].message


def test_a_mapping_read_by_every_job_is_read_once() -> None:
    """Each job looks its variables up at the top level: that mapping's keys are not counted again per job."""
    jobs = "".join(f"j{i}:\n  image: golang:${{GO}}\n  script: [go build]\n" for i in range(500))
    facts = parse_gitlab_ci(f"variables:\n  GO: '1.27'\n{jobs}".encode(), "/w/.gitlab-ci.yml", CTX)
    assert facts.status is Status.OK and len(facts.go_pins) == 1  # one variable, one place to edit


def test_a_job_gotoolchain_replaces_the_images_local() -> None:
    facts = gitlab("""\
        variables: {GOTOOLCHAIN: auto}
        a:
          image: golang:1.22
          script: [go build]
        b:
          image: golang:1.23
          variables:
            GOTOOLCHAIN: {value: local}
          script: [go build]
        """)
    assert [(p.version, p.local) for p in facts.go_pins] == [("1.22", False), ("1.23", True)]
    facts = workflow("""\
        jobs:
          a:
            container: {image: 'golang:1.22', env: {GOTOOLCHAIN: go1.27.3+auto}}
            steps: [{run: go build}]
          b:
            container: golang:1.23
            steps: [{run: go build}]
        """)
    assert [(p.version, p.local) for p in facts.go_pins] == [("1.22", False), ("1.23", True)]


def test_the_module_a_job_builds_is_its_steps_one_working_directory() -> None:
    facts = workflow("""\
        jobs:
          one:
            container: golang:1.22
            steps:
              - uses: actions/setup-go@v6
                with: {go-version: '1.22'}
              - run: go test ./...
                working-directory: backend
              - run: go vet ./...
                working-directory: backend
          two:
            steps:
              - uses: actions/setup-go@v6
                with: {go-version: '1.23'}
              - {run: go test ./..., working-directory: a}
              - {run: go test ./..., working-directory: b}
        """)
    assert [(p.version, p.module_dir) for p in facts.go_pins] == [("1.22", "/w/backend"), ("1.22", "/w/backend"),
                                                                  ("1.23", None)]


def test_an_empty_go_version_leaves_the_version_file_in_force() -> None:
    facts = workflow("""\
        jobs:
          a:
            steps:
              - uses: actions/setup-go@v6
                with:
                  go-version:
                  go-version-file: go.mod
        """)
    assert [v.path for v in facts.version_files] == ["/w/go.mod"] and facts.go_pins == ()


@pytest.mark.parametrize(("uses", "local"), [
    ("actions/setup-go@v6", True), ("actions/setup-go@v6.1.0", True), ("actions/setup-go@v5", False),
    ("actions/setup-go@44694675825211faa026b3c33043df3e48a5fa00 # v6.0.0", True),
    ("actions/setup-go@0aaccfd150d50ccaeb58ebd88d36e91967a5f35b  #v5.5.0", False),
    ("actions/setup-go@0aaccfd150d50ccaeb58ebd88d36e91967a5f35b", False), ("actions/setup-go@main", False),
])
def test_setup_go_6_and_later_run_the_go_they_install_only(uses: str, local: bool) -> None:
    facts = workflow(f"""\
        jobs:
          a:
            steps:
              - uses: {uses}
                with: {{go-version: '1.22'}}
        """)
    assert [p.local for p in facts.go_pins] == [local]
