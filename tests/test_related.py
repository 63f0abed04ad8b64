"""Related coverage found in forked workers (speed/pools.py `parallel_related`) is the coverage one
process finds (index/related.py `related_articles`): same articles, order, scores and reasons."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_FORKED_RELATED = r"""
import sys, threading
from pathlib import Path
root, project = sys.argv[1], Path(sys.argv[2])
sys.path.insert(0, root)
sys.path.insert(0, root + "/tests")
from project_files import copy_project, use_synthetic_seeds
from generator import pipeline
from generator.index.insights import shared_statements
from generator.index.related import related_articles
from generator.project import Project
from generator.speed.pools import parallel_related

use_synthetic_seeds(copy_project(project), 240)
archive = pipeline.run(Project(project), render=False).archive
shared = shared_statements(archive.statements)
articles = list(archive.articles)
assert threading.active_count() == 1
spelled = lambda found: {s: [(r.article.stem, r.score, r.shared, r.same_quote) for r in rs] for s, rs in found.items()}
serial = spelled(related_articles(articles, shared))
assert sum(map(len, serial.values())) > len(articles) // 4  # many articles have related coverage
forked = parallel_related(2, smallest=0)(articles, shared)
by_stem = {a.stem: a for a in articles}
same = spelled(forked) == serial and list(forked) == list(serial)
same = same and all(r.article is by_stem[r.article.stem] for rs in forked.values() for r in rs)  # the archive's own
print("same" if same else "differ")
"""


def test_related_coverage_found_in_forked_workers_is_the_same(tmp_path):
    done = subprocess.run([sys.executable, "-c", _FORKED_RELATED, str(ROOT), str(tmp_path / "p")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "same"
