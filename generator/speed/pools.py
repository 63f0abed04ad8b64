"""Process pools: rendering a large archive (grouping its statements, finding its
related coverage) on all the cores (generator/cores.py says how many, and whether to fork).

Rendering is a pure function of the archive, so the pages are the same
whichever process renders which (tests/test_cache.py compares them); so is
grouping one speaker's quotes into statements (tests/test_statements.py).
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from generator.cores import may_fork
from generator.extract.incidents import find_incidents
from generator.index.related import Related, neighbourhood, related_articles, related_to
from generator.index.statements import sorted_versions, statement_members, statements_of
from generator.models import Archive, Page
from generator.render import render_all, render_exports, render_site


_shared_archive: Archive | None = None  # the archive, inherited by forked render workers


def _forked_shares(share_of, n: int, meanwhile=None) -> list:
    """`share_of(share, n)` for each of `n` shares, on `n` forked workers (which inherit what the
    caller set aside in a module global); `meanwhile` runs in this process while they work."""
    with ProcessPoolExecutor(max_workers=n, mp_context=get_context("fork")) as pool:
        pending = pool.map(share_of, range(n), [n] * n)  # sent to the workers now
        if meanwhile is not None:
            meanwhile()
        return list(pending)


def _render_share(share: int, shares: int) -> list[tuple[str, str]]:
    """In a forked worker: this worker's part of the site's pages."""
    return [(p.path, p.text) for p in render_site(_shared_archive, share=(share, shares))]


def parallel_render(jobs: int, smallest: int):
    """A render step for the pipeline: `render_all` spread over `jobs` forked processes for archives of
    at least `smallest` articles.

    Workers are forked so they share the archive without pickling it; that is safe only when this
    process runs no other thread (not under `mkdocs serve`, whose rebuilds then render in one process).
    """
    def render(archive: Archive) -> list[Page]:
        global _shared_archive
        n = min(jobs, 8)
        if len(archive.articles) < smallest or not may_fork(n):
            return render_all(archive)
        _shared_archive = archive
        try:
            parts = _forked_shares(_render_share, n)
        finally:
            _shared_archive = None
        pages = {path: text for part in parts for path, text in part}
        site = sorted((Page(path, text) for path, text in pages.items()), key=lambda p: p.path)
        return site + render_exports(archive)

    return render


_shared_versions: list | None = None  # each speaker's sorted quotes, inherited by forked workers
STATEMENTS_POOL_MIN = 5000  # quotes: below this, forking costs more than it saves


def _members_of(speaker: int) -> list[list[int]]:
    """In a forked worker: one speaker's statements, as positions in its sorted quotes."""
    return statement_members(_shared_versions[speaker])


def parallel_members(jobs: int, smallest: int = STATEMENTS_POOL_MIN):
    """Each speaker's statements as positions in its sorted quotes (`statement_members` of each list of
    `sorted_versions`), with the speakers spread over `jobs` forked processes when there are at least
    `smallest` quotes (a prolific speaker's thousands of quotes take seconds). Workers send back
    positions, never quotes or articles; forked only when this process runs no other thread, as for
    rendering."""
    def members_each(versions: list[list], meanwhile=None) -> list[list[list[int]]]:
        """`meanwhile` (another part of the index stage) runs in this process while the workers work."""
        global _shared_versions
        n = min(jobs, 8)
        if sum(map(len, versions)) < smallest or not may_fork(n):
            if meanwhile is not None:
                meanwhile()
            return [statement_members(v) for v in versions]
        largest_first = sorted(range(len(versions)), key=lambda i: (-len(versions[i]), i))
        _shared_versions = versions
        try:
            with ProcessPoolExecutor(max_workers=n, mp_context=get_context("fork")) as pool:
                pending = pool.map(_members_of, largest_first)  # sent to the workers now
                if meanwhile is not None:
                    meanwhile()
                members = dict(zip(largest_first, pending))
        finally:
            _shared_versions = None
        return [members[i] for i in range(len(versions))]

    return members_each


