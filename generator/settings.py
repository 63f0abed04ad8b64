"""Every setting of a build that is not in mkdocs.yml or register.yml: declared once, with its type,
its default, the environment variable that overrides it and what it is for.

The speed-ups (generator/speed/) each have one switch here, so any of them can be turned off to
rule it out when something looks wrong: `BRIEFING_CACHE=0 python -m generator build` extracts
every article again, and so on. The README's "Settings" table lists the same rows (a test keeps
the two in step). Read them with `current()`: the environment is read at each call, so a test or
a long-lived process sees a change at once.

Settings change how a build runs, never what the archive says. The limits that shape what it
says (the longest article kept, how many new names one article may add, when an article is too
crowded to count for "appears with") are rules: each stays beside the rule it limits, with the
reason, as the word lists stay in extract/data/, and a change to one is a change of the code
(the extraction cache and the freshness stamp notice it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields


def _setting(default, env: str | None, doc: str):
    return field(default=default, metadata={"env": env, "doc": doc})


@dataclass(frozen=True)
class Settings:
    # ------------------------------------------------------------------ speed-ups (generator/speed/)
    cache: bool = _setting(True, "BRIEFING_CACHE",
                           "reuse an article's extraction while its bytes, sidecar hints, the register "
                           "and the extractor's code are unchanged (.cache/extractions.pickle), an article's "
                           "incidents while its text, date and resolved names are (.cache/incidents.pickle), "
                           "a saved page's or record's text and metadata while its bytes are "
                           "(.cache/page-reads.pickle), a seed's reading while its file's stat row is "
                           "(.cache/seed-files.pickle), a generated page's digest while its file's "
                           "stat row is (.cache/page-digests.pickle), and the page templates' compiled "
                           "code while their source and the generator's code are (.cache/page-templates/)")
    stamp: bool = _setting(True, "BRIEFING_STAMP",
                           "stop after a few stat calls when no input and no output changed since the "
                           "last complete build (.cache/last-build.json); `make site` likewise leaves "
                           "site/ as it is (.cache/site-mkdocs.json)")
    jobs: int = _setting(0, "BRIEFING_JOBS",
                         "worker processes for extraction and rendering; 0: one per core, 1: no pools")
    pause_gc: bool = _setting(True, "BRIEFING_PAUSE_GC",
                              "pause Python's cyclic garbage collector during a build, while the page "
                              "cache reads or writes its index, and through an MkDocs build of at most "
                              "1,000 pages (it frees almost nothing there and costs time on a large heap); "
                              "a larger `mkdocs build` sets the pages it has read aside from its passes")
    incremental: bool = _setting(True, "BRIEFING_INCREMENTAL",
                                 "render again only the article and entity pages whose inputs changed since "
                                 "the last build, the indexes and exports always (.cache/pages.pickle)")
    quick_serve: bool = _setting(True, "BRIEFING_QUICK_SERVE",
                                 "under `mkdocs serve`, re-render an edited article's own page first and "
                                 "the rest of the archive a moment later")
    serve_at_once: bool = _setting(True, "BRIEFING_SERVE_AT_ONCE",
                                   "`mkdocs serve` serves the pages as last generated at once and brings them "
                                   "up to date in the background (the browser reloads), instead of waiting "
                                   "for the generator before its first build")
    native_watch: bool = _setting(True, "BRIEFING_NATIVE_WATCH",
                                  "under `mkdocs serve`, the docs dir is watched through the system's file "
                                  "events instead of MkDocs' polling (a walk of every page twice a second), "
                                  "and MkDocs is asked to build as soon as the generator has written")
    fast_render: bool = _setting(True, "BRIEFING_FAST_RENDER",
                                 "MkDocs renders the generator's own pages with cmark-gfm instead of "
                                 "Python-Markdown (same HTML; generator/site/fast_render.py)")
    fast_search: bool = _setting(True, "BRIEFING_FAST_SEARCH",
                                 "Material's search finds the tags of each built page with regular expressions "
                                 "instead of Python's HTMLParser, and strips its data-search attributes trying "
                                 "its pattern only where they are written (same search index and pages; "
                                 "generator/site/fast_search.py)")
    fast_theme: bool = _setting(True, "BRIEFING_FAST_THEME",
                                "MkDocs lists the theme's own files without walking its hidden folders "
                                "(Material's 14,000 icons, which it drops; same files: "
                                "generator/site/fast_theme.py)")
    fast_exit: bool = _setting(True, "BRIEFING_FAST_EXIT",
                               "`python -m generator` ends without freeing its objects one by one once it has "
                               "flushed its output (0.9 s after a build of 10,000 articles: "
                               "generator/speed/leave.py)")
    fast_partials: bool = _setting(True, "BRIEFING_FAST_PARTIALS",
                                   "MkDocs renders the theme's navigation, tabs, logo, palette and search box "
                                   "once for the pages outside the navigation, which read them alike (same "
                                   "HTML: generator/site/fast_partials.py)")
    early_builder: bool = _setting(True, "BRIEFING_EARLY_BUILDER",
                                   "`make site` starts MkDocs while the generator runs: MkDocs loads its "
                                   "configuration, theme and plugins, then waits for the pages before it reads "
                                   "any (scripts/build_site.py)")
    render_ahead: bool = _setting(True, "BRIEFING_RENDER_AHEAD",
                                  "`mkdocs build` has a second, forked process work out the generator's pages "
                                  "it builds (their HTML, sanitised, and search sections) on the second "
                                  "core, from the last backward, and takes what is done (same site: "
                                  "generator/site/render_ahead.py)")
    template_ahead: bool = _setting(True, "BRIEFING_TEMPLATE_AHEAD",
                                    "`mkdocs build` has a second, forked process render the theme's templates "
                                    "for the pages it builds, from the last backward, and takes what is done "
                                    "(same site: generator/site/template_ahead.py)")
    files_ahead: bool = _setting(True, "BRIEFING_FILES_AHEAD",
                                 "`mkdocs build` has a process of its own make the folders and files of the "
                                 "pages it is about to write, on the second core (MkDocs writes into them: "
                                 "generator/site/files_ahead.py); a first build of the generator has one make "
                                 "empty files for its pages while a core idles (generator/speed/reserve.py)")
    screen: bool = _setting(True, "BRIEFING_SCREEN",
                            "try the incident rules' patterns only on sentences that hold a word each one "
                            "needs (extract/screen.py: the same answers); read when the extractor is imported")
    page_cache: bool = _setting(True, "BRIEFING_PAGE_CACHE",
                                "`mkdocs build` renders only the pages whose Markdown or surroundings "
                                "changed and takes the others from the last build (.cache/site-pages/)")
    # ------------------------------------------------------------------ thresholds of the speed-ups
    extract_pool_min: int = _setting(200, None, "articles to extract before a process pool is worth starting")
    render_pool_min: int = _setting(400, None, "articles before rendering is spread over processes")
    render_ahead_min: int = _setting(24, None, "pages `mkdocs build` builds before working some out ahead "
                                               "pays for the fork")
    files_ahead_min: int = _setting(24, None, "pages `mkdocs build` writes before making their files ahead "
                                              "pays for starting a process")
    reserve_min: int = _setting(200, None, "articles a first build writes pages for before making their "
                                           "files ahead pays for starting a process")
    quick_max_changed: int = _setting(20, None, "changed articles beyond which `mkdocs serve` renders "
                                                "everything at once instead of a quick pass first")
    # ------------------------------------------------------------------ running a build
    lock_wait: float = _setting(900.0, "BRIEFING_LOCK_WAIT",
                                "seconds a build waits for another build of the same project to finish")
    timings: bool = _setting(False, "BRIEFING_TIMINGS",
                             "print one line of seconds per stage on stderr (the benchmarks read it)")
    skip_generate: bool = _setting(False, "BRIEFING_SKIP_GENERATE",
                                   "the MkDocs hook does not run the generator (`make site` generates "
                                   "first, as its own step)")
    pages_ready_fd: int = _setting(-1, "BRIEFING_PAGES_READY_FD",
                                   "set by scripts/build_site.py for an MkDocs it started early, not by hand: "
                                   "the socket on which the hook says `waiting` and, before its build reads a "
                                   "page, waits for `go` (the pages are written) or `stop` (nothing to build)")
    pages_written_fd: int = _setting(-1, "BRIEFING_PAGES_WRITTEN_FD",
                                     "set by scripts/build_site.py for the generator it runs, not by hand: the "
                                     "pipe on which the generator says `written` once every page is in the docs "
                                     "dir, before it saves its caches and stamp (MkDocs starts on the pages "
                                     "meanwhile)")
    search: str = _setting("lunr", "BRIEFING_SEARCH",
                           "search backend for one run, `lunr` or `pagefind` (mkdocs.yml "
                           "extra.search_backend reads it)")
    pagefind_shard_mb: float = _setting(0.0, "BRIEFING_PAGEFIND_SHARD_MB",
                                        "with search_backend: pagefind, 0 indexes the site in one Pagefind run; "
                                        "above 0, about how much page text (MB of HTML inside data-pagefind-body) "
                                        "one run indexes, a larger site in several runs (shards) that the search "
                                        "box merges: Pagefind's memory stays bounded, but a search of several "
                                        "words can also find pages with only some of them (generator/site/pagefind.py)")
    builder: str = _setting("mkdocs", "BRIEFING_BUILDER",
                            "site builder of scripts/build_site.py (`make site`): `mkdocs` or `zensical`")
    artifacts: str = _setting("test-artifacts", "BRIEFING_ARTIFACTS",
                              "folder for browser-test screenshots and reports")
    # ------------------------------------------------------------------ `python -m generator add URL`
    fetch_timeout: float = _setting(20.0, "BRIEFING_FETCH_TIMEOUT",
                                    "seconds `add` waits for a page to connect and for each read of it")
    fetch_max_mb: int = _setting(10, "BRIEFING_FETCH_MAX_MB",
                                 "largest page `add` saves, in MB (a bigger one is refused, not cut)")


_FALSE = {"0", "false", "no", "off"}
_TRUE = {"1", "true", "yes", "on"}


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take: one line naming both."""


