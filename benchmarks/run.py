"""Scale benchmark: synthesise N articles, build them as a user does, print a table.

    python benchmarks/run.py                 # N=1,000 (what `make bench` runs)
    python benchmarks/run.py --n 10000       # the big run
    python benchmarks/run.py --n 20 --skip-serve --skip-hugo --skip-pagefind   # smoke

Everything runs in a throwaway project folder (inputs and MkDocs set-up
copied from this repo, like tests/conftest.py's project_copy) with the
commands a user runs: `python -m generator build --root DIR`, then
`mkdocs build`, `python -m pagefind`, `hugo`, and `mkdocs serve`. Peak
memory is GNU time's "Maximum resident set size" of each command (the
largest single process: a pool worker or the parent). Prints a Markdown
table; --json FILE also writes the raw numbers.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(ROOT))  # this checkout's generator, whatever is installed

from corpus import synthesise  # noqa: E402

from generator.site.page_cache import newest_index  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore", "BRIEFING_TIMINGS": "1"}
# Every command runs as in a user's shell, where Python keeps the generator's compiled modules
# (__pycache__) after the first run. A shell that sets PYTHONDONTWRITEBYTECODE (this project's
# machine does) would make every process compile the generator's 21,000 lines of the snapshot
# below again: 0.3-0.6 s of each command, no user's cost.
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
TIMINGS = re.compile(r"briefing timings: (.*?);")
SUMMARY = re.compile(r"(\d+) articles \((\d+) extracted\).*?: (\d+) pages written, (\d+) removed, (\d+) unchanged")
MARKER = "Benchmark marker sentence zzbenchmarkmarker."


def project_copy(dest: Path) -> Path:
    """The repo's inputs and MkDocs set-up (as tests/project_files.py copies them), without its seeds."""
    sys.path.insert(0, str(ROOT / "tests"))
    from project_files import copy_project

    copy_project(dest)
    shutil.rmtree(dest / "seeds")
    return dest


