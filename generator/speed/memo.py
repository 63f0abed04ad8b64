"""What a long-lived process (the MkDocs hook under `mkdocs serve`) keeps between builds.

- The parsed register, while register.yml keeps its size and mtime.
- The pages it last wrote into a docs dir, so a small edit can first re-render only the edited
  articles' own pages (`QuickRender`), finding only their related coverage (`QuickRelated`):
  `mkdocs serve` then shows the edit within seconds, and a full render follows a moment later
  (generator/site/hook.py). A quick pass writes only the pages it changed (`changed_since_written`).
- For the next server: the articles of the last complete build (a server's or `make site`'s), on disk
  (`keep_on_disk`), which that server reads back with the pages (`restore`) when nothing changed
  since, or only a few seeds it then brings in as a quick pass, instead of generating the whole
  archive again to hold it in memory.
"""
from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from generator.index.related import Vectors, neighbourhood, related_to, word_counts
from generator.models import Archive, Article, Page
from generator.problems import Problem
from generator.read import read_register
from generator.read.register import Register
from generator.render import render_article
from generator.speed.freshness import IMPORTED_CODE
from generator.write.journal import AS_ON_DISK, atomic_write, manifest_files

_registers: dict[Path, tuple[tuple, Register, list[Problem]]] = {}


def cached_register(path: Path, read=read_register) -> tuple[Register, list[Problem]]:
    """A read step for the register, in place of `read_register`: `read` (read_register, or the
    stored register of speed/register_cache.py) asked again only when the file's size or time changed."""
    try:
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = None
    key = path.resolve()
    hit = _registers.get(key)
    if stamp is not None and hit and hit[0] == stamp:
        return hit[1], list(hit[2])
    register, problems = read(path)
    if stamp is not None:
        _registers.clear()
        _registers[key] = (stamp, register, list(problems))
    return register, problems


@dataclass
class Written:
    """What this process last wrote into one docs dir."""

    articles: dict[str, Article]  # stem -> Article
    pages: dict[str, object]  # path -> text, every page written (AS_ON_DISK: read back)
    asked: tuple | None = field(default=None, compare=False)  # `edited`'s last answer: (articles, max, stems)


_written: dict[Path, Written] = {}


def remember(docs: Path, archive: Archive, pages: list[Page]) -> None:
    _written[docs.resolve()] = Written({a.stem: a for a in archive.articles}, {p.path: p.text for p in pages})


def last_written(docs: Path) -> Written | None:
    """What this process last wrote into `docs` (None: nothing yet)."""
    return _written.get(docs.resolve())


def forget(docs: Path) -> None:
    _written.pop(docs.resolve(), None)


