"""The build does only the work an edit calls for: cached extraction, unchanged files kept, quick serve rebuilds."""
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import Project, build, prepare, write

from project_files import use_synthetic_seeds


@pytest.fixture
def corpus_project(project_copy: Path) -> Path:
    return use_synthetic_seeds(project_copy, 40)


def _tree(docs: Path) -> dict[str, str]:
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(docs.rglob("*")) if p.is_file()}


def _edit(seed: Path, token: str) -> None:
    lines = seed.read_text(encoding="utf-8").rstrip("\n").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += f" A new sentence {token} for the test."
    seed.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_nothing_changed_means_no_extraction_and_no_write(corpus_project):
    project = Project(root=corpus_project)
    first = build(project, progress=False)
    assert first.extracted == 40 and first.written
    mtimes = {p: p.stat().st_mtime_ns for p in (corpus_project / "content").rglob("*") if p.is_file()}
    again = build(project, progress=False)
    assert again.extracted == 0
    assert again.written == [] and again.removed == []
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def test_one_edited_seed_is_the_only_one_extracted(corpus_project):
    project = Project(root=corpus_project)
    build(project, progress=False)
    seed = sorted((corpus_project / "seeds").glob("*.txt"))[3]
    _edit(seed, "zzcacheedit")
    result = build(project, progress=False)
    assert result.extracted == 1
    assert any("zzcacheedit" in (corpus_project / "content" / p).read_text(encoding="utf-8")
               for p in result.written)


def test_cache_survives_a_new_process_and_a_corrupt_file(corpus_project):
    project = Project(root=corpus_project)
    build(project, progress=False)
    from generator.speed import extraction_cache

    extraction_cache._in_memory.clear()  # as a fresh process would start
    project.stamp_file.unlink(missing_ok=True)  # so the build runs its stages instead of stopping at "nothing changed"
    assert build(project, progress=False).extracted == 0
    extraction_cache._in_memory.clear()
    project.stamp_file.unlink(missing_ok=True)
    project.cache_file.write_bytes(b"not a pickle")
    assert build(project, progress=False).extracted == 40


def test_quick_rebuild_then_full_equals_a_fresh_build(corpus_project, tmp_path):
    """What `mkdocs serve` does on an edit: quick pages first, the rest next; the end state is exact."""
    project = Project(root=corpus_project)
    build(project, progress=False, remember=True)
    seed = sorted((corpus_project / "seeds").glob("*.txt"))[5]
    _edit(seed, "zzquickedit")
    quick = build(project, progress=False, quick=True, remember=True)
    assert quick.partial and quick.extracted == 1
    assert 1 <= len(quick.written) <= 40
    edited = [p for p in quick.written if "zzquickedit" in (corpus_project / "content" / p).read_text(encoding="utf-8")]
    assert edited
    quick_pages = {p: (corpus_project / "content" / p).read_text(encoding="utf-8") for p in edited}
    full = write(prepare(project, progress=False), remember=True)
    assert not full.partial
    # The edited article's page is exact at once (its related coverage found against the whole archive):
    # the rest of the archive does not write it again.
    assert {p: (corpus_project / "content" / p).read_text(encoding="utf-8") for p in edited} == quick_pages
    assert not set(edited) & set(full.written)

    fresh = tmp_path / "fresh"
    fresh.mkdir()
    build(Project(root=corpus_project, docs=fresh, cache=tmp_path / "cache.pickle"), progress=False)
    docs = _tree(corpus_project / "content")
    assert {k: v for k, v in docs.items() if k in _tree(fresh)} == _tree(fresh)


def test_a_quick_pass_leaves_the_extraction_cache_to_the_full_pass(corpus_project):
    """Writing the extraction cache took 0.4 s of each edit at 10,000 articles: a quick pass leaves it
    as it was, and the full pass after it keeps the edited article's extraction."""
    import pickle

    project = Project(root=corpus_project)
    build(project, progress=False, remember=True)
    saved = project.cache_file.read_bytes()
    _edit(sorted((corpus_project / "seeds").glob("*.txt"))[6], "zzdeferredsave")
    quick = build(project, progress=False, quick=True, remember=True)
    assert quick.partial and quick.extracted == 1
    assert project.cache_file.read_bytes() == saved
    full = write(prepare(project, progress=False), remember=True)
    assert not full.partial
    kept = pickle.loads(project.cache_file.read_bytes())
    assert len(kept) == 40
    assert any("zzdeferredsave" in " ".join(ex.paragraphs) for ex in kept.values())