def timed(cmd: list[str], cwd: Path, env: dict | None = None, check: bool = True) -> dict:
    """Run under GNU time: wall seconds, peak RSS (MB), output."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        started = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name, *cmd], cwd=cwd, env=env or ENV,
                              capture_output=True, text=True)
        wall = time.perf_counter() - started
        stats = tf.read()
    if check and proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stats)
    return {"s": wall, "rss_mb": int(m.group(1)) / 1024 if m else float("nan"), "out": proc.stdout + proc.stderr,
            "rc": proc.returncode}


def summary(out: str) -> dict:
    m = SUMMARY.search(out)
    if not m:
        return {}
    res = dict(zip(("articles", "extracted", "written", "removed", "unchanged"), map(int, m.groups())))
    t = TIMINGS.search(out)
    if t:  # "read 0.31s, extract 1.07s, ..." -> {"read": 0.31, ...}
        res["stages"] = {k: float(v.rstrip("s")) for k, v in (x.split() for x in t.group(1).split(", "))}
    p = re.search(r"(\d+) pages(?: \(quick\))?\n", out)
    if p:
        res["pages"] = int(p.group(1))
    return res


def dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def generator(root: Path) -> list[str]:
    return [PY, "-m", "generator", "build", "--root", str(root)]


def mkdocs_build(root: Path, search: str) -> dict:
    env = {**ENV, "BRIEFING_SKIP_GENERATE": "1", "BRIEFING_SEARCH": search}
    shutil.rmtree(root / "site", ignore_errors=True)
    return timed([str(BIN / "mkdocs"), "build", "-q"], root, env)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, http.client.HTTPException):  # not up yet: a port in the
        return None  # ephemeral range can even connect to itself and read its own request back


def _group_cpu_ticks(group: int) -> int | None:
    """CPU time (clock ticks) of every process in a process group, from /proc; None elsewhere."""
    total, seen = 0, False
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not pid.isdigit():
            continue
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            total, seen = total + int(fields[11]) + int(fields[12]), True
    return total if seen else None


def wait_until_settled(proc, log: Path, quiet_s: int = 5, limit: float = 900) -> float:
    """Wait until the server has finished its background work: its log unchanged and its processes
    using under a tenth of a core for `quiet_s` seconds running (an idle server uses none: it watches
    through the system's file events). Returns the seconds waited."""
    started, quiet = time.perf_counter(), 0
    ticks, size = _group_cpu_ticks(proc.pid), log.stat().st_size
    per_second = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    while quiet < quiet_s and time.perf_counter() - started < limit and proc.poll() is None:
        time.sleep(1)
        now_ticks, now_size = _group_cpu_ticks(proc.pid), log.stat().st_size
        idle = ticks is None or now_ticks is None or now_ticks - ticks < per_second / 10
        quiet = quiet + 1 if idle and now_size == size else 0
        ticks, size = now_ticks, now_size
    return time.perf_counter() - started


def serve_latency(root: Path, seed: Path, page: str, extra: list[str], startup_timeout: float,
                  port: int | None = None, settle: bool = False) -> dict:
    """Seconds from starting the server to the first page served, and from saving an edited seed to its
    page being served with the new text. (A server renders for the published address, so any port
    finds the page cache of the last build or server.)
    With `settle`, the edit is saved once the server has finished its background work (the rest of the
    archive, catching up), as when an analyst edits a while after starting it; otherwise at once."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}/briefing-archive/"
    log = open(root / f"serve-{port}.log", "w")
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--livereload", "-a", f"127.0.0.1:{port}", *extra],
                            cwd=root, env=ENV, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        started = time.perf_counter()
        while fetch(base + page) is None:
            if proc.poll() is not None or time.perf_counter() - started > startup_timeout:
                raise RuntimeError(f"mkdocs serve did not come up; see {log.name}")
            time.sleep(0.2)
        startup = time.perf_counter() - started
        settled = wait_until_settled(proc, root / f"serve-{port}.log") if settle else 0.0
        token = f"zzedit{int(time.time())}"
        text = seed.read_text(encoding="utf-8")
        edited = text.replace("zzbenchmarkmarker", token)
        saved = time.perf_counter()
        seed.write_text(edited, encoding="utf-8")
        while True:
            html = fetch(base + page)
            if html and token in html:
                return {"startup_s": startup, "latency_s": time.perf_counter() - saved, "settled_s": settled}
            if time.perf_counter() - saved > 300 or proc.poll() is not None:
                return {"startup_s": startup, "latency_s": float("nan"), "settled_s": settled}
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        seed.write_text(seed.read_text(encoding="utf-8").replace(token, "zzbenchmarkmarker"), encoding="utf-8")


HUGO_CONFIG = """baseURL = "https://example.github.io/briefing-archive/"
title = "Briefing Archive"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
"""
HUGO_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav>{{ range .Site.Home.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<main>{{ .Content }}</main></body></html>
"""


def hugo_build(root: Path) -> dict:
    """The same generated Markdown built by Hugo with a minimal layout."""
    hugo = root / "hugo"
    shutil.rmtree(hugo, ignore_errors=True)
    (hugo / "layouts").mkdir(parents=True)
    (hugo / "hugo.toml").write_text(HUGO_CONFIG)
    for name in ("single.html", "list.html", "home.html"):
        (hugo / "layouts" / name).write_text(HUGO_PAGE)
    for md in (root / "content").rglob("*.md"):
        rel = md.relative_to(root / "content")
        if rel.name == "index.md":  # a section page in Hugo, not a leaf bundle
            rel = rel.with_name("_index.md")
        target = hugo / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(md, target)
    r = timed([str(BIN / "hugo"), "--quiet", "--source", str(hugo)], root)
    r["pages"] = sum(1 for _ in (hugo / "public").rglob("*.html"))
    r["size"] = dir_size(hugo / "public")[0]
    return r


def median_run(runs: list[dict]) -> dict:
    """The run of median seconds (the lower of the two middle ones for an even number)."""
    return sorted(runs, key=lambda r: r["s"])[(len(runs) - 1) // 2]


def hugo_runs(runs: list[dict]) -> dict:
    """Hugo's median run (its pages and size), every run's seconds and the highest peak."""
    middle = median_run(runs)
    return {"s": middle["s"], "runs": [r["s"] for r in runs], "rss_mb": max(r["rss_mb"] for r in runs),
            "pages": middle["pages"], "size": middle["size"]}


def runs_note(runs: list[float] | None) -> str:
    """"median of 3: 1.5–2.7 s" for several runs, nothing for one."""
    if not runs or len(runs) < 2:
        return ""
    return f"median of {len(runs)}: {min(runs):.1f}–{max(runs):.1f} s"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 1024 ** 2
    except (OSError, AttributeError):
        mem = float("nan")
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="articles to synthesise [1000]")
    ap.add_argument("--workdir", type=Path, help="project folder to use (kept); default: a temp dir, removed")
    ap.add_argument("--skip-serve", action="store_true", help="do not measure mkdocs serve")
    ap.add_argument("--skip-hugo", action="store_true")
    ap.add_argument("--skip-pagefind", action="store_true")
    ap.add_argument("--cold-runs", type=lambda v: max(1, int(v)), default=3,
                    help="cold `make site` and Hugo builds, alternated; their medians are compared [3]")
    ap.add_argument("--skip-make-site", action="store_true", help="do not measure the `make site` loop")
    ap.add_argument("--plain-headlines", action="store_true",
                    help="no headline quotes its story's statement (see corpus.synthesise)")
    ap.add_argument("--skip-rebuilds", action="store_true",
                    help="skip the generator reruns (nothing changed, one seed edited)")
    ap.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = ap.parse_args()

    tmp = None
    if args.workdir:
        root = args.workdir
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="briefing-bench-")
        root = Path(tmp.name)
    res: dict = {"n": args.n, "machine": machine(), "load": " / ".join(f"{x:.1f}" for x in os.getloadavg())}
    global _partial
    if args.json:
        _partial = (args.json, res)
    try:
        run(root, args, res)
    finally:
        if tmp:
            tmp.cleanup()
    print_table(res)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1, default=str))


