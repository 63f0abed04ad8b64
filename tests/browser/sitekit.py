"""Build the site, serve it the way GitHub Pages serves a project site, crawl it.

Plain Python (no browser): the crawl tests use it, and the browser tests use
the same served site.

- `copy_project` copies the project's inputs to a scratch directory (as the
  other tests do), so the suite never touches the working tree's content/
  or site/;
- `SiteServer` serves a built site/ from `http://127.0.0.1:PORT/briefing-archive/`
  with `http.server`, like GitHub Pages serves `USER.github.io/REPO/`:
  `/briefing-archive/x` redirects to `/briefing-archive/x/`, a directory
  serves its index.html, anything missing (or outside the prefix) answers
  404 with the site's own 404.html;
- `crawl` follows every internal link and asset from the home page.
"""
from __future__ import annotations

import http.server
import re
import shutil
import sys
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/briefing-archive/"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def copy_project(dst: Path) -> Path:
    """Copy the project's inputs (not its generated pages) to `dst`: tests/project_files.py does it."""
    if str(ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(ROOT / "tests"))
    from project_files import copy_project as copy

    return copy(dst, ROOT)


# --------------------------------------------------------------------------- server

class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that mounts `directory` at PREFIX, as GitHub Pages does."""

    def __init__(self, *args, directory: str, **kwargs):
        self.site_dir = directory
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def _split(self):
        path = urlsplit(self.path).path
        if path == PREFIX.rstrip("/"):
            return "redirect", None
        if not path.startswith(PREFIX):
            return "outside", None
        return "inside", path[len(PREFIX) - 1:]

    def send_head(self):
        where, _ = self._split()
        if where == "redirect":
            self.send_response(301)
            self.send_header("Location", PREFIX)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if where == "outside":
            return self._not_found()
        return super().send_head()

    def translate_path(self, path):
        parts = urlsplit(path)
        inner = parts.path[len(PREFIX) - 1:] if parts.path.startswith(PREFIX) else "/__outside__"
        return super().translate_path(urlunsplit(("", "", inner, parts.query, "")))

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            body = self._not_found()
            if body is not None:
                try:
                    shutil.copyfileobj(body, self.wfile)
                finally:
                    body.close()
            return
        super().send_error(code, message, explain)

    def _not_found(self):
        """GitHub Pages answers a missing path with status 404 and the site's 404.html."""
        page = Path(self.site_dir) / "404.html"
        if not page.is_file():
            super().send_error(404)
            return None
        f = page.open("rb")
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(page.stat().st_size))
        self.end_headers()
        if self.command == "HEAD":
            f.close()
            return None
        return f


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # a client that stopped reading (a browser leaving a page): not a site problem
        super().handle_error(request, client_address)


class SiteServer:
    """Serves a directory at http://127.0.0.1:PORT/briefing-archive/ in a thread."""

    def __init__(self, directory: Path | None = None):
        self._directory = [str(directory) if directory else None]
        handler = self._make_handler()
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}{PREFIX}"
        self._thread: threading.Thread | None = None

    def _make_handler(self):
        box = self._directory

        class Handler(_PagesHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=box[0], **kwargs)

        return Handler

    def serve(self, directory: Path) -> "SiteServer":
        """Start serving `directory` (the port is bound, and known, before the build)."""
        self._directory[0] = str(directory)
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="site-server", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread:
            self.httpd.shutdown()
        self.httpd.server_close()


# --------------------------------------------------------------------------- crawl

class _Refs(HTMLParser):
    """href/src of a, link, script, img (and ids, for anchors) of one HTML page."""

    TAGS = {"a": ("href",), "link": ("href",), "script": ("src",), "img": ("src",),
            "source": ("src",), "iframe": ("src",)}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (url, kind): kind "link" or "asset"
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in self.TAGS.get(tag, ()):
            value = (a.get(attr) or "").strip()
            if value:
                self.refs.append((value, self._kind(tag, a)))

    @staticmethod
    def _kind(tag: str, attrs: dict) -> str:
        """"asset" for what a browser loads by itself (a script, a stylesheet, an image), else "link"."""
        if tag == "a":
            return "link"
        if tag == "link":
            rel = set((attrs.get("rel") or "").lower().split())
            return "asset" if rel & ASSET_RELS else "link"
        return "asset"


ASSET_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest",
              "prefetch", "mask-icon"}
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:")


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str = ""
    final_url: str = ""


