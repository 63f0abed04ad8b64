"""`mkdocs serve`: an edited seed is regenerated and served, with one rebuild and no loop."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
        # one regeneration and one build since the server started (the edit's): the hook's line for the
        # regeneration may come before MkDocs' "Building documentation..." or after it, when MkDocs
        # saw the page written before the generator finished and logged
        serving = text.split("Serving on", 1)[1]
        assert serving.count("input changed") == 1, text
        assert serving.count("Building documentation") == 1, text
    finally:
        _stop(server, log)


def _serve(root, port, log_path, *extra):
    env = {**os.environ}
    env.pop("NO_MKDOCS_2_WARNING", None)  # the user's own run: mkdocs.yml keeps Material's banner quiet
    env.pop("BRIEFING_SKIP_GENERATE", None)
    env.pop("SITE_URL", None)  # mkdocs.yml's own address, as the tests read it
    log = open(log_path, "w+", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *extra, "-a", f"127.0.0.1:{port}"],
                              cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)
    return server, log


def _served(root, tmp_path, *extra):
    """`mkdocs serve` started on a free port, once it serves the home page: (server, log, log's path,
    the site's address)."""
    port = _free_port()
    log_path = tmp_path / "serve.log"
    server, log = _serve(root, port, log_path, *extra)
    base = f"http://127.0.0.1:{port}/briefing-archive/"
    if not _wait_for(lambda: "Briefing Archive" in _get(base), 120):
        _stop(server, log)
        pytest.fail(log_path.read_text())
    return server, log, log_path, base


def _stop(server, log) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


def test_an_edit_naming_new_entities_prints_no_passing_link_warnings(tmp_path):
    """The quick pass links the edited article to an actor and a base page only the rest of the archive
    writes, a moment later: the build in between must not warn about those links. A sidecar's error is
    logged as an error, and Material's end-of-life banner is not printed."""
    root = copy_project(tmp_path / "project")
    port = _free_port()
    log_path = tmp_path / "serve.log"
    server, log = _serve(root, port, log_path, "--livereload", "--dirty")
    try:
        base = f"http://127.0.0.1:{port}/briefing-archive/"
        assert _wait_for(lambda: "Briefing Archive" in _get(base), 120), log_path.read_text()
        seed = root / "seeds" / "004_6f57e6f2eacdf9d5.txt"
        text = seed.read_text(encoding="utf-8")
        at = text.index("Iraqi sources say")
        seed.with_suffix(".yml").write_text("titel: Anti-US groups\n", encoding="utf-8")
        seed.write_text(text[:at] + "Colonel Zebulon Quartermain, a spokesman for the Kilo Brigade, said rockets "
                        "struck Camp Zanzibar on Tuesday.\n\n" + text[at:], encoding="utf-8")
        actor = base + "archive/actors/zebulon-quartermain/"
        assert _wait_for(lambda: "Zebulon Quartermain" in _get(actor), 60), log_path.read_text()
        assert _wait_for(lambda: log_path.read_text().count("Reloading browsers") >= 2, 30), log_path.read_text()
        time.sleep(2)
        text = log_path.read_text(encoding="utf-8")
        after_edit = text.split("input changed", 1)[1]
        assert "rest of the archive" in after_edit, text
        assert "contains a link" not in after_edit, text
        # A problem is listed once, by the first build: neither the edit's quick pass nor the rest repeats it.
        after_start = text.split("Serving on", 1)[1]
        assert text.count("seeds/002_54b786ea366e23ae.txt: note: no date found") == 1, text
        assert "seeds/002_54b786ea366e23ae.txt: note: no date found" not in after_start, text
        assert "problem(s) as listed before" in after_start, text
        assert "ERROR   -  seeds/004_6f57e6f2eacdf9d5.yml:1: error: titel: unknown field" in text, text
        assert not [line for line in text.splitlines() if line.startswith("WARNING") and ": error: " in line], text
        assert "end of life" not in text, text
    finally:
        _stop(server, log)


def test_mkdocs_build_run_directly_prints_no_end_of_life_banner(tmp_path):
    root = copy_project(tmp_path / "project")
    env = {**os.environ}
    env.pop("NO_MKDOCS_2_WARNING", None)
    env.pop("BRIEFING_SKIP_GENERATE", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "end of life" not in done.stdout + done.stderr and "NO_MKDOCS_2_WARNING" not in done.stderr, done.stderr


def _watched_docs(tmp_path, *pages: str):
    """A docs dir holding `pages` ("# <NAME>" each), an mkdocs.yml, and MkDocs' live-reload server
    (not started: its watches are set up, its polling never runs)."""
    from mkdocs.livereload import LiveReloadServer

    docs = tmp_path / "content"
    docs.mkdir()
    for rel in pages:
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(f"# {Path(rel).stem.upper()}\n")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: x\n")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    return docs, config_file, server


def test_mkdocs_own_watches_are_for_changes_only(tmp_path):
    """Under `mkdocs serve`, the hook schedules MkDocs' watches again with watchdog's event filter, so
    the reads of every build (every seed, every page) are not even reported; the handlers stay."""
    from watchdog.events import FileClosedNoWriteEvent, FileModifiedEvent, FileOpenedEvent

    from generator.site.hook import _filter_server_watches

    docs, config_file, server = _watched_docs(tmp_path)
    try:
        server.watch(str(docs))
        server.watch(str(config_file))
        before = {w.raw_path: len(h) for w, h in server.observer._handlers.items()}
        _filter_server_watches(server, str(docs))
        after = dict(server.observer._handlers)
        assert {w.raw_path: len(h) for w, h in after.items()} == before
        for watch in after:
            assert watch.event_filter is not None and FileModifiedEvent in watch.event_filter
            assert not {FileOpenedEvent, FileClosedNoWriteEvent} & watch.event_filter
        assert [w.is_recursive for w in after if w.raw_path == str(docs)] == [True]
    finally:
        server.server_close()


def test_the_docs_dir_is_watched_through_file_events_and_announced_pages_are_not_built_twice(tmp_path):
    """MkDocs polls its docs dir (a walk of every file twice a second); the hook watches it through the
    system's file events instead, asks MkDocs to build the moment the generator has written, and has
    MkDocs' watcher ignore the pages it announced while they stay as written. A page edited by hand
    afterwards, or one the generator never announced, is reported as before."""
    from types import SimpleNamespace

    from watchdog.events import FileDeletedEvent, FileModifiedEvent
    from watchdog.observers import Observer

    from generator.site.hook import ArchiveHook, _filter_server_watches

    docs, config_file, server = _watched_docs(tmp_path, "archive/a.md", "archive/b.md")
    page, other = docs / "archive" / "a.md", docs / "archive" / "b.md"
    native = Observer()
    hook = ArchiveHook()
    hook.server, hook.docs_dir = server, str(docs)
    try:
        server.watch(str(docs))
        server.watch(str(config_file))
        _filter_server_watches(server, str(docs), hook.was_announced, native)
        assert [w.raw_path for w in server.observer._handlers] == [str(config_file)]  # still polled: one file
        [(watch, handlers)] = native._handlers.items()
        assert watch.raw_path == str(docs) and watch.is_recursive and FileModifiedEvent in watch.event_filter
        [handler] = handlers
        native.start()  # MkDocs' polling observer is never started here: only file events can ask for a build

        page.write_text("# A, regenerated\n")
        gone = docs / "archive" / "gone.md"
        hook.announce(SimpleNamespace(written=["archive/a.md"], removed=["archive/gone.md"]))
        assert server._want_rebuild  # at once, not after MkDocs' next poll
        time.sleep(1)  # the write's own events are in
        server._want_rebuild = False
        for late in (FileModifiedEvent(str(page)), FileDeletedEvent(str(gone))):
            handler.on_any_event(late)  # reported late (a slow watcher), once the build has begun
        assert not server._want_rebuild
        handler.on_any_event(FileModifiedEvent(str(other)))  # never announced
        assert server._want_rebuild
        server._want_rebuild = False

        page.write_text("# A, edited by hand\n")  # changed since announced: MkDocs builds it
        assert _wait_for(lambda: server._want_rebuild, 10)
        assert not hook.was_announced(str(page))
        gone.write_text("# Put back by hand\n")  # where the generator removed a page: reported,
        assert not hook.was_announced(str(gone))
        gone.unlink()  # and so is its removal by hand after that
        assert not hook.was_announced(str(gone))
    finally:
        native.stop()
        native.join(5)
        server.server_close()


def test_pages_written_before_mkdocs_watches_anything_are_built(tmp_path):
    """The background run after the first build may write before `mkdocs serve` hands the hook its
    server (on_serve): no watcher saw those writes, so the hook asks for their build then. And of the
    project's folder, only register.yml is an input."""
    from types import SimpleNamespace

    from generator.site.hook import ArchiveHook

    (tmp_path / "seeds").mkdir()
    docs, config_file, server = _watched_docs(tmp_path, "a.md")
    server.watch(str(docs))
    hook = ArchiveHook()
    hook.command = "serve"
    regenerations: list = []
    hook.regenerate = lambda config: regenerations.append(config)
    hook._wrote(SimpleNamespace(written=["a.md"], removed=[]))  # no server yet: nothing to ask
    assert hook.unbuilt and not server._want_rebuild
    try:
        hook.on_serve(server, SimpleNamespace(config_file_path=str(config_file), docs_dir=str(docs)), None)
        assert server._want_rebuild
        assert hook.docs_observer is not None and [w.raw_path for w in hook.docs_observer._handlers] == [str(docs)]
        # The project's folder is watched for register.yml only: a log written there regenerates nothing.
        (tmp_path / "serve.log").write_text("INFO - a line\n")
        time.sleep(1)
        assert hook.changes == 0 and not regenerations
        (tmp_path / "register.yml").write_text("actors: []\n")
        assert _wait_for(lambda: regenerations, 10) and hook.changes > 0
    finally:
        for observer in (hook.observer, hook.docs_observer):
            if observer is not None:
                observer.stop()
                observer.join(5)
        hook.stopping.set()  # as on_shutdown: its idle collector would otherwise collect for later tests
        if hook.idle_collector is not None:
            hook.idle_collector.join(5)
        server.server_close()


def test_a_build_begun_as_the_generator_announced_its_pages_is_not_followed_by_another(tmp_path, monkeypatch):
    """MkDocs' build loop takes the watcher's wish to build, and its build reaches the hook after the
    generator has asked for a build of the same pages and let go of its lock: that build has them, so
    the wish is cleared (at 10,000 articles every edit was built twice, 7 s more)."""
    from types import SimpleNamespace

    from generator.site.hook import ArchiveHook
    from generator.speed.freshness import file_stamp

    monkeypatch.setenv("BRIEFING_PAGE_CACHE", "0")
    docs, config_file, server = _watched_docs(tmp_path, "a.md")
    hook = ArchiveHook()
    hook.command, hook.started, hook.server, hook.docs_dir = "serve", True, server, str(docs)
    config = SimpleNamespace(config_file_path=str(config_file), site_dir=str(tmp_path / "site"))
    hook.config_stamp = file_stamp(config_file)
    try:
        hook._wrote(SimpleNamespace(written=["a.md"], removed=[]))  # after MkDocs' loop took the last wish
        assert server._want_rebuild and hook.unbuilt
        hook.on_pre_build(config)  # the generator's lock is free: the build did not wait for it
        assert not server._want_rebuild and not hook.unbuilt
        hook.lock.release()
        hook.building = False
        hook.on_pre_build(config)  # nothing written since: a wish of the watcher's own stays
        hook.lock.release()
        server._want_rebuild = True
        hook.on_pre_build(config)
        assert server._want_rebuild
        hook.lock.release()
    finally:
        hook.collector.end()  # each on_pre_build paused the collector, as a build's end would resume it
        server.server_close()


def test_serve_starts_on_the_pages_as_generated_and_catches_up_an_edit_made_meanwhile(tmp_path):
    """Generated before, then a seed edited while no server ran: before its first build, `mkdocs serve`
    reads the build's articles back and brings the edited seed in as a quick pass (so the first page
    already shows it, without half a minute of generator at 10,000 articles), and the rest of the
    archive follows in the background."""
    root = copy_project(tmp_path / "project")
    env = {**os.environ}
    env.pop("BRIEFING_SKIP_GENERATE", None)
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=env, check=True,
                   capture_output=True, timeout=600)
    seed = root / "seeds" / "004_6f57e6f2eacdf9d5.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Katyusha", "Zebrafish"), encoding="utf-8")
    server, log, log_path, base = _served(root, tmp_path, "--livereload")
    try:
        timeline = base + "archive/timeline/"
        article_url = next((timeline + part.split('"', 1)[0] for part in _get(timeline).split('href="')[1:]
                            if "anti-us-armed-groups" in part), None)
        assert article_url, log_path.read_text()
        assert _wait_for(lambda: "Zebrafish" in _get(article_url), 120), log_path.read_text()
        assert _wait_for(lambda: "(rest of the archive)" in log_path.read_text(encoding="utf-8"), 120), \
            log_path.read_text()
        text = log_path.read_text(encoding="utf-8")
        assert "serving the archive as last generated" not in text, text
        assert "the last build's archive, read back" in text, text
        # the seed came in before the first build began
        assert text.index("(changed since the last build)") < text.index("Cleaning site directory"), text
        assert not [line for line in text.splitlines() if line.startswith(("WARNING", "ERROR"))], text
    finally:
        _stop(server, log)


