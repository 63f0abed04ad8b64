"""The quick pass's events (speed/quick_events.py): after a small edit, only the edited articles' places
are gathered, and every event their pages list is the one the whole archive's events give."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator import pipeline, settings, speed
from generator.index.events import build_events
from generator.project import Project
from generator.render.pages import event_summary
from generator.speed import memo
from generator.speed.quick_events import QuickEvents, neighbouring_places

from project_files import use_synthetic_seeds

BASE_REPORT = "00004_49d4f15e229e2ef1"  # one of four reports of a drone strike at Hodeidah (corpus seed 2024)
OTHER_BASE = "Erbil Air Base"  # the place of other events of the corpus


@pytest.fixture
def corpus(project_copy: Path):
    project = Project(root=use_synthetic_seeds(project_copy, 40))
    yield project
    memo.forget(project.docs_dir)


def _events_arguments(project: Project) -> tuple:
    """What the pipeline hands its events step: (articles, register, edits, statement_of, incidents_of)."""
    seen = {}

    def capture(*args, **kwargs):
        seen["args"] = args
        return build_events(*args, **kwargs)

    steps = dataclasses.replace(speed.steps(project, settings.current()), events=capture)
    out = pipeline.run(project, steps, render=False)
    return seen["args"] + (out.archive,)


def _full_pass_written(project: Project) -> None:
    """A serving process's full pass: every event made (the places kept), its pages written (the memo)."""
    *arguments, archive = _events_arguments(project)
    QuickEvents(project.docs_dir)(*arguments)
    memo.remember(project.docs_dir, archive, [])


def _quick_and_whole(project: Project) -> tuple:
    """The quick pass's step (which says whether it was quick), its events and problems, and the whole
    archive's, on the project as it is now."""
    *arguments, _ = _events_arguments(project)
    quick = QuickEvents(project.docs_dir, max_changed=20)
    return quick, quick(*arguments), build_events(*arguments)


def _fields(event, leave_out=()) -> tuple:
    return tuple(getattr(event, f.name) for f in dataclasses.fields(event) if f.name not in leave_out)


def _listed(events, stem: str) -> list:
    """The events an article's page lists: as its page prints them, and every field but the links
    between events (not on it) and the id (see `test_one_paragraph_at_two_places...`)."""
    return [(event_summary(e), _fields(e, ("related", "id"))) for e in events
            if any(r.article.stem == stem for r in e.reports)]


def _seed(project: Project, stem: str) -> Path:
    return project.seeds_dir / f"{stem}.txt"


def _add_sentence(project: Project) -> list[str]:
    seed = _seed(project, BASE_REPORT)
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOfficials gave no further details.\n", encoding="utf-8")
    return [BASE_REPORT]


def _move_to_another_base(project: Project) -> list[str]:
    seed = _seed(project, BASE_REPORT)
    seed.write_text(seed.read_text(encoding="utf-8").replace("Port of Hodeidah", OTHER_BASE)
                    .replace("Hodeidah port", OTHER_BASE).replace("Hodeidah", OTHER_BASE), encoding="utf-8")
    return [BASE_REPORT]


def _remove_one_and_edit_another(project: Project) -> list[str]:
    _seed(project, "00003_6e80e089609e3832").unlink()
    return _add_sentence(project)


def _retype_in_a_sidecar_and_a_faulty_sidecar_elsewhere(project: Project) -> list[str]:
    project.seeds_dir.joinpath(f"{BASE_REPORT}.yml").write_text("events:\n  - retype: Rocket/missile attack\n",
                                                               encoding="utf-8")
    project.seeds_dir.joinpath("00011_d144c829b988a671.yml").write_text(
        "events:\n  - sentence: No report starts with these words\n    type: Drone strike\n", encoding="utf-8")
    return _add_sentence(project)


@pytest.mark.parametrize("edit", [_add_sentence, _move_to_another_base, _remove_one_and_edit_another,
                                  _retype_in_a_sidecar_and_a_faulty_sidecar_elsewhere])
def test_the_quick_pass_lists_the_events_the_whole_archive_gives(corpus, edit):
    _full_pass_written(corpus)
    edited = edit(corpus)
    quick, (events, problems), (every_event, every_problem) = _quick_and_whole(corpus)
    assert quick.quick
    assert len(events) < len(every_event)  # only the edited article's places were gathered
    for stem in edited:
        assert _listed(events, stem) == _listed(every_event, stem) != []
    assert [str(p) for p in problems] == [str(p) for p in every_problem]
    assert bool(every_problem) == (edit is _retype_in_a_sidecar_and_a_faulty_sidecar_elsewhere)


def test_a_report_moved_back_joins_the_event_of_the_other_reports_there(corpus):
    """The case the quick pass must not miss: the edited article's report now belongs to other articles' event."""
    seed = _seed(corpus, BASE_REPORT)
    text = seed.read_text(encoding="utf-8")
    _move_to_another_base(corpus)
    _full_pass_written(corpus)
    seed.write_text(text, encoding="utf-8")
    quick, (events, _), (every_event, _) = _quick_and_whole(corpus)
    assert quick.quick
    listed = [e for e in events if any(r.article.stem == BASE_REPORT for r in e.reports)]
    assert [(e.base, len(e.reports)) for e in listed] == [("Hodeidah", 4)]
    assert _listed(events, BASE_REPORT) == _listed(every_event, BASE_REPORT)


