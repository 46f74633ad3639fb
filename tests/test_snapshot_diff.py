"""`goenv-lsp snapshot` (facts and provenance in one file, redacted for sharing) and `goenv-lsp diff` (drift
between two snapshots): on recorded facts, and on snapshots of real toolchains' machines."""

from __future__ import annotations

import dataclasses
import json
import socket
import subprocess
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed
from test_env_command import goenv_lsp

from goenv_lsp.facts import GoBinDir, GoTool
from goenv_lsp.inputs.snapshot import loads
from goenv_lsp.model import Severity
from goenv_lsp.redact import GENERIC_ACCOUNTS, identity_replacements, private_module_names, replace_names
from goenv_lsp.report import drift

# -- redaction of who, where, and private module hosts ------------------------------------------------------


def test_private_module_names_are_numbered_in_sorted_order() -> None:
    names = private_module_names(["*.corp.example,github.com/acme/*", "git.other.example,corp-*", "corp.example"])
    assert names == {"corp.example": "<host-1>", "git.other.example": "<host-2>",
                     "github.com/acme": "github.com/<org-1>", "corp-*": "<private-1>"}
    assert private_module_names(["git.other.example,*.corp.example,github.com/acme/*,corp-*"]) == names


def test_names_are_replaced_as_whole_words_and_host_suffixes() -> None:
    private = private_module_names(["corp.example,github.com/acme"])
    data = {"/home/x/go.mod": "require git.corp.example/lib v1.0.0 // my-corp.example corp.example.org",
            "GOPROXY": "https://proxy.corp.example,direct", "mod": "github.com/acme/x github.com/acmeco/y"}
    assert replace_names(data, private) == {
        "/home/x/go.mod": "require git.<host-1>/lib v1.0.0 // my-corp.example corp.example.org",
        "GOPROXY": "https://proxy.<host-1>,direct", "mod": "github.com/<org-1>/x github.com/acmeco/y"}
    identity = identity_replacements({"alice"}, {"laptop-7.lan"})
    data = {"/home/x/alice/go.mod": "malice", "USER": "bob", "path": "/builds/laptop-7/ws-alice-2"}
    assert replace_names(data, identity, within_hosts=False) == {
        "/home/x/<user>/go.mod": "malice", "USER": "<user>", "path": "/builds/<host>/ws-<user>-2"}


def test_generic_and_short_account_names_are_left_alone() -> None:
    assert identity_replacements({"root", "runner", "go", "al"}, {"localhost"}) == {}
    assert {"root", "runner", "vscode"} <= GENERIC_ACCOUNTS


# -- drift on recorded facts ------------------------------------------------------------------------------

def names(differences: list[drift.Difference]) -> dict[str, drift.Difference]:
    return {d.name: d for d in differences}


def test_identical_machines_have_no_drift() -> None:
    assert drift.drift(fb.healthy(), fb.healthy()) == []
    assert drift.text([], "a.json", "b.json") == "No drift between A (a.json) and B (b.json).\n"


def test_home_and_defaults_do_not_count_as_drift() -> None:
    other_home = "/Users/someone"
    binary = fb.go_binary(GOPATH=f"{other_home}/go", GOMODCACHE=f"{other_home}/go/pkg/mod", GOBIN="",
                          GOENV=f"{other_home}/.config/go/env")
    b = dataclasses.replace(fb.healthy(go_binaries=(binary,)), home=other_home)
    a = fb.healthy(go_binaries=(fb.go_binary(GOBIN=f"{fb.HOME}/go/bin"),))  # Go 1.27 prints GOPATH/bin itself
    assert drift.drift(a, b) == []


def test_goflags_private_and_toolchain_drift_say_what_breaks() -> None:
    a = fb.healthy(go_binaries=(fb.go_binary("1.22.10", GOFLAGS="-mod=vendor", GOPRIVATE="git.corp.example"),),
                   env={"PATH": "/usr/bin", "GOFLAGS": "-mod=vendor", "GOPRIVATE": "git.corp.example"})
    b = fb.healthy(go_binaries=(fb.go_binary("1.27.3", GOFLAGS="", GOPRIVATE=""),))
    found = names(drift.drift(a, b))
    assert found["Go version"].severity is Severity.WARNING and "Go 1.22 on A, 1.27 on B" in found["Go version"].message
    assert found["GOFLAGS"].message == ("GOFLAGS=-mod=vendor on A only: builds use vendor/ and ignore go.mod changes "
                                        "that B sees")
    assert found["GOPRIVATE"].message.startswith("B fetches git.corp.example through the proxy")
    assert found["GOROOT"].severity is Severity.INFO
    markdown = drift.markdown(drift.drift(a, b), "dev.json", "ci.json")
    assert "| severity | what | A: `dev.json` | B: `ci.json` | what it breaks |" in markdown
    assert "| warning | Go version | `go1.22.10` | `go1.27.3` |" in markdown


