"""GE209 go-dir-not-writable: GOCACHE, GOMODCACHE or the go install directory this user cannot write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import unprivileged
from factsbuilder import HOME, env_file, go_binary, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.ge2_modules.ge209_go_dir_not_writable import check as GE209

CACHE = f"{HOME}/.cache/go-build"
MODCACHE = f"{HOME}/go/pkg/mod"


def run(facts):
    return evaluate(facts, rules=[GE209])


def dirs(**kinds: PathInfo) -> dict[str, PathInfo]:
    base = {HOME: PathInfo("dir", mode=0o755, writable=True), f"{HOME}/go": PathInfo("dir", writable=True),
            f"{HOME}/go/bin": PathInfo("dir", writable=True), MODCACHE: PathInfo("dir", writable=True),
            f"{HOME}/.cache": PathInfo("dir", writable=True), CACHE: PathInfo("dir", writable=True)}
    return {**base, **{k.replace("__", "/"): v for k, v in kinds.items()}}


def with_dirs(info: dict[str, PathInfo], **env: str):
    go = go_binary(**{"GOCACHE": CACHE, "GOMODCACHE": MODCACHE, "GOBIN": "", **env})
    return healthy(go_binaries=(go,), path_info=info)


def test_a_root_owned_build_cache_is_an_error() -> None:
    info = dirs()
    info[CACHE] = PathInfo("dir", mode=0o755, writable=False)
    [finding] = run(with_dirs(info))
    assert (finding.code, finding.severity) == ("GE209", Severity.ERROR)
    assert finding.message == (
        f"{CACHE} is not writable by this user (mode 0755): builds fail (GOCACHE {CACHE}) with `failed to initialize "
        f"build cache at {CACHE}: mkdir {CACHE}/00: permission denied`; `sudo go …` leaves it so: run "
        f"`sudo chown -R \"$(id -un)\" {CACHE}`")


def test_one_finding_for_a_root_owned_gopath() -> None:
    info = dirs()
    info[f"{HOME}/go"] = PathInfo("dir", mode=0o755, writable=False)
    info[f"{HOME}/go/bin"] = info[MODCACHE] = info[f"{HOME}/go/pkg"] = PathInfo("missing")
    [finding] = run(with_dirs(info))
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith(f"{HOME}/go is not writable by this user (mode 0755): module downloads fail "
                                      f"(GOMODCACHE {MODCACHE}) with `go: could not create module cache: mkdir "
                                      f"{HOME}/go/pkg: permission denied`; go install fails (GOPATH/bin "
                                      f"{HOME}/go/bin) with `go install …: mkdir {HOME}/go/bin/: permission denied`")


def test_gobin_from_the_goenv_file_sits_on_its_line() -> None:
    info = {**dirs(), "/usr/local/bin": PathInfo("dir", mode=0o755, writable=False)}
    facts = with_dirs(info, GOBIN="/usr/local/bin")
    facts = healthy(go_binaries=facts.go_binaries, path_info=info,
                    user_env_file=env_file(GOBIN="/usr/local/bin"))
    [finding] = run(facts)
    assert finding.location == Location(f"{HOME}/.config/go/env", Range.of(0, 0, 20))
    assert finding.message.endswith("; point GOBIN at a directory of yours")


@pytest.mark.parametrize("writable", [True, None])
def test_writable_or_unknown_is_quiet(writable: bool | None) -> None:
    info = dirs()
    info[CACHE] = PathInfo("dir", writable=writable)
    assert run(with_dirs(info)) == []


def test_missing_directories_go_can_create_are_quiet() -> None:
    info = dirs()
    info[CACHE] = PathInfo("missing")
    assert run(with_dirs(info)) == []


def test_a_missing_ancestor_not_collected_is_unknown() -> None:
    assert run(with_dirs({CACHE: PathInfo("missing")})) == []


# --- real toolchains, run as another user than the directories' owner


@pytest.mark.realgo
@pytest.mark.skipif(not unprivileged.available(), reason="needs root and setpriv to run as nobody")
def test_real_root_owned_caches(go127: Path) -> None:
    with unprivileged.nobody_module(go127 / "bin") as (_shared, env, home, workspace):
        for root_owned in (Path(env["GOCACHE"]), home / "go"):  # as `sudo go install` with HOME kept leaves them
            root_owned.mkdir(parents=True)
        built = unprivileged.run(["go", "build", "-o", os.devnull, "."], env, workspace)
        cache = env["GOCACHE"]
        assert (built.returncode, built.stderr) == (
            1, f"failed to initialize build cache at {cache}: mkdir {cache}/00: permission denied\n")
        downloaded = unprivileged.run(["go", "mod", "download"], {**env, "GOFLAGS": "-mod=mod"}, workspace)
        assert downloaded.returncode == 0  # nothing to download: the module cache is not touched
        _, report = unprivileged.check(workspace, env)
        found = {f["message"].split(" is not writable")[0]: f for f in report["findings"] if f["code"] == "GE209"}
        assert set(found) == {"~/.cache/go-build", "~/go"}
        assert found["~/.cache/go-build"]["severity"] == "error"
        assert ("`failed to initialize build cache at ~/.cache/go-build: mkdir ~/.cache/go-build/00: permission "
                "denied`") in found["~/.cache/go-build"]["message"]
        assert "`go: writing go.mod cache: mkdir ~/go/pkg/mod/cache" not in found["~/go"]["message"]
        assert "`go: could not create module cache: mkdir ~/go/pkg: permission denied`" in found["~/go"]["message"]
