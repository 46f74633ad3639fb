"""Which go.mod and go.work the go command uses in a directory: unit cases, and every directory of real layouts
compared with what a real `go env GOMOD GOWORK` prints there."""

from __future__ import annotations

import subprocess

import factsbuilder as fb
import pytest

from goenv_lsp.facts import Module
from goenv_lsp.facts.paths import POSIX, WINDOWS
from goenv_lsp.semantics.modules import (
    ModuleSettings,
    go_env_values,
    go_work_for,
    modules_of,
    scopes,
    settings_of,
)

DEFAULT = ModuleSettings(gowork="", go111module="", goroot="/usr/local/go", temp_dir="/tmp")


def files(*paths: str):
    return set(paths).__contains__


def test_nearest_go_mod_and_go_work_walking_up() -> None:
    exists = files("/r/go.work", "/r/a/go.mod", "/r/a/sub/x/go.mod")
    assert go_env_values("/r/a/b", DEFAULT, exists, POSIX) == ("/r/a/go.mod", "/r/go.work")
    assert go_env_values("/r/a/sub/x/y", DEFAULT, exists, POSIX) == ("/r/a/sub/x/go.mod", "/r/go.work")
    assert go_env_values("/r", DEFAULT, exists, POSIX) == ("/dev/null", "/r/go.work")  # workspace, no module


def test_gowork_settings() -> None:
    exists = files("/r/go.work", "/r/a/go.mod", "/elsewhere/go.work")
    off = ModuleSettings("off", "", None, "/tmp")
    assert go_env_values("/r/a", off, exists, POSIX) == ("/r/a/go.mod", "off")
    named = ModuleSettings("/elsewhere/go.work", "", None, "/tmp")
    assert go_env_values("/r/a", named, exists, POSIX) == ("/r/a/go.mod", "/elsewhere/go.work")
    assert go_work_for("/r/a", ModuleSettings("rel.work", "", None, "/tmp"), exists, POSIX) is None  # go fails


def test_module_mode() -> None:
    exists = files("/r/a/go.mod")
    assert go_env_values("/r/a", ModuleSettings("", "off", None, "/tmp"), exists, POSIX) == ("", "")
    assert go_env_values("/r", ModuleSettings("", "auto", None, "/tmp"), exists, POSIX) == ("", "")
    assert go_env_values("/r", DEFAULT, exists, POSIX) == ("/dev/null", "")
    assert go_env_values("/tmp", DEFAULT, files("/tmp/go.mod"), POSIX) == ("/dev/null", "")  # ignored there


def test_go_work_is_not_looked_for_above_goroot() -> None:
    settings = ModuleSettings("", "", "/opt/go", "/tmp")
    assert go_work_for("/opt/go/src/cmd", settings, files("/opt/go.work"), POSIX) is None
    assert go_work_for("/opt/other", settings, files("/opt/go.work"), POSIX) == "/opt/go.work"


def test_windows_paths() -> None:
    exists = files(r"C:\src\go.work", r"C:\src\app\go.mod")
    settings = ModuleSettings("", "", r"C:\Program Files\Go", None)
    assert go_env_values(r"C:\src\app\cmd", settings, exists, WINDOWS) == (r"C:\src\app\go.mod", r"C:\src\go.work")
    assert go_env_values(r"C:\src", settings, exists, WINDOWS) == ("NUL", r"C:\src\go.work")


def test_scopes_group_the_modules_a_go_work_governs() -> None:
    work = fb.go_work(uses=("./a", "./b"))
    a, b = fb.go_mod(path=f"{fb.ROOT}/a/go.mod"), fb.go_mod(path=f"{fb.ROOT}/b/go.mod")
    alone = fb.go_mod(path="/elsewhere/c/go.mod")
    facts = fb.healthy(go_mod=None, files={f.path: f for f in (work, a, b, alone)})
    found = list(scopes(facts))
    assert [(s.path, [m.dir for m in s.modules]) for s in found] == [
        ("/elsewhere/c/go.mod", ["/elsewhere/c"]), (work.path, [f"{fb.ROOT}/a", f"{fb.ROOT}/b"])]
    assert modules_of(facts)[0] == Module("/elsewhere/c", "/elsewhere/c/go.mod", None)


