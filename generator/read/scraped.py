"""A scraper's record of one article (`seeds/*.json`): trafilatura's or newspaper4k's JSON.

`trafilatura --json` (and `trafilatura.extract(..., output_format="json", with_metadata=True)`)
writes `title, author, hostname, date, fingerprint, id, license, comments, raw_text, text,
language, image, pagetype, filedate, source, source-hostname, excerpt, categories, tags`
(older versions: `url`, `sitename`, `description`); newspaper4k's `Article.to_json()` writes
`url, read_more_link, language, title, top_image, meta_img, images, movies, keywords,
keyword_scores, meta_keywords, tags, authors, publish_date, summary, meta_description, meta_lang,
meta_favicon, meta_site_name, canonical_link, text` (and `source_url`, `article_html` in some
versions). Both shapes are read; a key neither writes is reported (one line naming it) and
ignored, and the article still builds. What the archive uses:

    text        text, else raw_text (trafilatura), the article's body
    title       title
    date        date (trafilatura), publish_date (newspaper4k): ISO, the day is kept
    outlet      sitename / source-hostname (trafilatura's site name), meta_site_name (newspaper4k)
    url         canonical_link, else url / source (the page's), else source_url (newspaper4k's site)
    description description / excerpt (trafilatura), meta_description (newspaper4k)
    author      author (trafilatura, "A; B"), authors (newspaper4k, a list)
"""
from __future__ import annotations

import json
import unicodedata

from generator.models import PageMeta
from generator.problems import Problem
from generator.read.seeds import MAX_ARTICLE_BYTES, _CONTROL, _SURROGATE, _cut, decode_article
from generator.read.webpage import host_of, one_line, page_date, url_or_none

JSON_SUFFIXES = (".json",)

TRAFILATURA_KEYS = frozenset({
    "title", "author", "hostname", "date", "fingerprint", "id", "license", "comments", "raw_text", "text",
    "language", "image", "pagetype", "filedate", "source", "source-hostname", "excerpt", "categories", "tags",
    "url", "sitename", "description", "body", "commentsbody",
})
NEWSPAPER_KEYS = frozenset({
    "url", "read_more_link", "language", "title", "top_image", "meta_img", "images", "movies", "keywords",
    "keyword_scores", "meta_keywords", "tags", "authors", "publish_date", "summary", "meta_description",
    "meta_lang", "meta_favicon", "meta_site_name", "canonical_link", "text", "source_url", "article_html", "html",
    "meta_data", "top_img", "imgs", "movies", "additional_data",
})
KNOWN_KEYS = TRAFILATURA_KEYS | NEWSPAPER_KEYS


def _first(record: dict, *keys):
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _authors(record: dict) -> str | None:
    value = record.get("authors")
    if isinstance(value, list):
        names = [n for n in value if isinstance(n, str) and n.strip()]
        return one_line("; ".join(names), 300) if names else None
    return one_line(_first(record, "author"), 300)


def read_record(raw: bytes, label: str) -> tuple[str | None, PageMeta | None, list[Problem]]:
    """The record's article text (title, a blank line, the body), its metadata and the problems
    met; (None, None, [problem]) when it is not one JSON object with a text."""
    if len(raw) > MAX_ARTICLE_BYTES:
        return None, None, [Problem(label, f"too large ({len(raw) // 1_048_576} MB; the limit is "
                                           f"{MAX_ARTICLE_BYTES // 1_048_576} MB)")]
    decoded, problems = decode_article(raw, label, cut=False)  # BOMs, UTF-16, other encodings: as for a text seed
    if decoded is None:
        return None, None, problems
    try:
        record = json.loads(decoded)
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        return None, None, problems + [Problem(label, f"is not valid JSON{where}; skipped")]
    if isinstance(record, list) and len(record) == 1:  # `[ {...} ]`: a list of one article
        record = record[0]
    if not isinstance(record, dict):
        return None, None, problems + [Problem(label, "must be one JSON object (one article, as trafilatura or "
                                                      "newspaper4k writes it); skipped")]
    for key in sorted(k for k in record if k not in KNOWN_KEYS):
        problems.append(Problem(label, f"unknown key {str(key)[:60]!r} (neither trafilatura nor newspaper4k "
                                       "writes it); ignored", severity="warning"))
    body = _first(record, "text", "raw_text")
    if body is None:
        return None, None, problems + [Problem(label, "has no article text (`text` or `raw_text`); skipped")]
    body = _CONTROL.sub("", unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", body)))
    paragraphs = [" ".join(line.split()) for line in body.replace("\r", "\n").split("\n") if line.strip()]
    url = url_or_none(_first(record, "canonical_link")) or url_or_none(_first(record, "url", "source")) \
        or url_or_none(_first(record, "source_url"))
    title = one_line(_first(record, "title"))
    outlet = one_line(_first(record, "sitename", "source-hostname", "meta_site_name"), 200)
    host = one_line(_first(record, "hostname"), 200) or host_of(url)
    if outlet and "." in outlet and " " not in outlet and host is None:
        host, outlet = outlet.lower().removeprefix("www."), None  # a host name, not the site's name
    if outlet and host and outlet.lower().removeprefix("www.") == host.lower().removeprefix("www."):
        outlet = None
    meta = PageMeta(title=title, date=page_date(_first(record, "date", "publish_date")), outlet=outlet, url=url,
                    description=one_line(_first(record, "description", "excerpt", "meta_description"), 1000),
                    host=host.lower().removeprefix("www.") if host else None, author=_authors(record))
    if not paragraphs:
        return None, None, problems + [Problem(label, "has no article text (`text` or `raw_text`); skipped")]
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    article = "\n\n".join(paragraphs) + "\n"
    article, cut = _cut(article, label, len(article))
    return article, meta, problems + cut
