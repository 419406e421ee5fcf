"""Generated Kazakh and Russian news text for the search benchmark, written for Baspa.

Entities (people, places, events) are given with the forms a newsroom writes them in: each
article names its entities in forms drawn at random from these lists, so a query in one form
must find articles that only use others. Everything is seeded: the same seed gives the same
corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# key: (kk forms, ru forms). The first form is the dictionary form.
ENTITIES: dict[str, tuple[list[str], list[str]]] = {
    # people
    "tokayev": (
        ["Тоқаев", "Тоқаевтың", "Тоқаевқа", "Тоқаевты", "Тоқаевпен", "Тоқаевтан"],
        ["Токаев", "Токаева", "Токаеву", "Токаевым", "Токаеве"],
    ),
    "bektenov": (
        ["Бектенов", "Бектеновтің", "Бектеновке", "Бектеновті", "Бектеновпен"],
        ["Бектенов", "Бектенова", "Бектенову", "Бектеновым"],
    ),
    "suleimenov": (
        ["Сүлейменов", "Сүлейменовтің", "Сүлейменовке", "Сүлейменовпен", "Сүлейменовтен"],
        ["Сулейменов", "Сулейменова", "Сулейменову", "Сулейменовым"],
    ),
    "zhumabaev": (
        ["Жұмабаев", "Жұмабаевтың", "Жұмабаевқа", "Жұмабаевпен", "Жұмабаевтан"],
        ["Жумабаев", "Жумабаева", "Жумабаеву", "Жумабаевым"],
    ),
    "nurlanuly": (
        ["Нұрланұлы", "Нұрланұлының", "Нұрланұлына", "Нұрланұлымен"],
        ["Нурланулы"],
    ),
    # places
    "kazakhstan": (
        ["Қазақстан", "Қазақстанның", "Қазақстанға", "Қазақстанда", "Қазақстаннан"],
        ["Казахстан", "Казахстана", "Казахстане", "Казахстану", "Казахстаном"],
    ),
    "astana": (
        ["Астана", "Астанада", "Астанаға", "Астананың", "Астанадан"],
        ["Астана", "Астаны", "Астане", "Астану", "Астаной"],
    ),
    "almaty": (
        ["Алматы", "Алматыда", "Алматыға", "Алматының", "Алматыдан"],
        ["Алматы"],
    ),
    "shymkent": (
        ["Шымкент", "Шымкентте", "Шымкентке", "Шымкенттің", "Шымкенттен"],
        ["Шымкент", "Шымкента", "Шымкенте", "Шымкенту"],
    ),
    "karaganda": (
        ["Қарағанды", "Қарағандыда", "Қарағандыға", "Қарағандының"],
        ["Караганда", "Караганды", "Караганде", "Карагандой"],
    ),
    "aktobe": (
        ["Ақтөбе", "Ақтөбеде", "Ақтөбеге", "Ақтөбенің", "Ақтөбеден"],
        ["Актобе"],
    ),
    "pavlodar": (
        ["Павлодар", "Павлодарда", "Павлодарға", "Павлодардың", "Павлодардан"],
        ["Павлодар", "Павлодара", "Павлодаре", "Павлодару"],
    ),
    "turkistan": (
        ["Түркістан", "Түркістанда", "Түркістанға", "Түркістанның", "Түркістаннан"],
        ["Туркестан", "Туркестана", "Туркестане", "Туркестану"],
    ),
    "atyrau": (
        ["Атырау", "Атырауда", "Атырауға", "Атыраудың", "Атыраудан"],
        ["Атырау"],
    ),
    "oral": (
        ["Орал", "Оралда", "Оралға", "Оралдың", "Оралдан"],
        ["Уральск", "Уральска", "Уральске"],
    ),
    "semei": (
        ["Семей", "Семейде", "Семейге", "Семейдің", "Семейден"],
        ["Семей", "Семея", "Семее"],
    ),
    # events and topics
    "elections": (
        ["сайлау", "сайлауда", "сайлауға", "сайлаудың", "сайлаудан"],
        ["выборы", "выборов", "выборах", "выборам"],
    ),
    "forum": (
        ["форум", "форумда", "форумға", "форумның", "форумнан"],
        ["форум", "форума", "форуме", "форумом"],
    ),
    "flood": (
        ["су тасқыны", "су тасқынына", "су тасқынынан", "су тасқынының"],
        ["паводок", "паводка", "паводке", "паводком"],
    ),
    "fire": (["өрт", "өртті", "өрттің", "өртке", "өрттен"], ["пожар", "пожара", "пожаре"]),
    "harvest": (
        ["егін", "егінді", "егіннің", "егінге", "егіннен"],
        ["урожай", "урожая", "урожае", "урожаем"],
    ),
    "budget": (
        ["бюджет", "бюджетке", "бюджеттің", "бюджеттен", "бюджетті"],
        ["бюджет", "бюджета", "бюджете", "бюджету"],
    ),
    "school": (
        ["мектеп", "мектепке", "мектептің", "мектепте", "мектептен"],
        ["школа", "школы", "школе", "школу"],
    ),
    "hospital": (
        ["аурухана", "ауруханаға", "аурухананың", "ауруханада", "ауруханадан"],
        ["больница", "больницы", "больнице", "больницу"],
    ),
    "opportunities": (
        ["мүмкіндіктер", "мүмкіндіктерге", "мүмкіндіктердің", "мүмкіндіктерді"],
        ["возможности", "возможностей", "возможностям"],
    ),
}
PEOPLE = ["tokayev", "bektenov", "suleimenov", "zhumabaev", "nurlanuly"]
PLACES = [
    "kazakhstan", "astana", "almaty", "shymkent", "karaganda", "aktobe", "pavlodar",
    "turkistan", "atyrau", "oral", "semei",
]  # fmt: skip
TOPICS = [
    "elections", "forum", "flood", "fire", "harvest", "budget", "school", "hospital",
    "opportunities",
]  # fmt: skip

KK_FILLER = (
    "биыл жыл басынан бері облыс әкімдігі жаңа жоба туралы хабарлады тұрғындар "
    "жиналыста пікір білдірді министрлік мәліметінше жұмыс жалғасып жатыр сарапшылар "
    "мәселені талқылады ауыл шаруашылығы кәсіпорын қаржы бағдарлама жол құрылыс "
    "өндіріс экспорт нарық баға көлік байланыс денсаулық білім мәдениет спорт "
    "жастар зейнеткер отбасы еңбек жалақы салық инвестиция кездесу келіссөз шешім "
    "заң депутаттар мәжіліс сенат үкімет комиссия есеп жоспар мерзім нәтиже көрсеткіш "
    "өсті азайды артты жүзеге асырылды қабылданды ашылды жабылды басталды аяқталды"
).split()
RU_FILLER = (
    "в этом году с начала года акимат области сообщил о новом проекте жители "
    "высказали мнение на собрании по данным министерства работа продолжается "
    "эксперты обсудили вопрос сельское хозяйство предприятие финансы программа "
    "дорога строительство производство экспорт рынок цены транспорт связь "
    "здравоохранение образование культура спорт молодежь пенсионеры семья труд "
    "зарплата налоги инвестиции встреча переговоры решение закон депутаты мажилис "
    "сенат правительство комиссия отчет план срок результат показатель вырос "
    "снизился увеличился реализован принят открыт закрыт начался завершился"
).split()


@dataclass
class Article:
    key: str
    language: str
    title: str
    lead: str
    body: str
    entities: list[str] = field(default_factory=list)
    days_ago: float = 0.0


def _sentence(rng: random.Random, filler: list[str], words: list[str], length: int) -> str:
    tokens = rng.choices(filler, k=length)
    for word in words:
        tokens.insert(rng.randrange(len(tokens) + 1), word)
    text = " ".join(tokens)
    return text[0].upper() + text[1:] + "."


def article(n: int, rng: random.Random, *, language: str, body_sentences: int = 12) -> Article:
    """One generated article: a person or topic, a place, and filler around them."""
    index = 0 if language == "kk" else 1
    filler = KK_FILLER if language == "kk" else RU_FILLER
    main = rng.choice(PEOPLE + TOPICS)
    place = rng.choice(PLACES)
    entities = [main, place]

    def form(key: str) -> str:
        return rng.choice(ENTITIES[key][index])

    title = _sentence(rng, filler, [form(main), form(place)], rng.randint(2, 5))[:-1]
    lead = _sentence(rng, filler, [form(main), form(place)], rng.randint(8, 14))
    sentences = []
    for _ in range(body_sentences):
        named = [form(main)] if rng.random() < 0.3 else []
        if rng.random() < 0.2:
            named.append(form(place))
        sentences.append(_sentence(rng, filler, named, rng.randint(6, 14)))
    return Article(
        key=f"{language}-{n}",
        language=language,
        title=title,
        lead=lead,
        body=" ".join(sentences),
        entities=entities,
        days_ago=rng.uniform(0, 3 * 365),
    )


def corpus(count: int, *, seed: int = 2026, kk_share: float = 0.7, body_sentences: int = 12):
    """`count` articles, Kazakh and Russian, as a generator (100,000 do not need to fit)."""
    rng = random.Random(seed)
    for n in range(count):
        language = "kk" if rng.random() < kk_share else "ru"
        yield article(n, rng, language=language, body_sentences=body_sentences)
