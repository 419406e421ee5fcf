"""A rule-based Kazakh stemmer, and Russian stemming through Snowball.

Kazakh is agglutinative: a noun takes plural, possessive, case and predicative endings in that
order (кітап-тар-ымыз-да-мын), a verb voice, negation, tense or participle and person endings
(біл-ін-бе-й-ді). The stemmer strips these from the right, one slot at a time, never returning
to an outer slot, and accepts an ending only where Kazakh would have written it:

- vowel harmony: an ending's back or front vowel must agree with the last vowel of what is left
  (ending -лар after адам, -лер after үй);
- assimilation: its first consonant must suit the sound before it (-ның after vowels and м н ң,
  -дың after л р у й ж з, -тың after voiceless consonants);
- what is left must still look like a Kazakh word: two letters or more with a vowel, and no
  final consonant pair that Kazakh does not end a word with.

Stem-final alternations are undone (кітаб-ы -> кітап, жүрег-і -> жүрек, шылығ-ы -> шылық).
Stemming works on the word's 2021 Latin spelling, so a word gets the same stem whichever script
it was written in; stems are returned in that spelling (they are search keys, not display text).
"""

from __future__ import annotations

import re
from functools import lru_cache

from baspa.kazakh._text import require_str
from baspa.kazakh.normalize import canonical
from baspa.kazakh.translit import _latin_tables, latin_lower

__all__ = ["stem", "stem_ru"]

_BACK = frozenset("aoūy")
_FRONT = frozenset("äeöüı")
_VOWELS = frozenset("aäeıioöuūüy")
# Word-final и and у are [ɪj] and [uw]: endings treat them as the consonants й and у.
_TRUE_VOWELS = frozenset("aäeıoöūüy")
_NASALS = frozenset("mnñ")
_LIQUIDS = frozenset("lriu")  # л р й у (и, у at the end of a word behave as й, у)
_SIBILANTS = frozenset("jz")
# Voiceless consonants, and б в г д ғ that only end loanwords and take the same endings.
_VOICELESS = frozenset("ptkqsşfhçbvgdğ")

# Which sounds may precede an ending that begins as the key says. "V" vowel, "N" м н ң,
# "L" л р й у, "Z" ж з, "X" voiceless. Kazakh grammar's allomorph tables, e.g. the genitive
# -ның (V, N), -дың (L, Z), -тың (X).
_CLASS = {
    **dict.fromkeys(_TRUE_VOWELS, "V"),
    **dict.fromkeys(_NASALS, "N"),
    **dict.fromkeys(_LIQUIDS, "L"),
    **dict.fromkeys(_SIBILANTS, "Z"),
    **dict.fromkeys(_VOICELESS, "X"),
}


def _harmony(word: str) -> str:
    """'b' back, 'f' front, '' unknown: the class of the word's last vowel."""
    # Russian surnames in -ев, -ов take the harmony of the name before them: Тоқаевтың.
    if word.endswith(("ev", "ov")) and len(word) > 4:
        word = word[:-2]
    seen_u = False
    for k in range(len(word) - 1, -1, -1):
        ch = word[k]
        if ch in _BACK:
            return "b"
        if ch in _FRONT:
            return "f"
        if ch == "i" and (k == 0 or word[k - 1] not in _BACK):
            # И takes either harmony in loanwords (министрге, калийдің, but мұхиттың).
            return ""
        seen_u = seen_u or ch == "u"
    # У alone is back: уға, суға.
    return "b" if seen_u else ""


# Slots, innermost first. An ending is (text, slot, allowed preceding classes, requirement).
VOICE, NEG, CONVERB, TAM, PLURAL, POSS, CASE, PERSON = range(8)

_Ending = tuple[str, int, str, str]


def _pair(back: str, front: str, slot: int, before: str, need: str = "") -> list[_Ending]:
    return [(back, slot, before, need), (front, slot, before, need)]


