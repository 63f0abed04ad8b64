"""The user's own publishing commands, run as the README gives them, on a copy of the project.

- `mkdocs build --strict` straight on the shipped seeds (the hook generates): notes (an undated
  article) are information and never fail it; the generator's warnings and errors keep their
  level, so they do;
- `mkdocs gh-deploy --strict` pushed to a local bare repository standing in for GitHub: it
  publishes the same site as the publish workflow (`make site` with SITE_URL set), canonical
  links and sitemap at https://OWNER.github.io/REPO/, not mkdocs.yml's placeholder address;
- `scripts/build_site.py` (`make site`, the publish workflow): an error (a file an editor wrote
  was ignored) fails it, after the whole site is built and every message printed; warnings and
  notes do not.
"""
from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.hook import pages_address
from project_files import ROOT, copy_project

ENV = {"NO_MKDOCS_2_WARNING": "1"}
PUBLISHED = "https://alice.github.io/briefing-archive/"
GITHUB_REMOTE = "https://github.com/Alice/briefing-archive.git"


# Set by the caller's shell or make, they would change what is tested: each test sets its own.
UNSET = ("BRIEFING_SKIP_GENERATE", "SITE_URL", "SOURCE_DATE_EPOCH", "BRIEFING_SEARCH")


def run(cmd, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in UNSET}
    full.update(ENV, **(env or {}))
    return subprocess.run(cmd, cwd=cwd, env=full, capture_output=True, text=True, timeout=600)


def mkdocs(*args: str, cwd: Path, **env) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "mkdocs", *args], cwd, env)


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


# --------------------------------------------------------------------------- mkdocs build --strict

def test_mkdocs_build_strict_on_the_shipped_seeds(tmp_path):
    project = copy_project(tmp_path / "project")
    done = mkdocs("build", "--strict", cwd=project)
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if ": note: " in line]
    assert notes, "the seeds have undated articles: their notes should be in the log"
    assert all(line.startswith("INFO") for line in notes), notes
    assert (project / "site" / "index.html").exists()


BROKEN_SIDECAR = "title: [unclosed\n"  # YAML that does not parse: the sidecar is ignored (an error)
UNMATCHED_DROP = "actors:\n  drop: [Nobody Of That Name]\n"  # a correction matching nothing (a warning)


def _first_seed(project: Path) -> Path:
    return sorted(p for p in (project / "seeds").glob("*.txt") if not p.with_suffix(".yml").exists())[0]


@pytest.mark.parametrize("sidecar, level", [(BROKEN_SIDECAR, "ERROR"), (UNMATCHED_DROP, "WARNING")])
def test_mkdocs_build_strict_fails_on_generator_errors_and_warnings(tmp_path, sidecar, level):
    project = copy_project(tmp_path / "project")
    yml = _first_seed(project).with_suffix(".yml")
    yml.write_text(sidecar, encoding="utf-8")
    done = mkdocs("build", "--strict", cwd=project)
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if f"seeds/{yml.name}" in line]
    assert lines and all(line.startswith(level) for line in lines), done.stderr


# --------------------------------------------------------------------------- mkdocs gh-deploy

@pytest.mark.parametrize("remote, cname, address", [
    ("https://github.com/Alice/briefing-archive.git", None, "https://alice.github.io/briefing-archive/"),
    ("https://github.com/alice/briefing-archive", None, "https://alice.github.io/briefing-archive/"),
    ("git@github.com:alice/Briefing-Archive.git", None, "https://alice.github.io/Briefing-Archive/"),
    ("ssh://git@github.com/alice/briefing-archive.git/", None, "https://alice.github.io/briefing-archive/"),
    ("https://github.com/alice/alice.github.io.git", None, "https://alice.github.io/"),
    ("https://github.com/alice/briefing-archive.git", "news.example.org\n", "https://news.example.org/"),
    ("/srv/git/briefing-archive.git", None, None),
    ("https://gitlab.com/alice/briefing-archive.git", None, None),
    ("", None, None),
])
def test_pages_address_from_the_remote(remote, cname, address):
    assert pages_address(remote, cname) == address


def _repository(tmp_path: Path, remote: str | None) -> tuple[Path, Path]:
    """A git checkout of the project whose `origin` pushes to a local bare repository."""
    project = copy_project(tmp_path / "project")
    bare = tmp_path / "pages.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    git("init", "-q", cwd=project)
    git("config", "user.name", "Test", cwd=project)
    git("config", "user.email", "test@example.org", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "inputs", cwd=project)
    git("remote", "add", "origin", remote or str(bare), cwd=project)
    if remote:  # what GitHub would receive goes to the bare repository instead
        git("config", f"url.{bare}.insteadOf", remote, cwd=project)
    return project, bare


def _published(bare: Path, dest: Path) -> Path:
    git("clone", "-q", "-b", "gh-pages", str(bare), str(dest), cwd=bare.parent)
    shutil.rmtree(dest / ".git")
    return dest


