"""GOPROXY and GOSUMDB parsing, and the go command's own words for what it rejects (checked with go 1.27.3)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed

from goenv_lsp.facts import PathFlavor
from goenv_lsp.facts.paths import ops
from goenv_lsp.semantics.proxy import EMPTY_LIST, keyword_typo, parse_goproxy, parse_gosumdb

POSIX, WINDOWS = ops(PathFlavor.POSIX), ops(PathFlavor.WINDOWS)


def test_entries_separators_and_the_end_of_the_list() -> None:
    parsed = parse_goproxy("https://a.example|proxy.golang.org , direct,https://never.example", POSIX)
    assert [(e.url, e.fall_back_on_error, e.reached) for e in parsed.entries] == [
        ("https://a.example", True, True), ("https://proxy.golang.org", False, True), ("direct", False, True),
        ("https://never.example", False, False)]
    assert parsed.error is None and parsed.has_direct and parsed.used[1].public
    assert [e.written for e in parse_goproxy("off,direct", POSIX).unreached] == ["direct"]


@pytest.mark.parametrize(("value", "error"), [
    ("", EMPTY_LIST), (",", EMPTY_LIST), (" ", EMPTY_LIST),
    ("Direct", "invalid proxy URL missing scheme: Direct"),
    ("goproxy", "invalid proxy URL missing scheme: goproxy"),
    ("ftp://x.y", "invalid proxy URL scheme (must be https, http, file): ftp://x.y"),
    ("/srv/proxy", "invalid proxy URL missing scheme: /srv/proxy"),
    ("file://host/x", "invalid file:// proxy URL with non-path elements: file://host/x"),
    ("https://exa mple.com", 'parse "https://exa mple.com": invalid character " " in host name'),
    ("direct/", None), ("file:///srv/proxy", None), ("off", None), ("direct,Direct", None),
])
def test_errors(value: str, error: str | None) -> None:
    assert parse_goproxy(value, POSIX).error == error


def test_windows_absolute_path_is_not_made_a_url() -> None:
    error = parse_goproxy("C:\\proxy", WINDOWS).error
    assert error == "invalid proxy URL scheme (must be https, http, file): C:\\proxy"
    assert parse_goproxy("file:///C:/proxy", WINDOWS).error is None


def test_keyword_typos() -> None:
    typos = [keyword_typo(e) for e in parse_goproxy('direct/,Direct,"off",https://direct,OFF,direct', POSIX).entries]
    assert typos == ["direct", "direct", "off", "direct", "off", None]


@pytest.mark.parametrize(("value", "name", "error"), [
    ("sum.golang.org", "sum.golang.org", None),
    ("sum.golang.google.cn", "sum.golang.org", None),
    ("sum.golang.org https://sum.golang.google.cn", "sum.golang.org", None),
    ("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "sum.golang.org", None),
    ("", "", "missing GOSUMDB"),
    ("a b c", "", "invalid GOSUMDB: too many fields"),
    ("sum.golang.org+https://sum.example.com", "", "invalid GOSUMDB: malformed verifier id"),
    ("sum.corp.com", "", "invalid GOSUMDB: malformed verifier id"),
    ("sum.golang.google.cn https://127.0.0.1:1", "", "invalid GOSUMDB: malformed verifier id"),
    ("sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "",
     "invalid GOSUMDB: invalid verifier hash"),
])
def test_gosumdb(value: str, name: str, error: str | None) -> None:
    parsed = parse_gosumdb(value)
    assert (parsed.name, parsed.error) == (name, error)
    assert parse_gosumdb("off").disabled


GO_REJECTS = {  # GOPROXY → what `go mod download PATH@VERSION` says; GOSUMDB values after "sumdb:"
    ",": f"go: example.com/lib@v1.0.0: {EMPTY_LIST}",
    "Direct": "go: example.com/lib@v1.0.0: invalid proxy URL missing scheme: Direct",
    "ftp://x.y": "go: example.com/lib@v1.0.0: invalid proxy URL scheme (must be https, http, file): ftp://x.y",
    "file://host/x": "go: example.com/lib@v1.0.0: invalid file:// proxy URL with non-path elements: file://host/x",
    "https://exa mple.com":
        'go: example.com/lib@v1.0.0: parse "https://exa mple.com": invalid character " " in host name',
    "sumdb:": "go: example.com/lib@v1.0.0: verifying go.mod: missing GOSUMDB",
    "sumdb:a b c": "go: example.com/lib@v1.0.0: verifying go.mod: invalid GOSUMDB: too many fields",
    "sumdb:sum.golang.org+https://sum.example.com":
        "go: example.com/lib@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id",
    "sumdb:sum.golang.org+033de0af+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8":
        "go: example.com/lib@v1.0.0: verifying go.mod: invalid GOSUMDB: invalid verifier hash",
}


@pytest.mark.realgo
def test_the_go_command_says_what_we_predict(tmp_path: Path) -> None:
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, "example.com/lib", "v1.0.0")
    go = testbed.go_root("1.27.3") / "bin" / "go"
    said = {}
    for index, value in enumerate(GO_REJECTS):
        extra = {"GOSUMDB": value.removeprefix("sumdb:"), "GOPROXY": goproxy.proxy_url(proxy)} \
            if value.startswith("sumdb:") else {"GOPROXY": value, "GONOSUMDB": "example.com"}
        env = testbed.isolated_env(tmp_path, [go.parent], GOMODCACHE=tmp_path / f"mod{index}", **extra)
        if extra.get("GOSUMDB") == "":  # an empty variable counts as unset: the GOENV file says it
            testbed.write_goenv(env, GOSUMDB="")
        run = subprocess.run([str(go), "mod", "download", "example.com/lib@v1.0.0"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=60)
        said[value] = run.stderr.strip()
        predicted = parse_gosumdb(extra["GOSUMDB"]).error if "GOSUMDB" in extra else parse_goproxy(value, POSIX).error
        assert predicted is not None and predicted in said[value]
    assert said == GO_REJECTS
