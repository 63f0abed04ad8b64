"""`load_tables` reads every table the extractor reads on first use, so that extraction workers
forked after it (speed/extraction_cache.py) share the parent's copy instead of each reading its own."""
import subprocess
import sys
import textwrap
from pathlib import Path

import generator

ROOT = Path(generator.__file__).resolve().parent.parent

# In a fresh interpreter: every function of an extractor module that takes no argument and keeps
# its one result (functools.lru_cache: a table read on first use, or on import), and whether it is
# filled once load_tables has run.
PROBE = textwrap.dedent("""
    import importlib, inspect, pkgutil
    import generator.extract as extract
    tables = []
    for info in pkgutil.iter_modules(extract.__path__, "generator.extract."):
        module = importlib.import_module(info.name)
        for name, fn in vars(module).items():
            wrapped = getattr(fn, "__wrapped__", None)
            if (getattr(fn, "__module__", None) == module.__name__ and hasattr(fn, "cache_info")
                    and wrapped is not None and not inspect.signature(wrapped).parameters):
                tables.append((module.__name__ + "." + name, fn))
    extract.load_tables()
    for name, fn in sorted(tables):
        print(name, fn.cache_info().currsize)
""")


def test_load_tables_reads_every_table_the_extractor_keeps():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    rows = dict(line.split() for line in out.splitlines())
    assert "generator.extract.gazetteer.towns" in rows and "generator.extract.words.dictionary_words" in rows
    unread = [name for name, size in rows.items() if size != "1"]
    assert unread == [], f"tables load_tables leaves for each worker to read: {unread}"
