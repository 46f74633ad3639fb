"""A rule is data (code, name, status, severity, docs, fix availability, what it reads) plus a pure check.

A check yields ``Report``s; the engine turns them into ``Finding``s with the rule's code, name and
(possibly configured) severity, so ``explain``, hover, SARIF help and docs all render from one record.

Scopes: a MACHINE rule runs once over the facts; a MODULE rule once per scope (a go.work and the modules
it governs, or a go.mod alone: ``semantics.modules.Scope``), or once with ``None`` when the workspace has
no module; a FILE rule once per file of the kinds it needs (reading that file only). ``needs`` names the
inputs a rule reads (file kinds and ``Input``s): the engine re-runs a rule only when one of them changed,
and the probe skips inputs no selected rule needs.

Contexts: each rule states where it runs (``contexts``: ALL_CONTEXTS or EDITOR_ONLY), and where its findings
count only as information (``informational_in``): see ``Context``.

``only_with`` names the sources a rule reports about (file kinds, or the inputs of ``SOURCE_INPUTS``) when it has
nothing to say without them: with none of them in the facts the engine skips the rule without importing it. A
rule that can report the absence of a file never names it there.
"""

from __future__ import annotations

import enum
import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Fix, Location, Related, Severity

DOC_SECTIONS = ("What it checks", "Why it matters", "How to fix", "Example")
DOCS_BASE_URL = "https://github.com/goenv-lsp/goenv-lsp/blob/main/docs/rules/"
FAMILIES = {
    "0": "goenv-lsp itself",
    "1": "Go toolchain",
    "2": "GOPATH and modules",
    "3": "Editor settings",
    "4": "Proxies, checksums and private modules",
    "5": "Vendor and workspaces",
    "6": "PATH, tools and platform",
    "7": "Shell startup files and the login environment",
    "8": "Go versions across files, containers and CI",
}
_CODE = re.compile(r"^GE\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class RuleStatus(str, enum.Enum):
    STABLE = "stable"
    PREVIEW = "preview"  # new; may change or produce false alarms (not run unless selected)
    DEPRECATED = "deprecated"
    REMOVED = "removed"  # kept so that configurations naming it get a clear message


class FixAvailability(str, enum.Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Scope(str, enum.Enum):
    MACHINE = "machine"
    MODULE = "module"
    FILE = "file"


class Context(str, enum.Enum):
    """Where a check runs. EDITOR: a developer's machine (the language server, `check` at a desk); CI: a build
    runner checking the repository (no editor, no gopls, another machine than the developers')."""

    EDITOR = "editor"
    CI = "ci"


ALL_CONTEXTS = frozenset(Context)  # portable: judges the repository's files and the machine's own toolchain
EDITOR_ONLY = frozenset({Context.EDITOR})  # compares a developer's settings or tools with this machine


class Input(str, enum.Enum):
    """What rules read besides files (file kinds are named by their kind name, e.g. "go.mod")."""

    GO_BINARIES = "go-binaries"  # every go found, with `go version` and `go env`
    CGO_FLAGS = "cgo-flags"  # `go env` CGO_CFLAGS, GOGCCFLAGS …: asking for them makes go run the C compiler
    GOPLS = "gopls"  # gopls binaries and their build info
    ENVIRONMENT = "environment"  # the process environment
    PATH_INFO = "path-info"  # what the paths settings name hold
    TOOLCHAINS = "toolchains"  # goX.Y.Z toolchains at hand
    EDITOR_SETTINGS = "editor-settings"  # the editor's user-level settings
    MODULES = "modules"  # the workspace's modules and their go.work
    MODULE_CACHE = "module-cache"  # each main module's requirements as $GOMODCACHE/cache/download holds them
    GO_BIN_DIRS = "go-bin-dirs"  # the directory `go install` writes to, and the programs there
    PATH_DIRS = "path-dirs"  # each PATH directory (kind, real path, permissions) and the commands PATH runs
    PLATFORM = "platform"  # the machine's own GOOS/GOARCH
    CGO_FILES = "cgo-files"  # workspace .go files importing "C" (looked for when cgo is off)
    LOGIN_PROFILE = "login-profile"  # the shell startup file a PATH line belongs in, and its PATH lines
    VERSION_MANAGERS = "version-managers"  # version managers holding Go installs, and which ones (home-files)
    LOGIN_SHELL = "login-shell"  # what the user's login shell exports (run once, when ProbeOptions.login_shell)
    GO_GENERATE = "go-generate"  # the //go:generate lines of the workspace's .go files
    GENERATORS = "generators"  # the generator programs the workspace runs, as PATH finds them (build info)


@dataclass(frozen=True)
class Report:
    """What a check found; the engine adds the rule's identity."""

    message: str
    location: Location
    fixes: tuple[Fix, ...] = ()
    related: tuple[Related, ...] = ()
    severity: Severity | None = None  # overrides the rule's default for this case
    module: str | None = None  # the go.mod / go.work of the module it concerns (MODULE rules: their scope's)
    explainable: bool = False  # a finding of a rule in the rule's ``suppressed_by`` says more: then drop this


Check = Callable[..., Iterable[Report]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    docs: str  # Markdown with the sections in DOC_SECTIONS, as "## <section>" headings
    fix: FixAvailability
    check: Check = field(repr=False, compare=False)
    scope: Scope = Scope.MACHINE
    needs: frozenset[str] = frozenset()
    status: RuleStatus = RuleStatus.STABLE
    fix_title: str | None = None  # what the fix does, in general ("Point the setting at the go that runs")
    tags: tuple[str, ...] = ()
    suppressed_by: tuple[str, ...] = ()  # codes whose findings make this rule's redundant
    contexts: frozenset[Context] | None = None  # where it runs (see Context); every rule states it
    informational_in: frozenset[Context] = frozenset()  # where it runs, but its findings are only info
    only_with: frozenset[str] = frozenset()  # silent unless the facts hold one of these sources (see the module doc)

    def runs_in(self, context: Context) -> bool:
        return context in (self.contexts or ALL_CONTEXTS)

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[2], "Other")

    @property
    def url(self) -> str:
        return f"{DOCS_BASE_URL}{self.code}.md"

    def section(self, title: str) -> str:
        return _sections(self.docs).get(title, "")

    @property
    def module(self) -> str:
        """The module that defines the rule (its check's)."""
        return self.check.__module__

    def can_speak(self, facts: Facts) -> bool:
        """False when ``only_with`` names sources and the facts hold none of them: the rule has nothing to say."""
        return not self.only_with or any(present(facts, source) for source in self.only_with)

    def run(self, facts: Facts, target: object = None) -> Iterable[Report]:
        return self.check(facts) if self.scope is Scope.MACHINE else self.check(facts, target)


# what ``only_with`` may name besides file kinds: inputs whose absence the facts show plainly
SOURCE_INPUTS: dict[str, Callable[[Facts], bool]] = {
    Input.EDITOR_SETTINGS.value: lambda facts: bool(facts.user_settings),
    Input.GO_GENERATE.value: lambda facts: bool(facts.go_generate),
    Input.GOPLS.value: lambda facts: any(g.status is not Status.MISSING for g in facts.gopls or ()),
    Input.LOGIN_SHELL.value: lambda facts: facts.login_env is not None,
    Input.CGO_FILES.value: lambda facts: bool(facts.cgo_files),
}


def present(facts: Facts, source: str) -> bool:
    """Do the facts hold a file of kind ``source`` (or, for a ``SOURCE_INPUTS`` name, anything of that input)?"""
    holds = SOURCE_INPUTS.get(source)
    return holds(facts) if holds is not None else bool(facts.files_of(source))


_HEADING = re.compile(r"^## ", re.M)


def _sections(docs: str) -> dict[str, str]:
    """Heading → its text (stripped), the first of each title: a "## <title>" line up to the next line that
    starts with "## " or the end."""
    found: dict[str, str] = {}
    for chunk in _HEADING.split(docs)[1:]:
        heading, newline, body = chunk.partition("\n")
        if newline:
            found.setdefault(heading, body.strip())
    return found


@cache
def file_kinds() -> frozenset[str]:
    from goenv_lsp.files import PARSED

    return frozenset(k.name for k in PARSED)


@cache
def known_inputs() -> frozenset[str]:
    return frozenset(i.value for i in Input) | file_kinds()


def rule(*, code: str, name: str, severity: Severity, summary: str, docs: str,
         fix: FixAvailability = FixAvailability.NONE, scope: Scope = Scope.MACHINE, needs: Iterable[str] = (),
         status: RuleStatus = RuleStatus.STABLE, fix_title: str | None = None, tags: Iterable[str] = (),
         suppressed_by: Iterable[str] = (), contexts: Iterable[Context] | None = None,
         informational_in: Iterable[Context] = (), only_with: Iterable[str] = ()) -> Callable[[Check], Rule]:
    """Decorator: ``RULE = rule(...)(check)`` — validates the record when the module loads."""

    def wrap(check: Check) -> Rule:
        record = Rule(code, name, severity, summary, _dedent(docs).strip() + "\n", fix, check, scope,
                      _names(needs), status, fix_title, tuple(tags), tuple(suppressed_by),
                      None if contexts is None else frozenset(contexts), frozenset(informational_in),
                      _names(only_with))
        problems = validate(record)
        if problems:
            raise ValueError(f"rule {code}: " + "; ".join(problems))
        return record

    return wrap


_AT_MARGIN = re.compile(r"^\S", re.M)
_BLANK_WITH_SPACES = re.compile(r"^[ \t]+$", re.M)


def _dedent(docs: str) -> str:
    """``textwrap.dedent``, without its cost for docs written at the margin (a rule module loads on a check)."""
    if _AT_MARGIN.search(docs) and not _BLANK_WITH_SPACES.search(docs):
        return docs  # no common indentation, and no whitespace-only line to normalise
    return textwrap.dedent(docs)


def _names(inputs: Iterable[str]) -> frozenset[str]:
    return frozenset(n.value if isinstance(n, Input) else n for n in inputs)


def validate(record: Rule) -> list[str]:
    problems = []
    if not _CODE.match(record.code):
        problems.append("code must look like GE123")
    if not _NAME.match(record.name):
        problems.append("name must be kebab-case")
    if record.fix is not FixAvailability.NONE and not record.fix_title:
        problems.append("a rule with fixes needs a fix_title")
    unknown = sorted(set(record.needs) - known_inputs())
    if unknown:
        problems.append(f"needs names unknown inputs {unknown}")
    if not record.needs:
        problems.append("needs must name what the check reads")
    problems += [f"suppressed_by names {c!r}, not a code" for c in record.suppressed_by if not _CODE.match(c)]
    if not record.contexts:
        problems.append("contexts must name where the rule runs (ALL_CONTEXTS or EDITOR_ONLY)")
    elif not record.informational_in <= record.contexts:
        problems.append("informational_in names a context the rule does not run in")
    if not record.only_with <= record.needs:
        problems.append(f"only_with names what the check does not read: {sorted(record.only_with - record.needs)}")
    sources = file_kinds() | set(SOURCE_INPUTS)
    problems += [f"only_with names {s!r}, neither a file kind nor one of {sorted(SOURCE_INPUTS)}"
                 for s in sorted(record.only_with - sources)]
    sections = _sections(record.docs)
    problems += [f"docs lack '## {title}'" for title in DOC_SECTIONS if not sections.get(title)]
    return problems