def test_patch_releases_gopls_tools_and_editor_settings() -> None:
    tool = GoTool("stringer", f"{fb.HOME}/go/bin/stringer", f"{fb.HOME}/go/bin/stringer",
                  "golang.org/x/tools/cmd/stringer", "v0.20.0", "go1.22.1")
    bins = (GoBinDir(f"{fb.HOME}/go/bin", "GOPATH", "dir", (tool,)),)
    newer_tool = dataclasses.replace(tool, module_version="v0.30.0")
    a = fb.healthy(go_binaries=(fb.go_binary("1.27.1"),), gopls=(fb.gopls(version="v0.20.0"),), go_bin_dirs=bins,
                   generators=(tool,), vscode=fb.settings(go_toolsEnvVars_GOFLAGS="-tags=e2e"))
    b = fb.healthy(go_bin_dirs=(dataclasses.replace(bins[0], tools=(newer_tool,)),), generators=(),
                   gopls=(fb.gopls(built_with="go1.19.5"),))
    found = names(drift.drift(a, b))
    assert found["Go version"].severity is Severity.INFO
    assert found["gopls version"].a == "v0.20.0" and found["gopls built with"].b == "go1.19.5"
    generator = found["stringer (go generate)"]
    assert generator.severity is Severity.WARNING and "B does not have" in generator.message
    assert found["stringer"].severity is Severity.INFO and found["stringer"].b.startswith("v0.30.0")
    assert found["go.toolsEnvVars.GOFLAGS"].b == "(unset)"
    ranks = [d.severity.rank for d in drift.drift(a, b)]
    assert ranks == sorted(ranks, reverse=True)  # the most severe first


def test_a_missing_go_is_an_error_and_unknown_facts_say_nothing() -> None:
    found = drift.drift(fb.healthy(), fb.healthy(go_binaries=()))
    assert [(d.severity, d.b) for d in found] == [(Severity.ERROR, "(none)")]
    unknown = dataclasses.replace(fb.healthy(), go_binaries=None, gopls=None)
    assert drift.drift(fb.healthy(), unknown) == []


def test_gopls_only_on_one_side_is_information() -> None:
    found = names(drift.drift(fb.healthy(), fb.healthy(gopls=())))
    assert found["gopls"].severity is Severity.INFO and "a CI machine needs none" in found["gopls"].message


# -- real machines ------------------------------------------------------------------------------------------

def machine(tmp_path: Path, version: str, workspace: Path, **goenv: str) -> dict[str, str]:
    """A home for the real go ``version`` whose GOENV file `go env -w` wrote."""
    go_bin = testbed.go_root(version) / "bin"
    env = testbed.isolated_env(tmp_path / version, [go_bin], GOPROXY=None, GOENV=None, GOMODCACHE=None,
                               GOPATH=None)
    written = subprocess.run([str(go_bin / "go"), "env", "-w", *(f"{k}={v}" for k, v in goenv.items())], env=env,
                             capture_output=True, text=True, timeout=60)
    assert written.returncode == 0, written.stderr
    workspace.mkdir(parents=True)
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.22\n\nrequire git.corp.example/lib v1.0.0\n"
                                      "require github.com/acme/tool v1.2.0\n")
    return env


SECRETS = ("hunter22", "ghp_0123456789abcdefghijABCDEFGHIJ0123", "glpat-abcdefghijklmnop1234",
           "sk_live_abcdefghijklmnop1234", "MIIEowIBAAKCAQEA1234", "c0ffee-helper-secret")


