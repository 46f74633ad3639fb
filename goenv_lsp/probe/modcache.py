"""What the module cache holds of each go.mod's requirements: read files and stat paths under
``$GOMODCACHE/cache/download`` only — no network, no process (go-semantics.md §8, cmd/go modfetch).

For every require line (or the module version replacing it) of the workspace's main modules: whether its
``@v/<version>.mod`` is cached, that file's ``go`` and ``toolchain`` lines, whether its source is there (the
extracted directory or the .zip), and — only when its go line is newer than the main module's go line or the
local go — the older cached versions, newest first, until one fits (with the go.sum lines a downgrade needs).
Bounded: ``MAX_REQUIREMENTS`` require lines in all, ``MAX_OLDER_READS`` .mod files per downgrade search.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from goenv_lsp.facts import CachedRequirement, CachedVersion, Facts, ModuleRequirements, PathKind, Status
from goenv_lsp.files._modfile import _lax_value, _Line, _parse_string, _Reader, _SyntaxError, _Tok
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.probe.system import System
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.text import LineIndex

MAX_REQUIREMENTS = 5000  # require lines looked up, over all go.mod files
MAX_MOD_BYTES = 64 * 1024  # a dependency's go.mod larger than this is not read
MAX_OLDER_READS = 20  # older .mod files read per requirement, looking for one that fits
MAX_LISTED = 2000  # entries of an @v directory considered


def escape(text: str) -> str:
    """golang.org/x/mod/module.EscapePath / EscapeVersion: each upper-case letter becomes ``!`` + lower case."""
    return re.sub(r"[A-Z]", lambda m: "!" + m.group(0).lower(), text)


def go_sum_hash(data: bytes) -> str:
    """dirhash.Hash1 of a go.mod file alone: what go.sum records as ``<path> <version>/go.mod h1:…``."""
    import base64
    import hashlib  # here: only a module with requirements in the cache hashes (hashlib costs ~3 ms to import)

    summary = f"{hashlib.sha256(data).hexdigest()}  go.mod\n".encode()
    return "h1:" + base64.b64encode(hashlib.sha256(summary).digest()).decode()


@dataclass(frozen=True)
class RequireLine:
    path: str
    version: str
    start: int  # offsets of the version in the text
    end: int
    indirect: bool


@dataclass(frozen=True)
class ReplaceLine:
    old: str
    old_version: str  # "" = every version
    new: str
    new_version: str  # "" = a directory


def read_directives(text: str) -> tuple[list[RequireLine], list[ReplaceLine]] | None:
    """The require and replace lines of a go.mod text (None when it has a syntax error)."""
    try:
        statements = _Reader(text, "go.mod", lambda offset: (0, 0)).parse_file()
    except _SyntaxError:
        return None
    requires: list[RequireLine] = []
    replaces: list[ReplaceLine] = []

    def add(verb: str, line: _Line, args: list[_Tok]) -> None:
        values = [_parse_string(t.text)[0] for t in args]
        if any(v is None for v in values):
            return
        if verb == "require" and len(args) == 2:
            rest = text[args[1].end:text.find("\n", args[1].end) % (len(text) + 1)].strip()
            indirect = rest == "// indirect" or rest.startswith("// indirect;")
            requires.append(RequireLine(values[0], values[1], args[1].start, args[1].end, indirect))
        elif verb == "replace" and "=>" in values:
            arrow = values.index("=>")
            old, new = values[:arrow], values[arrow + 1:]
            if len(old) in (1, 2) and len(new) in (1, 2):
                replaces.append(ReplaceLine(old[0], old[1] if len(old) == 2 else "", new[0],
                                            new[1] if len(new) == 2 else ""))

    for statement in statements:
        if isinstance(statement, _Line):
            add(statement.toks[0].text, statement, statement.toks[1:])
        elif len(statement.verb) == 1:
            for line in statement.lines:
                add(statement.verb[0].text, line, line.toks)
    return requires, replaces


def collect_module_cache(system: System, facts: Facts, overrides: Mapping[str, bytes] | None = None,
                         previous: Mapping[str, ModuleRequirements] | None = None,
                         edited: str | None = None) -> dict[str, ModuleRequirements] | None:
    """The requirements of every main module's go.mod as the cache holds them; None when GOMODCACHE is unknown.

    ``previous`` (the last result) and ``edited`` (the one go.mod changed since: the language server's hot path)
    spare the lookups: other go.mod files keep their entries, and a cached module version, whose files never
    change, is not read again."""
    active = running_go(facts)
    cache = ((active.env if active else None) or {}).get("GOMODCACHE", "")
    if not cache or facts.modules is None:
        return None
    reader = _CacheReader(system, cache, local_version(active))
    work_modules = _workspace_module_paths(facts)
    found: dict[str, ModuleRequirements] = {}
    budget = MAX_REQUIREMENTS
    for go_mod_path in sorted({m.go_mod for m in facts.modules}):
        go_mod = facts.file(go_mod_path)
        if not isinstance(go_mod, ModFileFacts) or go_mod.status is not Status.OK:
            continue
        kept = (previous or {}).get(go_mod_path)
        if kept is not None and kept.cache == cache and edited is not None and edited != go_mod_path \
                and not edited.endswith("go.work"):
            found[go_mod_path] = kept
            budget -= len(kept.requirements)
            continue
        limit = go_mod.go.value if go_mod.go else ""
        reusable = kept is not None and kept.cache == cache and edited is not None and kept.go_line == limit
        reader.known = {_key(r): r for r in kept.requirements if r.status is Status.OK} if reusable else {}
        data = (overrides or {}).get(go_mod_path)
        if data is None:
            read = system.read(go_mod_path)
            if read.status is not Status.OK:
                continue
            data = read.data
        text = data.decode("utf-8", "replace")
        directives = read_directives(text)
        if directives is None:
            continue
        requires, replaces = directives
        doc = LineIndex(text, newlines="lf")
        entries = []
        for line in requires[:budget]:
            entries.append(reader.requirement(line, doc, replaces, work_modules.get(go_mod_path, set()), limit))
        budget -= len(entries)
        directory = system.paths.dirname(go_mod_path)
        go_sum = system.paths.join(directory, "go.sum")
        found[go_mod_path] = ModuleRequirements(
            go_mod=go_mod_path, cache=cache, requirements=tuple(entries), truncated=len(entries) < len(requires),
            vendor=system.stat(system.paths.join(directory, "vendor", "modules.txt")).kind is PathKind.FILE,
            go_sum=go_sum if system.stat(go_sum).kind is PathKind.FILE else None, go_line=limit)
    return found


def _workspace_module_paths(facts: Facts) -> dict[str, set[str]]:
    """For each go.mod in workspace mode: the module paths of the go.work's modules (resolved locally)."""
    by_work: dict[str, set[str]] = {}
    for module in facts.modules or ():
        file = facts.file(module.go_mod)
        if module.go_work and isinstance(file, ModFileFacts) and file.module:
            by_work.setdefault(module.go_work, set()).add(file.module.value)
    return {m.go_mod: by_work[m.go_work] for m in facts.modules or () if m.go_work in by_work}


class _CacheReader:
    def __init__(self, system: System, cache: str, local: str) -> None:
        self.system, self.cache, self.local = system, cache, local
        self.paths = system.paths
        self.known: dict[tuple, CachedRequirement] = {}  # looked up before, by _key: reused as it was

    def _download_dir(self, path: str) -> str:
        return self.paths.join(self.cache, "cache", "download", *escape(path).split("/"), "@v")

    def version(self, path: str, version: str, sums: bool = False) -> CachedVersion | None:
        """The cached .mod of ``path@version`` (None when it is not cached or cannot be read)."""
        directory = self._download_dir(path)
        read = self.system.read(self.paths.join(directory, escape(version) + ".mod"), limit=MAX_MOD_BYTES)
        if read.status is not Status.OK:
            return None
        text = read.data.decode("utf-8", "replace")
        go, toolchain = _lax_value(text, "go"), _lax_value(text, "toolchain")
        cached = CachedVersion(version, go[0] if go else "", toolchain[0] if toolchain else "")
        if not sums:
            return cached
        ziphash = self.system.read(self.paths.join(directory, escape(version) + ".ziphash"), limit=1024)
        zip_sum = ziphash.data.decode("ascii", "replace").strip() if ziphash.status is Status.OK else None
        return CachedVersion(cached.version, cached.go, cached.toolchain, go_sum_hash(read.data),
                             zip_sum if zip_sum and zip_sum.startswith("h1:") else None)

    def requirement(self, line: RequireLine, doc: LineIndex, replaces: list[ReplaceLine], workspace: set[str],
                    main_go: str) -> CachedRequirement:
        base = CachedRequirement(line.path, line.version, doc.range(line.start, line.end), line.indirect)
        replace = _replacement(line, replaces)
        if line.path in workspace:
            return CachedRequirement(base.path, base.version, base.range, base.indirect, local=True)
        path, version = line.path, line.version
        if replace is not None:
            if not replace.new_version:
                return CachedRequirement(base.path, base.version, base.range, base.indirect, replace.new, local=True)
            path, version = replace.new, replace.new_version
        if not _safe(path, version):
            return CachedRequirement(base.path, base.version, base.range, base.indirect,
                                     replace.new if replace else None, replace.new_version if replace else None)
        known = self.known.get((line.path, line.version, replace.new if replace else None,
                                replace.new_version if replace else None))
        if known is not None:
            return dataclasses.replace(known, range=base.range, indirect=base.indirect)
        cached = self.version(path, version)
        status = Status.OK if cached is not None else Status.MISSING
        source = None
        if cached is not None or status is Status.MISSING:
            extracted = self.paths.join(self.cache, *escape(path).split("/")[:-1],
                                        f"{escape(path).split('/')[-1]}@{escape(version)}")
            zipped = self.paths.join(self._download_dir(path), escape(version) + ".zip")
            source = self.system.stat(extracted).kind is PathKind.DIR or \
                self.system.stat(zipped).kind is PathKind.FILE
        older = None
        limits = [v for v in (main_go, self.local) if v]
        if cached is not None and cached.go and any(gover.compare(cached.go, v) > 0 for v in limits):
            older = self._older(path, version, min(limits, key=gover.sort_key))
        return CachedRequirement(base.path, base.version, base.range, base.indirect,
                           replace.new if replace else None, replace.new_version if replace else None, False,
                           cached, status, source, older)

    def _older(self, path: str, version: str, limit: str) -> tuple[CachedVersion, ...]:
        """Cached versions below ``version``, newest first, read until one whose go line is at most ``limit``."""
        entries = self.system.list(self._download_dir(path)) or ()
        versions = []
        for entry in entries[:MAX_LISTED]:
            name = entry.name
            if name.endswith(".mod"):
                unescaped = re.sub(r"!([a-z])", lambda m: m.group(1).upper(), name[:-len(".mod")])
                if semver_compare(unescaped, version) < 0:
                    versions.append(unescaped)
        versions.sort(key=_semver_key, reverse=True)
        found = []
        for candidate in versions[:MAX_OLDER_READS]:
            cached = self.version(path, candidate, sums=True)
            if cached is None:
                continue
            found.append(cached)
            if gover.compare(cached.go or "1.16", limit) <= 0:
                break
        return tuple(found)


_PATH_ELEMENT = re.compile(r"^[A-Za-z0-9_.~+-]+$")  # module.CheckPath's characters, more or less
_VERSION = re.compile(r"^v[0-9A-Za-z.+-]+$")


def _safe(path: str, version: str) -> bool:
    """Only module paths and versions that name a place inside the cache are looked up: a hostile go.mod
    (`require ../../x v1`) makes the probe read nothing outside ``cache/download``."""
    elements = path.split("/")
    return bool(_VERSION.match(version)) and ".." not in version and all(
        _PATH_ELEMENT.match(e) and e not in (".", "..") for e in elements)


def _key(requirement: CachedRequirement) -> tuple:
    return requirement.path, requirement.version, requirement.replacement, requirement.replacement_version


def _replacement(line: RequireLine, replaces: list[ReplaceLine]) -> ReplaceLine | None:
    """The replace that applies: one naming this exact version wins over one for every version (modload)."""
    exact = [r for r in replaces if r.old == line.path and r.old_version == line.version]
    if exact:
        return exact[-1]
    wildcard = [r for r in replaces if r.old == line.path and not r.old_version]
    return wildcard[-1] if wildcard else None


_SEMVER = re.compile(r"^v(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")


def _semver_key(version: str) -> tuple:
    """golang.org/x/mod/semver ordering: numbers, then a prerelease sorts before the release."""
    match = _SEMVER.match(version)
    if not match:
        return (-1,)
    major, minor, patch, pre = int(match[1]), int(match[2] or 0), int(match[3] or 0), match[4]
    if not pre:
        return (major, minor, patch, 1, ())
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre[1:].split("."))
    return (major, minor, patch, 0, parts)


def semver_compare(a: str, b: str) -> int:
    ka, kb = _semver_key(a), _semver_key(b)
    return (ka > kb) - (ka < kb)


def toolchains_wanted(facts: Facts, limit: int = 20) -> set[str]:
    """The toolchains the go lines of cached requirements ask for, when newer than the local go (GE130 says
    whether one is at hand)."""
    local = local_version(running_go(facts))
    wanted = set()
    for found in (facts.module_cache or {}).values():
        for requirement in found.requirements:
            go = requirement.cached.go if requirement.cached else None
            if go and local and gover.compare(go, local) > 0 and len(wanted) < limit:
                wanted.add(gover.toolchain_for_go_line(go))
    return wanted
