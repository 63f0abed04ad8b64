"""`mkdocs serve`: an edited seed is regenerated and served, with one rebuild and no loop."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from project_files import copy_project

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_serve_regenerates_an_edited_seed_once(tmp_path):
    root = copy_project(tmp_path / "project")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFING_SKIP_GENERATE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        base = f"http://127.0.0.1:{port}/briefing-archive/"
        assert _wait_for(lambda: "Briefing Archive" in _get(base), 120), open(tmp_path / "serve.log").read()
        seed = root / "seeds" / "004_6f57e6f2eacdf9d5.txt"
        seed.write_text(seed.read_text(encoding="utf-8").replace("Katyusha", "Zebrafish"), encoding="utf-8")
        timeline = base + "archive/timeline/"
        article_url = None
        for line in _get(timeline).split('href="')[1:]:
            if "anti-us-armed-groups" in line:
                article_url = timeline + line.split('"', 1)[0]
                break
        assert article_url, "the edited article is not on the timeline"
        assert _wait_for(lambda: "Zebrafish" in _get(article_url), 60), open(tmp_path / "serve.log").read()
        time.sleep(3)  # a rebuild loop would show up as more builds in this time
        text = open(tmp_path / "serve.log", encoding="utf-8").read()
        after_edit = text.split("input changed", 1)[1]
        assert after_edit.count("Building documentation") == 1, text
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
