"""GE811 build-fetches-latest: go commands found in build-file lines as a shell splits them."""

from __future__ import annotations

import pytest

from goenv_lsp.facts import FileFacts, Spanned
from goenv_lsp.files.go_mod import ModFileFacts, ModRequire
from goenv_lsp.model import Range
from goenv_lsp.rules.ge8_versions._commands import _in_line, columns_known, word_range
from goenv_lsp.rules.ge8_versions.ge811_build_fetches_latest import _required

FILE = FileFacts(path="/work/app/Dockerfile", kind="dockerfile")


def commands(text: str, line: int = 3, column: int = 4):
    spanned = Spanned(text, Range.of(line, column, column + len(text)))
    return [(c.subcommand.text, [w.text for w in c.args]) for c in _in_line(FILE, spanned)], spanned


@pytest.mark.parametrize(("text", "found"), [
    ("go build ./...", [("build", ["./..."])]),
    ("cd x && CGO_ENABLED=0 go install 'golang.org/x/tools/cmd/stringer@latest'; go get -u ./...",
     [("install", ["golang.org/x/tools/cmd/stringer@latest"]), ("get", ["-u", "./..."])]),
    ("/usr/local/go/bin/go mod download", [("mod", ["download"])]),
    ("go1.22.3 run ./cmd", [("run", ["./cmd"])]),
    ("echo go get -u", []),  # an argument of echo, not a command
    ("gofmt -l . | go vet", [("vet", [])]),
    ('sh -c "go get -u ./..."', []),  # inside a string: not split here
    ("$(go env GOPATH)/bin/tool", [("env", ["GOPATH"])]),
    ("sudo -E env GOFLAGS=-mod=mod go get -u", [("get", ["-u"])]),
    ("RUN go mod download", [("mod", ["download"])]),
])
def test_go_commands_in_a_line(text, found) -> None:
    assert commands(text)[0] == found


def test_word_ranges_are_file_positions() -> None:
    text = 'RUN go install "example.com/x/cmd/y@latest"'
    spanned = Spanned(text, Range.of(7, 2, 2 + len(text)))
    [command] = _in_line(FILE, spanned)
    [word] = command.args
    assert word_range(spanned, word) == Range.of(7, 2 + text.index('"'), 2 + len(text))
    assert word.text == "example.com/x/cmd/y@latest"


def test_the_version_go_mod_requires_is_the_longest_module_path() -> None:
    go_mod = ModFileFacts(path="/work/app/go.mod", kind="go.mod", requires=(
        ModRequire("golang.org/x/tools", "v0.31.0", Range.of(4, 1)),
        ModRequire("golang.org/x/tools/gopls", "v0.18.1", Range.of(5, 1))))
    assert _required(go_mod, "golang.org/x/tools/gopls@latest".removesuffix("@latest")) == "v0.18.1"
    assert _required(go_mod, "golang.org/x/tools/cmd/stringer") == "v0.31.0"
    assert _required(go_mod, "golang.org/x/toolsmith/cmd") is None


def test_a_line_whose_secret_was_redacted_is_pointed_at_whole() -> None:
    """Redaction changes a line's text but not its range: the words after the secret are not where the text says,
    so the finding takes the whole line and offers no edit."""
    redacted = "GITHUB_TOKEN=<redacted> go install example.com/x/cmd/y@latest"
    spanned = Spanned(redacted, Range.of(4, 6, 6 + len(redacted) + 30))  # the token was 40 characters
    [command] = _in_line(FILE, spanned)
    assert not columns_known(spanned)
    assert word_range(spanned, command.args[0]) == spanned.range
