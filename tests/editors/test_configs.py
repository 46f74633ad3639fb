"""The editor configurations that cannot run here (Helix, JetBrains LSP4IJ) are checked statically; the
settings they pass must be settings the server accepts. (test_readme_steps.py starts their commands.)"""

from __future__ import annotations

import json
import sys

from editor_harness import EDITORS  # type: ignore[import-not-found]

from goenv_lsp.config import from_mapping

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

LSP4IJ = EDITORS / "lsp4ij/goenv-lsp"
TEMPLATE_KEYS = {"id", "name", "programArgs", "url", "workingDir", "expandConfiguration", "env",
                 "disablePromotionFor", "fileTypeMappings", "languageMappings"}


def accepted(settings: object) -> None:
    _, problems = from_mapping(settings, "test")
    assert problems == []


def test_helix_languages_toml() -> None:
    data = tomllib.loads((EDITORS / "helix/languages.toml").read_text())
    server = data["language-server"]["goenv-lsp"]
    assert server["command"] == "goenv-lsp"
    accepted(server["config"])
    languages = {lang["name"]: lang["language-servers"] for lang in data["language"]}
    for name in ("go", "gomod", "gowork"):
        servers = [s if isinstance(s, str) else s["name"] for s in languages[name]]
        assert servers[0] == "gopls" and "goenv-lsp" in servers, name  # the list replaces the built-in one


def test_lsp4ij_template() -> None:
    template = json.loads((LSP4IJ / "template.json").read_text())
    assert set(template) <= TEMPLATE_KEYS
    assert template["id"] == "goenv-lsp" and template["name"]
    assert "goenv-lsp" in template["programArgs"]["default"]
    assert set(template["programArgs"]) <= {"default", "windows", "mac", "unix"}
    assert set(template["env"]) <= {"includeSystemEnvironmentVariables", "variables"}
    for mapping in template["fileTypeMappings"]:
        assert set(mapping) == {"fileType", "languageId"}
        assert set(mapping["fileType"]) <= {"name", "patterns"} and mapping["fileType"], mapping
    patterns = {p for m in template["fileTypeMappings"] for p in m["fileType"].get("patterns", ())}
    assert {"go.mod", "go.work", "settings.json"} <= patterns
    accepted(json.loads((LSP4IJ / "initializationOptions.json").read_text()))
    accepted(json.loads((LSP4IJ / "settings.json").read_text())["goenv"])
    assert json.loads((LSP4IJ / "clientSettings.json").read_text()) == {}
    assert "Import from custom template" in (LSP4IJ / "README.md").read_text()


def test_readme_documents_every_setting() -> None:
    text = (EDITORS / "README.md").read_text()
    example = json.loads(text.split("```json\n", 1)[1].split("```", 1)[0])
    accepted(example)
    for key in ("trusted", "editorSettings", "ignore", "select", "severity", "probeTimeout", "`goenv`"):
        assert key in text, key
    for path in ("nvim/lsp/goenv_lsp.lua", "nvim/lua/goenv_lsp.lua", "emacs/goenv-lsp.el", "helix/languages.toml"):
        assert (EDITORS / path).is_file() and path in text, path


def test_every_config_starts_the_server_on_stdio() -> None:
    """Explicit --stdio: bare `goenv-lsp` on a terminal prints a usage instead of serving."""
    for path in ("nvim/lsp/goenv_lsp.lua", "nvim/lua/goenv_lsp.lua"):
        assert "cmd = { 'goenv-lsp', '--stdio' }," in (EDITORS / path).read_text(), path
    assert """(defcustom goenv-lsp-command '("goenv-lsp" "--stdio")""" in (EDITORS / "emacs/goenv-lsp.el").read_text()
    helix = tomllib.loads((EDITORS / "helix/languages.toml").read_text())["language-server"]["goenv-lsp"]
    assert helix["args"] == ["--stdio"]
    programs = json.loads((LSP4IJ / "template.json").read_text())["programArgs"]
    assert all(command.endswith(("--stdio", '--stdio"')) for command in programs.values()), programs