def _build() -> dict[str, list[_Ending]]:
    endings: list[_Ending] = []
    add = endings.extend
    # Plural: -лар after vowels and р й у, -дар after л м н ң ж з, -тар after voiceless.
    add(_pair("lar", "ler", PLURAL, "Vriu"))
    add(_pair("dar", "der", PLURAL, "NZl"))
    add(_pair("tar", "ter", PLURAL, "X"))
    # Possessive: 1sg, 2sg, 2sg polite, 1pl, 3rd person; the short forms after vowels.
    add(_pair("ym", "ım", POSS, "NLZX"))
    # -м and -ң after a vowel only before the dative -а/-е (атама): адам, таң end in them.
    add([("m", POSS, "V", "dat")])
    add(_pair("yñ", "ıñ", POSS, "NLZX"))
    add([("ñ", POSS, "V", "dat")])
    add(_pair("yñyz", "ıñız", POSS, "NLZX"))
    add(_pair("ñyz", "ñız", POSS, "V"))
    add(_pair("ymyz", "ımız", POSS, "NLZX"))
    add(_pair("myz", "mız", POSS, "V"))
    add(_pair("y", "ı", POSS, "NLZX"))
    add(_pair("sy", "sı", POSS, "V"))
    # Case. "p3" = only after a third-person possessive (-ы, -і, -сы, -сі), "p12" = only
    # after -м, -ң of the first and second person.
    add(_pair("nyñ", "nıñ", CASE, "VN"))
    add(_pair("dyñ", "dıñ", CASE, "LZ"))
    add(_pair("tyñ", "tıñ", CASE, "X"))
    add(_pair("ny", "nı", CASE, "V"))
    add(_pair("dy", "dı", CASE, "NLZ"))
    add(_pair("ty", "tı", CASE, "X"))
    add([("n", CASE, "V", "p3")])
    add(_pair("ğa", "ge", CASE, "VNLZ"))
    add(_pair("qa", "ke", CASE, "X"))
    add(_pair("na", "ne", CASE, "V", "p3"))
    add(_pair("a", "e", CASE, "N", "p12"))
    add(_pair("da", "de", CASE, "VNLZ"))
    add(_pair("ta", "te", CASE, "X"))
    add(_pair("nda", "nde", CASE, "V", "p3"))
    add(_pair("dan", "den", CASE, "VLZ"))
    add(_pair("nan", "nen", CASE, "N"))
    add(_pair("nan", "nen", CASE, "V", "p3"))
    add(_pair("tan", "ten", CASE, "X"))
    for suffix in ("", "en"):
        add([("men" + suffix, CASE, "VNL", ""), ("ben" + suffix, CASE, "Z", "")])
        add([("pen" + suffix, CASE, "X", "")])
    # Attributive -дағы and similative -дай.
    add(_pair("dağy", "degı", CASE, "VNLZ"))
    add(_pair("tağy", "tegı", CASE, "X"))
    add(_pair("ndağy", "ndegı", CASE, "V", "p3"))
    # Attributive -ғы/-гі/-қы/-кі of time and place (жылғы, бүгінгі, қазіргі, кейінгі).
    add(_pair("ğy", "gı", CASE, "NLZ"))
    add(_pair("qy", "kı", CASE, "X"))
    # Similative -дай only after a participle (атқарғандай): too many nouns end in -дай, -тай.
    add(_pair("dai", "dei", CASE, "N", "ptcp"))
    # Predicative person endings (кітапшымын, студентсің, біздікіміз).
    add(_pair("myn", "mın", PERSON, "VNL"))
    add(_pair("byn", "bın", PERSON, "Z"))
    add(_pair("pyn", "pın", PERSON, "X"))
    add(_pair("myz", "mız", PERSON, "VNL"))
    add(_pair("byz", "bız", PERSON, "Z"))
    add(_pair("pyz", "pız", PERSON, "X"))
    add(_pair("syñ", "sıñ", PERSON, "VNLZX"))
    add(_pair("syz", "sız", PERSON, "VNLZX"))
    add(_pair("syñdar", "sıñder", PERSON, "VNLZX"))
    add(_pair("syzdar", "sızder", PERSON, "VNLZX"))
    # Verbs. Past tense with its person endings.
    for head, before in (("d", "VNLZ"), ("t", "X")):
        for tail in ("", "m", "ñ", "ñyz", "ñdar"):
            add(_pair(head + "y" + tail, head + "ı" + tail.replace("y", "ı"), TAM, before))
    # Participles, verbal noun, converbs, moods.
    add(_pair("ğan", "gen", TAM, "VNLZ"))
    add(_pair("qan", "ken", TAM, "X"))
    add(_pair("atyn", "etın", TAM, "NLZX"))
    add(_pair("ityn", "itın", TAM, "V"))
    # The aorist -ар only before a person ending (барармын, келерсің): too
    # many nouns end in -ар (хабар, базар, қатар).
    add(_pair("ar", "er", TAM, "NLZX", "aorist"))
    # -р and -п after a vowel only after verb-forming endings (сайла-п, тексере-р): bare
    # nouns end in them too often (бар, кітап, топ).
    add([("r", TAM, "V", "vstem")])
    add(_pair("yp", "ıp", TAM, "NLZX"))
    # Evidential past -ыпты (кетіпті, шығыпты, демепті).
    add(_pair("ypty", "ıptı", TAM, "NLZX"))
    add([("pty", TAM, "V", "vneg"), ("ptı", TAM, "V", "vneg")])
    add([("p", TAM, "V", "vstem")])
    add(_pair("u", "u", TAM, "VNLZX")[:1])
    add(_pair("sa", "se", TAM, "VNLZX"))
    for tail in ("m", "ñ", "ñyz"):
        add(_pair("sa" + tail, "se" + tail.replace("y", "ı"), TAM, "VNLZX"))
    add(_pair("saq", "sek", TAM, "VNLZX"))
    add(_pair("syn", "sın", TAM, "VNLZX"))
    # The infinitive -мақ/-мек is not stripped: nouns end in it far more often (шөлмек,
    # батпақ, аймақ, соқпақ) than news uses it (білмек).
    add(_pair("aiyn", "eiın", TAM, "NLZX"))
    add(_pair("iyn", "iın", TAM, "V"))
    add(_pair("aiyq", "eiık", TAM, "NLZX"))
    add(_pair("iyq", "iık", TAM, "V"))
    add(_pair("ğaly", "gelı", TAM, "VNLZ"))
    add(_pair("qaly", "kelı", TAM, "X"))
    # Present tense: the converb -а/-е/-й before -ды or a person ending.
    add(_pair("a", "e", CONVERB, "NLZX", "fin"))
    add([("i", CONVERB, "V", "fin")])
    # Negation -ма/-ба/-па, with the converb -й (-май, -мей) when it closes the word.
    # (-ма closing a word is a noun: аударма, алма.)
    add(_pair("ma", "me", NEG, "VL", "verb"))
    add(_pair("ba", "be", NEG, "NZ", "verb"))
    add(_pair("pa", "pe", NEG, "X", "verb"))
    add(_pair("mai", "mei", NEG, "VL"))
    add(_pair("bai", "bei", NEG, "NZ"))
    add(_pair("pai", "pei", NEG, "X"))
    # Voice: passive -ыл/-л, -ын after л, reciprocal -ыс/-с. Only once a verb ending is gone.
    add(_pair("yl", "ıl", VOICE, "NLZX"))
    add([("l", VOICE, "V", "")])
    add(_pair("yn", "ın", VOICE, "L", "root3"))
    add([("n", VOICE, "V", "vstem")])
    add(_pair("ys", "ıs", VOICE, "NLZX"))
    add([("s", VOICE, "V", "")])
    table: dict[str, list[_Ending]] = {}
    for ending in endings:
        table.setdefault(ending[0], []).append(ending)
    return table