@pytest.fixture(name="shared")
def shared_fixture(tmp_path: Path):
    """A developer machine with secrets, a user name and the host name in its files and paths."""
    host = socket.gethostname()
    ws = tmp_path / f"src-zorblax-{host}" / "app"
    env = machine(tmp_path, "1.22.10", ws, GOPRIVATE="*.corp.example,github.com/acme",
                  GOPROXY=f"https://ci:{SECRETS[0]}@proxy.corp.example/go,direct")
    env.update(USER="zorblax", GOFLAGS=f"-ldflags=-X=main.apiKey={SECRETS[3]}",
               GOAUTH=f"command /opt/cred-helper --password={SECRETS[5]}")
    home = Path(env["HOME"])
    (home / ".bashrc").write_text(f"export GITHUB_TOKEN={SECRETS[1]}\nexport DEPLOY_KEY='-----BEGIN RSA PRIVATE "
                                  f"KEY-----\n{SECRETS[4]}\n-----END RSA PRIVATE KEY-----'\n")
    (ws / ".vscode").mkdir()
    (ws / ".vscode/settings.json").write_text(json.dumps({"go.toolsEnvVars": {
        "GONOSUMDB": "git.corp.example", "GOFLAGS": f"-ldflags=-X=main.token={SECRETS[2]}"}}))
    return ws, env, host


def test_redacted_snapshot_hides_secrets_home_user_host_and_private_hosts(shared, tmp_path: Path) -> None:
    ws, env, host = shared
    out = tmp_path / "dev.json"
    proc = goenv_lsp(["snapshot", "--redact", "--redact-private-hosts", "-o", str(out)], ws, env)
    assert proc.returncode == 0 and proc.stdout == "", proc.stderr
    text = out.read_text()
    for secret in SECRETS:
        assert secret not in text
    assert env["HOME"] not in text and str(tmp_path) in text  # the home is ~, the workspace outside it stays
    assert "zorblax" not in text and "<user>" in text
    if len(host) >= 3 and host.lower() not in GENERIC_ACCOUNTS:
        assert host not in text and "<host>" in text
    assert "corp.example" not in text and "acme" not in text
    data = json.loads(text)
    variables = {v["name"]: v for v in data["environment"]["variables"]}
    assert variables["GOPRIVATE"]["value"] == "*.<host-1>,github.com/<org-1>"
    assert variables["GOPROXY"]["value"] == "https://<redacted>@proxy.<host-1>/go,direct"
    assert variables["GOPROXY"]["file"] == "~/.config/go/env"
    assert data["home"] == "~"

    # it is still facts: check evaluates it, and a second snapshot of the same machine gives the same placeholders
    checked = goenv_lsp(["check", "--facts", str(out), "--format", "json", "--fail-on", "never"], ws, env)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["root"] is not None
    loads(text)
    again = tmp_path / "dev2.json"
    assert goenv_lsp(["snapshot", "--redact", "--redact-private-hosts", "-o", str(again)], ws, env).returncode == 0
    assert json.loads(again.read_text())["environment"] == data["environment"]
    same = goenv_lsp(["diff", str(out), str(again)], ws, env)
    assert (same.returncode, same.stdout.startswith("No drift")) == (0, True), same.stdout


def test_plain_snapshot_keeps_names_but_hides_secrets(shared, tmp_path: Path) -> None:
    ws, env, _ = shared
    proc = goenv_lsp(["snapshot"], ws, env)
    assert proc.returncode == 0, proc.stderr
    for secret in SECRETS:
        assert secret not in proc.stdout
    assert "corp.example" in proc.stdout and env["HOME"] not in proc.stdout  # home as ~ unless --show-home
    assert json.loads(proc.stdout)["environment"]["go"]["version"] == "go1.22.10"


