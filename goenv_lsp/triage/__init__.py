"""Triage of pasted bug reports: text someone pasted → partial facts (``Provenance.REPORTED``) → the same rules.

Pipeline (``run``): ``paste`` cleans the text line for line (Markdown fences, ``>`` quotes, ``<details>``, shell
prompts removed; line numbers kept); each reader module in ``run.READERS`` recognises its formats and records
what it read on a ``draft.Draft``; ``Draft.facts()`` (``facts``) builds the partial Facts; the editor context's
rules run; findings are placed on the paste's lines and ``confidence`` grades each by what the paste showed.
``errors`` turns the go command's and gopls' own error lines into ``Signal``s that confirm a diagnosis.
"""
