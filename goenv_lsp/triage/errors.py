"""The go command's and gopls' own error lines in a paste → ``Signal``s, and findings from signals alone.

``SIGNALS`` is the table: each entry's pattern (the message as the Go or gopls source prints it; tests run the
real go 1.21 and 1.27 to produce them: tests/triage/fixtures/errors/), its name, and the rules whose findings it
confirms. A line that states facts (``(running go 1.21.13; GOTOOLCHAIN=local)``, ``GOPATH set to GOROOT (/x)``)
also records them on the draft, where the paste had not given them, with a ``Span`` whose ``what`` says they
were inferred from an error line.

``findings_from_signals``: a signal whose rules found nothing in the facts (the paste lacks them) still names a
cause, hedged (``medium``, or ``low`` for a symptom with several possible causes), with what to ask for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from goenv_lsp.model import Finding, Location, Range, utf16_len
from goenv_lsp.redact import redact_text
from goenv_lsp.triage.draft import Draft, Graded, Signal, Span

INFERRED = "error line (inferred)"
MAX_LINE = 4000  # longer lines are not the go command's messages; the patterns never scan them


@dataclass(frozen=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    rules: tuple[str, ...]  # the codes whose findings it confirms; the first is the one findings_from_signals uses
    cause: str  # what the line means, in a maintainer's words ({name} fields from the match)
    ask: str  # what would confirm it
    symptom: bool = False  # several causes can print it: a finding from it alone is low
    pick: Callable[[dict[str, str]], tuple[str, ...]] | None = None  # rules refined by the line's values
    facts: Callable[[dict[str, str]], dict[str, str]] | None = None  # go env values the line states
    running: str | None = None  # the group naming the version of the go that runs, when the line states it


def _p(regex: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(regex, flags)


_RUNNING = r"\(running go (?P<have>[^;)\s]+)(?:; GOTOOLCHAIN=(?P<gotoolchain>[^;)\s]+))?(?:; [^)]*)?\)"


def _toolchain_env(values: dict[str, str]) -> dict[str, str]:
    return {"GOTOOLCHAIN": values["gotoolchain"]} if values.get("gotoolchain") else {}


def _no_patch(values: dict[str, str]) -> tuple[str, ...]:
    """go1.21 / go1.22 (no patch) does not exist as a toolchain: the go line lacks its patch (GE112). Another
    version (a typo, one not released yet, no network) has several causes: no rule then."""
    return ("GE112",) if re.fullmatch(r"go1\.(2[1-9]|[3-9]\d)", values.get("toolchain", "")) else ()


def _same_dir(values: dict[str, str]) -> dict[str, str]:
    return {"GOPATH": values["dir"], "GOROOT": values["dir"]}


SIGNALS: tuple[Pattern, ...] = (
    Pattern("go-mod-requires-newer", _p(rf"(?<!\S)(?P<file>\S*go\.mod) requires go >= (?P<need>\S+) {_RUNNING}"),
            ("GE110",), "{file} needs Go {need} but the go that runs is {have} and toolchain switching is off",
            "the output of `go version` and `go env GOTOOLCHAIN`, and the go.mod's go and toolchain lines",
            facts=_toolchain_env, running="have"),
    Pattern("go-work-requires-newer", _p(rf"(?<!\S)(?P<file>\S*go\.work) requires go >= (?P<need>\S+) {_RUNNING}"),
            ("GE110",), "{file} needs Go {need} but the go that runs is {have} and toolchain switching is off",
            "the output of `go version` and `go env GOTOOLCHAIN`, and the go.work's go and toolchain lines",
            facts=_toolchain_env, running="have"),
    Pattern("gopls-install-needs-newer-go",
            _p(rf"(?<!\S)(?P<module>golang\.org/x/tools/gopls@[^\s:]+) requires go >= (?P<need>\S+) {_RUNNING}"),
            ("GE122",), "installing {module} needs Go {need}, newer than the go that runs ({have}): that gopls "
            "release does not support this Go", "the output of `go version` and the gopls version asked for",
            facts=_toolchain_env, running="have"),
    Pattern("dependency-requires-newer",
            _p(rf"(?<!\S)(?P<module>[^\s:@]+@[^\s:]+) requires go >= (?P<need>\S+) {_RUNNING}"),
            ("GE130",), "the required {module} needs Go {need}, newer than the go that runs ({have})",
            "the output of `go version`, `go env GOTOOLCHAIN` and the go.mod", facts=_toolchain_env,
            running="have"),
    Pattern("toolchain-switch",
            _p(r"(?<!\S)(?P<file>\S+) requires go >= (?P<need>\S+); switching to (?P<toolchain>go\S+)"),
            ("GE111",), "{file} needs Go {need}: the go command switches to {toolchain} (and downloads it)",
            "the output of `go version`, `go env GOTOOLCHAIN` and the go.mod's go and toolchain lines"),
    Pattern("toolchain-not-available",
            _p(r"go: download (?P<toolchain>go\S+) for (?P<goos>\w+)/(?P<goarch>\w+): toolchain not available"),
            ("GE112",), "the go command tried to switch to {toolchain}, which is no Go release it can download",
            "the go.mod's go and toolchain lines and `go env GOTOOLCHAIN`", pick=_no_patch),
    Pattern("toolchain-download",
            _p(r"^\s*go: downloading (?P<toolchain>go1[\w.-]*) \((?P<goos>\w+)/(?P<goarch>\w+)\)"),
            ("GE111",), "the go command downloads toolchain {toolchain} to satisfy a go or toolchain line",
            "the output of `go version`, `go env GOTOOLCHAIN` and the go.mod's go and toolchain lines"),
    Pattern("note-module-requires", _p(r"^\s*note: module requires Go (?P<need>\d+\.\d+\S*)"),
            ("GE110",), "the build failed and the module needs Go {need}: the go that runs is older (before Go 1.21 "
            "the go command does not switch toolchains)", "the output of `go version` and the go.mod's go line"),
    Pattern("compile-version-mismatch",
            _p(r'compile: version "(?P<compiler>go[^"]*)" does not match go tool version "(?P<go>go[^"]*)"'),
            ("GE104",), "GOROOT names a {compiler} installation while the go command is {go}: the go command "
            "runs that GOROOT's compiler", "the output of `go env GOROOT`, `which -a go` and how GOROOT is set",
            running="go"),
    Pattern("gopath-is-goroot",
            _p(r"warning: (?:GOPATH set to GOROOT \((?P<dir>.*)\) has no effect"
               r"|both GOPATH and GOROOT are the same directory \((?P<dir2>.*?)\))"),
            ("GE201",), "GOPATH is set to GOROOT ({dir}), which the go command ignores",
            "the output of `go env GOPATH GOROOT` and where GOPATH is set", facts=_same_dir),
    Pattern("gopath-tilde", _p(r"GOPATH entry cannot start with shell metacharacter '~': \"(?P<entry>[^\"]*)\""),
            ("GE201",), "GOPATH holds the unexpanded {entry}: a quoted ~ no shell expanded",
            "where GOPATH is set (a shell startup file, `go env -w`, the editor settings)"),
    Pattern("gopath-relative", _p(r"GOPATH entry is relative; must be absolute path: \"(?P<entry>[^\"]*)\""),
            ("GE201",), "GOPATH holds the relative {entry}", "the output of `go env GOPATH` and where GOPATH is set"),
    Pattern("gomodcache-relative", _p(r"GOMODCACHE entry is relative; must be absolute path: \"(?P<entry>[^\"]*)\""),
            ("GE212",), "GOMODCACHE is the relative {entry}", "the output of `go env GOMODCACHE` and where it is set"),
    Pattern("gotoolchain-invalid", _p(r"go: invalid GOTOOLCHAIN \"(?P<value>[^\"]*)\""),
            ("GE113",), "GOTOOLCHAIN is {value}, which the go command rejects",
            "the output of `go env GOTOOLCHAIN` and where it is set", facts=lambda v: {"GOTOOLCHAIN": v["value"]}),
    Pattern("unsupported-platform", _p(r"unsupported GOOS/GOARCH pair (?P<goos>[^/\s]+)/(?P<goarch>\S+)"),
            ("GE610",), "GOOS/GOARCH is {goos}/{goarch}, which this Go cannot build for",
            "the output of `go env GOOS GOARCH` and where they are set"),
    Pattern("c-compiler-missing", _p(r"C compiler \"(?P<cc>[^\"]+)\" not found"),
            ("GE621",), "cgo is on but its C compiler {cc} is not on PATH",
            "the output of `go env CGO_ENABLED CC` and `which {cc}`"),
    Pattern("goroot-missing", _p(r"go: cannot find GOROOT directory: (?P<dir>.+)"),
            ("GE103",), "GOROOT names {dir}, which is no Go installation", "the output of `go env GOROOT` and "
            "`which -a go`, and where GOROOT is set"),
    Pattern("gopath-go-mod", _p(r"\$GOPATH/go\.mod exists but should not|go: warning: ignoring go\.mod in \$GOPATH "
                                r"(?P<dir>.+)"),
            ("GE205",), "the module is GOPATH itself (or GOPATH is the project directory)",
            "the output of `go env GOPATH` and the directory the command ran in"),
    Pattern("path-version-gopath-mode",
            _p(r"can only use path@version syntax with 'go get' and 'go install' in module-aware mode"),
            ("GE202",), "the go command runs in GOPATH mode (GO111MODULE=off)",
            "the output of `go env GO111MODULE GOMOD`"),
    Pattern("modules-disabled", _p(r"modules disabled by GO111MODULE=off|cannot be used with GO111MODULE=off"),
            ("GE202",), "GO111MODULE=off makes the go command ignore go.mod",
            "the output of `go env GO111MODULE` and where it is set", facts=lambda _: {"GO111MODULE": "off"}),
    Pattern("cannot-find-package-gopath",
            _p(r'cannot find package "(?P<package>[^"]+)" in any of:?\s*$'),
            ("GE202", "GE204"), "the go command resolved imports in GOPATH mode (GO111MODULE=off, or no go.mod "
            "with GO111MODULE=auto or a Go before 1.16)",
            "the output of `go env GO111MODULE GOMOD GOPATH` and `go version`", symptom=True),
    Pattern("inconsistent-vendoring", _p(r"go: inconsistent vendoring in (?P<dir>.*)"),
            ("GE501", "GE502"), "vendor/modules.txt disagrees with go.mod (or there is no vendor/) while the go "
            "command builds from vendor/",
            "the output of `go env GOFLAGS`, the go.mod and vendor/modules.txt"),
    Pattern("import-lookup-disabled", _p(r"(?:import|module) lookup disabled by -mod=(?P<mod>vendor|readonly)"),
            ("GE502",), "the go command builds with -mod={mod} and cannot look the package up",
            "the output of `go env GOFLAGS` and whether the module has a vendor/ directory", symptom=True),
    Pattern("mod-flag-in-workspace",
            _p(r"-mod may only be set to readonly(?: or vendor)? when in workspace mode, but it is set to "
               r"\"(?P<mod>[^\"]*)\""),
            ("GE503",), "-mod={mod} (from GOFLAGS or the command line) is rejected in workspace mode",
            "the output of `go env GOFLAGS GOWORK`"),
    Pattern("go-work-module-missing", _p(r"cannot load module (?P<module>\S+) listed in go\.work file: (?P<why>.*)"),
            ("GE504",), "go.work uses {module}, which has no go.mod", "the go.work and the directories it uses"),
    Pattern("go-work-go-too-old",
            _p(r"module (?P<module>\S+) listed in go\.work file requires go >= (?P<need>\S+), but go\.work "
               r"(?:lists|sets|has) go (?P<have>[^;,\s]+)"),
            ("GE509",), "go.work's go line ({have}) is older than its module {module} needs ({need})",
            "the go.work and the go.mod of {module}"),
    Pattern("goproxy-off", _p(r"module lookup disabled by GOPROXY=off"),
            ("GE131",), "GOPROXY=off while a module the build needs is not in the module cache",
            "the output of `go env GOPROXY GOFLAGS` and the go.mod", facts=lambda _: {"GOPROXY": "off"}),
    Pattern("goproxy-no-entries", _p(r"GOPROXY list is not the empty string, but contains no entries"),
            ("GE401",), "GOPROXY holds only commas or blanks: no proxy and no `direct`",
            "the output of `go env GOPROXY` and where it is set"),
    Pattern("sumdb-gone",
            _p(r"reading https?://(?P<sumdb>sum\.golang\.(?:org|google\.cn))/lookup/(?P<module>[^@\s]+)@"
               r"(?P<version>[^:\s]+): (?:410 Gone|404 Not Found)"),
            ("GE410", "GE412"), "the checksum database was asked about {module}, a module it cannot see (a "
            "private one): GOPRIVATE or GONOSUMDB should cover its host",
            "the output of `go env GOPRIVATE GONOSUMDB GONOPROXY GOPROXY`"),
    Pattern("go-line-for-newer-go",
            _p(r"(?<!\S)(?P<file>\S*go\.(?:mod|work)):(?P<line>\d+)(?::\d+)?: invalid go version "
               r"'(?P<version>1\.\d+(?:\.\d+|rc\d+|beta\d+))': must match format 1\.23\s*$"),
            ("GE110",), "the go that runs is older than Go 1.21, which cannot read the go line {version} of {file}",
            "the output of `go version` and the go.mod's go line"),
    Pattern("unknown-directive",
            _p(r"(?<!\S)(?P<file>\S*go\.(?:mod|work)):(?P<line>\d+)(?::\d+)?: unknown directive: "
               r"(?P<directive>toolchain|godebug|tool|ignore)\b"),
            ("GE110",), "{file} uses the {directive} directive of a newer Go than the go that runs",
            "the output of `go version` and the go.mod's go and toolchain lines", symptom=True),
    Pattern("go-mod-indicates-newer",
            _p(r"go\.mod file indicates go (?P<need>\S+), but maximum (?:supported version|version supported by "
               r"tidy) is (?P<max>[^\s;,]+)"),
            ("GE110",), "go.mod's go line ({need}) is newer than the go that runs ({max})",
            "the output of `go version` and the go.mod's go line"),
    Pattern("invalid-go-version",
            _p(r"(?<!\S)(?P<file>\S*go\.(?:mod|work)):(?P<line>\d+)(?::\d+)?: "
               r"invalid (?P<directive>go|toolchain) version '(?P<version>[^']*)': must match format (?P<format>\S+)"),
            ("GE002",), "{file} line {line} has the {directive} version '{version}', which the go command rejects "
            "(it wants the form {format})", "the go.mod or go.work and `go version`"),
    Pattern("gopls-unsupported-go",
            _p(r"Found Go version (?P<have>1\.\d+), which is not supported by this version of gopls"
               r"|^\W*(?:\[[^\]]*\]\s*)?gopls (?:v\S+ )?requires (?:at least )?go ?(?:>= ?)?(?P<need>1\.\d+(?:\.\d+)?)",
               re.I),
            ("GE122",), "the gopls release does not support the Go in use",
            "the output of `gopls version`, `go version` and `go version -m $(which gopls)`"),
    Pattern("toolchain-line-invalid", _p(r"go: invalid toolchain \"(?P<toolchain>[^\"]*)\" in (?P<file>\S+)"),
            ("GE132",), "{file} has the toolchain line {toolchain}, which names no toolchain",
            "the go.mod's toolchain line and `go env GOTOOLCHAIN`"),
    Pattern("goenv-not-overriding",
            _p(r"warning: go env -w (?P<key>\w+)=\.\.\. does not override conflicting OS environment variable"),
            ("GE203",), "{key} is set in the environment too, which wins over what `go env -w` writes",
            "where {key} is exported (a shell startup file, the editor's settings) and `go env {key}`"),
    Pattern("goenv-unreadable",
            _p(r"go: reading go env config: (?P<why>.*(?:is a directory|permission denied).*)"),
            ("GE207",), "the GOENV file cannot be read ({why})", "the output of `go env GOENV` and `ls -ld` of it"),
    Pattern("go-dir-not-writable",
            _p(r"(?:could not create module cache|writing go\.mod cache|mkdir \S*(?:go-build|pkg/mod)\S*): .*"
               r"permission denied"),
            ("GE209",), "a directory the go command writes to (the module or build cache) is not writable, "
            "often root-owned after `sudo go …`", "`go env GOMODCACHE GOCACHE` and `ls -ld` of them"),
    Pattern("gocache-off", _p(r"build cache is disabled by GOCACHE=off"),
            ("GE210",), "GOCACHE=off: the build cache is required since Go 1.12", "the output of `go env GOCACHE`",
            facts=lambda _: {"GOCACHE": "off"}),
    Pattern("gotmpdir-invalid", _p(r"go: creating work dir: (?P<why>.*)"),
            ("GE211",), "the go command cannot create its work directory under GOTMPDIR or TMPDIR ({why})",
            "the output of `go env GOTMPDIR` and TMPDIR"),
    Pattern("gosumdb-missing", _p(r"verifying \S+: missing GOSUMDB"),
            ("GE401",), "GOSUMDB is empty", "the output of `go env GOSUMDB` and where it is set"),
    Pattern("goproxy-url-invalid", _p(r"invalid proxy URL (?:missing scheme|scheme \(must be)"),
            ("GE402",), "a GOPROXY entry is not a URL or keyword the go command accepts",
            "the output of `go env GOPROXY` and where it is set"),
    Pattern("gosumdb-invalid", _p(r"invalid GOSUMDB(?: URL)?: "),
            ("GE404",), "GOSUMDB is malformed", "the output of `go env GOSUMDB` and where it is set"),
    Pattern("checksum-db-off", _p(r"checksum database disabled by GOSUMDB=off"),
            ("GE405",), "GOSUMDB=off: the module (or a toolchain download) cannot be verified",
            "the output of `go env GOSUMDB GOPRIVATE GONOSUMDB`", facts=lambda _: {"GOSUMDB": "off"}),
    Pattern("goflags-insecure", _p(r"-insecure flag is no longer supported; use GOINSECURE instead"),
            ("GE407",), "-insecure (from GOFLAGS or the command line) is no longer supported",
            "the output of `go env GOFLAGS`"),
    Pattern("unknown-variable", _p(r"unknown go command variable (?P<key>GONOSUMCHECK|GONOVERIFY|GOSUMCHECK)\b"),
            ("GE409",), "{key} is no variable the go command knows", "where {key} is set"),
    Pattern("goauth-invalid",
            _p(r"GOAUTH encountered an empty command|GOAUTH=off cannot be combined with other authentication "
               r"commands|GOAUTH=git dir method requires an absolute path"),
            ("GE414",), "GOAUTH has a value the go command rejects", "the output of `go env GOAUTH`"),
    Pattern("gowork-invalid", _p(r"go: invalid GOWORK: not an absolute path"),
            ("GE506",), "GOWORK is a relative path", "the output of `go env GOWORK` and where it is set"),
    Pattern("go-work-empty", _p(r"no modules were found in the current workspace"),
            ("GE508",), "the go.work lists no module", "the go.work"),
    Pattern("vendored-too-new",
            _p(rf"(?<!\S)(?P<module>\S+) in vendor/modules\.txt requires go >= (?P<need>\S+) {_RUNNING}"),
            ("GE511",), "the vendored {module} needs Go {need}, newer than the go that builds ({have})",
            "the output of `go version` and vendor/modules.txt", facts=_toolchain_env, running="have"),
    Pattern("goflags-modfile",
            _p(r"-modfile cannot be used in workspace mode|-modfile=(?P<file>\S+): file does not have \.mod "
               r"extension"),
            ("GE513",), "GOFLAGS (or the command line) sets -modfile", "the output of `go env GOFLAGS`"),
    Pattern("cross-install-gobin", _p(r"cannot install cross-compiled binaries when GOBIN is set"),
            ("GE610",), "GOOS or GOARCH names another platform than this machine's, with GOBIN set",
            "the output of `go env GOOS GOARCH GOHOSTOS GOHOSTARCH GOBIN`"),
    Pattern("go-not-found", _p(r"(?:^|\s)go: (?:command )?not found\s*$|command not found: go\s*$"
                               r"|'go' is not recognized as an internal or external command"),
            ("GE101",), "the shell finds no go command", "the output of `echo $PATH` and where Go is installed",
            symptom=True),
    Pattern("gopls-not-found", _p(r"(?:^|\s)gopls: (?:command )?not found\s*$|command not found: gopls\s*$"),
            ("GE120",), "the shell finds no gopls", "`go env GOBIN GOPATH` and the PATH", symptom=True),
    Pattern("gopls-no-modules", _p(r"gopls was not able to find modules in your workspace"),
            (), "gopls found no go.mod or go.work in the opened folder (a folder above the module, or GOPATH "
            "mode)", "the folder opened in the editor, `go env GOMOD GOWORK GO111MODULE`", symptom=True),
    Pattern("go-mod-not-found", _p(r"go: (?:go\.mod file not found in current directory or any parent directory"
                                   r"|cannot find main module\b)"),
            (), "the command ran outside any module", "the directory the command ran in and `go env GOMOD "
            "GO111MODULE GOWORK`", symptom=True),
    Pattern("updates-needed", _p(r"go: updates to go\.mod needed"),
            (), "go.mod is not tidy for this go command (a missing requirement, or a go line it must raise)",
            "the go.mod, `go version` and `go env GOFLAGS`", symptom=True),
    Pattern("checksum-mismatch", _p(r"verifying (?P<module>\S+?): checksum mismatch"),
            (), "the downloaded {module} differs from go.sum or the checksum database (a retagged version, a "
            "proxy serving other bits, or a private module checked against the public database)",
            "`go env GOPROXY GOPRIVATE GONOSUMDB GOFLAGS` and the go.sum line", symptom=True),
    Pattern("tls-unknown-authority", _p(r"x509: certificate signed by unknown authority"),
            ("GE415",), "HTTPS downloads fail certificate checks: a TLS-intercepting proxy whose CA this machine "
            "does not trust, or SSL_CERT_FILE / SSL_CERT_DIR naming the wrong certificates",
            "`go env GOPROXY`, SSL_CERT_FILE, SSL_CERT_DIR and HTTPS_PROXY", symptom=True),
    Pattern("proxy-unreachable",
            _p(r"dial tcp: lookup (?P<host>[\w.-]+)(?: on \S+)?:.*(?:i/o timeout|no such host|server misbehaving)"
               r"|dial tcp [\d.:\[\]a-f]+: (?:i/o timeout|connect: connection refused)"),
            (), "the module proxy or origin server cannot be reached (DNS, a firewall, a proxy needed)",
            "`go env GOPROXY GOPRIVATE`, HTTPS_PROXY and whether the host is reachable", symptom=True),
)
_BY_NAME = {p.name: p for p in SIGNALS}


def read(lines: Sequence[str], draft: Draft) -> None:
    for number, line in enumerate(lines):
        if len(line) > MAX_LINE or not line.strip():
            continue
        for pattern in SIGNALS:
            match = pattern.regex.search(line)
            if match:
                _record(draft, pattern, match, number, line)
                break


def _record(draft: Draft, pattern: Pattern, match: re.Match[str], number: int, line: str) -> None:
    values = {k: v.strip().rstrip(":") if k == "dir" else v.strip()
              for k, v in match.groupdict().items() if v is not None}
    if "dir2" in values:
        values["dir"] = values.pop("dir2").strip()
    rules = pattern.pick(values) if pattern.pick else pattern.rules
    span = Span(number, number, f"error: {pattern.name}")
    draft.signals.append(Signal(pattern.name, span, redact_text(line.strip()), values, rules))
    draft.note(span)
    _record_facts(draft, pattern, values, number)


def _record_facts(draft: Draft, pattern: Pattern, values: dict[str, str], number: int) -> None:
    """What the line itself states: the running go's version, and the go env values it names."""
    stated: list[str] = []
    have = values.get(pattern.running) if pattern.running else None
    if have and draft.go_version is None:
        draft.go_version = have if have.startswith("go") else f"go{have}"
        stated.append("go version")
    env = pattern.facts(values) if pattern.facts else {}
    for key, value in env.items():
        if key not in draft.go_env:
            draft.go_env[key] = value
            stated.append(key)
    if stated:
        draft.note(Span(number, number, f"{INFERRED}: {', '.join(stated)}"))