def test_a_quick_pass_that_renders_everything_keeps_its_extractions(corpus_project):
    """When a quick pass finds too much changed and renders the whole archive, no full pass follows: it
    saves the extraction cache itself."""
    import pickle

    project = Project(root=corpus_project)
    build(project, progress=False, remember=True)
    for i, seed in enumerate(sorted((corpus_project / "seeds").glob("*.txt"))[:25]):  # more than quick_max_changed (20)
        _edit(seed, f"zzmanyedits{i}")
    quick = build(project, progress=False, quick=True, remember=True)
    assert not quick.partial and quick.extracted == 25
    kept = pickle.loads(project.cache_file.read_bytes())
    assert sum("zzmanyedits" in " ".join(ex.paragraphs) for ex in kept.values()) == 25


def test_a_second_quick_pass_weighs_the_edited_words_and_the_rest_of_the_archive_agrees(corpus_project):
    """A serving process keeps each article's word counts between quick passes (speed/memo.py
    KeptTerms): an article edited again is counted again, so its related coverage is exact at once."""
    project = Project(root=corpus_project)
    build(project, progress=False, remember=True)
    seed = sorted((corpus_project / "seeds").glob("*.txt"))[7]
    for word in ("zzfirstedit", "zzsecondedit"):
        _edit(seed, word)
        quick = build(project, progress=False, quick=True, remember=True)
        assert quick.partial and quick.extracted == 1
        edited = [p for p in quick.written if word in (corpus_project / "content" / p).read_text(encoding="utf-8")]
        assert edited
        full = write(prepare(project, progress=False), remember=True)
        assert not set(edited) & set(full.written)


def test_kept_word_counts_follow_each_articles_text():
    from types import SimpleNamespace

    from generator.index.related import word_counts
    from generator.speed.memo import KeptTerms

    kept = KeptTerms()
    before = SimpleNamespace(stem="a", title="Strike on a base", paragraphs=["Drones struck the base at dawn."])
    first = kept(before)
    assert first == word_counts(before) and kept(before) is first
    after = SimpleNamespace(stem="a", title="Strike on a base", paragraphs=["Rockets hit the airfield at dawn."])
    assert kept(after) == word_counts(after) != first
    kept.forget_all_but([])  # the article is gone
    assert kept.kept == {}


def test_only_a_long_lived_process_keeps_the_word_counts(corpus_project):
    """The word counts a serving process keeps for its next pass (about 100 MB at 10,000 articles)
    are not kept by a one-off build, which would only hold them until it ends."""
    from generator.speed.memo import KeptTerms

    project = Project(root=corpus_project)
    kept = KeptTerms.of((corpus_project / "content").resolve())
    kept.kept.clear()
    build(project, progress=False)
    assert kept.kept == {}
    _edit(sorted((corpus_project / "seeds").glob("*.txt"))[2], "zzlonglived")
    build(project, progress=False, remember=True)
    assert len(kept.kept) == 40


def test_a_quick_pass_writes_only_the_pages_it_changed(corpus_project):
    """A quick pass hands the writer only the pages whose text is not what this process last wrote:
    it neither compares nor removes the others, and the manifest keeps them; the full pass after it
    compares every page again (and finds the one an editor changed meanwhile)."""
    from generator.write.journal import manifest_files

    project = Project(root=corpus_project)
    first = build(project, progress=False, remember=True)
    docs = corpus_project / "content"
    before = manifest_files(docs)
    hand_edited = "archive/actors/index.md"  # an index: the quick pass keeps its text from memory
    assert hand_edited in before
    (docs / hand_edited).write_text("Edited by hand.\n", encoding="utf-8")
    _edit(sorted((corpus_project / "seeds").glob("*.txt"))[5], "zzpartialedit")
    quick = build(project, progress=False, quick=True, remember=True)
    assert quick.partial and quick.written and hand_edited not in quick.written
    assert quick.unchanged + len(quick.written) == len(first.written)
    assert not [p for p in quick.problems if hand_edited in p.path]  # not compared
    assert manifest_files(docs).keys() == before.keys()
    assert (docs / hand_edited).read_text(encoding="utf-8") == "Edited by hand.\n"
    full = build(project, progress=False, remember=True)
    assert any(hand_edited in p.path and "edited by hand" in p.message for p in full.problems)
    assert (docs / hand_edited).read_text(encoding="utf-8") == "Edited by hand.\n"


