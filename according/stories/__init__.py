"""Across articles: the store, story clusters and origin tracing (two versions: ``according.versions``)."""
