"""An editor's sidecar corrects what extraction decided: drop, retype or add an actor or base, set a speaker.

The article below is composed for these tests; its extraction is written out
by hand, so the tests check the corrections alone, whatever the extractor
finds. Each row: the sidecar, then what the article's actors, bases, held
candidates and quote speakers are afterwards, and the problem reported.
"""
from pathlib import Path

import pytest

from generator.extract.corrections import EDITOR, apply_corrections
from generator.models import Extraction, Mention, Quote
from generator.read.seeds import load_sidecar
from generator.read.register import load_register

P0 = ("NAIROBI (Wire) - Colonel Ruth Amani said on Tuesday that \u201cthe convoy was never at risk\u201d after "
      "a raid near Camp Baridi.")
P1 = ("The Coastal Guard Unit said \u201cwe are reviewing the footage\u201d in a statement. The Harbour Authority "
      "did not comment.")
P2 = "Peter Lomu, a local elder, said he saw the smoke. Fort Kilele was not affected."

EXTRACTION = Extraction(
    title="Convoy raid near the coast",
    date=None,
    dateline=None,
    paragraphs=(P0, P1, P2),
    actors=(
        Mention("Ruth Amani", "person", ("Colonel Ruth Amani", "Amani"), (P0,), evidence=("title", "speaks")),
        Mention("Coastal Guard Unit", "organization", ("Coastal Guard Unit",), (P1.split(". ")[0] + ".",),
                registered=True, evidence=("register",)),
        Mention("Camp Baridi", "organization", ("Camp Baridi",), (P0,), evidence=("org-noun",)),
    ),
    bases=(Mention("Fort Kilele", "base", ("Fort Kilele",), ("Fort Kilele was not affected.",),
                   evidence=("installation",)),),
    quotes=(Quote("the convoy was never at risk", "Ruth Amani", 0),
            Quote("we are reviewing the footage", None, 1)),
    held=(Mention("Peter Lomu", "person", ("Peter Lomu",), ("Peter Lomu, a local elder, said he saw the smoke.",),
                  evidence=("speaks",)),),
)

REGISTER = """\
actors:
  - name: Coastal Guard Unit
    type: organization
  - name: Harbour Authority
    type: organization
    aliases: [Port Authority]
"""

BEFORE = {
    "actors": {"Ruth Amani": "person", "Coastal Guard Unit": "organization", "Camp Baridi": "organization"},
    "bases": ["Fort Kilele"],
    "held": ["Peter Lomu"],
    "speakers": ["Ruth Amani", None],
}


def changed(**fields):
    return {**BEFORE, **fields}


def summary(ex: Extraction) -> dict:
    return {"actors": {m.name: m.type for m in ex.actors}, "bases": [m.name for m in ex.bases],
            "held": [m.name for m in ex.held], "speakers": [q.speaker for q in ex.quotes]}


def correct(tmp_path: Path, sidecar_text: str):
    path = tmp_path / "a.yml"
    path.write_text(sidecar_text, encoding="utf-8")
    sidecar, problems = load_sidecar(path, "seeds/a.yml")
    assert problems == [], [str(p) for p in problems]
    (tmp_path / "register.yml").write_text(REGISTER, encoding="utf-8")
    register, _ = load_register(tmp_path / "register.yml")
    return apply_corrections(EXTRACTION, sidecar, register)


