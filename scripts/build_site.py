#!/usr/bin/env python3
"""Build the site: generate the pages, then build site/ with MkDocs or Zensical.

This is the one build script. `make site`, `make site-zensical`, the GitHub
Pages workflow (through `make site`) and the browser test suite all run it,
so a green local run builds exactly what the deploy builds.

    python scripts/build_site.py                      # MkDocs (the default)
    python scripts/build_site.py --builder zensical   # Zensical
    python scripts/build_site.py --project DIR        # build another copy

Steps, run in the project directory:

1. `python -m generator build --fail-on error`: seeds/ -> content/ (every
   builder needs it; Zensical ignores MkDocs hooks, so it cannot generate on
   its own). An error (a file an editor wrote was ignored) does not stop the
   build here: the site is built and every message printed, then the script
   exits with status 1. Warnings and notes never fail it;
2. MkDocs: `mkdocs build --strict` with BRIEFING_SKIP_GENERATE=1 (the hook
   would otherwise check the inputs again) -- or
   Zensical: `zensical build --strict`.
   MkDocs is started with step 1, not after it (BRIEFING_EARLY_BUILDER=0:
   after): it loads its configuration, theme and plugins while the
   generator runs (about a second of every build, on the other core), then
   its hook says `waiting` on a socket and waits, before it reads a page or
   touches site/, for `go` once the pages are written; not told `go`, it
   has written nothing and is ended (nothing to build, or its code or
   configuration changed meanwhile: it then runs after the generator).
   The generator says `written` on a pipe (BRIEFING_PAGES_WRITTEN_FD) as
   soon as every page is in the docs dir, before it saves its caches and
   stamp: MkDocs is told `go` then, and the generator finishes meanwhile
   (once told `go`, MkDocs builds to the end whatever the generator's
   status; the script then reports it);
3. MkDocs only, when mkdocs.yml's `extra.search_backend` is `pagefind`:
   `python -m generator.site.pagefind`, which indexes site/.
   Zensical builds always use the built-in search (the switch
   lives in the MkDocs hook, which Zensical does not run), so this script
   builds them with BRIEFING_SEARCH=lunr.

Steps 2 and 3 are skipped when nothing the site is built from changed since
its last complete build and site/ is as that build left it
(generator/speed/site_stamp.py; BRIEFING_STAMP=0 builds every time).

SITE_URL (the published address, e.g. https://USER.github.io/REPO/) is read
from the environment by mkdocs.yml; `--site-url` sets it.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("generator") is None:  # not installed: use this checkout
    sys.path.insert(0, str(ROOT))

from generator import settings  # noqa: E402  (BRIEFING_* variables: generator/settings.py)
BUILDERS = ("mkdocs", "zensical")


def builder_command(builder: str) -> list[str]:
    if builder == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return [sys.executable, "-m", "zensical", "build", "--strict"]


def _announce(cmd: list[str], note: str = "") -> None:
    """The `+ command` line a step prints before it runs (Python's own path shortened)."""
    print("+ " + " ".join(Path(c).name if c == sys.executable else c for c in cmd) + note, flush=True)


def _failed(cmd: list[str], status: int) -> SystemExit:
    return SystemExit(f"build_site: {' '.join(cmd[1:])} failed with status {status}")


def run(cmd: list[str], cwd: Path, env: dict[str, str], quiet: bool, tolerate: int | None = None) -> int:
    """Run one step; stop the build on failure, except on status `tolerate` (returned, output shown)."""
    if not quiet:
        _announce(cmd)
    started = time.monotonic()
    result = subprocess.run(cmd, cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE if quiet else None,
                            stderr=subprocess.STDOUT if quiet else None)
    if result.returncode != 0:
        if quiet and result.stdout:
            sys.stderr.write(result.stdout)
        if result.returncode != tolerate:
            raise _failed(cmd, result.returncode)
    if not quiet:
        print(f"  ({time.monotonic() - started:.1f}s)", flush=True)
    return result.returncode


class EarlyBuilder:
    """MkDocs, started before the pages are written. Its hook (generator/site/hook.py `_await_pages`)
    says `waiting` on a socket (BRIEFING_PAGES_READY_FD) and waits, before it reads a page or
    touches site/, for `go` or `stop`; a closed socket (this script stopped) means stop.

    Before `go` it has written nothing, so `stop` simply ends it. An MkDocs that ends without saying
    `waiting` (it failed to start: no docs dir yet, say) built nothing either: `go` then returns None
    and the step runs as usual, after the generator."""

    def __init__(self, cmd: list[str], project: Path, env: dict[str, str], builder: str) -> None:
        self.cmd, self.said_go = cmd, False
        from generator.speed.site_stamp import builder_inputs  # imported once needed: see `build`

        self.code = builder_inputs(project, builder, env)  # what this MkDocs runs and reads besides the pages
        self.sock, theirs = socket.socketpair()
        # its output waits in a file: read only once it ends, a pipe could fill while it builds
        self.out = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")
        try:
            self.proc = subprocess.Popen(cmd, cwd=project, env={**env, "BRIEFING_PAGES_READY_FD": str(theirs.fileno())},
                                         pass_fds=(theirs.fileno(),), text=True,
                                         stdout=self.out, stderr=subprocess.STDOUT)
        except BaseException:
            self.sock.close()
            self.out.close()
            raise
        finally:
            theirs.close()

    def still_current(self, project: Path, builder: str, env: dict[str, str]) -> bool:
        """Its code, configuration, theme overrides and hooks are as they were when it started."""
        from generator.speed.site_stamp import builder_inputs

        return builder_inputs(project, builder, env) == self.code

    def go(self, meanwhile=lambda: None) -> tuple[int, str] | None:
        """Let it build, running `meanwhile` while it does: its status and output; None when it ended
        without waiting (it built nothing)."""
        try:
            waiting = self.sock.makefile("rb").readline() == b"waiting\n"
            if waiting:
                self.sock.sendall(b"go\n")
                self.said_go = True
        except OSError:
            waiting = False
        self.sock.close()
        meanwhile()
        self.proc.wait()
        return (self.proc.returncode, self._output()) if waiting else None

    def _output(self) -> str:
        if self.out.closed:
            return ""
        self.out.seek(0)
        text = self.out.read()
        self.out.close()
        return text

    def stop(self) -> None:
        """End it: before `go` it has written nothing; after `go` (this script interrupted), as
        `subprocess.run` ends its child."""
        self.sock.close()
        if self.proc.returncode is None:
            if self.said_go:
                self.proc.terminate()
            else:
                self.proc.kill()
            self.proc.wait()
        self._output()


class Generator:
    """Step 1, started so that step 2 can begin as soon as every page is written: with `early`, the
    generator says `written` on a pipe (BRIEFING_PAGES_WRITTEN_FD) before it saves its caches and
    stamp. Its output goes where `run` sends a step's; `finish` waits for its status."""

    def __init__(self, cmd: list[str], cwd: Path, env: dict[str, str], quiet: bool, early: bool) -> None:
        self.cmd, self.quiet, self.status = cmd, quiet, None
        if not quiet:
            _announce(cmd)
        self.started = time.monotonic()
        self.out = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") if quiet else None
        self.written, theirs = os.pipe() if early else (None, None)
        try:
            self.proc = subprocess.Popen(
                cmd, cwd=cwd, env=env if theirs is None else {**env, "BRIEFING_PAGES_WRITTEN_FD": str(theirs)},
                pass_fds=() if theirs is None else (theirs,), text=True,
                stdout=self.out, stderr=subprocess.STDOUT if quiet else None)
        except BaseException:
            if self.written is not None:
                os.close(self.written)
            raise
        finally:
            if theirs is not None:
                os.close(theirs)

    def wait_for_pages(self) -> bool:
        """Until every page is written: whether it said so (False: it ended without saying so, or was
        not asked to)."""
        said = False
        if self.written is not None:
            with os.fdopen(self.written, "rb") as pipe:
                said = pipe.readline() == b"written\n"  # or nothing, at its end
            self.written = None
        return said

    def finish(self) -> int:
        """Its status, once it ended (its output shown as `run` shows a step's)."""
        self.wait_for_pages()
        if self.status is None:
            self.status = self.proc.wait()
            if self.out is not None:
                self.out.seek(0)
                output = self.out.read()
                self.out.close()
                if self.status != 0 and output:
                    sys.stderr.write(output)
            if not self.quiet:
                print(f"  ({time.monotonic() - self.started:.1f}s)", flush=True)
        return self.status

    def check(self, tolerate: int) -> int:
        """Its status; the build stops on failure, except on status `tolerate` (as `run`)."""
        status = self.finish()
        if status not in (0, tolerate):
            raise _failed(self.cmd, status)
        return status

    def stop(self) -> None:
        """End it, when the build stopped (as `subprocess.run` ends its child)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.written is not None:
            os.close(self.written)
            self.written = None


def runs_our_hook(project: Path) -> bool:
    """mkdocs.yml lists a hook that is the archive's (it imports generator.site.hook): only that MkDocs
    waits for the pages."""
    import yaml

    from generator.site.pagefind import read_config

    try:
        hooks = read_config(project / "mkdocs.yml").get("hooks") or []
        return any(isinstance(h, str) and "generator.site.hook" in (project / h).read_text(encoding="utf-8")
                   for h in hooks)
    except (OSError, UnicodeDecodeError, ValueError, AttributeError, TypeError, yaml.YAMLError):
        return False


def run_early(early: EarlyBuilder, cwd: Path, env: dict[str, str], quiet: bool,
              meanwhile=lambda: None) -> None:
    """Step 2 with the MkDocs started with step 1: `go`, `meanwhile` (the generator finishing), then
    as `run` reports a step (or `run` itself, when that MkDocs did not wait)."""
    started = time.monotonic()

    def header() -> None:
        meanwhile()
        if not quiet:
            _announce(early.cmd, "  (started with the generator)")

    done = early.go(meanwhile=header)
    if done is None:  # it built nothing: run it now
        run(early.cmd, cwd, env, quiet)
        return
    status, out = done
    if out and (not quiet or status != 0):
        (sys.stderr if quiet else sys.stdout).write(out)
    if status != 0:
        raise _failed(early.cmd, status)
    if not quiet:
        print(f"  ({time.monotonic() - started:.1f}s)", flush=True)


def build(project: Path, builder: str = "mkdocs", site_url: str | None = None, quiet: bool = False) -> Path:
    """Build `project`'s site with `builder`; returns the site directory."""
    if builder not in BUILDERS:
        raise SystemExit(f"build_site: unknown builder {builder!r} (choose from {', '.join(BUILDERS)})")
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["BRIEFING_SKIP_GENERATE"] = "1"  # step 1 generates; the MkDocs hook need not check again
    if site_url:
        env["SITE_URL"] = site_url
    site = project / "site"
    if builder == "zensical" and env.get("BRIEFING_SEARCH", "lunr") != "lunr":
        print("build_site: Zensical builds use the built-in search; ignoring BRIEFING_SEARCH="
              f"{env['BRIEFING_SEARCH']}", file=sys.stderr)
    if builder == "zensical":
        env["BRIEFING_SEARCH"] = "lunr"
    # An error means a file an editor wrote was ignored (a broken sidecar, a bad register entry):
    # the generator exits with status 1 for it, after writing every page; the site is still built
    # (so every message of every step is printed), then the build fails. Warnings and notes do not.
    early = generator = None
    start_early = builder == "mkdocs" and settings.current(env).early_builder and runs_our_hook(project)
    try:
        # the generator first: it is the longer step, and MkDocs only loads and waits until it is done;
        # the digest of MkDocs' inputs (and importing what takes it: site_stamp.py, imported where it is
        # used) held the generator back 0.08 s of a 7 s cold build, with the other core idle
        generator = Generator([sys.executable, "-m", "generator", "build", "--fail-on", "error"]
                              + (["--quiet"] if quiet else []), project, env, quiet, early=start_early)
        if start_early:
            early = EarlyBuilder(builder_command(builder), project, env, builder)
        if not generator.wait_for_pages():  # it ended without saying so (nothing changed, or it failed)
            generator.check(tolerate=1)
        if early is not None and not early.still_current(project, builder, env):  # it runs what was before
            early.stop()
            early = None
        if early is None:  # MkDocs runs after the generator, and only if it did not fail
            generator.check(tolerate=1)
        build_with_stamp(project, site, builder, env, quiet, early, meanwhile=generator.finish)
        generated = generator.check(tolerate=1)
    finally:
        if early is not None:
            early.stop()  # not needed, or this build stopped: it leaves without building
        if generator is not None:
            generator.stop()
    if generated:
        raise SystemExit(f"build_site: site built in {site}, but the generator exited with status 1: "
                         "errors above (files it ignored); fix them and build again")
    return site


def build_with_stamp(project: Path, site: Path, builder: str, env: dict[str, str], quiet: bool,
                     early: EarlyBuilder | None = None, meanwhile=lambda: None) -> None:
    """Steps 2 and 3, unless the site was last built from exactly these inputs and is intact
    (generator/speed/site_stamp.py; BRIEFING_STAMP=0 builds every time). `early`: the MkDocs of
    step 2, started already and waiting for the pages; `meanwhile` runs while it builds (before
    step 2 otherwise)."""
    from generator.speed.site_stamp import SiteStamp, site_inputs

    stamp = SiteStamp(project / ".cache" / f"site-{builder}.json", site)
    started_ns = time.time_ns()
    inputs = site_inputs(project, project / "content", builder, env)
    if settings.current(env).stamp and stamp.unchanged(inputs):
        if not quiet:
            print(f"build_site: {site} is up to date: nothing it is built from changed since its last build "
                  "(BRIEFING_STAMP=0 builds it anyway)", flush=True)
        return
    stamp.forget()  # a build that stops half-way leaves no stamp
    if builder == "zensical" and site.exists():
        shutil.rmtree(site)  # MkDocs cleans site/ itself; Zensical does not remove stale pages
    if early is not None:
        run_early(early, project, env, quiet, meanwhile)
    else:
        meanwhile()
        run(builder_command(builder), project, env, quiet)
    if builder == "mkdocs" and uses_pagefind(project, quiet):
        run([sys.executable, "-m", "generator.site.pagefind"], project, env, quiet)
    if not (site / "index.html").exists():
        raise SystemExit(f"build_site: {builder} wrote no {site / 'index.html'}")
    if settings.current(env).stamp:
        stamp.save(inputs, started_ns)


def uses_pagefind(project: Path, quiet: bool) -> bool:
    """Whether step 3 has work to do: mkdocs.yml's `extra.search_backend` is `pagefind` (its !ENV
    reads BRIEFING_SEARCH from this process's environment, which the MkDocs step inherits).
    Decided here, not by starting `python -m generator.site.pagefind` to be told that a lunr site
    needs nothing (a quarter of a second of every `make site`); a bad value is left to that step,
    which names the file and the setting."""
    import yaml

    from generator.site.pagefind import read_config, search_backend

    try:
        backend = search_backend(read_config(project / "mkdocs.yml"))
    except (OSError, ValueError, yaml.YAMLError):
        return True
    if backend != "pagefind" and not quiet:
        print(f"build_site: search backend is {backend}: no Pagefind index needed", flush=True)
    return backend == "pagefind"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builder", choices=BUILDERS, default=settings.current().builder,
                        help="static site builder (default: mkdocs, or $BRIEFING_BUILDER)")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="project directory with mkdocs.yml, seeds/ and content/ (default: this repository)")
    parser.add_argument("--site-url", help="published address; default $SITE_URL, else mkdocs.yml's default")
    parser.add_argument("--quiet", action="store_true", help="print the builders' output only on failure")
    args = parser.parse_args(argv)
    site = build(args.project.resolve(), args.builder, args.site_url, args.quiet)
    if not args.quiet:
        print(f"build_site: the {args.builder} site is in {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
