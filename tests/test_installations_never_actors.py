"""A base or airfield the register does not know is a base, never an actor (issue 12, item 5).

An archive is built from articles naming unknown installations in every shape an editor meets
("Camp X", "X Air Base", "Forward Operating Base X", "Fort X", ...), in the places where a name
most often reads as an actor: the subject of "said", after "according to", beside a spokesman.
None may get an actor page, be listed under People or Organisations, or appear on its own base
page as an actor "mentioned with" itself.
"""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from project_files import copy_project

pytestmark = pytest.mark.e2e

# (name as written, article sentences naming it); every name is unknown to the project's register.
INSTALLATIONS = [
    ("Camp Lemonnier", "Camp Lemonnier said in a statement that its air defences intercepted two drones. "
                       "A spokesman for Camp Lemonnier declined to comment."),
    ("Camp Zephyr", "Rockets struck Camp Zephyr on Tuesday, according to Camp Zephyr. "
                    "\u201cWe were hit twice,\u201d Camp Zephyr said. Camp Zephyr's commander was unhurt."),
    ("Zouerat Air Base", "Zouerat Air Base reported no casualties after the attack on Zouerat Air Base. "
                         "Zouerat air base spokesman Ahmed Vall said the runway was intact."),
    ("Quillon Airbase", "Drones targeted Quillon Airbase overnight, Quillon Airbase said."),
    ("Marrak Airfield", "Marrak Airfield was shelled twice, and Marrak Airfield officials said two hangars burned."),
    ("Forward Operating Base Falcon", "Forward Operating Base Falcon came under mortar fire, "
                                      "Forward Operating Base Falcon said in a brief statement."),
    ("Tessalit Garrison", "Tessalit Garrison said it repelled an assault. Militants attacked Tessalit Garrison at dawn."),
    ("Fort Granite", "Fort Granite announced new security measures after the attack on Fort Granite."),
    ("Kassala Military Airport", "Kassala Military Airport said flights were suspended after drones hit "
                                 "Kassala Military Airport."),
    ("Outpost Keystone", "Outpost Keystone reported small-arms fire, and a raid on Outpost Keystone followed."),
]

ARTICLE = """{headline}

DJIBOUTI, March {day}, 2024 (Reuters) - {sentences}

Colonel Marta Ilves, a spokeswoman for the coalition, told reporters the incident was under review. "We are assessing the damage," Ilves said.
"""

INSTALLATION_WORDS = re.compile(
    r"\b(camp|fort|outpost|garrison|air ?base|airfield|airport|forward operating base)\b", re.IGNORECASE)


def _headline(name: str) -> str:
    return f"Attack reported at {name} as regional tensions rise"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("project"))
    for path in (root / "seeds").iterdir():
        path.unlink()
    for i, (name, sentences) in enumerate(INSTALLATIONS):
        (root / "seeds" / f"{i:03d}_installation.txt").write_text(
            ARTICLE.format(headline=_headline(name), day=i + 1, sentences=sentences), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return root / "content" / "archive"


def _title(page: Path) -> str:
    return re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE).group(1)


def test_the_articles_were_read(archive):
    assert len(list((archive / "articles").glob("*.md"))) == len(INSTALLATIONS)


def test_no_installation_gets_an_actor_page(archive):
    actors = {_title(p): p.name for p in (archive / "actors").glob("*.md") if p.name != "index.md"}
    assert "Marta Ilves" in actors  # the actors the articles do name are found
    assert not [name for name in actors if INSTALLATION_WORDS.search(name)], sorted(actors)


@pytest.mark.parametrize("name", [name for name, _ in INSTALLATIONS])
def test_no_installation_is_listed_as_an_actor(archive, name):
    listing = (archive / "actors" / "index.md").read_text(encoding="utf-8")
    assert f"[{name}]" not in listing and name.split()[-1] not in listing.replace("Marta Ilves", ""), listing


def test_the_installations_are_bases(archive):
    bases = {_title(p) for p in (archive / "bases").glob("*.md") if p.name != "index.md"}
    # several-word nouns before the name count too ("Forward Operating Base Falcon")
    assert {name for name, _ in INSTALLATIONS} <= bases, sorted(bases)


def test_no_base_page_lists_itself_among_its_actors(archive):
    pages = [p for p in (archive / "bases").glob("*.md") if p.name != "index.md"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        actor_rows = [line for line in text.splitlines() if "](../actors/" in line]
        assert not [row for row in actor_rows if INSTALLATION_WORDS.search(row.split("](../actors/")[0])], \
            (page.name, actor_rows)
        assert f"](../actors/{page.stem}.md)" not in text, page.name
