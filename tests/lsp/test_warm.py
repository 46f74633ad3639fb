"""The server's start-up imports what its first probe, evaluation and publication use (``lsp.warm``): a check
imports rule and file kind modules on first use, which would delay the first diagnostics. Counted in a fresh
interpreter (this one has imported everything already)."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import asyncio, json, sys
from goenv_lsp.lsp import server
from goenv_lsp.lsp.session import Session
from goenv_lsp.probe.fake import FakeSystem

fake = FakeSystem("linux", {"HOME": "/home/dev", "PATH": "/usr/local/go/bin:/usr/bin"})
fake.add_go("/usr/local/go", "1.24.0")
fake.add_file("/ws/go.mod", "module example.com/ws\n\ngo 1.99\n\nrequire example.com/dep v1.0.0\n")
fake.add_file("/ws/Dockerfile", "FROM golang:1.22\n")
fake.add_file("/home/dev/.config/go/env", "GOTOOLCHAIN=local\nGOFLAGS=-mod=mod\n")
built = server.build(fake)
if sys.argv[1] == "warm":
    server._warm(built)
before = set(sys.modules)

class Client:
    published = []
    def publish(self, uri, diagnostics): self.published.append((uri, [d.code for d in diagnostics]))
    def show_message(self, kind, text): pass
    def log(self, text): pass
    def supports(self, dotted): return False
    def buffers(self): return {}
    async def begin_progress(self, title): return lambda: None
    async def configuration(self, scopes): return [None] * len(scopes)

async def first_publication():
    session = Session(Client(), fake, built[1].rules)
    session.add_root("/ws")
    session.begin()
    await session.start(pull=False)
    session.close()

asyncio.run(first_publication())
print(json.dumps({"published": Client.published, "new": sorted(set(sys.modules) - before)}))
"""


def first_publication(warm: bool) -> dict:
    found = subprocess.run([sys.executable, "-c", SCRIPT, "warm" if warm else "cold"], capture_output=True, text=True,
                           check=True)
    return json.loads(found.stdout)


def test_after_the_warm_up_the_first_publication_imports_nothing() -> None:
    warm = first_publication(warm=True)
    assert any(codes for _, codes in warm["published"])  # findings were published: the rules ran
    assert warm["new"] == []


def test_without_it_the_first_publication_imports_rule_and_file_kind_modules() -> None:
    cold = first_publication(warm=False)  # the control: the warm-up is what makes the difference
    assert any(name.startswith("goenv_lsp.rules.ge") for name in cold["new"])
    assert any(name.startswith("goenv_lsp.files.") for name in cold["new"])
