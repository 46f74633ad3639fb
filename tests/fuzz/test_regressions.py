"""Inputs that once crashed a parser or made it stall, each with the outcome it must have instead."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from goenv_lsp.config import Config, ConfigEditError, add_ignore, parse_toml
from goenv_lsp.facts import PathFlavor, PathOps, Status
from goenv_lsp.files import MAX_PROBLEMS, ParseContext, parse, vscode_settings
from goenv_lsp.files.dockerfile import parse_dockerfile
from goenv_lsp.inputs.snapshot import SnapshotError, loads
from goenv_lsp.model import Position, Range
from goenv_lsp.parsers.goenv_json import parse_env_json

from .timing import BOUND, ratio

CTX = ParseContext(root="/ws", home="/home/dev", paths=PathOps(PathFlavor.POSIX))
SETTINGS = "/ws/.vscode/settings.json"


def _ratio(parse_of: Callable[[int], object], small: int, large: int) -> float:
    """CPU time of parse_of(large) over that of parse_of(small), best of 3 each (10 is linear)."""
    return ratio(parse_of, small, large)  # type: ignore[arg-type]


def test_go_env_json_nested_100k_deep_is_malformed_output() -> None:
    """json.loads raised RecursionError: the probe died with an internal error (exit 2)."""
    assert parse_env_json("[" * 100_000) is None
    assert parse_env_json('{"GOROOT": ' + "[" * 100_000) is None


def test_go_env_json_values_must_be_strings() -> None:
    assert parse_env_json('{"GOROOT": ["/usr/local/go"]}') is None
    assert parse_env_json('{"GOROOT": "/usr/local/go"}') == {"GOROOT": "/usr/local/go"}


@pytest.mark.parametrize("text", [
    "a = " + "[" * 500 + "]" * 500,
    "a = " + "{b = " * 500 + "1" + "}" * 500,
    "a = " + "[{b = " * 250 + "1" + "}]" * 250,
], ids=["arrays", "inline-tables", "both"])
def test_goenv_lsp_toml_nested_500_deep_is_a_config_problem(text: str) -> None:
    """tomllib raised RecursionError out of parse_toml."""
    config, problems = parse_toml(text, "goenv-lsp.toml", Config())
    assert config == Config()
    assert problems == ["goenv-lsp.toml: arrays or tables nested more than 100 levels deep"]
    with pytest.raises(ConfigEditError, match=r"does not parse .*nested"):
        add_ignore(text, "GE101")


def test_config_edit_of_a_file_with_a_key_twice_is_an_edit_error() -> None:
    """tomlkit raised KeyAlreadyPresent (not a ParseError) out of the quick fix."""
    with pytest.raises(ConfigEditError, match="already exists"):
        add_ignore('[files]\n"a" = 1\n"a" = 2\n', "GE101")


def one_line_settings(errors: int) -> bytes:
    return b"{" + b"1," * errors + b"}"


def test_one_line_settings_with_40000_errors_is_fast_and_capped() -> None:
    """Each problem's position rescanned its line: 40,000 errors on one 80 KB line took minutes."""
    data = one_line_settings(40_000)
    assert len(data) == 80_002
    facts = parse(vscode_settings.KIND, data, SETTINGS, CTX)
    assert facts.status is Status.MALFORMED and len(facts.problems) == MAX_PROBLEMS + 1
    assert facts.problems[0].message == "expected a property name in double quotes, found a number"
    last = facts.problems[-1]
    assert last.message == "… and 39,900 more problems after these 100"
    assert last.range is not None and last.range.start.character == 201  # where the 101st begins
    measured = _ratio(lambda n: parse(vscode_settings.KIND, one_line_settings(n), SETTINGS, CTX), 4_000, 40_000)
    assert measured <= BOUND  # linear is 10, the old cost 100


DEEP_VALUE = '{"schema": 2, "user_settings": {"a": ' + "[" * 300 + "]" * 300 + "}}"


@pytest.mark.parametrize("text", ["[" * 100_000, DEEP_VALUE], ids=["100k-deep", "300-deep-value"])
def test_a_pasted_report_nested_too_deep_gets_a_message(text: str) -> None:
    with pytest.raises(SnapshotError, match=r"^report\.json: not goenv-lsp facts \(nested more than 200 levels"):
        loads(text, "report.json")


