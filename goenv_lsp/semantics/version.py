"""Go version strings as cmd/go's ``internal/gover`` reads them (go-semantics.md §1).

Versions here carry no ``go`` prefix ("1.21.3", "1.22rc1"); ``from_toolchain`` strips it from
toolchain names ("go1.21.3-bigcorp" → "1.21.3").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import cmp_to_key, total_ordering

_NUM = r"(?:0|[1-9][0-9]*)"
# MAJOR, or MAJOR.MINOR[KIND[PRE]], or MAJOR.MINOR.PATCH: no prerelease on "1" alone or after a patch
_VERSION_RE = re.compile(rf"^({_NUM})(?:\.({_NUM})(?:\.({_NUM})|([a-z]+)({_NUM})?)?)?\Z")


@total_ordering
@dataclass(frozen=True)
class GoVersion:
    """A parsed version; ``patch`` is "" for 1.21+ language versions like "1.22"."""

    major: str
    minor: str
    patch: str
    kind: str
    pre: str

    def _key(self) -> tuple:
        return (_num_key(self.major), _num_key(self.minor), _num_key(self.patch), self.kind,
                _num_key(self.pre))

    def __lt__(self, other: GoVersion) -> bool:
        return self._key() < other._key()


def _num_key(digits: str) -> tuple[int, str]:
    # decimal strings compare by length then lexically; "" is smallest
    return (len(digits), digits)


@functools.lru_cache(maxsize=4096)
def parse(version: str) -> GoVersion | None:
    match = _VERSION_RE.match(version)
    if not match:
        return None
    major, minor, patch, kind, pre = (g or "" for g in match.groups())
    if not minor:
        minor, patch = "0", "0"  # "1" means "1.0.0"
    elif not patch and not kind and int(minor) < 21:
        patch = "0"  # before 1.21, "1.20" means "1.20.0" ("1.20rc1" keeps an empty patch: it sorts first)
    return GoVersion(major, minor, patch, kind, pre)


def is_valid(version: str) -> bool:
    return parse(version) is not None


def compare(a: str, b: str) -> int:
    """-1, 0 or 1; invalid versions sort before every valid one and equal each other."""
    pa, pb = parse(a), parse(b)
    if pa is None or pb is None:
        return (pa is not None) - (pb is not None)
    return (pa._key() > pb._key()) - (pa._key() < pb._key())


def sort_key(version: str):
    return cmp_to_key(compare)(version)


def lang(version: str) -> str:
    """"1.21.3" → "1.21"; "1.21rc2" → "1.21"; invalid → ""."""
    parsed = parse(version)
    if parsed is None:
        return ""
    if parsed.major == "1" and parsed.minor == "0":
        return parsed.major
    return f"{parsed.major}.{parsed.minor}"


def is_lang(version: str) -> bool:
    """True for "1.21", "1.22"; false for "1.20" (that is the release 1.20.0) and "1.21.0"."""
    parsed = parse(version)
    return bool(parsed) and parsed.patch == "" and parsed.kind == "" and parsed.pre == ""


def from_toolchain(name: str) -> str:
    """"go1.21.3" → "1.21.3"; "go1.21.3-bigcorp" → "1.21.3"; anything else → "".

    Only "-", space and tab end the version ("go1.21.3\r" is invalid); a path separator never passes."""
    if not name.startswith("go") or "/" in name or "\\" in name:
        return ""
    version = re.split(r"[- \t]", name[2:], maxsplit=1)[0]
    return version if is_valid(version) else ""


def from_runtime(runtime_version: str) -> str:
    """The version in ``go version`` output: "go1.22.0 X:fieldtrack" → "1.22.0";
    "devel go1.21-b35ee3b0467 …" or "go1.25-devel_abc …" → "1.21" / "1.25"; else ""."""
    text = runtime_version.strip()
    if text.startswith("devel "):
        text = text[len("devel "):]
    first = text.split()[0] if text.split() else ""
    return from_toolchain(first.split("-devel")[0])


def toolchain_for_go_line(go_line: str) -> str:
    """The toolchain cmd/go asks for to satisfy a ``go`` line: "1.22" → "go1.22.0" (go.dev/issue/62278)."""
    if is_lang(go_line) and compare(go_line, "1.21") >= 0:
        return f"go{go_line}.0"
    return f"go{go_line}"


def major(version: str) -> str:
    """"1.22.10" → "1.22" (the release line, as used in support policies)."""
    parsed = parse(version)
    return f"{parsed.major}.{parsed.minor}" if parsed else ""