def test_a_partial_write_keeps_the_pages_it_is_not_given(tmp_path):
    """write_pages(partial=True): the pages not given stay, with their manifest entries."""
    from generator.models import Page
    from generator.write.journal import manifest_files, write_pages

    docs = tmp_path / "docs"
    write_pages(docs, [Page("archive/a.md", "a\n"), Page("archive/b.md", "b\n"), Page("index.md", "i\n")])
    report = write_pages(docs, [Page("archive/b.md", "b2\n")], partial=True)
    assert report.written == ["archive/b.md"] and report.removed == []
    assert {p: (docs / p).read_text() for p in ("archive/a.md", "archive/b.md", "index.md")} == \
        {"archive/a.md": "a\n", "archive/b.md": "b2\n", "index.md": "i\n"}
    assert sorted(manifest_files(docs)) == ["archive/a.md", "archive/b.md", "index.md"]
    report = write_pages(docs, [Page("archive/b.md", "b2\n")])  # a whole write removes what it is not given
    assert sorted(report.removed) == ["archive/a.md", "index.md"]


def test_parallel_render_gives_the_same_pages(corpus_project):
    from generator.build import gather

    from generator.render import render_all
    from generator.speed.pools import parallel_render

    archive = gather(Project(root=corpus_project)).archive
    serial = [(p.path, p.text) for p in render_all(archive)]
    parallel = [(p.path, p.text) for p in parallel_render(2, 1)(archive)]
    assert parallel == serial


def _events(archive) -> list[tuple]:
    return [(e.id, e.sub_type, e.date, tuple((r.article.stem, r.sentence) for r in e.reports)) for e in archive.events]


def _related(archive) -> dict:
    return {stem: [(r.article.stem, r.score, r.shared, r.same_quote) for r in found]
            for stem, found in archive.related.items()}


def test_word_counts_are_counted_again_only_for_the_articles_that_changed(corpus_project, monkeypatch):
    """speed/terms_cache.py: a one-off build takes an article's word counts from the last build unless
    its text changed, or the generator did (a damaged store counts as empty); related coverage is
    the plain pipeline's."""
    from generator import pipeline, settings, speed
    from generator.speed import terms_cache

    project = Project(root=corpus_project)
    first = speed.steps(project, settings.current())
    pipeline.run(project, first, render=False)
    speed.keep(first)
    assert first.vectors.terms.counted == 40

    _edit(sorted((corpus_project / "seeds").glob("*.txt"))[7], "zzwordcountedit")
    again = speed.steps(project, settings.current())
    cached = pipeline.run(project, again, render=False)
    speed.keep(again)
    assert again.vectors.terms.counted == 1
    assert _related(cached.archive) == _related(pipeline.run(project, render=False).archive)

    project.cache_file.with_name("word-counts.pickle").write_bytes(b"not a pickle")
    damaged = speed.steps(project, settings.current())
    assert _related(pipeline.run(project, damaged, render=False).archive) == _related(cached.archive)
    assert damaged.vectors.terms.counted == 40
    speed.keep(damaged)

    monkeypatch.setattr(terms_cache, "IMPORTED_CODE", "another version")
    newer = speed.steps(project, settings.current())
    pipeline.run(project, newer, render=False)
    assert newer.vectors.terms.counted == 40


def test_incidents_are_found_again_only_for_the_articles_that_changed(corpus_project, monkeypatch):
    """speed/incidents_cache.py: an article's incidents come from the last build unless its text,
    date or names changed, or the extractor did; the events are the plain pipeline's."""
    from generator import pipeline, settings, speed
    from generator.speed import incidents_cache

    project = Project(root=corpus_project)
    first = speed.steps(project, settings.current())
    pipeline.run(project, first, render=False)
    speed.keep(first)
    assert first.incidents.found == 40

    _edit(sorted((corpus_project / "seeds").glob("*.txt"))[5], "zzincidentedit")
    again = speed.steps(project, settings.current())
    cached = pipeline.run(project, again, render=False)
    speed.keep(again)
    assert again.incidents.found == 1
    assert _events(cached.archive) == _events(pipeline.run(project, render=False).archive)

    monkeypatch.setattr(incidents_cache, "extractor_fingerprint", lambda: "another version")
    newer = speed.steps(project, settings.current())
    pipeline.run(project, newer, render=False)
    assert newer.incidents.found == 40


