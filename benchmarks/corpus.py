"""Synthesise a realistic corpus of N raw scraped articles for the benchmark.

Articles are composed from templates and vocabulary written here, with the
entities (and their aliases) of the project's register.yml plus a pool of
invented, unregistered people with transliteration variants. The output
looks like the seeds: a scraped page with furniture (captions, site-name
suffixes, "Latest stories", reading times), a wire-style dateline, body
paragraphs that mention actors and bases, quotes with speakers, dates
spread over two years, and some stories carried by several outlets in
different wording. Deterministic for a given (n, seed).

    python benchmarks/corpus.py --n 1000 --out /tmp/seeds
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

OUTLETS = [
    # (outlet name, agency code used in datelines or None, site suffix style)
    ("Reuters", "Reuters", None), ("Agence France-Presse", "AFP", None), ("Associated Press", "AP", None),
    ("EFE", "EFE", None), ("Anadolu Agency", "AA", "Anadolu Agency"), ("Xinhua", "Xinhua", None),
    ("Al-Monitor", None, "Al-Monitor"), ("The New Arab", None, "The New Arab"), ("Rudaw", None, "Rudaw.net"),
    ("Kurdistan24", None, "Kurdistan24"), ("Shafaq News", None, "Shafaq News"), ("Arab News", None, "Arab News"),
    ("The National", None, "The National"), ("Middle East Eye", None, "Middle East Eye"),
    ("Al Jazeera", None, "Al Jazeera"), ("Asharq Al-Awsat", None, "Asharq Al-Awsat"),
    ("Iraqi News Agency", "INA", "INA"), ("Defense Post", None, "The Defense Post"),
    ("Stars and Stripes", None, "Stars and Stripes"), ("Military Times", None, "Military Times"),
    ("Breaking Defense", None, "Breaking Defense"), ("TOME", None, "TOME"), ("Baghdad Today", None, "Baghdad Today"),
    ("964 Media", None, "964"), ("Long War Journal", None, "FDD's Long War Journal"),
]
PLACES = ["Baghdad", "Erbil", "Basra", "Mosul", "Kirkuk", "Sulaymaniyah", "Najaf", "Karbala", "Ramadi", "Fallujah",
          "Tikrit", "Damascus", "Deir ez-Zor", "Hasakah", "Amman", "Beirut", "Tehran", "Washington", "Doha",
          "Riyadh", "Kuwait City", "Ankara", "Sanaa", "Manama", "Abu Dhabi"]
REGIONS = {"Erbil": "Kurdistan Region", "Sulaymaniyah": "Kurdistan Region", "Hasakah": "Syria",
           "Deir ez-Zor": "Syria"}
FIRST = ["Ahmed", "Mohammed", "Ali", "Hussein", "Hassan", "Karim", "Salah", "Omar", "Khalid", "Jabbar", "Haidar",
         "Abbas", "Mustafa", "Qais", "Firas", "Sami", "Nizar", "Raad", "Walid", "Yasser", "Adnan", "Basim"]
LAST = ["al-Jubouri", "al-Dulaimi", "al-Zubaidi", "al-Obeidi", "al-Tamimi", "al-Rubaie", "al-Hashimi", "al-Saadi",
        "al-Khazali", "al-Fayyadh", "al-Shammari", "al-Maliki", "al-Jabiri", "al-Ameri", "al-Helou", "al-Musawi",
        "al-Karbalai", "al-Duri", "al-Bayati", "al-Issawi", "al-Lami", "al-Asadi", "al-Nuaimi", "al-Kaabi"]
TITLES = ["Colonel", "Brigadier General", "Major General", "Lieutenant Colonel", "MP", "lawmaker", "analyst",
          "commander", "Sheikh", "Governor", "spokesman", "Captain"]
VARIANTS = [("Mohammed", "Muhammad"), ("Hussein", "Husain"), ("Hassan", "Hasan"), ("al-", "al "), ("Qais", "Qays"),
            ("Haidar", "Hayder"), ("Omar", "Umar"), ("Khalid", "Khaled"), ("Yasser", "Yasir"), ("Basim", "Basem")]
WEAPONS = ["two Katyusha rockets", "a one-way attack drone", "three explosive-laden drones", "a salvo of rockets",
           "an armed drone", "several 107mm rockets", "a roadside bomb", "mortar rounds", "two drones"]
# One story is one attack with one kind of weapon; each outlet words it its own way.
WEAPON_KINDS = [["two Katyusha rockets", "a salvo of rockets", "several 107mm rockets"],
                ["a one-way attack drone", "three explosive-laden drones", "an armed drone", "two drones"],
                ["a roadside bomb"], ["mortar rounds"]]
GROUPS_FALLBACK = ["Islamic Resistance in Iraq", "Kataib Hezbollah", "Popular Mobilization Forces"]
EVENTS = [
    "{weapons} targeted {base} {when}, {victims}",
    "{base} came under attack {when} when {weapons} struck the perimeter, {victims}",
    "Sirens sounded at {base} {when} as {weapons} were intercepted, {victims}",
    "A convoy near {base} was hit {when} by {weapons}, {victims}",
]
VICTIMS = ["causing no casualties, according to officials", "lightly wounding two service members",
           "causing minor damage to a hangar", "according to a security source", "injuring several contractors",
           "with no immediate claim of responsibility", "officials said"]
WHEN = ["on Monday", "on Tuesday", "early on Wednesday", "late on Thursday", "on Friday", "overnight",
        "on Saturday evening", "on Sunday morning"]
# When the story's attack happened, as an outlet writes it: the weekday of the story's date, in its words.
WHEN_OF_DAY = ["on {wd}", "early on {wd}", "late on {wd}", "on {wd} evening", "on {wd} morning", "overnight"]
CONTEXT = [
    "Tensions have risen across the region since the start of the war in Gaza, with dozens of attacks on forces of "
    "the US-led coalition in Iraq and Syria.",
    "The coalition says its remaining advisers are in the country at the invitation of the government to help "
    "fight the remnants of the Islamic State group.",
    "Parliament voted in {year} on a non-binding resolution calling for the withdrawal of foreign troops, and talks "
    "on the future of the coalition have continued since.",
    "Armed factions aligned with Tehran have said they will keep up their operations as long as the war goes on.",
    "Analysts say the government is caught between its partnership with Washington and the armed groups that "
    "support its ruling coalition.",
    "The base has been targeted repeatedly over the past {months} months, according to a tally kept by the "
    "coalition.",
    "Security forces said they found the launch site in an orchard {km} kilometres away, with {extra} rockets that "
    "had failed to fire.",
    "Officials have not said how many personnel are currently stationed at the site, citing operational security.",
]
# Quotes are composed per story, so the same words recur only where outlets carry the same story.
# A speaker's words, composed slot by slot from wide vocabularies: two statements by the same
# speaker rarely share most of their words, while the outlets carrying one story share them all.
Q_SUBJ = ["this attack", "the strike", "such aggression", "the bombardment", "yesterday's operation", "the shelling",
          "every drone", "this escalation", "the rocket fire", "the raid", "that incident", "the ambush",
          "the explosion", "this provocation", "their adventure", "the latest assault", "the barrage", "the sabotage",
          "this violation", "the infiltration"]
Q_VERB = ["endangers", "undermines", "insults", "betrays", "threatens", "humiliates", "weakens", "poisons", "damages",
          "violates", "sabotages", "destabilises", "mocks", "jeopardises", "defies", "tarnishes", "erodes", "harms",
          "offends", "derails"]
Q_ADJ = ["national", "hard-won", "fragile", "historic", "legitimate", "constitutional", "regional", "economic",
         "diplomatic", "tribal", "political", "military", "humanitarian", "democratic", "financial", "civilian",
         "strategic", "religious", "municipal", "federal"]
Q_NOUN = ["sovereignty", "stability", "reconstruction", "partnership", "elections", "agreements", "institutions",
          "investment", "dialogue", "reconciliation", "borders", "oil exports", "pilgrims", "farmers", "students",
          "hospitals", "markets", "ministries", "negotiations", "alliances"]
TAIL_HEAD = ["despite", "after", "before", "against", "without", "amid", "during", "beyond", "behind", "despite all",
             "long after", "right before"]
TAIL_NOUN = ["warnings", "talks", "elections", "harvests", "exams", "funerals", "weddings", "pilgrimages",
             "ceasefires", "budgets", "curfews", "floods", "protests", "repairs", "visits", "summits", "holidays",
             "sermons", "trials", "audits", "strikes", "vaccinations", "broadcasts", "auctions", "tournaments"]


def _tail(rng: random.Random) -> str:
    """A closing circumstance composed from three pools (12 x 20 x 25), so statements rarely share one."""
    return f"{rng.choice(TAIL_HEAD)} {rng.choice(Q_ADJ)} {rng.choice(TAIL_NOUN)}"


COUNTRIES = ["Iraq", "the country", "our nation", "the region", "the Iraqi state", "Syria", "the homeland"]
def _quote(rng: random.Random, base: str, place: str, when: str) -> str:
    """A statement in a speaker's words: subject, verb, object and circumstances drawn from wide pools."""
    subject = rng.choice(Q_SUBJ)
    where = rng.choice([f"at {base}", f"near {place}", f"in {place}", f"around {base}", f"{when}"])
    text = (f"{subject[0].upper()}{subject[1:]} {where} {rng.choice(Q_VERB)} our {rng.choice(Q_ADJ)} "
            f"{rng.choice(Q_NOUN)} {_tail(rng)}")
    text += f", and {rng.choice(Q_VERB)} {rng.choice(Q_ADJ)} {rng.choice(Q_NOUN)} {_tail(rng)}"
    return text


