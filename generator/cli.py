"""The command line: a thin layer over the library. Each command's help is its documentation."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from generator import __version__, settings
from generator.build import Project, ProjectError, build, gather, require_seeds
from generator.extract import extract, to_contract_json
from generator.labels import UNATTRIBUTED_SHORT, UNDATED_SHORT
from generator.models import Hints
from generator.problems import Problem
from generator.read.seeds import file_label, read_article
from generator.read.register import load_register

_ROOT = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                     show_default=True, help="Project folder holding seeds/, content/ and register.yml.")
_REGISTER = click.option("--register", "register_path",
                         type=click.Path(exists=True, dir_okay=False, path_type=Path),
                         help="Entity register to use instead of ROOT/register.yml.")


def _require_seeds(project: Project) -> None:
    """A one-line error and exit status 1 when there is no seeds folder: nothing is written."""
    try:
        require_seeds(project)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from None


def _report(problems, quiet: bool) -> None:
    for p in problems:
        if not quiet or p.severity == "error":
            click.echo(str(p), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing-archive")
def main() -> None:
    """Briefing Archive: turn a folder of raw news articles into a cross-linked MkDocs site.

    Typical use: `python -m generator build`, then `mkdocs build` (or
    `make site`, which does both). Settings that are not in mkdocs.yml or
    register.yml (BRIEFING_* environment variables): README "Settings".
    """
    try:
        settings.current()  # a mistyped BRIEFING_* value: one line before anything runs
    except settings.SettingError as exc:
        raise click.ClickException(str(exc)) from None


@main.command("build")
@_ROOT
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), help="Articles folder [ROOT/seeds].")
@click.option("--docs", type=click.Path(file_okay=False, path_type=Path), help="MkDocs docs_dir [ROOT/content].")
@_REGISTER
@click.option("--jobs", "-j", type=click.IntRange(1), help="Worker processes for extraction and rendering [BRIEFING_JOBS, else all cores].")
@click.option("--strict", is_flag=True, help="Exit with status 1 if any file had an error or a warning "
              "(for CI); the same as --fail-on warning.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]),
              help="Exit with status 1, after writing every page and printing every problem, if any file had "
                   "an error (a file was ignored: what `make site` uses), or an error or a warning.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
def build_command(root, seeds, docs, register_path, jobs, strict, fail_on, quiet):
    """Generate the archive's Markdown pages from the seeds.

    Reads every ROOT/seeds/*.txt, *.html, *.htm and *.json (and its optional sidecar <name>.yml),
    extracts metadata, resolves names through the register and writes
    pages under ROOT/content/archive/ plus ROOT/content/index.md. Files
    the generator did not write are never touched; pages whose seed is
    gone are removed. Bad files are reported one line each and skipped.
    Unchanged articles are not re-extracted (cache in ROOT/.cache/).
    """
    project = Project(root=root, seeds=seeds, docs=docs, register=register_path)
    _require_seeds(project)
    try:
        result = build(project, jobs=jobs, progress=None if not quiet else False)
    except ProjectError as exc:  # another build holds the lock, or content/ cannot be written
        raise click.ClickException(str(exc)) from None
    _report(result.problems, quiet)
    if not quiet:
        click.echo(
            f"{result.articles} articles ({result.extracted} extracted), {result.actors} actors, "
            f"{result.bases} bases: {len(result.written)} pages written, {len(result.removed)} removed, "
            f"{result.unchanged} unchanged in {result.seconds:.2f}s"
            + (f"; {len(result.problems)} problem(s)" if result.problems else ""),
            err=True,
        )
    failing = {"error"} if fail_on == "error" else {"error", "warning"} if strict or fail_on else set()
    if any(p.severity in failing for p in result.problems):
        sys.exit(1)


@main.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON list of the eval contract.")
@_REGISTER
@_ROOT
def extract_command(files, as_json, register_path, root):
    """Print the metadata extracted from article FILES (no site is written).

    FILES may be plain text, saved web pages (.html, .htm) or scraper records (.json);
    a page's or a record's stated title and date win over the text's.

    With --json, prints one JSON list with an object per file: file, title,
    date, dateline {place, agency}, actors [{name, type, aliases}], bases
    [{name, aliases}], quotes [{speaker, text}] (see shared/eval/README.md).
    """
    # FILES are explicit, so extraction works from any directory (it is the evaluation contract);
    # the register only adds canonical names, so without one it runs on the text alone, and says so.
    register_file = register_path or root / "register.yml"
    if not register_file.is_file():
        click.echo(f"note: no register.yml in {root.resolve()}: extracting without the register "
                   "(pass --register FILE or --root DIR to use one)", err=True)
    register, problems = load_register(register_file)
    _report(problems, quiet=False)
    out = []
    for path in files:
        text, page, file_problems = read_article(path.read_bytes(), str(path), path.suffix.lower())
        _report(file_problems, quiet=True)
        hints = Hints(title=page.title, date=page.date) if page else Hints()
        record = to_contract_json(path.name, extract(text or "", register, hints), page)
        out.append(record)
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for record in out:
        click.echo(f"{record['file']}: {record['title']!r} ({record['date'] or UNDATED_SHORT})")
        if record["dateline"]:
            click.echo(f"  dateline: {record['dateline']['place']} / {record['dateline']['agency']}")
        for a in record["actors"]:
            click.echo(f"  actor ({a['type']}): {a['name']}  [{', '.join(a['aliases'])}]")
        for b in record["bases"]:
            click.echo(f"  base: {b['name']}  [{', '.join(b['aliases'])}]")
        for q in record["quotes"]:
            click.echo(f"  quote ({q['speaker'] or UNATTRIBUTED_SHORT}): {q['text'][:80]}")


@main.command("add")
@click.argument("urls", nargs=-1, required=True)
@_ROOT
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), help="Articles folder [ROOT/seeds].")
def add_command(urls, root, seeds):
    """Fetch web pages and save each into the seeds folder as .html.

    Each URL is fetched once (http/https only, BRIEFING_FETCH_TIMEOUT seconds,
    at most BRIEFING_FETCH_MAX_MB), checked as a build would read it, and
    saved as seeds/<host>-<words>.html with its URL recorded in the file;
    nothing is ever overwritten. Prints the title, date, outlet, URL and
    words extracted. A URL that fails is one line, and the rest go on;
    the exit status is 1 if any failed.
    """
    from generator import fetch  # urllib.request and http.client: 25 ms that no other command needs

    current = settings.current()
    seeds_dir = seeds or root / "seeds"
    failed = 0
    for url in dict.fromkeys(urls):  # each page once, even if named twice
        try:
            saved = fetch.add(url, seeds_dir, current.fetch_timeout, current.fetch_max_mb * 1_048_576)
        except fetch.FetchError as exc:
            failed += 1
            click.echo(str(Problem(url, str(exc))), err=True)  # one printable line, whatever the URL holds
            continue
        for warning in saved.warnings:
            click.echo(warning, err=True)
        click.echo(f"saved {file_label(saved.path)}: {saved.words} words\n"
                   f"  title:  {saved.title or '(none found)'}\n"
                   f"  date:   {saved.date or '(none stated; the text may give one)'}\n"
                   f"  outlet: {saved.outlet or '(none stated)'}\n"
                   f"  URL:    {saved.page_url or saved.url}")
    if failed:
        sys.exit(1)


@main.command("review")
@_ROOT
@_REGISTER
def review_command(root, register_path):
    """List what an editor should look at, with the YAML line that fixes each point.

    Per article file: candidates extraction held back for lack of evidence
    (with their evidence and a sentence) and quotes with no speaker; then
    entities found in the articles but missing from the register, and
    likely duplicates (a short form beside a full name, or two
    near-identical spellings). Each suggestion names the file to paste into
    (the article's sidecar <name>.yml, or register.yml), the line to paste,
    and what it will change; the next build picks it up.
    """
    from generator.review import Files, report

    project = Project(root=root, register=register_path)
    _require_seeds(project)
    gathered = gather(project, progress=False)
    _report(gathered.problems, quiet=False)
    for line in report(gathered.archive, Files(project.seeds_dir), gathered.extractions):
        click.echo(line)