def _change_the_register(project: Project) -> None:
    register = project.register_file
    register.write_text(register.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def _merge_in_a_sidecar(project: Project) -> None:
    project.seeds_dir.joinpath("00012_832904583217f48d.yml").write_text(
        "events:\n  - merge: 00030_ac11b9abf9310e85\n", encoding="utf-8")


def _nothing_written_since(project: Project) -> None:
    memo.forget(project.docs_dir)


def _more_than_the_quick_pass_takes(project: Project) -> None:
    for i, seed in enumerate(sorted(project.seeds_dir.glob("*.txt"))[:25]):  # quick_max_changed is 20
        seed.write_text(seed.read_text(encoding="utf-8") + f"\nOfficials gave no details ({i}).\n", encoding="utf-8")


@pytest.mark.parametrize("why", [_change_the_register, _merge_in_a_sidecar, _nothing_written_since,
                                 _more_than_the_quick_pass_takes])
def test_every_event_is_made_when_the_places_kept_may_not_hold(corpus, why):
    """Another register (a place depends on it), a sidecar's merge (it may join two places), no pages
    written by this process (no quick render follows), or more edits than a quick pass takes: every
    event, as the plain step makes them."""
    _full_pass_written(corpus)
    _add_sentence(corpus)
    why(corpus)
    quick, found, (every_event, every_problem) = _quick_and_whole(corpus)
    assert not quick.quick
    assert list(map(_fields, found[0])) == list(map(_fields, every_event)) and [str(p) for p in found[1]] == [str(p) for p in every_problem]


@pytest.mark.parametrize("places, known, wanted", [
    ({"base:Al Asad"}, {"base:Al Asad", "base:Erbil"}, {"base:Al Asad"}),
    # "al-asad" + "drone-strike" and "al-asad-drone" + "strike" name one page alike
    ({"base:Al Asad"}, {"base:Al Asad Drone", "base:Erbil"}, {"base:Al Asad", "base:Al Asad Drone"}),
    ({"base:Al Asad Drone"}, {"base:Al Asad", "base:Al"}, {"base:Al Asad Drone", "base:Al Asad", "base:Al"}),
    ({"side:Iraq"}, {"base:Iraq", "side:Iran"}, {"side:Iraq", "base:Iraq"}),  # one place, two kinds of report
    ({"base:Al-Asad"}, {"base:Al Asad"}, {"base:Al-Asad", "base:Al Asad"}),  # alike once made page names
])
def test_places_whose_event_pages_could_share_a_name_are_gathered_together(places, known, wanted):
    assert neighbouring_places(places, known) == wanted


def test_an_edit_undone_after_a_pass_that_was_not_written_reads_the_article_again(corpus):
    """A quick pass that read an edit but whose pages were not written (it gave way to a newer edit):
    the article is then as the pages written say, but not as the places kept say. Undone, it is read
    again, though it is not among the pages the next quick pass renders."""
    _full_pass_written(corpus)
    seed = _seed(corpus, BASE_REPORT)
    text = seed.read_text(encoding="utf-8")
    _move_to_another_base(corpus)
    unwritten = QuickEvents(corpus.docs_dir, max_changed=20)
    unwritten(*_events_arguments(corpus)[:5])  # its pages are never written: the memo stays as it was
    assert unwritten.quick
    seed.write_text(text, encoding="utf-8")  # undone
    other = "00002_2612be390967ffea"  # another report of the Hodeidah strike
    _seed(corpus, other).write_text(_seed(corpus, other).read_text(encoding="utf-8") + "\nNo more.\n",
                                    encoding="utf-8")
    quick, (events, _), (every_event, _) = _quick_and_whole(corpus)
    assert quick.quick
    assert _listed(events, other) == _listed(every_event, other)
    assert [len(e.reports) for e in events if any(r.article.stem == other for r in e.reports)] == [4]


def test_one_paragraph_at_two_places_prints_the_same_events_though_their_ids_may_be_numbered_apart(tmp_path):
    """One paragraph reporting incidents at two bases anchors two events alike (events.py `_finish`
    numbers the second, in the places' order). The quick pass may gather only one of the places; the
    article pages print no id, and print the same events."""
    import datetime as dt

    from generator.models import Article
    from test_events import ALL, ASAD, HARIR, REGISTER

    def article(stem, text, day):
        return Article(stem, f"a/{stem}.md", stem, dt.date(2023, 10, day), None, "Outlet", None, (text,), (), ALL,
                       (ASAD, HARIR), ())

    both = article("z", "A drone struck Ain al-Asad on Tuesday, officials said. Two Katyusha rockets "
                        "targeted Harir late on Monday.", 23)
    before = (both, article("y", "Two Katyusha rockets targeted Harir late on Monday.", 24),
              article("w", "A drone struck Ain al-Asad on Tuesday, officials said.", 24))
    after = (both, article("y", "Two Katyusha rockets targeted Harir late on Monday. Nothing more.", 24), before[2])
    docs = tmp_path / "docs"
    QuickEvents(docs)(before, REGISTER)
    memo._written[docs.resolve()] = memo.Written({a.stem: a for a in before}, {})
    try:
        quick = QuickEvents(docs, max_changed=20)
        events, _ = quick(after, REGISTER)
        every_event, _ = build_events(after, REGISTER)
        assert quick.quick
        assert _listed(events, "y") == _listed(every_event, "y") != []
    finally:
        memo.forget(docs)
