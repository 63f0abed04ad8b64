"""Fixtures of the reader-level suite: the built site, served from a subpath, and headless Chromium.

The site is built once per session and per builder (MkDocs, Zensical) by
scripts/build_site.py -- the script `make site` and the publish workflow run --
into a scratch copy of the project, and served at
http://127.0.0.1:PORT/briefing-archive/ as GitHub Pages serves a project site.

Browser tests (marked `browser`) drive Debian's Chromium (/usr/bin/chromium,
or $CHROMIUM) through Python Playwright; nothing downloads a browser. Where
Chromium or Playwright is missing they are skipped, and the end of the run
says so and how to enable them.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from sitekit import ROOT, SiteServer, copy_project, crawl, is_local

BUILDERS = ("mkdocs", "zensical")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORTS = {  # name -> (width, height, phone?)
    "desktop": (1280, 800, False),
    "phone": (390, 844, True),
}
ENABLE_HINT = "install the Debian packages chromium and chromium-driver (sudo apt-get install chromium chromium-driver)"

_state = {"browser_skipped": 0, "reason": None, "screenshots": 0}


def chromium_path() -> str:
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def browser_unavailable() -> str | None:
    """Why the browser tests cannot run here, or None."""
    exe = chromium_path()
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        return f"Chromium not found at {exe}"
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install -r requirements.txt)"
    return None


def artifacts_dir() -> Path:
    return Path(os.environ.get("BRIEFING_ARTIFACTS", ROOT / "test-artifacts")).resolve()


# --------------------------------------------------------------------------- hooks

@pytest.hookimpl(trylast=True)  # after -k/-m deselection, so the count is of tests that would have run
def pytest_collection_modifyitems(config, items):
    browser_items = [i for i in items if i.get_closest_marker("browser")]
    if not browser_items:
        return
    reason = browser_unavailable()
    if reason is None:
        return
    _state["reason"] = reason
    _state["browser_skipped"] = len(browser_items)
    skip = pytest.mark.skip(reason=f"Browser tests skipped: {reason}; {ENABLE_HINT} to run them")
    for item in browser_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    tr = terminalreporter
    if _state["browser_skipped"]:
        tr.write_sep("=", "browser tests skipped", yellow=True, bold=True)
        tr.write_line(f"Browser tests skipped ({_state['browser_skipped']}): {_state['reason']}.")
        tr.write_line(f"To run them, {ENABLE_HINT}; Python playwright comes with requirements.txt.")
        tr.write_line("Everything else ran. CI (.ci/run) installs Chromium itself when it runs as root.")
    elif _state["screenshots"]:
        tr.write_line(f"Screenshots ({_state['screenshots']}): {artifacts_dir() / 'screenshots'} "
                      "(make screenshots copies the README's into docs/screenshots/)")


# --------------------------------------------------------------------------- the built, served site

@dataclass
class BuiltSite:
    builder: str
    project: Path
    dir: Path
    server: SiteServer
    build_seconds: float

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @cached_property
    def crawl(self):
        return crawl(self.base_url)

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")


class BuildFailed(Exception):
    pass


# Site variants beyond the builders: "pagefind" is MkDocs with `extra.search_backend: pagefind`;
# "pagefind-shards" the same with its index in several bundles (BRIEFING_PAGEFIND_SHARD_MB, off by
# default: 0.1 MB of page text per Pagefind run here; generator/site/pagefind.py), which the search
# box merges.
VARIANTS = {"mkdocs": ("mkdocs", {}), "zensical": ("zensical", {}),
            "pagefind": ("mkdocs", {"BRIEFING_SEARCH": "pagefind"}),
            "pagefind-shards": ("mkdocs", {"BRIEFING_SEARCH": "pagefind", "BRIEFING_PAGEFIND_SHARD_MB": "0.1"})}


def _build(variant: str, tmp_root: Path, snapshot: Path) -> BuiltSite:
    builder, env = VARIANTS[variant]
    if builder == "zensical" and importlib.util.find_spec("zensical") is None:
        pytest.skip("Zensical is not installed: pip install -r requirements.txt (pins zensical)")
    project = tmp_root / f"project-{variant}"
    shutil.copytree(snapshot, project)
    server = SiteServer()  # bind the port first: the site is built for its final address
    started = time.monotonic()
    cmd = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--builder", builder,
           "--project", str(project), "--site-url", server.base_url, "--quiet"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=900, env={**os.environ, **env})
    if result.returncode != 0:
        server.close()
        raise BuildFailed(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    site = BuiltSite(variant, project, project / "site", server.serve(project / "site"),
                     time.monotonic() - started)
    return site


@pytest.fixture(scope="session")
def site_cache(tmp_path_factory):
    cache: dict[str, BuiltSite | str] = {}  # builder -> site, or why its build failed
    root = tmp_path_factory.mktemp("sites")
    # One copy of the inputs for every builder, so their sites can be compared.
    snapshot = copy_project(root / "inputs")

    def get(builder: str) -> BuiltSite:
        if builder not in cache:
            try:
                cache[builder] = _build(builder, root, snapshot)
            except BuildFailed as exc:
                cache[builder] = str(exc)
        if isinstance(cache[builder], str):  # fail every test of this builder, build once
            pytest.fail(cache[builder], pytrace=False)
        return cache[builder]

    yield get
    for built in cache.values():
        if isinstance(built, BuiltSite):
            built.server.close()


@pytest.fixture(scope="session", params=BUILDERS)
def site(request, site_cache) -> BuiltSite:
    """The site built by each builder in turn (MkDocs, then Zensical)."""
    return site_cache(request.param)


@pytest.fixture(scope="session")
def mkdocs_site(site_cache) -> BuiltSite:
    return site_cache("mkdocs")


@pytest.fixture(scope="session")
def zensical_site(site_cache) -> BuiltSite:
    return site_cache("zensical")


@pytest.fixture(scope="session", params=tuple(VARIANTS))
def search_site(request, site_cache) -> BuiltSite:
    """Each search a reader can meet: MkDocs' built-in (lunr), Zensical's, and Pagefind (MkDocs)."""
    return site_cache(request.param)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    path = artifacts_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


# --------------------------------------------------------------------------- the browser

@pytest.fixture(scope="session")
def browser():
    reason = browser_unavailable()
    if reason:
        pytest.skip(f"Browser tests skipped: {reason}; {ENABLE_HINT} to run them")
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
    except Exception:
        pw.stop()
        raise
    yield b
    b.close()
    pw.stop()


class Tab:
    """A browser page that records console errors, failed loads and every request leaving localhost."""

    def __init__(self, browser, viewport: str = "desktop"):
        width, height, phone = VIEWPORTS[viewport]
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=1,
            is_mobile=phone, has_touch=phone, color_scheme="light", reduced_motion="reduce",
            service_workers="block", locale="en-GB", timezone_id="UTC")
        self.context.set_default_timeout(15_000)
        self.errors: list[str] = []
        self.external: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"{self.page.url}: uncaught error: {exc}"))
        self.page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        if is_local(url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:  # nothing may leave the machine: record it and refuse it
            self.external.append(f"{self.page.url} -> {url}")
            route.abort()

    def _console(self, msg):
        if msg.type == "error":
            self.errors.append(f"{self.page.url}: console error: {msg.text}")

    def _response(self, response):
        if response.status >= 400 and is_local(response.url):
            self.errors.append(f"{self.page.url}: {response.status} for {response.url}")

    def goto(self, url: str):
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: {response and response.status}"
        return response

    def assert_clean(self) -> None:
        problems = self.errors + [f"request left localhost: {u}" for u in self.external]
        assert not problems, "\n".join(problems)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_tab(browser):
    """open_tab(viewport='desktop') -> Tab; closed after the test."""
    tabs: list[Tab] = []

    def open_(viewport: str = "desktop") -> Tab:
        tab = Tab(browser, viewport)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        tab.close()


@pytest.fixture
def screenshot(artifacts):
    """screenshot(tab, builder, name) -> Path: the tab's viewport, as test-artifacts/screenshots/BUILDER/NAME.png."""

    def take(tab: Tab, builder: str, name: str) -> Path:
        path = artifacts / "screenshots" / builder / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        tab.page.screenshot(path=str(path), animations="disabled", caret="hide")
        _state["screenshots"] += 1
        return path

    return take

