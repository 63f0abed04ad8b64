"""Capitalised runs of words ("chunks"): the raw material of actor and base names."""
from __future__ import annotations

import re

from generator.extract.lexicon import LEXICON as L
from generator.extract.shapes import plain_given_name
from generator.extract.text import Token, is_acronym, is_capitalised
from generator.extract.words import is_common_word, is_given_name

_CONNECT_AFTER_HEAD = frozenset({"of", "for"})
_TO_TITLES = frozenset({"secretary", "envoy", "ambassador", "adviser", "advisor", "representative", "counsellor",
                        "counselor", "assistant", "aide"})
_DOT_WORDS = frozenset(L.abbreviations) | L.title_words
_HYPHEN_PREFIXES = frozenset({"pro", "anti", "non", "ex", "post", "pre", "neo", "mid", "trans", "cross", "semi"})


# "We've", "You're", "I'll", "Don't", "We'd": a capitalised contraction opens a sentence (often a quote's);
# it is never a name. "'d" only after a pronoun: "Sa'd" is a name.
_CONTRACTED = tuple(q + end for q in "'\u2019" for end in ("ve", "re", "ll", "m")) + ("n't", "n\u2019t")
_PRONOUN_D = frozenset(p + q + "d" for q in "'\u2019"
                       for p in ("i", "you", "we", "they", "he", "she", "it", "who", "that"))


def is_contraction(word: str) -> bool:
    low = word.lower()
    return low.endswith(_CONTRACTED) or low in _PRONOUN_D


def is_name_token(tok: Token) -> bool:
    t = tok.text
    if not t or not t[0].isalpha() or not is_capitalised(t):
        return False
    if ("'" in t or "\u2019" in t) and is_contraction(t):
        return False
    if "-" in t:
        parts = t.split("-")
        if parts[0].lower() in _HYPHEN_PREFIXES:
            return False
        for p in parts:
            if not p:
                return False
            pl = p.lower()
            if pl in L.particles or pl in ("in", "chief"):
                continue
            if not p[0].isupper():
                return False
            if pl in L.country_by_form or pl in L.country_by_demonym:
                return False
    return True


# one syllable of a romanised Korean, Chinese or Vietnamese name: "jong", "ki", "hoon", "yuan", "tse"
_SYLLABLE = "[bcdfghjklmnpqrstwxyz]{0,3}[aeiouwy]{1,3}(?:ng|n|m|l|k|p|t|r|h)?"
_ROMANISED_GIVEN = re.compile(rf"{_SYLLABLE}(?:-{_SYLLABLE}){{1,2}}")
_LED = frozenset(s.lstrip("-") for s in L.cues["led_suffixes"])


def is_romanised_given_name(text: str) -> bool:
    """"Jong-un", "Ki-moon", "Young-hoon": a given name of two syllables joined by a hyphen, the second in
    lower case. Read as part of a name only after a name word ("Kim Jong-un"): on its own "Run-up" has
    the same shape."""
    if len(text) > 12 or not text[:1].isupper() or not text[1:].islower() \
            or not _ROMANISED_GIVEN.fullmatch(text.lower()):
        return False
    head, *rest = text.lower().split("-")
    return head not in _HYPHEN_PREFIXES and not any(r in _LED for r in rest)


_PARTY_WORDS = frozenset(L.party_members) | {"labour", "green"}
_FORCE_WORDS = frozenset(p[0] for p in L.military_words if len(p) == 1) | {"police", "guard", "government"}


def _post_nominal(tokens: tuple[Token, ...], k: int) -> bool:
    """"QC", "MP", "OBE" closing a name ("Guy Mansfield QC said"); before a name it is a title ("MP Jo Cox")."""
    t = tokens[k]
    return word_of(t) in L.post_nominals and t.text[:1].isupper() and t.text[-1:].isupper() \
        and not (k + 1 < len(tokens) and is_name_token(tokens[k + 1]))


