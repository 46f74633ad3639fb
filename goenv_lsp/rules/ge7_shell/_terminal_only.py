"""What the GE71x rules share. ``gaps``: Go variables and Go PATH entries that only a terminal's shell sets —
exported in ``~/.bashrc`` while the user's login shell is bash and its login file (the first of
``~/.bash_profile``, ``~/.bash_login``, ``~/.profile``) does not source it (``semantics.shell_startup``); GE710
reports them, checked against the login shell when it ran. Only what the files show is claimed: a source of a
file the probe does not read, or an ``eval`` that may set Go variables (``goenv init``), in the login file's
reach makes it quiet. ``login_reach``: the files a login shell of any known shell reads (GE712)."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.shell_rc import Op, ShellAssignment, ShellRcFacts, shell_files
from goenv_lsp.files.shell_rc_kinds import BASH, FISH, PROFILE, ZSH
from goenv_lsp.model import Applicability, Fix, Location, TextEdit
from goenv_lsp.redact import PLACEHOLDER
from goenv_lsp.semantics.gobin import install_dir
from goenv_lsp.semantics.shell_startup import KNOWN_SHELLS, Mode, read_files, shell_name, why_not_read

LOGIN_FILES = (".bash_profile", ".bash_login", ".profile")
SOURCE_BASHRC = "[ -f ~/.bashrc ] && . ~/.bashrc"
# what a login starts with, and the system directories every login PATH has: never "only in a terminal"
SYSTEM_DIRS = frozenset({"/usr/local/bin", "/usr/bin", "/bin", "/usr/local/sbin", "/usr/sbin", "/sbin"})


@dataclass(frozen=True)
class Gap:
    """One assignment in ~/.bashrc that a login shell never runs: a Go variable, or a Go directory on PATH."""

    bashrc: ShellRcFacts
    assignment: ShellAssignment
    entries: tuple[str, ...]  # PATH: the Go directories it adds (expanded); () for a variable
    login: ShellRcFacts | None  # the file a bash login shell reads (None: none of them exists)
    why: str  # why a login shell does not read ~/.bashrc

    @property
    def name(self) -> str:
        return self.assignment.name

    @property
    def what(self) -> str:
        if self.entries:
            return f"{' and '.join(self.entries)} {'are' if len(self.entries) > 1 else 'is'} put on PATH"
        return f"`{self.name}={self.assignment.value.value}` is set"

    @property
    def location(self) -> Location:
        return Location(self.bashrc.path, self.assignment.statement)


def gaps(facts: Facts) -> list[Gap]:
    env, home, paths = facts.env or {}, facts.home, facts.paths
    if facts.os == "windows" or not home or shell_name(env.get("SHELL", "")) != "bash":
        return []
    if facts.files_of(BASH) is None or facts.files_of(PROFILE) is None:
        return []  # the home files were not read (home-files off): unknown
    by_name = {paths.relative(f.path, home): f for f in shell_files(facts)
               if f.kind in (BASH, PROFILE) and f.status is Status.OK}
    bashrc = by_name.get(".bashrc")
    if bashrc is None:
        return []
    existing = {name for name in by_name if name}
    login_name = next((n for n in LOGIN_FILES if n in existing), None)
    login = by_name.get(login_name) if login_name else None
    reached = _reach(facts, login)
    why = why_not_read("bash", ".bashrc", existing)
    if reached is None or bashrc.path in reached or why is None:
        return []
    if any("go" in u.text.lower() for f in reached.values() for u in f.unknowns):
        return []  # `eval "$(goenv init -)"`: what the login file sets is known only when it runs
    login_sets = {a.name for f in reached.values() for a in f.assignments if a.op is not Op.UNSET}
    login_entries = {paths.key(e) for f in reached.values() for a in f.assignments_of("PATH")
                     for e in (expand(facts, x) for x in a.entries) if e}
    wanted = {paths.key(d) for d in go_directories(facts)}
    found: dict[object, Gap] = {}
    seen: set[str] = set()  # PATH entries already reported
    for assignment in bashrc.assignments:
        if assignment.op is Op.UNSET or assignment.secret or assignment.conditional:
            continue
        if assignment.name == "PATH":
            entries = []
            for entry in (expand(facts, raw) for raw in assignment.entries):
                if entry and paths.key(entry) in wanted and paths.key(entry) not in login_entries | seen \
                        and paths.normpath(entry) not in SYSTEM_DIRS:
                    entries.append(entry)
                    seen.add(paths.key(entry))
            if entries:
                found[("PATH", assignment.statement)] = Gap(bashrc, assignment, tuple(entries), login, why)
        elif assignment.name.startswith(("GO", "CGO_")) and assignment.exported \
                and assignment.name not in login_sets:
            found[assignment.name] = Gap(bashrc, assignment, (), login, why)  # the last one is what the shell has
    return sorted(found.values(), key=lambda g: g.assignment.statement.start.line)


def _reach(facts: Facts, login: ShellRcFacts | None, strict: bool = True) -> dict[str, ShellRcFacts] | None:
    """The login file and every file it sources, transitively (conditional sources too: the usual
    ``[ -f ~/.bashrc ] && . ~/.bashrc``); None when a sourced file is not known (a path the probe cannot
    resolve, a file other than the startup files, which the probe does not read: it may source ~/.bashrc);
    not ``strict``: such files are left out."""
    reached: dict[str, ShellRcFacts] = {}
    stack = [login] if login is not None else []
    while stack:
        current = stack.pop()
        if current.path in reached:
            continue
        reached[current.path] = current
        for source in current.sources:
            if source.path is None:
                if strict:
                    return None
                continue
            target = facts.file(source.path)
            if isinstance(target, ShellRcFacts):
                stack.append(target)
            elif strict and not _startup_file(facts, source.path):
                return None  # not read: what it sets and sources is unknown
            # a startup file the probe looked for and did not find: it does not exist, sourcing it does nothing
    return reached


def _startup_file(facts: Facts, path: str) -> bool:
    home = facts.home or ""
    return facts.paths.relative(path, home) in (".bashrc", *LOGIN_FILES)


def expand(facts: Facts, entry: str) -> str | None:
    """A PATH entry template from the rc facts (``${HOME}/go/bin``) as a path; None when it needs the shell."""
    home = facts.home or ""
    text = entry.replace("${HOME}", home).replace("$HOME", home)
    if text.startswith("~/"):
        text = home + text[1:]
    if "$" in text or "`" in text or not facts.paths.is_abs(text):
        return None
    return facts.paths.normpath(text)


def go_directories(facts: Facts) -> set[str]:
    """The directories of every go found (on PATH, by a setting, where installers put it), and where `go install`
    puts programs."""
    paths = facts.paths
    found = {paths.normpath(paths.dirname(b.path)) for b in facts.go_binaries or () if b.status is not Status.MISSING}
    target = install_dir(facts)
    if target is not None and paths.is_abs(target[0]):
        found.add(paths.normpath(target[0]))
    return found


def fixes(facts: Facts, gap: Gap) -> tuple[Fix, ...]:
    """Copy the line into the file a login shell reads (safe: it sets what the terminal has, at every login);
    or source ~/.bashrc from it (unsafe: everything else in ~/.bashrc then runs in login shells too)."""
    profile = facts.login_profile
    if gap.login is None or gap.login.interactive_guard is not None or profile is None or not profile.exists \
            or not facts.paths.same(profile.path, gap.login.path):
        return ()  # appended after an interactive guard, the line would not run at a desktop login either
    lead = "" if profile.ends_with_newline else "\n"
    result = []
    value = gap.assignment.value.value
    if PLACEHOLDER not in value:
        line = f"export {gap.name}={value}"
        result.append(Fix(f"Add `{line}` to {profile.path} (the file a login shell reads)", Applicability.SAFE,
                          edits=(TextEdit(profile.path, profile.end, f"{lead}{line}\n"),)))
    if not gap.assignment.interactive_only:
        result.append(Fix(f"Source ~/.bashrc from {profile.path}", Applicability.UNSAFE,
                          edits=(TextEdit(profile.path, profile.end, f"{lead}{SOURCE_BASHRC}\n"),)))
    return tuple(result)


def describe(gap: Gap, lacks: str) -> str:
    """The message: what is set, what the login shell lacks (``lacks``: ", and a login shell … has none"), why."""
    return (f"{gap.what} only in ~/.bashrc{lacks}: {gap.why}. Programs started outside a terminal — an "
            "editor opened from the Dock or a desktop launcher, and the gopls and go it starts — do not get it")


def login_reach(facts: Facts) -> dict[str, ShellRcFacts] | None:
    """The startup files a login shell of ``$SHELL`` reads (``semantics.shell_startup``) and the startup files they
    source (others, which the probe does not read, are left out); None when unknown (home files not read, a shell
    goenv-lsp does not know)."""
    env, home, paths = facts.env or {}, facts.home, facts.paths
    shell = shell_name(env.get("SHELL", ""))
    if facts.os == "windows" or not home or shell not in KNOWN_SHELLS:
        return None
    kinds = {"bash": (BASH, PROFILE), "zsh": (ZSH,), "fish": (FISH,)}.get(shell, (PROFILE,))
    if any(facts.files_of(k) is None for k in kinds):
        return None
    zdotdir = env.get("ZDOTDIR", "") if paths.is_abs(env.get("ZDOTDIR", "")) else home
    config = env.get("XDG_CONFIG_HOME", "") if paths.is_abs(env.get("XDG_CONFIG_HOME", "")) else \
        paths.join(home, ".config")
    by_name: dict[str, ShellRcFacts] = {}
    for found in shell_files(facts):
        if found.kind not in kinds or found.status is not Status.OK:
            continue
        base = config if found.kind == FISH else zdotdir if found.kind == ZSH else home
        name = paths.relative(found.path, base)
        if name and name.startswith("fish/conf.d/"):
            name = "fish/conf.d/*.fish"
        by_name.setdefault(name or "", found)
    reached: dict[str, ShellRcFacts] = {}
    for name in read_files(shell, Mode.LOGIN, set(by_name)):
        starts = [f for n, f in by_name.items() if n == name] if "*" not in name else \
            [f for f in shell_files(facts) if f.kind == FISH and "/conf.d/" in f.path]
        for start in starts:
            reached.update(_reach(facts, start, strict=False) or {})
    return reached
