"""`python -m generator add URL...` against a local HTTP server the test starts (127.0.0.1 only)."""
from __future__ import annotations

import gzip
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.fetch import USER_AGENT
from generator.read.seeds import read_seeds

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "webpages"))
import pages  # noqa: E402

BODY = (
    "ERBIL, Iraq - A drone attacked the airport in Erbil late on Wednesday, the region's counter-terrorism "
    "service said, in the third such attack on the airport this month.",
    "The service said the drone was brought down before it reached the base that hosts coalition troops, "
    "and that no one was hurt.",
    "\"Our forces are on alert,\" said a spokesperson for the service, who asked the public not to share "
    "pictures of the site.",
)
STORY = pages.Story(title="Drone brought down near Erbil airport", paragraphs=BODY, date="2024-01-17",
                    outlet="Kurdish Wire", url="https://kurdishwire.example/news/drone-erbil-airport")
PAGE = pages.wordpress(STORY).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]] = []

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if "length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            if name != "length":
                self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        Handler.requests.append((self.path, self.headers.get("User-Agent", "")))
        path = self.path
        if path == "/story":
            self._send(200, PAGE)
        elif path == "/missing":
            self._send(404, b"<html><body>Not here</body></html>")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, PAGE)
        elif path == "/big":
            self._send(200, PAGE + b"<!--" + b"x" * (2 * 1024 * 1024) + b"-->")
        elif path == "/big-unannounced":
            self._send(200, PAGE + b"<!--" + b"x" * (2 * 1024 * 1024) + b"-->", length=False)
            self.close_connection = True
        elif path == "/redirect":
            self._send(302, b"", Location="/story")
        elif path == "/redirect-file":
            self._send(302, b"", Location="file:///etc/passwd")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.7 ...", ctype="application/pdf")
        elif path == "/gzip":
            self._send(200, gzip.compress(PAGE), Content_Encoding="gzip")
        elif path == "/latin":
            latin = pages.wire(pages.Story(title="Le ministre déclare « assez » à Bagdad", paragraphs=(
                "Le ministre a déclaré lundi à Bagdad que la présence des conseillers étrangers serait réduite "
                "dès janvier, selon un communiqué publié par son bureau.",) * 3, date="2024-01-08",
                outlet="Agence Exemple", url=None)).replace(
                '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
            self._send(200, latin.encode("cp1252"), ctype="text/html; charset=windows-1252")
        elif path == "/menu":
            self._send(200, b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
        else:
            self._send(404, b"")


class Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # a client that stops reading (a size limit) is expected
        pass


@pytest.fixture(scope="module")
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "seeds").mkdir()
    monkeypatch.setenv("BRIEFING_FETCH_TIMEOUT", "1")
    monkeypatch.setenv("BRIEFING_FETCH_MAX_MB", "1")
    monkeypatch.setenv("no_proxy", "*")  # the test server is local, whatever proxy the machine uses
    monkeypatch.chdir(tmp_path)
    Handler.requests.clear()
    return tmp_path


def add(project: Path, *urls: str):
    return CliRunner().invoke(main, ["add", "--root", str(project), *urls])


def test_a_page_is_saved_with_its_url_and_what_was_read_is_printed(server, project):
    result = add(project, f"{server}/story")
    assert result.exit_code == 0, result.output
    saved = sorted((project / "seeds").iterdir())
    assert [p.name for p in saved] == ["127-0-0-1-story.html"]
    data = saved[0].read_bytes()
    assert data.startswith(f"<!-- saved from url=({len(server) + 6:04d}){server}/story -->\n".encode())
    assert data.endswith(PAGE)
    assert "title:  Drone brought down near Erbil airport" in result.output
    assert "date:   2024-01-17" in result.output and "outlet: Kurdish Wire" in result.output
    assert f"URL:    {STORY.url}" in result.output  # the page's canonical URL
    assert Handler.requests == [("/story", USER_AGENT)]  # fetched once, and the agent names the project
    seeds, problems = read_seeds(project / "seeds")
    assert problems == [] and seeds[0].page.url == STORY.url and seeds[0].page.date.isoformat() == "2024-01-17"


def test_nothing_is_overwritten_and_a_url_is_not_fetched_twice(server, project):
    (project / "seeds" / "127-0-0-1-story.html").write_text("an editor's file")
    assert add(project, f"{server}/story").exit_code == 0
    assert (project / "seeds" / "127-0-0-1-story.html").read_text() == "an editor's file"
    assert (project / "seeds" / "127-0-0-1-story-2.html").is_file()
    again = add(project, f"{server}/story", f"{server}/story")
    assert again.exit_code == 1 and "is already saved as seeds/127-0-0-1-story-2.html" in again.output
    assert [path for path, _ in Handler.requests] == ["/story"]


def test_a_redirect_is_followed_and_the_final_url_recorded(server, project):
    result = add(project, f"{server}/redirect")
    assert result.exit_code == 0, result.output
    (saved,) = (project / "seeds").iterdir()
    assert saved.read_text().startswith(f"<!-- saved from url=({len(server) + 6:04d}){server}/story -->")


def test_a_page_whose_charset_is_only_in_the_headers_keeps_it(server, project):
    result = add(project, f"{server}/latin")
    assert result.exit_code == 0, result.output
    assert "title:  Le ministre déclare « assez » à Bagdad" in result.output
    seeds, problems = read_seeds(project / "seeds")
    assert problems == [] and seeds[0].page.title == "Le ministre déclare « assez » à Bagdad"


def test_a_gzip_encoded_answer_is_unpacked(server, project):
    assert add(project, f"{server}/gzip").exit_code == 0
    (saved,) = (project / "seeds").iterdir()
    assert saved.read_bytes().endswith(PAGE)


@pytest.mark.parametrize("path,message", [
    ("/missing", "the server answered HTTP 404 Not Found; not saved"),
    ("/slow", "timed out after 1 s (BRIEFING_FETCH_TIMEOUT); not saved"),
    ("/big", "is 2.0 MB, over the limit of 1 MB (BRIEFING_FETCH_MAX_MB); not saved"),
    ("/big-unannounced", "is over the limit of 1 MB (BRIEFING_FETCH_MAX_MB); not saved"),
    ("/pdf", "is application/pdf, not a web page (HTML); not saved"),
    ("/redirect-file", "redirected to 'file:///etc/passwd', which is not an http(s) address; not followed"),
    ("/menu", "no article text found in the page"),
])
def test_each_failure_is_one_line_and_nothing_is_saved(server, project, path, message):
    result = add(project, f"{server}{path}")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [f"{server}{path}: error: {message}"] or (
        len(lines) == 1 and lines[0].startswith(f"{server}{path}: error: ") and message in lines[0]), lines
    assert "Traceback" not in result.output
    assert list((project / "seeds").iterdir()) == []


def test_offline_is_one_clear_line_and_the_other_urls_go_on(server, project):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = add(project, f"http://127.0.0.1:{port}/story", f"{server}/story")
    assert result.exit_code == 1
    assert f"http://127.0.0.1:{port}/story: error: cannot connect (Connection refused); are you offline? " \
           "not saved" in result.output
    assert (project / "seeds" / "127-0-0-1-story.html").is_file()


@pytest.mark.parametrize("url", ["ftp://example.com/x.html", "file:///etc/passwd", "javascript:alert(1)",
                                 "example.com/page", "http://exa mple.com/"])
def test_only_http_and_https_addresses_are_fetched(project, url):
    result = add(project, url)
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert ": error: " in result.output and Handler.requests == []
