"""Build the Pagefind search index for a built site, when the site uses it.

    python -m generator.site.pagefind [--config mkdocs.yml] [--site DIR]

Large archives use Pagefind instead of Material's built-in (lunr) search,
whose single index every visitor downloads in full. The choice is one
setting in mkdocs.yml, `extra.search_backend` (`lunr`, the default, or
`pagefind`; the BRIEFING_SEARCH environment variable sets it for one run).
With `pagefind`, the built-in search plugin is switched off by the MkDocs
hook and this step indexes site/ after `mkdocs build` (`make site` runs it;
the hook runs it too after `mkdocs build`/`serve`). With `lunr` it does
nothing, so builders can always run it. With BRIEFING_PAGEFIND_SHARD_MB, a
large site is indexed in shards that the search box merges, so Pagefind's
memory stays bounded (see SHARDS_FILE's note for the price).
"""
from __future__ import annotations

import argparse
import json
import math
import re
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from generator import settings
from generator.site.owners import gone, owner

# Pagefind indexes only the page text (`data-pagefind-body`, set on Material's
# <article> by site_overrides/main.html), not the header, navigation or footer,
# and skips pages that set `search: exclude: true`, as Material's search does.
# The metadata panel repeats what the page says, glued into one line ("Date28 December"); a page's
# "Atom feed" link (the only links to .xml files) would put those two words in every entity's excerpt.
EXCLUDE_SELECTORS = (".headerlink", ".md-source-file", ".md-content__button", ".ba-panel", 'a[href$=".xml"]')
BACKENDS = ("lunr", "pagefind")


def search_backend(config) -> str:
    """The backend a loaded MkDocs config (or its `extra` mapping) asks for."""
    extra = config.get("extra", config) if hasattr(config, "get") else {}
    value = str((extra or {}).get("search_backend") or "lunr").strip().lower()
    if value not in BACKENDS:
        raise ValueError(f"extra.search_backend must be one of {', '.join(BACKENDS)}, not {value!r}")
    return value


def read_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (!ENV tags resolved), without validating it."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=get_yaml_loader()) or {}


def pagefind_command(site: Path, quiet: bool = True, output: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS)]
    if output is not None:
        cmd += ["--output-path", str(output)]
    return cmd + (["--quiet"] if quiet else [])


# Pagefind holds every word of every page it indexes until it writes the bundle: its memory grows
# with the site's text (about 19 MB per MB of an article page's indexed HTML, 2 GB for 10,000
# articles with their events and entity pages), and it has no limit of its own. With a budget
# (BRIEFING_PAGEFIND_SHARD_MB above 0; by default there is none), a site whose text is over it
# is indexed in shards, one Pagefind run each, and the search box merges them
# (Pagefind's `mergeIndex`): the first shard is the usual bundle in site/pagefind/, the others
# are in site/pagefind/shard-N/, listed in site/pagefind/shards.json (always written: the search
# box reads it). Pages are dealt out in turn (page i to shard i mod n, in path order), so each
# shard holds the same mix of articles, events and entity pages and their word statistics, which
# rank each shard's results, agree. A site under the budget is one bundle, exactly as before.
# The price, and why there is no budget by default: Pagefind leaves out of a search the words its
# bundle does not hold, so a shard without a query's rare word answers for the other words alone,
# and a search of several words also finds pages that hold only some of them.
SHARDS_FILE = "shards.json"
BODY = b"data-pagefind-body"


def indexed_bytes(page: Path) -> int:
    """How much of a built page Pagefind indexes: the HTML from `data-pagefind-body` to the end of
    its <article> (0 for a page without it, which Pagefind skips; main.html sets it)."""
    try:
        html = page.read_bytes()
    except OSError:
        return 0
    start = html.find(BODY)
    if start < 0:
        return 0
    end = html.find(b"</article>", start)
    return (end if end >= 0 else len(html)) - start


