"""Triage of pasted bug reports: text someone pasted → partial facts (``Provenance.REPORTED``) → the same rules.

Pipeline: ``paste`` splits the text into blocks (Markdown fences and ``>`` quotes removed, prose kept apart);
each reader module recognises its formats in the blocks and records what it read on a ``draft.Draft``;
``Draft.facts()`` builds the partial Facts; ``errors`` turns the go command's and gopls' own error lines into
``Signal``s that confirm or raise a diagnosis; ``confidence`` grades each finding by what the paste showed.
"""