def parallel_statements(jobs: int, smallest: int = STATEMENTS_POOL_MIN, members_each=None):
    """A statements step for the pipeline: `group_each`, each speaker's quotes grouped by
    `members_each` (default: `parallel_members(jobs, smallest)`; speed/statements_cache.py answers
    from the last build for the speakers whose quotes are the same)."""
    members_each = members_each or parallel_members(jobs, smallest)

    def grouping(quotes_by_speaker: list[list], meanwhile=None) -> list[list]:
        versions = [sorted_versions(quotes) for quotes in quotes_by_speaker]
        return [statements_of(v, m) for v, m in zip(versions, members_each(versions, meanwhile=meanwhile))]

    grouping.members_each = members_each  # speed.keep() saves what a cache of them learned
    return grouping


_shared_neighbourhood: tuple | None = None  # (articles, Neighbourhood), inherited by forked workers
RELATED_POOL_MIN = 2000  # articles: below this, forking costs more than it saves


def _related_share(share: int, shares: int) -> list[tuple[str, list[tuple[str, float, tuple, bool]]]]:
    """In a forked worker: every `shares`-th article's related coverage, as stems (not articles)."""
    articles, near = _shared_neighbourhood
    return [(a.stem, [(r.article.stem, r.score, r.shared, r.same_quote) for r in related_to(a, near)])
            for a in articles[share::shares]]


def parallel_related(jobs: int, smallest: int = RELATED_POOL_MIN):
    """A related-coverage step for the pipeline: `related_articles` with the articles dealt out to
    `jobs` forked processes when there are at least `smallest` of them. The neighbourhood (rarities,
    word vectors) is worked out once, before forking; workers send back stems and scores, never
    articles. Forked only when this process runs no other thread, as for rendering."""
    def relating(articles, shared_statements, vectors=None, meanwhile=None) -> dict:
        """`meanwhile` (another part of the index stage) runs in this process while the workers work."""
        global _shared_neighbourhood
        n = min(jobs, 8)
        if len(articles) < smallest or not may_fork(n):
            return related_articles(articles, shared_statements, vectors, meanwhile)
        near = neighbourhood(articles, shared_statements, vectors=vectors)
        near.vectors.fill()  # once, here, not in every worker
        _shared_neighbourhood = (articles, near)
        try:
            parts = _forked_shares(_related_share, n, meanwhile)
        finally:
            _shared_neighbourhood = None
        found = {stem: [Related(near.by_stem[other], score, names, same) for other, score, names, same in related]
                 for part in parts for stem, related in part}
        return {a.stem: found[a.stem] for a in articles}

    return relating


_shared_incident_args: list | None = None  # what finding each article's incidents reads, inherited by forked workers
INCIDENTS_POOL_MIN = 500  # articles: below this, forking costs more than it saves


def _incidents_share(share: int, shares: int) -> list:
    """In a forked worker: the incidents of every `shares`-th article."""
    return [find_incidents(*args) for args in _shared_incident_args[share::shares]]


def parallel_incidents(jobs: int, smallest: int = INCIDENTS_POOL_MIN):
    """`find_incidents` of many articles at once, dealt out to `jobs` forked processes: a function of
    a list of `find_incidents`' arguments (one tuple per article) that gives their incidents in the
    same order, or None when there are fewer than `smallest` articles or no worker may be forked
    (the caller then finds them one by one, as before). Its `worth(count)` tells a caller whether
    asking for `count` articles would fork, before it works out which articles to ask for. Workers
    send back incidents, never articles; forked only when this process runs no other thread, as
    for rendering."""
    n = min(jobs, 8)

    def worth(count: int) -> bool:
        return count >= smallest and may_fork(n)

    def find_each(each_args: list[tuple], meanwhile=None) -> list | None:
        """`meanwhile` runs in this process while the workers work (not at all when none is forked)."""
        global _shared_incident_args
        if not worth(len(each_args)):
            return None
        _shared_incident_args = each_args
        try:
            parts = _forked_shares(_incidents_share, n, meanwhile)
        finally:
            _shared_incident_args = None
        found: list = [None] * len(each_args)
        for share, part in enumerate(parts):
            found[share::n] = part
        return found

    find_each.worth = worth
    return find_each
