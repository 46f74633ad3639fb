"""MatchPrefixPatterns and path.Match, ported: unit cases, and one table checked against the real go command."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed

from goenv_lsp.semantics.patterns import BadPattern, dead_patterns, match_prefix_patterns, path_match

PATHS = ["git.corp.com", "git.corp.com/a", "git.corp.com/a/b", "corp.com/x", "sub.git.corp.com/x",
         "github.com/acme/private", "github.com/acme/public/v3x", "github.com/acmex/y", "github.com/Acme/z",
         "golang.org/x/text"]
PATTERNS = ["git.corp.com", "*.corp.com", "corp.com", "github.com/acme", "github.com/acme/*", "github.com/acme/",
            "github.com/acme//", "https://github.com/acme/*", " git.corp.com", "git.corp.com ", "*", "*/*",
            "github.com/*/private", "git.corp.com/a/b/c", "git.corp.com/a/", "[", "git.corp.c?m", "git.[a-c]orp.com",
            "github.com/acme,git.corp.com", ",", "GIT.corp.com", "*.com", "github.com/[^a]*", "github.com/acme*",
            "git.corp.com/*/b", "\"git.corp.com\"", "git.corp.com;corp.com", "github.com/\\acme"]


def test_path_elements_are_prefixes() -> None:
    assert match_prefix_patterns("git.corp.com", "git.corp.com/internal/auth/v2")
    assert match_prefix_patterns("github.com/acme", "github.com/acme/repo")
    assert not match_prefix_patterns("github.com/acme", "github.com/acmex/repo")
    assert match_prefix_patterns("*.corp.com", "git.corp.com/x")
    assert not match_prefix_patterns("*.corp.com", "corp.com/x")
    assert not match_prefix_patterns("none", "git.corp.com/x")
    assert match_prefix_patterns("a.com,,b.com", "b.com/x")
    assert match_prefix_patterns("github.com/acme/", "github.com/acme/x")  # one trailing slash is dropped
    assert not match_prefix_patterns("github.com/acme//", "github.com/acme/x")
    assert not match_prefix_patterns("git.corp.com/a/b/c", "git.corp.com/a/b")  # too few elements


def test_path_match_is_go_path_match() -> None:
    assert path_match("a*b", "axxb") and not path_match("a*b", "a/b")
    assert path_match("[a-c]x", "bx") and not path_match("[^a-c]x", "bx")
    assert path_match("a\\*", "a*") and not path_match("a\\*", "ab")
    for bad in ("[", "a[", "[a-", "\\", "[]a]"):
        with pytest.raises(BadPattern):
            path_match(bad, "zzz")


def test_dead_patterns_say_what_was_meant() -> None:
    found = {d.pattern: d.suggestion for d in dead_patterns(
        'https://github.com/acme/*, git.corp.com,"x.org",a.com;b.com,c.com//,[,ok.com,ok.org/')}
    assert found == {"https://github.com/acme/*": "github.com/acme/*", " git.corp.com": "git.corp.com",
                     '"x.org"': "x.org", "a.com;b.com": "a.com,b.com", "c.com//": "c.com", "[": None}


@pytest.mark.realgo
def test_matching_equals_the_go_command(tmp_path: Path) -> None:
    """For each pattern, GONOSUMDB=pattern: the modules it matches download from the file proxy unchecked,
    the others fail their checksum lookup at a local address that refuses connections."""
    proxy = tmp_path / "proxy"
    for path in PATHS:
        goproxy.add_module(proxy, path, "v1.0.0")
    app = tmp_path / "app"
    app.mkdir()
    (app / "go.mod").write_text("module example.com/app\n\ngo 1.22\n")
    go = testbed.go_root("1.27.3") / "bin" / "go"
    mismatches, matched = [], 0
    for index, pattern in enumerate(PATTERNS):
        env = testbed.isolated_env(tmp_path, [go.parent], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB=pattern,
                                   GOSUMDB="sum.golang.org http://127.0.0.1:1", GOMODCACHE=tmp_path / f"mod{index}")
        run = subprocess.run([str(go), "mod", "download", "-json", *(f"{p}@v1.0.0" for p in PATHS)], cwd=app,
                             env=env, capture_output=True, text=True, timeout=60)
        decoder, text, results = json.JSONDecoder(), run.stdout.strip(), {}
        while text:
            item, end = decoder.raw_decode(text)
            results[item["Path"]] = "Error" not in item
            text = text[end:].strip()
        for path in PATHS:
            matched += results[path]
            if results[path] != match_prefix_patterns(pattern, path):
                mismatches.append((pattern, path, results[path]))
    assert mismatches == []
    assert 40 < matched < len(PATTERNS) * len(PATHS) - 100  # both outcomes occur often
