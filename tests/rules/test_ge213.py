"""GE213 legacy-dependency-manager: a dep/glide/godep project without go.mod, in module mode."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import testbed
from factsbuilder import ROOT, go_binary, healthy
from realgo import facts_of, go

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules.ge2_modules.ge213_legacy_dependency_manager import check as GE213
from goenv_lsp.semantics.legacy_deps import LEGACY_FILES

NOT_FOUND = "go: go.mod file not found in current directory or any parent directory; see 'go help modules'"


def legacy(*present: str, **changes):
    """Facts of /work/app with these legacy files at the root (the others known absent)."""
    facts = healthy(**{"go_mod": None, **changes})
    info = {f"{ROOT}/{name}": PathInfo("file" if name in present else "missing") for name in LEGACY_FILES}
    return dataclasses.replace(facts, path_info={**facts.path_info, **info})


def test_gopkg_lock_without_go_mod() -> None:
    [finding] = evaluate(legacy("Gopkg.lock", "Gopkg.toml"), rules=[GE213])
    assert (finding.severity, finding.location) == (Severity.WARNING, Location(f"{ROOT}/Gopkg.lock"))
    assert f"`{NOT_FOUND}`" in finding.message
    assert "`go mod init` no longer converts Gopkg.lock (since Go 1.22" in finding.message
    assert [r.location.path for r in finding.related] == [f"{ROOT}/Gopkg.toml"]


def test_go_1_21_still_converts() -> None:
    [finding] = evaluate(legacy("glide.lock", go_binaries=(go_binary("1.21.13"),)), rules=[GE213])
    assert "`go mod init` (Go 1.21.13) still converts glide.lock into go.mod requirements" in finding.message


@pytest.mark.parametrize("go111module", ["off", "auto"])
def test_gopath_mode_is_quiet(go111module: str) -> None:
    facts = legacy("Gopkg.lock")
    facts = dataclasses.replace(facts, env={**facts.env, "GO111MODULE": go111module})
    assert evaluate(facts, rules=[GE213]) == []


def test_quiet_with_a_go_mod_without_legacy_files_or_unknown() -> None:
    assert evaluate(dataclasses.replace(legacy("Gopkg.lock"), go_binaries=healthy().go_binaries,
                                        files=healthy().files, modules=healthy().modules), rules=[GE213]) == []
    assert evaluate(legacy(), rules=[GE213]) == []
    assert evaluate(healthy(go_mod=None), rules=[GE213]) == []  # never looked for


@pytest.mark.realgo
@pytest.mark.parametrize("version", ["1.22.10", "1.27.3"])
def test_real_dep_project(tmp_path: Path, version: str) -> None:
    """Real go: the error the rule quotes; `go mod init` writes no requirement from Gopkg.lock; then quiet."""
    root = tmp_path / "app"
    (root / "vendor").mkdir(parents=True)
    (root / "Gopkg.toml").write_text('[[constraint]]\n  name = "github.com/pkg/errors"\n  version = "0.8.0"\n')
    (root / "Gopkg.lock").write_text('[[projects]]\n  name = "github.com/pkg/errors"\n  packages = ["."]\n'
                                     '  revision = "645ef00459ed84a119197bfb8d8205042c6df63d"\n'
                                     '  version = "v0.8.0"\n')
    (root / "main.go").write_text("package main\n\nfunc main() {}\n")
    go_bin = testbed.go_root(version) / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin])
    assert go(go_bin, ["build", "."], root, env).stderr.strip() == NOT_FOUND
    [finding] = evaluate(facts_of(root, env), rules=[GE213])
    assert finding.location.path == str(root / "Gopkg.lock") and f"`{NOT_FOUND}`" in finding.message
    assert go(go_bin, ["build", "."], root, env, GO111MODULE="off").returncode == 0  # GOPATH mode: quiet
    assert evaluate(facts_of(root, {**env, "GO111MODULE": "off"}), rules=[GE213]) == []
    assert go(go_bin, ["mod", "init", "example.com/app"], root, env).returncode == 0
    assert "require" not in (root / "go.mod").read_text()  # modconv is gone: nothing taken from Gopkg.lock
    assert evaluate(facts_of(root, env), rules=[GE213]) == []
