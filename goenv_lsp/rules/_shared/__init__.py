"""Helpers the rules share: the one anchoring policy, fix builders, editor SDK settings, gopls advice."""