def _letters_after_name(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """The run tokens[i:j] is a name and tokens[j] the letters after it ("Guy Mansfield QC"); not "Labour
    MP", "Scottish MP" or "the Glasgow Kelvin MP" (a party, a people, a seat: the title of someone else)."""
    return _post_nominal(tokens, j) and j - i >= 2 and word_of(tokens[j - 1]) not in _PARTY_WORDS \
        and word_of(tokens[j - 1]) not in L.country_by_demonym and L.city(tokens[strip_leading(tokens, i, j)].text) is None


def _person_after_body(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """A body's name of two words or more ends in an organisation noun at j - 1, and a given name and another
    name follow: a person named after the body ("the Refugee Council Enver Solomon", "Head of the Wagner
    Group Yevgeny Prigozhin"), or after a body's acronym ("NASA Bill Ingalls"). Not after an office's domain:
    "Secretary of State John Kerry" is read whole, by its title."""
    if j + 1 >= len(tokens) or tokens[j - 1].possessive:
        return False
    body_end, nxt = word_of(tokens[j - 1]), word_of(tokens[j + 1])
    first = tokens[j - 1]
    acronym = len(first.text) >= 3 and first.text.isalpha() and first.text.isupper() \
        and all(word_of(t) == "the" for t in tokens[i:j - 1])  # "(The) SDF Mazloum Abdi"
    if j - i < 2 and not acronym:
        return False
    if acronym and is_common_word(tokens[j].text) and is_common_word(tokens[j + 1].text):
        return False  # "USI Art Collections": a given name that is a word, then a word, is the body's own name
    # after an acronym, a name's particle starts a person too ("ISWAP Abu Musab al-Barnawi"; two words no
    # dictionary has were tried: "PSA Peugeot Citroen" is a firm)
    person_starts = is_given_name(tokens[j].text) or acronym and tokens[j].lower in L.particles
    return (acronym or (body_end in L.org_nouns and body_end not in L.title_domains)) and person_starts \
        and is_name_token(tokens[j + 1]) and nxt not in L.org_nouns and nxt not in L.toponym_heads \
        and nxt not in L.title_words


def _possessive_place(tokens: tuple[Token, ...], k: int) -> bool:
    """A possessive that names a street, a square or a bridge with the word after it ("St Helen's Road",
    "Martyrs' Square"), not a country's or a city's own ("Syria's Road to peace" is no place)."""
    if k + 1 >= len(tokens) or not tokens[k].possessive or not is_name_token(tokens[k + 1]):
        return False
    w = word_of(tokens[k])
    if w in _ROYAL_POSSESSORS and word_of(tokens[k + 1]) in _FOUNDED_NOUNS:
        return True  # "King's College London", "Queen's University Belfast": a foundation's name
    ends = k + 2 >= len(tokens) or not is_name_token(tokens[k + 2])  # "St Helen's Road", not "IDF's Border Police"
    return word_of(tokens[k + 1]) in L.geo_nouns and ends and not is_acronym(tokens[k].text) \
        and w not in L.country_by_form and w not in L.country_by_capital \
        and w not in L.country_by_demonym and L.city(tokens[k].text) is None


_ROYAL_POSSESSORS = frozenset({"king", "queen", "prince", "princess"})
_FOUNDED_NOUNS = frozenset({"college", "university", "hospital", "school"})


def word_of(tok: Token) -> str:
    return tok.text.lower().rstrip(".")


def _last_conjunct(tokens: tuple[Token, ...], k: int) -> bool:
    """One capitalised word after "and" that closes the name (not a country, not a run of its own)."""
    if k >= len(tokens) or not is_name_token(tokens[k]) or tokens[k].possessive:
        return False
    w = tokens[k].lower
    if w in L.country_by_form or w in L.country_by_demonym or w in L.country_by_capital:
        return False
    return k + 1 >= len(tokens) or not is_name_token(tokens[k + 1])


def _one_common_word(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """The run so far is one dictionary word ("Securities", "Justice"; not "Israel"), after any "The"."""
    start = strip_leading(tokens, i, j)
    if j - start == 2 and word_of(tokens[start]) in L.country_by_form and word_of(tokens[start + 1]) in L.org_nouns:
        start += 1  # "the US Securities and Exchange Commission" (not "Gaza Strip and West Bank")
    # (not a body's own word: "Labour and Conservative Party", "the Army and Air Force" are two; nor a body
    # named in full: "the Home Office and Foreign Office"); two or three dictionary words describe the same
    # body's remit: "Central Political and Legal Affairs Commission", "National Disease Control and
    # Prevention Administration"
    words = [word_of(t) for t in tokens[start:j]]
    if not (1 <= j - start <= 3 and all(is_common_word(t.text) for t in tokens[start:j])) \
            or any(w in _PARTY_WORDS or w in _FORCE_WORDS for w in words):
        return False
    phrase = " ".join(words)
    # (several words: not a body or a place of their own, "the White House and State Department", "the United
    # States and European Union", "Times Square and Port Authority", "the Finance Minister and World Bank")
    return len(words) == 1 or not (
        phrase in L.institutions or phrase in L.country_by_form or any(
            w in L.org_nouns or w in L.country_by_demonym or w in L.country_by_form or w in L.title_words
            or w in L.geo_nouns or w in _COMPASS_WORDS for w in words))


_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western"})


def _titled_name_before(tokens: tuple[Token, ...], i: int, k: int) -> bool:
    """The run tokens[i:k] is titles, then a name, and "of" follows: "President Ashraf Ghani of Afghanistan",
    "Lt. Gen. Stephen Rourke of the US Army" are a person and what they serve, not one body's name
    ("Secretary of State", "Chief of Staff of the Army", "Bank of America" go on)."""
    m = i
    while m < k and (word_of(tokens[m]) in L.title_words or word_of(tokens[m]) in L.title_domains
                     or tokens[m].text == "." or tokens[m].lower in ("of", "for")):
        m += 1  # "Foreign Minister", "Secretary of State"
    if m == i or m >= k or (is_common_word(tokens[m].text) and not is_given_name(tokens[m].text)
                            and not (m + 1 < k and not is_common_word(tokens[m + 1].text))):
        # "Chief Executive of X", "Speaker of the House of Representatives": the office goes on (but "President
        # Xi Jinping of China": a dictionary word before a surname no dictionary has is a name)
        return m == i and _body_title_name(tokens, i, k)
    return not any(word_of(t) in L.org_nouns or word_of(t) in L.title_words or word_of(t) in L.title_domains
                   or word_of(t) in L.geo_nouns for t in tokens[m:k])


def _body_title_name(tokens: tuple[Token, ...], i: int, k: int) -> bool:
    """"Senate Armed Services Committee Chairman John McCain" before "of Arizona": a body, its office, then a
    given name and a surname; the "of" is the person's, not the body's."""
    for p in range(i + 1, k - 2):
        if word_of(tokens[p]) in L.title_words and is_given_name(tokens[p + 1].text):
            return word_of(tokens[p - 1]) in L.org_nouns and not any(
                word_of(t) in L.org_nouns or word_of(t) in L.title_words or word_of(t) in L.geo_nouns
                for t in tokens[p + 1:k])
    return False


def _place_pair(tokens: tuple[Token, ...], k: int) -> bool:
    """tokens[k] is "and" between a country and a region closing a body's name after its "of" ("Islamic State
    of Iraq and the Levant"), or a second country after a state's "of" ("Islamic State of Iraq and Syria";
    not "the Government of Iraq and Turkey", two, nor "... and the Kurdistan Regional Government")."""
    before = tokens[k - 1].lower
    if not (before in L.country_by_form or before in L.regions) or tokens[k - 1].possessive:
        return False
    m = k + 2 if k + 2 < len(tokens) and tokens[k + 1].lower == "the" else k + 1
    if m >= len(tokens) or not is_name_token(tokens[m]) or tokens[m].possessive:
        return False
    after = tokens[m].lower
    closes = m + 1 >= len(tokens) or not is_name_token(tokens[m + 1])
    if not closes:
        return False
    if after in L.regions and after not in L.country_by_form:
        return True
    # two countries are two governments ("the Government of Iraq and Turkey"), but one state's name
    of = next((x for x in range(k - 1, 0, -1) if tokens[x].lower == "of"), 0)
    # ... after "Islamic State of", not "the State of Israel and Egypt": two states
    return after in L.country_by_form and of > 1 and tokens[of - 1].lower == "state" and is_name_token(tokens[of - 2]) \
        and word_of(tokens[of - 2]) not in L.stopwords


def _purpose_after_body(tokens: tuple[Token, ...], k: int) -> bool:
    """tokens[k] is "to" between a body's noun and a capitalised verb with a capitalised object: the body's
    name says what it is for ("Committee to Protect Journalists", "Global Coalition to Counter ISIL")."""
    return k + 2 < len(tokens) and word_of(tokens[k - 1]) in L.org_nouns and not tokens[k - 1].possessive \
        and is_name_token(tokens[k + 1]) and tokens[k + 1].text[1:].islower() \
        and tokens[k + 1].lower in L.purpose_verbs and is_name_token(tokens[k + 2])


def _purpose_end(tokens: tuple[Token, ...], k: int) -> int:
    """The end of the object from k: its capitalised words, up to a person's name after it ("... to Counter
    ISIL Brett McGurk")."""
    while k < len(tokens) and is_name_token(tokens[k]):
        if is_given_name(tokens[k].text) and k + 1 < len(tokens) and is_name_token(tokens[k + 1]):
            break
        k += 1
        if tokens[k - 1].possessive:
            break
    return k


def _body_conjunct(tokens: tuple[Token, ...], k: int) -> int:
    """The end of two or three capitalised words after "and" that close a body's name with its noun
    ("Human Services", "Exchange Commission"), else 0."""
    if k >= len(tokens) or word_of(tokens[k]) in L.title_words or word_of(tokens[k]) in L.country_by_demonym \
            or word_of(tokens[k]) in L.country_by_form:
        return 0  # "Fiat and General Motors", "Continental and American Airlines": two bodies
    m = k
    while m < len(tokens) and m - k < 3 and is_name_token(tokens[m]) and not tokens[m].possessive:
        m += 1
    # ("Center for Strategic and International Studies": "Studies" closes a body's name here)
    if m - k >= 2 and (word_of(tokens[m - 1]) in L.org_nouns or word_of(tokens[m - 1]) in L.body_last_words
                       or word_of(tokens[m - 1]) == "studies") \
            and (m >= len(tokens) or not is_name_token(tokens[m])):
        return m
    return 0


_ORDINAL = ("st", "nd", "rd", "th")


def _unit_number(tokens: tuple[Token, ...], i: int) -> bool:
    """"18th" in "the 18th Division", "101st Airborne Division": a unit's number belongs to its name."""
    t = tokens[i].lower
    if not (t[:1].isdigit() and t.endswith(_ORDINAL) and t[:-2].isdigit()):
        return False
    for k in range(i + 1, min(i + 4, len(tokens))):
        if not is_name_token(tokens[k]):
            return False
        if word_of(tokens[k]) in L.org_nouns:
            return True
    return False


def _adjective_before_noun(tokens: tuple[Token, ...], k: int) -> bool:
    """"the Division of the Sudanese army": a demonym before a lowercase noun is not part of the name."""
    return (tokens[k].lower in L.country_by_demonym and k + 1 < len(tokens)
            and tokens[k + 1].text.isalpha() and tokens[k + 1].text.islower())


def find_chunks(tokens: tuple[Token, ...], lo: int) -> list[tuple[int, int]]:
    """Token ranges of capitalised runs, joined by particles and "of (the)"."""
    out = []
    n = len(tokens)
    i = lo
    while i < n:
        if (not is_name_token(tokens[i]) and not _unit_number(tokens, i)) \
                or (i > lo and _post_nominal(tokens, i) and is_name_token(tokens[i - 1])):
            i += 1
            continue
        j = i + 1
        connected = False  # the run has taken an "of"/"for": "Forces of Freedom and Change"
        if not tokens[i].possessive or _possessive_place(tokens, i):
            has_head = word_of(tokens[i]) in L.org_nouns or word_of(tokens[i]) in L.title_words or word_of(tokens[i]) in L.geo_nouns
            while j < n:
                t = tokens[j]
                if t.text == "." and j + 1 < n and t.start == tokens[j - 1].end and is_name_token(tokens[j + 1]) and (
                    len(tokens[j - 1].text) == 1 or word_of(tokens[j - 1]) in _DOT_WORDS
                ):
                    j += 1
                    continue
                if is_name_token(t):
                    lw = word_of(t)
                    if lw in L.weekdays or (lw in L.months and j + 1 < n and tokens[j + 1].text.isdigit()):
                        break  # "Bob Dole Wednesday accused", "met Bob Dole May 5": no name goes on into a date
                    if _letters_after_name(tokens, i, j):
                        break  # "Guy Mansfield QC": the letters are no part of the name
                    if _person_after_body(tokens, i, j):
                        break  # "the Refugee Council Enver Solomon told": the body, then the person
                    has_head = has_head or lw in L.org_nouns or lw in L.title_words or lw in L.geo_nouns \
                        or lw in L.body_last_words  # "Economic Community of West African States"
                    j += 1
                    if t.possessive and not (t.lower == "people" and j < n and is_name_token(tokens[j])) \
                            and not _possessive_place(tokens, j - 1):
                        break  # "Uganda People's Defence Forces", "St Helen's Road" are one name
                    continue
                lw = t.lower
                if t.text.isdigit() and len(t.text) <= 3 and t.start == tokens[j - 1].end + 1 and word_of(tokens[j - 1]) not in L.months:
                    j += 1  # "Tower 22", "Camp 4"
                    break
                if lw in L.particles:
                    k = j + 1
                    while k < n and k - j < 3 and tokens[k].lower in L.particles:
                        k += 1  # "Nikolaus van der Pas", "Loyola de la Fuente"
                    if k < n and is_name_token(tokens[k]):
                        j = k
                        continue
                if is_romanised_given_name(t.text):
                    j += 1  # "Kim Jong-un", "Ban Ki-moon", "Li Song-ho"
                    continue
                if _unit_number(tokens, j):
                    j += 1  # "the Army 101st Airborne Division"
                    continue
                if t.text in ("-", "\u2013", "\u2014") and j + 2 < n and tokens[j + 1].text == "Operation" \
                        and word_of(tokens[j - 1]) in L.org_nouns and is_name_token(tokens[j + 2]):
                    j += 2  # "Combined Joint Task Force \u2013 Operation Inherent Resolve": one command's name
                    continue
                if lw == "to" and _purpose_after_body(tokens, j):
                    j = _purpose_end(tokens, j + 2)  # "Committee to Protect Journalists", "Coalition to Counter ISIL"
                    break
                if (lw in _CONNECT_AFTER_HEAD and has_head and not _titled_name_before(tokens, i, j)
                        or lw == "to" and word_of(tokens[j - 1]) in _TO_TITLES) \
                        and j + 1 < n:  # "Chief Secretary to the Treasury X", "Special Envoy to Yemen X"
                    k = j + 1
                    if tokens[k].lower == "the" and k + 1 < n:
                        k += 1
                    if is_name_token(tokens[k]) and not _adjective_before_noun(tokens, k) \
                            and not (lw == "to" and word_of(tokens[k]) in L.title_words):  # "Assistant to the Secretary"
                        j = k
                        connected = True
                        continue
                if lw == "and" and (connected or _one_common_word(tokens, i, j)):
                    end = _body_conjunct(tokens, j + 1)
                    if end and word_of(tokens[end - 1]) not in {word_of(x) for x in tokens[i:j]} \
                            and word_of(tokens[j + 1]) not in {word_of(x) for x in tokens[i:j]}:
                        # "Department of Health and Human Services", "Justice and Development Party",
                        # "Securities and Exchange Commission": one body's name (not "United Bank of Africa
                        # and Standard Trust Bank", "Beats Music and Beats Electronics": two bodies of one kind)
                        j = end
                        continue
                if lw == "and" and connected and _place_pair(tokens, j):
                    j += 3 if tokens[j + 1].lower == "the" else 2  # "Islamic State of Iraq and the Levant"
                    continue
                if lw == "and" and connected and (_last_conjunct(tokens, j + 1) or (
                        j + 1 < n and word_of(tokens[j + 1]) in L.title_domains and is_name_token(tokens[j + 1]))):
                    j += 1  # "Support Group for Islam and Muslims": the name's own "and"
                    continue
                break
        start = i
        if i >= 1 and tokens[i - 1].lower in ("al", "el") and tokens[i - 1].end + 1 == tokens[i].start:
            start = i - 1  # "al Shabaab", "el Fasher": the article belongs to the name
        out.append((start, j))
        i = j
    return out


def strip_leading(tokens: tuple[Token, ...], i: int, j: int) -> int:
    while i < j:
        t = tokens[i]
        lw = word_of(t)
        if t.text == "." or lw in ("of", "for", "the") or (lw in L.stopwords and not is_acronym(t.text)):
            i += 1
            continue
        if lw in L.country_by_form and j - i >= 3 and i >= 2 and tokens[i - 1].lower in ("for", "to") \
                and word_of(tokens[i - 2]) in L.title_words and is_given_name(tokens[i + 1].text) \
                and _a_person_after(tokens, i + 1, j):
            i += 1  # "special envoy for Venezuela Elliott Abrams": the office's country, then the person
            continue
        if (_a_member_word(lw) or (lw in L.country_by_demonym and _a_person_after(tokens, i + 1, j))) \
                and j - i >= 3 and not any(word_of(x) in L.org_nouns for x in tokens[i + 1:j]):
            # "Tory David Heathcoat-Amory", "Frenchman Cedric Pioline", "American Kevin King": a description of
            # the person
            i += 1
            continue
        if j - i >= 3 and _opens_sentence(tokens, i) and _describes_a_person(lw) \
                and (_plain_first_name(tokens[i + 1].text) or (j - i >= 4 and _a_member_before_a_name(tokens, i + 1, j))) \
                and not any(word_of(x) in L.org_nouns or word_of(x) in L.toponym_heads or word_of(x) in L.title_words
                            for x in tokens[i + 1:j]):
            # "Former Paul Tse", "Exiled Paul Tse": a word describing the person before a given name, or before
            # a party member's or a nationality's word and then one ("Fellow Lib Dem Norman Baker")
            i += 1
            continue
        if j - i >= 2 and _opens_sentence(tokens, i) and _a_participle(t.text) \
                and (j - i == 2 or _plain_first_name(tokens[i + 1].text)) \
                and not any(word_of(x) in L.org_nouns or word_of(x) in L.toponym_heads or word_of(x) in L.title_words
                            for x in tokens[i + 1:j]):
            i += 1  # "Defeating ISIL will take time", "Praising Celtic, he said": a verb opening the sentence
            continue
        break
    return i


def _a_participle(word: str) -> bool:
    """"Defeating", "Praising": a dictionary verb's -ing form, not a name ("Sterling") nor a town ("Reading")."""
    lw = word.lower()
    if len(lw) < 6 or not lw.endswith("ing") or not word[1:].islower() or is_given_name(lw) \
            or lw in L.places or L.city(word) is not None or lw in L.particles:
        return False
    stem = lw[:-3]
    return any(is_common_word(s) for s in (lw, stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""))


_COMPASS = L.cues["compass_words"]


def _a_member_before_a_name(tokens: tuple[Token, ...], i: int, j: int) -> bool:
    """Tokens [i, j) open with a party member's or a nationality's words ("Lib Dem", "Tory", "Frenchman") and go
    on with a name ("Norman Baker", "Adama Coulibaly")."""
    k = i
    while k < j and _a_member_word(word_of(tokens[k])):
        k += 1
    return i < k < j and tokens[k].text[:1].isupper()


def _a_person_after(tokens: tuple[Token, ...], k: int, j: int) -> bool:
    """After a nationality, a given name and a surname, one of them no dictionary word ("American Kevin King",
    "Australian Mark Philippoussis"; not "Jamaican Grace Foods", "the Australian Christian Lobby")."""
    first, last = tokens[k].text, tokens[j - 1].text
    return j - k == 2 and _plain_first_name(first) and first.lower() not in L.people_words \
        and not (is_common_word(first) and is_common_word(last))


def _a_member_word(lw: str) -> bool:
    """A party member's or a nationality's word ("tory", "dem", "frenchman"): a description of the person after it."""
    return lw in L.party_members or lw in L.nationality_nouns


def _plain_first_name(word: str) -> bool:
    """A common given name that names no place ("Paul", not "Virginia" or "Carolina")."""
    return plain_given_name(word) and word.lower() not in L.places


_OPENING_MARKS = frozenset({"-", "\u2013", "\u2014"})  # a dateline's dash; not a quote's mark ('"Human Gene Therapy"')


def _opens_sentence(tokens: tuple[Token, ...], i: int) -> bool:
    """The first word of a sentence, or of a caption's clause after its label ("Back to work: Heroic X ...")."""
    return i == 0 or tokens[i - 1].text in _OPENING_MARKS or tokens[i - 1].text == ":"


def _describes_a_person(lw: str) -> bool:
    """A dictionary word (or its participle: "exiled", "jailed") that is no given name and no word a name of a
    place, body or title starts with: capitalised only because it opens the sentence."""
    if is_given_name(lw) or lw in L.title_words or lw in L.toponym_prefixes or lw in L.org_nouns or lw in L.geo_nouns \
            or lw in L.country_by_demonym or lw in L.particles \
            or lw in L.region_prefixes or lw in _COMPASS:  # "Abu Abdul Rahman al-Makki", "West Virginia Democrat X"
        return False
    return is_common_word(lw) or (lw.endswith("ed") and (is_common_word(lw[:-1]) or is_common_word(lw[:-2])))


