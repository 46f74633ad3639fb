"""devcontainer.json: the Go version the dev container gets (pins GE801 compares with go.mod) and its lifecycle
commands (GE811 reads them)."""

from __future__ import annotations

import pytest

from goenv_lsp.facts import PathFlavor, PathOps, Status
from goenv_lsp.files import kind_of
from goenv_lsp.files.devcontainer import KIND, DevcontainerFacts, parse_devcontainer

PATH = "/work/app/.devcontainer/devcontainer.json"


def parse(text: str) -> DevcontainerFacts:
    return parse_devcontainer(text.encode(), PATH)


def spans(text: str, facts: DevcontainerFacts) -> list[str]:
    lines = text.splitlines()
    return [lines[p.range.start.line][p.range.start.character:p.range.end.character] for p in facts.go_pins]


@pytest.mark.parametrize(("image", "version", "local"), [
    ("golang:1.22", "1.22", True), ("golang:1.22.3-alpine3.20", "1.22.3", True),
    ("docker.io/library/golang:1.23rc1-bookworm", "1.23rc1", True),
    ("golang:1.22@sha256:0123abcd", "1.22", True),
    ("mcr.microsoft.com/devcontainers/go:1.22", "1.22", True),
    ("mcr.microsoft.com/devcontainers/go:1-1.22-bookworm", "1.22", True),
    ("mcr.microsoft.com/devcontainers/go:1.2.0-1.23", "1.23", True),
    ("mcr.microsoft.com/vscode/devcontainers/go:1.19-bullseye", "1.19", True),
])
def test_image_pins_the_version_text_alone(image: str, version: str, local: bool) -> None:
    text = f'{{\n  // Go\n  "image": "{image}",\n}}\n'
    facts = parse(text)
    [pin] = facts.go_pins
    assert (pin.version, pin.local, pin.editable) == (version, local, True)
    assert spans(text, facts) == [version] and image in pin.label


@pytest.mark.parametrize("image", ["golang", "golang:latest", "golang:1", "golang:alpine",
                                   "mcr.microsoft.com/devcontainers/go:1",
                                   "mcr.microsoft.com/devcontainers/go:1-bookworm",
                                   "mcr.microsoft.com/devcontainers/base:ubuntu", "mygolang:1.22",
                                   "golang:${localEnv:GO_VERSION}", "golang:1.22\\u002d"])
def test_images_naming_no_release_line_give_no_pin(image: str) -> None:
    assert parse(f'{{"image": "{image}"}}').go_pins == ()


@pytest.mark.parametrize(("features", "version"), [
    ('{"ghcr.io/devcontainers/features/go:1": {"version": "1.22"}}', "1.22"),
    ('{"ghcr.io/devcontainers/features/go": {"version": "go1.21.5"}}', "1.21.5"),
    ('{"golang": "1.18"}', "1.18"),
])
def test_go_feature_version_is_a_pin_that_may_switch_toolchains(features: str, version: str) -> None:
    text = f'{{\n  "features": {features}\n}}'
    facts = parse(text)
    [pin] = facts.go_pins
    assert (pin.version, pin.local) == (version, False) and spans(text, facts) == [version]


@pytest.mark.parametrize("version", ["latest", "none", "lts", "1", ""])
def test_feature_without_a_release_line_gives_no_pin(version: str) -> None:
    assert parse(f'{{"features": {{"ghcr.io/devcontainers/features/go:1": {{"version": "{version}"}}}}}}').go_pins == ()
    assert parse('{"features": {"ghcr.io/devcontainers/features/go:1": {}}}').go_pins == ()


def test_container_env_gotoolchain_overrides_the_images() -> None:
    auto = parse('{"image": "golang:1.22", "containerEnv": {"GOTOOLCHAIN": "auto"}}')
    local = parse('{"features": {"go": "1.22"}, "remoteEnv": {"GOTOOLCHAIN": "local"}}')
    assert [p.local for p in auto.go_pins] == [False] and [p.local for p in local.go_pins] == [True]


def test_lifecycle_commands_as_written_string_or_object() -> None:
    text = ('{\n  "postCreateCommand": "go install golang.org/x/tools/gopls@latest",\n'
            '  "postStartCommand": {"deps": "go mod download", "x": ["go", "version"]},\n'
            '  "onCreateCommand": "echo \\"hi\\"",\n  "name": "go get -u ./..."\n}\n')
    facts = parse(text)
    lines = text.splitlines()
    assert [c.value for c in facts.commands] == ['echo \\"hi\\"', "go install golang.org/x/tools/gopls@latest",
                                                 "go mod download"]  # in lifecycle order
    for command in facts.commands:
        start, end = command.range.start, command.range.end
        assert start.line == end.line and lines[start.line][start.character:end.character] == command.value


@pytest.mark.parametrize("text", ["", "[]", '{"image": ', "\xff\xfe", '{"image": "golang:1.22"'])
def test_bad_files_are_malformed_or_empty_never_a_crash(text: str) -> None:
    facts = parse_devcontainer(text.encode("latin-1"), PATH)
    assert facts.status in (Status.OK, Status.MALFORMED)
    assert (facts.status is Status.OK) == (not facts.problems)


def test_where_the_files_are() -> None:
    posix = PathOps(PathFlavor.POSIX)
    assert kind_of(PATH, "/work/app", posix).name == KIND.name
    assert kind_of("/work/app/.devcontainer.json", "/work/app", posix).name == KIND.name
    assert kind_of("/work/app/sub/.devcontainer/devcontainer.json", "/work/app", posix) is None