def _differences(left: Path, right: Path) -> list[str]:
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, rel: str) -> None:
        out.extend(f"only in {left.name}: {rel}{n}" for n in cmp.left_only)
        out.extend(f"only in {right.name}: {rel}{n}" for n in cmp.right_only if n != ".nojekyll")
        out.extend(f"differs: {rel}{n}" for n in cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return out


def test_gh_deploy_publishes_the_workflows_site(tmp_path):
    project, bare = _repository(tmp_path, GITHUB_REMOTE)
    done = mkdocs("gh-deploy", "--strict", cwd=project)
    assert done.returncode == 0, done.stderr
    published = _published(bare, tmp_path / "published")
    assert f"<loc>{PUBLISHED}</loc>" in (published / "sitemap.xml").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHED}">' in (published / "index.html").read_text(encoding="utf-8")
    assert "example.github.io" not in (published / "sitemap.xml").read_text(encoding="utf-8")

    # The workflow: `make site` with SITE_URL, dated by the last commit (the Makefile's SOURCE_DATE_EPOCH).
    epoch = git("log", "-1", "--format=%ct", cwd=project)
    shutil.rmtree(project / "site")
    workflow = run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--project", str(project), "--quiet"],
                   project, {"SITE_URL": PUBLISHED, "SOURCE_DATE_EPOCH": epoch})
    assert workflow.returncode == 0, workflow.stderr
    assert _differences(project / "site", published) == []


def test_gh_deploy_refuses_to_guess_an_address(tmp_path):
    project, bare = _repository(tmp_path, None)  # origin is a plain path: no GitHub Pages address
    done = mkdocs("gh-deploy", "--strict", cwd=project)
    assert done.returncode != 0
    assert "SITE_URL" in done.stderr and "origin" in done.stderr, done.stderr
    assert git("branch", "--list", cwd=bare) == "", "nothing may be pushed"

    done = mkdocs("gh-deploy", "--strict", cwd=project, SITE_URL="https://news.example.org/archive/")
    assert done.returncode == 0, done.stderr
    published = _published(bare, tmp_path / "published")
    assert "<loc>https://news.example.org/archive/</loc>" in (published / "sitemap.xml").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- make site / the workflow

def _make_site(project: Path) -> subprocess.CompletedProcess:
    """`make site` in a copy of the project, with this interpreter's environment as its .venv."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    for name in ("Makefile", "pyproject.toml", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    venv = Path(sys.executable).parent.parent
    # -o: the stamp counts as up to date, so make does not reinstall the requirements.
    return run(["make", "-o", f"{venv}/.installed-stamp", "site", f"VENV={venv}"], project)


@pytest.mark.parametrize("sidecar, fails", [(BROKEN_SIDECAR, True), (UNMATCHED_DROP, False), (None, False)])
def test_make_site_fails_on_errors_only_after_building_everything(tmp_path, sidecar, fails):
    project = copy_project(tmp_path / "project")
    yml = _first_seed(project).with_suffix(".yml")
    if sidecar:
        yml.write_text(sidecar, encoding="utf-8")
    done = _make_site(project)
    output = done.stdout + done.stderr
    assert (done.returncode != 0) == fails, output
    # Built all the same, every message printed: the error, and the notes of undated articles.
    assert (project / "site" / "index.html").exists() and (project / "site" / "sitemap.xml").exists()
    assert ": note: " in output
    if sidecar:
        assert f"seeds/{yml.name}:" in output
    if fails:
        assert re.search(rf"^seeds/{re.escape(yml.name)}:\d+: error: invalid YAML", output, re.M), output
        assert "the generator exited with status 1" in output


def test_build_site_fails_on_a_bad_register_entry(tmp_path):
    """The workflow's step (`make site` runs scripts/build_site.py): an ignored register entry fails it."""
    project = copy_project(tmp_path / "project")
    register = project / "register.yml"
    register.write_text(register.read_text(encoding="utf-8").replace("actors:\n", "actors:\n  - {name: 7}\n", 1),
                        encoding="utf-8")
    done = run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--project", str(project), "--quiet"],
               project)
    assert done.returncode != 0
    assert "register.yml:" in done.stderr and ": error: " in done.stderr, done.stderr
    assert (project / "site" / "index.html").exists()


@pytest.mark.parametrize("args, status", [
    ([], 0), (["--fail-on", "error"], 1), (["--fail-on", "warning"], 1), (["--strict"], 1)])
def test_generator_fail_on_levels_with_an_error(tmp_path, args, status):
    project = copy_project(tmp_path / "project")
    _first_seed(project).with_suffix(".yml").write_text(BROKEN_SIDECAR, encoding="utf-8")
    done = run([sys.executable, "-m", "generator", "build", "--quiet", *args], project)
    assert done.returncode == status, done.stderr
    assert (project / "content" / "index.md").exists()  # written all the same


@pytest.mark.parametrize("args, status", [
    ([], 0), (["--fail-on", "error"], 0), (["--fail-on", "warning"], 1), (["--strict"], 1)])
def test_generator_fail_on_levels_with_a_warning(tmp_path, args, status):
    project = copy_project(tmp_path / "project")
    _first_seed(project).with_suffix(".yml").write_text(UNMATCHED_DROP, encoding="utf-8")
    done = run([sys.executable, "-m", "generator", "build", "--quiet", *args], project)
    assert done.returncode == status, done.stderr
