"""Build the Pagefind search index for a built site, when the site uses it.

    python -m generator.site.pagefind [--config mkdocs.yml] [--site DIR]

Large archives use Pagefind instead of Material's built-in (lunr) search,
whose single index every visitor downloads in full. The choice is one
setting in mkdocs.yml, `extra.search_backend` (`lunr`, the default, or
`pagefind`; the BRIEFING_SEARCH environment variable sets it for one run).
With `pagefind`, the built-in search plugin is switched off by the MkDocs
hook and this step indexes site/ after `mkdocs build` (`make site` runs it;
the hook runs it too after `mkdocs build`/`serve`). With `lunr` it does
nothing, so builders can always run it.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

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


def pagefind_command(site: Path, quiet: bool = True) -> list[str]:
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--exclude-selectors", ", ".join(EXCLUDE_SELECTORS)]
    return cmd + (["--quiet"] if quiet else [])


def index_site(site: Path, quiet: bool = True) -> None:
    """Run Pagefind over a built site; raises CalledProcessError when it fails."""
    subprocess.run(pagefind_command(site, quiet), check=True)


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
        index_site(site, quiet=not args.verbose)
    except subprocess.CalledProcessError as exc:
        return exc.returncode or 1
    print(f"Pagefind index written to {site / 'pagefind'}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
