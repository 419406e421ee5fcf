"""Write bench/search/quality.json: the fixed quality corpus and the judged queries.

The queries below were written for Baspa: inflected names, places and events, Latin-script
queries for Cyrillic text, Russian queries. An article is relevant to a query when it is about
every entity the query names (its generated entities), whatever forms it uses for them.
Run once; the JSON is committed, so the corpus stays fixed even if the generator changes.
"""

import json
import random
import sys
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import article  # noqa: E402

# (query, language, entities it asks for)
QUERIES = [
    ("Тоқаев", "kk", ["tokayev"]),
    ("Тоқаевқа", "kk", ["tokayev"]),
    ("Тоқаевтың", "kk", ["tokayev"]),
    ("Toqaev", "kk", ["tokayev"]),
    ("Toqaevpen", "kk", ["tokayev"]),
    ("Бектеновке", "kk", ["bektenov"]),
    ("Bektenov", "kk", ["bektenov"]),
    ("Сүлейменовтің", "kk", ["suleimenov"]),
    ("Süleimenov", "kk", ["suleimenov"]),
    ("Жұмабаевпен", "kk", ["zhumabaev"]),
    ("Jūmabaev", "kk", ["zhumabaev"]),
    ("Нұрланұлы", "kk", ["nurlanuly"]),
    ("Nūrlanūlyna", "kk", ["nurlanuly"]),
    ("Қазақстан", "kk", ["kazakhstan"]),
    ("Қазақстанға", "kk", ["kazakhstan"]),
    ("Qazaqstannyñ", "kk", ["kazakhstan"]),
    ("Астанада", "kk", ["astana"]),
    ("Astana", "kk", ["astana"]),
    ("Алматыға", "kk", ["almaty"]),
    ("Almaty", "kk", ["almaty"]),
    ("Шымкентте", "kk", ["shymkent"]),
    ("Şymkent", "kk", ["shymkent"]),
    ("Қарағандының", "kk", ["karaganda"]),
    ("Ақтөбеге", "kk", ["aktobe"]),
    ("Aqtöbe", "kk", ["aktobe"]),
    ("Павлодарда", "kk", ["pavlodar"]),
    ("Түркістанға", "kk", ["turkistan"]),
    ("Türkıstan", "kk", ["turkistan"]),
    ("Атырауда", "kk", ["atyrau"]),
    ("Оралдан", "kk", ["oral"]),
    ("Семейге", "kk", ["semei"]),
    ("сайлауда", "kk", ["elections"]),
    ("sailau", "kk", ["elections"]),
    ("форумға", "kk", ["forum"]),
    ("forum", "kk", ["forum"]),
    ("су тасқыны", "kk", ["flood"]),
    ("тасқынына", "kk", ["flood"]),
    ("өрттің", "kk", ["fire"]),
    ("örtke", "kk", ["fire"]),
    ("егінді", "kk", ["harvest"]),
    ("бюджетке", "kk", ["budget"]),
    ("мектептің", "kk", ["school"]),
    ("ауруханаға", "kk", ["hospital"]),
    ("мүмкіндіктер", "kk", ["opportunities"]),
    ("Mümkındıkter", "kk", ["opportunities"]),
    ("Тоқаев Астанада", "kk", ["tokayev", "astana"]),
    ("Toqaev Astanada", "kk", ["tokayev", "astana"]),
    ("сайлау Шымкентте", "kk", ["elections", "shymkent"]),
    ("Бектеновтің Павлодарға", "kk", ["bektenov", "pavlodar"]),
    ("өрт Атырауда", "kk", ["fire", "atyrau"]),
    ("форум Алматыда", "kk", ["forum", "almaty"]),
    ("Жұмабаевтың Түркістанға", "kk", ["zhumabaev", "turkistan"]),
    ("мектеп Қарағанды", "kk", ["school", "karaganda"]),
    ("Токаев", "ru", ["tokayev"]),
    ("Токаеву", "ru", ["tokayev"]),
    ("Казахстане", "ru", ["kazakhstan"]),
    ("Астане", "ru", ["astana"]),
    ("Шымкента", "ru", ["shymkent"]),
    ("выборах", "ru", ["elections"]),
    ("паводка", "ru", ["flood"]),
    ("пожаре", "ru", ["fire"]),
    ("урожай", "ru", ["harvest"]),
    ("бюджета", "ru", ["budget"]),
    ("больнице", "ru", ["hospital"]),
    ("школы", "ru", ["school"]),
    ("Токаев Астана", "ru", ["tokayev", "astana"]),
    ("выборы Караганде", "ru", ["elections", "karaganda"]),
    ("Бектенова Павлодар", "ru", ["bektenov", "pavlodar"]),
]


def main() -> None:
    rng = random.Random(1991)
    articles = [
        article(n, rng, language="kk" if n % 3 else "ru", body_sentences=4) for n in range(900)
    ]
    queries = []
    for q, language, entities in QUERIES:
        relevant = [
            a.key for a in articles if a.language == language and set(entities) <= set(a.entities)
        ]
        assert relevant, q
        queries.append({"q": q, "language": language, "entities": entities, "relevant": relevant})
    data = {"articles": [asdict(a) for a in articles], "queries": queries}
    (HERE / "quality.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(articles)} articles, {len(queries)} queries")


if __name__ == "__main__":
    main()