_partial: tuple[Path, dict] | None = None  # (--json file, results so far): saved at every step


def step(msg: str) -> None:
    if _partial:
        _partial[0].write_text(json.dumps(_partial[1], indent=1, default=str))
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def snapshot_code(root: Path) -> None:
    """Run every command on a copy of generator/ taken now, so edits made in the repo while the
    benchmark runs (another developer's) cannot invalidate the extraction cache half-way."""
    dest = root / "_code"
    shutil.copytree(ROOT / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(dest), ENV.get("PYTHONPATH")]))


def run(root: Path, args, res: dict) -> None:
    project_copy(root)
    snapshot_code(root)
    step(f"synthesising {args.n} articles in {root}")
    seeds = synthesise(args.n, root / "seeds", headline_quotes=not args.plain_headlines)
    res["plain_headlines"] = args.plain_headlines
    # A marker sentence in one article lets us find its page and edit it later.
    probe = seeds[0]
    lines = probe.read_text(encoding="utf-8").rstrip("\n").split("\n")
    body = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[body] += " " + MARKER
    probe.write_text("\n".join(lines) + "\n", encoding="utf-8")

    step("generator: cold build")
    cold = timed(generator(root), root)
    res["gen_cold"] = {**summary(cold["out"]), "s": cold["s"], "rss_mb": cold["rss_mb"]}
    if not args.skip_rebuilds:
        step("generator: rebuild with nothing changed")
        noop = timed(generator(root), root)
        res["gen_noop"] = {**summary(noop["out"]), "s": noop["s"], "rss_mb": noop["rss_mb"]}
        step("generator: one seed edited")
        edit = probe.read_text(encoding="utf-8").replace("zzbenchmarkmarker", "zzbenchmarkmarker edited once")
        probe.write_text(edit, encoding="utf-8")
        one = timed(generator(root), root)
        res["gen_one"] = {**summary(one["out"]), "s": one["s"], "rss_mb": one["rss_mb"]}
        probe.write_text(edit.replace("zzbenchmarkmarker edited once", "zzbenchmarkmarker"), encoding="utf-8")
        timed(generator(root), root)
    page_md = next(p for p in (root / "content" / "archive" / "articles").glob("*.md")
                   if "zzbenchmarkmarker" in p.read_text(encoding="utf-8"))
    page_url = page_md.relative_to(root / "content").with_suffix("").as_posix() + "/"

    step("per-core stage rates")
    # Serial rendering of a large archive takes minutes: there, the cold build's render stage
    # (all cores) gives the per-core rate instead.
    big = args.n > 2000
    st = timed([PY, str(HERE / "stages.py"), "--root", str(root), *(["--no-render"] if big else [])], root)
    res["stages"] = json.loads(st["out"].strip().splitlines()[-1])
    render_s = res["gen_cold"].get("stages", {}).get("render")
    if big and render_s:
        cores = os.cpu_count() or 1
        res["stages"]["articles_rendered_per_core"] = args.n / (render_s * cores)
        res["stages"]["render_per_core"] = res["gen_cold"].get("pages", args.n) / (render_s * cores)
        res["stages"]["render_estimated"] = True

    step("mkdocs build (built-in lunr search)")
    mk = mkdocs_build(root, "lunr")
    size, files = dir_size(root / "site")
    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    index = root / "site" / "search" / "search_index.json"
    res["mkdocs_lunr"] = {"s": mk["s"], "rss_mb": mk["rss_mb"], "size": size, "files": files, "pages": pages,
                          "index": index.stat().st_size if index.exists() else 0}

    if not args.skip_pagefind:
        step("mkdocs build + pagefind (search_backend: pagefind)")
        mk = mkdocs_build(root, "pagefind")
        # the product's own step (make site and the hook run it): the shards a large site needs included
        pf = timed([PY, "-m", "generator.site.pagefind"], root, env={**ENV, "BRIEFING_SEARCH": "pagefind"})
        size, files = dir_size(root / "site")
        psize, pfiles = dir_size(root / "site" / "pagefind")
        bundles = pagefind_bundles(root / "site" / "pagefind")
        res["mkdocs_pagefind"] = {"s": mk["s"], "rss_mb": mk["rss_mb"], "pagefind_s": pf["s"],
                                  "pagefind_rss_mb": pf["rss_mb"], "size": size, "files": files,
                                  "index": psize, "index_files": pfiles, "bundles": len(bundles),
                                  "first_query": first_query_bytes(bundles)}

    if not args.skip_make_site:
        make_site_loop(root, args, res)  # Hugo's runs alternate with the cold ones
    elif not args.skip_hugo:
        res["hugo"] = hugo_runs([hugo_build(root) for _ in range(args.cold_runs)])

    if not args.skip_serve:
        timeout = 60 + args.n * 0.05
        port = free_port()  # one address throughout (a server renders for the published address anyway)
        # without the `make site` loop, the first start follows the benchmark's own builds, not `make site`
        res["serve_first_after"] = "`make site`" if not args.skip_make_site else "the benchmark's `mkdocs build`"
        step(f"mkdocs serve, first start after {res['serve_first_after'].replace('`', '')}: edit one seed, wait for its page")
        res["serve_first"] = serve_latency(root, probe, page_url, [], timeout, port)
        step("mkdocs serve, first start with no page cache: edit one seed, wait for its page")
        cache, aside = root / ".cache" / "site-pages", root / ".cache" / "site-pages.bench-aside"
        shutil.rmtree(aside, ignore_errors=True)  # an interrupted run's
        if cache.exists():
            cache.rename(aside)  # put back for the next start
        try:
            res["serve_cold"] = serve_latency(root, probe, page_url, [], timeout, free_port())
        finally:
            if aside.exists():
                shutil.rmtree(cache, ignore_errors=True)
                aside.rename(cache)
        step("mkdocs serve, next start: edit one seed, wait for its page")
        res["serve"] = serve_latency(root, probe, page_url, [], timeout, port)
        step("mkdocs serve, next start, settled: edit one seed once the background work is done")
        res["serve_settled"] = serve_latency(root, probe, page_url, [], timeout, port, settle=True)
        step("mkdocs serve --dirty (make serve): edit one seed, wait for its page")
        res["serve_dirty"] = serve_latency(root, probe, page_url, ["--dirty"], timeout, port)


