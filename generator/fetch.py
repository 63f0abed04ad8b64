"""`python -m generator add URL...`: save web pages into seeds/ as the next build will read them.

Each URL is fetched once, with plain urllib: http(s) only (a redirect to any other scheme is
refused too), a timeout, a size limit (a bigger page is refused, never cut), a User-Agent that
names the project, and only HTML kept (a PDF or an image is refused). The page is checked as a
build would read it (generator/read/webpage.py): a page with no article text is not saved. It is
saved as `seeds/<host>-<last path words>.html` with the browsers' own record of where it came
from in its first line, `<!-- saved from url=(NNNN)URL -->`, which the reader takes as the
article's URL when the page names no canonical URL. A file is never overwritten: a taken name
gets `-2`, `-3`...; a URL already saved in seeds/ is not fetched again.

Every failure is one line naming the URL (no traceback): offline, refused, timed out, HTTP
errors, too large, not HTML.
"""
from __future__ import annotations

import codecs
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.paths import slug
from generator.read.seeds import ARTICLE_SUFFIXES, file_label
from generator.read.webpage import SAVED_FROM, read_page, url_or_none

USER_AGENT = (f"BriefingArchive/{__version__} (saves one news page for an analyst's archive; "
              "python -m generator add)")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_REDIRECTS = 5


class FetchError(Exception):
    """Why a URL was not saved: one line."""


@dataclass(frozen=True)
class Saved:
    url: str
    path: Path
    title: str | None
    date: str | None
    outlet: str | None
    page_url: str | None
    words: int
    warnings: tuple[str, ...] = ()


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"redirected to {newurl[:200]!r}, which is not an http(s) address; not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_Redirects())