_ENDINGS = _build()
_LENGTHS = sorted({len(text) for text in _ENDINGS}, reverse=True)

# Word-final consonant pairs Kazakh allows (sonorant + consonant, and the loanword -ст, -нк...).
# A stem that would end in another pair was cut in the wrong place.
_FINAL_PAIRS = frozenset(
    "lt lq lk ld lğ lg lp lm ls lş lj lz rt rq rk rd rğ rg rp rs rş rj rz rm rn rl "
    "it iq ik id iğ ig ip is iş ij iz im in ir il "
    "ut uq uk ud uğ ug up us uş uj uz um un ur ul "
    "nt nq nk nd ng ns nş nj nz ñq ñk mp mb ms st sk sp ft kt pt "
    "ks ts ğq gk".split()
)

# Endings that close a finite verb: the present converb -а/-е/-й is stripped only before them.
_FINITE = frozenset(
    "dy dı ty tı myn mın byn bın pyn pın myz mız byz bız pyz pız syñ sıñ syz sız "
    "syñdar sıñder syzdar sızder m ñ ñyz ñız q k".split()
)
_POSS3 = ("y", "ı")
_POSS12 = ("m", "ñ")
_ALTERNATIONS = {"ğ": "q", "g": "k", "b": "p"}


_KAZAKH_ONLY = frozenset("äğqñöūüı")
# The instrumental -мен/-бен/-пен (and -менен) has no back form.
_INVARIANT = frozenset("men ben pen menen benen penen".split())
_NEGATIONS = ("ma", "me", "ba", "be", "pa", "pe")
_PARTICIPLES = ("ğan", "gen", "qan", "ken")
_VERB_STEMS = ("la", "le", "da", "de", "ra", "re", "sa", "se", "ia", "ña", "ñe")


