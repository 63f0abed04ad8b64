"""The deploy builds with the same script as the browser suite: a green local run means a green deploy."""
from __future__ import annotations

import re

import pytest
import yaml

from sitekit import ROOT

SCRIPT = "scripts/build_site.py"


def recipe(target: str) -> str:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n?)*)", text, re.M)
    assert m, f"Makefile has no {target} target"
    return m.group(1)


def test_make_site_runs_the_build_script():
    assert SCRIPT in recipe("site")
    assert f"{SCRIPT} --builder zensical" in recipe("site-zensical")


def test_publish_workflow_builds_with_make_site():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for job in wf["jobs"].values() for step in job.get("steps", [])]
    builds = [r for r in runs if "make site" in r or SCRIPT in r]
    assert builds, f"publish.yml does not build with make site / {SCRIPT}: {runs}"
    assert not [r for r in runs if re.search(r"\bmkdocs\s+build\b|\bzensical\s+build\b", r)], \
        "publish.yml calls a builder directly instead of the build script"


def test_ci_runs_make_test():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b|\bmake test\b", text, re.M)


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_build_script_commands(builder):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_site", ROOT / SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cmd = module.builder_command(builder)
    assert cmd[1:4] == ["-m", builder, "build"] and "--strict" in cmd
