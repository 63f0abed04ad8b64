"""The page templates' compiled code, kept between builds (BRIEFING_CACHE).

Every build compiled the generator's Jinja templates from their source again, in each render
worker (they are forked before any page is rendered, so none inherits a loaded template): 0.25 s
of one core apiece, a tenth of the render stage of a build after adding 10 articles to a
1,000-article archive. Jinja's own bytecode cache keeps each template's compiled code under a
digest of its source, so a changed template is compiled again; what else shapes the compiled code
(the environment's options in render/pages.py, the Jinja release) is the folder's `code` marker:
when it differs, the folder is emptied first. The MkDocs hook keeps the theme's compiled templates
the same way (`.cache/templates/`), under the MkDocs and Material releases.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import FileSystemBytecodeCache
from jinja2.bccache import Bucket

from generator.speed.freshness import IMPORTED_CODE

MARKER = "code"


# What else than a template's source shapes its compiled code: the syntax and whitespace options
# and the extensions (filters and tests are looked up when a template runs, not compiled in).
_COMPILE_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "autoescape",
                    "optimized")


def _spelled(value) -> str:
    """An option as the same words in every process (a function by its name, not its address)."""
    if callable(value):
        return f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return repr(value)


def compile_options(env: jinja2.Environment) -> str:
    """The environment's options that shape compiled code, and Jinja's release, as one line."""
    options = " ".join(f"{name}={_spelled(getattr(env, name, None))}" for name in _COMPILE_OPTIONS)
    return f"jinja2 {jinja2.__version__} {options} extensions={sorted(env.extensions)!r}"


def calling_conventions(env: jinja2.Environment) -> str:
    """How the environment's filters and tests take their arguments: a filter marked to take the
    context (or the environment) is compiled into a call that passes it, so code compiled with one
    kind of filter must not run where the same name is another kind."""
    return "\0".join(f"{kind} {name} {getattr(func, 'jinja_pass_arg', None)}"
                      for kind, table in (("filter", env.filters), ("test", env.tests))
                      for name, func in sorted(table.items()))


class KeptBytecode(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in a folder, each kept under its source and the calling
    conventions of the filters and tests in the environment that compiled it (calling_conventions):
    the environment a build renders with has every plugin's filters, one made earlier may not."""

    def get_bucket(self, environment, name, filename, source):
        key = self.get_cache_key(name, filename)
        checksum = self.get_source_checksum(f"{source}\0{calling_conventions(environment)}")
        bucket = Bucket(environment, key, checksum)
        self.load_bytecode(bucket)
        return bucket


def keep_compiled_templates(env: jinja2.Environment, folder: Path, code: str | None = None) -> None:
    """Give `env` a bytecode cache in `folder`, emptied first when `code` (by default the generator's
    code) or what shapes the environment's compiled code changed since it was filled; a folder that
    cannot be made only leaves the templates compiled each build."""
    code = f"{IMPORTED_CODE if code is None else code} {compile_options(env)}"
    marker = folder / MARKER
    try:
        if not marker.is_file() or marker.read_text(encoding="utf-8") != code:
            folder.mkdir(parents=True, exist_ok=True)
            FileSystemBytecodeCache(str(folder)).clear()  # its own files only (`__jinja2_*.cache`)
            marker.write_text(code, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    env.bytecode_cache = KeptBytecode(str(folder))


def compile_ahead(env: jinja2.Environment, names, pending=lambda: False) -> int:
    """Compile the templates `names` into `env`'s bytecode cache while the process has nothing else to
    do (an early MkDocs waiting for the generator's pages), so that the build and the process it
    forks for the templates load them from there instead of each compiling them again. Stops as soon
    as `pending()` says the build may begin; a template that does not compile here (a filter a plugin
    adds later, say) is left for the build, which compiles it as it always does. Returns how many
    are in the cache now (compiled here, or found there)."""
    if env.bytecode_cache is None:
        return 0
    done = 0
    for name in names:
        if pending():
            break
        try:
            env.get_template(name)
        except Exception:  # noqa: BLE001  (the build meets it again, and reports it then)
            continue
        done += 1
    return done