def keep_on_disk(path: Path, inputs: str, outputs: str, archive: Archive, rows: dict[str, str]) -> None:
    """After a complete build left the stamp (`inputs`, `outputs` its digests): its articles, so that
    the next server can `restore` them instead of running the whole generator to hold them (half a
    minute at 10,000 articles, on one core, while an edit saved meanwhile waits). A serving
    process's build and a one-off's (`make site`, after it said its pages are written, while MkDocs
    builds them: 30 MB and about 0.5 s at 10,000 articles) keep them alike. The pages need not be
    kept: they are the docs dir's files, which the stamp's outputs digest vouches for. `rows` are the input files' stat rows
    (freshness.input_rows), by which the next server tells how many seeds changed since."""
    try:
        atomic_write(path, pickle.dumps({"code": IMPORTED_CODE, "inputs": inputs, "outputs": outputs,
                                         "rows": rows, "articles": archive.articles},
                                        protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        pass  # the next server generates instead


def restore(docs: Path, path: Path, made_by: tuple[str, str] | None,
            changed_since: Callable[[dict[str, str]], set[str] | None] = lambda rows: set()) -> bool:
    """Remember `docs` with the articles the last complete build kept (`keep_on_disk`)
    and every page the docs dir holds now (AS_ON_DISK), as `remember` would have. `made_by`: the (inputs,
    outputs) digests of the stamp's build, whose articles they must be (the caller has checked that
    the docs dir is as that build left it); None: whichever build kept them (no build left
    a stamp since: a quick pass whose rest was not written, whose pages are those read back).
    `changed_since(rows)`, given the input rows that build read, names the articles (stems) changed
    since: they are left out, so a quick pass renders their pages again whatever their text (a quick
    pass since may have written a page their kept article does not match); None refuses. False
    when no articles were kept (BRIEFING_CACHE=0 made the stamp's build), another version of the
    generator kept them, they cannot be read, or `changed_since` refuses."""
    try:
        with open(path, "rb") as fh:
            kept = pickle.load(fh)
    except Exception:  # missing, damaged, or from code that no longer unpickles: generate instead
        return False
    if not isinstance(kept, dict) or kept.get("code") != IMPORTED_CODE:
        return False  # another version's articles (their fields may differ)
    if made_by is not None and (kept.get("inputs"), kept.get("outputs")) != made_by:
        return False  # another build's
    changed = changed_since(kept["rows"]) if isinstance(kept.get("rows"), dict) else None
    if changed is None:
        return False
    # the pages are the docs dir's files, not read (18,000 files, 2 s at 10,000 articles): a quick
    # pass writes only the pages it renders again, and the full pass reads and compares every one
    pages = dict.fromkeys(sorted(manifest_files(docs)), AS_ON_DISK)
    _written[docs.resolve()] = Written({a.stem: a for a in kept["articles"] if a.stem not in changed}, pages)
    return True


def changed_since_written(docs: Path, pages: list[Page]) -> list[Page]:
    """The pages whose text is not what this process last wrote into `docs` (all, when it wrote
    none there): a quick pass writes only these, instead of comparing every page of the archive
    with its file (about 2 s at 10,000 articles); the full pass after it compares them all."""
    memo = last_written(docs)
    if memo is None:
        return pages
    return [p for p in pages if memo.pages.get(p.path) != p.text]


class QuickRender:
    """A render step for the pipeline that, after a small edit, re-renders only the edited articles'
    own pages, every other page keeping the text this process last wrote into `docs` (or, read
    back by `restore`, its file's: AS_ON_DISK); otherwise
    (nothing written there yet, nothing or more than `max_changed` articles changed) it is `full`.

    `partial` says which it did. The pages that depend on the edit less directly (its actors' and
    bases' pages, the indexes, other articles' "related coverage", the exports) are brought up to
    date by the full render that follows a moment later. An article whose title changed gets its
    new page at once; its old page stays until the full render, so no link breaks meanwhile.
    """

    def __init__(self, docs: Path, max_changed: int, full):
        self.memo, self.max_changed, self.full = last_written(docs), max_changed, full
        self.partial = False

    def __call__(self, archive: Archive) -> list[Page]:
        changed = edited(self.memo, archive.articles, self.max_changed)
        if changed is None:
            return self.full(archive)
        new = {a.stem: a for a in archive.articles}
        pages = dict(self.memo.pages)
        for stem in changed:
            if stem in new:
                page = render_article(new[stem], archive)
                pages[page.path] = page.text
        self.partial = True
        return [Page(path, text) for path, text in sorted(pages.items())]

    def save(self) -> None:
        """What the full render learned (speed.keep())."""
        save = getattr(self.full, "save", None)
        if save is not None:
            save()


def edited(memo: Written | None, articles, max_changed: int) -> list[str] | None:
    """The stems of the articles added, removed or changed since `memo` was written, when they are
    few enough for a quick pass (1 to `max_changed`); None otherwise (a full render is due). The
    quick steps all decide by this, on the same articles, so they agree; it is worked out once for
    them all (comparing 10,000 articles takes 0.1 s)."""
    if memo is None:
        return None
    if memo.asked is not None and memo.asked[0] is articles and memo.asked[1] == max_changed:
        return None if memo.asked[2] is None else list(memo.asked[2])
    new = {a.stem: a for a in articles}
    changed = [s for s in sorted(new.keys() | memo.articles.keys()) if new.get(s) != memo.articles.get(s)]
    answer = changed if 0 < len(changed) <= max_changed else None
    memo.asked = (articles, max_changed, None if answer is None else tuple(answer))
    return answer


class QuickRelated:
    """A related-coverage step for the quick pass: when `QuickRender` will re-render only the edited
    articles' pages, only their related coverage is found (exactly: against the whole archive), the
    other articles' pages being the ones this process last wrote; otherwise it is `full`."""

    def __init__(self, docs: Path, max_changed: int, full):
        self.memo, self.max_changed, self.full = last_written(docs), max_changed, full
        self.terms = KeptTerms.of(docs.resolve())

    def __call__(self, articles, shared_statements, vectors=None, meanwhile=None) -> dict:
        changed = edited(self.memo, articles, self.max_changed)
        if changed is None:
            return self.full(articles, shared_statements, vectors, meanwhile)
        if meanwhile is not None:
            meanwhile()
        near, wanted = neighbourhood(articles, shared_statements, self.terms, vectors), set(changed)
        self.terms.forget_all_but(articles)
        return {a.stem: related_to(a, near) for a in articles if a.stem in wanted}


def word_vectors(terms=word_counts, fill: bool = True):
    """A word-vectors step (related.py `Vectors`) that counts each article's words through `terms`
    (`KeptTerms` in a long-lived process: a serving process's every pass counted 10,000 articles'
    words again, 1.2 s) and, with `fill`, works out every article's vector at once (0.6 s at 10,000
    articles): the pipeline asks for them while the statements are grouped, and related coverage
    for the whole archive reads them all (a quick pass reads a few: no `fill`)."""
    def vectors(articles) -> Vectors:
        found = Vectors(articles, terms)
        if isinstance(terms, KeptTerms):
            terms.forget_all_but(articles)
        if fill:
            found.fill()
        return found

    vectors.terms = terms  # speed.keep() saves what a stored one learned
    return vectors


class KeptTerms:
    """Each article's word counts (related.py `word_counts`), kept by this process while its title and
    paragraphs stay the same: the quick pass weighs one article's words against the whole archive's,
    and counting every article's words again took 2 s of each edit at 10,000 articles."""

    _by_docs: dict[Path, KeptTerms] = {}

    def __init__(self) -> None:
        self.kept: dict[str, tuple] = {}  # stem -> (title, paragraphs, counts)

    @classmethod
    def of(cls, docs: Path) -> KeptTerms:
        return cls._by_docs.setdefault(docs, cls())

    def __call__(self, article) -> Counter:
        kept = self.kept.get(article.stem)
        if kept is not None and kept[0] == article.title and kept[1] == article.paragraphs:
            return kept[2]
        counts = word_counts(article)
        self.kept[article.stem] = (article.title, article.paragraphs, counts)
        return counts

    def forget_all_but(self, articles) -> None:
        if len(self.kept) > len(articles):
            stems = {a.stem for a in articles}
            self.kept = {stem: kept for stem, kept in self.kept.items() if stem in stems}