_PERSONAL = frozenset(("bız", "sız", "sen", "ol"))
# The only consonant + vowel verb roots in common use: де "say", же "eat".
_SHORT_VERBS = frozenset(("de", "je"))


def _stem_ok(stem: str) -> bool:
    if len(stem) < 2 or (len(stem) == 2 and stem[1] in _TRUE_VOWELS):
        # Consonant + vowel is not a stem (те-ңіз, кі-сі, ма-са), except the verbs де and же.
        return stem in _SHORT_VERBS
    if not any(ch in _VOWELS for ch in stem):
        return False
    if stem[-1] not in _VOWELS and stem[-2] not in _VOWELS:
        # Loanwords end in any pair (министр, динозавр); a word with a Kazakh-only letter ends
        # only in the pairs Kazakh allows, which stops Қазақстан becoming Қазақс + -тан.
        return stem[-2:] in _FINAL_PAIRS or _KAZAKH_ONLY.isdisjoint(stem)
    return True


# Verb endings that make a noun or adjective (participles, verbal noun, infinitive, aorist):
# the only ones a plural, possessive or case ending may follow.
_NOMINAL_TAM = frozenset("ğan gen qan ken atyn etın ityn itın ar er r u".split())
_ACC_PAST = frozenset("dy dı ty tı".split())
_PARTICIPLE_TAILS = ("ğa", "ge", "qa", "ke")


def _derived_verb(stem: str) -> bool:
    """Whether ``stem`` ends in the verb-forming -ла/-да/-та with the sound before it that
    assimilation requires (ой-ла, таң-да, іс-те), so that it is a vowel-final verb.

    -ла after a vowel (таза-ла) is left out: there -л-а- is far more often a passive in the
    present tense (жаса-л-а-ды, сана-л-а-ды)."""
    if len(stem) < 4 or stem[-2] not in "ldt":
        return False
    before = _CLASS.get(stem[-3], "?")
    allowed = {"l": "L", "d": "NZ", "t": "X"}[stem[-2]]
    return (before in allowed or (stem[-2] == "d" and stem[-3] == "l")) and _stem_ok(stem[:-2])


def _passive(stem: str) -> bool:
    """Whether ``stem`` ends in a passive -ыл/-іл/-ын/-ін, or -л after a verb-forming ending."""
    if stem[-1] == "l" and stem[-2] in "aeä":
        return len(stem) >= 5 and stem[:-1].endswith(_VERB_STEMS)
    if stem[-2:] in ("yl", "ıl") or (stem[-2:] in ("yn", "ın") and stem[-3:-2] == "l"):
        root = stem[:-2]
        return len(root) >= 2 and root[-1] not in _VOWELS and _stem_ok(root)
    return False


