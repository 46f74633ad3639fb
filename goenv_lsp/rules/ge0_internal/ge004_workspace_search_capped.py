from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule

DOCS = """
## What it checks
Whether goenv-lsp looked at the whole workspace. It searches the workspace folder for go.mod, go.work and
the other files it checks, skipping `vendor/`, `testdata/`, `node_modules/`, hidden directories and what
`.gitignore` ignores, and stops at a cap (2,000 modules or 100,000 directories by default) rather than read
a home directory or a module cache.

## Why it matters
Modules past the cap are not checked: a go line the local toolchain cannot satisfy there goes unreported,
and the workspace looks healthier than it is.

## How to fix
Open the folder you work in rather than its parent, exclude generated or third-party trees, or raise the
caps in the workspace's `goenv-lsp.toml`:

```toml
[workspace]
exclude = ["third_party/", "**/generated/"]
max-modules = 5000
```

## Example
Opening `~` in the editor: goenv-lsp stops after 100,000 directories and says so.
"""


@rule(code="GE004", name="workspace-search-capped", severity=Severity.INFO,
      contexts=ALL_CONTEXTS,
      summary="The workspace search stopped at a cap: some modules were not checked", docs=DOCS,
      needs=(Input.MODULES,), tags=("workspace",))
def check(facts: Facts) -> Iterator[Report]:
    if facts.discovery is not None and facts.discovery.truncated:
        yield Report(f"goenv-lsp stopped searching the workspace when it had {facts.discovery.truncated}: what "
                     "lies beyond was not checked; exclude directories or raise the cap in goenv-lsp.toml's "
                     "[workspace] table", machine_anchor(facts))