CASES = [
    # drop: by name or any spelling, ignoring case; an actor's quotes lose their speaker with it
    ("actors:\n  drop: [colonel ruth amani]\n",
     changed(actors={"Coastal Guard Unit": "organization", "Camp Baridi": "organization"}, speakers=[None, None]),
     None),
    ("bases:\n  drop: [FORT KILELE]\n", changed(bases=[]), None),
    ("actors: {drop: [Peter Lomu]}\n", changed(held=[]), None),  # a held candidate: no longer listed for review
    ("actors:\n  drop: [Forward Operating Base]\n", BEFORE,
     "seeds/a.yml:2: warning: actors.drop[0]: 'Forward Operating Base' is not an actor of this article"),
    ("bases: {drop: [Ruth Amani]}\n", BEFORE, "seeds/a.yml:1: warning: bases.drop[0]: 'Ruth Amani' is not a base"),
    # retype: within the actors, or across to the bases and back
    ("actors:\n  retype: {Amani: organization}\n",
     changed(actors={**BEFORE["actors"], "Ruth Amani": "organization"}), None),
    ("actors:\n  retype: {Camp Baridi: base}\n",
     changed(actors={"Ruth Amani": "person", "Coastal Guard Unit": "organization"},
             bases=["Fort Kilele", "Camp Baridi"]), None),
    ("actors:\n  retype: {Ruth Amani: base}\n",
     changed(actors={"Coastal Guard Unit": "organization", "Camp Baridi": "organization"},
             bases=["Fort Kilele", "Ruth Amani"], speakers=[None, None]), None),
    ("bases:\n  retype: {Fort Kilele: organization}\n",
     changed(actors={**BEFORE["actors"], "Fort Kilele": "organization"}, bases=[]), None),
    ("actors:\n  retype: {Coastal Guard Unit: person}\n", BEFORE,
     "seeds/a.yml:2: warning: actors.retype.Coastal Guard Unit: 'Coastal Guard Unit' is an organization in the "
     "register, which decides its type"),
    ("actors:\n  retype: {Ruth Amani: person}\n", BEFORE, "'Ruth Amani' is already a person"),
    ("actors:\n  retype: {Nobody: person}\n", BEFORE, "actors.retype.Nobody: 'Nobody' is not an actor"),
    # add: a name the text gives; a held candidate is promoted
    ("actors:\n  add: [{name: Harbour Authority, type: organization}]\n",
     changed(actors={**BEFORE["actors"], "Harbour Authority": "organization"}), None),
    ("actors:\n  add: [{name: peter lomu, type: person}]\n",
     changed(actors={**BEFORE["actors"], "Peter Lomu": "person"}, held=[]), None),
    ("bases:\n  add: [Camp Baridi]\n", changed(bases=["Fort Kilele", "Camp Baridi"]), None),
    ("actors:\n  add:\n    - {name: Sam Okiding, type: person}\n", BEFORE,
     "seeds/a.yml:3: warning: actors.add[0]: 'Sam Okiding' is not named in the article's text; not added"),
    ("actors:\n  add: [{name: Amani, type: organization}]\n", BEFORE,
     "'Amani' is already an actor of this article (as 'Ruth Amani', person); to make it an organization, use "
     "actors.retype"),
    # quotes: matched by their first words; a speaker is an actor of the article, a held one, or registered
    ("quotes:\n  - {text: We are reviewing, speaker: Coastal Guard Unit}\n",
     changed(speakers=["Ruth Amani", "Coastal Guard Unit"]), None),
    ("quotes:\n  - {text: \u201cthe  CONVOY, speaker: null}\n", changed(speakers=[None, None]), None),
    ("quotes:\n  - {text: we are, speaker: Colonel Ruth Amani}\n", changed(speakers=["Ruth Amani", "Ruth Amani"]),
     None),
    ("quotes:\n  - {text: we are, speaker: Peter Lomu}\n",
     changed(actors={**BEFORE["actors"], "Peter Lomu": "person"}, held=[], speakers=["Ruth Amani", "Peter Lomu"]),
     None),
    ("quotes:\n  - {text: we are, speaker: Port Authority}\n",
     changed(actors={**BEFORE["actors"], "Harbour Authority": "organization"},
             speakers=["Ruth Amani", "Harbour Authority"]), None),
    ("quotes:\n  - {text: a sad day, speaker: Ruth Amani}\n", BEFORE,
     "seeds/a.yml:2: warning: quotes[0]: no quote of this article starts with 'a sad day'"),
    ("quotes:\n  - {text: we are, speaker: Sam Okiding}\n", BEFORE,
     "quotes[0]: 'Sam Okiding' is not an actor of this article"),
    # an actor the same sidecar drops and adds back under another type; a speaker it adds
    ("actors:\n  add: [{name: Harbour Authority, type: organization}]\n"
     "quotes: [{text: we are, speaker: harbour authority}]\n",
     changed(actors={**BEFORE["actors"], "Harbour Authority": "organization"},
             speakers=["Ruth Amani", "Harbour Authority"]), None),
]


