"""GE820 go-version-read-as-number: what a YAML reader makes of `1.20` (PyYAML's own loaded value), on a real
repository probed by the real collector; the quoting fix makes the value the string setup-go should get."""

from __future__ import annotations

from pathlib import Path

import yaml
from ci_repo import apply, findings, repository

WORKFLOW = """\
    on: push
    jobs:
      test:
        strategy:
          matrix:
            go: [1.19, 1.20]
        runs-on: ubuntu-latest
        steps:
          - uses: actions/setup-go@v4
            with:
              go-version: ${{ matrix.go }}
          - uses: actions/setup-go@v4
            with:
              go-version: 1.20
"""


def test_unquoted_versions_are_found_and_quoted(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {".github/workflows/ci.yml": WORKFLOW}, go_line="1.20")
    path = root / ".github/workflows/ci.yml"
    assert yaml.safe_load(path.read_text())["jobs"]["test"]["steps"][1]["with"]["go-version"] == 1.2
    found = findings(root, env, "GE820")
    assert [(f.location.range.start.line, f.location.range.start.character) for f in found] == [(5, 19), (13, 22)]
    assert found[1].message == ("`1.20` is a YAML number, so setup-go receives `1.2` and installs Go 1.2, one of "
                                "Go's first releases, not Go 1.20; quote it: '1.20'")
    for finding in reversed(found):  # the later edit first: each fix's range is the file as probed
        apply(finding)
    loaded = yaml.safe_load(path.read_text())["jobs"]["test"]
    assert loaded["strategy"]["matrix"]["go"] == [1.19, "1.20"]
    assert loaded["steps"][1]["with"]["go-version"] == "1.20"
    assert findings(root, env, "GE820") == []
    # now that both read 1.20, GE801 judges the versions themselves: only the matrix's 1.19 lags the go line
    [lags] = findings(root, env, "GE801")
    assert lags.message.startswith("setup-go go-version (matrix.go) selects Go 1.19, older than `go 1.20`")


def test_quoted_three_part_and_non_setup_go_values_are_quiet(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {".github/workflows/ci.yml": """\
        on: push
        env: {PY: 3.10}
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-go@v6
                with: {go-version: '1.20'}
              - uses: actions/setup-go@v6
                with: {go-version: 1.20.14}
              - uses: actions/setup-python@v5
                with: {python-version: 3.10}
        """}, go_line="1.20")
    assert findings(root, env, "GE820") == []