def _accepts(stem: str, ending: _Ending, last: str, last_slot: int) -> bool:
    text, slot, before, need = ending
    if stem in _SHORT_VERBS and slot > TAM:
        return False
    if slot == PLURAL and stem in _PERSONAL:
        # біздер, сіздер, сендер are pronouns of their own, not plurals to strip.
        return False
    if _CLASS.get(stem[-1], "?") not in before and stem[-1] not in before:
        # ``before`` lists sound classes ("V", "N", ...) and single letters ("r").
        return False
    vowel = next((ch for ch in reversed(text) if ch in _BACK or ch in _FRONT), "")
    if vowel and text not in _INVARIANT:
        harmony = _harmony(stem)
        if harmony and (harmony == "b") != (vowel in _BACK):
            return False
    if slot == CASE and text in _ACC_PAST and _passive(stem):
        # ашылды, бөлінді, жасалды: the past tense of a passive, not an accusative.
        return False
    if (
        slot == CASE
        and text in ("ny", "nı")
        and stem.endswith(_PARTICIPLE_TAILS)
        and stem[-3] not in _VOWELS
    ):
        # барғаны, айтқаны are a participle + -ы, not a dative and an accusative (but
        # бағаны, мерекені are accusatives: -ған, -ген follow consonants far more often).
        return False
    if need == "p3":
        return stem.endswith(_POSS3) and _harmony(stem[:-1]) != ""
    if need == "p12":
        # Only if the possessive can go too: атам-а, адамым-а, but not ұм-а.
        if stem.endswith(("ym", "ım", "yñ", "ıñ")) and _stem_ok(stem[:-2]):
            return True
        return stem.endswith(_POSS12) and stem[-2] in _TRUE_VOWELS and _stem_ok(stem[:-1])
    if need == "fin" and text in ("a", "e") and last in _ACC_PAST and _derived_verb(stem + text):
        # істеді, бастады, ойлады: the past of a verb in -ла/-да/-та, not a present бар-а-ды.
        return False
    if need == "fin":
        # -а/-е before a possessive-looking -мыз, -ңыз is read as a noun (атамыз, not ат-а-мыз).
        return last in _FINITE and (last_slot != POSS or text == "i")
    if need == "verb":
        return last_slot in (TAM, CONVERB)
    if need == "dat":
        return last_slot == CASE and last in ("a", "e")
    if need == "vstem":
        return (len(stem) >= 4 and stem.endswith(_VERB_STEMS)) or stem in _SHORT_VERBS
    if need == "vneg":
        return len(stem) >= 4 and stem.endswith(_VERB_STEMS + _NEGATIONS)
    if slot == TAM and last_slot in (PLURAL, POSS, CASE) and text not in _NOMINAL_TAM:
        # Only participles and verbal nouns take nominal endings: қалыптан is not қал-ып-тан.
        return False
    if text in ("sy", "sı") and slot == POSS and stem[-1] in "yı" and stem[-2] not in _VOWELS:
        # барысы, соғысы: a noun in -ыс/-іс + -ы, read before a noun in -ы + -сы (оқушысы).
        return False
    if need == "aorist":
        return len(stem) >= 3 and last_slot == PERSON
    if need == "root3":
        return len(stem) >= 3
    if need == "ptcp":
        return stem.endswith(_PARTICIPLES)
    return True


def _strip(word: str) -> str:
    slot_limit = PERSON + 1
    last = ""
    last_slot = -1
    verbal = False
    while True:
        for length in _LENGTHS:
            if length >= len(word):
                continue
            candidates = _ENDINGS.get(word[-length:])
            if not candidates:
                continue
            stem = word[:-length]
            if not _stem_ok(stem):
                continue
            for ending in candidates:
                slot = ending[1]
                if slot >= slot_limit:
                    continue
                if slot == VOICE and not verbal:
                    continue
                if _accepts(stem, ending, last, last_slot):
                    break
            else:
                continue
            word, last, last_slot, slot_limit = stem, ending[0], slot, slot
            verbal = verbal or slot in (TAM, CONVERB, NEG)
            break
        else:
            break
    return _settle(word)


def _settle(word: str) -> str:
    """Undo the alternations a suffix causes at the end of a stem."""
    if len(word) >= 4 and word[-1] in "yı" and word[-2] not in _VOWELS:
        word = word[:-1]
    # Voicing before a vowel-initial ending: кітап -> кітабы, жүрек -> жүрегі, -лық -> -лығы.
    if word[-1] in _ALTERNATIONS and len(word) > 2:
        word = word[:-1] + _ALTERNATIONS[word[-1]]
    # The high vowel of a last closed syllable drops before a vowel: ауыз -> аузы, орын -> орны,
    # халық -> халқы. Stems are keyed without it, so both spellings meet.
    if (
        len(word) >= 4
        and word[-2] in "yı"
        and word[-1] not in _VOWELS
        and word[-3] not in _VOWELS
        and any(ch in _VOWELS for ch in word[:-3])
    ):
        word = word[:-2] + word[-1]
    return word


_PARTICLES = frozenset("au aq ei ğoi qoi şy şı da de ma me ba be pa pe".split())
_LATIN_LETTERS = frozenset("aäbçdefgğhıijklmnñoöpqrsştuūüvyz")
_STAND_INS = str.maketrans("ҡӄҕӷҥӊӈӯӱӓӧ", "ққғғңңңұүәө")
_PLAIN_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]+")


