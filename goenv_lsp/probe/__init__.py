"""The only package that touches the system: it turns a workspace and an environment into Facts."""

from goenv_lsp.probe.collect import ProbeOptions, collect, collect_sync

__all__ = ["ProbeOptions", "collect", "collect_sync"]
