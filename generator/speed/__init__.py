"""Speed-ups, as a layer the stages do not know about; each one can be switched off (settings.py).

The pipeline (generator/pipeline.py) runs plain steps unless it is handed faster ones that give
the same result; `steps()` picks them from the settings:

    read_register  speed/memo.py             register.yml parsed again only when it changed
    read_seeds     speed/reading_cache.py    a saved page's or record's text and metadata reused
                                             while its bytes are the same; a file not read again
                                             while its stat row is the same (kept in memory by a
                                             long-lived process, and in .cache/ for the next build)
                                                                                    (BRIEFING_CACHE)
    extract        speed/extraction_cache.py results reused by content hash, the rest on a
                                             process pool           (BRIEFING_CACHE, BRIEFING_JOBS)
    resolve        speed/kept_resolution.py  a long-lived process keeps the archive's names while an
                                             edit names what the article named before (BRIEFING_CACHE)
    incidents      speed/incidents_cache.py  an article's incidents reused while its text, date
                                             and resolved names are the same        (BRIEFING_CACHE)
                   speed/pools.py            the many a cold build lacks found first, on every core
                                                             (BRIEFING_CACHE, BRIEFING_JOBS)
    statements     speed/statements_cache.py a speaker's statements reused while the speaker's
                                             quotes are the same                    (BRIEFING_CACHE)
                   speed/pools.py            a large archive's speakers grouped on every core, the
                                             word vectors worked out meanwhile      (BRIEFING_JOBS)
    related        speed/pools.py            a large archive's related coverage found on every
                                             core, the events found meanwhile       (BRIEFING_JOBS)
                   speed/memo.py             `mkdocs serve`: only the edited article's
                                                                    (BRIEFING_QUICK_SERVE)
    events         speed/quick_events.py     `mkdocs serve`: only the edited article's places'
                                             (a serving process keeps each article's places)
                                                                    (BRIEFING_QUICK_SERVE)
    vectors        speed/terms_cache.py      an article's word counts reused while its title and
                                             paragraphs are the same                (BRIEFING_CACHE)
                   speed/memo.py             a long-lived process keeps them in memory instead
    render         speed/pools.py            large archives rendered on every core (BRIEFING_JOBS)
                   speed/incremental.py      only the article and entity pages whose inputs changed
                                             since the last build       (BRIEFING_INCREMENTAL)
                   speed/memo.py             `mkdocs serve`: the edited article's page first
                                                                    (BRIEFING_QUICK_SERVE)

Around the pipeline, generator/build.py uses four more: the freshness stamp (speed/freshness.py,
BRIEFING_STAMP: an unchanged project is not built again), the pages' digests kept between
builds while their files are unchanged (speed/digest_cache.py, BRIEFING_CACHE: the writer's
check for an editor's change reads only the pages that changed), a first build's page files made
ahead while a core idles (speed/reserve.py, BRIEFING_FILES_AHEAD) and a pause of the garbage
collector (speed/collector.py gc_paused, BRIEFING_PAUSE_GC). With every switch off, a build is the plain
pipeline; the tests compare the two.
"""
from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from generator.cores import cores

if TYPE_CHECKING:
    from generator.pipeline import Steps
    from generator.project import Project
    from generator.settings import Settings


