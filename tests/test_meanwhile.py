"""The index stage hands a step another part of its work as `meanwhile` (the word vectors while the
statements are grouped, the events while related coverage is found): every grouping and relating
step runs it exactly once, a pooled step while its workers work, and the answers are the plain ones."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_STEPS = r"""
import multiprocessing, sys, threading
from collections import defaultdict
from pathlib import Path
root, project = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, root)
sys.path.insert(0, root + "/tests")
from project_files import copy_project, use_synthetic_seeds
from generator import pipeline
from generator.index.insights import shared_statements
from generator.index.related import Vectors, related_articles
from generator.index.statements import group_each, sorted_versions
from generator.project import Project
from generator.speed.memo import KeptTerms, word_vectors
from generator.speed.pools import parallel_members, parallel_related, parallel_statements
from generator.speed.statements_cache import CachedMembers

use_synthetic_seeds(copy_project(project), 240)
archive = pipeline.run(Project(project), render=False).archive
articles = list(archive.articles)
by_speaker = defaultdict(list)
for a in articles:
    for q in a.quotes:
        by_speaker[q.speaker].append((a, q))
lists = [by_speaker[s] for s in sorted(by_speaker, key=lambda s: (s is None, s or ""))]
shared = shared_statements(archive.statements)
assert threading.active_count() == 1

def watched():
    calls = []
    def meanwhile():
        calls.append(len(multiprocessing.active_children()))  # workers alive while it runs
    return calls, meanwhile

def statements_spelled(grouped):
    return [[[(v.article.stem, v.quote) for v in st.versions] for st in g] for g in grouped]

def related_spelled(found):
    return {s: [(r.article.stem, r.score, r.shared, r.same_quote) for r in rs] for s, rs in found.items()}

plain_statements = statements_spelled(group_each(lists))
plain_related = related_spelled(related_articles(articles, shared))
checks = []
for name, step, pooled in [("group_each", group_each, False),
                           ("parallel_statements", parallel_statements(2, smallest=0), True),
                           ("parallel_statements, one process", parallel_statements(2, smallest=10 ** 9), False)]:
    calls, meanwhile = watched()
    same = statements_spelled(step(lists, meanwhile=meanwhile)) == plain_statements
    checks.append((name, same, len(calls) == 1 and (calls[0] > 0) == pooled))
store = project / "statements.pickle"
for name in ("CachedMembers, grouping", "CachedMembers, all kept"):  # the second build finds every speaker kept
    cached = CachedMembers(store, parallel_members(2, smallest=0))
    calls, meanwhile = watched()
    versions = [sorted_versions(q) for q in lists]
    answers = cached(versions, meanwhile=meanwhile)
    cached.save()
    checks.append((name, len(answers) == len(lists), len(calls) == 1 and (calls[0] > 0) == (name.endswith("grouping"))))
vectors = Vectors(articles)
kept = word_vectors(KeptTerms(), fill=True)(articles)
checks.append(("word_vectors", all(kept[a.stem] == vectors[a.stem] for a in articles), True))
for name, step, pooled in [("related_articles", related_articles, False),
                           ("parallel_related", parallel_related(2, smallest=0), True),
                           ("parallel_related, one process", parallel_related(2, smallest=10 ** 9), False)]:
    calls, meanwhile = watched()
    found = step(articles, shared, vectors=kept, meanwhile=meanwhile)
    checks.append((name, related_spelled(found) == plain_related and list(found) == list(plain_related),
                   len(calls) == 1 and (calls[0] > 0) == pooled))
for name, same, ran in checks:
    print(f"{name}: {'same' if same else 'differ'}, {'ran once' if ran else 'meanwhile wrong'}")
"""


def test_every_step_runs_meanwhile_once_and_answers_as_the_plain_one(tmp_path):
    done = subprocess.run([sys.executable, "-c", _STEPS, str(ROOT), str(tmp_path / "p")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()[-9:]
    assert len(lines) == 9 and lines[0].startswith("group_each"), done.stdout
    assert all(line.endswith(": same, ran once") for line in lines), "\n".join(lines)


def test_the_index_stage_gets_its_events_and_vectors_through_meanwhile():
    """statements_and_related hands the word vectors to grouping and the events (then) to relating."""
    from generator.index.insights import statements_and_related

    order = []

    def grouping(lists, meanwhile=None):
        order.append("group")
        meanwhile()
        return [[] for _ in lists]

    def relating(articles, shared, vectors=None, meanwhile=None):
        order.append(("relate", vectors))
        meanwhile()
        return {}

    def vectors(articles):
        order.append("vectors")
        return "the vectors"

    def then(statement_of):
        order.append("events")
        return "the events"

    *_, found = statements_and_related((), grouping, relating, vectors, then)
    assert found == "the events"
    assert order == ["group", "vectors", ("relate", "the vectors"), "events"]