def test_a_damaged_incidents_store_is_rebuilt(corpus_project):
    from generator import pipeline, settings, speed

    project = Project(root=corpus_project)
    steps = speed.steps(project, settings.current())
    pipeline.run(project, steps, render=False)
    speed.keep(steps)
    project.cache_file.with_name("incidents.pickle").write_bytes(b"not a pickle")
    steps = speed.steps(project, settings.current())
    out = pipeline.run(project, steps, render=False)
    assert steps.incidents.found == 40
    assert _events(out.archive) == _events(pipeline.run(project, render=False).archive)


_POOLED_INCIDENTS = r"""
import sys, threading
from dataclasses import replace
from pathlib import Path
root, project = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, root)
sys.path.insert(0, root + "/tests")
from project_files import copy_project, use_synthetic_seeds
from test_cache import _edit, _events
from generator import pipeline, settings, speed
from generator.extract.incidents import find_incidents
from generator.project import Project
from generator.speed import incidents_cache
from generator.speed.incidents_cache import CachedIncidents
from generator.speed.pools import parallel_incidents

use_synthetic_seeds(copy_project(project), 40)
project = Project(root=project)
store = project.cache_file.with_name("incidents.pickle")
one_by_one = []  # articles whose incidents this process found as the events asked
incidents_cache.find_incidents = lambda *args: one_by_one.append(1) or find_incidents(*args)
pooled = parallel_incidents(2, smallest=10)
asked = []

meanwhile_ran = []  # the word vectors, worked out while the workers work

def find_each(each_args, meanwhile=None):
    asked.append(len(each_args))
    found = pooled(each_args, meanwhile and (lambda: meanwhile_ran.append(1) or meanwhile()))
    assert found == [find_incidents(*args) for args in each_args]  # the same, in the same order
    return found

find_each.worth = pooled.worth
plain = _events(pipeline.run(project, render=False).archive)
assert threading.active_count() == 1
cold = CachedIncidents(store, find_each)
steps = replace(speed.steps(project, settings.current()), incidents=cold)
out = pipeline.run(project, steps, render=False)
speed.keep(steps)
assert asked and asked[0] > 10 and cold.found == 40 and one_by_one == [], (asked, cold.found, one_by_one)
assert meanwhile_ran == [1]
assert _events(out.archive) == plain

_edit(sorted((project.root / "seeds").glob("*.txt"))[3], "zzpooledincidentedit")
asked.clear()
warm = CachedIncidents(store, find_each)
steps = replace(speed.steps(project, settings.current()), incidents=warm)
again = pipeline.run(project, steps, render=False)
assert asked == [] and warm.found == 1 and one_by_one == [1], (asked, warm.found, one_by_one)
assert meanwhile_ran == [1]  # no pool this time: the vectors were worked out beside the statements
assert _events(again.archive) == _events(pipeline.run(project, render=False).archive)
print("same")
"""


def test_incidents_a_cold_build_lacks_are_found_on_the_pool_and_are_the_plain_ones(tmp_path):
    """speed/pools.py `parallel_incidents`: the incidents the store lacks are found at once on forked
    workers, in the articles' order, and this process finds none itself, working out the word vectors
    meanwhile (once); the events are the plain pipeline's. A build that lacks fewer than the pool's
    `smallest` does not fork, nor works out which articles it lacks, and its vectors are worked out
    beside the statements as before. (In a process of its own: forking needs no other thread, and the
    suite's other tests may leave one.)"""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", _POOLED_INCIDENTS, str(root), str(tmp_path / "p")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "same"


def test_parallel_incidents_stays_in_this_process_below_its_smallest(monkeypatch):
    from generator.speed import pools

    monkeypatch.setattr(pools, "may_fork", lambda workers: workers >= 2)  # whatever threads the suite left
    find_each = pools.parallel_incidents(2, smallest=3)
    ran = []
    assert find_each([((), None, (), ())] * 2, lambda: ran.append(1)) is None and not find_each.worth(2)
    assert find_each.worth(3) and ran == []  # no pool, so nothing runs beside it
    monkeypatch.undo()
    assert pools.parallel_incidents(1, smallest=0)([((), None, (), ())]) is None  # one core: nothing to share


def _statements(archive) -> dict:
    return {speaker: [[(v.article.stem, v.quote.text) for v in st.versions] for st in groups]
            for speaker, groups in archive.statements.items()}