def test_two_real_toolchains_give_a_drift_table(tmp_path: Path) -> None:
    dev = machine(tmp_path, "1.22.10", tmp_path / "dev/app", GOPROXY="https://proxy.corp.example/go,direct")
    ci = machine(tmp_path, "1.27.3", tmp_path / "ci/app", GOPROXY="https://goproxy.example.org,direct",
                 GOFLAGS="-mod=mod")
    for name, env in (("dev", dev), ("ci", ci)):
        proc = goenv_lsp(["snapshot", "--redact", "-o", str(tmp_path / f"{name}.json")], tmp_path / name / "app", env)
        assert proc.returncode == 0, proc.stderr
    a, b = str(tmp_path / "dev.json"), str(tmp_path / "ci.json")
    table = goenv_lsp(["diff", a, b, "--format", "markdown"], tmp_path, dev)
    assert table.returncode == 1, table.stderr  # warnings, and --fail-on defaults to warning
    rows = table.stdout.splitlines()
    assert rows[2] == "| severity | what | A: `dev.json` | B: `ci.json` | what it breaks |"
    go_row = "| warning | Go version | `go1.22.10` | `go1.27.3` | Go 1.22 on A, 1.27 on B"
    assert any(r.startswith(go_row) for r in rows)
    assert any(r.startswith("| warning | GOPROXY | `https://proxy.corp.example/go,direct` | "
                            "`https://goproxy.example.org,direct` |") for r in rows)
    assert any(r.startswith("| warning | GOFLAGS | (empty) | `-mod=mod` | GOFLAGS=-mod=mod on B only") for r in rows)
    assert not any("GOPATH" in r or "GOMODCACHE" in r for r in rows)  # both ~/go: the same

    data = json.loads(goenv_lsp(["diff", a, b, "--format", "json"], tmp_path, dev).stdout)
    assert data["summary"]["warning"] >= 3 and {"Go version", "GOPROXY", "GOFLAGS"} <= {
        d["name"] for d in data["differences"]}
    goproxy = next(d for d in data["differences"] if d["name"] == "GOPROXY")
    assert goproxy["a_from"].startswith("GOENV file ~/.config/go/env:") and goproxy["b_from"].startswith("GOENV file")
    assert goenv_lsp(["diff", a, b, "--fail-on", "error"], tmp_path, dev).returncode == 0
    text = goenv_lsp(["diff", a, b], tmp_path, dev).stdout
    assert text.startswith("Drift between A (dev.json) and B (ci.json):") and "warning  GOPROXY:" in text


def test_diff_of_something_else_is_a_usage_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\xff\xfe not json")
    env = {"PATH": str(testbed.host_bin()), "HOME": str(tmp_path)}
    proc = goenv_lsp(["diff", str(junk), str(junk)], tmp_path, env)
    assert proc.returncode == 2 and "cannot read facts" in proc.stderr and "Traceback" not in proc.stderr
    proc = goenv_lsp(["diff", str(tmp_path / "missing.json"), str(junk)], tmp_path, env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_snapshot_usage_errors(tmp_path: Path) -> None:
    env = {"PATH": str(testbed.host_bin()), "HOME": str(tmp_path)}
    proc = goenv_lsp(["snapshot", "-o", str(tmp_path / "no/such/dir/out.json")], tmp_path, env)
    assert proc.returncode == 2 and "cannot write" in proc.stderr and "Traceback" not in proc.stderr
    proc = goenv_lsp(["snapshot", "--redact", "--show-home"], tmp_path, env)
    assert proc.returncode == 2 and "contradict" in proc.stderr


def test_windows_and_posix_homes_compare_as_the_same_place() -> None:
    home = "C:\\Users\\someone"
    binary = fb.go_binary(GOPATH=f"{home}\\go", GOMODCACHE=f"{home}\\go\\pkg\\mod", GOENV=f"{home}\\.config\\go\\env",
                          GOBIN="")
    windows = dataclasses.replace(fb.healthy(go_binaries=(binary,)), home=home, os="windows", path_flavor=None)
    found = names(drift.drift(fb.healthy(go_binaries=(fb.go_binary(GOBIN=""),)), windows))
    assert not {"GOPATH", "GOMODCACHE", "GOENV", "GOBIN"} & set(found)
    assert "GOOS" not in found and found["OS"].b == "windows"  # no GOOS variable recorded: the machine row says it


def test_diff_reads_saved_facts_and_exits_like_check(tmp_path: Path) -> None:
    from goenv_lsp.inputs.snapshot import dumps

    local = fb.env_file(GOTOOLCHAIN="local")
    a, b, same = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "same.json"
    a.write_text(dumps(fb.healthy()))
    same.write_text(dumps(fb.healthy()))
    b.write_text(dumps(fb.healthy(user_env_file=local)))
    env = {"PATH": str(testbed.host_bin()), "HOME": str(tmp_path)}
    proc = goenv_lsp(["diff", str(a), str(b), "--format", "json"], tmp_path, env)
    assert proc.returncode == 1, proc.stderr
    (found,) = json.loads(proc.stdout)["differences"]
    assert (found["name"], found["a"], found["b"]) == ("GOTOOLCHAIN", "auto", "local")
    assert found["message"].startswith("B never switches toolchains (GOTOOLCHAIN=local)")
    assert found["b_from"] == "GOENV file ~/.config/go/env:1"
    assert goenv_lsp(["diff", str(a), str(b), "--fail-on", "never"], tmp_path, env).returncode == 0
    assert goenv_lsp(["diff", str(a), str(same), "--fail-on", "info"], tmp_path, env).returncode == 0
