"""goenv-lsp.toml as facts: the parts rules read (``goenv_lsp.config`` reads the rest, and reports its problems).

Rules read ``[private-modules] public-hosts``: hosts whose modules are public, added to GE410's built-in list.
"""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, Status
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where

KIND_NAME = "goenv-lsp.toml"
MAX_HOSTS = 1000


@dataclass(frozen=True)
class ProjectConfigFacts(FileFacts):
    public_hosts: tuple[str, ...] = ()


def public_hosts_of(data: object) -> tuple[str, ...] | None:
    """``[private-modules] public-hosts`` (or ``private_modules.public_hosts``) of parsed TOML; None when the
    value is not a list of host names."""
    if not isinstance(data, dict):
        return ()
    table = data.get("private-modules", data.get("private_modules"))
    if table is None:
        return ()
    if not isinstance(table, dict):
        return None
    hosts = table.get("public-hosts", table.get("public_hosts", []))
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h and "/" not in h for h in hosts):
        return None
    return tuple(h.strip().lower() for h in hosts[:MAX_HOSTS])


def _parse(data: bytes, path: str, ctx: ParseContext) -> ProjectConfigFacts:
    from goenv_lsp.config import parse_toml_data

    hosts = public_hosts_of(parse_toml_data(data))
    return ProjectConfigFacts(path=path, kind=KIND_NAME, status=Status.OK, public_hosts=hosts or ())


def project_config(facts: Facts) -> ProjectConfigFacts | None:
    found = facts.files_of(KIND_NAME)
    file = found[0] if found else None
    return file if isinstance(file, ProjectConfigFacts) else None


KIND = FileKind(
    name=KIND_NAME, title="goenv-lsp.toml", where=Where.ROOT, names=("goenv-lsp.toml",), parse=_parse,
    facts_type=ProjectConfigFacts, editor=EditorHints(nvim_filetypes=("toml",), language_id="toml"),
)