@dataclass
class Crawl:
    start: str
    fetched: dict[str, Fetched] = field(default_factory=dict)
    links: dict[str, set[str]] = field(default_factory=dict)  # page -> internal urls (no fragment)
    referrers: dict[str, set[str]] = field(default_factory=dict)  # url -> pages linking to it
    anchors: list[tuple[str, str, str]] = field(default_factory=list)  # (page, target, fragment)
    ids: dict[str, set[str]] = field(default_factory=dict)  # page -> ids
    external: dict[str, set[str]] = field(default_factory=dict)  # outside url -> pages
    external_assets: set[str] = field(default_factory=set)  # outside urls a browser would load by itself

    @property
    def pages(self) -> set[str]:
        """Every HTML page the crawl reached with 200."""
        return {u for u, f in self.fetched.items() if f.status == 200 and f.content_type.startswith("text/html")}

    def failures(self) -> list[str]:
        out = []
        for url, f in sorted(self.fetched.items()):
            if f.status != 200:
                refs = ", ".join(sorted(self.referrers.get(url, ()))[:3])
                out.append(f"{f.status} {url} (linked from {refs or 'start'})")
        return out


def _fetch(url: str) -> tuple[Fetched, bytes]:
    req = urllib.request.Request(url, headers={"User-Agent": "briefing-archive-crawler"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            body = resp.read()
            return Fetched(url, resp.status, resp.headers.get("Content-Type", ""), resp.geturl()), body
    except urllib.error.HTTPError as e:
        return Fetched(url, e.code, e.headers.get("Content-Type", "") if e.headers else ""), b""


def crawl(start: str, limit: int = 20000) -> Crawl:
    """Follow every local link and asset from `start`; outside links are recorded, never fetched."""
    result = Crawl(start)
    queue = [start]
    seen = {start}
    while queue:
        url = queue.pop(0)
        if len(result.fetched) >= limit:
            raise RuntimeError(f"crawl stopped after {limit} URLs: a link loop?")
        fetched, body = _fetch(url)
        result.fetched[url] = fetched
        if fetched.status != 200:
            continue
        base = fetched.final_url or url
        found: list[tuple[str, str]] = []
        if fetched.content_type.startswith("text/html"):
            parser = _Refs()
            parser.feed(body.decode("utf-8", errors="replace"))
            result.ids[url] = parser.ids
            found = parser.refs
        elif fetched.content_type.startswith("text/css"):
            found = [(m.group(2), "asset") for m in _CSS_URL.finditer(body.decode("utf-8", errors="replace"))]
        out = result.links.setdefault(url, set())
        for ref, kind in found:
            if ref.startswith(_SKIP_SCHEMES):
                continue
            if ref.startswith("#") and not fetched.content_type.startswith("text/html"):
                continue  # url(#filter) in CSS points into the document using it
            absolute = urljoin(base, ref)
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https"):
                continue
            if not is_local(absolute):
                result.external.setdefault(absolute, set()).add(url)
                if kind == "asset":
                    result.external_assets.add(absolute)
                continue
            target = urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
            if parts.fragment:
                result.anchors.append((url, target, unquote(parts.fragment)))
            out.add(target)
            result.referrers.setdefault(target, set()).add(url)
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return result


def page_urls_on_disk(site: Path, base_url: str) -> dict[str, Path]:
    """URL -> file of every HTML page a builder wrote (404.html excluded: it is served, not linked)."""
    out = {}
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        if rel == "index.html":
            url = base_url
        elif rel.endswith("/index.html"):
            url = base_url + rel[: -len("index.html")]
        else:
            url = base_url + rel
        out[url] = f
    return out


def canonical_page(url: str) -> str:
    """The directory URL a page is known by (x/index.html -> x/)."""
    return url[: -len("index.html")] if url.endswith("/index.html") else url



# --------------------------------------------------------------------------- what search may index

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"p", "li", "td", "th", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure"}
UNSEARCHED_ATTRS = ("data-search-exclude", "data-pagefind-ignore")


class PageText(HTMLParser):
    """A page's text in blocks (paragraphs, list items, cells), split by whether the page asks search
    to leave them out (inside an element with data-search-exclude / data-pagefind-ignore) or not.

    A real HTML parser tracks the nesting, which is what Material's search parser got wrong:
    it ended an excluded <div> at the first nested </div>.
    """

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self._stack: list[tuple[str, bool]] = []
        self._block: list[str] = []
        self._block_unsearched = False
        self.searched: list[str] = []
        self.unsearched: list[str] = []
        self.feed(html)
        self.close()
        self._flush()

    @property
    def _inside(self) -> bool:
        return any(excluded for _, excluded in self._stack)

    def _flush(self) -> None:
        text = " ".join("".join(self._block).split())
        if text:
            (self.unsearched if self._block_unsearched else self.searched).append(text)
        self._block = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._flush()
        if tag not in _VOID:
            self._stack.append((tag, any(k in UNSEARCHED_ATTRS for k, _ in attrs)))
        self._block_unsearched = self._inside

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._flush()
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        self._block_unsearched = self._inside

    def handle_data(self, data):
        if not "".join(self._block).strip():
            self._block_unsearched = self._inside
        self._block.append(data)