def describe(signal: Signal) -> str:
    """What the pasted line means (for reports listing the signals)."""
    pattern = _BY_NAME.get(signal.name)
    if pattern is None:
        return signal.text
    text = _fill(pattern.cause, signal.values)
    return text + (" — a symptom with several possible causes" if pattern.symptom else "")


def ask(signal: Signal) -> str | None:
    """What to ask the reporter for to tell the line's causes apart."""
    pattern = _BY_NAME.get(signal.name)
    return _fill(pattern.ask, signal.values) if pattern is not None and pattern.ask else None


def findings_from_signals(draft: Draft, present_codes: set[str]) -> list[Graded]:
    """One hedged finding per signal whose rules found nothing (the first signal of a name and code only)."""
    from goenv_lsp.rules import by_code

    graded: list[Graded] = []
    done: set[str] = set()
    for signal in draft.signals:
        pattern = _BY_NAME.get(signal.name)
        if pattern is None or not signal.rules or present_codes & set(signal.rules):
            continue
        code = signal.rules[0]
        rule = by_code(code)
        if rule is None or code in done:
            continue
        done.add(code)
        line = signal.span.start
        where = Location(draft.name, Range.of(line, 0, utf16_len(signal.text)))
        message = f"The pasted line {line + 1} says {_fill(pattern.cause, signal.values)}."  # the line is in signals
        if pattern.symptom:
            message += " It is a symptom with several possible causes; this is the likeliest one."
        others = [s for s in draft.signals if s is not signal and code in s.rules]
        finding = Finding(code=rule.code, name=rule.name, severity=rule.severity, message=message, location=where)
        graded.append(Graded(finding, "low" if pattern.symptom else "medium",
                             confirm=_fill(pattern.ask, signal.values), signals=(signal, *others)))
    return graded


def _fill(template: str, values: dict[str, str]) -> str:
    class Known(dict):
        def __missing__(self, key: str) -> str:
            return "it"

    return template.format_map(Known(values))
