"""Targets beyond file kinds: goenv-lsp.toml, go command output, snapshots and serde decoding, build info."""

from __future__ import annotations

import importlib.util
import json
import zlib

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from goenv_lsp.config import Config, ConfigEditError, add_ignore, parse_toml
from goenv_lsp.facts import Facts, FileFacts, ProbeRun, Status
from goenv_lsp.inputs.snapshot import SnapshotError, dumps, loads
from goenv_lsp.model import Fix, Severity
from goenv_lsp.parsers.goenv_json import parse_env_json
from goenv_lsp.parsers.goversion import BuildInfo, parse_build_info, parse_go_version
from goenv_lsp.probe import login_shell
from goenv_lsp.serde import SchemaError, from_data, to_data

from .. import big, corpus
from ..checks import require, same
from ..jsontree import mutate_json
from . import Target

WHERE = "goenv-lsp.toml"
TOML_TOKENS = (
    b"[", b"]", b"[[", b"]]", b"{", b"}", b"=", b'"', b"'", b'"""', b"'''", b"\\u", b"\\U0010FFFF", b"\\", b"#", b".",
    b"select", b"ignore", b"severity", b"probe-timeout", b"probeTimeout", b"trusted", b"editor-settings",
    b"workspace", b"exclude", b"skip-dirs", b"max-modules", b"GE101", b"gopls-not-found", b'"off"', b"300", b"0",
    b"1979-05-27T07:32:00Z", b"inf", b"nan", b"-0x1f", b"1_000", b"a.b.c", b"true", b"\r\n", b"\n",
)
TOML_NESTING = ((b"[", b"]"), (b"{a=", b"}"), (b"a = [", b"]"), (b"[[a]]\n", b""), (b"x.", b""))
JSON_TOKENS = (
    b"{", b"}", b"[", b"]", b":", b",", b'"', b"\\u0000", b"\\ud800", b"\\\\", b"null", b"true", b"1e999", b"-0",
    b'"schema": 1', b'"schema": 2', b'"kind": "go.mod"', b'"kind": "vscode-settings"', b'"status": "malformed"',
    b'"range"', b'"files"', b'"env"', b'"GOROOT"', b'"GOTOOLCHAIN"', b"NaN", b"Infinity",
)
JSON_NESTING = ((b"[", b"]"), (b'{"a":', b"}"), (b'{"files":{"/x":', b"}}"))
VERSION_TOKENS = (
    b"go version ", b"go1.22.0", b"devel ", b"X:fieldtrack", b"linux/amd64", b"\t", b"path", b"mod", b"dep", b"build",
    b"=>", b": ", b"(devel)", b"\n", b"\r\n", b"-ldflags=", b"=", b"go: downloading ",
)


