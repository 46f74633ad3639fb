"""Which module paths look private, and the redaction of the values GE4 rules read."""

from __future__ import annotations

import pytest

from goenv_lsp.redact import PLACEHOLDER, redact_value
from goenv_lsp.semantics.private import is_public_host, looks_private, same_site


@pytest.mark.parametrize(("path", "private"), [
    ("git.corp.com/team/lib", True), ("corp.com/x", True), ("go.acme.dev/sdk", True),
    ("github.com/acme/private", False),  # a private GitHub repository cannot be told from a public one
    ("gist.github.com/x", False), ("gopkg.in/yaml.v3", False), ("google.golang.org/grpc", False),
    ("sigs.k8s.io/yaml", False), ("go.opentelemetry.io/otel", False), ("golang.org/x/text", False),
    ("example.com/lib", False), ("foo.example/x", False), ("x.test/y", False), ("localhost/x", False),
    ("mycompany/lib", False),  # no dot in the first element: not fetchable, a local-only path
    ("github.corp.com/team/x", True),  # GitHub Enterprise: not github.com
])
def test_looks_private(path: str, private: bool) -> None:
    assert looks_private(path) is private


def test_extra_public_hosts_and_sites() -> None:
    assert not looks_private("go.acme.dev/sdk", ("acme.dev",))
    assert is_public_host("GitHub.com") and not is_public_host("notgithub.com")
    assert same_site("git.corp.com", "gitlab.corp.com") and not same_site("git.corp.com", "corp.org")


def test_module_pattern_lists_stay_readable_but_credentials_do_not() -> None:
    assert redact_value("GOPRIVATE", "https://github.com/acme/*, x.org") == "https://github.com/acme/*, x.org"
    assert redact_value("GONOSUMDB", '"git.corp.com"\r') == '"git.corp.com"\r'
    assert redact_value("GOPRIVATE", "https://user:secret@git.corp.com/x,ok.com") == f"{PLACEHOLDER},ok.com"


def test_goauth_keeps_empty_commands_and_git_directories() -> None:
    assert redact_value("GOAUTH", "netrc;") == "netrc; "
    assert redact_value("GOAUTH", "git /home/me/src/corp;netrc") == "git /home/me/src/corp; netrc"
    assert redact_value("GOAUTH", "netrc; command /x/helper --token=abc") == f"netrc; command {PLACEHOLDER}"