GENERATED = ("site", ".cache", "content/archive", "content/index.md", "content/.generated.json",
             "content/.generated-copy.json", "content/data", "content/feed.xml")  # what `make clean` removes


def make_site(root: Path) -> dict:
    """`make site` as a user runs it (scripts/build_site.py, the search backend of mkdocs.yml)."""
    return timed([PY, str(ROOT / "scripts" / "build_site.py"), "--project", str(root), "--quiet"], root,
                 env={**ENV, "BRIEFING_TIMINGS": ""})


def make_site_loop(root: Path, args, res: dict) -> None:
    """The analyst's daily loop: `make site` cold, again with nothing changed, after adding 10 articles.
    The cold build runs `--cold-runs` times, each after a Hugo build of the same Markdown (unless
    --skip-hugo): their medians are compared, both having run under the same conditions."""
    colds, hugos = [], []
    for run_number in range(1, args.cold_runs + 1):
        if not args.skip_hugo:
            step(f"hugo on the same Markdown ({run_number} of {args.cold_runs})")
            hugos.append(hugo_build(root))
        step(f"make site: cold (after make clean) ({run_number} of {args.cold_runs})")
        for name in GENERATED:
            path = root / name
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        colds.append(make_site(root))
    if hugos:
        res["hugo"] = hugo_runs(hugos)
    cold = median_run(colds)
    step("make site: nothing changed")
    same = make_site(root)
    step("make site: 10 articles added")
    synthesise(10, root / "seeds", seed=9999, headline_quotes=not args.plain_headlines)
    added = make_site(root)
    reuse = newest_index(root / ".cache" / "site-pages") or {}
    res["make_site"] = {"cold_s": cold["s"], "cold_runs": [r["s"] for r in colds],
                        "cold_rss_mb": max(r["rss_mb"] for r in colds), "same_s": same["s"],
                        "added_s": added["s"], "added_rss_mb": added["rss_mb"],
                        "added_pages_built": reuse.get("built"), "added_pages_reused": reuse.get("reused")}


