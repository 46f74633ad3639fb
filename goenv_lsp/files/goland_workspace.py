""".idea/workspace.xml of GoLand / IntelliJ with the Go plugin: the project GOROOT (the SDK it builds with) and
the Go modules integration switch."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, FileProblem, Spanned, Status
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where, decode_failed
from goenv_lsp.model import Range
from goenv_lsp.text import LineIndex, decode_text

KIND_NAME = "goland-workspace"


@dataclass(frozen=True)
class GolandWorkspaceFacts(FileFacts):
    goroot: Spanned | None = None  # expanded to a local path; the range holds the quoted attribute value
    goroot_raw: str | None = None  # as written: a file:// url, maybe with $USER_HOME$ / $PROJECT_DIR$
    modules_integration: Spanned | None = None  # VgoProject's <integration-enabled> text ("true"/"false")


def parse_goland_workspace(data: bytes, path: str, ctx: ParseContext) -> GolandWorkspaceFacts:
    from goenv_lsp.files._goland_xml import local_path, read_project  # its regexes are slow to compile

    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, KIND_NAME, error, GolandWorkspaceFacts)  # type: ignore[arg-type,return-value]
    lines = LineIndex(text)
    settings, problem = read_project(text)
    if problem is not None or settings is None:
        message, offset = problem or ("", 0)
        position = lines.position(min(offset, len(text)))
        return GolandWorkspaceFacts(path=path, kind=KIND_NAME, status=Status.MALFORMED,
                                    problems=(FileProblem(message, Range(position, position)),))
    found = settings.modules_integration
    integration = Spanned(found.raw, lines.range(found.start, found.end)) if found is not None else None
    goroot = settings.goroot
    if goroot is None:
        return GolandWorkspaceFacts(path=path, kind=KIND_NAME, modules_integration=integration)
    value = local_path(goroot.raw, ctx.root, ctx.home)
    return GolandWorkspaceFacts(path=path, kind=KIND_NAME, goroot=Spanned(value, lines.range(goroot.start, goroot.end)),
                                goroot_raw=goroot.raw, modules_integration=integration)


def goland_workspace(facts: Facts) -> GolandWorkspaceFacts | None:
    if not facts.root:
        return None
    found = facts.file(facts.paths.join(facts.root, ".idea", "workspace.xml"))
    return found if isinstance(found, GolandWorkspaceFacts) else None


KIND = FileKind(
    name=KIND_NAME, title=".idea/workspace.xml", where=Where.ROOT, names=(".idea/workspace.xml",),
    parse=parse_goland_workspace, facts_type=GolandWorkspaceFacts,
    editor=EditorHints(nvim_filetypes=("xml",), language_id="xml"),
)
