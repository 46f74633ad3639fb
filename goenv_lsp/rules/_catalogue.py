# Generated from the rule modules by `python -m goenv_lsp.rules.catalogue --write`: do not edit.
# ruff: noqa: E501

RULES = (
    {
        'code': 'GE001',
        'name': 'probe-failed',
        'severity': 'warning',
        'summary': 'A go or gopls binary could not be probed',
        'docs': (
            '## What it checks\n'
            'That every `go` goenv-lsp ran answered `go env -json` (run with `GOTOOLCHAIN=local`, for the workspace) —\n'
            'not hanging past the probe timeout, not crashing, not exiting with an error, printing what a go command\n'
            'prints — and that the Go build information of every gopls could be read from its file.\n'
            '\n'
            '## Why it matters\n'
            "If goenv-lsp cannot ask a `go`, neither can your editor: vscode-go's activation and gopls' workspace load\n"
            'run the same commands. A `go` that hangs is often a version-manager shim waiting for input or a network\n'
            'file system; one that crashes may be for another CPU architecture or damaged.\n'
            'Failures that another rule explains precisely (a bad GOROOT, GOPATH or GOTOOLCHAIN: GE103, GE104, GE113,\n'
            'GE201) are reported there instead.\n'
            '\n'
            '## How to fix\n'
            'Run the command shown in the message yourself from the workspace directory and read its error. Reinstall a\n'
            'damaged Go; raise the probe timeout (`--probe-timeout`) for slow network file systems.\n'
            '\n'
            '## Example\n'
            '`/home/me/.asdf/shims/go env -json` timed out after 5 s: the shim asked which Go version to install.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('go-binaries', 'gopls'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('probe',),
        'suppressed_by': ('GE103', 'GE104', 'GE113', 'GE201'),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge0_internal.ge001_probe_failed',
    },
    {
        'code': 'GE002',
        'name': 'malformed-file',
        'severity': 'error',
        'summary': 'A file goenv-lsp reads (go.mod, go.work, settings.json, workspace.xml …) cannot be read or parsed',
        'docs': (
            '## What it checks\n'
            "That the files goenv-lsp reads can be read and parsed: go.mod and go.work (with the go command's own\n"
            'grammar and error messages), `.vscode/settings.json` (JSON with comments and trailing commas, as VS Code\n'
            'accepts), `.idea/workspace.xml`, the GOENV file and `$GOROOT/go.env` — every file kind goenv-lsp knows.\n'
            'Each problem gets a diagnostic at its position when it is known. go.mod and go.work problems are errors\n'
            '(the go command refuses the file); the others warnings.\n'
            '\n'
            '## Why it matters\n'
            'The go command refuses a go.mod or go.work with a syntax error (`go: errors parsing go.mod`), and so does\n'
            'gopls. VS Code ignores a settings file it cannot parse — every setting in it silently stops applying — and\n'
            'GoLand may reset a broken workspace.xml. The other checks still run on what could be read.\n'
            '\n'
            '## How to fix\n'
            'Correct the syntax at the reported position. For go.mod, `go mod edit -fmt` rewrites a file that parses;\n'
            "for settings.json, VS Code's editor marks the same error.\n"
            '\n'
            '## Example\n'
            "`go 1.22.x` in go.mod: `go.mod:3: invalid go version '1.22.x': must match format 1.23.0`.\n"
        ),
        'fix': 'none',
        'scope': 'file',
        'needs': ('bash-startup', 'buf.gen.yaml', 'devcontainer', 'dockerfile', 'envrc', 'fish-config', 'github-workflow', 'gitlab-ci', 'go-version', 'go.env', 'go.mod', 'go.work', 'goenv', 'goenv-lsp.toml', 'goenv-unused', 'goenv-version', 'goland-workspace', 'gvm-default', 'makefile', 'mise-config', 'mise-config-dir', 'mise-config-global', 'sh-profile', 'tool-versions', 'tool-versions-global', 'vendor/modules.txt', 'vscode-settings', 'zsh-startup'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('files',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge0_internal.ge002_malformed_file',
    },
    {
        'code': 'GE003',
        'name': 'binary-not-run',
        'severity': 'info',
        'summary': 'A go that goenv-lsp did not run (inside the untrusted workspace, or not the go command)',
        'docs': (
            '## What it checks\n'
            'A `go` that goenv-lsp found but did not run (docs/security.md):\n'
            '- it lives inside the untrusted workspace — found through a PATH entry inside it (including an empty or\n'
            '  relative PATH entry) or named by a workspace setting such as `go.alternateTools.go` — or a setting names it\n'
            '  relative to the workspace (`${workspaceFolder}/../tools/go`);\n'
            '- its file is not the go command: goenv-lsp reads the Go build information in the file itself and runs it\n'
            "  only if that says `cmd/go`. A script (a version manager's launcher), a C program such as `/bin/sh` or a\n"
            '  Go program of another package is never run as `go`.\n'
            '\n'
            '## Why it matters\n'
            'A repository can ship a file called `go`, or point a setting at `/bin/sh`, `python3` or `make`, which would\n'
            "then run the repository's own `version` script or Makefile: running it to ask its version would execute code\n"
            "from whoever wrote the repository. The checks that need that go's version and environment are skipped for\n"
            'it. Your editor and shell do run it, though, when they reach it — and a setting that names something other\n'
            "than the go command breaks the editor's Go support.\n"
            '\n'
            '## How to fix\n'
            'If you trust the repository, trust the workspace in your editor (or pass `--trust-workspace` to\n'
            '`goenv-lsp check`): a go inside it is then run — still only if its build information says cmd/go. Point\n'
            "`go.alternateTools.go` at a go command, or remove it. For a version manager's launcher, nothing is wrong:\n"
            'goenv-lsp cannot tell which Go it starts without running it.\n'
            '\n'
            '## Example\n'
            '`"go.alternateTools.go": "${workspaceFolder}/tools/go"` in a freshly cloned repository;\n'
            '`"go.alternateTools.go": "/bin/sh"`.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('editor-settings', 'go-binaries', 'goland-workspace', 'vscode-settings'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('security',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge0_internal.ge003_binary_skipped',
    },
    {
        'code': 'GE004',
        'name': 'workspace-search-capped',
        'severity': 'info',
        'summary': 'The workspace search stopped at a cap: some modules were not checked',
        'docs': (
            '## What it checks\n'
            'Whether goenv-lsp looked at the whole workspace. It searches the workspace folder for go.mod, go.work and\n'
            'the other files it checks, skipping `vendor/`, `testdata/`, `node_modules/`, hidden directories and what\n'
            '`.gitignore` ignores, and stops at a cap (2,000 modules or 100,000 directories by default) rather than read\n'
            'a home directory or a module cache.\n'
            '\n'
            '## Why it matters\n'
            'Modules past the cap are not checked: a go line the local toolchain cannot satisfy there goes unreported,\n'
            'and the workspace looks healthier than it is.\n'
            '\n'
            '## How to fix\n'
            'Open the folder you work in rather than its parent, exclude generated or third-party trees, or raise the\n'
            "caps in the workspace's `goenv-lsp.toml`:\n"
            '\n'
            '```toml\n'
            '[workspace]\n'
            'exclude = ["third_party/", "**/generated/"]\n'
            'max-modules = 5000\n'
            '```\n'
            '\n'
            '## Example\n'
            'Opening `~` in the editor: goenv-lsp stops after 100,000 directories and says so.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('modules',),
        'status': 'stable',
        'fix_title': None,
        'tags': ('workspace',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge0_internal.ge004_workspace_search_capped',
    },
    {
        'code': 'GE101',
        'name': 'go-not-found',
        'severity': 'error',
        'summary': 'No go command can be found',
        'docs': (
            '## What it checks\n'
            'That a `go` command can be found: on the PATH this process sees, or in an SDK the editor settings name\n'
            "(`go.goroot`, `go.alternateTools.go`, GoLand's project GOROOT).\n"
            '\n'
            '## Why it matters\n'
            'Without `go` nothing builds, gopls cannot load packages and editors fall back to pop-ups such as\n'
            '"Failed to find the \'go\' binary". An editor started from a desktop launcher often gets a shorter PATH\n'
            'than a terminal, so Go can be installed and still be invisible to it.\n'
            '\n'
            '## How to fix\n'
            'Add the directory holding `go` to PATH in a file your login shell reads (`~/.profile`, `~/.zprofile`),\n'
            'then restart the editor from a fresh login; or point the editor at the SDK with `go.goroot`.\n'
            'If Go is not installed, install it from https://go.dev/dl/. When goenv-lsp finds Go in a well-known place\n'
            'that is not on PATH, the message names it.\n'
            '\n'
            '## Example\n'
            'PATH is `/usr/bin:/bin` while Go lives in `/usr/local/go`: add `export PATH=$PATH:/usr/local/go/bin`.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('path',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge101_go_not_found',
    },
    {
        'code': 'GE102',
        'name': 'go-shadowed-on-path',
        'severity': 'warning',
        'summary': 'The first go on PATH shadows the go that settings or the project intend',
        'docs': (
            '## What it checks\n'
            'Several `go` commands on PATH with different versions, where the first one — the one every terminal,\n'
            "script and gopls runs — is not the one something else intends: the GOROOT variable, the editor's SDK\n"
            "setting, or the module's `go` line (a later `go` on PATH satisfies it, the first does not).\n"
            'Different versions on PATH alone are not reported: that is normal with version managers.\n'
            '\n'
            '## Why it matters\n'
            'The shell runs the first match. A Homebrew, distribution or version-manager `go` earlier on PATH silently\n'
            'wins over the one you installed or configured; builds then use another compiler and standard library\n'
            'than you think, and `go.mod` may be rejected as too new.\n'
            '\n'
            '## How to fix\n'
            "Reorder PATH in your login profile so the intended Go's `bin` directory comes first, or remove the\n"
            'stale installation. Check with `which -a go` and `go version`.\n'
            '\n'
            '## Example\n'
            'PATH is `/usr/bin:/usr/local/go/bin`; `/usr/bin/go` is 1.19 from the distribution, `/usr/local/go/bin/go`\n'
            'is 1.27.3, and go.mod says `go 1.27.3`: the 1.19 one runs.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.mod', 'go.work', 'modules', 'path-info'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('path',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge102_go_shadowed',
    },
    {
        'code': 'GE103',
        'name': 'goroot-invalid',
        'severity': 'error',
        'summary': 'GOROOT is set to something that is not a Go installation',
        'docs': (
            '## What it checks\n'
            'A GOROOT set by you — as an environment variable or with `go env -w` in the GOENV file — that is not a\n'
            'usable Go tree: it does not exist, it names a file (often `…/bin/go`), it is relative, or it has no\n'
            '`pkg/tool` directory, so the go command does not recognise it as a Go installation.\n'
            '\n'
            '## Why it matters\n'
            'The go command trusts an explicit GOROOT. A wrong one breaks every command, even `go version`\n'
            '(`go: cannot find GOROOT directory: …`), or makes builds look for the compiler in the wrong place.\n'
            'Modern Go finds its own root from the location of the `go` binary, so GOROOT rarely needs setting.\n'
            '\n'
            '## How to fix\n'
            'Remove the setting: delete the `GOROOT=…` line from the GOENV file (`go env GOENV` prints where it is;\n'
            '`go env -u GOROOT` does not work: the go command refuses to modify GOROOT, and does not start while it\n'
            'names a missing directory), or the `export GOROOT=…` line from your shell profile. If you really need it,\n'
            'point it at the directory that contains `bin/go` and `pkg/tool`.\n'
            '\n'
            '## Example\n'
            '`GOROOT=/usr/local/go/bin/go` names the binary; the root is `/usr/local/go`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'goenv', 'path-info'),
        'status': 'stable',
        'fix_title': 'Remove GOROOT from the GOENV file',
        'tags': ('goroot',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge103_goroot_invalid',
    },
    {
        'code': 'GE104',
        'name': 'goroot-mismatch',
        'severity': 'error',
        'summary': 'GOROOT names another Go installation than the go that runs',
        'docs': (
            '## What it checks\n'
            'A GOROOT you set (environment variable or GOENV file) that is a Go tree, but not the tree of the `go`\n'
            'that runs — the first `go` on PATH. It is an error when the two are different Go versions, a warning\n'
            "when they are copies of the same version. It also flags a GOROOT inside the module cache's\n"
            '`golang.org/toolchain@…` directory, left behind by automatic toolchain switching.\n'
            '\n'
            '## Why it matters\n'
            'An explicit GOROOT overrides where `go` looks for its compiler and standard library. With another\n'
            'version there, builds fail on every package with\n'
            '`compile: version "go1.22.10" does not match go tool version "go1.24.11"` — sometimes with exit status 0\n'
            'from wrappers. Version managers (goenv, gvm, mise, asdf) export GOROOT once per shell, so it goes stale\n'
            'after an upgrade or when another `go` comes first on PATH. A GOROOT in the toolchain cache pins one\n'
            'downloaded toolchain forever, so switching versions seems to do nothing.\n'
            '\n'
            '## How to fix\n'
            'Unset GOROOT — delete the `GOROOT=…` line from the GOENV file (`go env -u GOROOT` is refused: "GOROOT\n'
            'cannot be modified"), or the `export GOROOT=…` line from your shell profile: the go command finds its own\n'
            'root. If a version manager sets it, run go through the manager (`mise exec`,\n'
            '`goenv exec`) or let it manage PATH only.\n'
            '\n'
            '## Example\n'
            'PATH starts with Go 1.24.11 but `GOROOT=$HOME/sdk/go1.22.10` is exported: `go build` fails with\n'
            '`compile: version "go1.22.10" does not match go tool version "go1.24.11"`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'goenv', 'path-info'),
        'status': 'stable',
        'fix_title': 'Remove GOROOT from the GOENV file',
        'tags': ('goroot',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge104_goroot_mismatch',
    },
    {
        'code': 'GE110',
        'name': 'go-line-too-new',
        'severity': 'error',
        'summary': 'go.mod / go.work needs a newer Go than the local toolchain and switching is off',
        'docs': (
            '## What it checks\n'
            'A `go` line in go.mod or go.work newer than the local Go toolchain while toolchain switching is off\n'
            '(`GOTOOLCHAIN=local`, or a `<name>` value without `+auto`/`+path`), so the go command cannot fetch a newer one.\n'
            'The message says where the GOTOOLCHAIN value comes from: the environment, the GOENV file written by\n'
            '`go env -w`, or `$GOROOT/go.env` (some distributions, e.g. Fedora, ship `GOTOOLCHAIN=local` there, and so\n'
            'do the official Docker images as an environment variable).\n'
            '\n'
            '## Why it matters\n'
            "Since Go 1.21 the `go` line is a minimum: `go build`, `go test`, `go list` and gopls' workspace load fail\n"
            'with `go: go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local)`. `go version` and `go env`\n'
            'still work, so the environment looks fine until the first build.\n'
            '\n'
            '## How to fix\n'
            'Use a Go at least as new as the `go` line. When one is already here the message says which and how: a\n'
            '`go1.X.Y` wrapper on PATH (`golang.org/dl`) runs with `go env -w GOTOOLCHAIN=path`, a toolchain extracted in\n'
            'the module cache with `GOTOOLCHAIN=auto` (no download), another `go` later on PATH once its directory comes\n'
            'first. Otherwise install one and put it first on PATH, or allow switching with `go env -w GOTOOLCHAIN=auto`\n'
            '(or remove the local setting with `go env -u GOTOOLCHAIN`). Lowering the `go` line is offered only when no\n'
            "Go here satisfies it, as an unsafe last resort: it changes the module's minimum Go.\n"
            '\n'
            '## Example\n'
            'go.mod says `go 1.27.3`, `go version` says go1.22.10 and the GOENV file has `GOTOOLCHAIN=local`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules', 'toolchains'),
        'status': 'stable',
        'fix_title': 'Use a Go that satisfies the go line, or allow toolchain switching',
        'tags': ('toolchain',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge110_go_line_too_new',
    },
    {
        'code': 'GE111',
        'name': 'toolchain-switch',
        'severity': 'warning',
        'summary': 'The go command will switch to (and maybe download) another toolchain',
        'docs': (
            '## What it checks\n'
            'Which toolchain the go command will really run in this module, when it is not the local one: the\n'
            '`go` or `toolchain` line (or a `GOTOOLCHAIN=go1.X.Y` minimum) asks for a newer Go and GOTOOLCHAIN allows\n'
            'switching (`auto`, `path`, `…+auto`). It says whether that toolchain is already available (a `go1.X.Y`\n'
            'binary on PATH, or extracted in the module cache) or must be downloaded. It is an error when that download\n'
            'cannot succeed: `GOPROXY=off` (unless `GONOPROXY`/`GOPRIVATE` covers `golang.org/toolchain`), `GOSUMDB=off`\n'
            '(a toolchain must be verified by the checksum database; only a single `file://` GOPROXY is exempt), or\n'
            '`path` mode, which never downloads. With `GOTOOLCHAIN=local` it notes a `toolchain` line that is ignored.\n'
            '\n'
            '## Why it matters\n'
            'The switch is silent: `go version` reports the switched-to version, while gopls and many editors measure\n'
            'the `go` on PATH. Without network, a proxy that blocks `golang.org/toolchain`, or `GOSUMDB=off`, every\n'
            'command — even `go env` — fails with `go: download go1.27.0 for linux/amd64: toolchain not available`.\n'
            'In `path` mode the go command never downloads and fails with `cannot find "go1.27.0" in PATH`.\n'
            '\n'
            '## How to fix\n'
            'Install the wanted Go and put it first on PATH (or install `go1.X.Y` with `golang.org/dl`), or make sure\n'
            'downloads can work: the fix removes `GOPROXY=off` or `GOSUMDB=off` from the GOENV file (`go env -u`, run\n'
            'with `GOTOOLCHAIN=local` because the switch would stop that command too).\n'
            '\n'
            '## Example\n'
            'go.mod has `go 1.27.3`, the local Go is 1.24.11 with the default `GOTOOLCHAIN=auto`: every command first\n'
            'downloads `golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules', 'toolchains'),
        'status': 'stable',
        'fix_title': 'Allow downloads with GOTOOLCHAIN=auto (path mode never downloads)',
        'tags': ('toolchain',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge111_toolchain_switch',
    },
    {
        'code': 'GE112',
        'name': 'go-line-language-version',
        'severity': 'error',
        'summary': 'A go line without a patch version makes this local go download a toolchain that does not exist',
        'docs': (
            '## What it checks\n'
            'A `go 1.N` line without a patch version (N ≥ 21, e.g. `go 1.22`) that is newer than a local Go between\n'
            '1.21.0 and 1.21.10 or between 1.22.0 and 1.22.3, with toolchain switching allowed (`GOTOOLCHAIN=auto`, the\n'
            'default, or `path`).\n'
            '\n'
            '## Why it matters\n'
            'Those go commands turn `go 1.22` into the toolchain name `go1.22`, which was never released (the first\n'
            'release is `go1.22.0`), so every command — even `go env`, which breaks editor activation — fails with\n'
            '`go: download go1.22 for linux/amd64: toolchain not available`. Go 1.21.11, 1.22.4 and later ask for\n'
            '`go1.22.0` instead (golang/go#62278, #66175).\n'
            '\n'
            '## How to fix\n'
            'Write the go line with a patch version (`go 1.22.0`; `go mod tidy` with a newer Go does the same), or add a\n'
            '`toolchain go1.22.x` line, or update the local Go to 1.21.11 / 1.22.4 or later.\n'
            '\n'
            '## Example\n'
            'go.mod `go 1.22` with Go 1.21.9 installed: `go: download go1.22 for linux/amd64: toolchain not available`.\n'
        ),
        'fix': 'always',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Write the go line with a patch version (go 1.N.0)',
        'tags': ('toolchain',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge112_go_line_language_version',
    },
    {
        'code': 'GE113',
        'name': 'gotoolchain-invalid',
        'severity': 'error',
        'summary': 'GOTOOLCHAIN has a value the go command rejects',
        'docs': (
            '## What it checks\n'
            'A GOTOOLCHAIN value the go command rejects: anything but `local`, `auto`, `path`, a toolchain name such as\n'
            '`go1.27.3`, or one of those followed by `+auto` / `+path`. Quotes or a trailing carriage return written\n'
            'into the GOENV file count: the go command reads that file literally.\n'
            '\n'
            '## Why it matters\n'
            'Every go command that loads a module stops with `go: invalid GOTOOLCHAIN "…"`.\n'
            '\n'
            '## How to fix\n'
            'Remove it from the GOENV file (delete the line, or `GOTOOLCHAIN=local go env -u GOTOOLCHAIN`: with an invalid\n'
            'value there the go command does not start unless the environment overrides it), or set a valid value\n'
            '(`GOTOOLCHAIN=local go env -w GOTOOLCHAIN=auto`).\n'
            '\n'
            '## Example\n'
            '`GOTOOLCHAIN="go1.27.3"` in the GOENV file keeps the quotes: the value is `"go1.27.3"`, which is invalid.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Remove GOTOOLCHAIN from the GOENV file',
        'tags': ('toolchain',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge113_gotoolchain_invalid',
    },
    {
        'code': 'GE120',
        'name': 'gopls-not-found',
        'severity': 'warning',
        'summary': 'No gopls for this Go workspace',
        'docs': (
            '## What it checks\n'
            'That a `gopls` binary exists for a Go workspace: on PATH, in `GOBIN`, in `GOPATH/bin`, or where the\n'
            "editor's `go.alternateTools.gopls` points.\n"
            '\n'
            '## Why it matters\n'
            'gopls is the Go language server behind completion, navigation and diagnostics in VS Code, Neovim, Emacs,\n'
            'Helix and others. `go install` puts it in `GOBIN` or `GOPATH/bin`, which is often not on the PATH an editor\n'
            'sees, so editors report that the language server is missing or crashed.\n'
            '\n'
            '## How to fix\n'
            'Install the gopls release that supports your Go (the message gives the exact command) and make sure\n'
            '`$(go env GOPATH)/bin` is on PATH.\n'
            '\n'
            '## Example\n'
            '`go install golang.org/x/tools/gopls@v0.23.0` for Go 1.26 or 1.27.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'gopls', 'modules'),
        'status': 'stable',
        'fix_title': 'Install the gopls release that supports this Go',
        'tags': ('gopls',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge120_gopls_not_found',
    },
    {
        'code': 'GE121',
        'name': 'gopls-built-with-old-go',
        'severity': 'warning',
        'summary': 'gopls was built with a Go older than the module or the go in use',
        'docs': (
            '## What it checks\n'
            'The Go version that built the gopls the editor runs (read with `go version -m`, gopls itself is never run)\n'
            "against the module's `go` line and against the `go` on PATH. The gopls that runs is the one\n"
            '`go.alternateTools.gopls` names, else — in VS Code (Go settings in .vscode/settings.json or passed by the\n'
            'editor) — the one in GOBIN or GOPATH/bin, else the first on PATH. Other gopls binaries (an old\n'
            'distribution package later on PATH) are never started: they are only named as related information.\n'
            '\n'
            '## Why it matters\n'
            'gopls type-checks with the standard library and `go/types` it was compiled with. Built with an older Go\n'
            'it does not understand newer language features and go.mod syntax — a gopls built before Go 1.21 reports\n'
            "`invalid go version '1.21.0': must match format 1.23` on a perfectly valid go.mod — and it misreports\n"
            'standard-library symbols added since.\n'
            '\n'
            '## How to fix\n'
            'Rebuild gopls with the current Go: run the `go install golang.org/x/tools/gopls@…` command the message\n'
            'gives (in VS Code, "Go: Install/Update Tools" does the same). It lands in GOBIN or GOPATH/bin: when the\n'
            "old one comes earlier on PATH, the message also says to put that directory first. When the module's `go`\n"
            'line needs a newer Go than the one on PATH, a rebuild with that Go cannot help: put a newer Go first on\n'
            'PATH, then rebuild (no install is offered). Distribution packages of gopls are often years old.\n'
            '\n'
            '## Example\n'
            "Debian's gopls package was built with go1.19.5; with go.mod `go 1.27.3` it cannot load the workspace.\n"
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('editor-settings', 'environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'gopls', 'modules', 'vscode-settings'),
        'status': 'stable',
        'fix_title': 'Rebuild gopls with the current Go (go install)',
        'tags': ('gopls',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('gopls',),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge121_gopls_built_with_old_go',
    },
    {
        'code': 'GE122',
        'name': 'gopls-unsupported-go',
        'severity': 'warning',
        'summary': 'The gopls release does not support the Go in use',
        'docs': (
            '## What it checks\n'
            'The release of the gopls the editor runs (its module version from `go version -m`; which gopls runs is\n'
            'decided as for GE121: `go.alternateTools.gopls`, else in VS Code GOBIN or GOPATH/bin, else the first on\n'
            'PATH; others are only named as related information) against the go commands that release supports, from\n'
            'the gopls ↔ Go table goenv-lsp keeps with sources (`goenv_lsp/data/gopls_support.toml`).\n'
            'Since v0.18 gopls supports only the two newest Go major releases; older releases name the last gopls for\n'
            'each old Go.\n'
            '\n'
            '## Why it matters\n'
            'Current gopls warns only for Go 1.20 and older; with a Go outside its window it stays silent and fails in\n'
            'odd ways (workspace load errors, missing analyses). An old gopls with a new Go misses language features;\n'
            'a new gopls with an old Go may not start at all.\n'
            '\n'
            '## How to fix\n'
            'Install the gopls the message names; it is the newest release that supports the `go` on PATH. When the\n'
            "workspace's `go` line needs a newer Go than the one on PATH, an older gopls is never suggested: the message\n"
            'asks for a newer Go first on PATH instead.\n'
            '\n'
            '## Example\n'
            'gopls v0.16.2 with Go 1.27: install `golang.org/x/tools/gopls@v0.23.0` (or newer).\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('editor-settings', 'environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'gopls', 'modules', 'vscode-settings'),
        'status': 'stable',
        'fix_title': 'Install the gopls release that supports this Go',
        'tags': ('gopls',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('gopls',),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge122_gopls_unsupported_go',
    },
    {
        'code': 'GE130',
        'name': 'dependency-needs-newer-go',
        'severity': 'error',
        'summary': "A required module version needs a newer Go than the toolchain or the module's go line",
        'docs': (
            '## What it checks\n'
            'The `go` line of each required module version, read from the module cache\n'
            '(`$GOMODCACHE/cache/download/<path>/@v/<version>.mod`, no network): a dependency that needs a newer Go than\n'
            'the toolchain that will run (the local go, or the one GOTOOLCHAIN switches to for the go/toolchain line), or\n'
            "than the main module's own `go` line. The finding sits on the require line and names the go line the\n"
            'dependency forces and the newest cached version that still fits. Requirements replaced by a directory, modules\n'
            'of the same go.work, versions that are not cached and vendor mode (vendor/modules.txt decides there) are not\n'
            'judged.\n'
            '\n'
            '## Why it matters\n'
            "Since Go 1.21 a dependency's `go` line is a minimum. A build with an older toolchain stops with\n"
            '`go: golang.org/x/net@v0.36.0 requires go >= 1.23.0 (running go 1.22.10; GOTOOLCHAIN=local)` — `go build` never\n'
            'switches toolchains for a dependency, whatever GOTOOLCHAIN says (only `go get` and `go mod tidy` do). A main\n'
            "module whose go line is lower than a dependency's fails with `go: updates to go.mod needed; to update it:\n"
            'go mod tidy`. The classic cause is `go get -u` run with a newer Go: it upgrades golang.org/x/… and silently\n'
            'raises the minimum.\n'
            '\n'
            '## How to fix\n'
            "Build with a Go at least as new as the dependency needs: put a newer go first on PATH, or raise the module's\n"
            "go line so that GOTOOLCHAIN=auto switches to it. If the main module's go line is only behind, raise it (what\n"
            '`go mod tidy` does). Downgrading the dependency to the newest cached version that fits is offered too, as an\n'
            "unsafe fix: it gives up the dependency's fixes, so prefer it only when the module must keep building with the\n"
            'older Go.\n'
            '\n'
            '## Example\n'
            'go.mod has `go 1.22` and `require example.com/dep v1.1.0`; the cached `v1.1.0.mod` says `go 1.23.0`; go 1.22.10\n'
            'is the only go and GOTOOLCHAIN=local. The fix offers `v1.0.0`, cached with `go 1.21`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'module-cache', 'modules', 'toolchains'),
        'status': 'stable',
        'fix_title': 'Raise the go line, or require the newest cached version that fits',
        'tags': ('toolchain', 'dependencies'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge130_dependency_needs_newer_go',
    },
    {
        'code': 'GE131',
        'name': 'goproxy-off-uncached',
        'severity': 'error',
        'summary': 'GOPROXY=off while a required module version is not in the module cache',
        'docs': (
            '## What it checks\n'
            'With GOPROXY=off (or a GOPROXY list whose first entry is `off`), each require line of the main modules whose\n'
            'module version is not in the module cache: its `.mod` file is missing from `$GOMODCACHE/cache/download`, or —\n'
            'for a direct requirement — its source (the extracted directory or the .zip) is. Quiet when the build reads\n'
            '`vendor/` instead (`-mod=vendor`, or vendor/modules.txt with a go line ≥ 1.14 and no other `-mod`), for\n'
            'requirements replaced by a directory or belonging to the same go.work, and for paths matching GONOPROXY /\n'
            'GOPRIVATE (the go command fetches those directly, even with GOPROXY=off). In workspace mode it speaks only when\n'
            "GOFLAGS sets `-mod`: a go.work's own vendor/ (Go 1.22+) is not looked at.\n"
            '\n'
            '## Why it matters\n'
            'GOPROXY=off forbids every download, so nothing that is not cached can ever arrive. A build that needs the\n'
            'module stops with `main.go:3:8: module lookup disabled by GOPROXY=off`; `go list -m all`, `go mod tidy`,\n'
            "`go mod download` and gopls' module loading fail with\n"
            '`go: example.com/lib@v1.2.0: module lookup disabled by GOPROXY=off`. `GOFLAGS=-mod=mod` changes nothing.\n'
            'An indirect requirement whose `.mod` is missing breaks only those module-wide commands (go build loads\n'
            'lazily), so it is a warning.\n'
            '\n'
            '## How to fix\n'
            'Download the modules once where the network (or a file:// proxy) is available: `go mod download` with a\n'
            'working GOPROXY fills the cache. If GOPROXY=off was written with `go env -w`, `go env -u GOPROXY` restores the\n'
            'default proxy. For fully offline builds, vendor the dependencies (`go mod vendor`).\n'
            '\n'
            '## Example\n'
            '`GOPROXY=off` in the GOENV file, and go.mod requires `example.com/lib v1.2.0`, which was never downloaded on\n'
            'this machine.\n'
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'module-cache', 'modules'),
        'status': 'stable',
        'fix_title': 'Remove GOPROXY=off from the GOENV file',
        'tags': ('proxy', 'dependencies'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge131_goproxy_off_uncached',
    },
    {
        'code': 'GE132',
        'name': 'toolchain-selection-fails',
        'severity': 'error',
        'summary': 'Toolchain selection stops every go command: an invalid toolchain line or a non-go1 choice',
        'docs': (
            '## What it checks\n'
            'Toolchain selection itself failing in a module, with a GOTOOLCHAIN value the go command accepts\n'
            '(`auto`, `path`, `<name>+auto` …; a value it rejects outright is GE113): a `toolchain` line that the go.mod\n'
            'grammar allows but that names no toolchain (`toolchain go1.21.x`), or a choice that is not a Go 1 toolchain\n'
            "(`GOTOOLCHAIN=go2.0`, or a `go 2.0` line in auto mode). Exactly as cmd/go's `toolchain.Select` decides.\n"
            '\n'
            '## Why it matters\n'
            'Selection runs before any command in the module: every `go build`, `go test`, `go list`, `go version` and\n'
            'gopls\' load stop with `go: invalid toolchain "go1.21.x" in go.mod` or `go: invalid GOTOOLCHAIN "go2.0"`.\n'
            'With GOTOOLCHAIN=local the `toolchain` line is not read, so the same go.mod works on one machine and fails on\n'
            'the next.\n'
            '\n'
            '## How to fix\n'
            'Remove the invalid `toolchain` line (the go line then decides), or write a real toolchain name such as\n'
            '`toolchain go1.27.3`. Remove a GOTOOLCHAIN minimum that is not a go1 toolchain from the GOENV file or the\n'
            'environment.\n'
            '\n'
            '## Example\n'
            'go.mod has `toolchain go1.21.x` and GOTOOLCHAIN is the default `auto`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Remove the invalid toolchain line or GOTOOLCHAIN value',
        'tags': ('toolchain',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge132_toolchain_selection_fails',
    },
    {
        'code': 'GE140',
        'name': 'manager-version-not-running',
        'severity': 'warning',
        'summary': "A version manager's selected Go (.tool-versions, .go-version, mise, gvm) is not the go that runs",
        'docs': (
            '## What it checks\n'
            'The Go version a version manager selects — `.tool-versions` (asdf, mise), `.go-version` (goenv), a mise\n'
            "config's `[tools] go`, gvm's default environment, and their global files in the home directory — against the\n"
            'go that actually runs (the first `go` on PATH). Only managers that hold Go installs on this machine are\n'
            'judged; a version file for a manager you do not use is quiet. Reported when:\n'
            "* another go comes first on PATH (`/usr/local/go/bin` before `~/.asdf/shims`), or the manager's shims are not\n"
            '  on PATH at all, and that go is another version;\n'
            "* the manager's shim runs, but the version the file selects is not installed, so the shim fails there;\n"
            '* a variable such as `ASDF_GOLANG_VERSION`, `MISE_GO_VERSION` or `GOENV_VERSION` overrides the file;\n'
            "* PATH holds one of the manager's install directories directly (`mise activate`, `gvm use`) for another\n"
            '  version than the file selects.\n'
            "The message names the go that runs and the PATH entry that wins. Global files count only while the manager's\n"
            'shims are on PATH.\n'
            '\n'
            '## Why it matters\n'
            'The file says the project builds with one Go, and something else builds it: a terminal, the editor and gopls\n'
            'each pick whatever PATH gives them. The difference shows up as "works in my terminal, not in the editor",\n'
            'toolchain downloads, or `compile: version … does not match go tool version …`.\n'
            '\n'
            '## How to fix\n'
            "Put the manager's shims first on PATH in the file your login shell reads (the quick fix appends the line to\n"
            'your login profile; it takes effect at the next login, and restarting the editor from that login), or remove\n'
            'the other go. When the version is not installed, install it (`asdf install golang 1.22.3`,\n'
            '`mise install go@1.22.3`, `goenv install 1.22.3`, `gvm install go1.22.3`); when the shims come first but hold\n'
            'no `go`, re-create them (`asdf reshim golang`, `mise reshim`, `goenv rehash`). Unset the overriding variable when\n'
            'it is a leftover.\n'
            '\n'
            '## Example\n'
            '`.tool-versions` says `golang 1.22.3`, asdf has it installed, and PATH is\n'
            "`/usr/local/go/bin:/home/dev/.asdf/shims:/usr/bin`: `/usr/local/go/bin/go` (go1.27.3) runs, not asdf's 1.22.3.\n"
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go-version', 'goenv-version', 'gvm-default', 'login-profile', 'mise-config', 'mise-config-dir', 'mise-config-global', 'tool-versions', 'tool-versions-global', 'version-managers'),
        'status': 'stable',
        'fix_title': "Put the manager's shims first on PATH in the login profile",
        'tags': ('path', 'version-managers'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('go-version', 'goenv-version', 'gvm-default', 'mise-config', 'mise-config-dir', 'mise-config-global', 'tool-versions', 'tool-versions-global'),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge140_manager_version_not_running',
    },
    {
        'code': 'GE141',
        'name': 'go-link-dangles',
        'severity': 'warning',
        'summary': 'A go on PATH is a symbolic link that leads nowhere (the shell skips it)',
        'docs': (
            '## What it checks\n'
            'A `go` in a PATH directory before the go that runs (or with no go after it) that is a symbolic link leading\n'
            'nowhere: `/usr/local/bin/go` → `/usr/local/go/bin/go` while `/usr/local/go` → `/usr/local/go1.21.5` was\n'
            'removed, or a Homebrew, asdf or Debian alternatives link left behind by an uninstall. The message names the\n'
            'link that dangles and where it points.\n'
            '\n'
            '## Why it matters\n'
            'The shell passes over a dangling link silently and runs the next `go` on PATH — another version than the one\n'
            'the link was meant to select — or reports `go: command not found` although `ls` shows a `go` right there. A\n'
            'version switch made by re-pointing a link (`ln -sfn`) that removed the old tree first leaves exactly this.\n'
            '\n'
            '## How to fix\n'
            'Point the link at an installed Go again (`ln -sfn /usr/local/go1.27.3 /usr/local/go`), reinstall what it\n'
            'pointed into (`brew reinstall go`, `sudo update-alternatives --config go`), or remove the stale link\n'
            '(`rm /usr/local/bin/go`) so PATH shows what is really there. goenv-lsp does not change files outside the\n'
            'workspace, so there is no quick fix.\n'
            '\n'
            '## Example\n'
            'PATH is `/usr/local/bin:/usr/bin`; `/usr/local/bin/go` → `/usr/local/go/bin/go`, and `/usr/local/go` →\n'
            '`/usr/local/go1.21.5`, which no longer exists; `/usr/bin/go` (go1.19.8) runs instead.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('path',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge1_toolchain.ge141_go_link_dangles',
    },
    {
        'code': 'GE201',
        'name': 'gopath-invalid',
        'severity': 'error',
        'summary': 'GOPATH is unexpanded, relative, equal to GOROOT or inside it, or unusable',
        'docs': (
            '## What it checks\n'
            'Each GOPATH entry you set (environment variable or GOENV file): one that starts with `~` or holds an\n'
            'unexpanded `$HOME` / `${HOME}` / `%USERPROFILE%`, one that is relative, one equal to GOROOT, one inside\n'
            'GOROOT, one that exists but cannot be used (a file, a symbolic link loop, a directory you cannot read), and\n'
            'a first entry (where go writes) that does not exist and cannot be created (the nearest existing directory\n'
            'above it is not writable).\n'
            '\n'
            '## Why it matters\n'
            'The go command expands nothing. An entry starting with `~` or relative stops every command, even\n'
            "`go version`: `go: GOPATH entry cannot start with shell metacharacter '~'` or\n"
            '`go: GOPATH entry is relative; must be absolute path`. That happens when GOPATH is quoted in a shell\n'
            'profile (`export GOPATH="~/go"`) or written with `go env -w`. GOPATH equal to GOROOT makes every command\n'
            'print `warning: both GOPATH and GOROOT are the same directory` and mixes your modules and tools into the Go\n'
            'installation; inside GOROOT they are wiped by the next Go upgrade.\n'
            '\n'
            '## How to fix\n'
            'Unset GOPATH (the default `$HOME/go` is fine for most people): delete the `GOPATH=…` line from the GOENV\n'
            'file (`go env -u GOPATH` fails while the value there is invalid, go does not start; `GOPATH="$HOME/go"\n'
            'go env -u GOPATH` works) or remove the export from your shell profile. Otherwise use an absolute path\n'
            'outside GOROOT, e.g. `export GOPATH="$HOME/go"` (double quotes expand `$HOME`, `~` inside quotes does not).\n'
            '\n'
            '## Example\n'
            "`export GOPATH='~/go'` in `~/.bashrc`.\n"
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'goenv', 'path-info'),
        'status': 'stable',
        'fix_title': 'Remove GOPATH from the GOENV file',
        'tags': ('gopath',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge201_gopath_invalid',
    },
    {
        'code': 'GE202',
        'name': 'go111module-off',
        'severity': 'error',
        'summary': "GO111MODULE=off makes the go command ignore the workspace's go.mod",
        'docs': (
            '## What it checks\n'
            'GO111MODULE=off, from the environment or the GOENV file, while the workspace has a go.mod (or a go.work).\n'
            '\n'
            '## Why it matters\n'
            'With GO111MODULE=off the go command works in GOPATH mode and ignores go.mod and go.work completely: the\n'
            "module's own packages and its requirements are looked up under GOROOT/src and GOPATH/src, so a build\n"
            'fails with `cannot find package "example.com/app/lib" in any of: … (from $GOROOT) … (from $GOPATH)`,\n'
            "`go mod tidy` with `go: modules disabled by GO111MODULE=off; see 'go help modules'` and `go list -m` with\n"
            '`go: list -m cannot be used with GO111MODULE=off`. gopls loads packages through the go command and\n'
            'sees the same errors.\n'
            'The variable is a leftover of Go 1.11–1.15; since Go 1.16 modules are the default: an empty GO111MODULE is\n'
            'the healthy setting (there is no need to set it to `on`).\n'
            '\n'
            '## How to fix\n'
            'Unset it: `go env -u GO111MODULE` when `go env -w` wrote it, or remove `export GO111MODULE=off` from your\n'
            'shell profile (and the CI or Dockerfile that sets it).\n'
            '\n'
            '## Example\n'
            '`go env -w GO111MODULE=off` once for an old GOPATH project, then a module checked out anywhere.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Unset GO111MODULE (`go env -u GO111MODULE`)',
        'tags': ('go111module', 'modules'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge202_go111module_off',
    },
    {
        'code': 'GE203',
        'name': 'env-overrides-goenv-file',
        'severity': 'warning',
        'summary': 'An environment variable overrides a different value `go env -w` wrote to the GOENV file',
        'docs': (
            '## What it checks\n'
            'Each variable of the GOENV file (what `go env -w` wrote) that is also set, non-empty and to another value,\n'
            'in the environment goenv-lsp was started with: GO111MODULE, GOPROXY, GOFLAGS, GOPATH or any other.\n'
            '\n'
            '## Why it matters\n'
            "A non-empty environment variable always wins over the GOENV file (`cfg.Getenv`), so the file's line is\n"
            'dead: `go env -w GOPROXY=…` seems to work — it only warns `warning: go env -w GOPROXY=... does not\n'
            'override conflicting OS environment variable` — and nothing changes. Worse, programs started without\n'
            "your shell's variables (an editor launched from the desktop, a service) do use the file's value: the\n"
            'same machine behaves two ways.\n'
            '\n'
            '## How to fix\n'
            "Decide which value you want. To keep the environment's, delete the line from the GOENV file (the fix\n"
            "does that; `go env -u KEY` does too). To use the file's, remove the `export KEY=…` from your shell\n"
            'profile (or the Windows user environment variables).\n'
            '\n'
            '## Example\n'
            '`export GOFLAGS=-mod=mod` in `~/.bashrc` and `GOFLAGS=-mod=vendor` written by `go env -w`.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('environment', 'goenv'),
        'status': 'stable',
        'fix_title': 'Remove the overridden line from the GOENV file',
        'tags': ('goenv',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge203_env_overrides_goenv_file',
    },
    {
        'code': 'GE204',
        'name': 'gopath-mode-outside-gopath',
        'severity': 'warning',
        'summary': 'GOPATH mode (no go.mod, GO111MODULE off or auto) in a workspace outside every GOPATH/src',
        'docs': (
            '## What it checks\n'
            'A workspace the go command treats in GOPATH mode — GO111MODULE=off, or GO111MODULE=auto with no go.mod and\n'
            'no go.work in the workspace or above it — that is not inside any `GOPATH/src`.\n'
            '\n'
            '## Why it matters\n'
            'In GOPATH mode an import path is a directory under `GOROOT/src` or `GOPATH/src`, nothing else. Outside\n'
            'them a main package that imports only the standard library still builds, but every import of the\n'
            'project\'s own packages or of a third-party one fails with `cannot find package "…" in any of: …\n'
            '(from $GOROOT) … (from $GOPATH)`, and gopls reports those errors in every file. (With an empty\n'
            'GO111MODULE the go command would instead stop with `go: go.mod file not found in current directory or any\n'
            'parent directory`: either way, the project lacks a go.mod.)\n'
            '\n'
            '## How to fix\n'
            'Make the project a module: `go mod init <module path>` in its root (then `go mod tidy`), and unset\n'
            'GO111MODULE. A legacy project that must stay in GOPATH mode belongs in `$GOPATH/src/<import path>`.\n'
            '\n'
            '## Example\n'
            '`export GO111MODULE=auto` and a project without go.mod cloned to `~/src/tool`.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('go111module', 'gopath'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge204_gopath_mode_outside_gopath',
    },
    {
        'code': 'GE205',
        'name': 'gopath-in-project-or-temp',
        'severity': 'warning',
        'summary': 'GOPATH or GOMODCACHE is the project, inside it, or in a temporary directory',
        'docs': (
            '## What it checks\n'
            'A GOPATH entry or GOMODCACHE you set that is the workspace itself, a directory inside it, or inside a\n'
            'temporary directory (/tmp, /var/tmp, $TMPDIR; on Windows %TEMP%, %TMP%, `%LOCALAPPDATA%\\Temp`) while\n'
            'your home directory is not in one (a home in /tmp is a CI job or a sandbox, thrown away on purpose).\n'
            '\n'
            '## Why it matters\n'
            'GOPATH holds the module cache (`pkg/mod`, read-only files) and the tools `go install` builds (`bin`).\n'
            'Inside the project they show up in `git status`, get indexed by editors and gopls, and make `rm -rf` of\n'
            "a checkout fail on read-only files. GOPATH equal to a module's root is worse: every go command warns\n"
            '`go: warning: ignoring go.mod in $GOPATH …` and those that need the main module (`go mod tidy`, `go get`)\n'
            'fail with `go: go.mod file not found in current directory or any parent directory`. In a temporary\n'
            'directory the module cache and installed tools are wiped at reboot or by a cleaner, and every\n'
            'dependency is downloaded again.\n'
            '\n'
            '## How to fix\n'
            'Unset GOPATH (the default `$HOME/go` is right for most people) or point it outside the project and the\n'
            'temporary directories: delete the line from the GOENV file (the fix), or change your shell profile.\n'
            '\n'
            '## Example\n'
            "`export GOPATH=$PWD` in a project's `.envrc`, or `GOPATH=/tmp/go` copied from a CI script.\n"
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Remove the setting from the GOENV file',
        'tags': ('gopath',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge205_gopath_in_project_or_temp',
    },
    {
        'code': 'GE206',
        'name': 'gopath-several-entries',
        'severity': 'info',
        'summary': 'GOPATH lists several directories: go writes to the first only',
        'docs': (
            '## What it checks\n'
            'A GOPATH with more than one entry (`:`-separated, `;` on Windows).\n'
            '\n'
            '## Why it matters\n'
            'Only the first entry is written to: `go install` puts tools in its `bin` (unless GOBIN is set), the\n'
            'module cache lives in its `pkg/mod` and the checksum database cache in its `pkg/sumdb`. The other entries\n'
            'are only searched for packages in GOPATH mode, so tools in their `bin` directories are never updated by\n'
            '`go install`, and putting those directories on PATH runs stale copies. In module mode the extra entries\n'
            'have no use at all.\n'
            '\n'
            '## How to fix\n'
            'Keep one entry (or unset GOPATH for the default `$HOME/go`) and move what you still need from the\n'
            'others; put `$(go env GOPATH)/bin` (or GOBIN) on PATH.\n'
            '\n'
            '## Example\n'
            '`export GOPATH=$HOME/go:$HOME/work` from the GOPATH era.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('gopath',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge206_gopath_several_entries',
    },
    {
        'code': 'GE207',
        'name': 'goenv-unusable',
        'severity': 'warning',
        'summary': 'The GOENV file is a directory, unreadable, or named by a relative path',
        'docs': (
            '## What it checks\n'
            'The GOENV file — `$GOENV`, else `os.UserConfigDir()/go/env` — when it is a directory or a file this user\n'
            'cannot read, and a GOENV that is a relative path.\n'
            '\n'
            '## Why it matters\n'
            'The go command ignores a GOENV file it cannot read, silently (`cfg.readEnvFile`): every setting\n'
            '`go env -w` wrote is gone, and `go env -w` / `go env -u` fail with `go: reading go env config: read …: is\n'
            'a directory` or `go: reading go env config: open …: permission denied`. A relative GOENV is read from\n'
            'the current directory of each go command, so every directory has its own settings (none, mostly).\n'
            '\n'
            '## How to fix\n'
            'Point GOENV at a file (`export GOENV="$HOME/.config/go/env"`), or unset it for the default; make the file\n'
            'readable (`chmod u+rw`, or `sudo chown $USER` after a `sudo go env -w`).\n'
            '\n'
            '## Example\n'
            '`export GOENV=~/.config/go` (the directory, not `~/.config/go/env`).\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'goenv', 'path-info'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('goenv',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge207_goenv_unusable',
    },
    {
        'code': 'GE208',
        'name': 'goenv-off-hides-settings',
        'severity': 'warning',
        'summary': 'GOENV=off silently disables the settings `go env -w` wrote',
        'docs': (
            '## What it checks\n'
            'GOENV=off in the environment while the default GOENV file (`~/.config/go/env`, `%AppData%\\go\\env`,\n'
            '`~/Library/Application Support/go/env`) holds settings.\n'
            '\n'
            '## Why it matters\n'
            'GOENV=off turns the user configuration file off: every setting `go env -w` wrote there (GOPRIVATE,\n'
            'GOPROXY, GOFLAGS …) is silently ignored. `go env -w` does not even fail: it still writes the default\n'
            'file (checked with go 1.22, 1.24 and 1.27), where the new value is ignored too. `go env -w GOENV=off`\n'
            'itself is refused (`go: GOENV can only be set using the OS environment`), so the `off` comes from a shell\n'
            'profile, a CI file or a Dockerfile.\n'
            '\n'
            '## How to fix\n'
            'Remove `GOENV=off` from where it is exported, or, if the settings must not apply, delete them from the\n'
            'file so that nobody relies on them.\n'
            '\n'
            '## Example\n'
            '`export GOENV=off` copied from a hardening guide, with `GOPRIVATE=git.corp.example` written by `go env -w`.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'goenv-unused'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('goenv',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('goenv-unused',),
        'module': 'goenv_lsp.rules.ge2_modules.ge208_goenv_off_hides_settings',
    },
    {
        'code': 'GE209',
        'name': 'go-dir-not-writable',
        'severity': 'warning',
        'summary': 'GOCACHE, GOMODCACHE or the go install directory is not writable (root-owned after sudo go …)',
        'docs': (
            '## What it checks\n'
            'The directories the go command writes to, as the go on PATH reports them (set or default): GOCACHE (the\n'
            'build cache), GOMODCACHE (the module cache), and where `go install` puts programs (GOBIN, else the first\n'
            "GOPATH entry's `bin`). Each must be a directory this user can write, or, when it does not exist yet,\n"
            'one the go command can create: the nearest existing directory above it must be writable.\n'
            '\n'
            '## Why it matters\n'
            '`sudo go install …` or `sudo go mod download` with your HOME leaves root-owned directories behind, and\n'
            'from then on the go command fails far from the cause: builds with `failed to initialize build cache at\n'
            '…: mkdir …: permission denied`, downloads with `go: could not create module cache: mkdir …: permission\n'
            'denied` (or `go: writing go.mod cache: mkdir …/cache: permission denied`), `go install` with `mkdir\n'
            '…/bin/: permission denied`. gopls, which builds and downloads for the editor, fails the same way.\n'
            '\n'
            '## How to fix\n'
            'Give the directory back to yourself: `sudo chown -R "$(id -un)" <directory>` — or point the variable\n'
            'elsewhere. Never run `go` with sudo to get around it.\n'
            '\n'
            '## Example\n'
            "`sudo go install golang.org/x/tools/gopls@latest` on macOS (sudo keeps HOME): `~/go` is now root's.\n"
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv', 'path-info'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('permissions',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge209_go_dir_not_writable',
    },
    {
        'code': 'GE210',
        'name': 'gocache-off',
        'severity': 'error',
        'summary': 'GOCACHE=off (or relative): every build fails, the build cache is required since Go 1.12',
        'docs': (
            '## What it checks\n'
            'GOCACHE set to `off`, or to a relative path, in the environment or the GOENV file.\n'
            '\n'
            '## Why it matters\n'
            'Since Go 1.12 the build cache is required: `go build`, `go test`, `go vet`, `go run` and the package\n'
            'loading of gopls (`go list -compiled`) stop with `build cache is disabled by GOCACHE=off, but required\n'
            'as of Go 1.12`, and a relative GOCACHE with `build cache is required, but could not be located: GOCACHE\n'
            'is not an absolute path`; only plain `go list` and `go env` still work. `GOCACHE=off` was the Go ≤ 1.11\n'
            'way to disable caching; old CI snippets still carry it.\n'
            '\n'
            '## How to fix\n'
            'Unset GOCACHE (the default is `os.UserCacheDir()/go-build`): `go env -u GOCACHE` when `go env -w` wrote\n'
            'it, else remove the export. To start from an empty cache run `go clean -cache` instead.\n'
            '\n'
            '## Example\n'
            '`GOCACHE=off` in a CI configuration written for Go 1.10.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Unset GOCACHE (`go env -u GOCACHE`)',
        'tags': ('gocache',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge210_gocache_off',
    },
    {
        'code': 'GE211',
        'name': 'gotmpdir-invalid',
        'severity': 'error',
        'summary': 'GOTMPDIR (or TMPDIR) names a directory that is missing, a file, relative or not writable',
        'docs': (
            '## What it checks\n'
            'GOTMPDIR — where the go command creates its temporary work directory — set to a path that is relative,\n'
            'does not exist, is a file, or is not writable; and, when GOTMPDIR is unset, a TMPDIR like that (go then\n'
            'works in `os.TempDir()`, which is $TMPDIR on Unix).\n'
            '\n'
            '## Why it matters\n'
            'The go command does not create that directory: every build, test and run stops at once with\n'
            '`go: creating work dir: stat /path: no such file or directory` (or `mkdir /path/go-build…: not a\n'
            'directory` / `permission denied`); gopls fails the same way. A GOTMPDIR on a RAM disk or a mounted\n'
            'volume that is gone after a reboot is the usual cause.\n'
            '\n'
            '## How to fix\n'
            'Create the directory (`mkdir -p /path`), or unset GOTMPDIR: `go env -u GOTMPDIR` when `go env -w` wrote\n'
            'it (the fix removes the line), else remove the export.\n'
            '\n'
            '## Example\n'
            '`export GOTMPDIR=/mnt/ramdisk/go` after the RAM disk was not mounted.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv', 'path-info'),
        'status': 'stable',
        'fix_title': 'Remove GOTMPDIR from the GOENV file',
        'tags': ('gotmpdir',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge211_gotmpdir_invalid',
    },
    {
        'code': 'GE212',
        'name': 'go-dir-relative',
        'severity': 'error',
        'summary': 'GOMODCACHE or GOBIN is not an absolute path (an unexpanded ~, $HOME or %VAR%)',
        'docs': (
            '## What it checks\n'
            'GOMODCACHE or GOBIN set (environment or GOENV file) to a path that is not absolute — often a `~`, `$HOME`\n'
            'or `%USERPROFILE%` the go command never expands.\n'
            '\n'
            '## Why it matters\n'
            '`go env -w` refuses such values, but an `export` or a hand-edited GOENV file does not. Then every\n'
            'download fails with `go: GOMODCACHE entry is relative; must be absolute path: "~/mod".` and every\n'
            '`go install` (including the one that installs gopls) with `cannot install, GOBIN must be an absolute\n'
            'path` — while builds of already-downloaded modules still work, so the cause is easy to miss.\n'
            '\n'
            '## How to fix\n'
            'Use an absolute path (`export GOBIN="$HOME/bin"`: double quotes expand `$HOME`), or unset the variable\n'
            "for the default (`GOPATH/pkg/mod`, `GOPATH/bin`): the fix deletes the GOENV file's line.\n"
            '\n'
            '## Example\n'
            '`GOMODCACHE=%LOCALAPPDATA%\\go\\mod` written into the GOENV file by hand on Windows.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Remove the setting from the GOENV file',
        'tags': ('gomodcache', 'gobin'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge212_go_dir_relative',
    },
    {
        'code': 'GE213',
        'name': 'legacy-dependency-manager',
        'severity': 'warning',
        'summary': "a legacy dependency manager's files (Gopkg.lock, glide.yaml, …) at the root but no go.mod",
        'docs': (
            '## What it checks\n'
            'A workspace whose root holds the files of a pre-module dependency manager — `Gopkg.lock` / `Gopkg.toml`\n'
            '(dep), `glide.yaml` / `glide.lock`, `Godeps/Godeps.json` (godep), `vendor/vendor.json` (govendor),\n'
            '`vendor/manifest` (gvt), `vendor.conf` and the other names `go mod init` once converted — but no go.mod and\n'
            'no go.work at or above the root, while the go command is in module mode (GO111MODULE empty or `on`).\n'
            'Reported on the first such file. Quiet with GO111MODULE=off or auto (GOPATH mode, where dep and glide work\n'
            'as designed) and when a go.mod exists (the old files are then leftovers).\n'
            '\n'
            '## Why it matters\n'
            'Since Go 1.16 module mode is the default, inside GOPATH/src too: there is no implicit conversion of these\n'
            'files. `go build`, `go test` and gopls stop with `go: go.mod file not found in current directory or any\n'
            "parent directory; see 'go help modules'`. Up to Go 1.21 `go mod init` read the old lock file and copied its\n"
            'versions into go.mod; Go 1.22 removed that conversion (cmd/go/internal/modconv): `go mod init` now writes\n'
            'only the module and go lines, and `go mod tidy` picks the newest version of each dependency, not the\n'
            'versions the lock file pinned.\n'
            '\n'
            '## How to fix\n'
            'Run `go mod init <module path>` at the root, then `go mod tidy`; compare the chosen versions with the old\n'
            "lock file and pin any that must stay with `go get example.com/dep@v1.2.3`. Delete the old manager's files\n"
            'once the build works. (Building in GOPATH mode with GO111MODULE=off still works, but it is deprecated.)\n'
            '\n'
            '## Example\n'
            'A checkout of an old project with `Gopkg.toml`, `Gopkg.lock` and `vendor/`, but no go.mod.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules', 'path-info'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('modules',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge2_modules.ge213_legacy_dependency_manager',
    },
    {
        'code': 'GE301',
        'name': 'editor-sdk-missing',
        'severity': 'error',
        'summary': 'An editor setting names a Go SDK that does not exist',
        'docs': (
            '## What it checks\n'
            "An SDK named by editor settings that is not there: VS Code's `go.goroot`, `go.alternateTools.go` or\n"
            "`go.toolsEnvVars.GOROOT` in `.vscode/settings.json`, or GoLand's project GOROOT in `.idea/workspace.xml`,\n"
            "pointing at a directory without a usable `bin/go`. The diagnostic sits on the setting's value.\n"
            '\n'
            '## Why it matters\n'
            "These settings hold absolute, per-user paths. A version-manager upgrade (mise, asdf, Homebrew's versioned\n"
            'Cellar paths), a removed `~/sdk/go1.x.y` or a settings file copied from a colleague leaves them pointing at\n'
            'nothing. vscode-go then silently ignores the setting ("go.goroot setting is ignored") or fails to find\n'
            '`go`; GoLand shows an invalid SDK.\n'
            '\n'
            '## How to fix\n'
            'Point the setting at an existing Go root — the quick fix uses the GOROOT of the `go` on PATH — or delete it\n'
            'so the editor uses the `go` on PATH. VS Code resolves `${workspaceFolder}`, `${env:NAME}` and a leading `~`\n'
            'in these settings, but not `${userHome}`: the fix writes a Go under your home as `~/…` and one inside the\n'
            "workspace as `${workspaceFolder}/…`; any other absolute path would put this machine's path into a file the\n"
            "repository usually shares, so that fix is marked unsafe (prefer your user settings then). GoLand's\n"
            'per-user workspace.xml keeps its `$USER_HOME$` / `$PROJECT_DIR$` macros.\n'
            '\n'
            '## Example\n'
            '`"go.goroot": "/opt/homebrew/Cellar/go/1.22.0/libexec"` after `brew upgrade go` removed that version.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('editor-settings', 'go-binaries', 'goland-workspace', 'vscode-settings'),
        'status': 'stable',
        'fix_title': 'Point the setting at the Go root of the go that runs',
        'tags': ('editor',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('editor-settings', 'goland-workspace', 'vscode-settings'),
        'module': 'goenv_lsp.rules.ge3_editor.ge301_editor_sdk_missing',
    },
    {
        'code': 'GE302',
        'name': 'editor-sdk-mismatch',
        'severity': 'warning',
        'summary': 'An editor setting selects another Go than the go that runs',
        'docs': (
            '## What it checks\n'
            "An SDK named by editor settings (VS Code's `go.goroot`, `go.alternateTools.go`, `go.toolsEnvVars.GOROOT`;\n"
            "GoLand's project GOROOT) that exists but is another Go than the one `go env GOROOT` reports for the `go`\n"
            "that runs in the workspace — the first `go` on PATH. The diagnostic sits on the setting's value.\n"
            '\n'
            '## Why it matters\n'
            'The editor then builds, tests, formats and runs gopls with one Go while your terminal, scripts and CI use\n'
            'another: different language features, different standard library, go.mod accepted in one place and\n'
            'rejected in the other, and bugs that "only happen in the editor".\n'
            '\n'
            '## How to fix\n'
            'Make them agree: point the setting at the Go root of the `go` on PATH (the quick fix does this, as `~/…` or\n'
            '`${workspaceFolder}/…` where it can, with `$USER_HOME$` / `$PROJECT_DIR$` for GoLand; a machine-specific\n'
            'absolute path in .vscode/settings.json is an unsafe fix, since the file is usually shared), delete the\n'
            'setting so the editor follows PATH, or — if the setting is what you want — put that Go first on PATH.\n'
            '\n'
            '## Example\n'
            '`"go.goroot": "/usr/local/go1.22.10"` while `go version` in the terminal says go1.27.3.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('editor-settings', 'go-binaries', 'goland-workspace', 'path-info', 'vscode-settings'),
        'status': 'stable',
        'fix_title': 'Point the setting at the Go root of the go that runs',
        'tags': ('editor',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('editor-settings', 'goland-workspace', 'vscode-settings'),
        'module': 'goenv_lsp.rules.ge3_editor.ge302_editor_sdk_mismatch',
    },
    {
        'code': 'GE303',
        'name': 'vscode-gopath-differs',
        'severity': 'warning',
        'summary': "go.gopath / go.toolsGopath hold a placeholder vscode-go does not substitute, or go.gopath is another GOPATH than the terminal's",
        'docs': (
            '## What it checks\n'
            "VS Code's `go.gopath` and `go.toolsGopath`. vscode-go substitutes `${env:NAME}`, `${workspaceFolder}`,\n"
            '`${workspaceRoot}`, `${workspaceFolderBasename}` and a leading `~` in them (util.ts `substituteEnv`,\n'
            '`resolvePath`) — and nothing else. Reported:\n'
            '\n'
            "* a placeholder it does not substitute: `$HOME`, `${HOME}`, `%USERPROFILE%`, VS Code's `${userHome}`, or\n"
            "  `${env:NAME}` naming a variable the editor's environment does not have (it becomes the empty string);\n"
            '* `go.gopath` naming another GOPATH than `go env GOPATH` in the terminal (unless `go.inferGopath` is on,\n'
            '  which replaces it). vscode-go runs go, gopls and the tools with `GOPATH` set to `go.gopath`.\n'
            '  `go.toolsGopath` is only where vscode-go installs its tools ("if you don\'t want them in your GOPATH"), so\n'
            '  it may differ.\n'
            '\n'
            'The diagnostic sits on the value.\n'
            '\n'
            '## Why it matters\n'
            'An unsubstituted placeholder reaches the go command as a relative path, and every go command the editor\n'
            'runs fails: `go: GOPATH entry is relative; must be absolute path: "$HOME/go".` (for `go.toolsGopath`, every\n'
            "tool installation fails that way). A `go.gopath` different from the terminal's means the editor downloads\n"
            'modules into another cache (`<go.gopath>/pkg/mod`, unless GOMODCACHE is set), installs tools into another\n'
            '`bin`, and in GOPATH mode resolves imports elsewhere — so the editor and the terminal disagree about what is\n'
            'installed and what builds.\n'
            '\n'
            '## How to fix\n'
            'Write placeholders as vscode-go reads them — `~/go` or `${env:HOME}/go`, `${env:USERPROFILE}\\go` — (the\n'
            'quick fix rewrites them). For a `go.gopath` that differs, delete it (the quick fix) and set GOPATH once for\n'
            'every go with `go env -w GOPATH=…`; most people need no GOPATH setting at all (the default is `~/go`).\n'
            '\n'
            '## Example\n'
            '`"go.gopath": "$HOME/go"` (copied from a shell profile), or `"go.gopath": "/home/old-user/go"`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('editor-settings', 'environment', 'go-binaries', 'vscode-settings'),
        'status': 'stable',
        'fix_title': 'Rewrite the placeholder, or remove go.gopath',
        'tags': ('editor',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': ('editor-settings', 'vscode-settings'),
        'module': 'goenv_lsp.rules.ge3_editor.ge303_vscode_gopath_differs',
    },
    {
        'code': 'GE304',
        'name': 'editor-go-env-differs',
        'severity': 'info',
        'summary': "VS Code settings give the editor's go commands another go variable than the terminal's",
        'docs': (
            '## What it checks\n'
            "A go variable that VS Code settings set for the editor's go commands — `go.toolsEnvVars` (vscode-go runs\n"
            'go, gopls and the other tools with it) or gopls\' `"gopls": {"build.env": {…}}` (the environment of the go\n'
            'commands gopls runs) — to another value than `go env` reports in the terminal: GOFLAGS, GOPROXY,\n'
            'GOPRIVATE, GONOPROXY, GONOSUMDB, GOSUMDB, GOINSECURE, GOOS, GOARCH, GO111MODULE, GOTOOLCHAIN, GOEXPERIMENT,\n'
            "CGO_ENABLED, and GOROOT in `build.env` (`go.toolsEnvVars.GOROOT` is GE301/GE302's). vscode-go's\n"
            'substitutions (`${env:NAME}`, `${workspaceFolder}`, a leading `~`) are applied first; an empty value is not\n'
            'compared. The diagnostic sits on the value.\n'
            '\n'
            '## Why it matters\n'
            'The editor and the terminal then build different things: `-mod=vendor` against `-mod=mod`, another module\n'
            'proxy or checksum database, another target platform (`GOOS=windows` makes gopls analyse the Windows files\n'
            'while `go build` builds the Linux ones), cgo on in one and off in the other. Errors appear in one place and\n'
            'not the other, and `go.sum` or `vendor/` changes made from the editor surprise the terminal. Sometimes that\n'
            "is the intent (gopls looking at another platform's files, integration-test tags): then this is only a\n"
            'reminder that the terminal differs.\n'
            '\n'
            '## How to fix\n'
            'If the difference is not intended, remove the entry (the quick fix) so the editor inherits the same value as\n'
            'the terminal, and set the variable once for both: `go env -w NAME=value` (the GOENV file every go reads).\n'
            'Build tags are better given as `"gopls": {"build.buildFlags": ["-tags=…"]}` than through GOFLAGS.\n'
            '\n'
            '## Example\n'
            '`"go.toolsEnvVars": {"GOFLAGS": "-mod=vendor"}` while `go env GOFLAGS` in the terminal is empty.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('editor-settings', 'environment', 'go-binaries', 'go.env', 'goenv', 'vscode-settings'),
        'status': 'stable',
        'fix_title': "Remove the entry so the editor inherits the terminal's value",
        'tags': ('editor', 'gopls'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('editor-settings', 'vscode-settings'),
        'module': 'goenv_lsp.rules.ge3_editor.ge304_editor_go_env_differs',
    },
    {
        'code': 'GE305',
        'name': 'build-flag-with-space',
        'severity': 'error',
        'summary': 'A build-flags entry holds a space: go reads it as one unknown flag',
        'docs': (
            '## What it checks\n'
            "An entry of a flag list in `.vscode/settings.json` — `go.buildFlags`, `go.testFlags`, or gopls'\n"
            '`"gopls": {"build.buildFlags": [...]}` — that holds a flag and its value (or two flags) separated by a\n'
            'space, such as `"-tags integration"` or `"-race -v"`. A space after `=` (`"-ldflags=-s -w"`) is part of the\n'
            'value and fine. The diagnostic sits on the entry.\n'
            '\n'
            '## Why it matters\n'
            'Each entry reaches the go command as one argument, never split by a shell, so go reads a single flag named\n'
            "`tags integration` and stops: `flag provided but not defined: -tags integration`. vscode-go's builds and\n"
            'tests fail, and gopls (which gets `go.buildFlags` too) cannot load any package, so the whole workspace shows\n'
            'errors.\n'
            '\n'
            '## How to fix\n'
            'Join a flag and its value with `=` (`"-tags=integration"`), or give each flag its own entry\n'
            '(`"-race", "-v"`); the quick fix does one or the other.\n'
            '\n'
            '## Example\n'
            '`"go.buildFlags": ["-tags integration"]` → `"go.buildFlags": ["-tags=integration"]`.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('editor-settings', 'vscode-settings'),
        'status': 'stable',
        'fix_title': 'Write the flag as -name=value or split the entry',
        'tags': ('editor', 'gopls'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('editor-settings', 'vscode-settings'),
        'module': 'goenv_lsp.rules.ge3_editor.ge305_build_flag_with_space',
    },
    {
        'code': 'GE306',
        'name': 'language-server-disabled',
        'severity': 'warning',
        'summary': 'VS Code settings turn gopls off (go.useLanguageServer: false)',
        'docs': (
            '## What it checks\n'
            '`"go.useLanguageServer": false` in `.vscode/settings.json`: vscode-go starts no language server (gopls).\n'
            'The diagnostic sits on the `false`.\n'
            '\n'
            '## Why it matters\n'
            'Since the releases after September 2023 vscode-go has no other way to offer Go language features: without\n'
            'gopls there is no completion, navigation, hover documentation, formatting, refactoring, code actions or\n'
            "type-checking diagnostics, only the build and vet run on save (vscode-go's CHANGELOG, issue\n"
            'golang/vscode-go#2799). The setting is usually left over from the days of gocode or from working around a\n'
            'gopls crash, and it silently turns the editor into a plain text editor for everyone who shares the file.\n'
            '\n'
            '## How to fix\n'
            'Set it to `true` (the quick fix), or delete it: `true` is the default. If gopls misbehaves, fix that\n'
            'instead — an older or newer gopls (`go install golang.org/x/tools/gopls@vX.Y.Z`), `"gopls"` settings such as\n'
            '`build.directoryFilters` for a huge workspace — so that the language features stay on.\n'
            '\n'
            '## Example\n'
            '`"go.useLanguageServer": false` copied from a 2019 blog post.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('editor-settings', 'vscode-settings'),
        'status': 'stable',
        'fix_title': 'Set go.useLanguageServer to true',
        'tags': ('editor', 'gopls'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('editor-settings', 'vscode-settings'),
        'module': 'goenv_lsp.rules.ge3_editor.ge306_language_server_disabled',
    },
    {
        'code': 'GE307',
        'name': 'gopls-flag-rejected',
        'severity': 'error',
        'summary': 'go.languageServerFlags holds a flag gopls rejects, so gopls does not start',
        'docs': (
            '## What it checks\n'
            'Entries of `go.languageServerFlags` in `.vscode/settings.json` that gopls does not accept on its command\n'
            'line: a go build flag (`-mod=readonly`, `-tags=integration`), a gopls setting written as a flag\n'
            '(`-build.directoryFilters=…`, `-staticcheck`), or a word other than `serve`. The flags gopls takes are\n'
            '`-rpc.trace`, `-logfile`, `-remote…`, `-debug`, `-listen…`, `-v`/`-vv`, `-profile.…` and a few more; the list\n'
            'goenv-lsp checks against is the union over every gopls release (golang.org/x/tools\n'
            '`gopls/internal/cmd`), so a flag only an older gopls took is not reported. The diagnostic sits on the entry.\n'
            '\n'
            '## Why it matters\n'
            "vscode-go starts gopls as `gopls <go.languageServerFlags…>`. gopls parses them with Go's flag package and\n"
            'exits at the first one it does not define (`flag provided but not defined: -mod`), so there is no language\n'
            'server at all: vscode-go reports that it was unable to start it and asks you to check the setting. A word\n'
            'that is not a flag is taken as a command name.\n'
            '\n'
            '## How to fix\n'
            'Remove the entry (the quick fix rewrites the list without the rejected entries). Build flags belong in\n'
            '`"gopls": {"build.buildFlags": ["-tags=integration"]}` (or `go.buildFlags`, which vscode-go passes on);\n'
            'GOFLAGS-style settings in `"gopls": {"build.env": {"GOFLAGS": "-mod=mod"}}`; gopls settings in the `"gopls"`\n'
            'object. `go.languageServerFlags` is for debugging gopls: `["-rpc.trace", "-logfile=/tmp/gopls.log"]`.\n'
            '\n'
            '## Example\n'
            '`"go.languageServerFlags": ["-mod=readonly"]`: gopls exits with `flag provided but not defined: -mod`.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('editor-settings', 'vscode-settings'),
        'status': 'stable',
        'fix_title': 'Remove the entries gopls rejects',
        'tags': ('editor', 'gopls'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('editor-settings', 'vscode-settings'),
        'module': 'goenv_lsp.rules.ge3_editor.ge307_gopls_flag_rejected',
    },
    {
        'code': 'GE308',
        'name': 'setting-unknown',
        'severity': 'warning',
        'summary': 'A go.* or gopls setting that vscode-go and gopls do not know (silently ignored)',
        'docs': (
            '## What it checks\n'
            'Keys in `.vscode/settings.json` that nothing reads: a `go.*` setting vscode-go does not contribute (the list\n'
            "is vscode-go's `package.json`, shipped with goenv-lsp), one it removed (named with the last release that had\n"
            'it), a member of the `"gopls"` object that no gopls release knows (gopls matches the last segment of a\n'
            'dotted name: `ui.semanticTokens` is `semanticTokens`), and `GOPLS_…` variables in `go.toolsEnvVars` or\n'
            'gopls\' `build.env` (gopls reads none of them). A near miss gets a "did you mean". Only `go.*` and `gopls`\n'
            "keys are checked, never other extensions'. The diagnostic sits on the key.\n"
            '\n'
            '## Why it matters\n'
            'VS Code keeps unknown keys without complaint (at most a faint underline in the editor), so a typo or an\n'
            'invented setting — `go.goplsPath`, `go.goplsArgs`, `go.toolsEnvVars.GOPLS_GO_VERSION` from a forum answer —\n'
            'silently does nothing, and the problem it was meant to fix stays. gopls reports unknown members of\n'
            '`"gopls"` only in a passing pop-up (`Invalid settings: setting option "…": unexpected setting`).\n'
            '\n'
            '## How to fix\n'
            'Use the real setting: the quick fix renames a near miss. The gopls binary is chosen with\n'
            '`"go.alternateTools": {"gopls": "/path/to/gopls"}`, its command-line flags with `go.languageServerFlags`;\n'
            'a gopls that suits an old Go is installed with `go install golang.org/x/tools/gopls@vX.Y.Z` (there is no\n'
            'variable to pick a Go version). Delete settings vscode-go removed.\n'
            '\n'
            '## Example\n'
            '`"go.goplsPath": "/home/me/go/bin/gopls"` → `"go.alternateTools": {"gopls": "/home/me/go/bin/gopls"}`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('vscode-settings',),
        'status': 'stable',
        'fix_title': 'Rename the setting to the one it is close to',
        'tags': ('editor', 'gopls'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('vscode-settings',),
        'module': 'goenv_lsp.rules.ge3_editor.ge308_setting_unknown',
    },
    {
        'code': 'GE310',
        'name': 'goland-modules-integration-off',
        'severity': 'warning',
        'summary': "GoLand's Go modules integration is off in a project with a go.mod",
        'docs': (
            '## What it checks\n'
            "GoLand's Go modules integration switched off — `.idea/workspace.xml` holding\n"
            '`<component name="VgoProject"><integration-enabled>false</integration-enabled>` (Settings | Go | Go Modules,\n'
            '"Enable Go modules integration") — in a project that has a go.mod. A workspace.xml without that element is\n'
            'left alone (GoLand decides by itself). The diagnostic sits on the `false`.\n'
            '\n'
            '## Why it matters\n'
            'With the integration off GoLand does not load the dependencies go.mod lists: imports of required modules\n'
            'are unresolved, completion and navigation into them stop, and the project is indexed as if it were GOPATH\n'
            'code — while `go build` in the terminal works. The switch is usually left over from a project that started\n'
            'in GOPATH mode, or copied with a `.idea` directory from an older project.\n'
            '\n'
            '## How to fix\n'
            'Turn the integration on: Settings | Go | Go Modules | Enable Go modules integration, or set the element to\n'
            '`true` (the quick fix), then let GoLand reload the project.\n'
            '\n'
            '## Example\n'
            '`<integration-enabled>false</integration-enabled>` in `.idea/workspace.xml` next to a `go.mod`.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('go.mod', 'goland-workspace', 'modules'),
        'status': 'stable',
        'fix_title': "Turn GoLand's Go modules integration on",
        'tags': ('editor',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('goland-workspace',),
        'module': 'goenv_lsp.rules.ge3_editor.ge310_goland_modules_integration_off',
    },
    {
        'code': 'GE313',
        'name': 'goland-sdk-too-old',
        'severity': 'warning',
        'summary': "GoLand's project SDK is older than the module's go line",
        'docs': (
            '## What it checks\n'
            "GoLand's project SDK — the GOROOT in `.idea/workspace.xml` — whose Go (as `go version` of that SDK says)\n"
            "is older than the `go` line of the workspace's module (the go.mod or go.work at the project root). The\n"
            'diagnostic sits on the GOROOT value.\n'
            '\n'
            '## Why it matters\n'
            "Since Go 1.21 the `go` line is a minimum. GoLand builds, runs and tests with its SDK's go, which then\n"
            'downloads and runs the newer toolchain the module asks for (GOTOOLCHAIN=auto) — or fails with\n'
            '`go: go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local)` where downloads are off — while\n'
            "GoLand's own code insight reads the SDK's older standard library: functions and language features the module\n"
            'relies on show as errors in the editor although the code builds in the terminal.\n'
            '\n'
            '## How to fix\n'
            'Choose a Go at least as new as the go line as the project SDK (Settings | Go | GOROOT; "Download…" installs\n'
            'one). The quick fix points the GOROOT at such a Go found on this machine — the go on PATH first — written\n'
            "with GoLand's `$USER_HOME$` / `$PROJECT_DIR$` macros where it can; an absolute path elsewhere is marked\n"
            'unsafe, for a workspace.xml that is shared.\n'
            '\n'
            '## Example\n'
            '`<component name="GOROOT" url="file://$USER_HOME$/sdk/go1.22.10" />` while go.mod says `go 1.27.3`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('go-binaries', 'go.mod', 'go.work', 'goland-workspace', 'modules'),
        'status': 'stable',
        'fix_title': 'Point the project GOROOT at a Go new enough for the go line',
        'tags': ('editor', 'versions'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('goland-workspace',),
        'module': 'goenv_lsp.rules.ge3_editor.ge313_goland_sdk_too_old',
    },
    {
        'code': 'GE401',
        'name': 'proxy-settings-empty',
        'severity': 'error',
        'summary': 'GOPROXY or GOSUMDB is empty: every download fails',
        'docs': (
            '## What it checks\n'
            'GOPROXY or GOSUMDB that the go command ends up with empty: an empty `GOPROXY=` / `GOSUMDB=` line in the\n'
            'GOENV file (it hides the default of `$GOROOT/go.env`), a value of only commas or spaces, or no value at all\n'
            'because `$GOROOT/go.env` is missing (a repackaged or stripped Go: since Go 1.21 the defaults live there).\n'
            '\n'
            '## Why it matters\n'
            'Since Go 1.21 cmd/go has no built-in default for either: they come from `$GOROOT/go.env`. An empty GOPROXY\n'
            'makes every download fail with `go: GOPROXY list is not the empty string, but contains no entries` (even\n'
            'when it *is* the empty string), an empty GOSUMDB with `verifying go.mod: missing GOSUMDB`. Builds that need\n'
            'nothing new keep working, so it shows up later, on `go get` or in CI.\n'
            '\n'
            'Before Go 1.21 the defaults were built into cmd/go and an empty value meant the default: nothing is\n'
            'reported for those.\n'
            '\n'
            '## How to fix\n'
            "Remove the empty line from the GOENV file (`go env -u GOPROXY`), so that go.env's default applies; where\n"
            'go.env is missing, write the defaults: `go env -w GOPROXY=https://proxy.golang.org,direct\n'
            'GOSUMDB=sum.golang.org` (or reinstall Go).\n'
            '\n'
            '## Example\n'
            '`GOPROXY=` in `~/.config/go/env`, left by a script that meant to clear a mirror setting.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Restore the default GOPROXY / GOSUMDB',
        'tags': ('proxy',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge401_proxy_settings_empty',
    },
    {
        'code': 'GE402',
        'name': 'goproxy-invalid',
        'severity': 'error',
        'summary': 'A GOPROXY entry the go command rejects, or a keyword mistyped into a URL',
        'docs': (
            '## What it checks\n'
            'GOPROXY entries the go command rejects — `invalid proxy URL missing scheme: Direct` (keywords are lower\n'
            'case), `invalid proxy URL scheme (must be https, http, file): ftp://…`, a bare path (`/srv/goproxy`), a\n'
            '`file://host/…` URL — and a keyword mistyped so that it becomes a URL: `direct/` or `https://direct` is the\n'
            'proxy at host `direct`.\n'
            '\n'
            '## Why it matters\n'
            'The list is read when a module is first needed, so builds from a full module cache keep working and every\n'
            'download fails, each time with the same message: `go: example.com/lib@v1.0.0: invalid proxy URL missing\n'
            'scheme: Direct`, or for `direct/` a DNS error: `Get "https://direct/example.com/lib/@v/v1.0.0.info": dial\n'
            'tcp: lookup direct …: no such host`. Words with a `.`, `:` or `/` get `https://` put in front; single words\n'
            'other than `direct` and `off` are errors.\n'
            '\n'
            '## How to fix\n'
            'Write URLs with `https://`, `http://` or `file:///`, and the keywords `direct` and `off` exactly, e.g.\n'
            '`go env -w GOPROXY=https://proxy.golang.org,direct`.\n'
            '\n'
            '## Example\n'
            '`export GOPROXY=https://goproxy.cn,Direct`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Correct the GOPROXY entry',
        'tags': ('proxy',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge402_goproxy_invalid',
    },
    {
        'code': 'GE403',
        'name': 'goproxy-entries-unused',
        'severity': 'warning',
        'summary': 'GOPROXY lists entries after `direct` or `off`, which the go command never uses',
        'docs': (
            '## What it checks\n'
            'GOPROXY entries after `direct` or `off`: `GOPROXY=direct,https://proxy.golang.org`,\n'
            '`GOPROXY=off,https://goproxy.cn`.\n'
            '\n'
            '## Why it matters\n'
            'The go command stops reading the list at `direct` ("the end of the line", modfetch.proxyList) and at `off`\n'
            '(which fails hard): later entries are never used, whatever error comes first. A list written as "try the\n'
            'origin, then fall back to the mirror" never falls back. (The separator decides fallback between proxies:\n'
            'after `,` only on 404/410, after `|` on any error; a failing corporate proxy followed by `,direct` is not\n'
            'retried direct on a timeout.)\n'
            '\n'
            '## How to fix\n'
            'Put `direct` (or `off`) last: `go env -w GOPROXY=https://proxy.golang.org,direct`.\n'
            '\n'
            '## Example\n'
            '`GOPROXY=direct,https://goproxy.cn` in a CI configuration: goproxy.cn is never asked.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('proxy',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge403_goproxy_entries_unused',
    },
    {
        'code': 'GE404',
        'name': 'gosumdb-invalid',
        'severity': 'error',
        'summary': 'GOSUMDB is malformed: every checksum lookup fails',
        'docs': (
            '## What it checks\n'
            'A GOSUMDB the go command cannot use: more than two fields, a name that is neither a known database\n'
            '(`sum.golang.org`, `sum.golang.google.cn`) nor a verifier key `name+hash+key`, a key whose hash does not\n'
            'fit, or a URL joined to the name with `+` (`sum.golang.org+https://…`).\n'
            '\n'
            '## Why it matters\n'
            'GOSUMDB is parsed when the first checksum is needed: every download of a module not in go.sum fails, e.g.\n'
            '`go: example.com/lib@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id` (also\n'
            '`invalid GOSUMDB: too many fields`, `invalid GOSUMDB: invalid verifier hash`). The format is\n'
            '`<name or key> [<url>]`: another URL for the same database is written after a space.\n'
            '\n'
            '## How to fix\n'
            '`go env -w GOSUMDB="sum.golang.org https://sum.golang.google.cn"` for a mirror of sum.golang.org; a\n'
            'private checksum database needs its full verifier key; `go env -u GOSUMDB` restores the default.\n'
            '\n'
            '## Example\n'
            '`GOSUMDB=sum.golang.org+https://goproxy.cn/sumdb/sum.golang.org`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Write GOSUMDB as `<name> [<url>]`',
        'tags': ('checksum',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge404_gosumdb_invalid',
    },
    {
        'code': 'GE405',
        'name': 'checksum-db-off',
        'severity': 'warning',
        'summary': 'GOSUMDB=off: new module versions are not verified and toolchain downloads fail',
        'docs': (
            '## What it checks\n'
            "GOSUMDB=off, set in the environment or the GOENV file (info when it is the Go distribution's own default\n"
            "in `$GOROOT/go.env`, as Fedora's Go ≤ 1.24 packages ship it).\n"
            '\n'
            '## Why it matters\n'
            'With GOSUMDB=off a module version not yet in go.sum is accepted as downloaded: nothing checks that it is\n'
            'the same code everyone else got (go.sum still pins what it records). It does not fix a `checksum\n'
            'mismatch` (go.sum still disagrees) and it breaks automatic toolchain downloads, which must be verified\n'
            'whatever GOSUMDB says: `go: download go1.25.0: golang.org/toolchain@v0.0.1-go1.25.0.linux-amd64: verifying\n'
            'module: checksum database disabled by GOSUMDB=off`. For private modules, GOPRIVATE or GONOSUMDB skip the\n'
            'lookup for just those paths.\n'
            '\n'
            '## How to fix\n'
            'Remove it (`go env -u GOSUMDB`, or the `export` in your shell profile) and cover private modules with\n'
            '`go env -w GOPRIVATE=git.corp.com`. Behind a firewall that blocks sum.golang.org, use its mirror:\n'
            '`GOSUMDB=sum.golang.google.cn`.\n'
            '\n'
            '## Example\n'
            '`export GOSUMDB=off` copied from a blog post to "fix" a 410 Gone for a private module.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Remove GOSUMDB=off from the GOENV file',
        'tags': ('checksum', 'security'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge405_checksum_db_off',
    },
    {
        'code': 'GE406',
        'name': 'checks-skipped-broadly',
        'severity': 'warning',
        'summary': 'GOPRIVATE / GONOSUMDB / GOINSECURE cover public modules (`*`, `github.com` …), or GOINSECURE is set',
        'docs': (
            '## What it checks\n'
            'GOPRIVATE, GONOSUMDB and GOINSECURE patterns that cover public modules — `*`, `*.com`, `github.com`,\n'
            '`github.com/*`, `*/*` — and any GOINSECURE at all (info when it names only your own hosts).\n'
            '\n'
            '## Why it matters\n'
            '- GONOSUMDB (and GOPRIVATE, its default) skip the checksum database: with `GONOSUMDB=*` or\n'
            '  `GOPRIVATE=github.com`, a new version of any such module is accepted as downloaded, as with GOSUMDB=off.\n'
            "  GOPRIVATE also fetches them straight from their origin, bypassing the proxy's cache.\n"
            '- GOINSECURE lets the go command fetch matching modules over plain HTTP and accept any certificate:\n'
            '  anyone on the network path can serve other code. It does not turn off the checksum check (GONOSUMDB\n'
            '  does); a wildcard is a blanket downgrade.\n'
            '\n'
            'They end up in shell profiles and Dockerfiles as quick fixes for a failing private download. Checksum\n'
            'verification of toolchain downloads is not affected.\n'
            '\n'
            '## How to fix\n'
            'Name only the private hosts or organisations: `go env -w GOPRIVATE=git.corp.com,github.com/acme`. Give the\n'
            'private server a valid certificate (or add its CA to the system store) instead of GOINSECURE.\n'
            '\n'
            '## Example\n'
            '`export GONOSUMDB=*` and `GOINSECURE=*` in a Dockerfile.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('security',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge406_checks_skipped_broadly',
    },
    {
        'code': 'GE407',
        'name': 'goflags-insecure',
        'severity': 'warning',
        'summary': 'GOFLAGS holds -insecure: every `go get` fails',
        'docs': (
            '## What it checks\n'
            '`-insecure` in GOFLAGS (`-insecure`, `--insecure`, `-insecure=true`).\n'
            '\n'
            '## Why it matters\n'
            '`go get -insecure` was deprecated in Go 1.16 and stopped working in Go 1.17. Since then (checked with\n'
            'Go 1.21 … 1.27) every `go get` fails with `go: -insecure flag is no longer supported; use GOINSECURE\n'
            'instead`, while other commands, which have no such flag, silently skip it — so the setting looks harmless\n'
            'until the next `go get`, `go mod tidy` passes, and updating a dependency fails.\n'
            '\n'
            '## How to fix\n'
            'Remove it from GOFLAGS; if a server really has no valid certificate, name just that host in GOINSECURE.\n'
            '\n'
            '## Example\n'
            '`go env -w GOFLAGS=-insecure` from an old tutorial for a self-hosted GitLab.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Remove -insecure from GOFLAGS',
        'tags': ('security',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge407_goflags_insecure',
    },
    {
        'code': 'GE408',
        'name': 'goproxy-direct-only',
        'severity': 'info',
        'summary': 'GOPROXY=direct: every module is fetched from its origin repository',
        'docs': (
            '## What it checks\n'
            "GOPROXY=direct set by you (the environment or the GOENV file; not a distribution's `$GOROOT/go.env`), so\n"
            'every module is fetched from its origin repository. Information only: it is a legitimate choice.\n'
            '\n'
            '## Why it matters\n'
            'Without a proxy each module is cloned with its version control tool (git, hg …, which must be installed\n'
            'and allowed by GOVCS), from every host your dependencies live on; a version that was deleted or re-tagged\n'
            'upstream is gone or different (the checksum database then reports the mismatch — it is still consulted:\n'
            'GOPROXY=direct does not skip verification). Downloads are slower, and corporate firewalls often allow the\n'
            'proxy but not arbitrary git hosts. Private modules do not need it: GOPRIVATE sends just them direct.\n'
            '\n'
            '## How to fix\n'
            'Remove it to use the default `https://proxy.golang.org,direct` (`go env -u GOPROXY`), set\n'
            "`GOPRIVATE=git.corp.com` for private modules, or name your company's proxy first:\n"
            '`GOPROXY=https://athens.corp.com,direct`.\n'
            '\n'
            '## Example\n'
            '`export GOPROXY=direct`, copied as a workaround for one private module.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Remove GOPROXY from the GOENV file',
        'tags': ('proxy',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge408_goproxy_direct_only',
    },
    {
        'code': 'GE409',
        'name': 'checksum-variable-unknown',
        'severity': 'warning',
        'summary': 'GONOSUMCHECK / GONOVERIFY / GOSUMCHECK: names the go command ignores (GONOSUMDB, GOSUMDB)',
        'docs': (
            '## What it checks\n'
            'Checksum settings under names the go command does not have: `GONOSUMCHECK` and `GONOVERIFY` (the name\n'
            'during the Go 1.13 betas), meant as GONOSUMDB, and `GOSUMCHECK`, meant as GOSUMDB — exported in the\n'
            'environment or written into the GOENV file.\n'
            '\n'
            '## Why it matters\n'
            'The go command reads neither: exported, they are silently ignored (`go env GONOSUMCHECK` prints an empty\n'
            'line), so private modules are still looked up in sum.golang.org and fail with `404 Not Found` / `410 Gone`.\n'
            '`go env -w GONOSUMCHECK=…` is refused: `go: unknown go command variable GONOSUMCHECK`.\n'
            '\n'
            '## How to fix\n'
            'Use GONOSUMDB (or GOPRIVATE, which also keeps the modules off the public proxy):\n'
            '`go env -w GOPRIVATE=git.corp.com`, and remove the unknown variable.\n'
            '\n'
            '## Example\n'
            '`export GONOSUMCHECK=1` from a blog post about private modules.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'goenv'),
        'status': 'stable',
        'fix_title': 'Remove the unknown variable from the GOENV file',
        'tags': ('checksum',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge409_checksum_variable_unknown',
    },
    {
        'code': 'GE410',
        'name': 'private-module-not-private',
        'severity': 'warning',
        'summary': 'A private-looking required module is sent to the public proxy or checksum database',
        'docs': (
            '## What it checks\n'
            'Each module a go.mod requires (or a `replace` swaps in) whose path looks private — its host is neither a\n'
            'well-known public one (github.com, gitlab.com, golang.org, gopkg.in, go.uber.org, k8s.io …; add your own\n'
            'with `[private-modules] public-hosts` in goenv-lsp.toml) nor an example domain — and that the go command\n'
            'would still treat as public, judged with its exact pattern matching (`module.MatchPrefixPatterns`):\n'
            '- not covered by GONOPROXY (which defaults to GOPRIVATE) while the first GOPROXY entry is a public mirror\n'
            '  (proxy.golang.org, goproxy.cn, goproxy.io …);\n'
            '- not covered by GONOSUMDB (which defaults to GOPRIVATE) while GOSUMDB is sum.golang.org.\n'
            '\n'
            'It is a warning when the module shares its site with the main module (`git.corp.com/team/app` requiring\n'
            '`git.corp.com/team/lib`) or a pattern already names its host, and info otherwise (a private repository on\n'
            'github.com cannot be told from a public one, so modules there are never reported). A requirement replaced\n'
            'by a directory, or provided by the workspace, needs nothing.\n'
            '\n'
            '## Why it matters\n'
            'A module the go command thinks public goes to the public mirror first: its path leaks, the mirror answers\n'
            '404/410, and without `direct` in GOPROXY the download fails. Then its checksum is looked up in\n'
            'sum.golang.org, which cannot know it either: `verifying go.mod: git.corp.com/team/lib@v1.0.0/go.mod:\n'
            'reading https://sum.golang.org/lookup/git.corp.com/team/lib@v1.0.0: 404 Not Found` (or `410 Gone`). It\n'
            'works on a machine whose module cache already holds the module, and fails on a fresh one (CI, a new\n'
            'colleague). A module that matches GONOPROXY is fetched from its origin whatever GOPROXY lists; one that\n'
            'matches GOPRIVATE is neither proxied nor looked up.\n'
            '\n'
            '## How to fix\n'
            "Add the host (or the organisation's path prefix) to GOPRIVATE: `go env -w GOPRIVATE=git.corp.com`. A\n"
            'GONOPROXY or GONOSUMDB you set yourself overrides GOPRIVATE for its part: add the pattern there too.\n'
            '\n'
            '## Example\n'
            '`module git.corp.com/team/app` requiring `git.corp.com/team/lib v1.0.0` with GOPRIVATE unset.\n'
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'goenv-lsp.toml', 'modules'),
        'status': 'stable',
        'fix_title': "Add the module's host to GOPRIVATE",
        'tags': ('private-modules',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge410_private_module_not_private',
    },
    {
        'code': 'GE411',
        'name': 'module-pattern-never-matches',
        'severity': 'warning',
        'summary': 'A GOPRIVATE / GONOPROXY / GONOSUMDB / GOINSECURE pattern can never match a module path',
        'docs': (
            '## What it checks\n'
            'Each pattern of GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE that can never match a module path: one\n'
            'written as a URL (`https://github.com/acme/*`), with spaces or quotes around it (`GOPRIVATE="a.com, b.com"`\n'
            'in a shell profile, quotes copied into the GOENV file, a `\\r` at the end of a CRLF line), a `;` used as\n'
            'separator, more than one trailing `/`, or a glob syntax error (`[`).\n'
            '\n'
            '## Why it matters\n'
            'The go command compares each comma-separated pattern, exactly as written, with the leading path elements\n'
            'of a module path (`module.MatchPrefixPatterns`): it trims nothing and never reports a bad pattern. A\n'
            'pattern that matches nothing makes the module public again: its path is sent to proxy.golang.org and\n'
            'looked up in sum.golang.org, and the download fails with `404 Not Found` / `410 Gone`, or\n'
            '`verifying module: … reading https://sum.golang.org/lookup/…` — while `go env GOPRIVATE` shows the\n'
            'setting you made.\n'
            '\n'
            '## How to fix\n'
            'Write module path patterns only, separated by commas: `go env -w GOPRIVATE=github.com/acme/*,git.corp.com`.\n'
            'A value exported in the OS environment must be changed where it is exported (`go env -w` does not\n'
            'override it).\n'
            '\n'
            '## Example\n'
            '`go env -w GOPRIVATE=https://github.com/acme/*` — the pattern has five path elements, the first being\n'
            '`https:`; no module path matches it. `github.com/acme/*` (or `github.com/acme`) does.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Rewrite the pattern as a module path pattern',
        'tags': ('private-modules',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge411_pattern_never_matches',
    },
    {
        'code': 'GE412',
        'name': 'nosumdb-narrower-than-noproxy',
        'severity': 'warning',
        'summary': 'A private host in GONOPROXY is not in GONOSUMDB: its checksum is looked up in sum.golang.org',
        'docs': (
            '## What it checks\n'
            'GONOPROXY patterns for private hosts that GONOSUMDB does not cover, while GOSUMDB is sum.golang.org:\n'
            '`GONOPROXY=git.corp.com` with `GONOSUMDB=git.corp.com/team-a`, or GONOPROXY set and GONOSUMDB set to\n'
            'something else (each overrides GOPRIVATE for its own part). Patterns for public hosts (fetching a GitHub\n'
            'fork directly) are fine: their checksums are public.\n'
            '\n'
            '## Why it matters\n'
            'GONOPROXY only decides where a module is fetched from (its origin instead of the proxy); GONOSUMDB decides\n'
            'whether its checksum is looked up in the checksum database. A private module matched by the first and not\n'
            'the second is fetched directly — and then its path is sent to sum.golang.org, which does not know it:\n'
            '`verifying go.mod: git.corp.com/team-b/lib@v1.0.0/go.mod: reading\n'
            'https://sum.golang.org/lookup/git.corp.com/team-b/lib@v1.0.0: 404 Not Found` (or `410 Gone`). GE410 says the\n'
            'same on each require line it affects; this rule catches it before a go.mod needs such a module.\n'
            '\n'
            '## How to fix\n'
            'Set GOPRIVATE (it is the default of both) instead of the two: `go env -w GOPRIVATE=git.corp.com` and\n'
            '`go env -u GONOPROXY GONOSUMDB`, or add the pattern to GONOSUMDB.\n'
            '\n'
            '## Example\n'
            '`GONOPROXY=git.corp.com` and `GONOSUMDB=git.corp.com/platform`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv', 'goenv-lsp.toml'),
        'status': 'stable',
        'fix_title': 'Add the pattern to GONOSUMDB',
        'tags': ('private-modules',),
        'suppressed_by': ('GE410',),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge412_nosumdb_narrower_than_noproxy',
    },
    {
        'code': 'GE413',
        'name': 'netrc-readable',
        'severity': 'warning',
        'summary': 'The netrc with private-module credentials is readable by other users',
        'docs': (
            '## What it checks\n'
            'The netrc file the go command reads credentials from — `$NETRC`, else `~/.netrc` (on Windows\n'
            '`%USERPROFILE%\\_netrc` first) — when its permission bits let the group or other users read or write it.\n'
            "Only the file's mode is looked at: goenv-lsp never opens it.\n"
            '\n'
            '## Why it matters\n'
            'The go command (and git, curl) sends the logins and passwords of a netrc to private module hosts; they are\n'
            'stored in plain text. A `.netrc` created with a default umask is mode 0644: every user of the machine, or\n'
            'of a shared CI runner, can read the tokens for your private repositories. The go command does not check\n'
            'the mode.\n'
            '\n'
            '## How to fix\n'
            '`chmod 600 ~/.netrc` (or the file `$NETRC` names). Better still, use a credential helper (Go ≥ 1.24:\n'
            '`GOAUTH=git /path/to/repo` or a command), so no password is stored in plain text.\n'
            '\n'
            '## Example\n'
            '`echo "machine git.corp.com login me password ghp_…" >> ~/.netrc` with umask 022: `-rw-r--r--`.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'path-info'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('private-modules', 'security'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge413_netrc_readable',
    },
    {
        'code': 'GE414',
        'name': 'goauth-invalid',
        'severity': 'error',
        'summary': 'GOAUTH the go command rejects (an empty command, `off` combined, `git` without an absolute directory), or set for a go older than 1.24',
        'docs': (
            '## What it checks\n'
            'GOAUTH (Go 1.24+: how the go command gets credentials for HTTPS module downloads), as\n'
            'cmd/go/internal/auth reads it: `;`-separated commands — `off` (alone), `netrc`, `git <absolute dir>`, or a\n'
            'credential helper command. It reports an empty command (`netrc;`), `off` combined with others, and `git`\n'
            'without one absolute directory; and a GOAUTH set for a go older than 1.24, which ignores it.\n'
            '\n'
            '## Why it matters\n'
            'The value is checked at the first HTTPS download that may need credentials, and then the go command stops:\n'
            '`go: GOAUTH encountered an empty command (GOAUTH=netrc;)`, `go: GOAUTH=off cannot be combined with other\n'
            'authentication commands (GOAUTH=off;netrc)`, `go: GOAUTH=git dir method requires an absolute path to the git\n'
            'working directory`. Builds from the module cache keep working, so it shows up on the next `go get`. Before\n'
            'Go 1.24 there is no GOAUTH: the go command always reads `~/.netrc` (`_netrc` on Windows), so `GOAUTH=off`\n'
            'does not keep credentials from being sent.\n'
            '\n'
            '## How to fix\n'
            'Separate commands with `;` and leave none empty: `go env -w GOAUTH="git /home/me/src/corp-repo;netrc"`;\n'
            'use `off` alone. With an older go, remove GOAUTH or upgrade to Go 1.24 or later.\n'
            '\n'
            '## Example\n'
            '`export GOAUTH="netrc;"`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv'),
        'status': 'stable',
        'fix_title': 'Drop the empty GOAUTH commands',
        'tags': ('private-modules',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge414_goauth_invalid',
    },
    {
        'code': 'GE415',
        'name': 'tls-cert-settings-invalid',
        'severity': 'error',
        'summary': 'SSL_CERT_FILE or SSL_CERT_DIR names a path Go cannot use: HTTPS downloads fail',
        'docs': (
            '## What it checks\n'
            'SSL_CERT_FILE or SSL_CERT_DIR set in the environment to a path Go cannot use: a missing file, a directory\n'
            'as SSL_CERT_FILE, a file or an unlistable directory in SSL_CERT_DIR (a list, `:`-separated; `;` on\n'
            'Windows). Linux, and Windows and macOS from Go 1.27 (before, their system verifier ignores both variables;\n'
            'other Unix systems are not judged).\n'
            'goenv-lsp only looks at what the paths are; it never reads a certificate.\n'
            '\n'
            '## Why it matters\n'
            "Go's crypto/x509 — in the go command and gopls alike — takes SSL_CERT_FILE instead of the system bundle\n"
            '(`/etc/ssl/certs/ca-certificates.crt`…): when it is missing there is no fallback, only the certificate\n'
            'directories are left (SSL_CERT_DIR, else `/etc/ssl/certs` and `/etc/pki/tls/certs` on Linux). With none\n'
            'of them usable, every HTTPS module or toolchain download fails: `tls: failed to verify certificate: x509:\n'
            'certificate signed by unknown authority`, or, when a path is of the wrong kind, `x509: failed to load\n'
            'system roots and no roots provided; read /etc/ssl/mycerts: is a directory`. From Go 1.27 setting either\n'
            "variable on Windows or macOS replaces the system's verifier, so a stale value breaks HTTPS there too.\n"
            '\n'
            '## How to fix\n'
            'Unset the variable (`unset SSL_CERT_FILE`, and remove the `export` from your shell profile), or point it at\n'
            'the real bundle, e.g. `SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt` (Debian, Ubuntu) or\n'
            '`/etc/pki/tls/certs/ca-bundle.crt` (Fedora, RHEL); a directory goes in SSL_CERT_DIR.\n'
            '\n'
            '## Example\n'
            '`export SSL_CERT_FILE=~/corp/ca.pem` from a corporate VPN guide, the file deleted with the old laptop setup.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'path-info'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('proxy', 'network'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge4_proxy.ge415_tls_cert_settings_invalid',
    },
    {
        'code': 'GE501',
        'name': 'vendor-inconsistent',
        'severity': 'error',
        'summary': 'vendor/modules.txt disagrees with go.mod while go builds from vendor/',
        'docs': (
            '## What it checks\n'
            'In a module (or, since Go 1.22, a workspace) that builds from its vendor/ directory, every line where\n'
            'vendor/modules.txt disagrees with go.mod, as the go command checks it (`checkVendorConsistency`): a `require`\n'
            'not marked `## explicit` there (or vendored at another version), a module marked `## explicit` that go.mod no\n'
            'longer requires, a `replace` missing from modules.txt or recorded with another replacement, and a recorded\n'
            'replacement go.mod no longer has. The go command builds from vendor/ when you ask for it (`-mod=vendor` in\n'
            'GOFLAGS) and by itself when vendor/ exists and the go line is at least 1.14. The diagnostic sits on the go.mod\n'
            'line, or the modules.txt line, that disagrees.\n'
            '\n'
            '## Why it matters\n'
            '`go build`, `go test`, `go run` and gopls stop at once with\n'
            '`go: inconsistent vendoring in /path/to/module:` and one line per disagreement, e.g.\n'
            '`example.com/dep@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt`.\n'
            'It happens whenever go.mod changes (`go get`, a merge, a hand edit) without `go mod vendor` after it, and with\n'
            'a vendor/ directory that is empty or was only partly committed.\n'
            '\n'
            '## How to fix\n'
            'Run `go mod vendor` in the module (`go work vendor` in the directory of go.work). It rewrites vendor/ from\n'
            'go.mod and the module cache (downloading what is missing), so commit the result; local edits to vendored code\n'
            'are lost. If you do not want to vendor at all, delete vendor/ instead. `-mod=mod` or `-mod=readonly` hides\n'
            'the problem for one command only.\n'
            '\n'
            '## Example\n'
            'go.mod requires `example.com/dep v1.2.0`, vendor/modules.txt still says `# example.com/dep v1.1.0`.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules', 'vendor/modules.txt'),
        'status': 'stable',
        'fix_title': 'Run `go mod vendor` (or `go work vendor`)',
        'tags': ('vendor',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('vendor/modules.txt',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge501_vendor_inconsistent',
    },
    {
        'code': 'GE502',
        'name': 'mod-vendor-without-vendor',
        'severity': 'error',
        'summary': 'GOFLAGS has -mod=vendor but the module has no vendor/ directory',
        'docs': (
            '## What it checks\n'
            '`-mod=vendor` in GOFLAGS (the environment or the GOENV file written by `go env -w`) for a module — or, since\n'
            'Go 1.22, a workspace — that has no vendor/ directory. Reported on the GOFLAGS line of the GOENV file, or on\n'
            'the go.mod / go.work when GOFLAGS comes from the environment.\n'
            '\n'
            '## Why it matters\n'
            'GOFLAGS applies to every go command in every project. With `-mod=vendor` and no vendor/, the go command\n'
            "finds none of the module's requirements in the (absent) vendor/modules.txt and every `go build`, `go test`\n"
            'and gopls load stops with `go: inconsistent vendoring in /path/to/module:` followed by\n'
            '`example.com/dep@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt`.\n'
            'A module without requirements still builds, until it gets its first one. It is usually a leftover of\n'
            'offline or CI advice copied into a global setting.\n'
            '\n'
            '## How to fix\n'
            'Remove `-mod=vendor` from GOFLAGS: `go env -u GOFLAGS` (or `go env -w GOFLAGS=…` with the other flags), or\n'
            'remove the export from your shell profile. Vendoring is chosen per module anyway: with a vendor/ directory\n'
            'and a go line of at least 1.14 the go command uses it by itself. If this module should be vendored, run\n'
            '`go mod vendor` instead.\n'
            '\n'
            '## Example\n'
            '`GOFLAGS=-mod=vendor` in `~/.config/go/env` and a module without vendor/.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules', 'vendor/modules.txt'),
        'status': 'stable',
        'fix_title': 'Remove -mod=vendor from GOFLAGS, or run `go mod vendor`',
        'tags': ('vendor', 'goflags'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge5_workspace.ge502_mod_vendor_without_vendor',
    },
    {
        'code': 'GE503',
        'name': 'mod-flag-in-workspace',
        'severity': 'error',
        'summary': 'GOFLAGS sets a -mod value the go command rejects in workspace mode',
        'docs': (
            '## What it checks\n'
            'A `-mod` value in GOFLAGS that the go command refuses in workspace mode (a go.work is in use): anything but\n'
            '`readonly` up to Go 1.21, anything but `readonly` or `vendor` since Go 1.22 (workspace vendoring). So\n'
            '`GOFLAGS=-mod=vendor` with a go.work breaks Go 1.18–1.21 only, and `GOFLAGS=-mod=mod` breaks every version.\n'
            '\n'
            '## Why it matters\n'
            'Every build, test and gopls load in the workspace stops with\n'
            '`go: -mod may only be set to readonly when in workspace mode, but it is set to "vendor"` (Go 1.22+:\n'
            '`…readonly or vendor…`), followed by `Remove the -mod flag to use the default readonly value, or set\n'
            'GOWORK=off to disable workspace mode.` A global GOFLAGS reaches every workspace on the machine.\n'
            '\n'
            '## How to fix\n'
            'Remove the `-mod` flag from GOFLAGS (`go env -u GOFLAGS`, or the export in your shell profile); set it per\n'
            'command where you need it. On Go 1.22 or later a workspace can be vendored with `go work vendor`.\n'
            '\n'
            '## Example\n'
            '`GOFLAGS=-mod=vendor` in the environment, a go.work, and Go 1.21.13.\n'
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules', 'vendor/modules.txt'),
        'status': 'stable',
        'fix_title': 'Remove the -mod flag from GOFLAGS in the GOENV file',
        'tags': ('workspace', 'goflags'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('go.work',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge503_mod_flag_in_workspace',
    },
    {
        'code': 'GE504',
        'name': 'go-work-use-missing',
        'severity': 'error',
        'summary': 'a go.work `use` names a directory without go.mod',
        'docs': (
            '## What it checks\n'
            'Each `use` line of the go.work in use whose directory holds no go.mod: the directory is missing (a module\n'
            'not cloned, renamed or deleted) or is not a module. The diagnostic sits on the `use` line.\n'
            '\n'
            '## Why it matters\n'
            'The go command loads every module a go.work lists before anything else, so one bad `use` stops every\n'
            '`go build`, `go test`, `go list` and gopls load in every module of the workspace:\n'
            '`go: cannot load module ../missing listed in go.work file: open ../missing/go.mod: no such file or directory`.\n'
            '\n'
            '## How to fix\n'
            'Remove the `use` line (`go work edit -dropuse=./missing`), or put the module back at that path (clone it,\n'
            'or run `go mod init` there if it should be a module).\n'
            '\n'
            '## Example\n'
            'go.work has `use ./tools`, and `tools/` was deleted.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Remove the `use` line',
        'tags': ('workspace',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('go.work',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge504_go_work_use_missing',
    },
    {
        'code': 'GE505',
        'name': 'gowork-off',
        'severity': 'warning',
        'summary': 'GOWORK=off is set globally while the workspace has a go.work',
        'docs': (
            '## What it checks\n'
            'GOWORK=off set for every command — exported in the environment, or written to the GOENV file with\n'
            '`go env -w GOWORK=off` — while the workspace has a go.work that the go command would otherwise use.\n'
            'A warning when it is in the GOENV file (it stays for every project and every shell), information when it\n'
            'comes from the environment (a shell or tool may have set it on purpose).\n'
            '\n'
            '## Why it matters\n'
            'With GOWORK=off the go command ignores every go.work: each module builds on its own, with the versions its\n'
            "go.mod requires instead of the workspace's local modules and replacements. Nothing says so: `go build` and\n"
            'gopls quietly use other code than the go.work describes, and edits to a sibling module seem to have no effect.\n'
            '\n'
            '## How to fix\n'
            'Remove the global setting: `go env -u GOWORK` (or remove the export from your shell profile). Set\n'
            '`GOWORK=off` only for a command that needs it: `GOWORK=off go build ./...`.\n'
            '\n'
            '## Example\n'
            '`GOWORK=off` in `~/.config/go/env` and a go.work at the repository root.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Remove GOWORK from the GOENV file',
        'tags': ('workspace',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('go.work',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge505_gowork_off',
    },
    {
        'code': 'GE506',
        'name': 'gowork-pinned',
        'severity': 'warning',
        'summary': 'GOWORK names one go.work for every project, a missing file, or a relative path',
        'docs': (
            '## What it checks\n'
            'GOWORK set to a file: a relative path (the go command rejects it), a go.work that does not exist, or — set in\n'
            'the GOENV file with `go env -w`, or in the environment — one go.work that every project then uses. `auto`,\n'
            '`off` (GE505) and an empty value are not reported.\n'
            '\n'
            '## Why it matters\n'
            'A relative GOWORK stops `go env`, every build and gopls (Go 1.24 and later even `go version`):\n'
            '`go: invalid GOWORK: not an absolute path`. A missing file stops every build:\n'
            '`go: reading go.work: open /path/go.work: no such file or directory`. An existing one pins every module on the\n'
            'machine to that workspace: in a project it does not list, `go build` says `directory prefix . does not contain\n'
            'modules listed in go.work` and gopls sees no packages, while the go.work beside the project is ignored.\n'
            '\n'
            '## How to fix\n'
            'Remove the global setting (`go env -u GOWORK`, or the export in your shell profile) and let the go command\n'
            'find the go.work next to each project. Use `GOWORK=/path/go.work go build` for a single command, or set it\n'
            'per directory with a tool such as direnv.\n'
            '\n'
            '## Example\n'
            '`go env -w GOWORK=/home/dev/src/platform/go.work`, then working in another repository.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.work', 'goenv'),
        'status': 'stable',
        'fix_title': 'Remove GOWORK from the GOENV file',
        'tags': ('workspace',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge5_workspace.ge506_gowork_pinned',
    },
    {
        'code': 'GE507',
        'name': 'module-not-in-workspace',
        'severity': 'warning',
        'summary': 'a module under a go.work is not among its `use` entries',
        'docs': (
            '## What it checks\n'
            'A module of the workspace (a go.mod found below the go.work, or governed by the go.work GOWORK names) that\n'
            "the go.work's `use` lines do not list. The diagnostic sits on the module's go.mod. A go.work without any\n"
            "`use` line is GE508's.\n"
            '\n'
            '## Why it matters\n'
            'Inside that module the go command is still in workspace mode, but the module is not part of the workspace:\n'
            '`go build` says `directory prefix . does not contain modules listed in go.work or their selected\n'
            'dependencies`, `go list` says `current directory is contained in a module that is not one of the workspace\n'
            'modules listed in go.work. You can add the module to the workspace using: go work use .`, and gopls reports\n'
            "the module's files as not included in the workspace.\n"
            '\n'
            '## How to fix\n'
            'Add it: `go work use ./path/to/module` (the fix inserts that `use` line). If it should stay out of the\n'
            'workspace, build it with `GOWORK=off`.\n'
            '\n'
            '## Example\n'
            'go.work has `use ./api` only, and you open `./worker`, which has its own go.mod.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Add a `use` line for the module to go.work',
        'tags': ('workspace',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('go.work',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge507_module_not_in_workspace',
    },
    {
        'code': 'GE508',
        'name': 'go-work-empty',
        'severity': 'warning',
        'summary': 'a go.work lists no module',
        'docs': (
            '## What it checks\n'
            'A go.work in use that has no `use` line (what `go work init` writes when run without directories).\n'
            '\n'
            '## Why it matters\n'
            'A workspace without modules builds nothing: `go build` and `go list` in its directory say\n'
            "`go: no modules were found in the current workspace; see 'go help work'`, and in a module below it\n"
            '`directory prefix . does not contain modules listed in go.work or their selected dependencies`. gopls\n'
            'loads no packages.\n'
            '\n'
            '## How to fix\n'
            'Add the modules: `go work use -r .` adds every module below the go.work (the fix inserts a `use` line for\n'
            'each module goenv-lsp found). If you did not mean to use a workspace, delete go.work.\n'
            '\n'
            '## Example\n'
            '`go work init` in a repository root, without `go work use` after it.\n'
        ),
        'fix': 'sometimes',
        'scope': 'module',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Add `use` lines for the modules below go.work',
        'tags': ('workspace',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('go.work',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge508_go_work_empty',
    },
    {
        'code': 'GE509',
        'name': 'go-work-go-too-old',
        'severity': 'error',
        'summary': "the go.work `go` line is older than a module's it uses",
        'docs': (
            '## What it checks\n'
            'A go.work whose `go` line (1.18 when it has none) is older than the `go` line of a module it uses, when that\n'
            'line is 1.21 or later — the go command (1.21 and later) refuses such a workspace.\n'
            '\n'
            '## Why it matters\n'
            'Every build, test and gopls load in the workspace stops with\n'
            '`go: module ./a listed in go.work file requires go >= 1.23.0, but go.work lists go 1.22; to update it:`\n'
            '`go work use` (Go 1.24 says `implicitly requires go 1.18` for a go.work without a go line; Go 1.27 ends with\n'
            "`to download and use go 1.23.0`). It appears after `go get` or a hand edit raised one module's go line.\n"
            '\n'
            '## How to fix\n'
            "Run `go work use` in the go.work's directory: it raises the go.work's `go` line to the newest of its modules\n"
            '(the fix edits the line to that version).\n'
            '\n'
            '## Example\n'
            'go.work says `go 1.22`, `./a/go.mod` says `go 1.23.0`.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': "Raise the go.work go line to the newest module's",
        'tags': ('workspace',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('go.work',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge509_go_work_go_too_old',
    },
    {
        'code': 'GE510',
        'name': 'module-vendor-ignored',
        'severity': 'info',
        'summary': "a workspace module's own vendor/ is ignored in workspace mode",
        'docs': (
            '## What it checks\n'
            'A module of a workspace (a go.work is in use) that has its own vendor/ directory. In workspace mode the go\n'
            "command never reads a module's vendor/: it builds from the module cache, or — Go 1.22 and later — from the\n"
            "vendor/ beside go.work that `go work vendor` writes. Reported as information on the module's\n"
            'vendor/modules.txt.\n'
            '\n'
            '## Why it matters\n'
            'Builds in the workspace do not use the vendored code: they need the module cache or the network (an\n'
            'offline or air-gapped build fails with download errors), and patches made in vendor/ have no effect. The\n'
            'same module built alone (`GOWORK=off`, or in CI without the go.work) does use its vendor/, so the two builds\n'
            'can differ.\n'
            '\n'
            '## How to fix\n'
            "Vendor the workspace instead: `go work vendor` (Go 1.22+) in the go.work's directory. Or build this module\n"
            'with `GOWORK=off` when its vendor/ must be used. If vendor/ is obsolete, delete it.\n'
            '\n'
            '## Example\n'
            '`./svc/vendor/` from `go mod vendor`, and a go.work at the repository root that uses `./svc`.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules', 'vendor/modules.txt'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('vendor', 'workspace'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('vendor/modules.txt',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge510_module_vendor_ignored',
    },
    {
        'code': 'GE511',
        'name': 'vendored-go-too-new',
        'severity': 'error',
        'summary': 'a vendored module needs a newer Go than the one that builds',
        'docs': (
            '## What it checks\n'
            'In a module (or workspace) that builds from vendor/, a vendored module whose `## go 1.N` annotation in\n'
            'vendor/modules.txt is newer than the Go that runs. Not reported when the go line of go.mod / go.work is\n'
            'newer still: the go command stops at that line first (GE110).\n'
            '\n'
            '## Why it matters\n'
            'The go command reads vendor/modules.txt before anything else and stops at the first such module:\n'
            '`go: example.com/dep in vendor/modules.txt requires go >= 1.30 (running go 1.27.3; GOTOOLCHAIN=local)`.\n'
            'It does not switch toolchains for it, even with `GOTOOLCHAIN=auto` (checked with go 1.21 and 1.27).\n'
            'It happens when vendor/ was written with a newer Go and a dependency upgrade, then built with an older Go\n'
            "(an older CI image, a colleague's machine).\n"
            '\n'
            '## How to fix\n'
            "Build with a Go at least that new (install it, or raise the module's `go` line so that `GOTOOLCHAIN=auto`\n"
            'selects it), or go back to a version of the dependency that supports your Go and run `go mod vendor` again.\n'
            '\n'
            '## Example\n'
            'vendor/modules.txt has `# golang.org/x/net v0.40.0` / `## explicit; go 1.23.0`, and the build uses Go 1.22.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules', 'vendor/modules.txt'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('vendor', 'toolchain'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('vendor/modules.txt',),
        'module': 'goenv_lsp.rules.ge5_workspace.ge511_vendored_go_too_new',
    },
    {
        'code': 'GE513',
        'name': 'goflags-modfile',
        'severity': 'warning',
        'summary': "GOFLAGS has -modfile: every module's go commands use that file instead of go.mod",
        'docs': (
            '## What it checks\n'
            '`-modfile=…` in GOFLAGS set for every project (the environment or the GOENV file written by `go env -w`),\n'
            'while the workspace has a go.mod or go.work. Reported on the GOFLAGS line of the GOENV file, or on the\n'
            'go.mod / go.work when GOFLAGS comes from the environment. Quiet when GOFLAGS has no `-modfile`.\n'
            '\n'
            '## Why it matters\n'
            "`-modfile` makes the go command read and write that file instead of the module's go.mod. Meant for one\n"
            "command (a tool's throw-away go.mod), it is wrong as a global setting: a relative `-modfile=alt.mod` is\n"
            'opened relative to the directory each go command runs in (`go: open alt.mod: no such file or directory`\n'
            'anywhere it is missing), an absolute one makes every module on the machine share one go.mod. A name that\n'
            'does not end in `.mod` stops every module-mode command with `go: -modfile=alt: file does not have .mod\n'
            'extension`, and in a go.work workspace every command fails with `go: -modfile cannot be used in workspace\n'
            'mode`.\n'
            '\n'
            '## How to fix\n'
            'Remove `-modfile` from GOFLAGS: `go env -u GOFLAGS` (or `go env -w GOFLAGS=…` with the other flags), or\n'
            'remove it from the export in your shell profile. Pass `-modfile` on the command line of the one command\n'
            'that needs it.\n'
            '\n'
            '## Example\n'
            '`GOFLAGS=-modfile=tools.mod` in `~/.config/go/env`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'modules'),
        'status': 'stable',
        'fix_title': 'Remove -modfile from GOFLAGS',
        'tags': ('goflags',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge5_workspace.ge513_goflags_modfile',
    },
    {
        'code': 'GE601',
        'name': 'tools-not-on-path',
        'severity': 'warning',
        'summary': 'Programs `go install` put in GOBIN or GOPATH/bin are not on PATH',
        'docs': (
            '## What it checks\n'
            'The directory `go install` writes programs to — `GOBIN`, else `bin` in the first `GOPATH` entry\n'
            '(`~/go/bin` by default) — holds programs, and that directory is not on PATH, so PATH cannot run them.\n'
            'Each program is named with the package and version its Go build information records (read from the file,\n'
            'never run). A program that PATH reaches another way (a symbolic link to it in a PATH directory) is not\n'
            'counted; one whose name PATH resolves to a different file is named with that file.\n'
            '\n'
            '## Why it matters\n'
            '`go install golang.org/x/tools/gopls@latest` succeeds, and then `gopls: command not found`,\n'
            '`protoc-gen-go: program not found or is not executable`, or an editor that cannot start its language server\n'
            "or linters. The go command never edits PATH, and the Go installers add only Go's own `bin` directory.\n"
            '\n'
            '## How to fix\n'
            'Add the directory to PATH where every login reads it — `export PATH="$PATH:$HOME/go/bin"` in `~/.profile`\n'
            '(bash, sh) or `~/.zprofile` (zsh), `fish_add_path ~/go/bin` (fish), the user `Path` variable on Windows\n'
            '(System Properties > Environment Variables; not `setx`, which truncates PATH at 1024 characters) — then\n'
            'log in again or restart the editor. The message gives the line for this machine, and the fix appends it to\n'
            "the login shell's startup file when that exists (`~/.zprofile` for zsh; the first of `~/.bash_profile`,\n"
            '`~/.bash_login`, `~/.profile` for bash; `~/.profile` otherwise). Once a PATH line there names the directory,\n'
            'the finding becomes information on that line: the running session predates it. When `GOBIN` was set with\n'
            '`go env -w` and `GOPATH/bin` is on PATH, removing `GOBIN` from the GOENV file is offered too: later installs\n'
            'then land on PATH (reinstall the programs named, or move them). Setting GOBIN to a directory on PATH also\n'
            'works, but `go install` then refuses cross-compiled programs (`cannot install cross-compiled binaries\n'
            'when GOBIN is set`).\n'
            '\n'
            '## Example\n'
            '`~/go/bin` holds `gopls` and `stringer`, PATH is `/usr/local/go/bin:/usr/bin:/bin`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-bin-dirs', 'go-binaries', 'go.env', 'goenv', 'login-profile', 'path-dirs'),
        'status': 'stable',
        'fix_title': 'Add the directory to PATH in the login profile',
        'tags': ('path', 'gobin'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge601_tools_not_on_path',
    },
    {
        'code': 'GE602',
        'name': 'path-relative-entry',
        'severity': 'warning',
        'summary': 'PATH has an empty, relative, `~` or unexpanded `%VAR%` entry',
        'docs': (
            '## What it checks\n'
            'PATH entries that are not absolute: `.`, an empty entry (`::`, or a `:` at either end, on Unix), a relative\n'
            'directory such as `bin` or `node_modules/.bin`, an entry starting with `~` or with an unexpanded `$HOME`,\n'
            'and on Windows one holding an unexpanded `%VARIABLE%`.\n'
            '\n'
            '## Why it matters\n'
            'A relative entry is looked up from whatever directory a command starts in. With `.` or an empty entry\n'
            'early on PATH, a repository you clone can ship its own `go`, `git` or `gcc` and your shell runs it\n'
            'when you type the name in that repository — and so do scripts and editors started there. Go programs\n'
            "(the go command, gopls) refuse such hits since Go 1.19 (os/exec's `cannot run executable found relative to\n"
            'current directory`), so for them a tool found only there is missing: `cgo: C compiler "gcc" not found`.\n'
            'goenv-lsp itself drops relative entries when it probes. An entry starting with `~` is expanded by bash\n'
            'alone; every other program (the go command, editors, `env`) takes it literally, so tools there are "not\n'
            'found". On Windows, `%GOPATH%\\bin` stays literal when\n'
            'PATH was saved as a plain string (REG_SZ) instead of an expandable one.\n'
            '\n'
            '## How to fix\n'
            'Remove the entry, or make it absolute: `export PATH="$PATH:$HOME/go/bin"` (with `$HOME`, not `~` inside\n'
            'quotes); on Unix look for `PATH=$PATH:` with an empty variable, which leaves a trailing `:`. On Windows,\n'
            'write the expanded directory, or edit the variable in the Environment Variables dialog, which keeps\n'
            '`%…%` expandable.\n'
            '\n'
            '## Example\n'
            '`PATH=.:/usr/local/go/bin:/usr/bin` — `./go` in any checkout runs instead of Go.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment',),
        'status': 'stable',
        'fix_title': None,
        'tags': ('path', 'security'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge602_path_relative_entry',
    },
    {
        'code': 'GE603',
        'name': 'path-dir-world-writable',
        'severity': 'warning',
        'summary': 'A PATH directory is writable by every user',
        'docs': (
            '## What it checks\n'
            'Directories on PATH that every user of the machine may write to (permission bits `o+w`, e.g. mode 0777\n'
            'or 1777). Windows ACLs are not judged.\n'
            '\n'
            '## Why it matters\n'
            'Whoever can create a file in a PATH directory decides what `go`, `gofmt`, `git` or `gcc` mean for you:\n'
            'another account, or a service running as another user, drops a `go` there and every build, `go generate`\n'
            'and gopls run executes it with your rights. The sticky bit (`/tmp`, mode 1777) does not help: it stops\n'
            'others from deleting your files, not from adding theirs.\n'
            '\n'
            '## How to fix\n'
            'Take the write bit away from others, `chmod o-w DIR` (as its owner, or with sudo for a system directory),\n'
            'or remove a shared directory such as `/tmp` from PATH. The official `golang` container images make GOPATH\n'
            '(and so `/go/bin`, on their PATH) mode 1777 on purpose: that one is information only, harmless where you\n'
            'are the only user. Installers and `curl … | sh` scripts that create\n'
            '`/usr/local/bin` with mode 0777 are a common cause.\n'
            '\n'
            '## Example\n'
            '`drwxrwxrwx root root /usr/local/bin`.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv', 'path-dirs'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('path', 'security'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge603_path_dir_world_writable',
    },
    {
        'code': 'GE604',
        'name': 'gobin-inside-goroot',
        'severity': 'warning',
        'summary': 'GOBIN points into GOROOT',
        'docs': (
            '## What it checks\n'
            "GOBIN set to GOROOT's `bin` directory or anywhere else inside GOROOT, the Go installation of the go on\n"
            'PATH.\n'
            '\n'
            '## Why it matters\n'
            'GOROOT belongs to the Go release: the official way to upgrade is to delete `/usr/local/go` and unpack the\n'
            'new one, and version managers and package managers replace the tree the same way, so every program\n'
            '`go install` put there disappears with the next upgrade. A system GOROOT is owned by root, so\n'
            '`go install` fails with `permission denied` (and `sudo go install` then leaves root-owned files in your\n'
            "module cache). Programs named like Go's own (`go`, `gofmt`) would overwrite them.\n"
            '\n'
            '## How to fix\n'
            'Unset GOBIN (programs then go to `$(go env GOPATH)/bin`, `~/go/bin` by default) and put that directory on\n'
            'PATH; or set GOBIN to a directory of your own, e.g. `~/.local/bin`. When GOBIN was written with\n'
            '`go env -w`, the fix removes it from the GOENV file. Reinstall the programs you need afterwards.\n'
            '\n'
            '## Example\n'
            '`go env -w GOBIN=/usr/local/go/bin` so that installed tools are on PATH with Go.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv', 'path-info'),
        'status': 'stable',
        'fix_title': 'Remove GOBIN from the GOENV file',
        'tags': ('gobin', 'goroot'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge604_gobin_inside_goroot',
    },
    {
        'code': 'GE605',
        'name': 'goroot-bin-not-on-path',
        'severity': 'info',
        'summary': "GOROOT/bin is not on PATH and PATH's gofmt is missing or another Go's",
        'docs': (
            '## What it checks\n'
            'The `bin` directory of the Go installation that runs (its GOROOT) is not on PATH — `go` is reached\n'
            'through a symbolic link elsewhere, e.g. `/usr/local/bin/go` — and PATH finds no `gofmt` of that same\n'
            "installation: none at all, or another Go's. A `gofmt` linked next to `go` (as Debian, Homebrew and most\n"
            "packages do) keeps this quiet, and so does a version manager's launcher.\n"
            '\n'
            '## Why it matters\n'
            '`go fmt`, `go vet` and the compiler find their tools through GOROOT, so builds work. But the `gofmt`\n'
            'command that editors\' format-on-save (`"go.formatTool": "gofmt"`), pre-commit hooks, Makefiles and CI\n'
            "scripts run is looked up on PATH: it is missing, or it is an older Go's `gofmt` that formats differently\n"
            'or rejects newer syntax. Setting GOROOT does not put GOROOT/bin on PATH either.\n'
            '\n'
            '## How to fix\n'
            "Put the installation's `bin` directory on PATH (the message gives the line), or link `gofmt` next to the\n"
            '`go` link (`ln -s /usr/local/go/bin/gofmt /usr/local/bin/gofmt`).\n'
            '\n'
            '## Example\n'
            '`/usr/local/bin/go -> /usr/local/go/bin/go` and no `gofmt` on PATH.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'path-dirs'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('path', 'goroot'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge605_goroot_bin_not_on_path',
    },
    {
        'code': 'GE610',
        'name': 'goos-goarch-not-host',
        'severity': 'warning',
        'summary': "GOOS or GOARCH is set to another platform than this machine's",
        'docs': (
            '## What it checks\n'
            "GOOS or GOARCH set in the environment or the GOENV file to another platform than the go command's own\n"
            '(`go env GOHOSTOS` / `GOHOSTARCH`) — usually left over from a cross-compile (`export GOOS=windows`,\n'
            '`go env -w GOARCH=arm64`) — and values the go command does not know at all.\n'
            '\n'
            '## Why it matters\n'
            'Every command then targets that platform, silently: `go build` writes binaries this machine cannot run,\n'
            '`go run` and `go test` fail with `fork/exec …: exec format error`, `go install` puts programs into\n'
            '`GOPATH/bin/<goos>_<goarch>/` (off PATH) or refuses with `go: cannot install cross-compiled binaries when\n'
            'GOBIN is set`, cgo is turned off, and gopls analyses the files for that platform — your `_linux.go` files\n'
            'look unused and errors in them go unreported. An unknown value stops every build with\n'
            '`go: unsupported GOOS/GOARCH pair plan10/amd64`.\n'
            '\n'
            '## How to fix\n'
            'Set GOOS/GOARCH only for the command that cross-compiles (`GOOS=windows go build`). Remove the value from\n'
            'the GOENV file (`go env -u GOOS`, offered as a fix) or the `export` from your shell profile.\n'
            '\n'
            '## Example\n'
            '`go env -w GOOS=windows` to build a release once, and it stays.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('environment', 'go-binaries', 'go.env', 'goenv', 'platform'),
        'status': 'stable',
        'fix_title': 'Remove the setting from the GOENV file',
        'tags': ('platform',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge610_goos_goarch_not_host',
    },
    {
        'code': 'GE611',
        'name': 'go-binary-emulated',
        'severity': 'warning',
        'summary': 'The go command is built for another architecture than this machine',
        'docs': (
            '## What it checks\n'
            "The go command on PATH is built for another architecture than the machine's own (`go env GOHOSTARCH`\n"
            "against the machine's architecture as the OS reports it): typically the amd64 Go installer or an Intel\n"
            'Homebrew (`/usr/local`) on an Apple silicon Mac, where Rosetta 2 runs it, or an x64 Go on Windows on Arm.\n'
            '\n'
            '## Why it matters\n'
            'It works, which is why it goes unnoticed. But the go command, the compiler and every tool run emulated\n'
            "and slower, and GOARCH defaults to the go binary's own architecture, so every `go build`, `go test` and\n"
            '`go install` (gopls included) produces amd64 programs that run emulated too. cgo then compiles for\n'
            'x86-64 and fails to link against arm64 libraries (`ld: warning: ignoring file …, building for\n'
            'macOS-x86_64 but attempting to link with file built for macOS-arm64`), and benchmarks measure the\n'
            'emulation.\n'
            '\n'
            '## How to fix\n'
            'Install the Go build for this machine (`go1.X.Y.darwin-arm64.pkg`, `windows-arm64.msi` from\n'
            'https://go.dev/dl/, or the arm64 Homebrew in `/opt/homebrew`), put it first on PATH, then reinstall the\n'
            'tools you `go install`ed (gopls, dlv …) so they are native too.\n'
            '\n'
            '## Example\n'
            '`go env GOHOSTARCH` prints `amd64` on a MacBook with an M-series chip.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('go-binaries', 'platform'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('platform',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge611_go_binary_emulated',
    },
    {
        'code': 'GE612',
        'name': 'tool-foreign-platform',
        'severity': 'error',
        'summary': 'Programs in GOBIN or GOPATH/bin are built for another OS or architecture',
        'docs': (
            '## What it checks\n'
            'Programs in the directory `go install` writes to (GOBIN, else `GOPATH/bin`) whose Go build information\n'
            'says they are built for another OS or architecture than this machine (the `GOOS` and `GOARCH` build\n'
            'settings `go version -m` shows; read from the file, never run). Those the machine cannot run at all are\n'
            'errors; those it runs under emulation (amd64 programs on an Apple silicon Mac or on Windows on Arm) are\n'
            'information. 32-bit programs on the matching 64-bit CPU count as native.\n'
            '\n'
            '## Why it matters\n'
            '`go install` itself never does this: with GOOS/GOARCH set it puts cross-compiled programs in\n'
            '`bin/<goos>_<goarch>/` (or refuses when GOBIN is set). A foreign program in `bin` was copied there, built\n'
            'with `go build -o`, synced with a dotfiles repository, or lives in a home directory shared between\n'
            'machines (NFS) or migrated from an Intel Mac. Running it fails with `exec format error` (`cannot execute\n'
            'binary file`), and an editor that starts it (gopls, dlv, staticcheck) reports that the tool crashed.\n'
            "An emulated one runs, slower, and builds with its own architecture's assumptions.\n"
            '\n'
            '## How to fix\n'
            'Reinstall it on this machine: `go install <package>@<version>` (the message gives the exact command\n'
            'from the build information), without GOOS/GOARCH set.\n'
            '\n'
            '## Example\n'
            '`~/go/bin/gopls` built for darwin/amd64 in a home directory moved to a Linux workstation.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment', 'go-bin-dirs', 'go-binaries', 'go.env', 'goenv', 'platform'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('platform', 'gobin'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge612_tool_foreign_platform',
    },
    {
        'code': 'GE620',
        'name': 'cgo-disabled-with-cgo-files',
        'severity': 'warning',
        'summary': 'CGO_ENABLED=0 while the workspace has cgo files, which builds then leave out',
        'docs': (
            '## What it checks\n'
            'CGO_ENABLED=0 set in the environment or the GOENV file while the workspace has cgo files: non-test `.go`\n'
            'files that `import "C"`, for this platform (file-name suffixes such as `_windows.go` are honoured), in\n'
            'packages without a `//go:build !cgo` fallback file. Other `//go:build` lines are not evaluated, so the file\n'
            'list is approximate. The workspace is searched only when cgo is off (at most 2000 `.go` files, 16 KiB\n'
            'each).\n'
            '\n'
            '## Why it matters\n'
            'With cgo off, files importing "C" are excluded by an implicit build constraint, silently: a package made of\n'
            'cgo files alone fails with `build constraints exclude all Go files in DIR`, otherwise the build breaks on\n'
            '`undefined:` names defined in the cgo files, and gopls shows the same errors (or the files as not part of\n'
            'any package). Nothing in the error points at CGO_ENABLED. It is often exported once for a static build\n'
            '(`CGO_ENABLED=0 go build`) and kept in a profile or `go env -w`.\n'
            '\n'
            '## How to fix\n'
            'Set CGO_ENABLED=0 only for the builds that need it. Remove it from the GOENV file (offered when cgo would\n'
            'then be on: a C compiler is on PATH and nothing cross-compiles) or from your shell profile; add a\n'
            '`//go:build !cgo` fallback if the package should also build without cgo.\n'
            '\n'
            '## Example\n'
            '`go env -w CGO_ENABLED=0` and a `sqlite.go` with `import "C"`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('cgo-files', 'environment', 'go-binaries', 'go.env', 'goenv', 'path-dirs'),
        'status': 'stable',
        'fix_title': 'Remove CGO_ENABLED from the GOENV file',
        'tags': ('cgo',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': ('cgo-files',),
        'module': 'goenv_lsp.rules.ge6_platform.ge620_cgo_disabled_with_cgo_files',
    },
    {
        'code': 'GE621',
        'name': 'c-compiler-missing',
        'severity': 'error',
        'summary': 'cgo is wanted but its C compiler is not on PATH (Go ≥ 1.20)',
        'docs': (
            '## What it checks\n'
            'Go 1.20 and later, with cgo wanted but no C compiler: (1) cgo is on — CGO_ENABLED=1 set, or CC set — and\n'
            'the compiler `go env CC` names is not on PATH (looked up as exec.LookPath does, never run); (2) neither is\n'
            'set, the default compiler (`gcc`, `clang` on macOS and the BSDs) is not on PATH, so the go command turned\n'
            'cgo off by itself, and the workspace has cgo files (see GE620 for how they are found).\n'
            '\n'
            '## Why it matters\n'
            '(1) Every build that needs cgo fails, and with cgo on that includes any program importing `net` or\n'
            "`os/user`, because the standard library's `runtime/cgo` is compiled on demand since Go 1.20:\n"
            '`cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH`.\n'
            '(2) Since Go 1.20, when CC is not set in the environment and the default C compiler is missing, `go env\n'
            "CGO_ENABLED` reports 0: pure-Go builds keep working, but the workspace's cgo files are left out without a\n"
            'word (`undefined:` errors, or `build constraints exclude all Go files`). A CC written only in the GOENV\n'
            'file does not stop this; the check reads the OS environment.\n'
            '\n'
            '## How to fix\n'
            'Install a C compiler (`sudo apt install gcc`, `xcode-select --install` on macOS, a MinGW-w64 gcc on\n'
            'Windows) or point CC at one. If you do not need cgo, drop CGO_ENABLED=1 (the fix removes it from the GOENV\n'
            'file when it is there) or set CGO_ENABLED=0 for the builds that must not use it.\n'
            '\n'
            '## Example\n'
            'A slim container or a fresh Windows machine: `go build` of a program importing `net` with CGO_ENABLED=1\n'
            'fails in `# runtime/cgo`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('cgo-files', 'environment', 'go-binaries', 'go.env', 'goenv', 'path-dirs'),
        'status': 'stable',
        'fix_title': 'Remove the cgo setting from the GOENV file',
        'tags': ('cgo',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge621_c_compiler_missing',
    },
    {
        'code': 'GE622',
        'name': 'runtime-vars-global',
        'severity': 'info',
        'summary': 'A Go runtime variable (GODEBUG, GOGC, GOMAXPROCS, …) is exported to every Go program',
        'docs': (
            '## What it checks\n'
            "The Go runtime's own variables — GODEBUG, GOGC, GOMAXPROCS, GOMEMLIMIT, GOTRACEBACK — set in the\n"
            'environment, where every Go program reads them: the go command, the compiler and linker it runs, gopls and\n'
            'every other tool. Info for most values; a warning for values that hurt the tools (GOGC=off or negative,\n'
            'GOMAXPROCS=1, a GOMEMLIMIT below 256 MiB, GODEBUG=gcstoptheworld=1); an error for a GOMEMLIMIT the runtime\n'
            'cannot parse. The go command does not take them from the GOENV file (`go env -w GOGC=…`: `unknown go command\n'
            'variable GOGC`; `go env -w GODEBUG=…`: `GODEBUG can only be set using the OS environment` in Go 1.27, `unknown\n'
            'go command variable GODEBUG` in Go 1.22), so only the environment counts.\n'
            '\n'
            '## Why it matters\n'
            'These are meant for one program, not a whole shell. Exported globally they change the tools too:\n'
            "`GODEBUG=inittrace=1 go version` prints the go command's own init trace (`init internal/bytealg @0 ms, …`),\n"
            '`GODEBUG=gctrace=1 go build` its garbage collections (`gc 1 @0.058s 0%: …`), GOGC=off lets gopls grow without\n'
            'bound, GOMAXPROCS=1 makes builds use one CPU, a tiny GOMEMLIMIT keeps the garbage collector running all the\n'
            'time, and a malformed GOMEMLIMIT (`2GB` instead of `2GiB`) crashes every Go program at start-up with\n'
            '`fatal error: malformed GOMEMLIMIT`.\n'
            '\n'
            '## How to fix\n'
            "Set them for the one command that needs them (`GOGC=off ./bench`), or in the service's own unit or\n"
            'container, and remove the `export` from your shell profile.\n'
            '\n'
            '## Example\n'
            '`export GOMAXPROCS=1` left in `~/.bashrc` from debugging a race; every `go build` since is slow.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('environment',),
        'status': 'stable',
        'fix_title': None,
        'tags': ('platform', 'performance'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': (),
        'module': 'goenv_lsp.rules.ge6_platform.ge622_runtime_vars_global',
    },
    {
        'code': 'GE630',
        'name': 'generator-not-on-path',
        'severity': 'warning',
        'summary': 'A code generator the workspace runs (protoc, a protoc plugin, buf, a go:generate tool) is not on PATH',
        'docs': (
            '## What it checks\n'
            'A code generator the workspace runs is not on PATH: `buf` for a `buf.gen.yaml`, each local plugin that\n'
            '`buf.gen.yaml` lists (`plugin: go`, `local: protoc-gen-go`; remote `buf.build/…` plugins run on the Buf\n'
            'Schema Registry and need nothing here), `protoc` and the `protoc-gen-NAME` plugin of each `--NAME_out` in a\n'
            '`//go:generate` line or a Makefile recipe, and the program each `//go:generate` line starts. The finding\n'
            'says whether the program sits in the directory `go install` writes to (GOBIN, else `GOPATH/bin`) or\n'
            'nowhere PATH reaches.\n'
            '\n'
            '## Why it matters\n'
            'protoc and buf look plugins up on PATH only: with `protoc-gen-go` installed in `~/go/bin` but that directory\n'
            'not on PATH, `protoc --go_out=. api.proto` fails with `protoc-gen-go: program not found or is not\n'
            'executable`, and `go generate` with `running "stringer": exec: "stringer": executable file not found in\n'
            '$PATH`. The go command\n'
            'never edits PATH, and `go install` succeeds without saying where the program went. A program installed\n'
            'nowhere is information (whoever never regenerates code does not need it); one in GOBIN that PATH misses\n'
            'is a warning.\n'
            '\n'
            '## How to fix\n'
            'When the program is in GOBIN or `GOPATH/bin`, put that directory on PATH (the fix appends the line to the\n'
            "login shell's startup file; GE601 says the same for the directory as a whole, and, once the file has the\n"
            'line, that the running session predates it). Otherwise install it at the\n'
            'version the module pins — for protoc-gen-go the version go.mod requires of `google.golang.org/protobuf`\n'
            '(`go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.6`), for protoc-gen-go-grpc a release\n'
            'whose code the required `google.golang.org/grpc` compiles (GE631) — or, for protoc itself, the protobuf\n'
            "compiler from the system's packages (`protobuf-compiler`, `brew install protobuf`) or its releases.\n"
            '\n'
            '## Example\n'
            '`//go:generate protoc --go_out=. --go-grpc_out=. api.proto` with `protoc-gen-go` in `~/go/bin` and PATH\n'
            '`/usr/local/go/bin:/usr/bin:/bin`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('buf.gen.yaml', 'environment', 'generators', 'go-bin-dirs', 'go-binaries', 'go-generate', 'go.mod', 'login-profile', 'makefile', 'modules', 'path-dirs'),
        'status': 'stable',
        'fix_title': 'Add the directory holding it to PATH',
        'tags': ('path', 'codegen', 'protobuf'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': ('ci',),
        'only_with': ('buf.gen.yaml', 'go-generate', 'makefile'),
        'module': 'goenv_lsp.rules.ge6_platform.ge630_generator_not_on_path',
    },
    {
        'code': 'GE631',
        'name': 'generator-newer-than-runtime',
        'severity': 'error',
        'summary': 'A protoc plugin generates code the google.golang.org/grpc or /protobuf in go.mod cannot compile',
        'docs': (
            '## What it checks\n'
            'The protoc plugins the workspace runs (from `buf.gen.yaml`, `//go:generate` or a Makefile) against the\n'
            "runtime libraries go.mod requires, by the plugin's Go build information (its main module version, as\n"
            '`go version -m` shows it; read from the file, never run): code from protoc-gen-go-grpc v1.0.0–v1.3.0\n'
            'asserts `grpc.SupportPackageIsVersion7` (google.golang.org/grpc v1.32.0 or later), v1.4.0\n'
            '`SupportPackageIsVersion8` (v1.62.0), v1.5.0 and later `SupportPackageIsVersion9` (v1.64.0; v8 with\n'
            '`use_generic_streams_experimental=false`), and all of it uses `grpc.ClientConnInterface` (v1.27.0). Code\n'
            'from protoc-gen-go v1.20.0 and later needs google.golang.org/protobuf v1.20.0 or later.\n'
            '\n'
            '## Why it matters\n'
            'The generated code does not compile against an older runtime: `undefined: grpc.SupportPackageIsVersion9`,\n'
            '`undefined: grpc.ClientConnInterface`, or, for protobuf, `constant -1 overflows protoimpl.EnforceVersion`.\n'
            'It happens to whoever upgrades the plugins (`go install …@latest`) but not go.mod, or clones a repository\n'
            'whose go.mod is older than the plugins on the machine.\n'
            '\n'
            '## How to fix\n'
            'Raise the runtime in go.mod to what the generated code needs: `go get google.golang.org/grpc@v1.64.0`\n'
            '(the fix edits the require line; run `go mod tidy` after it to update go.sum). Keeping the plugins and\n'
            'go.mod in step is easiest with the plugins recorded in go.mod (Go 1.24+: `go get -tool\n'
            'google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.5.1`).\n'
            '\n'
            '## Example\n'
            'protoc-gen-go-grpc v1.5.1 on PATH, go.mod requiring `google.golang.org/grpc v1.63.2`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('buf.gen.yaml', 'generators', 'go-bin-dirs', 'go-generate', 'go.mod', 'makefile', 'modules'),
        'status': 'stable',
        'fix_title': 'Require the runtime version the generated code needs',
        'tags': ('codegen', 'protobuf', 'grpc'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('buf.gen.yaml', 'go-generate', 'makefile'),
        'module': 'goenv_lsp.rules.ge6_platform.ge631_generator_newer_than_runtime',
    },
    {
        'code': 'GE632',
        'name': 'generator-built-with-old-go',
        'severity': 'warning',
        'summary': "A generator go:generate or a Makefile runs was built with a Go older than the module's go line",
        'docs': (
            '## What it checks\n'
            'A code generator that a `//go:generate` line or a Makefile recipe runs, which loads and type-checks Go\n'
            'packages with `golang.org/x/tools/go/packages` (stringer, wire, enumer, moq, mockery, counterfeiter,\n'
            'gqlgen, controller-gen, ent), and whose Go build information (read from the file, never\n'
            'run) says it was built with a Go older than the `go` line of the module it runs in.\n'
            '\n'
            '## Why it matters\n'
            'Such a tool type-checks with the `go/types` compiled into it, which knows only the language up to the Go\n'
            "that built it. go/packages (golang.org/x/tools v0.12.0 and later) hands it the module's go line, and a tool\n"
            'built with Go 1.22 then stops on a go 1.24 module with `package requires newer Go version go1.24` (tools\n'
            'built with Go 1.24 and later add `(application built with go1.24)`); with older go/packages it fails on\n'
            'the first newer language feature instead. go generate fails although the go command builds the module.\n'
            '\n'
            '## How to fix\n'
            'Reinstall the tool with the go that runs (or any Go at least as new as the go line): `go install\n'
            'golang.org/x/tools/cmd/stringer@v0.31.0` — the version it has, or a newer one if that release predates the\n'
            'Go version. Running it with `go run golang.org/x/tools/cmd/stringer` or, with Go 1.24 and later, as a\n'
            '`tool` in go.mod (`go tool stringer`) builds it with the current Go every time.\n'
            '\n'
            '## Example\n'
            '`//go:generate stringer -type=Kind` in a go 1.24 module, with `~/go/bin/stringer` built with go1.22.10.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('generators', 'go-binaries', 'go-generate', 'go.mod', 'makefile', 'modules'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('codegen', 'gobin'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('go-generate', 'makefile'),
        'module': 'goenv_lsp.rules.ge6_platform.ge632_generator_built_with_old_go',
    },
    {
        'code': 'GE701',
        'name': 'rc-goroot-wrong',
        'severity': 'error',
        'summary': 'A shell startup file exports a GOROOT that is missing, not Go, or another Go than the one that runs',
        'docs': (
            '## What it checks\n'
            "A shell startup file (`~/.bashrc`, `~/.profile`, `~/.zshrc`, fish's `config.fish`, a workspace `.envrc` …) that\n"
            'exports GOROOT as a directory that does not exist, that is not a Go installation (no `pkg/tool`), or that holds\n'
            'another Go version than the `go` that runs. Only the line in effect at the end of the file is judged; a GOROOT\n'
            'the file also puts on PATH (`PATH=$GOROOT/bin:$PATH`) is the go that shell runs, so only a missing or non-Go\n'
            'tree counts there.\n'
            '\n'
            '## Why it matters\n'
            'The go command trusts an exported GOROOT. A missing tree breaks every command (`go: cannot find GOROOT\n'
            'directory: …`); another version makes every build fail with `compile: version "go1.22.10" does not match go tool\n'
            'version "go1.27.3"`. The line is usually left over from an old install or a version manager: after an upgrade it\n'
            'points at a tree that is gone or old, in every terminal. Modern Go finds its own root from the location of the\n'
            '`go` binary, so the line is not needed at all.\n'
            '\n'
            '## How to fix\n'
            'Delete the `export GOROOT=…` line (the fix does; every line of the file that sets GOROOT, so an earlier one does\n'
            'not take over) and open a new terminal. Keep the `go` you want first on PATH instead. When a later line uses\n'
            '`$GOROOT` (`PATH=$GOROOT/bin:$PATH`), write that directory there instead; no edit is offered then. GE103 and\n'
            'GE104 report the same value when the environment goenv-lsp runs in has it: this finding is on the line to\n'
            'change.\n'
            '\n'
            '## Example\n'
            '`~/.zshrc` has `export GOROOT=/usr/local/go1.19` from an old install; PATH finds Go 1.27.3 and\n'
            '`/usr/local/go1.19` no longer exists.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('bash-startup', 'environment', 'envrc', 'fish-config', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'module-cache', 'modules', 'path-info', 'platform', 'sh-profile', 'toolchains', 'vendor/modules.txt', 'zsh-startup'),
        'status': 'stable',
        'fix_title': 'Delete the GOROOT line: the go command finds its own root',
        'tags': ('goroot', 'shell'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('bash-startup', 'envrc', 'fish-config', 'sh-profile', 'zsh-startup'),
        'module': 'goenv_lsp.rules.ge7_shell.ge701_rc_goroot_wrong',
    },
    {
        'code': 'GE702',
        'name': 'rc-path-older-go-first',
        'severity': 'warning',
        'summary': 'A shell startup file puts a directory with an older go ahead of a newer one on PATH',
        'docs': (
            '## What it checks\n'
            'A PATH line in a shell startup file that puts a directory whose `go` is older ahead of a directory whose `go` is\n'
            'newer, so that the older one runs in every shell that reads the file. The order is worked out the way the file\n'
            'builds PATH (each `PATH=dir:$PATH` in front, `PATH=$PATH:dir` behind, on the PATH the file starts from), and only\n'
            'the go binaries goenv-lsp found and ran (`go version`) count.\n'
            '\n'
            '## Why it matters\n'
            'The shell runs the first `go` on PATH; the newer one is never used. Builds of modules whose `go` line needs the\n'
            'newer Go fail or download a toolchain, `go version` in the terminal disagrees with what was installed last, and\n'
            'gopls (started by an editor that reads other files) may use the newer one: two Go versions for one project.\n'
            '\n'
            '## How to fix\n'
            'Put the older directory after the rest of PATH (`export PATH="$PATH:/usr/lib/go-1.19/bin"`; the fix rewrites a\n'
            '`dir:$PATH` line so), or delete the line if that Go is not needed any more. If you do want the older Go for one\n'
            "project, select it there (a version manager's `.go-version`, `go.work`/`go.mod` toolchain lines) rather than\n"
            'for every shell.\n'
            '\n'
            '## Example\n'
            "`~/.profile` has `export PATH=/usr/lib/go-1.19/bin:$PATH` (Debian's golang-1.19) while `/usr/local/go/bin` holds\n"
            'Go 1.27.3: `go version` says go1.19.8.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('bash-startup', 'environment', 'envrc', 'fish-config', 'go-binaries', 'sh-profile', 'zsh-startup'),
        'status': 'stable',
        'fix_title': 'Put the directory after the rest of PATH',
        'tags': ('path', 'shell'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('bash-startup', 'envrc', 'fish-config', 'sh-profile', 'zsh-startup'),
        'module': 'goenv_lsp.rules.ge7_shell.ge702_rc_path_older_go_first',
    },
    {
        'code': 'GE703',
        'name': 'rc-quoted-tilde',
        'severity': 'error',
        'summary': 'A Go directory variable is set to a quoted `~` path in a shell startup file, which no one expands',
        'docs': (
            '## What it checks\n'
            "GOPATH, GOBIN, GOMODCACHE or GOCACHE set in a shell startup file (sh, bash, zsh, fish, direnv's `.envrc`) to\n"
            'a quoted value that starts, or has an entry starting, with `~`: `export GOPATH="~/go"`. The shell expands `~`\n'
            'only outside quotes, so the variable holds a literal `~`.\n'
            '\n'
            '## Why it matters\n'
            'The go command never expands `~` either. With `GOPATH="~/go"` every command stops with\n'
            '`go: GOPATH entry cannot start with shell metacharacter \'~\': "~/go"`; `go install` with `GOBIN="~/bin"` says\n'
            '`cannot install, GOBIN must be an absolute path`; module downloads with a relative GOMODCACHE and builds with a\n'
            'relative GOCACHE fail the same way. The\n'
            'line looks right, so the cause is hard to see.\n'
            '\n'
            '## How to fix\n'
            'Write `$HOME` instead of `~` inside the quotes: `export GOPATH="$HOME/go"` (the fix does; it works in sh, bash,\n'
            "zsh and fish), or drop the quotes (`export GOPATH=~/go`). GOPATH's default already is `$HOME/go`: the line can\n"
            'also go.\n'
            '\n'
            '## Example\n'
            '`~/.bashrc` has `export GOPATH="~/go"`; `go build` fails before it starts.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('bash-startup', 'environment', 'envrc', 'fish-config', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'module-cache', 'modules', 'path-info', 'platform', 'sh-profile', 'toolchains', 'vendor/modules.txt', 'zsh-startup'),
        'status': 'stable',
        'fix_title': 'Write $HOME instead of ~ inside the quotes',
        'tags': ('gopath', 'shell'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('bash-startup', 'envrc', 'fish-config', 'sh-profile', 'zsh-startup'),
        'module': 'goenv_lsp.rules.ge7_shell.ge703_rc_quoted_tilde',
    },
    {
        'code': 'GE704',
        'name': 'rc-global-go-setting',
        'severity': 'warning',
        'summary': 'A shell startup file exports a Go setting for every shell that a healthy setup does not need',
        'docs': (
            '## What it checks\n'
            'A Go setting exported for every shell by a startup file that a healthy setup does not need:\n'
            '`GO111MODULE=off` or `auto`, GOFLAGS with `-mod=…` or `-insecure`, `GOSUMDB=off`, `GOPROXY=direct` or `off`,\n'
            '`GOTOOLCHAIN=local` while a module of the workspace needs a newer Go than the one that runs, and GOOS/GOARCH\n'
            "other than this machine's. A workspace `.envrc` is where a project's own settings belong: it is left alone, and\n"
            'so are lines inside `if`, `case`, functions or after `&&`/`||` are left alone (they are\n'
            'deliberate), and so is an empty or `on` GO111MODULE (empty is the default and means on).\n'
            '\n'
            '## Why it matters\n'
            'An exported setting reaches every build, test, `go install` and gopls on the machine, long after the project\n'
            'that needed it: GO111MODULE=off ignores go.mod, `-mod=vendor` breaks modules that have requirements but no\n'
            'vendor/, GOSUMDB=off and `-insecure` drop the checks that protect downloads (and GOSUMDB=off breaks toolchain\n'
            'downloads), GOPROXY=off stops every download, GOTOOLCHAIN=local stops go from fetching the Go a module asks\n'
            'for, and a GOOS/GOARCH leftover from cross-compiling makes everything build for another platform. The\n'
            'environment rules (GE202, GE502, GE503, GE407, GE405, GE408, GE131, GE110, GE610) say what the value does; this\n'
            'finding is on the line that sets it, and links to their finding when the environment goenv-lsp ran in has the\n'
            'same value.\n'
            '\n'
            '## How to fix\n'
            'Delete the line (the fix does; UNSAFE: check nothing still relies on it) and open a new terminal. Set what one\n'
            'project needs where it applies: `go env -w` for your user only when you do want it everywhere, a `.envrc` or\n'
            "the project's CI for one project, `GOOS=linux go build` on the command line for one cross-build.\n"
            '\n'
            '## Example\n'
            '`~/.zshrc` still has `export GO111MODULE=off` from a 2018 tutorial: go.mod files are ignored in every project.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('bash-startup', 'environment', 'envrc', 'fish-config', 'go-binaries', 'go.env', 'go.mod', 'go.work', 'goenv', 'module-cache', 'modules', 'path-info', 'platform', 'sh-profile', 'toolchains', 'vendor/modules.txt', 'zsh-startup'),
        'status': 'stable',
        'fix_title': 'Delete the line',
        'tags': ('shell',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('bash-startup', 'envrc', 'fish-config', 'sh-profile', 'zsh-startup'),
        'module': 'goenv_lsp.rules.ge7_shell.ge704_rc_global_go_setting',
    },
    {
        'code': 'GE705',
        'name': 'rc-go-alias',
        'severity': 'warning',
        'summary': 'A shell startup file defines an alias or function named go, which only that shell sees',
        'docs': (
            '## What it checks\n'
            '`alias go=…` or a shell function named `go` in a shell startup file (fish: `alias go …`, `function go`). It is a\n'
            'warning when the alias runs another Go (`alias go=go1.22.3`, `alias go=/opt/go1.21/bin/go`), and information\n'
            "when it wraps the same `go` (`alias go='grc go'`, a function calling `command go`).\n"
            '\n'
            '## Why it matters\n'
            'Aliases and functions exist only in the interactive shell that defined them. Scripts, Makefiles, `go generate`,\n'
            'editors, gopls and CI run the `go` on PATH instead, so the terminal and everything else use different Go\n'
            'versions, or different flags, without any sign of it: `go version` in the terminal is not what builds in the\n'
            'editor.\n'
            '\n'
            '## How to fix\n'
            'Delete the alias or function (the fix deletes an alias line or a function it can see whole) and put the Go you\n'
            'want first on PATH, or use its own name (`go1.22.3 build`). For colour or extra flags, use a script on PATH\n'
            'with another name.\n'
            '\n'
            '## Example\n'
            '`~/.bashrc` has `alias go=go1.21.5`; the terminal builds with Go 1.21.5, gopls with the Go 1.27.3 on PATH.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('bash-startup', 'envrc', 'fish-config', 'go-binaries', 'sh-profile', 'zsh-startup'),
        'status': 'stable',
        'fix_title': 'Delete the alias or function',
        'tags': ('shell',),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('bash-startup', 'envrc', 'fish-config', 'sh-profile', 'zsh-startup'),
        'module': 'goenv_lsp.rules.ge7_shell.ge705_rc_go_alias',
    },
    {
        'code': 'GE706',
        'name': 'rc-secret-exported',
        'severity': 'warning',
        'summary': 'A shell startup file exports a secret written in the file',
        'docs': (
            '## What it checks\n'
            'A variable whose name says it holds a secret (`GITHUB_TOKEN`, `NPM_AUTH_TOKEN`, `AWS_SECRET_ACCESS_KEY`,\n'
            '`DB_PASSWORD`, `API_KEY`, `…_CREDENTIALS`) exported from a shell startup file with the secret written in the\n'
            'file. A value read when the shell starts (`export GITHUB_TOKEN="$(pass show github/token)"`, `$(security\n'
            'find-generic-password -w -s github)`, `$(op read op://…)`, `$(gh auth token)`) or taken from another variable is\n'
            'fine. goenv-lsp never reads the value into its facts: neither the finding, the JSON output, the logs nor the\n'
            'editor show it.\n'
            '\n'
            '## Why it matters\n'
            'Every program started from the shell gets the secret in its environment: build scripts, `go generate`\n'
            'generators, test binaries, tools that dump the environment into logs or bug reports, and everything Go modules\n'
            'you download may run. The file itself ends up in dotfile repositories, backups and screen shares in plain\n'
            'text. The Go toolchain needs no token in the environment: private modules authenticate through `~/.netrc`,\n'
            "`GOAUTH` or git's credential helper.\n"
            '\n'
            '## How to fix\n'
            'Move the secret into a password manager or the system keychain and read it when needed:\n'
            '`export GITHUB_TOKEN="$(pass show github/token)"`, or better, only for the command that needs it\n'
            '(`GITHUB_TOKEN="$(gh auth token)" goreleaser …`). For private Go modules use git\'s credential helper or\n'
            '`GOAUTH`. Then revoke the token that was in the file: it has been readable for as long as it was there.\n'
            '\n'
            '## Example\n'
            '`~/.zshrc` has `export GITHUB_TOKEN=ghp_…` (reported without the value).\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('bash-startup', 'envrc', 'fish-config', 'sh-profile', 'zsh-startup'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('security', 'shell'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('bash-startup', 'envrc', 'fish-config', 'sh-profile', 'zsh-startup'),
        'module': 'goenv_lsp.rules.ge7_shell.ge706_rc_secret_exported',
    },
    {
        'code': 'GE710',
        'name': 'go-variable-only-in-bashrc',
        'severity': 'warning',
        'summary': 'A Go variable or Go PATH entry is set only in ~/.bashrc, which bash login shells do not read',
        'docs': (
            '## What it checks\n'
            'Your login shell is bash, and `~/.bashrc` exports a Go variable (GOROOT, GOPATH, GOBIN, GOFLAGS, GOPROXY,\n'
            'GOPRIVATE, GOTOOLCHAIN, CGO_ENABLED … any `GO*` or `CGO_*`) or puts a Go directory on PATH (the directory of\n'
            'a `go` goenv-lsp found, or the one `go install` writes to), while the file a bash login shell reads — the\n'
            'first of `~/.bash_profile`, `~/.bash_login`, `~/.profile` — neither sources `~/.bashrc` nor sets it itself.\n'
            'The finding sits on the line in `~/.bashrc`.\n'
            '\n'
            'When the login shell probe ran (`login-shell`: on in the CLI, `login-shell = true` in the language server;\n'
            "`$SHELL -l -c` once, from the home directory, with a fresh login's variables, never interactive), only what\n"
            'that login shell really lacks, or has with another value, is reported, and the message says what it has.\n'
            'Otherwise the files alone decide. Differences no startup file explains (a variable exported by hand in this\n'
            'terminal, a virtualenv, direnv, tmux) are never reported; nor is anything when the login file sources a file\n'
            'goenv-lsp does not read, or runs an `eval` that may set Go variables (`eval "$(goenv init -)"`).\n'
            '\n'
            '## Why it matters\n'
            'Only an interactive bash that is not a login shell reads `~/.bashrc` (bash(1), INVOCATION). A login shell\n'
            'reads the login file instead: macOS Terminal windows, ssh sessions, and VS Code, which runs your shell as\n'
            '`$SHELL -ilc` once when started from the Dock or a desktop launcher and takes that environment\n'
            '(`src/vs/platform/shell/node/shellEnv.ts`; vscode-go#713); other applications started from the macOS Dock get\n'
            "launchd's environment. So the editor, and the gopls and go it starts, run without the variable, or with a PATH\n"
            'that lacks that go: "go: command not found", another GOROOT or GOPATH, other GOFLAGS — only in the editor.\n'
            'zsh is not concerned: an interactive login zsh reads `~/.zshrc` too.\n'
            '\n'
            '## How to fix\n'
            'Export the variable in the login file as well: the fix appends the same line to it (applied, a new login shell\n'
            "has it). Or make the login file read `~/.bashrc` (`[ -f ~/.bashrc ] && . ~/.bashrc`, as Debian's `~/.profile`\n"
            'does) — everything else in `~/.bashrc` then runs in login shells too, and nothing after its interactive guard\n'
            '(`case $- in *i*) ;; *) return;; esac`) reaches a non-interactive login, so that fix is offered only when the\n'
            'line comes before any such guard. Log in again, or restart the editor from the Dock, afterwards.\n'
            '\n'
            '## Example\n'
            '`~/.bashrc` has `export GOROOT=/usr/local/go1.22`, `~/.bash_profile` only `export PATH="$HOME/bin:$PATH"`;\n'
            'this terminal has GOROOT, `bash -l` does not.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('bash-startup', 'environment', 'go-binaries', 'goenv', 'login-profile', 'login-shell', 'sh-profile'),
        'status': 'stable',
        'fix_title': 'Set it in the file a login shell reads',
        'tags': ('shell', 'editor'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('bash-startup',),
        'module': 'goenv_lsp.rules.ge7_shell.ge710_go_variable_only_in_bashrc',
    },
    {
        'code': 'GE711',
        'name': 'login-shell-fails',
        'severity': 'warning',
        'summary': 'The login shell hangs, fails or exits early, so its environment cannot be read',
        'docs': (
            '## What it checks\n'
            "That the login shell probe could read your login shell's environment: `$SHELL -l -c` (run once, from the home\n"
            "directory, with a fresh login's variables, never interactive, only when `login-shell` is on — the CLI's\n"
            'default) must not hang past the probe timeout, exit with an error, crash, or exit before running the command\n'
            'it was given (a startup file that ends in `exec` or `exit`), and `$SHELL` must name a shell that exists. Shells\n'
            'goenv-lsp does not know (tcsh, nushell …) are not run, and nothing is reported for them.\n'
            '\n'
            '## Why it matters\n'
            'Editors started outside a terminal take their environment from such a shell: VS Code runs `$SHELL -ilc` once\n'
            'when started from the Dock or a desktop launcher, gives up after 10 seconds ("Unable to resolve your shell\n'
            'environment in a reasonable time") and rejects a shell that exits with an error\n'
            "(`src/vs/platform/shell/node/shellEnv.ts`). The editor then runs with the desktop's bare environment: no Go\n"
            'on PATH, none of your Go variables. Without the login environment goenv-lsp cannot check it either (GE710\n'
            'then judges from the files alone).\n'
            '\n'
            '## How to fix\n'
            'Run `$SHELL -l -c true` in a terminal and read what it prints; time it (`time bash -l -c true`). Look in the\n'
            "login files (`~/.bash_profile`, `~/.profile`, `~/.zprofile`, `~/.zshenv`, fish's `config.fish`) for a command\n"
            'that waits for input, a password or the network (a `source` from a network share, `ssh-add`, a version\n'
            'manager that downloads), one that fails under `set -e`, or an `exec`. Guard interactive-only commands with\n'
            '`[[ $- == *i* ]]`.\n'
            '\n'
            '## Example\n'
            '`~/.bash_profile` sources a file on a network share that no longer answers: `bash -l -c` never returns.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('login-shell',),
        'status': 'stable',
        'fix_title': None,
        'tags': ('shell', 'editor', 'probe'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('login-shell',),
        'module': 'goenv_lsp.rules.ge7_shell.ge711_login_shell_fails',
    },
    {
        'code': 'GE712',
        'name': 'process-lacks-login-variable',
        'severity': 'info',
        'summary': 'This process lacks a Go variable or Go PATH entry that the login shell gets from a startup file',
        'docs': (
            '## What it checks\n'
            "The login shell probe ran (`$SHELL -l -c` once, from the home directory, with a fresh login's variables; on in\n"
            'the CLI, `login-shell = true` in the language server), and a Go variable (`GO*`, `CGO_*`) or a Go directory on\n'
            'PATH that the login shell has — set on a line of a file a login shell reads (`~/.profile`, `~/.bash_profile`,\n'
            "`~/.zprofile`, `~/.zshenv`, fish's `config.fish` …) — is missing from this process's environment altogether.\n"
            'The finding, information, sits on that line. A variable this process has with another value is not reported\n'
            '(direnv, a virtualenv or a deliberate override may set it).\n'
            '\n'
            '## Why it matters\n'
            "The process — the editor running goenv-lsp's language server, or the terminal the CLI runs in — did not get\n"
            'its environment from a login shell that reads that file: it was started before the line was added, or by\n'
            'something that does not read it (a desktop session that reads only `~/.profile` while the line is in\n'
            "`~/.bash_profile`, an application started from the macOS Dock, which gets launchd's environment). The go\n"
            'and gopls it starts run without the variable, or without that go on PATH.\n'
            '\n'
            '## How to fix\n'
            'Log out and in again, or restart the editor from a new login or from a terminal (`code .`). On a Linux\n'
            'desktop, put the line in `~/.profile`, which graphical logins read (microsoft/vscode-go#10), rather than in\n'
            '`~/.bash_profile`. For one editor, its own settings can set the variable (`go.toolsEnvVars`, `go.goroot`).\n'
            '\n'
            '## Example\n'
            '`~/.profile` has `export GOPATH="$HOME/work"` and `bash -l` has it, but the editor\'s environment has no GOPATH.\n'
        ),
        'fix': 'none',
        'scope': 'machine',
        'needs': ('bash-startup', 'environment', 'fish-config', 'go-binaries', 'goenv', 'login-shell', 'sh-profile', 'zsh-startup'),
        'status': 'stable',
        'fix_title': None,
        'tags': ('shell', 'editor'),
        'suppressed_by': (),
        'contexts': ('editor',),
        'informational_in': (),
        'only_with': ('bash-startup', 'fish-config', 'sh-profile', 'zsh-startup'),
        'module': 'goenv_lsp.rules.ge7_shell.ge712_process_lacks_login_variable',
    },
    {
        'code': 'GE801',
        'name': 'go-version-lags',
        'severity': 'warning',
        'summary': "A Dockerfile, CI workflow, version file or editor SDK selects an older Go than go.mod's go line",
        'docs': (
            '## What it checks\n'
            "A Go version another file selects for the module — a Dockerfile's `FROM golang:X`, GitHub Actions\n"
            '`setup-go` `go-version`, GitLab CI `image: golang:X`, `.go-version`, `.tool-versions`, `.mise.toml`, a dev\n'
            "container's Go feature, GoLand's project SDK — that is older than the module's go.mod `go` line. A two-part\n"
            'version (`1.22`, `golang:1.22-alpine`) stands for the newest release of that line, so `1.27` satisfies\n'
            '`go 1.27.3`; a file that pins a newer version than go.mod is fine. Each file is compared with the module it sits\n'
            "in (or the one it names: setup-go's `go-version-file`, a `working-directory`).\n"
            '\n'
            '## Why it matters\n'
            'Since Go 1.21 the `go` line is a minimum. Official golang images set `GOTOOLCHAIN=local`, so an older image\n'
            'stops at the first go command: `go: go.mod requires go >= 1.27.0 (running go 1.22.12; GOTOOLCHAIN=local)`.\n'
            'Elsewhere (setup-go, a version manager) the older go downloads the newer toolchain at every run, or fails where\n'
            'downloads are off — and the version the file names is not the one that builds.\n'
            '\n'
            '## How to fix\n'
            "Raise the file's version to the go line (the quick fix rewrites the version in place, keeping its form:\n"
            '`1.22` → `1.27`, `go1.22.3` → `go1.27.0`), or — when the go line was raised by mistake — lower that instead,\n'
            "with `go mod edit -go=…` after checking the dependencies allow it. setup-go's `go-version-file: go.mod` keeps\n"
            'a workflow aligned by itself.\n'
            '\n'
            '## Example\n'
            'go.mod says `go 1.27.0`; `docker/Dockerfile` says `FROM golang:1.22-alpine AS build`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('devcontainer', 'dockerfile', 'github-workflow', 'gitlab-ci', 'go-version', 'go.mod', 'goenv-version', 'mise-config', 'mise-config-dir', 'mise-config-global', 'modules', 'tool-versions', 'tool-versions-global'),
        'status': 'stable',
        'fix_title': "Raise the file's Go version to the go line",
        'tags': ('versions',),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('devcontainer', 'dockerfile', 'github-workflow', 'gitlab-ci', 'go-version', 'goenv-version', 'mise-config', 'mise-config-dir', 'mise-config-global', 'tool-versions', 'tool-versions-global'),
        'module': 'goenv_lsp.rules.ge8_versions.ge801_go_version_lags',
    },
    {
        'code': 'GE802',
        'name': 'golang-tag-floats',
        'severity': 'warning',
        'summary': 'A Dockerfile builds FROM golang:latest, golang:alpine or untagged golang: Go changes with no commit',
        'docs': (
            '## What it checks\n'
            'A Dockerfile stage built `FROM golang:latest`, `FROM golang` (no tag: the same), or a tag that names a variant\n'
            'but no Go version — `golang:alpine`, `golang:bookworm`, `golang:1-alpine` — in a module whose go.mod has a `go`\n'
            "line; a tag from a global ARG's default (`ARG GO_VERSION=latest`, `FROM golang:${GO_VERSION}`) counts, and the\n"
            'fix goes to the default. An image pinned by digest (`golang:latest@sha256:…`) does not move and is left alone.\n'
            '\n'
            '## Why it matters\n'
            'These tags follow the newest stable Go release: when Go 1.28 comes out, the next `docker build` of the same\n'
            'commit compiles with it (a new compiler, new vet checks, a new standard library, new GODEBUG defaults) while\n'
            'go.mod and CI still say `go 1.27`. The tag says nothing about the Go the module was tested with, so the image\n'
            'and the go line drift apart without a commit, and an old commit no longer rebuilds the way it did.\n'
            '\n'
            '## How to fix\n'
            "Name the go line's release in the tag, keeping the variant: `golang:alpine` → `golang:1.27-alpine`,\n"
            '`golang:latest` → `golang:1.27` (the quick fix does this). Raise the tag together with the go line (GE801\n'
            'reports a tag that falls behind it); for fully repeatable builds pin a digest as well.\n'
            '\n'
            '## Example\n'
            'go.mod says `go 1.27.3`; the Dockerfile says `FROM golang:alpine AS build`.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('dockerfile', 'go.mod', 'modules'),
        'status': 'stable',
        'fix_title': "Name the go line's release in the tag",
        'tags': ('versions', 'containers', 'reproducibility'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('dockerfile',),
        'module': 'goenv_lsp.rules.ge8_versions.ge802_golang_tag_floats',
    },
    {
        'code': 'GE810',
        'name': 'go-env-after-run',
        'severity': 'warning',
        'summary': 'A Dockerfile sets GOPROXY, GOPRIVATE, GOFLAGS, GOTOOLCHAIN… after the RUN that needed it',
        'docs': (
            '## What it checks\n'
            'An `ENV` (or `ARG`) in a Dockerfile stage that sets GOPROXY, GONOPROXY, GOPRIVATE, GONOSUMDB, GOSUMDB,\n'
            'GOINSECURE, GOFLAGS or GOTOOLCHAIN after a `RUN` of the same stage whose go command that variable governs: a\n'
            'module download (`go mod download`, `go build`, `go get`, `go install`, `go test`, `go mod tidy`…) for the\n'
            'proxy and checksum variables, a build, test, vet or list for GOFLAGS, any go command but `go version` and `go env`\n'
            'for GOTOOLCHAIN. A RUN that sets the variable itself (`GOPROXY=… go mod download`, `go env -w`) is not reported,\n'
            'nor a GOFLAGS or GOTOOLCHAIN that a go command further down the stage does use (set for it on purpose, maybe).\n'
            '\n'
            '## Why it matters\n'
            "Each instruction sees only what the instructions above it set. The RUN ran with the image's defaults: modules\n"
            'came from proxy.golang.org (unreachable behind a firewall, or the private modules 404 there and their paths\n'
            'leak to the public proxy and checksum database), GOFLAGS and GOTOOLCHAIN had no effect. The modules are then in\n'
            'the layer, so later RUNs never fetch them again with the new settings either: the ENV line looks right and\n'
            'changes nothing that matters.\n'
            '\n'
            '## How to fix\n'
            'Move the ENV above the first RUN that needs it — right after `FROM`, or after the ARGs it uses (the quick fix\n'
            'moves the instruction, all its lines).\n'
            '\n'
            '## Example\n'
            '```dockerfile\n'
            'FROM golang:1.27-alpine AS build\n'
            'COPY go.mod go.sum ./\n'
            'RUN go mod download\n'
            'ENV GOPROXY=https://goproxy.example.com,direct GOPRIVATE=example.com/internal\n'
            '```\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('dockerfile',),
        'status': 'stable',
        'fix_title': 'Move the ENV above the first RUN that needs it',
        'tags': ('containers', 'proxy'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('dockerfile',),
        'module': 'goenv_lsp.rules.ge8_versions.ge810_go_env_after_run',
    },
    {
        'code': 'GE811',
        'name': 'build-fetches-latest',
        'severity': 'warning',
        'summary': 'A build file runs `go get -u` or a go command `@latest`: builds change with no commit',
        'docs': (
            '## What it checks\n'
            "A go command in a build file — a Dockerfile `RUN`, a CI step's `run:` or `script:`, a Makefile recipe, a\n"
            '`//go:generate` line — that fetches whatever is newest when the build runs: `go get -u` (or `-u=patch`), or\n'
            '`go get`, `go install` or `go run` of `…@latest`.\n'
            '\n'
            '## Why it matters\n'
            'go.mod and go.sum pin what the module builds with; these commands step around them. `go get -u` in an image\n'
            'build upgrades every dependency to a version nobody tested, and a dependency whose newer release raised its\n'
            '`go` line stops the build (`go: … requires go >= 1.25.0 (running go 1.24.11; GOTOOLCHAIN=local)`) on a day\n'
            'nothing in the repository changed. A tool run `@latest` (a code generator, a linter) changes output and\n'
            'behaviour between two builds of the same commit.\n'
            '\n'
            '## How to fix\n'
            'Build what go.mod pins: `go mod download` instead of `go get -u` (upgrade on purpose, in a commit, with\n'
            '`go get -u` and the tests). Run tools at a fixed version: the version go.mod already requires (the quick fix\n'
            "writes it in place of `latest` when the tool's module is in go.mod), or, with Go 1.24 and later, record the\n"
            'tool in go.mod (`go get -tool golang.org/x/tools/cmd/stringer@v0.31.0`) and run `go tool stringer`.\n'
            '\n'
            '## Example\n'
            '`RUN go install github.com/swaggo/swag/cmd/swag@latest && swag init` in a Dockerfile.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('devcontainer', 'dockerfile', 'github-workflow', 'gitlab-ci', 'go-generate', 'go.mod', 'makefile', 'modules'),
        'status': 'stable',
        'fix_title': 'Pin the version go.mod requires',
        'tags': ('versions', 'reproducibility'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('devcontainer', 'dockerfile', 'github-workflow', 'gitlab-ci', 'go-generate', 'makefile'),
        'module': 'goenv_lsp.rules.ge8_versions.ge811_build_fetches_latest',
    },
    {
        'code': 'GE812',
        'name': 'cgo-left-on',
        'severity': 'warning',
        'summary': 'A Dockerfile builds with cgo on: CGO_ENABLED=0 set after the build, or a dynamic binary for scratch',
        'docs': (
            '## What it checks\n'
            'A `go build` or `go install` in a Dockerfile that runs with cgo on where the Dockerfile means it off:\n'
            '- `ENV CGO_ENABLED=0` (or `ARG`) comes after the build in its stage (and no build follows it), on an image where\n'
            '  cgo is on by default — the official Debian-based golang images ship gcc, so `CGO_ENABLED` defaults to 1 there\n'
            '  (on the alpine ones there is no C compiler and cgo is off anyway: not reported);\n'
            '- the binary is copied (`COPY --from=build`) into a final `FROM scratch` or distroless/chainguard `static` image,\n'
            "  and the build ran with cgo on: set `CGO_ENABLED=1`, or a Debian-based golang image's default, with no\n"
            '  `CGO_ENABLED=0`, no `-extldflags -static`, no `netgo` tag and no GOOS/GOARCH of its own (a cross-build turns\n'
            '  cgo off by itself).\n'
            '\n'
            '## Why it matters\n'
            'With cgo on, a program that imports `net` or `os/user` (any HTTP server or client does) or any cgo package is\n'
            'linked dynamically against the C library. `scratch` and distroless `static` have no C library and no dynamic\n'
            'loader, so the container stops at once with `exec /app: no such file or directory` — the file is there; the\n'
            'loader it names is not. An ENV after the build only affects later instructions: the binary is already built.\n'
            '\n'
            '## How to fix\n'
            "Set `CGO_ENABLED=0` before the build: move the ENV above the build's RUN, or write it on the command\n"
            '(`RUN CGO_ENABLED=0 go build …`, the quick fixes). If the program needs cgo, ship it on an image with a C library\n'
            "(`gcr.io/distroless/base-debian12`, or the build image's own distribution) instead of `static`/`scratch`.\n"
            '\n'
            '## Example\n'
            '```dockerfile\n'
            'FROM golang:1.27-bookworm AS build\n'
            'RUN go build -o /app ./cmd/server\n'
            'FROM scratch\n'
            'COPY --from=build /app /app\n'
            '```\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('dockerfile',),
        'status': 'stable',
        'fix_title': 'Set CGO_ENABLED=0 before the build',
        'tags': ('containers', 'cgo'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('dockerfile',),
        'module': 'goenv_lsp.rules.ge8_versions.ge812_cgo_left_on',
    },
    {
        'code': 'GE813',
        'name': 'cgo-without-c-compiler',
        'severity': 'error',
        'summary': 'A Dockerfile builds with CGO_ENABLED=1 on a golang alpine image, which has no C compiler',
        'docs': (
            '## What it checks\n'
            'A `go build`, `go install`, `go test` or `go run` with `CGO_ENABLED=1` (set by ENV, ARG or on the command) in a\n'
            'stage of an official golang **alpine** image, when no RUN before it installs a C compiler (`apk add gcc\n'
            'musl-dev`, `build-base`, `clang`) and no `CC` is set. An `apk add` of packages named by a variable is taken to\n'
            'install one (it cannot be known).\n'
            '\n'
            '## Why it matters\n'
            'The alpine golang images carry Go and the CA certificates, nothing else: there is no gcc. Without a C compiler\n'
            'the go command turns cgo off by itself (its default is `CGO_ENABLED=0` there), but a build that asks for cgo\n'
            'stops at the first package that uses it — `runtime/cgo`, needed by `net`, `os/user` and every `import "C"`:\n'
            '`cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH`.\n'
            '\n'
            '## How to fix\n'
            'Install the compiler and the C library headers before the build: `RUN apk add --no-cache gcc musl-dev` (the quick\n'
            "fix), or `build-base`. If cgo is not needed, drop `CGO_ENABLED=1` (alpine's default is already off).\n"
            '\n'
            '## Example\n'
            '```dockerfile\n'
            'FROM golang:1.27-alpine AS build\n'
            'ENV CGO_ENABLED=1\n'
            'RUN go build -o /app .\n'
            '```\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('dockerfile',),
        'status': 'stable',
        'fix_title': 'Install gcc and musl-dev before the build',
        'tags': ('containers', 'cgo'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('dockerfile',),
        'module': 'goenv_lsp.rules.ge8_versions.ge813_cgo_without_c_compiler',
    },
    {
        'code': 'GE814',
        'name': 'scratch-without-ca-certificates',
        'severity': 'warning',
        'summary': 'A FROM scratch image of a program that calls HTTPS services has no CA certificates',
        'docs': (
            '## What it checks\n'
            'A Dockerfile whose final stage is `FROM scratch` and receives a binary built in an earlier stage, with no CA\n'
            'certificates copied or added (`/etc/ssl/certs/ca-certificates.crt`, any `COPY`/`ADD` of certificates, or\n'
            "`SSL_CERT_FILE`/`SSL_CERT_DIR` set), while the module's go.mod requires a client of HTTPS services (the AWS,\n"
            'Google Cloud and Azure SDKs, `google.golang.org/api`, `golang.org/x/oauth2`, GitHub, Stripe and Slack\n'
            'clients…), so the program surely makes TLS calls. Programs that may or may not use TLS are not reported, nor is\n'
            'a module that embeds its roots (`golang.org/x/crypto/x509roots/fallback`). distroless images (`static`, `base`)\n'
            'already contain ca-certificates and are fine.\n'
            '\n'
            '## Why it matters\n'
            "`scratch` is empty: no `/etc/ssl/certs`, so Go's crypto/x509 finds no root certificates and every TLS\n"
            'connection fails at run time, not at build time: `tls: failed to verify certificate: x509: certificate signed by\n'
            'unknown authority`.\n'
            '\n'
            '## How to fix\n'
            "Copy the build image's bundle into the final image: `COPY --from=build /etc/ssl/certs/ca-certificates.crt\n"
            '/etc/ssl/certs/` (the quick fix, when the build stage is an official golang image, whose Debian and Alpine\n'
            'variants both have that file), or use `gcr.io/distroless/static` as the final image, or import\n'
            '`golang.org/x/crypto/x509roots/fallback`.\n'
            '\n'
            '## Example\n'
            '```dockerfile\n'
            'FROM golang:1.27-alpine AS build\n'
            'RUN CGO_ENABLED=0 go build -o /app .\n'
            'FROM scratch\n'
            'COPY --from=build /app /app\n'
            '```\n'
            'with go.mod requiring `github.com/aws/aws-sdk-go-v2`.\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('dockerfile', 'go.mod', 'modules'),
        'status': 'stable',
        'fix_title': "Copy the build image's CA bundle into the final image",
        'tags': ('containers', 'tls'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('dockerfile',),
        'module': 'goenv_lsp.rules.ge8_versions.ge814_scratch_without_ca_certificates',
    },
    {
        'code': 'GE820',
        'name': 'go-version-read-as-number',
        'severity': 'error',
        'summary': 'setup-go `go-version: 1.20` unquoted: YAML reads the number 1.2 and setup-go installs Go 1.2.2',
        'docs': (
            '## What it checks\n'
            "A GitHub Actions workflow whose `actions/setup-go` `go-version` — written directly, in the job's\n"
            '`strategy.matrix` or in `env:` — is an unquoted number that ends in zero: `1.20`, `1.10`, `go: [1.20, 1.21]`.\n'
            '\n'
            '## Why it matters\n'
            'YAML reads an unquoted `1.20` as the number 1.2, and setup-go receives the text `1.2`: it installs Go 1.2.2,\n'
            "one of Go's first releases (its log says `Setup go version spec 1.2` … `Acquiring go1.2.2`), and the job fails in\n"
            'ways that do not say why, such as `cannot find package "…" in any of: /opt/hostedtoolcache/go/1.2.2/x64/src/pkg/…`.\n'
            "`1.21` works by luck, so the bug appears the day the version is raised to `1.20` or `1.30`. setup-go's own\n"
            'README asks for quotes for this reason (actions/setup-go#326, #328).\n'
            '\n'
            '## How to fix\n'
            "Quote the version: `go-version: '1.20'` (the quick fix adds the quotes), or write three parts (`1.20.14`), or\n"
            'let setup-go read go.mod with `go-version-file: go.mod`.\n'
            '\n'
            '## Example\n'
            '```yaml\n'
            '- uses: actions/setup-go@v5\n'
            '  with:\n'
            '    go-version: 1.20\n'
            '```\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('github-workflow',),
        'status': 'stable',
        'fix_title': 'Quote the version',
        'tags': ('versions', 'ci'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('github-workflow',),
        'module': 'goenv_lsp.rules.ge8_versions.ge820_go_version_read_as_number',
    },
    {
        'code': 'GE821',
        'name': 'go-version-file-missing',
        'severity': 'error',
        'summary': "setup-go's go-version-file names a missing file, or a go.mod with no go line",
        'docs': (
            '## What it checks\n'
            'A GitHub Actions `actions/setup-go` step whose `go-version-file` (with no `go-version`, which would win) names\n'
            'a file that does not exist, or a go.mod or go.work with neither a `go` nor a `toolchain` line. The path is\n'
            "relative to the repository root, whatever the job's `working-directory`.\n"
            '\n'
            '## Why it matters\n'
            'A missing file stops the step: `The specified go version file at: sub/go.mod does not exist` — typically after\n'
            "a module moved, or for a file only a developer's machine has. A go.mod without a go line gives setup-go no\n"
            'version at all: it installs nothing and the job runs whatever Go the runner image happens to have\n'
            '(`go-version input was not specified. The action will try to use pre-installed version.`).\n'
            '\n'
            '## How to fix\n'
            "Name the module's go.mod, relative to the repository root (the quick fix does when the workspace has one module),\n"
            'or add a `go` line to that go.mod (`go mod edit -go=1.27.3`).\n'
            '\n'
            '## Example\n'
            '```yaml\n'
            '- uses: actions/setup-go@v6\n'
            '  with:\n'
            '    go-version-file: backend/go.mod   # the module now lives in server/\n'
            '```\n'
        ),
        'fix': 'sometimes',
        'scope': 'machine',
        'needs': ('github-workflow', 'go.mod', 'go.work', 'modules', 'path-info'),
        'status': 'stable',
        'fix_title': "Name the module's go.mod",
        'tags': ('versions', 'ci'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('github-workflow',),
        'module': 'goenv_lsp.rules.ge8_versions.ge821_go_version_file_missing',
    },
    {
        'code': 'GE822',
        'name': 'ci-image-floats',
        'severity': 'warning',
        'summary': 'A CI job runs in golang:latest or another golang tag without a Go version: it moves across Go versions and disagrees with the go line',
        'docs': (
            '## What it checks\n'
            'A CI job — GitLab CI `image:`, a GitHub Actions job `container:` — running in the official golang image with\n'
            'a tag that names no Go version: none (`golang`), `latest`, a variant alone (`golang:alpine`,\n'
            '`golang:bookworm`), or the major version alone (`golang:1`, `golang:1-alpine`). A digest (`@sha256:…`) pins the\n'
            'image and is fine.\n'
            '\n'
            '## Why it matters\n'
            'These tags are the newest stable Go release, so they move across Go versions: the Go a job builds with changes\n'
            "the day a new Go is out, with no commit, and it is not the version the module's go line names — a new\n"
            "release's vet checks, changed defaults or a dropped platform break a job that passed yesterday, and two\n"
            'pipelines of one commit can disagree. (`latest` is not a beta: release candidates carry their own tags.)\n'
            '\n'
            '## How to fix\n'
            "Pin the go line's version, keeping the variant: `golang:1.27-alpine` (the quick fix writes it); raise it together\n"
            'with the go line.\n'
            '\n'
            '## Example\n'
            '`.gitlab-ci.yml`: `image: golang:latest` for a module whose go.mod says `go 1.27.3`.\n'
        ),
        'fix': 'always',
        'scope': 'machine',
        'needs': ('github-workflow', 'gitlab-ci', 'go.mod', 'modules'),
        'status': 'stable',
        'fix_title': "Pin the go line's version",
        'tags': ('versions', 'ci'),
        'suppressed_by': (),
        'contexts': ('ci', 'editor'),
        'informational_in': (),
        'only_with': ('github-workflow', 'gitlab-ci'),
        'module': 'goenv_lsp.rules.ge8_versions.ge822_ci_image_floats',
    },
)