def plan_shards(pages: list[tuple[str, int]], budget: int) -> list[list[str]]:
    """Deal `pages` ((path, indexed bytes), any order) into as few shards as keep each one's bytes
    near `budget`: n = ceil(total / budget), page i of the sorted paths to shard i mod n. Pages
    with nothing indexed are left out (Pagefind would skip them)."""
    indexed = sorted(path for path, size in pages if size > 0)
    total = sum(size for _, size in pages if size > 0)
    if not indexed:
        return []
    n = max(1, min(len(indexed), -(-total // max(1, budget))))
    return [indexed[i::n] for i in range(n)]


def _mirror(site: Path, paths: list[str], into: Path) -> None:
    """A folder holding `paths` of `site` at the same places (hard links, copies where a link cannot
    be made), so that Pagefind gives each page the URL it has in the site."""
    for rel in paths:
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / rel, target)
        except OSError:
            shutil.copyfile(site / rel, target)


# What Pagefind writes in its bundle folder (and shards.json): all an earlier run leaves there.
_BUNDLE_ENTRIES = ("pagefind*", "*.pf_meta", "wasm.*", "index", "fragment", "filter", "shard-*", SHARDS_FILE)
_STAGING = ".pagefind-"  # prefix of the folders a run works in, beside the site
_RUNNING = threading.Lock()  # `mkdocs serve` starts a run after each build: one at a time


def _staging_folder(site: Path, kind: str) -> Path:
    """A new folder beside the site for one run's work, named after its owner (see
    `_remove_stale_staging`)."""
    return Path(tempfile.mkdtemp(prefix=f"{_STAGING}{kind}-{owner()}~", dir=site.parent))


def _remove_stale_staging(site: Path) -> list[str]:
    """Remove the folders a run killed midway left beside the site (a run removes its own when it
    ends, even when it fails: only a killed process leaves one, which at 10,000 articles holds the
    whole index, or a mirror of the site per shard). A folder is stale when the process its name
    gives ran on this host and has ended; one of another host, or whose name gives no process (an
    older version's), is left alone. Returns the names removed."""
    removed = []
    for folder in sorted(site.parent.glob(_STAGING + "*")):
        match = re.fullmatch(re.escape(_STAGING) + r"(?:index|shard)-(.+)~\w+", folder.name)
        if not match or not folder.is_dir() or folder.is_symlink() or not gone(match.group(1)):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    return removed


def _clear_bundle(bundle: Path) -> None:
    """Remove what an earlier run wrote in `bundle` (Pagefind never deletes in its output folder),
    and only that: a page of the site that happens to live under pagefind/ stays."""
    if bundle.is_symlink() or not bundle.is_dir():
        return
    for pattern in _BUNDLE_ENTRIES:
        for path in bundle.glob(pattern):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def _shard_budget(shard_mb: float | None) -> int | None:
    """The budget in bytes, or None for one run whatever the size (0, the default)."""
    value = settings.current().pagefind_shard_mb if shard_mb is None else shard_mb
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"BRIEFING_PAGEFIND_SHARD_MB={value!r}: expected 0 (one run) or a number of MB")
    return None if value == 0 else max(1, int(value * 1_000_000))


def index_site(site: Path, quiet: bool = True, shard_mb: float | None = None) -> int:
    """Run Pagefind over a built site, in as many runs as its text needs (see SHARDS_FILE's note);
    returns the number of bundles. Every run writes into a folder beside the site, which takes the
    place of site/pagefind/ only once all have succeeded: a failed run leaves the last index whole.
    Raises CalledProcessError when a run fails, ValueError for a bad budget, OSError when the
    folders cannot be written."""
    budget = _shard_budget(shard_mb)
    site = site.resolve()
    with _RUNNING:
        # without a budget the pages are not even read; without one or under it, one run
        _remove_stale_staging(site)
        shards = [] if budget is None else plan_shards(_indexed_pages(site), budget)
        staged = _staging_folder(site, "index")
        try:
            if len(shards) <= 1:
                subprocess.run(pagefind_command(site, quiet, staged), check=True)
            else:
                for number, paths in enumerate(shards, start=1):
                    _index_shard(site, paths, staged if number == 1 else staged / f"shard-{number}", quiet)
            others = [f"shard-{number}/" for number in range(2, len(shards) + 1)]
            (staged / SHARDS_FILE).write_text(json.dumps({"merge": others}) + "\n", encoding="utf-8")
            _put_in_place(staged, site / "pagefind")
        finally:
            shutil.rmtree(staged, ignore_errors=True)
    return max(1, len(shards))


def _indexed_pages(site: Path) -> list[tuple[str, int]]:
    """(path under the site, indexed bytes) of every page: read only when a budget asks for shards
    (at 10,000 articles that is 600 MB of HTML)."""
    return [(p.relative_to(site).as_posix(), indexed_bytes(p)) for p in site.rglob("*.html")]


def _index_shard(site: Path, paths: list[str], output: Path, quiet: bool) -> None:
    """One Pagefind run over `paths` of `site` (linked into a folder beside it), into `output`."""
    mirror = _staging_folder(site, "shard")
    try:
        _mirror(site, paths, mirror)
        subprocess.run(pagefind_command(mirror, quiet, output), check=True)
    finally:
        shutil.rmtree(mirror, ignore_errors=True)


def _put_in_place(staged: Path, bundle: Path) -> None:
    """The new bundle takes the old one's place (a rename, unless pages of the site live in it)."""
    _clear_bundle(bundle)
    if bundle.is_dir() and any(bundle.iterdir()):
        for entry in staged.iterdir():
            entry.rename(bundle / entry.name)
        return
    if bundle.is_dir():
        bundle.rmdir()
    staged.rename(bundle)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m generator.site.pagefind", description=__doc__.splitlines()[0])
    ap.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs config [mkdocs.yml]")
    ap.add_argument("--site", type=Path, help="built site [the config's site_dir]")
    ap.add_argument("--verbose", action="store_true", help="print Pagefind's own report")
    args = ap.parse_args(argv)
    config = read_config(args.config)
    try:
        backend = search_backend(config)
    except ValueError as exc:
        print(f"{args.config}: {exc}", file=sys.stderr)
        return 2
    if backend != "pagefind":
        print(f"Search backend is {backend}: no Pagefind index needed.", file=sys.stderr)
        return 0
    site = args.site or args.config.parent / config.get("site_dir", "site")
    if not (site / "index.html").exists():
        print(f"{site} has no built site: run `mkdocs build` first.", file=sys.stderr)
        return 1
    try:
        bundles = index_site(site, quiet=not args.verbose)
    except subprocess.CalledProcessError as exc:
        print(f"{site}: Pagefind failed (status {exc.returncode}); the last index is left as it was.",
              file=sys.stderr)
        return exc.returncode or 1
    except (OSError, ValueError) as exc:
        print(f"{site}: cannot build the Pagefind index: {exc}", file=sys.stderr)
        return 1
    shards = f" ({bundles} shards, merged by the search box)" if bundles > 1 else ""
    print(f"Pagefind index written to {site / 'pagefind'}{shards}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
