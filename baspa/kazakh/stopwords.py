"""Kazakh stopwords: function words that carry no topic for search."""

from __future__ import annotations

from functools import lru_cache

from baspa.kazakh._text import require_str
from baspa.kazakh.normalize import canonical

__all__ = ["STOPWORDS", "is_stopword"]

# Conjunctions, postpositions, particles, pronouns in their frequent forms, and the auxiliary
# forms that only mark tense or mood. Content verbs (бол, де, жаса) are not stopwords: a search
# for «болды» in a headline is meaningful. Written in Cyrillic; Latin spellings are derived.
STOPWORDS: frozenset[str] = frozenset(
    """
    және мен бен пен да де та те ал бірақ алайда немесе не әлде яғни себебі өйткені сондықтан
    егер онда сонда әрі тіпті тағы ғана қана тек әйтпесе дегенмен сөйтіп
    үшін туралы жөнінде бойынша арқылы сияқты секілді тәрізді қарай дейін шейін кейін бері соң
    бұрын гөрі қатар бірге қарсы сайын шамасы жуық астам артық кем ішінде арасында ретінде
    кезінде кезде жағдайда бойы бойында
    ма ме ба бе па пе ғой ау ей екен еді емес шығар
    мен сен сіз ол біз сендер сіздер олар өз өзі өзім өзің өзіңіз өзіміз өздері
    менің сенің сіздің оның біздің олардың өзінің
    маған саған сізге оған бізге оларға өзіне
    мені сені сізді оны бізді оларды өзін
    менде сенде сізде онда бізде оларда
    менен сенен сізден одан бізден олардан
    менімен сенімен сізбен онымен бізбен олармен
    бұл осы сол мына мынау анау бұның осының соның бұған осыған соған
    бұны осыны соны бұнда осында сонда бұдан осыдан содан мұндай осындай сондай
    қандай қанша неше кім не нені неге неден немен қайда қашан қалай қайсы неліктен нешінші
    әр әрбір барлық бүкіл бәрі бәріміз бәрің барша күллі кейбір біраз бірнеше еш ешкім ешнәрсе
    ештеңе ешқандай ешқашан әлдекім әлдене әркім әрқайсы
    иә әлі енді тым өте ең аса нағыз
    """.split()
)


@lru_cache(maxsize=1)
def _canonical_stopwords() -> frozenset[str]:
    return frozenset(canonical(word) for word in STOPWORDS)


def is_stopword(word: str) -> bool:
    """Whether ``word`` (either script, any case) is a Kazakh stopword."""
    require_str(word, "word")
    return canonical(word.strip()) in _canonical_stopwords()