def _headline_words(quote: str) -> str:
    """The opening words of a statement, up to its object ("This strike near Erbil endangers our civilian
    markets"): specific enough that a headline quoting them joins that statement and no other."""
    m = re.match(r"(.*? our [\w-]+ [\w]+)", quote)
    return m.group(1) if m else quote.split(",")[0]


def _second(rng: random.Random, place: str, d: dt.date) -> str:
    """A follow-up remark: as varied as the first statement, about the aftermath."""
    action = rng.choice(["we detained", "investigators questioned", "the army deployed", "we informed",
                         "engineers inspected", "the cabinet summoned", "police searched", "we evacuated",
                         "doctors treated", "the governor received", "our envoys called", "the court charged"])
    what = rng.choice(["suspects", "officers", "families", "witnesses", "ambassadors", "tribal elders",
                       "contractors", "drivers", "guards", "farmers", "students", "journalists"])
    why = f"{_tail(rng)}, and {rng.choice(Q_VERB)} {rng.choice(Q_ADJ)} {rng.choice(Q_NOUN)}"
    return (f"{action[0].upper()}{action[1:]} {rng.randint(2, 90)} {what} {rng.choice(['near', 'in', 'outside'])} "
            f"{place} on {d:%A}, because {rng.choice(Q_SUBJ)} {rng.choice(Q_VERB)} our {rng.choice(Q_ADJ)} "
            f"{rng.choice(Q_NOUN)} {why}")


