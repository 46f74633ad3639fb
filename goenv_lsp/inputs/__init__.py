"""Where facts come from: the live probe (``goenv_lsp.probe.collect``), a saved snapshot (``snapshot``), and
— for bug reports — pasted text. Each produces the same ``Facts``; ``Facts.provenance`` says which, and what
an input cannot know stays ``None`` so the rules that need it say nothing."""