def check_url(url: str) -> str:
    """The URL if it is an absolute http(s) address, else FetchError."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"only http:// and https:// addresses are fetched (this is {scheme or 'no'} scheme)")
    if url_or_none(url) is None or not urllib.parse.urlsplit(url).hostname:
        raise FetchError("is not an absolute web address without spaces, quotes or angle brackets")
    return url


def download(url: str, timeout: float, max_bytes: int) -> tuple[bytes, str, str | None]:
    """(the page's bytes, the final URL after redirects, the charset its headers declare)."""
    request = urllib.request.Request(check_url(url), headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate, identity"})
    try:
        with _opener().open(request, timeout=timeout) as response:
            final = response.geturl()
            check_url(final)
            ctype = response.headers.get_content_type()
            if ctype not in _HTML_TYPES:
                raise FetchError(f"is {ctype}, not a web page (HTML); not saved")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError(f"is {int(length) / 1_048_576:.1f} MB, over the limit of "
                                 f"{max_bytes / 1_048_576:.0f} MB (BRIEFING_FETCH_MAX_MB); not saved")
            raw = response.read(max_bytes + 1)
            encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
            charset = response.headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:  # urllib refuses a redirect to a scheme other than http, https, ftp itself
            location = urllib.parse.urljoin(url, (exc.headers or {}).get("Location", "") or "")
            if urllib.parse.urlsplit(location).scheme.lower() not in ("http", "https"):
                raise FetchError(f"redirected to {location[:200]!r}, which is not an http(s) address; "
                                 "not followed") from None
            raise FetchError(f"too many redirects (more than {MAX_REDIRECTS}); not saved") from None
        raise FetchError(f"the server answered HTTP {exc.code} {exc.reason}; not saved") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise FetchError(f"timed out after {timeout:g} s (BRIEFING_FETCH_TIMEOUT); not saved") from None
        raise FetchError(f"cannot connect ({_reason(reason)}); are you offline? not saved") from None
    except (socket.timeout, TimeoutError):
        raise FetchError(f"timed out after {timeout:g} s (BRIEFING_FETCH_TIMEOUT); not saved") from None
    except (OSError, ValueError) as exc:  # reset connections, bad chunked encoding, IncompleteRead
        raise FetchError(f"the download failed ({_reason(exc)}); not saved") from None
    if encoding in ("gzip", "x-gzip", "deflate"):
        raw = _inflate(raw, encoding, max_bytes)
    elif encoding not in ("identity", ""):
        raise FetchError(f"was sent {encoding}-compressed, which is not read; not saved")
    if len(raw) > max_bytes:
        raise FetchError(f"is over the limit of {max_bytes / 1_048_576:.0f} MB (BRIEFING_FETCH_MAX_MB); not saved")
    return raw, final, charset


def _reason(reason) -> str:
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return " ".join(str(text).split())[:200]


def _inflate(raw: bytes, encoding: str, max_bytes: int) -> bytes:
    """A gzip or deflate body, unpacked to at most max_bytes + 1 bytes (a zip bomb stops there)."""
    wbits = 16 + zlib.MAX_WBITS if "gzip" in encoding else zlib.MAX_WBITS
    try:
        out = zlib.decompressobj(wbits).decompress(raw, max_bytes + 1)
    except zlib.error:
        try:
            out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, max_bytes + 1)  # raw deflate
        except zlib.error:
            raise FetchError(f"its {encoding} body is corrupt; not saved") from None
    return out


_BOM_CODECS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
               (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARES = re.compile(rb"<meta[^>]+charset|<\?xml[^>]+encoding", re.I)


def page_file(raw: bytes, url: str, charset: str | None) -> bytes:
    """The bytes to save: the page as served, with where it came from in a first-line comment, and
    the charset its headers declared written into it when the page itself declares none (a file
    has no headers). A byte-order mark stays first."""
    header = f"<!-- saved from url=({len(url):04d}){url} -->\n"
    if charset and not _DECLARES.search(raw[:4096]) and re.fullmatch(r"[A-Za-z0-9._:-]{1,40}", charset):
        header += f'<meta charset="{charset}">\n'
    for bom, codec in _BOM_CODECS:
        if raw.startswith(bom):
            return bom + header.encode(codec) + raw[len(bom):]
    return header.encode("ascii") + raw


def saved_urls(seeds_dir: Path) -> dict[str, Path]:
    """URL -> the page in seeds/ saved from it (its saved-from comment)."""
    found: dict[str, Path] = {}
    try:
        names = sorted(os.listdir(seeds_dir))
    except OSError:
        return found
    for name in names:
        path = seeds_dir / name
        if path.suffix not in (".html", ".htm") or not path.is_file():
            continue
        try:
            with open(path, "rb") as fh:
                head = fh.read(4096).decode("utf-8", "replace")
        except OSError:
            continue
        match = SAVED_FROM.search(head)
        if match:
            found.setdefault(match.group(1), path)
    return found


def file_name(url: str, seeds_dir: Path) -> Path:
    """`<host>-<last words of the path>.html`, a name no article in seeds/ has (any suffix)."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "page").removeprefix("www.")
    words = [w for w in re.split(r"[/._-]+", parts.path) if w and w.lower() not in ("html", "htm", "php", "aspx")]
    stem = slug(f"{host} {' '.join(words[-8:])}", "page")
    n, candidate = 1, stem
    while any((seeds_dir / f"{candidate}{suffix}").exists() or (seeds_dir / f"{candidate}{suffix}").is_symlink()
              for suffix in (*ARTICLE_SUFFIXES, ".yml", ".yaml")):
        n += 1
        candidate = f"{stem}-{n}"
    return seeds_dir / f"{candidate}.html"


def add(url: str, seeds_dir: Path, timeout: float, max_bytes: int) -> Saved:
    """Fetch one page, check it as a build would read it, save it; FetchError says why not."""
    check_url(url)
    already = saved_urls(seeds_dir).get(url)
    if already is not None:
        raise FetchError(f"is already saved as {file_label(already)}; not fetched again")
    raw, final, charset = download(url, timeout, max_bytes)
    data = page_file(raw, final, charset)
    text, meta, problems = read_page(data, final)
    if text is None:
        raise FetchError("; ".join(p.message for p in problems) or "no article text found; not saved")
    seeds_dir.mkdir(parents=True, exist_ok=True)
    while True:
        path = file_name(final, seeds_dir)
        try:
            with open(path, "xb") as fh:  # never over a file someone else wrote meanwhile
                fh.write(data)
            break
        except FileExistsError:
            continue
    body = text.split("\n\n", 1)[1] if meta and meta.title and "\n\n" in text else text
    return Saved(url=url, path=path, title=meta.title if meta else None,
                 date=meta.date.isoformat() if meta and meta.date else None,
                 outlet=(meta.outlet or meta.host) if meta else None, page_url=meta.url if meta else None,
                 words=len(body.split()),
                 warnings=tuple(f"{file_label(path)}: {p.severity}: {p.message}" for p in problems))
