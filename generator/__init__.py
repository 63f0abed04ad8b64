"""Briefing Archive: raw news articles in, a cross-linked MkDocs archive out.

The stages, in order, each a package: read/ → extract/ → index/ → render/ → write/.
generator/pipeline.py runs them (start reading there); speed/ holds the speed-ups,
site/ the MkDocs integration, build.py and cli.py the commands. README "Architecture".
"""

__version__ = "0.1.0"
