"""How sure a triage finding is, by what the paste showed of the inputs its rule reads (``Rule.needs``).

Each input a paste can show is SHOWN (whole), PARTIAL (inferred, or part of it: a truncated `go env`, a host OS
guessed from drive letters) or UNSEEN. A rule's finding is

* ``high`` when one of the go command's or gopls' own error lines in the paste confirms it (a ``Signal`` naming
  the rule), or every input below it needs is SHOWN;
* ``medium`` when one is PARTIAL, or only the go command's environment layers are UNSEEN (no `go env` pasted);
* ``low`` when the go that runs or the gopls it judges is UNSEEN.

Inputs a paste never shows (what is at a path, the module cache, the login shell …) do not lower it: a rule that
needs them to say something stays silent, and what it said without them holds. Files and editor settings a rule
fired on were shown.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from goenv_lsp.model import Finding
from goenv_lsp.rules import Rule
from goenv_lsp.rules.registry import Input
from goenv_lsp.triage.draft import Draft, Graded
from goenv_lsp.triage.facts import TOOL_ENV as _TOOL_ENV


class Seen(enum.IntEnum):
    UNSEEN = 0
    PARTIAL = 1
    SHOWN = 2


ENV_LAYERS = (Input.ENVIRONMENT.value, "goenv", "go.env")  # a whole `go env` folds these in


def seen(draft: Draft) -> dict[str, Seen]:
    """What the paste shows of each input a paste can show."""
    whole_env = bool(draft.go_env_complete)
    env = Seen.SHOWN if whole_env else Seen.PARTIAL if (draft.go_env or _TOOL_ENV.keys() & draft.tool_env.keys()) \
        else Seen.UNSEEN
    version = bool(draft.go_version or draft.go_env.get("GOVERSION"))
    go = (Seen.SHOWN if whole_env and version else Seen.PARTIAL if (draft.go_env or version) else Seen.UNSEEN)
    gopls = [t for t in draft.tools if t.name == "gopls"]
    gopls_seen = (Seen.SHOWN if any(t.go_version for t in gopls) else Seen.PARTIAL if gopls else Seen.UNSEEN)
    platform = Seen.SHOWN if draft.host_os_shown else Seen.PARTIAL if draft.host_os else Seen.UNSEEN
    found = {name: env for name in ENV_LAYERS}
    if draft.path_entries is not None:  # PATH is the part of the process environment most rules read
        found[Input.ENVIRONMENT.value] = Seen.SHOWN
    found.update({Input.GO_BINARIES.value: go, Input.GOPLS.value: gopls_seen, Input.PLATFORM.value: platform})
    return found


# what to ask the reporter for, by input
_GO_ENV, _GO_VERSION = "the full output of `go env`", "the output of `go version`"
_GOPLS = {"posix": "the output of `go version -m $(which gopls)` (or `gopls -v version`)",
          "windows": "the output of `go version -m (Get-Command gopls).Source` (or `gopls -v version`)"}


def _asks(names: list[str], draft: Draft) -> list[str]:
    asks = []
    for name in names:
        if name in ENV_LAYERS or name == Input.PLATFORM.value:
            asks.append(_GO_ENV)
        elif name == Input.GO_BINARIES.value:
            asks += [_GO_ENV] if draft.go_version or draft.go_env.get("GOVERSION") else [_GO_VERSION, _GO_ENV]
        elif name == Input.GOPLS.value:
            asks.append(_GOPLS["windows" if draft.host_os == "windows" else "posix"])
    return list(dict.fromkeys(asks))


def grade(finding: Finding, rule: Rule | None, draft: Draft, shown: dict[str, Seen]) -> Graded:
    signals = tuple(s for s in draft.signals if finding.code in s.rules)
    if signals:
        return Graded(finding, "high", None, signals)
    needs = rule.needs if rule is not None else frozenset()
    weak = sorted((shown[name], name) for name in needs if name in shown and shown[name] is not Seen.SHOWN)
    if not weak:
        return Graded(finding, "high")
    low = any(level is Seen.UNSEEN and name in (Input.GO_BINARIES.value, Input.GOPLS.value) for level, name in weak)
    confirm = " and ".join(_asks([name for _, name in weak], draft))
    return Graded(finding, "low" if low else "medium", confirm)


def grade_all(findings: Iterable[Finding], rules: dict[str, Rule], draft: Draft) -> list[Graded]:
    shown = seen(draft)
    return [grade(f, rules.get(f.code), draft, shown) for f in findings]
