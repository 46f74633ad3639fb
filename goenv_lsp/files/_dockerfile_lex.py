"""The instructions of a Dockerfile with the physical lines each takes: ``dockerfile-parse`` splits them
(comments, line continuations, the escape directive); heredoc bodies (``RUN <<EOF`` … ``EOF``), which it reads
as instructions of their own, are found here and kept with the instruction that opens them. One pass over the
lines: linear in the file's size."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(r"^#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(\S*)\s*$")
# <<EOF, <<-EOF, <<"EOF", <<'EOF' (not <<<, a here-string)
_HEREDOC = re.compile(r"""(?<!<)<<(?!<)(?P<dash>-?)(?P<quote>["']?)(?P<word>[A-Za-z_][A-Za-z0-9_]*)(?P=quote)""")
_HEREDOC_KEYWORDS = ("RUN", "COPY", "ADD")
_SHELLS = re.compile(r"^(?:\S*/)?(?:sh|bash|ash|dash|zsh)$")


@dataclass(frozen=True)
class Heredoc:
    word: str
    first: int  # the body's first line (a 0-based physical line)
    last: int  # its last line (first - 1 when the body is empty); the terminator is on last + 1, if found
    script: bool  # a shell runs the body (RUN <<EOF, RUN bash <<EOF), rather than reading it as data


@dataclass(frozen=True)
class RawInstruction:
    keyword: str  # upper case
    first: int  # first physical line
    last: int  # last physical line: continuations and heredoc bodies included
    end: int  # last line of the instruction itself (before its heredoc bodies)
    value: str  # the arguments, continuation lines joined, as dockerfile-parse gives them
    heredocs: tuple[Heredoc, ...] = ()


def escape_character(physical: list[str]) -> str:
    """The escape directive's character (`` ` `` in Windows Dockerfiles), else a backslash. Directives are
    comments at the very top; the first other line ends them."""
    for line in physical:
        match = _DIRECTIVE.match(line.strip())
        if not match:
            break
        if match.group(1).lower() == "escape" and match.group(2) in ("`", "\\"):
            return match.group(2)
    return "\\"


def instructions(text: str, physical: list[str]) -> list[RawInstruction]:
    """``text`` with \\n line ends; ``physical`` its lines (no line ends)."""
    from dockerfile_parse import DockerfileParser  # only when a workspace has a Dockerfile

    parsed = DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8"))).structure
    found: list[RawInstruction] = []
    consumed = -1  # the last line a heredoc body (or its terminator) took
    for item in parsed:
        keyword = item["instruction"].upper()
        first, end = item["startline"], item["endline"]
        if first <= consumed or keyword == "COMMENT":
            continue
        heredocs: tuple[Heredoc, ...] = ()
        last = end
        if keyword in _HEREDOC_KEYWORDS and "<<" in item["value"]:
            heredocs = _heredocs(item["value"], keyword, physical, end)
            if heredocs:
                last = min(heredocs[-1].last + 1, len(physical) - 1)
                consumed = last
        found.append(RawInstruction(keyword, first, last, end, item["value"], heredocs))
    return found


def _heredocs(value: str, keyword: str, physical: list[str], end: int) -> tuple[Heredoc, ...]:
    found = []
    line = end + 1
    for number, match in enumerate(_HEREDOC.finditer(value)):
        word, dash = match.group("word"), match.group("dash")
        first = line
        while line < len(physical) and (physical[line].lstrip("\t") if dash else physical[line]) != word:
            line += 1
        script = keyword == "RUN" and number == 0 and _runs_shell(value[: match.start()])
        if script and first < len(physical) and physical[first].startswith("#!"):
            script = bool(_SHELLS.match(physical[first][2:].split()[-1] if physical[first][2:].split() else ""))
        found.append(Heredoc(word, first, line - 1, script))
        line += 1  # past the terminator
    return tuple(found)


def _runs_shell(before: str) -> bool:
    """What precedes the first heredoc in a RUN runs its body as a script: nothing but flags (``RUN <<EOF``,
    ``RUN --mount=… <<EOF``), or a shell (``RUN bash -e <<EOF``)."""
    words = [w for w in before.split() if not w.startswith("-")]
    return not words or (len(words) == 1 and bool(_SHELLS.match(words[0])))