def run_config(data: bytes | str) -> object:
    assert isinstance(data, bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # load_workspace_file reports it: "cannot read"
        return None
    config, problems = parse_toml(text, WHERE, Config())
    require(isinstance(config, Config), f"parse_toml returned {type(config).__name__}")
    require(isinstance(problems, list) and all(isinstance(p, str) and p.startswith(WHERE) for p in problems),
            f"problems {problems!r}")
    require(all(isinstance(c, str) for c in (*config.select, *config.ignore)), "codes that are not strings")
    require(all(level is None or isinstance(level, Severity) for level in config.severity.values()), "severity")
    require(0 < config.probe_timeout <= 300, f"probe timeout {config.probe_timeout}")
    same(repr(parse_toml(text, WHERE, Config())), repr((config, problems)), "the config")
    return config, problems


def _toml(text: str) -> dict | None:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


def run_config_edit(data: bytes | str) -> object:
    """The quick fix `Ignore GE### in this workspace`: an edited file that still says what it said, and more."""
    assert isinstance(data, bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        edited = add_ignore(text, "GE101")
    except ConfigEditError as exc:
        require(str(exc), "an empty message")
        return None
    require(isinstance(edited, str), "the edit is not text")
    before = _toml(text) if text.strip() else {}
    if before is None:  # the editor's TOML parser accepted what the reader does not: nothing to compare
        return edited
    after = _toml(edited)
    require(after is not None, "the edited file does not parse")
    assert after is not None
    ignore = after.get("ignore")
    require(isinstance(ignore, list) and "GE101" in ignore, f"ignore is {ignore!r} after the edit")
    old = before.get("ignore")
    kept = [old] if isinstance(old, str) else old or []
    require(all(code in ignore for code in kept), "codes ignored before were lost")
    rest = ({k: v for k, v in d.items() if k != "ignore"} for d in (before, after))
    require(repr(next(rest)) == repr(next(rest)), "the edit changed other settings")
    return edited


def run_env_json(text: bytes | str) -> object:
    assert isinstance(text, str)
    env = parse_env_json(text)
    if env is None:
        return None
    require(isinstance(env, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items()),
            "not a map of strings")
    same(parse_env_json(text), env, "the variables")
    return env


def run_go_version(text: bytes | str) -> object:
    assert isinstance(text, str)
    parsed = parse_go_version(text)
    if parsed is not None:
        version, platform = parsed
        require(isinstance(version, str) and version and "\n" not in version, f"version {version!r}")
        require(isinstance(platform, str) and platform and not platform.isspace() and " " not in platform,
                f"platform {platform!r}")
    return parsed


def run_build_info_text(text: bytes | str) -> object:
    assert isinstance(text, str)
    info = parse_build_info(text)
    if info is not None:
        require(isinstance(info, BuildInfo) and info.go_version.startswith(("go", "devel")), f"{info!r}")
        require(all(isinstance(f, (str, type(None))) for f in (info.path, info.module_path, info.module_version)),
                "fields")
        require(all(isinstance(k, str) and isinstance(v, str) for k, v in info.settings), "settings")
    same(parse_build_info(text), info, "the build info")
    return info


def run_login_env(text: bytes | str) -> object:
    """What a login shell printed (the probe's marker, NAME=value pairs, noise): a result, only kept names."""
    assert isinstance(text, str)
    found = login_shell.read_run("/bin/bash", ProbeRun(("bash",), Status.OK, 0, text), {"GOTOOLCHAIN": "local"})
    require(found.status in (Status.OK, Status.FAILED), f"status {found.status}")
    require(all(login_shell.is_kept(k) and isinstance(v, str) for k, v in (found.env or {}).items()), "kept names")
    return found


def _login_seeds() -> tuple[bytes, ...]:
    mark = f"\0{login_shell.MARKER}\0".encode()
    return (b"Welcome\n" + mark + b"PATH=/usr/bin:/bin\0GOPATH=/home/dev/go\0GOFLAGS=-mod=mod\n-x\0",
            mark + b"GOTOOLCHAIN=local\0GITHUB_TOKEN=ghp_x\0", b"no marker", mark * 2 + b"GOROOT=/usr/local/go\0")


def _login_big(n: int) -> bytes:
    return f"\0{login_shell.MARKER}\0".encode() + b"".join(b"GOX%d=/some/value\0" % i for i in range(n))


def run_snapshot(text: bytes | str) -> object:
    """A pasted report: facts, or a SnapshotError saying what is wrong, never anything else."""
    assert isinstance(text, str)
    try:
        facts = loads(text, "report.json")
    except SnapshotError as exc:
        require(str(exc).startswith("report.json: ") and "Traceback" not in str(exc), f"message {exc}")
        return None
    require(isinstance(facts, Facts), f"loads returned {type(facts).__name__}")
    written = dumps(facts)  # what `goenv-lsp facts` would write of them
    same(dumps(loads(written, "again")), written, "the snapshot written and read again")
    return facts


_HINTS = (Facts, FileFacts, Fix)


def run_serde(data: bytes | str) -> object:
    """from_data on any JSON: an instance of the type asked for, or a SchemaError."""
    assert isinstance(data, bytes)
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):  # not JSON: that is the snapshot reader's case
        return None
    hint = _HINTS[zlib.crc32(data) % len(_HINTS)]
    try:
        built = from_data(hint, value)
    except SchemaError as exc:
        require(str(exc).startswith("$"), f"message {exc}")
        return None
    require(isinstance(built, hint), f"from_data({hint.__name__}) returned {type(built).__name__}")
    out = json.dumps(to_data(built), sort_keys=True)
    same(json.dumps(to_data(from_data(hint, json.loads(out))), sort_keys=True), out, "the value read back")
    return built


def _fix_seeds() -> tuple[bytes, ...]:
    from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Range, TextEdit

    fixes = (
        Fix("Set go 1.22.0", Applicability.SAFE, (TextEdit("/work/app/go.mod", Range.of(2, 3, 9), "1.22.0"),)),
        Fix("go env -u GOROOT", Applicability.UNSAFE, command=CommandSpec(
            CommandKind.GO_ENV_WRITE, ("go", "env", "-u", "GOROOT"), "/work/app", {"GOTOOLCHAIN": "local"})),
    )
    return tuple(json.dumps(to_data(f)).encode() for f in fixes)


def _serde_seeds() -> tuple[bytes, ...]:
    return (*corpus.snapshot_seeds(), *_fix_seeds())


def targets() -> list[Target]:
    found = [
        Target("config-toml", run_config, corpus.toml_seeds, TOML_TOKENS, TOML_NESTING, big=big.toml,
               call=lambda data: parse_toml(data.decode(), WHERE, Config())),  # type: ignore[union-attr]
        Target("config-edit", run_config_edit, corpus.toml_seeds, TOML_TOKENS, TOML_NESTING, big=big.toml,
               call=lambda data: add_ignore(data.decode(), "GE101")),  # type: ignore[union-attr]
        Target("go-env-json", run_env_json, lambda: corpus.captured("go-env-*.json"), JSON_TOKENS, JSON_NESTING,
               text=True, structured=mutate_json, big=big.env_json, call=parse_env_json),  # type: ignore[arg-type]
        Target("go-version", run_go_version, lambda: corpus.captured("go-version*.txt"), VERSION_TOKENS, text=True,
               big=big.go_version, call=parse_go_version),  # type: ignore[arg-type]
        Target("go-version-m", run_build_info_text, lambda: corpus.captured("go-version-m-*.txt"), VERSION_TOKENS,
               text=True, big=big.go_version_m, call=parse_build_info),  # type: ignore[arg-type]
        Target("login-shell-env", run_login_env, _login_seeds, (b"\0", b"=", b"PATH", b"GO", b"CGO_", b"\n"),
               text=True, big=_login_big, call=lambda text: login_shell.read_run(  # type: ignore[arg-type]
                   "/bin/bash", ProbeRun(("bash",), Status.OK, 0, text), {})),
        Target("snapshot", run_snapshot, corpus.snapshot_seeds, JSON_TOKENS, JSON_NESTING, text=True,
               structured=mutate_json, big=big.snapshot, call=loads),  # type: ignore[arg-type]
        Target("serde", run_serde, _serde_seeds, JSON_TOKENS, JSON_NESTING, structured=mutate_json,
               big=big.snapshot, call=lambda data: from_data(Facts, json.loads(data))),
    ]
    from . import triage

    found.append(triage.target())
    if importlib.util.find_spec("goenv_lsp.parsers.buildinfo") is not None:
        from . import buildinfo

        found.append(buildinfo.target())
    return found

