"""Extraction steps over the spaCy ``Doc``: one module per kind of extraction.

``assemble.build`` runs them in order and returns the plain ``Analysis``.
"""
