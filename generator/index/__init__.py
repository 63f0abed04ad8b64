"""The index stage: resolve names across articles and build the archive graph."""
