"""Where a project's files live, and the one error that says the build looked in the wrong place."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """Where things live; every path defaults to the conventional layout under `root`."""

    root: Path = Path(".")
    seeds: Path | None = None
    docs: Path | None = None
    register: Path | None = None
    cache: Path | None = None

    @property
    def seeds_dir(self) -> Path:
        return self.seeds or self.root / "seeds"

    @property
    def docs_dir(self) -> Path:
        return self.docs or self.root / "content"

    @property
    def register_file(self) -> Path:
        return self.register or self.root / "register.yml"

    @property
    def cache_file(self) -> Path:
        return self.cache or self.root / ".cache" / "extractions.pickle"

    @property
    def stamp_file(self) -> Path:
        return self.cache_file.with_name("last-build.json")


class ProjectError(Exception):
    """The project is not where the build looked: nothing was read or written. One line."""


def require_seeds(project: Project) -> None:
    """Stop before writing anything when there is no seeds folder (run from the wrong directory).

    Without this, a build anywhere wrote an empty archive there (content/, .cache/) and said so
    as if all went well.
    """
    seeds = project.seeds_dir
    if seeds.is_dir():
        return
    where = seeds.resolve()
    if project.seeds is None:
        raise ProjectError(f"no seeds/ folder in {where.parent}: run this in the project folder "
                           "(the one with seeds/ and mkdocs.yml) or pass --root DIR; nothing was written")
    raise ProjectError(f"no seeds folder at {where}: nothing was written")