def test_gopath_mode_has_no_scopes() -> None:
    facts = fb.healthy(env={"HOME": fb.HOME, "GO111MODULE": "off"})
    assert settings_of(facts).module_mode is False and list(scopes(facts)) == []


# ---------------------------------------------------------------------------------------------------------------
# real layouts, judged by a real go
# ---------------------------------------------------------------------------------------------------------------

LAYOUTS = {
    "workspace": {"go.work": "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n", "a/go.mod": "module a\n\ngo 1.22\n",
                  "a/sub/keep": "", "b/go.mod": "module b\n\ngo 1.22\n", "c/go.mod": "module c\n\ngo 1.22\n",
                  "c/nested/go.mod": "module c/nested\n\ngo 1.22\n"},
    "monorepo": {"services/api/go.mod": "module api\n\ngo 1.22\n", "services/api/internal/x/keep": "",
                 "services/web/go.mod": "module web\n\ngo 1.22\n", "docs/keep": ""},
    "nested-go-work": {"go.work": "go 1.22\n\nuse ./x\n", "x/go.mod": "module x\n\ngo 1.22\n",
                       "inner/go.work": "go 1.22\n\nuse ./y\n", "inner/y/go.mod": "module y\n\ngo 1.22\n"},
}
SETTINGS = {"default": {}, "gowork-off": {"GOWORK": "off"}, "modules-off": {"GO111MODULE": "off"},
            "modules-auto": {"GO111MODULE": "auto"}}


@pytest.mark.realgo
@pytest.mark.parametrize("variables", SETTINGS.values(), ids=SETTINGS.keys())
@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_every_directory_agrees_with_real_go(tmp_path, go127, go_env, probe_real, layout, variables) -> None:
    root = tmp_path / "project"
    for name, text in layout.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    env = go_env([go127 / "bin"], **variables)
    facts = probe_real(root, env)
    settings = settings_of(facts)
    known = set(facts.files or ())
    directories = sorted({root, *(p.parent for p in root.rglob("*"))})
    for directory in directories:
        real = subprocess.run([str(go127 / "bin" / "go"), "env", "GOMOD", "GOWORK"], cwd=directory, env=env,
                              capture_output=True, text=True, check=True).stdout.splitlines()
        ours = go_env_values(str(directory), settings, known.__contains__, facts.paths)
        assert list(ours) == real, directory
    assert facts.modules or settings.module_mode is False
    for module in facts.modules:  # the modules the probe found are the ones go sees
        real_mod, real_work = subprocess.run([str(go127 / "bin" / "go"), "env", "GOMOD", "GOWORK"], cwd=module.dir,
                                             env=env, capture_output=True, text=True, check=True).stdout.splitlines()
        assert (module.go_mod, module.go_work or "") == (real_mod, "" if real_work == "off" else real_work)


@pytest.mark.realgo
def test_gowork_naming_a_file_elsewhere_agrees_with_real_go(tmp_path, go127, go_env, probe_real) -> None:
    root, other = tmp_path / "project", tmp_path / "other"
    (root / "a").mkdir(parents=True)
    (root / "a" / "go.mod").write_text("module a\n\ngo 1.22\n")
    other.mkdir()
    (other / "go.work").write_text("go 1.22\n\nuse ../project/a\n")
    env = go_env([go127 / "bin"], GOWORK=str(other / "go.work"))
    facts = probe_real(root, env)
    [module] = facts.modules
    real = subprocess.run([str(go127 / "bin" / "go"), "env", "GOMOD", "GOWORK"], cwd=root / "a", env=env,
                          capture_output=True, text=True, check=True).stdout.splitlines()
    assert [module.go_mod, module.go_work] == real
    assert [s.path for s in scopes(facts)] == [str(other / "go.work")]
