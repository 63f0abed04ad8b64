"""Settings are declared once (generator/settings.py); each speed-up has a switch, and a build with
every switch off is the plain pipeline, with the same pages."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import pipeline, settings
from generator.build import Project, build, prepare

from project_files import use_synthetic_seeds

ROOT = Path(__file__).resolve().parent.parent
SPEED_SWITCHES_OFF = {"BRIEFING_CACHE": "0", "BRIEFING_STAMP": "0", "BRIEFING_JOBS": "1",
                      "BRIEFING_PAUSE_GC": "0", "BRIEFING_QUICK_SERVE": "0",
                      "BRIEFING_INCREMENTAL": "0"}


@pytest.fixture
def corpus_project(project_copy: Path) -> Path:
    return use_synthetic_seeds(project_copy, 40)


@pytest.mark.parametrize("env, field, value", [
    ({}, "cache", True),
    ({"BRIEFING_CACHE": "0"}, "cache", False),
    ({"BRIEFING_CACHE": "off"}, "cache", False),
    ({"BRIEFING_TIMINGS": "yes"}, "timings", True),
    ({"BRIEFING_JOBS": " 3 "}, "jobs", 3),
    ({"BRIEFING_LOCK_WAIT": "2.5"}, "lock_wait", 2.5),
    ({"BRIEFING_LOCK_WAIT": ""}, "lock_wait", 900.0),  # empty: the default
    ({"BRIEFING_SEARCH": "pagefind"}, "search", "pagefind"),
])
def test_each_setting_reads_its_variable(env, field, value):
    assert getattr(settings.current(env), field) == value


@pytest.mark.parametrize("env, message", [
    ({"BRIEFING_CACHE": "maybe"}, "BRIEFING_CACHE='maybe': expected 1 or 0"),
    ({"BRIEFING_JOBS": "two"}, "BRIEFING_JOBS='two': expected a number"),
])
def test_a_value_a_setting_cannot_take_is_one_line_naming_the_variable(env, message):
    with pytest.raises(settings.SettingError, match=re.escape(message)):
        settings.current(env)


def test_one_setting_is_read_alone():
    """What a module reads as it is imported: its own variable, whatever another one holds."""
    assert settings.one("screen", {"BRIEFING_JOBS": "two"}) is True
    assert settings.one("screen", {"BRIEFING_SCREEN": "0", "BRIEFING_JOBS": "two"}) is False
    assert settings.one("jobs", {"BRIEFING_JOBS": " 3 "}) == 3
    with pytest.raises(settings.SettingError, match="BRIEFING_SCREEN='maybe': expected 1 or 0"):
        settings.one("screen", {"BRIEFING_SCREEN": "maybe"})


def test_the_command_line_stops_on_a_bad_value_with_that_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(tmp_path)],
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "BRIEFING_JOBS": "two",
                                                               "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["Error: BRIEFING_JOBS='two': expected a number"]
    assert not (tmp_path / "content").exists()


def _variables_read_in(paths) -> set[str]:
    found = set()
    for path in paths:
        found |= set(re.findall(r"\bBRIEFING_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    return found


def test_every_briefing_variable_the_code_reads_is_declared():
    code = [*ROOT.glob("generator/**/*.py"), *ROOT.glob("hooks/*.py"), *ROOT.glob("scripts/*.py"), ROOT / "mkdocs.yml"]
    declared = {env for _, env, _, _ in settings.table() if env}
    assert _variables_read_in(code) - declared == set()


def test_the_readme_lists_every_setting_as_declared():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, env, default, _ in settings.table():
        row = f"| `{env}` | `{default}` |" if env else f"| `{name}` (no variable) | `{default}` |"
        assert row in readme, f"README's Settings table lacks {row}"


def _tree(docs: Path) -> dict[str, bytes]:
    return {str(p.relative_to(docs)): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not p.name.startswith(".generated")}


def test_a_build_with_every_speed_up_off_writes_the_same_site(corpus_project, tmp_path, monkeypatch):
    fast = Project(root=corpus_project)
    build(fast, progress=False)
    for env, value in SPEED_SWITCHES_OFF.items():
        monkeypatch.setenv(env, value)
    plain = Project(root=corpus_project, docs=tmp_path / "plain", cache=tmp_path / "never" / "cache.pickle")
    (tmp_path / "plain").mkdir()
    result = build(plain, progress=False)
    assert result.extracted == result.articles  # nothing came from a cache
    assert not plain.cache_file.exists() and not plain.stamp_file.exists()
    assert not plain.cache_file.with_name("pages.pickle").exists()  # BRIEFING_INCREMENTAL=0 keeps no pages
    fast_tree = _tree(corpus_project / "content")
    assert {k: v for k, v in fast_tree.items() if k.startswith(("archive/", "data/", "feed"))} == \
        {k: v for k, v in _tree(tmp_path / "plain").items() if k.startswith(("archive/", "data/", "feed"))}


def test_the_plain_pipeline_renders_what_the_build_renders(corpus_project):
    project = Project(root=corpus_project)
    plain = pipeline.run(project)
    fast = prepare(project, progress=False)
    fast.stages.close()
    assert [(p.path, p.text) for p in plain.pages] == [(p.path, p.text) for p in fast.pages]
    assert [str(p) for p in plain.problems] == [str(p) for p in fast.problems]


def test_with_the_stamp_off_an_unchanged_project_is_built_again(corpus_project, monkeypatch):
    monkeypatch.setenv("BRIEFING_STAMP", "0")
    project = Project(root=corpus_project)
    build(project, progress=False)
    again = build(project, progress=False)
    assert "render" in again.stages and again.extracted == 0  # every stage ran; the cache still served
    assert not project.stamp_file.exists()
