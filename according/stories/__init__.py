"""Across articles: the store, story clusters, origin tracing and version comparison."""