def test_statements_are_grouped_again_only_for_the_speakers_whose_quotes_changed(corpus_project, monkeypatch):
    """speed/statements_cache.py: a speaker's statements come from the last build unless one of the
    speaker's quotes was added, removed or changed, or the generator did; the statements are the
    plain pipeline's."""
    from generator import pipeline, settings, speed
    from generator.speed import statements_cache

    project = Project(root=corpus_project)
    first = speed.steps(project, settings.current())
    out = pipeline.run(project, first, render=False)
    speed.keep(first)
    speakers = len(out.archive.statements)
    assert first.statements.members_each.grouped == speakers > 3

    quoting = next(a for a in out.archive.articles if a.quotes)  # its speakers lose a quote
    (corpus_project / "seeds" / f"{quoting.stem}.txt").unlink()
    again = speed.steps(project, settings.current())
    cached = pipeline.run(project, again, render=False)
    speed.keep(again)
    assert again.statements.members_each.grouped == len({q.speaker for q in quoting.quotes})
    assert _statements(cached.archive) == _statements(pipeline.run(project, render=False).archive)

    project.cache_file.with_name("statements.pickle").write_bytes(b"not a pickle")
    damaged = speed.steps(project, settings.current())
    assert _statements(pipeline.run(project, damaged, render=False).archive) == _statements(cached.archive)
    assert damaged.statements.members_each.grouped == len(cached.archive.statements)

    monkeypatch.setattr(statements_cache, "generator_fingerprint", lambda: "another version")
    newer = speed.steps(project, settings.current())
    pipeline.run(project, newer, render=False)
    assert newer.statements.members_each.grouped == len(cached.archive.statements)


def test_a_cache_that_cannot_be_written_only_slows_the_next_build(corpus_project, monkeypatch):
    """A full disk or a read-only .cache/ stops no build: the caches are speed-ups."""
    import errno
    import os

    from generator.speed import extraction_cache, stored_answers

    def refuse(path, data):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(extraction_cache, "atomic_write", refuse)
    monkeypatch.setattr(stored_answers, "atomic_write", refuse)  # the incidents' and the statements' stores
    result = build(Project(root=corpus_project), progress=False)
    assert result.extracted == 40 and result.written
    assert not Project(root=corpus_project).cache_file.exists()


@pytest.mark.parametrize("at_once, kept", [(5, True), (1000, False)])
def test_a_long_extraction_is_kept_even_when_the_build_fails_after_it(corpus_project, monkeypatch, at_once, kept):
    """speed/extraction_cache.py: a day's few extractions are saved with the other caches once the
    pages are written; SAVE_AT_ONCE or more (a cold build) are saved as soon as extraction ends, so
    that a build failing later does not extract them all again."""
    from generator import pipeline
    from generator.speed import extraction_cache

    monkeypatch.setattr(extraction_cache, "SAVE_AT_ONCE", at_once)

    def fails(*args, **kwargs):
        raise RuntimeError("the index stage failed")

    monkeypatch.setattr(pipeline, "index_archive", fails)
    project = Project(root=corpus_project)
    with pytest.raises(RuntimeError):
        build(project, progress=False)
    assert project.cache_file.exists() == kept


def test_save_aside_writes_the_extraction_cache_from_a_forked_process(tmp_path):
    """A cold build's extraction cache is pickled and written by a forked process while the build goes
    on (extraction_cache.save_aside); `wait` reaps it. With another thread running (mkdocs serve) the
    cache is written in this process instead, as before. Run in a fresh interpreter: an earlier test
    may leave a thread running here, and then nothing would be forked."""
    script = """
import os, sys, threading
from pathlib import Path
from generator.speed import extraction_cache
from generator.speed.extraction_cache import ExtractionCache

path = Path(sys.argv[1])
forked = []
real_fork = os.fork
def fork():
    forked.append(True)
    return real_fork()
os.fork = fork

cache = ExtractionCache(path)
cache.save_aside({"key": "an extraction"})
assert forked and cache.saving is not None, "not forked"
cache.wait()
assert cache.saving is None and ExtractionCache(path).entries == {"key": "an extraction"}

forked.clear()
stop = threading.Event()
thread = threading.Thread(target=stop.wait)
thread.start()
try:
    cache.save_aside({"key": "another extraction"})
finally:
    stop.set()
    thread.join()
assert not forked and cache.saving is None, "forked beside a thread"
assert ExtractionCache(path).entries == {"key": "another extraction"}
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "extractions.pickle")],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