def _parse(raw: str, default, env: str):
    text = raw.strip()
    if isinstance(default, bool):
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise SettingError(f"{env}={raw!r}: expected 1 or 0")
    try:
        if isinstance(default, int):
            return int(text)
        if isinstance(default, float):
            return float(text)
    except ValueError:
        raise SettingError(f"{env}={raw!r}: expected a number") from None
    return text


def current(environ=None) -> Settings:
    """The settings for this run: each default, unless its environment variable is set (and not empty)."""
    environ = os.environ if environ is None else environ
    return Settings(**{f.name: _value(f, environ) for f in fields(Settings)})


def one(name: str, environ=None):
    """One setting for this run, read alone: for a module that reads its setting as it is imported,
    which must not stop on another variable's bad value (the command line reports that one)."""
    environ = os.environ if environ is None else environ
    return _value(next(f for f in fields(Settings) if f.name == name), environ)


def _value(f, environ):
    """A setting's value: its default, unless its environment variable is set (and not empty)."""
    env = f.metadata["env"]
    raw = environ.get(env) if env else None
    return _parse(raw, f.default, env) if raw is not None and raw.strip() else f.default


def table() -> list[tuple[str, str, str, str]]:
    """(setting, environment variable, default, what it does) for every setting, in declared order."""
    rows = []
    for f in fields(Settings):
        default = f.default
        shown = ("1" if default else "0") if isinstance(default, bool) else str(default)
        rows.append((f.name, f.metadata["env"] or "", shown, f.metadata["doc"]))
    return rows