def steps(project: Project, settings: Settings, jobs: int | None = None, progress: bool | None = None,
          quick: bool = False, long_lived: bool = False) -> Steps:
    """The pipeline's steps with every speed-up the settings allow. `jobs` overrides BRIEFING_JOBS;
    `quick` (the hook under `mkdocs serve`) asks for a quick render after a small edit; `long_lived`
    (the same process builds again: `mkdocs serve`) keeps each article's word counts for the next
    build (about 100 MB at 10,000 articles, which a one-off build would hold until it ends)."""
    # Imported here, not above: a module of this package (the freshness stamp, the site stamp) is then
    # importable without the whole pipeline (the MkDocs hook of `make site` needs no extractor).
    from generator.pipeline import Steps
    from generator.extract.incidents import find_incidents
    from generator.speed.extraction_cache import cached_extraction
    from generator.speed.incidents_cache import CachedIncidents
    from generator.speed.digest_cache import DigestCache
    from generator.speed.incremental import IncrementalRender
    from generator.index.related import word_counts
    from generator.speed.memo import KeptTerms, QuickRelated, QuickRender, cached_register, word_vectors
    from generator.speed.quick_events import QuickEvents
    from generator.speed.kept_resolution import KeptResolution
    from generator.index.resolve import resolve_archive
    from generator.index.events import build_events
    from generator.speed.reading_cache import cached_reading
    from generator.speed.register_cache import StoredRegister
    from generator.speed.pools import (parallel_incidents, parallel_members, parallel_related, parallel_render,
                                       parallel_statements)
    from generator.speed.statements_cache import CachedMembers
    from generator.speed.terms_cache import StoredTerms
    from generator.speed.template_cache import keep_compiled_templates
    from generator.render.pages import PAGE_TEMPLATES

    workers = cores(jobs or settings.jobs)
    members = parallel_members(workers)
    if settings.cache:
        keep_compiled_templates(PAGE_TEMPLATES, project.cache_file.with_name("page-templates"))
        members = CachedMembers(project.cache_file.with_name("statements.pickle"), members)
    render = parallel_render(workers, settings.render_pool_min)
    if settings.incremental:
        digests = DigestCache.of(project) if settings.cache else None
        render = IncrementalRender(project.cache_file.with_name("pages.pickle"), project.register_file,
                                   project.docs_dir, workers, settings.render_pool_min, save_later=True,
                                   digests=digests)
    related = parallel_related(workers)
    quick = quick and settings.quick_serve
    if quick:
        render = QuickRender(project.docs_dir, settings.quick_max_changed, render)
        related = QuickRelated(project.docs_dir, settings.quick_max_changed, related)
    events = build_events
    if quick:
        events = QuickEvents(project.docs_dir, settings.quick_max_changed)
    elif long_lived and settings.quick_serve:  # its places kept for the quick passes to come
        events = QuickEvents(project.docs_dir)
    resolve = resolve_archive
    if settings.cache and (long_lived or quick):
        terms = KeptTerms.of(project.docs_dir.resolve())
        resolve = KeptResolution.of(project.docs_dir.resolve())
    elif settings.cache:
        terms = StoredTerms(project.cache_file.with_name("word-counts.pickle"))
    else:
        terms = word_counts
    return Steps(
        read_register=(partial(cached_register, read=StoredRegister(project.cache_file.with_name("register.pickle")))
                       if settings.cache else cached_register),
        read_seeds=cached_reading(project.cache_file.with_name("page-reads.pickle") if settings.cache else None,
                                  project.cache_file.with_name("seed-files.pickle")),
        extract=cached_extraction(project.cache_file if settings.cache else None, workers,
                                  settings.extract_pool_min, progress, deferred=quick),
        incidents=(CachedIncidents(project.cache_file.with_name("incidents.pickle"), parallel_incidents(workers))
                   if settings.cache else find_incidents),
        statements=parallel_statements(workers, members_each=members),
        related=related,
        vectors=word_vectors(terms, fill=not quick),
        events=events,
        resolve=resolve,
        render=render,
    )


def keep(steps: Steps) -> None:
    """After a build: keep what its steps learned for the next build (the seeds' readings, the
    incidents found, the speakers' statements, the articles' word counts, the pages the incremental
    render kept, and what a quick pass extracted when it deferred saving it)."""
    for learned in (steps.read_seeds, steps.extract, steps.incidents, getattr(steps.statements, "members_each", None),
                    getattr(steps.vectors, "terms", None), steps.render):
        save = getattr(learned, "save", None)
        if save is not None:
            save()


def settle(steps: Steps) -> None:
    """After a build that failed: wait for what its steps were still saving (the extraction cache a
    forked process writes), so that the failure is told once they are kept."""
    wait = getattr(steps.extract, "wait", None)
    if wait is not None:
        wait()


__all__ = ["keep", "settle", "steps"]