def pagefind_bundles(bundle: Path) -> list[Path]:
    """The site's Pagefind bundles: the main one and the shards its shards.json lists."""
    try:
        merge = json.loads((bundle / "shards.json").read_text())["merge"]
    except (OSError, ValueError, KeyError):
        merge = []
    return [bundle] + [bundle / rel for rel in merge]


def first_query_bytes(bundles: list[Path]) -> int:
    """What a visitor downloads for a first one-word query: the scripts and the wasm once (the
    merged bundles use the first one's); from every bundle its entry, metadata and one index chunk;
    ~10 fragments."""
    total = sum(p.stat().st_size for pattern in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.*.pagefind")
                for p in bundles[0].glob(pattern))
    frags = []
    for bundle in bundles:
        for pattern in ("pagefind-entry.json", "pagefind.*.pf_meta"):
            total += sum(p.stat().st_size for p in bundle.glob(pattern))
        chunks = sorted((p.stat().st_size for p in (bundle / "index").glob("*")), reverse=True)
        total += chunks[0] if chunks else 0
        frags += [p.stat().st_size for p in (bundle / "fragment").glob("*")]
    return total + sum(sorted(frags, reverse=True)[:10])


def mb(b: float) -> str:
    return f"{b / 1e6:.1f} MB"


def print_table(r: dict) -> None:
    g0, g1, g2, stg = r.get("gen_cold", {}), r.get("gen_noop", {}), r.get("gen_one", {}), r.get("stages", {})
    lunr, pf, hugo = r.get("mkdocs_lunr", {}), r.get("mkdocs_pagefind"), r.get("hugo")
    rows = [
        ("Articles", f"{r['n']:,}"),
        ("Extraction, one core", f"{stg.get('extract_per_core', 0):,.0f} articles/s"),
        ("Rendering, one core" + (" (cold build's render stage / cores)" if stg.get("render_estimated") else ""),
         f"{stg.get('articles_rendered_per_core', 0):,.0f} articles/s ({stg.get('render_per_core', 0):,.0f} pages/s)"),
        ("Generator, cold (all cores)", f"{g0.get('s', 0):.1f} s, peak {g0.get('rss_mb', 0):.0f} MB "
                                        f"({g0.get('extracted', '?')} extracted, {g0.get('written', '?')} pages)"),
        ("Generator stages, cold", ", ".join(f"{k} {v:.1f} s" for k, v in g0.get("stages", {}).items())),
        ("Events stage (part of index), one core", f"{stg.get('events_s', 0):.2f} s, {stg.get('events', 0):,} events"),
        ("Event clustering vs the corpus's stories (pairwise)",
         f"precision {stg.get('events_precision', 0):.3f}, recall {stg.get('events_recall', 0):.3f} "
         f"({stg.get('events_true_pairs', 0):,} true pairs)" if "events_precision" in stg else "no truth file"),
    ]
    if g1:
        rows += [
            ("Generator, nothing changed", f"{g1.get('s', 0):.1f} s ({g1.get('extracted', '?')} extracted, "
                                           f"{g1.get('written', '?')} written)"),
            ("Generator, one seed edited", f"{g2.get('s', 0):.1f} s ({g2.get('extracted', '?')} extracted, "
                                           f"{g2.get('written', '?')} written)"),
        ]
    rows += [
        ("`mkdocs build`, lunr search", f"{lunr.get('s', 0):.1f} s, peak {lunr.get('rss_mb', 0):.0f} MB"),
        ("Full build, lunr (cold generator + mkdocs)", f"{g0.get('s', 0) + lunr.get('s', 0):.1f} s"),
        ("Site size, lunr", f"{mb(lunr.get('size', 0))}, {lunr.get('pages', 0):,} pages, "
                            f"{lunr.get('size', 0) / max(lunr.get('pages', 1), 1) / 1e3:.0f} kB/page"),
        ("Search index, lunr (every visitor loads it)", mb(lunr.get("index", 0))),
    ]
    if pf:
        rows += [
            ("`mkdocs build`, search_backend: pagefind", f"{pf['s']:.1f} s, peak {pf['rss_mb']:.0f} MB"),
            ("`python -m generator.site.pagefind`", f"{pf['pagefind_s']:.1f} s, peak {pf['pagefind_rss_mb']:.0f} MB, "
             f"{pf.get('bundles', 1)} bundle(s)"),
            ("Full build, pagefind (cold generator + mkdocs + pagefind)",
             f"{g0.get('s', 0) + pf['s'] + pf['pagefind_s']:.1f} s"),
            ("Search index, pagefind (total on disk / first query)",
             f"{mb(pf['index'])} in {pf['index_files']:,} files / {pf['first_query'] / 1e3:.0f} kB"),
            ("Site size, pagefind", mb(pf["size"])),
        ]
    if hugo:
        rows += [("Hugo on the same Markdown (minimal layout)",
                  f"{hugo['s']:.1f} s" + (f" ({note})" if (note := runs_note(hugo.get("runs"))) else "")
                  + f", peak {hugo['rss_mb']:.0f} MB, "
                  f"{hugo['pages']:,} pages, {mb(hugo['size'])}")]
    loop = r.get("make_site")
    if loop:
        notes = [note] if (note := runs_note(loop.get("cold_runs"))) else []
        if hugo and hugo.get("s"):
            notes.append(f"{loop['cold_s'] / hugo['s']:.1f}× Hugo" + ("'s median" if len(hugo.get("runs", [])) > 1 else ""))
        rows += [
            ("`make site`, cold (after `make clean`)",
             f"{loop['cold_s']:.1f} s" + (f" ({'; '.join(notes)})" if notes else "")
             + f", peak {loop['cold_rss_mb']:.0f} MB"),
            ("`make site`, nothing changed", f"{loop['same_s']:.1f} s"),
            ("`make site`, 10 articles added", f"{loop['added_s']:.1f} s, peak {loop['added_rss_mb']:.0f} MB"
             + (f" (MkDocs built {loop['added_pages_built']:,} pages, took {loop['added_pages_reused']:,} from its "
                "page cache)" if loop.get("added_pages_built") is not None else "")),
        ]
    first_after = r.get("serve_first_after", "`make site`")
    for key, label in (("serve_first", f"`mkdocs serve`, first start after {first_after}"
                                       + (" (its page cache)" if first_after == "`make site`" else "")),
                       ("serve_cold", "`mkdocs serve`, first start with no page cache (MkDocs builds every page)"),
                       ("serve", "`mkdocs serve`, next start"),
                       ("serve_settled", "`mkdocs serve`, next start, edit saved once it settled"),
                       ("serve_dirty", "`mkdocs serve --dirty` (`make serve`)")):
        if key in r:
            settled = r[key].get("settled_s")
            rows.append((label, f"first page served after {r[key]['startup_s']:.1f} s; "
                                + (f"settled {settled:.0f} s later; " if settled else "")
                                + f"an edited seed visible after {r[key]['latency_s']:.1f} s"))
    print(f"\nMachine: {r['machine']}; load average at start {r.get('load', '?')}\n")
    print("| Measure | Result |\n| --- | --- |")
    for k, v in rows:
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()