@pytest.mark.parametrize("sidecar_text,expected,problem", CASES)
def test_corrections(tmp_path, sidecar_text, expected, problem):
    corrected, problems = correct(tmp_path, sidecar_text)
    assert summary(corrected) == expected
    if problem is None:
        assert problems == [], [str(p) for p in problems]
    else:
        assert len(problems) == 1 and problem in str(problems[0]), [str(p) for p in problems]


def test_one_bad_correction_does_not_stop_the_others(tmp_path):
    corrected, problems = correct(tmp_path, "actors:\n  drop: [Nobody, Camp Baridi]\n  retype: {Ghost: person}\n")
    assert "Camp Baridi" not in summary(corrected)["actors"]
    assert [(p.line, p.field) for p in problems] == [(2, "actors.drop[0]"), (3, "actors.retype.Ghost")]


@pytest.mark.parametrize("sidecar_text,name,sentences,evidence", [
    # promoted from held: keeps extraction's evidence and sentences
    ("actors: {add: [{name: Peter Lomu, type: person}]}\n", "Peter Lomu",
     ("Peter Lomu, a local elder, said he saw the smoke.",), ("speaks", EDITOR)),
    # added from the text: the sentences that name it, by any registered spelling
    ("actors: {add: [{name: Port Authority, type: organization}]}\n", "Harbour Authority",
     ("The Harbour Authority did not comment.",), (EDITOR,)),
])
def test_added_entities_carry_their_evidence(tmp_path, sidecar_text, name, sentences, evidence):
    corrected, problems = correct(tmp_path, sidecar_text)
    mention = next(m for m in corrected.actors if m.name == name)
    assert problems == [] and mention.sentences == sentences and mention.evidence == evidence


def test_an_added_registered_name_is_registered(tmp_path):
    corrected, _ = correct(tmp_path, "actors: {add: [{name: Port Authority, type: organization}]}\n")
    mention = next(m for m in corrected.actors if m.name == "Harbour Authority")
    assert mention.registered and mention.aliases == ("Harbour Authority",)


def test_no_corrections_leave_the_extraction_as_it_is(tmp_path):
    corrected, problems = correct(tmp_path, "title: Only a title\n")
    assert corrected is EXTRACTION and problems == []


@pytest.mark.parametrize("sidecar_text,expect", [
    ("actors:\n  dorp: [A]\n", "x.yml:2: error: actors.dorp: unknown field, ignored; did you mean 'drop'?"),
    ("actor:\n  drop: [A]\n", "did you mean 'actors'?"),
    ("actors:\n  retype: {A: persn}\n", "x.yml:2: error: actors.retype.A: 'persn' is not one of"),
    ("actors:\n  add: [{name: A}]\n", "x.yml:2: error: actors.add[0]: 'type' is a required property"),
    ("actors:\n  add: [{name: A, type: base}]\n", "actors.add[0].type: 'base' is not one of"),
    ("bases:\n  add: [[A]]\n", "bases.add[0]: ['A'] is not of type 'string'"),
    ("quotes:\n  - {text: hi}\n", "x.yml:2: error: quotes[0]: 'speaker' is a required property"),
    ("quotes:\n  - {text: hi, speker: A, speaker: B}\n", "did you mean 'speaker'?"),
    ("quotes:\n  - {text: '  ', speaker: A}\n", "quotes[0].text: '  ' does not match: must contain text"),
    ("actors:\n  drop: A\n", "actors.drop: 'A' is not of type 'array'"),
])
def test_bad_corrections_name_file_line_and_field(tmp_path, sidecar_text, expect):
    path = tmp_path / "x.yml"
    path.write_text(sidecar_text, encoding="utf-8")
    _, problems = load_sidecar(path, "x.yml")  # (test_inputs: the bad correction is not applied, the rest is)
    assert any(expect in str(p) for p in problems), [str(p) for p in problems]
