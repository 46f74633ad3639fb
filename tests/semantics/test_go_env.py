"""goenv_lsp.semantics.go_env: the GOENV file format and the precedence env > GOENV file > $GOROOT/go.env."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, env_file, env_file_of, go_binary, healthy

from goenv_lsp.facts import Status
from goenv_lsp.files.goenv_file import EnvFileEntry, parse_entries
from goenv_lsp.model import Location, Range
from goenv_lsp.semantics.go_env import entry_location, user_setting

GOENV = f"{HOME}/.config/go/env"
GO_ENV = "/usr/local/go1.27.3/go.env"


def test_parse_entries_keeps_values_verbatim() -> None:
    text = 'GOTOOLCHAIN="auto"\nGOPATH=/a b \nGOFLAGS=-mod=mod\r\nGOPRIVATE=a=b\n'
    assert parse_entries(text) == (
        EnvFileEntry("GOTOOLCHAIN", '"auto"', 0),
        EnvFileEntry("GOPATH", "/a b ", 1),
        EnvFileEntry("GOFLAGS", "-mod=mod\r", 2),  # a CRLF file keeps the \r
        EnvFileEntry("GOPRIVATE", "a=b", 3),  # split at the first "="
    )


def test_parse_entries_skips_lines_not_starting_with_a_capital() -> None:
    text = "# GOPATH=/x\n\ngopath=/x\n GOPATH=/x\nNOEQUALS\n_GO=1\n=x\nGOBIN=\n"
    assert parse_entries(text) == (EnvFileEntry("GOBIN", "", 7),)


def test_parse_entries_keeps_duplicates_in_order() -> None:
    entries = parse_entries("GOPATH=/a\nGOPATH=/b\n")
    assert [e.value for e in entries] == ["/a", "/b"]
    assert env_file_of(GOENV, Status.OK, entries).get("GOPATH") == EnvFileEntry("GOPATH", "/b", 1)


def test_entry_location_spans_the_line_without_a_carriage_return() -> None:
    facts = env_file_of(GOENV)
    assert entry_location(facts, EnvFileEntry("GOTOOLCHAIN", "auto\r", 3)) == Location(GOENV, Range.of(3, 0, 16))
    assert entry_location(facts, EnvFileEntry("GOPATH", "/home/dév/𝔤o", 0)) == Location(GOENV, Range.of(0, 0, 20))


def test_environment_wins() -> None:
    facts = healthy(env={"GOTOOLCHAIN": "local"}, user_env_file=env_file(GOENV, GOTOOLCHAIN="path"))
    setting = user_setting(facts, "GOTOOLCHAIN")
    assert (setting.value, setting.source, setting.location) == ("local", "environment", None)
    assert setting.describe_source == "the environment variable GOTOOLCHAIN"


def test_an_empty_environment_variable_counts_as_unset() -> None:
    facts = healthy(env={"GOTOOLCHAIN": ""}, user_env_file=env_file(GOENV, GOPATH="/p", GOTOOLCHAIN="path"))
    setting = user_setting(facts, "GOTOOLCHAIN")
    assert (setting.value, setting.source) == ("path", "GOENV file")
    assert setting.location == Location(GOENV, Range.of(1, 0, 16))
    assert setting.describe_source == f"GOENV file {GOENV}:2"


def test_the_last_duplicate_in_the_goenv_file_wins() -> None:
    user = env_file_of(GOENV, Status.OK, parse_entries("GOTOOLCHAIN=local\nGOTOOLCHAIN=path\n"))
    setting = user_setting(healthy(user_env_file=user), "GOTOOLCHAIN")
    assert setting.value == "path"
    assert setting.location == Location(GOENV, Range.of(1, 0, 16))


def test_goroot_go_env_is_the_last_layer() -> None:
    setting = user_setting(healthy(), "GOTOOLCHAIN")
    assert (setting.value, setting.source) == ("auto", "$GOROOT/go.env")
    assert setting.location == Location(GO_ENV, Range.of(2, 0, 16))
    assert setting.describe_source == f"$GOROOT/go.env {GO_ENV}:3"


def test_goenv_file_overrides_go_env() -> None:
    setting = user_setting(healthy(user_env_file=env_file(GOENV, GOTOOLCHAIN="local")), "GOTOOLCHAIN")
    assert (setting.value, setting.source) == ("local", "GOENV file")


def test_a_goroot_line_in_go_env_is_ignored() -> None:
    go_env = env_file(GO_ENV, GOROOT="/elsewhere", GOTOOLCHAIN="auto")
    setting = user_setting(healthy(goroot_env_file=go_env), "GOROOT")
    assert (setting.value, setting.source, setting.location) == ("", "unset", None)


def test_skipping_the_go_env_layer() -> None:
    go_env = env_file(GO_ENV, GOPATH="/from/go.env")
    assert user_setting(healthy(goroot_env_file=go_env), "GOPATH").value == "/from/go.env"
    assert user_setting(healthy(goroot_env_file=go_env), "GOPATH", goroot_layer=False).source == "unset"


def test_unset_everywhere() -> None:
    setting = user_setting(healthy(), "GOFLAGS")
    assert (setting.value, setting.source, setting.location) == ("", "unset", None)
    assert setting.describe_source == "unset"


def test_unreadable_or_missing_files_are_skipped() -> None:
    facts = healthy(user_env_file=env_file_of(GOENV, Status.UNREADABLE),
                    goroot_env_file=env_file_of(GO_ENV, Status.MISSING))
    assert user_setting(facts, "GOTOOLCHAIN").source == "unset"


def test_goenv_off_has_no_location() -> None:
    facts = healthy(user_env_file=None)  # GOENV=off: the kind was looked for, there is no file
    assert user_setting(facts, "GOTOOLCHAIN").source == "$GOROOT/go.env"


@pytest.mark.parametrize("unknown", [{"env": None}, {"user_env_file": None, "unknown": ("goenv",)}])
def test_unknown_facts_give_none(unknown: dict) -> None:
    assert user_setting(healthy(**unknown), "GOTOOLCHAIN") is None


def test_unknown_go_env_gives_none_only_when_it_would_decide() -> None:
    facts = healthy(goroot_env_file=None, unknown=("go.env",))
    assert user_setting(facts, "GOTOOLCHAIN") is None
    assert user_setting(healthy(goroot_env_file=None, unknown=("go.env",),
                                user_env_file=env_file(GOENV, GOTOOLCHAIN="local")), "GOTOOLCHAIN").value == "local"
    assert user_setting(facts, "GOROOT").source == "unset"  # go.env never decides GOROOT


@pytest.mark.realgo
def test_precedence_matches_the_real_go_env(go127: Path, go_env: testbed.EnvFactory, tmp_path: Path) -> None:
    """`go env` of the real go agrees: empty env var → GOENV file (last line wins) → go.env."""
    env = go_env([go127 / "bin"], GOTOOLCHAIN="", GOFLAGS="")
    goenv = testbed.write_goenv(env, GOFLAGS="-mod=mod", GOTOOLCHAIN="local")
    goenv.write_text(goenv.read_text() + "GOTOOLCHAIN=path\n")
    keys = ("GOTOOLCHAIN", "GOFLAGS", "GOPROXY", "GOSUMDB")
    out = subprocess.run([str(go127 / "bin/go"), "env", *keys], env=env,
                         capture_output=True, text=True, timeout=60, cwd=tmp_path).stdout.split("\n")
    user = env_file_of(str(goenv), Status.OK, parse_entries(goenv.read_text()))
    go_env_file = env_file_of(str(go127 / "go.env"), Status.OK, parse_entries((go127 / "go.env").read_text()))
    facts = healthy(env={"GOTOOLCHAIN": "", "GOFLAGS": "", "GOPROXY": "off"}, user_env_file=user,
                    goroot_env_file=go_env_file, go_binaries=(go_binary(root=str(go127)),))  # go.env: its GOROOT's
    assert out[:4] == [user_setting(facts, key).value for key in keys]
    assert out[:4] == ["path", "-mod=mod", "off", "sum.golang.org"]
