"""The MkDocs integration: the hook object, fast rendering, sanitising and Pagefind."""