# Closed grammatical paradigms no rule of the regular morphology derives: pronouns with an
# irregular oblique stem (ол: оның, оған, одан; бұл: мұның, бұған; мен: маған), the
# allomorphs бен, пен of the conjunction мен, and the defective auxiliary е- (еді, екен, емес).
# Grammar, not a lexicon: every form of each paradigm is listed, in 2021 Latin.
_CLOSED_PARADIGMS = {
    "ol": "ol onyñ oğan ony onda odan onan onymen onymenen olai onyñşa",
    "sol": "sol sonyñ soğan sony sodan sonan sonymen sonymenen solai sonşa sonşama "
    "solar solardyñ solarğa solardy solarda solardan solarmen",
    "osy": "osy osynyñ osyğan osyny osynda osydan osynan osymen osynymen osylai osynşa "
    "osylar osylardyñ osylarğa osylardy osylarda osylardan osylarmen",
    "būl": "būl mūnyñ būnyñ būğan mūny būny mūnda būnda būdan mūnan būnan mūnymen būnymen "
    "būlai mūnşa būnşa būlar būlardyñ būlarğa būlardy būlarda būlardan būlarmen",
    # The particle да "also, and" after voiced and voiceless sounds, front and back.
    "da": "da de ta te",
    "men": "men menıñ mağan menı mende menen menımen menımenen mendei menıñşe ben pen benen penen",
    "sen": "sen senıñ sağan senı sende senen senımen senımenen sendei senıñşe",
    "e": "edı edım edıñ edık edıñız edıñder eken emes emespın emessıñ emespız emessız emessıñder",
}
_CLOSED = {form: key for key, forms in _CLOSED_PARADIGMS.items() for form in forms.split()}


@lru_cache(maxsize=131072)
def _stem_cached(word: str) -> str:
    # Fast paths for plain words in either script; anything else goes through ``canonical``.
    lowered = word.lower()
    if _PLAIN_CYRILLIC.fullmatch(lowered):
        key = lowered.translate(_latin_tables("2021")[0])
    else:
        # The stemmer reads Latin as Kazakh: capital I is ı (KITABY is кітабы).
        key = latin_lower(word)
        if not _LATIN_LETTERS.issuperset(key):
            # Stand-ins from other Cyrillic alphabets (ҡ, ҥ...) are Kazakh letters here even
            # in a word that is otherwise Latin, so that both spellings of a word meet.
            key = canonical(word.translate(_STAND_INS)).strip()
    if not key:
        return key
    if "-" in key:
        parts = [part for part in key.split("-") if part]
        # Particles and case endings written after a hyphen (білмейміз-ау, ҚР-да, 9-қарашада)
        # do not change what the word is about.
        while len(parts) > 1 and (parts[-1] in _PARTICLES or parts[-1] in _ENDINGS):
            parts.pop()
        return "-".join(_stem_key(part) for part in parts)
    return _stem_key(key)


def _stem_key(key: str) -> str:
    closed = _CLOSED.get(key)
    if closed is not None:
        return closed
    if key.startswith("eken") and len(key) > 4:
        # екені, екенін, екендігі: the auxiliary е- + the participle -кен + endings.
        return "e"
    if len(key) < 3 or not _LATIN_LETTERS.issuperset(key):
        return key
    return _strip(key)


def stem(word: str) -> str:
    """The stem of one Kazakh word, in either script, as a lower-case 2021 Latin search key.

    ``stem("Тоқаевтың") == stem("Toqaevtyñ") == "toqaev"``. Words of fewer than three letters,
    numbers and anything that is not a word come back normalised but unstripped.
    """
    require_str(word, "word")
    return _stem_cached(word)


@lru_cache(maxsize=1)
def _russian_stemmer():  # type: ignore[no-untyped-def]
    # PyStemmer wraps the Snowball C library; imported lazily so that baspa.kazakh imports
    # without it.
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type hints

    return Stemmer.Stemmer("russian")


def stem_ru(word: str) -> str:
    """The Snowball Russian stem of one word (lower-cased; ё is folded to е first)."""
    require_str(word, "word")
    return str(_russian_stemmer().stemWord(word.lower().replace("ё", "е")))