def test_a_dotted_key_of_100000_parts_is_a_config_problem_found_in_linear_time() -> None:
    """tomllib takes time squared in the parts of a dotted key: 100,000 parts took minutes."""
    _, problems = parse_toml("a" + ".x" * 100_000 + " = 1", "goenv-lsp.toml", Config())
    assert problems == ["goenv-lsp.toml: arrays or tables nested more than 100 levels deep"]
    assert parse_toml("[editor-settings]\n" + "a" + ".x" * 98 + " = 1", "goenv-lsp.toml", Config())[1] == []
    assert parse_toml('x = "' + "a." * 50_000 + '"', "w", Config())[1] == ["w: unknown setting 'x'"]  # a value
    assert _ratio(lambda n: parse_toml("a" + ".x" * n + " = 1", "w", Config()), 10_000, 100_000) <= BOUND


@pytest.mark.parametrize("line", [b"ENV %s", b"ENV A b%sc", b"ARG %s"], ids=["env-word", "env-legacy", "arg"])
def test_a_long_env_or_arg_line_in_a_dockerfile_is_linear(line: bytes) -> None:
    """A run of letters was tried as a key at each of its positions; the legacy ENV form backtracked over spaces."""
    unit = b" " if b"b%sc" in line else b"a"
    measured = _ratio(lambda n: parse_dockerfile(b"FROM golang\n" + line % (unit * n), "/ws/Dockerfile"),
                      10_000, 100_000)
    assert measured <= BOUND


def test_dockerfile_ranges_count_a_lone_cr_as_editors_do() -> None:
    """docker splits lines at \\n only, editors also at a lone \\r: ranges were computed on the wrong line."""
    facts = parse_dockerfile(b"FROM golang:1.22\r# c\nENV GOFLAGS=-mod=mod\n", "/ws/Dockerfile")
    (variable,) = facts.variables
    assert variable.value.value == "-mod=mod"
    assert variable.value.range == Range.of(2, 12, 20)  # for an editor, "# c" is line 1


def test_dockerfile_legacy_env_value_drops_a_final_backslash() -> None:
    dockerfile = b"FROM golang\nENV GOFLAGS  -v -x  \\\n  && x\nENV GOPATH /go\\ \nRUN x\n"
    facts = parse_dockerfile(dockerfile, "/ws/Dockerfile")
    assert [(v.key, v.value.value, v.value.range) for v in facts.variables] == [
        ("GOFLAGS", "-v -x", Range.of(1, 13, 18)), ("GOPATH", "/go\\", Range.of(3, 11, 15))]


UNTERMINATED = 'unterminated string (missing closing ")'


@pytest.mark.parametrize(("line", "messages"), [
    (b'"go.goroot": "C:\\\r\n', [UNTERMINATED]),
    (b'"go.goroot": "\\uab\r\n', [UNTERMINATED, "invalid escape '\\\\uab' in string"]),
], ids=["backslash", "u-escape"])
def test_a_settings_escape_at_a_crlf_line_end_stays_on_its_line(line: bytes, messages: list[str]) -> None:
    """The escape took in the \\r of a CRLF: a range ended between \\r and \\n, past the end of its line."""
    facts = parse(vscode_settings.KIND, b"{\r\n" + line + b"}\r\n", SETTINGS, CTX)
    assert [p.message for p in facts.problems] == messages
    width = len(line) - 2  # the line without its CRLF
    for problem in facts.problems:
        assert problem.range is not None and problem.range.end == Position(1, width)


@pytest.mark.parametrize("kind", ["github-workflow", "gitlab-ci"])
def test_ci_yaml_is_linear_below_its_size_bound(kind: str) -> None:
    """The 100,000-line linearity test meets the 512 KiB bound at once: 1,000 against 10,000 lines parse fully."""
    from goenv_lsp.files import kind as file_kind

    from .big import BIG

    found = file_kind(kind)
    assert found is not None and found.parse is not None
    assert parse(found, BIG[kind](10_000), "/ws/x.yml", CTX).status is Status.OK  # below the bound: read
    measured = _ratio(lambda n: parse(found, BIG[kind](n), "/ws/x.yml", CTX), 1_000, 10_000)
    assert measured <= BOUND, f"{kind}: 10,000 lines took {measured:.1f}× the time of 1,000"