def test_serve_stopped_by_sigterm_writes_its_page_cache_index(tmp_path):
    """A service manager or `docker stop` ends `mkdocs serve` with SIGTERM: the server stops as on
    Ctrl-C and the page cache's index, whose save waits for a quiet moment (here: for ever), is
    written before the process ends, so the next start reuses the pages."""
    root = copy_project(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFING_SKIP_GENERATE", None)
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    never = ("import sys; import generator.site.page_cache as cache; cache.SAVE_AFTER = 3600; "
             "from mkdocs.__main__ import cli; sys.exit(cli())")
    server = subprocess.Popen([sys.executable, "-c", never, "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        base = f"http://127.0.0.1:{port}/briefing-archive/"
        assert _wait_for(lambda: "Briefing Archive" in _get(base), 120), open(tmp_path / "serve.log").read()
        assert not list((root / ".cache" / "site-pages").glob("index-*.pickle"))  # its save is waiting
        server.send_signal(15)
        assert server.wait(timeout=60) == 0, open(tmp_path / "serve.log").read()
    finally:
        if server.poll() is None:
            server.kill()
        log.close()
    text = (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "Shutting down" in text, text
    assert list((root / ".cache" / "site-pages").glob("index-*.pickle")), text


def test_serve_after_a_build_serves_the_very_pages_it_wrote_from_its_page_cache(tmp_path):
    """`mkdocs serve` renders pages for the published address (mkdocs.yml's site_url), as `mkdocs
    build` does: the canonical link and the Cite block never name the preview server, every page it
    serves is byte for byte the build's (the live-reload script off; the search index the serving
    process writes its own way, search_json.py), and so its first build takes
    every page from the build's page cache instead of building the site again."""
    root = copy_project(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFING_SKIP_GENERATE", None)
    env.pop("SITE_URL", None)  # mkdocs.yml's own address, whatever the developer's shell sets
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    server, log, log_path, base = _served(root, tmp_path, "--no-livereload")
    try:
        site = root / "site"
        pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html")
                       if ".briefing" not in p.as_posix())
        article = next(p for p in pages if p.startswith("archive/articles/") and p.count("/") == 2)
        actor = next(p for p in pages if p.startswith("archive/actors/") and p.count("/") == 2)
        for rel in ("", article, actor, "archive/timeline"):
            with urllib.request.urlopen(base + (rel + "/" if rel else ""), timeout=5) as response:
                served = response.read()
            assert served == (site / rel / "index.html").read_bytes(), rel
            assert b"127.0.0.1" not in served, rel
        with urllib.request.urlopen(base + "search/search_index.json", timeout=5) as response:
            assert response.read() == (site / "search" / "search_index.json").read_bytes()  # search_json.py's
        assert b'<link rel="canonical" href="https://example.github.io/briefing-archive/' in served
        text = log_path.read_text(encoding="utf-8")
        reused = [line for line in text.splitlines() if "pages reused from the page cache" in line]
        assert reused and reused[0].rstrip().endswith(", 1 built"), text
        assert text.count("the preview's pages name the published address "
                          "(https://example.github.io/briefing-archive/)") == 1, text
    finally:
        _stop(server, log)


def test_the_published_address_is_read_as_mkdocs_reads_it(tmp_path, monkeypatch):
    """A preview renders for mkdocs.yml's site_url, read again as MkDocs reads it (SITE_URL, INHERIT,
    `!relative`, a folder's trailing slash); a file it cannot read leaves the server's address."""
    from types import SimpleNamespace

    from generator.site.hook import _UNKNOWN, _preview_as_published, published_address

    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text('site_name: x\nsite_url: !ENV [SITE_URL, "https://example.org/archive"]\n')
    monkeypatch.delenv("SITE_URL", raising=False)
    assert published_address(str(config_file)) == "https://example.org/archive/"  # as MkDocs: a folder
    monkeypatch.setenv("SITE_URL", "https://analysts.example/archive/")
    assert published_address(str(config_file)) == "https://analysts.example/archive/"
    child = tmp_path / "child.yml"
    child.write_text("INHERIT: mkdocs.yml\nsite_name: y\n")
    assert published_address(str(child)) == "https://analysts.example/archive/"
    relative = tmp_path / "relative.yml"  # pymdownx snippets' base path, as projects often set it
    relative.write_text("site_name: x\nsite_url: https://example.org/r/\nmarkdown_extensions:\n"
                        "  - pymdownx.snippets:\n      base_path: !relative $config_dir\n")
    assert published_address(str(relative), SimpleNamespace(config_file_path=str(relative))) == "https://example.org/r/"
    (tmp_path / "plain.yml").write_text("site_name: x\n")
    assert published_address(str(tmp_path / "plain.yml")) is None
    (tmp_path / "broken.yml").write_text("site_url: [unclosed\n")
    for unknown in (None, str(tmp_path / "missing.yml"), str(tmp_path / "broken.yml")):
        assert published_address(unknown) is _UNKNOWN

    served = "http://127.0.0.1:8000/archive/"
    config = SimpleNamespace(config_file_path=str(config_file), site_url=served)
    assert _preview_as_published(config)
    assert config.site_url == "https://analysts.example/archive/"
    monkeypatch.setenv("SITE_URL", "https://analysts.example/elsewhere/")  # not where the server mounts it
    config = SimpleNamespace(config_file_path=str(config_file), site_url=served)
    assert not _preview_as_published(config)
    assert config.site_url == served
    config = SimpleNamespace(config_file_path=str(tmp_path / "plain.yml"), site_url="http://127.0.0.1:8000/")
    assert _preview_as_published(config)
    assert config.site_url is None  # no address to publish at: a preview has none either, as a build
    config = SimpleNamespace(config_file_path=None, site_url=served)
    assert not _preview_as_published(config)
    assert config.site_url == served
