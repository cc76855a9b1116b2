"""Learned attribution extraction: a CRF tags cue, source and content tokens, rules link them.

``features`` turns a parsed ``Doc`` into per-token feature dicts, ``labels`` converts
between character spans and BIO tags, ``link`` groups tagged spans into ``Found``
records, ``model`` loads the shipped tagger and ``training`` rebuilds it.
"""