SAY = ["said", "told reporters", "said in a statement", "added", "said on {day}", "wrote on X", "told {outlet}"]
HEAD = [
    "{group} claims attack on {base}",
    "{base} targeted by {weapon_short} as tensions rise",
    "{speaker_last} condemns strike on {base}",
    "Iraq vows to pursue attackers after {base} strike",
    "{group} says it struck {base} again",
    "US responds after attack on {base}",
    "{weapon_short_cap} attack on {base} causes damage, officials say",
    "{speaker_last}: attack on {base} '{scare}'",
    "Security forces find launch site after {base} attack",
    "Talks on coalition future resume after {base} incident",
]
FURNITURE_TOP = ["Latest stories", "Share this article", "{minutes} min read", "Politics", "Middle East",
                 "Advertisement", "Subscribe to our newsletter"]
FURNITURE_END = ["See also: {other}", "Read more: {other}", "Related: {other}", "Latest stories",
                 "All rights reserved.", "Follow us on Telegram"]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


@dataclass
class Pools:
    people: list[tuple[str, list[str]]]  # (canonical, spellings)
    orgs: list[tuple[str, list[str]]]
    bases: list[tuple[str, list[str]]]
    groups: list[tuple[str, list[str]]]


def _pools(register_file: Path, rng: random.Random) -> Pools:
    data = yaml.safe_load(register_file.read_text(encoding="utf-8")) or {}
    people, orgs, groups = [], [], []
    for a in data.get("actors", []):
        spellings = [a["name"], *[x for x in a.get("aliases", []) if len(x.split()) >= 2 or x[:1].isupper()]]
        (people if a.get("type") == "person" else orgs).append((a["name"], spellings))
        if a.get("type") == "organization" and any(w in a["name"] for w in ("Kata", "Resistance", "Hezbollah",
                                                                             "Nujaba", "Asa", "Badr", "Popular")):
            groups.append((a["name"], spellings))
    bases = [(b["name"], [b["name"], *b.get("aliases", [])]) for b in data.get("bases", [])]
    # Invented people the register does not know, with transliteration variants: discovered entities.
    invented = set()
    while len(invented) < 120:
        invented.add(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
    for name in sorted(invented):
        spellings = [name]
        for a, b in VARIANTS:
            if a in name:
                spellings.append(name.replace(a, b, 1))
        people.append((name, spellings))
    return Pools(people, orgs, bases, groups or [(g, [g]) for g in GROUPS_FALLBACK])


def _surname(name: str) -> str:
    parts = name.split()
    return parts[-1] if len(parts) > 1 else name


@dataclass
class Story:
    date: dt.date
    base: tuple[str, list[str]]
    group: tuple[str, list[str]]
    speakers: list[tuple[str, list[str]]]
    others: list[tuple[str, list[str]]]
    quotes: list[str]
    place: str
    head: str
    seed: int


def _story(pools: Pools, rng: random.Random, start: dt.date) -> Story:
    # Popular entities recur much more than others (a few hundred recurring actors, a long tail).
    def pick(pool, k):
        idx = sorted({min(int(rng.paretovariate(1.1)) - 1, len(pool) - 1) for _ in range(k)})
        return [pool[(i * 7 + rng.randrange(3)) % len(pool)] for i in idx] or [rng.choice(pool)]

    people = pick(pools.people, 3) + [rng.choice(pools.people)]
    story = Story(
        date=start + dt.timedelta(days=rng.randrange(730)),
        base=rng.choice(pick(pools.bases, 2) + [rng.choice(pools.bases)]),
        group=rng.choice(pools.groups),
        speakers=people[:2],
        others=pick(pools.orgs, 2) + people[2:],
        quotes=[],
        place=rng.choice(PLACES),
        head=rng.choice(HEAD),
        seed=rng.randrange(1 << 30),
    )
    base = story.base[0]
    story.quotes = [_quote(rng, base, story.place, rng.choice(WHEN)), _quote(rng, base, story.place, rng.choice(WHEN)),
                    _second(rng, story.place, story.date)]
    return story


def _render(story: Story, outlet: tuple[str, str | None, str | None], rng: random.Random, other_title: str,
            formulaic: bool = False, headline_quotes: bool = True) -> str:
    """One outlet's page for a story: same facts, its own wording, layout and furniture."""
    name, agency, suffix = outlet
    r = random.Random(story.seed ^ int(hashlib.md5(name.encode()).hexdigest()[:8], 16))
    spell = lambda ent: r.choice(ent[1])  # noqa: E731 - each outlet spells names its own way
    weapon = r.choice(WEAPON_KINDS[story.seed % len(WEAPON_KINDS)])
    d = story.date
    fields = dict(
        group=spell(story.group), base=spell(story.base), weapon_short=weapon.split()[-1],
        weapon_short_cap=weapon.split()[-1].capitalize(), speaker_last=_surname(story.speakers[0][0]),
        # Headlines quote a few words of the story's own statement, so they join that statement only.
        scare=_headline_words(story.quotes[0]),
    )
    head = story.head
    if not headline_quotes and "{scare}" in head:
        head = "{speaker_last} condemns attack on {base}"
    title = head.format(**fields)
    title = title[0].upper() + title[1:]
    lines: list[str] = []
    date_style = r.random()
    if date_style < 0.4:
        lines += [f"{d:%A, %B} {d.day}, {d.year}", ""]
    if suffix and r.random() < 0.6:
        lines += [f"{title} | {suffix}", ""]
    if r.random() < 0.35:
        lines += [f"{spell(story.speakers[0])} at a news conference in {story.place}, {d.day} {d:%B %Y}. "
                  f"{agency or 'AFP'}/{r.choice(['FILE', 'Getty Images', 'STRINGER'])}", ""]
    lines += [title, ""]
    if r.random() < 0.4:
        lines += [r.choice(FURNITURE_TOP).format(minutes=r.randint(2, 8)), ""]
    if 0.4 <= date_style < 0.8:
        lines += [r.choice([f"{d.day} {d:%B}, {d.year}", f"Published {d:%B} {d.day}, {d.year}",
                            f"{d:%d.%m.%Y} {r.randint(6, 23):02d}:{r.randint(0, 59):02d}"]), ""]
    event = r.choice(EVENTS).format(weapons=weapon, base=spell(story.base), when=r.choice(WHEN_OF_DAY).format(wd=f"{d:%A}"),
                                    victims=r.choice(VICTIMS))
    event = event[0].upper() + event[1:]
    place = story.place.upper() if r.random() < 0.5 else story.place
    region = f", {REGIONS[story.place]}" if story.place in REGIONS and r.random() < 0.5 else ""
    if agency and r.random() < 0.7:
        year = f", {d.year}" if date_style >= 0.8 else ""
        opener = (f"{story.place}, {MONTHS[d.month - 1]} {d.day}{year} ({agency}).- " if r.random() < 0.4
                  else f"{place}{region} ({agency}) - ")
    elif r.random() < 0.5:
        opener = f"{story.place.upper()}{region} - "
    else:
        opener = ""
    paras = [f"{opener}{event}."]
    claim = f"The {spell(story.group)} claimed responsibility in a statement on Telegram" if r.random() < 0.6 \
        else f"No group immediately claimed the attack, but suspicion fell on {spell(story.group)}"
    target = f"the occupation base at {spell(story.base)} with {weapon}" if r.random() < 0.5 \
        else f"American forces in {story.place} {r.choice(WHEN)}"
    if formulaic:  # militias' claims are boilerplate: quoted, they repeat across hundreds of articles
        paras.append(f"{claim}, saying it had struck \u201c{target}\u201d.")
    else:
        paras.append(f"{claim}, saying it had struck {target}.")
    said = []  # quoted paragraphs keep their order; the rest is shuffled around them
    for i, (speaker, quote) in enumerate(zip(story.speakers, story.quotes)):
        role = r.choice(TITLES) if speaker[0].split()[0] in FIRST else ""
        who = f"{role} {spell(speaker)}".strip()
        who = who[0].upper() + who[1:]
        verb = r.choice(SAY).format(day=f"{d:%A}", outlet=name)
        if r.random() < 0.5:
            said.append(f"\u201c{quote},\u201d {who} {verb}.")
        else:
            said.append(f"{who} {verb}: \u201c{quote}.\u201d")
        if i == 0 and r.random() < 0.5:
            said.append(f"{_surname(speaker[0])} added: \u201c{story.quotes[2]}.\u201d")
    for ent in story.others:
        paras.append(r.choice([
            f"{spell(ent)} has not commented on the incident.",
            f"Earlier this month, {spell(ent)} warned that attacks on foreign forces harm the country's interests.",
            f"According to a source close to {spell(ent)}, talks with the coalition would continue.",
            f"{spell(ent)} met officials in {r.choice(PLACES)} on {d:%A} to discuss the security situation.",
        ]))
    for c in r.sample(CONTEXT, r.randint(2, 4)):
        paras.append(c.format(year=d.year - 1, months=r.randint(2, 14), km=r.randint(3, 30), extra=r.randint(2, 9)))
    body = r.sample(paras[2:], len(paras) - 2)
    for pos, quote in sorted(zip((r.randint(0, len(body)) for _ in said), said), key=lambda x: -x[0]):
        body.insert(pos, quote)
    paras = paras[:2] + body
    lines += [p + "\n" for p in paras]
    if r.random() < 0.5:
        lines += [r.choice(FURNITURE_END).format(other=other_title), ""]
    if agency and r.random() < 0.3:
        lines[-1] = lines[-1].rstrip() + f" {agency}"
    sep = "\n" if r.random() < 0.3 else ""
    return "\n".join(x.rstrip("\n") + sep for x in lines).strip() + "\n"


def truth_file(out: Path) -> Path:
    """Where `synthesise` writes which article tells which story: beside the seeds folder, not in it."""
    return out.with_name(f"{out.name}.stories.json")


def synthesise(n: int, out: Path, seed: int = 2024, register_file: Path | None = None,
               formulaic_claims: bool = False, headline_quotes: bool = True,
               stories: dict[str, tuple[int, Story]] | None = None) -> list[Path]:
    """Write n articles (and ~5% sidecars) into `out`; return the .txt paths.

    With `formulaic_claims`, every militia claim is quoted in the same
    boilerplate words ("the occupation base at X with Y"), as some outlets
    print them: a stress case for grouping quotes into statements.
    Without `headline_quotes`, no headline quotes its story's statement
    (one in ten does by default): short quoted fragments are what lets the
    statement grouping chain unrelated statements together at scale.
    `stories`, when given, receives each article's stem -> (story number,
    Story): the truth a measurement of statement grouping compares with.

    Each story is one incident (an attack at a base on its date, with one kind of weapon, the
    weekday of its date in every outlet's words); `truth_file(out)` gets {article stem: story
    number}, what event clustering is scored against (benchmarks/events_quality.py), added to
    the truth of the articles already in `out`.
    """
    rng = random.Random(seed)
    pools = _pools(register_file or ROOT / "register.yml", rng)
    out.mkdir(parents=True, exist_ok=True)
    start = dt.date(2023, 1, 1)
    paths: list[Path] = []
    titles = ["Iraq condemns attacks on bases", "Coalition talks resume in Baghdad"]
    i = 0
    truth: dict[str, int] = {}
    number = 0
    while i < n:
        story = _story(pools, rng, start)
        number += 1
        carriers = 1 if rng.random() < 0.75 else rng.randint(2, 4)  # some stories run in several outlets
        for outlet in rng.sample(OUTLETS, carriers):
            if i >= n:
                break
            text = _render(story, outlet, rng, rng.choice(titles), formulaic_claims, headline_quotes)
            # the headline, for other pages' "See also" lines (not a date line: that would date those pages)
            titles.append(next((ln for ln in text.splitlines() if ln.strip() and not re.search(r"(?:19|20)\d\d", ln)),
                               text.splitlines()[0])[:80])
            stem = f"{i:05d}_{hashlib.sha1(f'{seed}-{i}'.encode()).hexdigest()[:16]}"
            path = out / f"{stem}.txt"
            path.write_text(text, encoding="utf-8")
            if stories is not None:
                stories[stem] = (number, story)
            truth[stem] = number
            if rng.random() < 0.05:
                side = {"source": outlet[0], "url": f"https://example.org/{outlet[0].lower().replace(' ', '-')}/{i}"}
                if rng.random() < 0.5:
                    side["date"] = story.date.isoformat()
                (out / f"{stem}.yml").write_text(yaml.safe_dump(side, sort_keys=False), encoding="utf-8")
            paths.append(path)
            i += 1
    # Articles added to an existing corpus (the benchmark's "10 articles added") keep the truth of
    # the ones already there; their stories are numbered after them, never one of theirs.
    try:
        earlier = json.loads(truth_file(out).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        earlier = {}
    offset = max(earlier.values(), default=0) if isinstance(earlier, dict) else 0
    truth = {**(earlier if isinstance(earlier, dict) else {}), **{stem: k + offset for stem, k in truth.items()}}
    truth_file(out).write_text(json.dumps(truth, indent=0, sort_keys=True), encoding="utf-8")
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--formulaic-claims", action="store_true", help="quote every militia claim in the same words")
    args = ap.parse_args()
    paths = synthesise(args.n, args.out, args.seed, formulaic_claims=args.formulaic_claims)
    print(f"wrote {len(paths)} articles to {args.out}")


if __name__ == "__main__":
    main()
