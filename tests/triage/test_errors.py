"""Error lines → signals: every fixture the real go printed (fixtures/errors/*.goX.txt, made by
make_error_fixtures.py) and the hand-written ones (fixtures/errors/written/), the facts the lines state,
prose that mentions the words without being the message, and findings from signals alone."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from goenv_lsp.model import Range
from goenv_lsp.rules import by_code
from goenv_lsp.triage import errors
from goenv_lsp.triage.draft import Draft

FIXTURES = Path(__file__).parent / "fixtures" / "errors"
REAL = sorted(FIXTURES.glob("*.go1.*.txt"))
WRITTEN = {
    "sumdb-gone.txt": "sumdb-gone", "proxy-unreachable.txt": "proxy-unreachable",
    "tls-unknown-authority.txt": "tls-unknown-authority", "note-module-requires.txt": "note-module-requires",
    "updates-needed.txt": "updates-needed", "cannot-find-main-module-old.txt": "go-mod-not-found",
    "gopls-unsupported-go.txt": "gopls-unsupported-go", "gopls-requires-go.txt": "gopls-unsupported-go",
    "gopls-no-modules.txt": "gopls-no-modules", "toolchain-switch.txt": "toolchain-switch",
    "go-line-for-newer-go.txt": "go-line-for-newer-go", "go-mod-indicates-newer.txt": "go-mod-indicates-newer",
}
# the signal each real fixture must give (its name, or what the scenario shows when the name differs)
REAL_SIGNAL = {"goproxy-off-uncached": "goproxy-off", "mod-vendor-without-vendor": "inconsistent-vendoring"}


def read(text: str) -> Draft:
    draft = Draft(text)
    errors.read(text.splitlines(), draft)
    return draft


def names(draft: Draft) -> list[str]:
    return [s.name for s in draft.signals]


def test_every_real_fixture_is_there_for_both_go_versions():
    scenarios = {p.name.split(".go1.")[0] for p in REAL}
    assert len(REAL) == 2 * len(scenarios) - 1  # unknown-directive: go 1.27 knows the directive
    assert {REAL_SIGNAL.get(s, s) for s in scenarios} <= {p.name for p in errors.SIGNALS}


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_go_output_gives_its_signal(path: Path):
    scenario = path.name.split(".go1.")[0]
    draft = read(path.read_text())
    assert REAL_SIGNAL.get(scenario, scenario) in names(draft)
    for signal in draft.signals:
        assert draft.text.splitlines()[signal.span.start].strip() == signal.text


@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_written_fixture_gives_its_signal(name: str):
    assert WRITTEN[name] in names(read((FIXTURES / "written" / name).read_text()))


def test_every_rule_code_in_the_table_exists():
    for pattern in errors.SIGNALS:
        for code in pattern.rules:
            assert by_code(code) is not None, (pattern.name, code)
    assert len({p.name for p in errors.SIGNALS}) == len(errors.SIGNALS)


def test_requires_newer_records_the_running_go_and_gotoolchain():
    draft = read((FIXTURES / "go-mod-requires-newer.go1.21.13.txt").read_text())
    [signal] = draft.signals
    assert signal.values == {"file": "go.mod", "need": "1.30.0", "have": "1.21.13", "gotoolchain": "local"}
    assert signal.rules == ("GE110",)
    assert draft.go_version == "go1.21.13"
    assert draft.go_env == {"GOTOOLCHAIN": "local"}
    assert any(s.what.startswith(errors.INFERRED) and "GOTOOLCHAIN" in s.what for s in draft.seen)


def test_what_the_paste_showed_wins_over_what_an_error_line_implies():
    draft = Draft("")
    draft.go_version, draft.go_env["GOTOOLCHAIN"] = "go1.22.10", "auto"
    errors.read(["go: go.mod requires go >= 1.30.0 (running go 1.21.13; GOTOOLCHAIN=local)"], draft)
    assert (draft.go_version, draft.go_env) == ("go1.22.10", {"GOTOOLCHAIN": "auto"})


def test_auto_mode_names_no_gotoolchain():
    """GOTOOLCHAIN=auto is not printed (TooNewError.Error): nothing is inferred about it."""
    draft = read("go: go.mod requires go >= 1.30.0 (running go 1.24.11; go.mod sets go 1.30.0)")
    assert names(draft) == ["go-mod-requires-newer"]
    assert draft.go_env == {}
    assert draft.go_version == "go1.24.11"


def test_dependency_and_go_work_variants():
    assert read("go: ../go.work requires go >= 1.30.0 (running go 1.21.13; GOTOOLCHAIN=local)").signals[0].rules \
        == ("GE110",)
    signal = read("go: example.com/dep@v1.0.0 requires go >= 1.30.0 (running go 1.27.3; GOTOOLCHAIN=local)").signals[0]
    assert (signal.name, signal.rules, signal.values["module"]) == ("dependency-requires-newer", ("GE130",),
                                                                   "example.com/dep@v1.0.0")


def test_gopath_is_goroot_states_both_variables():
    for path in FIXTURES.glob("gopath-is-goroot.*.txt"):
        draft = read(path.read_text())
        assert draft.go_env == {"GOPATH": "/usr/local/go", "GOROOT": "/usr/local/go"}


def test_compile_mismatch_names_both_versions():
    draft = read((FIXTURES / "compile-version-mismatch.go1.27.3.txt").read_text())
    first = draft.signals[0]
    assert first.values == {"compiler": "go1.24.11", "go": "go1.27.3"}
    assert draft.go_version == "go1.27.3"


@pytest.mark.parametrize(("line", "rules"), [
    ("go: download go1.22 for linux/amd64: toolchain not available", ("GE112",)),
    ("go: download go1.30.0 for linux/amd64: toolchain not available", ()),
])
def test_toolchain_not_available_is_ge112_only_without_a_patch(line: str, rules: tuple[str, ...]):
    assert read(line).signals[0].rules == rules


PROSE = [
    "I think the problem is inconsistent vendoring somewhere, or maybe the go.mod requires go 1.22?",
    "The docs say GOPATH and GOROOT should not be the same directory.",
    "My module is listed in go.work file but gopls does not see it.",
    "Is a 410 Gone from the server expected for private modules?",
    "Note that gopls requires Go 1.23 or later, so I upgraded yesterday.",
    "I set GOPROXY list to the empty string and contains no entries was the error, I think",
    "compile: version mismatch? no idea",
    "we use x509 certificates for everything",
    "The go command said something about checksum mismatch.",
    "a dial tcp error sometimes",
]


@pytest.mark.parametrize("line", PROSE)
def test_prose_about_the_errors_is_no_signal(line: str):
    assert read(line).signals == []


def test_secrets_in_an_error_line_are_redacted():
    line = ('go: git.corp.example/lib@v1.0.0: reading https://bob:hunter2secret@proxy.corp.example/git.corp.example/'
            'lib/@v/v1.0.0.mod: 410 Gone ... dial tcp: lookup proxy.corp.example: no such host')
    [signal] = read(line).signals
    assert "hunter2secret" not in signal.text


def test_findings_from_signals_hedge_and_ask():
    path = FIXTURES / "go-mod-requires-newer.go1.21.13.txt"
    draft = read(path.read_text())
    [graded] = errors.findings_from_signals(draft, set())
    finding = graded.finding
    assert (finding.code, finding.name, graded.confidence) == ("GE110", "go-line-too-new", "medium")
    assert finding.severity is by_code("GE110").severity
    assert finding.location.path == "<paste>"
    assert finding.location.range == Range.of(0, 0, len(draft.signals[0].text))
    assert "go.mod needs Go 1.30.0" in finding.message and "1.21.13" in finding.message
    assert "go version" in graded.confirm
    assert graded.signals == tuple(draft.signals)


def test_no_finding_when_the_facts_already_found_it():
    draft = read((FIXTURES / "inconsistent-vendoring.go1.27.3.txt").read_text())
    assert errors.findings_from_signals(draft, {"GE501"}) == []
    assert [g.finding.code for g in errors.findings_from_signals(draft, {"GE110"})] == ["GE501"]


def test_one_finding_per_code_however_often_the_line_repeats():
    draft = read((FIXTURES / "compile-version-mismatch.go1.21.13.txt").read_text())
    assert len(draft.signals) > 1
    [graded] = errors.findings_from_signals(draft, set())
    assert graded.finding.code == "GE104" and len(graded.signals) == len(draft.signals)


def test_a_symptom_says_so_and_is_low():
    draft = read((FIXTURES / "cannot-find-package-gopath.go1.27.3.txt").read_text())
    [graded] = errors.findings_from_signals(draft, set())
    assert graded.confidence == "low"
    assert "several possible causes" in graded.finding.message
    assert "several possible causes" in errors.describe(draft.signals[0])


def test_a_symptom_without_a_rule_gives_no_finding():
    for name in ("gopls-no-modules.txt", "updates-needed.txt", "proxy-unreachable.txt"):
        draft = read((FIXTURES / "written" / name).read_text())
        assert draft.signals and errors.findings_from_signals(draft, set()) == []
        assert errors.describe(draft.signals[0])


@pytest.mark.parametrize("text", [
    "", "\n\n", "go: go.mod requires go >= ", "compile: version \"go1", "go: download go1.22 for",
    "\x00\ufffd" * 50, "warning: GOPATH set to GOROOT (", "go: " * 5000, "é" * 10_000,
])
def test_truncated_or_garbled_input_never_crashes(text: str):
    draft = read(text)
    errors.findings_from_signals(draft, set())


def test_a_huge_line_is_skipped_quickly():
    line = "go: " + "x" * 1_000_000 + " requires go >= 1.30.0 (running go 1.21.13; GOTOOLCHAIN=local)"
    assert read(line).signals == []


@pytest.mark.realgo
def test_the_fixture_script_reproduces_the_real_outputs():
    """The fixtures are what the real go prints: regenerating gives the same files."""
    script = Path(__file__).parent / "make_error_fixtures.py"
    before = {p.name: p.read_text() for p in REAL}
    proc = subprocess.run([sys.executable, "-c", (
        "import runpy, sys; from pathlib import Path\n"
        f"ns = runpy.run_path({str(script)!r}, run_name='fixtures')\n"
        "for name in ns['SCENARIOS']:\n"
        "    for v in ns['ONLY'].get(name, ns['VERSIONS']):\n"
        "        print('=====', f'{name}.go{v}.txt'); print(ns['run'](name, v), end='')\n")],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    produced = dict(re.findall(r"===== (\S+)\n(.*?)(?=\n?===== |\Z)", proc.stdout, re.S))
    for name, text in before.items():
        if name.startswith("checksum-mismatch"):  # the downloaded hash covers the zip's file times: it varies
            assert produced[name].splitlines()[0] == text.splitlines()[0]
        else:
            assert produced[name].rstrip("\n") == text.rstrip("\n"), name


def test_a_three_part_go_line_rejected_by_an_old_go_is_the_go_not_the_file():
    """Go before 1.21 rejects `go 1.22.1` with the very message Go 1.21 prints for `go 1.22.x`."""
    old = read((FIXTURES / "written" / "go-line-for-newer-go.txt").read_text()).signals[-1]
    bad = read((FIXTURES / "invalid-go-version.go1.21.13.txt").read_text()).signals[-1]
    assert (old.name, old.rules) == ("go-line-for-newer-go", ("GE110",))
    assert (bad.name, bad.rules) == ("invalid-go-version", ("GE002",))


def test_stated_variables_of_other_lines():
    assert read("go: module lookup disabled by GOPROXY=off").go_env == {"GOPROXY": "off"}
    assert read('go: invalid GOTOOLCHAIN "go1.22+latest": only version suffixes are +auto and +path').go_env == {
        "GOTOOLCHAIN": "go1.22+latest"}
    assert read("go: modules disabled by GO111MODULE=off; see 'go help modules'").go_env == {"GO111MODULE": "off"}


def test_installing_a_gopls_too_new_for_the_go_is_a_gopls_support_question():
    [signal] = read("go: golang.org/x/tools/gopls@v0.17.0 requires go >= 1.23.1 (running go 1.21.13; "
                    "GOTOOLCHAIN=local)").signals
    assert (signal.name, signal.rules) == ("gopls-install-needs-newer-go", ("GE122",))


# Messages no offline run here prints, each as the go source words it (values made up).
FROM_SOURCE = [
    ('go: invalid toolchain "go1.21.x" in go.mod', "toolchain-line-invalid", ("GE132",)),
    ("warning: go env -w GOPROXY=... does not override conflicting OS environment variable", "goenv-not-overriding",
     ("GE203",)),
    ("go: reading go env config: read /home/dev/.config/go/env: is a directory", "goenv-unreadable", ("GE207",)),
    ("go: could not create module cache: mkdir /home/dev/go/pkg/mod: permission denied", "go-dir-not-writable",
     ("GE209",)),
    ("build cache is disabled by GOCACHE=off, but required as of Go 1.12", "gocache-off", ("GE210",)),
    ("go: creating work dir: stat /scratch/tmp: no such file or directory", "gotmpdir-invalid", ("GE211",)),
    ("verifying go.mod: missing GOSUMDB", "gosumdb-missing", ("GE401",)),
    ("go: example.com/lib@v1.0.0: invalid proxy URL missing scheme: Direct", "goproxy-url-invalid", ("GE402",)),
    ("go: example.com/lib@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id", "gosumdb-invalid",
     ("GE404",)),
    ("go: download go1.25.0: golang.org/toolchain@v0.0.1-go1.25.0.linux-amd64: verifying module: checksum database "
     "disabled by GOSUMDB=off", "checksum-db-off", ("GE405",)),
    ("go: -insecure flag is no longer supported; use GOINSECURE instead", "goflags-insecure", ("GE407",)),
    ("go: unknown go command variable GONOSUMCHECK", "unknown-variable", ("GE409",)),
    ("go: GOAUTH encountered an empty command (GOAUTH=netrc;)", "goauth-invalid", ("GE414",)),
    ("go: invalid GOWORK: not an absolute path", "gowork-invalid", ("GE506",)),
    ("go: no modules were found in the current workspace; see 'go help work'", "go-work-empty", ("GE508",)),
    ("go: example.com/dep in vendor/modules.txt requires go >= 1.30 (running go 1.27.3; GOTOOLCHAIN=local)",
     "vendored-too-new", ("GE511",)),
    ("go: -modfile cannot be used in workspace mode", "goflags-modfile", ("GE513",)),
    ("go: cannot install cross-compiled binaries when GOBIN is set", "cross-install-gobin", ("GE610",)),
    ("bash: go: command not found", "go-not-found", ("GE101",)),
    ("zsh: command not found: gopls", "gopls-not-found", ("GE120",)),
    ("verifying go.mod: git.corp.example/lib@v1.0.0/go.mod: reading https://sum.golang.org/lookup/"
     "git.corp.example/lib@v1.0.0: 404 Not Found", "sumdb-gone", ("GE410", "GE412")),
    ("go: list -m cannot be used with GO111MODULE=off", "modules-disabled", ("GE202",)),
]


@pytest.mark.parametrize(("line", "name", "rules"), FROM_SOURCE, ids=[n for _, n, _ in FROM_SOURCE])
def test_messages_from_the_go_source(line: str, name: str, rules: tuple[str, ...]):
    [signal] = read(line).signals
    assert (signal.name, signal.rules) == (name, rules)


def test_every_signal_is_tested():
    tested = {n for _, n, _ in FROM_SOURCE} | set(WRITTEN.values()) | {
        REAL_SIGNAL.get(p.name.split(".go1.")[0], p.name.split(".go1.")[0]) for p in REAL}
    tested |= {"gopls-install-needs-newer-go", "toolchain-download", "import-lookup-disabled"}
    assert {p.name for p in errors.SIGNALS} == tested


def test_import_lookup_disabled_by_mod_vendor():
    [signal] = read("main.go:3:8: cannot find module providing package example.com/dep: import lookup disabled by "
                    "-mod=vendor").signals
    assert (signal.name, signal.values["mod"]) == ("import-lookup-disabled", "vendor")
